/* The native compiler: the model (model.c) laid out as a classic-BPF
 * program.
 *
 * Layout, and why:
 *
 *   ld arch; jeq A1 -> S1; jeq A2 -> S2; ...; ret KILL_THREAD (bad arch)
 *   Si: ld nr; a binary search over intervals of numbers; leaves are
 *       `ret ACTION`, or the argument checks of one number.
 *
 * The model gives every number a class (an action, or "depends on the
 * arguments") that is constant between breakpoints (named numbers, the
 * x32 bit, the ENOSYS limits).  Adjacent intervals with the same action
 * merge, so the 150 contiguous allowed calls of a typical allowlist are a
 * handful of intervals, and the search is a balanced tree of `jge` over
 * their starts: ceil(log2(intervals)) comparisons, against libseccomp's
 * tree over single numbers plus runc's separate ENOSYS stub.  Small
 * sparse groups become a chain of `jeq` when that is shorter and no
 * deeper.  The native arch is tested first (the common case), the x32
 * split and the ENOSYS limits are just more interval boundaries (no extra
 * code on the path).
 *
 * Action cache: the kernel (5.11+) marks a number always-allowed when the
 * program returns ALLOW for it without reading arguments.  Every path to a
 * constant answer here only loads nr and arch and uses jeq/jge/ja, so each
 * constant-allow number stays eligible; arguments are read only inside the
 * leaf of a number whose answer depends on them.
 *
 * Code is emitted backwards (from the last instruction), so every jump's
 * target is already placed: a jump farther than the 255 instructions
 * jt/jf can reach goes through a `ja` trampoline placed next to it, and
 * `ret` instructions are shared while they are in reach.
 */
#include <errno.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"
#include "bpf/model.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

void bpf_compile_opts_default(struct bpf_compile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->enosys = BPF_ENOSYS_RUNC;
}

int bpf_enosys_parse(const char *s, struct bpf_compile_opts *o, struct sc_error *err)
{
	unsigned maj, min;
	int n = 0;

	if (strcmp(s, "runc") == 0) {
		o->enosys = BPF_ENOSYS_RUNC;
		return 0;
	}
	if (strcmp(s, "none") == 0) {
		o->enosys = BPF_ENOSYS_NONE;
		return 0;
	}
	if (sscanf(s, "kernel=%u.%u%n", &maj, &min, &n) == 2 && s[n] == '\0') {
		if (maj < 3 || (maj == 3 && min < 17))
			return sc_error_set(err, -EINVAL,
					    "--enosys %s: the table of syscall releases starts at "
					    "Linux 3.17; give kernel=3.17 or newer",
					    s);
		o->enosys = BPF_ENOSYS_KERNEL;
		o->kernel_major = maj;
		o->kernel_minor = min;
		return 0;
	}
	return sc_error_set(err, -EINVAL,
			    "--enosys: '%s' is not runc, none or kernel=X.Y (e.g. kernel=5.10)", s);
}

/* ---- the assembler: backwards emission -------------------------------- */

/* Instructions are stored last-first: v[0] is the program's last
 * instruction, and a "pos" is an index into v.  A jump at pos j to pos t
 * (t < j) has offset j - t - 1. */
struct as {
	struct sock_filter *v;
	size_t len, cap;
	bool oom;
	struct {
		uint32_t k;
		size_t pos;
	} rets[32];
	size_t n_rets;
	bool elided; /* the last a_jmpw() emitted nothing */
};

/* A jump target: a placed instruction, or "return k" (placed on demand).
 * A target that starts by loading a word (word >= 0, its offset in
 * seccomp_data) can be entered after the load by a jump made while the
 * accumulator already holds that word. */
struct tgt {
	bool is_ret;
	uint32_t k;
	size_t pos;
	int word;
};

/* What the accumulator holds at a jump: a word of seccomp_data, or
 * NO_WORD (masked, or not an argument). */
#define NO_WORD (-1)

static struct tgt at(size_t pos)
{
	return (struct tgt){.pos = pos, .word = NO_WORD};
}

static struct tgt ret_of(uint32_t k)
{
	return (struct tgt){.is_ret = true, .k = k, .word = NO_WORD};
}

static size_t put(struct as *a, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	if (a->len == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 512;
		struct sock_filter *v = realloc(a->v, cap * sizeof(*v));

		if (!v) {
			a->oom = true;
			return a->len ? a->len - 1 : 0;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->len] = (struct sock_filter){.code = code, .jt = jt, .jf = jf, .k = k};
	return a->len++;
}

/* Where the next instruction can jump for t, placing a ret if needed. */
static size_t place(struct as *a, struct tgt t)
{
	if (!t.is_ret)
		return t.pos;
	for (size_t i = 0; i < a->n_rets; i++)
		if (a->rets[i].k == t.k && a->len - a->rets[i].pos <= 200)
			return a->rets[i].pos;
	size_t pos = put(a, BPF_RET | BPF_K, 0, 0, t.k);
	size_t slot = a->n_rets < SC_ARRAY_SIZE(a->rets) ? a->n_rets++ : pos % a->n_rets;

	a->rets[slot].k = t.k;
	a->rets[slot].pos = pos;
	return pos;
}

static size_t a_ld(struct as *a, uint32_t off)
{
	return put(a, BPF_LD | BPF_W | BPF_ABS, 0, 0, off);
}

static size_t a_ja(struct as *a, size_t target)
{
	return put(a, BPF_JMP | BPF_JA, 0, 0, (uint32_t)(a->len - target - 1));
}

/* A load that goes on at `next`; the target it starts knows what it
 * loads.  A load falls through to the instruction emitted just before it,
 * so a `ja` bridges the gap when that is not `next`. */
static struct tgt a_load(struct as *a, uint32_t off, size_t next)
{
	struct tgt t;

	if (a->len == 0 || next != a->len - 1)
		put(a, BPF_JMP | BPF_JA, 0, 0, (uint32_t)(a->len - next - 1));
	t = at(a_ld(a, off));
	t.word = (int)off;
	return t;
}

/* Where a jump made with `aw` in the accumulator enters t: past t's load
 * when it would load what is already there (the load's successor is the
 * instruction emitted just before it). */
static size_t entry(struct as *a, struct tgt t, int aw)
{
	if (!t.is_ret && t.word != NO_WORD && t.word == aw)
		return t.pos - 1;
	return place(a, t);
}

/* A conditional jump made with `aw` in the accumulator; far targets go
 * through trampolines. */
static size_t a_jmpw(struct as *a, uint16_t op, uint32_t k, struct tgt t, struct tgt f, int aw)
{
	size_t pt = place(a, t), pf = place(a, f);
	bool tramp_t = false, tramp_f = false;

	/* Both ways lead to the same place: no test needed.  (Compared before
	 * any load is skipped: the caller may enter here with anything in A.) */
	a->elided = pt == pf;
	if (a->elided)
		return pt;
	pt = entry(a, t, aw);
	pf = entry(a, f, aw);
	for (;;) {
		if (!tramp_t && a->len - pt - 1 > 255) {
			pt = a_ja(a, pt);
			tramp_t = true;
			continue;
		}
		if (!tramp_f && a->len - pf - 1 > 255) {
			pf = a_ja(a, pf);
			tramp_f = true;
			continue;
		}
		break;
	}
	return put(a, BPF_JMP | op | BPF_K, (uint8_t)(a->len - pt - 1), (uint8_t)(a->len - pf - 1),
		   k);
}

static size_t a_jmp(struct as *a, uint16_t op, uint32_t k, struct tgt t, struct tgt f)
{
	return a_jmpw(a, op, k, t, f, NO_WORD);
}

/* ---- argument checks ------------------------------------------------- */

static uint32_t arg_off(const struct arch_info *arch, unsigned index, bool hi)
{
	uint32_t base = (uint32_t)offsetof(struct seccomp_data, args) + 8 * index;

	return base + ((hi != arch->big_endian) ? 4 : 0);
}

/* One 32-bit half: jump to pass or fail; returns where it starts (its
 * load, or pass/fail itself when the comparison is decided without it).
 * For the high half, an ordering test that the high words leave open goes
 * on to the low half (next). */
static struct tgt half(struct as *a, const struct arch_info *arch, const struct model_cond *c,
		       bool hi, struct tgt pass, struct tgt fail, struct tgt next)
{
	uint32_t v = hi ? (uint32_t)(c->value >> 32) : (uint32_t)c->value;
	uint32_t d = hi ? (uint32_t)(c->value_two >> 32) : (uint32_t)c->value_two;
	uint32_t off = arg_off(arch, c->index, hi);
	int aw = c->op == OP_MASKED_EQ ? NO_WORD : (int)off;
	size_t test = 0, mark = a->len;

	switch (c->op) {
	case OP_EQ: test = a_jmpw(a, BPF_JEQ, v, hi ? next : pass, fail, aw); break;
	case OP_NE: test = a_jmpw(a, BPF_JEQ, v, hi ? next : fail, pass, aw); break;
	case OP_MASKED_EQ:
		test = a_jmpw(a, BPF_JEQ, d, hi ? next : pass, fail, aw);
		if (a->elided) /* its only test: nothing of its own to reach */
			return at(test);
		test = put(a, BPF_ALU | BPF_AND | BPF_K, 0, 0, v);
		return a_load(a, off, test);
	case OP_GT:
	case OP_GE:
		if (!hi) {
			if (c->op == OP_GE && v == 0)
				return pass; /* A >= 0 */
			if (c->op == OP_GT && v == UINT32_MAX)
				return fail; /* A > 0xffffffff */
			test = a_jmpw(a, c->op == OP_GT ? BPF_JGT : BPF_JGE, v, pass, fail, aw);
		} else if (v == 0) {
			test = a_jmpw(a, BPF_JGT, 0, pass, next, aw);
		} else if (v == UINT32_MAX) {
			test = a_jmpw(a, BPF_JEQ, v, next, fail, aw); /* nothing is above it */
		} else {
			size_t eq = a_jmpw(a, BPF_JEQ, v, next, fail, aw);
			test = a_jmpw(a, BPF_JGT, v, pass, at(eq), aw);
		}
		break;
	case OP_LT:
	case OP_LE:
		if (!hi) {
			if (c->op == OP_LT && v == 0)
				return fail; /* A < 0 */
			if (c->op == OP_LE && v == UINT32_MAX)
				return pass; /* A <= 0xffffffff */
			test = a_jmpw(a, c->op == OP_LT ? BPF_JGE : BPF_JGT, v, fail, pass, aw);
		} else if (v == 0) {
			test = a_jmpw(a, BPF_JGT, 0, fail, next, aw);
		} else if (v == UINT32_MAX) {
			test = a_jmpw(a, BPF_JEQ, v, next, pass, aw); /* nothing is above it */
		} else {
			size_t eq = a_jmpw(a, BPF_JEQ, v, next, pass, aw);
			test = a_jmpw(a, BPF_JGT, v, fail, at(eq), aw);
		}
		break;
	case OP__COUNT: break;
	}
	/* Decided without looking (the test would go the same way either
	 * way): no load, unless that way is one of this half's own tests. */
	if (a->elided && (test < mark || BPF_CLASS(a->v[test].code) == BPF_RET))
		return at(test);
	return a_load(a, off, test);
}

static struct tgt cond(struct as *a, const struct arch_info *arch, const struct model_cond *c,
		       struct tgt pass, struct tgt fail)
{
	struct tgt lo;

	if (c->op == OP_MASKED_EQ && (uint32_t)c->value == 0) {
		/* The low half compares 0 with the datum's low half. */
		if ((uint32_t)c->value_two != 0)
			return fail;
		lo = pass;
	} else {
		lo = half(a, arch, c, false, pass, fail, pass);
	}
	if (arch->bits == 32)
		return lo;
	if (c->op == OP_MASKED_EQ && (uint32_t)(c->value >> 32) == 0) {
		if ((uint32_t)(c->value_two >> 32) != 0)
			return fail;
		return lo;
	}
	return half(a, arch, c, true, pass, fail, lo);
}

/* Same action and same first condition. */
static bool same_head(const struct model_crule *x, const struct model_crule *y)
{
	const struct model_cond *p = &x->conds[0], *q = &y->conds[0];

	return x->ret == y->ret && x->n_conds && y->n_conds && p->index == q->index &&
	       p->op == q->op && p->value == q->value && p->value_two == q->value_two;
}

/* A crule that is one EQ test: a member of a value set. */
static bool eq_member(const struct model_crule *c)
{
	return c->n_conds == 1 && c->conds[0].op == OP_EQ;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* A in {v[0..n)} (sorted 32-bit words) -> pass, else fail; A (the word
 * aw) unchanged. */
static size_t word_in(struct as *a, const uint32_t *v, size_t n, struct tgt pass, struct tgt fail,
		      int aw)
{
	if (n <= 3) {
		struct tgt next = fail;

		for (size_t i = n; i-- > 0;)
			next = at(a_jmpw(a, BPF_JEQ, v[i], pass, next, aw));
		return entry(a, next, aw);
	}
	size_t mid = n / 2;
	size_t right = word_in(a, v + mid, n - mid, pass, fail, aw);
	size_t left = word_in(a, v, mid, pass, fail, aw);

	return a_jmpw(a, BPF_JGE, v[mid], at(right), at(left), aw);
}

/* arg[index] in {vals} -> pass, else fail: one load per word, a search
 * over the low words under each distinct high word. */
static struct tgt value_in(struct as *a, const struct arch_info *arch, unsigned index,
			   uint64_t *vals, size_t n, struct tgt pass, struct tgt fail)
{
	_cleanup_free_ uint32_t *w = malloc((n ? n : 1) * sizeof(*w));
	uint32_t lo_off = arg_off(arch, index, false), hi_off = arg_off(arch, index, true);
	struct tgt next = fail;

	if (!w) {
		a->oom = true;
		return fail;
	}
	qsort(vals, n, sizeof(*vals), cmp_u64);
	if (arch->bits == 32) {
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			if (k == 0 || w[k - 1] != (uint32_t)vals[i])
				w[k++] = (uint32_t)vals[i];
		return a_load(a, lo_off, word_in(a, w, k, pass, fail, (int)lo_off));
	}
	/* groups of equal high words, last group first (backwards) */
	for (size_t end = n; end > 0;) {
		uint32_t hi = (uint32_t)(vals[end - 1] >> 32);
		size_t start = end, k = 0;

		while (start > 0 && (uint32_t)(vals[start - 1] >> 32) == hi)
			start--;
		for (size_t i = start; i < end; i++)
			if (k == 0 || w[k - 1] != (uint32_t)vals[i])
				w[k++] = (uint32_t)vals[i];
		struct tgt lo = a_load(a, lo_off, word_in(a, w, k, pass, fail, (int)lo_off));

		/* hi words are tested in a chain: each group's miss tries the next */
		next = at(a_jmpw(a, BPF_JEQ, hi, lo, next, (int)hi_off));
		end = start;
	}
	return a_load(a, hi_off, next.pos);
}

/* The leaf of an argument-dependent number: entries in evaluation order,
 * the first whose conditions all hold decides; none -> the default.
 * Consecutive entries with the same action that are one EQ test on the
 * same argument form a value set, searched with one load. */
static size_t arg_block(struct as *a, const struct model *m, const struct arch_info *arch,
			const struct model_sys *s, size_t *rule_insns)
{
	struct tgt next = ret_of(m->def_ret);

	for (size_t i = s->n_crules; i-- > 0;) {
		const struct model_crule *c = &s->crules[i];
		size_t before = a->len, first = i;

		if (eq_member(c)) {
			while (first > 0 && eq_member(&s->crules[first - 1]) &&
			       s->crules[first - 1].ret == c->ret &&
			       s->crules[first - 1].conds[0].index == c->conds[0].index)
				first--;
		}
		if (first < i) {
			size_t n = i - first + 1;
			_cleanup_free_ uint64_t *vals = malloc(n * sizeof(*vals));

			if (!vals) {
				a->oom = true;
				return place(a, next);
			}
			for (size_t k = 0; k < n; k++)
				vals[k] = s->crules[first + k].conds[0].value;
			next = value_in(a, arch, c->conds[0].index, vals, n, ret_of(c->ret), next);
			if (rule_insns)
				rule_insns[c->rule->index] += a->len - before;
			i = first;
			continue;
		}
		/* Consecutive entries with the same action and the same first
		 * condition (the split entries of runc, the socketcall forms):
		 * test it once, then the rest of each. */
		first = i;
		while (first > 0 && same_head(&s->crules[first - 1], c))
			first--;
		if (first < i) {
			struct tgt inner = next;
			bool bare = false;

			for (size_t k = i + 1; k-- > first;) {
				const struct model_crule *r = &s->crules[k];
				struct tgt pass = ret_of(c->ret);

				if (r->n_conds == 1) {
					bare = true; /* the head alone decides */
					break;
				}
				for (size_t j = r->n_conds; j-- > 1;)
					pass = cond(a, arch, &r->conds[j], pass, inner);
				inner = pass;
			}
			next = cond(a, arch, &c->conds[0], bare ? ret_of(c->ret) : inner, next);
			if (rule_insns)
				rule_insns[c->rule->index] += a->len - before;
			i = first;
			continue;
		}
		struct tgt pass = ret_of(c->ret);

		for (size_t j = c->n_conds; j-- > 0;)
			pass = cond(a, arch, &c->conds[j], pass, next);
		next = pass;
		if (rule_insns)
			rule_insns[c->rule->index] += a->len - before;
	}
	return place(a, next);
}

/* ---- the number search ----------------------------------------------- */

struct ival {
	uint32_t lo; /* the interval runs to the next one's lo - 1 */
	struct model_class cls;
};

/* Argument blocks already emitted, by content: numbers (of any section)
 * with the same rules share one block, as the entries that list several
 * names make common. */
struct block_cache {
	char **keys;
	size_t *pos;
	size_t n;
};

struct gen {
	struct as *a;
	const struct model *m;
	struct block_cache *blocks;
	struct ival *iv;
	size_t n_iv;
	size_t *rule_insns; /* per profile entry, for the E2BIG message */
};

/* What an argument block depends on, as a string. */
static char *block_key(const struct model *m, const struct arch_info *arch,
		       const struct model_sys *s)
{
	struct sc_strbuf b = {0};

	sc_strbuf_printf(&b, "%u/%d/%x", arch->bits, arch->big_endian, m->def_ret);
	for (size_t i = 0; i < s->n_crules; i++) {
		const struct model_crule *c = &s->crules[i];

		sc_strbuf_printf(&b, "|%x", c->ret);
		for (size_t j = 0; j < c->n_conds; j++)
			sc_strbuf_printf(&b, ";%u,%d,%llx,%llx", c->conds[j].index,
					 (int)c->conds[j].op, (unsigned long long)c->conds[j].value,
					 (unsigned long long)c->conds[j].value_two);
	}
	if (sc_strbuf_failed(&b)) {
		sc_strbuf_free(&b);
		return NULL;
	}
	return sc_strbuf_steal(&b);
}

static bool same_const(const struct model_class *x, const struct model_class *y)
{
	return x->kind == MK_CONST && y->kind == MK_CONST && x->ret == y->ret;
}

static size_t leaf(struct gen *g, size_t i)
{
	const struct model_class *c = &g->iv[i].cls;

	if (c->kind == MK_ARGS) {
		struct block_cache *bc = g->blocks;
		char *key = block_key(g->m, c->arch, c->sys);
		size_t pos;

		for (size_t k = 0; key && k < bc->n; k++)
			if (strcmp(bc->keys[k], key) == 0) {
				free(key);
				return bc->pos[k];
			}
		pos = arg_block(g->a, g->m, c->arch, c->sys, g->rule_insns);
		if (key) {
			char **keys = realloc(bc->keys, (bc->n + 1) * sizeof(*keys));
			size_t *p = keys ? realloc(bc->pos, (bc->n + 1) * sizeof(*p)) : NULL;

			if (keys)
				bc->keys = keys;
			if (p) {
				bc->pos = p;
				bc->keys[bc->n] = key;
				bc->pos[bc->n++] = pos;
				key = NULL;
			}
			free(key);
		}
		return pos;
	}
	return place(g->a, ret_of(c->ret));
}

static struct tgt leaf_tgt(struct gen *g, size_t i)
{
	if (g->iv[i].cls.kind == MK_CONST)
		return ret_of(g->iv[i].cls.ret);
	return at(leaf(g, i));
}

/* Intervals [i, j]: when all but the outer ones are single constant
 * numbers inside one constant background, a jeq chain is shorter. */
static bool chain_fits(const struct gen *g, size_t i, size_t j, const struct model_class **bg)
{
	size_t singles = 0, n = j - i + 1, depth = 0;

	if (n < 3 || n > 7)
		return false;
	*bg = &g->iv[i].cls;
	if ((*bg)->kind != MK_CONST)
		return false;
	for (size_t k = i; k <= j; k++) {
		const struct model_class *c = &g->iv[k].cls;

		if (same_const(c, *bg))
			continue;
		if (k == j || g->iv[k + 1].lo != g->iv[k].lo + 1)
			return false; /* a wider interval of another class */
		singles++;
	}
	while ((1u << depth) < n)
		depth++;
	/* one jeq per single, never deeper than the search would be */
	return singles <= depth;
}

static size_t search(struct gen *g, size_t i, size_t j)
{
	const struct model_class *bg;

	if (i == j)
		return leaf(g, i);
	if (chain_fits(g, i, j, &bg)) {
		struct tgt next = ret_of(bg->ret);

		for (size_t k = j + 1; k-- > i;)
			if (!same_const(&g->iv[k].cls, bg))
				next = at(a_jmp(g->a, BPF_JEQ, g->iv[k].lo, leaf_tgt(g, k), next));
		return place(g->a, next);
	}
	size_t mid = i + (j - i + 1) / 2;
	struct tgt right = mid == j ? leaf_tgt(g, j) : at(search(g, mid, j));
	struct tgt left = mid - 1 == i ? leaf_tgt(g, i) : at(search(g, i, mid - 1));

	return a_jmp(g->a, BPF_JGE, g->iv[mid].lo, right, left);
}

static int build_intervals(const struct model *m, const struct model_section *s, struct ival **out,
			   size_t *n_out)
{
	_cleanup_free_ uint32_t *bp = NULL;
	struct ival *iv;
	size_t n_bp, n = 0;

	if (model_breakpoints(m, s, &bp, &n_bp) < 0)
		return -ENOMEM;
	iv = malloc(n_bp * sizeof(*iv));
	if (!iv)
		return -ENOMEM;
	for (size_t i = 0; i < n_bp; i++) {
		struct model_class c;

		model_classify(m, s, bp[i], &c);
		if (n > 0 && same_const(&iv[n - 1].cls, &c))
			continue;
		iv[n].lo = bp[i];
		iv[n].cls = c;
		n++;
	}
	*out = iv;
	*n_out = n;
	return 0;
}

static int section(struct as *a, const struct model *m, const struct model_section *s,
		   struct block_cache *blocks, size_t *rule_insns, size_t *start)
{
	struct gen g = {.a = a, .m = m, .blocks = blocks, .rule_insns = rule_insns};
	size_t top;

	if (build_intervals(m, s, &g.iv, &g.n_iv) < 0)
		return -ENOMEM;
	if (g.n_iv == 1) {
		top = place(a, leaf_tgt(&g, 0));
		/* A constant section needs no number: return from here. */
		*start = top;
		free(g.iv);
		return 0;
	}
	top = search(&g, 0, g.n_iv - 1);
	*start = a_load(a, (uint32_t)offsetof(struct seccomp_data, nr), top).pos;
	free(g.iv);
	return 0;
}

static void reverse(struct sock_filter *v, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		struct sock_filter t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/* The refusal names where the instructions went: argument checks summed
 * per syscall name (the first name of each entry), then the largest
 * single entry. */
static int too_big(const struct profile *p, size_t len, const size_t *rule_insns,
		   struct sc_error *err)
{
	struct per_name {
		const char *name;
		size_t insns, entries;
	} top[3] = {{0}};
	char who[400] = "";
	size_t used = 0, biggest = SIZE_MAX;

	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		const char *name = r->n_names ? r->names[0].name : "?";
		size_t sum = 0, n = 0;

		if (rule_insns[r->index] == 0)
			continue;
		if (biggest == SIZE_MAX ||
		    rule_insns[r->index] > rule_insns[p->rules[biggest].index])
			biggest = i;
		/* sum over entries whose first name is this one (first time only) */
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = p->rules[j].n_names && rule_insns[p->rules[j].index] &&
			       strcmp(p->rules[j].names[0].name, name) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < p->n_rules; j++)
			if (p->rules[j].n_names && strcmp(p->rules[j].names[0].name, name) == 0 &&
			    rule_insns[p->rules[j].index]) {
				sum += rule_insns[p->rules[j].index];
				n++;
			}
		for (size_t k = 0; k < 3; k++)
			if (sum > top[k].insns) {
				memmove(&top[k + 1], &top[k], (2 - k) * sizeof(top[0]));
				top[k] = (struct per_name){name, sum, n};
				break;
			}
	}
	for (size_t k = 0; k < 3 && top[k].name && used < sizeof(who); k++)
		used += (size_t)snprintf(who + used, sizeof(who) - used,
					 "%s%s (%zu entr%s, %zu instructions)", k ? ", " : "",
					 top[k].name, top[k].entries,
					 top[k].entries == 1 ? "y" : "ies", top[k].insns);
	if (biggest == SIZE_MAX)
		return sc_error_set(
		    err, -E2BIG,
		    "the program would be %zu instructions, over the kernel's limit "
		    "of %d: too many calls and architectures for one filter",
		    len, BPF_PROG_MAX);
	return sc_error_set(err, -E2BIG,
			    "the program would be %zu instructions, over the kernel's limit of %d; "
			    "argument checks take the most for %s; the largest entry is %s (%zu)",
			    len, BPF_PROG_MAX, who,
			    p->rules[biggest].src.path ? p->rules[biggest].src.path : "syscalls[?]",
			    rule_insns[p->rules[biggest].index]);
}

int bpf_compile_native(const struct profile *resolved, const struct bpf_compile_opts *opts,
		       struct bpf_prog *out, struct sc_error *err)
{
	struct model m;
	struct as a = {0};
	struct block_cache blocks = {0};
	_cleanup_free_ size_t *starts = NULL;
	_cleanup_free_ size_t *rule_insns = NULL;
	size_t max_index = 0;
	int rc;

	out->insns = NULL;
	out->len = 0;
	rc = model_build(resolved, opts, &m, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < resolved->n_rules; i++)
		if (resolved->rules[i].index + 1 > max_index)
			max_index = resolved->rules[i].index + 1;
	starts = calloc(m.n_secs + 1, sizeof(*starts));
	rule_insns = calloc(max_index + 1, sizeof(*rule_insns));
	if (!starts || !rule_insns) {
		model_free(&m);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	for (size_t i = m.n_secs; i-- > 0 && rc == 0;)
		rc = section(&a, &m, &m.secs[i], &blocks, rule_insns, &starts[i]);
	for (size_t i = 0; i < blocks.n; i++)
		free(blocks.keys[i]);
	free(blocks.keys);
	free(blocks.pos);
	if (rc == 0) {
		struct tgt next = ret_of(SECCOMP_RET_KILL_THREAD); /* libseccomp's bad arch */

		for (size_t i = m.n_secs; i-- > 0;)
			next = at(a_jmp(&a, BPF_JEQ, m.secs[i].audit, at(starts[i]), next));
		a_load(&a, (uint32_t)offsetof(struct seccomp_data, arch), place(&a, next));
	}
	if (rc == 0 && a.oom)
		rc = -ENOMEM;
	if (rc < 0) {
		model_free(&m);
		free(a.v);
		return rc == -ENOMEM ? sc_error_set(err, rc, "out of memory") : rc;
	}
	if (a.len > BPF_PROG_MAX) {
		rc = too_big(resolved, a.len, rule_insns, err);
		model_free(&m);
		free(a.v);
		return rc;
	}
	model_free(&m);
	reverse(a.v, a.len);
	out->insns = a.v;
	out->len = a.len;
	return 0;
}

/* The first entry naming nr on arch (for "named, but dropped"). */
static const struct profile_rule *first_naming(const struct profile *p,
					       const struct arch_info *arch, int nr)
{
	if (!arch)
		return NULL;
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t n = 0; n < p->rules[i].n_names; n++) {
			int got;

			if (arch_syscall_resolve(arch, p->rules[i].names[n].name, &got) ==
				ARCH_SYS_OK &&
			    got == nr)
				return &p->rules[i];
		}
	return NULL;
}

/* One decision over a built model (bpf_decide and the decider share it). */
static void decide_in(const struct model *m, const struct profile *resolved,
		      const struct seccomp_data *d, struct bpf_verdict *out)
{
	const struct model_section *s;
	struct model_class c;

	memset(out, 0, sizeof(*out));
	out->nr = -1;
	s = model_section(m, d->arch);
	if (!s) {
		out->ret = SECCOMP_RET_KILL_THREAD;
		out->why = BPF_WHY_BADARCH;
		return;
	}
	model_classify(m, s, (uint32_t)d->nr, &c);
	out->ret = c.ret;
	out->why = c.why;
	out->rule = c.rule;
	out->arch = c.arch;
	out->conditional = c.kind == MK_ARGS;
	if (c.arch)
		out->nr = d->nr;
	if (c.kind == MK_ARGS)
		model_eval_args(m, s, c.sys, (const uint64_t *)d->args, out);
	if (c.sys) {
		out->n_considered = c.sys->n_named;
		if (out->why != BPF_WHY_RULE)
			out->named_by = first_naming(resolved, out->arch, d->nr);
	}
}

int bpf_decide(const struct profile *resolved, const struct bpf_compile_opts *opts,
	       const struct seccomp_data *d, struct bpf_verdict *out, struct sc_error *err)
{
	struct model m;
	int rc;

	memset(out, 0, sizeof(*out));
	out->nr = -1;
	rc = model_build(resolved, opts, &m, err);
	if (rc < 0)
		return rc;
	decide_in(&m, resolved, d, out);
	model_free(&m);
	return 0;
}

/* Building the model is most of a decision's cost: diff and merge ask
 * about every number of several ABIs, so they keep one. */
struct bpf_decider {
	const struct profile *p; /* borrowed */
	struct model m;
};

int bpf_decider_new(const struct profile *resolved, const struct bpf_compile_opts *opts,
		    struct bpf_decider **out, struct sc_error *err)
{
	struct bpf_decider *dc = calloc(1, sizeof(*dc));
	int rc;

	*out = NULL;
	if (!dc)
		return sc_error_set(err, -ENOMEM, "out of memory");
	rc = model_build(resolved, opts, &dc->m, err);
	if (rc < 0) {
		free(dc);
		return rc;
	}
	dc->p = resolved;
	*out = dc;
	return 0;
}

void bpf_decider_decide(const struct bpf_decider *dc, const struct seccomp_data *d,
			struct bpf_verdict *out)
{
	decide_in(&dc->m, dc->p, d, out);
}

void bpf_decider_free(struct bpf_decider *dc)
{
	if (!dc)
		return;
	model_free(&dc->m);
	free(dc);
}
