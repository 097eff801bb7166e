/*
 * forms.c: the forms of `bulletin forms` (see forms.h).  Each kind's layout is a list of
 * columns named by their canonical names in the kind's table (model/columns.h), which
 * also gives each column's type: the type decides the check on the cells to fill (a
 * drop-down list of the plan's names, a non-negative number) and how a pre-filled value
 * is read from a record (by the table's field offsets).  The header is written so that
 * the reader maps every heading back to its column; the reference column 上月累计完成投资
 * is a column of the table that the reader ignores, like 序号.
 */
#include "report/forms.h"

#include "model/columns.h"
#include "model/buffer.h"
#include "report/xlsxout.h"

#include <stdio.h>
#include <string.h>

typedef struct form_column {
    const char *canonical; /* the column of the kind's table */
    const char *group;     /* the label over it in the header's first row, or NULL */
    const char *heading;   /* as the header writes it; NULL: the canonical name */
    bool cumulative;       /* the heading starts with the months: 1-10月累计完成投资 */
    bool prefill;          /* filled from the record of a pre-filled row */
    bool identity;         /* locked on a pre-filled row */
    const char *reference; /* shown from this column of the record, locked, never read */
    const char *choices;   /* '|'-separated drop-down list of a text column, or NULL */
    double width;
} form_column;

typedef struct form_layout {
    record_kind kind;
    const char *annex;  /* the first row: "附件2", or NULL */
    const char *title;  /* after the year */
    const char *name;   /* in the file name */
    bool amounts;       /* 单位：万元 and a 合计 row */
    int blank_rows;     /* empty rows for what is new (-1: one for each of the plan's units) */
    const form_column *columns;
    size_t count;
} form_layout;

#define INVESTMENT "投资情况（万元）"
static const form_column project_columns[] = {
    {"序号", NULL, NULL, false, false, true, NULL, NULL, 5},
    {"项目编号", NULL, NULL, false, true, true, NULL, NULL, 13},
    {"项目名称", NULL, NULL, false, true, true, NULL, NULL, 34},
    {"所属产业", NULL, NULL, false, true, false, NULL, NULL, 16},
    {"细分领域", NULL, NULL, false, true, false, NULL, NULL, 11},
    {"建设地点", NULL, NULL, false, true, false, NULL, NULL, 11},
    {"建设单位", NULL, NULL, false, true, false, NULL, NULL, 26},
    {"是否战略性新兴产业", NULL, NULL, false, true, false, NULL, NULL, 10},
    {"是否当年招引", NULL, NULL, false, true, false, NULL, NULL, 8},
    {"总投资", INVESTMENT, NULL, false, true, false, NULL, NULL, 11},
    {"年度计划投资", INVESTMENT, NULL, false, true, false, NULL, NULL, 11},
    {"上月累计完成投资", INVESTMENT, "上月累计完成投资（参考）", false, false, true,
     "累计完成投资", NULL, 13},
    {"本月完成投资", INVESTMENT, NULL, false, false, false, NULL, NULL, 11},
    {"累计完成投资", INVESTMENT, "累计完成投资", true, false, false, NULL, NULL, 13},
    {"项目状态", NULL, NULL, false, false, false, NULL, NULL, 10},
    {"存在问题", NULL, NULL, false, false, false, NULL, NULL, 30},
};

static const form_column progress_columns[] = {
    {"序号", NULL, NULL, false, false, true, NULL, NULL, 5},
    {"单位", NULL, NULL, false, true, true, NULL, NULL, 11},
    {"所属产业", NULL, NULL, false, true, true, NULL, NULL, 16},
    {"细分领域", NULL, NULL, false, true, true, NULL, NULL, 11},
    {"本月产值", "产值（万元）", "本月", false, false, false, NULL, NULL, 12},
    {"累计产值", "产值（万元）", "累计", true, false, false, NULL, NULL, 12},
    {"上年同期累计产值", "产值（万元）", "上年同期累计", false, false, false, NULL, NULL, 13},
    {"累计增加值", "增加值（万元）", "累计", true, false, false, NULL, NULL, 12},
    {"上年同期累计增加值", "增加值（万元）", "上年同期累计", false, false, false, NULL, NULL, 13},
};

static const form_column assessment_columns[] = {
    {"序号", NULL, NULL, false, false, true, NULL, NULL, 5},
    {"单位", NULL, NULL, false, false, false, NULL, NULL, 11},
    {"新兴产业用地占比", NULL, "新兴产业用地占比（%）", false, false, false, NULL, NULL, 12},
    {"新增平台数", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"国家级平台认定数", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"省级平台认定数", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"龙头企业培育", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"年度实施计划", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"国家级专项资金项目数", NULL, NULL, false, false, false, NULL, NULL, 11},
    {"省级专项资金项目数", NULL, NULL, false, false, false, NULL, NULL, 11},
    {"国家级表彰数", NULL, NULL, false, false, false, NULL, NULL, 9},
    {"省级表彰数", NULL, NULL, false, false, false, NULL, NULL, 9},
};

static const form_column quarterly_columns[] = {
    {"序号", NULL, NULL, false, false, true, NULL, NULL, 5},
    {"单位", NULL, NULL, false, false, false, NULL, NULL, 16},
    {"事项", NULL, NULL, false, false, false, NULL, "政策完善整合|品牌建设|其他", 14},
    {"内容", NULL, NULL, false, false, false, NULL, NULL, 90},
};

#define LAYOUT(kind, annex, title, name, amounts, blank, columns)                         \
    {kind, annex, title, name, amounts, blank, columns, sizeof columns / sizeof columns[0]}

static const form_layout layouts[] = {
    LAYOUT(KIND_PROJECTS, "附件2", "新兴产业重点项目实施情况一览表", "附件2", true, 10,
           project_columns),
    LAYOUT(KIND_PROGRESS, "附件4", "新兴产业实施进度情况一览表", "附件4", true, 5,
           progress_columns),
    LAYOUT(KIND_ASSESSMENT, NULL, "新兴产业考核数据表", "考核数据", false, -1, assessment_columns),
    LAYOUT(KIND_QUARTERLY, NULL, "政策完善整合、品牌建设等工作情况表", "季度工作情况", false, 10,
           quarterly_columns),
};

static const form_layout *layout_for(record_kind kind)
{
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
        if (layouts[i].kind == kind)
            return &layouts[i];
    return NULL;
}

/* The office's name as a file name: a solidus (市发改局/产业科) becomes the full-width one
 * and a leading dot its full-width form, so that no name leaves the folder or hides. */
static const char *file_safe(const char *name, arena *a)
{
    buffer safe;
    buffer_init(&safe);
    for (const char *p = name; *p; p++) {
        if (*p == '/' || *p == '\\')
            buffer_puts(&safe, "／");
        else if (*p == '.' && p == name)
            buffer_puts(&safe, "．");
        else
            buffer_append(&safe, p, 1);
    }
    const char *copy = arena_strndup(a, safe.data ? safe.data : "", safe.length);
    buffer_free(&safe);
    return copy;
}

const char *forms_file_name(const form_request *r, arena *a)
{
    char name[16];
    return arena_printf(a, "%s-%s-%s.xlsx", file_safe(r->plan->offices[r->office].name, a),
                        layout_for(r->kind)->name, period_format(r->period, name));
}

/* "1-10月" (the months from January to the period), "1月" for January. */
static const char *months_of(period p, char *out, size_t size)
{
    if (p.month > 1)
        snprintf(out, size, "1-%d月", p.month);
    else
        snprintf(out, size, "1月");
    return out;
}

/* The period as the 报告期 of a form: "2015年1-10月", "2015年第四季度". */
static const char *period_words(period p, char *out, size_t size)
{
    static const char *const quarters[] = {"", "一", "二", "三", "四"};
    char months[16];
    if (p.quarter)
        snprintf(out, size, "%d年第%s季度", p.year, quarters[p.quarter]);
    else
        snprintf(out, size, "%d年%s", p.year, months_of(p, months, sizeof months));
    return out;
}

static const char *date_words(date d, char *out, size_t size)
{
    snprintf(out, size, "%d年%d月%d日", d / 10000, d / 100 % 100, d % 100);
    return out;
}

/* ---- the workbook ---- */

typedef struct form_book {
    const form_request *r;
    const form_layout *layout;
    const table *t;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *header, *locked, *locked_text, *locked_number, *open, *open_text,
        *open_number, *open_date, *total, *total_number, *guide_title, *guide;
    lxw_row_t first_data, last_data; /* the rows to fill (0-based, inclusive) */
    money sums[TABLE_MAX_COLUMNS];   /* of the amounts written, for the 合计 row */
} form_book;

static lxw_format *cell_format(lxw_workbook *wb, bool unlocked, const char *number_format,
                               uint32_t background)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (unlocked)
        format_set_unlocked(f);
    if (number_format)
        format_set_num_format(f, number_format);
    if (background)
        format_set_bg_color(f, background);
    return f;
}

enum { GREY = 0xEDEDED, HEADER_GREY = 0xD9D9D9 };

static void make_formats(form_book *b)
{
    lxw_workbook *wb = b->wb;
    b->title = workbook_add_format(wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 16);
    format_set_align(b->title, LXW_ALIGN_CENTER);
    b->header = cell_format(wb, false, NULL, HEADER_GREY);
    format_set_bold(b->header);
    format_set_text_wrap(b->header);
    format_set_align(b->header, LXW_ALIGN_CENTER);
    b->locked = cell_format(wb, false, NULL, GREY);
    b->locked_text = cell_format(wb, false, "@", GREY);
    b->locked_number = cell_format(wb, false, NULL, GREY);
    b->open = cell_format(wb, true, NULL, 0);
    b->open_text = cell_format(wb, true, "@", 0);
    b->open_number = cell_format(wb, true, NULL, 0);
    b->open_date = workbook_add_format(wb);
    format_set_unlocked(b->open_date);
    format_set_num_format(b->open_date, "yyyy\"年\"m\"月\"d\"日\"");
    format_set_bottom(b->open_date, LXW_BORDER_THIN);
    format_set_align(b->open_date, LXW_ALIGN_LEFT);
    b->total = cell_format(wb, false, NULL, GREY);
    format_set_bold(b->total);
    format_set_align(b->total, LXW_ALIGN_CENTER);
    b->total_number = cell_format(wb, false, NULL, GREY);
    format_set_bold(b->total_number);
    b->guide_title = workbook_add_format(wb);
    format_set_bold(b->guide_title);
    format_set_font_size(b->guide_title, 14);
    b->guide = workbook_add_format(wb);
    format_set_text_wrap(b->guide);
    format_set_align(b->guide, LXW_ALIGN_VERTICAL_TOP);
}

static const table_column *column_of(const form_book *b, size_t i)
{
    return &b->t->columns[table_column_named(b->t, b->layout->columns[i].canonical)];
}

static bool has_groups(const form_layout *layout)
{
    for (size_t i = 0; i < layout->count; i++)
        if (layout->columns[i].group)
            return true;
    return false;
}

static void write_span(lxw_worksheet *ws, lxw_row_t row, lxw_col_t first, lxw_col_t last,
                       const char *text, lxw_format *format)
{
    if (last > first)
        worksheet_merge_range(ws, row, first, row, last, text, format);
    else
        worksheet_write_string(ws, row, first, text, format);
}

/* 附件, title, 填报单位 and 填报日期, 报告期 and 单位; returns the next row. */
static lxw_row_t write_preamble(form_book *b)
{
    const form_request *r = b->r;
    lxw_worksheet *ws = b->ws;
    lxw_col_t last = (lxw_col_t)(b->layout->count - 1);
    lxw_row_t row = 0;
    char text[512], words[64];
    if (b->layout->annex)
        worksheet_write_string(ws, row++, 0, b->layout->annex, NULL);
    snprintf(text, sizeof text, "%d年%s", r->period.year, b->layout->title);
    worksheet_set_row(ws, row, 28, NULL);
    write_span(ws, row++, 0, last, text, b->title);
    snprintf(text, sizeof text, "填报单位（盖章）：%s", r->plan->offices[r->office].name);
    write_span(ws, row, 0, last - 2, text, NULL);
    worksheet_write_string(ws, row, last - 1, "填报日期：", NULL);
    worksheet_write_blank(ws, row++, last, b->open_date);
    snprintf(text, sizeof text, "报告期：%s", period_words(r->period, words, sizeof words));
    write_span(ws, row, 0, last - 2, text, NULL);
    if (b->layout->amounts)
        worksheet_write_string(ws, row, last, "单位：万元", NULL);
    return row + 1;
}

static const char *heading_of(const form_column *c, period p, char *out, size_t size)
{
    char months[16];
    const char *heading = c->heading ? c->heading : c->canonical;
    if (c->cumulative)
        snprintf(out, size, "%s%s", months_of(p, months, sizeof months), heading);
    else
        snprintf(out, size, "%s", heading);
    return out;
}

/* One or two header rows; a column with no group label spans both. */
static lxw_row_t write_header(form_book *b, lxw_row_t row)
{
    const form_layout *layout = b->layout;
    bool two = has_groups(layout);
    for (size_t i = 0; i < layout->count; i++) {
        const form_column *c = &layout->columns[i];
        char heading[128];
        heading_of(c, b->r->period, heading, sizeof heading);
        worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, c->width, NULL);
        if (!c->group) {
            if (two)
                worksheet_merge_range(b->ws, row, (lxw_col_t)i, row + 1, (lxw_col_t)i, heading,
                                      b->header);
            else
                worksheet_write_string(b->ws, row, (lxw_col_t)i, heading, b->header);
            continue;
        }
        size_t end = i;
        while (end + 1 < layout->count && layout->columns[end + 1].group &&
               strcmp(layout->columns[end + 1].group, c->group) == 0)
            end++;
        write_span(b->ws, row, (lxw_col_t)i, (lxw_col_t)end, c->group, b->header);
        for (size_t k = i; k <= end; k++)
            worksheet_write_string(b->ws, row + 1, (lxw_col_t)k,
                                   heading_of(&layout->columns[k], b->r->period, heading,
                                              sizeof heading),
                                   b->header);
        i = end;
    }
    worksheet_set_row(b->ws, row + (two ? 1 : 0), 45, NULL);
    return row + (two ? 2 : 1);
}

/* The value of a table column in a record, by the table's field offsets: text, or an
 * amount (*is_amount).  False when the record holds none. */
static bool record_value(const form_book *b, const table_column *tc, const void *record,
                         const char **text, money *amount, bool *is_amount)
{
    const plan *pl = b->r->plan;
    const char *base = record;
    *is_amount = false;
    *text = NULL;
    if (tc->field == TABLE_NO_FIELD)
        return false;
    const void *field = base + tc->field;
    int index = tc->type == COLUMN_UNIT || tc->type == COLUMN_INDUSTRY ||
                tc->type == COLUMN_SUBSECTOR ? *(const int *)field : -1;
    switch (tc->type) {
    case COLUMN_TEXT:
    case COLUMN_CODE:
        *text = *(const char *const *)field;
        break;
    case COLUMN_UNIT:
        *text = index >= 0 ? pl->units[index].name : NULL;
        break;
    case COLUMN_INDUSTRY:
        *text = index >= 0 ? pl->industries[index].name : NULL;
        break;
    case COLUMN_SUBSECTOR: {
        const table_column *industry = &b->t->columns[table_column_named(b->t, "所属产业")];
        int owner = *(const int *)(base + industry->field);
        *text = owner >= 0 && index >= 0 ? pl->industries[owner].subsectors[index].name : NULL;
        break;
    }
    case COLUMN_YES_NO:
        *text = *(const bool *)field ? "是" : "否";
        break;
    case COLUMN_AMOUNT:
        *amount = *(const money *)field;
        *is_amount = true;
        return true;
    default:
        return false;
    }
    return *text && (*text)[0];
}

static lxw_format *open_format(const form_book *b, column_type type)
{
    if (type == COLUMN_CODE)
        return b->open_text;
    if (type == COLUMN_AMOUNT || type == COLUMN_COUNT || type == COLUMN_PERCENT)
        return b->open_number;
    return b->open;
}

/* One row of the form: number is its 序号 (0: a blank row), record its pre-filled
 * values (NULL: none). */
static void write_row(form_book *b, lxw_row_t row, int number, const void *record)
{
    const form_layout *layout = b->layout;
    for (size_t i = 0; i < layout->count; i++) {
        const form_column *c = &layout->columns[i];
        const table_column *tc = column_of(b, i);
        lxw_col_t col = (lxw_col_t)i;
        if (tc->type == COLUMN_IGNORED && !c->reference) { /* 序号 */
            if (number > 0)
                worksheet_write_number(b->ws, row, col, number, b->locked);
            else
                worksheet_write_blank(b->ws, row, col, b->locked);
            continue;
        }
        bool locked = c->reference || (record && c->identity);
        const table_column *source = c->reference
            ? &b->t->columns[table_column_named(b->t, c->reference)] : tc;
        const char *text;
        money amount = 0;
        bool is_amount;
        bool filled = record && (c->prefill || c->reference) &&
                      record_value(b, source, record, &text, &amount, &is_amount);
        lxw_format *format = !locked ? open_format(b, source->type)
                           : source->type == COLUMN_CODE ? b->locked_text
                           : source->type == COLUMN_AMOUNT ? b->locked_number : b->locked;
        if (filled && is_amount) {
            worksheet_write_number(b->ws, row, col, (double)amount / 10000.0, format);
            if (money_add(&b->sums[i], amount) != 0)
                b->sums[i] = 0; /* beyond: the spreadsheet adds it up on opening */
        } else if (filled) {
            worksheet_write_string(b->ws, row, col, text, format);
        } else {
            worksheet_write_blank(b->ws, row, col, format);
        }
    }
}

/* The pre-filled rows, the records the office sent last; then the blank rows (not a row
 * with only its 单位 for the assessment: the reader would take it as a unit's zeros).
 * Returns the row after them. */
static lxw_row_t write_rows(form_book *b, lxw_row_t row)
{
    const form_request *r = b->r;
    b->first_data = row;
    int number = 1;
    for (size_t i = 0; i < r->row_count; i++)
        write_row(b, row++, number++, r->rows[i]);
    int blanks = b->layout->blank_rows < 0 ? (int)r->plan->unit_count : b->layout->blank_rows;
    for (int i = 0; i < blanks; i++)
        write_row(b, row++, 0, NULL);
    b->last_data = row - 1;
    return row;
}

/* 合计: a SUM over the rows to fill in every amount column, its value cached. */
static lxw_row_t write_totals(form_book *b, lxw_row_t row)
{
    if (!b->layout->amounts)
        return row;
    for (size_t i = 0; i < b->layout->count; i++) {
        const form_column *c = &b->layout->columns[i];
        lxw_col_t col = (lxw_col_t)i;
        if (i == 0) {
            worksheet_write_string(b->ws, row, col, "合计", b->total);
        } else if (column_of(b, i)->type == COLUMN_AMOUNT || c->reference) {
            char first[16], last[16], formula[48];
            lxw_rowcol_to_cell(first, b->first_data, col);
            lxw_rowcol_to_cell(last, b->last_data, col);
            snprintf(formula, sizeof formula, "=SUM(%s:%s)", first, last);
            worksheet_write_formula_num(b->ws, row, col, formula, b->total_number,
                                        (double)b->sums[i] / 10000.0);
        } else {
            worksheet_write_blank(b->ws, row, col, b->total);
        }
    }
    return row + 1;
}

static void contact_words(const plan *pl, char *out, size_t size)
{
    const plan_contact *c = &pl->contact;
    snprintf(out, size, "%s（联系人：%s，电话：%s%s%s）", c->unit, c->name, c->phone,
             c->fax ? "，传真：" : "", c->fax ? c->fax : "");
}

/* The value of a placeholder of templates/forms.xml (formwords.h) into out; false for
 * {last} when the office sent nothing before. */
static bool placeholder_value(const form_book *b, const char *name, size_t length, char *out,
                              size_t size)
{
    const form_request *r = b->r;
    period month = r->period.quarter ? period_last_month(r->period) : r->period;
#define IS(word) (length == strlen(word) && strncmp(name, word, length) == 0)
    if (IS("office"))
        snprintf(out, size, "%s", r->plan->offices[r->office].name);
    else if (IS("period"))
        period_words(r->period, out, size);
    else if (IS("month"))
        snprintf(out, size, "%d年%d月", month.year, month.month);
    else if (IS("months"))
        months_of(month, out, size);
    else if (IS("title"))
        snprintf(out, size, "%d年%s", r->period.year, b->layout->title);
    else if (IS("due"))
        date_words(r->due, out, size);
    else if (IS("contact"))
        contact_words(r->plan, out, size);
    else if (IS("last") && r->last.year)
        snprintf(out, size, "%d年%d月", r->last.year, r->last.month);
    else
        return false;
#undef IS
    return true;
}

/* A line of the wording with its placeholders filled in, into out (emptied first);
 * false when it cannot be (a {last} with nothing sent before). */
static bool fill_words(const form_book *b, const char *line, buffer *out)
{
    out->length = 0;
    buffer_puts(out, "");
    for (const char *p = line; *p;) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!close) {
            buffer_puts(out, p);
            break;
        }
        buffer_append(out, p, (size_t)(open - p));
        char value[512];
        if (!placeholder_value(b, open + 1, (size_t)(close - open - 1), value, sizeof value))
            return false;
        buffer_puts(out, value);
        p = close + 1;
    }
    return true;
}

/* The wording's notes, then 填表人 and 联系电话 to fill in. */
static lxw_row_t write_notes(form_book *b, lxw_row_t row)
{
    const forms_lines *lines = &b->r->wording->kinds[b->r->kind];
    buffer text;
    buffer_init(&text);
    for (size_t i = 0; i < lines->note_count; i++)
        if (fill_words(b, lines->notes[i], &text))
            worksheet_write_string(b->ws, row++, 0, text.data, NULL);
    buffer_free(&text);
    row++;
    const char *const labels[] = {"填表人：", "联系电话："};
    for (int i = 0; i < 2; i++, row++) {
        worksheet_write_string(b->ws, row, 1, labels[i], NULL);
        worksheet_write_blank(b->ws, row, 2, b->open);
    }
    return row;
}

/* ---- checks on the cells to fill ---- */

enum { MAX_CHOICES = 64 };

/* A drop-down list over the rows to fill of column col; a list longer than Excel takes
 * (255 characters) is left out by libxlsxwriter, the reader still checks the names. */
static void list_check(form_book *b, lxw_col_t col, const char **choices, size_t count,
                       const char *what)
{
    if (count == 0 || count >= MAX_CHOICES)
        return;
    const char *list[MAX_CHOICES];
    memcpy(list, choices, count * sizeof *list);
    list[count] = NULL;
    char message[128];
    snprintf(message, sizeof message, "请从下拉列表中选择%s。", what);
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = (char **)list,
                             .error_title = "输入有误", .error_message = message};
    worksheet_data_validation_range(b->ws, b->first_data, col, b->last_data, col, &v);
}

static void number_check(form_book *b, lxw_col_t col, column_type type)
{
    lxw_data_validation v = {
        .validate = type == COLUMN_COUNT ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL,
        .criteria = type == COLUMN_PERCENT ? LXW_VALIDATION_CRITERIA_BETWEEN
                                           : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
        .value_number = 0, .minimum_number = 0, .maximum_number = 100,
        .error_title = "输入有误",
        .error_message = type == COLUMN_COUNT ? "请填写不小于0的整数。"
                       : type == COLUMN_PERCENT ? "请填写0到100之间的百分数（如35.2）。"
                                                : "请填写不小于0的数字（单位：万元）。"};
    worksheet_data_validation_range(b->ws, b->first_data, col, b->last_data, col, &v);
}

/* The names of a text column's choices ('|'-separated) into list; returns how many. */
static size_t split_choices(const char *choices, char *copy, size_t size, const char **list)
{
    snprintf(copy, size, "%s", choices);
    size_t n = 0;
    for (char *save = NULL, *name = strtok_r(copy, "|", &save); name && n < MAX_CHOICES;
         name = strtok_r(NULL, "|", &save))
        list[n++] = name;
    return n;
}

static void column_check(form_book *b, size_t i)
{
    const plan *pl = b->r->plan;
    const form_column *c = &b->layout->columns[i];
    column_type type = column_of(b, i)->type;
    lxw_col_t col = (lxw_col_t)i;
    const char *list[MAX_CHOICES];
    size_t n = 0;
    char copy[256];
    int industry = pl->offices[b->r->office].industry;
    switch (c->reference ? COLUMN_IGNORED : type) {
    case COLUMN_UNIT:
        for (; n < pl->unit_count && n < MAX_CHOICES; n++)
            list[n] = pl->units[n].name;
        list_check(b, col, list, n, "本年计划中的镇街");
        break;
    case COLUMN_INDUSTRY:
        for (; n < pl->industry_count && n < MAX_CHOICES; n++)
            list[n] = pl->industries[n].name;
        list_check(b, col, list, n, "产业");
        break;
    case COLUMN_SUBSECTOR:
        for (size_t k = 0; k < pl->industry_count; k++)
            if (industry < 0 || (int)k == industry)
                for (size_t s = 0; s < pl->industries[k].subsector_count && n < MAX_CHOICES; s++)
                    list[n++] = pl->industries[k].subsectors[s].name;
        list_check(b, col, list, n, "细分领域（产业整体不分细分领域的留空）");
        break;
    case COLUMN_STATUS:
        for (project_status s = STATUS_PRELIMINARY; s < STATUS_COUNT; s++)
            list[n++] = project_status_name(s);
        list_check(b, col, list, n, "项目状态");
        break;
    case COLUMN_YES_NO:
        list_check(b, col, (const char *[]){"是", "否"}, 2, "是或否");
        break;
    case COLUMN_GRADE:
        list_check(b, col, (const char *[]){"良好", "一般", "较差"}, 3, "良好、一般或较差");
        break;
    case COLUMN_AMOUNT:
    case COLUMN_COUNT:
    case COLUMN_PERCENT:
        number_check(b, col, type);
        break;
    case COLUMN_TEXT:
        if (c->choices)
            list_check(b, col, list, split_choices(c->choices, copy, sizeof copy, list), c->canonical);
        break;
    default:
        break;
    }
}

static void date_check(form_book *b, lxw_row_t row, lxw_col_t col)
{
    period p = b->r->period.quarter ? period_last_month(b->r->period) : b->r->period;
    lxw_data_validation v = {
        .validate = LXW_VALIDATION_TYPE_DATE,
        .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
        .value_datetime = {p.year, p.month, 1, 0, 0, 0},
        .error_title = "输入有误", .error_message = "请填写报送的日期，如2015年10月30日。"};
    worksheet_data_validation_cell(b->ws, row, col, &v);
}

/* ---- the sheets ---- */

static void form_sheet(form_book *b)
{
    char name[32];
    snprintf(name, sizeof name, "%s", b->layout->annex ? b->layout->annex : b->layout->name);
    b->ws = workbook_add_worksheet(b->wb, name);
    lxw_row_t row = write_preamble(b);
    date_check(b, b->layout->annex ? 2 : 1, (lxw_col_t)(b->layout->count - 1));
    row = write_header(b, row);
    row = write_rows(b, row);
    if (b->last_data >= b->first_data)
        for (size_t i = 0; i < b->layout->count; i++)
            column_check(b, i);
    row = write_totals(b, row);
    write_notes(b, row + 1);
    lxw_col_t frozen = 0;
    while (frozen < b->layout->count && b->layout->columns[frozen].identity)
        frozen++;
    worksheet_freeze_panes(b->ws, b->first_data, frozen);
    worksheet_set_landscape(b->ws);
    worksheet_set_paper(b->ws, 9); /* A4 */
    worksheet_fit_to_pages(b->ws, 1, 0);
    lxw_protection allowed = {.format_columns = 1, .format_rows = 1, .insert_rows = 1};
    worksheet_protect(b->ws, NULL, &allowed);
}

/* The 填报说明 sheet: its title, then the wording's guide lines, numbered. */
static void guide_sheet(form_book *b)
{
    const forms_lines *lines = &b->r->wording->kinds[b->r->kind];
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "填报说明");
    worksheet_set_column(ws, 0, 0, 100, b->guide);
    worksheet_write_string(ws, 0, 0, "填报说明", b->guide_title);
    buffer text, numbered;
    buffer_init(&text);
    buffer_init(&numbered);
    lxw_row_t row = 2;
    for (size_t i = 0; i < lines->guide_count; i++) {
        if (!fill_words(b, lines->guide[i], &text))
            continue;
        numbered.length = 0;
        buffer_printf(&numbered, "%d.%s", (int)(row - 1), text.data);
        worksheet_write_string(ws, row++, 0, numbered.data, b->guide);
    }
    buffer_free(&text);
    buffer_free(&numbered);
}

static void fill_form(lxw_workbook *wb, void *context)
{
    form_book *b = context;
    b->wb = wb;
    make_formats(b);
    form_sheet(b);
    guide_sheet(b);
}

int forms_write(buffer *out, const form_request *r, const char *temp_dir)
{
    form_book b = {.r = r, .layout = layout_for(r->kind), .t = table_for(r->kind)};
    char title[256], subject[16];
    snprintf(title, sizeof title, "%s %d年%s", r->plan->offices[r->office].name,
             r->period.year, b.layout->title);
    period first = r->period.quarter ? period_last_month(r->period) : r->period;
    if (r->period.quarter)
        first.month -= 2;
    return xlsxout_write(out, temp_dir, date_make(first.year, first.month, 1), title,
                         period_format(r->period, subject), fill_form, &b);
}
