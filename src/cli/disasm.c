/* seccompctl disasm FILE|- [--arch A]: a raw seccomp program (what
 * seccomp(SECCOMP_SET_MODE_FILTER) takes, e.g. `compile -o`), checked as
 * the kernel would check it and listed.  --output json for the decoded
 * instructions.  A file that is not a program (size, length) is bad input
 * (exit 2); a program the kernel would refuse is listed with the reason
 * (exit 1). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"
#include "cli/cli.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

/* Read at most BPF_PROG_MAX instructions and one byte more, to tell "too
 * long" from "exactly the limit" without reading a huge file. */
static int read_program(const char *path, struct bpf_prog *p, struct sc_error *err)
{
	size_t cap = BPF_PROG_MAX * sizeof(struct sock_filter) + 1, n = 0;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	_cleanup_free_ unsigned char *buf = NULL;

	if (!f)
		return sc_error_set(err, -errno, "%s: %s", path, strerror(errno));
	buf = malloc(cap);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	while (n < cap) {
		size_t got = fread(buf + n, 1, cap - n, f);

		if (got == 0)
			break;
		n += got;
	}
	if (ferror(f)) {
		int e = errno;

		if (f != stdin)
			fclose(f);
		return sc_error_set(err, -e, "%s: read error: %s", path, strerror(e));
	}
	if (f != stdin)
		fclose(f);
	if (n == 0)
		return sc_error_set(err, -EINVAL,
				    "%s: empty: a seccomp program has at least one instruction",
				    path);
	if (n == cap)
		return sc_error_set(
		    err, -E2BIG, "%s: longer than %d instructions (%zu bytes), the kernel's limit",
		    path, BPF_PROG_MAX, cap - 1);
	if (n % sizeof(struct sock_filter))
		return sc_error_set(
		    err, -EINVAL,
		    "%s: %zu bytes is not a whole number of 8-byte instructions "
		    "(struct sock_filter): not a raw program (base64? decode it first)",
		    path, n);
	p->len = n / sizeof(struct sock_filter);
	p->insns = malloc(n);
	if (!p->insns)
		return sc_error_set(err, -ENOMEM, "out of memory");
	memcpy(p->insns, buf, n);
	return 0;
}

int cmd_disasm(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"arch", required_argument, NULL, 'a'},
		{0},
	};
	/* clang-format on */
	_cleanup_free_ char *listing = NULL;
	const struct arch_info *arch = NULL;
	struct bpf_prog prog = {0};
	struct sc_error err = {0}, verr = {0};
	int opt, rc, valid;

	optind = 1;
	while ((opt = cli_getopt(g, "disasm", argc, argv, "", longopts)) != -1) {
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		arch = arch_lookup(optarg);
		if (!arch)
			return cli_usage_error(g, "disasm",
					       "--arch %s: unknown architecture (x86_64, x86, x32, "
					       "aarch64, ...)",
					       optarg);
	}
	if (cli_check_format(g, "disasm", 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage_error(g, "disasm", "give one program file (or - for stdin)");
	rc = read_program(argv[optind], &prog, &err);
	if (rc < 0)
		return cli_report_error(g, "disasm", &err, EXIT_USAGE);
	valid = bpf_validate(prog.insns, prog.len, &verr);
	rc = g->output == FMT_JSON ? bpf_disasm_json(prog.insns, prog.len, arch, &listing, &err)
				   : bpf_disasm_text(prog.insns, prog.len, arch, &listing, &err);
	bpf_prog_free(&prog);
	if (rc < 0)
		return cli_report_error(g, "disasm", &err, EXIT_USAGE);
	if (g->output == FMT_JSON) {
		/* the listing's document, with the kernel's verdict added */
		struct sc_strbuf b = {0};
		size_t n = strlen(listing);

		if (n && listing[n - 1] == '\n')
			n--;
		if (n == 0 || listing[n - 1] != '}') {
			fprintf(stderr, "%s disasm: unexpected JSON listing\n", g->prog);
			return EXIT_USAGE;
		}
		sc_strbuf_append(&b, listing, n - 1);
		sc_strbuf_puts(&b, ",\"valid\":");
		sc_strbuf_puts(&b, valid == 0 ? "true" : "false");
		if (valid < 0) {
			sc_strbuf_puts(&b, ",\"error\":");
			sc_strbuf_json_string(&b, verr.msg, strlen(verr.msg));
		}
		sc_strbuf_putc(&b, '}');
		if (!sc_strbuf_failed(&b))
			cli_print_json(b.data);
		sc_strbuf_free(&b);
	} else {
		fputs(listing, stdout);
		if (valid < 0)
			fprintf(stderr, "%s disasm: %s: the kernel would refuse this program: %s\n",
				g->prog, argv[optind], verr.msg);
	}
	return valid < 0 ? EXIT_FOUND : EXIT_OK;
}
