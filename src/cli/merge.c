/* seccompctl merge PROFILE... [--builtin NAME]... [-o OUT] [--default-action ACT]
 *
 * Resolves every input for one target (this machine, or --arch/--caps/
 * --kernel), hands them to edit_merge() (which proves the union on every
 * syscall number before returning it) and writes the canonical result
 * atomically, or to stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "edit/edit.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD	   "merge"
#define MAX_INPUTS 64
#define MAX_CAPS   64

struct inputs {
	struct profile *raw[MAX_INPUTS], *res[MAX_INPUTS]; /* owned */
	size_t n;
};

static void inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->n; i++) {
		if (in->raw[i])
			profile_free(in->raw[i]);
		if (in->res[i])
			profile_free(in->res[i]);
	}
}

/* word: a file, or a builtin's name when builtin is true. */
static int add_input(struct inputs *in, const char *word, bool builtin,
		     const struct profile_ctx *ctx, struct sc_error *err)
{
	size_t i = in->n++;
	int rc = builtin ? cli_read_profile(word, word, &in->raw[i], err)
			 : profile_read_file(word, &in->raw[i], NULL, err);

	if (rc == 0)
		rc = profile_resolve(in->raw[i], ctx, &in->res[i], err);
	return rc;
}

static void print_json(const struct inputs *in, const char *out_path,
		       const struct edit_merge_opts *o)
{
	struct sc_strbuf b = {0};

	sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"merge\",\"output\":", CLI_JSON_SCHEMA);
	sc_strbuf_json_string(&b, out_path, strlen(out_path));
	sc_strbuf_puts(&b, ",\"inputs\":[");
	for (size_t i = 0; i < in->n; i++) {
		if (i)
			sc_strbuf_putc(&b, ',');
		sc_strbuf_json_string(&b, in->res[i]->file, strlen(in->res[i]->file));
	}
	sc_strbuf_printf(&b, "],\"default_action_chosen\":%s,\"checked\":true}",
			 o->set_default ? "true" : "false");
	if (!sc_strbuf_failed(&b))
		cli_print_json(b.data);
	sc_strbuf_free(&b);
}

static int merge(const struct cli *g, int argc, char **argv, struct inputs *in)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"builtin", required_argument, NULL, 'b'},
		{"arch", required_argument, NULL, 'a'},
		{"caps", required_argument, NULL, 'c'},
		{"kernel", required_argument, NULL, 'k'},
		{"default-action", required_argument, NULL, 'd'},
		{"enosys", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* clang-format on */
	_cleanup_free_ char *text = NULL;
	const char *builtins[MAX_INPUTS], *caps[MAX_CAPS], *out_path = NULL;
	struct edit_merge_opts o = {0};
	struct profile_ctx ctx;
	struct sc_error err = {0};
	size_t n_builtins = 0, n_caps = 0;
	bool caps_set = false;
	int opt, act;
	char tail;

	bpf_compile_opts_default(&o.bpf);
	profile_ctx_default(&ctx);
	optind = 1;
	while ((opt = cli_getopt(g, CMD, argc, argv, "o:h", longopts)) != -1) {
		switch (opt) {
		case CLI_GETOPT_ERR: return EXIT_USAGE;
		case 'o': out_path = optarg; break;
		case 'b':
			if (!builtin_find(optarg))
				return cli_usage_error(
				    g, CMD,
				    "no builtin profile '%s': see 'seccompctl profiles list'",
				    optarg);
			if (n_builtins == MAX_INPUTS)
				return cli_usage_error(g, CMD, "too many inputs (at most %d)",
						       MAX_INPUTS);
			builtins[n_builtins++] = optarg;
			break;
		case 'a':
			ctx.native = arch_lookup(optarg);
			if (!ctx.native || !ctx.native->supported)
				return cli_usage_error(
				    g, CMD,
				    "--arch %s: not an architecture this machine's libseccomp "
				    "knows (x86_64, aarch64, riscv64, s390x, ...)",
				    optarg);
			o.bpf.native = ctx.native;
			break;
		case 'c':
			caps_set = true;
			if (cli_parse_caps(optarg, caps, &n_caps, MAX_CAPS) < 0)
				return cli_usage_error(
				    g, CMD,
				    "--caps wants a comma list of CAP_* names or 'default'");
			break;
		case 'k':
			if (sscanf(optarg, "%u.%u%c", &ctx.kernel_major, &ctx.kernel_minor,
				   &tail) != 2)
				return cli_usage_error(g, CMD, "--kernel %s: give X.Y, e.g. 5.15",
						       optarg);
			break;
		case 'd':
			act = profile_action_parse(optarg);
			if (act < 0 || act == ACT_NOTIFY) {
				const char *hint = profile_action_suggest(optarg);

				return cli_usage_error(
				    g, CMD,
				    "--default-action %s: not a default action%s%s%s (e.g. "
				    "SCMP_ACT_ERRNO, SCMP_ACT_ALLOW, SCMP_ACT_KILL_PROCESS)",
				    optarg, hint ? "; did you mean " : "", hint ? hint : "",
				    hint ? "?" : "");
			}
			o.set_default = true;
			o.default_action = (enum profile_action)act;
			o.default_errno = 1; /* EPERM, as runc when defaultErrnoRet is absent */
			break;
		case 'e':
			if (bpf_enosys_parse(optarg, &o.bpf, &err) < 0)
				return cli_usage_error(g, CMD, "%s", err.msg);
			break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", CMD, NULL});
		}
	}
	if ((size_t)(argc - optind) + n_builtins > MAX_INPUTS)
		return cli_usage_error(g, CMD, "too many inputs (at most %d)", MAX_INPUTS);
	if ((size_t)(argc - optind) + n_builtins < 2)
		return cli_usage_error(g, CMD,
				       "give two or more profiles (files, or --builtin NAME)");
	if (caps_set) {
		ctx.caps = caps;
		ctx.n_caps = n_caps;
	}
	if (o.bpf.enosys == BPF_ENOSYS_KERNEL) {
		ctx.kernel_major = o.bpf.kernel_major;
		ctx.kernel_minor = o.bpf.kernel_minor;
	}
	for (int i = optind; i < argc; i++)
		if (add_input(in, argv[i], false, &ctx, &err) < 0)
			return cli_report_error(g, CMD, &err, EXIT_USAGE);
	for (size_t i = 0; i < n_builtins; i++)
		if (add_input(in, builtins[i], true, &ctx, &err) < 0)
			return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (edit_merge((const struct profile *const *)in->res, in->n, &o, &text, &err) < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (!out_path) {
		fputs(text, stdout);
		return EXIT_OK;
	}
	if (cli_write_atomic(out_path, text, strlen(text), &err) < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (g->output == FMT_JSON)
		print_json(in, out_path, &o);
	else if (!g->quiet)
		fprintf(stderr,
			"%s %s: wrote %s: the union of %zu profiles, checked on every syscall "
			"number of its architectures\n",
			g->prog, CMD, out_path, in->n);
	return EXIT_OK;
}

int cmd_merge(const struct cli *g, int argc, char **argv)
{
	struct inputs in = {0};
	int rc;

	if (cli_check_format(g, CMD, 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	rc = merge(g, argc, argv, &in);
	inputs_free(&in);
	return rc;
}
