/*
 * check_forms.c: `bulletin forms` end to end.  The real binary makes the sample's forms
 * for 2015-10 twice (the same bytes); the cells of one form are read back with the
 * program's own .xlsx reader and its checks (drop-down lists, number checks, locks) with
 * libzip; then the round trip: the form filled in here, by editing its sheet XML inside
 * the zip as a spreadsheet would save it, is read by the reader and by `bulletin check`
 * exactly; and a form filled in the same way and saved by LibreOffice (committed, made by
 * tests/data/forms/make.sh) is read exactly too.  Runs from the repository root.
 */
#include "testutil.h"
#include "ingest/ingest.h"
#include "ingest/xlsx.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define GROUP "信息经济产业专项行动工作组"
#define FORM2 GROUP "-附件2-2015-10.xlsx"
#define FORM4 GROUP "-附件4-2015-10.xlsx"
#define FIXTURE "tests/data/forms/" GROUP "-附件2-2015-10-libreoffice.xlsx"

static arena memory;
static char *scratch;
static workbook *opened[8]; /* read back, freed by teardown */
static size_t opened_count;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    scratch = make_scratch_folder();
}

static void teardown(void)
{
    while (opened_count > 0)
        workbook_free(opened[--opened_count]);
    remove_scratch_folder(scratch);
    arena_free(&memory);
}

/* Makes the forms of 2015-10 from the sample input into <scratch>/<name>; returns their
 * folder. */
static const char *make_forms(const char *name)
{
    command_result r = run_command("'%s' forms --period 2015-10 --now 2015-10-20 --input input "
                                   "--output '%s/%s' 2>&1", bulletin_binary(), scratch, name);
    ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.out);
    ck_assert_str_eq(r.out, arena_printf(&memory, "2015-10 的报表 12 份已写入 %s/%s/forms/2015-10/\n",
                                         scratch, name));
    command_result_free(&r);
    return arena_printf(&memory, "%s/%s/forms/2015-10", scratch, name);
}

/* ---- reading a workbook back ---- */

static workbook *read_workbook(const char *path)
{
    ck_assert_uint_lt(opened_count, sizeof opened / sizeof opened[0]);
    workbook *w = arena_alloc(&memory, sizeof *w);
    workbook_init(w, &memory);
    opened[opened_count++] = w;
    diag_list diags;
    diag_init(&diags, &memory);
    int fd = open(path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_msg(xlsx_read(fd, path, w, &diags), "%s unreadable", path);
    close(fd);
    diag_free(&diags);
    return w;
}

static const workbook_sheet *sheet_at(const workbook *w, size_t index, const char *name)
{
    ck_assert_uint_gt(w->sheets.count, index);
    const workbook_sheet *s = vec_at(&w->sheets, index);
    ck_assert_str_eq(s->name, name);
    return s;
}

/* The text of a cell named as Excel names it ("A1"), "" when empty. */
static const char *at(const workbook_sheet *s, const char *ref)
{
    int column = 0;
    while (*ref >= 'A' && *ref <= 'Z')
        column = column * 26 + (*ref++ - 'A' + 1);
    long row = strtol(ref, NULL, 10);
    for (size_t i = 0; i < s->entries.count; i++) {
        const workbook_entry *e = vec_at(&s->entries, i);
        if (e->row == row && e->column == column - 1)
            return e->cell.text;
    }
    return "";
}

/* One part of a zip, NUL-terminated, in memory. */
static char *zip_part(const char *path, const char *name)
{
    int error;
    zip_t *z = zip_open(path, ZIP_RDONLY, &error);
    ck_assert_ptr_nonnull(z);
    zip_stat_t st;
    ck_assert_int_eq(zip_stat(z, name, 0, &st), 0);
    char *text = arena_alloc(&memory, st.size + 1);
    zip_file_t *f = zip_fopen(z, name, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(zip_fread(f, text, st.size), (zip_int64_t)st.size);
    text[st.size] = '\0';
    zip_fclose(f);
    zip_discard(z);
    return text;
}

static void expect_part_has(const char *part, const char *fragment)
{
    ck_assert_msg(strstr(part, fragment) != NULL, "missing: %s", fragment);
}

/* ---- filling a form in, as a spreadsheet saves it ---- */

/* Replaces the empty cell ref (<c r="ref" s="n"/>) of a sheet's XML by one with content
 * (the inside of the <c> element: <v>…</v> or an inline string); returns the new XML. */
static char *fill_cell(const char *xml, const char *ref, const char *type, const char *content)
{
    const char *open = strstr(xml, arena_printf(&memory, "<c r=\"%s\" ", ref));
    ck_assert_msg(open != NULL, "no cell %s", ref);
    const char *end = strstr(open, "/>");
    const char *next = strstr(open, ">");
    ck_assert_msg(end && end + 1 == next, "cell %s is not empty", ref);
    return arena_printf(&memory, "%.*s%s>%s</c>%s", (int)(end - xml), xml, type, content, end + 2);
}

static char *fill_number(const char *xml, const char *ref, const char *number)
{
    return fill_cell(xml, ref, "", arena_printf(&memory, "<v>%s</v>", number));
}

static char *fill_text(const char *xml, const char *ref, const char *text)
{
    return fill_cell(xml, ref, " t=\"inlineStr\"", arena_printf(&memory, "<is><t>%s</t></is>", text));
}

/* Sets the cached value of the formula of a 合计 cell, as a spreadsheet does on saving. */
static char *set_total(const char *xml, const char *formula, const char *number)
{
    const char *f = strstr(xml, arena_printf(&memory, "<f>%s</f><v>", formula));
    ck_assert_msg(f != NULL, "no formula %s", formula);
    const char *v = strstr(f, "<v>") + 3, *v_end = strstr(v, "</v>");
    return arena_printf(&memory, "%.*s%s%s", (int)(v - xml), xml, number, v_end);
}

static void replace_part(const char *path, const char *name, const char *text)
{
    int error;
    zip_t *z = zip_open(path, 0, &error);
    ck_assert_ptr_nonnull(z);
    zip_source_t *source = zip_source_buffer(z, text, strlen(text), 0);
    ck_assert_ptr_nonnull(source);
    zip_int64_t index = zip_name_locate(z, name, 0);
    ck_assert_int_ge(index, 0);
    ck_assert_int_eq(zip_file_replace(z, (zip_uint64_t)index, source, 0), 0);
    ck_assert_int_eq(zip_close(z), 0);
}

/* 万元 as written ("428.6") plus 万元 as written, exactly, as the shortest decimal. */
static const char *add_wan(const char *a, const char *b)
{
    money x, y;
    ck_assert_int_eq(money_parse(a, 10000, &x), MONEY_OK);
    ck_assert_int_eq(money_parse(b, 10000, &y), MONEY_OK);
    ck_assert_int_eq(money_add(&x, y), 0);
    char text[32];
    return arena_strdup(&memory, money_format_wan(x, text));
}

enum { PROJECTS = 30, FIRST_ROW = 7, NEW_ROW = FIRST_ROW + PROJECTS, TOTAL_ROW = NEW_ROW + 10 };

/* The filling of tests/data/forms/make.sh, whose LibreOffice copy is committed: each
 * project's 本月完成投资 is 100 + its 序号, its 累计 last month's plus that; 项目状态
 * 在建 on the first; one new project on the first blank row; 填报日期 2015-10-30. */
static void fill_in(const char *path)
{
    const workbook_sheet *form = sheet_at(read_workbook(path), 0, "附件2");
    char *xml = zip_part(path, "xl/worksheets/sheet1.xml");
    const char *month_sum = "0", *ytd_sum = "0";
    for (int k = 1; k <= PROJECTS; k++) {
        long row = FIRST_ROW + k - 1;
        const char *month = arena_printf(&memory, "%d", 100 + k);
        const char *ytd = add_wan(at(form, arena_printf(&memory, "L%ld", row)), month);
        xml = fill_number(xml, arena_printf(&memory, "M%ld", row), month);
        xml = fill_number(xml, arena_printf(&memory, "N%ld", row), ytd);
        month_sum = add_wan(month_sum, month);
        ytd_sum = add_wan(ytd_sum, ytd);
    }
    xml = fill_text(xml, "O7", "在建");
    const char *new_row[][2] = {{"B", "XX2015-099"}, {"C", "新增测试项目"}, {"D", "信息经济产业"},
                                {"F", "柳市镇"}};
    for (size_t i = 0; i < sizeof new_row / sizeof new_row[0]; i++)
        xml = fill_text(xml, arena_printf(&memory, "%s%d", new_row[i][0], NEW_ROW), new_row[i][1]);
    const char *numbers[][2] = {{"J", "5000"}, {"K", "2000"}, {"M", "150.5"}, {"N", "150.5"}};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        xml = fill_number(xml, arena_printf(&memory, "%s%d", numbers[i][0], NEW_ROW), numbers[i][1]);
    month_sum = add_wan(month_sum, "150.5");
    ytd_sum = add_wan(ytd_sum, "150.5");
    xml = set_total(xml, arena_printf(&memory, "SUM(M7:M%d)", TOTAL_ROW - 1), month_sum);
    xml = set_total(xml, arena_printf(&memory, "SUM(N7:N%d)", TOTAL_ROW - 1), ytd_sum);
    xml = set_total(xml, arena_printf(&memory, "SUM(J7:J%d)", TOTAL_ROW - 1), "1098300");
    xml = set_total(xml, arena_printf(&memory, "SUM(K7:K%d)", TOTAL_ROW - 1), "367160");
    xml = fill_number(xml, "P3", "42307"); /* 2015-10-30 under the cell's date format */
    replace_part(path, "xl/worksheets/sheet1.xml", xml);
}

/* ---- the tests ---- */

START_TEST(the_sample_forms_twice_the_same_bytes)
{
    const char *a = make_forms("a"), *b = make_forms("b");
    command_result list = run_command("cd '%s' && ls | LC_ALL=C sort", a);
    ck_assert_str_eq(list.out,
                     "临港产业和现代物流专项行动工作组-附件2-2015-10.xlsx\n"
                     "临港产业和现代物流专项行动工作组-附件4-2015-10.xlsx\n"
                     "信息经济产业专项行动工作组-附件2-2015-10.xlsx\n"
                     "信息经济产业专项行动工作组-附件4-2015-10.xlsx\n"
                     "新材料产业专项行动工作组-附件2-2015-10.xlsx\n"
                     "新材料产业专项行动工作组-附件4-2015-10.xlsx\n"
                     "时尚旅游和文化产业专项行动工作组-附件2-2015-10.xlsx\n"
                     "时尚旅游和文化产业专项行动工作组-附件4-2015-10.xlsx\n"
                     "生命健康产业专项行动工作组-附件2-2015-10.xlsx\n"
                     "生命健康产业专项行动工作组-附件4-2015-10.xlsx\n"
                     "高端装备制造业专项行动工作组-附件2-2015-10.xlsx\n"
                     "高端装备制造业专项行动工作组-附件4-2015-10.xlsx\n");
    command_result_free(&list);
    command_result same = run_command("cd '%s' && for f in *; do cmp \"$f\" '%s'/\"$f\" || exit 1; done",
                                      a, b);
    ck_assert_int_eq(same.status, 0);
    command_result_free(&same);
}
END_TEST

/* December is a quarter's last month: the assessment and the quarterly items too. */
START_TEST(a_quarters_last_month_adds_assessment_and_quarterly_items)
{
    command_result r = run_command("'%s' forms --period 2015-12 --input input --output '%s' && "
                                   "cd '%s/forms/2015-12' && ls | LC_ALL=C sort | grep -v 附件",
                                   bulletin_binary(), scratch, scratch);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, arena_printf(&memory, "2015-12 的报表 17 份已写入 %s/forms/2015-12/\n"
                                         "市发改局-季度工作情况-2015-Q4.xlsx\n"
                                         "市发改局-考核数据-2015-12.xlsx\n"
                                         "市市场监管局-季度工作情况-2015-Q4.xlsx\n"
                                         "市科技局-季度工作情况-2015-Q4.xlsx\n"
                                         "市经信局-季度工作情况-2015-Q4.xlsx\n", scratch));
    command_result_free(&r);
    const char *folder = arena_printf(&memory, "%s/forms/2015-12/", scratch);
    const workbook_sheet *q = sheet_at(read_workbook(arena_printf(&memory, "%s市经信局-季度工作情况-2015-Q4.xlsx",
                                                                  folder)), 0, "季度工作情况");
    ck_assert_str_eq(at(q, "A1"), "2015年政策完善整合、品牌建设等工作情况表");
    ck_assert_str_eq(at(q, "A3"), "报告期：2015年第四季度");
    ck_assert_str_eq(at(q, "D4"), "内容");
    const workbook_sheet *k = sheet_at(read_workbook(arena_printf(&memory, "%s市发改局-考核数据-2015-12.xlsx",
                                                                  folder)), 0, "考核数据");
    ck_assert_str_eq(at(k, "C4"), "新兴产业用地占比（%）");
    ck_assert_str_eq(at(k, "B5"), ""); /* no row of a 单位 alone: it would read as zeros */
    expect_part_has(zip_part(arena_printf(&memory, "%s市发改局-考核数据-2015-12.xlsx", folder),
                             "xl/worksheets/sheet1.xml"),
                    "sqref=\"B5:B21\"><formula1>\"城东街道,");
}
END_TEST

/* Reads one filled form with the reader; returns the store's messages (s in memory). */
static const char *ingest_form(const char *path, store *s, plan *pl)
{
    store_init(s, &memory);
    ingest_context ctx;
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, pl, &s->diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", pl, s), 0);
    ingest_file(&ctx, path);
    ingest_close(&ctx);
    return store_messages(s, &memory);
}

/* 附件4 with every pre-filled row filled in, a quarterly form and the assessment with one
 * row each: read exactly, the blank rows not at all. */
START_TEST(progress_quarterly_and_assessment_forms_filled_in_are_read_exactly)
{
    command_result r = run_command("'%s' forms --period 2015-12 --input input --output '%s'",
                                   bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    const char *folder = arena_printf(&memory, "%s/forms/2015-12/", scratch);
    const char *progress = arena_printf(&memory, "%s" GROUP "-附件4-2015-12.xlsx", folder);
    const workbook_sheet *form = sheet_at(read_workbook(progress), 0, "附件4");
    char *xml = zip_part(progress, "xl/worksheets/sheet1.xml");
    static const char columns[] = "EFGHI";
    static const int base[] = {10, 100, 90, 20, 18};
    long rows = 0;
    while (at(form, arena_printf(&memory, "A%ld", FIRST_ROW + rows))[0])
        rows++;
    ck_assert_int_eq(rows, 40); /* input/2015-11/信息经济-进度.csv: 40 rows accepted */
    for (long k = 0; k < rows; k++)
        for (int c = 0; c < 5; c++)
            xml = fill_number(xml, arena_printf(&memory, "%c%ld", columns[c], FIRST_ROW + k),
                              arena_printf(&memory, "%ld", base[c] + k));
    for (int c = 0; c < 5; c++)
        xml = set_total(xml, arena_printf(&memory, "SUM(%c7:%c%ld)", columns[c], columns[c],
                                          FIRST_ROW + rows + 4),
                        arena_printf(&memory, "%ld", base[c] * rows + rows * (rows - 1) / 2));
    xml = fill_number(xml, "I3", "42369"); /* 2015-12-31 */
    replace_part(progress, "xl/worksheets/sheet1.xml", xml);
    store s;
    plan pl;
    ck_assert_str_eq(ingest_form(progress, &s, &pl),
                     arena_printf(&memory, "%s:填报说明: 注：这是填报说明，不是报表，已跳过\n", progress));
    ck_assert_int_eq(store_file_at(&s, arena_printf(&memory, "%s:附件4", progress))->rows.accepted, 40);
    money ytd = 0;
    for (size_t i = 0; i < s.progress.count; i++)
        ytd += ((const progress_record *)vec_at(&s.progress, i))->ytd_output;
    ck_assert_int_eq(ytd, (100 * 40 + 40 * 39 / 2) * 10000);
    store_free(&s);

    const char *items = arena_printf(&memory, "%s市经信局-季度工作情况-2015-Q4.xlsx", folder);
    xml = zip_part(items, "xl/worksheets/sheet1.xml");
    xml = fill_text(xml, "B5", "柳市镇");
    xml = fill_text(xml, "C5", "品牌建设");
    xml = fill_text(xml, "D5", "新增浙江名牌产品4个。");
    replace_part(items, "xl/worksheets/sheet1.xml", xml);
    ck_assert_str_eq(ingest_form(items, &s, &pl),
                     arena_printf(&memory, "%s:填报说明: 注：这是填报说明，不是报表，已跳过\n", items));
    ck_assert_uint_eq(s.quarterly.count, 1);
    const quarterly_record *item = vec_at(&s.quarterly, 0);
    ck_assert_int_eq(item->period.quarter, 4);
    ck_assert_str_eq(item->topic, "品牌建设");
    ck_assert_str_eq(item->content, "新增浙江名牌产品4个。");
    ck_assert_str_eq(store_file_at(&s, arena_printf(&memory, "%s:季度工作情况", items))->office,
                     "市经信局");
    store_free(&s);

    const char *assessment = arena_printf(&memory, "%s市发改局-考核数据-2015-12.xlsx", folder);
    xml = zip_part(assessment, "xl/worksheets/sheet1.xml");
    xml = fill_text(xml, "B5", "柳市镇");
    xml = fill_number(xml, "C5", "35.2");
    xml = fill_number(xml, "D5", "2");
    xml = fill_text(xml, "G5", "良好");
    xml = fill_text(xml, "H5", "是");
    replace_part(assessment, "xl/worksheets/sheet1.xml", xml);
    ck_assert_str_eq(ingest_form(assessment, &s, &pl),
                     arena_printf(&memory, "%s:填报说明: 注：这是填报说明，不是报表，已跳过\n",
                                  assessment));
    ck_assert_uint_eq(s.assessments.count, 1);
    const assessment_record *unit = vec_at(&s.assessments, 0);
    ck_assert_int_eq(unit->unit, plan_find_unit(&pl, "柳市镇"));
    ck_assert_int_eq(unit->land_pct_e4, 352000);
    ck_assert_int_eq(unit->new_platforms, 2);
    ck_assert_int_eq(unit->leading_enterprises, LEADING_GOOD);
    ck_assert(unit->annual_plan_done);
    store_free(&s);
}
END_TEST

START_TEST(the_cells_of_a_projects_form)
{
    const char *path = arena_printf(&memory, "%s/%s", make_forms("a"), FORM2);
    const workbook *w = read_workbook(path);
    ck_assert_uint_eq(w->sheets.count, 2);
    const workbook_sheet *s = sheet_at(w, 0, "附件2");
    ck_assert_str_eq(at(s, "A1"), "附件2");
    ck_assert_str_eq(at(s, "A2"), "2015年新兴产业重点项目实施情况一览表");
    ck_assert_str_eq(at(s, "A3"), "填报单位（盖章）：" GROUP);
    ck_assert_str_eq(at(s, "O3"), "填报日期：");
    ck_assert_str_eq(at(s, "P3"), "");
    ck_assert_str_eq(at(s, "A4"), "报告期：2015年1-10月");
    ck_assert_str_eq(at(s, "P4"), "单位：万元");
    const char *top[] = {"序号", "项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "建设单位",
                         "是否战略性新兴产业", "是否当年招引", "投资情况（万元）", "", "", "", "",
                         "项目状态", "存在问题"};
    const char *bottom[] = {"总投资", "年度计划投资", "上月累计完成投资（参考）", "本月完成投资",
                            "1-10月累计完成投资"};
    for (int c = 0; c < 16; c++) {
        char ref[8];
        snprintf(ref, sizeof ref, "%c5", 'A' + c);
        ck_assert_str_eq(at(s, ref), top[c]);
        snprintf(ref, sizeof ref, "%c6", 'A' + c);
        ck_assert_str_eq(at(s, ref), c >= 9 && c < 14 ? bottom[c - 9] : "");
    }
    const char *first[] = {"1", "XX2015-001", "年产5万台智能电气成套设备项目", "信息经济产业", "电子信息",
                           "城东街道", "温州云帆电子科技有限公司", "是", "否", "60600", "11980", "428.6",
                           "", "", "", ""};
    for (int c = 0; c < 16; c++) {
        char ref[8];
        snprintf(ref, sizeof ref, "%c7", 'A' + c);
        ck_assert_str_eq(at(s, ref), first[c]);
    }
    ck_assert_str_eq(at(s, "A36"), "30");
    ck_assert_str_eq(at(s, "B36"), "XX2015-030");
    ck_assert_str_eq(at(s, "A37"), ""); /* the blank rows have no 序号 */
    ck_assert_str_eq(at(s, "A47"), "合计");
    ck_assert_str_eq(at(s, "J47"), "1093300");
    ck_assert_str_eq(at(s, "K47"), "365160");
    ck_assert_str_eq(at(s, "L47"), "263375.6");
    ck_assert_str_eq(at(s, "M47"), "0");
    ck_assert_str_eq(at(s, "A49"), "注：1.本表请于2015年11月1日前报送市发改局产业科（联系人：王墅野，"
                                   "电话：61882130，传真：61882133）。");
    ck_assert_str_eq(at(s, "A51"), "3.灰色单元格已锁定；“上月累计完成投资（参考）”取自2015年9月报送的"
                                   "数据，仅供核对，不必填写。");
    ck_assert_str_eq(at(s, "B53"), "填表人：");
    ck_assert_str_eq(at(s, "B54"), "联系电话：");
    const workbook_sheet *guide = sheet_at(w, 1, "填报说明");
    ck_assert_str_eq(at(guide, "A1"), "填报说明");
    ck_assert_str_eq(at(guide, "A3"), "1.本文件是" GROUP "2015年1-10月的《2015年新兴产业重点项目实施"
                                      "情况一览表》，由乐清市新兴产业月报程序生成。");
    ck_assert_str_eq(at(guide, "A11"), "9.请于2015年11月1日前将填好的文件以电子邮件报送市发改局产业科"
                                       "（联系人：王墅野，电话：61882130，传真：61882133），文件名不必修改。");

    const char *xml = zip_part(path, "xl/worksheets/sheet1.xml");
    expect_part_has(xml, "<f>SUM(J7:J46)</f><v>1093300</v>");
    expect_part_has(xml, "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" "
                         "formatColumns=\"0\" formatRows=\"0\" insertRows=\"0\"/>");
    expect_part_has(xml, "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
                         "showErrorMessage=\"1\" errorTitle=\"输入有误\" error=\"请从下拉列表中选择本年计划中的镇街。\" sqref=\"F7:F46\">"
                         "<formula1>\"城东街道,乐成街道,城南街道,盐盆街道,翁垟街道,白石街道,石帆街道,天成街道,"
                         "柳市镇,北白象镇,虹桥镇,淡溪镇,清江镇,芙蓉镇,大荆镇,仙溪镇,雁荡镇\"</formula1>");
    expect_part_has(xml, "sqref=\"D7:D46\"><formula1>\"信息经济产业,高端装备制造业,生命健康产业,"
                         "时尚旅游和文化产业,临港产业和现代物流,新材料产业\"</formula1>");
    expect_part_has(xml, "sqref=\"E7:E46\"><formula1>\"电子信息,物联网,网络经济\"</formula1>");
    expect_part_has(xml, "sqref=\"O7:O46\"><formula1>\"前期,在建,竣工,投产\"</formula1>");
    expect_part_has(xml, "<dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\" "
                         "allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" "
                         "errorTitle=\"输入有误\" error=\"请填写不小于0的数字（单位：万元）。\" "
                         "sqref=\"N7:N46\"><formula1>0</formula1>");
    /* identity cells locked (the default), the cells to fill not */
    const char *styles = zip_part(path, "xl/styles.xml");
    expect_part_has(styles, "<protection locked=\"0\"/>");
}
END_TEST

START_TEST(a_progress_form_names_its_columns_for_the_reader)
{
    const char *path = arena_printf(&memory, "%s/%s", make_forms("a"), FORM4);
    const workbook_sheet *s = sheet_at(read_workbook(path), 0, "附件4");
    ck_assert_str_eq(at(s, "A2"), "2015年新兴产业实施进度情况一览表");
    ck_assert_str_eq(at(s, "E5"), "产值（万元）");
    ck_assert_str_eq(at(s, "H5"), "增加值（万元）");
    ck_assert_str_eq(at(s, "F6"), "1-10月累计");
    ck_assert_str_eq(at(s, "B7"), "城东街道");
    ck_assert_str_eq(at(s, "C7"), "信息经济产业");
    ck_assert_str_eq(at(s, "D7"), "电子信息");
    ck_assert_str_eq(at(s, "E7"), "");
}
END_TEST

/* The reader of submissions, on a filled form: every row as filled, to the 元. */
static void expect_read_exactly(const char *path, const char *sheet_path)
{
    arena a = {0};
    store st;
    store_init(&st, &a);
    plan pl;
    ingest_context ctx;
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &a, &pl, &st.diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", &pl, &st), 0);
    ingest_file(&ctx, path);
    ck_assert_str_eq(store_messages(&st, &a),
                     arena_printf(&a, "%s:填报说明: 注：这是填报说明，不是报表，已跳过\n", path));
    const submission_file *f = store_file_at(&st, sheet_path);
    ck_assert_int_eq(f->rows.read, PROJECTS + 1);
    ck_assert_int_eq(f->rows.accepted, PROJECTS + 1);
    ck_assert_int_eq(f->rows.warned, 0);
    ck_assert_int_eq(f->sent, 20151030);
    ck_assert_int_eq(f->period.month, 10);
    ck_assert_uint_eq(st.projects.count, PROJECTS + 1);
    const project_record *first = vec_at(&st.projects, 0);
    ck_assert_str_eq(first->code, "XX2015-001");
    ck_assert_int_eq(first->month_investment, 1010000);      /* 101 万元 */
    ck_assert_int_eq(first->ytd_investment, 4286000 + 1010000); /* 428.6 + 101 */
    ck_assert_int_eq(first->total_investment, 606000000);
    ck_assert_int_eq(first->status, STATUS_BUILDING);
    money month = 0, ytd = 0;
    for (size_t i = 0; i < st.projects.count; i++) {
        const project_record *p = vec_at(&st.projects, i);
        ck_assert_int_eq(p->fate, FATE_ACCEPTED);
        month += p->month_investment;
        ytd += p->ytd_investment;
    }
    ck_assert_int_eq(month, (101 + 100 + PROJECTS) * PROJECTS / 2 * 10000 + 1505000);
    ck_assert_int_eq(ytd, 2633756000 + month);
    const project_record *added = vec_at(&st.projects, PROJECTS);
    ck_assert_str_eq(added->code, "XX2015-099");
    ck_assert_int_eq(added->unit, plan_find_unit(&pl, "柳市镇"));
    ck_assert_int_eq(added->annual_plan, 20000000);
    ingest_close(&ctx);
    store_free(&st);
    arena_free(&a);
}

START_TEST(a_form_filled_in_is_read_exactly)
{
    const char *folder = make_forms("a");
    const char *in = arena_printf(&memory, "%s/in/2015-10", scratch);
    command_result made = run_command("mkdir -p '%s' && cp '%s/%s' '%s/'", in, folder, FORM2, in);
    ck_assert_int_eq(made.status, 0);
    command_result_free(&made);
    const char *path = arena_printf(&memory, "%s/%s", in, FORM2);
    fill_in(path);
    expect_read_exactly(path, arena_printf(&memory, "%s:附件2", path));
    command_result r = run_command("'%s' check --input input '%s'", bulletin_binary(), path);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "bulletin check: 2 个文件（拒收 0 个，跳过 0 项），读入 31 行：接受 31 行"
                            "（其中警告 0 行），拒收 0 行，被替代 0 行\n");
    command_result_free(&r);
}
END_TEST

START_TEST(a_form_filled_in_and_saved_by_libreoffice_is_read_exactly)
{
    expect_read_exactly(FIXTURE, FIXTURE ":附件2");
}
END_TEST

/* `run` on the sample with 信息经济's October report replaced by the LibreOffice-saved
 * form: its 31 rows in the month's figures, to the last digit. */
START_TEST(a_filled_form_in_the_input_folder_is_read_by_run)
{
    command_result r = run_command(
        "cp -r input '%s/in' && rm '%s/in/2015-10/信息经济-项目.csv' && cp '%s' '%s/in/2015-10/' && "
        "'%s' run --period 2015-10 --now 2015-11-02 --input '%s/in' --output '%s/out' 2>&1",
        scratch, scratch, FIXTURE, scratch, bulletin_binary(), scratch, scratch);
    ck_assert_msg(r.status == 0 || r.status == 3, "status %d: %s", r.status, r.out);
    command_result_free(&r);
    size_t length;
    char *summary = read_whole_file(arena_printf(&memory, "%s/out/2015-10/summary.json", scratch),
                                    &length);
    ck_assert_ptr_nonnull(summary);
    expect_part_has(summary, "\"by_industry\": [\n      {\n        \"name\": \"信息经济产业\",\n"
                             "        \"count\": 31,\n        \"annual_plan_wan\": 367160,\n"
                             "        \"ytd_investment_wan\": 266991.1,\n");
    free(summary);
    char *manifest = read_whole_file(arena_printf(&memory, "%s/out/2015-10/manifest.json", scratch),
                                     &length);
    ck_assert_ptr_nonnull(manifest);
    const char *entry = strstr(manifest, "-附件2-2015-10-libreoffice.xlsx:附件2\"");
    ck_assert_ptr_nonnull(entry);
    expect_part_has(strstr(entry, "\"rows\""), "\"rows\": {\n        \"read\": 31,\n"
                    "        \"accepted\": 31,\n        \"warned\": 0,\n        \"rejected\": 0,");
    free(manifest);
}
END_TEST

/* An office of the plan named with a solidus or a leading dot: its form stays in the
 * folder, visible. */
START_TEST(an_office_name_never_leaves_the_folder)
{
    command_result r = run_command(
        "cp -r input '%s/in' && sed -i 's|<office name=\"市经信局\"|<office name=\"../市经信局/产业科\"|' "
        "'%s/in/plan.xml' && '%s' forms --period 2015-12 --input '%s/in' --output '%s/out' >/dev/null && "
        "cd '%s/out/forms/2015-12' && ls | grep 市经信局 && ls .. '%s/out' | grep -c 市经信局",
        scratch, scratch, bulletin_binary(), scratch, scratch, scratch, scratch);
    ck_assert_str_eq(r.out, "．.／市经信局／产业科-季度工作情况-2015-Q4.xlsx\n0\n");
    command_result_free(&r);
}
END_TEST

/* The wording is policy (templates/forms.xml): an unknown placeholder is named with its
 * line, status 65, and no form is written. */
START_TEST(the_wording_comes_from_the_template)
{
    command_result r = run_command(
        "mkdir '%s/data' && cp -r schemas templates '%s/data/' && "
        "sed -i 's|<guide>已预先填好：填报单位和报告期。</guide>|<guide>请找{who}。</guide>|' "
        "'%s/data/templates/forms.xml' && BULLETIN_DATADIR='%s/data' '%s' forms --period 2015-10 "
        "--input input --output '%s/out' 2>&1; echo \"status $?\"; ls '%s/out/forms' | wc -l",
        scratch, scratch, scratch, scratch, bulletin_binary(), scratch, scratch);
    ck_assert_str_eq(r.out, arena_printf(&memory, "%s/data/templates/forms.xml:41: 报表文字无效："
                                         "未知的占位符“{who}”（可用：{office} {period} {month} {months} "
                                         "{title} {due} {contact} {last}）\nstatus 65\n0\n", scratch));
    command_result_free(&r);
}
END_TEST

START_TEST(no_period_means_this_month_and_bad_options_are_usage_errors)
{
    command_result r = run_command("'%s' forms --now 2015-11-03 --input input --output '%s'",
                                   bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, arena_printf(&memory, "2015-11 的报表 12 份已写入 %s/forms/2015-11/\n",
                                         scratch));
    command_result_free(&r);
    r = run_command("'%s' forms --period 2015-10 --format csv --output '%s' 2>&1", bulletin_binary(),
                    scratch);
    ck_assert_int_eq(r.status, 64);
    ck_assert_str_eq(r.out, "bulletin: forms 不接受 --format（bulletin --help 查看用法）\n");
    command_result_free(&r);
    r = run_command("'%s' forms --period 2015-10 --input '%s/none' --output '%s' 2>&1",
                    bulletin_binary(), scratch, scratch);
    ck_assert_int_eq(r.status, 66);
    command_result_free(&r);
    /* another run holds the lock: 75 and nothing changed; a usage error is said first */
    r = run_command("flock '%s' '%s' forms --period 2015-10 --input input --output '%s' 2>&1",
                    scratch, bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 75);
    ck_assert_str_eq(r.out, arena_printf(&memory, "%s: 另一个 bulletin 正在运行（输出文件夹已加锁），"
                                         "本次未做任何改动\n", scratch));
    command_result_free(&r);
    r = run_command("flock '%s' '%s' forms --template x --output '%s' 2>&1", scratch,
                    bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 64);
    command_result_free(&r);
}
END_TEST

static Suite *forms_suite(void)
{
    Suite *suite = suite_create("forms");
    TCase *t = tcase_create("forms");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 240);
    tcase_add_test(t, the_sample_forms_twice_the_same_bytes);
    tcase_add_test(t, a_quarters_last_month_adds_assessment_and_quarterly_items);
    tcase_add_test(t, the_cells_of_a_projects_form);
    tcase_add_test(t, a_progress_form_names_its_columns_for_the_reader);
    tcase_add_test(t, a_form_filled_in_is_read_exactly);
    tcase_add_test(t, progress_quarterly_and_assessment_forms_filled_in_are_read_exactly);
    tcase_add_test(t, a_form_filled_in_and_saved_by_libreoffice_is_read_exactly);
    tcase_add_test(t, a_filled_form_in_the_input_folder_is_read_by_run);
    tcase_add_test(t, an_office_name_never_leaves_the_folder);
    tcase_add_test(t, the_wording_comes_from_the_template);
    tcase_add_test(t, no_period_means_this_month_and_bad_options_are_usage_errors);
    suite_add_tcase(suite, t);
    return suite;
}

int main(void)
{
    return run_suite(forms_suite());
}
