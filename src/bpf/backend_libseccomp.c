/* The libseccomp backend: compile a resolved profile through libseccomp's
 * API the way runc 1.1.5 loads linux.seccomp, so that the program we
 * produce is the program runc would hand to the kernel.  The native
 * compiler is tested against this one.
 *
 * What runc does, step by step (libcontainer/specconv, seccomp_linux.go
 * and libseccomp-golang's NewFilter), and what we reproduce:
 *   - the default action is ERRNO/TRACE with defaultErrnoRet, else EPERM;
 *     NOTIFY is refused as default action and for `write`;
 *   - seccomp_init() puts the native arch in the filter; every listed arch
 *     is added (EEXIST, e.g. the native one, is not an error); libseccomp's
 *     bad-arch action (kill) is left as it is;
 *   - TSYNC on (libseccomp-golang sets it; it changes nothing in the
 *     program), NO_NEW_PRIVS off (runc sets it itself);
 *   - more than 32 syscall names (runc's config has one entry per name)
 *     turn on libseccomp's binary-tree layout (SCMP_FLTATR_CTL_OPTIMIZE 2);
 *   - per name: an action equal to the default one (errno included) is
 *     dropped; a name seccomp_syscall_resolve_name() does not know is
 *     skipped; no args -> one rule; args -> one rule with all conditions,
 *     or one rule per condition when an argument index repeats;
 *   - the exported program gets runc's -ENOSYS stub prepended (patchbpf,
 *     see generate_enosys_stub()).
 * Not reproduced: `flags` (load-time flags, not part of the program) and
 * runc's API-level checks for old libseccomp versions. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf/bpf.h"
#include "util/cleanup.h"

/* runc: `if len(config.Syscalls) > 32 { filter.SetOptimize(2) }`. */
#define RUNC_BTREE_THRESHOLD 32
#define X32_SYSCALL_BIT	     0x40000000u
/* Conditions per entry we pass on (runc has no limit; libseccomp refuses
 * more than one per argument in a rule anyway, so split rules are 1 each). */
#define MAX_CONDS 48

static void ctx_releasep(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

static uint32_t scmp_action(enum profile_action a, uint32_t errno_ret)
{
	switch (a) {
	case ACT_KILL_THREAD: return SCMP_ACT_KILL_THREAD;
	case ACT_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
	case ACT_TRAP: return SCMP_ACT_TRAP;
	case ACT_ERRNO: return SCMP_ACT_ERRNO(errno_ret);
	case ACT_TRACE: return SCMP_ACT_TRACE(errno_ret);
	case ACT_ALLOW: return SCMP_ACT_ALLOW;
	case ACT_LOG: return SCMP_ACT_LOG;
	case ACT_NOTIFY:
	case ACT__COUNT: break;
	}
	return SCMP_ACT_NOTIFY;
}

static enum scmp_compare scmp_op(enum profile_op op)
{
	static const enum scmp_compare map[OP__COUNT] = {
	    [OP_NE] = SCMP_CMP_NE,
	    [OP_LT] = SCMP_CMP_LT,
	    [OP_LE] = SCMP_CMP_LE,
	    [OP_EQ] = SCMP_CMP_EQ,
	    [OP_GE] = SCMP_CMP_GE,
	    [OP_GT] = SCMP_CMP_GT,
	    [OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	return (unsigned)op < OP__COUNT ? map[op] : _SCMP_CMP_MIN;
}

static const char *src_path(const struct profile_src *s, const char *fallback)
{
	return s->path ? s->path : fallback;
}

/* One name of an entry, as runc's matchCall() adds it. */
static int add_name(scmp_filter_ctx ctx, const struct profile_rule *r, const char *name,
		    uint32_t act, struct sc_error *err)
{
	struct scmp_arg_cmp conds[MAX_CONDS];
	unsigned counts[6] = {0};
	bool repeated = false;
	int nr, rc;

	nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		return 0; /* runc: "unknown seccomp syscall ignored" */

	if (r->n_args == 0) {
		rc = seccomp_rule_add(ctx, act, nr, 0);
		if (rc < 0)
			goto fail;
		return 0;
	}
	if (r->n_args > SC_ARRAY_SIZE(conds))
		return sc_error_set(err, -EINVAL, "%s: too many argument conditions for %s",
				    src_path(&r->src, "syscalls"), name);
	for (size_t i = 0; i < r->n_args; i++) {
		const struct profile_arg *a = &r->args[i];

		if (a->index > 5)
			return sc_error_set(err, -EINVAL, "%s: argument index %u out of range",
					    src_path(&a->src, "args"), a->index);
		/* libseccomp-golang's MakeCondition(index, op, value, valueTwo):
		 * for MASKED_EQ the first operand is the mask, the second the datum. */
		conds[i] = (struct scmp_arg_cmp){.arg = a->index,
						 .op = scmp_op(a->op),
						 .datum_a = a->value,
						 .datum_b = a->value_two};
		if (++counts[a->index] > 1)
			repeated = true;
	}
	if (repeated) {
		/* runc: "revert to old behavior", one rule per condition (ORed). */
		for (size_t i = 0; i < r->n_args; i++) {
			rc = seccomp_rule_add_array(ctx, act, nr, 1, &conds[i]);
			if (rc < 0)
				goto fail;
		}
		return 0;
	}
	rc = seccomp_rule_add_array(ctx, act, nr, (unsigned)r->n_args, conds);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	return sc_error_set(err, rc, "%s: libseccomp refused the rule for syscall %s: %s",
			    src_path(&r->src, "syscalls"), name, strerror(-rc));
}

/* seccomp_export_bpf() writes to a file descriptor; a memfd keeps the
 * program in memory (libseccomp 2.5 has no export-to-buffer call). */
static int export_program(scmp_filter_ctx ctx, struct bpf_prog *out, struct sc_error *err)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	size_t size;
	ssize_t n;
	int rc;

	fd = memfd_create("seccompctl-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return sc_error_set(err, -errno, "memfd_create: %s", strerror(errno));
	rc = seccomp_export_bpf(ctx, fd);
	if (rc < 0)
		return sc_error_set(err, rc, "seccomp_export_bpf: %s", strerror(-rc));
	if (fstat(fd, &st) < 0)
		return sc_error_set(err, -errno, "fstat: %s", strerror(errno));
	size = (size_t)st.st_size;
	if (size == 0 || size % sizeof(struct sock_filter) != 0)
		return sc_error_set(err, -EIO, "seccomp_export_bpf wrote %zu bytes", size);
	out->insns = malloc(size);
	if (!out->insns)
		return sc_error_set(err, -ENOMEM, "out of memory");
	n = pread(fd, out->insns, size, 0);
	if (n != (ssize_t)size) {
		free(out->insns);
		out->insns = NULL;
		return sc_error_set(err, -EIO, "reading the exported program failed");
	}
	out->len = size / sizeof(struct sock_filter);
	return 0;
}

/* ---- runc's -ENOSYS stub (libcontainer/seccomp/patchbpf) ----------------
 *
 * runc prepends a small program that answers ENOSYS for syscall numbers
 * above the highest one the profile names, so that new syscalls fail like
 * on an old kernel (and glibc falls back) instead of getting EPERM.
 * Reproduced from runc 1.1.5's generatePatch/findLastSyscalls/
 * generateEnosysStub:
 *   - no stub when the default action is ALLOW, LOG or TRACE (runc's
 *     isAllowAction; TRACE counts as allow-type there), and runc's check of
 *     defaultErrnoRet against SCMP_ACT_ERRNO(ENOSYS) (never true for a valid
 *     errno, kept as runc has it);
 *   - only the listed architectures count (not the native one when it is
 *     not listed); per AUDIT_ARCH value the highest number any name
 *     resolves to on that arch (all entries, dropped ones too; unknown
 *     names ignored); an arch whose maximum is 0 gets no section but keeps
 *     its arch check, which then jumps straight into the filter;
 *   - x86_64 and x32 share AUDIT_ARCH_X86_64: a section tests the X32 bit
 *     (1<<30) first; both listed -> one section with two limits;
 *   - s390/s390x: syscall 0 (the multiplexer) also gets ENOSYS;
 *   - the layout: load arch, one jeq per arch (long jumps as jne+ja),
 *     a "ja" over the stub for other arches, the sections (load nr, jgt
 *     limit -> ENOSYS; long jumps when the distance exceeds 255), then
 *     "ja 1; ret ERRNO(ENOSYS)", followed by libseccomp's program;
 *   - the instruction encodings of golang.org/x/net/bpf (jne = jeq with
 *     swapped targets, jle = jgt swapped, "bits not set" = jset swapped).
 * Different from runc: runc walks a Go map, so its order of arch checks and
 * sections is random between runs; ours follows the architectures list
 * (each section's meaning is the same). */

struct insn_buf {
	struct sock_filter *v;
	size_t len;
};

static int prepend(struct insn_buf *b, const struct sock_filter *ins, size_t n)
{
	struct sock_filter *v = realloc(b->v, (b->len + n) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	memmove(v + n, v, b->len * sizeof(*v));
	memcpy(v, ins, n * sizeof(*v));
	b->v = v;
	b->len += n;
	return 0;
}

#define S_LD(off)	      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define S_RET(k)	      BPF_STMT(BPF_RET | BPF_K, (k))
#define S_JA(k)		      BPF_STMT(BPF_JMP | BPF_JA, (k))
#define S_JEQ(k, jt, jf)      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))
#define S_JGT(k, jt, jf)      BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (k), (jt), (jf))
#define S_JSET(k, jt, jf)     BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (k), (jt), (jf))
#define RET_ENOSYS	      SCMP_ACT_ERRNO(ENOSYS)
#define SECCOMP_DATA_NR_OFF   0
#define SECCOMP_DATA_ARCH_OFF 4

/* Highest syscall per (AUDIT_ARCH, libseccomp arch): runc's lastSyscallMap. */
struct last_sys {
	uint32_t native; /* AUDIT_ARCH_* */
	size_t n_sub;
	struct {
		uint32_t scmp; /* SCMP_ARCH_* (x32 differs from its AUDIT value) */
		int max;
	} sub[2];
	uint32_t jump_from_end; /* runc's archJumpTable; 0 = no section */
};

/* runc's archToNative(): the arches runc knows; others are an error. */
static int arch_to_native(uint32_t scmp, uint32_t *native)
{
	static const uint32_t known[] = {
	    SCMP_ARCH_X86,	SCMP_ARCH_X86_64,      SCMP_ARCH_ARM,	    SCMP_ARCH_AARCH64,
	    SCMP_ARCH_MIPS,	SCMP_ARCH_MIPS64,      SCMP_ARCH_MIPS64N32, SCMP_ARCH_MIPSEL,
	    SCMP_ARCH_MIPSEL64, SCMP_ARCH_MIPSEL64N32, SCMP_ARCH_PPC,	    SCMP_ARCH_PPC64,
	    SCMP_ARCH_PPC64LE,	SCMP_ARCH_S390,	       SCMP_ARCH_S390X,	    SCMP_ARCH_RISCV64,
	};
	if (scmp == SCMP_ARCH_X32) {
		*native = SCMP_ARCH_X86_64; /* == AUDIT_ARCH_X86_64 */
		return 0;
	}
	for (size_t i = 0; i < SC_ARRAY_SIZE(known); i++)
		if (known[i] == scmp) {
			*native = scmp;
			return 0;
		}
	return -EINVAL;
}

static int find_last_syscalls(const struct profile *p, struct last_sys *ls, size_t *n_ls,
			      struct sc_error *err)
{
	*n_ls = 0;
	for (size_t i = 0; i < p->n_arches; i++) {
		const struct arch_info *a = p->arches[i];
		struct last_sys *e = NULL;
		uint32_t native;
		int largest = 0;
		bool seen = false;

		if (arch_to_native(a->token, &native) < 0)
			return sc_error_set(
			    err, -EINVAL, "%s: cannot map architecture %s to an AUDIT_ARCH value",
			    (p->arch_srcs ? src_path(&p->arch_srcs[i], "architectures")
					  : "architectures"),
			    a->oci);
		for (size_t j = 0; j < *n_ls; j++)
			if (ls[j].native == native)
				e = &ls[j];
		if (!e) {
			e = &ls[(*n_ls)++];
			memset(e, 0, sizeof(*e));
			e->native = native;
		}
		for (size_t j = 0; j < e->n_sub; j++)
			if (e->sub[j].scmp == a->token)
				seen = true;
		if (seen)
			continue;
		for (size_t r = 0; r < p->n_rules; r++)
			for (size_t n = 0; n < p->rules[r].n_names; n++) {
				int nr = seccomp_syscall_resolve_name_arch(
				    a->token, p->rules[r].names[n].name);
				if (nr != __NR_SCMP_ERROR && nr > largest)
					largest = nr;
			}
		if (largest == 0)
			continue; /* runc: "could not find any syscalls for arch" */
		if (e->n_sub == 2)
			return sc_error_set(err, -EINVAL,
					    "invalid number of architecture overlaps");
		e->sub[e->n_sub].scmp = a->token;
		e->sub[e->n_sub].max = largest;
		e->n_sub++;
	}
	return 0;
}

static int one_arch_section(const struct last_sys *e, size_t tail_len, struct sock_filter *sec,
			    size_t *n, struct sc_error *err)
{
	uint32_t base_enosys = (uint32_t)tail_len - 1, base_filter = base_enosys + 1;
	uint32_t sysno = (uint32_t)e->sub[0].max, scmp = e->sub[0].scmp;
	struct sock_filter tail[4];
	size_t nt = 0;

	*n = 0;
	sec[(*n)++] = (struct sock_filter)S_LD(SECCOMP_DATA_NR_OFF);
	if (scmp == SCMP_ARCH_S390 || scmp == SCMP_ARCH_S390X) {
		/* jne 0,1 (setup(2), the large-number multiplexer); ret ENOSYS */
		sec[(*n)++] = (struct sock_filter)S_JEQ(0, 0, 1);
		sec[(*n)++] = (struct sock_filter)S_RET(RET_ENOSYS);
	}
	if (e->native == SCMP_ARCH_X86_64)
		tail[nt++] = (struct sock_filter)S_JSET(X32_SYSCALL_BIT, 0, 0); /* fixed below */
	if (base_enosys + 1 <= 255) {
		tail[nt++] = (struct sock_filter)S_JGT(sysno, (uint8_t)(base_enosys + 1), 0);
		tail[nt++] = (struct sock_filter)S_JA(base_filter);
	} else {
		tail[nt++] = (struct sock_filter)S_JGT(sysno, 0, 1); /* jle sysno,1 */
		tail[nt++] = (struct sock_filter)S_RET(RET_ENOSYS);
		tail[nt++] = (struct sock_filter)S_JA(base_filter);
	}
	if (e->native == SCMP_ARCH_X86_64) {
		/* Skip the section when the call is of the other ABI. */
		uint8_t skip = (uint8_t)(nt - 2);

		if (scmp == SCMP_ARCH_X86_64)
			tail[0].jt = skip;
		else if (scmp == SCMP_ARCH_X32)
			tail[0].jf = skip;
		else
			return sc_error_set(err, -EINVAL, "unknown amd64 native architecture %#x",
					    scmp);
	}
	memcpy(sec + *n, tail, nt * sizeof(*tail));
	*n += nt;
	return 0;
}

static int x86_pair_section(const struct last_sys *e, size_t tail_len, struct sock_filter *sec,
			    size_t *n, struct sc_error *err)
{
	uint32_t base_enosys = (uint32_t)tail_len - 1, base_filter = base_enosys + 1;
	uint32_t x86 = 0, x32 = 0;
	bool has86 = false, has32 = false;

	if (e->native != SCMP_ARCH_X86_64)
		return sc_error_set(err, -EINVAL, "unknown architecture overlap on native arch %#x",
				    e->native);
	for (size_t i = 0; i < 2; i++) {
		if (e->sub[i].scmp == SCMP_ARCH_X32) {
			x32 = (uint32_t)e->sub[i].max;
			has32 = true;
		} else if (e->sub[i].scmp == SCMP_ARCH_X86_64) {
			x86 = (uint32_t)e->sub[i].max;
			has86 = true;
		}
	}
	if (!has86 || !has32)
		return sc_error_set(err, -EINVAL,
				    "missing x32 or x86_64 in overlapping x86_64 arch");
	*n = 0;
	sec[(*n)++] = (struct sock_filter)S_LD(SECCOMP_DATA_NR_OFF);
	sec[(*n)++] = (struct sock_filter)S_JSET(X32_SYSCALL_BIT, 1, 0);
	if (base_enosys + 2 <= 255) {
		sec[(*n)++] = (struct sock_filter)S_JGT(x86, (uint8_t)(base_enosys + 2), 1);
		sec[(*n)++] = (struct sock_filter)S_JGT(x32, (uint8_t)(base_enosys + 1), 0);
		sec[(*n)++] = (struct sock_filter)S_JA(base_filter);
	} else {
		sec[(*n)++] = (struct sock_filter)S_JGT(x86, 1, 2);
		sec[(*n)++] = (struct sock_filter)S_JGT(x32, 0, 1); /* jle x32,1 */
		sec[(*n)++] = (struct sock_filter)S_RET(RET_ENOSYS);
		sec[(*n)++] = (struct sock_filter)S_JA(base_filter);
	}
	return 0;
}

static int generate_enosys_stub(const struct profile *p, struct insn_buf *stub,
				struct sc_error *err)
{
	const struct sock_filter end[] = {S_JA(1), S_RET(RET_ENOSYS)};
	_cleanup_free_ struct last_sys *ls = NULL;
	size_t n_ls = 0;
	int rc;

	ls = calloc(p->n_arches ? p->n_arches : 1, sizeof(*ls));
	if (!ls)
		return sc_error_set(err, -ENOMEM, "out of memory");
	rc = find_last_syscalls(p, ls, &n_ls, err);
	if (rc < 0)
		return rc;

	if (prepend(stub, end, SC_ARRAY_SIZE(end)) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n_ls; i++) {
		struct sock_filter sec[8];
		size_t n = 0;

		if (ls[i].n_sub == 0)
			continue;
		rc = ls[i].n_sub == 1 ? one_arch_section(&ls[i], stub->len, sec, &n, err)
				      : x86_pair_section(&ls[i], stub->len, sec, &n, err);
		if (rc < 0)
			return rc;
		if (prepend(stub, sec, n) < 0)
			return sc_error_set(err, -ENOMEM, "out of memory");
		ls[i].jump_from_end = (uint32_t)stub->len;
	}
	/* Other arches: jump over the stub into libseccomp's program. */
	const struct sock_filter over[] = {S_JA((uint32_t)stub->len)};
	if (prepend(stub, over, 1) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n_ls; i++) {
		uint32_t jump = (uint32_t)stub->len - ls[i].jump_from_end;

		if (jump <= 255) {
			const struct sock_filter j[] = {S_JEQ(ls[i].native, (uint8_t)jump, 0)};
			rc = prepend(stub, j, 1);
		} else {
			const struct sock_filter j[] = {S_JEQ(ls[i].native, 0, 1), S_JA(jump)};
			rc = prepend(stub, j, 2);
		}
		if (rc < 0)
			return sc_error_set(err, -ENOMEM, "out of memory");
	}
	const struct sock_filter ld[] = {S_LD(SECCOMP_DATA_ARCH_OFF)};
	if (prepend(stub, ld, 1) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");
	return 0;
}

/* runc's generatePatch(): whether the stub applies at all. */
static bool wants_enosys_stub(const struct profile *p)
{
	if (p->has_default_errno && p->default_errno == RET_ENOSYS)
		return false;
	return p->default_action != ACT_ALLOW && p->default_action != ACT_LOG &&
	       p->default_action != ACT_TRACE;
}

static int add_stub(const struct profile *p, struct bpf_prog *prog, struct sc_error *err)
{
	struct insn_buf stub = {0};
	struct sock_filter *v;
	int rc;

	rc = generate_enosys_stub(p, &stub, err);
	if (rc < 0) {
		free(stub.v);
		return sc_error_prefix(err, "runc -ENOSYS stub: ");
	}
	v = realloc(stub.v, (stub.len + prog->len) * sizeof(*v));
	if (!v) {
		free(stub.v);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	memcpy(v + stub.len, prog->insns, prog->len * sizeof(*v));
	free(prog->insns);
	prog->insns = v;
	prog->len += stub.len;
	return 0;
}

/* ---- the filter, as runc's InitSeccomp() builds it --------------------- */

static int check_notify(const struct profile *p, struct sc_error *err)
{
	if (p->default_action == ACT_NOTIFY)
		return sc_error_set(err, -EINVAL,
				    "%s: SCMP_ACT_NOTIFY cannot be used as default "
				    "action",
				    src_path(&p->default_src, "defaultAction"));
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (r->action != ACT_NOTIFY)
			continue;
		for (size_t n = 0; n < r->n_names; n++)
			if (strcmp(r->names[n].name, "write") == 0)
				return sc_error_set(err, -EINVAL,
						    "%s: SCMP_ACT_NOTIFY cannot be used for the "
						    "write syscall",
						    src_path(&r->names[n].src, "names"));
	}
	return 0;
}

static int build_filter(const struct profile *p, scmp_filter_ctx ctx, uint32_t def_act,
			struct sc_error *err)
{
	size_t n_names = 0;
	int rc;

	for (size_t i = 0; i < p->n_arches; i++) {
		rc = seccomp_arch_add(ctx, p->arches[i]->token);
		if (rc < 0 && rc != -EEXIST)
			return sc_error_set(err, rc, "%s: error adding architecture %s: %s",
					    (p->arch_srcs
						 ? src_path(&p->arch_srcs[i], "architectures")
						 : "architectures"),
					    p->arches[i]->oci, strerror(-rc));
	}
	/* libseccomp-golang's NewFilter sets TSYNC when it can; it does not
	 * change the program, so a failure is not an error. */
	(void)seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	for (size_t i = 0; i < p->n_rules; i++)
		n_names += p->rules[i].n_names;
	if (n_names > RUNC_BTREE_THRESHOLD)
		(void)seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2); /* runc ignores errors */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (rc < 0)
		return sc_error_set(err, rc, "error setting no new privileges: %s", strerror(-rc));

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		uint32_t act = scmp_action(r->action, profile_rule_errno(p, r));

		if (act == def_act)
			continue; /* runc: redundant, silently skipped */
		for (size_t n = 0; n < r->n_names; n++) {
			rc = add_name(ctx, r, r->names[n].name, act, err);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int bpf_libseccomp_accepts(const struct profile *resolved, struct sc_error *err)
{
	_cleanup_(ctx_releasep) scmp_filter_ctx ctx = NULL;
	uint32_t def_act = scmp_action(resolved->default_action, profile_default_errno(resolved));

	ctx = seccomp_init(def_act);
	if (!ctx)
		return sc_error_set(err, -EINVAL, "%s: libseccomp refused the default action %s",
				    src_path(&resolved->default_src, "defaultAction"),
				    profile_action_name(resolved->default_action));
	return build_filter(resolved, ctx, def_act, err);
}

/* libseccomp 2.5.4 can loop for ever merging some argument chains (found
 * by fuzz_compile: two rules on one call, a 64-bit LT 0 among their
 * conditions); runc then hangs starting the container.  So the question is
 * asked in a child with a deadline.  Called only while the process is
 * single-threaded (the CLI), as the child uses malloc after fork. */
int bpf_libseccomp_accepts_within(const struct profile *resolved, unsigned timeout_ms,
				  struct sc_error *err)
{
	struct sc_error child_err = {0};
	struct pollfd pfd;
	int fds[2], rc = 0, status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return sc_error_set(err, -errno, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return sc_error_set(err, -errno, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
		rc = bpf_libseccomp_accepts(resolved, &child_err);
		if (write(fds[1], &rc, sizeof(rc)) != (ssize_t)sizeof(rc) ||
		    write(fds[1], &child_err, sizeof(child_err)) != (ssize_t)sizeof(child_err))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	pfd = (struct pollfd){.fd = fds[0], .events = POLLIN};
	do
		n = poll(&pfd, 1, (int)timeout_ms);
	while (n < 0 && errno == EINTR);
	if (n == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(fds[0]);
		return sc_error_set(
		    err, -ETIMEDOUT,
		    "libseccomp did not finish taking the rules within %u ms: it "
		    "loops on some argument conditions, and runc and crun would hang "
		    "starting the container; simplify the argument conditions",
		    timeout_ms);
	}
	if (read(fds[0], &rc, sizeof(rc)) != (ssize_t)sizeof(rc) ||
	    read(fds[0], &child_err, sizeof(child_err)) != (ssize_t)sizeof(child_err))
		rc = sc_error_set(&child_err, -EIO, "libseccomp check: no answer from the child");
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (rc < 0) {
		child_err.msg[sizeof(child_err.msg) - 1] = '\0';
		sc_error_set(err, rc, "%s", child_err.msg);
		if (err) {
			err->line = child_err.line;
			err->col = child_err.col;
		}
	}
	return rc;
}

int bpf_compile_libseccomp(const struct profile *resolved, const struct bpf_compile_opts *opts,
			   struct bpf_prog *out, struct sc_error *err)
{
	_cleanup_(ctx_releasep) scmp_filter_ctx ctx = NULL;
	struct bpf_compile_opts def;
	uint32_t def_act;
	int rc;

	out->insns = NULL;
	out->len = 0;
	if (!opts) {
		bpf_compile_opts_default(&def);
		opts = &def;
	}
	if (opts->enosys == BPF_ENOSYS_KERNEL)
		return sc_error_set(
		    err, -EINVAL,
		    "the libseccomp backend builds runc's ENOSYS stub only "
		    "(--enosys runc or none); use the native backend for kernel=X.Y");
	rc = check_notify(resolved, err);
	if (rc < 0)
		return rc;
	def_act = scmp_action(resolved->default_action, profile_default_errno(resolved));
	ctx = seccomp_init(def_act);
	if (!ctx)
		return sc_error_set(err, -EINVAL, "%s: libseccomp refused the default action %s",
				    src_path(&resolved->default_src, "defaultAction"),
				    profile_action_name(resolved->default_action));
	rc = build_filter(resolved, ctx, def_act, err);
	if (rc < 0)
		return rc;
	rc = export_program(ctx, out, err);
	if (rc < 0)
		return rc;
	if (opts->enosys == BPF_ENOSYS_RUNC && wants_enosys_stub(resolved)) {
		rc = add_stub(resolved, out, err);
		if (rc < 0) {
			free(out->insns);
			out->insns = NULL;
			out->len = 0;
			return rc;
		}
	}
	return 0;
}
