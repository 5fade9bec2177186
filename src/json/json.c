/* Strict RFC 8259 reader: see json.h for what "strict" means here.
 *
 * Recursive descent over the bytes; depth is bounded by the limits, so the
 * recursion is too.  Every node and string lives in one arena freed with
 * the document.  Columns count code points: a UTF-8 continuation byte does
 * not advance the column.
 */
#include "json/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 65536

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct json_doc {
	struct chunk *chunks;
	const struct json_node *root;
};

struct parser {
	const unsigned char *p, *end;
	uint32_t line, col;
	unsigned depth, max_depth;
	struct json_doc *doc;
	struct sc_error *err;
};

struct json_limits json_limits_default(void)
{
	return (struct json_limits){.max_bytes = 4u << 20, .max_depth = 64};
}

static void *arena_alloc(struct json_doc *doc, size_t n)
{
	struct chunk *c = doc->chunks;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!c || c->cap - c->used < n) {
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = doc->chunks;
		doc->chunks = c;
	}
	c->used += n;
	return (char *)c->data + c->used - n;
}

void json_doc_free(struct json_doc *doc)
{
	if (!doc)
		return;
	for (struct chunk *c = doc->chunks, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(doc);
}

const struct json_node *json_doc_root(const struct json_doc *doc)
{
	return doc->root;
}

static int fail(struct parser *ps, int code, const char *fmt, const char *what)
{
	(void)fmt; /* always "%s": kept for readability at call sites */
	return sc_error_set_at(ps->err, code, ps->line, ps->col, "%s", what);
}

static void describe(const struct parser *ps, char *buf, size_t n)
{
	if (ps->p >= ps->end)
		snprintf(buf, n, "end of input");
	else if (*ps->p >= 0x20 && *ps->p < 0x7f)
		snprintf(buf, n, "'%c'", *ps->p);
	else
		snprintf(buf, n, "byte 0x%02x", *ps->p);
}

static int expected(struct parser *ps, const char *what)
{
	char found[32], msg[160];

	describe(ps, found, sizeof(found));
	snprintf(msg, sizeof(msg), "expected %s, found %s", what, found);
	return fail(ps, -EINVAL, "%s", msg);
}

static void advance(struct parser *ps)
{
	unsigned char c = *ps->p++;

	if (c == '\n') {
		ps->line++;
		ps->col = 1;
	} else if ((c & 0xc0) != 0x80) {
		ps->col++;
	}
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		advance(ps);
}

static struct json_node *new_node(struct parser *ps, enum json_type t, struct json_pos pos)
{
	struct json_node *n = arena_alloc(ps->doc, sizeof(*n));

	if (n) {
		memset(n, 0, sizeof(*n));
		n->type = t;
		n->pos = pos;
	}
	return n;
}

static int parse_value(struct parser *ps, const struct json_node **out);

/* Length of a valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static int hex4(struct parser *ps, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned char c = ps->p < ps->end ? *ps->p : 0;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return expected(ps, "4 hex digits after \\u");
		advance(ps);
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

/* At the opening quote.  The decoded form is never longer than the input. */
static int parse_string(struct parser *ps, const char **out, size_t *out_len)
{
	const unsigned char *start = ps->p + 1, *q = start;
	char *buf, *o;
	int rc;

	while (q < ps->end && *q != '"') /* a bound for the buffer size */
		q += *q == '\\' && q + 1 < ps->end ? 2 : 1;
	buf = arena_alloc(ps->doc, (size_t)(q - start) + 1);
	if (!buf)
		return fail(ps, -ENOMEM, "%s", "out of memory");
	o = buf;
	advance(ps);
	for (;;) {
		unsigned char c;

		if (ps->p >= ps->end)
			return fail(ps, -EINVAL, "%s", "unterminated string: expected '\"'");
		c = *ps->p;
		if (c == '"') {
			advance(ps);
			break;
		}
		if (c < 0x20) {
			char msg[96];

			snprintf(
			    msg, sizeof(msg),
			    "control character 0x%02x in a string: escape it (\\n, \\t, \\u00XX)",
			    c);
			return fail(ps, -EINVAL, "%s", msg);
		}
		if (c == '\\') {
			uint32_t cp = 0;

			advance(ps);
			c = ps->p < ps->end ? *ps->p : 0;
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
				advance(ps);
				rc = hex4(ps, &cp);
				if (rc)
					return rc;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return fail(ps, -EINVAL, "%s",
						    "lone low surrogate in \\u escape");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					uint32_t lo = 0;

					if (ps->end - ps->p < 2 || ps->p[0] != '\\' ||
					    ps->p[1] != 'u')
						return fail(ps, -EINVAL, "%s",
							    "high surrogate not followed by a \\u "
							    "low surrogate");
					advance(ps);
					advance(ps);
					rc = hex4(ps, &lo);
					if (rc)
						return rc;
					if (lo < 0xdc00 || lo > 0xdfff)
						return fail(ps, -EINVAL, "%s",
							    "high surrogate not followed by a low "
							    "surrogate");
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				o += put_utf8(o, cp);
				continue;
			default:
				return expected(
				    ps, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
			}
			advance(ps);
			continue;
		}
		size_t n = utf8_len(ps->p, ps->end);

		if (n == 0) {
			char msg[64];

			snprintf(msg, sizeof(msg), "invalid UTF-8 byte 0x%02x in string", c);
			return fail(ps, -EINVAL, "%s", msg);
		}
		for (size_t i = 0; i < n; i++) {
			*o++ = (char)*ps->p;
			advance(ps);
		}
	}
	*o = '\0';
	*out = buf;
	*out_len = (size_t)(o - buf);
	return 0;
}

static bool is_digit(const struct parser *ps)
{
	return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

/* number = [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ] */
static int parse_number(struct parser *ps, struct json_node *n)
{
	const unsigned char *start = ps->p;
	char *text;

	if (*ps->p == '-')
		advance(ps);
	if (!is_digit(ps))
		return expected(ps, "a digit");
	if (*ps->p == '0') {
		advance(ps);
		if (is_digit(ps))
			return fail(ps, -EINVAL, "%s", "leading zero in a number");
	} else {
		while (is_digit(ps))
			advance(ps);
	}
	if (ps->p < ps->end && *ps->p == '.') {
		advance(ps);
		if (!is_digit(ps))
			return expected(ps, "a digit after '.'");
		while (is_digit(ps))
			advance(ps);
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		advance(ps);
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			advance(ps);
		if (!is_digit(ps))
			return expected(ps, "a digit in the exponent");
		while (is_digit(ps))
			advance(ps);
	}
	text = arena_alloc(ps->doc, (size_t)(ps->p - start) + 1);
	if (!text)
		return fail(ps, -ENOMEM, "%s", "out of memory");
	memcpy(text, start, (size_t)(ps->p - start));
	text[ps->p - start] = '\0';
	n->u.number.text = text;
	n->u.number.len = (size_t)(ps->p - start);
	return 0;
}

static int literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return expected(ps, "a JSON value");
	for (size_t i = 0; i < n; i++)
		advance(ps);
	return 0;
}

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
	/* Equal keys: input order, so the second one is reported. */
	return x < y ? -1 : x > y;
}

static int check_duplicates(struct parser *ps, const struct json_member *m, size_t n)
{
	const struct json_member **sorted;
	int rc = 0;

	if (n < 2)
		return 0;
	sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		return fail(ps, -ENOMEM, "%s", "out of memory");
	for (size_t i = 0; i < n; i++)
		sorted[i] = &m[i];
	qsort(sorted, n, sizeof(*sorted), cmp_member);
	for (size_t i = 1; i < n && !rc; i++) {
		if (sorted[i]->key_len == sorted[i - 1]->key_len &&
		    memcmp(sorted[i]->key, sorted[i - 1]->key, sorted[i]->key_len) == 0) {
			char msg[256];

			snprintf(msg, sizeof(msg), "duplicate key \"%.*s\" (first at %u:%u)",
				 (int)(sorted[i]->key_len > 64 ? 64 : sorted[i]->key_len),
				 sorted[i]->key, sorted[i - 1]->key_pos.line,
				 sorted[i - 1]->key_pos.col);
			rc = sc_error_set_at(ps->err, -EINVAL, sorted[i]->key_pos.line,
					     sorted[i]->key_pos.col, "%s", msg);
		}
	}
	free(sorted);
	return rc;
}

/* Growable temporary vectors live on the heap until the container closes,
 * then move into the arena. */
static int parse_array(struct parser *ps, struct json_node *n)
{
	const struct json_node **items = NULL, **fin;
	size_t count = 0, cap = 0;
	int rc = 0;

	advance(ps); /* [ */
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		advance(ps);
		return 0;
	}
	for (;;) {
		const struct json_node *v;

		rc = parse_value(ps, &v);
		if (rc)
			goto out;
		if (count == cap) {
			size_t nc = cap ? cap * 2 : 8;
			const struct json_node **ni = realloc(items, nc * sizeof(*ni));

			if (!ni) {
				rc = fail(ps, -ENOMEM, "%s", "out of memory");
				goto out;
			}
			items = ni;
			cap = nc;
		}
		items[count++] = v;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			advance(ps);
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ']') {
				rc = fail(ps, -EINVAL, "%s", "trailing comma before ']'");
				goto out;
			}
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			advance(ps);
			break;
		}
		rc = expected(ps, "',' or ']' after an array element");
		goto out;
	}
	fin = arena_alloc(ps->doc, count * sizeof(*fin));
	if (!fin) {
		rc = fail(ps, -ENOMEM, "%s", "out of memory");
		goto out;
	}
	memcpy(fin, items, count * sizeof(*fin));
	n->u.array.items = fin;
	n->u.array.n = count;
out:
	free(items);
	return rc;
}

static int parse_object(struct parser *ps, struct json_node *n)
{
	struct json_member *members = NULL, *fin;
	size_t count = 0, cap = 0;
	int rc = 0;

	advance(ps); /* { */
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		advance(ps);
		return 0;
	}
	for (;;) {
		struct json_member m = {0};

		if (ps->p >= ps->end || *ps->p != '"') {
			rc = expected(ps, "a string key in double quotes");
			goto out;
		}
		m.key_pos = (struct json_pos){ps->line, ps->col};
		rc = parse_string(ps, &m.key, &m.key_len);
		if (rc)
			goto out;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			rc = expected(ps, "':' after an object key");
			goto out;
		}
		advance(ps);
		rc = parse_value(ps, &m.value);
		if (rc)
			goto out;
		if (count == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct json_member *nm = realloc(members, nc * sizeof(*nm));

			if (!nm) {
				rc = fail(ps, -ENOMEM, "%s", "out of memory");
				goto out;
			}
			members = nm;
			cap = nc;
		}
		members[count++] = m;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			advance(ps);
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == '}') {
				rc = fail(ps, -EINVAL, "%s", "trailing comma before '}'");
				goto out;
			}
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			advance(ps);
			break;
		}
		rc = expected(ps, "',' or '}' after an object member");
		goto out;
	}
	rc = check_duplicates(ps, members, count);
	if (rc)
		goto out;
	fin = arena_alloc(ps->doc, count * sizeof(*fin));
	if (!fin) {
		rc = fail(ps, -ENOMEM, "%s", "out of memory");
		goto out;
	}
	memcpy(fin, members, count * sizeof(*fin));
	n->u.object.members = fin;
	n->u.object.n = count;
out:
	free(members);
	return rc;
}

static int parse_value(struct parser *ps, const struct json_node **out)
{
	struct json_pos pos;
	struct json_node *n;
	int rc;

	skip_ws(ps);
	pos = (struct json_pos){ps->line, ps->col};
	if (ps->p >= ps->end)
		return expected(ps, "a JSON value");
	switch (*ps->p) {
	case '{':
	case '[':
		if (ps->depth >= ps->max_depth) {
			char msg[64];

			snprintf(msg, sizeof(msg), "nesting deeper than %u", ps->max_depth);
			return sc_error_set_at(ps->err, -E2BIG, pos.line, pos.col, "%s", msg);
		}
		n = new_node(ps, *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY, pos);
		if (!n)
			return fail(ps, -ENOMEM, "%s", "out of memory");
		ps->depth++;
		rc = n->type == JSON_OBJECT ? parse_object(ps, n) : parse_array(ps, n);
		ps->depth--;
		break;
	case '"':
		n = new_node(ps, JSON_STRING, pos);
		if (!n)
			return fail(ps, -ENOMEM, "%s", "out of memory");
		rc = parse_string(ps, &n->u.string.s, &n->u.string.len);
		break;
	case 't':
	case 'f':
		n = new_node(ps, JSON_BOOL, pos);
		if (!n)
			return fail(ps, -ENOMEM, "%s", "out of memory");
		n->u.boolean = *ps->p == 't';
		rc = literal(ps, n->u.boolean ? "true" : "false");
		break;
	case 'n':
		n = new_node(ps, JSON_NULL, pos);
		if (!n)
			return fail(ps, -ENOMEM, "%s", "out of memory");
		rc = literal(ps, "null");
		break;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
			n = new_node(ps, JSON_NUMBER, pos);
			if (!n)
				return fail(ps, -ENOMEM, "%s", "out of memory");
			rc = parse_number(ps, n);
			break;
		}
		if (*ps->p == '\'')
			return fail(ps, -EINVAL, "%s",
				    "single quotes: JSON strings use double quotes");
		if (*ps->p == '/')
			return fail(ps, -EINVAL, "%s", "comments are not allowed in JSON");
		return expected(ps, "a JSON value");
	}
	if (rc)
		return rc;
	*out = n;
	return 0;
}

int json_parse(const char *data, size_t len, const struct json_limits *lim, struct json_doc **out,
	       struct sc_error *err)
{
	struct json_limits l = lim ? *lim : json_limits_default();
	struct parser ps = {
	    .p = (const unsigned char *)data,
	    .end = (const unsigned char *)data + len,
	    .line = 1,
	    .col = 1,
	    .max_depth = l.max_depth,
	    .err = err,
	};
	const struct json_node *root;
	int rc;

	*out = NULL;
	if (len > l.max_bytes)
		return sc_error_set_at(err, -E2BIG, 1, 1, "input larger than %zu bytes",
				       l.max_bytes);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		return sc_error_set_at(
		    err, -EINVAL, 1, 1,
		    "byte-order mark not allowed: save the file as UTF-8 without BOM");
	ps.doc = calloc(1, sizeof(*ps.doc));
	if (!ps.doc)
		return sc_error_set(err, -ENOMEM, "out of memory");
	skip_ws(&ps);
	if (ps.p >= ps.end) {
		json_doc_free(ps.doc);
		return sc_error_set_at(err, -EINVAL, ps.line, ps.col,
				       "empty input: expected a JSON value");
	}
	rc = parse_value(&ps, &root);
	if (rc == 0) {
		skip_ws(&ps);
		if (ps.p < ps.end)
			rc = expected(&ps, "end of input after the JSON value");
	}
	if (rc) {
		json_doc_free(ps.doc);
		return rc;
	}
	ps.doc->root = root;
	*out = ps.doc;
	return 0;
}

enum json_num_status json_number_u64(const struct json_node *n, uint64_t *out)
{
	const char *s = n->u.number.text;
	uint64_t v = 0;

	if (strpbrk(s, ".eE"))
		return JSON_NUM_NOT_INTEGER;
	if (s[0] == '-')
		return JSON_NUM_NEGATIVE;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return JSON_NUM_OVERFLOW;
		v = v * 10 + d;
	}
	*out = v;
	return JSON_NUM_OK;
}

enum json_num_status json_number_i64(const struct json_node *n, int64_t *out)
{
	const char *s = n->u.number.text;
	bool neg = s[0] == '-';
	uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	if (strpbrk(s, ".eE"))
		return JSON_NUM_NOT_INTEGER;
	for (s += neg; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (limit - d) / 10)
			return JSON_NUM_OVERFLOW;
		v = v * 10 + d;
	}
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	return JSON_NUM_OK;
}

const struct json_member *json_object_member(const struct json_node *obj, const char *key)
{
	size_t kl;

	if (!obj || obj->type != JSON_OBJECT)
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
