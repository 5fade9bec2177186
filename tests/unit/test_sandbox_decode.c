/* sandbox/decode: calls and their expected text and JSON, as a table, over a
 * fake tracee memory (addresses are offsets into a buffer of two pages; the
 * rest is unmapped), plus the live reader on this process. */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json/json.h"
#include "sandbox/decode.h"
#include "util/cleanup.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The fake tracee: [0, size) readable, nothing else.  Like a single
 * process_vm_readv iovec it refuses a read that runs off the end instead of
 * returning part of it, so only page-at-a-time reading gets the bytes before
 * an unmapped page; and it notes any request that crosses a page. */
struct fake_mem {
	char *buf;
	size_t size, page;
	bool crossed;
};
static struct fake_mem fake;

static ssize_t fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct fake_mem *m = ctx;

	if (addr >= m->size || len > m->size - addr)
		return -EFAULT;
	if (len && addr / m->page != (addr + len - 1) / m->page)
		m->crossed = true;
	memcpy(buf, m->buf + addr, len);
	return (ssize_t)len;
}

static const struct sb_mem fake_sb_mem = {fake_read, &fake};

/* Where things live in the fake memory. */
enum {
	A_TMPFS = 0x100,
	A_MNT = 0x120,
	A_SHADOW = 0x140,
	A_UNIX = 0x400,
	A_ABSTRACT = 0x500,
	A_INET = 0x600,
	A_INET6 = 0x640,
	A_NETLINK = 0x6a0,
	A_HOW = 0x700,
	A_CLONE_ARGS = 0x740,
	A_TS64 = 0x7a0,
	A_TS32 = 0x7c0,
	A_ARGV64 = 0x800,
	A_ARGV32 = 0x880,
	A_SH = 0x900,
	A_DASH_C = 0x910,
	A_SCRIPT = 0x920,
	A_BINSH = 0x980,
	A_NOT_UTF8 = 0xa00,
	A_UTF8 = 0xa40,
	A_LONG = 0xb00,
	A_HOSTNAME = 0xc00,
	A_USER = 0xc40,
	A_DESC = 0xc60,
};
/* The layout assumes 4 KiB pages (checked in fake_init): two of them are
 * readable.  Near the end: "abc" NUL-terminated 8 bytes before it, then
 * "wxyz" with its last byte the last readable one. */
#define FAKE_PAGE 0x1000
#define FAKE_SIZE (2 * FAKE_PAGE)
#define A_ABC	  (FAKE_SIZE - 8)
#define A_WXYZ	  (FAKE_SIZE - 4)
#define A_UNREAD  (FAKE_SIZE + 0x10)

static void put(size_t off, const void *p, size_t n)
{
	assert_true(off + n <= fake.size);
	memcpy(fake.buf + off, p, n);
}

static void put_str(size_t off, const char *s)
{
	put(off, s, strlen(s) + 1);
}

static void fake_init(void)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(53)};
	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(443)};
	struct sockaddr_nl nl = {.nl_family = AF_NETLINK, .nl_groups = 1};
	struct open_how how = {.flags = O_RDONLY | O_CLOEXEC,
			       .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH};
	struct clone_args ca = {.flags = CLONE_NEWNS | CLONE_NEWPID, .exit_signal = SIGCHLD};
	int64_t ts64[2] = {1, 500000000};
	int32_t ts32[2] = {2, 5};
	uint64_t argv64[] = {A_SH, A_DASH_C, A_SCRIPT, 0};
	uint32_t argv32[] = {A_SH, A_DASH_C, 0};
	char longs[301];

	if (sysconf(_SC_PAGESIZE) != FAKE_PAGE) {
		printf("1..0 # SKIP the fake memory's layout assumes 4 KiB pages\n");
		exit(0);
	}
	fake.page = FAKE_PAGE;
	fake.size = FAKE_SIZE;
	fake.buf = calloc(1, fake.size);
	assert_non_null(fake.buf);
	put_str(A_TMPFS, "tmpfs");
	put_str(A_MNT, "/mnt");
	put_str(A_SHADOW, "/etc/shadow");
	strcpy(un.sun_path, "/run/x.sock");
	put(A_UNIX, &un, sizeof(un));
	memcpy(un.sun_path, "\0name", 5);
	put(A_ABSTRACT, &un, sizeof(un));
	in.sin_addr.s_addr = htonl(0x0a000001);
	put(A_INET, &in, sizeof(in));
	in6.sin6_addr = in6addr_loopback;
	put(A_INET6, &in6, sizeof(in6));
	put(A_NETLINK, &nl, sizeof(nl));
	put(A_HOW, &how, sizeof(how));
	put(A_CLONE_ARGS, &ca, sizeof(ca));
	put(A_TS64, ts64, sizeof(ts64));
	put(A_TS32, ts32, sizeof(ts32));
	put(A_ARGV64, argv64, sizeof(argv64));
	put(A_ARGV32, argv32, sizeof(argv32));
	put_str(A_SH, "sh");
	put_str(A_DASH_C, "-c");
	put_str(A_SCRIPT, "echo \"hi\"\n");
	put_str(A_BINSH, "/bin/sh");
	put_str(A_NOT_UTF8, "\xff\xfe"
			    "bad");
	put_str(A_UTF8, "h\xc3\xa9llo");
	memset(longs, 'a', 300);
	longs[300] = '\0';
	put_str(A_LONG, longs);
	put(A_HOSTNAME, "box1", 4);
	put_str(A_USER, "user");
	put_str(A_DESC, "desc");
	put_str(A_ABC, "abc");
	put(A_WXYZ, "wxyz", 4);
}

/* Decode with the fake memory; the JSON must parse. */
static void decode(const char *arch, const char *name, const uint64_t args[6], pid_t pid,
		   const struct sb_mem *mem, struct sc_strbuf *text, struct sc_strbuf *json)
{
	const struct arch_info *abi = arch_lookup(arch);
	struct json_doc *doc = NULL;
	struct sc_error err = {0};

	assert_non_null(abi);
	assert_int_equal(sb_decode_call(abi, name, args, pid, mem, text, json), 0);
	assert_non_null(text->data);
	assert_non_null(json->data);
	if (json_parse(json->data, json->len, NULL, &doc, &err) != 0)
		fail_msg("bad JSON for %s: %s\n%s", text->data, err.msg, json->data);
	json_doc_free(doc);
}

struct dcase {
	const char *arch;
	const char *name;
	uint64_t args[6];
	const char *text; /* exact */
	const char *json; /* a part the JSON must contain (NULL: only that it parses) */
};

#define FDCWD64 ((uint64_t)-100)
#define X86_64	"x86_64"
#define I386	"x86"

static const struct dcase cases[] = {
    /* the brief's examples */
    {X86_64,
     "mount",
     {A_TMPFS, A_MNT, A_TMPFS, 0x6, 0},
     "mount(\"tmpfs\", \"/mnt\", \"tmpfs\", MS_NOSUID|MS_NODEV, NULL)",
     "{\"name\":\"mount\",\"args\":[{\"raw\":\"0x100\",\"string\":\"tmpfs\"},{\"raw\":\"0x120\","
     "\"path\":\"/mnt\"},{\"raw\":\"0x100\",\"string\":\"tmpfs\"},{\"raw\":\"0x6\",\"flags\":"
     "\"MS_NOSUID|MS_NODEV\"},{\"raw\":\"0x0\"}]}"},
    {X86_64,
     "openat",
     {FDCWD64, A_SHADOW, 02000000, 0777},
     "openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY|O_CLOEXEC)",
     "[{\"raw\":\"0xffffffffffffff9c\",\"name\":\"AT_FDCWD\",\"int\":-100},{\"raw\":"
     "\"0x140\",\"path\":\"/etc/shadow\"},{\"raw\":\"0x80000\",\"flags\":\"O_RDONLY|O_CLOEXEC\"},"
     "{\"raw\":\"0x1ff\"}]"},
    {X86_64,
     "socket",
     {AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0},
     "socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, 0)",
     "\"flags\":\"SOCK_RAW|SOCK_CLOEXEC\""},
    {X86_64,
     "clone",
     {CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0x7f00},
     "clone(flags=CLONE_NEWNS|CLONE_NEWPID|SIGCHLD, ...)",
     "{\"raw\":\"0x7f00\"}]}"},
    {X86_64,
     "write",
     {3, 0x7ffd1000, 12},
     "write(3, 0x7ffd1000, 12)",
     "[{\"raw\":\"0x3\",\"int\":3},{\"raw\":\"0x7ffd1000\"},{\"raw\":\"0xc\",\"int\":12}]"},
    {X86_64,
     "reboot",
     {0xfee1dead, 672274793, 0x01234567, 0},
     "reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART, NULL)",
     "\"name\":\"LINUX_REBOOT_CMD_RESTART\""},
    {X86_64, "kill", {1234, SIGTERM}, "kill(1234, SIGTERM)", "\"signal\":\"SIGTERM\""},
    /* open flags: mode only when creating; unknown bits in hex */
    {X86_64,
     "openat",
     {FDCWD64, A_SHADOW, O_WRONLY | O_CREAT | O_TRUNC, 0644},
     "openat(AT_FDCWD, \"/etc/shadow\", O_WRONLY|O_CREAT|O_TRUNC, 0644)",
     "\"mode\":\"0644\""},
    {X86_64, "open", {A_MNT, 0x80000000}, "open(\"/mnt\", O_RDONLY|0x80000000)", NULL},
    {X86_64,
     "open",
     {A_MNT, O_RDWR | O_TMPFILE, 0600},
     "open(\"/mnt\", O_RDWR|O_TMPFILE, 0600)",
     NULL},
    {X86_64, "creat", {A_MNT, 0644}, "creat(\"/mnt\", 0644)", NULL},
    /* 0x200 is AT_REMOVEDIR for unlinkat, AT_EACCESS for faccessat2 */
    {X86_64,
     "unlinkat",
     {FDCWD64, A_MNT, 0x200},
     "unlinkat(AT_FDCWD, \"/mnt\", AT_REMOVEDIR)",
     NULL},
    {X86_64,
     "faccessat2",
     {FDCWD64, A_MNT, R_OK | W_OK, 0x200},
     "faccessat2(AT_FDCWD, \"/mnt\", R_OK|W_OK, AT_EACCESS)",
     NULL},
    {X86_64, "access", {A_MNT, 0}, "access(\"/mnt\", F_OK)", NULL},
    {X86_64, "umount2", {A_MNT, 2}, "umount2(\"/mnt\", MNT_DETACH)", NULL},
    {X86_64,
     "unshare",
     {CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWTIME},
     "unshare(CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWUSER)",
     NULL},
    {X86_64, "setns", {5, CLONE_NEWNET}, "setns(5, CLONE_NEWNET)", NULL},
    {X86_64,
     "renameat2",
     {FDCWD64, A_MNT, 7, A_SHADOW, 1},
     "renameat2(AT_FDCWD, \"/mnt\", 7, \"/etc/shadow\", RENAME_NOREPLACE)",
     NULL},
    {X86_64, "chmod", {A_MNT, 04755}, "chmod(\"/mnt\", 04755)", "\"mode\":\"04755\""},
    {X86_64,
     "mknod",
     {A_MNT, 0020600, 0x103},
     "mknod(\"/mnt\", S_IFCHR|0600, makedev(0x1, 0x3))",
     "\"mode\":\"S_IFCHR|0600\""},
    {X86_64, "setresuid", {0xffffffff, 1000, (uint64_t)-1}, "setresuid(-1, 1000, -1)", NULL},
    {X86_64,
     "fchownat",
     {FDCWD64, A_MNT, 0, 0, 0x100},
     "fchownat(AT_FDCWD, \"/mnt\", 0, 0, AT_SYMLINK_NOFOLLOW)",
     NULL},
    /* sockaddrs */
    {X86_64,
     "connect",
     {3, A_UNIX, 110},
     "connect(3, {AF_UNIX, \"/run/x.sock\"}, 110)",
     "\"family\":\"AF_UNIX\",\"addr\":\"/run/x.sock\""},
    {X86_64,
     "bind",
     {3, A_ABSTRACT, 2 + 5},
     "bind(3, {AF_UNIX, \"@name\"}, 7)",
     "\"addr\":\"@name\""},
    {X86_64,
     "connect",
     {3, A_INET, 16},
     "connect(3, {AF_INET, 10.0.0.1:53}, 16)",
     "\"addr\":\"10.0.0.1:53\""},
    {X86_64, "connect", {3, A_INET6, 28}, "connect(3, {AF_INET6, [::1]:443}, 28)", NULL},
    {X86_64,
     "bind",
     {3, A_NETLINK, 12},
     "bind(3, {AF_NETLINK, pid=0, groups=0x00000001}, 12)",
     NULL},
    {X86_64, "connect", {3, A_UNREAD, 16}, "connect(3, 0x2010, 16)", NULL},
    /* structures read from memory */
    {X86_64,
     "openat2",
     {FDCWD64, A_SHADOW, A_HOW, 24},
     "openat2(AT_FDCWD, \"/etc/shadow\", {flags=O_RDONLY|O_CLOEXEC, mode=000, "
     "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24)",
     "\"flags\":\"O_RDONLY|O_CLOEXEC\""},
    {X86_64,
     "clone3",
     {A_CLONE_ARGS, 88},
     "clone3({flags=CLONE_NEWNS|CLONE_NEWPID, exit_signal=SIGCHLD}, 88)",
     "\"flags\":\"CLONE_NEWNS|CLONE_NEWPID\""},
    {X86_64,
     "clock_nanosleep",
     {CLOCK_MONOTONIC, 1, A_TS64, 0},
     "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=1, tv_nsec=500000000}, NULL)",
     "\"struct\":\"{tv_sec=1, tv_nsec=500000000}\""},
    {X86_64,
     "execve",
     {A_BINSH, A_ARGV64, 0},
     "execve(\"/bin/sh\", [\"sh\", \"-c\", \"echo \\\"hi\\\"\\x0a\"], NULL)",
     "\"argv\":[\"sh\",\"-c\",\"echo \\\"hi\\\"\\n\"]"},
    {X86_64, "execve", {A_BINSH, A_UNREAD, 0}, "execve(\"/bin/sh\", 0x2010, NULL)", NULL},
    {X86_64,
     "execveat",
     {3, A_BINSH, A_ARGV64 + 24, 0, 0x1000},
     "execveat(3, \"/bin/sh\", [], NULL, AT_EMPTY_PATH)",
     "\"argv\":[]"},
    {X86_64, "sethostname", {A_HOSTNAME, 4}, "sethostname(\"box1\", 4)", "\"string\":\"box1\""},
    {X86_64,
     "add_key",
     {A_USER, A_DESC, 0x1000, 5, (uint32_t)-3},
     "add_key(\"user\", \"desc\", 0x1000, 5, KEY_SPEC_SESSION_KEYRING)",
     NULL},
    /* enums and flags */
    {X86_64,
     "prctl",
     {38, 1},
     "prctl(PR_SET_NO_NEW_PRIVS, 0x1, 0, 0, 0)",
     "\"name\":\"PR_SET_NO_NEW_PRIVS\""},
    {X86_64, "personality", {0x0040000}, "personality(PER_LINUX|ADDR_NO_RANDOMIZE)", NULL},
    {X86_64, "personality", {0xffffffff}, "personality(0xffffffff /* query */)", NULL},
    {X86_64, "ptrace", {16, 1234}, "ptrace(PTRACE_ATTACH, 1234, NULL, 0)", NULL},
    {X86_64, "kill", {(uint64_t)-1, 34}, "kill(-1, SIGRT_2)", NULL},
    {X86_64, "tgkill", {10, 11, 99}, "tgkill(10, 11, 99)", NULL},
    {X86_64,
     "mmap",
     {0, 4096, 3, 0x22, (uint64_t)-1, 0},
     "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)",
     NULL},
    {X86_64, "mprotect", {0x1000, 4096, 0}, "mprotect(0x1000, 4096, PROT_NONE)", NULL},
    {X86_64,
     "keyctl",
     {0, (uint32_t)-3, 0, 0, 0},
     "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0)",
     NULL},
    {X86_64, "bpf", {5, 0x1000, 128}, "bpf(BPF_PROG_LOAD, 0x1000, 128)", NULL},
    {X86_64, "syslog", {3, 0x1000, 4096}, "syslog(SYSLOG_ACTION_READ_ALL, 0x1000, 4096)", NULL},
    {X86_64,
     "seccomp",
     {1, 8, 0x1000},
     "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, 0x1000)",
     NULL},
    {X86_64,
     "quotactl",
     {0x80000201, A_MNT, 0, 0},
     "quotactl(QCMD(Q_QUOTAON, GRPQUOTA), \"/mnt\", 0, NULL)",
     NULL},
    {X86_64, "ioctl", {0, 0x5413, 0x1000}, "ioctl(0, TIOCGWINSZ, 0x1000)", NULL},
    {X86_64, "ioctl", {0, 0xc0186201, 0}, "ioctl(0, 0xc0186201, 0)", NULL},
    {X86_64,
     "finit_module",
     {3, A_TMPFS, 3},
     "finit_module(3, \"tmpfs\", MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC)",
     NULL},
    {X86_64,
     "clock_settime",
     {(uint64_t)-6, A_TS64},
     "clock_settime(-6, {tv_sec=1, tv_nsec=500000000})",
     NULL},
    /* unknown calls: six raw args; known ones without arguments: none */
    {X86_64,
     "frobnicate",
     {1, 0, 2, 3, 4, 0xffffffffffffffff},
     "frobnicate(0x1, 0, 0x2, 0x3, 0x4, 0xffffffffffffffff)",
     NULL},
    {X86_64, "getpid", {7, 7, 7, 7, 7, 7}, "getpid()", "\"args\":[]"},
    /* strings: the cap, memory's end, unreadable, not UTF-8 */
    {X86_64, "chdir", {A_ABC}, "chdir(\"abc\")", NULL},
    {X86_64, "chdir", {A_WXYZ}, "chdir(\"wxyz\"...)", "\"path\":\"wxyz\",\"truncated\":true"},
    {X86_64, "chdir", {A_UNREAD}, "chdir(0x2010)", "[{\"raw\":\"0x2010\"}]"},
    {X86_64,
     "chdir",
     {A_NOT_UTF8},
     "chdir(\"\\xff\\xfebad\")",
     "\"path\":\"\\\\xff\\\\xfebad\",\"escaped\":true"},
    {X86_64, "chdir", {A_UTF8}, "chdir(\"h\\xc3\\xa9llo\")", "\"path\":\"h\xc3\xa9llo\"}"},
    /* i386: only the low 32 bits count */
    {I386,
     "write",
     {0xdeadbeef00000003, 0xffffffff00001000, 0x100000000c},
     "write(3, 0x1000, 12)",
     "{\"raw\":\"0xc\",\"int\":12}"},
    {I386,
     "openat",
     {0x12345678ffffff9c, 0xffffffff00000000 | A_SHADOW, 0x100000000},
     "openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY)",
     "{\"raw\":\"0xffffff9c\",\"name\":\"AT_FDCWD\""},
    {I386, "kill", {0x00000001fffffffe, 0x10000000f}, "kill(-2, SIGTERM)", NULL},
    {I386, "execve", {A_BINSH, A_ARGV32, 0}, "execve(\"/bin/sh\", [\"sh\", \"-c\"], NULL)", NULL},
    {I386, "nanosleep", {A_TS32, 0}, "nanosleep({tv_sec=2, tv_nsec=5}, NULL)", NULL},
    {I386,
     "clock_nanosleep_time64",
     {0, 0, A_TS64, 0},
     "clock_nanosleep_time64(CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=500000000}, NULL)",
     NULL},
    {I386, "mmap", {0x1000, 1, 2, 3, 4, 5}, "mmap(0x1000)", NULL},
    {I386,
     "frobnicate",
     {0xffffffffffffffff, 0, 0, 0, 0, 0x100000000},
     "frobnicate(0xffffffff, 0, 0, 0, 0, 0)",
     NULL},
};

static void decode_table(void **state)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(cases); i++) {
		const struct dcase *c = &cases[i];
		struct sc_strbuf text = {0}, json = {0};

		decode(c->arch, c->name, c->args, 0, &fake_sb_mem, &text, &json);
		if (strcmp(text.data, c->text) != 0)
			fail_msg("case %zu: got\n  %s\nwant\n  %s", i, text.data, c->text);
		if (c->json && !strstr(json.data, c->json))
			fail_msg("case %zu (%s): JSON\n  %s\nlacks\n  %s", i, c->text, json.data,
				 c->json);
		sc_strbuf_free(&text);
		sc_strbuf_free(&json);
	}
	/* nothing above asked the fake for bytes across a page */
	assert_false(fake.crossed);
}

static void long_string_is_cut(void **state)
{
	const uint64_t args[6] = {A_LONG};
	struct sc_strbuf text = {0}, json = {0};
	char want[SB_STR_MAX + 32];

	decode(X86_64, "chroot", args, 0, &fake_sb_mem, &text, &json);
	memcpy(want, "chroot(\"", 8);
	memset(want + 8, 'a', SB_STR_MAX);
	strcpy(want + 8 + SB_STR_MAX, "\"...)");
	assert_string_equal(text.data, want);
	assert_non_null(strstr(json.data, "\"truncated\":true"));
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
}

static void no_memory_prints_pointers(void **state)
{
	const uint64_t args[6] = {A_TMPFS, A_MNT, A_TMPFS, 0, 0};
	struct sc_strbuf text = {0}, json = {0};

	decode(X86_64, "mount", args, 0, NULL, &text, &json);
	assert_string_equal(text.data, "mount(0x100, 0x120, 0x100, 0, NULL)");
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
}

static void either_output_may_be_null(void **state)
{
	const uint64_t args[6] = {1234, SIGKILL};
	const struct arch_info *abi = arch_lookup("x86_64");
	struct sc_strbuf text = {0}, json = {0};

	assert_int_equal(sb_decode_call(abi, "kill", args, 0, NULL, &text, NULL), 0);
	assert_string_equal(text.data, "kill(1234, SIGKILL)");
	assert_int_equal(sb_decode_call(abi, "kill", args, 0, NULL, NULL, &json), 0);
	assert_string_equal(json.data,
			    "{\"name\":\"kill\",\"args\":[{\"raw\":\"0x4d2\",\"int\":1234},"
			    "{\"raw\":\"0x9\",\"signal\":\"SIGKILL\"}]}");
	assert_int_equal(sb_decode_call(NULL, "kill", args, 0, NULL, &text, NULL), -EINVAL);
	assert_int_equal(sb_decode_call(abi, NULL, args, 0, NULL, &text, NULL), -EINVAL);
	assert_int_equal(sb_decode_call(abi, "kill", NULL, 0, NULL, &text, NULL), -EINVAL);
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
}

/* The live reader on this very process: a string on our stack, an fd's path
 * through /proc/self/fd (our pid), and an unmapped page. */
static void live_process(void **state)
{
	char local[] = "/srv/live string";
	char buf[sizeof(local)];
	void *self = (void *)(intptr_t)getpid();
	const struct sb_mem mem = {sb_mem_read_process, self};
	char tmpl[] = "/tmp/sb-decode-XXXXXX";
	_cleanup_close_ int fd = mkstemp(tmpl);
	struct sc_strbuf text = {0}, json = {0};
	char want[128];

	assert_true(fd >= 0);
	assert_int_equal(sb_mem_read_process(self, (uintptr_t)local, buf, sizeof(buf)),
			 sizeof(buf));
	assert_string_equal(buf, local);
	assert_true(sb_mem_read_process(self, 8, buf, 4) < 0);

	uint64_t chdir_args[6] = {(uintptr_t)local};

	decode(X86_64, "chdir", chdir_args, getpid(), &mem, &text, &json);
	assert_string_equal(text.data, "chdir(\"/srv/live string\")");
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);

	uint64_t write_args[6] = {(uint64_t)fd, (uintptr_t)local, 5};

	decode(X86_64, "write", write_args, getpid(), &mem, &text, &json);
	snprintf(want, sizeof(want), "write(%d<%s>, 0x%" PRIxPTR ", 5)", fd, tmpl,
		 (uintptr_t)local);
	assert_string_equal(text.data, want);
	snprintf(want, sizeof(want), "\"int\":%d,\"fd_path\":\"%s\"", fd, tmpl);
	assert_non_null(strstr(json.data, want));
	unlink(tmpl);
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
}

/* Without process_vm_readv (seccomp makes it fail with ENOSYS, as on a
 * kernel without CONFIG_CROSS_MEMORY_ATTACH) the reader falls back to
 * /proc/PID/mem.  In a child, so the filter stays there. */
static void live_process_without_cma(void **state)
{
	char local[] = "read through /proc/PID/mem";
	pid_t child = fork();
	int status;

	assert_true(child >= 0);
	if (child == 0) {
		char buf[sizeof(local)];
		struct iovec io = {buf, sizeof(buf)}, rio = {local, sizeof(local)};
		scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);
		void *self = (void *)(intptr_t)getpid();

		if (!f ||
		    seccomp_rule_add(f, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(process_vm_readv), 0) ||
		    seccomp_load(f))
			_exit(2);
		/* the injected fault is really there */
		if (process_vm_readv(getpid(), &io, 1, &rio, 1, 0) != -1 || errno != ENOSYS)
			_exit(3);
		if (sb_mem_read_process(self, (uintptr_t)local, buf, sizeof(buf)) !=
			(ssize_t)sizeof(buf) ||
		    memcmp(buf, local, sizeof(buf)) != 0)
			_exit(4);
		_exit(0);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decode_table),
	    cmocka_unit_test(long_string_is_cut),
	    cmocka_unit_test(no_memory_prints_pointers),
	    cmocka_unit_test(either_output_may_be_null),
	    cmocka_unit_test(live_process),
	    cmocka_unit_test(live_process_without_cma),
	};
	int rc;

	fake_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(fake.buf);
	return rc;
}
