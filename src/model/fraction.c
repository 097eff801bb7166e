/*
 * fraction.c: exact rationals on 128-bit integers (see fraction.h).  Inputs are sums of
 * money in 元 and small counts, so numerators and denominators stay far below 2^127.
 */
#include "model/fraction.h"

#include <stdio.h>
#include <string.h>

static __int128 gcd(__int128 a, __int128 b)
{
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    while (b != 0) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

fraction fraction_make(__int128 num, __int128 den)
{
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 g = gcd(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    return (fraction){num, den};
}

fraction fraction_from_int(int64_t value)
{
    return (fraction){value, 1};
}

fraction fraction_add(fraction a, fraction b)
{
    return fraction_make(a.num * b.den + b.num * a.den, a.den * b.den);
}

fraction fraction_sub(fraction a, fraction b)
{
    return fraction_make(a.num * b.den - b.num * a.den, a.den * b.den);
}

fraction fraction_mul(fraction a, fraction b)
{
    return fraction_make(a.num * b.num, a.den * b.den);
}

fraction fraction_div(fraction a, fraction b)
{
    return fraction_make(a.num * b.den, a.den * b.num);
}

int fraction_compare(fraction a, fraction b)
{
    __int128 left = a.num * b.den, right = b.num * a.den;
    return (left > right) - (left < right);
}

fraction fraction_min(fraction a, fraction b)
{
    return fraction_compare(a, b) <= 0 ? a : b;
}

fraction fraction_max(fraction a, fraction b)
{
    return fraction_compare(a, b) >= 0 ? a : b;
}

int64_t fraction_round_scaled(fraction f, int decimals)
{
    __int128 num = f.num;
    for (int i = 0; i < decimals; i++)
        num *= 10;
    __int128 magnitude = num < 0 ? -num : num;
    __int128 rounded = (2 * magnitude + f.den) / (2 * f.den);
    return (int64_t)(num < 0 ? -rounded : rounded);
}

char *fraction_format(fraction f, int decimals, char *buf)
{
    int64_t scaled = fraction_round_scaled(f, decimals);
    uint64_t magnitude = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    const char *sign = scaled < 0 ? "-" : "";
    if (decimals == 0)
        snprintf(buf, 48, "%s%llu", sign, (unsigned long long)magnitude);
    else
        snprintf(buf, 48, "%s%llu.%0*llu", sign, (unsigned long long)(magnitude / scale),
                 decimals, (unsigned long long)(magnitude % scale));
    return buf;
}

char *decimal_trim_zeros(char *text)
{
    if (!strchr(text, '.'))
        return text;
    size_t n = strlen(text);
    while (text[n - 1] == '0')
        text[--n] = '\0';
    if (text[n - 1] == '.')
        text[--n] = '\0';
    return text;
}

char *fraction_format_short(fraction f, int decimals, char *buf)
{
    return decimal_trim_zeros(fraction_format(f, decimals, buf));
}
