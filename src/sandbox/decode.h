/* Decoding a denied syscall's arguments for `seccompctl run --report`.
 *
 * The supervisor gets a seccomp user notification (arch, nr, args[6], tid)
 * and hands the call here.  One decoder feeds two printers: an strace-like
 * text line and a JSON object, so the two cannot disagree.
 *
 * Text:  openat(AT_FDCWD, "/etc/shadow", O_RDONLY|O_CLOEXEC)
 * JSON:  {"name":"openat","args":[ARG, ...]}, one ARG per argument:
 *   "raw"       always: the argument as the ABI passes it, "0x..." (32-bit
 *               ABIs: low 32 bits only)
 *   and, when decoded, some of:
 *   "path"      a filesystem path read from the tracee  } with "truncated":true
 *   "string"    any other string read from the tracee   } past SB_STR_MAX or at
 *                                                         unreadable memory, and
 *               "escaped":true when the bytes were not UTF-8 (the value is then
 *               the text form's \xNN escaping, without quotes)
 *   "flags"     "A|B|0x80"  (known names, then the unknown rest in hex)
 *   "name"      a constant's name ("AT_FDCWD", "AF_NETLINK", "PR_SET_SECCOMP")
 *   "signal"    "SIGTERM"
 *   "int"       decimal value of an fd, pid, id, size or count (a JSON number)
 *   "fd_path"   what /proc/PID/fd/N links to (with "int")
 *   "mode"      "0755", or "S_IFCHR|0600" for mknod
 *   "family", "addr"  a sockaddr: "AF_INET", "10.0.0.1:53"; "AF_UNIX", "@abstract"
 *   "argv"      execve's first arguments, a JSON array (null: unreadable),
 *               with "truncated":true when there are more
 *   "struct"    a structure read from memory, in the text form
 *               ("{flags=CLONE_NEWNS, exit_signal=SIGCHLD}")
 * The object carries no schema version of its own: it is embedded in the
 * report document, which does.
 *
 * Constant values come from the host's UAPI and libc headers (x86_64).
 * Arches where some differ (O_* and SOCK_NONBLOCK on alpha/mips/parisc/sparc,
 * signal numbers on mips/sparc/alpha/parisc, ioctl numbers on
 * powerpc/mips/sparc, MAP_* on several) get the x86 names: wrong names there,
 * correct "raw" everywhere.
 */
#ifndef SC_SANDBOX_DECODE_H
#define SC_SANDBOX_DECODE_H

#include <stdint.h>
#include <sys/types.h>

#include "arch/arch.h"
#include "util/strbuf.h"

/* Strings read from the tracee are cut after this many bytes. */
#define SB_STR_MAX 256

/* Reads len bytes of the tracee's memory at addr; returns the bytes read
 * (may be short) or -errno.  Never asked to cross a page boundary when
 * reading strings. */
struct sb_mem {
	ssize_t (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
	void *ctx; /* not owned */
};

/* Decode one call.  name: the syscall's name on that ABI (the caller looked
 * it up); unknown names get all six arguments in hex.  abi: 32-bit ABIs use
 * only the low 32 bits of each argument.  pid: the tracee's tid for
 * /proc/PID/fd/N (0: do not look fds up).  mem may be NULL (no strings or
 * structs are read; pointers print in hex).  Appends to text and json, either
 * of which may be NULL.  Unreadable tracee memory is not an error: the
 * pointer prints in hex.  Returns 0, -EINVAL (NULL abi, name or args) or
 * -ENOMEM (a buffer ran out of memory). */
int sb_decode_call(const struct arch_info *abi, const char *name, const uint64_t args[6], pid_t pid,
		   const struct sb_mem *mem, struct sc_strbuf *text, struct sc_strbuf *json);

/* A reader for a live process, ctx = (void *)(intptr_t)pid: process_vm_readv,
 * falling back to /proc/PID/mem where that is refused (no CMA, EPERM). */
ssize_t sb_mem_read_process(void *ctx, uint64_t addr, void *buf, size_t len);

#endif
