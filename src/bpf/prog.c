/* struct bpf_prog: the one program representation every backend produces. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/bpf.h"

void bpf_prog_free(struct bpf_prog *p)
{
	if (!p)
		return;
	free(p->insns);
	p->insns = NULL;
	p->len = 0;
}

bool bpf_ret_denies(uint32_t ret)
{
	switch (bpf_ret_action(ret)) {
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF: return false;
	default: /* ERRNO, TRAP, KILL_*, and unknown actions (the kernel kills) */ return true;
	}
}

int bpf_prog_route_denials(const struct bpf_prog *in, uint32_t to, struct bpf_prog *out,
			   size_t *n_routed, struct sc_error *err)
{
	size_t routed = 0;

	out->insns = NULL;
	out->len = 0;
	for (size_t i = 0; i < in->len; i++)
		if (in->insns[i].code == (BPF_RET | BPF_A))
			return sc_error_set(
			    err, -EINVAL,
			    "insn %zu returns the accumulator: its actions cannot be "
			    "routed to a supervisor",
			    i);
	out->insns = malloc(in->len * sizeof(*out->insns));
	if (!out->insns)
		return sc_error_set(err, -ENOMEM, "out of memory");
	memcpy(out->insns, in->insns, in->len * sizeof(*out->insns));
	out->len = in->len;
	for (size_t i = 0; i < out->len; i++) {
		struct sock_filter *f = &out->insns[i];

		if (f->code == (BPF_RET | BPF_K) && bpf_ret_denies(f->k)) {
			f->k = to;
			routed++;
		}
	}
	if (n_routed)
		*n_routed = routed;
	return 0;
}

void bpf_ret_text(uint32_t ret, char *buf, size_t n)
{
	uint32_t a = bpf_ret_action(ret);
	const char *name = bpf_ret_action_name(ret);

	if (a == SECCOMP_RET_ERRNO) {
		const char *e = strerrorname_np(bpf_ret_data(ret));

		if (e)
			snprintf(buf, n, "%s(%s)", name, e);
		else
			snprintf(buf, n, "%s(%u)", name, bpf_ret_data(ret));
	} else if (a == SECCOMP_RET_TRACE) {
		snprintf(buf, n, "%s(%u)", name, bpf_ret_data(ret));
	} else {
		snprintf(buf, n, "%s", name);
	}
}

const char *bpf_why_name(enum bpf_why w)
{
	switch (w) {
	case BPF_WHY_RULE: return "rule";
	case BPF_WHY_DEFAULT: return "default";
	case BPF_WHY_ENOSYS: return "enosys";
	case BPF_WHY_BADARCH: return "badarch";
	}
	return "unknown";
}
