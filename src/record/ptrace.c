/* The ptrace recorder: a filter that returns SECCOMP_RET_TRACE for what is
 * recorded and PTRACE_O_TRACESECCOMP, so each recorded call costs one stop;
 * or, attached to a running process, syscall-entry stops. */
#include <dirent.h>
#include <errno.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record/record.h"
#include "sandbox/spawn.h"

#define OPTS_FOLLOW                                                                                \
	(PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC)

struct tracer {
	struct sb_child kid;
	struct bpf_prog prog;
	bool attached; /* --pid: syscall stops, detach at the end */
	pid_t main;    /* the command (or the attached process) */
	pid_t *tids;   /* attached threads (--pid), to detach */
	size_t n_tids, cap_tids;
};

static long pt(int req, pid_t pid, void *addr, void *data)
{
	return ptrace((enum __ptrace_request)req, pid, addr, data);
}

static int remember(struct tracer *t, pid_t tid)
{
	for (size_t i = 0; i < t->n_tids; i++)
		if (t->tids[i] == tid)
			return 0;
	if (t->n_tids == t->cap_tids) {
		size_t cap = t->cap_tids ? 2 * t->cap_tids : 16;
		pid_t *v = realloc(t->tids, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->tids = v;
		t->cap_tids = cap;
	}
	t->tids[t->n_tids++] = tid;
	return 0;
}

static void forget(struct tracer *t, pid_t tid)
{
	for (size_t i = 0; i < t->n_tids; i++)
		if (t->tids[i] == tid) {
			t->tids[i] = t->tids[--t->n_tids];
			return;
		}
}

/* Seize every thread of a running process, again until no new one shows up. */
static int attach_all(struct rec_session *s, struct tracer *t, struct sc_error *err)
{
	char path[64];
	bool grew = true;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)t->main);
	while (grew) {
		DIR *d = opendir(path);
		struct dirent *e;

		if (!d)
			return sc_error_set(err, -errno, "%s: %s", path, strerror(errno));
		grew = false;
		while ((e = readdir(d))) {
			pid_t tid = (pid_t)atoi(e->d_name);
			bool known = false;

			if (tid <= 0)
				continue;
			for (size_t i = 0; i < t->n_tids && !known; i++)
				known = t->tids[i] == tid;
			if (known)
				continue;
			if (pt(PTRACE_SEIZE, tid, NULL,
			       (void *)(long)(OPTS_FOLLOW | PTRACE_O_TRACESYSGOOD)) < 0) {
				if (errno == ESRCH)
					continue; /* the thread ended meanwhile */
				int e2 = errno;

				closedir(d);
				return sc_error_set(err, -e2,
						    "cannot attach to %d (thread %d): %s%s",
						    (int)t->main, (int)tid, strerror(e2),
						    e2 == EPERM ? " (root, or the same user with "
								  "kernel.yama.ptrace_scope 0, "
								  "is needed)"
								: "");
			}
			if (remember(t, tid) < 0 || pt(PTRACE_INTERRUPT, tid, NULL, NULL) < 0) {
				closedir(d);
				return sc_error_set(err, -ENOMEM, "out of memory");
			}
			grew = true;
			s->processes++;
		}
		closedir(d);
	}
	return 0;
}

static void stop(struct rec_session *s, bool early);
static const int reset[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static int start(struct rec_session *s, struct sc_error *err)
{
	struct tracer *t = calloc(1, sizeof(*t));
	struct sb_spawn_cfg sc = {0};
	struct sock_fprog fprog;
	static struct sock_filter trace_all = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	int rc;

	if (!t)
		return sc_error_set(err, -ENOMEM, "out of memory");
	t->kid.pidfd = t->kid.listener = -1;
	s->priv = t;
	if (s->cfg.attach_pid) {
		t->attached = true;
		t->main = s->cfg.attach_pid;
		s->main = t->main;
		rc = attach_all(s, t, err);
		if (rc < 0)
			stop(s, true);
		return rc;
	}
	if (s->cfg.base) {
		rc = bpf_prog_route_denials(s->cfg.base, SECCOMP_RET_TRACE, &t->prog, NULL, err);
		if (rc < 0)
			return rc;
		fprog.filter = t->prog.insns;
		fprog.len = (unsigned short)t->prog.len;
	} else {
		fprog.filter = &trace_all;
		fprog.len = 1;
	}
	sc.prog = &fprog;
	sc.pdeathsig = true;
	sc.hold = true; /* seized before the filter exists */
	sc.sigmask = s->sigmask;
	sc.reset_signals = reset;
	sc.n_reset = sizeof(reset) / sizeof(reset[0]);
	sc.path = s->cfg.path;
	sc.argv = s->cfg.argv;
	rc = sb_spawn_start(&sc, &t->kid, err);
	if (rc < 0)
		return rc;
	t->main = t->kid.pid;
	if (pt(PTRACE_SEIZE, t->main, NULL,
	       (void *)(long)(OPTS_FOLLOW | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL)) < 0) {
		rc = sc_error_set(err, -errno, "ptrace(PTRACE_SEIZE) of the command: %s",
				  strerror(errno));
		sb_spawn_abort(&t->kid);
		return rc;
	}
	s->processes = 1;
	s->main = t->main;
	sb_spawn_release(&t->kid);
	return 0;
}

static bool group_stop_sig(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static int resume(struct tracer *t, pid_t tid, int sig)
{
	return (int)pt(t->attached ? PTRACE_SYSCALL : PTRACE_CONT, tid, NULL, (void *)(long)sig);
}

/* The call a stopped thread is making, from PTRACE_GET_SYSCALL_INFO;
 * false when the stop is not a call's entry. */
static bool call_info(pid_t tid, struct rec_event *ev)
{
	struct __ptrace_syscall_info info;

	memset(&info, 0, sizeof(info));
	if (pt(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof(info), &info) <= 0)
		return false;
	ev->tid = tid;
	ev->arch = info.arch;
	if (info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
		ev->nr = (int)info.seccomp.nr;
		memcpy(ev->args, info.seccomp.args, sizeof(ev->args));
		return true;
	}
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		ev->nr = (int)info.entry.nr;
		memcpy(ev->args, info.entry.args, sizeof(ev->args));
		return true;
	}
	return false;
}

static int next(struct rec_session *s, struct rec_event *ev, struct sc_error *err)
{
	struct tracer *t = s->priv;

	for (;;) {
		int st;
		pid_t tid = waitpid(-1, &st, __WALL);

		if (tid < 0) {
			if (errno == EINTR)
				return -EINTR;
			if (errno == ECHILD)
				return 0; /* nobody left */
			return sc_error_set(err, -errno, "waitpid: %s", strerror(errno));
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			forget(t, tid);
			if (tid == t->main) {
				s->result.end = SB_END_EXITED;
				s->result.status = st;
				if (t->attached)
					return 0;
			}
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		int sig = WSTOPSIG(st), event = st >> 16;

		if (event == PTRACE_EVENT_SECCOMP || (t->attached && sig == (SIGTRAP | 0x80))) {
			bool got = call_info(tid, ev);

			resume(t, tid, 0);
			if (got)
				return 1;
			continue;
		}
		if (event == PTRACE_EVENT_STOP) {
			if (group_stop_sig(sig))
				pt(PTRACE_LISTEN, tid, NULL, NULL);
			else
				resume(t, tid, 0);
			continue;
		}
		if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
		    event == PTRACE_EVENT_CLONE) {
			unsigned long child = 0;

			pt(PTRACE_GETEVENTMSG, tid, NULL, &child);
			s->processes++;
			if (remember(t, (pid_t)child) < 0)
				return sc_error_set(err, -ENOMEM, "out of memory");
			resume(t, tid, 0);
			continue;
		}
		if (event) { /* EXEC and the others */
			resume(t, tid, 0);
			continue;
		}
		/* a signal for the tracee: deliver it */
		resume(t, tid, sig == SIGTRAP ? 0 : sig);
	}
}

static void detach_all(struct tracer *t)
{
	/* each thread must be in a stop to be detached */
	for (size_t i = 0; i < t->n_tids; i++) {
		pid_t tid = t->tids[i];
		int st;

		if (pt(PTRACE_INTERRUPT, tid, NULL, NULL) < 0)
			continue;
		while (waitpid(tid, &st, __WALL) == tid) {
			if (!WIFSTOPPED(st))
				break;
			int sig = WSTOPSIG(st), event = st >> 16;

			/* a signal stop hands its signal over; other stops none */
			pt(PTRACE_DETACH, tid, NULL,
			   (void *)(long)(event || sig == (SIGTRAP | 0x80) || sig == SIGTRAP
					      ? 0
					      : sig));
			break;
		}
	}
}

static void stop(struct rec_session *s, bool early)
{
	struct tracer *t = s->priv;
	struct sc_error e;

	if (!t)
		return;
	if (t->attached) {
		detach_all(t);
	} else if (early && t->main > 0) {
		/* PTRACE_O_EXITKILL would do it when we exit; do it now and reap.
		 * Every tracee stops at its next recorded call at the latest:
		 * kill each one as it reports, until none is left. */
		pid_t tid;
		int st;

		kill(t->main, SIGKILL);
		for (size_t i = 0; i < t->n_tids; i++)
			kill(t->tids[i], SIGKILL);
		while ((tid = waitpid(-1, &st, __WALL)) > 0)
			if (WIFSTOPPED(st))
				kill(tid, SIGKILL);
	} else if (!early) {
		sb_spawn_outcome(&t->kid, &s->result, &e);
	}
	if (!t->attached)
		sb_spawn_close(&t->kid);
	bpf_prog_free(&t->prog);
	free(t->tids);
	free(t);
	s->priv = NULL;
}

const struct rec_backend rec_backend_ptrace = {
    .name = "ptrace",
    .start = start,
    .next = next,
    .stop = stop,
};
