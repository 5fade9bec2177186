/* A strict RFC 8259 reader that keeps what profiles need and common JSON
 * libraries drop: the line and column of every node (for lint findings and
 * SARIF) and number lexemes exactly as written (OCI argument values are
 * uint64; jansson and json-c stop at INT64_MAX).
 *
 * Strictness (each a parse error with line:col):
 *   - exactly one value, optional whitespace around it, nothing else;
 *   - no byte-order mark, no comments, no trailing commas, no NaN/Infinity,
 *     no leading zeros, no leading '+';
 *   - strings: valid UTF-8 (no overlongs, no surrogates encoded in UTF-8),
 *     no raw control characters, only the RFC's escapes, \u surrogates
 *     paired;
 *   - duplicate keys in one object (reported at the second occurrence);
 *   - the limits in struct json_limits (input size, nesting depth).
 *
 * Positions: line and column are 1-based; columns count Unicode code points
 * (SARIF's "unicodeCodePoints" column kind).
 *
 * Memory: a document owns every node and string in one arena; nodes are
 * read-only for callers and live until json_doc_free().
 */
#ifndef SC_JSON_JSON_H
#define SC_JSON_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_pos {
	uint32_t line, col; /* 1-based; 0 = unknown */
};

struct json_node;

struct json_member {
	const char *key; /* decoded, NUL-terminated (may hold NUL: use key_len) */
	size_t key_len;
	struct json_pos key_pos;
	const struct json_node *value;
};

struct json_node {
	enum json_type type;
	struct json_pos pos; /* first character of the value */
	union {
		bool boolean;
		struct {
			const char *text; /* lexeme as written, NUL-terminated */
			size_t len;
		} number;
		struct {
			const char *s; /* decoded UTF-8, NUL-terminated */
			size_t len;    /* may be < strlen if it holds \u0000 */
		} string;
		struct {
			const struct json_node *const *items;
			size_t n;
		} array;
		struct {
			const struct json_member *members; /* input order */
			size_t n;
		} object;
	} u;
};

/* Limits enforced by the reader; json_limits_default() gives ours:
 * 4 MiB of input and nesting depth 64 (a profile needs 5, an OCI
 * config.json under 10). */
struct json_limits {
	size_t max_bytes;
	unsigned max_depth;
};
struct json_limits json_limits_default(void);

struct json_doc;

/* Parse `len` bytes (need not be NUL-terminated).  On failure returns
 * -EINVAL (bad JSON), -E2BIG (a limit) or -ENOMEM, and err has the message
 * and err->line/col.  lim may be NULL for the defaults. */
int json_parse(const char *data, size_t len, const struct json_limits *lim, struct json_doc **out,
	       struct sc_error *err);
const struct json_node *json_doc_root(const struct json_doc *doc);
void json_doc_free(struct json_doc *doc);
static inline void json_doc_freep(struct json_doc **d)
{
	if (*d)
		json_doc_free(*d);
}

/* Integer view of a number node. */
enum json_num_status {
	JSON_NUM_OK,
	JSON_NUM_NOT_INTEGER, /* has a fraction or an exponent */
	JSON_NUM_NEGATIVE,    /* below zero (u64 only); "-0" counts as negative */
	JSON_NUM_OVERFLOW,    /* beyond the type's range */
};
enum json_num_status json_number_u64(const struct json_node *n, uint64_t *out);
enum json_num_status json_number_i64(const struct json_node *n, int64_t *out);

/* Member lookup by key (exact bytes); NULL when absent or not an object. */
const struct json_node *json_object_get(const struct json_node *obj, const char *key);
const struct json_member *json_object_member(const struct json_node *obj, const char *key);
/* "null", "boolean", "number", "string", "array", "object". */
const char *json_type_name(enum json_type t);

#endif
