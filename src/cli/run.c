/* seccompctl run [-p PROFILE | --builtin NAME] [--mode enforce|complain]
 *                [--report[=FILE]] [--suggest FILE] [--keep-privs]
 *                [--enosys MODE] [--backend native|libseccomp] -- CMD [ARG...]
 *
 * The profile is resolved for this machine, compiled, and loaded in a child
 * as its last step before execve (src/sandbox).  With --report or in
 * complain mode every denied call reaches the supervisor, which prints it
 * with its decoded arguments and the rule that decided it, and a summary at
 * exit (on stderr: stdout belongs to the command). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bpf/bpf.h"
#include "cli/cli.h"
#include "cli/render.h"
#include "edit/allow.h"
#include "profile/profile.h"
#include "sandbox/sandbox.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD "run"

/* Denied calls, counted per executable, ABI, call and answer. */
struct group {
	char *exe, *comm, *args_text, *rule_text;
	const struct arch_info *abi;
	const char *name;
	int nr;
	uint32_t ret;
	enum sb_taken taken;
	pid_t pid;
	unsigned long count;
	struct timespec first, last;
};

struct report {
	const struct cli *g;
	const struct profile *res;
	enum sb_mode mode;
	FILE *jsonl; /* --report FILE */
	struct group *v;
	size_t n, cap;
	unsigned long events;
	struct seccomp_data *calls; /* distinct calls, for --suggest */
	size_t n_calls, cap_calls;
	bool model_differs;
	int err; /* ENOMEM while collecting: the summary is incomplete */
};

static void put_time(struct sc_strbuf *b, const struct timespec *t)
{
	struct tm tm;
	char buf[32];

	gmtime_r(&t->tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sc_strbuf_printf(b, "\"%s.%03ldZ\"", buf, t->tv_nsec / 1000000);
}

/* "syscalls[2] (p.json:14:7)", "defaultAction (p.json:2:3)", ... */
static void rule_text(const struct profile *res, const struct sb_event *ev, struct sc_strbuf *b)
{
	const struct profile_src *src = NULL;

	switch (ev->verdict.why) {
	case BPF_WHY_RULE:
		src = &ev->verdict.rule->src;
		sc_strbuf_puts(b, src->path ? src->path : "syscalls[?]");
		break;
	case BPF_WHY_DEFAULT:
		src = &res->default_src;
		sc_strbuf_puts(b, "defaultAction");
		break;
	case BPF_WHY_ENOSYS:
		sc_strbuf_puts(b, "no rule names this number: ENOSYS stub (--enosys)");
		break;
	case BPF_WHY_BADARCH:
		sc_strbuf_puts(b, "ABI not in the filter's architectures: bad-arch action");
		break;
	}
	if (src && src->pos.line)
		sc_strbuf_printf(b, " (%s:%u:%u)", res->file, src->pos.line, src->pos.col);
}

/* The decoder gives {"name": ..., "args": [...]}: the report keeps the array. */
static void put_args(struct sc_strbuf *b, const char *decoded)
{
	const char *a = strstr(decoded, "\"args\":");
	size_t n;

	if (decoded[0] != '{' || !a) {
		sc_strbuf_puts(b, decoded[0] == '[' ? decoded : "[]");
		return;
	}
	a += strlen("\"args\":");
	n = strlen(a);
	if (n && a[n - 1] == '}')
		n--;
	sc_strbuf_append(b, a, n);
}

static void event_json(const struct report *r, const struct sb_event *ev, struct sc_strbuf *b)
{
	char action[48];
	const struct profile_src *src = NULL;

	bpf_ret_text(ev->ret, action, sizeof(action));
	sc_strbuf_printf(b, "{\"schema\":%d,\"time\":", CLI_JSON_SCHEMA);
	put_time(b, &ev->when);
	sc_strbuf_printf(b, ",\"pid\":%d,\"tid\":%d,\"comm\":", (int)ev->pid, (int)ev->tid);
	sc_strbuf_json_string(b, ev->comm, strlen(ev->comm));
	sc_strbuf_puts(b, ",\"exe\":");
	sc_strbuf_json_string(b, ev->exe, strlen(ev->exe));
	sc_strbuf_printf(b, ",\"arch\":\"%s\",\"audit_arch\":\"%08x\",\"syscall\":",
			 ev->abi ? ev->abi->name : "unknown", ev->data.arch);
	if (ev->name)
		sc_strbuf_json_string(b, ev->name, strlen(ev->name));
	else
		sc_strbuf_puts(b, "null");
	sc_strbuf_printf(b, ",\"nr\":%d,\"args\":", ev->data.nr);
	put_args(b, ev->args_json);
	sc_strbuf_puts(b, ",\"call\":");
	sc_strbuf_json_string(b, ev->args_text, strlen(ev->args_text));
	sc_strbuf_puts(b, ",\"action\":");
	sc_strbuf_json_string(b, action, strlen(action));
	sc_strbuf_printf(b, ",\"ret\":%" PRIu32 ",\"mode\":\"%s\",\"taken\":\"%s\",\"why\":\"%s\"",
			 ev->ret, r->mode == SB_COMPLAIN ? "complain" : "enforce",
			 sb_taken_name(ev->taken), bpf_why_name(ev->verdict.why));
	if (ev->verdict.why == BPF_WHY_RULE)
		src = &ev->verdict.rule->src;
	else if (ev->verdict.why == BPF_WHY_DEFAULT)
		src = &r->res->default_src;
	if (src) {
		sc_strbuf_puts(b, ",\"rule\":{\"path\":");
		if (src->path)
			sc_strbuf_json_string(b, src->path, strlen(src->path));
		else
			sc_strbuf_puts(b, ev->verdict.why == BPF_WHY_DEFAULT ? "\"defaultAction\""
									     : "null");
		sc_strbuf_puts(b, ",\"file\":");
		sc_strbuf_json_string(b, r->res->file, strlen(r->res->file));
		if (src->pos.line)
			sc_strbuf_printf(b, ",\"line\":%u,\"col\":%u", src->pos.line, src->pos.col);
		sc_strbuf_putc(b, '}');
	}
	if (ev->model_differs)
		sc_strbuf_puts(b, ",\"model_differs\":true");
	sc_strbuf_putc(b, '}');
}

static bool same_group(const struct group *gr, const struct sb_event *ev)
{
	return gr->abi == ev->abi && gr->nr == ev->data.nr && gr->ret == ev->ret &&
	       strcmp(gr->exe, ev->exe) == 0;
}

static void remember_call(struct report *r, const struct sb_event *ev)
{
	for (size_t i = 0; i < r->n_calls; i++)
		if (r->calls[i].arch == ev->data.arch && r->calls[i].nr == ev->data.nr &&
		    memcmp(r->calls[i].args, ev->data.args, sizeof(ev->data.args)) == 0)
			return;
	if (r->n_calls == r->cap_calls) {
		size_t cap = r->cap_calls ? 2 * r->cap_calls : 32;
		struct seccomp_data *v = realloc(r->calls, cap * sizeof(*v));

		if (!v) {
			r->err = -ENOMEM;
			return;
		}
		r->calls = v;
		r->cap_calls = cap;
	}
	r->calls[r->n_calls++] = ev->data;
}

static void live_line(const struct report *r, const struct sb_event *ev, const char *rule)
{
	const struct cli *g = r->g;
	char action[48];

	if (g->quiet)
		return;
	bpf_ret_text(ev->ret, action, sizeof(action));
	fprintf(stderr, "%s %s: %s%s%s %s%s%s -> %s  [pid %d %s] %s\n", g->prog, CMD, cli_red(g),
		r->mode == SB_COMPLAIN ? "would deny" : "denied", cli_reset(g), cli_bold(g),
		ev->args_text, cli_reset(g), action, (int)ev->pid, ev->comm, rule);
}

static void on_event(void *ctx, const struct sb_event *ev)
{
	struct report *r = ctx;
	struct sc_strbuf rule = {0};
	struct group *gr = NULL;

	r->events++;
	r->model_differs |= ev->model_differs;
	rule_text(r->res, ev, &rule);
	if (r->jsonl) {
		struct sc_strbuf b = {0};

		event_json(r, ev, &b);
		if (!sc_strbuf_failed(&b)) {
			fputs(b.data, r->jsonl);
			fputc('\n', r->jsonl);
			fflush(r->jsonl);
		}
		sc_strbuf_free(&b);
	}
	remember_call(r, ev);
	for (size_t i = 0; i < r->n && !gr; i++)
		if (same_group(&r->v[i], ev))
			gr = &r->v[i];
	if (gr) {
		gr->count++;
		gr->last = ev->when;
		sc_strbuf_free(&rule);
		return;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		struct group *v = realloc(r->v, cap * sizeof(*v));

		if (!v) {
			r->err = -ENOMEM;
			sc_strbuf_free(&rule);
			return;
		}
		r->v = v;
		r->cap = cap;
	}
	gr = &r->v[r->n++];
	memset(gr, 0, sizeof(*gr));
	gr->exe = strdup(ev->exe);
	gr->comm = strdup(ev->comm);
	gr->args_text = strdup(ev->args_text);
	gr->rule_text = rule.data ? strdup(rule.data) : strdup("");
	if (!gr->exe || !gr->comm || !gr->args_text || !gr->rule_text)
		r->err = -ENOMEM;
	gr->abi = ev->abi;
	gr->name = ev->name;
	gr->nr = ev->data.nr;
	gr->ret = ev->ret;
	gr->taken = ev->taken;
	gr->pid = ev->pid;
	gr->count = 1;
	gr->first = gr->last = ev->when;
	live_line(r, ev, rule.data ? rule.data : "");
	sc_strbuf_free(&rule);
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int c = strcmp(x->exe, y->exe);

	if (c)
		return c;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static void print_summary_text(const struct report *r, const char *what)
{
	const struct cli *g = r->g;
	int w_sys = 7, w_abi = 3, w_act = 6, w_exe = 3;

	if (g->quiet && !r->n)
		return;
	fprintf(stderr, "%s %s: %lu call%s %s by %s", g->prog, CMD, r->events,
		r->events == 1 ? "" : "s", r->mode == SB_COMPLAIN ? "would be denied" : "denied",
		what);
	if (!r->n) {
		fprintf(stderr, "\n");
		return;
	}
	fprintf(stderr, " (%zu distinct)\n", r->n);
	for (size_t i = 0; i < r->n; i++) {
		char action[48];
		const struct group *gr = &r->v[i];
		int l;

		bpf_ret_text(gr->ret, action, sizeof(action));
		l = (int)strlen(gr->name ? gr->name : "?");
		w_sys = l > w_sys ? l : w_sys;
		l = (int)strlen(gr->abi ? gr->abi->name : "?");
		w_abi = l > w_abi ? l : w_abi;
		l = (int)strlen(action);
		w_act = l > w_act ? l : w_act;
		l = (int)strlen(gr->exe);
		w_exe = l > w_exe ? l : w_exe;
	}
	fprintf(stderr, "  %s%-5s  %-*s  %-*s  %-*s  %-9s  %-*s  %s%s\n", cli_bold(g), "COUNT",
		w_sys, "SYSCALL", w_abi, "ABI", w_act, "ACTION", "TAKEN", w_exe, "EXE", "RULE",
		cli_reset(g));
	for (size_t i = 0; i < r->n; i++) {
		char action[48];
		const struct group *gr = &r->v[i];

		bpf_ret_text(gr->ret, action, sizeof(action));
		fprintf(stderr, "  %-5lu  %-*s  %-*s  %-*s  %-9s  %-*s  %s\n", gr->count, w_sys,
			gr->name ? gr->name : "?", w_abi, gr->abi ? gr->abi->name : "?", w_act,
			action, sb_taken_name(gr->taken), w_exe, gr->exe, gr->rule_text);
	}
}

static void print_summary_json(const struct report *r, const struct sb_result *res, int code)
{
	struct sc_strbuf b = {0};

	sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"run\",\"mode\":\"%s\",\"profile\":",
			 CLI_JSON_SCHEMA, r->mode == SB_COMPLAIN ? "complain" : "enforce");
	sc_strbuf_json_string(&b, r->res->file, strlen(r->res->file));
	sc_strbuf_printf(&b, ",\"exit\":%d,\"events\":%lu,\"denied\":[", code, r->events);
	for (size_t i = 0; i < r->n; i++) {
		char action[48];
		const struct group *gr = &r->v[i];

		bpf_ret_text(gr->ret, action, sizeof(action));
		sc_strbuf_printf(&b, "%s{\"syscall\":", i ? "," : "");
		if (gr->name)
			sc_strbuf_json_string(&b, gr->name, strlen(gr->name));
		else
			sc_strbuf_puts(&b, "null");
		sc_strbuf_printf(&b,
				 ",\"nr\":%d,\"arch\":\"%s\",\"count\":%lu,\"action\":\"%s\","
				 "\"taken\":\"%s\",\"exe\":",
				 gr->nr, gr->abi ? gr->abi->name : "unknown", gr->count, action,
				 sb_taken_name(gr->taken));
		sc_strbuf_json_string(&b, gr->exe, strlen(gr->exe));
		sc_strbuf_puts(&b, ",\"comm\":");
		sc_strbuf_json_string(&b, gr->comm, strlen(gr->comm));
		sc_strbuf_puts(&b, ",\"first_call\":");
		sc_strbuf_json_string(&b, gr->args_text, strlen(gr->args_text));
		sc_strbuf_puts(&b, ",\"rule\":");
		sc_strbuf_json_string(&b, gr->rule_text, strlen(gr->rule_text));
		sc_strbuf_puts(&b, ",\"first\":");
		put_time(&b, &gr->first);
		sc_strbuf_puts(&b, ",\"last\":");
		put_time(&b, &gr->last);
		sc_strbuf_putc(&b, '}');
	}
	sc_strbuf_printf(&b, "],\"notifications\":%lu}", res->notifications);
	if (!sc_strbuf_failed(&b))
		fprintf(stderr, "%s\n", b.data);
	sc_strbuf_free(&b);
}

static void report_free(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].exe);
		free(r->v[i].comm);
		free(r->v[i].args_text);
		free(r->v[i].rule_text);
	}
	free(r->v);
	free(r->calls);
	if (r->jsonl)
		fclose(r->jsonl);
}

/* The actions the program returns must exist in this kernel: an action it
 * lacks would be taken as KILL_PROCESS, not as what the profile says. */
static int check_actions(const struct bpf_prog *p, struct sc_error *err)
{
	for (size_t i = 0; i < p->len; i++) {
		uint32_t act;

		if (p->insns[i].code != (BPF_RET | BPF_K))
			continue;
		act = bpf_ret_action(p->insns[i].k);
		if (act == SECCOMP_RET_USER_NOTIF)
			return sc_error_set(
			    err, -EINVAL,
			    "the profile uses SCMP_ACT_NOTIFY: it needs the agent at "
			    "its listenerPath, which `run` cannot stand in for");
		if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act) < 0)
			return sc_error_set(err, -EOPNOTSUPP,
					    "this kernel lacks the action %s the profile uses "
					    "(SECCOMP_GET_ACTION_AVAIL: %s); it would be taken as "
					    "KILL_PROCESS",
					    bpf_ret_action_name(p->insns[i].k), strerror(errno));
	}
	return 0;
}

static int write_suggestion(const struct cli *g, const char *builtin, const char *path,
			    const struct report *r, const char *out, struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *raw = NULL;
	_cleanup_free_ char *text = NULL;
	struct edit_allow_result ar = {0};
	int rc = cli_read_profile(builtin, path, &raw, err);

	if (rc == 0)
		rc = edit_allow_calls(raw, r->calls, r->n_calls,
				      "added by seccompctl run: denied while the command ran",
				      &text, &ar, err);
	if (rc == 0)
		rc = cli_write_atomic(out, text, strlen(text), err);
	if (rc == 0 && !g->quiet) {
		fprintf(stderr, "%s %s: %s: %zu call%s added", g->prog, CMD, out, ar.n_added,
			ar.n_added == 1 ? "" : "s");
		for (size_t i = 0; i < ar.n_added; i++)
			fprintf(stderr, " %s", ar.added[i]);
		if (ar.n_unnamed)
			fprintf(stderr, "; %zu call%s without a name left out", ar.n_unnamed,
				ar.n_unnamed == 1 ? "" : "s");
		fprintf(stderr, "\n");
	}
	edit_allow_result_free(&ar);
	return rc;
}

int cmd_run(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"profile", required_argument, NULL, 'p'},
		{"builtin", required_argument, NULL, 'b'},
		{"mode", required_argument, NULL, 'm'},
		{"report", optional_argument, NULL, 'r'},
		{"suggest", required_argument, NULL, 's'},
		{"keep-privs", no_argument, NULL, 'K'},
		{"no-new-privs", no_argument, NULL, 'N'},
		{"enosys", required_argument, NULL, 'e'},
		{"backend", required_argument, NULL, 'B'},
		{0},
	};
	/* clang-format on */
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_(profile_freep) struct profile *res = NULL;
	_cleanup_free_ char *exe = NULL;
	const char *builtin = NULL, *path = NULL, *report_path = NULL, *suggest = NULL;
	const char *backend = "native";
	bool report = false, keep_privs = false;
	enum sb_mode mode = SB_ENFORCE;
	struct bpf_compile_opts opts;
	struct bpf_prog prog = {0};
	struct profile_ctx ctx;
	struct sc_error err = {0};
	struct report rep = {.g = g};
	struct sb_config cfg;
	struct sb_result result;
	int opt, rc, code;

	bpf_compile_opts_default(&opts);
	optind = 1;
	while ((opt = cli_getopt(g, CMD, argc, argv, "+p:", longopts)) != -1) {
		switch (opt) {
		case CLI_GETOPT_ERR: return EXIT_USAGE;
		case 'p': path = optarg; break;
		case 'b': builtin = optarg; break;
		case 's': suggest = optarg; break;
		case 'K': keep_privs = true; break;
		case 'N': keep_privs = false; break;
		case 'r':
			report = true;
			report_path = optarg;
			/* `--report FILE`: the next word, unless it is the "--" before CMD */
			if (!optarg && optind < argc && strcmp(argv[optind], "--") != 0 &&
			    argv[optind][0] != '-')
				report_path = argv[optind++];
			break;
		case 'm':
			if (strcmp(optarg, "enforce") == 0)
				mode = SB_ENFORCE;
			else if (strcmp(optarg, "complain") == 0)
				mode = SB_COMPLAIN;
			else
				return cli_usage_error(g, CMD, "--mode %s: use enforce or complain",
						       optarg);
			break;
		case 'B':
			if (strcmp(optarg, "native") != 0 && strcmp(optarg, "libseccomp") != 0)
				return cli_usage_error(
				    g, CMD, "--backend %s: use native or libseccomp", optarg);
			backend = optarg;
			break;
		case 'e':
			if (bpf_enosys_parse(optarg, &opts, &err) < 0)
				return cli_usage_error(g, CMD, "%s", err.msg);
			break;
		}
	}
	if (cli_check_format(g, CMD, 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	if (!builtin == !path)
		return cli_usage_error(g, CMD, "give one profile: -p FILE or --builtin NAME");
	if (optind >= argc)
		return cli_usage_error(g, CMD, "give the command to run after --");
	if (suggest && mode != SB_COMPLAIN && !report)
		return cli_usage_error(g, CMD,
				       "--suggest needs the denied calls: use --mode complain "
				       "(or --report)");
	if (mode == SB_ENFORCE && report)
		mode = SB_REPORT;
	rep.mode = mode;

	/* Everything that can fail happens before the command exists. */
	profile_ctx_default(&ctx);
	rc = cli_read_profile(builtin, path, &p, &err);
	if (rc == 0)
		rc = profile_resolve(p, &ctx, &res, &err);
	if (rc == 0)
		rc = strcmp(backend, "native") == 0
			 ? bpf_compile_native(res, &opts, &prog, &err)
			 : bpf_compile_libseccomp(res, &opts, &prog, &err);
	if (rc == 0)
		rc = check_actions(&prog, &err);
	if (rc < 0) {
		bpf_prog_free(&prog);
		cli_report_error(g, CMD, &err, 125);
		fprintf(stderr, "%s %s: %s was not run\n", g->prog, CMD, argv[optind]);
		return 125;
	}
	rc = sb_find_program(argv[optind], &exe, &err);
	if (rc < 0) {
		bpf_prog_free(&prog);
		return cli_report_error(g, CMD, &err, rc == -ENOENT ? 127 : 126);
	}
	if (report_path) {
		rep.jsonl = fopen(report_path, "we");
		if (!rep.jsonl) {
			fprintf(stderr, "%s %s: %s: %s: the command was not started\n", g->prog,
				CMD, report_path, strerror(errno));
			bpf_prog_free(&prog);
			return 125;
		}
	}
	rep.res = res;
	memset(&cfg, 0, sizeof(cfg));
	cfg.resolved = res;
	cfg.opts = &opts;
	cfg.prog = &prog;
	cfg.profile_flags = res->flags;
	cfg.keep_privs = keep_privs;
	cfg.mode = mode;
	cfg.path = exe;
	cfg.argv = argv + optind;
	cfg.on_event = on_event;
	cfg.ctx = &rep;
	rc = sb_run(&cfg, &result, &err);
	bpf_prog_free(&prog);
	if (rc < 0) {
		cli_report_error(g, CMD, &err, 125);
		fprintf(stderr, "%s %s: %s was not run\n", g->prog, CMD, argv[optind]);
		report_free(&rep);
		return 125;
	}
	code = sb_exit_code(&result);
	if (result.end == SB_END_EXEC_FAILED)
		fprintf(stderr, "%s %s: cannot execute %s under the profile: %s\n", g->prog, CMD,
			exe, strerror(result.exec_errno));
	/* DESIGN.md section 2: denials seen under --report are a finding. */
	if (code == 0 && rep.events && mode != SB_ENFORCE)
		code = EXIT_FOUND;
	if (rep.n)
		qsort(rep.v, rep.n, sizeof(*rep.v), cmp_group);
	if (mode != SB_ENFORCE) {
		if (g->output == FMT_JSON)
			print_summary_json(&rep, &result, code);
		else
			print_summary_text(&rep, res->file);
		if (rep.model_differs)
			fprintf(stderr,
				"%s %s: the profile model and the program disagreed on a call "
				"(model_differs in the report): a bug of seccompctl, please report "
				"it\n",
				g->prog, CMD);
		if (rep.err)
			fprintf(stderr, "%s %s: out of memory: the summary is incomplete\n",
				g->prog, CMD);
	}
	if (suggest && (rc = write_suggestion(g, builtin, path, &rep, suggest, &err)) < 0) {
		cli_report_error(g, CMD, &err, 125);
		if (code == 0)
			code = EXIT_FOUND;
	}
	report_free(&rep);
	return code;
}
