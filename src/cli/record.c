/* seccompctl record [-o OUT] [--method ptrace|notify] [--base PROFILE]
 *                   [--for runc|crun|none] [--args] [--args-ioctl] [--arch A]...
 *                   (-- CMD [ARG...] | --pid PID)
 *
 * Runs CMD (or attaches to PID) under a recorder (src/record) and writes the
 * allowlist profile of what it called. */
#include "record/record.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf/bpf.h"
#include "cli/cli.h"
#include "edit/allow.h"
#include "profile/profile.h"
#include "profile/runtime_needs.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD	  "record"
#define MAX_ARCHS 8

static volatile sig_atomic_t n_signals, last_signal, last_from_tty;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	n_signals++;
	last_signal = sig;
	last_from_tty = si->si_code == SI_KERNEL;
}

static void catch_signals(struct sigaction *old)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: the wait returns EINTR */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
}

static void restore_signals(const struct sigaction *old)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};

	for (size_t i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(const struct rec_set *set, const struct rec_session *s, bool done)
{
	fprintf(stderr, "\r\033[Krecording: %zu distinct syscalls, %lu events, %lu processes%s",
		rec_set_distinct(set), rec_set_events(set), s->processes, done ? "\n" : "");
}

/* The runtime's own start-up calls, for the native arch. */
static int runtime_extra(const char *runtime, const char *const **names, size_t *n)
{
	const struct runtime_needs *rn;
	int id;

	*names = NULL;
	*n = 0;
	if (!runtime || strcmp(runtime, "none") == 0)
		return 0;
	id = runtime_parse(runtime);
	rn = id < 0 ? NULL : runtime_needs_get((enum runtime_id)id);
	if (!rn)
		return -EINVAL;
	*names = rn->syscalls;
	*n = rn->n;
	return 0;
}

static void describe(struct sc_strbuf *b, const char *method, char **argv, pid_t pid,
		     const struct rec_set *set, const struct rec_session *s, const char *runtime,
		     bool incomplete)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sc_strbuf_printf(b, "recorded by seccompctl record (%s) at %s from ", method, when);
	if (pid) {
		sc_strbuf_printf(b, "pid %d", (int)pid);
	} else {
		for (size_t i = 0; i < 8 && argv[i]; i++)
			sc_strbuf_printf(b, "%s%s", i ? " " : "", argv[i]);
	}
	sc_strbuf_printf(b, ": %lu events, %lu processes, %zu distinct calls", rec_set_events(set),
			 s->processes, rec_set_distinct(set));
	if (runtime && strcmp(runtime, "none") != 0)
		sc_strbuf_printf(b, "; plus what %s calls after loading the filter", runtime);
	if (incomplete)
		sc_strbuf_puts(b, "; INCOMPLETE: the recording was interrupted");
}

/* base + what was new (and the runtime's calls) via edit_allow_calls. */
static int extend_base(const char *base_builtin, const char *base_path, const struct rec_set *set,
		       const char *const *extra, size_t n_extra, const char *comment, char **out,
		       size_t *n_added, struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *raw = NULL;
	struct seccomp_data *calls = NULL;
	struct edit_allow_result ar = {0};
	const struct arch_info *native = arch_native();
	size_t n = 0;
	int rc = rec_set_calls(set, &calls, &n);

	if (rc < 0)
		return sc_error_set(err, rc, "out of memory");
	struct seccomp_data *v = realloc(calls, (n + n_extra + 1) * sizeof(*v));
	if (!v) {
		free(calls);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	calls = v;
	for (size_t i = 0; i < n_extra; i++) {
		int nr;

		if (arch_syscall_resolve(native, extra[i], &nr) != ARCH_SYS_OK)
			continue;
		memset(&calls[n], 0, sizeof(calls[n]));
		calls[n].arch = native->token;
		calls[n].nr = nr;
		n++;
	}
	rc = cli_read_profile(base_builtin, base_path, &raw, err);
	if (rc == 0)
		rc = edit_allow_calls(raw, calls, n, comment, out, &ar, err);
	if (rc == 0) {
		*n_added = ar.n_added;
		edit_allow_result_free(&ar);
	}
	free(calls);
	return rc;
}

/* The recorded allowlist, read back (so it is valid) in canonical form. */
static int canonical(const struct rec_set *set, const struct rec_profile_opts *po, char **out,
		     struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_free_ char *raw = NULL;
	int rc = rec_set_profile(set, po, &raw, err);

	if (rc == 0)
		rc = profile_read_buffer(raw, strlen(raw), "recorded profile", &p, NULL, err);
	if (rc == 0)
		rc = profile_write_canonical(p, out, err);
	return rc;
}

static int compile_base(const char *builtin, const char *path, struct bpf_prog *prog,
			struct sc_error *err)
{
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_(profile_freep) struct profile *res = NULL;
	struct bpf_compile_opts opts;
	struct profile_ctx ctx;
	int rc;

	bpf_compile_opts_default(&opts);
	profile_ctx_default(&ctx);
	rc = cli_read_profile(builtin, path, &p, err);
	if (rc == 0)
		rc = profile_resolve(p, &ctx, &res, err);
	if (rc == 0)
		rc = bpf_compile_native(res, &opts, prog, err);
	return rc;
}

int cmd_record(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"method", required_argument, NULL, 'm'},
		{"base", required_argument, NULL, 'b'},
		{"base-builtin", required_argument, NULL, 'B'},
		{"for", required_argument, NULL, 'f'},
		{"args", no_argument, NULL, 'a'},
		{"args-ioctl", no_argument, NULL, 'I'},
		{"arch", required_argument, NULL, 'A'},
		{"pid", required_argument, NULL, 'p'},
		{0},
	};
	/* clang-format on */
	const char *out_path = NULL, *method = "ptrace", *base = NULL, *base_builtin = NULL;
	const char *runtime = "runc";
	_cleanup_free_ char *exe = NULL;
	_cleanup_free_ char *text = NULL;
	const struct arch_info *archs[MAX_ARCHS];
	size_t n_archs = 0;
	unsigned args = 0;
	pid_t pid = 0;
	struct bpf_prog base_prog = {0};
	struct rec_session s;
	struct rec_set *set = NULL;
	struct sc_error err = {0};
	struct sigaction old[3];
	sigset_t mask;
	bool tty = isatty(STDERR_FILENO) && !g->quiet, incomplete = false;
	double last = 0;
	sig_atomic_t handled = 0;
	int opt, rc, code;

	optind = 1;
	while ((opt = cli_getopt(g, CMD, argc, argv, "+o:", longopts)) != -1) {
		switch (opt) {
		case CLI_GETOPT_ERR: return EXIT_USAGE;
		case 'o': out_path = optarg; break;
		case 'm': method = optarg; break;
		case 'b': base = optarg; break;
		case 'B': base_builtin = optarg; break;
		case 'f': runtime = optarg; break;
		case 'a':
			args |= REC_ARGS_CLONE | REC_ARGS_SOCKET | REC_ARGS_PERSONALITY |
				REC_ARGS_PRCTL;
			break;
		case 'I':
			args |= REC_ARGS_CLONE | REC_ARGS_SOCKET | REC_ARGS_PERSONALITY |
				REC_ARGS_PRCTL | REC_ARGS_IOCTL;
			break;
		case 'A':
			if (n_archs == MAX_ARCHS)
				return cli_usage_error(g, CMD, "too many --arch options");
			archs[n_archs] = arch_lookup(optarg);
			if (!archs[n_archs] || !archs[n_archs]->supported)
				return cli_usage_error(g, CMD,
						       "--arch %s: not an architecture this "
						       "machine's libseccomp knows",
						       optarg);
			n_archs++;
			break;
		case 'p': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v <= 0 || v > 0x3fffffff)
				return cli_usage_error(g, CMD, "--pid %s: not a process id",
						       optarg);
			pid = (pid_t)v;
			break;
		}
		}
	}
	if (cli_check_format(g, CMD, 1u << FMT_TEXT))
		return EXIT_USAGE;
	if (!rec_backend_by_name(method))
		return cli_usage_error(g, CMD, "--method %s: use ptrace or notify", method);
	if (strcmp(runtime, "none") != 0 && runtime_parse(runtime) < 0)
		return cli_usage_error(g, CMD, "--for %s: use runc, crun or none", runtime);
	if (base && base_builtin)
		return cli_usage_error(g, CMD, "give one base: --base FILE or --base-builtin NAME");
	if (!pid == !(optind < argc))
		return cli_usage_error(g, CMD,
				       "give a command after -- or --pid PID (one of them)");
	if (!pid && !out_path)
		return cli_usage_error(
		    g, CMD, "give -o OUT for the profile: stdout belongs to the command");
	if (pid && strcmp(method, "ptrace") != 0)
		return cli_usage_error(g, CMD,
				       "--pid needs --method ptrace: a filter cannot be "
				       "added to a running process from outside");
	if (pid && (base || base_builtin))
		return cli_usage_error(g, CMD,
				       "--pid records with syscall stops: --base needs a "
				       "command to load the base's filter into");
	if (n_archs && (base || base_builtin))
		return cli_usage_error(g, CMD,
				       "--arch adds architectures to a new profile; with --base "
				       "the base's list is kept (plus what was seen)");

	if ((base || base_builtin) && compile_base(base_builtin, base, &base_prog, &err) < 0)
		return cli_report_error(g, CMD, &err, 125);
	if (!pid && (rc = sb_find_program(argv[optind], &exe, &err)) < 0) {
		bpf_prog_free(&base_prog);
		return cli_report_error(g, CMD, &err, rc == -ENOENT ? 127 : 126);
	}
	set = rec_set_new(args);
	if (!set) {
		bpf_prog_free(&base_prog);
		fprintf(stderr, "%s %s: out of memory\n", g->prog, CMD);
		return 125;
	}
	memset(&s, 0, sizeof(s));
	s.be = rec_backend_by_name(method);
	s.cfg.base = base_prog.len ? &base_prog : NULL;
	s.cfg.path = exe;
	s.cfg.argv = pid ? NULL : argv + optind;
	s.cfg.attach_pid = pid;
	sigprocmask(SIG_SETMASK, NULL, &mask);
	s.sigmask = &mask;
	n_signals = 0;
	catch_signals(old);
	rc = s.be->start(&s, &err);
	if (rc < 0) {
		restore_signals(old);
		rec_set_free(set);
		bpf_prog_free(&base_prog);
		cli_report_error(g, CMD, &err, 125);
		if (!pid)
			fprintf(stderr, "%s %s: %s was not run\n", g->prog, CMD, argv[optind]);
		return 125;
	}
	for (;;) {
		struct rec_event ev;

		rc = s.be->next(&s, &ev, &err);
		if (rc == 1) {
			if (rec_set_add(set, &ev) < 0) {
				sc_error_set(&err, -ENOMEM, "out of memory");
				rc = -ENOMEM;
				break;
			}
			if (tty && (rec_set_events(set) & 255) == 0 && now() - last > 0.1) {
				last = now();
				progress(set, &s, false);
			}
			continue;
		}
		if (rc != -EINTR)
			break;
		if (n_signals == handled)
			continue; /* the backend's own tick or SIGCHLD */
		handled = n_signals;
		/* a signal: the first one goes on to the command (unless the
		 * terminal sent it to the command too); the second one, or any
		 * with --pid, ends the recording */
		if (pid || n_signals > 1) {
			incomplete = true;
			break;
		}
		if (!last_from_tty && s.main > 0)
			kill(s.main, last_signal);
	}
	if (rc < 0 && rc != -EINTR)
		incomplete = true;
	s.be->stop(&s, incomplete);
	restore_signals(old);
	if (tty)
		progress(set, &s, true);
	if (rc < 0 && rc != -EINTR)
		cli_report_error(g, CMD, &err, 125);

	/* the profile, written even when the command failed or was interrupted */
	{
		struct sc_strbuf comment = {0};
		const char *const *extra;
		size_t n_extra, n_added = 0;
		struct rec_profile_opts po = {0};
		struct sc_error werr = {0};
		int wrc;

		runtime_extra(runtime, &extra, &n_extra);
		describe(&comment, method, pid ? NULL : argv + optind, pid, set, &s, runtime,
			 incomplete);
		po.extra = extra;
		po.n_extra = n_extra;
		po.comment = comment.data;
		po.native = arch_native();
		po.extra_arches = archs;
		po.n_extra_arches = n_archs;
		if (base || base_builtin)
			wrc = extend_base(base_builtin, base, set, extra, n_extra, comment.data,
					  &text, &n_added, &werr);
		else
			wrc = canonical(set, &po, &text, &werr);
		if (wrc == 0 && out_path)
			wrc = cli_write_atomic(out_path, text, strlen(text), &werr);
		else if (wrc == 0)
			fputs(text, stdout);
		if (wrc < 0) {
			cli_report_error(g, CMD, &werr, 125);
			rc = wrc;
		} else if (!g->quiet) {
			fprintf(stderr,
				"%s %s: %zu distinct calls, %lu events, %lu processes%s%s%s\n",
				g->prog, CMD, rec_set_distinct(set), rec_set_events(set),
				s.processes, out_path ? " -> " : "", out_path ? out_path : "",
				incomplete ? " (incomplete: interrupted)" : "");
			if (base || base_builtin)
				fprintf(stderr, "%s %s: %zu call%s added to the base\n", g->prog,
					CMD, n_added, n_added == 1 ? "" : "s");
		}
		sc_strbuf_free(&comment);
	}
	rec_set_free(set);
	bpf_prog_free(&base_prog);
	if (pid)
		return rc < 0 && rc != -EINTR ? 125 : EXIT_OK;
	if (s.result.end == SB_END_EXEC_FAILED)
		fprintf(stderr, "%s %s: cannot execute %s: %s\n", g->prog, CMD, exe,
			strerror(s.result.exec_errno));
	code = sb_exit_code(&s.result);
	if (incomplete && s.result.end == SB_END_EXITED && s.result.status == 0)
		code = 128 + SIGKILL;
	return rc < 0 && rc != -EINTR ? 125 : code;
}
