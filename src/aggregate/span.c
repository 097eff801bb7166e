/*
 * span.c: figures over months first..last of a year (see span.h): status changes between
 * consecutive months' project lists, the year's attracted major projects, and timeliness
 * month by month.
 */
#include "aggregate/span.h"

#include "aggregate/figures.h"

#include <string.h>

const char *span_change_name(status_change_kind kind)
{
    switch (kind) {
    case CHANGE_STARTED: return "新开工";
    case CHANGE_COMPLETED: return "竣工";
    case CHANGE_PRODUCING: return "投产";
    }
    return "";
}

static bool listed_in(const project_record *r, int year, int month)
{
    return r->fate == FATE_ACCEPTED && r->period.quarter == 0 && r->period.year == year &&
           r->period.month == month;
}

/* The project's record of the month, by code, or NULL. */
static const project_record *record_of(const store *s, const char *code, int year, int month)
{
    for (size_t i = 0; i < s->projects.count; i++) {
        const project_record *r = vec_at(&s->projects, i);
        if (listed_in(r, year, month) && r->code && strcmp(r->code, code) == 0)
            return r;
    }
    return NULL;
}

/* Whether going from before to now is a change worth reporting, and which. */
static bool change_of(project_status before, project_status now, status_change_kind *kind)
{
    if (now == before)
        return false;
    if (now == STATUS_BUILDING && (before == STATUS_PRELIMINARY || before == STATUS_NONE)) {
        *kind = CHANGE_STARTED;
        return true;
    }
    if (before == STATUS_NONE)
        return false;
    if (now == STATUS_COMPLETED)
        *kind = CHANGE_COMPLETED;
    else if (now == STATUS_PRODUCING)
        *kind = CHANGE_PRODUCING;
    else
        return false;
    return true;
}

void span_status_changes(status_changes *out, const store *s, int year, int first, int last,
                         arena *a)
{
    vec found;
    vec_init(&found, sizeof(status_change));
    for (int month = first > 1 ? first : 2; month <= last; month++) {
        for (size_t i = 0; i < s->projects.count; i++) {
            const project_record *r = vec_at(&s->projects, i);
            if (!listed_in(r, year, month) || !r->code)
                continue;
            const project_record *before = record_of(s, r->code, year, month - 1);
            project_status was = before ? before->status : STATUS_NONE;
            status_change_kind kind;
            if (change_of(was, r->status, &kind))
                *(status_change *)vec_push(&found) = (status_change){r, kind, was, month};
        }
    }
    out->items = arena_alloc(a, (found.count + 1) * sizeof *out->items);
    out->count = 0;
    for (int kind = CHANGE_STARTED; kind <= CHANGE_PRODUCING; kind++)
        for (size_t i = 0; i < found.count; i++) /* found is by month, then input order */
            if (((status_change *)vec_at(&found, i))->kind == (status_change_kind)kind)
                out->items[out->count++] = *(status_change *)vec_at(&found, i);
    vec_free(&found);
}

void span_attracted_major(const plan *pl, const store *s, int year, int last,
                          const project_record ***out, size_t *count, arena *a)
{
    *out = arena_alloc(a, (s->projects.count + 1) * sizeof **out);
    *count = 0;
    for (size_t i = 0; i < s->projects.count; i++) {
        const project_record *r = vec_at(&s->projects, i);
        if (r->fate != FATE_ACCEPTED || r->period.quarter || r->period.year != year ||
            r->period.month > last || !r->code || !r->attracted || !figures_is_major(r, pl))
            continue;
        size_t k = 0;
        while (k < *count && strcmp((*out)[k]->code, r->code) != 0)
            k++;
        if (k == *count)
            (*out)[(*count)++] = r;
        else if ((*out)[k]->period.month < r->period.month)
            (*out)[k] = r;
    }
}

/* The row of office and kind, added in its place (office, then kind) when new. */
static submission_row *row_for(vec *rows, const submission_check *c)
{
    size_t i = 0;
    for (; i < rows->count; i++) {
        submission_row *row = vec_at(rows, i);
        if (row->office == c->office && row->kind == c->kind)
            return row;
        if (row->office > c->office || (row->office == c->office && row->kind > c->kind))
            break;
    }
    vec_push(rows);
    submission_row *slot = vec_at(rows, i);
    memmove((char *)slot + sizeof *slot, slot, (rows->count - 1 - i) * sizeof *slot);
    memset(slot, 0, sizeof *slot);
    slot->office = c->office;
    slot->office_name = c->office_name;
    slot->kind = c->kind;
    return slot;
}

void span_submissions(submission_series *out, const plan *pl, const store *s, int year,
                      int first, int last, arena *a)
{
    vec rows;
    vec_init(&rows, sizeof(submission_row));
    for (int month = first; month <= last; month++) {
        timeliness t;
        timeliness_compute(&t, pl, s, (period){year, month, 0}, a);
        for (size_t i = 0; i < t.count; i++) {
            const submission_check *c = &t.checks[i];
            submission_row *row = row_for(&rows, c);
            row->expected[month - 1] = true;
            row->status[month - 1] = c->status;
            row->on_time += c->status == SUBMISSION_ON_TIME;
            row->late += c->status == SUBMISSION_LATE;
            row->unknown_date += c->status == SUBMISSION_UNKNOWN_DATE;
            row->missing += c->status == SUBMISSION_MISSING;
        }
    }
    out->rows = arena_alloc(a, (rows.count + 1) * sizeof *out->rows);
    if (rows.count)
        memcpy(out->rows, rows.items, rows.count * sizeof *out->rows);
    out->count = rows.count;
    out->first = first;
    out->last = last;
    vec_free(&rows);
}
