/* Unit tests for src/bpf/disasm.c: the decoder, the text listing (golden
 * text for small programs) and the JSON listing (parsed back). */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "bpf/bpf.h"
#include "json/json.h"
#include "util/cleanup.h"

#define S(c, k)		BPF_STMT((uint16_t)(c), (k))
#define J(c, k, jt, jf) BPF_JUMP((uint16_t)(c), (k), (jt), (jf))
#define RET(k)		S(BPF_RET | BPF_K, (k))
#define LD(off)		S(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, jt, jf)	J(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))

/* The listing from the brief: arch check, nr dispatch, two actions. */
static const struct sock_filter small[] = {
    LD(4),
    JEQ(AUDIT_ARCH_X86_64, 0, 3),
    LD(0),
    JEQ(257, 1, 0),
    RET(SECCOMP_RET_ERRNO | EPERM),
    RET(SECCOMP_RET_ALLOW),
    RET(SECCOMP_RET_KILL_PROCESS),
};

static char *text_of(const struct sock_filter *p, size_t len, const struct arch_info *arch)
{
	struct sc_error err = {0};
	char *out = NULL;

	if (bpf_disasm_text(p, len, arch, &out, &err) < 0)
		fail_msg("bpf_disasm_text: %s", err.msg);
	return out;
}

static char *json_of(const struct sock_filter *p, size_t len, const struct arch_info *arch)
{
	struct sc_error err = {0};
	struct json_doc *doc = NULL;
	char *out = NULL;

	if (bpf_disasm_json(p, len, arch, &out, &err) < 0)
		fail_msg("bpf_disasm_json: %s", err.msg);
	if (json_parse(out, strlen(out), NULL, &doc, &err) < 0)
		fail_msg("invalid JSON (%s): %s", err.msg, out);
	json_doc_free(doc);
	return out;
}

static void test_decode_fields(void **state)
{
	_cleanup_free_ struct bpf_decoded *d = NULL;
	struct sc_error err = {0};

	assert_int_equal(bpf_decode(small, SC_ARRAY_SIZE(small), &d, &err), 0);
	assert_string_equal(d[0].mnemonic, "ld");
	assert_string_equal(d[0].field, "arch");
	assert_false(d[0].jump);
	assert_string_equal(d[1].mnemonic, "jeq");
	assert_true(d[1].jump);
	assert_int_equal(d[1].target_true, 2);
	assert_int_equal(d[1].target_false, 5);
	assert_int_equal(d[1].k, AUDIT_ARCH_X86_64);
	assert_string_equal(d[2].field, "nr");
	assert_true(d[2].is_label); /* the fall-through target counts */
	assert_true(d[5].is_label);
	assert_false(d[6].is_label);
	assert_string_equal(d[6].mnemonic, "ret");
	assert_null(d[6].field);
}

static void test_decode_field_names(void **state)
{
	static const struct {
		uint32_t off;
		const char *field;
	} c[] = {
	    {0, "nr"},
	    {4, "arch"},
	    {8, "instruction_pointer.lo"},
	    {12, "instruction_pointer.hi"},
	    {16, "args[0].lo"},
	    {20, "args[0].hi"},
	    {24, "args[1].lo"},
	    {56, "args[5].lo"},
	    {60, "args[5].hi"},
	    {64, NULL},
	    {2, NULL},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(c); i++) {
		struct sock_filter p[] = {LD(c[i].off), RET(0)};
		_cleanup_free_ struct bpf_decoded *d = NULL;
		struct sc_error err = {0};

		assert_int_equal(bpf_decode(p, 2, &d, &err), 0);
		if (c[i].field)
			assert_string_equal(d[0].field, c[i].field);
		else
			assert_null(d[0].field);
	}
}

static void test_decode_invalid_program(void **state)
{
	static const struct sock_filter p[] = {
	    S(0xffff, 7),
	    S(BPF_JMP | BPF_JA, 100),
	    J(BPF_JMP | 0x50, 0, 0, 0),
	    S(BPF_LD | BPF_H | BPF_ABS, 0),
	};
	_cleanup_free_ struct bpf_decoded *d = NULL;
	_cleanup_free_ char *text = NULL;
	struct sc_error err = {0};

	assert_int_equal(bpf_decode(p, SC_ARRAY_SIZE(p), &d, &err), 0);
	assert_string_equal(d[0].mnemonic, "unknown");
	assert_false(d[0].jump);
	assert_true(d[1].jump);
	assert_int_equal(d[1].target_true, 102); /* beyond the end: kept, no label */
	assert_string_equal(d[2].mnemonic, "unknown");
	assert_string_equal(d[3].mnemonic, "ldh");
	text = text_of(p, SC_ARRAY_SIZE(p), NULL);
	assert_string_equal(text, "    0000: .insn code=0xffff jt=0 jf=0 k=0x7\n"
				  "    0001: ja   L0102\n"
				  "    0002: .insn code=0x0055 jt=0 jf=0 k=0x0\n"
				  "    0003: ldh  [0]\n");
}

static void test_text_golden(void **state)
{
	_cleanup_free_ char *text = text_of(small, SC_ARRAY_SIZE(small), NULL);

	assert_string_equal(text, "    0000: ld   [4]                         ; arch\n"
				  "    0001: jeq  #0xc000003e, L0002, L0005   ; x86_64\n"
				  "    0002: ld   [0]                         ; nr\n"
				  "    0003: jeq  #257, L0005, L0004          ; openat\n"
				  "    0004: ret  #0x50001                    ; ERRNO(EPERM)\n"
				  "L0005:\n"
				  "    0005: ret  #0x7fff0000                 ; ALLOW\n"
				  "    0006: ret  #0x80000000                 ; KILL_PROCESS\n");
}

static void test_text_every_opcode(void **state)
{
	static const struct sock_filter p[] = {
	    S(BPF_LD | BPF_W | BPF_LEN, 0),
	    S(BPF_LDX | BPF_W | BPF_LEN, 0),
	    S(BPF_LD | BPF_IMM, 7),
	    S(BPF_LDX | BPF_IMM, 0x12345),
	    S(BPF_ST, 1),
	    S(BPF_STX, 2),
	    S(BPF_LD | BPF_MEM, 1),
	    S(BPF_LDX | BPF_MEM, 2),
	    S(BPF_MISC | BPF_TAX, 0),
	    S(BPF_MISC | BPF_TXA, 0),
	    S(BPF_ALU | BPF_NEG, 0),
	    S(BPF_ALU | BPF_LSH | BPF_K, 3),
	    S(BPF_ALU | BPF_RSH | BPF_X, 0),
	    S(BPF_ALU | BPF_XOR | BPF_K, 0xff),
	    J(BPF_JMP | BPF_JSET | BPF_X, 0, 1, 0),
	    J(BPF_JMP | BPF_JGT | BPF_K, 4096, 0, 0),
	    S(BPF_RET | BPF_A, 0),
	};
	_cleanup_free_ char *text = text_of(p, SC_ARRAY_SIZE(p), NULL);

	assert_string_equal(text, "    0000: ld   #len\n"
				  "    0001: ldx  #len\n"
				  "    0002: ld   #7\n"
				  "    0003: ldx  #0x12345\n"
				  "    0004: st   M[1]\n"
				  "    0005: stx  M[2]\n"
				  "    0006: ld   M[1]\n"
				  "    0007: ldx  M[2]\n"
				  "    0008: tax\n"
				  "    0009: txa\n"
				  "    0010: neg\n"
				  "    0011: lsh  #3\n"
				  "    0012: rsh  x\n"
				  "    0013: xor  #255\n"
				  "    0014: jset x, L0016, L0015\n"
				  "    0015: jgt  #0x1000, L0016, L0016\n"
				  "L0016:\n"
				  "    0016: ret  a\n");
}

static void test_text_arch_argument(void **state)
{
	static const struct sock_filter p[] = {LD(0), JEQ(59, 0, 1), RET(SECCOMP_RET_KILL_PROCESS),
					       RET(SECCOMP_RET_ALLOW)};
	_cleanup_free_ char *none = text_of(p, SC_ARRAY_SIZE(p), NULL);
	_cleanup_free_ char *x64 = text_of(p, SC_ARRAY_SIZE(p), arch_by_token(AUDIT_ARCH_X86_64));
	_cleanup_free_ char *x86 = text_of(p, SC_ARRAY_SIZE(p), arch_by_token(AUDIT_ARCH_I386));

	assert_non_null(strstr(none, "jeq  #59, L0002, L0003           ; nr\n"));
	assert_non_null(strstr(x64, "; execve\n"));
	assert_non_null(strstr(x86, "; oldolduname\n"));
}

/* The arch is known on the true branch of `jeq arch` only, and a tracked
 * arch wins over the argument. */
static void test_text_arch_tracking(void **state)
{
	static const struct sock_filter p[] = {
	    LD(4),
	    JEQ(AUDIT_ARCH_I386, 0, 3),
	    LD(0),
	    JEQ(11, 4, 0), /* execve on x86 */
	    RET(SECCOMP_RET_ALLOW),
	    LD(0),
	    JEQ(11, 0, 1), /* arch not known here */
	    RET(SECCOMP_RET_KILL_PROCESS),
	    RET(SECCOMP_RET_ALLOW),
	};
	_cleanup_free_ char *none = text_of(p, SC_ARRAY_SIZE(p), NULL);
	_cleanup_free_ char *x64 = text_of(p, SC_ARRAY_SIZE(p), arch_by_token(AUDIT_ARCH_X86_64));

	assert_non_null(strstr(none, "    0003: jeq  #11, L0008, L0004           ; execve\n"));
	assert_non_null(strstr(none, "    0006: jeq  #11, L0007, L0008           ; nr\n"));
	assert_non_null(strstr(x64, "    0003: jeq  #11, L0008, L0004           ; execve\n"));
	assert_non_null(strstr(x64, "    0006: jeq  #11, L0007, L0008           ; munmap\n"));
}

static void test_text_actions(void **state)
{
	static const struct {
		uint32_t ret;
		const char *comment;
	} c[] = {
	    {SECCOMP_RET_ERRNO | EPERM, "; ERRNO(EPERM)\n"},
	    {SECCOMP_RET_ERRNO | ENOSYS, "; ERRNO(ENOSYS)\n"},
	    {SECCOMP_RET_ERRNO | 4000, "; ERRNO(4000)\n"},
	    {SECCOMP_RET_TRACE | 7, "; TRACE(7)\n"},
	    {SECCOMP_RET_TRAP, "; TRAP\n"},
	    {SECCOMP_RET_KILL_THREAD, "; KILL_THREAD\n"},
	    {SECCOMP_RET_USER_NOTIF, "; USER_NOTIF\n"},
	    {SECCOMP_RET_LOG, "; LOG\n"},
	    {0x00010000, "; UNKNOWN\n"},
	};

	for (size_t i = 0; i < SC_ARRAY_SIZE(c); i++) {
		struct sock_filter p[] = {RET(c[i].ret)};
		_cleanup_free_ char *text = text_of(p, 1, NULL);

		if (!strstr(text, c[i].comment))
			fail_msg("0x%x: \"%s\" lacks \"%s\"", c[i].ret, text, c[i].comment);
	}
}

static void test_empty_program(void **state)
{
	_cleanup_free_ char *text = text_of(small, 0, NULL);
	_cleanup_free_ char *json = json_of(small, 0, NULL);

	assert_string_equal(text, "");
	assert_string_equal(json, "{\"schema\":1,\"length\":0,\"instructions\":[]}\n");
}

static void test_json_keys(void **state)
{
	_cleanup_free_ char *json = json_of(small, SC_ARRAY_SIZE(small), NULL);

	assert_non_null(strstr(json, "{\"schema\":1,\"length\":7,\"instructions\":[{\"index\":0,"
				     "\"code\":32,\"jt\":0,\"jf\":0,\"k\":4,\"op\":\"ld\","));
	assert_non_null(strstr(json, "\"field\":\"arch\",\"target_true\":2,\"target_false\":5,"
				     "\"arch\":\"x86_64\"}"));
	assert_non_null(
	    strstr(json, "\"target_true\":5,\"target_false\":4,\"syscall\":\"openat\"}"));
	assert_non_null(strstr(json, "\"label\":\"L0005\",\"action\":\"ALLOW\"}"));
	/* absent keys are omitted */
	assert_non_null(strstr(json, "{\"index\":6,\"code\":6,\"jt\":0,\"jf\":0,\"k\":2147483648,"
				     "\"op\":\"ret\",\"text\":\"ret  #0x80000000\","
				     "\"action\":\"KILL_PROCESS\"}]}\n"));
}

static size_t export(scmp_filter_ctx ctx, struct sock_filter **out)
{
	int fd = memfd_create("bpf", 0);
	off_t size;

	assert_true(fd >= 0);
	assert_int_equal(seccomp_export_bpf(ctx, fd), 0);
	size = lseek(fd, 0, SEEK_END);
	*out = malloc((size_t)size);
	assert_non_null(*out);
	assert_int_equal(pread(fd, *out, (size_t)size, 0), size);
	close(fd);
	return (size_t)size / sizeof(**out);
}

/* A two-arch libseccomp program: syscall names for both arches, every
 * instruction listed once, JSON parses. */
static void test_libseccomp_two_arches(void **state)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	_cleanup_free_ struct sock_filter *p = NULL;
	_cleanup_free_ char *text = NULL, *json = NULL;
	size_t len, lines = 0;

	assert_non_null(ctx);
	assert_int_equal(seccomp_arch_add(ctx, SCMP_ARCH_X86), 0);
	if (seccomp_arch_native() != SCMP_ARCH_X86_64) {
		assert_int_equal(seccomp_arch_add(ctx, SCMP_ARCH_X86_64), 0);
		assert_int_equal(seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE), 0);
	}
	assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 0), 0);
	assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(personality), 1,
					  SCMP_A0(SCMP_CMP_MASKED_EQ, 0xff, 8)),
			 0);
	len = export(ctx, &p);
	seccomp_release(ctx);
	text = text_of(p, len, NULL);
	json = json_of(p, len, NULL);
	for (const char *s = text; (s = strstr(s, "    0")); s++)
		lines++;
	assert_int_equal(lines, len);
	assert_non_null(strstr(text, "jeq  #257,")); /* openat, x86_64 */
	assert_non_null(strstr(text, "; openat\n"));
	assert_non_null(strstr(text, "jeq  #295,")); /* openat, x86 */
	assert_non_null(strstr(text, "; x86\n"));
	assert_non_null(strstr(text, "; x86_64\n"));
	assert_non_null(strstr(text, "; args[0].lo\n"));
	assert_non_null(strstr(text, "; ERRNO(EPERM)\n"));
	assert_non_null(strstr(json, "\"syscall\":\"personality\""));
	assert_null(strstr(text, "; oldolduname")); /* 59 on x86 never compared */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_fields),
	    cmocka_unit_test(test_decode_field_names),
	    cmocka_unit_test(test_decode_invalid_program),
	    cmocka_unit_test(test_text_golden),
	    cmocka_unit_test(test_text_every_opcode),
	    cmocka_unit_test(test_text_arch_argument),
	    cmocka_unit_test(test_text_arch_tracking),
	    cmocka_unit_test(test_text_actions),
	    cmocka_unit_test(test_empty_program),
	    cmocka_unit_test(test_json_keys),
	    cmocka_unit_test(test_libseccomp_two_arches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
