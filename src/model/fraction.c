/*
 * fraction.c: exact rationals on 128-bit integers (see fraction.h).  Products are
 * checked and common factors cancelled before multiplying, so that no value that can be
 * represented is lost on the way; comparison walks the continued fractions of both sides
 * and multiplies nothing.
 */
#include "model/fraction.h"

#include <stdio.h>
#include <string.h>

#define INT128_MAX_VALUE ((__int128)(~(unsigned __int128)0 >> 1))

static const fraction beyond = {0, 0};

static unsigned __int128 magnitude(__int128 v)
{
    return v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
}

static unsigned __int128 gcd(unsigned __int128 a, unsigned __int128 b)
{
    while (b != 0) {
        unsigned __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

bool fraction_is_beyond(fraction f)
{
    return f.den <= 0;
}

fraction fraction_make(__int128 num, __int128 den)
{
    if (den == 0)
        return beyond;
    bool negative = (num < 0) != (den < 0);
    unsigned __int128 n = magnitude(num), d = magnitude(den);
    unsigned __int128 g = gcd(n, d);
    n /= g;
    d /= g;
    if (n > (unsigned __int128)INT128_MAX_VALUE || d > (unsigned __int128)INT128_MAX_VALUE)
        return beyond;
    __int128 signed_n = (__int128)n;
    return (fraction){negative ? -signed_n : signed_n, (__int128)d};
}

fraction fraction_from_int(int64_t value)
{
    return (fraction){value, 1};
}

/* a·b/c·d with factors cancelled across: the product of two reduced fractions. */
static fraction product(__int128 a, __int128 d_of_a, __int128 b, __int128 d_of_b)
{
    __int128 g1 = (__int128)gcd(magnitude(a), magnitude(d_of_b));
    __int128 g2 = (__int128)gcd(magnitude(b), magnitude(d_of_a));
    if (g1 == 0)
        g1 = 1;
    if (g2 == 0)
        g2 = 1;
    __int128 num, den;
    if (__builtin_mul_overflow(a / g1, b / g2, &num) ||
        __builtin_mul_overflow(d_of_a / g2, d_of_b / g1, &den))
        return beyond;
    return fraction_make(num, den);
}

fraction fraction_add(fraction a, fraction b)
{
    if (fraction_is_beyond(a) || fraction_is_beyond(b))
        return beyond;
    __int128 g = (__int128)gcd((unsigned __int128)a.den, (unsigned __int128)b.den);
    __int128 left, right, num, den;
    if (__builtin_mul_overflow(a.num, b.den / g, &left) ||
        __builtin_mul_overflow(b.num, a.den / g, &right) ||
        __builtin_add_overflow(left, right, &num) ||
        __builtin_mul_overflow(a.den / g, b.den, &den))
        return beyond;
    return fraction_make(num, den);
}

fraction fraction_sub(fraction a, fraction b)
{
    if (fraction_is_beyond(b))
        return beyond;
    return fraction_add(a, (fraction){-b.num, b.den});
}

fraction fraction_mul(fraction a, fraction b)
{
    if (fraction_is_beyond(a) || fraction_is_beyond(b))
        return beyond;
    return product(a.num, a.den, b.num, b.den);
}

fraction fraction_div(fraction a, fraction b)
{
    if (fraction_is_beyond(a) || fraction_is_beyond(b) || b.num == 0)
        return beyond;
    __int128 num = b.num < 0 ? -b.den : b.den;
    __int128 den = b.num < 0 ? -b.num : b.num;
    return product(a.num, a.den, num, den);
}

/* n/d (d > 0) as floor and remainder: n = q·d + r, 0 <= r < d. */
static void floor_divide(__int128 n, __int128 d, __int128 *q, __int128 *r)
{
    *q = n / d;
    *r = n % d;
    if (*r < 0) {
        *r += d;
        (*q)--;
    }
}

/* Compares a/b with c/d (b, d > 0) by their continued fractions. */
static int compare_exact(__int128 a, __int128 b, __int128 c, __int128 d)
{
    int sign = 1;
    for (;;) {
        __int128 q1, r1, q2, r2;
        floor_divide(a, b, &q1, &r1);
        floor_divide(c, d, &q2, &r2);
        if (q1 != q2)
            return sign * (q1 < q2 ? -1 : 1);
        if (r1 == 0 || r2 == 0)
            return sign * ((r1 > 0) - (r2 > 0));
        /* r1/b vs r2/d, both in (0, 1): the larger has the smaller inverse */
        __int128 next_a = b, next_b = r1, next_c = d, next_d = r2;
        a = next_a;
        b = next_b;
        c = next_c;
        d = next_d;
        sign = -sign;
    }
}

int fraction_compare(fraction a, fraction b)
{
    bool a_beyond = fraction_is_beyond(a), b_beyond = fraction_is_beyond(b);
    if (a_beyond || b_beyond)
        return a_beyond - b_beyond;
    return compare_exact(a.num, a.den, b.num, b.den);
}

fraction fraction_min(fraction a, fraction b)
{
    if (fraction_is_beyond(a) || fraction_is_beyond(b))
        return beyond;
    return fraction_compare(a, b) <= 0 ? a : b;
}

fraction fraction_max(fraction a, fraction b)
{
    if (fraction_is_beyond(a) || fraction_is_beyond(b))
        return beyond;
    return fraction_compare(a, b) >= 0 ? a : b;
}

/* Writes v in decimal at the end of the buffer that ends at end; returns its start. */
static char *write_digits(unsigned __int128 v, char *end)
{
    *--end = '\0';
    do {
        *--end = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    return end;
}

/* floor(r·10/d) and the new remainder, for 0 <= r < d, by adding r ten times (each
 * partial sum stays below 2d, which fits unsigned). */
static int next_digit(unsigned __int128 *r, unsigned __int128 d)
{
    unsigned __int128 sum = 0, step = *r;
    int digit = 0;
    for (int i = 0; i < 10; i++) {
        sum += step;
        if (sum >= d) {
            sum -= d;
            digit++;
        }
    }
    *r = sum;
    return digit;
}

char *fraction_format(fraction f, int decimals, char *buf)
{
    if (fraction_is_beyond(f)) {
        strcpy(buf, "—");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    unsigned __int128 d = (unsigned __int128)f.den, n = magnitude(f.num);
    unsigned __int128 whole = n / d, r = n % d;
    char fraction_digits[8];
    for (int i = 0; i < decimals; i++)
        fraction_digits[i] = (char)('0' + next_digit(&r, d));
    /* half away from zero: the rest r/d compared with 1/2 */
    bool up = r >= d - r;
    for (int i = decimals - 1; up && i >= 0; i--) {
        up = fraction_digits[i] == '9';
        fraction_digits[i] = up ? '0' : (char)(fraction_digits[i] + 1);
    }
    if (up)
        whole++; /* n < 2^127, so whole + 1 fits */
    bool zero = whole == 0;
    for (int i = 0; i < decimals; i++)
        zero = zero && fraction_digits[i] == '0';
    char digits[48];
    const char *integer = write_digits(whole, digits + sizeof digits);
    snprintf(buf, 48, "%s%s%s%.*s", f.num < 0 && !zero ? "-" : "", integer,
             decimals > 0 ? "." : "", decimals, fraction_digits);
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
