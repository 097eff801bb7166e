/*
 * span.h: figures over a span of months of one year, for the quarterly report and the
 * annual report: the key projects whose status changed (新开工, 竣工, 投产), the major
 * projects attracted in the year, and each office's 报送情况 month by month.  Like the rest
 * of aggregate, read-only views of the store; everything returned is owned by the arena.
 */
#ifndef BULLETIN_SPAN_H
#define BULLETIN_SPAN_H

#include "aggregate/timeliness.h"

/* What a change of status means for the leadership. */
typedef enum {
    CHANGE_STARTED,   /* 新开工: 在建 where it was 前期 (or new in the list as 在建) */
    CHANGE_COMPLETED, /* 竣工 */
    CHANGE_PRODUCING  /* 投产 */
} status_change_kind;

/* "新开工", "竣工", "投产". */
const char *span_change_name(status_change_kind kind);

typedef struct status_change {
    const project_record *record; /* as reported in the month of the change */
    status_change_kind kind;
    project_status before;        /* STATUS_NONE: not in the month before's list */
    int month;                    /* 1..12 */
} status_change;

typedef struct status_changes {
    status_change *items; /* by kind (新开工, 竣工, 投产), then month, then input order */
    size_t count;
} status_changes;

/* The changes of status reported in months first..last of year: a project (by 项目编号)
 * whose status in a month is 在建, 竣工 or 投产 while the month before it had another (a
 * project new in a list counts as started when it comes as 在建; one that comes as 竣工
 * or 投产 is not counted, nothing being known of its past).  January is compared with
 * nothing: a year's lists start afresh. */
void span_status_changes(status_changes *out, const store *s, int year, int first, int last,
                         arena *a);

/* The major projects (figures_is_major) attracted this year (是否当年招引 = 是) that any
 * month of year up to last lists, each once (by 项目编号), as its latest month reports
 * it, in the order of first appearance. */
void span_attracted_major(const plan *pl, const store *s, int year, int last,
                          const project_record ***out, size_t *count, arena *a);

/* One office and kind over the months of a span. */
typedef struct submission_row {
    int office;
    const char *office_name;
    record_kind kind;
    bool expected[12];               /* [month − 1]: due for that month */
    submission_status status[12];
    long on_time, late, unknown_date, missing;
} submission_row;

typedef struct submission_series {
    submission_row *rows; /* plan office order, then kind */
    size_t count;
    int first, last;      /* the months */
} submission_series;

/* timeliness_compute for each month first..last of year, gathered by office and kind. */
void span_submissions(submission_series *out, const plan *pl, const store *s, int year,
                      int first, int last, arena *a);

#endif
