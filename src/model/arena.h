/*
 * arena.h: memory by run.  Records, strings and tables of one run are carved from an
 * arena and released together by arena_free(); nothing allocated here is freed alone.
 */
#ifndef BULLETIN_ARENA_H
#define BULLETIN_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

/* Returns size bytes, zeroed, aligned for any type; aborts on out-of-memory. */
void *arena_alloc(arena *a, size_t size);
/* Returns a NUL-terminated copy of the first length bytes of s. */
char *arena_strndup(arena *a, const char *s, size_t length);
char *arena_strdup(arena *a, const char *s);
/* Returns a printf-formatted string owned by the arena. */
char *arena_printf(arena *a, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Releases every allocation of the arena; the arena may be used again. */
void arena_free(arena *a);

/* Growable array of fixed-size items, owned by the heap (vec_free releases it). */
typedef struct vec {
    void *items;
    size_t count, capacity, item_size;
} vec;

void vec_init(vec *v, size_t item_size);
/* Appends a zeroed item and returns it; the pointer is valid until the next push. */
void *vec_push(vec *v);
void *vec_at(const vec *v, size_t index);
void vec_free(vec *v);

/* Ends the program when the system cannot give what a run needs: out of memory (die_oom)
 * or out of descriptors (die_exhausted(EMFILE)).  Calls the cleanup, prints one Chinese
 * line on standard error (what ran out, and the outputs note) and exits with status 71
 * (EX_OSERR), never touching an output. */
_Noreturn void die_oom(void);
_Noreturn void die_exhausted(int error);
/* malloc, realloc and strdup that never return NULL for want of memory: they die_oom.
 * Given to the libraries that take an allocator (libxml2, libharu, jansson), so that their
 * allocation failures end the run as the program's own do, instead of coming back as a
 * parse error, a missing value or a crash. */
void *die_malloc(size_t size);
void *die_realloc(void *pointer, size_t size);
char *die_strdup(const char *text);
/* calloc for a big table probed at random (hash slots): asks for huge pages, which
 * spare a TLB miss on most probes; never NULL. */
void *die_calloc_table(size_t count, size_t size);
/* Gives the whole pages within the size bytes at start, part of a die_calloc_table table
 * about to be freed, back to the system; what they held is lost.  A table that grows
 * releases its old slots as it copies them, and so never holds both tables whole. */
void release_table_pages(void *start, size_t size);

/* What die_exhausted says of the outputs: "原有输出文件未改动" until a set is in place. */
void die_set_outputs_note(const char *note);
/* A function die_exhausted calls first (removing a half-written staging folder), or NULL. */
void die_set_cleanup(void (*cleanup)(void));

#endif
