/* Unit tests for src/arch/versions.c: the release that first had each
 * syscall.  Spot checks against the man pages, the table's own invariants,
 * and a cross-check against x86_64's numbering, which only ever grows. */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "arch/arch.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define VER(maj, min) ((maj)*1000u + (min))

static const struct {
	const char *name;
	unsigned major, minor;
} spots[] = {
    {"seccomp", 3, 17},
    {"getrandom", 3, 17},
    {"memfd_create", 3, 17},
    {"kexec_file_load", 3, 17},
    {"bpf", 3, 18},
    {"execveat", 3, 19},
    {"userfaultfd", 4, 3},
    {"membarrier", 4, 3},
    {"mlock2", 4, 4},
    {"copy_file_range", 4, 5},
    {"preadv2", 4, 6},
    {"pwritev2", 4, 6},
    {"pkey_mprotect", 4, 9},
    {"pkey_alloc", 4, 9},
    {"pkey_free", 4, 9},
    {"statx", 4, 11},
    {"io_pgetevents", 4, 18},
    {"rseq", 4, 18},
    {"pidfd_send_signal", 5, 1},
    {"io_uring_setup", 5, 1},
    {"clock_gettime64", 5, 1},
    {"futex_time64", 5, 1},
    {"open_tree", 5, 2},
    {"fsopen", 5, 2},
    {"pidfd_open", 5, 3},
    {"clone3", 5, 3},
    {"openat2", 5, 6},
    {"pidfd_getfd", 5, 6},
    {"faccessat2", 5, 8},
    {"close_range", 5, 9},
    {"process_madvise", 5, 10},
    {"epoll_pwait2", 5, 11},
    {"mount_setattr", 5, 12},
    {"landlock_create_ruleset", 5, 13},
    {"quotactl_fd", 5, 14},
    {"memfd_secret", 5, 14},
    {"process_mrelease", 5, 15},
    {"futex_waitv", 5, 16},
    {"set_mempolicy_home_node", 5, 17},
    {"cachestat", 6, 5},
    {"fchmodat2", 6, 6},
    {"map_shadow_stack", 6, 6},
    {"futex_wake", 6, 7},
    {"futex_wait", 6, 7},
    {"futex_requeue", 6, 7},
    {"statmount", 6, 8},
    {"listmount", 6, 8},
    {"lsm_list_modules", 6, 8},
    {"mseal", 6, 10},
    {"uretprobe", 6, 11},
    {"setxattrat", 6, 13},
    {"removexattrat", 6, 13},
    {"open_tree_attr", 6, 15},
    {"file_getattr", 6, 17},
    {"file_setattr", 6, 17},
};

static void test_spot_checks(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(spots); i++) {
		unsigned maj = 99, min = 99;

		if (arch_syscall_since(spots[i].name, &maj, &min) != 0)
			fail_msg("%s: not in the table", spots[i].name);
		if (maj != spots[i].major || min != spots[i].minor)
			fail_msg("%s: %u.%u, want %u.%u", spots[i].name, maj, min, spots[i].major,
				 spots[i].minor);
	}
}

/* Older than 3.17, never a release's syscall, or not a syscall at all. */
static void test_not_in_table(void **state __attribute__((unused)))
{
	static const char *const absent[] = {
	    "read",
	    "openat",
	    "clone",
	    "renameat2" /* 3.15 */,
	    "sched_setattr" /* 3.14 */,
	    "quotactl_path" /* 5.13-rc only */,
	    "nosuchcall",
	    "",
	    "SECCOMP",
	};
	unsigned maj = 7, min = 7;

	for (size_t i = 0; i < ARRAY_SIZE(absent); i++)
		assert_int_equal(arch_syscall_since(absent[i], &maj, &min), -ENOENT);
	assert_int_equal(arch_syscall_since(NULL, &maj, &min), -ENOENT);
	assert_int_equal(maj, 7); /* untouched on failure */
	assert_int_equal(min, 7);
}

static void test_sorted_unique_in_range(void **state __attribute__((unused)))
{
	const char *prev = NULL;
	unsigned maj, min;

	assert_true(arch_syscall_since_count() > 90);
	assert_null(arch_syscall_since_at(arch_syscall_since_count(), &maj, &min));
	for (size_t i = 0; i < arch_syscall_since_count(); i++) {
		const char *name = arch_syscall_since_at(i, &maj, &min);
		unsigned m2, n2;

		assert_non_null(name);
		if (prev && strcmp(prev, name) >= 0)
			fail_msg("table out of order or duplicated: \"%s\" then \"%s\"", prev,
				 name);
		if (VER(maj, min) < VER(3, 17) || VER(maj, min) > VER(6, 18))
			fail_msg("%s: %u.%u is outside 3.17..6.18", name, maj, min);
		/* Every entry is found by the lookup (bsearch agrees with the order). */
		assert_int_equal(arch_syscall_since(name, &m2, &n2), 0);
		assert_int_equal(m2, maj);
		assert_int_equal(n2, min);
		prev = name;
	}
}

/* Calls one arch has that x86_64, i386 and aarch64 do not. */
static const char *const arch_only[] = {
    "get_tls",
    "riscv_flush_icache",
    "riscv_hwprobe",
    "s390_guarded_storage",
    "s390_pci_mmio_read",
    "s390_pci_mmio_write",
    "s390_sthyi",
    "switch_endian",
};

/* Names newer than libseccomp 2.5.4 (upstream; Debian's 2.5.4-1+deb12u1
 * knows a few more, e.g. cachestat, fchmodat2, map_shadow_stack, which is
 * why a listed name may resolve too). */
static const char *const newer_than_libseccomp[] = {
    "cachestat",	 "fchmodat2",	      "file_getattr",
    "file_setattr",	 "futex_requeue",     "futex_wait",
    "futex_wake",	 "getxattrat",	      "listmount",
    "listxattrat",	 "lsm_get_self_attr", "lsm_list_modules",
    "lsm_set_self_attr", "map_shadow_stack",  "mseal",
    "open_tree_attr",	 "removexattrat",     "riscv_hwprobe",
    "setxattrat",	 "statmount",	      "uprobe",
    "uretprobe",
};

static bool listed(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static void test_names_known_to_libseccomp(void **state __attribute__((unused)))
{
	static const char *const arches[] = {"x86_64", "x86", "aarch64"};
	unsigned maj, min;

	for (size_t i = 0; i < arch_syscall_since_count(); i++) {
		const char *name = arch_syscall_since_at(i, &maj, &min);
		bool newer = listed(name, newer_than_libseccomp, ARRAY_SIZE(newer_than_libseccomp));
		bool found = false;

		if (listed(name, arch_only, ARRAY_SIZE(arch_only))) {
			if (!arch_syscall_known(name) && !newer)
				fail_msg("%s: no arch knows it", name);
			continue;
		}
		for (size_t a = 0; a < ARRAY_SIZE(arches); a++) {
			int nr;

			if (arch_syscall_resolve(arch_lookup(arches[a]), name, &nr) == ARCH_SYS_OK)
				found = true;
		}
		if (!found && !newer)
			fail_msg("%s: not a syscall on x86_64, x86 or aarch64 for libseccomp",
				 name);
	}
}

/* x86_64 appends new calls at the end of its table, so a higher number
 * means the same or a later release; the exceptions are real and explained. */
static void test_versions_follow_x86_64_numbers(void **state __attribute__((unused)))
{
	static const char *const exceptions[] = {
	    "close_range", /* 436 (5.9) was reserved before openat2 437 (5.6) got in */
	    "quotactl_fd", /* 443 (5.14) took quotactl_path's number from 5.13-rc */
	    "uretprobe",   /* 335 (6.11): x86_64-only, filled below the 387-423 gap */
	    "uprobe",	   /* 336 (6.18): likewise */
	};
	const struct arch_info *x86_64 = arch_lookup("x86_64");
	unsigned best[1024] = {0};
	unsigned maj, min;

	for (size_t i = 0; i < arch_syscall_since_count(); i++) {
		const char *name = arch_syscall_since_at(i, &maj, &min);
		int nr;

		if (listed(name, exceptions, ARRAY_SIZE(exceptions)))
			continue;
		if (arch_syscall_resolve(x86_64, name, &nr) != ARCH_SYS_OK || nr >= 512)
			continue;
		best[nr] = VER(maj, min);
	}
	for (int nr = 0, last = 0; nr < 512; nr++) {
		if (!best[nr])
			continue;
		if (last && best[nr] < best[last])
			fail_msg("x86_64 %d (%s) is %u.%u but %d (%s) before it is %u.%u", nr,
				 arch_syscall_name(x86_64, nr), best[nr] / 1000, best[nr] % 1000,
				 last, arch_syscall_name(x86_64, last), best[last] / 1000,
				 best[last] % 1000);
		last = nr;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spot_checks),
	    cmocka_unit_test(test_not_in_table),
	    cmocka_unit_test(test_sorted_unique_in_range),
	    cmocka_unit_test(test_names_known_to_libseccomp),
	    cmocka_unit_test(test_versions_follow_x86_64_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
