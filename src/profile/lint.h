/* Lint: the rules of LINT-RULES.md over the profile model.
 *
 * One table (lint_rules[]) describes every rule: ID, default severity,
 * title, rationale.  SARIF metadata, `help lint` and the man page are
 * rendered from it.  Each rule's check is a function over a lint_ctx; checks
 * read the profile after includes/excludes are resolved for the target
 * (`res`), per listed arch, and may look at the raw file (`raw`) for what
 * resolution removes (Docker-only keys, the legacy "name", ...).
 */
#ifndef SC_PROFILE_LINT_H
#define SC_PROFILE_LINT_H

#include "profile/diag.h"
#include "profile/profile.h"
#include "profile/runtime_needs.h"

/* Which runtime the profile is meant for (SCP022, SCP006). */
enum lint_runtime {
	LINT_RUNTIME_ANY, /* union of what runc and crun need */
	LINT_RUNTIME_RUNC,
	LINT_RUNTIME_CRUN,
};

struct lint_opts {
	/* Oldest kernel the profile must work on (SCP024, SCP032).  0.0 means
	 * "not given": the running kernel. */
	unsigned min_kernel_major, min_kernel_minor;
	enum lint_runtime runtime;
	/* Resolution targets: native arches to resolve includes/excludes and
	 * archMap for (borrowed).  n_targets 0 = the profile's own list. */
	const struct arch_info *const *targets;
	size_t n_targets;
	const char *const *caps; /* bounding set; NULL = runtime default */
	size_t n_caps;
};

struct lint_rule_info {
	const char *id;		/* "SCP017" */
	enum diag_severity sev; /* default (highest) severity */
	const char *title;	/* one line */
	const char *why;	/* why it matters, one or two sentences */
};
extern const struct lint_rule_info lint_rules[];
extern const size_t lint_rules_count;
const struct lint_rule_info *lint_rule_find(const char *id);

/* What a check sees. */
struct lint_ctx {
	const struct profile *raw;	  /* as read from the file */
	const struct profile *res;	  /* resolved for `target` */
	const struct profile_ctx *target; /* native arch, caps, kernel used to resolve */
	const struct lint_opts *opts;
	unsigned min_major, min_minor; /* effective --min-kernel */
	struct diag_list *out;
	int rc; /* first error (-ENOMEM) */
};

/* Report a finding at a source element (path and position from src; src may be
 * NULL for the whole document). */
void lint_report(struct lint_ctx *c, const char *id, enum diag_severity sev,
		 const struct profile_src *src, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* What the profile does with a syscall name, ignoring argument values:
 *   LINT_ALLOWED      an unconditional allow-type rule, or no rule and an
 *                     allow-type default (ALLOW, LOG);
 *   LINT_DENIED       an unconditional rule or the default with another action;
 *   LINT_CONDITIONAL  only rules with argument conditions name it: allowed
 *                     for some values, the default for the rest.
 * *rule gets the deciding rule (NULL when the default decides) and *action
 * the action of that rule or of the default.  Names are compared as written
 * (the caller checks per arch whether a name exists). */
enum lint_verdict { LINT_ALLOWED, LINT_DENIED, LINT_CONDITIONAL };
enum lint_verdict lint_verdict(const struct profile *res, const char *name,
			       const struct profile_rule **rule, enum profile_action *action);
/* True when the profile is an allowlist (default action not ALLOW/LOG). */
bool lint_is_allowlist(const struct profile *res);
/* Effective minimum kernel >= X.Y? */
bool lint_min_kernel_at_least(const struct lint_ctx *c, unsigned major, unsigned minor);

/* Checks: one function per rule group, each in the file named in lint.c. */
typedef void (*lint_check_fn)(struct lint_ctx *c);
void lint_check_structure(struct lint_ctx *c); /* SCP006-SCP016, SCP029, SCP030, SCP032, SCP033 */
void lint_check_names(struct lint_ctx *c);     /* SCP017, SCP018, SCP034 */
void lint_check_startup(struct lint_ctx *c);   /* SCP019, SCP020, SCP022 */
void lint_check_risks(struct lint_ctx *c);     /* SCP021, SCP023-SCP028 */
void lint_check_size(struct lint_ctx *c);      /* SCP031, in src/bpf/lint_size.c */

/* Lint a profile as read (schema errors are reported by the reader; this
 * runs the semantic rules).  Resolves for each target, runs every check,
 * sorts and de-duplicates the findings into out. */
int lint_profile(const struct profile *raw, const struct lint_opts *opts, struct diag_list *out,
		 struct sc_error *err);

#endif
