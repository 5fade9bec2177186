/* audit_count_lines(); audit_find() is inline in scan.h. */
#include "audit/scan.h"

typedef audit_v16 v16;
#define load  audit_v16_load
#define splat audit_v16_splat

uint64_t audit_count_lines(const char *p, const char *end)
{
	const v16 nl = splat('\n');
	uint64_t n = 0;

	while (end - p >= 16) {
		/* a lane's count must not pass 255: at most 255 blocks per round */
		size_t blocks = (size_t)(end - p) / 16;
		v16 acc = {0};

		if (blocks > 255)
			blocks = 255;
		for (size_t b = 0; b < blocks; b++, p += 16)
			acc -= (v16)(load(p) == nl); /* a match is -1 */
		for (unsigned k = 0; k < 16; k++)
			n += acc[k];
	}
	for (; p < end; p++)
		n += *p == '\n';
	return n;
}
