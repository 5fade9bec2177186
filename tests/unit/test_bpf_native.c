/* Unit tests for the native compiler's own properties (compile.c,
 * model.c): layout limits, far jumps, the 4096 refusal, --enosys modes,
 * the action cache, and bpf_decide's answers.  Its agreement with
 * libseccomp is test_bpf_diff's job; its kernel behaviour is checked in
 * test_bpf_libseccomp's "native" group. */
#include <errno.h>
#include <linux/audit.h>
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
#include "profile/profile.h"
#include "util/strbuf.h"

#define RET_ENOSYS (SECCOMP_RET_ERRNO | ENOSYS)
#define RET_EPERM  (SECCOMP_RET_ERRNO | EPERM)

static struct profile *load(const char *json)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};

	if (profile_read_buffer(json, strlen(json), "test.json", &raw, NULL, &err) < 0)
		fail_msg("read: %s", err.msg);
	profile_ctx_default(&ctx);
	if (profile_resolve(raw, &ctx, &res, &err) < 0)
		fail_msg("resolve: %s", err.msg);
	profile_free(raw);
	return res;
}

static struct profile *load_file(const char *rel)
{
	char path[4096];
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};

	snprintf(path, sizeof(path), "%s/%s", SRCDIR, rel);
	if (profile_read_file(path, &raw, NULL, &err) < 0)
		fail_msg("read: %s", err.msg);
	profile_ctx_default(&ctx);
	if (profile_resolve(raw, &ctx, &res, &err) < 0)
		fail_msg("resolve: %s", err.msg);
	profile_free(raw);
	return res;
}

static uint32_t run(const struct bpf_prog *p, uint32_t arch, uint32_t nr, uint64_t a0,
		    size_t *executed)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = arch, .args = {a0}};
	struct bpf_result r;
	struct sc_error err = {0};

	assert_int_equal(bpf_run(p->insns, p->len, &d, &r, &err), 0);
	if (executed)
		*executed = r.executed;
	return r.ret;
}

static void compile(const struct profile *res, const struct bpf_compile_opts *o, struct bpf_prog *p)
{
	struct sc_error err = {0};

	if (bpf_compile_native(res, o, p, &err) < 0)
		fail_msg("compile: %s", err.msg);
	assert_int_equal(bpf_validate(p->insns, p->len, &err), 0);
}

/* Many argument values on one call make the program long: every jump
 * still lands where it should (trampolines past 255). */
static void test_far_jumps(void **state)
{
	struct sc_strbuf b = {0};
	struct profile *res;
	struct bpf_prog p = {0};
	struct bpf_compile_opts o;
	bool far = false;

	(void)state;
	sc_strbuf_puts(&b,
		       "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\","
		       "\"write\",\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"}");
	/* 300 GT tests (not a value set): long argument block on personality */
	for (unsigned i = 0; i < 300; i++)
		sc_strbuf_printf(&b,
				 ",{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
				 "\"args\":[{\"index\":0,\"value\":%u,\"op\":\"SCMP_CMP_EQ\"},"
				 "{\"index\":1,\"value\":%u,\"op\":\"SCMP_CMP_GT\"}]}",
				 i * 3, i);
	sc_strbuf_puts(&b, ",{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_KILL_PROCESS\"}]}");
	res = load(b.data);
	bpf_compile_opts_default(&o);
	compile(res, &o, &p);
	assert_true(p.len > 1000);
	for (size_t i = 0; i < p.len; i++)
		if (p.insns[i].code == (BPF_JMP | BPF_JA) && p.insns[i].k > 255)
			far = true;
	assert_true(far);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 39, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 165, 0, NULL), SECCOMP_RET_KILL_PROCESS);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 2, 0, NULL), RET_EPERM);
	/* personality(297, 100): entry 99 has arg0 == 297 and arg1 > 99 */
	{
		struct seccomp_data d = {.nr = 135, .arch = AUDIT_ARCH_X86_64, .args = {297, 100}};
		struct bpf_result r;
		struct sc_error err = {0};

		assert_int_equal(bpf_run(p.insns, p.len, &d, &r, &err), 0);
		assert_int_equal(r.ret, SECCOMP_RET_ALLOW);
		d.args[1] = 99;
		assert_int_equal(bpf_run(p.insns, p.len, &d, &r, &err), 0);
		assert_int_equal(r.ret, RET_EPERM);
	}
	bpf_prog_free(&p);
	profile_free(res);
	sc_strbuf_free(&b);
}

/* Over 4096 instructions: refused with the count and the entries that
 * made it big (their JSON paths). */
static void test_too_big(void **state)
{
	struct sc_strbuf b = {0};
	struct profile *res;
	struct bpf_prog p = {0};
	struct sc_error err = {0};

	(void)state;
	sc_strbuf_puts(&b, "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":["
			   "\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"}");
	for (unsigned i = 0; i < 900; i++)
		sc_strbuf_printf(&b,
				 ",{\"names\":[\"%s\"],\"action\":\"SCMP_ACT_ALLOW\","
				 "\"args\":[{\"index\":0,\"value\":%u,\"op\":\"SCMP_CMP_EQ\"},"
				 "{\"index\":2,\"value\":%u,\"op\":\"SCMP_CMP_LT\"}]}",
				 i % 2 ? "ioctl" : "prctl", i, i + 7);
	sc_strbuf_puts(&b, "]}");
	res = load(b.data);
	assert_int_equal(bpf_compile_native(res, NULL, &p, &err), -E2BIG);
	assert_null(p.insns);
	assert_non_null(strstr(err.msg, "over the kernel's limit of 4096"));
	assert_non_null(strstr(err.msg, "syscalls["));
	profile_free(res);
	sc_strbuf_free(&b);
}

/* runc's ENOSYS stub, kernel=X.Y, and none. */
static void test_enosys_modes(void **state)
{
	struct profile *res = load_file("profiles/lab/minimal.json");
	struct profile *named = load("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":["
				     "\"SCMP_ARCH_X86_64\"],\"syscalls\":[{\"names\":[\"read\","
				     "\"openat2\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	struct bpf_compile_opts o;
	struct bpf_prog p = {0};
	struct sc_error err = {0};

	(void)state;
	bpf_compile_opts_default(&o);
	compile(res, &o, &p);
	/* above the highest named number: runc's stub */
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 1000, 0, NULL), RET_ENOSYS);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 100000, 0, NULL), RET_ENOSYS);
	/* an unnamed number below it: the default */
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 246, 0, NULL), RET_EPERM); /* kexec_load */
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 0, 0, NULL), SECCOMP_RET_ALLOW);
	bpf_prog_free(&p);

	assert_int_equal(bpf_enosys_parse("none", &o, &err), 0);
	compile(res, &o, &p);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 1000, 0, NULL), RET_EPERM);
	bpf_prog_free(&p);

	/* kernel 5.2: pidfd_open (5.3, 434) is new, so is unassigned 335;
	 * kexec_load is old and keeps the default; a named call keeps the
	 * profile's answer even though 5.2 lacks it (openat2, 5.6). */
	assert_int_equal(bpf_enosys_parse("kernel=5.2", &o, &err), 0);
	assert_int_equal(o.kernel_major, 5);
	assert_int_equal(o.kernel_minor, 2);
	compile(named, &o, &p);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 434, 0, NULL), RET_ENOSYS);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 335, 0, NULL), RET_ENOSYS);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 246, 0, NULL), RET_EPERM);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 100000, 0, NULL), RET_ENOSYS);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 437, 0, NULL), SECCOMP_RET_ALLOW);
	bpf_prog_free(&p);
	assert_int_equal(bpf_enosys_parse("kernel=5.3", &o, &err), 0);
	compile(named, &o, &p);
	assert_int_equal(run(&p, AUDIT_ARCH_X86_64, 434, 0, NULL), RET_EPERM);
	bpf_prog_free(&p);

	assert_int_equal(bpf_enosys_parse("kernel=5", &o, &err), -EINVAL);
	assert_int_equal(bpf_enosys_parse("kernelx", &o, &err), -EINVAL);
	profile_free(res);
	profile_free(named);
}

/* Every constant-allow number is cacheable by the kernel; the
 * argument-dependent ones are not. */
static void test_action_cache(void **state)
{
	struct profile *res = load_file("profiles/builtin/runtime-default.json");
	struct bpf_prog p = {0};
	size_t allowed = 0;

	(void)state;
	compile(res, NULL, &p);
	for (uint32_t nr = 0; nr < 512; nr++) {
		struct bpf_verdict v;
		struct seccomp_data d = {.nr = (int)nr, .arch = AUDIT_ARCH_X86_64};
		struct sc_error err = {0};
		bool depends = false;

		assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
		/* argument-dependent when some argument value changes the answer */
		static const uint64_t probes[] = {1, 7, 0x40000, 0x7e020000, 0xffffffffu, ~0ull};
		for (int k = 0; k < 6 && !depends; k++)
			for (size_t q = 0; q < sizeof(probes) / sizeof(probes[0]) && !depends;
			     q++) {
				struct bpf_verdict w;

				d.args[k] = probes[q];
				assert_int_equal(bpf_decide(res, NULL, &d, &w, &err), 0);
				depends = w.ret != v.ret;
				d.args[k] = 0;
			}
		if (v.ret == SECCOMP_RET_ALLOW && !depends) {
			allowed++;
			if (!bpf_cache_const_allow(p.insns, p.len, AUDIT_ARCH_X86_64, nr))
				fail_msg("nr %u: constant ALLOW but not cacheable", nr);
		}
		if (depends && bpf_cache_const_allow(p.insns, p.len, AUDIT_ARCH_X86_64, nr))
			fail_msg("nr %u: depends on arguments but cacheable", nr);
	}
	assert_true(allowed > 300);
	bpf_prog_free(&p);
	profile_free(res);
}

/* The kernel's rules for the cache, on hand-made programs. */
static void test_cache_rules(void **state)
{
	const struct sock_filter args_first[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16), /* args[0]: not constant */
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	const struct sock_filter masked[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
	    BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
	    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x80, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG), /* LOG is not cached */
	};
	const struct sock_filter ldx[] = {
	    BPF_STMT(BPF_LDX | BPF_W | BPF_MEM, 0), /* not followed by the kernel */
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};

	(void)state;
	assert_false(bpf_cache_const_allow(args_first, 2, AUDIT_ARCH_X86_64, 0));
	assert_true(bpf_cache_const_allow(masked, 5, AUDIT_ARCH_X86_64, 0x100)); /* & 0xff = 0 */
	assert_false(bpf_cache_const_allow(masked, 5, AUDIT_ARCH_X86_64, 0x180));
	assert_false(bpf_cache_const_allow(ldx, 2, AUDIT_ARCH_X86_64, 0));
}

/* bpf_decide: the rule, the default, ENOSYS, the bad arch, ambiguity. */
static void test_decide(void **state)
{
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_X86_64\"],"
	    "\"syscalls\":["
	    "{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"},"
	    "{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ERRNO\"},"
	    "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
	    "\"args\":[{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_LE\"}]},"
	    "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_KILL_PROCESS\","
	    "\"args\":[{\"index\":1,\"value\":5,\"op\":\"SCMP_CMP_EQ\"}]}]}";
	struct profile *res = load(json);
	struct bpf_verdict v;
	struct sc_error err = {0};
	struct seccomp_data d = {.nr = 39, .arch = AUDIT_ARCH_X86_64};

	(void)state;
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, SECCOMP_RET_ALLOW);
	assert_int_equal(v.why, BPF_WHY_RULE);
	assert_ptr_equal(v.rule, &res->rules[0]);
	assert_string_equal(v.arch->name, "x86_64");

	d.nr = 165; /* mount: named with the default action, dropped */
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, RET_EPERM);
	assert_int_equal(v.why, BPF_WHY_DEFAULT);
	assert_ptr_equal(v.named_by, &res->rules[1]);

	d.nr = 135; /* personality(0, 5): both entries match */
	d.args[1] = 5;
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, SECCOMP_RET_KILL_PROCESS);
	assert_true(v.ambiguous);
	/* only the ALLOW entry matches, but libseccomp merged both into one
	 * tree: its answer still depends on their order */
	d.args[1] = 0;
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, SECCOMP_RET_ALLOW);
	assert_true(v.ambiguous);
	assert_ptr_equal(v.rule, &res->rules[2]);
	d.nr = 39; /* getpid: one unconditional entry */
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_false(v.ambiguous);

	d.nr = 999;
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, RET_ENOSYS);
	assert_int_equal(v.why, BPF_WHY_ENOSYS);

	d.nr = 0x40000000 | 39; /* x32 getpid: x32 is not in the filter */
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.ret, SECCOMP_RET_KILL_THREAD);
	assert_int_equal(v.why, BPF_WHY_BADARCH);

	d.nr = 20;
	d.arch = AUDIT_ARCH_I386;
	assert_int_equal(bpf_decide(res, NULL, &d, &v, &err), 0);
	assert_int_equal(v.why, BPF_WHY_BADARCH);
	profile_free(res);
}

/* libseccomp 2.5.4 loops for ever on these two rules (fuzz_compile found
 * it; runc hangs starting such a container): the timed check gives up. */
static void test_libseccomp_loops(void **state)
{
	struct profile *res =
	    load("{\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":["
		 "{\"names\":[\"fcntl\"],\"action\":\"SCMP_ACT_LOG\",\"args\":["
		 "{\"index\":0,\"value\":45,\"op\":\"SCMP_CMP_GE\"},"
		 "{\"index\":3,\"value\":288230376151711744,\"op\":\"SCMP_CMP_LT\"},"
		 "{\"index\":2,\"value\":65536,\"op\":\"SCMP_CMP_LE\"}]},"
		 "{\"names\":[\"landlock_create_ruleset\"],\"action\":\"SCMP_ACT_TRAP\"},"
		 "{\"names\":[\"fcntl\"],\"action\":\"SCMP_ACT_LOG\",\"args\":["
		 "{\"index\":0,\"value\":45,\"op\":\"SCMP_CMP_GE\"},"
		 "{\"index\":3,\"value\":0,\"op\":\"SCMP_CMP_LT\"}]}]}");
	struct sc_error err = {0};
	struct bpf_prog p = {0};

	(void)state;
	assert_int_equal(bpf_libseccomp_accepts_within(res, 300, &err), -ETIMEDOUT);
	assert_non_null(strstr(err.msg, "would hang"));
	/* a profile libseccomp takes answers in time */
	profile_free(res);
	res = load("{\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":[{\"names\":[\"read\"],"
		   "\"action\":\"SCMP_ACT_ALLOW\"}]}");
	assert_int_equal(bpf_libseccomp_accepts_within(res, 5000, &err), 0);
	compile(res, NULL, &p);
	bpf_prog_free(&p);
	profile_free(res);
}

/* An argument block shared by the names of one entry is emitted once. */
static void test_shared_blocks(void **state)
{
	const char one[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],"
	    "\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":3,"
	    "\"op\":\"SCMP_CMP_GT\"},{\"index\":1,\"value\":9,\"op\":\"SCMP_CMP_"
	    "NE\"}]}]}";
	const char many[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":["
			    "\"read\",\"write\",\"close\",\"fstat\",\"lseek\",\"mmap\"],"
			    "\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":3,"
			    "\"op\":\"SCMP_CMP_GT\"},{\"index\":1,\"value\":9,\"op\":\"SCMP_CMP_"
			    "NE\"}]}]}";
	struct profile *a = load(one), *b = load(many);
	struct bpf_prog pa = {0}, pb = {0};

	(void)state;
	compile(a, NULL, &pa);
	compile(b, NULL, &pb);
	/* five more numbers cost a few search nodes, not five more blocks */
	assert_true(pb.len < pa.len + 12);
	assert_int_equal(run(&pb, AUDIT_ARCH_X86_64, 9, 4, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(run(&pb, AUDIT_ARCH_X86_64, 9, 3, NULL), RET_EPERM);
	bpf_prog_free(&pa);
	bpf_prog_free(&pb);
	profile_free(a);
	profile_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_far_jumps),	  cmocka_unit_test(test_too_big),
	    cmocka_unit_test(test_enosys_modes),  cmocka_unit_test(test_action_cache),
	    cmocka_unit_test(test_decide),	  cmocka_unit_test(test_cache_rules),
	    cmocka_unit_test(test_shared_blocks), cmocka_unit_test(test_libseccomp_loops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
