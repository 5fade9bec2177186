/* bench_compile's third contender: libseccomp driven the way crun 1.8.1
 * drives it for linux.seccomp (no binary tree, no ENOSYS stub), i.e. the
 * program crun compiles at every start in bench/start.sh's JSON case. */
#ifndef SC_BENCH_COMPILE_CRUN_H
#define SC_BENCH_COMPILE_CRUN_H

#include "bpf/bpf.h"

/* Same contract as bpf_compile_libseccomp (opts is ignored). */
int bench_compile_crun(const struct profile *resolved, const struct bpf_compile_opts *opts,
		       struct bpf_prog *out, struct sc_error *err);

#endif
