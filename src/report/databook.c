/*
 * databook.c: data-YYYY-MM.xlsx with libxlsxwriter (see databook.h).  Money goes in as
 * 元 / 10000, one correctly rounded division, so each cell holds the double nearest the
 * exact 万元 amount; percents and points as summary.json prints them.  The workbook is
 * dated the day after the period (xlsxout.h), as the PDF is.
 */
#include "report/databook.h"

#include "report/xlsxout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct book {
    lxw_workbook *wb;
    lxw_format *header, *wan, *points, *integer, *day, *text;
} book;

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
}

static void book_formats(book *b)
{
    b->header = workbook_add_format(b->wb);
    format_set_bold(b->header);
    format_set_text_wrap(b->header);
    format_set_align(b->header, LXW_ALIGN_CENTER);
    format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(b->header, 0xDDEBF7);
    format_set_border(b->header, LXW_BORDER_THIN);
    b->wan = number_format(b->wb, "#,##0.0###");
    b->points = number_format(b->wb, "0.00");
    b->integer = number_format(b->wb, "0");
    b->day = number_format(b->wb, "yyyy-mm-dd");
    b->text = number_format(b->wb, "@");
}

/* A sheet with its header row (bold, frozen); columns widths from the header lengths. */
static lxw_worksheet *sheet_begin(book *b, const char *name, const char *const *headers)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    for (lxw_col_t c = 0; headers[c]; c++) {
        size_t width = strlen(headers[c]) / 2 + 4;
        worksheet_set_column(ws, c, c, (double)(width < 10 ? 10 : width > 40 ? 40 : width), NULL);
        worksheet_write_string(ws, 0, c, headers[c], b->header);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* The filter over the header and the rows written. */
static void sheet_end(lxw_worksheet *ws, lxw_row_t rows, const char *const *headers)
{
    lxw_col_t columns = 0;
    while (headers[columns])
        columns++;
    worksheet_autofilter(ws, 0, 0, rows, (lxw_col_t)(columns - 1));
}

static void put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text, const book *b)
{
    if (text && text[0])
        worksheet_write_string(ws, r, c, text, b->text);
}

static void put_wan(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, money amount, const book *b)
{
    worksheet_write_number(ws, r, c, (double)amount / 10000.0, b->wan);
}

/* A fraction as summary.json prints it (2 decimals), as a number. */
static void put_points(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, fraction value, const book *b)
{
    char text[48];
    worksheet_write_number(ws, r, c, strtod(fraction_format_short(value, 2, text), NULL), b->points);
}

static void put_ratio(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ratio value, const book *b)
{
    if (value.known)
        put_points(ws, r, c, value.value, b);
}

static void put_int(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long value, const book *b)
{
    worksheet_write_number(ws, r, c, (double)value, b->integer);
}

static void put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, date d, const book *b)
{
    if (!d)
        return;
    lxw_datetime when = {d / 10000, d / 100 % 100, d % 100, 0, 0, 0};
    worksheet_write_datetime(ws, r, c, &when, b->day);
}

/* ---- the sheets ---- */

static void output_row(lxw_worksheet *ws, lxw_row_t r, const output_totals *t, const char *name,
                       const book *b)
{
    put_text(ws, r, 0, name, b);
    if (t->has_target)
        put_wan(ws, r, 1, t->target, b);
    put_wan(ws, r, 2, t->ytd_output, b);
    put_wan(ws, r, 3, t->prior_ytd_output, b);
    put_ratio(ws, r, 4, figures_completion_pct(t), b);
    put_ratio(ws, r, 5, figures_yoy_pct(t), b);
    put_wan(ws, r, 6, t->ytd_value_added, b);
    put_wan(ws, r, 7, t->prior_ytd_value_added, b);
    put_ratio(ws, r, 8, figures_va_growth_pct(t), b);
}

static void industries_sheet(book *b, const figures *f)
{
    static const char *const headers[] = {
        "产业", "年度目标（万元）", "累计产值（万元）", "上年同期累计产值（万元）", "目标完成率（%）",
        "产值同比增长（%）", "累计增加值（万元）", "上年同期累计增加值（万元）", "增加值增速（%）", NULL};
    lxw_worksheet *ws = sheet_begin(b, "产业", headers);
    lxw_row_t r = 1;
    for (size_t i = 0; i < f->industry_count; i++, r++)
        output_row(ws, r, &f->industries[i], f->industries[i].name, b);
    output_row(ws, r, &f->total, "合计", b);
    sheet_end(ws, r, headers);
}

static void units_sheet(book *b, const unit_scores *scores)
{
    static const char *const headers[] = {
        "排名", "单位", "总分", "增加值增速（%）", "1.1 增速得分", "1.2 规模得分", "1 产业发展",
        "项目综合值", "2.1 项目得分", "2.2 用地得分", "2.3 重大项目加分", "2 项目带动",
        "3.1 平台", "3.2 龙头企业", "3.3 实施计划", "3.4 加分", "3 创新驱动", "重点项目数",
        "年度计划投资（万元）", "累计完成投资（万元）", "累计增加值（万元）", "上年同期累计增加值（万元）",
        "缺少的数据", NULL};
    lxw_worksheet *ws = sheet_begin(b, "考核单位", headers);
    lxw_row_t r = 1;
    for (size_t i = 0; i < scores->count; i++, r++) {
        const unit_score *u = &scores->units[i];
        put_int(ws, r, 0, u->rank, b);
        put_text(ws, r, 1, u->name, b);
        const fraction points[] = {u->total, u->growth, u->scale, u->industry_development,
                                   u->composite, u->projects, u->land, u->major_bonus,
                                   u->project_drive, u->platforms, u->leading_enterprises,
                                   u->plan, u->extra, u->innovation};
        put_points(ws, r, 2, points[0], b);
        put_ratio(ws, r, 3, u->growth_pct, b);
        for (lxw_col_t k = 1; k < sizeof points / sizeof points[0]; k++)
            put_points(ws, r, (lxw_col_t)(k + 3), points[k], b);
        put_int(ws, r, 17, u->project_count, b);
        put_wan(ws, r, 18, u->annual_plan, b);
        put_wan(ws, r, 19, u->ytd_investment, b);
        put_wan(ws, r, 20, u->value_added, b);
        put_wan(ws, r, 21, u->prior_value_added, b);
        char missing[128] = "";
        for (int bit = 0; bit < SCORE_MISSING_BITS; bit++)
            if (u->missing & (1u << bit))
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         missing[0] ? "," : "", scores_missing_name(1u << bit));
        put_text(ws, r, 22, missing, b);
    }
    sheet_end(ws, r - 1, headers);
}

static const char *name_or_empty(const char *name)
{
    return name ? name : "";
}

static void projects_sheet(book *b, const figures *f, const plan *pl, const store *s)
{
    static const char *const headers[] = {
        "项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "建设单位", "是否战略性新兴产业",
        "是否当年招引", "总投资（万元）", "年度计划投资（万元）", "本月完成投资（万元）",
        "累计完成投资（万元）", "项目状态", "存在问题", "来源文件", "行", NULL};
    lxw_worksheet *ws = sheet_begin(b, "项目", headers);
    lxw_row_t r = 1;
    for (size_t i = 0; i < f->period_project_count; i++, r++) {
        const project_record *p = f->period_projects[i];
        const plan_industry *industry = p->industry >= 0 ? &pl->industries[p->industry] : NULL;
        put_text(ws, r, 0, p->code, b);
        put_text(ws, r, 1, p->name, b);
        put_text(ws, r, 2, industry ? industry->name : "", b);
        put_text(ws, r, 3, industry && p->subsector >= 0 ? industry->subsectors[p->subsector].name : "", b);
        put_text(ws, r, 4, p->unit >= 0 ? pl->units[p->unit].name : "", b);
        put_text(ws, r, 5, name_or_empty(p->owner), b);
        put_text(ws, r, 6, p->strategic ? "是" : "否", b);
        put_text(ws, r, 7, p->attracted ? "是" : "否", b);
        put_wan(ws, r, 8, p->total_investment, b);
        put_wan(ws, r, 9, p->annual_plan, b);
        if (p->has_month_investment)
            put_wan(ws, r, 10, p->month_investment, b);
        put_wan(ws, r, 11, p->ytd_investment, b);
        put_text(ws, r, 12, project_status_name(p->status), b);
        put_text(ws, r, 13, name_or_empty(p->issues), b);
        put_text(ws, r, 14, store_file(s, p->origin.file)->path, b);
        put_int(ws, r, 15, p->origin.line, b);
    }
    sheet_end(ws, r - 1, headers);
}

static const char *kind_label(record_kind kind)
{
    switch (kind) {
    case KIND_PROJECTS: return "重点项目（附件2）";
    case KIND_PROGRESS: return "实施进度（附件4）";
    case KIND_ASSESSMENT: return "考核指标";
    case KIND_QUARTERLY: return "季度工作";
    default: return "";
    }
}

static const char *status_label(submission_status status)
{
    switch (status) {
    case SUBMISSION_ON_TIME: return "按时";
    case SUBMISSION_LATE: return "逾期";
    case SUBMISSION_UNKNOWN_DATE: return "未注明日期";
    case SUBMISSION_MISSING: return "未报";
    default: return "";
    }
}

static void submissions_sheet(book *b, const timeliness *t, const store *s)
{
    static const char *const headers[] = {"报送单位", "报表", "报告期", "应报日期", "报送日期",
                                          "状态", "文件", NULL};
    lxw_worksheet *ws = sheet_begin(b, "报送情况", headers);
    lxw_row_t r = 1;
    for (size_t i = 0; i < t->count; i++, r++) {
        const submission_check *c = &t->checks[i];
        char text[16];
        put_text(ws, r, 0, c->office_name, b);
        put_text(ws, r, 1, kind_label(c->kind), b);
        put_text(ws, r, 2, period_format(c->period, text), b);
        put_date(ws, r, 3, c->due, b);
        put_date(ws, r, 4, c->sent, b);
        put_text(ws, r, 5, status_label(c->status), b);
        buffer files;
        buffer_init(&files);
        for (size_t k = 0; k < c->file_count; k++)
            buffer_printf(&files, "%s%s", k ? "\n" : "", store_file(s, c->files[k])->path);
        put_text(ws, r, 6, files.length ? files.data : "", b);
        buffer_free(&files);
    }
    sheet_end(ws, r - 1, headers);
}

static void problems_sheet(book *b, const store *s)
{
    static const char *const headers[] = {"文件", "行", "单元格", "列", "值", "级别", "原因", NULL};
    lxw_worksheet *ws = sheet_begin(b, "拒收与警告", headers);
    lxw_row_t r = 1;
    for (size_t i = 0; i < s->diags.items.count; i++) {
        const diagnostic *d = diag_at(&s->diags, i);
        if (d->level == DIAG_NOTE)
            continue;
        put_text(ws, r, 0, d->file, b);
        if (d->line > 0)
            put_int(ws, r, 1, d->line, b);
        put_text(ws, r, 2, d->cell, b);
        put_text(ws, r, 3, d->column, b);
        put_text(ws, r, 4, d->value, b);
        put_text(ws, r, 5, d->level == DIAG_ERROR ? "错误" : "警告", b);
        put_text(ws, r, 6, d->reason, b);
        r++;
    }
    sheet_end(ws, r - 1, headers);
}

/* ---- the file ---- */

typedef struct databook_parts {
    const figures *f;
    const unit_scores *scores;
    const timeliness *submissions;
    const plan *pl;
    const store *s;
} databook_parts;

static void fill_book(lxw_workbook *wb, void *context)
{
    const databook_parts *parts = context;
    book b = {.wb = wb};
    book_formats(&b);
    industries_sheet(&b, parts->f);
    units_sheet(&b, parts->scores);
    projects_sheet(&b, parts->f, parts->pl, parts->s);
    submissions_sheet(&b, parts->submissions, parts->s);
    problems_sheet(&b, parts->s);
}

int databook_write(buffer *out, const figures *f, const unit_scores *scores,
                   const timeliness *submissions, const plan *pl, const store *s,
                   const char *temp_dir)
{
    char title[64], subject[16];
    snprintf(title, sizeof title, "乐清市新兴产业月度数据 %s", period_format(f->period, subject));
    databook_parts parts = {f, scores, submissions, pl, s};
    return xlsxout_write(out, temp_dir, period_end_next_day(f->period), title, subject,
                         fill_book, &parts);
}
