/*
 * layout.h: flowing the bulletin onto pages: paragraphs broken by the Chinese rules of
 * linebreak.h and justified, headings, vertical space, ruled tables that split between
 * rows with 续表 and the header repeated, and the page numbers of GB/T 9704.  Layout
 * writes into a canvas (pass 1); it never touches libharu.
 */
#ifndef BULLETIN_LAYOUT_H
#define BULLETIN_LAYOUT_H

#include "render/canvas.h"

typedef struct layout_style {
    font_role role;
    double size;    /* points */
    double leading; /* line pitch, points */
    double tracking; /* points added after every character of broken text (may be < 0) */
    cmyk color;
    bool bold;
} layout_style;

typedef struct layout_geometry {
    double page_width, page_height;
    double left, top;          /* text area's left edge and top edge from the page's top */
    double width, height;      /* text area */
    double folio_gap;          /* from the text area's bottom to the page number's baseline */
} layout_geometry;

/* A heading waiting for what follows it (layout_heading). */
typedef struct layout_heading_text {
    layout_style style;
    const char *text, *bookmark;
    double indent, height;
} layout_heading_text;

#define LAYOUT_HEADINGS 4

typedef struct layout {
    canvas *canvas;
    layout_geometry geometry;
    size_t page;  /* current page */
    double y;     /* top of the next line box, in PDF points from the page's bottom */
    bool started; /* a page exists */
    layout_heading_text headings[LAYOUT_HEADINGS]; /* waiting, in order */
    size_t heading_count;
} layout;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } layout_align;

typedef struct layout_column {
    const char *title;
    double weight; /* share of the table's width */
    layout_align align;
} layout_column;

typedef struct layout_table {
    const char *unit_line;       /* e.g. 单位：亿元, set right above the table, or NULL */
    const char *continued_label; /* 续表 */
    const layout_column *columns;
    size_t column_count;
    const char *const *cells;    /* row-major, row_count × column_count */
    size_t row_count;
    layout_style header, body;
    double padding;
} layout_table;

void layout_init(layout *l, canvas *c, const layout_geometry *geometry);
/* Starts a new page. */
void layout_new_page(layout *l);
/* Makes sure height points fit below the cursor, else starts a new page. */
void layout_ensure(layout *l, double height);
void layout_space(layout *l, double height);

/* Sets text as a paragraph: the first line indented by first_indent points, lines broken
 * by the Chinese rules, justified when justify (the last line never).  Keeps at least
 * two lines of a paragraph together at a page's foot. */
void layout_paragraph(layout *l, const layout_style *style, const char *utf8, double first_indent,
                      bool justify);
/* How many lines layout_paragraph would set the text in. */
size_t layout_paragraph_lines(layout *l, const layout_style *style, const char *utf8,
                              double first_indent);
/* Sets a heading (not justified, its first line indented), kept with what follows: it is
 * drawn when the next thing is, on the page where that thing can start (a paragraph's
 * first lines as layout_paragraph keeps them, a table's header and first row, a chart
 * whole), and never with less than two of its own lines' room below it.  Headings in a
 * row wait together.  A bookmark (or NULL) is added where the heading lands. */
void layout_heading(layout *l, const layout_style *style, const char *utf8, double indent,
                    const char *bookmark);
/* Sets one line of text aligned in the text area (used by the masthead and titles). */
void layout_line(layout *l, const layout_style *style, const char *utf8, layout_align align);
/* Draws text broken into lines of at most width points, each centred on center, the
 * first on baseline and the next ones a leading lower, on the given page.  Returns the
 * number of lines. */
int layout_centered_lines(layout *l, size_t page, const layout_style *style, double center,
                          double baseline, double width, const char *utf8);
/* Draws a rule across the text area at the cursor and moves below it. */
void layout_rule(layout *l, double width, cmyk color, double space_after);
/* Sets a ruled table: no row is split, unless it is taller than a page can hold below
 * the header, when it goes on from page to page, as many of its lines on each as fit; a
 * table continued on a new page gets the continued label and its header row again. */
void layout_table_draw(layout *l, const layout_table *table);

/* Draws `— N —` on every page (after any heading still waiting), folio_gap below the text area, at the right on odd
 * pages and the left on even ones (GB/T 9704 §7.5). */
void layout_page_numbers(layout *l, const layout_style *style);

#endif
