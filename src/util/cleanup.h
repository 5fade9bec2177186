/* Scope-exit ownership helpers (the bubblewrap/minijail idiom).
 * `_cleanup_free_ char *p = ...;` frees p when it leaves scope;
 * `return steal_ptr(&p);` hands ownership to the caller explicitly. */
#ifndef SC_UTIL_CLEANUP_H
#define SC_UTIL_CLEANUP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void sc_freep(void *p)
{
	free(*(void **)p);
}
static inline void sc_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
static inline void sc_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

#define _cleanup_(f)	 __attribute__((cleanup(f)))
#define _cleanup_free_	 _cleanup_(sc_freep)
#define _cleanup_fclose_ _cleanup_(sc_fclosep)
#define _cleanup_close_	 _cleanup_(sc_closep)

static inline void *sc_steal_ptr(void *pp)
{
	void **p = (void **)pp;
	void *r = *p;

	*p = NULL;
	return r;
}
#define steal_ptr(pp) sc_steal_ptr(pp)

#define SC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
