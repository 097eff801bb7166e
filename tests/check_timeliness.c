/*
 * check_timeliness.c: 报送情况 (scoring.md §4) on stores made by hand with the real
 * input/plan.xml: on time, late, sent on the due day, unknown date, missing, a correction
 * after the due date, quarterly items and their due day, and the order of the checks.
 */
#include "testutil.h"
#include "aggregate/timeliness.h"
#include "model/xmlsafe.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static arena memory;
static plan the_plan;
static store the_store;

static const period september = {2015, 9, 0};
static const period third_quarter = {2015, 0, 3};

/* Offices of the plan (plan order). */
enum { INFORMATION_GROUP = 0, EQUIPMENT_GROUP = 1, DEVELOPMENT_REFORM = 6, ECONOMY_IT = 7,
       SCIENCE = 8, MARKET = 9 };

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

/* A file of two accepted rows. */
static submission_file *sent_file(const char *path, record_kind kind, int office, period p,
                                  date sent)
{
    submission_file *file = store_file(&the_store, store_add_file(&the_store, path));
    file->kind = kind;
    file->office_index = office;
    file->office = the_plan.offices[office].name;
    file->has_period = true;
    file->period = p;
    file->sent = sent;
    file->rows = (row_counts){.read = 2, .accepted = 2};
    return file;
}

static timeliness compute(period p)
{
    timeliness t;
    timeliness_compute(&t, &the_plan, &the_store, p, &memory);
    return t;
}

static const submission_check *check_of(const timeliness *t, int office, record_kind kind)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->checks[i].office == office && t->checks[i].kind == kind)
            return &t->checks[i];
    ck_abort_msg("no check of office %d, kind %d", office, (int)kind);
    return NULL;
}

static void assert_check(const submission_check *c, submission_status status, date sent,
                         size_t file_count)
{
    ck_assert_str_eq(timeliness_status_name(c->status), timeliness_status_name(status));
    ck_assert_int_eq(c->sent, sent);
    ck_assert_uint_eq(c->file_count, file_count);
}

START_TEST(on_time_on_the_due_day_and_late)
{
    sent_file("a.csv", KIND_PROJECTS, INFORMATION_GROUP, september, 20150930);
    sent_file("b.csv", KIND_PROGRESS, INFORMATION_GROUP, september, 20151001); /* the due day */
    sent_file("c.csv", KIND_PROJECTS, EQUIPMENT_GROUP, september, 20151002);
    timeliness t = compute(september);
    const submission_check *on_time = check_of(&t, INFORMATION_GROUP, KIND_PROJECTS);
    ck_assert_int_eq(on_time->due, 20151001);
    assert_check(on_time, SUBMISSION_ON_TIME, 20150930, 1);
    ck_assert_int_eq(on_time->files[0], 0);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROGRESS), SUBMISSION_ON_TIME, 20151001, 1);
    assert_check(check_of(&t, EQUIPMENT_GROUP, KIND_PROJECTS), SUBMISSION_LATE, 20151002, 1);
    ck_assert_int_eq(t.on_time, 2);
    ck_assert_int_eq(t.late, 1);
}
END_TEST

START_TEST(unknown_date_and_missing)
{
    sent_file("a.csv", KIND_PROJECTS, INFORMATION_GROUP, september, 0);
    submission_file *rejected = sent_file("b.csv", KIND_PROGRESS, INFORMATION_GROUP, september,
                                          20150930);
    rejected->rows = (row_counts){.read = 3, .rejected = 3};
    submission_file *whole = sent_file("c.csv", KIND_PROJECTS, EQUIPMENT_GROUP, september,
                                       20150930);
    whole->rejected_whole = true;
    sent_file("d.csv", KIND_PROGRESS, EQUIPMENT_GROUP, (period){2015, 8, 0}, 20150830);
    sent_file("e.csv", KIND_PROJECTS, EQUIPMENT_GROUP, september, 20150930)->office_index = -1;
    timeliness t = compute(september);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROJECTS), SUBMISSION_UNKNOWN_DATE, 0, 1);
    /* files whose every row was rejected are listed, but they are no submission */
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROGRESS), SUBMISSION_MISSING, 0, 1);
    assert_check(check_of(&t, EQUIPMENT_GROUP, KIND_PROJECTS), SUBMISSION_MISSING, 0, 1);
    /* another month's file does not count */
    assert_check(check_of(&t, EQUIPMENT_GROUP, KIND_PROGRESS), SUBMISSION_MISSING, 0, 0);
    ck_assert_int_eq(t.unknown_date, 1);
    ck_assert_int_eq(t.on_time + t.late, 0);
    ck_assert_int_eq(t.missing, (long)t.count - 1);
}
END_TEST

START_TEST(a_late_correction_keeps_the_first_submission)
{
    submission_file *first = sent_file("a.csv", KIND_PROGRESS, INFORMATION_GROUP, september,
                                       20150929);
    first->rows = (row_counts){.read = 2, .superseded = 2}; /* all replaced by the correction */
    sent_file("b.csv", KIND_PROGRESS, INFORMATION_GROUP, september, 20151015);
    sent_file("c.csv", KIND_PROGRESS, INFORMATION_GROUP, september, 0); /* no date: no help */
    /* a late first submission stays late however early an undated file might have been */
    sent_file("d.csv", KIND_PROJECTS, INFORMATION_GROUP, september, 0);
    sent_file("e.csv", KIND_PROJECTS, INFORMATION_GROUP, september, 20151003);
    timeliness t = compute(september);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROGRESS), SUBMISSION_ON_TIME, 20150929, 3);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROJECTS), SUBMISSION_LATE, 20151003, 2);
}
END_TEST

START_TEST(quarterly_items_due_ten_days_after_the_quarter)
{
    sent_file("a.csv", KIND_QUARTERLY, ECONOMY_IT, third_quarter, 20151010); /* the due day */
    sent_file("b.csv", KIND_QUARTERLY, MARKET, third_quarter, 20151011);
    sent_file("c.csv", KIND_QUARTERLY, SCIENCE, (period){2015, 8, 0}, 20151008); /* a month of Q3 */
    sent_file("d.csv", KIND_QUARTERLY, DEVELOPMENT_REFORM, (period){2015, 0, 2}, 20150705);
    timeliness t = compute(september);
    const submission_check *c = check_of(&t, ECONOMY_IT, KIND_QUARTERLY);
    ck_assert_int_eq(c->due, 20151010);
    ck_assert(period_equal(c->period, third_quarter));
    assert_check(c, SUBMISSION_ON_TIME, 20151010, 1);
    assert_check(check_of(&t, MARKET, KIND_QUARTERLY), SUBMISSION_LATE, 20151011, 1);
    assert_check(check_of(&t, SCIENCE, KIND_QUARTERLY), SUBMISSION_ON_TIME, 20151008, 1);
    assert_check(check_of(&t, DEVELOPMENT_REFORM, KIND_QUARTERLY), SUBMISSION_MISSING, 0, 0);
    ck_assert_int_eq(timeliness_quarter_due(&the_plan, (period){2015, 0, 4}), 20160110);
    ck_assert_int_eq(timeliness_month_due(&the_plan, (period){2015, 12, 0}), 20160101);
    ck_assert_int_eq(timeliness_month_due(&the_plan, (period){2016, 1, 0}), 20160201);
}
END_TEST

START_TEST(checks_in_plan_order_quarterly_only_at_a_quarter_end)
{
    static const record_kind september_kinds[] = {KIND_ASSESSMENT, KIND_QUARTERLY, KIND_QUARTERLY,
                                                  KIND_QUARTERLY, KIND_QUARTERLY};
    timeliness t = compute(september);
    ck_assert_uint_eq(t.count, 17); /* 6 groups × 2, 市发改局 × 2, three more quarterly */
    for (size_t i = 0; i < 12; i++) {
        ck_assert_int_eq(t.checks[i].office, (int)i / 2);
        ck_assert_int_eq(t.checks[i].kind, i % 2 ? KIND_PROGRESS : KIND_PROJECTS);
        ck_assert(period_equal(t.checks[i].period, september));
    }
    for (size_t i = 12; i < 17; i++)
        ck_assert_int_eq(t.checks[i].kind, september_kinds[i - 12]);
    ck_assert_int_eq(t.checks[12].office, DEVELOPMENT_REFORM);
    ck_assert_int_eq(t.checks[13].office, DEVELOPMENT_REFORM);
    ck_assert_int_eq(t.checks[16].office, MARKET);
    ck_assert_str_eq(t.checks[16].office_name, "市市场监管局");
    ck_assert_int_eq(t.missing, 17);

    timeliness august = compute((period){2015, 8, 0});
    ck_assert_uint_eq(august.count, 12); /* no assessment, no quarterly items in August */
    ck_assert_int_eq(august.checks[11].kind, KIND_PROGRESS);
}
END_TEST

START_TEST(the_assessment_is_expected_with_a_quarters_last_month)
{
    sent_file("input/2015-09/考核-市发改局.csv", KIND_ASSESSMENT, DEVELOPMENT_REFORM, september,
              20150930);
    timeliness t = compute(september);
    const submission_check *c = check_of(&t, DEVELOPMENT_REFORM, KIND_ASSESSMENT);
    ck_assert_int_eq(c->due, 20151001);
    assert_check(c, SUBMISSION_ON_TIME, 20150930, 1);
    /* expected with a quarter's last month only: not in October, again in December */
    timeliness october = compute((period){2015, 10, 0});
    for (size_t i = 0; i < october.count; i++)
        ck_assert_int_ne(october.checks[i].kind, KIND_ASSESSMENT);
    timeliness december = compute((period){2015, 12, 0});
    assert_check(check_of(&december, DEVELOPMENT_REFORM, KIND_ASSESSMENT), SUBMISSION_MISSING, 0, 0);
}
END_TEST

START_TEST(due_days_come_from_the_plan)
{
    the_plan.month_due_day = 5;
    the_plan.quarter_due_days = 15;
    sent_file("a.csv", KIND_PROJECTS, INFORMATION_GROUP, september, 20151005);
    sent_file("b.csv", KIND_PROGRESS, INFORMATION_GROUP, september, 20151006);
    sent_file("c.csv", KIND_QUARTERLY, MARKET, third_quarter, 20151015);
    timeliness t = compute(september);
    ck_assert_int_eq(check_of(&t, INFORMATION_GROUP, KIND_PROJECTS)->due, 20151005);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROJECTS), SUBMISSION_ON_TIME, 20151005, 1);
    assert_check(check_of(&t, INFORMATION_GROUP, KIND_PROGRESS), SUBMISSION_LATE, 20151006, 1);
    assert_check(check_of(&t, MARKET, KIND_QUARTERLY), SUBMISSION_ON_TIME, 20151015, 1);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("timeliness");
    TCase *tc = tcase_create("timeliness");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, on_time_on_the_due_day_and_late);
    tcase_add_test(tc, unknown_date_and_missing);
    tcase_add_test(tc, a_late_correction_keeps_the_first_submission);
    tcase_add_test(tc, quarterly_items_due_ten_days_after_the_quarter);
    tcase_add_test(tc, checks_in_plan_order_quarterly_only_at_a_quarter_end);
    tcase_add_test(tc, the_assessment_is_expected_with_a_quarters_last_month);
    tcase_add_test(tc, due_days_come_from_the_plan);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
