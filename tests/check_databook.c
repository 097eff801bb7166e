/*
 * check_databook.c: data-YYYY-MM.xlsx end to end: the real binary on the sample month,
 * twice, gives the same bytes; manifest.json lists the file; read back with the
 * program's own .xlsx reader (15 significant digits, as Excel shows them), every figure
 * of the industries and units sheets is the one summary.json prints, to the last digit.
 * Runs from the repository root.
 */
#include "testutil.h"
#include "ingest/xlsx.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static arena memory;
static char *scratch;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    scratch = make_scratch_folder();
}

static void teardown(void)
{
    remove_scratch_folder(scratch);
    arena_free(&memory);
}

/* Runs the sample month into <scratch>/<name>; returns that month's folder. */
static const char *run_sample(const char *name)
{
    command_result r = run_command("'%s' run --period 2015-09 --now 2015-10-02 --input input "
                                   "--output '%s/%s' 2>&1", bulletin_binary(), scratch, name);
    ck_assert_msg(r.status == 0 || r.status == 3, "status %d: %s", r.status, r.out);
    command_result_free(&r);
    return arena_printf(&memory, "%s/%s/2015-09", scratch, name);
}

static const workbook_sheet *sheet_named(const workbook *w, const char *name)
{
    for (size_t i = 0; i < w->sheets.count; i++) {
        const workbook_sheet *s = vec_at(&w->sheets, i);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    ck_abort_msg("no sheet %s", name);
    return NULL;
}

/* The text of a cell (row 1-based, column 0-based), "null" when empty; the zeros that
 * a number format adds after the decimal point are left out, as JSON does. */
static const char *cell(const workbook_sheet *s, long row, int column)
{
    for (size_t i = 0; i < s->entries.count; i++) {
        const workbook_entry *e = vec_at(&s->entries, i);
        if (e->row != row || e->column != column)
            continue;
        const char *text = e->cell.text;
        size_t n = strlen(text);
        if (strspn(text, "-0123456789.") != n || !strchr(text, '.'))
            return text;
        while (text[n - 1] == '0')
            n--;
        return arena_strndup(&memory, text, text[n - 1] == '.' ? n - 1 : n);
    }
    return "null";
}

static long rows_of(const workbook_sheet *s)
{
    long rows = 0;
    for (size_t i = 0; i < s->entries.count; i++) {
        const workbook_entry *e = vec_at(&s->entries, i);
        if (e->row > rows)
            rows = e->row;
    }
    return rows;
}

static void expect_in(const char *summary, const char *fragment)
{
    ck_assert_msg(strstr(summary, fragment) != NULL, "summary.json lacks:\n%s", fragment);
}

static void check_industries(const workbook_sheet *s, const char *summary)
{
    static const char *const keys[] = {"target_wan", "ytd_output_wan", "prior_ytd_output_wan",
                                       "completion_pct", "yoy_pct", "ytd_value_added_wan",
                                       "prior_ytd_value_added_wan", "va_growth_pct"};
    long rows = rows_of(s);
    ck_assert_int_eq(rows, 8); /* header, six industries, 合计 */
    for (long r = 2; r <= rows; r++) {
        bool total = r == rows;
        const char *indent = total ? "    " : "      ";
        const char *fragment = total ? "\"total\": {" : arena_printf(&memory, "\"name\": \"%s\",", cell(s, r, 0));
        for (int k = 0; k < 8; k++)
            fragment = arena_printf(&memory, "%s\n%s\"%s\": %s%s", fragment, indent, keys[k],
                                    cell(s, r, k + 1), k < 7 ? "," : "");
        expect_in(summary, fragment);
    }
    ck_assert_str_eq(cell(s, 8, 0), "合计");
}

static void check_units(const workbook_sheet *s, const char *summary)
{
    long rows = rows_of(s);
    ck_assert_int_ge(rows, 2);
    for (long r = 2; r <= rows; r++) {
        expect_in(summary, arena_printf(&memory,
                  "\"name\": \"%s\",\n      \"rank\": %s,\n      \"total\": %s,\n"
                  "      \"industry_development\": {\n        \"growth_pct\": %s,\n"
                  "        \"growth\": %s,\n        \"scale\": %s,\n        \"subtotal\": %s\n",
                  cell(s, r, 1), cell(s, r, 0), cell(s, r, 2), cell(s, r, 3), cell(s, r, 4),
                  cell(s, r, 5), cell(s, r, 6)));
        expect_in(summary, arena_printf(&memory,
                  "\"project_drive\": {\n        \"composite\": %s,\n        \"projects\": %s,\n"
                  "        \"land\": %s,\n        \"major_bonus\": %s,\n        \"subtotal\": %s\n",
                  cell(s, r, 7), cell(s, r, 8), cell(s, r, 9), cell(s, r, 10), cell(s, r, 11)));
    }
}

START_TEST(same_bytes_listed_and_the_figures_of_summary_json)
{
    const char *a = run_sample("a"), *b = run_sample("b");
    command_result same = run_command("cmp '%s/data-2015-09.xlsx' '%s/data-2015-09.xlsx'", a, b);
    ck_assert_int_eq(same.status, 0);
    command_result_free(&same);
    size_t length;
    char *manifest = read_whole_file(arena_printf(&memory, "%s/manifest.json", a), &length);
    ck_assert_ptr_nonnull(manifest);
    ck_assert_ptr_nonnull(strstr(manifest, "\"path\": \"data-2015-09.xlsx\""));
    free(manifest);
    char *summary = read_whole_file(arena_printf(&memory, "%s/summary.json", a), &length);
    ck_assert_ptr_nonnull(summary);

    workbook w;
    workbook_init(&w, &memory);
    diag_list diags;
    diag_init(&diags, &memory);
    int fd = open(arena_printf(&memory, "%s/data-2015-09.xlsx", a), O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert(xlsx_read(fd, "data-2015-09.xlsx", &w, &diags));
    close(fd);
    ck_assert_uint_eq(w.sheets.count, 5);
    check_industries(sheet_named(&w, "产业"), summary);
    check_units(sheet_named(&w, "考核单位"), summary);
    long projects = rows_of(sheet_named(&w, "项目")) - 1;
    expect_in(summary, arena_printf(&memory, "\"projects\": {\n    \"count\": %ld,", projects));
    ck_assert_str_eq(cell(sheet_named(&w, "报送情况"), 1, 0), "报送单位");
    ck_assert_str_eq(cell(sheet_named(&w, "拒收与警告"), 1, 6), "原因");
    workbook_free(&w);
    diag_free(&diags);
    free(summary);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("databook");
    TCase *t = tcase_create("databook");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, same_bytes_listed_and_the_figures_of_summary_json);
    suite_add_tcase(suite, t);
    return run_suite(suite);
}
