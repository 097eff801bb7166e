/*
 * money.c: parsing and printing of exact amounts in 元 (see money.h).  Parsing is on
 * digits and exponents only; there is no floating point anywhere in this file.
 */
#include "model/money.h"

#include "model/fraction.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_DIGITS 38

/* A decimal as digits and a power of ten: value = digits × 10^exponent. */
typedef struct {
    bool negative;
    char digits[MAX_DIGITS + 1];
    int count;
    long exponent;
} decimal;

static bool parse_exponent(const char *p, long *exponent)
{
    bool negative = false;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if (!isdigit((unsigned char)*p))
        return false;
    long value = 0;
    for (; isdigit((unsigned char)*p); p++) {
        if (value > 100000)
            return false;
        value = value * 10 + (*p - '0');
    }
    if (*p)
        return false;
    *exponent = negative ? -value : value;
    return true;
}

static money_status parse_decimal(const char *p, decimal *d)
{
    memset(d, 0, sizeof *d);
    if (*p == '+' || *p == '-')
        d->negative = *p++ == '-';
    bool seen_digit = false, seen_point = false;
    for (; *p; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        if (!isdigit((unsigned char)*p))
            break;
        seen_digit = true;
        if (d->count == 0 && *p == '0') {
            if (seen_point)
                d->exponent--;
            continue;
        }
        if (d->count == MAX_DIGITS)
            return MONEY_RANGE;
        d->digits[d->count++] = *p;
        if (seen_point)
            d->exponent--;
    }
    if (!seen_digit)
        return MONEY_SYNTAX;
    if (*p == 'e' || *p == 'E') {
        long exponent;
        if (!parse_exponent(p + 1, &exponent))
            return MONEY_SYNTAX;
        d->exponent += exponent;
    } else if (*p) {
        return MONEY_SYNTAX;
    }
    /* trailing zeros of the digits belong to the exponent */
    while (d->count > 0 && d->digits[d->count - 1] == '0') {
        d->count--;
        d->exponent++;
    }
    return MONEY_OK;
}

static int decimal_places_of(int64_t yuan_per_unit)
{
    int places = 0;
    while (yuan_per_unit > 1 && yuan_per_unit % 10 == 0) {
        yuan_per_unit /= 10;
        places++;
    }
    return yuan_per_unit == 1 ? places : -1;
}

money_status money_parse(const char *text, int64_t yuan_per_unit, money *out)
{
    decimal d;
    money_status status = parse_decimal(text, &d);
    if (status != MONEY_OK)
        return status;
    int places = decimal_places_of(yuan_per_unit);
    if (places < 0)
        return MONEY_SYNTAX;
    long exponent = d.exponent + places; /* value in 元 = digits × 10^exponent */
    if (d.count == 0) {
        *out = 0;
        return MONEY_OK;
    }
    if (exponent < 0)
        return MONEY_FRACTION;
    if (d.count + exponent > 19)
        return MONEY_RANGE;
    unsigned __int128 value = 0;
    for (int i = 0; i < d.count; i++)
        value = value * 10 + (unsigned)(d.digits[i] - '0');
    for (long i = 0; i < exponent; i++)
        value *= 10;
    if (value > (unsigned __int128)INT64_MAX)
        return MONEY_RANGE;
    *out = d.negative ? -(int64_t)value : (int64_t)value;
    return MONEY_OK;
}

/* Writes |amount| / 10^places with exactly `places` decimals into buf. */
static char *format_scaled(uint64_t magnitude, bool negative, int places, char *buf)
{
    uint64_t scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    if (places == 0)
        snprintf(buf, 32, "%s%llu", negative ? "-" : "", (unsigned long long)magnitude);
    else
        snprintf(buf, 32, "%s%llu.%0*llu", negative ? "-" : "",
                 (unsigned long long)(magnitude / scale), places,
                 (unsigned long long)(magnitude % scale));
    return buf;
}

static uint64_t magnitude_of(money amount)
{
    return amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
}

char *money_format_wan(money amount, char *buf)
{
    format_scaled(magnitude_of(amount), amount < 0 && amount != 0, 4, buf);
    return decimal_trim_zeros(buf);
}

char *money_format_yi(money amount, int decimals, char *buf)
{
    uint64_t magnitude = magnitude_of(amount);
    uint64_t divisor = 1;
    for (int i = decimals; i < 8; i++)
        divisor *= 10;
    uint64_t rounded = magnitude / divisor + (magnitude % divisor >= (divisor + 1) / 2 ? 1 : 0);
    if (divisor == 1)
        rounded = magnitude;
    return format_scaled(rounded, amount < 0 && rounded != 0, decimals, buf);
}

int money_add(money *sum, money amount)
{
    money result;
    if (__builtin_add_overflow(*sum, amount, &result))
        return -1;
    *sum = result;
    return 0;
}
