/*
 * sheet.c: CSV rows → the record builder (see sheet.h).  The first non-empty row is the
 * header: it names the kind and maps each cell position to a column of the kind's table;
 * every later non-empty row becomes a builder_row of named cells.
 */
#include "ingest/sheet.h"

#include "ingest/csvfile.h"
#include "ingest/value.h"
#include "model/store.h"

#include <stdio.h>
#include <string.h>

typedef struct sheet {
    builder *b;
    bool header_seen;
    size_t header_count;
    int map[CSVFILE_MAX_CELLS];    /* cell position → column of the table, or -1 */
    bool named[CSVFILE_MAX_CELLS]; /* the header has text at this position */
} sheet;

static bool blank(const char *text)
{
    const char *start;
    size_t length;
    return value_text(text, &start, &length) == VALUE_EMPTY;
}

static bool row_blank(const csvfile_row *row)
{
    for (size_t i = 0; i < row->count; i++)
        if (!blank(row->cells[i]))
            return false;
    return true;
}

static const char *trimmed(builder *b, const char *text)
{
    const char *start;
    size_t length;
    if (value_text(text, &start, &length) != VALUE_OK)
        return "";
    return arena_strndup(b->scratch, start, length);
}

/* Maps header cells to columns; rejects the file on a column named twice. */
static bool map_columns(sheet *s, const csvfile_row *row, const char *const *keys,
                        const int64_t *units, const bool *has_unit)
{
    builder *b = s->b;
    size_t seen_at[TABLE_MAX_COLUMNS] = {0};
    for (size_t j = 0; j < s->header_count; j++) {
        int column = table_match(b->table, keys[j]);
        if (column < 0) {
            if (keys[j][0])
                builder_file_note(b, row->line, trimmed(b, row->cells[j]), NULL,
                                  "不是已知的列名，该列已忽略");
            continue;
        }
        if (seen_at[column]) {
            char reason[256];
            snprintf(reason, sizeof reason, "列“%s”出现了两次（第%zu列和第%zu列）",
                     b->table->columns[column].canonical, seen_at[column], j + 1);
            builder_reject_file(b, row->line, reason);
            return false;
        }
        seen_at[column] = j + 1;
        s->map[j] = column;
        if (has_unit[j])
            builder_set_unit(b, column, units[j]);
    }
    return true;
}

/* A required column, or one of 所属产业 / 细分领域, missing from the header rejects the
 * file: every row would lack it. */
static void check_required(sheet *s, long line)
{
    builder *b = s->b;
    bool present[TABLE_MAX_COLUMNS] = {false};
    for (size_t j = 0; j < s->header_count; j++)
        if (s->map[j] >= 0)
            present[s->map[j]] = true;
    char reason[256];
    for (size_t c = 0; c < b->table->count; c++) {
        const table_column *spec = &b->table->columns[c];
        bool missing = spec->required && !present[c];
        if (spec->type == COLUMN_INDUSTRY) {
            int subsector = table_column_named(b->table, "细分领域");
            missing = !present[c] && !(subsector >= 0 && present[subsector]);
        }
        if (missing) {
            snprintf(reason, sizeof reason, "缺少必需的列“%s”", spec->canonical);
            builder_reject_file(b, line, reason);
            return;
        }
    }
}

static void read_header(sheet *s, const csvfile_row *row)
{
    builder *b = s->b;
    s->header_seen = true;
    s->header_count = row->count;
    const char *keys[CSVFILE_MAX_CELLS];
    int64_t units[CSVFILE_MAX_CELLS];
    bool has_unit[CSVFILE_MAX_CELLS];
    for (size_t j = 0; j < row->count; j++) {
        char key[256];
        table_header_key(row->cells[j], key, sizeof key, &units[j], &has_unit[j]);
        keys[j] = arena_strdup(b->scratch, key);
        s->map[j] = -1;
        s->named[j] = key[0] != '\0';
    }
    record_kind kind = table_detect_kind(keys, row->count);
    if (kind == KIND_UNKNOWN) {
        builder_reject_file(b, row->line, "无法从表头判断文件类型（应有“项目编号”、"
                                          "“上年同期累计产值”、“新兴产业用地占比”或“事项”与“内容”列）");
        return;
    }
    builder_set_kind(b, kind, YUAN_PER_WAN);
    if (map_columns(s, row, keys, units, has_unit))
        check_required(s, row->line);
}

static int on_row(void *context, const csvfile_row *row)
{
    sheet *s = context;
    if (row_blank(row))
        return 0;
    if (!s->header_seen) {
        read_header(s, row);
        return 0;
    }
    if (s->b->rejected_reason || !s->b->table) {
        builder_count_row(s->b);
        return 0;
    }
    builder_row r = {.line = row->line};
    for (size_t j = 0; j < row->count; j++) {
        int column = j < s->header_count ? s->map[j] : -1;
        if (column >= 0)
            r.cells[column] = row->cells[j];
        else if (!(j < s->header_count && s->named[j]) && !r.unnamed_value && !blank(row->cells[j])) {
            r.unnamed_value = row->cells[j];
            r.unnamed_position = j + 1;
        }
    }
    builder_add_row(s->b, &r);
    return 0;
}

bool sheet_read(builder *b, const char *path)
{
    sheet s = {.b = b};
    csvfile_info info;
    csvfile_status status = csvfile_read(path, b->path, csvfile_delimiter_for(path), on_row, &s,
                                         &info, &b->file_diags);
    submission_file *f = store_file(b->store, b->file);
    f->encoding = info.encoding;
    memcpy(f->sha256, info.sha256, sizeof f->sha256);
    if (status != CSVFILE_OK)
        return false;
    if (!s.header_seen)
        builder_reject_file(b, 0, "文件中没有表头（文件为空）");
    return true;
}
