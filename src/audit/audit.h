/* SECCOMP audit records (AUDIT_SECCOMP, type 1326) in every form a node
 * keeps them, and what they mean.
 *
 * One line at a time, the form sniffed per line:
 *   - auditd's audit.log: `type=SECCOMP msg=audit(SEC.MS:SERIAL): auid=..`,
 *     also "enriched" (a 0x1d byte, then translated fields we ignore: the
 *     raw arch and syscall are authoritative);
 *   - the kernel log: dmesg (`[ 1806.215424] audit: type=1326 audit(..)`),
 *     raw /dev/kmsg (`5,1893,1035099687,-;audit: type=1326 ..`),
 *     journalctl -k and syslog/kern.log lines (a date, host and program
 *     prefix), and `journalctl -o json` objects (the record in MESSAGE);
 *   - values quoted ("sleep"), hex-encoded (audit encodes values with
 *     spaces or odd bytes as hex), or (null).
 * Other record types, rate-limit notices ("callbacks suppressed",
 * "backlog limit exceeded") and garbage are classified and counted by the
 * caller, never fatal.  The parser keeps no state and allocates nothing:
 * a line in, a record out (strings copied into fixed buffers). */
#ifndef SC_AUDIT_AUDIT_H
#define SC_AUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"

enum audit_form {
	AUDIT_FORM_AUDITD,  /* type=SECCOMP msg=audit(...) */
	AUDIT_FORM_KERNEL,  /* audit: type=1326 audit(...), any prefix */
	AUDIT_FORM_JOURNAL, /* a journalctl -o json object */
};

enum audit_line_kind {
	AUDIT_LINE_SECCOMP,   /* a SECCOMP record: rec is filled */
	AUDIT_LINE_OTHER,     /* another audit record type */
	AUDIT_LINE_NOTICE,    /* the kernel says records were dropped */
	AUDIT_LINE_UNRELATED, /* anything else (other log lines, garbage) */
	AUDIT_LINE_BROKEN,    /* looks like a SECCOMP record but a field is bad */
};

#define AUDIT_STR_MAX 256

struct audit_record {
	enum audit_form form;
	uint64_t time_ms; /* audit(SEC.MS:...) as milliseconds since the epoch */
	uint64_t serial;
	int64_t pid, uid, auid; /* -1 when absent (4294967295 "unset" is kept) */
	char comm[AUDIT_STR_MAX];
	char exe[AUDIT_STR_MAX];
	int sig;
	uint32_t arch;	 /* AUDIT_ARCH_* */
	int64_t syscall; /* as recorded; -1 possible */
	bool compat;
	uint32_t code; /* the filter's return value, action part only */
};

/* Classify one line (without its newline) and parse a SECCOMP record.
 * AUDIT_LINE_BROKEN comes with a reason in *why (a static string). */
enum audit_line_kind audit_parse_line(const char *line, size_t len, struct audit_record *rec,
				      const char **why);

/* What a record means: the ABI and syscall name (NULL when the arch is
 * unknown or the number unassigned there), and the action's name
 * ("KILL_THREAD", "ERRNO", "LOG", ...). */
const struct arch_info *audit_record_abi(const struct audit_record *rec);
const char *audit_record_syscall(const struct audit_record *rec);
const char *audit_action_name(uint32_t code);

#endif
