/*
 * bind_parts.h: what the table of names (bind_names.c) binds with: one function per kind
 * of row for values, conditions, numbers and lists (bind.c for the monthly bulletin's,
 * bind_span.c for what the quarterly and annual reports add), each told which of its
 * names it is asked for by a code below.  Used by the binding only.
 */
#ifndef BULLETIN_BIND_PARTS_H
#define BULLETIN_BIND_PARTS_H

#include "render/bind.h"

/* A value: row is the row (an output_totals, project_record … as the name's row kind
 * says; NULL for a name outside rows), what the name's code, n the number of a numbered
 * name (month_output_yi.7 → 7), else 0.  False when the scope lacks what it needs. */
typedef bool bind_value_fn(const bind_scope *scope, const void *row, int what, int n,
                           buffer *out);
typedef bool bind_test_fn(const bind_scope *scope, const void *row, int what, bool *result);
typedef bool bind_number_fn(const bind_scope *scope, const void *row, int what, ratio *value);
/* Appends the rows of the list with code what (bind_push_row). */
typedef bool bind_list_fn(const bind_scope *scope, int what, bool with_total, vec *rows);

/* ---- bind.c ---- */

enum output_name {
    OUT_NAME, OUT_TARGET_YI, OUT_YTD_OUTPUT_YI, OUT_PRIOR_YTD_OUTPUT_YI, OUT_YTD_VALUE_ADDED_YI,
    OUT_COMPLETION_PCT, OUT_COMPLETION_GAP, OUT_YOY_PCT, OUT_YOY_ABS, OUT_VA_GROWTH_PCT,
    OUT_VA_GROWTH_ABS,
    /* the change over a quarter */
    OUT_PREVIOUS_YTD_OUTPUT_YI, OUT_PREVIOUS_COMPLETION_PCT, OUT_QUARTER_OUTPUT_YI,
    OUT_QUARTER_VALUE_ADDED_YI, OUT_COMPLETION_CHANGE,
};
enum output_test { OUT_AHEAD, OUT_YOY_UP, OUT_VA_UP, OUT_HAS_YOY, OUT_VA_GOAL_MET, OUT_HAS_DATA };
enum totals_name {
    TOT_NAME, TOT_COUNT, TOT_TOTAL_INVESTMENT_YI, TOT_ANNUAL_PLAN_YI, TOT_YTD_INVESTMENT_YI,
    TOT_ANNUAL_PLAN_WAN, TOT_YTD_INVESTMENT_WAN, TOT_COMPLETION_PCT,
};
enum project_name {
    PRJ_CODE, PRJ_NAME, PRJ_UNIT, PRJ_INDUSTRY, PRJ_OWNER, PRJ_STATUS, PRJ_ISSUES, PRJ_STRATEGIC,
    PRJ_ATTRACTED, PRJ_TOTAL_INVESTMENT_WAN, PRJ_TOTAL_INVESTMENT_YI, PRJ_ANNUAL_PLAN_WAN,
    PRJ_YTD_INVESTMENT_WAN, PRJ_COMPLETION_PCT,
};
enum month_name { MON_LABEL, MON_YTD_OUTPUT_YI };
enum unit_name {
    /* the scores, in unit_score_parts order */
    UNIT_TOTAL, UNIT_GROWTH, UNIT_SCALE, UNIT_INDUSTRY_DEVELOPMENT, UNIT_COMPOSITE, UNIT_PROJECTS,
    UNIT_LAND, UNIT_MAJOR_BONUS, UNIT_PROJECT_DRIVE, UNIT_PLATFORMS, UNIT_LEADING_ENTERPRISES,
    UNIT_PLAN, UNIT_EXTRA, UNIT_INNOVATION, UNIT_SCORES,
    UNIT_NAME = UNIT_SCORES, UNIT_RANK, UNIT_GROWTH_PCT, UNIT_MISSING,
};
enum submission_name {
    SUB_OFFICE, SUB_KIND, SUB_STATUS, SUB_SENT, SUB_DUE, SUB_LEAD_UNIT, SUB_LEADER, SUB_CONTACT,
};
enum item_name { ITEM_OFFICE, ITEM_UNIT, ITEM_TOPIC, ITEM_CONTENT, ITEM_QUARTER_CN };
enum global_name {
    GLOB_YEAR, GLOB_MONTH, GLOB_PERIOD, GLOB_ORDINAL, GLOB_PERIOD_SPAN, GLOB_ISSUER, GLOB_TODAY,
    GLOB_TIME_PROGRESS_PCT, GLOB_GOAL_VA_GROWTH_PCT, GLOB_GOAL_MAJOR_PROJECTS, GLOB_MAJOR_COUNT,
    GLOB_MAJOR_ATTRACTED, GLOB_ISSUES_COUNT, GLOB_STATUS, /* n: the project_status */
    GLOB_REPORTS_ON_TIME, GLOB_REPORTS_LATE, GLOB_REPORTS_MISSING, GLOB_REPORTS_EXPECTED,
    GLOB_ROWS_READ, GLOB_ROWS_ACCEPTED, GLOB_ROWS_WARNED, GLOB_ROWS_REJECTED, GLOB_ROWS_SUPERSEDED,
    GLOB_FILES,
    /* the quarterly and annual reports */
    GLOB_QUARTER, GLOB_QUARTER_CN, GLOB_PREVIOUS_LABEL,
};
enum global_test {
    GT_MAJOR_GOAL_MET, GT_HAS_MAJOR, GT_HAS_ISSUES, GT_HAS_PROJECTS, GT_HAS_REJECTED,
    GT_HAS_WARNED, GT_REPORTS_ALL_ON_TIME, GT_HAS_MONTHS,
};
enum list_name {
    LIST_INDUSTRIES, LIST_MONTHS, LIST_PROJECTS, LIST_MAJOR, LIST_WITH_ISSUES, LIST_BY_INDUSTRY,
    LIST_BY_UNIT, LIST_UNITS, LIST_SUBMISSIONS, LIST_PROBLEMS, LIST_ITEMS,
};

bind_value_fn bind_output_value, bind_totals_value, bind_project_value, bind_month_value,
    bind_unit_value, bind_submission_value, bind_item_value, bind_global_value;
bind_test_fn bind_output_test, bind_global_test;
bind_number_fn bind_output_number, bind_month_number, bind_global_number;
bind_list_fn bind_list;

/* bind.c's row maker: a copy of scope as a row of kind over row, appended to rows. */
bind_scope *bind_push_row(const bind_scope *scope, vec *rows, bind_row_kind kind,
                          const void *row);
/* "重点项目表", "实施进度表", "考核数据", "季度工作情况": a form as the reports name it. */
const char *bind_kind_label(record_kind kind);

/* ---- bind_span.c ---- */

enum span_output_name { SPAN_MONTH_OUTPUT, SPAN_QUARTER_MONTH_OUTPUT, SPAN_MONTH_YTD_OUTPUT };
enum span_unit_name { SPAN_PREVIOUS_RANK, SPAN_RANK_CHANGE };
enum change_name { CHG_CHANGE, CHG_MONTH_LABEL, CHG_BEFORE, CHG_NAME, CHG_CODE, CHG_UNIT,
                   CHG_INDUSTRY };
enum series_row_name { SER_OFFICE, SER_KIND, SER_MARK, SER_QUARTER_MARK, SER_ON_TIME, SER_LATE,
                       SER_MISSING, SER_UNKNOWN_DATE };
enum span_global_name {
    SPAN_QUARTER_MONTH_LABEL, SPAN_CHANGES_COUNT, SPAN_CHANGES_STARTED,
    SPAN_CHANGES_COMPLETED, SPAN_CHANGES_PRODUCING, SPAN_ATTRACTED_COUNT, SPAN_REPORTS_DUE,
    SPAN_REPORTS_ON_TIME, SPAN_REPORTS_LATE, SPAN_REPORTS_MISSING,
};
enum span_test_name { SPAN_HAS_CHANGES, SPAN_HAS_ATTRACTED, SPAN_HAS_PREVIOUS_RANKS,
                      SPAN_ATTRACTED_GOAL_MET };
enum span_list_name { SPAN_CHANGES, SPAN_SUBMISSION_MONTHS, SPAN_ATTRACTED };

/* month_output_yi.N, month_ytd_output_yi.N (N = 1…12) and quarter_month_output_yi.K
 * (K = 1…3, the quarter's months) of an industry or the total. */
bind_value_fn span_output_value;
/* previous_rank and rank_change of a unit. */
bind_value_fn span_unit_value;
/* The values of a ROW_CHANGE and of a ROW_SUBMISSION_ROW row. */
bind_value_fn span_change_value, span_series_value;
/* quarter_month_label.K, changes_count, changes.started …,
 * attracted_count, reports.due …. */
bind_value_fn span_global_value;
bind_test_fn span_test;
bind_list_fn span_list;

#endif
