/* Renderers shared by commands that print findings. */
#ifndef SC_CLI_RENDER_H
#define SC_CLI_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "profile/diag.h"
#include "util/strbuf.h"

/* "FILE:LINE:COL: PATH: severity ID: message" then "  hint: ..." */
void render_diag_text(const struct cli *g, FILE *f, const struct diag *d);
/* A JSON object for one finding. */
void render_diag_json(struct sc_strbuf *b, const struct diag *d);
/* Parse "X.Y" into major/minor; -1 when malformed. */
int parse_kernel_version(const char *s, unsigned *major, unsigned *minor);

#endif
