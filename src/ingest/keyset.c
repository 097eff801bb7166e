/*
 * keyset.c: the string set of the per-file duplicate checks (see keyset.h): FNV-1a
 * hashing, linear probing, doubling at three quarters' load.
 */
#include "ingest/keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void keyset_init(keyset *set)
{
    set->slots = NULL;
    set->capacity = set->count = 0;
}

void keyset_free(keyset *set)
{
    free(set->slots);
    keyset_init(set);
}

/* FNV-1a, its bits mixed (keys that differ in one digit must not cluster). */
static uint64_t hash(const char *key)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

static keyset_entry *slot_for(const keyset *set, uint64_t h, const char *key)
{
    size_t mask = set->capacity - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        keyset_entry *e = &set->slots[i];
        if (!e->key || (e->hash == h && strcmp(e->key, key) == 0))
            return e;
    }
}

static void grow(keyset *set)
{
    keyset old = *set;
    set->capacity = old.capacity ? old.capacity * 2 : 64;
    set->slots = die_calloc_table(set->capacity, sizeof *set->slots);
    for (size_t i = 0; i < old.capacity; i++) {
        if (!old.slots[i].key)
            continue;
        size_t mask = set->capacity - 1, j = old.slots[i].hash & mask;
        while (set->slots[j].key)
            j = (j + 1) & mask;
        set->slots[j] = old.slots[i];
    }
    free(old.slots);
}

long keyset_add(keyset *set, arena *a, const char *key, long line)
{
    if ((set->count + 1) * 4 > set->capacity * 3)
        grow(set);
    uint64_t h = hash(key);
    keyset_entry *e = slot_for(set, h, key);
    if (e->key)
        return e->line;
    *e = (keyset_entry){h, a ? arena_strdup(a, key) : key, line};
    set->count++;
    return 0;
}

long keyset_find(const keyset *set, const char *key)
{
    if (!set->capacity)
        return 0;
    keyset_entry *e = slot_for(set, hash(key), key);
    return e->key ? e->line : 0;
}
