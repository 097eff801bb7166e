/*
 * linebreak.h: Chinese line breaking for the bulletin's layout (GB/T 9704 practice, 避头尾).
 * Pure and font-independent: the caller measures code points, this module says where
 * lines end and how to justify them.  Widths are layout units (doubles), never money.
 */
#ifndef BULLETIN_LINEBREAK_H
#define BULLETIN_LINEBREAK_H

#include "model/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct linebreak_line {
    size_t start, end;     /* code points [start, end) of the line, trailing spaces excluded */
    size_t next;           /* where the next line starts; [end, next) are dropped spaces */
    double natural_width;  /* sum of the advances of [start, end), the hung mark at half */
    bool hanging_half;     /* the last code point is a full-width closing mark squeezed to
                              half its advance so the line fits: draw it at half width */
    bool last;             /* last line of the paragraph: not justified */
} linebreak_line;

/*
 * Breaks cps[0..count) (advances[i] is the width of cps[i]) into lines no wider than
 * first_width (first line) and width (the others), greedily, appending one
 * linebreak_line per line to `lines` (a vec of linebreak_line, owned by the caller).
 * Returns the number of lines appended; 0 for an empty paragraph.
 *
 * Guarantees: the lines tile [0, count) in order (line k's next is line k+1's start,
 * the last line's next is count) and [end, next) holds only ASCII spaces.  Breaks fall
 * only where linebreak_allowed() says so, except when a single unbreakable unit is wider
 * than the line: then it is split between code points, filling the line; a line is
 * wider than its limit only when its one non-space code point alone is.
 * When the code point that overflows is a full-width closing mark that may end the line,
 * it is squeezed to half width if that makes it fit (hanging_half); otherwise the line
 * ends at the previous allowed break, taking the character before the mark down with it.
 * Leading spaces of the paragraph are kept as content (the indent is the caller's).
 * Linear in count in practice; allocates nothing but the pushed lines.
 */
size_t linebreak_paragraph(const uint32_t *cps, const double *advances, size_t count,
                           double first_width, double width, vec *lines);

/*
 * True when a line may end between `before` and `after`.  False before a space (a break
 * goes after a run of spaces), before a closing mark or ～·/%, before a dash (U+2014,
 * U+2015) or an ellipsis (U+2026), after an opening mark, between two characters of a
 * Latin word or number (ASCII graphic characters, full-width letters and digits),
 * after ． before a digit, and around a no-break space or before a combining mark.
 * True between Han characters and between Han and Latin or digits.
 */
bool linebreak_allowed(uint32_t before, uint32_t after);

/*
 * Extra space to add after each code point of the line but the last so that it fills
 * `width` exactly: (width - natural_width) / (end - start - 1).  0 for the last line,
 * for a line of fewer than two code points and for a line already as wide as `width`.
 */
double linebreak_justify_gap(const linebreak_line *line, double width);

/*
 * True when justification may put space between `before` and `after`: everywhere but
 * inside a Latin word or number and inside a ——/…… pair.
 */
bool linebreak_stretchable(uint32_t before, uint32_t after);

/*
 * The variant that keeps words and numbers tight: the extra space to add after each
 * cps[j], start <= j < end - 1, for which linebreak_stretchable(cps[j], cps[j + 1]) holds,
 * so that the line fills `width` exactly.  0 when linebreak_justify_gap() would be 0 or
 * the line has no such pair.  cps is the array the line was broken from.
 */
double linebreak_justify_gap_stretchable(const uint32_t *cps, const linebreak_line *line,
                                         double width);

/*
 * Spacing between Han and Latin: em / 4 between a Han ideograph and an ASCII letter or
 * digit (either order), 0 otherwise.  The layout may add it to advances before breaking.
 */
double linebreak_cjk_latin_gap(uint32_t a, uint32_t b, double em);

#endif
