/* A growable byte buffer for writers (JSON, SARIF, text).  Allocation
 * failure is sticky: once `oom` is set every append is a no-op and the
 * owner checks it once at the end (sc_strbuf_failed). */
#ifndef SC_UTIL_STRBUF_H
#define SC_UTIL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct sc_strbuf {
	char *data; /* owned, NUL-terminated when len > 0 */
	size_t len, cap;
	bool oom;
};

void sc_strbuf_append(struct sc_strbuf *b, const char *s, size_t n);
void sc_strbuf_puts(struct sc_strbuf *b, const char *s);
void sc_strbuf_putc(struct sc_strbuf *b, char c);
void sc_strbuf_printf(struct sc_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal (quotes included), escaping all
 * control characters, '"' and '\\'; bytes >= 0x80 pass through (UTF-8). */
void sc_strbuf_json_string(struct sc_strbuf *b, const char *s, size_t n);
static inline bool sc_strbuf_failed(const struct sc_strbuf *b)
{
	return b->oom;
}
/* Give the buffer's data to the caller (never NULL unless oom). */
char *sc_strbuf_steal(struct sc_strbuf *b);
void sc_strbuf_free(struct sc_strbuf *b);

#endif
