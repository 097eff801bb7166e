/*
 * check_e2e.c: the real program on the real sample input.  Runs `bulletin run` for
 * 2015-09 twice and inspects what it wrote with poppler-utils and qpdf: fonts embedded
 * as unicode subsets, the text extractable, no tool warning, the figures of
 * tools/sample-figures.txt in summary.json, the sample's faulty rows in rejects.csv,
 * manifest.json's hashes, byte-identical files on the second run.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include "cmd/cmd.h"

#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *first_output, *second_output;
static int first_status = -1, second_status = -1;
static char *first_err;

static const char *const output_names[] = {"bulletin-2015-09.pdf", "summary.json", "rejects.csv",
                                           "manifest.json"};

static int run_into(const char *folder, char **err)
{
    command_result r = run_command("SOURCE_DATE_EPOCH=1443744000 %s run --period 2015-09 "
                                   "--input input --output %s",
                                   bulletin_binary(), folder);
    if (r.status != 0 && r.status != 3)
        fprintf(stderr, "bulletin run: status %d\n%s", r.status, r.err);
    int status = r.status;
    if (err)
        *err = strdup(r.err ? r.err : "");
    command_result_free(&r);
    return status;
}

static void run_twice(void)
{
    first_output = make_scratch_folder();
    second_output = make_scratch_folder();
    first_status = run_into(first_output, &first_err);
    second_status = run_into(second_output, NULL);
}

static void remove_outputs(void)
{
    command_result r = run_command("rm -rf %s %s", first_output, second_output);
    command_result_free(&r);
    free(first_output);
    free(second_output);
    free(first_err);
}

static char *output_path(const char *folder, const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/2015-09/%s", folder, name) < 0)
        abort();
    return path;
}

/* The sample's five faulty rows are rejected: status 3 and the one summary line. */
START_TEST(run_writes_its_files_and_reports_the_rejects)
{
    ck_assert_int_eq(first_status, 3);
    ck_assert_int_eq(second_status, 3);
    char *expected = NULL;
    ck_assert_int_ge(asprintf(&expected, "bulletin: 2015-09 已生成；拒收文件 0 个，拒收 5 行，跳过 0 项，警告 1 条，迟报或缺报 3 份，"
                                         "详见 %s/2015-09/\n", first_output), 0);
    ck_assert_str_eq(first_err, expected);
    free(expected);
    for (size_t i = 0; i < 4; i++) {
        char *path = output_path(first_output, output_names[i]);
        size_t length = 0;
        char *bytes = read_whole_file(path, &length);
        ck_assert_msg(bytes && length > 0, "%s missing or empty", path);
        free(bytes);
        free(path);
    }
}
END_TEST

START_TEST(every_font_is_an_embedded_unicode_subset)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    command_result r = run_command("pdffonts %s", pdf);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    int fonts = 0;
    char *save = NULL;
    int line_number = 0;
    char *listing = strdup(r.out);
    for (char *line = strtok_r(listing, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (++line_number <= 2)
            continue; /* the header and its rule */
        fonts++;
        ck_assert_msg(strstr(line, "CID TrueType") != NULL, "not a CID TrueType font: %s", line);
        ck_assert_msg(strstr(line, " yes yes yes ") != NULL, "not emb/sub/uni: %s", line);
        char *plus = strchr(line, '+');
        ck_assert_msg(plus && plus - line == 6, "no subset tag: %s", line);
    }
    /* body, masthead and tables: AR PL SungtiL GB; 一、 headings: WQY ZenHei; （一） headings:
     * AR PL UKai; UMing for what SungtiL lacks (垟 of 翁垟街道) */
    free(listing);
    ck_assert_int_eq(fonts, 4);
    const char *faces[] = {"+BousungEG-Light-GB ", "+WenQuanYiZenHei ", "+UKaiCN ", "+UMingCN "};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(strstr(r.out, faces[i]) != NULL, "no font %s", faces[i]);
    command_result_free(&r);
    free(pdf);
}
END_TEST

START_TEST(text_comes_back_from_pdftotext)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    command_result r = run_command("pdftotext -enc UTF-8 %s - | tr -d ' \\n'", pdf);
    ck_assert_int_eq(r.status, 0);
    const char *expected[] = {
        "新兴产业发展动态", "第9期", "乐清市“一六五”产业发展工作领导小组办公室", "2015年10月2日",
        "一、总体情况", "二、分产业完成情况", "信息经济产业", "高端装备制造业", "生命健康产业",
        "时尚旅游和文化产业", "临港产业和现代物流", "新材料产业", "1085",
        /* Σ 累计产值 8175939.5 万元 = 817.59 亿元; 75.35 % of 1085 亿; ahead of 75.0 by 0.4 */
        "累计完成产值817.59亿元", "占年度目标1085亿元的75.4%", "快于序时进度（75.0%）0.4个百分点",
        "同比增长10.9%", "累计实现增加值182.14亿元", "同比增长10.2%", "已完成增加值增幅10%以上",
        /* 信息经济产业 3341565.4 万元 of 430 亿: 77.7 % */
        "信息经济产业累计完成产值334.16亿元，完成年度目标430亿元的77.7%", "—1—"};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        ck_assert_msg(strstr(r.out, expected[i]) != NULL, "pdftotext lacks “%s”", expected[i]);
    command_result_free(&r);
    free(pdf);
}
END_TEST

START_TEST(poppler_and_qpdf_print_no_warning)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    char *scratch = make_scratch_folder();
    command_result text = run_command("pdftotext %s /dev/null", pdf);
    ck_assert_int_eq(text.status, 0);
    ck_assert_str_eq(text.err, "");
    command_result png = run_command("pdftoppm -r 30 -png %s %s/page", pdf, scratch);
    ck_assert_int_eq(png.status, 0);
    ck_assert_str_eq(png.err, "");
    command_result check = run_command("qpdf --check %s", pdf);
    ck_assert_int_eq(check.status, 0);
    ck_assert_str_eq(check.err, "");
    ck_assert_ptr_null(strstr(check.out, "WARNING"));
    ck_assert_ptr_nonnull(strstr(check.out, "No syntax or stream encoding errors"));
    command_result_free(&text);
    command_result_free(&png);
    command_result_free(&check);
    command_result cleanup = run_command("rm -rf %s", scratch);
    command_result_free(&cleanup);
    free(scratch);
    free(pdf);
}
END_TEST

START_TEST(second_run_gives_identical_bytes)
{
    const char *const *names = output_names;
    for (size_t i = 0; i < 4; i++) {
        char *a = output_path(first_output, names[i]), *b = output_path(second_output, names[i]);
        size_t length_a = 0, length_b = 0;
        char *bytes_a = read_whole_file(a, &length_a), *bytes_b = read_whole_file(b, &length_b);
        ck_assert_ptr_nonnull(bytes_a);
        ck_assert_ptr_nonnull(bytes_b);
        ck_assert_msg(length_a == length_b && memcmp(bytes_a, bytes_b, length_a) == 0,
                      "%s differs between two runs", names[i]);
        free(bytes_a);
        free(bytes_b);
        free(a);
        free(b);
    }
}
END_TEST

/* The figures of tools/sample-figures.txt, computed there from the files by two
 * independent programs (python Decimal and awk). */
START_TEST(summary_carries_the_sample_figures)
{
    char *path = output_path(first_output, "summary.json");
    char *json = read_whole_file(path, NULL);
    ck_assert_ptr_nonnull(json);
    const char *expected[] = {
        "\"period\": \"2015-09\"",
        "\"time_progress_pct\": 75,",
        "\"name\": \"信息经济产业\",\n      \"target_wan\": 4300000,\n"
        "      \"ytd_output_wan\": 3341565.4,\n      \"prior_ytd_output_wan\": 3005355.9,\n"
        "      \"completion_pct\": 77.71,\n      \"yoy_pct\": 11.19,\n"
        "      \"ytd_value_added_wan\": 738001.2,\n      \"prior_ytd_value_added_wan\": 657698.2,\n"
        "      \"va_growth_pct\": 12.21\n",
        "\"name\": \"高端装备制造业\",\n      \"target_wan\": 900000,\n"
        "      \"ytd_output_wan\": 638570.3,",
        "\"completion_pct\": 70.95,\n      \"yoy_pct\": 10.33,",
        "\"va_growth_pct\": 7.29\n", /* 时尚旅游和文化产业 */
        "\"total\": {\n    \"target_wan\": 10850000,\n    \"ytd_output_wan\": 8175939.5,\n"
        "    \"prior_ytd_output_wan\": 7371487.3,\n    \"completion_pct\": 75.35,\n"
        "    \"yoy_pct\": 10.91,\n    \"ytd_value_added_wan\": 1821418.1,\n"
        "    \"prior_ytd_value_added_wan\": 1652915.2,\n    \"va_growth_pct\": 10.19\n  }",
        "\"goals\": {\n    \"va_growth_pct\": 10,\n    \"va_growth_met\": true,\n"
        "    \"major_projects\": 1,\n    \"major_attracted\": 2\n  }",
        "\"count\": 150,\n    \"by_status\": {\n      \"前期\": 12,\n      \"在建\": 117,\n"
        "      \"竣工\": 15,\n      \"投产\": 6\n    },\n    \"total_investment_wan\": 5557600,\n"
        "    \"annual_plan_wan\": 1781750,\n    \"ytd_investment_wan\": 1276124.9,\n"
        "    \"completion_pct\": 71.62,",
        "\"name\": \"临港产业和现代物流\",\n        \"count\": 26,\n"
        "        \"annual_plan_wan\": 291460,\n        \"ytd_investment_wan\": 195345.6,\n"
        "        \"completion_pct\": 67.02\n",
        "\"code\": \"XX2015-011\",", "\"code\": \"ZB2015-013\",", "\"code\": \"LG2015-001\",",
        "\"total_investment_wan\": 260000,\n        \"strategic\": false,\n        \"attracted\": true",
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        ck_assert_msg(strstr(json, expected[i]) != NULL, "summary.json lacks:\n%s", expected[i]);
    ck_assert_ptr_null(strstr(json, "LG2015-026")); /* 180000, not strategic: not major */
    ck_assert_ptr_null(strstr(json, "XC2015-010")); /* 99500 strategic: not major */
    free(json);
    free(path);
}
END_TEST

static char *page_text(const char *pdf, int page)
{
    command_result r = run_command("pdftotext -layout -enc UTF-8 -f %d -l %d %s -", page, page, pdf);
    ck_assert_int_eq(r.status, 0);
    free(r.err);
    return r.out;
}

static int page_count(const char *pdf)
{
    command_result r = run_command("pdfinfo %s | awk '/^Pages:/ { print $2 }'", pdf);
    int pages = atoi(r.out);
    command_result_free(&r);
    return pages;
}

START_TEST(every_section_is_in_the_bulletin)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    command_result r = run_command("pdftotext -enc UTF-8 %s - | tr -d ' \\n'", pdf);
    const char *headings[] = {"一、总体情况", "二、分产业完成情况", "各产业完成年度目标情况",
                              "新兴产业累计产值（逐月）", "三、重点项目", "（一）分产业情况", "（二）重大产业项目",
                              "（三）存在问题的项目", "四、镇街考核得分", "五、报送情况", "六、数据质量",
                              "附表：重点项目实施情况一览", "印发"};
    for (size_t i = 0; i < sizeof headings / sizeof *headings; i++)
        ck_assert_msg(strstr(r.out, headings[i]) != NULL, "no “%s” in the bulletin", headings[i]);
    /* the late report, with its liaison's contact */
    ck_assert_ptr_nonnull(strstr(r.out, "迟报10月3日"));
    ck_assert_ptr_nonnull(strstr(r.out, "本期应报17份，按时报送14份，迟报1份，未报送2份。"));
    command_result_free(&r);
    free(pdf);
}
END_TEST

/* Every unit of the plan, with its total score as summary.json gives it, on one line of
 * the 考核得分 table. */
START_TEST(every_unit_and_its_score_is_in_the_bulletin)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    char *json_path = output_path(first_output, "summary.json");
    char *json = read_whole_file(json_path, NULL);
    command_result text = run_command("pdftotext -layout -enc UTF-8 %s -", pdf);
    const char *units[] = {"城东街道", "乐成街道", "城南街道", "盐盆街道", "翁垟街道", "白石街道",
                           "石帆街道", "天成街道", "柳市镇", "北白象镇", "虹桥镇", "淡溪镇",
                           "清江镇", "芙蓉镇", "大荆镇", "仙溪镇", "雁荡镇"};
    for (size_t i = 0; i < 17; i++) {
        char *key = NULL;
        if (asprintf(&key, "\"name\": \"%s\",\n      \"rank\": ", units[i]) < 0)
            abort();
        const char *entry = strstr(json, key);
        ck_assert_msg(entry != NULL, "no unit %s in summary.json", units[i]);
        const char *total_text = strstr(entry, "\"total\": ");
        double total = strtod(total_text + 9, NULL);
        bool found = false;
        for (const char *line = text.out; line && *line && !found; line = strchr(line, '\n')) {
            line += *line == '\n';
            const char *end = strchr(line, '\n');
            size_t length = end ? (size_t)(end - line) : strlen(line);
            char row[512];
            snprintf(row, sizeof row, "%.*s", (int)(length < 511 ? length : 511), line);
            if (!strstr(row, units[i]) || !strstr(row, "."))
                continue;
            for (char *token = strtok(row, " "); token; token = strtok(NULL, " "))
                if (strchr(token, '.') && fabs(strtod(token, NULL) - total) < 0.0051)
                    found = true;
        }
        ck_assert_msg(found, "no line with %s and its total %.2f", units[i], total);
        free(key);
    }
    command_result_free(&text);
    free(json);
    free(json_path);
    free(pdf);
}
END_TEST

/* The 150-project table spans pages: every page it continues on has 续表 and the header. */
START_TEST(the_project_table_repeats_its_header_on_every_page)
{
    char *pdf = output_path(first_output, "bulletin-2015-09.pdf");
    int pages = page_count(pdf), first = 0, continued = 0;
    for (int page = 1; page <= pages; page++) {
        char *text = page_text(pdf, page);
        if (!first && strstr(text, "附表：重点项目实施情况一览"))
            first = page;
        else if (first && strstr(text, "续表")) {
            ck_assert_msg(strstr(text, "序号") && strstr(text, "项目名称") && strstr(text, "累计完成"),
                          "page %d continues the table without its header", page);
            continued++;
        }
        free(text);
    }
    ck_assert_int_gt(first, 0);
    ck_assert_int_ge(continued, 3);
    /* the last project of the list is on the last continued page */
    char *last = page_text(pdf, first + continued);
    ck_assert_ptr_nonnull(strstr(last, "150 "));
    free(last);
    free(pdf);
}
END_TEST

/* The faulty rows that tools/gensample.c adds to three 样表 exports of 2015-09. */
START_TEST(rejects_csv_lists_the_sample_faults)
{
    char *path = output_path(first_output, "rejects.csv");
    char *csv = read_whole_file(path, NULL);
    ck_assert_ptr_nonnull(csv);
    ck_assert_str_eq(csv,
        "\xEF\xBB\xBF" "文件,行,列,值,级别,原因\r\n"
        "input/2015-09/信息经济-项目.csv,37,建设地点,乐清湾港区,错误,不是计划中的考核单位\r\n"
        "input/2015-09/信息经济-项目.csv,38,累计完成投资,\"1,3O0\",错误,不是有效金额\r\n"
        "input/2015-09/信息经济-项目.csv,39,项目编号,XX2015-005,错误,与第11行重复\r\n"
        "input/2015-09/信息经济-项目.csv,40,累计完成投资,263475.6,警告,"
        "与本文件已接受的30行数据之和263375.6万元相差100万元，以数据行为准\r\n"
        "input/2015-09/生命健康-进度.csv,24,所属产业,生物医药,错误,不是计划中的产业\r\n"
        "input/2015-09/高端装备-进度.txt,37,细分领域,,错误,"
        "为空（产业整体），而本文件第25行已按细分领域填报同一单位和产业，整体行不计入\r\n");
    free(csv);
    free(path);
}
END_TEST

/* Every row of the run accounted for: read = accepted + rejected + superseded. */
START_TEST(summary_rows_reconcile)
{
    char *path = output_path(first_output, "summary.json");
    char *json = read_whole_file(path, NULL);
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, "\"rows\": {\n    \"read\": 2741,\n    \"accepted\": 2736,\n"
                                       "    \"warned\": 0,\n    \"rejected\": 5,\n"
                                       "    \"superseded\": 0\n  }"));
    free(json);
    free(path);
}
END_TEST

/* manifest.json: the outputs' hashes as sha256sum computes them, the sample's encodings. */
START_TEST(manifest_hashes_the_outputs)
{
    char *path = output_path(first_output, "manifest.json");
    char *json = read_whole_file(path, NULL);
    ck_assert_ptr_nonnull(json);
    for (size_t i = 0; i < 3; i++) {
        char *output = output_path(first_output, output_names[i]);
        command_result sum = run_command("sha256sum %s | cut -c1-64 | tr -d '\\n'", output);
        char *entry = NULL;
        ck_assert_int_ge(asprintf(&entry, "\"path\": \"%s\",\n      \"sha256\": \"%s\"",
                                  output_names[i], sum.out), 0);
        ck_assert_msg(strstr(json, entry) != NULL, "manifest.json lacks %s", entry);
        free(entry);
        command_result_free(&sum);
        free(output);
    }
    const char *expected[] = {
        "\"version\": \"" BULLETIN_VERSION "\"",
        "\"path\": \"input/2015-09/信息经济-项目.csv\",",
        "\"encoding\": \"GB18030\",\n      \"rejected_whole\": false,\n      \"rows\": {\n"
        "        \"read\": 33,\n        \"accepted\": 30,\n        \"warned\": 0,\n"
        "        \"rejected\": 3,\n",
        "\"encoding\": \"UTF-16LE\",",
        "  \"rows\": {\n    \"read\": 2741,\n    \"accepted\": 2736,\n",
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        ck_assert_msg(strstr(json, expected[i]) != NULL, "manifest.json lacks:\n%s", expected[i]);
    free(json);
    free(path);
}
END_TEST

START_TEST(an_invalid_plan_stops_the_run_with_65)
{
    char *output = make_scratch_folder();
    command_result r = run_command("%s run --period 2015-09 --plan tests/data/plan/malformed.xml "
                                   "--output %s",
                                   bulletin_binary(), output);
    ck_assert_int_eq(r.status, 65);
    ck_assert_str_eq(r.err, "tests/data/plan/malformed.xml:4: 计划文件无效：开始标签<issuer>（第4行）"
                            "与结束标签</issuer_>不匹配\n");
    ck_assert_str_eq(r.out, "");
    command_result listing = run_command("ls -A %s", output);
    ck_assert_str_eq(listing.out, ""); /* nothing written: the lock is the folder's own */
    command_result_free(&listing);
    command_result_free(&r);
    command_result cleanup = run_command("rm -rf %s", output);
    command_result_free(&cleanup);
    free(output);
}
END_TEST

START_TEST(usage_errors_give_64)
{
    command_result r = run_command("%s run --period 2015-13", bulletin_binary());
    ck_assert_int_eq(r.status, 64);
    ck_assert_ptr_nonnull(strstr(r.err, "无法识别的报告期“2015-13”"));
    command_result_free(&r);
    r = run_command("%s frobnicate", bulletin_binary());
    ck_assert_int_eq(r.status, 64);
    command_result_free(&r);
    r = run_command("%s run --output= --period 2015-09", bulletin_binary());
    ck_assert_int_eq(r.status, 64);
    ck_assert_str_eq(r.err, "bulletin: 选项“--output=”的取值为空（bulletin --help 查看用法）\n");
    command_result_free(&r);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("end to end");
    TCase *tc = tcase_create("sample month");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, run_twice, remove_outputs);
    tcase_add_test(tc, run_writes_its_files_and_reports_the_rejects);
    tcase_add_test(tc, rejects_csv_lists_the_sample_faults);
    tcase_add_test(tc, summary_rows_reconcile);
    tcase_add_test(tc, manifest_hashes_the_outputs);
    tcase_add_test(tc, every_font_is_an_embedded_unicode_subset);
    tcase_add_test(tc, text_comes_back_from_pdftotext);
    tcase_add_test(tc, poppler_and_qpdf_print_no_warning);
    tcase_add_test(tc, second_run_gives_identical_bytes);
    tcase_add_test(tc, summary_carries_the_sample_figures);
    tcase_add_test(tc, every_section_is_in_the_bulletin);
    tcase_add_test(tc, every_unit_and_its_score_is_in_the_bulletin);
    tcase_add_test(tc, the_project_table_repeats_its_header_on_every_page);
    suite_add_tcase(suite, tc);
    TCase *failures = tcase_create("failures");
    tcase_set_timeout(failures, 60);
    tcase_add_test(failures, an_invalid_plan_stops_the_run_with_65);
    tcase_add_test(failures, usage_errors_give_64);
    suite_add_tcase(suite, failures);
    return run_suite(suite);
}
