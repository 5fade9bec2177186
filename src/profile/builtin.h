/* Builtin profiles, embedded from profiles/ at build time. */
#ifndef SC_PROFILE_BUILTIN_H
#define SC_PROFILE_BUILTIN_H

#include <stddef.h>

struct builtin_blob {
	const char *name;   /* "runtime-default" */
	const char *source; /* repo path of the data file, "builtin/runtime-default.json" */
	const char *data;   /* JSON text, NUL-terminated */
	size_t len;
};

/* Generated (tools/embed_profiles.py). */
extern const struct builtin_blob builtin_blobs[];
extern const size_t builtin_blobs_count;
extern const char builtin_runtime_default_version[];

struct builtin_info {
	const char *name;
	const char *summary; /* one line for `profiles list` */
};

size_t builtin_count(void);
/* i-th builtin in list order; NULL past the end. */
const struct builtin_info *builtin_at(size_t i);
/* Exact name match; NULL when unknown. */
const struct builtin_info *builtin_find(const char *name);
/* The embedded JSON of a builtin (never NULL for a listed builtin: a test
 * checks that every listed name has data). */
const struct builtin_blob *builtin_data(const struct builtin_info *b);

#endif
