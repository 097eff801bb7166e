/*
 * fraction.h: exact rational numbers for ratios, growth rates, composites and scores.
 * Values are compared exactly and rounded only when they are printed.
 */
#ifndef BULLETIN_FRACTION_H
#define BULLETIN_FRACTION_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    __int128 num;
    __int128 den; /* always > 0 */
} fraction;

/* num/den reduced; den must not be 0. */
fraction fraction_make(__int128 num, __int128 den);
fraction fraction_from_int(int64_t value);
fraction fraction_add(fraction a, fraction b);
fraction fraction_sub(fraction a, fraction b);
fraction fraction_mul(fraction a, fraction b);
/* a / b; b must not be 0. */
fraction fraction_div(fraction a, fraction b);
/* <0, 0, >0 as a < b, a == b, a > b. */
int fraction_compare(fraction a, fraction b);
fraction fraction_min(fraction a, fraction b);
fraction fraction_max(fraction a, fraction b);

/* value × 10^decimals rounded half away from zero. */
int64_t fraction_round_scaled(fraction f, int decimals);
/* Writes the value rounded half away from zero with exactly `decimals` decimals
 * ("72.66", "-0.5", "75.0"); buf holds 48 bytes.  Returns buf. */
char *fraction_format(fraction f, int decimals, char *buf);
/* Removes the trailing zeros of a decimal's fraction, and the point when nothing is left
 * after it ("75.00" → "75", "9.40" → "9.4"); text without a point is unchanged. */
char *decimal_trim_zeros(char *text);
/* As fraction_format, then trailing zeros (and a bare point) removed ("75", "9.4"). */
char *fraction_format_short(fraction f, int decimals, char *buf);

#endif
