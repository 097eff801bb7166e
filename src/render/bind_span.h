/*
 * bind_span.h: the part of the binding (bind.h) that the quarterly and annual reports add
 * to the monthly bulletin's: each month's output by industry, the units' ranks beside the
 * previous quarter's, the key projects' status changes, 报送情况 month by month.  Used by
 * bind.c only; each function returns false for a name that is not its own.
 */
#ifndef BULLETIN_BIND_SPAN_H
#define BULLETIN_BIND_SPAN_H

#include "render/bind.h"

/* bind.c's row maker: a copy of scope as a row of kind over row, appended to rows. */
bind_scope *bind_push_row(const bind_scope *scope, vec *rows, bind_row_kind kind,
                          const void *row);

/* "重点项目表", "实施进度表", "考核数据", "季度工作情况": a form as the reports name it. */
const char *bind_kind_label(record_kind kind);

/* month_output_yi.N, month_ytd_output_yi.N (N = 1…12) and quarter_month_output_yi.K
 * (K = 1…3, the quarter's months) of an industry or the total. */
bool span_output_value(const bind_scope *scope, const output_totals *t, const char *key,
                       buffer *out);
/* previous_rank and rank_change of a unit. */
bool span_unit_value(const bind_scope *scope, const unit_score *u, const char *key,
                     buffer *out);
/* The values of a ROW_CHANGE or ROW_SUBMISSION_ROW row. */
bool span_row_value(const bind_scope *scope, const char *key, buffer *out);
/* quarter_month_label.K, item_quarter_cn, changes_count, changes.started …,
 * attracted_count. */
bool span_global_value(const bind_scope *scope, const char *key, buffer *out);
/* has_changes, has_attracted, has_previous_ranks. */
bool span_test(const bind_scope *scope, const char *name, bool *result);
/* The lists changes, submissions.months and projects.attracted. */
bool span_rows(const bind_scope *scope, const char *source, vec *rows);

#endif
