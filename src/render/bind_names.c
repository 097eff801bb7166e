/*
 * bind_names.c: the one table of the names a template may use (see bind.h): each name,
 * what it is (a value, a condition, a chart's number, a list), the rows it is a field of
 * (none: anywhere), the reports that have it and the function that binds it.  The same
 * table binds the names when a bulletin is rendered and checks every name of a template
 * when it is loaded, so that a name in a branch no month reaches is refused all the same.
 */
#include "render/bind_parts.h"

#include <stdlib.h>
#include <string.h>

typedef struct bind_name {
    const char *name; /* a numbered name ends in '.' and takes a number from 1 to max */
    int max;          /* 0: a plain name */
    int n;            /* a plain name's argument (status.前期: the status) */
    bind_name_kind kind;
    bind_row_kind row;    /* ROW_NONE: a name outside rows, known inside any too */
    unsigned reports;     /* bind_report mask */
    int what;             /* the name's code for its function */
    bind_row_kind yields; /* a list's rows */
    union {
        bind_value_fn *value;
        bind_test_fn *test;
        bind_number_fn *number;
        bind_list_fn *list;
    } bind;
} bind_name;

#define ALL REPORT_ALL
#define SPANS REPORT_SPANS
#define MONTHLY REPORT_MONTHLY
#define ANNUAL REPORT_ANNUAL
#define VALUE(row, name, fn, what, reports) {name, 0, 0, BIND_VALUE, row, reports, what, ROW_NONE, {.value = fn}}
#define NUMBERED(row, name, max, fn, what) {name, max, 0, BIND_VALUE, row, SPANS, what, ROW_NONE, {.value = fn}}
#define TEST(row, name, fn, what, reports) {name, 0, 0, BIND_TEST, row, reports, what, ROW_NONE, {.test = fn}}
#define NUMBER(row, name, fn, what) {name, 0, 0, BIND_NUMBER, row, ALL, what, ROW_NONE, {.number = fn}}
#define LIST(name, yields, fn, what, reports) {name, 0, 0, BIND_LIST, ROW_NONE, reports, what, yields, {.list = fn}}
#define STATUS(name, status) {name, 0, status, BIND_VALUE, ROW_NONE, ALL, GLOB_STATUS, ROW_NONE, {.value = bind_global_value}}

#define OUTPUT(name, what, reports) VALUE(ROW_OUTPUT, name, bind_output_value, what, reports)
#define TOTALS(name, what) VALUE(ROW_PROJECT_TOTALS, name, bind_totals_value, what, ALL)
#define PROJECT(name, what) VALUE(ROW_PROJECT, name, bind_project_value, what, ALL)
#define UNIT(name, what) VALUE(ROW_UNIT, name, bind_unit_value, what, ALL)
#define SUBMISSION(name, what) VALUE(ROW_SUBMISSION, name, bind_submission_value, what, ALL)
#define CHANGE(name, what) VALUE(ROW_CHANGE, name, span_change_value, what, SPANS)
#define SERIES(name, what) VALUE(ROW_SUBMISSION_ROW, name, span_series_value, what, SPANS)
#define ITEM(name, what) VALUE(ROW_ITEM, name, bind_item_value, what, SPANS)
#define GLOBAL(name, what, reports) VALUE(ROW_NONE, name, bind_global_value, what, reports)
#define SPAN_GLOBAL(name, what, reports) VALUE(ROW_NONE, name, span_global_value, what, reports)

static const bind_name names[] = {
    /* an industry or the total (also as total.name) */
    OUTPUT("name", OUT_NAME, ALL),
    OUTPUT("target_yi", OUT_TARGET_YI, ALL),
    OUTPUT("ytd_output_yi", OUT_YTD_OUTPUT_YI, ALL),
    OUTPUT("prior_ytd_output_yi", OUT_PRIOR_YTD_OUTPUT_YI, ALL),
    OUTPUT("ytd_value_added_yi", OUT_YTD_VALUE_ADDED_YI, ALL),
    OUTPUT("completion_pct", OUT_COMPLETION_PCT, ALL),
    OUTPUT("completion_gap", OUT_COMPLETION_GAP, ALL),
    OUTPUT("yoy_pct", OUT_YOY_PCT, ALL),
    OUTPUT("yoy_abs", OUT_YOY_ABS, ALL),
    OUTPUT("va_growth_pct", OUT_VA_GROWTH_PCT, ALL),
    OUTPUT("va_growth_abs", OUT_VA_GROWTH_ABS, ALL),
    OUTPUT("previous_ytd_output_yi", OUT_PREVIOUS_YTD_OUTPUT_YI, SPANS),
    OUTPUT("previous_completion_pct", OUT_PREVIOUS_COMPLETION_PCT, SPANS),
    OUTPUT("quarter_output_yi", OUT_QUARTER_OUTPUT_YI, SPANS),
    OUTPUT("quarter_value_added_yi", OUT_QUARTER_VALUE_ADDED_YI, SPANS),
    OUTPUT("completion_change", OUT_COMPLETION_CHANGE, SPANS),
    NUMBERED(ROW_OUTPUT, "month_output_yi.", 12, span_output_value, SPAN_MONTH_OUTPUT),
    NUMBERED(ROW_OUTPUT, "quarter_month_output_yi.", 3, span_output_value, SPAN_QUARTER_MONTH_OUTPUT),
    NUMBERED(ROW_OUTPUT, "month_ytd_output_yi.", 12, span_output_value, SPAN_MONTH_YTD_OUTPUT),
    TEST(ROW_OUTPUT, "ahead", bind_output_test, OUT_AHEAD, ALL),
    TEST(ROW_OUTPUT, "yoy_up", bind_output_test, OUT_YOY_UP, ALL),
    TEST(ROW_OUTPUT, "va_up", bind_output_test, OUT_VA_UP, ALL),
    TEST(ROW_OUTPUT, "has_yoy", bind_output_test, OUT_HAS_YOY, ALL),
    TEST(ROW_OUTPUT, "va_goal_met", bind_output_test, OUT_VA_GOAL_MET, ALL),
    TEST(ROW_OUTPUT, "has_data", bind_output_test, OUT_HAS_DATA, ALL),
    NUMBER(ROW_OUTPUT, "completion_pct", bind_output_number, OUT_COMPLETION_PCT),
    NUMBER(ROW_OUTPUT, "completion_gap", bind_output_number, OUT_COMPLETION_GAP),
    NUMBER(ROW_OUTPUT, "yoy_pct", bind_output_number, OUT_YOY_PCT),
    NUMBER(ROW_OUTPUT, "yoy_abs", bind_output_number, OUT_YOY_ABS),
    NUMBER(ROW_OUTPUT, "va_growth_pct", bind_output_number, OUT_VA_GROWTH_PCT),
    NUMBER(ROW_OUTPUT, "va_growth_abs", bind_output_number, OUT_VA_GROWTH_ABS),
    NUMBER(ROW_OUTPUT, "ytd_output_yi", bind_output_number, OUT_YTD_OUTPUT_YI),

    /* the projects of an industry or unit (also as projects.name for all of them) */
    TOTALS("name", TOT_NAME),
    TOTALS("count", TOT_COUNT),
    TOTALS("total_investment_yi", TOT_TOTAL_INVESTMENT_YI),
    TOTALS("annual_plan_yi", TOT_ANNUAL_PLAN_YI),
    TOTALS("ytd_investment_yi", TOT_YTD_INVESTMENT_YI),
    TOTALS("annual_plan_wan", TOT_ANNUAL_PLAN_WAN),
    TOTALS("ytd_investment_wan", TOT_YTD_INVESTMENT_WAN),
    TOTALS("completion_pct", TOT_COMPLETION_PCT),

    /* a key project */
    PROJECT("code", PRJ_CODE),
    PROJECT("name", PRJ_NAME),
    PROJECT("unit", PRJ_UNIT),
    PROJECT("industry", PRJ_INDUSTRY),
    PROJECT("owner", PRJ_OWNER),
    PROJECT("status", PRJ_STATUS),
    PROJECT("issues", PRJ_ISSUES),
    PROJECT("strategic", PRJ_STRATEGIC),
    PROJECT("attracted", PRJ_ATTRACTED),
    PROJECT("total_investment_wan", PRJ_TOTAL_INVESTMENT_WAN),
    PROJECT("total_investment_yi", PRJ_TOTAL_INVESTMENT_YI),
    PROJECT("annual_plan_wan", PRJ_ANNUAL_PLAN_WAN),
    PROJECT("ytd_investment_wan", PRJ_YTD_INVESTMENT_WAN),
    PROJECT("completion_pct", PRJ_COMPLETION_PCT),

    /* a month of the year */
    VALUE(ROW_MONTH, "month_label", bind_month_value, MON_LABEL, ALL),
    VALUE(ROW_MONTH, "ytd_output_yi", bind_month_value, MON_YTD_OUTPUT_YI, ALL),
    NUMBER(ROW_MONTH, "ytd_output_yi", bind_month_number, MON_YTD_OUTPUT_YI),

    /* a unit's scores */
    UNIT("total", UNIT_TOTAL),
    UNIT("growth", UNIT_GROWTH),
    UNIT("scale", UNIT_SCALE),
    UNIT("industry_development", UNIT_INDUSTRY_DEVELOPMENT),
    UNIT("composite", UNIT_COMPOSITE),
    UNIT("projects", UNIT_PROJECTS),
    UNIT("land", UNIT_LAND),
    UNIT("major_bonus", UNIT_MAJOR_BONUS),
    UNIT("project_drive", UNIT_PROJECT_DRIVE),
    UNIT("platforms", UNIT_PLATFORMS),
    UNIT("leading_enterprises", UNIT_LEADING_ENTERPRISES),
    UNIT("plan_score", UNIT_PLAN),
    UNIT("extra", UNIT_EXTRA),
    UNIT("innovation", UNIT_INNOVATION),
    UNIT("name", UNIT_NAME),
    UNIT("rank", UNIT_RANK),
    UNIT("growth_pct", UNIT_GROWTH_PCT),
    UNIT("missing", UNIT_MISSING),
    VALUE(ROW_UNIT, "previous_rank", span_unit_value, SPAN_PREVIOUS_RANK, ALL),
    VALUE(ROW_UNIT, "rank_change", span_unit_value, SPAN_RANK_CHANGE, ALL),

    /* a report due this month */
    SUBMISSION("office", SUB_OFFICE),
    SUBMISSION("kind", SUB_KIND),
    SUBMISSION("status", SUB_STATUS),
    SUBMISSION("sent", SUB_SENT),
    SUBMISSION("due", SUB_DUE),
    SUBMISSION("lead_unit", SUB_LEAD_UNIT),
    SUBMISSION("leader", SUB_LEADER),
    SUBMISSION("contact", SUB_CONTACT),

    /* a key project's change of status */
    CHANGE("change", CHG_CHANGE),
    CHANGE("month_label", CHG_MONTH_LABEL),
    CHANGE("before", CHG_BEFORE),
    CHANGE("name", CHG_NAME),
    CHANGE("code", CHG_CODE),
    CHANGE("unit", CHG_UNIT),
    CHANGE("industry", CHG_INDUSTRY),

    /* an office's form month by month */
    SERIES("office", SER_OFFICE),
    SERIES("kind", SER_KIND),
    NUMBERED(ROW_SUBMISSION_ROW, "mark.", 12, span_series_value, SER_MARK),
    NUMBERED(ROW_SUBMISSION_ROW, "quarter_mark.", 3, span_series_value, SER_QUARTER_MARK),
    SERIES("on_time", SER_ON_TIME),
    SERIES("late", SER_LATE),
    SERIES("missing", SER_MISSING),
    SERIES("unknown_date", SER_UNKNOWN_DATE),

    /* a quarterly item */
    ITEM("office", ITEM_OFFICE),
    ITEM("unit", ITEM_UNIT),
    ITEM("topic", ITEM_TOPIC),
    ITEM("content", ITEM_CONTENT),
    ITEM("item_quarter_cn", ITEM_QUARTER_CN),

    /* outside rows */
    GLOBAL("year", GLOB_YEAR, ALL),
    GLOBAL("month", GLOB_MONTH, ALL),
    GLOBAL("period", GLOB_PERIOD, ALL),
    GLOBAL("ordinal", GLOB_ORDINAL, ALL),
    GLOBAL("period_span", GLOB_PERIOD_SPAN, ALL),
    GLOBAL("issuer", GLOB_ISSUER, ALL),
    GLOBAL("today", GLOB_TODAY, ALL),
    GLOBAL("time_progress_pct", GLOB_TIME_PROGRESS_PCT, ALL),
    GLOBAL("goal_va_growth_pct", GLOB_GOAL_VA_GROWTH_PCT, ALL),
    GLOBAL("goal_major_projects", GLOB_GOAL_MAJOR_PROJECTS, ALL),
    GLOBAL("major_count", GLOB_MAJOR_COUNT, ALL),
    GLOBAL("major_attracted", GLOB_MAJOR_ATTRACTED, ALL),
    GLOBAL("issues_count", GLOB_ISSUES_COUNT, ALL),
    STATUS("status.前期", STATUS_PRELIMINARY),
    STATUS("status.在建", STATUS_BUILDING),
    STATUS("status.竣工", STATUS_COMPLETED),
    STATUS("status.投产", STATUS_PRODUCING),
    GLOBAL("reports_on_time", GLOB_REPORTS_ON_TIME, MONTHLY),
    GLOBAL("reports_late", GLOB_REPORTS_LATE, MONTHLY),
    GLOBAL("reports_missing", GLOB_REPORTS_MISSING, MONTHLY),
    GLOBAL("reports_expected", GLOB_REPORTS_EXPECTED, MONTHLY),
    GLOBAL("rows.read", GLOB_ROWS_READ, ALL),
    GLOBAL("rows.accepted", GLOB_ROWS_ACCEPTED, ALL),
    GLOBAL("rows.warned", GLOB_ROWS_WARNED, ALL),
    GLOBAL("rows.rejected", GLOB_ROWS_REJECTED, ALL),
    GLOBAL("rows.superseded", GLOB_ROWS_SUPERSEDED, ALL),
    GLOBAL("files", GLOB_FILES, ALL),
    GLOBAL("quarter", GLOB_QUARTER, SPANS),
    GLOBAL("quarter_cn", GLOB_QUARTER_CN, SPANS),
    GLOBAL("previous_label", GLOB_PREVIOUS_LABEL, SPANS),
    NUMBERED(ROW_NONE, "quarter_month_label.", 3, span_global_value, SPAN_QUARTER_MONTH_LABEL),
    SPAN_GLOBAL("changes_count", SPAN_CHANGES_COUNT, SPANS),
    SPAN_GLOBAL("changes.started", SPAN_CHANGES_STARTED, SPANS),
    SPAN_GLOBAL("changes.completed", SPAN_CHANGES_COMPLETED, SPANS),
    SPAN_GLOBAL("changes.producing", SPAN_CHANGES_PRODUCING, SPANS),
    SPAN_GLOBAL("attracted_count", SPAN_ATTRACTED_COUNT, ANNUAL),
    SPAN_GLOBAL("reports.due", SPAN_REPORTS_DUE, SPANS),
    SPAN_GLOBAL("reports.on_time", SPAN_REPORTS_ON_TIME, SPANS),
    SPAN_GLOBAL("reports.late", SPAN_REPORTS_LATE, SPANS),
    SPAN_GLOBAL("reports.missing", SPAN_REPORTS_MISSING, SPANS),
    NUMBER(ROW_NONE, "time_progress_pct", bind_global_number, GLOB_TIME_PROGRESS_PCT),
    TEST(ROW_NONE, "major_goal_met", bind_global_test, GT_MAJOR_GOAL_MET, ALL),
    TEST(ROW_NONE, "has_major", bind_global_test, GT_HAS_MAJOR, ALL),
    TEST(ROW_NONE, "has_issues", bind_global_test, GT_HAS_ISSUES, ALL),
    TEST(ROW_NONE, "has_projects", bind_global_test, GT_HAS_PROJECTS, ALL),
    TEST(ROW_NONE, "has_rejected", bind_global_test, GT_HAS_REJECTED, ALL),
    TEST(ROW_NONE, "has_warned", bind_global_test, GT_HAS_WARNED, ALL),
    TEST(ROW_NONE, "reports_all_on_time", bind_global_test, GT_REPORTS_ALL_ON_TIME, MONTHLY),
    TEST(ROW_NONE, "has_months", bind_global_test, GT_HAS_MONTHS, ALL),
    TEST(ROW_NONE, "has_changes", span_test, SPAN_HAS_CHANGES, SPANS),
    TEST(ROW_NONE, "has_attracted", span_test, SPAN_HAS_ATTRACTED, ANNUAL),
    TEST(ROW_NONE, "has_previous_ranks", span_test, SPAN_HAS_PREVIOUS_RANKS, ALL),
    TEST(ROW_NONE, "attracted_goal_met", span_test, SPAN_ATTRACTED_GOAL_MET, ANNUAL),

    /* lists */
    LIST("industries", ROW_OUTPUT, bind_list, LIST_INDUSTRIES, ALL),
    LIST("months", ROW_MONTH, bind_list, LIST_MONTHS, ALL),
    LIST("projects", ROW_PROJECT, bind_list, LIST_PROJECTS, ALL),
    LIST("projects.major", ROW_PROJECT, bind_list, LIST_MAJOR, ALL),
    LIST("projects.with_issues", ROW_PROJECT, bind_list, LIST_WITH_ISSUES, ALL),
    LIST("projects.by_industry", ROW_PROJECT_TOTALS, bind_list, LIST_BY_INDUSTRY, ALL),
    LIST("projects.by_unit", ROW_PROJECT_TOTALS, bind_list, LIST_BY_UNIT, ALL),
    LIST("units", ROW_UNIT, bind_list, LIST_UNITS, ALL),
    LIST("submissions", ROW_SUBMISSION, bind_list, LIST_SUBMISSIONS, ALL),
    LIST("submissions.problems", ROW_SUBMISSION, bind_list, LIST_PROBLEMS, ALL),
    LIST("items", ROW_ITEM, bind_list, LIST_ITEMS, SPANS),
    LIST("changes", ROW_CHANGE, span_list, SPAN_CHANGES, SPANS),
    LIST("submissions.months", ROW_SUBMISSION_ROW, span_list, SPAN_SUBMISSION_MONTHS, SPANS),
    LIST("projects.attracted", ROW_PROJECT, span_list, SPAN_ATTRACTED, ANNUAL),
};

/* The prefixes that name a row from anywhere: total.x is x of the total, projects.x
 * x of all the projects. */
static const struct {
    const char *prefix;
    bind_row_kind row;
} prefixes[] = {{"total.", ROW_OUTPUT}, {"projects.", ROW_PROJECT_TOTALS}};

/* The number after a numbered name's prefix ("7" of month_output_yi.7), or 0 when key
 * is not the prefix followed by a number from 1 to max. */
static int numbered(const char *key, const char *prefix, int max)
{
    size_t length = strlen(prefix);
    if (strncmp(key, prefix, length) != 0 || key[length] < '1' || key[length] > '9')
        return 0;
    char *end;
    long n = strtol(key + length, &end, 10);
    return *end == '\0' && n >= 1 && n <= max ? (int)n : 0;
}

/* The entry for key as kind among the fields of row (ROW_NONE: outside rows); *n is the
 * argument of its function. */
static const bind_name *find(const char *key, bind_name_kind kind, bind_row_kind row, int *n)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const bind_name *entry = &names[i];
        if (entry->kind != kind || entry->row != row)
            continue;
        if (entry->max ? (*n = numbered(key, entry->name, entry->max)) != 0
                       : strcmp(key, entry->name) == 0) {
            if (!entry->max)
                *n = entry->n;
            return entry;
        }
    }
    return NULL;
}

/* A name's entry as seen from inside rows of kind row: a field of the row, else a name
 * outside rows, else x of a prefix's row (*prefix: its index, else -1). */
static const bind_name *resolve(const char *key, bind_name_kind kind, bind_row_kind row,
                                int *prefix, int *n)
{
    const bind_name *entry = row != ROW_NONE ? find(key, kind, row, n) : NULL;
    *prefix = -1;
    if (!entry)
        entry = find(key, kind, ROW_NONE, n);
    for (size_t i = 0; !entry && i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t length = strlen(prefixes[i].prefix);
        if (strncmp(key, prefixes[i].prefix, length) == 0 &&
            (entry = find(key + length, kind, prefixes[i].row, n)) != NULL)
            *prefix = (int)i;
    }
    return entry;
}

/* The row a resolved name is bound to: the prefix's, the scope's, or none. */
static const void *row_for(const bind_scope *scope, const bind_name *entry, int prefix)
{
    if (prefix >= 0)
        return prefixes[prefix].row == ROW_OUTPUT ? (const void *)&scope->figures->total
                                                  : (const void *)&scope->figures->projects;
    return entry->row == ROW_NONE ? NULL : scope->row;
}

bool bind_value(const bind_scope *scope, const char *key, buffer *out)
{
    int prefix, n;
    const bind_name *entry = resolve(key, BIND_VALUE, scope->row_kind, &prefix, &n);
    return entry && entry->bind.value(scope, row_for(scope, entry, prefix), entry->what, n, out);
}

static double to_double(fraction f)
{
    return (double)f.num / (double)f.den;
}

bool bind_number(const bind_scope *scope, const char *key, double *value, bool *known)
{
    int prefix, n;
    ratio r = {false, {0, 1}};
    *known = false;
    const bind_name *entry = resolve(key, BIND_NUMBER, scope->row_kind, &prefix, &n);
    if (!entry || !entry->bind.number(scope, row_for(scope, entry, prefix), entry->what, &r))
        return false;
    *known = r.known;
    *value = r.known ? to_double(r.value) : 0;
    return true;
}

bool bind_test(const bind_scope *scope, const char *name, bool *result)
{
    bool negate = name[0] == '!';
    int prefix, n;
    const bind_name *entry =
        resolve(name + negate, BIND_TEST, scope->row_kind, &prefix, &n);
    if (!entry || !entry->bind.test(scope, row_for(scope, entry, prefix), entry->what, result))
        return false;
    if (negate)
        *result = !*result;
    return true;
}

/* The next {key} of *text: copies the text before it into out (when not NULL) and the key
 * (cut at 63 bytes) into key, and moves past it.  False at the end, with the rest copied. */
static bool next_key(const char **text, buffer *out, char *key)
{
    const char *open = strchr(*text, '{');
    const char *close = open ? strchr(open, '}') : NULL;
    if (!open || !close) {
        if (out)
            buffer_puts(out, *text);
        *text += strlen(*text);
        return false;
    }
    if (out)
        buffer_append(out, *text, (size_t)(open - *text));
    size_t length = (size_t)(close - open - 1);
    if (length > 63)
        length = 63;
    memcpy(key, open + 1, length);
    key[length] = '\0';
    *text = close + 1;
    return true;
}

bool bind_expand(const bind_scope *scope, const char *text, buffer *out, char *unknown)
{
    char key[64];
    while (next_key(&text, out, key))
        if (!bind_value(scope, key, out)) {
            strcpy(unknown, key);
            return false;
        }
    return true;
}

bool bind_rows(const bind_scope *scope, const char *source, bool with_total, arena *a,
               bind_scope **rows, size_t *count)
{
    int n;
    const bind_name *entry = find(source, BIND_LIST, ROW_NONE, &n);
    vec list;
    vec_init(&list, sizeof(bind_scope));
    bool known = entry && entry->bind.list(scope, entry->what, with_total, &list);
    *count = list.count;
    *rows = arena_alloc(a, (list.count + 1) * sizeof **rows);
    if (list.count)
        memcpy(*rows, list.items, list.count * sizeof **rows);
    vec_free(&list);
    return known;
}

/* ---- checking ---- */

bind_check bind_check_name(const char *name, bind_name_kind kind, bind_row_kind row,
                           bind_report report, bind_row_kind *yields)
{
    int prefix, n;
    if (kind == BIND_TEST && name[0] == '!')
        name++;
    const bind_name *entry = resolve(name, kind, row, &prefix, &n);
    if (entry) {
        if (yields)
            *yields = entry->yields;
        return entry->reports & report ? BIND_KNOWN : BIND_NOT_IN_REPORT;
    }
    for (int other = ROW_NONE + 1; other < ROW_KINDS; other++)
        if (other != (int)row && find(name, kind, (bind_row_kind)other, &n))
            return BIND_NOT_HERE;
    return BIND_UNKNOWN;
}

bind_check bind_check_text(const char *text, bind_row_kind row, bind_report report,
                           const char *const *allowed, char *bad)
{
    char key[64];
    while (next_key(&text, NULL, key)) {
        bool listed = false;
        for (size_t i = 0; allowed && allowed[i] && !listed; i++)
            listed = strcmp(key, allowed[i]) == 0;
        bind_check check = listed ? BIND_KNOWN : bind_check_name(key, BIND_VALUE, row, report, NULL);
        if (check != BIND_KNOWN) {
            strcpy(bad, key);
            return check;
        }
    }
    return BIND_KNOWN;
}
