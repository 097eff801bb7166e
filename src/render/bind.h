/*
 * bind.h: the figures as the template sees them.  A template names values ({completion_pct}),
 * conditions (<if test="ahead">), numbers for charts and lists of rows (<for each="industries">,
 * <table source="projects.major">); this module formats each value the way the bulletin prints
 * it (亿元 with 2 decimals, percent with 1, 百分点 differences), decides each condition exactly
 * from the figures, and hands out the rows.  Every name is in one table (bind_names.c), which
 * binds it when the bulletin is rendered and checks it when the template is loaded.  The
 * wording stays in the template.
 */
#ifndef BULLETIN_BIND_H
#define BULLETIN_BIND_H

#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/span.h"
#include "aggregate/timeliness.h"
#include "model/buffer.h"

/* One quarterly item (政策完善整合, 品牌建设 …) as the quarterly report lists it. */
typedef struct bind_item {
    period quarter;      /* the quarter it was sent for */
    const char *office;  /* the office that sent it */
    const char *unit;    /* 单位 as written (the office when the file gives none) */
    const char *topic;   /* 事项 */
    const char *content; /* 内容 */
} bind_item;

typedef enum {
    ROW_NONE = 0,
    ROW_OUTPUT,         /* output_totals: an industry or the total */
    ROW_MONTH,          /* a month of the year: month */
    ROW_PROJECT,        /* project_record */
    ROW_PROJECT_TOTALS, /* project_totals: an industry's or unit's projects */
    ROW_UNIT,           /* unit_score */
    ROW_SUBMISSION,     /* submission_check */
    ROW_CHANGE,         /* status_change: a key project's change of status */
    ROW_SUBMISSION_ROW, /* submission_row: an office and kind month by month */
    ROW_ITEM,           /* bind_item: a quarterly item */
    ROW_KINDS
} bind_row_kind;

/* The reports a name is known in (a mask): the monthly bulletin, the quarterly and the
 * annual report. */
typedef enum {
    REPORT_MONTHLY = 1,
    REPORT_QUARTERLY = 2,
    REPORT_ANNUAL = 4,
    REPORT_SPANS = REPORT_QUARTERLY | REPORT_ANNUAL,
    REPORT_ALL = REPORT_MONTHLY | REPORT_SPANS,
} bind_report;

typedef struct bind_scope {
    const figures *figures;
    const unit_scores *scores;     /* may be NULL: no unit lists */
    const timeliness *timeliness;  /* may be NULL: no submission lists */
    const plan *plan;
    const store *store;
    date today;
    bind_row_kind row_kind;
    const void *row;
    int month;      /* ROW_MONTH: 1..12 */
    size_t ordinal; /* 1-based position of the row in its list (序号) */
    /* The quarterly and annual reports only (all zero for the monthly bulletin): the
     * quarter (the fourth for the annual report), the figures at the end of the previous
     * quarter (NULL in the first quarter, whose baseline is the start of the year: zero),
     * and the items in the order they are listed (the list `items`). */
    period quarter;
    const figures *previous;
    const bind_item *items;
    size_t item_count;
    /* The quarterly and annual reports' month by month views (NULL for the monthly
     * bulletin; see bind_span.c): the figures of each month of the year ([m − 1], NULL
     * where the month has none), the unit scores at the previous quarter's end (NULL in
     * the first quarter), the key projects' status changes, 报送情况 month by month, and
     * the year's attracted major projects. */
    const figures *const *months;
    const unit_scores *previous_scores;
    const status_changes *changes;
    const submission_series *series;
    const project_record *const *attracted;
    size_t attracted_count;
} bind_scope;

/* Appends the value named key to out; false when the name is unknown in this scope.
 * `total.x` names x of the total, `projects.x` x of all the projects, from any scope. */
bool bind_value(const bind_scope *scope, const char *key, buffer *out);
/* The value named key as a number for charts; *known false when it cannot be computed.
 * Returns false when the name is unknown. */
bool bind_number(const bind_scope *scope, const char *key, double *value, bool *known);
/* Decides the condition named name (`!name` negates); false when it is unknown. */
bool bind_test(const bind_scope *scope, const char *name, bool *result);
/* Appends text with every {key} replaced by its value; false (and the unknown key copied
 * into unknown, 64 bytes) on an unknown key. */
bool bind_expand(const bind_scope *scope, const char *text, buffer *out, char *unknown);

/* The rows of a list (industries, months, projects, projects.major, projects.with_issues,
 * projects.by_industry, projects.by_unit, units, submissions, submissions.problems; in the
 * quarterly and annual reports also changes, submissions.months, items, and in the annual
 * report projects.attracted) as scopes, allocated in a; with_total appends the list's
 * total row where it has one.  Returns false for an unknown list. */
bool bind_rows(const bind_scope *scope, const char *source, bool with_total, arena *a,
               bind_scope **rows, size_t *count);

/* ---- checking a template when it is loaded ---- */

typedef enum {
    BIND_VALUE,  /* {name} */
    BIND_TEST,   /* test="name" (with or without !) */
    BIND_NUMBER, /* a chart's value= and reference= */
    BIND_LIST,   /* source= and each= */
} bind_name_kind;

typedef enum {
    BIND_KNOWN,
    BIND_UNKNOWN,      /* no such name */
    BIND_NOT_HERE,     /* a field of other rows than those around it */
    BIND_NOT_IN_REPORT /* a name of another report */
} bind_check;

/* Whether name is known as kind inside rows of kind row (ROW_NONE: outside any list) in
 * report; for a list, *yields is the kind of its rows. */
bind_check bind_check_name(const char *name, bind_name_kind kind, bind_row_kind row,
                           bind_report report, bind_row_kind *yields);
/* Checks every {key} of text as bind_check_name does; on the first that is not known,
 * returns why, with the key copied into bad (64 bytes).  Keys in allowed (a NULL-ended
 * list, or NULL) are known too. */
bind_check bind_check_text(const char *text, bind_row_kind row, bind_report report,
                           const char *const *allowed, char *bad);

#endif
