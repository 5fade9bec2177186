/* Editing profiles as meanings, not text: `diff` compares what two
 * profiles make runc load, call by call, and `merge` builds the union of
 * several and proves it on every syscall number before anyone writes it.
 *
 * Both work on resolved profiles (profile_resolve): includes/excludes and
 * archMap are a function of the target, so the caller picks the target
 * first.  Verdicts come from bpf_decide's model (through a decider), with
 * the same bpf_compile_opts for every profile involved, so runc's ENOSYS
 * stub answers the same way on both sides.
 *
 * Ownership: each result struct owns its arrays and strings; free it with
 * its _free function.  Profiles and arch_info pointers are borrowed.
 */
#ifndef SC_EDIT_EDIT_H
#define SC_EDIT_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "bpf/bpf.h"
#include "profile/profile.h"
#include "util/error.h"

/* ALLOW and LOG let the call through (TRACE without a tracer does not). */
bool edit_ret_allows(uint32_t ret);
/* The seccomp_data a call of `arch` carries (x32 reports x86_64's
 * AUDIT_ARCH) and the numbers to ask about: every number the arch's table
 * names, x32's with the x32 bit.  Calls fn for each; stops at a non-zero
 * return and gives it back. */
int edit_for_each_syscall(const struct arch_info *arch,
			  int (*fn)(const struct arch_info *arch, uint32_t audit, uint32_t nr,
				    const char *name, void *data),
			  void *data);

/* ---- diff (diff.c) ---- */

/* One side's answer for one number, all arguments 0. */
struct edit_side {
	uint32_t ret;
	bool conditional; /* the answer depends on the arguments */
	/* Owned: the entries that decide it when conditional, canonical (runc's
	 * split of repeated indexes applied, conditions narrowed to the ABI's
	 * width, sorted, duplicates removed): "ALLOW when args[0] == 0x0;
	 * ...".  NULL when not conditional. */
	char *rules;
};

struct edit_diff_call {
	const char *name; /* the arch table's, static */
	uint32_t nr;	  /* as in seccomp_data.nr (x32 with the x32 bit) */
	struct edit_side a, b;
};

struct edit_diff_arch {
	const struct arch_info *arch;
	struct edit_diff_call *differ; /* owned, by number */
	size_t n_differ;
	size_t n_calls;			     /* numbers compared */
	size_t a_allowed, b_allowed;	     /* allowed with all arguments 0 */
	size_t a_conditional, b_conditional; /* answers that depend on arguments */
	size_t a_only_allowed, b_only_allowed;
};

struct edit_diff {
	struct edit_diff_arch *arches; /* owned */
	size_t n_arches;
	size_t n_differ; /* over all arches */
};

/* The ABIs a diff covers by default: the machine's (opts->native, or this
 * one's) first, then those of a and b in their order, each once, those
 * this machine's libseccomp knows.  *out is malloc'd. */
int edit_diff_default_arches(const struct profile *a, const struct profile *b,
			     const struct bpf_compile_opts *opts, const struct arch_info ***out,
			     size_t *n, struct sc_error *err);

/* Compare two resolved profiles on each of `arches`, every number of the
 * ABI's table.  A number differs when the verdicts (arguments 0) differ,
 * or when either side is conditional and the two sets of conditional
 * entries differ.  Returns 0 (out filled) or a negative errno. */
int edit_diff(const struct profile *a, const struct profile *b,
	      const struct arch_info *const *arches, size_t n_arches,
	      const struct bpf_compile_opts *opts, struct edit_diff *out, struct sc_error *err);
void edit_diff_free(struct edit_diff *d);

/* ---- merge (merge.c) ---- */

struct edit_merge_opts {
	/* The output's defaultAction.  Unset: every input must have the same
	 * one (errno included), else -EINVAL naming the two that differ. */
	bool set_default;
	enum profile_action default_action;
	uint32_t default_errno;	     /* ERRNO/TRACE data when set_default */
	struct bpf_compile_opts bpf; /* how the check asks every profile */
};

/* The union of resolved profiles, as canonical JSON (*out, malloc'd):
 *   - a name some input allows unconditionally is allowed unconditionally
 *     (ALLOW if any input uses ALLOW for it, else LOG);
 *   - else, a name some input allows only under conditions keeps the
 *     conditional entries of those inputs (identical ones once), and the
 *     denials of the inputs that never allow it are dropped (allow wins);
 *   - else (no input allows it) the first input's unconditional denial is
 *     kept, or every input's conditional denials (an outright denial when
 *     the output's default allows);
 *   - with o->set_default, conditional entries under an input default of
 *     the other kind (allow vs deny) cannot be carried over: -EINVAL;
 *   - architectures: the union, and the inputs must agree on it (an arch
 *     one input lacks is a bad arch there: the union cannot be written as
 *     one rule list), else -EINVAL;
 *   - flags: TSYNC, LOG and WAIT_KILLABLE_RECV when any input sets them;
 *     SPEC_ALLOW (it turns a mitigation off) only when all do;
 *   - listenerPath/listenerMetadata: must agree among the inputs that set
 *     them.
 * Then edit_merge_check() on the written text: nothing is returned that
 * allows what no input allows, or denies what one allows. */
int edit_merge(const struct profile *const *in, size_t n, const struct edit_merge_opts *o,
	       char **out, struct sc_error *err);

/* The merge's proof: on each ABI of `merged` (and the machine's), every
 * number of the table with arguments 0: merged allows it iff some input
 * does.  -EINVAL with the first counterexamples otherwise. */
int edit_merge_check(const struct profile *const *in, size_t n, const struct profile *merged,
		     const struct bpf_compile_opts *opts, struct sc_error *err);

#endif
