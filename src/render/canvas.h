/*
 * canvas.h: the laid-out document as a display list.  Layout (pass 1) appends pages of
 * positioned text runs, lines and rectangles, and marks every character it draws in the
 * font set; once each font is subset and embedded, canvas_render (pass 2) replays the
 * list into libharu and returns the PDF bytes.  Coordinates are PDF points, origin at
 * the bottom left of the page.
 */
#ifndef BULLETIN_CANVAS_H
#define BULLETIN_CANVAS_H

#include "model/arena.h"
#include "model/buffer.h"
#include "model/diag.h"
#include "render/fontset.h"

typedef struct cmyk {
    double c, m, y, k; /* 0..1 */
} cmyk;

typedef enum { OP_TEXT, OP_LINE, OP_RECT } canvas_op_kind;

/* One drawing operation, 32 bytes.  Coordinates and sizes are kept as the floats libharu
 * takes (HPDF_REAL), converted once when the operation is recorded instead of when it is
 * drawn: the same values, so the same PDF bytes. */
typedef struct canvas_op {
    float x, y; /* OP_TEXT: the start of the baseline; OP_LINE: from; OP_RECT: a corner */
    union {
        struct {
            float size, char_space; /* OP_TEXT */
        };
        struct {
            float x2, y2; /* OP_LINE: to; OP_RECT: width and height */
        };
    };
    float line_width; /* OP_LINE, OP_RECT; OP_TEXT: of the outline of bold glyphs */
    uint32_t text;    /* OP_TEXT: offset of its NUL-ended UTF-8 in the canvas's text */
    uint32_t color;   /* index into the canvas's colours */
    uint16_t face;    /* OP_TEXT: one run of one face */
    uint8_t kind;     /* canvas_op_kind */
    unsigned bold : 1;   /* OP_TEXT: fill and stroke the glyphs (a heavier face where there is none) */
    unsigned filled : 1; /* OP_RECT */
} canvas_op;

typedef struct canvas_page {
    vec ops; /* canvas_op */
} canvas_page;

typedef struct canvas_bookmark {
    const char *title;
    size_t page;
    double y;
} canvas_bookmark;

typedef struct canvas_info {
    const char *title, *author, *subject, *keywords, *creator;
    int year, month, day; /* creation and modification date; 0 = none */
} canvas_info;

typedef struct canvas {
    arena *memory;
    fontset *fonts;
    double page_width, page_height;
    vec pages;     /* canvas_page */
    vec bookmarks; /* canvas_bookmark */
    vec missing;   /* uint32_t: characters no font has, each reported once */
    vec colors;    /* cmyk: every colour drawn, each once */
    buffer text;   /* the text of every run, each NUL-ended */
    diag_list *diags;
} canvas;

void canvas_init(canvas *c, fontset *fonts, double page_width, double page_height,
                 arena *memory, diag_list *diags);
void canvas_free(canvas *c);
/* Starts a new page and returns its index. */
size_t canvas_add_page(canvas *c);
canvas_page *canvas_page_at(const canvas *c, size_t index);
/* The UTF-8 of an OP_TEXT operation. */
const char *canvas_op_text(const canvas *c, const canvas_op *op);

/* Width in points of text set in role at size; characters that no font of the role has
 * count as zero. */
double canvas_text_width(const canvas *c, font_role role, const char *utf8, double size);

/* Draws text in role starting at (x, y) (baseline), adding char_space after every
 * character, splitting it into runs by the face that has each character, and marking
 * them used.  A character no font has is skipped with one warning naming it.  Returns
 * the width drawn. */
double canvas_text(canvas *c, size_t page, font_role role, double x, double y, double size,
                   double char_space, cmyk color, bool bold, const char *utf8);
void canvas_line(canvas *c, size_t page, double x1, double y1, double x2, double y2,
                 double width, cmyk color);
void canvas_rect(canvas *c, size_t page, double x, double y, double width, double height,
                 cmyk color, bool filled, double line_width);
void canvas_bookmark_add(canvas *c, const char *title, size_t page, double y);

/* libharu 2.3.0 keeps a document's pages in one array of at most 32,767 (HPDF_LIMIT_MAX_ARRAY). */
#define CANVAS_PAGE_LIMIT 32767
#define CANVAS_TOO_LONG (-3)
#define CANVAS_PDF_ERROR (-4) /* libharu reported an error of its own */

/* Pass 2: embeds the fonts and writes the PDF into out.  0 on success, -1 with an error
 * in the canvas's diagnostics, CANVAS_PDF_ERROR (said there, with its code) for an error
 * libharu reports (none is let through to a NULL page), CANVAS_TOO_LONG (said in the
 * diagnostics) past CANVAS_PAGE_LIMIT pages.
 * libharu's allocation failures end the run through die_oom. */
int canvas_render(canvas *c, const canvas_info *info, buffer *out);

#endif
