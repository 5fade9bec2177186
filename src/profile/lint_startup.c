/* Start-up rules: whether a container can start under the profile, and how
 * syscalls the profile does not name fail.
 *
 *   SCP019  a call glibc probes, falling back only on ENOSYS, answered with
 *           another errno
 *   SCP020  the default ERRNO is not ENOSYS
 *   SCP022  an allowlist that denies execve, or what the runtime itself
 *           calls after loading the filter
 *
 * runc 1.1.5 puts a stub in front of the filter (libcontainer/seccomp/
 * patchbpf): for each arch in "architectures" it answers ENOSYS to syscall
 * numbers above the highest number any entry names there, unless the
 * default action is an allow action or defaultErrnoRet is ENOSYS already.
 * The numbers are libseccomp's (libseccomp-golang's
 * GetSyscallFromNameByArch), so socket and IPC calls, which libseccomp
 * gives negative pseudo numbers on arches with socketcall()/ipc(), never
 * raise the maximum there.  Without "architectures" 1.1.5 builds no stub
 * (later runcs add the native arch).  crun 1.8.1 has no stub: the default
 * action answers everything the profile does not name.
 */
#include <errno.h>
#include <inttypes.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "profile/lint.h"
#include "util/cleanup.h"

#define MAX_ARCHES 32

/* ---- data ---- */

/* SCP019: calls whose callers treat ENOSYS, and only ENOSYS, as "not
 * there, use the older call".  Each was checked on glibc 2.36 (Debian 12,
 * x86_64) by answering it with EPERM and then with ENOSYS from a seccomp
 * filter: with ENOSYS the function falls back and works, with EPERM it
 * fails.  Checked and left out because glibc treats every error alike:
 * rseq (registration is simply given up), close_range (closefrom() walks
 * /proc/self/fd on any error); openat2 is not called by glibc at all. */
static const struct probe {
	const char *name;
	const char *why;
} probes[] = {
    {"clone3", "glibc 2.34+ creates threads and processes (pthread_create, posix_spawn, "
	       "system) with clone3 and falls back to clone only on ENOSYS"},
    {"faccessat2", "glibc 2.33+ faccessat() calls faccessat2 and falls back to faccessat "
		   "only on ENOSYS"},
    {"statx", "glibc's statx() emulates it with fstatat only on ENOSYS, and coreutils' ls "
	      "and stat call statx()"},
    {"getrandom", "glibc 2.36 arc4random() reads /dev/urandom instead only on ENOSYS and "
		  "aborts the process on any other error"},
    {"preadv2", "glibc's preadv2() falls back to preadv only on ENOSYS"},
    {"pwritev2", "glibc's pwritev2() falls back to pwritev only on ENOSYS"},
};

/* SCP022: calls of a runtime's start-up set (runtime_needs.c) whose
 * failure that runtime version survives.  Found by denying each one alone
 * from an allowlist that otherwise starts /bin/true (EPERM from a rule that
 * names it, so runc's stub cannot turn it into ENOSYS), three runs each
 * with noNewPrivileges true and false; the runtime's other calls fail the
 * start when denied that way.  still_needed: NULL when the runtime always
 * survives, else whether it fails under this profile after all. */
struct tolerated {
	enum runtime_id rt;
	const char *version;
	const char *name;
	const char *alt; /* named in the message: "faccessat2 (or faccessat)" */
	bool (*still_needed)(const struct profile *p);
};

static bool allowed_ish(const struct profile *p, const char *name)
{
	return lint_verdict(p, name, NULL, NULL) != LINT_DENIED;
}

/* runc 1.1.5 (Go 1.19) checks the executable with golang.org/x/sys
 * Faccessat(AT_EACCESS) before exec.  When faccessat2 fails with ENOSYS or
 * EPERM it falls back: with the effective ids equal to the real ones it
 * calls faccessat, else it checks the mode bits itself.  A denied
 * geteuid/getuid/... returns -1, so what decides is whether each pair is
 * allowed alike (checked on runc: all four allowed or all denied fails
 * without faccessat; geteuid or getgid denied alone starts). */
static bool runc_faccessat_fallback_fails(const struct profile *p)
{
	return !allowed_ish(p, "faccessat") &&
	       allowed_ish(p, "geteuid") == allowed_ish(p, "getuid") &&
	       allowed_ish(p, "getegid") == allowed_ish(p, "getgid");
}

static const struct tolerated tolerated[] = {
    {RUNTIME_RUNC, "1.1.5", "faccessat2", "faccessat", runc_faccessat_fallback_fails},
    /* Go's netpoller treats a failing epoll_ctl as "not pollable". */
    {RUNTIME_RUNC, "1.1.5", "epoll_ctl", NULL, NULL},
    /* runc ignores a failing F_SETFD while marking its fds close-on-exec
     * (they then stay open in the container). */
    {RUNTIME_RUNC, "1.1.5", "fcntl", NULL, NULL},
    {RUNTIME_RUNC, "1.1.5", "getpid", NULL, NULL},
    {RUNTIME_CRUN, "1.8.1", "close", NULL, NULL},
};

/* ---- helpers ---- */

static const char *errno_str(char buf[static 24], uint32_t e)
{
	const char *n = e && e < 4096 ? strerrorname_np((int)e) : NULL;

	if (n)
		snprintf(buf, 24, "%s", n);
	else
		snprintf(buf, 24, "errno %" PRIu32, e);
	return buf;
}

static bool runtime_selected(const struct lint_ctx *c, enum runtime_id id)
{
	switch (c->opts->runtime) {
	case LINT_RUNTIME_ANY: return true;
	case LINT_RUNTIME_RUNC: return id == RUNTIME_RUNC;
	case LINT_RUNTIME_CRUN: return id == RUNTIME_CRUN;
	}
	return true;
}

static const struct profile_src *name_src(const struct profile_rule *r, const char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0)
			return &r->names[i].src;
	return &r->src;
}

static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* ---- runc 1.1.5's ENOSYS stub ---- */

struct runc_stub {
	bool active; /* the stub exists at all */
	size_t n;
	const struct arch_info *arch[MAX_ARCHES];
	int max[MAX_ARCHES]; /* highest named number; -1: no section */
	const char *max_name[MAX_ARCHES];
};

/* The number runc sees: libseccomp's, negative for anything that is not
 * a plain syscall on the arch. */
static int runc_nr(const struct arch_info *a, const char *name)
{
	return seccomp_syscall_resolve_name_arch(a->token, name);
}

static void runc_stub_build(const struct profile *p, struct runc_stub *s)
{
	memset(s, 0, sizeof(*s));
	s->active = !profile_action_is_allow(p->default_action) && p->default_action != ACT_TRACE &&
		    !(p->has_default_errno && p->default_errno == ENOSYS) && p->n_arches > 0;
	for (size_t i = 0; i < p->n_arches && s->n < MAX_ARCHES; i++) {
		const struct arch_info *a = p->arches[i];
		size_t k = s->n++;

		s->arch[k] = a;
		s->max[k] = -1;
		if (!a->supported)
			continue;
		for (size_t r = 0; r < p->n_rules; r++)
			for (size_t j = 0; j < p->rules[r].n_names; j++) {
				const char *name = p->rules[r].names[j].name;
				int nr = runc_nr(a, name);

				if (nr > s->max[k]) {
					s->max[k] = nr;
					s->max_name[k] = p->rules[r].names[j].name;
				}
			}
		/* runc keeps no section for an arch without a positive
		 * maximum. */
		if (s->max[k] <= 0)
			s->max[k] = -1;
	}
}

/* Whether runc answers ENOSYS to an unnamed syscall on arch k. */
static bool runc_stub_covers(const struct runc_stub *s, size_t k, int nr)
{
	return s->active && s->max[k] >= 0 && nr > s->max[k];
}

/* "x86_64 319 (memfd_create), x86 384 (arch_prctl)"; x32 without its bit */
static void runc_stub_describe(const struct runc_stub *s, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t k = 0; k < s->n; k++) {
		if (s->max[k] < 0)
			continue;
		append(buf, size, "%s%s %d (%s)", buf[0] ? ", " : "", s->arch[k]->name,
		       s->max[k] & ~0x40000000, s->max_name[k]);
	}
}

/* ---- SCP019 ---- */

/* The calls the default action answers with a non-ENOSYS errno are
 * gathered into one finding at defaultAction: an allowlist written before
 * these calls existed usually misses several, and one line per call at the
 * same place buries the rest of the report. */
struct probe_acc {
	const char *names[SC_ARRAY_SIZE(probes)];
	char where[SC_ARRAY_SIZE(probes)][512]; /* "crun; runc on x32: 435 <= 542 getsockopt" */
	char why[1024];				/* the glibc behaviour behind each */
	size_t n;
};

static void check_probe_default(struct lint_ctx *c, const struct probe *pr,
				const struct runc_stub *stub, struct probe_acc *acc)
{
	const struct profile *p = c->res;
	const struct arch_info *eperm[MAX_ARCHES];
	size_t n_eperm = 0, n_exists = 0;
	bool runc = runtime_selected(c, RUNTIME_RUNC), crun = runtime_selected(c, RUNTIME_CRUN);
	char where[512] = "";

	if (p->default_action != ACT_ERRNO || profile_default_errno(p) == ENOSYS)
		return;
	if (p->n_arches == 0) {
		const struct arch_info *a = c->target ? c->target->native : NULL;

		n_exists = !a || !a->supported || runc_nr(a, pr->name) >= 0;
	} else {
		for (size_t k = 0; k < stub->n; k++) {
			int nr = stub->arch[k]->supported ? runc_nr(stub->arch[k], pr->name) : -1;

			if (nr < 0)
				continue;
			n_exists++;
			if (!runc_stub_covers(stub, k, nr))
				eperm[n_eperm++] = stub->arch[k];
		}
	}
	if (n_exists == 0)
		return;
	if (p->n_arches == 0)
		n_eperm = 1; /* no stub without "architectures" */
	if (!crun && n_eperm == 0)
		return;

	if (crun && !runc) {
		append(where, sizeof(where), "crun");
	} else if (n_eperm == 0) {
		append(where, sizeof(where), "crun only: runc's stub answers ENOSYS");
	} else if (p->n_arches == 0) {
		append(where, sizeof(where), "%s", crun ? "crun and runc" : "runc");
	} else {
		append(where, sizeof(where), "%srunc on ", crun ? "crun; " : "");
		for (size_t i = 0; i < n_eperm; i++) {
			size_t k = 0;

			while (k < stub->n && stub->arch[k] != eperm[i])
				k++;
			append(where, sizeof(where), "%s%s", i ? ", " : "", eperm[i]->name);
			if (stub->max[k] >= 0)
				append(where, sizeof(where), ": %d <= %d %s",
				       runc_nr(eperm[i], pr->name) & ~0x40000000,
				       stub->max[k] & ~0x40000000, stub->max_name[k]);
		}
	}
	acc->names[acc->n] = pr->name;
	snprintf(acc->where[acc->n], sizeof(acc->where[0]), "%s", where);
	append(acc->why, sizeof(acc->why), "%s%s", acc->n ? "; " : "", pr->why);
	acc->n++;
}

static void report_probe_defaults(struct lint_ctx *c, const struct probe_acc *acc)
{
	const struct profile *p = c->res;
	const struct runtime_needs *rn = runtime_needs_get(RUNTIME_RUNC);
	char e[24], hint[1536], list[2048] = "";
	bool done[SC_ARRAY_SIZE(probes)] = {false};

	if (acc->n == 0)
		return;
	/* Names that share a runtime note are listed together before it. */
	for (size_t i = 0; i < acc->n; i++) {
		if (done[i])
			continue;
		append(list, sizeof(list), "%s", list[0] ? "; " : "");
		for (size_t j = i, k = 0; j < acc->n; j++) {
			if (done[j] || strcmp(acc->where[j], acc->where[i]) != 0)
				continue;
			done[j] = true;
			append(list, sizeof(list), "%s%s", k++ ? ", " : "", acc->names[j]);
		}
		append(list, sizeof(list), " [%s]", acc->where[i]);
	}
	errno_str(e, profile_default_errno(p));
	snprintf(hint, sizeof(hint),
		 "allow them, or answer them with ENOSYS: \"defaultErrnoRet\": 38, or an entry "
		 "with \"errnoRet\": 38 for these names.  Why: %s",
		 acc->why);
	lint_report(
	    c, "SCP019", SEV_WARNING, &p->default_src, hint,
	    "%zu call%s that glibc falls back from only on ENOSYS get%s %s from the default "
	    "action: %s (runc %s answers ENOSYS only above the highest number the profile "
	    "names per arch)",
	    acc->n, acc->n == 1 ? "" : "s", acc->n == 1 ? "s" : "", e, list, rn ? rn->version : "");
}

static void check_probe_rule(struct lint_ctx *c, const struct probe *pr,
			     const struct profile_rule *r, const char *how)
{
	const struct profile *p = c->res;
	char e[24], hint[384];

	errno_str(e, profile_rule_errno(p, r));
	snprintf(hint, sizeof(hint),
		 "answer %s with ENOSYS (\"errnoRet\": 38) so that callers fall back, or allow it",
		 pr->name);
	lint_report(c, "SCP019", SEV_WARNING, name_src(r, pr->name), hint,
		    "%s is answered with %s%s: %s", pr->name, e, how, pr->why);
}

static void check_probes(struct lint_ctx *c, const struct runc_stub *stub)
{
	const struct profile *p = c->res;
	struct probe_acc acc = {0};

	for (size_t i = 0; i < SC_ARRAY_SIZE(probes); i++) {
		const struct probe *pr = &probes[i];
		const struct profile_rule *r = NULL;
		bool cond_allow = false;
		char e[24];

		switch (lint_verdict(p, pr->name, &r, NULL)) {
		case LINT_ALLOWED: break;
		case LINT_DENIED:
			/* r == NULL: the default decides (runc also drops a
			 * rule equal to the default). */
			if (!r)
				check_probe_default(c, pr, stub, &acc);
			else if (r->action == ACT_ERRNO && profile_rule_errno(p, r) != ENOSYS)
				check_probe_rule(c, pr, r, "");
			break;
		case LINT_CONDITIONAL:
			for (size_t k = 0; k < p->n_rules; k++) {
				const struct profile_rule *q = &p->rules[k];

				if (!q->n_args || name_src(q, pr->name) == &q->src)
					continue;
				if (q->action == ACT_ERRNO && profile_rule_errno(p, q) != ENOSYS)
					check_probe_rule(
					    c, pr, q,
					    " for the argument values this entry matches");
				cond_allow |= profile_action_is_allow(q->action);
			}
			/* Named, so runc's stub never answers it. */
			if (cond_allow && p->default_action == ACT_ERRNO &&
			    profile_default_errno(p) != ENOSYS)
				lint_report(
				    c, "SCP019", SEV_WARNING, name_src(r, pr->name),
				    "allow it without conditions, or set \"defaultErrnoRet\": 38",
				    "%s is allowed only for some argument values; the default "
				    "action answers the others with %s: %s",
				    pr->name, errno_str(e, profile_default_errno(p)), pr->why);
			break;
		}
	}
	report_probe_defaults(c, &acc);
}

/* ---- SCP020 ---- */

static void check_default_errno(struct lint_ctx *c, const struct runc_stub *stub)
{
	const struct profile *p = c->res;
	uint32_t err = profile_default_errno(p);
	const struct runtime_needs *rn = runtime_needs_get(RUNTIME_RUNC);
	char e[24], msg[1024], maxes[512];

	/* errno 0 is a fake success, SCP005's business. */
	if (p->default_action != ACT_ERRNO || err == ENOSYS || err == 0)
		return;
	errno_str(e, err);
	snprintf(msg, sizeof(msg),
		 "the default action answers %s: syscalls the profile does not name, newer ones "
		 "included, fail with %s instead of ENOSYS, so programs do not fall back to older "
		 "calls",
		 e, e);
	if (runtime_selected(c, RUNTIME_RUNC)) {
		runc_stub_describe(stub, maxes, sizeof(maxes));
		if (stub->active && maxes[0])
			append(
			    msg, sizeof(msg),
			    " (runc %s answers ENOSYS above the highest number the profile names: "
			    "%s%s)",
			    rn ? rn->version : "", maxes,
			    runtime_selected(c, RUNTIME_CRUN) ? "; crun does not" : "");
		else if (p->n_arches == 0)
			append(msg, sizeof(msg),
			       " (runc %s builds its ENOSYS stub only for the arches in "
			       "\"architectures\", and none are listed)",
			       rn ? rn->version : "");
	}
	lint_report(c, "SCP020", SEV_INFO, &p->default_src,
		    "set \"defaultErrnoRet\": 38 (ENOSYS) as the containers' default profile does, "
		    "and refuse the calls you mean to refuse with explicit rules",
		    "%s", msg);
}

/* ---- SCP022 ---- */

static const struct tolerated *find_tolerated(const struct runtime_needs *rn, const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(tolerated); i++)
		if (tolerated[i].rt == rn->id && strcmp(tolerated[i].version, rn->version) == 0 &&
		    strcmp(tolerated[i].name, name) == 0)
			return &tolerated[i];
	return NULL;
}

static bool exists_on_native(const struct lint_ctx *c, const char *name)
{
	const struct arch_info *a = c->target ? c->target->native : NULL;

	if (!a || !a->supported)
		return true;
	return arch_syscall_resolve(a, name, NULL) == ARCH_SYS_OK;
}

static const char *const needs_hint =
    "allow them in an allow rule. Assumption: the runtime's calls after loading the filter "
    "were recorded on runc 1.1.5 and crun 1.8.1 with an audit-only profile "
    "(noNewPrivileges true and false) and tests/runtime/startup-syscalls.bats checks them "
    "against the installed runtimes; --runtime runc or crun checks one runtime only";

static void check_runtime_needs(struct lint_ctx *c, const struct runtime_needs *rn)
{
	const struct profile *p = c->res;
	char missing[768] = "", cond[384] = "";

	for (size_t i = 0; i < rn->n; i++) {
		const char *name = rn->syscalls[i];
		const struct tolerated *t;
		enum lint_verdict v;

		if (strcmp(name, "execve") == 0 || !exists_on_native(c, name))
			continue;
		v = lint_verdict(p, name, NULL, NULL);
		if (v == LINT_CONDITIONAL) {
			append(cond, sizeof(cond), "%s%s", cond[0] ? ", " : "", name);
			continue;
		}
		if (v == LINT_ALLOWED)
			continue;
		t = find_tolerated(rn, name);
		if (t && (!t->still_needed || !t->still_needed(p)))
			continue;
		if (t && t->alt)
			append(missing, sizeof(missing), "%s%s (or %s)", missing[0] ? ", " : "",
			       name, t->alt);
		else
			append(missing, sizeof(missing), "%s%s", missing[0] ? ", " : "", name);
	}
	if (missing[0]) {
		lint_report(
		    c, "SCP022", SEV_ERROR, &p->default_src, needs_hint,
		    "%s %s calls %s itself after loading the filter, and this allowlist "
		    "denies %s, so the container cannot start under %s (with "
		    "noNewPrivileges false, the Docker and Kubernetes default; with true it "
		    "loads the filter later and makes fewer of these calls)%s%s%s",
		    rn->name, rn->version, missing, strchr(missing, ',') ? "them" : "it", rn->name,
		    cond[0] ? "; allowed only for some argument values: " : "", cond,
		    cond[0] ? " (whether the runtime's calls match depends on them)" : "");
	} else if (cond[0]) {
		lint_report(c, "SCP022", SEV_WARNING, &p->default_src, needs_hint,
			    "%s %s calls %s itself after loading the filter, and this allowlist "
			    "allows %s only for some argument values: whether %s can start the "
			    "container depends on them",
			    rn->name, rn->version, cond, strchr(cond, ',') ? "them" : "it",
			    rn->name);
	}
}

static void check_startup(struct lint_ctx *c)
{
	static const enum runtime_id runtimes[] = {RUNTIME_RUNC, RUNTIME_CRUN};
	const struct profile *p = c->res;
	enum lint_verdict v;

	if (!lint_is_allowlist(p))
		return;
	v = lint_verdict(p, "execve", NULL, NULL);
	if (v == LINT_DENIED)
		lint_report(c, "SCP022", SEV_ERROR, &p->default_src,
			    "allow execve (execveat alone is not enough: runc 1.1.5 and crun 1.8.1 "
			    "call execve)",
			    "execve is not allowed, so the runtime cannot start the container's "
			    "process at all");
	else if (v == LINT_CONDITIONAL)
		lint_report(c, "SCP022", SEV_WARNING, &p->default_src,
			    "allow execve without conditions",
			    "execve is allowed only for some argument values, which are pointers "
			    "the filter cannot read: the runtime may not be able to start the "
			    "container's process");
	for (size_t i = 0; i < SC_ARRAY_SIZE(runtimes); i++) {
		const struct runtime_needs *rn = runtime_needs_get(runtimes[i]);

		if (rn && runtime_selected(c, rn->id))
			check_runtime_needs(c, rn);
	}
}

void lint_check_startup(struct lint_ctx *c)
{
	struct runc_stub stub;

	runc_stub_build(c->res, &stub);
	check_probes(c, &stub);
	check_default_errno(c, &stub);
	check_startup(c);
}
