/*
 * check_period.c: every period and date form of inputs.md §2.5, and the calendar
 * arithmetic behind due dates.
 */
#include "testutil.h"
#include "model/period.h"

#include <check.h>
#include <stdlib.h>

static void assert_period(const char *text, int year, int month, int quarter)
{
    period p = {0, 0, 0};
    ck_assert_msg(period_parse(text, &p), "period_parse(\"%s\") failed", text);
    ck_assert_int_eq(p.year, year);
    ck_assert_int_eq(p.month, month);
    ck_assert_int_eq(p.quarter, quarter);
}

START_TEST(parses_every_period_form)
{
    assert_period("2015-09", 2015, 9, 0);
    assert_period("2015/9", 2015, 9, 0);
    assert_period("2015.09", 2015, 9, 0);
    assert_period("201509", 2015, 9, 0);
    assert_period("2015年9月", 2015, 9, 0);
    assert_period("2015年1-9月", 2015, 9, 0);
    assert_period("2015年1—9月", 2015, 9, 0);
    assert_period("2015年1至9月", 2015, 9, 0);
    assert_period(" ２０１５年９月 ", 2015, 9, 0);
    assert_period("2015-Q3", 2015, 0, 3);
    assert_period("2015年第三季度", 2015, 0, 3);
    assert_period("2015年第3季度", 2015, 0, 3);
    assert_period("2015年三季度", 2015, 0, 3);
}
END_TEST

START_TEST(refuses_malformed_periods)
{
    period p;
    const char *bad[] = {"", "2015", "2015-13", "2015-00", "2015年2-9月", "2015-Q5", "15-09",
                         "2015年9", "2015-09x", "abc", "2015年第五季度"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!period_parse(bad[i], &p), "\"%s\" accepted", bad[i]);
}
END_TEST

START_TEST(parses_every_date_form)
{
    const char *forms[] = {"2015-09-30", "2015/9/30", "2015.9.30", "20150930", "2015年9月30日",
                           "2015/9/30 0:00", "２０１５－０９－３０"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        date d = 0;
        ck_assert_msg(date_parse(forms[i], &d), "date_parse(\"%s\") failed", forms[i]);
        ck_assert_int_eq(d, 20150930);
    }
    date d;
    ck_assert(!date_parse("2015-02-29", &d));
    ck_assert(date_parse("2016-02-29", &d));
    ck_assert(!date_parse("2015-9/30", &d));
    ck_assert(!date_parse("2015-09-31", &d));
}
END_TEST

START_TEST(computes_due_dates)
{
    char buf[16];
    ck_assert_str_eq(date_format(period_end_next_day((period){2015, 9, 0}), buf), "2015-10-01");
    ck_assert_str_eq(date_format(period_end_next_day((period){2015, 12, 0}), buf), "2016-01-01");
    ck_assert_str_eq(date_format(date_add_days(period_end_next_day((period){2015, 0, 3}), 9), buf),
                     "2015-10-10");
    ck_assert_str_eq(period_format((period){2015, 0, 3}, buf), "2015-Q3");
    ck_assert_str_eq(period_format(period_previous_month((period){2016, 1, 0}), buf), "2015-12");
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("period");
    TCase *tc = tcase_create("period");
    tcase_add_test(tc, parses_every_period_form);
    tcase_add_test(tc, refuses_malformed_periods);
    tcase_add_test(tc, parses_every_date_form);
    tcase_add_test(tc, computes_due_dates);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
