/* Classic-BPF seccomp programs: the one representation every backend
 * produces and every tool (emulator, disassembler, later `run`, `dump`,
 * `diff`) consumes. */
#ifndef SC_BPF_BPF_H
#define SC_BPF_BPF_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "profile/profile.h"
#include "util/error.h"

/* The kernel's limit on a seccomp program (BPF_MAXINSNS). */
#define BPF_PROG_MAX 4096

/* A program; owns insns (free with bpf_prog_free). */
struct bpf_prog {
	struct sock_filter *insns;
	size_t len;
};
void bpf_prog_free(struct bpf_prog *p);

/* True for the actions that stop a call: ERRNO, TRAP, KILL_THREAD,
 * KILL_PROCESS and unknown values (which the kernel treats as
 * KILL_PROCESS); false for ALLOW, LOG, TRACE and USER_NOTIF. */
bool bpf_ret_denies(uint32_t ret);
/* A copy of a program in which every RET of a denying action returns
 * `to` instead (SECCOMP_RET_USER_NOTIF, or SECCOMP_RET_TRACE for a ptrace
 * recorder), so that exactly the calls the program denies reach a supervisor (which then runs `in`
 * over the call's seccomp_data to act as the kernel would).  Control flow, and so the verdict of
 * every other call, is unchanged.  Refuses programs that return the accumulator (no backend emits
 * them). *n_routed counts the rewritten RETs (may be NULL). */
int bpf_prog_route_denials(const struct bpf_prog *in, uint32_t to, struct bpf_prog *out,
			   size_t *n_routed, struct sc_error *err);

/* ---- validator and emulator (emu.c) ---- */

/* Accept exactly what seccomp(SECCOMP_SET_MODE_FILTER) accepts: the
 * classic-BPF checks of bpf_check_classic() (length 1..4096, known opcodes,
 * jumps inside the program, no division by a constant 0, scratch memory
 * M[0..15] only, a final RET) plus seccomp_check_filter()'s rules (loads
 * only from struct seccomp_data, 32-bit aligned and in bounds; no packet
 * loads of other kinds; BPF_LDX only BPF_W|BPF_LEN... as the kernel maps
 * them).  On rejection returns -EINVAL and err names the instruction and
 * the reason ("insn 12: jump target 300 beyond the end (len 20)"). */
int bpf_validate(const struct sock_filter *insns, size_t len, struct sc_error *err);

struct bpf_result {
	uint32_t ret;	 /* the full SECCOMP_RET_* value the program returned */
	size_t executed; /* instructions executed, the final RET included */
};

/* Run a program (validated first) over one seccomp_data, as the kernel
 * would.  Returns 0, or -EINVAL when the program is not valid. */
int bpf_run(const struct sock_filter *insns, size_t len, const struct seccomp_data *d,
	    struct bpf_result *out, struct sc_error *err);

/* The action part of a return value, as the kernel reads it
 * (SECCOMP_RET_ACTION_FULL), and its name: "KILL_PROCESS", "KILL_THREAD",
 * "TRAP", "ERRNO", "USER_NOTIF", "TRACE", "LOG", "ALLOW", or "UNKNOWN"
 * (the kernel treats an unknown action as KILL_PROCESS). */
uint32_t bpf_ret_action(uint32_t ret);
const char *bpf_ret_action_name(uint32_t ret);
/* The data part (errno value for ERRNO, message for TRACE). */
uint16_t bpf_ret_data(uint32_t ret);
/* As people read it: "ERRNO(EPERM)", "TRACE(5)", "KILL_THREAD", ... */
void bpf_ret_text(uint32_t ret, char *buf, size_t n);
/* The return value a profile action stands for (data: errno or trace
 * message); SECCOMP_RET_USER_NOTIF for SCMP_ACT_NOTIFY. */
uint32_t bpf_action_ret(enum profile_action a, uint32_t data);

/* ---- disassembler (disasm.c) ---- */

/* One decoded instruction: the decoder's output that both renderers use. */
struct bpf_decoded {
	size_t index;
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
	const char *mnemonic; /* "ld", "jeq", "ret", ... */
	/* What the operand means for seccomp, when known: */
	const char *field; /* "nr", "arch", "args[1].lo", "instruction_pointer.hi", NULL */
	bool jump;	   /* conditional or unconditional jump */
	size_t target_true, target_false; /* absolute targets of jumps */
	bool is_label;			  /* some jump lands here */
};

/* Decode a program (it need not be valid: undecodable instructions are
 * rendered as such).  *out is a malloc'd array of len entries. */
int bpf_decode(const struct sock_filter *insns, size_t len, struct bpf_decoded **out,
	       struct sc_error *err);

/* Readable listing: labels for jump targets, seccomp_data field names,
 * syscall names when comparing nr after an arch check for `arch` (or when
 * the listing can tell the arch from a preceding arch comparison), action
 * names with errno names ("ERRNO(EPERM)").  arch may be NULL. */
int bpf_disasm_text(const struct sock_filter *insns, size_t len, const struct arch_info *arch,
		    char **out, struct sc_error *err);
/* The same listing as a JSON document (schema 1): {"schema":1,"length":N,
 * "instructions":[{"index","code","jt","jf","k","op","field","target_true",
 * "target_false","label","syscall","action"}...]} with absent keys omitted. */
int bpf_disasm_json(const struct sock_filter *insns, size_t len, const struct arch_info *arch,
		    char **out, struct sc_error *err);

/* ---- compiling (compile.c, model.c; libseccomp backend) ---- */

/* What answers syscall numbers a profile does not name, when the default
 * action is not allow-type (ALLOW, LOG, TRACE count as allow-type, as in
 * runc): */
enum bpf_enosys {
	BPF_ENOSYS_NONE,   /* the default action, as plain libseccomp does */
	BPF_ENOSYS_RUNC,   /* runc's stub: ENOSYS above the highest named number */
	BPF_ENOSYS_KERNEL, /* ENOSYS for what kernel X.Y lacked, and unassigned numbers */
};

struct bpf_compile_opts {
	enum bpf_enosys enosys;		     /* default BPF_ENOSYS_RUNC: what runc loads */
	unsigned kernel_major, kernel_minor; /* for BPF_ENOSYS_KERNEL */
	/* The arch the filter is loaded on: runc's seccomp_init() always puts
	 * it in the filter, listed or not.  NULL = this machine's. */
	const struct arch_info *native;
};
void bpf_compile_opts_default(struct bpf_compile_opts *o);
/* Parse "runc", "none" or "kernel=X.Y" into o; -EINVAL with a message. */
int bpf_enosys_parse(const char *s, struct bpf_compile_opts *o, struct sc_error *err);

/* Native compiler: resolved profile -> program, with the meaning runc +
 * libseccomp give it (see compile.c for the semantics and the layout).
 * Refuses programs over BPF_PROG_MAX instructions with -E2BIG, the count
 * and the rules that made it big in err. */
int bpf_compile_native(const struct profile *resolved, const struct bpf_compile_opts *opts,
		       struct bpf_prog *out, struct sc_error *err);

/* Why a call gets its verdict. */
enum bpf_why {
	BPF_WHY_RULE,	 /* a rule of the profile (rule, and cond when one condition decided) */
	BPF_WHY_DEFAULT, /* no rule applies: defaultAction */
	BPF_WHY_ENOSYS,	 /* unnamed number answered ENOSYS (opts.enosys) */
	BPF_WHY_BADARCH, /* arch not in the filter: libseccomp's bad-arch action (KILL_THREAD) */
};

/* "rule", "default", "enosys", "badarch": the JSON spelling of a why. */
const char *bpf_why_name(enum bpf_why w);

struct bpf_verdict {
	uint32_t ret; /* full SECCOMP_RET_* value */
	enum bpf_why why;
	const struct profile_rule *rule; /* BPF_WHY_RULE: the deciding entry of `resolved` */
	/* How many entries name the call for this arch, the deciding one
	 * included (the others were dropped as equal to the default, shadowed
	 * by an earlier unconditional entry, or their conditions were false). */
	size_t n_considered;
	/* The first entry naming the call when no rule decided it (e.g. one
	 * dropped because its action equals the default, as runc drops it). */
	const struct profile_rule *named_by;
	/* True when conditional entries with different actions name the call:
	 * runc's answer then depends on how libseccomp merged them (their
	 * order); ours is the most restrictive matching entry (model.c). */
	bool ambiguous;
	int nr;			      /* syscall number on that arch, -1 if none */
	const struct arch_info *arch; /* NULL for a bad arch */
	/* The verdict depends on the arguments: conditional entries decide the
	 * number (no unconditional one does). */
	bool conditional;
};

/* The reference semantics, straight from the profile (no program): what
 * the kernel answers for one seccomp_data under the filter runc would load
 * (with opts).  `explain` prints it next to the emulated program. */
int bpf_decide(const struct profile *resolved, const struct bpf_compile_opts *opts,
	       const struct seccomp_data *d, struct bpf_verdict *out, struct sc_error *err);

/* The same decisions, many of them, over one model of the profile (which
 * the decider borrows: it must outlive the decider).  bpf_decider_decide
 * gives exactly what bpf_decide gives. */
struct bpf_decider;
int bpf_decider_new(const struct profile *resolved, const struct bpf_compile_opts *opts,
		    struct bpf_decider **out, struct sc_error *err);
void bpf_decider_decide(const struct bpf_decider *dc, const struct seccomp_data *d,
			struct bpf_verdict *out);
void bpf_decider_free(struct bpf_decider *dc);
static inline void bpf_decider_freep(struct bpf_decider **dc)
{
	bpf_decider_free(*dc);
}

/* ---- program statistics (stats.c) ---- */

/* The kernel's seccomp action cache (kernel/seccomp.c,
 * seccomp_is_const_allow): emulate the program for one arch and number
 * with unknown arguments and instruction pointer; true when it returns
 * SECCOMP_RET_ALLOW without depending on them. */
bool bpf_cache_const_allow(const struct sock_filter *insns, size_t len, uint32_t audit_arch,
			   uint32_t nr);

/* Per ABI: over every assigned syscall number of the arch (x32 numbers
 * with the x32 bit), the executed instructions with all arguments 0 (mean)
 * and the most with all arguments 0 or all ~0 (worst), and how many numbers
 * the kernel's action cache can answer without running the filter. */
struct bpf_arch_stats {
	uint32_t audit_arch; /* what seccomp_data.arch holds for its calls */
	size_t n_syscalls;
	size_t worst;
	double mean;
	size_t n_cache_allow;
};
int bpf_prog_stats(const struct bpf_prog *p, const struct arch_info *arch,
		   struct bpf_arch_stats *out, struct sc_error *err);

/* ---- libseccomp backend (backend_libseccomp.c) ---- */

int bpf_compile_libseccomp(const struct profile *resolved, const struct bpf_compile_opts *opts,
			   struct bpf_prog *out, struct sc_error *err);
/* Whether libseccomp takes every rule runc would give it (no program is
 * generated): 0, or its refusal (e.g. EEXIST) with the entry's JSON path. */
int bpf_libseccomp_accepts(const struct profile *resolved, struct sc_error *err);
/* The same, in a child with a deadline: -ETIMEDOUT when libseccomp loops
 * (it does on some conditions; runc then hangs). */
int bpf_libseccomp_accepts_within(const struct profile *resolved, unsigned timeout_ms,
				  struct sc_error *err);

#endif
