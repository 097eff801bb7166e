/*
 * arena.c: the run's bump allocator and growable arrays (see arena.h).  Blocks are
 * chained and released at once; large requests get a block of their own.
 */
#include "model/arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_ALIGN 16

struct arena_block {
    arena_block *next;
    size_t used, capacity;
    _Alignas(16) unsigned char data[];
};

static const char *outputs_note = "原有输出文件未改动";
static void (*exhausted_cleanup)(void);

void die_set_outputs_note(const char *note)
{
    outputs_note = note;
}

void die_set_cleanup(void (*cleanup)(void))
{
    exhausted_cleanup = cleanup;
}

_Noreturn void die_exhausted(int error)
{
    void (*cleanup)(void) = exhausted_cleanup;
    exhausted_cleanup = NULL;
    if (cleanup)
        cleanup();
    const char *what = error == EMFILE || error == ENFILE ? "可同时打开的文件数已达上限"
                                                          : "内存不足";
    fprintf(stderr, "bulletin: %s，运行中止；%s\n", what, outputs_note);
    _exit(71); /* EX_OSERR */
}

_Noreturn void die_oom(void)
{
    die_exhausted(ENOMEM);
}

void *die_calloc_table(size_t count, size_t size)
{
    unsigned char *table = calloc(count, size);
    if (!table)
        die_oom();
    const uintptr_t page = 4096, huge = 2u << 20;
    if (count * size >= 2 * huge) { /* advice: its failure changes nothing */
        uintptr_t start = ((uintptr_t)table + page - 1) & ~(page - 1);
        uintptr_t end = ((uintptr_t)table + count * size) & ~(page - 1);
        madvise((void *)start, end - start, MADV_HUGEPAGE);
    }
    return table;
}

void release_table_pages(void *start, size_t size)
{
    long size_of_page = sysconf(_SC_PAGESIZE);
    uintptr_t page = size_of_page > 0 ? (uintptr_t)size_of_page : 4096;
    uintptr_t first = ((uintptr_t)start + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)start + size) & ~(page - 1);
    if (end > first) /* advice: its failure changes nothing */
        madvise((void *)first, end - first, MADV_DONTNEED);
}

void *die_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *die_realloc(void *pointer, size_t size)
{
    void *p = realloc(pointer, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

char *die_strdup(const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        die_oom();
    return copy;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    arena_block *block = a->head;
    if (!block || block->capacity - block->used < size) {
        size_t capacity = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        block = malloc(sizeof *block + capacity);
        if (!block)
            die_oom();
        block->used = 0;
        block->capacity = capacity;
        if (a->head && size > ARENA_BLOCK_SIZE) {
            /* keep the current block open for small requests */
            block->next = a->head->next;
            a->head->next = block;
        } else {
            block->next = a->head;
            a->head = block;
        }
    }
    void *p = block->data + block->used;
    block->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t length)
{
    char *copy = arena_alloc(a, length + 1);
    memcpy(copy, s, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* Formats once into a buffer on the stack, which holds nearly every key and message;
 * only longer text is formatted a second time, straight into the arena. */
char *arena_printf(arena *a, const char *format, ...)
{
    char first_try[256];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(first_try, sizeof first_try, format, args);
    va_end(args);
    if (length < 0)
        die_oom();
    if ((size_t)length < sizeof first_try)
        return arena_strndup(a, first_try, (size_t)length);
    char *text = arena_alloc(a, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    return text;
}

void arena_free(arena *a)
{
    arena_block *block = a->head;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    a->head = NULL;
}

void vec_init(vec *v, size_t item_size)
{
    v->items = NULL;
    v->count = v->capacity = 0;
    v->item_size = item_size;
}

void *vec_push(vec *v)
{
    if (v->count == v->capacity) {
        size_t capacity = v->capacity ? v->capacity * 2 : 16;
        if (capacity > SIZE_MAX / v->item_size)
            die_oom();
        void *items = realloc(v->items, capacity * v->item_size);
        if (!items)
            die_oom();
        v->items = items;
        v->capacity = capacity;
    }
    void *item = (unsigned char *)v->items + v->count * v->item_size;
    memset(item, 0, v->item_size);
    v->count++;
    return item;
}

void *vec_at(const vec *v, size_t index)
{
    return (unsigned char *)v->items + index * v->item_size;
}

void vec_free(vec *v)
{
    free(v->items);
    vec_init(v, v->item_size);
}
