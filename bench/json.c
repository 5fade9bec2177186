/* bench/json: our strict reader against jansson, same inputs, same run.
 *
 * usage: bench_json REPO_ROOT
 * Inputs: the containers' default profile (profiles/builtin/runtime-default.json,
 * about 16 KB) and a generated profile-like document of about 2 MB.  Each
 * parser parses and frees each input N times; the best run counts (the
 * least disturbed by the rest of the machine).  Reported in MB/s (10^6
 * bytes) with the ratio ours/jansson.
 *
 * Why not simply use jansson: its integers are json_int_t (long long), so it
 * cannot hold a uint64 above INT64_MAX, and 18446744073709551615 is a valid
 * OCI argument value (a mask of all ones).  jansson refuses it, or with
 * JSON_DECODE_INT_AS_REAL reads it as a double that rounds to 2^64; the
 * bench prints what this jansson does.  jansson also keeps no line/column
 * for values, only for its syntax errors.
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
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* A profile-like document of about `target` bytes: many rules with names,
 * argument conditions and comments with a \u escape, as a large recorded
 * profile would have.  Values stay within int64 so that jansson can read
 * it at all. */
static char *generate(size_t target, size_t *len)
{
	size_t cap = target + 4096, n = 0;
	char *s = malloc(cap);
	unsigned i = 0;

	if (!s)
		return NULL;
	n += (size_t)snprintf(s + n, cap - n,
			      "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"architectures\": "
			      "[\"SCMP_ARCH_X86_64\"],\n  \"syscalls\": [\n");
	while (n < target) {
		n += (size_t)snprintf(
		    s + n, cap - n,
		    "%s    {\"names\": [\"read\", \"write\", \"openat_%u\"], "
		    "\"action\": \"SCMP_ACT_ALLOW\",\n     \"args\": [{\"index\": 1, "
		    "\"value\": %u, \"valueTwo\": %u, \"op\": \"SCMP_CMP_MASKED_EQ\"}],"
		    "\n     \"comment\": \"entry n\\u00b0%u\"}",
		    i ? ",\n" : "", i, i * 2654435761u, i % 4 ? 0 : 4294967295u, i);
		i++;
	}
	n += (size_t)snprintf(s + n, cap - n, "\n  ]\n}\n");
	*len = n;
	return s;
}

struct result {
	double ours, jansson; /* seconds, best run */
};

static struct result measure(const char *data, size_t len, int runs)
{
	struct json_limits lim = {.max_bytes = len, .max_depth = 64};
	struct result r = {1e9, 1e9};

	for (int k = 0; k < runs; k++) {
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

static void report(const char *name, size_t len, int runs, struct result r)
{
	double mb = (double)len / 1e6;

	printf("%-26s %8zu bytes  best of %3d  ours %7.1f MB/s  jansson %7.1f MB/s  "
	       "ours/jansson %.2f\n",
	       name, len, runs, mb / r.ours, mb / r.jansson, r.jansson / r.ours);
}

int main(int argc, char **argv)
{
	enum { SMALL_RUNS = 500, LARGE_RUNS = 20 };
	char path[4096], jbuf[256];
	size_t len = 0, glen = 0;
	char *data, *gen;
	int n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
		return 2;
	}
	n = snprintf(path, sizeof(path), "%s/profiles/builtin/runtime-default.json", argv[1]);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "%s: path too long\n", argv[1]);
		return 2;
	}
	data = slurp(path, &len);
	if (!data) {
		perror(path);
		return 1;
	}
	gen = generate(2000000, &glen);
	if (!gen) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}

	printf("bench/json: parse+free, same process, same inputs (jansson %s)\n",
	       bench_jansson_version());
	report("runtime-default.json", len, SMALL_RUNS, measure(data, len, SMALL_RUNS));
	report("generated profile (2 MB)", glen, LARGE_RUNS, measure(gen, glen, LARGE_RUNS));
	printf("jansson on [18446744073709551615]: %s; ours keeps the lexeme and "
	       "json_number_u64 gives it exactly\n",
	       bench_jansson_u64(jbuf, sizeof(jbuf)));
	free(data);
	free(gen);
	return 0;
}
