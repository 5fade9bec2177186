#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static __attribute__((format(printf, 3, 0))) void vset(struct sc_error *err, int code,
						       const char *fmt, va_list ap)
{
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int sc_error_set(struct sc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int sc_error_set_at(struct sc_error *err, int code, uint32_t line, uint32_t col, const char *fmt,
		    ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	err->line = line;
	err->col = col;
	return code;
}

int sc_error_prefix(struct sc_error *err, const char *fmt, ...)
{
	char prefix[SC_ERROR_MSG_MAX];
	size_t plen, olen;
	va_list ap;
	int n;

	if (!err)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	if (n < 0)
		return err->code;
	plen = strnlen(prefix, sizeof(err->msg) - 1);
	olen = strnlen(err->msg, sizeof(err->msg) - 1);
	/* Shift the old message right, truncating its tail, then put the
	 * prefix in front. */
	if (plen + olen > sizeof(err->msg) - 1)
		olen = sizeof(err->msg) - 1 - plen;
	memmove(err->msg + plen, err->msg, olen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen + olen] = '\0';
	return err->code;
}

void sc_error_set_file(struct sc_error *err, const char *file)
{
	if (err && file)
		snprintf(err->file, sizeof(err->file), "%s", file);
}

void sc_error_clear(struct sc_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}
