/* struct bpf_prog: the one program representation every backend produces. */
#include <stdlib.h>

#include "bpf/bpf.h"

void bpf_prog_free(struct bpf_prog *p)
{
	if (!p)
		return;
	free(p->insns);
	p->insns = NULL;
	p->len = 0;
}
