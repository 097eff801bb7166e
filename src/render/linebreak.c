/*
 * linebreak.c: the 避头尾 line breaker.  Layout measures a paragraph into code points
 * and advances, calls linebreak_paragraph() for line boundaries, then draws each line
 * justified with linebreak_justify_gap*().  Greedy, one pass, backtracking only to the
 * last allowed break of the line being filled.
 */
#include "render/linebreak.h"

#include <math.h>

/* Full-width closing marks: never at a line start, may be squeezed to half width. */
static bool is_hangable(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002:                         /* 、。 */
    case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: /* ，．：； */
    case 0xFF1F: case 0xFF01: case 0xFF09:            /* ？！） */
    case 0x3009: case 0x300B: case 0x300D: case 0x300F: /* 〉》」』 */
    case 0x3011: case 0x3015: case 0x3017:            /* 】〕〗 */
    case 0xFF3D: case 0xFF5D:                         /* ］｝ */
    case 0x201D: case 0x2019:                         /* ”’ */
        return true;
    default:
        return false;
    }
}

/* Never at a line start. */
static bool is_closing(uint32_t cp)
{
    if (is_hangable(cp))
        return true;
    switch (cp) {
    case ',': case '.': case ';': case ':': case '?': case '!':
    case ')': case ']': case '}': case '%': case '/':
    case 0xFF05: case 0xFF0F: case 0xFF5E: case 0x301C: /* ％／～〜 */
    case 0x00B7: case 0x30FB:                         /* ·・ */
    case 0x3019: case 0x301B: case 0x301E: case 0x301F: /* 〙〛〞〟 */
    case 0x2030: case 0x2103: case 0x00B0:            /* ‰℃° */
    case 0x2032: case 0x2033:                         /* ′″ */
        return true;
    default:
        return false;
    }
}

/* Never at a line end. */
static bool is_opening(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{':
    case 0xFF08: case 0xFF3B: case 0xFF5B:            /* （［｛ */
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: /* 〈《「『 */
    case 0x3010: case 0x3014: case 0x3016: case 0x3018: /* 【〔〖〘 */
    case 0x301A: case 0x301D:                         /* 〚〝 */
    case 0x201C: case 0x2018:                         /* “‘ */
    case 0x00A5: case 0xFFE5: case 0x00A3: case 0x20AC: case 0xFF04: /* ¥￥£€＄ */
        return true;
    default:
        return false;
    }
}

/* Dashes and ellipses: written in pairs (——, ……) that must stay together. */
static bool is_dash(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2015 || cp == 0x2026;
}

static bool is_ascii_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static bool is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Characters of Latin words and numbers, which break only at spaces. */
static bool is_word(uint32_t cp)
{
    return (cp > ' ' && cp < 0x7F)
        || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        || (cp >= 0xFF10 && cp <= 0xFF19)
        || (cp >= 0xFF21 && cp <= 0xFF3A)
        || (cp >= 0xFF41 && cp <= 0xFF5A);
}

static bool is_combining(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x20D0 && cp <= 0x20FF)
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

/* Code points that stay glued whatever the layout: a word, a number, a ——/…… pair. */
static bool is_glued(uint32_t before, uint32_t after)
{
    if (is_word(before) && is_word(after))
        return true;
    if (before == 0xFF0E && is_digit(after))
        return true;
    if (is_dash(before) && before == after)
        return true;
    return before == 0xA0 || after == 0xA0 || is_combining(after);
}

bool linebreak_allowed(uint32_t before, uint32_t after)
{
    if (after == ' ' || is_closing(after) || is_dash(after))
        return false;
    if (before == ' ')
        return !is_combining(after) && after != 0xA0;
    if (is_opening(before))
        return false;
    return !is_glued(before, after);
}

bool linebreak_stretchable(uint32_t before, uint32_t after)
{
    return !is_glued(before, after);
}

double linebreak_cjk_latin_gap(uint32_t a, uint32_t b, double em)
{
    if ((is_han(a) && is_ascii_alnum(b)) || (is_ascii_alnum(a) && is_han(b)))
        return em / 4;
    return 0;
}

/* Comparisons tolerate rounding in the caller's sums of advances. */
static bool fits(double used, double limit)
{
    return used <= limit + 1e-9 * (fabs(limit) + 1);
}

static size_t skip_spaces(const uint32_t *cps, size_t count, size_t index)
{
    while (index < count && cps[index] == ' ')
        index++;
    return index;
}

static bool break_at(const uint32_t *cps, size_t count, size_t index)
{
    return index >= count || linebreak_allowed(cps[index - 1], cps[index]);
}

static linebreak_line make_line(size_t start, size_t end, size_t next, double natural,
                                size_t count)
{
    linebreak_line line = {start, end, next, natural, false, next >= count};
    return line;
}

/* The line starting at `start` whose code point `over` does not fit after `before`. */
static linebreak_line overflow_line(const uint32_t *cps, const double *advances, size_t count,
                                    size_t start, size_t over, double before, double limit)
{
    double half = before + advances[over] / 2;
    size_t after = skip_spaces(cps, count, over + 1);
    if (is_hangable(cps[over]) && fits(half, limit) && break_at(cps, count, after)) {
        linebreak_line line = make_line(start, over + 1, after, half, count);
        line.hanging_half = true;
        return line;
    }
    return make_line(start, over + 1, after, before + advances[over], count);
}

static linebreak_line fit_line(const uint32_t *cps, const double *advances, size_t count,
                               size_t start, double limit)
{
    double total = 0, content = 0;
    size_t content_end = start;
    bool can_break = false;
    linebreak_line at_break = {0};

    for (size_t i = start; i < count; i++) {
        if (i > start && break_at(cps, count, i)) {
            can_break = true;
            at_break = make_line(start, content_end, i, content, count);
        }
        if (cps[i] == ' ') {
            total += advances[i];
            continue;
        }
        if (!fits(total + advances[i], limit)) {
            linebreak_line hung = overflow_line(cps, advances, count, start, i, total, limit);
            if (hung.hanging_half)
                return hung;
            if (can_break)
                return at_break;
            if (content_end > start)   /* an unbreakable unit wider than the line */
                return make_line(start, content_end, i, content, count);
            return hung;               /* one code point wider than the line */
        }
        total += advances[i];
        content = total;
        content_end = i + 1;
    }
    return make_line(start, content_end, count, content, count);
}

size_t linebreak_paragraph(const uint32_t *cps, const double *advances, size_t count,
                           double first_width, double width, vec *lines)
{
    size_t produced = 0;
    size_t start = 0;
    while (start < count) {
        linebreak_line line = fit_line(cps, advances, count, start,
                                       produced == 0 ? first_width : width);
        *(linebreak_line *)vec_push(lines) = line;
        produced++;
        start = line.next;
    }
    return produced;
}

double linebreak_justify_gap(const linebreak_line *line, double width)
{
    size_t length = line->end - line->start;
    if (line->last || length < 2 || line->natural_width >= width)
        return 0;
    return (width - line->natural_width) / (double)(length - 1);
}

double linebreak_justify_gap_stretchable(const uint32_t *cps, const linebreak_line *line,
                                         double width)
{
    if (linebreak_justify_gap(line, width) == 0)
        return 0;
    size_t gaps = 0;
    for (size_t j = line->start; j + 1 < line->end; j++)
        if (linebreak_stretchable(cps[j], cps[j + 1]))
            gaps++;
    return gaps ? (width - line->natural_width) / (double)gaps : 0;
}
