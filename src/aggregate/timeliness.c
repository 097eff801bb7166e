/*
 * timeliness.c: 报送情况 (scoring.md §4, see timeliness.h).  For each office and kind it
 * owes for the period, gathers the office's files of that kind and period from the store
 * and judges the earliest dated one that holds a valid row against the due date.
 */
#include "aggregate/timeliness.h"

const char *timeliness_status_name(submission_status status)
{
    switch (status) {
    case SUBMISSION_ON_TIME: return "on_time";
    case SUBMISSION_LATE: return "late";
    case SUBMISSION_UNKNOWN_DATE: return "unknown_date";
    case SUBMISSION_MISSING: return "missing";
    }
    return "";
}

date timeliness_month_due(const plan *pl, period month)
{
    int day = pl->month_due_day > 0 ? pl->month_due_day : 1;
    return date_add_days(period_end_next_day(month), day - 1);
}

date timeliness_quarter_due(const plan *pl, period quarter)
{
    int days = pl->quarter_due_days > 0 ? pl->quarter_due_days : 1;
    return date_add_days(period_end_next_day(quarter), days - 1);
}

/* A file counts for a quarter when it states the quarter or one of its months. */
static bool file_is_for(const submission_file *file, record_kind kind, period p)
{
    if (file->kind != kind || !file->has_period)
        return false;
    if (kind == KIND_QUARTERLY)
        return period_equal(period_quarter_of(file->period), p);
    return period_equal(file->period, p);
}

/* A submission is a file with a row that passed validation (accepted then, whether or
 * not a later file has superseded it since). */
static bool file_has_valid_row(const submission_file *file)
{
    return !file->rejected_whole && file->rows.accepted + file->rows.superseded > 0;
}

static void judge(submission_check *check, const store *s)
{
    bool submitted = false;
    check->sent = 0;
    for (size_t i = 0; i < check->file_count; i++) {
        const submission_file *file = store_file(s, check->files[i]);
        if (!file_has_valid_row(file))
            continue;
        submitted = true;
        if (file->sent != 0 && (check->sent == 0 || file->sent < check->sent))
            check->sent = file->sent;
    }
    if (!submitted)
        check->status = SUBMISSION_MISSING;
    else if (check->sent == 0)
        check->status = SUBMISSION_UNKNOWN_DATE;
    else
        check->status = check->sent <= check->due ? SUBMISSION_ON_TIME : SUBMISSION_LATE;
}

/* Adds the check of one office; `expected` gives the kind, the period and the due date. */
static void add_check(timeliness *out, const plan *pl, const store *s, int office,
                      submission_check expected, arena *a)
{
    submission_check *check = &out->checks[out->count++];
    *check = expected;
    check->office = office;
    check->office_name = pl->offices[office].name;
    check->files = arena_alloc(a, (s->files.count + 1) * sizeof *check->files);
    for (size_t i = 0; i < s->files.count; i++) {
        const submission_file *file = store_file(s, (int)i);
        if (file->office_index == office && file_is_for(file, check->kind, check->period))
            check->files[check->file_count++] = (int)i;
    }
    judge(check, s);
    long *tally[] = {&out->on_time, &out->late, &out->unknown_date, &out->missing};
    (*tally[check->status])++;
}

void timeliness_compute(timeliness *out, const plan *pl, const store *s, period p, arena *a)
{
    static const struct {
        unsigned bit;
        record_kind kind;
    } kinds[] = {{KIND_BIT_PROJECTS, KIND_PROJECTS},
                 {KIND_BIT_PROGRESS, KIND_PROGRESS},
                 {KIND_BIT_ASSESSMENT, KIND_ASSESSMENT},
                 {KIND_BIT_QUARTERLY, KIND_QUARTERLY}};
    period month = period_last_month(p);
    bool quarter_ends = month.month % 3 == 0;
    period quarter = period_quarter_of(month);
    *out = (timeliness){0};
    out->checks = arena_alloc(a, (pl->office_count * 4 + 1) * sizeof *out->checks);
    for (size_t i = 0; i < pl->office_count; i++) {
        unsigned owed = pl->offices[i].kinds;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (!(owed & kinds[k].bit))
                continue;
            if (kinds[k].kind == KIND_ASSESSMENT && !quarter_ends)
                continue; /* the 考核 inputs: with the quarter's last month's reports */
            if (kinds[k].kind != KIND_QUARTERLY)
                add_check(out, pl, s, (int)i, (submission_check){.kind = kinds[k].kind,
                          .period = month, .due = timeliness_month_due(pl, month)}, a);
            else if (quarter_ends)
                add_check(out, pl, s, (int)i, (submission_check){.kind = KIND_QUARTERLY,
                          .period = quarter, .due = timeliness_quarter_due(pl, quarter)}, a);
        }
    }
}
