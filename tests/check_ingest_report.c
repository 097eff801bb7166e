/*
 * check_ingest_report.c: the files beside the bulletin that tell what ingest did, and
 * `bulletin check`: rejects.csv byte for byte (BOM, quoting, no formula injection),
 * manifest.json with the hashes and row counts of the store, and the check command's
 * output, exit statuses and its promise to write nothing.  Runs from the repository root.
 */
#define _GNU_SOURCE
#include "testutil.h"
#include "ingest/planfile.h"

#include "ingest/ingest.h"
#include "model/digest.h"
#include "report/manifest.h"
#include "report/rejects.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA "tests/data/ingest/"

START_TEST(rejects_csv_bytes)
{
    arena memory = {0};
    diag_list diags;
    diag_init(&diags, &memory);
    diag_add(&diags, DIAG_ERROR, "input/a,b.csv", 3, "总投资", "=SUM(A1:A9)", "不是有效金额");
    diag_add(&diags, DIAG_WARNING, "input/x.csv", 4, "本月完成投资", "+5", "大于累计完成投资“4”");
    diag_add(&diags, DIAG_NOTE, "input/x.csv", 1, "备注", NULL, "不是已知的列名，该列已忽略");
    diag_add(&diags, DIAG_ERROR, "input/y.xml", 0, NULL, NULL, "XML文件无效：\"引号\"");
    diag_add(&diags, DIAG_ERROR, "input/z.csv", 5, "单位", "@柳市", "-不是计划中的考核单位");
    buffer out;
    buffer_init(&out);
    rejects_write(&out, &diags);
    ck_assert_str_eq(out.data,
        "\xEF\xBB\xBF" "文件,行,列,值,级别,原因\r\n"
        "\"input/a,b.csv\",3,总投资,\"'=SUM(A1:A9)\",错误,不是有效金额\r\n"
        "input/x.csv,4,本月完成投资,\"'+5\",警告,大于累计完成投资“4”\r\n"
        "input/y.xml,,,,错误,\"XML文件无效：\"\"引号\"\"\"\r\n"
        "input/z.csv,5,单位,\"'@柳市\",错误,\"'-不是计划中的考核单位\"\r\n");
    buffer_free(&out);
    diag_free(&diags);
    arena_free(&memory);
}
END_TEST

/* Ingests one fixture and writes the manifest over two made-up outputs. */
START_TEST(manifest_names_inputs_outputs_and_hashes)
{
    arena memory = {0};
    store s;
    store_init(&s, &memory);
    plan p;
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, &p, &s.diags), 0);
    ingest_context ctx;
    ck_assert_int_eq(ingest_open(&ctx, ".", &p, &s), 0);
    ingest_file(&ctx, DATA "forms/2015-09/样表-项目.csv");
    ingest_file(&ctx, DATA "encodings/2015-09/无BOM.csv");
    ingest_close(&ctx);
    manifest_header header = {.version = "9.9.9", .subject = "2015-09", .plan_path = "input/plan.xml"};
    ck_assert_int_eq(digest_file("input/plan.xml", header.plan_sha256), 0);
    const manifest_output outputs[] = {{"summary.json", "abc", 3}, {"rejects.csv", "", 0}};
    buffer out;
    buffer_init(&out);
    manifest_write(&out, &header, &s, outputs, 2);
    char plan_hex[65];
    digest_hex(header.plan_sha256, plan_hex);
    command_result sum = run_command("sha256sum input/plan.xml | cut -c1-64");
    ck_assert_int_eq(strncmp(sum.out, plan_hex, 64), 0);
    command_result_free(&sum);
    const char *expected[] = {
        "{\n  \"program\": \"bulletin\",\n  \"version\": \"9.9.9\",\n  \"subject\": \"2015-09\",\n"
        "  \"plan\": {\n    \"path\": \"input/plan.xml\",\n    \"sha256\": \"",
        "    {\n      \"path\": \"" DATA "forms/2015-09/样表-项目.csv\",\n      \"sha256\": \"",
        "      \"kind\": \"projects\",\n      \"office\": \"信息经济产业专项行动工作组\",\n"
        "      \"period\": \"2015-09\",\n      \"sent\": \"2015-09-30\",\n      \"encoding\": \"UTF-8\",\n"
        "      \"rejected_whole\": false,\n      \"rows\": {\n        \"read\": 5,\n"
        "        \"accepted\": 2,\n        \"warned\": 0,\n        \"rejected\": 3,\n"
        "        \"superseded\": 0\n      }\n    },\n",
        "      \"kind\": null,\n      \"office\": null,\n      \"period\": null,\n      \"sent\": null,\n"
        "      \"encoding\": \"unknown\",\n      \"rejected_whole\": true,\n      \"rows\": {\n"
        "        \"read\": 0,\n",
        "  \"rows\": {\n    \"read\": 5,\n    \"accepted\": 2,\n    \"warned\": 0,\n"
        "    \"rejected\": 3,\n    \"superseded\": 0\n  },\n",
        /* sha256 of "abc" and of nothing */
        "      \"path\": \"summary.json\",\n      \"sha256\": "
        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\n      \"bytes\": 3\n",
        "      \"path\": \"rejects.csv\",\n      \"sha256\": "
        "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\n      \"bytes\": 0\n"
        "    }\n  ]\n}\n",
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        ck_assert_msg(strstr(out.data, expected[i]) != NULL, "manifest lacks:\n%s\n---\n%s",
                      expected[i], out.data);
    ck_assert_ptr_nonnull(strstr(out.data, plan_hex));
    buffer_free(&out);
    store_free(&s);
    arena_free(&memory);
}
END_TEST

/* `bulletin check` from a scratch folder, so that anything it wrote would show. */
static command_result check_in_scratch(const char *scratch, const char *arguments)
{
    char *root = getcwd(NULL, 0);
    const char *binary = bulletin_binary();
    command_result r = run_command("cd %s && BULLETIN_DATADIR=%s %s%s%s check --plan %s/input/plan.xml %s",
                                   scratch, root, binary[0] == '/' ? "" : root,
                                   binary[0] == '/' ? "" : "/", binary, root, arguments);
    free(root);
    return r;
}

START_TEST(check_prints_every_problem_and_writes_nothing)
{
    char *scratch = make_scratch_folder();
    char *root = getcwd(NULL, 0);
    char *args = NULL;
    ck_assert_int_ge(asprintf(&args, "%s/" DATA "forms/2015-09/样表-项目.csv %s/" DATA "forms/2015-Q3",
                              root, root), 0);
    command_result r = check_in_scratch(scratch, args);
    ck_assert_int_eq(r.status, 3);
    char *expected = NULL;
    const char *file = DATA "forms/2015-09/样表-项目.csv";
    ck_assert_int_ge(asprintf(&expected,
        "%s/%s:10: 列“建设地点”：“火星镇”不是计划中的考核单位\n"
        "%s/%s:11: 列“项目编号”：“F-001”与第7行重复\n"
        "%s/%s:12: 列“累计完成投资”：“4O”不是有效金额\n"
        "%s/%s:13: 警告：列“累计完成投资”：“340”与本文件已接受的2行数据之和330万元相差10万元，以数据行为准\n",
        root, file, root, file, root, file, root, file), 0);
    ck_assert_str_eq(r.out, expected);
    ck_assert_str_eq(r.err, "bulletin check: 3 个文件（拒收 0 个，跳过 0 项），读入 8 行：接受 5 行（其中警告 0 行），"
                            "拒收 3 行，被替代 0 行\n");
    command_result listing = run_command("ls -A %s", scratch);
    ck_assert_str_eq(listing.out, "");
    command_result_free(&listing);
    command_result_free(&r);
    ck_assert_int_eq(rmdir(scratch), 0);
    free(expected);
    free(args);
    free(root);
    free(scratch);
}
END_TEST

START_TEST(check_exit_statuses)
{
    char *scratch = make_scratch_folder();
    char *root = getcwd(NULL, 0);
    char *args = NULL;
    ck_assert_int_ge(asprintf(&args, "%s/" DATA "good/2015-09/信息经济-项目.csv", root), 0);
    command_result clean = check_in_scratch(scratch, args);
    ck_assert_int_eq(clean.status, 0);
    ck_assert_str_eq(clean.out, "");
    command_result missing = check_in_scratch(scratch, "no/such/file.csv");
    ck_assert_int_eq(missing.status, 66);
    ck_assert_str_eq(missing.out, "");
    ck_assert_str_eq(missing.err, "no/such/file.csv: 路径不存在\n");
    /* a path through a file: the reason in words, not only 无法读取 */
    command_result through_file = check_in_scratch(scratch, "/dev/null/x.csv");
    ck_assert_int_eq(through_file.status, 66);
    ck_assert_str_eq(through_file.err, "/dev/null/x.csv: 无法读取：路径中有一项不是文件夹\n");
    command_result none = check_in_scratch(scratch, "");
    ck_assert_int_eq(none.status, 64);
    command_result_free(&through_file);
    command_result_free(&clean);
    command_result_free(&missing);
    command_result_free(&none);
    command_result cleanup = run_command("rm -rf %s", scratch);
    command_result_free(&cleanup);
    free(args);
    free(root);
    free(scratch);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("ingest report");
    TCase *tc = tcase_create("ingest report");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rejects_csv_bytes);
    tcase_add_test(tc, manifest_names_inputs_outputs_and_hashes);
    tcase_add_test(tc, check_prints_every_problem_and_writes_nothing);
    tcase_add_test(tc, check_exit_statuses);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
