/* libFuzzer harness for the native compiler, against libseccomp.
 *
 * The input drives tests/support/bpfdiff.c's profile generator (each byte
 * a choice: default action, arches, entries, names, actions, argument
 * conditions with every operator and repeated indexes), the profile goes
 * through the reader and the resolver, and diff_profile() compiles it with
 * both backends and compares the verdicts of both programs and of the
 * model on every named number, its neighbours and the edges, with
 * arguments around every constant.  Any unexplained difference, a profile
 * one backend takes and the other refuses, or an incoherent native program
 * aborts (the report names the call and both answers). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tests/support/bpfdiff.h"
#include "profile/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diff_rng rng = {.data = data, .len = size};
	struct diff_tally tally = {0};
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	char why[1024];
	enum bpf_enosys mode;
	char *json;

	if (size < 2)
		return 0;
	mode = data[0] & 1 ? BPF_ENOSYS_NONE : BPF_ENOSYS_RUNC;
	rng.pos = 1;
	json = diff_random_profile(&rng, data[0] >> 1 & 1 ? 1 : 2);
	if (!json)
		return 0;
	if (getenv("SC_FUZZ_PRINT"))
		fprintf(stderr, "profile: %s\n", json);
	if (profile_read_buffer(json, strlen(json), "fuzz.json", &raw, NULL, &err) < 0) {
		fprintf(stderr, "fuzz_compile: the generator made an invalid profile: %s\n%s\n",
			err.msg, json);
		abort();
	}
	profile_ctx_default(&ctx);
	if (profile_resolve(raw, &ctx, &res, &err) == 0) {
		if (diff_profile("fuzz", res, mode, DIFF_QUICK, &rng, &tally, NULL, why,
				 sizeof(why)) < 0) {
			fprintf(stderr, "fuzz_compile: %s\nprofile: %s\n", why, json);
			abort();
		}
		profile_free(res);
	}
	profile_free(raw);
	free(json);
	/* libFuzzer's SIGALRM (-timeout) has no SA_RESTART: it interrupts the
	 * waitpid() in bpf_libseccomp_accepts_within(), which leaves its child
	 * a zombie (dozens in ten minutes).  Reap them here; nothing of ours is
	 * waiting for a child between two inputs. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return 0;
}
