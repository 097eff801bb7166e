/*
 * check_workbook.c: workbooks → store.  The fixtures of tests/data/workbooks were saved
 * by LibreOffice (see make.py there); the workbooks that no producer writes on request
 * (a formula without its cached value, zip bombs, lying sizes) are built here with
 * libzip from SpreadsheetML text.  Exact 元, exact messages naming file:sheet!cell,
 * every row accounted for.  Runs from the repository root.
 */
#include "testutil.h"
#include "ingest/ingest.h"
#include "ingest/workbook.h"
#include "ingest/xlsx.h"
#include "model/buffer.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define DATA "tests/data/workbooks/2015-09/"

static arena memory;
static store s;
static plan p;
static ingest_context ctx;
static char *scratch;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    store_init(&s, &memory);
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, &p, &s.diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", &p, &s), 0);
    scratch = make_scratch_folder();
}

static void teardown(void)
{
    command_result removed = run_command("rm -rf '%s'", scratch);
    command_result_free(&removed);
    free(scratch);
    ingest_close(&ctx);
    store_free(&s);
    arena_free(&memory);
}

static const char *messages(void)
{
    return store_messages(&s, &memory);
}

static const submission_file *file(const char *path)
{
    return store_file_at(&s, path);
}

static void expect_counts(const char *path, long read, long accepted, long rejected)
{
    const row_counts *c = &file(path)->rows;
    ck_assert_int_eq(c->read, read);
    ck_assert_int_eq(c->accepted, accepted);
    ck_assert_int_eq(c->rejected, rejected);
    ck_assert_int_eq(c->read, c->accepted + c->rejected + c->superseded);
}

/* ---- workbooks built here ---- */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static void add_part(zip_t *z, const char *name, const char *text, size_t length)
{
    zip_source_t *source = zip_source_buffer(z, text, length, 0);
    ck_assert_ptr_nonnull(source);
    ck_assert_int_ge(zip_file_add(z, name, source, ZIP_FL_ENC_UTF_8), 0);
}

static void add_text(zip_t *z, const char *name, const char *text)
{
    add_part(z, name, text, strlen(text));
}

/* Writes <scratch>/2015-09/<name>: one sheet 附件2 with sheet_data (the inside of
 * <sheetData>) and after it extra (merges), the given shared strings (the inside of
 * <sst>) and workbookPr; returns its path. */
static const char *build_xlsx(const char *name, const char *sheet_data, const char *extra,
                              const char *strings, bool date1904)
{
    const char *dir = arena_printf(&memory, "%s/2015-09", scratch);
    command_result made = run_command("mkdir -p '%s'", dir);
    command_result_free(&made);
    const char *path = arena_printf(&memory, "%s/%s", dir, name);
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    ck_assert_ptr_nonnull(z);
    add_text(z, "xl/workbook.xml", arena_printf(&memory,
             "<workbook " NS " xmlns:r=\"" RNS "\"><workbookPr date1904=\"%s\"/><sheets>"
             "<sheet name=\"附件2\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
             date1904 ? "1" : "0"));
    add_text(z, "xl/_rels/workbook.xml.rels",
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"" RNS "/worksheet\" Target=\"/xl/worksheets/s1.xml\"/>"
             "</Relationships>");
    add_text(z, "xl/styles.xml",
             "<styleSheet " NS "><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
             "<numFmt numFmtId=\"165\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;\"/>"
             "<numFmt numFmtId=\"166\" formatCode=\"000000\"/></numFmts><cellXfs><xf numFmtId=\"0\"/>"
             "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
             "<xf numFmtId=\"4\"/></cellXfs></styleSheet>");
    if (strings)
        add_text(z, "xl/sharedStrings.xml", arena_printf(&memory, "<sst " NS ">%s</sst>", strings));
    add_text(z, "xl/worksheets/s1.xml", arena_printf(&memory,
             "<worksheet " NS "><sheetData>%s</sheetData>%s</worksheet>", sheet_data, extra));
    ck_assert_int_eq(zip_close(z), 0);
    return path;
}

static const char *inline_row(long row, const char *const *texts)
{
    const char *cells = "";
    for (int c = 0; texts[c]; c++)
        if (texts[c][0])
            cells = arena_printf(&memory, "%s<c r=\"%c%ld\" t=\"inlineStr\"><is><t>%s</t></is></c>",
                                 cells, 'A' + c, row, texts[c]);
    return arena_printf(&memory, "<row r=\"%ld\">%s</row>", row, cells);
}

#define PROJECT_HEADER                                                                       \
    (const char *[]){"项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "总投资",    \
                     "年度计划投资", "本月完成投资", "累计完成投资", "项目状态", "报送单位", \
                     "报告期", "填报日期", NULL}
#define OFFICE "信息经济产业专项行动工作组"

/* ---- LibreOffice's files ---- */

static void check_form_sheet(const char *path)
{
    const char *form = arena_printf(&memory, "%s:附件2", path);
    expect_counts(form, 3, 2, 1);
    const submission_file *f = file(form);
    ck_assert_int_eq(f->kind, KIND_PROJECTS);
    ck_assert_str_eq(f->office, OFFICE);
    ck_assert_int_eq(f->period.year, 2015);
    ck_assert_int_eq(f->period.month, 9);
    ck_assert_int_eq(f->sent, 20150930);
    ck_assert_uint_eq(s.projects.count, 2);
    const project_record *a = vec_at(&s.projects, 0), *b = vec_at(&s.projects, 1);
    ck_assert_str_eq(a->code, "WB2015-001");
    ck_assert_int_eq(a->total_investment, 12000000);
    ck_assert_int_eq(a->month_investment, 123000); /* the formula's cached 12.3 */
    ck_assert_int_eq(a->ytd_investment, 2505000);
    ck_assert(a->strategic && a->attracted);        /* 是, TRUE */
    ck_assert_str_eq(b->code, "2015002");           /* a number keeps its digits */
    ck_assert(!b->attracted);
    /* 所属产业 merged down over D7:D9 fills row 8 */
    ck_assert_int_eq(b->industry, a->industry);
    ck_assert_int_ge(b->industry, 0);
}

static void check_progress_sheet(const char *path)
{
    const char *named = arena_printf(&memory, "%s:附件4", path);
    expect_counts(named, 2, 2, 0);
    const submission_file *f = file(named);
    ck_assert_int_eq(f->kind, KIND_PROGRESS);
    ck_assert_int_eq(f->sent, 20150930);
    ck_assert_uint_eq(s.progress.count, 2);
    const progress_record *r = vec_at(&s.progress, 0);
    ck_assert_int_eq(r->period.month, 9);
    ck_assert_int_eq(r->month_output, 1005000);
    ck_assert_int_eq(r->ytd_output, 9002500);
}

/* What LibreOffice's 信息经济 workbook holds, saved as .xlsx or as .xls: the same. */
static void check_two_form_workbook(const char *path)
{
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    check_form_sheet(path);
    check_progress_sheet(path);
    ck_assert_uint_eq(s.files.count, 2);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%1$s:附件2!M9: 列“累计完成投资”：“2001-02-03”是日期，不是数值（表格软件会把1.2.3"
        "这样的输入变成日期），请把单元格改为数值格式后重填\n"
        "%1$s:附件2!J10: 警告：列“总投资”：“1800”与本文件已接受的2行数据之和1700万元相差100万元，以数据行为准\n"
        "%1$s:附件2!K10: 警告：列“年度计划投资”：“450”与本文件已接受的2行数据之和400万元相差50万元，以数据行为准\n"
        "%1$s: 注：工作表“旧表”：隐藏的工作表，已跳过（要读入它，请在表格软件中取消隐藏后重新报送）\n"
        "%1$s: 注：工作表“Sheet4”：空工作表，已跳过\n", path));
}

START_TEST(libreoffice_xlsx_form_with_merges_and_two_sheets)
{
    check_two_form_workbook(DATA "信息经济.xlsx");
}
END_TEST

START_TEST(libreoffice_xls_form_with_merges_and_two_sheets)
{
    check_two_form_workbook(DATA "信息经济.xls");
    ck_assert_str_eq(file(DATA "信息经济.xls:附件2")->encoding, "BIFF8");
}
END_TEST

/* LibreOffice's 考核1904 workbook: the 1904 date system, percents under 0.0%. */
static void check_assessment_workbook(const char *file_path)
{
    ck_assert_int_eq(ingest_file(&ctx, file_path), 0);
    const char *path = arena_printf(&memory, "%s:考核", file_path);
    expect_counts(path, 2, 2, 0);
    ck_assert_int_eq(file(path)->sent, 20150930);
    ck_assert_int_eq(file(path)->period.month, 9); /* 2015.09 as a number */
    const assessment_record *a = vec_at(&s.assessments, 0), *b = vec_at(&s.assessments, 1);
    ck_assert_int_eq(a->land_pct_e4, 463000);
    ck_assert_int_eq(b->land_pct_e4, 717000);
    ck_assert_str_eq(messages(), "");
}

START_TEST(libreoffice_xlsx_in_the_1904_date_system_with_percents)
{
    check_assessment_workbook(DATA "考核1904.xlsx");
}
END_TEST

START_TEST(libreoffice_xls_in_the_1904_date_system_with_percents)
{
    check_assessment_workbook(DATA "考核1904.xls");
}
END_TEST

START_TEST(other_spreadsheets_are_refused_by_name)
{
    const char *dir = arena_printf(&memory, "%s/2015-09", scratch);
    command_result made = run_command("mkdir -p '%1$s' && touch '%1$s/a.et' '%1$s/b.ods' && "
                                      "cp '" DATA "信息经济.xlsx' '%1$s/c.xls'", dir);
    command_result_free(&made);
    ck_assert_int_eq(ingest_folder(&ctx, scratch, NULL), 0);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%1$s/a.et: 是WPS表格文件（.et），无法读取：请在WPS中“另存为”Excel工作簿（.xlsx）后再报送\n"
        "%1$s/b.ods: 是OpenDocument表格（.ods），无法读取：请在LibreOffice或WPS中“另存为”Excel工作簿（.xlsx）后再报送\n"
        "%1$s/c.xls: 文件实为.xlsx工作簿，扩展名却是.xls：请把扩展名改为.xlsx后再报送\n", dir));
    ck_assert_int_eq(s.skipped, 2);
    ck_assert(file(arena_printf(&memory, "%s/c.xls", dir))->rejected_whole);
}
END_TEST

/* ---- cell types ---- */

START_TEST(cell_types_of_a_hand_made_sheet)
{
    const char *data = arena_printf(&memory, "%s%s%s%s%s", inline_row(1, PROJECT_HEADER),
        /* shared strings (rich text with a phonetic run), a double off by one ulp, a
         * formula's cached value, 报告期 as a date shown as a month, 填报日期 as a serial */
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
        "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\" t=\"s\"><v>3</v></c><c r=\"E2\" t=\"s\"><v>4</v></c>"
        "<c r=\"F2\"><v>12.300000000000001</v></c><c r=\"G2\" s=\"5\"><v>3000</v></c>"
        "<c r=\"H2\"><f>F2/10</f><v>1.2300000000000002</v></c><c r=\"I2\"><v>1E+3</v></c>"
        "<c r=\"J2\" t=\"s\"><v>5</v></c><c r=\"K2\" t=\"s\"><v>6</v></c>"
        "<c r=\"L2\" s=\"3\"><v>42248</v></c><c r=\"M2\" s=\"1\"><v>42277</v></c></row>",
        /* a formula without its cached value */
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>T-3</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>乙</t></is></c>"
        "<c r=\"C3\" t=\"s\"><v>2</v></c><c r=\"D3\" t=\"s\"><v>3</v></c><c r=\"E3\" t=\"s\"><v>4</v></c>"
        "<c r=\"F3\"><f>SUM(F2:F2)</f></c><c r=\"G3\"><v>1</v></c><c r=\"I3\"><v>1</v></c><c r=\"J3\" t=\"s\"><v>5</v></c><c r=\"K3\" t=\"s\"><v>6</v></c>"
        "<c r=\"L3\" t=\"str\"><v>2015-09</v></c></row>",
        /* an error value, a percent in an amount column, a boolean as a date */
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>T-4</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>丙</t></is></c>"
        "<c r=\"C4\" t=\"s\"><v>2</v></c><c r=\"D4\" t=\"s\"><v>3</v></c><c r=\"E4\" t=\"s\"><v>4</v></c>"
        "<c r=\"F4\" t=\"e\"><v>#DIV/0!</v></c><c r=\"G4\" s=\"2\"><v>0.5</v></c><c r=\"I4\"><v>1</v></c>"
        "<c r=\"J4\" t=\"s\"><v>5</v></c><c r=\"K4\" t=\"s\"><v>6</v></c><c r=\"L4\" t=\"str\"><v>2015-09</v></c>"
        "<c r=\"M4\" t=\"b\"><v>1</v></c></row>",
        /* a number code under 000000, 报告期 as the number 201509 */
        "<row r=\"5\"><c r=\"A5\" s=\"4\"><v>12</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>丁</t></is></c>"
        "<c r=\"C5\" t=\"s\"><v>2</v></c><c r=\"D5\" t=\"s\"><v>3</v></c><c r=\"E5\" t=\"s\"><v>4</v></c>"
        "<c r=\"F5\"><v>100</v></c><c r=\"G5\"><v>1</v></c><c r=\"I5\"><v>1</v></c><c r=\"J5\" t=\"s\"><v>5</v></c><c r=\"K5\" t=\"s\"><v>6</v></c>"
        "<c r=\"L5\"><v>201509</v></c></row>");
    const char *strings =
        "<si><r><t>T-</t></r><r><t>1</t></r><rPh><t>ティー</t></rPh></si><si><t>甲</t></si>"
        "<si><t>信息经济产业</t></si><si><t>物联网</t></si><si><t>柳市镇</t></si>"
        "<si><t>在建</t></si><si><t>" OFFICE "</t></si>";
    const char *path = build_xlsx("types.xlsx", data, "", strings, false);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    expect_counts(named, 4, 2, 2);
    const project_record *r = vec_at(&s.projects, 0), *z = vec_at(&s.projects, 1);
    ck_assert_str_eq(r->code, "T-1");
    ck_assert_int_eq(r->total_investment, 123000);
    ck_assert_int_eq(r->annual_plan, 30000000);
    ck_assert_int_eq(r->month_investment, 12300);
    ck_assert_int_eq(r->ytd_investment, 10000000);
    ck_assert_int_eq(r->period.month, 9);
    ck_assert_str_eq(z->code, "000012");
    ck_assert_int_eq(z->period.month, 9);
    ck_assert_int_eq(file(named)->sent, 20150930);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%1$s!F3: 列“总投资”：“=SUM(F2:F2)”是公式，文件中没有保存它的计算结果（请在Excel或WPS中打开、重新计算并保存后再报送）\n"
        "%1$s!M4: 列“填报日期”：“TRUE”不是有效日期\n"
        "%1$s!G4: 列“年度计划投资”：“50%%”不是有效金额\n"
        "%1$s!F4: 列“总投资”：“#DIV/0!”是错误值，没有可读的数值\n", named));
}
END_TEST

START_TEST(numbers_as_excel_shows_them)
{
    char text[32];
    workbook_general(12.300000000000001, text);
    ck_assert_str_eq(text, "12.3");
    workbook_general(0.1 + 0.2, text);
    ck_assert_str_eq(text, "0.3");
    workbook_general(-0.0, text);
    ck_assert_str_eq(text, "0");
    workbook_general(123456789012345678.0, text);
    ck_assert_str_eq(text, "1.23456789012346E+17");
    workbook_general(2015001, text);
    ck_assert_str_eq(text, "2015001");
    int y, m, d;
    ck_assert(workbook_serial_date(42277, false, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 20150930);
    ck_assert(workbook_serial_date(40815.75, true, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 20150930);
    ck_assert(workbook_serial_date(59, false, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 19000228);
    ck_assert(workbook_serial_date(60, false, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 19000229);
    ck_assert(workbook_serial_date(61, false, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 19000301);
    ck_assert(workbook_serial_date(0, true, &y, &m, &d));
    ck_assert_int_eq(y * 10000 + m * 100 + d, 19040101);
    ck_assert(!workbook_serial_date(-1, false, &y, &m, &d));
    number_format f = workbook_format_of_code("yyyy\"年\"m\"月\";@");
    ck_assert_int_eq(f.kind, FORMAT_DATE);
    ck_assert(!f.shows_day);
    f = workbook_format_of_code("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy");
    ck_assert(f.kind == FORMAT_DATE && f.shows_day);
    f = workbook_format_of_code("#,##0.00_);[Red]\\(#,##0.00\\)");
    ck_assert(f.kind == FORMAT_FIXED && f.decimals == 2);
    f = workbook_format_of_code("0.00%");
    ck_assert_int_eq(f.kind, FORMAT_PERCENT);
    f = workbook_format_of_code("[Red]0.0");
    ck_assert(f.kind == FORMAT_FIXED && f.decimals == 1);
    ck_assert_int_eq(workbook_format_builtin(14).kind, FORMAT_DATE);
    ck_assert_int_eq(workbook_format_builtin(49).kind, FORMAT_TEXT);
    int column;
    long row;
    ck_assert(workbook_parse_reference("AB12", &column, &row) && column == 27 && row == 12);
    ck_assert(!workbook_parse_reference("A0", &column, &row));
    ck_assert(!workbook_parse_reference("12", &column, &row));
}
END_TEST

/* A project row of inline strings whose 总投资 (F) is the number cell <v>value</v>. */
static const char *number_row(long row, const char *code, const char *value)
{
    const char *texts[] = {code, "甲", "信息经济产业", "物联网", "柳市镇", "", "1", "1", "1", "在建",
                           OFFICE, "2015-09", NULL};
    const char *cells = inline_row(row, texts);
    return arena_printf(&memory, "%.*s<c r=\"F%ld\"><v>%s</v></c></row>",
                        (int)(strlen(cells) - strlen("</row>")), cells, row, value);
}

/* strtod's other numbers are no number a spreadsheet saves: hexadecimal, infinities
 * and NaNs are text, refused in an amount column (0x10 was read as 16 万元); " 50" is
 * read as the text it is, 1., 1E+3 and .5E1 as numbers. */
START_TEST(a_number_cell_holds_a_decimal_number_or_is_text)
{
    const char *values[] = {"0x10", "inf", "NaN", " 50", "1.", "1E+3", ".5E1", "1e", NULL};
    const char *data = inline_row(1, PROJECT_HEADER);
    for (int i = 0; values[i]; i++)
        data = arena_printf(&memory, "%s%s", data,
                            number_row(i + 2, arena_printf(&memory, "N-%d", i), values[i]));
    const char *path = build_xlsx("numbers.xlsx", data, "", NULL, false);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    expect_counts(named, 8, 4, 4);
    const money accepted[] = {500000, 10000, 10000000, 50000}; /* 万元 read as 元 */
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(((const project_record *)vec_at(&s.projects, i))->total_investment,
                         accepted[i]);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%1$s!F2: 列“总投资”：“0x10”不是有效金额\n%1$s!F3: 列“总投资”：“inf”不是有效金额\n"
        "%1$s!F4: 列“总投资”：“NaN”不是有效金额\n%1$s!F9: 列“总投资”：“1e”不是有效金额\n", named));
}
END_TEST

START_TEST(merged_cells_of_a_header_and_of_data)
{
    const char *data = arena_printf(&memory, "%s%s%s%s%s",
        inline_row(1, (const char *[]){"项目编号", "项目名称", "所属产业", "细分领域", "建设地点",
                                       "投资情况（万元）", "", "", "", "项目状态", "报送单位", "报告期", NULL}),
        inline_row(2, (const char *[]){"", "", "", "", "", "总投资", "年度计划投资", "本月完成投资",
                                       "累计完成投资", "", "", "", NULL}),
        inline_row(3, (const char *[]){"M-1", "甲", "信息经济产业", "物联网", "柳市镇", "10", "5", "1",
                                       "2", "在建", OFFICE, "2015-09", NULL}),
        inline_row(4, (const char *[]){"M-2", "乙", "", "", "虹桥镇", "20", "6", "1", "3", "在建", "",
                                       "", NULL}),
        inline_row(5, (const char *[]){"注：本表按月报送", NULL}));
    const char *merges = "<mergeCells><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:B2\"/>"
        "<mergeCell ref=\"C1:C2\"/><mergeCell ref=\"D1:D2\"/><mergeCell ref=\"E1:E2\"/>"
        "<mergeCell ref=\"F1:I1\"/><mergeCell ref=\"J1:J2\"/><mergeCell ref=\"K1:K2\"/>"
        "<mergeCell ref=\"L1:L2\"/><mergeCell ref=\"C3:C4\"/><mergeCell ref=\"D3:D4\"/>"
        "<mergeCell ref=\"K3:K4\"/><mergeCell ref=\"L3:L4\"/><mergeCell ref=\"A5:L5\"/></mergeCells>";
    const char *path = build_xlsx("merges.xlsx", data, merges, NULL, false);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    expect_counts(named, 2, 2, 0);
    ck_assert_str_eq(messages(), "");
    const project_record *a = vec_at(&s.projects, 0), *b = vec_at(&s.projects, 1);
    ck_assert_int_eq(b->industry, a->industry);
    ck_assert_int_eq(b->subsector, a->subsector);
    ck_assert_int_eq(b->total_investment, 200000);
    ck_assert_str_eq(file(named)->office, OFFICE);
}
END_TEST

/* A sheet may list 65,536 merges, all over the same column of every row: only the first
 * is walked (Excel saves no overlapping merges), so a million rows under them cost what
 * their cells do; walked each, they were 6.5e10 steps, far past the test's timeout. */
START_TEST(overlapping_merges_over_a_million_rows)
{
    const char *path = "big.xlsx";
    workbook w;
    workbook_init(&w, &memory);
    workbook_sheet *ws = workbook_add_sheet(&w, "附件2", false);
    for (long row = 1; row <= WORKBOOK_MAX_ROWS; row++)
        workbook_put(&w, ws, row, 0, SHEET_CELL_TEXT, "1");
    for (long i = 0; i < WORKBOOK_MAX_MERGES; i++)
        *(workbook_merge *)vec_push(&ws->merges) = (workbook_merge){1, WORKBOOK_MAX_ROWS, 1, 1};
    workbook_context c = {ctx.plan, ctx.store, &ctx.sums, ctx.today, {0}};
    ck_assert_int_eq(workbook_ingest(&w, path, &c), 1);
    workbook_free(&w);
    const char *named = "big.xlsx:附件2";
    expect_counts(named, WORKBOOK_MAX_ROWS - 1, 0, WORKBOOK_MAX_ROWS - 1);
    ck_assert_str_eq(messages(), "big.xlsx:附件2!1:1: 无法从表头判断文件类型（应有“项目编号”、"
                     "“上年同期累计产值”、“新兴产业用地占比”或“事项”与“内容”列），本文件1048575行数据均未计入\n");
}
END_TEST

/* ---- refusals ---- */

/* Rewrites the uncompressed size of every entry (local and central headers). */
static void claim_size(const char *path, unsigned long size)
{
    size_t length;
    unsigned char *bytes = (unsigned char *)read_whole_file(path, &length);
    ck_assert_ptr_nonnull(bytes);
    for (size_t i = 0; i + 30 < length; i++) {
        size_t at = 0;
        if (memcmp(bytes + i, "PK\3\4", 4) == 0)
            at = i + 22;
        else if (memcmp(bytes + i, "PK\1\2", 4) == 0)
            at = i + 24;
        for (int k = 0; at && k < 4; k++)
            bytes[at + k] = (unsigned char)(size >> (8 * k));
    }
    FILE *f = fopen(path, "wb");
    ck_assert_int_eq(fwrite(bytes, 1, length, f), length);
    fclose(f);
    free(bytes);
}

static const char *only_message(void)
{
    ck_assert_uint_eq(s.diags.items.count, 1);
    return diag_format(diag_at(&s.diags, 0), &memory);
}

START_TEST(zip_bomb_by_ratio)
{
    size_t size = 2 * 1024 * 1024;
    char *spaces = malloc(size + 1);
    memset(spaces, ' ', size);
    spaces[size] = '\0';
    const char *path = build_xlsx("bomb.xlsx", spaces, "", NULL, false);
    free(spaces);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *m = only_message();
    ck_assert_msg(strstr(m, "bomb.xlsx: 工作簿部件“xl/worksheets/s1.xml”的压缩比超过100:1（") != NULL, "%s", m);
    ck_assert_msg(strstr(m, "字节解压为2097264字节），疑为压缩炸弹，拒绝读取") != NULL, "%s", m);
    ck_assert(file(path)->rejected_whole);
    ck_assert_int_eq(file(path)->rows.read, 0);
}
END_TEST

START_TEST(zip_bomb_by_declared_sizes)
{
    /* one part over its limit; then five parts of 60 MiB, each within it, over the total */
    const char *path = build_xlsx("big.xlsx", "", "", NULL, false);
    claim_size(path, 65UL * 1024 * 1024);
    const char *total = build_xlsx("total.xlsx", "", "", "", false);
    claim_size(total, 60UL * 1024 * 1024);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_int_eq(ingest_file(&ctx, total), 0);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%s: 工作簿部件“xl/workbook.xml”解压后68157440字节，超过单个部件上限67108864字节，疑为压缩炸弹，拒绝读取\n"
        "%s: 工作簿解压后超过268435456字节的总上限，疑为压缩炸弹，拒绝读取\n", path, total));
}
END_TEST

START_TEST(zip_bomb_by_part_count)
{
    const char *path = arena_printf(&memory, "%s/many.xlsx", scratch);
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    for (int i = 0; i <= XLSX_MAX_PARTS; i++)
        add_text(z, arena_printf(&memory, "p%d", i), "");
    ck_assert_int_eq(zip_close(z), 0);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(only_message(), arena_printf(&memory,
        "%s: 工作簿含1001个部件，超过上限1000个，疑为压缩炸弹，拒绝读取", path));
}
END_TEST

/* A part whose tree would not fit in reasonable memory is refused before it is parsed:
 * 500,001 empty cells with a reference each, in a row of a sheet: 1,000,007 elements and attributes (the
 * tree: some 200 MB; 60 MB of <c/> took 2.1 GB). */
START_TEST(a_sheet_of_too_many_elements_is_refused_before_parsing)
{
    buffer cells;
    buffer_init(&cells);
    buffer_puts(&cells, "<row r=\"1\">");
    for (long i = 1; i <= XLSX_MAX_MARKUP / 2 + 1; i++)
        buffer_printf(&cells, "<c r=\"B%ld\"/>", i % 1000000 + 1);
    buffer_puts(&cells, "</row>");
    const char *path = build_xlsx("wide.xlsx", cells.data, "", NULL, false);
    buffer_free(&cells);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    ck_assert(file(named)->rejected_whole);
    ck_assert_str_eq(messages(), arena_printf(&memory, "%s: 工作簿部件“xl/worksheets/s1.xml”"
                     "含1000007个XML元素和属性，超过上限1000000个，拒绝读取\n", named));
}
END_TEST

/* Flips bytes inside the compressed data of the named part. */
static void corrupt_part(const char *path, const char *name)
{
    size_t length;
    unsigned char *bytes = (unsigned char *)read_whole_file(path, &length);
    ck_assert_ptr_nonnull(bytes);
    size_t n = strlen(name), at = 0;
    for (size_t i = 0; !at && i + 30 + n < length; i++)
        if (memcmp(bytes + i, "PK\3\4", 4) == 0 && memcmp(bytes + i + 30, name, n) == 0)
            at = i + 30 + n + (bytes[i + 28] | (size_t)bytes[i + 29] << 8);
    ck_assert_uint_gt(at, 0);
    for (size_t i = at + 8; i < at + 40 && i < length; i++)
        bytes[i] ^= 0x55;
    FILE *f = fopen(path, "wb");
    ck_assert_int_eq(fwrite(bytes, 1, length, f), length);
    fclose(f);
    free(bytes);
}

/* A sheet whose compressed bytes are damaged is refused with its reason; it was taken
 * for an empty sheet (a note, status 0) and its rows were lost without a word. */
START_TEST(a_sheet_that_does_not_inflate_is_refused_not_empty)
{
    const char *data = arena_printf(&memory, "%s%s", inline_row(1, PROJECT_HEADER),
                                     number_row(2, "D-1", "100"));
    const char *path = build_xlsx("damaged.xlsx", data, "", NULL, false);
    corrupt_part(path, "xl/worksheets/s1.xml");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    ck_assert(file(named)->rejected_whole);
    ck_assert_str_eq(messages(), arena_printf(&memory, "%s: 工作簿部件“xl/worksheets/s1.xml”损坏"
                     "（解压后的长度与声明不符），请在Excel或WPS中打开后另存为.xlsx再报送\n", named));
}
END_TEST

/* Thirty sheets that name one part of 9 MiB (a comment of letters that do not compress
 * much) read it once each: the reads stop at the total limit of 256 MiB, where twenty
 * such sheets over a part of 20 MB with one text cell took 1.3 GB (each kept its copy). */
/* Writes <scratch>/<name>: the sheets named (each the sheet xl/worksheets/s1.xml, whose
 * text is part); returns its path. */
static const char *build_sheets_over_one_part(const char *name, const char *const *names,
                                              const char *part, size_t size)
{
    const char *path = arena_printf(&memory, "%s/%s", scratch, name);
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    ck_assert_ptr_nonnull(z);
    const char *sheets = "";
    for (int i = 0; names[i]; i++)
        sheets = arena_printf(&memory, "%s<sheet name=\"%s\" sheetId=\"%d\" r:id=\"rId1\"/>",
                              sheets, names[i], i + 1);
    add_text(z, "xl/workbook.xml", arena_printf(&memory,
             "<workbook " NS " xmlns:r=\"" RNS "\"><sheets>%s</sheets></workbook>", sheets));
    add_text(z, "xl/_rels/workbook.xml.rels",
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"" RNS "/worksheet\" Target=\"/xl/worksheets/s1.xml\"/>"
             "</Relationships>");
    add_part(z, "xl/worksheets/s1.xml", part, size);
    ck_assert_int_eq(zip_close(z), 0);
    return path;
}

/* Two sheets of one name (Excel allows none; Sheet1 and SHEET1 are one name to it) would
 * be two submissions of one name: manifest.json listed the path twice and verify called
 * it no manifest of ours.  The workbook is refused whole. */
START_TEST(two_sheets_of_one_name_refuse_the_workbook)
{
    const char *part = arena_printf(&memory, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>",
                                    inline_row(1, PROJECT_HEADER));
    const char *path = build_sheets_over_one_part("twice.xlsx", (const char *[]){"附件2", "Sheet1",
                                                  "SHEET1", NULL}, part, strlen(part));
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert(file(path)->rejected_whole);
    ck_assert_str_eq(only_message(), arena_printf(&memory, "%s: 工作簿中有两张工作表都名为“SHEET1”"
                     "（Excel不允许同名），无法区分，拒绝读取：请给其中一张改名后重新报送", path));
}
END_TEST

/* Thirty sheets that name one part of 9 MiB (a comment of letters that do not compress
 * much) read it once each: the reads stop at the total limit of 256 MiB, where twenty
 * such sheets over a part of 20 MB with one text cell took 1.3 GB (each kept its copy). */
START_TEST(sheets_naming_one_part_read_no_more_than_the_total)
{
    const char *names[31];
    for (int i = 0; i < 30; i++)
        names[i] = arena_printf(&memory, "S%d", i + 1);
    names[30] = NULL;
    size_t size = 9 * 1024 * 1024;
    char *part = arena_alloc(&memory, size + 1);
    const char *head = "<worksheet " NS "><sheetData/><!--", *tail = "--></worksheet>";
    size_t letters = size - strlen(head) - strlen(tail);
    uint32_t x = 1;
    memcpy(part, head, strlen(head));
    for (size_t i = 0; i < letters; i++, x = x * 1103515245u + 12345u)
        part[strlen(head) + i] = (char)('a' + (x >> 16) % 26);
    memcpy(part + size - strlen(tail), tail, strlen(tail));
    const char *path = build_sheets_over_one_part("same.xlsx", names, part, size);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *bomb = "工作簿解压后超过268435456字节的总上限，疑为压缩炸弹，拒绝读取";
    const char *expected = "";
    for (int i = 1; i <= 28; i++)
        expected = arena_printf(&memory, "%s%s: 注：工作表“S%d”：空工作表，已跳过\n", expected, path, i);
    for (int i = 29; i <= 30; i++) {
        const char *named = arena_printf(&memory, "%s:S%d", path, i);
        ck_assert(file(named)->rejected_whole);
        expected = arena_printf(&memory, "%s%s: %s\n", expected, named, bomb);
    }
    ck_assert_str_eq(messages(), expected);
}
END_TEST

START_TEST(encrypted_and_broken_workbooks)
{
    const char *path = arena_printf(&memory, "%s/locked.xlsx", scratch);
    FILE *f = fopen(path, "wb");
    fwrite("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" "EncryptedPackage", 1, 24, f);
    fclose(f);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(only_message(), arena_printf(&memory,
        "%s: 工作簿设有打开密码（已加密），无法读取：请在Excel或WPS中取消密码（文件→信息→保护工作簿→"
        "用密码进行加密，清空密码）后另存为.xlsx再报送", path));
    const char *text = arena_printf(&memory, "%s/text.xlsx", scratch);
    f = fopen(text, "wb");
    fputs("项目编号,项目名称\n", f);
    fclose(f);
    ck_assert_int_eq(ingest_file(&ctx, text), 0);
    ck_assert(file(text)->rejected_whole);
    ck_assert(strstr(messages(), "text.xlsx: 不是有效的.xlsx工作簿（") != NULL);
}
END_TEST

START_TEST(broken_sheet_xml_is_that_sheet_refused)
{
    const char *path = build_xlsx("broken.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></c>", "", NULL, false);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const char *named = arena_printf(&memory, "%s:附件2", path);
    ck_assert(file(named)->rejected_whole);
    ck_assert_msg(strstr(messages(), "broken.xlsx:附件2: 工作簿部件“xl/worksheets/s1.xml”第1行无效：") != NULL,
                  "%s", messages());
}
END_TEST

static Suite *workbook_suite(void)
{
    Suite *suite = suite_create("workbook");
    TCase *t = tcase_create("xlsx");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, libreoffice_xlsx_form_with_merges_and_two_sheets);
    tcase_add_test(t, libreoffice_xlsx_in_the_1904_date_system_with_percents);
    tcase_add_test(t, libreoffice_xls_form_with_merges_and_two_sheets);
    tcase_add_test(t, libreoffice_xls_in_the_1904_date_system_with_percents);
    tcase_add_test(t, other_spreadsheets_are_refused_by_name);
    tcase_add_test(t, cell_types_of_a_hand_made_sheet);
    tcase_add_test(t, numbers_as_excel_shows_them);
    tcase_add_test(t, merged_cells_of_a_header_and_of_data);
    tcase_add_test(t, a_number_cell_holds_a_decimal_number_or_is_text);
    tcase_add_test(t, overlapping_merges_over_a_million_rows);
    tcase_add_test(t, zip_bomb_by_ratio);
    tcase_add_test(t, zip_bomb_by_declared_sizes);
    tcase_add_test(t, zip_bomb_by_part_count);
    tcase_add_test(t, a_sheet_of_too_many_elements_is_refused_before_parsing);
    tcase_add_test(t, a_sheet_that_does_not_inflate_is_refused_not_empty);
    tcase_add_test(t, sheets_naming_one_part_read_no_more_than_the_total);
    tcase_add_test(t, two_sheets_of_one_name_refuse_the_workbook);
    tcase_add_test(t, encrypted_and_broken_workbooks);
    tcase_add_test(t, broken_sheet_xml_is_that_sheet_refused);
    suite_add_tcase(suite, t);
    return suite;
}

int main(void)
{
    return run_suite(workbook_suite());
}
