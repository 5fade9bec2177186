/* Risk rules: what a profile lets a container reach.
 *
 *   SCP021  the default action allows (a denylist)
 *   SCP023  io_uring
 *   SCP024  ptrace before 4.8 (error); cross-process inspection (warning)
 *   SCP025  namespace creation left open while the profile blocks it elsewhere
 *   SCP026  the mount family, or the new mount API next to a denied mount
 *   SCP027  large, non-namespaced kernel interfaces
 *   SCP028  personality with arguments that turn ASLR off
 *
 * "Allowed" is what runc would load: lint_verdict() over the resolved
 * profile.  An unconditional allow-type rule or an allow-type default lets
 * every call through; rules with argument conditions let some through.  For
 * the rules where one flag decides (CLONE_NEWUSER for clone and unshare,
 * ADDR_NO_RANDOMIZE for personality) the conditions are evaluated: a
 * condition counts as a restriction only if no value carrying the flag can
 * pass it.  Names that are no syscall on any listed arch are skipped (an
 * aarch64-only profile cannot reach iopl).
 *
 * Findings point where the profile would be edited: at the name inside the
 * rule that allows it, or at defaultAction when the default does.  Names
 * one source allows are reported together, so a denylist gets one finding
 * per rule and not one per syscall.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "profile/lint.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

/* clone(2)/unshare(2): with a new user namespace the caller holds every
 * capability inside it and can create all other namespace types, which is
 * what makes user-namespace-only kernel code reachable. */
#define CLONE_NEWUSER 0x10000000ull
/* personality(2): ADDR_NO_RANDOMIZE turns off ASLR for the process and
 * what it executes; 0xffffffff only queries the current persona. */
#define ADDR_NO_RANDOMIZE 0x0040000ull
#define PER_QUERY	  0xffffffffull

#define MAX_SET 16

enum reach { REACH_NO, REACH_SOME_ARGS, REACH_YES };

/* How a name is reached: by which rule (NULL: the default action). */
struct hit {
	enum reach level;
	const struct profile_rule *by;
};

/* "Can a call with `bit` set in argument `index` get through?"  `query`
 * excludes one value of the low 32 bits that is harmless although it has
 * the bit (personality's query value). */
struct flag_test {
	unsigned index;
	uint64_t bit;
	bool has_query;
	uint64_t query;
};

/* ---- arches ---- */

static size_t listed_arches(const struct lint_ctx *c, const struct arch_info *const **out)
{
	if (c->res->n_arches) {
		*out = c->res->arches;
		return c->res->n_arches;
	}
	*out = &c->target->native;
	return c->target->native ? 1 : 0;
}

static bool exists_on(const struct arch_info *a, const char *name)
{
	int nr;

	return arch_syscall_resolve(a, name, &nr) == ARCH_SYS_OK;
}

static bool exists_on_listed(const struct lint_ctx *c, const char *name)
{
	const struct arch_info *const *arches;
	size_t n = listed_arches(c, &arches);

	for (size_t i = 0; i < n; i++)
		if (exists_on(arches[i], name))
			return true;
	return false;
}

static uint64_t arg_max(const struct arch_info *a)
{
	return a->bits == 32 ? 0xffffffffull : UINT64_MAX;
}

/* s390 and s390x pass clone's flags in the second argument (the
 * CLONE_BACKWARDS2 order); everywhere else they come first. */
static unsigned clone_flags_index(const struct arch_info *a)
{
	return strcmp(a->name, "s390") == 0 || strcmp(a->name, "s390x") == 0 ? 1 : 0;
}

/* ---- conditions ---- */

/* Is there a value x <= max with t->bit set (and not the query value) for
 * which the condition holds?  The caller chooses the argument freely. */
static bool arg_admits(const struct profile_arg *a, const struct flag_test *t, uint64_t max)
{
	uint64_t v = a->value, w = a->value_two;
	/* the largest candidate: all ones, or one below when that is the query */
	uint64_t top = t->has_query && (max & 0xffffffffull) == t->query ? max - 1 : max;

	switch (a->op) {
	case OP_EQ:
		return (v & t->bit) && v <= max &&
		       !(t->has_query && (v & 0xffffffffull) == t->query);
	case OP_NE: return true; /* t->bit or t->bit | 1: one of them differs */
	case OP_LT: return t->bit < v;
	case OP_LE: return t->bit <= v;
	case OP_GT: return top > v;
	case OP_GE: return top >= v;
	case OP_MASKED_EQ:
		if (w & ~v)
			return false; /* never matches (SCP010) */
		if ((v & t->bit) && !(w & t->bit))
			return false;
		return !(t->has_query && (v & 0xffffffffull) == 0xffffffffull &&
			 (w & 0xffffffffull) == t->query);
	case OP__COUNT: break;
	}
	return true;
}

/* Does the condition hold for every value with t->bit set? */
static bool arg_catches_all(const struct profile_arg *a, const struct flag_test *t, uint64_t max)
{
	uint64_t v = a->value, w = a->value_two;

	switch (a->op) {
	case OP_EQ: return false;
	case OP_NE: return !(v & t->bit);
	case OP_LT: return max < v;
	case OP_LE: return max <= v;
	case OP_GT: return v < t->bit;
	case OP_GE: return v <= t->bit;
	case OP_MASKED_EQ: return (v & ~t->bit) == 0 && w == v;
	case OP__COUNT: break;
	}
	return false;
}

/* runc ANDs the conditions of an entry unless two of them name the same
 * argument; then each condition becomes a rule of its own (ORed). */
static bool conditions_ored(const struct profile_rule *r)
{
	for (size_t i = 0; i < r->n_args; i++)
		for (size_t j = i + 1; j < r->n_args; j++)
			if (r->args[i].index == r->args[j].index)
				return true;
	return false;
}

/* Can a call with the flag get through the rule's conditions?  Conditions
 * on other arguments are satisfiable: the caller sets those registers. */
static bool rule_admits(const struct profile_rule *r, const struct flag_test *t, uint64_t max)
{
	if (conditions_ored(r)) {
		for (size_t i = 0; i < r->n_args; i++)
			if (r->args[i].index != t->index || arg_admits(&r->args[i], t, max))
				return true;
		return false;
	}
	for (size_t i = 0; i < r->n_args; i++)
		if (r->args[i].index == t->index && !arg_admits(&r->args[i], t, max))
			return false;
	return true;
}

/* Does the rule match every call with the flag?  Only when nothing but the
 * flag argument is tested: the caller dodges conditions on the others. */
static bool rule_catches_all(const struct profile_rule *r, const struct flag_test *t, uint64_t max)
{
	if (conditions_ored(r)) {
		for (size_t i = 0; i < r->n_args; i++)
			if (r->args[i].index == t->index && arg_catches_all(&r->args[i], t, max))
				return true;
		return false;
	}
	return r->n_args == 1 && r->args[0].index == t->index &&
	       arg_catches_all(&r->args[0], t, max);
}

static bool rule_names(const struct profile_rule *r, const char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0)
			return true;
	return false;
}

/* runc drops a rule whose action and errno equal the default's. */
static bool rule_dropped(const struct profile *p, const struct profile_rule *r)
{
	return r->action == p->default_action &&
	       profile_rule_errno(p, r) == profile_default_errno(p);
}

/* ---- reach ---- */

/* How `name` is reached on arch `a`; with a flag test, only calls carrying
 * the flag count.  A name that exists on no listed arch is not reached. */
static struct hit reach_on(const struct lint_ctx *c, const struct arch_info *a, const char *name,
			   const struct flag_test *t)
{
	const struct profile *p = c->res;
	const struct profile_rule *r;
	enum profile_action act;
	uint64_t max = arg_max(a);

	switch (lint_verdict(p, name, &r, &act)) {
	case LINT_ALLOWED: return (struct hit){REACH_YES, r};
	case LINT_DENIED: return (struct hit){REACH_NO, NULL};
	case LINT_CONDITIONAL: break;
	}
	/* Only rules with conditions name it: an allow-type one lets some
	 * calls through; an allow-type default lets through what no
	 * deny-type rule matches. */
	for (size_t i = 0; i < p->n_rules; i++) {
		r = &p->rules[i];
		if (r->n_args && rule_names(r, name) && !rule_dropped(p, r) &&
		    profile_action_is_allow(r->action) && (!t || rule_admits(r, t, max)))
			return (struct hit){REACH_SOME_ARGS, r};
	}
	if (!profile_action_is_allow(p->default_action))
		return (struct hit){REACH_NO, NULL};
	for (size_t i = 0; t && i < p->n_rules; i++) {
		r = &p->rules[i];
		if (r->n_args && rule_names(r, name) && !rule_dropped(p, r) &&
		    !profile_action_is_allow(r->action) && rule_catches_all(r, t, max))
			return (struct hit){REACH_NO, NULL};
	}
	return (struct hit){REACH_SOME_ARGS, NULL};
}

/* Without a flag test the verdict is the same on every arch: only whether
 * the name exists there matters. */
static struct hit reach(const struct lint_ctx *c, const char *name)
{
	const struct arch_info *const *arches;
	size_t n = listed_arches(c, &arches);

	for (size_t i = 0; i < n; i++)
		if (exists_on(arches[i], name))
			return reach_on(c, arches[i], name, NULL);
	return (struct hit){REACH_NO, NULL};
}

/* Where to point: the name inside the deciding rule, or defaultAction. */
static const struct profile_src *source_of(const struct lint_ctx *c, const struct hit *h,
					   const char *name)
{
	if (h->by) {
		for (size_t i = 0; i < h->by->n_names; i++)
			if (strcmp(h->by->names[i].name, name) == 0)
				return &h->by->names[i].src;
		return &h->by->src;
	}
	return &c->res->default_src;
}

/* "allowed by syscalls[3]", "allowed by the default action SCMP_ACT_ALLOW
 * for some arguments"; `some` replaces "some arguments" when a flag test
 * decided ("flags that include CLONE_NEWUSER"). */
static const char *how_for(const struct lint_ctx *c, const struct hit *h, const char *some,
			   char *buf, size_t len)
{
	char by[160];

	if (h->by)
		snprintf(by, sizeof(by), "%s", h->by->src.path);
	else
		snprintf(by, sizeof(by), "the default action %s",
			 profile_action_name(c->res->default_action));
	if (h->level == REACH_SOME_ARGS)
		snprintf(buf, len, "allowed by %s for %s", by, some ? some : "some arguments");
	else
		snprintf(buf, len, "allowed by %s", by);
	return buf;
}

static const char *how(const struct lint_ctx *c, const struct hit *h, char *buf, size_t len)
{
	return how_for(c, h, NULL, buf, len);
}

static bool same_source(const struct hit *a, const struct hit *b)
{
	return a->by == b->by && a->level == b->level;
}

/* Report the reached names of a set, one finding per source that allows
 * them (at the first of its names). */
static void report_set(struct lint_ctx *c, const char *id, enum diag_severity sev,
		       const char *const *names, size_t n, const char *why, const char *hint)
{
	struct hit hits[MAX_SET];
	bool done[MAX_SET] = {false};
	char buf[256];

	if (n > MAX_SET)
		n = MAX_SET;
	for (size_t i = 0; i < n; i++)
		hits[i] = reach(c, names[i]);
	for (size_t i = 0; i < n; i++) {
		struct sc_strbuf list = {0};
		size_t count = 0;

		if (done[i] || hits[i].level == REACH_NO)
			continue;
		for (size_t j = i; j < n; j++) {
			if (done[j] || hits[j].level == REACH_NO ||
			    !same_source(&hits[i], &hits[j]))
				continue;
			done[j] = true;
			sc_strbuf_printf(&list, "%s%s", count++ ? ", " : "", names[j]);
		}
		if (sc_strbuf_failed(&list)) {
			c->rc = c->rc ? c->rc : -ENOMEM;
			sc_strbuf_free(&list);
			return;
		}
		lint_report(c, id, sev, source_of(c, &hits[i], names[i]), hint, "%s %s %s: %s",
			    list.data, count == 1 ? "is" : "are",
			    how(c, &hits[i], buf, sizeof(buf)), why);
		sc_strbuf_free(&list);
	}
}

/* ---- SCP021 ---- */

static void check_denylist(struct lint_ctx *c)
{
	switch (c->res->default_action) {
	case ACT_LOG:
		lint_report(c, "SCP021", SEV_WARNING, &c->res->default_src,
			    "record with it what a workload calls, turn the log into an allowlist "
			    "(default SCMP_ACT_ERRNO) and ship that",
			    "default action SCMP_ACT_LOG allows every syscall the profile does not "
			    "name, including ones future kernels add, and only logs it: an audit "
			    "profile, fine for learning, not for production");
		break;
	case ACT_ALLOW:
		lint_report(
		    c, "SCP021", SEV_WARNING, &c->res->default_src,
		    "start from an allowlist (default SCMP_ACT_ERRNO) such as the builtin "
		    "runtime-default, or record one",
		    "default action SCMP_ACT_ALLOW makes a denylist: every syscall it does not "
		    "name, including ones future kernels add, is allowed");
		break;
	default: break;
	}
}

/* ---- SCP023 ---- */

static void check_io_uring(struct lint_ctx *c)
{
	static const char *const names[] = {"io_uring_setup", "io_uring_enter",
					    "io_uring_register"};

	report_set(
	    c, "SCP023", SEV_WARNING, names, SC_ARRAY_SIZE(names),
	    "io_uring performs file and network operations from a kernel ring that seccomp "
	    "never sees, so the rest of the profile cannot restrict them",
	    "deny io_uring_setup, io_uring_enter and io_uring_register (the default profiles "
	    "do); programs fall back to ordinary syscalls when setup fails");
}

/* ---- SCP024 ---- */

/* Profiles are resolved for the running kernel, so a rule that Docker keeps
 * only from includes.minKernel on is in `res` even when --min-kernel is
 * older; on those older kernels it is dropped and allows nothing. */
static bool rule_needs_kernel(const struct lint_ctx *c, const struct profile_rule *r,
			      unsigned major, unsigned minor)
{
	for (size_t i = 0; r && i < c->raw->n_rules; i++) {
		const struct profile_cond *in = &c->raw->rules[i].includes;

		if (c->raw->rules[i].index != r->index)
			continue;
		return in->has_min_kernel && (in->min_major > major ||
					      (in->min_major == major && in->min_minor >= minor));
	}
	return false;
}

/* Before Linux 4.8 seccomp ran before ptrace's syscall-entry stop, so a
 * tracer could rewrite the syscall number or arguments after the filter
 * had approved them (Kees Cook's series moving seccomp after ptrace on
 * every arch, merged for 4.8). */
static void check_ptrace(struct lint_ctx *c)
{
	static const char *const names[] = {"ptrace", "process_vm_readv", "process_vm_writev",
					    "kcmp", "pidfd_getfd"};
	struct hit h = reach(c, "ptrace");
	size_t first = 0;

	if (h.level != REACH_NO && !lint_min_kernel_at_least(c, 4, 8) &&
	    !rule_needs_kernel(c, h.by, 4, 8)) {
		char buf[256];

		lint_report(
		    c, "SCP024", SEV_ERROR, source_of(c, &h, "ptrace"),
		    "deny ptrace, or declare kernel 4.8 or later the minimum (--min-kernel)",
		    "ptrace is %s while the profile must work on kernel %u.%u: before 4.8 a "
		    "tracer can change a syscall after seccomp checked it, bypassing the "
		    "whole filter",
		    how(c, &h, buf, sizeof(buf)), c->min_major, c->min_minor);
		first = 1;
	}
	report_set(c, "SCP024", SEV_WARNING, names + first, SC_ARRAY_SIZE(names) - first,
		   "these read or change the memory, registers or file descriptors of other "
		   "processes",
		   "deny them unless the workload runs a debugger or needs cross-process access "
		   "(Docker's default allows kcmp and pidfd_getfd only with CAP_SYS_PTRACE)");
}

/* ---- SCP025 ----
 *
 * The trigger: the profile blocks namespace creation somewhere, which
 * means one of
 *   - unshare is denied, or allowed only for flags without CLONE_NEWUSER;
 *   - setns is denied;
 *   - clone is denied, or allowed only for flags without CLONE_NEWUSER
 *     (Docker's default: MASKED_EQ on the CLONE_NEW* bits);
 * on a listed arch where the name exists.  Then every way still open is a
 * finding: unshare or clone admitting CLONE_NEWUSER, setns allowed, clone3
 * allowed (its flags are in a struct in memory, so no condition can
 * restrict it).
 *
 * An allowlist counts as blocking only through these: one that allows
 * unshare, setns and a plain clone (the containers' default, which leaves
 * namespaces to capabilities) makes no promise to break, and a denylist
 * that names none of them does not pretend to block anything.  Docker's
 * default under the default capabilities denies unshare and setns, masks
 * clone and answers clone3 with ENOSYS: nothing stays open.  clone3 denied
 * alone is no trigger: profiles answer it with ENOSYS so that glibc falls
 * back to clone, not to block namespaces.
 */
enum { NS_UNSHARE, NS_SETNS, NS_CLONE, NS_CLONE3, NS__COUNT };
static const char *const ns_names[NS__COUNT] = {"unshare", "setns", "clone", "clone3"};

struct ns_state {
	struct hit open; /* the first arch where it is open */
	bool blocked;	 /* closed on some arch where it exists */
};

static void ns_scan(const struct lint_ctx *c, int which, struct ns_state *st)
{
	const struct arch_info *const *arches;
	size_t n = listed_arches(c, &arches);

	*st = (struct ns_state){{REACH_NO, NULL}, false};
	for (size_t i = 0; i < n; i++) {
		struct flag_test t = {.index = 0, .bit = CLONE_NEWUSER};
		struct hit h;

		if (!exists_on(arches[i], ns_names[which]))
			continue;
		if (which == NS_CLONE)
			t.index = clone_flags_index(arches[i]);
		h = reach_on(c, arches[i], ns_names[which],
			     which == NS_UNSHARE || which == NS_CLONE ? &t : NULL);
		if (h.level == REACH_NO)
			st->blocked = true;
		else if (st->open.level == REACH_NO)
			st->open = h;
	}
}

static void check_namespaces(struct lint_ctx *c)
{
	static const char *const why[NS__COUNT] = {
	    "unshare(CLONE_NEWUSER) reaches user-namespace-only kernel code",
	    "setns joins namespaces that other processes created",
	    "clone(CLONE_NEWUSER) creates the namespaces anyway",
	    ("its flags sit in a struct in memory that seccomp cannot read, so no condition can "
	     "keep it from creating namespaces"),
	};
	static const char *const hint[NS__COUNT] = {
	    "deny unshare, as Docker's default does without CAP_SYS_ADMIN",
	    "deny setns, as Docker's default does without CAP_SYS_ADMIN",
	    ("allow clone only with {\"index\": 0, \"value\": 2114060288, \"valueTwo\": 0, "
	     "\"op\": \"SCMP_CMP_MASKED_EQ\"} (no CLONE_NEW* flag; index 1 on s390), as "
	     "Docker's default does"),
	    ("answer clone3 with SCMP_ACT_ERRNO and errnoRet 38 (ENOSYS): glibc then falls back "
	     "to clone, which the filter can inspect"),
	};
	static const int blocker_order[] = {NS_CLONE, NS_UNSHARE, NS_SETNS};
	struct ns_state st[NS__COUNT];
	char blocker[96] = "";
	char buf[256];

	for (int i = 0; i < NS__COUNT; i++)
		ns_scan(c, i, &st[i]);
	/* Name the clearest sign of intent: a masked clone, then unshare. */
	for (size_t k = 0; k < SC_ARRAY_SIZE(blocker_order) && !blocker[0]; k++) {
		int i = blocker_order[k];

		if (!st[i].blocked)
			continue;
		if (reach(c, ns_names[i]).level != REACH_NO)
			snprintf(blocker, sizeof(blocker),
				 "%s is allowed only without CLONE_NEWUSER", ns_names[i]);
		else
			snprintf(blocker, sizeof(blocker), "%s is denied", ns_names[i]);
	}
	if (!blocker[0])
		return;
	for (int i = 0; i < NS__COUNT; i++) {
		bool flags = i == NS_UNSHARE || i == NS_CLONE;

		if (st[i].open.level == REACH_NO)
			continue;
		lint_report(
		    c, "SCP025", SEV_WARNING, source_of(c, &st[i].open, ns_names[i]), hint[i],
		    "%s is %s%s while %s: %s", ns_names[i],
		    how_for(c, &st[i].open, "flags that include CLONE_NEWUSER", buf, sizeof(buf)),
		    flags && st[i].open.level == REACH_YES ? " with any flags" : "", blocker,
		    why[i]);
	}
}

/* ---- SCP026 ---- */

/* "mount, umount2 by syscalls[1]; fsopen by the default action ..." */
static void list_by_source(const struct lint_ctx *c, struct sc_strbuf *b, const char *const *names,
			   const struct hit *hits, size_t n)
{
	bool done[MAX_SET] = {false};
	char buf[256];
	bool first_group = true;

	for (size_t i = 0; i < n; i++) {
		size_t count = 0;

		if (done[i] || hits[i].level == REACH_NO)
			continue;
		sc_strbuf_puts(b, first_group ? "" : "; ");
		first_group = false;
		for (size_t j = i; j < n; j++) {
			if (done[j] || hits[j].level == REACH_NO ||
			    !same_source(&hits[i], &hits[j]))
				continue;
			done[j] = true;
			sc_strbuf_printf(b, "%s%s", count++ ? ", " : "", names[j]);
		}
		sc_strbuf_printf(b, " %s", how(c, &hits[i], buf, sizeof(buf)));
	}
}

static void check_mounts(struct lint_ctx *c)
{
	/* The classic calls first, then the new mount API (Linux 5.2+). */
	static const char *const family[] = {
	    "mount",   "umount2", "umount",	"pivot_root", "fsopen",	      "fsconfig",
	    "fsmount", "fspick",  "move_mount", "open_tree",  "mount_setattr"};
	enum { FIRST_NEW_API = 4 };
	struct hit hits[SC_ARRAY_SIZE(family)];
	struct sc_strbuf list = {0};
	size_t first = SIZE_MAX, first_new = SIZE_MAX;
	bool mount_denied;

	for (size_t i = 0; i < SC_ARRAY_SIZE(family); i++) {
		hits[i] = reach(c, family[i]);
		if (hits[i].level == REACH_NO)
			continue;
		if (first == SIZE_MAX)
			first = i;
		if (i >= FIRST_NEW_API && first_new == SIZE_MAX)
			first_new = i;
	}
	if (first == SIZE_MAX)
		return;
	mount_denied = hits[0].level == REACH_NO && exists_on_listed(c, "mount");
	if (mount_denied && first_new != SIZE_MAX) {
		list_by_source(c, &list, family + FIRST_NEW_API, hits + FIRST_NEW_API,
			       SC_ARRAY_SIZE(family) - FIRST_NEW_API);
		if (!sc_strbuf_failed(&list))
			lint_report(
			    c, "SCP026", SEV_WARNING,
			    source_of(c, &hits[first_new], family[first_new]),
			    "deny fsopen, fsconfig, fsmount, fspick, move_mount, open_tree and "
			    "mount_setattr together with mount",
			    "mount is denied, but the new mount API stays open (%s): fsopen, "
			    "fsconfig and fsmount create a mount and move_mount attaches it "
			    "without ever calling mount",
			    list.data);
	} else {
		list_by_source(c, &list, family, hits, SC_ARRAY_SIZE(family));
		if (!sc_strbuf_failed(&list))
			lint_report(
			    c, "SCP026", SEV_WARNING, source_of(c, &hits[first], family[first]),
			    "deny the mount family unless the container must mount "
			    "(Docker's default allows it only with CAP_SYS_ADMIN)",
			    "mount family allowed (%s): mounts change what the container sees "
			    "and reach filesystem code that is a frequent source of kernel bugs",
			    list.data);
	}
	if (sc_strbuf_failed(&list) && !c->rc)
		c->rc = -ENOMEM;
	sc_strbuf_free(&list);
}

/* ---- SCP027 ---- */

static void check_attack_surface(struct lint_ctx *c)
{
	static const char *const names[] = {"bpf",	    "perf_event_open",	"userfaultfd",
					    "keyctl",	    "add_key",		"request_key",
					    "kexec_load",   "kexec_file_load",	"init_module",
					    "finit_module", "delete_module",	"iopl",
					    "ioperm",	    "open_by_handle_at"};

	report_set(
	    c, "SCP027", SEV_WARNING, names, SC_ARRAY_SIZE(names),
	    "large kernel interfaces that are not namespaced and common exploit paths",
	    "deny them unless the workload needs one (Docker's default allows them only with "
	    "the matching capability, CAP_SYS_ADMIN, CAP_BPF, CAP_PERFMON, CAP_SYS_MODULE, "
	    "CAP_SYS_RAWIO or CAP_DAC_READ_SEARCH, or not at all)");
}

/* ---- SCP028 ---- */

static void check_personality(struct lint_ctx *c)
{
	const struct arch_info *const *arches;
	size_t n = listed_arches(c, &arches);
	const struct flag_test t = {
	    .index = 0, .bit = ADDR_NO_RANDOMIZE, .has_query = true, .query = PER_QUERY};
	char buf[256];

	for (size_t i = 0; i < n; i++) {
		struct hit h;

		if (!exists_on(arches[i], "personality"))
			continue;
		h = reach_on(c, arches[i], "personality", &t);
		if (h.level == REACH_NO)
			continue;
		lint_report(c, "SCP028", SEV_WARNING, source_of(c, &h, "personality"),
			    "allow personality only for the values programs use, each with "
			    "SCMP_CMP_EQ on argument 0 (the default profiles allow 0x0, 0x8, "
			    "0x20000, 0x20008 and 0xffffffff)",
			    "personality is %s%s: personality(ADDR_NO_RANDOMIZE) turns off address "
			    "space randomisation for the process and what it executes",
			    how_for(c, &h, "values that include ADDR_NO_RANDOMIZE (0x0040000)", buf,
				    sizeof(buf)),
			    h.level == REACH_YES ? " with any argument" : "");
		return;
	}
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
