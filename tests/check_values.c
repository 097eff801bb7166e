/*
 * check_values.c: the cell value parsers of inputs.md §2.5: one assertion per syntax,
 * with the exact 元 value or the exact status.
 */
#include "testutil.h"
#include "ingest/value.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static money amount(const char *text, int64_t unit)
{
    money m = -1;
    ck_assert_int_eq(value_amount(text, unit, &m), VALUE_OK);
    return m;
}

static value_status amount_status(const char *text)
{
    money m;
    return value_amount(text, YUAN_PER_WAN, &m);
}

START_TEST(amounts_in_every_written_form)
{
    ck_assert_int_eq(amount("1,234.5", YUAN_PER_WAN), 12345000);
    ck_assert_int_eq(amount("1，234.5", YUAN_PER_WAN), 12345000);
    ck_assert_int_eq(amount("1,234,567", YUAN_PER_YUAN), 1234567);
    ck_assert_int_eq(amount("１２３４", YUAN_PER_WAN), 12340000);
    ck_assert_int_eq(amount("１２３４．５", YUAN_PER_WAN), 12345000);
    ck_assert_int_eq(amount("'2100", YUAN_PER_WAN), 21000000);
    ck_assert_int_eq(amount("  18000 ", YUAN_PER_WAN), 180000000);
    ck_assert_int_eq(amount("\xe3\x80\x80" "18000" "\xe3\x80\x80", YUAN_PER_WAN), 180000000);
    ck_assert_int_eq(amount("1.2E+05", YUAN_PER_WAN), 1200000000);
    ck_assert_int_eq(amount("1.2e5", YUAN_PER_YUAN), 120000);
    ck_assert_int_eq(amount("0.0001", YUAN_PER_WAN), 1);
    ck_assert_int_eq(amount("0", YUAN_PER_WAN), 0);
}
END_TEST

START_TEST(a_unit_in_the_cell_wins_over_the_column)
{
    ck_assert_int_eq(amount("123万元", YUAN_PER_YI), 1230000);
    ck_assert_int_eq(amount("1.2亿元", YUAN_PER_WAN), 120000000);
    ck_assert_int_eq(amount("500元", YUAN_PER_WAN), 500);
    ck_assert_int_eq(amount("500 元", YUAN_PER_WAN), 500);
    ck_assert_int_eq(amount("3万", YUAN_PER_YUAN), 30000);
    ck_assert_int_eq(amount("2亿", YUAN_PER_YUAN), 200000000);
    ck_assert_int_eq(amount("12", YUAN_PER_YI), 1200000000);
    ck_assert_int_eq(amount("12", YUAN_PER_YUAN), 12);
}
END_TEST

START_TEST(not_given_marks)
{
    ck_assert_int_eq(amount_status(""), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("   "), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("-"), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("—"), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("/"), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("无"), VALUE_EMPTY);
    ck_assert_int_eq(amount_status("－"), VALUE_EMPTY);
}
END_TEST

START_TEST(bad_amounts)
{
    money m = 0;
    ck_assert_int_eq(value_amount("-5", YUAN_PER_WAN, &m), VALUE_NEGATIVE);
    ck_assert_int_eq(m, -50000);
    ck_assert_int_eq(amount_status("12,3a"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("1,23"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("1234,567"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status(",123"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("1.5,000"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("abc"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("12美元"), VALUE_SYNTAX);
    ck_assert_int_eq(amount_status("0.00001"), VALUE_PRECISION);
    ck_assert_int_eq(value_amount("0.5元", YUAN_PER_WAN, &m), VALUE_PRECISION);
    ck_assert_int_eq(amount_status("1e20"), VALUE_RANGE);
    char long_text[400];
    memset(long_text, '1', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    ck_assert_int_eq(amount_status(long_text), VALUE_SYNTAX);
}
END_TEST

START_TEST(units)
{
    int64_t unit = 0;
    ck_assert(value_unit("万元", &unit) && unit == YUAN_PER_WAN);
    ck_assert(value_unit(" 亿元 ", &unit) && unit == YUAN_PER_YI);
    ck_assert(value_unit("元", &unit) && unit == YUAN_PER_YUAN);
    ck_assert(!value_unit("%", &unit));
}
END_TEST

START_TEST(percents)
{
    int64_t e4 = -1;
    ck_assert_int_eq(value_percent("35.2", &e4), VALUE_OK);
    ck_assert_int_eq(e4, 352000);
    ck_assert_int_eq(value_percent("35.2%", &e4), VALUE_OK);
    ck_assert_int_eq(e4, 352000);
    ck_assert_int_eq(value_percent("35.2％", &e4), VALUE_OK);
    ck_assert_int_eq(e4, 352000);
    ck_assert_int_eq(value_percent("100", &e4), VALUE_OK);
    ck_assert_int_eq(e4, 1000000);
    ck_assert_int_eq(value_percent("0", &e4), VALUE_OK);
    ck_assert_int_eq(e4, 0);
    ck_assert_int_eq(value_percent("100.01", &e4), VALUE_RANGE);
    ck_assert_int_eq(value_percent("-1", &e4), VALUE_RANGE);
    ck_assert_int_eq(value_percent("12.00001", &e4), VALUE_PRECISION);
    ck_assert_int_eq(value_percent("三成", &e4), VALUE_SYNTAX);
    ck_assert_int_eq(value_percent("", &e4), VALUE_EMPTY);
}
END_TEST

START_TEST(counts)
{
    int n = -1;
    ck_assert_int_eq(value_count("3", &n), VALUE_OK);
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(value_count("１２", &n), VALUE_OK);
    ck_assert_int_eq(n, 12);
    ck_assert_int_eq(value_count(" 0 ", &n), VALUE_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(value_count("-1", &n), VALUE_NEGATIVE);
    ck_assert_int_eq(value_count("1.5", &n), VALUE_SYNTAX);
    ck_assert_int_eq(value_count("两个", &n), VALUE_SYNTAX);
    ck_assert_int_eq(value_count("99999999", &n), VALUE_RANGE);
    ck_assert_int_eq(value_count("", &n), VALUE_EMPTY);
}
END_TEST

static bool yes_no(const char *text)
{
    bool b = !false;
    ck_assert_int_eq(value_yes_no(text, &b), VALUE_OK);
    return b;
}

START_TEST(yes_and_no)
{
    ck_assert(yes_no("是") && !yes_no("否"));
    ck_assert(yes_no("Y") && !yes_no("N"));
    ck_assert(yes_no("yes") && !yes_no("No"));
    ck_assert(yes_no("TRUE") && !yes_no("false"));
    ck_assert(yes_no("1") && !yes_no("0"));
    ck_assert(yes_no("√") && !yes_no("×"));
    ck_assert(yes_no("Ｙ"));
    bool b = true;
    ck_assert_int_eq(value_yes_no("", &b), VALUE_EMPTY);
    ck_assert(!b);
    ck_assert_int_eq(value_yes_no("也许", &b), VALUE_SYNTAX);
}
END_TEST

START_TEST(dates_and_periods)
{
    date d = 0;
    ck_assert_int_eq(value_date("2015-09-30", &d), VALUE_OK);
    ck_assert_int_eq(d, 20150930);
    ck_assert_int_eq(value_date("2015/9/30", &d), VALUE_OK);
    ck_assert_int_eq(d, 20150930);
    ck_assert_int_eq(value_date("2015年9月30日", &d), VALUE_OK);
    ck_assert_int_eq(d, 20150930);
    ck_assert_int_eq(value_date("'20150930", &d), VALUE_OK);
    ck_assert_int_eq(d, 20150930);
    ck_assert_int_eq(value_date("2015-02-30", &d), VALUE_SYNTAX);
    ck_assert_int_eq(value_date(" ", &d), VALUE_EMPTY);
    period p = {0};
    ck_assert_int_eq(value_period("2015年1-9月", &p), VALUE_OK);
    ck_assert(p.year == 2015 && p.month == 9 && p.quarter == 0);
    ck_assert_int_eq(value_period("2015-Q3", &p), VALUE_OK);
    ck_assert(p.year == 2015 && p.month == 0 && p.quarter == 3);
    ck_assert_int_eq(value_period("九月", &p), VALUE_SYNTAX);
    ck_assert_int_eq(value_period("", &p), VALUE_EMPTY);
}
END_TEST

/* Every form of inputs.md §2.5's dates and periods, one assertion each. */
START_TEST(every_date_and_period_form)
{
    static const char *const dates[] = {"2015-09-30", "2015/9/30", "2015.9.30", "20150930",
                                        "2015年9月30日", "２０１５年９月３０日", "2015/9/30 0:00"};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        date d = 0;
        ck_assert_msg(value_date(dates[i], &d) == VALUE_OK && d == 20150930, "%s", dates[i]);
    }
    static const char *const months[] = {"2015-09", "2015/9", "2015.09", "201509", "2015年9月",
                                         "2015年1-9月", "2015年1—9月", " 2015-09 "};
    for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
        period p = {0};
        ck_assert_msg(value_period(months[i], &p) == VALUE_OK && p.year == 2015 && p.month == 9 &&
                      p.quarter == 0, "%s", months[i]);
    }
    static const char *const quarters[] = {"2015-Q3", "2015年第三季度", "2015年第3季度"};
    for (size_t i = 0; i < sizeof quarters / sizeof *quarters; i++) {
        period p = {0};
        ck_assert_msg(value_period(quarters[i], &p) == VALUE_OK && p.year == 2015 && p.month == 0 &&
                      p.quarter == 3, "%s", quarters[i]);
    }
    date d;
    ck_assert_int_eq(value_date("2015/13/1", &d), VALUE_SYNTAX);
    period p;
    ck_assert_int_eq(value_period("2015-13", &p), VALUE_SYNTAX);
}
END_TEST

START_TEST(states_and_grades)
{
    project_status status = STATUS_NONE;
    ck_assert_int_eq(value_project_status("在建", &status), VALUE_OK);
    ck_assert_int_eq(status, STATUS_BUILDING);
    ck_assert_int_eq(value_project_status("已投产", &status), VALUE_OK);
    ck_assert_int_eq(status, STATUS_PRODUCING);
    ck_assert_int_eq(value_project_status("停工", &status), VALUE_SYNTAX);
    ck_assert_int_eq(value_project_status("", &status), VALUE_EMPTY);
    leading_grade grade = LEADING_NONE;
    ck_assert_int_eq(value_leading_grade("优秀", &grade), VALUE_OK);
    ck_assert_int_eq(grade, LEADING_GOOD);
    ck_assert_int_eq(value_leading_grade("一般", &grade), VALUE_OK);
    ck_assert_int_eq(grade, LEADING_FAIR);
    ck_assert_int_eq(value_leading_grade("较差", &grade), VALUE_OK);
    ck_assert_int_eq(grade, LEADING_POOR);
    ck_assert_int_eq(value_leading_grade("还行", &grade), VALUE_SYNTAX);
}
END_TEST

START_TEST(names_and_text)
{
    char name[64];
    ck_assert_int_eq(value_name(" 柳\xe3\x80\x80市 镇 ", name, sizeof name), VALUE_OK);
    ck_assert_str_eq(name, "柳市镇");
    ck_assert_int_eq(value_name("\xe3\x80\x80", name, sizeof name), VALUE_EMPTY);
    const char *start = NULL;
    size_t length = 0;
    ck_assert_int_eq(value_text("\xe3\x80\x80 土地 指标未落实 \n", &start, &length), VALUE_OK);
    ck_assert_int_eq(length, strlen("土地 指标未落实"));
    ck_assert(memcmp(start, "土地 指标未落实", length) == 0);
    ck_assert_int_eq(value_text(" \t", &start, &length), VALUE_EMPTY);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("values");
    TCase *tc = tcase_create("values");
    tcase_add_test(tc, amounts_in_every_written_form);
    tcase_add_test(tc, a_unit_in_the_cell_wins_over_the_column);
    tcase_add_test(tc, not_given_marks);
    tcase_add_test(tc, bad_amounts);
    tcase_add_test(tc, units);
    tcase_add_test(tc, percents);
    tcase_add_test(tc, counts);
    tcase_add_test(tc, yes_and_no);
    tcase_add_test(tc, dates_and_periods);
    tcase_add_test(tc, every_date_and_period_form);
    tcase_add_test(tc, states_and_grades);
    tcase_add_test(tc, names_and_text);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
