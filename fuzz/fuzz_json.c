/* libFuzzer harness for the strict JSON reader.
 *
 * A failed parse must say what and where: err->code is the return value,
 * one of the documented errnos, with a message and a position that exists
 * in the input.  A successful parse must give a tree the rest of
 * seccompctl can trust:
 *   - every node and key position points at the input character that starts
 *     it ('{', '[', '"', the number's lexeme byte for byte, the literal),
 *     and positions rise in document order;
 *   - strings are NUL-terminated at their length, keys of an object are
 *     distinct and json_object_get finds each;
 *   - integer conversions agree with strtoull/strtoll on integer lexemes;
 *   - writing the tree back as JSON and reading that gives the same tree.
 * Any violation abort()s with a note on stderr.  Replaying files with gcc:
 * build with fuzz/replay_main.c instead of libFuzzer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
	fprintf(stderr, "fuzz_json: %s\n", what);
	abort();
}

/* Line and column of every byte that starts a code point, plus the end of
 * input, counted the way json.h defines them; sorted by construction. */
struct posmap {
	struct json_pos *pos;
	size_t *off;
	size_t n;
};

static void posmap_build(struct posmap *m, const uint8_t *data, size_t size)
{
	struct json_pos cur = {1, 1};

	m->pos = malloc((size + 1) * sizeof(*m->pos));
	m->off = malloc((size + 1) * sizeof(*m->off));
	m->n = 0;
	if (!m->pos || !m->off)
		violation("out of memory in the harness");
	for (size_t i = 0; i <= size; i++) {
		if (i < size && (data[i] & 0xc0) == 0x80)
			continue;
		m->pos[m->n] = cur;
		m->off[m->n++] = i;
		if (i < size && data[i] == '\n') {
			cur.line++;
			cur.col = 1;
		} else {
			cur.col++;
		}
	}
}

/* The offset at p, or SIZE_MAX when no character is there. */
static size_t posmap_find(const struct posmap *m, struct json_pos p)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct json_pos *q = &m->pos[mid];

		if (q->line < p.line || (q->line == p.line && q->col < p.col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n && m->pos[lo].line == p.line && m->pos[lo].col == p.col)
		return m->off[lo];
	return SIZE_MAX;
}

struct walk {
	const uint8_t *data;
	size_t size;
	const struct posmap *map;
	size_t last; /* offset of the previous node or key, document order */
	bool first;
};

/* p must start with `lead` and lie after everything seen so far. */
static size_t check_pos(struct walk *w, struct json_pos p, const char *lead, size_t lead_len)
{
	size_t off;

	if (p.line == 0 || p.col == 0)
		violation("position 0");
	off = posmap_find(w->map, p);
	if (off == SIZE_MAX || off >= w->size)
		violation("position outside the input");
	if (!w->first && off <= w->last)
		violation("positions do not rise in document order");
	if (lead_len > w->size - off || memcmp(w->data + off, lead, lead_len) != 0)
		violation("position does not point at the value");
	w->first = false;
	w->last = off;
	return off;
}

static void check_integers(const struct json_node *n)
{
	const char *t = n->u.number.text;
	enum json_num_status su, si;
	unsigned long long ull;
	long long ll;
	uint64_t u = 0;
	int64_t i = 0;

	su = json_number_u64(n, &u);
	si = json_number_i64(n, &i);
	if (strpbrk(t, ".eE")) {
		if (su != JSON_NUM_NOT_INTEGER || si != JSON_NUM_NOT_INTEGER)
			violation("fraction or exponent read as an integer");
		return;
	}
	errno = 0;
	ll = strtoll(t, NULL, 10);
	if (errno == ERANGE ? si != JSON_NUM_OVERFLOW : si != JSON_NUM_OK || i != ll)
		violation("i64 conversion disagrees with strtoll");
	if (t[0] == '-') {
		if (su != JSON_NUM_NEGATIVE)
			violation("negative number not NEGATIVE for u64");
		return;
	}
	errno = 0;
	ull = strtoull(t, NULL, 10);
	if (errno == ERANGE ? su != JSON_NUM_OVERFLOW : su != JSON_NUM_OK || u != ull)
		violation("u64 conversion disagrees with strtoull");
}

static void walk(struct walk *w, const struct json_node *n, unsigned depth)
{
	if (!n)
		violation("missing node");
	/* 64 containers deep by default; their elements one more */
	if (depth > 64u + (n->type != JSON_ARRAY && n->type != JSON_OBJECT))
		violation("deeper than the default limit");
	switch (n->type) {
	case JSON_NULL: check_pos(w, n->pos, "null", 4); break;
	case JSON_BOOL:
		check_pos(w, n->pos, n->u.boolean ? "true" : "false", n->u.boolean ? 4 : 5);
		break;
	case JSON_NUMBER:
		if (!n->u.number.text || n->u.number.len != strlen(n->u.number.text))
			violation("number length");
		check_pos(w, n->pos, n->u.number.text, n->u.number.len);
		check_integers(n);
		break;
	case JSON_STRING:
		if (!n->u.string.s || n->u.string.s[n->u.string.len] != '\0' ||
		    strlen(n->u.string.s) > n->u.string.len)
			violation("string length");
		check_pos(w, n->pos, "\"", 1);
		break;
	case JSON_ARRAY:
		check_pos(w, n->pos, "[", 1);
		if (n->u.array.n && !n->u.array.items)
			violation("array items");
		for (size_t k = 0; k < n->u.array.n; k++)
			walk(w, n->u.array.items[k], depth + 1);
		break;
	case JSON_OBJECT:
		check_pos(w, n->pos, "{", 1);
		if (n->u.object.n && !n->u.object.members)
			violation("object members");
		for (size_t k = 0; k < n->u.object.n; k++) {
			const struct json_member *m = &n->u.object.members[k];

			if (!m->key || m->key[m->key_len] != '\0')
				violation("key length");
			check_pos(w, m->key_pos, "\"", 1);
			/* Keys are distinct, so lookup finds this very member. */
			if (strlen(m->key) == m->key_len && json_object_member(n, m->key) != m)
				violation("json_object_member misses a key");
			for (size_t j = 0; j < k; j++)
				if (n->u.object.n < 64 &&
				    n->u.object.members[j].key_len == m->key_len &&
				    memcmp(n->u.object.members[j].key, m->key, m->key_len) == 0)
					violation("duplicate key accepted");
			walk(w, m->value, depth + 1);
		}
		break;
	default: violation("unknown node type");
	}
	if (!json_type_name(n->type) || json_type_name(n->type)[0] == '?')
		violation("type name");
}

static void write_json(struct sc_strbuf *b, const struct json_node *n)
{
	switch (n->type) {
	case JSON_NULL: sc_strbuf_puts(b, "null"); break;
	case JSON_BOOL: sc_strbuf_puts(b, n->u.boolean ? "true" : "false"); break;
	case JSON_NUMBER: sc_strbuf_append(b, n->u.number.text, n->u.number.len); break;
	case JSON_STRING: sc_strbuf_json_string(b, n->u.string.s, n->u.string.len); break;
	case JSON_ARRAY:
		sc_strbuf_putc(b, '[');
		for (size_t k = 0; k < n->u.array.n; k++) {
			if (k)
				sc_strbuf_putc(b, ',');
			write_json(b, n->u.array.items[k]);
		}
		sc_strbuf_putc(b, ']');
		break;
	case JSON_OBJECT:
		sc_strbuf_putc(b, '{');
		for (size_t k = 0; k < n->u.object.n; k++) {
			const struct json_member *m = &n->u.object.members[k];

			if (k)
				sc_strbuf_putc(b, ',');
			sc_strbuf_json_string(b, m->key, m->key_len);
			sc_strbuf_putc(b, ':');
			write_json(b, m->value);
		}
		sc_strbuf_putc(b, '}');
		break;
	}
}

static bool same_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && memcmp(a, b, al) == 0;
}

static bool same_tree(const struct json_node *a, const struct json_node *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case JSON_NULL: return true;
	case JSON_BOOL: return a->u.boolean == b->u.boolean;
	case JSON_NUMBER:
		return same_bytes(a->u.number.text, a->u.number.len, b->u.number.text,
				  b->u.number.len);
	case JSON_STRING:
		return same_bytes(a->u.string.s, a->u.string.len, b->u.string.s, b->u.string.len);
	case JSON_ARRAY:
		if (a->u.array.n != b->u.array.n)
			return false;
		for (size_t k = 0; k < a->u.array.n; k++)
			if (!same_tree(a->u.array.items[k], b->u.array.items[k]))
				return false;
		return true;
	case JSON_OBJECT:
		if (a->u.object.n != b->u.object.n)
			return false;
		for (size_t k = 0; k < a->u.object.n; k++) {
			const struct json_member *x = &a->u.object.members[k];
			const struct json_member *y = &b->u.object.members[k];

			if (!same_bytes(x->key, x->key_len, y->key, y->key_len) ||
			    !same_tree(x->value, y->value))
				return false;
		}
		return true;
	}
	return false;
}

static void round_trip(const struct json_node *root)
{
	struct json_limits lim = {.max_bytes = SIZE_MAX, .max_depth = 64};
	struct sc_strbuf b = {0};
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	write_json(&b, root);
	if (sc_strbuf_failed(&b))
		violation("out of memory in the harness");
	if (json_parse(b.data, b.len, &lim, &doc, &err) != 0) {
		fprintf(stderr, "fuzz_json: %u:%u %s\n", err.line, err.col, err.msg);
		violation("the tree written back does not read");
	}
	if (!same_tree(root, json_doc_root(doc)))
		violation("the tree written back reads differently");
	json_doc_free(doc);
	sc_strbuf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc *doc = (struct json_doc *)1;
	struct sc_error err = {0};
	struct posmap map;
	struct walk w;
	int rc;

	rc = json_parse((const char *)data, size, NULL, &doc, &err);
	posmap_build(&map, data, size);
	if (rc < 0) {
		if (doc)
			violation("failure left a document");
		if (rc != err.code || (rc != -EINVAL && rc != -E2BIG && rc != -ENOMEM))
			violation("error code");
		if (err.msg[0] == '\0')
			violation("error without a message");
		if (posmap_find(&map, (struct json_pos){err.line, err.col}) == SIZE_MAX) {
			fprintf(stderr, "fuzz_json: %u:%u %s\n", err.line, err.col, err.msg);
			violation("error position not in the input");
		}
	} else {
		if (rc != 0 || !doc)
			violation("success without a document");
		w = (struct walk){.data = data, .size = size, .map = &map, .first = true};
		walk(&w, json_doc_root(doc), 1);
		round_trip(json_doc_root(doc));
		json_doc_free(doc);
	}
	free(map.pos);
	free(map.off);
	return 0;
}
