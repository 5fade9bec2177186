#include "profile/diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int diag_add(struct diag_list *l, const char *id, enum diag_severity sev, const char *file,
	     const char *path, struct json_pos pos, const char *hint, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;
	char *msg = NULL;
	int n;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct diag *p = realloc(l->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		l->items = p;
		l->cap = cap;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	d = &l->items[l->n];
	memset(d, 0, sizeof(*d));
	snprintf(d->id, sizeof(d->id), "%s", id);
	d->sev = sev;
	d->pos = pos;
	d->message = msg;
	d->file = strdup(file ? file : "");
	d->path = strdup(path ? path : "");
	d->hint = hint ? strdup(hint) : NULL;
	if (!d->file || !d->path || (hint && !d->hint)) {
		free(d->file);
		free(d->path);
		free(d->hint);
		free(d->message);
		return -ENOMEM;
	}
	l->n++;
	return 0;
}

static void diag_free_one(struct diag *d)
{
	free(d->file);
	free(d->path);
	free(d->message);
	free(d->hint);
}

void diag_list_free(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		diag_free_one(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int cmp_diag(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	/* Findings without a position (whole-document ones) come first. */
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	c = strcmp(x->id, y->id);
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

void diag_list_sort(struct diag_list *l)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(l->items[0]), cmp_diag);
}

void diag_list_dedup(struct diag_list *l)
{
	size_t out = 0;

	for (size_t i = 0; i < l->n; i++) {
		bool dup = false;

		for (size_t j = 0; j < out && !dup; j++)
			dup = strcmp(l->items[j].id, l->items[i].id) == 0 &&
			      strcmp(l->items[j].path, l->items[i].path) == 0 &&
			      strcmp(l->items[j].file, l->items[i].file) == 0 &&
			      strcmp(l->items[j].message, l->items[i].message) == 0;
		if (dup)
			diag_free_one(&l->items[i]);
		else
			l->items[out++] = l->items[i];
	}
	l->n = out;
}

void diag_list_keep_at_least(struct diag_list *l, enum diag_severity min)
{
	size_t out = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (l->items[i].sev >= min)
			l->items[out++] = l->items[i];
		else
			diag_free_one(&l->items[i]);
	}
	l->n = out;
}

size_t diag_list_count(const struct diag_list *l, enum diag_severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].sev == sev;
	return n;
}

const char *diag_severity_name(enum diag_severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO: return "info";
	}
	return "?";
}
