/* seccompctl logs [FILE...|-] [--source auto|auditd|kmsg|journal|file] [--pid N]
 *                 [--comm C] [--exe P] [--container ID] [--action A]... [--since T]
 *                 [--until T] [-o OUT] [--merge PROFILE]
 *
 * SECCOMP audit records (type 1326) from audit.log, the kernel log (dmesg,
 * /dev/kmsg, journalctl -k, kern.log) or journalctl -o json (a file, or
 * journalctl run for --source journal), whatever the
 * form of each line: a table per program of the calls the filters
 * stopped or logged, named per ABI; -o writes an allowlist of them; with
 * --merge, the given profile plus exactly the calls it lacks. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/container.h"
#include "audit/journal.h"
#include "audit/scan.h"
#include "audit/summary.h"
#include "bpf/bpf.h"
#include "cli/cli.h"
#include "edit/allow.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define AUDIT_LOG  "/var/log/audit/audit.log"
#define AUDITD_PID "/run/auditd.pid"
#define MAX_BROKEN 10

struct filters {
	int64_t pid;
	const char *comm, *exe;
	unsigned actions; /* audit_action_bit()s; 0 = all */
	uint64_t since_ms, until_ms;
	const char *container; /* --container: checked apart, see in_container() */
};

struct broken {
	char where[300];
	const char *why;
};

struct run {
	struct audit_summary sum;
	struct filters f;
	const struct cli *live; /* --follow: print each new record here */
	struct broken broken[MAX_BROKEN];
	size_t n_broken;
	/* --container: records of processes gone (counted in sum.filtered
	 * too), and the last answers per pid (a process's records come in
	 * runs; pids are looked up once per slot) */
	uint64_t container_unknown;
	struct pid_slot {
		int64_t pid; /* 0: empty */
		enum audit_container_state state;
		char id[AUDIT_CONTAINER_ID_MAX];
	} pids[64];
};

/* --container: the record's process, looked up in /proc while it lives.
 * NULL when the record is left out; else the container's id. */
static const char *in_container(struct run *run, const struct audit_record *r)
{
	struct pid_slot *c = &run->pids[(uint64_t)r->pid % SC_ARRAY_SIZE(run->pids)];

	if (c->pid != r->pid || r->pid <= 0) {
		c->pid = r->pid;
		c->state = audit_pid_container(r->pid, r->time_ms, run->f.container, c->id);
	}
	if (c->state == AUDIT_CONTAINER_GONE)
		run->container_unknown++;
	return c->state == AUDIT_CONTAINER_MATCH ? c->id : NULL;
}

static bool keep(const struct filters *f, const struct audit_record *r)
{
	if (f->pid >= 0 && r->pid != f->pid)
		return false;
	if (f->comm && strcmp(r->comm, f->comm) != 0)
		return false;
	if (f->exe && strcmp(r->exe, f->exe) != 0)
		return false;
	if (f->actions && !(f->actions & audit_action_bit(r->code)))
		return false;
	if (f->since_ms && r->time_ms < f->since_ms)
		return false;
	if (f->until_ms && r->time_ms > f->until_ms)
		return false;
	return true;
}

static void stamp(uint64_t ms, char *buf, size_t n);

/* --follow: one line per record as it comes (text), or a JSON line. */
static void print_live(const struct cli *g, const struct audit_record *r, const char *container)
{
	const struct arch_info *abi = audit_record_abi(r);
	const char *name = audit_record_syscall(r);
	char when[40];

	stamp(r->time_ms, when, sizeof(when));
	if (g->output == FMT_JSON) {
		struct sc_strbuf b = {0};

		sc_strbuf_printf(&b, "{\"time\":\"%s\",\"pid\":%lld,\"comm\":", when,
				 (long long)r->pid);
		sc_strbuf_json_string(&b, r->comm, strlen(r->comm));
		sc_strbuf_puts(&b, ",\"exe\":");
		sc_strbuf_json_string(&b, r->exe, strlen(r->exe));
		sc_strbuf_printf(&b, ",\"abi\":\"%s\",\"nr\":%lld,\"syscall\":",
				 abi ? abi->name : "unknown", (long long)r->syscall);
		if (name)
			sc_strbuf_json_string(&b, name, strlen(name));
		else
			sc_strbuf_puts(&b, "null");
		sc_strbuf_printf(&b, ",\"action\":\"%s\"", audit_action_name(r->code));
		if (container) {
			sc_strbuf_puts(&b, ",\"container\":");
			sc_strbuf_json_string(&b, container, strlen(container));
		}
		sc_strbuf_putc(&b, '}');
		if (!sc_strbuf_failed(&b))
			printf("%s\n", b.data);
		sc_strbuf_free(&b);
	} else {
		printf("%s %s%-12s%s %s[%lld] %s %s%s%s (%lld)%s%.12s\n", when, cli_bold(g),
		       audit_action_name(r->code), cli_reset(g), r->exe[0] ? r->exe : r->comm,
		       (long long)r->pid, abi ? abi->name : "unknown", cli_cyan(g),
		       name ? name : "(no name)", cli_reset(g), (long long)r->syscall,
		       container ? " container " : "", container ? container : "");
	}
	fflush(stdout);
}

static int feed(struct run *run, const char *line, size_t len, const char *src, uint64_t lineno)
{
	struct audit_record rec;
	const char *why = NULL, *container = NULL;

	run->sum.lines++;
	switch (audit_parse_line(line, len, &rec, &why)) {
	case AUDIT_LINE_SECCOMP:
		run->sum.records++;
		if (!keep(&run->f, &rec) ||
		    (run->f.container && !(container = in_container(run, &rec)))) {
			run->sum.filtered++;
			return 0;
		}
		if (run->live)
			print_live(run->live, &rec, container);
		return audit_summary_add_in(&run->sum, &rec, container);
	case AUDIT_LINE_OTHER: run->sum.other++; return 0;
	case AUDIT_LINE_NOTICE: run->sum.notices++; return 0;
	case AUDIT_LINE_UNRELATED: run->sum.unrelated++; return 0;
	case AUDIT_LINE_BROKEN:
		run->sum.broken++;
		if (run->n_broken < MAX_BROKEN) {
			snprintf(run->broken[run->n_broken].where, sizeof(run->broken[0].where),
				 "%s:%llu", src, (unsigned long long)lineno);
			run->broken[run->n_broken++].why = why;
		}
		return 0;
	}
	return 0;
}

static int feed_line(struct run *run, const char *p, const char *end, const char *name,
		     uint64_t lineno)
{
	while (end > p && end[-1] == '\r')
		end--;
	return feed(run, p, (size_t)(end - p), name, lineno);
}

/* Complete lines in [p, end): every record, notice and other audit record
 * contains "audit", so the stretches between its occurrences are counted
 * as unrelated lines without looking at them line by line.  A journal
 * JSON line may hide "audit" in a byte array: those go line by line. */
static int scan_lines(struct run *run, const char *p, const char *end, const char *name,
		      uint64_t *lineno, bool json)
{
	int rc = 0;

	while (p < end && rc == 0) {
		const char *hit = json ? p : audit_find(p, (size_t)(end - p), "audit", 5);
		const char *start, *nl;
		uint64_t skipped;

		if (!hit) {
			skipped = audit_count_lines(p, end);
			run->sum.lines += skipped;
			run->sum.unrelated += skipped;
			*lineno += skipped;
			break;
		}
		/* in a log of records the hit is mostly on the line at p: then
		 * there is no line before it to look for and count (hit == nl:
		 * an empty JSON line, where hit is p) */
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (hit <= nl) {
			start = p;
		} else {
			start = memrchr(p, '\n', (size_t)(hit - p)) + 1;
			skipped = audit_count_lines(p, start);
			run->sum.lines += skipped;
			run->sum.unrelated += skipped;
			*lineno += skipped;
			nl = memchr(hit, '\n', (size_t)(end - hit));
			if (!nl)
				nl = end;
		}
		rc = feed_line(run, start, nl, name, ++*lineno);
		p = nl + 1;
	}
	return rc;
}

static int read_stream(struct run *run, FILE *f, const char *name, struct sc_error *err)
{
	size_t cap = 1u << 20, have = 0;
	char *buf = malloc(cap);
	uint64_t lineno = 0;
	bool json = false, first = true;
	int rc = 0;

	if (!buf)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (;;) {
		size_t n = fread(buf + have, 1, cap - have, f);
		const char *last_nl;

		have += n;
		if (first && have) {
			json = buf[0] == '{'; /* journalctl -o json */
			first = false;
		}
		if (n == 0) {
			if (have) /* a last line without newline */
				rc = feed_line(run, buf, buf + have, name, ++lineno);
			break;
		}
		last_nl = memrchr(buf, '\n', have);
		if (!last_nl) {
			if (have == cap) { /* a line longer than the buffer: grow */
				char *bigger = realloc(buf, cap * 2);

				if (!bigger) {
					rc = -ENOMEM;
					break;
				}
				buf = bigger;
				cap *= 2;
			}
			continue;
		}
		rc = scan_lines(run, buf, last_nl + 1, name, &lineno, json);
		if (rc < 0)
			break;
		have -= (size_t)(last_nl + 1 - buf);
		memmove(buf, last_nl + 1, have);
	}
	free(buf);
	if (rc < 0)
		return sc_error_set(err, rc, "out of memory");
	if (ferror(f))
		return sc_error_set(err, -EIO, "%s: read error", name);
	return 0;
}

static int read_file(struct run *run, const char *path, struct sc_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	int rc;

	if (!f)
		return sc_error_set(err, -errno, "%s: %s", path, strerror(errno));
	rc = read_stream(run, f, strcmp(path, "-") == 0 ? "stdin" : path, err);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* What the kernel ring holds now: one record per read(), the message after
 * the ';' (continuation lines, " KEY=value", are dropped). */
static int read_kmsg(struct run *run, struct sc_error *err)
{
	char buf[8192];
	uint64_t n_rec = 0;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return sc_error_set(err, -errno, "/dev/kmsg: %s (needs root or CAP_SYSLOG)",
				    strerror(errno));
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		char *msg, *nl;

		if (n < 0 && errno == EPIPE)
			continue; /* records overwritten before we read them */
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf[n] = '\0';
		msg = strchr(buf, ';');
		msg = msg ? msg + 1 : buf;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = '\0';
		if (feed(run, msg, strlen(msg), "/dev/kmsg", ++n_rec) < 0) {
			close(fd);
			return sc_error_set(err, -ENOMEM, "out of memory");
		}
	}
	close(fd);
	return 0;
}

/* auditd runs (its pid file names a live process): records go to
 * audit.log, not to the kernel log. */
static bool auditd_running(void)
{
	FILE *f = fopen(AUDITD_PID, "re");
	long pid = 0;
	bool alive;

	if (!f)
		return false;
	alive = fscanf(f, "%ld", &pid) == 1 && pid > 0 && kill((pid_t)pid, 0) == 0;
	fclose(f);
	return alive && access(AUDIT_LOG, R_OK) == 0;
}

/* Without FILE: audit.log when auditd runs (the kernel then logs records
 * to it, not to the ring), else journald's copy of the kernel log when
 * journald runs (it keeps more than the ring), else the ring. */
static const char *auto_source(void)
{
	if (auditd_running())
		return "auditd";
	if (audit_journald_running())
		return "journal";
	return "kmsg";
}

/* ---- --follow --------------------------------------------------------- */

static volatile sig_atomic_t stop_following;

static void on_stop(int sig)
{
	(void)sig;
	stop_following = 1;
}

static void catch_stop(void)
{
	struct sigaction sa = {.sa_handler = on_stop}; /* no SA_RESTART: reads return EINTR */

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Bytes read live: complete lines are fed, a partial one waits in pending
 * for its newline. */
static int feed_chunk(struct run *run, struct sc_strbuf *pending, const char *buf, size_t n,
		      const char *name, uint64_t *lineno)
{
	int rc = 0;

	for (size_t i = 0, start = 0; i < n && rc == 0; i++)
		if (buf[i] == '\n') {
			sc_strbuf_append(pending, buf + start, i - start);
			rc = feed(run, pending->data ? pending->data : "", pending->len, name,
				  ++*lineno);
			pending->len = 0;
			start = i + 1;
		} else if (i == n - 1) {
			sc_strbuf_append(pending, buf + start, n - start);
		}
	if (sc_strbuf_failed(pending))
		rc = -ENOMEM;
	return rc;
}

/* Like tail -F: read what is there, then what gets appended; start over
 * when the file is truncated or replaced (log rotation).  Partial lines
 * wait for their newline. */
static int follow_file(struct run *run, const char *path, struct sc_error *err)
{
	struct sc_strbuf pending = {0};
	char buf[65536];
	uint64_t lineno = 0;
	off_t off = 0;
	ino_t ino = 0;
	int fd = -1, rc = 0;

	while (!stop_following && rc == 0) {
		struct stat st;
		ssize_t n;

		if (fd < 0) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				if (errno != ENOENT) {
					rc = sc_error_set(err, -errno, "%s: %s", path,
							  strerror(errno));
					break;
				}
				usleep(200000); /* not there (yet): rotation in progress */
				continue;
			}
			if (fstat(fd, &st) == 0)
				ino = st.st_ino;
			off = 0;
		}
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = sc_error_set(err, -errno, "%s: %s", path, strerror(errno));
			break;
		}
		if (n > 0) {
			off += n;
			rc = feed_chunk(run, &pending, buf, (size_t)n, path, &lineno);
			continue;
		}
		/* at the end: replaced or truncated? */
		if (stat(path, &st) < 0 || st.st_ino != ino || st.st_size < off) {
			close(fd);
			fd = -1;
			continue;
		}
		usleep(200000);
	}
	if (fd >= 0)
		close(fd);
	sc_strbuf_free(&pending);
	return rc == -ENOMEM ? sc_error_set(err, rc, "out of memory") : rc;
}

/* The kernel ring: what it holds, then each new record as it comes
 * (a blocking read on /dev/kmsg). */
static int follow_kmsg(struct run *run, struct sc_error *err)
{
	char buf[8192];
	uint64_t n_rec = 0;
	int fd = open("/dev/kmsg", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return sc_error_set(err, -errno, "/dev/kmsg: %s (needs root or CAP_SYSLOG)",
				    strerror(errno));
	while (!stop_following) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		char *msg, *nl;

		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue;
		if (n <= 0)
			break;
		buf[n] = '\0';
		msg = strchr(buf, ';');
		msg = msg ? msg + 1 : buf;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = '\0';
		if (feed(run, msg, strlen(msg), "/dev/kmsg", ++n_rec) < 0) {
			close(fd);
			return sc_error_set(err, -ENOMEM, "out of memory");
		}
	}
	close(fd);
	return 0;
}

/* A pipe, live, until its writer closes it (*eof) or Ctrl-C.  poll() with
 * a timeout rather than a blocking read: a signal that lands just before
 * the read would otherwise wait for the next record. */
static int follow_fd(struct run *run, int fd, const char *name, bool *eof, struct sc_error *err)
{
	struct sc_strbuf pending = {0};
	char buf[65536];
	uint64_t lineno = 0;
	int rc = 0;

	*eof = false;
	while (!stop_following && rc == 0) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue; /* timeout, or EINTR: look at stop_following */
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			rc = sc_error_set(err, -errno, "%s: %s", name, strerror(errno));
			break;
		}
		if (n == 0) {
			*eof = true;
			break;
		}
		rc = feed_chunk(run, &pending, buf, (size_t)n, name, &lineno);
	}
	sc_strbuf_free(&pending);
	return rc == -ENOMEM ? sc_error_set(err, rc, "out of memory") : rc;
}

/* journald's kernel messages through journalctl -o json (audit/journal.h):
 * all it keeps, or (--follow) from now on.  The child is stopped and
 * reaped on every way out. */
static int read_journal(struct run *run, bool follow, struct sc_error *err)
{
	struct audit_journal_opts o = {
	    .follow = follow, .since_ms = run->f.since_ms, .until_ms = run->f.until_ms};
	struct audit_journal j;
	struct sc_error ignored = {0};
	bool eof = false;
	int rc = audit_journal_open(&o, &j, err), rc2;

	if (rc < 0)
		return rc;
	if (follow) {
		rc = follow_fd(run, j.fd, "journalctl", &eof, err);
	} else {
		FILE *f = fdopen(j.fd, "r");

		if (!f) {
			rc = sc_error_set(err, -errno, "journalctl: %s", strerror(errno));
		} else {
			j.fd = -1; /* the FILE owns it now */
			rc = read_stream(run, f, "journalctl", err);
			fclose(f);
			eof = rc == 0;
		}
	}
	/* stop it unless it ended by itself; its status counts only then */
	rc2 = audit_journal_close(&j, !eof, rc < 0 ? &ignored : err);
	return rc < 0 ? rc : rc2;
}

/* T: seconds since the epoch, or local "YYYY-MM-DD[ T]HH:MM[:SS]". */
static int parse_time(const char *s, uint64_t *ms)
{
	struct tm tm = {0};
	char *end;
	double secs = strtod(s, &end);
	const char *rest;

	if (end != s && *end == '\0' && secs >= 0) {
		*ms = (uint64_t)(secs * 1000.0);
		return 0;
	}
	rest = strptime(s, "%Y-%m-%d", &tm);
	if (!rest)
		return -1;
	if (*rest == ' ' || *rest == 'T') {
		const char *r2 = strptime(rest + 1, "%H:%M:%S", &tm);

		if (!r2)
			r2 = strptime(rest + 1, "%H:%M", &tm);
		rest = r2;
	}
	if (!rest || *rest)
		return -1;
	tm.tm_isdst = -1;
	*ms = (uint64_t)mktime(&tm) * 1000;
	return 0;
}

static void stamp(uint64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t len;

	gmtime_r(&t, &tm);
	len = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	if (len && len + 6 <= n)
		snprintf(buf + len, n - len, ".%03uZ", (unsigned)(ms % 1000));
}

static void actions_text(unsigned bits, struct sc_strbuf *b, bool json)
{
	bool first = true;

	for (unsigned i = 0; audit_action_bit_name(i); i++)
		if (bits & (1u << i)) {
			if (json)
				sc_strbuf_printf(b, "%s\"%s\"", first ? "" : ",",
						 audit_action_bit_name(i));
			else
				sc_strbuf_printf(b, "%s%s", first ? "" : ",",
						 audit_action_bit_name(i));
			first = false;
		}
}

static const char *abi_name(const struct audit_entry *e)
{
	return e->abi ? e->abi->name : "unknown";
}

static void print_text(const struct cli *g, const struct run *run, const char *source)
{
	const struct audit_summary *s = &run->sum;
	const char *prog = NULL;

	if (!g->quiet)
		printf(
		    "%s: %llu lines, %llu SECCOMP records (%llu left out by filters), %llu other "
		    "audit records, %llu rate-limit notices, %llu broken, %llu unrelated\n",
		    source, (unsigned long long)s->lines, (unsigned long long)s->records,
		    (unsigned long long)s->filtered, (unsigned long long)s->other,
		    (unsigned long long)s->notices, (unsigned long long)s->broken,
		    (unsigned long long)s->unrelated);
	for (size_t i = 0; i < run->n_broken; i++)
		fprintf(stderr, "%s: broken SECCOMP record: %s\n", run->broken[i].where,
			run->broken[i].why);
	if (s->notices && !g->quiet)
		printf("%swarning%s: the kernel dropped records (rate limit or backlog): the list "
		       "below may be incomplete; set /proc/sys/kernel/printk_ratelimit to 0 or use "
		       "auditd\n",
		       cli_yellow(g), cli_reset(g));
	for (size_t i = 0; i < s->n; i++) {
		const struct audit_entry *e = &s->v[i];
		const char *name = e->abi && e->syscall >= 0 && e->syscall <= INT32_MAX
				       ? arch_syscall_name(e->abi, (int)e->syscall)
				       : NULL;
		struct sc_strbuf acts = {0};
		char first[40], last[40];

		if (!prog || strcmp(prog, e->program) != 0) {
			prog = e->program;
			printf("\n%s%s%s (comm %s%s%.12s)\n", cli_bold(g), e->program, cli_reset(g),
			       e->comm, e->container ? ", container " : "",
			       e->container ? e->container : "");
			printf("  %-8s %-24s %10s %7s  %-14s %-24s %s\n", "ABI", "SYSCALL", "NR",
			       "COUNT", "ACTION", "FIRST", "LAST");
		}
		actions_text(e->actions, &acts, false);
		stamp(e->first_ms, first, sizeof(first));
		stamp(e->last_ms, last, sizeof(last));
		printf("  %-8s %s%-24s%s %10lld %7llu  %-14s %-24s %s\n", abi_name(e),
		       name ? cli_cyan(g) : cli_red(g), name ? name : "(no name)", cli_reset(g),
		       (long long)e->syscall, (unsigned long long)e->count,
		       acts.data ? acts.data : "", first, last);
		sc_strbuf_free(&acts);
	}
	if (s->n == 0 && !g->quiet)
		printf("no SECCOMP records%s\n", s->records ? " match the filters" : "");
}

static void print_json(const struct run *run, const char *source)
{
	const struct audit_summary *s = &run->sum;
	struct sc_strbuf b = {0};

	sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"logs\",\"source\":", CLI_JSON_SCHEMA);
	sc_strbuf_json_string(&b, source, strlen(source));
	sc_strbuf_printf(&b,
			 ",\"counts\":{\"lines\":%llu,\"records\":%llu,\"filtered\":%llu,"
			 "\"other\":%llu,\"notices\":%llu,\"broken\":%llu,\"unrelated\":%llu",
			 (unsigned long long)s->lines, (unsigned long long)s->records,
			 (unsigned long long)s->filtered, (unsigned long long)s->other,
			 (unsigned long long)s->notices, (unsigned long long)s->broken,
			 (unsigned long long)s->unrelated);
	/* only with --container: the counts stay as they were without it */
	if (run->f.container)
		sc_strbuf_printf(&b, ",\"container_unknown\":%llu",
				 (unsigned long long)run->container_unknown);
	sc_strbuf_puts(&b, "},\"calls\":[");
	for (size_t i = 0; i < s->n; i++) {
		const struct audit_entry *e = &s->v[i];
		const char *name = e->abi && e->syscall >= 0 && e->syscall <= INT32_MAX
				       ? arch_syscall_name(e->abi, (int)e->syscall)
				       : NULL;
		char first[40], last[40];

		stamp(e->first_ms, first, sizeof(first));
		stamp(e->last_ms, last, sizeof(last));
		sc_strbuf_puts(&b, i ? ",{\"program\":" : "{\"program\":");
		sc_strbuf_json_string(&b, e->program, strlen(e->program));
		sc_strbuf_puts(&b, ",\"comm\":");
		sc_strbuf_json_string(&b, e->comm, strlen(e->comm));
		sc_strbuf_printf(
		    &b, ",\"abi\":\"%s\",\"audit_arch\":\"0x%08x\",\"nr\":%lld,\"syscall\":",
		    abi_name(e), e->arch, (long long)e->syscall);
		if (name)
			sc_strbuf_json_string(&b, name, strlen(name));
		else
			sc_strbuf_puts(&b, "null");
		sc_strbuf_printf(&b, ",\"count\":%llu,\"actions\":[", (unsigned long long)e->count);
		actions_text(e->actions, &b, true);
		sc_strbuf_printf(&b, "],\"first\":\"%s\",\"last\":\"%s\",\"last_pid\":%lld", first,
				 last, (long long)e->last_pid);
		if (e->container) {
			sc_strbuf_puts(&b, ",\"container\":");
			sc_strbuf_json_string(&b, e->container, strlen(e->container));
		}
		sc_strbuf_putc(&b, '}');
	}
	sc_strbuf_puts(&b, "],\"broken\":[");
	for (size_t i = 0; i < run->n_broken; i++) {
		sc_strbuf_puts(&b, i ? ",{\"where\":" : "{\"where\":");
		sc_strbuf_json_string(&b, run->broken[i].where, strlen(run->broken[i].where));
		sc_strbuf_puts(&b, ",\"why\":");
		sc_strbuf_json_string(&b, run->broken[i].why, strlen(run->broken[i].why));
		sc_strbuf_putc(&b, '}');
	}
	sc_strbuf_puts(&b, "]}");
	if (!sc_strbuf_failed(&b))
		cli_print_json(b.data);
	sc_strbuf_free(&b);
}

/* ---- writing profiles --------------------------------------------------- */

/* The names (and ABIs) the records show, sorted and unique. */
struct seen {
	const char **names;
	size_t n;
	const struct arch_info *abis[32];
	size_t n_abis;
	size_t unnamed;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int collect(const struct audit_summary *s, struct seen *out)
{
	memset(out, 0, sizeof(*out));
	out->names = calloc(s->n ? s->n : 1, sizeof(*out->names));
	if (!out->names)
		return -ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		const struct audit_entry *e = &s->v[i];
		const char *name = e->abi && e->syscall >= 0 && e->syscall <= INT32_MAX
				       ? arch_syscall_name(e->abi, (int)e->syscall)
				       : NULL;
		bool have = false;

		if (!name) {
			out->unnamed++;
			continue;
		}
		out->names[out->n++] = name;
		for (size_t k = 0; k < out->n_abis; k++)
			have |= out->abis[k] == e->abi;
		if (!have && out->n_abis < 32)
			out->abis[out->n_abis++] = e->abi;
	}
	qsort(out->names, out->n, sizeof(*out->names), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++)
		if (k == 0 || strcmp(out->names[k - 1], out->names[i]) != 0)
			out->names[k++] = out->names[i];
	out->n = k;
	return 0;
}

static void put_names(struct sc_strbuf *b, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sc_strbuf_puts(b, i ? "," : "");
		sc_strbuf_json_string(b, names[i], strlen(names[i]));
	}
}

/* Canonical form of a profile given as JSON text, written to path. */
static int write_profile(const char *json, const char *path, struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_free_ char *out = NULL;
	int rc = profile_read_buffer(json, strlen(json), path, &p, NULL, err);

	if (rc == 0)
		rc = profile_write_canonical(p, &out, err);
	if (rc == 0)
		rc = cli_write_atomic(path, out, strlen(out), err);
	return rc;
}

static int write_allowlist(const struct seen *seen, const struct audit_summary *s, const char *path,
			   struct sc_error *err)
{
	struct sc_strbuf b = {0};
	int rc;

	sc_strbuf_puts(&b, "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,"
			   "\"architectures\":[");
	for (size_t i = 0; i < seen->n_abis; i++)
		sc_strbuf_printf(&b, "%s\"%s\"", i ? "," : "", seen->abis[i]->oci);
	sc_strbuf_puts(&b, "],\"syscalls\":[");
	if (seen->n) {
		sc_strbuf_puts(&b, "{\"names\":[");
		put_names(&b, seen->names, seen->n);
		sc_strbuf_printf(&b,
				 "],\"action\":\"SCMP_ACT_ALLOW\",\"comment\":\"seen in %llu "
				 "SECCOMP audit records by seccompctl logs\"}",
				 (unsigned long long)s->records - s->filtered);
	}
	sc_strbuf_puts(&b, "]}");
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	rc = write_profile(b.data, path, err);
	sc_strbuf_free(&b);
	return rc;
}

/* The profile plus one entry allowing what the records show it denies,
 * and the ABIs they show (edit_allow_calls).  The records do not carry
 * arguments: each call is decided with arguments 0. */
static int write_merged(const char *base, const struct audit_summary *s, const char *path,
			const struct cli *g, struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *raw = NULL;
	_cleanup_free_ char *text = NULL;
	struct seccomp_data *calls = calloc(s->n ? s->n : 1, sizeof(*calls));
	struct edit_allow_result ar = {0};
	size_t n = 0;
	int rc;

	if (!calls)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct audit_entry *e = &s->v[i];

		if (!e->abi || e->syscall < 0 || e->syscall > INT32_MAX)
			continue;
		calls[n].arch = e->arch;
		calls[n].nr = (int)e->syscall;
		n++;
	}
	rc = profile_read_file(base, &raw, NULL, err);
	if (rc == 0)
		rc = edit_allow_calls(raw, calls, n,
				      "added by seccompctl logs: denied in SECCOMP audit records",
				      &text, &ar, err);
	free(calls);
	if (rc == 0)
		rc = write_profile(text, path, err);
	if (rc == 0 && !g->quiet) {
		fprintf(stderr, "%s logs: %s: %zu call%s added to %s:", g->prog, path, ar.n_added,
			ar.n_added == 1 ? "" : "s", base);
		for (size_t i = 0; i < ar.n_added; i++)
			fprintf(stderr, " %s", ar.added[i]);
		for (size_t i = 0; i < ar.n_arches_added; i++)
			fprintf(stderr, "%s %s", i == 0 ? "; architectures:" : "",
				ar.arches_added[i]->oci);
		if (ar.n_removed)
			fprintf(stderr, "; %zu name%s taken out of unconditional deny entries",
				ar.n_removed, ar.n_removed == 1 ? "" : "s");
		fprintf(stderr, "\n");
	}
	edit_allow_result_free(&ar);
	return rc;
}

int cmd_logs(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"source", required_argument, NULL, 's'},
		{"pid", required_argument, NULL, 'p'},
		{"comm", required_argument, NULL, 'c'},
		{"exe", required_argument, NULL, 'x'},
		{"container", required_argument, NULL, 'C'},
		{"action", required_argument, NULL, 'a'},
		{"since", required_argument, NULL, 'S'},
		{"until", required_argument, NULL, 'U'},
		{"merge", required_argument, NULL, 'm'},
		{"follow", no_argument, NULL, 'F'},
		{0},
	};
	/* clang-format on */
	struct run run = {.f = {.pid = -1}};
	struct sc_error err = {0};
	const char *source = "auto", *out_path = NULL, *merge = NULL, *shown;
	bool follow = false;
	int opt, rc = 0;

	optind = 1;
	while ((opt = cli_getopt(g, "logs", argc, argv, "o:f", longopts)) != -1) {
		switch (opt) {
		case CLI_GETOPT_ERR: return EXIT_USAGE;
		case 's':
			if (strcmp(optarg, "auto") && strcmp(optarg, "auditd") &&
			    strcmp(optarg, "kmsg") && strcmp(optarg, "journal") &&
			    strcmp(optarg, "file"))
				return cli_usage_error(
				    g, "logs",
				    "--source %s: use auto, auditd, kmsg, journal or file", optarg);
			source = optarg;
			break;
		case 'p': {
			char *end;

			run.f.pid = strtoll(optarg, &end, 10);
			if (*end || run.f.pid < 0)
				return cli_usage_error(g, "logs", "--pid %s: not a pid", optarg);
			break;
		}
		case 'c': run.f.comm = optarg; break;
		case 'x': run.f.exe = optarg; break;
		case 'C':
			if (!audit_container_id_valid(optarg))
				return cli_usage_error(
				    g, "logs",
				    "--container %s: give the container's id, whole or its first "
				    "%d hex digits (docker ps, crictl ps), or a runc name without "
				    "'/'",
				    optarg, AUDIT_CONTAINER_PREFIX);
			run.f.container = optarg;
			break;
		case 'a': {
			bool found = false;

			for (unsigned i = 0; audit_action_bit_name(i); i++)
				if (strcasecmp(optarg, audit_action_bit_name(i)) == 0) {
					run.f.actions |= 1u << i;
					found = true;
				}
			if (!found)
				return cli_usage_error(
				    g, "logs",
				    "--action %s: use KILL_PROCESS, KILL_THREAD, "
				    "TRAP, ERRNO, USER_NOTIF, TRACE, LOG",
				    optarg);
			break;
		}
		case 'S':
		case 'U':
			if (parse_time(optarg, opt == 'S' ? &run.f.since_ms : &run.f.until_ms) < 0)
				return cli_usage_error(g, "logs",
						       "%s %s: give seconds since the epoch or "
						       "YYYY-MM-DD HH:MM[:SS] (local time)",
						       opt == 'S' ? "--since" : "--until", optarg);
			break;
		case 'o': out_path = optarg; break;
		case 'm': merge = optarg; break;
		case 'f':
		case 'F': follow = true; break;
		}
	}
	if (cli_check_format(g, "logs", 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	if (merge && !out_path)
		return cli_usage_error(g, "logs", "--merge needs -o OUT for the merged profile");
	if (optind < argc && strcmp(source, "auto") && strcmp(source, "file"))
		return cli_usage_error(g, "logs", "files and --source %s exclude each other",
				       source);
	if (optind == argc && !strcmp(source, "auto"))
		source = auto_source();
	if (follow) {
		if (argc - optind > 1 || (optind < argc && !strcmp(argv[optind], "-")))
			return cli_usage_error(g, "logs", "--follow takes one file, or none");
		run.live = g;
		catch_stop();
		if (optind < argc) {
			shown = argv[optind];
			rc = follow_file(&run, argv[optind], &err);
		} else if (!strcmp(source, "auditd")) {
			shown = AUDIT_LOG;
			rc = follow_file(&run, AUDIT_LOG, &err);
		} else if (!strcmp(source, "journal")) {
			shown = "journalctl -k";
			rc = read_journal(&run, true, &err);
		} else {
			shown = "/dev/kmsg";
			rc = follow_kmsg(&run, &err);
		}
		run.live = NULL;
		if (g->output != FMT_JSON && !g->quiet)
			printf("\n");
	} else if (optind < argc || !strcmp(source, "file")) {
		for (int i = optind; i < argc && rc == 0; i++)
			rc = read_file(&run, argv[i], &err);
		if (optind == argc)
			rc = read_file(&run, "-", &err);
		shown = optind + 1 == argc ? argv[optind] : "files";
	} else if (!strcmp(source, "auditd")) {
		rc = read_file(&run, AUDIT_LOG, &err);
		shown = AUDIT_LOG;
	} else if (!strcmp(source, "journal")) {
		rc = read_journal(&run, false, &err);
		shown = "journalctl -k";
	} else {
		rc = read_kmsg(&run, &err);
		shown = "/dev/kmsg";
	}
	if (rc < 0) {
		audit_summary_free(&run.sum);
		return cli_report_error(g, "logs", &err, EXIT_USAGE);
	}
	audit_summary_sort(&run.sum);
	if (out_path) {
		struct seen seen;

		rc = collect(&run.sum, &seen);
		if (rc == 0)
			rc = merge ? write_merged(merge, &run.sum, out_path, g, &err)
				   : write_allowlist(&seen, &run.sum, out_path, &err);
		free(seen.names);
		if (rc < 0) {
			audit_summary_free(&run.sum);
			return cli_report_error(g, "logs", &err, EXIT_USAGE);
		}
	}
	if (run.container_unknown)
		fprintf(stderr,
			"%s logs: --container: %llu record%s left out: the process is gone, so "
			"its container is unknown (cgroups are read from /proc while the process "
			"lives: run logs --follow --container to catch short-lived ones)\n",
			g->prog, (unsigned long long)run.container_unknown,
			run.container_unknown == 1 ? "" : "s");
	if (g->output == FMT_JSON && !follow)
		print_json(&run, shown);
	else if (g->output != FMT_JSON)
		print_text(g, &run, shown);
	rc = run.sum.n > 0 ? EXIT_FOUND : EXIT_OK;
	audit_summary_free(&run.sum);
	return rc;
}
