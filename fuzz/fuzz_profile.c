/* libFuzzer harness for the profile pipeline: reader, resolver, lint and
 * the canonical writer.
 *
 * For every input that reads without error it checks the properties the
 * rest of seccompctl relies on, and abort()s when one fails:
 *   - a successful read reports no error finding, a failed one returns no
 *     profile and says why (err set, at least one error finding);
 *   - resolution for x86_64 and aarch64 and lint with default options
 *     succeed (they only fail for lack of memory);
 *   - the canonical form reads back without error, and writing it again
 *     gives the same bytes (fmt is a fixed point), for the profile as read
 *     and as resolved for each target.
 * Replaying one file: build with fuzz/replay_main.c instead of libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/lint.h"
#include "profile/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_profile: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* out must read back without error and write back to the same bytes. */
static void check_fixed_point(const char *out, const char *what)
{
	struct diag_list diags = {0};
	struct sc_error err = {0};
	struct profile *back = NULL;
	char *again = NULL;

	if (profile_read_buffer(out, strlen(out), "canonical.json", &back, &diags, &err) < 0) {
		fprintf(stderr, "%s\n", out);
		violation(what, err.msg);
	}
	if (diag_list_count(&diags, SEV_ERROR))
		violation(what, "canonical form has error findings");
	diag_list_free(&diags);
	if (profile_write_canonical(back, &again, &err) < 0)
		violation(what, err.msg);
	if (strcmp(out, again) != 0) {
		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", out, again);
		violation(what, "canonical form is not a fixed point");
	}
	free(again);
	profile_free(back);
}

static void check_write(const struct profile *p, const char *what)
{
	struct sc_error err = {0};
	char *out = NULL;

	if (profile_write_canonical(p, &out, &err) < 0 || !out)
		violation(what, err.msg);
	check_fixed_point(out, what);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const targets[] = {"SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"};
	struct diag_list diags = {0};
	struct sc_error err = {0};
	struct profile *p = NULL;
	struct lint_opts opts = {0};
	int rc;

	rc = profile_read_buffer((const char *)data, size, "fuzz.json", &p, &diags, &err);
	if (rc < 0) {
		if (p)
			violation("read", "failed but returned a profile");
		if (err.code >= 0 || !err.msg[0])
			violation("read", "failed without an error message");
		if (diag_list_count(&diags, SEV_ERROR) == 0)
			violation("read", "failed without an error finding");
		diag_list_free(&diags);
		return 0;
	}
	if (!p)
		violation("read", "succeeded without a profile");
	if (diag_list_count(&diags, SEV_ERROR))
		violation("read", "succeeded with error findings");
	diag_list_free(&diags);

	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		struct profile_ctx ctx;
		struct profile *res = NULL;

		profile_ctx_default(&ctx);
		ctx.native = arch_by_oci(targets[i]);
		ctx.kernel_major = 5;
		ctx.kernel_minor = 10;
		if (!ctx.native)
			violation("resolve", "no such arch");
		if (profile_resolve(p, &ctx, &res, &err) < 0 || !res)
			violation("resolve", err.msg);
		check_write(res, "write resolved");
		profile_free(res);
	}

	if (lint_profile(p, &opts, &diags, &err) < 0)
		violation("lint", err.msg);
	diag_list_free(&diags);

	check_write(p, "write");
	profile_free(p);
	return 0;
}
