/*
 * timeliness.h: 报送情况 (scoring.md §4): for every office of the plan and every kind it
 * must send for a period, whether it came on time, late, with no date, or not at all,
 * judged by the first submission against the plan's due days.
 */
#ifndef BULLETIN_TIMELINESS_H
#define BULLETIN_TIMELINESS_H

#include "model/plan.h"
#include "model/store.h"

/* A submission is a file of the office, kind and period that is not rejected whole and
 * has a row that passed validation (accepted, or accepted and later superseded).  The
 * earliest date sent of the dated submissions decides; undated files are no evidence of
 * an earlier one, so they decide only when no submission is dated. */
typedef enum {
    SUBMISSION_ON_TIME,      /* earliest date sent ≤ due date */
    SUBMISSION_LATE,         /* earliest date sent after it */
    SUBMISSION_UNKNOWN_DATE, /* submitted, but no submission states its date */
    SUBMISSION_MISSING       /* no submission */
} submission_status;

/* "on_time", "late", "unknown_date", "missing". */
const char *timeliness_status_name(submission_status status);

typedef struct submission_check {
    int office;          /* index into the plan's offices */
    const char *office_name;
    record_kind kind;
    period period;       /* the month, or the quarter for KIND_QUARTERLY (a file stating
                            one of the quarter's months counts for the quarter) */
    date due;
    submission_status status;
    date sent;           /* the earliest date sent; 0 when unknown or missing */
    int *files;          /* indexes into the store's files of this office, kind and period,
                            in store order (also files whose rows were all rejected) */
    size_t file_count;
} submission_check;

typedef struct timeliness {
    submission_check *checks; /* plan office order, then projects, progress, assessment,
                                 quarterly */
    size_t count;
    long on_time, late, unknown_date, missing; /* how many checks have each status */
} timeliness;

/* The due date of a month's reports: the plan's month_due_day of the following month
 * (2015-09 → 2015-10-01).  month is a monthly period. */
date timeliness_month_due(const plan *pl, period month);
/* The due date of a quarter's items: quarter_due_days days after its last day
 * (2015-Q3 → 2015-10-10).  quarter is a quarterly period. */
date timeliness_quarter_due(const plan *pl, period quarter);

/* Checks every expected submission of period p (a month; a quarter is taken as its
 * last month).  Projects and progress are expected for the month p of every office whose
 * kinds include them; assessment (year to date, 附件1's inputs) for the month p only when
 * p is the last month of a quarter, due with that month's reports; quarterly items only
 * then too, for the quarter, due quarter_due_days after it.  The checks and their file lists are owned by arena a. */
void timeliness_compute(timeliness *out, const plan *pl, const store *s, period p, arena *a);

#endif
