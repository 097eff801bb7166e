/*
 * check_money.c: exact amounts and fractions: parsing every decimal form into 元,
 * refusing what is not exact, printing 万元 and rounded ratios.
 */
#include "testutil.h"
#include "model/fraction.h"
#include "model/money.h"

#include <check.h>
#include <stdlib.h>

static money parsed(const char *text, int64_t unit)
{
    money m = -1;
    ck_assert_int_eq(money_parse(text, unit, &m), MONEY_OK);
    return m;
}

START_TEST(parses_decimals_in_units)
{
    ck_assert_int_eq(parsed("1234.5", YUAN_PER_WAN), 12345000);
    ck_assert_int_eq(parsed("0.0001", YUAN_PER_WAN), 1);
    ck_assert_int_eq(parsed("1.2E+05", YUAN_PER_WAN), 1200000000);
    ck_assert_int_eq(parsed("1.2e-3", YUAN_PER_YI), 120000);
    ck_assert_int_eq(parsed("430", YUAN_PER_YI), 43000000000);
    ck_assert_int_eq(parsed("-3", YUAN_PER_YUAN), -3);
    ck_assert_int_eq(parsed("007.50", YUAN_PER_WAN), 75000);
    ck_assert_int_eq(parsed(".5", YUAN_PER_WAN), 5000);
    ck_assert_int_eq(parsed("0", YUAN_PER_WAN), 0);
}
END_TEST

START_TEST(refuses_inexact_and_malformed)
{
    money m;
    ck_assert_int_eq(money_parse("0.00001", YUAN_PER_WAN, &m), MONEY_FRACTION);
    ck_assert_int_eq(money_parse("12,3a", YUAN_PER_WAN, &m), MONEY_SYNTAX);
    ck_assert_int_eq(money_parse("", YUAN_PER_WAN, &m), MONEY_SYNTAX);
    ck_assert_int_eq(money_parse("1e", YUAN_PER_WAN, &m), MONEY_SYNTAX);
    ck_assert_int_eq(money_parse("1.2.3", YUAN_PER_WAN, &m), MONEY_SYNTAX);
    ck_assert_int_eq(money_parse("9e99999999", YUAN_PER_WAN, &m), MONEY_SYNTAX);
    ck_assert_int_eq(money_parse("1e20", YUAN_PER_WAN, &m), MONEY_RANGE);
    ck_assert_int_eq(money_parse("922337203685477.5808", YUAN_PER_WAN, &m), MONEY_RANGE);
}
END_TEST

START_TEST(formats_wan_and_yi)
{
    char buf[32];
    ck_assert_str_eq(money_format_wan(31245125000, buf), "3124512.5");
    ck_assert_str_eq(money_format_wan(1, buf), "0.0001");
    ck_assert_str_eq(money_format_wan(-30000, buf), "-3");
    ck_assert_str_eq(money_format_wan(0, buf), "0");
    ck_assert_str_eq(money_format_yi(31245125000, 2, buf), "312.45");
    ck_assert_str_eq(money_format_yi(31245500000, 2, buf), "312.46");
    ck_assert_str_eq(money_format_yi(-31245500000, 2, buf), "-312.46");
    ck_assert_str_eq(money_format_yi(108500000000, 0, buf), "1085");
}
END_TEST

START_TEST(fractions_round_half_away_from_zero)
{
    char buf[48];
    ck_assert_str_eq(fraction_format(fraction_make(3124512500, 43000000), 2, buf), "72.66");
    ck_assert_str_eq(fraction_format(fraction_make(1, 8), 2, buf), "0.13");
    ck_assert_str_eq(fraction_format(fraction_make(-1, 8), 2, buf), "-0.13");
    ck_assert_str_eq(fraction_format(fraction_make(75, 1), 1, buf), "75.0");
    ck_assert_str_eq(fraction_format_short(fraction_make(75, 1), 2, buf), "75");
    ck_assert_str_eq(fraction_format_short(fraction_make(47, 5), 2, buf), "9.4");
    /* equal as fractions, different as doubles */
    ck_assert_int_eq(fraction_compare(fraction_make(36, 95), fraction_make(72, 190)), 0);
    ck_assert_int_lt(fraction_compare(fraction_make(1, 3), fraction_make(34, 100)), 0);
}
END_TEST

START_TEST(money_add_at_the_limits)
{
    money sum = INT64_MAX - 1;
    ck_assert_int_eq(money_add(&sum, 1), 0);
    ck_assert_int_eq(sum, INT64_MAX);
    ck_assert_int_eq(money_add(&sum, 1), -1);
    ck_assert_int_eq(sum, INT64_MAX); /* unchanged when it does not fit */
    sum = 9000000000000000000;        /* two amounts of 9×10¹⁴ 万元 */
    ck_assert_int_eq(money_add(&sum, 9000000000000000000), -1);
    ck_assert_int_eq(sum, 9000000000000000000);
    sum = INT64_MIN;
    ck_assert_int_eq(money_add(&sum, -1), -1);
}
END_TEST

/* The 128-bit value is printed whole: a growth over a prior of 1 元 keeps its sign. */
START_TEST(fractions_print_the_whole_128_bit_range)
{
    char buf[48];
    /* (9e18 − 1) / 1 × 100 %: the old 64-bit cut after scaling by 10 wrapped negative */
    fraction growth = fraction_make((__int128)(9000000000000000000 - 1) * 100, 1);
    ck_assert_str_eq(fraction_format(growth, 1, buf), "899999999999999999900.0");
    ck_assert_str_eq(fraction_format(fraction_sub(fraction_from_int(0), growth), 2, buf),
                     "-899999999999999999900.00");
    ck_assert_str_eq(fraction_format(fraction_make(2, 3), 6, buf), "0.666667");
    ck_assert_str_eq(fraction_format(fraction_make(-1, 3), 0, buf), "0");
    ck_assert_str_eq(fraction_format(fraction_make(999, 1000), 2, buf), "1.00");
    ck_assert_str_eq(fraction_format(fraction_make(-995, 1000), 2, buf), "-1.00");
    __int128 max = (__int128)(~(unsigned __int128)0 >> 1);
    ck_assert_str_eq(fraction_format(fraction_make(max, 1), 0, buf),
                     "170141183460469231731687303715884105727");
    ck_assert_str_eq(fraction_format(fraction_make(max, 3), 4, buf),
                     "56713727820156410577229101238628035242.3333");
}
END_TEST

/* Products that do not fit are "beyond", never wrapped; comparison multiplies nothing. */
START_TEST(fractions_beyond_128_bits_are_marked)
{
    char buf[48];
    __int128 big = (__int128)INT64_MAX * 1000000007;
    fraction a = fraction_make(big, 3), b = fraction_make(big, 7);
    ck_assert(fraction_is_beyond(fraction_mul(a, b)));
    ck_assert(fraction_is_beyond(fraction_add(fraction_make(1, big), fraction_make(1, big - 2))));
    ck_assert(fraction_is_beyond(fraction_div(a, fraction_from_int(0))));
    fraction beyond = fraction_mul(a, b);
    ck_assert(fraction_is_beyond(fraction_add(beyond, fraction_from_int(1))));
    ck_assert(fraction_is_beyond(fraction_min(beyond, fraction_from_int(1))));
    ck_assert_str_eq(fraction_format(beyond, 2, buf), "—");
    /* cancelled before multiplying: fits */
    ck_assert_int_eq(fraction_compare(fraction_mul(fraction_make(big, 3), fraction_make(3, big)),
                                      fraction_from_int(1)), 0);
    /* exact comparison of values whose cross products exceed 128 bits */
    fraction x = fraction_make(big, big - 1), y = fraction_make(big + 1, big);
    ck_assert_int_gt(fraction_compare(x, y), 0);
    ck_assert_int_lt(fraction_compare(y, x), 0);
    ck_assert_int_lt(fraction_compare(fraction_sub(fraction_from_int(0), x),
                                      fraction_sub(fraction_from_int(0), y)), 0);
    ck_assert_int_eq(fraction_compare(x, x), 0);
    ck_assert_int_gt(fraction_compare(beyond, x), 0);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("money");
    TCase *tc = tcase_create("money");
    tcase_add_test(tc, parses_decimals_in_units);
    tcase_add_test(tc, refuses_inexact_and_malformed);
    tcase_add_test(tc, formats_wan_and_yi);
    tcase_add_test(tc, fractions_round_half_away_from_zero);
    tcase_add_test(tc, money_add_at_the_limits);
    tcase_add_test(tc, fractions_print_the_whole_128_bit_range);
    tcase_add_test(tc, fractions_beyond_128_bits_are_marked);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
