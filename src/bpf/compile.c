/* Native compiler: work in progress (issue 3). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"

void bpf_compile_opts_default(struct bpf_compile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->enosys = BPF_ENOSYS_RUNC;
}

int bpf_enosys_parse(const char *s, struct bpf_compile_opts *o, struct sc_error *err)
{
	unsigned maj, min;
	int n = 0;

	if (strcmp(s, "runc") == 0) {
		o->enosys = BPF_ENOSYS_RUNC;
		return 0;
	}
	if (strcmp(s, "none") == 0) {
		o->enosys = BPF_ENOSYS_NONE;
		return 0;
	}
	if (sscanf(s, "kernel=%u.%u%n", &maj, &min, &n) == 2 && s[n] == '\0') {
		o->enosys = BPF_ENOSYS_KERNEL;
		o->kernel_major = maj;
		o->kernel_minor = min;
		return 0;
	}
	return sc_error_set(err, -EINVAL,
			    "--enosys: '%s' is not runc, none or kernel=X.Y (e.g. kernel=5.10)", s);
}

int bpf_compile_native(const struct profile *resolved, const struct bpf_compile_opts *opts,
		       struct bpf_prog *out, struct sc_error *err)
{
	(void)resolved;
	(void)opts;
	out->insns = NULL;
	out->len = 0;
	return sc_error_set(err, -ENOSYS, "native compiler not built yet");
}

int bpf_decide(const struct profile *resolved, const struct bpf_compile_opts *opts,
	       const struct seccomp_data *d, struct bpf_verdict *out, struct sc_error *err)
{
	(void)resolved;
	(void)opts;
	(void)d;
	memset(out, 0, sizeof(*out));
	return sc_error_set(err, -ENOSYS, "not built yet");
}
