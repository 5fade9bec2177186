/* Diagnostics (lint findings and schema errors) over the profile model. */
#ifndef SC_PROFILE_DIAG_H
#define SC_PROFILE_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "json/json.h"

enum diag_severity {
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
};

struct diag {
	char id[8]; /* "SCP017" */
	enum diag_severity sev;
	char *file;	     /* owned */
	char *path;	     /* owned JSON path, "" for the whole document */
	struct json_pos pos; /* 0:0 when unknown */
	char *message;	     /* owned */
	char *hint;	     /* owned, may be NULL */
};

struct diag_list {
	struct diag *items; /* owned */
	size_t n, cap;
};

/* Append a finding; returns 0 or -ENOMEM.  path may be NULL. */
int diag_add(struct diag_list *l, const char *id, enum diag_severity sev, const char *file,
	     const char *path, struct json_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void diag_list_free(struct diag_list *l);
/* Stable order: file, position (line, col), then id. */
void diag_list_sort(struct diag_list *l);
/* Drop exact repeats (same id, path and message); keeps the first. */
void diag_list_dedup(struct diag_list *l);
/* Drop findings below `min` (they are freed). */
void diag_list_keep_at_least(struct diag_list *l, enum diag_severity min);
size_t diag_list_count(const struct diag_list *l, enum diag_severity sev);
const char *diag_severity_name(enum diag_severity s); /* "error", "warning", "info" */

#endif
