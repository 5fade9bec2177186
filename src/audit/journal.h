/* journald as a source of SECCOMP records: `journalctl -k -o json` run as
 * a child whose stdout we read (audit_parse_line() knows the JSON form).
 *
 * The library only starts, stops and reaps the child; reading its lines
 * is the caller's (it may poll, follow, or hand the fd to stdio). */
#ifndef SC_AUDIT_JOURNAL_H
#define SC_AUDIT_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/error.h"

#define AUDIT_JOURNAL_SOCKET "/run/systemd/journal/socket"

/* A running journalctl.  pid is -1 once reaped; fd (the read end of its
 * stdout) is owned by this struct until audit_journal_close(). */
struct audit_journal {
	pid_t pid;
	int fd;
};

struct audit_journal_opts {
	bool follow;		     /* add -f */
	uint64_t since_ms, until_ms; /* 0: not given */
};

/* journald runs: its socket exists and something listens on it.  A
 * container image may ship the socket path without the daemon; a stale
 * socket refuses the connection. */
bool audit_journald_running(void);

/* Start `journalctl -k -o json --no-pager [-f] [--since=@S] [--until=@S]`
 * found on PATH.  -ENOENT: not installed; other negative errnos: could not
 * start it.  The message says what to do instead. */
int audit_journal_open(const struct audit_journal_opts *o, struct audit_journal *j,
		       struct sc_error *err);

/* Close the pipe, stop the child when stop is set (SIGTERM, then SIGKILL
 * after a second), and reap it.  -EIO when journalctl failed (exited
 * non-zero or died of a signal we did not send), with its status in the
 * message. */
int audit_journal_close(struct audit_journal *j, bool stop, struct sc_error *err);

#endif
