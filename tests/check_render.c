/*
 * check_render.c: the bulletin renderer on figures made by hand, without ingest: the
 * template's sentences bound to exact figures, a table that spans pages with its header
 * repeated, and the PDF read back with pdftotext page by page.
 */
#define _GNU_SOURCE
#include "testutil.h"
#include "ingest/planfile.h"

#include "aggregate/figures.h"
#include "model/xmlsafe.h"
#include "render/bulletin.h"
#include "render/layout.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    arena memory;
    plan plan;
    store store;
    diag_list diags;
    fontset *fonts;
    bulletin_template *template;
} fixture;

static void fixture_open(fixture *f, const char *template_path)
{
    memset(f, 0, sizeof *f);
    xmlsafe_init();
    diag_init(&f->diags, &f->memory);
    store_init(&f->store, &f->memory);
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &f->memory, &f->plan, &f->diags), 0);
    f->fonts = fontset_open("fonts/fonts.conf", &f->diags);
    ck_assert_ptr_nonnull(f->fonts);
    f->template = bulletin_template_load(template_path, "templates/template.xsd", REPORT_MONTHLY,
                                         &f->memory, &f->diags);
    ck_assert_msg(f->template != NULL, "%s", f->diags.items.count ? diag_at(&f->diags, 0)->reason : "");
}

static void fixture_close(fixture *f)
{
    bulletin_template_free(f->template);
    fontset_close(f->fonts);
    store_free(&f->store);
    diag_free(&f->diags);
    arena_free(&f->memory);
}

static void add_progress(fixture *f, int industry, money ytd, money prior, money va, money prior_va)
{
    progress_record *r = vec_push(&f->store.progress);
    r->period = (period){2015, 9, 0};
    r->industry = industry;
    r->unit = 0;
    r->subsector = -1;
    r->ytd_output = ytd;
    r->prior_ytd_output = prior;
    r->ytd_value_added = va;
    r->prior_ytd_value_added = prior_va;
}

/* Renders into a scratch file; returns its path (malloc'd). */
static char *render_to_file(fixture *f)
{
    figures fig;
    unit_scores scores;
    timeliness reports;
    figures_compute(&fig, &f->plan, &f->store, (period){2015, 9, 0}, &f->memory);
    scores_compute(&scores, &f->plan, &f->store, &fig, &f->memory);
    timeliness_compute(&reports, &f->plan, &f->store, (period){2015, 9, 0}, &f->memory);
    bind_scope scope = {.figures = &fig, .scores = &scores, .timeliness = &reports,
                        .plan = &f->plan, .store = &f->store, .today = 20151002};
    buffer pdf;
    buffer_init(&pdf);
    int status = bulletin_render(f->template, f->fonts, &scope, &f->memory, &f->diags, &pdf);
    ck_assert_msg(status == 0, "render failed: %s",
                  f->diags.items.count ? diag_format(diag_at(&f->diags, f->diags.items.count - 1), &f->memory) : "");
    char *folder = make_scratch_folder(), *path = NULL;
    if (asprintf(&path, "%s/b.pdf", folder) < 0)
        abort();
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    fwrite(pdf.data, 1, pdf.length, out);
    fclose(out);
    buffer_free(&pdf);
    free(folder);
    return path;
}

START_TEST(sentences_follow_the_figures)
{
    fixture f;
    fixture_open(&f, "templates/monthly.xml");
    /* 信息经济产业: 300 亿 of 430 = 69.767 %, behind 75 % by 5.2; prior 310 亿: −3.2 % */
    add_progress(&f, 0, 30000000000, 31000000000, 5000000000, 4900000000);
    char *pdf = render_to_file(&f);
    if (getenv("CHECK_RENDER_KEEP")) {
        command_result keep = run_command("cp %s %s", pdf, getenv("CHECK_RENDER_KEEP"));
        command_result_free(&keep);
    }
    command_result r = run_command("pdftotext -enc UTF-8 %s - | tr -d ' \\n'", pdf);
    ck_assert_msg(strstr(r.out, "信息经济产业累计完成产值300.00亿元，完成年度目标430亿元的69.8%，"
                                "慢于序时进度5.2个百分点，同比下降3.2%。"),
                  "%s", r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "累计实现增加值50.00亿元，同比增长2.0%，尚未完成增加值增幅10%以上的年度目标"));
    ck_assert_ptr_nonnull(strstr(r.out, "高端装备制造业本期尚无进度数据。"));
    command_result_free(&r);
    free(pdf);
    fixture_close(&f);
}
END_TEST

/* Han text of n characters. */
static char *han_text(size_t n)
{
    static const char pattern[] = "新兴产业培育发展工作方案";
    size_t per = strlen("新"), cycle = strlen(pattern) / per;
    char *text = malloc(n * per + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * per, pattern + (i % cycle) * per, per);
    text[n * per] = '\0';
    return text;
}

/* GB/T 9704 §5.2.1: 3号 body, 22 lines of 28 characters in a 156 × 225 mm text area. */
START_TEST(the_body_sets_22_lines_of_28_characters)
{
    fixture f;
    fixture_open(&f, "templates/monthly.xml");
    canvas c;
    canvas_init(&c, f.fonts, 595.28, 841.89, &f.memory, &f.diags);
    const double mm = 72.0 / 25.4;
    layout_geometry geometry = {595.28, 841.89, 28 * mm, 37 * mm, 156 * mm, 225 * mm, 7 * mm};
    layout l;
    layout_init(&l, &c, &geometry);
    layout_style body = {.role = ROLE_BODY, .size = 16, .leading = 28.95, .tracking = -0.21};
    double indent = 2 * (16 - 0.21);
    char *text = han_text(28);
    ck_assert_uint_eq(layout_paragraph_lines(&l, &body, text, 0), 1);
    free(text);
    text = han_text(29);
    ck_assert_uint_eq(layout_paragraph_lines(&l, &body, text, 0), 2);
    free(text);
    text = han_text(26 + 28);
    ck_assert_uint_eq(layout_paragraph_lines(&l, &body, text, indent), 2);
    free(text);
    text = han_text(26 + 28 + 1);
    ck_assert_uint_eq(layout_paragraph_lines(&l, &body, text, indent), 3);
    free(text);
    text = han_text(28 * 22);
    layout_paragraph(&l, &body, text, 0, true);
    ck_assert_uint_eq(c.pages.count, 1);
    free(text);
    text = han_text(1);
    layout_paragraph(&l, &body, text, 0, true); /* the 23rd line goes to page 2 */
    ck_assert_uint_eq(c.pages.count, 2);
    free(text);
    canvas_free(&c);
    fixture_close(&f);
}
END_TEST

/* The page (0-based) on which text was drawn, or -1. */
static int page_of_text(const canvas *c, const char *text)
{
    for (size_t p = 0; p < c->pages.count; p++) {
        const canvas_page *page = canvas_page_at(c, p);
        for (size_t i = 0; i < page->ops.count; i++) {
            const canvas_op *op = vec_at(&page->ops, i);
            if (op->kind == OP_TEXT && strcmp(canvas_op_text(c, op), text) == 0)
                return (int)p;
        }
    }
    return -1;
}

/* The sample's fonts on an A4 canvas whose text area is 400 × 200 pt, 80 pt from the left
 * and 100 pt from the top. */
static void open_small_text_area(fixture *f, canvas *c, layout *l)
{
    fixture_open(f, "templates/monthly.xml");
    canvas_init(c, f->fonts, 595.28, 841.89, &f->memory, &f->diags);
    layout_geometry geometry = {595.28, 841.89, 80, 100, 400, 200, 20};
    layout_init(l, c, &geometry);
}

/* A table never splits inside a row and never leaves its last row alone on a page. */
START_TEST(a_table_keeps_its_last_two_rows_together)
{
    fixture f;
    canvas c;
    layout l;
    open_small_text_area(&f, &c, &l);
    layout_style style = {.role = ROLE_TABLE, .size = 10, .leading = 20};
    const layout_column columns[] = {{"项目", 1, ALIGN_LEFT}};
    const char *cells[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
    layout_table table = {.continued_label = "续表", .columns = columns, .column_count = 1,
                          .cells = cells, .row_count = 8, .header = style, .body = style,
                          .padding = 0};
    /* 200 pt of text area; 40 pt used: the header and seven rows of 20 pt fit, so 辛 alone
     * would go to the next page */
    layout_new_page(&l);
    layout_space(&l, 40);
    layout_table_draw(&l, &table);
    ck_assert_uint_eq(c.pages.count, 2);
    ck_assert_int_eq(page_of_text(&c, "己"), 0);
    ck_assert_int_eq(page_of_text(&c, "庚"), 1); /* moved down to keep 辛 company */
    ck_assert_int_eq(page_of_text(&c, "辛"), 1);
    ck_assert_int_eq(page_of_text(&c, "续表"), 1);
    canvas_free(&c);
    fixture_close(&f);
}
END_TEST

/* A heading goes where what follows it can start: with 70 pt left, a heading (20 pt)
 * fits with its two lines' room, but the table's unit line, header and first row (60 pt)
 * or a paragraph of three lines (60 pt: two and a widow move together) do not, so the
 * heading moves to the next page with them; with 100 pt left all stay. */
static int heading_page(double used, const char *heading, bool table_follows)
{
    fixture f;
    canvas c;
    layout l;
    open_small_text_area(&f, &c, &l);
    layout_style style = {.role = ROLE_TABLE, .size = 10, .leading = 20};
    const layout_column columns[] = {{"项目", 1, ALIGN_LEFT}};
    const char *cells[] = {"甲", "乙"};
    layout_table table = {.unit_line = "单位：万元", .columns = columns, .column_count = 1,
                          .cells = cells, .row_count = 2, .header = style, .body = style};
    char *text = han_text(100); /* 40 to a 400 pt line: three lines */
    layout_new_page(&l);
    layout_space(&l, used);
    layout_heading(&l, &style, heading, 0, heading);
    if (table_follows)
        layout_table_draw(&l, &table);
    else
        layout_paragraph(&l, &style, text, 0, false);
    char *first_line = han_text(40);
    int page = page_of_text(&c, heading);
    int follows = page_of_text(&c, table_follows ? "甲" : first_line);
    ck_assert_int_eq(follows, page);
    free(first_line);
    const canvas_bookmark *mark = vec_at(&c.bookmarks, 0);
    ck_assert_uint_eq(mark->page, (size_t)page);
    free(text);
    canvas_free(&c);
    fixture_close(&f);
    return page;
}

START_TEST(a_heading_stays_with_what_follows)
{
    ck_assert_int_eq(heading_page(130, "一、表前的标题", true), 1);
    ck_assert_int_eq(heading_page(130, "二、段前的标题", false), 1);
    ck_assert_int_eq(heading_page(100, "三、表前的标题", true), 0);
    ck_assert_int_eq(heading_page(100, "四、段前的标题", false), 0);
}
END_TEST

/* A row taller than the text area goes on over the pages, its header repeated on each,
 * nothing drawn below the text area, every character drawn once. */
START_TEST(a_row_taller_than_a_page_goes_on_over_the_pages)
{
    fixture f;
    canvas c;
    layout l;
    open_small_text_area(&f, &c, &l);
    layout_style style = {.role = ROLE_TABLE, .size = 10, .leading = 20};
    const layout_column columns[] = {{"序号", 1, ALIGN_LEFT}, {"存在问题", 4, ALIGN_LEFT}};
    char *issue = han_text(1000); /* 32 to a 320 pt line: 32 lines, 640 pt */
    const char *cells[] = {"1", "甲", "2", issue, "3", "乙"};
    layout_table table = {.continued_label = "续表", .columns = columns, .column_count = 2,
                          .cells = cells, .row_count = 3, .header = style, .body = style,
                          .padding = 0};
    layout_new_page(&l);
    layout_table_draw(&l, &table);
    size_t drawn = 0;
    for (size_t p = 0; p < c.pages.count; p++) {
        const canvas_page *page = canvas_page_at(&c, p);
        bool header = false, continued = false;
        for (size_t i = 0; i < page->ops.count; i++) {
            const canvas_op *op = vec_at(&page->ops, i);
            if (op->kind != OP_TEXT)
                continue;
            ck_assert_double_ge(op->y, 841.89 - 100 - 200 - 1e-6); /* inside the text area */
            header = header || strcmp(canvas_op_text(&c, op), "存在问题") == 0;
            continued = continued || strcmp(canvas_op_text(&c, op), "续表") == 0;
            if (op->x > 80 + 80 - 1e-6 && strcmp(canvas_op_text(&c, op), "存在问题") != 0)
                drawn += strlen(canvas_op_text(&c, op)) / strlen("新");
        }
        ck_assert_msg(header, "page %zu has no header", p + 1);
        ck_assert_int_eq(continued, p > 0);
    }
    ck_assert_uint_eq(drawn, 1000 + 2); /* the issue's characters, 甲 and 乙 */
    ck_assert_uint_ge(c.pages.count, 4); /* 640 pt of lines in pages of 160 pt or less */
    ck_assert_int_eq(page_of_text(&c, "乙"), (int)c.pages.count - 1);
    free(issue);
    canvas_free(&c);
    fixture_close(&f);
}
END_TEST

START_TEST(a_character_no_font_has_is_a_warning_naming_it)
{
    fixture f;
    fixture_open(&f, "templates/monthly.xml");
    canvas c;
    canvas_init(&c, f.fonts, 595.28, 841.89, &f.memory, &f.diags);
    size_t page = canvas_add_page(&c);
    const cmyk black = {0, 0, 0, 1};
    double width = canvas_text(&c, page, ROLE_BODY, 100, 700, 16, 0, black, false, "甲\xF0\xA0\x80\x80乙");
    canvas_text(&c, page, ROLE_BODY, 100, 600, 16, 0, black, false, "\xF0\xA0\x80\x80");
    ck_assert_double_eq_tol(width, 32, 0.001); /* drawn: 甲 and 乙 only */
    ck_assert_uint_eq(f.diags.items.count, 1); /* one warning per character, not per use */
    ck_assert_str_eq(diag_format(diag_at(&f.diags, 0), &f.memory),
                     "fonts/fonts.conf: 警告：没有任何已配置的字体含有字符“\xF0\xA0\x80\x80”（U+20000），该字符未输出");
    canvas_free(&c);
    fixture_close(&f);
}
END_TEST

/* libharu's page array holds 32,767 pages: one more is a clear error, not a crash. */
START_TEST(past_libharus_page_limit_is_an_error)
{
    fixture f;
    fixture_open(&f, "templates/monthly.xml");
    canvas c;
    canvas_init(&c, f.fonts, 595.28, 841.89, &f.memory, &f.diags);
    for (int i = 0; i <= CANVAS_PAGE_LIMIT; i++)
        canvas_add_page(&c);
    buffer pdf;
    buffer_init(&pdf);
    ck_assert_int_eq(canvas_render(&c, &(canvas_info){0}, &pdf), CANVAS_TOO_LONG);
    ck_assert_uint_eq(pdf.length, 0);
    ck_assert_str_eq(diag_at(&f.diags, 0)->reason,
                     "文档共 32768 页，超过 PDF 库 libharu 每个文件 32767 页的上限，未生成");
    canvas_free(&c);
    fixture_close(&f);
}
END_TEST

/* The line (from 1) of the first occurrence of text in the file at path, or 0. */
static int line_of(const char *path, const char *text)
{
    char *bytes = read_whole_file(path, NULL);
    ck_assert_ptr_nonnull(bytes);
    const char *at = strstr(bytes, text);
    int line = at ? 1 : 0;
    for (const char *c = bytes; at && c < at; c++)
        line += *c == '\n';
    free(bytes);
    return line;
}

/* templates/monthly.xml with the first `from` made `to`: refused at load for the monthly
 * bulletin with reason, on the line of `from` plus line. */
typedef struct refusal {
    const char *from, *to;
    int line;
    const char *reason;
} refusal;

static void expect_refused(const char *from, const char *to, int line, const char *reason)
{
    char *scratch = make_scratch_folder(), *path = NULL;
    if (asprintf(&path, "%s/changed.xml", scratch) < 0)
        abort();
    command_result r =
        run_command("sed '0,/%s/s//%s/' templates/monthly.xml >%s", from, to, path);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    arena memory = {0};
    diag_list diags;
    diag_init(&diags, &memory);
    bulletin_template *t =
        bulletin_template_load(path, "templates/template.xsd", REPORT_MONTHLY, &memory, &diags);
    ck_assert_msg(t == NULL, "loaded with %s", to);
    ck_assert_str_eq(diag_at(&diags, 0)->reason, reason);
    ck_assert_int_eq(diag_at(&diags, 0)->line, line_of("templates/monthly.xml", from) + line);
    diag_free(&diags);
    arena_free(&memory);
    r = run_command("rm -rf %s", scratch);
    command_result_free(&r);
    free(path);
    free(scratch);
}

static void expect_refusals(const refusal *cases, size_t count)
{
    for (size_t i = 0; i < count; i++)
        expect_refused(cases[i].from, cases[i].to, cases[i].line, cases[i].reason);
}

/* Sizes that template.xsd lets through but no page can hold: 65 at load, with the line. */
START_TEST(insane_sizes_are_refused_at_load)
{
    /* line: where the error is, counted from the line of from in templates/monthly.xml
     * (libxml2 gives an element the line where its start tag ends) */
    static const refusal cases[] = {
        {"size=\"16\" leading=\"36\"", "size=\"9999\" leading=\"36\"", 0,
         "模板无效：<style> 的 size=“9999”超出合理范围（4–100 磅）"},
        {"width=\"210mm\" height=\"297mm\"", "width=\"1mm\" height=\"297mm\"", 1,
         "模板无效：<page> 的 width=“1mm”超出合理范围（50–1000 毫米）"},
        {"text-width=\"156mm\"", "text-width=\"0mm\"", 0,
         "模板无效：<page> 的 text-width=“0mm”超出合理范围（30–1000 毫米）"},
        {"left=\"28mm\"", "left=\"100mm\"", 1, "模板无效：left 加 text-width 超出了页面宽度"},
        {"text-height=\"225mm\"", "text-height=\"55mm\"", 2,
         "模板无效：行距的三倍超出了版心高度（text-height）"},
    };
    expect_refusals(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Every shipped template loads for its own report; the monthly one is refused for the
 * quarterly report, whose figures have no 应报 count of the month. */
START_TEST(every_shipped_template_passes_the_name_check)
{
    static const struct {
        const char *path;
        bind_report report;
    } shipped[] = {{"templates/monthly.xml", REPORT_MONTHLY},
                   {"templates/quarterly.xml", REPORT_QUARTERLY},
                   {"templates/annual.xml", REPORT_ANNUAL}};
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        arena memory = {0};
        diag_list diags;
        diag_init(&diags, &memory);
        bulletin_template *t = bulletin_template_load(shipped[i].path, "templates/template.xsd",
                                                      shipped[i].report, &memory, &diags);
        ck_assert_msg(t != NULL, "%s: %s", shipped[i].path,
                      diags.items.count ? diag_at(&diags, 0)->reason : "");
        bulletin_template_free(t);
        diag_free(&diags);
        arena_free(&memory);
    }
    arena memory = {0};
    diag_list diags;
    diag_init(&diags, &memory);
    ck_assert_ptr_null(bulletin_template_load("templates/monthly.xml", "templates/template.xsd",
                                              REPORT_QUARTERLY, &memory, &diags));
    ck_assert_int_eq(diag_at(&diags, 0)->line,
                     line_of("templates/monthly.xml", "本期应报{reports_expected}"));
    ck_assert_str_eq(diag_at(&diags, 0)->reason, "模板无效：占位符{reports_expected}不能用于季度报告");
    diag_free(&diags);
    arena_free(&memory);
}
END_TEST

/* Every name is checked at load, in branches that no month's figures reach too: 65 with
 * the line of the name (counted from the line of from in templates/monthly.xml). */
START_TEST(unknown_names_are_refused_at_load)
{
    static const refusal cases[] = {
        /* a branch the sample never takes: every month has projects */
        {"本期未收到重点项目报表。", "本期未收到{projcts.count}份重点项目报表。", 0,
         "模板无效：未知的占位符{projcts.count}"},
        /* the third line of a paragraph */
        {"新兴产业累计实现增加值{total.ytd_value_added_yi}", "新兴产业累计实现增加值{total.ytd_value_add}", 0,
         "模板无效：未知的占位符{total.ytd_value_add}"},
        {"test=\"has_rejected\"", "test=\"has_rejectd\"", 0, "模板无效：未知的条件“has_rejectd”"},
        /* libxml2 gives an element the line where its start tag ends */
        {"value=\"completion_pct\"", "value=\"completion_pc\"", 3,
         "模板无效：未知的图表数值“completion_pc”"},
        {"{period_span}，全市{projects.count}", "{rank}，全市{projects.count}", 0,
         "模板无效：占位符{rank}是数据列表中每一行的值，只能用在列出这种行的 <table> 或 <for> 之中"},
        {"issue=\"第{month}期\"", "issue=\"第{quarter_cn}期\"", 0, "模板无效：占位符{quarter_cn}不能用于月度通报"},
        {"    <for each=\"industries\">", "    <for each=\"items\">", 0,
         "模板无效：数据列表“items”不能用于月度通报"},
        {"value=\"{kind}\"", "value=\"{kind}{mark.3}\"", 0,
         "模板无效：占位符{mark.3}是数据列表中每一行的值，只能用在列出这种行的 <table> 或 <for> 之中"},
    };
    expect_refusals(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* template.xsd's refusals in Chinese, with the element, the attribute and the value: no
 * English of libxml2 after the label (the line counted from the line of from). */
START_TEST(schema_errors_are_said_in_chinese)
{
    static const refusal cases[] = {
        {"source=\"projects.major\"", "source=\"projects.majr\"", 1,
         "模板无效：元素<table>的属性“source”的值“projects.majr”不是允许的取值（可取：industries、"
         "months、projects、projects.major、projects.with_issues、projects.by_industry、"
         "projects.by_unit、units、submissions、submissions.problems、changes、submissions.months、"
         "projects.attracted）"},
        {"<column title=\"排名\"", "<column titel=\"x\" title=\"排名\"", 0,
         "模板无效：元素<column>不能有属性“titel”"},
        {" size=\"16\" leading=\"36\"", " leading=\"36\"", 0,
         "模板无效：元素<style>缺少必需的属性“size”"},
        {"width=\"210mm\" height", "width=\"210cm\" height", 1,
         "模板无效：元素<page>的属性“width”的值“210cm”格式不对（应符合 [0-9]+(\\.[0-9]+)?(mm)?）"},
        {"leading=\"28.95\" tracking=\"-0.21\"", "leading=\"28.95\" tracking=\"abc\"", 0,
         "模板无效：元素<style>的属性“tracking”的值“abc”不是有效的数"},
        {"limit=\"500\"", "limit=\"0\"", 1, "模板无效：元素<table>的属性“limit”的值“0”不是有效的正整数"},
        {"<colophon>", "<colophon><foo\\/>", 0, "模板无效：此处不应出现元素<foo>（此处应为：line）"},
        {"<colophon>", "<colophon><x:line left=\"a\"\\/>", 0,
         "模板无效：元素<line>的命名空间前缀“x”没有声明"},
        {"urn:yq165:template:1", "urn:other", 0,
         "模板无效：根元素<template>（命名空间“urn:other”）不是本文件应有的元素"},
        /* the second <style name="table">, two lines below the body's */
        {"name=\"body\"  ", "name=\"table\"  ", 2,
         "模板无效：元素<style>的“table”与前面的重复（须各不相同）"},
    };
    expect_refusals(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("render");
    TCase *tc = tcase_create("bulletin");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sentences_follow_the_figures);
    tcase_add_test(tc, the_body_sets_22_lines_of_28_characters);
    tcase_add_test(tc, a_character_no_font_has_is_a_warning_naming_it);
    tcase_add_test(tc, a_table_keeps_its_last_two_rows_together);
    tcase_add_test(tc, a_heading_stays_with_what_follows);
    tcase_add_test(tc, a_row_taller_than_a_page_goes_on_over_the_pages);
    tcase_add_test(tc, past_libharus_page_limit_is_an_error);
    tcase_add_test(tc, insane_sizes_are_refused_at_load);
    tcase_add_test(tc, every_shipped_template_passes_the_name_check);
    tcase_add_test(tc, unknown_names_are_refused_at_load);
    tcase_add_test(tc, schema_errors_are_said_in_chinese);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
