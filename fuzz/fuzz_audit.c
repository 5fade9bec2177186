/* libFuzzer harness for the SECCOMP audit record parser (src/audit): any
 * bytes, split into lines as `seccompctl logs` splits them, go through
 * audit_parse_line() and the summary.  Properties, abort() on failure:
 *   - every line is classified, BROKEN always with a reason;
 *   - a parsed record has NUL-terminated comm/exe within their buffers and
 *     an action the code names;
 *   - the summary's counts add up to the records added;
 *   - the same line read as a /proc/PID/cgroup line: a match names an id
 *     that fits its buffer and contains what was asked for. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "audit/container.h"
#include "audit/summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violation(const char *what)
{
	fprintf(stderr, "fuzz_audit: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_summary s = {0};
	uint64_t added = 0, total = 0;
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct audit_record rec;
		const char *why = NULL;

		for (unsigned w = 0; w < 2; w++) {
			static const char *const wants[] = {"3f9c2a7be1d0", "mybox"};
			char id[AUDIT_CONTAINER_ID_MAX];

			if (audit_cgroup_line_matches(p, len, wants[w], id) &&
			    (memchr(id, '\0', sizeof(id)) == NULL ||
			     strncasecmp(id, wants[w], strlen(wants[w])) != 0))
				violation("cgroup match without the id asked for");
		}
		switch (audit_parse_line(p, len, &rec, &why)) {
		case AUDIT_LINE_SECCOMP:
			if (memchr(rec.comm, '\0', sizeof(rec.comm)) == NULL ||
			    memchr(rec.exe, '\0', sizeof(rec.exe)) == NULL)
				violation("unterminated string");
			if (!audit_action_name(rec.code))
				violation("no action name");
			(void)audit_record_syscall(&rec);
			if (audit_summary_add(&s, &rec) == 0)
				added++;
			break;
		case AUDIT_LINE_BROKEN:
			if (!why)
				violation("broken without a reason");
			break;
		case AUDIT_LINE_OTHER:
		case AUDIT_LINE_NOTICE:
		case AUDIT_LINE_UNRELATED: break;
		}
		p += len + 1;
	}
	audit_summary_sort(&s);
	for (size_t i = 0; i < s.n; i++)
		total += s.v[i].count;
	if (total != added)
		violation("summary counts do not add up");
	audit_summary_free(&s);
	return 0;
}
