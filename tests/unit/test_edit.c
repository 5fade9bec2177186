/* Unit tests for src/edit: diff's verdict and rule-set comparison, merge's
 * union rules, its refusals, and the check that guards it.  Profiles list
 * x86_64 and its compat ABIs and calls are asked as x86_64 ones (the
 * numbers hold on an x86_64 host); verdicts of merged profiles come from
 * bpf_decide, the model the check itself uses. */
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

#include "bpf/bpf.h"
#include "edit/edit.h"
#include "profile/profile.h"

#define ARCHES "\"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]"

static struct profile *load_named(const char *json, const char *file)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};

	if (profile_read_buffer(json, strlen(json), file, &raw, NULL, &err) < 0)
		fail_msg("read %s: %s", file, err.msg);
	profile_ctx_default(&ctx);
	if (profile_resolve(raw, &ctx, &res, &err) < 0)
		fail_msg("resolve %s: %s", file, err.msg);
	profile_free(raw);
	return res;
}

static struct profile *load(const char *json)
{
	return load_named(json, "test.json");
}

static const struct arch_info *x86_64(void)
{
	const struct arch_info *a = arch_lookup("x86_64");

	assert_non_null(a);
	return a;
}

static int nr_of(const char *name)
{
	int nr = -1;

	assert_int_equal(arch_syscall_resolve(x86_64(), name, &nr), ARCH_SYS_OK);
	return nr;
}

/* The verdict of `name` on x86_64 with argument 0 = a0. */
static uint32_t verdict(const struct profile *p, const char *name, uint64_t a0)
{
	struct seccomp_data d = {.nr = nr_of(name), .arch = x86_64()->token};
	struct bpf_compile_opts opts;
	struct bpf_verdict v;
	struct sc_error err = {0};

	d.args[0] = a0;
	bpf_compile_opts_default(&opts);
	if (bpf_decide(p, &opts, &d, &v, &err) < 0)
		fail_msg("decide: %s", err.msg);
	return v.ret;
}

static bool allows(const struct profile *p, const char *name, uint64_t a0)
{
	return edit_ret_allows(verdict(p, name, a0));
}

static void diff_x86_64(const struct profile *a, const struct profile *b, struct edit_diff *d)
{
	const struct arch_info *arches[] = {x86_64()};
	struct bpf_compile_opts opts;
	struct sc_error err = {0};

	bpf_compile_opts_default(&opts);
	if (edit_diff(a, b, arches, 1, &opts, d, &err) < 0)
		fail_msg("diff: %s", err.msg);
	assert_int_equal(d->n_arches, 1);
}

static const struct edit_diff_call *find_call(const struct edit_diff *d, const char *name)
{
	for (size_t i = 0; i < d->arches[0].n_differ; i++)
		if (strcmp(d->arches[0].differ[i].name, name) == 0)
			return &d->arches[0].differ[i];
	return NULL;
}

static const char allow_rw[] =
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
    "{\"names\": [\"read\", \"write\", \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"}]}";
static const char allow_r_open[] =
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
    "{\"names\": [\"read\", \"openat\", \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"},"
    "{\"names\": [\"write\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"}]}";

static void test_diff_identical(void **state)
{
	struct profile *a = load(allow_rw), *b = load(allow_rw);
	struct edit_diff d;

	diff_x86_64(a, b, &d);
	assert_int_equal(d.n_differ, 0);
	assert_int_equal(d.arches[0].a_allowed, 3);
	assert_int_equal(d.arches[0].b_allowed, 3);
	assert_true(d.arches[0].n_calls > 300);
	edit_diff_free(&d);
	profile_free(a);
	profile_free(b);
}

static void test_diff_counts(void **state)
{
	struct profile *a = load(allow_rw), *b = load(allow_r_open);
	const struct edit_diff_call *c;
	struct edit_diff d;

	diff_x86_64(a, b, &d);
	assert_int_equal(d.arches[0].a_only_allowed, 1); /* write */
	assert_int_equal(d.arches[0].b_only_allowed, 1); /* openat */
	c = find_call(&d, "write");
	assert_non_null(c);
	assert_int_equal(c->nr, nr_of("write"));
	assert_int_equal(c->a.ret, SECCOMP_RET_ALLOW);
	assert_int_equal(c->b.ret, SECCOMP_RET_KILL_PROCESS);
	assert_null(find_call(&d, "read"));
	assert_non_null(find_call(&d, "openat"));
	edit_diff_free(&d);
	profile_free(a);
	profile_free(b);
}

/* Same answer with arguments 0, different conditions: a difference. */
static void test_diff_conditional(void **state)
{
	struct profile *a = load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
				 ", \"syscalls\": [{\"names\": [\"personality\"], \"action\": "
				 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 0, "
				 "\"op\": \"SCMP_CMP_EQ\"}]}]}");
	struct profile *b = load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
				 ", \"syscalls\": [{\"names\": [\"personality\"], \"action\": "
				 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 0, "
				 "\"op\": \"SCMP_CMP_EQ\"}]}, {\"names\": [\"personality\"], "
				 "\"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
				 "\"value\": 8, \"op\": \"SCMP_CMP_EQ\"}]}]}");
	const struct edit_diff_call *c;
	struct edit_diff d;

	diff_x86_64(a, b, &d);
	c = find_call(&d, "personality");
	assert_non_null(c);
	assert_int_equal(c->a.ret, c->b.ret);
	assert_true(c->a.conditional && c->b.conditional);
	assert_string_equal(c->a.rules, "ALLOW when args[0] == 0x0");
	assert_string_equal(c->b.rules, "ALLOW when args[0] == 0x0; ALLOW when args[0] == 0x8");
	assert_int_equal(d.arches[0].a_only_allowed, 0);
	assert_int_equal(d.arches[0].a_conditional, 1);
	edit_diff_free(&d);
	profile_free(a);
	profile_free(b);
}

/* The same conditions in another order, and an entry that repeats an
 * index against its runc split: no difference. */
static void test_diff_canonical_conditions(void **state)
{
	struct profile *a = load(
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
	    ", \"syscalls\": [{\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 1, "
	    "\"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]}, {\"names\": [\"kill\"], \"action\": "
	    "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, \"value\": 9, \"op\": \"SCMP_CMP_NE\"}, "
	    "{\"index\": 1, \"value\": 19, \"op\": \"SCMP_CMP_NE\"}]}]}");
	struct profile *b =
	    load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
		 ", \"syscalls\": [{\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\", "
		 "\"args\": [{\"index\": 1, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 0, "
		 "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}, {\"names\": [\"kill\"], \"action\": "
		 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, \"value\": 19, \"op\": "
		 "\"SCMP_CMP_NE\"}]}, {\"names\": [\"kill\"], \"action\": \"SCMP_ACT_ALLOW\", "
		 "\"args\": [{\"index\": 1, \"value\": 9, \"op\": \"SCMP_CMP_NE\"}]}]}");
	struct edit_diff d;

	diff_x86_64(a, b, &d);
	assert_int_equal(d.n_differ, 0);
	assert_int_equal(d.arches[0].a_conditional, 2);
	edit_diff_free(&d);
	profile_free(a);
	profile_free(b);
}

static char *merge_of(const char *const *json, size_t n, const struct edit_merge_opts *o, int want,
		      struct sc_error *err)
{
	struct profile *in[8];
	char *out = NULL;
	int rc;

	for (size_t i = 0; i < n; i++) {
		char name[32];

		snprintf(name, sizeof(name), "in%zu.json", i);
		in[i] = load_named(json[i], name);
	}
	rc = edit_merge((const struct profile *const *)in, n, o, &out, err);
	for (size_t i = 0; i < n; i++)
		profile_free(in[i]);
	if (rc != want)
		fail_msg("merge returned %d, not %d: %s", rc, want, err->msg);
	return out;
}

static struct edit_merge_opts default_opts(void)
{
	struct edit_merge_opts o = {0};

	bpf_compile_opts_default(&o.bpf);
	return o;
}

static void test_merge_union(void **state)
{
	const char *in[] = {allow_rw, allow_r_open};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	char *out = merge_of(in, 2, &o, 0, &err);
	struct profile *m = load(out);

	/* write: allowed by in0, killed by in1: allow wins */
	assert_true(allows(m, "write", 0));
	assert_true(allows(m, "read", 0));
	assert_true(allows(m, "openat", 0));
	assert_true(allows(m, "exit_group", 0));
	assert_false(allows(m, "mount", 0));
	assert_int_equal(verdict(m, "mount", 0), SECCOMP_RET_ERRNO | EPERM);
	assert_null(strstr(out, "SCMP_ACT_KILL_PROCESS"));
	profile_free(m);
	free(out);
}

/* An unconditional allow beats conditional ones; conditional allows from
 * two inputs are both kept, identical ones once; a name no input allows
 * keeps the first input's denial. */
static void test_merge_conditional(void **state)
{
	const char *in[] = {
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
	    "{\"names\": [\"personality\", \"clone\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]},"
	    "{\"names\": [\"reboot\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"}]}",
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
	    "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]},"
	    "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQ\"}]},"
	    "{\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\"},"
	    "{\"names\": [\"reboot\"], \"action\": \"SCMP_ACT_TRAP\"}]}",
	};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	char *out = merge_of(in, 2, &o, 0, &err);
	struct profile *m = load(out);
	const char *first = strstr(out, "\"value\": 0,");

	assert_true(allows(m, "clone", 0x10000000)); /* in1 allows any clone */
	assert_true(allows(m, "personality", 0));
	assert_true(allows(m, "personality", 8));
	assert_false(allows(m, "personality", 4));
	assert_int_equal(verdict(m, "reboot", 0), SECCOMP_RET_KILL_PROCESS);
	/* the two identical personality entries are written once */
	assert_non_null(first);
	assert_null(strstr(first + 1, "\"value\": 0,"));
	profile_free(m);
	free(out);
}

/* Denylists: a denial stays only where every input denies. */
static void test_merge_denylists(void **state)
{
	const char *in[] = {
	    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", " ARCHES ", \"syscalls\": ["
	    "{\"names\": [\"mount\", \"reboot\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
	    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", " ARCHES ", \"syscalls\": ["
	    "{\"names\": [\"mount\", \"ptrace\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
	};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	char *out = merge_of(in, 2, &o, 0, &err);
	struct profile *m = load(out);

	assert_false(allows(m, "mount", 0));
	assert_true(allows(m, "reboot", 0));
	assert_true(allows(m, "ptrace", 0));
	assert_true(allows(m, "getpid", 0));
	profile_free(m);
	free(out);
}

static void test_merge_refuses_defaults(void **state)
{
	const char *in[] = {allow_rw, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", " ARCHES
				      ", \"syscalls\": [{\"names\": [\"mount\"], \"action\": "
				      "\"SCMP_ACT_ERRNO\"}]}"};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	char *out = merge_of(in, 2, &o, -EINVAL, &err);
	struct profile *m;

	assert_null(out);
	assert_non_null(strstr(err.msg, "in0.json has ERRNO(EPERM), in1.json has ALLOW"));
	assert_non_null(strstr(err.msg, "--default-action"));
	/* chosen: the denylist's allows are spelt out under ERRNO */
	o.set_default = true;
	o.default_action = ACT_ERRNO;
	o.default_errno = EPERM;
	out = merge_of(in, 2, &o, 0, &err);
	m = load(out);
	assert_int_equal(m->default_action, ACT_ERRNO);
	assert_true(allows(m, "getpid", 0));
	assert_true(allows(m, "write", 0));
	assert_false(allows(m, "mount", 0));
	profile_free(m);
	free(out);
}

/* Under a chosen default of the other kind, conditions cannot be carried
 * over: "allow when C" under ALLOW would allow everything, so it is
 * refused; "kill when C" from inputs that deny the call anyway becomes an
 * outright denial, not "kill when C, else allow". */
static void test_merge_conditions_under_chosen_default(void **state)
{
	const char *cond_allow[] = {
	    allow_rw, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
		      "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", "
		      "\"args\": [{\"index\": 0, \"value\": 5, \"op\": \"SCMP_CMP_EQ\"}]}]}"};
	const char *cond_kill[] = {
	    allow_rw, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES ", \"syscalls\": ["
		      "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_KILL_PROCESS\", "
		      "\"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}"};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	struct profile *m;
	char *out;

	o.set_default = true;
	o.default_action = ACT_ALLOW;
	assert_null(merge_of(cond_allow, 2, &o, -EINVAL, &err));
	assert_non_null(strstr(err.msg, "personality: in1.json decides it by argument conditions"));
	out = merge_of(cond_kill, 2, &o, 0, &err);
	m = load(out);
	assert_false(allows(m, "personality", 0));
	assert_false(allows(m, "personality", 1));
	assert_true(allows(m, "write", 0));
	assert_false(allows(m, "mount", 0));
	profile_free(m);
	free(out);
}

static void test_merge_refuses_arches(void **state)
{
	const char *in[] = {allow_rw,
			    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": "
			    "[\"SCMP_ARCH_X86_64\"], \"syscalls\": [{\"names\": [\"read\"], "
			    "\"action\": \"SCMP_ACT_ALLOW\"}]}"};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};

	assert_null(merge_of(in, 2, &o, -EINVAL, &err));
	assert_non_null(strstr(err.msg, "in0.json lists SCMP_ARCH_X86 and in1.json does not"));
}

static void test_merge_flags(void **state)
{
	const char *in[] = {
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
	    ", \"flags\": [\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\", \"SECCOMP_FILTER_FLAG_LOG\"]}",
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
	    ", \"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\"]}",
	};
	struct edit_merge_opts o = default_opts();
	struct sc_error err = {0};
	char *out = merge_of(in, 2, &o, 0, &err);
	struct profile *m = load(out);

	assert_int_equal(m->flags, FLAG_TSYNC | FLAG_LOG);
	profile_free(m);
	free(out);
}

/* The guard itself: a "merge" that allows too much or too little is refused. */
static void test_merge_check(void **state)
{
	struct profile *in[] = {load_named(allow_rw, "a.json"), load_named(allow_r_open, "b.json")};
	struct profile *wide = load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
				    ", \"syscalls\": [{\"names\": [\"read\", \"write\", "
				    "\"openat\", \"exit_group\", \"mount\"], "
				    "\"action\": \"SCMP_ACT_ALLOW\"}]}");
	struct profile *narrow = load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
				      ", \"syscalls\": [{\"names\": [\"read\", \"write\", "
				      "\"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");
	struct profile *exact = load("{\"defaultAction\": \"SCMP_ACT_ERRNO\", " ARCHES
				     ", \"syscalls\": [{\"names\": [\"read\", \"write\", "
				     "\"openat\", \"exit_group\"], "
				     "\"action\": \"SCMP_ACT_ALLOW\"}]}");
	struct bpf_compile_opts opts;
	struct sc_error err = {0};

	bpf_compile_opts_default(&opts);
	assert_int_equal(edit_merge_check((const struct profile *const *)in, 2, wide, &opts, &err),
			 -EINVAL);
	assert_non_null(strstr(err.msg, "mount (x86_64, nr 165) would be allowed"));
	assert_int_equal(
	    edit_merge_check((const struct profile *const *)in, 2, narrow, &opts, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "openat (x86_64, nr 257) would be denied, and b.json"));
	assert_int_equal(edit_merge_check((const struct profile *const *)in, 2, exact, &opts, &err),
			 0);
	profile_free(in[0]);
	profile_free(in[1]);
	profile_free(wide);
	profile_free(narrow);
	profile_free(exact);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff_identical),
	    cmocka_unit_test(test_diff_counts),
	    cmocka_unit_test(test_diff_conditional),
	    cmocka_unit_test(test_diff_canonical_conditions),
	    cmocka_unit_test(test_merge_union),
	    cmocka_unit_test(test_merge_conditional),
	    cmocka_unit_test(test_merge_denylists),
	    cmocka_unit_test(test_merge_refuses_defaults),
	    cmocka_unit_test(test_merge_conditions_under_chosen_default),
	    cmocka_unit_test(test_merge_refuses_arches),
	    cmocka_unit_test(test_merge_flags),
	    cmocka_unit_test(test_merge_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
