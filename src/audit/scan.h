/* Byte scanning for the log reader and the record parser, 16 bytes at a
 * time (GCC/clang vector extensions: SSE2 on x86_64, NEON on arm64, plain
 * words elsewhere; no intrinsics, no #ifdef).  A 1 GB log is a use case:
 * these two loops are where its time goes. */
#ifndef SC_AUDIT_SCAN_H
#define SC_AUDIT_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef unsigned char audit_v16 __attribute__((vector_size(16)));

static inline audit_v16 audit_v16_load(const char *p)
{
	audit_v16 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline audit_v16 audit_v16_splat(unsigned char c)
{
	return (audit_v16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c};
}

/* The n bytes (n < 16) at p, the rest zero: a vector of a line's last
 * bytes without reading past it. */
static inline audit_v16 audit_v16_load_tail(const char *p, size_t n)
{
	char tail[16] = {0};

	memcpy(tail, p, n);
	return audit_v16_load(tail);
}

/* The first non-zero byte of m after index k (k < 15), or 16. */
static inline unsigned audit_v16_first_after(audit_v16 m, unsigned k)
{
	const bool le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
	uint64_t half[2];

	memcpy(half, &m, sizeof(half));
	/* clear the bytes up to k, in memory order */
	if (k < 7) {
		half[0] &= le ? ~0ull << (8 * (k + 1)) : ~0ull >> (8 * (k + 1));
	} else {
		half[0] = 0;
		if (k > 7)
			half[1] &= le ? ~0ull << (8 * (k - 7)) : ~0ull >> (8 * (k - 7));
	}
	for (unsigned h = 0; h < 2; h++)
		if (half[h])
			return 8 * h + (unsigned)(le ? __builtin_ctzll(half[h])
						     : __builtin_clzll(half[h])) /
					   8;
	return 16;
}

/* The index of the first (in memory order) non-zero byte of m, or 16. */
static inline unsigned audit_v16_first(audit_v16 m)
{
	const bool le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
	uint64_t half[2];

	memcpy(half, &m, sizeof(half));
	for (unsigned h = 0; h < 2; h++)
		if (half[h])
			return 8 * h + (unsigned)(le ? __builtin_ctzll(half[h])
						     : __builtin_clzll(half[h])) /
					   8;
	return 16;
}

/* The first match starting in s[0..16), given the candidate lanes (the
 * bytes of the two halves of the mask that are non-zero): the rarer path,
 * out of the loop so that the loop keeps its registers. */
static inline const char *audit_find_block(const char *s, uint64_t half[2], const char *needle,
					   size_t n)
{
	for (unsigned h = 0; h < 2; h++)
		while (half[h]) {
			const bool le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
			unsigned b =
			    (unsigned)(le ? __builtin_ctzll(half[h]) : __builtin_clzll(half[h])) /
			    8;
			const char *c = s + 8 * h + b;

			if (memcmp(c + 1, needle + 1, n - 1) == 0)
				return c;
			half[h] &= ~(le ? 0xffull << (8 * b) : 0xffull << (56 - 8 * b));
		}
	return NULL;
}

/* The first occurrence of needle[0..n) in s[0..len), or NULL (memmem).
 * The "generic SIMD" substring search (Wojciech Muła,
 * http://0x80.pl/articles/simd-strfind.html): compare 16 positions at once
 * with the needle's first and last bytes, and memcmp only where both
 * match.  Unlike glibc's memmem it needs no per-call table, which costs
 * more than the search on the short haystacks (a log line) the parser
 * searches; inline, so that the memcmp of a literal needle is a compare. */
static inline const char *audit_find(const char *s, size_t len, const char *needle, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return s;
	if (len < n)
		return NULL;
	if (len - n + 1 >= 16) {
		const audit_v16 first = audit_v16_splat((unsigned char)needle[0]);
		const audit_v16 last = audit_v16_splat((unsigned char)needle[n - 1]);

		/* block i covers starts i..i+15, reading up to s[i + 15 + n - 1] */
		for (; i + 16 + n - 1 <= len; i += 16) {
			audit_v16 m = (audit_v16)(audit_v16_load(s + i) == first) &
				      (audit_v16)(audit_v16_load(s + i + n - 1) == last);
			uint64_t half[2];
			const char *hit;

			memcpy(half, &m, sizeof(half));
			if (!(half[0] | half[1]))
				continue;
			hit = audit_find_block(s + i, half, needle, n);
			if (hit)
				return hit;
		}
	}
	for (; i + n <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i + 1, needle + 1, n - 1) == 0)
			return s + i;
	return NULL;
}

/* How many '\n' in [p, end). */
uint64_t audit_count_lines(const char *p, const char *end);

#endif
