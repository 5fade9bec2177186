/* Name rules: whether the names a profile lists mean something on the
 * arches it lists, and whether an allowlist keeps up with what libc calls.
 *
 *   SCP017  a name that is no syscall on any listed arch: a typo, or a
 *           pseudo-syscall (recv, send, umount on x86_64) that libseccomp
 *           knows but the arch does not have
 *   SCP018  an allowed name missing on one listed arch while the call
 *           programs make there instead is not allowed
 *   SCP034  a legacy syscall allowed without the one glibc 2.36 calls
 *           instead on x86_64
 *
 * runc and crun skip a name they cannot resolve for an arch (checked on
 * runc 1.1.5 and crun 1.8.1: a profile naming "opne" starts a container),
 * so each of these is a rule that silently does nothing.
 *
 * Checks read c->res, the profile resolved for one target; the driver
 * de-duplicates by (id, path, message).
 */
#include <stdio.h>
#include <string.h>

#include "profile/lint.h"
#include "util/cleanup.h"

#define MAX_ARCHES 32

/* ---- data ---- */

/* The socket and SysV IPC calls that socketcall(2) and ipc(2) multiplex
 * (the SYS_* numbers of net/socket.c and ipc/syscall.c).  libseccomp turns
 * a rule for one of them into a socketcall()/ipc() rule on arches with the
 * multiplexer, so "recv" filters socketcall(SYS_RECV, ...) on x86 although
 * x86 has no recv syscall; on x86_64, which has no multiplexer, it filters
 * nothing. */
static const char *const socketcall_calls[] = {
    "socket",	  "bind",    "connect", "listen",  "accept",   "getsockname", "getpeername",
    "socketpair", "send",    "recv",	"sendto",  "recvfrom", "shutdown",    "setsockopt",
    "getsockopt", "sendmsg", "recvmsg", "accept4", "recvmmsg", "sendmmsg",
};
static const char *const ipc_calls[] = {
    "semop",  "semget", "semctl", "semtimedop", "msgsnd", "msgrcv",
    "msgget", "msgctl", "shmat",  "shmdt",	"shmget", "shmctl",
};

/* What programs call on an arch that lacks `name`: the arch's ABI leaves
 * only these (aarch64 has no open, so open() is openat there; x86_64 has
 * no recv, so recv() is recvfrom).  `with` is in the order libcs prefer;
 * a rule allowing any one of them that exists on the arch keeps the
 * program working.  `fn`: name() is also a libc function (for "libc
 * implements recv() with recvfrom"); `vdso`: libc reaches it through the
 * vDSO, without a syscall, so a missing replacement does not matter. */
#define MAX_WITH 3

struct replacement {
	const char *name;
	const char *with[MAX_WITH];
	bool fn, vdso;
};

static const struct replacement replacements[] = {
    {"_llseek", {"lseek"}, false, false},
    {"_newselect", {"select", "pselect6"}, false, false},
    {"access", {"faccessat", "faccessat2"}, true, false},
    {"alarm", {"setitimer"}, true, false},
    {"chmod", {"fchmodat"}, true, false},
    {"chown", {"fchownat"}, true, false},
    {"chown32", {"chown", "fchownat"}, false, false},
    {"clock_adjtime64", {"clock_adjtime"}, false, false},
    {"clock_getres_time64", {"clock_getres"}, false, false},
    {"clock_gettime64", {"clock_gettime"}, false, true},
    {"clock_nanosleep_time64", {"clock_nanosleep"}, false, false},
    {"clock_settime64", {"clock_settime"}, false, false},
    {"creat", {"openat"}, true, false},
    {"dup2", {"dup3"}, true, false},
    {"epoll_create", {"epoll_create1"}, true, false},
    {"epoll_wait", {"epoll_pwait"}, true, false},
    {"eventfd", {"eventfd2"}, true, false},
    {"fchown32", {"fchown"}, false, false},
    {"fcntl64", {"fcntl"}, true, false},
    {"fork", {"clone", "clone3"}, true, false},
    {"fstat64", {"fstat", "newfstatat", "statx"}, true, false},
    {"fstatat64", {"newfstatat", "statx"}, true, false},
    {"fstatfs64", {"fstatfs"}, true, false},
    {"ftruncate64", {"ftruncate"}, true, false},
    {"futex_time64", {"futex"}, false, false},
    {"futimesat", {"utimensat"}, true, false},
    {"getdents", {"getdents64"}, false, false},
    {"getegid32", {"getegid"}, false, false},
    {"geteuid32", {"geteuid"}, false, false},
    {"getgid32", {"getgid"}, false, false},
    {"getgroups32", {"getgroups"}, false, false},
    {"getpgrp", {"getpgid"}, true, false},
    {"getresgid32", {"getresgid"}, false, false},
    {"getresuid32", {"getresuid"}, false, false},
    {"getrlimit", {"prlimit64", "ugetrlimit"}, true, false},
    {"getuid32", {"getuid"}, false, false},
    {"inotify_init", {"inotify_init1"}, true, false},
    {"io_pgetevents_time64", {"io_pgetevents"}, false, false},
    {"lchown", {"fchownat"}, true, false},
    {"lchown32", {"lchown", "fchownat"}, false, false},
    {"link", {"linkat"}, true, false},
    {"lstat", {"newfstatat", "fstatat64", "statx"}, true, false},
    {"lstat64", {"newfstatat", "lstat", "statx"}, true, false},
    {"mkdir", {"mkdirat"}, true, false},
    {"mknod", {"mknodat"}, true, false},
    {"mmap2", {"mmap"}, false, false},
    {"mq_timedreceive_time64", {"mq_timedreceive"}, false, false},
    {"mq_timedsend_time64", {"mq_timedsend"}, false, false},
    {"newfstatat", {"fstatat64", "statx"}, false, false},
    {"open", {"openat"}, true, false},
    {"pipe", {"pipe2"}, true, false},
    {"poll", {"ppoll"}, true, false},
    {"ppoll_time64", {"ppoll"}, false, false},
    {"pselect6_time64", {"pselect6"}, false, false},
    {"readlink", {"readlinkat"}, true, false},
    {"recv", {"recvfrom"}, true, false},
    {"recvmmsg_time64", {"recvmmsg"}, false, false},
    {"rename", {"renameat", "renameat2"}, true, false},
    {"renameat", {"renameat2"}, true, false},
    {"rmdir", {"unlinkat"}, true, false},
    {"rt_sigtimedwait_time64", {"rt_sigtimedwait"}, false, false},
    {"sched_rr_get_interval_time64", {"sched_rr_get_interval"}, false, false},
    {"select", {"pselect6", "_newselect"}, true, false},
    {"semtimedop_time64", {"semtimedop"}, false, false},
    {"send", {"sendto"}, true, false},
    {"sendfile64", {"sendfile"}, true, false},
    {"setfsgid32", {"setfsgid"}, false, false},
    {"setfsuid32", {"setfsuid"}, false, false},
    {"setgid32", {"setgid"}, false, false},
    {"setgroups32", {"setgroups"}, false, false},
    {"setregid32", {"setregid"}, false, false},
    {"setresgid32", {"setresgid"}, false, false},
    {"setresuid32", {"setresuid"}, false, false},
    {"setreuid32", {"setreuid"}, false, false},
    {"setuid32", {"setuid"}, false, false},
    {"sigaction", {"rt_sigaction"}, true, false},
    {"signal", {"rt_sigaction"}, true, false},
    {"signalfd", {"signalfd4"}, true, false},
    {"sigpending", {"rt_sigpending"}, true, false},
    {"sigprocmask", {"rt_sigprocmask"}, true, false},
    {"sigreturn", {"rt_sigreturn"}, false, false},
    {"sigsuspend", {"rt_sigsuspend"}, true, false},
    {"stat", {"newfstatat", "fstatat64", "statx"}, true, false},
    {"stat64", {"newfstatat", "stat", "statx"}, true, false},
    {"statfs64", {"statfs"}, true, false},
    {"symlink", {"symlinkat"}, true, false},
    {"time", {"clock_gettime"}, true, true},
    {"timer_gettime64", {"timer_gettime"}, false, false},
    {"timer_settime64", {"timer_settime"}, false, false},
    {"timerfd_gettime64", {"timerfd_gettime"}, false, false},
    {"timerfd_settime64", {"timerfd_settime"}, false, false},
    {"truncate64", {"truncate"}, true, false},
    {"ugetrlimit", {"getrlimit", "prlimit64"}, false, false},
    {"umount", {"umount2"}, true, false},
    {"unlink", {"unlinkat"}, true, false},
    {"utime", {"utimensat"}, true, false},
    {"utimensat_time64", {"utimensat"}, false, false},
    {"utimes", {"utimensat"}, true, false},
    {"vfork", {"clone", "clone3"}, true, false},
};

/* Syscalls a libseccomp may not know yet, with the kernel that added
 * them: a profile written for newer runtimes names them on purpose, so
 * "unknown" there is not a typo.  Kernel versions from the syscall tables
 * (include/uapi/asm-generic/unistd.h, arch/x86/entry/syscalls). */
static const struct {
	const char *name;
	const char *kernel;
} newer_syscalls[] = {
    {"openat2", "5.6"},
    {"pidfd_getfd", "5.6"},
    {"faccessat2", "5.8"},
    {"close_range", "5.9"},
    {"process_madvise", "5.10"},
    {"epoll_pwait2", "5.11"},
    {"mount_setattr", "5.12"},
    {"landlock_create_ruleset", "5.13"},
    {"landlock_add_rule", "5.13"},
    {"landlock_restrict_self", "5.13"},
    {"quotactl_fd", "5.14"},
    {"memfd_secret", "5.14"},
    {"process_mrelease", "5.15"},
    {"futex_waitv", "5.16"},
    {"set_mempolicy_home_node", "5.17"},
    {"riscv_hwprobe", "6.4"},
    {"cachestat", "6.5"},
    {"fchmodat2", "6.6"},
    {"map_shadow_stack", "6.6"},
    {"futex_wake", "6.7"},
    {"futex_wait", "6.7"},
    {"futex_requeue", "6.7"},
    {"statmount", "6.8"},
    {"listmount", "6.8"},
    {"lsm_get_self_attr", "6.8"},
    {"lsm_set_self_attr", "6.8"},
    {"lsm_list_modules", "6.8"},
    {"mseal", "6.10"},
    {"uretprobe", "6.11"},
    {"setxattrat", "6.13"},
    {"getxattrat", "6.13"},
    {"listxattrat", "6.13"},
    {"removexattrat", "6.13"},
    {"open_tree_attr", "6.15"},
    {"file_getattr", "6.17"},
    {"file_setattr", "6.17"},
};

/* SCP034: what glibc 2.36 (Debian 12) calls on x86_64 instead of a
 * syscall that older libcs made, each pair checked by tracing a program
 * that calls the functions (strace, glibc 2.36-9+deb12u14).  Only pairs
 * where glibc really switched are here.  Checked and left out because
 * glibc 2.36 still makes the old call on x86_64: dup2, poll, epoll_wait,
 * epoll_create, inotify_init, accept, access, rename, renameat, vfork,
 * chmod, chown, lchown, mkdir, rmdir, unlink, readlink, symlink, link,
 * creat, getpgrp, alarm, pause, truncate; time() and gettimeofday() make
 * no syscall at all (vDSO). */
struct legacy {
	const char *name;
	const char *funcs;   /* the libc functions that changed */
	const char *with[2]; /* what glibc 2.36 calls; any one allowed is enough */
};

static const struct legacy legacy_pairs[] = {
    {"nanosleep", "nanosleep(), sleep() and usleep()", {"clock_nanosleep"}},
    {"open", "open() and fopen()", {"openat"}},
    {"stat", "stat()", {"newfstatat"}},
    {"lstat", "lstat()", {"newfstatat"}},
    {"fstat", "fstat()", {"newfstatat"}},
    {"pipe", "pipe()", {"pipe2"}},
    {"select", "select()", {"pselect6"}},
    {"eventfd", "eventfd()", {"eventfd2"}},
    {"signalfd", "signalfd()", {"signalfd4"}},
    {"getdents", "readdir()", {"getdents64"}},
    {"fork", "fork()", {"clone"}},
    {"utime", "utime()", {"utimensat"}},
    {"utimes", "utimes() and lutimes()", {"utimensat"}},
    {"futimesat", "futimesat() and futimes()", {"utimensat"}},
    {"mknod", "mknod() and mkfifo()", {"mknodat"}},
    {"getrlimit", "getrlimit()", {"prlimit64"}},
    {"setrlimit", "setrlimit()", {"prlimit64"}},
    {"tkill", "raise() and abort()", {"tgkill"}},
};

/* The arch the SCP034 pairs were traced on. */
#define LEGACY_ARCH "x86_64"

/* ---- helpers ---- */

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static const char *multiplexer(const char *name)
{
	if (in_list(name, socketcall_calls, SC_ARRAY_SIZE(socketcall_calls)))
		return "socketcall";
	if (in_list(name, ipc_calls, SC_ARRAY_SIZE(ipc_calls)))
		return "ipc";
	return NULL;
}

/* Whether a rule naming `name` filters anything on arch a. */
static bool name_works(const struct arch_info *a, const char *name)
{
	const char *mux;

	switch (arch_syscall_resolve(a, name, NULL)) {
	case ARCH_SYS_OK: return true;
	case ARCH_SYS_UNKNOWN: return false;
	case ARCH_SYS_PSEUDO: break;
	}
	mux = multiplexer(name);
	return mux && arch_syscall_resolve(a, mux, NULL) == ARCH_SYS_OK;
}

static const char *newer_kernel(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(newer_syscalls); i++)
		if (strcmp(newer_syscalls[i].name, name) == 0)
			return newer_syscalls[i].kernel;
	return NULL;
}

static const struct replacement *replacement_of(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(replacements); i++)
		if (strcmp(replacements[i].name, name) == 0)
			return &replacements[i];
	return NULL;
}

/* The listed arches this libseccomp knows (the others cannot be judged,
 * and SCP015 reports them); the target's native arch when none is listed,
 * as libseccomp starts every filter with it.  *n_listed counts all. */
static size_t known_arches(const struct lint_ctx *c, const struct arch_info **out, size_t *n_listed)
{
	size_t n = 0;

	*n_listed = c->res->n_arches;
	for (size_t i = 0; i < c->res->n_arches && n < MAX_ARCHES; i++)
		if (c->res->arches[i]->supported)
			out[n++] = c->res->arches[i];
	if (c->res->n_arches == 0 && c->target && c->target->native &&
	    c->target->native->supported) {
		out[n++] = c->target->native;
		*n_listed = 1;
	}
	return n;
}

/* "a", "a or b", "a, b or c" (last = " or ") */
static void join_names(char *buf, size_t size, const char *const *names, size_t n, const char *last)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? last : ", ";
		int w = snprintf(buf + len, size - len, "%s%s", sep, names[i]);

		if (w < 0)
			break;
		len += (size_t)w;
	}
}

static void join_arches(char *buf, size_t size, const struct arch_info *const *a, size_t n,
			const char *last)
{
	const char *names[MAX_ARCHES];

	for (size_t i = 0; i < n && i < MAX_ARCHES; i++)
		names[i] = a[i]->name;
	join_names(buf, size, names, n < MAX_ARCHES ? n : MAX_ARCHES, last);
}

static bool allowed_ish(const struct profile *p, const char *name)
{
	return lint_verdict(p, name, NULL, NULL) != LINT_DENIED;
}

static const struct profile_src *name_src(const struct profile_rule *r, const char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0)
			return &r->names[i].src;
	return &r->src;
}

/* ---- SCP017 ---- */

/* "SCMP_ACT_ERRNO(38)": the errno tells two ERRNO actions apart. */
static const char *fmt_action(char buf[static 48], enum profile_action a, uint32_t err)
{
	if (a == ACT_ERRNO || a == ACT_TRACE)
		snprintf(buf, 48, "%s(%u)", profile_action_name(a), (unsigned)err);
	else
		snprintf(buf, 48, "%s", profile_action_name(a));
	return buf;
}

/* What skipping the name does, by the rule's and the default's action.
 * repl: what programs call instead on these arches (NULL if unknown), when
 * the profile does not already give it the fate the rule meant. */
static const char *skip_effect(const struct profile *p, const struct profile_rule *r,
			       const char *name, const char *repl, char *buf, size_t size)
{
	bool allow_rule = profile_action_is_allow(r->action);
	bool allowlist = lint_is_allowlist(p);
	char da[48], ra[48];

	if (allowlist && allow_rule && repl)
		snprintf(buf, size,
			 "runc and crun skip the name, so this rule allows nothing and %s() fails: "
			 "%s is not allowed",
			 name, repl);
	else if (allowlist && allow_rule)
		snprintf(buf, size,
			 "runc and crun skip names they cannot resolve, so the "
			 "allowlist silently denies it");
	else if (!allowlist && !allow_rule && repl)
		snprintf(buf, size,
			 "runc and crun skip the name, so this rule blocks nothing: %s() stays "
			 "allowed through %s",
			 name, repl);
	else if (!allowlist && !allow_rule)
		snprintf(buf, size,
			 "runc and crun skip names they cannot resolve, so the "
			 "denylist silently allows it");
	else if (!allow_rule)
		snprintf(buf, size,
			 "runc and crun skip names they cannot resolve, so the default action %s "
			 "applies instead of this rule's %s",
			 fmt_action(da, p->default_action, profile_default_errno(p)),
			 fmt_action(ra, r->action, profile_rule_errno(p, r)));
	else
		snprintf(buf, size,
			 "runc and crun skip names they cannot resolve (the default "
			 "action allows it anyway)");
	return buf;
}

/* Where a name is a syscall, for "not a syscall on aarch64 (only on x86,
 * arm, ...)": the first few supported arches, in the spec's order. */
static void where_known(char *buf, size_t size, const char *name)
{
	const struct arch_info *found[5];
	size_t n = 0;
	bool more = false;

	for (size_t i = 0; i < arch_count(); i++) {
		const struct arch_info *a = arch_at(i);

		if (!a->supported || arch_syscall_resolve(a, name, NULL) != ARCH_SYS_OK)
			continue;
		if (n == SC_ARRAY_SIZE(found)) {
			more = true;
			break;
		}
		found[n++] = a;
	}
	join_arches(buf, size, found, n, more ? ", " : " and ");
	if (more) {
		size_t len = strlen(buf);

		snprintf(buf + len, size - len, ", ...");
	}
}

/* The replacement programs use on these arches: the first of the table's
 * candidates that works on one of them. */
static const char *replacement_on(const char *name, const struct arch_info *const *arches,
				  size_t n_arches)
{
	const struct replacement *rep = replacement_of(name);

	for (size_t k = 0; rep && k < MAX_WITH && rep->with[k]; k++)
		for (size_t i = 0; i < n_arches; i++)
			if (name_works(arches[i], rep->with[k]))
				return rep->with[k];
	return NULL;
}

/* A Docker/containers profile with an archMap and no "architectures" is
 * written for every node arch at once: the arch list comes from the node,
 * and on arches the archMap does not cover (ppc64le for the containers'
 * default) the filter is the native arch alone.  A name real on some
 * other arch is then meant for that arch, not a mistake; only names that
 * are no syscall anywhere are.  An explicit --arch asks about one target. */
static bool shared_multi_arch(const struct lint_ctx *c)
{
	return c->raw->n_arches == 0 && c->raw->n_archmap > 0 && c->opts->n_targets == 0;
}

/* Whether the replacement already gets the fate the rule meant for the
 * name: allowed by an allow rule's profile, denied in a denylist. */
static bool replacement_agrees(const struct profile *p, const struct profile_rule *r,
			       const char *repl)
{
	enum lint_verdict v = lint_verdict(p, repl, NULL, NULL);

	if (profile_action_is_allow(r->action))
		return v != LINT_DENIED;
	return v == LINT_DENIED;
}

static void check_unknown_name(struct lint_ctx *c, const struct profile_rule *r,
			       const struct profile_name *n, const struct arch_info *const *arches,
			       size_t n_arches)
{
	const struct profile *p = c->res;
	const struct replacement *rep;
	const char *repl, *suggest, *kernel;
	bool pseudo = false;
	char effect[256], on[256], hint[384], known[192];

	for (size_t i = 0; i < n_arches; i++) {
		if (name_works(arches[i], n->name))
			return;
		pseudo |= arch_syscall_resolve(arches[i], n->name, NULL) == ARCH_SYS_PSEUDO;
	}

	if (!pseudo && (kernel = newer_kernel(n->name))) {
		lint_report(c, "SCP017", SEV_WARNING, &n->src,
			    "keep it if the nodes' runtimes link a libseccomp that knows it",
			    "\"%s\" (Linux %s) is newer than this machine's libseccomp: runc and "
			    "crun linked against it skip the name, so the rule does nothing there",
			    n->name, kernel);
		return;
	}
	if (!pseudo) {
		skip_effect(p, r, n->name, NULL, effect, sizeof(effect));
		suggest = arch_syscall_suggest(n->name);
		if (suggest) {
			snprintf(hint, sizeof(hint), "write \"%s\" if that is what you meant",
				 suggest);
			lint_report(c, "SCP017", SEV_ERROR, &n->src, hint,
				    "unknown syscall \"%s\"; did you mean %s? %s", n->name, suggest,
				    effect);
		} else {
			snprintf(hint, sizeof(hint),
				 "check the spelling against the kernel's syscall names "
				 "(scmp_sys_resolver %s), or remove it",
				 n->name);
			lint_report(c, "SCP017", SEV_ERROR, &n->src, hint,
				    "unknown syscall \"%s\": no architecture has it; %s", n->name,
				    effect);
		}
		return;
	}
	if (shared_multi_arch(c))
		return;

	rep = replacement_of(n->name);
	repl = replacement_on(n->name, arches, n_arches);
	join_arches(on, sizeof(on), arches, n_arches, " or ");
	if (repl && !rep->vdso && replacement_agrees(p, r, repl)) {
		/* Dead, but the call programs make gets what the rule meant. */
		lint_report(c, "SCP017", SEV_WARNING, &n->src, "remove it",
			    "\"%s\" is not a syscall on %s, where programs call %s; runc and crun "
			    "skip the name, so the rule does nothing (%s is %s elsewhere in the "
			    "profile)",
			    n->name, on, repl, repl,
			    profile_action_is_allow(r->action) ? "allowed" : "denied");
		return;
	}
	if (repl && !rep->vdso) {
		skip_effect(p, r, n->name, rep->fn ? repl : NULL, effect, sizeof(effect));
		snprintf(hint, sizeof(hint), "name %s instead", repl);
		if (rep->fn)
			lint_report(
			    c, "SCP017", SEV_ERROR, &n->src, hint,
			    "\"%s\" is not a syscall on %s: libc implements %s() with %s; %s",
			    n->name, on, n->name, repl, effect);
		else
			lint_report(c, "SCP017", SEV_ERROR, &n->src, hint,
				    "\"%s\" is not a syscall on %s: programs there call %s; %s",
				    n->name, on, repl, effect);
		return;
	}
	/* Nothing there could make the call (or libc makes it without a
	 * syscall): the rule is dead, but no call changes its fate. */
	if (repl)
		lint_report(
		    c, "SCP017", SEV_WARNING, &n->src, "remove it",
		    "\"%s\" is not a syscall on %s: libc implements %s() with %s in the "
		    "vDSO, without a syscall; runc and crun skip the name, so the rule does "
		    "nothing",
		    n->name, on, n->name, repl);
	else {
		where_known(known, sizeof(known), n->name);
		lint_report(c, "SCP017", SEV_WARNING, &n->src,
			    "remove it, or list an architecture that has it in \"architectures\"",
			    "\"%s\" is not a syscall on %s%s%s%s; runc and crun skip the name, so "
			    "the rule does nothing",
			    n->name, on, known[0] ? " (only on " : "", known, known[0] ? ")" : "");
	}
}

/* ---- SCP018 ---- */

static void check_missing_on_arch(struct lint_ctx *c, const struct profile_name *n,
				  const struct arch_info *const *arches, size_t n_arches)
{
	const struct profile *p = c->res;
	const struct replacement *rep = replacement_of(n->name);
	const struct arch_info *bad[MAX_ARCHES], *ok[MAX_ARCHES];
	const char *cands[MAX_WITH];
	size_t n_bad = 0, n_ok = 0, n_cands = 0;
	char on[256], have[256], list[128];

	if (!rep || rep->vdso)
		return;
	for (size_t i = 0; i < n_arches; i++) {
		bool any_exists = false, any_allowed = false;

		if (name_works(arches[i], n->name)) {
			ok[n_ok++] = arches[i];
			continue;
		}
		for (size_t k = 0; k < MAX_WITH && rep->with[k]; k++) {
			if (!name_works(arches[i], rep->with[k]))
				continue;
			any_exists = true;
			any_allowed |= allowed_ish(p, rep->with[k]);
		}
		/* Without a replacement on that arch programs there have
		 * nothing else to call, so nothing is lost. */
		if (any_exists && !any_allowed)
			bad[n_bad++] = arches[i];
	}
	if (n_bad == 0 || n_ok == 0) /* n_ok == 0: SCP017 */
		return;
	for (size_t k = 0; k < MAX_WITH && rep->with[k]; k++)
		for (size_t i = 0; i < n_bad; i++)
			if (name_works(bad[i], rep->with[k])) {
				cands[n_cands++] = rep->with[k];
				break;
			}
	join_arches(on, sizeof(on), bad, n_bad, " and ");
	join_arches(have, sizeof(have), ok, n_ok, " and ");
	if (n_cands == 1) {
		lint_report(c, "SCP018", SEV_WARNING, &n->src, "allow it as well",
			    "\"%s\" exists on %s but not on %s, and %s is not allowed: programs on "
			    "%s call %s instead, so the profile denies them there",
			    n->name, have, on, cands[0], on, cands[0]);
		return;
	}
	join_names(list, sizeof(list), cands, n_cands, " nor ");
	lint_report(c, "SCP018", SEV_WARNING, &n->src, "allow the one your programs call as well",
		    "\"%s\" exists on %s but not on %s, and neither %s is allowed: programs on %s "
		    "call one of those instead, so the profile denies them there",
		    n->name, have, on, list, on);
}

/* ---- SCP034 ---- */

static bool lists_arch(const struct arch_info *const *arches, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(arches[i]->name, name) == 0)
			return true;
	return false;
}

static void check_legacy(struct lint_ctx *c, const struct arch_info *const *arches, size_t n_arches)
{
	const struct profile *p = c->res;

	if (!lint_is_allowlist(p) || !lists_arch(arches, n_arches, LEGACY_ARCH))
		return;
	for (size_t i = 0; i < SC_ARRAY_SIZE(legacy_pairs); i++) {
		const struct legacy *l = &legacy_pairs[i];
		const struct profile_rule *r = NULL;
		const char *with[SC_ARRAY_SIZE(l->with)];
		size_t n_with = 0;
		bool satisfied = false;
		char list[96], hint[256];

		if (lint_verdict(p, l->name, &r, NULL) != LINT_ALLOWED || !r)
			continue;
		for (size_t k = 0; k < SC_ARRAY_SIZE(l->with) && l->with[k]; k++) {
			with[n_with++] = l->with[k];
			satisfied |= allowed_ish(p, l->with[k]);
		}
		if (satisfied)
			continue;
		join_names(list, sizeof(list), with, n_with, " or ");
		snprintf(hint, sizeof(hint),
			 "allow %s as well; a profile written for (or traced from) an older libc "
			 "misses it",
			 list);
		lint_report(c, "SCP034", SEV_WARNING, name_src(r, l->name), hint,
			    "%s is allowed but %s is not: glibc 2.36 implements %s with %s on "
			    "x86_64, so they fail under this profile",
			    l->name, list, l->funcs, list);
	}
}

void lint_check_names(struct lint_ctx *c)
{
	const struct profile *p = c->res;
	const struct arch_info *arches[MAX_ARCHES];
	size_t n_listed, n_arches = known_arches(c, arches, &n_listed);

	/* An arch this libseccomp lacks has no table: judging names by the
	 * others would report names that are fine there. */
	if (n_arches == 0 || n_arches != n_listed)
		return;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		bool allow = lint_is_allowlist(p) && profile_action_is_allow(r->action);

		for (size_t j = 0; j < r->n_names; j++) {
			check_unknown_name(c, r, &r->names[j], arches, n_arches);
			if (allow)
				check_missing_on_arch(c, &r->names[j], arches, n_arches);
		}
	}
	check_legacy(c, arches, n_arches);
}
