/* The launcher: see spawn.h. */
#include "sandbox/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

extern char **environ;

/* The page the child and the parent share until execve. */
enum {
	SH_START,
	SH_RELEASED,	/* hold: the parent let the child go on */
	SH_INSTALLED,	/* listener published in `listener` */
	SH_GO,		/* the parent holds its copy: exec */
	SH_FAILED,	/* failed before the filter was in force */
	SH_EXEC_FAILED, /* execve failed under the filter */
};
enum { STAGE_PDEATHSIG = 1, STAGE_NNP, STAGE_SECCOMP };
struct sb_shared {
	atomic_int state;
	atomic_int listener;
	int stage;
	int fail_errno;
};

int sb_find_program(const char *cmd, char **out, struct sc_error *err)
{
	const char *path = getenv("PATH");
	bool denied = false;

	*out = NULL;
	if (!*cmd)
		return sc_error_set(err, -ENOENT, "empty command name");
	if (strchr(cmd, '/')) {
		if (access(cmd, X_OK) < 0)
			return sc_error_set(err, errno == ENOENT ? -ENOENT : -EACCES, "%s: %s", cmd,
					    strerror(errno));
		*out = strdup(cmd);
		return *out ? 0 : sc_error_set(err, -ENOMEM, "out of memory");
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchrnul(path, ':');
		struct stat st;
		char *cand = NULL;
		int n = end == path ? asprintf(&cand, "./%s", cmd)
				    : asprintf(&cand, "%.*s/%s", (int)(end - path), path, cmd);

		if (n < 0)
			return sc_error_set(err, -ENOMEM, "out of memory");
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(cand, X_OK) == 0) {
				*out = cand;
				return 0;
			}
			denied = true;
		}
		free(cand);
		path = *end ? end + 1 : end;
	}
	if (denied)
		return sc_error_set(err, -EACCES, "%s: found on PATH but not executable", cmd);
	return sc_error_set(err, -ENOENT, "%s: command not found (PATH=%s)", cmd,
			    getenv("PATH") ? getenv("PATH") : "");
}

/* ---- the child --------------------------------------------------------- */

static _Noreturn void child_fail(struct sb_shared *sh, int stage, int e)
{
	sh->stage = stage;
	sh->fail_errno = e;
	atomic_store(&sh->state, SH_FAILED);
	_exit(125);
}

static _Noreturn void child(const struct sb_spawn_cfg *cfg, struct sb_shared *sh, pid_t parent)
{
	bool listener = cfg->kflags & SECCOMP_FILTER_FLAG_NEW_LISTENER;
	long fd;

	for (size_t i = 0; i < cfg->n_reset; i++)
		signal(cfg->reset_signals[i], SIG_DFL);
	if (cfg->pdeathsig) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
			child_fail(sh, STAGE_PDEATHSIG, errno);
		if (getppid() != parent)
			child_fail(sh, STAGE_PDEATHSIG, ESRCH);
	}
	if (cfg->sigmask)
		sigprocmask(SIG_SETMASK, cfg->sigmask, NULL);
	if (cfg->hold) {
		struct timespec nap = {0, 50000};

		while (atomic_load(&sh->state) != SH_RELEASED)
			nanosleep(&nap, NULL); /* no filter yet: syscalls are fine */
	}
	if (!cfg->keep_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(sh, STAGE_NNP, errno);
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, cfg->kflags, cfg->prog);
	if (fd < 0)
		child_fail(sh, STAGE_SECCOMP, errno);
	/* The filter is in force: no system call until execve. */
	if (listener) {
		atomic_store(&sh->listener, (int)fd);
		atomic_store(&sh->state, SH_INSTALLED);
		while (atomic_load(&sh->state) != SH_GO)
			__asm__ volatile("" ::: "memory");
	}
	execve(cfg->path, cfg->argv, environ);
	sh->fail_errno = errno;
	atomic_store(&sh->state, SH_EXEC_FAILED);
	syscall(SYS_exit_group, 126);
	syscall(SYS_exit, 126);
	__builtin_trap(); /* exit denied too: die of SIGILL, no syscall needed */
}

/* ---- the parent --------------------------------------------------------- */

int sb_spawn_start(const struct sb_spawn_cfg *cfg, struct sb_child *c, struct sc_error *err)
{
	pid_t parent = getpid();

	memset(c, 0, sizeof(*c));
	c->pidfd = c->listener = -1;
	c->kflags = cfg->kflags;
	c->sh =
	    mmap(NULL, sizeof(*c->sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c->sh == MAP_FAILED) {
		c->sh = NULL;
		return sc_error_set(err, -errno, "mmap: %s", strerror(errno));
	}
	fflush(NULL);
	c->pid = fork();
	if (c->pid < 0) {
		int e = errno;

		sb_spawn_close(c);
		return sc_error_set(err, -e, "fork: %s", strerror(e));
	}
	if (c->pid == 0)
		child(cfg, c->sh, parent);
	c->pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
	if (c->pidfd < 0) {
		int e = errno;

		sb_spawn_abort(c);
		return sc_error_set(err, -e, "pidfd_open: %s (Linux 5.3 or later is needed)",
				    strerror(e));
	}
	return 0;
}

void sb_spawn_release(struct sb_child *c)
{
	atomic_store(&c->sh->state, SH_RELEASED);
}

int sb_spawn_take_listener(struct sb_child *c, struct sc_error *err)
{
	struct timespec nap = {0, 20000};
	int fd;

	for (;;) {
		int st = atomic_load(&c->sh->state);
		siginfo_t si = {0};

		if (st == SH_INSTALLED)
			break;
		if (st == SH_FAILED)
			return -ECHILD;
		if (waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid == c->pid)
			return -ECHILD;
		nanosleep(&nap, NULL);
	}
	fd = (int)syscall(SYS_pidfd_getfd, c->pidfd, atomic_load(&c->sh->listener), 0);
	if (fd < 0)
		return sc_error_set(err, -errno,
				    "cannot take the filter's listener from the child "
				    "(pidfd_getfd: %s); Linux 5.6 or later and ptrace access to "
				    "one's own child are needed",
				    strerror(errno));
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	c->listener = fd;
	atomic_store(&c->sh->state, SH_GO);
	return 0;
}

bool sb_spawn_exec_failed(const struct sb_child *c)
{
	return atomic_load(&c->sh->state) == SH_EXEC_FAILED;
}

int sb_spawn_outcome(const struct sb_child *c, struct sb_result *res, struct sc_error *err)
{
	const struct sb_shared *sh = c->sh;
	int e = sh->fail_errno;

	switch (atomic_load(&sh->state)) {
	case SH_FAILED: break;
	case SH_EXEC_FAILED:
		res->end = SB_END_EXEC_FAILED;
		res->exec_errno = e;
		return 0;
	default: res->end = SB_END_EXITED; return 0;
	}
	res->end = sh->stage == STAGE_SECCOMP ? SB_END_FILTER : SB_END_SETUP;
	switch (sh->stage) {
	case STAGE_PDEATHSIG:
		return sc_error_set(err, -e, "cannot tie the command to its supervisor: %s",
				    strerror(e));
	case STAGE_NNP: return sc_error_set(err, -e, "prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(e));
	default: break;
	}
	switch (e) {
	case EACCES:
		return sc_error_set(err, -e,
				    "seccomp() refused the filter: without NO_NEW_PRIVS the kernel "
				    "requires CAP_SYS_ADMIN (drop --keep-privs, or run as root)");
	case ENOMEM:
		return sc_error_set(err, -e,
				    "seccomp() refused the filter: too large (the filters of a "
				    "process share a limit of 32768 instructions)");
	case EINVAL:
		return sc_error_set(
		    err, -e,
		    "seccomp() refused the filter (EINVAL): the kernel lacks one of "
		    "its flags (0x%x) or actions; `seccompctl check` lists what this "
		    "kernel supports",
		    c->kflags);
	default: return sc_error_set(err, -e, "seccomp() refused the filter: %s", strerror(e));
	}
}

void sb_spawn_abort(struct sb_child *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, __WALL);
		c->pid = 0;
	}
	sb_spawn_close(c);
}

void sb_spawn_close(struct sb_child *c)
{
	if (c->listener >= 0)
		close(c->listener);
	if (c->pidfd >= 0)
		close(c->pidfd);
	if (c->sh)
		munmap(c->sh, sizeof(*c->sh));
	c->listener = c->pidfd = -1;
	c->sh = NULL;
}
