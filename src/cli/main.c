/* seccompctl: the whole life of a Linux seccomp profile.
 *
 * main() parses the global options (allowed before and after the command
 * name, DESIGN.md section 2), picks the command and hands it the remaining
 * arguments.  Commands never see the global options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/cleanup.h"

struct command {
	const char *name;
	cli_cmd_fn fn;
	const char *summary;
};

static const struct command commands[] = {
    {"check", cmd_check,
     "kernel seccomp support: modes, actions, flags, notify, audit, kubelet dir"},
    {"lint", cmd_lint, "validate and lint profiles (text, json, sarif)"},
    {"fmt", cmd_fmt, "rewrite a profile in canonical form"},
    {"profiles", cmd_profiles, "list and show the builtin profiles"},
    {"compile", cmd_compile, "compile a profile to a seccomp BPF program"},
    {"disasm", cmd_disasm, "disassemble a raw seccomp BPF program"},
    {"explain", cmd_explain, "what a profile does to one syscall, and which rule decides"},
    {"logs", cmd_logs, "SECCOMP audit records: what was blocked or logged, and the rules"},
    {"run", cmd_run, "run a command under a profile, as runc would; report what it denies"},
    {"diff", cmd_diff, "compare two profiles call by call, per architecture"},
    {"merge", cmd_merge, "the union of profiles, checked on every syscall number"},
    {"demo", cmd_demo, "the seccomp lab, end to end, on this machine"},
    {"help", cmd_help, "help for seccompctl or one command"},
    {"version", cmd_version, "print the version"},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cli_print_commands(FILE *f);
void cli_print_commands(FILE *f)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

static int parse_format(const char *s, enum cli_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = FMT_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = FMT_JSON;
	else if (strcmp(s, "sarif") == 0)
		*out = FMT_SARIF;
	else
		return -1;
	return 0;
}

/* Pulls global options out of argv in place (anywhere before a "--"),
 * leaving the command and its own arguments.  Returns 0, or EXIT_USAGE. */
static int take_globals(struct cli *g, int *argc, char **argv)
{
	int out = 1;
	bool no_color = false;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;

		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--output") == 0) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "%s: --output needs a value: text, json or sarif\n",
					g->prog);
				return EXIT_USAGE;
			}
			val = argv[++i];
		} else if (strncmp(a, "--output=", 9) == 0) {
			val = a + 9;
		} else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
			no_color = true;
			continue;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			g->quiet = true;
			continue;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		if (parse_format(val, &g->output) < 0) {
			fprintf(stderr, "%s: unknown output format '%s': use text, json or sarif\n",
				g->prog, val);
			return EXIT_USAGE;
		}
		g->output_set = true;
	}
	argv[out] = NULL;
	*argc = out;
	const char *nc = getenv("NO_COLOR");
	g->color = !no_color && !(nc && nc[0]) && isatty(STDOUT_FILENO);
	return 0;
}

int main(int argc, char **argv)
{
	struct cli g = {.output = FMT_TEXT, .prog = "seccompctl"};
	const struct command *cmd;
	int rc;

	rc = take_globals(&g, &argc, argv);
	if (rc)
		return rc;
	if (argc < 2) {
		fprintf(stderr,
			"usage: %s [--output text|json] [--no-color] [-q] COMMAND [ARGS]\n\n",
			g.prog);
		cli_print_commands(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(&g, argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(&g, argc - 1, argv + 1);
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "%s: unknown command '%s'\n\n", g.prog, argv[1]);
		cli_print_commands(stderr);
		return EXIT_USAGE;
	}
	/* Commands see argv[0] = their own name, as getopt expects. */
	rc = cmd->fn(&g, argc - 1, argv + 1);
	if (fflush(stdout) != 0 && rc == 0)
		rc = EXIT_USAGE;
	return rc;
}
