/* Builtin profiles: the data is generated from profiles/ (builtin_data.c);
 * this file gives them their order and one-line summaries. */
#include "profile/builtin.h"

#include <string.h>

#include "util/cleanup.h"

static const struct builtin_info summaries[] = {
    {"runtime-default",
     "the containers' default profile (podman, CRI-O; Kubernetes RuntimeDefault)"},
    {"minimal", "lab: allowlist of ~180 syscalls for simple services"},
    {"deny-dangerous", "lab: denylist of ~50 dangerous syscalls (mount, reboot, bpf, ...)"},
    {"audit", "lab: allow and log everything (SCMP_ACT_LOG) to learn what a workload calls"},
    {"nginx", "lab: allowlist for nginx (x86_64 only)"},
    {"production", "lab: allowlist for a production service (EPERM for the rest)"},
    {"too-restrictive", "lab: read/write/exit only: cannot even start a container"},
    {"log-all", "allow and log every syscall on the common arches (record via the audit log)"},
};

const struct builtin_blob *builtin_data(const struct builtin_info *b)
{
	for (size_t i = 0; i < builtin_blobs_count; i++)
		if (strcmp(builtin_blobs[i].name, b->name) == 0)
			return &builtin_blobs[i];
	return NULL;
}

size_t builtin_count(void)
{
	return SC_ARRAY_SIZE(summaries);
}

const struct builtin_info *builtin_at(size_t i)
{
	return i < SC_ARRAY_SIZE(summaries) ? &summaries[i] : NULL;
}

const struct builtin_info *builtin_find(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(summaries); i++)
		if (strcmp(summaries[i].name, name) == 0)
			return &summaries[i];
	return NULL;
}
