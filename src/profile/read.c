/* JSON -> profile model.
 *
 * Grammar (runtime-spec config-linux.md "Seccomp", plus the Docker and
 * containers/common extensions):
 *
 *   profile  = { defaultAction: ACTION, defaultErrnoRet?: uint, defaultErrno?: string,
 *                architectures?: [ARCH], archMap?: [{architecture: ARCH,
 *                subArchitectures?: [ARCH]}], flags?: [FLAG], listenerPath?: string,
 *                listenerMetadata?: string, syscalls?: [entry] }
 *   entry    = { names?: [string], name?: string, action: ACTION, errnoRet?: uint,
 *                errno?: string, args?: [arg], comment?: string,
 *                includes?: cond, excludes?: cond }
 *   arg      = { index: 0..5, value: uint64, valueTwo?: uint64, op: OP }
 *   cond     = { arches?: [string], caps?: [string], minKernel?: "X.Y" }
 *
 * `null` stands for an absent optional key (Go's encoding/json, which the
 * runtimes use, reads it that way).  Every violation is collected with its
 * JSON path and position, so one run shows all of them; unknown keys are
 * warnings because the runtimes ignore them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile/profile.h"
#include "util/cleanup.h"

#define PATH_MAX_LEN	256
#define MAX_ERRNO_VALUE 4095u

struct reader {
	const char *file;
	struct diag_list *diags;
	struct sc_error *err;
	unsigned errors;
	int oom;
	struct profile *p;
};

static void note(struct reader *r, const char *id, enum diag_severity sev, const char *path,
		 struct json_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void note(struct reader *r, const char *id, enum diag_severity sev, const char *path,
		 struct json_pos pos, const char *hint, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sev == SEV_ERROR) {
		if (r->errors++ == 0 && r->err) {
			sc_error_set_at(r->err, -EINVAL, pos.line, pos.col, "%s%s%s%s%s",
					path && path[0] ? path : "", path && path[0] ? ": " : "",
					msg, hint ? "; " : "", hint ? hint : "");
			sc_error_set_file(r->err, r->file);
		}
	}
	if (r->diags && diag_add(r->diags, id, sev, r->file, path, pos, hint, "%s", msg) < 0)
		r->oom = 1;
}

#define ERR(r, id, path, node, hint, ...)                                                          \
	note(r, id, SEV_ERROR, path, (node)->pos, hint, __VA_ARGS__)

/* Paths are bounded: a key longer than the room left is cut (they are
 * for people to read; positions stay exact).  out may alias base. */
static void append(char *out, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (n > PATH_MAX_LEN - 1 - *len)
		n = PATH_MAX_LEN - 1 - *len;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

static void join(char *out, const char *base, const char *key)
{
	char tmp[PATH_MAX_LEN];
	size_t len = 0;

	tmp[0] = '\0';
	append(tmp, &len, base);
	if (base[0])
		append(tmp, &len, ".");
	append(tmp, &len, key);
	memcpy(out, tmp, len + 1);
}

static void join_index(char *out, const char *base, size_t i)
{
	char idx[32], tmp[PATH_MAX_LEN];
	size_t len = 0;

	snprintf(idx, sizeof(idx), "[%zu]", i);
	tmp[0] = '\0';
	append(tmp, &len, base);
	append(tmp, &len, idx);
	memcpy(out, tmp, len + 1);
}

static char *dup_or_oom(struct reader *r, const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		r->oom = 1;
	return d;
}

static void set_src(struct reader *r, struct profile_src *src, const char *path,
		    const struct json_node *n)
{
	src->path = dup_or_oom(r, path);
	src->pos = n->pos;
}

static bool type_is(struct reader *r, const char *path, const struct json_node *n,
		    enum json_type want, const char *what)
{
	if (n->type == want)
		return true;
	ERR(r, "SCP001", path, n, NULL, "expected %s, found %s", what, json_type_name(n->type));
	return false;
}

/* A string that names something: must be non-empty and hold no NUL. */
static const char *get_string(struct reader *r, const char *path, const struct json_node *n)
{
	if (!type_is(r, path, n, JSON_STRING, "a string"))
		return NULL;
	if (strlen(n->u.string.s) != n->u.string.len) {
		ERR(r, "SCP001", path, n, NULL, "string contains a NUL character (\\u0000)");
		return NULL;
	}
	return n->u.string.s;
}

static bool get_u64(struct reader *r, const char *path, const struct json_node *n, uint64_t *out)
{
	if (!type_is(r, path, n, JSON_NUMBER, "an unsigned integer"))
		return false;
	switch (json_number_u64(n, out)) {
	case JSON_NUM_OK: return true;
	case JSON_NUM_NOT_INTEGER:
		ERR(r, "SCP001", path, n, "write the value as a whole number, e.g. 1",
		    "%s is not an integer", n->u.number.text);
		return false;
	case JSON_NUM_NEGATIVE:
		ERR(r, "SCP001", path, n,
		    "argument values are unsigned 64-bit: write -1 as 18446744073709551615",
		    "%s is negative; expected an unsigned integer", n->u.number.text);
		return false;
	case JSON_NUM_OVERFLOW:
		ERR(r, "SCP001", path, n, NULL,
		    "%s does not fit in 64 bits (max 18446744073709551615)", n->u.number.text);
		return false;
	}
	return false;
}

/* Arrays may be null (absent).  Returns NULL for null, after a type error. */
static const struct json_node *get_array(struct reader *r, const char *path,
					 const struct json_node *n)
{
	if (n->type == JSON_NULL)
		return NULL;
	return type_is(r, path, n, JSON_ARRAY, "an array") ? n : NULL;
}

static void unknown_key(struct reader *r, const char *base, const struct json_member *m,
			const char *const *known, size_t n_known)
{
	const char *sug = profile_suggest(m->key, known, n_known);
	char path[PATH_MAX_LEN];
	char hint[128];

	join(path, base, m->key);
	snprintf(hint, sizeof(hint), "did you mean \"%s\"?", sug ? sug : "");
	note(r, "SCP001", SEV_WARNING, path, m->key_pos, sug ? hint : NULL,
	     "unknown key \"%s\": runtimes ignore it", m->key);
}

static int read_action(struct reader *r, const char *path, const struct json_node *n,
		       enum profile_action *out)
{
	const char *s = get_string(r, path, n);
	int a;

	if (!s)
		return -1;
	a = profile_action_parse(s);
	if (a < 0) {
		const char *sug = profile_action_suggest(s);
		char hint[96];

		snprintf(hint, sizeof(hint), "did you mean %s?", sug ? sug : "");
		ERR(r, "SCP001", path, n,
		    sug ? hint
			: "use one of SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, "
			  "SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, "
			  "SCMP_ACT_TRACE, "
			  "SCMP_ACT_LOG, SCMP_ACT_NOTIFY",
		    "unknown action \"%s\"", s);
		return -1;
	}
	*out = (enum profile_action)a;
	return 0;
}

/* archMap entries are picked by the node's arch (Docker, podman), so an
 * entry for an arch this libseccomp lacks is never loaded here: it is kept
 * with a note instead of failing the profile.  In "architectures" every arch
 * is loaded, so there it is an error. */
static const struct arch_info *read_arch_in(struct reader *r, const char *path,
					    const struct json_node *n, bool in_archmap);

static const struct arch_info *read_arch(struct reader *r, const char *path,
					 const struct json_node *n)
{
	return read_arch_in(r, path, n, false);
}

static const struct arch_info *read_arch_in(struct reader *r, const char *path,
					    const struct json_node *n, bool in_archmap)
{
	const char *s = get_string(r, path, n);
	const struct arch_info *a;
	char hint[96];

	if (!s)
		return NULL;
	a = arch_by_oci(s);
	if (!a) {
		const char *sug = profile_arch_suggest(s);

		snprintf(hint, sizeof(hint), "did you mean %s?", sug ? sug : "");
		ERR(r, "SCP015", path, n,
		    sug ? hint : "use the SCMP_ARCH_* names, e.g. SCMP_ARCH_X86_64",
		    "unknown architecture \"%s\"", s);
		return NULL;
	}
	if (!a->supported && in_archmap) {
		note(r, "SCP015", SEV_INFO, path, n->pos, NULL,
		     "architecture %s is not known to this machine's libseccomp: the entry only "
		     "applies on such a node, and is ignored here",
		     s);
		return a;
	}
	if (!a->supported) {
		ERR(r, "SCP015", path, n, "remove it, or build runtimes against a newer libseccomp",
		    "architecture %s is not known to this machine's libseccomp: runc and crun "
		    "would "
		    "refuse the profile",
		    s);
		return NULL;
	}
	return a;
}

/* errnoRet and defaultErrnoRet: SCMP_ACT_ERRNO(x) keeps the low 16 bits of
 * x and the kernel then caps the value at MAX_ERRNO (4095), so 65536 turns
 * into 0, a fake success, and 5000 into 4095. */
static bool read_errno(struct reader *r, const char *path, const struct json_node *n, uint32_t *out)
{
	uint64_t v;

	if (!get_u64(r, path, n, &v))
		return false;
	if (v > MAX_ERRNO_VALUE) {
		ERR(r, "SCP005", path, n,
		    "use an errno value from 1 to 4095 (1 is EPERM, 38 ENOSYS)",
		    "errno %llu is above 4095: %s", (unsigned long long)v,
		    (v & 0xffff) == 0
			? "libseccomp keeps the low 16 bits, so the call would fake "
			  "success (0)"
			: "the kernel caps it at 4095 and libseccomp keeps only 16 bits");
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static void read_string_list(struct reader *r, const char *path, const struct json_node *n,
			     char ***out, size_t *n_out)
{
	const struct json_node *arr = get_array(r, path, n);
	char p[PATH_MAX_LEN];

	if (!arr || arr->u.array.n == 0)
		return;
	*out = calloc(arr->u.array.n, sizeof(**out));
	if (!*out) {
		r->oom = 1;
		return;
	}
	for (size_t i = 0; i < arr->u.array.n; i++) {
		const char *s;

		join_index(p, path, i);
		s = get_string(r, p, arr->u.array.items[i]);
		if (s)
			(*out)[(*n_out)++] = dup_or_oom(r, s);
	}
}

/* Docker's KernelVersion takes exactly "<uint8>.<uint8>" and refuses
 * "0.0"; anything else fails the profile there, so it is an error here
 * rather than a number read some other way ("-1.0" must not become
 * 4294967295.0). */
static int parse_min_kernel(const char *s, unsigned *major, unsigned *minor)
{
	unsigned v[2] = {0, 0};
	int part = 0, digits = 0;

	for (; *s; s++) {
		if (*s == '.' && part == 0 && digits) {
			part = 1;
			digits = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 3)
			return -1;
		v[part] = v[part] * 10 + (unsigned)(*s - '0');
		if (v[part] > 255)
			return -1;
	}
	if (part != 1 || !digits || (v[0] == 0 && v[1] == 0))
		return -1;
	*major = v[0];
	*minor = v[1];
	return 0;
}

static void read_cond(struct reader *r, const char *path, const struct json_node *n,
		      struct profile_cond *c, struct profile *p, unsigned seen_bit)
{
	static const char *const known[] = {"arches", "caps", "minKernel"};
	char sub[PATH_MAX_LEN];

	if (n->type == JSON_NULL)
		return;
	if (!type_is(r, path, n, JSON_OBJECT, "an object"))
		return;
	c->present = true;
	p->seen |= seen_bit;
	set_src(r, &c->src, path, n);
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct json_member *m = &n->u.object.members[i];

		join(sub, path, m->key);
		if (strcmp(m->key, "arches") == 0) {
			read_string_list(r, sub, m->value, &c->arches, &c->n_arches);
		} else if (strcmp(m->key, "caps") == 0) {
			read_string_list(r, sub, m->value, &c->caps, &c->n_caps);
		} else if (strcmp(m->key, "minKernel") == 0) {
			const char *s;
			unsigned maj, min;

			if (m->value->type == JSON_NULL)
				continue;
			s = get_string(r, sub, m->value);
			if (!s || !s[0]) /* Docker reads "" as no minimum */
				continue;
			p->seen |= SEEN_MINKERNEL;
			if (parse_min_kernel(s, &maj, &min) < 0) {
				ERR(r, "SCP001", sub, m->value,
				    "write it as MAJOR.MINOR, e.g. \"4.8\"",
				    "minKernel \"%s\" is not a kernel version", s);
				continue;
			}
			c->has_min_kernel = true;
			c->min_major = maj;
			c->min_minor = min;
		} else {
			unknown_key(r, path, m, known, SC_ARRAY_SIZE(known));
		}
	}
}

static void read_arg(struct reader *r, const char *path, const struct json_node *n,
		     struct profile_arg *a)
{
	static const char *const known[] = {"index", "value", "valueTwo", "op"};
	bool have_index = false, have_op = false, have_value = false;
	char sub[PATH_MAX_LEN];

	set_src(r, &a->src, path, n);
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct json_member *m = &n->u.object.members[i];
		uint64_t v;

		join(sub, path, m->key);
		if (strcmp(m->key, "index") == 0) {
			have_index = true; /* present: a bad value is its own error */
			if (!get_u64(r, sub, m->value, &v))
				continue;
			if (v > 5) {
				ERR(r, "SCP003", sub, m->value,
				    "syscalls take at most 6 arguments: use an index from 0 to 5",
				    "argument index %llu is out of range", (unsigned long long)v);
				continue;
			}
			a->index = (unsigned)v;
		} else if (strcmp(m->key, "value") == 0) {
			have_value = true;
			get_u64(r, sub, m->value, &a->value);
		} else if (strcmp(m->key, "valueTwo") == 0) {
			if (m->value->type != JSON_NULL && get_u64(r, sub, m->value, &a->value_two))
				a->has_value_two = true;
		} else if (strcmp(m->key, "op") == 0) {
			const char *s = get_string(r, sub, m->value);
			int op;

			have_op = true;
			if (!s)
				continue;
			op = profile_op_parse(s);
			if (op < 0) {
				const char *sug = profile_op_suggest(s);
				char hint[96];

				snprintf(hint, sizeof(hint), "did you mean %s?", sug ? sug : "");
				ERR(r, "SCP001", sub, m->value,
				    sug ? hint : "use SCMP_CMP_EQ, NE, LT, LE, GE, GT or MASKED_EQ",
				    "unknown operator \"%s\"", s);
				continue;
			}
			a->op = (enum profile_op)op;
		} else {
			unknown_key(r, path, m, known, SC_ARRAY_SIZE(known));
		}
	}
	if (!have_index)
		ERR(r, "SCP001", path, n, "add \"index\": 0..5", "argument has no \"index\"");
	if (!have_op)
		ERR(r, "SCP001", path, n, "add e.g. \"op\": \"SCMP_CMP_EQ\"",
		    "argument has no \"op\"");
	if (!have_value)
		ERR(r, "SCP001", path, n, "add \"value\"", "argument has no \"value\"");
}

static void read_names(struct reader *r, const char *path, const struct json_node *n,
		       struct profile_rule *rule)
{
	const struct json_node *arr = get_array(r, path, n);
	char sub[PATH_MAX_LEN];

	if (!arr)
		return;
	if (arr->u.array.n == 0) {
		ERR(r, "SCP002", path, n, "list at least one syscall name, or remove the entry",
		    "\"names\" is empty");
		return;
	}
	rule->names = calloc(arr->u.array.n + 1, sizeof(*rule->names));
	if (!rule->names) {
		r->oom = 1;
		return;
	}
	for (size_t i = 0; i < arr->u.array.n; i++) {
		const struct json_node *e = arr->u.array.items[i];
		const char *s;

		join_index(sub, path, i);
		s = get_string(r, sub, e);
		if (!s)
			continue;
		if (!s[0]) {
			ERR(r, "SCP002", sub, e, "remove the empty string", "empty syscall name");
			continue;
		}
		rule->names[rule->n_names].name = dup_or_oom(r, s);
		set_src(r, &rule->names[rule->n_names].src, sub, e);
		rule->n_names++;
	}
}

static void read_rule(struct reader *r, const char *path, const struct json_node *n,
		      struct profile_rule *rule)
{
	static const char *const known[] = {"names", "name",	"action",   "errnoRet", "errno",
					    "args",  "comment", "includes", "excludes"};
	const struct json_node *errno_node = NULL, *action_node = NULL, *name_node = NULL;
	bool have_names = false;
	char sub[PATH_MAX_LEN];

	set_src(r, &rule->src, path, n);
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct json_member *m = &n->u.object.members[i];

		join(sub, path, m->key);
		if (strcmp(m->key, "names") == 0) {
			if (m->value->type != JSON_NULL)
				have_names = true;
			read_names(r, sub, m->value, rule);
		} else if (strcmp(m->key, "name") == 0) {
			if (m->value->type != JSON_NULL)
				name_node = m->value;
		} else if (strcmp(m->key, "action") == 0) {
			action_node = m->value;
			set_src(r, &rule->action_src, sub, m->value);
		} else if (strcmp(m->key, "errnoRet") == 0) {
			if (m->value->type != JSON_NULL &&
			    read_errno(r, sub, m->value, &rule->errno_ret)) {
				rule->has_errno = true;
				errno_node = m->value;
			}
		} else if (strcmp(m->key, "errno") == 0) {
			const char *s;

			if (m->value->type == JSON_NULL)
				continue;
			s = get_string(r, sub, m->value);
			r->p->seen |= SEEN_ERRNO_STRING;
			if (s)
				rule->errno_name = dup_or_oom(r, s);
		} else if (strcmp(m->key, "args") == 0) {
			const struct json_node *arr = get_array(r, sub, m->value);
			char ap[PATH_MAX_LEN];

			if (!arr || arr->u.array.n == 0)
				continue;
			if (arr->u.array.n > 6)
				ERR(r, "SCP003", sub, m->value,
				    "split the entry: a rule holds at most 6 conditions",
				    "%zu argument conditions; libseccomp takes at most 6 and some "
				    "runtimes silently dropped the rest",
				    arr->u.array.n);
			rule->args = calloc(arr->u.array.n, sizeof(*rule->args));
			if (!rule->args) {
				r->oom = 1;
				continue;
			}
			for (size_t j = 0; j < arr->u.array.n; j++) {
				const struct json_node *a = arr->u.array.items[j];

				join_index(ap, sub, j);
				if (!type_is(r, ap, a, JSON_OBJECT, "an object"))
					continue;
				read_arg(r, ap, a, &rule->args[rule->n_args++]);
			}
		} else if (strcmp(m->key, "comment") == 0) {
			const char *s;

			if (m->value->type == JSON_NULL)
				continue;
			if (type_is(r, sub, m->value, JSON_STRING, "a string")) {
				s = m->value->u.string.s;
				rule->comment = dup_or_oom(r, s);
			}
		} else if (strcmp(m->key, "includes") == 0) {
			read_cond(r, sub, m->value, &rule->includes, r->p, SEEN_INCLUDES);
		} else if (strcmp(m->key, "excludes") == 0) {
			read_cond(r, sub, m->value, &rule->excludes, r->p, SEEN_EXCLUDES);
		} else {
			unknown_key(r, path, m, known, SC_ARRAY_SIZE(known));
		}
	}

	if (name_node) {
		const char *s;

		join(sub, path, "name");
		r->p->seen |= SEEN_NAME;
		rule->legacy_name = true;
		rule->both_names = have_names;
		s = get_string(r, sub, name_node);
		if (s && !s[0])
			ERR(r, "SCP002", sub, name_node, "remove the empty string",
			    "empty syscall name");
		else if (s && !have_names) {
			rule->names = calloc(1, sizeof(*rule->names));
			if (!rule->names) {
				r->oom = 1;
			} else {
				rule->names[0].name = dup_or_oom(r, s);
				set_src(r, &rule->names[0].src, sub, name_node);
				rule->n_names = 1;
			}
		}
	} else if (!have_names) {
		ERR(r, "SCP002", path, n, "add \"names\": [\"...\"]", "entry has no \"names\"");
	}

	if (!action_node) {
		ERR(r, "SCP001", path, n, "add e.g. \"action\": \"SCMP_ACT_ALLOW\"",
		    "entry has no \"action\"");
		return;
	}
	join(sub, path, "action");
	if (read_action(r, sub, action_node, &rule->action) < 0)
		return;
	if (errno_node && rule->action == ACT_ERRNO && rule->errno_ret == 0) {
		join(sub, path, "errnoRet");
		note(r, "SCP005", SEV_WARNING, sub, errno_node->pos,
		     "use a real errno (1 is EPERM, 38 ENOSYS), or SCMP_ACT_ALLOW if the call may "
		     "run",
		     "errnoRet 0 skips the syscall and reports success: the program believes it "
		     "worked");
	}
	if (errno_node && rule->action == ACT_ERRNO && rule->errno_ret == MAX_ERRNO_VALUE) {
		join(sub, path, "errnoRet");
		ERR(r, "SCP005", sub, errno_node, "use 4094 or lower",
		    "errnoRet 4095: libseccomp 2.5.4 refuses SCMP_ACT_ERRNO(4095) (EINVAL), so "
		    "runc "
		    "and crun fail to load the profile");
	}
	if (errno_node && rule->action != ACT_ERRNO && rule->action != ACT_TRACE) {
		join(sub, path, "errnoRet");
		ERR(r, "SCP004", sub, errno_node,
		    "remove errnoRet, or use SCMP_ACT_ERRNO / SCMP_ACT_TRACE",
		    "errnoRet on %s: the runtime-spec says the runtime must fail",
		    profile_action_name(rule->action));
	}
}

static void read_archmap(struct reader *r, const char *path, const struct json_node *n)
{
	static const char *const known[] = {"architecture", "subArchitectures"};
	const struct json_node *arr = get_array(r, path, n);
	struct profile *p = r->p;
	char sub[PATH_MAX_LEN], key[PATH_MAX_LEN];

	if (!arr)
		return;
	p->seen |= SEEN_ARCHMAP;
	p->archmap = calloc(arr->u.array.n + 1, sizeof(*p->archmap));
	if (!p->archmap) {
		r->oom = 1;
		return;
	}
	for (size_t i = 0; i < arr->u.array.n; i++) {
		const struct json_node *e = arr->u.array.items[i];
		struct profile_archmap *am = &p->archmap[p->n_archmap];
		bool have_arch = false;

		join_index(sub, path, i);
		if (!type_is(r, sub, e, JSON_OBJECT, "an object"))
			continue;
		set_src(r, &am->src, sub, e);
		for (size_t j = 0; j < e->u.object.n; j++) {
			const struct json_member *m = &e->u.object.members[j];

			join(key, sub, m->key);
			if (strcmp(m->key, "architecture") == 0) {
				am->arch = read_arch_in(r, key, m->value, true);
				have_arch = am->arch != NULL;
			} else if (strcmp(m->key, "subArchitectures") == 0) {
				const struct json_node *subs = get_array(r, key, m->value);
				char ap[PATH_MAX_LEN];

				if (!subs || subs->u.array.n == 0)
					continue;
				am->subs = calloc(subs->u.array.n, sizeof(*am->subs));
				if (!am->subs) {
					r->oom = 1;
					continue;
				}
				for (size_t k = 0; k < subs->u.array.n; k++) {
					const struct arch_info *a;

					join_index(ap, key, k);
					a = read_arch_in(r, ap, subs->u.array.items[k], true);
					if (a)
						am->subs[am->n_subs++] = a;
				}
			} else {
				unknown_key(r, sub, m, known, SC_ARRAY_SIZE(known));
			}
		}
		if (have_arch)
			p->n_archmap++;
		else {
			free(am->subs);
			free(am->src.path);
			memset(am, 0, sizeof(*am));
			if (!e->u.object.n || !json_object_get(e, "architecture"))
				ERR(r, "SCP001", sub, e, NULL,
				    "archMap entry has no \"architecture\"");
		}
	}
}

static void read_top(struct reader *r, const char *base, const struct json_node *root)
{
	static const char *const known[] = {"defaultAction", "defaultErrnoRet",	 "defaultErrno",
					    "architectures", "archMap",		 "flags",
					    "listenerPath",  "listenerMetadata", "syscalls"};
	struct profile *p = r->p;
	const struct json_node *action = NULL;
	const struct json_node *default_errno = NULL;
	char path[PATH_MAX_LEN];

	for (size_t i = 0; i < root->u.object.n; i++) {
		const struct json_member *m = &root->u.object.members[i];
		const struct json_node *v = m->value;

		join(path, base, m->key);
		if (strcmp(m->key, "defaultAction") == 0) {
			action = v;
			set_src(r, &p->default_src, path, v);
		} else if (strcmp(m->key, "defaultErrnoRet") == 0) {
			if (v->type != JSON_NULL && read_errno(r, path, v, &p->default_errno)) {
				p->has_default_errno = true;
				default_errno = v;
			}
		} else if (strcmp(m->key, "defaultErrno") == 0) {
			const char *s;

			if (v->type == JSON_NULL)
				continue;
			s = get_string(r, path, v);
			p->seen |= SEEN_ERRNO_STRING;
			if (s)
				p->default_errno_name = dup_or_oom(r, s);
		} else if (strcmp(m->key, "architectures") == 0) {
			const struct json_node *arr = get_array(r, path, v);
			char ap[PATH_MAX_LEN];

			if (!arr)
				continue;
			p->has_arches = true;
			p->arches = calloc(arr->u.array.n + 1, sizeof(*p->arches));
			p->arch_srcs = calloc(arr->u.array.n + 1, sizeof(*p->arch_srcs));
			if (!p->arches || !p->arch_srcs) {
				r->oom = 1;
				continue;
			}
			for (size_t j = 0; j < arr->u.array.n; j++) {
				const struct arch_info *a;
				bool dup = false;

				join_index(ap, path, j);
				a = read_arch(r, ap, arr->u.array.items[j]);
				if (!a)
					continue;
				for (size_t k = 0; k < p->n_arches; k++)
					dup |= p->arches[k] == a;
				if (dup) {
					note(r, "SCP015", SEV_INFO, ap, arr->u.array.items[j]->pos,
					     "remove the repeat", "%s is listed twice", a->oci);
					continue;
				}
				set_src(r, &p->arch_srcs[p->n_arches], ap, arr->u.array.items[j]);
				p->arches[p->n_arches++] = a;
			}
		} else if (strcmp(m->key, "archMap") == 0) {
			read_archmap(r, path, v);
		} else if (strcmp(m->key, "flags") == 0) {
			const struct json_node *arr = get_array(r, path, v);
			char fp[PATH_MAX_LEN];

			if (!arr)
				continue;
			p->has_flags = true;
			p->seen |= SEEN_FLAGS;
			set_src(r, &p->flags_src, path, v);
			for (size_t j = 0; j < arr->u.array.n; j++) {
				const struct json_node *e = arr->u.array.items[j];
				const char *s;
				int f;

				join_index(fp, path, j);
				s = get_string(r, fp, e);
				if (!s)
					continue;
				f = profile_flag_parse(s);
				if (f < 0) {
					const char *sug = profile_flag_suggest(s);
					char hint[96];

					snprintf(hint, sizeof(hint), "did you mean %s?",
						 sug ? sug : "");
					ERR(r, "SCP001", fp, e,
					    sug ? hint
						: "use SECCOMP_FILTER_FLAG_TSYNC, _LOG, "
						  "_SPEC_ALLOW or _WAIT_KILLABLE_RECV",
					    "unknown flag \"%s\"", s);
					continue;
				}
				p->flags |= (unsigned)f;
			}
		} else if (strcmp(m->key, "listenerPath") == 0 ||
			   strcmp(m->key, "listenerMetadata") == 0) {
			const char *s;

			if (v->type == JSON_NULL)
				continue;
			s = get_string(r, path, v);
			if (!s)
				continue;
			if (m->key[8] == 'P')
				p->listener_path = dup_or_oom(r, s);
			else
				p->listener_metadata = dup_or_oom(r, s);
		} else if (strcmp(m->key, "syscalls") == 0) {
			const struct json_node *arr = get_array(r, path, v);
			char sp[PATH_MAX_LEN];

			if (!arr || arr->u.array.n == 0)
				continue;
			p->rules = calloc(arr->u.array.n, sizeof(*p->rules));
			if (!p->rules) {
				r->oom = 1;
				continue;
			}
			for (size_t j = 0; j < arr->u.array.n; j++) {
				const struct json_node *e = arr->u.array.items[j];
				struct profile_rule *rule;

				join_index(sp, path, j);
				if (e->type == JSON_NULL)
					continue;
				if (!type_is(r, sp, e, JSON_OBJECT, "an object"))
					continue;
				rule = &p->rules[p->n_rules++];
				rule->index = j;
				read_rule(r, sp, e, rule);
			}
		} else {
			unknown_key(r, base, m, known, SC_ARRAY_SIZE(known));
		}
	}

	if (!action) {
		ERR(r, "SCP001", base, root, "add e.g. \"defaultAction\": \"SCMP_ACT_ERRNO\"",
		    "missing \"defaultAction\": every runtime refuses the profile");
	} else {
		join(path, base, "defaultAction");
		if (read_action(r, path, action, &p->default_action) == 0) {
			if (default_errno && p->default_action == ACT_ERRNO &&
			    p->default_errno == 0) {
				join(path, base, "defaultErrnoRet");
				note(r, "SCP005", SEV_WARNING, path, default_errno->pos,
				     "use a real errno (1 is EPERM, 38 ENOSYS)",
				     "defaultErrnoRet 0 makes every unlisted syscall skip and "
				     "report "
				     "success");
			}
			if (default_errno && p->default_action == ACT_ERRNO &&
			    p->default_errno == MAX_ERRNO_VALUE) {
				join(path, base, "defaultErrnoRet");
				ERR(r, "SCP005", path, default_errno, "use 4094 or lower",
				    "defaultErrnoRet 4095: libseccomp 2.5.4 refuses "
				    "SCMP_ACT_ERRNO(4095) (EINVAL), so runc and crun fail to load "
				    "the profile");
			}
			if (default_errno && p->default_action != ACT_ERRNO &&
			    p->default_action != ACT_TRACE) {
				join(path, base, "defaultErrnoRet");
				ERR(r, "SCP004", path, default_errno,
				    "remove defaultErrnoRet, or make the default SCMP_ACT_ERRNO",
				    "defaultErrnoRet with default action %s: the runtime-spec says "
				    "the "
				    "runtime must fail",
				    profile_action_name(p->default_action));
			}
		}
	}
}

int profile_from_json(const struct json_node *root, const char *file, const char *path_prefix,
		      struct profile **out, struct diag_list *diags, struct sc_error *err)
{
	struct reader r = {.file = file ? file : "-", .diags = diags, .err = err};
	const struct json_node *obj = root;
	char base[PATH_MAX_LEN];
	struct profile *p;

	*out = NULL;
	snprintf(base, sizeof(base), "%s", path_prefix ? path_prefix : "");
	p = calloc(1, sizeof(*p));
	if (!p)
		return sc_error_set(err, -ENOMEM, "out of memory");
	r.p = p;
	p->file = dup_or_oom(&r, r.file);

	if (root->type == JSON_OBJECT && !json_object_get(root, "defaultAction") &&
	    (json_object_get(root, "ociVersion") || json_object_get(root, "linux"))) {
		const struct json_node *linux_node = json_object_get(root, "linux");
		const struct json_node *sec = linux_node && linux_node->type == JSON_OBJECT
						  ? json_object_get(linux_node, "seccomp")
						  : NULL;

		p->from_config = true;
		if (!sec || sec->type == JSON_NULL) {
			ERR(&r, "SCP001", "linux.seccomp", root,
			    "add a linux.seccomp object, or lint the profile file itself",
			    "this OCI config.json has no linux.seccomp: the container runs "
			    "unconfined");
			profile_free(p);
			return -EINVAL; /* err was filled by ERR() above */
		}
		obj = sec;
		join(base, base, "linux.seccomp");
	}
	if (obj->type != JSON_OBJECT) {
		ERR(&r, "SCP001", base, obj, "a profile is a JSON object with \"defaultAction\"",
		    "expected an object, found %s", json_type_name(obj->type));
	} else {
		read_top(&r, base, obj);
	}
	if (r.oom) {
		profile_free(p);
		return sc_error_set(err, -ENOMEM, "out of memory reading %s", r.file);
	}
	if (r.errors) {
		profile_free(p);
		return err ? err->code : -EINVAL;
	}
	*out = p;
	return 0;
}

int profile_read_buffer(const char *data, size_t len, const char *file, struct profile **out,
			struct diag_list *diags, struct sc_error *err)
{
	_cleanup_(json_doc_freep) struct json_doc *doc = NULL;
	int rc;

	*out = NULL;
	rc = json_parse(data, len, NULL, &doc, err);
	if (rc < 0) {
		sc_error_set_file(err, file);
		if (diags)
			diag_add(diags, "SCP001", SEV_ERROR, file, "",
				 (struct json_pos){err->line, err->col}, NULL, "%s", err->msg);
		return rc;
	}
	return profile_from_json(json_doc_root(doc), file, "", out, diags, err);
}

/* Reads at most limit+1 bytes so that an oversized input is reported
 * without reading all of it. */
static int slurp(int fd, size_t limit, char **out, size_t *len, struct sc_error *err)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (;;) {
		ssize_t got;

		if (n == cap) {
			char *nb;

			if (cap > limit) {
				free(buf);
				return sc_error_set(
				    err, -E2BIG,
				    "input larger than %zu bytes: not a seccomp profile "
				    "(the limit keeps a bad file from exhausting memory)",
				    limit);
			}
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return sc_error_set(err, -ENOMEM, "out of memory");
			}
			buf = nb;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return sc_error_set(err, -errno, "cannot read: %s", strerror(errno));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > limit) {
		free(buf);
		return sc_error_set(err, -E2BIG,
				    "input larger than %zu bytes: not a seccomp profile (the limit "
				    "keeps a bad file from exhausting memory)",
				    limit);
	}
	*out = buf;
	*len = n;
	return 0;
}

int profile_read_file(const char *path, struct profile **out, struct diag_list *diags,
		      struct sc_error *err)
{
	_cleanup_free_ char *data = NULL;
	_cleanup_close_ int fd = -1;
	struct json_limits lim = json_limits_default();
	struct stat st;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		fd = dup(STDIN_FILENO);
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	}
	if (fd < 0) {
		rc = sc_error_set(err, -errno, "cannot open: %s", strerror(errno));
		sc_error_set_file(err, path);
		return rc;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = sc_error_set(err, -EISDIR, "is a directory: give a profile file");
		sc_error_set_file(err, path);
		return rc;
	}
	rc = slurp(fd, lim.max_bytes, &data, &len, err);
	if (rc < 0) {
		sc_error_set_file(err, path);
		if (diags)
			diag_add(diags, "SCP001", SEV_ERROR, path, "", (struct json_pos){0, 0},
				 NULL, "%s", err->msg);
		return rc;
	}
	return profile_read_buffer(data, len, path, out, diags, err);
}

static void free_src(struct profile_src *s)
{
	free(s->path);
}

static void free_cond(struct profile_cond *c)
{
	for (size_t i = 0; i < c->n_arches; i++)
		free(c->arches[i]);
	free(c->arches);
	for (size_t i = 0; i < c->n_caps; i++)
		free(c->caps[i]);
	free(c->caps);
	free_src(&c->src);
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_rules; i++) {
		struct profile_rule *r = &p->rules[i];

		for (size_t j = 0; j < r->n_names; j++) {
			free(r->names[j].name);
			free_src(&r->names[j].src);
		}
		free(r->names);
		for (size_t j = 0; j < r->n_args; j++)
			free_src(&r->args[j].src);
		free(r->args);
		free(r->comment);
		free(r->errno_name);
		free_cond(&r->includes);
		free_cond(&r->excludes);
		free_src(&r->src);
		free_src(&r->action_src);
	}
	free(p->rules);
	for (size_t i = 0; i < p->n_archmap; i++) {
		free(p->archmap[i].subs);
		free_src(&p->archmap[i].src);
	}
	free(p->archmap);
	for (size_t i = 0; i < p->n_arches; i++)
		free_src(&p->arch_srcs[i]);
	free(p->arch_srcs);
	free(p->arches);
	free_src(&p->default_src);
	free_src(&p->flags_src);
	free(p->default_errno_name);
	free(p->listener_path);
	free(p->listener_metadata);
	free(p->file);
	free(p);
}
