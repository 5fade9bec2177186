/* libFuzzer harness for the report decoder (src/sandbox/decode*.c), whose
 * input is the memory and registers of a process under `run --report`:
 * untrusted.  The bytes give an ABI, a syscall number, six arguments and a
 * fake address space (readable from 0x10000 to 0x10000 + rest, page by page
 * as the real reader works); every string, struct and sockaddr the decoder
 * chases comes from there.  Properties, abort() on failure:
 *   - sb_decode_call never fails on any input but out of memory;
 *   - the text is NUL-terminated and the JSON form is one JSON value that
 *     our strict reader accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "json/json.h"
#include "sandbox/decode.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BASE 0x10000u

struct fake {
	const uint8_t *mem;
	size_t len;
};

static ssize_t fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	const struct fake *f = ctx;

	if (addr < BASE || addr - BASE >= f->len)
		return -14; /* EFAULT */
	if (len > f->len - (addr - BASE))
		len = f->len - (addr - BASE);
	memcpy(buf, f->mem + (addr - BASE), len);
	return (ssize_t)len;
}

static void violation(const char *what)
{
	fprintf(stderr, "fuzz_decode: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_strbuf text = {0}, json = {0};
	uint64_t args[6];
	struct fake f;
	struct sb_mem mem = {.read = fake_read, .ctx = &f};
	const struct arch_info *abi;
	const char *name = NULL;
	int nr, rc;

	if (size < 2 + 6)
		return 0;
	abi = arch_at(data[0] % arch_count());
	if (!abi->supported)
		abi = arch_native();
	nr = data[1] % (arch_syscall_max(abi) + 1);
	name = arch_syscall_name(abi, nr);
	if (!name)
		return 0;
	data += 2;
	size -= 2;
	/* each argument: one byte picks a pointer into the fake memory, a
	 * small number, or eight raw bytes */
	for (int i = 0; i < 6; i++) {
		uint8_t k = size ? data[0] : 0;

		data += size ? 1 : 0;
		size -= size ? 1 : 0;
		if (k < 128) {
			args[i] = BASE + (uint64_t)k * 7;
		} else if (k < 192 || size < 8) {
			args[i] = (uint64_t)(k - 128);
		} else {
			memcpy(&args[i], data, 8);
			data += 8;
			size -= 8;
		}
	}
	f.mem = data;
	f.len = size;
	rc = sb_decode_call(abi, name, args, 0, &mem, &text, &json);
	if (rc < 0 && rc != -12)
		violation("sb_decode_call failed");
	if (rc == 0) {
		struct json_doc *doc = NULL;
		struct sc_error err;

		if (!text.data || strlen(text.data) != text.len)
			violation("text is not one NUL-terminated string");
		if (json_parse(json.data, json.len, NULL, &doc, &err) < 0) {
			fprintf(stderr, "%s\n%s\n", json.data, err.msg);
			violation("the JSON form does not parse");
		}
		json_doc_free(doc);
	}
	sc_strbuf_free(&text);
	sc_strbuf_free(&json);
	return 0;
}
