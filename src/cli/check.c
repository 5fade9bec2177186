/* seccompctl check [--kubelet-dir DIR] : what seccomp support this kernel and
 * node offer, in aligned text or as a JSON document (schema in
 * docs/man/seccompctl-check.1), then one verdict.  The facts come from
 * kernel_probe(); this file only parses options and renders. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kernel/probe.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD	"check"
#define LABEL_W 20 /* "  " + label column; values start at column 23 */
#define WORD_W	8  /* a yes/no/unknown cell */

static const char *errno_name(int e)
{
	const char *n;

	if (e < 0)
		e = -e;
	n = e ? strerrorname_np(e) : NULL;
	return n ? n : "unknown errno";
}

static const char *err_text(int e)
{
	return strerror(e < 0 ? -e : e);
}

/* ---- text -------------------------------------------------------------- */

static void section(const struct cli *g, const char *title)
{
	printf("%s%s%s\n", cli_bold(g), title, cli_reset(g));
}

static void row(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void row(const char *label, const char *fmt, ...)
{
	va_list ap;

	printf("  %-*s ", LABEL_W, label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A coloured, padded yes/no/unknown cell; the padding stays outside the
 * escape sequences so the columns line up with colour on or off. */
static const char *cell(const struct cli *g, enum kernel_tri t, bool pad, char *buf, size_t n)
{
	const char *word = t == KERNEL_YES ? "yes" : t == KERNEL_NO ? "no" : "unknown";
	const char *col = t == KERNEL_YES  ? cli_green(g)
			  : t == KERNEL_NO ? cli_red(g)
					   : cli_yellow(g);

	snprintf(buf, n, "%s%s%s%*s", col, word, cli_reset(g), pad ? WORD_W - (int)strlen(word) : 0,
		 "");
	return buf;
}

static void print_list(const struct kernel_action_list *l, const char *label)
{
	char line[KERNEL_WORDS_MAX * KERNEL_WORD_MAX + 1] = "";
	size_t len = 0;

	if (!l->present) {
		row(label, "unreadable (%s)", err_text(l->err));
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		int w = snprintf(line + len, sizeof(line) - len, "%s%s", i ? " " : "", l->words[i]);

		if (w > 0 && (size_t)w < sizeof(line) - len)
			len += (size_t)w;
	}
	row(label, "%s", l->n ? line : "(empty)");
}

static void text_process(const struct cli *g, const struct kernel_report *r)
{
	const struct kernel_status *s = &r->status;
	char mode[64];

	section(g, "process");
	if (r->status_err)
		row("/proc/self/status", "unreadable (%s)", err_text(r->status_err));
	if (s->seccomp >= 0)
		snprintf(mode, sizeof(mode), "%d (%s)", s->seccomp, kernel_mode_name(s->seccomp));
	else if (r->prctl_mode >= 0)
		snprintf(mode, sizeof(mode), "%d (%s, from PR_GET_SECCOMP)", r->prctl_mode,
			 kernel_mode_name(r->prctl_mode));
	else
		snprintf(mode, sizeof(mode), "unknown");
	row("seccomp mode", "%s", mode);
	if (s->seccomp >= 0 && r->prctl_mode >= 0 && r->prctl_mode != s->seccomp)
		row("PR_GET_SECCOMP", "%s%d: disagrees with /proc/self/status%s", cli_yellow(g),
		    r->prctl_mode, cli_reset(g));
	if (s->seccomp_filters >= 0)
		row("filters attached", "%d", s->seccomp_filters);
	else
		row("filters attached", "unknown (no Seccomp_filters line before Linux 5.9)");
	row("no_new_privs", "%s", s->no_new_privs < 0 ? "unknown" : s->no_new_privs ? "1" : "0");
	row("CAP_SYS_ADMIN", "%s",
	    s->cap_sys_admin < 0 ? "unknown"
	    : s->cap_sys_admin	 ? "yes (effective)"
				 : "no");
	/* seccomp(2): without CAP_SYS_ADMIN a filter needs no_new_privs (runtimes
	 * set it); say so before someone's prctl fails with EACCES. */
	if (s->no_new_privs == 0 && s->cap_sys_admin == 0)
		row("", "%sinstalling a filter needs PR_SET_NO_NEW_PRIVS first%s", cli_dim(g),
		    cli_reset(g));
}

static void text_filter_mode(const struct cli *g, const struct kernel_report *r)
{
	if (r->filter_mode == KERNEL_FM_AVAILABLE)
		printf("%-*s %savailable%s (%s: %s for a NULL program)\n", LABEL_W + 2,
		       "filter mode", cli_green(g), cli_reset(g), r->filter_method,
		       errno_name(r->filter_probe.err));
	else if (r->filter_probe.err)
		printf("%-*s %sunavailable%s: %s (%s: %s)\n", LABEL_W + 2, "filter mode",
		       cli_red(g), cli_reset(g), kernel_filter_mode_reason(r->filter_mode),
		       r->filter_method, errno_name(r->filter_probe.err));
	else
		printf("%-*s %sunavailable%s: %s\n", LABEL_W + 2, "filter mode", cli_red(g),
		       cli_reset(g), kernel_filter_mode_reason(r->filter_mode));
}

static void text_actions(const struct cli *g, const struct kernel_report *r)
{
	char c[64];

	section(g, "actions");
	print_list(&r->avail, "actions_avail");
	print_list(&r->logged, "actions_logged");
	printf("  %-*s %-*s %-14s %s\n", LABEL_W, "", WORD_W, "probe", "actions_avail",
	       "actions_logged");
	for (int i = 0; i < KERNEL_ACT_COUNT; i++) {
		const struct kernel_action_info *a = kernel_action_info(i);
		const char *listed = !r->avail.present		 ? "?"
				     : (r->avail.known >> i) & 1 ? "listed"
								 : "-";
		const char *logged = !r->logged.present		  ? "?"
				     : (r->logged.known >> i) & 1 ? "logged"
								  : "-";

		printf("  %-*s %s %-14s %s", LABEL_W, a->name,
		       cell(g, r->actions[i].state, true, c, sizeof(c)), listed, logged);
		if (r->actions[i].state == KERNEL_NO)
			printf(" %s(%s needs Linux %s)%s", cli_dim(g), a->macro, a->since,
			       cli_reset(g));
		putchar('\n');
	}
	for (size_t i = 0; i < r->avail.n; i++)
		if (kernel_action_by_name(r->avail.words[i], strlen(r->avail.words[i])) < 0)
			row("(new to us)", "%s: listed by the kernel, unknown to seccompctl",
			    r->avail.words[i]);
}

static void text_flags(const struct cli *g, const struct kernel_report *r)
{
	char c[64];

	section(g, "filter flags");
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++) {
		const struct kernel_flag_info *f = kernel_flag_info(i);
		const char *shortname = f->macro + strlen("SECCOMP_FILTER_FLAG_");

		printf("  %-*s %s", LABEL_W, shortname,
		       cell(g, r->flags[i].state, false, c, sizeof(c)));
		if (r->flags[i].state == KERNEL_NO)
			printf(" %s(needs Linux %s)%s", cli_dim(g), f->since, cli_reset(g));
		else if (r->flags[i].state == KERNEL_UNKNOWN && r->flags[i].err)
			printf(" (%s)", errno_name(r->flags[i].err));
		putchar('\n');
	}
	section(g, "user notification");
	if (r->notif.state == KERNEL_YES) {
		row("seccomp_notif", "%u bytes", r->notif_size);
		row("seccomp_notif_resp", "%u bytes", r->notif_resp_size);
		row("seccomp_data", "%u bytes", r->data_size);
	} else if (r->notif.state == KERNEL_NO) {
		row("sizes", "%sno SECCOMP_GET_NOTIF_SIZES%s (needs Linux 5.0)", cli_red(g),
		    cli_reset(g));
	} else {
		row("sizes", "%sunknown%s%s%s%s", cli_yellow(g), cli_reset(g),
		    r->notif.err ? " (" : "", r->notif.err ? errno_name(r->notif.err) : "",
		    r->notif.err ? ")" : "");
	}
}

static void text_arch(const struct cli *g, const struct kernel_report *r)
{
	char c[64], label[32];

	section(g, "architectures");
	row("native", "%s (AUDIT_ARCH 0x%08x)", r->native, r->native_token);
	if (!r->n_compat)
		row("compat", "none known for %s", r->native);
	for (size_t i = 0; i < r->n_compat; i++) {
		snprintf(label, sizeof(label), "compat %s", r->compat[i].name);
		row(label, "%s %s", cell(g, r->compat[i].supported, true, c, sizeof(c)),
		    r->compat[i].how);
	}
}

static void text_audit(const struct cli *g, const struct kernel_report *r)
{
	const struct kernel_audit *a = &r->audit;

	section(g, "audit");
	row("kernel audit", "%s",
	    a->kernel_audit == KERNEL_YES  ? "yes (/proc/self/loginuid)"
	    : a->kernel_audit == KERNEL_NO ? "no: SECCOMP records are never written"
					   : "unknown");
	if (a->auditd_running)
		row("auditd", "running (pid %d)", (int)a->auditd_pid);
	else if (a->auditd_pid)
		row("auditd", "not running (stale pid %d in /run/auditd.pid)", (int)a->auditd_pid);
	else
		row("auditd", "not running (no /run/auditd.pid)");
	if (a->audit_log_readable)
		row("audit log", "%s: readable", a->audit_log);
	else
		row("audit log", "%s: not readable (%s)", a->audit_log, err_text(a->audit_log_err));
	row("/dev/kmsg", "%s%s%s", a->kmsg_readable ? "readable" : "not readable (",
	    a->kmsg_readable ? "" : err_text(a->kmsg_err), a->kmsg_readable ? "" : ")");
	if (a->dmesg_restrict >= 0)
		row("dmesg_restrict", "%ld", a->dmesg_restrict);
	if (a->printk_ratelimit >= 0)
		row("printk_ratelimit", "%ld s, burst %ld", a->printk_ratelimit,
		    a->printk_ratelimit_burst);
	else
		row("printk_ratelimit", "unknown");
	switch (a->records) {
	case KERNEL_RECORDS_AUDIT_LOG:
		row("records", "%sin %s (auditd)%s", cli_green(g), a->audit_log, cli_reset(g));
		break;
	case KERNEL_RECORDS_KMSG:
		/* Without auditd, kauditd prints them through printk_ratelimit(). */
		if (a->printk_ratelimit >= 0)
			row("records", "%sin the kernel log (/dev/kmsg)%s, at most %ld every %ld s",
			    cli_green(g), cli_reset(g), a->printk_ratelimit_burst,
			    a->printk_ratelimit);
		else
			row("records", "%sin the kernel log (/dev/kmsg)%s, rate-limited",
			    cli_green(g), cli_reset(g));
		break;
	case KERNEL_RECORDS_NONE:
		row("records", "%snot readable here%s", cli_yellow(g), cli_reset(g));
		break;
	}
}

static void text_kubelet(const struct cli *g, const struct kernel_report *r)
{
	const struct kernel_kubelet *k = &r->kubelet;

	section(g, "kubelet");
	if (k->exists)
		row("profile dir", "%s", k->dir);
	else
		row("profile dir", "%s: %s", k->dir,
		    k->err == -ENOENT ? "missing" : err_text(k->err));
	row("profiles", "%zu (*.json, recursively)%s", k->profiles,
	    k->unreadable ? " (some subdirectories unreadable)" : "");
}

static void print_text(const struct cli *g, const struct kernel_report *r,
		       const struct kernel_verdict *v)
{
	if (!g->quiet) {
		section(g, "kernel");
		row("release", "%s (%s)", r->release, r->machine);
		text_process(g, r);
		text_filter_mode(g, r);
		text_actions(g, r);
		text_flags(g, r);
		text_arch(g, r);
		text_audit(g, r);
		text_kubelet(g, r);
		putchar('\n');
	}
	printf("%sverdict:%s %s%s%s\n", cli_bold(g), cli_reset(g),
	       v->filter_mode ? cli_green(g) : cli_red(g), v->text, cli_reset(g));
}

/* ---- JSON -------------------------------------------------------------- */

static void j_key(struct sc_strbuf *b, const char *key)
{
	if (b->len && b->data[b->len - 1] != '{' && b->data[b->len - 1] != '[')
		sc_strbuf_putc(b, ',');
	sc_strbuf_json_string(b, key, strlen(key));
	sc_strbuf_putc(b, ':');
}

static void j_str(struct sc_strbuf *b, const char *key, const char *s)
{
	j_key(b, key);
	if (s)
		sc_strbuf_json_string(b, s, strlen(s));
	else
		sc_strbuf_puts(b, "null");
}

/* An integer where a negative value means "unknown". */
static void j_int(struct sc_strbuf *b, const char *key, long v)
{
	j_key(b, key);
	if (v < 0)
		sc_strbuf_puts(b, "null");
	else
		sc_strbuf_printf(b, "%ld", v);
}

static void j_bool(struct sc_strbuf *b, const char *key, bool v)
{
	j_key(b, key);
	sc_strbuf_puts(b, v ? "true" : "false");
}

static void j_tri(struct sc_strbuf *b, const char *key, enum kernel_tri t)
{
	j_key(b, key);
	sc_strbuf_puts(b, t == KERNEL_YES ? "true" : t == KERNEL_NO ? "false" : "null");
}

static void j_list(struct sc_strbuf *b, const char *key, const struct kernel_action_list *l)
{
	j_key(b, key);
	if (!l->present) {
		sc_strbuf_puts(b, "null");
		return;
	}
	sc_strbuf_putc(b, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sc_strbuf_putc(b, ',');
		sc_strbuf_json_string(b, l->words[i], strlen(l->words[i]));
	}
	sc_strbuf_putc(b, ']');
}

static const char *const fm_keys[] = {
    [KERNEL_FM_AVAILABLE] = "available",   [KERNEL_FM_STRICT] = "strict",
    [KERNEL_FM_NO_SECCOMP] = "no_seccomp", [KERNEL_FM_NO_FILTER] = "no_filter",
    [KERNEL_FM_BLOCKED] = "blocked",
};

static void json_body(struct sc_strbuf *b, const struct kernel_report *r,
		      const struct kernel_verdict *v)
{
	const struct kernel_status *s = &r->status;
	const struct kernel_audit *a = &r->audit;
	char hex[16];

	j_key(b, "kernel");
	sc_strbuf_putc(b, '{');
	j_str(b, "release", r->release);
	j_str(b, "version", r->version);
	j_str(b, "machine", r->machine);
	sc_strbuf_putc(b, '}');

	j_key(b, "process");
	sc_strbuf_putc(b, '{');
	j_int(b, "seccomp_mode", s->seccomp);
	j_str(b, "seccomp_mode_name",
	      kernel_mode_name(s->seccomp >= 0 ? s->seccomp : r->prctl_mode));
	j_int(b, "prctl_seccomp_mode", r->prctl_mode);
	j_int(b, "seccomp_filters", s->seccomp_filters);
	j_tri(b, "no_new_privs", (enum kernel_tri)s->no_new_privs);
	j_tri(b, "cap_sys_admin", (enum kernel_tri)s->cap_sys_admin);
	j_str(b, "status_error", r->status_err ? err_text(r->status_err) : NULL);
	sc_strbuf_putc(b, '}');

	j_key(b, "filter_mode");
	sc_strbuf_putc(b, '{');
	j_bool(b, "available", r->filter_mode == KERNEL_FM_AVAILABLE);
	j_str(b, "reason", fm_keys[r->filter_mode]);
	j_str(b, "method", r->filter_method);
	j_str(b, "errno", r->filter_probe.err ? errno_name(r->filter_probe.err) : NULL);
	sc_strbuf_putc(b, '}');

	j_list(b, "actions_avail", &r->avail);
	j_list(b, "actions_logged", &r->logged);
	j_key(b, "actions");
	sc_strbuf_putc(b, '{');
	for (int i = 0; i < KERNEL_ACT_COUNT; i++)
		j_tri(b, kernel_action_info(i)->name, r->actions[i].state);
	sc_strbuf_putc(b, '}');
	j_key(b, "flags");
	sc_strbuf_putc(b, '{');
	for (int i = 0; i < KERNEL_FLAG_COUNT; i++)
		j_tri(b, kernel_flag_info(i)->name, r->flags[i].state);
	sc_strbuf_putc(b, '}');
	j_key(b, "notif_sizes");
	if (r->notif.state == KERNEL_YES) {
		sc_strbuf_putc(b, '{');
		j_int(b, "seccomp_notif", r->notif_size);
		j_int(b, "seccomp_notif_resp", r->notif_resp_size);
		j_int(b, "seccomp_data", r->data_size);
		sc_strbuf_putc(b, '}');
	} else {
		sc_strbuf_puts(b, "null");
	}

	j_key(b, "arch");
	sc_strbuf_putc(b, '{');
	j_str(b, "native", r->native);
	snprintf(hex, sizeof(hex), "0x%08x", r->native_token);
	j_str(b, "audit_arch", hex);
	j_key(b, "compat");
	sc_strbuf_putc(b, '[');
	for (size_t i = 0; i < r->n_compat; i++) {
		if (i)
			sc_strbuf_putc(b, ',');
		sc_strbuf_putc(b, '{');
		j_str(b, "name", r->compat[i].name);
		j_tri(b, "supported", r->compat[i].supported);
		j_str(b, "how", r->compat[i].how);
		sc_strbuf_putc(b, '}');
	}
	sc_strbuf_puts(b, "]}");

	j_key(b, "audit");
	sc_strbuf_putc(b, '{');
	j_tri(b, "kernel_audit", a->kernel_audit);
	j_int(b, "auditd_pid", a->auditd_pid ? a->auditd_pid : -1);
	j_bool(b, "auditd_running", a->auditd_running);
	j_str(b, "audit_log", a->audit_log);
	j_bool(b, "audit_log_readable", a->audit_log_readable);
	j_bool(b, "kmsg_readable", a->kmsg_readable);
	j_int(b, "dmesg_restrict", a->dmesg_restrict);
	j_int(b, "printk_ratelimit", a->printk_ratelimit);
	j_int(b, "printk_ratelimit_burst", a->printk_ratelimit_burst);
	j_str(b, "records", kernel_records_name(a->records));
	sc_strbuf_putc(b, '}');

	j_key(b, "kubelet");
	sc_strbuf_putc(b, '{');
	j_str(b, "dir", r->kubelet.dir);
	j_bool(b, "exists", r->kubelet.exists);
	j_int(b, "profiles", (long)r->kubelet.profiles);
	j_int(b, "unreadable_dirs", (long)r->kubelet.unreadable);
	j_str(b, "error", r->kubelet.err ? err_text(r->kubelet.err) : NULL);
	sc_strbuf_putc(b, '}');

	j_key(b, "verdict");
	sc_strbuf_putc(b, '{');
	j_bool(b, "filter_mode_available", v->filter_mode);
	j_int(b, "actions_available", v->actions);
	j_int(b, "actions_unknown", v->actions_unknown);
	j_bool(b, "user_notif_available", v->user_notif);
	j_str(b, "records", kernel_records_name(a->records));
	j_str(b, "text", v->text);
	sc_strbuf_putc(b, '}');
}

static int print_json(const struct kernel_report *r, const struct kernel_verdict *v)
{
	struct sc_strbuf b = {0};
	int rc = 0;

	sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"" CMD "\"", CLI_JSON_SCHEMA);
	json_body(&b, r, v);
	sc_strbuf_putc(&b, '}');
	if (sc_strbuf_failed(&b))
		rc = -ENOMEM;
	else
		cli_print_json(b.data);
	sc_strbuf_free(&b);
	return rc;
}

/* ---- options ----------------------------------------------------------- */

int cmd_check(const struct cli *g, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"kubelet-dir", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	struct kernel_probe_opts opts = {0};
	_cleanup_free_ struct kernel_report *r = NULL;
	struct kernel_verdict v;
	struct sc_error err = {0};
	int rc;

	if (cli_check_format(g, CMD, 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	optind = 1;
	for (;;) {
		int opt = cli_getopt(g, CMD, argc, argv, "h", longopts);

		if (opt == -1)
			break;
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		switch (opt) {
		case 'k':
			if (!optarg[0])
				return cli_usage_error(g, CMD, "--kubelet-dir wants a directory");
			opts.kubelet_dir = optarg;
			break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", CMD, NULL});
		default: return cli_usage_error(g, CMD, "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error(g, CMD, "takes no arguments, got '%s'", argv[optind]);

	/* ~10 KiB of fixed buffers: keep them off the stack. */
	r = calloc(1, sizeof(*r));
	if (!r) {
		sc_error_set(&err, -ENOMEM, "out of memory");
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	}
	rc = kernel_probe(&opts, r, &err);
	if (rc < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	kernel_verdict(r, &v);
	if (g->output == FMT_JSON)
		rc = print_json(r, &v);
	else
		print_text(g, r, &v);
	if (rc < 0) {
		sc_error_set(&err, rc, "out of memory");
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	}
	return v.filter_mode ? EXIT_OK : EXIT_FOUND;
}
