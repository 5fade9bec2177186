/* Differential tests: the native compiler against the libseccomp backend
 * (runc 1.1.5 semantics), and both against the model's own decisions.
 *
 * For each profile of the corpus (the builtins, the lab's, Docker's and the
 * containers' defaults) and for generated random profiles (every action,
 * operator, repeated indexes, multiplexed socket calls, multi-arch sets,
 * huge and empty ones), both programs run in the emulator on:
 *   - every number 0..1023 of every ABI in the filter, x32 numbers, the
 *     edges of the x32 bit and of the 32-bit range, and bad arches;
 *   - for numbers whose answer depends on arguments: every argument at
 *     -1/0/+1 of every constant the profile compares it with (and of each
 *     32-bit half), plus random 64-bit values.
 * The full 32-bit return values must be identical.  Two differences are
 * accepted, counted and reported (the model must still agree with the
 * native program there):
 *   - a call where entries with different actions match at once
 *     (`ambiguous`, see model.c): libseccomp's answer then follows its
 *     internal tree order;
 *   - libseccomp's stale-accumulator bugs, and answers of its merged
 *     argument tree that no rule alone gives (both in tests/support/bpfdiff.c).
 * The comparison itself lives in tests/support/bpfdiff.c, shared with the
 * fuzzer fuzz/fuzz_compile.c.  SC_DIFF_PROFILES=N runs N random profiles
 * (default 200); SC_DIFF_SHOW=I prints random profile I. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "../support/bpfdiff.h"
#include "profile/profile.h"

static struct diff_tally total;
static struct diff_rng rng = {.state = 0x9e3779b97f4a7c15ull};

static void resolve(const char *json, size_t len, const char *name, struct profile **out)
{
	struct profile *raw = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};

	if (profile_read_buffer(json, len, name, &raw, NULL, &err) < 0)
		fail_msg("%s: %s", name, err.msg);
	profile_ctx_default(&ctx);
	if (profile_resolve(raw, &ctx, out, &err) < 0)
		fail_msg("%s: resolve: %s", name, err.msg);
	profile_free(raw);
}

/* One profile, one ENOSYS mode; false when both backends refuse it. */
static bool check(const char *name, const struct profile *res, enum bpf_enosys mode,
		  struct diff_result *out)
{
	char why[1024];
	int rc = diff_profile(name, res, mode, DIFF_FULL, &rng, &total, out, why, sizeof(why));

	if (rc < 0)
		fail_msg("%s", why);
	if (rc == 0 && getenv("SC_DIFF_LEN") && out->native_len > out->lib_len)
		fprintf(stderr, "# longer: %s native %zu libseccomp %zu\n", name, out->native_len,
			out->lib_len);
	return rc == 0;
}

static void diff_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct profile *res = NULL;
	struct diff_result r;
	char *buf;
	long len;

	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	resolve(buf, (size_t)len, path, &res);
	free(buf);
	if (!check(path, res, BPF_ENOSYS_RUNC, &r))
		fail_msg("%s: libseccomp refuses it", path);
	printf("# %s: native %zu insns, worst path %zu; libseccomp %zu, %zu\n",
	       path + (strlen(path) > 40 ? strlen(path) - 40 : 0), r.native_len, r.native_worst,
	       r.lib_len, r.lib_worst);
	/* the bar: never longer, never slower in the worst case */
	assert_true(r.native_len <= r.lib_len);
	assert_true(r.native_worst <= r.lib_worst);
	/* and libseccomp without runc's stub */
	if (!check(path, res, BPF_ENOSYS_NONE, &r))
		fail_msg("%s: libseccomp refuses it", path);
	profile_free(res);
}

static void test_corpus(void **state)
{
	static const char *const files[] = {
	    "profiles/builtin/runtime-default.json",
	    "profiles/builtin/log-all.json",
	    "profiles/lab/audit.json",
	    "profiles/lab/deny-dangerous.json",
	    "profiles/lab/minimal.json",
	    "profiles/lab/nginx.json",
	    "profiles/lab/production.json",
	    "profiles/lab/too-restrictive.json",
	    "tests/fixtures/corpus/moby-default.json",
	};
	char path[4096];

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", SRCDIR, files[i]);
		diff_file(path);
	}
}

static void test_random(void **state)
{
	const char *env = getenv("SC_DIFF_PROFILES"); /* more on demand */
	unsigned want = env ? (unsigned)atoi(env) : 200, compiled = 0;

	(void)state;
	for (unsigned i = 0; compiled < want && i < want * 10; i++) {
		char name[64];
		char *json = diff_random_profile(&rng, i % 17 == 0 ? 0 : i % 11 == 0 ? 1 : 2);
		struct profile *res = NULL;
		struct diff_result r;

		assert_non_null(json);
		snprintf(name, sizeof(name), "random profile %u", i);
		resolve(json, strlen(json), name, &res);
		if (getenv("SC_DIFF_SHOW") && (unsigned)atoi(getenv("SC_DIFF_SHOW")) == i)
			fprintf(stderr, "# %s: %s\n", name, json);
		/* every third one also without runc's stub */
		if (i % 3 == 0)
			check(name, res, BPF_ENOSYS_NONE, &r);
		if (check(name, res, BPF_ENOSYS_RUNC, &r))
			compiled++;
		profile_free(res);
		free(json);
	}
	assert_true(compiled >= want);
}

static int report(void **state)
{
	(void)state;
	printf("# differential: %lu profiles, %lu verdicts compared, %lu ambiguous (conditional "
	       "entries of one number with different actions), %lu where libseccomp's program "
	       "compared a stale "
	       "field (its bug), %lu where libseccomp's merged rules answer unlike any rule alone "
	       "(its bug), "
	       "%lu refused by both backends, %lu on which libseccomp loops\n",
	       total.profiles, total.compared, total.ambiguous, total.lib_incoherent,
	       total.lib_dropped, total.refused_both, total.lib_hangs);
	printf("# program length native %lu vs libseccomp %lu instructions in all; worst path %zu "
	       "vs %zu\n",
	       total.native_len, total.lib_len, total.worst_native, total.worst_lib);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus),
	    cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, report);
}
