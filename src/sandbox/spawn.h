/* Starting a command under a filter: the launcher that `run` and the
 * recorders share.  The child sets NO_NEW_PRIVS (unless privileges are
 * kept), loads the program with seccomp(2) and calls execve once; between
 * seccomp() and execve it makes no system call.  Internal to src/sandbox
 * and src/record. */
#ifndef SC_SANDBOX_SPAWN_H
#define SC_SANDBOX_SPAWN_H

#include <linux/filter.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "sandbox/sandbox.h"
#include "util/error.h"

struct sb_spawn_cfg {
	const struct sock_fprog *prog;
	unsigned kflags;	  /* SECCOMP_FILTER_FLAG_*; NEW_LISTENER to get a listener */
	bool keep_privs;	  /* no NO_NEW_PRIVS */
	bool pdeathsig;		  /* the child dies (SIGKILL) with its parent */
	bool hold;		  /* the child waits before the filter until sb_spawn_release */
	const sigset_t *sigmask;  /* the child's signal mask (the caller's original one) */
	const int *reset_signals; /* dispositions reset to SIG_DFL in the child */
	size_t n_reset;
	const char *path;  /* resolved executable */
	char *const *argv; /* its argv */
};

struct sb_shared;
struct sb_child {
	pid_t pid;
	int pidfd;
	int listener; /* -1 unless NEW_LISTENER (after sb_spawn_take_listener) */
	struct sb_shared *sh;
	unsigned kflags;
};

/* Fork the child; -errno with err (then no child exists). */
int sb_spawn_start(const struct sb_spawn_cfg *cfg, struct sb_child *c, struct sc_error *err);
/* With cfg.hold: let the child go on to load the filter. */
void sb_spawn_release(struct sb_child *c);
/* With NEW_LISTENER: wait until the filter is loaded, take a copy of the
 * listener (pidfd_getfd) and let the child exec.  0 with c->listener set;
 * -ECHILD when the child failed or died first (see sb_spawn_outcome); other
 * -errno with err (the caller then kills the child: it is spinning before
 * execve, so nothing of the command ran). */
int sb_spawn_take_listener(struct sb_child *c, struct sc_error *err);
/* After the child was reaped: how the launch went.  Sets res->end (and
 * exec_errno); for SB_END_SETUP/SB_END_FILTER returns -errno with err. */
int sb_spawn_outcome(const struct sb_child *c, struct sb_result *res, struct sc_error *err);
/* The child failed its execve under the filter (its exit is ours). */
bool sb_spawn_exec_failed(const struct sb_child *c);
/* Kill (SIGKILL) and reap a child that must not go on; then close. */
void sb_spawn_abort(struct sb_child *c);
/* Close fds and unmap (after the child was reaped). */
void sb_spawn_close(struct sb_child *c);

#endif
