/* The lint driver and the rule table. */
#include "profile/lint.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct lint_rule_info lint_rules[] = {
    {"SCP001", SEV_ERROR,
     "schema: missing defaultAction; unknown action, op, arch or flag; wrong JSON types",
     "Every runtime refuses a profile that does not follow the schema, so the container never "
     "starts."},
    {"SCP002", SEV_ERROR, "names empty or containing \"\"",
     "The runtime-spec requires a syscall name; runc rejects an empty one."},
    {"SCP003", SEV_ERROR, "argument index outside 0-5, or more than 6 conditions in one entry",
     "Syscalls have six arguments; crun once dropped conditions past the sixth silently."},
    {"SCP004", SEV_ERROR, "errnoRet/defaultErrnoRet on an action other than ERRNO or TRACE",
     "The runtime-spec says the runtime must fail on such a profile."},
    {"SCP005", SEV_ERROR,
     "errnoRet above 4095, or 4095 on SCMP_ACT_ERRNO (error); errnoRet 0 (warning)",
     "The kernel caps errno at 4095 and libseccomp keeps 16 bits, so 65536 becomes 0; "
     "libseccomp 2.5.4 refuses ERRNO(4095), so runc and crun fail; errno 0 skips the call and "
     "reports success."},
    {"SCP006", SEV_WARNING,
     "Docker-only keys (archMap, includes, excludes, minKernel, name) in a profile for "
     "Kubernetes/OCI; both name and names",
     "containerd and the OCI runtimes ignore these keys, so the policy they load differs from what "
     "was written."},
    {"SCP007", SEV_ERROR, "NOTIFY without listenerPath; NOTIFY as default action or on write",
     "Forbidden by the runtime-spec; NOTIFY on write can deadlock the runtime."},
    {"SCP008", SEV_ERROR, "one syscall given different actions by several rules",
     "libseccomp resolves the conflict by rule order, and some orders fail to load."},
    {"SCP009", SEV_WARNING, "two conditions on one argument index in one entry",
     "runc and crun then OR every condition of the entry, including the others."},
    {"SCP010", SEV_ERROR,
     "MASKED_EQ whose valueTwo has bits outside the mask in value (never matches); valueTwo on "
     "other operators",
     "The rule is dead: it can never match, or its valueTwo is ignored."},
    {"SCP011", SEV_WARNING, "conditions on pointer arguments",
     "BPF sees register values, not the memory they point to."},
    {"SCP012", SEV_WARNING, "a value above 32 bits while a 32-bit arch is listed",
     "The upper half of an argument differs by ABI; sign extension makes such values traps."},
    {"SCP013", SEV_WARNING,
     "argument conditions on socket/ipc calls while i386/s390/ppc/mips is listed",
     "socketcall and ipc hide the real arguments behind a pointer on those arches."},
    {"SCP014", SEV_INFO,
     "a rule whose action equals the default action, or a rule subsumed by another",
     "runc drops such rules silently: they do nothing."},
    {"SCP015", SEV_ERROR, "unknown or mixed-endian architecture list",
     "libseccomp cannot build one filter for them: the runtime refuses the profile."},
    {"SCP016", SEV_WARNING, "x86_64 listed without x86/x32, or the reverse",
     "Callers of the unlisted ABI hit the bad-arch action and are killed."},
    {"SCP017", SEV_ERROR, "a name that is no syscall on any listed arch",
     "runc skips names it cannot resolve: an allowlist silently denies it, a denylist silently "
     "allows it."},
    {"SCP018", SEV_WARNING, "an allowed name missing on a listed arch, without its replacement",
     "The name is skipped on that arch, so programs there are denied the call."},
    {"SCP019", SEV_WARNING,
     "clone3, faccessat2, statx, getrandom, preadv2 or pwritev2 answered with EPERM (or another "
     "errno than ENOSYS)",
     "glibc falls back to the older call only on ENOSYS; EPERM breaks the program."},
    {"SCP020", SEV_INFO, "the default ERRNO is EPERM for syscalls newer than the profile",
     "New syscalls fail with EPERM instead of ENOSYS, so libcs do not fall back."},
    {"SCP021", SEV_WARNING, "default ALLOW or LOG (a denylist)",
     "Every syscall the profile does not name, including future ones, is allowed."},
    {"SCP022", SEV_ERROR,
     "allowlist without execve/execveat or without what the runtime needs after loading the filter",
     "The container cannot start (the lab's too-restrictive profile)."},
    {"SCP023", SEV_WARNING, "io_uring allowed", "Ring operations bypass per-syscall filtering."},
    {"SCP024", SEV_ERROR,
     "ptrace allowed for kernels before 4.8 (error); ptrace, process_vm_*, kcmp, pidfd_getfd "
     "allowed (warning)",
     "Before 4.8 a tracer can rewrite a syscall after the filter checked it; later, these calls "
     "still inspect and tamper with other processes."},
    {"SCP025", SEV_WARNING, "namespace creation reachable while the profile otherwise blocks it",
     "unshare, setns, clone with namespace flags or clone3 make user-namespace-only kernel bugs "
     "reachable."},
    {"SCP026", SEV_WARNING,
     "mount family allowed, or mount denied while the new mount API stays allowed",
     "fsopen/fsmount/move_mount/open_tree/mount_setattr/fsconfig sidestep a plain mount denial."},
    {"SCP027", SEV_WARNING, "large non-namespaced kernel attack surface allowed",
     "bpf, perf_event_open, userfaultfd, keyrings, kexec, module loading, iopl/ioperm and "
     "open_by_handle_at are common exploit paths."},
    {"SCP028", SEV_WARNING, "personality unrestricted",
     "personality(ADDR_NO_RANDOMIZE) disables ASLR for the process and its children."},
    {"SCP029", SEV_WARNING, "SCMP_ACT_KILL / KILL_THREAD",
     "Killing one thread leaves a multi-threaded process inconsistent; prefer KILL_PROCESS."},
    {"SCP030", SEV_WARNING, "TRACE or NOTIFY relied on as a security boundary",
     "Without a tracer TRACE returns ENOSYS; a supervisor reading pointer arguments races with the "
     "caller."},
    {"SCP031", SEV_ERROR, "compiled filter above 4096 instructions (warning above 75%)",
     "The kernel refuses filters longer than 4096 instructions."},
    {"SCP032", SEV_WARNING, "an action or flag newer than --min-kernel",
     "Older kernels treat an unknown action as kill, or refuse the filter."},
    {"SCP033", SEV_INFO, "flags omitted: runc and crun add SPEC_ALLOW",
     "The speculative store bypass mitigation is then off for the container."},
    {"SCP034", SEV_WARNING, "a legacy syscall allowed without the replacement current libcs call",
     "A profile that worked with an old libc breaks the same program built against a new one."},
};
const size_t lint_rules_count = sizeof(lint_rules) / sizeof(lint_rules[0]);

const struct lint_rule_info *lint_rule_find(const char *id)
{
	for (size_t i = 0; i < lint_rules_count; i++)
		if (strcmp(lint_rules[i].id, id) == 0)
			return &lint_rules[i];
	return NULL;
}

void lint_report(struct lint_ctx *c, const char *id, enum diag_severity sev,
		 const struct profile_src *src, const char *hint, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rc = diag_add(c->out, id, sev, c->raw->file, src ? src->path : "",
		      src ? src->pos : (struct json_pos){0, 0}, hint, "%s", msg);
	if (rc < 0 && !c->rc)
		c->rc = rc;
}

bool lint_is_allowlist(const struct profile *res)
{
	return !profile_action_is_allow(res->default_action);
}

bool lint_min_kernel_at_least(const struct lint_ctx *c, unsigned major, unsigned minor)
{
	return c->min_major > major || (c->min_major == major && c->min_minor >= minor);
}

enum lint_verdict lint_verdict(const struct profile *res, const char *name,
			       const struct profile_rule **rule, enum profile_action *action)
{
	const struct profile_rule *cond = NULL;

	for (size_t i = 0; i < res->n_rules; i++) {
		const struct profile_rule *r = &res->rules[i];

		for (size_t j = 0; j < r->n_names; j++) {
			if (strcmp(r->names[j].name, name) != 0)
				continue;
			/* runc drops a rule whose action equals the default. */
			if (r->action == res->default_action &&
			    profile_rule_errno(res, r) == profile_default_errno(res))
				continue;
			if (r->n_args == 0) {
				if (rule)
					*rule = r;
				if (action)
					*action = r->action;
				return profile_action_is_allow(r->action) ? LINT_ALLOWED
									  : LINT_DENIED;
			}
			if (!cond)
				cond = r;
		}
	}
	if (cond) {
		if (rule)
			*rule = cond;
		if (action)
			*action = cond->action;
		return LINT_CONDITIONAL;
	}
	if (rule)
		*rule = NULL;
	if (action)
		*action = res->default_action;
	return profile_action_is_allow(res->default_action) ? LINT_ALLOWED : LINT_DENIED;
}

static const lint_check_fn checks[] = {
    lint_check_structure, lint_check_names, lint_check_startup, lint_check_risks, lint_check_size,
};

static int lint_one_target(const struct profile *raw, const struct lint_opts *opts,
			   const struct profile_ctx *target, struct diag_list *out,
			   struct sc_error *err)
{
	struct profile *res = NULL;
	struct lint_ctx c = {.raw = raw, .target = target, .opts = opts, .out = out};
	int rc;

	rc = profile_resolve(raw, target, &res, err);
	if (rc < 0)
		return rc;
	c.res = res;
	if (opts->min_kernel_major || opts->min_kernel_minor) {
		c.min_major = opts->min_kernel_major;
		c.min_minor = opts->min_kernel_minor;
	} else {
		c.min_major = target->kernel_major;
		c.min_minor = target->kernel_minor;
	}
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]) && !c.rc; i++)
		checks[i](&c);
	profile_free(res);
	if (c.rc)
		return sc_error_set(err, c.rc, "out of memory while linting");
	return 0;
}

/* Which native arches to resolve for: the targets given (--arch), else the
 * node this runs on.  A plain "architectures" list is the same whatever the
 * native arch, so the per-arch rules still see every listed arch; an
 * archMap profile (Docker's, the containers') is meant for several kinds of
 * node and resolves to a different list on each: linting all of them by
 * default would report, for an x86_64 user, that kexec_file_load does not
 * exist on mips.  When this machine's arch has no archMap entry, the first
 * entry stands in for it. */
static size_t pick_targets(const struct profile *raw, const struct lint_opts *opts,
			   const struct arch_info **out, size_t max)
{
	size_t n = 0;

	if (opts->n_targets) {
		for (size_t i = 0; i < opts->n_targets && n < max; i++)
			out[n++] = opts->targets[i];
		return n;
	}
	out[0] = arch_native();
	if (raw->n_arches == 0 && raw->n_archmap) {
		bool native_listed = false;

		for (size_t i = 0; i < raw->n_archmap; i++)
			native_listed |= raw->archmap[i].arch == arch_native();
		if (!native_listed)
			out[0] = raw->archmap[0].arch;
	}
	return 1;
}

int lint_profile(const struct profile *raw, const struct lint_opts *opts, struct diag_list *out,
		 struct sc_error *err)
{
	const struct arch_info *targets[32];
	struct profile_ctx ctx;
	size_t n;
	int rc = 0;

	profile_ctx_default(&ctx);
	if (opts->caps) {
		ctx.caps = opts->caps;
		ctx.n_caps = opts->n_caps;
	}
	n = pick_targets(raw, opts, targets, 32);
	for (size_t i = 0; i < n && rc == 0; i++) {
		ctx.native = targets[i];
		rc = lint_one_target(raw, opts, &ctx, out, err);
	}
	diag_list_dedup(out);
	diag_list_sort(out);
	return rc;
}
