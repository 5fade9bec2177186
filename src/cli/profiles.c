/* seccompctl profiles [list | show NAME [--resolved] [--arch A]] */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

static int list(const struct cli *g)
{
	size_t width = 0;

	for (size_t i = 0; i < builtin_count(); i++)
		if (strlen(builtin_at(i)->name) > width)
			width = strlen(builtin_at(i)->name);
	if (g->output == FMT_JSON) {
		struct sc_strbuf b = {0};

		sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"profiles\",\"profiles\":[",
				 CLI_JSON_SCHEMA);
		for (size_t i = 0; i < builtin_count(); i++) {
			const struct builtin_info *bi = builtin_at(i);
			const struct builtin_blob *blob = builtin_data(bi);

			sc_strbuf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
			sc_strbuf_json_string(&b, bi->name, strlen(bi->name));
			sc_strbuf_puts(&b, ",\"summary\":");
			sc_strbuf_json_string(&b, bi->summary, strlen(bi->summary));
			sc_strbuf_puts(&b, ",\"source\":");
			sc_strbuf_json_string(&b, blob->source, strlen(blob->source));
			sc_strbuf_printf(&b, ",\"bytes\":%zu}", blob->len);
		}
		sc_strbuf_puts(&b, "],\"runtime_default_origin\":");
		sc_strbuf_json_string(&b, builtin_runtime_default_version,
				      strlen(builtin_runtime_default_version));
		sc_strbuf_putc(&b, '}');
		if (!sc_strbuf_failed(&b))
			cli_print_json(b.data);
		sc_strbuf_free(&b);
		return EXIT_OK;
	}
	printf("%s%-*s  %s%s\n", cli_bold(g), (int)width, "NAME", "SUMMARY", cli_reset(g));
	for (size_t i = 0; i < builtin_count(); i++)
		printf("%s%-*s%s  %s\n", cli_cyan(g), (int)width, builtin_at(i)->name, cli_reset(g),
		       builtin_at(i)->summary);
	if (!g->quiet)
		printf("\nruntime-default comes from %s.\n", builtin_runtime_default_version);
	return EXIT_OK;
}

static int show(const struct cli *g, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"resolved", no_argument, NULL, 'r'},
	    {"arch", required_argument, NULL, 'a'},
	    {0},
	};
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_(profile_freep) struct profile *res = NULL;
	_cleanup_free_ char *out = NULL;
	const struct builtin_info *bi;
	const struct builtin_blob *blob;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	bool resolved = false;
	int opt;

	profile_ctx_default(&ctx);
	optind = 1;
	while ((opt = cli_getopt(g, "profiles", argc, argv, "", longopts)) != -1) {
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		switch (opt) {
		case 'r': resolved = true; break;
		case 'a':
			ctx.native = arch_lookup(optarg);
			if (!ctx.native || !ctx.native->supported)
				return cli_usage_error(g, "profiles", "unknown architecture '%s'",
						       optarg);
			resolved = true;
			break;
		default: return cli_usage_error(g, "profiles", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(g, "profiles", "show wants one builtin name");
	bi = builtin_find(argv[optind]);
	if (!bi)
		return cli_usage_error(g, "profiles",
				       "no builtin profile '%s': see 'seccompctl profiles list'",
				       argv[optind]);
	blob = builtin_data(bi);
	if (!resolved) {
		fwrite(blob->data, 1, blob->len, stdout);
		return EXIT_OK;
	}
	if (profile_read_buffer(blob->data, blob->len, bi->name, &p, NULL, &err) < 0 ||
	    profile_resolve(p, &ctx, &res, &err) < 0 ||
	    profile_write_canonical(res, &out, &err) < 0)
		return cli_report_error(g, "profiles", &err, EXIT_USAGE);
	fputs(out, stdout);
	return EXIT_OK;
}

int cmd_profiles(const struct cli *g, int argc, char **argv)
{
	if (cli_check_format(g, "profiles", 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	if (argc < 2 || strcmp(argv[1], "list") == 0) {
		if (argc > 2)
			return cli_usage_error(g, "profiles", "list takes no arguments");
		return list(g);
	}
	if (strcmp(argv[1], "show") == 0)
		return show(g, argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(g, 2, (char *[]){"help", "profiles", NULL});
	return cli_usage_error(g, "profiles", "unknown subcommand '%s': use list or show NAME",
			       argv[1]);
}
