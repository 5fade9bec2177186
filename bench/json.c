/* bench/json: our strict reader against jansson, same inputs, same run.
 *
 * usage: bench_json REPO_ROOT
 * Inputs: the containers' default profile (profiles/builtin/runtime-default.json,
 * 50 KB) and a generated 2 MB profile-like document.  Reports the best of N
 * runs in MB/s for each reader and the ratio ours/jansson.
 *
 * Why not simply use jansson: json_integer_t is json_int_t (long long), so
 * 18446744073709551615 (a valid OCI argument value) cannot be held; and
 * jansson keeps no line/column for nodes, only for syntax errors.  The
 * bench prints what jansson does with that value.
 */
#include "json/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int bench_jansson_parse(const char *data, size_t len, char *errbuf, size_t errlen);
const char *bench_jansson_version(void);
const char *bench_jansson_u64(char *buf, size_t len);

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A profile-like document of about `target` bytes: many entries with
 * names, args and comments, as a large recorded profile would have. */
static char *generate(size_t target, size_t *len)
{
	size_t cap = target + 4096, n = 0;
	char *s = malloc(cap);
	unsigned i = 0;

	n += (size_t)snprintf(s + n, cap - n,
			      "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":"
			      "[\"SCMP_ARCH_X86_64\"],\"syscalls\":[");
	while (n < target) {
		n += (size_t)snprintf(s + n, cap - n,
				      "%s{\"names\":[\"read\",\"write\",\"openat_%u\"],\"action\":"
				      "\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":1,\"value\":%u,"
				      "\"valueTwo\":0,\"op\":\"SCMP_CMP_EQ\"}],\"comment\":\"entry "
				      "n\\u00b0%u\"}",
				      i ? "," : "", i, i * 2654435761u, i);
		i++;
	}
	n += (size_t)snprintf(s + n, cap - n, "]}");
	*len = n;
	return s;
}

struct result {
	double ours, jansson; /* seconds, best run */
};

static struct result measure(const char *data, size_t len, int runs)
{
	struct result r = {1e9, 1e9};

	for (int k = 0; k < runs; k++) {
		struct json_limits lim = {.max_bytes = len + 1, .max_depth = 64};
		struct json_doc *doc = NULL;
		struct sc_error err = {0};
		char jerr[256];
		double t0, t1;

		t0 = now();
		if (json_parse(data, len, &lim, &doc, &err) < 0) {
			fprintf(stderr, "ours failed: %u:%u %s\n", err.line, err.col, err.msg);
			exit(1);
		}
		json_doc_free(doc);
		t1 = now();
		if (t1 - t0 < r.ours)
			r.ours = t1 - t0;

		t0 = now();
		if (bench_jansson_parse(data, len, jerr, sizeof(jerr)) < 0) {
			fprintf(stderr, "jansson failed: %s\n", jerr);
			exit(1);
		}
		t1 = now();
		if (t1 - t0 < r.jansson)
			r.jansson = t1 - t0;
	}
	return r;
}

static void report(const char *name, size_t len, struct result r)
{
	double mb = (double)len / 1e6;

	printf("%-28s %9zu bytes  ours %8.1f MB/s  jansson %8.1f MB/s  ratio ours/jansson %.2f\n",
	       name, len, mb / r.ours, mb / r.jansson, r.jansson / r.ours);
}

int main(int argc, char **argv)
{
	char path[4096];
	size_t len, glen;
	char *data, *gen;
	char jbuf[256];

	if (argc != 2) {
		fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/profiles/builtin/runtime-default.json", argv[1]);
	data = slurp(path, &len);
	if (!data) {
		perror(path);
		return 1;
	}
	gen = generate(2u << 20, &glen);

	printf("bench/json: best of N runs, same process, same inputs (jansson %s)\n",
	       bench_jansson_version());
	report("runtime-default.json", len, measure(data, len, 200));
	report("generated profile (2 MB)", glen, measure(gen, glen, 15));

	printf("jansson on [18446744073709551615]: %s (ours keeps it exactly)\n",
	       bench_jansson_u64(jbuf, sizeof(jbuf)));
	free(data);
	free(gen);
	return 0;
}
