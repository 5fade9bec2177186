/* Semantic diff: what two resolved profiles make runc load, compared call
 * by call.  Text says nothing: two files can differ in every byte and mean
 * the same, or differ in one errnoRet and change every denial.  So each
 * number of each ABI's table is asked of both profiles (bpf_decide's model,
 * arguments 0), and where an answer depends on arguments, the conditional
 * entries deciding it are compared as canonical sets too: agreeing on
 * arguments 0 says little about clone(CLONE_NEWUSER). */
#include <errno.h>
#include <inttypes.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define X32_BIT 0x40000000u

bool edit_ret_allows(uint32_t ret)
{
	uint32_t a = bpf_ret_action(ret);

	return a == SECCOMP_RET_ALLOW || a == SECCOMP_RET_LOG;
}

int edit_for_each_syscall(const struct arch_info *arch,
			  int (*fn)(const struct arch_info *arch, uint32_t audit, uint32_t nr,
				    const char *name, void *data),
			  void *data)
{
	uint32_t audit = arch->token, base = 0;
	int max = arch_syscall_max(arch);

	/* x32 calls carry AUDIT_ARCH_X86_64 and the x32 bit in the number. */
	if (arch->token == SCMP_ARCH_X32) {
		audit = SCMP_ARCH_X86_64;
		base = X32_BIT;
	}
	for (int i = 0; i <= max; i++) {
		uint32_t nr = base + (uint32_t)i;
		const char *name = arch_syscall_name(arch, (int)nr);
		int rc;

		if (!name)
			continue;
		rc = fn(arch, audit, nr, name, data);
		if (rc)
			return rc;
	}
	return 0;
}

int edit_diff_default_arches(const struct profile *a, const struct profile *b,
			     const struct bpf_compile_opts *opts, const struct arch_info ***out,
			     size_t *n, struct sc_error *err)
{
	const struct arch_info **v = calloc(a->n_arches + b->n_arches + 1, sizeof(*v));
	const struct profile *sides[2] = {a, b};
	size_t k = 0;

	if (!v)
		return sc_error_set(err, -ENOMEM, "out of memory");
	v[k++] = opts && opts->native ? opts->native : arch_native();
	for (size_t s = 0; s < 2; s++)
		for (size_t i = 0; i < sides[s]->n_arches; i++) {
			const struct arch_info *x = sides[s]->arches[i];
			bool dup = !x->supported;

			for (size_t j = 0; j < k; j++)
				dup |= v[j] == x;
			if (!dup)
				v[k++] = x;
		}
	*out = v;
	*n = k;
	return 0;
}

static const char *op_text(enum profile_op op)
{
	static const char *const ops[OP__COUNT] = {
	    [OP_NE] = "!=", [OP_LT] = "<",  [OP_LE] = "<=",
	    [OP_EQ] = "==", [OP_GE] = ">=", [OP_GT] = ">",
	};

	return op < OP__COUNT && ops[op] ? ops[op] : "?";
}

/* One condition as the ABI compares it: the low 32 bits on 32-bit ABIs,
 * and MASKED_EQ's datum masked too, as libseccomp generates them. */
static char *cond_text(const struct profile_arg *a, unsigned bits)
{
	uint64_t w = bits == 32 ? 0xffffffffull : ~0ull;
	uint64_t v = a->value & w, v2 = (a->has_value_two ? a->value_two : 0) & w;
	char *s = NULL;
	int rc;

	if (a->op == OP_MASKED_EQ)
		rc = asprintf(&s, "args[%u] & 0x%" PRIx64 " == 0x%" PRIx64, a->index, v, v2 & v);
	else
		rc = asprintf(&s, "args[%u] %s 0x%" PRIx64, a->index, op_text(a->op), v);
	return rc < 0 ? NULL : s;
}

static int cmp_strp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

struct strv {
	char **v;
	size_t n, cap;
};

static int strv_push(struct strv *s, char *str)
{
	if (!str)
		return -ENOMEM;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (!v) {
			free(str);
			return -ENOMEM;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = str;
	return 0;
}

static void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Sorted, unique, joined with sep (the strings are consumed). */
static char *strv_join(struct strv *s, const char *sep)
{
	struct sc_strbuf b = {0};
	size_t k = 0;

	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_strp);
	for (size_t i = 0; i < s->n; i++) {
		if (k && strcmp(s->v[i], s->v[k - 1]) == 0)
			continue;
		sc_strbuf_printf(&b, "%s%s", k ? sep : "", s->v[i]);
		k++;
	}
	strv_free(s);
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return NULL;
	}
	return b.data ? sc_strbuf_steal(&b) : strdup("");
}

static bool names_nr(const struct profile_rule *r, const struct arch_info *arch, uint32_t nr)
{
	for (size_t i = 0; i < r->n_names; i++) {
		int got;

		if (arch_syscall_resolve(arch, r->names[i].name, &got) == ARCH_SYS_OK &&
		    (uint32_t)got == nr)
			return true;
	}
	return false;
}

static bool repeats_index(const struct profile_rule *r)
{
	for (size_t i = 0; i < r->n_args; i++)
		for (size_t j = i + 1; j < r->n_args; j++)
			if (r->args[i].index == r->args[j].index)
				return true;
	return false;
}

/* "ACTION when c && c" for conditions [from, to) of r, conditions sorted. */
static char *crule_text(const struct profile *p, const struct profile_rule *r, size_t from,
			size_t to, unsigned bits)
{
	struct strv conds = {0};
	_cleanup_free_ char *joined = NULL;
	char act[64], *s = NULL;

	for (size_t i = from; i < to; i++)
		if (strv_push(&conds, cond_text(&r->args[i], bits)) < 0) {
			strv_free(&conds);
			return NULL;
		}
	joined = strv_join(&conds, " && ");
	if (!joined)
		return NULL;
	bpf_ret_text(bpf_action_ret(r->action, profile_rule_errno(p, r)), act, sizeof(act));
	return asprintf(&s, "%s when %s", act, joined) < 0 ? NULL : s;
}

/* The conditional entries naming nr on arch, canonical (see edit.h).
 * Entries whose action equals the default are left out: runc drops them. */
static char *rules_text(const struct profile *p, const struct arch_info *arch, uint32_t nr)
{
	uint32_t def = bpf_action_ret(p->default_action, profile_default_errno(p));
	struct strv rules = {0};

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (!r->n_args || !names_nr(r, arch, nr) ||
		    bpf_action_ret(r->action, profile_rule_errno(p, r)) == def)
			continue;
		/* runc: an entry that repeats an index is one rule per condition */
		if (repeats_index(r)) {
			for (size_t k = 0; k < r->n_args; k++)
				if (strv_push(&rules, crule_text(p, r, k, k + 1, arch->bits)) < 0)
					goto oom;
		} else if (strv_push(&rules, crule_text(p, r, 0, r->n_args, arch->bits)) < 0) {
			goto oom;
		}
	}
	return strv_join(&rules, "; ");
oom:
	strv_free(&rules);
	return NULL;
}

struct diff_run {
	const struct profile *a, *b;
	const struct bpf_decider *da, *db;
	struct edit_diff_arch *out;
	size_t cap;
};

static int side(const struct profile *p, const struct bpf_decider *dc, const struct arch_info *arch,
		uint32_t audit, uint32_t nr, struct edit_side *out)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = audit};
	struct bpf_verdict v;

	bpf_decider_decide(dc, &d, &v);
	out->ret = v.ret;
	out->conditional = v.conditional;
	out->rules = NULL;
	if (v.conditional) {
		out->rules = rules_text(p, arch, nr);
		if (!out->rules)
			return -ENOMEM;
	}
	return 0;
}

static int diff_one(const struct arch_info *arch, uint32_t audit, uint32_t nr, const char *name,
		    void *data)
{
	struct diff_run *r = data;
	struct edit_diff_arch *o = r->out;
	struct edit_diff_call c = {.name = name, .nr = nr};
	bool aa, ba, differ;

	if (side(r->a, r->da, arch, audit, nr, &c.a) < 0 ||
	    side(r->b, r->db, arch, audit, nr, &c.b) < 0) {
		free(c.a.rules);
		return -ENOMEM;
	}
	aa = edit_ret_allows(c.a.ret);
	ba = edit_ret_allows(c.b.ret);
	o->n_calls++;
	o->a_allowed += aa;
	o->b_allowed += ba;
	o->a_conditional += c.a.conditional;
	o->b_conditional += c.b.conditional;
	differ = c.a.ret != c.b.ret ||
		 ((c.a.conditional || c.b.conditional) &&
		  strcmp(c.a.rules ? c.a.rules : "", c.b.rules ? c.b.rules : "") != 0);
	if (!differ) {
		free(c.a.rules);
		free(c.b.rules);
		return 0;
	}
	o->a_only_allowed += aa && !ba;
	o->b_only_allowed += ba && !aa;
	if (o->n_differ == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct edit_diff_call *v = realloc(o->differ, cap * sizeof(*v));

		if (!v) {
			free(c.a.rules);
			free(c.b.rules);
			return -ENOMEM;
		}
		o->differ = v;
		r->cap = cap;
	}
	o->differ[o->n_differ++] = c;
	return 0;
}

int edit_diff(const struct profile *a, const struct profile *b,
	      const struct arch_info *const *arches, size_t n_arches,
	      const struct bpf_compile_opts *opts, struct edit_diff *out, struct sc_error *err)
{
	_cleanup_(bpf_decider_freep) struct bpf_decider *da = NULL;
	_cleanup_(bpf_decider_freep) struct bpf_decider *db = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = bpf_decider_new(a, opts, &da, err);
	if (rc < 0)
		return sc_error_prefix(err, "%s: ", a->file);
	rc = bpf_decider_new(b, opts, &db, err);
	if (rc < 0)
		return sc_error_prefix(err, "%s: ", b->file);
	out->arches = calloc(n_arches ? n_arches : 1, sizeof(*out->arches));
	if (!out->arches)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n_arches; i++) {
		struct diff_run run = {.a = a, .b = b, .da = da, .db = db};

		out->n_arches++;
		run.out = &out->arches[i];
		run.out->arch = arches[i];
		rc = edit_for_each_syscall(arches[i], diff_one, &run);
		if (rc < 0) {
			edit_diff_free(out);
			return sc_error_set(err, rc, "out of memory");
		}
		out->n_differ += run.out->n_differ;
	}
	return 0;
}

void edit_diff_free(struct edit_diff *d)
{
	for (size_t i = 0; i < d->n_arches; i++) {
		for (size_t k = 0; k < d->arches[i].n_differ; k++) {
			free(d->arches[i].differ[k].a.rules);
			free(d->arches[i].differ[k].b.rules);
		}
		free(d->arches[i].differ);
	}
	free(d->arches);
	memset(d, 0, sizeof(*d));
}
