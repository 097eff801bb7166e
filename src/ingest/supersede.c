/*
 * supersede.c: the records that stand across files (see supersede.h).  Every accepted or
 * superseded record whose key occurs more than once (a hash of the key's fields tells)
 * gets its key; sorting the keys once groups each key's records in the order of their
 * files: O(n log n).  A key that occurs once settles nothing.  A store that keeps keys
 * only (`check`) is settled the same way from its keys.
 */
#include "ingest/supersede.h"

#include <stdbool.h>
#include <stdint.h>
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
    if (x->file_rank != y->file_rank)
        return x->file_rank < y->file_rank ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line); /* a quarterly file's items */
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

/* ---- keys that occur once settle nothing: a hash of each key's fields finds the rest ---- */

static uint64_t mix(uint64_t h, uint64_t value)
{
    h = (h ^ value) * 0xff51afd7ed558ccdu;
    return h ^ h >> 32;
}

static uint64_t text_hash(uint64_t h, const char *text)
{
    for (; *text; text++)
        h = (h ^ (unsigned char)*text) * 1099511628211u;
    return mix(h, 0);
}

/* 32 bits of a key's hash, never 0: a filter, since the keys themselves are compared
 * (two keys of one hash only cost an entry each), in half the memory of the whole. */
static uint32_t folded(uint64_t h)
{
    return (uint32_t)(h ^ h >> 32) | 1;
}

/* The hash of a record's key by its fields (equal keys, equal hashes), or 0 for a
 * record that takes no part (rejected). */
static uint32_t key_hash(const store *s, record_kind kind, const void *record)
{
    const project_record *head = record;
    if (head->fate == FATE_REJECTED)
        return 0;
    uint64_t h = mix(mix(mix(0x9E3779B97F4A7C15u, (uint64_t)kind), (uint64_t)head->period.year),
                     (uint64_t)(kind == KIND_QUARTERLY ? head->period.quarter : head->period.month));
    if (kind == KIND_PROJECTS)
        h = text_hash(h, head->code);
    if (kind == KIND_PROGRESS) {
        const progress_record *r = record;
        h = mix(mix(mix(h, (uint64_t)r->unit), (uint64_t)r->industry), (uint64_t)r->subsector);
    }
    if (kind == KIND_ASSESSMENT)
        h = mix(h, (uint64_t)((const assessment_record *)record)->unit);
    if (kind == KIND_QUARTERLY) {
        const char *office = store_file(s, head->origin.file)->office;
        h = text_hash(h, office ? office : "");
    }
    return folded(h);
}

static int compare_hashes(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct kind_records {
    record_kind kind;
    const vec *records;
} kind_records;

/* The period of a file's records: a quarterly file's quarter, else the file's month. */
static period period_of(const submission_file *f)
{
    return f->kind == KIND_QUARTERLY ? period_quarter_of(f->period) : f->period;
}

/* The hash of a kept key (keys_only), or 0 for a record that takes no part. */
static uint32_t kept_key_hash(const submission_file *f, const record_key *k)
{
    if (k->fate == FATE_REJECTED)
        return 0;
    period p = period_of(f);
    uint64_t h = mix(mix(mix(0x9E3779B97F4A7C15u, (uint64_t)f->kind), (uint64_t)p.year),
                     (uint64_t)(f->kind == KIND_QUARTERLY ? p.quarter : p.month));
    const char *key = f->kind == KIND_QUARTERLY ? f->office : k->key;
    return folded(text_hash(h, key ? key : ""));
}

/* The sorted hashes of every record's key, those of keys seen once left out (0). */
static uint32_t *shared_hashes(const store *s, const kind_records *kinds, size_t *count)
{
    size_t n = 0, total = s->keys.count;
    for (size_t k = 0; k < 4; k++)
        total += kinds[k].records->count;
    uint32_t *hashes = malloc((total ? total : 1) * sizeof *hashes);
    if (!hashes)
        die_oom();
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < kinds[k].records->count; i++)
            hashes[n++] = key_hash(s, kinds[k].kind, vec_at(kinds[k].records, i));
    for (size_t i = 0; i < s->files.count; i++) {
        const submission_file *f = store_file(s, (int)i);
        for (size_t j = 0; j < f->key_count; j++)
            hashes[n++] = kept_key_hash(f, vec_at(&s->keys, f->first_key + j));
    }
    if (n > 0)
        qsort(hashes, n, sizeof *hashes, compare_hashes);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        bool shared = (i > 0 && hashes[i - 1] == hashes[i]) || (i + 1 < n && hashes[i + 1] == hashes[i]);
        if (shared && hashes[i] != 0 && (kept == 0 || hashes[kept - 1] != hashes[i]))
            hashes[kept++] = hashes[i];
    }
    *count = kept;
    return hashes;
}

static bool is_shared(const uint32_t *hashes, size_t count, uint32_t h)
{
    return h != 0 && count > 0 && bsearch(&h, hashes, count, sizeof h, compare_hashes) != NULL;
}

/* The keys a store that keeps keys only holds, file by file, each with the key text the
 * records' fields would give (P|2015-9|code, G|2015-9|unit|industry|subsector, …). */
static void collect_kept(store *s, collector *c, arena *a, const uint32_t *hashes, size_t shared)
{
    static const char letters[] = {[KIND_PROJECTS] = 'P', [KIND_PROGRESS] = 'G',
                                   [KIND_ASSESSMENT] = 'A', [KIND_QUARTERLY] = 'Q'};
    for (size_t i = 0; i < s->files.count; i++) {
        const submission_file *f = store_file(s, (int)i);
        period p = period_of(f);
        for (size_t j = 0; j < f->key_count; j++) {
            record_key *k = vec_at(&s->keys, f->first_key + j);
            if (!is_shared(hashes, shared, kept_key_hash(f, k)))
                continue;
            const char *key = f->kind == KIND_QUARTERLY ? f->office : k->key;
            provenance origin = {(int)i, k->line};
            bool project = f->kind == KIND_PROJECTS;
            add(c, arena_printf(a, "%c|%d-%d|%s", letters[f->kind], p.year,
                                f->kind == KIND_QUARTERLY ? p.quarter : p.month, key ? key : ""),
                &origin, &k->fate, k->warned, project ? "项目编号" : NULL, project ? k->key : NULL);
        }
    }
}

static void collect(store *s, collector *c, arena *a)
{
    const kind_records kinds[4] = {{KIND_PROJECTS, &s->projects}, {KIND_PROGRESS, &s->progress},
                                   {KIND_ASSESSMENT, &s->assessments}, {KIND_QUARTERLY, &s->quarterly}};
    size_t shared;
    uint32_t *hashes = shared_hashes(s, kinds, &shared);
    for (size_t i = 0; i < s->projects.count; i++) {
        project_record *r = vec_at(&s->projects, i);
        if (!is_shared(hashes, shared, key_hash(s, KIND_PROJECTS, r)))
            continue;
        add(c, arena_printf(a, "P|%d-%d|%s", r->period.year, r->period.month, r->code),
            &r->origin, &r->fate, r->warned, "项目编号", r->code);
    }
    for (size_t i = 0; i < s->progress.count; i++) {
        progress_record *r = vec_at(&s->progress, i);
        if (!is_shared(hashes, shared, key_hash(s, KIND_PROGRESS, r)))
            continue;
        add(c, arena_printf(a, "G|%d-%d|%d|%d|%d", r->period.year, r->period.month, r->unit,
                            r->industry, r->subsector),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
    for (size_t i = 0; i < s->assessments.count; i++) {
        assessment_record *r = vec_at(&s->assessments, i);
        if (!is_shared(hashes, shared, key_hash(s, KIND_ASSESSMENT, r)))
            continue;
        add(c, arena_printf(a, "A|%d-%d|%d", r->period.year, r->period.month, r->unit),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
    for (size_t i = 0; i < s->quarterly.count; i++) {
        quarterly_record *r = vec_at(&s->quarterly, i);
        if (!is_shared(hashes, shared, key_hash(s, KIND_QUARTERLY, r)))
            continue;
        const char *office = store_file(s, r->origin.file)->office;
        add(c, arena_printf(a, "Q|%d-%d|%s", r->period.year, r->period.quarter,
                            office ? office : ""),
            &r->origin, &r->fate, r->warned, NULL, NULL);
    }
    collect_kept(s, c, a, hashes, shared);
    free(hashes);
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
