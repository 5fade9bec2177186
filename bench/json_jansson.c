/* jansson side of bench/json, in its own file: jansson's names (JSON_NULL,
 * json_object_get, ...) clash with ours. */
#include <jansson.h>
#include <stdio.h>

int bench_jansson_parse(const char *data, size_t len, char *errbuf, size_t errlen);
const char *bench_jansson_version(void);
const char *bench_jansson_u64(char *buf, size_t len);

int bench_jansson_parse(const char *data, size_t len, char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);

	if (!j) {
		snprintf(errbuf, errlen, "%s", jerr.text);
		return -1;
	}
	json_decref(j);
	return 0;
}

const char *bench_jansson_version(void)
{
	return JANSSON_VERSION;
}

/* What jansson makes of the largest OCI argument value. */
const char *bench_jansson_u64(char *buf, size_t len)
{
	json_error_t jerr;
	json_t *j = json_loads("[18446744073709551615]", 0, &jerr);

	if (!j)
		snprintf(buf, len, "refused: %s", jerr.text);
	else
		snprintf(buf, len, "parsed as %lld",
			 (long long)json_integer_value(json_array_get(j, 0)));
	json_decref(j);
	return buf;
}
