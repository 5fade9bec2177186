/* bench_compile: the native compiler against libseccomp 2.5.4, in one run,
 * on
 *   - the containers' default profile resolved for {x86_64},
 *   - the same for {x86_64, x86, x32} (what Docker/podman load on amd64),
 *   - the lab's production profile.
 * libseccomp is driven twice: as runc 1.1.5 drives it (binary tree for
 * more than 32 names, ENOSYS stub: the reference backend) and as crun 1.8.1
 * does (default layout, no stub: compile_crun.c), the program crun builds
 * at every start from JSON.
 * Reports, side by side and as ratios: compile time (median of many
 * in-process runs; JSON parsing and resolution measured on their own),
 * program length, worst and mean executed instructions per ABI, syscalls
 * the kernel's action cache can answer, and the live cost of one syscall
 * under each filter installed in a child: getppid (constant ALLOW) and
 * personality(0xffffffff) (allowed for that argument value only), with no
 * filter as the baseline.
 * usage: bench_compile SOURCE_ROOT [RUNS] */
#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bpf/bpf.h"
#include "compile_crun.h"
#include "profile/profile.h"

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "bench_compile: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Read and resolve; *parse_us and *resolve_us (optional) get the times. */
static struct profile *load(const char *json, size_t len, const char *name, double *parse_us,
			    double *resolve_us)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};
	double t0, t1, t2;

	profile_ctx_default(&ctx);
	t0 = now_ns();
	if (profile_read_buffer(json, len, name, &raw, NULL, &err) < 0) {
		fprintf(stderr, "bench_compile: %s: %s\n", name, err.msg);
		exit(1);
	}
	t1 = now_ns();
	if (profile_resolve(raw, &ctx, &res, &err) < 0) {
		fprintf(stderr, "bench_compile: %s: %s\n", name, err.msg);
		exit(1);
	}
	t2 = now_ns();
	if (parse_us)
		*parse_us = (t1 - t0) / 1e3;
	if (resolve_us)
		*resolve_us = (t2 - t1) / 1e3;
	profile_free(raw);
	return res;
}

static void set_arches(struct profile *p, const char *const *names, size_t n)
{
	free(p->arches);
	for (size_t i = 0; p->arch_srcs && i < p->n_arches; i++)
		free(p->arch_srcs[i].path);
	free(p->arch_srcs);
	p->arches = calloc(n, sizeof(*p->arches));
	p->arch_srcs = calloc(n, sizeof(*p->arch_srcs));
	if (!p->arches || !p->arch_srcs)
		exit(1);
	for (size_t i = 0; i < n; i++)
		p->arches[i] = arch_lookup(names[i]);
	p->n_arches = n;
}

typedef int (*compile_fn)(const struct profile *, const struct bpf_compile_opts *,
			  struct bpf_prog *, struct sc_error *);

/* Median compile time in microseconds over `runs` runs (at least 3). */
static double time_compile(compile_fn fn, const struct profile *p, size_t runs,
			   struct bpf_prog *keep)
{
	double *t = malloc(runs * sizeof(*t));
	struct sc_error err = {0};

	if (!t)
		exit(1);
	for (size_t i = 0; i < runs; i++) {
		struct bpf_prog prog = {0};
		double a = now_ns();

		if (fn(p, NULL, &prog, &err) < 0) {
			fprintf(stderr, "bench_compile: %s\n", err.msg);
			exit(1);
		}
		t[i] = (now_ns() - a) / 1e3;
		if (i == 0)
			*keep = prog;
		else
			bpf_prog_free(&prog);
	}
	double m = median(t, runs);
	free(t);
	return m;
}

/* ns per call of `nr` (args a0) in a child under prog (NULL: no filter). */
static double live_cost(const struct bpf_prog *prog, long nr, unsigned long a0, long calls)
{
	int fds[2];
	double ns = -1;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		double t;

		close(fds[0]);
		if (prog) {
			struct sock_fprog f = {.len = (unsigned short)prog->len,
					       .filter = prog->insns};

			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
			    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &f))
				_exit(1);
		}
		for (long i = 0; i < calls / 10; i++) /* warm up */
			syscall(nr, a0, 0, 0, 0, 0, 0);
		t = now_ns();
		for (long i = 0; i < calls; i++)
			syscall(nr, a0, 0, 0, 0, 0, 0);
		t = (now_ns() - t) / (double)calls;
		if (write(fds[1], &t, sizeof(t)) != (ssize_t)sizeof(t))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &ns, sizeof(ns)) != (ssize_t)sizeof(ns))
		ns = -1;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return ns;
}

/* Best of three, to keep the machine's noise out. */
static double live_best(const struct bpf_prog *prog, long nr, unsigned long a0)
{
	double best = -1;

	for (int i = 0; i < 3; i++) {
		double v = live_cost(prog, nr, a0, 1000000);

		if (v > 0 && (best < 0 || v < best))
			best = v;
	}
	return best;
}

enum { NATIVE, RUNC, CRUN, N_BACKENDS };

static const char *const backend_names[N_BACKENDS] = {"native", "libseccomp/runc",
						      "libseccomp/crun"};

static void row_us(const char *label, const double *v)
{
	printf("  %-34s", label);
	for (int b = 0; b < N_BACKENDS; b++)
		printf(" %14.1fus", v[b]);
	printf("\n");
}

static void row_ns(const char *label, const double *v, double none)
{
	printf("  %-34s", label);
	for (int b = 0; b < N_BACKENDS; b++)
		printf(" %14.1fns", v[b]);
	printf("   (no filter %.1fns)\n", none);
}

/* The action a program gives a call on this machine, for the live rows: a
 * call the filter denies never reaches the kernel's handler, so its "added"
 * cost can be negative. */
static const char *verdict(const struct bpf_prog *p, long nr, unsigned long a0)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = arch_native()->token, .args = {a0}};
	struct bpf_result r;

	if (bpf_run(p->insns, p->len, &d, &r, NULL) < 0)
		return "invalid";
	return bpf_ret_action_name(r.ret);
}

static void report(const char *title, struct profile *p, size_t runs)
{
	compile_fn fns[N_BACKENDS] = {bpf_compile_native, bpf_compile_libseccomp,
				      bench_compile_crun};
	struct bpf_prog progs[N_BACKENDS];
	struct bpf_arch_stats st[8][N_BACKENDS];
	double us[N_BACKENDS];
	const struct arch_info *abis[8];
	size_t n_abis = 0;

	abis[n_abis++] = arch_native();
	for (size_t i = 0; i < p->n_arches && n_abis < 8; i++)
		if (p->arches[i] != arch_native())
			abis[n_abis++] = p->arches[i];

	printf("\n%s\n  %-34s", title, "");
	for (int b = 0; b < N_BACKENDS; b++)
		printf(" %16s", backend_names[b]);
	printf("\n");
	for (int b = 0; b < N_BACKENDS; b++)
		us[b] = time_compile(fns[b], p, b == NATIVE ? runs : (runs > 1000 ? 1000 : runs),
				     &progs[b]);
	row_us("compile time (median)", us);
	printf("  %-34s", "program length (instructions)");
	for (int b = 0; b < N_BACKENDS; b++)
		printf(" %16zu", progs[b].len);
	printf("\n");
	for (size_t a = 0; a < n_abis; a++) {
		char label[64];

		for (int b = 0; b < N_BACKENDS; b++)
			if (bpf_prog_stats(&progs[b], abis[a], &st[a][b], NULL) < 0)
				exit(1);
		snprintf(label, sizeof(label), "%s worst / mean path", abis[a]->name);
		printf("  %-34s", label);
		for (int b = 0; b < N_BACKENDS; b++)
			printf(" %9zu / %4.1f", st[a][b].worst, st[a][b].mean);
		printf("\n");
		snprintf(label, sizeof(label), "%s cacheable ALLOW syscalls", abis[a]->name);
		printf("  %-34s", label);
		for (int b = 0; b < N_BACKENDS; b++)
			printf(" %16zu", st[a][b].n_cache_allow);
		printf("\n");
	}

	double base_g = live_best(NULL, SYS_getppid, 0);
	double base_p = live_best(NULL, SYS_personality, 0xffffffffUL);
	double g[N_BACKENDS], q[N_BACKENDS];

	for (int b = 0; b < N_BACKENDS; b++) {
		g[b] = live_best(&progs[b], SYS_getppid, 0);
		q[b] = live_best(&progs[b], SYS_personality, 0xffffffffUL);
	}
	char label[2][80];

	snprintf(label[0], sizeof(label[0]), "getppid per call [%s]",
		 verdict(&progs[NATIVE], SYS_getppid, 0));
	snprintf(label[1], sizeof(label[1]), "personality(~0u) per call [%s]",
		 verdict(&progs[NATIVE], SYS_personality, 0xffffffffUL));
	row_ns(label[0], g, base_g);
	row_ns(label[1], q, base_p);

	/* The ratios, in words. */
	printf("  => native is %.0fx faster to compile than libseccomp as runc drives it "
	       "(%.2f ms), %.0fx than as crun does (%.2f ms)\n",
	       us[RUNC] / us[NATIVE], us[RUNC] / 1e3, us[CRUN] / us[NATIVE], us[CRUN] / 1e3);
	printf("  => program %zu vs %zu insns (runc's, %.1fx) vs %zu (crun's, %.1fx)\n",
	       progs[NATIVE].len, progs[RUNC].len,
	       (double)progs[RUNC].len / (double)progs[NATIVE].len, progs[CRUN].len,
	       (double)progs[CRUN].len / (double)progs[NATIVE].len);
	for (size_t a = 0; a < n_abis; a++)
		printf("  => %s worst path %zu vs %zu vs %zu, mean %.1f vs %.1f vs %.1f\n",
		       abis[a]->name, st[a][NATIVE].worst, st[a][RUNC].worst, st[a][CRUN].worst,
		       st[a][NATIVE].mean, st[a][RUNC].mean, st[a][CRUN].mean);
	printf("  => getppid: the filter adds %.1f ns native, %.1f runc's, %.1f crun's"
	       " (native/runc's %.2f)\n",
	       g[NATIVE] - base_g, g[RUNC] - base_g, g[CRUN] - base_g, g[NATIVE] / g[RUNC]);
	printf("  => personality(0xffffffff): the filter adds %.1f ns native, %.1f runc's, "
	       "%.1f crun's (native/runc's per call %.2f, added %.2f)\n",
	       q[NATIVE] - base_p, q[RUNC] - base_p, q[CRUN] - base_p, q[NATIVE] / q[RUNC],
	       (q[NATIVE] - base_p) / (q[RUNC] - base_p));
	for (int b = 0; b < N_BACKENDS; b++)
		bpf_prog_free(&progs[b]);
}

int main(int argc, char **argv)
{
	static const char *const one[] = {"x86_64"}, *const three[] = {"x86_64", "x86", "x32"};
	size_t runs = argc > 2 ? (size_t)atol(argv[2]) : 1000, len, plen;
	char path[4096], ppath[4096];
	char *json, *prod;
	struct profile *p;
	double *tp, *tr, *tt;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_compile SOURCE_ROOT [RUNS]\n");
		return 2;
	}
	if (runs < 3)
		runs = 3;
	snprintf(path, sizeof(path), "%s/profiles/builtin/runtime-default.json", argv[1]);
	snprintf(ppath, sizeof(ppath), "%s/profiles/lab/production.json", argv[1]);
	json = slurp(path, &len);
	prod = slurp(ppath, &plen);

	printf("bench_compile: native compiler vs libseccomp 2.5.4 as runc 1.1.5 and crun 1.8.1 "
	       "drive it; medians of %zu in-process compiles (libseccomp: at most 1000)\n",
	       runs);
	tp = malloc(runs * sizeof(*tp));
	tr = malloc(runs * sizeof(*tr));
	tt = malloc(runs * sizeof(*tt));
	if (!tp || !tr || !tt)
		return 1;
	for (size_t i = 0; i < runs; i++) {
		profile_free(load(json, len, "runtime-default.json", &tp[i], &tr[i]));
		tt[i] = tp[i] + tr[i];
	}
	printf("containers' default (%zu bytes of JSON): parse %.1fus + resolve %.1fus = %.1fus "
	       "(medians)\n",
	       len, median(tp, runs), median(tr, runs), median(tt, runs));
	free(tp);
	free(tr);
	free(tt);

	p = load(json, len, "runtime-default.json", NULL, NULL);
	set_arches(p, one, 1);
	report("containers' default, {x86_64}", p, runs);
	profile_free(p);

	p = load(json, len, "runtime-default.json", NULL, NULL);
	set_arches(p, three, 3);
	report("containers' default, {x86_64, x86, x32}", p, runs);
	profile_free(p);

	p = load(prod, plen, "production.json", NULL, NULL);
	report("the lab's production profile", p, runs);
	profile_free(p);
	free(json);
	free(prod);
	return 0;
}
