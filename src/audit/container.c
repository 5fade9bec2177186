/* Container of a process from its cgroup (container.h). */
#include "audit/container.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/cleanup.h"

#define FULL_ID 64

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool audit_container_id_valid(const char *want)
{
	size_t n = strlen(want);

	if (n == 0 || n >= AUDIT_CONTAINER_ID_MAX || strchr(want, '/'))
		return false;
	/* hex that is too short to be told apart from other ids is refused;
	 * longer hex is a runc name */
	if (all_hex(want, n) && n < AUDIT_CONTAINER_PREFIX)
		return false;
	return true;
}

/* The id a path component may carry: <id> of "<runtime>-<id>.scope"
 * (systemd driver) or "<runtime>-<id>" (podman's cgroupfs driver), else
 * the component itself. */
static void component_name(const char *c, size_t n, const char **name, size_t *len)
{
	static const char *const prefixes[] = {"cri-containerd-", "libpod-", "crio-", "docker-"};
	static const char suffix[] = ".scope";
	const size_t slen = sizeof(suffix) - 1;

	*name = c;
	*len = n;
	if (n > slen && memcmp(c + n - slen, suffix, slen) == 0)
		n -= slen;
	for (size_t i = 0; i < SC_ARRAY_SIZE(prefixes); i++) {
		size_t plen = strlen(prefixes[i]);

		if (n > plen && memcmp(c, prefixes[i], plen) == 0) {
			*name = c + plen;
			*len = n - plen;
			return;
		}
	}
}

static bool name_matches(const char *name, size_t len, const char *want, size_t wlen)
{
	/* an id prefix matches a full hex id only: a 12-digit prefix must not
	 * match a component that merely starts with those digits */
	if (len == FULL_ID && all_hex(name, len) && wlen <= FULL_ID && all_hex(want, wlen))
		return strncasecmp(name, want, wlen) == 0;
	return len == wlen && memcmp(name, want, len) == 0;
}

bool audit_cgroup_line_matches(const char *line, size_t len, const char *want,
			       char id[AUDIT_CONTAINER_ID_MAX])
{
	/* the path is everything after the second ':' (v1 controller lists
	 * hold no ':') */
	const char *end = line + len, *p = memchr(line, ':', len);
	size_t wlen = strlen(want);

	if (!p || !(p = memchr(p + 1, ':', (size_t)(end - p - 1))))
		return false;
	if (wlen == 0)
		return false;
	for (p++; p < end;) {
		const char *slash = memchr(p, '/', (size_t)(end - p)), *name;
		size_t n = (size_t)((slash ? slash : end) - p), nlen;

		component_name(p, n, &name, &nlen);
		if (n && !name_matches(name, nlen, want, wlen) &&
		    name_matches(p, n, want, wlen)) { /* a runc name like "docker-x" */
			name = p;
			nlen = n;
		}
		if (n && name_matches(name, nlen, want, wlen)) {
			if (id) {
				if (nlen >= AUDIT_CONTAINER_ID_MAX)
					nlen = AUDIT_CONTAINER_ID_MAX - 1;
				memcpy(id, name, nlen);
				id[nlen] = '\0';
			}
			return true;
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	return false;
}

/* When the process started, in ms since the epoch: btime from /proc/stat
 * plus field 22 of /proc/PID/stat (clock ticks since boot); 0 when unknown. */
static uint64_t start_ms(int64_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long btime = 0, ticks = 0;
	long hz = sysconf(_SC_CLK_TCK);
	_cleanup_fclose_ FILE *st = fopen("/proc/stat", "re");
	_cleanup_fclose_ FILE *f = NULL;

	while (st && fgets(buf, sizeof(buf), st))
		if (sscanf(buf, "btime %llu", &btime) == 1)
			break;
	snprintf(path, sizeof(path), "/proc/%lld/stat", (long long)pid);
	f = fopen(path, "re");
	if (!btime || hz <= 0 || !f || !fgets(buf, sizeof(buf), f))
		return 0;
	/* after the comm's closing parenthesis: state is field 3, starttime 22 */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2,
			 "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d "
			 "%*d %*d %*d %*d %llu",
			 &ticks) != 1)
		return 0;
	return btime * 1000 + ticks * 1000 / (unsigned long long)hz;
}

enum audit_container_state audit_pid_container(int64_t pid, uint64_t time_ms, const char *want,
					       char id[AUDIT_CONTAINER_ID_MAX])
{
	char path[64], line[4096];
	_cleanup_fclose_ FILE *f = NULL;
	enum audit_container_state state = AUDIT_CONTAINER_OTHER;
	uint64_t started;

	if (pid <= 0)
		return AUDIT_CONTAINER_GONE;
	snprintf(path, sizeof(path), "/proc/%lld/cgroup", (long long)pid);
	f = fopen(path, "re");
	if (!f)
		return AUDIT_CONTAINER_GONE;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\n");

		if (audit_cgroup_line_matches(line, n, want, id)) {
			state = AUDIT_CONTAINER_MATCH;
			break;
		}
	}
	/* btime has a resolution of a second and moves with clock steps:
	 * two seconds of slack */
	started = start_ms(pid);
	if (!started || (time_ms && started > time_ms + 2000))
		return AUDIT_CONTAINER_GONE;
	return state;
}
