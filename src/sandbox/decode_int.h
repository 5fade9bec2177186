/* Inside the decoder: constant tables (decode_names.c) and the syscall
 * signatures (decode_calls.c) that drive the engine in decode.c. */
#ifndef SC_SANDBOX_DECODE_INT_H
#define SC_SANDBOX_DECODE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_name {
	uint64_t val;
	const char *name;
};

/* A flags word: an optional enumerated field (value & field_mask, printed
 * first: O_RDONLY, SOCK_STREAM, PER_LINUX) and single- or multi-bit flags
 * (multi-bit ones listed before the bits they contain).  A plain enum is a
 * field with mask ~0 and no bits. */
struct sb_flags {
	const struct sb_name *bits;
	size_t nbits;
	uint64_t field_mask;
	const struct sb_name *field;
	size_t nfield;
	const char *zero; /* name of 0 when there is no field, e.g. "PROT_NONE" */
};

#define SB_LIST(a) a, (sizeof(a) / sizeof((a)[0]))
#define SB_FLAGS(bits, zero)                                                                       \
	{                                                                                          \
		SB_LIST(bits), 0, NULL, 0, zero                                                    \
	}
#define SB_ENUM(tbl)                                                                               \
	{                                                                                          \
		NULL, 0, UINT64_MAX, SB_LIST(tbl), NULL                                            \
	}

/* How an argument prints.  Most kinds are a base rendering plus a table
 * (sb_kinds[]); the SPECIAL ones have their own code in decode.c. */
enum sb_base {
	B_HEX,
	B_PTR,	 /* NULL or hex */
	B_INT,	 /* C int: low 32 bits, signed */
	B_UINT,	 /* unsigned int */
	B_LONG,	 /* long: ABI width, signed */
	B_ULONG, /* size_t, unsigned long */
	B_FD,
	B_DIRFD, /* an fd or AT_FDCWD */
	B_PATH,
	B_STR,
	B_MODE, /* octal */
	B_ID,	/* uid_t/gid_t: -1 means "unchanged" */
	B_FLAGS,
	B_ENUM,
	B_SIGNAL,
	B_SPECIAL,
};

enum sb_kind {
	K_HEX,
	K_PTR,
	K_INT,
	K_UINT,
	K_LONG,
	K_ULONG,
	K_FD,
	K_DIRFD,
	K_PATH,
	K_STR,
	K_MODE,
	K_ID,
	K_SIGNAL,
	/* flags and enums */
	K_OFLAGS,
	K_ATFLAGS,
	K_AT_UNLINK,
	K_AT_ACCESS,
	K_ACCESS_MODE,
	K_MS_FLAGS,
	K_UMOUNT_FLAGS,
	K_NS_FLAGS,
	K_AF,
	K_SOCKTYPE,
	K_IOCTL,
	K_PR_OPTION,
	K_PTRACE_REQ,
	K_REBOOT_MAGIC1,
	K_REBOOT_MAGIC2,
	K_REBOOT_CMD,
	K_PROT,
	K_MAP,
	K_KEYCTL,
	K_KEY_SERIAL,
	K_BPF_CMD,
	K_CLOCK,
	K_TIMER_FLAGS,
	K_SYSLOG,
	K_SECCOMP_OP,
	K_SECCOMP_FLAGS,
	K_RENAME_FLAGS,
	K_MODINIT,
	K_DELMOD,
	K_KEXEC,
	K_KEXEC_FILE,
	K_SWAP,
	K_FAN_INIT,
	K_IN_MASK,
	K_UFFD,
	K_PERF,
	K_MFD,
	K_SOCKETCALL,
	/* special renderings (decode.c) */
	K_OMODE,       /* open's mode: shown only with O_CREAT or O_TMPFILE */
	K_CLONE_FLAGS, /* clone(): CLONE_* plus the exit signal in the low byte */
	K_ELLIPSIS,    /* the rest of the arguments: "..." in text, raw in JSON */
	K_PERSONALITY,
	K_REBOOT_ARG,
	K_SOCKADDR, /* length in the next argument */
	K_STRLEN,   /* a string whose length is the next argument */
	K_TIMESPEC,
	K_ARGV,
	K_OPEN_HOW,
	K_CLONE_ARGS,
	K_QUOTACMD,
	K_MKNOD_MODE,
	K_DEV,
	K__COUNT
};

struct sb_kind_desc {
	uint8_t base;
	bool int32; /* the kernel takes an int: only the low 32 bits count */
	const struct sb_flags *tbl;
	bool hex; /* an enum whose unknown values read better in hex (ioctl) */
};

struct sb_call {
	const char *name;
	uint8_t nargs;
	uint8_t kind[6];
};

extern const struct sb_kind_desc sb_kinds[K__COUNT];
/* Tables the special renderings use. */
extern const struct sb_flags sb_f_open, sb_f_clone, sb_f_resolve, sb_f_af, sb_f_signal,
    sb_f_personality, sb_f_quota_cmd, sb_f_quota_type, sb_f_file_type;

/* The call's signature, NULL when it has none. */
const struct sb_call *sb_call_find(const char *name);

#endif
