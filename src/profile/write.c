/* The canonical form of a profile (`fmt`).
 *
 * Same meaning, one spelling:
 *   - keys in runtime-spec order; "name" becomes "names";
 *   - entries with the same action, errno, conditions, includes/excludes
 *     and comment are merged, their names sorted and de-duplicated;
 *   - entries are sorted by action, then by their first name;
 *   - null and empty optional fields are dropped; valueTwo is written only
 *     for SCMP_CMP_MASKED_EQ or when non-zero.
 * Reordering is safe when no name has entries with different actions one
 * of which is unconditional: libseccomp builds one decision tree per
 * syscall whatever the order rules were added in, and a syscall given two
 * actions under the same conditions fails to load in every order (lint
 * SCP008).  But where an unconditional entry and another entry with a
 * different action name the same call, the first unconditional one decides
 * (runc adds them in file order, and includes/excludes decide which survive
 * resolution): such a profile keeps its entries in file order, unmerged,
 * only their names sorted (the containers' default is one: setns).
 * Argument conditions keep their order and repeats: runc and crun turn an
 * entry with a repeated index into one rule per condition, so removing a
 * "duplicate" condition would change the meaning.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile.h"
#include "util/strbuf.h"

struct group {
	const struct profile_rule *rule; /* first member: action, args, ... */
	const char **names;		 /* borrowed from the profile */
	size_t n_names, cap;
};

static int cmp_str_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return na < nb ? -1 : 1;
	for (size_t i = 0; i < na; i++) {
		int c = strcmp(a[i], b[i]);

		if (c)
			return c;
	}
	return 0;
}

static int cmp_cond(const struct profile_cond *a, const struct profile_cond *b)
{
	int c = cmp_str_list(a->arches, a->n_arches, b->arches, b->n_arches);

	if (c)
		return c;
	c = cmp_str_list(a->caps, a->n_caps, b->caps, b->n_caps);
	if (c)
		return c;
	if (a->has_min_kernel != b->has_min_kernel)
		return a->has_min_kernel ? 1 : -1;
	if (a->min_major != b->min_major)
		return a->min_major < b->min_major ? -1 : 1;
	if (a->min_minor != b->min_minor)
		return a->min_minor < b->min_minor ? -1 : 1;
	return 0;
}

static int cmp_opt_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static uint64_t eff_value_two(const struct profile_arg *a)
{
	return a->has_value_two ? a->value_two : 0;
}

/* Order of meaning: everything but the names. */
static int cmp_rule_key(const struct profile_rule *a, const struct profile_rule *b)
{
	int c;

	if (a->action != b->action)
		return a->action < b->action ? -1 : 1;
	if (a->has_errno != b->has_errno)
		return a->has_errno ? 1 : -1;
	if (a->errno_ret != b->errno_ret)
		return a->errno_ret < b->errno_ret ? -1 : 1;
	if (a->n_args != b->n_args)
		return a->n_args < b->n_args ? -1 : 1;
	for (size_t i = 0; i < a->n_args; i++) {
		const struct profile_arg *x = &a->args[i], *y = &b->args[i];

		if (x->index != y->index)
			return x->index < y->index ? -1 : 1;
		if (x->op != y->op)
			return x->op < y->op ? -1 : 1;
		if (x->value != y->value)
			return x->value < y->value ? -1 : 1;
		if (eff_value_two(x) != eff_value_two(y))
			return eff_value_two(x) < eff_value_two(y) ? -1 : 1;
	}
	c = cmp_cond(&a->includes, &b->includes);
	if (c)
		return c;
	c = cmp_cond(&a->excludes, &b->excludes);
	if (c)
		return c;
	c = cmp_opt_str(a->errno_name, b->errno_name);
	if (c)
		return c;
	return cmp_opt_str(a->comment && a->comment[0] ? a->comment : NULL,
			   b->comment && b->comment[0] ? b->comment : NULL);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->rule->action != y->rule->action)
		return x->rule->action < y->rule->action ? -1 : 1;
	if (x->n_names && y->n_names) {
		int c = strcmp(x->names[0], y->names[0]);

		if (c)
			return c;
	}
	return cmp_rule_key(x->rule, y->rule);
}

static void indent(struct sc_strbuf *b, int level)
{
	for (int i = 0; i < level; i++)
		sc_strbuf_puts(b, "  ");
}

static void put_key(struct sc_strbuf *b, int level, const char *key, bool *first)
{
	if (!*first)
		sc_strbuf_putc(b, ',');
	sc_strbuf_putc(b, '\n');
	*first = false;
	indent(b, level);
	sc_strbuf_json_string(b, key, strlen(key));
	sc_strbuf_puts(b, ": ");
}

static void put_str(struct sc_strbuf *b, const char *s)
{
	sc_strbuf_json_string(b, s, strlen(s));
}

static void put_str_array(struct sc_strbuf *b, int level, const char *const *items, size_t n)
{
	if (n == 0) {
		sc_strbuf_puts(b, "[]");
		return;
	}
	sc_strbuf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		sc_strbuf_puts(b, i ? ",\n" : "\n");
		indent(b, level + 1);
		put_str(b, items[i]);
	}
	sc_strbuf_putc(b, '\n');
	indent(b, level);
	sc_strbuf_putc(b, ']');
}

static void put_cond(struct sc_strbuf *b, int level, const char *key, const struct profile_cond *c,
		     bool *first)
{
	bool f = true;

	if (!c->n_arches && !c->n_caps && !c->has_min_kernel)
		return;
	put_key(b, level, key, first);
	sc_strbuf_putc(b, '{');
	if (c->n_arches) {
		put_key(b, level + 1, "arches", &f);
		put_str_array(b, level + 1, (const char *const *)c->arches, c->n_arches);
	}
	if (c->n_caps) {
		put_key(b, level + 1, "caps", &f);
		put_str_array(b, level + 1, (const char *const *)c->caps, c->n_caps);
	}
	if (c->has_min_kernel) {
		put_key(b, level + 1, "minKernel", &f);
		sc_strbuf_printf(b, "\"%u.%u\"", c->min_major, c->min_minor);
	}
	sc_strbuf_putc(b, '\n');
	indent(b, level);
	sc_strbuf_putc(b, '}');
}

static void put_group(struct sc_strbuf *b, const struct group *g)
{
	const struct profile_rule *r = g->rule;
	bool first = true;

	indent(b, 2);
	sc_strbuf_putc(b, '{');
	put_key(b, 3, "names", &first);
	put_str_array(b, 3, g->names, g->n_names);
	put_key(b, 3, "action", &first);
	put_str(b, profile_action_name(r->action));
	if (r->has_errno) {
		put_key(b, 3, "errnoRet", &first);
		sc_strbuf_printf(b, "%u", r->errno_ret);
	}
	if (r->errno_name) {
		put_key(b, 3, "errno", &first);
		put_str(b, r->errno_name);
	}
	if (r->n_args) {
		put_key(b, 3, "args", &first);
		sc_strbuf_putc(b, '[');
		for (size_t i = 0; i < r->n_args; i++) {
			const struct profile_arg *a = &r->args[i];

			sc_strbuf_puts(b, i ? ",\n" : "\n");
			indent(b, 4);
			sc_strbuf_printf(b, "{\"index\": %u, \"value\": %llu", a->index,
					 (unsigned long long)a->value);
			if (a->op == OP_MASKED_EQ || eff_value_two(a))
				sc_strbuf_printf(b, ", \"valueTwo\": %llu",
						 (unsigned long long)eff_value_two(a));
			sc_strbuf_printf(b, ", \"op\": \"%s\"}", profile_op_name(a->op));
		}
		sc_strbuf_putc(b, '\n');
		indent(b, 3);
		sc_strbuf_putc(b, ']');
	}
	if (r->comment && r->comment[0]) {
		put_key(b, 3, "comment", &first);
		put_str(b, r->comment);
	}
	put_cond(b, 3, "includes", &r->includes, &first);
	put_cond(b, 3, "excludes", &r->excludes, &first);
	sc_strbuf_putc(b, '\n');
	indent(b, 2);
	sc_strbuf_putc(b, '}');
}

struct name_ref {
	const char *name;
	const struct profile_rule *rule;
};

static int cmp_name_ref(const void *a, const void *b)
{
	return strcmp(((const struct name_ref *)a)->name, ((const struct name_ref *)b)->name);
}

static bool same_action(const struct profile *p, const struct profile_rule *a,
			const struct profile_rule *b)
{
	return a->action == b->action && profile_rule_errno(p, a) == profile_rule_errno(p, b);
}

/* Whether entry order decides some call (see the top of the file). */
static int order_matters(const struct profile *p, bool *out)
{
	size_t n = 0, k = 0;
	struct name_ref *v;

	*out = false;
	for (size_t i = 0; i < p->n_rules; i++)
		n += p->rules[i].n_names;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_names; j++)
			v[k++] = (struct name_ref){p->rules[i].names[j].name, &p->rules[i]};
	qsort(v, n, sizeof(*v), cmp_name_ref);
	for (size_t i = 0; i < n && !*out; i++)
		for (size_t j = i + 1; j < n && strcmp(v[i].name, v[j].name) == 0 && !*out; j++)
			*out = !same_action(p, v[i].rule, v[j].rule) &&
			       (v[i].rule->n_args == 0 || v[j].rule->n_args == 0);
	free(v);
	return 0;
}

static int build_groups(const struct profile *p, struct group **out, size_t *n_out)
{
	struct group *groups = calloc(p->n_rules + 1, sizeof(*groups));
	size_t n = 0;
	bool keep_order;

	if (!groups)
		return -ENOMEM;
	if (order_matters(p, &keep_order) < 0) {
		free(groups);
		return -ENOMEM;
	}

	if (!groups)
		return -ENOMEM;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		struct group *g = NULL;

		if (r->n_names == 0)
			continue;
		for (size_t j = 0; j < n && !g && !keep_order; j++)
			if (cmp_rule_key(groups[j].rule, r) == 0)
				g = &groups[j];
		if (!g) {
			g = &groups[n++];
			g->rule = r;
		}
		if (g->n_names + r->n_names > g->cap) {
			size_t cap = (g->n_names + r->n_names) * 2;
			const char **nn = realloc(g->names, cap * sizeof(*nn));

			if (!nn)
				goto oom;
			g->names = nn;
			g->cap = cap;
		}
		for (size_t k = 0; k < r->n_names; k++)
			g->names[g->n_names++] = r->names[k].name;
	}
	for (size_t j = 0; j < n; j++) {
		struct group *g = &groups[j];
		size_t w = 0;

		qsort(g->names, g->n_names, sizeof(*g->names), cmp_names);
		for (size_t k = 0; k < g->n_names; k++)
			if (w == 0 || strcmp(g->names[w - 1], g->names[k]) != 0)
				g->names[w++] = g->names[k];
		g->n_names = w;
	}
	if (!keep_order)
		qsort(groups, n, sizeof(*groups), cmp_group);
	*out = groups;
	*n_out = n;
	return 0;
oom:
	for (size_t j = 0; j < n; j++)
		free(groups[j].names);
	free(groups);
	return -ENOMEM;
}

int profile_write_canonical(const struct profile *p, char **out, struct sc_error *err)
{
	struct sc_strbuf b = {0};
	struct group *groups = NULL;
	size_t n_groups = 0;
	bool first = true;

	*out = NULL;
	if (build_groups(p, &groups, &n_groups) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");

	sc_strbuf_putc(&b, '{');
	put_key(&b, 1, "defaultAction", &first);
	put_str(&b, profile_action_name(p->default_action));
	if (p->has_default_errno) {
		put_key(&b, 1, "defaultErrnoRet", &first);
		sc_strbuf_printf(&b, "%u", p->default_errno);
	}
	if (p->default_errno_name) {
		put_key(&b, 1, "defaultErrno", &first);
		put_str(&b, p->default_errno_name);
	}
	if (p->n_arches) {
		const char *names[64];
		size_t n = 0;

		for (size_t i = 0; i < p->n_arches && n < 64; i++)
			names[n++] = p->arches[i]->oci;
		put_key(&b, 1, "architectures", &first);
		put_str_array(&b, 1, names, n);
	}
	if (p->n_archmap) {
		put_key(&b, 1, "archMap", &first);
		sc_strbuf_putc(&b, '[');
		for (size_t i = 0; i < p->n_archmap; i++) {
			const struct profile_archmap *am = &p->archmap[i];
			const char *subs[64];
			size_t n = 0;
			bool f = true;

			for (size_t j = 0; j < am->n_subs && n < 64; j++)
				subs[n++] = am->subs[j]->oci;
			sc_strbuf_puts(&b, i ? ",\n" : "\n");
			indent(&b, 2);
			sc_strbuf_putc(&b, '{');
			put_key(&b, 3, "architecture", &f);
			put_str(&b, am->arch->oci);
			put_key(&b, 3, "subArchitectures", &f);
			put_str_array(&b, 3, subs, n);
			sc_strbuf_putc(&b, '\n');
			indent(&b, 2);
			sc_strbuf_putc(&b, '}');
		}
		sc_strbuf_puts(&b, "\n  ]");
	}
	if (p->has_flags) {
		static const enum profile_flag order[] = {FLAG_TSYNC, FLAG_LOG, FLAG_SPEC_ALLOW,
							  FLAG_WAIT_KILLABLE_RECV};
		const char *names[4];
		size_t n = 0;

		for (size_t i = 0; i < 4; i++)
			if (p->flags & order[i])
				names[n++] = profile_flag_name(order[i]);
		put_key(&b, 1, "flags", &first);
		put_str_array(&b, 1, names, n);
	}
	if (p->listener_path) {
		put_key(&b, 1, "listenerPath", &first);
		put_str(&b, p->listener_path);
	}
	if (p->listener_metadata) {
		put_key(&b, 1, "listenerMetadata", &first);
		put_str(&b, p->listener_metadata);
	}
	if (n_groups) {
		put_key(&b, 1, "syscalls", &first);
		sc_strbuf_putc(&b, '[');
		for (size_t i = 0; i < n_groups; i++) {
			sc_strbuf_puts(&b, i ? ",\n" : "\n");
			put_group(&b, &groups[i]);
		}
		sc_strbuf_puts(&b, "\n  ]");
	}
	sc_strbuf_puts(&b, "\n}\n");

	for (size_t i = 0; i < n_groups; i++)
		free(groups[i].names);
	free(groups);
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	*out = sc_strbuf_steal(&b);
	return 0;
}
