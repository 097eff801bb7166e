/*
 * layout.c: flows paragraphs, lines, rules and tables onto the canvas's pages (see
 * layout.h).  Measuring is done with the font set's advances, breaking with linebreak.c.
 */
#include "render/layout.h"

#include "model/text.h"
#include "render/linebreak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmyk black = {0, 0, 0, 1};

void layout_init(layout *l, canvas *c, const layout_geometry *geometry)
{
    memset(l, 0, sizeof *l);
    l->canvas = c;
    l->geometry = *geometry;
}

static double text_top(const layout *l)
{
    return l->geometry.page_height - l->geometry.top;
}

static double text_bottom(const layout *l)
{
    return text_top(l) - l->geometry.height;
}

static void place_headings(layout *l, double needed);

void layout_new_page(layout *l)
{
    place_headings(l, 0);
    l->page = canvas_add_page(l->canvas);
    l->y = text_top(l);
    l->started = true;
}

void layout_ensure(layout *l, double height)
{
    place_headings(l, height);
    if (!l->started || l->y - height < text_bottom(l) - 0.01)
        layout_new_page(l);
}

void layout_space(layout *l, double height)
{
    place_headings(l, height);
    if (!l->started)
        layout_new_page(l);
    l->y -= height;
    if (l->y < text_bottom(l))
        layout_new_page(l);
}

/* The baseline of a line box whose top is `top`: the CJK body centred in the box. */
static double baseline_in(double top, double leading, double size)
{
    return top - leading / 2 - 0.35 * size;
}

/* A paragraph's code points and their advances (points) in a style. */
typedef struct measured_text {
    uint32_t *cps;
    double *advances;
    size_t count;
} measured_text;

static void measure(const layout *l, const layout_style *style, const char *utf8, measured_text *m)
{
    size_t capacity = strlen(utf8) + 1;
    m->cps = malloc(capacity * sizeof *m->cps);
    m->advances = malloc(capacity * sizeof *m->advances);
    if (!m->cps || !m->advances)
        die_oom();
    m->count = 0;
    uint32_t cp;
    while ((cp = utf8_next(&utf8)) != 0) {
        if (cp == '\n' || cp == '\r' || cp == '\t')
            cp = ' ';
        int face = fontset_face_for(l->canvas->fonts, style->role, cp);
        m->cps[m->count] = cp;
        m->advances[m->count] =
            face < 0 ? 0
                     : fontset_advance(l->canvas->fonts, face, cp) * style->size / 1000.0 + style->tracking;
        m->count++;
    }
}

static void measured_free(measured_text *m)
{
    free(m->cps);
    free(m->advances);
}

/* UTF-8 of cps[start, end) into an arena string. */
static char *slice_utf8(arena *a, const uint32_t *cps, size_t start, size_t end)
{
    char *text = arena_alloc(a, (end - start) * 4 + 1);
    size_t used = 0;
    for (size_t i = start; i < end; i++)
        used += utf8_put(text + used, cps[i]);
    text[used] = '\0';
    return text;
}

/* Draws cps[start, end) at x, each character followed by `gap`; returns the pen's advance. */
static double draw_run(layout *l, const layout_style *style, const measured_text *m, size_t start,
                       size_t end, double x, double baseline, double gap)
{
    const char *text = slice_utf8(l->canvas->memory, m->cps, start, end);
    return canvas_text(l->canvas, l->page, style->role, x, baseline, style->size, gap + style->tracking, style->color,
                       style->bold, text);
}

/* A justified line is drawn in runs of equal spacing: the justification gap goes only
 * where linebreak_stretchable allows it, never inside a number or a ——. */
static void draw_broken_line(layout *l, const layout_style *style, const measured_text *m,
                             const linebreak_line *line, double x, double width, bool justify)
{
    double baseline = baseline_in(l->y, style->leading, style->size);
    double gap = 0;
    if (justify && !line->last && line->end - line->start > 1)
        gap = linebreak_justify_gap_stretchable(m->cps, line, width);
    if (gap <= 0) {
        draw_run(l, style, m, line->start, line->end, x, baseline, 0);
        return;
    }
    size_t run_start = line->start;
    for (size_t i = line->start; i < line->end; i++) {
        bool last = i + 1 == line->end;
        double after = !last && linebreak_stretchable(m->cps[i], m->cps[i + 1]) ? gap : 0;
        double next_after = 0;
        if (i + 2 <= line->end - 1 && linebreak_stretchable(m->cps[i + 1], m->cps[i + 2]))
            next_after = gap;
        if (last || after != next_after) {
            x += draw_run(l, style, m, run_start, i + 1, x, baseline, after);
            run_start = i + 1;
        }
    }
}

/* The line of a paragraph before which the page breaks (count when it fits): never after
 * its first line alone (an orphan) nor before its last line alone (a widow). */
static size_t first_page_break(layout *l, double leading, size_t count)
{
    if (!l->started)
        layout_new_page(l);
    double room = (l->y - text_bottom(l) + 0.01) / leading;
    size_t fitting = room < 0 ? 0 : (size_t)room;
    if (count <= fitting)
        return count;
    if (fitting + 1 == count && fitting >= 3)
        return fitting - 1; /* keep the last two lines together */
    if (fitting < 2 || fitting + 1 == count)
        return 0; /* the whole paragraph moves to the next page */
    return fitting;
}

/* The fewest lines of a paragraph of count lines that first_page_break leaves at a page's
 * foot: all of up to three (two and a widow move together), else two. */
static size_t first_lines(size_t count)
{
    return count <= 3 ? count : 2;
}

void layout_paragraph(layout *l, const layout_style *style, const char *utf8, double first_indent,
                      bool justify)
{
    measured_text m;
    measure(l, style, utf8, &m);
    vec lines;
    vec_init(&lines, sizeof(linebreak_line));
    double width = l->geometry.width;
    linebreak_paragraph(m.cps, m.advances, m.count, width - first_indent, width, &lines);
    place_headings(l, (double)first_lines(lines.count) * style->leading);
    size_t page_break = first_page_break(l, style->leading, lines.count);
    for (size_t i = 0; i < lines.count; i++) {
        if (i == page_break)
            layout_new_page(l);
        const linebreak_line *line = vec_at(&lines, i);
        double indent = i == 0 ? first_indent : 0;
        draw_broken_line(l, style, &m, line, l->geometry.left + indent, width - indent, justify);
        l->y -= style->leading;
        if (i + 1 < lines.count && i + 1 != page_break)
            layout_ensure(l, style->leading);
    }
    vec_free(&lines);
    measured_free(&m);
}

size_t layout_paragraph_lines(layout *l, const layout_style *style, const char *utf8,
                              double first_indent)
{
    measured_text m;
    measure(l, style, utf8, &m);
    vec lines;
    vec_init(&lines, sizeof(linebreak_line));
    size_t count = linebreak_paragraph(m.cps, m.advances, m.count, l->geometry.width - first_indent,
                                       l->geometry.width, &lines);
    vec_free(&lines);
    measured_free(&m);
    return count;
}

int layout_centered_lines(layout *l, size_t page, const layout_style *style, double center,
                          double baseline, double width, const char *utf8)
{
    measured_text m;
    measure(l, style, utf8, &m);
    vec lines;
    vec_init(&lines, sizeof(linebreak_line));
    linebreak_paragraph(m.cps, m.advances, m.count, width, width, &lines);
    for (size_t i = 0; i < lines.count; i++) {
        const linebreak_line *line = vec_at(&lines, i);
        const char *text = slice_utf8(l->canvas->memory, m.cps, line->start, line->end);
        canvas_text(l->canvas, page, style->role, center - line->natural_width / 2,
                    baseline - (double)i * style->leading, style->size, style->tracking,
                    style->color, false, text);
    }
    int count = (int)lines.count;
    vec_free(&lines);
    measured_free(&m);
    return count;
}

/* The headings waiting (layout_heading), drawn where they keep at least two lines of
 * their own below each (as a heading always has) and, when the page can hold it at all,
 * the needed points of what follows. */
static void place_headings(layout *l, double needed)
{
    size_t count = l->heading_count;
    if (count == 0)
        return;
    layout_heading_text waiting[LAYOUT_HEADINGS];
    memcpy(waiting, l->headings, count * sizeof *waiting);
    l->heading_count = 0;
    double above = 0, keep = 0;
    for (size_t i = 0; i < count; i++) {
        double own = above + 3 * waiting[i].style.leading;
        keep = own > keep ? own : keep;
        above += waiting[i].height;
    }
    if (above + needed > keep && above + needed <= l->geometry.height)
        keep = above + needed;
    layout_ensure(l, keep);
    for (size_t i = 0; i < count; i++) {
        if (waiting[i].bookmark)
            canvas_bookmark_add(l->canvas, waiting[i].bookmark, l->page, l->y);
        layout_paragraph(l, &waiting[i].style, waiting[i].text, waiting[i].indent, false);
    }
}

void layout_heading(layout *l, const layout_style *style, const char *utf8, double indent,
                    const char *bookmark)
{
    if (l->heading_count == LAYOUT_HEADINGS)
        place_headings(l, 0);
    double lines = (double)layout_paragraph_lines(l, style, utf8, indent);
    l->headings[l->heading_count++] =
        (layout_heading_text){*style, utf8, bookmark, indent, lines * style->leading};
}

void layout_line(layout *l, const layout_style *style, const char *utf8, layout_align align)
{
    place_headings(l, style->leading);
    layout_ensure(l, style->leading);
    double width = canvas_text_width(l->canvas, style->role, utf8, style->size);
    double x = l->geometry.left;
    if (align == ALIGN_CENTER)
        x += (l->geometry.width - width) / 2;
    else if (align == ALIGN_RIGHT)
        x += l->geometry.width - width;
    canvas_text(l->canvas, l->page, style->role, x, baseline_in(l->y, style->leading, style->size),
                style->size, 0, style->color, style->bold, utf8);
    l->y -= style->leading;
}

void layout_rule(layout *l, double width, cmyk color, double space_after)
{
    place_headings(l, width + space_after);
    layout_ensure(l, width + space_after);
    canvas_line(l->canvas, l->page, l->geometry.left, l->y, l->geometry.left + l->geometry.width,
                l->y, width, color);
    l->y -= width + space_after;
}

/* ---- tables ---- */

typedef struct cell_lines {
    measured_text text;
    vec lines; /* linebreak_line */
} cell_lines;

static double column_width(const layout *l, const layout_table *t, size_t column)
{
    double total = 0;
    for (size_t i = 0; i < t->column_count; i++)
        total += t->columns[i].weight;
    return l->geometry.width * t->columns[column].weight / total;
}

static void break_cell(const layout *l, const layout_style *style, const char *text, double width,
                       cell_lines *out)
{
    measure(l, style, text ? text : "", &out->text);
    vec_init(&out->lines, sizeof(linebreak_line));
    linebreak_paragraph(out->text.cps, out->text.advances, out->text.count, width, width,
                        &out->lines);
}

static void free_cells(cell_lines *cells, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        measured_free(&cells[i].text);
        vec_free(&cells[i].lines);
    }
}

static size_t row_lines(const layout_table *t, const cell_lines *cells);

/* Breaks one row's cells; returns the row's height. */
static double break_row(const layout *l, const layout_table *t, const layout_style *style,
                        const char *const *texts, cell_lines *cells)
{
    for (size_t c = 0; c < t->column_count; c++)
        break_cell(l, style, texts[c], column_width(l, t, c) - 2 * t->padding, &cells[c]);
    return (double)row_lines(t, cells) * style->leading + 2 * t->padding;
}

/* The lines a cell or row has. */
static size_t row_lines(const layout_table *t, const cell_lines *cells)
{
    size_t most = 1;
    for (size_t c = 0; c < t->column_count; c++)
        if (cells[c].lines.count > most)
            most = cells[c].lines.count;
    return most;
}

/* Draws lines [from, from + count) of every cell as one ruled row of the given height. */
static void draw_row_lines(layout *l, const layout_table *t, const layout_style *style,
                           cell_lines *cells, size_t from, size_t count, double height, bool header)
{
    double x = l->geometry.left, top = l->y;
    for (size_t c = 0; c < t->column_count; c++) {
        double width = column_width(l, t, c);
        layout_align align = header ? ALIGN_CENTER : t->columns[c].align;
        double line_top = top - t->padding;
        for (size_t i = from; i < cells[c].lines.count && i < from + count; i++) {
            const linebreak_line *line = vec_at(&cells[c].lines, i);
            double inner = width - 2 * t->padding;
            double offset = align == ALIGN_LEFT     ? 0
                            : align == ALIGN_CENTER ? (inner - line->natural_width) / 2
                                                    : inner - line->natural_width;
            const char *text = slice_utf8(l->canvas->memory, cells[c].text.cps, line->start, line->end);
            canvas_text(l->canvas, l->page, style->role, x + t->padding + offset,
                        baseline_in(line_top, style->leading, style->size), style->size, style->tracking,
                        style->color, style->bold, text);
            line_top -= style->leading;
        }
        canvas_line(l->canvas, l->page, x, top, x, top - height, 0.5, black);
        x += width;
    }
    canvas_line(l->canvas, l->page, x, top, x, top - height, 0.5, black);
    canvas_line(l->canvas, l->page, l->geometry.left, top, x, top, 0.5, black);
    canvas_line(l->canvas, l->page, l->geometry.left, top - height, x, top - height, 0.5, black);
    l->y -= height;
}

static void draw_row(layout *l, const layout_table *t, const layout_style *style,
                     cell_lines *cells, double height, bool header)
{
    draw_row_lines(l, t, style, cells, 0, row_lines(t, cells), height, header);
}

static double header_height(layout *l, const layout_table *t, cell_lines *cells,
                            const char **titles)
{
    for (size_t c = 0; c < t->column_count; c++)
        titles[c] = t->columns[c].title;
    return break_row(l, t, &t->header, titles, cells);
}

static void draw_header(layout *l, const layout_table *t, bool continued)
{
    cell_lines *cells = calloc(t->column_count, sizeof *cells);
    const char **titles = calloc(t->column_count, sizeof *titles);
    if (!cells || !titles)
        die_oom();
    double height = header_height(l, t, cells, titles);
    if (continued && t->continued_label)
        layout_line(l, &t->body, t->continued_label, ALIGN_LEFT);
    draw_row(l, t, &t->header, cells, height, true);
    free_cells(cells, t->column_count);
    free(cells);
    free(titles);
}

/* The height of every body row, measured once before any is drawn. */
static double *row_heights(layout *l, const layout_table *t, cell_lines *cells)
{
    double *heights = malloc((t->row_count + 1) * sizeof *heights);
    if (!heights)
        die_oom();
    for (size_t r = 0; r < t->row_count; r++) {
        heights[r] = break_row(l, t, &t->body, t->cells + r * t->column_count, cells);
        free_cells(cells, t->column_count);
    }
    return heights;
}

/* True when row r must begin a new page: it does not fit, or it would leave the table's
 * last row alone on the next page (a widow) while this page keeps two rows or more. */
static bool breaks_before(const layout *l, const layout_table *t, const double *heights,
                          size_t r, size_t rows_on_page)
{
    double bottom = text_bottom(l) - 0.01;
    if (l->y - heights[r] < bottom)
        return true;
    bool next_is_last = r + 2 == t->row_count;
    return next_is_last && rows_on_page >= 2 && l->y - heights[r] - heights[r + 1] < bottom;
}

/* A row taller than a page can hold under the header: set in parts, as many of its lines
 * as fit on each page, the header (with the continued label) repeated above each part. */
static void draw_tall_row(layout *l, const layout_table *t, cell_lines *cells)
{
    const layout_style *style = &t->body;
    size_t total = row_lines(t, cells), from = 0;
    bool fresh = false; /* just below a repeated header: at least one line goes here */
    while (from < total) {
        double room = l->y - text_bottom(l) - 2 * t->padding + 0.01;
        size_t fit = room > 0 ? (size_t)(room / style->leading) : 0;
        if (fit == 0 && fresh)
            fit = 1; /* a header taller than the page: still move on */
        if (fit == 0) {
            layout_new_page(l);
            draw_header(l, t, true);
            fresh = true;
            continue;
        }
        size_t count = fit < total - from ? fit : total - from;
        draw_row_lines(l, t, style, cells, from, count,
                       (double)count * style->leading + 2 * t->padding, false);
        from += count;
        if (from < total) {
            layout_new_page(l);
            draw_header(l, t, true);
            fresh = true;
        }
    }
}

void layout_table_draw(layout *l, const layout_table *t)
{
    cell_lines *cells = calloc(t->column_count, sizeof *cells);
    const char **titles = calloc(t->column_count, sizeof *titles);
    if (!cells || !titles)
        die_oom();
    double head = header_height(l, t, cells, titles);
    free_cells(cells, t->column_count);
    double *heights = row_heights(l, t, cells);
    double first = t->row_count ? heights[0] : 0, two_lines = 2 * t->body.leading + 2 * t->padding;
    double start = t->body.leading + head + (first < two_lines ? first : two_lines);
    place_headings(l, start);
    layout_ensure(l, start);
    if (t->unit_line)
        layout_line(l, &t->body, t->unit_line, ALIGN_RIGHT);
    draw_header(l, t, false);
    /* what a page holds below the continued label and the header */
    double page_room = l->geometry.height - head - (t->continued_label ? t->body.leading : 0);
    size_t rows_on_page = 0;
    for (size_t r = 0; r < t->row_count; r++) {
        if (heights[r] > page_room) {
            break_row(l, t, &t->body, t->cells + r * t->column_count, cells);
            draw_tall_row(l, t, cells);
            free_cells(cells, t->column_count);
            rows_on_page = 1;
            continue;
        }
        if (rows_on_page > 0 && breaks_before(l, t, heights, r, rows_on_page)) {
            layout_new_page(l);
            draw_header(l, t, true);
            rows_on_page = 0;
        }
        break_row(l, t, &t->body, t->cells + r * t->column_count, cells);
        draw_row(l, t, &t->body, cells, heights[r], false);
        free_cells(cells, t->column_count);
        rows_on_page++;
    }
    free(heights);
    free(cells);
    free(titles);
}

void layout_page_numbers(layout *l, const layout_style *style)
{
    place_headings(l, 0);
    size_t pages = l->canvas->pages.count;
    double baseline = text_bottom(l) - l->geometry.folio_gap - 0.35 * style->size;
    for (size_t i = 0; i < pages; i++) {
        char folio[64];
        snprintf(folio, sizeof folio, "— %zu —", i + 1);
        double width = canvas_text_width(l->canvas, style->role, folio, style->size);
        bool odd = (i + 1) % 2 == 1;
        /* GB/T 9704: one character in from the edge of the text area */
        double x = odd ? l->geometry.left + l->geometry.width - width - style->size
                       : l->geometry.left + style->size;
        canvas_text(l->canvas, i, style->role, x, baseline, style->size, 0, style->color, false,
                    folio);
    }
}
