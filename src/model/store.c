/*
 * store.c: the store of files, records and diagnostics (see store.h).
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

store_mark store_mark_now(const store *s)
{
    return (store_mark){s->files.count,       s->projects.count,  s->progress.count,
                        s->assessments.count, s->quarterly.count, s->diags.items.count};
}

void store_forget_since(store *s, const store_mark *mark)
{
    s->files.count = mark->files;
    s->projects.count = mark->projects;
    s->progress.count = mark->progress;
    s->assessments.count = mark->assessments;
    s->quarterly.count = mark->quarterly;
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
