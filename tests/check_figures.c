/*
 * check_figures.c: the aggregation of scoring.md §1–2 on records made by hand: exact
 * sums, completion and growth as fractions, the major-project thresholds exactly at and
 * just under 20亿 / 10亿, and which records count for the period.
 */
#include "testutil.h"
#include "aggregate/figures.h"
#include "model/xmlsafe.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static arena memory;
static plan the_plan;
static store the_store;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    load_sample_plan(&memory, &the_plan);
    store_init(&the_store, &memory);
}

static void teardown(void)
{
    store_free(&the_store);
    arena_free(&memory);
}

static progress_record *progress(int industry, int month, money ytd, money prior)
{
    progress_record *r = vec_push(&the_store.progress);
    r->period = (period){2015, month, 0};
    r->industry = industry;
    r->unit = 0;
    r->subsector = -1;
    r->ytd_output = ytd;
    r->prior_ytd_output = prior;
    return r;
}

static project_record *project(const char *code, money total, bool strategic, bool attracted)
{
    project_record *r = vec_push(&the_store.projects);
    r->period = (period){2015, 9, 0};
    r->code = code;
    r->name = code;
    r->industry = 1;
    r->unit = 8;
    r->total_investment = total;
    r->strategic = strategic;
    r->attracted = attracted;
    r->annual_plan = 30000 * YUAN_PER_WAN;
    r->ytd_investment = 24000 * YUAN_PER_WAN;
    r->status = STATUS_BUILDING;
    return r;
}

static void assert_ratio(ratio r, int64_t num, int64_t den)
{
    ck_assert(r.known);
    ck_assert_int_eq(fraction_compare(r.value, fraction_make(num, den)), 0);
}

START_TEST(sums_output_of_the_period_only)
{
    /* 信息经济产业: two records of September, one of August (not counted, but charted) */
    progress(0, 9, 2000000 * YUAN_PER_WAN + 5000, 1800000 * YUAN_PER_WAN)->ytd_value_added = 7;
    progress(0, 9, 1124512 * YUAN_PER_WAN, 1001000 * YUAN_PER_WAN);
    progress(0, 8, 2900000 * YUAN_PER_WAN, 0);
    progress(2, 9, 0, 0)->fate = FATE_SUPERSEDED;
    figures f;
    figures_compute(&f, &the_plan, &the_store, (period){2015, 9, 0}, &memory);
    const output_totals *it = &f.industries[0];
    ck_assert_int_eq(it->ytd_output, 31245125000);
    ck_assert_int_eq(it->prior_ytd_output, 28010000000);
    ck_assert_int_eq(it->ytd_value_added, 7);
    ck_assert_int_eq(it->target, 43000000000);
    /* 3124512.5 / 4300000 × 100 = 72.663…; (3124512.5 − 2801000) / 2801000 × 100 = 11.549… */
    assert_ratio(figures_completion_pct(it), 31245125000LL * 100, 43000000000LL);
    assert_ratio(figures_yoy_pct(it), (31245125000LL - 28010000000LL) * 100, 28010000000LL);
    ck_assert(!figures_va_growth_pct(it).known); /* prior value added 0 */
    ck_assert_int_eq(f.total.target, 108500000000);
    ck_assert_int_eq(f.total.ytd_output, 31245125000);
    ck_assert_int_eq(f.industries[2].records, 0);
    ck_assert(f.has_monthly_output[7] && f.has_monthly_output[8] && !f.has_monthly_output[6]);
    ck_assert_int_eq(f.monthly_output[7], 29000000000);
    ck_assert_int_eq(fraction_compare(f.time_progress_pct, fraction_make(75, 1)), 0);
}
END_TEST

START_TEST(major_projects_at_and_under_the_thresholds)
{
    project("A", 200000 * YUAN_PER_WAN, false, true);        /* exactly 20亿: major */
    project("B", 200000 * YUAN_PER_WAN - 1, false, true);    /* 1 元 under: not */
    project("C", 100000 * YUAN_PER_WAN, true, false);        /* exactly 10亿 strategic: major */
    project("D", 100000 * YUAN_PER_WAN - 1, true, true);     /* 1 元 under: not */
    project("E", 150000 * YUAN_PER_WAN, false, true);        /* 15亿, not strategic: not */
    figures f;
    figures_compute(&f, &the_plan, &the_store, (period){2015, 9, 0}, &memory);
    ck_assert_uint_eq(f.major_count, 2);
    ck_assert_str_eq(f.major[0]->code, "A");
    ck_assert_str_eq(f.major[1]->code, "C");
    ck_assert_int_eq(f.major_attracted, 1);
    ck_assert_int_eq(f.projects.count, 5);
    ck_assert_int_eq(f.projects_by_status[STATUS_BUILDING], 5);
    ck_assert_int_eq(f.projects_by_industry[1].count, 5);
    ck_assert_int_eq(f.projects_by_unit[8].count, 5);
    ck_assert_int_eq(f.projects.annual_plan, 5 * 30000 * YUAN_PER_WAN);
    assert_ratio(figures_investment_pct(&f.projects), 80, 1);
}
END_TEST

/* Sums that do not fit mark the figures beyond instead of wrapping. */
START_TEST(sums_beyond_a_money_are_marked)
{
    progress(0, 9, 9000000000000000000, 1);
    progress(0, 9, 9000000000000000000, 1);
    figures f;
    figures_compute(&f, &the_plan, &the_store, (period){2015, 9, 0}, &memory);
    ck_assert(f.beyond);
    ck_assert_int_eq(f.industries[0].ytd_output, 9000000000000000000);
    figures_compute(&f, &the_plan, &the_store, (period){2015, 8, 0}, &memory);
    ck_assert(!f.beyond); /* August: no record */
}
END_TEST

START_TEST(project_sums_beyond_a_money_are_marked)
{
    project("A", INT64_MAX, false, false);
    figures f;
    figures_compute(&f, &the_plan, &the_store, (period){2015, 9, 0}, &memory);
    ck_assert(!f.beyond);
    project("B", 1, false, false);
    figures_compute(&f, &the_plan, &the_store, (period){2015, 9, 0}, &memory);
    ck_assert(f.beyond);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("figures");
    TCase *tc = tcase_create("figures");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, sums_output_of_the_period_only);
    tcase_add_test(tc, major_projects_at_and_under_the_thresholds);
    tcase_add_test(tc, sums_beyond_a_money_are_marked);
    tcase_add_test(tc, project_sums_beyond_a_money_are_marked);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
