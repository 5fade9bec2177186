/* Unit tests for src/bpf/emu.c: the validator and the emulator, as data
 * tables, and then the real kernel as the oracle: programs from libseccomp
 * and hand-written ALU programs are installed in forked children and real
 * syscalls must meet the fate bpf_run() predicts; hand-written valid and
 * invalid programs must be accepted by seccomp(2) exactly when
 * bpf_validate() accepts them. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "bpf/bpf.h"
#include "util/cleanup.h"

#define S(c, k)		BPF_STMT((uint16_t)(c), (k))
#define J(c, k, jt, jf) BPF_JUMP((uint16_t)(c), (k), (jt), (jf))
#define RET(k)		S(BPF_RET | BPF_K, (k))
#define ALLOW		SECCOMP_RET_ALLOW
#define ERRNO(e)	(SECCOMP_RET_ERRNO | (e))
#define ARG_LO(i)	(16u + 8u * (i))
#define ARG_HI(i)	(20u + 8u * (i))
#define MAXI		24
/* scmp_arg_cmp with both datums (clang warns when SCMP_A0() leaves one out) */
#define CMP(i, op, a, b) ((struct scmp_arg_cmp){(i), (op), (a), (b)})
#define FILTER_ERRNO_MIN 1000 /* filters here use errnos no syscall returns */

struct prog {
	const char *name;
	struct sock_filter insns[MAXI];
	size_t len;
};
#define PROG(n, ...)                                                                               \
	{                                                                                          \
		n, {__VA_ARGS__},                                                                  \
		    sizeof((struct sock_filter[]){__VA_ARGS__}) / sizeof(struct sock_filter)       \
	}

static struct seccomp_data data(int nr, uint32_t arch, uint64_t a0, uint64_t a1)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};

	d.args[0] = a0;
	d.args[1] = a1;
	return d;
}

/* ---- the emulator over hand-written programs ---------------------------- */

static const struct prog run_progs[] = {
    PROG("allow", RET(ALLOW)),
    PROG("nr", S(BPF_LD | BPF_W | BPF_ABS, 0), J(BPF_JMP | BPF_JEQ | BPF_K, 39, 0, 1), RET(ALLOW),
	 RET(ERRNO(1))),
    PROG("arch+nr", S(BPF_LD | BPF_W | BPF_ABS, 4),
	 J(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0), RET(SECCOMP_RET_KILL_PROCESS),
	 S(BPF_LD | BPF_W | BPF_ABS, 0), J(BPF_JMP | BPF_JGE | BPF_K, 100, 0, 1), RET(ERRNO(13)),
	 RET(ALLOW)),
    PROG("arg halves", S(BPF_LD | BPF_W | BPF_ABS, ARG_HI(0)),
	 J(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 3), S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
	 J(BPF_JMP | BPF_JGT | BPF_K, 0x10, 0, 1), RET(ERRNO(2)), RET(ALLOW)),
    PROG("scratch", S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)), S(BPF_ST, 3), S(BPF_LD | BPF_IMM, 7),
	 S(BPF_LDX | BPF_MEM, 3), S(BPF_MISC | BPF_TXA, 0), S(BPF_ALU | BPF_ADD | BPF_K, 1),
	 S(BPF_STX, 15), S(BPF_LD | BPF_MEM, 3), S(BPF_RET | BPF_A, 0)),
    PROG("ja", S(BPF_JMP | BPF_JA, 1), RET(SECCOMP_RET_KILL_PROCESS), RET(ALLOW)),
    PROG("len", S(BPF_LD | BPF_W | BPF_LEN, 0), S(BPF_LDX | BPF_W | BPF_LEN, 0),
	 S(BPF_ALU | BPF_ADD | BPF_X, 0), S(BPF_RET | BPF_A, 0)),
    PROG("jset x", S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1)), S(BPF_LDX | BPF_IMM, 8),
	 J(BPF_JMP | BPF_JSET | BPF_X, 0, 0, 1), RET(ERRNO(3)), RET(ALLOW)),
    PROG("jgt x", S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1)), S(BPF_MISC | BPF_TAX, 0),
	 S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)), J(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 1),
	 RET(ERRNO(4)), RET(ALLOW)),
};

struct run_case {
	const char *prog;
	struct seccomp_data d;
	uint32_t ret;
	size_t executed;
};

static const struct prog *find_prog(const struct prog *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	fail_msg("no program %s", name);
	return NULL;
}

static void run_table(const struct run_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct prog *p = find_prog(run_progs, SC_ARRAY_SIZE(run_progs), c[i].prog);
		struct bpf_result r = {0};
		struct sc_error err = {0};

		if (bpf_run(p->insns, p->len, &c[i].d, &r, &err) < 0)
			fail_msg("case %zu (%s): %s", i, c[i].prog, err.msg);
		if (r.ret != c[i].ret || r.executed != c[i].executed)
			fail_msg("case %zu (%s): got ret 0x%x after %zu, want 0x%x after %zu", i,
				 c[i].prog, r.ret, r.executed, c[i].ret, c[i].executed);
	}
}

static void test_run_nr_arch(void **state)
{
	const uint32_t x64 = AUDIT_ARCH_X86_64;
	const struct run_case c[] = {
	    {"allow", data(0, x64, 0, 0), ALLOW, 1},
	    {"nr", data(39, x64, 0, 0), ALLOW, 3},
	    {"nr", data(38, x64, 0, 0), ERRNO(1), 3},
	    {"nr", data(40, x64, 0, 0), ERRNO(1), 3},
	    {"arch+nr", data(5, AUDIT_ARCH_I386, 0, 0), SECCOMP_RET_KILL_PROCESS, 3},
	    {"arch+nr", data(99, x64, 0, 0), ALLOW, 5},
	    {"arch+nr", data(100, x64, 0, 0), ERRNO(13), 5},
	    {"arch+nr", data(101, x64, 0, 0), ERRNO(13), 5},
	    {"ja", data(0, x64, 0, 0), ALLOW, 2},
	};

	run_table(c, SC_ARRAY_SIZE(c));
}

static void test_run_arg_halves(void **state)
{
	const uint32_t x64 = AUDIT_ARCH_X86_64;
	const struct run_case c[] = {
	    {"arg halves", data(0, x64, 0x100000011ull, 0), ERRNO(2), 5},
	    {"arg halves", data(0, x64, 0x100000010ull, 0), ALLOW, 5},
	    {"arg halves", data(0, x64, 0x100000000ull, 0), ALLOW, 5},
	    {"arg halves", data(0, x64, 0x11, 0), ALLOW, 3},
	    {"arg halves", data(0, x64, 0x200000011ull, 0), ALLOW, 3},
	    {"jset x", data(0, x64, 0, 0x8), ERRNO(3), 4},
	    {"jset x", data(0, x64, 0, 0xfffffff7ull), ALLOW, 4},
	    {"jset x", data(0, x64, 0, 0x800000000ull), ALLOW, 4},
	    {"jgt x", data(0, x64, 6, 5), ERRNO(4), 5},
	    {"jgt x", data(0, x64, 5, 5), ALLOW, 5},
	    {"jgt x", data(0, x64, 4, 5), ALLOW, 5},
	};

	run_table(c, SC_ARRAY_SIZE(c));
}

static void test_run_scratch_len(void **state)
{
	const uint32_t x64 = AUDIT_ARCH_X86_64;
	const struct run_case c[] = {
	    {"scratch", data(0, x64, 41, 0), 41, 9},
	    {"scratch", data(0, x64, 0xffffffffull, 0), 0xffffffff, 9},
	    {"len", data(0, x64, 0, 0), 128, 4},
	};

	run_table(c, SC_ARRAY_SIZE(c));
}

static void test_run_invalid_program(void **state)
{
	struct sock_filter p[] = {S(BPF_LD | BPF_W | BPF_ABS, 0)};
	struct seccomp_data d = {0};
	struct bpf_result r = {0};
	struct sc_error err = {0};

	assert_int_equal(bpf_run(p, 1, &d, &r, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not a ret"));
}

/* ---- ALU edge cases ------------------------------------------------------ */

struct alu_case {
	uint16_t code;
	uint32_t k;
	uint64_t a0, a1; /* A = args[0].lo, X = args[1].lo */
	uint32_t want;
	size_t executed;
};

#define ALU_K(op) (BPF_ALU | (op) | BPF_K)
#define ALU_X(op) (BPF_ALU | (op) | BPF_X)
static const struct alu_case alu_cases[] = {
    {ALU_K(BPF_ADD), 1, 0xffffffff, 0, 0, 5},
    {ALU_X(BPF_ADD), 0, 0x80000000, 0x80000001, 1, 5},
    {ALU_K(BPF_SUB), 1, 0, 0, 0xffffffff, 5},
    {ALU_X(BPF_SUB), 0, 5, 7, 0xfffffffe, 5},
    {ALU_K(BPF_MUL), 0x10000, 0x10000, 0, 0, 5},
    {ALU_X(BPF_MUL), 0, 0xffffffff, 0xffffffff, 1, 5},
    {ALU_K(BPF_DIV), 2, 7, 0, 3, 5},
    {ALU_X(BPF_DIV), 0, 100, 7, 14, 5},
    {ALU_X(BPF_DIV), 0, 100, 0, 0, 4},		    /* X == 0: the program returns 0 */
    {ALU_X(BPF_DIV), 0, 100, 0x100000000ull, 0, 4}, /* X is the low word only */
    {ALU_K(BPF_AND), 0xf0, 0x1ff, 0, 0xf0, 5},
    {ALU_X(BPF_OR), 0, 0x0f, 0xf0, 0xff, 5},
    {ALU_X(BPF_XOR), 0, 0xff, 0x0f, 0xf0, 5},
    {ALU_K(BPF_LSH), 31, 3, 0, 0x80000000, 5},
    {ALU_X(BPF_LSH), 0, 3, 32, 3, 5}, /* register shifts use the low 5 bits */
    {ALU_X(BPF_LSH), 0, 3, 33, 6, 5},
    {ALU_K(BPF_RSH), 4, 0x80000000, 0, 0x08000000, 5},
    {ALU_X(BPF_RSH), 0, 0x80000000, 40, 0x00800000, 5},
    {ALU_X(BPF_RSH), 0, 0x80000000, 31, 1, 5},
    {BPF_ALU | BPF_NEG, 0, 5, 0, 0xfffffffb, 5},
    {BPF_ALU | BPF_NEG, 0, 0, 0, 0, 5},
    {BPF_ALU | BPF_NEG, 0, 0x80000000, 0, 0x80000000, 5},
};

/* ld args[1].lo; tax; ld args[0].lo; OP; ret a */
static void alu_prog(const struct alu_case *c, struct sock_filter p[5])
{
	p[0] = (struct sock_filter)S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1));
	p[1] = (struct sock_filter)S(BPF_MISC | BPF_TAX, 0);
	p[2] = (struct sock_filter)S(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0));
	p[3] = (struct sock_filter)S(c->code, c->k);
	p[4] = (struct sock_filter)S(BPF_RET | BPF_A, 0);
}

static void test_alu_edges(void **state)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(alu_cases); i++) {
		const struct alu_case *c = &alu_cases[i];
		struct seccomp_data d = data(0, AUDIT_ARCH_X86_64, c->a0, c->a1);
		struct sock_filter p[5];
		struct bpf_result r = {0};
		struct sc_error err = {0};

		alu_prog(c, p);
		if (bpf_run(p, 5, &d, &r, &err) < 0)
			fail_msg("alu case %zu: %s", i, err.msg);
		if (r.ret != c->want || r.executed != c->executed)
			fail_msg("alu case %zu: got 0x%x after %zu, want 0x%x after %zu", i, r.ret,
				 r.executed, c->want, c->executed);
	}
}

/* ---- validation tables --------------------------------------------------- */

struct invalid_case {
	struct prog p;
	const char *reason;
};

static const struct invalid_case invalid_cases[] = {
    {PROG("not ending in ret", S(BPF_LD | BPF_W | BPF_ABS, 0)), "insn 0: the last instruction"},
    {PROG("unknown opcode", S(0xffff, 0), RET(ALLOW)), "insn 0: opcode 0xffff"},
    {PROG("ldh", S(BPF_LD | BPF_H | BPF_ABS, 0), RET(ALLOW)), "opcode 0x0028"},
    {PROG("ldb", S(BPF_LD | BPF_B | BPF_ABS, 0), RET(ALLOW)), "opcode 0x0030"},
    {PROG("ld ind", S(BPF_LD | BPF_W | BPF_IND, 0), RET(ALLOW)), "opcode 0x0040"},
    {PROG("ldxb msh", S(BPF_LDX | BPF_B | BPF_MSH, 0), RET(ALLOW)), "opcode 0x00b1"},
    {PROG("ret x", S(BPF_RET | BPF_X, 0)), "opcode 0x000e"},
    {PROG("neg x", S(BPF_ALU | BPF_NEG | BPF_X, 0), RET(ALLOW)), "opcode 0x008c"},
    {PROG("jne", J(BPF_JMP | 0x50, 0, 0, 0), RET(ALLOW)), "opcode 0x0055"},
    {PROG("load past the end", S(BPF_LD | BPF_W | BPF_ABS, 64), RET(ALLOW)),
     "offset 64 beyond seccomp_data"},
    {PROG("unaligned load", RET(ALLOW), S(BPF_LD | BPF_W | BPF_ABS, 2), RET(ALLOW)),
     "insn 1: load offset 2 not 32-bit aligned"},
    {PROG("ancillary load", S(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL), RET(ALLOW)),
     "beyond seccomp_data"},
    {PROG("div #0", S(BPF_ALU | BPF_DIV | BPF_K, 0), RET(ALLOW)), "insn 0: division by constant 0"},
    {PROG("mod #3", S(BPF_ALU | BPF_MOD | BPF_K, 3), RET(ALLOW)), "opcode 0x0094 not allowed"},
    {PROG("mod x", S(BPF_ALU | BPF_MOD | BPF_X, 0), RET(ALLOW)), "opcode 0x009c not allowed"},
    {PROG("lsh #32", S(BPF_ALU | BPF_LSH | BPF_K, 32), RET(ALLOW)), "shift by constant 32"},
    {PROG("rsh #33", S(BPF_ALU | BPF_RSH | BPF_K, 33), RET(ALLOW)), "shift by constant 33"},
    {PROG("st M[16]", S(BPF_ST, 16), RET(ALLOW)), "scratch slot M[16] out of range"},
    {PROG("ldx M[16]", S(BPF_LDX | BPF_MEM, 16), RET(ALLOW)), "M[16] out of range"},
    {PROG("ja past the end", S(BPF_JMP | BPF_JA, 1), RET(ALLOW)),
     "insn 0: jump target 2 beyond the end (len 2)"},
    {PROG("jeq past the end", J(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2), RET(ALLOW), RET(ALLOW)),
     "jump target 3 beyond the end (len 3)"},
    {PROG("ja huge", S(BPF_JMP | BPF_JA, 0xffffffff), RET(ALLOW)), "jump target"},
    {PROG("uninitialised M[0]", S(BPF_LD | BPF_MEM, 0), S(BPF_RET | BPF_A, 0)),
     "insn 0: scratch M[0] may be read before it is written"},
    {PROG("M[0] written on one path", S(BPF_LD | BPF_W | BPF_ABS, 0),
	  J(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1), S(BPF_ST, 0), S(BPF_LDX | BPF_MEM, 0), RET(ALLOW)),
     "insn 3: scratch M[0] may be read"},
    {PROG("ja skips the store", S(BPF_JMP | BPF_JA, 1), S(BPF_ST, 0), S(BPF_LD | BPF_MEM, 0),
	  S(BPF_RET | BPF_A, 0)),
     "insn 2: scratch M[0]"},
};

static const struct prog valid_progs[] = {
    PROG("last word of seccomp_data", S(BPF_LD | BPF_W | BPF_ABS, 60), S(BPF_RET | BPF_A, 0)),
    PROG("M[0] written on both paths", S(BPF_LD | BPF_W | BPF_ABS, 0),
	 J(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 2), S(BPF_ST, 0), S(BPF_JMP | BPF_JA, 1), S(BPF_ST, 0),
	 S(BPF_LDX | BPF_MEM, 0), RET(ALLOW)),
    PROG("store before ret carries over", S(BPF_ST, 0), S(BPF_RET | BPF_A, 0),
	 S(BPF_LD | BPF_MEM, 0), S(BPF_RET | BPF_A, 0)),
    PROG("lsh #31 div #1", S(BPF_ALU | BPF_LSH | BPF_K, 31), S(BPF_ALU | BPF_DIV | BPF_K, 1),
	 S(BPF_ALU | BPF_RSH | BPF_K, 31), RET(ALLOW)),
    PROG("jumps to the last insn", J(BPF_JMP | BPF_JSET | BPF_K, 1, 1, 1), RET(ALLOW), RET(ALLOW)),
    PROG("every seccomp opcode", S(BPF_LD | BPF_W | BPF_LEN, 0), S(BPF_LDX | BPF_W | BPF_LEN, 0),
	 S(BPF_LD | BPF_IMM, 1), S(BPF_LDX | BPF_IMM, 2), S(BPF_ST, 1), S(BPF_STX, 2),
	 S(BPF_LD | BPF_MEM, 1), S(BPF_LDX | BPF_MEM, 2), S(BPF_MISC | BPF_TAX, 0),
	 S(BPF_MISC | BPF_TXA, 0), S(BPF_ALU | BPF_NEG, 0), S(BPF_ALU | BPF_DIV | BPF_X, 0),
	 J(BPF_JMP | BPF_JGE | BPF_X, 0, 0, 0), J(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 0),
	 J(BPF_JMP | BPF_JSET | BPF_X, 0, 0, 0), S(BPF_RET | BPF_A, 0)),
};

static void test_invalid_programs(void **state)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(invalid_cases); i++) {
		const struct invalid_case *c = &invalid_cases[i];
		struct sc_error err = {0};

		if (bpf_validate(c->p.insns, c->p.len, &err) != -EINVAL)
			fail_msg("%s: accepted", c->p.name);
		if (!strstr(err.msg, c->reason))
			fail_msg("%s: \"%s\" lacks \"%s\"", c->p.name, err.msg, c->reason);
	}
}

static void test_valid_programs(void **state)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(valid_progs); i++) {
		struct sc_error err = {0};

		if (bpf_validate(valid_progs[i].insns, valid_progs[i].len, &err) < 0)
			fail_msg("%s: %s", valid_progs[i].name, err.msg);
	}
}

static struct sock_filter *long_prog(size_t len)
{
	struct sock_filter *p = calloc(len, sizeof(*p));

	assert_non_null(p);
	for (size_t i = 0; i + 1 < len; i++)
		p[i] = (struct sock_filter)S(BPF_LD | BPF_IMM, (uint32_t)i);
	p[len - 1] = (struct sock_filter)RET(ALLOW);
	return p;
}

static void test_length_limits(void **state)
{
	_cleanup_free_ struct sock_filter *max = long_prog(BPF_PROG_MAX);
	_cleanup_free_ struct sock_filter *over = long_prog(BPF_PROG_MAX + 1);
	struct sc_error err = {0};
	struct seccomp_data d = {0};
	struct bpf_result r = {0};

	assert_int_equal(bpf_run(max, BPF_PROG_MAX, &d, &r, &err), 0);
	assert_int_equal(r.executed, BPF_PROG_MAX);
	assert_int_equal(bpf_validate(over, BPF_PROG_MAX + 1, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "4097 instructions; the limit is 4096"));
	assert_int_equal(bpf_validate(max, 0, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
}

/* ---- return values ------------------------------------------------------- */

static void test_action_names(void **state)
{
	static const struct {
		uint32_t ret;
		const char *name;
		uint32_t action;
		uint16_t data;
	} c[] = {
	    {0x80000000, "KILL_PROCESS", 0x80000000, 0},
	    {0x00000000, "KILL_THREAD", 0, 0},
	    {0x00030007, "TRAP", 0x30000, 7},
	    {0x00050001, "ERRNO", 0x50000, 1},
	    {0x0005ffff, "ERRNO", 0x50000, 0xffff},
	    {0x7fc00000, "USER_NOTIF", 0x7fc00000, 0},
	    {0x7ff00042, "TRACE", 0x7ff00000, 0x42},
	    {0x7ffc0000, "LOG", 0x7ffc0000, 0},
	    {0x7fff0000, "ALLOW", 0x7fff0000, 0},
	    {0x7fff1234, "ALLOW", 0x7fff0000, 0x1234},
	    {0x00010000, "UNKNOWN", 0x10000, 0},
	    {0xffff0000, "UNKNOWN", 0xffff0000, 0},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(c); i++) {
		assert_string_equal(bpf_ret_action_name(c[i].ret), c[i].name);
		assert_int_equal(bpf_ret_action(c[i].ret), c[i].action);
		assert_int_equal(bpf_ret_data(c[i].ret), c[i].data);
	}
}

/* ---- the kernel as the oracle --------------------------------------------- */

/* What a child saw: filled in shared memory before the child exits, so a
 * filter that kills at exit_group does not hide it. */
struct seen {
	int loaded, load_errno;
	int done;
	long ret;
	int err;
};

struct call {
	long nr;
	uint64_t args[6];
};

/* Fork; the child loads the program and, if call is given, makes it.
 * Returns the wait status. */
static int in_child(const struct sock_filter *insns, size_t len, const struct call *c,
		    struct seen *out)
{
	struct seen *sh =
	    mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = 0;
	pid_t pid;

	assert_true(sh != MAP_FAILED);
	memset(sh, 0, sizeof(*sh));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sock_fprog fp = {.len = (unsigned short)len,
					.filter = (struct sock_filter *)insns};

		/* cmocka catches SIGSYS and friends; the child must die of them. */
		signal(SIGSYS, SIG_DFL);
		signal(SIGSEGV, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		alarm(10);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(2);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp) < 0) {
			sh->load_errno = errno;
			_exit(0);
		}
		sh->loaded = 1;
		if (c) {
			errno = 0;
			sh->ret = syscall(c->nr, c->args[0], c->args[1], c->args[2], c->args[3],
					  c->args[4], c->args[5]);
			sh->err = errno;
			sh->done = 1;
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*out = *sh;
	munmap(sh, sizeof(*sh));
	return status;
}

static bool kernel_usable(void)
{
	static int usable = -1;
	struct sock_filter allow[] = {RET(ALLOW)};
	struct seen s;

	if (usable < 0) {
		in_child(allow, 1, NULL, &s);
		usable = s.loaded;
	}
	return usable;
}

#define NEED_KERNEL()                                                                              \
	do {                                                                                       \
		if (!kernel_usable())                                                              \
			skip();                                                                    \
	} while (0)

/* Make the call under the program in a child and check its fate against
 * bpf_run()'s prediction for the same seccomp_data. */
static void expect_kernel_agrees(const char *what, const struct sock_filter *insns, size_t len,
				 const struct call *c)
{
	struct seccomp_data d = {.nr = (int)c->nr, .arch = arch_native()->token};
	struct bpf_result r = {0};
	struct sc_error err = {0};
	struct seen s;
	int status;
	uint32_t act;
	unsigned data;

	memcpy(d.args, c->args, sizeof(d.args));
	if (bpf_run(insns, len, &d, &r, &err) < 0)
		fail_msg("%s: bpf_run: %s", what, err.msg);
	status = in_child(insns, len, c, &s);
	if (!s.loaded)
		fail_msg("%s: the kernel refused the program (errno %d)", what, s.load_errno);
	act = bpf_ret_action(r.ret);
	data = bpf_ret_data(r.ret) > 4095 ? 4095 : bpf_ret_data(r.ret); /* MAX_ERRNO */
	switch (act) {
	case SECCOMP_RET_ERRNO:
		if (!s.done || (data ? (s.ret != -1 || s.err != (int)data) : s.ret != 0))
			fail_msg("%s: nr %ld arg0 0x%llx: predicted ERRNO(%u), kernel: done %d ret "
				 "%ld errno %d status 0x%x",
				 what, c->nr, (unsigned long long)c->args[0], data, s.done, s.ret,
				 s.err, status);
		break;
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
		if (!s.done || (s.ret == -1 && s.err >= FILTER_ERRNO_MIN))
			fail_msg("%s: nr %ld arg0 0x%llx: predicted %s, kernel: done %d ret %ld "
				 "errno %d",
				 what, c->nr, (unsigned long long)c->args[0],
				 bpf_ret_action_name(r.ret), s.done, s.ret, s.err);
		break;
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF: /* no tracer, no listener: ENOSYS */
		if (!s.done || s.ret != -1 || s.err != ENOSYS)
			fail_msg("%s: nr %ld: predicted %s, kernel: ret %ld errno %d", what, c->nr,
				 bpf_ret_action_name(r.ret), s.ret, s.err);
		break;
	default: /* KILL_*, TRAP without a handler, unknown actions */
		if (s.done || !WIFSIGNALED(status) || WTERMSIG(status) != SIGSYS)
			fail_msg("%s: nr %ld arg0 0x%llx: predicted %s, kernel: done %d ret %ld "
				 "errno %d status 0x%x",
				 what, c->nr, (unsigned long long)c->args[0],
				 bpf_ret_action_name(r.ret), s.done, s.ret, s.err, status);
		break;
	}
}

static void test_kernel_accepts_what_validate_accepts(void **state)
{
	NEED_KERNEL();
	for (size_t i = 0; i < SC_ARRAY_SIZE(invalid_cases) + SC_ARRAY_SIZE(valid_progs); i++) {
		const struct prog *p = i < SC_ARRAY_SIZE(invalid_cases)
					   ? &invalid_cases[i].p
					   : &valid_progs[i - SC_ARRAY_SIZE(invalid_cases)];
		struct sc_error err = {0};
		bool ours = bpf_validate(p->insns, p->len, &err) == 0;
		struct seen s;

		in_child(p->insns, p->len, NULL, &s);
		if (ours != (bool)s.loaded)
			fail_msg("%s: bpf_validate %s, the kernel %s (errno %d)", p->name,
				 ours ? "accepts" : "rejects", s.loaded ? "accepts" : "rejects",
				 s.load_errno);
		if (!s.loaded)
			assert_int_equal(s.load_errno, EINVAL);
	}
}

static void test_kernel_length_limits(void **state)
{
	_cleanup_free_ struct sock_filter *max = long_prog(BPF_PROG_MAX);
	_cleanup_free_ struct sock_filter *over = long_prog(BPF_PROG_MAX + 1);
	struct seen s;

	NEED_KERNEL();
	in_child(max, BPF_PROG_MAX, NULL, &s);
	assert_true(s.loaded);
	/* sock_fprog.len is 16 bits: 4097 instructions fit it. */
	in_child(over, BPF_PROG_MAX + 1, NULL, &s);
	assert_false(s.loaded);
	assert_int_equal(s.load_errno, EINVAL);
}

/* Each ALU case wrapped so the kernel reports A: getppid() fails with
 * errno A & 0xfff (ERRNO(0) makes it return 0), a division by X == 0
 * kills the child. */
static void test_kernel_alu(void **state)
{
	NEED_KERNEL();
	for (size_t i = 0; i < SC_ARRAY_SIZE(alu_cases); i++) {
		const struct alu_case *ac = &alu_cases[i];
		struct sock_filter p[11] = {
		    S(BPF_LD | BPF_W | BPF_ABS, 0),
		    J(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 8),
		};
		struct call c = {SYS_getppid, {ac->a0, ac->a1}};
		char what[32];

		alu_prog(ac, p + 2);
		p[6] = (struct sock_filter)S(BPF_ALU | BPF_AND | BPF_K, 0xfff);
		p[7] = (struct sock_filter)S(BPF_ALU | BPF_OR | BPF_K, SECCOMP_RET_ERRNO);
		p[8] = (struct sock_filter)S(BPF_RET | BPF_A, 0);
		p[9] = (struct sock_filter)RET(ALLOW);
		p[10] = (struct sock_filter)RET(ALLOW);
		snprintf(what, sizeof(what), "alu case %zu", i);
		expect_kernel_agrees(what, p, 11, &c);
	}
}

static void test_kernel_ret_actions(void **state)
{
	static const uint32_t rets[] = {ALLOW,
					SECCOMP_RET_LOG,
					ERRNO(1234),
					ERRNO(0),
					ERRNO(5000), /* clamped to MAX_ERRNO */
					SECCOMP_RET_TRACE,
					SECCOMP_RET_USER_NOTIF,
					SECCOMP_RET_TRAP,
					SECCOMP_RET_KILL_THREAD,
					SECCOMP_RET_KILL_PROCESS,
					0x00010000 /* unknown: KILL_PROCESS */};

	NEED_KERNEL();
	for (size_t i = 0; i < SC_ARRAY_SIZE(rets); i++) {
		struct sock_filter p[] = {S(BPF_LD | BPF_W | BPF_ABS, 0),
					  J(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
					  RET(rets[i]), RET(ALLOW)};
		struct call c = {SYS_getppid, {0}};

		expect_kernel_agrees(bpf_ret_action_name(rets[i]), p, SC_ARRAY_SIZE(p), &c);
	}
}

/* ---- libseccomp programs against the kernel -------------------------------- */

typedef int (*build_fn)(scmp_filter_ctx ctx);

/* Build with libseccomp (native arch plus x32 when the native arch is
 * x86_64: x86's multiplexed socketcall cannot take argument rules) and export the program through a
 * memfd. */
static size_t export_prog(uint32_t def, build_fn build, struct sock_filter **out)
{
	scmp_filter_ctx ctx = seccomp_init(def);
	int fd = memfd_create("bpf", 0);
	off_t size;

	assert_non_null(ctx);
	assert_true(fd >= 0);
	assert_int_equal(seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0), 0);
	if (seccomp_arch_native() == SCMP_ARCH_X86_64) {
		assert_int_equal(seccomp_arch_add(ctx, SCMP_ARCH_X32), 0);
	}
	if (def != SCMP_ACT_ALLOW) {
		assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0), 0);
		assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit), 0), 0);
	}
	assert_int_equal(build(ctx), 0);
	assert_int_equal(seccomp_export_bpf(ctx, fd), 0);
	seccomp_release(ctx);
	size = lseek(fd, 0, SEEK_END);
	assert_true(size > 0 && size % (off_t)sizeof(struct sock_filter) == 0);
	*out = malloc((size_t)size);
	assert_non_null(*out);
	assert_int_equal(pread(fd, *out, (size_t)size, 0), size);
	close(fd);
	return (size_t)size / sizeof(struct sock_filter);
}

/* Calls that are harmless when allowed, with arguments around the
 * constants the filters compare against (-1, 0, +1), high words included. */
static const struct call oracle_calls[] = {
    {SYS_getpid, {0}},
    {SYS_getppid, {0}},
    {SYS_personality, {0xffffffff}},
    {SYS_personality, {0xffffffffffffffffull}},
    {SYS_personality, {0x0800}},
    {SYS_personality, {0x0801}},
    {SYS_personality, {0x07ff}},
    {SYS_personality, {0x100000000ull | 0xffffffff}},
    {SYS_personality, {0x100000000ull}},
    {SYS_personality, {0x200000000ull}},
    {SYS_socket, {AF_UNIX, SOCK_STREAM, 0}},
    {SYS_socket, {AF_INET, SOCK_STREAM, 0}},
    {SYS_socket, {AF_INET, SOCK_DGRAM, 0}},
    {SYS_socket, {AF_INET6, SOCK_STREAM, 0}},
    {SYS_socket, {AF_NETLINK, SOCK_RAW, 0}},
    {SYS_socket, {AF_PACKET, SOCK_RAW, 0}},
    {SYS_socket, {AF_INET, SOCK_STREAM, 6}},
    {SYS_socket, {0x100000000ull | AF_INET, SOCK_STREAM, 0}},
    {SYS_close, {4}},
    {SYS_close, {5}},
    {SYS_close, {6}},
    {SYS_close, {20000}},
    {SYS_lseek, {0xffffffffffffffffull, 99, SEEK_SET}},
    {SYS_lseek, {0xffffffffffffffffull, 100, SEEK_SET}},
    {SYS_lseek, {0xffffffffffffffffull, 101, SEEK_CUR}},
    {SYS_lseek, {0xffffffffffffffffull, 0x100000000ull, SEEK_SET}},
    {SYS_umask, {022}},
    {SYS_umask, {0x76}},
    {SYS_umask, {0x77}},
    {SYS_umask, {0x100000000ull}},
    {SYS_umask, {0x100000001ull}},
};

static void oracle(const char *name, uint32_t def, build_fn build)
{
	_cleanup_free_ struct sock_filter *p = NULL;
	size_t len;
	struct sc_error err = {0};

	NEED_KERNEL();
	len = export_prog(def, build, &p);
	if (bpf_validate(p, len, &err) < 0)
		fail_msg("%s: %s", name, err.msg);
	for (size_t i = 0; i < SC_ARRAY_SIZE(oracle_calls); i++)
		expect_kernel_agrees(name, p, len, &oracle_calls[i]);
}

static int build_allowlist(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getpid), 0) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(personality), 1,
				CMP(0, SCMP_CMP_EQ, 0xffffffff, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
				CMP(0, SCMP_CMP_EQ, AF_UNIX, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1002), SCMP_SYS(socket), 1,
				CMP(0, SCMP_CMP_EQ, AF_INET, 0));
}

static int build_masked(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1003), SCMP_SYS(personality), 1,
				CMP(0, SCMP_CMP_MASKED_EQ, 0xff00, 0x0800)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1004), SCMP_SYS(socket), 1,
				CMP(0, SCMP_CMP_GT, AF_INET, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1005), SCMP_SYS(close), 1,
				CMP(0, SCMP_CMP_LE, 5, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1006), SCMP_SYS(umask), 1,
				CMP(0, SCMP_CMP_MASKED_EQ, 0x100000000ull, 0x100000000ull));
}

static int build_kill_default(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1007), SCMP_SYS(getpid), 0) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1008), SCMP_SYS(lseek), 2,
				CMP(1, SCMP_CMP_GE, 100, 0), CMP(2, SCMP_CMP_EQ, SEEK_SET, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(lseek), 1,
				CMP(2, SCMP_CMP_EQ, SEEK_CUR, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(umask), 0) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2,
				CMP(0, SCMP_CMP_EQ, AF_INET, 0),
				CMP(1, SCMP_CMP_EQ, SOCK_STREAM, 0));
}

static int build_wide_args(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(
		   ctx, SCMP_ACT_ERRNO(1009), SCMP_SYS(personality), 1,
		   CMP(0, SCMP_CMP_MASKED_EQ, 0xffffffff00000000ull, 0x100000000ull)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1010), SCMP_SYS(umask), 1,
				CMP(0, SCMP_CMP_GT, 0x100000000ull, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1011), SCMP_SYS(umask), 1,
				CMP(0, SCMP_CMP_LT, 0x77, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1012), SCMP_SYS(lseek), 1,
				CMP(1, SCMP_CMP_GE, 0x100000000ull, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1013), SCMP_SYS(socket), 1,
				CMP(0, SCMP_CMP_NE, AF_UNIX, 0));
}

static int build_trap_log(scmp_filter_ctx ctx)
{
	return seccomp_rule_add(ctx, SCMP_ACT_LOG, SCMP_SYS(getppid), 0) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getpid), 0) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2,
				CMP(0, SCMP_CMP_EQ, AF_INET, 0),
				CMP(1, SCMP_CMP_EQ, SOCK_STREAM, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1014), SCMP_SYS(socket), 1,
				CMP(0, SCMP_CMP_EQ, AF_INET6, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1015), SCMP_SYS(socket), 1,
				CMP(2, SCMP_CMP_NE, 0, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_TRACE(7), SCMP_SYS(close), 1,
				CMP(0, SCMP_CMP_EQ, 6, 0)) ||
	       seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1016), SCMP_SYS(personality), 1,
				CMP(0, SCMP_CMP_LE, 0x800, 0));
}

static void test_oracle_allowlist(void **state)
{
	oracle("allowlist", SCMP_ACT_ERRNO(1001), build_allowlist);
}

static void test_oracle_masked(void **state)
{
	oracle("masked", SCMP_ACT_ALLOW, build_masked);
}

static void test_oracle_kill_default(void **state)
{
	oracle("kill default", SCMP_ACT_KILL_PROCESS, build_kill_default);
}

static void test_oracle_wide_args(void **state)
{
	oracle("wide args", SCMP_ACT_ALLOW, build_wide_args);
}

static void test_oracle_trap_log(void **state)
{
	oracle("trap log", SCMP_ACT_TRAP, build_trap_log);
}

static void test_oracle_kill_thread_default(void **state)
{
	oracle("kill thread default", SCMP_ACT_KILL_THREAD, build_masked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_run_nr_arch),
	    cmocka_unit_test(test_run_arg_halves),
	    cmocka_unit_test(test_run_scratch_len),
	    cmocka_unit_test(test_run_invalid_program),
	    cmocka_unit_test(test_alu_edges),
	    cmocka_unit_test(test_invalid_programs),
	    cmocka_unit_test(test_valid_programs),
	    cmocka_unit_test(test_length_limits),
	    cmocka_unit_test(test_action_names),
	    cmocka_unit_test(test_kernel_accepts_what_validate_accepts),
	    cmocka_unit_test(test_kernel_length_limits),
	    cmocka_unit_test(test_kernel_alu),
	    cmocka_unit_test(test_kernel_ret_actions),
	    cmocka_unit_test(test_oracle_allowlist),
	    cmocka_unit_test(test_oracle_masked),
	    cmocka_unit_test(test_oracle_kill_default),
	    cmocka_unit_test(test_oracle_wide_args),
	    cmocka_unit_test(test_oracle_trap_log),
	    cmocka_unit_test(test_oracle_kill_thread_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
