/* The seccomp classic-BPF validator and emulator.
 *
 * The validator follows the kernel's two passes over a seccomp program:
 * bpf_check_classic() in net/core/filter.c (known opcodes, jump ranges,
 * constant divisors, shift amounts, scratch slots, final RET and
 * check_load_and_stores()) and seccomp_check_filter() in kernel/seccomp.c
 * (the opcode subset seccomp keeps, loads only of aligned words inside
 * struct seccomp_data, BPF_LEN rewritten to sizeof(struct seccomp_data)).
 * Both reject with EINVAL, so one pass over the instructions accepts
 * exactly the same programs.
 *
 * The emulator runs what the kernel runs after bpf_convert_filter(): A and
 * X start at 0, arithmetic is 32-bit and wraps, a division by X == 0 ends the program with return
 * value 0, and register shifts use the low five bits of X as the 32-bit shift instructions of the
 * JITs and the interpreter's host CPU do. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"

#define SECCOMP_DATA_SIZE ((uint32_t)sizeof(struct seccomp_data))

/* The codes seccomp_check_filter() lets through, after bpf_check_classic()
 * has accepted them.  Everything else (packet loads of bytes or halves,
 * indirect loads, BPF_MSH, ancillary data) is rejected by one or the
 * other.  BPF_MOD is absent on purpose: bpf_check_classic() knows it but
 * seccomp's list never gained it, and seccomp(2) answers EINVAL (checked
 * against the running kernel by test_bpf_emu). */
static bool seccomp_code_ok(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X: return true;
	default: return false;
	}
}

static bool is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

/* check_load_and_stores(): a scratch slot may be read only when every
 * path reaching the read has stored to it.  The kernel's walk is linear:
 * a jump hands its known-valid set to its targets and then assumes "all
 * valid" for the instruction after it, which is reached only by jumps
 * (conditional jumps with a zero offset included).  A RET does not reset
 * the set; we keep that quirk so we accept what the kernel accepts. */
static int check_scratch(const struct sock_filter *insns, size_t len, struct sc_error *err)
{
	uint16_t *masks = malloc(len * sizeof(*masks));
	uint16_t valid = 0;
	int rc = 0;

	if (!masks)
		return sc_error_set(err, -ENOMEM, "out of memory");
	memset(masks, 0xff, len * sizeof(*masks));
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];

		valid &= masks[pc];
		switch (f->code) {
		case BPF_ST:
		case BPF_STX: valid |= (uint16_t)(1u << f->k); break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << f->k))) {
				rc =
				    sc_error_set(err, -EINVAL,
						 "insn %zu: scratch M[%u] may be read before it is "
						 "written",
						 pc, f->k);
				goto out;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + f->k] &= valid;
			valid = 0xffff;
			break;
		default:
			if (is_cond_jump(f->code)) {
				masks[pc + 1 + f->jt] &= valid;
				masks[pc + 1 + f->jf] &= valid;
				valid = 0xffff;
			}
			break;
		}
	}
out:
	free(masks);
	return rc;
}

int bpf_validate(const struct sock_filter *insns, size_t len, struct sc_error *err)
{
	if (!insns || len == 0)
		return sc_error_set(err, -EINVAL, "empty program");
	if (len > BPF_PROG_MAX)
		return sc_error_set(err, -EINVAL, "program has %zu instructions; the limit is %d",
				    len, BPF_PROG_MAX);
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];
		uint16_t code = f->code;

		if (!seccomp_code_ok(code))
			return sc_error_set(
			    err, -EINVAL, "insn %zu: opcode 0x%04x not allowed in a seccomp filter",
			    pc, code);
		switch (code) {
		case BPF_ALU | BPF_DIV | BPF_K:
			if (f->k == 0)
				return sc_error_set(err, -EINVAL,
						    "insn %zu: division by constant 0", pc);
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			if (f->k >= 32)
				return sc_error_set(err, -EINVAL,
						    "insn %zu: shift by constant %u (must be < 32)",
						    pc, f->k);
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				return sc_error_set(
				    err, -EINVAL,
				    "insn %zu: scratch slot M[%u] out of range (0..%d)", pc, f->k,
				    BPF_MEMWORDS - 1);
			break;
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k >= SECCOMP_DATA_SIZE)
				return sc_error_set(
				    err, -EINVAL,
				    "insn %zu: load offset %u beyond seccomp_data (%u "
				    "bytes)",
				    pc, f->k, SECCOMP_DATA_SIZE);
			if (f->k & 3)
				return sc_error_set(err, -EINVAL,
						    "insn %zu: load offset %u not 32-bit aligned",
						    pc, f->k);
			break;
		case BPF_JMP | BPF_JA:
			if ((uint64_t)f->k >= len - pc - 1)
				return sc_error_set(
				    err, -EINVAL,
				    "insn %zu: jump target %llu beyond the end (len %zu)", pc,
				    (unsigned long long)pc + 1 + f->k, len);
			break;
		default:
			if (is_cond_jump(code)) {
				size_t t = pc + 1 + f->jt, e = pc + 1 + f->jf;

				if (t >= len || e >= len)
					return sc_error_set(
					    err, -EINVAL,
					    "insn %zu: jump target %zu beyond the end (len %zu)",
					    pc, t >= len ? t : e, len);
			}
			break;
		}
	}
	if (BPF_CLASS(insns[len - 1].code) != BPF_RET)
		return sc_error_set(err, -EINVAL, "insn %zu: the last instruction is not a ret",
				    len - 1);
	return check_scratch(insns, len, err);
}

static uint32_t load_word(const struct seccomp_data *d, uint32_t off)
{
	uint32_t w;

	memcpy(&w, (const unsigned char *)d + off, sizeof(w));
	return w;
}

static bool jump_taken(uint16_t code, uint32_t a, uint32_t operand)
{
	switch (BPF_OP(code)) {
	case BPF_JEQ: return a == operand;
	case BPF_JGT: return a > operand;
	case BPF_JGE: return a >= operand;
	default: return (a & operand) != 0; /* BPF_JSET */
	}
}

/* One ALU step; false when the program ends here (divisor X == 0). */
static bool alu(uint16_t code, uint32_t *a, uint32_t operand)
{
	switch (BPF_OP(code)) {
	case BPF_ADD: *a += operand; break;
	case BPF_SUB: *a -= operand; break;
	case BPF_MUL: *a *= operand; break;
	case BPF_DIV:
		if (operand == 0)
			return false;
		*a /= operand;
		break;
	case BPF_AND: *a &= operand; break;
	case BPF_OR: *a |= operand; break;
	case BPF_XOR: *a ^= operand; break;
	case BPF_LSH: *a <<= (operand & 31); break;
	case BPF_RSH: *a >>= (operand & 31); break;
	default: *a = 0u - *a; break; /* BPF_NEG */
	}
	return true;
}

int bpf_run(const struct sock_filter *insns, size_t len, const struct seccomp_data *d,
	    struct bpf_result *out, struct sc_error *err)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};
	size_t pc = 0, executed = 0;
	int rc = bpf_validate(insns, len, err);

	if (rc < 0)
		return rc;
	/* A valid program only jumps forward and ends in RET, so it halts
	 * within len steps. */
	for (;;) {
		const struct sock_filter *f = &insns[pc];
		uint32_t operand = BPF_SRC(f->code) == BPF_X ? x : f->k;

		executed++;
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			switch (BPF_MODE(f->code)) {
			case BPF_ABS: a = load_word(d, f->k); break;
			case BPF_LEN: a = SECCOMP_DATA_SIZE; break;
			case BPF_IMM: a = f->k; break;
			default: a = mem[f->k]; break; /* BPF_MEM */
			}
			break;
		case BPF_LDX:
			switch (BPF_MODE(f->code)) {
			case BPF_LEN: x = SECCOMP_DATA_SIZE; break;
			case BPF_IMM: x = f->k; break;
			default: x = mem[f->k]; break; /* BPF_MEM */
			}
			break;
		case BPF_ST: mem[f->k] = a; break;
		case BPF_STX: mem[f->k] = x; break;
		case BPF_ALU:
			if (!alu(f->code, &a, operand)) {
				out->ret = 0;
				out->executed = executed;
				return 0;
			}
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA)
				pc += f->k;
			else
				pc += jump_taken(f->code, a, operand) ? f->jt : f->jf;
			break;
		case BPF_RET:
			out->ret = BPF_RVAL(f->code) == BPF_A ? a : f->k;
			out->executed = executed;
			return 0;
		default: /* BPF_MISC */
			if (BPF_MISCOP(f->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
		pc++;
	}
}

uint32_t bpf_ret_action(uint32_t ret)
{
	return ret & SECCOMP_RET_ACTION_FULL;
}

const char *bpf_ret_action_name(uint32_t ret)
{
	switch (bpf_ret_action(ret)) {
	case SECCOMP_RET_KILL_PROCESS: return "KILL_PROCESS";
	case SECCOMP_RET_KILL_THREAD: return "KILL_THREAD";
	case SECCOMP_RET_TRAP: return "TRAP";
	case SECCOMP_RET_ERRNO: return "ERRNO";
	case SECCOMP_RET_USER_NOTIF: return "USER_NOTIF";
	case SECCOMP_RET_TRACE: return "TRACE";
	case SECCOMP_RET_LOG: return "LOG";
	case SECCOMP_RET_ALLOW: return "ALLOW";
	default: return "UNKNOWN";
	}
}

uint16_t bpf_ret_data(uint32_t ret)
{
	return (uint16_t)(ret & SECCOMP_RET_DATA);
}
