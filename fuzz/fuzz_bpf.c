/* libFuzzer harness for the BPF tools that read untrusted programs:
 * validator, emulator, decoder, both disassemblers, the action-cache test.
 *
 * Input: the first 64 bytes are a struct seccomp_data (zero-filled when
 * shorter), the rest is a program (whole 8-byte instructions, at most 4097
 * so the length limit is exercised).  Properties, abort() on failure:
 *   - bpf_run() on a program bpf_validate() accepts succeeds, executes at
 *     least one and at most len instructions, and is deterministic;
 *   - on a program it refuses, bpf_run() refuses too;
 *   - decoding and both listings succeed for any program, valid or not,
 *     and the JSON listing is valid JSON to our own strict reader;
 *   - when bpf_cache_const_allow() says the kernel may cache ALLOW for the
 *     input's (arch, nr), the program returns ALLOW whatever the arguments
 *     and instruction pointer are (checked with four argument patterns).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"
#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
	fprintf(stderr, "fuzz_bpf: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seccomp_data d = {0};
	struct sock_filter *insns;
	struct bpf_decoded *dec = NULL;
	struct bpf_result r1, r2;
	char *text = NULL, *json = NULL;
	size_t head = size < sizeof(d) ? size : sizeof(d), len;
	bool valid;

	memcpy(&d, data, head);
	len = (size - head) / sizeof(*insns);
	if (len > BPF_PROG_MAX + 1)
		len = BPF_PROG_MAX + 1;
	insns = malloc((len ? len : 1) * sizeof(*insns));
	if (!insns)
		return 0;
	memcpy(insns, data + head, len * sizeof(*insns));

	valid = bpf_validate(insns, len, NULL) == 0;
	if (valid) {
		if (bpf_run(insns, len, &d, &r1, NULL) != 0 ||
		    bpf_run(insns, len, &d, &r2, NULL) != 0)
			violation("a valid program did not run");
		if (r1.executed < 1 || r1.executed > len)
			violation("executed count out of range");
		if (r1.ret != r2.ret || r1.executed != r2.executed)
			violation("two runs differ");
		if (bpf_cache_const_allow(insns, len, d.arch, (uint32_t)d.nr)) {
			static const uint64_t pats[] = {0, ~0ull, 0x8000000000000000ull, 1};

			for (size_t p = 0; p < sizeof(pats) / sizeof(pats[0]); p++) {
				struct seccomp_data e = d;

				for (int i = 0; i < 6; i++)
					e.args[i] = pats[p] ^ (uint64_t)i;
				e.instruction_pointer = pats[p];
				if (bpf_run(insns, len, &e, &r2, NULL) != 0 ||
				    r2.ret != SECCOMP_RET_ALLOW)
					violation(
					    "cacheable as ALLOW, but the arguments change it");
			}
		}
	} else if (bpf_run(insns, len, &d, &r1, NULL) == 0) {
		violation("an invalid program ran");
	}
	if (len > 0) {
		struct json_doc *doc = NULL;

		if (bpf_decode(insns, len, &dec, NULL) != 0 ||
		    bpf_disasm_text(insns, len, NULL, &text, NULL) != 0 ||
		    bpf_disasm_json(insns, len, arch_native(), &json, NULL) != 0)
			violation("decode or listing failed");
		if (json_parse(json, strlen(json), NULL, &doc, NULL) != 0)
			violation("the JSON listing does not parse");
		json_doc_free(doc);
	}
	free(dec);
	free(text);
	free(json);
	free(insns);
	return 0;
}
