/*
 * table.h: the columns of each kind of submission (inputs.md §2.1) as data: canonical
 * Chinese name, XML attribute, aliases, value type, whether required, and where the
 * value goes in the kind's record.  Also the header normalisation that maps a header cell
 * as written (`2015年1-9月累计完成投资（万元）`) to a column, and kind detection.
 */
#ifndef BULLETIN_TABLE_H
#define BULLETIN_TABLE_H

#include "model/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
    COLUMN_IGNORED    /* 序号 */
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

/* Normalises a header cell as written into out (capacity bytes): width folded, every
 * white space removed, a trailing parenthesised part removed (when it names an amount
 * unit, *unit is set and *has_unit true) and a leading period (2015年, 1-9月, 1—9月,
 * 1至9月, 本年, and combinations) removed. */
void table_header_key(const char *header, char *out, size_t capacity, int64_t *unit,
                      bool *has_unit);

/* The column whose canonical name, alias or XML name (ASCII case ignored) equals the
 * normalised header key, or -1. */
int table_match(const table *t, const char *key);

/* Whether a normalised header key names a column of any kind; sets *type to that
 * column's type (the metadata columns 报告期, 报送单位, 填报日期 and 序号 are common
 * to every kind, so the type does not depend on the kind found first). */
bool table_lookup_any(const char *key, column_type *type);

/* True for the types of the metadata columns and 序号: they do not tell a header. */
bool table_type_is_metadata(column_type type);

/* The column with this XML attribute name, or -1. */
int table_match_xml(const table *t, const char *name);

/* The kind that a header row names (normalised keys): 项目编号 → projects,
 * 上年同期累计产值 → progress, 新兴产业用地占比 → assessment, 事项 with 内容 →
 * quarterly.  KIND_UNKNOWN when none or more than one kind is named. */
record_kind table_detect_kind(const char *const *keys, size_t count);

/* The kind that a title row names (squeezed text): …重点项目实施情况… → projects,
 * …实施进度情况… → progress, …考核… → assessment, …季度… → quarterly (tried in that
 * order), or KIND_UNKNOWN. */
record_kind table_kind_of_title(const char *title);

/* The kind named by an XML kind attribute ("projects", …), or KIND_UNKNOWN. */
record_kind table_kind_named(const char *name);

#endif
