/* util/ and profile/diag: the error convention, the string buffer, the
 * diagnostic list. */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "profile/diag.h"
#include "util/base64.h"
#include "util/error.h"
#include "util/strbuf.h"

static void error_set_and_prefix(void **state)
{
	struct sc_error err = {0};

	assert_int_equal(sc_error_set(&err, -EINVAL, "unknown operator \"%s\"", "X"), -EINVAL);
	assert_int_equal(sc_error_prefix(&err, "syscalls[%d].args[0].op: ", 3), -EINVAL);
	assert_string_equal(err.msg, "syscalls[3].args[0].op: unknown operator \"X\"");
	sc_error_set_file(&err, "p.json");
	assert_string_equal(err.file, "p.json");
	sc_error_clear(&err);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.msg, "");
}

static void error_set_at_keeps_position(void **state)
{
	struct sc_error err = {0};

	sc_error_set_at(&err, -EINVAL, 7, 12, "expected ','");
	assert_int_equal(err.line, 7);
	assert_int_equal(err.col, 12);
	/* NULL error objects are allowed: callers that only want the code. */
	assert_int_equal(sc_error_set(NULL, -ENOMEM, "x"), -ENOMEM);
}

static void error_prefix_truncates_safely(void **state)
{
	struct sc_error err = {0};
	char big[2 * SC_ERROR_MSG_MAX];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sc_error_set(&err, -EINVAL, "%s", big);
	sc_error_prefix(&err, "ctx: ");
	assert_int_equal(strlen(err.msg), SC_ERROR_MSG_MAX - 1);
	assert_memory_equal(err.msg, "ctx: aaa", 8);
}

static void strbuf_grows(void **state)
{
	struct sc_strbuf b = {0};

	for (int i = 0; i < 10000; i++)
		sc_strbuf_printf(&b, "%d,", i);
	assert_false(sc_strbuf_failed(&b));
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	sc_strbuf_free(&b);
}

static void strbuf_json_escapes(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
	    {"plain", 5, "\"plain\""},
	    {"q\"b\\", 4, "\"q\\\"b\\\\\""},
	    {"\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\""},
	    {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""},
	    {"a\0b", 3, "\"a\\u0000b\""},
	    {"\xc3\xa9", 2, "\"\xc3\xa9\""},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sc_strbuf b = {0};

		sc_strbuf_json_string(&b, cases[i].in, cases[i].len);
		assert_string_equal(b.data, cases[i].out);
		sc_strbuf_free(&b);
	}
}

static void strbuf_steal_empty(void **state)
{
	struct sc_strbuf b = {0};
	char *s = sc_strbuf_steal(&b);

	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void diag_sort_and_dedup(void **state)
{
	struct diag_list l = {0};

	diag_add(&l, "SCP017", SEV_ERROR, "a.json", "syscalls[1]", (struct json_pos){9, 3}, NULL,
		 "x");
	diag_add(&l, "SCP021", SEV_WARNING, "a.json", "defaultAction", (struct json_pos){2, 3},
		 "hint", "y");
	diag_add(&l, "SCP017", SEV_ERROR, "a.json", "syscalls[1]", (struct json_pos){9, 3}, NULL,
		 "x");
	diag_add(&l, "SCP033", SEV_INFO, "a.json", "", (struct json_pos){0, 0}, NULL, "z");
	diag_list_dedup(&l);
	assert_int_equal(l.n, 3);
	diag_list_sort(&l);
	assert_string_equal(l.items[0].id, "SCP033");
	assert_string_equal(l.items[1].id, "SCP021");
	assert_string_equal(l.items[1].hint, "hint");
	assert_string_equal(l.items[2].id, "SCP017");
	assert_int_equal(diag_list_count(&l, SEV_ERROR), 1);
	assert_int_equal(diag_list_count(&l, SEV_WARNING), 1);
	assert_string_equal(diag_severity_name(SEV_INFO), "info");
	diag_list_free(&l);
	assert_int_equal(l.n, 0);
}

/* RFC 4648 section 10 test vectors, and bytes above 0x7f. */
static void base64_rfc4648_vectors(void **state)
{
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const out[] = {"",	      "Zg==",	  "Zm8=",    "Zm9v",
					  "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	const unsigned char high[] = {0xff, 0xfe, 0x00, 0x20};
	char *b;

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		b = sc_base64_encode(in[i], strlen(in[i]));
		assert_non_null(b);
		assert_string_equal(b, out[i]);
		free(b);
	}
	b = sc_base64_encode(high, sizeof(high));
	assert_string_equal(b, "//4AIA==");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(error_set_and_prefix),
	    cmocka_unit_test(error_set_at_keeps_position),
	    cmocka_unit_test(error_prefix_truncates_safely),
	    cmocka_unit_test(strbuf_grows),
	    cmocka_unit_test(strbuf_json_escapes),
	    cmocka_unit_test(strbuf_steal_empty),
	    cmocka_unit_test(diag_sort_and_dedup),
	    cmocka_unit_test(base64_rfc4648_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
