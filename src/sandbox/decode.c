/* The decoder's engine: walks a call's signature (decode_calls.c) and prints
 * each argument into the text line and the JSON object at once.  Tracee
 * memory is read through struct sb_mem, never directly, a page at a time so
 * that a string ending just before an unmapped page still decodes; whatever
 * cannot be read prints as the pointer it was. */
#include "sandbox/decode.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/openat2.h>
#include <linux/quota.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "sandbox/decode_int.h"
#include "util/cleanup.h"

/* execve: this many argv strings, then "...". */
#define ARGV_MAX 8

/* One call being decoded.  The buffers are the caller's. */
struct dctx {
	const struct arch_info *abi;
	const char *name;
	uint64_t a[6]; /* the arguments, cut to the ABI's width */
	pid_t pid;
	const struct sb_mem *mem;
	struct sc_strbuf *text; /* NULL while an argument is hidden from the text */
	struct sc_strbuf *json;
	bool is32;
};

#define TX(c, ...)                                                                                 \
	do {                                                                                       \
		if ((c)->text)                                                                     \
			sc_strbuf_printf((c)->text, __VA_ARGS__);                                  \
	} while (0)

static void jkey(struct dctx *c, const char *key)
{
	if (c->json)
		sc_strbuf_printf(c->json, ",\"%s\":", key);
}

static void jstr(struct dctx *c, const char *key, const char *s)
{
	if (!c->json)
		return;
	jkey(c, key);
	sc_strbuf_json_string(c->json, s, strlen(s));
}

static void jint(struct dctx *c, const char *key, int64_t v)
{
	if (!c->json)
		return;
	jkey(c, key);
	sc_strbuf_printf(c->json, "%" PRId64, v);
}

static void jtrue(struct dctx *c, const char *key)
{
	if (!c->json)
		return;
	jkey(c, key);
	sc_strbuf_puts(c->json, "true");
}

static const char *lookup(const struct sb_name *t, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].val == v)
			return t[i].name;
	return NULL;
}

/* "FIELD|FLAG|FLAG|0xREST"; the zero name (or "0") when nothing is set. */
static void render_flags(struct sc_strbuf *b, const struct sb_flags *f, uint64_t v)
{
	bool any = false;
	uint64_t rest = v;

	if (f->field) {
		uint64_t fv = v & f->field_mask;
		const char *n = lookup(f->field, f->nfield, fv);

		rest &= ~f->field_mask;
		if (n) {
			sc_strbuf_puts(b, n);
			any = true;
		} else if (fv) {
			sc_strbuf_printf(b, "0x%" PRIx64, fv);
			any = true;
		}
	}
	for (size_t i = 0; i < f->nbits; i++) {
		uint64_t bit = f->bits[i].val;

		if (!bit || (rest & bit) != bit)
			continue;
		if (any)
			sc_strbuf_putc(b, '|');
		sc_strbuf_puts(b, f->bits[i].name);
		rest &= ~bit;
		any = true;
	}
	if (rest) {
		if (any)
			sc_strbuf_putc(b, '|');
		sc_strbuf_printf(b, "0x%" PRIx64, rest);
		any = true;
	}
	if (!any)
		sc_strbuf_puts(b, f->zero ? f->zero : "0");
}

static const char *signal_name(int sig, char *buf, size_t len)
{
	const char *n = lookup(sb_f_signal.field, sb_f_signal.nfield, (uint64_t)sig);

	if (n)
		return n;
	/* The kernel's real-time signals start at 32 (glibc reserves two). */
	if (sig >= 32 && sig <= 64) {
		snprintf(buf, len, "SIGRT_%d", sig - 32);
		return buf;
	}
	return NULL;
}

/* strace's quoting: '"' and '\\' escaped, other non-printables as \xNN. */
static void escape(struct sc_strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			sc_strbuf_printf(b, "\\%c", ch);
		else if (ch >= 0x20 && ch < 0x7f)
			sc_strbuf_putc(b, (char)ch);
		else
			sc_strbuf_printf(b, "\\x%02x", ch);
	}
}

static bool utf8_valid(const char *str, size_t n)
{
	static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t cp;

		if (s[i] < 0x80) {
			i++;
			continue;
		} else if ((s[i] & 0xe0) == 0xc0) {
			len = 2, cp = s[i] & 0x1f;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3, cp = s[i] & 0x0f;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4, cp = s[i] & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min_cp[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* JSON can only carry text: bytes that are not UTF-8 go out in the text
 * form's escaping, flagged, so a consumer can tell "\x41" from "A". */
static void jbytes(struct dctx *c, const char *key, const char *s, size_t n)
{
	if (!c->json)
		return;
	jkey(c, key);
	if (utf8_valid(s, n)) {
		sc_strbuf_json_string(c->json, s, n);
		return;
	}
	struct sc_strbuf e = {0};

	escape(&e, s, n);
	sc_strbuf_json_string(c->json, e.data ? e.data : "", e.len);
	sc_strbuf_free(&e);
	jtrue(c, "escaped");
}

static void put_hex(struct dctx *c, uint64_t v)
{
	if (v)
		TX(c, "0x%" PRIx64, v);
	else
		TX(c, "0");
}

static void put_ptr(struct dctx *c, uint64_t v)
{
	if (v)
		TX(c, "0x%" PRIx64, v);
	else
		TX(c, "NULL");
}

static size_t page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? (size_t)p : 4096;
}

/* Read up to max bytes at addr, never asking across a page boundary, stopping
 * after a NUL when stop_nul (*nul says whether one came; the length excludes
 * it).  Returns the bytes read, or -EFAULT when the first one is unreadable. */
static ssize_t read_mem(const struct dctx *c, uint64_t addr, char *buf, size_t max, bool stop_nul,
			bool *nul)
{
	size_t got = 0, page = page_size();
	uint64_t limit = c->is32 ? UINT32_MAX : UINT64_MAX;

	if (nul)
		*nul = false;
	while (got < max) {
		uint64_t a = addr + got;

		if (a < addr || a > limit)
			break;
		size_t chunk = page - (size_t)(a % page);

		if (chunk > max - got)
			chunk = max - got;
		ssize_t r = c->mem->read(c->mem->ctx, a, buf + got, chunk);

		if (r <= 0)
			break;
		if ((size_t)r > chunk)
			r = (ssize_t)chunk;
		if (stop_nul) {
			char *z = memchr(buf + got, '\0', (size_t)r);

			if (z) {
				*nul = true;
				return z - buf;
			}
		}
		got += (size_t)r;
	}
	if (got == 0 && max > 0)
		return -EFAULT;
	return (ssize_t)got;
}

static bool read_struct(const struct dctx *c, uint64_t addr, void *buf, size_t size)
{
	return c->mem && addr && read_mem(c, addr, buf, size, false, NULL) == (ssize_t)size;
}

/* A C string: up to SB_STR_MAX bytes; *cut when longer or unterminated. */
static ssize_t read_cstr(const struct dctx *c, uint64_t addr, char buf[SB_STR_MAX + 1], bool *cut)
{
	bool nul;
	ssize_t n = read_mem(c, addr, buf, SB_STR_MAX + 1, true, &nul);

	if (n < 0)
		return n;
	*cut = !nul;
	return n > SB_STR_MAX ? SB_STR_MAX : n;
}

static void put_quoted(struct dctx *c, const char *s, size_t n, bool cut)
{
	if (!c->text)
		return;
	sc_strbuf_putc(c->text, '"');
	escape(c->text, s, n);
	sc_strbuf_puts(c->text, cut ? "\"..." : "\"");
}

static void put_string(struct dctx *c, uint64_t addr, const char *key)
{
	char buf[SB_STR_MAX + 1];
	bool cut;
	ssize_t n;

	if (!addr || !c->mem || (n = read_cstr(c, addr, buf, &cut)) < 0) {
		put_ptr(c, addr);
		return;
	}
	put_quoted(c, buf, (size_t)n, cut);
	jbytes(c, key, buf, (size_t)n);
	if (cut)
		jtrue(c, "truncated");
}

/* sethostname(name, len): exactly len bytes, no NUL needed. */
static void put_strlen(struct dctx *c, uint64_t addr, uint64_t len)
{
	char buf[SB_STR_MAX];
	size_t want = len > SB_STR_MAX ? SB_STR_MAX : (size_t)len;
	ssize_t n;

	if (!addr || !c->mem || (n = read_mem(c, addr, buf, want, false, NULL)) < 0) {
		put_ptr(c, addr);
		return;
	}
	bool cut = len > (uint64_t)n;

	put_quoted(c, buf, (size_t)n, cut);
	jbytes(c, "string", buf, (size_t)n);
	if (cut)
		jtrue(c, "truncated");
}

static void put_fd(struct dctx *c, int fd)
{
	char proc[64], link[PATH_MAX];
	ssize_t n = -1;

	TX(c, "%d", fd);
	jint(c, "int", fd);
	if (c->pid <= 0 || fd < 0)
		return;
	snprintf(proc, sizeof(proc), "/proc/%d/fd/%d", (int)c->pid, fd);
	n = readlink(proc, link, sizeof(link));
	if (n <= 0)
		return;
	if (c->text) {
		sc_strbuf_putc(c->text, '<');
		escape(c->text, link, (size_t)n);
		sc_strbuf_putc(c->text, '>');
	}
	jbytes(c, "fd_path", link, (size_t)n);
}

static void put_signal(struct dctx *c, int sig)
{
	char buf[32];
	const char *n = signal_name(sig, buf, sizeof(buf));

	if (n) {
		TX(c, "%s", n);
		jstr(c, "signal", n);
	} else {
		TX(c, "%d", sig);
		jint(c, "int", sig);
	}
}

static void put_flags(struct dctx *c, const struct sb_flags *f, uint64_t v, const char *prefix)
{
	struct sc_strbuf b = {0};

	render_flags(&b, f, v);
	if (b.data) {
		TX(c, "%s%s", prefix, b.data);
		jstr(c, "flags", b.data);
	}
	sc_strbuf_free(&b);
}

static void put_mode(struct dctx *c, uint32_t mode)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%#03o", mode);
	TX(c, "%s", buf);
	jstr(c, "mode", buf);
}

/* clone(): CLONE_* above the low byte, the exit signal (CSIGNAL) in it. */
static void put_clone_flags(struct dctx *c, uint64_t v)
{
	struct sc_strbuf b = {0};
	char sbuf[32];
	int sig = (int)(v & 0xff);

	if (v & ~(uint64_t)0xff)
		render_flags(&b, &sb_f_clone, v & ~(uint64_t)0xff);
	if (sig) {
		const char *n = signal_name(sig, sbuf, sizeof(sbuf));

		if (b.len)
			sc_strbuf_putc(&b, '|');
		if (n)
			sc_strbuf_puts(&b, n);
		else
			sc_strbuf_printf(&b, "%d", sig);
	}
	if (!b.len)
		sc_strbuf_puts(&b, "0");
	if (b.data) {
		TX(c, "flags=%s", b.data);
		jstr(c, "flags", b.data);
	}
	sc_strbuf_free(&b);
}

/* Text and JSON "struct" get the same rendering of a structure. */
static void put_struct(struct dctx *c, struct sc_strbuf *b)
{
	if (!b->data)
		return;
	TX(c, "%s", b->data);
	jstr(c, "struct", b->data);
}

static void put_open_how(struct dctx *c, uint64_t addr)
{
	struct open_how how;
	struct sc_strbuf b = {0}, fl = {0};

	if (!read_struct(c, addr, &how, sizeof(how))) {
		put_ptr(c, addr);
		return;
	}
	render_flags(&fl, &sb_f_open, how.flags);
	sc_strbuf_printf(&b, "{flags=%s, mode=%#03" PRIo64 ", resolve=", fl.data ? fl.data : "",
			 (uint64_t)how.mode);
	render_flags(&b, &sb_f_resolve, how.resolve);
	sc_strbuf_putc(&b, '}');
	put_struct(c, &b);
	if (fl.data)
		jstr(c, "flags", fl.data);
	sc_strbuf_free(&b);
	sc_strbuf_free(&fl);
}

static void put_clone_args(struct dctx *c, uint64_t addr)
{
	/* The fields up to exit_signal are in every size (CLONE_ARGS_SIZE_VER0). */
	struct clone_args ca;
	struct sc_strbuf b = {0}, fl = {0};
	char sbuf[32];

	memset(&ca, 0, sizeof(ca));
	if (!read_struct(c, addr, &ca, offsetof(struct clone_args, exit_signal) + 8)) {
		put_ptr(c, addr);
		return;
	}
	render_flags(&fl, &sb_f_clone, ca.flags);
	const char *sig =
	    ca.exit_signal <= 64 ? signal_name((int)ca.exit_signal, sbuf, sizeof(sbuf)) : NULL;

	sc_strbuf_printf(&b, "{flags=%s, exit_signal=", fl.data ? fl.data : "");
	if (sig)
		sc_strbuf_puts(&b, sig);
	else
		sc_strbuf_printf(&b, "%" PRIu64, (uint64_t)ca.exit_signal);
	sc_strbuf_putc(&b, '}');
	put_struct(c, &b);
	if (fl.data)
		jstr(c, "flags", fl.data);
	sc_strbuf_free(&b);
	sc_strbuf_free(&fl);
}

/* 32-bit ABIs: the old calls take a 32-bit timespec, the *_time64 ones a
 * 64-bit one. */
static void put_timespec(struct dctx *c, uint64_t addr)
{
	struct sc_strbuf b = {0};
	size_t nlen = strlen(c->name);
	bool t64 = !c->is32 || (nlen > 2 && strcmp(c->name + nlen - 2, "64") == 0);
	int64_t sec, nsec;

	if (t64) {
		int64_t ts[2];

		if (!read_struct(c, addr, ts, sizeof(ts))) {
			put_ptr(c, addr);
			return;
		}
		sec = ts[0], nsec = ts[1];
	} else {
		int32_t ts[2];

		if (!read_struct(c, addr, ts, sizeof(ts))) {
			put_ptr(c, addr);
			return;
		}
		sec = ts[0], nsec = ts[1];
	}
	sc_strbuf_printf(&b, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", sec, nsec);
	put_struct(c, &b);
	sc_strbuf_free(&b);
}

/* execve's argv: the first ARGV_MAX strings. */
static void put_argv(struct dctx *c, uint64_t addr)
{
	char strs[ARGV_MAX][SB_STR_MAX + 1];
	ssize_t lens[ARGV_MAX];
	uint64_t ptrs[ARGV_MAX];
	size_t psz = c->is32 ? 4 : 8, n = 0;
	bool cut = false, more = false, utf8 = true;

	if (!addr || !c->mem) {
		put_ptr(c, addr);
		return;
	}
	for (; n <= ARGV_MAX; n++) {
		uint64_t p = 0;
		uint32_t p32;

		if (read_mem(c, addr + n * psz, c->is32 ? (char *)&p32 : (char *)&p, psz, false,
			     NULL) != (ssize_t)psz) {
			if (n == 0) {
				put_ptr(c, addr); /* not even argv[0]: the array is unreadable */
				return;
			}
			more = true; /* unreadable past the start: there may be more */
			break;
		}
		if (c->is32)
			p = p32;
		if (!p)
			break;
		if (n == ARGV_MAX) {
			more = true;
			break;
		}
		bool scut = false;

		ptrs[n] = p;
		lens[n] = read_cstr(c, p, strs[n], &scut);
		if (lens[n] >= 0) {
			cut |= scut;
			utf8 &= utf8_valid(strs[n], (size_t)lens[n]);
		}
	}
	TX(c, "[");
	jkey(c, "argv");
	if (c->json)
		sc_strbuf_putc(c->json, '[');
	for (size_t i = 0; i < n; i++) {
		if (i) {
			TX(c, ", ");
			if (c->json)
				sc_strbuf_putc(c->json, ',');
		}
		if (lens[i] < 0) {
			put_ptr(c, ptrs[i]);
			if (c->json)
				sc_strbuf_puts(c->json, "null");
			continue;
		}
		bool scut = lens[i] == SB_STR_MAX && strs[i][SB_STR_MAX] != '\0';

		put_quoted(c, strs[i], (size_t)lens[i], scut);
		if (!c->json)
			continue;
		if (utf8) {
			sc_strbuf_json_string(c->json, strs[i], (size_t)lens[i]);
		} else {
			struct sc_strbuf e = {0};

			escape(&e, strs[i], (size_t)lens[i]);
			sc_strbuf_json_string(c->json, e.data ? e.data : "", e.len);
			sc_strbuf_free(&e);
		}
	}
	if (more)
		TX(c, "%s...", n ? ", " : "");
	TX(c, "]");
	if (c->json)
		sc_strbuf_putc(c->json, ']');
	if (!utf8)
		jtrue(c, "escaped");
	if (cut || more)
		jtrue(c, "truncated");
}

static void put_sockaddr(struct dctx *c, uint64_t addr, uint32_t len)
{
	union {
		struct sockaddr sa;
		struct sockaddr_storage ss;
		struct sockaddr_un un;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
		struct sockaddr_nl nl;
	} u;
	size_t n = len > sizeof(u) ? sizeof(u) : len;
	struct sc_strbuf t = {0}; /* the address as text prints it */
	char ip[INET6_ADDRSTRLEN], a[INET6_ADDRSTRLEN + 64];
	const char *jaddr = NULL;
	size_t jlen = 0;

	memset(&u, 0, sizeof(u));
	if (n < sizeof(sa_family_t) || !read_struct(c, addr, &u, n)) {
		put_ptr(c, addr);
		return;
	}
	const char *fam = lookup(sb_f_af.field, sb_f_af.nfield, u.sa.sa_family);
	size_t off = offsetof(struct sockaddr_un, sun_path);

	a[0] = '\0';
	switch (u.sa.sa_family) {
	case AF_UNIX:
		if (n <= off)
			break; /* unnamed */
		if (u.un.sun_path[0] == '\0') {
			/* abstract: every byte of the name counts, NULs included */
			u.un.sun_path[0] = '@';
			jaddr = u.un.sun_path, jlen = n - off;
		} else {
			jaddr = u.un.sun_path, jlen = strnlen(u.un.sun_path, n - off);
		}
		sc_strbuf_putc(&t, '"');
		escape(&t, jaddr, jlen);
		sc_strbuf_putc(&t, '"');
		break;
	case AF_INET:
		if (n < sizeof(u.in) || !inet_ntop(AF_INET, &u.in.sin_addr, ip, sizeof(ip)))
			break;
		snprintf(a, sizeof(a), "%s:%u", ip, ntohs(u.in.sin_port));
		break;
	case AF_INET6:
		if (n < sizeof(u.in6) || !inet_ntop(AF_INET6, &u.in6.sin6_addr, ip, sizeof(ip)))
			break;
		snprintf(a, sizeof(a), "[%s]:%u", ip, ntohs(u.in6.sin6_port));
		break;
	case AF_NETLINK:
		if (n < sizeof(u.nl))
			break;
		snprintf(a, sizeof(a), "pid=%u, groups=0x%08x", u.nl.nl_pid, u.nl.nl_groups);
		break;
	}
	if (a[0]) {
		sc_strbuf_puts(&t, a);
		jaddr = a, jlen = strlen(a);
	}
	if (fam)
		TX(c, "{%s", fam);
	else
		TX(c, "{sa_family=%u", u.sa.sa_family);
	if (t.data)
		TX(c, ", %s", t.data);
	TX(c, "}");
	if (fam)
		jstr(c, "family", fam);
	else
		jint(c, "family", u.sa.sa_family);
	if (jaddr)
		jbytes(c, "addr", jaddr, jlen);
	sc_strbuf_free(&t);
}

/* quotactl's QCMD(cmd, type). */
static void put_quotacmd(struct dctx *c, uint32_t v)
{
	struct sc_strbuf b = {0};
	const char *cmd = lookup(sb_f_quota_cmd.field, sb_f_quota_cmd.nfield, v >> SUBCMDSHIFT);
	const char *type = lookup(sb_f_quota_type.field, sb_f_quota_type.nfield, v & SUBCMDMASK);

	sc_strbuf_puts(&b, "QCMD(");
	if (cmd)
		sc_strbuf_puts(&b, cmd);
	else
		sc_strbuf_printf(&b, "0x%x", v >> SUBCMDSHIFT);
	if (type)
		sc_strbuf_printf(&b, ", %s)", type);
	else
		sc_strbuf_printf(&b, ", %u)", v & SUBCMDMASK);
	if (b.data) {
		TX(c, "%s", b.data);
		jstr(c, "name", b.data);
	}
	sc_strbuf_free(&b);
}

static void put_mknod_mode(struct dctx *c, uint32_t v)
{
	char buf[64];
	const char *type = lookup(sb_f_file_type.field, sb_f_file_type.nfield, v & S_IFMT);

	if (type)
		snprintf(buf, sizeof(buf), "%s|%#03o", type, v & ~S_IFMT);
	else if (v & S_IFMT)
		snprintf(buf, sizeof(buf), "0x%x|%#03o", v & S_IFMT, v & ~S_IFMT);
	else
		snprintf(buf, sizeof(buf), "%#03o", v);
	TX(c, "%s", buf);
	jstr(c, "mode", buf);
}

static void put_personality(struct dctx *c, uint32_t v)
{
	if (v == 0xffffffff) {
		/* personality(0xffffffff) only asks for the current one */
		TX(c, "0xffffffff /* query */");
		return;
	}
	put_flags(c, &sb_f_personality, v, "");
}

static void put_enum(struct dctx *c, const struct sb_kind_desc *k, uint64_t v)
{
	const char *n = lookup(k->tbl->field, k->tbl->nfield, v);

	if (n) {
		TX(c, "%s", n);
		jstr(c, "name", n);
	} else if (k->int32 && !k->hex) {
		TX(c, "%d", (int32_t)v);
		jint(c, "int", (int32_t)v);
	} else {
		put_hex(c, v);
	}
}

static void put_special(struct dctx *c, enum sb_kind kind, unsigned i, uint64_t v)
{
	uint64_t next = i + 1 < 6 ? c->a[i + 1] : 0;

	switch (kind) {
	case K_OMODE:
		/* the mode means nothing unless the flags create a file */
		if (i > 0 && (c->a[i - 1] & (O_CREAT | __O_TMPFILE)))
			put_mode(c, (uint32_t)v);
		break;
	case K_CLONE_FLAGS: put_clone_flags(c, v); break;
	case K_ELLIPSIS: TX(c, "..."); break;
	case K_PERSONALITY: put_personality(c, (uint32_t)v); break;
	case K_REBOOT_ARG:
		if ((uint32_t)c->a[2] == LINUX_REBOOT_CMD_RESTART2)
			put_string(c, v, "string");
		else
			put_ptr(c, v);
		break;
	case K_SOCKADDR: put_sockaddr(c, v, (uint32_t)next); break;
	case K_STRLEN: put_strlen(c, v, next); break;
	case K_TIMESPEC: put_timespec(c, v); break;
	case K_ARGV: put_argv(c, v); break;
	case K_OPEN_HOW: put_open_how(c, v); break;
	case K_CLONE_ARGS: put_clone_args(c, v); break;
	case K_QUOTACMD: put_quotacmd(c, (uint32_t)v); break;
	case K_MKNOD_MODE: put_mknod_mode(c, (uint32_t)v); break;
	case K_DEV:
		if (v)
			TX(c, "makedev(0x%x, 0x%x)", major((uint32_t)v), minor((uint32_t)v));
		else
			TX(c, "0");
		break;
	default: put_hex(c, v); break;
	}
}

static void decode_arg(struct dctx *c, enum sb_kind kind, unsigned i)
{
	const struct sb_kind_desc *k = &sb_kinds[kind];
	uint64_t v = k->int32 ? (uint32_t)c->a[i] : c->a[i];

	switch (k->base) {
	case B_HEX: put_hex(c, v); break;
	case B_PTR: put_ptr(c, v); break;
	case B_INT:
		TX(c, "%d", (int32_t)v);
		jint(c, "int", (int32_t)v);
		break;
	case B_UINT:
		TX(c, "%u", (uint32_t)v);
		jint(c, "int", (uint32_t)v);
		break;
	case B_LONG: {
		int64_t x = c->is32 ? (int32_t)v : (int64_t)v;

		TX(c, "%" PRId64, x);
		jint(c, "int", x);
		break;
	}
	case B_ULONG:
		TX(c, "%" PRIu64, v);
		if (c->json)
			sc_strbuf_printf(c->json, ",\"int\":%" PRIu64, v);
		break;
	case B_DIRFD:
		if ((int32_t)v == AT_FDCWD) {
			TX(c, "AT_FDCWD");
			jstr(c, "name", "AT_FDCWD");
			jint(c, "int", AT_FDCWD);
			break;
		}
		put_fd(c, (int32_t)v);
		break;
	case B_FD: put_fd(c, (int32_t)v); break;
	case B_PATH: put_string(c, v, "path"); break;
	case B_STR: put_string(c, v, "string"); break;
	case B_MODE: put_mode(c, (uint32_t)v); break;
	case B_ID:
		if ((uint32_t)v == UINT32_MAX) {
			TX(c, "-1");
			jint(c, "int", -1);
		} else {
			TX(c, "%u", (uint32_t)v);
			jint(c, "int", (uint32_t)v);
		}
		break;
	case B_FLAGS: put_flags(c, k->tbl, v, ""); break;
	case B_ENUM: put_enum(c, k, v); break;
	case B_SIGNAL: put_signal(c, (int32_t)v); break;
	default: put_special(c, kind, i, v); break;
	}
}

/* Whether an argument shows in the text: open's mode only when the flags
 * create a file (open(2)); after clone's flags one "..." stands for the
 * rest. */
static bool text_visible(const struct dctx *c, enum sb_kind kind, unsigned i, bool *ellipsis)
{
	switch (kind) {
	case K_OMODE: return i > 0 && (c->a[i - 1] & (O_CREAT | __O_TMPFILE));
	case K_ELLIPSIS:
		if (*ellipsis)
			return false;
		*ellipsis = true;
		return true;
	default: return true;
	}
}

int sb_decode_call(const struct arch_info *abi, const char *name, const uint64_t args[6], pid_t pid,
		   const struct sb_mem *mem, struct sc_strbuf *text, struct sc_strbuf *json)
{
	/* i386's "mmap" is old_mmap(struct mmap_arg_struct *); mmap2 is the
	 * six-argument one. */
	static const struct sb_call old_mmap = {"mmap", 1, {K_PTR}};
	struct dctx c = {.abi = abi, .name = name, .pid = pid, .mem = mem, .json = json};
	const struct sb_call *call;
	unsigned nargs, shown = 0;
	bool ellipsis = false;

	if (!abi || !name || !args)
		return -EINVAL;
	c.is32 = abi->bits == 32;
	for (unsigned i = 0; i < 6; i++)
		c.a[i] = c.is32 ? (uint32_t)args[i] : args[i];
	call = sb_call_find(name);
	if (call && abi->token == AUDIT_ARCH_I386 && strcmp(name, "mmap") == 0)
		call = &old_mmap;
	nargs = call ? call->nargs : 6;

	if (text) {
		sc_strbuf_puts(text, name);
		sc_strbuf_putc(text, '(');
	}
	if (json) {
		sc_strbuf_puts(json, "{\"name\":");
		sc_strbuf_json_string(json, name, strlen(name));
		sc_strbuf_puts(json, ",\"args\":[");
	}
	for (unsigned i = 0; i < nargs; i++) {
		enum sb_kind kind = call ? (enum sb_kind)call->kind[i] : K_HEX;
		bool visible = text && text_visible(&c, kind, i, &ellipsis);

		c.text = visible ? text : NULL;
		if (visible && shown++)
			sc_strbuf_puts(text, ", ");
		if (json)
			sc_strbuf_printf(json, "%s{\"raw\":\"0x%" PRIx64 "\"", i ? "," : "",
					 c.a[i]);
		decode_arg(&c, kind, i);
		if (json)
			sc_strbuf_putc(json, '}');
	}
	if (text)
		sc_strbuf_putc(text, ')');
	if (json)
		sc_strbuf_puts(json, "]}");
	if ((text && sc_strbuf_failed(text)) || (json && sc_strbuf_failed(json)))
		return -ENOMEM;
	return 0;
}
