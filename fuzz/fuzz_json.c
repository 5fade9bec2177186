/* libFuzzer harness for the strict JSON reader.
 *
 * Parses the input and, when it parses, walks the whole tree checking the
 * invariants the profile reader relies on: every node has a position,
 * string lengths agree with their bytes, number conversions terminate and
 * agree with each other.  A parse failure must say where.  abort() on a
 * violation.  Replaying one file: build with fuzz/replay_main.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct json_node *n, unsigned depth)
{
	uint64_t u;
	int64_t i;

	if (!n || n->pos.line == 0 || n->pos.col == 0 || depth > 64)
		abort();
	switch (n->type) {
	case JSON_STRING:
		if (n->u.string.s[n->u.string.len] != '\0' ||
		    strlen(n->u.string.s) > n->u.string.len)
			abort();
		break;
	case JSON_NUMBER:
		if (n->u.number.len != strlen(n->u.number.text))
			abort();
		if (json_number_u64(n, &u) == JSON_NUM_OK &&
		    json_number_i64(n, &i) == JSON_NUM_OK && (uint64_t)i != u)
			abort();
		break;
	case JSON_ARRAY:
		for (size_t k = 0; k < n->u.array.n; k++)
			walk(n->u.array.items[k], depth + 1);
		break;
	case JSON_OBJECT:
		for (size_t k = 0; k < n->u.object.n; k++) {
			const struct json_member *m = &n->u.object.members[k];

			if (m->key_pos.line == 0 || m->key[m->key_len] != '\0')
				abort();
			/* Lookup finds the first member with a key; keys are unique. */
			if (strlen(m->key) == m->key_len && json_object_get(n, m->key) != m->value)
				abort();
			walk(m->value, depth + 1);
		}
		break;
	case JSON_NULL:
	case JSON_BOOL: break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	if (json_parse((const char *)data, size, NULL, &doc, &err) < 0) {
		if (err.msg[0] == '\0' || (err.line == 0 && size > 0 && size <= (4u << 20)))
			abort();
		return 0;
	}
	walk(json_doc_root(doc), 1);
	json_doc_free(doc);
	return 0;
}
