/* The profile model: seccompctl's intermediate form.  Reading, linting,
 * formatting (and later compiling, diffing, recording) all meet here;
 * nothing else passes JSON around.
 *
 * A `struct profile` is what the file says (the Docker/containers
 * extensions included, nothing resolved yet), with the source position and
 * JSON path of every element so that diagnostics can point at the input.
 * profile_resolve() turns it into what a runtime would load for a target
 * (arch, capabilities, kernel), as Docker/podman do.
 *
 * Ownership: a profile owns every string and array it points to;
 * profile_free() releases all of it.
 */
#ifndef SC_PROFILE_PROFILE_H
#define SC_PROFILE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "json/json.h"
#include "profile/diag.h"
#include "util/error.h"

enum profile_action {
	ACT_KILL_THREAD, /* also the legacy SCMP_ACT_KILL */
	ACT_KILL_PROCESS,
	ACT_TRAP,
	ACT_ERRNO,
	ACT_TRACE,
	ACT_ALLOW,
	ACT_LOG,
	ACT_NOTIFY,
	ACT__COUNT,
};

enum profile_op {
	OP_NE,
	OP_LT,
	OP_LE,
	OP_EQ,
	OP_GE,
	OP_GT,
	OP_MASKED_EQ,
	OP__COUNT,
};

enum profile_flag {
	FLAG_TSYNC = 1u << 0,
	FLAG_LOG = 1u << 1,
	FLAG_SPEC_ALLOW = 1u << 2,
	FLAG_WAIT_KILLABLE_RECV = 1u << 3,
};

/* Where an element came from: JSON path ("syscalls[3].args[0].op", with a
 * "linux.seccomp." prefix for OCI config.json) and position (0 = none). */
struct profile_src {
	char *path; /* owned */
	struct json_pos pos;
};

struct profile_name {
	char *name; /* owned */
	struct profile_src src;
};

struct profile_arg {
	unsigned index; /* 0..5 */
	uint64_t value, value_two;
	bool has_value_two;
	enum profile_op op;
	struct profile_src src;
};

/* Docker/containers conditions on an entry (includes/excludes). */
struct profile_cond {
	char **arches; /* owned; Docker spelling ("amd64", "x32") as written */
	size_t n_arches;
	char **caps; /* owned; "CAP_SYS_ADMIN" as written */
	size_t n_caps;
	bool has_min_kernel;
	unsigned min_major, min_minor;
	bool present; /* the key was in the file (non-null) */
	struct profile_src src;
};

struct profile_rule {
	struct profile_name *names; /* owned */
	size_t n_names;
	bool legacy_name; /* had "name" */
	bool both_names;  /* had "name" and "names" */
	enum profile_action action;
	bool has_errno; /* errnoRet present */
	uint32_t errno_ret;
	char *errno_name;	  /* containers' "errno": "EPERM" (owned, may be NULL) */
	struct profile_arg *args; /* owned */
	size_t n_args;
	char *comment; /* owned, may be NULL */
	struct profile_cond includes, excludes;
	size_t index; /* position in syscalls[] of the source */
	struct profile_src src;
	struct profile_src action_src;
};

struct profile_archmap {
	const struct arch_info *arch;
	const struct arch_info **subs; /* owned array of borrowed pointers */
	size_t n_subs;
	struct profile_src src;
};

/* Keys present in the source, for rules about Docker-only keys (SCP006). */
enum profile_key_seen {
	SEEN_ARCHMAP = 1u << 0,
	SEEN_INCLUDES = 1u << 1,
	SEEN_EXCLUDES = 1u << 2,
	SEEN_MINKERNEL = 1u << 3,
	SEEN_NAME = 1u << 4,
	SEEN_FLAGS = 1u << 5,
	SEEN_ERRNO_STRING = 1u << 6,
};

struct profile {
	char *file;	  /* owned: input name for messages, "-" for stdin */
	bool from_config; /* read from an OCI config.json (linux.seccomp) */
	enum profile_action default_action;
	struct profile_src default_src;
	bool has_default_errno;
	uint32_t default_errno;
	char *default_errno_name;	 /* containers' "defaultErrno" (owned, may be NULL) */
	const struct arch_info **arches; /* owned array of borrowed pointers */
	struct profile_src *arch_srcs;	 /* owned, parallel to arches */
	size_t n_arches;
	bool has_arches;		 /* "architectures" key present */
	struct profile_archmap *archmap; /* owned */
	size_t n_archmap;
	unsigned flags; /* enum profile_flag bits */
	bool has_flags; /* "flags" key present (even if empty) */
	struct profile_src flags_src;
	char *listener_path, *listener_metadata; /* owned, may be NULL */
	struct profile_rule *rules;		 /* owned */
	size_t n_rules;
	unsigned seen; /* enum profile_key_seen bits */
};

/* Names, both ways.  Parsers return -1 for unknown spellings. */
const char *profile_action_name(enum profile_action a); /* "SCMP_ACT_ERRNO" */
int profile_action_parse(const char *s);
const char *profile_op_name(enum profile_op op); /* "SCMP_CMP_EQ" */
int profile_op_parse(const char *s);
const char *profile_flag_name(enum profile_flag f); /* "SECCOMP_FILTER_FLAG_LOG" */
int profile_flag_parse(const char *s);		    /* the bit, or -1 */
/* Closest valid spelling for a "did you mean" hint; NULL if none is close. */
const char *profile_action_suggest(const char *s);
const char *profile_op_suggest(const char *s);
const char *profile_flag_suggest(const char *s);
const char *profile_arch_suggest(const char *s);
/* Closest of `candidates` (case-insensitive edit distance), or NULL. */
const char *profile_suggest(const char *s, const char *const *candidates, size_t n);
/* ALLOW and LOG let the call through: such a default makes a denylist. */
bool profile_action_is_allow(enum profile_action a);
/* The return value a rule's action carries (EPERM when ERRNO/TRACE omit it). */
uint32_t profile_rule_errno(const struct profile *p, const struct profile_rule *r);
uint32_t profile_default_errno(const struct profile *p);

/* Reading.
 *
 * Syntax errors fail at once (-EINVAL, err has file:line:col).  Schema
 * errors (wrong types, unknown action/op/arch/flag, index > 5, errnoRet >
 * 4095, empty names, ...) are all collected into `diags` as error findings
 * with their rule ID, and the call returns -EINVAL after reading the whole
 * file; `*out` is then NULL.  Unknown keys are warnings, not errors (the
 * runtimes ignore them).  diags may be NULL when the caller only wants the
 * first error in err.
 *
 * The input is either a seccomp object or a whole OCI config.json (detected
 * by a top-level "ociVersion" or "linux" key; the profile is linux.seccomp).
 */
int profile_read_buffer(const char *data, size_t len, const char *file, struct profile **out,
			struct diag_list *diags, struct sc_error *err);
int profile_read_file(const char *path, struct profile **out, struct diag_list *diags,
		      struct sc_error *err);
/* Builds a profile from an already parsed node (used by the two above). */
int profile_from_json(const struct json_node *root, const char *file, const char *path_prefix,
		      struct profile **out, struct diag_list *diags, struct sc_error *err);
void profile_free(struct profile *p);
static inline void profile_freep(struct profile **p)
{
	if (*p)
		profile_free(*p);
}

/* Resolution context (see profile_ctx_default()). */
struct profile_ctx {
	const struct arch_info
	    *native; /* target machine arch; includes/excludes "arches" match its Go name */
	const char *const *caps; /* bounding set, "CAP_*" spelling */
	size_t n_caps;
	unsigned kernel_major, kernel_minor;
};
/* native = this machine, caps = containerd/Docker's default set,
 * kernel = the running kernel (uname). */
void profile_ctx_default(struct profile_ctx *ctx);
/* The 14 capabilities containerd and Docker give a container by default. */
extern const char *const profile_default_caps[];
extern const size_t profile_default_caps_count;

/* Resolve includes/excludes and archMap for ctx exactly as Docker and
 * podman do, giving a plain OCI profile (no archMap, no conditions).
 * Rule entries that do not apply are dropped; the kept ones keep their
 * `index` and `src` so findings still point into the source file. */
int profile_resolve(const struct profile *in, const struct profile_ctx *ctx, struct profile **out,
		    struct sc_error *err);

/* Canonical form: rules with the same meaning merged, names sorted and
 * de-duplicated, keys in runtime-spec order, 2-space indent, trailing
 * newline.  Works on resolved and unresolved profiles (archMap and
 * includes/excludes are kept).  *out is malloc'd. */
int profile_write_canonical(const struct profile *p, char **out, struct sc_error *err);

#endif
