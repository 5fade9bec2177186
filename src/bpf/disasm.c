/* The seccomp classic-BPF disassembler: one decoder, two renderers (text
 * and JSON) over the same decoded form and the same annotations.
 *
 * Annotations come from a forward data-flow pass that the program's shape
 * makes cheap: classic BPF only jumps forward, so visiting instructions in
 * order sees every predecessor of an instruction before the instruction.
 * The pass tracks which seccomp_data field the accumulator holds and which
 * arch a preceding `jeq #AUDIT_ARCH_*` on the arch field established; two
 * paths that disagree meet as "unknown". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"
#include "util/cleanup.h"
#include "util/strbuf.h"

/* struct seccomp_data word by word, in this machine's byte order (the
 * kernel fills it natively; a 64-bit field's low word comes first on a
 * little-endian CPU). */
static const char *const field_names[] = {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    "nr",
    "arch",
    "instruction_pointer.hi",
    "instruction_pointer.lo",
    "args[0].hi",
    "args[0].lo",
    "args[1].hi",
    "args[1].lo",
    "args[2].hi",
    "args[2].lo",
    "args[3].hi",
    "args[3].lo",
    "args[4].hi",
    "args[4].lo",
    "args[5].hi",
    "args[5].lo",
#else
    "nr",
    "arch",
    "instruction_pointer.lo",
    "instruction_pointer.hi",
    "args[0].lo",
    "args[0].hi",
    "args[1].lo",
    "args[1].hi",
    "args[2].lo",
    "args[2].hi",
    "args[3].lo",
    "args[3].hi",
    "args[4].lo",
    "args[4].hi",
    "args[5].lo",
    "args[5].hi",
#endif
};
#define FIELD_NR   0
#define FIELD_ARCH 1

static const char *mnemonic(uint16_t code)
{
	static const char *const alu_ops[16] = {"add", "sub", "mul", "div", "or", "and",
						"lsh", "rsh", "neg", "mod", "xor"};
	static const char *const jmp_ops[16] = {"ja", "jeq", "jgt", "jge", "jset"};

	switch (BPF_CLASS(code)) {
	case BPF_LD:
		switch (BPF_SIZE(code)) {
		case BPF_H: return "ldh";
		case BPF_B: return "ldb";
		case BPF_W: return "ld";
		default: return NULL;
		}
	case BPF_LDX: return BPF_MODE(code) == BPF_MSH ? "ldxb" : "ldx";
	case BPF_ST: return "st";
	case BPF_STX: return "stx";
	case BPF_ALU: return alu_ops[BPF_OP(code) >> 4];
	case BPF_JMP: return jmp_ops[BPF_OP(code) >> 4];
	case BPF_RET: return "ret";
	default: /* BPF_MISC */
		switch (BPF_MISCOP(code)) {
		case BPF_TAX: return "tax";
		case BPF_TXA: return "txa";
		default: return NULL;
		}
	}
}

int bpf_decode(const struct sock_filter *insns, size_t len, struct bpf_decoded **out,
	       struct sc_error *err)
{
	_cleanup_free_ struct bpf_decoded *d = NULL;

	if (!insns && len)
		return sc_error_set(err, -EINVAL, "no instructions");
	d = calloc(len ? len : 1, sizeof(*d));
	if (!d)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < len; i++) {
		const struct sock_filter *f = &insns[i];
		struct bpf_decoded *o = &d[i];

		o->index = i;
		o->code = f->code;
		o->jt = f->jt;
		o->jf = f->jf;
		o->k = f->k;
		o->mnemonic = mnemonic(f->code);
		if (!o->mnemonic)
			o->mnemonic = "unknown";
		if (f->code == (BPF_LD | BPF_W | BPF_ABS) && f->k % 4 == 0 &&
		    f->k / 4 < SC_ARRAY_SIZE(field_names))
			o->field = field_names[f->k / 4];
		if (BPF_CLASS(f->code) == BPF_JMP && mnemonic(f->code)) {
			o->jump = true;
			if (BPF_OP(f->code) == BPF_JA) {
				o->target_true = i + 1 + (size_t)f->k;
				o->target_false = o->target_true;
			} else {
				o->target_true = i + 1 + f->jt;
				o->target_false = i + 1 + f->jf;
			}
		}
	}
	for (size_t i = 0; i < len; i++) {
		if (!d[i].jump)
			continue;
		if (d[i].target_true < len)
			d[d[i].target_true].is_label = true;
		if (d[i].target_false < len)
			d[d[i].target_false].is_label = true;
	}
	*out = steal_ptr(&d);
	return 0;
}

/* What the pass knows before an instruction runs. */
struct flow {
	bool reached;
	int field;     /* field_names index held by A, or -1 */
	uint32_t arch; /* AUDIT_ARCH_* established on every path, or 0 */
};

/* What the renderers print next to an instruction. */
struct note {
	const char *field;   /* the field A is compared against (jumps) */
	const char *syscall; /* syscall name for nr comparisons */
	const char *arch;    /* arch name for arch comparisons */
	char action[48];     /* "ERRNO(EPERM)" for ret #k */
};

static void merge(struct flow *to, const struct flow *from)
{
	if (!to->reached) {
		*to = *from;
		to->reached = true;
		return;
	}
	if (to->field != from->field)
		to->field = -1;
	if (to->arch != from->arch)
		to->arch = 0;
}

static void action_text(uint32_t ret, char *buf, size_t n)
{
	const char *name = bpf_ret_action_name(ret);
	uint16_t data = bpf_ret_data(ret);
	uint32_t act = bpf_ret_action(ret);

	if (act == SECCOMP_RET_ERRNO) {
		const char *e = strerrorname_np(data);

		if (e)
			snprintf(buf, n, "%s(%s)", name, e);
		else
			snprintf(buf, n, "%s(%u)", name, data);
	} else if (data && (act == SECCOMP_RET_TRACE || act == SECCOMP_RET_TRAP)) {
		snprintf(buf, n, "%s(%u)", name, data);
	} else {
		snprintf(buf, n, "%s", name);
	}
}

static int annotate(const struct sock_filter *insns, const struct bpf_decoded *d, size_t len,
		    const struct arch_info *arch, struct note **out, struct sc_error *err)
{
	_cleanup_free_ struct flow *in = calloc(len ? len : 1, sizeof(*in));
	_cleanup_free_ struct note *notes = calloc(len ? len : 1, sizeof(*notes));
	struct flow start = {.reached = true, .field = -1, .arch = 0};

	if (!in || !notes)
		return sc_error_set(err, -ENOMEM, "out of memory");
	if (len)
		in[0] = start;
	for (size_t i = 0; i < len; i++) {
		const struct sock_filter *f = &insns[i];
		struct flow s = in[i], t;
		struct note *n = &notes[i];

		if (!s.reached) /* dead code: say nothing we cannot know */
			s = start;
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			s.field = -1;
			if (d[i].field)
				s.field = (int)(f->k / 4);
			break;
		case BPF_ALU:
		case BPF_MISC:
			if (f->code != (BPF_MISC | BPF_TAX))
				s.field = -1;
			break;
		case BPF_RET:
			if (BPF_RVAL(f->code) == BPF_K)
				action_text(f->k, n->action, sizeof(n->action));
			continue;
		default: break;
		}
		if (!d[i].jump) {
			if (i + 1 < len)
				merge(&in[i + 1], &s);
			continue;
		}
		t = s;
		if (BPF_OP(f->code) != BPF_JA && s.field >= 0 && BPF_SRC(f->code) == BPF_K) {
			const struct arch_info *a = s.arch ? arch_by_token(s.arch) : arch;

			n->field = field_names[s.field];
			if (s.field == FIELD_ARCH) {
				const struct arch_info *c = arch_by_token(f->k);

				n->arch = c ? c->name : NULL;
				if (BPF_OP(f->code) == BPF_JEQ)
					t.arch = f->k;
			} else if (s.field == FIELD_NR && a && BPF_OP(f->code) == BPF_JEQ) {
				n->syscall = arch_syscall_name(a, (int)f->k);
			}
		}
		if (d[i].target_true < len)
			merge(&in[d[i].target_true], &t);
		if (d[i].target_false < len)
			merge(&in[d[i].target_false], &s);
	}
	*out = steal_ptr(&notes);
	return 0;
}

static void imm(char *buf, size_t n, uint32_t k)
{
	if (k < 4096)
		snprintf(buf, n, "#%u", k);
	else
		snprintf(buf, n, "#0x%x", k);
}

/* The instruction without its comment: "jeq #257, L0009, L0005". */
static void insn_text(const struct bpf_decoded *d, char *buf, size_t n)
{
	const char *m = d->mnemonic;
	char k[24];
	bool x = BPF_SRC(d->code) == BPF_X;

	imm(k, sizeof(k), d->k);
	if (!strcmp(m, "unknown")) {
		snprintf(buf, n, ".insn code=0x%04x jt=%u jf=%u k=0x%x", d->code, d->jt, d->jf,
			 d->k);
		return;
	}
	switch (BPF_CLASS(d->code)) {
	case BPF_LD:
	case BPF_LDX:
		switch (BPF_MODE(d->code)) {
		case BPF_ABS: snprintf(buf, n, "%-5s[%u]", m, d->k); break;
		case BPF_IND: snprintf(buf, n, "%-5s[x + %u]", m, d->k); break;
		case BPF_LEN: snprintf(buf, n, "%-5s#len", m); break;
		case BPF_IMM: snprintf(buf, n, "%-5s%s", m, k); break;
		case BPF_MEM: snprintf(buf, n, "%-5sM[%u]", m, d->k); break;
		case BPF_MSH: snprintf(buf, n, "%-5s4*([%u]&0xf)", m, d->k); break;
		default: snprintf(buf, n, "%-5s?mode 0x%x", m, BPF_MODE(d->code)); break;
		}
		break;
	case BPF_ST:
	case BPF_STX: snprintf(buf, n, "%-5sM[%u]", m, d->k); break;
	case BPF_ALU:
		if (BPF_OP(d->code) == BPF_NEG)
			snprintf(buf, n, "%s", m);
		else
			snprintf(buf, n, "%-5s%s", m, x ? "x" : k);
		break;
	case BPF_JMP:
		if (BPF_OP(d->code) == BPF_JA)
			snprintf(buf, n, "%-5sL%04zu", m, d->target_true);
		else
			snprintf(buf, n, "%-5s%s, L%04zu, L%04zu", m, x ? "x" : k, d->target_true,
				 d->target_false);
		break;
	case BPF_RET:
		if (BPF_RVAL(d->code) == BPF_A)
			snprintf(buf, n, "%-5sa", m);
		else
			snprintf(buf, n, "%-5s#0x%x", m, d->k);
		break;
	default: snprintf(buf, n, "%s", m); break;
	}
}

static int prepare(const struct sock_filter *insns, size_t len, const struct arch_info *arch,
		   struct bpf_decoded **d, struct note **notes, struct sc_error *err)
{
	int rc = bpf_decode(insns, len, d, err);

	if (rc < 0)
		return rc;
	rc = annotate(insns, *d, len, arch, notes, err);
	if (rc < 0) {
		free(*d);
		*d = NULL;
	}
	return rc;
}

static int finish(struct sc_strbuf *b, char **out, struct sc_error *err)
{
	if (sc_strbuf_failed(b)) {
		sc_strbuf_free(b);
		return sc_error_set(err, -ENOMEM, "out of memory");
	}
	if (!b->data)
		sc_strbuf_puts(b, "");
	*out = sc_strbuf_steal(b);
	if (!*out)
		return sc_error_set(err, -ENOMEM, "out of memory");
	return 0;
}

int bpf_disasm_text(const struct sock_filter *insns, size_t len, const struct arch_info *arch,
		    char **out, struct sc_error *err)
{
	_cleanup_free_ struct bpf_decoded *d = NULL;
	_cleanup_free_ struct note *notes = NULL;
	_cleanup_free_ bool *far = NULL;
	struct sc_strbuf b = {0};
	int rc = prepare(insns, len, arch, &d, &notes, err);

	if (rc < 0)
		return rc;
	/* Print a label line only where a jump lands from afar: a target that
	 * is also the next instruction (libseccomp's "jt 0") needs none. */
	far = calloc(len ? len : 1, sizeof(*far));
	if (!far)
		return sc_error_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < len; i++) {
		if (!d[i].jump)
			continue;
		if (d[i].target_true < len && d[i].target_true != i + 1)
			far[d[i].target_true] = true;
		if (d[i].target_false < len && d[i].target_false != i + 1)
			far[d[i].target_false] = true;
	}
	for (size_t i = 0; i < len; i++) {
		const struct note *n = &notes[i];
		const char *comment = NULL;
		char text[96];

		if (far[i])
			sc_strbuf_printf(&b, "L%04zu:\n", i);
		insn_text(&d[i], text, sizeof(text));
		if (d[i].field)
			comment = d[i].field;
		else if (n->syscall)
			comment = n->syscall;
		else if (n->arch)
			comment = n->arch;
		else if (n->action[0])
			comment = n->action;
		else if (n->field)
			comment = n->field;
		if (comment)
			sc_strbuf_printf(&b, "    %04zu: %-32s ; %s\n", i, text, comment);
		else
			sc_strbuf_printf(&b, "    %04zu: %s\n", i, text);
	}
	return finish(&b, out, err);
}

static void json_key_str(struct sc_strbuf *b, const char *key, const char *val)
{
	sc_strbuf_printf(b, ",\"%s\":", key);
	sc_strbuf_json_string(b, val, strlen(val));
}

int bpf_disasm_json(const struct sock_filter *insns, size_t len, const struct arch_info *arch,
		    char **out, struct sc_error *err)
{
	_cleanup_free_ struct bpf_decoded *d = NULL;
	_cleanup_free_ struct note *notes = NULL;
	struct sc_strbuf b = {0};
	int rc = prepare(insns, len, arch, &d, &notes, err);

	if (rc < 0)
		return rc;
	sc_strbuf_printf(&b, "{\"schema\":1,\"length\":%zu,\"instructions\":[", len);
	for (size_t i = 0; i < len; i++) {
		const struct note *n = &notes[i];
		char text[96];

		insn_text(&d[i], text, sizeof(text));
		sc_strbuf_printf(&b, "%s{\"index\":%zu,\"code\":%u,\"jt\":%u,\"jf\":%u,\"k\":%u",
				 i ? "," : "", i, d[i].code, d[i].jt, d[i].jf, d[i].k);
		json_key_str(&b, "op", d[i].mnemonic);
		json_key_str(&b, "text", text);
		if (d[i].field)
			json_key_str(&b, "field", d[i].field);
		else if (n->field)
			json_key_str(&b, "field", n->field);
		if (d[i].jump)
			sc_strbuf_printf(&b, ",\"target_true\":%zu,\"target_false\":%zu",
					 d[i].target_true, d[i].target_false);
		if (d[i].is_label)
			sc_strbuf_printf(&b, ",\"label\":\"L%04zu\"", i);
		if (n->syscall)
			json_key_str(&b, "syscall", n->syscall);
		if (n->arch)
			json_key_str(&b, "arch", n->arch);
		if (n->action[0])
			json_key_str(&b, "action", n->action);
		sc_strbuf_putc(&b, '}');
	}
	sc_strbuf_puts(&b, "]}\n");
	return finish(&b, out, err);
}
