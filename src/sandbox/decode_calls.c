/* Syscall signatures: how many arguments each call takes and how each one
 * prints.  Calls without an entry print all six arguments in hex.  Names are
 * libseccomp's, so 32-bit variants (chown32, fstatat64, mmap2,
 * clock_nanosleep_time64) have entries of their own. */
#include <string.h>

#include "sandbox/decode_int.h"
#include "util/cleanup.h"

#define NARGS(...) (sizeof((const uint8_t[]){__VA_ARGS__}))
#define C(name, ...)                                                                               \
	{                                                                                          \
		name, NARGS(__VA_ARGS__),                                                          \
		{                                                                                  \
			__VA_ARGS__                                                                \
		}                                                                                  \
	}
#define C0(name)                                                                                   \
	{                                                                                          \
		name, 0,                                                                           \
		{                                                                                  \
			0                                                                          \
		}                                                                                  \
	}

static const struct sb_call calls[] = {
    /* files and paths */
    C("open", K_PATH, K_OFLAGS, K_OMODE),
    C("openat", K_DIRFD, K_PATH, K_OFLAGS, K_OMODE),
    C("openat2", K_DIRFD, K_PATH, K_OPEN_HOW, K_ULONG),
    C("creat", K_PATH, K_MODE),
    C("access", K_PATH, K_ACCESS_MODE),
    C("faccessat", K_DIRFD, K_PATH, K_ACCESS_MODE),
    C("faccessat2", K_DIRFD, K_PATH, K_ACCESS_MODE, K_AT_ACCESS),
    C("stat", K_PATH, K_PTR),
    C("lstat", K_PATH, K_PTR),
    C("stat64", K_PATH, K_PTR),
    C("lstat64", K_PATH, K_PTR),
    C("newfstatat", K_DIRFD, K_PATH, K_PTR, K_ATFLAGS),
    C("fstatat64", K_DIRFD, K_PATH, K_PTR, K_ATFLAGS),
    C("statx", K_DIRFD, K_PATH, K_ATFLAGS, K_HEX, K_PTR),
    C("statfs", K_PATH, K_PTR),
    C("statfs64", K_PATH, K_ULONG, K_PTR),
    C("readlink", K_PATH, K_PTR, K_ULONG),
    C("readlinkat", K_DIRFD, K_PATH, K_PTR, K_ULONG),
    C("execve", K_PATH, K_ARGV, K_PTR),
    C("execveat", K_DIRFD, K_PATH, K_ARGV, K_PTR, K_ATFLAGS),
    C("chdir", K_PATH),
    C("chroot", K_PATH),
    C("pivot_root", K_PATH, K_PATH),
    C("mkdir", K_PATH, K_MODE),
    C("mkdirat", K_DIRFD, K_PATH, K_MODE),
    C("rmdir", K_PATH),
    C("unlink", K_PATH),
    C("unlinkat", K_DIRFD, K_PATH, K_AT_UNLINK),
    C("rename", K_PATH, K_PATH),
    C("renameat", K_DIRFD, K_PATH, K_DIRFD, K_PATH),
    C("renameat2", K_DIRFD, K_PATH, K_DIRFD, K_PATH, K_RENAME_FLAGS),
    C("link", K_PATH, K_PATH),
    C("linkat", K_DIRFD, K_PATH, K_DIRFD, K_PATH, K_ATFLAGS),
    C("symlink", K_STR, K_PATH),
    C("symlinkat", K_STR, K_DIRFD, K_PATH),
    C("chmod", K_PATH, K_MODE),
    C("fchmod", K_FD, K_MODE),
    C("fchmodat", K_DIRFD, K_PATH, K_MODE),
    C("fchmodat2", K_DIRFD, K_PATH, K_MODE, K_ATFLAGS),
    C("chown", K_PATH, K_ID, K_ID),
    C("lchown", K_PATH, K_ID, K_ID),
    C("fchown", K_FD, K_ID, K_ID),
    C("chown32", K_PATH, K_ID, K_ID),
    C("lchown32", K_PATH, K_ID, K_ID),
    C("fchown32", K_FD, K_ID, K_ID),
    C("fchownat", K_DIRFD, K_PATH, K_ID, K_ID, K_ATFLAGS),
    C("mknod", K_PATH, K_MKNOD_MODE, K_DEV),
    C("mknodat", K_DIRFD, K_PATH, K_MKNOD_MODE, K_DEV),
    C("truncate", K_PATH, K_LONG),
    C("truncate64", K_PATH, K_LONG),
    C("ftruncate", K_FD, K_LONG),
    C("name_to_handle_at", K_DIRFD, K_PATH, K_PTR, K_PTR, K_ATFLAGS),
    C("open_by_handle_at", K_FD, K_PTR, K_OFLAGS),
    C("inotify_add_watch", K_FD, K_PATH, K_IN_MASK),
    C("fanotify_init", K_FAN_INIT, K_OFLAGS),
    C("acct", K_PATH),
    C("swapon", K_PATH, K_SWAP),
    C("swapoff", K_PATH),
    C("umask", K_MODE),
    C("memfd_create", K_STR, K_MFD),
    /* mounts and namespaces */
    C("mount", K_STR, K_PATH, K_STR, K_MS_FLAGS, K_STR),
    C("umount", K_PATH),
    C("umount2", K_PATH, K_UMOUNT_FLAGS),
    C("unshare", K_NS_FLAGS),
    C("setns", K_FD, K_NS_FLAGS),
    C("clone", K_CLONE_FLAGS, K_ELLIPSIS, K_ELLIPSIS, K_ELLIPSIS, K_ELLIPSIS),
    C("clone3", K_CLONE_ARGS, K_ULONG),
    /* fds */
    C("read", K_FD, K_PTR, K_ULONG),
    C("write", K_FD, K_PTR, K_ULONG),
    C("pread64", K_FD, K_PTR, K_ULONG, K_LONG),
    C("pwrite64", K_FD, K_PTR, K_ULONG, K_LONG),
    C("close", K_FD),
    C("fstat", K_FD, K_PTR),
    C("fstat64", K_FD, K_PTR),
    C("fstatfs", K_FD, K_PTR),
    C("fsync", K_FD),
    C("fdatasync", K_FD),
    C("fchdir", K_FD),
    C("dup", K_FD),
    C("dup2", K_FD, K_INT),
    C("dup3", K_FD, K_INT, K_OFLAGS),
    C("ioctl", K_FD, K_IOCTL, K_HEX),
    /* sockets */
    C("socket", K_AF, K_SOCKTYPE, K_INT),
    C("socketpair", K_AF, K_SOCKTYPE, K_INT, K_PTR),
    C("connect", K_FD, K_SOCKADDR, K_UINT),
    C("bind", K_FD, K_SOCKADDR, K_UINT),
    C("socketcall", K_SOCKETCALL, K_PTR),
    /* memory */
    C("mmap", K_PTR, K_ULONG, K_PROT, K_MAP, K_FD, K_HEX),
    C("mmap2", K_PTR, K_ULONG, K_PROT, K_MAP, K_FD, K_HEX),
    C("mprotect", K_PTR, K_ULONG, K_PROT),
    C("pkey_mprotect", K_PTR, K_ULONG, K_PROT, K_INT),
    /* processes */
    C("prctl", K_PR_OPTION, K_HEX, K_HEX, K_HEX, K_HEX),
    C("personality", K_PERSONALITY),
    C("ptrace", K_PTRACE_REQ, K_INT, K_PTR, K_HEX),
    C("kill", K_INT, K_SIGNAL),
    C("tkill", K_INT, K_SIGNAL),
    C("tgkill", K_INT, K_INT, K_SIGNAL),
    C("setuid", K_ID),
    C("setgid", K_ID),
    C("setuid32", K_ID),
    C("setgid32", K_ID),
    C("setfsuid", K_ID),
    C("setfsgid", K_ID),
    C("setfsuid32", K_ID),
    C("setfsgid32", K_ID),
    C("setreuid", K_ID, K_ID),
    C("setregid", K_ID, K_ID),
    C("setreuid32", K_ID, K_ID),
    C("setregid32", K_ID, K_ID),
    C("setresuid", K_ID, K_ID, K_ID),
    C("setresgid", K_ID, K_ID, K_ID),
    C("setresuid32", K_ID, K_ID, K_ID),
    C("setresgid32", K_ID, K_ID, K_ID),
    C("setgroups", K_INT, K_PTR),
    C("setgroups32", K_INT, K_PTR),
    C("capset", K_PTR, K_PTR),
    C("capget", K_PTR, K_PTR),
    C("seccomp", K_SECCOMP_OP, K_SECCOMP_FLAGS, K_PTR),
    /* system */
    C("reboot", K_REBOOT_MAGIC1, K_REBOOT_MAGIC2, K_REBOOT_CMD, K_REBOOT_ARG),
    C("sethostname", K_STRLEN, K_ULONG),
    C("setdomainname", K_STRLEN, K_ULONG),
    C("syslog", K_SYSLOG, K_PTR, K_INT),
    C("quotactl", K_QUOTACMD, K_PATH, K_INT, K_PTR),
    C("init_module", K_PTR, K_ULONG, K_STR),
    C("finit_module", K_FD, K_STR, K_MODINIT),
    C("delete_module", K_STR, K_DELMOD),
    C("kexec_load", K_HEX, K_ULONG, K_PTR, K_KEXEC),
    C("kexec_file_load", K_FD, K_FD, K_ULONG, K_STR, K_KEXEC_FILE),
    C("keyctl", K_KEYCTL, K_KEY_SERIAL, K_HEX, K_HEX, K_HEX),
    C("add_key", K_STR, K_STR, K_PTR, K_ULONG, K_KEY_SERIAL),
    C("request_key", K_STR, K_STR, K_STR, K_KEY_SERIAL),
    C("bpf", K_BPF_CMD, K_PTR, K_UINT),
    C("perf_event_open", K_PTR, K_INT, K_INT, K_FD, K_PERF),
    C("userfaultfd", K_UFFD),
    C("io_uring_setup", K_UINT, K_PTR),
    /* time */
    C("settimeofday", K_PTR, K_PTR),
    C("clock_settime", K_CLOCK, K_TIMESPEC),
    C("clock_settime64", K_CLOCK, K_TIMESPEC),
    C("clock_gettime", K_CLOCK, K_PTR),
    C("clock_gettime64", K_CLOCK, K_PTR),
    C("clock_nanosleep", K_CLOCK, K_TIMER_FLAGS, K_TIMESPEC, K_PTR),
    C("clock_nanosleep_time64", K_CLOCK, K_TIMER_FLAGS, K_TIMESPEC, K_PTR),
    C("nanosleep", K_TIMESPEC, K_PTR),
    /* common calls with nothing to decode, for the argument count */
    C("exit", K_INT),
    C("exit_group", K_INT),
    C("brk", K_PTR),
    C("munmap", K_PTR, K_ULONG),
    C("getrandom", K_PTR, K_ULONG, K_HEX),
    C0("getpid"),
    C0("getppid"),
    C0("gettid"),
    C0("getuid"),
    C0("geteuid"),
    C0("getgid"),
    C0("getegid"),
    C0("setsid"),
    C0("getpgrp"),
    C0("sync"),
    C0("vhangup"),
    C0("sched_yield"),
    C0("pause"),
    C0("fork"),
    C0("vfork"),
    C0("munlockall"),
    C0("inotify_init"),
    C0("restart_syscall"),
};

const struct sb_call *sb_call_find(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(calls); i++)
		if (strcmp(calls[i].name, name) == 0)
			return &calls[i];
	return NULL;
}
