/*
 * check_converted.c: the sample month sent as workbooks.  LibreOffice opened each of the
 * month's CSV reports and saved it as .xlsx and as .xls (tests/data/workbooks/converted,
 * made by make.py there); the real binary runs the month all in CSV, with every report
 * as .xlsx, with every report as .xls, and as the sample ships it (two reports as
 * workbooks), and each gives the same summary.json (the files' names left out), the same
 * rejected and warned rows, and for each report the same kind, office, period, date sent
 * and fate of every row.  Runs from the repository root.
 */
#include "testutil.h"
#include "model/arena.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONVERTED "tests/data/workbooks/converted"

static arena memory;
static char *scratch;
static const char *csv_month; /* the outputs of the month all in CSV */

static const char *run_month(const char *set);

/* Once for all tests: the folder of the months, and the CSV month run. */
static void run_csv_month(void)
{
    scratch = make_scratch_folder();
    csv_month = run_month("csv");
}

static void remove_months(void)
{
    remove_scratch_folder(scratch);
    arena_free(&memory);
}

/* A copy of input/ whose 2015-09 reports are those of converted/<set> (csv: the sample
 * month with the CSV files of its workbooks instead; NULL: input/ as it is), run for that
 * month; returns the folder of its outputs. */
static const char *run_month(const char *set)
{
    const char *dir = arena_printf(&memory, "%s/%s", scratch, set ? set : "sample");
    command_result made = run_command("mkdir -p '%s' && cp -r input '%s/input'", dir, dir);
    ck_assert_msg(made.status == 0, "%s", made.err);
    command_result_free(&made);
    if (set) {
        made = run_command("cd '%1$s/input/2015-09' && rm -f *.xlsx *.xls %2$s && cd - >/dev/null && "
                           "cp " CONVERTED "/%3$s/* '%1$s/input/2015-09/'",
                           dir, strcmp(set, "csv") == 0 ? "" : "*.csv *.txt", set);
        ck_assert_msg(made.status == 0, "%s", made.err);
        command_result_free(&made);
    }
    command_result r = run_command("'%s' run --period 2015-09 --now 2015-10-02 --input '%s/input' "
                                   "--output '%s/output' 2>&1", bulletin_binary(), dir, dir);
    ck_assert_msg(r.status == 3, "status %d: %s", r.status, r.out); /* the faulty rows */
    command_result_free(&r);
    return arena_printf(&memory, "%s/output/2015-09", dir);
}

static json_t *load(const char *folder, const char *name)
{
    json_error_t error;
    json_t *j = json_load_file(arena_printf(&memory, "%s/%s", folder, name), 0, &error);
    ck_assert_msg(j != NULL, "%s/%s: %s", folder, name, error.text);
    return j;
}

/* summary.json without the names of the files behind each submission. */
static json_t *figures(const char *folder)
{
    json_t *summary = load(folder, "summary.json");
    size_t i;
    json_t *submission;
    json_array_foreach(json_object_get(summary, "submissions"), i, submission)
        json_object_del(submission, "files");
    return summary;
}

/* What the manifest says of each 2015-09 report, by its name without extension (and
 * sheet): kind, office, period, sent, encoding aside, and its rows. */
static json_t *reports(const char *folder)
{
    json_t *manifest = load(folder, "manifest.json"), *out = json_object();
    size_t i;
    json_t *input;
    json_array_foreach(json_object_get(manifest, "inputs"), i, input) {
        const char *path = json_string_value(json_object_get(input, "path"));
        const char *month = strstr(path, "/2015-09/");
        if (!month)
            continue;
        char name[256];
        snprintf(name, sizeof name, "%s", month + 9);
        name[strcspn(name, ".")] = '\0';
        json_t *report = json_deep_copy(input);
        json_object_del(report, "path");
        json_object_del(report, "sha256");
        json_object_del(report, "encoding");
        ck_assert_int_eq(json_object_set_new(out, name, report), 0);
    }
    json_decref(manifest);
    return out;
}

/* rejects.csv with the file named by its report's name alone. */
static char *rejects(const char *folder)
{
    char *text = read_whole_file(arena_printf(&memory, "%s/rejects.csv", folder), NULL);
    ck_assert_ptr_nonnull(text);
    char *out = arena_alloc(&memory, strlen(text) + 1), *o = out;
    for (char *line = text; *line;) {
        char *end = line + strcspn(line, "\n");
        char *comma = memchr(line, ',', (size_t)(end - line));
        char *slash = line;
        for (char *p = line; comma && p < comma; p++)
            if (*p == '/')
                slash = p + 1;
        size_t name = comma ? strcspn(slash, ".") : 0;
        if (comma && name > (size_t)(comma - slash))
            name = (size_t)(comma - slash);
        memcpy(o, slash, name);
        o += name;
        size_t rest = (size_t)(end - (comma ? comma : line)) + (*end == '\n');
        memcpy(o, comma ? comma : line, rest);
        o += rest;
        line = end + (*end == '\n');
    }
    *o = '\0';
    free(text);
    return out;
}

/* Fails naming the first member in which two objects differ, with both values (cut to
 * what a Check message holds). */
static void expect_same(json_t *a, json_t *b, const char *what)
{
    const char *key;
    json_t *value;
    json_object_foreach(a, key, value) {
        json_t *other = json_object_get(b, key);
        if (!json_equal(value, other)) {
            char *x = json_dumps(value, JSON_SORT_KEYS | JSON_ENCODE_ANY);
            char *y = other ? json_dumps(other, JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
            ck_abort_msg("%s: %s differs:\n%.1500s\n%.1500s", what, key, x, y ? y : "(none)");
        }
    }
    ck_assert_uint_eq(json_object_size(a), json_object_size(b));
    json_decref(a);
    json_decref(b);
}

static void expect_same_month(const char *csv, const char *other)
{
    expect_same(figures(csv), figures(other), "summary.json figures");
    expect_same(reports(csv), reports(other), "2015-09 reports of manifest.json");
    ck_assert_str_eq(rejects(csv), rejects(other));
}

START_TEST(the_month_sent_as_xlsx_gives_the_csv_month_figures)
{
    const char *xlsx = run_month("xlsx");
    expect_same_month(csv_month, xlsx);
    json_t *r = reports(xlsx);
    ck_assert_uint_eq(json_object_size(r), 13); /* 11 workbooks, 2 XML files */
    json_t *rows = json_object_get(json_object_get(r, "信息经济-项目"), "rows");
    ck_assert_int_eq(json_integer_value(json_object_get(rows, "read")), 33);
    ck_assert_int_eq(json_integer_value(json_object_get(rows, "accepted")), 30);
    ck_assert_int_eq(json_integer_value(json_object_get(rows, "rejected")), 3);
    json_decref(r);
    json_t *summary = load(xlsx, "summary.json");
    json_t *total = json_object_get(summary, "rows");
    ck_assert_int_eq(json_integer_value(json_object_get(total, "read")), 2741);
    ck_assert_int_eq(json_integer_value(json_object_get(total, "accepted")), 2736);
    ck_assert_int_eq(json_integer_value(json_object_get(total, "rejected")), 5);
    json_decref(summary);
    char *text = read_whole_file(arena_printf(&memory, "%s/rejects.csv", xlsx), NULL);
    ck_assert_ptr_nonnull(strstr(text, "/2015-09/信息经济-项目.xlsx:信息经济-项目,38,累计完成投资,\"1,3O0\",错误,不是有效金额\r\n"));
    free(text);
}
END_TEST

START_TEST(the_month_sent_as_xls_gives_the_csv_month_figures)
{
    const char *xls = run_month("xls");
    expect_same_month(csv_month, xls);
    json_t *r = reports(xls);
    ck_assert_uint_eq(json_object_size(r), 13);
    json_decref(r);
}
END_TEST

START_TEST(the_sample_month_with_two_workbooks_gives_the_csv_month_figures)
{
    const char *sample = run_month(NULL);
    expect_same_month(csv_month, sample);
    json_t *manifest = load(sample, "manifest.json");
    size_t i, workbooks = 0;
    json_t *input;
    json_array_foreach(json_object_get(manifest, "inputs"), i, input) {
        const char *path = json_string_value(json_object_get(input, "path"));
        const char *encoding = json_string_value(json_object_get(input, "encoding"));
        if (strstr(path, "/input/2015-09/生命健康-项目.xlsx:生命健康-项目"))
            ck_assert_str_eq(encoding, "UTF-8");
        else if (strstr(path, "/input/2015-09/高端装备-项目.xls:高端装备-项目"))
            ck_assert_str_eq(encoding, "BIFF8");
        else
            continue;
        workbooks++;
        json_t *rows = json_object_get(input, "rows");
        ck_assert_int_gt(json_integer_value(json_object_get(rows, "read")), 0);
        ck_assert_int_eq(json_integer_value(json_object_get(rows, "read")),
                         json_integer_value(json_object_get(rows, "accepted")));
    }
    ck_assert_uint_eq(workbooks, 2);
    json_decref(manifest);
}
END_TEST

static Suite *converted_suite(void)
{
    Suite *suite = suite_create("converted");
    TCase *t = tcase_create("month");
    tcase_add_unchecked_fixture(t, run_csv_month, remove_months);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, the_sample_month_with_two_workbooks_gives_the_csv_month_figures);
    tcase_add_test(t, the_month_sent_as_xlsx_gives_the_csv_month_figures);
    tcase_add_test(t, the_month_sent_as_xls_gives_the_csv_month_figures);
    suite_add_tcase(suite, t);
    return suite;
}

int main(void)
{
    return run_suite(converted_suite());
}
