/* TEMPORARY placeholder until the decoder lands (branch decode). */
#include "sandbox/decode.h"

#include <inttypes.h>
int sb_decode_call(const struct arch_info *abi, const char *name, const uint64_t args[6], pid_t pid,
		   const struct sb_mem *mem, struct sc_strbuf *text, struct sc_strbuf *json)
{
	sc_strbuf_printf(text, "%s(", name ? name : "?");
	sc_strbuf_puts(json, "[");
	for (int i = 0; i < 6; i++) {
		sc_strbuf_printf(text, "%s0x%" PRIx64, i ? ", " : "", args[i]);
		sc_strbuf_printf(json, "%s{\"raw\":\"0x%" PRIx64 "\"}", i ? "," : "", args[i]);
	}
	sc_strbuf_puts(text, ")");
	sc_strbuf_puts(json, "]");
	return 0;
}
ssize_t sb_mem_read_process(void *ctx, uint64_t addr, void *buf, size_t len)
{
	return -1;
}
