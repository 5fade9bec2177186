/* The strict JSON reader: JSONTestSuite-style accept (y_) and reject (n_)
 * cases as data, node and error positions, limits, duplicate keys and exact
 * integer conversion. */
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

/* ---- a compact canonical dump, so accepted cases check what was read ---- */

struct dump {
	char buf[2048];
	size_t len;
};

static void put(struct dump *d, const char *s, size_t n)
{
	assert_true(d->len + n < sizeof(d->buf));
	memcpy(d->buf + d->len, s, n);
	d->len += n;
	d->buf[d->len] = '\0';
}

/* Strings as JSON with the fewest escapes: '"', '\\' and control
 * characters (as \u00XX); everything else, UTF-8 included, as is. */
static void put_string(struct dump *d, const char *s, size_t n)
{
	put(d, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(d, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			put(d, esc, 6);
		} else {
			put(d, (const char *)&s[i], 1);
		}
	}
	put(d, "\"", 1);
}

static void dump_node(struct dump *d, const struct json_node *n)
{
	switch (n->type) {
	case JSON_NULL: put(d, "null", 4); break;
	case JSON_BOOL: n->u.boolean ? put(d, "true", 4) : put(d, "false", 5); break;
	case JSON_NUMBER: put(d, n->u.number.text, n->u.number.len); break;
	case JSON_STRING: put_string(d, n->u.string.s, n->u.string.len); break;
	case JSON_ARRAY:
		put(d, "[", 1);
		for (size_t i = 0; i < n->u.array.n; i++) {
			if (i)
				put(d, ",", 1);
			dump_node(d, n->u.array.items[i]);
		}
		put(d, "]", 1);
		break;
	case JSON_OBJECT:
		put(d, "{", 1);
		for (size_t i = 0; i < n->u.object.n; i++) {
			const struct json_member *m = &n->u.object.members[i];

			if (i)
				put(d, ",", 1);
			put_string(d, m->key, m->key_len);
			put(d, ":", 1);
			dump_node(d, m->value);
		}
		put(d, "}", 1);
		break;
	}
}

/* ---- the case table ---- */

struct jcase {
	const char *name;
	const char *text;
	size_t len;	    /* from sizeof: cases may hold NUL bytes */
	int rc;		    /* 0 accept, else the negative errno */
	const char *want;   /* accepted: the canonical dump (NULL: the input itself) */
	uint32_t line, col; /* rejected: where */
	const char *msg;    /* rejected: a substring of the message */
};

#define Y(n, t)                                                                                    \
	{                                                                                          \
		n, t, sizeof(t) - 1, 0, NULL, 0, 0, NULL                                           \
	}
#define YD(n, t, d)                                                                                \
	{                                                                                          \
		n, t, sizeof(t) - 1, 0, d, 0, 0, NULL                                              \
	}
#define N(n, t, l, c, m)                                                                           \
	{                                                                                          \
		n, t, sizeof(t) - 1, -EINVAL, NULL, l, c, m                                        \
	}

static const struct jcase cases[] = {
    /* y_: structure */
    Y("y_object_empty", "{}"),
    Y("y_array_empty", "[]"),
    YD("y_array_empty_ws", "[ \n ]", "[]"),
    Y("y_nested", "{\"a\":[{\"b\":[[],{}]}]}"),
    Y("y_root_number", "1"),
    Y("y_root_string", "\"x\""),
    Y("y_root_null", "null"),
    YD("y_root_true_ws", " true ", "true"),
    Y("y_root_false", "false"),
    YD("y_whitespace_all", " \t\r\n{ \"a\" : [ 1 , 2 ] }\r\n", "{\"a\":[1,2]}"),
    Y("y_array_mixed", "[null,true,false,0,\"\",[],{}]"),
    Y("y_object_order_kept", "{\"c\":1,\"a\":2,\"b\":3}"),
    Y("y_key_empty", "{\"\":0}"),
    Y("y_keys_differ_in_case", "{\"a\":1,\"A\":2}"),
    Y("y_keys_prefix", "{\"a\":1,\"ab\":2,\"abc\":3}"),
    Y("y_same_key_nested", "{\"a\":{\"a\":{\"a\":1}}}"),
    Y("y_same_key_siblings", "[{\"a\":1},{\"a\":2}]"),
    Y("y_keys_nul_differ", "{\"a\\u0000b\":1,\"a\\u0000c\":2}"),
    Y("y_many_keys_sorted_path",
      "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,"
      "\"k10\":10}"),
    /* y_: numbers, kept as written */
    Y("y_number_zero", "0"),
    Y("y_number_negative_zero", "-0"),
    Y("y_number_negative", "[-1]"),
    Y("y_number_fraction", "[1.5,0.25,-0.0]"),
    Y("y_number_exponent", "[1e10,1E-3,2e+5,-1.25e2,0e0]"),
    Y("y_number_u64_max", "18446744073709551615"),
    Y("y_number_huge", "123456789012345678901234567890"),
    Y("y_number_huge_exponent", "[1e999999,1e-999999]"),
    /* y_: strings */
    YD("y_string_escapes", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
       "\"\\\" \\\\ / \\u0008 \\u000c \\u000a \\u000d \\u0009\""),
    YD("y_string_u_escape", "\"\\u0041\\u00e9\\u20ac\"", "\"A\xc3\xa9\xe2\x82\xac\""),
    YD("y_string_u_escape_upper", "\"\\u00E9\\uFFFF\"", "\"\xc3\xa9\xef\xbf\xbf\""),
    YD("y_string_surrogate_pair", "\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\""),
    YD("y_string_surrogate_pair_upper", "\"\\uD834\\uDD1E\"", "\"\xf0\x9d\x84\x9e\""),
    YD("y_string_max_code_point", "\"\\udbff\\udfff\"", "\"\xf4\x8f\xbf\xbf\""),
    Y("y_string_utf8", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""),
    /* U+80, U+7FF, U+800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF */
    Y("y_string_utf8_boundaries", "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf"
				  "\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\""),
    Y("y_string_nul_escape", "\"a\\u0000b\""),
    Y("y_string_del", "\"\x7f\""),
    Y("y_string_bom_inside", "\"\xef\xbb\xbf\""),
    Y("y_string_quote_and_brackets", "[\"]\",\"}\",\",\",\"\\\"\"]"),

    /* n_: structure */
    N("n_empty", "", 1, 1, "empty input: expected a JSON value"),
    N("n_only_space", "   \n ", 2, 2, "empty input"),
    N("n_trailing_comma_array", "[1,]", 1, 4, "trailing comma before ']'"),
    N("n_trailing_comma_object", "{\"a\":1,}", 1, 8, "trailing comma before '}'"),
    N("n_double_comma", "[1,,2]", 1, 4, "expected a JSON value, found ','"),
    N("n_leading_comma", "[,1]", 1, 2, "expected a JSON value, found ','"),
    N("n_object_comma_only", "{,}", 1, 2, "expected a string key in double quotes, found ','"),
    N("n_missing_colon", "{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'"),
    N("n_missing_value", "{\"a\":}", 1, 6, "expected a JSON value, found '}'"),
    N("n_key_only", "{\"a\"}", 1, 5, "expected ':' after object key, found '}'"),
    N("n_missing_comma_array", "[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'"),
    N("n_missing_comma_object", "{\"a\":1 \"b\":2}", 1, 8,
      "expected ',' or '}' after object member, found '\"'"),
    N("n_object_closed_by_bracket", "{\"a\":1]", 1, 7,
      "expected ',' or '}' after object member, found ']'"),
    N("n_array_closed_by_brace", "[1}", 1, 3, "expected ',' or ']' after array element, found '}'"),
    N("n_unclosed_array", "[1", 1, 3, "after array element, found end of input"),
    N("n_unclosed_object", "{\"a\":1", 1, 7, "after object member, found end of input"),
    N("n_unclosed_empty_array", "[", 1, 2, "expected a JSON value, found end of input"),
    N("n_extra_close", "[]]", 1, 3, "expected end of input after the JSON value, found ']'"),
    N("n_extra_value", "{} {}", 1, 4, "end of input after the JSON value, found '{'"),
    N("n_two_strings", "\"x\" \"y\"", 1, 5, "end of input after the JSON value"),
    N("n_key_unquoted", "{a:1}", 1, 2, "expected a string key in double quotes, found 'a'"),
    N("n_key_number", "{1:1}", 1, 2, "expected a string key in double quotes, found '1'"),
    N("n_single_quote", "['x']", 1, 2, "found ''' (JSON strings use double quotes)"),
    N("n_comment_line", "// c\n{}", 1, 1, "found '/' (comments are not allowed in JSON)"),
    N("n_comment_block_in_object", "{/* c */}", 1, 2,
      "expected a string key in double quotes, found '/' (comments are not allowed"),
    N("n_comment_after_value", "{}/**/", 1, 3, "comments are not allowed"),
    N("n_bom", "\xef\xbb\xbf{}", 1, 1,
      "byte-order mark not allowed: save the file as UTF-8 without BOM"),
    N("n_bom_after_space", " \xef\xbb\xbf{}", 1, 2,
      "expected a JSON value, found '\xef\xbb\xbf' (U+FEFF)"),
    N("n_literal_truncated", "[nul]", 1, 2, "expected a JSON value, found 'n' (a bare word"),
    N("n_literal_capital", "[True]", 1, 2, "found 'T' (a bare word is not JSON"),
    N("n_literal_trailing", "truex", 1, 5, "end of input after the JSON value, found 'x'"),
    N("n_bare_word_value", "{\"a\": SCMP_ACT_ALLOW}", 1, 7, "strings need double quotes"),
    N("n_curly_quotes",
      "{\xe2\x80\x9c"
      "a\xe2\x80\x9d: 1}",
      1, 2, "found '\xe2\x80\x9c' (U+201C) (curly quotes"),
    N("n_nul_after_value", "[1]\0", 1, 4, "end of input after the JSON value, found byte 0x00"),
    N("n_nul_as_value", "[\0]", 1, 2, "expected a JSON value, found byte 0x00"),
    N("n_formfeed_is_not_space", "[\f1]", 1, 2, "found byte 0x0c"),
    N("n_nbsp_is_not_space",
      "[\xc2\xa0"
      "1]",
      1, 2, "found '\xc2\xa0' (U+00A0)"),

    /* n_: numbers */
    N("n_leading_zero", "[01]", 1, 3, "leading zero in a number"),
    N("n_leading_zero_negative", "[-01]", 1, 4, "leading zero"),
    N("n_minus_only", "[-]", 1, 3, "expected a digit, found ']'"),
    N("n_minus_space", "[- 1]", 1, 3, "expected a digit, found ' '"),
    N("n_dot_end", "[1.]", 1, 4, "expected a digit after '.', found ']'"),
    N("n_dot_exponent", "[1.e1]", 1, 4, "expected a digit after '.', found 'e'"),
    N("n_dot_start", "[.5]", 1, 2, "found '.' (JSON numbers need a digit before '.')"),
    N("n_minus_dot", "[-.5]", 1, 3, "expected a digit, found '.'"),
    N("n_exponent_empty", "[1e]", 1, 4, "expected a digit in the exponent, found ']'"),
    N("n_exponent_sign_only", "[1e+]", 1, 5, "expected a digit in the exponent"),
    N("n_plus", "[+1]", 1, 2, "found '+' (JSON numbers have no leading '+')"),
    N("n_nan", "[NaN]", 1, 2, "found 'N' (NaN and Infinity are not JSON numbers)"),
    N("n_infinity", "[Infinity]", 1, 2, "NaN and Infinity are not JSON numbers"),
    N("n_minus_infinity", "[-Infinity]", 1, 3, "expected a digit, found 'I' (NaN and Infinity"),
    N("n_hex", "[0x1]", 1, 3, "found 'x' (JSON numbers are decimal)"),
    N("n_underscore", "[1_000]", 1, 3, "after array element, found '_'"),
    N("n_number_letter", "[1a]", 1, 3, "after array element, found 'a'"),

    /* n_: strings */
    N("n_escape_x", "[\"\\x\"]", 1, 4, "expected an escape"),
    N("n_escape_apostrophe", "[\"\\'\"]", 1, 4, "expected an escape"),
    N("n_escape_zero", "[\"\\0\"]", 1, 4, "found '0'"),
    N("n_escape_capital_u", "[\"\\U0041\"]", 1, 4, "found 'U'"),
    N("n_escape_at_end", "[\"\\", 1, 4,
      "expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t "
      "\\uXXXX), found end of input"),
    N("n_raw_tab", "[\"a\tb\"]", 1, 4, "control character 0x09 in a string: write it as \\t"),
    N("n_raw_newline", "[\"a\nb\"]", 1, 4, "control character 0x0a in a string: write it as \\n"),
    N("n_raw_cr", "[\"\r\"]", 1, 3, "control character 0x0d"),
    N("n_raw_nul", "[\"a\0b\"]", 1, 4, "control character 0x00 in a string: write it as \\u0000"),
    N("n_raw_0x1f", "[\"\x1f\"]", 1, 3, "write it as \\u001f"),
    N("n_unterminated", "[\"abc", 1, 6, "unterminated string (opened at 1:2): expected '\"'"),
    N("n_unterminated_escaped_quote", "[\"abc\\\"]", 1, 9, "unterminated string (opened at 1:2)"),
    N("n_u_short", "[\"\\u12\"]", 1, 7, "expected 4 hex digits after \\u, found '\"'"),
    N("n_u_not_hex", "[\"\\u00g0\"]", 1, 7, "expected 4 hex digits after \\u, found 'g'"),
    N("n_lone_high_surrogate", "[\"\\ud800\"]", 1, 9,
      "high surrogate not followed by a \\u low surrogate"),
    N("n_lone_high_surrogate_at_end", "[\"\\ud800", 1, 9, "high surrogate not followed"),
    N("n_high_surrogate_then_escape", "[\"\\ud800\\n\"]", 1, 9,
      "high surrogate not followed by a \\u low surrogate"),
    N("n_high_surrogate_then_bmp", "[\"\\ud800\\u0041\"]", 1, 9,
      "\\u0041 is not in \\udc00-\\udfff"),
    N("n_high_surrogate_twice", "[\"\\ud800\\ud800\"]", 1, 9, "\\ud800 is not in"),
    N("n_lone_low_surrogate", "[\"\\udc00\"]", 1, 9, "lone low surrogate \\udc00"),
    N("n_surrogates_reversed", "[\"\\udc00\\ud800\"]", 1, 9, "lone low surrogate"),

    /* n_: UTF-8 (RFC 3629) */
    N("n_utf8_c0_80", "[\"\xc0\x80\"]", 1, 3,
      "invalid UTF-8 byte 0xc0 in string (overlong encoding)"),
    N("n_utf8_overlong_2", "[\"\xc1\xbf\"]", 1, 3, "0xc1 in string (overlong"),
    N("n_utf8_overlong_3", "[\"\xe0\x80\xaf\"]", 1, 3, "0xe0 in string (overlong"),
    N("n_utf8_overlong_4", "[\"\xf0\x80\x80\xaf\"]", 1, 3, "0xf0 in string (overlong"),
    N("n_utf8_surrogate", "[\"\xed\xa0\x80\"]", 1, 3,
      "invalid UTF-8 byte 0xed in string (UTF-16 surrogate encoded in UTF-8)"),
    N("n_utf8_surrogate_low", "[\"\xed\xbf\xbf\"]", 1, 3, "UTF-16 surrogate"),
    N("n_utf8_5_bytes", "[\"\xf8\x88\x80\x80\x80\"]", 1, 3, "invalid UTF-8 byte 0xf8"),
    N("n_utf8_6_bytes", "[\"\xfc\x84\x80\x80\x80\x80\"]", 1, 3,
      "0xfc in string (bytes 0xf8-0xff never occur in UTF-8)"),
    N("n_utf8_above_max", "[\"\xf4\x90\x80\x80\"]", 1, 3, "0xf4 in string (above U+10FFFF)"),
    N("n_utf8_f5", "[\"\xf5\x80\x80\x80\"]", 1, 3, "above U+10FFFF"),
    N("n_utf8_truncated", "[\"\xe2\x82\"]", 1, 3, "0xe2 in string (truncated sequence)"),
    N("n_utf8_truncated_at_end", "[\"\xe2\x82", 1, 3, "truncated sequence"),
    N("n_utf8_lone_continuation", "[\"\x80\"]", 1, 3,
      "0x80 in string (continuation byte without a lead byte)"),
    N("n_utf8_ff", "[\"\xff\"]", 1, 3, "invalid UTF-8 byte 0xff in string"),
    N("n_utf8_fe", "[\"\xfe\"]", 1, 3, "invalid UTF-8 byte 0xfe in string"),
    N("n_utf8_in_key", "{\"\xff\":1}", 1, 3, "invalid UTF-8 byte 0xff"),
    N("n_utf8_outside_string", "[\xff]", 1, 2, "expected a JSON value, found byte 0xff"),

    /* n_: duplicate keys, reported at the second occurrence */
    N("n_duplicate_key", "{\"a\":1,\n \"a\":2}", 2, 2, "duplicate key \"a\" (first at 1:2)"),
    N("n_duplicate_key_escaped", "{\"ab\":1,\"a\\u0062\":2}", 1, 9,
      "duplicate key \"ab\" (first at 1:2)"),
    N("n_duplicate_key_third", "{\"a\":1,\"b\":2,\"a\":3}", 1, 14, "duplicate key \"a\""),
    N("n_duplicate_key_earliest", "{\"b\":1,\"a\":1,\"b\":2,\"a\":2}", 1, 14,
      "duplicate key \"b\" (first at 1:2)"),
    N("n_duplicate_key_earliest_sorted",
      "{\"k9\":0,\"k1\":0,\"k2\":0,\"k3\":0,\"k4\":0,\"k5\":0,\"k6\":0,\"k7\":0,\n\"k9\":1,\n"
      "\"k1\":1}",
      2, 1, "duplicate key \"k9\" (first at 1:2)"),
    N("n_duplicate_key_nul", "{\"a\\u0000b\":1,\"a\\u0000b\":2}", 1, 15,
      "duplicate key \"a\\u0000b\" (first at 1:2)"),
    N("n_duplicate_key_quoted", "{\"a\\\"b\":1,\"a\\\"b\":2}", 1, 11,
      "duplicate key \"a\\\"b\" (first at 1:2)"),
    N("n_duplicate_key_nested", "[{\"x\":{\"a\":1,\"a\":2}}]", 1, 14,
      "duplicate key \"a\" (first at 1:8)"),
    N("n_duplicate_key_utf8", "{\"\xc3\xa9\":1,\"\xc3\xa9\":2}", 1, 8,
      "duplicate key \"\xc3\xa9\" (first at 1:2)"),

    /* n_: error positions count code points, lines and tabs as one */
    N("n_pos_after_utf8", "{\"\xc3\xa9\xe2\x82\xac\": x}", 1, 8, "expected a JSON value"),
    N("n_pos_after_4_byte_utf8", "[\"\xf0\x9f\x98\x80\", x]", 1, 7, "found 'x'"),
    N("n_pos_invalid_after_utf8", "\"\xc3\xa9\xff\"", 1, 3, "invalid UTF-8 byte 0xff"),
    N("n_pos_multiline", "{\n  \"a\": [\n    1,\n    ]\n}", 4, 5, "trailing comma"),
    N("n_pos_crlf", "{\r\n  \"a\": 1,\r\n  }", 3, 3, "trailing comma before '}'"),
    N("n_pos_tab", "[\t\tx]", 1, 4, "found 'x'"),
};

/* One cmocka test per case (JSONTestSuite style): state is the case. */
static void run_case(void **state)
{
	const struct jcase *c = *state;
	struct json_doc *doc = (struct json_doc *)1;
	struct sc_error err = {0};
	struct dump d = {0};
	int rc = json_parse(c->text, c->len, NULL, &doc, &err);

	if (rc != c->rc)
		fail_msg("%s: rc %d, want %d (%u:%u %s)", c->name, rc, c->rc, err.line, err.col,
			 err.msg);
	if (rc == 0) {
		assert_non_null(doc);
		dump_node(&d, json_doc_root(doc));
		json_doc_free(doc);
		if (strcmp(d.buf, c->want ? c->want : c->text) != 0)
			fail_msg("%s: read as %s", c->name, d.buf);
		return;
	}
	assert_null(doc);
	assert_int_equal(err.code, rc);
	if (err.line != c->line || err.col != c->col)
		fail_msg("%s: error at %u:%u, want %u:%u (%s)", c->name, err.line, err.col, c->line,
			 c->col, err.msg);
	if (!strstr(err.msg, c->msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", c->name, err.msg, c->msg);
}

/* ---- node and key positions ---- */

/* Find a node by a path of '/'-separated steps: array indexes or object
 * keys.  A last step "@key" gives the position of that key, not its
 * value. */
static struct json_pos find_pos(const struct json_node *n, const char *path)
{
	char step[64];

	while (*path == '/') {
		size_t len = strcspn(path + 1, "/");

		assert_true(len < sizeof(step));
		memcpy(step, path + 1, len);
		step[len] = '\0';
		path += 1 + len;
		if (n->type == JSON_ARRAY) {
			size_t i = (size_t)strtoul(step, NULL, 10);

			assert_true(i < n->u.array.n);
			n = n->u.array.items[i];
		} else if (step[0] == '@') {
			const struct json_member *m = json_object_member(n, step + 1);

			assert_non_null(m);
			return m->key_pos;
		} else {
			n = json_object_get(n, step);
			assert_non_null(n);
		}
	}
	return n->pos;
}

static const char pos_doc[] = "{\n"
			      "  \"names\": [\"read\",\n"
			      "\t\"\xc3\xa9t\xc3\xa9\", 7],\r\n"
			      "  \"\xf0\x9f\x98\x80\": {\"k\": [null, true]},\n"
			      "\"n\":-1.5e3}";

static const struct {
	const char *path;
	uint32_t line, col;
} pos_cases[] = {
    {"", 1, 1},
    {"/@names", 2, 3},
    {"/names", 2, 12},
    {"/names/0", 2, 13},
    {"/names/1", 3, 2},
    {"/names/2", 3, 9},
    {"/@\xf0\x9f\x98\x80", 4, 3},
    {"/\xf0\x9f\x98\x80", 4, 8},
    {"/\xf0\x9f\x98\x80/@k", 4, 9},
    {"/\xf0\x9f\x98\x80/k", 4, 14},
    {"/\xf0\x9f\x98\x80/k/1", 4, 21},
    {"/@n", 5, 1},
    {"/n", 5, 5},
};

static void node_positions(void **state)
{
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_int_equal(json_parse(pos_doc, sizeof(pos_doc) - 1, NULL, &doc, &err), 0);
	for (size_t i = 0; i < sizeof(pos_cases) / sizeof(pos_cases[0]); i++) {
		struct json_pos p = find_pos(json_doc_root(doc), pos_cases[i].path);

		if (p.line != pos_cases[i].line || p.col != pos_cases[i].col)
			fail_msg("\"%s\" at %u:%u, want %u:%u", pos_cases[i].path, p.line, p.col,
				 pos_cases[i].line, pos_cases[i].col);
	}
	json_doc_free(doc);
}

/* ---- limits ---- */

/* depth opens, mid, depth closes */
static char *nested(unsigned depth, const char *open, const char *mid, const char *close)
{
	size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close);
	size_t len = depth * (lo + lc) + lm;
	char *s = malloc(len + 1);

	assert_non_null(s);
	for (unsigned i = 0; i < depth; i++) {
		memcpy(s + i * lo, open, lo);
		memcpy(s + depth * lo + lm + i * lc, close, lc);
	}
	memcpy(s + depth * lo, mid, lm);
	s[len] = '\0';
	return s;
}

static int parse_with(const char *t, unsigned max_depth, struct sc_error *err)
{
	struct json_limits lim = {.max_bytes = SIZE_MAX, .max_depth = max_depth};
	struct json_doc *doc = NULL;
	int rc = json_parse(t, strlen(t), &lim, &doc, err);

	json_doc_free(doc);
	return rc;
}

static void depth_limit(void **state)
{
	char *ok = nested(64, "[", "", "]"), *bad = nested(65, "[", "", "]");
	char *obj_ok = nested(64, "{\"a\":", "1", "}");
	char *obj_bad = nested(65, "{\"a\":", "1", "}");
	char *deep = nested(200000, "[", "", "]");
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_int_equal(json_parse(ok, strlen(ok), NULL, &doc, &err), 0);
	json_doc_free(doc);
	assert_int_equal(json_parse(bad, strlen(bad), NULL, &doc, &err), -E2BIG);
	assert_null(doc);
	assert_string_equal(err.msg, "nesting deeper than 64");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 65);
	assert_int_equal(parse_with(obj_ok, 64, &err), 0);
	assert_int_equal(parse_with(obj_bad, 64, &err), -E2BIG);
	assert_int_equal(err.col, 64 * 5 + 1);
	/* Deep input fails fast at the limit. */
	assert_int_equal(parse_with(deep, 64, &err), -E2BIG);
	/* The reader does not recurse: any depth a caller allows is safe. */
	assert_int_equal(parse_with(deep, 200000, &err), 0);
	assert_int_equal(parse_with(deep, 199999, &err), -E2BIG);
	/* Depth counts containers only. */
	assert_int_equal(parse_with("[[]]", 2, &err), 0);
	assert_int_equal(parse_with("[[[]]]", 2, &err), -E2BIG);
	assert_int_equal(parse_with("\"x\"", 0, &err), 0);
	assert_int_equal(parse_with("[]", 0, &err), -E2BIG);
	assert_string_equal(err.msg, "nesting deeper than 0");
	free(ok);
	free(bad);
	free(obj_ok);
	free(obj_bad);
	free(deep);
}

static void size_limit(void **state)
{
	struct json_limits lim = {.max_bytes = 7, .max_depth = 4};
	size_t big = json_limits_default().max_bytes + 1;
	char *t = malloc(big);
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_int_equal(json_limits_default().max_bytes, 4194304);
	assert_int_equal(json_limits_default().max_depth, 64);
	assert_int_equal(json_parse("[1,2,3]", 7, &lim, &doc, &err), 0);
	json_doc_free(doc);
	assert_int_equal(json_parse("[1,2,3] ", 8, &lim, &doc, &err), -E2BIG);
	assert_string_equal(err.msg, "input larger than 7 bytes");

	/* At the default limit exactly: accepted; one byte more: refused. */
	assert_non_null(t);
	memset(t, ' ', big);
	t[0] = '0';
	assert_int_equal(json_parse(t, big - 1, NULL, &doc, &err), 0);
	json_doc_free(doc);
	assert_int_equal(json_parse(t, big, NULL, &doc, &err), -E2BIG);
	assert_null(doc);
	assert_string_equal(err.msg, "input larger than 4194304 bytes");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 1);
	free(t);
}

/* ---- values ---- */

static void strings_decoded(void **state)
{
	static const char t[] = "[\"a\\u0000b\", \"\\ud83d\\ude00\", \"\\/\\n\", \"\"]";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *a;

	assert_int_equal(json_parse(t, sizeof(t) - 1, NULL, &doc, &err), 0);
	a = json_doc_root(doc);
	assert_int_equal(a->u.array.n, 4);
	assert_int_equal(a->u.array.items[0]->u.string.len, 3);
	assert_memory_equal(a->u.array.items[0]->u.string.s, "a\0b", 4);
	assert_int_equal(a->u.array.items[1]->u.string.len, 4);
	assert_string_equal(a->u.array.items[1]->u.string.s, "\xf0\x9f\x98\x80");
	assert_string_equal(a->u.array.items[2]->u.string.s, "/\n");
	assert_int_equal(a->u.array.items[3]->u.string.len, 0);
	assert_string_equal(a->u.array.items[3]->u.string.s, "");
	json_doc_free(doc);
}

/* A string larger than an arena chunk, with escapes throughout. */
static void long_string(void **state)
{
	size_t n = 300000, len = 0;
	char *t = malloc(n * 6 + 3);
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *s;

	assert_non_null(t);
	t[len++] = '"';
	for (size_t i = 0; i < n; i++) {
		memcpy(t + len, i % 2 ? "\\u00e9" : "x", i % 2 ? 6 : 1);
		len += i % 2 ? 6 : 1;
	}
	t[len++] = '"';
	assert_int_equal(json_parse(t, len, NULL, &doc, &err), 0);
	s = json_doc_root(doc);
	assert_int_equal(s->u.string.len, n / 2 * 3);
	assert_memory_equal(s->u.string.s + s->u.string.len - 3, "x\xc3\xa9", 3);
	assert_int_equal(s->u.string.s[s->u.string.len], '\0');
	json_doc_free(doc);
	free(t);
}

struct numcase {
	const char *text;
	enum json_num_status u, i;
	uint64_t uv;
	int64_t iv;
};

static const struct numcase nums[] = {
    {"0", JSON_NUM_OK, JSON_NUM_OK, 0, 0},
    {"-0", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, 0},
    {"1", JSON_NUM_OK, JSON_NUM_OK, 1, 1},
    {"-1", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, -1},
    {"4095", JSON_NUM_OK, JSON_NUM_OK, 4095, 4095},
    {"9223372036854775806", JSON_NUM_OK, JSON_NUM_OK, INT64_MAX - 1, INT64_MAX - 1},
    {"9223372036854775807", JSON_NUM_OK, JSON_NUM_OK, INT64_MAX, INT64_MAX},
    {"9223372036854775808", JSON_NUM_OK, JSON_NUM_OVERFLOW, 9223372036854775808ull, 0},
    {"-9223372036854775807", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, -INT64_MAX},
    {"-9223372036854775808", JSON_NUM_NEGATIVE, JSON_NUM_OK, 0, INT64_MIN},
    {"-9223372036854775809", JSON_NUM_NEGATIVE, JSON_NUM_OVERFLOW, 0, 0},
    {"18446744073709551614", JSON_NUM_OK, JSON_NUM_OVERFLOW, UINT64_MAX - 1, 0},
    {"18446744073709551615", JSON_NUM_OK, JSON_NUM_OVERFLOW, UINT64_MAX, 0},
    {"18446744073709551616", JSON_NUM_OVERFLOW, JSON_NUM_OVERFLOW, 0, 0},
    {"18446744073709551620", JSON_NUM_OVERFLOW, JSON_NUM_OVERFLOW, 0, 0},
    {"99999999999999999999999", JSON_NUM_OVERFLOW, JSON_NUM_OVERFLOW, 0, 0},
    {"-18446744073709551616", JSON_NUM_NEGATIVE, JSON_NUM_OVERFLOW, 0, 0},
    {"1.0", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
    {"1e2", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
    {"-2E0", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
    {"-0.0", JSON_NUM_NOT_INTEGER, JSON_NUM_NOT_INTEGER, 0, 0},
};

static void integer_conversion(void **state)
{
	for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
		const struct numcase *c = &nums[k];
		struct json_doc *doc = NULL;
		struct sc_error err = {0};
		const struct json_node *n;
		enum json_num_status su, si;
		uint64_t u = 12345;
		int64_t i = 12345;

		assert_int_equal(json_parse(c->text, strlen(c->text), NULL, &doc, &err), 0);
		n = json_doc_root(doc);
		assert_int_equal(n->type, JSON_NUMBER);
		assert_string_equal(n->u.number.text, c->text);
		assert_int_equal(n->u.number.len, strlen(c->text));
		su = json_number_u64(n, &u);
		si = json_number_i64(n, &i);
		json_doc_free(doc);
		if (su != c->u || si != c->i)
			fail_msg("%s: status u64 %d i64 %d, want %d %d", c->text, su, si, c->u,
				 c->i);
		if (su == JSON_NUM_OK ? u != c->uv : u != 12345)
			fail_msg("%s: u64 value %ju", c->text, (uintmax_t)u);
		if (si == JSON_NUM_OK ? i != c->iv : i != 12345)
			fail_msg("%s: i64 value %jd", c->text, (intmax_t)i);
	}
}

static void number_lexeme_kept(void **state)
{
	static const char t[] = "[1.50E+02, -0.000]";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *a;
	uint64_t u;

	assert_int_equal(json_parse(t, sizeof(t) - 1, NULL, &doc, &err), 0);
	a = json_doc_root(doc);
	assert_string_equal(a->u.array.items[0]->u.number.text, "1.50E+02");
	assert_int_equal(a->u.array.items[0]->u.number.len, 8);
	assert_string_equal(a->u.array.items[1]->u.number.text, "-0.000");
	/* A conversion of a non-number is refused, not misread. */
	assert_int_equal(json_number_u64(a, &u), JSON_NUM_NOT_INTEGER);
	json_doc_free(doc);
}

static void object_lookup(void **state)
{
	static const char t[] = "{\"a\":1,\"b\":{\"c\":null},\"\":true}";
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	const struct json_node *r;
	const struct json_member *m;

	assert_int_equal(json_parse(t, sizeof(t) - 1, NULL, &doc, &err), 0);
	r = json_doc_root(doc);
	assert_int_equal(json_object_get(r, "a")->type, JSON_NUMBER);
	assert_int_equal(json_object_get(json_object_get(r, "b"), "c")->type, JSON_NULL);
	assert_int_equal(json_object_get(r, "")->type, JSON_BOOL);
	assert_null(json_object_get(r, "z"));
	assert_null(json_object_get(r, "A"));
	assert_null(json_object_get(json_object_get(r, "a"), "x"));
	assert_null(json_object_get(NULL, "a"));
	m = json_object_member(r, "b");
	assert_non_null(m);
	assert_string_equal(m->key, "b");
	assert_int_equal(m->key_len, 1);
	assert_int_equal(m->key_pos.col, 8);
	assert_ptr_equal(m->value, json_object_get(r, "b"));
	json_doc_free(doc);
	json_doc_free(NULL);
}

static void type_names(void **state)
{
	assert_string_equal(json_type_name(JSON_NULL), "null");
	assert_string_equal(json_type_name(JSON_BOOL), "boolean");
	assert_string_equal(json_type_name(JSON_NUMBER), "number");
	assert_string_equal(json_type_name(JSON_STRING), "string");
	assert_string_equal(json_type_name(JSON_ARRAY), "array");
	assert_string_equal(json_type_name(JSON_OBJECT), "object");
}

/* The failure contract: *out NULL, err->code the return value, a
 * position; and a NULL err is allowed. */
static void error_contract(void **state)
{
	struct json_doc *doc = (struct json_doc *)1;
	struct sc_error err = {0};

	assert_int_equal(json_parse("[1,", 3, NULL, &doc, &err), -EINVAL);
	assert_null(doc);
	assert_int_equal(err.code, -EINVAL);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 4);
	assert_int_equal(json_parse("{\"a\":1,\"a\":2}", 13, NULL, &doc, NULL), -EINVAL);
	assert_int_equal(json_parse("[[]]", 4, &(struct json_limits){16, 1}, &doc, NULL), -E2BIG);
	assert_null(doc);
	assert_int_equal(json_parse(NULL, 0, NULL, &doc, &err), -EINVAL);
	assert_string_equal(err.msg, "empty input: expected a JSON value");
}

/* 200k distinct keys: the duplicate check must not be quadratic (this
 * would take minutes if it were). */
static void many_keys(void **state)
{
	size_t n = 200000, cap = n * 16 + 32, len = 0;
	char *t = malloc(cap);
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_non_null(t);
	t[len++] = '{';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(t + len, cap - len, "%s\"k%zu\":0", i ? "," : "", i);
	t[len++] = '}';
	assert_int_equal(json_parse(t, len, NULL, &doc, &err), 0);
	assert_int_equal(json_doc_root(doc)->u.object.n, n);
	json_doc_free(doc);
	/* and a duplicate at the very end is found, pointing at the first */
	t[len - 1] = ',';
	len += (size_t)snprintf(t + len, cap - len, "\"k1\":1}");
	assert_int_equal(json_parse(t, len, NULL, &doc, &err), -EINVAL);
	assert_string_equal(err.msg, "duplicate key \"k1\" (first at 1:9)");
	free(t);
}

/* Long keys are cut in the message, at a code point boundary. */
static void duplicate_long_key(void **state)
{
	char key[301], t[700];
	struct json_doc *doc = NULL;
	struct sc_error err = {0};
	int len;

	for (int i = 0; i < 300; i += 2)
		memcpy(key + i, "\xc3\xa9", 2);
	key[300] = '\0';
	len = snprintf(t, sizeof(t), "{\"%s\":1,\"%s\":2}", key, key);
	assert_int_equal(json_parse(t, (size_t)len, NULL, &doc, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "\xc3\xa9...\" (first at 1:2)"));
	assert_true(strlen(err.msg) < 120);
	assert_int_equal(err.col, 2 + 150 + 2 + 3);
}

int main(void)
{
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	struct CMUnitTest case_tests[NCASES];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(node_positions),	  cmocka_unit_test(depth_limit),
	    cmocka_unit_test(size_limit),	  cmocka_unit_test(strings_decoded),
	    cmocka_unit_test(long_string),	  cmocka_unit_test(integer_conversion),
	    cmocka_unit_test(number_lexeme_kept), cmocka_unit_test(object_lookup),
	    cmocka_unit_test(type_names),	  cmocka_unit_test(error_contract),
	    cmocka_unit_test(many_keys),	  cmocka_unit_test(duplicate_long_key),
	};
	int rc;

	for (size_t i = 0; i < NCASES; i++)
		case_tests[i] = (struct CMUnitTest){.name = cases[i].name,
						    .test_func = run_case,
						    .initial_state = (void *)&cases[i]};
	/* cmocka_run_group_tests() wants an array whose size it can take;
	 * the case table's tests are built at run time, so call its
	 * implementation with the count. */
	rc = _cmocka_run_group_tests("json_cases", case_tests, NCASES, NULL, NULL);
	return rc | cmocka_run_group_tests(tests, NULL, NULL);
}
