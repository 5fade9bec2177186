/* resolve_profile: print a profile resolved for this machine (includes,
 * excludes and archMap applied, containerd's default capabilities), as
 * podman writes it into config.json's linux.seccomp.  crun reads neither
 * archMap nor includes/excludes: given the containers' default file as it
 * is, it would compile for the native arch alone and keep every
 * capability-gated entry, a smaller and different filter than the one a
 * container really gets.  bench/start.sh uses this for its JSON case.
 * Not named bench_*: scripts/bench.sh runs those as benchmarks.
 * usage: resolve_profile PROFILE */
#include <stdio.h>
#include <stdlib.h>

#include "profile/profile.h"

int main(int argc, char **argv)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	char *out = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: resolve_profile PROFILE\n");
		return 2;
	}
	profile_ctx_default(&ctx);
	if (profile_read_file(argv[1], &raw, NULL, &err) < 0 ||
	    profile_resolve(raw, &ctx, &res, &err) < 0 ||
	    profile_write_canonical(res, &out, &err) < 0) {
		fprintf(stderr, "resolve_profile: %s\n", err.msg);
		profile_free(raw);
		if (res)
			profile_free(res);
		return 1;
	}
	fputs(out, stdout);
	free(out);
	profile_free(res);
	profile_free(raw);
	return 0;
}
