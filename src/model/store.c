/*
 * store.c: the store of files, records and diagnostics (see store.h), and its intern
 * table: word-at-a-time hashes, linear probing, doubling at three quarters' load.
 */
#include "model/store.h"

#include <stdlib.h>
#include <string.h>

void store_init(store *s, arena *memory)
{
    s->memory = memory;
    vec_init(&s->files, sizeof(submission_file));
    vec_init(&s->projects, sizeof(project_record));
    vec_init(&s->progress, sizeof(progress_record));
    vec_init(&s->assessments, sizeof(assessment_record));
    vec_init(&s->quarterly, sizeof(quarterly_record));
    vec_init(&s->keys, sizeof(record_key));
    s->keys_only = false;
    diag_init(&s->diags, memory);
    s->skipped = 0;
    s->names = NULL;
    s->name_capacity = s->name_count = 0;
    s->passes = 0;
}

void store_free(store *s)
{
    vec_free(&s->files);
    vec_free(&s->projects);
    vec_free(&s->progress);
    vec_free(&s->assessments);
    vec_free(&s->quarterly);
    vec_free(&s->keys);
    diag_free(&s->diags);
    free(s->names);
    s->names = NULL;
    s->name_capacity = s->name_count = 0;
}

/* Eight bytes at a time, each word multiplied in and folded. */
static uint64_t name_hash(const char *text, size_t length)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ length, word;
    size_t i = 0;
    for (; i + sizeof word <= length; i += sizeof word) {
        memcpy(&word, text + i, sizeof word);
        h = (h ^ word) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    word = 0;
    memcpy(&word, text + i, length - i);
    h = (h ^ word) * 0xc4ceb9fe1a85ec53u;
    return h ^ h >> 29;
}

/* Slots copied between releases of the old table's pages when the table grows. */
#define RELEASE_SLOTS 32768

/* Doubles the table.  A slot's new place is at its old one or a half-table further, so
 * the new table fills in order as the old is read, and the old one's pages are given
 * back behind the reading: the growth holds little more than the new table. */
static void grow_names(store *s)
{
    size_t capacity = s->name_capacity ? s->name_capacity * 2 : 256;
    store_name *names = die_calloc_table(capacity, sizeof *names);
    for (size_t i = 0; i < s->name_capacity; i++) {
        if (i % RELEASE_SLOTS == 0 && i > 0)
            release_table_pages(&s->names[i - RELEASE_SLOTS], RELEASE_SLOTS * sizeof *names);
        if (!s->names[i].text)
            continue;
        size_t j = s->names[i].hash & (capacity - 1);
        while (names[j].text)
            j = (j + 1) & (capacity - 1);
        names[j] = s->names[i];
    }
    free(s->names);
    s->names = names;
    s->name_capacity = capacity;
}

/* The slot of the length bytes at text: theirs, or the free one where they go. */
static store_name *name_slot(const store *s, const char *text, size_t length, uint32_t h)
{
    size_t mask = s->name_capacity - 1, i = h & mask;
    for (; s->names[i].text; i = (i + 1) & mask) {
        const char *known = s->names[i].text;
        if (s->names[i].hash == h && strncmp(known, text, length) == 0 && known[length] == '\0')
            break;
    }
    return &s->names[i];
}

const char *store_intern(store *s, const char *text, size_t length)
{
    if ((s->name_count + 1) * 4 > s->name_capacity * 3)
        grow_names(s);
    uint32_t h = (uint32_t)name_hash(text, length);
    store_name *slot = name_slot(s, text, length, h);
    if (slot->text)
        return slot->text;
    *slot = (store_name){h, 0, arena_strndup(s->memory, text, length), 0};
    s->name_count++;
    return slot->text;
}

unsigned store_begin_pass(store *s)
{
    return ++s->passes;
}

long store_seen(store *s, unsigned pass, const char *interned, long line)
{
    size_t length = strlen(interned);
    store_name *slot = name_slot(s, interned, length, (uint32_t)name_hash(interned, length));
    if (slot->text != interned)
        die_oom(); /* cannot happen: the text is interned */
    if (slot->pass == pass)
        return slot->line;
    slot->pass = pass;
    slot->line = line;
    return 0;
}

int store_add_file(store *s, const char *path)
{
    submission_file *file = vec_push(&s->files);
    file->path = arena_strdup(s->memory, path);
    file->office_index = -1;
    return (int)s->files.count - 1;
}

submission_file *store_file(const store *s, int index)
{
    return vec_at(&s->files, (size_t)index);
}

store_mark store_mark_now(const store *s)
{
    return (store_mark){s->files.count,       s->projects.count,  s->progress.count,
                        s->assessments.count, s->quarterly.count, s->keys.count,
                        s->diags.items.count};
}

void store_forget_records_since(store *s, const store_mark *mark)
{
    s->projects.count = mark->projects;
    s->progress.count = mark->progress;
    s->assessments.count = mark->assessments;
    s->quarterly.count = mark->quarterly;
    s->keys.count = mark->keys;
}

void store_forget_since(store *s, const store_mark *mark)
{
    store_forget_records_since(s, mark);
    s->files.count = mark->files;
    s->diags.items.count = mark->diags;
}

long store_refused_files(const store *s)
{
    long refused = 0;
    for (size_t i = 0; i < s->files.count; i++)
        refused += store_file(s, (int)i)->rejected_whole;
    return refused;
}

row_counts store_totals(const store *s)
{
    row_counts total = {0};
    for (size_t i = 0; i < s->files.count; i++) {
        const row_counts *c = &store_file(s, (int)i)->rows;
        total.read += c->read;
        total.accepted += c->accepted;
        total.warned += c->warned;
        total.rejected += c->rejected;
        total.superseded += c->superseded;
    }
    return total;
}
