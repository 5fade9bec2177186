/* Aggregating SECCOMP records: one entry per (program, ABI, syscall), with
 * counts, actions and first/last time.  Memory grows with the number of
 * distinct entries, never with the number of records, so a 1 GB log
 * streams through in constant space. */
#ifndef SC_AUDIT_SUMMARY_H
#define SC_AUDIT_SUMMARY_H

#include "audit/audit.h"

struct audit_entry {
	char *program; /* exe, or comm when exe is absent (owned) */
	size_t program_len;
	char *comm;		     /* owned */
	const struct arch_info *abi; /* NULL: unknown arch */
	uint32_t arch;		     /* as recorded */
	int64_t syscall;
	unsigned actions; /* bit per action: audit_action_bit() */
	uint64_t count;
	uint64_t first_ms, last_ms;
	int64_t last_pid;
	char *container; /* the last pid's container id (owned), NULL: not asked */
};

struct audit_summary {
	struct audit_entry *v; /* owned */
	size_t n, cap;
	size_t *slots; /* hash: index + 1 */
	size_t n_slots;
	/* line counts */
	uint64_t lines, records, other, notices, unrelated, broken;
	uint64_t filtered; /* records left out by the caller's filters */
};

unsigned audit_action_bit(uint32_t code);
/* "KILL_THREAD", ... for bit i of audit_entry.actions; NULL past the end. */
const char *audit_action_bit_name(unsigned bit);

int audit_summary_add(struct audit_summary *s, const struct audit_record *rec);
/* The same, for a record whose process runs in container (NULL: unknown). */
int audit_summary_add_in(struct audit_summary *s, const struct audit_record *rec,
			 const char *container);
/* Sort entries by program, then ABI, then syscall number. */
void audit_summary_sort(struct audit_summary *s);
void audit_summary_free(struct audit_summary *s);

#endif
