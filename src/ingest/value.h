/*
 * value.h: the value parsers of inputs.md §2.5.  Each takes a cell's text as written
 * (UTF-8, from a CSV cell or an XML attribute) and returns a status; the record builder
 * turns a status into the Chinese message.  No parser allocates or keeps its input.
 */
#ifndef BULLETIN_VALUE_H
#define BULLETIN_VALUE_H

#include "model/money.h"
#include "model/period.h"
#include "model/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    VALUE_OK,
    VALUE_EMPTY,     /* not given: empty, or a "none" mark (-, —, /, 无) for amounts */
    VALUE_SYNTAX,    /* not a value of the expected kind */
    VALUE_NEGATIVE,  /* an amount or count below zero */
    VALUE_PRECISION, /* an amount finer than 1 元, a percent finer than 0.0001 */
    VALUE_RANGE      /* beyond the kind's range (percent outside 0–100, huge amounts) */
} value_status;

/* The longest cell text the parsers look at; longer cells are VALUE_SYNTAX. */
#define VALUE_MAX_TEXT 256

/* Parses a unit name: 元, 万元, 亿元 (also 万, 亿), with width folded and white space
 * removed.  Sets *yuan_per_unit and returns true, or returns false. */
bool value_unit(const char *text, int64_t *yuan_per_unit);

/* An amount into exact 元.  column_unit is the unit already decided for the column
 * (header > group label > preamble/XML amount_unit > 万元, in 元 per unit); a unit in the
 * cell itself (123万元, 1.2亿元, 500元) wins over it.  Accepts thousands separators
 * (1,234.5 and 1，234.5, in groups of three), full-width digits, a leading ', white space
 * around (also U+3000) and Excel's exponent form (1.2E+05).  Empty, -, —, /, 无 are
 * VALUE_EMPTY; a negative amount is VALUE_NEGATIVE (*out is still set). */
value_status value_amount(const char *text, int64_t column_unit, money *out);

/* A percent: 35.2, 35.2%, 35.2％, in percent points, 0–100, stored × 10^4
 * (35.2 → 352000).  Empty is VALUE_EMPTY. */
value_status value_percent(const char *text, int64_t *out_e4);

/* A count: a non-negative integer (full-width digits allowed) up to 1,000,000. */
value_status value_count(const char *text, int *out);

/* Yes/no: 是/否, Y/N, yes/no, true/false, 1/0, √/× (case-insensitive).  Empty is
 * VALUE_EMPTY with *out = false (否). */
value_status value_yes_no(const char *text, bool *out);

/* A date (period.h's date_parse forms).  Empty is VALUE_EMPTY. */
value_status value_date(const char *text, date *out);

/* A report period (period.h's period_parse forms).  Empty is VALUE_EMPTY. */
value_status value_period(const char *text, period *out);

/* A project state: 前期, 在建, 竣工, 投产 (also with 已 before it). */
value_status value_project_status(const char *text, project_status *out);

/* The leading-enterprise grade: 良好 (also 好, 优秀), 一般, 较差 (also 差). */
value_status value_leading_grade(const char *text, leading_grade *out);

/* A name for plan lookups (industry, sub-sector, unit, office): width folded and every
 * white space removed, into out (capacity bytes).  Empty is VALUE_EMPTY. */
value_status value_name(const char *text, char *out, size_t capacity);

/* Free text: the span of text without its leading and trailing white space (also
 * U+3000); nothing else is changed.  *start points into text.  Empty is VALUE_EMPTY. */
value_status value_text(const char *text, const char **start, size_t *length);

#endif
