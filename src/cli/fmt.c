/* seccompctl fmt PROFILE [-w | -o FILE] [--check] : canonical form. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/profile.h"
#include "util/cleanup.h"

int cmd_fmt(const struct cli *g, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"write", no_argument, NULL, 'w'},
	    {"check", no_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_free_ char *out = NULL;
	_cleanup_free_ char *orig = NULL;
	struct sc_error err = {0};
	const char *outfile = NULL, *in;
	bool write_back = false, check = false;
	int opt;

	if (cli_check_format(g, "fmt", 1u << FMT_TEXT))
		return EXIT_USAGE;
	optind = 1;
	while ((opt = cli_getopt(g, "fmt", argc, argv, "wo:h", longopts)) != -1) {
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		switch (opt) {
		case 'w': write_back = true; break;
		case 'o': outfile = optarg; break;
		case 'c': check = true; break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", "fmt", NULL});
		default: return cli_usage_error(g, "fmt", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(g, "fmt", "give exactly one profile file (or - for stdin)");
	in = argv[optind];
	if (write_back && (outfile || check))
		return cli_usage_error(g, "fmt", "-w cannot be combined with -o or --check");
	if (write_back && strcmp(in, "-") == 0)
		return cli_usage_error(g, "fmt", "-w needs a file, not stdin");

	if (profile_read_file(in, &p, NULL, &err) < 0)
		return cli_report_error(g, "fmt", &err, EXIT_USAGE);
	if (write_back && p->from_config)
		return cli_usage_error(
		    g, "fmt",
		    "%s is an OCI config.json: -w would keep only linux.seccomp; "
		    "use -o FILE to write the profile elsewhere",
		    in);
	if (profile_write_canonical(p, &out, &err) < 0)
		return cli_report_error(g, "fmt", &err, EXIT_USAGE);

	if (check) {
		/* Compare with the bytes on disk: exit 1 when fmt would change them. */
		FILE *f = strcmp(in, "-") == 0 ? NULL : fopen(in, "re");
		size_t cap = strlen(out) + 2, n = 0;

		if (!f)
			return cli_usage_error(g, "fmt", "--check needs a file, not stdin");
		orig = malloc(cap);
		if (orig)
			n = fread(orig, 1, cap, f);
		fclose(f);
		if (orig && n == strlen(out) && memcmp(orig, out, n) == 0)
			return EXIT_OK;
		if (!g->quiet)
			fprintf(stderr, "%s: not in canonical form (run 'seccompctl fmt -w %s')\n",
				in, in);
		return EXIT_FOUND;
	}
	if (write_back || outfile) {
		const char *target = write_back ? in : outfile;

		if (cli_write_atomic(target, out, strlen(out), &err) < 0) {
			sc_error_set_file(&err, target);
			return cli_report_error(g, "fmt", &err, EXIT_USAGE);
		}
		return EXIT_OK;
	}
	fputs(out, stdout);
	return EXIT_OK;
}
