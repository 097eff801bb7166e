/*
 * supersede.c: the records that stand across files (see supersede.h).  Every accepted or
 * superseded record gets a key; sorting the keys once groups each key's records in the
 * order of their files: O(n log n).
 */
#include "ingest/supersede.h"

#include <stdlib.h>
#include <string.h>

/* One record to settle: its key, its file's rank, where it stands and how to name it. */
typedef struct entry {
    const char *key;
    int file_rank;
    int file;
    long line;
    record_fate *fate;
    bool warned;
    const char *column, *value; /* the key's column and value in messages, or NULL */
} entry;

static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int by_key = strcmp(x->key, y->key);
    if (by_key)
        return by_key;
    return (x->file_rank > y->file_rank) - (x->file_rank < y->file_rank);
}

/* Files in the order "earlier submission first": date sent (none first), then path. */
static int compare_files(const store *s, int a, int b)
{
    const submission_file *x = store_file(s, a), *y = store_file(s, b);
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
        while (j > 0 && compare_files(s, order[j - 1], order[j]) > 0) {
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

typedef struct collector {
    vec entries;
    const int *rank_of_file;
} collector;

static void add(collector *c, const char *key, const provenance *origin, record_fate *fate,
                bool warned, const char *column, const char *value)
{
    if (*fate == FATE_REJECTED)
        return;
    entry *e = vec_push(&c->entries);
    *e = (entry){key, c->rank_of_file[origin->file], origin->file, origin->line, fate, warned,
                 column, value};
}

static void collect(store *s, collector *c, arena *a)
{
    for (size_t i = 0; i < s->projects.count; i++) {
        project_record *r = vec_at(&s->projects, i);
        add(c, arena_printf(a, "P|%d-%d|%s", r->period.year, r->period.month, r->code),
            &r->origin, &r->fate, r->warned, "项目编号", r->code);
    }
    for (size_t i = 0; i < s->progress.count; i++) {
        progress_record *r = vec_at(&s->progress, i);
        add(c, arena_printf(a, "G|%d-%d|%d|%d|%d", r->period.year, r->period.month, r->unit,
                            r->industry, r->subsector),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
    for (size_t i = 0; i < s->assessments.count; i++) {
        assessment_record *r = vec_at(&s->assessments, i);
        add(c, arena_printf(a, "A|%d-%d|%d", r->period.year, r->period.month, r->unit),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
    for (size_t i = 0; i < s->quarterly.count; i++) {
        quarterly_record *r = vec_at(&s->quarterly, i);
        const char *office = store_file(s, r->origin.file)->office;
        add(c, arena_printf(a, "Q|%d-%d|%s", r->period.year, r->period.quarter,
                            office ? office : ""),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
}

static const char *office_of(const store *s, const entry *e)
{
    const char *office = store_file(s, e->file)->office;
    return office ? office : "";
}

/* Takes an accepted record out of its file's accepted rows. */
static void leave_accepted(store *s, entry *e, record_fate fate)
{
    if (*e->fate != FATE_ACCEPTED)
        return;
    submission_file *file = store_file(s, e->file);
    file->rows.accepted--;
    if (e->warned)
        file->rows.warned--;
    if (fate == FATE_SUPERSEDED)
        file->rows.superseded++;
    else
        file->rows.rejected++;
    *e->fate = fate;
}

/* One key's records, in file order: the first one's office owns the key, and its latest
 * file's records stand. */
static void settle_key(store *s, entry *first, entry *end)
{
    const char *owner = office_of(s, first);
    entry *latest = first;
    for (entry *e = first; e < end; e++)
        if (strcmp(office_of(s, e), owner) == 0)
            latest = e;
    for (entry *e = first; e < end; e++) {
        if (strcmp(office_of(s, e), owner) == 0) {
            if (e->file_rank < latest->file_rank) /* a quarterly file's items share a key */
                leave_accepted(s, e, FATE_SUPERSEDED);
            continue;
        }
        if (*e->fate == FATE_ACCEPTED)
            diag_addf(&s->diags, DIAG_ERROR, store_file(s, e->file)->path, e->line, e->column,
                      e->value, "与“%s”报送的同一记录（%s第%ld行）重复；报送单位只能替代本单位的记录，未计入",
                      owner, store_file(s, latest->file)->path, latest->line);
        leave_accepted(s, e, FATE_REJECTED);
    }
}

void supersede(store *s)
{
    int *rank_of_file = malloc((s->files.count ? s->files.count : 1) * sizeof *rank_of_file);
    if (!rank_of_file)
        die_oom();
    rank_files(s, rank_of_file);
    collector c = {.rank_of_file = rank_of_file};
    vec_init(&c.entries, sizeof(entry));
    arena keys = {0}; /* the keys live as long as the sort */
    collect(s, &c, &keys);
    entry *all = c.entries.items;
    size_t n = c.entries.count;
    if (n > 0) /* qsort's pointer must not be NULL, even for no items */
        qsort(all, n, sizeof *all, compare_entries);
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        while (end < n && strcmp(all[end].key, all[i].key) == 0)
            end++;
        settle_key(s, &all[i], &all[end]);
        i = end;
    }
    vec_free(&c.entries);
    arena_free(&keys);
    free(rank_of_file);
}
