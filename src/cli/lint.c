/* seccompctl lint PROFILE... : validate and lint profiles. */
#include "profile/lint.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "profile/builtin.h"

#define MAX_TARGETS 16
#define MAX_CAPS    64

struct lint_file {
	const char *name;
	bool valid;
	struct diag_list diags;
};

static int parse_caps(char *list, const char **caps, size_t *n)
{
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n >= MAX_CAPS)
			return -1;
		if (strcmp(tok, "default") == 0) {
			for (size_t i = 0; i < profile_default_caps_count && *n < MAX_CAPS; i++)
				caps[(*n)++] = profile_default_caps[i];
			continue;
		}
		if (strncmp(tok, "CAP_", 4) != 0)
			return -1;
		caps[(*n)++] = tok;
	}
	return 0;
}

static void lint_input(struct lint_file *lf, const char *data, size_t len,
		       const struct lint_opts *opts)
{
	struct profile *p = NULL;
	struct sc_error err = {0};
	int rc;

	if (data)
		rc = profile_read_buffer(data, len, lf->name, &p, &lf->diags, &err);
	else
		rc = profile_read_file(lf->name, &p, &lf->diags, &err);
	if (rc < 0) {
		/* A read failure without a finding (no such file, ...) still
		 * needs one so every output form shows it. */
		if (lf->diags.n == 0 || diag_list_count(&lf->diags, SEV_ERROR) == 0)
			diag_add(&lf->diags, "SCP001", SEV_ERROR, lf->name, "",
				 (struct json_pos){err.line, err.col}, NULL, "%s", err.msg);
		lf->valid = false;
		diag_list_sort(&lf->diags);
		return;
	}
	lf->valid = true;
	if (lint_profile(p, opts, &lf->diags, &err) < 0)
		diag_add(&lf->diags, "SCP001", SEV_ERROR, lf->name, "", (struct json_pos){0, 0},
			 NULL, "lint failed: %s", err.msg);
	diag_list_sort(&lf->diags);
	profile_free(p);
}

static void print_json(const struct lint_file *files, size_t n, size_t totals[3])
{
	struct sc_strbuf b = {0};

	sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":\"lint\",\"files\":[", CLI_JSON_SCHEMA);
	for (size_t i = 0; i < n; i++) {
		sc_strbuf_puts(&b, i ? ",{\"file\":" : "{\"file\":");
		sc_strbuf_json_string(&b, files[i].name, strlen(files[i].name));
		sc_strbuf_printf(&b, ",\"valid\":%s,\"findings\":[",
				 files[i].valid ? "true" : "false");
		for (size_t j = 0; j < files[i].diags.n; j++) {
			if (j)
				sc_strbuf_putc(&b, ',');
			render_diag_json(&b, &files[i].diags.items[j]);
		}
		sc_strbuf_puts(&b, "]}");
	}
	sc_strbuf_printf(
	    &b, "],\"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu,\"info\":%zu}}", n,
	    totals[SEV_ERROR], totals[SEV_WARNING], totals[SEV_INFO]);
	if (!sc_strbuf_failed(&b))
		cli_print_json(b.data);
	sc_strbuf_free(&b);
}

static const char *sarif_level(enum diag_severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static void print_sarif(const struct lint_file *files, size_t n)
{
	struct sc_strbuf b = {0};
	bool first = true;

	sc_strbuf_puts(
	    &b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
		"\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
		"\"name\":\"seccompctl\",\"version\":\"" SECCOMPCTL_VERSION "\","
		"\"informationUri\":\"https://github.com/seccompctl/seccompctl\",\"rules\":[");
	for (size_t i = 0; i < lint_rules_count; i++) {
		const struct lint_rule_info *r = &lint_rules[i];

		sc_strbuf_puts(&b, i ? ",{\"id\":" : "{\"id\":");
		sc_strbuf_json_string(&b, r->id, strlen(r->id));
		sc_strbuf_puts(&b, ",\"shortDescription\":{\"text\":");
		sc_strbuf_json_string(&b, r->title, strlen(r->title));
		sc_strbuf_puts(&b, "},\"fullDescription\":{\"text\":");
		sc_strbuf_json_string(&b, r->why, strlen(r->why));
		sc_strbuf_printf(
		    &b, "},\"defaultConfiguration\":{\"level\":\"%s\"},\"help\":{\"text\":",
		    sarif_level(r->sev));
		sc_strbuf_json_string(&b, r->why, strlen(r->why));
		sc_strbuf_puts(&b, "}}");
	}
	sc_strbuf_puts(&b, "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < files[i].diags.n; j++) {
			const struct diag *d = &files[i].diags.items[j];
			const struct lint_rule_info *r = lint_rule_find(d->id);

			sc_strbuf_puts(&b, first ? "{\"ruleId\":" : ",{\"ruleId\":");
			first = false;
			sc_strbuf_json_string(&b, d->id, strlen(d->id));
			if (r)
				sc_strbuf_printf(&b, ",\"ruleIndex\":%zu",
						 (size_t)(r - lint_rules));
			sc_strbuf_printf(
			    &b, ",\"level\":\"%s\",\"message\":{\"text\":", sarif_level(d->sev));
			if (d->hint) {
				struct sc_strbuf m = {0};

				sc_strbuf_printf(&m, "%s (hint: %s)", d->message, d->hint);
				sc_strbuf_json_string(&b, m.data ? m.data : "", m.len);
				sc_strbuf_free(&m);
			} else {
				sc_strbuf_json_string(&b, d->message, strlen(d->message));
			}
			sc_strbuf_puts(&b, "},\"locations\":[{\"physicalLocation\":{"
					   "\"artifactLocation\":{\"uri\":");
			sc_strbuf_json_string(&b, d->file, strlen(d->file));
			sc_strbuf_putc(&b, '}');
			if (d->pos.line)
				sc_strbuf_printf(
				    &b, ",\"region\":{\"startLine\":%u,\"startColumn\":%u}",
				    d->pos.line, d->pos.col);
			sc_strbuf_putc(&b, '}');
			if (d->path[0]) {
				sc_strbuf_puts(&b,
					       ",\"logicalLocations\":[{\"fullyQualifiedName\":");
				sc_strbuf_json_string(&b, d->path, strlen(d->path));
				sc_strbuf_puts(&b, ",\"kind\":\"member\"}]");
			}
			sc_strbuf_puts(&b, "}]}");
		}
	}
	sc_strbuf_puts(&b, "]}]}");
	if (!sc_strbuf_failed(&b))
		cli_print_json(b.data);
	sc_strbuf_free(&b);
}

int cmd_lint(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"min-kernel", required_argument, NULL, 'k'},
		{"runtime", required_argument, NULL, 'r'},
		{"arch", required_argument, NULL, 'a'},
		{"caps", required_argument, NULL, 'c'},
		{"builtin", required_argument, NULL, 'b'},
		{"severity", required_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* clang-format on */
	const struct arch_info *targets[MAX_TARGETS];
	const char *caps[MAX_CAPS];
	const char *builtins[32];
	size_t n_builtins = 0, n_caps = 0;
	bool strict = false, caps_set = false;
	enum diag_severity min_sev = SEV_INFO;
	struct lint_opts opts = {0};
	struct lint_file *files;
	size_t n_files, totals[3] = {0};
	bool invalid = false;
	int opt;

	if (cli_check_format(g, "lint", 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_SARIF))
		return EXIT_USAGE;
	optind = 1;
	while ((opt = cli_getopt(g, "lint", argc, argv, "h", longopts)) != -1) {
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		switch (opt) {
		case 's': strict = true; break;
		case 'k':
			if (parse_kernel_version(optarg, &opts.min_kernel_major,
						 &opts.min_kernel_minor) < 0)
				return cli_usage_error(
				    g, "lint", "--min-kernel wants X.Y, e.g. 5.10, not '%s'",
				    optarg);
			break;
		case 'r':
			if (strcmp(optarg, "any") == 0)
				opts.runtime = LINT_RUNTIME_ANY;
			else if (strcmp(optarg, "runc") == 0)
				opts.runtime = LINT_RUNTIME_RUNC;
			else if (strcmp(optarg, "crun") == 0)
				opts.runtime = LINT_RUNTIME_CRUN;
			else
				return cli_usage_error(
				    g, "lint", "--runtime wants runc, crun or any, not '%s'",
				    optarg);
			break;
		case 'a': {
			const struct arch_info *a = arch_lookup(optarg);

			if (!a || !a->supported)
				return cli_usage_error(
				    g, "lint", "unknown architecture '%s' (e.g. x86_64, aarch64)",
				    optarg);
			if (opts.n_targets >= MAX_TARGETS)
				return cli_usage_error(g, "lint", "too many --arch options");
			targets[opts.n_targets++] = a;
			break;
		}
		case 'c':
			caps_set = true;
			if (parse_caps(optarg, caps, &n_caps) < 0)
				return cli_usage_error(
				    g, "lint",
				    "--caps wants a comma list of CAP_* names or 'default'");
			break;
		case 'b':
			if (!builtin_find(optarg))
				return cli_usage_error(
				    g, "lint",
				    "no builtin profile '%s': see 'seccompctl profiles list'",
				    optarg);
			if (n_builtins >= 32)
				return cli_usage_error(g, "lint", "too many --builtin options");
			builtins[n_builtins++] = optarg;
			break;
		case 'S':
			if (strcmp(optarg, "error") == 0)
				min_sev = SEV_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				min_sev = SEV_WARNING;
			else if (strcmp(optarg, "info") == 0)
				min_sev = SEV_INFO;
			else
				return cli_usage_error(
				    g, "lint", "--severity wants error, warning or info, not '%s'",
				    optarg);
			break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", "lint", NULL});
		default: return cli_usage_error(g, "lint", "unknown option");
		}
	}
	if (optind >= argc && n_builtins == 0)
		return cli_usage_error(g, "lint",
				       "give one or more profile files (or - for stdin)");
	opts.targets = targets;
	if (caps_set) {
		opts.caps = caps;
		opts.n_caps = n_caps;
	}

	n_files = (size_t)(argc - optind) + n_builtins;
	files = calloc(n_files, sizeof(*files));
	if (!files)
		return EXIT_USAGE;
	for (size_t i = 0; i < n_files; i++) {
		if (i < n_builtins) {
			const struct builtin_blob *blob = builtin_data(builtin_find(builtins[i]));
			char name[64];

			snprintf(name, sizeof(name), "builtin:%s", builtins[i]);
			files[i].name = strdup(name);
			lint_input(&files[i], blob->data, blob->len, &opts);
		} else {
			files[i].name = strdup(argv[optind + (int)(i - n_builtins)]);
			lint_input(&files[i], NULL, 0, &opts);
		}
		invalid |= !files[i].valid;
		/* --severity: what is below is neither shown nor counted. */
		diag_list_keep_at_least(&files[i].diags, min_sev);
		for (size_t j = 0; j < files[i].diags.n; j++)
			totals[files[i].diags.items[j].sev]++;
	}

	if (g->output == FMT_JSON) {
		print_json(files, n_files, totals);
	} else if (g->output == FMT_SARIF) {
		print_sarif(files, n_files);
	} else {
		for (size_t i = 0; i < n_files; i++)
			for (size_t j = 0; j < files[i].diags.n; j++)
				render_diag_text(g, stdout, &files[i].diags.items[j]);
		if (!g->quiet)
			printf("%s%zu file%s: %zu error%s, %zu warning%s, %zu info%s\n",
			       n_files &&
				       (totals[SEV_ERROR] + totals[SEV_WARNING] + totals[SEV_INFO])
				   ? "\n"
				   : "",
			       n_files, n_files == 1 ? "" : "s", totals[SEV_ERROR],
			       totals[SEV_ERROR] == 1 ? "" : "s", totals[SEV_WARNING],
			       totals[SEV_WARNING] == 1 ? "" : "s", totals[SEV_INFO],
			       invalid ? " (invalid input: exit 2)" : "");
	}
	for (size_t i = 0; i < n_files; i++) {
		diag_list_free(&files[i].diags);
		free((char *)files[i].name);
	}
	free(files);
	if (invalid)
		return EXIT_USAGE;
	if (totals[SEV_ERROR] || (strict && totals[SEV_WARNING]))
		return EXIT_FOUND;
	return EXIT_OK;
}
