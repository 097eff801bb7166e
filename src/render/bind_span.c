/*
 * bind_span.c: what the quarterly and annual reports add to the bulletin's names (see
 * bind_parts.h): amounts from the figures of each month, ranks from two unit score
 * tables, rows of status changes and of 报送情况 by month.  Formatting as in bind.c.
 */
#include "render/bind_parts.h"

#include <string.h>

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

bool span_output_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    const output_totals *t = row;
    money ytd;
    if (!scope->months || (what == SPAN_QUARTER_MONTH_OUTPUT && !scope->quarter.quarter))
        return false;
    if (what == SPAN_MONTH_OUTPUT)
        put_month_output(scope, t, n, out);
    else if (what == SPAN_QUARTER_MONTH_OUTPUT)
        put_month_output(scope, t, quarter_month(scope, n), out);
    else
        ytd_at(scope, t, n, &ytd) ? put_yi(out, ytd) : buffer_puts(out, "—");
    return true;
}

static const unit_score *previous_score(const bind_scope *scope, const unit_score *u)
{
    for (size_t i = 0; scope->previous_scores && i < scope->previous_scores->count; i++)
        if (scope->previous_scores->units[i].unit == u->unit)
            return &scope->previous_scores->units[i];
    return NULL;
}

bool span_unit_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)n;
    const unit_score *u = row, *before = previous_score(scope, u);
    int up = before ? before->rank - u->rank : 0;
    if (!before)
        buffer_puts(out, "—");
    else if (what == SPAN_PREVIOUS_RANK)
        buffer_printf(out, "%d", before->rank);
    else if (up > 0)
        buffer_printf(out, "上升%d位", up);
    else if (up < 0)
        buffer_printf(out, "下降%d位", -up);
    else
        buffer_puts(out, "持平");
    return true;
}

bool span_change_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)n;
    const plan *pl = scope->plan;
    const status_change *c = row;
    const project_record *r = c->record;
    switch (what) {
    case CHG_CHANGE: buffer_puts(out, span_change_name(c->kind)); break;
    case CHG_MONTH_LABEL: buffer_printf(out, "%d月", c->month); break;
    case CHG_BEFORE:
        buffer_puts(out, c->before == STATUS_NONE ? "新列入" : project_status_name(c->before));
        break;
    case CHG_NAME: buffer_puts(out, r->name); break;
    case CHG_CODE: buffer_puts(out, r->code); break;
    case CHG_UNIT: buffer_puts(out, r->unit >= 0 ? pl->units[r->unit].name : ""); break;
    default: /* CHG_INDUSTRY */
        buffer_puts(out, r->industry >= 0 ? pl->industries[r->industry].name : "");
    }
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

bool span_series_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    const submission_row *r = row;
    switch (what) {
    case SER_OFFICE: buffer_puts(out, r->office_name); break;
    case SER_KIND: buffer_puts(out, bind_kind_label(r->kind)); break;
    case SER_MARK: buffer_puts(out, mark(r, n)); break;
    case SER_QUARTER_MARK:
        if (!scope->quarter.quarter)
            return false;
        buffer_puts(out, mark(r, quarter_month(scope, n)));
        break;
    case SER_ON_TIME: buffer_printf(out, "%ld", r->on_time); break;
    case SER_LATE: buffer_printf(out, "%ld", r->late); break;
    case SER_MISSING: buffer_printf(out, "%ld", r->missing); break;
    default: buffer_printf(out, "%ld", r->unknown_date); /* SER_UNKNOWN_DATE */
    }
    return true;
}

static long changes_of(const bind_scope *scope, status_change_kind kind)
{
    long count = 0;
    for (size_t i = 0; i < scope->changes->count; i++)
        count += scope->changes->items[i].kind == kind;
    return count;
}

/* Sums over the series: how many reports were due, on time, late, missing. */
static long series_total(const bind_scope *scope, int what)
{
    long due = 0, on_time = 0, late = 0, missing = 0;
    for (size_t i = 0; i < scope->series->count; i++) {
        const submission_row *row = &scope->series->rows[i];
        on_time += row->on_time;
        late += row->late;
        missing += row->missing;
        due += row->on_time + row->late + row->missing + row->unknown_date;
    }
    return what == SPAN_REPORTS_DUE       ? due
           : what == SPAN_REPORTS_ON_TIME ? on_time
           : what == SPAN_REPORTS_LATE    ? late
                                          : missing;
}

bool span_global_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)row;
    switch (what) {
    case SPAN_QUARTER_MONTH_LABEL:
        if (!scope->quarter.quarter)
            return false;
        buffer_printf(out, "%d月", quarter_month(scope, n));
        break;
    case SPAN_CHANGES_COUNT:
    case SPAN_CHANGES_STARTED:
    case SPAN_CHANGES_COMPLETED:
    case SPAN_CHANGES_PRODUCING:
        if (!scope->changes)
            return false;
        buffer_printf(out, "%ld",
                      what == SPAN_CHANGES_COUNT     ? (long)scope->changes->count
                      : what == SPAN_CHANGES_STARTED ? changes_of(scope, CHANGE_STARTED)
                      : what == SPAN_CHANGES_COMPLETED ? changes_of(scope, CHANGE_COMPLETED)
                                                       : changes_of(scope, CHANGE_PRODUCING));
        break;
    case SPAN_ATTRACTED_COUNT:
        if (!scope->attracted)
            return false;
        buffer_printf(out, "%zu", scope->attracted_count);
        break;
    default: /* SPAN_REPORTS_… */
        if (!scope->series)
            return false;
        buffer_printf(out, "%ld", series_total(scope, what));
    }
    return true;
}

bool span_test(const bind_scope *scope, const void *row, int what, bool *result)
{
    (void)row;
    switch (what) {
    case SPAN_HAS_CHANGES:
        if (!scope->changes)
            return false;
        *result = scope->changes->count > 0;
        break;
    case SPAN_HAS_PREVIOUS_RANKS: *result = scope->previous_scores != NULL; break;
    default: /* SPAN_HAS_ATTRACTED, SPAN_ATTRACTED_GOAL_MET */
        if (!scope->attracted)
            return false;
        *result = what == SPAN_HAS_ATTRACTED
                      ? scope->attracted_count > 0
                      : (long)scope->attracted_count >= scope->plan->goal_major_projects;
    }
    return true;
}

bool span_list(const bind_scope *scope, int what, bool with_total, vec *rows)
{
    (void)with_total;
    if (what == SPAN_CHANGES && scope->changes) {
        for (size_t i = 0; i < scope->changes->count; i++)
            bind_push_row(scope, rows, ROW_CHANGE, &scope->changes->items[i]);
    } else if (what == SPAN_SUBMISSION_MONTHS && scope->series) {
        for (size_t i = 0; i < scope->series->count; i++)
            bind_push_row(scope, rows, ROW_SUBMISSION_ROW, &scope->series->rows[i]);
    } else if (what == SPAN_ATTRACTED && scope->attracted) {
        for (size_t i = 0; i < scope->attracted_count; i++)
            bind_push_row(scope, rows, ROW_PROJECT, scope->attracted[i]);
    } else {
        return false;
    }
    return true;
}
