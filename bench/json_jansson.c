/* jansson side of bench/json, in its own file: jansson's names (JSON_NULL,
 * json_object_get, ...) clash with ours. */
#include <jansson.h>
#include <stdio.h>

int bench_jansson_parse(const char *data, size_t len, char *errbuf, size_t errlen);
const char *bench_jansson_version(void);
const char *bench_jansson_u64(char *buf, size_t len);

/* Parse and free, as our side does; duplicates are refused on both sides. */
int bench_jansson_parse(const char *data, size_t len, char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);

	if (!j) {
		snprintf(errbuf, errlen, "%d:%d %s", jerr.line, jerr.column, jerr.text);
		return -1;
	}
	json_decref(j);
	return 0;
}

const char *bench_jansson_version(void)
{
	return JANSSON_VERSION;
}

/* What jansson makes of the largest OCI argument value.  Its integers are
 * json_int_t (long long), so a value above INT64_MAX is refused; the one
 * way to load it, JSON_DECODE_INT_AS_REAL, turns it into a double, which
 * rounds it to 2^64, a different number. */
const char *bench_jansson_u64(char *buf, size_t len)
{
	static const char doc[] = "[18446744073709551615]";
	json_error_t jerr;
	json_t *j = json_loads(doc, 0, &jerr), *r;
	int n;

	if (j)
		n = snprintf(buf, len, "read as the integer %lld; ",
			     (long long)json_integer_value(json_array_get(j, 0)));
	else
		n = snprintf(buf, len, "refused (\"%s\"); ", jerr.text);
	json_decref(j);
	if (n < 0 || (size_t)n >= len)
		return buf;
	r = json_loads(doc, JSON_DECODE_INT_AS_REAL, &jerr);
	if (r)
		snprintf(buf + n, len - (size_t)n,
			 "with JSON_DECODE_INT_AS_REAL it becomes the double %.17g (%.0f)",
			 json_real_value(json_array_get(r, 0)),
			 json_real_value(json_array_get(r, 0)));
	else
		snprintf(buf + n, len - (size_t)n, "JSON_DECODE_INT_AS_REAL refuses it too");
	json_decref(r);
	return buf;
}
