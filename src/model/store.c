/*
 * store.c: the store of files, records and diagnostics, and the superseding of records
 * across files (see store.h).  Superseding sorts record keys once: O(n log n).
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
    diag_init(&s->diags, memory);
    s->skipped = 0;
}

void store_free(store *s)
{
    vec_free(&s->files);
    vec_free(&s->projects);
    vec_free(&s->progress);
    vec_free(&s->assessments);
    vec_free(&s->quarterly);
    diag_free(&s->diags);
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

/* One record to be considered for superseding: its key, its file's rank, its fate. */
typedef struct supersede_entry {
    const char *key;
    int file_rank;
    int file;
    record_fate *fate;
    bool warned;
} supersede_entry;

static int compare_entries(const void *a, const void *b)
{
    const supersede_entry *x = a, *y = b;
    int by_key = strcmp(x->key, y->key);
    if (by_key)
        return by_key;
    return (x->file_rank > y->file_rank) - (x->file_rank < y->file_rank);
}

/* Files in the order "earlier submission first": date sent (none first), then path. */
static int compare_files(const void *a, const void *b, const store *s)
{
    const submission_file *x = store_file(s, *(const int *)a);
    const submission_file *y = store_file(s, *(const int *)b);
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* Insertion sort of file indexes: files number in the tens or hundreds. */
static void rank_files(const store *s, int *rank_of_file)
{
    size_t n = s->files.count;
    int *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        die_oom();
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        order[j] = (int)i;
        while (j > 0 && compare_files(&order[j - 1], &order[j], s) > 0) {
            int t = order[j - 1];
            order[j - 1] = order[j];
            order[j] = t;
            j--;
        }
    }
    for (size_t i = 0; i < n; i++)
        rank_of_file[order[i]] = (int)i;
    free(order);
}

static void add_entry(vec *entries, const char *key, int file, const int *rank_of_file,
                      record_fate *fate, bool warned)
{
    supersede_entry *e = vec_push(entries);
    e->key = key;
    e->file = file;
    e->file_rank = rank_of_file[file];
    e->fate = fate;
    e->warned = warned;
}

static void collect_keys(store *s, vec *entries, const int *rank_of_file)
{
    arena *a = s->memory;
    for (size_t i = 0; i < s->projects.count; i++) {
        project_record *r = vec_at(&s->projects, i);
        const char *key = arena_printf(a, "P|%d-%d|%s", r->period.year, r->period.month, r->code);
        add_entry(entries, key, r->origin.file, rank_of_file, &r->fate, r->warned);
    }
    for (size_t i = 0; i < s->progress.count; i++) {
        progress_record *r = vec_at(&s->progress, i);
        const char *key = arena_printf(a, "G|%d-%d|%d|%d|%d", r->period.year, r->period.month,
                                       r->unit, r->industry, r->subsector);
        add_entry(entries, key, r->origin.file, rank_of_file, &r->fate, r->warned);
    }
    for (size_t i = 0; i < s->assessments.count; i++) {
        assessment_record *r = vec_at(&s->assessments, i);
        const char *key = arena_printf(a, "A|%d|%d", r->period.year, r->unit);
        add_entry(entries, key, r->origin.file, rank_of_file, &r->fate, r->warned);
    }
    for (size_t i = 0; i < s->quarterly.count; i++) {
        quarterly_record *r = vec_at(&s->quarterly, i);
        const char *office = store_file(s, r->origin.file)->office;
        const char *key = arena_printf(a, "Q|%d-%d|%s", r->period.year, r->period.quarter,
                                       office ? office : "");
        add_entry(entries, key, r->origin.file, rank_of_file, &r->fate, r->warned);
    }
}

void store_supersede(store *s)
{
    int *rank_of_file = malloc((s->files.count ? s->files.count : 1) * sizeof *rank_of_file);
    if (!rank_of_file)
        die_oom();
    rank_files(s, rank_of_file);
    vec entries;
    vec_init(&entries, sizeof(supersede_entry));
    collect_keys(s, &entries, rank_of_file);
    if (entries.count > 0) /* qsort's pointer must not be NULL, even for no items */
        qsort(entries.items, entries.count, sizeof(supersede_entry), compare_entries);
    for (size_t i = 0; i < entries.count;) {
        size_t end = i;
        while (end + 1 < entries.count &&
               strcmp(((supersede_entry *)vec_at(&entries, end + 1))->key,
                      ((supersede_entry *)vec_at(&entries, i))->key) == 0)
            end++;
        int latest = ((supersede_entry *)vec_at(&entries, end))->file_rank;
        for (size_t j = i; j <= end; j++) {
            supersede_entry *e = vec_at(&entries, j);
            if (e->file_rank < latest && *e->fate == FATE_ACCEPTED) {
                *e->fate = FATE_SUPERSEDED;
                submission_file *file = store_file(s, e->file);
                file->rows.accepted--;
                file->rows.superseded++;
                if (e->warned)
                    file->rows.warned--;
            }
        }
        i = end + 1;
    }
    vec_free(&entries);
    free(rank_of_file);
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
