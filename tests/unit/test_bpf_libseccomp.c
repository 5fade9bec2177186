/* Unit tests for src/bpf/backend_libseccomp.c: runc 1.1.5's way of loading
 * a profile through libseccomp, checked by installing the programs in
 * forked children and issuing real syscalls.  The same behaviour tests run
 * a second time on the native compiler (group "native"), which must give
 * the kernel the same answers. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "bpf/bpf.h"
#include "profile/profile.h"
#include "util/cleanup.h"

/* ---- helpers ----------------------------------------------------------- */

typedef int (*backend_fn)(const struct profile *, const struct bpf_compile_opts *,
			  struct bpf_prog *, struct sc_error *);
static backend_fn backend = bpf_compile_libseccomp;

static int use_native(void **state)
{
	(void)state;
	backend = bpf_compile_native;
	return 0;
}

static int compile_json(const char *json, bool stub, struct bpf_prog *out, struct sc_error *err)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct bpf_compile_opts opts;
	int rc;

	rc = profile_read_buffer(json, strlen(json), "test.json", &raw, NULL, err);
	if (rc < 0)
		fail_msg("profile_read_buffer: %s", err->msg);
	profile_ctx_default(&ctx);
	rc = profile_resolve(raw, &ctx, &res, err);
	profile_free(raw);
	if (rc < 0)
		fail_msg("profile_resolve: %s", err->msg);
	bpf_compile_opts_default(&opts);
	opts.enosys = stub ? BPF_ENOSYS_RUNC : BPF_ENOSYS_NONE;
	rc = backend(res, &opts, out, err);
	profile_free(res);
	return rc;
}

static void compile_ok(const char *json, bool stub, struct bpf_prog *out)
{
	struct sc_error err = {0};
	int rc = compile_json(json, stub, out, &err);

	if (rc != 0)
		fail_msg("compile failed (%d): %s", rc, err.msg);
	assert_non_null(out->insns);
	assert_true(out->len > 0 && out->len <= BPF_PROG_MAX);
}

/* A call the child makes, and what it got. */
struct call {
	long nr;
	unsigned long a0, a1;
};
/* nr | I386_CALL: made through int $0x80, i.e. as AUDIT_ARCH_I386. */
#define I386_CALL (1L << 40)

static long int80(long nr)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
	return ret;
}

/* Whether this kernel runs i386 syscalls from a 64-bit process. */
static bool have_ia32(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(int80(20) == getpid() ? 0 : 1); /* i386 getpid */
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

struct outcome {
	long ret;
	int err;
};
#define EXPECT_OK -1 /* any non-negative return */
#define MAX_CALLS 16

struct run {
	size_t n_done;
	struct outcome out[MAX_CALLS];
	int status;
};

/* Install prog in a forked child, make the calls, report each result
 * through a pipe.  A child killed by the filter reports fewer results. */
static void run_in_child(const struct bpf_prog *prog, const struct call *calls, size_t n,
			 struct run *run)
{
	int fds[2];
	pid_t pid;

	assert_true(n <= MAX_CALLS);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sock_fprog fprog = {.len = (unsigned short)prog->len, .filter = prog->insns};

		close(fds[0]);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0)
			_exit(90);
		for (size_t i = 0; i < n; i++) {
			struct utsname u;
			struct outcome o;
			unsigned long a1 = calls[i].a1;

			if (calls[i].nr == SYS_uname)
				a1 = 0;
			if (calls[i].nr & I386_CALL) {
				o.ret = int80(calls[i].nr & ~I386_CALL);
				o.err = o.ret < 0 && o.ret >= -4095 ? (int)-o.ret : 0;
				o.ret = o.err ? -1 : o.ret;
			} else {
				errno = 0;
				o.ret = syscall(calls[i].nr,
						calls[i].nr == SYS_uname ? (unsigned long)&u
									 : calls[i].a0,
						a1, 0, 0, 0, 0);
				o.err = o.ret < 0 ? errno : 0;
			}
			if (write(fds[1], &o, sizeof(o)) != (ssize_t)sizeof(o))
				_exit(91);
		}
		_exit(0);
	}
	close(fds[1]);
	memset(run, 0, sizeof(*run));
	while (run->n_done < MAX_CALLS &&
	       read(fds[0], &run->out[run->n_done], sizeof(struct outcome)) ==
		   (ssize_t)sizeof(struct outcome))
		run->n_done++;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &run->status, 0), pid);
}

/* Expected: errno value, or EXPECT_OK. */
static void expect_calls(const struct bpf_prog *prog, const struct call *calls, const int *want,
			 size_t n)
{
	struct run run;

	run_in_child(prog, calls, n, &run);
	if (!WIFEXITED(run.status) || WEXITSTATUS(run.status) != 0)
		fail_msg("child status %#x after %zu calls", run.status, run.n_done);
	assert_int_equal(run.n_done, n);
	for (size_t i = 0; i < n; i++) {
		if (want[i] == EXPECT_OK) {
			if (run.out[i].ret < 0)
				fail_msg("call %zu (nr %ld): errno %d, want success", i,
					 calls[i].nr, run.out[i].err);
		} else if (run.out[i].ret != -1 || run.out[i].err != want[i]) {
			fail_msg("call %zu (nr %ld): ret %ld errno %d, want errno %d", i,
				 calls[i].nr, run.out[i].ret, run.out[i].err, want[i]);
		}
	}
}

#define ARCHES_X86 "\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"],"
/* Enough for the child to report and exit. */
#define BASE_ALLOW                                                                                 \
	"{\"names\":[\"read\",\"write\",\"close\",\"exit\",\"exit_group\",\"getpid\","             \
	"\"uname\",\"rt_sigreturn\",\"sigaltstack\",\"mmap\",\"munmap\",\"mprotect\","             \
	"\"madvise\",\"futex\",\"brk\",\"rt_sigprocmask\",\"rt_sigaction\"],\"action\":\"SCMP_"    \
	"ACT_ALLOW\"}"

/* Highest named number on x86_64 here: exit_group (231). */
static const char lab_profile[] =
    "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86 "\"syscalls\":[" BASE_ALLOW "]}";

/* ---- kernel tests ------------------------------------------------------ */

static void test_kernel_lab_allowlist(void **state)
{
	(void)state;
	struct bpf_prog p;
	const struct call calls[] = {
	    {SYS_getpid, 0, 0},	 {SYS_uname, 0, 0},
	    {SYS_getppid, 0, 0}, {SYS_personality, 0xffffffff, 0},
	    {300, 0, 0},	 {1000, 0, 0},
	};
	const int want[] = {EXPECT_OK, EXPECT_OK, EPERM, EPERM, ENOSYS, ENOSYS};

	compile_ok(lab_profile, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

static void test_kernel_stub_disabled(void **state)
{
	(void)state;
	struct bpf_prog p;
	const struct call calls[] = {{SYS_getpid, 0, 0}, {300, 0, 0}, {1000, 0, 0}};
	const int want[] = {EXPECT_OK, EPERM, EPERM};

	compile_ok(lab_profile, false, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

static void test_kernel_denylist(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ALLOW\"," ARCHES_X86 "\"syscalls\":["
	    "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":13},"
	    "{\"names\":[\"uname\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
	const struct call calls[] = {
	    {SYS_getpid, 0, 0}, {SYS_getppid, 0, 0}, {SYS_uname, 0, 0}, {1000, 0, 0}};
	/* 1000: allowed by the filter, the kernel itself answers ENOSYS. */
	const int want[] = {EXPECT_OK, EACCES, EPERM, ENOSYS};

	compile_ok(json, true, &p);
	compile_ok(json, false, &q);
	/* Allow-type default: runc adds no stub. */
	assert_int_equal(p.len, q.len);
	assert_memory_equal(p.insns, q.insns, p.len * sizeof(*p.insns));
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

static void test_kernel_repeated_index_ored(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86 "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":["
	    "{\"index\":0,\"value\":0,\"op\":\"SCMP_CMP_EQ\"},"
	    "{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]}]}";
	const struct call calls[] = {{SYS_personality, 0, 0},
				     {SYS_personality, 8, 0},
				     {SYS_personality, 0xffffffff, 0},
				     {SYS_personality, 0x20, 0}};
	const int want[] = {EXPECT_OK, EXPECT_OK, EPERM, EPERM};

	compile_ok(json, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

static void test_kernel_conditions_anded_and_masked_eq(void **state)
{
	(void)state;
	struct bpf_prog p;
	/* getpriority(which, who): both must be 0.  personality: allowed when
	 * (arg0 & 0xffff0000) == 0 (value = mask, valueTwo = datum). */
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":22," ARCHES_X86
	    "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"getpriority\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":["
	    "{\"index\":0,\"value\":0,\"op\":\"SCMP_CMP_EQ\"},"
	    "{\"index\":1,\"value\":0,\"op\":\"SCMP_CMP_EQ\"}]},"
	    "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":["
	    "{\"index\":0,\"value\":4294901760,\"valueTwo\":0,"
	    "\"op\":\"SCMP_CMP_MASKED_EQ\"}]}]}";
	const struct call calls[] = {
	    {SYS_getpriority, 0, 0},	   {SYS_getpriority, 0, 1},
	    {SYS_getpriority, 1, 0},	   {SYS_personality, 8, 0},
	    {SYS_personality, 0, 0},	   {SYS_personality, 0xffffffff, 0},
	    {SYS_personality, 0x10008, 0},
	};
	const int want[] = {EXPECT_OK, EINVAL, EINVAL, EXPECT_OK, EXPECT_OK, EINVAL, EINVAL};

	compile_ok(json, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

static void test_kernel_errno_ret_values(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":13," ARCHES_X86
	    "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":99},"
	    "{\"names\":[\"getuid\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
	const struct call calls[] = {
	    {SYS_getppid, 0, 0}, {SYS_getuid, 0, 0}, {SYS_getgid, 0, 0}, {1000, 0, 0}};
	/* getuid: errnoRet absent -> EPERM (runc's default), not the default's 13. */
	const int want[] = {99, EPERM, EACCES, ENOSYS};

	compile_ok(json, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

static void test_kernel_kill_process(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86 "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_KILL_PROCESS\"}]}";
	const struct call calls[] = {{SYS_getpid, 0, 0}, {SYS_getppid, 0, 0}, {SYS_getpid, 0, 0}};
	struct run run;

	compile_ok(json, true, &p);
	run_in_child(&p, calls, SC_ARRAY_SIZE(calls), &run);
	assert_int_equal(run.n_done, 1);
	assert_true(run.out[0].ret > 0);
	assert_true(WIFSIGNALED(run.status));
	assert_int_equal(WTERMSIG(run.status), SIGSYS);
	bpf_prog_free(&p);
}

/* runc only counts listed arches: with none listed, no section exists
 * for the native arch and numbers above the highest get the default. */
static void test_kernel_no_arches_no_enosys(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[" BASE_ALLOW "]}";
	const struct call calls[] = {{SYS_getpid, 0, 0}, {1000, 0, 0}};
	const int want[] = {EXPECT_OK, EPERM};

	compile_ok(json, true, &p);
	if (backend == bpf_compile_libseccomp) {
		/* ld arch; ja 2 (over the empty stub); ja 1; ret ENOSYS */
		assert_int_equal(p.insns[0].code, BPF_LD | BPF_W | BPF_ABS);
		assert_int_equal(p.insns[0].k, 4);
		assert_int_equal(p.insns[1].code, BPF_JMP | BPF_JA);
		assert_int_equal(p.insns[1].k, 2);
	}
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

/* More than 32 names: runc turns on libseccomp's binary tree. */
static void test_kernel_binary_tree(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86 "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"open\",\"stat\",\"fstat\",\"lstat\",\"poll\",\"lseek\",\"mmap\","
	    "\"mprotect\",\"munmap\",\"brk\",\"rt_sigaction\",\"rt_sigprocmask\",\"ioctl\","
	    "\"pread64\",\"pwrite64\",\"readv\",\"writev\",\"access\",\"pipe\",\"select\","
	    "\"sched_yield\",\"mremap\",\"msync\",\"mincore\",\"madvise\",\"dup\",\"dup2\"],"
	    "\"action\":\"SCMP_ACT_ALLOW\"},"
	    "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":7}]}";
	const struct call calls[] = {{SYS_getpid, 0, 0},
				     {SYS_sched_yield, 0, 0},
				     {SYS_getppid, 0, 0},
				     {SYS_getuid, 0, 0},
				     {1000, 0, 0}};
	const int want[] = {EXPECT_OK, EXPECT_OK, 7, EPERM, ENOSYS};

	compile_ok(json, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

/* ---- structure and errors ---------------------------------------------- */

static void test_opts_default(void **state)
{
	(void)state;
	struct bpf_compile_opts o;

	memset(&o, 0xff, sizeof(o));
	bpf_compile_opts_default(&o);
	assert_int_equal(o.enosys, BPF_ENOSYS_RUNC);
}

static void test_stub_layout_x86(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	size_t stub;
	bool has_jset = false;

	compile_ok(lab_profile, true, &p);
	compile_ok(lab_profile, false, &q);
	assert_true(p.len > q.len);
	stub = p.len - q.len;
	/* The stub goes in front of libseccomp's program, unchanged. */
	assert_memory_equal(p.insns + stub, q.insns, q.len * sizeof(*q.insns));
	/* It checks the arch first. */
	assert_int_equal(p.insns[0].code, BPF_LD | BPF_W | BPF_ABS);
	assert_int_equal(p.insns[0].k, 4);
	assert_int_equal(p.insns[1].code, BPF_JMP | BPF_JEQ | BPF_K);
	/* Last two stub instructions: ja 1; ret ERRNO(ENOSYS). */
	assert_int_equal(p.insns[stub - 1].code, BPF_RET | BPF_K);
	assert_int_equal(p.insns[stub - 1].k, SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(p.insns[stub - 2].code, BPF_JMP | BPF_JA);
	assert_int_equal(p.insns[stub - 2].k, 1);
	/* x86_64 and x32 share one section split on the X32 bit; the x86_64
	 * limit is exit_group (231). */
	for (size_t i = 0; i < stub; i++) {
		if (p.insns[i].code == (BPF_JMP | BPF_JSET | BPF_K) &&
		    p.insns[i].k == 0x40000000u) {
			has_jset = true;
			assert_int_equal(p.insns[i].jt, 1);
			assert_int_equal(p.insns[i + 1].code, BPF_JMP | BPF_JGT | BPF_K);
			assert_int_equal(p.insns[i + 1].k, SYS_exit_group);
			/* x32's limit is its own sigaltstack (525, an x32-only number). */
			assert_int_equal(p.insns[i + 2].k, 0x40000000u | 525);
		}
	}
	assert_true(has_jset);
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

static void test_no_stub_for_log_default(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	const char json[] = "{\"defaultAction\":\"SCMP_ACT_LOG\"," ARCHES_X86 "\"syscalls\":["
			    "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";

	compile_ok(json, true, &p);
	compile_ok(json, false, &q);
	assert_int_equal(p.len, q.len);
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

static void test_no_stub_for_trace_default(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	/* runc's isAllowAction() counts TRACE as allow-type. */
	const char json[] = "{\"defaultAction\":\"SCMP_ACT_TRACE\"," ARCHES_X86 "\"syscalls\":["
			    "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";

	compile_ok(json, true, &p);
	compile_ok(json, false, &q);
	assert_int_equal(p.len, q.len);
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

/* A big-endian arch next to x86_64: libseccomp refuses to mix byte
 * orders (EDOM), as runc's AddArch would report. */
static void test_arch_refused_by_libseccomp(void **state)
{
	(void)state;
	struct bpf_prog p = {0};
	struct sc_error err = {0};
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\","
	    "\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_PARISC\"],"
	    "\"syscalls\":[{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";

	assert_int_equal(compile_json(json, true, &p, &err), -EDOM);
	assert_null(p.insns);
	assert_non_null(strstr(err.msg, "architectures[1]"));
	assert_non_null(strstr(err.msg, "SCMP_ARCH_PARISC"));
}

/* The i386 section of the stub, through int $0x80: x86's highest named
 * syscall is exit_group (252). */
static void test_kernel_i386_section(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	const struct call calls[] = {{I386_CALL | 20, 0, 0},
				     {I386_CALL | 64, 0, 0},
				     {I386_CALL | 300, 0, 0},
				     {I386_CALL | 1000, 0, 0}};
	const int want[] = {EXPECT_OK, EPERM, ENOSYS, ENOSYS};
	const int want_nostub[] = {EXPECT_OK, EPERM, EPERM, EPERM};

	if (!have_ia32())
		skip();
	compile_ok(lab_profile, true, &p);
	compile_ok(lab_profile, false, &q);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	expect_calls(&q, calls, want_nostub, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

/* With only x86_64 listed, the x86_64 section skips calls with the X32 bit
 * set: they reach libseccomp's program, which kills them as a bad arch,
 * instead of getting ENOSYS. */
static void test_kernel_x32_bit_skips_section(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\","
	    "\"architectures\":[\"SCMP_ARCH_X86_64\"],\"syscalls\":[" BASE_ALLOW "]}";
	const struct call calls[] = {{1000, 0, 0}, {0x40000000L | 1000, 0, 0}, {SYS_getpid, 0, 0}};
	struct run run;

	compile_ok(json, true, &p);
	run_in_child(&p, calls, SC_ARRAY_SIZE(calls), &run);
	assert_int_equal(run.n_done, 1);
	assert_int_equal(run.out[0].ret, -1);
	assert_int_equal(run.out[0].err, ENOSYS);
	assert_true(WIFSIGNALED(run.status));
	assert_int_equal(WTERMSIG(run.status), SIGSYS);
	bpf_prog_free(&p);
}

/* libseccomp 2.5.4 keeps the first of two unconditional rules for one
 * syscall and returns 0 for the second: runc loads ALLOW for getpid here. */
static void test_kernel_conflicting_unconditional_first_wins(void **state)
{
	(void)state;
	struct bpf_prog p;
	const char json[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86
			    "\"syscalls\":[" BASE_ALLOW ",{\"names\":[\"getpid\"],"
			    "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":5}]}";
	const struct call calls[] = {{SYS_getpid, 0, 0}};
	const int want[] = {EXPECT_OK};

	compile_ok(json, true, &p);
	expect_calls(&p, calls, want, SC_ARRAY_SIZE(calls));
	bpf_prog_free(&p);
}

/* The same condition with two actions: libseccomp says EEXIST, and the
 * error names the entry (JSON path) and the syscall. */
static void test_conflicting_rules(void **state)
{
	(void)state;
	struct bpf_prog p = {0};
	struct sc_error err = {0};
	const char json[] = "{\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":["
			    "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
			    "\"args\":[{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]},"
			    "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ERRNO\","
			    "\"args\":[{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]}]}";
	int rc = compile_json(json, true, &p, &err);

	assert_null(p.insns);
	assert_int_equal(rc, -EEXIST);
	assert_int_equal(err.code, -EEXIST);
	assert_non_null(strstr(err.msg, "syscalls[1]"));
	assert_non_null(strstr(err.msg, "personality"));
}

static void test_unknown_names_skipped(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	const char with[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			    "{\"names\":[\"getpid\",\"no_such_syscall_xyz\"],"
			    "\"action\":\"SCMP_ACT_ALLOW\"}]}";
	const char without[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			       "{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";

	compile_ok(with, true, &p);
	compile_ok(without, true, &q);
	assert_int_equal(p.len, q.len);
	assert_memory_equal(p.insns, q.insns, p.len * sizeof(*p.insns));
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

static void test_rule_equal_to_default_dropped(void **state)
{
	(void)state;
	struct bpf_prog p, q;
	/* ERRNO with errnoRet 1 == the default ERRNO (EPERM): runc drops it. */
	const char with[] =
	    "{\"defaultAction\":\"SCMP_ACT_ERRNO\"," ARCHES_X86 "\"syscalls\":[" BASE_ALLOW
	    ",{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}";

	compile_ok(with, false, &p);
	compile_ok(lab_profile, false, &q);
	assert_int_equal(p.len, q.len);
	assert_memory_equal(p.insns, q.insns, p.len * sizeof(*p.insns));
	bpf_prog_free(&p);
	bpf_prog_free(&q);
}

static void test_notify_refused(void **state)
{
	(void)state;
	struct bpf_prog p = {0};
	struct sc_error err = {0};
	const char def[] = "{\"defaultAction\":\"SCMP_ACT_NOTIFY\",\"syscalls\":[]}";
	const char wr[] = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			  "{\"names\":[\"write\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}";

	assert_int_equal(compile_json(def, true, &p, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "default action"));
	memset(&err, 0, sizeof(err));
	assert_int_equal(compile_json(wr, true, &p, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "write"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_opts_default),
	    cmocka_unit_test(test_stub_layout_x86),
	    cmocka_unit_test(test_no_stub_for_log_default),
	    cmocka_unit_test(test_no_stub_for_trace_default),
	    cmocka_unit_test(test_arch_refused_by_libseccomp),
	    cmocka_unit_test(test_kernel_i386_section),
	    cmocka_unit_test(test_kernel_x32_bit_skips_section),
	    cmocka_unit_test(test_conflicting_rules),
	    cmocka_unit_test(test_kernel_conflicting_unconditional_first_wins),
	    cmocka_unit_test(test_unknown_names_skipped),
	    cmocka_unit_test(test_rule_equal_to_default_dropped),
	    cmocka_unit_test(test_notify_refused),
	    cmocka_unit_test(test_kernel_lab_allowlist),
	    cmocka_unit_test(test_kernel_stub_disabled),
	    cmocka_unit_test(test_kernel_denylist),
	    cmocka_unit_test(test_kernel_repeated_index_ored),
	    cmocka_unit_test(test_kernel_conditions_anded_and_masked_eq),
	    cmocka_unit_test(test_kernel_errno_ret_values),
	    cmocka_unit_test(test_kernel_kill_process),
	    cmocka_unit_test(test_kernel_no_arches_no_enosys),
	    cmocka_unit_test(test_kernel_binary_tree),
	};
	/* What the kernel sees must not depend on the backend. */
	const struct CMUnitTest native[] = {
	    cmocka_unit_test(test_arch_refused_by_libseccomp),
	    cmocka_unit_test(test_kernel_i386_section),
	    cmocka_unit_test(test_kernel_x32_bit_skips_section),
	    cmocka_unit_test(test_conflicting_rules),
	    cmocka_unit_test(test_kernel_conflicting_unconditional_first_wins),
	    cmocka_unit_test(test_unknown_names_skipped),
	    cmocka_unit_test(test_rule_equal_to_default_dropped),
	    cmocka_unit_test(test_notify_refused),
	    cmocka_unit_test(test_kernel_lab_allowlist),
	    cmocka_unit_test(test_kernel_stub_disabled),
	    cmocka_unit_test(test_kernel_denylist),
	    cmocka_unit_test(test_kernel_repeated_index_ored),
	    cmocka_unit_test(test_kernel_conditions_anded_and_masked_eq),
	    cmocka_unit_test(test_kernel_errno_ret_values),
	    cmocka_unit_test(test_kernel_kill_process),
	    cmocka_unit_test(test_kernel_no_arches_no_enosys),
	    cmocka_unit_test(test_kernel_binary_tree),
	};
	int failed = cmocka_run_group_tests_name("libseccomp", tests, NULL, NULL);

	return failed + cmocka_run_group_tests_name("native", native, use_native, NULL);
}
