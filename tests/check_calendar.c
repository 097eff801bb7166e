/*
 * check_calendar.c: the year round (issue 13).  Several plans side by side (which file
 * serves which year, a plan anywhere in the input never read as a submission, a period
 * with no plan stopping with 65), a new year's January made from its own reports only, a
 * month made again later giving what it gave, and `bulletin status` before and after the
 * last report of a month arrives, as a table and as CSV.  Runs the real program on
 * input/ and on copies of it.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include "aggregate/span.h"
#include "ingest/planfile.h"
#include "model/xmlsafe.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- which plan serves which year ---- */

static const char *plan_for(int year, arena *memory, diag_list *diags)
{
    return planfile_for_year("input", year, memory, diags);
}

START_TEST(each_year_is_served_by_its_own_plan)
{
    arena memory = {0};
    diag_list diags;
    diag_init(&diags, &memory);
    ck_assert_str_eq(plan_for(2015, &memory, &diags), "input/plan.xml");
    ck_assert_str_eq(plan_for(2016, &memory, &diags), "input/plan-2016.xml");
    ck_assert_int_eq((int)diags.items.count, 0);
    ck_assert_ptr_null(plan_for(2017, &memory, &diags));
    ck_assert_int_eq((int)diags.items.count, 1);
    ck_assert_str_eq(diag_format(diag_at(&diags, 0), &memory),
                     "input: 没有 2017 年的计划：input/plan.xml 是 2015 年的；请添加 "
                     "input/plan-2017.xml（可复制 input/plan.xml，改 year 和目标）");
    diag_free(&diags);
    arena_free(&memory);
}
END_TEST

START_TEST(a_plan_is_told_by_its_namespace)
{
    ck_assert(planfile_is_plan("input/plan.xml"));
    ck_assert(planfile_is_plan("input/plan-2016.xml"));
    ck_assert(!planfile_is_plan("input/2015-09/新材料-进度.xml"));
    ck_assert(!planfile_is_plan("input/2015-09/信息经济-项目.csv"));
    ck_assert(!planfile_is_plan("input/absent.xml"));
    ck_assert_int_eq(planfile_year("input/plan.xml"), 2015);
    ck_assert_int_eq(planfile_year("input/plan-2016.xml"), 2016);
    ck_assert_int_eq(planfile_year("input/2015-09/新材料-进度.xml"), 0);
}
END_TEST

/* The 2016 plan carries the seed's 2016 column: 500, 100, 70, 200, 330, 100 亿元. */
START_TEST(the_2016_plan_has_the_seed_targets)
{
    arena memory = {0};
    diag_list diags;
    diag_init(&diags, &memory);
    xmlsafe_init();
    plan p;
    ck_assert_int_eq(plan_load("input/plan-2016.xml", "schemas/plan.xsd", &memory, &p, &diags), 0);
    ck_assert_int_eq(p.year, 2016);
    static const long expected[] = {500, 100, 70, 200, 330, 100};
    ck_assert_int_eq((int)p.industry_count, 6);
    money total = 0;
    for (size_t i = 0; i < p.industry_count; i++) {
        money target = 0;
        ck_assert(plan_target_for(&p.industries[i], 2016, &target));
        ck_assert_int_eq(target, (money)expected[i] * YUAN_PER_YI);
        ck_assert(!plan_target_for(&p.industries[i], 2015, &target));
        total += target;
    }
    ck_assert_int_eq(total, (money)1300 * YUAN_PER_YI);
    diag_free(&diags);
    arena_free(&memory);
}
END_TEST

/* ---- runs over several plans ---- */

static char *scratch;

static void make_scratch(void)
{
    scratch = make_scratch_folder();
}

static void remove_scratch(void)
{
    command_result r = run_command("rm -rf %s", scratch);
    command_result_free(&r);
    free(scratch);
}

START_TEST(a_year_without_a_plan_stops_with_65_naming_the_file)
{
    command_result r = run_command("%s run --period 2017-01 --now 2017-02-02 --output %s/out",
                                   bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 65);
    ck_assert_str_eq(r.err, "input: 没有 2017 年的计划：input/plan.xml 是 2015 年的；请添加 "
                            "input/plan-2017.xml（可复制 input/plan.xml，改 year 和目标）\n");
    command_result_free(&r);
    r = run_command("%s run --period 2016-01 --plan input/plan.xml --output %s/out",
                    bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 65);
    ck_assert_str_eq(r.err, "input/plan.xml: 这是 2015 年的计划，而本次要做的是 2016 年的："
                            "请用 2016 年的计划\n");
    command_result_free(&r);
}
END_TEST

/* A month with no report of its own year up to it: nothing to make. */
START_TEST(a_run_reads_only_its_years_files)
{
    command_result r = run_command("mkdir %s/in && cp -r input/plan*.xml input/2015-0* %s/in/ && "
                                   "%s run --period 2016-01 --now 2016-02-02 --input %s/in "
                                   "--output %s/out",
                                   scratch, scratch, bulletin_binary(), scratch, scratch);
    ck_assert_int_eq(r.status, 66);
    char *expected = NULL;
    ck_assert_int_ge(asprintf(&expected, "%s/in: 输入文件夹中没有 2016 年截至 2016-01 的报送文件"
                                         "（其他 109 个文件不属于这段时间，未读入）\n",
                              scratch),
                     0);
    ck_assert_str_eq(r.err, expected);
    free(expected);
    command_result_free(&r);
}
END_TEST

/* The value of "key" in the block that follows "block" in a summary.json, as written. */
static char *summary_value(const char *path, const char *block, const char *key)
{
    command_result r = run_command("sed -n '/\"%s\"/,/}/p' %s | grep -m1 '\"%s\":' | "
                                   "sed 's/.*: //; s/,$//'",
                                   block, path, key);
    char *value = strdup(r.out ? r.out : "");
    command_result_free(&r);
    return value;
}

/* January 2016 over the whole sample (2015's twelve months beside it): the 2016 plan's
 * targets, 序时进度 1/12, and only January's reports: each industry's 上年同期 is what the
 * same groups reported for 2015-01, the rows and the manifest are January's alone. */
START_TEST(january_counts_only_januarys_reports)
{
    command_result r = run_command("%s run --period 2016-01 --now 2016-02-02 --output %s/out && "
                                   "%s run --period 2015-01 --now 2016-02-02 --output %s/out",
                                   bulletin_binary(), scratch, bulletin_binary(), scratch);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    char *january = NULL, *last_year = NULL;
    ck_assert_int_ge(asprintf(&january, "%s/out/2016-01/summary.json", scratch), 0);
    ck_assert_int_ge(asprintf(&last_year, "%s/out/2015-01/summary.json", scratch), 0);
    char *summary = read_whole_file(january, NULL);
    ck_assert_ptr_nonnull(strstr(summary, "\"period\": \"2016-01\",\n  \"year\": 2016,\n  "
                                          "\"month\": 1,\n  \"time_progress_pct\": 8.33,"));
    ck_assert_ptr_nonnull(strstr(summary, "\"total\": {\n    \"target_wan\": 13000000,"));
    ck_assert_ptr_nonnull(strstr(summary, "\"rows\": {\n    \"read\": 269,\n    \"accepted\": 269,"));
    static const char *const names[] = {"信息经济产业", "高端装备制造业", "生命健康产业",
                                        "时尚旅游和文化产业", "临港产业和现代物流", "新材料产业"};
    static const char *const targets[] = {"5000000\n", "1000000\n", "700000\n", "2000000\n",
                                          "3300000\n", "1000000\n"};
    for (int i = 0; i < 6; i++) {
        char *target = summary_value(january, names[i], "target_wan");
        char *prior = summary_value(january, names[i], "prior_ytd_output_wan");
        char *then = summary_value(last_year, names[i], "ytd_output_wan");
        ck_assert_str_eq(target, targets[i]);
        ck_assert_str_ne(prior, "0\n");
        ck_assert_str_ne(prior, "");
        ck_assert_str_eq(prior, then);
        free(target);
        free(prior);
        free(then);
    }
    free(summary);
    r = run_command("grep -c '\"path\": \"input/2015' %s/out/2016-01/manifest.json; "
                    "grep -c '\"path\": \"input/2016-01/' %s/out/2016-01/manifest.json",
                    scratch, scratch);
    ck_assert_str_eq(r.out, "0\n12\n");
    command_result_free(&r);
    free(january);
    free(last_year);
}
END_TEST

/* 临港物流's December progress put in input/2016-01/ (it states 报告期 2015-12): it counts
 * for December when 2015 is made again (summary.json differs only in where the file is),
 * and nowhere in January. */
START_TEST(a_late_december_report_counts_for_2015)
{
    command_result r = run_command(
        "cp -r input %s/in && mv %s/in/2015-12/临港物流-进度.csv %s/in/2016-01/临港物流-进度-12月补报.csv && "
        "%s run --period 2015-12 --now 2016-01-06 --output %s/sample >/dev/null 2>&1; "
        "%s run --period 2015-12 --now 2016-01-06 --input %s/in --output %s/moved >/dev/null 2>&1; "
        "%s run --period 2016-01 --now 2016-02-02 --input %s/in --output %s/moved && "
        "sed 's#\"%s/in/#\"input/#' %s/moved/2015-12/summary.json | "
        "diff %s/sample/2015-12/summary.json - | grep '^[<>]'; "
        "grep -c 补报 %s/moved/2016-01/manifest.json",
        scratch, scratch, scratch, bulletin_binary(), scratch, bulletin_binary(), scratch, scratch,
        bulletin_binary(), scratch, scratch, scratch, scratch, scratch, scratch);
    ck_assert_str_eq(r.out, "<         \"input/2015-12/临港物流-进度.csv\"\n"
                            ">         \"input/2016-01/临港物流-进度-12月补报.csv\"\n"
                            "0\n");
    command_result_free(&r);
}
END_TEST

/* The case: 2015-10 made again after the year-end assessment and 2016's reports
 * arrived gives the bytes it gave when 2015-10 was the newest month. */
START_TEST(a_month_made_again_later_gives_what_it_gave)
{
    command_result r = run_command(
        "mkdir %s/in && cp -r input/plan.xml input/2015-0* input/2015-10 input/2015-Q3 %s/in/ && "
        "%s run --period 2015-10 --now 2015-11-02 --input %s/in --output %s/then >/dev/null 2>&1; "
        "cp -r input/* %s/in/ && "
        "%s run --period 2015-10 --now 2015-11-02 --input %s/in --output %s/now >/dev/null 2>&1; "
        "cd %s && for f in bulletin-2015-10.pdf summary.json rejects.csv manifest.json; do "
        "cmp then/2015-10/$f now/2015-10/$f || echo $f differs; done",
        scratch, scratch, bulletin_binary(), scratch, scratch, scratch, bulletin_binary(), scratch,
        scratch, scratch);
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
}
END_TEST

/* A plan file in any folder of the input, under any name, is no submission. */
START_TEST(a_plan_among_the_reports_is_not_read_as_one)
{
    command_result r = run_command(
        "cp -r input %s/in && cp input/plan-2016.xml %s/in/2015-09/计划副本.xml && "
        "cp input/plan.xml %s/in/2015-Q3/plan.XML && "
        "%s run --period 2015-09 --now 2015-10-05 --input %s/in --output %s/out >/dev/null; "
        "cat %s/out/2015-09/rejects.csv %s/out/2015-09/manifest.json | grep -c '计划副本\\|Q3/plan'; "
        "grep '\"read\"' %s/out/2015-09/summary.json",
        scratch, scratch, scratch, bulletin_binary(), scratch, scratch, scratch, scratch, scratch);
    ck_assert_str_eq(r.out, "0\n    \"read\": 2741,\n");
    command_result_free(&r);
}
END_TEST

/* ---- status ---- */

static command_result status_of(const char *month, const char *today, const char *format)
{
    return run_command("%s status --period %s --now %s --input %s/in %s", bulletin_binary(),
                       month, today, scratch, format);
}

START_TEST(status_names_the_office_still_owing_a_form)
{
    command_result r = run_command("cp -r input %s/in && mv %s/in/2015-08/新材料-项目.xml %s/",
                                   scratch, scratch, scratch);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    r = status_of("2015-08", "2015-09-01", ""); /* the due day: every other report is in */
    ck_assert_int_eq(r.status, 3);
    ck_assert_str_eq(r.err, "");
    ck_assert_ptr_nonnull(strstr(r.out, "2015-08 报送情况（2015-09-01）：应报 12 份，已报 11 份，未报 1 份\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "新材料产业专项行动工作组          重点项目（附件2）  "
                                        "2015-09-01  0         未报送             "
                                        "（示例）市科技局            （示例）周六  0577-6188xxxx\n"));
    command_result_free(&r);
    r = status_of("2015-08", "2015-09-03", "--format csv");
    ck_assert_int_eq(r.status, 3);
    ck_assert_ptr_nonnull(strstr(r.out, "\xEF\xBB\xBF报告期,报送单位,报表,截止日期,剩余天数,报送情况,"
                                        "牵头单位,联系人,联系电话\r\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "2015-08,新材料产业专项行动工作组,重点项目（附件2）,2015-09-01,"
                                        "已逾期 2 天,未报送,（示例）市科技局,（示例）周六,0577-6188xxxx\r\n"));
    command_result_free(&r);
    /* the last report arrives */
    r = run_command("mv %s/新材料-项目.xml %s/in/2015-08/", scratch, scratch);
    command_result_free(&r);
    r = status_of("2015-08", "2015-09-02", "");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "应报 12 份，已报 12 份，未报 0 份\n"));
    ck_assert_ptr_null(strstr(r.out, "未报送"));
    command_result_free(&r);
}
END_TEST

START_TEST(status_of_a_month_with_nothing_in_yet)
{
    command_result r = run_command("mkdir %s/in && cp input/plan*.xml %s/in/", scratch, scratch);
    command_result_free(&r);
    r = status_of("2016-01", "2016-01-28", "");
    ck_assert_int_eq(r.status, 3);
    ck_assert_ptr_nonnull(strstr(r.out, "2016-01 报送情况（2016-01-28）：应报 12 份，已报 0 份，未报 12 份\n"));
    command_result_free(&r);
    r = status_of("2016-01", "2016-01-28", "--format xls");
    ck_assert_int_eq(r.status, 64);
    command_result_free(&r);
}
END_TEST


/* ---- the quarter's status changes, on a made-up quarter ---- */

static void add_project(store *s, const char *code, int month, project_status status)
{
    project_record *r = vec_push(&s->projects);
    r->period = (period){2016, month, 0};
    r->code = code;
    r->name = code;
    r->status = status;
    r->unit = r->industry = r->subsector = -1;
}

/* 2016's second quarter (April to June), compared month by month from March's list. */
START_TEST(status_changes_of_a_made_up_quarter)
{
    arena memory = {0};
    store s;
    store_init(&s, &memory);
    add_project(&s, "A", 3, STATUS_PRELIMINARY); /* 前期 → 在建 in April: started */
    add_project(&s, "A", 4, STATUS_BUILDING);
    add_project(&s, "A", 5, STATUS_BUILDING);
    add_project(&s, "B", 3, STATUS_BUILDING);    /* 竣工 in May, 投产 in June */
    add_project(&s, "B", 4, STATUS_BUILDING);
    add_project(&s, "B", 5, STATUS_COMPLETED);
    add_project(&s, "B", 6, STATUS_PRODUCING);
    add_project(&s, "C", 5, STATUS_BUILDING);    /* new in May as 在建: started */
    add_project(&s, "D", 5, STATUS_COMPLETED);   /* new in May as 竣工: nothing known */
    add_project(&s, "E", 3, STATUS_BUILDING);    /* 在建 throughout */
    add_project(&s, "E", 4, STATUS_BUILDING);
    add_project(&s, "E", 5, STATUS_BUILDING);
    add_project(&s, "E", 6, STATUS_BUILDING);
    add_project(&s, "F", 3, STATUS_BUILDING);    /* 竣工 in April, against March */
    add_project(&s, "F", 4, STATUS_COMPLETED);
    add_project(&s, "G", 7, STATUS_COMPLETED);   /* after the quarter */
    add_project(&s, "H", 5, STATUS_PRELIMINARY); /* superseded rows count for nothing */
    add_project(&s, "H", 6, STATUS_BUILDING);
    ((project_record *)vec_at(&s.projects, s.projects.count - 1))->fate = FATE_SUPERSEDED;
    status_changes changes;
    span_status_changes(&changes, &s, 2016, 4, 6, &memory);
    static const struct {
        const char *code, *change;
        int month;
        project_status before;
    } expected[] = {{"A", "新开工", 4, STATUS_PRELIMINARY}, {"C", "新开工", 5, STATUS_NONE},
                    {"F", "竣工", 4, STATUS_BUILDING},     {"B", "竣工", 5, STATUS_BUILDING},
                    {"B", "投产", 6, STATUS_COMPLETED}};
    ck_assert_int_eq((int)changes.count, 5);
    for (size_t i = 0; i < changes.count; i++) {
        ck_assert_str_eq(changes.items[i].record->code, expected[i].code);
        ck_assert_str_eq(span_change_name(changes.items[i].kind), expected[i].change);
        ck_assert_int_eq(changes.items[i].month, expected[i].month);
        ck_assert_int_eq(changes.items[i].before, expected[i].before);
    }
    /* January is compared with nothing: a year's lists start afresh */
    add_project(&s, "J", 1, STATUS_BUILDING);
    span_status_changes(&changes, &s, 2016, 1, 1, &memory);
    ck_assert_int_eq((int)changes.count, 0);
    store_free(&s);
    arena_free(&memory);
}
END_TEST

/* The sample's fourth quarter as the report prints it: the change table, the ranks beside
 * September's, 报送情况 by month. */
START_TEST(the_quarterly_report_shows_the_quarter_month_by_month)
{
    command_result r = run_command(
        "%s quarter --quarter 2015-Q4 --now 2016-01-15 --output %s/out 2>/dev/null; "
        "pdftotext -layout -enc UTF-8 %s/out/archive/2015-Q4/report-2015-Q4.pdf - | "
        "tr -s ' ' | sed 's/^ //'; "
        "pdftotext -enc UTF-8 %s/out/archive/2015-Q4/report-2015-Q4.pdf - | tr -d ' \n'",
        bulletin_binary(), scratch, scratch, scratch);
    ck_assert_int_eq(r.status, 0);
    const char *lines[] = {
        "产业 10月 11月 12月 本季合计\n",
        "合计 91.65 92.56 98.91 283.12\n",
        "第四季度，全市重点项目中新开工12个、竣工20个、投产17个。",
        "新开工 10月 年产1000台高端数控激光切割机项目 乐成街道 新列入\n",
        "新开工 12月 智能电网芯片设计及产业化项目 柳市镇 前期\n",
        /* September's ranks are September's bulletin's (北白象镇 1, 柳市镇 2): the year-end
         * assessment in the same store does not supersede September's */
        "1 柳市镇 103.18 2 上升1位\n",
        "2 北白象镇 102.43 1 下降1位\n",
        "17 仙溪镇 50.67 17 持平\n",
        "本季度应报41份，按时报送38份，迟报2份，未报1份。",
        "实施进度表 √ √ 迟\n",
        "市科技局 季度工作情况 迟\n"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        ck_assert_msg(strstr(r.out, lines[i]), "the report lacks “%s”", lines[i]);
    command_result_free(&r);
}
END_TEST

/* ---- the year ---- */

/* summary.json's total of a unit ("86.4") as the report prints it ("86.40"). */
static void two_decimals(const char *number, char *out, size_t size)
{
    const char *dot = strchr(number, '.');
    size_t decimals = dot ? strlen(dot + 1) : 0;
    snprintf(out, size, "%s%s%s", number, dot ? "" : ".", decimals == 0 ? "00" : decimals == 1 ? "0" : "");
}

/* bulletin year --year 2015 after 2015-12 was run: 年度考核结果 lists the 17 units with
 * the ranks and totals of December's summary.json; the year's figures are December's;
 * the December bulletin is the run's; the manifest names the four quarters; verify finds
 * the archive whole; a second run writes nothing. */
START_TEST(the_year_is_archived_with_decembers_figures)
{
    command_result r = run_command(
        "%s run --period 2015-12 --now 2016-01-15 --output %s/out 2>/dev/null; "
        "%s year --year 2015 --now 2016-01-15 --output %s/out 2>%s/first.err; echo $?; "
        "cmp %s/out/2015-12/bulletin-2015-12.pdf %s/out/archive/2015/bulletin-2015-12.pdf && "
        "%s verify %s/out/archive/2015 && ls %s/out/archive && "
        "grep -c '\"path\": \"archive/2015-Q[1-4]/manifest.json\"' %s/out/archive/2015/manifest.json",
        bulletin_binary(), scratch, bulletin_binary(), scratch, scratch, scratch, scratch,
        bulletin_binary(), scratch, scratch, scratch);
    ck_assert_str_eq(r.out, "3\n2015\n2015-Q1\n2015-Q2\n2015-Q3\n2015-Q4\n4\n");
    command_result_free(&r);
    char *path = NULL;
    ck_assert_int_ge(asprintf(&path, "%s/out/2015-12/summary.json", scratch), 0);
    char *json = read_whole_file(path, NULL);
    r = run_command("pdftotext -layout -enc UTF-8 %s/out/archive/2015/report-2015.pdf - | "
                    "tr -s ' ' | sed 's/^ //'",
                    scratch);
    command_result text = run_command("pdftotext -enc UTF-8 %s/out/archive/2015/report-2015.pdf - | "
                                      "tr -d ' \n'", scratch);
    ck_assert_ptr_nonnull(strstr(text.out, "全市新兴产业完成产值1100.71亿元，占年度目标1085亿元的"
                                           "101.4%，同比增长10.9%；实现增加值245.23亿元"));
    ck_assert_ptr_nonnull(strstr(text.out, "全年招引重大产业项目3个，完成了招引1个的年度目标。"));
    command_result_free(&text);
    ck_assert_ptr_nonnull(strstr(json, "\"ytd_output_wan\": 11007121.5,"));
    int units = 0;
    for (const char *entry = strstr(json, "\"units\": ["); (entry = strstr(entry + 1, "\"name\": \"")) &&
                                                            entry < strstr(json, "\"submissions\":");) {
        char name[64], rank[8], total[16], printed[24], line[160];
        ck_assert_int_eq(sscanf(entry, "\"name\": \"%63[^\"]\",\n \"rank\": %7[0-9],\n \"total\": %15[0-9.]",
                                name, rank, total),
                         3);
        two_decimals(total, printed, sizeof printed);
        snprintf(line, sizeof line, "\n%s %s ", rank, name);
        const char *row = strstr(r.out, line);
        ck_assert_msg(row != NULL, "年度考核结果 lacks rank %s %s", rank, name);
        snprintf(line, sizeof line, " %s\n", printed);
        ck_assert_msg(strstr(row, line) == strchr(row + 1, '\n') - strlen(line) + 1,
                      "%s's total is not %s", name, printed);
        units++;
    }
    ck_assert_int_eq(units, 17);
    command_result_free(&r);
    free(json);
    free(path);
    r = run_command("find %s/out -type f -newer %s/first.err; "
                    "%s year --year 2015 --now 2016-01-15 --output %s/out; echo $?; "
                    "find %s/out -newer %s/first.err",
                    scratch, scratch, bulletin_binary(), scratch, scratch, scratch);
    ck_assert_ptr_nonnull(strstr(r.err, "2015 年的归档 "));
    ck_assert_ptr_nonnull(strstr(r.err, "/out/archive/2015 输入未变，本次未写入；拒收文件 0 个，拒收 5 行，跳过 0 项，警告 1 条"));
    ck_assert_str_eq(r.out, "3\n");
    command_result_free(&r);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("calendar");
    TCase *plans = tcase_create("plans");
    tcase_add_test(plans, each_year_is_served_by_its_own_plan);
    tcase_add_test(plans, a_plan_is_told_by_its_namespace);
    tcase_add_test(plans, the_2016_plan_has_the_seed_targets);
    tcase_add_test(plans, status_changes_of_a_made_up_quarter);
    suite_add_tcase(suite, plans);
    TCase *runs = tcase_create("runs");
    tcase_add_checked_fixture(runs, make_scratch, remove_scratch);
    tcase_set_timeout(runs, 900); /* a year's archive makes four quarters' under ASan */
    tcase_add_test(runs, a_year_without_a_plan_stops_with_65_naming_the_file);
    tcase_add_test(runs, a_run_reads_only_its_years_files);
    tcase_add_test(runs, january_counts_only_januarys_reports);
    tcase_add_test(runs, a_late_december_report_counts_for_2015);
    tcase_add_test(runs, a_month_made_again_later_gives_what_it_gave);
    tcase_add_test(runs, a_plan_among_the_reports_is_not_read_as_one);
    tcase_add_test(runs, status_names_the_office_still_owing_a_form);
    tcase_add_test(runs, status_of_a_month_with_nothing_in_yet);
    tcase_add_test(runs, the_quarterly_report_shows_the_quarter_month_by_month);
    tcase_add_test(runs, the_year_is_archived_with_decembers_figures);
    suite_add_tcase(suite, runs);
    return run_suite(suite);
}
