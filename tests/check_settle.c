/*
 * check_settle.c: the builder settles a file's office, period and date sent as its rows
 * come, and from then on checks and commits each row at once: rows before wait and are
 * checked in their order; a file rejected whole or read again leaves no record, no key
 * and no amount in the run's sums; and a store that keeps keys only (`check`) ends with
 * the same messages and counts as one that keeps the records.  Runs from the repository
 * root with the real input/plan.xml.
 */
#include "testutil.h"
#include "ingest/builder.h"
#include "ingest/ingest.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HEADER "项目编号,项目名称,所属产业,细分领域,建设地点,建设单位,是否战略性新兴产业," \
               "是否当年招引,总投资,年度计划投资,本月完成投资,累计完成投资,项目状态,存在问题," \
               "报送单位,报告期,填报日期\n"
#define INFO "信息经济产业专项行动工作组"
#define EQUIPMENT "高端装备制造业专项行动工作组"

static arena strings; /* of the test: paths, rows and messages */

/* A project row of code, industry and office (as written; "" for none). */
static void put_row(FILE *out, const char *code, const char *industry, const char *office)
{
    fprintf(out, "%s,项目%s,%s,,柳市镇,某电气集团,是,否,25,30000,2100,18000,在建,,%s,2015-09,"
                 "2015-09-30\n", code, code, industry, office);
}

/* The run of one file read: a store (keeping keys only, or the records) and its context. */
typedef struct reading {
    arena memory;
    store store;
    plan plan;
    ingest_context context;
} reading;

/* Reads the file at path (NULL: none yet). */
static void read_file(reading *r, bool keys_only, const char *path)
{
    memset(r, 0, sizeof *r);
    store_init(&r->store, &r->memory);
    r->store.keys_only = keys_only;
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &r->memory, &r->plan,
                               &r->store.diags), 0);
    ck_assert_int_eq(ingest_open(&r->context, ".", &r->plan, &r->store), 0);
    if (path)
        ck_assert_int_eq(ingest_file(&r->context, path), 0);
}

static void reading_free(reading *r)
{
    ingest_close(&r->context);
    store_free(&r->store);
    arena_free(&r->memory);
}

static void expect_counts(const reading *r, const char *path, long read, long accepted,
                          long rejected)
{
    const row_counts *c = &store_file_at(&r->store, path)->rows;
    ck_assert_int_eq(c->read, read);
    ck_assert_int_eq(c->accepted, accepted);
    ck_assert_int_eq(c->rejected, rejected);
}

/* The lines of the records a reading kept, comma-separated. */
static const char *kept_lines(reading *r)
{
    char *lines = arena_printf(&r->memory, "%s", "");
    size_t count = r->store.keys_only ? r->store.keys.count : r->store.projects.count;
    for (size_t i = 0; i < count; i++) {
        long line = r->store.keys_only ? ((const record_key *)vec_at(&r->store.keys, i))->line
                                       : ((const project_record *)vec_at(&r->store.projects, i))->origin.line;
        lines = arena_printf(&r->memory, "%s%s%ld", lines, i ? "," : "", line);
    }
    return lines;
}

static char *folder;

static void setup(void)
{
    folder = make_scratch_folder();
    ck_assert_int_eq(mkdir(arena_printf(&strings, "%s/2015-09", folder), 0700), 0);
}

static void teardown(void)
{
    remove_scratch_folder(folder);
    arena_free(&strings);
}

static const char *month_file(const char *name)
{
    return arena_printf(&strings, "%s/2015-09/%s", folder, name);
}

/* Writes a file of count rows of 信息经济产业 from office, then last (a line, or ""). */
static const char *write_projects(const char *name, int count, const char *office,
                                  const char *last)
{
    const char *path = month_file(name);
    FILE *out = fopen(path, "wb");
    fputs(HEADER, out);
    for (int i = 0; i < count; i++)
        put_row(out, arena_printf(&strings, "B-%d", i), "信息经济产业", office);
    fputs(last, out);
    ck_assert_int_eq(fclose(out), 0);
    return path;
}

/* The office comes from the third row: the rows before it wait for it and are checked
 * against it in their order, the rows after are checked as they come. */
START_TEST(the_office_settled_by_a_later_row)
{
    const char *path = month_file("项目.csv");
    FILE *out = fopen(path, "wb");
    fputs(HEADER, out);
    put_row(out, "A-1", "信息经济产业", "");
    put_row(out, "A-2", "高端装备制造业", "");
    put_row(out, "A-3", "信息经济产业", INFO);
    put_row(out, "A-4", "信息经济产业", EQUIPMENT);
    put_row(out, "A-5", "高端装备制造业", INFO);
    put_row(out, "A-6", "信息经济产业", "");
    ck_assert_int_eq(fclose(out), 0);
    const char *expected = arena_printf(&strings, 
        "%1$s:3: 列“所属产业”：属于产业“高端装备制造业”，不是报送单位“" INFO "”牵头的“信息经济产业”\n"
        "%1$s:5: 列“报送单位”：“" EQUIPMENT "”与本文件的报送单位“" INFO "”不一致\n"
        "%1$s:6: 列“所属产业”：属于产业“高端装备制造业”，不是报送单位“" INFO "”牵头的“信息经济产业”\n",
        path);
    for (int keys_only = 0; keys_only < 2; keys_only++) {
        reading r;
        read_file(&r, keys_only, path);
        ck_assert_str_eq(store_messages(&r.store, &r.memory), expected);
        expect_counts(&r, path, 6, 3, 3);
        ck_assert_str_eq(kept_lines(&r), "2,4,7");
        reading_free(&r);
    }
}
END_TEST

/* A file rejected whole after thousands of rows committed as they came (a quoting error
 * near its end) keeps no record, no key and no amount in the run's sums. */
START_TEST(a_file_rejected_after_many_rows_leaves_nothing)
{
    const char *path = write_projects("晚错.csv", 5000, INFO, "B-x,\"引号\"错,信息经济产业\n");
    for (int keys_only = 0; keys_only < 2; keys_only++) {
        reading r;
        read_file(&r, keys_only, path);
        ck_assert_str_eq(store_messages(&r.store, &r.memory),
                         arena_printf(&strings, "%s:5002: 第2列（第9个字符）引号使用有误，文件未读入（不计行数）\n", path));
        ck_assert_int_eq(r.store.projects.count + r.store.keys.count, 0);
        ck_assert_int_eq(r.context.sums.periods.count, 0);
        reading_free(&r);
    }
}
END_TEST

/* An office not of the plan is known from the first row: the rows after are only
 * counted, and the file is refused whole at its end with all of them. */
START_TEST(an_office_not_of_the_plan_refuses_every_row)
{
    const char *path = write_projects("外单位.csv", 3000, "某外单位", "");
    for (int keys_only = 0; keys_only < 2; keys_only++) {
        reading r;
        read_file(&r, keys_only, path);
        ck_assert_str_eq(store_messages(&r.store, &r.memory),
                         arena_printf(&strings, "%s: 报送单位“某外单位”不是计划中的报送单位，本文件3000行数据均未计入\n", path));
        expect_counts(&r, path, 3000, 0, 3000);
        ck_assert_int_eq(r.store.projects.count + r.store.keys.count, 0);
        ck_assert_int_eq(r.context.sums.periods.count, 0);
        reading_free(&r);
    }
}
END_TEST

/* A project row given to the builder as a reader gives it (sent: its 填报日期, or NULL). */
static void add_dated_project(builder *b, long line, const char *code, const char *office,
                              const char *sent)
{
    builder_row row = {.line = line, .reader_error_column = -1};
    static const char *const cells[][2] = {
        {"项目名称", "项目"}, {"所属产业", "信息经济产业"}, {"建设地点", "柳市镇"},
        {"建设单位", "某电气集团"}, {"是否战略性新兴产业", "是"}, {"是否当年招引", "否"},
        {"总投资", "25"}, {"年度计划投资", "300"}, {"本月完成投资", "21"},
        {"累计完成投资", "180"}, {"项目状态", "在建"}, {"报告期", "2015-09"}};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        int column = table_column_named(b->table, cells[i][0]);
        ck_assert_int_ge(column, 0);
        row.cells[column] = cells[i][1];
    }
    row.cells[table_column_named(b->table, "项目编号")] = code;
    row.cells[table_column_named(b->table, "报送单位")] = office;
    row.cells[table_column_named(b->table, "填报日期")] = sent;
    builder_add_row(b, &row);
}

static void add_project(builder *b, long line, const char *code, const char *office)
{
    add_dated_project(b, line, code, office, "2015-09-30");
}

/* A reading with no file yet, and a builder of projects for a file named path in it. */
static void begin_projects(reading *r, bool keys_only, arena *scratch, builder *b,
                           const char *path)
{
    read_file(r, keys_only, NULL);
    builder_begin(b, &r->plan, &r->store, scratch, store_add_file(&r->store, path), path);
    b->sums = &r->context.sums;
    builder_set_kind(b, KIND_PROJECTS, YUAN_PER_WAN);
}

/* A file with no 填报日期 column: its rows never state one, so the first row settles
 * the file (its date is the file's own) when the header is known to lack the column, or
 * when the rows are XML elements (the metadata sits on the root); where nothing tells,
 * the rows wait for the end of the file. */
START_TEST(a_column_the_file_lacks_settles_nothing_to_wait_for)
{
    enum { NOTHING_KNOWN, HEADER_KNOWN, XML_ROWS, CASES };
    for (int known = NOTHING_KNOWN; known < CASES; known++) {
        reading r;
        arena scratch = {0};
        builder b;
        begin_projects(&r, true, &scratch, &b, "y.csv");
        b.stated.sent = 20151002;
        b.columns_known = known == HEADER_KNOWN;
        b.xml_rows = known == XML_ROWS;
        for (size_t i = 0; i < b.table->count; i++)
            if (strcmp(b.table->columns[i].canonical, "填报日期") != 0)
                b.column_positions[i] = (int)i;
        for (int i = 0; i < 50; i++)
            add_dated_project(&b, 2 + i, arena_printf(&strings, "G-%d", i), INFO, NULL);
        ck_assert_int_eq(r.store.keys.count, known == NOTHING_KNOWN ? 0 : 50);
        builder_end(&b, true);
        arena_free(&scratch);
        ck_assert_str_eq(store_messages(&r.store, &r.memory), "");
        expect_counts(&r, "y.csv", 50, 50, 0);
        ck_assert_int_eq(store_file_at(&r.store, "y.csv")->sent, 20151002);
        reading_free(&r);
    }
}
END_TEST

/* Rows are committed as they come once the first row has settled the file's metadata;
 * a file read again (builder_restart: a CSV that is not UTF-8 after its first 64 KiB)
 * forgets them, and only the second reading's rows, keys and amounts are kept. */
START_TEST(a_file_read_again_keeps_only_its_second_reading)
{
    for (int keys_only = 0; keys_only < 2; keys_only++) {
        reading r;
        arena scratch = {0};
        builder b;
        begin_projects(&r, keys_only, &scratch, &b, "x.csv");
        builder_metadata stated = b.stated;
        for (int i = 0; i < 100; i++)
            add_project(&b, 2 + i, arena_printf(&strings, "F-%d", i), INFO);
        ck_assert_int_eq(r.store.projects.count + r.store.keys.count, 100);
        builder_restart(&b, &stated);
        ck_assert_int_eq(r.store.projects.count + r.store.keys.count, 0);
        builder_set_kind(&b, KIND_PROJECTS, YUAN_PER_WAN);
        add_project(&b, 2, "F-0", INFO);
        add_project(&b, 3, "F-1", EQUIPMENT);
        add_project(&b, 4, "F-2", INFO);
        builder_end(&b, true);
        arena_free(&scratch);
        ck_assert_str_eq(store_messages(&r.store, &r.memory),
                         "x.csv:3: 列“报送单位”：“" EQUIPMENT "”与本文件的报送单位“" INFO "”不一致\n");
        expect_counts(&r, "x.csv", 3, 2, 1);
        ck_assert_str_eq(kept_lines(&r), "2,4");
        money file[TABLE_MAX_COLUMNS] = {0};
        const table *t = table_for(KIND_PROJECTS);
        int annual = table_column_named(t, "年度计划投资");
        project_record probe = {.annual_plan = INT64_MAX - 2 * 3000000 - 1};
        /* the run's sums hold the two rows' 600 万元 of annual plan, not 100 rows' */
        ck_assert_int_eq(sums_add_row(&r.context.sums, t, (period){2015, 9, 0}, file, &probe), SUMS_FIT);
        probe.annual_plan += 2;
        memset(file, 0, sizeof file);
        ck_assert_int_eq(sums_add_row(&r.context.sums, t, (period){2015, 9, 0}, file, &probe), annual);
        reading_free(&r);
    }
}
END_TEST

/* Superseding in a store that keeps keys only: the later file of an office replaces
 * the earlier one's records, and another office's record of the same key is refused. */
START_TEST(keys_alone_supersede_as_records_do)
{
    const char *early = month_file("a-早.csv"), *late = month_file("b-晚.csv"),
               *other = month_file("c-他.csv");
    FILE *out = fopen(early, "wb");
    fputs(HEADER, out);
    put_row(out, "E-1", "信息经济产业", INFO);
    put_row(out, "E-2", "信息经济产业", INFO);
    ck_assert_int_eq(fclose(out), 0);
    out = fopen(late, "wb");
    fputs(HEADER, out);
    put_row(out, "E-2", "信息经济产业", INFO);
    ck_assert_int_eq(fclose(out), 0);
    out = fopen(other, "wb");
    fputs(HEADER, out);
    put_row(out, "E-1", "高端装备制造业", EQUIPMENT);
    ck_assert_int_eq(fclose(out), 0);
    for (int keys_only = 0; keys_only < 2; keys_only++) {
        reading r;
        read_file(&r, keys_only, NULL);
        ck_assert_int_eq(ingest_folder(&r.context, arena_printf(&strings, "%s/2015-09", folder), NULL), 0);
        ck_assert_str_eq(store_messages(&r.store, &r.memory), arena_printf(&strings, 
            "%s:2: 列“项目编号”：“E-1”与“" INFO "”报送的同一记录（%s第2行）重复；"
            "报送单位只能替代本单位的记录，未计入\n", other, early));
        row_counts total = store_totals(&r.store);
        ck_assert_int_eq(total.read, 4);
        ck_assert_int_eq(total.accepted, 2);
        ck_assert_int_eq(total.superseded, 1);
        ck_assert_int_eq(total.rejected, 1);
        reading_free(&r);
    }
}
END_TEST

Suite *settle_suite(void)
{
    Suite *suite = suite_create("settle");
    TCase *tc = tcase_create("settle");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_office_settled_by_a_later_row);
    tcase_add_test(tc, a_file_rejected_after_many_rows_leaves_nothing);
    tcase_add_test(tc, an_office_not_of_the_plan_refuses_every_row);
    tcase_add_test(tc, a_file_read_again_keeps_only_its_second_reading);
    tcase_add_test(tc, a_column_the_file_lacks_settles_nothing_to_wait_for);
    tcase_add_test(tc, keys_alone_supersede_as_records_do);
    suite_add_tcase(suite, tc);
    return suite;
}

int main(void)
{
    return run_suite(settle_suite());
}
