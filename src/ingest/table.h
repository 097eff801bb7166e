/*
 * table.h: the header normalisation that maps a header cell as written
 * (`2015年1-9月累计完成投资（万元）`) to a column of a kind's table (model/columns.h),
 * and kind detection from a header, a title or an XML kind attribute.
 */
#ifndef BULLETIN_TABLE_H
#define BULLETIN_TABLE_H

#include "model/columns.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
