/* What a resolved profile means per arch and syscall number, as runc 1.1.5
 * with libseccomp 2.5.4 loads it.  The rules, each checked against
 * libseccomp's programs by the differential tests:
 *
 *  - the filter holds the machine's arch (seccomp_init) plus every listed
 *    one; any other AUDIT_ARCH gets libseccomp's bad-arch action,
 *    KILL_THREAD.  x86_64 and x32 share AUDIT_ARCH_X86_64 and, when both
 *    are in the filter, one table of numbers (x32's carry the x32 bit,
 *    1 << 30); with x86_64 alone, numbers from the x32 bit up are a bad
 *    arch, except -1 (0xffffffff); with x32 alone, those below it;
 *  - an entry whose action (errno included) equals the default is dropped;
 *    names are resolved per arch, unknown ones skipped;
 *  - the first unconditional entry for a number decides it, whatever
 *    conditional entries say (libseccomp keeps the first unconditional rule
 *    and discards argument chains under it);
 *  - conditional entries: all conditions of an entry must hold; an entry
 *    that repeats an argument index becomes one entry per condition (runc),
 *    so those conditions are ORed;
 *  - comparisons are unsigned 64-bit on 64-bit ABIs and on the low 32 bits
 *    of value and argument on 32-bit ABIs (x86, x32, arm, ...), as
 *    libseccomp generates them; MASKED_EQ is (arg & value) ==
 *    (valueTwo & value): libseccomp masks the datum too;
 *  - socket and SysV IPC calls on the arches that multiplex them (x86, ppc,
 *    s390, mips o32...) also match socketcall(2)/ipc(2) with the call
 *    number as argument 0, as libseccomp adds both; the entry's other
 *    conditions then apply, as libseccomp does it, to the multiplexer's
 *    own arguments at the same index (a condition on argument 0 gives way
 *    to the call number);
 *  - conditional entries with different actions on one number: libseccomp
 *    merges them into its argument tree node by node and refuses some
 *    combinations (EEXIST), which makes runc fail; whether it does is its
 *    own db code's business, so the model asks libseccomp (only for such
 *    profiles, and only for this machine's arch);
 *  - when conditional entries with different actions name the same number,
 *    libseccomp merges them into an argument tree whose shape depends on
 *    their order: it may answer with a later entry, or lose an entry
 *    altogether (fuzz_compile found one).  We answer the first matching
 *    entry in the kernel's order between actions (KILL_PROCESS,
 *    KILL_THREAD, TRAP, ERRNO, USER_NOTIF, TRACE, LOG, ALLOW: the most
 *    restrictive) and flag every verdict for such a number `ambiguous`
 *    (lint's SCP008 reports the profile);
 *  - ENOSYS (opts.enosys, only when the default is not ALLOW, LOG or
 *    TRACE): `runc` is runc's stub (numbers above the highest number the
 *    listed entries name for a listed arch, multiplexed names not counted,
 *    x86_64/x32 told apart by the x32 bit alone, s390(x) number 0 too);
 *    `kernel=X.Y` answers ENOSYS for numbers no entry names that are
 *    unassigned on the arch or belong to a syscall newer than X.Y.
 */
#include "bpf/model.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "util/cleanup.h"

#define X32_BIT 0x40000000u

uint32_t bpf_action_ret(enum profile_action a, uint32_t data)
{
	switch (a) {
	case ACT_KILL_THREAD: return SECCOMP_RET_KILL_THREAD;
	case ACT_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	case ACT_TRAP: return SECCOMP_RET_TRAP;
	case ACT_ERRNO: return SECCOMP_RET_ERRNO | (data & SECCOMP_RET_DATA);
	case ACT_TRACE: return SECCOMP_RET_TRACE | (data & SECCOMP_RET_DATA);
	case ACT_ALLOW: return SECCOMP_RET_ALLOW;
	case ACT_LOG: return SECCOMP_RET_LOG;
	case ACT_NOTIFY:
	case ACT__COUNT: break;
	}
	return SECCOMP_RET_USER_NOTIF;
}

static const char *src_or(const struct profile_src *s, const char *fallback)
{
	return s->path ? s->path : fallback;
}

int model_check_notify(const struct profile *p, struct sc_error *err)
{
	if (p->default_action == ACT_NOTIFY)
		return sc_error_set(err, -EINVAL,
				    "%s: SCMP_ACT_NOTIFY cannot be used as default action",
				    src_or(&p->default_src, "defaultAction"));
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (r->action != ACT_NOTIFY)
			continue;
		for (size_t n = 0; n < r->n_names; n++)
			if (strcmp(r->names[n].name, "write") == 0)
				return sc_error_set(
				    err, -EINVAL,
				    "%s: SCMP_ACT_NOTIFY cannot be used for the write syscall",
				    src_or(&r->names[n].src, "names"));
	}
	return 0;
}

/* The kernel's order between actions: lower is more restrictive. */
static int32_t restrictiveness(uint32_t ret)
{
	return (int32_t)(ret & SECCOMP_RET_ACTION_FULL);
}

static bool allow_type(enum profile_action a)
{
	return a == ACT_ALLOW || a == ACT_LOG || a == ACT_TRACE;
}

/* ---- building -------------------------------------------------------- */

static size_t hash_slot(uint32_t nr, size_t size)
{
	return (size_t)((nr * 2654435761u) >> 7) & (size - 1);
}

static int hash_grow(struct model_abi *abi)
{
	size_t size = abi->hash_size ? abi->hash_size * 2 : 1024;
	uint32_t *h = calloc(size, sizeof(*h));

	if (!h)
		return -ENOMEM;
	for (size_t i = 0; i < abi->n_sys; i++) {
		size_t k = hash_slot(abi->sys[i].nr, size);

		while (h[k])
			k = (k + 1) & (size - 1);
		h[k] = (uint32_t)i + 1;
	}
	free(abi->hash);
	abi->hash = h;
	abi->hash_size = size;
	return 0;
}

/* The entry of a number while building (entries stay in first-seen order
 * and are sorted once, in add_abi). */
static struct model_sys *sys_get(struct model_abi *abi, uint32_t nr)
{
	size_t k;

	if ((abi->n_sys + 1) * 2 > abi->hash_size && hash_grow(abi) < 0)
		return NULL;
	for (k = hash_slot(nr, abi->hash_size); abi->hash[k]; k = (k + 1) & (abi->hash_size - 1))
		if (abi->sys[abi->hash[k] - 1].nr == nr)
			return &abi->sys[abi->hash[k] - 1];
	if (abi->n_sys == abi->cap_sys) {
		size_t cap = abi->cap_sys ? abi->cap_sys * 2 : 256;
		struct model_sys *v = realloc(abi->sys, cap * sizeof(*v));

		if (!v)
			return NULL;
		abi->sys = v;
		abi->cap_sys = cap;
	}
	abi->hash[k] = (uint32_t)abi->n_sys + 1;
	memset(&abi->sys[abi->n_sys], 0, sizeof(abi->sys[0]));
	abi->sys[abi->n_sys].nr = nr;
	return &abi->sys[abi->n_sys++];
}

/* Sort the entries by number: the keys (number, position) go through
 * byte-wise counting passes, then the entries move once.  A profile's few
 * hundred entries per arch made qsort a quarter of compiling. */
static int sort_sys(struct model_abi *abi)
{
	size_t n = abi->n_sys, count[257];
	uint64_t *key = malloc(2 * (n ? n : 1) * sizeof(*key)), *tmp;
	struct model_sys *out = malloc((n ? n : 1) * sizeof(*out));
	uint32_t all = 0;

	if (!key || !out) {
		free(key);
		free(out);
		return -ENOMEM;
	}
	tmp = key + n;
	for (size_t i = 0; i < n; i++) {
		key[i] = (uint64_t)abi->sys[i].nr << 32 | i;
		all |= abi->sys[i].nr;
	}
	for (int shift = 32; shift < 64; shift += 8) {
		uint64_t *swap;

		if (!((all >> (shift - 32)) & 0xff))
			continue; /* every number has 0 in this byte */
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[((key[i] >> shift) & 0xff) + 1]++;
		for (size_t k = 1; k <= 256; k++)
			count[k] += count[k - 1];
		for (size_t i = 0; i < n; i++)
			tmp[count[(key[i] >> shift) & 0xff]++] = key[i];
		swap = key;
		key = tmp;
		tmp = swap;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = abi->sys[(uint32_t)key[i]];
	free(key < tmp ? key : tmp);
	free(abi->sys);
	abi->sys = out;
	abi->cap_sys = n;
	return 0;
}

static const struct model_sys *sys_find(const struct model_abi *abi, uint32_t nr)
{
	size_t lo = 0, hi = abi->n_sys;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (abi->sys[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < abi->n_sys && abi->sys[lo].nr == nr ? &abi->sys[lo] : NULL;
}

static uint64_t narrow(const struct arch_info *a, uint64_t v)
{
	return a->bits == 32 ? (uint32_t)v : v;
}

static int add_crule(struct model_sys *s, uint32_t ret, const struct profile_rule *r,
		     const struct model_cond *conds, size_t n)
{
	struct model_crule *v = realloc(s->crules, (s->n_crules + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	s->crules = v;
	v = &v[s->n_crules];
	memset(v, 0, sizeof(*v));
	v->conds = malloc(n * sizeof(*conds));
	if (!v->conds)
		return -ENOMEM;
	memcpy(v->conds, conds, n * sizeof(*conds));
	v->n_conds = n;
	v->ret = ret;
	v->rule = r;
	s->n_crules++;
	return 0;
}

static int cmp_cond(const void *a, const void *b)
{
	const struct model_cond *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->value_two != y->value_two)
		return x->value_two < y->value_two ? -1 : 1;
	return 0;
}

static void make_uncond(struct model_sys *s, const struct profile_rule *r, uint32_t ret)
{
	if (!s->uncond) {
		s->uncond = r;
		s->uncond_ret = ret;
	}
}

/* The conditions of one entry for one ABI, as separate rules when runc
 * splits them.  Through a multiplexer (mux_call > 0), libseccomp puts
 * "argument 0 == the call number" first and keeps the entry's other
 * conditions as they are, on the multiplexer's own arguments; a condition
 * on argument 0 gives way to the call number. */
static int add_conditional(struct model_sys *s, const struct arch_info *a,
			   const struct profile_rule *r, uint32_t ret, unsigned mux_call)
{
	struct model_cond conds[48];
	unsigned seen = 0;
	bool repeated = false;
	size_t n = 0, first = 0;
	bool always = false;

	if (r->n_args + 1 > SC_ARRAY_SIZE(conds))
		return -E2BIG;
	if (mux_call) {
		conds[n++] = (struct model_cond){.index = 0, .op = OP_EQ, .value = mux_call};
		first = 1;
	}
	for (size_t i = 0; i < r->n_args; i++) {
		const struct profile_arg *g = &r->args[i];

		if (seen & (1u << g->index))
			repeated = true;
		seen |= 1u << g->index;
		if (mux_call && g->index == 0)
			continue;
		conds[n++] = (struct model_cond){.index = g->index,
						 .op = g->op,
						 .value = narrow(a, g->value),
						 .value_two = narrow(a, g->value_two),
						 .src = g};
		/* libseccomp compares the datum under the mask too. */
		if (g->op == OP_MASKED_EQ)
			conds[n - 1].value_two &= conds[n - 1].value;
	}
	/* A MASKED_EQ with a zero mask always holds, and libseccomp leaves it
	 * out of the chain; a rule left with no condition is unconditional. */
	size_t kept = first;
	for (size_t i = first; i < n; i++)
		if (!(conds[i].op == OP_MASKED_EQ && conds[i].value == 0))
			conds[kept++] = conds[i];
		else if (repeated || kept == first)
			always = true;
	if (repeated && always && !mux_call) {
		make_uncond(s, r, ret);
		/* the other split rules stay, shadowed by the unconditional one */
	}
	n = kept;
	if (!repeated && n == 0) {
		make_uncond(s, r, ret);
		return 0;
	}
	if (repeated) {
		/* One rule per condition; through a multiplexer each keeps the
		 * call number test (a condition on argument 0 is only that). */
		bool index0 = mux_call && (seen & 1u);

		if ((index0 || always) && add_crule(s, ret, r, conds, 1) < 0)
			return -ENOMEM;
		for (size_t i = first; i < n; i++) {
			struct model_cond pair[2] = {conds[0], conds[i]};

			if (mux_call ? add_crule(s, ret, r, pair, 2) < 0
				     : add_crule(s, ret, r, &conds[i], 1) < 0)
				return -ENOMEM;
		}
		return 0;
	}
	if (n > 1)
		qsort(conds, n, sizeof(*conds), cmp_cond);
	return add_crule(s, ret, r, conds, n);
}

/* libseccomp's answer for a name on a multiplexing arch: -101..-120 are
 * socketcall(2) sub-calls, -201..-224 ipc(2) ones. */
static bool multiplexed(int raw, const char **mux, unsigned *call)
{
	if (raw <= -101 && raw >= -120) {
		*mux = "socketcall";
		*call = (unsigned)(-raw - 100);
		return true;
	}
	if (raw <= -201 && raw >= -224) {
		*mux = "ipc";
		*call = (unsigned)(-raw - 200);
		return true;
	}
	return false;
}

static int add_name(struct model_abi *abi, const struct profile_rule *r, const char *name,
		    uint32_t ret, bool dropped, struct sc_error *err)
{
	const struct arch_info *a = abi->arch;
	int raw = arch_syscall_raw(a, name), nr = -1, mux_nr = -1;
	const char *mux = NULL;
	unsigned call = 0;
	struct model_sys *s;

	if (raw > 0 && (uint32_t)raw > abi->stub_max)
		abi->stub_max = (uint32_t)raw; /* runc's findLastSyscalls */
	/* libseccomp keeps rules for a name absent on the arch (a pseudo
	 * number) and still merges their argument trees, so it can refuse
	 * them (EEXIST): let it decide, as for mixed actions below. */
	if (raw < 0 && raw != __NR_SCMP_ERROR && !dropped && r->n_args > 0 &&
	    !multiplexed(raw, &mux, &call))
		abi->pseudo_conditional = true;
	if (raw >= 0)
		nr = raw; /* what arch_syscall_resolve() answers too, without a second lookup */
	else if (raw > -1000 && arch_syscall_resolve(a, name, &nr) != ARCH_SYS_OK)
		nr = -1; /* multiplexed: the direct number, when the arch has one */
	if (multiplexed(raw, &mux, &call) && arch_syscall_resolve(a, mux, &mux_nr) == ARCH_SYS_OK) {
		s = sys_get(abi, (uint32_t)mux_nr);
		if (!s)
			return -ENOMEM;
		s->n_named++;
		if (!dropped && add_conditional(s, a, r, ret, call) < 0)
			return -ENOMEM;
	}
	if (nr < 0)
		return 0;
	s = sys_get(abi, (uint32_t)nr);
	if (!s)
		return -ENOMEM;
	s->n_named++;
	if (dropped)
		return 0;
	if (r->n_args == 0) {
		make_uncond(s, r, ret);
		return 0;
	}
	return add_conditional(s, a, r, ret, 0);
}

static int cmp_rank(const void *a, const void *b)
{
	const struct model_crule *x = a, *y = b;
	int32_t rx = restrictiveness(x->ret), ry = restrictiveness(y->ret);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Ranks the conditional rules for evaluation; says whether rules with
 * different actions meet on this number. */
static bool same_crule(const struct model_crule *x, const struct model_crule *y)
{
	if (x->ret != y->ret || x->n_conds != y->n_conds)
		return false;
	for (size_t i = 0; i < x->n_conds; i++)
		if (cmp_cond(&x->conds[i], &y->conds[i]) != 0)
			return false;
	return true;
}

static bool finish_sys(struct model_sys *s)
{
	bool mixed = false;
	size_t kept = 0;

	/* A rule repeated (a name listed twice, the same entry twice) adds
	 * nothing: libseccomp's tree merges it away. */
	for (size_t i = 0; i < s->n_crules; i++) {
		bool dup = false;

		for (size_t j = 0; j < kept && !dup; j++)
			dup = same_crule(&s->crules[j], &s->crules[i]);
		if (dup)
			free(s->crules[i].conds);
		else
			s->crules[kept++] = s->crules[i];
	}
	s->n_crules = kept;

	for (size_t i = 0; i < s->n_crules; i++) {
		s->crules[i].rank = (unsigned)i;
		mixed |= s->crules[i].ret != s->crules[0].ret;
	}
	if (s->n_crules > 1)
		qsort(s->crules, s->n_crules, sizeof(*s->crules), cmp_rank);
	s->mixed = mixed;
	return mixed;
}

static int add_abi(struct model *m, const struct arch_info *a, const struct profile_src *src,
		   struct sc_error *err)
{
	bool listed = src != NULL;
	const struct profile *p = m->p;
	struct model_abi *abi;

	for (size_t i = 0; i < m->n_abis; i++)
		if (m->abis[i].arch == a) {
			m->abis[i].stub = m->abis[i].stub || listed;
			if (!m->abis[i].src)
				m->abis[i].src = src;
			return 0;
		}
	if (!a->supported)
		return sc_error_set(err, -EINVAL,
				    "architecture %s: this machine's libseccomp does not know it, "
				    "so runc cannot load a filter for it",
				    a->oci);
	abi = &m->abis[m->n_abis++];
	memset(abi, 0, sizeof(*abi));
	abi->arch = a;
	abi->src = src;
	abi->stub = listed; /* runc's stub covers listed arches only */
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		uint32_t ret = bpf_action_ret(r->action, profile_rule_errno(p, r));

		for (size_t n = 0; n < r->n_names; n++) {
			int rc = add_name(abi, r, r->names[n].name, ret, ret == m->def_ret, err);

			if (rc == -ENOMEM)
				return sc_error_set(err, rc, "out of memory");
			if (rc < 0)
				return rc;
		}
	}
	free(abi->hash);
	abi->hash = NULL;
	abi->hash_size = 0;
	if (sort_sys(abi) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < abi->n_sys; i++)
		m->mixed |= finish_sys(&abi->sys[i]);
	m->mixed |= abi->pseudo_conditional;
	return 0;
}

static uint32_t audit_of(const struct arch_info *a)
{
	return a->token == SCMP_ARCH_X32 ? SCMP_ARCH_X86_64 : a->token;
}

static int add_sections(struct model *m, struct sc_error *err)
{
	m->secs = calloc(m->n_abis, sizeof(*m->secs));
	if (!m->secs)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < m->n_abis; i++) {
		struct model_abi *abi = &m->abis[i];
		uint32_t audit = audit_of(abi->arch);
		struct model_section *s = NULL;

		/* runc: no stub section for an arch whose entries name nothing. */
		if (abi->stub_max == 0)
			abi->stub = false;
		for (size_t j = 0; j < m->n_secs; j++)
			if (m->secs[j].audit == audit)
				s = &m->secs[j];
		if (!s) {
			s = &m->secs[m->n_secs++];
			s->audit = audit;
		}
		s->abi[abi->arch->token == SCMP_ARCH_X32 ? 1 : 0] = abi;
		if ((abi->arch->token == SCMP_ARCH_S390 || abi->arch->token == SCMP_ARCH_S390X) &&
		    abi->stub)
			s->stub_s390_zero = true;
	}
	return 0;
}

int model_build(const struct profile *p, const struct bpf_compile_opts *opts, struct model *m,
		struct sc_error *err)
{
	const struct arch_info *native;
	int rc;

	memset(m, 0, sizeof(*m));
	m->p = p;
	if (opts)
		m->opts = *opts;
	else
		bpf_compile_opts_default(&m->opts);
	native = m->opts.native ? m->opts.native : arch_native();
	if (!native)
		return sc_error_set(err, -EINVAL, "unknown native architecture");
	rc = model_check_notify(p, err);
	if (rc < 0)
		return rc;
	m->def_ret = bpf_action_ret(p->default_action, profile_default_errno(p));
	m->def_allow_type = allow_type(p->default_action);
	m->abis = calloc(p->n_arches + 1, sizeof(*m->abis));
	if (!m->abis)
		return sc_error_set(err, -ENOMEM, "out of memory");
	static const struct profile_src listed_src = {.path = "architectures"};

	rc = add_abi(m, native, NULL, err);
	for (size_t i = 0; rc == 0 && i < p->n_arches; i++)
		rc = add_abi(m, p->arches[i], p->arch_srcs ? &p->arch_srcs[i] : &listed_src, err);
	for (size_t i = 1; rc == 0 && i < m->n_abis; i++) {
		const struct model_abi *x = &m->abis[i];

		if (x->arch->big_endian != m->abis[0].arch->big_endian)
			rc = sc_error_set(
			    err, -EDOM,
			    "%s: %s cannot share a filter with %s (always in it on "
			    "this machine): one is big-endian, the other little-endian; "
			    "libseccomp refuses that (EDOM), so runc would fail",
			    x->src && x->src->path ? x->src->path : "architectures", x->arch->oci,
			    m->abis[0].arch->oci);
	}
	/* Conditional rules with different actions on one number: whether
	 * libseccomp takes them depends on how its argument tree merges them
	 * node by node (it refuses some with EEXIST, and then runc fails).
	 * Its db code is the definition, so ask it; with this machine's arch
	 * only, as that is what it can build. */
	if (rc == 0 && m->mixed && native == arch_native())
		rc = bpf_libseccomp_accepts_within(p, 5000, err) < 0
			 ? sc_error_prefix(err, "runc would fail: ")
			 : 0;
	if (rc == 0)
		rc = add_sections(m, err);
	if (rc < 0) {
		model_free(m);
		return rc;
	}
	return 0;
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->n_abis; i++) {
		struct model_abi *abi = &m->abis[i];

		for (size_t j = 0; j < abi->n_sys; j++) {
			for (size_t k = 0; k < abi->sys[j].n_crules; k++)
				free(abi->sys[j].crules[k].conds);
			free(abi->sys[j].crules);
		}
		free(abi->sys);
		free(abi->hash);
	}
	free(m->abis);
	free(m->secs);
	memset(m, 0, sizeof(*m));
}

/* ---- deciding -------------------------------------------------------- */

const struct model_section *model_section(const struct model *m, uint32_t audit)
{
	for (size_t i = 0; i < m->n_secs; i++)
		if (m->secs[i].audit == audit)
			return &m->secs[i];
	return NULL;
}

static bool enosys_on(const struct model *m, enum bpf_enosys mode)
{
	return m->opts.enosys == mode && !m->def_allow_type;
}

/* kernel=X.Y: a number no entry names, unassigned or newer than X.Y. */
static bool kernel_lacks(const struct model *m, const struct model_abi *abi, uint32_t nr)
{
	const char *name = nr <= INT32_MAX ? arch_syscall_name(abi->arch, (int)nr) : NULL;
	unsigned maj, min;

	if (!name)
		return true;
	if (arch_syscall_since(name, &maj, &min) < 0)
		return false; /* older than the table: every supported kernel has it */
	return maj > m->opts.kernel_major ||
	       (maj == m->opts.kernel_major && min > m->opts.kernel_minor);
}

const struct model_abi *model_abi_of(const struct model_section *s, uint32_t nr)
{
	if (s->audit != SCMP_ARCH_X86_64)
		return s->abi[0];
	if (s->abi[0] && s->abi[1])
		return (nr & X32_BIT) ? s->abi[1] : s->abi[0];
	if (s->abi[0]) /* libseccomp: x32 numbers are a bad arch, except -1 */
		return nr >= X32_BIT && nr != UINT32_MAX ? NULL : s->abi[0];
	return nr < X32_BIT ? NULL : s->abi[1];
}

void model_classify(const struct model *m, const struct model_section *s, uint32_t nr,
		    struct model_class *out)
{
	const struct model_abi *abi;
	const struct model_sys *sys;

	memset(out, 0, sizeof(*out));
	out->kind = MK_CONST;
	if (enosys_on(m, BPF_ENOSYS_RUNC)) {
		/* runc's stub runs first and tells x86_64 from x32 by the bit. */
		const struct model_abi *st = s->abi[0];

		if (s->audit == SCMP_ARCH_X86_64 && (nr & X32_BIT))
			st = s->abi[1];
		if ((s->stub_s390_zero && nr == 0) || (st && st->stub && nr > st->stub_max)) {
			out->ret = SECCOMP_RET_ERRNO | ENOSYS;
			out->why = BPF_WHY_ENOSYS;
			return;
		}
	}
	abi = model_abi_of(s, nr);
	if (!abi) {
		out->ret = SECCOMP_RET_KILL_THREAD;
		out->why = BPF_WHY_BADARCH;
		return;
	}
	out->arch = abi->arch;
	sys = sys_find(abi, nr);
	if (sys && sys->uncond) {
		out->ret = sys->uncond_ret;
		out->why = BPF_WHY_RULE;
		out->rule = sys->uncond;
		out->sys = sys;
		return;
	}
	if (sys && sys->n_crules) {
		out->kind = MK_ARGS;
		out->sys = sys;
		return;
	}
	out->sys = sys;
	if (enosys_on(m, BPF_ENOSYS_KERNEL) && !sys && kernel_lacks(m, abi, nr)) {
		out->ret = SECCOMP_RET_ERRNO | ENOSYS;
		out->why = BPF_WHY_ENOSYS;
		return;
	}
	out->ret = m->def_ret;
	out->why = BPF_WHY_DEFAULT;
}

struct u32vec {
	uint32_t *v;
	size_t n, cap;
};

static int push(struct u32vec *b, uint64_t x)
{
	if (x > UINT32_MAX)
		return 0;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		uint32_t *v = realloc(b->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = (uint32_t)x;
	return 0;
}

/* Sorted streams merged with duplicates dropped (no sort: each stream is
 * built in order, which keeps compiling cheap). */
static int merge_streams(struct u32vec *st, size_t n_st, uint32_t **out, size_t *n)
{
	size_t total = 0, k = 0, pos[8] = {0};
	uint32_t *v;

	for (size_t i = 0; i < n_st; i++)
		total += st[i].n;
	v = malloc((total ? total : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (;;) {
		size_t best = n_st;

		for (size_t i = 0; i < n_st; i++)
			if (pos[i] < st[i].n &&
			    (best == n_st || st[i].v[pos[i]] < st[best].v[pos[best]]))
				best = i;
		if (best == n_st)
			break;
		if (k == 0 || v[k - 1] != st[best].v[pos[best]])
			v[k++] = st[best].v[pos[best]];
		pos[best]++;
	}
	*out = v;
	*n = k;
	return 0;
}

int model_breakpoints(const struct model *m, const struct model_section *s, uint32_t **out,
		      size_t *n)
{
	/* [0] the fixed points, [1..2] each ABI's numbers, [3..4] kernel=X.Y */
	struct u32vec st[5] = {{0}};
	int rc = push(&st[0], 0);

	if (s->stub_s390_zero)
		rc |= push(&st[0], 1);
	for (int h = 0; h < 2; h++) {
		const struct model_abi *abi = s->abi[h];

		if (!abi)
			continue;
		for (size_t i = 0; i < abi->n_sys; i++) {
			rc |= push(&st[1 + h], abi->sys[i].nr);
			rc |= push(&st[1 + h], (uint64_t)abi->sys[i].nr + 1);
		}
		if (enosys_on(m, BPF_ENOSYS_KERNEL)) {
			int max = arch_syscall_max(abi->arch);
			uint32_t base = abi->arch->token == SCMP_ARCH_X32 ? X32_BIT : 0;

			for (int nr = 0; nr <= max; nr++)
				rc |= push(&st[3 + h], base + (uint32_t)nr);
			rc |= push(&st[3 + h], (uint64_t)base + (uint32_t)max + 1);
		}
	}
	/* the stub limits and the x32 edges, in order */
	{
		uint32_t extra[8];
		size_t ne = 0;

		for (int h = 0; h < 2; h++)
			if (s->abi[h] && s->abi[h]->stub) {
				extra[ne++] = s->abi[h]->stub_max + 1;
				if (s->audit == SCMP_ARCH_X86_64)
					extra[ne++] = s->abi[h]->stub_max + 1 + 0x80000000u;
			}
		if (s->audit == SCMP_ARCH_X86_64) {
			extra[ne++] = X32_BIT;
			extra[ne++] = 0x80000000u;
			extra[ne++] = 0xC0000000u;
			extra[ne++] = UINT32_MAX;
		}
		for (size_t i = 1; i < ne; i++)
			for (size_t j = i; j > 0 && extra[j - 1] > extra[j]; j--) {
				uint32_t t = extra[j];

				extra[j] = extra[j - 1];
				extra[j - 1] = t;
			}
		for (size_t i = 0; i < ne; i++)
			if (extra[i] > 1) /* 0 and 1 are already in */
				rc |= push(&st[0], extra[i]);
	}
	if (rc == 0)
		rc = merge_streams(st, 5, out, n);
	for (size_t i = 0; i < 5; i++)
		free(st[i].v);
	return rc < 0 ? -ENOMEM : 0;
}

static bool cond_true(const struct model_cond *c, unsigned bits, uint64_t arg)
{
	uint64_t a = bits == 32 ? (uint32_t)arg : arg;

	switch (c->op) {
	case OP_NE: return a != c->value;
	case OP_LT: return a < c->value;
	case OP_LE: return a <= c->value;
	case OP_EQ: return a == c->value;
	case OP_GE: return a >= c->value;
	case OP_GT: return a > c->value;
	case OP_MASKED_EQ: return (a & c->value) == c->value_two;
	case OP__COUNT: break;
	}
	return false;
}

void model_eval_args(const struct model *m, const struct model_section *s,
		     const struct model_sys *sys, const uint64_t args[6], struct bpf_verdict *out)
{
	const struct model_crule *win = NULL;
	unsigned bits = 64;

	for (int h = 0; h < 2; h++)
		if (s->abi[h] && sys >= s->abi[h]->sys && sys < s->abi[h]->sys + s->abi[h]->n_sys)
			bits = s->abi[h]->arch->bits;
	out->ambiguous = false;
	for (size_t i = 0; i < sys->n_crules; i++) {
		const struct model_crule *c = &sys->crules[i];
		bool all = true;

		for (size_t j = 0; j < c->n_conds && all; j++)
			all = cond_true(&c->conds[j], bits, args[c->conds[j].index]);
		if (!all)
			continue;
		if (!win)
			win = c;
	}
	/* libseccomp merges conditional rules into one argument tree; with
	 * different actions its shape depends on their order, and it answers
	 * accordingly (even losing a rule: the fuzzer found one dropped whole).
	 * Ours is the most restrictive matching rule; say that runc may differ. */
	out->ambiguous = sys->mixed && !sys->uncond;
	if (win) {
		out->ret = win->ret;
		out->why = BPF_WHY_RULE;
		out->rule = win->rule;
	} else {
		out->ret = m->def_ret;
		out->why = BPF_WHY_DEFAULT;
		out->rule = NULL;
	}
}
