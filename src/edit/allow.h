/* Extending a profile so that given calls pass: what `logs --merge` and
 * `run --suggest` (and later `record --base`) write. */
#ifndef SC_EDIT_ALLOW_H
#define SC_EDIT_ALLOW_H

#include <linux/seccomp.h>
#include <stddef.h>

#include "arch/arch.h"
#include "profile/profile.h"
#include "util/error.h"

struct edit_allow_result {
	const char **added; /* names added, sorted, unique (static strings of the arch tables) */
	size_t n_added;
	const struct arch_info *arches_added[32];
	size_t n_arches_added;
	size_t n_removed; /* names taken out of unconditional deny entries */
	size_t n_unnamed; /* calls whose number has no name on their ABI: left out */
};
void edit_allow_result_free(struct edit_allow_result *r);

/* The ABI of a call as seccomp_data carries it (x32 told apart by the
 * 0x40000000 bit of nr under AUDIT_ARCH_X86_64); NULL when unknown. */
const struct arch_info *edit_call_abi(const struct seccomp_data *d);

/* raw is a profile as read (includes/excludes kept); it is changed in
 * place.  Each call is decided under raw resolved for this machine
 * (profile_ctx_default) with its own arguments; the names of those not
 * let through (neither ALLOW nor LOG) go into one ALLOW entry appended
 * with `comment`, and are taken out of unconditional entries that deny
 * them (the first unconditional entry for a name decides, so they would
 * still win).  ABIs of the calls that a non-empty `architectures` lacks are
 * added.  Fail closed: the result is re-read and every call must then be
 * allowed, else -EINVAL and nothing in *out.  *out is the canonical text. */
int edit_allow_calls(struct profile *raw, const struct seccomp_data *calls, size_t n,
		     const char *comment, char **out, struct edit_allow_result *r,
		     struct sc_error *err);

#endif
