/* Architectures and syscall tables.  Numbers come from libseccomp, the same
 * tables runc and crun use, so a name means here what it means to them. */
#ifndef SC_ARCH_ARCH_H
#define SC_ARCH_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arch_info {
	const char *name; /* libseccomp's name: "x86_64", "x86", "aarch64" */
	const char *oci;  /* OCI/Docker spelling: "SCMP_ARCH_X86_64" */
	const char *go;	  /* Docker includes/excludes spelling (libseccomp-golang): "amd64" */
	uint32_t token;	  /* AUDIT_ARCH_* value == SCMP_ARCH_* token */
	unsigned bits;	  /* 32 or 64: width of syscall arguments */
	bool big_endian;
	bool supported; /* this machine's libseccomp knows it */
};

/* Every arch the runtime spec names, in a stable order (supported or not). */
size_t arch_count(void);
const struct arch_info *arch_at(size_t i);
/* Lookups; NULL when unknown.  arch_lookup() accepts any of the three
 * spellings (case-sensitive for "SCMP_ARCH_*", as the runtimes are). */
const struct arch_info *arch_by_oci(const char *oci);
const struct arch_info *arch_by_token(uint32_t token);
const struct arch_info *arch_lookup(const char *any_name);
/* The arch this binary runs on. */
const struct arch_info *arch_native(void);
/* The ABI of a call as seccomp_data and audit records carry it: the
 * AUDIT_ARCH_* token, except that x32 calls come with AUDIT_ARCH_X86_64 and
 * the 0x40000000 bit in the number.  NULL when unknown. */
const struct arch_info *arch_of_call(uint32_t audit_arch, int64_t nr);

enum arch_sys_kind {
	ARCH_SYS_OK,	  /* a real syscall with a number on this arch */
	ARCH_SYS_PSEUDO,  /* a name libseccomp knows, but not a syscall on this arch */
	ARCH_SYS_UNKNOWN, /* no arch knows this name */
};

/* Resolve a syscall name for an arch.  *nr gets the number for ARCH_SYS_OK
 * (x32 numbers include the 0x40000000 bit), else -1. */
enum arch_sys_kind arch_syscall_resolve(const struct arch_info *a, const char *name, int *nr);
/* libseccomp's own answer for a name on an arch, as
 * seccomp_syscall_resolve_name_arch() gives it (x32 with the bit, negative
 * pseudo numbers for multiplexed and absent calls, __NR_SCMP_ERROR for
 * unknown names), from a per-arch table built on first use. */
int arch_syscall_raw(const struct arch_info *a, const char *name);
/* Name of a syscall number on an arch; NULL when the arch has none. */
const char *arch_syscall_name(const struct arch_info *a, int nr);
/* True when the name is a real syscall on at least one supported arch. */
bool arch_syscall_known(const char *name);
/* Closest known syscall name (edit distance <= 2), for "did you mean"; NULL if none. */
const char *arch_syscall_suggest(const char *name);
/* Highest syscall number on the arch (x32: without the x32 bit). */
int arch_syscall_max(const struct arch_info *a);

/* The mainline Linux release that first had a syscall (x86_64 or the generic
 * table; for a call only one arch has, that arch), for names added from 3.17
 * to 6.18 (versions.c).  0, or -ENOENT when the name is not in the table:
 * older than 3.17, or not a syscall. */
int arch_syscall_since(const char *name, unsigned *major, unsigned *minor);
/* The table itself, in name order (for tests and listings). */
size_t arch_syscall_since_count(void);
const char *arch_syscall_since_at(size_t i, unsigned *major, unsigned *minor);

#endif
