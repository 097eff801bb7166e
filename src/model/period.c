/*
 * period.c: parsing and arithmetic of periods and dates (see period.h).  Input is folded
 * to half-width first, then read by small hand-written scanners.
 */
#include "model/period.h"

#include "model/text.h"

#include <stdio.h>
#include <string.h>

/* Reads up to max_digits ASCII digits at *p into *value; returns the count read. */
static int read_number(const char **p, int max_digits, int *value)
{
    int count = 0;
    *value = 0;
    while (count < max_digits && **p >= '0' && **p <= '9') {
        *value = *value * 10 + (**p - '0');
        (*p)++;
        count++;
    }
    return count;
}

static bool skip(const char **p, const char *token)
{
    size_t n = strlen(token);
    if (strncmp(*p, token, n) != 0)
        return false;
    *p += n;
    return true;
}

static bool skip_separator(const char **p)
{
    return skip(p, "-") || skip(p, "/") || skip(p, ".");
}

static bool skip_range_mark(const char **p)
{
    return skip(p, "-") || skip(p, "—") || skip(p, "－") || skip(p, "~") || skip(p, "～") ||
           skip(p, "至") || skip(p, "到");
}

static bool make_month(int year, int month, period *out)
{
    if (year < 1900 || year > 2999 || month < 1 || month > 12)
        return false;
    *out = (period){year, month, 0};
    return true;
}

static bool make_quarter(int year, int quarter, period *out)
{
    if (year < 1900 || year > 2999 || quarter < 1 || quarter > 4)
        return false;
    *out = (period){year, 0, quarter};
    return true;
}

static int chinese_quarter_number(const char **p)
{
    static const char *const numerals[] = {"一", "二", "三", "四"};
    for (int i = 0; i < 4; i++)
        if (skip(p, numerals[i]))
            return i + 1;
    int value;
    if (read_number(p, 1, &value) == 1)
        return value;
    return 0;
}

/* 2015年9月, 2015年1-9月, 2015年第三季度, 2015年三季度 after "2015年". */
static bool parse_chinese_rest(const char *p, int year, period *out)
{
    if (skip(&p, "第") || strstr(p, "季")) {
        int quarter = chinese_quarter_number(&p);
        if (!(skip(&p, "季度") || skip(&p, "季")))
            return false;
        return *p == '\0' && make_quarter(year, quarter, out);
    }
    int month;
    if (read_number(&p, 2, &month) == 0)
        return false;
    if (skip_range_mark(&p)) {
        int first = month;
        if (read_number(&p, 2, &month) == 0 || first != 1)
            return false;
    }
    if (!skip(&p, "月") && !skip(&p, "份"))
        return false;
    skip(&p, "份");
    return *p == '\0' && make_month(year, month, out);
}

bool period_parse(const char *text, period *out)
{
    char buf[128];
    text_squeeze(text, buf, sizeof buf);
    const char *p = buf;
    int year, value;
    int digits = read_number(&p, 6, &year);
    if (digits == 6 && *p == '\0')
        return make_month(year / 100, year % 100, out);
    if (digits != 4)
        return false;
    if (skip(&p, "年"))
        return parse_chinese_rest(p, year, out);
    if (!skip_separator(&p))
        return false;
    if (*p == 'Q' || *p == 'q') {
        p++;
        return read_number(&p, 1, &value) == 1 && *p == '\0' && make_quarter(year, value, out);
    }
    return read_number(&p, 2, &value) > 0 && *p == '\0' && make_month(year, value, out);
}

char *period_format(period p, char *buf)
{
    if (p.quarter)
        snprintf(buf, 16, "%04d-Q%d", p.year % 10000, p.quarter % 10);
    else
        snprintf(buf, 16, "%04d-%02d", p.year % 10000, p.month % 100);
    return buf;
}

bool period_equal(period a, period b)
{
    return a.year == b.year && a.month == b.month && a.quarter == b.quarter;
}

period period_quarter_of(period month)
{
    if (month.quarter)
        return month;
    return (period){month.year, 0, (month.month + 2) / 3};
}

period period_last_month(period p)
{
    if (!p.quarter)
        return p;
    return (period){p.year, p.quarter * 3, 0};
}

period period_previous_month(period p)
{
    if (p.month == 1)
        return (period){p.year - 1, 12, 0};
    return (period){p.year, p.month - 1, 0};
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool date_valid(int year, int month, int day)
{
    return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

date date_make(int year, int month, int day)
{
    return year * 10000 + month * 100 + day;
}

static bool finish_date(int year, int month, int day, date *out)
{
    if (!date_valid(year, month, day))
        return false;
    *out = date_make(year, month, day);
    return true;
}

/* Drops a trailing time of day ("2015/9/30 0:00", "2015-09-30T00:00:00"). */
static void drop_time(char *buf)
{
    char *cut = strpbrk(buf, " T");
    if (cut && strchr(cut, ':'))
        *cut = '\0';
}

bool date_parse(const char *text, date *out)
{
    char trimmed[128], buf[128];
    text_trim_fold(text, trimmed, sizeof trimmed);
    drop_time(trimmed);
    text_squeeze(trimmed, buf, sizeof buf);
    const char *p = buf;
    int year, month, day;
    int digits = read_number(&p, 8, &year);
    if (digits == 8 && *p == '\0')
        return finish_date(year / 10000, year / 100 % 100, year % 100, out);
    if (digits != 4)
        return false;
    if (skip(&p, "年")) {
        if (read_number(&p, 2, &month) == 0 || !skip(&p, "月"))
            return false;
        if (read_number(&p, 2, &day) == 0 || !(skip(&p, "日") || skip(&p, "号")))
            return false;
        return *p == '\0' && finish_date(year, month, day, out);
    }
    char separator = *p;
    if (!skip_separator(&p) || read_number(&p, 2, &month) == 0 || *p != separator)
        return false;
    p++;
    if (read_number(&p, 2, &day) == 0 || *p != '\0')
        return false;
    return finish_date(year, month, day, out);
}

char *date_format(date d, char *buf)
{
    snprintf(buf, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
    return buf;
}

date date_add_days(date d, int days)
{
    int year = d / 10000, month = d / 100 % 100, day = d % 100;
    while (days-- > 0) {
        if (++day > days_in_month(year, month)) {
            day = 1;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
    }
    return date_make(year, month, day);
}

/* Days since 1970-01-01 of a valid date (the civil-from-days inverse, proleptic
 * Gregorian calendar). */
static long days_since_epoch(date d)
{
    long year = d / 10000, month = d / 100 % 100, day = d % 100;
    year -= month <= 2;
    long era = (year >= 0 ? year : year - 399) / 400;
    long year_of_era = year - era * 400;
    long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

long date_days_between(date from, date to)
{
    return days_since_epoch(to) - days_since_epoch(from);
}

date period_end_next_day(period p)
{
    period last = period_last_month(p);
    if (last.month == 12)
        return date_make(last.year + 1, 1, 1);
    return date_make(last.year, last.month + 1, 1);
}
