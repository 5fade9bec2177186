/* What the running kernel offers for seccomp, what the calling process is
 * already subject to, and where SECCOMP records can be read: the facts
 * behind `seccompctl check`.
 *
 * kernel_probe() does the I/O (files under /proc, /sys, /run, /var, /boot,
 * and seccomp(2) queries that never install a filter) and fills a
 * struct kernel_report; the kernel_parse_*() and kernel_classify_*()
 * functions are the pure halves it is built from, exported for the unit
 * tests.  Nothing here prints or exits.
 */
#ifndef SC_KERNEL_PROBE_H
#define SC_KERNEL_PROBE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/error.h"

#define KERNEL_KUBELET_DIR "/var/lib/kubelet/seccomp"

/* An answer the kernel (or a filter in force) may decline to give. */
enum kernel_tri {
	KERNEL_UNKNOWN = -1,
	KERNEL_NO = 0,
	KERNEL_YES = 1,
};

/* The filter return actions, in the order the kernel lists them in
 * actions_avail (Documentation/userspace-api/seccomp_filter.rst). */
enum kernel_action {
	KERNEL_ACT_KILL_PROCESS,
	KERNEL_ACT_KILL_THREAD,
	KERNEL_ACT_TRAP,
	KERNEL_ACT_ERRNO,
	KERNEL_ACT_USER_NOTIF,
	KERNEL_ACT_TRACE,
	KERNEL_ACT_LOG,
	KERNEL_ACT_ALLOW,
	KERNEL_ACT_COUNT
};

struct kernel_action_info {
	const char *name;  /* actions_avail spelling, also the JSON key: "kill_process" */
	const char *macro; /* "SECCOMP_RET_KILL_PROCESS" */
	uint32_t ret;	   /* SECCOMP_RET_* value passed to SECCOMP_GET_ACTION_AVAIL */
	const char *since; /* first mainline release that knows it */
};

/* Filter flags of SECCOMP_SET_MODE_FILTER (man 2 seccomp). */
enum kernel_flag {
	KERNEL_FLAG_TSYNC,
	KERNEL_FLAG_LOG,
	KERNEL_FLAG_SPEC_ALLOW,
	KERNEL_FLAG_NEW_LISTENER,
	KERNEL_FLAG_TSYNC_ESRCH,
	KERNEL_FLAG_WAIT_KILLABLE_RECV,
	KERNEL_FLAG_COUNT
};

struct kernel_flag_info {
	const char *name;    /* JSON key: "new_listener" */
	const char *macro;   /* "SECCOMP_FILTER_FLAG_NEW_LISTENER" */
	unsigned long value; /* the flag bit */
	unsigned long probe; /* flags word the probe passes (a flag may need a partner) */
	const char *since;
};

/* Static tables; NULL when out of range. */
const struct kernel_action_info *kernel_action_info(enum kernel_action a);
const struct kernel_flag_info *kernel_flag_info(enum kernel_flag f);
/* The action named by the first len bytes of name, or -1. */
int kernel_action_by_name(const char *name, size_t len);

/* One probe's answer and the errno that decided it (0 = the call succeeded). */
struct kernel_answer {
	enum kernel_tri state;
	int err;
};

/* The seccomp lines of /proc/PID/status; -1 = line absent (kernel without
 * CONFIG_SECCOMP, or older than the line: Seccomp_filters is 5.9+). */
struct kernel_status {
	int seccomp;	     /* Seccomp: 0 disabled, 1 strict, 2 filter */
	int seccomp_filters; /* Seccomp_filters: filters attached to the task */
	int no_new_privs;    /* NoNewPrivs: 0 or 1 */
	int cap_sys_admin;   /* bit 21 of CapEff: 0 or 1 */
};

/* Parse a /proc/PID/status text.  Unknown lines are ignored; a malformed
 * value on one of the lines above is -EINVAL with err's line and column. */
int kernel_parse_status(const char *text, size_t len, struct kernel_status *out,
			struct sc_error *err);

#define KERNEL_WORDS_MAX 16
#define KERNEL_WORD_MAX	 32

/* /proc/sys/kernel/seccomp/actions_avail or actions_logged. */
struct kernel_action_list {
	bool present;				       /* the file was read and parsed */
	int err;				       /* else: negative errno */
	size_t n;				       /* words, in the kernel's order */
	char words[KERNEL_WORDS_MAX][KERNEL_WORD_MAX]; /* as spelled, names we do not know too */
	uint32_t known;				       /* bit (1u << kernel_action) per name */
};

/* Parse a space-separated action list ("kill_process kill_thread ...\n";
 * empty is valid: an admin may log nothing).  -EINVAL on a character
 * outside [a-z_] or an over-long word, -E2BIG on too many words. */
int kernel_parse_action_list(const char *text, size_t len, struct kernel_action_list *out,
			     struct sc_error *err);
/* A decimal integer file (a sysctl, a pid file): optional surrounding
 * whitespace, nothing else.  -EINVAL or -ERANGE. */
int kernel_parse_long(const char *text, size_t len, long *out);
/* Value of a Kconfig symbol ("CONFIG_X86_X32_ABI") in a .config text: YES
 * for =y or =m, NO for "is not set", =n, or absent (Kconfig leaves out
 * symbols whose dependencies are unmet). */
enum kernel_tri kernel_config_lookup(const char *text, size_t len, const char *symbol);
/* The log_file setting of an auditd.conf text into buf; -ENOENT when the
 * file does not set it, -ENAMETOOLONG when buf is too small. */
int kernel_parse_auditd_conf(const char *text, size_t len, char *buf, size_t n);

/* Why filter mode is (not) usable by the calling process. */
enum kernel_filter_mode {
	KERNEL_FM_AVAILABLE,
	KERNEL_FM_STRICT,     /* the process is in strict mode: any other syscall kills it */
	KERNEL_FM_NO_SECCOMP, /* kernel without CONFIG_SECCOMP */
	KERNEL_FM_NO_FILTER,  /* kernel without CONFIG_SECCOMP_FILTER */
	KERNEL_FM_BLOCKED,    /* a filter in force answers seccomp(2)/prctl(2) with an errno */
};

/* Classify the errno of seccomp(SECCOMP_SET_MODE_FILTER, 0, NULL) and, when
 * that was ENOSYS, of prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL)
 * (prctl_errno is ignored otherwise).  EFAULT means the kernel got as far as
 * reading the (NULL) program: filter mode exists.  have_seccomp: whether
 * PR_GET_SECCOMP answered (CONFIG_SECCOMP is built). */
enum kernel_filter_mode kernel_classify_filter_mode(int seccomp_errno, int prctl_errno,
						    bool have_seccomp);
/* Answers of SECCOMP_GET_ACTION_AVAIL (0 / EOPNOTSUPP), of a filter-flag
 * probe (EFAULT / EINVAL) and of SECCOMP_GET_NOTIF_SIZES (0 / EINVAL);
 * rc is the syscall's return value, e its errno. */
struct kernel_answer kernel_classify_action(long rc, int e);
struct kernel_answer kernel_classify_flag(long rc, int e);
struct kernel_answer kernel_classify_notif(long rc, int e);

/* A compat ABI of the native arch, and how we know whether it works. */
struct kernel_compat {
	char name[16]; /* libseccomp's name: "x86", "x32", "arm" */
	enum kernel_tri supported;
	char how[160]; /* "int 0x80 getpid in a child", "/boot/config-R: CONFIG_X", ... */
};

#define KERNEL_COMPAT_MAX 4

/* Where the kernel's SECCOMP (type=1326) records can be read by us. */
enum kernel_records {
	KERNEL_RECORDS_NONE,
	KERNEL_RECORDS_AUDIT_LOG, /* auditd is running and its log is readable */
	KERNEL_RECORDS_KMSG,	  /* no auditd: printk, rate-limited, in /dev/kmsg */
};

struct kernel_audit {
	enum kernel_tri kernel_audit; /* CONFIG_AUDIT, from /proc/self/loginuid */
	pid_t auditd_pid;	      /* from /run/auditd.pid, 0 = none */
	bool auditd_running;
	char audit_log[PATH_MAX]; /* auditd.conf log_file, else the default */
	bool audit_log_readable;
	int audit_log_err; /* negative errno when not readable */
	bool kmsg_readable;
	int kmsg_err;
	long dmesg_restrict;	     /* -1 = unknown */
	long printk_ratelimit;	     /* seconds; -1 = unknown */
	long printk_ratelimit_burst; /* -1 = unknown */
	enum kernel_records records;
};

/* Where records go, from the audit facts above (records is ignored). */
enum kernel_records kernel_records_source(const struct kernel_audit *a);

struct kernel_kubelet {
	char dir[PATH_MAX];
	bool exists;	   /* a directory we could open */
	int err;	   /* negative errno when not */
	size_t profiles;   /* *.json regular files below it, recursively */
	size_t unreadable; /* subdirectories we could not read */
};

/* Count *.json files below dir (symlinks to files count; symlinked
 * directories are not followed, so loops cannot happen).  Returns 0 or the
 * negative errno of opening dir itself. */
int kernel_count_profiles(const char *dir, size_t *profiles, size_t *unreadable);

/* Everything `check` reports.  Plain data: owns no heap memory. */
struct kernel_report {
	char release[65], version[65], machine[65]; /* uname(2) */

	struct kernel_status status; /* /proc/self/status */
	int status_err;		     /* negative errno when unreadable or malformed */
	int prctl_mode;		     /* PR_GET_SECCOMP; -1 when not asked or failed */
	int prctl_err;

	enum kernel_filter_mode filter_mode;
	struct kernel_answer filter_probe; /* state YES iff filter_mode == AVAILABLE */
	const char *filter_method;	   /* "seccomp(2)" or "prctl(2)", static; NULL */

	struct kernel_action_list avail, logged;
	struct kernel_answer actions[KERNEL_ACT_COUNT];
	struct kernel_answer flags[KERNEL_FLAG_COUNT];
	struct kernel_answer notif;
	uint16_t notif_size, notif_resp_size, data_size; /* valid when notif YES */

	char native[16];       /* arch_native()->name */
	uint32_t native_token; /* its AUDIT_ARCH_* value */
	size_t n_compat;
	struct kernel_compat compat[KERNEL_COMPAT_MAX];

	struct kernel_audit audit;
	struct kernel_kubelet kubelet;
};

struct kernel_probe_opts {
	/* Prefix for every file read ("" or NULL: the real root).  Syscall
	 * probes always ask the running kernel. */
	const char *root;
	/* NULL: root + KERNEL_KUBELET_DIR.  Used as given otherwise. */
	const char *kubelet_dir;
	/* Skip the compat-ABI probes that fork a child. */
	bool no_fork;
};

/* Fill *out.  Missing files and refused syscalls are facts, recorded in
 * the report; the only errors are -ENAMETOOLONG (a path does not fit)
 * and -EINVAL (opts). */
int kernel_probe(const struct kernel_probe_opts *opts, struct kernel_report *out,
		 struct sc_error *err);

/* One line of judgement over a report. */
struct kernel_verdict {
	bool filter_mode; /* exit status 0 iff true */
	unsigned actions; /* actions usable (probe, else actions_avail) */
	unsigned actions_unknown;
	bool user_notif; /* USER_NOTIF action, NEW_LISTENER flag and notif sizes */
	char text[320];
};

void kernel_verdict(const struct kernel_report *r, struct kernel_verdict *v);
/* "disabled", "strict", "filter", or "unknown". */
const char *kernel_mode_name(int mode);
/* Human phrase for a filter-mode reason ("kernel built without CONFIG_SECCOMP_FILTER"). */
const char *kernel_filter_mode_reason(enum kernel_filter_mode m);
/* "kmsg", "audit_log", "none". */
const char *kernel_records_name(enum kernel_records r);

#endif
