/* The SECCOMP record parser (audit.h): sniff the form of each line, find
 * the record, read its fields.  Written for throughput (a 1 GB log is a
 * use case): a table-free search for the markers (audit_find: glibc's
 * memmem sets up a table per call, which costs more than a line), one pass
 * over the fields, numbers in the common shapes read inline (strtoll only
 * for the odd ones, so its rules still decide them), no allocation. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/scan.h"

#define SECCOMP_RET_ACTION_FULL_MASK 0xffff0000u

/* needle is a string literal: its length is known at compile time */
#define find(s, len, needle) audit_find(s, len, needle, sizeof(needle) - 1)

/* A hex digit's value plus one; 0 for any other byte. */
static const unsigned char hex1[256] = {
    ['0'] = 1,	['1'] = 2,  ['2'] = 3,	['3'] = 4,  ['4'] = 5,	['5'] = 6,  ['6'] = 7,	['7'] = 8,
    ['8'] = 9,	['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hexval(int c)
{
	return hex1[c & 0xff] - 1;
}

/* isdigit() of the C locale, without the locale's table */
static bool is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* What scan_to_stop() looks for. */
enum { KEY_END = 1, VALUE_END = 2 };

/* The first byte in [p, end) where a key (KEY_END: '=', ' ' or 0x1d) or
 * value (' ' or 0x1d) ends, or end, 16 bytes at a time. */
static const char *scan_to_stop(const char *p, const char *end, unsigned what)
{
	const audit_v16 sp = audit_v16_splat(' '), gs = audit_v16_splat(0x1d),
			eq = audit_v16_splat('=');

	for (; end - p >= 16; p += 16) {
		audit_v16 w = audit_v16_load(p), m = (audit_v16)(w == sp) | (audit_v16)(w == gs);
		unsigned k;

		if (what & KEY_END)
			m |= (audit_v16)(w == eq);
		k = audit_v16_first(m);
		if (k < 16)
			return p + k;
	}
	if (p < end) { /* the last few bytes, through a zeroed copy */
		audit_v16 w = audit_v16_load_tail(p, (size_t)(end - p)), m;
		unsigned k;

		m = (audit_v16)(w == sp) | (audit_v16)(w == gs);
		if (what & KEY_END)
			m |= (audit_v16)(w == eq);
		k = audit_v16_first(m);
		return k < (size_t)(end - p) ? p + k : end;
	}
	return p;
}

/* Bytes (all below 0x80) of w from lo to hi: their top bit set. */
static uint64_t in_range(uint64_t w, unsigned lo, unsigned hi)
{
	const uint64_t ones = 0x0101010101010101ull;

	return (w + ones * (0x80 - lo)) & ~(w + ones * (0x7f - hi));
}

/* Eight hex digits at p (loaded little-endian) into four bytes at out,
 * or false if one is not a hex digit: the byte-pair loop, eight at a time
 * (hex-encoded comm and exe are in most records of some workloads). */
static bool hex8_bytes(const char *p, uint32_t *four)
{
	const uint64_t top = 0x8080808080808080ull;
	uint64_t w, x;

	memcpy(&w, p, 8);
	if ((w & top) ||
	    ((in_range(w, '0', '9') | in_range(w, 'A', 'F') | in_range(w, 'a', 'f')) & top) != top)
		return false;
	/* the digit's value: low nibble, plus 9 for letters (bit 6) */
	w = (w & 0x0f0f0f0f0f0f0f0full) + (w >> 6 & 0x0101010101010101ull) * 9;
	/* pairs: the first (low) byte of each 16-bit lane is the high nibble */
	x = (w << 4 | w >> 8) & 0x00ff00ff00ff00ffull;
	x = (x | x >> 8) & 0x0000ffff0000ffffull;
	*four = (uint32_t)(x | x >> 16);
	return true;
}

static bool hex8(const char *p, char *out)
{
	uint32_t four;

	if (!hex8_bytes(p, &four))
		return false;
	memcpy(out, &four, 4);
	return true;
}

/* A field's value into out: "quoted", hex-encoded, or (null)/bare. */
static void copy_value(const char *v, size_t n, char *out)
{
	size_t k = 0;
	bool hex = n > 0 && n % 2 == 0 && n / 2 < AUDIT_STR_MAX;

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
		hex = false;
	}
	/* decoded as it is checked (n / 2 < AUDIT_STR_MAX: it all fits);
	 * the first byte that is not a hex digit means a plain copy */
	size_t i = 0;

	if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
		for (; hex && i + 8 <= n; i += 8, k += 4)
			hex = hex8(v + i, out + k);
	for (; hex && i < n; i += 2) {
		unsigned hi = hex1[(unsigned char)v[i]], lo = hex1[(unsigned char)v[i + 1]];

		hex = hi && lo;
		out[k++] = (char)((hi - 1) << 4 | (lo - 1));
	}
	if (!hex) {
		k = n < AUDIT_STR_MAX - 1 ? n : AUDIT_STR_MAX - 1;
		memcpy(out, v, k);
	}
	out[k] = '\0';
}

/* v[0..n), all digits of base 10 or 16 (n small enough that the value
 * cannot overflow), into *out; false for any other byte.  Inline, so the
 * base is a constant: x * 10 is then two cheap adds, not a multiply (a
 * record has some forty digits, each a step of this chain). */
static inline bool digits(const char *v, size_t n, unsigned base, uint64_t *out)
{
	uint64_t x = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned d = hex1[(unsigned char)v[i]] - 1u;

		if (d >= base)
			return false;
		x = base == 16 ? x << 4 | d : x * base + d;
	}
	*out = x;
	return n > 0;
}

/* Eight ASCII bytes loaded little-endian (the first in the low byte):
 * their value when all are digits, by three multiplies instead of eight
 * steps (Lemire, "Fast integer parsing"). */
static bool dec8(const char *p, uint64_t *out)
{
	const uint64_t high = 0xf0f0f0f0f0f0f0f0ull, zeros = 0x3030303030303030ull;
	uint64_t w;

	memcpy(&w, p, 8);
	/* every byte 0x30..0x3f, and still so plus 6: 0x30..0x39 */
	if ((w & high) != zeros || ((w + 0x0606060606060606ull) & high) != zeros)
		return false;
	w = (w & 0x0f0f0f0f0f0f0f0full) * 2561 >> 8;
	w = (w & 0x00ff00ff00ff00ffull) * 6553601 >> 16;
	*out = (w & 0x0000ffff0000ffffull) * 42949672960001ull >> 32;
	return true;
}

__attribute__((noinline)) static bool parse_i64_slow(const char *v, size_t n, int base,
						     int64_t *out)
{
	char buf[32], *end;
	long long x;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	errno = 0;
	x = strtoll(buf, &end, base);
	if (errno || *end)
		return false;
	*out = x;
	return true;
}

__attribute__((noinline)) static bool parse_u32_slow(const char *v, size_t n, int base,
						     uint32_t *out)
{
	char buf[32], *end;
	unsigned long long x;

	if (n == 0 || n >= sizeof(buf) || v[0] == '-')
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	errno = 0;
	x = strtoull(buf, &end, base);
	if (errno || *end || x > UINT32_MAX)
		return false;
	*out = (uint32_t)x;
	return true;
}

/* Base-10 numbers as the kernel prints them (up to 18 digits: no
 * overflow) inline; anything else as strtoll() reads it. */
/* Base 10, n <= 18: the last eight digits by dec8() (a pid, uid or auid
 * of eight or more is common: 4294967295 is "unset"). */
static inline bool dec_digits(const char *v, size_t n, uint64_t *out)
{
	uint64_t hi = 0, lo;

	if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && n >= 8) {
		if (!dec8(v + n - 8, &lo) || (n > 8 && !digits(v, n - 8, 10, &hi)))
			return false;
		*out = hi * 100000000u + lo;
		return true;
	}
	return digits(v, n, 10, out);
}

/* Base 16, n <= 8: eight digits (arch, code) by hex8_bytes(). */
static inline bool hex_digits(const char *v, size_t n, uint64_t *out)
{
	uint32_t four;

	if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && n == 8) {
		if (!hex8_bytes(v, &four))
			return false;
		*out = __builtin_bswap32(four); /* the first pair is the top byte */
		return true;
	}
	return digits(v, n, 16, out);
}

static inline bool parse_i64(const char *v, size_t n, int base, int64_t *out)
{
	uint64_t x;

	if (n <= 18 && dec_digits(v, n, &x)) {
		*out = (int64_t)x;
		return true;
	}
	return parse_i64_slow(v, n, base, out);
}

/* arch (base 16: up to 8 hex digits) and code (base 0: 0x and up to 8
 * hex digits) inline; anything else as strtoull() reads it. */
static inline bool parse_u32(const char *v, size_t n, int base, uint32_t *out)
{
	uint64_t x;

	if (base == 16 && n <= 8 && hex_digits(v, n, &x)) {
		*out = (uint32_t)x;
		return true;
	}
	if (base == 0 && n >= 3 && n <= 10 && v[0] == '0' && v[1] == 'x' &&
	    hex_digits(v + 2, n - 2, &x)) {
		*out = (uint32_t)x;
		return true;
	}
	return parse_u32_slow(v, n, base, out);
}

/* audit(SEC.MS:SERIAL); *close is the ')' */
static bool parse_stamp(const char *p, const char *end, struct audit_record *rec,
			const char **close)
{
	uint64_t sec = 0, ms = 0, serial = 0;
	int digits = 0;

	p += strlen("audit(");
	/* the kernel's shape: ten digits of seconds and three of ms */
	if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && end - p > 15 && p[10] == '.' &&
	    p[14] == ':' && dec8(p, &sec) && is_digit(p[8]) && is_digit(p[9]) && is_digit(p[11]) &&
	    is_digit(p[12]) && is_digit(p[13])) {
		sec = sec * 100 + (uint64_t)(p[8] - '0') * 10 + (uint64_t)(p[9] - '0');
		ms = (uint64_t)(p[11] - '0') * 100 + (uint64_t)(p[12] - '0') * 10 +
		     (uint64_t)(p[13] - '0');
		p += 15;
		goto serial;
	}
	sec = 0;
	while (p < end && is_digit(*p))
		sec = sec * 10 + (uint64_t)(*p++ - '0'), digits++;
	if (!digits || p >= end || *p++ != '.')
		return false;
	for (digits = 0; p < end && is_digit(*p); p++, digits++)
		if (digits < 3)
			ms = ms * 10 + (uint64_t)(*p - '0');
	for (; digits < 3; digits++)
		ms *= 10;
	if (p >= end || *p++ != ':')
		return false;
serial:
	for (digits = 0; p < end && is_digit(*p); p++, digits++)
		serial = serial * 10 + (uint64_t)(*p - '0');
	if (!digits || p >= end || *p != ')')
		return false;
	*close = p;
	rec->time_ms = sec * 1000 + ms;
	rec->serial = serial;
	return true;
}

/* key=value pairs up to the end or the 0x1d of an enriched record: a
 * value in double quotes ends at the next quote (spaces and 0x1d
 * included), any other at a space or 0x1d; a word without '=' is skipped;
 * a key seen twice counts with its last value. */
static enum audit_line_kind parse_fields(const char *p, const char *end, struct audit_record *rec,
					 const char **why)
{
	bool have_arch = false, have_sys = false, have_code = false;
	while (p < end && *p != 0x1d) {
		const audit_v16 sp = audit_v16_splat(' '), gsv = audit_v16_splat(0x1d),
				eqs = audit_v16_splat('=');
		const char *key, *eq, *v;
		size_t klen, vlen, avail;
		audit_v16 win, spaces;
		unsigned k, ve;

		while (p < end && *p == ' ')
			p++;
		if (p >= end || *p == 0x1d)
			break;
		key = p;
		/* most fields fit in 16 bytes: one look says where the key
		 * ends and where the value does (two looks, one after the
		 * other, were most of a record's time) */
		avail = (size_t)(end - p);
		win = avail >= 16 ? audit_v16_load(p) : audit_v16_load_tail(p, avail);
		spaces = (audit_v16)(win == sp) | (audit_v16)(win == gsv); /* 0x1d too */
		k = audit_v16_first(spaces | (audit_v16)(win == eqs));
		if (k < 16)
			p += k;
		else
			p = avail > 16 ? scan_to_stop(p + 16, end, KEY_END) : end;
		if (p >= end || *p != '=') {
			continue; /* a bare word: skip */
		}
		eq = p++;
		klen = (size_t)(eq - key);
		v = p;
		if (p < end && *p == '"') {
			const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));

			p = q ? q + 1 : end;
		} else if (k < 15 && (ve = audit_v16_first_after(spaces, k)) < 16) {
			p = key + ve;
		} else if (avail <= 16) {
			p = end; /* the window held the rest */
		} else {
			p = scan_to_stop(k < 16 ? key + 16 : p, end, VALUE_END);
		}
		vlen = (size_t)(p - v);
		/* by length first: a record has fifteen keys, ten wanted */
#define KEY(s) (memcmp(key, s, sizeof(s) - 1) == 0)
		switch (klen) {
		case 3:
			if (KEY("pid")) {
				if (!parse_i64(v, vlen, 10, &rec->pid))
					rec->pid = -1;
			} else if (KEY("uid")) {
				if (!parse_i64(v, vlen, 10, &rec->uid))
					rec->uid = -1;
			} else if (KEY("sig")) {
				int64_t s;

				rec->sig = parse_i64(v, vlen, 10, &s) ? (int)s : 0;
			} else if (KEY("exe")) {
				copy_value(v, vlen, rec->exe);
			}
			break;
		case 4:
			if (KEY("arch")) {
				if (!parse_u32(v, vlen, 16, &rec->arch)) {
					*why = "arch is not a hex AUDIT_ARCH value";
					return AUDIT_LINE_BROKEN;
				}
				have_arch = true;
			} else if (KEY("code")) {
				if (!parse_u32(v, vlen, 0, &rec->code)) {
					*why = "code is not a number";
					return AUDIT_LINE_BROKEN;
				}
				rec->code &= SECCOMP_RET_ACTION_FULL_MASK;
				have_code = true;
			} else if (KEY("auid")) {
				if (!parse_i64(v, vlen, 10, &rec->auid))
					rec->auid = -1;
			} else if (KEY("comm")) {
				copy_value(v, vlen, rec->comm);
			}
			break;
		case 6:
			if (KEY("compat"))
				rec->compat = vlen == 1 && v[0] == '1';
			break;
		case 7:
			if (KEY("syscall")) {
				if (!parse_i64(v, vlen, 10, &rec->syscall)) {
					*why = "syscall is not a number";
					return AUDIT_LINE_BROKEN;
				}
				have_sys = true;
			}
			break;
		default: break;
		}
#undef KEY
	}
	if (!have_arch || !have_sys || !have_code) {
		*why = !have_arch  ? "no arch field"
		       : !have_sys ? "no syscall field"
				   : "no code field";
		return AUDIT_LINE_BROKEN;
	}
	return AUDIT_LINE_SECCOMP;
}

static bool is_notice(const char *line, size_t len)
{
	return find(line, len, "callbacks suppressed") ||
	       find(line, len, "backlog limit exceeded") ||
	       find(line, len, "rate limit exceeded") || find(line, len, "audit_lost=");
}

/* The record's marker: "type=SECCOMP " (auditd) or "type=1326 " (the
 * kernel), found with one search for "type=" (lines may hold several). */
static const char *seccomp_marker(const char *line, size_t len, bool *any_type, bool *auditd)
{
	const char *end = line + len, *p = line;

	*any_type = false;
	while ((p = find(p, (size_t)(end - p), "type=")) != NULL) {
		size_t left = (size_t)(end - p);

		*any_type = true;
		if (left >= 13 && memcmp(p + 5, "SECCOMP ", 8) == 0) {
			*auditd = true;
			return p;
		}
		if (left >= 10 && memcmp(p + 5, "1326 ", 5) == 0) {
			*auditd = false;
			return p;
		}
		p += 5;
	}
	return NULL;
}

static enum audit_line_kind parse_text(const char *line, size_t len, enum audit_form form,
				       struct audit_record *rec, const char **why)
{
	const char *end = line + len, *type, *stamp, *close, *fields;
	bool any_type, auditd;

	type = seccomp_marker(line, len, &any_type, &auditd);
	if (!type) {
		/* every notice the kernel prints mentions audit (kauditd_printk_skb,
		 * "audit: backlog limit exceeded", audit_lost=) */
		if (!find(line, len, "audit"))
			return AUDIT_LINE_UNRELATED;
		if (is_notice(line, len))
			return AUDIT_LINE_NOTICE;
		if (any_type && find(line, len, "audit("))
			return AUDIT_LINE_OTHER;
		return AUDIT_LINE_UNRELATED;
	}
	if (auditd && form != AUDIT_FORM_JOURNAL)
		form = AUDIT_FORM_AUDITD;
	memset(rec, 0, offsetof(struct audit_record, comm));
	rec->comm[0] = rec->exe[0] = '\0';
	rec->sig = 0;
	rec->arch = 0;
	rec->syscall = 0;
	rec->compat = false;
	rec->code = 0;
	rec->form = form;
	rec->pid = rec->uid = rec->auid = -1;
	/* "type=1326 " or "type=SECCOMP msg=" holds no "audit(": when it
	 * follows at once, it is the first */
	stamp = type + (auditd ? 17 : 10);
	if (stamp + 6 > end || memcmp(stamp, "audit(", 6) != 0)
		stamp = find(type, (size_t)(end - type), "audit(");
	if (!stamp || !parse_stamp(stamp, end, rec, &close)) {
		*why = "no audit(SECONDS.MS:SERIAL) stamp";
		return AUDIT_LINE_BROKEN;
	}
	/* the stamp holds no "):", so the first one is at its ')' or later */
	if (close + 1 < end && close[1] == ':')
		fields = close;
	else
		fields = find(close, (size_t)(end - close), "):");
	if (!fields) {
		*why = "no fields after the stamp";
		return AUDIT_LINE_BROKEN;
	}
	return parse_fields(fields + 2, end, rec, why);
}

/* How many bytes from p on are neither '"' nor a backslash (at least
 * one: *p is neither). */
static size_t plain_run(const char *p, const char *end)
{
	const audit_v16 qt = audit_v16_splat('"'), bs = audit_v16_splat('\\');
	const char *q = p;

	for (; end - q >= 16; q += 16) {
		audit_v16 w = audit_v16_load(q);
		unsigned k = audit_v16_first((audit_v16)(w == qt) | (audit_v16)(w == bs));

		if (k < 16)
			return (size_t)(q + k - p);
	}
	while (q < end && *q != '"' && *q != '\\')
		q++;
	return (size_t)(q - p);
}

/* journalctl -o json: the MESSAGE string (or byte array) unescaped into buf. */
static bool journal_message(const char *line, size_t len, char *buf, size_t cap, size_t *n)
{
	const char *end = line + len, *p = find(line, len, "\"MESSAGE\":");

	*n = 0;
	if (!p)
		return false;
	p += strlen("\"MESSAGE\":");
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '[') { /* not UTF-8: an array of byte values */
		p++;
		while (p < end && *p != ']' && *n + 1 < cap) {
			unsigned v = 0;

			while (p < end && (*p == ' ' || *p == ','))
				p++;
			if (p >= end || !isdigit((unsigned char)*p))
				break;
			while (p < end && isdigit((unsigned char)*p))
				v = v * 10 + (unsigned)(*p++ - '0');
			buf[(*n)++] = (char)v;
		}
		return true;
	}
	if (p >= end || *p != '"')
		return false;
	for (p++; p < end && *p != '"' && *n + 1 < cap; p++) {
		char c = *p;

		if (c != '\\') { /* a run of plain bytes at once */
			size_t run = plain_run(p, end);

			if (run > cap - 1 - *n)
				run = cap - 1 - *n;
			memcpy(buf + *n, p, run);
			*n += run;
			p += run - 1;
			continue;
		}
		if (c == '\\' && p + 1 < end) {
			c = *++p;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'u':
				/* \u00XX is all journald writes for control bytes */
				if (p + 4 < end && hexval((unsigned char)p[3]) >= 0 &&
				    hexval((unsigned char)p[4]) >= 0) {
					c = (char)(hexval((unsigned char)p[3]) << 4 |
						   hexval((unsigned char)p[4]));
					p += 4;
				}
				break;
			default: break; /* \" \\ \/ */
			}
		}
		buf[(*n)++] = c;
	}
	return true;
}

/* Apart from audit_parse_line(), so that the text lines' path does not
 * set up (and probe) this function's 8 KB frame. */
__attribute__((noinline)) static enum audit_line_kind
parse_journal(const char *line, size_t len, struct audit_record *rec, const char **why)
{
	char buf[8192];
	size_t n;

	if (journal_message(line, len, buf, sizeof(buf), &n))
		return parse_text(buf, n, AUDIT_FORM_JOURNAL, rec, why);
	return AUDIT_LINE_UNRELATED;
}

enum audit_line_kind audit_parse_line(const char *line, size_t len, struct audit_record *rec,
				      const char **why)
{
	static const char *unused;

	if (!why)
		why = &unused;
	if (len > 0 && line[0] == '{')
		return parse_journal(line, len, rec, why);
	return parse_text(line, len, AUDIT_FORM_KERNEL, rec, why);
}

const struct arch_info *audit_record_abi(const struct audit_record *rec)
{
	return arch_of_call(rec->arch, rec->syscall);
}

const char *audit_record_syscall(const struct audit_record *rec)
{
	const struct arch_info *a = audit_record_abi(rec);

	if (!a || rec->syscall < 0 || rec->syscall > INT32_MAX)
		return NULL;
	return arch_syscall_name(a, (int)rec->syscall);
}

const char *audit_action_name(uint32_t code)
{
	switch (code & SECCOMP_RET_ACTION_FULL_MASK) {
	case 0x80000000u: return "KILL_PROCESS";
	case 0x00000000u: return "KILL_THREAD";
	case 0x00030000u: return "TRAP";
	case 0x00050000u: return "ERRNO";
	case 0x7fc00000u: return "USER_NOTIF";
	case 0x7ff00000u: return "TRACE";
	case 0x7ffc0000u: return "LOG";
	case 0x7fff0000u: return "ALLOW";
	default: return "UNKNOWN";
	}
}
