/* The set of calls a recording saw, and the allowlist profile it makes. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "util/strbuf.h"

#define X32_BIT	 0x40000000u
#define FAST_MAX 4096 /* numbers below this are found in a bitmap */
#define MAX_ABIS 8

/* Docker's namespace mask for clone (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|
 * NEWUSER|NEWPID|NEWNET). */
#define CLONE_NS_MASK  0x7E020000ull
#define SOCK_TYPE_MASK 0xfull

enum arg_kind { K_CLONE, K_SOCKET, K_PERSONALITY, K_PRCTL, K_IOCTL, K__COUNT };
static const struct {
	const char *name;
	unsigned flag;
} arg_kinds[K__COUNT] = {
    [K_CLONE] = {"clone", REC_ARGS_CLONE},
    [K_SOCKET] = {"socket", REC_ARGS_SOCKET},
    [K_PERSONALITY] = {"personality", REC_ARGS_PERSONALITY},
    [K_PRCTL] = {"prctl", REC_ARGS_PRCTL},
    [K_IOCTL] = {"ioctl", REC_ARGS_IOCTL},
};

struct abi_bits {
	const struct arch_info *abi;
	uint32_t arch; /* as seccomp_data carries it */
	uint8_t seen[FAST_MAX / 8];
	int kind_nr[K__COUNT]; /* the number of each --args call here, -1 none */
};

struct argval {
	enum arg_kind kind;
	uint64_t a, b; /* clone: masked flags; socket: family, type; others: value */
};

struct rec_set {
	unsigned args;
	unsigned long events;
	struct abi_bits abis[MAX_ABIS];
	size_t n_abis;
	struct seccomp_data *calls; /* distinct (arch, nr), first arguments */
	size_t n_calls, cap_calls;
	struct argval *vals;
	size_t n_vals, cap_vals;
};

struct rec_set *rec_set_new(unsigned args)
{
	struct rec_set *s = calloc(1, sizeof(*s));

	if (s)
		s->args = args;
	return s;
}

void rec_set_free(struct rec_set *s)
{
	if (!s)
		return;
	free(s->calls);
	free(s->vals);
	free(s);
}

unsigned long rec_set_events(const struct rec_set *s)
{
	return s->events;
}

size_t rec_set_distinct(const struct rec_set *s)
{
	return s->n_calls;
}

static struct abi_bits *abi_slot(struct rec_set *s, uint32_t arch, int nr)
{
	const struct arch_info *abi = arch_of_call(arch, nr);
	struct abi_bits *b;

	for (size_t i = 0; i < s->n_abis; i++)
		if (s->abis[i].abi == abi && s->abis[i].arch == arch)
			return &s->abis[i];
	if (s->n_abis == MAX_ABIS)
		return NULL;
	b = &s->abis[s->n_abis++];
	memset(b, 0, sizeof(*b));
	b->abi = abi;
	b->arch = arch;
	for (int k = 0; k < K__COUNT; k++) {
		int knr = -1;

		if (abi && arch_syscall_resolve(abi, arg_kinds[k].name, &knr) != ARCH_SYS_OK)
			knr = -1;
		b->kind_nr[k] = knr;
	}
	return b;
}

static int add_call(struct rec_set *s, const struct rec_event *ev)
{
	if (s->n_calls == s->cap_calls) {
		size_t cap = s->cap_calls ? 2 * s->cap_calls : 64;
		struct seccomp_data *v = realloc(s->calls, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->calls = v;
		s->cap_calls = cap;
	}
	struct seccomp_data *d = &s->calls[s->n_calls++];

	memset(d, 0, sizeof(*d));
	d->arch = ev->arch;
	d->nr = ev->nr;
	memcpy(d->args, ev->args, sizeof(d->args));
	return 0;
}

static int add_val(struct rec_set *s, enum arg_kind kind, uint64_t a, uint64_t b)
{
	for (size_t i = 0; i < s->n_vals; i++)
		if (s->vals[i].kind == kind && s->vals[i].a == a && s->vals[i].b == b)
			return 0;
	if (s->n_vals == s->cap_vals) {
		size_t cap = s->cap_vals ? 2 * s->cap_vals : 16;
		struct argval *v = realloc(s->vals, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->vals = v;
		s->cap_vals = cap;
	}
	s->vals[s->n_vals++] = (struct argval){kind, a, b};
	return 0;
}

static int add_args(struct rec_set *s, const struct abi_bits *b, const struct rec_event *ev)
{
	uint64_t mask = b->abi && b->abi->bits == 32 ? 0xffffffffull : ~0ull;

	for (int k = 0; k < K__COUNT; k++) {
		if (!(s->args & arg_kinds[k].flag) || b->kind_nr[k] != ev->nr)
			continue;
		switch (k) {
		case K_CLONE: return add_val(s, K_CLONE, ev->args[0] & CLONE_NS_MASK, 0);
		case K_SOCKET:
			return add_val(s, K_SOCKET, ev->args[0] & mask,
				       ev->args[1] & SOCK_TYPE_MASK);
		case K_IOCTL: return add_val(s, K_IOCTL, ev->args[1] & mask, 0);
		default: return add_val(s, (enum arg_kind)k, ev->args[0] & mask, 0);
		}
	}
	return 0;
}

int rec_set_add(struct rec_set *s, const struct rec_event *ev)
{
	struct abi_bits *b = abi_slot(s, ev->arch, ev->nr);
	unsigned idx = (unsigned)ev->nr & ~X32_BIT;
	bool seen = false;
	int rc = 0;

	s->events++;
	if (!b)
		return 0; /* a ninth ABI: cannot be (there are at most three per machine) */
	if (ev->nr >= 0 && idx < FAST_MAX) {
		seen = b->seen[idx / 8] & (1u << (idx % 8));
		b->seen[idx / 8] |= (uint8_t)(1u << (idx % 8));
	} else {
		for (size_t i = 0; i < s->n_calls && !seen; i++)
			seen = s->calls[i].arch == ev->arch && s->calls[i].nr == ev->nr;
	}
	if (!seen)
		rc = add_call(s, ev);
	if (rc == 0 && s->args)
		rc = add_args(s, b, ev);
	return rc;
}

int rec_set_calls(const struct rec_set *s, struct seccomp_data **out, size_t *n)
{
	*out = malloc((s->n_calls ? s->n_calls : 1) * sizeof(**out));
	if (!*out)
		return -ENOMEM;
	if (s->n_calls)
		memcpy(*out, s->calls, s->n_calls * sizeof(**out));
	*n = s->n_calls;
	return 0;
}

/* ---- the profile -------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool has_vals(const struct rec_set *s, enum arg_kind k)
{
	for (size_t i = 0; i < s->n_vals; i++)
		if (s->vals[i].kind == k)
			return true;
	return false;
}

static void put_rule(struct sc_strbuf *b, bool *first, const char *name, const char *args)
{
	sc_strbuf_printf(
	    b, "%s\n    {\"names\": [\"%s\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [%s]}",
	    *first ? "" : ",", name, args);
	*first = false;
}

static void put_arg_rules(const struct rec_set *s, struct sc_strbuf *b, bool *first)
{
	for (size_t i = 0; i < s->n_vals; i++) {
		const struct argval *v = &s->vals[i];
		char args[256];

		switch (v->kind) {
		case K_CLONE:
			snprintf(args, sizeof(args),
				 "{\"index\": 0, \"value\": %llu, \"valueTwo\": %" PRIu64
				 ", \"op\": \"SCMP_CMP_MASKED_EQ\"}",
				 CLONE_NS_MASK, v->a);
			break;
		case K_SOCKET:
			snprintf(args, sizeof(args),
				 "{\"index\": 0, \"value\": %" PRIu64 ", \"op\": \"SCMP_CMP_EQ\"}, "
				 "{\"index\": 1, \"value\": %llu, \"valueTwo\": %" PRIu64
				 ", \"op\": \"SCMP_CMP_MASKED_EQ\"}",
				 v->a, SOCK_TYPE_MASK, v->b);
			break;
		case K_IOCTL:
			snprintf(args, sizeof(args),
				 "{\"index\": 1, \"value\": %" PRIu64 ", \"op\": \"SCMP_CMP_EQ\"}",
				 v->a);
			break;
		default:
			snprintf(args, sizeof(args),
				 "{\"index\": 0, \"value\": %" PRIu64 ", \"op\": \"SCMP_CMP_EQ\"}",
				 v->a);
			break;
		}
		put_rule(b, first, arg_kinds[v->kind].name, args);
	}
}

int rec_set_profile(const struct rec_set *s, const struct rec_profile_opts *o, char **out,
		    struct sc_error *err)
{
	const char **names = calloc(s->n_calls + o->n_extra + 1, sizeof(*names));
	const struct arch_info *abis[2 * MAX_ABIS + 1];
	struct sc_strbuf b = {0};
	size_t n = 0, n_abis = 0, k = 0;
	bool first = true;

	*out = NULL;
	if (!names)
		return sc_error_set(err, -ENOMEM, "out of memory");
	/* names: what was seen (argument-ruled calls apart), and the extras */
	for (size_t i = 0; i < s->n_calls; i++) {
		const struct seccomp_data *d = &s->calls[i];
		const struct arch_info *abi = arch_of_call(d->arch, d->nr);
		const char *name = abi && d->nr >= 0 ? arch_syscall_name(abi, d->nr) : NULL;
		bool ruled = false;

		if (!name)
			continue;
		for (int a = 0; a < K__COUNT && !ruled; a++)
			ruled = (s->args & arg_kinds[a].flag) &&
				strcmp(name, arg_kinds[a].name) == 0 &&
				has_vals(s, (enum arg_kind)a);
		if (!ruled)
			names[n++] = name;
	}
	for (size_t i = 0; i < o->n_extra; i++)
		names[n++] = o->extra[i];
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(names[k - 1], names[i]) != 0)
			names[k++] = names[i];
	n = k;
	/* ABIs: the native one first, then as seen */
	if (o->native)
		abis[n_abis++] = o->native;
	for (size_t i = 0; i < s->n_abis; i++) {
		bool have = !s->abis[i].abi;

		for (size_t j = 0; j < n_abis && !have; j++)
			have = abis[j] == s->abis[i].abi;
		if (!have)
			abis[n_abis++] = s->abis[i].abi;
	}
	for (size_t i = 0; i < o->n_extra_arches && n_abis < 2 * MAX_ABIS; i++) {
		bool have = false;

		for (size_t j = 0; j < n_abis && !have; j++)
			have = abis[j] == o->extra_arches[i];
		if (!have)
			abis[n_abis++] = o->extra_arches[i];
	}

	sc_strbuf_puts(&b,
		       "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n"
		       "  \"architectures\": [");
	for (size_t i = 0; i < n_abis; i++)
		sc_strbuf_printf(&b, "%s\"%s\"", i ? ", " : "", abis[i]->oci);
	sc_strbuf_puts(&b, "],\n  \"syscalls\": [");
	if (n) {
		sc_strbuf_puts(&b, "\n    {\"names\": [");
		for (size_t i = 0; i < n; i++)
			sc_strbuf_printf(&b, "%s\"%s\"", i ? ", " : "", names[i]);
		sc_strbuf_puts(&b, "], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": ");
		sc_strbuf_json_string(&b, o->comment ? o->comment : "",
				      strlen(o->comment ? o->comment : ""));
		sc_strbuf_puts(&b, "}");
		first = false;
	}
	put_arg_rules(s, &b, &first);
	sc_strbuf_puts(&b, "\n  ]\n}\n");
	free(names);
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	*out = sc_strbuf_steal(&b);
	return 0;
}
