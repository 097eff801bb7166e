/*
 * check_plan.c: the plan as shipped (input/plan.xml against schemas/plan.xsd) holds the
 * seed's figures exactly; its lookups accept aliases and stray spaces; invalid plans are
 * refused with one message naming file and line; no XML can make libxml2 read a file.
 * Run from the repository root.
 */
#include "testutil.h"
#include "ingest/planfile.h"
#include "model/xmlsafe.h"
#include "model/xmlscan.h"

#include <libxml/parserInternals.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_PATH "input/plan.xml"
#define SCHEMA_PATH "schemas/plan.xsd"
#define FIXTURES "tests/data/plan/"

static arena test_arena;
static diag_list diags;
static plan loaded;

static void setup(void)
{
    xmlsafe_init();
    memset(&test_arena, 0, sizeof test_arena);
    diag_init(&diags, &test_arena);
    memset(&loaded, 0, sizeof loaded);
}

static void teardown(void)
{
    diag_free(&diags);
    arena_free(&test_arena);
}

static const char *first_message(void)
{
    return diags.items.count ? diag_format(diag_at(&diags, 0), &test_arena) : "(none)";
}

static const plan *load_shipped(void)
{
    int status = plan_load(PLAN_PATH, SCHEMA_PATH, &test_arena, &loaded, &diags);
    ck_assert_msg(status == 0, "plan_load: %s", first_message());
    ck_assert_uint_eq(diags.items.count, 0);
    return &loaded;
}

static bool fraction_is(fraction f, int64_t num, int64_t den)
{
    return fraction_compare(f, fraction_make(num, den)) == 0;
}

START_TEST(header_goals_and_deadlines)
{
    const plan *p = load_shipped();
    ck_assert_int_eq(p->year, 2015);
    ck_assert_str_eq(p->issuer, "乐清市“一六五”产业发展工作领导小组办公室");
    ck_assert_str_eq(p->title, "2015年乐清市新兴产业培育发展工作方案暨2015年度乐清市“一六五”"
                               "产业工作方案");
    ck_assert_str_eq(p->contact.unit, "市发改局产业科");
    ck_assert_str_eq(p->contact.name, "王墅野");
    ck_assert_str_eq(p->contact.phone, "61882130");
    ck_assert_str_eq(p->contact.fax, "61882133");
    ck_assert(fraction_is(p->goal_va_growth_pct, 10, 1));
    ck_assert_int_eq(p->goal_major_projects, 1);
    ck_assert_int_eq(p->major_threshold, 2000000000);           /* 200000 万元 */
    ck_assert_int_eq(p->major_threshold_strategic, 1000000000); /* 100000 万元 */
    ck_assert_int_eq(p->month_due_day, 1);
    ck_assert_int_eq(p->quarter_due_days, 10);
}
END_TEST

START_TEST(six_industries_with_targets_in_yuan)
{
    static const char *const names[] = {"信息经济产业",       "高端装备制造业",
                                        "生命健康产业",       "时尚旅游和文化产业",
                                        "临港产业和现代物流", "新材料产业"};
    static const money yi_2015[] = {430, 90, 50, 180, 260, 75};
    static const money yi_2016[] = {500, 100, 70, 200, 330, 100};
    const plan *p = load_shipped();
    ck_assert_uint_eq(p->industry_count, 6);
    money total_2015 = 0, total_2016 = 0, target;
    for (size_t i = 0; i < 6; i++) {
        const plan_industry *industry = &p->industries[i];
        ck_assert_str_eq(industry->name, names[i]);
        ck_assert(plan_target_for(industry, 2015, &target));
        ck_assert_int_eq(target, yi_2015[i] * YUAN_PER_YI);
        total_2015 += target;
        ck_assert(plan_target_for(industry, 2016, &target));
        ck_assert_int_eq(target, yi_2016[i] * YUAN_PER_YI);
        total_2016 += target;
        ck_assert(!plan_target_for(industry, 2017, &target));
    }
    ck_assert_int_eq(p->industries[0].targets[0].output, 43000000000);
    ck_assert_int_eq(total_2015, 108500000000);
    ck_assert_int_eq(total_2016, 130000000000);
}
END_TEST

START_TEST(subsectors_and_assessment)
{
    static const size_t counts[] = {3, 4, 0, 2, 2, 0};
    const plan *p = load_shipped();
    for (size_t i = 0; i < 6; i++)
        ck_assert_uint_eq(p->industries[i].subsector_count, counts[i]);
    const plan_subsector *info = p->industries[0].subsectors;
    ck_assert_str_eq(info[0].name, "电子信息");
    ck_assert_str_eq(info[1].name, "物联网");
    ck_assert_str_eq(info[2].name, "网络经济");
    ck_assert(info[0].assessed && info[1].assessed && !info[2].assessed);
    const plan_subsector *equipment = p->industries[1].subsectors;
    ck_assert_str_eq(equipment[0].name, "激光与光电");
    ck_assert_str_eq(equipment[3].name, "装备制造");
    ck_assert_str_eq(p->industries[3].subsectors[0].name, "旅游休闲");
    ck_assert(!p->industries[3].subsectors[0].assessed);
    ck_assert(p->industries[3].subsectors[1].assessed);
    ck_assert_str_eq(p->industries[4].subsectors[0].name, "临港石化");
    ck_assert_str_eq(p->industries[4].subsectors[1].name, "现代物流");
}
END_TEST

START_TEST(liaisons_are_marked_examples)
{
    const plan *p = load_shipped();
    for (size_t i = 0; i < p->industry_count; i++) {
        const plan_liaison *liaison = &p->industries[i].liaison;
        ck_assert(liaison->example);
        ck_assert(strncmp(liaison->leader, "（示例）", strlen("（示例）")) == 0);
        ck_assert(strncmp(liaison->contact_name, "（示例）", strlen("（示例）")) == 0);
        ck_assert_str_eq(liaison->contact_phone, "0577-6188xxxx");
    }
    ck_assert_str_eq(p->industries[0].liaison.leader, "（示例）张三");
}
END_TEST

START_TEST(seventeen_units_in_order)
{
    static const char *const names[] = {
        "城东街道", "乐成街道", "城南街道", "盐盆街道", "翁垟街道", "白石街道",
        "石帆街道", "天成街道", "柳市镇",   "北白象镇", "虹桥镇",   "淡溪镇",
        "清江镇",   "芙蓉镇",   "大荆镇",   "仙溪镇",   "雁荡镇"};
    const plan *p = load_shipped();
    ck_assert_uint_eq(p->unit_count, 17);
    for (size_t i = 0; i < 17; i++) {
        ck_assert_str_eq(p->units[i].name, names[i]);
        ck_assert(p->units[i].is_town == (i >= 8));
        ck_assert_uint_eq(p->units[i].alias_count, 1);
        ck_assert_int_eq(plan_find_unit(p, names[i]), (int)i);
    }
    ck_assert_str_eq(p->units[8].aliases[0], "柳市");
    ck_assert_int_eq(plan_find_unit(p, "柳市"), 8);
    ck_assert_int_eq(plan_find_unit(p, " 柳\xE3\x80\x80市镇\t"), 8); /* U+3000 inside */
    ck_assert_int_eq(plan_find_unit(p, "城东"), 0);
    ck_assert_int_eq(plan_find_unit(p, "雁荡"), 16);
    ck_assert_int_eq(plan_find_unit(p, "柳市街道"), -1);
    ck_assert_int_eq(plan_find_unit(p, ""), -1);
    ck_assert_int_eq(plan_find_unit(p, NULL), -1);
}
END_TEST

START_TEST(industry_and_subsector_lookups)
{
    const plan *p = load_shipped();
    ck_assert_int_eq(plan_find_industry(p, "信息经济产业"), 0);
    ck_assert_int_eq(plan_find_industry(p, "信息经济"), 0);
    ck_assert_int_eq(plan_find_industry(p, "\xE3\x80\x80信息 经济\xE3\x80\x80"), 0);
    ck_assert_int_eq(plan_find_industry(p, "高端装备制造"), 1);
    ck_assert_int_eq(plan_find_industry(p, "生命健康"), 2);
    ck_assert_int_eq(plan_find_industry(p, "时尚旅游和文化"), 3);
    ck_assert_int_eq(plan_find_industry(p, "临港产业和现代物流产业"), 4);
    ck_assert_int_eq(plan_find_industry(p, "新材料"), 5);
    ck_assert_int_eq(plan_find_industry(p, "网络经济"), -1); /* a sub-sector, not an industry */
    ck_assert_int_eq(plan_find_industry(p, "柳市镇"), -1);
    int industry = -1;
    ck_assert_int_eq(plan_find_subsector(p, "网络经济", &industry), 2);
    ck_assert_int_eq(industry, 0);
    ck_assert(!p->industries[industry].subsectors[2].assessed);
    ck_assert_int_eq(plan_find_subsector(p, "现代物流", &industry), 1);
    ck_assert_int_eq(industry, 4);
    ck_assert_int_eq(plan_find_subsector(p, "信息经济", &industry), -1);
    ck_assert_int_eq(plan_find_subsector_in(p, 1, "轨道交通"), 1);
    ck_assert_int_eq(plan_find_subsector_in(p, 0, "轨道交通"), -1);
    ck_assert_int_eq(plan_find_subsector_in(p, 6, "轨道交通"), -1);
    ck_assert_int_eq(plan_find_subsector_in(p, -1, "轨道交通"), -1);
}
END_TEST

START_TEST(offices_and_their_kinds)
{
    const plan *p = load_shipped();
    ck_assert_uint_eq(p->office_count, 10);
    for (int i = 0; i < 6; i++) {
        const plan_office *group = &p->offices[i];
        char expected[128];
        snprintf(expected, sizeof expected, "%s专项行动工作组", p->industries[i].name);
        ck_assert_str_eq(group->name, expected);
        ck_assert_uint_eq(group->kinds, KIND_BIT_PROJECTS | KIND_BIT_PROGRESS);
        ck_assert_int_eq(group->industry, i);
    }
    ck_assert_str_eq(p->offices[4].name, "临港产业和现代物流专项行动工作组");
    ck_assert_int_eq(plan_find_office(p, "信息经济工作组"), 0);
    ck_assert_int_eq(plan_find_office(p, "信息经济产业专项行动工作组"), 0);
    int development = plan_find_office(p, "发改局");
    ck_assert_int_eq(development, plan_find_office(p, "乐清市发展和改革局"));
    ck_assert_str_eq(p->offices[development].name, "市发改局");
    ck_assert_uint_eq(p->offices[development].kinds, KIND_BIT_ASSESSMENT | KIND_BIT_QUARTERLY);
    ck_assert_int_eq(p->offices[development].industry, -1);
    size_t assessment = 0, quarterly = 0;
    for (size_t i = 0; i < p->office_count; i++) {
        assessment += (p->offices[i].kinds & KIND_BIT_ASSESSMENT) != 0;
        quarterly += (p->offices[i].kinds & KIND_BIT_QUARTERLY) != 0;
    }
    ck_assert_uint_eq(assessment, 1);
    ck_assert_uint_eq(quarterly, 4);
    ck_assert_int_ge(plan_find_office(p, "市经信局"), 0);
    ck_assert_int_ge(plan_find_office(p, "市科技局"), 0);
    ck_assert_int_ge(plan_find_office(p, "市场监管局"), 0);
    ck_assert_int_eq(plan_find_office(p, "市统计局"), -1);
}
END_TEST

START_TEST(scoring_parameters_are_exact)
{
    const plan_scoring *s = &load_shipped()->scoring;
    ck_assert(fraction_is(s->growth_base, 25, 1));
    ck_assert(fraction_is(s->growth_reference, 10, 1));
    ck_assert(fraction_is(s->growth_reference_share, 9, 10));
    ck_assert(fraction_is(s->growth_step_share, 1, 20));
    ck_assert(fraction_is(s->growth_bonus_cap_share, 1, 10));
    ck_assert(fraction_is(s->growth_deduction_cap_share, 1, 5));
    ck_assert(fraction_is(s->scale.base, 15, 1));
    ck_assert(fraction_is(s->scale.step, 3, 10));
    ck_assert(fraction_is(s->projects.base, 15, 1));
    ck_assert(fraction_is(s->projects.step, 3, 10));
    ck_assert(fraction_is(s->composite_count_weight, 1, 2));
    ck_assert(fraction_is(s->composite_completion_weight, 1, 2));
    ck_assert(fraction_is(s->land.base, 10, 1));
    ck_assert(fraction_is(s->land.step, 1, 5));
    ck_assert(fraction_is(s->major_bonus_each, 5, 1));
    ck_assert(fraction_is(s->major_bonus_cap, 10, 1));
    ck_assert(fraction_is(s->platform_new, 10, 1));
    ck_assert(fraction_is(s->platform_national, 3, 1));
    ck_assert(fraction_is(s->platform_provincial, 3, 2));
    ck_assert(fraction_is(s->leading_enterprises, 10, 1));
    ck_assert(fraction_is(s->annual_plan, 4, 1));
    ck_assert(fraction_is(s->extra_national_fund, 3, 1));
    ck_assert(fraction_is(s->extra_provincial_fund, 3, 2));
    ck_assert(fraction_is(s->extra_national_honor, 3, 1));
    ck_assert(fraction_is(s->extra_provincial_honor, 3, 2));
    ck_assert(fraction_is(s->extra_cap, 6, 1));
}
END_TEST

START_TEST(minimal_fixture_is_valid)
{
    int status = plan_load(FIXTURES "minimal-valid.xml", SCHEMA_PATH, &test_arena, &loaded, &diags);
    ck_assert_msg(status == 0, "plan_load: %s", first_message());
    ck_assert_uint_eq(loaded.unit_count, 2);
    ck_assert_ptr_null(loaded.contact.fax);
}
END_TEST

/* Each invalid fixture and the one message it must produce. */
static const struct {
    const char *file;
    const char *message;
} invalid_plans[] = {
    {"malformed.xml", FIXTURES "malformed.xml:4: 计划文件无效：开始标签<issuer>（第4行）与结束标签"
                      "</issuer_>不匹配"},
    {"missing-target.xml",
     FIXTURES "missing-target.xml:14: 计划文件无效：元素<targets>缺少子元素（应有：target）"},
    {"non-numeric-target.xml",
     FIXTURES "non-numeric-target.xml:14: 计划文件无效：元素<target>的值“四百三十”不符合类型 amount "
              "的要求"},
    {"doctype-entity.xml", FIXTURES "doctype-entity.xml:3: 计划文件无效：不允许文档类型声明"
                           "（<!DOCTYPE>），以免读取外部实体"},
    {"duplicate-unit.xml",
     FIXTURES "duplicate-unit.xml:23: 计划文件无效：元素<unit>的“柳市镇”与前面的重复（须各不相同）"},
    {"alias-collision.xml",
     FIXTURES "alias-collision.xml:23: 计划文件无效：名称“柳市”已在第 22 行用于单位“柳市镇”"},
    {"zero-target.xml", FIXTURES "zero-target.xml:14: 计划文件无效：产业“信息经济产业”2015 年的"
                        "产值目标“0”必须大于 0"},
};

START_TEST(invalid_plan_is_refused_with_one_message)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURES "%s", invalid_plans[_i].file);
    ck_assert_int_eq(plan_load(path, SCHEMA_PATH, &test_arena, &loaded, &diags), -1);
    ck_assert_uint_eq(diags.items.count, 1);
    ck_assert_int_eq(diag_at(&diags, 0)->level, DIAG_ERROR);
    ck_assert_str_eq(first_message(), invalid_plans[_i].message);
    ck_assert_uint_eq(loaded.industry_count, 0);
    ck_assert_ptr_null(loaded.names);
}
END_TEST

START_TEST(missing_files_are_named)
{
    ck_assert_int_eq(plan_load(FIXTURES "absent.xml", SCHEMA_PATH, &test_arena, &loaded, &diags),
                     -1);
    ck_assert_str_eq(first_message(), FIXTURES "absent.xml: 无法读取文件：文件不存在");
    diag_free(&diags);
    diag_init(&diags, &test_arena);
    ck_assert_int_eq(plan_load(PLAN_PATH, "schemas/absent.xsd", &test_arena, &loaded, &diags),
                     -1);
    ck_assert_str_eq(first_message(), "schemas/absent.xsd: 无法读取文件：文件不存在");
    diag_free(&diags);
    diag_init(&diags, &test_arena);
    ck_assert_int_eq(plan_load(PLAN_PATH, PLAN_PATH, &test_arena, &loaded, &diags), -1);
    ck_assert_str_eq(first_message(), "input/plan.xml: 模式文件无效：不是 XML 模式文件（XSD）");
}
END_TEST

START_TEST(read_file_is_bounded)
{
    char *bytes = NULL;
    size_t length = 0;
    ck_assert_int_eq(xmlsafe_read_file(FIXTURES "malformed.xml", 10, &test_arena, &bytes,
                                       &length, &diags),
                     -1);
    ck_assert_ptr_null(bytes);
    ck_assert(strncmp(diag_at(&diags, 0)->reason, "文件过大（", strlen("文件过大（")) == 0);
    ck_assert_int_eq(xmlsafe_read_file("tests", 1 << 20, &test_arena, &bytes, &length, &diags),
                     -1);
    ck_assert_str_eq(diag_at(&diags, 1)->reason, "无法读取文件：不是普通文件");
    ck_assert_int_eq(xmlsafe_read_file(FIXTURES "malformed.xml", 1 << 20, &test_arena, &bytes,
                                       &length, &diags),
                     0);
    ck_assert_uint_eq(strlen(bytes), length);
    ck_assert(strncmp(bytes, "<?xml", 5) == 0);
}
END_TEST

START_TEST(external_entities_are_never_loaded)
{
    /* the loader libxml2 uses for every external resource refuses everything */
    ck_assert_ptr_null(xmlLoadExternalEntity("file:///etc/passwd", NULL, NULL));
    ck_assert_ptr_null(xmlLoadExternalEntity("/etc/passwd", NULL, NULL));
    static const char entity_in_text[] = "<?xml version=\"1.0\"?>\n<a>&secret;</a>\n";
    ck_assert_ptr_null(xmlsafe_parse(entity_in_text, strlen(entity_in_text), "x.xml",
                                     "文件无效", &diags));
    ck_assert_str_eq(first_message(), "x.xml:2: 文件无效：引用了未声明的实体“secret”");
}
END_TEST

/* A document parsed from memory (plan, template, workbook part) has the stream's bound on
 * attributes: 1001 on one element are refused before libxml2 reads the tag. */
START_TEST(crowded_elements_are_refused_from_memory)
{
    char *text = arena_printf(&test_arena, "<?xml version=\"1.0\"?>\n<a");
    for (int i = 0; i < 1001; i++)
        text = arena_printf(&test_arena, "%s b%d='1'", text, i);
    text = arena_printf(&test_arena, "%s/>\n", text);
    ck_assert_ptr_null(xmlsafe_parse(text, strlen(text), "x.xml", "文件无效", &diags));
    ck_assert_str_eq(first_message(), "x.xml:2: 文件无效：" XMLSCAN_REASON);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("plan");
    TCase *tc = tcase_create("plan");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, header_goals_and_deadlines);
    tcase_add_test(tc, six_industries_with_targets_in_yuan);
    tcase_add_test(tc, subsectors_and_assessment);
    tcase_add_test(tc, liaisons_are_marked_examples);
    tcase_add_test(tc, seventeen_units_in_order);
    tcase_add_test(tc, industry_and_subsector_lookups);
    tcase_add_test(tc, offices_and_their_kinds);
    tcase_add_test(tc, scoring_parameters_are_exact);
    tcase_add_test(tc, minimal_fixture_is_valid);
    tcase_add_loop_test(tc, invalid_plan_is_refused_with_one_message, 0,
                        (int)(sizeof invalid_plans / sizeof invalid_plans[0]));
    tcase_add_test(tc, missing_files_are_named);
    tcase_add_test(tc, read_file_is_bounded);
    tcase_add_test(tc, external_entities_are_never_loaded);
    tcase_add_test(tc, crowded_elements_are_refused_from_memory);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
