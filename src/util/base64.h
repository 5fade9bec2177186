/* Base64 (RFC 4648, standard alphabet, padded): what crun's
 * run.oci.seccomp_bpf_data annotation and Go's base64.StdEncoding take. */
#ifndef SC_UTIL_BASE64_H
#define SC_UTIL_BASE64_H

#include <stddef.h>

/* A malloc'd NUL-terminated encoding of data[0..len), or NULL (ENOMEM). */
char *sc_base64_encode(const void *data, size_t len);

#endif
