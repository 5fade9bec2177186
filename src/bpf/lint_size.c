/* SCP031: the compiled filter must fit the kernel's 4096 instructions.
 *
 * This check lives with the compiler it runs rather than with the other
 * lint checks in src/profile: it compiles the resolved profile natively
 * for the lint target (the layout runc's libseccomp would produce is
 * longer, see bpf_compile_native, so a profile that fits here may still
 * not fit through runc; the message says both).  Other reasons a profile
 * cannot compile (conflicting rules, mixed byte orders) have their own
 * rules, SCP008 and SCP015, so they are not repeated here. */
#include <errno.h>
#include <string.h>

#include "bpf/bpf.h"
#include "profile/lint.h"

/* Warn from 75% of the limit on: a few more rules will not fit. */
#define SIZE_WARN (BPF_PROG_MAX * 3 / 4)

void lint_check_size(struct lint_ctx *c)
{
	struct bpf_compile_opts opts;
	struct bpf_prog prog = {0};
	struct sc_error err = {0};
	int rc;

	bpf_compile_opts_default(&opts);
	opts.native = c->target->native;
	rc = bpf_compile_native(c->res, &opts, &prog, &err);
	if (rc == -E2BIG) {
		lint_report(c, "SCP031", SEV_ERROR, NULL,
			    "merge entries with the same action, replace argument conditions by "
			    "value sets on one entry, or drop architectures nobody runs",
			    "%s", err.msg);
		return;
	}
	if (rc == -ENOMEM) {
		c->rc = rc;
		return;
	}
	if (rc < 0)
		return; /* SCP008 / SCP015 report it */
	if (prog.len > SIZE_WARN)
		lint_report(c, "SCP031", SEV_WARNING, NULL,
			    "the limit is per filter: keep headroom for the rules the profile "
			    "will gain",
			    "the filter compiles to %zu instructions, %zu%% of the kernel's limit "
			    "of %d (libseccomp's layout, which runc uses, is usually longer)",
			    prog.len, prog.len * 100 / BPF_PROG_MAX, BPF_PROG_MAX);
	bpf_prog_free(&prog);
}
