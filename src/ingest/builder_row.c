/*
 * builder_row.c: the checks of one row as it comes (see builder.h): values parsed by the
 * column table's types; names, keys and warnings that need more than one column checked
 * here in code.  A row that passes goes on to builder.c's checks against the file's
 * metadata.
 */
#include "ingest/builder_parts.h"

#include "ingest/value.h"
#include "model/fraction.h"
#include "model/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The checks of one row in progress. */
typedef struct row_check {
    builder *b;
    const builder_row *row;
    bool failed, warned;
} row_check;

/* ---- messages ---- */

/* The value as written, trimmed and cut to a readable length; NULL when empty. */
const char *builder_shown(builder *b, const char *text)
{
    const char *start;
    size_t length;
    if (!text || value_text(text, &start, &length) != VALUE_OK)
        return NULL;
    if (length <= SHOWN_MAX_BYTES)
        return arena_strndup(b->scratch, start, length);
    size_t cut = SHOWN_MAX_BYTES;
    while (cut > 0 && ((unsigned char)start[cut] & 0xC0) == 0x80)
        cut--;
    return arena_printf(b->scratch, "%.*s…", (int)cut, start);
}

const char *builder_column_name(const builder *b, int column)
{
    return b->table->columns[column].canonical;
}

static const char *cell(const row_check *c, int column)
{
    return column >= 0 ? c->row->cells[column] : NULL;
}

static void row_error(row_check *c, int column, const char *reason)
{
    builder *b = c->b;
    builder_row_message(b, PHASE_READ, DIAG_ERROR, c->row->line,
                        column >= 0 ? builder_column_name(b, column) : NULL,
                        builder_shown(b, cell(c, column)), reason);
    c->failed = true;
}

static void row_warning(row_check *c, int column, const char *reason)
{
    builder *b = c->b;
    builder_row_message(b, PHASE_READ, DIAG_WARNING, c->row->line,
                        column >= 0 ? builder_column_name(b, column) : NULL,
                        builder_shown(b, cell(c, column)), reason);
    c->warned = true;
}

static const char *reason_for(column_type type, value_status status)
{
    if (status == VALUE_EMPTY)
        return "缺少必填值";
    switch (type) {
    case COLUMN_AMOUNT:
        return status == VALUE_PRECISION ? "金额精度超过1元"
             : status == VALUE_NEGATIVE  ? "金额不能为负数"
             : status == VALUE_RANGE     ? "金额超出范围"
                                         : "不是有效金额";
    case COLUMN_PERCENT:
        return status == VALUE_PRECISION ? "百分比精度超过0.0001"
             : status == VALUE_RANGE     ? "超出0～100的范围"
                                         : "不是有效百分比";
    case COLUMN_COUNT:
        return status == VALUE_NEGATIVE ? "个数不能为负数"
             : status == VALUE_RANGE    ? "个数超出范围"
                                        : "不是有效个数（应为非负整数）";
    case COLUMN_YES_NO: return "不是有效的是/否值";
    case COLUMN_STATUS: return "不是有效项目状态（应为前期、在建、竣工或投产）";
    case COLUMN_GRADE: return "不是有效评价（应为良好、一般或较差）";
    case COLUMN_DATE: return "不是有效日期";
    case COLUMN_PERIOD: return "不是有效报告期";
    case COLUMN_CODE: return "过长";
    case COLUMN_TEXT: return "过长（超过32767个字符，表格的单元格放不下）";
    default: return "无法读取";
    }
}

/* ---- values ---- */

void *builder_field(any_record *record, size_t offset)
{
    return (char *)record + offset;
}

/* Free text may be no longer than a spreadsheet cell holds (Excel's limit, and
 * libxlsxwriter's, which leaves a longer string out of the data workbook). */
#define TEXT_MAX_CHARACTERS 32767

/* The characters of UTF-8 text: its bytes that start one. */
static size_t characters(const char *text, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

/* Parses one cell by its column's type into the record; returns its status. */
static value_status parse_value(row_check *c, int column, any_record *record)
{
    builder *b = c->b;
    const table_column *spec = &b->table->columns[column];
    const char *text = cell(c, column) ? cell(c, column) : "";
    void *field = spec->field != TABLE_NO_FIELD ? builder_field(record, spec->field) : NULL;
    value_status status;
    switch (spec->type) {
    case COLUMN_AMOUNT:
        status = value_amount(text, b->units[column], field);
        break;
    case COLUMN_PERCENT:
        status = value_percent(text, field);
        break;
    case COLUMN_COUNT:
        status = value_count(text, field);
        break;
    case COLUMN_YES_NO:
        status = value_yes_no(text, field);
        return status == VALUE_EMPTY ? VALUE_OK : status; /* empty = 否 */
    case COLUMN_STATUS:
        status = value_project_status(text, field);
        break;
    case COLUMN_GRADE:
        status = value_leading_grade(text, field);
        break;
    case COLUMN_CODE: {
        char name[NAME_MAX_BYTES];
        status = value_name(text, name, sizeof name);
        if (status == VALUE_OK)
            *(const char **)field = store_intern(b->store, name, strlen(name));
        break;
    }
    case COLUMN_TEXT: {
        const char *start;
        size_t length;
        status = value_text(text, &start, &length);
        if (status == VALUE_OK && length > TEXT_MAX_CHARACTERS &&
            characters(start, length) > TEXT_MAX_CHARACTERS)
            status = VALUE_RANGE;
        if (status == VALUE_OK && !b->store->keys_only) /* a key store keeps no text */
            *(const char **)field = store_intern(b->store, start, length);
        break;
    }
    default:
        return VALUE_OK; /* names and metadata are read elsewhere */
    }
    if (status == VALUE_OK && spec->given != TABLE_NO_FIELD)
        *(bool *)builder_field(record, spec->given) = true;
    return status;
}

static void parse_values(row_check *c, any_record *record)
{
    const table *t = c->b->table;
    for (size_t i = 0; i < t->count; i++) {
        if (c->row->reader_error && c->row->reader_error_column == (int)i)
            continue; /* the reader's reason says it */
        value_status status = parse_value(c, (int)i, record);
        if (status == VALUE_OK || (status == VALUE_EMPTY && !t->columns[i].required))
            continue;
        row_error(c, (int)i, reason_for(t->columns[i].type, status));
    }
}

/* ---- names ---- */

int builder_column_of_type(const table *t, column_type type)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->columns[i].type == type)
            return (int)i;
    return -1;
}

/* plan_names_find over the plan's names, remembered by text for the rest of the file. */
static const plan_name *find_name(builder *b, plan_name_kind kind, int owner, const char *text)
{
    size_t length = strlen(text);
    if (length >= MEMO_TEXT_BYTES)
        return plan_names_find(b->plan->names, b->plan->name_count, kind, owner, text);
    uint64_t h = 14695981039346656037u ^ (uint64_t)kind ^ ((uint64_t)(owner + 1) << 8);
    for (size_t i = 0; i < length; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211u;
    memo_slot *slot = &b->state->names[(h ^ h >> 29) % MEMO_SLOTS];
    if (slot->text[0] && slot->kind == (int)kind && slot->owner == owner && strcmp(slot->text, text) == 0)
        return slot->found;
    slot->found = plan_names_find(b->plan->names, b->plan->name_count, kind, owner, text);
    slot->kind = (int)kind;
    slot->owner = owner;
    memcpy(slot->text, text, length + 1);
    return slot->found;
}

static int find_index(builder *b, plan_name_kind kind, const char *text)
{
    const plan_name *found = find_name(b, kind, -1, text);
    return found ? found->index : -1;
}

/* The squeezed name in a column's cell, or NULL when empty (or absent). */
static const char *name_in(row_check *c, int column, char *buf)
{
    const char *text = cell(c, column);
    if (!text || value_name(text, buf, NAME_MAX_BYTES) != VALUE_OK)
        return NULL;
    return buf;
}

static void resolve_unit(row_check *c, any_record *record)
{
    const table *t = c->b->table;
    int column = builder_column_of_type(t, COLUMN_UNIT);
    if (column < 0)
        return;
    int *unit = builder_field(record, t->columns[column].field);
    char buf[NAME_MAX_BYTES];
    const char *name = name_in(c, column, buf);
    *unit = -1;
    if (!name) {
        row_error(c, column, "缺少必填值");
        return;
    }
    *unit = find_index(c->b, PLAN_NAME_UNIT, name);
    if (*unit < 0)
        row_error(c, column, "不是计划中的考核单位");
}

/* 所属产业 and 细分领域 together: a sub-sector alone names its industry; the two must
 * agree; one of them is required. */
static void resolve_industry(row_check *c, any_record *record)
{
    const plan *p = c->b->plan;
    const table *t = c->b->table;
    int industry_column = builder_column_of_type(t, COLUMN_INDUSTRY);
    int subsector_column = builder_column_of_type(t, COLUMN_SUBSECTOR);
    if (industry_column < 0)
        return;
    int *industry = builder_field(record, t->columns[industry_column].field);
    int *subsector = builder_field(record, t->columns[subsector_column].field);
    char industry_buf[NAME_MAX_BYTES], subsector_buf[NAME_MAX_BYTES];
    const char *industry_name = name_in(c, industry_column, industry_buf);
    const char *subsector_name = name_in(c, subsector_column, subsector_buf);
    *industry = *subsector = -1;
    if (!industry_name && !subsector_name) {
        row_error(c, industry_column, "缺少必填值");
        return;
    }
    if (industry_name) {
        *industry = find_index(c->b, PLAN_NAME_INDUSTRY, industry_name);
        if (*industry < 0) {
            row_error(c, industry_column, "不是计划中的产业");
            return;
        }
    }
    if (!subsector_name)
        return;
    const plan_name *any = find_name(c->b, PLAN_NAME_SUBSECTOR, -1, subsector_name);
    int owner = any ? any->index : -1;
    int found = any ? any->subindex : -1;
    if (*industry >= 0) {
        const plan_name *in = (size_t)*industry < p->industry_count
                                  ? find_name(c->b, PLAN_NAME_SUBSECTOR, *industry, subsector_name)
                                  : NULL;
        *subsector = in ? in->subindex : -1;
        if (*subsector >= 0)
            return;
        if (found >= 0) {
            char reason[512];
            snprintf(reason, sizeof reason, "不属于所属产业“%s”", p->industries[*industry].name);
            row_error(c, subsector_column, reason);
            return;
        }
    } else if (found >= 0) {
        *industry = owner;
        *subsector = found;
        return;
    }
    row_error(c, subsector_column, "不是计划中的细分领域");
}

/* ---- row metadata ---- */

static void read_metadata(row_check *c, row_metadata *m)
{
    builder *b = c->b;
    const table *t = b->table;
    m->office_index = -1;
    int period_column = builder_column_of_type(t, COLUMN_PERIOD);
    int office_column = builder_column_of_type(t, COLUMN_OFFICE);
    int date_column = builder_column_of_type(t, COLUMN_DATE);
    const char *text = cell(c, period_column);
    value_status status;
    if (text && (status = value_period(text, &m->period)) != VALUE_EMPTY) {
        if (status == VALUE_OK) {
            m->has_period = true;
            m->period_text = builder_shown(b, text);
        } else {
            row_error(c, period_column, "不是有效报告期");
        }
    }
    char buf[NAME_MAX_BYTES];
    const char *office = name_in(c, office_column, buf);
    if (office) {
        m->office = arena_strdup(b->scratch, office);
        m->office_text = builder_shown(b, cell(c, office_column));
        m->office_index = find_index(b, PLAN_NAME_OFFICE, office);
    }
    text = cell(c, date_column);
    if (text && (status = value_date(text, &m->sent)) != VALUE_EMPTY) {
        if (status == VALUE_OK)
            m->sent_text = builder_shown(b, text);
        else
            row_error(c, date_column, "不是有效日期");
    }
}

static bool same_cell(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The row's metadata: the last row's when it states the same, else read anew (and
 * remembered when read without a problem).  Returns its index in row_metadata. */
static size_t row_metadata_of(row_check *c)
{
    builder *b = c->b;
    const table *t = b->table;
    const char *cells[3] = {cell(c, builder_column_of_type(t, COLUMN_PERIOD)),
                            cell(c, builder_column_of_type(t, COLUMN_OFFICE)),
                            cell(c, builder_column_of_type(t, COLUMN_DATE))};
    metadata_memo *memo = &b->state->metadata;
    if (memo->valid && same_cell(cells[0], memo->cells[0]) && same_cell(cells[1], memo->cells[1]) &&
        same_cell(cells[2], memo->cells[2]))
        return memo->index;
    bool failed = c->failed;
    c->failed = false;
    row_metadata *m = vec_push(&b->row_metadata);
    read_metadata(c, m);
    builder_learn_metadata(b, m);
    memo->valid = !c->failed;
    c->failed |= failed;
    memo->index = b->row_metadata.count - 1;
    for (size_t i = 0; i < 3 && memo->valid; i++)
        memo->cells[i] = cells[i] ? arena_strdup(b->scratch, cells[i]) : NULL;
    return memo->index;
}

/* ---- keys ---- */

static void check_key(row_check *c, const any_record *record)
{
    builder *b = c->b;
    const char *key = NULL;
    int column = 0;
    const char *what = "";
    long first = 0;
    if (b->kind == KIND_PROJECTS && record->project.code) {
        /* the code is interned: the store marks it, in the slot it has anyway */
        first = store_seen(b->store, b->pass, record->project.code, c->row->line);
        column = table_column_named(b->table, "项目编号");
    } else if (b->kind == KIND_PROGRESS && record->progress.unit >= 0 &&
               record->progress.industry >= 0) {
        const progress_record *r = &record->progress;
        key = arena_printf(b->scratch, "G|%d|%d|%d", r->unit, r->industry, r->subsector);
        column = table_column_named(b->table, "单位");
        what = "（单位、所属产业、细分领域均相同）";
        if (r->subsector >= 0)
            keyset_add(&b->state->breakdowns, b->scratch,
                       arena_printf(b->scratch, "%d|%d", r->unit, r->industry), c->row->line);
    } else if (b->kind == KIND_ASSESSMENT && record->assessment.unit >= 0) {
        key = arena_printf(b->scratch, "A|%d", record->assessment.unit);
        column = table_column_named(b->table, "单位");
    }
    if (key)
        first = keyset_add(&b->state->records, b->scratch, key, c->row->line);
    if (first) {
        char reason[256];
        snprintf(reason, sizeof reason, "与第%ld行重复%s", first, what);
        row_error(c, column, reason);
    }
}

/* ---- warnings ---- */

static void warn_month_above_ytd(row_check *c, const char *month_column, money month,
                                 const char *ytd_column, money ytd)
{
    if (month <= ytd)
        return;
    int ytd_index = table_column_named(c->b->table, ytd_column);
    char reason[512];
    const char *ytd_text = builder_shown(c->b, cell(c, ytd_index));
    snprintf(reason, sizeof reason, "大于%s“%s”", ytd_column, ytd_text ? ytd_text : "");
    row_warning(c, table_column_named(c->b->table, month_column), reason);
}

static void warn_project(row_check *c, const project_record *r)
{
    if (r->has_month_investment)
        warn_month_above_ytd(c, "本月完成投资", r->month_investment, "累计完成投资",
                             r->ytd_investment);
    if ((__int128)r->ytd_investment * 2 > (__int128)r->annual_plan * 3) {
        char reason[512];
        const char *plan_text = builder_shown(c->b, cell(c, table_column_named(c->b->table, "年度计划投资")));
        snprintf(reason, sizeof reason, "超过年度计划投资“%s”的150%%", plan_text ? plan_text : "");
        row_warning(c, table_column_named(c->b->table, "累计完成投资"), reason);
    }
}

static void warn_progress(row_check *c, const progress_record *r)
{
    if (r->has_month_output)
        warn_month_above_ytd(c, "本月产值", r->month_output, "累计产值", r->ytd_output);
    money now = r->ytd_value_added, before = r->prior_ytd_value_added;
    if (before <= 0)
        return;
    bool high = (__int128)now > (__int128)before * 2;
    bool low = (__int128)now * 2 < (__int128)before;
    if (!high && !low)
        return;
    fraction growth = fraction_make(((__int128)now - before) * 100, before);
    char percent[48], reason[512];
    const char *before_text =
        builder_shown(c->b, cell(c, table_column_named(c->b->table, "上年同期累计增加值")));
    if (high)
        fraction_format(growth, 1, percent);
    else
        fraction_format(fraction_sub(fraction_from_int(0), growth), 1, percent);
    snprintf(reason, sizeof reason, "比上年同期“%s”%s%s%%，超过%s", before_text ? before_text : "",
             high ? "增长" : "下降", percent, high ? "100%" : "50%");
    row_warning(c, table_column_named(c->b->table, "累计增加值"), reason);
}

/* ---- rows ---- */

static bool blank(const char *text)
{
    const char *start;
    size_t length;
    return !text || value_text(text, &start, &length) == VALUE_EMPTY;
}

static bool row_is_empty(const builder *b, const builder_row *row)
{
    if (row->unnamed_value)
        return false;
    size_t count = b->table ? b->table->count : TABLE_MAX_COLUMNS;
    for (size_t i = 0; i < count; i++)
        if (!blank(row->cells[i]) && !(b->table && b->table->columns[i].type == COLUMN_IGNORED))
            return false;
    return true;
}

static void init_record(record_kind kind, any_record *record)
{
    memset(record, 0, sizeof *record);
    if (kind == KIND_PROJECTS)
        record->project.industry = record->project.subsector = record->project.unit = -1;
    else if (kind == KIND_PROGRESS)
        record->progress.industry = record->progress.subsector = record->progress.unit = -1;
    else if (kind == KIND_ASSESSMENT)
        record->assessment.unit = -1;
}

void builder_count_row(builder *b)
{
    b->read++;
}

void builder_reject_row(builder *b, long line, const char *value, const char *reason)
{
    b->read++;
    builder_row_message(b, PHASE_READ, DIAG_ERROR, line, NULL, builder_shown(b, value), reason);
}

void builder_add_row(builder *b, const builder_row *row)
{
    if (row_is_empty(b, row))
        return;
    b->read++;
    if (b->rejected_reason || !b->table || builder_doomed(b))
        return; /* counted as rejected with the file */
    row_check c = {b, row, false, false};
    any_record record;
    init_record(b->kind, &record);
    size_t metadata = row_metadata_of(&c);
    parse_values(&c, &record);
    resolve_unit(&c, &record);
    resolve_industry(&c, &record);
    check_key(&c, &record);
    if (row->reader_error)
        row_error(&c, row->reader_error_column, row->reader_error);
    if (c.failed) {
        b->rejected++;
        return;
    }
    if (row->unnamed_value) {
        char reason[128];
        snprintf(reason, sizeof reason, "在没有列名的第%zu列，未读入", row->unnamed_position);
        builder_row_message(b, PHASE_READ, DIAG_WARNING, row->line, NULL,
                            builder_shown(b, row->unnamed_value), reason);
        c.warned = true;
    }
    if (b->kind == KIND_PROJECTS)
        warn_project(&c, &record.project);
    else if (b->kind == KIND_PROGRESS)
        warn_progress(&c, &record.progress);
    builder_take_row(b, row->line, metadata, c.warned, &record);
}

void builder_add_total(builder *b, const builder_row *row)
{
    if (b->rejected_reason || !b->table || builder_doomed(b))
        return;
    for (size_t i = 0; i < b->table->count; i++) {
        const char *text = row->cells[i];
        money amount;
        if (b->table->columns[i].type != COLUMN_AMOUNT || !text ||
            value_amount(text, b->units[i], &amount) != VALUE_OK)
            continue;
        total_cell *t = vec_push(&b->totals);
        *t = (total_cell){row->line, (int)i, amount, builder_shown(b, text)};
    }
}

