/* Unit tests for src/profile: the reader (read.c), the resolver
 * (resolve.c) and the canonical writer (write.c).
 *
 * Expectations are data: the schema errors are one table (document, rule
 * ID, JSON path, line:col, message), run as one test per row; the resolution
 * counts were computed outside this code from the JSON itself (see
 * resolve_* below); the writer is held to two properties over every real
 * profile we have: fmt(fmt(x)) == fmt(x), and read(fmt(x)) means what x
 * means (same multiset of (name, action, errno, args, includes, excludes)).
 *
 * Real profiles: the lab profiles (profiles/lab), profiles/builtin/runtime-default.json
 * (containers-common's default) and the seed corpus copies of
 * the shared corpus (shared/corpus) in fuzz/corpus/profile/ (moby-default.json,
 * containers-default.json).
 */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile.h"
#include "util/strbuf.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ---- */

static char *slurp(const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, n = 0;

	snprintf(path, sizeof(path), "%s/%s", SRCDIR, rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	for (;;) {
		size_t got;

		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Read a document that must be valid; fails the test with every finding. */
static struct profile *read_ok(const char *doc)
{
	struct diag_list diags = {0};
	struct sc_error err = {0};
	struct profile *p = NULL;
	int rc = profile_read_buffer(doc, strlen(doc), "t.json", &p, &diags, &err);

	if (rc < 0) {
		for (size_t i = 0; i < diags.n; i++)
			print_error("%u:%u %s %s: %s\n", diags.items[i].pos.line,
				    diags.items[i].pos.col, diags.items[i].id, diags.items[i].path,
				    diags.items[i].message);
		fail_msg("read failed (%d): %s", rc, err.msg);
	}
	assert_int_equal(diag_list_count(&diags, SEV_ERROR), 0);
	diag_list_free(&diags);
	assert_non_null(p);
	return p;
}

static struct profile *read_rel(const char *rel)
{
	size_t len;
	char *doc = slurp(rel, &len);
	struct sc_error err = {0};
	struct profile *p = NULL;
	int rc = profile_read_buffer(doc, len, rel, &p, NULL, &err);

	if (rc < 0)
		fail_msg("%s: %u:%u %s", rel, err.line, err.col, err.msg);
	free(doc);
	return p;
}

/* Read a document that must fail; returns its findings (caller frees). */
static void read_bad(const char *doc, struct diag_list *diags, struct sc_error *err)
{
	struct profile *p = (struct profile *)1;
	int rc = profile_read_buffer(doc, strlen(doc), "t.json", &p, diags, err);

	assert_int_equal(rc, -EINVAL);
	assert_null(p);
}

static const struct diag *find_diag(const struct diag_list *l, const char *id, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0 &&
		    (!path || strcmp(l->items[i].path, path) == 0))
			return &l->items[i];
	return NULL;
}

static void dump_diags(const struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		print_error("  %u:%u %s %s %s: %s%s%s\n", l->items[i].pos.line, l->items[i].pos.col,
			    diag_severity_name(l->items[i].sev), l->items[i].id, l->items[i].path,
			    l->items[i].message, l->items[i].hint ? " / hint: " : "",
			    l->items[i].hint ? l->items[i].hint : "");
}

static char *fmt(const struct profile *p)
{
	struct sc_error err = {0};
	char *out = NULL;

	if (profile_write_canonical(p, &out, &err) < 0)
		fail_msg("write: %s", err.msg);
	assert_non_null(out);
	return out;
}

static char *fmt_doc(const char *doc)
{
	struct profile *p = read_ok(doc);
	char *out = fmt(p);

	profile_free(p);
	return out;
}

static const struct arch_info *oci_arch(const char *oci)
{
	const struct arch_info *a = arch_by_oci(oci);

	if (!a)
		fail_msg("no arch %s", oci);
	return a;
}

static void ctx_for(struct profile_ctx *ctx, const char *oci, unsigned kmaj, unsigned kmin)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->native = oci_arch(oci);
	ctx->caps = profile_default_caps;
	ctx->n_caps = profile_default_caps_count;
	ctx->kernel_major = kmaj;
	ctx->kernel_minor = kmin;
}

static struct profile *resolve(const struct profile *p, const struct profile_ctx *ctx)
{
	struct sc_error err = {0};
	struct profile *out = NULL;

	if (profile_resolve(p, ctx, &out, &err) < 0)
		fail_msg("resolve: %s", err.msg);
	assert_non_null(out);
	return out;
}

static size_t count_names(const struct profile *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n_rules; i++)
		n += p->rules[i].n_names;
	return n;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t count_unique_names(const struct profile *p)
{
	size_t n = 0, u = 0;
	const char **all = calloc(count_names(p) + 1, sizeof(*all));

	assert_non_null(all);
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_names; j++)
			all[n++] = p->rules[i].names[j].name;
	qsort(all, n, sizeof(*all), cmp_cstr);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(all[i - 1], all[i]) != 0)
			u++;
	free(all);
	return u;
}

static size_t count_action(const struct profile *p, enum profile_action a)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n_rules; i++)
		n += p->rules[i].action == a;
	return n;
}

/* Does any rule with action a name `name`? */
static bool names_with(const struct profile *p, const char *name, enum profile_action a)
{
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_names; j++)
			if (p->rules[i].action == a && strcmp(p->rules[i].names[j].name, name) == 0)
				return true;
	return false;
}

static bool names_any(const struct profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_names; j++)
			if (strcmp(p->rules[i].names[j].name, name) == 0)
				return true;
	return false;
}

static void assert_arches(const struct profile *p, const char *const *want, size_t n)
{
	if (p->n_arches != n) {
		for (size_t i = 0; i < p->n_arches; i++)
			print_error("  have %s\n", p->arches[i]->oci);
		fail_msg("%zu arches, want %zu", p->n_arches, n);
	}
	for (size_t i = 0; i < n; i++)
		assert_string_equal(p->arches[i]->oci, want[i]);
}

/* ---- the meaning of a model, as a set of tuples ----
 *
 * One string per (rule, name): name, action, errno (errnoRet as given and
 * the containers' "errno" string), the argument conditions in order (an
 * absent valueTwo is 0, as runc reads it), includes and excludes.  The
 * writer merges identical entries and drops repeated names, which keeps
 * meaning but not multiplicity, so identical tuples are counted once: the
 * comparison is of the de-duplicated sorted lists. */

struct tuples {
	char **v;
	size_t n;
};

static void put_cond(struct sc_strbuf *b, const struct profile_cond *c)
{
	sc_strbuf_puts(b, "{");
	for (size_t i = 0; i < c->n_arches; i++)
		sc_strbuf_printf(b, "a=%s,", c->arches[i]);
	for (size_t i = 0; i < c->n_caps; i++)
		sc_strbuf_printf(b, "c=%s,", c->caps[i]);
	if (c->has_min_kernel)
		sc_strbuf_printf(b, "k=%u.%u", c->min_major, c->min_minor);
	sc_strbuf_puts(b, "}");
}

static void model_tuples(const struct profile *p, struct tuples *t)
{
	size_t n = count_names(p), k = 0;

	t->v = calloc(n + 1, sizeof(*t->v));
	assert_non_null(t->v);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];

		for (size_t j = 0; j < r->n_names; j++) {
			struct sc_strbuf b = {0};

			sc_strbuf_printf(&b, "%s|%s|%s%u|%s|", r->names[j].name,
					 profile_action_name(r->action), r->has_errno ? "=" : "~",
					 r->has_errno ? r->errno_ret : 0,
					 r->errno_name ? r->errno_name : "-");
			for (size_t a = 0; a < r->n_args; a++)
				sc_strbuf_printf(&b, "(%u %s %llu %llu)", r->args[a].index,
						 profile_op_name(r->args[a].op),
						 (unsigned long long)r->args[a].value,
						 (unsigned long long)(r->args[a].has_value_two
									  ? r->args[a].value_two
									  : 0));
			sc_strbuf_puts(&b, "|in");
			put_cond(&b, &r->includes);
			sc_strbuf_puts(&b, "|ex");
			put_cond(&b, &r->excludes);
			assert_false(sc_strbuf_failed(&b));
			t->v[k++] = sc_strbuf_steal(&b);
		}
	}
	qsort(t->v, k, sizeof(*t->v), cmp_cstr);
	t->n = 0;
	for (size_t i = 0; i < k; i++) {
		if (t->n && strcmp(t->v[t->n - 1], t->v[i]) == 0) {
			free(t->v[i]);
			continue;
		}
		t->v[t->n++] = t->v[i];
	}
}

static void tuples_free(struct tuples *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

/* The profile-level meaning: default, arches, archMap, flags, listener. */
static void assert_same_header(const struct profile *a, const struct profile *b)
{
	assert_int_equal(a->default_action, b->default_action);
	assert_int_equal(a->has_default_errno, b->has_default_errno);
	assert_int_equal(profile_default_errno(a), profile_default_errno(b));
	assert_true((a->default_errno_name == NULL) == (b->default_errno_name == NULL));
	if (a->default_errno_name)
		assert_string_equal(a->default_errno_name, b->default_errno_name);
	assert_int_equal(a->n_arches, b->n_arches);
	for (size_t i = 0; i < a->n_arches; i++)
		assert_ptr_equal(a->arches[i], b->arches[i]);
	assert_int_equal(a->n_archmap, b->n_archmap);
	for (size_t i = 0; i < a->n_archmap; i++) {
		assert_ptr_equal(a->archmap[i].arch, b->archmap[i].arch);
		assert_int_equal(a->archmap[i].n_subs, b->archmap[i].n_subs);
		for (size_t j = 0; j < a->archmap[i].n_subs; j++)
			assert_ptr_equal(a->archmap[i].subs[j], b->archmap[i].subs[j]);
	}
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->has_flags, b->has_flags);
	assert_true((a->listener_path == NULL) == (b->listener_path == NULL));
	if (a->listener_path)
		assert_string_equal(a->listener_path, b->listener_path);
	assert_true((a->listener_metadata == NULL) == (b->listener_metadata == NULL));
	if (a->listener_metadata)
		assert_string_equal(a->listener_metadata, b->listener_metadata);
}

static void assert_same_meaning(const struct profile *a, const struct profile *b, const char *what)
{
	struct tuples ta, tb;
	size_t i = 0, j = 0;
	bool same = true;

	assert_same_header(a, b);
	model_tuples(a, &ta);
	model_tuples(b, &tb);
	while (i < ta.n || j < tb.n) {
		int c = i == ta.n ? 1 : j == tb.n ? -1 : strcmp(ta.v[i], tb.v[j]);

		if (c == 0) {
			i++;
			j++;
			continue;
		}
		same = false;
		if (c < 0)
			print_error("%s: only before fmt: %s\n", what, ta.v[i++]);
		else
			print_error("%s: only after fmt:  %s\n", what, tb.v[j++]);
	}
	tuples_free(&ta);
	tuples_free(&tb);
	if (!same)
		fail_msg("%s: fmt changed the meaning", what);
}

/* fmt(x) is a fixed point and read(fmt(x)) means what x means. */
static void check_writer_properties(const struct profile *p, const char *what)
{
	char *once = fmt(p), *twice;
	struct profile *back = read_ok(once);

	twice = fmt(back);
	if (strcmp(once, twice) != 0) {
		print_error("%s: first fmt:\n%s\nsecond fmt:\n%s\n", what, once, twice);
		fail_msg("%s: fmt is not a fixed point", what);
	}
	assert_same_meaning(p, back, what);
	profile_free(back);
	free(once);
	free(twice);
}

/* ---- reading: every field of DESIGN.md section 3 ---- */

static void read_top_level_fields(void **state)
{
	struct profile *p =
	    read_ok("{\n"
		    "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		    "  \"defaultErrnoRet\": 38,\n"
		    "  \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\",\n"
		    "                    \"SCMP_ARCH_X32\"],\n"
		    "  \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\",\n"
		    "            \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"],\n"
		    "  \"listenerPath\": \"/run/seccomp.sock\",\n"
		    "  \"listenerMetadata\": \"pod=web\"\n"
		    "}\n");
	static const char *const arches[] = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"};

	assert_string_equal(p->file, "t.json");
	assert_false(p->from_config);
	assert_int_equal(p->default_action, ACT_ERRNO);
	assert_string_equal(p->default_src.path, "defaultAction");
	assert_int_equal(p->default_src.pos.line, 2);
	assert_int_equal(p->default_src.pos.col, 20);
	assert_true(p->has_default_errno);
	assert_int_equal(p->default_errno, 38);
	assert_int_equal(profile_default_errno(p), 38);
	assert_null(p->default_errno_name);
	assert_true(p->has_arches);
	assert_arches(p, arches, 3);
	assert_string_equal(p->arch_srcs[2].path, "architectures[2]");
	assert_int_equal(p->arch_srcs[2].pos.line, 5);
	assert_int_equal(p->arch_srcs[2].pos.col, 21);
	assert_true(p->has_flags);
	assert_int_equal(p->flags, FLAG_LOG | FLAG_SPEC_ALLOW);
	assert_string_equal(p->flags_src.path, "flags");
	assert_string_equal(p->listener_path, "/run/seccomp.sock");
	assert_string_equal(p->listener_metadata, "pod=web");
	assert_int_equal(p->n_rules, 0);
	assert_int_equal(p->n_archmap, 0);
	assert_int_equal(p->seen, SEEN_FLAGS);
	profile_free(p);
}

static void read_minimal_has_defaults(void **state)
{
	struct profile *p = read_ok("{\"defaultAction\": \"SCMP_ACT_TRACE\"}");

	assert_int_equal(p->default_action, ACT_TRACE);
	assert_false(p->has_default_errno);
	assert_int_equal(profile_default_errno(p), 1); /* EPERM when omitted */
	assert_false(p->has_arches);
	assert_int_equal(p->n_arches, 0);
	assert_false(p->has_flags);
	assert_int_equal(p->flags, 0);
	assert_null(p->listener_path);
	assert_null(p->listener_metadata);
	assert_int_equal(p->n_rules, 0);
	assert_int_equal(p->seen, 0);
	profile_free(p);
}

static const struct {
	const char *s;
	enum profile_action a;
} action_table[] = {
    {"SCMP_ACT_KILL", ACT_KILL_THREAD}, /* the runtime-spec's older name */
    {"SCMP_ACT_KILL_THREAD", ACT_KILL_THREAD},
    {"SCMP_ACT_KILL_PROCESS", ACT_KILL_PROCESS},
    {"SCMP_ACT_TRAP", ACT_TRAP},
    {"SCMP_ACT_ERRNO", ACT_ERRNO},
    {"SCMP_ACT_TRACE", ACT_TRACE},
    {"SCMP_ACT_ALLOW", ACT_ALLOW},
    {"SCMP_ACT_LOG", ACT_LOG},
    {"SCMP_ACT_NOTIFY", ACT_NOTIFY},
};

static void read_every_action(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(action_table); i++) {
		char doc[512];
		struct profile *p;

		/* Both as the default and on an entry (NOTIFY needs nothing
		 * more to be read: SCP007 is a lint rule). */
		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"%s\", \"syscalls\": [{\"names\": [\"getpid\"], "
			 "\"action\": \"%s\"}]}",
			 action_table[i].s, action_table[i].s);
		p = read_ok(doc);
		assert_int_equal(p->default_action, action_table[i].a);
		assert_int_equal(p->rules[0].action, action_table[i].a);
		assert_string_equal(p->rules[0].action_src.path, "syscalls[0].action");
		profile_free(p);
	}
}

static const struct {
	const char *s;
	enum profile_op op;
} op_table[] = {
    {"SCMP_CMP_NE", OP_NE},
    {"SCMP_CMP_LT", OP_LT},
    {"SCMP_CMP_LE", OP_LE},
    {"SCMP_CMP_EQ", OP_EQ},
    {"SCMP_CMP_GE", OP_GE},
    {"SCMP_CMP_GT", OP_GT},
    {"SCMP_CMP_MASKED_EQ", OP_MASKED_EQ},
};

static void read_every_op(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(op_table); i++) {
		char doc[512];
		struct profile *p;

		snprintf(
		    doc, sizeof(doc),
		    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
		    "[\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": "
		    "%zu, \"value\": 8, \"valueTwo\": 9, \"op\": \"%s\"}]}]}",
		    i % 6, op_table[i].s);
		p = read_ok(doc);
		assert_int_equal(p->rules[0].n_args, 1);
		assert_int_equal(p->rules[0].args[0].op, op_table[i].op);
		assert_int_equal(p->rules[0].args[0].index, i % 6);
		assert_string_equal(profile_op_name(op_table[i].op), op_table[i].s);
		profile_free(p);
	}
}

static const struct {
	const char *s;
	unsigned bit;
} flag_table[] = {
    {"SECCOMP_FILTER_FLAG_TSYNC", FLAG_TSYNC},
    {"SECCOMP_FILTER_FLAG_LOG", FLAG_LOG},
    {"SECCOMP_FILTER_FLAG_SPEC_ALLOW", FLAG_SPEC_ALLOW},
    {"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", FLAG_WAIT_KILLABLE_RECV},
};

static void read_every_flag(void **state)
{
	struct profile *p;

	for (size_t i = 0; i < ARRAY_SIZE(flag_table); i++) {
		char doc[256];

		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"%s\"]}",
			 flag_table[i].s);
		p = read_ok(doc);
		assert_true(p->has_flags);
		assert_int_equal(p->flags, flag_table[i].bit);
		profile_free(p);
	}
	/* An empty list is still "present": runc then adds no SPEC_ALLOW. */
	p = read_ok("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": []}");
	assert_true(p->has_flags);
	assert_int_equal(p->flags, 0);
	profile_free(p);
}

static void read_archmap(void **state)
{
	struct profile *p =
	    read_ok("{\n"
		    "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		    "  \"archMap\": [\n"
		    "    {\"architecture\": \"SCMP_ARCH_X86_64\",\n"
		    "     \"subArchitectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]},\n"
		    "    {\"architecture\": \"SCMP_ARCH_AARCH64\",\n"
		    "     \"subArchitectures\": [\"SCMP_ARCH_ARM\"]},\n"
		    "    {\"architecture\": \"SCMP_ARCH_S390X\", \"subArchitectures\": null}\n"
		    "  ]\n"
		    "}\n");

	assert_false(p->has_arches);
	assert_int_equal(p->n_arches, 0);
	assert_true(p->seen & SEEN_ARCHMAP);
	assert_int_equal(p->n_archmap, 3);
	assert_ptr_equal(p->archmap[0].arch, oci_arch("SCMP_ARCH_X86_64"));
	assert_int_equal(p->archmap[0].n_subs, 2);
	assert_ptr_equal(p->archmap[0].subs[0], oci_arch("SCMP_ARCH_X86"));
	assert_ptr_equal(p->archmap[0].subs[1], oci_arch("SCMP_ARCH_X32"));
	assert_string_equal(p->archmap[0].src.path, "archMap[0]");
	assert_int_equal(p->archmap[0].src.pos.line, 4);
	assert_int_equal(p->archmap[0].src.pos.col, 5);
	assert_ptr_equal(p->archmap[1].arch, oci_arch("SCMP_ARCH_AARCH64"));
	assert_int_equal(p->archmap[1].n_subs, 1);
	assert_ptr_equal(p->archmap[1].subs[0], oci_arch("SCMP_ARCH_ARM"));
	assert_string_equal(p->archmap[1].src.path, "archMap[1]");
	assert_ptr_equal(p->archmap[2].arch, oci_arch("SCMP_ARCH_S390X"));
	assert_int_equal(p->archmap[2].n_subs, 0);
	profile_free(p);
}

static void read_rule_fields(void **state)
{
	struct profile *p =
	    read_ok("{\n"
		    "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		    "  \"syscalls\": [\n"
		    "    {\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
		    "    {\n"
		    "      \"names\": [\"socket\", \"socketpair\"],\n"
		    "      \"action\": \"SCMP_ACT_ERRNO\",\n"
		    "      \"errnoRet\": 97,\n"
		    "      \"args\": [\n"
		    "        {\"index\": 0, \"value\": 16, \"op\": \"SCMP_CMP_EQ\"},\n"
		    "        {\"index\": 2, \"value\": 9, \"valueTwo\": 255, \"op\": "
		    "\"SCMP_CMP_MASKED_EQ\"}\n"
		    "      ],\n"
		    "      \"comment\": \"no netlink \\u00e9\"\n"
		    "    }\n"
		    "  ]\n"
		    "}\n");
	const struct profile_rule *r;

	assert_int_equal(p->n_rules, 2);
	r = &p->rules[0];
	assert_int_equal(r->index, 0);
	assert_int_equal(r->n_names, 1);
	assert_string_equal(r->names[0].name, "getpid");
	assert_false(r->has_errno);
	assert_int_equal(profile_rule_errno(p, r), 1);
	assert_int_equal(r->n_args, 0);
	assert_null(r->comment);
	assert_false(r->legacy_name);
	assert_false(r->includes.present);
	assert_false(r->excludes.present);

	r = &p->rules[1];
	assert_int_equal(r->index, 1);
	assert_string_equal(r->src.path, "syscalls[1]");
	assert_int_equal(r->src.pos.line, 5);
	assert_int_equal(r->src.pos.col, 5);
	assert_int_equal(r->n_names, 2);
	assert_string_equal(r->names[0].name, "socket");
	assert_string_equal(r->names[1].name, "socketpair");
	assert_string_equal(r->names[1].src.path, "syscalls[1].names[1]");
	assert_int_equal(r->names[1].src.pos.line, 6);
	assert_int_equal(r->names[1].src.pos.col, 27);
	assert_int_equal(r->action, ACT_ERRNO);
	assert_string_equal(r->action_src.path, "syscalls[1].action");
	assert_int_equal(r->action_src.pos.line, 7);
	assert_int_equal(r->action_src.pos.col, 17);
	assert_true(r->has_errno);
	assert_int_equal(r->errno_ret, 97);
	assert_int_equal(profile_rule_errno(p, r), 97);
	assert_int_equal(r->n_args, 2);
	assert_int_equal(r->args[0].index, 0);
	assert_int_equal(r->args[0].value, 16);
	assert_false(r->args[0].has_value_two);
	assert_int_equal(r->args[0].op, OP_EQ);
	assert_string_equal(r->args[0].src.path, "syscalls[1].args[0]");
	assert_int_equal(r->args[0].src.pos.line, 10);
	assert_int_equal(r->args[0].src.pos.col, 9);
	assert_int_equal(r->args[1].index, 2);
	assert_int_equal(r->args[1].value, 9);
	assert_true(r->args[1].has_value_two);
	assert_int_equal(r->args[1].value_two, 255);
	assert_int_equal(r->args[1].op, OP_MASKED_EQ);
	assert_string_equal(r->args[1].src.path, "syscalls[1].args[1]");
	assert_string_equal(r->comment, "no netlink \xc3\xa9");
	profile_free(p);
}

static void read_includes_excludes(void **state)
{
	struct profile *p = read_ok(
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
	    " {\"names\": [\"bpf\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	    "  \"includes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_BPF\"], \"arches\": [\"amd64\", "
	    "\"arm64\"], \"minKernel\": \"4.10\"},\n"
	    "  \"excludes\": {\"arches\": [\"s390x\"], \"caps\": [\"CAP_SYS_BOOT\"], "
	    "\"minKernel\": \"6.2\"}}\n"
	    "]}");
	const struct profile_rule *r = &p->rules[0];

	assert_true(r->includes.present);
	assert_string_equal(r->includes.src.path, "syscalls[0].includes");
	assert_int_equal(r->includes.src.pos.line, 3);
	assert_int_equal(r->includes.src.pos.col, 15);
	assert_int_equal(r->includes.n_caps, 2);
	assert_string_equal(r->includes.caps[0], "CAP_SYS_ADMIN");
	assert_string_equal(r->includes.caps[1], "CAP_BPF");
	assert_int_equal(r->includes.n_arches, 2);
	assert_string_equal(r->includes.arches[0], "amd64");
	assert_string_equal(r->includes.arches[1], "arm64");
	assert_true(r->includes.has_min_kernel);
	assert_int_equal(r->includes.min_major, 4);
	assert_int_equal(r->includes.min_minor, 10);
	assert_true(r->excludes.present);
	assert_int_equal(r->excludes.n_arches, 1);
	assert_string_equal(r->excludes.arches[0], "s390x");
	assert_int_equal(r->excludes.n_caps, 1);
	assert_string_equal(r->excludes.caps[0], "CAP_SYS_BOOT");
	assert_true(r->excludes.has_min_kernel);
	assert_int_equal(r->excludes.min_major, 6);
	assert_int_equal(r->excludes.min_minor, 2);
	assert_int_equal(p->seen, SEEN_INCLUDES | SEEN_EXCLUDES | SEEN_MINKERNEL);
	profile_free(p);
}

static void read_legacy_name(void **state)
{
	struct profile *p =
	    read_ok("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		    "  {\"name\": \"read\", \"action\": \"SCMP_ACT_ALLOW\", \"args\": []},\n"
		    "  {\"name\": \"open\", \"names\": [\"openat\"], \"action\": "
		    "\"SCMP_ACT_ALLOW\"},\n"
		    "  {\"name\": null, \"names\": [\"close\"], \"action\": "
		    "\"SCMP_ACT_ALLOW\"}\n"
		    "]}");

	assert_int_equal(p->n_rules, 3);
	assert_true(p->rules[0].legacy_name);
	assert_false(p->rules[0].both_names);
	assert_int_equal(p->rules[0].n_names, 1);
	assert_string_equal(p->rules[0].names[0].name, "read");
	assert_string_equal(p->rules[0].names[0].src.path, "syscalls[0].name");
	assert_int_equal(p->rules[0].names[0].src.pos.line, 2);
	assert_int_equal(p->rules[0].names[0].src.pos.col, 12);
	assert_int_equal(p->rules[0].n_args, 0);
	/* Both keys: "names" wins (SCP006 warns about the pair). */
	assert_true(p->rules[1].legacy_name);
	assert_true(p->rules[1].both_names);
	assert_int_equal(p->rules[1].n_names, 1);
	assert_string_equal(p->rules[1].names[0].name, "openat");
	/* "name": null is no name at all. */
	assert_false(p->rules[2].legacy_name);
	assert_true(p->seen & SEEN_NAME);
	profile_free(p);
}

static void read_errno_strings(void **state)
{
	struct profile *p =
	    read_ok("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,\n"
		    " \"defaultErrno\": \"ENOSYS\", \"syscalls\": [\n"
		    "  {\"names\": [\"chroot\"], \"action\": \"SCMP_ACT_ERRNO\",\n"
		    "   \"errnoRet\": 1, \"errno\": \"EPERM\"}]}");

	assert_string_equal(p->default_errno_name, "ENOSYS");
	assert_int_equal(p->default_errno, 38);
	assert_string_equal(p->rules[0].errno_name, "EPERM");
	assert_int_equal(p->rules[0].errno_ret, 1);
	assert_true(p->seen & SEEN_ERRNO_STRING);
	profile_free(p);
}

/* Go's encoding/json reads null as "absent": so do we, for every optional key. */
static const char *const null_docs[] = {
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrno\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"flags\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"listenerPath\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"listenerMetadata\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": null}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [null]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ALLOW\", \"args\": null}]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": null, \"errno\": null}]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ALLOW\", \"comment\": null}]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ALLOW\", \"includes\": null, \"excludes\": null}]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"arches\": null, \"caps\": null, "
    "\"minKernel\": null}}]}",
    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
    "\"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"valueTwo\": "
    "null, \"op\": \"SCMP_CMP_EQ\"}]}]}",
};

static void read_null_is_absent(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(null_docs); i++) {
		struct profile *p = read_ok(null_docs[i]);

		assert_false(p->has_default_errno);
		assert_null(p->default_errno_name);
		assert_false(p->has_arches);
		assert_int_equal(p->n_archmap, 0);
		assert_false(p->has_flags);
		assert_null(p->listener_path);
		assert_null(p->listener_metadata);
		for (size_t j = 0; j < p->n_rules; j++) {
			const struct profile_rule *r = &p->rules[j];

			assert_false(r->has_errno);
			assert_null(r->errno_name);
			assert_null(r->comment);
			assert_false(r->includes.has_min_kernel);
			assert_int_equal(r->includes.n_arches + r->includes.n_caps, 0);
			assert_false(r->excludes.present);
			for (size_t k = 0; k < r->n_args; k++)
				assert_false(r->args[k].has_value_two);
		}
		profile_free(p);
	}
}

static void read_oci_config(void **state)
{
	struct profile *p = read_ok("{\n"
				    "  \"ociVersion\": \"1.0.2\",\n"
				    "  \"process\": {\"args\": [\"sh\"]},\n"
				    "  \"linux\": {\n"
				    "    \"namespaces\": [{\"type\": \"pid\"}],\n"
				    "    \"seccomp\": {\n"
				    "      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
				    "      \"architectures\": [\"SCMP_ARCH_X86_64\"],\n"
				    "      \"syscalls\": [{\"names\": [\"read\", \"write\"], "
				    "\"action\": \"SCMP_ACT_ALLOW\"}]\n"
				    "    }\n"
				    "  }\n"
				    "}\n");

	assert_true(p->from_config);
	assert_int_equal(p->default_action, ACT_ERRNO);
	assert_string_equal(p->default_src.path, "linux.seccomp.defaultAction");
	assert_int_equal(p->default_src.pos.line, 7);
	assert_int_equal(p->default_src.pos.col, 24);
	assert_string_equal(p->arch_srcs[0].path, "linux.seccomp.architectures[0]");
	assert_int_equal(p->n_rules, 1);
	assert_string_equal(p->rules[0].src.path, "linux.seccomp.syscalls[0]");
	assert_string_equal(p->rules[0].names[1].src.path, "linux.seccomp.syscalls[0].names[1]");
	assert_string_equal(p->rules[0].action_src.path, "linux.seccomp.syscalls[0].action");
	profile_free(p);
}

static void read_oci_config_errors_are_prefixed(void **state)
{
	struct diag_list d = {0};
	struct sc_error err = {0};
	const struct diag *x;

	read_bad("{\"ociVersion\": \"1.0.2\", \"linux\": {\"seccomp\": {\n"
		 "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		 "  \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
		 "    \"args\": [{\"index\": 9, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}}}",
		 &d, &err);
	x = find_diag(&d, "SCP003", "linux.seccomp.syscalls[0].args[0].index");
	if (!x)
		dump_diags(&d);
	assert_non_null(x);
	assert_int_equal(x->pos.line, 4);
	assert_int_equal(x->pos.col, 24);
	assert_non_null(strstr(err.msg, "linux.seccomp.syscalls[0].args[0].index: "));
	diag_list_free(&d);
}

/* OCI argument values are uint64: every value up to 2^64-1 reads exactly. */
static const struct {
	const char *text;
	uint64_t v;
} u64_table[] = {
    {"0", 0},
    {"1", 1},
    {"2147483647", 2147483647ull},
    {"2147483648", 2147483648ull},
    {"4294967295", 4294967295ull},
    {"4294967296", 4294967296ull},
    {"9007199254740993", 9007199254740993ull}, /* not a double */
    {"9223372036854775807", 9223372036854775807ull},
    {"9223372036854775808", 9223372036854775808ull},
    {"18446744073709551614", 18446744073709551614ull},
    {"18446744073709551615", UINT64_MAX},
};

static void read_u64_values(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(u64_table); i++) {
		char doc[512];
		struct profile *p;

		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
			 "[\"ioctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
			 "\"value\": %s, \"valueTwo\": %s, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}",
			 u64_table[i].text, u64_table[i].text);
		p = read_ok(doc);
		if (p->rules[0].args[0].value != u64_table[i].v)
			fail_msg("%s read as %llu", u64_table[i].text,
				 (unsigned long long)p->rules[0].args[0].value);
		assert_true(p->rules[0].args[0].value_two == u64_table[i].v);
		profile_free(p);
	}
}

static void read_unknown_key_is_a_warning(void **state)
{
	const char *doc = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaulterrnoret\": 1,\n"
			  " \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
			  "\"Action\": 1}]}";
	struct diag_list d = {0};
	struct sc_error err = {0};
	struct profile *p = NULL;
	const struct diag *x;

	assert_int_equal(profile_read_buffer(doc, strlen(doc), "t.json", &p, &d, &err), 0);
	assert_non_null(p);
	assert_int_equal(diag_list_count(&d, SEV_ERROR), 0);
	assert_int_equal(diag_list_count(&d, SEV_WARNING), 2);
	x = find_diag(&d, "SCP001", "defaulterrnoret");
	assert_non_null(x);
	assert_int_equal(x->sev, SEV_WARNING);
	assert_int_equal(x->pos.line, 1);
	assert_int_equal(x->pos.col, 37);
	assert_non_null(strstr(x->message, "unknown key \"defaulterrnoret\""));
	assert_non_null(x->hint);
	assert_non_null(strstr(x->hint, "defaultErrnoRet"));
	x = find_diag(&d, "SCP001", "syscalls[0].Action");
	assert_non_null(x);
	assert_non_null(x->hint);
	assert_non_null(strstr(x->hint, "\"action\""));
	profile_free(p);
	diag_list_free(&d);
}

static void read_repeated_arch_is_info(void **state)
{
	const char *doc = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": "
			  "[\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86_64\"]}";
	struct diag_list d = {0};
	struct sc_error err = {0};
	struct profile *p = NULL;
	const struct diag *x;

	assert_int_equal(profile_read_buffer(doc, strlen(doc), "t.json", &p, &d, &err), 0);
	assert_int_equal(p->n_arches, 1);
	x = find_diag(&d, "SCP015", "architectures[1]");
	assert_non_null(x);
	assert_int_equal(x->sev, SEV_INFO);
	profile_free(p);
	diag_list_free(&d);
}

/* errnoRet 0 is allowed but a fake success: SCP005 as a warning. */
static void read_errno_zero_warns(void **state)
{
	const char *doc =
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 0,\n"
	    " \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\", "
	    "\"errnoRet\": 0}]}";
	struct diag_list d = {0};
	struct sc_error err = {0};
	struct profile *p = NULL;
	const struct diag *x;

	assert_int_equal(profile_read_buffer(doc, strlen(doc), "t.json", &p, &d, &err), 0);
	assert_non_null(p);
	assert_true(p->rules[0].has_errno);
	assert_int_equal(p->rules[0].errno_ret, 0);
	x = find_diag(&d, "SCP005", "syscalls[0].errnoRet");
	assert_non_null(x);
	assert_int_equal(x->sev, SEV_WARNING);
	assert_int_equal(x->pos.line, 2);
	assert_int_equal(x->pos.col, 76);
	x = find_diag(&d, "SCP005", "defaultErrnoRet");
	assert_non_null(x);
	assert_int_equal(x->sev, SEV_WARNING);
	assert_int_equal(diag_list_count(&d, SEV_ERROR), 0);
	profile_free(p);
	diag_list_free(&d);
}

/* TRACE takes errnoRet too (the tracer-less return value). */
static void read_errno_on_trace_is_fine(void **state)
{
	struct profile *p =
	    read_ok("{\"defaultAction\": \"SCMP_ACT_TRACE\", \"defaultErrnoRet\": 38,"
		    " \"syscalls\": [{\"names\": [\"read\"], \"action\": "
		    "\"SCMP_ACT_TRACE\", \"errnoRet\": 4095}]}");

	assert_int_equal(p->default_errno, 38);
	assert_int_equal(p->rules[0].errno_ret, 4095);
	profile_free(p);
}

static void read_file_paths(void **state)
{
	struct sc_error err = {0};
	struct profile *p = NULL;
	struct diag_list d = {0};
	char path[1024];

	snprintf(path, sizeof(path), "%s/profiles/lab/nginx.json", SRCDIR);
	assert_int_equal(profile_read_file(path, &p, &d, &err), 0);
	assert_non_null(p);
	assert_string_equal(p->file, path);
	assert_int_equal(p->n_rules, 1);
	assert_int_equal(p->rules[0].n_names, 75); /* python3: len(syscalls[0]["names"]) */
	profile_free(p);
	diag_list_free(&d);

	p = (struct profile *)1;
	assert_int_equal(profile_read_file("/nonexistent/p.json", &p, NULL, &err), -ENOENT);
	assert_null(p);
	assert_string_equal(err.file, "/nonexistent/p.json");

	sc_error_clear(&err);
	p = (struct profile *)1;
	assert_int_equal(profile_read_file(SRCDIR "/profiles", &p, NULL, &err), -EISDIR);
	assert_null(p);
	assert_non_null(strstr(err.msg, "directory"));
}

/* Without a diag list the first error is still in err, with its path. */
static void read_without_diag_list(void **state)
{
	const char *doc = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [], "
			  "\"action\": \"SCMP_ACT_ALLOW\"}]}";
	struct sc_error err = {0};
	struct profile *p = (struct profile *)1;

	assert_int_equal(profile_read_buffer(doc, strlen(doc), "x.json", &p, NULL, &err), -EINVAL);
	assert_null(p);
	assert_string_equal(err.file, "x.json");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 60);
	assert_non_null(strstr(err.msg, "syscalls[0].names: \"names\" is empty"));
}

/* ---- schema errors: one table, one test per row ----
 *
 * Each row is one problem in an otherwise valid document: the rule ID, the
 * JSON path and the line:col of the offending value (or of the object that
 * lacks a key), and a substring of "message; hint".  Positions were found
 * by searching the documents for the offending text (a python3 one-off),
 * not by running the reader. */

struct schema_case {
	const char *name, *doc, *id, *path;
	unsigned line, col;
	const char *msg;
};

static const struct schema_case schema_cases[] = {
    {"default_action_number", "{\"defaultAction\": 1}", "SCP001", "defaultAction", 1, 19,
     "expected a string, found number"},
    {"default_action_null", "{\"defaultAction\": null}", "SCP001", "defaultAction", 1, 19,
     "expected a string, found null"},
    {"default_action_unknown",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ALOW\"\n"
     "}",
     "SCP001", "defaultAction", 2, 20, "did you mean SCMP_ACT_ALLOW?"},
    {"default_action_missing",
     "{\n"
     "  \"syscalls\": []\n"
     "}",
     "SCP001", "", 1, 1, "missing \"defaultAction\""},
    {"top_level_array",
     "[\n"
     "  {\"defaultAction\": \"SCMP_ACT_ALLOW\"}\n"
     "]",
     "SCP001", "", 1, 1, "expected an object, found array"},
    {"top_level_string", "\"SCMP_ACT_ALLOW\"", "SCP001", "", 1, 1,
     "expected an object, found string"},
    {"syscalls_object", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": {}}", "SCP001",
     "syscalls", 1, 49, "expected an array, found object"},
    {"entry_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    5\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0]", 4, 5, "expected an object, found number"},
    {"action_missing",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
     "    {\"names\": [\"write\"]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[1]", 5, 5, "entry has no \"action\""},
    {"action_unknown",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_KILL_PROC\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].action", 4, 35, "did you mean SCMP_ACT_KILL_PROCESS?"},
    {"action_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": 7}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].action", 4, 35, "expected a string, found number"},
    {"names_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].names", 4, 15, "expected an array, found string"},
    {"names_empty",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [], \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP002", "syscalls[0].names", 4, 15, "\"names\" is empty"},
    {"names_empty_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\", \"\"], \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP002", "syscalls[0].names[1]", 4, 24, "empty syscall name"},
    {"names_item_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\", 1], \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].names[1]", 4, 24, "expected a string, found number"},
    {"names_missing",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP002", "syscalls[0]", 4, 5, "entry has no \"names\""},
    {"name_empty",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"name\": \"\", \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP002", "syscalls[0].name", 4, 14, "empty syscall name"},
    {"name_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"name\": 0, \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].name", 4, 14, "expected a string, found number"},
    {"name_nul",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"re\\u0000ad\"], \"action\": \"SCMP_ACT_ALLOW\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].names[0]", 4, 16, "NUL"},
    {"args_object",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": {}}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args", 4, 61, "expected an array, found object"},
    {"arg_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [1]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0]", 4, 62, "expected an object, found number"},
    {"index_6",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP003", "syscalls[0].args[0].index", 4, 72, "argument index 6 is out of range"},
    {"index_huge",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": "
     "18446744073709551615, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP003", "syscalls[0].args[0].index", 4, 72, "out of range"},
    {"seven_args",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 1, \"value\": 1, \"op\": "
     "\"SCMP_CMP_EQ\"}, {\"index\": 2, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 3, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 4, \"value\": 1, \"op\": "
     "\"SCMP_CMP_EQ\"}, {\"index\": 5, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 0, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP003", "syscalls[0].args", 4, 61, "7 argument conditions"},
    {"index_float",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1.0, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].index", 4, 72, "1.0 is not an integer"},
    {"index_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": \"0\", "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].index", 4, 72, "expected an unsigned integer, found string"},
    {"value_exponent",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1e3, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].value", 4, 84, "1e3 is not an integer"},
    {"value_negative",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].value", 4, 84, "-1 is negative"},
    {"value_minus_zero",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": -0, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].value", 4, 84, "negative"},
    {"value_2_64",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 18446744073709551616, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].value", 4, 84, "does not fit in 64 bits"},
    {"value_bool",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": true, \"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].value", 4, 84, "found boolean"},
    {"valuetwo_negative",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1, \"valueTwo\": -5, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].valueTwo", 4, 99, "-5 is negative"},
    {"op_equal",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"n0\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
     "    {\"names\": [\"n1\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
     "    {\"names\": [\"n2\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1, \"op\": \"SCMP_CMP_EQUAL\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[3].args[0].op", 7, 93, "did you mean SCMP_CMP_EQ?"},
    {"op_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1, \"op\": 4}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0].op", 4, 93, "expected a string, found number"},
    {"op_missing",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"value\": 1}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0]", 4, 62, "argument has no \"op\""},
    {"index_missing",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"value\": 1, "
     "\"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0]", 4, 62, "argument has no \"index\""},
    {"value_missing",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
     "\"op\": \"SCMP_CMP_EQ\"}]}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].args[0]", 4, 62, "argument has no \"value\""},
    {"errnoret_65536",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 65536}\n"
     "  ]\n"
     "}\n",
     "SCP005", "syscalls[0].errnoRet", 4, 65, "errno 65536 is above 4095"},
    {"errnoret_4096",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 4096}\n"
     "  ]\n"
     "}\n",
     "SCP005", "syscalls[0].errnoRet", 4, 65, "errno 4096 is above 4095"},
    {"errnoret_negative",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": -1}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].errnoRet", 4, 65, "-1 is negative"},
    {"errnoret_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": \"EPERM\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].errnoRet", 4, 65, "found string"},
    {"errnoret_on_allow",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 1}\n"
     "  ]\n"
     "}\n",
     "SCP004", "syscalls[0].errnoRet", 4, 65, "errnoRet on SCMP_ACT_ALLOW"},
    {"errnoret_on_kill",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"errnoRet\": 1, \"action\": \"SCMP_ACT_KILL\"}\n"
     "  ]\n"
     "}\n",
     "SCP004", "syscalls[0].errnoRet", 4, 37, "errnoRet on SCMP_ACT_KILL_THREAD"},
    {"default_errnoret_on_allow",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
     "  \"defaultErrnoRet\": 1\n"
     "}",
     "SCP004", "defaultErrnoRet", 3, 22, "defaultErrnoRet with default action SCMP_ACT_ALLOW"},
    {"default_errnoret_65536",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"defaultErrnoRet\": 65536\n"
     "}",
     "SCP005", "defaultErrnoRet", 3, 22, "errno 65536 is above 4095"},
    {"arch_unknown",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86_46\"]\n"
     "}",
     "SCP015", "architectures[1]", 3, 41, "unknown architecture \"SCMP_ARCH_X86_46\""},
    {"arch_lowercase",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"architectures\": [\"x86_64\"]\n"
     "}",
     "SCP015", "architectures[0]", 3, 21, "unknown architecture"},
    {"arch_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"architectures\": [62]\n"
     "}",
     "SCP001", "architectures[0]", 3, 21, "expected a string, found number"},
    {"architectures_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"architectures\": \"SCMP_ARCH_X86_64\"\n"
     "}",
     "SCP001", "architectures", 3, 20, "expected an array, found string"},
    {"flag_unknown",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\", \"SECCOMP_FILTER_FLAG_SPEC_ALOW\"]\n"
     "}",
     "SCP001", "flags[1]", 3, 42, "did you mean SECCOMP_FILTER_FLAG_SPEC_ALLOW?"},
    {"flags_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"flags\": \"SECCOMP_FILTER_FLAG_LOG\"\n"
     "}",
     "SCP001", "flags", 3, 12, "expected an array, found string"},
    {"listener_path_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"listenerPath\": 1\n"
     "}",
     "SCP001", "listenerPath", 3, 19, "expected a string, found number"},
    {"default_errno_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"defaultErrno\": 1\n"
     "}",
     "SCP001", "defaultErrno", 3, 19, "expected a string, found number"},
    {"errno_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errno\": 1}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].errno", 4, 62, "expected a string, found number"},
    {"comment_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": 42}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].comment", 4, 64, "expected a string, found number"},
    {"includes_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": \"amd64\"}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].includes", 4, 65, "expected an object, found string"},
    {"includes_caps_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"caps\": "
     "\"CAP_SYS_ADMIN\"}}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].includes.caps", 4, 74, "expected an array, found string"},
    {"excludes_arches_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"arches\": "
     "[\"amd64\", 64]}}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].excludes.arches[1]", 4, 86, "expected a string, found number"},
    {"minkernel_four",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": "
     "\"four\"}}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].includes.minKernel", 4, 79,
     "minKernel \"four\" is not a kernel version"},
    {"minkernel_number",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"syscalls\": [\n"
     "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"minKernel\": "
     "4.8}}\n"
     "  ]\n"
     "}\n",
     "SCP001", "syscalls[0].excludes.minKernel", 4, 79, "expected a string, found number"},
    {"archmap_no_architecture",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"archMap\": [\n"
     "    {\"subArchitectures\": [\"SCMP_ARCH_X86\"]}\n"
     "  ]\n"
     "}",
     "SCP001", "archMap[0]", 4, 5, "archMap entry has no \"architecture\""},
    {"archmap_sub_unknown",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"archMap\": [\n"
     "    {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X86\", "
     "\"SCMP_ARCH_I386\"]}\n"
     "  ]\n"
     "}",
     "SCP015", "archMap[0].subArchitectures[1]", 4, 80, "unknown architecture"},
    {"archmap_entry_string",
     "{\n"
     "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
     "  \"archMap\": [\"SCMP_ARCH_X86_64\"]\n"
     "}",
     "SCP001", "archMap[0]", 3, 15, "expected an object, found string"},
    {"oci_no_seccomp",
     "{\n"
     "  \"ociVersion\": \"1.0.2\",\n"
     "  \"linux\": {\"namespaces\": []}\n"
     "}",
     "SCP001", "linux.seccomp", 1, 1, "no linux.seccomp"},
    {"oci_bad_action",
     "{\n"
     "  \"ociVersion\": \"1.0.2\",\n"
     "  \"linux\": {\n"
     "    \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
     "[\"read\"], \"action\": \"ALLOW\"}]}\n"
     "  }\n"
     "}",
     "SCP001", "linux.seccomp.syscalls[0].action", 4, 95, "did you mean SCMP_ACT_ALLOW?"},
    {"oci_seccomp_array",
     "{\n"
     "  \"ociVersion\": \"1.0.2\",\n"
     "  \"linux\": {\"seccomp\": []}\n"
     "}",
     "SCP001", "linux.seccomp", 3, 24, "expected an object, found array"},

};

static void schema_case_test(void **state)
{
	const struct schema_case *c = *state;
	struct diag_list d = {0};
	struct sc_error err = {0};
	const struct diag *x;
	char full[2048], want[512];

	read_bad(c->doc, &d, &err);
	x = find_diag(&d, c->id, c->path);
	if (!x || x->sev != SEV_ERROR || x->pos.line != c->line || x->pos.col != c->col) {
		dump_diags(&d);
		fail_msg("%s: want error %s at %s %u:%u", c->name, c->id, c->path, c->line, c->col);
	}
	snprintf(full, sizeof(full), "%s; %s", x->message, x->hint ? x->hint : "");
	if (!strstr(full, c->msg))
		fail_msg("%s: \"%s\" lacks \"%s\"", c->name, full, c->msg);
	assert_string_equal(x->file, "t.json");
	/* err (what `fmt` prints) holds the row's error, the first one read:
	 * "PATH: message; hint" at its position. */
	assert_int_equal(err.code, -EINVAL);
	assert_string_equal(err.file, "t.json");
	if (err.line != c->line || err.col != c->col || !strstr(err.msg, c->msg))
		fail_msg("%s: err is %u:%u \"%s\"", c->name, err.line, err.col, err.msg);
	snprintf(want, sizeof(want), "%s: ", c->path);
	if (c->path[0] && strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("%s: err \"%s\" does not start with the path", c->name, err.msg);
	diag_list_free(&d);
}

/* Each row holds exactly one problem, so it must give exactly one error,
 * and err (what `fmt` prints) must be that error. */
static void schema_one_problem_one_error(void **state)
{
	size_t bad = 0;

	for (size_t i = 0; i < ARRAY_SIZE(schema_cases); i++) {
		const struct schema_case *c = &schema_cases[i];
		struct diag_list d = {0};
		struct sc_error err = {0};
		size_t n;

		read_bad(c->doc, &d, &err);
		n = diag_list_count(&d, SEV_ERROR);
		if (n != 1) {
			print_error("%s: %zu errors for one problem:\n", c->name, n);
			dump_diags(&d);
			bad++;
		}
		diag_list_free(&d);
	}
	if (bad)
		fail_msg("%zu rows report more than the one problem they hold", bad);
}

static void schema_all_errors_in_one_pass(void **state)
{
	const char *doc =
	    "{\n"
	    "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
	    "  \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_AMD64\"],\n"
	    "  \"syscalls\": [\n"
	    "    {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 1},\n"
	    "    {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	    "     \"args\": [{\"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQUAL\"}]}\n"
	    "  ]\n"
	    "}\n";
	static const struct {
		const char *id, *path;
		unsigned line, col;
	} want[] = {
	    {"SCP015", "architectures[1]", 3, 41},
	    {"SCP004", "syscalls[0].errnoRet", 5, 65},
	    {"SCP001", "syscalls[1].args[0].op", 7, 46},
	};
	struct diag_list d = {0};
	struct sc_error err = {0};

	read_bad(doc, &d, &err);
	diag_list_sort(&d);
	if (diag_list_count(&d, SEV_ERROR) != 3)
		dump_diags(&d);
	assert_int_equal(diag_list_count(&d, SEV_ERROR), 3);
	assert_int_equal(d.n, 3);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		assert_string_equal(d.items[i].id, want[i].id);
		assert_string_equal(d.items[i].path, want[i].path);
		assert_int_equal(d.items[i].pos.line, want[i].line);
		assert_int_equal(d.items[i].pos.col, want[i].col);
	}
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 41);
	diag_list_free(&d);
}

/* Twelve entries, each with one problem: twelve errors, none lost. */
static void schema_many_errors_in_one_pass(void **state)
{
	struct sc_strbuf b = {0};
	struct diag_list d = {0};
	struct sc_error err = {0};
	char *doc;

	sc_strbuf_puts(&b, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n");
	for (int i = 0; i < 12; i++)
		sc_strbuf_printf(&b, "%s{\"names\": [\"read\"], \"action\": \"SCMP_ACT_NOPE%d\"}\n",
				 i ? "," : "", i);
	sc_strbuf_puts(&b, "]}");
	doc = sc_strbuf_steal(&b);
	read_bad(doc, &d, &err);
	assert_int_equal(diag_list_count(&d, SEV_ERROR), 12);
	for (int i = 0; i < 12; i++) {
		char path[64];
		const struct diag *x;

		snprintf(path, sizeof(path), "syscalls[%d].action", i);
		x = find_diag(&d, "SCP001", path);
		assert_non_null(x);
		assert_int_equal(x->pos.line, i + 2);
	}
	assert_int_equal(err.line, 2);
	free(doc);
	diag_list_free(&d);
}

static void schema_did_you_mean_op(void **state)
{
	const char *doc = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
			  "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
			  "{\"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
			  "{\"names\": [\"c\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
			  "{\"names\": [\"d\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n"
			  "  {\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQUAL\"}]}]}";
	struct diag_list d = {0};
	struct sc_error err = {0};

	read_bad(doc, &d, &err);
	assert_string_equal(err.msg, "syscalls[3].args[0].op: unknown operator \"SCMP_CMP_EQUAL\"; "
				     "did you mean SCMP_CMP_EQ?");
	assert_int_equal(err.line, 6);
	assert_int_equal(err.col, 34);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].hint, "did you mean SCMP_CMP_EQ?");
	diag_list_free(&d);
}

/* Docker (moby/profiles seccomp.go, KernelVersion.UnmarshalJSON) takes
 * exactly "<uint8>.<uint8>", not 0.0; it refuses the profile otherwise.
 * A minKernel the runtimes refuse must be an error here too, and must
 * never be read as something else ("-1.0" as 4294967295.0). */
static const char *const bad_min_kernels[] = {
    "four", "4",    "4.",   ".8",   "4.8.1", "4.x",   "4.8 ", "-1.0",
    "+4.8", " 4.8", "4. 8", "4.-8", "256.0", "4.256", "0.0",  "99999999999.1",
};

static void schema_min_kernel_like_docker(void **state)
{
	size_t bad = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bad_min_kernels); i++) {
		char doc[512];
		struct diag_list d = {0};
		struct sc_error err = {0};
		struct profile *p = NULL;

		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
			 "[\"ptrace\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
			 "{\"minKernel\": \"%s\"}}]}",
			 bad_min_kernels[i]);
		if (profile_read_buffer(doc, strlen(doc), "t.json", &p, &d, &err) == 0) {
			print_error("minKernel \"%s\" accepted as %u.%u\n", bad_min_kernels[i],
				    p->rules[0].includes.min_major, p->rules[0].includes.min_minor);
			profile_free(p);
			bad++;
		} else {
			assert_non_null(find_diag(&d, "SCP001", "syscalls[0].includes.minKernel"));
		}
		diag_list_free(&d);
	}
	if (bad)
		fail_msg("%zu minKernel strings Docker refuses were accepted", bad);
}

static void schema_unsupported_arch(void **state)
{
	const struct arch_info *a = arch_by_oci("SCMP_ARCH_LOONGARCH64");
	struct diag_list d = {0};
	struct sc_error err = {0};
	const struct diag *x;

	assert_non_null(a);
	if (a->supported)
		skip(); /* this libseccomp knows loongarch64 (>= 2.6) */
	read_bad("{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		 " \"architectures\": [\"SCMP_ARCH_LOONGARCH64\"]}",
		 &d, &err);
	x = find_diag(&d, "SCP015", "architectures[0]");
	assert_non_null(x);
	assert_int_equal(x->pos.line, 2);
	assert_int_equal(x->pos.col, 20);
	assert_non_null(strstr(x->message, "not known to this machine's libseccomp"));
	diag_list_free(&d);
}

/* ---- resolution (includes/excludes, archMap) ----
 *
 * Expected numbers were computed before writing this code, from the JSON
 * alone, with a python3 one-off that applies moby/profiles'
 * setupSeccomp() rules (first archMap entry for the native arch;
 * excludes.arches/caps(any)/minKernel drop; includes.arches/caps(all)/
 * minKernel keep), e.g. for the containers' default on x86_64:
 *   kept = [s for s in syscalls if applies(s, "amd64", DEFAULT_CAPS, (6, 1))]
 *   rules = len(kept); names = sum(len(s["names"]) for s in kept);
 *   unique = len({n for s in kept for n in s["names"]}); per action likewise.
 */

struct resolve_expect {
	const char *arch; /* native, OCI spelling */
	bool sys_admin;	  /* default caps + CAP_SYS_ADMIN */
	bool no_caps;	  /* empty bounding set */
	unsigned kmaj, kmin;
	size_t n_arches;
	const char *arches[4];
	size_t rules, names, unique, allow, errno_rules;
};

static const char *const caps_with_sys_admin[] = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",	       "CAP_FOWNER",
    "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",	       "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",	   "CAP_AUDIT_WRITE",  "CAP_SYS_ADMIN",
};

static struct profile *resolve_as(const struct profile *p, const struct resolve_expect *e)
{
	struct profile_ctx ctx;

	ctx_for(&ctx, e->arch, e->kmaj, e->kmin);
	if (e->sys_admin) {
		ctx.caps = caps_with_sys_admin;
		ctx.n_caps = ARRAY_SIZE(caps_with_sys_admin);
	}
	if (e->no_caps) {
		ctx.caps = NULL;
		ctx.n_caps = 0;
	}
	return resolve(p, &ctx);
}

static void check_resolution(const char *rel, const struct resolve_expect *e, size_t n)
{
	struct profile *p = read_rel(rel);

	for (size_t i = 0; i < n; i++) {
		struct profile *r = resolve_as(p, &e[i]);

		print_message("# %s on %s%s%s, kernel %u.%u\n", rel, e[i].arch,
			      e[i].sys_admin ? " +CAP_SYS_ADMIN" : "",
			      e[i].no_caps ? " no caps" : "", e[i].kmaj, e[i].kmin);
		assert_arches(r, e[i].arches, e[i].n_arches);
		assert_int_equal(r->n_rules, e[i].rules);
		assert_int_equal(count_names(r), e[i].names);
		assert_int_equal(count_unique_names(r), e[i].unique);
		assert_int_equal(count_action(r, ACT_ALLOW), e[i].allow);
		assert_int_equal(count_action(r, ACT_ERRNO), e[i].errno_rules);
		/* What runtimes load: plain OCI, nothing conditional left. */
		assert_int_equal(r->n_archmap, 0);
		for (size_t j = 0; j < r->n_rules; j++) {
			assert_false(r->rules[j].includes.present);
			assert_int_equal(
			    r->rules[j].includes.n_arches + r->rules[j].includes.n_caps +
				r->rules[j].excludes.n_arches + r->rules[j].excludes.n_caps,
			    0);
			assert_false(r->rules[j].includes.has_min_kernel ||
				     r->rules[j].excludes.has_min_kernel);
		}
		profile_free(r);
	}
	profile_free(p);
}

#define X86_ARCHES                                                                                 \
	3,                                                                                         \
	{                                                                                          \
		"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"                               \
	}
#define ARM64_ARCHES                                                                               \
	2,                                                                                         \
	{                                                                                          \
		"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"                                               \
	}

/* profiles/builtin/runtime-default.json == containers-common 0.50.1's
 * seccomp.json: 35 entries, archMap, caps conditions, no minKernel. */
static void resolve_runtime_default_x86_64(void **state)
{
	static const struct resolve_expect e[] = {
	    {"SCMP_ARCH_X86_64", false, false, 6, 1, X86_ARCHES, 19, 434, 429, 10, 9},
	};
	struct profile *p = read_rel("profiles/builtin/runtime-default.json"), *r;

	check_resolution("profiles/builtin/runtime-default.json", e, ARRAY_SIZE(e));
	r = resolve_as(p, &e[0]);
	assert_true(names_with(r, "arch_prctl", ACT_ALLOW)); /* includes amd64 */
	assert_true(names_with(r, "modify_ldt", ACT_ALLOW)); /* includes amd64 */
	assert_false(names_any(r, "arm_fadvise64_64"));	     /* includes arm, arm64 */
	assert_false(names_any(r, "s390_runtime_instr"));    /* includes s390 */
	assert_true(names_with(r, "bpf", ACT_ERRNO));	     /* excludes CAP_SYS_ADMIN */
	assert_false(names_with(r, "bpf", ACT_ALLOW));	     /* includes CAP_SYS_ADMIN */
	assert_true(names_with(r, "chroot", ACT_ALLOW));     /* CAP_SYS_CHROOT is a default */
	assert_false(names_with(r, "chroot", ACT_ERRNO));
	/* CAP_AUDIT_WRITE is a default cap: the plain socket allow stays, the
	 * four netlink-audit rules go. */
	assert_true(names_with(r, "socket", ACT_ALLOW));
	assert_false(names_with(r, "socket", ACT_ERRNO));
	for (size_t i = 0; i < r->n_rules; i++)
		if (strcmp(r->rules[i].names[0].name, "socket") == 0)
			assert_int_equal(r->rules[i].n_args, 0);
	/* Kept rules still point into the file. */
	for (size_t i = 0; i < r->n_rules; i++) {
		if (strcmp(r->rules[i].names[0].name, "arch_prctl") == 0) {
			assert_int_equal(r->rules[i].index, 9);
			assert_string_equal(r->rules[i].src.path, "syscalls[9]");
			assert_true(r->rules[i].src.pos.line > 0);
		}
	}
	assert_string_equal(r->arch_srcs[0].path, "archMap[0]");
	assert_int_equal(r->default_errno, 38);
	assert_string_equal(r->default_errno_name, "ENOSYS");
	profile_free(r);
	profile_free(p);
}

static void resolve_runtime_default_sys_admin(void **state)
{
	static const struct resolve_expect e[] = {
	    {"SCMP_ARCH_X86_64", true, false, 6, 1, X86_ARCHES, 19, 434, 429, 11, 8},
	};
	struct profile *p = read_rel("profiles/builtin/runtime-default.json"), *r;

	check_resolution("profiles/builtin/runtime-default.json", e, ARRAY_SIZE(e));
	r = resolve_as(p, &e[0]);
	assert_true(names_with(r, "bpf", ACT_ALLOW));
	assert_true(names_with(r, "fanotify_init", ACT_ALLOW));
	assert_false(names_with(r, "bpf", ACT_ERRNO));
	assert_true(names_with(r, "init_module", ACT_ERRNO)); /* needs CAP_SYS_MODULE */
	profile_free(r);
	profile_free(p);
}

static void resolve_runtime_default_aarch64(void **state)
{
	static const struct resolve_expect e[] = {
	    {"SCMP_ARCH_AARCH64", false, false, 6, 1, ARM64_ARCHES, 18, 438, 433, 9, 9},
	};
	struct profile *p = read_rel("profiles/builtin/runtime-default.json"), *r;

	check_resolution("profiles/builtin/runtime-default.json", e, ARRAY_SIZE(e));
	r = resolve_as(p, &e[0]);
	assert_true(names_with(r, "arm_fadvise64_64", ACT_ALLOW));
	assert_true(names_with(r, "breakpoint", ACT_ALLOW));
	assert_false(names_any(r, "arch_prctl"));
	assert_false(names_any(r, "modify_ldt"));
	assert_string_equal(r->arch_srcs[1].path, "archMap[1]");
	profile_free(r);
	profile_free(p);
}

static void resolve_runtime_default_other_targets(void **state)
{
	static const struct resolve_expect e[] = {
	    /* empty bounding set: every excludes.caps entry stays */
	    {"SCMP_ARCH_X86_64", false, true, 6, 1, X86_ARCHES, 22, 437, 429, 11, 11},
	    /* no archMap entry for riscv64: no list (libseccomp: native only) */
	    {"SCMP_ARCH_RISCV64", false, false, 6, 1, 0, {NULL}, 17, 432, 427, 8, 9},
	    /* no minKernel in this profile: the kernel does not matter */
	    {"SCMP_ARCH_X86_64", false, false, 3, 10, X86_ARCHES, 19, 434, 429, 10, 9},
	};

	check_resolution("profiles/builtin/runtime-default.json", e, ARRAY_SIZE(e));
}

/* moby/profiles seccomp/default.json (cd3bed8): minKernel 4.8 on ptrace,
 * CAP_SYS_ADMIN both ways, clone3 -> ENOSYS without it. */
static void resolve_moby_default(void **state)
{
	static const struct resolve_expect e[] = {
	    {"SCMP_ARCH_X86_64", false, false, 6, 1, X86_ARCHES, 15, 377, 371, 14, 1},
	    {"SCMP_ARCH_X86_64", true, false, 6, 1, X86_ARCHES, 14, 401, 395, 14, 0},
	    {"SCMP_ARCH_AARCH64", false, false, 6, 1, ARM64_ARCHES, 14, 381, 375, 13, 1},
	    {"SCMP_ARCH_X86_64", false, false, 4, 4, X86_ARCHES, 14, 374, 368, 13, 1},
	    {"SCMP_ARCH_X86_64", false, false, 4, 8, X86_ARCHES, 15, 377, 371, 14, 1},
	};
	struct profile *p = read_rel("fuzz/corpus/profile/moby-default.json"), *r;

	check_resolution("fuzz/corpus/profile/moby-default.json", e, ARRAY_SIZE(e));
	r = resolve_as(p, &e[0]);
	assert_true(names_with(r, "ptrace", ACT_ALLOW));
	assert_true(names_with(r, "clone3", ACT_ERRNO));
	for (size_t i = 0; i < r->n_rules; i++)
		if (r->rules[i].action == ACT_ERRNO)
			assert_int_equal(r->rules[i].errno_ret, 38);
	profile_free(r);
	r = resolve_as(p, &e[3]);
	assert_false(names_any(r, "ptrace"));
	profile_free(r);
	profile_free(p);
}

/* One conditional entry per row, resolved for one target. */
static const struct {
	const char *cond;
	const char *arch;
	bool sys_admin;
	unsigned kmaj, kmin;
	bool kept;
} cond_table[] = {
    /* arches: libseccomp-golang's names of the native arch, compared exactly */
    {"\"includes\": {\"arches\": [\"amd64\"]}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    {"\"includes\": {\"arches\": [\"amd64\"]}", "SCMP_ARCH_AARCH64", false, 6, 1, false},
    {"\"includes\": {\"arches\": [\"arm\", \"arm64\"]}", "SCMP_ARCH_AARCH64", false, 6, 1, true},
    {"\"includes\": {\"arches\": [\"x86_64\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"includes\": {\"arches\": [\"SCMP_ARCH_X86_64\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"includes\": {\"arches\": [\"AMD64\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"includes\": {\"arches\": [\"x32\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"excludes\": {\"arches\": [\"amd64\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"excludes\": {\"arches\": [\"amd64\"]}", "SCMP_ARCH_AARCH64", false, 6, 1, true},
    {"\"excludes\": {\"arches\": [\"s390\", \"s390x\"]}", "SCMP_ARCH_S390X", false, 6, 1, false},
    /* includes.caps: all of them; excludes.caps: any of them */
    {"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}", "SCMP_ARCH_X86_64", false, 6, 1, false},
    {"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}", "SCMP_ARCH_X86_64", true, 6, 1, true},
    {"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_CHOWN\"]}", "SCMP_ARCH_X86_64", true, 6, 1,
     true},
    {"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_BPF\"]}", "SCMP_ARCH_X86_64", true, 6, 1,
     false},
    {"\"includes\": {\"caps\": [\"CAP_CHOWN\"]}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    {"\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    {"\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}", "SCMP_ARCH_X86_64", true, 6, 1, false},
    {"\"excludes\": {\"caps\": [\"CAP_BPF\", \"CAP_CHOWN\"]}", "SCMP_ARCH_X86_64", false, 6, 1,
     false},
    /* minKernel: numeric major.minor, at least = kept (includes) */
    {"\"includes\": {\"minKernel\": \"4.8\"}", "SCMP_ARCH_X86_64", false, 4, 7, false},
    {"\"includes\": {\"minKernel\": \"4.8\"}", "SCMP_ARCH_X86_64", false, 4, 8, true},
    {"\"includes\": {\"minKernel\": \"4.8\"}", "SCMP_ARCH_X86_64", false, 4, 10, true},
    {"\"includes\": {\"minKernel\": \"4.10\"}", "SCMP_ARCH_X86_64", false, 4, 9, false},
    {"\"includes\": {\"minKernel\": \"4.8\"}", "SCMP_ARCH_X86_64", false, 5, 0, true},
    {"\"includes\": {\"minKernel\": \"5.4\"}", "SCMP_ARCH_X86_64", false, 4, 19, false},
    {"\"excludes\": {\"minKernel\": \"5.4\"}", "SCMP_ARCH_X86_64", false, 5, 4, false},
    {"\"excludes\": {\"minKernel\": \"5.4\"}", "SCMP_ARCH_X86_64", false, 5, 3, true},
    {"\"excludes\": {\"minKernel\": \"5.4\"}", "SCMP_ARCH_X86_64", false, 6, 0, false},
    /* empty conditions are no conditions */
    {"\"includes\": {}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    {"\"includes\": {\"arches\": [], \"caps\": []}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    {"\"excludes\": {\"arches\": [], \"caps\": []}", "SCMP_ARCH_X86_64", false, 6, 1, true},
    /* every condition must hold */
    {"\"includes\": {\"arches\": [\"amd64\"]}, \"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}",
     "SCMP_ARCH_X86_64", true, 6, 1, false},
    {"\"includes\": {\"arches\": [\"amd64\", \"arm64\"], \"caps\": [\"CAP_CHOWN\"], "
     "\"minKernel\": \"3.0\"}",
     "SCMP_ARCH_AARCH64", false, 6, 1, true},
    {"\"includes\": {\"arches\": [\"amd64\"], \"minKernel\": \"7.0\"}", "SCMP_ARCH_X86_64", false,
     6, 1, false},
};

static void resolve_condition_table(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(cond_table); i++) {
		struct resolve_expect e = {.arch = cond_table[i].arch,
					   .sys_admin = cond_table[i].sys_admin,
					   .kmaj = cond_table[i].kmaj,
					   .kmin = cond_table[i].kmin};
		char doc[1024];
		struct profile *p, *r;

		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
			 " {\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
			 " {\"names\": [\"bpf\"], \"action\": \"SCMP_ACT_ALLOW\", %s}]}",
			 cond_table[i].cond);
		p = read_ok(doc);
		r = resolve_as(p, &e);
		if (names_any(r, "bpf") != cond_table[i].kept)
			fail_msg("row %zu: %s on %s%s kernel %u.%u: want %s", i, cond_table[i].cond,
				 e.arch, e.sys_admin ? " +CAP_SYS_ADMIN" : "", e.kmaj, e.kmin,
				 cond_table[i].kept ? "kept" : "dropped");
		assert_int_equal(r->n_rules, cond_table[i].kept ? 2 : 1);
		assert_string_equal(r->rules[0].names[0].name, "getpid");
		if (cond_table[i].kept)
			assert_int_equal(r->rules[1].index, 1);
		profile_free(r);
		profile_free(p);
	}
}

/* "architectures" is taken as it is; archMap adds nothing then. */
static void resolve_plain_architectures(void **state)
{
	static const char *const want[] = {"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"};
	struct profile *p = read_ok("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": "
				    "[\"SCMP_ARCH_AARCH64\", \"SCMP_ARCH_ARM\"]}");
	struct profile_ctx ctx;
	struct profile *r;

	ctx_for(&ctx, "SCMP_ARCH_X86_64", 6, 1);
	r = resolve(p, &ctx);
	assert_arches(r, want, 2);
	assert_string_equal(r->arch_srcs[1].path, "architectures[1]");
	profile_free(r);
	profile_free(p);
}

/* Docker takes the first archMap entry for the native arch and stops
 * (moby/profiles seccomp_linux.go: `break` after the match). */
static void resolve_archmap_first_match_wins(void **state)
{
	static const char *const want[] = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86"};
	struct profile *p =
	    read_ok("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [\n"
		    " {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": "
		    "[\"SCMP_ARCH_X86\"]},\n"
		    " {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": "
		    "[\"SCMP_ARCH_X32\"]}]}");
	struct profile_ctx ctx;
	struct profile *r;

	ctx_for(&ctx, "SCMP_ARCH_X86_64", 6, 1);
	r = resolve(p, &ctx);
	assert_arches(r, want, 2);
	profile_free(r);
	profile_free(p);
}

/* ---- the canonical writer ---- */

static void write_golden(void **state)
{
	char *out = fmt_doc(
	    "{\"syscalls\": [\n"
	    "  {\"names\": [\"write\", \"read\", \"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
	    "  {\"name\": \"close\", \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"\"},\n"
	    "  {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
	    "[{\"index\": "
	    "0, \"value\": 8, \"valueTwo\": 0, \"op\": \"SCMP_CMP_EQ\"}]},\n"
	    "  {\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1, \"args\": "
	    "[]}\n"
	    " ],\n"
	    " \"flags\": [\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\", \"SECCOMP_FILTER_FLAG_LOG\"],\n"
	    " \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\"],\n"
	    " \"defaultErrnoRet\": 38,\n"
	    " \"defaultAction\": \"SCMP_ACT_ERRNO\"}\n");

	assert_string_equal(out, "{\n"
				 "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
				 "  \"defaultErrnoRet\": 38,\n"
				 "  \"architectures\": [\n"
				 "    \"SCMP_ARCH_X86_64\",\n"
				 "    \"SCMP_ARCH_X86\"\n"
				 "  ],\n"
				 "  \"flags\": [\n"
				 "    \"SECCOMP_FILTER_FLAG_LOG\",\n"
				 "    \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"\n"
				 "  ],\n"
				 "  \"syscalls\": [\n"
				 "    {\n"
				 "      \"names\": [\n"
				 "        \"mount\"\n"
				 "      ],\n"
				 "      \"action\": \"SCMP_ACT_ERRNO\",\n"
				 "      \"errnoRet\": 1\n"
				 "    },\n"
				 "    {\n"
				 "      \"names\": [\n"
				 "        \"close\",\n"
				 "        \"read\",\n"
				 "        \"write\"\n"
				 "      ],\n"
				 "      \"action\": \"SCMP_ACT_ALLOW\"\n"
				 "    },\n"
				 "    {\n"
				 "      \"names\": [\n"
				 "        \"personality\"\n"
				 "      ],\n"
				 "      \"action\": \"SCMP_ACT_ALLOW\",\n"
				 "      \"args\": [\n"
				 "        {\"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQ\"}\n"
				 "      ]\n"
				 "    }\n"
				 "  ]\n"
				 "}\n");
	free(out);
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
		n++;
	return n;
}

static void write_merges_identical_entries(void **state)
{
	struct profile *p = read_ok(
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
	    " {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
	    " {\"names\": [\"kill\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1},\n"
	    " {\"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
	    " {\"names\": [\"ioctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
	    "\"value\": 21505, \"op\": \"SCMP_CMP_EQ\"}]},\n"
	    " {\"names\": [\"tkill\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1},\n"
	    " {\"names\": [\"fcntl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
	    "\"value\": 21505, \"valueTwo\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}");
	char *out = fmt(p);
	struct profile *back = read_ok(out);

	assert_int_equal(back->n_rules, 3);
	assert_int_equal(count_str(out, "\"action\""), 3);
	/* ERRNO(1) first, then ALLOW by first name: fcntl+ioctl, read+write */
	assert_int_equal(back->rules[0].action, ACT_ERRNO);
	assert_int_equal(back->rules[0].n_names, 2);
	assert_string_equal(back->rules[0].names[0].name, "kill");
	assert_string_equal(back->rules[0].names[1].name, "tkill");
	assert_int_equal(back->rules[1].n_names, 2);
	assert_string_equal(back->rules[1].names[0].name, "fcntl");
	assert_string_equal(back->rules[1].names[1].name, "ioctl");
	assert_int_equal(back->rules[1].n_args, 1);
	assert_int_equal(back->rules[2].n_names, 2);
	assert_string_equal(back->rules[2].names[0].name, "read");
	assert_string_equal(back->rules[2].names[1].name, "write");
	assert_same_meaning(p, back, "merge");
	profile_free(back);
	profile_free(p);
	free(out);
}

/* Entries that differ in anything but their names stay apart: pairs of
 * extra keys for two otherwise identical entries. */
#define ARG(i, v, op) "{\"index\": " #i ", \"value\": " #v ", \"op\": \"SCMP_CMP_" #op "\"}"
static const struct {
	const char *a, *b;
} not_mergeable[] = {
    {"\"comment\": \"x\"", "\"errnoRet\": 2"},
    {"\"errnoRet\": 1", "\"errnoRet\": 2"},
    {"\"comment\": \"x\"", "\"errnoRet\": 1"}, /* EPERM either way, but written apart */
    {"\"comment\": \"x\"", "\"comment\": \"y\""},
    {"\"errno\": \"EPERM\"", "\"errno\": \"EACCES\""},
    {"\"args\": [" ARG(0, 1, EQ) "]", "\"args\": [" ARG(1, 1, EQ) "]"},
    {"\"args\": [" ARG(0, 1, EQ) "]", "\"args\": [" ARG(0, 1, NE) "]"},
    {"\"args\": [" ARG(0, 1, EQ) "]", "\"args\": [" ARG(0, 2, EQ) "]"},
    {"\"args\": [" ARG(0, 1, EQ) "]", "\"args\": [" ARG(0, 1, EQ) ", " ARG(0, 1, EQ) "]"},
    {"\"args\": [" ARG(0, 1, EQ) ", " ARG(1, 2, EQ) "]",
     "\"args\": [" ARG(1, 2, EQ) ", " ARG(0, 1, EQ) "]"},
    {"\"args\": [{\"index\": 0, \"value\": 1, \"valueTwo\": 1, \"op\": \"SCMP_CMP_MASKED_EQ\"}]",
     "\"args\": [{\"index\": 0, \"value\": 1, \"valueTwo\": 3, \"op\": \"SCMP_CMP_MASKED_EQ\"}]"},
    {"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}", "\"includes\": {\"caps\": [\"CAP_BPF\"]}"},
    {"\"comment\": \"x\"", "\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}"},
    {"\"includes\": {\"arches\": [\"amd64\"]}", "\"includes\": {\"arches\": [\"arm64\"]}"},
    {"\"includes\": {\"minKernel\": \"5.0\"}", "\"includes\": {\"minKernel\": \"5.1\"}"},
    {"\"includes\": {\"minKernel\": \"5.0\"}", "\"excludes\": {\"minKernel\": \"5.0\"}"},
};

static void write_keeps_different_entries_apart(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(not_mergeable); i++) {
		char doc[1024], *out;
		struct profile *p, *back;

		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [\n"
			 " {\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ERRNO\", %s},\n"
			 " {\"names\": [\"umount2\"], \"action\": \"SCMP_ACT_ERRNO\", %s}]}",
			 not_mergeable[i].a, not_mergeable[i].b);
		p = read_ok(doc);
		out = fmt(p);
		back = read_ok(out);
		if (back->n_rules != 2)
			fail_msg("merged despite %s vs %s:\n%s", not_mergeable[i].a,
				 not_mergeable[i].b, out);
		assert_same_meaning(p, back, not_mergeable[i].b);
		profile_free(back);
		profile_free(p);
		free(out);
	}
}

static void write_sorts_and_dedups_names(void **state)
{
	char *out =
	    fmt_doc("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		    " {\"names\": [\"write\", \"_llseek\", \"read\", \"write\", \"Zed\", "
		    "\"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
		    " {\"names\": [\"read\", \"accept4\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");
	struct profile *back = read_ok(out);
	static const char *const want[] = {"Zed", "_llseek", "accept4", "read", "write"};

	assert_int_equal(back->n_rules, 1);
	assert_int_equal(back->rules[0].n_names, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) /* byte order, as strcmp */
		assert_string_equal(back->rules[0].names[i].name, want[i]);
	profile_free(back);
	free(out);
}

/* runc/crun turn an entry with a repeated index into one rule per
 * condition (ORed): repeats and order are meaning, never "cleaned up". */
static void write_keeps_repeated_index_args(void **state)
{
	char *out =
	    fmt_doc("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
		    " {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n"
		    "  {\"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQ\"},\n"
		    "  {\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"},\n"
		    "  {\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"},\n"
		    "  {\"index\": 0, \"value\": 131072, \"op\": \"SCMP_CMP_EQ\"}]},\n"
		    " {\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n"
		    "  {\"index\": 2, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"},\n"
		    "  {\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}");
	struct profile *back = read_ok(out);
	static const uint64_t values[] = {8, 0, 0, 131072};

	assert_int_equal(back->n_rules, 2);
	assert_string_equal(back->rules[0].names[0].name, "personality");
	assert_int_equal(back->rules[0].n_args, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(back->rules[0].args[i].index, 0);
		assert_true(back->rules[0].args[i].value == values[i]);
	}
	assert_int_equal(back->rules[1].args[0].index, 2);
	assert_int_equal(back->rules[1].args[1].index, 0);
	profile_free(back);
	free(out);
}

/* valueTwo is written for MASKED_EQ (always) and otherwise only when
 * non-zero (runc reads an absent valueTwo as 0). */
static const struct {
	const char *op, *value_two; /* value_two NULL: key absent */
	const char *want;	    /* substring of the output, or NULL: no valueTwo */
} value_two_table[] = {
    {"SCMP_CMP_EQ", NULL, NULL},
    {"SCMP_CMP_EQ", "0", NULL},
    {"SCMP_CMP_EQ", "5", "\"valueTwo\": 5,"},
    {"SCMP_CMP_NE", "18446744073709551615", "\"valueTwo\": 18446744073709551615,"},
    {"SCMP_CMP_GT", "0", NULL},
    {"SCMP_CMP_MASKED_EQ", NULL, "\"valueTwo\": 0,"},
    {"SCMP_CMP_MASKED_EQ", "0", "\"valueTwo\": 0,"},
    {"SCMP_CMP_MASKED_EQ", "255", "\"valueTwo\": 255,"},
};

static void write_value_two(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(value_two_table); i++) {
		char doc[512], vt[64] = "", *out;

		if (value_two_table[i].value_two)
			snprintf(vt, sizeof(vt), ", \"valueTwo\": %s",
				 value_two_table[i].value_two);
		snprintf(doc, sizeof(doc),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
			 "[\"ioctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
			 "\"value\": 7%s, \"op\": \"%s\"}]}]}",
			 vt, value_two_table[i].op);
		out = fmt_doc(doc);
		if (value_two_table[i].want ? !strstr(out, value_two_table[i].want)
					    : strstr(out, "valueTwo") != NULL)
			fail_msg(
			    "row %zu (%s, valueTwo %s): want %s in\n%s", i, value_two_table[i].op,
			    value_two_table[i].value_two ? value_two_table[i].value_two : "absent",
			    value_two_table[i].want ? value_two_table[i].want : "no valueTwo", out);
		free(out);
	}
}

static void write_name_becomes_names(void **state)
{
	char *out = fmt_doc(
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n"
	    " {\"name\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"},\n"
	    " {\"name\": \"open\", \"names\": [\"openat\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
	    " {\"name\": \"exit\", \"action\": \"SCMP_ACT_ALLOW\"}]}");
	struct profile *back = read_ok(out);

	assert_null(strstr(out, "\"name\""));
	assert_int_equal(back->n_rules, 1);
	assert_false(back->rules[0].legacy_name);
	assert_int_equal(back->rules[0].n_names, 3);
	assert_string_equal(back->rules[0].names[0].name, "exit");
	assert_string_equal(back->rules[0].names[1].name, "openat");
	assert_string_equal(back->rules[0].names[2].name, "read");
	assert_false(back->seen & SEEN_NAME);
	profile_free(back);
	free(out);
}

static const char varied_profile[] =
    "{\n"
    "  \"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38, \"defaultErrno\": "
    "\"ENOSYS\",\n"
    "  \"archMap\": [\n"
    "    {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X86\", "
    "\"SCMP_ARCH_X32\"]},\n"
    "    {\"architecture\": \"SCMP_ARCH_AARCH64\", \"subArchitectures\": [\"SCMP_ARCH_ARM\"]},\n"
    "    {\"architecture\": \"SCMP_ARCH_RISCV64\"}\n"
    "  ],\n"
    "  \"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\", \"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"],\n"
    "  \"listenerPath\": \"/run/sup \\\"x\\\".sock\", \"listenerMetadata\": \"a\\tb\\u0001\",\n"
    "  \"syscalls\": [\n"
    "    {\"names\": [\"read\", \"write\", \"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
    "    {\"name\": \"close\", \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"\"},\n"
    "    {\"names\": [\"openat\"], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"files \\u00e9 "
    "\\\\ \\n \\u2028\"},\n"
    "    {\"names\": [\"mount\", \"umount2\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1, "
    "\"errno\": \"EPERM\"},\n"
    "    {\"names\": [\"chroot\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1},\n"
    "    {\"names\": [\"reboot\"], \"action\": \"SCMP_ACT_ERRNO\"},\n"
    "    {\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38, "
    "\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}},\n"
    "    {\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": "
    "\"4.8\"}},\n"
    "    {\"names\": [\"arch_prctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
    "{\"arches\": [\"amd64\", \"x32\"]}},\n"
    "    {\"names\": [\"bpf\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"caps\": "
    "[\"CAP_SYS_ADMIN\"], \"arches\": [\"arm64\"], \"minKernel\": \"5.8\"}, \"excludes\": "
    "{\"arches\": [\"s390x\"], \"caps\": [\"CAP_BPF\"], \"minKernel\": \"9.0\"}},\n"
    "    {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
    "\"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]},\n"
    "    {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
    "\"value\": 8, \"op\": \"SCMP_CMP_EQ\"}]},\n"
    "    {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
    "\"value\": 0, \"valueTwo\": 0, \"op\": \"SCMP_CMP_EQ\"}]},\n"
    "    {\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
    "\"value\": 2114060288, \"op\": \"SCMP_CMP_MASKED_EQ\"}]},\n"
    "    {\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
    "\"value\": 16, \"op\": \"SCMP_CMP_NE\"}, {\"index\": 0, \"value\": 17, \"op\": "
    "\"SCMP_CMP_NE\"}, {\"index\": 2, \"value\": 9, \"op\": \"SCMP_CMP_LT\"}]},\n"
    "    {\"names\": [\"ioctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
    "\"value\": 18446744073709551615, \"valueTwo\": 18446744073709551614, \"op\": "
    "\"SCMP_CMP_GE\"}]},\n"
    "    {\"names\": [\"kill\"], \"action\": \"SCMP_ACT_KILL\"},\n"
    "    {\"names\": [\"tkill\"], \"action\": \"SCMP_ACT_KILL_THREAD\"},\n"
    "    {\"names\": [\"tgkill\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"},\n"
    "    {\"names\": [\"uselib\"], \"action\": \"SCMP_ACT_TRAP\"},\n"
    "    {\"names\": [\"acct\"], \"action\": \"SCMP_ACT_TRACE\", \"errnoRet\": 4095},\n"
    "    {\"names\": [\"syslog\"], \"action\": \"SCMP_ACT_LOG\"},\n"
    "    {\"names\": [\"connect\"], \"action\": \"SCMP_ACT_NOTIFY\"},\n"
    "    {\"names\": [\"r\\u00e9ad\", \"x\\\"y\"], \"action\": \"SCMP_ACT_LOG\"}\n"
    "  ]\n"
    "}\n";

static void write_keeps_docker_extensions(void **state)
{
	struct profile *p = read_ok(varied_profile);
	char *out = fmt(p);

	assert_non_null(strstr(out, "\"archMap\": [\n    {\n      \"architecture\": "
				    "\"SCMP_ARCH_X86_64\",\n      \"subArchitectures\": [\n"));
	assert_non_null(strstr(out, "\"defaultErrno\": \"ENOSYS\""));
	assert_non_null(strstr(out, "\"errno\": \"EPERM\""));
	assert_non_null(strstr(out, "\"minKernel\": \"4.8\""));
	assert_non_null(strstr(out, "\"arches\": [\n"));
	assert_non_null(strstr(out, "\"caps\": [\n"));
	assert_non_null(strstr(out, "\"excludes\": {"));
	assert_non_null(strstr(out, "\"comment\": \"files \xc3\xa9 \\\\ \\n \xe2\x80\xa8\""));
	assert_non_null(strstr(out, "\"listenerPath\": \"/run/sup \\\"x\\\".sock\""));
	assert_non_null(strstr(out, "\"listenerMetadata\": \"a\\tb\\u0001\""));
	assert_non_null(strstr(out, "\"value\": 18446744073709551615, \"valueTwo\": "
				    "18446744073709551614"));
	assert_non_null(strstr(out, "\"SCMP_ACT_KILL_THREAD\""));
	assert_null(strstr(out, "\"SCMP_ACT_KILL\""));
	assert_null(strstr(out, "\"comment\": \"\""));
	check_writer_properties(p, "varied");
	profile_free(p);
	free(out);
}

static void write_drops_empty_optionals(void **state)
{
	char *out =
	    fmt_doc("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [],\n"
		    " \"listenerPath\": null, \"syscalls\": [{\"names\": [\"read\"], "
		    "\"action\": \"SCMP_ACT_ALLOW\", \"args\": [], \"comment\": \"\", "
		    "\"includes\": {}, \"excludes\": {\"caps\": []}, \"errnoRet\": null}]}");

	assert_string_equal(out, "{\n"
				 "  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
				 "  \"syscalls\": [\n"
				 "    {\n"
				 "      \"names\": [\n"
				 "        \"read\"\n"
				 "      ],\n"
				 "      \"action\": \"SCMP_ACT_ALLOW\"\n"
				 "    }\n"
				 "  ]\n"
				 "}\n");
	free(out);
}

/* An OCI config.json in, the seccomp object out (paths aside, the same). */
static void write_oci_config(void **state)
{
	char *a =
	    fmt_doc("{\"ociVersion\": \"1.0.2\", \"linux\": {\"seccomp\": {\"defaultAction\": "
		    "\"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": "
		    "\"SCMP_ACT_ALLOW\"}]}}}");
	char *b = fmt_doc("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
			  "[\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");

	assert_string_equal(a, b);
	assert_null(strstr(a, "ociVersion"));
	free(a);
	free(b);
}

static const char *const real_profiles[] = {
    "profiles/lab/audit.json",
    "profiles/lab/deny-dangerous.json",
    "profiles/lab/minimal.json",
    "profiles/lab/nginx.json",
    "profiles/lab/production.json",
    "profiles/lab/too-restrictive.json",
    "profiles/builtin/runtime-default.json",
    "profiles/builtin/log-all.json",
    "fuzz/corpus/profile/moby-default.json",
    "fuzz/corpus/profile/containers-default.json",
};

static void write_fixed_point_and_meaning_real_profiles(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(real_profiles); i++) {
		struct profile *p = read_rel(real_profiles[i]);

		check_writer_properties(p, real_profiles[i]);
		profile_free(p);
	}
}

/* The same on what a runtime loads: resolved for x86_64 and aarch64. */
static void write_fixed_point_and_meaning_resolved(void **state)
{
	static const char *const targets[] = {"SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"};

	for (size_t i = 0; i < ARRAY_SIZE(real_profiles); i++) {
		struct profile *p = read_rel(real_profiles[i]);

		for (size_t t = 0; t < ARRAY_SIZE(targets); t++) {
			struct profile_ctx ctx;
			struct profile *r;
			char *out;

			ctx_for(&ctx, targets[t], 6, 1);
			r = resolve(p, &ctx);
			check_writer_properties(r, real_profiles[i]);
			out = fmt(r);
			assert_null(strstr(out, "\"archMap\""));
			assert_null(strstr(out, "\"includes\""));
			assert_null(strstr(out, "\"excludes\""));
			free(out);
			profile_free(r);
		}
		profile_free(p);
	}
}

/* Merging never moves a name to another action: after fmt each name has
 * exactly the (action, errno, args) set it had, checked name by name on
 * the containers' default (setns is named by an unconditional ALLOW and a
 * later ERRNO entry, so its entries keep their order and are not merged). */
static void write_meaning_per_name(void **state)
{
	struct profile *p = read_rel("profiles/builtin/runtime-default.json");
	char *out = fmt(p);
	struct profile *back = read_ok(out);

	assert_true(back->n_rules <= p->n_rules);
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_names; j++) {
			const char *name = p->rules[i].names[j].name;
			size_t before = 0, after = 0;

			for (size_t k = 0; k < p->n_rules; k++)
				for (size_t m = 0; m < p->rules[k].n_names; m++)
					before += strcmp(p->rules[k].names[m].name, name) == 0;
			for (size_t k = 0; k < back->n_rules; k++)
				for (size_t m = 0; m < back->rules[k].n_names; m++)
					after += strcmp(back->rules[k].names[m].name, name) == 0;
			assert_true(after >= 1 && after <= before);
		}
	assert_same_meaning(p, back, "runtime-default");
	profile_free(back);
	profile_free(p);
	free(out);
}

/* Every seed of the profile fuzzer is a valid profile with the writer's
 * two properties (the fuzzer checks the same on its mutations). */
static void write_fixed_point_seed_corpus(void **state)
{
	DIR *d = opendir(SRCDIR "/fuzz/corpus/profile");
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char rel[512];
		struct profile *p;

		if (e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "fuzz/corpus/profile/%s", e->d_name);
		p = read_rel(rel);
		check_writer_properties(p, rel);
		profile_free(p);
		n++;
	}
	closedir(d);
	assert_true(n >= 28);
}

/* ---- syntax errors reach the caller as SCP001 with a position ---- */

static const struct {
	const char *name, *doc;
	unsigned line, col;
} syntax_cases[] = {
    {"truncated", "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"syscalls\": [", 2, 15},
    {"unterminated_string", "{\"defaultAction\": \"SCMP_ACT_ERR", 1, 32},
    {"trailing_comma_object", "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n}", 2, 1},
    {"trailing_comma_array",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n {\"names\": [\"read\",], "
     "\"action\": \"SCMP_ACT_ALLOW\"}]}",
     2, 20},
    {"bom",
     "\xef"
     "\xbb"
     "\xbf"
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}",
     1, 1},
    {"duplicate_key",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"defaultAction\": \"SCMP_ACT_ALLOW\"}", 2, 2},
    {"duplicate_key_nested",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\n {\"names\": [\"read\"], "
     "\"action\": \"SCMP_ACT_ALLOW\",\n  \"names\": [\"write\"]}]}",
     3, 3},
    {"line_comment", "{\n  // deny\n  \"defaultAction\": \"SCMP_ACT_ERRNO\"}", 2, 3},
    {"block_comment", "{\"defaultAction\": /* deny */ \"SCMP_ACT_ERRNO\"}", 1, 19},
    {"single_quotes", "{\"defaultAction\": 'SCMP_ACT_ERRNO'}", 1, 19},
    {"nan", "{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"defaultErrnoRet\": NaN}", 2, 21},
    {"infinity", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": -Infinity}", 1, 57},
    {"leading_zero", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 01}", 1, 57},
    {"plus_sign", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": +1}", 1, 56},
    {"empty", "", 1, 1},
    {"whitespace_only", " \n\t\n  ", 3, 3},
    {"two_values", "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}\n{}", 2, 1},
    {"raw_newline_in_string", "{\"defaultAction\": \"SCMP_ACT_\nERRNO\"}", 1, 29},
    {"bad_escape", "{\"defaultAction\": \"SCMP_ACT_\\x\"}", 1, 30},
    {"lone_high_surrogate",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"r\\ud800\"], "
     "\"action\": \"SCMP_ACT_ALLOW\"}]}",
     1, 69},
    {"lone_low_surrogate",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"r\\udc00\"], "
     "\"action\": \"SCMP_ACT_ALLOW\"}]}",
     1, 69},
    {"missing_colon", "{\"defaultAction\" \"SCMP_ACT_ERRNO\"}", 1, 18},
    {"unquoted_key", "{defaultAction: \"SCMP_ACT_ERRNO\"}", 1, 2},
    {"missing_comma", "{\"defaultAction\": \"SCMP_ACT_ERRNO\"\n \"syscalls\": []}", 2, 2},
    {"non_ascii_column",
     "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"comment\": \"\xc3"
     "\xa9"
     "\xc3"
     "\xa9"
     "\xc3"
     "\xa9"
     "\", \"names\": [\"read\"] \"action\": \"SCMP_ACT_ALLOW\"}]}",
     1, 87},
};

static void read_syntax_errors(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(syntax_cases); i++) {
		struct diag_list d = {0};
		struct sc_error err = {0};
		struct profile *p = (struct profile *)1;
		int rc = profile_read_buffer(syntax_cases[i].doc, strlen(syntax_cases[i].doc),
					     "s.json", &p, &d, &err);

		if (rc != -EINVAL || p || d.n != 1 || strcmp(d.items[0].id, "SCP001") != 0 ||
		    d.items[0].sev != SEV_ERROR || err.line != syntax_cases[i].line ||
		    err.col != syntax_cases[i].col || d.items[0].pos.line != err.line ||
		    d.items[0].pos.col != err.col) {
			dump_diags(&d);
			fail_msg("%s: rc %d, %u:%u \"%s\"; want -EINVAL at %u:%u",
				 syntax_cases[i].name, rc, err.line, err.col, err.msg,
				 syntax_cases[i].line, syntax_cases[i].col);
		}
		assert_string_equal(err.file, "s.json");
		assert_true(err.msg[0] != '\0');
		diag_list_free(&d);
	}
}

/* Input the reader must refuse without reading it all: over the 4 MiB
 * limit, and nesting deeper than 64. */
static void read_limits(void **state)
{
	size_t big = 5u << 20;
	char *doc = malloc(big + 1);
	struct sc_error err = {0};
	struct profile *p = NULL;
	int rc;

	assert_non_null(doc);
	memset(doc, ' ', big);
	memcpy(doc, "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}", 35);
	doc[big] = '\0';
	rc = profile_read_buffer(doc, big, "big.json", &p, NULL, &err);
	assert_true(rc == -E2BIG || rc == -EINVAL);
	assert_null(p);
	free(doc);

	doc = malloc(2 * 100 + 64);
	assert_non_null(doc);
	for (int i = 0; i < 100; i++)
		doc[i] = '[';
	for (int i = 0; i < 100; i++)
		doc[100 + i] = ']';
	doc[200] = '\0';
	sc_error_clear(&err);
	rc = profile_read_buffer(doc, 200, "deep.json", &p, NULL, &err);
	assert_true(rc == -E2BIG || rc == -EINVAL);
	assert_null(p);
	assert_int_equal(err.line, 1);
	free(doc);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
	    cmocka_unit_test(read_top_level_fields),
	    cmocka_unit_test(read_minimal_has_defaults),
	    cmocka_unit_test(read_every_action),
	    cmocka_unit_test(read_every_op),
	    cmocka_unit_test(read_every_flag),
	    cmocka_unit_test(read_archmap),
	    cmocka_unit_test(read_rule_fields),
	    cmocka_unit_test(read_includes_excludes),
	    cmocka_unit_test(read_legacy_name),
	    cmocka_unit_test(read_errno_strings),
	    cmocka_unit_test(read_null_is_absent),
	    cmocka_unit_test(read_oci_config),
	    cmocka_unit_test(read_oci_config_errors_are_prefixed),
	    cmocka_unit_test(read_u64_values),
	    cmocka_unit_test(read_unknown_key_is_a_warning),
	    cmocka_unit_test(read_repeated_arch_is_info),
	    cmocka_unit_test(read_errno_zero_warns),
	    cmocka_unit_test(read_errno_on_trace_is_fine),
	    cmocka_unit_test(read_file_paths),
	    cmocka_unit_test(read_without_diag_list),
	    cmocka_unit_test(read_syntax_errors),
	    cmocka_unit_test(read_limits),
	    cmocka_unit_test(schema_one_problem_one_error),
	    cmocka_unit_test(schema_all_errors_in_one_pass),
	    cmocka_unit_test(schema_many_errors_in_one_pass),
	    cmocka_unit_test(schema_did_you_mean_op),
	    cmocka_unit_test(schema_min_kernel_like_docker),
	    cmocka_unit_test(schema_unsupported_arch),
	    cmocka_unit_test(resolve_runtime_default_x86_64),
	    cmocka_unit_test(resolve_runtime_default_sys_admin),
	    cmocka_unit_test(resolve_runtime_default_aarch64),
	    cmocka_unit_test(resolve_runtime_default_other_targets),
	    cmocka_unit_test(resolve_moby_default),
	    cmocka_unit_test(resolve_condition_table),
	    cmocka_unit_test(resolve_plain_architectures),
	    cmocka_unit_test(resolve_archmap_first_match_wins),
	    cmocka_unit_test(write_golden),
	    cmocka_unit_test(write_merges_identical_entries),
	    cmocka_unit_test(write_keeps_different_entries_apart),
	    cmocka_unit_test(write_sorts_and_dedups_names),
	    cmocka_unit_test(write_keeps_repeated_index_args),
	    cmocka_unit_test(write_value_two),
	    cmocka_unit_test(write_name_becomes_names),
	    cmocka_unit_test(write_keeps_docker_extensions),
	    cmocka_unit_test(write_drops_empty_optionals),
	    cmocka_unit_test(write_oci_config),
	    cmocka_unit_test(write_fixed_point_and_meaning_real_profiles),
	    cmocka_unit_test(write_fixed_point_and_meaning_resolved),
	    cmocka_unit_test(write_meaning_per_name),
	    cmocka_unit_test(write_fixed_point_seed_corpus),
	};
	size_t n_fixed = ARRAY_SIZE(fixed), n = n_fixed + ARRAY_SIZE(schema_cases);
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	char(*names)[64] = calloc(ARRAY_SIZE(schema_cases), sizeof(*names));
	int failed;

	if (!tests || !names)
		return 1;
	memcpy(tests, fixed, sizeof(fixed));
	/* One test per schema row, named after it. */
	for (size_t i = 0; i < ARRAY_SIZE(schema_cases); i++) {
		snprintf(names[i], sizeof(names[i]), "schema_%s", schema_cases[i].name);
		tests[n_fixed + i] = (struct CMUnitTest){
		    .name = names[i],
		    .test_func = schema_case_test,
		    .initial_state = (void *)&schema_cases[i],
		};
	}
	failed = _cmocka_run_group_tests("profile", tests, n, NULL, NULL);
	free(tests);
	free(names);
	return failed;
}
