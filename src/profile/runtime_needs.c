/* Runtime start-up syscalls as data.
 *
 * Each list stays sorted with one name per line (hence clang-format off):
 * tests/runtime/startup-syscalls.bats reads them with awk and compares them
 * with the `runc`/`crun` lines of tests/runtime/runtime-startup.txt, where
 * every change starts.
 */
#include "profile/runtime_needs.h"

#include <string.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define N_RUNTIMES (RUNTIME_CRUN + 1)

/* runc 1.1.5: its Go init drops capabilities, switches user, closes the
 * inherited fds by walking /proc/self/fd, then execs; futex comes from the
 * Go runtime and shows up only in some runs. */
/* clang-format off */
static const char *const runc_syscalls[] = {
	"capget",
	"capset",
	"chdir",
	"close",
	"epoll_ctl",
	"execve",
	"faccessat2",
	"fcntl",
	"fstat",
	"fstatfs",
	"futex",
	"getcwd",
	"getdents64",
	"getpid",
	"getppid",
	"newfstatat",
	"openat",
	"prctl",
	"read",
	"setgid",
	"setgroups",
	"setuid",
	"write",
};
/* clang-format on */

/* crun 1.8.1: resets signal handlers and mask, drops the bounding set,
 * switches user, sets capabilities, then execs. */
/* clang-format off */
static const char *const crun_syscalls[] = {
	"capset",
	"close",
	"execve",
	"prctl",
	"rt_sigaction",
	"rt_sigprocmask",
	"setresgid",
	"setresuid",
	"write",
};
/* clang-format on */

static const struct runtime_needs runtime_table[N_RUNTIMES] = {
    [RUNTIME_RUNC] = {RUNTIME_RUNC, "runc", "1.1.5", runc_syscalls, N_ELEMS(runc_syscalls)},
    [RUNTIME_CRUN] = {RUNTIME_CRUN, "crun", "1.8.1", crun_syscalls, N_ELEMS(crun_syscalls)},
};

const struct runtime_needs *runtime_needs_get(enum runtime_id id)
{
	return (unsigned)id < N_RUNTIMES ? &runtime_table[id] : NULL;
}

int runtime_parse(const char *s)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < N_RUNTIMES; i++)
		if (strcmp(s, runtime_table[i].name) == 0)
			return i;
	return -1;
}
