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
 *   - libseccomp's stale-accumulator bug (lib_stale_arch below). */
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
#include "bpf/model.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/strbuf.h"

struct tally {
	unsigned long compared, ambiguous, lib_incoherent, profiles, refused_both;
	unsigned long native_len, lib_len;
	size_t worst_native, worst_lib;
};

static struct tally total;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	/* splitmix64: reproducible across runs */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned rndn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static int resolve(const char *json, size_t len, const char *name, struct profile **out)
{
	struct profile *raw = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	int rc;

	rc = profile_read_buffer(json, len, name, &raw, NULL, &err);
	if (rc < 0)
		fail_msg("%s: %s", name, err.msg);
	profile_ctx_default(&ctx);
	rc = profile_resolve(raw, &ctx, out, &err);
	profile_free(raw);
	if (rc < 0)
		fail_msg("%s: resolve: %s", name, err.msg);
	return 0;
}

/* Argument vectors worth trying for one number. */
static size_t arg_sets(const struct model_sys *sys, uint64_t (*sets)[6], size_t max)
{
	size_t n = 0;

	memset(sets[n++], 0, sizeof(sets[0]));
	for (int i = 0; i < 6; i++)
		sets[0 + 0][i] = 0;
	if (n < max) {
		for (int i = 0; i < 6; i++)
			sets[n][i] = ~0ull;
		n++;
	}
	for (size_t r = 0; sys && r < sys->n_crules; r++) {
		const struct model_crule *c = &sys->crules[r];

		for (size_t k = 0; k < c->n_conds; k++) {
			const struct model_cond *mc = &c->conds[k];
			uint64_t base[4] = {mc->value, mc->value_two, mc->value & 0xffffffffull,
					    mc->value & ~0xffffffffull};

			for (int b = 0; b < 4; b++)
				for (int d = -1; d <= 1 && n < max; d++) {
					for (int i = 0; i < 6; i++)
						sets[n][i] = rnd();
					sets[n][mc->index] = base[b] + (uint64_t)(int64_t)d;
					/* and every other condition satisfied where it can be */
					for (size_t q = 0; q < c->n_conds; q++)
						if (q != k && c->conds[q].index != mc->index)
							sets[n][c->conds[q].index] =
							    c->conds[q].op == OP_MASKED_EQ
								? c->conds[q].value_two
								: c->conds[q].value;
					n++;
				}
		}
	}
	for (int k = 0; k < 8 && n < max; k++, n++)
		for (int i = 0; i < 6; i++)
			sets[n][i] = rndn(4) == 0 ? rndn(8) : rnd();
	return n;
}

/* libseccomp 2.5.4 bugs: its optimizer sometimes jumps to a comparison
 * from a path where the accumulator holds another field than the one the
 * comparison was made for: after a failed arch test into the next arch's
 * syscall numbers without reloading nr (seen with x86_64 + arm + aarch64),
 * or, with two LE/LT conditions on one 64-bit argument, into the high-word
 * test with the low word loaded.  A sound program never does that, so:
 * an instruction is incoherent when the accumulator can reach it from loads
 * of two different fields (or of one field with and without a mask).  This
 * finds them by data flow (programs only jump forward) and says whether a
 * run went through one. */
struct coherence {
	uint32_t *srcs; /* per instruction: bit per (word offset, masked) */
	bool *bad;
};

static void coherence_build(const struct bpf_prog *p, struct coherence *c)
{
	c->srcs = calloc(p->len + 1, sizeof(*c->srcs));
	c->bad = calloc(p->len + 1, sizeof(*c->bad));
	assert_non_null(c->srcs);
	assert_non_null(c->bad);
	for (size_t i = 0; i < p->len; i++) {
		const struct sock_filter *f = &p->insns[i];
		uint32_t in = c->srcs[i], out = in;
		int cls = BPF_CLASS(f->code);

		if (__builtin_popcount(in) > 1 && (cls == BPF_JMP || cls == BPF_ALU))
			c->bad[i] = true;
		if (f->code == (BPF_LD | BPF_W | BPF_ABS))
			out = 1u << ((f->k / 4) & 15);
		else if (cls == BPF_ALU)
			out = in << 16;
		else if (cls == BPF_RET)
			continue;
		if (cls == BPF_JMP && BPF_OP(f->code) == BPF_JA) {
			if (i + 1 + f->k < p->len)
				c->srcs[i + 1 + f->k] |= out;
		} else if (cls == BPF_JMP) {
			if (i + 1 + f->jt < p->len)
				c->srcs[i + 1 + f->jt] |= out;
			if (i + 1 + f->jf < p->len)
				c->srcs[i + 1 + f->jf] |= out;
		} else if (i + 1 < p->len) {
			c->srcs[i + 1] |= out;
		}
	}
}

static void coherence_free(struct coherence *c)
{
	free(c->srcs);
	free(c->bad);
}

static bool passes_incoherent(const struct bpf_prog *p, const struct coherence *c,
			      const struct seccomp_data *d)
{
	uint32_t a = 0;
	bool arch_loaded = false, arch_known = false;

	for (size_t pc = 0; pc < p->len;) {
		const struct sock_filter *f = &p->insns[pc];
		bool t;

		if (c->bad[pc])
			return true;
		/* The arch word was already found equal to a value on this path:
		 * comparing it again means the program took it for another field. */
		if (BPF_CLASS(f->code) == BPF_JMP && BPF_OP(f->code) != BPF_JA && arch_known)
			return true;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k + 4 > sizeof(*d))
				return false;
			memcpy(&a, (const char *)d + f->k, 4);
			arch_loaded = f->k == offsetof(struct seccomp_data, arch);
			arch_known = false;
			pc++;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= f->k;
			arch_loaded = arch_known = false;
			pc++;
			continue;
		case BPF_JMP | BPF_JA: pc += 1 + f->k; continue;
		case BPF_JMP | BPF_JEQ | BPF_K: t = a == f->k; break;
		case BPF_JMP | BPF_JGT | BPF_K: t = a > f->k; break;
		case BPF_JMP | BPF_JGE | BPF_K: t = a >= f->k; break;
		case BPF_JMP | BPF_JSET | BPF_K: t = (a & f->k) != 0; break;
		default: return false; /* a return, or an opcode libseccomp does not emit */
		}
		if (arch_loaded && BPF_OP(f->code) == BPF_JEQ && t)
			arch_known = true;
		pc += 1 + (t ? f->jt : f->jf);
	}
	return false;
}

static void compare_one(const char *name, const struct model *m, const struct bpf_prog *nat,
			const struct bpf_prog *lib, const struct coherence *lib_coh, uint32_t audit,
			uint32_t nr)
{
	static uint64_t sets[1024][6];
	const struct model_section *s = model_section(m, audit);
	struct model_class cls = {0};
	size_t n_sets;

	if (s)
		model_classify(m, s, nr, &cls);
	n_sets = arg_sets(s && cls.kind == MK_ARGS ? cls.sys : NULL, sets, 1024);
	if (!s || cls.kind == MK_CONST)
		n_sets = 2;
	for (size_t k = 0; k < n_sets; k++) {
		struct seccomp_data d = {.nr = (int)nr, .arch = audit};
		struct bpf_result rn, rl;
		struct bpf_verdict v = {0};
		struct sc_error err = {0};

		memcpy(d.args, sets[k], sizeof(d.args));
		assert_int_equal(bpf_run(nat->insns, nat->len, &d, &rn, &err), 0);
		assert_int_equal(bpf_run(lib->insns, lib->len, &d, &rl, &err), 0);
		if (!s) {
			v.ret = SECCOMP_RET_KILL_THREAD;
		} else if (cls.kind == MK_ARGS) {
			model_eval_args(m, s, cls.sys, sets[k], &v);
		} else {
			v.ret = cls.ret;
		}
		total.compared++;
		if (v.ret != rn.ret)
			fail_msg("%s: arch %#x nr %#x args %#llx %#llx %#llx: model says %#x, "
				 "native program %#x",
				 name, audit, nr, (unsigned long long)d.args[0],
				 (unsigned long long)d.args[1], (unsigned long long)d.args[2],
				 v.ret, rn.ret);
		if (rn.ret == rl.ret)
			continue;
		if (v.ambiguous) {
			total.ambiguous++;
			continue;
		}
		if (passes_incoherent(lib, lib_coh, &d)) {
			total.lib_incoherent++;
			continue;
		}
		fail_msg("%s: arch %#x nr %#x args %#llx %#llx %#llx %#llx %#llx %#llx: native "
			 "%#x, libseccomp %#x",
			 name, audit, nr, (unsigned long long)d.args[0],
			 (unsigned long long)d.args[1], (unsigned long long)d.args[2],
			 (unsigned long long)d.args[3], (unsigned long long)d.args[4],
			 (unsigned long long)d.args[5], rn.ret, rl.ret);
	}
}

static const uint32_t bad_arches[] = {AUDIT_ARCH_X86_64,  AUDIT_ARCH_I386,   AUDIT_ARCH_AARCH64,
				      AUDIT_ARCH_ARM,	  AUDIT_ARCH_S390X,  AUDIT_ARCH_PPC64LE,
				      AUDIT_ARCH_RISCV64, AUDIT_ARCH_MIPSEL, 0x12345678u};

static void worst_path(const struct bpf_prog *p, const struct model *m, size_t *worst)
{
	for (size_t s = 0; s < m->n_secs; s++)
		for (uint32_t nr = 0; nr < 1024; nr++) {
			struct seccomp_data d = {.nr = (int)nr, .arch = m->secs[s].audit};
			struct bpf_result r;
			struct sc_error err = {0};

			if (bpf_run(p->insns, p->len, &d, &r, &err) == 0 && r.executed > *worst)
				*worst = r.executed;
		}
}

/* Compile with both backends and compare everywhere; returns false when
 * libseccomp refused the profile. */
static bool diff_profile(const char *name, const struct profile *res, bool must_compile,
			 enum bpf_enosys mode)
{
	struct bpf_compile_opts opts;
	struct bpf_prog nat = {0}, lib = {0};
	struct sc_error en = {0}, el = {0};
	struct model m;
	struct coherence coh;
	int rn, rl;

	bpf_compile_opts_default(&opts);
	opts.enosys = mode;
	rl = bpf_compile_libseccomp(res, &opts, &lib, &el);
	rn = bpf_compile_native(res, &opts, &nat, &en);
	if (rl < 0) {
		if (must_compile)
			fail_msg("%s: libseccomp: %s", name, el.msg);
		if (rn < 0) {
			total.refused_both++;
		} else {
			/* runc would fail to start it: so must we */
			fail_msg("%s: libseccomp refuses (%s) but native compiles it", name,
				 el.msg);
		}
		bpf_prog_free(&nat);
		return false;
	}
	if (rn < 0)
		fail_msg("%s: libseccomp compiles it but native refuses: %s", name, en.msg);
	assert_int_equal(model_build(res, &opts, &m, &en), 0);
	{
		/* Our own program must be coherent everywhere. */
		struct coherence own;

		coherence_build(&nat, &own);
		for (size_t i = 0; i < nat.len; i++)
			if (own.bad[i])
				fail_msg(
				    "%s: native instruction %zu compares a field that depends on "
				    "the path",
				    name, i);
		coherence_free(&own);
	}
	coherence_build(&lib, &coh);
	total.profiles++;
	total.native_len += nat.len;
	total.lib_len += lib.len;

	for (size_t s = 0; s < m.n_secs; s++) {
		uint32_t audit = m.secs[s].audit;
		static const uint32_t edges[] = {0x3fffffffu, 0x40000000u, 0x7fffffffu,
						 0x80000000u, 0xbfffffffu, 0xc0000000u,
						 0xc0000001u, 0xfffffffeu, 0xffffffffu};

		for (uint32_t nr = 0; nr < 1024; nr++)
			compare_one(name, &m, &nat, &lib, &coh, audit, nr);
		if (audit == AUDIT_ARCH_X86_64)
			for (uint32_t nr = 0x40000000u; nr < 0x40000000u + 1024; nr++)
				compare_one(name, &m, &nat, &lib, &coh, audit, nr);
		for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]); e++)
			compare_one(name, &m, &nat, &lib, &coh, audit, edges[e]);
	}
	for (size_t b = 0; b < sizeof(bad_arches) / sizeof(bad_arches[0]); b++)
		if (!model_section(&m, bad_arches[b]))
			for (uint32_t nr = 0; nr < 64; nr++)
				compare_one(name, &m, &nat, &lib, &coh, bad_arches[b], nr);
	{
		size_t wn = 0, wl = 0;

		worst_path(&nat, &m, &wn);
		worst_path(&lib, &m, &wl);
		if (getenv("SC_DIFF_LEN") && nat.len > lib.len)
			fprintf(stderr, "# longer: %s native %zu libseccomp %zu\n", name, nat.len,
				lib.len);
		if (must_compile && mode == BPF_ENOSYS_RUNC) {
			printf("# %s: native %zu insns, worst path %zu; libseccomp %zu, %zu\n",
			       name + (strlen(name) > 40 ? strlen(name) - 40 : 0), nat.len, wn,
			       lib.len, wl);
			/* the bar: never longer, never slower in the worst case */
			assert_true(nat.len <= lib.len);
			assert_true(wn <= wl);
		}
		if (wn > total.worst_native)
			total.worst_native = wn;
		if (wl > total.worst_lib)
			total.worst_lib = wl;
	}
	coherence_free(&coh);
	model_free(&m);
	bpf_prog_free(&nat);
	bpf_prog_free(&lib);
	return true;
}

static void diff_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;
	struct profile *res = NULL;

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
	diff_profile(path, res, true, BPF_ENOSYS_RUNC);
	diff_profile(path, res, true, BPF_ENOSYS_NONE); /* libseccomp without runc's stub */
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

/* ---- random profiles ------------------------------------------------- */

static const char *const names[] = {"read",
				    "write",
				    "openat",
				    "close",
				    "mmap",
				    "mprotect",
				    "personality",
				    "clone",
				    "clone3",
				    "unshare",
				    "setns",
				    "mount",
				    "umount2",
				    "reboot",
				    "ptrace",
				    "kill",
				    "tgkill",
				    "ioctl",
				    "prctl",
				    "socket",
				    "bind",
				    "connect",
				    "accept4",
				    "sendmsg",
				    "recvfrom",
				    "socketpair",
				    "shmget",
				    "semop",
				    "msgsnd",
				    "ipc",
				    "socketcall",
				    "getpid",
				    "getppid",
				    "exit_group",
				    "futex",
				    "fcntl",
				    "chmod",
				    "fchmodat",
				    "keyctl",
				    "add_key",
				    "bpf",
				    "perf_event_open",
				    "io_uring_setup",
				    "open",
				    "stat",
				    "fstat",
				    "execve",
				    "execveat",
				    "arch_prctl",
				    "set_tid_address",
				    "rt_sigaction",
				    "brk",
				    "madvise",
				    "getrandom",
				    "pidfd_open",
				    "faccessat2",
				    "landlock_create_ruleset",
				    "s390_runtime_instr",
				    "sync_file_range2",
				    "not_a_syscall"};

static const char *const actions[] = {
    "SCMP_ACT_ALLOW",	    "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",	"SCMP_ACT_KILL_PROCESS",
    "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",  "SCMP_ACT_TRACE", "SCMP_ACT_LOG"};

static const char *const ops[] = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",	     "SCMP_CMP_EQ",
				  "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};

static const char *const arches[] = {
    "SCMP_ARCH_X86_64",	 "SCMP_ARCH_X86",     "SCMP_ARCH_X32",
    "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM",     "SCMP_ARCH_RISCV64",
    "SCMP_ARCH_S390X",	 "SCMP_ARCH_PPC64LE", "SCMP_ARCH_MIPSEL64"};

static uint64_t value(void)
{
	static const uint64_t edges[] = {0,
					 1,
					 2,
					 0x7fffffff,
					 0x80000000,
					 0xffffffff,
					 0x100000000ull,
					 0x100000001ull,
					 0x7fffffffffffffffull,
					 0x8000000000000000ull,
					 ~0ull,
					 0x10000,
					 0x20000000,
					 0x7e020000,
					 0xffffffff00000000ull};

	switch (rndn(4)) {
	case 0: return edges[rndn(sizeof(edges) / sizeof(edges[0]))];
	case 1: return rndn(64);
	case 2: return rnd();
	default: return (uint64_t)rndn(16) << (rndn(60));
	}
}

static void random_action(struct sc_strbuf *b, const char *key, const char *errkey)
{
	const char *a = actions[rndn(sizeof(actions) / sizeof(actions[0]))];

	sc_strbuf_printf(b, "\"%s\":\"%s\"", key, a);
	if ((strcmp(a, "SCMP_ACT_ERRNO") == 0 || strcmp(a, "SCMP_ACT_TRACE") == 0) && rndn(2))
		sc_strbuf_printf(b, ",\"%s\":%u", errkey, rndn(3) ? 1 + rndn(40) : rndn(4096));
}

static char *random_profile(unsigned kind)
{
	struct sc_strbuf b = {0};
	unsigned n_rules;

	sc_strbuf_puts(&b, "{");
	random_action(&b, "defaultAction", "defaultErrnoRet");
	if (rndn(8)) {
		unsigned n = 1 + rndn(4);

		sc_strbuf_puts(&b, ",\"architectures\":[");
		for (unsigned i = 0; i < n; i++)
			sc_strbuf_printf(&b, "%s\"%s\"", i ? "," : "",
					 arches[rndn(sizeof(arches) / sizeof(arches[0]))]);
		sc_strbuf_puts(&b, "]");
	}
	n_rules = kind == 0 ? 0 : kind == 1 ? 60 + rndn(60) : rndn(12);
	sc_strbuf_puts(&b, ",\"syscalls\":[");
	for (unsigned r = 0; r < n_rules; r++) {
		unsigned nn = 1 + rndn(kind == 1 ? 8 : 3), na = rndn(3) ? 0 : rndn(4);

		sc_strbuf_printf(&b, "%s{\"names\":[", r ? "," : "");
		for (unsigned i = 0; i < nn; i++)
			sc_strbuf_printf(&b, "%s\"%s\"", i ? "," : "",
					 names[rndn(sizeof(names) / sizeof(names[0]))]);
		sc_strbuf_puts(&b, "],");
		random_action(&b, "action", "errnoRet");
		if (na) {
			sc_strbuf_puts(&b, ",\"args\":[");
			for (unsigned i = 0; i < na; i++) {
				unsigned op = rndn(7);

				sc_strbuf_printf(&b,
						 "%s{\"index\":%u,\"value\":%llu,\"valueTwo\":%llu,"
						 "\"op\":\"%s\"}",
						 i ? "," : "", rndn(3) ? rndn(3) : rndn(6),
						 (unsigned long long)value(),
						 (unsigned long long)value(), ops[op]);
			}
			sc_strbuf_puts(&b, "]");
		}
		sc_strbuf_puts(&b, "}");
	}
	sc_strbuf_puts(&b, "]}");
	return sc_strbuf_steal(&b);
}

static void test_random(void **state)
{
	unsigned compiled = 0;

	(void)state;
	const char *env = getenv("SC_DIFF_PROFILES"); /* more on demand */
	unsigned want = env ? (unsigned)atoi(env) : 200;

	for (unsigned i = 0; compiled < want && i < want * 10; i++) {
		char name[64];
		char *json = random_profile(i % 17 == 0 ? 0 : i % 11 == 0 ? 1 : 2);
		struct profile *res = NULL;

		snprintf(name, sizeof(name), "random profile %u", i);
		resolve(json, strlen(json), name, &res);
		if (getenv("SC_DIFF_SHOW") && (unsigned)atoi(getenv("SC_DIFF_SHOW")) == i)
			fprintf(stderr, "# %s: %s\n", name, json);
		/* every third one also without runc's stub */
		if (i % 3 == 0)
			diff_profile(name, res, false, BPF_ENOSYS_NONE);
		if (diff_profile(name, res, false, BPF_ENOSYS_RUNC))
			compiled++;
		else if (getenv("SC_DIFF_VERBOSE"))
			fprintf(stderr, "# libseccomp refused %s: %s\n", name, json);
		profile_free(res);
		free(json);
	}
	assert_true(compiled >= want);
}

static int report(void **state)
{
	(void)state;
	printf("# differential: %lu profiles, %lu verdicts compared, %lu ambiguous (overlapping "
	       "entries with different actions), %lu where libseccomp's program compared a stale "
	       "field (its bug), %lu refused by both backends\n",
	       total.profiles, total.compared, total.ambiguous, total.lib_incoherent,
	       total.refused_both);
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
