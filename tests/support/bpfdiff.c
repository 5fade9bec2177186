/* See bpfdiff.h. */
#include "bpfdiff.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/model.h"
#include "util/strbuf.h"

uint64_t diff_rnd(struct diff_rng *r)
{
	uint64_t z;

	if (r->data) {
		uint64_t v = 0;

		for (int i = 0; i < 8 && r->pos < r->len; i++)
			v = v << 8 | r->data[r->pos++];
		return v;
	}
	z = (r->state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

unsigned diff_rndn(struct diff_rng *r, unsigned n)
{
	if (r->data) { /* one byte per small choice keeps fuzzer inputs short */
		unsigned v = r->pos < r->len ? r->data[r->pos++] : 0;

		if (n > 256 && r->pos < r->len)
			v = v << 8 | r->data[r->pos++];
		return v % n;
	}
	return (unsigned)(diff_rnd(r) % n);
}

static int fail(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Argument vectors worth trying for one number. */
static size_t arg_sets(struct diff_rng *r, const struct model_sys *sys, uint64_t (*sets)[6],
		       size_t max)
{
	size_t n = 0;

	memset(sets[n++], 0, sizeof(sets[0]));
	if (n < max) {
		for (int i = 0; i < 6; i++)
			sets[n][i] = ~0ull;
		n++;
	}
	for (size_t j = 0; sys && j < sys->n_crules; j++) {
		const struct model_crule *c = &sys->crules[j];

		for (size_t k = 0; k < c->n_conds; k++) {
			const struct model_cond *mc = &c->conds[k];
			uint64_t base[4] = {mc->value, mc->value_two, mc->value & 0xffffffffull,
					    mc->value & ~0xffffffffull};

			for (int b = 0; b < 4; b++)
				for (int d = -1; d <= 1 && n < max; d++) {
					for (int i = 0; i < 6; i++)
						sets[n][i] = diff_rnd(r);
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
			sets[n][i] = diff_rndn(r, 4) == 0 ? diff_rndn(r, 8) : diff_rnd(r);
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
	if (!c->srcs || !c->bad)
		abort();
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

static uint64_t value(struct diff_rng *r)
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

	switch (diff_rndn(r, 4)) {
	case 0: return edges[diff_rndn(r, sizeof(edges) / sizeof(edges[0]))];
	case 1: return diff_rndn(r, 64);
	case 2: return diff_rnd(r);
	default: return (uint64_t)diff_rndn(r, 16) << (diff_rndn(r, 60));
	}
}

static void random_action(struct diff_rng *r, struct sc_strbuf *b, const char *key,
			  const char *errkey)
{
	const char *a = actions[diff_rndn(r, sizeof(actions) / sizeof(actions[0]))];

	sc_strbuf_printf(b, "\"%s\":\"%s\"", key, a);
	if ((strcmp(a, "SCMP_ACT_ERRNO") == 0 || strcmp(a, "SCMP_ACT_TRACE") == 0) &&
	    diff_rndn(r, 2))
		sc_strbuf_printf(b, ",\"%s\":%u", errkey,
				 diff_rndn(r, 3) ? 1 + diff_rndn(r, 40) : diff_rndn(r, 4095));
}

char *diff_random_profile(struct diff_rng *r, unsigned kind)
{
	struct sc_strbuf b = {0};
	unsigned n_rules;

	sc_strbuf_puts(&b, "{");
	random_action(r, &b, "defaultAction", "defaultErrnoRet");
	if (diff_rndn(r, 8)) {
		unsigned n = 1 + diff_rndn(r, 4);

		sc_strbuf_puts(&b, ",\"architectures\":[");
		for (unsigned i = 0; i < n; i++)
			sc_strbuf_printf(&b, "%s\"%s\"", i ? "," : "",
					 arches[diff_rndn(r, sizeof(arches) / sizeof(arches[0]))]);
		sc_strbuf_puts(&b, "]");
	}
	n_rules = kind == 0 ? 0 : kind == 1 ? 60 + diff_rndn(r, 60) : diff_rndn(r, 12);
	sc_strbuf_puts(&b, ",\"syscalls\":[");
	for (unsigned k = 0; k < n_rules; k++) {
		unsigned nn = 1 + diff_rndn(r, kind == 1 ? 8 : 3),
			 na = diff_rndn(r, 3) ? 0 : diff_rndn(r, 4);

		sc_strbuf_printf(&b, "%s{\"names\":[", k ? "," : "");
		for (unsigned i = 0; i < nn; i++)
			sc_strbuf_printf(&b, "%s\"%s\"", i ? "," : "",
					 names[diff_rndn(r, sizeof(names) / sizeof(names[0]))]);
		sc_strbuf_puts(&b, "],");
		random_action(r, &b, "action", "errnoRet");
		if (na) {
			sc_strbuf_puts(&b, ",\"args\":[");
			for (unsigned i = 0; i < na; i++) {
				/* one call per statement: the order of a function's
				 * arguments is unspecified, and gcc and clang differ,
				 * so the same bytes would make different profiles */
				unsigned op = diff_rndn(r, 7);
				unsigned index =
				    diff_rndn(r, 3) ? diff_rndn(r, 3) : diff_rndn(r, 6);
				unsigned long long v1 = value(r);
				unsigned long long v2 = value(r);

				sc_strbuf_printf(&b,
						 "%s{\"index\":%u,\"value\":%llu,\"valueTwo\":%llu,"
						 "\"op\":\"%s\"}",
						 i ? "," : "", index, v1, v2, ops[op]);
			}
			sc_strbuf_puts(&b, "]");
		}
		sc_strbuf_puts(&b, "}");
	}
	sc_strbuf_puts(&b, "]}");
	return sc_strbuf_steal(&b);
}

/* ---- the comparison ---------------------------------------------------- */

struct ctx {
	const char *name;
	const struct profile *res;
	enum bpf_enosys mode;
	const struct model *m;
	const struct bpf_prog *nat, *lib;
	const struct coherence *lib_coh;
	struct diff_rng *r;
	struct diff_tally *t;
	char *why;
	size_t why_len;
};

/* libseccomp 2.5.4 bugs (found by fuzz_compile): when it merges a
 * number's rules into one argument tree it can lose a rule whole (even one
 * with the same action as the others), or answer with a rule whose
 * conditions are false (two NE conditions with different values on one
 * argument, in different rules).  Shown with libseccomp itself: each rule
 * compiled alone.  The full program's answer is a merge artifact when no
 * rule alone gives it for this call, and the rule that decided ours (if
 * any) alone gives ours. */
static uint32_t run_alone(const struct ctx *c, const struct profile_rule *r,
			  const struct seccomp_data *d, bool *ok)
{
	struct profile alone = *c->res;
	struct bpf_compile_opts opts;
	struct bpf_prog prog = {0};
	struct bpf_result res;

	alone.rules = (struct profile_rule *)r;
	alone.n_rules = r ? 1 : 0;
	bpf_compile_opts_default(&opts);
	opts.enosys = c->mode;
	*ok = bpf_compile_libseccomp(&alone, &opts, &prog, NULL) == 0 &&
	      bpf_run(prog.insns, prog.len, d, &res, NULL) == 0;
	bpf_prog_free(&prog);
	return *ok ? res.ret : 0;
}

static bool lib_merge_artifact(const struct ctx *c, const struct bpf_verdict *v,
			       const struct seccomp_data *d, uint32_t lib_ret)
{
	uint32_t none;
	bool ok;

	if (v->why == BPF_WHY_RULE && v->rule) {
		uint32_t ours = run_alone(c, v->rule, d, &ok);

		if (!ok || ours != v->ret)
			return false;
	}
	/* libseccomp answered as if no rule named the call: the deciding rule
	 * alone (checked above) shows it was lost */
	none = run_alone(c, NULL, d, &ok);
	if (!ok)
		return false;
	if (lib_ret == none)
		return v->why == BPF_WHY_RULE;
	for (size_t i = 0; i < c->res->n_rules; i++) {
		uint32_t alone = run_alone(c, &c->res->rules[i], d, &ok);

		if (!ok || alone == lib_ret)
			return false; /* a rule alone gives libseccomp's answer: not an artifact */
	}
	return true;
}

static int compare_one(struct ctx *c, uint32_t audit, uint32_t nr)
{
	static uint64_t sets[1024][6];
	const struct model_section *s = model_section(c->m, audit);
	struct model_class cls = {0};
	size_t n_sets;

	if (s)
		model_classify(c->m, s, nr, &cls);
	n_sets = arg_sets(c->r, s && cls.kind == MK_ARGS ? cls.sys : NULL, sets, 1024);
	if (!s || cls.kind == MK_CONST)
		n_sets = 2;
	for (size_t k = 0; k < n_sets; k++) {
		struct seccomp_data d = {.nr = (int)nr, .arch = audit};
		struct bpf_result rn, rl;
		struct bpf_verdict v = {0};
		struct sc_error err = {0};

		memcpy(d.args, sets[k], sizeof(d.args));
		if (bpf_run(c->nat->insns, c->nat->len, &d, &rn, &err) < 0)
			return fail(c->why, c->why_len, "%s: native program: %s", c->name, err.msg);
		if (bpf_run(c->lib->insns, c->lib->len, &d, &rl, &err) < 0)
			return fail(c->why, c->why_len, "%s: libseccomp program: %s", c->name,
				    err.msg);
		if (!s)
			v.ret = SECCOMP_RET_KILL_THREAD;
		else if (cls.kind == MK_ARGS)
			model_eval_args(c->m, s, cls.sys, sets[k], &v);
		else
			v.ret = cls.ret;
		c->t->compared++;
		if (v.ret != rn.ret)
			return fail(c->why, c->why_len,
				    "%s: arch %#x nr %#x args %#llx %#llx %#llx: model says %#x, "
				    "native program %#x",
				    c->name, audit, nr, (unsigned long long)d.args[0],
				    (unsigned long long)d.args[1], (unsigned long long)d.args[2],
				    v.ret, rn.ret);
		if (rn.ret == rl.ret)
			continue;
		if (v.ambiguous) {
			c->t->ambiguous++;
			continue;
		}
		if (passes_incoherent(c->lib, c->lib_coh, &d)) {
			c->t->lib_incoherent++;
			continue;
		}
		if (lib_merge_artifact(c, &v, &d, rl.ret)) {
			c->t->lib_dropped++;
			continue;
		}
		return fail(c->why, c->why_len,
			    "%s: arch %#x nr %#x args %#llx %#llx %#llx %#llx %#llx %#llx: native "
			    "%#x, libseccomp %#x",
			    c->name, audit, nr, (unsigned long long)d.args[0],
			    (unsigned long long)d.args[1], (unsigned long long)d.args[2],
			    (unsigned long long)d.args[3], (unsigned long long)d.args[4],
			    (unsigned long long)d.args[5], rn.ret, rl.ret);
	}
	return 0;
}

static const uint32_t bad_arches[] = {AUDIT_ARCH_X86_64,  AUDIT_ARCH_I386,   AUDIT_ARCH_AARCH64,
				      AUDIT_ARCH_ARM,	  AUDIT_ARCH_S390X,  AUDIT_ARCH_PPC64LE,
				      AUDIT_ARCH_RISCV64, AUDIT_ARCH_MIPSEL, 0x12345678u};

static size_t worst_path(const struct bpf_prog *p, const struct model *m)
{
	size_t worst = 0;

	for (size_t s = 0; s < m->n_secs; s++)
		for (uint32_t nr = 0; nr < 1024; nr++) {
			struct seccomp_data d = {.nr = (int)nr, .arch = m->secs[s].audit};
			struct bpf_result r;

			if (bpf_run(p->insns, p->len, &d, &r, NULL) == 0 && r.executed > worst)
				worst = r.executed;
		}
	return worst;
}

static int compare_all(struct ctx *c, enum diff_scope scope)
{
	static const uint32_t edges[] = {0x3fffffffu, 0x40000000u, 0x7fffffffu,
					 0x80000000u, 0xbfffffffu, 0xc0000000u,
					 0xc0000001u, 0xfffffffeu, 0xffffffffu};
	const struct model *m = c->m;
	int rc = 0;

	for (size_t s = 0; s < m->n_secs && rc == 0; s++) {
		uint32_t audit = m->secs[s].audit;

		if (scope == DIFF_FULL) {
			for (uint32_t nr = 0; nr < 1024 && rc == 0; nr++)
				rc = compare_one(c, audit, nr);
			if (audit == AUDIT_ARCH_X86_64)
				for (uint32_t nr = 0x40000000u; nr < 0x40000000u + 1024 && rc == 0;
				     nr++)
					rc = compare_one(c, audit, nr);
		} else {
			/* every named number and its neighbours */
			for (int h = 0; h < 2; h++)
				for (size_t i = 0;
				     m->secs[s].abi[h] && i < m->secs[s].abi[h]->n_sys && rc == 0;
				     i++) {
					uint32_t nr = m->secs[s].abi[h]->sys[i].nr;

					rc = compare_one(c, audit, nr);
					if (rc == 0)
						rc = compare_one(c, audit, nr - 1);
					if (rc == 0)
						rc = compare_one(c, audit, nr + 1);
				}
		}
		for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]) && rc == 0; e++)
			rc = compare_one(c, audit, edges[e]);
	}
	for (size_t b = 0; b < sizeof(bad_arches) / sizeof(bad_arches[0]) && rc == 0; b++)
		if (!model_section(m, bad_arches[b]))
			for (uint32_t nr = 0; nr < (scope == DIFF_FULL ? 64u : 4u) && rc == 0; nr++)
				rc = compare_one(c, bad_arches[b], nr);
	return rc;
}

int diff_profile(const char *name, const struct profile *res, enum bpf_enosys mode,
		 enum diff_scope scope, struct diff_rng *r, struct diff_tally *t,
		 struct diff_result *out, char *why, size_t why_len)
{
	struct bpf_compile_opts opts;
	struct bpf_prog nat = {0}, lib = {0};
	struct sc_error en = {0}, el = {0};
	struct coherence coh, own;
	struct model m;
	int rn, rl, rc = 0;

	bpf_compile_opts_default(&opts);
	opts.enosys = mode;
	/* libseccomp loops for ever on some profiles (and runc hangs): those
	 * cannot be compared, only counted */
	if (bpf_libseccomp_accepts_within(res, 3000, &el) == -ETIMEDOUT) {
		t->lib_hangs++;
		return 1;
	}
	rl = bpf_compile_libseccomp(res, &opts, &lib, &el);
	rn = bpf_compile_native(res, &opts, &nat, &en);
	if (rl < 0 && rn < 0) {
		t->refused_both++;
		return 1;
	}
	if (rl < 0) {
		bpf_prog_free(&nat);
		/* runc would fail to start it: so must we */
		return fail(why, why_len, "%s: libseccomp refuses (%s) but native compiles it",
			    name, el.msg);
	}
	if (rn < 0) {
		bpf_prog_free(&lib);
		return fail(why, why_len, "%s: libseccomp compiles it but native refuses: %s", name,
			    en.msg);
	}
	if (model_build(res, &opts, &m, &en) < 0) {
		bpf_prog_free(&nat);
		bpf_prog_free(&lib);
		return fail(why, why_len, "%s: model: %s", name, en.msg);
	}
	/* our own program must be coherent everywhere */
	coherence_build(&nat, &own);
	for (size_t i = 0; i < nat.len && rc == 0; i++)
		if (own.bad[i])
			rc = fail(why, why_len,
				  "%s: native instruction %zu compares a field that depends on the "
				  "path",
				  name, i);
	coherence_free(&own);
	coherence_build(&lib, &coh);
	if (rc == 0) {
		struct ctx c = {.name = name,
				.res = res,
				.mode = mode,
				.m = &m,
				.nat = &nat,
				.lib = &lib,
				.lib_coh = &coh,
				.r = r,
				.t = t,
				.why = why,
				.why_len = why_len};

		rc = compare_all(&c, scope);
	}
	if (rc == 0) {
		t->profiles++;
		t->native_len += nat.len;
		t->lib_len += lib.len;
		if (out) {
			out->native_len = nat.len;
			out->lib_len = lib.len;
			out->native_worst = worst_path(&nat, &m);
			out->lib_worst = worst_path(&lib, &m);
			if (out->native_worst > t->worst_native)
				t->worst_native = out->native_worst;
			if (out->lib_worst > t->worst_lib)
				t->worst_lib = out->lib_worst;
		}
	}
	coherence_free(&coh);
	model_free(&m);
	bpf_prog_free(&nat);
	bpf_prog_free(&lib);
	return rc;
}
