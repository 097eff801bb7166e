/*
 * keyset.h: a set of string keys, each remembering the line where it was first seen:
 * the duplicate checks of one submission file.  Open addressing; the slots are on the
 * heap (keyset_free), the keys are copied into the arena given to keyset_add, or kept
 * where they are when it is given none.
 */
#ifndef BULLETIN_KEYSET_H
#define BULLETIN_KEYSET_H

#include "model/arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct keyset_entry {
    uint64_t hash;    /* compared before the key is: a probe rarely leaves the slot array */
    const char *key;  /* NULL: a free slot */
    long line;        /* where the key was first seen */
} keyset_entry;

typedef struct keyset {
    keyset_entry *slots;
    size_t capacity, count;
} keyset;

void keyset_init(keyset *set);
void keyset_free(keyset *set);

/* Adds key with its line and returns 0, or, when the key is already present, returns
 * the line it was first added with (lines are > 0) and changes nothing.  The key is
 * copied into a, or (a NULL) must outlive the set. */
long keyset_add(keyset *set, arena *a, const char *key, long line);

/* The line the key was added with, or 0. */
long keyset_find(const keyset *set, const char *key);

#endif
