/* seccompctl diff (A | --builtin-a NAME) (B | --builtin-b NAME) [--arch A]...
 *
 * Renders edit_diff(): per ABI, the calls whose verdict differs, the
 * allowed counts of both sides and one summary line.  "diff FILE --builtin
 * NAME" compares FILE with a builtin (the builtin is B), as the issue
 * writes it. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "edit/edit.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD	   "diff"
#define MAX_ARCHES 32
#define MAX_CAPS   64

static int parse_kernel(const char *s, unsigned *major, unsigned *minor)
{
	char tail;

	return sscanf(s, "%u.%u%c", major, minor, &tail) == 2 ? 0 : -1;
}

static const char *errno_of(uint32_t ret)
{
	return bpf_ret_action(ret) == SECCOMP_RET_ERRNO ? strerrorname_np(bpf_ret_data(ret)) : NULL;
}

static void side_json(struct sc_strbuf *b, const struct edit_side *s)
{
	const char *act = bpf_ret_action_name(s->ret), *e = errno_of(s->ret);

	sc_strbuf_puts(b, "{\"action\":");
	sc_strbuf_json_string(b, act, strlen(act));
	sc_strbuf_puts(b, ",\"errno\":");
	if (e)
		sc_strbuf_json_string(b, e, strlen(e));
	else
		sc_strbuf_puts(b, "null");
	sc_strbuf_printf(
	    b, ",\"ret\":%" PRIu32 ",\"allowed\":%s,\"conditional\":%s,\"rules\":", s->ret,
	    edit_ret_allows(s->ret) ? "true" : "false", s->conditional ? "true" : "false");
	if (s->rules)
		sc_strbuf_json_string(b, s->rules, strlen(s->rules));
	else
		sc_strbuf_puts(b, "null");
	sc_strbuf_putc(b, '}');
}

static void print_json(const struct profile *a, const struct profile *b, const char *enosys,
		       const struct edit_diff *d)
{
	struct sc_strbuf s = {0};

	sc_strbuf_printf(&s, "{\"schema\":%d,\"command\":\"diff\",\"a\":", CLI_JSON_SCHEMA);
	sc_strbuf_json_string(&s, a->file, strlen(a->file));
	sc_strbuf_puts(&s, ",\"b\":");
	sc_strbuf_json_string(&s, b->file, strlen(b->file));
	sc_strbuf_puts(&s, ",\"enosys\":");
	sc_strbuf_json_string(&s, enosys, strlen(enosys));
	sc_strbuf_printf(&s, ",\"differ\":%zu,\"arches\":[", d->n_differ);
	for (size_t i = 0; i < d->n_arches; i++) {
		const struct edit_diff_arch *x = &d->arches[i];

		sc_strbuf_printf(&s,
				 "%s{\"arch\":\"%s\",\"calls\":%zu,\"a_allowed\":%zu,"
				 "\"b_allowed\":%zu,\"a_conditional\":%zu,\"b_conditional\":%zu,"
				 "\"a_only_allowed\":%zu,\"b_only_allowed\":%zu,\"differ\":[",
				 i ? "," : "", x->arch->name, x->n_calls, x->a_allowed,
				 x->b_allowed, x->a_conditional, x->b_conditional,
				 x->a_only_allowed, x->b_only_allowed);
		for (size_t k = 0; k < x->n_differ; k++) {
			const struct edit_diff_call *c = &x->differ[k];

			sc_strbuf_puts(&s, k ? ",{\"syscall\":" : "{\"syscall\":");
			sc_strbuf_json_string(&s, c->name, strlen(c->name));
			sc_strbuf_printf(&s, ",\"nr\":%" PRIu32 ",\"a\":", c->nr);
			side_json(&s, &c->a);
			sc_strbuf_puts(&s, ",\"b\":");
			side_json(&s, &c->b);
			sc_strbuf_putc(&s, '}');
		}
		sc_strbuf_puts(&s, "]}");
	}
	sc_strbuf_puts(&s, "]}");
	if (!sc_strbuf_failed(&s))
		cli_print_json(s.data);
	sc_strbuf_free(&s);
}

static void verdict_text(const struct edit_side *s, char *buf, size_t n)
{
	char act[64];

	bpf_ret_text(s->ret, act, sizeof(act));
	snprintf(buf, n, "%s%s", act, s->conditional ? " conditional" : "");
}

static void summary(const struct cli *g, const struct edit_diff_arch *x)
{
	size_t other = x->n_differ - x->a_only_allowed - x->b_only_allowed;

	if (!x->n_differ) {
		printf("no difference on %s (%zu calls; both allow %zu)\n", x->arch->name,
		       x->n_calls, x->a_allowed);
		return;
	}
	printf("%s%zu call%s differ on %s%s (A allows %zu that B denies, B allows %zu that A "
	       "denies",
	       cli_bold(g), x->n_differ, x->n_differ == 1 ? "" : "s", x->arch->name, cli_reset(g),
	       x->a_only_allowed, x->b_only_allowed);
	if (other)
		printf(", %zu denied differently or under other conditions", other);
	printf(")\n");
}

static void print_text(const struct cli *g, const struct profile *a, const struct profile *b,
		       const struct edit_diff *d)
{
	if (!g->quiet)
		printf("A  %s\nB  %s\n", a->file, b->file);
	for (size_t i = 0; i < d->n_arches; i++) {
		const struct edit_diff_arch *x = &d->arches[i];
		int wn = 7, wa = 1, wnr = 2;

		if (g->quiet) {
			summary(g, x);
			continue;
		}
		printf("\n%s%s%s: %zu calls, A allows %zu, B allows %zu\n", cli_bold(g),
		       x->arch->name, cli_reset(g), x->n_calls, x->a_allowed, x->b_allowed);
		for (size_t k = 0; k < x->n_differ; k++) {
			char buf[96];

			verdict_text(&x->differ[k].a, buf, sizeof(buf));
			if ((int)strlen(x->differ[k].name) > wn)
				wn = (int)strlen(x->differ[k].name);
			if ((int)strlen(buf) > wa)
				wa = (int)strlen(buf);
			snprintf(buf, sizeof(buf), "%" PRIu32, x->differ[k].nr);
			if ((int)strlen(buf) > wnr)
				wnr = (int)strlen(buf);
		}
		if (x->n_differ)
			printf("  %-*s %*s  %-*s  %s\n", wn, "syscall", wnr, "nr", wa, "A", "B");
		for (size_t k = 0; k < x->n_differ; k++) {
			const struct edit_diff_call *c = &x->differ[k];
			char va[96], vb[96];

			verdict_text(&c->a, va, sizeof(va));
			verdict_text(&c->b, vb, sizeof(vb));
			printf("  %-*s %*" PRIu32 "  %s%-*s%s  %s%s%s\n", wn, c->name, wnr, c->nr,
			       edit_ret_allows(c->a.ret) ? cli_green(g) : cli_red(g), wa, va,
			       cli_reset(g), edit_ret_allows(c->b.ret) ? cli_green(g) : cli_red(g),
			       vb, cli_reset(g));
			/* conditional: the entries are what differs, or may */
			if (c->a.conditional || c->b.conditional) {
				printf("  %*s A: %s\n", wn, "",
				       c->a.rules ? c->a.rules : "(no conditions)");
				printf("  %*s B: %s\n", wn, "",
				       c->b.rules ? c->b.rules : "(no conditions)");
			}
		}
		summary(g, x);
	}
}

int cmd_diff(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"builtin", required_argument, NULL, 'b'},
		{"builtin-a", required_argument, NULL, 'A'},
		{"builtin-b", required_argument, NULL, 'B'},
		{"arch", required_argument, NULL, 'a'},
		{"caps", required_argument, NULL, 'c'},
		{"kernel", required_argument, NULL, 'k'},
		{"enosys", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* clang-format on */
	_cleanup_(profile_freep) struct profile *pa = NULL;
	_cleanup_(profile_freep) struct profile *pb = NULL;
	_cleanup_(profile_freep) struct profile *ra = NULL;
	_cleanup_(profile_freep) struct profile *rb = NULL;
	_cleanup_free_ const struct arch_info **def_arches = NULL;
	const struct arch_info *arches[MAX_ARCHES];
	const char *caps[MAX_CAPS];
	const char *ba = NULL, *bb = NULL, *b_any = NULL, *fa = NULL, *fb = NULL;
	const char *enosys = "runc";
	struct bpf_compile_opts opts;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	struct edit_diff d;
	size_t n_arches = 0, n_caps = 0;
	bool caps_set = false;
	int opt, rc;

	if (cli_check_format(g, CMD, 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	bpf_compile_opts_default(&opts);
	profile_ctx_default(&ctx);
	optind = 1;
	while ((opt = cli_getopt(g, CMD, argc, argv, "h", longopts)) != -1) {
		switch (opt) {
		case CLI_GETOPT_ERR: return EXIT_USAGE;
		case 'b': b_any = optarg; break;
		case 'A': ba = optarg; break;
		case 'B': bb = optarg; break;
		case 'a':
			if (n_arches == MAX_ARCHES)
				return cli_usage_error(g, CMD, "too many --arch options");
			arches[n_arches] = arch_lookup(optarg);
			if (!arches[n_arches] || !arches[n_arches]->supported)
				return cli_usage_error(
				    g, CMD,
				    "--arch %s: not an architecture this machine's libseccomp "
				    "knows (x86_64, x86, x32, aarch64, arm, riscv64, s390x, ...)",
				    optarg);
			n_arches++;
			break;
		case 'c':
			caps_set = true;
			if (cli_parse_caps(optarg, caps, &n_caps, MAX_CAPS) < 0)
				return cli_usage_error(
				    g, CMD,
				    "--caps wants a comma list of CAP_* names or 'default'");
			break;
		case 'k':
			if (parse_kernel(optarg, &ctx.kernel_major, &ctx.kernel_minor) < 0)
				return cli_usage_error(g, CMD, "--kernel %s: give X.Y, e.g. 5.15",
						       optarg);
			break;
		case 'e':
			if (bpf_enosys_parse(optarg, &opts, &err) < 0)
				return cli_usage_error(g, CMD, "%s", err.msg);
			enosys = optarg;
			break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", CMD, NULL});
		}
	}
	/* Operands fill the sides --builtin-a/-b left open, A first; a plain
	 * --builtin takes the side still open after them (B in "diff F --builtin N"). */
	if (!ba && optind < argc)
		fa = argv[optind++];
	if (!bb && optind < argc)
		fb = argv[optind++];
	if (optind < argc)
		return cli_usage_error(
		    g, CMD, "unexpected argument '%s': diff compares two profiles", argv[optind]);
	if (b_any && !ba && !fa)
		ba = b_any;
	else if (b_any && !bb && !fb)
		bb = b_any;
	else if (b_any)
		return cli_usage_error(g, CMD,
				       "--builtin %s: both sides are already given (use "
				       "--builtin-a/--builtin-b to say which side)",
				       b_any);
	if ((!ba && !fa) || (!bb && !fb))
		return cli_usage_error(g, CMD,
				       "give two profiles: A B, A --builtin NAME, or "
				       "--builtin-a NAME --builtin-b NAME");
	if ((ba && !builtin_find(ba)) || (bb && !builtin_find(bb)))
		return cli_usage_error(g, CMD,
				       "no builtin profile '%s': see 'seccompctl profiles list'",
				       ba && !builtin_find(ba) ? ba : bb);
	if (caps_set) {
		ctx.caps = caps;
		ctx.n_caps = n_caps;
	}
	if (opts.enosys == BPF_ENOSYS_KERNEL) {
		ctx.kernel_major = opts.kernel_major;
		ctx.kernel_minor = opts.kernel_minor;
	}
	if (cli_read_profile(ba, fa, &pa, &err) < 0 || profile_resolve(pa, &ctx, &ra, &err) < 0 ||
	    cli_read_profile(bb, fb, &pb, &err) < 0 || profile_resolve(pb, &ctx, &rb, &err) < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (!n_arches) {
		rc = edit_diff_default_arches(ra, rb, &opts, &def_arches, &n_arches, &err);
		if (rc < 0)
			return cli_report_error(g, CMD, &err, EXIT_USAGE);
	}
	rc = edit_diff(ra, rb, def_arches ? def_arches : arches, n_arches, &opts, &d, &err);
	if (rc < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (g->output == FMT_JSON)
		print_json(ra, rb, enosys, &d);
	else
		print_text(g, ra, rb, &d);
	rc = d.n_differ ? EXIT_FOUND : EXIT_OK;
	edit_diff_free(&d);
	return rc;
}
