/* seccompctl explain PROFILE SYSCALL [ARG...]: what the filter runc would
 * load answers one call, which entry of the profile decided it (JSON path and
 * file:line:col), and, as a cross-check, what the compiled program answers
 * when the emulator runs it over the same seccomp_data.  The two come from
 * different code (bpf_decide reads the model, the program is generated from
 * it), so a disagreement is a bug of ours and is reported as one. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/socket.h>

#include "bpf/bpf.h"
#include "cli/cli.h"
#include "cli/render.h"
#include "profile/builtin.h"
#include "profile/profile.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

#define CMD	 "explain"
#define MAX_ARGS 6
#define MAX_CAPS 64

/* AUDIT_ARCH_* bit for 64-bit ABIs (include/uapi/linux/audit.h). */
#define AUDIT_ARCH_64BIT_FLAG 0x80000000u
/* x32 calls carry this bit in seccomp_data.nr and report AUDIT_ARCH_X86_64. */
#define X32_BIT 0x40000000u

/* Constant names an ARG may use, the ones the lab's questions need: the
 * values are the system headers' (glibc and linux/), never typed in. */
struct named_const {
	const char *name;
	uint64_t value;
};
#define K(c)                                                                                       \
	{                                                                                          \
#c, (uint64_t)(c)                                                                  \
	}
static const struct named_const consts[] = {
    /* clone(2), unshare(2), setns(2) */
    K(CLONE_NEWNS),
    K(CLONE_NEWCGROUP),
    K(CLONE_NEWUTS),
    K(CLONE_NEWIPC),
    K(CLONE_NEWUSER),
    K(CLONE_NEWPID),
    K(CLONE_NEWNET),
    K(CLONE_VM),
    K(CLONE_FS),
    K(CLONE_FILES),
    K(CLONE_SIGHAND),
    K(CLONE_THREAD),
    K(CLONE_SYSVSEM),
    K(CLONE_SETTLS),
    K(CLONE_PARENT_SETTID),
    K(CLONE_CHILD_CLEARTID),
    K(CLONE_CHILD_SETTID),
    K(CLONE_VFORK),
    K(SIGCHLD),
    /* socket(2) */
    K(AF_UNIX),
    K(AF_INET),
    K(AF_INET6),
    K(AF_NETLINK),
    K(AF_PACKET),
    K(AF_VSOCK),
    K(AF_ALG),
    K(SOCK_STREAM),
    K(SOCK_DGRAM),
    K(SOCK_RAW),
    K(SOCK_SEQPACKET),
    K(SOCK_NONBLOCK),
    K(SOCK_CLOEXEC),
    K(NETLINK_ROUTE),
    K(NETLINK_AUDIT),
    /* mmap(2), mprotect(2) */
    K(PROT_NONE),
    K(PROT_READ),
    K(PROT_WRITE),
    K(PROT_EXEC),
    K(MAP_SHARED),
    K(MAP_PRIVATE),
    K(MAP_FIXED),
    K(MAP_ANONYMOUS),
    /* open(2), openat(2) */
    K(O_RDONLY),
    K(O_WRONLY),
    K(O_RDWR),
    K(O_CREAT),
    K(O_EXCL),
    K(O_TRUNC),
    K(O_APPEND),
    K(O_NONBLOCK),
    K(O_DIRECTORY),
    K(O_NOFOLLOW),
    K(O_CLOEXEC),
    K(O_PATH),
    K(O_TMPFILE),
    /* personality(2) */
    K(PER_LINUX),
    K(PER_LINUX32),
    K(UNAME26),
    K(ADDR_NO_RANDOMIZE),
    K(READ_IMPLIES_EXEC),
    K(ADDR_LIMIT_32BIT),
};
#undef K

/* Compat ABIs a host runs (and runc puts in its filter through archMap):
 * a call of one of these is resolved for the host, not for itself. */
static const struct {
	const char *host, *compat;
} compat_abis[] = {
    {"x86_64", "x86"},	     {"x86_64", "x32"},	     {"aarch64", "arm"},
    {"s390x", "s390"},	     {"ppc64", "ppc"},	     {"mips64", "mips"},
    {"mips64", "mips64n32"}, {"mipsel64", "mipsel"}, {"mipsel64", "mipsel64n32"},
    {"parisc64", "parisc"},
};

struct call {
	const struct arch_info *arch; /* the ABI of the call */
	const struct arch_info *host; /* the machine the filter is loaded on */
	const char *name;	      /* NULL when the number has no name there */
	uint32_t nr;		      /* as in seccomp_data.nr */
	uint64_t args[MAX_ARGS];
	const char *words[MAX_ARGS]; /* the ARG words as given */
	size_t n_args;
};

static bool is_number_word(const char *s)
{
	return (s[0] == '-' || s[0] == '+') ? s[1] >= '0' && s[1] <= '9'
					    : s[0] >= '0' && s[0] <= '9';
}

/* getopt_long would take an ARG such as "-1" for an option: put every
 * option (with its value) before a "--" and the operands after it, in
 * their order.  *out is malloc'd; its strings are argv's. */
static int split_operands(int argc, char **argv, const struct option *longopts, char ***out)
{
	char **v = calloc((size_t)argc + 2, sizeof(*v));
	char **ops = calloc((size_t)argc + 1, sizeof(*ops));
	int n = 0, k = 0;
	bool rest = false;

	if (!v || !ops) {
		free(v);
		free(ops);
		return -1;
	}
	v[n++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (rest || w[0] != '-' || w[1] == '\0' || is_number_word(w)) {
			ops[k++] = argv[i];
			continue;
		}
		if (strcmp(w, "--") == 0) {
			rest = true;
			continue;
		}
		v[n++] = argv[i];
		if (w[1] != '-' || strchr(w, '=') || i + 1 >= argc)
			continue;
		for (const struct option *o = longopts; o->name; o++)
			if (strcmp(o->name, w + 2) == 0 && o->has_arg == required_argument)
				v[n++] = argv[++i];
	}
	v[n++] = "--";
	for (int i = 0; i < k; i++)
		v[n++] = ops[i];
	free(ops);
	*out = v;
	return n;
}

/* A number: decimal, 0x hex, 0 octal; negative ones as 64-bit two's complement. */
static int parse_number(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	if (s[0] == '-') {
		long long v = strtoll(s, &end, 0);

		*out = (uint64_t)v;
	} else {
		if (s[0] == '+')
			s++;
		*out = strtoull(s, &end, 0);
	}
	return errno || end == s || *end ? -1 : 0;
}

/* ARG grammar: TERM ('|' TERM)*, TERM = number | constant name.  Spaces
 * around the terms are allowed ("CLONE_NEWUSER | SIGCHLD"). */
static int parse_arg(const struct cli *g, const char *word, uint64_t *out)
{
	_cleanup_free_ char *copy = strdup(word);
	uint64_t v = 0;

	if (!copy)
		return cli_usage_error(g, CMD, "out of memory");
	for (char *save = NULL, *tok = strtok_r(copy, "|", &save); tok;
	     tok = strtok_r(NULL, "|", &save)) {
		size_t n;
		uint64_t t;
		bool found = false;

		while (*tok == ' ' || *tok == '\t')
			tok++;
		n = strlen(tok);
		while (n && (tok[n - 1] == ' ' || tok[n - 1] == '\t'))
			tok[--n] = '\0';
		if (is_number_word(tok)) {
			if (parse_number(tok, &t) < 0)
				return cli_usage_error(
				    g, CMD, "argument '%s': '%s' is not a number", word, tok);
			v |= t;
			continue;
		}
		for (size_t i = 0; i < SC_ARRAY_SIZE(consts); i++) {
			if (strcmp(consts[i].name, tok) == 0) {
				v |= consts[i].value;
				found = true;
				break;
			}
		}
		if (!found) {
			const char *names[SC_ARRAY_SIZE(consts)];
			const char *hint;

			for (size_t i = 0; i < SC_ARRAY_SIZE(consts); i++)
				names[i] = consts[i].name;
			hint = profile_suggest(tok, names, SC_ARRAY_SIZE(consts));
			if (hint)
				return cli_usage_error(
				    g, CMD,
				    "argument '%s': unknown constant '%s' (did you "
				    "mean %s?)",
				    word, tok, hint);
			return cli_usage_error(
			    g, CMD,
			    "argument '%s': '%s' is neither a number nor a "
			    "constant this command knows (CLONE_*, AF_*, SOCK_*, "
			    "PROT_*, MAP_*, O_*, PER_*, ADDR_*)",
			    word, tok);
		}
	}
	*out = v;
	return 0;
}

static const struct arch_info *host_of(const struct arch_info *call)
{
	const struct arch_info *n = arch_native();

	for (size_t i = 0; n && i < SC_ARRAY_SIZE(compat_abis); i++)
		if (strcmp(n->name, compat_abis[i].host) == 0 &&
		    strcmp(call->name, compat_abis[i].compat) == 0)
			return n;
	return call;
}

/* SYSCALL: a name for the call's arch, or a number (x32's get the x32 bit). */
static int parse_syscall(const struct cli *g, const char *word, struct call *c)
{
	if (is_number_word(word)) {
		uint64_t v;

		if (word[0] == '-' || parse_number(word, &v) < 0 || v > UINT32_MAX)
			return cli_usage_error(g, CMD, "syscall number '%s' is not a number 0..%u",
					       word, UINT32_MAX);
		if (c->arch->token == SCMP_ARCH_X32 && v < X32_BIT)
			v |= X32_BIT;
		c->nr = (uint32_t)v;
		c->name = v <= INT32_MAX ? arch_syscall_name(c->arch, (int)v) : NULL;
		return 0;
	}
	int nr = -1;

	switch (arch_syscall_resolve(c->arch, word, &nr)) {
	case ARCH_SYS_OK:
		c->nr = (uint32_t)nr;
		c->name = arch_syscall_name(c->arch, nr);
		if (!c->name)
			c->name = word;
		return 0;
	case ARCH_SYS_PSEUDO:
		return cli_usage_error(g, CMD,
				       "%s is not a syscall on %s (no number there): give "
				       "another --arch, or a number",
				       word, c->arch->name);
	case ARCH_SYS_UNKNOWN:
	default: {
		const char *hint = arch_syscall_suggest(word);

		if (hint)
			return cli_usage_error(g, CMD, "unknown syscall '%s' (did you mean %s?)",
					       word, hint);
		return cli_usage_error(g, CMD, "unknown syscall '%s'", word);
	}
	}
}

static bool allow_type(uint32_t ret)
{
	uint32_t a = bpf_ret_action(ret);

	return a == SECCOMP_RET_ALLOW || a == SECCOMP_RET_LOG;
}

static const char *errno_name(uint32_t ret)
{
	if (bpf_ret_action(ret) != SECCOMP_RET_ERRNO)
		return NULL;
	return strerrorname_np(bpf_ret_data(ret));
}

static const char *op_text(enum profile_op op)
{
	static const char *const ops[OP__COUNT] = {
	    [OP_NE] = "!=", [OP_LT] = "<",  [OP_LE] = "<=",
	    [OP_EQ] = "==", [OP_GE] = ">=", [OP_GT] = ">",
	};

	return op < OP__COUNT && ops[op] ? ops[op] : "?";
}

/* " when args[0] == 0x0 and ..." for an entry with conditions. */
static void conds_text(struct sc_strbuf *b, const struct profile_rule *r)
{
	for (size_t i = 0; i < r->n_args; i++) {
		const struct profile_arg *a = &r->args[i];

		sc_strbuf_puts(b, i ? " and " : " when ");
		if (a->op == OP_MASKED_EQ)
			sc_strbuf_printf(b, "args[%u] & 0x%" PRIx64 " == 0x%" PRIx64, a->index,
					 a->value, a->value_two);
		else
			sc_strbuf_printf(b, "args[%u] %s 0x%" PRIx64, a->index, op_text(a->op),
					 a->value);
	}
}

static bool rule_names(const struct profile_rule *r, const char *name)
{
	for (size_t i = 0; name && i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0)
			return true;
	return false;
}

static void src_json(struct sc_strbuf *b, const char *file, const struct profile_src *s)
{
	sc_strbuf_puts(b, "{\"path\":");
	sc_strbuf_json_string(b, s->path ? s->path : "", s->path ? strlen(s->path) : 0);
	sc_strbuf_puts(b, ",\"file\":");
	sc_strbuf_json_string(b, file, strlen(file));
	if (s->pos.line)
		sc_strbuf_printf(b, ",\"line\":%u,\"col\":%u", s->pos.line, s->pos.col);
	sc_strbuf_putc(b, '}');
}

static void src_text(struct sc_strbuf *b, const char *file, const struct profile_src *s)
{
	sc_strbuf_puts(b, s->path ? s->path : "?");
	if (s->pos.line)
		sc_strbuf_printf(b, " (%s:%u:%u)", file, s->pos.line, s->pos.col);
	else
		sc_strbuf_printf(b, " (%s)", file);
}

struct outcome {
	const struct profile *res;
	const struct bpf_compile_opts *opts;
	struct bpf_verdict v;
	size_t prog_len;
	struct bpf_result run;
	bool agrees;
};

static void why_text(struct sc_strbuf *b, const struct call *c, const struct outcome *o)
{
	const struct profile *p = o->res;

	switch (o->v.why) {
	case BPF_WHY_RULE:
		src_text(b, p->file, &o->v.rule->src);
		sc_strbuf_printf(b, ": %s", profile_action_name(o->v.rule->action));
		if (c->name)
			sc_strbuf_printf(b, " for %s", c->name);
		conds_text(b, o->v.rule);
		if (o->v.rule->comment && o->v.rule->comment[0])
			sc_strbuf_printf(b, " (comment: %s)", o->v.rule->comment);
		break;
	case BPF_WHY_DEFAULT:
		src_text(b, p->file, &p->default_src);
		sc_strbuf_printf(b, ": %s", profile_action_name(p->default_action));
		if (o->v.named_by)
			sc_strbuf_printf(b,
					 "; %s names the call but did not decide it (conditions "
					 "false, or dropped as equal to the default)",
					 o->v.named_by->src.path ? o->v.named_by->src.path
								 : "an entry");
		else if (o->v.n_considered)
			sc_strbuf_puts(b, "; the entries that name the call did not decide it "
					  "(conditions false, or dropped as equal to the default)");
		else if (c->name)
			sc_strbuf_printf(b, "; no entry names %s", c->name);
		else
			sc_strbuf_printf(b, "; number %" PRIu32 " has no name on %s", c->nr,
					 c->arch->name);
		break;
	case BPF_WHY_ENOSYS:
		if (o->opts->enosys == BPF_ENOSYS_KERNEL) {
			unsigned maj, min;

			if (c->name && arch_syscall_since(c->name, &maj, &min) == 0)
				sc_strbuf_printf(b,
						 "ENOSYS: kernel %u.%u did not have %s (added in "
						 "%u.%u), and no entry names it",
						 o->opts->kernel_major, o->opts->kernel_minor,
						 c->name, maj, min);
			else
				sc_strbuf_printf(
				    b, "ENOSYS: number %" PRIu32 " is not a syscall on %s", c->nr,
				    c->arch->name);
		} else {
			sc_strbuf_printf(b,
					 "ENOSYS for an unnamed number (runc's stub): %" PRIu32
					 " is above the highest number the profile names on %s",
					 c->nr & ~X32_BIT, c->arch->name);
		}
		break;
	case BPF_WHY_BADARCH:
		sc_strbuf_printf(b,
				 "arch not in the filter: %s is not among the architectures "
				 "the profile gives a %s host (libseccomp's bad-arch action)",
				 c->arch->name, c->host->name);
		break;
	}
}

static void call_text(struct sc_strbuf *b, const struct call *c)
{
	if (c->name)
		sc_strbuf_puts(b, c->name);
	else
		sc_strbuf_printf(b, "syscall_%" PRIu32, c->nr);
	sc_strbuf_putc(b, '(');
	for (size_t i = 0; i < c->n_args; i++) {
		if (i)
			sc_strbuf_puts(b, ", ");
		if (!is_number_word(c->words[i]))
			sc_strbuf_printf(b, "%s=", c->words[i]);
		sc_strbuf_printf(b, "0x%" PRIx64, c->args[i]);
	}
	sc_strbuf_printf(b, ") on %s, nr %" PRIu32, c->arch->name, c->nr);
	if (c->arch->token == SCMP_ARCH_X32)
		sc_strbuf_printf(b, " (0x%" PRIx32 ")", c->nr);
	if (c->host != c->arch)
		sc_strbuf_printf(b, ", from a %s host", c->host->name);
}

static void print_text(const struct cli *g, const struct call *c, const struct outcome *o)
{
	struct sc_strbuf b = {0};
	char act[64], pact[64];
	bool first = true;

	bpf_ret_text(o->v.ret, act, sizeof(act));
	bpf_ret_text(o->run.ret, pact, sizeof(pact));
	if (g->quiet && o->agrees) {
		printf("%s\n", act);
		return;
	}
	call_text(&b, c);
	printf("%scall%s     %s\n", cli_bold(g), cli_reset(g), b.data ? b.data : "");
	sc_strbuf_free(&b);
	printf("%saction%s   %s%s%s\n", cli_bold(g), cli_reset(g),
	       allow_type(o->v.ret) ? cli_green(g) : cli_red(g), act, cli_reset(g));
	why_text(&b, c, o);
	printf("%swhy%s      %s\n", cli_bold(g), cli_reset(g), b.data ? b.data : "");
	sc_strbuf_free(&b);
	for (size_t i = 0; i < o->res->n_rules; i++) {
		const struct profile_rule *r = &o->res->rules[i];

		if (r == o->v.rule || !rule_names(r, c->name))
			continue;
		sc_strbuf_puts(&b, first ? "" : ", ");
		sc_strbuf_puts(&b, r->src.path ? r->src.path : "?");
		first = false;
	}
	if (b.data)
		printf("%salso%s     %s name %s but did not decide it\n", cli_bold(g), cli_reset(g),
		       b.data, c->name);
	sc_strbuf_free(&b);
	if (o->v.ambiguous)
		printf("%swarning%s  %sambiguous: conditional entries with different actions "
		       "name this call; runc's answer depends on how libseccomp merged them "
		       "(their order), this is the most restrictive matching one (SCP008)%s\n",
		       cli_bold(g), cli_reset(g), cli_yellow(g), cli_reset(g));
	if (o->agrees) {
		printf("%sprogram%s  compiled program (native, %zu insns): %s after %zu "
		       "instructions — agrees\n",
		       cli_bold(g), cli_reset(g), o->prog_len, pact, o->run.executed);
	} else {
		printf("%sprogram%s  %scompiled program (native, %zu insns): %s after %zu "
		       "instructions — DISAGREES with %s above%s\n",
		       cli_bold(g), cli_reset(g), cli_red(g), o->prog_len, pact, o->run.executed,
		       act, cli_reset(g));
	}
}

static void print_json(const struct call *c, const struct outcome *o, const char *enosys)
{
	struct sc_strbuf b = {0};
	const char *e = errno_name(o->v.ret), *pe = errno_name(o->run.ret);
	bool first = true;

	sc_strbuf_printf(&b,
			 "{\"schema\":%d,\"command\":\"explain\",\"profile\":", CLI_JSON_SCHEMA);
	sc_strbuf_json_string(&b, o->res->file, strlen(o->res->file));
	sc_strbuf_puts(&b, ",\"syscall\":{\"name\":");
	if (c->name)
		sc_strbuf_json_string(&b, c->name, strlen(c->name));
	else
		sc_strbuf_puts(&b, "null");
	sc_strbuf_printf(&b, ",\"nr\":%" PRIu32 ",\"arch\":", c->nr);
	sc_strbuf_json_string(&b, c->arch->name, strlen(c->arch->name));
	sc_strbuf_puts(&b, ",\"host\":");
	sc_strbuf_json_string(&b, c->host->name, strlen(c->host->name));
	sc_strbuf_printf(&b, ",\"audit_arch\":\"0x%08" PRIx32 "\"},\"args\":[",
			 c->arch->token == SCMP_ARCH_X32 ? (uint32_t)SCMP_ARCH_X86_64
							 : c->arch->token);
	for (size_t i = 0; i < c->n_args; i++)
		sc_strbuf_printf(&b, "%s%" PRIu64, i ? "," : "", c->args[i]);
	sc_strbuf_puts(&b, "],\"action\":");
	sc_strbuf_json_string(&b, bpf_ret_action_name(o->v.ret),
			      strlen(bpf_ret_action_name(o->v.ret)));
	sc_strbuf_puts(&b, ",\"errno\":");
	if (e)
		sc_strbuf_json_string(&b, e, strlen(e));
	else
		sc_strbuf_puts(&b, "null");
	sc_strbuf_printf(&b,
			 ",\"ret\":%" PRIu32 ",\"allowed\":%s,\"why\":\"%s\",\"rule\":", o->v.ret,
			 allow_type(o->v.ret) ? "true" : "false", bpf_why_name(o->v.why));
	if (o->v.why == BPF_WHY_RULE)
		src_json(&b, o->res->file, &o->v.rule->src);
	else if (o->v.why == BPF_WHY_DEFAULT)
		src_json(&b, o->res->file, &o->res->default_src);
	else
		sc_strbuf_puts(&b, "null");
	sc_strbuf_puts(&b, ",\"considered\":[");
	for (size_t i = 0; i < o->res->n_rules; i++) {
		const struct profile_rule *r = &o->res->rules[i];

		if (r == o->v.rule || !rule_names(r, c->name))
			continue;
		if (!first)
			sc_strbuf_putc(&b, ',');
		src_json(&b, o->res->file, &r->src);
		first = false;
	}
	sc_strbuf_printf(&b,
			 "],\"n_considered\":%zu,\"ambiguous\":%s,\"enosys\":", o->v.n_considered,
			 o->v.ambiguous ? "true" : "false");
	sc_strbuf_json_string(&b, enosys, strlen(enosys));
	sc_strbuf_printf(&b,
			 ",\"program\":{\"backend\":\"native\",\"length\":%zu,\"executed\":%zu,"
			 "\"action\":",
			 o->prog_len, o->run.executed);
	sc_strbuf_json_string(&b, bpf_ret_action_name(o->run.ret),
			      strlen(bpf_ret_action_name(o->run.ret)));
	sc_strbuf_puts(&b, ",\"errno\":");
	if (pe)
		sc_strbuf_json_string(&b, pe, strlen(pe));
	else
		sc_strbuf_puts(&b, "null");
	sc_strbuf_printf(&b, ",\"ret\":%" PRIu32 ",\"agrees\":%s}}", o->run.ret,
			 o->agrees ? "true" : "false");
	if (!sc_strbuf_failed(&b))
		cli_print_json(b.data);
	sc_strbuf_free(&b);
}

static int explain(const struct cli *g, int argc, char **argv)
{
	/* clang-format off */
	static const struct option longopts[] = {
		{"arch", required_argument, NULL, 'a'},
		{"caps", required_argument, NULL, 'c'},
		{"enosys", required_argument, NULL, 'e'},
		{"builtin", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* clang-format on */
	_cleanup_free_ char **v = NULL;
	_cleanup_(profile_freep) struct profile *p = NULL;
	_cleanup_(profile_freep) struct profile *res = NULL;
	struct bpf_prog prog = {0};
	struct bpf_compile_opts opts;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	struct seccomp_data d = {0};
	struct outcome o = {0};
	struct call c = {0};
	const char *caps[MAX_CAPS];
	const char *builtin = NULL, *path = NULL, *enosys = "runc";
	size_t n_caps = 0;
	bool caps_set = false;
	int opt, n, rc;

	bpf_compile_opts_default(&opts);
	profile_ctx_default(&ctx);
	c.arch = arch_native();
	n = split_operands(argc, argv, longopts, &v);
	if (n < 0)
		return cli_usage_error(g, CMD, "out of memory");
	optind = 1;
	while ((opt = cli_getopt(g, CMD, n, v, "h", longopts)) != -1) {
		if (opt == CLI_GETOPT_ERR)
			return EXIT_USAGE;
		switch (opt) {
		case 'a':
			c.arch = arch_lookup(optarg);
			if (!c.arch || !c.arch->supported)
				return cli_usage_error(
				    g, CMD,
				    "unknown architecture '%s' (e.g. x86_64, x86, x32, aarch64)",
				    optarg);
			break;
		case 'c':
			caps_set = true;
			if (cli_parse_caps(optarg, caps, &n_caps, MAX_CAPS) < 0)
				return cli_usage_error(
				    g, CMD,
				    "--caps wants a comma list of CAP_* names or 'default'");
			break;
		case 'e':
			if (bpf_enosys_parse(optarg, &opts, &err) < 0)
				return cli_usage_error(g, CMD, "%s", err.msg);
			enosys = optarg;
			break;
		case 'b':
			if (!builtin_find(optarg))
				return cli_usage_error(
				    g, CMD,
				    "no builtin profile '%s': see 'seccompctl profiles list'",
				    optarg);
			builtin = optarg;
			break;
		case 'h': return cmd_help(g, 2, (char *[]){"help", CMD, NULL});
		default: return cli_usage_error(g, CMD, "unknown option");
		}
	}
	if (!builtin) {
		if (optind >= n)
			return cli_usage_error(g, CMD,
					       "give a profile (or --builtin NAME) and a syscall");
		path = v[optind++];
	}
	if (optind >= n)
		return cli_usage_error(g, CMD, "give the syscall to explain (a name or a number)");
	if (n - optind - 1 > MAX_ARGS)
		return cli_usage_error(g, CMD, "a syscall has at most %d arguments, not %d",
				       MAX_ARGS, n - optind - 1);
	c.host = host_of(c.arch);
	if (parse_syscall(g, v[optind++], &c) != 0)
		return EXIT_USAGE;
	for (; optind < n; optind++, c.n_args++) {
		c.words[c.n_args] = v[optind];
		if (parse_arg(g, v[optind], &c.args[c.n_args]) != 0)
			return EXIT_USAGE;
	}

	/* The call as the kernel hands it to the filter: x32 reports x86_64's
	 * AUDIT_ARCH, and a 32-bit ABI's arguments are 32-bit registers. */
	d.nr = (int)c.nr;
	d.arch = c.arch->token == SCMP_ARCH_X32 ? SCMP_ARCH_X86_64 : c.arch->token;
	for (size_t i = 0; i < c.n_args; i++)
		d.args[i] = d.arch & AUDIT_ARCH_64BIT_FLAG ? c.args[i] : (uint32_t)c.args[i];

	ctx.native = c.host;
	if (caps_set) {
		ctx.caps = caps;
		ctx.n_caps = n_caps;
	}
	if (opts.enosys == BPF_ENOSYS_KERNEL) {
		ctx.kernel_major = opts.kernel_major;
		ctx.kernel_minor = opts.kernel_minor;
	}
	opts.native = c.host;
	if (cli_read_profile(builtin, path, &p, &err) < 0 ||
	    profile_resolve(p, &ctx, &res, &err) < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	if (bpf_decide(res, &opts, &d, &o.v, &err) < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	rc = bpf_compile_native(res, &opts, &prog, &err);
	if (rc == 0)
		rc = bpf_run(prog.insns, prog.len, &d, &o.run, &err);
	o.prog_len = prog.len;
	bpf_prog_free(&prog);
	if (rc < 0)
		return cli_report_error(g, CMD, &err, EXIT_USAGE);
	o.res = res;
	o.opts = &opts;
	o.agrees = o.run.ret == o.v.ret;

	if (g->output == FMT_JSON)
		print_json(&c, &o, enosys);
	else
		print_text(g, &c, &o);
	if (!o.agrees) {
		char a[64], b[64];

		bpf_ret_text(o.v.ret, a, sizeof(a));
		bpf_ret_text(o.run.ret, b, sizeof(b));
		fprintf(
		    stderr,
		    "%s %s: internal disagreement: the profile's meaning says %s, the compiled "
		    "program returns %s (0x%08" PRIx32 " vs 0x%08" PRIx32
		    "). This is a bug in seccompctl; please report it with this command line.\n",
		    g->prog, CMD, a, b, o.v.ret, o.run.ret);
		return EXIT_USAGE;
	}
	return allow_type(o.v.ret) ? EXIT_OK : EXIT_FOUND;
}

int cmd_explain(const struct cli *g, int argc, char **argv)
{
	if (cli_check_format(g, CMD, 1u << FMT_TEXT | 1u << FMT_JSON))
		return EXIT_USAGE;
	return explain(g, argc, argv);
}
