/* Unit tests for src/kernel/probe.c: the pure parsers and classifiers from
 * tables, the probe against a fake root, and the live probe on this
 * machine (also from inside children that run under a seccomp filter). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* cmocka.h needs these first, in this order. */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include "kernel/probe.h"
#include "util/cleanup.h"

/* ---- helpers ----------------------------------------------------------- */

/* Table rows fail with their index and the expression, not just a line. */
#define CASE_EQ(i, got, want)                                                                      \
	do {                                                                                       \
		long long got_ = (long long)(got), want_ = (long long)(want);                      \
		if (got_ != want_)                                                                 \
			fail_msg("case %zu: %s is %lld, want %lld", (size_t)(i), #got, got_,       \
				 want_);                                                           \
	} while (0)
#define CASE_STREQ(i, got, want)                                                                   \
	do {                                                                                       \
		if (strcmp((got), (want)) != 0)                                                    \
			fail_msg("case %zu: %s is \"%s\", want \"%s\"", (size_t)(i), #got, (got),  \
				 (want));                                                          \
	} while (0)

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write dir/rel (creating parents), content as given. */
static void put(const char *dir, const char *rel, const char *content)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static struct kernel_status status_of(const char *text)
{
	struct kernel_status st;
	struct sc_error err = {0};

	assert_int_equal(kernel_parse_status(text, strlen(text), &st, &err), 0);
	return st;
}

/* ---- parsers ----------------------------------------------------------- */

static void test_parse_status_table(void **state)
{
	static const struct {
		const char *text;
		struct kernel_status want;
	} cases[] = {
	    {"Name:\tbash\nUmask:\t0022\nCapEff:\t000001ffffffffff\nNoNewPrivs:\t0\n"
	     "Seccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tvulnerable\n",
	     {0, 0, 0, 1}},
	    {"CapEff:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t3\n",
	     {2, 3, 1, 0}},
	    /* Before 5.9 there is no Seccomp_filters line. */
	    {"Name:\tsh\nNoNewPrivs:\t0\nSeccomp:\t2\n", {2, -1, 0, -1}},
	    /* CONFIG_SECCOMP off: no Seccomp line at all. */
	    {"Name:\tsh\nState:\tR (running)\n", {-1, -1, -1, -1}},
	    {"", {-1, -1, -1, -1}},
	    /* Only bit 21 of CapEff is CAP_SYS_ADMIN. */
	    {"CapEff:\t0000000000200000", {-1, -1, -1, 1}},
	    {"CapEff:\t00000000001fffff\n", {-1, -1, -1, 0}},
	    /* Trailing blanks and a missing final newline are fine. */
	    {"Seccomp:  1  \r\nSeccomp_filters:\t0", {1, 0, -1, -1}},
	    /* Keys match whole words only. */
	    {"Seccompx:\t9\nSeccomp_filters_x:\t9\n", {-1, -1, -1, -1}},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		struct kernel_status st = status_of(cases[i].text);

		CASE_EQ(i, st.seccomp, cases[i].want.seccomp);
		CASE_EQ(i, st.seccomp_filters, cases[i].want.seccomp_filters);
		CASE_EQ(i, st.no_new_privs, cases[i].want.no_new_privs);
		CASE_EQ(i, st.cap_sys_admin, cases[i].want.cap_sys_admin);
	}
}

static void test_parse_status_errors(void **state)
{
	static const struct {
		const char *text;
		uint32_t line, col;
	} cases[] = {
	    {"Name:\tx\nSeccomp:\tx\n", 2, 10},
	    {"Seccomp:\n", 1, 9},
	    {"Seccomp:\t-1\n", 1, 10},
	    {"Seccomp_filters:\t1 2\n", 1, 18},
	    {"NoNewPrivs:\t2\n", 1, 13},
	    {"CapEff:\t00000000000000001\n", 1, 9}, /* 17 hex digits */
	    {"CapEff:\t0x21\n", 1, 9},
	    {"Seccomp:\t99999999999\n", 1, 10}, /* beyond int */
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		struct kernel_status st;
		struct sc_error err = {0};

		CASE_EQ(i, kernel_parse_status(cases[i].text, strlen(cases[i].text), &st, &err),
			-EINVAL);
		CASE_EQ(i, err.code, -EINVAL);
		CASE_EQ(i, err.line, cases[i].line);
		CASE_EQ(i, err.col, cases[i].col);
		assert_true(err.msg[0] != '\0');
	}
}

static void test_parse_action_list_table(void **state)
{
	static const struct {
		const char *text;
		size_t n;
		uint32_t known;
		const char *last;
	} cases[] = {
	    {"kill_process kill_thread trap errno user_notif trace log allow\n", 8, 0xff, "allow"},
	    /* actions_logged never holds allow. */
	    {"kill_process kill_thread trap errno user_notif trace log\n", 7, 0x7f, "log"},
	    /* 4.14 - 4.20: no user_notif. */
	    {"kill_process kill_thread trap errno trace log allow\n", 7,
	     0xff & ~(1u << KERNEL_ACT_USER_NOTIF), "allow"},
	    /* An admin may log nothing. */
	    {"\n", 0, 0, NULL},
	    {"", 0, 0, NULL},
	    /* A name from a future kernel is kept, but is no known bit. */
	    {"allow  kill_everything\tlog", 3, (1u << KERNEL_ACT_ALLOW) | (1u << KERNEL_ACT_LOG),
	     "log"},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		struct kernel_action_list l;
		struct sc_error err = {0};

		CASE_EQ(i, kernel_parse_action_list(cases[i].text, strlen(cases[i].text), &l, &err),
			0);
		assert_true(l.present);
		CASE_EQ(i, l.n, cases[i].n);
		CASE_EQ(i, l.known, cases[i].known);
		if (cases[i].last)
			CASE_STREQ(i, l.words[l.n - 1], cases[i].last);
	}
}

static void test_parse_action_list_errors(void **state)
{
	char many[KERNEL_WORDS_MAX * 4 + 8] = "";
	char longw[KERNEL_WORD_MAX + 2];
	static const struct {
		const char *text;
		int rc;
		uint32_t col;
	} cases[] = {
	    {"allow Log\n", -EINVAL, 7},
	    {"allow,log\n", -EINVAL, 6},
	    {"kill-process", -EINVAL, 5},
	    {"trap\0errno", -EINVAL, 5},
	};
	struct kernel_action_list l;
	struct sc_error err = {0};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		size_t len = i == 3 ? 10 : strlen(cases[i].text);

		memset(&err, 0, sizeof(err));
		CASE_EQ(i, kernel_parse_action_list(cases[i].text, len, &l, &err), cases[i].rc);
		CASE_EQ(i, err.col, cases[i].col);
	}
	for (int i = 0; i <= KERNEL_WORDS_MAX; i++)
		memcpy(many + 4 * i, "log ", 5);
	assert_int_equal(kernel_parse_action_list(many, strlen(many), &l, &err), -E2BIG);
	memset(longw, 'a', sizeof(longw) - 1);
	longw[sizeof(longw) - 1] = '\0';
	assert_int_equal(kernel_parse_action_list(longw, strlen(longw), &l, &err), -EINVAL);
	/* One below the limit fits. */
	longw[KERNEL_WORD_MAX - 1] = '\0';
	assert_int_equal(kernel_parse_action_list(longw, strlen(longw), &l, &err), 0);
	assert_int_equal(l.n, 1);
}

static void test_parse_long_table(void **state)
{
	static const struct {
		const char *text;
		int rc;
		long v;
	} cases[] = {
	    {"5\n", 0, 5},	   {"  10\t\n", 0, 10}, {"0", 0, 0},
	    {"-1\n", 0, -1},	   {"", -EINVAL, 0},	{"\n", -EINVAL, 0},
	    {"+5", -EINVAL, 0},	   {"5 6", -EINVAL, 0}, {"0x10", -EINVAL, 0},
	    {"abc", -EINVAL, 0},   {"-", -EINVAL, 0},	{"99999999999999999999", -ERANGE, 0},
	    {"12345\n", 0, 12345},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		long v = 4242;

		CASE_EQ(i, kernel_parse_long(cases[i].text, strlen(cases[i].text), &v),
			cases[i].rc);
		CASE_EQ(i, v, cases[i].rc ? 4242 : cases[i].v);
	}
}

static void test_config_lookup_table(void **state)
{
	static const char config[] = "#\n# Automatically generated file; DO NOT EDIT.\n"
				     "CONFIG_SECCOMP=y\n"
				     "CONFIG_SECCOMP_FILTER=y\n"
				     "# CONFIG_X86_X32_ABI is not set\n"
				     "CONFIG_IA32_EMULATION=y\n"
				     "CONFIG_COMPAT_BRK=y\n"
				     "CONFIG_AUDIT=m\n"
				     "CONFIG_NOPE=n\n"
				     "CONFIG_LOCALVERSION=\"\"\n"
				     "CONFIG_LAST=y";
	static const struct {
		const char *sym;
		enum kernel_tri want;
	} cases[] = {
	    {"CONFIG_SECCOMP", KERNEL_YES},
	    {"CONFIG_SECCOMP_FILTER", KERNEL_YES},
	    {"CONFIG_X86_X32_ABI", KERNEL_NO},
	    {"CONFIG_IA32_EMULATION", KERNEL_YES},
	    /* CONFIG_COMPAT_BRK must not answer for CONFIG_COMPAT. */
	    {"CONFIG_COMPAT", KERNEL_NO},
	    {"CONFIG_AUDIT", KERNEL_YES},
	    {"CONFIG_NOPE", KERNEL_NO},
	    {"CONFIG_LOCALVERSION", KERNEL_NO},
	    {"CONFIG_LAST", KERNEL_YES},
	    {"CONFIG_ABSENT", KERNEL_NO},
	    /* A prefix of a real symbol is a different symbol. */
	    {"CONFIG_SECCOMP_FILT", KERNEL_NO},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		CASE_EQ(i, kernel_config_lookup(config, strlen(config), cases[i].sym),
			cases[i].want);
	}
}

static void test_auditd_conf_table(void **state)
{
	static const struct {
		const char *text;
		int rc;
		const char *want;
	} cases[] = {
	    {"local_events = yes\nlog_file = /var/log/audit/audit.log\nlog_format = ENRICHED\n", 0,
	     "/var/log/audit/audit.log"},
	    {"log_file=/srv/audit.log", 0, "/srv/audit.log"},
	    {"  log_file   =   /a b.log  \n", 0, "/a b.log"},
	    {"# log_file = /commented\n", -ENOENT, NULL},
	    {"log_format = RAW\n", -ENOENT, NULL},
	    {"log_file =\n", -ENOENT, NULL},
	    {"log_files = /x\n", -ENOENT, NULL},
	    {"log_file = /first\nlog_file = /second\n", 0, "/second"},
	    {"log_file = /a/very/long/path/that/does/not/fit\n", -ENAMETOOLONG, NULL},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		char buf[32] = "";

		CASE_EQ(i,
			kernel_parse_auditd_conf(cases[i].text, strlen(cases[i].text), buf,
						 sizeof(buf)),
			cases[i].rc);
		if (cases[i].want)
			CASE_STREQ(i, buf, cases[i].want);
	}
}

/* ---- classifiers and tables -------------------------------------------- */

static void test_classify_filter_mode_table(void **state)
{
	static const struct {
		int serr, perr;
		bool have;
		enum kernel_filter_mode want;
	} cases[] = {
	    {EFAULT, 0, true, KERNEL_FM_AVAILABLE},
	    {EINVAL, 0, true, KERNEL_FM_NO_FILTER},
	    {EPERM, 0, true, KERNEL_FM_BLOCKED},
	    {EACCES, 0, true, KERNEL_FM_BLOCKED},
	    /* No seccomp(2): prctl decides. */
	    {ENOSYS, EFAULT, true, KERNEL_FM_AVAILABLE},
	    {ENOSYS, EINVAL, true, KERNEL_FM_NO_FILTER},
	    {ENOSYS, EINVAL, false, KERNEL_FM_NO_SECCOMP},
	    {ENOSYS, EPERM, true, KERNEL_FM_BLOCKED},
	    /* prctl's answer only matters after ENOSYS. */
	    {EINVAL, EFAULT, true, KERNEL_FM_NO_FILTER},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		CASE_EQ(i, kernel_classify_filter_mode(cases[i].serr, cases[i].perr, cases[i].have),
			cases[i].want);
	}
}

static void test_classify_answers_table(void **state)
{
	static const struct {
		struct kernel_answer (*fn)(long, int);
		long rc;
		int e;
		enum kernel_tri want;
	} cases[] = {
	    {kernel_classify_action, 0, 0, KERNEL_YES},
	    {kernel_classify_action, -1, EOPNOTSUPP, KERNEL_NO},
	    {kernel_classify_action, -1, EINVAL, KERNEL_UNKNOWN}, /* before 4.14 */
	    {kernel_classify_action, -1, EPERM, KERNEL_UNKNOWN},
	    {kernel_classify_flag, -1, EFAULT, KERNEL_YES},
	    {kernel_classify_flag, -1, EINVAL, KERNEL_NO},
	    {kernel_classify_flag, -1, ENOSYS, KERNEL_UNKNOWN},
	    {kernel_classify_flag, -1, EPERM, KERNEL_UNKNOWN},
	    {kernel_classify_flag, 0, 0, KERNEL_UNKNOWN},
	    {kernel_classify_notif, 0, 0, KERNEL_YES},
	    {kernel_classify_notif, -1, EINVAL, KERNEL_NO}, /* before 5.0 */
	    {kernel_classify_notif, -1, EPERM, KERNEL_UNKNOWN},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		struct kernel_answer a = cases[i].fn(cases[i].rc, cases[i].e);

		CASE_EQ(i, a.state, cases[i].want);
		CASE_EQ(i, a.err, cases[i].rc ? cases[i].e : 0);
	}
}

static void test_records_source_table(void **state)
{
	static const struct {
		enum kernel_tri kaudit;
		bool auditd, log, kmsg;
		enum kernel_records want;
	} cases[] = {
	    {KERNEL_YES, true, true, true, KERNEL_RECORDS_AUDIT_LOG},
	    /* auditd takes the records: kmsg does not see them. */
	    {KERNEL_YES, true, false, true, KERNEL_RECORDS_NONE},
	    {KERNEL_YES, false, true, true, KERNEL_RECORDS_KMSG},
	    {KERNEL_YES, false, false, false, KERNEL_RECORDS_NONE},
	    {KERNEL_UNKNOWN, false, false, true, KERNEL_RECORDS_KMSG},
	    {KERNEL_NO, false, true, true, KERNEL_RECORDS_NONE},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		struct kernel_audit a = {.kernel_audit = cases[i].kaudit,
					 .auditd_running = cases[i].auditd,
					 .audit_log_readable = cases[i].log,
					 .kmsg_readable = cases[i].kmsg};

		CASE_EQ(i, kernel_records_source(&a), cases[i].want);
	}
	assert_string_equal(kernel_records_name(KERNEL_RECORDS_KMSG), "kmsg");
	assert_string_equal(kernel_records_name(KERNEL_RECORDS_AUDIT_LOG), "audit_log");
	assert_string_equal(kernel_records_name(KERNEL_RECORDS_NONE), "none");
}

static void test_info_tables(void **state)
{
	for (int i = 0; i < KERNEL_ACT_COUNT; i++) {
		const struct kernel_action_info *a = kernel_action_info(i);

		assert_non_null(a);
		assert_int_equal(kernel_action_by_name(a->name, strlen(a->name)), i);
		assert_true(strncmp(a->macro, "SECCOMP_RET_", 12) == 0);
		/* Only the action bits: SECCOMP_RET_ACTION_FULL. */
		assert_int_equal(a->ret & ~SECCOMP_RET_ACTION_FULL, 0);
	}
	assert_null(kernel_action_info(KERNEL_ACT_COUNT));
	assert_int_equal(kernel_action_by_name("kill", 4), -1);
	assert_int_equal(kernel_action_by_name("allowx", 5), KERNEL_ACT_ALLOW);
	assert_int_equal(kernel_action_info(KERNEL_ACT_KILL_THREAD)->ret, 0);
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++) {
		const struct kernel_flag_info *f = kernel_flag_info(i);

		assert_non_null(f);
		assert_int_equal(f->value, 1ul << i);
		assert_true(f->probe & f->value);
		/* The probe must not be a combination the kernel refuses
		 * before reading the program (seccomp_set_mode_filter). */
		assert_false((f->probe & SECCOMP_FILTER_FLAG_TSYNC) &&
			     (f->probe & SECCOMP_FILTER_FLAG_NEW_LISTENER));
	}
	assert_true(kernel_flag_info(KERNEL_FLAG_WAIT_KILLABLE_RECV)->probe &
		    SECCOMP_FILTER_FLAG_NEW_LISTENER);
	assert_null(kernel_flag_info(KERNEL_FLAG_COUNT));
	assert_string_equal(kernel_mode_name(0), "disabled");
	assert_string_equal(kernel_mode_name(1), "strict");
	assert_string_equal(kernel_mode_name(2), "filter");
	assert_string_equal(kernel_mode_name(-1), "unknown");
}

/* ---- verdict ----------------------------------------------------------- */

static void full_report(struct kernel_report *r)
{
	memset(r, 0, sizeof(*r));
	r->status = (struct kernel_status){0, 0, 0, 1};
	r->filter_mode = KERNEL_FM_AVAILABLE;
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		r->actions[i].state = KERNEL_YES;
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++)
		r->flags[i].state = KERNEL_YES;
	r->notif.state = KERNEL_YES;
}

static void test_verdict_cases(void **state)
{
	struct kernel_report r;
	struct kernel_verdict v;

	full_report(&r);
	kernel_verdict(&r, &v);
	assert_true(v.filter_mode);
	assert_int_equal(v.actions, 8);
	assert_true(v.user_notif);
	assert_string_equal(v.text, "seccomp filter mode available; all 8 actions; "
				    "user notification available");

	/* A 4.14 kernel: no user_notif, no NEW_LISTENER, no notif sizes. */
	full_report(&r);
	r.actions[KERNEL_ACT_USER_NOTIF].state = KERNEL_NO;
	r.flags[KERNEL_FLAG_NEW_LISTENER].state = KERNEL_NO;
	r.notif.state = KERNEL_NO;
	kernel_verdict(&r, &v);
	assert_true(v.filter_mode);
	assert_int_equal(v.actions, 7);
	assert_false(v.user_notif);
	assert_string_equal(v.text, "seccomp filter mode available; 7 of 8 actions (missing: "
				    "user_notif); user notification unavailable");

	/* The probe refused (a filter): actions_avail answers instead. */
	full_report(&r);
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		r.actions[i] = (struct kernel_answer){KERNEL_UNKNOWN, EPERM};
	r.avail.present = true;
	r.avail.known = 0xff & ~(1u << KERNEL_ACT_LOG);
	r.status = (struct kernel_status){2, 2, 1, 0};
	kernel_verdict(&r, &v);
	assert_int_equal(v.actions, 7);
	assert_int_equal(v.actions_unknown, 0);
	assert_non_null(strstr(v.text, "(2 filters already in force)"));
	assert_non_null(strstr(v.text, "missing: log)"));

	/* Neither the probe nor the file: unknown, marked with '?'. */
	r.avail.present = false;
	kernel_verdict(&r, &v);
	assert_int_equal(v.actions, 0);
	assert_int_equal(v.actions_unknown, 8);
	assert_non_null(strstr(v.text, "kill_process?, kill_thread?"));

	static const struct {
		enum kernel_filter_mode m;
		const char *want;
	} bad[] = {
	    {KERNEL_FM_STRICT, "the process is in strict mode"},
	    {KERNEL_FM_NO_SECCOMP, "kernel built without CONFIG_SECCOMP"},
	    {KERNEL_FM_NO_FILTER, "kernel built without CONFIG_SECCOMP_FILTER"},
	    {KERNEL_FM_BLOCKED, "refused to this process"},
	};
	for (size_t i = 0; i < SC_ARRAY_SIZE(bad); i++) {
		full_report(&r);
		r.filter_mode = bad[i].m;
		kernel_verdict(&r, &v);
		assert_false(v.filter_mode);
		assert_true(strncmp(v.text, "seccomp filter mode unavailable: ", 33) == 0);
		assert_non_null(strstr(v.text, bad[i].want));
	}
}

/* ---- I/O --------------------------------------------------------------- */

static void test_count_profiles(void **state)
{
	char dir[] = "/tmp/sc-kernel-XXXXXX";
	char path[PATH_MAX];
	size_t n, bad;

	assert_non_null(mkdtemp(dir));
	put(dir, "a.json", "{}");
	put(dir, "notes.txt", "");
	put(dir, "json", "");
	put(dir, ".json", ""); /* no stem: not a profile name */
	put(dir, "team/b.json", "{}");
	put(dir, "team/deep/er/c.json", "{}");
	snprintf(path, sizeof(path), "%s/d.json", dir);
	mkdir(path, 0755); /* a directory named *.json is not a profile */
	snprintf(path, sizeof(path), "%s/link.json", dir);
	assert_int_equal(symlink("a.json", path), 0);
	snprintf(path, sizeof(path), "%s/dangling.json", dir);
	assert_int_equal(symlink("nowhere.json", path), 0);
	snprintf(path, sizeof(path), "%s/team/loop", dir);
	assert_int_equal(symlink("..", path), 0); /* not followed */

	assert_int_equal(kernel_count_profiles(dir, &n, &bad), 0);
	assert_int_equal(n, 4); /* a, team/b, team/deep/er/c, link */
	assert_int_equal(bad, 0);

	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_int_equal(kernel_count_profiles(path, &n, &bad), -ENOENT);
	snprintf(path, sizeof(path), "%s/a.json", dir);
	assert_int_equal(kernel_count_profiles(path, &n, &bad), -ENOTDIR);
	rm_tree(dir);
}

/* A fake root: every file the probe reads, none of the kernel's answers. */
static void test_probe_fake_root(void **state)
{
	char dir[] = "/tmp/sc-kernel-XXXXXX";
	char rel[64], log[PATH_MAX];
	struct kernel_probe_opts opts = {0};
	struct kernel_report r;
	struct kernel_verdict v;
	struct sc_error err = {0};

	assert_non_null(mkdtemp(dir));
	/* Strict mode: the probe must not make a single seccomp query. */
	put(dir, "proc/self/status",
	    "Name:\tx\nNoNewPrivs:\t1\nSeccomp:\t1\nSeccomp_filters:\t0\n");
	put(dir, "proc/self/loginuid", "4294967295");
	put(dir, "proc/sys/kernel/seccomp/actions_avail", "kill_process trap errno allow\n");
	put(dir, "proc/sys/kernel/seccomp/actions_logged", "kill_process\n");
	put(dir, "proc/sys/kernel/printk_ratelimit", "7\n");
	put(dir, "proc/sys/kernel/printk_ratelimit_burst", "3\n");
	put(dir, "proc/sys/kernel/dmesg_restrict", "1\n");
	/* auditd "runs": our own pid, with comm "auditd" in the fake /proc. */
	snprintf(rel, sizeof(rel), "%d\n", (int)getpid());
	put(dir, "run/auditd.pid", rel);
	snprintf(rel, sizeof(rel), "proc/%d/comm", (int)getpid());
	put(dir, rel, "auditd\n");
	put(dir, "etc/audit/auditd.conf", "log_file = /srv/audit/a.log\n");
	put(dir, "srv/audit/a.log", "type=SECCOMP msg=audit(1.2:3): ...\n");
	put(dir, "var/lib/kubelet/seccomp/profiles/one.json", "{}");
	put(dir, "var/lib/kubelet/seccomp/two.json", "{}");

	opts.root = dir;
	assert_int_equal(kernel_probe(&opts, &r, &err), 0);
	assert_int_equal(r.status_err, 0);
	assert_int_equal(r.status.seccomp, 1);
	assert_int_equal(r.prctl_mode, -1); /* PR_GET_SECCOMP would be SIGKILL */
	assert_int_equal(r.filter_mode, KERNEL_FM_STRICT);
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		assert_int_equal(r.actions[i].state, KERNEL_UNKNOWN);
	for (size_t i = 0; i < r.n_compat; i++)
		assert_int_not_equal(r.compat[i].supported, KERNEL_YES);
	assert_true(r.avail.present);
	assert_int_equal(r.avail.n, 4);
	assert_string_equal(r.logged.words[0], "kill_process");
	assert_int_equal(r.audit.kernel_audit, KERNEL_YES);
	assert_int_equal(r.audit.auditd_pid, getpid());
	assert_true(r.audit.auditd_running);
	assert_string_equal(r.audit.audit_log, "/srv/audit/a.log");
	assert_true(r.audit.audit_log_readable);
	assert_int_equal(r.audit.records, KERNEL_RECORDS_AUDIT_LOG);
	assert_false(r.audit.kmsg_readable);
	assert_int_equal(r.audit.printk_ratelimit, 7);
	assert_int_equal(r.audit.printk_ratelimit_burst, 3);
	assert_int_equal(r.audit.dmesg_restrict, 1);
	assert_true(r.kubelet.exists);
	assert_int_equal(r.kubelet.profiles, 2);
	kernel_verdict(&r, &v);
	assert_false(v.filter_mode);
	assert_string_equal(v.text,
			    "seccomp filter mode unavailable: the process is in strict mode");

	/* A stale pid file (comm is not auditd) and a missing log. */
	snprintf(rel, sizeof(rel), "proc/%d/comm", (int)getpid());
	put(dir, rel, "bash\n");
	snprintf(log, sizeof(log), "%s/srv/audit/a.log", dir);
	unlink(log);
	assert_int_equal(kernel_probe(&opts, &r, &err), 0);
	assert_false(r.audit.auditd_running);
	assert_int_equal(r.audit.audit_log_err, -ENOENT);

	/* Empty directory: nothing readable, nothing assumed. */
	rm_tree(dir);
	memcpy(dir + sizeof(dir) - 7, "XXXXXX", 6);
	assert_non_null(mkdtemp(dir));
	opts.kubelet_dir = "/nonexistent/kubelet/seccomp";
	assert_int_equal(kernel_probe(&opts, &r, &err), 0);
	assert_int_equal(r.status_err, -ENOENT);
	assert_int_equal(r.status.seccomp, -1);
	assert_false(r.avail.present);
	assert_int_equal(r.avail.err, -ENOENT);
	assert_int_equal(r.audit.kernel_audit, KERNEL_NO);
	assert_int_equal(r.audit.auditd_pid, 0);
	assert_string_equal(r.audit.audit_log, "/var/log/audit/audit.log");
	assert_int_equal(r.audit.printk_ratelimit, -1);
	assert_false(r.kubelet.exists);
	assert_int_equal(r.kubelet.err, -ENOENT);
	assert_string_equal(r.kubelet.dir, "/nonexistent/kubelet/seccomp");
	rm_tree(dir);
}

static void test_probe_bad_opts(void **state)
{
	char root[PATH_MAX + 16];
	struct kernel_probe_opts opts = {.kubelet_dir = ""};
	struct kernel_report r;
	struct sc_error err = {0};

	assert_int_equal(kernel_probe(&opts, &r, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "kubelet"));
	memset(root, 'x', sizeof(root) - 1);
	root[0] = '/';
	root[sizeof(root) - 1] = '\0';
	opts = (struct kernel_probe_opts){.root = root, .no_fork = true};
	memset(&err, 0, sizeof(err));
	assert_int_equal(kernel_probe(&opts, &r, &err), -ENAMETOOLONG);
	assert_int_equal(kernel_probe(NULL, NULL, &err), -EINVAL);
}

/* ---- the live kernel --------------------------------------------------- */

/* release "6.1.0-13-amd64" >= since "5.19"?  Distribution kernels only ever
 * add features to a release, so at or past `since` the answer must be yes. */
static bool release_at_least(const char *release, const char *since)
{
	unsigned rmaj = 0, rmin = 0, smaj = 0, smin = 0;

	if (sscanf(release, "%u.%u", &rmaj, &rmin) != 2 ||
	    sscanf(since, "%u.%u", &smaj, &smin) != 2)
		return false;
	return rmaj > smaj || (rmaj == smaj && rmin >= smin);
}

static void test_probe_live(void **state)
{
	struct kernel_status before, after;
	struct kernel_report r;
	struct kernel_verdict v;
	struct sc_error err = {0};
	char *text;

	text = slurp("/proc/self/status");
	if (!text)
		skip();
	before = status_of(text);
	assert_int_equal(kernel_probe(NULL, &r, &err), 0);
	text = slurp("/proc/self/status");
	after = status_of(text);
	/* The probe never installs a filter. */
	assert_int_equal(after.seccomp, before.seccomp);
	assert_int_equal(after.seccomp_filters, before.seccomp_filters);
	assert_int_equal(r.status.seccomp, before.seccomp);
	assert_int_equal(r.prctl_mode, before.seccomp);
	assert_true(r.release[0]);
	if (r.filter_mode != KERNEL_FM_AVAILABLE)
		skip();
	assert_string_equal(r.filter_method, "seccomp(2)");

	/* The syscall and the sysctl agree, action by action. */
	text = slurp("/proc/sys/kernel/seccomp/actions_avail");
	if (text) {
		assert_true(r.avail.present);
		for (int i = 0; i < KERNEL_ACT_COUNT; i++) {
			bool listed = (r.avail.known >> i) & 1;

			CASE_EQ(i, r.actions[i].state, listed ? KERNEL_YES : KERNEL_NO);
		}
	}
	/* Every kernel with seccomp(2) knows TSYNC. */
	assert_int_equal(r.flags[KERNEL_FLAG_TSYNC].state, KERNEL_YES);
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++) {
		assert_int_not_equal(r.flags[i].state, KERNEL_UNKNOWN);
		if (release_at_least(r.release, kernel_flag_info(i)->since))
			CASE_EQ(i, r.flags[i].state, KERNEL_YES);
	}
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		if (release_at_least(r.release, kernel_action_info(i)->since))
			CASE_EQ(i, r.actions[i].state, KERNEL_YES);
	if (release_at_least(r.release, "5.0"))
		assert_int_equal(r.notif.state, KERNEL_YES);
	if (r.notif.state == KERNEL_YES) {
		assert_int_equal(r.data_size, sizeof(struct seccomp_data));
		assert_true(r.notif_size >= sizeof(struct seccomp_notif));
		assert_true(r.notif_resp_size >= sizeof(struct seccomp_notif_resp));
	}
#if defined(__x86_64__)
	assert_string_equal(r.native, "x86_64");
	assert_int_equal(r.native_token, 0xc000003e);
	assert_int_equal(r.n_compat, 2);
	assert_string_equal(r.compat[0].name, "x86");
	assert_string_equal(r.compat[1].name, "x32");
	if (before.seccomp == 0) {
		assert_int_not_equal(r.compat[0].supported, KERNEL_UNKNOWN);
		assert_int_not_equal(r.compat[1].supported, KERNEL_UNKNOWN);
	}
#endif
	kernel_verdict(&r, &v);
	assert_true(v.filter_mode);
	assert_true(strncmp(v.text, "seccomp filter mode available", 29) == 0);
}

/* In a child: install a filter answering seccomp(2) with `ret`, probe,
 * and exit with the filter mode found (+10), or 1 on a failed step. */
static int probe_under_filter(uint32_t ret, struct kernel_report *shared)
{
	struct sock_filter f[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, ret),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {SC_ARRAY_SIZE(f), f};
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct kernel_report r;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0)
			_exit(1);
		if (kernel_probe(NULL, &r, NULL) < 0)
			_exit(1);
		memcpy(shared, &r, sizeof(r));
		_exit(10 + (int)r.filter_mode);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_probe_under_filter(void **state)
{
	struct kernel_report *r;
	struct kernel_verdict v;
	int rc;

	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(r != MAP_FAILED);

	/* seccomp(2) answered with EPERM: blocked, and nothing is guessed. */
	rc = probe_under_filter(SECCOMP_RET_ERRNO | EPERM, r);
	if (rc == 1) {
		munmap(r, sizeof(*r));
		skip();
	}
	assert_int_equal(rc, 10 + KERNEL_FM_BLOCKED);
	assert_int_equal(r->status.seccomp, 2);
	assert_int_equal(r->prctl_mode, 2);
	assert_int_equal(r->filter_probe.err, EPERM);
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++)
		assert_int_equal(r->flags[i].state, KERNEL_UNKNOWN);
	kernel_verdict(r, &v);
	assert_false(v.filter_mode);

	/* A filter that lets seccomp(2) through: still available, and said so. */
	rc = probe_under_filter(SECCOMP_RET_ALLOW, r);
	assert_int_equal(rc, 10 + KERNEL_FM_AVAILABLE);
	assert_int_equal(r->status.seccomp, 2);
	kernel_verdict(r, &v);
	assert_true(v.filter_mode);
	assert_non_null(strstr(v.text, "already in force"));
	munmap(r, sizeof(*r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_status_table),
	    cmocka_unit_test(test_parse_status_errors),
	    cmocka_unit_test(test_parse_action_list_table),
	    cmocka_unit_test(test_parse_action_list_errors),
	    cmocka_unit_test(test_parse_long_table),
	    cmocka_unit_test(test_config_lookup_table),
	    cmocka_unit_test(test_auditd_conf_table),
	    cmocka_unit_test(test_classify_filter_mode_table),
	    cmocka_unit_test(test_classify_answers_table),
	    cmocka_unit_test(test_records_source_table),
	    cmocka_unit_test(test_info_tables),
	    cmocka_unit_test(test_verdict_cases),
	    cmocka_unit_test(test_count_profiles),
	    cmocka_unit_test(test_probe_fake_root),
	    cmocka_unit_test(test_probe_bad_opts),
	    cmocka_unit_test(test_probe_live),
	    cmocka_unit_test(test_probe_under_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
