/* Rendering helpers shared by every command (cli.h). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

int cli_usage_error(const struct cli *g, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", g->prog, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s help %s'.\n", g->prog, cmd);
	return EXIT_USAGE;
}

int cli_report_error(const struct cli *g, const char *cmd, const struct sc_error *err, int code)
{
	if (g->output == FMT_JSON) {
		struct sc_strbuf b = {0};

		sc_strbuf_printf(&b, "{\"schema\":%d,\"command\":", CLI_JSON_SCHEMA);
		sc_strbuf_json_string(&b, cmd, strlen(cmd));
		sc_strbuf_puts(&b, ",\"error\":{\"message\":");
		sc_strbuf_json_string(&b, err->msg, strlen(err->msg));
		if (err->file[0]) {
			sc_strbuf_puts(&b, ",\"file\":");
			sc_strbuf_json_string(&b, err->file, strlen(err->file));
		}
		if (err->line)
			sc_strbuf_printf(&b, ",\"line\":%u,\"column\":%u", err->line, err->col);
		sc_strbuf_puts(&b, "}}");
		if (!sc_strbuf_failed(&b))
			cli_print_json(b.data);
		sc_strbuf_free(&b);
	}
	fprintf(stderr, "%s %s: ", g->prog, cmd);
	if (err->file[0] && err->line)
		fprintf(stderr, "%s:%u:%u: ", err->file, err->line, err->col);
	else if (err->file[0])
		fprintf(stderr, "%s: ", err->file);
	fprintf(stderr, "%s\n", err->msg[0] ? err->msg : "failed");
	return code;
}

int cli_check_format(const struct cli *g, const char *cmd, unsigned allowed)
{
	static const char *const names[] = {"text", "json", "sarif"};

	if (allowed & (1u << g->output))
		return 0;
	return cli_usage_error(g, cmd, "--output %s is not supported by this command",
			       names[g->output]);
}

#define COLOR(fn, code)                                                                            \
	const char *fn(const struct cli *g)                                                        \
	{                                                                                          \
		return g->color ? code : "";                                                       \
	}
COLOR(cli_red, "\033[31m")
COLOR(cli_yellow, "\033[33m")
COLOR(cli_green, "\033[32m")
COLOR(cli_cyan, "\033[36m")
COLOR(cli_bold, "\033[1m")
COLOR(cli_dim, "\033[2m")
COLOR(cli_reset, "\033[0m")

void cli_print_json(const char *doc)
{
	fputs(doc, stdout);
	fputc('\n', stdout);
}

/* The argv word getopt_long just consumed: one further back when a long
 * option's value was a separate word ("--opt VAL"). */
static const char *opt_word(char **argv)
{
	int at = optind - 1;

	if (optarg && at > 0 && argv[at] == optarg)
		at--;
	return argv[at];
}

static bool long_opt_exact(const char *word, const char *name)
{
	size_t n = strlen(name);

	return strncmp(word, "--", 2) == 0 && strncmp(word + 2, name, n) == 0 &&
	       (word[2 + n] == '\0' || word[2 + n] == '=');
}

int cli_getopt(const struct cli *g, const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int idx = -1, opt;

	opterr = 0;
	opt = getopt_long(argc, argv, shortopts, longopts, &idx);
	if (opt == -1)
		return -1;
	if (opt != '?' && opt != ':' && idx >= 0 &&
	    !long_opt_exact(opt_word(argv), longopts[idx].name)) {
		cli_usage_error(g, cmd, "unknown option '%s' (did you mean '--%s'?)",
				opt_word(argv), longopts[idx].name);
		return CLI_GETOPT_ERR;
	}
	if (opt != '?' && opt != ':')
		return opt;
	/* glibc leaves the offender in optopt: a short option, or the value
	 * of a long one that lacks or must not have a value; 0 for an
	 * unknown long option. */
	for (const struct option *o = longopts; o && o->name; o++) {
		if (optopt && o->val == optopt && o->flag == NULL) {
			if (o->has_arg == required_argument)
				cli_usage_error(g, cmd, "--%s needs a value", o->name);
			else
				cli_usage_error(g, cmd, "--%s takes no value", o->name);
			return CLI_GETOPT_ERR;
		}
	}
	if (optopt && strchr(shortopts, optopt))
		cli_usage_error(g, cmd, "-%c needs a value", optopt);
	else if (optopt)
		cli_usage_error(g, cmd, "unknown option '-%c'", optopt);
	else
		cli_usage_error(g, cmd, "unknown option '%s'", argv[optind - 1]);
	return CLI_GETOPT_ERR;
}

/* Write data to path atomically: a temporary file in the same directory,
 * fsync, then rename over the target, so readers (the kubelet, a runtime)
 * see the old file or the new one, never a torn one.  The target's mode is
 * kept when it exists. */
static int write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/* A device or a fifo is written in place: renaming over it would replace
 * the node itself. */
static int write_plain(const char *path, const char *data, size_t len, struct sc_error *err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC);

	if (fd < 0)
		return sc_error_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	if (write_all(fd, data, len) < 0) {
		int e = errno;

		close(fd);
		return sc_error_set(err, -e, "cannot write %s: %s", path, strerror(e));
	}
	if (close(fd) < 0)
		return sc_error_set(err, -errno, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

int cli_write_atomic(const char *path, const char *data, size_t len, struct sc_error *err)
{
	_cleanup_free_ char *dir_copy = strdup(path);
	_cleanup_free_ char *tmp = NULL;
	struct stat st;
	mode_t mode = 0644;
	int fd;

	if (!dir_copy || asprintf(&tmp, "%s/.%s.XXXXXX", dirname(dir_copy),
				  strrchr(path, '/') ? strrchr(path, '/') + 1 : path) < 0)
		return sc_error_set(err, -ENOMEM, "out of memory");
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_plain(path, data, len, err); /* /dev/null, a fifo: never replace */
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return sc_error_set(err, -errno, "cannot create a temporary file next to %s: %s",
				    path, strerror(errno));
	if (write_all(fd, data, len) < 0) {
		int e = errno;

		close(fd);
		unlink(tmp);
		return sc_error_set(err, -e, "cannot write %s: %s", tmp, strerror(e));
	}
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0 || close(fd) < 0) {
		int e = errno;

		unlink(tmp);
		return sc_error_set(err, -e, "cannot finish %s: %s", tmp, strerror(e));
	}
	if (rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		return sc_error_set(err, -e, "cannot replace %s: %s", path, strerror(e));
	}
	return 0;
}

int cli_read_profile(const char *builtin, const char *path, struct profile **out,
		     struct sc_error *err)
{
	if (builtin) {
		const struct builtin_info *bi = builtin_find(builtin);
		const struct builtin_blob *blob;
		char name[96];

		if (!bi)
			return sc_error_set(
			    err, -ENOENT, "no builtin profile '%s': see 'seccompctl profiles list'",
			    builtin);
		blob = builtin_data(bi);
		snprintf(name, sizeof(name), "builtin:%s", builtin);
		return profile_read_buffer(blob->data, blob->len, name, out, NULL, err);
	}
	return profile_read_file(path, out, NULL, err);
}

int cli_parse_caps(char *list, const char **caps, size_t *n, size_t max)
{
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "default") == 0) {
			for (size_t i = 0; i < profile_default_caps_count; i++) {
				if (*n >= max)
					return -1;
				caps[(*n)++] = profile_default_caps[i];
			}
			continue;
		}
		if (strncmp(tok, "CAP_", 4) != 0 || *n >= max)
			return -1;
		caps[(*n)++] = tok;
	}
	return 0;
}
