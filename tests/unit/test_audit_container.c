/* Unit tests for src/audit/container.c: /proc/PID/cgroup lines as each
 * runtime and cgroup driver writes them, against the ids users give. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "audit/container.h"

#define ID  "3f9c2a7be1d04c58a6b2e9f01d7c4b3a5e8f6d2c1b0a9e8d7c6b5a4f3e2d1c0b"
#define ID2 "3f9c2a7be1d0ffffa6b2e9f01d7c4b3a5e8f6d2c1b0a9e8d7c6b5a4f3e2d1c0b"

/* One row: a cgroup line, the id asked for, and the id matched (NULL: no
 * match). */
static const struct {
	const char *line, *want, *match;
} rows[] = {
    /* systemd cgroup driver, cgroup v2: each runtime's scope */
    {"0::/system.slice/docker-" ID ".scope", ID, ID},
    {"0::/machine.slice/libpod-" ID ".scope", ID, ID},
    {"0::/machine.slice/libpod-" ID ".scope/container", ID, ID}, /* podman's nested */
    {"0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1f2e.slice/"
     "cri-containerd-" ID ".scope",
     ID, ID},
    {"0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f2e.slice/crio-" ID
     ".scope",
     ID, ID},
    /* the first 12 digits (docker ps), any case; the full id comes back */
    {"0::/system.slice/docker-" ID ".scope", "3f9c2a7be1d0", ID},
    {"0::/system.slice/docker-" ID ".scope", "3F9C2A7BE1D04C58", ID},
    /* cgroupfs driver, v1 and v2 */
    {"12:pids:/docker/" ID, ID, ID},
    {"4:cpu,cpuacct:/kubepods/burstable/pod5b6d6c2e-1111-2222-3333-444455556666/" ID, ID, ID},
    {"0::/libpod_parent/libpod-" ID, "3f9c2a7be1d04", ID},
    {"0::/docker-mybox", "docker-mybox", "docker-mybox"},
    {"0::/docker-mybox.scope", "mybox", "mybox"},
    /* runc or crun with a cgroupsPath */
    {"0::/" ID, ID, ID},
    {"0::/mybox", "mybox", "mybox"},
    {"0::/mybox/sub", "mybox", "mybox"},
    /* no match: another container, a longer prefix that differs, conmon */
    {"0::/system.slice/docker-" ID2 ".scope", ID, NULL},
    {"0::/system.slice/docker-" ID2 ".scope", "3f9c2a7be1d04c", NULL},
    {"0::/machine.slice/libpod-conmon-" ID ".scope", ID, NULL},
    {"0::/machine.slice/crio-conmon-" ID ".scope", "3f9c2a7be1d0", NULL},
    /* a prefix matches only a whole 64-digit id, never a shorter name */
    {"0::/3f9c2a7be1d04c58", "3f9c2a7be1d0", NULL},
    {"0::/mybox2", "mybox", NULL},
    {"0::/user.slice/user-0.slice/session-3.scope", ID, NULL},
    {"0::/", ID, NULL},
    /* not cgroup lines */
    {"", ID, NULL},
    {"0:/docker/" ID, ID, NULL},
    {"garbage", "garbage", NULL},
};

static void test_cgroup_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char id[AUDIT_CONTAINER_ID_MAX] = "";
		bool m =
		    audit_cgroup_line_matches(rows[i].line, strlen(rows[i].line), rows[i].want, id);

		if (m != (rows[i].match != NULL))
			fail_msg("row %zu: %s for %s: %s", i, rows[i].line, rows[i].want,
				 m ? "matched" : "no match");
		if (m)
			assert_string_equal(id, rows[i].match);
	}
	/* the line's length counts, not a NUL */
	assert_false(audit_cgroup_line_matches("0::/mybox", 8, "mybox", NULL));
}

static void test_id_valid(void **state)
{
	(void)state;
	assert_true(audit_container_id_valid(ID));
	assert_true(audit_container_id_valid("3f9c2a7be1d0"));
	assert_false(audit_container_id_valid("3f9c2a7be1d")); /* 11 digits */
	assert_false(audit_container_id_valid(""));
	assert_false(audit_container_id_valid("a/b"));
	assert_true(audit_container_id_valid("mybox"));
	assert_true(audit_container_id_valid(ID "00")); /* longer: a runc name */
}

/* This process exists; a pid that cannot does not; a record older than
 * the process is another process's (pid reuse). */
static void test_pid(void **state)
{
	char id[AUDIT_CONTAINER_ID_MAX];
	uint64_t now = (uint64_t)time(NULL) * 1000;

	(void)state;
	assert_int_not_equal(audit_pid_container(getpid(), now, ID, id), AUDIT_CONTAINER_GONE);
	assert_int_equal(audit_pid_container(getpid(), 1000, ID, id), AUDIT_CONTAINER_GONE);
	assert_int_equal(audit_pid_container(0, now, ID, id), AUDIT_CONTAINER_GONE);
	assert_int_equal(audit_pid_container(-1, now, ID, id), AUDIT_CONTAINER_GONE);
	assert_int_equal(audit_pid_container(1ll << 40, now, ID, id), AUDIT_CONTAINER_GONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cgroup_lines),
	    cmocka_unit_test(test_id_valid),
	    cmocka_unit_test(test_pid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
