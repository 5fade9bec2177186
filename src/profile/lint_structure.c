/* Structure rules: what runc/crun and libseccomp make of the profile's
 * shape, independent of which syscalls it names.
 *
 *   SCP006  Docker/containers-only keys (archMap, includes/excludes, "name")
 *   SCP007  NOTIFY the runtimes refuse
 *   SCP008  one syscall, several actions (libseccomp's db_rule_add rules)
 *   SCP009  two conditions on one argument: runc/crun OR the whole entry
 *   SCP010  MASKED_EQ operands; valueTwo on other operators
 *   SCP011  conditions on pointer arguments
 *   SCP012  values above 32 bits with a 32-bit ABI listed
 *   SCP013  socket/ipc conditions where socketcall()/ipc() multiplex them
 *   SCP014  rules that do nothing (default action, subsumed, repeated)
 *   SCP015  mixed-endian arch list (unknown arches: the reader)
 *   SCP016  x86_64 without its 32-bit ABIs (and aarch64 without arm)
 *   SCP029  KILL_THREAD
 *   SCP030  TRACE / NOTIFY as a boundary
 *   SCP032  actions and flags newer than the minimum kernel
 *   SCP033  flags: the runtimes' default, and runc 1.1's refusal
 *
 * Semantic checks read c->res (the profile resolved for one target); SCP006
 * reads c->raw, since resolution drops what it reports.  The driver runs
 * this once per target and de-duplicates by (id, path, message), so every
 * message is built only from the profile and the options.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/lint.h"
#include "util/cleanup.h"

#define MAX_ARCHES 32

/* ---- small formatting helpers ---- */

/* Constants read best in decimal when small (errnos, fds, families) and
 * in hex when they are masks or wide values. */
static const char *fmt_val(char buf[static 24], uint64_t v)
{
	if (v <= 0xffff)
		snprintf(buf, 24, "%" PRIu64, v);
	else
		snprintf(buf, 24, "0x%" PRIx64, v);
	return buf;
}

static bool action_has_errno(enum profile_action a)
{
	return a == ACT_ERRNO || a == ACT_TRACE;
}

/* "SCMP_ACT_ERRNO(38)": the errno is part of the action libseccomp sees
 * (SCMP_ACT_ERRNO(x) is one 32-bit action value), so two ERRNO rules with
 * different errnos are different actions. */
static const char *fmt_action(char buf[static 48], enum profile_action a, uint32_t err)
{
	if (action_has_errno(a))
		snprintf(buf, 48, "%s(%" PRIu32 ")", profile_action_name(a), err);
	else
		snprintf(buf, 48, "%s", profile_action_name(a));
	return buf;
}

static const char *fmt_rule_action(char buf[static 48], const struct profile *p,
				   const struct profile_rule *r)
{
	return fmt_action(buf, r->action, profile_rule_errno(p, r));
}

static bool same_action(enum profile_action a, uint32_t ea, enum profile_action b, uint32_t eb)
{
	return a == b && (!action_has_errno(a) || ea == eb);
}

static bool rules_same_action(const struct profile *p, const struct profile_rule *a,
			      const struct profile_rule *b)
{
	return same_action(a->action, profile_rule_errno(p, a), b->action,
			   profile_rule_errno(p, b));
}

/* runc (libcontainer/seccomp: "Ignore the call if action is the same as the
 * default action") and crun skip such rules; libseccomp itself refuses them
 * with EACCES. */
static bool rule_is_default(const struct profile *p, const struct profile_rule *r)
{
	return same_action(r->action, profile_rule_errno(p, r), p->default_action,
			   profile_default_errno(p));
}

static const char *op_symbol(enum profile_op op)
{
	switch (op) {
	case OP_NE: return "!=";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_EQ: return "==";
	case OP_GE: return ">=";
	case OP_GT: return ">";
	default: return "?";
	}
}

/* "arg0 == 16", "(arg1 & 0x7e020000) == 0" */
static void fmt_cond(char *buf, size_t n, const struct profile_arg *a)
{
	char v1[24], v2[24];

	if (a->op == OP_MASKED_EQ)
		snprintf(buf, n, "(arg%u & %s) == %s", a->index, fmt_val(v1, a->value),
			 fmt_val(v2, a->value_two));
	else
		snprintf(buf, n, "arg%u %s %s", a->index, op_symbol(a->op), fmt_val(v1, a->value));
}

/* "SCMP_ARCH_X86 and SCMP_ARCH_X32" */
static void fmt_arch_list(char *buf, size_t n, const struct arch_info *const *a, size_t count)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < count && len < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == count ? " and " : ", ";
		int w = snprintf(buf + len, n - len, "%s%s", sep, a[i]->oci);

		if (w < 0)
			break;
		len += (size_t)w;
	}
}

/* The arches the filter covers: the (resolved) list, or the target's native
 * arch when the list is empty (libseccomp starts every filter with it). */
static size_t effective_arches(const struct lint_ctx *c, const struct arch_info **out)
{
	size_t n = 0;

	for (size_t i = 0; i < c->res->n_arches && n < MAX_ARCHES; i++)
		out[n++] = c->res->arches[i];
	if (n == 0 && c->target && c->target->native)
		out[n++] = c->target->native;
	return n;
}

static const struct arch_info *listed_arch(const struct profile *p, const char *name,
					   const struct profile_src **src)
{
	for (size_t i = 0; i < p->n_arches; i++)
		if (strcmp(p->arches[i]->name, name) == 0) {
			if (src)
				*src = &p->arch_srcs[i];
			return p->arches[i];
		}
	return NULL;
}

static bool name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

/* ---- SCP006: keys only Docker, podman and CRI-O understand ---- */

#define OCI_IGNORES                                                                                \
	"containerd and the OCI runtimes (runc, crun) ignore it, while Docker, podman and CRI-O "  \
	"honour it"

static void cond_kinds(const struct profile_cond *cd, bool *arches, bool *caps, bool *kernel)
{
	*arches |= cd->n_arches > 0;
	*caps |= cd->n_caps > 0;
	*kernel |= cd->has_min_kernel;
}

static bool cond_active(const struct profile_cond *cd)
{
	/* "includes": {} (as the containers' default profile writes on every
	 * entry) changes nothing anywhere. */
	return cd->present && (cd->n_arches || cd->n_caps || cd->has_min_kernel);
}

static void report_conditions(struct lint_ctx *c, const char *key, bool includes)
{
	const struct profile *p = c->raw;
	const struct profile_rule *first = NULL;
	bool arches = false, caps = false, kernel = false;
	size_t count = 0;
	char what[64] = "";

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_cond *cd =
		    includes ? &p->rules[i].includes : &p->rules[i].excludes;

		if (!cond_active(cd))
			continue;
		if (!first)
			first = &p->rules[i];
		cond_kinds(cd, &arches, &caps, &kernel);
		count++;
	}
	if (!first)
		return;
	snprintf(what, sizeof(what), "%s%s%s%s%s", arches ? "arches" : "",
		 arches && (caps || kernel) ? ", " : "", caps ? "caps" : "",
		 caps && kernel ? ", " : "", kernel ? "minKernel" : "");
	lint_report(
	    c, "SCP006", SEV_WARNING, includes ? &first->includes.src : &first->excludes.src,
	    "for containerd/Kubernetes, resolve the profile for your nodes and drop the "
	    "conditions (keep only the entries that apply)",
	    "\"%s\" (%s; %zu %s) is a Docker/containers extension: " OCI_IGNORES
	    ", so under containerd those entries %s",
	    key, what, count, count == 1 ? "entry" : "entries",
	    includes ? "apply to every container, whatever its arch, capabilities and kernel"
		     : "are never excluded");
}

static void check_docker_keys(struct lint_ctx *c)
{
	const struct profile *p = c->raw;
	const struct profile_rule *first_name = NULL;
	size_t n_name = 0;

	if (p->n_archmap) {
		lint_report(
		    c, "SCP006", SEV_WARNING, &p->archmap[0].src,
		    "list the arches in \"architectures\" for containerd and the OCI runtimes",
		    "\"archMap\" is a Docker/containers extension: " OCI_IGNORES "%s",
		    p->n_arches ? ""
				: "; without \"architectures\" the filter then covers only the "
				  "node's native arch and other ABIs (x86 on x86_64, arm on "
				  "aarch64) hit the bad-arch action");
		if (p->has_arches && p->n_arches)
			lint_report(
			    c, "SCP006", SEV_WARNING, &p->arch_srcs[0],
			    "keep \"architectures\" or \"archMap\", not both",
			    "both \"architectures\" and \"archMap\": Docker and podman refuse "
			    "the profile (\"use either 'architectures' or 'archMap'\")");
	}
	report_conditions(c, "includes", true);
	report_conditions(c, "excludes", false);

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (r->both_names)
			lint_report(
			    c, "SCP006", SEV_WARNING, &r->src, "remove \"name\"",
			    "entry has both \"name\" and \"names\": Docker and podman refuse "
			    "the profile, and the OCI runtimes read only \"names\"");
		else if (r->legacy_name && r->n_names) {
			if (!first_name)
				first_name = r;
			n_name++;
		}
	}
	if (first_name)
		lint_report(c, "SCP006", SEV_WARNING, &first_name->names[0].src,
			    "write \"names\": [\"...\"] instead",
			    "\"name\" (%zu %s) is Docker's legacy spelling: containerd and the OCI "
			    "runtimes (runc, crun) read only \"names\", so under them %s nothing",
			    n_name, n_name == 1 ? "entry" : "entries",
			    n_name == 1 ? "this entry does" : "these entries do");
}

/* ---- SCP007, SCP029, SCP030: actions the runtimes or the kernel treat specially ---- */

static void check_action_use(struct lint_ctx *c, enum profile_action a,
			     const struct profile_src *src, bool is_default)
{
	const char *where = is_default ? "as the default action" : "in this rule";

	if (a == ACT_KILL_THREAD)
		lint_report(
		    c, "SCP029", SEV_WARNING, src,
		    "use SCMP_ACT_KILL_PROCESS (Linux 4.14+), or SCMP_ACT_ERRNO to fail the "
		    "call",
		    "SCMP_ACT_KILL_THREAD (what SCMP_ACT_KILL means) %s kills only the "
		    "calling thread: the other threads of the process run on with whatever "
		    "it held (locks, half-written state)",
		    where);
	else if (a == ACT_TRACE)
		lint_report(
		    c, "SCP030", SEV_WARNING, src,
		    "deny with SCMP_ACT_ERRNO or SCMP_ACT_KILL_PROCESS where the decision "
		    "must hold",
		    "SCMP_ACT_TRACE %s: without a tracer attached (PTRACE_O_TRACESECCOMP) the "
		    "call fails with ENOSYS, and an attached tracer can rewrite or skip it "
		    "after the filter ran",
		    where);
	else if (a == ACT_NOTIFY)
		lint_report(
		    c, "SCP030", SEV_WARNING, src,
		    "use NOTIFY to emulate calls; deny in the filter what must stay denied",
		    "SCMP_ACT_NOTIFY %s is no security boundary: the supervisor reads pointer "
		    "arguments from the caller's memory, which another thread can change "
		    "after the check (TOCTOU)",
		    where);
}

static void check_actions(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	const struct profile_rule *first_notify = NULL;

	check_action_use(c, p->default_action, &p->default_src, true);
	/* runc refuses NOTIFY as the default action ("SCMP_ACT_NOTIFY cannot be
	 * used as default action"): the runtime's own calls after loading the
	 * filter would wait for a supervisor that only gets the listener fd
	 * later.  Without listenerPath it fails with "listenerPath is not set"
	 * (both messages are in runc 1.1.5). */
	if (p->default_action == ACT_NOTIFY)
		lint_report(
		    c, "SCP007", SEV_ERROR, &p->default_src,
		    "make the default SCMP_ACT_ERRNO and notify only the calls the supervisor "
		    "handles",
		    "SCMP_ACT_NOTIFY cannot be the default action: runc refuses the profile "
		    "(\"SCMP_ACT_NOTIFY cannot be used as default action\"), since its own "
		    "calls after loading the filter would wait for a supervisor");
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		/* A rule with the default action never reaches the filter
		 * (SCP014 says so); what matters is the default itself. */
		if (rule_is_default(p, r))
			continue;
		check_action_use(c, r->action, &r->action_src, false);
		if (r->action != ACT_NOTIFY)
			continue;
		if (!first_notify)
			first_notify = r;
		/* runc: "SCMP_ACT_NOTIFY cannot be used for the write syscall";
		 * the runtime writes to its sync pipe after loading the filter
		 * and would block on its own supervisor. */
		for (size_t j = 0; j < r->n_names; j++)
			if (strcmp(r->names[j].name, "write") == 0)
				lint_report(
				    c, "SCP007", SEV_ERROR, &r->names[j].src,
				    "remove write from the NOTIFY entry",
				    "SCMP_ACT_NOTIFY on write: runc refuses it, since the "
				    "runtime writes to its sync pipe after the filter is loaded "
				    "and would deadlock");
	}
	if ((first_notify || p->default_action == ACT_NOTIFY) &&
	    (!p->listener_path || !p->listener_path[0]))
		lint_report(
		    c, "SCP007", SEV_ERROR,
		    first_notify ? &first_notify->action_src : &p->default_src,
		    "set \"listenerPath\" to the supervisor's unix socket",
		    "SCMP_ACT_NOTIFY without \"listenerPath\": the runtime has nowhere to send "
		    "the notification fd, and runc refuses the profile (\"listenerPath is not "
		    "set\")");
}

/* ---- SCP008, SCP014: several rules for one syscall ----
 *
 * What runc does (libcontainer/seccomp/seccomp_linux.go), then libseccomp
 * 2.5 (src/db.c, db_rule_add), checked against seccomp_export_pfc():
 *
 *  - rules whose action (errno included) is the default are skipped first;
 *  - the conditions of one entry form one chain (ANDed, ordered by argument
 *    index), except that an entry testing one index twice becomes one
 *    single-condition rule per condition (SCP009);
 *  - the first unconditional rule for a syscall wins: a later unconditional
 *    rule is silently ignored, and conditional rules, before or after it,
 *    are discarded (an unconditional rule clears the chains, a conditional
 *    one is not added under an unconditional one);
 *  - among conditional rules, the same chain with another action fails
 *    with EEXIST (runc then refuses to start the container); when one chain
 *    is a prefix of another with another action, the order decides: the
 *    shorter one first and the longer one is silently dropped, the longer
 *    one first and the shorter one fails with EEXIST.
 *
 * Severity follows the consequence: a filter that fails to load (EEXIST:
 * the container does not start) is an error; a conflict libseccomp settles
 * by order is a warning naming the rule that wins, since the profile then
 * loads but one of its rules is dead (the containers' default profile has
 * one: setns is allowed in its main list and denied without CAP_SYS_ADMIN,
 * so the deny never applies).  Same-action repeats are harmless and
 * reported as SCP014 (info).
 */

struct occ {
	const char *name;
	size_t rule; /* index into res->rules */
	size_t name_idx;
};

static int occ_cmp(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d)
		return d;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->name_idx < y->name_idx ? -1 : x->name_idx > y->name_idx;
}

static bool has_repeated_index(const struct profile_rule *r)
{
	unsigned seen = 0;

	for (size_t i = 0; i < r->n_args; i++) {
		if (seen & (1u << r->args[i].index))
			return true;
		seen |= 1u << r->args[i].index;
	}
	return false;
}

/* A chain: the conditions of one libseccomp rule, ordered by index. */
struct chain {
	const struct profile_arg *args[6];
	size_t n;
};

static int chain_arg_cmp(const void *a, const void *b)
{
	const struct profile_arg *x = *(const struct profile_arg *const *)a;
	const struct profile_arg *y = *(const struct profile_arg *const *)b;

	return (x->index > y->index) - (x->index < y->index);
}

/* The chains runc adds for a rule (see has_repeated_index). */
static size_t rule_chains(const struct profile_rule *r, struct chain out[static 6])
{
	size_t n = r->n_args > 6 ? 6 : r->n_args;

	if (has_repeated_index(r)) {
		for (size_t i = 0; i < n; i++)
			out[i] = (struct chain){.args = {&r->args[i]}, .n = 1};
		return n;
	}
	out[0].n = n;
	for (size_t i = 0; i < n; i++)
		out[0].args[i] = &r->args[i];
	qsort(out[0].args, n, sizeof(out[0].args[0]), chain_arg_cmp);
	return 1;
}

/* libseccomp's node equality: index, operator and datum (MASKED_EQ
 * compares (arg & value) with valueTwo & value; the other operators
 * ignore valueTwo). */
static bool arg_equal(const struct profile_arg *a, const struct profile_arg *b)
{
	if (a->index != b->index || a->op != b->op || a->value != b->value)
		return false;
	return a->op != OP_MASKED_EQ || (a->value_two & a->value) == (b->value_two & b->value);
}

/* Number of leading conditions the two chains share. */
static size_t chain_common(const struct chain *a, const struct chain *b)
{
	size_t i = 0;

	while (i < a->n && i < b->n && arg_equal(a->args[i], b->args[i]))
		i++;
	return i;
}

static void fmt_chain(char *buf, size_t n, const struct chain *ch)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ch->n && len + 1 < n; i++) {
		char cond[80];
		int w;

		fmt_cond(cond, sizeof(cond), ch->args[i]);
		w = snprintf(buf + len, n - len, "%s%s", i ? " && " : "", cond);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

/* Two conditional rules for one name: compare every pair of their chains. */
static void compare_conditional(struct lint_ctx *c, const struct occ *first,
				const struct occ *second)
{
	const struct profile *p = c->res;
	const struct profile_rule *ra = &p->rules[first->rule], *rb = &p->rules[second->rule];
	const struct profile_src *at = &rb->names[second->name_idx].src;
	const char *name = first->name;
	struct chain ca[6], cb[6];
	size_t na = rule_chains(ra, ca), nb = rule_chains(rb, cb);
	bool same = rules_same_action(p, ra, rb);
	char act_a[48], act_b[48], conds[400];

	fmt_rule_action(act_a, p, ra);
	fmt_rule_action(act_b, p, rb);
	for (size_t i = 0; i < na; i++) {
		for (size_t j = 0; j < nb; j++) {
			size_t common = chain_common(&ca[i], &cb[j]);

			if (common < ca[i].n && common < cb[j].n)
				continue; /* diverging chains: separate branches */
			if (ca[i].n == cb[j].n) {
				fmt_chain(conds, sizeof(conds), &ca[i]);
				if (same)
					lint_report(
					    c, "SCP014", SEV_INFO, at, "remove the repeated entry",
					    "\"%s\" with %s already gets %s from %s: this rule "
					    "repeats it",
					    name, conds, act_a, ra->src.path);
				else
					lint_report(
					    c, "SCP008", SEV_ERROR, at,
					    "give these conditions one action: remove the "
					    "name from one of the entries",
					    "\"%s\" with %s gets %s in %s but %s here: libseccomp "
					    "refuses the second rule (EEXIST), so runc and crun "
					    "fail to start the container",
					    name, conds, act_a, ra->src.path, act_b);
				return;
			}
			if (same) {
				const struct chain *longer = ca[i].n > cb[j].n ? &ca[i] : &cb[j];
				const struct profile_rule *shorter_rule =
				    ca[i].n > cb[j].n ? rb : ra;
				const struct occ *longer_occ = ca[i].n > cb[j].n ? first : second;

				fmt_chain(conds, sizeof(conds), longer);
				lint_report(
				    c, "SCP014", SEV_INFO,
				    &p->rules[longer_occ->rule].names[longer_occ->name_idx].src,
				    "remove the narrower rule",
				    "\"%s\" with %s is subsumed by the shorter condition list of "
				    "%s (same action): libseccomp keeps only the shorter one",
				    name, conds, shorter_rule->src.path);
				return;
			}
			if (ca[i].n < cb[j].n) {
				/* Shorter first: the longer chain is not added. */
				fmt_chain(conds, sizeof(conds), &cb[j]);
				lint_report(
				    c, "SCP008", SEV_WARNING, at,
				    "order does not help: merge the two entries' conditions, or "
				    "use conditions that exclude each other",
				    "\"%s\" with %s gets %s here, but %s already gives %s to a "
				    "prefix of these conditions: libseccomp silently drops this "
				    "rule",
				    name, conds, act_b, ra->src.path, act_a);
			} else {
				/* Longer first: the shorter one collides with it. */
				fmt_chain(conds, sizeof(conds), &cb[j]);
				lint_report(
				    c, "SCP008", SEV_ERROR, at,
				    "merge the two entries' conditions, or use conditions that "
				    "exclude each other",
				    "\"%s\" with %s gets %s here, but %s gives %s when further "
				    "conditions also hold: libseccomp refuses this rule (EEXIST), "
				    "so runc and crun fail to start the container",
				    name, conds, act_b, ra->src.path, act_a);
			}
			return;
		}
	}
}

static void check_name_group(struct lint_ctx *c, const struct occ *g, size_t n)
{
	const struct profile *p = c->res;
	const struct occ *uncond = NULL;
	char act_u[48], act_o[48];

	for (size_t i = 0; i < n && !uncond; i++)
		if (p->rules[g[i].rule].n_args == 0)
			uncond = &g[i];

	for (size_t i = 0; i < n; i++) {
		const struct profile_rule *r = &p->rules[g[i].rule];
		const struct profile_src *at = &r->names[g[i].name_idx].src;

		/* The same name twice in one entry. */
		if (i > 0 && g[i - 1].rule == g[i].rule) {
			lint_report(c, "SCP014", SEV_INFO, at, "remove the repeat",
				    "\"%s\" is listed twice in %s", g[i].name, r->src.path);
			continue;
		}
		if (uncond) {
			const struct profile_rule *u = &p->rules[uncond->rule];

			if (&g[i] == uncond)
				continue;
			fmt_rule_action(act_u, p, u);
			fmt_rule_action(act_o, p, r);
			if (r->n_args == 0 && rules_same_action(p, u, r))
				lint_report(
				    c, "SCP014", SEV_INFO, at, "remove the repeat",
				    "\"%s\" already gets %s from %s: this repeat does nothing",
				    g[i].name, act_u, u->src.path);
			else if (r->n_args == 0)
				lint_report(
				    c, "SCP008", SEV_WARNING, at,
				    "give the syscall one unconditional action: remove the "
				    "name from one of the entries",
				    "\"%s\" gets %s here but %s in %s: libseccomp keeps the first "
				    "unconditional rule and silently ignores this one",
				    g[i].name, act_o, act_u, u->src.path);
			else if (rules_same_action(p, u, r))
				lint_report(
				    c, "SCP014", SEV_INFO, at,
				    "drop the conditional rule, or the unconditional one",
				    "the conditions on \"%s\" change nothing: %s already gives "
				    "it %s unconditionally",
				    g[i].name, u->src.path, act_u);
			else
				lint_report(
				    c, "SCP008", SEV_WARNING, at,
				    "remove the name from the unconditional entry, or express "
				    "the other cases as conditions too",
				    "the conditional %s for \"%s\" never applies: %s gives it "
				    "%s unconditionally, and libseccomp keeps an unconditional "
				    "rule over conditional ones, whatever their order",
				    act_o, g[i].name, u->src.path, act_u);
			continue;
		}
		/* Only conditional rules: compare with every earlier entry. */
		for (size_t j = 0; j < i; j++)
			if (g[j].rule != g[i].rule && (j == 0 || g[j - 1].rule != g[j].rule))
				compare_conditional(c, &g[j], &g[i]);
	}
}

static void check_conflicts(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	_cleanup_free_ struct occ *occ = NULL;
	size_t n = 0, total = 0;

	for (size_t i = 0; i < p->n_rules; i++)
		if (!rule_is_default(p, &p->rules[i]))
			total += p->rules[i].n_names;
	if (total < 2)
		return;
	occ = calloc(total, sizeof(*occ));
	if (!occ) {
		if (!c->rc)
			c->rc = -ENOMEM;
		return;
	}
	for (size_t i = 0; i < p->n_rules; i++) {
		if (rule_is_default(p, &p->rules[i]))
			continue;
		for (size_t j = 0; j < p->rules[i].n_names; j++)
			occ[n++] = (struct occ){p->rules[i].names[j].name, i, j};
	}
	qsort(occ, n, sizeof(*occ), occ_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && strcmp(occ[j].name, occ[i].name) == 0)
			j++;
		if (j - i > 1)
			check_name_group(c, &occ[i], j - i);
		i = j;
	}
}

/* SCP014: a rule with the default action is skipped by runc and crun. */
static void check_default_rules(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	char act[48];

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (!rule_is_default(p, r))
			continue;
		lint_report(c, "SCP014", SEV_INFO, &r->action_src,
			    "remove the entry, or give it the action you meant",
			    "%s is the default action: runc and crun drop this rule%s, so its %zu "
			    "%s just get the default",
			    fmt_rule_action(act, p, r), r->n_args ? " and its conditions" : "",
			    r->n_names, r->n_names == 1 ? "name" : "names");
	}
}

/* ---- SCP009-SCP013: argument conditions ---- */

/* SCP009.  libseccomp refuses two comparisons of one argument in a rule
 * (EINVAL), so runc (and crun) fall back to one rule per condition: the
 * entry then matches when ANY of its conditions holds. */
static void check_repeated_index(struct lint_ctx *c, const struct profile_rule *r)
{
	char list[512], cond[80];
	size_t len = 0;

	for (size_t i = 1; i < r->n_args; i++) {
		for (size_t j = 0; j < i; j++) {
			if (r->args[i].index != r->args[j].index)
				continue;
			list[0] = '\0';
			for (size_t k = 0; k < r->n_args && len + 1 < sizeof(list); k++) {
				int w;

				fmt_cond(cond, sizeof(cond), &r->args[k]);
				w = snprintf(list + len, sizeof(list) - len, "%s%s",
					     k ? " OR " : "", cond);
				if (w < 0)
					break;
				len += (size_t)w;
			}
			lint_report(
			    c, "SCP009", SEV_WARNING, &r->args[i].src,
			    "libseccomp cannot AND two tests of one argument: write one "
			    "entry per alternative, or a single SCMP_CMP_MASKED_EQ test",
			    "arg%u is tested twice in this entry (args[%zu] and args[%zu]): "
			    "runc and crun then add each of its %zu conditions as a rule of its "
			    "own, so the entry matches when any holds: %s",
			    r->args[i].index, j, i, r->n_args, list);
			return;
		}
	}
}

/* SCP010.  libseccomp: SCMP_CMP_MASKED_EQ(mask = value, datum = valueTwo)
 * tests (arg & value) == valueTwo; every other operator ignores valueTwo. */
static void check_masked(struct lint_ctx *c, const struct profile_arg *a)
{
	char v1[24], v2[24], v3[24];

	if (a->op != OP_MASKED_EQ) {
		if (a->has_value_two && a->value_two != 0)
			lint_report(
			    c, "SCP010", SEV_WARNING, &a->src,
			    "remove valueTwo, or use SCMP_CMP_MASKED_EQ with the mask in value",
			    "valueTwo %s is ignored: only SCMP_CMP_MASKED_EQ uses it, %s "
			    "compares arg%u with value %s alone",
			    fmt_val(v1, a->value_two), profile_op_name(a->op), a->index,
			    fmt_val(v2, a->value));
		return;
	}
	if (a->value_two & ~a->value) {
		bool swapped = (a->value & ~a->value_two) == 0;

		lint_report(
		    c, "SCP010", SEV_ERROR, &a->src,
		    swapped ? "value is the mask and valueTwo the bits expected: they look "
			      "swapped"
			    : "value is the mask and valueTwo the bits expected: make valueTwo "
			      "a subset of value",
		    "(arg%u & %s) == %s can never hold: valueTwo has bits outside the mask in "
		    "value (libseccomp 2.5 masks valueTwo first and so tests (arg%u & %s) == "
		    "%s instead%s; older versions never match)",
		    a->index, fmt_val(v1, a->value), fmt_val(v2, a->value_two), a->index, v1,
		    fmt_val(v3, a->value_two & a->value),
		    a->value == 0 ? ", which always holds" : "");
	} else if (a->value == 0) {
		lint_report(
		    c, "SCP010", SEV_WARNING, &a->src,
		    "value is the mask: put the bits to test in value",
		    "the mask (value) is 0, so (arg%u & 0) == 0 always holds: the condition "
		    "does nothing",
		    a->index);
	}
}

/* SCP011: pointer arguments of common syscalls.  Argument layouts are the
 * generic ones (identical on every arch for these calls); clone is left out
 * because s390 swaps its first two arguments. */
struct ptr_args {
	const char *name;
	const char *arg[6]; /* name of each pointer argument, NULL for values */
};

static const struct ptr_args ptr_table[] = {
    {"open", {"pathname"}},
    {"creat", {"pathname"}},
    {"openat", {NULL, "pathname"}},
    {"openat2", {NULL, "pathname", "how"}},
    {"execve", {"filename", "argv", "envp"}},
    {"execveat", {NULL, "pathname", "argv", "envp"}},
    {"stat", {"pathname", "statbuf"}},
    {"lstat", {"pathname", "statbuf"}},
    {"fstat", {NULL, "statbuf"}},
    {"newfstatat", {NULL, "pathname", "statbuf"}},
    {"statx", {NULL, "pathname", NULL, NULL, "statxbuf"}},
    {"access", {"pathname"}},
    {"faccessat", {NULL, "pathname"}},
    {"faccessat2", {NULL, "pathname"}},
    {"chmod", {"pathname"}},
    {"fchmodat", {NULL, "pathname"}},
    {"chown", {"pathname"}},
    {"lchown", {"pathname"}},
    {"fchownat", {NULL, "pathname"}},
    {"unlink", {"pathname"}},
    {"unlinkat", {NULL, "pathname"}},
    {"mkdir", {"pathname"}},
    {"mkdirat", {NULL, "pathname"}},
    {"rmdir", {"pathname"}},
    {"mknod", {"pathname"}},
    {"mknodat", {NULL, "pathname"}},
    {"rename", {"oldpath", "newpath"}},
    {"renameat", {NULL, "oldpath", NULL, "newpath"}},
    {"renameat2", {NULL, "oldpath", NULL, "newpath"}},
    {"link", {"oldpath", "newpath"}},
    {"linkat", {NULL, "oldpath", NULL, "newpath"}},
    {"symlink", {"target", "linkpath"}},
    {"symlinkat", {"target", NULL, "linkpath"}},
    {"readlink", {"pathname", "buf"}},
    {"readlinkat", {NULL, "pathname", "buf"}},
    {"truncate", {"path"}},
    {"utimensat", {NULL, "pathname", "times"}},
    {"chdir", {"path"}},
    {"chroot", {"path"}},
    {"pivot_root", {"new_root", "put_old"}},
    {"mount", {"source", "target", "filesystemtype", NULL, "data"}},
    {"umount2", {"target"}},
    {"open_tree", {NULL, "filename"}},
    {"move_mount", {NULL, "from_pathname", NULL, "to_pathname"}},
    {"fsopen", {"fsname"}},
    {"mount_setattr", {NULL, "pathname", NULL, "attr"}},
    {"swapon", {"path"}},
    {"swapoff", {"path"}},
    {"acct", {"filename"}},
    {"name_to_handle_at", {NULL, "pathname", "handle", "mount_id"}},
    {"open_by_handle_at", {NULL, "handle"}},
    {"memfd_create", {"name"}},
    {"connect", {NULL, "addr"}},
    {"bind", {NULL, "addr"}},
    {"accept", {NULL, "addr", "addrlen"}},
    {"accept4", {NULL, "addr", "addrlen"}},
    {"getsockname", {NULL, "addr", "addrlen"}},
    {"getpeername", {NULL, "addr", "addrlen"}},
    {"sendto", {NULL, "buf", NULL, NULL, "dest_addr"}},
    {"recvfrom", {NULL, "buf", NULL, NULL, "src_addr", "addrlen"}},
    {"sendmsg", {NULL, "msg"}},
    {"recvmsg", {NULL, "msg"}},
    {"sendmmsg", {NULL, "msgvec"}},
    {"recvmmsg", {NULL, "msgvec"}},
    {"setsockopt", {NULL, NULL, NULL, "optval"}},
    {"getsockopt", {NULL, NULL, NULL, "optval", "optlen"}},
    {"socketcall", {NULL, "args"}},
    {"read", {NULL, "buf"}},
    {"write", {NULL, "buf"}},
    {"pread64", {NULL, "buf"}},
    {"pwrite64", {NULL, "buf"}},
    {"clone3", {"cl_args"}},
    {"bpf", {NULL, "attr"}},
    {"perf_event_open", {"attr"}},
    {"seccomp", {NULL, NULL, "args"}},
    {"init_module", {"module_image", NULL, "param_values"}},
    {"finit_module", {NULL, "param_values"}},
    {"futex", {"uaddr"}},
};

static const char *pointer_arg(const char *syscall, unsigned index)
{
	if (index > 5)
		return NULL;
	for (size_t i = 0; i < SC_ARRAY_SIZE(ptr_table); i++)
		if (strcmp(ptr_table[i].name, syscall) == 0)
			return ptr_table[i].arg[index];
	return NULL;
}

/* seccomp_data carries the six argument registers, never what they point
 * to (Documentation/userspace-api/seccomp_filter.rst): a comparison with a
 * pointer compares addresses. */
static void check_pointer_args(struct lint_ctx *c, const struct profile_rule *r)
{
	for (size_t i = 0; i < r->n_names; i++) {
		for (size_t j = 0; j < r->n_args; j++) {
			const struct profile_arg *a = &r->args[j];
			const char *what = pointer_arg(r->names[i].name, a->index);
			bool null_check = (a->op == OP_EQ || a->op == OP_NE) && a->value == 0;

			if (!what)
				continue;
			if (null_check)
				lint_report(
				    c, "SCP011", SEV_WARNING, &a->src,
				    "keep it only if a NULL test is what you mean",
				    "condition on %s argument %u (%s), a pointer: value 0 makes "
				    "it a NULL check, the only pointer comparison that means "
				    "something; it never looks at the data",
				    r->names[i].name, a->index, what);
			else
				lint_report(
				    c, "SCP011", SEV_WARNING, &a->src,
				    "seccomp cannot see memory: restrict paths and addresses "
				    "with Landlock, an LSM, mounts or network policy",
				    "condition on %s argument %u (%s), a pointer: BPF compares "
				    "the address, never the data it points to",
				    r->names[i].name, a->index, what);
		}
	}
}

/* SCP012.  libseccomp generates 32-bit comparisons for 32-bit ABIs
 * (ARCH_SIZE_32, which includes x32 and MIPS n32) and drops the upper
 * half of the value there (db.c _db_rule_gen_arg_32).  For MASKED_EQ the
 * compared datum is valueTwo & value; high bits in the mask alone are
 * harmless (a 32-bit argument has no upper half to test). */
static void check_wide_values(struct lint_ctx *c, const struct profile_rule *r,
			      const struct arch_info *const *arches32, size_t n32)
{
	char list[256], v1[24];

	if (!n32)
		return;
	fmt_arch_list(list, sizeof(list), arches32, n32);
	for (size_t j = 0; j < r->n_args; j++) {
		const struct profile_arg *a = &r->args[j];
		uint64_t datum = a->op == OP_MASKED_EQ ? a->value_two & a->value : a->value;
		bool sign_ext = (datum >> 32) == 0xffffffffu && (datum & 0x80000000u);

		struct profile_arg low = *a;
		char cond[80];

		if (datum <= 0xffffffffu)
			continue;
		low.value &= 0xffffffffu;
		low.value_two &= 0xffffffffu;
		fmt_cond(cond, sizeof(cond), &low);
		lint_report(c, "SCP012", SEV_WARNING, &a->src,
			    sign_ext ? "for a negative int, test the low half on every ABI: "
				       "SCMP_CMP_MASKED_EQ with value 4294967295 and valueTwo the "
				       "32-bit value"
				     : "use a value that fits in 32 bits, or a separate profile "
				       "without the 32-bit arches",
			    "%s %s does not fit in 32 bits, but libseccomp builds 32-bit "
			    "comparisons for %s: it keeps only the low half there and tests %s%s",
			    a->op == OP_MASKED_EQ ? "valueTwo" : "value", fmt_val(v1, datum), list,
			    cond,
			    sign_ext ? "; it looks like a sign-extended negative number, which "
				       "64-bit callers may pass zero-extended"
				     : "");
	}
}

/* SCP013.  On these arches the socket and SysV IPC calls can also be made
 * through the multiplexers socketcall(call, args) and ipc(call, ...),
 * which pass the real arguments behind a pointer.  libseccomp adds a
 * multiplexer rule that matches only the call number and compares the
 * remaining conditions with unrelated registers.  (s390x and ppc64 keep
 * both multiplexers for 64-bit callers too; arm, aarch64, x86_64 and
 * mips64 never had them.) */
static const char *const mux_arches[] = {"x86",	  "s390",    "s390x", "ppc",
					 "ppc64", "ppc64le", "mips",  "mipsel"};

static const char *const socket_calls[] = {
    "socket",	"bind",	      "connect",     "accept",	    "accept4",	  "listen",
    "sendto",	"recvfrom",   "sendmsg",     "recvmsg",	    "setsockopt", "getsockopt",
    "shutdown", "socketpair", "getsockname", "getpeername", "sendmmsg",	  "recvmmsg",
};

static const char *const ipc_calls[] = {
    "semop",  "semget", "semctl", "semtimedop", "msgsnd", "msgrcv",
    "msgget", "msgctl", "shmat",  "shmdt",	"shmget", "shmctl",
};

static void check_multiplexed(struct lint_ctx *c, const struct profile_rule *r,
			      const struct arch_info *const *mux, size_t n_mux)
{
	char list[256];

	if (!n_mux || !r->n_args)
		return;
	fmt_arch_list(list, sizeof(list), mux, n_mux);
	for (size_t i = 0; i < r->n_names; i++) {
		const char *name = r->names[i].name;
		bool sock = name_in(name, socket_calls, SC_ARRAY_SIZE(socket_calls));

		if (!sock && !name_in(name, ipc_calls, SC_ARRAY_SIZE(ipc_calls)))
			continue;
		lint_report(
		    c, "SCP013", SEV_WARNING, &r->names[i].src,
		    sock ? "decide socketcall() explicitly (deny it if the workload uses "
			   "the direct calls), and do not rely on these conditions there"
			 : "decide ipc() explicitly (deny it if the workload uses the direct "
			   "calls), and do not rely on these conditions there",
		    "%s has argument conditions, but on %s it can also be called through "
		    "%s(), whose arguments sit behind a pointer: libseccomp matches only the "
		    "call number there and compares the other conditions with unrelated "
		    "registers",
		    name, list, sock ? "socketcall" : "ipc");
	}
}

/* Every arch the file names ("architectures", each archMap entry and its
 * subArchitectures), in order and without repeats.  Messages list these
 * rather than the current target's arches, so that a finding reads the same
 * for every resolution target and the driver's de-duplication merges it. */
static size_t file_arches(const struct lint_ctx *c, const struct arch_info **out)
{
	const struct profile *raw = c->raw;
	size_t n = 0;

#define ADD_ARCH(a)                                                                                \
	do {                                                                                       \
		bool dup_ = false;                                                                 \
		for (size_t k_ = 0; k_ < n; k_++)                                                  \
			dup_ |= out[k_] == (a);                                                    \
		if (!dup_ && n < MAX_ARCHES)                                                       \
			out[n++] = (a);                                                            \
	} while (0)
	for (size_t i = 0; i < raw->n_arches; i++)
		ADD_ARCH(raw->arches[i]);
	for (size_t i = 0; i < raw->n_archmap; i++) {
		ADD_ARCH(raw->archmap[i].arch);
		for (size_t j = 0; j < raw->archmap[i].n_subs; j++)
			ADD_ARCH(raw->archmap[i].subs[j]);
	}
#undef ADD_ARCH
	return n;
}

static bool is_mux_arch(const struct arch_info *a)
{
	return name_in(a->name, mux_arches, SC_ARRAY_SIZE(mux_arches));
}

/* The arches of `all` that match, or of `eff` when none of `all` does. */
static size_t pick_arches(const struct arch_info *const *all, size_t n_all,
			  const struct arch_info *const *eff, size_t n_eff,
			  bool (*match)(const struct arch_info *), const struct arch_info **out)
{
	size_t n = 0;

	for (size_t i = 0; i < n_all; i++)
		if (match(all[i]))
			out[n++] = all[i];
	for (size_t i = 0; i < n_eff && n == 0; i++)
		if (match(eff[i]))
			out[n++] = eff[i];
	return n;
}

static bool is_32bit(const struct arch_info *a)
{
	return a->bits == 32;
}

static void check_args(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	const struct arch_info *eff[MAX_ARCHES], *all[MAX_ARCHES], *a32[MAX_ARCHES],
	    *mux[MAX_ARCHES];
	size_t n_eff = effective_arches(c, eff), n_all = file_arches(c, all), n32 = 0, n_mux = 0;
	bool has32 = false, has_mux = false;

	/* Whether a rule applies depends on the arches this target's filter
	 * covers; the message names those of the whole file. */
	for (size_t i = 0; i < n_eff; i++) {
		has32 |= is_32bit(eff[i]);
		has_mux |= is_mux_arch(eff[i]);
	}
	if (has32)
		n32 = pick_arches(all, n_all, eff, n_eff, is_32bit, a32);
	if (has_mux)
		n_mux = pick_arches(all, n_all, eff, n_eff, is_mux_arch, mux);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (!r->n_args || rule_is_default(p, r))
			continue;
		check_repeated_index(c, r);
		for (size_t j = 0; j < r->n_args; j++)
			check_masked(c, &r->args[j]);
		check_pointer_args(c, r);
		check_wide_values(c, r, a32, n32);
		check_multiplexed(c, r, mux, n_mux);
	}
}

/* ---- SCP015 (endianness), SCP016: the arch list ---- */

/* libseccomp keeps one endianness per filter collection: adding an arch
 * of the other one fails with EDOM, so runc and crun refuse the profile. */
static void check_endianness(struct lint_ctx *c)
{
	const struct profile *p = c->res;

	for (size_t i = 1; i < p->n_arches; i++) {
		if (p->arches[i]->big_endian == p->arches[0]->big_endian)
			continue;
		lint_report(c, "SCP015", SEV_ERROR, &p->arch_srcs[i],
			    "keep one endianness per profile: write one profile per platform",
			    "%s is %s-endian but %s is %s-endian: libseccomp cannot put both in "
			    "one filter (EDOM), so the runtime refuses the profile",
			    p->arches[i]->oci, p->arches[i]->big_endian ? "big" : "little",
			    p->arches[0]->oci, p->arches[0]->big_endian ? "big" : "little");
	}
}

/* SCP016.  A call from an ABI the filter does not list hits libseccomp's
 * bad-arch action, SCMP_ACT_KILL (the thread is killed), whatever the
 * default action.  x86_64 kernels run i386 code (and int 0x80 from 64-bit
 * code) and, when enabled, x32; arm64 kernels run AArch32 code on CPUs
 * that have it, which is why Docker's archMap pairs AARCH64 with ARM.  The
 * other compat pairs (s390x/s390, ppc64/ppc, mips64/o32) are left out:
 * containers on those hosts hardly ever run the old ABI.
 *
 * The reverse (a compat ABI without its 64-bit arch) changes nothing at
 * run time, since runc and crun always keep the host's native arch in the
 * filter; it is still worth a warning because the profile then relies on
 * that to cover 64-bit callers at all.  Nothing is said about an empty
 * list: it means "native only" on purpose. */
static void report_missing_compat(struct lint_ctx *c, const struct profile_src *src,
				  const char *arch64, const char *missing, const char *who)
{
	const char *consequence =
	    lint_is_allowlist(c->res)
		? "instead of getting this profile's answers (fine if you never run "
		  "them: it also closes the compat syscall surface)"
		: "although this denylist means to let them through";

	lint_report(c, "SCP016", SEV_WARNING, src,
		    "add the missing arches if the container may run such programs; leave them "
		    "out on purpose only to block those ABIs",
		    "%s is listed without %s: %s hit the bad-arch action and are killed on their "
		    "first syscall, %s",
		    arch64, missing, who, consequence);
}

static void check_compat_arches(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	const struct profile_src *s64 = NULL, *s86 = NULL, *sx32 = NULL, *sa64 = NULL, *sarm = NULL;
	bool x86_64 = listed_arch(p, "x86_64", &s64), x86 = listed_arch(p, "x86", &s86),
	     x32 = listed_arch(p, "x32", &sx32), a64 = listed_arch(p, "aarch64", &sa64),
	     arm = listed_arch(p, "arm", &sarm);

	if (x86_64 && !x86 && !x32)
		report_missing_compat(c, s64, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86 and SCMP_ARCH_X32",
				      "i386 programs (and int 0x80 calls from 64-bit ones) and x32 "
				      "programs");
	else if (x86_64 && !x86)
		report_missing_compat(c, s64, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
				      "i386 programs (and int 0x80 calls from 64-bit ones)");
	else if (x86_64 && !x32)
		report_missing_compat(c, s64, "SCMP_ARCH_X86_64", "SCMP_ARCH_X32",
				      "x32 programs (rare: most kernels boot with x32 disabled)");
	if (a64 && !arm)
		report_missing_compat(c, sa64, "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM",
				      "32-bit ARM programs (on CPUs that run AArch32)");
	if (!x86_64 && (x86 || x32))
		lint_report(c, "SCP016", SEV_WARNING, x86 ? s86 : sx32,
			    "add SCMP_ARCH_X86_64 to the list",
			    "%s is listed without SCMP_ARCH_X86_64: runc and crun add the host's "
			    "native arch anyway, so on x86_64 hosts 64-bit calls get these rules "
			    "only implicitly, and tools that read the list see no x86_64 filter",
			    x86 ? "SCMP_ARCH_X86" : "SCMP_ARCH_X32");
	if (!a64 && arm)
		lint_report(c, "SCP016", SEV_WARNING, sarm, "add SCMP_ARCH_AARCH64 to the list",
			    "SCMP_ARCH_ARM is listed without SCMP_ARCH_AARCH64: runc and crun add "
			    "the host's native arch anyway, so on arm64 hosts 64-bit calls get "
			    "these rules only implicitly");
}

/* ---- SCP032: kernel versions ---- */

struct since {
	unsigned major, minor;
};

/* The first kernel that knows each action (include/uapi/linux/seccomp.h
 * history); seccomp filters themselves arrived in 3.5. */
static struct since action_since(enum profile_action a)
{
	switch (a) {
	case ACT_KILL_PROCESS:
	case ACT_LOG: return (struct since){4, 14};
	case ACT_NOTIFY: return (struct since){5, 0};
	default: return (struct since){3, 5};
	}
}

static const struct {
	enum profile_flag flag;
	struct since since;
} flag_since[] = {
    {FLAG_TSYNC, {3, 17}},
    {FLAG_LOG, {4, 14}},
    {FLAG_SPEC_ALLOW, {4, 17}},
    {FLAG_WAIT_KILLABLE_RECV, {5, 19}},
};

static void check_action_kernel(struct lint_ctx *c, enum profile_action a,
				const struct profile_src *src)
{
	struct since s = action_since(a);

	if (s.major == 3 || lint_min_kernel_at_least(c, s.major, s.minor))
		return;
	lint_report(
	    c, "SCP032", SEV_WARNING, src,
	    "raise --min-kernel if older kernels are out of scope, or use an older action",
	    "%s needs Linux %u.%u, but the profile must work on %u.%u: older kernels do not "
	    "know it, so libseccomp refuses it there or the kernel treats it as kill",
	    profile_action_name(a), s.major, s.minor, c->min_major, c->min_minor);
}

static void check_kernel(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	bool notify = p->default_action == ACT_NOTIFY;

	if (!lint_min_kernel_at_least(c, 3, 5)) {
		lint_report(c, "SCP032", SEV_WARNING, &p->default_src,
			    "seccomp profiles need Linux 3.5 or later",
			    "seccomp filters need Linux 3.5, but the profile must work on %u.%u",
			    c->min_major, c->min_minor);
		return;
	}
	check_action_kernel(c, p->default_action, &p->default_src);
	for (size_t i = 0; i < p->n_rules; i++) {
		if (rule_is_default(p, &p->rules[i]))
			continue;
		check_action_kernel(c, p->rules[i].action, &p->rules[i].action_src);
		notify |= p->rules[i].action == ACT_NOTIFY;
	}
	for (size_t i = 0; i < SC_ARRAY_SIZE(flag_since); i++) {
		struct since s = flag_since[i].since;

		if (!(p->flags & flag_since[i].flag) ||
		    lint_min_kernel_at_least(c, s.major, s.minor))
			continue;
		lint_report(
		    c, "SCP032", SEV_WARNING, &p->flags_src, "drop the flag, or raise --min-kernel",
		    "%s needs Linux %u.%u, but the profile must work on %u.%u: older kernels "
		    "refuse the filter (EINVAL) and the container does not start",
		    profile_flag_name(flag_since[i].flag), s.major, s.minor, c->min_major,
		    c->min_minor);
	}
	/* Before SECCOMP_FILTER_FLAG_TSYNC_ESRCH (5.7) the kernel refuses TSYNC
	 * together with a notification listener; libseccomp checks for it. */
	if (notify && (p->flags & FLAG_TSYNC) && !lint_min_kernel_at_least(c, 5, 7))
		lint_report(c, "SCP032", SEV_WARNING, &p->flags_src,
			    "drop SECCOMP_FILTER_FLAG_TSYNC, or raise --min-kernel to 5.7",
			    "SECCOMP_FILTER_FLAG_TSYNC with SCMP_ACT_NOTIFY needs Linux 5.7 "
			    "(TSYNC_ESRCH), but the profile must work on %u.%u: libseccomp refuses "
			    "the NOTIFY rules there",
			    c->min_major, c->min_minor);
}

/* ---- SCP033: flags ----
 *
 * Without "flags", crun (libcrun/seccomp.c) and runc from 1.2 (specconv:
 * "No flags are set explicitly ... set the default of SpecAllow") load the
 * filter with SECCOMP_FILTER_FLAG_SPEC_ALLOW, so seccomp does not turn on
 * the speculative store bypass mitigation (which it does on kernels booted
 * with spec_store_bypass_disable=seccomp, the default before 5.16).
 *
 * With a non-empty "flags", runc 1.1 refuses the whole config ("seccomp
 * flags are not yet supported by runc", it tests len(Flags) != 0, so an
 * empty list passes).  That is a compatibility problem of the profile's
 * shape, reported here as a warning whenever runc may run it (--runtime
 * runc or any); crun accepts flags. */
static void check_flags(struct lint_ctx *c)
{
	const struct profile *p = c->res;

	if (!p->has_flags) {
		lint_report(
		    c, "SCP033", SEV_INFO, NULL,
		    "add \"flags\": [] to keep the kernel's default (runc 1.2+ honours an "
		    "empty list), or list SECCOMP_FILTER_FLAG_SPEC_ALLOW to say it is meant",
		    "no \"flags\": crun and runc 1.2+ load the filter with "
		    "SECCOMP_FILTER_FLAG_SPEC_ALLOW, which leaves the speculative store "
		    "bypass mitigation off for the container");
		return;
	}
	if (p->flags && (!c->opts || c->opts->runtime == LINT_RUNTIME_RUNC ||
			 c->opts->runtime == LINT_RUNTIME_ANY))
		lint_report(c, "SCP033", SEV_WARNING, &p->flags_src,
			    "remove the flags for runc 1.1 (an empty list is accepted), or require "
			    "runc 1.2+ or crun",
			    "runc 1.1 refuses any seccomp \"flags\" (\"seccomp flags are not yet "
			    "supported by runc\"): the container does not start there");
}

void lint_check_structure(struct lint_ctx *c)
{
	check_docker_keys(c);
	check_actions(c);
	check_default_rules(c);
	check_conflicts(c);
	check_args(c);
	check_endianness(c);
	check_compat_arches(c);
	check_kernel(c);
	check_flags(c);
}
