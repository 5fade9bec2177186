/* Recording the syscalls a workload makes: one small interface (start, next
 * event, stop), one file per backend, and the set they feed.
 *
 * Backends:
 *   ptrace.c  a filter returning SECCOMP_RET_TRACE and PTRACE_O_TRACESECCOMP:
 *             one stop per recorded call; follows fork, vfork, clone and
 *             execve.  Also attaches to a running process (--pid: every
 *             thread PTRACE_SEIZEd, syscall-entry stops, since a filter
 *             cannot be added from outside) and detaches leaving it running.
 *   notify.c  seccomp user notification: each call waits for the recorder,
 *             which continues it (SECCOMP_USER_NOTIF_FLAG_CONTINUE).
 * With a base program (--base) the filter is the base profile's program
 * with its denying RETs routed to the recorder (bpf_prog_route_denials):
 * what the base allows stays in the kernel at full speed.
 */
#ifndef SC_RECORD_RECORD_H
#define SC_RECORD_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch/arch.h"
#include "bpf/bpf.h"
#include "sandbox/sandbox.h"
#include "util/error.h"

/* One call the workload made. */
struct rec_event {
	pid_t tid;
	uint32_t arch; /* AUDIT_ARCH_* as seccomp_data carries it */
	int nr;	       /* x32 calls with the 0x40000000 bit */
	uint64_t args[6];
};

struct rec_config {
	/* the program to load (NULL: record every call); its denying RETs
	 * are routed to the recorder */
	const struct bpf_prog *base;
	const char *path;  /* resolved executable, or NULL with attach_pid */
	char *const *argv; /* its argv */
	pid_t attach_pid;  /* ptrace only: attach to this process instead */
};

struct rec_session;

struct rec_backend {
	const char *name; /* "ptrace", "notify" */
	/* Start the command (or attach); 0 or -errno with err.  Nothing of the
	 * command runs unrecorded: on failure no child is left. */
	int (*start)(struct rec_session *s, struct sc_error *err);
	/* The next call: 1 with *ev filled, 0 when every recorded process is
	 * gone (the command's status in s->result), -EINTR when a signal
	 * interrupted the wait (call again, or stop), other -errno with err. */
	int (*next)(struct rec_session *s, struct rec_event *ev, struct sc_error *err);
	/* End the recording and release everything.  After next() returned 0
	 * (early false) s->result gets how the command's launch went.  Early
	 * (Ctrl-C, an error): an attached process is detached and left
	 * running; a started command is killed (it would run on unrecorded),
	 * its tracees never left stopped. */
	void (*stop)(struct rec_session *s, bool early);
};

extern const struct rec_backend rec_backend_ptrace;
extern const struct rec_backend rec_backend_notify;
/* "ptrace" or "notify"; NULL when unknown. */
const struct rec_backend *rec_backend_by_name(const char *name);

struct rec_session {
	const struct rec_backend *be;
	struct rec_config cfg;
	void *priv;		 /* the backend's */
	struct sb_result result; /* how the started command ended */
	pid_t main;		 /* the command (or the attached process), once started */
	unsigned long processes; /* distinct processes and threads seen */
	const sigset_t *sigmask; /* the child's signal mask */
};

/* ---- the set of calls (collect.c) ---- */

/* What to turn into argument rules (--args). */
enum rec_args {
	REC_ARGS_CLONE = 1u << 0,	/* clone flags: namespace bits, MASKED_EQ */
	REC_ARGS_SOCKET = 1u << 1,	/* socket family (EQ) and type (MASKED_EQ 0xf) */
	REC_ARGS_PERSONALITY = 1u << 2, /* personality value, EQ */
	REC_ARGS_PRCTL = 1u << 3,	/* prctl option, EQ */
	REC_ARGS_IOCTL = 1u << 4,	/* ioctl request, EQ (opt-in) */
};

struct rec_set;
struct rec_set *rec_set_new(unsigned args);
void rec_set_free(struct rec_set *s);
/* Add one call; -ENOMEM. */
int rec_set_add(struct rec_set *s, const struct rec_event *ev);
unsigned long rec_set_events(const struct rec_set *s);
size_t rec_set_distinct(const struct rec_set *s);

/* Each distinct (ABI, number) with the arguments of its first call, for
 * edit_allow_calls; *out is malloc'd. */
int rec_set_calls(const struct rec_set *s, struct seccomp_data **out, size_t *n);

struct rec_profile_opts {
	const char *const *extra; /* names to allow as well (a runtime's start-up set) */
	size_t n_extra;
	const char *comment;			     /* on the ALLOW entry */
	const struct arch_info *native;		     /* listed first in architectures */
	const struct arch_info *const *extra_arches; /* listed as well (--arch) */
	size_t n_extra_arches;
};
/* The allowlist profile: defaultAction SCMP_ACT_ERRNO (EPERM), every ABI
 * seen, the names sorted, argument rules as the set was asked for.  JSON
 * text, malloc'd. */
int rec_set_profile(const struct rec_set *s, const struct rec_profile_opts *o, char **out,
		    struct sc_error *err);

#endif
