/* What each OCI runtime itself calls after it loaded the seccomp filter and
 * before the container's process runs: a profile must allow these or the
 * container cannot start (lint SCP022).  Established on real runc and crun
 * by tests/runtime/startup-syscalls.bats; tests/runtime/runtime-startup.txt
 * says how and is the source of the table in runtime_needs.c.
 *
 * Each set is the union over noNewPrivileges true and false for `run` on
 * x86_64.  With false (the Docker and Kubernetes default) the runtimes load
 * the filter before they drop capabilities and switch user, and need more.
 * Static data: the caller owns nothing and frees nothing. */
#ifndef SC_PROFILE_RUNTIME_NEEDS_H
#define SC_PROFILE_RUNTIME_NEEDS_H

#include <stddef.h>

enum runtime_id {
	RUNTIME_RUNC,
	RUNTIME_CRUN,
};

struct runtime_needs {
	enum runtime_id id;
	const char *name;	     /* "runc" */
	const char *version;	     /* version the set was established with, "1.1.5" */
	const char *const *syscalls; /* sorted (strcmp), no duplicates */
	size_t n;
};

/* NULL for an id outside the enum. */
const struct runtime_needs *runtime_needs_get(enum runtime_id id);
/* "runc"/"crun" -> id (exact match), else -1. */
int runtime_parse(const char *s);

#endif
