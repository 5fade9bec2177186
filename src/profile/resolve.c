/* includes/excludes and archMap, resolved for a target as Docker
 * (moby profiles/seccomp) and podman (containers/common pkg/seccomp) do:
 *
 *   - architectures: the "architectures" list when present; otherwise the
 *     archMap entry whose architecture is the target's native arch, plus
 *     its subArchitectures; no match leaves the list empty (libseccomp then
 *     filters the native arch only);
 *   - an entry is skipped when excludes.arches names the native arch, when
 *     excludes.caps names any capability in the bounding set, or when the
 *     kernel is at least excludes.minKernel;
 *   - it is kept only when includes.arches (if given) names the native arch,
 *     every capability of includes.caps is in the bounding set, and the
 *     kernel is at least includes.minKernel.
 *
 * Arch names in includes/excludes use libseccomp-golang's spelling of the
 * native arch ("amd64", "arm64", "x86"), compared to arch_info.go.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "profile/profile.h"

const char *const profile_default_caps[] = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",	       "CAP_FOWNER",
    "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",	       "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",	   "CAP_AUDIT_WRITE",
};
const size_t profile_default_caps_count = sizeof(profile_default_caps) / sizeof(char *);

void profile_ctx_default(struct profile_ctx *ctx)
{
	struct utsname u;

	memset(ctx, 0, sizeof(*ctx));
	ctx->native = arch_native();
	ctx->caps = profile_default_caps;
	ctx->n_caps = profile_default_caps_count;
	if (uname(&u) == 0)
		sscanf(u.release, "%u.%u", &ctx->kernel_major, &ctx->kernel_minor);
}

static bool has_cap(const struct profile_ctx *ctx, const char *cap)
{
	for (size_t i = 0; i < ctx->n_caps; i++)
		if (strcmp(ctx->caps[i], cap) == 0)
			return true;
	return false;
}

static bool names_native(const struct profile_cond *c, const struct profile_ctx *ctx)
{
	for (size_t i = 0; i < c->n_arches; i++)
		if (ctx->native && strcmp(c->arches[i], ctx->native->go) == 0)
			return true;
	return false;
}

static bool kernel_at_least(const struct profile_ctx *ctx, unsigned major, unsigned minor)
{
	return ctx->kernel_major > major ||
	       (ctx->kernel_major == major && ctx->kernel_minor >= minor);
}

static bool rule_applies(const struct profile_rule *r, const struct profile_ctx *ctx)
{
	const struct profile_cond *ex = &r->excludes, *in = &r->includes;

	if (ex->n_arches && names_native(ex, ctx))
		return false;
	for (size_t i = 0; i < ex->n_caps; i++)
		if (has_cap(ctx, ex->caps[i]))
			return false;
	if (ex->has_min_kernel && kernel_at_least(ctx, ex->min_major, ex->min_minor))
		return false;
	if (in->n_arches && !names_native(in, ctx))
		return false;
	for (size_t i = 0; i < in->n_caps; i++)
		if (!has_cap(ctx, in->caps[i]))
			return false;
	if (in->has_min_kernel && !kernel_at_least(ctx, in->min_major, in->min_minor))
		return false;
	return true;
}

static int dup_str(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -ENOMEM;
}

static int dup_src(struct profile_src *dst, const struct profile_src *src)
{
	dst->pos = src->pos;
	return dup_str(&dst->path, src->path);
}

static int copy_rule(struct profile_rule *dst, const struct profile_rule *src)
{
	int rc = 0;

	*dst = *src;
	dst->names = NULL;
	dst->args = NULL;
	dst->comment = dst->errno_name = NULL;
	memset(&dst->includes, 0, sizeof(dst->includes));
	memset(&dst->excludes, 0, sizeof(dst->excludes));
	dst->src.path = dst->action_src.path = NULL;
	dst->n_names = dst->n_args = 0;

	dst->names = calloc(src->n_names + 1, sizeof(*dst->names));
	dst->args = calloc(src->n_args + 1, sizeof(*dst->args));
	if (!dst->names || !dst->args)
		return -ENOMEM;
	for (size_t i = 0; i < src->n_names; i++, dst->n_names++) {
		rc |= dup_str(&dst->names[i].name, src->names[i].name);
		rc |= dup_src(&dst->names[i].src, &src->names[i].src);
	}
	for (size_t i = 0; i < src->n_args; i++, dst->n_args++) {
		dst->args[i] = src->args[i];
		dst->args[i].src.path = NULL;
		rc |= dup_src(&dst->args[i].src, &src->args[i].src);
	}
	rc |= dup_str(&dst->comment, src->comment);
	rc |= dup_str(&dst->errno_name, src->errno_name);
	rc |= dup_src(&dst->src, &src->src);
	rc |= dup_src(&dst->action_src, &src->action_src);
	return rc ? -ENOMEM : 0;
}

int profile_resolve(const struct profile *in, const struct profile_ctx *ctx, struct profile **out,
		    struct sc_error *err)
{
	struct profile *p = calloc(1, sizeof(*p));
	const struct profile_archmap *am = NULL;
	int rc = 0;

	*out = NULL;
	if (!p)
		return sc_error_set(err, -ENOMEM, "out of memory");
	p->from_config = in->from_config;
	p->default_action = in->default_action;
	p->has_default_errno = in->has_default_errno;
	p->default_errno = in->default_errno;
	p->flags = in->flags;
	p->has_flags = in->has_flags;
	p->seen = in->seen;
	p->has_arches = true;
	rc |= dup_str(&p->file, in->file);
	rc |= dup_src(&p->default_src, &in->default_src);
	rc |= dup_src(&p->flags_src, &in->flags_src);
	rc |= dup_str(&p->default_errno_name, in->default_errno_name);
	rc |= dup_str(&p->listener_path, in->listener_path);
	rc |= dup_str(&p->listener_metadata, in->listener_metadata);

	if (in->n_arches == 0) {
		/* The first entry for the native arch wins, as in Docker. */
		for (size_t i = 0; i < in->n_archmap && !am; i++)
			if (in->archmap[i].arch == ctx->native)
				am = &in->archmap[i];
	}
	size_t max_arches = in->n_arches + (am ? am->n_subs + 1 : 0) + 1;
	p->arches = calloc(max_arches, sizeof(*p->arches));
	p->arch_srcs = calloc(max_arches, sizeof(*p->arch_srcs));
	p->rules = calloc(in->n_rules + 1, sizeof(*p->rules));
	if (rc || !p->arches || !p->arch_srcs || !p->rules) {
		profile_free(p);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	if (in->n_arches) {
		for (size_t i = 0; i < in->n_arches; i++) {
			p->arches[p->n_arches] = in->arches[i];
			rc |= dup_src(&p->arch_srcs[p->n_arches++], &in->arch_srcs[i]);
		}
	} else if (am) {
		p->arches[p->n_arches] = am->arch;
		rc |= dup_src(&p->arch_srcs[p->n_arches++], &am->src);
		for (size_t i = 0; i < am->n_subs; i++) {
			p->arches[p->n_arches] = am->subs[i];
			rc |= dup_src(&p->arch_srcs[p->n_arches++], &am->src);
		}
	}
	for (size_t i = 0; i < in->n_rules && !rc; i++) {
		if (!rule_applies(&in->rules[i], ctx))
			continue;
		rc = copy_rule(&p->rules[p->n_rules], &in->rules[i]);
		p->n_rules++; /* counted even on failure so profile_free releases it */
	}
	if (rc) {
		profile_free(p);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	*out = p;
	return 0;
}
