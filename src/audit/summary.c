#include "audit/summary.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	uint32_t code;
	const char *name;
} actions[] = {
    {0x80000000u, "KILL_PROCESS"}, {0x00000000u, "KILL_THREAD"}, {0x00030000u, "TRAP"},
    {0x00050000u, "ERRNO"},	   {0x7fc00000u, "USER_NOTIF"},	 {0x7ff00000u, "TRACE"},
    {0x7ffc0000u, "LOG"},	   {0x7fff0000u, "ALLOW"},
};
#define N_ACTIONS (sizeof(actions) / sizeof(actions[0]))

unsigned audit_action_bit(uint32_t code)
{
	for (unsigned i = 0; i < N_ACTIONS; i++)
		if (actions[i].code == (code & 0xffff0000u))
			return 1u << i;
	return 1u << N_ACTIONS; /* unknown */
}

const char *audit_action_bit_name(unsigned bit)
{
	if (bit < N_ACTIONS)
		return actions[bit].name;
	return bit == N_ACTIONS ? "UNKNOWN" : NULL;
}

static const char *program_of(const struct audit_record *r)
{
	return r->exe[0] && (r->exe[0] != '(' || strcmp(r->exe, "(null)") != 0) ? r->exe : r->comm;
}

/* The name's length, first and last eight bytes (a record is added per
 * line of a large log: this runs as often as the parser); names that
 * share them only share a chain, as same() compares them whole. */
static size_t hash(const char *prog, size_t len, uint32_t arch, int64_t nr)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ arch ^ ((uint64_t)nr * 0xff51afd7ed558ccdull) ^ len,
		 head = 0, tail = 0;

	memcpy(&head, prog, len < 8 ? len : 8);
	if (len > 8)
		memcpy(&tail, prog + len - 8, 8);
	h = (h ^ head) * 0xc4ceb9fe1a85ec53ull;
	h = (h ^ h >> 29 ^ tail) * 0xc4ceb9fe1a85ec53ull;
	return (size_t)(h ^ h >> 32);
}

static bool same(const struct audit_entry *e, const char *prog, size_t len, uint32_t arch,
		 int64_t nr)
{
	return e->arch == arch && e->syscall == nr && e->program_len == len &&
	       memcmp(e->program, prog, len) == 0;
}

static int rehash(struct audit_summary *s)
{
	size_t n = s->n_slots ? s->n_slots * 2 : 256;
	size_t *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		size_t k =
		    hash(s->v[i].program, s->v[i].program_len, s->v[i].arch, s->v[i].syscall) &
		    (n - 1);

		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = i + 1;
	}
	free(s->slots);
	s->slots = slots;
	s->n_slots = n;
	return 0;
}

int audit_summary_add(struct audit_summary *s, const struct audit_record *r)
{
	return audit_summary_add_in(s, r, NULL);
}

int audit_summary_add_in(struct audit_summary *s, const struct audit_record *r,
			 const char *container)
{
	const char *prog = program_of(r);
	size_t len = strlen(prog), k;
	struct audit_entry *e;

	if ((s->n + 1) * 2 > s->n_slots && rehash(s) < 0)
		return -ENOMEM;
	for (k = hash(prog, len, r->arch, r->syscall) & (s->n_slots - 1); s->slots[k];
	     k = (k + 1) & (s->n_slots - 1)) {
		e = &s->v[s->slots[k] - 1];
		if (same(e, prog, len, r->arch, r->syscall))
			goto found;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct audit_entry *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	e = &s->v[s->n];
	memset(e, 0, sizeof(*e));
	e->program = strdup(prog);
	e->program_len = len;
	e->comm = strdup(r->comm);
	if (!e->program || !e->comm) {
		free(e->program);
		free(e->comm);
		return -ENOMEM;
	}
	e->abi = audit_record_abi(r);
	e->arch = r->arch;
	e->syscall = r->syscall;
	e->first_ms = r->time_ms;
	s->slots[k] = ++s->n;
found:
	e->count++;
	e->actions |= audit_action_bit(r->code);
	if (r->time_ms < e->first_ms)
		e->first_ms = r->time_ms;
	if (r->time_ms > e->last_ms)
		e->last_ms = r->time_ms;
	e->last_pid = r->pid;
	if (container && (!e->container || strcmp(e->container, container) != 0)) {
		char *c = strdup(container);

		if (!c)
			return -ENOMEM;
		free(e->container);
		e->container = c;
	}
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct audit_entry *x = a, *y = b;
	int c = strcmp(x->program, y->program);

	if (c)
		return c;
	if (x->arch != y->arch)
		return x->arch < y->arch ? -1 : 1;
	return (x->syscall > y->syscall) - (x->syscall < y->syscall);
}

void audit_summary_sort(struct audit_summary *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_entry);
	free(s->slots); /* the order changed: no more lookups */
	s->slots = NULL;
	s->n_slots = 0;
}

void audit_summary_free(struct audit_summary *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].program);
		free(s->v[i].comm);
		free(s->v[i].container);
	}
	free(s->v);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}
