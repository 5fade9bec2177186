/* The user-notification recorder: every recorded call waits for us and is
 * continued (SECCOMP_USER_NOTIF_FLAG_CONTINUE).  Safe here because we never
 * act on the call's memory: we only read seccomp_data. */
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record/record.h"
#include "sandbox/spawn.h"

/* Linux 6.6: the woken task runs on the waker's CPU (much faster round
 * trips).  Debian 12's headers predate it. */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

struct notifier {
	struct sb_child kid;
	struct bpf_prog prog;
	struct seccomp_notif_sizes sizes;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	bool reaped, ticking;
	pid_t tids[4096]; /* open addressing: the threads seen, for the count */
};

static void count_tid(struct rec_session *s, struct notifier *n, pid_t tid)
{
	for (unsigned i = 0, h = (unsigned)tid * 2654435761u; i < 4096; i++) {
		pid_t *slot = &n->tids[(h + i) % 4096];

		if (*slot == tid)
			return;
		if (*slot == 0) {
			*slot = tid;
			s->processes++;
			return;
		}
	}
}

static const int reset[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM};

static void on_tick(int sig)
{
	(void)sig;
}

static void tick(bool on)
{
	static struct sigaction old;
	struct itimerval it = {{0, on ? 50000 : 0}, {0, on ? 50000 : 0}};

	if (on) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_tick; /* no SA_RESTART: RECV returns EINTR */
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, &old);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	if (!on)
		sigaction(SIGALRM, &old, NULL);
}

static void stop(struct rec_session *s, bool early);

/* We are the command's subreaper: what it started and left behind is ours
 * now (and no pid of it can be reused until we reap it).  Kill and reap it,
 * again until nothing is left: each kill orphans the next generation. */
static void kill_orphans(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)gettid());
	for (int round = 0; round < 1000; round++) {
		FILE *f = fopen(path, "re");
		long pid;
		int n = 0;

		if (!f)
			return;
		while (fscanf(f, "%ld", &pid) == 1) {
			kill((pid_t)pid, SIGKILL);
			n++;
		}
		fclose(f);
		if (!n)
			return;
		while (waitpid(-1, NULL, __WALL | WNOHANG) > 0)
			;
		usleep(1000);
	}
}

static int start(struct rec_session *s, struct sc_error *err)
{
	static struct sock_filter notify_all = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	struct notifier *n = calloc(1, sizeof(*n));
	struct sb_spawn_cfg sc = {0};
	struct sock_fprog fprog;
	int rc;

	if (!n)
		return sc_error_set(err, -ENOMEM, "out of memory");
	n->kid.pidfd = n->kid.listener = -1;
	s->priv = n;
	if (s->cfg.attach_pid) {
		stop(s, true);
		return sc_error_set(err, -EINVAL,
				    "--pid needs --method ptrace: a filter cannot be added to a "
				    "running process from outside");
	}
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &n->sizes) < 0) {
		rc = sc_error_set(err, -errno, "seccomp(SECCOMP_GET_NOTIF_SIZES): %s",
				  strerror(errno));
		stop(s, true);
		return rc;
	}
	n->req = calloc(1, n->sizes.seccomp_notif > sizeof(*n->req) ? n->sizes.seccomp_notif
								    : sizeof(*n->req));
	n->resp =
	    calloc(1, n->sizes.seccomp_notif_resp > sizeof(*n->resp) ? n->sizes.seccomp_notif_resp
								     : sizeof(*n->resp));
	if (!n->req || !n->resp) {
		stop(s, true);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	if (s->cfg.base) {
		rc = bpf_prog_route_denials(s->cfg.base, SECCOMP_RET_USER_NOTIF, &n->prog, NULL,
					    err);
		if (rc < 0) {
			stop(s, true);
			return rc;
		}
		fprog.filter = n->prog.insns;
		fprog.len = (unsigned short)n->prog.len;
	} else {
		fprog.filter = &notify_all;
		fprog.len = 1;
	}
	/* what the command leaves behind comes to us (stop() kills it) */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sc.prog = &fprog;
	sc.kflags = SECCOMP_FILTER_FLAG_NEW_LISTENER;
	sc.pdeathsig = true;
	sc.sigmask = s->sigmask;
	sc.reset_signals = reset;
	sc.n_reset = sizeof(reset) / sizeof(reset[0]);
	sc.path = s->cfg.path;
	sc.argv = s->cfg.argv;
	rc = sb_spawn_start(&sc, &n->kid, err);
	if (rc < 0) {
		stop(s, true);
		return rc;
	}
	rc = sb_spawn_take_listener(&n->kid, err);
	if (rc < 0 && rc != -ECHILD) {
		sb_spawn_abort(&n->kid);
		stop(s, true);
		return rc;
	}
	s->main = n->kid.pid;
	tick(true);
	n->ticking = true;
	/* the flags go by value, not through a pointer */
	if (n->kid.listener >= 0)
		ioctl(n->kid.listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		      (unsigned long)SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP); /* best effort */
	return 0;
}

/* Reap the command and whatever it left behind (we are their subreaper;
 * a zombie keeps the filter, and so the listener, alive).  Returns 1 once
 * the command was reaped. */
static int reap(struct rec_session *s, struct notifier *n, int options)
{
	int st;
	pid_t r;

	while (!n->reaped || options == WNOHANG) {
		r = waitpid(-1, &st, options | __WALL);
		if (r <= 0)
			break;
		if (r == n->kid.pid) {
			n->reaped = true;
			s->result.end = SB_END_EXITED;
			s->result.status = st;
		}
	}
	return n->reaped;
}

/* The hot loop is one blocking RECV and one SEND per call (a poll() in
 * between costs another wake-up).  RECV does not return when the last task
 * with the filter is gone, so a 50 ms tick (SIGALRM, no SA_RESTART)
 * interrupts it to look for that, and to reap. */
static int next(struct rec_session *s, struct rec_event *ev, struct sc_error *err)
{
	struct notifier *n = s->priv;

	if (n->kid.listener < 0) /* the child failed before its filter */
		return reap(s, n, 0) ? 0 : -ECHILD;
	for (;;) {
		struct pollfd p = {.fd = n->kid.listener, .events = POLLIN};

		memset(n->req, 0, n->sizes.seccomp_notif);
		if (ioctl(n->kid.listener, SECCOMP_IOCTL_NOTIF_RECV, n->req) == 0) {
			memset(n->resp, 0, n->sizes.seccomp_notif_resp);
			n->resp->id = n->req->id;
			n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
			ioctl(n->kid.listener, SECCOMP_IOCTL_NOTIF_SEND,
			      n->resp); /* ENOENT: gone */
			ev->tid = (pid_t)n->req->pid;
			ev->arch = n->req->data.arch;
			ev->nr = n->req->data.nr;
			memcpy(ev->args, n->req->data.args, sizeof(ev->args));
			count_tid(s, n, ev->tid);
			return 1;
		}
		if (errno == ENOENT && poll(&p, 1, 0) > 0 && !(p.revents & POLLIN) &&
		    (p.revents & (POLLHUP | POLLERR))) {
			/* nobody is left to make a call */
			reap(s, n, 0);
			return 0;
		}
		if (errno == ENOENT)
			continue; /* the caller died meanwhile */
		if (errno != EINTR)
			return sc_error_set(err, -errno, "SECCOMP_IOCTL_NOTIF_RECV: %s",
					    strerror(errno));
		/* the tick, SIGCHLD or a signal for the caller: a zombie keeps
		 * the filter alive, so reap first, then see whether anyone is
		 * left */
		reap(s, n, WNOHANG);
		if (poll(&p, 1, 0) > 0 && !(p.revents & POLLIN) &&
		    (p.revents & (POLLHUP | POLLERR))) {
			reap(s, n, 0);
			return 0;
		}
		return -EINTR;
	}
}

static void stop(struct rec_session *s, bool early)
{
	struct notifier *n = s->priv;
	struct sc_error e;

	if (!n)
		return;
	if (n->ticking)
		tick(false);
	if (early && n->kid.pid > 0) {
		if (!n->reaped)
			kill(n->kid.pid, SIGKILL);
		reap(s, n, 0);
		kill_orphans();
	} else if (!early && n->kid.sh) {
		reap(s, n, 0);
		sb_spawn_outcome(&n->kid, &s->result, &e);
	}
	sb_spawn_close(&n->kid);
	bpf_prog_free(&n->prog);
	free(n->req);
	free(n->resp);
	free(n);
	s->priv = NULL;
}

const struct rec_backend rec_backend_notify = {
    .name = "notify",
    .start = start,
    .next = next,
    .stop = stop,
};

const struct rec_backend *rec_backend_by_name(const char *name)
{
	if (strcmp(name, "ptrace") == 0)
		return &rec_backend_ptrace;
	if (strcmp(name, "notify") == 0)
		return &rec_backend_notify;
	return NULL;
}
