/*
 * money.h: exact amounts.  Every amount is an int64_t count of 元 from the parser to the
 * writer; no amount ever passes through a double.  Ratios of amounts are exact fractions
 * (fraction.h) until they are printed.
 */
#ifndef BULLETIN_MONEY_H
#define BULLETIN_MONEY_H

#include <stdint.h>

typedef int64_t money; /* 元 */

#define YUAN_PER_YUAN INT64_C(1)
#define YUAN_PER_WAN INT64_C(10000)
#define YUAN_PER_YI INT64_C(100000000)

typedef enum {
    MONEY_OK,
    MONEY_SYNTAX,   /* not a decimal number */
    MONEY_FRACTION, /* finer than 1 元 */
    MONEY_RANGE     /* beyond ±9.2e18 元 */
} money_status;

/* Parses an ASCII decimal number ("123", "-1.5", "1234.5678", "1.2E+05", "1.2e-3")
 * given in a unit of yuan_per_unit 元 into *out.  The whole text must be the number. */
money_status money_parse(const char *text, int64_t yuan_per_unit, money *out);

/* Writes amount in 万元 as the shortest exact decimal ("3124512.5", "0.0001", "-3").
 * buf must hold 32 bytes; returns buf. */
char *money_format_wan(money amount, char *buf);
/* Writes amount in 亿元 rounded half away from zero to `decimals` places (0..8). */
char *money_format_yi(money amount, int decimals, char *buf);

/* Adds with overflow detection: returns 0, or -1 when the sum does not fit. */
int money_add(money *sum, money amount);

#endif
