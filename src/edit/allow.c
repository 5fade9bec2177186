/* edit_allow_calls(): see allow.h. */
#include "edit/allow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"
#include "edit/edit.h"
#include "util/cleanup.h"

void edit_allow_result_free(struct edit_allow_result *r)
{
	free(r->added);
	memset(r, 0, sizeof(*r));
}

const struct arch_info *edit_call_abi(const struct seccomp_data *d)
{
	return arch_of_call(d->arch, d->nr);
}

static const char *call_name(const struct seccomp_data *d)
{
	const struct arch_info *a = edit_call_abi(d);

	return a && d->nr >= 0 ? arch_syscall_name(a, d->nr) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Append an ALLOW entry with names[0..n). */
static int append_allow(struct profile *p, const char *const *names, size_t n, const char *comment)
{
	struct profile_rule *v = realloc(p->rules, (p->n_rules + 1) * sizeof(*v)), *r;

	if (!v)
		return -ENOMEM;
	p->rules = v;
	r = &v[p->n_rules];
	memset(r, 0, sizeof(*r));
	r->names = calloc(n, sizeof(*r->names));
	r->comment = strdup(comment);
	if (!r->names || !r->comment) {
		free(r->names);
		free(r->comment);
		return -ENOMEM;
	}
	r->action = ACT_ALLOW;
	r->index = p->n_rules;
	p->n_rules++; /* from here on profile_free() owns it */
	for (size_t i = 0; i < n; i++) {
		r->names[i].name = strdup(names[i]);
		if (!r->names[i].name)
			return -ENOMEM;
		r->n_names++;
	}
	return 0;
}

static int append_arch(struct profile *p, const struct arch_info *abi, struct edit_allow_result *r)
{
	const struct arch_info **a;
	struct profile_src *src;

	if (!p->n_arches || !abi)
		return 0;
	for (size_t k = 0; k < p->n_arches; k++)
		if (p->arches[k] == abi)
			return 0;
	a = realloc(p->arches, (p->n_arches + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	p->arches = a;
	src = realloc(p->arch_srcs, (p->n_arches + 1) * sizeof(*src));
	if (!src)
		return -ENOMEM;
	p->arch_srcs = src;
	memset(&src[p->n_arches], 0, sizeof(*src));
	a[p->n_arches++] = abi;
	if (r->n_arches_added < sizeof(r->arches_added) / sizeof(r->arches_added[0]))
		r->arches_added[r->n_arches_added++] = abi;
	return 0;
}

/* Take the added names out of unconditional entries that do not allow them. */
static size_t drop_denials(struct profile *p, const char *const *add, size_t n_add)
{
	size_t removed = 0;

	for (size_t i = 0; i < p->n_rules; i++) {
		struct profile_rule *rule = &p->rules[i];
		size_t k = 0;

		if (rule->n_args || profile_action_is_allow(rule->action))
			continue;
		for (size_t j = 0; j < rule->n_names; j++) {
			const char *key = rule->names[j].name;

			if (bsearch(&key, add, n_add, sizeof(*add), cmp_str)) {
				free(rule->names[j].name);
				free(rule->names[j].src.path);
				removed++;
			} else {
				rule->names[k++] = rule->names[j];
			}
		}
		rule->n_names = k;
	}
	return removed;
}

static int resolve_text(const char *text, const char *file, struct profile **res,
			struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *p = NULL;
	struct profile_ctx ctx;
	int rc = profile_read_buffer(text, strlen(text), file, &p, NULL, err);

	profile_ctx_default(&ctx);
	return rc < 0 ? rc : profile_resolve(p, &ctx, res, err);
}

int edit_allow_calls(struct profile *raw, const struct seccomp_data *calls, size_t n,
		     const char *comment, char **out, struct edit_allow_result *r,
		     struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *res = NULL;
	_cleanup_(profile_freep) struct profile *check = NULL;
	_cleanup_(bpf_decider_freep) struct bpf_decider *dc = NULL;
	_cleanup_(bpf_decider_freep) struct bpf_decider *dc_check = NULL;
	_cleanup_free_ char *text = NULL;
	struct profile_ctx ctx;
	int rc;

	*out = NULL;
	memset(r, 0, sizeof(*r));
	r->added = calloc(n ? n : 1, sizeof(*r->added));
	if (!r->added)
		return sc_error_set(err, -ENOMEM, "out of memory");
	profile_ctx_default(&ctx);
	rc = profile_resolve(raw, &ctx, &res, err);
	if (rc == 0)
		rc = bpf_decider_new(res, NULL, &dc, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *name = call_name(&calls[i]);
		struct bpf_verdict v;

		if (!name) {
			r->n_unnamed++;
			continue;
		}
		bpf_decider_decide(dc, &calls[i], &v);
		if (!edit_ret_allows(v.ret))
			r->added[r->n_added++] = name;
	}
	if (rc < 0)
		return rc;
	qsort(r->added, r->n_added, sizeof(*r->added), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < r->n_added; i++)
		if (k == 0 || strcmp(r->added[k - 1], r->added[i]) != 0)
			r->added[k++] = r->added[i];
	r->n_added = k;
	r->n_removed = drop_denials(raw, r->added, r->n_added);
	if (r->n_added)
		rc = append_allow(raw, r->added, r->n_added, comment);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = append_arch(raw, edit_call_abi(&calls[i]), r);
	if (rc < 0)
		return sc_error_set(err, rc, "out of memory");
	rc = profile_write_canonical(raw, &text, err);
	if (rc == 0)
		rc = resolve_text(text, raw->file, &check, err);
	if (rc == 0)
		rc = bpf_decider_new(check, NULL, &dc_check, err);
	/* Fail closed: every call must now pass. */
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *name = call_name(&calls[i]);
		struct bpf_verdict v;

		if (!name)
			continue;
		bpf_decider_decide(dc_check, &calls[i], &v);
		if (!edit_ret_allows(v.ret))
			rc = sc_error_set(err, -EINVAL,
					  "%s on %s would still be denied by the extended profile "
					  "(%s, a conditional entry decides it): nothing written",
					  name, edit_call_abi(&calls[i])->name,
					  bpf_ret_action_name(v.ret));
	}
	if (rc < 0)
		return rc;
	*out = text;
	text = NULL;
	return 0;
}
