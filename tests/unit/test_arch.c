/* Unit tests for src/arch: the arch table and libseccomp's syscall numbers.
 * Expectations are data tables; the numbers are the kernel's (and so
 * libseccomp 2.5's) and must not move. */
/* cmocka.h needs these first; keep clang-format from sorting it above them. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <pthread.h>
#include <seccomp.h>
#include <stdbool.h>
#include <string.h>

#include "arch/arch.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define X32_BIT	      0x40000000

static const struct arch_info *arch(const char *name)
{
	const struct arch_info *a = arch_lookup(name);

	if (!a)
		fail_msg("no arch \"%s\"", name);
	return a;
}

/* Runs first, so the lazy caches are built while four threads race. */
static void *suggest_thread(void *unused __attribute__((unused)))
{
	return (void *)arch_syscall_suggest("opneat");
}

static void test_concurrent_first_use(void **state __attribute__((unused)))
{
	pthread_t th[4];

	for (size_t i = 0; i < ARRAY_SIZE(th); i++)
		assert_int_equal(pthread_create(&th[i], NULL, suggest_thread, NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(th); i++) {
		void *r;

		assert_int_equal(pthread_join(th[i], &r), 0);
		assert_non_null(r);
		assert_string_equal(r, "openat");
	}
}

static const struct {
	const char *oci, *name, *go;
} spellings[] = {
    {"SCMP_ARCH_X86", "x86", "x86"},
    {"SCMP_ARCH_X86_64", "x86_64", "amd64"},
    {"SCMP_ARCH_X32", "x32", "x32"},
    {"SCMP_ARCH_ARM", "arm", "arm"},
    {"SCMP_ARCH_AARCH64", "aarch64", "arm64"},
    {"SCMP_ARCH_MIPS", "mips", "mips"},
    {"SCMP_ARCH_MIPS64", "mips64", "mips64"},
    {"SCMP_ARCH_MIPS64N32", "mips64n32", "mips64n32"},
    {"SCMP_ARCH_MIPSEL", "mipsel", "mipsel"},
    {"SCMP_ARCH_MIPSEL64", "mipsel64", "mipsel64"},
    {"SCMP_ARCH_MIPSEL64N32", "mipsel64n32", "mipsel64n32"},
    {"SCMP_ARCH_PPC", "ppc", "ppc"},
    {"SCMP_ARCH_PPC64", "ppc64", "ppc64"},
    {"SCMP_ARCH_PPC64LE", "ppc64le", "ppc64le"},
    {"SCMP_ARCH_S390", "s390", "s390"},
    {"SCMP_ARCH_S390X", "s390x", "s390x"},
    {"SCMP_ARCH_PARISC", "parisc", "parisc"},
    {"SCMP_ARCH_PARISC64", "parisc64", "parisc64"},
    {"SCMP_ARCH_RISCV64", "riscv64", "riscv64"},
    {"SCMP_ARCH_LOONGARCH64", "loongarch64", "loong64"},
    {"SCMP_ARCH_M68K", "m68k", "m68k"},
    {"SCMP_ARCH_SH", "sh", "sh"},
    {"SCMP_ARCH_SHEB", "sheb", "sheb"},
};

static void test_table_matches_spec_list(void **state __attribute__((unused)))
{
	assert_int_equal(arch_count(), ARRAY_SIZE(spellings));
	for (size_t i = 0; i < ARRAY_SIZE(spellings); i++) {
		const struct arch_info *a = arch_at(i);

		assert_non_null(a);
		assert_string_equal(a->oci, spellings[i].oci);
		assert_string_equal(a->name, spellings[i].name);
		assert_string_equal(a->go, spellings[i].go);
	}
	assert_null(arch_at(arch_count()));
}

static void test_lookup_all_spellings(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(spellings); i++) {
		const struct arch_info *a = arch_at(i);

		assert_ptr_equal(arch_lookup(spellings[i].oci), a);
		assert_ptr_equal(arch_lookup(spellings[i].name), a);
		assert_ptr_equal(arch_lookup(spellings[i].go), a);
		assert_ptr_equal(arch_by_oci(spellings[i].oci), a);
		assert_ptr_equal(arch_by_token(a->token), a);
	}
}

static void test_lookup_rejects(void **state __attribute__((unused)))
{
	static const char *const bad[] = {
	    "",	      "AMD64",	"scmp_arch_x86_64", "SCMP_ARCH_x86_64",
	    "x86-64", "i386",	"mipsle",	    "SCMP_ARCH_NATIVE",
	    "native", "amd64 ", "SCMP_ARCH_",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_null(arch_lookup(bad[i]));
	assert_null(arch_lookup(NULL));
	assert_null(arch_by_oci(NULL));
	/* arch_by_oci() takes only the OCI spelling. */
	assert_null(arch_by_oci("x86_64"));
	assert_null(arch_by_oci("amd64"));
	assert_null(arch_by_token(0));
	/* The kernel reports x32 as AUDIT_ARCH_X86_64; only libseccomp's token
	 * is distinct, so the audit value finds x86_64. */
	assert_string_equal(arch_by_token(0xc000003eu)->name, "x86_64");
}

static const struct {
	const char *name;
	uint32_t token;
	unsigned bits;
	bool big_endian;
} props[] = {
    {"x86_64", 0xc000003eu, 64, false},	     {"x86", 0x40000003u, 32, false},
    {"aarch64", 0xc00000b7u, 64, false},     {"x32", 0x4000003eu, 32, false},
    {"arm", 0x40000028u, 32, false},	     {"mips", 0x00000008u, 32, true},
    {"mips64n32", 0xa0000008u, 32, true},    {"mipsel64n32", 0xe0000008u, 32, false},
    {"ppc64", 0x80000015u, 64, true},	     {"ppc64le", 0xc0000015u, 64, false},
    {"s390x", 0x80000016u, 64, true},	     {"s390", 0x00000016u, 32, true},
    {"parisc64", 0x8000000fu, 64, true},     {"riscv64", 0xc00000f3u, 64, false},
    {"loongarch64", 0xc0000102u, 64, false}, {"m68k", 0x00000004u, 32, true},
    {"sh", 0x4000002au, 32, false},	     {"sheb", 0x0000002au, 32, true},
};

static void test_tokens_bits_endianness(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
		const struct arch_info *a = arch(props[i].name);

		assert_int_equal(a->token, props[i].token);
		assert_int_equal(a->bits, props[i].bits);
		assert_int_equal(a->big_endian, props[i].big_endian);
	}
}

/* The audit token encodes width and byte order; they must agree with the
 * table (x32 and n32 are libseccomp's 32-bit exceptions). */
static void test_token_flags_consistent(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < arch_count(); i++) {
		const struct arch_info *a = arch_at(i);
		bool le = a->token & 0x40000000u, b64 = a->token & 0x80000000u;
		bool narrow = strcmp(a->name, "x32") == 0 || strstr(a->name, "n32");

		assert_int_equal(a->big_endian, !le);
		assert_int_equal(a->bits, b64 && !narrow ? 64 : 32);
	}
}

static void test_spellings_unique(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < arch_count(); i++) {
		for (size_t j = i + 1; j < arch_count(); j++) {
			const struct arch_info *a = arch_at(i), *b = arch_at(j);
			const char *sa[] = {a->oci, a->name, a->go};
			const char *sb[] = {b->oci, b->name, b->go};

			assert_int_not_equal(a->token, b->token);
			/* Across entries no spelling of one may be any of another's,
			 * or arch_lookup() would be ambiguous. */
			for (size_t x = 0; x < 3; x++)
				for (size_t y = 0; y < 3; y++)
					assert_string_not_equal(sa[x], sb[y]);
		}
	}
}

/* libseccomp 2.5.4 knows the first 19; loongarch64, m68k, sh, sheb came later.
 * Whatever it knows must carry our token. */
static void test_supported_matches_libseccomp(void **state __attribute__((unused)))
{
	static const char *const must[] = {
	    "x86",	 "x86_64", "x32",      "arm",	      "aarch64", "mips",  "mips64",
	    "mips64n32", "mipsel", "mipsel64", "mipsel64n32", "ppc",	 "ppc64", "ppc64le",
	    "s390",	 "s390x",  "parisc",   "parisc64",    "riscv64",
	};

	for (size_t i = 0; i < ARRAY_SIZE(must); i++)
		assert_true(arch(must[i])->supported);
	for (size_t i = 0; i < arch_count(); i++) {
		const struct arch_info *a = arch_at(i);
		uint32_t t = seccomp_arch_resolve_name(a->name);

		assert_int_equal(a->supported, t != 0);
		if (a->supported)
			assert_int_equal(t, a->token);
	}
}

static void test_native(void **state __attribute__((unused)))
{
	const struct arch_info *n = arch_native();

	assert_non_null(n);
#if defined(__x86_64__) && !defined(__ILP32__)
	assert_string_equal(n->name, "x86_64");
#elif defined(__aarch64__)
	assert_string_equal(n->name, "aarch64");
#endif
	assert_true(n->supported);
}

static const struct {
	const char *arch, *sys;
	enum arch_sys_kind kind;
	int nr;
} resolves[] = {
    {"x86_64", "openat", ARCH_SYS_OK, 257},
    {"x86", "openat", ARCH_SYS_OK, 295},
    {"aarch64", "openat", ARCH_SYS_OK, 56},
    {"x32", "openat", ARCH_SYS_OK, 257 | X32_BIT},
    {"arm", "openat", ARCH_SYS_OK, 322},
    {"riscv64", "openat", ARCH_SYS_OK, 56},
    {"mips", "openat", ARCH_SYS_OK, 4288},
    {"mips64", "openat", ARCH_SYS_OK, 5247},
    {"mips64n32", "openat", ARCH_SYS_OK, 6251},
    {"ppc64le", "openat", ARCH_SYS_OK, 286},
    {"s390x", "openat", ARCH_SYS_OK, 288},
    {"x86_64", "read", ARCH_SYS_OK, 0},
    {"x86_64", "open", ARCH_SYS_OK, 2},
    {"aarch64", "open", ARCH_SYS_PSEUDO, -1},
    {"riscv64", "open", ARCH_SYS_PSEUDO, -1},
    {"x86_64", "umount", ARCH_SYS_PSEUDO, -1},
    {"x86_64", "recv", ARCH_SYS_PSEUDO, -1},
    {"x86_64", "send", ARCH_SYS_PSEUDO, -1},
    {"x86_64", "socketcall", ARCH_SYS_PSEUDO, -1},
    {"x86_64", "set_tls", ARCH_SYS_PSEUDO, -1},
    {"x86", "umount", ARCH_SYS_OK, 22},
    {"x86", "socketcall", ARCH_SYS_OK, 102},
    /* libseccomp says -101 (socketcall's SYS_SOCKET) here; the direct call
     * exists since Linux 4.3 and is what we report. */
    {"x86", "socket", ARCH_SYS_OK, 359},
    {"x86", "semget", ARCH_SYS_OK, 393},
    {"s390x", "socket", ARCH_SYS_OK, 359},
    {"ppc64le", "socket", ARCH_SYS_OK, 326},
    {"mips", "socket", ARCH_SYS_OK, 4183},
    /* ...but with no direct call the name is reachable only via socketcall. */
    {"x86", "recv", ARCH_SYS_PSEUDO, -1},
    {"x86", "semop", ARCH_SYS_PSEUDO, -1},
    {"arm", "recv", ARCH_SYS_OK, 291},
    {"arm", "set_tls", ARCH_SYS_OK, 0xf0005},
    {"parisc", "recv", ARCH_SYS_OK, 98},
    {"x86_64", "socket", ARCH_SYS_OK, 41},
    {"x32", "socket", ARCH_SYS_OK, 41 | X32_BIT},
    {"x86_64", "foo_bar", ARCH_SYS_UNKNOWN, -1},
    {"aarch64", "foo_bar", ARCH_SYS_UNKNOWN, -1},
    {"x86_64", "", ARCH_SYS_UNKNOWN, -1},
    {"x86_64", "OPENAT", ARCH_SYS_UNKNOWN, -1},
    {"x86_64", "openat ", ARCH_SYS_UNKNOWN, -1},
    {"x86_64", "257", ARCH_SYS_UNKNOWN, -1},
};

static void test_resolve_table(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(resolves); i++) {
		int nr = 12345;
		enum arch_sys_kind k =
		    arch_syscall_resolve(arch(resolves[i].arch), resolves[i].sys, &nr);

		if (k != resolves[i].kind || nr != resolves[i].nr)
			fail_msg("%s on %s: got kind %d nr %d, want kind %d nr %d", resolves[i].sys,
				 resolves[i].arch, k, nr, resolves[i].kind, resolves[i].nr);
	}
}

static void test_resolve_null_args(void **state __attribute__((unused)))
{
	int nr = 7;
	struct arch_info copy = *arch("aarch64");

	assert_int_equal(arch_syscall_resolve(NULL, "openat", &nr), ARCH_SYS_UNKNOWN);
	assert_int_equal(nr, -1);
	nr = 7;
	assert_int_equal(arch_syscall_resolve(arch("x86_64"), NULL, &nr), ARCH_SYS_UNKNOWN);
	assert_int_equal(nr, -1);
	/* nr is optional. */
	assert_int_equal(arch_syscall_resolve(arch("x86_64"), "openat", NULL), ARCH_SYS_OK);
	/* A copy of a table entry is as good as the entry. */
	assert_int_equal(arch_syscall_resolve(&copy, "openat", &nr), ARCH_SYS_OK);
	assert_int_equal(nr, 56);
	assert_string_equal(arch_syscall_name(&copy, 56), "openat");
}

static void test_unsupported_arches(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < arch_count(); i++) {
		const struct arch_info *a = arch_at(i);
		int nr = 7;

		if (a->supported)
			continue;
		assert_int_equal(arch_syscall_resolve(a, "openat", &nr), ARCH_SYS_UNKNOWN);
		assert_int_equal(nr, -1);
		assert_null(arch_syscall_name(a, 56));
		assert_int_equal(arch_syscall_max(a), -1);
	}
}

static const struct {
	const char *arch;
	int nr;
	const char *name; /* NULL: no syscall there */
} names[] = {
    {"x86_64", 0, "read"},
    {"x86_64", 257, "openat"},
    {"x86", 295, "openat"},
    {"x86", 359, "socket"},
    {"aarch64", 56, "openat"},
    {"x32", 257 | X32_BIT, "openat"},
    {"x32", 512 | X32_BIT, "rt_sigaction"},
    {"arm", 0xf0002, "cacheflush"},
    {"arm", 0xf0005, "set_tls"},
    {"mips", 4288, "openat"},
    {"mipsel64n32", 6002, "open"},
    {"s390x", 1, "exit"},
    /* Not numbers the kernel would report for these arches. */
    {"x32", 257, NULL},
    {"mips64n32", 2, NULL},
    {"mips", 288, NULL},
    {"arm", 0xf0000, NULL},
    {"x86_64", -1, NULL},
    {"x86", -101, NULL},
    {"x86_64", 100000, NULL},
    {"x86_64", 335, NULL},
    {"s390x", 0, NULL},
};

static void test_names_from_numbers(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const char *got = arch_syscall_name(arch(names[i].arch), names[i].nr);

		if (!names[i].name && got)
			fail_msg("%s %d: got \"%s\", want none", names[i].arch, names[i].nr, got);
		if (names[i].name && (!got || strcmp(got, names[i].name) != 0))
			fail_msg("%s %d: got %s, want \"%s\"", names[i].arch, names[i].nr,
				 got ? got : "NULL", names[i].name);
	}
	assert_null(arch_syscall_name(NULL, 0));
}

/* Names are interned: one pointer per name, whichever arch returned it. */
static void test_names_interned(void **state __attribute__((unused)))
{
	const char *a = arch_syscall_name(arch("x86_64"), 257);
	const char *b = arch_syscall_name(arch("aarch64"), 56);
	const char *c = arch_syscall_name(arch("x32"), 257 | X32_BIT);

	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_ptr_equal(a, c);
}

/* Where each arch's numbers start, as the kernel numbers them. */
static int number_base(const struct arch_info *a)
{
	if (a->token == SCMP_ARCH_X32)
		return X32_BIT;
	if (strstr(a->name, "n32"))
		return 6000;
	if (strstr(a->name, "mips") && strstr(a->name, "64"))
		return 5000;
	if (strstr(a->name, "mips"))
		return 4000;
	return 0;
}

/* Every number in every table resolves back to a number with the same name,
 * and every name there is known.  The property test behind the tables above. */
static void check_round_trip(const struct arch_info *a, int from, int to, int *seen)
{
	for (int n = from; n < to; n++) {
		const char *name = arch_syscall_name(a, n);
		int back = -1;

		if (!name)
			continue;
		(*seen)++;
		assert_true(arch_syscall_known(name));
		if (arch_syscall_resolve(a, name, &back) != ARCH_SYS_OK)
			fail_msg("%s: %d is %s but it does not resolve", a->name, n, name);
		assert_ptr_equal(arch_syscall_name(a, back), name);
	}
}

static void test_round_trip_all(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < arch_count(); i++) {
		const struct arch_info *a = arch_at(i);
		int base = number_base(a), seen = 0;

		if (!a->supported)
			continue;
		check_round_trip(a, base, base + 1024, &seen);
		if (a->token == SCMP_ARCH_ARM)
			check_round_trip(a, 0xf0000, 0xf0010, &seen);
		if (seen < 250)
			fail_msg("%s: only %d syscalls", a->name, seen);
	}
}

/* A name real anywhere is never UNKNOWN on a supported arch: lint relies on
 * UNKNOWN meaning "typo", not "wrong arch". */
static void test_known_names_never_unknown(void **state __attribute__((unused)))
{
	const struct arch_info *from[] = {arch("x86_64"), arch("arm"), arch("aarch64"),
					  arch("mips")};

	for (size_t f = 0; f < ARRAY_SIZE(from); f++) {
		int base = number_base(from[f]);

		for (int n = base; n < base + 1024; n++) {
			const char *name = arch_syscall_name(from[f], n);

			if (!name)
				continue;
			for (size_t i = 0; i < arch_count(); i++) {
				const struct arch_info *a = arch_at(i);

				if (a->supported &&
				    arch_syscall_resolve(a, name, NULL) == ARCH_SYS_UNKNOWN)
					fail_msg("%s is UNKNOWN on %s", name, a->name);
			}
		}
	}
}

/* x32 shares x86_64's numbers (plus the bit), except the compat calls it
 * moved to 512 and up. */
static void test_x32_numbering(void **state __attribute__((unused)))
{
	const struct arch_info *x32 = arch("x32"), *x64 = arch("x86_64");
	int checked = 0;

	for (int n = 0; n < 1024; n++) {
		const char *name = arch_syscall_name(x32, n | X32_BIT);
		int nr32, nr64;

		if (!name)
			continue;
		assert_int_equal(arch_syscall_resolve(x32, name, &nr32), ARCH_SYS_OK);
		assert_true(nr32 & X32_BIT);
		if ((nr32 & ~X32_BIT) >= 512)
			continue;
		assert_int_equal(arch_syscall_resolve(x64, name, &nr64), ARCH_SYS_OK);
		assert_int_equal(nr32 & ~X32_BIT, nr64);
		checked++;
	}
	assert_true(checked > 300);
}

static const struct {
	const char *name;
	bool known;
} knowns[] = {
    {"openat", true},	  {"open", true},    {"set_tls", true},	       {"cacheflush", true},
    {"socketcall", true}, {"umount", true},  {"recv", true},	       {"clone3", true},
    {"foo_bar", false},	  {"", false},	     {"OPENAT", false},	       {"sys_openat", false},
    {"__NR_open", false}, {"open\n", false}, {"SCMP_ARCH_X86", false},
};

static void test_known(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(knowns); i++)
		if (arch_syscall_known(knowns[i].name) != knowns[i].known)
			fail_msg("known(\"%s\") != %d", knowns[i].name, knowns[i].known);
	assert_false(arch_syscall_known(NULL));
}

static const struct {
	const char *in, *want; /* want NULL: no suggestion */
} suggestions[] = {
    {"opneat", "openat"},  /* transposition counts 1 */
    {"openatt", "openat"}, /* insertion */
    {"opnat", "openat"},   /* deletion */
    {"execv", "execve"},
    {"clone4", "clone"}, /* tie with clone3: alphabetical first */
    {"gettimeofdya", "gettimeofday"},
    {"totally_not", NULL},
    {"openat", NULL}, /* known names get none */
    {"", NULL},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL},
    {"openatxyz", NULL}, /* distance 3 */
};

static void test_suggest(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(suggestions); i++) {
		const char *got = arch_syscall_suggest(suggestions[i].in);
		const char *want = suggestions[i].want;

		if (!want && got)
			fail_msg("suggest(\"%s\") = \"%s\", want none", suggestions[i].in, got);
		if (want && (!got || strcmp(got, want) != 0))
			fail_msg("suggest(\"%s\") = %s, want \"%s\"", suggestions[i].in,
				 got ? got : "NULL", want);
	}
	assert_null(arch_syscall_suggest(NULL));
	/* A suggestion is itself a known name. */
	assert_true(arch_syscall_known(arch_syscall_suggest("opneat")));
}

/* ARM's maximum is in its private range; MIPS keeps the ABI offset. */
static const struct {
	const char *arch;
	int min, max;
} maxes[] = {
    {"x86_64", 450, 1023}, {"aarch64", 450, 1023},    {"x86", 450, 1023},	 {"x32", 450, 1023},
    {"mips", 4450, 5023},  {"mips64n32", 6450, 7023}, {"arm", 0xf0005, 0xf000f},
};

static void test_max(void **state __attribute__((unused)))
{
	for (size_t i = 0; i < ARRAY_SIZE(maxes); i++) {
		int m = arch_syscall_max(arch(maxes[i].arch));

		if (m < maxes[i].min || m > maxes[i].max)
			fail_msg("max(%s) = %d, want [%d, %d]", maxes[i].arch, m, maxes[i].min,
				 maxes[i].max);
		assert_non_null(arch_syscall_name(arch(maxes[i].arch),
						  strcmp(maxes[i].arch, "x32") ? m : m | X32_BIT));
	}
	assert_int_equal(arch_syscall_max(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_concurrent_first_use),
	    cmocka_unit_test(test_table_matches_spec_list),
	    cmocka_unit_test(test_lookup_all_spellings),
	    cmocka_unit_test(test_lookup_rejects),
	    cmocka_unit_test(test_tokens_bits_endianness),
	    cmocka_unit_test(test_token_flags_consistent),
	    cmocka_unit_test(test_spellings_unique),
	    cmocka_unit_test(test_supported_matches_libseccomp),
	    cmocka_unit_test(test_native),
	    cmocka_unit_test(test_resolve_table),
	    cmocka_unit_test(test_resolve_null_args),
	    cmocka_unit_test(test_unsupported_arches),
	    cmocka_unit_test(test_names_from_numbers),
	    cmocka_unit_test(test_names_interned),
	    cmocka_unit_test(test_round_trip_all),
	    cmocka_unit_test(test_known_names_never_unknown),
	    cmocka_unit_test(test_x32_numbering),
	    cmocka_unit_test(test_known),
	    cmocka_unit_test(test_suggest),
	    cmocka_unit_test(test_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
