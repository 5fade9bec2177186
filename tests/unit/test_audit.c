/* Unit tests for src/audit: the SECCOMP record parser on every form a
 * node writes (records captured on this machine: a LOG filter, a program
 * whose name has a space, so audit hex-encodes it, and an i386 call), the
 * meaning of arch/syscall/code, and the summary. */
#include <stdio.h>
#include <string.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "audit/audit.h"
#include "audit/summary.h"

#define REC_X86_64                                                                                 \
	"audit(1795898658.241:142667): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=29073 "      \
	"comm=6C6F672072756E exe=2F746D702F6C6F672072756E sig=0 arch=c000003e syscall=110 "        \
	"compat=0 ip=0x7fd950754829 code=0x7ffc0000"
#define REC_I386                                                                                   \
	"audit(1795898658.241:142668): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=29073 "      \
	"comm=6C6F672072756E exe=2F746D702F6C6F672072756E sig=0 arch=40000003 syscall=65 "         \
	"compat=1 ip=0x5629ea56e255 code=0x7ffc0000"

static enum audit_line_kind parse(const char *line, struct audit_record *r)
{
	return audit_parse_line(line, strlen(line), r, NULL);
}

static void check_x86_64(const struct audit_record *r)
{
	assert_int_equal(r->time_ms, 1795898658241ull);
	assert_int_equal(r->serial, 142667);
	assert_int_equal(r->pid, 29073);
	assert_string_equal(r->comm, "log run"); /* hex-decoded */
	assert_string_equal(r->exe, "/tmp/log run");
	assert_int_equal(r->arch, 0xc000003e);
	assert_int_equal(r->syscall, 110);
	assert_int_equal(r->code, 0x7ffc0000);
	assert_string_equal(audit_record_syscall(r), "getppid");
	assert_string_equal(audit_action_name(r->code), "LOG");
}

static void test_every_form(void **state)
{
	static const char *const lines[] = {
	    "[19740.934955] audit: type=1326 " REC_X86_64,		  /* dmesg */
	    "5,142213,19740934955,-;audit: type=1326 " REC_X86_64,	  /* /dev/kmsg */
	    "Nov 28 20:47:38 node1 kernel: audit: type=1326 " REC_X86_64, /* journalctl -k */
	    "Nov 28 20:47:38 node1 kernel: [19740.934955] audit: type=1326 " REC_X86_64, /* syslog
											  */
	    "type=SECCOMP msg=" REC_X86_64, /* auditd */
	    "type=SECCOMP msg=" REC_X86_64 "\x1d"
	    "AUID=\"unset\" UID=\"root\" ARCH=x86_64 SYSCALL=wrong", /* enriched */
	    "{\"_TRANSPORT\":\"kernel\",\"MESSAGE\":\"audit: type=1326 " REC_X86_64 "\"}",
	};
	struct audit_record r;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(parse(lines[i], &r), AUDIT_LINE_SECCOMP);
		check_x86_64(&r);
	}
	assert_int_equal(parse(lines[4], &r), AUDIT_LINE_SECCOMP);
	assert_int_equal(r.form, AUDIT_FORM_AUDITD);
	assert_int_equal(parse(lines[6], &r), AUDIT_LINE_SECCOMP);
	assert_int_equal(r.form, AUDIT_FORM_JOURNAL);
}

/* journald writes a message that is not UTF-8 as an array of bytes. */
static void test_journal_byte_array(void **state)
{
	const char *msg = "audit: type=1326 " REC_X86_64;
	char line[2048];
	size_t n = (size_t)snprintf(line, sizeof(line), "{\"MESSAGE\":[");
	struct audit_record r;

	(void)state;
	for (const char *p = msg; *p; p++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%u", p == msg ? "" : ",",
				      (unsigned char)*p);
	snprintf(line + n, sizeof(line) - n, "]}");
	assert_int_equal(parse(line, &r), AUDIT_LINE_SECCOMP);
	check_x86_64(&r);
}

/* The i386 call from a 64-bit process: its own table, compat=1. */
static void test_abis(void **state)
{
	struct audit_record r;

	(void)state;
	assert_int_equal(parse("audit: type=1326 " REC_I386, &r), AUDIT_LINE_SECCOMP);
	assert_true(r.compat);
	assert_string_equal(audit_record_abi(&r)->name, "x86");
	assert_string_equal(audit_record_syscall(&r), "getpgrp"); /* not x86_64's 65 (semop) */
	/* x32: AUDIT_ARCH_X86_64 with the x32 bit in the number */
	assert_int_equal(parse("audit: type=1326 audit(1.5:1): pid=1 comm=\"a\" exe=\"/a\" sig=31 "
			       "arch=c000003e syscall=1073741863 compat=0 code=0x80000000",
			       &r),
			 AUDIT_LINE_SECCOMP);
	assert_string_equal(audit_record_abi(&r)->name, "x32");
	assert_string_equal(audit_record_syscall(&r), "getpid");
	assert_string_equal(audit_action_name(r.code), "KILL_PROCESS");
	assert_int_equal(r.time_ms, 1500);
	/* an arch nobody knows, and syscall=-1: parsed, but no name */
	assert_int_equal(
	    parse("audit: type=1326 audit(2.000:1): arch=deadbeef syscall=3 code=0x0", &r),
	    AUDIT_LINE_SECCOMP);
	assert_null(audit_record_abi(&r));
	assert_null(audit_record_syscall(&r));
	assert_string_equal(audit_action_name(r.code), "KILL_THREAD");
	assert_int_equal(
	    parse("audit: type=1326 audit(2.000:1): arch=c000003e syscall=-1 code=0x50000", &r),
	    AUDIT_LINE_SECCOMP);
	assert_null(audit_record_syscall(&r));
	assert_string_equal(audit_action_name(r.code), "ERRNO");
}

static void test_other_lines(void **state)
{
	struct audit_record r;
	const char *why = NULL;

	(void)state;
	assert_int_equal(parse("type=SYSCALL msg=audit(1.0:5): arch=c000003e syscall=59", &r),
			 AUDIT_LINE_OTHER);
	assert_int_equal(parse("[1.0] kauditd_printk_skb: 17 callbacks suppressed", &r),
			 AUDIT_LINE_NOTICE);
	assert_int_equal(parse("audit: backlog limit exceeded", &r), AUDIT_LINE_NOTICE);
	assert_int_equal(parse("eth0: link up", &r), AUDIT_LINE_UNRELATED);
	assert_int_equal(parse("", &r), AUDIT_LINE_UNRELATED);
	assert_int_equal(parse("{\"MESSAGE\":", &r), AUDIT_LINE_UNRELATED);
	assert_int_equal(audit_parse_line("audit: type=1326 audit(1.0:5): pid=1 syscall=3 code=0",
					  strlen("audit: type=1326 audit(1.0:5): pid=1 syscall=3 "
						 "code=0"),
					  &r, &why),
			 AUDIT_LINE_BROKEN);
	assert_string_equal(why, "no arch field");
	assert_int_equal(parse("audit: type=1326 audit(garbage): pid=1", &r), AUDIT_LINE_BROKEN);
	assert_int_equal(parse("audit: type=1326 audit(1.0:5): arch=zz syscall=1 code=0", &r),
			 AUDIT_LINE_BROKEN);
	assert_int_equal(parse("audit: type=1326 audit(1.0:5): arch=c000003e syscall=x code=0", &r),
			 AUDIT_LINE_BROKEN);
	/* a line cut short inside a quoted value */
	assert_int_equal(parse("audit: type=1326 audit(1.0:5): comm=\"unterminated", &r),
			 AUDIT_LINE_BROKEN);
}

/* The stamp and the numbers: the kernel's shapes (read by the fast
 * paths) and their neighbours one digit longer or shorter (read by the
 * general ones), which must agree. */
static void test_numbers(void **state)
{
	static const struct {
		const char *stamp_and_fields;
		enum audit_line_kind kind;
		uint64_t time_ms, serial;
		int64_t pid, syscall;
		uint32_t arch, code;
	} rows[] = {
	    {"audit(1795898658.241:142667): pid=29073 arch=c000003e syscall=110 code=0x7ffc0000",
	     AUDIT_LINE_SECCOMP, 1795898658241ull, 142667, 29073, 110, 0xc000003e, 0x7ffc0000},
	    /* nine and eleven digits of seconds, two and four of ms */
	    {"audit(179589865.241:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_SECCOMP,
	     179589865241ull, 7, 1, 0, 0xc000003e, 0},
	    {"audit(17958986581.241:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_SECCOMP,
	     17958986581241ull, 7, 1, 0, 0xc000003e, 0},
	    {"audit(1795898658.24:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_SECCOMP,
	     1795898658240ull, 7, 1, 0, 0xc000003e, 0},
	    {"audit(1795898658.2419:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_SECCOMP,
	     1795898658241ull, 7, 1, 0, 0xc000003e, 0},
	    {"audit(17958x8658.241:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_BROKEN, 0,
	     0, 0, 0, 0, 0},
	    {"audit(1795898658.2x1:7): pid=1 arch=c000003e syscall=0 code=0", AUDIT_LINE_BROKEN, 0,
	     0, 0, 0, 0, 0},
	    /* numbers: 18 digits inline, 19 through strtoll, signs, other bases */
	    {"audit(1.0:1): pid=999999999999999999 arch=40000003 syscall=-1 code=2147483648",
	     AUDIT_LINE_SECCOMP, 1000, 1, 999999999999999999ll, -1, 0x40000003, 0x80000000},
	    {"audit(1.0:1): pid=9223372036854775807 arch=C000003E syscall=+5 code=0X50001",
	     AUDIT_LINE_SECCOMP, 1000, 1, INT64_MAX, 5, 0xc000003e, 0x50000},
	    {"audit(1.0:1): pid=1 arch=0xc000003e syscall=007 code=0x7FFC0000", AUDIT_LINE_SECCOMP,
	     1000, 1, 1, 7, 0xc000003e, 0x7ffc0000},
	    {"audit(1.0:1): pid=1 arch=1c000003e syscall=1 code=0", AUDIT_LINE_BROKEN, 0, 0, 0, 0,
	     0, 0},
	    {"audit(1.0:1): pid=1 arch=c000003e syscall=1 code=0x1ffffffff", AUDIT_LINE_BROKEN, 0,
	     0, 0, 0, 0, 0},
	    {"audit(1.0:1): pid=1 arch=c000003e syscall=9223372036854775808 code=0",
	     AUDIT_LINE_BROKEN, 0, 0, 0, 0, 0, 0},
	};
	char line[300];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct audit_record r;

		snprintf(line, sizeof(line), "[1.0] audit: type=1326 %s", rows[i].stamp_and_fields);
		if (parse(line, &r) != rows[i].kind)
			fail_msg("row %zu: %s: kind %d", i, line, (int)parse(line, &r));
		if (rows[i].kind != AUDIT_LINE_SECCOMP)
			continue;
		assert_int_equal(r.time_ms, rows[i].time_ms);
		assert_int_equal(r.serial, rows[i].serial);
		assert_int_equal(r.pid, rows[i].pid);
		assert_int_equal(r.syscall, rows[i].syscall);
		assert_int_equal(r.arch, rows[i].arch);
		assert_int_equal(r.code, rows[i].code);
	}
}

/* Hex-encoded values around the eight-digit steps of the decoder: a
 * value that is hex throughout is decoded, one bad digit anywhere (here
 * in each position) means the value is taken as it is. */
static void test_hex_values(void **state)
{
	const char *hex = "2F746D702F6C6F672072756E2F6C6F6E67"; /* "/tmp/log run/long" */
	char line[300], want[64];

	(void)state;
	for (size_t n = 2; n <= strlen(hex); n += 2) {
		struct audit_record r;

		snprintf(line, sizeof(line),
			 "audit: type=1326 audit(1.0:1): exe=%.*s arch=c000003e syscall=1 code=0",
			 (int)n, hex);
		assert_int_equal(parse(line, &r), AUDIT_LINE_SECCOMP);
		assert_int_equal(strlen(r.exe), n / 2);
		assert_memory_equal(r.exe, "/tmp/log run/long", n / 2);
		for (size_t bad = 0; bad < n; bad++) {
			snprintf(want, sizeof(want), "%.*s", (int)n, hex);
			want[bad] = bad % 2 ? 'g' : ':'; /* next to 'f' and '9' */
			snprintf(line, sizeof(line),
				 "audit: type=1326 audit(1.0:1): exe=%s arch=c000003e syscall=1 "
				 "code=0",
				 want);
			assert_int_equal(parse(line, &r), AUDIT_LINE_SECCOMP);
			assert_string_equal(r.exe, want);
		}
	}
}

static void test_summary(void **state)
{
	struct audit_summary s = {0};
	struct audit_record r;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(parse("audit: type=1326 " REC_X86_64, &r), AUDIT_LINE_SECCOMP);
		r.time_ms += (uint64_t)i;
		assert_int_equal(audit_summary_add(&s, &r), 0);
	}
	assert_int_equal(parse("audit: type=1326 " REC_I386, &r), AUDIT_LINE_SECCOMP);
	assert_int_equal(audit_summary_add(&s, &r), 0);
	audit_summary_sort(&s);
	assert_int_equal(s.n, 2); /* one entry per (program, arch, syscall) */
	assert_int_equal(s.v[0].count + s.v[1].count, 1001);
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].count == 1000) {
			assert_int_equal(s.v[i].first_ms, 1795898658241ull);
			assert_int_equal(s.v[i].last_ms, 1795898658241ull + 999);
			assert_string_equal(s.v[i].program, "/tmp/log run");
		}
	audit_summary_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_form), cmocka_unit_test(test_journal_byte_array),
	    cmocka_unit_test(test_abis),       cmocka_unit_test(test_other_lines),
	    cmocka_unit_test(test_summary),    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_hex_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
