/* The one error convention of libseccompctl.
 *
 * A fallible library function returns 0 on success or a negative errno and,
 * when it fails, fills a `struct sc_error` with a message.  Callers add
 * context on the way up with sc_error_prefix() ("syscalls[3]: " + message).
 * The library never prints and never exits; the CLI renders the error.
 *
 * The error object owns no heap memory: fixed buffers keep error paths
 * allocation-free (they run when memory may be short).
 */
#ifndef SC_UTIL_ERROR_H
#define SC_UTIL_ERROR_H

#include <stdint.h>

#define SC_ERROR_MSG_MAX  1024
#define SC_ERROR_FILE_MAX 512

struct sc_error {
	int code;		      /* negative errno, 0 when unset */
	uint32_t line, col;	      /* 1-based input position, 0 = unknown */
	char file[SC_ERROR_FILE_MAX]; /* input name, "" = none */
	char msg[SC_ERROR_MSG_MAX];   /* what went wrong (and what to do) */
};

/* Set code and message; returns code so callers can `return sc_error_set(...)`.
 * code must be negative. */
int sc_error_set(struct sc_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, and record the input position. */
int sc_error_set_at(struct sc_error *err, int code, uint32_t line, uint32_t col, const char *fmt,
		    ...) __attribute__((format(printf, 5, 6)));
/* Prepend context to the message; returns err->code. */
int sc_error_prefix(struct sc_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sc_error_set_file(struct sc_error *err, const char *file);
void sc_error_clear(struct sc_error *err);

#endif
