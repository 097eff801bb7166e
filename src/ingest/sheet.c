/*
 * sheet.c: CSV rows → the record builder (see sheet.h).  Rows before the header are the
 * preamble: a title names the kind, key：value cells state the office, dates and unit.
 * The header is the first row with three cells that name columns (or that names a
 * kind, or two columns of the kind the title named), together with the row under it
 * when that row only fills in group labels.  The
 * last candidate row is held until the next row shows whether it is a header.  After
 * the header: data rows, 合计/总计 rows (checked by the builder), 小计 rows and notes.
 * A workbook's rows come with their cells' types: a data cell merged down takes the
 * text of the merge, a date or an error value in a number column rejects the row, a
 * date under 报告期 is the month it shows.  A workbook's sheet that opens with the one
 * cell 填报说明 holds a form's instructions and is skipped with a note.
 */
#include "ingest/sheet.h"

#include "ingest/csvfile.h"
#include "ingest/value.h"
#include "model/store.h"
#include "model/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_BYTES 256
#define UNKNOWN_KIND_REASON                                                              \
    "无法从表头判断文件类型（应有“项目编号”、“上年同期累计产值”、“新兴产业用地占比”或“事项”与“内容”列）"
#define NO_HEADER_REASON "找不到表头（应有一行至少三个单元格是已知的列名）"
#define SHEET_NO_CACHED_VALUE                                                            \
    "是公式，文件中没有保存它的计算结果（请在Excel或WPS中打开、重新计算并保存后再报送）"
#define SHEET_ERROR_VALUE "是错误值，没有可读的数值"
#define SHEET_DATE_NOT_NUMBER                                                            \
    "是日期，不是数值（表格软件会把1.2.3这样的输入变成日期），请把单元格改为数值格式后重填"

/* A row kept past its callback: cells back to back in one heap block. */
typedef struct held_row {
    long line;
    size_t count;
    char *text;
    size_t capacity;
    const char *cells[CSVFILE_MAX_CELLS];
} held_row;

/* A header cell position: its normalised key and the unit it states. */
typedef struct header_key {
    char key[KEY_BYTES];
    int64_t unit;
    bool has_unit;
} header_key;

/* A row before the header that is neither title nor metadata. */
typedef struct plain_row {
    long line;
    const char *first; /* its first non-empty cell, trimmed */
    bool caption;      /* one cell only: a caption of the form, preamble like a title */
} plain_row;

typedef struct sheet {
    builder *b;
    bool header_seen;
    size_t header_count;
    int map[CSVFILE_MAX_CELLS];    /* cell position → column of the table, or -1 */
    bool named[CSVFILE_MAX_CELLS]; /* the header has text at this position */
    held_row held;
    bool holding;
    bool any_row;          /* a non-empty row was seen */
    bool saw_known;        /* a cell named a column, a preamble key or a kind */
    bool saw_preamble;     /* a title or key：value row was seen */
    record_kind title_kind;
    bool has_unit;         /* 单位：万元 */
    int64_t unit;
    bool has_office, has_period, has_sent;
    vec plain;             /* plain_row: the rows before the header that are no title or
                              metadata, in order (the first may be a failed header) */
    bool in_notes;
    header_key *keys;      /* CSVFILE_MAX_CELLS of them, for the header tests (heap) */
    bool instructions;     /* a workbook's 填报说明 sheet: not a submission */
    const sheet_cell *typed; /* the current row's workbook cells, or NULL (CSV) */
    size_t typed_count;
    builder_metadata stated_before; /* the builder's, before the file was read (CSV) */
} sheet;

/* ---- cells ---- */

/* Nothing but white space (as value_text sees it); stops at the first other character. */
static bool blank(const char *text)
{
    uint32_t cp;
    while ((cp = utf8_next(&text)) != 0)
        if (!is_space(cp))
            return false;
    return true;
}

static size_t filled_cells(size_t count, const char *const *cells)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        n += !blank(cells[i]);
    return n;
}

static const char *trimmed(builder *b, const char *text)
{
    const char *start;
    size_t length;
    if (value_text(text, &start, &length) != VALUE_OK)
        return "";
    return arena_strndup(b->scratch, start, length);
}

static void key_of(const char *text, header_key *k)
{
    table_header_key(text, k->key, sizeof k->key, &k->unit, &k->has_unit);
}

/* Whether a normalised key names a column of any kind; *data: a column that tells a
 * header (not 报告期, 报送单位, 填报日期 or 序号). */
static bool names_column(const char *key, bool *data)
{
    column_type type;
    bool found = key[0] && table_lookup_any(key, &type);
    *data = found && !table_type_is_metadata(type);
    return found;
}

/* The cells naming data columns; *any_known: whether any cell names a column at all. */
static size_t count_data_columns(const header_key *keys, size_t count, bool *any_known)
{
    size_t n = 0;
    bool data;
    *any_known = false;
    for (size_t i = 0; i < count; i++) {
        bool known = names_column(keys[i].key, &data);
        *any_known |= known;
        n += known && data;
    }
    return n;
}

static record_kind kind_of_keys(const header_key *keys, size_t count)
{
    const char *list[CSVFILE_MAX_CELLS];
    for (size_t i = 0; i < count; i++)
        list[i] = keys[i].key;
    return table_detect_kind(list, count);
}

static void hold(held_row *h, long line, size_t count, const char *const *cells)
{
    size_t total = 0, offsets[CSVFILE_MAX_CELLS];
    for (size_t i = 0; i < count; i++) {
        offsets[i] = total;
        total += strlen(cells[i]) + 1;
    }
    if (total > h->capacity) {
        char *text = realloc(h->text, total);
        if (!text)
            die_oom();
        h->text = text;
        h->capacity = total;
    }
    for (size_t i = 0; i < count; i++) {
        memcpy(h->text + offsets[i], cells[i], strlen(cells[i]) + 1);
        h->cells[i] = h->text + offsets[i];
    }
    h->line = line;
    h->count = count;
}

/* ---- the preamble: title and key：value cells ---- */

/* A title row: one cell, no colon, saying 附件… or naming a 表. */
static bool read_title(sheet *s, size_t count, const char *const *cells)
{
    if (filled_cells(count, cells) != 1)
        return false;
    char text[KEY_BYTES];
    for (size_t i = 0; i < count; i++)
        if (!blank(cells[i]))
            text_squeeze(cells[i], text, sizeof text);
    if (strchr(text, ':'))
        return false;
    if (text_starts_with(text, "附件"))
        return true;
    if (!strstr(text, "表"))
        return false;
    record_kind kind = table_kind_of_title(text);
    if (kind != KIND_UNKNOWN && s->title_kind == KIND_UNKNOWN) {
        s->title_kind = kind;
        s->saw_known = true;
    }
    return true;
}

typedef enum { PREAMBLE_NONE, PREAMBLE_OFFICE, PREAMBLE_DATE, PREAMBLE_PERIOD, PREAMBLE_UNIT } preamble_key;

/* What a squeezed key (before its colon) states: 填报单位（盖章）, 填报日期, 报告期, 单位. */
static preamble_key preamble_key_of(const char *text)
{
    header_key k;
    key_of(text, &k);
    if (strcmp(k.key, "单位") == 0 || strcmp(k.key, "金额单位") == 0 || strcmp(k.key, "计量单位") == 0)
        return PREAMBLE_UNIT;
    column_type type;
    if (!k.key[0] || !table_lookup_any(k.key, &type))
        return PREAMBLE_NONE;
    return type == COLUMN_OFFICE ? PREAMBLE_OFFICE : type == COLUMN_DATE ? PREAMBLE_DATE
         : type == COLUMN_PERIOD ? PREAMBLE_PERIOD : PREAMBLE_NONE;
}

static bool has_digit(const char *text)
{
    return strpbrk(text, "0123456789") != NULL;
}

/* Applies one key：value of the preamble; the first statement of each key counts.  A
 * date or period without any digit (a blank form's 年 月 日) is not stated. */
static bool apply_preamble(sheet *s, long line, preamble_key key, const char *value)
{
    builder *b = s->b;
    char reason[512];
    int64_t unit;
    switch (key) {
    case PREAMBLE_UNIT:
        if (!value_unit(value, &unit))
            return false;
        if (!s->has_unit) {
            s->has_unit = true;
            s->unit = unit;
        }
        return true;
    case PREAMBLE_OFFICE:
        if (!s->has_office && value[0]) {
            s->has_office = true;
            b->stated.office = arena_strdup(b->scratch, value);
        }
        return true;
    case PREAMBLE_DATE:
        if (s->has_sent || !has_digit(value))
            return true;
        s->has_sent = true;
        if (value_date(value, &b->stated.sent) != VALUE_OK) {
            snprintf(reason, sizeof reason, "表头前的填报日期“%s”不是有效日期", value);
            builder_reject_file(b, line, reason);
        }
        return true;
    case PREAMBLE_PERIOD:
        if (s->has_period || !has_digit(value))
            return true;
        s->has_period = true;
        if (value_period(value, &b->stated.period) == VALUE_OK) {
            b->stated.has_period = true; /* over the folder's period */
        } else {
            snprintf(reason, sizeof reason, "表头前的报告期“%s”不是有效报告期", value);
            builder_reject_file(b, line, reason);
        }
        return true;
    default:
        return false;
    }
}

/* The next non-empty cell after position i, squeezed into out; its position or count. */
static size_t next_filled(size_t count, const char *const *cells, size_t i, char *out)
{
    for (size_t j = i + 1; j < count; j++)
        if (!blank(cells[j])) {
            text_squeeze(cells[j], out, KEY_BYTES);
            return j;
        }
    return count;
}

/* Reads the key：value cells of a row (key and value in one cell, or in two: a key cell
 * with or without its colon, then the value); returns how many were understood. */
static int read_metadata(sheet *s, long line, size_t count, const char *const *cells)
{
    int found = 0;
    for (size_t i = 0; i < count; i++) {
        char text[KEY_BYTES], value[KEY_BYTES] = "";
        text_squeeze(cells[i], text, sizeof text);
        if (!text[0])
            continue;
        char *colon = strchr(text, ':');
        if (colon)
            *colon = '\0';
        preamble_key key = preamble_key_of(text);
        if (key == PREAMBLE_NONE)
            continue;
        size_t next = count;
        if (colon && colon[1]) {
            snprintf(value, sizeof value, "%s", colon + 1);
        } else {
            next = next_filled(count, cells, i, value);
            bool data;
            if (next == count || (!colon && (strchr(value, ':') || names_column(value, &data))))
                continue; /* a header cell, not a key: 报送单位 next to 报告期 */
        }
        if (!apply_preamble(s, line, key, value))
            continue;
        found++;
        if (next < count)
            i = next;
    }
    return found;
}

/* ---- the header ---- */

static bool cell_empty_at(const held_row *row, size_t j)
{
    return j >= row->count || blank(row->cells[j]);
}

/* The position of the group label over column j of the top row: the nearest text at or
 * before j (a merged cell shows its text in its first column only), or -1. */
static long group_start(const held_row *top, size_t j)
{
    for (size_t k = j + 1; k-- > 0;)
        if (!cell_empty_at(top, k))
            return (long)k;
    return -1;
}

/* The column a second-row cell names under its label: by itself, or with the label
 * after it or before it (本月 under 产值 → 本月产值).  Copies the key into out. */
static bool resolve_under(const char *sub, const char *label, char *out)
{
    bool data;
    if (names_column(sub, &data)) {
        snprintf(out, KEY_BYTES, "%s", sub);
        return true;
    }
    char joined[KEY_BYTES];
    if (strlen(sub) + strlen(label) >= sizeof joined)
        return false;
    strcpy(joined, sub);
    strcat(joined, label);
    if (!names_column(joined, &data)) {
        strcpy(joined, label);
        strcat(joined, sub);
        if (!names_column(joined, &data))
            return false;
    }
    strcpy(out, joined);
    return true;
}

/* The keys of a header of one row (bottom NULL) or two.  Under a group label, the unit
 * of the second row's cell comes first, then the label's. */
static size_t header_keys(const held_row *top, const csvfile_row *bottom, header_key *keys)
{
    size_t count = top->count;
    if (bottom && bottom->count > count)
        count = bottom->count;
    for (size_t j = 0; j < count; j++) {
        header_key *k = &keys[j];
        memset(k, 0, sizeof *k);
        if (bottom && j < bottom->count && !blank(bottom->cells[j])) {
            header_key sub, label;
            key_of(bottom->cells[j], &sub);
            key_of(top->cells[group_start(top, j)], &label);
            if (!resolve_under(sub.key, label.key, k->key))
                snprintf(k->key, sizeof k->key, "%s", sub.key);
            k->has_unit = sub.has_unit || label.has_unit;
            k->unit = sub.has_unit ? sub.unit : label.unit;
        } else if (j < top->count) {
            key_of(top->cells[j], k);
        }
    }
    return count;
}

/* Whether bottom is the second row of a header whose first row is top: top names some
 * column; each cell of bottom stands under a group label (text that names no column,
 * over it or merged from its left); at least one names a column with its label. */
static bool is_second_header_row(const held_row *top, const csvfile_row *bottom)
{
    bool top_names = false, data;
    for (size_t j = 0; j < top->count && !top_names; j++) {
        header_key k;
        key_of(top->cells[j], &k);
        top_names = names_column(k.key, &data);
    }
    if (!top_names)
        return false;
    size_t named = 0;
    for (size_t j = 0; j < bottom->count; j++) {
        if (blank(bottom->cells[j]))
            continue;
        long k = group_start(top, j);
        if (k < 0)
            return false;
        header_key label, sub;
        key_of(top->cells[k], &label);
        if (names_column(label.key, &data) || strchr(label.key, ':'))
            return false;
        key_of(bottom->cells[j], &sub);
        char resolved[KEY_BYTES];
        named += resolve_under(sub.key, label.key, resolved);
    }
    return named > 0;
}

/* Enough to be the header: three cells naming columns, or a kind named, or, where the
 * title named the kind, two cells naming that kind's columns.  *any_known: whether any
 * cell names a column of any kind. */
static bool header_worthy(const sheet *s, const header_key *keys, size_t count,
                          bool *any_known)
{
    if (count_data_columns(keys, count, any_known) >= 3 ||
        kind_of_keys(keys, count) != KIND_UNKNOWN)
        return true;
    if (s->title_kind == KIND_UNKNOWN)
        return false;
    const table *t = table_for(s->title_kind);
    size_t named = 0;
    for (size_t i = 0; i < count; i++) {
        int column = table_match(t, keys[i].key);
        named += column >= 0 && !table_type_is_metadata(t->columns[column].type);
    }
    return named >= 2;
}

/* Maps header cells to columns; rejects the file on a column named twice. */
static bool map_columns(sheet *s, long line, const header_key *keys, const char *const *shown)
{
    builder *b = s->b;
    size_t seen_at[TABLE_MAX_COLUMNS] = {0};
    for (size_t j = 0; j < s->header_count; j++) {
        s->map[j] = -1;
        s->named[j] = keys[j].key[0] != '\0';
        int column = table_match(b->table, keys[j].key);
        if (column < 0) {
            if (keys[j].key[0])
                builder_file_note(b, line, trimmed(b, shown[j]), NULL, "不是已知的列名，该列已忽略");
            continue;
        }
        if (seen_at[column]) {
            char reason[256];
            snprintf(reason, sizeof reason, "列“%s”出现了两次（第%zu列和第%zu列）",
                     b->table->columns[column].canonical, seen_at[column], j + 1);
            builder_reject_file(b, line, reason);
            return false;
        }
        seen_at[column] = j + 1;
        s->map[j] = column;
        b->column_positions[column] = (int)j;
        if (keys[j].has_unit)
            builder_set_unit(b, column, keys[j].unit);
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

/* A held row that turned out not to be the header. */
static void release_plain(sheet *s)
{
    s->holding = false;
    plain_row *p = vec_push(&s->plain);
    p->line = s->held.line;
    p->caption = filled_cells(s->held.count, s->held.cells) <= 1;
    p->first = "";
    for (size_t j = 0; j < s->held.count; j++)
        if (!blank(s->held.cells[j])) {
            p->first = trimmed(s->b, s->held.cells[j]);
            break;
        }
}

/* Once the header is found, the plain rows above it (captions of one cell aside) are
 * rows read and refused: every row of the file ends up somewhere. */
static void refuse_plain_rows(sheet *s, long header_line)
{
    char reason[256];
    snprintf(reason, sizeof reason, "在表头（第%ld行）之上，既不是标题也不是“键：值”说明，未作为数据读入",
             header_line);
    for (size_t i = 0; i < s->plain.count; i++) {
        const plain_row *p = vec_at(&s->plain, i);
        if (!p->caption)
            builder_reject_row(s->b, p->line, p->first, reason);
    }
}

/* Sets up the header from its first row (held) and maybe its second. */
static void take_header(sheet *s, const csvfile_row *bottom)
{
    builder *b = s->b;
    const held_row *top = &s->held;
    header_key *keys = s->keys;
    s->header_seen = true;
    s->saw_known = true;
    s->holding = false;
    s->header_count = header_keys(top, bottom, keys);
    const char *shown[CSVFILE_MAX_CELLS];
    for (size_t j = 0; j < s->header_count; j++)
        shown[j] = bottom && j < bottom->count && !blank(bottom->cells[j]) ? bottom->cells[j]
                 : j < top->count ? top->cells[j] : "";
    refuse_plain_rows(s, top->line);
    record_kind kind = s->title_kind ? s->title_kind : kind_of_keys(keys, s->header_count);
    if (kind == KIND_UNKNOWN) {
        builder_reject_file(b, top->line, UNKNOWN_KIND_REASON);
    } else {
        builder_set_kind(b, kind, s->has_unit ? s->unit : YUAN_PER_WAN);
        if (map_columns(s, top->line, keys, shown)) {
            b->columns_known = true;
            check_required(s, top->line);
        }
    }
}

/* ---- rows ---- */

/* 合计, 总计 or 小计 (white space inside and a unit after it allowed), or NULL. */
static const char *total_word(const char *cell)
{
    static const char *const words[] = {"合计", "总计", "小计", NULL};
    header_key k;
    key_of(cell, &k);
    size_t n = strlen(k.key);
    if (n > 0 && k.key[n - 1] == ':')
        k.key[n - 1] = '\0';
    for (const char *const *w = words; *w; w++)
        if (strcmp(k.key, *w) == 0)
            return *w;
    return NULL;
}

static bool starts_notes(const char *cell)
{
    static const char *const starts[] = {"注:", "说明:", "填表人", "审核人", "联系人", "联系电话",
                                         "填报人", "制表人", "负责人", NULL};
    char text[KEY_BYTES];
    text_squeeze(cell, text, sizeof text);
    for (const char *const *w = starts; *w; w++)
        if (text_starts_with(text, *w))
            return true;
    return false;
}

/* The rules of a workbook cell's type under its column (see the top of the file). */
static void apply_type(const sheet *s, size_t j, int column, builder_row *r)
{
    if (!s->typed || j >= s->typed_count)
        return;
    const sheet_cell *cell = &s->typed[j];
    if (blank(cell->text) && cell->merged_from)
        cell = cell->merged_from;
    builder *b = s->b;
    column_type type = b->table->columns[column].type;
    bool number = type == COLUMN_AMOUNT || type == COLUMN_PERCENT || type == COLUMN_COUNT;
    const char *error = cell->kind == SHEET_CELL_DATE && number ? SHEET_DATE_NOT_NUMBER
                      : cell->kind != SHEET_CELL_ERROR ? NULL
                      : cell->text[0] == '=' ? SHEET_NO_CACHED_VALUE : SHEET_ERROR_VALUE;
    if (error && !r->reader_error) {
        r->reader_error = error;
        r->reader_error_column = column;
    }
    if (cell->kind == SHEET_CELL_DATE && type == COLUMN_PERIOD)
        r->cells[column] = arena_strndup(b->scratch, cell->text, 7); /* 2015-09 */
}

static void fill_row(const sheet *s, const csvfile_row *row, builder_row *r)
{
    memset(r, 0, sizeof *r);
    r->line = row->line;
    r->reader_error_column = -1;
    for (size_t j = 0; j < row->count; j++) {
        int column = j < s->header_count ? s->map[j] : -1;
        if (column >= 0) {
            r->cells[column] = row->cells[j];
            apply_type(s, j, column, r);
        } else if (!(j < s->header_count && s->named[j]) && !r->unnamed_value && !blank(row->cells[j])) {
            r->unnamed_value = row->cells[j];
            r->unnamed_position = j + 1;
        }
    }
}

/* A workbook row whose empty cells under a merge from above take the merge's text. */
static const csvfile_row *merged_down(const sheet *s, const csvfile_row *row, csvfile_row *out,
                                      const char **cells)
{
    if (!s->typed)
        return row;
    for (size_t j = 0; j < row->count; j++) {
        const sheet_cell *from = j < s->typed_count ? s->typed[j].merged_from : NULL;
        cells[j] = from && blank(row->cells[j]) ? from->text : row->cells[j];
    }
    *out = (csvfile_row){row->line, row->count, cells};
    return out;
}

static void data_row(sheet *s, const csvfile_row *given)
{
    csvfile_row filled;
    const char *merged[CSVFILE_MAX_CELLS];
    const csvfile_row *row = merged_down(s, given, &filled, merged);
    const char *first = NULL;
    for (size_t j = 0; j < row->count && !first; j++)
        if (!blank(row->cells[j]))
            first = row->cells[j];
    builder *b = s->b;
    builder_row r;
    const char *word = total_word(first);
    if (word) {
        if (strcmp(word, "小计") != 0 && b->table) {
            fill_row(s, row, &r);
            builder_add_total(b, &r);
        }
        return;
    }
    if (starts_notes(first)) {
        s->in_notes = true;
        return;
    }
    if (s->in_notes && filled_cells(row->count, row->cells) == 1)
        return; /* a note continued on its own line */
    if (b->rejected_reason || !b->table) {
        builder_count_row(b);
        return;
    }
    fill_row(s, row, &r);
    builder_add_row(b, &r);
}

static bool held_worthy(sheet *s)
{
    header_key *keys = s->keys;
    size_t count = header_keys(&s->held, NULL, keys);
    bool any_known;
    bool worthy = header_worthy(s, keys, count, &any_known);
    s->saw_known |= any_known;
    return worthy;
}

/* Enough for a header of two rows: top and bottom together name three columns or a kind. */
static bool pair_worthy(sheet *s, const csvfile_row *bottom)
{
    if (!is_second_header_row(&s->held, bottom))
        return false;
    bool any_known; /* a pair's cells decide nothing about saw_known */
    return header_worthy(s, s->keys, header_keys(&s->held, bottom, s->keys), &any_known);
}

/* A non-empty row before the header. */
static void preamble_row(sheet *s, const csvfile_row *row)
{
    if (s->holding) {
        if (pair_worthy(s, row)) {
            take_header(s, row);
            return;
        }
        if (held_worthy(s)) {
            take_header(s, NULL);
            data_row(s, row);
            return;
        }
        release_plain(s);
    }
    hold(&s->held, row->line, row->count, row->cells);
    if (held_worthy(s)) {
        s->holding = true;
        return;
    }
    if (read_title(s, row->count, row->cells) ||
        read_metadata(s, row->line, row->count, row->cells) > 0) {
        s->saw_preamble = s->saw_known = true;
        return;
    }
    s->holding = true;
}

static int on_row(void *context, const csvfile_row *row)
{
    sheet *s = context;
    if (filled_cells(row->count, row->cells) == 0)
        return 0;
    s->any_row = true;
    if (s->header_seen)
        data_row(s, row);
    else
        preamble_row(s, row);
    return 0;
}

/* The end of the file: a held row may still be the header; a file without one is
 * rejected, its rows after the first plain row counted. */
static void finish_sheet(sheet *s)
{
    builder *b = s->b;
    if (s->holding) {
        if (held_worthy(s))
            take_header(s, NULL);
        else
            release_plain(s);
    }
    if (s->header_seen)
        return;
    long first_plain_line = s->plain.count ? ((plain_row *)vec_at(&s->plain, 0))->line : 0;
    if (!s->any_row)
        builder_reject_file(b, 0, "文件中没有表头（文件为空）");
    else if (s->title_kind || s->saw_preamble)
        builder_reject_file(b, first_plain_line, NO_HEADER_REASON);
    else
        builder_reject_file(b, first_plain_line, UNKNOWN_KIND_REASON);
    for (size_t i = 1; i < s->plain.count; i++) /* the rows after the first plain row */
        builder_count_row(b);
}

static void sheet_init(sheet *s, builder *b)
{
    memset(s, 0, sizeof *s);
    s->b = b;
    s->keys = malloc(CSVFILE_MAX_CELLS * sizeof *s->keys);
    if (!s->keys)
        die_oom();
    vec_init(&s->plain, sizeof(plain_row));
}

static void sheet_release(sheet *s)
{
    free(s->held.text);
    free(s->keys);
    vec_free(&s->plain);
    s->held.text = NULL;
    s->keys = NULL;
}

/* The file is read again from its start (as GB18030): the rows so far are void. */
static void restart(void *context)
{
    sheet *s = context;
    builder *b = s->b;
    builder_metadata stated = s->stated_before;
    sheet_release(s);
    sheet_init(s, b);
    s->stated_before = stated;
    builder_restart(b, &stated);
}

/* Adds the reader's messages to the file's. */
static void take_messages(builder *b, const diag_list *from)
{
    for (size_t i = 0; i < from->items.count; i++) {
        const diagnostic *d = diag_at(from, i);
        diag_add_cell(&b->file_diags, d->level, d->file, d->line, d->cell, d->column, d->value,
                      d->reason);
    }
}

/* Reads the rows in the given encoding, or (encoding NULL) in the one the rule finds.  A
 * file refused before its rows could count leaves the builder as it was before it; the
 * file's hash becomes that of the bytes this read parsed. */
static csvfile_status read_rows(sheet *s, int fd, const encoding_id *encoding, csvfile_info *info)
{
    builder *b = s->b;
    diag_list errors;
    diag_init(&errors, b->scratch);
    char delimiter = csvfile_delimiter_for(b->path);
    csvfile_status status =
        encoding ? csvfile_read(fd, b->path, *encoding, false, delimiter, on_row, s, info, &errors)
                 : csvfile_read_any(fd, b->path, delimiter, on_row, restart, s, info, &errors);
    memcpy(store_file(b->store, b->file)->sha256, info->sha256, sizeof info->sha256);
    if (info->unread)
        restart(s);
    take_messages(b, &errors);
    diag_free(&errors);
    return status;
}

bool sheet_read(builder *b, int fd)
{
    submission_file *f = store_file(b->store, b->file);
    sheet s;
    sheet_init(&s, b);
    s.stated_before = b->stated;
    csvfile_info info;
    csvfile_status status = read_rows(&s, fd, NULL, &info);
    f->encoding = info.encoding_known ? encoding_name(info.encoding) : "unknown";
    if (status == CSVFILE_OK && info.encoding == ENCODING_UTF8 && !info.bom && !s.saw_known) {
        /* short GBK text can pass as UTF-8: nothing named a column, so try GB18030
         * (nothing reached the builder yet), and keep it unless it is no GB18030 */
        sheet again;
        sheet_init(&again, b);
        again.stated_before = s.stated_before;
        size_t messages = b->file_diags.items.count;
        unsigned char sha256[sizeof f->sha256];
        memcpy(sha256, f->sha256, sizeof sha256);
        encoding_id gb18030 = ENCODING_GB18030;
        csvfile_info retry;
        csvfile_status retried = read_rows(&again, fd, &gb18030, &retry);
        if (retried == CSVFILE_ENCODING) {
            b->file_diags.items.count = messages;
            memcpy(f->sha256, sha256, sizeof sha256);
            sheet_release(&again);
        } else {
            sheet_release(&s);
            s = again;
            status = retried;
            if (s.saw_known)
                f->encoding = encoding_name(ENCODING_GB18030);
        }
    }
    if (status == CSVFILE_OK)
        finish_sheet(&s);
    sheet_release(&s);
    return status == CSVFILE_OK;
}

/* ---- a workbook's sheet ---- */

sheet *sheet_begin(builder *b)
{
    sheet *s = malloc(sizeof *s);
    if (!s)
        die_oom();
    sheet_init(s, b);
    b->cell_references = true;
    return s;
}

/* A first row whose one cell says 填报说明 (or 填表说明): the instructions that go with
 * a form (`bulletin forms` writes them on the form's second sheet). */
static bool opens_instructions(size_t count, const char *const *cells)
{
    if (filled_cells(count, cells) != 1)
        return false;
    char text[KEY_BYTES] = "";
    for (size_t j = 0; j < count; j++)
        if (!blank(cells[j]))
            text_squeeze(cells[j], text, sizeof text);
    return strcmp(text, "填报说明") == 0 || strcmp(text, "填表说明") == 0;
}

void sheet_put_row(sheet *s, long line, size_t count, const sheet_cell *cells)
{
    const char *texts[CSVFILE_MAX_CELLS];
    if (count > CSVFILE_MAX_CELLS)
        count = CSVFILE_MAX_CELLS;
    for (size_t j = 0; j < count; j++)
        texts[j] = cells[j].text;
    if (!s->any_row && opens_instructions(count, texts))
        s->instructions = true;
    if (s->instructions)
        return;
    csvfile_row row = {line, count, texts};
    s->typed = cells;
    s->typed_count = count;
    on_row(s, &row);
    s->typed = NULL;
}

void sheet_end(sheet *s)
{
    if (s->instructions) {
        builder_file_note(s->b, 0, NULL, NULL, "这是填报说明，不是报表，已跳过");
        builder_skip_file(s->b);
    } else {
        finish_sheet(s);
    }
    sheet_release(s);
    free(s);
}
