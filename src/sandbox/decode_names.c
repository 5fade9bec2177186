/* Constant names for the decoder, with values taken from the host's UAPI
 * and libc headers (see decode.h for arches whose values differ).  Only the
 * linux/ headers are used where glibc has a clashing twin (prctl,
 * personality, sched, quota); inotify comes from glibc because
 * linux/inotify.h drags in linux/fcntl.h. */
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/fanotify.h>
#include <linux/kexec.h>
#include <linux/keyctl.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/openat2.h>
#include <linux/perf_event.h>
#include <linux/personality.h>
#include <linux/prctl.h>
#include <linux/ptrace.h>
#include <linux/quota.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <signal.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <time.h>
#include <unistd.h>

#include "sandbox/decode_int.h"

#define N(x)                                                                                       \
	{                                                                                          \
		(uint64_t)(x), #x                                                                  \
	}
/* An int constant that may be negative, compared on its low 32 bits. */
#define NI(x)                                                                                      \
	{                                                                                          \
		(uint32_t)(x), #x                                                                  \
	}

/* glibc defines O_LARGEFILE as 0 on 64-bit hosts; a 32-bit tracee passes the
 * kernel's value (asm-generic/fcntl.h: 00100000). */
#define KERNEL_O_LARGEFILE 00100000

static const struct sb_name o_acc[] = {N(O_RDONLY), N(O_WRONLY), N(O_RDWR)};
static const struct sb_name o_bits[] = {
    N(O_TMPFILE),   N(O_SYNC),	   N(O_CREAT),	 N(O_EXCL),
    N(O_NOCTTY),    N(O_TRUNC),	   N(O_APPEND),	 N(O_NONBLOCK),
    N(O_DSYNC),	    N(O_ASYNC),	   N(O_DIRECT),	 {KERNEL_O_LARGEFILE, "O_LARGEFILE"},
    N(O_DIRECTORY), N(O_NOFOLLOW), N(O_NOATIME), N(O_CLOEXEC),
    N(O_PATH),
};
const struct sb_flags sb_f_open = {SB_LIST(o_bits), O_ACCMODE, SB_LIST(o_acc), NULL};

static const struct sb_name at_bits[] = {
    N(AT_SYMLINK_NOFOLLOW), N(AT_SYMLINK_FOLLOW),  N(AT_NO_AUTOMOUNT), N(AT_EMPTY_PATH),
    N(AT_STATX_FORCE_SYNC), N(AT_STATX_DONT_SYNC), N(AT_RECURSIVE),
};
/* AT_REMOVEDIR and AT_EACCESS share 0x200: which one depends on the call. */
static const struct sb_name at_unlink_bits[] = {N(AT_REMOVEDIR)};
static const struct sb_name at_access_bits[] = {N(AT_EACCESS), N(AT_SYMLINK_NOFOLLOW),
						N(AT_EMPTY_PATH)};
static const struct sb_name access_bits[] = {N(R_OK), N(W_OK), N(X_OK)};

static const struct sb_name ms_bits[] = {
    N(MS_MGC_VAL),     N(MS_RDONLY),	 N(MS_NOSUID),	   N(MS_NODEV),	    N(MS_NOEXEC),
    N(MS_SYNCHRONOUS), N(MS_REMOUNT),	 N(MS_MANDLOCK),   N(MS_DIRSYNC),   N(MS_NOSYMFOLLOW),
    N(MS_NOATIME),     N(MS_NODIRATIME), N(MS_BIND),	   N(MS_MOVE),	    N(MS_REC),
    N(MS_SILENT),      N(MS_POSIXACL),	 N(MS_UNBINDABLE), N(MS_PRIVATE),   N(MS_SLAVE),
    N(MS_SHARED),      N(MS_RELATIME),	 N(MS_KERNMOUNT),  N(MS_I_VERSION), N(MS_STRICTATIME),
    N(MS_LAZYTIME),    N(MS_ACTIVE),	 N(MS_NOUSER),
};
static const struct sb_name umount_bits[] = {N(MNT_FORCE), N(MNT_DETACH), N(MNT_EXPIRE),
					     N(UMOUNT_NOFOLLOW)};

/* clone() keeps the exit signal in the low byte (CSIGNAL), so CLONE_NEWTIME
 * (0x80) only exists for unshare(), setns() and clone3(). */
static const struct sb_name clone_bits[] = {
    N(CLONE_NEWTIME),
    N(CLONE_VM),
    N(CLONE_FS),
    N(CLONE_FILES),
    N(CLONE_SIGHAND),
    N(CLONE_PIDFD),
    N(CLONE_PTRACE),
    N(CLONE_VFORK),
    N(CLONE_PARENT),
    N(CLONE_THREAD),
    N(CLONE_NEWNS),
    N(CLONE_SYSVSEM),
    N(CLONE_SETTLS),
    N(CLONE_PARENT_SETTID),
    N(CLONE_CHILD_CLEARTID),
    N(CLONE_DETACHED),
    N(CLONE_UNTRACED),
    N(CLONE_CHILD_SETTID),
    N(CLONE_NEWCGROUP),
    N(CLONE_NEWUTS),
    N(CLONE_NEWIPC),
    N(CLONE_NEWUSER),
    N(CLONE_NEWPID),
    N(CLONE_NEWNET),
    N(CLONE_IO),
    N(CLONE_CLEAR_SIGHAND),
    N(CLONE_INTO_CGROUP),
};
const struct sb_flags sb_f_clone = SB_FLAGS(clone_bits, NULL);

static const struct sb_name resolve_bits[] = {N(RESOLVE_NO_XDEV),     N(RESOLVE_NO_MAGICLINKS),
					      N(RESOLVE_NO_SYMLINKS), N(RESOLVE_BENEATH),
					      N(RESOLVE_IN_ROOT),     N(RESOLVE_CACHED)};
const struct sb_flags sb_f_resolve = SB_FLAGS(resolve_bits, NULL);

static const struct sb_name af_names[] = {
    N(AF_UNSPEC),     N(AF_UNIX),      N(AF_INET),     N(AF_AX25),  N(AF_IPX),	   N(AF_APPLETALK),
    N(AF_NETROM),     N(AF_BRIDGE),    N(AF_ATMPVC),   N(AF_X25),   N(AF_INET6),   N(AF_ROSE),
    N(AF_DECnet),     N(AF_NETBEUI),   N(AF_SECURITY), N(AF_KEY),   N(AF_NETLINK), N(AF_PACKET),
    N(AF_ASH),	      N(AF_ECONET),    N(AF_ATMSVC),   N(AF_RDS),   N(AF_SNA),	   N(AF_IRDA),
    N(AF_PPPOX),      N(AF_WANPIPE),   N(AF_LLC),      N(AF_IB),    N(AF_MPLS),	   N(AF_CAN),
    N(AF_TIPC),	      N(AF_BLUETOOTH), N(AF_IUCV),     N(AF_RXRPC), N(AF_ISDN),	   N(AF_PHONET),
    N(AF_IEEE802154), N(AF_CAIF),      N(AF_ALG),      N(AF_NFC),   N(AF_VSOCK),   N(AF_KCM),
    N(AF_QIPCRTR),    N(AF_SMC),       N(AF_XDP),      N(AF_MCTP),
};
const struct sb_flags sb_f_af = SB_ENUM(af_names);

static const struct sb_name socktype_names[] = {N(SOCK_STREAM), N(SOCK_DGRAM),	   N(SOCK_RAW),
						N(SOCK_RDM),	N(SOCK_SEQPACKET), N(SOCK_DCCP),
						N(SOCK_PACKET)};
static const struct sb_name socktype_bits[] = {N(SOCK_NONBLOCK), N(SOCK_CLOEXEC)};

static const struct sb_name socketcall_names[] = {
    N(SYS_SOCKET),	N(SYS_BIND),	    N(SYS_CONNECT),    N(SYS_LISTEN),	  N(SYS_ACCEPT),
    N(SYS_GETSOCKNAME), N(SYS_GETPEERNAME), N(SYS_SOCKETPAIR), N(SYS_SEND),	  N(SYS_RECV),
    N(SYS_SENDTO),	N(SYS_RECVFROM),    N(SYS_SHUTDOWN),   N(SYS_SETSOCKOPT), N(SYS_GETSOCKOPT),
    N(SYS_SENDMSG),	N(SYS_RECVMSG),	    N(SYS_ACCEPT4),    N(SYS_RECVMMSG),	  N(SYS_SENDMMSG),
};

static const struct sb_name ioctl_names[] = {
    N(TCGETS),	   N(TCSETS),	 N(TCSETSW),	N(TCSETSF),   N(TIOCGWINSZ),
    N(TIOCSWINSZ), N(TIOCSCTTY), N(TIOCNOTTY),	N(TIOCSTI),   N(TIOCGPGRP),
    N(TIOCSPGRP),  N(TIOCGPTN),	 N(TIOCSPTLCK), N(TIOCLINUX), N(FIONREAD),
    N(FIONBIO),	   N(FIOCLEX),	 N(FIONCLEX),	N(FIOASYNC),
};

static const struct sb_name pr_names[] = {
    N(PR_SET_PDEATHSIG),
    N(PR_GET_PDEATHSIG),
    N(PR_GET_DUMPABLE),
    N(PR_SET_DUMPABLE),
    N(PR_GET_UNALIGN),
    N(PR_SET_UNALIGN),
    N(PR_GET_KEEPCAPS),
    N(PR_SET_KEEPCAPS),
    N(PR_GET_FPEMU),
    N(PR_SET_FPEMU),
    N(PR_GET_FPEXC),
    N(PR_SET_FPEXC),
    N(PR_GET_TIMING),
    N(PR_SET_TIMING),
    N(PR_SET_NAME),
    N(PR_GET_NAME),
    N(PR_GET_ENDIAN),
    N(PR_SET_ENDIAN),
    N(PR_GET_SECCOMP),
    N(PR_SET_SECCOMP),
    N(PR_CAPBSET_READ),
    N(PR_CAPBSET_DROP),
    N(PR_GET_TSC),
    N(PR_SET_TSC),
    N(PR_GET_SECUREBITS),
    N(PR_SET_SECUREBITS),
    N(PR_SET_TIMERSLACK),
    N(PR_GET_TIMERSLACK),
    N(PR_TASK_PERF_EVENTS_DISABLE),
    N(PR_TASK_PERF_EVENTS_ENABLE),
    N(PR_MCE_KILL),
    N(PR_MCE_KILL_GET),
    N(PR_SET_MM),
    N(PR_SET_PTRACER),
    N(PR_SET_CHILD_SUBREAPER),
    N(PR_GET_CHILD_SUBREAPER),
    N(PR_SET_NO_NEW_PRIVS),
    N(PR_GET_NO_NEW_PRIVS),
    N(PR_GET_TID_ADDRESS),
    N(PR_SET_THP_DISABLE),
    N(PR_GET_THP_DISABLE),
    N(PR_MPX_ENABLE_MANAGEMENT),
    N(PR_MPX_DISABLE_MANAGEMENT),
    N(PR_SET_FP_MODE),
    N(PR_GET_FP_MODE),
    N(PR_CAP_AMBIENT),
    N(PR_SVE_SET_VL),
    N(PR_SVE_GET_VL),
    N(PR_GET_SPECULATION_CTRL),
    N(PR_SET_SPECULATION_CTRL),
    N(PR_PAC_RESET_KEYS),
    N(PR_SET_TAGGED_ADDR_CTRL),
    N(PR_GET_TAGGED_ADDR_CTRL),
    N(PR_SET_IO_FLUSHER),
    N(PR_GET_IO_FLUSHER),
    N(PR_SET_SYSCALL_USER_DISPATCH),
    N(PR_PAC_SET_ENABLED_KEYS),
    N(PR_PAC_GET_ENABLED_KEYS),
    N(PR_SCHED_CORE),
    N(PR_SME_SET_VL),
    N(PR_SME_GET_VL),
    N(PR_SET_VMA),
};

/* PER_* personalities are the low byte (PER_MASK); several carry flag bits
 * on top, which print as flags. */
static const struct sb_name per_names[] = {
    {PER_LINUX & PER_MASK, "PER_LINUX"},       {PER_SVR4 & PER_MASK, "PER_SVR4"},
    {PER_SVR3 & PER_MASK, "PER_SVR3"},	       {PER_SCOSVR3 & PER_MASK, "PER_SCOSVR3"},
    {PER_WYSEV386 & PER_MASK, "PER_WYSEV386"}, {PER_ISCR4 & PER_MASK, "PER_ISCR4"},
    {PER_BSD & PER_MASK, "PER_BSD"},	       {PER_LINUX32 & PER_MASK, "PER_LINUX32"},
    {PER_IRIX32 & PER_MASK, "PER_IRIX32"},     {PER_IRIXN32 & PER_MASK, "PER_IRIXN32"},
    {PER_IRIX64 & PER_MASK, "PER_IRIX64"},     {PER_RISCOS & PER_MASK, "PER_RISCOS"},
    {PER_SOLARIS & PER_MASK, "PER_SOLARIS"},   {PER_UW7 & PER_MASK, "PER_UW7"},
    {PER_OSF4 & PER_MASK, "PER_OSF4"},	       {PER_HPUX & PER_MASK, "PER_HPUX"},
};
static const struct sb_name per_bits[] = {
    N(UNAME26),		 N(ADDR_NO_RANDOMIZE),	N(FDPIC_FUNCPTRS),
    N(MMAP_PAGE_ZERO),	 N(ADDR_COMPAT_LAYOUT), N(READ_IMPLIES_EXEC),
    N(ADDR_LIMIT_32BIT), N(SHORT_INODE),	N(WHOLE_SECONDS),
    N(STICKY_TIMEOUTS),	 N(ADDR_LIMIT_3GB),
};
const struct sb_flags sb_f_personality = {SB_LIST(per_bits), PER_MASK, SB_LIST(per_names), NULL};

/* Only the requests every arch shares; PTRACE_GETREGS and friends are
 * numbered per arch. */
static const struct sb_name ptrace_names[] = {
    N(PTRACE_TRACEME),
    N(PTRACE_PEEKTEXT),
    N(PTRACE_PEEKDATA),
    N(PTRACE_PEEKUSR),
    N(PTRACE_POKETEXT),
    N(PTRACE_POKEDATA),
    N(PTRACE_POKEUSR),
    N(PTRACE_CONT),
    N(PTRACE_KILL),
    N(PTRACE_SINGLESTEP),
    N(PTRACE_ATTACH),
    N(PTRACE_DETACH),
    N(PTRACE_SYSCALL),
    N(PTRACE_SETOPTIONS),
    N(PTRACE_GETEVENTMSG),
    N(PTRACE_GETSIGINFO),
    N(PTRACE_SETSIGINFO),
    N(PTRACE_GETREGSET),
    N(PTRACE_SETREGSET),
    N(PTRACE_SEIZE),
    N(PTRACE_INTERRUPT),
    N(PTRACE_LISTEN),
    N(PTRACE_PEEKSIGINFO),
    N(PTRACE_GETSIGMASK),
    N(PTRACE_SETSIGMASK),
    N(PTRACE_SECCOMP_GET_FILTER),
    N(PTRACE_SECCOMP_GET_METADATA),
    N(PTRACE_GET_SYSCALL_INFO),
    N(PTRACE_GET_RSEQ_CONFIGURATION),
};

/* The host's signal numbers (mips, sparc, alpha and parisc differ). */
static const struct sb_name sig_names[] = {
    N(SIGHUP),	N(SIGINT),    N(SIGQUIT), N(SIGILL),  N(SIGTRAP),   N(SIGABRT), N(SIGBUS),
    N(SIGFPE),	N(SIGKILL),   N(SIGUSR1), N(SIGSEGV), N(SIGUSR2),   N(SIGPIPE), N(SIGALRM),
    N(SIGTERM), N(SIGSTKFLT), N(SIGCHLD), N(SIGCONT), N(SIGSTOP),   N(SIGTSTP), N(SIGTTIN),
    N(SIGTTOU), N(SIGURG),    N(SIGXCPU), N(SIGXFSZ), N(SIGVTALRM), N(SIGPROF), N(SIGWINCH),
    N(SIGIO),	N(SIGPWR),    N(SIGSYS),
};
const struct sb_flags sb_f_signal = SB_ENUM(sig_names);

static const struct sb_name reboot_magic1[] = {N(LINUX_REBOOT_MAGIC1)};
static const struct sb_name reboot_magic2[] = {N(LINUX_REBOOT_MAGIC2), N(LINUX_REBOOT_MAGIC2A),
					       N(LINUX_REBOOT_MAGIC2B), N(LINUX_REBOOT_MAGIC2C)};
static const struct sb_name reboot_cmds[] = {
    N(LINUX_REBOOT_CMD_RESTART),    N(LINUX_REBOOT_CMD_HALT),	   N(LINUX_REBOOT_CMD_CAD_ON),
    N(LINUX_REBOOT_CMD_CAD_OFF),    N(LINUX_REBOOT_CMD_POWER_OFF), N(LINUX_REBOOT_CMD_RESTART2),
    N(LINUX_REBOOT_CMD_SW_SUSPEND), N(LINUX_REBOOT_CMD_KEXEC),
};

static const struct sb_name prot_bits[] = {N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC),
					   N(PROT_GROWSDOWN), N(PROT_GROWSUP)};
static const struct sb_name map_types[] = {N(MAP_SHARED), N(MAP_PRIVATE), N(MAP_SHARED_VALIDATE)};
/* MAP_32BIT is x86-only; MAP_HUGE_* sizes (bits 26..31) print as hex. */
static const struct sb_name map_bits[] = {
    N(MAP_FIXED),      N(MAP_ANONYMOUS), N(MAP_32BIT),	   N(MAP_GROWSDOWN),	   N(MAP_DENYWRITE),
    N(MAP_EXECUTABLE), N(MAP_LOCKED),	 N(MAP_NORESERVE), N(MAP_POPULATE),	   N(MAP_NONBLOCK),
    N(MAP_STACK),      N(MAP_HUGETLB),	 N(MAP_SYNC),	   N(MAP_FIXED_NOREPLACE),
};

static const struct sb_name keyctl_names[] = {
    N(KEYCTL_GET_KEYRING_ID),
    N(KEYCTL_JOIN_SESSION_KEYRING),
    N(KEYCTL_UPDATE),
    N(KEYCTL_REVOKE),
    N(KEYCTL_CHOWN),
    N(KEYCTL_SETPERM),
    N(KEYCTL_DESCRIBE),
    N(KEYCTL_CLEAR),
    N(KEYCTL_LINK),
    N(KEYCTL_UNLINK),
    N(KEYCTL_SEARCH),
    N(KEYCTL_READ),
    N(KEYCTL_INSTANTIATE),
    N(KEYCTL_NEGATE),
    N(KEYCTL_SET_REQKEY_KEYRING),
    N(KEYCTL_SET_TIMEOUT),
    N(KEYCTL_ASSUME_AUTHORITY),
    N(KEYCTL_GET_SECURITY),
    N(KEYCTL_SESSION_TO_PARENT),
    N(KEYCTL_REJECT),
    N(KEYCTL_INSTANTIATE_IOV),
    N(KEYCTL_INVALIDATE),
    N(KEYCTL_GET_PERSISTENT),
    N(KEYCTL_DH_COMPUTE),
    N(KEYCTL_PKEY_QUERY),
    N(KEYCTL_PKEY_ENCRYPT),
    N(KEYCTL_PKEY_DECRYPT),
    N(KEYCTL_PKEY_SIGN),
    N(KEYCTL_PKEY_VERIFY),
    N(KEYCTL_RESTRICT_KEYRING),
    N(KEYCTL_MOVE),
    N(KEYCTL_CAPABILITIES),
    N(KEYCTL_WATCH_KEY),
};
static const struct sb_name key_spec_names[] = {
    NI(KEY_SPEC_THREAD_KEYRING),  NI(KEY_SPEC_PROCESS_KEYRING),	     NI(KEY_SPEC_SESSION_KEYRING),
    NI(KEY_SPEC_USER_KEYRING),	  NI(KEY_SPEC_USER_SESSION_KEYRING), NI(KEY_SPEC_GROUP_KEYRING),
    NI(KEY_SPEC_REQKEY_AUTH_KEY), NI(KEY_SPEC_REQUESTOR_KEYRING),
};

static const struct sb_name bpf_names[] = {
    N(BPF_MAP_CREATE),	      N(BPF_MAP_LOOKUP_ELEM),
    N(BPF_MAP_UPDATE_ELEM),   N(BPF_MAP_DELETE_ELEM),
    N(BPF_MAP_GET_NEXT_KEY),  N(BPF_PROG_LOAD),
    N(BPF_OBJ_PIN),	      N(BPF_OBJ_GET),
    N(BPF_PROG_ATTACH),	      N(BPF_PROG_DETACH),
    N(BPF_PROG_TEST_RUN),     N(BPF_PROG_GET_NEXT_ID),
    N(BPF_MAP_GET_NEXT_ID),   N(BPF_PROG_GET_FD_BY_ID),
    N(BPF_MAP_GET_FD_BY_ID),  N(BPF_OBJ_GET_INFO_BY_FD),
    N(BPF_PROG_QUERY),	      N(BPF_RAW_TRACEPOINT_OPEN),
    N(BPF_BTF_LOAD),	      N(BPF_BTF_GET_FD_BY_ID),
    N(BPF_TASK_FD_QUERY),     N(BPF_MAP_LOOKUP_AND_DELETE_ELEM),
    N(BPF_MAP_FREEZE),	      N(BPF_BTF_GET_NEXT_ID),
    N(BPF_MAP_LOOKUP_BATCH),  N(BPF_MAP_LOOKUP_AND_DELETE_BATCH),
    N(BPF_MAP_UPDATE_BATCH),  N(BPF_MAP_DELETE_BATCH),
    N(BPF_LINK_CREATE),	      N(BPF_LINK_UPDATE),
    N(BPF_LINK_GET_FD_BY_ID), N(BPF_LINK_GET_NEXT_ID),
    N(BPF_ENABLE_STATS),      N(BPF_ITER_CREATE),
    N(BPF_LINK_DETACH),	      N(BPF_PROG_BIND_MAP),
};

static const struct sb_name clock_names[] = {
    N(CLOCK_REALTIME),		N(CLOCK_MONOTONIC),	N(CLOCK_PROCESS_CPUTIME_ID),
    N(CLOCK_THREAD_CPUTIME_ID), N(CLOCK_MONOTONIC_RAW), N(CLOCK_REALTIME_COARSE),
    N(CLOCK_MONOTONIC_COARSE),	N(CLOCK_BOOTTIME),	N(CLOCK_REALTIME_ALARM),
    N(CLOCK_BOOTTIME_ALARM),	N(CLOCK_TAI),
};
static const struct sb_name timer_bits[] = {N(TIMER_ABSTIME)};

/* syslog(2) action numbers: the kernel's include/linux/syslog.h is not UAPI,
 * so they are spelled out here as syslog(2) documents them. */
static const struct sb_name syslog_names[] = {
    {0, "SYSLOG_ACTION_CLOSE"},		{1, "SYSLOG_ACTION_OPEN"},
    {2, "SYSLOG_ACTION_READ"},		{3, "SYSLOG_ACTION_READ_ALL"},
    {4, "SYSLOG_ACTION_READ_CLEAR"},	{5, "SYSLOG_ACTION_CLEAR"},
    {6, "SYSLOG_ACTION_CONSOLE_OFF"},	{7, "SYSLOG_ACTION_CONSOLE_ON"},
    {8, "SYSLOG_ACTION_CONSOLE_LEVEL"}, {9, "SYSLOG_ACTION_SIZE_UNREAD"},
    {10, "SYSLOG_ACTION_SIZE_BUFFER"},
};

static const struct sb_name seccomp_ops[] = {N(SECCOMP_SET_MODE_STRICT), N(SECCOMP_SET_MODE_FILTER),
					     N(SECCOMP_GET_ACTION_AVAIL),
					     N(SECCOMP_GET_NOTIF_SIZES)};
static const struct sb_name seccomp_bits[] = {
    N(SECCOMP_FILTER_FLAG_TSYNC),	N(SECCOMP_FILTER_FLAG_LOG),
    N(SECCOMP_FILTER_FLAG_SPEC_ALLOW),	N(SECCOMP_FILTER_FLAG_NEW_LISTENER),
    N(SECCOMP_FILTER_FLAG_TSYNC_ESRCH), N(SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV),
};

static const struct sb_name rename_bits[] = {N(RENAME_NOREPLACE), N(RENAME_EXCHANGE),
					     N(RENAME_WHITEOUT)};
static const struct sb_name modinit_bits[] = {N(MODULE_INIT_IGNORE_MODVERSIONS),
					      N(MODULE_INIT_IGNORE_VERMAGIC),
					      N(MODULE_INIT_COMPRESSED_FILE)};
static const struct sb_name delmod_bits[] = {N(O_NONBLOCK), N(O_TRUNC)};

static const struct sb_name kexec_arches[] = {
    N(KEXEC_ARCH_DEFAULT), N(KEXEC_ARCH_386),	  N(KEXEC_ARCH_68K),   N(KEXEC_ARCH_PARISC),
    N(KEXEC_ARCH_X86_64),  N(KEXEC_ARCH_PPC),	  N(KEXEC_ARCH_PPC64), N(KEXEC_ARCH_IA_64),
    N(KEXEC_ARCH_ARM),	   N(KEXEC_ARCH_S390),	  N(KEXEC_ARCH_SH),    N(KEXEC_ARCH_MIPS_LE),
    N(KEXEC_ARCH_MIPS),	   N(KEXEC_ARCH_AARCH64), N(KEXEC_ARCH_RISCV), N(KEXEC_ARCH_LOONGARCH),
};
static const struct sb_name kexec_bits[] = {N(KEXEC_ON_CRASH), N(KEXEC_PRESERVE_CONTEXT)};
static const struct sb_name kexec_file_bits[] = {N(KEXEC_FILE_UNLOAD), N(KEXEC_FILE_ON_CRASH),
						 N(KEXEC_FILE_NO_INITRAMFS)};
/* The priority itself (SWAP_FLAG_PRIO_MASK) prints in the hex rest. */
static const struct sb_name swap_bits[] = {N(SWAP_FLAG_PREFER), N(SWAP_FLAG_DISCARD)};

static const struct sb_name fan_bits[] = {
    N(FAN_CLOEXEC),	      N(FAN_NONBLOCK),	      N(FAN_CLASS_CONTENT),
    N(FAN_CLASS_PRE_CONTENT), N(FAN_UNLIMITED_QUEUE), N(FAN_UNLIMITED_MARKS),
    N(FAN_ENABLE_AUDIT),      N(FAN_REPORT_PIDFD),    N(FAN_REPORT_TID),
    N(FAN_REPORT_FID),	      N(FAN_REPORT_DIR_FID),  N(FAN_REPORT_NAME),
    N(FAN_REPORT_TARGET_FID),
};
static const struct sb_name in_bits[] = {
    N(IN_ACCESS),      N(IN_MODIFY),	  N(IN_ATTRIB),	     N(IN_CLOSE_WRITE), N(IN_CLOSE_NOWRITE),
    N(IN_OPEN),	       N(IN_MOVED_FROM),  N(IN_MOVED_TO),    N(IN_CREATE),	N(IN_DELETE),
    N(IN_DELETE_SELF), N(IN_MOVE_SELF),	  N(IN_UNMOUNT),     N(IN_Q_OVERFLOW),	N(IN_IGNORED),
    N(IN_ONLYDIR),     N(IN_DONT_FOLLOW), N(IN_EXCL_UNLINK), N(IN_MASK_CREATE), N(IN_MASK_ADD),
    N(IN_ISDIR),       N(IN_ONESHOT),
};
static const struct sb_name uffd_bits[] = {N(O_CLOEXEC), N(O_NONBLOCK), N(UFFD_USER_MODE_ONLY)};
static const struct sb_name perf_bits[] = {N(PERF_FLAG_FD_NO_GROUP), N(PERF_FLAG_FD_OUTPUT),
					   N(PERF_FLAG_PID_CGROUP), N(PERF_FLAG_FD_CLOEXEC)};
static const struct sb_name mfd_bits[] = {N(MFD_CLOEXEC), N(MFD_ALLOW_SEALING), N(MFD_HUGETLB)};

/* quotactl's cmd is QCMD(cmd, type): one of these shifted up by SUBCMDSHIFT. */
static const struct sb_name quota_cmds[] = {
    N(Q_SYNC),	  N(Q_QUOTAON),	 N(Q_QUOTAOFF), N(Q_GETFMT),	   N(Q_GETINFO),
    N(Q_SETINFO), N(Q_GETQUOTA), N(Q_SETQUOTA), N(Q_GETNEXTQUOTA),
};
const struct sb_flags sb_f_quota_cmd = SB_ENUM(quota_cmds);
static const struct sb_name quota_types[] = {N(USRQUOTA), N(GRPQUOTA), N(PRJQUOTA)};
const struct sb_flags sb_f_quota_type = SB_ENUM(quota_types);

static const struct sb_name file_types[] = {N(S_IFREG), N(S_IFCHR),  N(S_IFBLK),
					    N(S_IFIFO), N(S_IFSOCK), N(S_IFDIR)};
const struct sb_flags sb_f_file_type = SB_ENUM(file_types);

static const struct sb_flags f_at = SB_FLAGS(at_bits, NULL),
			     f_at_unlink = SB_FLAGS(at_unlink_bits, NULL),
			     f_at_access = SB_FLAGS(at_access_bits, NULL),
			     f_access = SB_FLAGS(access_bits, "F_OK"),
			     f_ms = SB_FLAGS(ms_bits, NULL), f_umount = SB_FLAGS(umount_bits, NULL),
			     f_socktype = {SB_LIST(socktype_bits), 0xf, SB_LIST(socktype_names),
					   NULL},
			     f_socketcall = SB_ENUM(socketcall_names),
			     f_ioctl = SB_ENUM(ioctl_names), f_pr = SB_ENUM(pr_names),
			     f_ptrace = SB_ENUM(ptrace_names), f_magic1 = SB_ENUM(reboot_magic1),
			     f_magic2 = SB_ENUM(reboot_magic2), f_reboot_cmd = SB_ENUM(reboot_cmds),
			     f_prot = SB_FLAGS(prot_bits, "PROT_NONE"),
			     f_map = {SB_LIST(map_bits), MAP_TYPE, SB_LIST(map_types), NULL},
			     f_keyctl = SB_ENUM(keyctl_names), f_key_spec = SB_ENUM(key_spec_names),
			     f_bpf = SB_ENUM(bpf_names), f_clock = SB_ENUM(clock_names),
			     f_timer = SB_FLAGS(timer_bits, NULL), f_syslog = SB_ENUM(syslog_names),
			     f_seccomp_op = SB_ENUM(seccomp_ops),
			     f_seccomp = SB_FLAGS(seccomp_bits, NULL),
			     f_rename = SB_FLAGS(rename_bits, NULL),
			     f_modinit = SB_FLAGS(modinit_bits, NULL),
			     f_delmod = SB_FLAGS(delmod_bits, NULL),
			     f_kexec = {SB_LIST(kexec_bits), KEXEC_ARCH_MASK, SB_LIST(kexec_arches),
					NULL},
			     f_kexec_file = SB_FLAGS(kexec_file_bits, NULL),
			     f_swap = SB_FLAGS(swap_bits, NULL),
			     f_fan = SB_FLAGS(fan_bits, "FAN_CLASS_NOTIF"),
			     f_in = SB_FLAGS(in_bits, NULL), f_uffd = SB_FLAGS(uffd_bits, NULL),
			     f_perf = SB_FLAGS(perf_bits, NULL), f_mfd = SB_FLAGS(mfd_bits, NULL);

#define K(base, int32, tbl)                                                                        \
	{                                                                                          \
		base, int32, tbl, false                                                            \
	}
const struct sb_kind_desc sb_kinds[K__COUNT] = {
    [K_HEX] = K(B_HEX, false, NULL),
    [K_PTR] = K(B_PTR, false, NULL),
    [K_INT] = K(B_INT, true, NULL),
    [K_UINT] = K(B_UINT, true, NULL),
    [K_LONG] = K(B_LONG, false, NULL),
    [K_ULONG] = K(B_ULONG, false, NULL),
    [K_FD] = K(B_FD, true, NULL),
    [K_DIRFD] = K(B_DIRFD, true, NULL),
    [K_PATH] = K(B_PATH, false, NULL),
    [K_STR] = K(B_STR, false, NULL),
    [K_MODE] = K(B_MODE, true, NULL),
    [K_ID] = K(B_ID, true, NULL),
    [K_SIGNAL] = K(B_SIGNAL, true, &sb_f_signal),
    [K_OFLAGS] = K(B_FLAGS, true, &sb_f_open),
    [K_ATFLAGS] = K(B_FLAGS, true, &f_at),
    [K_AT_UNLINK] = K(B_FLAGS, true, &f_at_unlink),
    [K_AT_ACCESS] = K(B_FLAGS, true, &f_at_access),
    [K_ACCESS_MODE] = K(B_FLAGS, true, &f_access),
    [K_MS_FLAGS] = K(B_FLAGS, false, &f_ms),
    [K_UMOUNT_FLAGS] = K(B_FLAGS, true, &f_umount),
    [K_NS_FLAGS] = K(B_FLAGS, false, &sb_f_clone),
    [K_AF] = K(B_ENUM, true, &sb_f_af),
    [K_SOCKTYPE] = K(B_FLAGS, true, &f_socktype),
    [K_IOCTL] = {B_ENUM, true, &f_ioctl, true},
    [K_PR_OPTION] = K(B_ENUM, true, &f_pr),
    [K_PTRACE_REQ] = K(B_ENUM, true, &f_ptrace),
    [K_REBOOT_MAGIC1] = K(B_ENUM, true, &f_magic1),
    [K_REBOOT_MAGIC2] = K(B_ENUM, true, &f_magic2),
    [K_REBOOT_CMD] = {B_ENUM, true, &f_reboot_cmd, true},
    [K_PROT] = K(B_FLAGS, false, &f_prot),
    [K_MAP] = K(B_FLAGS, false, &f_map),
    [K_KEYCTL] = K(B_ENUM, true, &f_keyctl),
    [K_KEY_SERIAL] = K(B_ENUM, true, &f_key_spec),
    [K_BPF_CMD] = K(B_ENUM, true, &f_bpf),
    [K_CLOCK] = K(B_ENUM, true, &f_clock),
    [K_TIMER_FLAGS] = K(B_FLAGS, true, &f_timer),
    [K_SYSLOG] = K(B_ENUM, true, &f_syslog),
    [K_SECCOMP_OP] = K(B_ENUM, true, &f_seccomp_op),
    [K_SECCOMP_FLAGS] = K(B_FLAGS, true, &f_seccomp),
    [K_RENAME_FLAGS] = K(B_FLAGS, true, &f_rename),
    [K_MODINIT] = K(B_FLAGS, true, &f_modinit),
    [K_DELMOD] = K(B_FLAGS, true, &f_delmod),
    [K_KEXEC] = K(B_FLAGS, false, &f_kexec),
    [K_KEXEC_FILE] = K(B_FLAGS, false, &f_kexec_file),
    [K_SWAP] = K(B_FLAGS, true, &f_swap),
    [K_FAN_INIT] = K(B_FLAGS, true, &f_fan),
    [K_IN_MASK] = K(B_FLAGS, true, &f_in),
    [K_UFFD] = K(B_FLAGS, true, &f_uffd),
    [K_PERF] = K(B_FLAGS, false, &f_perf),
    [K_MFD] = K(B_FLAGS, true, &f_mfd),
    [K_SOCKETCALL] = K(B_ENUM, true, &f_socketcall),
    [K_OMODE] = K(B_SPECIAL, true, NULL),
    [K_CLONE_FLAGS] = K(B_SPECIAL, false, NULL),
    [K_ELLIPSIS] = K(B_SPECIAL, false, NULL),
    [K_PERSONALITY] = K(B_SPECIAL, true, &sb_f_personality),
    [K_REBOOT_ARG] = K(B_SPECIAL, false, NULL),
    [K_SOCKADDR] = K(B_SPECIAL, false, NULL),
    [K_STRLEN] = K(B_SPECIAL, false, NULL),
    [K_TIMESPEC] = K(B_SPECIAL, false, NULL),
    [K_ARGV] = K(B_SPECIAL, false, NULL),
    [K_OPEN_HOW] = K(B_SPECIAL, false, NULL),
    [K_CLONE_ARGS] = K(B_SPECIAL, false, NULL),
    [K_QUOTACMD] = K(B_SPECIAL, true, NULL),
    [K_MKNOD_MODE] = K(B_SPECIAL, true, NULL),
    [K_DEV] = K(B_SPECIAL, false, NULL),
};
