/* Running a command under a seccomp filter, the way runc applies one, and
 * supervising what the filter denies.
 *
 * sb_run() forks; the child sets NO_NEW_PRIVS (unless privileges are kept),
 * installs the program with seccomp(2) as its last step and calls execve
 * once (the path is resolved before the filter, so no PATH search runs
 * under it).  Between seccomp() and execve the child makes no system call:
 * when a listener is wanted it publishes the listener's number in a shared
 * page and spins until the supervisor has taken a copy with pidfd_getfd(2).
 *
 * Modes:
 *   SB_ENFORCE   the program as given; nobody listens.
 *   SB_REPORT    every RET of a denying action becomes USER_NOTIF
 *                (bpf_prog_route_denials), so exactly the denied calls reach
 *                the supervisor, which runs the original program over the
 *                call's seccomp_data and acts as the kernel would:
 *                  ERRNO(e)      the call returns -e (e = 0: returns 0);
 *                  KILL_*        SIGSYS sent to the thread while the call is
 *                                held, so it never runs and the process dies
 *                                of SIGSYS as it would; when the program
 *                                blocks, ignores or catches SIGSYS, SIGKILL
 *                                instead (the kernel's SIGSYS cannot be
 *                                caught; ours could). KILL_THREAD in a
 *                                multi-threaded process kills the process:
 *                                no signal ends one thread from outside;
 *                  TRAP          the call returns -ENOSYS and the thread gets
 *                                SIGSYS (si_code SI_TKILL, not SYS_SECCOMP:
 *                                only the kernel can send that one).
 *   SB_COMPLAIN  the same routing, and every call continues
 *                (SECCOMP_USER_NOTIF_FLAG_CONTINUE): nothing is blocked.
 *
 * The filter is inherited, so every thread and child of the command is
 * covered.  With a listener the child gets PR_SET_PDEATHSIG(SIGKILL): if
 * the supervisor dies, the workload does not go on with every denial turned
 * into ENOSYS (the kernel's answer when nobody listens).  When the command
 * itself exits, sb_run returns; descendants that outlive it keep the filter
 * and from then on get ENOSYS for what it denies.
 */
#ifndef SC_SANDBOX_SANDBOX_H
#define SC_SANDBOX_SANDBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "bpf/bpf.h"
#include "profile/profile.h"
#include "util/error.h"

enum sb_mode {
	SB_ENFORCE,
	SB_REPORT,
	SB_COMPLAIN,
};

/* What the supervisor did with a call. */
enum sb_taken {
	SB_TAKEN_ERRNO,	    /* returned the profile's errno */
	SB_TAKEN_SIGSYS,    /* killed: SIGSYS (KILL_*), or SIGSYS raised (TRAP) */
	SB_TAKEN_SIGKILL,   /* killed with SIGKILL: the program handles SIGSYS */
	SB_TAKEN_CONTINUED, /* complain mode: the call ran */
	SB_TAKEN_GONE,	    /* the thread died before the answer */
};
const char *sb_taken_name(enum sb_taken t); /* "errno", "sigsys", ... */

/* One denied (or, in complain mode, would-be denied) call. */
struct sb_event {
	struct timespec when; /* CLOCK_REALTIME */
	pid_t pid, tid;	      /* thread group and thread, in our pid namespace */
	char comm[32];
	char exe[512];
	const struct arch_info *abi; /* the call's ABI (x32 told apart), NULL if unknown */
	const char *name;	     /* syscall name on that ABI, NULL if unassigned */
	struct seccomp_data data;    /* what the filter saw */
	uint32_t ret;		     /* what the profile answers (the original program) */
	struct bpf_verdict verdict;  /* why, from the model (rule, default, bad arch...) */
	bool model_differs;	     /* bpf_decide disagrees with the program: our bug */
	enum sb_taken taken;
	const char
	    *args_text; /* decoded arguments, "mount(\"tmpfs\", ...)", valid during the callback */
	const char *args_json; /* the same as a JSON array, valid during the callback */
};

typedef void (*sb_event_fn)(void *ctx, const struct sb_event *ev);

struct sb_config {
	const struct profile *resolved;	     /* for the verdict's reasons */
	const struct bpf_compile_opts *opts; /* the options prog was compiled with */
	const struct bpf_prog *prog;	     /* the program the kernel enforces */
	unsigned profile_flags;		     /* enum profile_flag bits */
	bool keep_privs;		     /* no NO_NEW_PRIVS (needs CAP_SYS_ADMIN) */
	enum sb_mode mode;
	const char *path;  /* resolved executable (sb_find_program) */
	char *const *argv; /* argv[0] as the user wrote it */
	sb_event_fn on_event;
	void *ctx;
};

/* How the run ended. */
enum sb_end {
	SB_END_EXITED,	    /* status holds the wait status of the command */
	SB_END_SETUP,	    /* the child failed before the filter (err says why) */
	SB_END_FILTER,	    /* seccomp() refused the filter: the command never ran */
	SB_END_EXEC_FAILED, /* execve failed under the filter: exec_errno */
};

struct sb_result {
	enum sb_end end;
	int status;	/* wait status (SB_END_EXITED) */
	int exec_errno; /* SB_END_EXEC_FAILED */
	unsigned long events, notifications;
};

/* Find CMD as execvp would: a name with a slash is used as it is, else the
 * first executable match on PATH.  -ENOENT (not found) or -EACCES (found,
 * not executable) with a message; *out is malloc'd. */
int sb_find_program(const char *cmd, char **out, struct sc_error *err);

/* Run, supervise, wait.  Returns 0 when the command was started (or its
 * start was refused by the filter or by execve: see res->end), a negative
 * errno with err set when seccompctl itself failed before the command
 * could run (then nothing ran unfiltered: the child, if any, is gone). */
int sb_run(const struct sb_config *c, struct sb_result *res, struct sc_error *err);

/* DESIGN.md section 2: the command's status, 128+N for signal N, 125 our
 * failure before exec, 126 could not execute, 127 not found. */
int sb_exit_code(const struct sb_result *res);

/* Kernel filter flags for a profile's "flags" (SECCOMP_FILTER_FLAG_*). */
unsigned sb_filter_flags(unsigned profile_flags);

#endif
