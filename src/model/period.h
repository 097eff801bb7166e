/*
 * period.h: report periods (a month or a quarter) and calendar dates, with the parsers
 * for every form that offices write them in (inputs.md §2.5).
 */
#ifndef BULLETIN_PERIOD_H
#define BULLETIN_PERIOD_H

#include <stdbool.h>

/* A month (quarter == 0) or a quarter (month == 0) of a year. */
typedef struct period {
    int year;
    int month;   /* 1..12, or 0 for a quarter */
    int quarter; /* 1..4, or 0 for a month */
} period;

/* A calendar date as yyyymmdd (20150930); 0 means "no date".  Compares as an integer. */
typedef int date;

/* Parses 2015-09, 2015/9, 2015.09, 201509, 2015年9月, 2015年1-9月 (= 2015-09), 2015-Q3,
 * 2015年第三季度 (also 第3季度, 三季度), with full-width digits and surrounding space. */
bool period_parse(const char *text, period *out);
/* Writes "2015-09" or "2015-Q3" into buf (16 bytes); returns buf. */
char *period_format(period p, char *buf);
bool period_equal(period a, period b);
/* The quarter that contains a monthly period. */
period period_quarter_of(period month);
/* The last month of a quarter, or the month itself. */
period period_last_month(period p);
/* The month before p (p monthly). */
period period_previous_month(period p);

/* Parses 2015-09-30, 2015/9/30, 2015.9.30, 20150930, 2015年9月30日 (also with a time of
 * day after a space, as Excel writes "2015/9/30 0:00"); checks the calendar. */
bool date_parse(const char *text, date *out);
/* Writes "2015-09-30" into buf (16 bytes); returns buf. */
char *date_format(date d, char *buf);
bool date_valid(int year, int month, int day);
date date_make(int year, int month, int day);
/* The date `days` days after d (days >= 0). */
date date_add_days(date d, int days);
/* The number of days from `from` to `to` (negative when to is earlier); both valid. */
long date_days_between(date from, date to);
/* The day after the period ends (the first of the next month). */
date period_end_next_day(period p);

#endif
