/* What each OCI runtime itself calls after it loaded the seccomp filter and
 * before the container's process runs: a profile must allow these or the
 * container cannot start (lint SCP022).  Established on real runc and crun
 * by tests/runtime/startup-syscalls.bats. */
#ifndef SC_PROFILE_RUNTIME_NEEDS_H
#define SC_PROFILE_RUNTIME_NEEDS_H

#include <stddef.h>

enum runtime_id {
	RUNTIME_RUNC,
	RUNTIME_CRUN,
};

struct runtime_needs {
	enum runtime_id id;
	const char *name;    /* "runc" */
	const char *version; /* version the set was established with, "1.1.5" */
	const char *const *syscalls; /* sorted */
	size_t n;
};

const struct runtime_needs *runtime_needs_get(enum runtime_id id);
/* "runc"/"crun" -> id, else -1. */
int runtime_parse(const char *s);

#endif
