/*
 * bind_span.c: the quarterly and annual reports' month by month values and lists (see
 * bind_span.h): amounts from the figures of each month, ranks from two unit score
 * tables, rows of status changes and of 报送情况 by month.  Formatting as in bind.c.
 */
#include "render/bind_span.h"

#include <stdlib.h>
#include <string.h>

static const char *const quarter_numerals[] = {"", "一", "二", "三", "四"};

/* The number after prefix in key ("month_output_yi.7" → 7), or 0 when key is not
 * prefix followed by a number from 1 to max. */
static int numbered(const char *key, const char *prefix, int max)
{
    size_t length = strlen(prefix);
    if (strncmp(key, prefix, length) != 0 || key[length] < '1' || key[length] > '9')
        return 0;
    char *end;
    long n = strtol(key + length, &end, 10);
    return *end == '\0' && n >= 1 && n <= max ? (int)n : 0;
}

/* The quarter's Kth month as a month of the year, or 0. */
static int quarter_month(const bind_scope *scope, int k)
{
    return scope->quarter.quarter && k ? (scope->quarter.quarter - 1) * 3 + k : 0;
}

/* The row matching t (an industry or the total of scope->figures) in other, or NULL. */
static const output_totals *same_row(const bind_scope *scope, const output_totals *t,
                                     const figures *other)
{
    const figures *f = scope->figures;
    if (!other)
        return NULL;
    if (t == &f->total)
        return &other->total;
    for (size_t i = 0; i < f->industry_count && i < other->industry_count; i++)
        if (t == &f->industries[i])
            return &other->industries[i];
    return NULL;
}

/* The year-to-date output of t's row at month m (1…12); false when that month has none. */
static bool ytd_at(const bind_scope *scope, const output_totals *t, int m, money *out)
{
    const output_totals *row = m >= 1 && m <= 12 ? same_row(scope, t, scope->months[m - 1]) : NULL;
    if (!row || row->records == 0)
        return false;
    *out = row->ytd_output;
    return true;
}

static void put_yi(buffer *out, money amount)
{
    char text[32];
    buffer_puts(out, money_format_yi(amount, 2, text));
}

/* The output of month m alone: its year to date less the month before's. */
static void put_month_output(const bind_scope *scope, const output_totals *t, int m, buffer *out)
{
    money now, before = 0;
    if (ytd_at(scope, t, m, &now) && (m == 1 || ytd_at(scope, t, m - 1, &before)))
        put_yi(out, now - before);
    else
        buffer_puts(out, "—");
}

bool span_output_value(const bind_scope *scope, const output_totals *t, const char *key,
                       buffer *out)
{
    if (!scope->months)
        return false;
    int m;
    money ytd;
    if ((m = numbered(key, "month_output_yi.", 12)) != 0)
        put_month_output(scope, t, m, out);
    else if ((m = quarter_month(scope, numbered(key, "quarter_month_output_yi.", 3))) != 0)
        put_month_output(scope, t, m, out);
    else if ((m = numbered(key, "month_ytd_output_yi.", 12)) != 0)
        ytd_at(scope, t, m, &ytd) ? put_yi(out, ytd) : buffer_puts(out, "—");
    else
        return false;
    return true;
}

static const unit_score *previous_score(const bind_scope *scope, const unit_score *u)
{
    for (size_t i = 0; scope->previous_scores && i < scope->previous_scores->count; i++)
        if (scope->previous_scores->units[i].unit == u->unit)
            return &scope->previous_scores->units[i];
    return NULL;
}

bool span_unit_value(const bind_scope *scope, const unit_score *u, const char *key,
                     buffer *out)
{
    const unit_score *before = previous_score(scope, u);
    if (strcmp(key, "previous_rank") == 0) {
        before ? buffer_printf(out, "%d", before->rank) : buffer_puts(out, "—");
    } else if (strcmp(key, "rank_change") == 0) {
        int up = before ? before->rank - u->rank : 0;
        if (!before)
            buffer_puts(out, "—");
        else if (up > 0)
            buffer_printf(out, "上升%d位", up);
        else if (up < 0)
            buffer_printf(out, "下降%d位", -up);
        else
            buffer_puts(out, "持平");
    } else {
        return false;
    }
    return true;
}

static bool change_value(const bind_scope *scope, const status_change *c, const char *key,
                         buffer *out)
{
    const plan *pl = scope->plan;
    const project_record *r = c->record;
    if (strcmp(key, "change") == 0)
        buffer_puts(out, span_change_name(c->kind));
    else if (strcmp(key, "month_label") == 0)
        buffer_printf(out, "%d月", c->month);
    else if (strcmp(key, "before") == 0)
        buffer_puts(out, c->before == STATUS_NONE ? "新列入" : project_status_name(c->before));
    else if (strcmp(key, "name") == 0)
        buffer_puts(out, r->name);
    else if (strcmp(key, "code") == 0)
        buffer_puts(out, r->code);
    else if (strcmp(key, "unit") == 0)
        buffer_puts(out, r->unit >= 0 ? pl->units[r->unit].name : "");
    else if (strcmp(key, "industry") == 0)
        buffer_puts(out, r->industry >= 0 ? pl->industries[r->industry].name : "");
    else
        return false;
    return true;
}

/* One month's mark: √ on time, 迟 late, 缺 missing, ？ no date; empty when not due. */
static const char *mark(const submission_row *row, int m)
{
    if (m < 1 || m > 12 || !row->expected[m - 1])
        return "";
    switch (row->status[m - 1]) {
    case SUBMISSION_ON_TIME: return "√";
    case SUBMISSION_LATE: return "迟";
    case SUBMISSION_UNKNOWN_DATE: return "？";
    case SUBMISSION_MISSING: return "缺";
    }
    return "";
}

static bool submission_row_value(const bind_scope *scope, const submission_row *row,
                                 const char *key, buffer *out)
{
    int m;
    if (strcmp(key, "office") == 0)
        buffer_puts(out, row->office_name);
    else if (strcmp(key, "kind") == 0)
        buffer_puts(out, bind_kind_label(row->kind));
    else if ((m = numbered(key, "mark.", 12)) != 0)
        buffer_puts(out, mark(row, m));
    else if ((m = quarter_month(scope, numbered(key, "quarter_mark.", 3))) != 0)
        buffer_puts(out, mark(row, m));
    else if (strcmp(key, "on_time") == 0)
        buffer_printf(out, "%ld", row->on_time);
    else if (strcmp(key, "late") == 0)
        buffer_printf(out, "%ld", row->late);
    else if (strcmp(key, "missing") == 0)
        buffer_printf(out, "%ld", row->missing);
    else if (strcmp(key, "unknown_date") == 0)
        buffer_printf(out, "%ld", row->unknown_date);
    else
        return false;
    return true;
}

bool span_row_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (scope->row_kind == ROW_CHANGE)
        return change_value(scope, scope->row, key, out);
    if (scope->row_kind == ROW_SUBMISSION_ROW)
        return submission_row_value(scope, scope->row, key, out);
    return false;
}

static long changes_of(const bind_scope *scope, status_change_kind kind)
{
    long count = 0;
    for (size_t i = 0; scope->changes && i < scope->changes->count; i++)
        count += scope->changes->items[i].kind == kind;
    return count;
}

/* Sums over the series: how many reports were due, on time, late, missing. */
static bool series_total(const bind_scope *scope, const char *key, buffer *out)
{
    long due = 0, on_time = 0, late = 0, missing = 0;
    for (size_t i = 0; scope->series && i < scope->series->count; i++) {
        const submission_row *row = &scope->series->rows[i];
        on_time += row->on_time;
        late += row->late;
        missing += row->missing;
        due += row->on_time + row->late + row->missing + row->unknown_date;
    }
    long value = strcmp(key, "due") == 0       ? due
                 : strcmp(key, "on_time") == 0 ? on_time
                 : strcmp(key, "late") == 0    ? late
                 : strcmp(key, "missing") == 0 ? missing
                                               : -1;
    if (value < 0)
        return false;
    buffer_printf(out, "%ld", value);
    return true;
}

bool span_global_value(const bind_scope *scope, const char *key, buffer *out)
{
    int k = numbered(key, "quarter_month_label.", 3);
    if (k && scope->quarter.quarter)
        buffer_printf(out, "%d月", quarter_month(scope, k));
    else if (strcmp(key, "item_quarter_cn") == 0 && scope->item)
        buffer_puts(out, quarter_numerals[scope->item->quarter.quarter % 5]);
    else if (strcmp(key, "changes_count") == 0 && scope->changes)
        buffer_printf(out, "%zu", scope->changes->count);
    else if (strcmp(key, "changes.started") == 0 && scope->changes)
        buffer_printf(out, "%ld", changes_of(scope, CHANGE_STARTED));
    else if (strcmp(key, "changes.completed") == 0 && scope->changes)
        buffer_printf(out, "%ld", changes_of(scope, CHANGE_COMPLETED));
    else if (strcmp(key, "changes.producing") == 0 && scope->changes)
        buffer_printf(out, "%ld", changes_of(scope, CHANGE_PRODUCING));
    else if (strcmp(key, "attracted_count") == 0 && scope->attracted)
        buffer_printf(out, "%zu", scope->attracted_count);
    else if (strncmp(key, "reports.", 8) == 0 && scope->series)
        return series_total(scope, key + 8, out);
    else
        return false;
    return true;
}

bool span_test(const bind_scope *scope, const char *name, bool *result)
{
    if (strcmp(name, "has_changes") == 0 && scope->changes)
        *result = scope->changes->count > 0;
    else if (strcmp(name, "has_attracted") == 0 && scope->attracted)
        *result = scope->attracted_count > 0;
    else if (strcmp(name, "has_previous_ranks") == 0)
        *result = scope->previous_scores != NULL;
    else if (strcmp(name, "attracted_goal_met") == 0 && scope->attracted)
        *result = (long)scope->attracted_count >= scope->plan->goal_major_projects;
    else
        return false;
    return true;
}

bool span_rows(const bind_scope *scope, const char *source, vec *rows)
{
    if (strcmp(source, "changes") == 0 && scope->changes) {
        for (size_t i = 0; i < scope->changes->count; i++)
            bind_push_row(scope, rows, ROW_CHANGE, &scope->changes->items[i]);
    } else if (strcmp(source, "submissions.months") == 0 && scope->series) {
        for (size_t i = 0; i < scope->series->count; i++)
            bind_push_row(scope, rows, ROW_SUBMISSION_ROW, &scope->series->rows[i]);
    } else if (strcmp(source, "projects.attracted") == 0 && scope->attracted) {
        for (size_t i = 0; i < scope->attracted_count; i++)
            bind_push_row(scope, rows, ROW_PROJECT, scope->attracted[i]);
    } else {
        return false;
    }
    return true;
}
