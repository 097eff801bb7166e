/*
 * fraction.h: exact rational numbers for ratios, growth rates, composites and scores.
 * Values are compared exactly and rounded only when they are printed.  Arithmetic never
 * overflows silently: a result whose reduced numerator or denominator does not fit in
 * 128 bits is the value "beyond" (den 0), which every operation carries on and which
 * fraction_is_beyond tells; callers that publish a value check it and refuse.
 */
#ifndef BULLETIN_FRACTION_H
#define BULLETIN_FRACTION_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    __int128 num;
    __int128 den; /* > 0; 0 only for "beyond" */
} fraction;

/* num/den reduced; den 0 (or a value that cannot be represented) gives "beyond". */
fraction fraction_make(__int128 num, __int128 den);
fraction fraction_from_int(int64_t value);
fraction fraction_add(fraction a, fraction b);
fraction fraction_sub(fraction a, fraction b);
fraction fraction_mul(fraction a, fraction b);
/* a / b; b 0 gives "beyond". */
fraction fraction_div(fraction a, fraction b);
/* True for the result of an operation that could not be represented. */
bool fraction_is_beyond(fraction f);
/* <0, 0, >0 as a < b, a == b, a > b; exact for every pair of values, without any
 * product that could overflow.  "beyond" compares above every value and equal to itself. */
int fraction_compare(fraction a, fraction b);
/* The smaller (larger) of two values; "beyond" when either is. */
fraction fraction_min(fraction a, fraction b);
fraction fraction_max(fraction a, fraction b);

/* Writes the value rounded half away from zero with exactly `decimals` decimals (0..6)
 * ("72.66", "-0.5", "75.0"), over the full 128-bit range; "beyond" is written "—".
 * buf holds 48 bytes.  Returns buf. */
char *fraction_format(fraction f, int decimals, char *buf);
/* Removes the trailing zeros of a decimal's fraction, and the point when nothing is left
 * after it ("75.00" → "75", "9.40" → "9.4"); text without a point is unchanged. */
char *decimal_trim_zeros(char *text);
/* As fraction_format, then trailing zeros (and a bare point) removed ("75", "9.4"). */
char *fraction_format_short(fraction f, int decimals, char *buf);

#endif
