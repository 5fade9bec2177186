/* The meaning of a resolved profile per arch, as runc + libseccomp load it:
 * the one model both the native compiler (compile.c) and the reference
 * decisions (bpf_decide) are built on, so the program and `explain` cannot
 * tell different stories.  Internal to src/bpf. */
#ifndef SC_BPF_MODEL_H
#define SC_BPF_MODEL_H

#include "bpf/bpf.h"

/* One argument comparison, already narrowed to what the arch compares
 * (the low 32 bits on 32-bit arches, as libseccomp does). */
struct model_cond {
	unsigned index;
	enum profile_op op;
	uint64_t value, value_two; /* MASKED_EQ: value = mask, value_two = datum */
	const struct profile_arg *src;
};

/* A conditional rule: all conds true -> ret. */
struct model_crule {
	uint32_t ret;
	const struct profile_rule *rule;
	struct model_cond *conds; /* owned */
	size_t n_conds;
	unsigned rank; /* evaluation order: most restrictive action first */
};

/* Everything the profile says about one number of one arch. */
struct model_sys {
	uint32_t nr;
	const struct profile_rule *uncond; /* first unconditional non-dropped rule */
	uint32_t uncond_ret;
	struct model_crule *crules; /* owned, in evaluation order */
	size_t n_crules;
	bool mixed;	/* conditional rules with different actions: libseccomp's tree decides */
	size_t n_named; /* entries naming it (dropped ones included) */
};

/* One ABI in the filter. */
struct model_abi {
	const struct arch_info *arch;
	const struct profile_src *src; /* its entry in architectures, NULL if not listed */
	struct model_sys *sys;	       /* owned, sorted by nr once built */
	size_t n_sys, cap_sys;
	uint32_t *hash; /* while building: open addressing, nr -> index + 1 */
	size_t hash_size;
	bool stub;		 /* runc's ENOSYS stub has a limit for this ABI */
	bool pseudo_conditional; /* a conditional rule names a call absent on this ABI */
	uint32_t stub_max;	 /* numbers above it get ENOSYS */
};

/* One AUDIT_ARCH value the program dispatches on (x86_64 and x32 share one). */
struct model_section {
	uint32_t audit;
	struct model_abi *abi[2]; /* [0] = below the x32 bit (or the only ABI), [1] = x32 */
	bool stub_s390_zero;	  /* runc: s390(x) syscall 0 gets ENOSYS */
};

struct model {
	const struct profile *p;
	struct bpf_compile_opts opts;
	uint32_t def_ret;
	bool def_allow_type;	/* ALLOW, LOG, TRACE: no ENOSYS handling */
	bool mixed;		/* some number has conditional rules with different actions */
	struct model_abi *abis; /* owned */
	size_t n_abis;
	struct model_section *secs; /* owned; [0] is the native arch */
	size_t n_secs;
};

/* What a number gets before looking at arguments. */
enum model_kind {
	MK_CONST, /* ret, why, rule */
	MK_ARGS,  /* depends on arguments: sys */
};

struct model_class {
	enum model_kind kind;
	uint32_t ret;
	enum bpf_why why;
	const struct profile_rule *rule;
	const struct model_sys *sys;
	const struct arch_info *arch; /* the ABI that answers (NULL for a bad arch) */
};

int model_build(const struct profile *p, const struct bpf_compile_opts *opts, struct model *m,
		struct sc_error *err);
void model_free(struct model *m);

const struct model_section *model_section(const struct model *m, uint32_t audit);
/* The ABI a number of a section belongs to; NULL when it is a bad arch. */
const struct model_abi *model_abi_of(const struct model_section *s, uint32_t nr);
/* The class of a number in a section (constant on the intervals that
 * model_breakpoints() delimits). */
void model_classify(const struct model *m, const struct model_section *s, uint32_t nr,
		    struct model_class *out);
/* Sorted, unique numbers where the class may change (0 always first).
 * *out is malloc'd. */
int model_breakpoints(const struct model *m, const struct model_section *s, uint32_t **out,
		      size_t *n);
/* Evaluate a MK_ARGS number's rules on real arguments. */
void model_eval_args(const struct model *m, const struct model_section *s,
		     const struct model_sys *sys, const uint64_t args[6], struct bpf_verdict *out);

/* runc's refusals of NOTIFY (default action, `write`). */
int model_check_notify(const struct profile *p, struct sc_error *err);

#endif
