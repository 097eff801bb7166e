/*
 * check_ingest.c: submissions → store, end to end on the fixtures in tests/data/ingest
 * with the real input/plan.xml: exact 元 values, exact messages (file:line: 列“…”：“…”
 * reason), every row accounted for, CSV line numbers, the 样表 form, every encoding,
 * superseding, streaming in bounded memory, and XML that must not expand or load
 * anything.  Runs from the repository root.
 */
#include "testutil.h"
#include "ingest/planfile.h"
#include "ingest/builder.h"
#include "ingest/csvfile.h"
#include "model/digest.h"
#include "ingest/encoding.h"
#include "ingest/ingest.h"
#include "ingest/table.h"
#include "model/text.h"

#include <check.h>
#include <csv.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/ingest/"

static arena memory;
static store s;
static plan p;
static ingest_context ctx;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    store_init(&s, &memory);
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, &p, &s.diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", &p, &s), 0);
}

static char *xml_folder; /* a scratch folder of write_projects_xml, or NULL */

static void teardown(void)
{
    if (xml_folder)
        remove_scratch_folder(xml_folder);
    xml_folder = NULL;
    ingest_close(&ctx);
    store_free(&s);
    arena_free(&memory);
}

/* Every message of the store, one per line, as diag_format writes them. */
static const char *messages(void)
{
    return store_messages(&s, &memory);
}

static const submission_file *file(const char *path)
{
    return store_file_at(&s, path);
}

static void expect_counts(const char *path, long read, long accepted, long warned,
                          long rejected, long superseded)
{
    const row_counts *c = &file(path)->rows;
    ck_assert_int_eq(c->read, read);
    ck_assert_int_eq(c->accepted, accepted);
    ck_assert_int_eq(c->warned, warned);
    ck_assert_int_eq(c->rejected, rejected);
    ck_assert_int_eq(c->superseded, superseded);
}

static const project_record *project(size_t index)
{
    ck_assert_uint_lt(index, s.projects.count);
    return vec_at(&s.projects, index);
}

static const progress_record *progress(size_t index)
{
    ck_assert_uint_lt(index, s.progress.count);
    return vec_at(&s.progress, index);
}

static int industry(const char *name)
{
    return plan_find_industry(&p, name);
}

static int unit(const char *name)
{
    return plan_find_unit(&p, name);
}

static int subsector(const char *name)
{
    int owner;
    return plan_find_subsector(&p, name, &owner);
}

static char *hex(const unsigned char *bytes, size_t n)
{
    char *out = arena_alloc(&memory, n * 2 + 1);
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    return out;
}

/* A file that cannot be decoded or parsed: one message, rejected whole, no row counted. */
static void expect_unreadable(const char *path, const char *message)
{
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), message);
    ck_assert(file(path)->rejected_whole);
    expect_counts(path, 0, 0, 0, 0, 0);
    ck_assert_uint_eq(s.projects.count + s.progress.count, 0);
}

START_TEST(plain_projects_csv_exact_values)
{
    const char *path = DATA "good/2015-09/信息经济-项目.csv";
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(), "");
    const submission_file *f = file(path);
    ck_assert_int_eq(f->kind, KIND_PROJECTS);
    ck_assert_str_eq(f->office, "信息经济产业专项行动工作组");
    ck_assert(f->has_period && f->period.year == 2015 && f->period.month == 9);
    ck_assert_int_eq(f->sent, 20150930);
    ck_assert_str_eq(f->encoding, "UTF-8");
    ck_assert_str_eq(hex(f->sha256, 32),
                     "56ccd82c0524f377d4d77b264ff488ed33fd11faf27004c063acfacd1b578d74");
    expect_counts(path, 3, 3, 0, 0, 0);
    ck_assert_uint_eq(s.projects.count, 3);

    const project_record *r = project(0);
    ck_assert_int_eq(r->origin.line, 2);
    ck_assert_str_eq(r->code, "XX2015-001");
    ck_assert_str_eq(r->name, "智能电气物联网产业园");
    ck_assert_int_eq(r->industry, industry("信息经济产业"));
    ck_assert_int_eq(r->subsector, subsector("物联网"));
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert_str_eq(r->owner, "某电气集团");
    ck_assert(r->strategic && !r->attracted);
    ck_assert_int_eq(r->total_investment, 2500000000);  /* 25 in a 亿元 column */
    ck_assert_int_eq(r->annual_plan, 300000000);        /* 3.0E+04 万元 */
    ck_assert(r->has_month_investment);
    ck_assert_int_eq(r->month_investment, 21000000);
    ck_assert_int_eq(r->ytd_investment, 180000000);
    ck_assert_int_eq(r->status, STATUS_BUILDING);
    ck_assert_str_eq(r->issues, "土地指标未落实");

    r = project(1); /* after an all-empty row and a blank line */
    ck_assert_int_eq(r->origin.line, 5);
    ck_assert_int_eq(r->unit, unit("北白象镇"));
    ck_assert(!r->strategic && r->attracted);
    ck_assert_int_eq(r->total_investment, 120000000);   /* 1.2亿元 in the cell */
    ck_assert_int_eq(r->annual_plan, 50000000);         /* '5000 */
    ck_assert_int_eq(r->month_investment, 1235000);     /* １２３．５ */
    ck_assert_int_eq(r->ytd_investment, 34567800);      /* "3,456.78" */
    ck_assert_int_eq(r->status, STATUS_PRELIMINARY);
    ck_assert_ptr_null(r->issues);

    r = project(2); /* the sub-sector alone names the industry; √ and × */
    ck_assert_int_eq(r->origin.line, 6);
    ck_assert_int_eq(r->industry, industry("信息经济产业"));
    ck_assert_int_eq(r->subsector, subsector("网络经济"));
    ck_assert_int_eq(r->unit, unit("乐成街道"));
    ck_assert(r->strategic && !r->attracted);
    ck_assert_int_eq(r->total_investment, 8000000);     /* ０．０８ 亿元 */
    ck_assert(!r->has_month_investment);                /* "-" */
    ck_assert_int_eq(r->ytd_investment, 1200000);
    ck_assert_str_eq(r->issues, "资金\r\n到位较慢");
}
END_TEST

START_TEST(plain_progress_csv_exact_values)
{
    const char *path = DATA "good/2015-09/信息经济-进度.csv";
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(), "");
    expect_counts(path, 3, 3, 0, 0, 0);
    ck_assert_int_eq(file(path)->sent, 0); /* date unknown */
    ck_assert_uint_eq(s.progress.count, 3);
    const progress_record *r = progress(0);
    ck_assert_int_eq(r->origin.line, 2);
    ck_assert(r->period.year == 2015 && r->period.month == 9);
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert_int_eq(r->industry, industry("信息经济产业"));
    ck_assert_int_eq(r->subsector, subsector("电子信息"));
    ck_assert(r->has_month_output);
    ck_assert_int_eq(r->month_output, 12005000);
    ck_assert_int_eq(r->ytd_output, 108000000);
    ck_assert_int_eq(r->prior_ytd_output, 96000000);
    ck_assert_int_eq(r->ytd_value_added, 21600000);
    ck_assert_int_eq(r->prior_ytd_value_added, 19200000);
    r = progress(2); /* 报告期 and 报送单位 empty: the file's; "虹 桥 镇" squeezed */
    ck_assert_int_eq(r->unit, unit("虹桥镇"));
    ck_assert_int_eq(r->subsector, -1);
    ck_assert(r->period.year == 2015 && r->period.month == 9);
    ck_assert_int_eq(r->ytd_output, 72000000);
}
END_TEST

START_TEST(project_rules_reject_and_warn)
{
    const char *path = DATA "rules/2015-09/项目-规则.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(),
        DATA "rules/2015-09/项目-规则.csv:3: 列“累计完成投资”：“12,3a”不是有效金额\n"
        DATA "rules/2015-09/项目-规则.csv:4: 列“总投资”：“-5”金额不能为负数\n"
        DATA "rules/2015-09/项目-规则.csv:5: 列“年度计划投资”：“500.00001”金额精度超过1元\n"
        DATA "rules/2015-09/项目-规则.csv:6: 列“年度计划投资”：缺少必填值\n"
        DATA "rules/2015-09/项目-规则.csv:7: 列“建设地点”：“火星镇”不是计划中的考核单位\n"
        DATA "rules/2015-09/项目-规则.csv:8: 列“所属产业”：“区块链产业”不是计划中的产业\n"
        DATA "rules/2015-09/项目-规则.csv:9: 列“细分领域”：“物联网”不属于所属产业“高端装备制造业”\n"
        DATA "rules/2015-09/项目-规则.csv:10: 列“项目编号”：“R-01”与第2行重复\n"
        DATA "rules/2015-09/项目-规则.csv:11: 警告：列“本月完成投资”：“450”大于累计完成投资“400”\n"
        DATA "rules/2015-09/项目-规则.csv:12: 警告：列“累计完成投资”：“301”超过年度计划投资“200”的150%\n"
        DATA "rules/2015-09/项目-规则.csv:14: 列“细分领域”：“区块链”不是计划中的细分领域\n"
        DATA "rules/2015-09/项目-规则.csv:15: 列“项目编号”：缺少必填值\n"
        DATA "rules/2015-09/项目-规则.csv:16: 列“是否当年招引”：“也许”不是有效的是/否值\n"
        DATA "rules/2015-09/项目-规则.csv:16: 列“项目状态”：“停工”不是有效项目状态（应为前期、在建、竣工或投产）\n"
        DATA "rules/2015-09/项目-规则.csv:16: 列“所属产业”：缺少必填值\n"
        DATA "rules/2015-09/项目-规则.csv:17: 列“报送单位”：“高端装备制造业专项行动工作组”与本文件的报送单位“信息经济产业专项行动工作组”不一致\n");
    expect_counts(path, 16, 4, 2, 12, 0);
    ck_assert_uint_eq(s.projects.count, 4);
    ck_assert_str_eq(project(0)->code, "R-01");
    ck_assert_str_eq(project(0)->name, "正常项目");
    ck_assert(!project(0)->warned);
    ck_assert_str_eq(project(1)->code, "R-09");
    ck_assert(project(1)->warned);
    ck_assert_str_eq(project(2)->code, "R-10");
    ck_assert(project(2)->warned);
    ck_assert_str_eq(project(3)->code, "R-11"); /* exactly 150 %: no warning */
    ck_assert(!project(3)->warned);
}
END_TEST

START_TEST(progress_rules_reject_and_warn)
{
    const char *path = DATA "rules/2015-09/进度-规则.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(),
        DATA "rules/2015-09/进度-规则.csv:2: 列“细分领域”：为空（产业整体），而本文件第3行已按细分领域填报同一单位和产业，整体行不计入\n"
        DATA "rules/2015-09/进度-规则.csv:5: 警告：列“本月产值”：“600”大于累计产值“500”\n"
        DATA "rules/2015-09/进度-规则.csv:6: 警告：列“累计增加值”：“201”比上年同期“100”增长101.0%，超过100%\n"
        DATA "rules/2015-09/进度-规则.csv:7: 警告：列“累计增加值”：“49”比上年同期“100”下降51.0%，超过50%\n"
        DATA "rules/2015-09/进度-规则.csv:10: 列“单位”：“柳市镇”与第3行重复（单位、所属产业、细分领域均相同）\n"
        DATA "rules/2015-09/进度-规则.csv:11: 列“报告期”：“2015-08”与本文件的报告期2015-09不一致\n");
    expect_counts(path, 10, 7, 3, 3, 0);
    ck_assert_uint_eq(s.progress.count, 7);
    const progress_record *r = progress(0); /* line 3: 电子信息 alone names its industry */
    ck_assert_int_eq(r->origin.line, 3);
    ck_assert_int_eq(r->industry, industry("信息经济产业"));
    ck_assert_int_eq(r->subsector, subsector("电子信息"));
    ck_assert_int_eq(r->ytd_output, 5000000);
    ck_assert(progress(2)->warned && progress(3)->warned && progress(4)->warned);
    ck_assert(!progress(5)->warned && !progress(6)->warned); /* +100 % and −50 % exactly */
    ck_assert_int_eq(progress(5)->origin.line, 8);
    ck_assert_int_eq(progress(6)->origin.line, 9);
}
END_TEST

START_TEST(quoted_newline_and_blank_line_keep_line_numbers)
{
    const char *path = DATA "csv/2015-09/换行.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), DATA "csv/2015-09/换行.csv:5: 列“累计完成投资”：“abc”不是有效金额\n");
    expect_counts(path, 3, 2, 0, 1, 0);
    ck_assert_int_eq(project(0)->origin.line, 2);
    ck_assert_str_eq(project(0)->name, "多行\n名称");
    ck_assert_int_eq(project(1)->origin.line, 6);
    ck_assert_str_eq(project(1)->code, "Q-03");
    ck_assert_str_eq(project(1)->name, "引号内\"双引号\"");
}
END_TEST

START_TEST(quoting_error_rejects_the_file)
{
    expect_unreadable(DATA "csv/2015-09/引号错误.csv",
        DATA "csv/2015-09/引号错误.csv:3: 第2列（第9个字符）引号使用有误，文件未读入（不计行数）\n");
}
END_TEST

START_TEST(tab_separated_text)
{
    const char *path = DATA "csv/2015-09/进度.txt";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    expect_counts(path, 2, 2, 0, 0, 0);
    ck_assert_str_eq(file(path)->office, "高端装备制造业专项行动工作组");
    ck_assert_int_eq(progress(0)->industry, industry("高端装备制造业"));
    ck_assert_int_eq(progress(0)->subsector, subsector("激光与光电"));
    ck_assert_int_eq(progress(0)->ytd_output, 10000000);
    ck_assert_int_eq(progress(1)->origin.line, 4);
    ck_assert_int_eq(progress(1)->subsector, subsector("轨道交通"));
}
END_TEST

START_TEST(invalid_utf8_rejects_the_file_with_its_offset)
{
    expect_unreadable(DATA "csv/2015-09/编码错误.csv",
        DATA "csv/2015-09/编码错误.csv:3: 字节偏移186处的字节不是有效的UTF-8或GB18030编码，文件未读入（不计行数）\n");
}
END_TEST

START_TEST(files_without_office_period_or_kind)
{
    ck_assert_int_eq(ingest_folder(&ctx, DATA "meta", NULL), 0);
    ck_assert_str_eq(messages(),
        DATA "meta/2015-09/季度报告期.csv: 报告期2015-Q3是季度，本类报表应按月填报，本文件1行数据均未计入\n"
        DATA "meta/2015-09/空文件.csv: 文件中没有表头（文件为空）\n"
        DATA "meta/2015-09/类型不明.csv:1: 无法从表头判断文件类型（应有“项目编号”、“上年同期累计产值”、“新兴产业用地占比”或“事项”与“内容”列），本文件2行数据均未计入\n"
        DATA "meta/2015-09/缺列.csv:1: 注：列“备注”：不是已知的列名，该列已忽略\n"
        DATA "meta/2015-09/缺列.csv:1: 缺少必需的列“累计完成投资”，本文件1行数据均未计入\n"
        DATA "meta/2015-09/缺报送单位.csv: 未说明报送单位（没有“报送单位”列，也没有XML根属性office），本文件2行数据均未计入\n"
        DATA "meta/未注明/缺报告期.csv: 未说明报告期（没有“报告期”列、XML根属性period，也不在形如2015-09或2015-Q3的文件夹中），本文件1行数据均未计入\n"
        DATA "meta/未注明/都缺.csv: 未说明报送单位和报告期，本文件1行数据均未计入\n");
    expect_counts(DATA "meta/2015-09/类型不明.csv", 2, 0, 0, 2, 0);
    expect_counts(DATA "meta/2015-09/缺报送单位.csv", 2, 0, 0, 2, 0);
    for (size_t i = 0; i < s.files.count; i++)
        ck_assert(store_file(&s, (int)i)->rejected_whole);
    ck_assert_uint_eq(s.projects.count, 0);
}
END_TEST

START_TEST(xml_projects)
{
    const char *path = DATA "xml/2015-09/项目.xml";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(),
        DATA "xml/2015-09/项目.xml:10: 列“累计完成投资”：“12,3a”不是有效金额\n"
        DATA "xml/2015-09/项目.xml:12: 警告：列“累计完成投资”：“500”超过年度计划投资“300”的150%\n");
    const submission_file *f = file(path);
    ck_assert_str_eq(f->office, "信息经济产业专项行动工作组");
    ck_assert_int_eq(f->sent, 20150930);
    ck_assert_str_eq(hex(f->sha256, 32),
                     "590144049248d15f07ebc4d49e335592018f388eefaec48d9a1607951f78f31e");
    expect_counts(path, 4, 3, 1, 1, 0);
    const project_record *r = project(0);
    ck_assert_int_eq(r->origin.line, 6); /* libxml2's line: the end of the start tag */
    ck_assert_str_eq(r->code, "XX2015-001");
    ck_assert_int_eq(r->total_investment, 2500000000);
    ck_assert_int_eq(r->annual_plan, 300000000);
    ck_assert_int_eq(r->month_investment, 21000000);
    ck_assert_int_eq(r->ytd_investment, 180000000);
    ck_assert(r->strategic && !r->attracted);
    ck_assert_int_eq(r->status, STATUS_BUILDING);
    ck_assert_str_eq(r->issues, "土地指标未落实");
    ck_assert_int_eq(project(1)->industry, industry("信息经济产业")); /* alias 信息经济 */
    ck_assert_str_eq(project(2)->name, "子元素名称");
}
END_TEST

START_TEST(xml_progress_in_yi)
{
    const char *path = DATA "xml/2015-09/进度.xml";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), DATA "xml/2015-09/进度.xml:9: 列“累计产值”：“-1”金额不能为负数\n");
    expect_counts(path, 3, 2, 0, 1, 0);
    ck_assert_int_eq(file(path)->sent, 20151001);
    const progress_record *r = progress(0);
    ck_assert(r->period.year == 2015 && r->period.month == 9);
    ck_assert_int_eq(r->month_output, 50000000);
    ck_assert_int_eq(r->ytd_output, 450000000);
    ck_assert_int_eq(r->prior_ytd_output, 400000000);
    ck_assert_int_eq(r->ytd_value_added, 90000000);
    ck_assert_int_eq(r->prior_ytd_value_added, 80000000);
    r = progress(1);
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert_int_eq(r->industry, industry("高端装备制造业"));
    ck_assert_int_eq(r->subsector, subsector("装备制造"));
    ck_assert_int_eq(r->month_output, 12000000); /* 1200万元 in the cell beats 亿元 */
    ck_assert_int_eq(r->ytd_output, 108000000);
}
END_TEST

START_TEST(xml_doctype_is_refused_unexpanded)
{
    const char *path = DATA "xml/2015-09/文档类型.xml";
    expect_unreadable(path,
        DATA "xml/2015-09/文档类型.xml:2: XML文件无效：不允许文档类型声明（<!DOCTYPE>），以免读取外部实体\n");
    ck_assert_ptr_null(strstr(messages(), "哈哈"));
    ck_assert_ptr_null(file(path)->office);
}
END_TEST

START_TEST(xml_external_entity_is_not_loaded)
{
    expect_unreadable(DATA "xml/2015-09/外部实体.xml",
        DATA "xml/2015-09/外部实体.xml:2: XML文件无效：不允许文档类型声明（<!DOCTYPE>），以免读取外部实体\n");
    ck_assert_ptr_null(strstr(messages(), "root:"));
}
END_TEST

START_TEST(xml_against_the_schema)
{
    ingest_file(&ctx, DATA "xml/2015-09/不符模式.xml");
    ingest_file(&ctx, DATA "xml/2015-09/格式错误.xml");
    ck_assert_str_eq(messages(),
        DATA "xml/2015-09/不符模式.xml:7: XML文件不符合模式：元素<project>不能有属性“colour”，"
             "本文件2行数据均未计入\n"
        DATA "xml/2015-09/格式错误.xml:4: XML文件无效：元素名或属性名有误\n");
    expect_counts(DATA "xml/2015-09/不符模式.xml", 2, 0, 0, 2, 0);
    expect_counts(DATA "xml/2015-09/格式错误.xml", 0, 0, 0, 0, 0);
}
END_TEST

START_TEST(folder_walk_order_skips_and_supersedes)
{
    ck_assert_int_eq(ingest_folder(&ctx, DATA "folder", DATA "folder/plan.xml"), 0);
    ck_assert_str_eq(messages(),
        DATA "folder/2015-09/.hidden: 是隐藏的文件或文件夹（名称以“.”开头），未读入\n"
        DATA "folder/2015-09/.隐藏.csv: 是隐藏的文件或文件夹（名称以“.”开头），未读入\n"
        DATA "folder/2015-09/any.xsd: 不是报送文件（应为.csv、.txt、.tsv、.xml、.xlsx或.xls），未读入\n"
        DATA "folder/2015-09/说明.md: 不是报送文件（应为.csv、.txt、.tsv、.xml、.xlsx或.xls），未读入\n"
        DATA "folder/2015-09/a-项目.csv:4: 列“累计完成投资”：“abc”不是有效金额\n");
    ck_assert_int_eq(s.skipped, 4);
    ck_assert_uint_eq(s.files.count, 3);
    ck_assert_str_eq(store_file(&s, 0)->path, DATA "folder/2015-09/a-项目.csv");
    ck_assert_str_eq(store_file(&s, 1)->path, DATA "folder/2015-09/b-项目.xml");
    ck_assert_str_eq(store_file(&s, 2)->path, DATA "folder/2015-10/进度.csv");
    expect_counts(DATA "folder/2015-09/a-项目.csv", 3, 1, 0, 1, 1);
    expect_counts(DATA "folder/2015-09/b-项目.xml", 1, 1, 0, 0, 0);
    ck_assert_str_eq(project(0)->name, "先报");
    ck_assert_int_eq(project(0)->fate, FATE_SUPERSEDED);
    ck_assert_int_eq(project(2)->fate, FATE_ACCEPTED);
    ck_assert_int_eq(project(2)->ytd_investment, 4500000);
    ck_assert_int_eq(progress(0)->period.month, 10);
    row_counts total = store_totals(&s);
    ck_assert_int_eq(total.read, 5);
    ck_assert_int_eq(total.read, total.accepted + total.rejected + total.superseded);
}
END_TEST

START_TEST(every_row_is_accounted_for)
{
    static const char *const folders[] = {"good", "rules", "csv", "meta", "xml", "folder", "other",
                                          "forms", "encodings", "supersede"};
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        const char *dir = arena_printf(&memory, DATA "%s", folders[i]);
        ck_assert_int_eq(ingest_folder(&ctx, dir, DATA "folder/plan.xml"), 0);
    }
    ck_assert_uint_eq(s.files.count, 57);
    for (size_t i = 0; i < s.files.count; i++) {
        const row_counts *c = &store_file(&s, (int)i)->rows;
        ck_assert_int_eq(c->read, c->accepted + c->rejected + c->superseded);
        ck_assert_int_le(c->warned, c->accepted);
    }
}
END_TEST

START_TEST(assessment_csv)
{
    const char *path = DATA "other/2015-09/考核.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(),
        DATA "other/2015-09/考核.csv:3: 列“新兴产业用地占比”：“101”超出0～100的范围\n"
        DATA "other/2015-09/考核.csv:4: 列“单位”：“柳市”与第2行重复\n");
    expect_counts(path, 4, 2, 0, 2, 0);
    ck_assert_str_eq(file(path)->office, "市发改局");
    ck_assert_int_eq(file(path)->sent, 20151008);
    ck_assert_uint_eq(s.assessments.count, 2);
    const assessment_record *r = vec_at(&s.assessments, 0);
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert(r->has_land_pct);
    ck_assert_int_eq(r->land_pct_e4, 352000);
    ck_assert_int_eq(r->new_platforms, 2);
    ck_assert_int_eq(r->national_platforms, 1);
    ck_assert_int_eq(r->provincial_platforms, 3);
    ck_assert_int_eq(r->leading_enterprises, LEADING_GOOD);
    ck_assert(r->annual_plan_done);
    ck_assert_int_eq(r->national_funds, 1);
    ck_assert_int_eq(r->provincial_honors, 2);
    r = vec_at(&s.assessments, 1); /* every value left empty */
    ck_assert_int_eq(r->unit, unit("北白象镇"));
    ck_assert(!r->has_land_pct);
    ck_assert_int_eq(r->new_platforms, 0);
    ck_assert_int_eq(r->leading_enterprises, LEADING_NONE);
    ck_assert(!r->annual_plan_done);
}
END_TEST

START_TEST(quarterly_xml)
{
    const char *path = DATA "other/2015-09/季度.xml";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), DATA "other/2015-09/季度.xml:8: 列“内容”：缺少必填值\n");
    expect_counts(path, 3, 2, 0, 1, 0);
    ck_assert_uint_eq(s.quarterly.count, 2);
    const quarterly_record *r = vec_at(&s.quarterly, 0);
    ck_assert(r->period.year == 2015 && r->period.quarter == 3 && r->period.month == 0);
    ck_assert_str_eq(r->unit, "市经信局");
    ck_assert_str_eq(r->topic, "政策完善整合");
    ck_assert_str_eq(r->content, "出台《乐清市新兴产业扶持办法》。");
    r = vec_at(&s.quarterly, 1);
    ck_assert_str_eq(r->unit, "市经信局电子信息科");
    ck_assert_str_eq(r->content, "新增省名牌产品3个。");
}
END_TEST

START_TEST(utf8_split_across_chunks)
{
    static const char text[] = "\xEF\xBB\xBF" "中文，x";
    encoding_decoder d;
    encoding_init(&d, ENCODING_UTF8, true);
    unsigned char out[ENCODING_OUT_ROOM(1)], all[64];
    size_t total = 0, n;
    for (size_t i = 0; i < sizeof text - 1; i++) {
        bool final = i == sizeof text - 2;
        ck_assert_int_eq(encoding_decode(&d, (const unsigned char *)text + i, 1, final, out, &n), ENCODING_OK);
        memcpy(all + total, out, n);
        total += n;
    }
    all[total] = '\0';
    ck_assert_str_eq((char *)all, "中文，x");
    encoding_close(&d);
    encoding_init(&d, ENCODING_UTF8, false);
    unsigned char cut[] = {'a', 0xE4, 0xB8}; /* a sequence the file ends inside */
    ck_assert_int_eq(encoding_decode(&d, cut, 3, true, out, &n), ENCODING_INVALID);
    ck_assert_int_eq(d.bad_offset, 1);
    encoding_close(&d);
}
END_TEST

/* GB18030 as iconv alone decodes it, or the offset of its first bad byte (-1: none). */
static long iconv_gb18030(const unsigned char *in, size_t n, char *out, size_t *length)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    ck_assert(cd != (iconv_t)-1);
    char *from = (char *)in, *to = out;
    size_t in_left = n, out_left = 4 * n + 16;
    size_t result = iconv(cd, &from, &in_left, &to, &out_left);
    iconv_close(cd);
    *length = (size_t)(to - out);
    return result == (size_t)-1 ? (long)((const unsigned char *)from - in) : -1;
}

/* Every two-byte sequence (the decoder's table) and some four-byte and bad ones, each
 * between ASCII and fed in chunks of 1 to 7 bytes, decode as iconv alone decodes them. */
START_TEST(gb18030_decodes_as_iconv_does)
{
    unsigned char text[16];
    char expected[128], got[256];
    unsigned char out[ENCODING_OUT_ROOM(16)];
    static const unsigned char fours[][4] = {{0x81, 0x30, 0x81, 0x30}, {0x95, 0x32, 0x82, 0x36},
                                             {0x84, 0x31, 0xA4, 0x39}, {0xE3, 0x32, 0x9A, 0x35},
                                             {0x84, 0x31, 0xA5, 0x30}, {0xFE, 0x39, 0xFE, 0x39}};
    int mismatches = 0, cases = 0;
    for (unsigned c = 0x7E; c < 0x100 + sizeof fours / sizeof fours[0]; c++) {
        for (unsigned t = 0x30; t <= 0xFF; t++) {
            size_t n = 0;
            text[n++] = 'a';
            if (c <= 0xFF) {
                text[n++] = (unsigned char)c;
                text[n++] = (unsigned char)t;
            } else if (t == 0x30) {
                memcpy(text + n, fours[c - 0x100], 4);
                n += 4;
            } else {
                continue;
            }
            text[n++] = 'b';
            size_t want_length;
            long want_bad = iconv_gb18030(text, n, expected, &want_length);
            size_t step = 1 + (c + t) % 7, length = 0;
            encoding_decoder d;
            encoding_init(&d, ENCODING_GB18030, false);
            encoding_status status = ENCODING_OK;
            for (size_t i = 0; i < n && status == ENCODING_OK; i += step) {
                size_t take = i + step < n ? step : n - i, written;
                status = encoding_decode(&d, text + i, take, i + take == n, out, &written);
                memcpy(got + length, out, written);
                length += written;
            }
            long bad = status == ENCODING_OK ? -1 : (long)d.bad_offset;
            encoding_close(&d);
            cases++;
            if (bad != want_bad || (bad < 0 && (length != want_length || memcmp(got, expected, length) != 0)))
                mismatches++;
        }
    }
    ck_assert_int_ge(cases, 126 * 191);
    ck_assert_int_eq(mismatches, 0);
}
END_TEST

typedef struct line_log {
    long lines[4096];
    size_t count;
} line_log;

static int log_line(void *context, const csvfile_row *row)
{
    line_log *log = context;
    if (log->count < 4096)
        log->lines[log->count++] = row->line;
    return 0;
}

/* 3000 rows, each a quoted cell over two lines and a blank line after every tenth row:
 * about 150 KiB, so rows, quoted cells and characters straddle the 64 KiB chunks. */
START_TEST(rows_across_chunks_keep_their_lines)
{
    char path[] = "/tmp/check_ingest_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *out = fdopen(fd, "w");
    long expected[3000], line = 1;
    for (int i = 0; i < 3000; i++) {
        expected[i] = line;
        fprintf(out, "%d,\"第%d行\r\n续行，中文\",尾\r\n", i, i);
        line += 2;
        if (i % 10 == 9) {
            fputs("\r\n", out);
            line++;
        }
    }
    fclose(out);
    line_log *log = calloc(1, sizeof *log);
    csvfile_info info;
    fd = open(path, O_RDONLY);
    ck_assert_int_eq(csvfile_read(fd, path, ENCODING_UTF8, false, 0, log_line, log, &info, &s.diags),
                     CSVFILE_OK);
    close(fd);
    unlink(path);
    ck_assert_uint_eq(log->count, 3000);
    for (size_t i = 0; i < 3000; i++)
        ck_assert_int_eq(log->lines[i], expected[i]);
    ck_assert_int_eq(info.lines, line - 1);
    ck_assert_int_eq(info.delimiter, ',');
    free(log);
}
END_TEST

/* ---- the 样表 form (inputs.md §2.3) ---- */

START_TEST(form_projects_preamble_two_row_header_totals_and_notes)
{
    const char *path = DATA "forms/2015-09/样表-项目.csv";
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(),
        DATA "forms/2015-09/样表-项目.csv:10: 列“建设地点”：“火星镇”不是计划中的考核单位\n"
        DATA "forms/2015-09/样表-项目.csv:11: 列“项目编号”：“F-001”与第7行重复\n"
        DATA "forms/2015-09/样表-项目.csv:12: 列“累计完成投资”：“4O”不是有效金额\n"
        DATA "forms/2015-09/样表-项目.csv:13: 警告：列“累计完成投资”：“340”与本文件已接受的2行数据之和"
             "330万元相差10万元，以数据行为准\n");
    const submission_file *f = file(path);
    ck_assert_int_eq(f->kind, KIND_PROJECTS); /* from the title */
    ck_assert_str_eq(f->office, "信息经济产业专项行动工作组");
    ck_assert(f->has_period && f->period.year == 2015 && f->period.month == 9);
    ck_assert_int_eq(f->sent, 20150930);
    ck_assert_str_eq(f->encoding, "UTF-8");
    /* 序号, preamble, header, 小计, 合计 and notes are no data rows */
    expect_counts(path, 5, 2, 0, 3, 0);
    ck_assert_uint_eq(s.projects.count, 2);
    const project_record *r = project(0);
    ck_assert_int_eq(r->origin.line, 7);
    ck_assert_str_eq(r->code, "F-001");
    ck_assert_str_eq(r->name, "智能电表项目");
    ck_assert_int_eq(r->industry, industry("信息经济产业"));
    ck_assert_int_eq(r->subsector, subsector("物联网"));
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert_str_eq(r->owner, "某电气公司");
    ck_assert(r->strategic && !r->attracted);
    ck_assert_int_eq(r->total_investment, 12000000); /* "1,200" under 投资情况（万元） */
    ck_assert_int_eq(r->annual_plan, 3000000);
    ck_assert_int_eq(r->month_investment, 200000);
    ck_assert_int_eq(r->ytd_investment, 2500000);   /* 1-9月累计完成投资 */
    ck_assert_int_eq(r->status, STATUS_BUILDING);
    r = project(1);
    ck_assert_int_eq(r->origin.line, 8);
    ck_assert_int_eq(r->industry, industry("信息经济产业")); /* from 电子信息 */
    ck_assert(!r->strategic && r->attracted);
    ck_assert_int_eq(r->total_investment, 5000000);
    ck_assert_str_eq(r->issues, "资金未到位");
}
END_TEST

/* Group labels read both ways (本月 under 产值 → 本月产值; 上年同期累计 over 产值 →
 * 上年同期累计产值); the unit of a cell beats its header, which beats the group label,
 * which beats the preamble's 单位 (here 元). */
START_TEST(form_progress_group_labels_and_units)
{
    const char *path = DATA "forms/2015-09/样表-进度.csv";
    ingest_file(&ctx, path);
    /* 合　计: 本月 0.5 万元 over the rows' sum is within tolerance, 累计 0.5001 万元 is not */
    ck_assert_str_eq(messages(),
        DATA "forms/2015-09/样表-进度.csv:9: 警告：列“累计产值”：“3.50005001”与本文件已接受的2行数据之和"
             "35000万元相差0.5001万元，以数据行为准\n");
    const submission_file *f = file(path);
    ck_assert_int_eq(f->kind, KIND_PROGRESS);
    ck_assert_str_eq(f->office, "高端装备制造业专项行动工作组"); /* key and value in two cells */
    ck_assert_int_eq(f->sent, 20151001);                          /* 填报日期: then 2015/10/1 */
    ck_assert(f->period.year == 2015 && f->period.month == 9);
    expect_counts(path, 2, 2, 0, 0, 0);
    const progress_record *r = progress(0);
    ck_assert_int_eq(r->origin.line, 7);
    ck_assert_int_eq(r->unit, unit("柳市镇"));
    ck_assert_int_eq(r->subsector, subsector("激光与光电"));
    ck_assert_int_eq(r->month_output, 12000000);           /* 0.12 under 产值（亿元） */
    ck_assert_int_eq(r->ytd_output, 150000000);            /* 1.5 亿元 */
    ck_assert_int_eq(r->ytd_value_added, 30000000);        /* 增加值: the preamble's 元 */
    ck_assert_int_eq(r->prior_ytd_output, 120000000);      /* 上年同期累计（万元） over 产值 */
    ck_assert_int_eq(r->prior_ytd_value_added, 25000000);  /* 增加值（元） beats the label */
    r = progress(1);
    ck_assert_int_eq(r->month_output, 5000000);            /* 500万元 in the cell */
    ck_assert_int_eq(r->ytd_output, 200000000);
    ck_assert_int_eq(r->prior_ytd_value_added, 36000000);
}
END_TEST

/* A column in the row beats the preamble, which beats the folder. */
START_TEST(form_metadata_precedence)
{
    const char *path = DATA "forms/2015-08/元数据优先.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    const submission_file *f = file(path);
    ck_assert(f->period.year == 2015 && f->period.month == 9); /* 报告期 over the folder 2015-08 */
    ck_assert_int_eq(f->sent, 20151005); /* the 填报日期 column over the preamble's 2015年9月30日 */
    ck_assert_str_eq(f->office, "生命健康产业专项行动工作组");
    expect_counts(path, 1, 1, 0, 0, 0);
    ck_assert_int_eq(progress(0)->period.month, 9);
}
END_TEST

START_TEST(form_assessment_and_quarterly_titles)
{
    const char *assessment = DATA "forms/2015-09/考核-空白日期.csv";
    const char *quarterly = DATA "forms/2015-Q3/季度-样表.csv";
    ingest_file(&ctx, assessment);
    ingest_file(&ctx, quarterly);
    ck_assert_str_eq(messages(), "");
    ck_assert_int_eq(file(assessment)->kind, KIND_ASSESSMENT);
    ck_assert_str_eq(file(assessment)->office, "市发改局");
    ck_assert_int_eq(file(assessment)->sent, 0); /* a blank form's 年 月 日: date unknown */
    expect_counts(assessment, 2, 2, 0, 0, 0);
    const assessment_record *a = vec_at(&s.assessments, 1);
    ck_assert_int_eq(a->unit, unit("北白象镇"));
    ck_assert_int_eq(a->land_pct_e4, 400000);
    ck_assert_int_eq(file(quarterly)->kind, KIND_QUARTERLY);
    ck_assert_str_eq(file(quarterly)->office, "市经信局");
    ck_assert_int_eq(file(quarterly)->sent, 20151008);
    expect_counts(quarterly, 2, 2, 0, 0, 0);
    const quarterly_record *q = vec_at(&s.quarterly, 0);
    ck_assert(q->period.year == 2015 && q->period.quarter == 3);
    ck_assert_str_eq(q->topic, "政策完善整合");
    ck_assert_str_eq(q->content, "出台扶持办法。");
}
END_TEST

/* A header of two known columns is enough where the title named the kind. */
START_TEST(form_kind_from_the_title_alone)
{
    const char *path = DATA "forms/2015-Q3/季度-无事项.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    ck_assert_int_eq(file(path)->kind, KIND_QUARTERLY);
    ck_assert_str_eq(file(path)->office, "市市场监管局");
    expect_counts(path, 1, 1, 0, 0, 0);
    const quarterly_record *q = vec_at(&s.quarterly, 0);
    ck_assert_ptr_null(q->topic);
    ck_assert_str_eq(q->content, "开展“乐清电气”集体商标注册工作。");
}
END_TEST

START_TEST(form_without_header_or_with_a_bad_date)
{
    ingest_file(&ctx, DATA "forms/2015-09/填报日期无效.csv");
    ingest_file(&ctx, DATA "forms/2015-09/无表头.csv");
    ck_assert_str_eq(messages(),
        DATA "forms/2015-09/填报日期无效.csv:2: 表头前的填报日期“2015年9月31日”不是有效日期，"
             "本文件1行数据均未计入\n"
        DATA "forms/2015-09/无表头.csv:3: 找不到表头（应有一行至少三个单元格是已知的列名），"
             "本文件2行数据均未计入\n");
    expect_counts(DATA "forms/2015-09/填报日期无效.csv", 1, 0, 0, 1, 0);
    expect_counts(DATA "forms/2015-09/无表头.csv", 2, 0, 0, 2, 0);
    ck_assert_uint_eq(s.projects.count, 0);
}
END_TEST

/* ---- header cells and aliases (inputs.md §2.1) ---- */

START_TEST(header_cells_are_normalised)
{
    static const struct {
        const char *cell, *key;
        int64_t unit; /* 0: none */
    } cases[] = {
        {"2015年 年度计划投资(万元)", "年度计划投资", YUAN_PER_WAN},
        {"1—9月累计完成投资（万元）", "累计完成投资", YUAN_PER_WAN},
        {"1-9月累计产值", "累计产值", 0},
        {"1至9月 累计 产值", "累计产值", 0},
        {"2015年1-9月累计增加值（亿元）", "累计增加值", YUAN_PER_YI},
        {"本年累计完成投资", "累计完成投资", 0},
        {"总 投 资（元）", "总投资", YUAN_PER_YUAN},
        {"新兴产业用地占比（%）", "新兴产业用地占比", 0},
        {"填报单位（盖章）", "填报单位", 0},
        {"\xe3\x80\x80项目\xe3\x80\x80编号\xe3\x80\x80", "项目编号", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char key[256];
        int64_t unit = 0;
        bool has_unit = false;
        table_header_key(cases[i].cell, key, sizeof key, &unit, &has_unit);
        ck_assert_msg(strcmp(key, cases[i].key) == 0, "%s → %s", cases[i].cell, key);
        ck_assert_int_eq(has_unit, cases[i].unit != 0);
        if (has_unit)
            ck_assert_int_eq(unit, cases[i].unit);
    }
}
END_TEST

/* Every alias that inputs.md §2.1 lists names its column. */
START_TEST(aliases_of_the_spec)
{
    static const struct {
        record_kind kind;
        const char *canonical, *aliases;
    } cases[] = {
        {KIND_PROJECTS, "项目编号", "编号|项目代码|code"},
        {KIND_PROJECTS, "所属产业", "产业|产业类别|industry"},
        {KIND_PROJECTS, "细分领域", "领域|subsector"},
        {KIND_PROJECTS, "建设地点", "所在镇街|镇街|属地|unit"},
        {KIND_PROJECTS, "建设单位", "业主单位|项目业主|owner"},
        {KIND_PROJECTS, "是否战略性新兴产业", "战略性新兴产业|strategic"},
        {KIND_PROJECTS, "是否当年招引", "当年招引|新招引|attracted"},
        {KIND_PROJECTS, "总投资", "计划总投资|total_investment"},
        {KIND_PROJECTS, "年度计划投资", "计划投资|年度投资计划|annual_plan"},
        {KIND_PROJECTS, "本月完成投资", "当月完成投资|month_investment"},
        {KIND_PROJECTS, "累计完成投资", "完成投资|累计完成|ytd_investment"},
        {KIND_PROJECTS, "项目状态", "进展情况|形象进度|status"},
        {KIND_PROJECTS, "存在问题", "存在的问题|问题|issues"},
        {KIND_PROGRESS, "单位", "镇街|地区|所在镇街|unit"},
        {KIND_PROGRESS, "所属产业", "产业"},
        {KIND_PROGRESS, "细分领域", "领域"},
        {KIND_PROGRESS, "本月产值", "当月产值|month_output"},
        {KIND_PROGRESS, "累计产值", "总产值|累计总产值|ytd_output"},
        {KIND_PROGRESS, "上年同期累计产值", "上年同期产值|去年同期产值|prior_ytd_output"},
        {KIND_PROGRESS, "累计增加值", "累计实现增加值|ytd_value_added"},
        {KIND_PROGRESS, "上年同期累计增加值", "上年同期增加值|去年同期增加值|prior_ytd_value_added"},
        {KIND_ASSESSMENT, "新兴产业用地占比", "land_pct"},
        {KIND_ASSESSMENT, "龙头企业培育", "leading_enterprises"},
        {KIND_QUARTERLY, "事项", "topic"},
        {KIND_QUARTERLY, "内容", "content"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const table *t = table_for(cases[i].kind);
        int column = table_column_named(t, cases[i].canonical);
        ck_assert_int_ge(column, 0);
        ck_assert_int_eq(table_match(t, cases[i].canonical), column);
        char list[256];
        snprintf(list, sizeof list, "%s", cases[i].aliases);
        for (char *save = NULL, *alias = strtok_r(list, "|", &save); alias;
             alias = strtok_r(NULL, "|", &save))
            ck_assert_msg(table_match(t, alias) == column, "%s → %s", alias, cases[i].canonical);
    }
}
END_TEST

/* ---- superseding across files (inputs.md §3) ---- */

START_TEST(later_submissions_supersede_earlier_ones)
{
    ck_assert_int_eq(ingest_folder(&ctx, DATA "supersede", NULL), 0);
    ck_assert_str_eq(messages(),
        DATA "supersede/2015-09/b-考核.csv:3: 列“新兴产业用地占比”：“abc%”不是有效百分比\n");
    /* assessment, year to date: a's 柳市镇 by b's (later date); August's stays, as a
     * record of a later period never supersedes an earlier period's (a rebuilt August
     * keeps its figures) */
    expect_counts(DATA "supersede/2015-08/考核-八月.csv", 1, 1, 0, 0, 0);
    expect_counts(DATA "supersede/2015-09/a-考核.csv", 2, 1, 0, 0, 1);
    /* b's 虹桥镇 was rejected: it supersedes nothing, a's 虹桥镇 stays */
    expect_counts(DATA "supersede/2015-09/b-考核.csv", 2, 1, 0, 1, 0);
    /* no date sent counts as earlier than any date, whatever the path */
    expect_counts(DATA "supersede/2015-09/c-有日期.csv", 1, 1, 0, 0, 0);
    expect_counts(DATA "supersede/2015-09/z-无日期.csv", 1, 0, 0, 0, 1);
    /* equal dates: the later path wins */
    expect_counts(DATA "supersede/2015-09/e-进度.csv", 1, 0, 0, 0, 1);
    expect_counts(DATA "supersede/2015-09/f-进度.csv", 1, 1, 0, 0, 0);
    ck_assert_int_eq(progress(1)->ytd_output, 1100000);
    ck_assert_int_eq(progress(1)->fate, FATE_ACCEPTED);
    /* quarterly: an office's later file replaces its earlier one whole */
    expect_counts(DATA "supersede/2015-Q3/季度-1.csv", 3, 0, 0, 0, 3);
    expect_counts(DATA "supersede/2015-Q3/季度-2.csv", 1, 1, 0, 0, 0);
    row_counts total = store_totals(&s);
    ck_assert_int_eq(total.read, 13);
    ck_assert_int_eq(total.accepted, 6);
    ck_assert_int_eq(total.rejected, 1);
    ck_assert_int_eq(total.superseded, 6);
    for (size_t i = 0; i < s.assessments.count; i++) {
        const assessment_record *a = vec_at(&s.assessments, i);
        if (a->unit == unit("柳市镇") && a->fate == FATE_ACCEPTED)
            ck_assert_int_eq(a->land_pct_e4, a->period.month == 8 ? 200000 : 350000);
        if (a->unit == unit("北白象镇") && a->fate == FATE_ACCEPTED)
            ck_assert_int_eq(a->land_pct_e4, 550000);
    }
}
END_TEST

/* ---- encodings (inputs.md §2.3, last paragraph) ---- */

START_TEST(gb18030_form_as_excel_exports_it)
{
    const char *path = DATA "encodings/2015-09/gb18030-样表.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    const submission_file *f = file(path);
    ck_assert_str_eq(f->encoding, "GB18030");
    ck_assert_str_eq(f->office, "临港产业和现代物流专项行动工作组");
    ck_assert_int_eq(f->sent, 20150929);
    expect_counts(path, 2, 2, 0, 0, 0);
    const project_record *r = project(0);
    ck_assert_int_eq(r->origin.line, 5);
    ck_assert_str_eq(r->name, "\xF0\xA0\xAE\xB7" "祥物流园项目"); /* four GB18030 bytes */
    ck_assert_int_eq(r->unit, unit("翁垟街道"));                  /* 垟: GBK, not GB2312 */
    ck_assert_int_eq(r->subsector, subsector("现代物流"));
    ck_assert_int_eq(r->total_investment, 30000000);
    ck_assert_str_eq(project(1)->issues, "征地拆迁进度慢");
}
END_TEST

START_TEST(utf16_unicode_text)
{
    const char *le = DATA "encodings/2015-09/unicode-项目.txt";
    const char *be = DATA "encodings/2015-09/unicode-进度.csv";
    ingest_file(&ctx, le);
    ingest_file(&ctx, be);
    ck_assert_str_eq(messages(), "");
    ck_assert_str_eq(file(le)->encoding, "UTF-16LE");
    ck_assert_str_eq(file(be)->encoding, "UTF-16BE"); /* .csv, tabs sniffed */
    expect_counts(le, 2, 2, 0, 0, 0);
    expect_counts(be, 1, 1, 0, 0, 0);
    const project_record *r = project(0);
    ck_assert_str_eq(r->name, "\xF0\xA0\xAE\xB7" "安智造项目"); /* a surrogate pair */
    ck_assert_int_eq(r->unit, unit("翁垟街道"));
    ck_assert_int_eq(r->ytd_investment, 600000);
    ck_assert_int_eq(project(1)->origin.line, 3);
    ck_assert_int_eq(progress(0)->industry, industry("高端装备制造业"));
    ck_assert_int_eq(progress(0)->ytd_output, 1000000);
}
END_TEST

START_TEST(bytes_valid_in_no_encoding)
{
    static const char *const paths[] = {
        DATA "encodings/2015-09/BOM后非UTF8.csv", DATA "encodings/2015-09/压缩.csv",
        DATA "encodings/2015-09/坏代理项.txt", DATA "encodings/2015-09/无BOM.csv"};
    for (size_t i = 0; i < 4; i++)
        ingest_file(&ctx, paths[i]);
    ck_assert_str_eq(messages(),
        DATA "encodings/2015-09/BOM后非UTF8.csv:2: 字节偏移24处的字节不是有效的UTF-8编码，文件未读入（不计行数）\n"
        DATA "encodings/2015-09/压缩.csv:1: 字节偏移3处是NUL字节，而文件开头没有字节顺序标记"
             "（可能是不带BOM的UTF-16文件，或不是文本文件），文件未读入（不计行数）\n"
        DATA "encodings/2015-09/坏代理项.txt:2: 字节偏移34处的字节不是有效的UTF-16LE编码，文件未读入（不计行数）\n"
        DATA "encodings/2015-09/无BOM.csv:1: 字节偏移5处是NUL字节，而文件开头没有字节顺序标记"
             "（可能是不带BOM的UTF-16文件，或不是文本文件），文件未读入（不计行数）\n");
    for (size_t i = 0; i < 4; i++) {
        ck_assert(file(paths[i])->rejected_whole);
        expect_counts(paths[i], 0, 0, 0, 0, 0);
    }
}
END_TEST

/* ASCII is valid UTF-8 and valid GB18030; when no cell names a column under UTF-8 the
 * file is read again as GB18030, and the first choice stays when that finds none either. */
START_TEST(valid_in_both_keeps_utf8)
{
    const char *path = DATA "encodings/2015-09/两可.csv";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(),
        DATA "encodings/2015-09/两可.csv:1: 无法从表头判断文件类型（应有“项目编号”、“上年同期累计产值”、"
             "“新兴产业用地占比”或“事项”与“内容”列），本文件1行数据均未计入\n");
    ck_assert_str_eq(file(path)->encoding, "UTF-8");
    expect_counts(path, 1, 0, 0, 1, 0);
}
END_TEST

/* Why the header confirms the encoding: no column name or alias written in GBK is valid
 * UTF-8, so a GBK file with a header can never pass as UTF-8. */
START_TEST(no_column_name_in_gbk_is_valid_utf8)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    ck_assert(cd != (iconv_t)-1);
    int names = 0;
    for (record_kind kind = KIND_PROJECTS; kind <= KIND_QUARTERLY; kind++) {
        const table *t = table_for(kind);
        for (size_t i = 0; i < t->count; i++) {
            char list[512];
            snprintf(list, sizeof list, "%s|%s", t->columns[i].canonical, t->columns[i].aliases);
            for (char *save = NULL, *name = strtok_r(list, "|", &save); name;
                 name = strtok_r(NULL, "|", &save)) {
                char gbk[128], *in = name, *out = gbk;
                size_t in_left = strlen(name), out_left = sizeof gbk, bad;
                ck_assert(iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1);
                ck_assert_msg(!utf8_valid(gbk, (size_t)(out - gbk), &bad), "%s", name);
                names++;
            }
        }
    }
    iconv_close(cd);
    ck_assert_int_ge(names, 60);
}
END_TEST

/* ---- XML read by parts (xmlsafe_stream.c hands the root's children over 128 at a time) ---- */

/* Writes a projects submission of count records, one a line after the declaration (of
 * encoding, the bytes converted from UTF-8 to GB18030 unless it is UTF-8) and the root's
 * line, into a scratch 2015-09 folder; record k (from 1) puts extra(k) first, record bad
 * has a 累计完成投资 of "x", gap blank lines follow record 1, and cut leaves the closing tag
 * out.  Returns the path; teardown removes the folder. */
static const char *write_projects_xml(const char *encoding, long count,
                                const char *(*extra)(long), long bad, long gap, bool cut)
{
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"%s\"?>\n<submission xmlns=\"urn:yq165:submission:1\" "
                 "kind=\"projects\" period=\"2015-09\" office=\"新材料产业专项行动工作组\" sent=\"2015-09-28\">\n",
            encoding);
    for (long k = 1; k <= count; k++) {
        fprintf(out, "  <project %scode=\"XC2015-%05ld\" name=\"项目%ld\" industry=\"新材料产业\" unit=\"翁垟街道\" "
                     "owner=\"乐清市白鹭合金材料有限公司\" strategic=\"是\" attracted=\"否\" total_investment=\"10100\" "
                     "annual_plan=\"6480\" month_investment=\"0\" ytd_investment=\"%s\" status=\"竣工\"/>\n",
                extra ? extra(k) : "", k, k, k == bad ? "x" : "6514.7");
        for (long i = 0; k == 1 && i < gap; i++)
            fputc('\n', out);
    }
    if (!cut)
        fputs("</submission>\n", out);
    fclose(out);
    xml_folder = make_scratch_folder();
    char *path = arena_printf(&memory, "%s/2015-09", xml_folder);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    path = arena_printf(&memory, "%s/项目.xml", path);
    FILE *file_out = fopen(path, "wb");
    ck_assert_ptr_nonnull(file_out);
    if (strcmp(encoding, "UTF-8") == 0) {
        ck_assert_uint_eq(fwrite(text, 1, length, file_out), length);
    } else {
        iconv_t cd = iconv_open("GB18030", "UTF-8");
        ck_assert(cd != (iconv_t)-1);
        char *in = text, *converted = malloc(length), *at = converted;
        size_t left = length, room = length;
        ck_assert_uint_ne(iconv(cd, &in, &left, &at, &room), (size_t)-1);
        iconv_close(cd);
        fwrite(converted, 1, (size_t)(at - converted), file_out);
        free(converted);
    }
    fclose(file_out);
    free(text);
    return path;
}

/* The messages of path: each of lines (`:line: reason`) after it, one a line. */
static const char *messages_of(const char *path, const char *line)
{
    return arena_printf(&memory, "%s%s\n", path, line);
}

static const char *colour_on_the_last(long k)
{
    return k == 2500 ? "colour=\"red\" " : "";
}

static const char *one_id_twice(long k)
{
    return k == 1 || k == 2400 ? "xml:id=\"a\" " : "";
}

START_TEST(xml_in_parts_keeps_lines_and_counts)
{
    const char *path = write_projects_xml("UTF-8", 2500, NULL, 2001, 0, false);
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), messages_of(path, ":2003: 列“累计完成投资”：“x”不是有效金额"));
    expect_counts(path, 2500, 2499, 0, 1, 0);
    ck_assert_int_eq(project(2498)->origin.line, 2502);
    ck_assert_str_eq(file(path)->office, "新材料产业专项行动工作组");
}
END_TEST

/* The last record breaks the schema: what the parts before handed over does not count,
 * nor does the root's metadata; every record is counted rejected. */
START_TEST(xml_schema_error_in_the_last_part_rejects_the_whole_file)
{
    const char *path = write_projects_xml("UTF-8", 2500, colour_on_the_last, 0, 0, false);
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), messages_of(path, ":2502: XML文件不符合模式：元素<project>不能有属性"
                                                     "“colour”，本文件2500行数据均未计入"));
    expect_counts(path, 2500, 0, 0, 2500, 0);
    ck_assert(file(path)->rejected_whole);
    ck_assert_ptr_null(file(path)->office);
    ck_assert_uint_eq(s.projects.count, 0);
}
END_TEST

START_TEST(xml_cut_short_after_parts_counts_nothing)
{
    const char *path = write_projects_xml("UTF-8", 2500, NULL, 0, 0, true);
    expect_unreadable(path, messages_of(path, ":2503: XML文件无效：标签<submission>到文件末尾仍未闭合"));
    ck_assert_ptr_null(file(path)->office);
    ck_assert_int_eq(file(path)->kind, KIND_UNKNOWN);
}
END_TEST

/* An xml:id is taken for the whole document, as in a whole tree, even after the part
 * that holds its first use was freed. */
START_TEST(xml_id_repeated_in_a_later_part_is_refused)
{
    const char *path = write_projects_xml("UTF-8", 2500, one_id_twice, 0, 0, false);
    expect_unreadable(path, messages_of(path, ":2402: XML文件无效：XML 处理错误（libxml2 错误域 23，"
                                                     "错误码 513）"));
}
END_TEST

/* Past line 65535 libxml2 takes an empty element's line from the text after it (the
 * next line): the last record of a part keeps that line. */
START_TEST(xml_lines_past_65535_are_libxml2s)
{
    const char *path = write_projects_xml("UTF-8", 1100, NULL, 1024, 66000, false);
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), messages_of(path, ":67027: 列“累计完成投资”：“x”不是有效金额"));
    expect_counts(path, 1100, 1099, 0, 1, 0);
}
END_TEST

/* Read by chunks, the declaration (GB2312) must not switch the encoding chosen from it
 * (GB18030) for the bytes after the first chunk. */
START_TEST(xml_declared_gb2312_stays_gb18030_past_the_first_chunk)
{
    const char *path = write_projects_xml("GB2312", 1500, NULL, 0, 0, false);
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    ck_assert_str_eq(file(path)->encoding, "GB18030");
    expect_counts(path, 1500, 1500, 0, 0, 0);
    ck_assert_int_eq(project(1499)->unit, unit("翁垟街道"));
}
END_TEST

/* ---- XML: encodings and attacks ---- */

START_TEST(xml_declared_gb2312_is_read_as_gb18030)
{
    const char *path = DATA "xml/2015-09/GB2312声明.xml";
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), "");
    ck_assert_str_eq(file(path)->encoding, "GB18030");
    expect_counts(path, 1, 1, 0, 0, 0);
    ck_assert_int_eq(progress(0)->unit, unit("翁垟街道"));
    ck_assert_int_eq(progress(0)->ytd_output, 1000000);
}
END_TEST

START_TEST(xml_assessment_and_utf16)
{
    const char *assessment = DATA "xml/2015-09/考核.xml", *utf16 = DATA "xml/2015-09/UTF16.xml";
    ingest_file(&ctx, assessment);
    ingest_file(&ctx, utf16);
    ck_assert_str_eq(messages(), "");
    ck_assert_int_eq(file(assessment)->sent, 20150930);
    expect_counts(assessment, 1, 1, 0, 0, 0);
    const assessment_record *a = vec_at(&s.assessments, 0);
    ck_assert_int_eq(a->unit, unit("柳市镇"));
    ck_assert_int_eq(a->land_pct_e4, 627000);
    ck_assert_int_eq(a->new_platforms, 3);
    ck_assert_int_eq(a->provincial_platforms, 2);
    ck_assert_int_eq(a->leading_enterprises, LEADING_GOOD);
    ck_assert(a->annual_plan_done);
    ck_assert_int_eq(a->provincial_honors, 1);
    ck_assert_str_eq(file(utf16)->encoding, "UTF-16LE");
    ck_assert_int_eq(file(utf16)->sent, 20151008);
    expect_counts(utf16, 1, 1, 0, 0, 0);
    const quarterly_record *q = vec_at(&s.quarterly, 0);
    ck_assert(q->period.quarter == 3);
    ck_assert_str_eq(q->content, "新增浙江省著名商标6件。");
}
END_TEST

START_TEST(xml_attacks_are_refused_unexpanded)
{
    expect_unreadable(DATA "xml/2015-09/十亿笑.xml",
        DATA "xml/2015-09/十亿笑.xml:2: XML文件无效：不允许文档类型声明（<!DOCTYPE>），以免读取外部实体\n");
    ck_assert_ptr_null(strstr(messages(), "哈"));
    ck_assert_uint_eq(s.quarterly.count, 0);
}
END_TEST

START_TEST(xml_external_dtd_is_not_fetched)
{
    expect_unreadable(DATA "xml/2015-09/外部DTD.xml",
        DATA "xml/2015-09/外部DTD.xml:2: XML文件无效：不允许文档类型声明（<!DOCTYPE>），以免读取外部实体\n");
    ck_assert_ptr_null(strstr(messages(), "127.0.0.1"));
}
END_TEST

START_TEST(xml_gzip_is_not_inflated)
{
    expect_unreadable(DATA "xml/2015-09/压缩.xml",
        DATA "xml/2015-09/压缩.xml:1: XML文件无效：找不到根元素（文档应以“<”开始的标签开头）\n");
}
END_TEST

/* ---- streaming: memory follows the row, not the file ---- */

#define BIG_BYTES (50 * 1024 * 1024)

/* Writes a file of `prefix` and then `fill` repeated up to BIG_BYTES or a little over;
 * returns the count of fills. */
static long write_big(const char *path, const char *prefix, const char *fill)
{
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    fputs(prefix, out);
    size_t n = strlen(fill), block_count = 65536 / n;
    char *block = malloc(n * block_count);
    for (size_t i = 0; i < block_count; i++)
        memcpy(block + i * n, fill, n);
    long fills = 0;
    for (size_t written = strlen(prefix); written < BIG_BYTES; written += n * block_count) {
        ck_assert_uint_eq(fwrite(block, 1, n * block_count, out), n * block_count);
        fills += (long)block_count;
    }
    free(block);
    ck_assert_int_eq(fclose(out), 0);
    return fills;
}

static int count_row(void *context, const csvfile_row *row)
{
    (void)row;
    (*(long *)context)++;
    return 0;
}

/* 50 MB of rows: every row is seen, and the reader never holds more than its chunk
 * buffers, one row and one cell. */
START_TEST(big_file_streams_in_bounded_memory)
{
    char path[] = "/tmp/check_ingest_big_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    long fills = write_big(path, "单位,累计产值\r\n", "柳市镇,100\r\n");
    fd = open(path, O_RDONLY);
    long rows = 0;
    csvfile_info info;
    ck_assert_int_eq(csvfile_read_any(fd, path, 0, count_row, NULL, &rows, &info, &s.diags),
                     CSVFILE_OK);
    close(fd);
    unsigned char whole[32];
    ck_assert_int_eq(digest_file(path, whole), 0);
    unlink(path);
    ck_assert_int_eq(info.encoding, ENCODING_UTF8);
    ck_assert_int_eq(rows, 1 + fills);
    ck_assert_mem_eq(info.sha256, whole, 32);
    ck_assert_uint_lt(info.peak_buffer, 512 * 1024);
}
END_TEST

/* 50 MB inside one quoted cell: refused at the cell limit, the cell never grown past it. */
START_TEST(huge_cell_is_refused_at_its_limit)
{
    char path[] = "/tmp/check_ingest_cell_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    write_big(path, "项目编号,\"", "xxxxxxxx\r\n");
    long rows = 0;
    csvfile_info info;
    fd = open(path, O_RDONLY);
    ck_assert_int_eq(csvfile_read(fd, path, ENCODING_UTF8, false, 0, count_row, &rows, &info,
                                  &s.diags), CSVFILE_SYNTAX);
    close(fd);
    unlink(path);
    ck_assert_int_eq(rows, 0);
    ck_assert_uint_lt(info.peak_buffer, 512 * 1024);
    ck_assert_str_eq(diag_format(diag_at(&s.diags, 0), &memory),
                     arena_printf(&memory, "%s:1: 第2列的单元格超过64 KiB，文件未读入（不计行数）", path));
}
END_TEST

/* The store keeps one copy of each text: equal texts share it, a prefix is its own text,
 * and 10,000 texts survive the table's growth. */
START_TEST(the_store_interns_texts)
{
    const char *a = store_intern(&s, "乐清湾项目", strlen("乐清湾项目"));
    ck_assert_ptr_eq(store_intern(&s, "乐清湾项目ABC", strlen("乐清湾项目")), a);
    ck_assert_str_eq(a, "乐清湾项目");
    const char *prefix = store_intern(&s, "乐清湾", strlen("乐清湾"));
    ck_assert_ptr_ne(prefix, a);
    ck_assert_str_eq(prefix, "乐清湾");
    const char *kept[10000];
    for (int i = 0; i < 10000; i++) {
        char text[32];
        snprintf(text, sizeof text, "LG2015-%d", i);
        kept[i] = store_intern(&s, text, strlen(text));
    }
    for (int i = 0; i < 10000; i++) {
        char text[32];
        snprintf(text, sizeof text, "LG2015-%d", i);
        ck_assert_ptr_eq(store_intern(&s, text, strlen(text)), kept[i]);
        ck_assert_str_eq(kept[i], text);
    }
    ck_assert_ptr_eq(store_intern(&s, "乐清湾项目", strlen("乐清湾项目")), a);
}
END_TEST

/* A year's months name the same projects: their records share one copy of each name. */
START_TEST(months_share_their_project_names)
{
    ingest_folder(&ctx, "input", "input/plan.xml");
    const project_record *first = NULL;
    size_t shared = 0;
    for (size_t i = 0; i < s.projects.count; i++) {
        const project_record *r = vec_at(&s.projects, i);
        if (!first && r->period.month == 1)
            first = r;
        else if (first && r->period.month > 1 && strcmp(r->code, first->code) == 0) {
            ck_assert_ptr_eq(r->code, first->code);
            ck_assert_ptr_eq(r->name, first->name);
            shared++;
        }
    }
    ck_assert_uint_ge(shared, 8);
}
END_TEST

/* Cells and row ends, as one text: each cell in brackets, each row end a newline. */
typedef struct cell_log {
    char text[1 << 20];
    size_t used;
} cell_log;

static void log_text(cell_log *log, const char *text, size_t n)
{
    ck_assert_uint_lt(log->used + n, sizeof log->text);
    memcpy(log->text + log->used, text, n);
    log->used += n;
    log->text[log->used] = '\0';
}

static int log_row(void *context, const csvfile_row *row)
{
    for (size_t i = 0; i < row->count; i++) {
        log_text(context, "[", 1);
        log_text(context, row->cells[i], strlen(row->cells[i]));
        log_text(context, "]", 1);
    }
    log_text(context, "\n", 1);
    return 0;
}

static void libcsv_cell(void *field, size_t n, void *context)
{
    log_text(context, "[", 1);
    log_text(context, field, n);
    log_text(context, "]", 1);
}

static void libcsv_row(int terminator, void *context)
{
    (void)terminator;
    log_text(context, "\n", 1);
}

/* Rows on one line without quotes are cut by the reader itself: the same cells as libcsv
 * gives for lines of blanks, delimiters, empty cells and text, with either delimiter. */
START_TEST(plain_rows_are_cut_as_libcsv_cuts_them)
{
    unsigned seed = 12345;
    for (int round = 0; round < 2; round++) {
        char delimiter = round ? '\t' : ',';
        char quoted[] = "_\"q,\r\n\"\"\"_"; /* a quoted cell over two lines, between delimiters */
        quoted[0] = quoted[sizeof quoted - 2] = delimiter;
        const char *const pieces[] = {"a", " ", "\t", ",", "中", "b c", "\r\n", "\n", quoted};
        char path[] = "/tmp/check_ingest_cut_XXXXXX";
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        FILE *out = fdopen(fd, "w");
        for (int i = 0; i < 20000; i++) {
            seed = seed * 1103515245u + 12345u;
            fputs(pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])], out);
        }
        fputs("\n", out);
        fclose(out);
        cell_log *ours = calloc(1, sizeof *ours), *theirs = calloc(1, sizeof *theirs);
        csvfile_info info;
        fd = open(path, O_RDONLY);
        csvfile_status status = csvfile_read(fd, path, ENCODING_UTF8, false, delimiter, log_row,
                                             ours, &info, &s.diags);
        close(fd);
        struct csv_parser parser;
        ck_assert_int_eq(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
        csv_set_delim(&parser, (unsigned char)delimiter);
        command_result text = run_command("cat %s", path);
        size_t length = strlen(text.out);
        if (csv_parse(&parser, text.out, length, libcsv_cell, libcsv_row, theirs) == length &&
            csv_fini(&parser, libcsv_cell, libcsv_row, theirs) == 0)
            ck_assert_int_eq(status, CSVFILE_OK);
        else /* a quoting error: the rows before it are the same */
            ck_assert_int_eq(status, CSVFILE_SYNTAX);
        csv_free(&parser);
        command_result_free(&text);
        unlink(path);
        char *cut = strrchr(theirs->text, '\n');
        size_t rows_end = status == CSVFILE_OK || !cut ? theirs->used : (size_t)(cut + 1 - theirs->text);
        ck_assert_uint_ge(rows_end, 1000);
        ck_assert_int_eq(strncmp(ours->text, theirs->text, rows_end), 0);
        free(ours);
        free(theirs);
    }
}
END_TEST

/* Writes a file of n copies of row between head and tail into a fresh 2015-09 folder
 * under /tmp; returns its path (memory's). */
static const char *write_repeated(const char *name, const char *head, const char *row, int n,
                                  const char *tail)
{
    char folder[] = "/tmp/check_ingest_pass_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(folder));
    const char *month = arena_printf(&memory, "%s/2015-09", folder);
    ck_assert_int_eq(mkdir(month, 0700), 0);
    const char *path = arena_printf(&memory, "%s/%s", month, name);
    FILE *out = fopen(path, "wb");
    fputs(head, out);
    for (int i = 0; i < n; i++)
        fputs(row, out);
    fputs(tail, out);
    ck_assert_int_eq(fclose(out), 0);
    return path;
}

static void remove_written(const char *path)
{
    command_result rm = run_command("rm -r '%s/../..'", path);
    command_result_free(&rm);
}

/* A file whose first 64 KiB chunk passes as UTF-8 but whose later bytes do not is read
 * again from its start as GB18030: the 20,000 rows passed in the first pass are void and
 * counted once. */
START_TEST(gbk_past_the_first_chunk_is_read_again)
{
    const char *path = write_repeated("晚GBK.csv", "code,name\n", "a,b\n", 20000,
                                      "\xCF\xEE\xC4\xBF,\xC3\xFB\xB3\xC6\n"); /* 项目,名称 */
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), arena_printf(&memory, "%s:1: 缺少必需的列“所属产业”，本文件20001行数据均未计入\n", path));
    ck_assert_str_eq(file(path)->encoding, "GB18030");
    expect_counts(path, 20001, 0, 0, 20001, 0);
    remove_written(path);
}
END_TEST

/* A reading of a file sees the codes it marked, not those of another reading: the
 * duplicate check of project codes; a builder started again is another reading. */
START_TEST(a_second_reading_forgets_the_first_ones_codes)
{
    const char *code = store_intern(&s, "D-1", 3);
    unsigned first = store_begin_pass(&s), second = store_begin_pass(&s);
    ck_assert_int_eq(store_seen(&s, first, code, 5), 0);
    ck_assert_int_eq(store_seen(&s, first, code, 9), 5);
    ck_assert_int_eq(store_seen(&s, second, code, 7), 0);
    ck_assert_int_eq(store_seen(&s, second, code, 8), 7);
    arena scratch = {0};
    builder b;
    builder_begin(&b, &p, &s, &scratch, store_add_file(&s, "x.csv"), "x.csv");
    unsigned before = b.pass;
    builder_restart(&b, &b.stated);
    ck_assert_uint_ne(b.pass, before);
    builder_end(&b, false);
    arena_free(&scratch);
}
END_TEST

/* One pass, the probe's order: bytes of no allowed encoding refuse the file even when a
 * quoting error comes first, and a NUL byte refuses it whatever comes before. */
START_TEST(bad_bytes_are_told_before_a_quoting_error)
{
    const char *path = write_repeated("引号后坏字节.csv", "a,b\n\"x\"y,1\n", "c,d\n", 20000, "\xFF\n");
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%s:20003: 字节偏移80011处的字节不是有效的UTF-8或GB18030编码，文件未读入（不计行数）\n", path));
    ck_assert_str_eq(file(path)->encoding, "unknown");
    expect_counts(path, 0, 0, 0, 0, 0);
    remove_written(path);
    store_free(&s);
    store_init(&s, &memory);
    ctx.store = &s;
    path = write_repeated("坏字节后NUL.csv", "a,b\n\xFF\xFF\n", "x,y\n", 30000, "z");
    FILE *nul = fopen(path, "ab");
    fputc(0, nul);
    fclose(nul);
    ingest_file(&ctx, path);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "%s:30003: 字节偏移120008处是NUL字节，而文件开头没有字节顺序标记"
        "（可能是不带BOM的UTF-16文件，或不是文本文件），文件未读入（不计行数）\n", path));
    remove_written(path);
}
END_TEST

START_TEST(a_missing_folder_is_an_error)
{
    ck_assert_int_eq(ingest_folder(&ctx, DATA "no-such-folder", NULL), -1);
    ck_assert_str_eq(messages(), DATA "no-such-folder: 无法读取文件夹\n");
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("ingest");
    TCase *tc = tcase_create("ingest");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_projects_csv_exact_values);
    tcase_add_test(tc, plain_progress_csv_exact_values);
    tcase_add_test(tc, project_rules_reject_and_warn);
    tcase_add_test(tc, progress_rules_reject_and_warn);
    tcase_add_test(tc, quoted_newline_and_blank_line_keep_line_numbers);
    tcase_add_test(tc, quoting_error_rejects_the_file);
    tcase_add_test(tc, tab_separated_text);
    tcase_add_test(tc, invalid_utf8_rejects_the_file_with_its_offset);
    tcase_add_test(tc, files_without_office_period_or_kind);
    tcase_add_test(tc, xml_projects);
    tcase_add_test(tc, xml_in_parts_keeps_lines_and_counts);
    tcase_add_test(tc, xml_schema_error_in_the_last_part_rejects_the_whole_file);
    tcase_add_test(tc, xml_cut_short_after_parts_counts_nothing);
    tcase_add_test(tc, xml_id_repeated_in_a_later_part_is_refused);
    tcase_add_test(tc, xml_lines_past_65535_are_libxml2s);
    tcase_add_test(tc, xml_declared_gb2312_stays_gb18030_past_the_first_chunk);
    tcase_add_test(tc, xml_progress_in_yi);
    tcase_add_test(tc, xml_doctype_is_refused_unexpanded);
    tcase_add_test(tc, xml_external_entity_is_not_loaded);
    tcase_add_test(tc, xml_against_the_schema);
    tcase_add_test(tc, folder_walk_order_skips_and_supersedes);
    tcase_add_test(tc, every_row_is_accounted_for);
    tcase_add_test(tc, assessment_csv);
    tcase_add_test(tc, quarterly_xml);
    tcase_add_test(tc, utf8_split_across_chunks);
    tcase_add_test(tc, rows_across_chunks_keep_their_lines);
    tcase_add_test(tc, a_missing_folder_is_an_error);
    tcase_add_test(tc, form_projects_preamble_two_row_header_totals_and_notes);
    tcase_add_test(tc, form_progress_group_labels_and_units);
    tcase_add_test(tc, form_metadata_precedence);
    tcase_add_test(tc, form_assessment_and_quarterly_titles);
    tcase_add_test(tc, form_kind_from_the_title_alone);
    tcase_add_test(tc, form_without_header_or_with_a_bad_date);
    tcase_add_test(tc, header_cells_are_normalised);
    tcase_add_test(tc, aliases_of_the_spec);
    tcase_add_test(tc, later_submissions_supersede_earlier_ones);
    tcase_add_test(tc, gb18030_form_as_excel_exports_it);
    tcase_add_test(tc, utf16_unicode_text);
    tcase_add_test(tc, bytes_valid_in_no_encoding);
    tcase_add_test(tc, valid_in_both_keeps_utf8);
    tcase_add_test(tc, no_column_name_in_gbk_is_valid_utf8);
    tcase_add_test(tc, xml_declared_gb2312_is_read_as_gb18030);
    tcase_add_test(tc, xml_assessment_and_utf16);
    tcase_add_test(tc, xml_attacks_are_refused_unexpanded);
    tcase_add_test(tc, xml_external_dtd_is_not_fetched);
    tcase_add_test(tc, xml_gzip_is_not_inflated);
    tcase_add_test(tc, big_file_streams_in_bounded_memory);
    tcase_add_test(tc, gbk_past_the_first_chunk_is_read_again);
    tcase_add_test(tc, a_second_reading_forgets_the_first_ones_codes);
    tcase_add_test(tc, the_store_interns_texts);
    tcase_add_test(tc, months_share_their_project_names);
    tcase_add_test(tc, gb18030_decodes_as_iconv_does);
    tcase_add_test(tc, plain_rows_are_cut_as_libcsv_cuts_them);
    tcase_add_test(tc, bad_bytes_are_told_before_a_quoting_error);
    tcase_add_test(tc, huge_cell_is_refused_at_its_limit);
    tcase_set_timeout(tc, 60); /* ASan on a busy 2-core box */
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
