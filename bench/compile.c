/* bench_compile: the native compiler against libseccomp 2.5.4 (through
 * runc 1.1.5's way of using it), in one run, on
 *   - the containers' default profile resolved for {x86_64},
 *   - the same for {x86_64, x86, x32} (what Docker/podman load on amd64),
 *   - the lab's production profile.
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

static struct profile *load(const char *json, size_t len, const char *name)
{
	struct profile *raw = NULL, *res = NULL;
	struct profile_ctx ctx;
	struct sc_error err = {0};

	profile_ctx_default(&ctx);
	if (profile_read_buffer(json, len, name, &raw, NULL, &err) < 0 ||
	    profile_resolve(raw, &ctx, &res, &err) < 0) {
		fprintf(stderr, "bench_compile: %s: %s\n", name, err.msg);
		exit(1);
	}
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

static void report(const char *title, struct profile *p, size_t runs, bool live)
{
	static const char *const names[] = {"native", "libseccomp"};
	compile_fn fns[2] = {bpf_compile_native, bpf_compile_libseccomp};
	struct bpf_prog progs[2];
	double us[2];
	const struct arch_info *abis[8];
	size_t n_abis = 0;

	abis[n_abis++] = arch_native();
	for (size_t i = 0; i < p->n_arches && n_abis < 8; i++)
		if (p->arches[i] != arch_native())
			abis[n_abis++] = p->arches[i];

	printf("\n%s\n", title);
	for (int b = 0; b < 2; b++)
		us[b] =
		    time_compile(fns[b], p, b == 0 ? runs : (runs > 1000 ? 1000 : runs), &progs[b]);
	printf("  %-34s %12s %12s %10s\n", "", names[0], names[1], "ratio");
	printf("  %-34s %10.1fus %10.1fus %9.0fx faster\n", "compile time (median)", us[0], us[1],
	       us[1] / us[0]);
	printf("  %-34s %12zu %12zu %9.2fx\n", "program length (instructions)", progs[0].len,
	       progs[1].len, (double)progs[1].len / (double)progs[0].len);
	for (size_t a = 0; a < n_abis; a++) {
		struct bpf_arch_stats st[2];
		char label[64];

		for (int b = 0; b < 2; b++)
			if (bpf_prog_stats(&progs[b], abis[a], &st[b], NULL) < 0)
				exit(1);
		snprintf(label, sizeof(label), "%s worst / mean path", abis[a]->name);
		printf("  %-34s %6zu/%5.1f %6zu/%5.1f\n", label, st[0].worst, st[0].mean,
		       st[1].worst, st[1].mean);
		snprintf(label, sizeof(label), "%s cacheable ALLOW syscalls", abis[a]->name);
		printf("  %-34s %12zu %12zu\n", label, st[0].n_cache_allow, st[1].n_cache_allow);
	}
	if (live) {
		double base_g = live_best(NULL, SYS_getppid, 0);
		double base_p = live_best(NULL, SYS_personality, 0xffffffffUL);
		double g[2], q[2];

		for (int b = 0; b < 2; b++) {
			g[b] = live_best(&progs[b], SYS_getppid, 0);
			q[b] = live_best(&progs[b], SYS_personality, 0xffffffffUL);
		}
		printf("  %-34s %10.1fns %10.1fns  (no filter %.1fns)\n", "getppid per call", g[0],
		       g[1], base_g);
		printf("  %-34s %10.1fns %10.1fns  (no filter %.1fns)\n",
		       "personality(0xffffffff) per call", q[0], q[1], base_p);
		printf("  %-34s %10.1fns %10.1fns  native/libseccomp %.2f\n",
		       "  added by the filter", q[0] - base_p, q[1] - base_p,
		       (q[0] - base_p) / (q[1] - base_p));
	}
	bpf_prog_free(&progs[0]);
	bpf_prog_free(&progs[1]);
}

int main(int argc, char **argv)
{
	static const char *const one[] = {"x86_64"}, *const three[] = {"x86_64", "x86", "x32"};
	size_t runs = argc > 2 ? (size_t)atol(argv[2]) : 1000, len, plen;
	char path[4096], ppath[4096];
	char *json, *prod;
	struct profile *p;
	double *t;

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

	printf("bench_compile: native compiler vs libseccomp 2.5.4 (runc 1.1.5's use), %zu runs\n",
	       runs);
	t = malloc(runs * sizeof(*t));
	for (size_t i = 0; i < runs; i++) {
		double a = now_ns();

		profile_free(load(json, len, "runtime-default.json"));
		t[i] = (now_ns() - a) / 1e3;
	}
	printf("JSON parse + resolve of the containers' default (%zu bytes): %.1fus (median)\n",
	       len, median(t, runs));
	free(t);

	p = load(json, len, "runtime-default.json");
	set_arches(p, one, 1);
	report("containers' default, {x86_64}", p, runs, true);
	profile_free(p);

	p = load(json, len, "runtime-default.json");
	set_arches(p, three, 3);
	report("containers' default, {x86_64, x86, x32}", p, runs, true);
	profile_free(p);

	p = load(prod, plen, "production.json");
	report("the lab's production profile", p, runs, false);
	profile_free(p);
	free(json);
	free(prod);
	return 0;
}
