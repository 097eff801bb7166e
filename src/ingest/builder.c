/*
 * builder.c: rows of named cells → checked records (see builder.h).  Values are parsed
 * by the column table's types; names, keys and warnings need more than one column and
 * are checked here in code.  Records stay pending until the end of the file, when the
 * file's office and period are settled and the cross-row checks are made.
 */
#include "ingest/builder.h"

#include "ingest/keyset.h"
#include "ingest/value.h"
#include "model/fraction.h"
#include "model/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 256
#define SHOWN_MAX_BYTES 120

typedef union any_record {
    project_record project;
    progress_record progress;
    assessment_record assessment;
    quarterly_record quarterly;
} any_record;

typedef struct pending_row {
    any_record record;
    long line;
    size_t metadata; /* index into the builder's row_metadata */
    bool rejected, warned;
} pending_row;

/* What a row says about the file: its own 报告期, 报送单位 and 填报日期. */
typedef struct row_metadata {
    long line;
    bool has_period;
    period period;
    const char *period_text;
    const char *office;      /* squeezed, or NULL */
    const char *office_text; /* as written */
    int office_index;
    date sent;
    const char *sent_text;
} row_metadata;

/* One amount of a 合计/总计 row. */
typedef struct total_cell {
    long line;
    int column;
    money amount;
    const char *shown; /* as written */
} total_cell;

/* The largest difference between a 合计 and the sum of its rows that is not reported. */
#define TOTAL_TOLERANCE (YUAN_PER_WAN / 2)

struct builder_keys {
    keyset records;    /* the key of every row whose key could be read */
    keyset breakdowns; /* progress: unit|industry broken down by sub-sector */
};

/* The checks of one row in progress. */
typedef struct row_check {
    builder *b;
    const builder_row *row;
    bool failed, warned;
} row_check;

void builder_begin(builder *b, const plan *p, store *s, arena *scratch, int file,
                   const char *path)
{
    memset(b, 0, sizeof *b);
    b->plan = p;
    b->store = s;
    b->scratch = scratch;
    b->file = file;
    b->path = arena_strdup(scratch, path);
    diag_init(&b->file_diags, scratch);
    diag_init(&b->row_diags, scratch);
    vec_init(&b->rows, sizeof(pending_row));
    vec_init(&b->row_metadata, sizeof(row_metadata));
    vec_init(&b->totals, sizeof(total_cell));
    b->keys = arena_alloc(scratch, sizeof *b->keys);
    for (size_t i = 0; i < TABLE_MAX_COLUMNS; i++)
        b->column_positions[i] = -1;
    keyset_init(&b->keys->records);
    keyset_init(&b->keys->breakdowns);
}

void builder_set_kind(builder *b, record_kind kind, int64_t default_unit)
{
    b->kind = kind;
    b->table = table_for(kind);
    for (size_t i = 0; i < TABLE_MAX_COLUMNS; i++)
        b->units[i] = default_unit;
}

void builder_set_unit(builder *b, int column, int64_t yuan_per_unit)
{
    if (column >= 0 && column < TABLE_MAX_COLUMNS)
        b->units[column] = yuan_per_unit;
}

void builder_file_error(builder *b, long line, const char *column, const char *value,
                        const char *reason)
{
    diag_add(&b->file_diags, DIAG_ERROR, b->path, line, column, value, reason);
}

void builder_file_note(builder *b, long line, const char *column, const char *value,
                       const char *reason)
{
    diag_add(&b->file_diags, DIAG_NOTE, b->path, line, column, value, reason);
}

void builder_reject_file(builder *b, long line, const char *reason)
{
    if (b->rejected_reason)
        return;
    b->rejected_reason = arena_strdup(b->scratch, reason);
    b->rejected_line = line; /* the message is added by builder_end, with the row count */
}

/* ---- messages ---- */

/* The value as written, trimmed and cut to a readable length; NULL when empty. */
static const char *shown(builder *b, const char *text)
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

static const char *column_name(const builder *b, int column)
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
    diag_add(&b->row_diags, DIAG_ERROR, b->path, c->row->line,
             column >= 0 ? column_name(b, column) : NULL, shown(b, cell(c, column)), reason);
    c->failed = true;
}

static void row_warning(row_check *c, int column, const char *reason)
{
    builder *b = c->b;
    diag_add(&b->row_diags, DIAG_WARNING, b->path, c->row->line,
             column >= 0 ? column_name(b, column) : NULL, shown(b, cell(c, column)), reason);
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
    default: return "无法读取";
    }
}

/* ---- values ---- */

static void *field_at(any_record *record, size_t offset)
{
    return (char *)record + offset;
}

/* Parses one cell by its column's type into the record; returns its status. */
static value_status parse_value(row_check *c, int column, any_record *record)
{
    builder *b = c->b;
    const table_column *spec = &b->table->columns[column];
    const char *text = cell(c, column) ? cell(c, column) : "";
    void *field = spec->field != TABLE_NO_FIELD ? field_at(record, spec->field) : NULL;
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
            *(const char **)field = arena_strdup(b->store->memory, name);
        break;
    }
    case COLUMN_TEXT: {
        const char *start;
        size_t length;
        status = value_text(text, &start, &length);
        if (status == VALUE_OK)
            *(const char **)field = arena_strndup(b->store->memory, start, length);
        break;
    }
    default:
        return VALUE_OK; /* names and metadata are read elsewhere */
    }
    if (status == VALUE_OK && spec->given != TABLE_NO_FIELD)
        *(bool *)field_at(record, spec->given) = true;
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

static int column_of_type(const table *t, column_type type)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->columns[i].type == type)
            return (int)i;
    return -1;
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
    int column = column_of_type(t, COLUMN_UNIT);
    if (column < 0)
        return;
    int *unit = field_at(record, t->columns[column].field);
    char buf[NAME_MAX_BYTES];
    const char *name = name_in(c, column, buf);
    *unit = -1;
    if (!name) {
        row_error(c, column, "缺少必填值");
        return;
    }
    *unit = plan_find_unit(c->b->plan, name);
    if (*unit < 0)
        row_error(c, column, "不是计划中的考核单位");
}

/* 所属产业 and 细分领域 together: a sub-sector alone names its industry; the two must
 * agree; one of them is required. */
static void resolve_industry(row_check *c, any_record *record)
{
    const plan *p = c->b->plan;
    const table *t = c->b->table;
    int industry_column = column_of_type(t, COLUMN_INDUSTRY);
    int subsector_column = column_of_type(t, COLUMN_SUBSECTOR);
    if (industry_column < 0)
        return;
    int *industry = field_at(record, t->columns[industry_column].field);
    int *subsector = field_at(record, t->columns[subsector_column].field);
    char industry_buf[NAME_MAX_BYTES], subsector_buf[NAME_MAX_BYTES];
    const char *industry_name = name_in(c, industry_column, industry_buf);
    const char *subsector_name = name_in(c, subsector_column, subsector_buf);
    *industry = *subsector = -1;
    if (!industry_name && !subsector_name) {
        row_error(c, industry_column, "缺少必填值");
        return;
    }
    if (industry_name) {
        *industry = plan_find_industry(p, industry_name);
        if (*industry < 0) {
            row_error(c, industry_column, "不是计划中的产业");
            return;
        }
    }
    if (!subsector_name)
        return;
    int owner = -1;
    int found = plan_find_subsector(p, subsector_name, &owner);
    if (*industry >= 0) {
        *subsector = plan_find_subsector_in(p, *industry, subsector_name);
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
    m->line = c->row->line;
    m->office_index = -1;
    int period_column = column_of_type(t, COLUMN_PERIOD);
    int office_column = column_of_type(t, COLUMN_OFFICE);
    int date_column = column_of_type(t, COLUMN_DATE);
    const char *text = cell(c, period_column);
    value_status status;
    if (text && (status = value_period(text, &m->period)) != VALUE_EMPTY) {
        if (status == VALUE_OK) {
            m->has_period = true;
            m->period_text = shown(b, text);
        } else {
            row_error(c, period_column, "不是有效报告期");
        }
    }
    char buf[NAME_MAX_BYTES];
    const char *office = name_in(c, office_column, buf);
    if (office) {
        m->office = arena_strdup(b->scratch, office);
        m->office_text = shown(b, cell(c, office_column));
        m->office_index = plan_find_office(b->plan, office);
    }
    text = cell(c, date_column);
    if (text && (status = value_date(text, &m->sent)) != VALUE_EMPTY) {
        if (status == VALUE_OK)
            m->sent_text = shown(b, text);
        else
            row_error(c, date_column, "不是有效日期");
    }
}

/* ---- keys ---- */

static void check_key(row_check *c, const any_record *record)
{
    builder *b = c->b;
    const char *key = NULL;
    int column = 0;
    const char *what = "";
    if (b->kind == KIND_PROJECTS && record->project.code) {
        key = arena_printf(b->scratch, "P|%s", record->project.code);
        column = table_column_named(b->table, "项目编号");
    } else if (b->kind == KIND_PROGRESS && record->progress.unit >= 0 &&
               record->progress.industry >= 0) {
        const progress_record *r = &record->progress;
        key = arena_printf(b->scratch, "G|%d|%d|%d", r->unit, r->industry, r->subsector);
        column = table_column_named(b->table, "单位");
        what = "（单位、所属产业、细分领域均相同）";
        if (r->subsector >= 0)
            keyset_add(&b->keys->breakdowns, b->scratch,
                       arena_printf(b->scratch, "%d|%d", r->unit, r->industry), c->row->line);
    } else if (b->kind == KIND_ASSESSMENT && record->assessment.unit >= 0) {
        key = arena_printf(b->scratch, "A|%d", record->assessment.unit);
        column = table_column_named(b->table, "单位");
    }
    if (!key)
        return;
    long first = keyset_add(&b->keys->records, b->scratch, key, c->row->line);
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
    const char *ytd_text = shown(c->b, cell(c, ytd_index));
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
        const char *plan_text = shown(c->b, cell(c, table_column_named(c->b->table, "年度计划投资")));
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
        shown(c->b, cell(c, table_column_named(c->b->table, "上年同期累计增加值")));
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
    diag_add(&b->row_diags, DIAG_ERROR, b->path, line, NULL, shown(b, value), reason);
}

void builder_add_row(builder *b, const builder_row *row)
{
    if (row_is_empty(b, row))
        return;
    b->read++;
    if (b->rejected_reason || !b->table)
        return; /* counted as rejected with the file */
    row_check c = {b, row, false, false};
    pending_row pending = {.line = row->line};
    init_record(b->kind, &pending.record);
    row_metadata *m = vec_push(&b->row_metadata);
    read_metadata(&c, m);
    pending.metadata = b->row_metadata.count - 1;
    parse_values(&c, &pending.record);
    resolve_unit(&c, &pending.record);
    resolve_industry(&c, &pending.record);
    check_key(&c, &pending.record);
    if (row->reader_error)
        row_error(&c, row->reader_error_column, row->reader_error);
    if (c.failed) {
        b->rejected++;
        return;
    }
    if (row->unnamed_value) {
        char reason[128];
        snprintf(reason, sizeof reason, "在没有列名的第%zu列，未读入", row->unnamed_position);
        diag_add(&b->row_diags, DIAG_WARNING, b->path, row->line, NULL,
                 shown(b, row->unnamed_value), reason);
        c.warned = true;
    }
    if (b->kind == KIND_PROJECTS)
        warn_project(&c, &pending.record.project);
    else if (b->kind == KIND_PROGRESS)
        warn_progress(&c, &pending.record.progress);
    pending.warned = c.warned;
    *(pending_row *)vec_push(&b->rows) = pending;
}

void builder_add_total(builder *b, const builder_row *row)
{
    if (b->rejected_reason || !b->table)
        return;
    for (size_t i = 0; i < b->table->count; i++) {
        const char *text = row->cells[i];
        money amount;
        if (b->table->columns[i].type != COLUMN_AMOUNT || !text ||
            value_amount(text, b->units[i], &amount) != VALUE_OK)
            continue;
        total_cell *t = vec_push(&b->totals);
        *t = (total_cell){row->line, (int)i, amount, shown(b, text)};
    }
}

/* ---- the end of the file ---- */

/* The file's office, period and date sent: the first row that states one, else what the
 * file states outside its rows (XML root, folder name). */
typedef struct settled {
    bool has_period;
    period period;
    const char *office; /* squeezed */
    int office_index;
    date sent;
} settled;

static void settle(builder *b, settled *s)
{
    memset(s, 0, sizeof *s);
    s->office_index = -1;
    for (size_t i = 0; i < b->row_metadata.count; i++) {
        const row_metadata *m = vec_at(&b->row_metadata, i);
        if (!s->has_period && m->has_period) {
            s->has_period = true;
            s->period = m->period;
        }
        if (!s->office && m->office) {
            s->office = m->office;
            s->office_index = m->office_index;
        }
        if (!s->sent && m->sent)
            s->sent = m->sent;
    }
    if (!s->has_period && b->stated.has_period) {
        s->has_period = true;
        s->period = b->stated.period;
    }
    char buf[NAME_MAX_BYTES];
    if (!s->office && b->stated.office && value_name(b->stated.office, buf, sizeof buf) == VALUE_OK) {
        s->office = arena_strdup(b->scratch, buf);
        s->office_index = plan_find_office(b->plan, buf);
    }
    if (!s->sent)
        s->sent = b->stated.sent;
}

/* Who may send what: an office of the plan, a kind the plan has it send, dated no later
 * than today. */
static void check_sender(builder *b, const settled *s)
{
    char reason[512], text[16];
    if (s->office_index < 0) {
        snprintf(reason, sizeof reason, "报送单位“%s”不是计划中的报送单位", s->office);
        builder_reject_file(b, 0, reason);
        return;
    }
    const plan_office *office = &b->plan->offices[s->office_index];
    unsigned bit = b->kind == KIND_PROJECTS   ? KIND_BIT_PROJECTS
                 : b->kind == KIND_PROGRESS   ? KIND_BIT_PROGRESS
                 : b->kind == KIND_ASSESSMENT ? KIND_BIT_ASSESSMENT
                                              : KIND_BIT_QUARTERLY;
    if (!(office->kinds & bit)) {
        snprintf(reason, sizeof reason, "按计划，“%s”不报送%s报表", office->name,
                 record_kind_name(b->kind));
        builder_reject_file(b, 0, reason);
    } else if (b->today && s->sent > b->today) {
        snprintf(reason, sizeof reason, "填报日期%s晚于今天", date_format(s->sent, text));
        builder_reject_file(b, 0, arena_printf(b->scratch, "%s（%s），不可能", reason,
                                               date_format(b->today, text)));
    }
}

static void check_file_metadata(builder *b, const settled *s)
{
    if (b->rejected_reason)
        return;
    if (!b->table)
        builder_reject_file(b, 0, "无法判断文件类型");
    else if (!s->office && !s->has_period)
        builder_reject_file(b, 0, "未说明报送单位和报告期");
    else if (!s->office)
        builder_reject_file(b, 0, "未说明报送单位（没有“报送单位”列，也没有XML根属性office）");
    else if (!s->has_period)
        builder_reject_file(b, 0, "未说明报告期（没有“报告期”列、XML根属性period，"
                                  "也不在形如2015-09或2015-Q3的文件夹中）");
    else if (s->period.quarter && b->kind != KIND_QUARTERLY) {
        char text[16], reason[128];
        snprintf(reason, sizeof reason, "报告期%s是季度，本类报表应按月填报",
                 period_format(s->period, text));
        builder_reject_file(b, 0, reason);
    } else {
        check_sender(b, s);
    }
}

static void reject_pending(builder *b, pending_row *r, diag_level level, const char *column,
                           const char *value, const char *reason)
{
    diag_add(&b->row_diags, level, b->path, r->line, column, value, reason);
    if (level == DIAG_WARNING)
        r->warned = true;
    else
        r->rejected = true;
}

static bool same_office(const row_metadata *m, const settled *s)
{
    if (m->office_index >= 0 || s->office_index >= 0)
        return m->office_index == s->office_index;
    return strcmp(m->office, s->office) == 0;
}

/* The industry a project or progress row is for, or -1 (other kinds: none). */
static int industry_of(const builder *b, const pending_row *r)
{
    return b->kind == KIND_PROJECTS ? r->record.project.industry
         : b->kind == KIND_PROGRESS ? r->record.progress.industry
                                    : -1;
}

/* A working group sends the rows of the industry it leads: a row for another industry
 * is rejected (it would enter that industry's figures behind its group's back). */
static void check_lead_industry(builder *b, const settled *s)
{
    const plan_office *office = &b->plan->offices[s->office_index];
    int column = table_column_named(b->table, "所属产业");
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        int industry = industry_of(b, r);
        if (r->rejected || industry < 0 || industry == office->industry)
            continue;
        char reason[512];
        if (office->industry < 0)
            snprintf(reason, sizeof reason, "属于产业“%s”，而报送单位“%s”不牵头任何产业",
                     b->plan->industries[industry].name, office->name);
        else
            snprintf(reason, sizeof reason, "属于产业“%s”，不是报送单位“%s”牵头的“%s”",
                     b->plan->industries[industry].name, office->name,
                     b->plan->industries[office->industry].name);
        reject_pending(b, r, DIAG_ERROR, column_name(b, column), NULL, reason);
    }
}

/* Rows whose own 报告期 or 报送单位 disagree with the file's are rejected; a 填报日期
 * that disagrees is a warning. */
static void check_row_metadata(builder *b, const settled *s)
{
    char text[16], reason[512];
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        const row_metadata *m = vec_at(&b->row_metadata, r->metadata);
        if (m->has_period && !period_equal(m->period, s->period)) {
            snprintf(reason, sizeof reason, "与本文件的报告期%s不一致", period_format(s->period, text));
            reject_pending(b, r, DIAG_ERROR, "报告期", m->period_text, reason);
        }
        if (m->office && !same_office(m, s)) {
            const char *name = s->office_index >= 0 ? b->plan->offices[s->office_index].name : s->office;
            snprintf(reason, sizeof reason, "与本文件的报送单位“%s”不一致", name);
            reject_pending(b, r, DIAG_ERROR, "报送单位", m->office_text, reason);
        }
        if (m->sent && b->today && m->sent > b->today) {
            snprintf(reason, sizeof reason, "晚于今天（%s），不可能", date_format(b->today, text));
            reject_pending(b, r, DIAG_ERROR, "填报日期", m->sent_text, reason);
        }
        if (m->sent && m->sent != s->sent && !r->rejected) {
            snprintf(reason, sizeof reason, "与本文件的填报日期%s不一致", date_format(s->sent, text));
            reject_pending(b, r, DIAG_WARNING, "填报日期", m->sent_text, reason);
        }
    }
}

/* A progress row for a unit × industry as a whole is rejected where the file also
 * breaks that unit × industry down by sub-sector: it would be counted twice. */
static void check_breakdowns(builder *b)
{
    if (b->kind != KIND_PROGRESS)
        return;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        const progress_record *g = &r->record.progress;
        if (r->rejected || g->subsector >= 0)
            continue;
        char key[64], reason[256];
        snprintf(key, sizeof key, "%d|%d", g->unit, g->industry);
        long line = keyset_find(&b->keys->breakdowns, key);
        if (!line)
            continue;
        snprintf(reason, sizeof reason,
                 "为空（产业整体），而本文件第%ld行已按细分领域填报同一单位和产业，整体行不计入", line);
        reject_pending(b, r, DIAG_ERROR, "细分领域", NULL, reason);
    }
}

/* The sum of an amount column over the rows still accepted, and how many there are. */
static __int128 column_sum(builder *b, int column, long *rows)
{
    const table_column *spec = &b->table->columns[column];
    __int128 sum = 0;
    *rows = 0;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        if (r->rejected)
            continue;
        (*rows)++;
        if (spec->given == TABLE_NO_FIELD || *(bool *)field_at(&r->record, spec->given))
            sum += *(money *)field_at(&r->record, spec->field);
    }
    return sum;
}

/* Each amount of a 合计/总计 row against the sum of the accepted rows. */
static void check_totals(builder *b)
{
    for (size_t i = 0; i < b->totals.count; i++) {
        const total_cell *t = vec_at(&b->totals, i);
        long rows;
        __int128 sum = column_sum(b, t->column, &rows);
        __int128 difference = t->amount - sum;
        if (difference <= TOTAL_TOLERANCE && difference >= -TOTAL_TOLERANCE)
            continue;
        if (sum > INT64_MAX || sum < INT64_MIN || difference > INT64_MAX || difference < -INT64_MAX)
            continue; /* sums beyond 9.2e18 元 were refused row by row already */
        char sum_text[32], difference_text[32];
        money_format_wan((money)sum, sum_text);
        money_format_wan((money)(difference < 0 ? -difference : difference), difference_text);
        diag_addf(&b->row_diags, DIAG_WARNING, b->path, t->line, column_name(b, t->column),
                  t->shown, "与本文件已接受的%ld行数据之和%s万元相差%s万元，以数据行为准", rows,
                  sum_text, difference_text);
    }
}

/* Whether the row's amounts still fit in the sums of its kind and period over every row
 * accepted so far in the run; a row that would overflow one is rejected here. */
static bool sums_fit(builder *b, pending_row *r, const settled *s)
{
    if (!b->sums)
        return true;
    int column = sums_add(b->sums, b->table, s->period, &r->record);
    if (column == SUMS_FIT)
        return true;
    char amount[32];
    money_format_wan(*(money *)field_at(&r->record, b->table->columns[column].field), amount);
    reject_pending(b, r, DIAG_ERROR, column_name(b, column), amount,
                   "与同一报告期已接受的数据累加后超出可表示的范围（约9.2×10¹⁴万元），未计入");
    return false;
}

static vec *records_of(store *s, record_kind kind)
{
    switch (kind) {
    case KIND_PROJECTS: return &s->projects;
    case KIND_PROGRESS: return &s->progress;
    case KIND_ASSESSMENT: return &s->assessments;
    default: return &s->quarterly;
    }
}

/* Every record type begins with origin, fate, warned and period (a common initial
 * sequence of the union's members), so they are set through one member. */
static void commit_record(builder *b, pending_row *r, const settled *s)
{
    project_record *head = &r->record.project;
    head->origin = (provenance){b->file, r->line};
    head->fate = FATE_ACCEPTED;
    head->warned = r->warned;
    head->period = b->kind == KIND_QUARTERLY ? period_quarter_of(s->period) : s->period;
    if (b->kind == KIND_QUARTERLY && !r->record.quarterly.unit)
        r->record.quarterly.unit = store_file(b->store, b->file)->office;
    vec *records = records_of(b->store, b->kind);
    memcpy(vec_push(records), &r->record, records->item_size);
}

/* Row messages in line order (stable), after the file's own messages. */
typedef struct ordered_diag {
    const diagnostic *d;
    size_t index;
} ordered_diag;

static int compare_ordered(const void *x, const void *y)
{
    const ordered_diag *a = x, *b = y;
    if (a->d->line != b->d->line)
        return a->d->line < b->d->line ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* A sheet's cell as Excel names it: H14 for a column's cell, 14:14 for a row. */
static const char *cell_reference(const builder *b, const diagnostic *d)
{
    if (!b->cell_references || d->line <= 0)
        return NULL;
    int column = d->column && b->table ? table_column_named(b->table, d->column) : -1;
    int position = column >= 0 ? b->column_positions[column] : -1;
    if (position < 0)
        return arena_printf(b->scratch, "%ld:%ld", d->line, d->line);
    char letters[8];
    size_t n = 0;
    for (unsigned long p = (unsigned long)position + 1; p > 0 && n < sizeof letters; p = (p - 1) / 26)
        letters[n++] = (char)('A' + (p - 1) % 26);
    char *text = arena_printf(b->scratch, "%.*s%ld", (int)n, letters, d->line);
    for (size_t i = 0; i < n / 2; i++) {
        char t = text[i];
        text[i] = text[n - 1 - i];
        text[n - 1 - i] = t;
    }
    return text;
}

static void copy_diag(const builder *b, diag_list *to, const diagnostic *d)
{
    diag_add_cell(to, d->level, d->file, d->line, cell_reference(b, d), d->column, d->value,
                  d->reason);
}

static void commit_diags(builder *b, bool with_rows)
{
    diag_list *to = &b->store->diags;
    for (size_t i = 0; i < b->file_diags.items.count; i++)
        copy_diag(b, to, diag_at(&b->file_diags, i));
    size_t n = with_rows ? b->row_diags.items.count : 0;
    if (n == 0)
        return;
    ordered_diag *order = malloc(n * sizeof *order);
    if (!order)
        die_oom();
    for (size_t i = 0; i < n; i++)
        order[i] = (ordered_diag){diag_at(&b->row_diags, i), i};
    qsort(order, n, sizeof *order, compare_ordered);
    for (size_t i = 0; i < n; i++)
        copy_diag(b, to, order[i].d);
    free(order);
}

static void fill_file(builder *b, const settled *s)
{
    submission_file *f = store_file(b->store, b->file);
    f->kind = b->kind;
    f->has_period = s->has_period;
    f->period = s->period;
    f->sent = s->sent;
    f->office_index = s->office_index;
    if (s->office_index >= 0)
        f->office = b->plan->offices[s->office_index].name;
    else if (s->office)
        f->office = arena_strdup(b->store->memory, s->office);
}

static void release(builder *b)
{
    vec_free(&b->rows);
    vec_free(&b->row_metadata);
    vec_free(&b->totals);
    keyset_free(&b->keys->records);
    keyset_free(&b->keys->breakdowns);
    diag_free(&b->file_diags);
    diag_free(&b->row_diags);
}

/* Emits the whole-file rejection with the count of rows it takes along. */
static void finish_rejected_file(builder *b, submission_file *f)
{
    f->rejected_whole = true;
    f->rows = (row_counts){.read = b->read, .rejected = b->read};
    if (b->read > 0)
        diag_addf(&b->file_diags, DIAG_ERROR, b->path, b->rejected_line, NULL, NULL,
                  "%s，本文件%ld行数据均未计入", b->rejected_reason, b->read);
    else
        builder_file_error(b, b->rejected_line, NULL, NULL, b->rejected_reason);
}

void builder_end(builder *b, bool readable)
{
    submission_file *f = store_file(b->store, b->file);
    if (!readable) {
        f->kind = b->kind;
        f->rejected_whole = true;
        f->rows = (row_counts){0};
        commit_diags(b, false);
        release(b);
        return;
    }
    settled s;
    settle(b, &s);
    check_file_metadata(b, &s);
    fill_file(b, &s);
    if (b->rejected_reason) {
        finish_rejected_file(b, f);
        commit_diags(b, false);
        release(b);
        return;
    }
    check_row_metadata(b, &s);
    check_lead_industry(b, &s);
    check_breakdowns(b);
    check_totals(b);
    long accepted = 0, warned = 0;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        if (r->rejected || !sums_fit(b, r, &s))
            continue;
        commit_record(b, r, &s);
        accepted++;
        warned += r->warned;
    }
    f->rows = (row_counts){.read = b->read, .accepted = accepted, .warned = warned,
                           .rejected = b->read - accepted};
    commit_diags(b, true);
    release(b);
}
