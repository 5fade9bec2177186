/* Strict RFC 8259 reader: see json.h for what "strict" means here.
 *
 * The grammar it implements (RFC 8259 sections 2-7, with RFC 3629 UTF-8):
 *   JSON-text = ws value ws
 *   value     = "false" / "null" / "true" / object / array / number / string
 *   object    = "{" ws [ member *( ws "," ws member ) ] ws "}"
 *   member    = string ws ":" ws value
 *   array     = "[" ws [ value *( ws "," ws value ) ] ws "]"
 *   number    = [ "-" ] ( "0" / %x31-39 *DIGIT ) [ "." 1*DIGIT ] [ ("e"/"E") ["+"/"-"] 1*DIGIT ]
 *   string    = %x22 *( %x20-21 / %x23-5B / %x5D-10FFFF / escape ) %x22
 *   escape    = "\" ( %x22 / "\" / "/" / "b" / "f" / "n" / "r" / "t" / "u" 4HEXDIG )
 *   ws        = *( %x20 / %x09 / %x0A / %x0D )
 *
 * The reader is iterative: open containers live on a heap stack, so no
 * max_depth a caller picks can overflow the C stack.  Elements of the open
 * containers collect on scratch stacks shared by all levels and move into
 * the document's arena when their container closes; a document costs a few
 * mallocs, not one per container.
 *
 * Columns are computed only when a position is needed (a node, a key, an
 * error): the scanner remembers the last position it handed out and counts
 * code points from there.  Positions are asked for in input order and
 * raw line breaks only occur in whitespace, so the hot loops do no
 * bookkeeping and the counting is linear overall.
 */
#include "json/json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Arena chunks grow geometrically from ARENA_MIN to ARENA_MAX bytes: small
 * documents stay small, large ones take few mallocs. */
#define ARENA_MIN (8u << 10)
#define ARENA_MAX (1u << 20)

/* Objects up to this many members are checked for duplicates pairwise;
 * larger ones are sorted. */
#define SMALL_OBJECT 8

/* Keys quoted in error messages are cut to about this many bytes. */
#define KEY_QUOTE_MAX 64

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

/* Lives at the start of its own first chunk, so freeing the chunk list
 * frees everything: nodes, strings, arrays and the document itself. */
struct json_doc {
	struct chunk *chunks; /* owned; newest first, except oversized ones */
	const struct json_node *root;
};

/* An open container and where its elements start on the scratch stack. */
struct frame {
	struct json_node *node; /* in the arena */
	size_t base;
};

/* All pointers into the input are borrowed; the scratch stacks are owned
 * by the parser and freed by parser_release(); doc is handed to the caller
 * on success. */
struct parser {
	const unsigned char *p, *end;
	/* Lazy columns: `mark` is at column `mark_col` of line `line`. */
	const unsigned char *line_start, *mark;
	uint32_t line, mark_col;
	struct json_limits lim;
	struct json_doc *doc;
	struct sc_error *err;

	struct frame *frames;
	size_t nframes, frames_cap;
	const struct json_node **items; /* elements of open arrays */
	size_t nitems, items_cap;
	struct json_member *members; /* members of open objects */
	size_t nmembers, members_cap;
	const struct json_member **sorted; /* the duplicate check's workspace */
	size_t sorted_cap;
};

struct json_limits json_limits_default(void)
{
	return (struct json_limits){.max_bytes = 4u << 20, .max_depth = 64};
}

/* ---- memory ---- */

static struct chunk *chunk_new(size_t cap)
{
	struct chunk *c;

	if (cap > SIZE_MAX - sizeof(*c))
		return NULL;
	c = malloc(sizeof(*c) + cap);
	if (c) {
		c->next = NULL;
		c->used = 0;
		c->cap = cap;
	}
	return c;
}

static void *arena_alloc(struct json_doc *doc, size_t n, size_t align)
{
	struct chunk *c = doc->chunks, *nc;
	size_t off = (c->used + align - 1) & ~(align - 1);

	if (off <= c->cap && c->cap - off >= n) {
		c->used = off + n;
		return (char *)c->data + off;
	}
	/* A large request gets a chunk of its own behind the current one,
	 * which keeps serving small requests instead of being abandoned. */
	if (n > c->cap / 4) {
		nc = chunk_new(n);
		if (!nc)
			return NULL;
		nc->used = n;
		nc->next = c->next;
		c->next = nc;
		return nc->data;
	}
	nc = chunk_new(c->cap < ARENA_MAX ? c->cap * 2 : ARENA_MAX);
	if (!nc)
		return NULL;
	nc->used = n;
	nc->next = c;
	doc->chunks = nc;
	return nc->data;
}

static struct json_doc *doc_new(void)
{
	struct chunk *c = chunk_new(ARENA_MIN);
	struct json_doc *doc;

	if (!c)
		return NULL;
	doc = (struct json_doc *)c->data;
	c->used = sizeof(*doc);
	doc->chunks = c;
	doc->root = NULL;
	return doc;
}

void json_doc_free(struct json_doc *doc)
{
	struct chunk *c, *next;

	if (!doc)
		return;
	/* doc is inside the oldest chunk, which is freed last. */
	for (c = doc->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
}

const struct json_node *json_doc_root(const struct json_doc *doc)
{
	return doc->root;
}

/* Make room for `need` elements of `size` bytes in *v. */
static int reserve(void *v, size_t *cap, size_t need, size_t size)
{
	void **vp = v;
	size_t nc = *cap ? *cap : 16;
	void *nv;

	if (need <= *cap)
		return 0;
	while (nc < need) {
		if (nc > SIZE_MAX / 2)
			return -ENOMEM;
		nc *= 2;
	}
	if (nc > SIZE_MAX / size)
		return -ENOMEM;
	nv = realloc(*vp, nc * size);
	if (!nv)
		return -ENOMEM;
	*vp = nv;
	*cap = nc;
	return 0;
}

static void parser_release(struct parser *ps)
{
	free(ps->frames);
	free(ps->items);
	free(ps->members);
	free(ps->sorted);
}

/* ---- positions and errors ---- */

/* Code points in [q, end): every byte but the UTF-8 continuation bytes
 * (10xxxxxx), counted a word at a time since every node asks. */
static size_t code_points(const unsigned char *q, const unsigned char *end)
{
	const uint64_t high = 0x8080808080808080ull;
	size_t n = (size_t)(end - q);

	for (; end - q >= 8; q += 8) {
		uint64_t w;

		memcpy(&w, q, sizeof(w));
		/* bit 7 set and bit 6 clear, per byte */
		n -= (size_t)__builtin_popcountll(w & ~(w << 1) & high);
	}
	for (; q < end; q++)
		n -= (*q & 0xc0) == 0x80;
	return n;
}

/* The position of p, which is on the current line. */
static struct json_pos pos_at(struct parser *ps, const unsigned char *p)
{
	size_t col;

	if (p < ps->mark) {
		ps->mark = ps->line_start;
		ps->mark_col = 1;
	}
	col = ps->mark_col + code_points(ps->mark, p);
	ps->mark = p;
	ps->mark_col = col > UINT32_MAX ? UINT32_MAX : (uint32_t)col;
	return (struct json_pos){ps->line, ps->mark_col};
}

static __attribute__((format(printf, 4, 5))) int fail_at(struct parser *ps, const unsigned char *at,
							 int code, const char *fmt, ...)
{
	struct json_pos pos = pos_at(ps, at);
	char msg[SC_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc_error_set_at(ps->err, code, pos.line, pos.col, "%s", msg);
}

static int oom(struct parser *ps)
{
	return fail_at(ps, ps->p, -ENOMEM, "out of memory");
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decode the UTF-8 sequence at p (RFC 3629 section 4: no overlongs, no
 * surrogates, nothing above U+10FFFF).  Returns its length, or 0 and why
 * not. */
static size_t utf8_decode(const unsigned char *p, const unsigned char *end, uint32_t *cp,
			  const char **why)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t v = 0;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc0) {
		*why = "continuation byte without a lead byte";
		return 0;
	}
	if (c < 0xe0)
		n = 2, v = c & 0x1f;
	else if (c < 0xf0)
		n = 3, v = c & 0x0f;
	else if (c < 0xf8)
		n = 4, v = c & 0x07;
	else {
		*why = "bytes 0xf8-0xff never occur in UTF-8";
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (p + i >= end || (p[i] & 0xc0) != 0x80) {
			*why = "truncated sequence";
			return 0;
		}
		v = v << 6 | (p[i] & 0x3f);
	}
	if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000)) {
		*why = "overlong encoding";
		return 0;
	}
	if (v >= 0xd800 && v <= 0xdfff) {
		*why = "UTF-16 surrogate encoded in UTF-8";
		return 0;
	}
	if (v > 0x10ffff) {
		*why = "above U+10FFFF";
		return 0;
	}
	*cp = v;
	return n;
}

/* What is at p, for "expected X, found Y". */
static void describe(const unsigned char *p, const unsigned char *end, char *buf, size_t n)
{
	const char *why;
	uint32_t cp;
	size_t len;

	if (p >= end)
		snprintf(buf, n, "end of input");
	else if (*p >= 0x20 && *p < 0x7f)
		snprintf(buf, n, "'%c'", *p);
	else if (*p >= 0x80 && (len = utf8_decode(p, end, &cp, &why)) > 0)
		snprintf(buf, n, "'%.*s' (U+%04X)", (int)len, (const char *)p, (unsigned)cp);
	else
		snprintf(buf, n, "byte 0x%02x", *p);
}

static bool word_at(const unsigned char *p, const unsigned char *end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) >= n && memcmp(p, w, n) == 0;
}

/* The mistakes people make when they write JSON by hand or paste it from
 * elsewhere, explained.  start is where p's line starts. */
static const char *hint(const unsigned char *p, const unsigned char *start,
			const unsigned char *end)
{
	/* "1e", "1..", "truex" are not words or signs of their own. */
	bool token_start = p == start || memchr(" \t\r\n[{,:", p[-1], 8);

	if (p >= end)
		return "";
	if (word_at(p, end, "\xe2\x80\x9c") || word_at(p, end, "\xe2\x80\x9d") ||
	    word_at(p, end, "\xe2\x80\x98") || word_at(p, end, "\xe2\x80\x99"))
		return " (curly quotes: JSON strings use straight double quotes)";
	if (*p == '/')
		return " (comments are not allowed in JSON)";
	if (*p == '\'')
		return " (JSON strings use double quotes)";
	if ((*p == 'x' || *p == 'X') && p > start && p[-1] == '0')
		return " (JSON numbers are decimal)";
	if (word_at(p, end, "NaN") || word_at(p, end, "Infinity"))
		return " (NaN and Infinity are not JSON numbers)";
	if (!token_start)
		return "";
	if (*p == '+')
		return " (JSON numbers have no leading '+')";
	if (*p == '.')
		return " (JSON numbers need a digit before '.')";
	if (is_alpha(*p))
		return " (a bare word is not JSON: strings need double quotes, the literals are "
		       "true, false and null)";
	return "";
}

static int expected_at(struct parser *ps, const unsigned char *at, const char *what)
{
	char found[32];

	describe(at, ps->end, found, sizeof(found));
	return fail_at(ps, at, -EINVAL, "expected %s, found %s%s", what, found,
		       hint(at, ps->line_start, ps->end));
}

static int expected(struct parser *ps, const char *what)
{
	return expected_at(ps, ps->p, what);
}

/* ---- scanner ---- */

static void skip_ws(struct parser *ps)
{
	const unsigned char *p = ps->p;

	while (p < ps->end) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
		} else if (*p == '\n') {
			p++;
			if (ps->line < UINT32_MAX)
				ps->line++;
			ps->line_start = ps->mark = p;
			ps->mark_col = 1;
		} else {
			break;
		}
	}
	ps->p = p;
}

static struct json_node *new_node(struct parser *ps, enum json_type t, struct json_pos pos)
{
	struct json_node *n = arena_alloc(ps->doc, sizeof(*n), _Alignof(struct json_node));

	if (n)
		*n = (struct json_node){.type = t, .pos = pos};
	return n;
}

static int hex4(struct parser *ps, const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++, p++) {
		unsigned char c = p < ps->end ? *p : 0;

		v <<= 4;
		if (is_digit(c))
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return expected_at(ps, p, "4 hex digits after \\u");
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static const char *control_escape(unsigned char c, char *buf, size_t n)
{
	switch (c) {
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	}
	snprintf(buf, n, "\\u%04x", c);
	return buf;
}

/* A \u escape at p (at the backslash); surrogate pairs join into one code
 * point (RFC 8259 section 7).  Advances *pp past what it used. */
static int u_escape(struct parser *ps, const unsigned char **pp, uint32_t *cp)
{
	const unsigned char *p = *pp;
	uint32_t hi = 0, lo = 0;
	int rc;

	rc = hex4(ps, p + 2, &hi);
	if (rc)
		return rc;
	p += 6;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail_at(ps, p, -EINVAL,
			       "lone low surrogate \\u%04x in \\u escape: it must follow a high "
			       "surrogate (\\ud800-\\udbff)",
			       (unsigned)hi);
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (ps->end - p < 2 || p[0] != '\\' || p[1] != 'u')
			return fail_at(ps, p, -EINVAL,
				       "high surrogate not followed by a \\u low surrogate "
				       "(\\u%04x needs \\udc00-\\udfff after it)",
				       (unsigned)hi);
		rc = hex4(ps, p + 2, &lo);
		if (rc)
			return rc;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail_at(ps, p, -EINVAL,
				       "high surrogate not followed by a low surrogate: \\u%04x is "
				       "not in \\udc00-\\udfff",
				       (unsigned)lo);
		p += 6;
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	*cp = hi;
	*pp = p;
	return 0;
}

/* The string whose opening quote is at ps->p and at `open`. */
static int parse_string(struct parser *ps, struct json_pos open, const char **out, size_t *out_len)
{
	const unsigned char *s = ps->p + 1, *q = s, *p, *end = ps->end;
	bool plain = true;
	char *buf, *o;
	int rc;

	/* Find the closing quote first.  It bounds the decoded length (no
	 * escape or UTF-8 sequence decodes to more bytes than it spans), and
	 * most strings are printable ASCII that needs nothing but a copy. */
	while (q < end && *q != '"') {
		if (*q == '\\') {
			plain = false;
			q += end - q > 1 ? 2 : 1;
		} else {
			plain = plain && *q >= 0x20 && *q < 0x80;
			q++;
		}
	}
	buf = arena_alloc(ps->doc, (size_t)(q - s) + 1, 1);
	if (!buf)
		return oom(ps);
	if (plain && q < end) {
		memcpy(buf, s, (size_t)(q - s));
		buf[q - s] = '\0';
		*out = buf;
		*out_len = (size_t)(q - s);
		ps->p = q + 1;
		return 0;
	}

	/* The decoder stops at the same quote as the scan above: both step
	 * over escapes as units, and no byte of an escape or of a valid UTF-8
	 * sequence is a quote. */
	for (p = s, o = buf;;) {
		unsigned char c;
		const char *why = "";
		char esc[8];
		uint32_t cp = 0;
		size_t n;

		if (p >= end)
			return fail_at(ps, p, -EINVAL,
				       "unterminated string (opened at %u:%u): expected '\"'",
				       open.line, open.col);
		c = *p;
		if (c == '"')
			break;
		if (c < 0x20)
			return fail_at(ps, p, -EINVAL,
				       "control character 0x%02x in a string: write it as %s", c,
				       control_escape(c, esc, sizeof(esc)));
		if (c != '\\') {
			n = utf8_decode(p, end, &cp, &why);
			if (n == 0)
				return fail_at(ps, p, -EINVAL,
					       "invalid UTF-8 byte 0x%02x in string (%s)", c, why);
			memcpy(o, p, n);
			o += n;
			p += n;
			continue;
		}
		c = p + 1 < end ? p[1] : 0;
		switch (c) {
		case '"':
		case '\\':
		case '/': *o++ = (char)c; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			rc = u_escape(ps, &p, &cp);
			if (rc)
				return rc;
			o += put_utf8(o, cp);
			continue;
		default:
			return expected_at(ps, p + 1,
					   "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
		}
		p += 2;
	}
	*o = '\0';
	*out = buf;
	*out_len = (size_t)(o - buf);
	ps->p = p + 1;
	return 0;
}

static int parse_number(struct parser *ps, struct json_node *n)
{
	const unsigned char *s = ps->p, *p = s, *end = ps->end;
	char *text;

	if (*p == '-')
		p++;
	if (p >= end || !is_digit(*p))
		return expected_at(ps, p, "a digit");
	if (*p == '0') {
		p++;
		if (p < end && is_digit(*p))
			return fail_at(ps, p, -EINVAL,
				       "leading zero in a number (only 0 itself starts with 0)");
	} else {
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !is_digit(*p))
			return expected_at(ps, p, "a digit after '.'");
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return expected_at(ps, p, "a digit in the exponent");
		while (p < end && is_digit(*p))
			p++;
	}
	text = arena_alloc(ps->doc, (size_t)(p - s) + 1, 1);
	if (!text)
		return oom(ps);
	memcpy(text, s, (size_t)(p - s));
	text[p - s] = '\0';
	n->u.number.text = text;
	n->u.number.len = (size_t)(p - s);
	ps->p = p;
	return 0;
}

/* ---- duplicate keys ---- */

static bool same_key(const struct json_member *a, const struct json_member *b)
{
	return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/* Bytes, then length, then input order: the first occurrence of a key
 * sorts first among its equals. */
static int cmp_member(const void *a, const void *b)
{
	const struct json_member *x = *(const struct json_member *const *)a;
	const struct json_member *y = *(const struct json_member *const *)b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, n);

	if (c)
		return c;
	if (x->key_len != y->key_len)
		return x->key_len < y->key_len ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Quote a key for a message the way it would be written in JSON, cut at a
 * code point boundary when long. */
static void quote_key(char *buf, size_t n, const char *key, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];

		/* Room for the longest escape, "...", and the NUL. */
		if (o + 11 > n || (o >= KEY_QUOTE_MAX && (c & 0xc0) != 0x80)) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20) {
			o += (size_t)snprintf(buf + o, n - o, "\\u%04x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
}

/* RFC 8259 section 4 leaves duplicate names to the implementation; a
 * profile with two "defaultAction"s means different things to different
 * runtimes, so we refuse it.  Keys compare after unescaping ("a" and
 * "\u0061" are the same key).  The duplicate reported is the earliest
 * second occurrence in the input, whatever the key. */
static int check_duplicates(struct parser *ps, const struct json_member *m, size_t n)
{
	const struct json_member *first = NULL, *dup = NULL;
	char key[KEY_QUOTE_MAX + 16];

	if (n < 2)
		return 0;
	if (n <= SMALL_OBJECT) {
		for (size_t j = 1; j < n && !dup; j++)
			for (size_t i = 0; i < j; i++)
				if (same_key(&m[i], &m[j])) {
					first = &m[i];
					dup = &m[j];
					break;
				}
	} else {
		if (reserve(&ps->sorted, &ps->sorted_cap, n, sizeof(*ps->sorted)))
			return oom(ps);
		for (size_t i = 0; i < n; i++)
			ps->sorted[i] = &m[i];
		qsort(ps->sorted, n, sizeof(*ps->sorted), cmp_member);
		for (size_t i = 1; i < n; i++)
			if (same_key(ps->sorted[i - 1], ps->sorted[i]) &&
			    (!dup || ps->sorted[i] < dup)) {
				first = ps->sorted[i - 1];
				dup = ps->sorted[i];
			}
	}
	if (!dup)
		return 0;
	quote_key(key, sizeof(key), dup->key, dup->key_len);
	return sc_error_set_at(ps->err, -EINVAL, dup->key_pos.line, dup->key_pos.col,
			       "duplicate key \"%s\" (first at %u:%u)", key, first->key_pos.line,
			       first->key_pos.col);
}

/* ---- containers ---- */

static int open_container(struct parser *ps, enum json_type t, struct json_pos pos)
{
	struct json_node *n;

	if (ps->nframes >= ps->lim.max_depth)
		return sc_error_set_at(ps->err, -E2BIG, pos.line, pos.col, "nesting deeper than %u",
				       ps->lim.max_depth);
	if (reserve(&ps->frames, &ps->frames_cap, ps->nframes + 1, sizeof(*ps->frames)))
		return oom(ps);
	n = new_node(ps, t, pos);
	if (!n)
		return oom(ps);
	ps->frames[ps->nframes++] = (struct frame){
	    .node = n,
	    .base = t == JSON_ARRAY ? ps->nitems : ps->nmembers,
	};
	ps->p++;
	return 0;
}

/* Move the innermost container's elements into the arena and close it. */
static int close_container(struct parser *ps, const struct json_node **out)
{
	struct frame *f = &ps->frames[ps->nframes - 1];
	struct json_node *n = f->node;
	size_t count;
	int rc;

	if (n->type == JSON_ARRAY) {
		const struct json_node **items = NULL;

		count = ps->nitems - f->base;
		if (count) {
			items = arena_alloc(ps->doc, count * sizeof(*items), _Alignof(void *));
			if (!items)
				return oom(ps);
			memcpy(items, ps->items + f->base, count * sizeof(*items));
		}
		n->u.array.items = items;
		n->u.array.n = count;
		ps->nitems = f->base;
	} else {
		struct json_member *members = NULL;

		count = ps->nmembers - f->base;
		if (count) {
			rc = check_duplicates(ps, ps->members + f->base, count);
			if (rc)
				return rc;
			members = arena_alloc(ps->doc, count * sizeof(*members),
					      _Alignof(struct json_member));
			if (!members)
				return oom(ps);
			memcpy(members, ps->members + f->base, count * sizeof(*members));
		}
		n->u.object.members = members;
		n->u.object.n = count;
		ps->nmembers = f->base;
	}
	ps->p++;
	ps->nframes--;
	*out = n;
	return 0;
}

static bool peek_is(const struct parser *ps, unsigned char c)
{
	return ps->p < ps->end && *ps->p == c;
}

/* A member's key and the ':' after it. */
static int parse_key(struct parser *ps)
{
	struct json_member *m;
	struct json_pos pos;
	int rc;

	skip_ws(ps);
	if (!peek_is(ps, '"'))
		return expected(ps, "a string key in double quotes");
	if (reserve(&ps->members, &ps->members_cap, ps->nmembers + 1, sizeof(*ps->members)))
		return oom(ps);
	pos = pos_at(ps, ps->p);
	m = &ps->members[ps->nmembers];
	*m = (struct json_member){.key_pos = pos};
	rc = parse_string(ps, pos, &m->key, &m->key_len);
	if (rc)
		return rc;
	ps->nmembers++;
	skip_ws(ps);
	if (!peek_is(ps, ':'))
		return expected(ps, "':' after object key");
	ps->p++;
	return 0;
}

static int literal(struct parser *ps, const char *word)
{
	if (!word_at(ps->p, ps->end, word))
		return expected(ps, "a JSON value");
	ps->p += strlen(word);
	return 0;
}

/* Start a value.  A scalar, or a container closed at once, comes back in
 * *out; an opened container leaves *out NULL. */
static int begin_value(struct parser *ps, const struct json_node **out)
{
	enum json_type t;
	struct json_node *n;
	struct json_pos pos;
	unsigned char c;
	int rc;

	*out = NULL;
	skip_ws(ps);
	if (ps->p >= ps->end)
		return expected(ps, "a JSON value");
	pos = pos_at(ps, ps->p);
	c = *ps->p;
	switch (c) {
	case '[':
	case '{':
		rc = open_container(ps, c == '[' ? JSON_ARRAY : JSON_OBJECT, pos);
		if (rc)
			return rc;
		skip_ws(ps);
		if (peek_is(ps, c == '[' ? ']' : '}'))
			return close_container(ps, out);
		return 0;
	case '"': t = JSON_STRING; break;
	case 't':
	case 'f': t = JSON_BOOL; break;
	case 'n': t = JSON_NULL; break;
	default:
		if (c != '-' && !is_digit(c))
			return expected(ps, "a JSON value");
		t = JSON_NUMBER;
		break;
	}
	n = new_node(ps, t, pos);
	if (!n)
		return oom(ps);
	switch (t) {
	case JSON_STRING: rc = parse_string(ps, pos, &n->u.string.s, &n->u.string.len); break;
	case JSON_NUMBER: rc = parse_number(ps, n); break;
	case JSON_NULL: rc = literal(ps, "null"); break;
	default:
		n->u.boolean = c == 't';
		rc = literal(ps, n->u.boolean ? "true" : "false");
		break;
	}
	if (rc)
		return rc;
	*out = n;
	return 0;
}

/* v is complete: make it an element of the innermost container, then read
 * what follows it.  *next is the container when that closes, else NULL
 * (after a ','). */
static int end_element(struct parser *ps, const struct json_node *v, const struct json_node **next)
{
	bool array = ps->frames[ps->nframes - 1].node->type == JSON_ARRAY;
	unsigned char close = array ? ']' : '}';

	*next = NULL;
	if (array) {
		if (reserve(&ps->items, &ps->items_cap, ps->nitems + 1, sizeof(*ps->items)))
			return oom(ps);
		ps->items[ps->nitems++] = v;
	} else {
		ps->members[ps->nmembers - 1].value = v;
	}
	skip_ws(ps);
	if (peek_is(ps, ',')) {
		ps->p++;
		skip_ws(ps);
		if (peek_is(ps, close))
			return fail_at(ps, ps->p, -EINVAL, "trailing comma before '%c'", close);
		return 0;
	}
	if (peek_is(ps, close))
		return close_container(ps, next);
	return expected(ps, array ? "',' or ']' after array element"
				  : "',' or '}' after object member");
}

static int parse_text(struct parser *ps, const struct json_node **root)
{
	const struct json_node *v;
	int rc;

	for (;;) {
		if (ps->nframes && ps->frames[ps->nframes - 1].node->type == JSON_OBJECT) {
			rc = parse_key(ps);
			if (rc)
				return rc;
		}
		rc = begin_value(ps, &v);
		if (rc)
			return rc;
		/* Each finished value may finish its container, and so on up. */
		while (v) {
			if (ps->nframes == 0) {
				*root = v;
				return 0;
			}
			rc = end_element(ps, v, &v);
			if (rc)
				return rc;
		}
	}
}

int json_parse(const char *data, size_t len, const struct json_limits *lim, struct json_doc **out,
	       struct sc_error *err)
{
	/* A NULL buffer reads as empty input (arithmetic on NULL is UB). */
	const unsigned char *in = (const unsigned char *)(data ? data : "");
	struct parser ps = {
	    .p = in,
	    .end = data ? in + len : in,
	    .line_start = in,
	    .mark = in,
	    .line = 1,
	    .mark_col = 1,
	    .lim = lim ? *lim : json_limits_default(),
	    .err = err,
	};
	const struct json_node *root = NULL;
	int rc;

	*out = NULL;
	if (len > ps.lim.max_bytes)
		return sc_error_set_at(err, -E2BIG, 1, 1, "input larger than %zu bytes",
				       ps.lim.max_bytes);
	if (ps.end - ps.p >= 3 && memcmp(ps.p, "\xef\xbb\xbf", 3) == 0)
		return sc_error_set_at(
		    err, -EINVAL, 1, 1,
		    "byte-order mark not allowed: save the file as UTF-8 without BOM");
	skip_ws(&ps);
	if (ps.p >= ps.end) {
		struct json_pos pos = pos_at(&ps, ps.p);

		return sc_error_set_at(err, -EINVAL, pos.line, pos.col,
				       "empty input: expected a JSON value");
	}
	ps.doc = doc_new();
	if (!ps.doc)
		return sc_error_set_at(err, -ENOMEM, 1, 1, "out of memory");
	rc = parse_text(&ps, &root);
	if (rc == 0) {
		skip_ws(&ps);
		if (ps.p < ps.end)
			rc = expected(&ps, "end of input after the JSON value");
	}
	parser_release(&ps);
	if (rc) {
		json_doc_free(ps.doc);
		return rc;
	}
	ps.doc->root = root;
	*out = ps.doc;
	return 0;
}

/* ---- accessors ---- */

/* Digits of an integer lexeme (the reader guarantees the syntax) up to
 * `limit`. */
static enum json_num_status integer(const struct json_node *n, uint64_t limit, bool *neg,
				    uint64_t *out)
{
	const char *s;
	size_t len, i;
	uint64_t v = 0;

	if (!n || n->type != JSON_NUMBER)
		return JSON_NUM_NOT_INTEGER;
	s = n->u.number.text;
	len = n->u.number.len;
	if (memchr(s, '.', len) || memchr(s, 'e', len) || memchr(s, 'E', len))
		return JSON_NUM_NOT_INTEGER;
	*neg = len > 0 && s[0] == '-';
	for (i = *neg; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (limit - d) / 10)
			return JSON_NUM_OVERFLOW;
		v = v * 10 + d;
	}
	*out = v;
	return JSON_NUM_OK;
}

enum json_num_status json_number_u64(const struct json_node *n, uint64_t *out)
{
	enum json_num_status st;
	bool neg = false;
	uint64_t v;

	st = integer(n, UINT64_MAX, &neg, &v);
	if (st == JSON_NUM_NOT_INTEGER)
		return st;
	/* The sign decides before the digits do: "-0" and "-1e999..." alike. */
	if (neg)
		return JSON_NUM_NEGATIVE;
	if (st == JSON_NUM_OK)
		*out = v;
	return st;
}

enum json_num_status json_number_i64(const struct json_node *n, int64_t *out)
{
	bool neg = n && n->type == JSON_NUMBER && n->u.number.len > 0 && n->u.number.text[0] == '-';
	enum json_num_status st;
	uint64_t v;

	/* The negative range is one larger: -9223372036854775808 fits. */
	st = integer(n, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &neg, &v);
	if (st != JSON_NUM_OK)
		return st;
	if (!neg)
		*out = (int64_t)v;
	else if (v == 0)
		*out = 0;
	else
		*out = -(int64_t)(v - 1) - 1; /* v - 1 fits in int64_t; -v may not */
	return JSON_NUM_OK;
}

const struct json_member *json_object_member(const struct json_node *obj, const char *key)
{
	size_t kl;

	if (!obj || obj->type != JSON_OBJECT || !key)
		return NULL;
	kl = strlen(key);
	for (size_t i = 0; i < obj->u.object.n; i++)
		if (obj->u.object.members[i].key_len == kl &&
		    memcmp(obj->u.object.members[i].key, key, kl) == 0)
			return &obj->u.object.members[i];
	return NULL;
}

const struct json_node *json_object_get(const struct json_node *obj, const char *key)
{
	const struct json_member *m = json_object_member(obj, key);

	return m ? m->value : NULL;
}

const char *json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_BOOL: return "boolean";
	case JSON_NUMBER: return "number";
	case JSON_STRING: return "string";
	case JSON_ARRAY: return "array";
	case JSON_OBJECT: return "object";
	}
	return "?";
}
