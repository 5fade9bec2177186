/* Architectures and syscall tables, backed by libseccomp.
 *
 * Two lazily built, read-only caches live here, each built under pthread_once
 * and never written again, so every function is safe to call from any thread:
 *
 *  - the arch table with its `supported` flags (asks libseccomp once);
 *  - the syscall tables: for every supported arch, every (number, name) pair
 *    libseccomp knows, found by walking the number ranges the arch uses.
 *
 * Why a table of our own rather than calling libseccomp each time:
 * seccomp_syscall_resolve_num_arch() returns a malloc'd string, so handing its result out through a
 * `const char *` API would either leak or dangle.  We walk the numbers once, intern the names into
 * one sorted pool and return pointers into it; they stay valid for the life of the process.  The
 * same pool is the list of every known syscall name that arch_syscall_known() and
 * arch_syscall_suggest() need, which libseccomp has no API to enumerate.  The walk costs about 3
 * ms, once.
 *
 * Name -> number still goes straight to libseccomp (it has a perfect hash);
 * only its socketcall/ipc answers are corrected from the table, see
 * arch_syscall_resolve().
 */
#include "arch/arch.h"

#include <pthread.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

/* libseccomp 2.5 predates these; the values are the kernel's AUDIT_ARCH_*
 * (include/uapi/linux/audit.h) as libseccomp 2.6 defines them.  Note that
 * libseccomp's "sh" is the little-endian one (AUDIT_ARCH_SHEL). */
#ifndef SCMP_ARCH_LOONGARCH64
#define SCMP_ARCH_LOONGARCH64 0xc0000102u /* EM_LOONGARCH(258) | 64BIT | LE */
#endif
#ifndef SCMP_ARCH_M68K
#define SCMP_ARCH_M68K 0x00000004u /* EM_68K */
#endif
#ifndef SCMP_ARCH_SH
#define SCMP_ARCH_SH 0x4000002au /* EM_SH(42) | LE */
#endif
#ifndef SCMP_ARCH_SHEB
#define SCMP_ARCH_SHEB 0x0000002au /* EM_SH */
#endif

/* The numbers everything else relies on; a header that disagrees is a bug. */
_Static_assert(SCMP_ARCH_X86 == 0x40000003u, "x86 token");
_Static_assert(SCMP_ARCH_X86_64 == 0xc000003eu, "x86_64 token");
_Static_assert(SCMP_ARCH_X32 == 0x4000003eu, "x32 token");
_Static_assert(SCMP_ARCH_AARCH64 == 0xc00000b7u, "aarch64 token");
_Static_assert(SCMP_ARCH_LOONGARCH64 == 0xc0000102u, "loongarch64 token");
_Static_assert(SCMP_ARCH_SH == 0x4000002au && SCMP_ARCH_SHEB == 0x2au, "sh tokens");

/* x32 syscalls carry this bit in seccomp_data.nr (arch/x86/include/uapi/asm/unistd.h). */
#define X32_SYSCALL_BIT 0x40000000

/* Every table walk covers [base, base + span).  1024 leaves room for twice
 * today's ~460 syscalls. */
#define RANGE_SPAN 1024

struct sys_range {
	int base, span;
};

struct arch_spec {
	struct arch_info info;	    /* .supported filled in at run time */
	struct sys_range ranges[2]; /* ascending; span 0 ends the list */
};

/* bits is libseccomp's view (ARCH_SIZE_*), which decides how it compares
 * arguments: x32 and the MIPS n32 ABIs count as 32-bit there even though
 * their registers are 64 bits wide.  base is where the arch's numbers start. */
#define ARCH_ENTRY(token_, oci_, name_, go_, bits_, be_, ...)                                      \
	{                                                                                          \
		.info = {.name = name_,                                                            \
			 .oci = oci_,                                                              \
			 .go = go_,                                                                \
			 .token = token_,                                                          \
			 .bits = bits_,                                                            \
			 .big_endian = be_},                                                       \
		.ranges = {__VA_ARGS__},                                                           \
	}
/* Each wrapper stringizes the SCMP_ARCH_* name itself: one level down it would
 * already have been expanded to its number. */
#define ARCH(scmp_, name_, go_, bits_, be_, base_)                                                 \
	ARCH_ENTRY(scmp_, #scmp_, name_, go_, bits_, be_, {base_, RANGE_SPAN})
#define ARCH_RANGES(scmp_, name_, go_, bits_, be_, ...)                                            \
	ARCH_ENTRY(scmp_, #scmp_, name_, go_, bits_, be_, __VA_ARGS__)

/* Order: the runtime spec's.  `go` is libseccomp-golang's ScmpArch.String(). */
static const struct arch_spec specs[] = {
    ARCH(SCMP_ARCH_X86, "x86", "x86", 32, false, 0),
    ARCH(SCMP_ARCH_X86_64, "x86_64", "amd64", 64, false, 0),
    /* x32 numbers are x86_64-style numbers with X32_SYSCALL_BIT set. */
    ARCH(SCMP_ARCH_X32, "x32", "x32", 32, false, X32_SYSCALL_BIT),
    /* ARM's private calls (breakpoint, cacheflush, set_tls, ...) sit at
     * __ARM_NR_BASE 0x0f0000 (arch/arm/include/uapi/asm/unistd.h). */
    ARCH_RANGES(SCMP_ARCH_ARM, "arm", "arm", 32, false, {0, RANGE_SPAN}, {0x0f0000, 16}),
    ARCH(SCMP_ARCH_AARCH64, "aarch64", "arm64", 64, false, 0),
    /* MIPS numbers are offset by ABI: o32 4000, n64 5000, n32 6000. */
    ARCH(SCMP_ARCH_MIPS, "mips", "mips", 32, true, 4000),
    ARCH(SCMP_ARCH_MIPS64, "mips64", "mips64", 64, true, 5000),
    ARCH(SCMP_ARCH_MIPS64N32, "mips64n32", "mips64n32", 32, true, 6000),
    ARCH(SCMP_ARCH_MIPSEL, "mipsel", "mipsel", 32, false, 4000),
    ARCH(SCMP_ARCH_MIPSEL64, "mipsel64", "mipsel64", 64, false, 5000),
    ARCH(SCMP_ARCH_MIPSEL64N32, "mipsel64n32", "mipsel64n32", 32, false, 6000),
    ARCH(SCMP_ARCH_PPC, "ppc", "ppc", 32, true, 0),
    ARCH(SCMP_ARCH_PPC64, "ppc64", "ppc64", 64, true, 0),
    ARCH(SCMP_ARCH_PPC64LE, "ppc64le", "ppc64le", 64, false, 0),
    ARCH(SCMP_ARCH_S390, "s390", "s390", 32, true, 0),
    ARCH(SCMP_ARCH_S390X, "s390x", "s390x", 64, true, 0),
    ARCH(SCMP_ARCH_PARISC, "parisc", "parisc", 32, true, 0),
    ARCH(SCMP_ARCH_PARISC64, "parisc64", "parisc64", 64, true, 0),
    ARCH(SCMP_ARCH_RISCV64, "riscv64", "riscv64", 64, false, 0),
    ARCH(SCMP_ARCH_LOONGARCH64, "loongarch64", "loong64", 64, false, 0),
    ARCH(SCMP_ARCH_M68K, "m68k", "m68k", 32, true, 0),
    ARCH(SCMP_ARCH_SH, "sh", "sh", 32, false, 0),
    ARCH(SCMP_ARCH_SHEB, "sheb", "sheb", 32, true, 0),
};

#define N_ARCH (sizeof(specs) / sizeof(specs[0]))

/* ---- cache 1: the arch table ---- */

static struct arch_info infos[N_ARCH];
static pthread_once_t infos_once = PTHREAD_ONCE_INIT;

static void infos_build(void)
{
	for (size_t i = 0; i < N_ARCH; i++) {
		infos[i] = specs[i].info;
		infos[i].supported = seccomp_arch_resolve_name(infos[i].name) != 0;
	}
}

static const struct arch_info *arch_table(void)
{
	pthread_once(&infos_once, infos_build);
	return infos;
}

size_t arch_count(void)
{
	return N_ARCH;
}

const struct arch_info *arch_at(size_t i)
{
	return i < N_ARCH ? &arch_table()[i] : NULL;
}

const struct arch_info *arch_by_oci(const char *oci)
{
	const struct arch_info *t = arch_table();

	if (!oci)
		return NULL;
	for (size_t i = 0; i < N_ARCH; i++)
		if (strcmp(t[i].oci, oci) == 0)
			return &t[i];
	return NULL;
}

const struct arch_info *arch_by_token(uint32_t token)
{
	const struct arch_info *t = arch_table();

	for (size_t i = 0; i < N_ARCH; i++)
		if (t[i].token == token)
			return &t[i];
	return NULL;
}

/* Exact matches only: Docker compares "arches" with ==, so "AMD64" would
 * silently never match there and must not match here either. */
const struct arch_info *arch_lookup(const char *any_name)
{
	const struct arch_info *t = arch_table();

	if (!any_name)
		return NULL;
	for (size_t i = 0; i < N_ARCH; i++)
		if (strcmp(t[i].oci, any_name) == 0 || strcmp(t[i].name, any_name) == 0 ||
		    strcmp(t[i].go, any_name) == 0)
			return &t[i];
	return NULL;
}

const struct arch_info *arch_native(void)
{
	return arch_by_token(seccomp_arch_native());
}

/* ---- cache 2: the syscall tables ---- */

struct sys_entry {
	int nr;
	char *name; /* points into sys.pool once built */
};

/* Owns every string: pool[] holds each distinct name once (sorted, the only
 * owner); the per-arch entries borrow from it. */
static struct {
	struct sys_entry *ent[N_ARCH]; /* sorted by nr */
	size_t n_ent[N_ARCH];
	char **pool;
	size_t n_pool;
	size_t pool_maxlen;
} sys;
static pthread_once_t sys_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_key_str(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

static void sys_discard(void)
{
	/* Only reached before interning, when every entry owns its own copy. */
	for (size_t i = 0; i < N_ARCH; i++) {
		for (size_t j = 0; j < sys.n_ent[i]; j++)
			free(sys.ent[i][j].name);
		free(sys.ent[i]);
		sys.ent[i] = NULL;
		sys.n_ent[i] = 0;
	}
	free(sys.pool);
	sys.pool = NULL;
	sys.n_pool = 0;
}

static int walk_arch(size_t i)
{
	const struct arch_spec *s = &specs[i];
	size_t cap = 0, n = 0;
	struct sys_entry *e;

	for (size_t r = 0; r < 2 && s->ranges[r].span; r++)
		cap += (size_t)s->ranges[r].span;
	if (cap == 0)
		return 0;
	e = calloc(cap, sizeof(*e));
	if (!e)
		return -1;
	sys.ent[i] = e;
	for (size_t r = 0; r < 2 && s->ranges[r].span; r++) {
		for (int k = 0; k < s->ranges[r].span; k++) {
			int nr = s->ranges[r].base + k;
			char *name = seccomp_syscall_resolve_num_arch(s->info.token, nr);

			if (!name)
				continue;
			e[n].nr = nr;
			e[n].name = name;
			sys.n_ent[i] = ++n;
		}
	}
	return 0;
}

/* On allocation failure the tables stay empty: lookups then answer "unknown"
 * rather than crash, and the API has no error channel to say more. */
static void sys_build(void)
{
	const struct arch_info *t = arch_table();
	size_t total = 0, n = 0;

	for (size_t i = 0; i < N_ARCH; i++) {
		if (!t[i].supported)
			continue;
		if (walk_arch(i) < 0)
			goto fail;
		total += sys.n_ent[i];
	}

	sys.pool = malloc((total ? total : 1) * sizeof(*sys.pool));
	if (!sys.pool)
		goto fail;
	for (size_t i = 0; i < N_ARCH; i++)
		for (size_t j = 0; j < sys.n_ent[i]; j++)
			sys.pool[n++] = sys.ent[i][j].name;
	qsort(sys.pool, n, sizeof(*sys.pool), cmp_str);

	/* Keep the first copy of each name; the others are freed below, each
	 * exactly once, since every entry held a distinct allocation. */
	sys.n_pool = 0;
	for (size_t j = 0; j < n; j++)
		if (sys.n_pool == 0 || strcmp(sys.pool[sys.n_pool - 1], sys.pool[j]) != 0)
			sys.pool[sys.n_pool++] = sys.pool[j];

	for (size_t i = 0; i < N_ARCH; i++) {
		for (size_t j = 0; j < sys.n_ent[i]; j++) {
			char *own = sys.ent[i][j].name;
			char **canon =
			    bsearch(own, sys.pool, sys.n_pool, sizeof(*sys.pool), cmp_key_str);

			if (*canon != own) {
				sys.ent[i][j].name = *canon;
				free(own);
			}
		}
	}
	for (size_t j = 0; j < sys.n_pool; j++) {
		size_t len = strlen(sys.pool[j]);

		if (len > sys.pool_maxlen)
			sys.pool_maxlen = len;
	}
	return;
fail:
	sys_discard();
}

static void sys_ready(void)
{
	pthread_once(&sys_once, sys_build);
}

/* By token, so a caller's copy of an arch_info works too; N_ARCH if none. */
static size_t arch_index(const struct arch_info *a)
{
	const struct arch_info *t = arch_table();

	for (size_t i = 0; a && i < N_ARCH; i++)
		if (t[i].token == a->token)
			return i;
	return N_ARCH;
}

static const char *pool_find(const char *name)
{
	char **p;

	sys_ready();
	if (sys.n_pool == 0)
		return NULL;
	p = bsearch(name, sys.pool, sys.n_pool, sizeof(*sys.pool), cmp_key_str);
	return p ? *p : NULL;
}

/* ---- cache 3: libseccomp's answer for each known name, per arch ----
 *
 * The compiler asks for every name of a profile on every arch it targets;
 * libseccomp's lookup compares strings along its table, and that was a
 * third of compiling the containers' default profile.  The first question
 * about an arch asks libseccomp once per known name and keeps the answers
 * in a hash table (built under a lock, published with release semantics,
 * read-only afterwards). */
struct raw_table {
	const char **names; /* borrowed from sys.pool; NULL = empty slot */
	int *raw;
	size_t size; /* power of two */
};
static struct raw_table *raw_tabs[N_ARCH];
static pthread_mutex_t raw_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static struct raw_table *raw_build(size_t i)
{
	struct raw_table *t = calloc(1, sizeof(*t));
	size_t size = 64;

	if (!t)
		return NULL;
	while (size < sys.n_pool * 2)
		size *= 2;
	t->names = calloc(size, sizeof(*t->names));
	t->raw = calloc(size, sizeof(*t->raw));
	if (!t->names || !t->raw) {
		free(t->names);
		free(t->raw);
		free(t);
		return NULL;
	}
	t->size = size;
	for (size_t j = 0; j < sys.n_pool; j++) {
		size_t k = name_hash(sys.pool[j]) & (size - 1);

		while (t->names[k])
			k = (k + 1) & (size - 1);
		t->names[k] = sys.pool[j];
		t->raw[k] = seccomp_syscall_resolve_name_arch(specs[i].info.token, sys.pool[j]);
	}
	return t;
}

int arch_syscall_raw(const struct arch_info *a, const char *name)
{
	size_t i = arch_index(a);
	struct raw_table *t;

	if (!name || i == N_ARCH || !arch_table()[i].supported)
		return __NR_SCMP_ERROR;
	sys_ready();
	t = __atomic_load_n(&raw_tabs[i], __ATOMIC_ACQUIRE);
	if (!t) {
		pthread_mutex_lock(&raw_lock);
		t = raw_tabs[i];
		if (!t) {
			t = raw_build(i);
			__atomic_store_n(&raw_tabs[i], t, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&raw_lock);
	}
	if (t)
		for (size_t k = name_hash(name) & (t->size - 1); t->names[k];
		     k = (k + 1) & (t->size - 1))
			if (strcmp(t->names[k], name) == 0)
				return t->raw[k];
	/* not a syscall on any arch (a typo, or a pseudo name like "recv"): ask */
	return seccomp_syscall_resolve_name_arch(a->token, name);
}

/* libseccomp answers socketcall(2)/ipc(2) sub-calls with their multiplexer
 * pseudo numbers (__PNR_socket = -101 ... __PNR_shmctl = -224) on every arch
 * that has the multiplexer, even where the kernel also has the direct call:
 * in 2.5.4 "socket" is -101 on x86, ppc, ppc64(le), s390(x) and mips o32
 * although i386 has socket at 359, ppc at 326, s390 at 359, o32 at 4183
 * (rule_add then filters both forms).  The other __PNR_* values start at
 * -10001 and mean "not on this arch". */
static bool is_multiplexed(int r)
{
	return r <= -100 && r > -1000;
}

enum arch_sys_kind arch_syscall_resolve(const struct arch_info *a, const char *name, int *nr)
{
	size_t i = arch_index(a);
	int r;

	if (nr)
		*nr = -1;
	/* An arch this libseccomp lacks has no table to ask, so even real
	 * names are UNKNOWN there; callers check a->supported first. */
	if (!name || i == N_ARCH || !arch_table()[i].supported)
		return ARCH_SYS_UNKNOWN;

	r = arch_syscall_raw(a, name);
	if (r >= 0) {
		if (nr)
			*nr = r;
		return ARCH_SYS_OK;
	}
	if (is_multiplexed(r)) {
		/* Report the direct number when the arch has one; without one
		 * (recv on x86, semop on i386) the name is reachable only through
		 * the multiplexer, which the kernel filters as socketcall/ipc. */
		const char *canon = pool_find(name);

		for (size_t j = 0; canon && j < sys.n_ent[i]; j++) {
			if (sys.ent[i][j].name == canon) {
				if (nr)
					*nr = sys.ent[i][j].nr;
				return ARCH_SYS_OK;
			}
		}
		return ARCH_SYS_PSEUDO;
	}
	if (r <= -10000)
		return ARCH_SYS_PSEUDO;
	/* __NR_SCMP_ERROR: this arch's table lacks the name; 2.5.4 never does
	 * that for a name it knows anywhere, but other versions may. */
	return arch_syscall_known(name) ? ARCH_SYS_PSEUDO : ARCH_SYS_UNKNOWN;
}

static int cmp_nr(const void *key, const void *elem)
{
	int k = *(const int *)key, n = ((const struct sys_entry *)elem)->nr;

	return (k > n) - (k < n);
}

/* Numbers are as the kernel puts them in seccomp_data.nr: x32 needs the x32
 * bit (257 alone is x86_64's openat), MIPS the ABI offset; negative pseudo
 * numbers name nothing.  (libseccomp itself is laxer: it strips the bit and
 * the offset, so it would call x32 257 and n32 2 "openat" and "open".) */
const char *arch_syscall_name(const struct arch_info *a, int nr)
{
	size_t i = arch_index(a);
	const struct sys_entry *e;

	if (i == N_ARCH || nr < 0)
		return NULL;
	sys_ready();
	if (sys.n_ent[i] == 0)
		return NULL;
	e = bsearch(&nr, sys.ent[i], sys.n_ent[i], sizeof(*e), cmp_nr);
	return e ? e->name : NULL;
}

bool arch_syscall_known(const char *name)
{
	return name && pool_find(name) != NULL;
}

/* Optimal string alignment distance (Levenshtein plus adjacent swaps, the
 * commonest typo: "opneat"); gives up as soon as it must exceed `limit`. */
#define SUGGEST_MAX  2
#define NAME_MAX_LEN 64

static unsigned osa_distance(const char *s, size_t ls, const char *t, size_t lt, unsigned limit)
{
	unsigned rows[3][NAME_MAX_LEN + 1];
	unsigned *pp = rows[0], *p = rows[1], *c = rows[2];

	for (size_t j = 0; j <= lt; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= ls; i++) {
		unsigned row_min, *tmp;

		c[0] = (unsigned)i;
		row_min = c[0];
		for (size_t j = 1; j <= lt; j++) {
			unsigned cost = s[i - 1] != t[j - 1];
			unsigned v = p[j - 1] + cost;

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			return limit + 1;
		tmp = pp;
		pp = p;
		p = c;
		c = tmp;
	}
	return p[lt];
}

const char *arch_syscall_suggest(const char *name)
{
	const char *best = NULL;
	unsigned best_d = SUGGEST_MAX + 1;
	size_t ln;

	if (!name || arch_syscall_known(name))
		return NULL;
	ln = strlen(name);
	/* Longer inputs cannot be within SUGGEST_MAX of any name we hold. */
	if (ln > NAME_MAX_LEN || ln > sys.pool_maxlen + SUGGEST_MAX)
		return NULL;
	/* The pool is sorted, so keeping only strict improvements makes the
	 * alphabetically first name win a tie. */
	for (size_t j = 0; j < sys.n_pool && best_d > 1; j++) {
		const char *cand = sys.pool[j];
		size_t lc = strlen(cand);
		unsigned d;

		if (lc > NAME_MAX_LEN || (lc > ln ? lc - ln : ln - lc) >= best_d)
			continue;
		d = osa_distance(name, ln, cand, lc, best_d - 1);
		if (d < best_d) {
			best_d = d;
			best = cand;
		}
	}
	return best;
}

int arch_syscall_max(const struct arch_info *a)
{
	size_t i = arch_index(a);
	int max;

	if (i == N_ARCH)
		return -1;
	sys_ready();
	if (sys.n_ent[i] == 0)
		return -1;
	/* The true highest number: MIPS numbers include the ABI offset, and
	 * on ARM it is the private range (get_tls 0xf0006), not the end of the
	 * main table, so never size a dense array with it. */
	max = sys.ent[i][sys.n_ent[i] - 1].nr;
	if (a->token == SCMP_ARCH_X32)
		max &= ~X32_SYSCALL_BIT;
	return max;
}

const struct arch_info *arch_of_call(uint32_t audit_arch, int64_t nr)
{
	if (audit_arch == 0xc000003eu && nr >= 0 && (nr & 0x40000000))
		return arch_by_token(0x4000003eu); /* SCMP_ARCH_X32 */
	return arch_by_token(audit_arch);
}
