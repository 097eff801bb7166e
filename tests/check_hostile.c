/*
 * check_hostile.c: what offices send cannot break the figures or pass in silence (issue
 * 9): sums and targets beyond what a money holds are refused, every file refused whole
 * and every entry skipped reaches the exit status and the summary line.  Runs from the
 * repository root; the end-to-end cases work on a clean copy of the sample.
 */
#include "testutil.h"
#include "ingest/ingest.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    ingest_close(&ctx);
    store_free(&s);
    arena_free(&memory);
    command_result r = run_command("rm -rf %s", scratch);
    command_result_free(&r);
    free(scratch);
}

/* Writes text to scratch/name (folders made as needed); returns the path (arena). */
static const char *write_file(const char *name, const char *text)
{
    const char *path = arena_printf(&memory, "%s/%s", scratch, name);
    command_result r = run_command("mkdir -p \"$(dirname '%s')\"", path);
    command_result_free(&r);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Every message of the store, one per line, with the scratch folder's path cut. */
static const char *messages(void)
{
    const char *all = "";
    size_t cut = strlen(scratch) + 1;
    for (size_t i = 0; i < s.diags.items.count; i++) {
        const char *line = diag_format(diag_at(&s.diags, i), &memory);
        if (strncmp(line, scratch, cut - 1) == 0)
            line += cut;
        all = arena_printf(&memory, "%s%s\n", all, line);
    }
    return all;
}

/* The repository root (the working folder of the tests) and the program, absolute. */
static const char *root(void)
{
    static char buf[4096];
    ck_assert_ptr_nonnull(getcwd(buf, sizeof buf));
    return buf;
}

static const char *program(void)
{
    const char *bin = bulletin_binary();
    return bin[0] == '/' ? bin : arena_printf(&memory, "%s/%s", root(), bin);
}

#define PROJECTS_HEADER "报送单位,报告期,项目编号,项目名称,所属产业,建设地点,总投资,年度计划投资,累计完成投资\n"
#define OFFICE "信息经济产业专项行动工作组"

/* Two amounts of 9×10¹⁴ 万元 each fit; their sum does not: the second row is refused. */
START_TEST(sums_beyond_a_money_refuse_the_row)
{
    const char *path = write_file("2015-09/p.csv",
        PROJECTS_HEADER
        OFFICE ",2015-09,A,甲,信息经济产业,柳市镇,900000000000000,1,1\n"
        OFFICE ",2015-09,B,乙,信息经济产业,柳市镇,900000000000000,1,1\n"
        OFFICE ",2015-09,C,丙,信息经济产业,柳市镇,1,1,1\n");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(),
        "2015-09/p.csv:3: 列“总投资”：“900000000000000”与同一报告期已接受的数据累加后超出可表示的范围"
        "（约9.2×10¹⁴万元），未计入\n");
    const submission_file *f = store_file(&s, 0);
    ck_assert_int_eq(f->rows.read, 3);
    ck_assert_int_eq(f->rows.accepted, 2);
    ck_assert_int_eq(f->rows.rejected, 1);
    /* another period has its own sums */
    path = write_file("2015-08/p.csv",
        PROJECTS_HEADER OFFICE ",2015-08,A,甲,信息经济产业,柳市镇,900000000000000,1,1\n");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_int_eq(store_file(&s, 1)->rows.accepted, 1);
}
END_TEST

/* A plan whose targets of one year add up beyond a money is a plan error. */
START_TEST(plan_targets_beyond_a_money_are_a_plan_error)
{
    const char *path = arena_printf(&memory, "%s/plan.xml", scratch);
    command_result r = run_command(
        "sed 's|<target year=\"2015\">430</target>|<target year=\"2015\">92233720368</target>|' "
        "input/plan.xml > %s", path);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    plan big;
    diag_list diags;
    diag_init(&diags, &memory);
    ck_assert_int_eq(plan_load(path, "schemas/plan.xsd", &memory, &big, &diags), -1);
    ck_assert_str_eq(diag_at(&diags, 0)->reason,
                     "计划文件无效：2015 年各产业产值目标之和超出可表示的范围");
    diag_free(&diags);
}
END_TEST

/* A clean month plus a file refused whole, a hidden file and a FIFO: status 3, one line
 * that counts them, and a rejects.csv line for each. */
START_TEST(refused_files_and_skipped_entries_give_3)
{
    command_result r = run_command(
        "set -e; cd %s; cc -std=c11 -O1 -o gensample %s/tools/gensample.c; ./gensample --plain input; "
        "cp %s/input/plan.xml input/; "
        "sed -i 's/2015-10-03/2015-09-30/' input/2015-09/时尚旅游-项目.csv; "
        "for office in 市发改局 市科技局; do "
        "sed \"s/市经信局/$office/g\" input/2015-Q3/季度-市经信局.csv > input/2015-Q3/季度-$office.csv; done; "
        "printf '项目编号,\"未闭合\\n' > input/2015-09/坏.csv; echo x > input/2015-09/.隐藏.csv; "
        "mkfifo input/2015-09/管道.csv",
        scratch, root(), root());
    ck_assert_msg(r.status == 0, "%s", r.err);
    command_result_free(&r);
    r = run_command("cd %s && BULLETIN_DATADIR=%s %s run --now 2015-10-02 --input input "
                    "--output out; echo \"status $?\"; cat out/2015-09/rejects.csv",
                    scratch, root(), program());
    ck_assert_str_eq(r.err, "bulletin: 2015-09 已生成；拒收文件 1 个，拒收 0 行，跳过 2 项，警告 0 条，"
                            "迟报或缺报 0 份，详见 out/2015-09/\n");
    ck_assert_msg(strstr(r.out, "status 3\n"), "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/.隐藏.csv,,,,错误,是隐藏的文件或文件夹（名称以“.”开头），未读入\r\n"),
                  "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/管道.csv,,,,错误,不是普通文件（设备、管道或套接字），未读入\r\n"),
                  "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/坏.csv,1,,,错误,"), "%s", r.out);
    command_result_free(&r);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("hostile");
    TCase *tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sums_beyond_a_money_refuse_the_row);
    tcase_add_test(tc, plan_targets_beyond_a_money_are_a_plan_error);
    tcase_add_test(tc, refused_files_and_skipped_entries_give_3);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
