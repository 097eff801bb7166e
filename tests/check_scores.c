/*
 * check_scores.c: the 附件1 unit scores (scoring.md §3) on records made by hand with
 * the real input/plan.xml: the worked example of §5 to the cent, ranks that share and
 * skip, the caps reached exactly and exceeded, units with no data, composites equal as
 * fractions but not as doubles, the major-project thresholds, and summary.json's rows.
 */
#include "testutil.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "model/xmlsafe.h"
#include "report/summary.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static arena memory;
static plan the_plan;
static store the_store;

static const period september = {2015, 9, 0};

/* Units of the plan used below (plan order). */
enum { CHENGDONG, LECHENG, CHENGNAN, YANPEN, WENGYANG, BAISHI, SHIFAN, TIANCHENG, LIUSHI };
/* Industries and sub-sectors of the plan. */
enum { INFORMATION = 0, ELECTRONICS = 0, NETWORK_ECONOMY = 2 };

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

static progress_record *progress(int unit, int subsector, money value_added_wan, money prior_wan)
{
    progress_record *r = vec_push(&the_store.progress);
    r->period = september;
    r->unit = unit;
    r->industry = INFORMATION;
    r->subsector = subsector;
    r->ytd_value_added = value_added_wan * YUAN_PER_WAN;
    r->prior_ytd_value_added = prior_wan * YUAN_PER_WAN;
    return r;
}

static project_record *project(int unit, money annual_plan_wan, money ytd_wan)
{
    project_record *r = vec_push(&the_store.projects);
    r->period = september;
    r->code = "P";
    r->name = "P";
    r->industry = INFORMATION;
    r->subsector = -1;
    r->unit = unit;
    r->total_investment = 5000 * YUAN_PER_WAN;
    r->annual_plan = annual_plan_wan * YUAN_PER_WAN;
    r->ytd_investment = ytd_wan * YUAN_PER_WAN;
    r->status = STATUS_BUILDING;
    return r;
}

static project_record *major_project(int unit, money total, bool strategic, bool attracted)
{
    project_record *r = project(unit, 1000, 500);
    r->total_investment = total;
    r->strategic = strategic;
    r->attracted = attracted;
    return r;
}

static assessment_record *assessment(int unit)
{
    assessment_record *r = vec_push(&the_store.assessments);
    r->period = september;
    r->unit = unit;
    r->leading_enterprises = LEADING_FAIR;
    return r;
}

static unit_scores compute(void)
{
    figures f;
    unit_scores scores;
    figures_compute(&f, &the_plan, &the_store, september, &memory);
    scores_compute(&scores, &the_plan, &the_store, &f, &memory);
    ck_assert_uint_eq(scores.count, 17);
    return scores;
}

static const unit_score *row_of(const unit_scores *scores, int unit)
{
    for (size_t i = 0; i < scores->count; i++)
        if (scores->units[i].unit == unit)
            return &scores->units[i];
    ck_abort_msg("unit %d has no row", unit);
    return NULL;
}

#define assert_exact(value, num, den) \
    ck_assert_msg(fraction_compare((value), fraction_make((num), (den))) == 0, \
                  "%s is not %lld/%lld", #value, (long long)(num), (long long)(den))
/* An exact value in hundredths: assert_cents(x, 1470) means x is exactly 14.70. */
#define assert_cents(value, cents) assert_exact(value, cents, 100)

static void assert_all_zero(const unit_score *u)
{
    ck_assert(!u->growth_pct.known);
    assert_cents(u->growth, 0);
    assert_cents(u->scale, 0);
    assert_cents(u->industry_development, 0);
    assert_cents(u->composite, 0);
    assert_cents(u->projects, 0);
    assert_cents(u->land, 0);
    assert_cents(u->major_bonus, 0);
    assert_cents(u->project_drive, 0);
    assert_cents(u->platforms, 0);
    assert_cents(u->leading_enterprises, 0);
    assert_cents(u->plan, 0);
    assert_cents(u->extra, 0);
    assert_cents(u->innovation, 0);
    assert_cents(u->total, 0);
    ck_assert_int_eq(u->scale_rank, 0);
    ck_assert_int_eq(u->projects_rank, 0);
    ck_assert_int_eq(u->land_rank, 0);
}

/* scoring.md §5: unit A = 城东街道, unit B = 乐成街道. */
static void worked_example_records(void)
{
    progress(CHENGDONG, ELECTRONICS, 7000, 6000);
    progress(CHENGDONG, -1, 4200, 4000);             /* the industry as a whole: assessed */
    progress(CHENGDONG, NETWORK_ECONOMY, 9000, 100); /* 网络经济: not assessed */
    progress(LECHENG, ELECTRONICS, 10400, 10000);
    project(CHENGDONG, 10000, 8000);
    project(CHENGDONG, 10000, 8000);
    project(CHENGDONG, 10000, 8000);
    for (int i = 0; i < 6; i++)
        project(LECHENG, i < 4 ? 10000 : 0, i < 5 ? 10000 : 0);
    assessment_record *a = assessment(CHENGDONG);
    a->has_land_pct = true;
    a->land_pct_e4 = 352000; /* 35.2 % */
    a->new_platforms = 1;
    a->provincial_platforms = 1;
    a->leading_enterprises = LEADING_GOOD;
    a->annual_plan_done = true;
    a->provincial_funds = 2;
    a->national_honors = 1;
}

START_TEST(worked_example_to_the_cent)
{
    worked_example_records();
    unit_scores scores = compute();
    const unit_score *a = &scores.units[0], *b = &scores.units[1];
    ck_assert_int_eq(a->unit, CHENGDONG);
    ck_assert_int_eq(b->unit, LECHENG);
    ck_assert_str_eq(a->name, "城东街道");
    ck_assert_int_eq(a->value_added, 11200 * YUAN_PER_WAN);
    ck_assert_int_eq(a->prior_value_added, 10000 * YUAN_PER_WAN);
    assert_cents(a->growth_pct.value, 1200);
    assert_cents(a->growth, 2500); /* 22.5 + 2 × 1.25: the cap reached exactly */
    assert_cents(b->growth_pct.value, 400);
    assert_cents(b->growth, 1750); /* 22.5 − 6 × 1.25 = 15.0, held at the cap 17.5 */
    ck_assert_int_eq(a->scale_rank, 1);
    ck_assert_int_eq(b->scale_rank, 2);
    assert_cents(a->scale, 1500);
    assert_cents(b->scale, 1470);
    assert_cents(a->industry_development, 4000);
    assert_cents(b->industry_development, 3220);
    assert_cents(a->composite, 65);  /* 0.5 × 3/6 + 0.5 × 0.8 */
    assert_cents(b->composite, 100); /* 0.5 × 6/6 + 0.5 × min(1, 1.25) */
    ck_assert_int_eq(b->projects_rank, 1);
    assert_cents(b->projects, 1500);
    assert_cents(a->projects, 1470);
    assert_cents(a->land, 1000);
    assert_cents(b->land, 0);
    assert_cents(a->project_drive, 2470);
    assert_cents(a->platforms, 1150);
    assert_cents(a->leading_enterprises, 1000);
    assert_cents(a->plan, 400);
    assert_cents(a->extra, 600);
    assert_cents(a->innovation, 3150);
    assert_cents(a->total, 9620);
    assert_cents(b->total, 4720);
    ck_assert_int_eq(a->rank, 1);
    ck_assert_int_eq(b->rank, 2);
    ck_assert_uint_eq(a->missing, 0);
    ck_assert_uint_eq(b->missing, SCORE_MISSING_ASSESSMENT);
    /* the other fifteen units share the last place, in plan order */
    for (size_t i = 2; i < scores.count; i++) {
        ck_assert_int_eq(scores.units[i].unit, (int)i);
        ck_assert_int_eq(scores.units[i].rank, 3);
    }
}
END_TEST

START_TEST(equal_metrics_share_a_rank_and_skip_the_next)
{
    /* scale: 300, 200, 200, 100 → ranks 1, 2, 2, 4 */
    progress(CHENGDONG, ELECTRONICS, 300, 300);
    progress(LECHENG, ELECTRONICS, 200, 200);
    progress(CHENGNAN, ELECTRONICS, 200, 200);
    progress(YANPEN, ELECTRONICS, 100, 100);
    /* land: 40 %, 40 %, 30 % → ranks 1, 1, 3 */
    int64_t land[] = {400000, 400000, 300000};
    for (int u = BAISHI; u <= TIANCHENG; u++) {
        assessment_record *r = assessment(u);
        r->has_land_pct = true;
        r->land_pct_e4 = land[u - BAISHI];
    }
    unit_scores scores = compute();
    int expected_rank[] = {1, 2, 2, 4};
    int expected_scale[] = {1500, 1470, 1470, 1410};
    for (int u = CHENGDONG; u <= YANPEN; u++) {
        const unit_score *row = row_of(&scores, u);
        ck_assert_int_eq(row->scale_rank, expected_rank[u]);
        assert_cents(row->scale, expected_scale[u]);
        assert_cents(row->growth_pct.value, 0);
        assert_cents(row->growth, 1750); /* 0 %: 22.5 − 10 × 1.25, held at 17.5 */
        ck_assert_int_eq(row->land_rank, 0);
    }
    int expected_land_rank[] = {1, 1, 3};
    int expected_land[] = {1000, 1000, 960};
    for (int u = BAISHI; u <= TIANCHENG; u++) {
        ck_assert_int_eq(row_of(&scores, u)->land_rank, expected_land_rank[u - BAISHI]);
        assert_cents(row_of(&scores, u)->land, expected_land[u - BAISHI]);
    }
    /* totals 32.5, 32.2, 32.2, 31.6, 10, 10, 9.6, then eleven zeros sharing the last place */
    int order[] = {CHENGDONG, LECHENG, CHENGNAN, YANPEN, BAISHI,
                   SHIFAN,    TIANCHENG, WENGYANG, LIUSHI};
    int rank[] = {1, 2, 2, 4, 5, 5, 7, 8, 8};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        ck_assert_int_eq(scores.units[i].unit, order[i]);
        ck_assert_int_eq(scores.units[i].rank, rank[i]);
    }
    ck_assert_int_eq(scores.units[16].unit, 16);
    ck_assert_int_eq(scores.units[16].rank, 8);
}
END_TEST

START_TEST(rank_scores_never_go_below_zero)
{
    /* 17 units with distinct value added: rank 17 would be 15 − 0.3 × 16 = 10.2; with a
     * step of 1 from the plan it is 15 − 16 = −1, held at 0 */
    the_plan.scoring.scale.step = fraction_from_int(1);
    for (int u = 0; u < 17; u++)
        progress(u, ELECTRONICS, 100 + u, 100);
    unit_scores scores = compute();
    assert_cents(row_of(&scores, 16)->scale, 1500);
    assert_cents(row_of(&scores, 2)->scale, 100); /* rank 15 */
    assert_cents(row_of(&scores, 1)->scale, 0);   /* rank 16: exactly 0 */
    assert_cents(row_of(&scores, 0)->scale, 0);   /* rank 17: −1 → 0 */
    ck_assert_int_eq(row_of(&scores, 0)->scale_rank, 17);
}
END_TEST

START_TEST(growth_at_the_caps_and_beyond)
{
    money value_added[] = {11200, 13000, 9400, 9000, 11040, 11000, 10000};
    int expected[] = {2500, 2500, 1750, 1750, 2300, 2250, 1750};
    for (int u = 0; u < 7; u++)
        progress(u, ELECTRONICS, value_added[u], 10000);
    unit_scores scores = compute();
    /* 12 % → 25 (bonus cap exactly); 30 % → 25; 4 points below → 17.5 (deduction cap
     * exactly); 10 points below → 17.5; 10.4 % → 23.0; 10 % → 22.5; 0 % → 17.5 */
    for (int u = 0; u < 7; u++)
        assert_cents(row_of(&scores, u)->growth, expected[u]);
    assert_cents(row_of(&scores, 4)->growth_pct.value, 1040);
}
END_TEST

START_TEST(bonus_and_extra_at_the_caps_and_beyond)
{
    for (int i = 0; i < 2; i++)
        major_project(CHENGDONG, 200000 * YUAN_PER_WAN, false, true); /* 2 × 5 = 10: the cap */
    for (int i = 0; i < 3; i++)
        major_project(LECHENG, 300000 * YUAN_PER_WAN, false, true);   /* 15 → 10 */
    major_project(CHENGNAN, 250000 * YUAN_PER_WAN, false, true);      /* 5 */
    assessment(CHENGDONG)->national_funds = 2;                        /* 6: the cap */
    assessment_record *over = assessment(LECHENG);
    over->national_honors = 3;
    over->provincial_honors = 1;                                      /* 10.5 → 6 */
    assessment_record *under = assessment(CHENGNAN);
    under->provincial_funds = 1;
    under->national_honors = 1;                                       /* 4.5 */
    unit_scores scores = compute();
    assert_cents(row_of(&scores, CHENGDONG)->major_bonus, 1000);
    assert_cents(row_of(&scores, LECHENG)->major_bonus, 1000);
    assert_cents(row_of(&scores, CHENGNAN)->major_bonus, 500);
    ck_assert_int_eq(row_of(&scores, LECHENG)->major_attracted, 3);
    assert_cents(row_of(&scores, CHENGDONG)->extra, 600);
    assert_cents(row_of(&scores, LECHENG)->extra, 600);
    assert_cents(row_of(&scores, CHENGNAN)->extra, 450);
}
END_TEST

START_TEST(major_bonus_at_and_under_the_thresholds)
{
    major_project(CHENGDONG, 200000 * YUAN_PER_WAN, false, true);     /* exactly 20亿: 5 */
    major_project(CHENGDONG, 200000 * YUAN_PER_WAN - 1, false, true); /* 1 元 under: none */
    major_project(LECHENG, 100000 * YUAN_PER_WAN, true, true);        /* exactly 10亿 strategic */
    major_project(LECHENG, 100000 * YUAN_PER_WAN - 1, true, true);    /* 1 元 under: none */
    major_project(CHENGNAN, 100000 * YUAN_PER_WAN, false, true);      /* 10亿, not strategic */
    major_project(YANPEN, 500000 * YUAN_PER_WAN, true, false);        /* major, not attracted */
    unit_scores scores = compute();
    assert_cents(row_of(&scores, CHENGDONG)->major_bonus, 500);
    assert_cents(row_of(&scores, LECHENG)->major_bonus, 500);
    assert_cents(row_of(&scores, CHENGNAN)->major_bonus, 0);
    assert_cents(row_of(&scores, YANPEN)->major_bonus, 0);
}
END_TEST

START_TEST(a_unit_with_no_data_scores_zero)
{
    worked_example_records();
    unit_scores scores = compute();
    const unit_score *none = row_of(&scores, LIUSHI);
    assert_all_zero(none);
    ck_assert_uint_eq(none->missing,
                      SCORE_MISSING_PROGRESS | SCORE_MISSING_PROJECTS | SCORE_MISSING_ASSESSMENT);
    ck_assert_ptr_null(none->assessment);
    ck_assert_int_eq(none->rank, 3);
}
END_TEST

START_TEST(prior_value_added_zero_still_ranks_on_scale)
{
    progress(CHENGDONG, ELECTRONICS, 500, 0);
    progress(LECHENG, ELECTRONICS, 400, 400);
    progress(CHENGNAN, NETWORK_ECONOMY, 900, 800); /* only a sub-sector left out */
    unit_scores scores = compute();
    const unit_score *u = row_of(&scores, CHENGDONG);
    ck_assert(!u->growth_pct.known);
    assert_cents(u->growth, 0);
    ck_assert_int_eq(u->scale_rank, 1);
    assert_cents(u->scale, 1500);
    ck_assert_uint_eq(u->missing, SCORE_MISSING_PRIOR_VALUE_ADDED | SCORE_MISSING_PROJECTS |
                                      SCORE_MISSING_ASSESSMENT);
    const unit_score *left_out = row_of(&scores, CHENGNAN);
    ck_assert_int_eq(left_out->value_added, 0);
    ck_assert_int_eq(left_out->scale_rank, 0);
    ck_assert(!left_out->growth_pct.known);
    ck_assert_uint_eq(left_out->missing, SCORE_MISSING_PRIOR_VALUE_ADDED |
                                             SCORE_MISSING_PROJECTS | SCORE_MISSING_ASSESSMENT);
}
END_TEST

/* The composite as a program with doubles would compute it. */
static double double_composite(int count, int most, double plan_wan, double ytd_wan)
{
    double completion = ytd_wan / plan_wan;
    return 0.5 * ((double)count / most) + 0.5 * (completion < 1 ? completion : 1);
}

START_TEST(composites_equal_as_fractions_share_a_rank)
{
    /* 0.5 × 1/19 + 0.5 × 52/95 = 0.5 × 2/19 + 0.5 × 47/95 = 0.3 exactly, but the doubles
     * are 0.30000000000000004 and 0.3 */
    ck_assert(double_composite(1, 19, 95, 52) != double_composite(2, 19, 95, 47));
    for (int i = 0; i < 19; i++)
        project(LIUSHI, 100, 100);
    project(CHENGDONG, 95, 52);
    project(LECHENG, 50, 20);
    project(LECHENG, 45, 27);
    project(CHENGNAN, 95, 0);
    unit_scores scores = compute();
    assert_cents(row_of(&scores, LIUSHI)->composite, 100);
    assert_cents(row_of(&scores, CHENGDONG)->composite, 30);
    assert_cents(row_of(&scores, LECHENG)->composite, 30);
    assert_exact(row_of(&scores, CHENGNAN)->composite, 1, 38);
    int expected_rank[] = {2, 2, 4};
    int expected_points[] = {1470, 1470, 1410};
    for (int u = CHENGDONG; u <= CHENGNAN; u++) {
        ck_assert_int_eq(row_of(&scores, u)->projects_rank, expected_rank[u]);
        assert_cents(row_of(&scores, u)->projects, expected_points[u]);
    }
    ck_assert_int_eq(row_of(&scores, LIUSHI)->projects_rank, 1);
}
END_TEST

START_TEST(composite_with_no_annual_plan_counts_completion_as_zero)
{
    project(CHENGDONG, 0, 300);
    project(CHENGDONG, 0, 0);
    project(LECHENG, 100, 100);
    unit_scores scores = compute();
    assert_cents(row_of(&scores, CHENGDONG)->composite, 50); /* 0.5 × 2/2 + 0.5 × 0 */
    assert_cents(row_of(&scores, LECHENG)->composite, 75);   /* 0.5 × 1/2 + 0.5 × 1 */
}
END_TEST

START_TEST(the_assessment_record_of_the_period)
{
    assessment_record *august = assessment(CHENGDONG);
    august->period = (period){2015, 8, 0};
    august->new_platforms = 1;
    assessment_record *october = assessment(CHENGDONG); /* after the period: not used */
    october->period = (period){2015, 10, 0};
    october->annual_plan_done = true;
    assessment(LECHENG)->fate = FATE_SUPERSEDED;
    assessment_record *last_year = assessment(CHENGNAN);
    last_year->period = (period){2014, 12, 0};
    last_year->annual_plan_done = true;
    unit_scores scores = compute();
    ck_assert_ptr_eq(row_of(&scores, CHENGDONG)->assessment, august);
    assert_cents(row_of(&scores, CHENGDONG)->platforms, 1000);
    assert_cents(row_of(&scores, CHENGDONG)->plan, 0);
    ck_assert_uint_eq(row_of(&scores, LECHENG)->missing & SCORE_MISSING_ASSESSMENT,
                      SCORE_MISSING_ASSESSMENT);
    ck_assert_ptr_null(row_of(&scores, CHENGNAN)->assessment);
    ck_assert_ptr_eq(scores_assessment_for(&the_store, CHENGDONG, (period){2015, 0, 4}), october);
}
END_TEST

START_TEST(parameters_come_from_the_plan)
{
    the_plan.scoring.growth_base = fraction_from_int(30);
    the_plan.scoring.platform_new = fraction_from_int(8);
    the_plan.scoring.leading_enterprises = fraction_make(15, 2);
    progress(CHENGDONG, ELECTRONICS, 11000, 10000);
    assessment_record *a = assessment(CHENGDONG);
    a->new_platforms = 3;
    a->leading_enterprises = LEADING_GOOD;
    unit_scores scores = compute();
    assert_cents(row_of(&scores, CHENGDONG)->growth, 2700); /* 0.9 × 30 */
    assert_cents(row_of(&scores, CHENGDONG)->platforms, 800);
    assert_cents(row_of(&scores, CHENGDONG)->leading_enterprises, 750);
}
END_TEST

/* Equal texts, or a failure naming the first byte that differs (Check's messages are short). */
static void assert_text(const char *actual, const char *expected)
{
    size_t at = 0;
    while (actual[at] && actual[at] == expected[at])
        at++;
    ck_assert_msg(actual[at] == expected[at],
                  "texts differ at byte %zu: \"%.40s\" instead of \"%.40s\"", at, actual + at,
                  expected + at);
}

/* summary.json holds `expected` as whole lines, starting where its first line is. */
static void assert_lines(const buffer *json, const char *expected)
{
    const char *first_end = strchr(expected, '\n');
    char *first_line = arena_strndup(&memory, expected, (size_t)(first_end - expected));
    const char *from = strstr(json->data, first_line);
    ck_assert_ptr_nonnull(from);
    size_t length = strlen(expected);
    assert_text(arena_strndup(&memory, from, length), expected);
    ck_assert_int_eq(from[length], '\n');
}

START_TEST(summary_rows_of_a_unit_and_a_submission)
{
    worked_example_records();
    submission_file *file = store_file(&the_store,
                                       store_add_file(&the_store, "input/2015-09/信息经济-项目.csv"));
    *file = (submission_file){.path = file->path, .kind = KIND_PROJECTS, .office_index = 0,
                              .has_period = true, .period = september, .sent = 20150930,
                              .rows = {.read = 1, .accepted = 1}};
    figures f;
    unit_scores scores;
    timeliness submissions;
    figures_compute(&f, &the_plan, &the_store, september, &memory);
    scores_compute(&scores, &the_plan, &the_store, &f, &memory);
    timeliness_compute(&submissions, &the_plan, &the_store, september, &memory);
    buffer json;
    buffer_init(&json);
    summary_write(&json, &f, &scores, &submissions, &the_plan, &the_store);
    assert_lines(&json,
                 "  \"units\": [\n"
                 "    {\n"
                 "      \"name\": \"城东街道\",\n"
                 "      \"rank\": 1,\n"
                 "      \"total\": 96.2,\n"
                 "      \"industry_development\": {\n"
                 "        \"growth_pct\": 12,\n"
                 "        \"growth\": 25,\n"
                 "        \"scale\": 15,\n"
                 "        \"subtotal\": 40\n"
                 "      },\n"
                 "      \"project_drive\": {\n"
                 "        \"composite\": 0.65,\n"
                 "        \"projects\": 14.7,\n"
                 "        \"land\": 10,\n"
                 "        \"major_bonus\": 0,\n"
                 "        \"subtotal\": 24.7\n"
                 "      },\n"
                 "      \"innovation\": {\n"
                 "        \"platforms\": 11.5,\n"
                 "        \"leading_enterprises\": 10,\n"
                 "        \"plan\": 4,\n"
                 "        \"extra\": 6,\n"
                 "        \"subtotal\": 31.5\n"
                 "      },\n"
                 "      \"missing\": []\n"
                 "    },\n"
                 "    {\n"
                 "      \"name\": \"乐成街道\",\n"
                 "      \"rank\": 2,\n"
                 "      \"total\": 47.2,\n"
                 "      \"industry_development\": {\n"
                 "        \"growth_pct\": 4,\n"
                 "        \"growth\": 17.5,\n"
                 "        \"scale\": 14.7,\n"
                 "        \"subtotal\": 32.2\n"
                 "      },\n"
                 "      \"project_drive\": {\n"
                 "        \"composite\": 1,\n"
                 "        \"projects\": 15,\n"
                 "        \"land\": 0,\n"
                 "        \"major_bonus\": 0,\n"
                 "        \"subtotal\": 15\n"
                 "      },\n"
                 "      \"innovation\": {\n"
                 "        \"platforms\": 0,\n"
                 "        \"leading_enterprises\": 0,\n"
                 "        \"plan\": 0,\n"
                 "        \"extra\": 0,\n"
                 "        \"subtotal\": 0\n"
                 "      },\n"
                 "      \"missing\": [\n"
                 "        \"assessment\"\n"
                 "      ]\n"
                 "    },");
    assert_lines(&json,
                 "  \"submissions\": [\n"
                 "    {\n"
                 "      \"office\": \"信息经济产业专项行动工作组\",\n"
                 "      \"kind\": \"projects\",\n"
                 "      \"status\": \"on_time\",\n"
                 "      \"sent\": \"2015-09-30\",\n"
                 "      \"files\": [\n"
                 "        \"input/2015-09/信息经济-项目.csv\"\n"
                 "      ],\n"
                 "      \"period\": \"2015-09\",\n"
                 "      \"due\": \"2015-10-01\"\n"
                 "    },\n"
                 "    {\n"
                 "      \"office\": \"信息经济产业专项行动工作组\",\n"
                 "      \"kind\": \"progress\",\n"
                 "      \"status\": \"missing\",\n"
                 "      \"sent\": null,\n"
                 "      \"files\": [],\n"
                 "      \"period\": \"2015-09\",\n"
                 "      \"due\": \"2015-10-01\"\n"
                 "    },\n"
                 "    {");
    buffer_free(&json);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("scores");
    TCase *tc = tcase_create("scores");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, worked_example_to_the_cent);
    tcase_add_test(tc, equal_metrics_share_a_rank_and_skip_the_next);
    tcase_add_test(tc, rank_scores_never_go_below_zero);
    tcase_add_test(tc, growth_at_the_caps_and_beyond);
    tcase_add_test(tc, bonus_and_extra_at_the_caps_and_beyond);
    tcase_add_test(tc, major_bonus_at_and_under_the_thresholds);
    tcase_add_test(tc, a_unit_with_no_data_scores_zero);
    tcase_add_test(tc, prior_value_added_zero_still_ranks_on_scale);
    tcase_add_test(tc, composites_equal_as_fractions_share_a_rank);
    tcase_add_test(tc, composite_with_no_annual_plan_counts_completion_as_zero);
    tcase_add_test(tc, the_assessment_record_of_the_period);
    tcase_add_test(tc, parameters_come_from_the_plan);
    tcase_add_test(tc, summary_rows_of_a_unit_and_a_submission);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
