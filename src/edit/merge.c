/* Merge: the union of resolved profiles, and its proof.
 *
 * The union is decided name by name (the rules in edit.h), then written as
 * JSON with the inputs' own entries (restricted to the names they keep),
 * read back, put in canonical form, read back again, and checked on every
 * number of every ABI against the inputs with the same model runc's
 * behaviour is checked with.  A merge that would let through one call no
 * input lets through, or stop one an input allows (arguments 0), is
 * refused, so a bug here costs a refusal, never a hole. */
#include <errno.h>
#include <inttypes.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define MAX_EXAMPLES 5

static uint32_t def_ret(const struct profile *p)
{
	return bpf_action_ret(p->default_action, profile_default_errno(p));
}

static uint32_t rule_ret(const struct profile *p, const struct profile_rule *r)
{
	return bpf_action_ret(r->action, profile_rule_errno(p, r));
}

static bool rule_names(const struct profile_rule *r, const char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0)
			return true;
	return false;
}

/* What one input does with one name (entries whose action equals the
 * default do not count: runc drops them). */
enum status {
	ST_ALLOW, /* unconditionally allowed (an entry, or an allow-type default) */
	ST_COND,  /* conditional entries decide it */
	ST_DENY,  /* unconditionally denied (an entry, or the default) */
};

struct name_status {
	enum status st;
	const struct profile_rule *uncond; /* the deciding unconditional entry, if any */
	bool allows_some;		   /* ST_COND: some arguments get through */
	bool plain_allow;		   /* ST_ALLOW through ALLOW (not LOG) */
};

static void status_of(const struct profile *p, const char *name, struct name_status *s)
{
	uint32_t def = def_ret(p);
	bool any_cond = false, cond_allow = false;

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		uint32_t ret;

		if (!rule_names(r, name))
			continue;
		ret = rule_ret(p, r);
		if (ret == def)
			continue;
		if (r->n_args) {
			any_cond = true;
			cond_allow |= edit_ret_allows(ret);
			continue;
		}
		/* the first unconditional entry decides, whatever else says */
		s->uncond = r;
		s->st = edit_ret_allows(ret) ? ST_ALLOW : ST_DENY;
		s->plain_allow = r->action == ACT_ALLOW;
		return;
	}
	if (any_cond) {
		s->st = ST_COND;
		s->allows_some = cond_allow || edit_ret_allows(def);
		return;
	}
	s->st = edit_ret_allows(def) ? ST_ALLOW : ST_DENY;
	s->plain_allow = p->default_action == ACT_ALLOW;
}

/* Output entries: an input's entry restricted to some names, or a made-up
 * unconditional one (rule NULL). */
struct group {
	const struct profile *p;	 /* the input of rule */
	const struct profile_rule *rule; /* borrowed; NULL: made up */
	enum profile_action action;	 /* made up: action and errno */
	uint32_t errno_ret;
	const char **names; /* borrowed strings */
	size_t n_names;
};

struct plan {
	struct group *g;
	size_t n;
};

static void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->g[i].names);
	free(pl->g);
}

static bool same_args(const struct profile_rule *a, const struct profile_rule *b)
{
	if (a->n_args != b->n_args)
		return false;
	for (size_t i = 0; i < a->n_args; i++) {
		const struct profile_arg *x = &a->args[i], *y = &b->args[i];

		if (x->index != y->index || x->op != y->op || x->value != y->value ||
		    (x->has_value_two ? x->value_two : 0) != (y->has_value_two ? y->value_two : 0))
			return false;
	}
	return true;
}

static bool group_has(const struct group *g, const char *name)
{
	for (size_t i = 0; i < g->n_names; i++)
		if (strcmp(g->names[i], name) == 0)
			return true;
	return false;
}

static int plan_add(struct plan *pl, const struct profile *p, const struct profile_rule *r,
		    enum profile_action act, uint32_t errno_ret, const char *name)
{
	struct group *g = NULL;
	const char **v;

	for (size_t i = 0; i < pl->n; i++) {
		struct group *x = &pl->g[i];

		if (r && x->rule && x->rule != r && group_has(x, name) &&
		    rule_ret(x->p, x->rule) == rule_ret(p, r) && same_args(x->rule, r))
			return 0; /* an identical entry from another input already has it */
		if (r ? x->rule == r : !x->rule && x->action == act && x->errno_ret == errno_ret)
			g = x;
	}
	if (!g) {
		struct group *ng = realloc(pl->g, (pl->n + 1) * sizeof(*ng));

		if (!ng)
			return -ENOMEM;
		pl->g = ng;
		g = &pl->g[pl->n++];
		*g = (struct group){.p = p, .rule = r, .action = act, .errno_ret = errno_ret};
	}
	v = realloc(g->names, (g->n_names + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	g->names = v;
	g->names[g->n_names++] = name;
	return 0;
}

/* Every conditional (non-dropped) entry of p naming name. */
static int add_conditional(struct plan *pl, const struct profile *p, const char *name)
{
	uint32_t def = def_ret(p);

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (r->n_args && rule_names(r, name) && rule_ret(p, r) != def &&
		    plan_add(pl, p, r, r->action, 0, name) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* Conditional entries keep their meaning only under a default of the same
 * kind: an allow-type default makes "allow when C" say nothing, and a
 * deny-type one turns a denylist's "deny when C" into "always deny".
 * Neither can be rewritten as entries, so merge says so. */
static int check_cond_default(const struct profile *p, const char *name, uint32_t out_def,
			      struct sc_error *err)
{
	char a[64], b[64];

	if (edit_ret_allows(def_ret(p)) == edit_ret_allows(out_def))
		return 0;
	bpf_ret_text(def_ret(p), a, sizeof(a));
	bpf_ret_text(out_def, b, sizeof(b));
	return sc_error_set(err, -EINVAL,
			    "%s: %s decides it by argument conditions under its default %s, "
			    "which the result's default %s cannot express (entries cannot say "
			    "\"%s unless\"): choose a --default-action of the same kind as %s's",
			    name, p->file, a, b, edit_ret_allows(out_def) ? "deny" : "allow",
			    p->file);
}

static int decide_name(struct plan *pl, const struct profile *const *in, size_t n, uint32_t out_def,
		       const char *name, struct sc_error *err)
{
	struct name_status st[n];
	bool any_allow = false, any_plain = false, any_cond_allow = false;
	int rc;

	for (size_t i = 0; i < n; i++) {
		status_of(in[i], name, &st[i]);
		any_allow |= st[i].st == ST_ALLOW;
		any_plain |= st[i].st == ST_ALLOW && st[i].plain_allow;
		any_cond_allow |= st[i].st == ST_COND && st[i].allows_some;
	}
	if (any_allow) {
		enum profile_action act = any_plain ? ACT_ALLOW : ACT_LOG;

		return bpf_action_ret(act, 0) == out_def ? 0
							 : plan_add(pl, NULL, NULL, act, 0, name);
	}
	if (any_cond_allow) {
		/* allow wins: the inputs that never allow it have no say */
		for (size_t i = 0; i < n; i++) {
			if (st[i].st != ST_COND || !st[i].allows_some)
				continue;
			rc = check_cond_default(in[i], name, out_def, err);
			if (rc == 0)
				rc = add_conditional(pl, in[i], name);
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	/* No input allows it (every default here is a denial). */
	for (size_t i = 0; i < n; i++)
		if (st[i].uncond)
			return plan_add(pl, in[i], st[i].uncond, st[i].uncond->action, 0, name);
	if (edit_ret_allows(out_def))
		/* conditional denials under an allowing default would let the
		 * rest through: deny it outright, as the first input's default */
		return plan_add(pl, NULL, NULL, in[0]->default_action, profile_default_errno(in[0]),
				name);
	for (size_t i = 0; i < n; i++)
		if (st[i].st == ST_COND && add_conditional(pl, in[i], name) < 0)
			return -ENOMEM;
	return 0;
}

/* ---- names to decide ---- */

struct names {
	const char **v;
	size_t n, cap;
};

static int names_push(struct names *s, const char *name)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 512;
		const char **v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = name;
	return 0;
}

static int push_table_name(const struct arch_info *arch, uint32_t audit, uint32_t nr,
			   const char *name, void *data)
{
	return names_push(data, name);
}

static int cmp_strp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names entries mention, and, when an input's default differs from
 * the output's, every name of the ABIs' tables (the default then says
 * something the output must spell out). */
static int collect_names(const struct profile *const *in, size_t n, uint32_t out_def,
			 const struct arch_info *const *arches, size_t n_arches, struct names *s)
{
	bool tables = false;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		tables |= def_ret(in[i]) != out_def;
		for (size_t r = 0; r < in[i]->n_rules; r++)
			for (size_t j = 0; j < in[i]->rules[r].n_names; j++)
				if (names_push(s, in[i]->rules[r].names[j].name) < 0)
					return -ENOMEM;
	}
	for (size_t a = 0; tables && a < n_arches; a++)
		if (edit_for_each_syscall(arches[a], push_table_name, s) < 0)
			return -ENOMEM;
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_strp);
	for (size_t i = 0; i < s->n; i++)
		if (!k || strcmp(s->v[k - 1], s->v[i]) != 0)
			s->v[k++] = s->v[i];
	s->n = k;
	return 0;
}

/* ---- agreement among the inputs ---- */

static bool has_arch(const struct profile *p, const struct arch_info *a)
{
	for (size_t i = 0; i < p->n_arches; i++)
		if (p->arches[i] == a)
			return true;
	return false;
}

static void arch_list(struct sc_strbuf *b, const struct profile *p)
{
	for (size_t i = 0; i < p->n_arches; i++)
		sc_strbuf_printf(b, "%s%s", i ? ", " : "", p->arches[i]->oci);
	if (!p->n_arches)
		sc_strbuf_puts(b, "none");
}

static int check_arches(const struct profile *const *in, size_t n, const struct arch_info *native,
			struct sc_error *err)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = 0; j < 2; j++) {
			const struct profile *x = j ? in[0] : in[i], *y = j ? in[i] : in[0];

			for (size_t k = 0; k < x->n_arches; k++) {
				const struct arch_info *a = x->arches[k];
				struct sc_strbuf b = {0};
				int rc;

				if (a == native || has_arch(y, a))
					continue;
				sc_strbuf_puts(&b, "");
				arch_list(&b, y);
				rc = sc_error_set(
				    err, -EINVAL,
				    "%s lists %s and %s does not (it has %s): on %s the union "
				    "would allow what only %s allows, while %s kills every call "
				    "there. Give every input the same architectures (add %s to "
				    "%s, or remove it from %s)",
				    x->file, a->oci, y->file, b.data ? b.data : "?", a->name,
				    x->file, y->file, a->oci, y->file, x->file);
				sc_strbuf_free(&b);
				return rc;
			}
		}
	return 0;
}

static int check_defaults(const struct profile *const *in, size_t n, struct sc_error *err)
{
	for (size_t i = 1; i < n; i++) {
		char a[64], b[64];

		if (def_ret(in[i]) == def_ret(in[0]))
			continue;
		bpf_ret_text(def_ret(in[0]), a, sizeof(a));
		bpf_ret_text(def_ret(in[i]), b, sizeof(b));
		return sc_error_set(err, -EINVAL,
				    "the inputs' default actions differ: %s has %s, %s has %s. "
				    "The union of an allowlist and a denylist is not either one: "
				    "choose the result's default with --default-action (e.g. "
				    "--default-action %s), and the merge spells out the rest",
				    in[0]->file, a, in[i]->file, b,
				    profile_action_name(in[0]->default_action));
	}
	return 0;
}

static const char *opt_str_agree(const struct profile *const *in, size_t n, size_t off,
				 const char **first_file, const char **other_file)
{
	const char *v = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *s = *(const char *const *)((const char *)in[i] + off);

		if (!s)
			continue;
		if (v && strcmp(v, s) != 0) {
			*other_file = in[i]->file;
			return NULL;
		}
		if (!v)
			*first_file = in[i]->file;
		v = s;
	}
	return v;
}

/* ---- writing ---- */

static void put_rule(struct sc_strbuf *b, const struct group *g, bool first)
{
	const struct profile_rule *r = g->rule;
	enum profile_action act = r ? r->action : g->action;

	sc_strbuf_puts(b, first ? "\n    {\"names\": [" : ",\n    {\"names\": [");
	for (size_t i = 0; i < g->n_names; i++) {
		if (i)
			sc_strbuf_puts(b, ", ");
		sc_strbuf_json_string(b, g->names[i], strlen(g->names[i]));
	}
	sc_strbuf_printf(b, "], \"action\": \"%s\"", profile_action_name(act));
	if (r && (r->has_errno || r->errno_name))
		sc_strbuf_printf(b, ", \"errnoRet\": %" PRIu32, profile_rule_errno(g->p, r));
	else if (!r && (act == ACT_ERRNO || act == ACT_TRACE))
		sc_strbuf_printf(b, ", \"errnoRet\": %" PRIu32, g->errno_ret);
	if (r && r->n_args) {
		sc_strbuf_puts(b, ", \"args\": [");
		for (size_t i = 0; i < r->n_args; i++) {
			const struct profile_arg *a = &r->args[i];

			sc_strbuf_printf(b,
					 "%s{\"index\": %u, \"value\": %" PRIu64
					 ", \"valueTwo\": %" PRIu64 ", \"op\": \"%s\"}",
					 i ? ", " : "", a->index, a->value,
					 a->has_value_two ? a->value_two : 0,
					 profile_op_name(a->op));
		}
		sc_strbuf_putc(b, ']');
	}
	if (r && r->comment && r->comment[0]) {
		sc_strbuf_puts(b, ", \"comment\": ");
		sc_strbuf_json_string(b, r->comment, strlen(r->comment));
	}
	sc_strbuf_putc(b, '}');
}

static void put_header(struct sc_strbuf *b, const struct profile *const *in, size_t n,
		       enum profile_action act, uint32_t errno_ret, bool has_errno,
		       const char *listener, const char *metadata)
{
	unsigned any = 0, all = ~0u;
	bool has_flags = false, first = true;

	sc_strbuf_printf(b, "{\n  \"defaultAction\": \"%s\"", profile_action_name(act));
	if (has_errno)
		sc_strbuf_printf(b, ",\n  \"defaultErrnoRet\": %" PRIu32, errno_ret);
	sc_strbuf_puts(b, ",\n  \"architectures\": [");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < in[i]->n_arches; k++) {
			bool seen = false;

			for (size_t j = 0; j < i; j++)
				seen |= has_arch(in[j], in[i]->arches[k]);
			for (size_t j = 0; j < k; j++)
				seen |= in[i]->arches[j] == in[i]->arches[k];
			if (seen)
				continue;
			sc_strbuf_printf(b, "%s\"%s\"", first ? "" : ", ", in[i]->arches[k]->oci);
			first = false;
		}
	sc_strbuf_putc(b, ']');
	for (size_t i = 0; i < n; i++) {
		any |= in[i]->flags;
		all &= in[i]->flags;
		has_flags |= in[i]->has_flags;
	}
	/* SPEC_ALLOW turns off a speculation mitigation: only if all ask */
	any = (any & ~(unsigned)FLAG_SPEC_ALLOW) | (all & FLAG_SPEC_ALLOW);
	if (has_flags) {
		first = true;
		sc_strbuf_puts(b, ",\n  \"flags\": [");
		for (unsigned f = 1; f && f <= FLAG_WAIT_KILLABLE_RECV; f <<= 1)
			if (any & f) {
				sc_strbuf_printf(b, "%s\"%s\"", first ? "" : ", ",
						 profile_flag_name((enum profile_flag)f));
				first = false;
			}
		sc_strbuf_putc(b, ']');
	}
	if (listener) {
		sc_strbuf_puts(b, ",\n  \"listenerPath\": ");
		sc_strbuf_json_string(b, listener, strlen(listener));
	}
	if (metadata) {
		sc_strbuf_puts(b, ",\n  \"listenerMetadata\": ");
		sc_strbuf_json_string(b, metadata, strlen(metadata));
	}
}

/* The merged file as JSON (not yet canonical). */
static int write_plan(const struct profile *const *in, size_t n, const struct edit_merge_opts *o,
		      const struct plan *pl, char **out, struct sc_error *err)
{
	const char *f1 = NULL, *f2 = NULL, *listener, *metadata;
	enum profile_action act = o->set_default ? o->default_action : in[0]->default_action;
	uint32_t errno_ret = o->set_default ? o->default_errno : profile_default_errno(in[0]);
	bool has_errno = o->set_default ? act == ACT_ERRNO || act == ACT_TRACE : false;
	struct sc_strbuf b = {0};

	for (size_t i = 0; !o->set_default && i < n; i++)
		has_errno |= in[i]->has_default_errno || in[i]->default_errno_name;
	listener = opt_str_agree(in, n, offsetof(struct profile, listener_path), &f1, &f2);
	if (!listener && f2)
		return sc_error_set(err, -EINVAL,
				    "%s and %s give different listenerPath values: a profile has "
				    "one listener; merge inputs that agree on it",
				    f1, f2);
	f1 = f2 = NULL;
	metadata = opt_str_agree(in, n, offsetof(struct profile, listener_metadata), &f1, &f2);
	if (!metadata && f2)
		return sc_error_set(err, -EINVAL,
				    "%s and %s give different listenerMetadata values; merge "
				    "inputs that agree on it",
				    f1, f2);
	put_header(&b, in, n, act, errno_ret, has_errno, listener, metadata);
	sc_strbuf_puts(&b, ",\n  \"syscalls\": [");
	for (size_t i = 0; i < pl->n; i++)
		put_rule(&b, &pl->g[i], i == 0);
	sc_strbuf_puts(&b, "\n  ]\n}\n");
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	*out = sc_strbuf_steal(&b);
	return 0;
}

/* ---- the proof ---- */

struct check_run {
	const struct bpf_decider *const *din;
	const struct profile *const *in;
	size_t n;
	const struct bpf_decider *dout;
	struct sc_strbuf *msg;
	size_t bad;
};

static int check_one(const struct arch_info *arch, uint32_t audit, uint32_t nr, const char *name,
		     void *data)
{
	struct check_run *c = data;
	struct seccomp_data d = {.nr = (int)nr, .arch = audit};
	struct bpf_verdict v;
	size_t who = c->n;
	bool out;

	for (size_t i = 0; i < c->n && who == c->n; i++) {
		bpf_decider_decide(c->din[i], &d, &v);
		if (edit_ret_allows(v.ret))
			who = i;
	}
	bpf_decider_decide(c->dout, &d, &v);
	out = edit_ret_allows(v.ret);
	if (out == (who < c->n))
		return 0;
	if (c->bad++ < MAX_EXAMPLES) {
		if (out)
			sc_strbuf_printf(c->msg,
					 "%s%s (%s, nr %" PRIu32 ") would be allowed, and no "
					 "input allows it",
					 c->bad > 1 ? "; " : "", name, arch->name, nr);
		else
			sc_strbuf_printf(c->msg,
					 "%s%s (%s, nr %" PRIu32 ") would be denied, and %s "
					 "allows it",
					 c->bad > 1 ? "; " : "", name, arch->name, nr,
					 c->in[who]->file);
	}
	return 0;
}

int edit_merge_check(const struct profile *const *in, size_t n, const struct profile *merged,
		     const struct bpf_compile_opts *opts, struct sc_error *err)
{
	struct bpf_decider **din = calloc(n ? n : 1, sizeof(*din));
	_cleanup_(bpf_decider_freep) struct bpf_decider *dout = NULL;
	const struct arch_info *native = opts && opts->native ? opts->native : arch_native();
	struct sc_strbuf msg = {0};
	struct check_run c = {.in = in, .n = n, .msg = &msg};
	int rc = 0;

	if (!din)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = bpf_decider_new(in[i], opts, &din[i], err);
		if (rc < 0)
			sc_error_prefix(err, "%s: ", in[i]->file);
	}
	if (rc == 0)
		rc = bpf_decider_new(merged, opts, &dout, err);
	c.din = (const struct bpf_decider *const *)din;
	c.dout = dout;
	for (size_t a = 0; rc == 0 && a <= merged->n_arches; a++) {
		const struct arch_info *arch = a ? merged->arches[a - 1] : native;

		if (a && (arch == native || !arch->supported))
			continue;
		rc = edit_for_each_syscall(arch, check_one, &c);
	}
	for (size_t i = 0; i < n; i++)
		bpf_decider_free(din[i]);
	free(din);
	if (rc == 0 && c.bad)
		rc = sc_error_set(err, -EINVAL,
				  "refusing the merge: %zu syscall verdict%s would not be the "
				  "union of the inputs': %s%s. This is a limit of merge (e.g. "
				  "conditional entries under a different default), not of the "
				  "inputs: merge them by hand, or choose another --default-action",
				  c.bad, c.bad == 1 ? "" : "s", msg.data ? msg.data : "",
				  c.bad > MAX_EXAMPLES ? "; ..." : "");
	sc_strbuf_free(&msg);
	return rc;
}

int edit_merge(const struct profile *const *in, size_t n, const struct edit_merge_opts *o,
	       char **out, struct sc_error *err)
{
	const struct arch_info *native = o->bpf.native ? o->bpf.native : arch_native();
	_cleanup_(profile_freep) struct profile *merged = NULL;
	_cleanup_(profile_freep) struct profile *final = NULL;
	_cleanup_free_ char *text = NULL;
	_cleanup_free_ char *canon = NULL;
	_cleanup_free_ const struct arch_info **arches = NULL;
	struct names names = {0};
	struct plan pl = {0};
	uint32_t out_def;
	size_t n_arches = 0;
	int rc;

	*out = NULL;
	if (n == 0)
		return sc_error_set(err, -EINVAL, "nothing to merge: give at least one profile");
	if (!o->set_default && (rc = check_defaults(in, n, err)) < 0)
		return rc;
	rc = check_arches(in, n, native, err);
	if (rc < 0)
		return rc;
	out_def =
	    o->set_default ? bpf_action_ret(o->default_action, o->default_errno) : def_ret(in[0]);
	arches = calloc(in[0]->n_arches + 1, sizeof(*arches));
	if (!arches)
		return sc_error_set(err, -ENOMEM, "out of memory");
	arches[n_arches++] = native;
	for (size_t i = 0; i < in[0]->n_arches; i++)
		if (in[0]->arches[i] != native && in[0]->arches[i]->supported)
			arches[n_arches++] = in[0]->arches[i];
	rc = collect_names(in, n, out_def, arches, n_arches, &names);
	for (size_t i = 0; rc == 0 && i < names.n; i++)
		rc = decide_name(&pl, in, n, out_def, names.v[i], err);
	free(names.v);
	if (rc < 0) {
		plan_free(&pl);
		return rc == -ENOMEM ? sc_error_set(err, rc, "out of memory") : rc;
	}
	rc = write_plan(in, n, o, &pl, &text, err);
	plan_free(&pl);
	if (rc < 0)
		return rc;
	/* What is checked is what is written: the canonical text, read back. */
	rc = profile_read_buffer(text, strlen(text), "merged profile", &merged, NULL, err);
	if (rc == 0)
		rc = profile_write_canonical(merged, &canon, err);
	if (rc == 0)
		rc = profile_read_buffer(canon, strlen(canon), "merged profile", &final, NULL, err);
	if (rc < 0)
		return sc_error_prefix(err,
				       "internal error, the merged profile does not read back: ");
	rc = edit_merge_check(in, n, final, &o->bpf, err);
	if (rc < 0)
		return rc;
	*out = steal_ptr(&canon);
	return 0;
}
