/* TEMPORARY placeholder until the decoder lands (branch decode). */
#ifndef SC_SANDBOX_DECODE_H
#define SC_SANDBOX_DECODE_H
#include <stdint.h>
#include <sys/types.h>

#include "arch/arch.h"
#include "util/strbuf.h"
struct sb_mem {
	ssize_t (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
	void *ctx;
};
int sb_decode_call(const struct arch_info *abi, const char *name, const uint64_t args[6], pid_t pid,
		   const struct sb_mem *mem, struct sc_strbuf *text, struct sc_strbuf *json);
ssize_t sb_mem_read_process(void *ctx, uint64_t addr, void *buf, size_t len);
#endif
