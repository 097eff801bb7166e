/*
 * columns.h: the columns of each kind of submission (inputs.md §2.1) as data, the words
 * the reader of submissions (src/ingest/) and the maker of forms (src/report/forms.c)
 * both speak: canonical Chinese name, XML attribute, aliases, value type, whether
 * required, and where the value goes in the kind's record.
 */
#ifndef BULLETIN_COLUMNS_H
#define BULLETIN_COLUMNS_H

#include "model/record.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    COLUMN_TEXT,      /* free text, trimmed */
    COLUMN_CODE,      /* a key: width folded, white space removed */
    COLUMN_AMOUNT,    /* money, in the column's unit */
    COLUMN_PERCENT,   /* int64_t × 10^4 */
    COLUMN_COUNT,     /* int */
    COLUMN_YES_NO,    /* bool, empty = 否 */
    COLUMN_STATUS,    /* project_status */
    COLUMN_GRADE,     /* leading_grade */
    COLUMN_UNIT,      /* an assessed unit of the plan (int index) */
    COLUMN_INDUSTRY,  /* an industry of the plan (int index), resolved with the sub-sector */
    COLUMN_SUBSECTOR, /* a sub-sector (int index within its industry) */
    COLUMN_PERIOD,    /* 报告期: the row's period */
    COLUMN_OFFICE,    /* 报送单位: the submitting office */
    COLUMN_DATE,      /* 填报日期: the date sent */
    COLUMN_IGNORED    /* 序号, and a form's reference column (上月累计完成投资) */
} column_type;

#define TABLE_NO_FIELD ((size_t)-1)
#define TABLE_MAX_COLUMNS 32

typedef struct table_column {
    const char *canonical; /* the name messages use */
    const char *xml;       /* the XML attribute, or NULL (metadata sits on the XML root) */
    const char *aliases;   /* '|'-separated, white space already removed; "" for none */
    column_type type;
    bool required;
    size_t field;          /* offset of the value in the kind's record, or TABLE_NO_FIELD */
    size_t given;          /* offset of its bool "given" flag, or TABLE_NO_FIELD */
} table_column;

typedef struct table {
    record_kind kind;
    const char *element;   /* the XML record element */
    const table_column *columns;
    size_t count;          /* <= TABLE_MAX_COLUMNS */
} table;

/* The table of a kind (static, never NULL for the four kinds; NULL for KIND_UNKNOWN). */
const table *table_for(record_kind kind);

/* The column of a table by canonical name, or -1. */
int table_column_named(const table *t, const char *canonical);

/* True for the types of the metadata columns and 序号: they do not tell a header. */
bool table_type_is_metadata(column_type type);

#endif
