/*
 * check_rowcap.c: the cap on the 附表 (issue 12).  rowcap_apply keeps major projects
 * first, then the highest 年度计划投资, in list order and renumbered; the real program with
 * a template capped at 5 prints those five and the template's note with the exact counts;
 * the sample (150 projects, under the default 500) prints every project and no note.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include "model/arena.h"
#include "render/rowcap.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rowcap_apply ---- */

static arena memory;
static plan sample_plan;
static project_record projects[6];
static bind_scope rows[6];

/* Six projects: money in 元; c and e major (e by the strategic threshold). */
static void make_rows(void)
{
    memset(&memory, 0, sizeof memory);
    load_sample_plan(&memory, &sample_plan);
    const money plans[6] = {50, 90, 10, 70, 20, 90};
    for (size_t i = 0; i < 6; i++) {
        projects[i] = (project_record){.annual_plan = plans[i], .total_investment = 1};
        rows[i] = (bind_scope){.plan = &sample_plan, .row_kind = ROW_PROJECT,
                               .row = &projects[i], .ordinal = i + 1};
    }
    projects[2].total_investment = sample_plan.major_threshold;
    projects[4].total_investment = sample_plan.major_threshold_strategic;
    projects[4].strategic = true;
}

static void free_rows(void)
{
    arena_free(&memory);
}

static size_t kept_index(size_t i)
{
    return (size_t)((const project_record *)rows[i].row - projects);
}

START_TEST(a_list_under_the_cap_is_left_alone)
{
    ck_assert_uint_eq(rowcap_apply(rows, 6, 6), 6);
    ck_assert_uint_eq(rowcap_apply(rows, 6, 500), 6);
    for (size_t i = 0; i < 6; i++) {
        ck_assert_uint_eq(kept_index(i), i);
        ck_assert_uint_eq(rows[i].ordinal, i + 1);
    }
}
END_TEST

/* Majors 2 and 4, then the highest plans: 1 and 5 (90 each), then 3 (70). */
START_TEST(majors_first_then_the_highest_plans_in_list_order)
{
    ck_assert_uint_eq(rowcap_apply(rows, 6, 3), 3);
    const size_t expected[] = {1, 2, 4}; /* 1 before 5: the tie goes to the earlier */
    for (size_t i = 0; i < 3; i++) {
        ck_assert_uint_eq(kept_index(i), expected[i]);
        ck_assert_uint_eq(rows[i].ordinal, i + 1);
    }
}
END_TEST

START_TEST(a_cap_below_the_majors_keeps_the_larger_plans_among_them)
{
    ck_assert_uint_eq(rowcap_apply(rows, 6, 1), 1);
    ck_assert_uint_eq(kept_index(0), 4); /* plan 20 against 10 */
    ck_assert_uint_eq(rows[0].ordinal, 1);
}
END_TEST

START_TEST(other_lists_keep_their_first_rows)
{
    for (size_t i = 0; i < 6; i++)
        rows[i].row_kind = ROW_UNIT;
    ck_assert_uint_eq(rowcap_apply(rows, 6, 2), 2);
    ck_assert_uint_eq(kept_index(0), 0);
    ck_assert_uint_eq(kept_index(1), 1);
}
END_TEST

/* ---- the real program ---- */

static char *folder;

static char *pdf_text(const char *output)
{
    command_result r = run_command("pdftotext -enc UTF-8 %s/2015-09/bulletin-2015-09.pdf - | "
                                   "tr -d ' \\n'", output);
    ck_assert_int_eq(r.status, 0);
    char *text = strdup(r.out);
    command_result_free(&r);
    return text;
}

static void run_with(const char *template, const char *output)
{
    command_result r = run_command("SOURCE_DATE_EPOCH=1443744000 %s run --period 2015-09 "
                                   "--input input --output %s %s %s",
                                   bulletin_binary(), output, template ? "--template" : "",
                                   template ? template : "");
    ck_assert_msg(r.status == 3, "bulletin run: status %d\n%s", r.status, r.err);
    command_result_free(&r);
}

static void make_folder(void)
{
    folder = make_scratch_folder();
}

static void remove_folder(void)
{
    command_result r = run_command("rm -rf %s", folder);
    command_result_free(&r);
    free(folder);
}

/* The sample's 150 projects by importance: the three majors (LG2015-001, XX2015-011,
 * ZB2015-013), then SM2015-010 (年度计划投资 38600 万元) and ZB2015-001 (37980); the sixth
 * would be XC2015-003 (36040).  Listed in input order. */
START_TEST(a_capped_table_lists_the_most_important_and_says_how_many_more)
{
    command_result r = run_command("sed 's/limit=\"500\"/limit=\"5\"/' templates/monthly.xml "
                                   ">%s/capped.xml", folder);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    char *template = NULL, *output = NULL;
    ck_assert_int_ge(asprintf(&template, "%s/capped.xml", folder), 0);
    ck_assert_int_ge(asprintf(&output, "%s/capped", folder), 0);
    run_with(template, output);
    char *text = pdf_text(output);
    const char *table = strstr(text, "附表：重点项目实施情况一览");
    ck_assert_ptr_nonnull(table);
    const char *in_order[] = {"乐清湾临港石化储运基地", "年产10亿只智能传感器", "医用敷料及卫生材料生产",
                              "年产500台光纤激光切割", "通用航空产业园（一期）"};
    const char *at = table;
    for (size_t i = 0; i < 5; i++) {
        const char *found = strstr(at, in_order[i]);
        ck_assert_msg(found != NULL, "附表 lacks “%s” after the previous row", in_order[i]);
        at = found;
    }
    ck_assert_ptr_null(strstr(table, "年产3000吨新型绝缘材料"));
    ck_assert_msg(strstr(at, "本表列出重大产业项目及年度计划投资较大的5个项目，另有145个项目未列出；"
                             "全部150个项目见同目录下的本期数据工作簿data-2015-09.xlsx或各专项行动"
                             "工作组报送的CSV文件。") != NULL,
                  "no note under the 附表: %s", at);
    free(text);
    free(template);
    free(output);
}
END_TEST

START_TEST(the_sample_is_under_the_default_cap)
{
    char *output = NULL;
    ck_assert_int_ge(asprintf(&output, "%s/sample", folder), 0);
    run_with(NULL, output);
    char *text = pdf_text(output);
    const char *table = strstr(text, "附表：重点项目实施情况一览");
    ck_assert_ptr_nonnull(table);
    ck_assert_ptr_nonnull(strstr(table, "年产3000吨新型绝缘材料"));
    ck_assert_ptr_null(strstr(table, "未列出"));
    free(text);
    free(output);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("row cap");
    TCase *unit = tcase_create("rowcap_apply");
    tcase_add_checked_fixture(unit, make_rows, free_rows);
    tcase_add_test(unit, a_list_under_the_cap_is_left_alone);
    tcase_add_test(unit, majors_first_then_the_highest_plans_in_list_order);
    tcase_add_test(unit, a_cap_below_the_majors_keeps_the_larger_plans_among_them);
    tcase_add_test(unit, other_lists_keep_their_first_rows);
    suite_add_tcase(suite, unit);
    TCase *program = tcase_create("bulletin run");
    tcase_set_timeout(program, 120);
    tcase_add_checked_fixture(program, make_folder, remove_folder);
    tcase_add_test(program, a_capped_table_lists_the_most_important_and_says_how_many_more);
    tcase_add_test(program, the_sample_is_under_the_default_cap);
    suite_add_tcase(suite, program);
    return run_suite(suite);
}
