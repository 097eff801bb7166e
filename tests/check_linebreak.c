/*
 * check_linebreak.c: the 避头尾 line breaker on fixed advances (1.0 for every non-ASCII
 * code point, 0.5 for ASCII): one case per rule with exact boundaries, justification,
 * and a property loop over generated paragraphs.
 */
#include "model/text.h"
#include "render/linebreak.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CPS 256

typedef struct paragraph {
    uint32_t cps[MAX_CPS];
    double advances[MAX_CPS];
    size_t count;
    vec lines; /* of linebreak_line */
    char shown[4 * MAX_CPS + MAX_CPS];
} paragraph;

static paragraph para;

static void decode(const char *text)
{
    para.count = 0;
    uint32_t cp;
    while ((cp = utf8_next(&text)) != 0) {
        ck_assert_uint_lt(para.count, MAX_CPS);
        para.cps[para.count] = cp;
        para.advances[para.count] = cp < 0x80 ? 0.5 : 1.0;
        para.count++;
    }
}

static linebreak_line *line_at(size_t index)
{
    ck_assert_uint_lt(index, para.lines.count);
    return vec_at(&para.lines, index);
}

/* Lines' contents joined by '|', dropped spaces left out. */
static const char *shown(void)
{
    char *out = para.shown;
    for (size_t k = 0; k < para.lines.count; k++) {
        linebreak_line *line = line_at(k);
        if (k)
            *out++ = '|';
        for (size_t i = line->start; i < line->end; i++)
            out += utf8_put(out, para.cps[i]);
    }
    *out = '\0';
    return para.shown;
}

static const char *broken(const char *text, double first_width, double width)
{
    decode(text);
    vec_free(&para.lines);
    size_t produced = linebreak_paragraph(para.cps, para.advances, para.count, first_width,
                                          width, &para.lines);
    ck_assert_uint_eq(produced, para.lines.count);
    return shown();
}

static void assert_line(size_t index, size_t start, size_t end, size_t next, double natural,
                        bool hanging, bool last)
{
    linebreak_line *line = line_at(index);
    ck_assert_uint_eq(line->start, start);
    ck_assert_uint_eq(line->end, end);
    ck_assert_uint_eq(line->next, next);
    ck_assert_double_eq(line->natural_width, natural);
    ck_assert_int_eq(line->hanging_half, hanging);
    ck_assert_int_eq(line->last, last);
}

static void setup(void)
{
    vec_init(&para.lines, sizeof(linebreak_line));
}

static void teardown(void)
{
    vec_free(&para.lines);
}

START_TEST(breaks_between_han)
{
    ck_assert_str_eq(broken("一二三四五六七八九十一二", 5, 5), "一二三四五|六七八九十|一二");
    assert_line(0, 0, 5, 5, 5, false, false);
    assert_line(2, 10, 12, 12, 2, false, true);
    ck_assert_str_eq(broken("一二三四五六七", 3, 5), "一二三|四五六七");
    ck_assert_str_eq(broken("", 5, 5), "");
    ck_assert_uint_eq(para.lines.count, 0);
}
END_TEST

START_TEST(closing_mark_pulls_previous_char_down)
{
    /* 。 would need 0.5 of slack to hang; the line is full, so 五 comes down with it. */
    ck_assert_str_eq(broken("一二三四五。六", 5, 5), "一二三四|五。六");
    assert_line(0, 0, 4, 4, 4, false, false);
    assert_line(1, 4, 7, 7, 3, false, true);
}
END_TEST

START_TEST(closing_mark_hangs_half_width)
{
    ck_assert_str_eq(broken("一二三四a。六", 5, 5), "一二三四a。|六");
    assert_line(0, 0, 6, 6, 5, true, false);
    assert_line(1, 6, 7, 7, 1, false, true);
    /* a space after the hung mark is dropped */
    ck_assert_str_eq(broken("一二三四a， 六", 5, 5), "一二三四a，|六");
    assert_line(0, 0, 6, 7, 5, true, false);
}
END_TEST

START_TEST(opening_mark_never_ends_a_line)
{
    ck_assert_str_eq(broken("一二三四（五）", 5, 5), "一二三四|（五）");
    assert_line(0, 0, 4, 4, 4, false, false);
}
END_TEST

START_TEST(dashes_and_ellipses_stay_whole)
{
    /* never split, never at a line start: the previous character comes down */
    ck_assert_str_eq(broken("一二三四——五", 5, 5), "一二三|四——五");
    assert_line(0, 0, 3, 3, 3, false, false);
    assert_line(1, 3, 7, 7, 4, false, true);
}
END_TEST

START_TEST(numbers_are_never_split)
{
    ck_assert_str_eq(broken("增长1085亿元", 3, 3), "增长|1085亿|元");
    assert_line(0, 0, 2, 2, 2, false, false);
    assert_line(1, 2, 7, 7, 3, false, false);
    ck_assert_str_eq(broken("比重为72.66%。", 5, 5), "比重为|72.66%。");
    assert_line(1, 3, 10, 10, 4, false, true);
}
END_TEST

START_TEST(spaces_are_dropped_at_line_ends)
{
    ck_assert_str_eq(broken("ab cd ef", 2, 2), "ab|cd|ef");
    assert_line(0, 0, 2, 3, 1, false, false);
    assert_line(1, 3, 5, 6, 1, false, false);
    assert_line(2, 6, 8, 8, 1, false, true);
    ck_assert_str_eq(broken("一二三四五 六", 5, 5), "一二三四五|六");
    assert_line(0, 0, 5, 6, 5, false, false);
    ck_assert_str_eq(broken("一二   ", 5, 5), "一二");
    assert_line(0, 0, 2, 5, 2, false, true);
    /* inner spaces count, leading ones are the caller's indent */
    ck_assert_str_eq(broken("  a b", 5, 5), "  a b");
    assert_line(0, 0, 5, 5, 2.5, false, true);
    ck_assert_str_eq(broken("   ", 5, 5), "");
    assert_line(0, 0, 0, 3, 0, false, true);
}
END_TEST

START_TEST(overlong_units_are_force_split)
{
    ck_assert_str_eq(broken("总额123456789012", 3, 3), "总额|123456|789012");
    assert_line(1, 2, 8, 8, 3, false, false);
    assert_line(2, 8, 14, 14, 3, false, true);
    /* a number with its closing mark, one unit wider than the line */
    ck_assert_str_eq(broken("72.66%。", 3, 3), "72.66%|。");
    /* a single code point wider than the line gets a line of its own */
    ck_assert_str_eq(broken("一二", 0.8, 0.8), "一|二");
    assert_line(0, 0, 1, 1, 1, false, false);
    assert_line(1, 1, 2, 2, 1, false, true);
}
END_TEST

START_TEST(justifies_full_lines)
{
    ck_assert_str_eq(broken("一二三a四五", 5, 5), "一二三a四|五");
    linebreak_line *line = line_at(0);
    ck_assert_double_eq(line->natural_width, 4.5);
    ck_assert_double_eq(linebreak_justify_gap(line, 5), 0.125);
    ck_assert_double_eq(linebreak_justify_gap(line_at(1), 5), 0);

    ck_assert_str_eq(broken("一二三四五。六", 5, 5), "一二三四|五。六");
    line = line_at(0);
    double gap = linebreak_justify_gap(line, 5);
    ck_assert_double_eq_tol(line->natural_width + 3 * gap, 5, 1e-12);
    ck_assert_double_eq_tol(gap, 1.0 / 3, 1e-15);

    /* words and numbers stay tight: gaps only at 一|1, 5|二, 二|三 */
    ck_assert_str_eq(broken("一1085二三四", 5.5, 5.5), "一1085二三|四");
    line = line_at(0);
    ck_assert_double_eq(line->natural_width, 5);
    ck_assert_double_eq_tol(linebreak_justify_gap(line, 5.5), 0.5 / 6, 1e-15);
    ck_assert_double_eq_tol(linebreak_justify_gap_stretchable(para.cps, line, 5.5), 0.5 / 3,
                            1e-15);
    /* a full line gets nothing */
    ck_assert_str_eq(broken("一二三四五六", 5, 5), "一二三四五|六");
    ck_assert_double_eq(linebreak_justify_gap(line_at(0), 5), 0);
    ck_assert_double_eq(linebreak_justify_gap_stretchable(para.cps, line_at(0), 5), 0);
}
END_TEST

/* More boundaries, by rule: text, first width, width, lines joined by '|'. */
static const struct {
    const char *text;
    double first_width, width;
    const char *lines;
} cases[] = {
    /* closing marks never start a line: the character before comes down */
    {"一二三四五，”六七", 5, 5, "一二三四|五，”六七"},
    {"一二三四五）六", 5, 5, "一二三四|五）六"},
    {"一二三四五％六", 5, 5, "一二三四|五％六"},
    {"一二三四五～六", 5, 5, "一二三四|五～六"},
    {"一二三四五·六", 5, 5, "一二三四|五·六"},
    {"一二三四五》六", 5, 5, "一二三四|五》六"},
    /* ASCII marks never hang: the word comes down */
    {"一二三四ab.", 5, 5, "一二三四|ab."},
    /* a mark cannot hang when the one after it may not start a line */
    {"一二三四a。”六", 5, 5, "一二三四|a。”六"},
    /* opening marks never end a line */
    {"一二三四《五》", 5, 5, "一二三四|《五》"},
    {"一二三四“五”", 5, 5, "一二三四|“五”"},
    {"一二三四【五", 5, 5, "一二三四|【五"},
    {"一二三四五六七八九(ab)", 5, 5, "一二三四五|六七八九|(ab)"},
    /* …… like —— */
    {"一二三四五……六", 5, 5, "一二三四|五……六"},
    {"一二三……四五", 5, 5, "一二三……|四五"},
    /* numbers stay whole; 年 may start a line after 2015 */
    {"一二三2015年", 5, 5, "一二三2015|年"},
    {"共1,085个项目", 3, 3, "共|1,085|个项目"},
    {"一二三四７２．６６", 5, 5, "一二三四|７２．６６"},
};

START_TEST(breaks_by_rule)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        ck_assert_str_eq(broken(cases[k].text, cases[k].first_width, cases[k].width),
                         cases[k].lines);
}
END_TEST

START_TEST(pairs_allowed_and_refused)
{
    ck_assert(linebreak_allowed(0x4E00, 0x4E8C));   /* 一二 */
    ck_assert(linebreak_allowed(0x4E00, 'a'));
    ck_assert(linebreak_allowed('5', 0x5E74));      /* 5年 */
    ck_assert(linebreak_allowed(0x2014, 0x4E00));   /* —一 */
    ck_assert(linebreak_allowed(' ', 'a'));
    ck_assert(linebreak_allowed(0x3002, 0x4E00));   /* 。一 */
    ck_assert(!linebreak_allowed(0x4E00, 0x3002));  /* 一。 */
    ck_assert(!linebreak_allowed(0xFF08, 0x4E00));  /* （一 */
    ck_assert(!linebreak_allowed(0x4E00, 0x2014));
    ck_assert(!linebreak_allowed(0x2026, 0x2026));
    ck_assert(!linebreak_allowed('1', '0'));
    ck_assert(!linebreak_allowed('.', '6'));
    ck_assert(!linebreak_allowed('6', '%'));
    ck_assert(!linebreak_allowed(0x4E00, 0xFF05));  /* 一％ */
    ck_assert(!linebreak_allowed('a', ' '));
    ck_assert(!linebreak_allowed(' ', ','));
    ck_assert(!linebreak_allowed('a', 0xA0));
    ck_assert(linebreak_stretchable(0x4E00, 0x3002));
    ck_assert(!linebreak_stretchable('1', '0'));
    ck_assert(!linebreak_stretchable(0x2014, 0x2014));
}
END_TEST

START_TEST(spacing_between_han_and_latin)
{
    ck_assert_double_eq(linebreak_cjk_latin_gap(0x4E00, 'a', 12), 3);
    ck_assert_double_eq(linebreak_cjk_latin_gap('7', 0x5E74, 16), 4);
    ck_assert_double_eq(linebreak_cjk_latin_gap(0x4E00, 0x4E8C, 12), 0);
    ck_assert_double_eq(linebreak_cjk_latin_gap('a', 'b', 12), 0);
    ck_assert_double_eq(linebreak_cjk_latin_gap(0x4E00, 0x3002, 12), 0);
    ck_assert_double_eq(linebreak_cjk_latin_gap(0x4E00, '%', 12), 0);
}
END_TEST

/* ---- property loop ---- */

static const char *const pieces[] = {
    "一", "二", "字", "。", "，", "、", "（", "）", "《", "》", "“", "”", "——", "……",
    "a", "b", "1", "2", ".", "%", " ", "  ", "～", "·", "％", "(", ")",
};

static uint32_t random_state = 12345;

static uint32_t random_below(uint32_t bound)
{
    random_state = random_state * 1103515245u + 12345u;
    return (random_state >> 16) % bound;
}

static bool fits(double used, double limit)
{
    return used <= limit + 1e-9 * (limit + 1);
}

/* Sum of the advances of [start, end). */
static double width_of(size_t start, size_t end)
{
    double total = 0;
    for (size_t i = start; i < end; i++)
        total += para.advances[i];
    return total;
}

static size_t trimmed(size_t start, size_t end)
{
    while (end > start && para.cps[end - 1] == ' ')
        end--;
    return end;
}

static size_t non_spaces(size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        n += para.cps[i] != ' ';
    return n;
}

static bool allowed_at(size_t index)
{
    return index >= para.count || linebreak_allowed(para.cps[index - 1], para.cps[index]);
}

static bool hangable_end(size_t start, size_t end, double limit)
{
    uint32_t mark = para.cps[end - 1];
    bool full_width_closing = mark >= 0x80 && !linebreak_allowed(0x4E00, mark)
                              && mark != 0x2014 && mark != 0x2026 && mark != 0xFF05
                              && mark != 0xFF5E && mark != 0x00B7;
    return full_width_closing && fits(width_of(start, end) - para.advances[end - 1] / 2, limit);
}

static void check_invariants(double first_width, double width)
{
    size_t expected_start = 0;
    for (size_t k = 0; k < para.lines.count; k++) {
        linebreak_line *line = line_at(k);
        double limit = k == 0 ? first_width : width;
        bool last = k + 1 == para.lines.count;
        ck_assert_uint_eq(line->start, expected_start);
        ck_assert_uint_le(line->start, line->end);
        ck_assert_uint_le(line->end, line->next);
        ck_assert_uint_gt(line->next, line->start);
        ck_assert_int_eq(line->last, last);
        for (size_t i = line->end; i < line->next; i++)
            ck_assert_uint_eq(para.cps[i], ' ');
        double natural = width_of(line->start, line->end);
        if (line->hanging_half)
            natural -= para.advances[line->end - 1] / 2;
        ck_assert_double_eq(line->natural_width, natural);
        ck_assert(fits(natural, limit) || non_spaces(line->start, line->end) == 1);
        expected_start = line->next;
        if (last)
            continue;
        /* a break where one is refused only when the whole line is one unit */
        if (!allowed_at(line->next))
            for (size_t i = line->start + 1; i < line->next; i++)
                ck_assert(!allowed_at(i));
        /* greedy: the next allowed break would not have fitted, even hanging */
        size_t further = line->next + 1;
        while (!allowed_at(further))
            further++;
        size_t end = trimmed(line->start, further);
        ck_assert(!fits(width_of(line->start, end), limit));
        ck_assert(!hangable_end(line->start, end, limit));
    }
    ck_assert_uint_eq(expected_start, para.count);
}

START_TEST(lines_tile_every_generated_paragraph)
{
    static const double widths[] = {0.5, 1, 2.5, 3, 5, 7.5, 28};
    char text[4 * MAX_CPS];
    for (int round = 0; round < 1000; round++) {
        size_t length = 0;
        size_t pieces_wanted = random_below(60);
        text[0] = '\0';
        for (size_t p = 0; p < pieces_wanted; p++) {
            const char *piece = pieces[random_below(sizeof pieces / sizeof pieces[0])];
            length += strlen(piece);
            ck_assert_uint_lt(length, sizeof text);
            strcat(text, piece);
        }
        double first = widths[random_below(7)], width = widths[random_below(7)];
        broken(text, first, width);
        check_invariants(first, width);
        /* the lines and their dropped spaces give back the paragraph */
        char joined[4 * MAX_CPS], *out = joined;
        for (size_t k = 0; k < para.lines.count; k++) {
            linebreak_line *line = line_at(k);
            for (size_t i = line->start; i < line->next; i++)
                out += utf8_put(out, para.cps[i]);
        }
        *out = '\0';
        ck_assert_str_eq(joined, text);
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("linebreak");
    TCase *tc = tcase_create("linebreak");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, breaks_between_han);
    tcase_add_test(tc, closing_mark_pulls_previous_char_down);
    tcase_add_test(tc, closing_mark_hangs_half_width);
    tcase_add_test(tc, opening_mark_never_ends_a_line);
    tcase_add_test(tc, dashes_and_ellipses_stay_whole);
    tcase_add_test(tc, numbers_are_never_split);
    tcase_add_test(tc, spaces_are_dropped_at_line_ends);
    tcase_add_test(tc, overlong_units_are_force_split);
    tcase_add_test(tc, justifies_full_lines);
    tcase_add_test(tc, breaks_by_rule);
    tcase_add_test(tc, pairs_allowed_and_refused);
    tcase_add_test(tc, spacing_between_han_and_latin);
    tcase_add_test(tc, lines_tile_every_generated_paragraph);
    tcase_set_timeout(tc, 60); /* ASan on a busy 2-core box */
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
