/* The mainline kernel release that first had each syscall, for
 * `--enosys kernel=X.Y`: a filter that stands in for an older kernel answers
 * ENOSYS for what that kernel did not have, so that a program falls back the
 * way it would there (glibc tries clone3, faccessat2, statx, ... and falls
 * back on ENOSYS, not on EPERM).
 *
 * Scope: every syscall added from Linux 3.17 up to 6.18.  A name that is not
 * here is older than 3.17 (or unknown), and every kernel a seccomp filter can
 * run on with the features runc needs has it; the caller refuses kernels
 * before 3.17 itself.
 *
 * The version is the one in which x86_64 (or the generic table,
 * include/uapi/asm-generic/unistd.h, now scripts/syscall.tbl) first wired
 * the call up.  Some arches got a call later than that (kexec_file_load on
 * arm64 in 5.0, map_shadow_stack on arm64 in 6.13, clone3 on some arches
 * later than 5.3), and some got old calls under their own numbers late
 * (i386's direct socket calls in 4.3 and SysV IPC calls in 5.1,
 * arch_prctl on i386 in 4.12): the table is by name, so those keep the
 * x86_64 answer.  A few calls exist on one arch only; they carry that arch's
 * version and say so.
 *
 * Sources, checked entry by entry:
 *  - the syscall tables (arch/x86/entry/syscalls/syscall_64.tbl,
 *    scripts/syscall.tbl): the order of the numbers, which the kernel only
 *    ever appends to, bounds every version from both sides;
 *  - the VERSIONS/HISTORY sections of each call's man page (man-pages 6.03,
 *    Debian 12), and the "System call / Kernel" table of syscalls(2);
 *  - for calls newer than man-pages 6.03, the merge commits and release
 *    notes of the release that added them;
 *  - the running 6.18 kernel's /proc/kallsyms for what 6.18 has.
 * Where they disagree, the comment at the entry says which one we follow.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"

struct since {
	const char *name;
	unsigned char major, minor;
};

/* Sorted by name (strcmp order) for bsearch; tests/unit/test_arch_versions.c
 * checks the order and that every name means something to libseccomp. */
static const struct since table[] = {
    {"bpf", 3, 18},
    {"cachestat", 6, 5},
    {"clock_adjtime64", 5, 1}, /* 403..423: 32-bit arches' time64 calls, all 5.1 */
    {"clock_getres_time64", 5, 1},
    {"clock_gettime64", 5, 1},
    {"clock_nanosleep_time64", 5, 1},
    {"clock_settime64", 5, 1},
    {"clone3", 5, 3},
    {"close_range", 5, 9},
    {"copy_file_range", 4, 5},
    {"epoll_pwait2", 5, 11},
    {"execveat", 3, 19},
    {"faccessat2", 5, 8},
    {"fchmodat2", 6, 6},
    {"file_getattr", 6, 17},
    {"file_setattr", 6, 17},
    {"fsconfig", 5, 2},
    {"fsmount", 5, 2},
    {"fsopen", 5, 2},
    {"fspick", 5, 2},
    {"futex_requeue", 6, 7},
    {"futex_time64", 5, 1},
    {"futex_wait", 6, 7},
    {"futex_waitv", 5, 16},
    {"futex_wake", 6, 7},
    {"get_tls", 4, 15}, /* ARM only (private 0xf0006), per syscalls(2) */
    {"getrandom", 3, 17},
    {"getxattrat", 6, 13},
    {"io_pgetevents", 4, 18},
    {"io_pgetevents_time64", 5, 1},
    {"io_uring_enter", 5, 1},
    {"io_uring_register", 5, 1},
    {"io_uring_setup", 5, 1},
    {"kexec_file_load", 3, 17}, /* x86_64; arm64 wired it in 5.0 */
    {"landlock_add_rule", 5, 13},
    {"landlock_create_ruleset", 5, 13},
    {"landlock_restrict_self", 5, 13},
    {"listmount", 6, 8},
    {"listxattrat", 6, 13},
    {"lsm_get_self_attr", 6, 8},
    {"lsm_list_modules", 6, 8},
    {"lsm_set_self_attr", 6, 8},
    /* x86_64 user shadow stacks, 6.6; the generic number 453 is reserved on
     * every arch, and arm64 wired it for GCS later (6.13). */
    {"map_shadow_stack", 6, 6},
    /* syscalls(2) in man-pages 6.03 says 3.17; membarrier(2) says 4.3, and
     * x86_64 numbers it 324, right after userfaultfd (4.3).  4.3 it is. */
    {"membarrier", 4, 3},
    {"memfd_create", 3, 17},
    {"memfd_secret", 5, 14},
    {"mlock2", 4, 4},
    {"mount_setattr", 5, 12},
    {"move_mount", 5, 2},
    {"mq_timedreceive_time64", 5, 1},
    {"mq_timedsend_time64", 5, 1},
    {"mseal", 6, 10},
    {"open_tree", 5, 2},
    {"open_tree_attr", 6, 15},
    {"openat2", 5, 6},
    {"pidfd_getfd", 5, 6},
    {"pidfd_open", 5, 3},
    {"pidfd_send_signal", 5, 1},
    /* syscalls(2) says 4.8 for the three pkey calls; pkey_alloc(2) and
     * pkey_mprotect(2) say 4.9, which is when they were merged.  4.9. */
    {"pkey_alloc", 4, 9},
    {"pkey_free", 4, 9},
    {"pkey_mprotect", 4, 9},
    {"ppoll_time64", 5, 1},
    {"preadv2", 4, 6},
    {"process_madvise", 5, 10},
    {"process_mrelease", 5, 15},
    {"pselect6_time64", 5, 1},
    {"pwritev2", 4, 6},
    /* quotactl_path (same number 443) was in 5.13-rc only and never in a
     * release; quotactl_fd replaced it in 5.14. */
    {"quotactl_fd", 5, 14},
    {"recvmmsg_time64", 5, 1},
    {"removexattrat", 6, 13},
    {"riscv_flush_icache", 4, 15}, /* RISC-V only: the port's first release */
    {"riscv_hwprobe", 6, 4},	   /* RISC-V only */
    {"rseq", 4, 18},
    {"rt_sigtimedwait_time64", 5, 1},
    {"s390_guarded_storage", 4, 12}, /* s390 only */
    {"s390_pci_mmio_read", 3, 19},   /* s390 only */
    {"s390_pci_mmio_write", 3, 19},  /* s390 only */
    {"s390_sthyi", 4, 15},	     /* s390 only */
    {"sched_rr_get_interval_time64", 5, 1},
    {"seccomp", 3, 17},
    {"semtimedop_time64", 5, 1},
    {"set_mempolicy_home_node", 5, 17},
    {"setxattrat", 6, 13},
    {"statmount", 6, 8},
    {"statx", 4, 11},
    {"switch_endian", 4, 1}, /* PowerPC64 only */
    {"timer_gettime64", 5, 1},
    {"timer_settime64", 5, 1},
    {"timerfd_gettime64", 5, 1},
    {"timerfd_settime64", 5, 1},
    /* x86_64 only (336).  6.18 has it (a running 6.18 kernel exports
     * __x64_sys_uprobe); the series was queued for the 6.18 merge window
     * as far as we know, but no 6.17 table we could read settles 6.17 vs
     * 6.18.  UNSURE: check the history of syscall_64.tbl. */
    {"uprobe", 6, 18},
    {"uretprobe", 6, 11}, /* x86_64 only (335); uretprobe(2) says 6.11 */
    {"userfaultfd", 4, 3},
    {"utimensat_time64", 5, 1},
};

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct since *)elem)->name);
}

int arch_syscall_since(const char *name, unsigned *major, unsigned *minor)
{
	const struct since *s;

	if (!name)
		return -ENOENT;
	s = bsearch(name, table, sizeof(table) / sizeof(table[0]), sizeof(table[0]), cmp_name);
	if (!s)
		return -ENOENT;
	*major = s->major;
	*minor = s->minor;
	return 0;
}

size_t arch_syscall_since_count(void)
{
	return sizeof(table) / sizeof(table[0]);
}

const char *arch_syscall_since_at(size_t i, unsigned *major, unsigned *minor)
{
	if (i >= sizeof(table) / sizeof(table[0]))
		return NULL;
	*major = table[i].major;
	*minor = table[i].minor;
	return table[i].name;
}
