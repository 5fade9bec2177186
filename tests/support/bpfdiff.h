/* The differential check between the native compiler and the libseccomp
 * backend, shared by tests/unit/test_bpf_diff.c (a corpus and a seeded run
 * of random profiles) and fuzz/fuzz_compile.c (profiles built from fuzzer
 * bytes).  See diff_profile() for what is compared and what counts as an
 * explained difference. */
#ifndef SC_TESTS_BPFDIFF_H
#define SC_TESTS_BPFDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf/bpf.h"

/* Random numbers: splitmix64 from a seed, or the fuzzer's bytes (then 0
 * once they run out, so every input is a finite, reproducible profile). */
struct diff_rng {
	uint64_t state;
	const uint8_t *data;
	size_t len, pos;
};
uint64_t diff_rnd(struct diff_rng *r);
unsigned diff_rndn(struct diff_rng *r, unsigned n);

/* A random valid profile (JSON text, malloc'd): every action, operator,
 * repeated indexes, socket/ipc calls on multiplexing arches, 1-4 arches;
 * kind 0 has no rules, 1 is large, 2 is small. */
char *diff_random_profile(struct diff_rng *r, unsigned kind);

struct diff_tally {
	unsigned long compared, ambiguous, lib_incoherent, lib_dropped, lib_hangs, profiles,
	    refused_both;
	unsigned long native_len, lib_len;
	size_t worst_native, worst_lib;
};

struct diff_result {
	size_t native_len, lib_len, native_worst, lib_worst;
};

enum diff_scope {
	DIFF_FULL,  /* numbers 0..1023 of every ABI, x32 numbers, edges, bad arches */
	DIFF_QUICK, /* the named numbers and their neighbours, a few others */
};

/* Compile res with both backends (opts.enosys = mode) and compare the full
 * return values of both programs, and of the model, on every call of the
 * scope with argument values at -1/0/+1 of every constant and random ones.
 * Returns 0 when they agree, 1 when both backends refuse the profile, and
 * -1 with a description in why on a mismatch, a native-only refusal or
 * acceptance, or an incoherent native program. */
int diff_profile(const char *name, const struct profile *res, enum bpf_enosys mode,
		 enum diff_scope scope, struct diff_rng *r, struct diff_tally *t,
		 struct diff_result *out, char *why, size_t why_len);

#endif
