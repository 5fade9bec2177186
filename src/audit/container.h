/* Which container a SECCOMP record's process runs in: its cgroup, as
 * /proc/PID/cgroup shows it while the process lives (the record itself
 * names no container).
 *
 * The container's id is a path component in one of the forms the runtimes
 * and their cgroup managers write:
 *   systemd driver: docker-<id>.scope, libpod-<id>.scope, crio-<id>.scope,
 *                   cri-containerd-<id>.scope (under kubepods.slice, ...);
 *   cgroupfs:       /docker/<id>, /kubepods/.../pod<uid>/<id>, libpod-<id>;
 *   runc or crun with a cgroupsPath: /<id> (an id need not be hex there).
 * Ids are 64 hex digits; users give them whole or as docker ps shows them
 * (the first 12).  conmon's own scopes (libpod-conmon-<id>.scope,
 * crio-conmon-<id>.scope) are not the container. */
#ifndef SC_AUDIT_CONTAINER_H
#define SC_AUDIT_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIT_CONTAINER_ID_MAX 128 /* 64 hex digits, or a runc name */
#define AUDIT_CONTAINER_PREFIX 12  /* the shortest id prefix accepted */

enum audit_container_state {
	AUDIT_CONTAINER_GONE,  /* no such process (any more): unknown */
	AUDIT_CONTAINER_OTHER, /* the process runs elsewhere */
	AUDIT_CONTAINER_MATCH, /* in the container asked for */
};

/* want is a usable container id: 12 to 64 hex digits, or a name without
 * '/' (runc's cgroupsPath form) of fewer than AUDIT_CONTAINER_ID_MAX bytes. */
bool audit_container_id_valid(const char *want);

/* One line of /proc/PID/cgroup ("0::/path" or "N:controllers:/path",
 * without its newline): does its path name container want?  On a match
 * the id as the path spells it (the full 64 digits for a prefix) goes to
 * id, when id is not NULL. */
bool audit_cgroup_line_matches(const char *line, size_t len, const char *want,
			       char id[AUDIT_CONTAINER_ID_MAX]);

/* Process pid, seen in a record at time_ms: is it in container want?  A
 * process that started after time_ms is another one with a reused pid:
 * GONE too.  Reads /proc/PID/cgroup and /proc/PID/stat. */
enum audit_container_state audit_pid_container(int64_t pid, uint64_t time_ms, const char *want,
					       char id[AUDIT_CONTAINER_ID_MAX]);

#endif
