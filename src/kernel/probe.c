/* Kernel seccomp support, probed without ever installing a filter.
 *
 * The rules this file leans on:
 *   - seccomp(SECCOMP_SET_MODE_FILTER, flags, NULL) validates the flags
 *     before it copies the program from user memory, so a kernel that knows
 *     every flag in `flags` fails with EFAULT (it tried to read the NULL
 *     program) and one that does not fails with EINVAL.  Nothing is ever
 *     installed: the copy is the first step of preparing a filter.  This is
 *     the probe libseccomp and systemd use too.
 *   - The kernel also refuses some flag combinations with EINVAL before the
 *     copy: TSYNC with NEW_LISTENER (unless TSYNC_ESRCH), and
 *     WAIT_KILLABLE_RECV without NEW_LISTENER, so WAIT_KILLABLE_RECV is
 *     probed together with NEW_LISTENER.
 *   - SECCOMP_GET_ACTION_AVAIL (Linux 4.14) answers 0 or EOPNOTSUPP per
 *     action; SECCOMP_GET_NOTIF_SIZES (5.0) fills three u16 sizes.
 *   - prctl(PR_GET_SECCOMP) in strict mode is answered with SIGKILL (man 2
 *     prctl), so strict mode is read from /proc/self/status first.
 * See Documentation/userspace-api/seccomp_filter.rst and man 2 seccomp.
 */
#include "kernel/probe.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "util/cleanup.h"

/* Older uapi headers lack the later additions; the values are ABI. */
#ifndef SECCOMP_GET_ACTION_AVAIL
#define SECCOMP_GET_ACTION_AVAIL 2
#endif
#ifndef SECCOMP_GET_NOTIF_SIZES
#define SECCOMP_GET_NOTIF_SIZES 3
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC
#define SECCOMP_FILTER_FLAG_TSYNC (1UL << 0)
#endif
#ifndef SECCOMP_FILTER_FLAG_LOG
#define SECCOMP_FILTER_FLAG_LOG (1UL << 1)
#endif
#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC_ESRCH
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH (1UL << 4)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef SECCOMP_RET_KILL_THREAD
#define SECCOMP_RET_KILL_THREAD 0x00000000U
#endif
#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif
#ifndef SECCOMP_RET_LOG
#define SECCOMP_RET_LOG 0x7ffc0000U
#endif
#ifndef SECCOMP_MODE_FILTER
#define SECCOMP_MODE_FILTER 2
#endif

#define CAP_SYS_ADMIN_BIT 21
#define FILE_MAX	  (4u << 20) /* a distro .config is ~300 KiB */
#define KUBELET_DEPTH_MAX 32

static const struct kernel_action_info actions[KERNEL_ACT_COUNT] = {
    [KERNEL_ACT_KILL_PROCESS] = {"kill_process", "SECCOMP_RET_KILL_PROCESS",
				 SECCOMP_RET_KILL_PROCESS, "4.14"},
    [KERNEL_ACT_KILL_THREAD] = {"kill_thread", "SECCOMP_RET_KILL_THREAD", SECCOMP_RET_KILL_THREAD,
				"3.5"},
    [KERNEL_ACT_TRAP] = {"trap", "SECCOMP_RET_TRAP", SECCOMP_RET_TRAP, "3.5"},
    [KERNEL_ACT_ERRNO] = {"errno", "SECCOMP_RET_ERRNO", SECCOMP_RET_ERRNO, "3.5"},
    [KERNEL_ACT_USER_NOTIF] = {"user_notif", "SECCOMP_RET_USER_NOTIF", SECCOMP_RET_USER_NOTIF,
			       "5.0"},
    [KERNEL_ACT_TRACE] = {"trace", "SECCOMP_RET_TRACE", SECCOMP_RET_TRACE, "3.5"},
    [KERNEL_ACT_LOG] = {"log", "SECCOMP_RET_LOG", SECCOMP_RET_LOG, "4.14"},
    [KERNEL_ACT_ALLOW] = {"allow", "SECCOMP_RET_ALLOW", SECCOMP_RET_ALLOW, "3.5"},
};

static const struct kernel_flag_info flags[KERNEL_FLAG_COUNT] = {
    [KERNEL_FLAG_TSYNC] = {"tsync", "SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC,
			   SECCOMP_FILTER_FLAG_TSYNC, "3.17"},
    [KERNEL_FLAG_LOG] = {"log", "SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG,
			 SECCOMP_FILTER_FLAG_LOG, "4.14"},
    [KERNEL_FLAG_SPEC_ALLOW] = {"spec_allow", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
				SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_SPEC_ALLOW,
				"4.17"},
    [KERNEL_FLAG_NEW_LISTENER] = {"new_listener", "SECCOMP_FILTER_FLAG_NEW_LISTENER",
				  SECCOMP_FILTER_FLAG_NEW_LISTENER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, "5.0"},
    [KERNEL_FLAG_TSYNC_ESRCH] = {"tsync_esrch", "SECCOMP_FILTER_FLAG_TSYNC_ESRCH",
				 SECCOMP_FILTER_FLAG_TSYNC_ESRCH, SECCOMP_FILTER_FLAG_TSYNC_ESRCH,
				 "5.7"},
    /* Alone it is EINVAL on every kernel: it only means something for the
     * listener of a NEW_LISTENER filter. */
    [KERNEL_FLAG_WAIT_KILLABLE_RECV] = {"wait_killable_recv",
					"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
					SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
					SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV |
					    SECCOMP_FILTER_FLAG_NEW_LISTENER,
					"5.19"},
};

const struct kernel_action_info *kernel_action_info(enum kernel_action a)
{
	if ((unsigned)a >= KERNEL_ACT_COUNT)
		return NULL;
	return &actions[a];
}

const struct kernel_flag_info *kernel_flag_info(enum kernel_flag f)
{
	if ((unsigned)f >= KERNEL_FLAG_COUNT)
		return NULL;
	return &flags[f];
}

int kernel_action_by_name(const char *name, size_t len)
{
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		if (strlen(actions[i].name) == len && memcmp(actions[i].name, name, len) == 0)
			return i;
	return -1;
}

/* ---- pure parsers ------------------------------------------------------ */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Strictly an unsigned number in base 10 or 16, no sign, no prefix. */
static int parse_u64(const char *s, size_t n, unsigned base, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = (unsigned)(s[i] - 'a' + 10);
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = (unsigned)(s[i] - 'A' + 10);
		else
			return -EINVAL;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* /proc/PID/status is "Key:\tvalue\n" lines (fs/proc/array.c); we take the
 * four that describe seccomp and privileges and ignore the rest. */
int kernel_parse_status(const char *text, size_t len, struct kernel_status *out,
			struct sc_error *err)
{
	const char *p = text, *end = text + len;
	uint32_t line = 0;

	*out = (struct kernel_status){-1, -1, -1, -1};
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *colon, *v, *ve;
		uint64_t num = 0;
		int *slot = NULL;
		unsigned base = 10;
		uint64_t max = INT32_MAX;

		if (!eol)
			eol = end;
		line++;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon)
			goto next;
#define KEY_IS(k) ((size_t)(colon - p) == sizeof(k) - 1 && memcmp(p, k, sizeof(k) - 1) == 0)
		if (KEY_IS("Seccomp")) {
			slot = &out->seccomp;
		} else if (KEY_IS("Seccomp_filters")) {
			slot = &out->seccomp_filters;
		} else if (KEY_IS("NoNewPrivs")) {
			slot = &out->no_new_privs;
			max = 1;
		} else if (KEY_IS("CapEff")) {
			slot = &out->cap_sys_admin;
			base = 16;
			max = UINT64_MAX;
		}
#undef KEY_IS
		if (!slot)
			goto next;
		for (v = colon + 1; v < eol && is_blank(*v);)
			v++;
		for (ve = eol; ve > v && is_blank(ve[-1]);)
			ve--;
		if (parse_u64(v, (size_t)(ve - v), base, &num) < 0 || num > max ||
		    (base == 16 && ve - v > 16))
			return sc_error_set_at(err, -EINVAL, line, (uint32_t)(v - p) + 1,
					       "%.*s: expected %s, got \"%.*s\"", (int)(colon - p),
					       p, base == 16 ? "a hex capability mask" : "a number",
					       (int)(ve - v), v);
		*slot = base == 16 ? (int)((num >> CAP_SYS_ADMIN_BIT) & 1) : (int)num;
	next:
		p = eol + 1;
	}
	return 0;
}

/* kernel/seccomp.c writes the names it knows separated by one space and
 * ends with a newline; any whitespace is accepted here. */
int kernel_parse_action_list(const char *text, size_t len, struct kernel_action_list *out,
			     struct sc_error *err)
{
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		size_t start, n;
		int a;

		if (is_blank(text[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_blank(text[i])) {
			if (!(text[i] >= 'a' && text[i] <= 'z') && text[i] != '_')
				return sc_error_set_at(err, -EINVAL, 1, (uint32_t)i + 1,
						       "unexpected character '%c' in action list",
						       isprint((unsigned char)text[i]) ? text[i]
										       : '?');
			i++;
		}
		n = i - start;
		if (n >= KERNEL_WORD_MAX)
			return sc_error_set_at(err, -EINVAL, 1, (uint32_t)start + 1,
					       "action name of %zu characters is too long", n);
		if (out->n == KERNEL_WORDS_MAX)
			return sc_error_set_at(err, -E2BIG, 1, (uint32_t)start + 1,
					       "more than %d actions", KERNEL_WORDS_MAX);
		memcpy(out->words[out->n], text + start, n);
		out->words[out->n][n] = '\0';
		out->n++;
		a = kernel_action_by_name(text + start, n);
		if (a >= 0)
			out->known |= 1u << a;
	}
	out->present = true;
	return 0;
}

int kernel_parse_long(const char *text, size_t len, long *out)
{
	char buf[32];
	char *endp;
	long v;

	while (len && is_blank(*text)) {
		text++;
		len--;
	}
	while (len && is_blank(text[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return len ? -ERANGE : -EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	/* strtol accepts leading blanks and '+'; a sysctl has neither. */
	if (!(buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')))
		return -EINVAL;
	errno = 0;
	v = strtol(buf, &endp, 10);
	if (errno == ERANGE)
		return -ERANGE;
	if (endp == buf || *endp)
		return -EINVAL;
	*out = v;
	return 0;
}

/* .config lines are "CONFIG_X=y|m|n|value" or "# CONFIG_X is not set"
 * (scripts/kconfig/confdata.c). */
enum kernel_tri kernel_config_lookup(const char *text, size_t len, const char *symbol)
{
	const char *p = text, *end = text + len;
	size_t sl = strlen(symbol);

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (!eol)
			eol = end;
		n = (size_t)(eol - p);
		if (n > sl && memcmp(p, symbol, sl) == 0 && p[sl] == '=') {
			const char *v = p + sl + 1;
			size_t vn = n - sl - 1;

			if (vn == 1 && (*v == 'y' || *v == 'm'))
				return KERNEL_YES;
			return KERNEL_NO;
		}
		if (n == sl + 13 && memcmp(p, "# ", 2) == 0 && memcmp(p + 2, symbol, sl) == 0 &&
		    memcmp(p + 2 + sl, " is not set", 11) == 0)
			return KERNEL_NO;
		p = eol + 1;
	}
	return KERNEL_NO;
}

/* auditd.conf(5): "keyword = value" lines, '#' starts a comment line. */
int kernel_parse_auditd_conf(const char *text, size_t len, char *buf, size_t n)
{
	const char *p = text, *end = text + len;
	int rc = -ENOENT;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *k, *ke, *v, *ve;

		if (!eol)
			eol = end;
		for (k = p; k < eol && is_blank(*k);)
			k++;
		for (ke = k; ke < eol && *ke != '=' && !is_blank(*ke);)
			ke++;
		for (v = ke; v < eol && is_blank(*v);)
			v++;
		if (k < eol && *k != '#' && ke - k == 8 && memcmp(k, "log_file", 8) == 0 &&
		    v < eol && *v == '=') {
			for (v++; v < eol && is_blank(*v);)
				v++;
			for (ve = eol; ve > v && is_blank(ve[-1]);)
				ve--;
			if (ve > v) {
				/* The last setting wins, as in auditd's own reader. */
				if ((size_t)(ve - v) >= n)
					return -ENAMETOOLONG;
				memcpy(buf, v, (size_t)(ve - v));
				buf[ve - v] = '\0';
				rc = 0;
			}
		}
		p = eol + 1;
	}
	return rc;
}

/* ---- classifiers ------------------------------------------------------- */

enum kernel_filter_mode kernel_classify_filter_mode(int seccomp_errno, int prctl_errno,
						    bool have_seccomp)
{
	switch (seccomp_errno) {
	case 0:
	case EFAULT: return KERNEL_FM_AVAILABLE;
	/* seccomp_set_mode_filter() is a stub answering EINVAL without
	 * CONFIG_SECCOMP_FILTER. */
	case EINVAL: return KERNEL_FM_NO_FILTER;
	case ENOSYS:
		/* No seccomp(2) (before 3.17, or CONFIG_SECCOMP off): the
		 * prctl interface answers the same question. */
		if (prctl_errno == EFAULT)
			return KERNEL_FM_AVAILABLE;
		if (prctl_errno == EINVAL)
			return have_seccomp ? KERNEL_FM_NO_FILTER : KERNEL_FM_NO_SECCOMP;
		return KERNEL_FM_BLOCKED;
	default:
		/* EPERM, EACCES, ...: nothing in the kernel answers this way
		 * before reading the program; a filter in force did. */
		return KERNEL_FM_BLOCKED;
	}
}

struct kernel_answer kernel_classify_action(long rc, int e)
{
	if (rc == 0)
		return (struct kernel_answer){KERNEL_YES, 0};
	if (e == EOPNOTSUPP)
		return (struct kernel_answer){KERNEL_NO, e};
	/* EINVAL: no SECCOMP_GET_ACTION_AVAIL (before 4.14); others: refused. */
	return (struct kernel_answer){KERNEL_UNKNOWN, e};
}

struct kernel_answer kernel_classify_flag(long rc, int e)
{
	if (rc == -1 && e == EFAULT)
		return (struct kernel_answer){KERNEL_YES, e};
	if (rc == -1 && e == EINVAL)
		return (struct kernel_answer){KERNEL_NO, e};
	return (struct kernel_answer){KERNEL_UNKNOWN, rc == -1 ? e : 0};
}

struct kernel_answer kernel_classify_notif(long rc, int e)
{
	if (rc == 0)
		return (struct kernel_answer){KERNEL_YES, 0};
	if (e == EINVAL)
		return (struct kernel_answer){KERNEL_NO, e};
	return (struct kernel_answer){KERNEL_UNKNOWN, e};
}

enum kernel_records kernel_records_source(const struct kernel_audit *a)
{
	/* Without CONFIG_AUDIT, audit_seccomp() is an empty stub: the kernel
	 * writes SECCOMP records nowhere.  With a listener (auditd) records go
	 * to it alone; without one kauditd prints them, subject to
	 * printk_ratelimit (kernel/audit.c). */
	if (a->kernel_audit == KERNEL_NO)
		return KERNEL_RECORDS_NONE;
	if (a->auditd_running)
		return a->audit_log_readable ? KERNEL_RECORDS_AUDIT_LOG : KERNEL_RECORDS_NONE;
	return a->kmsg_readable ? KERNEL_RECORDS_KMSG : KERNEL_RECORDS_NONE;
}

/* ---- I/O helpers ------------------------------------------------------- */

static int join(char *buf, size_t n, const char *root, const char *path)
{
	int w = snprintf(buf, n, "%s%s", root, path);

	if (w < 0 || (size_t)w >= n)
		return -ENAMETOOLONG;
	return 0;
}

/* Whole file: /proc and /sys files report size 0, so read to EOF. */
static int read_file(const char *path, char **out, size_t *len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	_cleanup_free_ char *buf = NULL;
	size_t cap = 0, n = 0;

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t r;

		if (cap - n < 2) {
			size_t ncap = cap ? cap * 2 : 4096;
			char *p;

			if (cap >= FILE_MAX)
				return -EFBIG;
			if (ncap > FILE_MAX)
				ncap = FILE_MAX;
			p = realloc(buf, ncap);
			if (!p)
				return -ENOMEM;
			buf = p;
			cap = ncap;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	*out = steal_ptr(&buf);
	return 0;
}

static int read_at(const char *root, const char *path, char **out, size_t *len)
{
	char full[PATH_MAX];
	int rc = join(full, sizeof(full), root, path);

	return rc < 0 ? rc : read_file(full, out, len);
}

static long read_sysctl(const char *root, const char *path)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	long v;

	if (read_at(root, path, &text, &len) < 0 || kernel_parse_long(text, len, &v) < 0)
		return -1;
	return v;
}

/* Opening is the test that matters: /dev/kmsg checks syslog permission
 * (dmesg_restrict, CAP_SYSLOG) at open time. */
static int can_open(const char *root, const char *path)
{
	char full[PATH_MAX];
	int rc = join(full, sizeof(full), root, path);
	int fd;

	if (rc < 0)
		return rc;
	fd = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* ---- the probes -------------------------------------------------------- */

static long sys_seccomp(unsigned int op, unsigned long fl, void *args)
{
	return syscall(SYS_seccomp, op, fl, args);
}

static void probe_process(const char *root, struct kernel_report *r)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	int rc;

	r->status = (struct kernel_status){-1, -1, -1, -1};
	rc = read_at(root, "/proc/self/status", &text, &len);
	if (rc == 0)
		rc = kernel_parse_status(text, len, &r->status, NULL);
	r->status_err = rc;
	r->prctl_mode = -1;
	if (r->status.seccomp == SECCOMP_MODE_STRICT)
		return;
	rc = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
	if (rc < 0)
		r->prctl_err = errno;
	else
		r->prctl_mode = rc;
}

static void probe_filter_mode(struct kernel_report *r)
{
	int serr = 0, perr = 0;

	if (r->status.seccomp == SECCOMP_MODE_STRICT) {
		r->filter_mode = KERNEL_FM_STRICT;
		r->filter_probe = (struct kernel_answer){KERNEL_NO, 0};
		return;
	}
	if (sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, NULL) < 0)
		serr = errno;
	r->filter_method = "seccomp(2)";
	if (serr == ENOSYS) {
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) < 0)
			perr = errno;
		r->filter_method = "prctl(2)";
	}
	r->filter_mode = kernel_classify_filter_mode(serr, perr, r->prctl_mode >= 0);
	r->filter_probe.state = r->filter_mode == KERNEL_FM_AVAILABLE ? KERNEL_YES : KERNEL_NO;
	r->filter_probe.err = serr == ENOSYS ? perr : serr;
	if (r->filter_mode == KERNEL_FM_BLOCKED)
		r->filter_probe.state = KERNEL_UNKNOWN;
}

static void probe_seccomp_ops(struct kernel_report *r)
{
	struct {
		uint16_t notif, resp, data; /* struct seccomp_notif_sizes */
	} sizes = {0};
	long rc;

	for (int i = 0; i < KERNEL_ACT_COUNT; i++) {
		uint32_t act = actions[i].ret;

		rc = sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &act);
		r->actions[i] = kernel_classify_action(rc, rc ? errno : 0);
	}
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++) {
		rc = sys_seccomp(SECCOMP_SET_MODE_FILTER, flags[i].probe, NULL);
		r->flags[i] = kernel_classify_flag(rc, rc ? errno : 0);
	}
	rc = sys_seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
	r->notif = kernel_classify_notif(rc, rc ? errno : 0);
	if (r->notif.state == KERNEL_YES) {
		r->notif_size = sizes.notif;
		r->notif_resp_size = sizes.resp;
		r->data_size = sizes.data;
	}
}

static void probe_lists(const char *root, struct kernel_report *r)
{
	static const char *const files[] = {"/proc/sys/kernel/seccomp/actions_avail",
					    "/proc/sys/kernel/seccomp/actions_logged"};
	struct kernel_action_list *lists[] = {&r->avail, &r->logged};

	for (size_t i = 0; i < SC_ARRAY_SIZE(files); i++) {
		_cleanup_free_ char *text = NULL;
		size_t len;
		int rc = read_at(root, files[i], &text, &len);

		if (rc == 0)
			rc = kernel_parse_action_list(text, len, lists[i], NULL);
		if (rc < 0) {
			memset(lists[i], 0, sizeof(*lists[i]));
			lists[i]->err = rc;
		}
	}
}

/* ---- compat ABIs ------------------------------------------------------- */

/* A runtime probe: a harmless syscall through the compat entry point.
 * Returns > 0 on success, else -errno. */
typedef long (*compat_fn)(void);

#if defined(__x86_64__)
/* The child must die of the kernel's signal, not run a handler it inherited
 * (a sanitizer's, which reports and aborts; a test framework's, which
 * carries on with the parent's work).  The raw syscall, because sanitizers
 * intercept sigaction(); x86_64's struct kernel_sigaction and 8-byte mask. */
static void default_fault_signals(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGSYS};
	struct {
		unsigned long handler, flags, restorer, mask;
	} dfl = {0}; /* SIG_DFL */

	for (size_t i = 0; i < SC_ARRAY_SIZE(sigs); i++)
		syscall(SYS_rt_sigaction, sigs[i], &dfl, NULL, sizeof(dfl.mask));
}

/* getpid through the i386 entry (int 0x80, i386 __NR_getpid = 20).  Kernels
 * without IA32 emulation (not built, or ia32_emulation=0) have no gate for
 * vector 0x80 and answer with SIGSEGV.  Old kernels zero r8-r11 on the way
 * out of int 0x80, hence the clobbers. */
static long compat_int80(void)
{
	long ret;

	default_fault_signals();
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(20L)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

/* getpid with the x32 bit (__X32_SYSCALL_BIT | 39): ENOSYS unless the
 * kernel has CONFIG_X86_X32_ABI and did not disable it at boot. */
static long compat_x32(void)
{
	long ret;

	default_fault_signals();
	ret = syscall(0x40000000L | 39);
	return ret < 0 ? -errno : ret;
}
#else
#define compat_int80 NULL
#define compat_x32   NULL
#endif

struct compat_def {
	const char *native, *name;
	const char *config; /* Kconfig symbol that builds the ABI */
	compat_fn fn;
	const char *fn_how;
};

static const struct compat_def compat_defs[] = {
    {"x86_64", "x86", "CONFIG_IA32_EMULATION", compat_int80, "int 0x80 getpid in a child"},
    {"x86_64", "x32", "CONFIG_X86_X32_ABI", compat_x32, "x32 getpid in a child"},
    {"aarch64", "arm", "CONFIG_COMPAT", NULL, NULL},
    {"ppc64", "ppc", "CONFIG_COMPAT", NULL, NULL},
    {"s390x", "s390", "CONFIG_COMPAT", NULL, NULL},
};

/* Run fn in a child: a signal (SIGSEGV from a missing int 0x80 gate,
 * SIGSYS from a filter's bad-arch action) must not take us down. */
static enum kernel_tri run_in_child(compat_fn fn)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return KERNEL_UNKNOWN;
	if (pid == 0) {
		long rc = fn();

		_exit(rc > 0 ? 0 : rc == -ENOSYS ? 1 : 2);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return KERNEL_UNKNOWN;
	if (WIFEXITED(status))
		return WEXITSTATUS(status) == 0	  ? KERNEL_YES
		       : WEXITSTATUS(status) == 1 ? KERNEL_NO
						  : KERNEL_UNKNOWN;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		return KERNEL_NO;
	return KERNEL_UNKNOWN;
}

static void probe_compat(const char *root, bool no_fork, struct kernel_report *r)
{
	const struct arch_info *a = arch_native();
	_cleanup_free_ char *config = NULL;
	char cpath[PATH_MAX];
	int config_err = 1; /* not read yet */
	size_t clen = 0;
	bool unfiltered = r->status.seccomp == SECCOMP_MODE_DISABLED ||
			  (r->status.seccomp < 0 && r->prctl_mode == SECCOMP_MODE_DISABLED);
	/* A copy: gcc cannot tell r->release from the c->how it formats into. */
	char release[sizeof(r->release)];

	memcpy(release, r->release, sizeof(release));
	snprintf(r->native, sizeof(r->native), "%s", a ? a->name : "unknown");
	r->native_token = a ? a->token : 0;
	for (size_t i = 0; i < SC_ARRAY_SIZE(compat_defs); i++) {
		const struct compat_def *d = &compat_defs[i];
		struct kernel_compat *c;
		enum kernel_tri t = KERNEL_UNKNOWN;

		if (strcmp(d->native, r->native) != 0 || r->n_compat == KERNEL_COMPAT_MAX)
			continue;
		c = &r->compat[r->n_compat++];
		snprintf(c->name, sizeof(c->name), "%s", d->name);
		if (d->fn && !no_fork)
			t = run_in_child(d->fn);
		/* Without a filter in force the runtime answer is the kernel's.
		 * Under one, a "yes" still is (the call ran), but a "no" may be
		 * the filter's doing. */
		if (t == KERNEL_YES || (t == KERNEL_NO && unfiltered)) {
			c->supported = t;
			snprintf(c->how, sizeof(c->how), "%s", d->fn_how);
			continue;
		}
		/* The build configuration, where the distribution ships it.
		 * /proc/config.gz (CONFIG_IKCONFIG_PROC) would need zlib, and
		 * neither source knows about boot-time switches. */
		if (config_err == 1) {
			config_err = join(cpath, sizeof(cpath), "/boot/config-", release);
			if (config_err == 0)
				config_err = read_at(root, cpath, &config, &clen);
		}
		if (config_err == 0) {
			c->supported = kernel_config_lookup(config, clen, d->config);
			snprintf(c->how, sizeof(c->how), "/boot/config-%.64s: %.24s%s", release,
				 d->config,
				 c->supported == KERNEL_YES ? "=y (boot options may disable it)"
							    : " not set");
		} else {
			const char *why = "no runtime probe for this ABI";

			if (d->fn)
				why = no_fork	   ? "runtime probe skipped"
				      : unfiltered ? "runtime probe inconclusive"
						   : "runtime probe inconclusive under a filter";
			c->supported = KERNEL_UNKNOWN;
			snprintf(c->how, sizeof(c->how), "%s; no /boot/config-%.64s", why, release);
		}
	}
}

/* ---- audit ------------------------------------------------------------- */

static void probe_audit(const char *root, struct kernel_audit *a)
{
	static const char *const pidfiles[] = {"/run/auditd.pid", "/var/run/auditd.pid"};
	_cleanup_free_ char *conf = NULL;
	char full[PATH_MAX];
	size_t len;
	int rc;

	rc = join(full, sizeof(full), root, "/proc/self/loginuid");
	/* loginuid exists exactly when the kernel is built with CONFIG_AUDIT. */
	a->kernel_audit = rc < 0		    ? KERNEL_UNKNOWN
			  : access(full, F_OK) == 0 ? KERNEL_YES
						    : KERNEL_NO;

	for (size_t i = 0; i < SC_ARRAY_SIZE(pidfiles) && !a->auditd_pid; i++) {
		_cleanup_free_ char *text = NULL;
		long pid;

		if (read_at(root, pidfiles[i], &text, &len) == 0 &&
		    kernel_parse_long(text, len, &pid) == 0 && pid > 0 && pid <= INT32_MAX)
			a->auditd_pid = (pid_t)pid;
	}
	if (a->auditd_pid && (kill(a->auditd_pid, 0) == 0 || errno == EPERM)) {
		_cleanup_free_ char *comm = NULL;
		char path[64];

		/* A pid file left by a dead auditd may name a recycled pid. */
		a->auditd_running = true;
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)a->auditd_pid);
		if (read_at(root, path, &comm, &len) == 0) {
			while (len && is_blank(comm[len - 1]))
				comm[--len] = '\0';
			a->auditd_running = strcmp(comm, "auditd") == 0;
		}
	}

	if (read_at(root, "/etc/audit/auditd.conf", &conf, &len) != 0 ||
	    kernel_parse_auditd_conf(conf, len, a->audit_log, sizeof(a->audit_log)) != 0)
		snprintf(a->audit_log, sizeof(a->audit_log), "%s", "/var/log/audit/audit.log");
	a->audit_log_err = can_open(root, a->audit_log);
	a->audit_log_readable = a->audit_log_err == 0;
	a->kmsg_err = can_open(root, "/dev/kmsg");
	a->kmsg_readable = a->kmsg_err == 0;
	a->dmesg_restrict = read_sysctl(root, "/proc/sys/kernel/dmesg_restrict");
	a->printk_ratelimit = read_sysctl(root, "/proc/sys/kernel/printk_ratelimit");
	a->printk_ratelimit_burst = read_sysctl(root, "/proc/sys/kernel/printk_ratelimit_burst");
	a->records = kernel_records_source(a);
}

/* ---- kubelet ----------------------------------------------------------- */

static bool has_json_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Kubelet resolves localhostProfile relative to its seccomp dir, so a
 * profile may sit at any depth. */
static void count_dir(int fd, unsigned depth, size_t *profiles, size_t *unreadable)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		close(fd);
		(*unreadable)++;
		return;
	}
	while ((de = readdir(d))) {
		struct stat st, lst;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &lst, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISDIR(lst.st_mode)) {
			int sub;

			if (depth >= KUBELET_DEPTH_MAX) {
				(*unreadable)++;
				continue;
			}
			sub = openat(dirfd(d), de->d_name,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0)
				(*unreadable)++;
			else
				count_dir(sub, depth + 1, profiles, unreadable);
			continue;
		}
		if (!has_json_suffix(de->d_name))
			continue;
		/* A symlink counts when it leads to a regular file, as the
		 * kubelet follows it when it reads the profile. */
		if (S_ISLNK(lst.st_mode) && fstatat(dirfd(d), de->d_name, &st, 0) == 0)
			lst = st;
		if (S_ISREG(lst.st_mode))
			(*profiles)++;
	}
	closedir(d);
}

int kernel_count_profiles(const char *dir, size_t *profiles, size_t *unreadable)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	*profiles = 0;
	*unreadable = 0;
	if (fd < 0)
		return -errno;
	count_dir(fd, 0, profiles, unreadable);
	return 0;
}

static int probe_kubelet(const char *root, const char *dir, struct kernel_kubelet *k,
			 struct sc_error *err)
{
	int rc;

	if (dir)
		rc = join(k->dir, sizeof(k->dir), "", dir);
	else
		rc = join(k->dir, sizeof(k->dir), root, KERNEL_KUBELET_DIR);
	if (rc < 0)
		return sc_error_set(err, rc, "kubelet directory: path too long");
	k->err = kernel_count_profiles(k->dir, &k->profiles, &k->unreadable);
	k->exists = k->err == 0;
	return 0;
}

int kernel_probe(const struct kernel_probe_opts *opts, struct kernel_report *out,
		 struct sc_error *err)
{
	static const struct kernel_probe_opts defaults = {0};
	struct utsname u;
	const char *root;

	if (!out)
		return sc_error_set(err, -EINVAL, "kernel_probe: no report to fill");
	if (!opts)
		opts = &defaults;
	root = opts->root ? opts->root : "";
	if (opts->kubelet_dir && !opts->kubelet_dir[0])
		return sc_error_set(err, -EINVAL, "kubelet directory: empty path");
	memset(out, 0, sizeof(*out));
	if (uname(&u) == 0) {
		snprintf(out->release, sizeof(out->release), "%s", u.release);
		snprintf(out->version, sizeof(out->version), "%s", u.version);
		snprintf(out->machine, sizeof(out->machine), "%s", u.machine);
	}
	probe_process(root, out);
	probe_filter_mode(out);
	probe_lists(root, out);
	if (out->filter_mode == KERNEL_FM_STRICT) {
		/* Any syscall beyond read/write/exit/sigreturn would be our last. */
		for (int i = 0; i < KERNEL_ACT_COUNT; i++)
			out->actions[i].state = KERNEL_UNKNOWN;
		for (int i = 0; i < KERNEL_FLAG_COUNT; i++)
			out->flags[i].state = KERNEL_UNKNOWN;
		out->notif.state = KERNEL_UNKNOWN;
	} else {
		probe_seccomp_ops(out);
	}
	probe_compat(root, opts->no_fork || out->filter_mode == KERNEL_FM_STRICT, out);
	probe_audit(root, &out->audit);
	return probe_kubelet(root, opts->kubelet_dir, &out->kubelet, err);
}

/* ---- verdict ----------------------------------------------------------- */

const char *kernel_mode_name(int mode)
{
	switch (mode) {
	case SECCOMP_MODE_DISABLED: return "disabled";
	case SECCOMP_MODE_STRICT: return "strict";
	case SECCOMP_MODE_FILTER: return "filter";
	default: return "unknown";
	}
}

const char *kernel_filter_mode_reason(enum kernel_filter_mode m)
{
	switch (m) {
	case KERNEL_FM_AVAILABLE: return "available";
	case KERNEL_FM_STRICT: return "the process is in strict mode";
	case KERNEL_FM_NO_SECCOMP: return "kernel built without CONFIG_SECCOMP";
	case KERNEL_FM_NO_FILTER: return "kernel built without CONFIG_SECCOMP_FILTER";
	case KERNEL_FM_BLOCKED: return "seccomp(2) is refused to this process by a filter in force";
	}
	return "unknown";
}

const char *kernel_records_name(enum kernel_records rec)
{
	switch (rec) {
	case KERNEL_RECORDS_AUDIT_LOG: return "audit_log";
	case KERNEL_RECORDS_KMSG: return "kmsg";
	case KERNEL_RECORDS_NONE: break;
	}
	return "none";
}

/* An action counts when the kernel says so, or, when it would not answer
 * (before 4.14, or refused), when actions_avail lists it. */
static enum kernel_tri action_usable(const struct kernel_report *r, int i)
{
	if (r->actions[i].state != KERNEL_UNKNOWN)
		return r->actions[i].state;
	if (r->avail.present)
		return (r->avail.known >> i) & 1 ? KERNEL_YES : KERNEL_NO;
	return KERNEL_UNKNOWN;
}

void kernel_verdict(const struct kernel_report *r, struct kernel_verdict *v)
{
	char missing[160] = "", actions_part[200], filters_part[48] = "";
	size_t mlen = 0;
	int w;

	memset(v, 0, sizeof(*v));
	v->filter_mode = r->filter_mode == KERNEL_FM_AVAILABLE;
	if (!v->filter_mode) {
		snprintf(v->text, sizeof(v->text), "seccomp filter mode unavailable: %s",
			 kernel_filter_mode_reason(r->filter_mode));
		return;
	}
	for (int i = 0; i < KERNEL_ACT_COUNT; i++) {
		enum kernel_tri t = action_usable(r, i);

		if (t == KERNEL_YES) {
			v->actions++;
			continue;
		}
		if (t == KERNEL_UNKNOWN)
			v->actions_unknown++;
		w = snprintf(missing + mlen, sizeof(missing) - mlen, "%s%s%s", mlen ? ", " : "",
			     actions[i].name, t == KERNEL_UNKNOWN ? "?" : "");
		if (w > 0 && (size_t)w < sizeof(missing) - mlen)
			mlen += (size_t)w;
	}
	v->user_notif = action_usable(r, KERNEL_ACT_USER_NOTIF) == KERNEL_YES &&
			r->flags[KERNEL_FLAG_NEW_LISTENER].state == KERNEL_YES &&
			r->notif.state == KERNEL_YES;

	if (v->actions == KERNEL_ACT_COUNT)
		snprintf(actions_part, sizeof(actions_part), "all %d actions", KERNEL_ACT_COUNT);
	else
		snprintf(actions_part, sizeof(actions_part), "%u of %d actions (missing: %s)",
			 v->actions, KERNEL_ACT_COUNT, missing);
	if (r->status.seccomp == SECCOMP_MODE_FILTER && r->status.seccomp_filters > 0)
		snprintf(filters_part, sizeof(filters_part), " (%d filter%s already in force)",
			 r->status.seccomp_filters, r->status.seccomp_filters == 1 ? "" : "s");
	else if (r->status.seccomp == SECCOMP_MODE_FILTER)
		snprintf(filters_part, sizeof(filters_part), " (a filter is already in force)");
	snprintf(v->text, sizeof(v->text), "seccomp filter mode available%s; %s; %s", filters_part,
		 actions_part,
		 v->user_notif ? "user notification available" : "user notification unavailable");
}
