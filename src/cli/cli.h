/* The CLI: option parsing and rendering over libseccompctl.  Commands live
 * one per file as cmd_<name>(); they return the process exit code. */
#ifndef SC_CLI_CLI_H
#define SC_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "util/error.h"

/* Exit codes (DESIGN.md section 2). */
enum {
	EXIT_OK = 0,
	EXIT_FOUND = 1, /* the command worked and found something */
	EXIT_USAGE = 2, /* bad usage or bad input */
};

enum cli_format {
	FMT_TEXT,
	FMT_JSON,
	FMT_SARIF,
};

/* Global options, parsed by main before and after the command name. */
struct cli {
	enum cli_format output;
	bool output_set;
	bool color; /* stdout is a TTY, NO_COLOR unset, no --no-color */
	bool quiet;
	const char *prog;
};

/* Schema version written into every JSON document we emit. */
#define CLI_JSON_SCHEMA 1

typedef int (*cli_cmd_fn)(const struct cli *g, int argc, char **argv);

int cmd_check(const struct cli *g, int argc, char **argv);
int cmd_lint(const struct cli *g, int argc, char **argv);
int cmd_fmt(const struct cli *g, int argc, char **argv);
int cmd_profiles(const struct cli *g, int argc, char **argv);
int cmd_compile(const struct cli *g, int argc, char **argv);
int cmd_disasm(const struct cli *g, int argc, char **argv);
int cmd_explain(const struct cli *g, int argc, char **argv);
int cmd_logs(const struct cli *g, int argc, char **argv);
int cmd_run(const struct cli *g, int argc, char **argv);
int cmd_record(const struct cli *g, int argc, char **argv);
int cmd_diff(const struct cli *g, int argc, char **argv);
int cmd_merge(const struct cli *g, int argc, char **argv);
int cmd_demo(const struct cli *g, int argc, char **argv);
int cmd_help(const struct cli *g, int argc, char **argv);
int cmd_version(const struct cli *g, int argc, char **argv);

/* Report a usage problem for a command ("seccompctl lint: ...") and the
 * pointer to `seccompctl help CMD`; returns EXIT_USAGE. */
int cli_usage_error(const struct cli *g, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Render a library error: text "seccompctl CMD: FILE:LINE:COL: msg" on
 * stderr, or under --output json a JSON error document on stdout.
 * Returns `code`. */
int cli_report_error(const struct cli *g, const char *cmd, const struct sc_error *err, int code);
/* Accept only the given formats (bitmask of 1 << FMT_*); else usage error. */
int cli_check_format(const struct cli *g, const char *cmd, unsigned allowed);

/* Colour helpers: return the escape or "" when colour is off. */
const char *cli_red(const struct cli *g);
const char *cli_yellow(const struct cli *g);
const char *cli_green(const struct cli *g);
const char *cli_cyan(const struct cli *g);
const char *cli_bold(const struct cli *g);
const char *cli_dim(const struct cli *g);
const char *cli_reset(const struct cli *g);

struct option;
/* getopt_long with the house rules: long options match exactly (getopt_long
 * takes any unambiguous prefix), and unknown options, missing values and
 * values given to flags become usage errors naming the offending word.
 * Returns the option's value, -1 at the end of the options, or CLI_GETOPT_ERR
 * after reporting a usage error (the command then returns EXIT_USAGE).
 * Set optind = 1 before the first call. */
#define CLI_GETOPT_ERR (-2)
int cli_getopt(const struct cli *g, const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* Write data to path atomically: a temporary file in the same directory,
 * fsync, rename over the target (its mode kept), so readers see the old
 * file or the new one, never a torn one. */
int cli_write_atomic(const char *path, const char *data, size_t len, struct sc_error *err);

/* Read a profile from a file, or the builtin NAME when builtin is set. */
struct profile;
int cli_read_profile(const char *builtin, const char *path, struct profile **out,
		     struct sc_error *err);

/* --caps LIST: comma-separated "CAP_*" names, "default" for containerd's
 * default set; appended to caps[*n] (at most max); -1 when a word is not a
 * capability or there are too many.  list is split in place. */
int cli_parse_caps(char *list, const char **caps, size_t *n, size_t max);

/* Print a malloc'd/strbuf JSON document followed by a newline. */
void cli_print_json(const char *doc);

#endif
