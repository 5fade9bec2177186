#include "util/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(struct sc_strbuf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return false;
	if (extra > SIZE_MAX - b->len - 1) {
		b->oom = true;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void sc_strbuf_append(struct sc_strbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sc_strbuf_puts(struct sc_strbuf *b, const char *s)
{
	sc_strbuf_append(b, s, strlen(s));
}

void sc_strbuf_putc(struct sc_strbuf *b, char c)
{
	sc_strbuf_append(b, &c, 1);
}

void sc_strbuf_printf(struct sc_strbuf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(b, (size_t)n)) {
		if (n < 0)
			b->oom = true;
		va_end(ap2);
		return;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
}

void sc_strbuf_json_string(struct sc_strbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	sc_strbuf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sc_strbuf_puts(b, "\\\""); break;
		case '\\': sc_strbuf_puts(b, "\\\\"); break;
		case '\n': sc_strbuf_puts(b, "\\n"); break;
		case '\r': sc_strbuf_puts(b, "\\r"); break;
		case '\t': sc_strbuf_puts(b, "\\t"); break;
		case '\b': sc_strbuf_puts(b, "\\b"); break;
		case '\f': sc_strbuf_puts(b, "\\f"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				sc_strbuf_append(b, e, 6);
			} else {
				sc_strbuf_putc(b, (char)c);
			}
		}
	}
	sc_strbuf_putc(b, '"');
}

char *sc_strbuf_steal(struct sc_strbuf *b)
{
	char *r;

	if (b->oom) {
		sc_strbuf_free(b);
		return NULL;
	}
	if (!b->data)
		reserve(b, 0);
	if (b->data)
		b->data[b->len] = '\0';
	r = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return r;
}

void sc_strbuf_free(struct sc_strbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}
