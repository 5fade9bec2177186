/* Program statistics: the kernel's action-cache test, and the executed
 * path lengths `compile --stats` and the benchmarks report. */
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <string.h>

#include "bpf/bpf.h"

#define X32_SYSCALL_BIT 0x40000000u
#define ARCH_X32_TOKEN	0x4000003eu /* SCMP_ARCH_X32; its calls carry AUDIT_ARCH_X86_64 */

/* What the kernel does since 5.11 when a filter is attached
 * (kernel/seccomp.c, seccomp_is_const_allow()): run the program for one
 * (arch, nr) with nothing else known.  Loads of nr and arch, the four
 * K-comparisons, ja, and-K and ret-K are followed; any other instruction,
 * or a load of an argument or the instruction pointer, means the answer
 * may depend on them.  Only a constant SECCOMP_RET_ALLOW is cached. */
bool bpf_cache_const_allow(const struct sock_filter *insns, size_t len, uint32_t audit_arch,
			   uint32_t nr)
{
	uint32_t a = 0;

	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];
		bool taken;

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (f->k == offsetof(struct seccomp_data, arch))
				a = audit_arch;
			else
				return false;
			continue;
		case BPF_RET | BPF_K: return f->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA: pc += f->k; continue;
		case BPF_JMP | BPF_JEQ | BPF_K: taken = a == f->k; break;
		case BPF_JMP | BPF_JGE | BPF_K: taken = a >= f->k; break;
		case BPF_JMP | BPF_JGT | BPF_K: taken = a > f->k; break;
		case BPF_JMP | BPF_JSET | BPF_K: taken = (a & f->k) != 0; break;
		case BPF_ALU | BPF_AND | BPF_K: a &= f->k; continue;
		default: return false;
		}
		pc += taken ? f->jt : f->jf;
	}
	return false; /* ran off the end: the kernel would refuse the program */
}

/* One run with the given arguments; 0 when the program is not valid. */
static size_t path(const struct bpf_prog *p, uint32_t audit, uint32_t nr, uint64_t args)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = audit};
	struct bpf_result r;

	for (int i = 0; i < 6; i++)
		d.args[i] = args;
	if (bpf_run(p->insns, p->len, &d, &r, NULL) < 0)
		return 0;
	return r.executed;
}

int bpf_prog_stats(const struct bpf_prog *p, const struct arch_info *arch,
		   struct bpf_arch_stats *out, struct sc_error *err)
{
	uint32_t audit = arch->token, base = 0;
	int max = arch_syscall_max(arch);
	double sum = 0;

	memset(out, 0, sizeof(*out));
	if (bpf_validate(p->insns, p->len, err) < 0)
		return -EINVAL;
	if (arch->token == ARCH_X32_TOKEN) {
		audit = AUDIT_ARCH_X86_64;
		base = X32_SYSCALL_BIT;
	}
	out->audit_arch = audit;
	for (int i = 0; i <= max; i++) {
		uint32_t nr = base + (uint32_t)i;
		size_t lo, hi;

		if (!arch_syscall_name(arch, (int)nr))
			continue;
		lo = path(p, audit, nr, 0);
		hi = path(p, audit, nr, ~0ull);
		out->n_syscalls++;
		sum += (double)lo;
		if (lo > out->worst)
			out->worst = lo;
		if (hi > out->worst)
			out->worst = hi;
		if (bpf_cache_const_allow(p->insns, p->len, audit, nr))
			out->n_cache_allow++;
	}
	out->mean = out->n_syscalls ? sum / (double)out->n_syscalls : 0;
	return 0;
}
