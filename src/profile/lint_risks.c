/* Risk rules: what a profile lets a container reach (SCP021, SCP023-SCP028).
 *
 * "Allowed" means what runc would load: lint_verdict() over the resolved
 * profile, where an unconditional allow-type rule or an allow-type default
 * lets the call through and rules restricted by arguments allow only some
 * calls.  Names that are not a syscall on any listed arch are skipped (an
 * aarch64-only profile cannot reach iopl).
 */
#include <stdio.h>
#include <string.h>

#include "profile/lint.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

/* Namespace flags of clone(2): the mask the default profiles test with
 * SCMP_CMP_MASKED_EQ so that only clone calls without them pass. */
#define CLONE_NEW_MASK 0x7E020000ull

static bool exists_on_listed(const struct lint_ctx *c, const char *name)
{
	const struct profile *p = c->res;
	int nr;

	if (p->n_arches == 0)
		return c->target->native &&
		       arch_syscall_resolve(c->target->native, name, &nr) == ARCH_SYS_OK;
	for (size_t i = 0; i < p->n_arches; i++)
		if (arch_syscall_resolve(p->arches[i], name, &nr) == ARCH_SYS_OK)
			return true;
	return false;
}

/* Where a verdict came from: the name inside the deciding rule, or the
 * default action. */
static const struct profile_src *source_of(const struct lint_ctx *c, const struct profile_rule *r,
					   const char *name)
{
	if (r) {
		for (size_t i = 0; i < r->n_names; i++)
			if (strcmp(r->names[i].name, name) == 0)
				return &r->names[i].src;
		return &r->src;
	}
	return &c->res->default_src;
}

enum reach { REACH_NO, REACH_SOME_ARGS, REACH_YES };

static enum reach reach(const struct lint_ctx *c, const char *name, const struct profile_rule **rule)
{
	enum profile_action act;
	enum lint_verdict v;

	if (!exists_on_listed(c, name)) {
		*rule = NULL;
		return REACH_NO;
	}
	v = lint_verdict(c->res, name, rule, &act);
	if (v == LINT_ALLOWED)
		return REACH_YES;
	if (v == LINT_CONDITIONAL)
		return profile_action_is_allow(act) ? REACH_SOME_ARGS : REACH_YES;
	return REACH_NO;
}

static const char *how(const struct lint_ctx *c, const struct profile_rule *r, enum reach e)
{
	(void)c;
	if (e == REACH_SOME_ARGS)
		return "allowed for some arguments";
	return r ? "allowed by a rule" : "allowed by the default action";
}

/* Report every reachable name of a set, one finding per deciding source:
 * the names one rule allows together (at the first of them), and the names
 * the default action allows (at defaultAction).  A denylist or a broad
 * allow rule would otherwise drown the user in one finding per name. */
static void report_set(struct lint_ctx *c, const char *id, enum diag_severity sev,
		       const char *const *names, size_t n, const char *what, const char *hint)
{
	const struct profile_rule *rules[32];
	enum reach reaches[32];
	bool done[32] = {false};

	if (n > SC_ARRAY_SIZE(rules))
		n = SC_ARRAY_SIZE(rules);
	for (size_t i = 0; i < n; i++)
		reaches[i] = reach(c, names[i], &rules[i]);
	for (size_t i = 0; i < n; i++) {
		struct sc_strbuf list = {0};
		const struct profile_src *src;
		size_t count = 0;
		bool some_args = false;

		if (done[i] || reaches[i] == REACH_NO)
			continue;
		for (size_t j = i; j < n; j++) {
			if (done[j] || reaches[j] == REACH_NO || rules[j] != rules[i])
				continue;
			done[j] = true;
			some_args |= reaches[j] == REACH_SOME_ARGS;
			sc_strbuf_printf(&list, "%s%s", count++ ? ", " : "", names[j]);
		}
		src = source_of(c, rules[i], names[i]);
		if (rules[i])
			lint_report(c, id, sev, src, hint, "%s %s by %s%s: %s", list.data,
				    count == 1 ? "is allowed" : "are allowed", rules[i]->src.path,
				    some_args ? " (for some arguments)" : "", what);
		else
			lint_report(c, id, sev, src, hint, "%s %s by the default action %s: %s",
				    list.data, count == 1 ? "is allowed" : "are allowed",
				    profile_action_name(c->res->default_action), what);
		sc_strbuf_free(&list);
	}
}

static void check_denylist(struct lint_ctx *c)
{
	enum profile_action a = c->res->default_action;

	if (!profile_action_is_allow(a))
		return;
	if (a == ACT_LOG)
		lint_report(c, "SCP021", SEV_WARNING, &c->res->default_src,
			    "use it to learn what a workload calls (seccompctl logs turns the records "
			    "into rules), then ship an allowlist with SCMP_ACT_ERRNO as the default",
			    "default action SCMP_ACT_LOG allows every syscall and only logs it: an audit "
			    "profile, fine for learning, not a restriction");
	else
		lint_report(c, "SCP021", SEV_WARNING, &c->res->default_src,
			    "start from an allowlist (default SCMP_ACT_ERRNO) such as the builtin "
			    "runtime-default, or record one with seccompctl",
			    "default action SCMP_ACT_ALLOW makes a denylist: every syscall it does not "
			    "name, including ones added to future kernels, is allowed");
}

static void check_io_uring(struct lint_ctx *c)
{
	static const char *const names[] = {"io_uring_setup", "io_uring_enter", "io_uring_register"};

	report_set(c, "SCP023", SEV_WARNING, names, SC_ARRAY_SIZE(names),
		   "io_uring runs file and network operations from a kernel ring that seccomp never "
		   "sees, so the rest of the profile cannot restrict them",
		   "deny io_uring_setup (the containers' default does); programs fall back to "
		   "ordinary syscalls when it fails");
}

static void check_ptrace(struct lint_ctx *c)
{
	static const char *const names[] = {"ptrace", "process_vm_readv", "process_vm_writev",
					    "kcmp", "pidfd_getfd"};
	const struct profile_rule *r;
	enum reach e = reach(c, "ptrace", &r);
	size_t first = 0;

	if (e != REACH_NO && !lint_min_kernel_at_least(c, 4, 8)) {
		lint_report(c, "SCP024", SEV_ERROR, source_of(c, r, "ptrace"),
			    "deny ptrace, or require kernel 4.8 or later (--min-kernel)",
			    "ptrace %s while the profile must work on kernel %u.%u: before 4.8 a tracer "
			    "can change a syscall after seccomp checked it and so bypass the whole "
			    "filter", how(c, r, e), c->min_major, c->min_minor);
		first = 1;
	}
	report_set(c, "SCP024", SEV_WARNING, names + first, SC_ARRAY_SIZE(names) - first,
		   "these read or take the memory, registers or file descriptors of other processes",
		   "deny them unless the workload runs debuggers or needs cross-process access");
}

static bool clone_masks_namespaces(const struct profile *p)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		bool names_clone = false;

		for (size_t j = 0; j < r->n_names; j++)
			names_clone |= strcmp(r->names[j].name, "clone") == 0;
		if (!names_clone)
			continue;
		for (size_t j = 0; j < r->n_args; j++)
			if (r->args[j].op == OP_MASKED_EQ && (r->args[j].value & CLONE_NEW_MASK))
				return true;
	}
	return false;
}

/* SCP025.  The profile "otherwise blocks namespace creation" when it
 * denies unshare or setns, or restricts clone with a MASKED_EQ on the
 * CLONE_NEW* bits (the default profiles' way).  Then each way still open is
 * a finding: unshare, setns, clone without a namespace mask, clone3 (its
 * flags sit in a struct the filter cannot read).  A profile that blocks
 * nothing of this kind does not pretend to, and is not flagged. */
static void check_namespaces(struct lint_ctx *c)
{
	const struct profile_rule *r_unshare, *r_setns, *r_clone, *r_clone3;
	enum reach unshare = reach(c, "unshare", &r_unshare);
	enum reach setns = reach(c, "setns", &r_setns);
	enum reach clone = reach(c, "clone", &r_clone);
	enum reach clone3 = reach(c, "clone3", &r_clone3);
	bool masked = clone_masks_namespaces(c->res);
	const char *hint = "deny it too, as the containers' default does without CAP_SYS_ADMIN "
			   "(clone3 with ENOSYS, clone with a MASKED_EQ on the CLONE_NEW* flags)";

	if (!(unshare == REACH_NO || setns == REACH_NO || masked))
		return;
	if (unshare != REACH_NO)
		lint_report(c, "SCP025", SEV_WARNING, source_of(c, r_unshare, "unshare"), hint,
			    "unshare %s while the profile otherwise blocks namespace creation: "
			    "unshare(CLONE_NEWUSER) reaches user-namespace-only kernel code",
			    how(c, r_unshare, unshare));
	if (setns != REACH_NO)
		lint_report(c, "SCP025", SEV_WARNING, source_of(c, r_setns, "setns"), hint,
			    "setns %s while the profile otherwise blocks namespace creation",
			    how(c, r_setns, setns));
	if (clone == REACH_YES && !masked)
		lint_report(c, "SCP025", SEV_WARNING, source_of(c, r_clone, "clone"), hint,
			    "clone %s with no condition on its flags while unshare or setns is denied: "
			    "clone(CLONE_NEWUSER) creates the namespaces anyway",
			    how(c, r_clone, clone));
	if (clone3 != REACH_NO)
		lint_report(c, "SCP025", SEV_WARNING, source_of(c, r_clone3, "clone3"),
			    "answer clone3 with ENOSYS (errnoRet 38): glibc then falls back to clone, "
			    "which the filter can inspect",
			    "clone3 %s: its flags are in a struct in memory that seccomp cannot read, so "
			    "it creates namespaces whatever the profile does with clone",
			    how(c, r_clone3, clone3));
}

static void check_mounts(struct lint_ctx *c)
{
	static const char *const family[] = {"mount", "umount2", "umount", "pivot_root",
					     "fsopen", "fsmount", "fsconfig", "fspick",
					     "move_mount", "open_tree", "mount_setattr"};
	static const char *const new_api[] = {"fsopen", "fsmount", "fsconfig", "fspick",
					      "move_mount", "open_tree", "mount_setattr"};
	const struct profile_rule *r;
	enum reach mount = reach(c, "mount", &r);

	if (mount != REACH_NO) {
		report_set(c, "SCP026", SEV_WARNING, family, SC_ARRAY_SIZE(family),
			   "mounting changes what the container sees and reaches filesystem code "
			   "that is a frequent source of kernel bugs",
			   "deny the mount family unless the container must mount (the containers' "
			   "default allows it only with CAP_SYS_ADMIN)");
		return;
	}
	if (!exists_on_listed(c, "mount"))
		return;
	report_set(c, "SCP026", SEV_WARNING, new_api, SC_ARRAY_SIZE(new_api),
		   "mount is denied, but the new mount API (fsopen, fsconfig, fsmount, move_mount) "
		   "mounts filesystems without calling mount",
		   "deny the new mount API as well as mount");
}

static void check_attack_surface(struct lint_ctx *c)
{
	static const char *const names[] = {
		"bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
		"kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
		"iopl", "ioperm", "open_by_handle_at"};

	report_set(c, "SCP027", SEV_WARNING, names, SC_ARRAY_SIZE(names),
		   "a large kernel interface that is not namespaced and a common exploit path",
		   "deny it unless the workload needs it (the containers' default allows these only "
		   "with the matching capability)");
}

static void check_personality(struct lint_ctx *c)
{
	const struct profile_rule *r;
	enum reach e = reach(c, "personality", &r);

	if (e != REACH_YES)
		return;
	lint_report(c, "SCP028", SEV_WARNING, source_of(c, r, "personality"),
		    "allow only the values programs need, with SCMP_CMP_EQ on argument 0 (the "
		    "containers' default allows 0x0, 0x8, 0x20000, 0x20008 and 0xffffffff)",
		    "personality %s with any argument: personality(ADDR_NO_RANDOMIZE) turns off "
		    "address space randomisation for the process and its children",
		    how(c, r, e));
}

void lint_check_risks(struct lint_ctx *c)
{
	check_denylist(c);
	check_io_uring(c);
	check_ptrace(c);
	check_namespaces(c);
	check_mounts(c);
	check_attack_surface(c);
	check_personality(c);
}
