/* The strict JSON reader: JSONTestSuite-style accept/reject cases,
 * positions, limits and exact integer conversion. */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

struct jcase {
	const char *name;
	const char *text;
	size_t len;	    /* 0: strlen(text) */
	int rc;		    /* 0 accept, else the negative errno */
	uint32_t line, col; /* error position when rejected (0: not checked) */
	const char *msg;    /* substring of the error message (NULL: not checked) */
};

#define Y(n, t)                                                                                    \
	{                                                                                          \
		n, t, 0, 0, 0, 0, NULL                                                             \
	}
#define N(n, t, l, c, m)                                                                           \
	{                                                                                          \
		n, t, 0, -EINVAL, l, c, m                                                          \
	}

static const struct jcase cases[] = {
    /* y_: structure */
    Y("y_object_empty", "{}"),
    Y("y_array_empty", "[]"),
    Y("y_nested", "{\"a\":[{\"b\":[[],{}]}]}"),
    Y("y_root_number", "1"),
    Y("y_root_string", "\"x\""),
    Y("y_root_null", "null"),
    Y("y_root_true", " true "),
    Y("y_whitespace_all", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n"),
    /* y_: numbers */
    Y("y_number_zero", "0"),
    Y("y_number_negative_zero", "-0"),
    Y("y_number_fraction", "[1.5]"),
    Y("y_number_exponent", "[1e10, 1E-3, 2e+5, -1.25e2]"),
    Y("y_number_u64_max", "18446744073709551615"),
    Y("y_number_huge", "123456789012345678901234567890"),
    /* y_: strings */
    Y("y_string_escapes", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""),
    Y("y_string_u_escape", "\"\\u0041\\u00e9\\u20ac\""),
    Y("y_string_surrogate_pair", "\"\\ud83d\\ude00\""),
    Y("y_string_utf8", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""),
    Y("y_string_nul_escape", "\"a\\u0000b\""),
    Y("y_string_del", "\"\x7f\""),
    /* n_: structure */
    N("n_empty", "", 1, 1, "empty input"),
    N("n_only_space", "   \n ", 2, 2, "empty input"),
    N("n_trailing_comma_array", "[1,]", 1, 4, "trailing comma"),
    N("n_trailing_comma_object", "{\"a\":1,}", 1, 8, "trailing comma"),
    N("n_missing_colon", "{\"a\" 1}", 1, 6, "expected ':'"),
    N("n_missing_comma", "[1 2]", 1, 4, "expected ',' or ']'"),
    N("n_unclosed_array", "[1", 1, 3, "end of input"),
    N("n_unclosed_object", "{\"a\":1", 1, 7, "end of input"),
    N("n_extra_value", "{} {}", 1, 4, "end of input after the JSON value"),
    N("n_key_not_string", "{a:1}", 1, 2, "string key"),
    N("n_single_quote", "['x']", 1, 2, "single quotes"),
    N("n_comment_line", "// c\n{}", 1, 1, "comments"),
    N("n_comment_block", "{/* c */}", 1, 2, "string key"),
    N("n_bom", "\xef\xbb\xbf{}", 1, 1, "byte-order mark"),
    N("n_close_mismatch", "[1}", 1, 3, "expected ',' or ']'"),
    N("n_bare_word", "[nul]", 1, 2, "expected a JSON value"),
    N("n_truex", "truex", 1, 5, "end of input after"),
    /* n_: numbers */
    N("n_leading_zero", "[01]", 1, 3, "leading zero"),
    N("n_minus_only", "[-]", 1, 3, "expected a digit"),
    N("n_dot_end", "[1.]", 1, 4, "after '.'"),
    N("n_dot_start", "[.5]", 1, 2, "expected a JSON value"),
    N("n_exp_empty", "[1e]", 1, 4, "exponent"),
    N("n_plus", "[+1]", 1, 2, "expected a JSON value"),
    N("n_nan", "[NaN]", 1, 2, "expected a JSON value"),
    N("n_infinity", "[Infinity]", 1, 2, "expected a JSON value"),
    N("n_hex", "[0x1]", 1, 3, "expected ',' or ']'"),
    N("n_minus_space", "[- 1]", 1, 3, "expected a digit"),
    /* n_: strings */
    N("n_bad_escape", "[\"\\x\"]", 1, 4, "expected an escape"),
    N("n_raw_tab", "[\"a\tb\"]", 1, 4, "control character 0x09"),
    N("n_raw_newline", "[\"a\nb\"]", 1, 4, "control character 0x0a"),
    N("n_unterminated", "[\"abc", 1, 6, "unterminated string"),
    N("n_lone_high_surrogate", "[\"\\ud800\"]", 1, 9, "high surrogate"),
    N("n_lone_low_surrogate", "[\"\\udc00\"]", 1, 9, "lone low surrogate"),
    N("n_high_then_bmp", "[\"\\ud800\\u0041\"]", 1, 15, "low surrogate"),
    N("n_short_u", "[\"\\u12\"]", 1, 7, "4 hex digits"),
    N("n_utf8_overlong", "[\"\xc0\x80\"]", 1, 3, "invalid UTF-8 byte 0xc0"),
    N("n_utf8_overlong3", "[\"\xe0\x80\xaf\"]", 1, 3, "invalid UTF-8"),
    N("n_utf8_surrogate", "[\"\xed\xa0\x80\"]", 1, 3, "invalid UTF-8 byte 0xed"),
    N("n_utf8_5byte", "[\"\xf8\x88\x80\x80\x80\"]", 1, 3, "invalid UTF-8 byte 0xf8"),
    N("n_utf8_above_max", "[\"\xf4\x90\x80\x80\"]", 1, 3, "invalid UTF-8"),
    N("n_utf8_truncated", "[\"\xe2\x82\"]", 1, 3, "invalid UTF-8"),
    N("n_utf8_lone_cont", "[\"\x80\"]", 1, 3, "invalid UTF-8 byte 0x80"),
    N("n_utf8_ff", "[\"\xff\"]", 1, 3, "invalid UTF-8 byte 0xff"),
    /* n_: objects */
    N("n_duplicate_key", "{\"a\":1,\n \"a\":2}", 2, 2, "duplicate key \"a\" (first at 1:2)"),
    N("n_duplicate_key_escaped", "{\"ab\":1,\"a\\u0062\":2}", 1, 9, "duplicate key"),
    /* positions count code points, not bytes */
    N("n_pos_after_utf8", "{\"\xc3\xa9\xe2\x82\xac\": x}", 1, 8, "expected a JSON value"),
    N("n_pos_multiline", "{\n  \"a\": [\n    1,\n    ]\n}", 4, 5, "trailing comma"),
};

/* One cmocka test per case (JSONTestSuite style): state is the case. */
static void run_case(void **state)
{
	{
		const struct jcase *c = *state;
		size_t len = c->len ? c->len : strlen(c->text);
		struct json_doc *doc = NULL;
		struct sc_error err = {0};
		int rc = json_parse(c->text, len, NULL, &doc, &err);

		if (rc != c->rc)
			fail_msg("%s: rc %d, want %d (%u:%u %s)", c->name, rc, c->rc, err.line,
				 err.col, err.msg);
		if (rc == 0) {
			assert_non_null(doc);
			assert_non_null(json_doc_root(doc));
			json_doc_free(doc);
			return;
		}
		assert_null(doc);
		if (c->line && (err.line != c->line || err.col != c->col))
			fail_msg("%s: error at %u:%u, want %u:%u (%s)", c->name, err.line, err.col,
				 c->line, c->col, err.msg);
		if (c->msg && !strstr(err.msg, c->msg))
			fail_msg("%s: message \"%s\" lacks \"%s\"", c->name, err.msg, c->msg);
	}
}

static void nul_byte_outside_string(void **state)
{
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_int_equal(json_parse("[1]\0", 4, NULL, &doc, &err), -EINVAL);
	assert_int_equal(err.col, 4);
	assert_int_equal(json_parse("\"a\0b\"", 5, NULL, &doc, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "control character 0x00"));
}

static char *nested(unsigned depth)
{
	char *s = malloc(2 * depth + 1);

	for (unsigned i = 0; i < depth; i++) {
		s[i] = '[';
		s[2 * depth - 1 - i] = ']';
	}
	s[2 * depth] = '\0';
	return s;
}

static void depth_limit(void **state)
{
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	char *ok = nested(64), *bad = nested(65), *deep = nested(100000);

	assert_int_equal(json_parse(ok, strlen(ok), NULL, &doc, &err), 0);
	json_doc_free(doc);
	assert_int_equal(json_parse(bad, strlen(bad), NULL, &doc, &err), -E2BIG);
	assert_int_equal(err.col, 65);
	assert_non_null(strstr(err.msg, "nesting deeper than 64"));
	/* Deep input fails fast at the limit, without exhausting the stack. */
	assert_int_equal(json_parse(deep, strlen(deep), NULL, &doc, &err), -E2BIG);
	free(ok);
	free(bad);
	free(deep);
}

static void size_limit(void **state)
{
	struct json_limits lim = {.max_bytes = 8, .max_depth = 4};
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_int_equal(json_parse("[1,2,3]", 7, &lim, &doc, &err), 0);
	json_doc_free(doc);
	assert_int_equal(json_parse("[1,2,3,4]", 9, &lim, &doc, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "larger than 8 bytes"));
	assert_int_equal(json_limits_default().max_bytes, 4u << 20);
	assert_int_equal(json_limits_default().max_depth, 64);
}

static void node_positions(void **state)
{
	const char *t = "{\n  \"names\": [\"read\",\n\t\"\xc3\xa9t\xc3\xa9\", 7]\n}";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *root, *arr;
	const struct json_member *m;

	assert_int_equal(json_parse(t, strlen(t), NULL, &doc, &err), 0);
	root = json_doc_root(doc);
	assert_int_equal(root->pos.line, 1);
	assert_int_equal(root->pos.col, 1);
	m = json_object_member(root, "names");
	assert_non_null(m);
	assert_int_equal(m->key_pos.line, 2);
	assert_int_equal(m->key_pos.col, 3);
	arr = m->value;
	assert_int_equal(arr->type, JSON_ARRAY);
	assert_int_equal(arr->pos.col, 12);
	assert_int_equal(arr->u.array.n, 3);
	assert_int_equal(arr->u.array.items[0]->pos.col, 13);
	assert_int_equal(arr->u.array.items[1]->pos.line, 3);
	assert_int_equal(arr->u.array.items[1]->pos.col, 2);
	/* "été" is 3 code points + 2 quotes, then ", " */
	assert_int_equal(arr->u.array.items[2]->pos.col, 9);
	assert_string_equal(arr->u.array.items[1]->u.string.s, "\xc3\xa9t\xc3\xa9");
	json_doc_free(doc);
}

static void strings_decoded(void **state)
{
	const char *t = "[\"a\\u0000b\", \"\\ud83d\\ude00\", \"\\/\\n\"]";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *a;

	assert_int_equal(json_parse(t, strlen(t), NULL, &doc, &err), 0);
	a = json_doc_root(doc);
	assert_int_equal(a->u.array.items[0]->u.string.len, 3);
	assert_memory_equal(a->u.array.items[0]->u.string.s, "a\0b", 3);
	assert_string_equal(a->u.array.items[1]->u.string.s, "\xf0\x9f\x98\x80");
	assert_string_equal(a->u.array.items[2]->u.string.s, "/\n");
	json_doc_free(doc);
}

struct numcase {
	const char *text;
	enum json_num_status u, i;
	uint64_t uv;
	int64_t iv;
};

static void integer_conversion(void **state)
{
	static const struct numcase nums[] = {
	    {"0", JSON_NUM_OK, JSON_NUM_OK, 0, 0},
	    {"-0", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, 0},
	    {"-1", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, -1},
	    {"4095", JSON_NUM_OK, JSON_NUM_OK, 4095, 4095},
	    {"9223372036854775807", JSON_NUM_OK, JSON_NUM_OK, INT64_MAX, INT64_MAX},
	    {"9223372036854775808", JSON_NUM_OK, JSON_NUM_OVERFLOW, 9223372036854775808ull, 0},
	    {"-9223372036854775808", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, INT64_MIN},
	    {"-9223372036854775809", JSON_NUM_NEGATIVE, JSON_NUM_OVERFLOW, 0, 0},
	    {"18446744073709551615", JSON_NUM_OK, JSON_NUM_OVERFLOW, UINT64_MAX, 0},
	    {"18446744073709551616", JSON_NUM_OVERFLOW, JSON_NUM_OVERFLOW, 0, 0},
	    {"99999999999999999999999", JSON_NUM_OVERFLOW, JSON_NUM_OVERFLOW, 0, 0},
	    {"1.0", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
	    {"1e2", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
	    {"-2E0", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
	};

	for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
		struct json_doc *doc = NULL;
		struct sc_error err = {0};
		const struct json_node *n;
		uint64_t u = 0;
		int64_t i = 0;

		assert_int_equal(json_parse(nums[k].text, strlen(nums[k].text), NULL, &doc, &err),
				 0);
		n = json_doc_root(doc);
		assert_int_equal(n->type, JSON_NUMBER);
		assert_string_equal(n->u.number.text, nums[k].text);
		if (json_number_u64(n, &u) != nums[k].u)
			fail_msg("%s: u64 status %d, want %d", nums[k].text, json_number_u64(n, &u),
				 nums[k].u);
		if (nums[k].u == JSON_NUM_OK && u != nums[k].uv)
			fail_msg("%s: u64 value", nums[k].text);
		if (json_number_i64(n, &i) != nums[k].i)
			fail_msg("%s: i64 status", nums[k].text);
		if (nums[k].i == JSON_NUM_OK && i != nums[k].iv)
			fail_msg("%s: i64 value", nums[k].text);
		json_doc_free(doc);
	}
}

static void object_lookup(void **state)
{
	const char *t = "{\"a\":1,\"b\":{\"c\":null}}";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *r;

	assert_int_equal(json_parse(t, strlen(t), NULL, &doc, &err), 0);
	r = json_doc_root(doc);
	assert_int_equal(json_object_get(r, "a")->type, JSON_NUMBER);
	assert_int_equal(json_object_get(json_object_get(r, "b"), "c")->type, JSON_NULL);
	assert_null(json_object_get(r, "z"));
	assert_null(json_object_get(json_object_get(r, "a"), "x"));
	assert_string_equal(json_type_name(JSON_OBJECT), "object");
	assert_string_equal(json_type_name(JSON_BOOL), "boolean");
	json_doc_free(doc);
}

/* 200k distinct keys: the duplicate check must not be quadratic (this
 * test would take minutes if it were). */
static void many_keys(void **state)
{
	size_t n = 200000, cap = n * 16 + 2, len = 0;
	char *t = malloc(cap);
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	t[len++] = '{';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(t + len, cap - len, "%s\"k%zu\":0", i ? "," : "", i);
	t[len++] = '}';
	assert_int_equal(json_parse(t, len, NULL, &doc, &err), 0);
	assert_int_equal(json_doc_root(doc)->u.object.n, n);
	json_doc_free(doc);
	/* and a duplicate at the very end is found */
	t[len - 1] = ',';
	len += (size_t)snprintf(t + len, cap - len, "\"k7\":1}");
	assert_int_equal(json_parse(t, len, NULL, &doc, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "duplicate key \"k7\""));
	free(t);
}

int main(void)
{
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	struct CMUnitTest case_tests[NCASES];
	int rc;

	for (size_t i = 0; i < NCASES; i++)
		case_tests[i] = (struct CMUnitTest){.name = cases[i].name,
						    .test_func = run_case,
						    .initial_state = (void *)&cases[i]};
	rc = _cmocka_run_group_tests("json_cases", case_tests, NCASES, NULL, NULL);

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nul_byte_outside_string),
	    cmocka_unit_test(depth_limit),
	    cmocka_unit_test(size_limit),
	    cmocka_unit_test(node_positions),
	    cmocka_unit_test(strings_decoded),
	    cmocka_unit_test(integer_conversion),
	    cmocka_unit_test(object_lookup),
	    cmocka_unit_test(many_keys),
	};
	return rc | cmocka_run_group_tests(tests, NULL, NULL);
}
