/* journalctl as a child process (journal.h).  posix_spawnp() rather than
 * fork(): the exec failure (ENOENT when journalctl is not installed) comes
 * back as its return value, and no code of ours runs in the child. */
#include "audit/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

bool audit_journald_running(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct stat st;
	bool up;
	int fd;

	if (stat(AUDIT_JOURNAL_SOCKET, &st) < 0 || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	memcpy(sa.sun_path, AUDIT_JOURNAL_SOCKET, sizeof(AUDIT_JOURNAL_SOCKET));
	up = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return up;
}

int audit_journal_open(const struct audit_journal_opts *o, struct audit_journal *j,
		       struct sc_error *err)
{
	/* whole seconds for journalctl, since rounded down and until up: the
	 * caller's filter still cuts at the millisecond */
	char since[40], until[40];
	char *argv[8] = {"journalctl", "-k", "-o", "json", "--no-pager"};
	posix_spawn_file_actions_t fa;
	int pipefd[2], rc, n = 5;
	pid_t pid;

	j->pid = -1;
	j->fd = -1;
	if (o->follow)
		argv[n++] = "-f";
	if (o->since_ms) {
		snprintf(since, sizeof(since), "--since=@%llu",
			 (unsigned long long)(o->since_ms / 1000));
		argv[n++] = since;
	}
	if (o->until_ms) {
		snprintf(until, sizeof(until), "--until=@%llu",
			 (unsigned long long)((o->until_ms + 999) / 1000));
		argv[n++] = until;
	}
	argv[n] = NULL;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return sc_error_set(err, -errno, "pipe: %s", strerror(errno));
	rc = posix_spawn_file_actions_init(&fa);
	if (rc == 0) {
		/* dup2 clears O_CLOEXEC on the copy: the child keeps only that */
		rc = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
		if (rc == 0)
			rc = posix_spawnp(&pid, "journalctl", &fa, NULL, argv, environ);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		if (rc == ENOENT)
			return sc_error_set(err, -ENOENT,
					    "--source journal: journalctl not found on PATH: "
					    "install systemd's journalctl, or read the kernel "
					    "ring (--source kmsg) or a log FILE");
		return sc_error_set(err, -rc, "--source journal: cannot run journalctl: %s",
				    strerror(rc));
	}
	j->pid = pid;
	j->fd = pipefd[0];
	return 0;
}

/* waitpid() for up to ms milliseconds; true once reaped. */
static bool reap_within(pid_t pid, int *status, int ms)
{
	for (int waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, status, ms < 0 ? 0 : WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			return true;
		if (ms >= 0 && waited >= ms)
			return false;
		if (r == 0)
			nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
	}
}

int audit_journal_close(struct audit_journal *j, bool stop, struct sc_error *err)
{
	int status = 0;

	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	if (j->pid < 0)
		return 0;
	if (stop) {
		kill(j->pid, SIGTERM);
		if (!reap_within(j->pid, &status, 1000)) {
			kill(j->pid, SIGKILL);
			reap_within(j->pid, &status, -1);
		}
		j->pid = -1;
		return 0;
	}
	reap_within(j->pid, &status, -1);
	j->pid = -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return sc_error_set(err, -EIO,
				    "--source journal: journalctl -k -o json exited with status "
				    "%d (its message is above): check that the journal is readable "
				    "(root or the systemd-journal group), or read the kernel ring "
				    "(--source kmsg) or a log FILE",
				    WEXITSTATUS(status));
	return sc_error_set(err, -EIO, "--source journal: journalctl was killed by signal %d",
			    WTERMSIG(status));
}
