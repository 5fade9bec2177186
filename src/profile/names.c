/* Spellings of actions, operators and flags, and "did you mean" hints. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile.h"
#include "util/cleanup.h"

static const char *const action_names[ACT__COUNT] = {
    [ACT_KILL_THREAD] = "SCMP_ACT_KILL_THREAD",
    [ACT_KILL_PROCESS] = "SCMP_ACT_KILL_PROCESS",
    [ACT_TRAP] = "SCMP_ACT_TRAP",
    [ACT_ERRNO] = "SCMP_ACT_ERRNO",
    [ACT_TRACE] = "SCMP_ACT_TRACE",
    [ACT_ALLOW] = "SCMP_ACT_ALLOW",
    [ACT_LOG] = "SCMP_ACT_LOG",
    [ACT_NOTIFY] = "SCMP_ACT_NOTIFY",
};

static const char *const op_names[OP__COUNT] = {
    [OP_NE] = "SCMP_CMP_NE",
    [OP_LT] = "SCMP_CMP_LT",
    [OP_LE] = "SCMP_CMP_LE",
    [OP_EQ] = "SCMP_CMP_EQ",
    [OP_GE] = "SCMP_CMP_GE",
    [OP_GT] = "SCMP_CMP_GT",
    [OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

static const struct {
	const char *name;
	enum profile_flag bit;
} flag_names[] = {
    {"SECCOMP_FILTER_FLAG_TSYNC", FLAG_TSYNC},
    {"SECCOMP_FILTER_FLAG_LOG", FLAG_LOG},
    {"SECCOMP_FILTER_FLAG_SPEC_ALLOW", FLAG_SPEC_ALLOW},
    {"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", FLAG_WAIT_KILLABLE_RECV},
};

const char *profile_action_name(enum profile_action a)
{
	return (unsigned)a < ACT__COUNT ? action_names[a] : "?";
}

int profile_action_parse(const char *s)
{
	/* SCMP_ACT_KILL is the older name of KILL_THREAD (runtime-spec). */
	if (strcmp(s, "SCMP_ACT_KILL") == 0)
		return ACT_KILL_THREAD;
	for (int i = 0; i < ACT__COUNT; i++)
		if (strcmp(s, action_names[i]) == 0)
			return i;
	return -1;
}

const char *profile_op_name(enum profile_op op)
{
	return (unsigned)op < OP__COUNT ? op_names[op] : "?";
}

int profile_op_parse(const char *s)
{
	for (int i = 0; i < OP__COUNT; i++)
		if (strcmp(s, op_names[i]) == 0)
			return i;
	return -1;
}

const char *profile_flag_name(enum profile_flag f)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(flag_names); i++)
		if (flag_names[i].bit == f)
			return flag_names[i].name;
	return "?";
}

int profile_flag_parse(const char *s)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(flag_names); i++)
		if (strcmp(s, flag_names[i].name) == 0)
			return (int)flag_names[i].bit;
	return -1;
}

bool profile_action_is_allow(enum profile_action a)
{
	return a == ACT_ALLOW || a == ACT_LOG;
}

uint32_t profile_rule_errno(const struct profile *p, const struct profile_rule *r)
{
	(void)p;
	if (r->has_errno)
		return r->errno_ret;
	return 1; /* EPERM: what runc and crun use when errnoRet is absent */
}

uint32_t profile_default_errno(const struct profile *p)
{
	return p->has_default_errno ? p->default_errno : 1;
}

/* Case-insensitive Levenshtein distance, capped: enough to catch
 * "SCMP_CMP_EQUAL" vs "SCMP_CMP_EQ" or "SCMP_ACT_ERRN0". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev, *cur, d;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	prev = calloc(lb + 1, sizeof(*prev));
	cur = calloc(lb + 1, sizeof(*cur));
	if (!prev || !cur) {
		free(prev);
		free(cur);
		return SIZE_MAX;
	}
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			char ca = a[i - 1], cb = b[j - 1];
			size_t sub = prev[j - 1] + ((ca | 0x20) == (cb | 0x20) ? 0 : 1);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof(*prev));
	}
	d = prev[lb];
	free(prev);
	free(cur);
	return d;
}

/* Best candidate within max(3, len/3) edits; also matches when the input
 * is a candidate without its prefix ("ALLOW" -> "SCMP_ACT_ALLOW"). */
static const char *suggest(const char *s, const char *const *cands, size_t n, const char *prefix)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, limit = strlen(s) / 3;

	if (limit < 3)
		limit = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, cands[i]);
		size_t pl = strlen(prefix);

		if (strncmp(cands[i], prefix, pl) == 0) {
			size_t d2 = distance(s, cands[i] + pl);

			if (d2 < d)
				d = d2;
		}
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

const char *profile_suggest(const char *s, const char *const *candidates, size_t n)
{
	return suggest(s, candidates, n, "");
}

const char *profile_action_suggest(const char *s)
{
	static const char *const extra[] = {
	    "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP",
	    "SCMP_ACT_ERRNO",	    "SCMP_ACT_TRACE",	     "SCMP_ACT_ALLOW",
	    "SCMP_ACT_LOG",	    "SCMP_ACT_NOTIFY",	     "SCMP_ACT_KILL",
	};
	return suggest(s, extra, SC_ARRAY_SIZE(extra), "SCMP_ACT_");
}

const char *profile_op_suggest(const char *s)
{
	return suggest(s, op_names, OP__COUNT, "SCMP_CMP_");
}

const char *profile_flag_suggest(const char *s)
{
	const char *c[SC_ARRAY_SIZE(flag_names)];

	for (size_t i = 0; i < SC_ARRAY_SIZE(flag_names); i++)
		c[i] = flag_names[i].name;
	return suggest(s, c, SC_ARRAY_SIZE(c), "SECCOMP_FILTER_FLAG_");
}

const char *profile_arch_suggest(const char *s)
{
	const char *c[64];
	size_t n = 0;

	for (size_t i = 0; i < arch_count() && n < SC_ARRAY_SIZE(c); i++)
		c[n++] = arch_at(i)->oci;
	return suggest(s, c, n, "SCMP_ARCH_");
}
