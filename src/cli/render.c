#include "cli/render.h"

#include <stdio.h>
#include <string.h>

void render_diag_text(const struct cli *g, FILE *f, const struct diag *d)
{
	const char *col = d->sev == SEV_ERROR	  ? cli_red(g)
			  : d->sev == SEV_WARNING ? cli_yellow(g)
						  : cli_cyan(g);

	fprintf(f, "%s%s", cli_bold(g), d->file);
	if (d->pos.line)
		fprintf(f, ":%u:%u", d->pos.line, d->pos.col);
	fprintf(f, ":%s ", cli_reset(g));
	if (d->path[0])
		fprintf(f, "%s: ", d->path);
	fprintf(f, "%s%s %s%s: %s\n", col, diag_severity_name(d->sev), d->id, cli_reset(g),
		d->message);
	if (d->hint)
		fprintf(f, "  %shint:%s %s\n", cli_dim(g), cli_reset(g), d->hint);
}

void render_diag_json(struct sc_strbuf *b, const struct diag *d)
{
	sc_strbuf_puts(b, "{\"id\":");
	sc_strbuf_json_string(b, d->id, strlen(d->id));
	sc_strbuf_printf(b, ",\"severity\":\"%s\",\"path\":", diag_severity_name(d->sev));
	sc_strbuf_json_string(b, d->path, strlen(d->path));
	if (d->pos.line)
		sc_strbuf_printf(b, ",\"line\":%u,\"column\":%u", d->pos.line, d->pos.col);
	sc_strbuf_puts(b, ",\"message\":");
	sc_strbuf_json_string(b, d->message, strlen(d->message));
	if (d->hint) {
		sc_strbuf_puts(b, ",\"hint\":");
		sc_strbuf_json_string(b, d->hint, strlen(d->hint));
	}
	sc_strbuf_putc(b, '}');
}

int parse_kernel_version(const char *s, unsigned *major, unsigned *minor)
{
	int end = 0;

	if (sscanf(s, "%u.%u%n", major, minor, &end) != 2 || s[end] != '\0' || *major > 1000 ||
	    *minor > 1000)
		return -1;
	return 0;
}
