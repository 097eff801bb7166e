/*
 * allocator.c: malloc, calloc and realloc of the whole process, so that an allocation
 * that fails anywhere (in the program, in libc, in a library that does not check: libharu
 * copies UTF-8 text into an unchecked malloc) ends the run through die_oom, with status
 * 71 and the outputs as they were, never a NULL that a library dereferences.  Each passes
 * the call on to the allocator next in line (glibc's, or a test's preloaded one) and
 * dies when it gives NULL for a non-zero size.  Not in a sanitizer build, whose
 * allocator is the sanitizer's own.
 */
#if !defined(__SANITIZE_ADDRESS__)
#define _GNU_SOURCE
#include "model/arena.h"

#include <dlfcn.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);

/* The allocator next in line, found once; glibc's own while it is being found (dlsym may
 * allocate). */
static void find_next(void)
{
    static int finding;
    if (next_malloc || finding)
        return;
    finding = 1;
    void *(*m)(size_t) = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    void *(*c)(size_t, size_t) = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    void *(*r)(void *, size_t) = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    next_calloc = c ? c : __libc_calloc;
    next_realloc = r ? r : __libc_realloc;
    next_malloc = m ? m : __libc_malloc;
    finding = 0;
}

void *malloc(size_t size)
{
    find_next();
    void *p = next_malloc ? next_malloc(size) : __libc_malloc(size);
    if (!p && size)
        die_oom();
    return p;
}

void *calloc(size_t count, size_t size)
{
    find_next();
    void *p = next_calloc ? next_calloc(count, size) : __libc_calloc(count, size);
    if (!p && count && size)
        die_oom();
    return p;
}

void *realloc(void *pointer, size_t size)
{
    find_next();
    void *p = next_realloc ? next_realloc(pointer, size) : __libc_realloc(pointer, size);
    if (!p && size)
        die_oom();
    return p;
}
#else
typedef int allocator_is_the_sanitizers; /* ISO C wants a declaration in every file */
#endif
