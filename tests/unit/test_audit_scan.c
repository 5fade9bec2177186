/* Unit tests for src/audit/scan.h: the 16-byte search and line count
 * against memmem and a byte loop, with the needle at every position
 * around the block edges (the vector loop, its tail and the byte loop
 * each own some of them) and near misses (first and last bytes right,
 * the middle wrong). */
#include <stdio.h>
#include <string.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "audit/scan.h"

static void test_find_every_position(void **state)
{
	static const char *const needles[] = {"a",     "):",	 "audit",
					      "type=", "audit(", "callbacks suppressed"};
	char hay[80];

	(void)state;
	for (size_t k = 0; k < sizeof(needles) / sizeof(needles[0]); k++) {
		const char *nd = needles[k];
		size_t n = strlen(nd);

		for (size_t len = 0; len <= 70; len++)
			for (size_t at = 0; at + n <= len + 1; at++) {
				const char *want, *got;

				memset(hay, '.', sizeof(hay));
				if (at + n <= len)
					memcpy(hay + at, nd, n);
				if (n > 2 && at >= n + 1 && at - n - 1 + n <= len) {
					/* a near miss before it: ends right, middle wrong */
					hay[at - n - 1] = nd[0];
					hay[at - 2] = nd[n - 1];
				}
				want = memmem(hay, len, nd, n);
				got = audit_find(hay, len, nd, n);
				if (want != got)
					fail_msg("\"%s\" in %zu bytes at %zu: %td, want %td", nd,
						 len, at, got ? got - hay : -1,
						 want ? want - hay : -1);
			}
	}
	assert_ptr_equal(audit_find(hay, 3, "", 0), hay);
	assert_null(audit_find(hay, 3, "abcd", 4));
}

static void test_count_lines(void **state)
{
	char buf[5000] = {0};

	(void)state;
	/* past 255 blocks of 16, where the byte counters are flushed */
	for (size_t len = 0; len < sizeof(buf); len += len < 64 ? 1 : 61) {
		uint64_t want = 0;

		for (size_t i = 0; i < len; i++) {
			buf[i] = i % 7 == 0 || i % 13 == 0 ? '\n' : 'x';
			want += buf[i] == '\n';
		}
		assert_int_equal(audit_count_lines(buf, buf + len), want);
	}
	memset(buf, '\n', sizeof(buf));
	assert_int_equal(audit_count_lines(buf, buf + sizeof(buf)), sizeof(buf));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_every_position),
	    cmocka_unit_test(test_count_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
