/* sb_run(): the launcher (fork, NO_NEW_PRIVS, seccomp(), execve) and the
 * user-notification supervisor.  See sandbox.h for the semantics. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox/decode.h"
#include "sandbox/sandbox.h"
#include "sandbox/spawn.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC_ESRCH
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH (1UL << 4)
#endif

extern char **environ;

/* The signals the supervisor passes on to the command. */
static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

const char *sb_taken_name(enum sb_taken t)
{
	switch (t) {
	case SB_TAKEN_ERRNO: return "errno";
	case SB_TAKEN_SIGSYS: return "sigsys";
	case SB_TAKEN_SIGKILL: return "sigkill";
	case SB_TAKEN_CONTINUED: return "continued";
	case SB_TAKEN_GONE: return "gone";
	}
	return "?";
}

unsigned sb_filter_flags(unsigned profile_flags)
{
	unsigned k = 0;

	if (profile_flags & FLAG_TSYNC)
		k |= SECCOMP_FILTER_FLAG_TSYNC;
	if (profile_flags & FLAG_LOG)
		k |= SECCOMP_FILTER_FLAG_LOG;
	if (profile_flags & FLAG_SPEC_ALLOW)
		k |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	if (profile_flags & FLAG_WAIT_KILLABLE_RECV)
		k |= SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	return k;
}

int sb_exit_code(const struct sb_result *res)
{
	switch (res->end) {
	case SB_END_EXITED:
		if (WIFEXITED(res->status))
			return WEXITSTATUS(res->status);
		if (WIFSIGNALED(res->status))
			return 128 + WTERMSIG(res->status);
		return 125;
	case SB_END_EXEC_FAILED: return res->exec_errno == ENOENT ? 127 : 126;
	case SB_END_SETUP:
	case SB_END_FILTER: break;
	}
	return 125;
}

/* ---- the supervisor ----------------------------------------------------- */

struct sup {
	const struct sb_config *c;
	struct sb_result *res;
	struct sb_child kid;
	struct bpf_decider *decider; /* the model, built once */
	struct seccomp_notif_sizes sizes;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
};

static void read_small(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got = fd < 0 ? -1 : read(fd, buf, n - 1);

	if (fd >= 0)
		close(fd);
	buf[got > 0 ? got : 0] = 0;
	if (got > 0 && buf[got - 1] == '\n')
		buf[got - 1] = 0;
}

/* The Tgid and the SIGSYS disposition of a thread from /proc. */
struct thread_info {
	pid_t tgid;
	bool sigsys_blocked, sigsys_ignored, sigsys_caught;
};

static bool mask_has(const char *line, int sig)
{
	unsigned long long m = strtoull(line, NULL, 16);

	return m & (1ULL << (sig - 1));
}

static void thread_info(pid_t tid, struct thread_info *ti)
{
	char path[64], buf[4096];
	char *l;

	memset(ti, 0, sizeof(*ti));
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	read_small(path, buf, sizeof(buf));
	if ((l = strstr(buf, "\nTgid:")))
		ti->tgid = (pid_t)atoi(l + 6);
	if ((l = strstr(buf, "\nSigBlk:")))
		ti->sigsys_blocked = mask_has(l + 8, SIGSYS);
	if ((l = strstr(buf, "\nSigIgn:")))
		ti->sigsys_ignored = mask_has(l + 8, SIGSYS);
	if ((l = strstr(buf, "\nSigCgt:")))
		ti->sigsys_caught = mask_has(l + 8, SIGSYS);
	if (!ti->tgid)
		ti->tgid = tid;
}

static int send_resp(struct sup *s, int error, uint32_t flags)
{
	memset(s->resp, 0, s->sizes.seccomp_notif_resp);
	s->resp->id = s->req->id;
	s->resp->error = error;
	s->resp->flags = flags;
	if (ioctl(s->kid.listener, SECCOMP_IOCTL_NOTIF_SEND, s->resp) == 0)
		return 0;
	return -errno;
}

/* Act on a denied call as the kernel would have (sandbox.h). */
static enum sb_taken enforce(struct sup *s, const struct sb_event *ev, const struct thread_info *ti)
{
	uint32_t act = bpf_ret_action(ev->ret);

	if (act == SECCOMP_RET_ERRNO) {
		unsigned e = bpf_ret_data(ev->ret);

		if (e > 4095)
			e = 4095; /* the kernel caps it at MAX_ERRNO */
		return send_resp(s, -(int)e, 0) == 0 ? SB_TAKEN_ERRNO : SB_TAKEN_GONE;
	}
	if (ti->sigsys_blocked || ti->sigsys_ignored ||
	    (ti->sigsys_caught && act != SECCOMP_RET_TRAP)) {
		/* The kernel's SIGSYS would get through; ours would not: SIGKILL. */
		return kill(ti->tgid, SIGKILL) == 0 ? SB_TAKEN_SIGKILL : SB_TAKEN_GONE;
	}
	if (act == SECCOMP_RET_TRAP && ti->sigsys_caught) {
		/* The handler runs after the call returned ENOSYS. */
		if (send_resp(s, -ENOSYS, 0) < 0)
			return SB_TAKEN_GONE;
		return tgkill(ti->tgid, ev->tid, SIGSYS) == 0 ? SB_TAKEN_SIGSYS : SB_TAKEN_GONE;
	}
	/* Default disposition: the signal interrupts the held call, which then
	 * never runs, and the process dies of SIGSYS (with a core, as the
	 * kernel's kill does). */
	return tgkill(ti->tgid, ev->tid, SIGSYS) == 0 ? SB_TAKEN_SIGSYS : SB_TAKEN_GONE;
}

static int handle_notification(struct sup *s)
{
	struct sb_event ev;
	struct thread_info ti;
	struct bpf_result br;
	struct sc_error e2;
	struct sc_strbuf text = {0}, json = {0};
	struct sb_mem mem = {.read = sb_mem_read_process};
	char path[64];
	bool ours;

	memset(s->req, 0, s->sizes.seccomp_notif);
	if (ioctl(s->kid.listener, SECCOMP_IOCTL_NOTIF_RECV, s->req) < 0)
		return errno == EINTR || errno == ENOENT ? 0 : -errno;
	s->res->notifications++;
	memset(&ev, 0, sizeof(ev));
	clock_gettime(CLOCK_REALTIME, &ev.when);
	ev.tid = (pid_t)s->req->pid;
	ev.data = s->req->data;
	/* The program the kernel would run decides; the model says why. */
	if (bpf_run(s->c->prog->insns, s->c->prog->len, &ev.data, &br, &e2) < 0)
		br.ret = SECCOMP_RET_KILL_PROCESS;
	ev.ret = br.ret;
	bpf_decider_decide(s->decider, &ev.data, &ev.verdict);
	ev.model_differs = ev.verdict.ret != ev.ret;
	ev.abi = arch_of_call(ev.data.arch, ev.data.nr);
	ev.name = ev.abi ? arch_syscall_name(ev.abi, ev.data.nr) : NULL;
	thread_info(ev.tid, &ti);
	ev.pid = ti.tgid;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)ev.tid);
	read_small(path, ev.comm, sizeof(ev.comm));
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)ev.tid);
	ssize_t n = readlink(path, ev.exe, sizeof(ev.exe) - 1);
	ev.exe[n > 0 ? n : 0] = 0;
	mem.ctx = (void *)(intptr_t)ev.tid;
	sb_decode_call(ev.abi, ev.name, (const uint64_t *)ev.data.args, ev.tid, &mem, &text, &json);
	/* Our own exit after a failed execve is not the command's doing. */
	ours = ev.tid == s->kid.pid && sb_spawn_exec_failed(&s->kid);
	/* What we read belongs to this call only if it is still pending. */
	if (ioctl(s->kid.listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &s->req->id) < 0) {
		ev.taken = SB_TAKEN_GONE;
	} else if (s->c->mode == SB_COMPLAIN) {
		ev.taken = send_resp(s, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE) == 0
			       ? SB_TAKEN_CONTINUED
			       : SB_TAKEN_GONE;
	} else {
		ev.taken = enforce(s, &ev, &ti);
	}
	ev.args_text = text.data ? text.data : "";
	ev.args_json = json.data ? json.data : "[]";
	if (!ours) {
		s->res->events++;
		if (s->c->on_event)
			s->c->on_event(s->c->ctx, &ev);
	}
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
	return 0;
}

static void forward(pid_t child, const struct signalfd_siginfo *si)
{
	/* A signal from the terminal went to the whole foreground process
	 * group, the command included: passing it on would deliver it twice. */
	if (si->ssi_code == SI_KERNEL)
		return;
	kill(child, (int)si->ssi_signo);
}

static int supervise(struct sup *s, int sigfd, int pidfd)
{
	for (;;) {
		struct pollfd p[3] = {
		    {.fd = sigfd, .events = POLLIN},
		    {.fd = pidfd, .events = POLLIN},
		    {.fd = s->kid.listener, .events = POLLIN},
		};
		int n = poll(p, s->kid.listener >= 0 ? 3 : 2, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;

			while (read(sigfd, &si, sizeof(si)) == sizeof(si))
				forward(s->kid.pid, &si);
		}
		if (s->kid.listener >= 0 && (p[2].revents & POLLIN)) {
			int rc = handle_notification(s);

			if (rc < 0)
				return rc;
		} else if (s->kid.listener >= 0 && (p[2].revents & (POLLHUP | POLLERR))) {
			close(s->kid.listener);
			s->kid.listener = -1;
		}
		if (p[1].revents & POLLIN) {
			siginfo_t si = {0};

			if (waitid(P_PID, (id_t)s->kid.pid, &si, WEXITED) < 0)
				return -errno;
			s->res->status = si.si_code == CLD_EXITED ? W_EXITCODE(si.si_status, 0)
								  : si.si_status & 0x7f;
			if (si.si_code == CLD_DUMPED)
				s->res->status |= 0x80;
			return 0;
		}
	}
}

int sb_run(const struct sb_config *c, struct sb_result *res, struct sc_error *err)
{
	struct sup s = {.c = c, .res = res};
	struct bpf_prog routed = {0};
	struct sock_fprog fprog;
	struct sb_spawn_cfg sc = {0};
	sigset_t set, oldmask;
	unsigned kflags = sb_filter_flags(c->profile_flags);
	int sigfd = -1, rc = 0;
	bool listen = c->mode != SB_ENFORCE;

	memset(res, 0, sizeof(*res));
	fprog.len = (unsigned short)c->prog->len;
	fprog.filter = c->prog->insns;
	if (listen) {
		rc = bpf_prog_route_denials(c->prog, SECCOMP_RET_USER_NOTIF, &routed, NULL, err);
		if (rc < 0)
			return rc;
		fprog.filter = routed.insns;
		kflags |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
		if (kflags & SECCOMP_FILTER_FLAG_TSYNC)
			kflags |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
		if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &s.sizes) < 0) {
			rc = sc_error_set(err, -errno, "seccomp(SECCOMP_GET_NOTIF_SIZES): %s",
					  strerror(errno));
			goto out;
		}
		s.req = calloc(1, s.sizes.seccomp_notif > sizeof(*s.req) ? s.sizes.seccomp_notif
									 : sizeof(*s.req));
		s.resp = calloc(1, s.sizes.seccomp_notif_resp > sizeof(*s.resp)
				       ? s.sizes.seccomp_notif_resp
				       : sizeof(*s.resp));
		if (!s.req || !s.resp) {
			rc = sc_error_set(err, -ENOMEM, "out of memory");
			goto out;
		}
		rc = bpf_decider_new(c->resolved, c->opts, &s.decider, err);
		if (rc < 0)
			goto out;
	}
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(&set, forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, &oldmask);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		rc = sc_error_set(err, -errno, "signalfd: %s", strerror(errno));
		goto restore;
	}
	sc.prog = &fprog;
	sc.kflags = kflags;
	sc.keep_privs = c->keep_privs;
	sc.pdeathsig = listen;
	sc.sigmask = &oldmask;
	sc.reset_signals = forwarded;
	sc.n_reset = sizeof(forwarded) / sizeof(forwarded[0]);
	sc.path = c->path;
	sc.argv = c->argv;
	rc = sb_spawn_start(&sc, &s.kid, err);
	if (rc < 0)
		goto restore;
	if (listen) {
		rc = sb_spawn_take_listener(&s.kid, err);
		if (rc < 0 && rc != -ECHILD) {
			sb_spawn_abort(&s.kid); /* it is spinning before execve: nothing ran */
			goto restore;
		}
		rc = 0;
	}
	rc = supervise(&s, sigfd, s.kid.pidfd);
	if (rc < 0) {
		sc_error_set(err, rc, "supervising the command: %s", strerror(-rc));
		sb_spawn_abort(&s.kid);
		goto restore;
	}
	rc = sb_spawn_outcome(&s.kid, res, err);
	sb_spawn_close(&s.kid);
restore:
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
out:
	if (sigfd >= 0)
		close(sigfd);
	free(s.req);
	free(s.resp);
	bpf_decider_free(s.decider);
	bpf_prog_free(&routed);
	return rc;
}
