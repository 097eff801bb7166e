/*
 * rowcap.c: the cap on a table's rows (see rowcap.h).
 */
#include "render/rowcap.h"

#include <stdlib.h>

typedef struct ranked {
    size_t position; /* in the list */
    bool major;
    money annual_plan;
} ranked;

/* Major before not; then the higher 年度计划投资; then the earlier in the list. */
static int by_importance(const void *left, const void *right)
{
    const ranked *a = left, *b = right;
    if (a->major != b->major)
        return a->major ? -1 : 1;
    if (a->annual_plan != b->annual_plan)
        return a->annual_plan > b->annual_plan ? -1 : 1;
    return a->position < b->position ? -1 : a->position > b->position;
}

static bool all_projects(const bind_scope *rows, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (rows[i].row_kind != ROW_PROJECT)
            return false;
    return true;
}

/* Marks in keep the limit most important projects of rows. */
static void choose_projects(const bind_scope *rows, size_t count, size_t limit, bool *keep)
{
    ranked *order = malloc(count * sizeof *order);
    if (!order)
        die_oom();
    for (size_t i = 0; i < count; i++) {
        const project_record *r = rows[i].row;
        order[i] = (ranked){i, figures_is_major(r, rows[i].plan), r->annual_plan};
    }
    qsort(order, count, sizeof *order, by_importance);
    for (size_t i = 0; i < limit; i++)
        keep[order[i].position] = true;
    free(order);
}

size_t rowcap_apply(bind_scope *rows, size_t count, size_t limit)
{
    if (count <= limit)
        return count;
    bool *keep = calloc(count, sizeof *keep);
    if (!keep)
        die_oom();
    if (all_projects(rows, count))
        choose_projects(rows, count, limit, keep);
    else
        for (size_t i = 0; i < limit; i++)
            keep[i] = true;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (!keep[i])
            continue;
        rows[kept] = rows[i];
        rows[kept].ordinal = kept + 1;
        kept++;
    }
    free(keep);
    return kept;
}
