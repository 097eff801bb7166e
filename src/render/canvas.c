/*
 * canvas.c: the display list of the bulletin and its replay into libharu (see canvas.h).
 * Text is split into runs by the face of the fallback chain that has each character.
 * A page holds 32 bytes an operation (the runs' text in one buffer, colours by index);
 * each page's content stream is deflated as soon as the page is drawn (hpdfutil.h), so
 * that what a page keeps until the PDF is saved is its compressed stream.
 */
#include "render/canvas.h"

#include "model/text.h"
#include "render/hpdfutil.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static_assert(sizeof(canvas_op) == 32, "a display-list operation is 32 bytes");

void canvas_init(canvas *c, fontset *fonts, double page_width, double page_height,
                 arena *memory, diag_list *diags)
{
    memset(c, 0, sizeof *c);
    c->memory = memory;
    c->fonts = fonts;
    c->page_width = page_width;
    c->page_height = page_height;
    c->diags = diags;
    vec_init(&c->pages, sizeof(canvas_page));
    vec_init(&c->bookmarks, sizeof(canvas_bookmark));
    vec_init(&c->missing, sizeof(uint32_t));
    vec_init(&c->colors, sizeof(cmyk));
    buffer_init(&c->text);
}

void canvas_free(canvas *c)
{
    for (size_t i = 0; i < c->pages.count; i++)
        vec_free(&canvas_page_at(c, i)->ops);
    vec_free(&c->pages);
    vec_free(&c->bookmarks);
    vec_free(&c->missing);
    vec_free(&c->colors);
    buffer_free(&c->text);
}

size_t canvas_add_page(canvas *c)
{
    canvas_page *page = vec_push(&c->pages);
    vec_init(&page->ops, sizeof(canvas_op));
    return c->pages.count - 1;
}

canvas_page *canvas_page_at(const canvas *c, size_t index)
{
    return vec_at(&c->pages, index);
}

const char *canvas_op_text(const canvas *c, const canvas_op *op)
{
    return c->text.data + op->text;
}

double canvas_text_width(const canvas *c, font_role role, const char *utf8, double size)
{
    double width = 0;
    uint32_t cp;
    while ((cp = utf8_next(&utf8)) != 0) {
        int face = fontset_face_for(c->fonts, role, cp);
        if (face >= 0)
            width += fontset_advance(c->fonts, face, cp) * size / 1000.0;
    }
    return width;
}

static void warn_missing_glyph(canvas *c, uint32_t cp)
{
    char character[8] = {0};
    utf8_put(character, cp);
    for (size_t i = 0; i < c->missing.count; i++)
        if (*(uint32_t *)vec_at(&c->missing, i) == cp)
            return;
    *(uint32_t *)vec_push(&c->missing) = cp;
    diag_addf(c->diags, DIAG_WARNING, "fonts/fonts.conf", 0, NULL, NULL,
              "没有任何已配置的字体含有字符“%s”（U+%04X），该字符未输出", character, (unsigned)cp);
}

/* The index of color in the canvas's colours, added when new. */
static uint32_t color_index(canvas *c, cmyk color)
{
    for (size_t i = c->colors.count; i-- > 0;)
        if (memcmp(vec_at(&c->colors, i), &color, sizeof color) == 0)
            return (uint32_t)i;
    *(cmyk *)vec_push(&c->colors) = color;
    return (uint32_t)(c->colors.count - 1);
}

static canvas_op *push_op(canvas *c, size_t page, canvas_op_kind kind, cmyk color)
{
    uint32_t index = color_index(c, color);
    canvas_op *op = vec_push(&canvas_page_at(c, page)->ops);
    op->kind = (uint8_t)kind;
    op->color = index;
    return op;
}

/* Ends the run whose text starts at start in c->text (if it has any) as one operation. */
static void flush_run(canvas *c, size_t page, int face, double x, double y, double size,
                      double char_space, cmyk color, bool bold, size_t start)
{
    if (c->text.length == start)
        return;
    buffer_append(&c->text, "", 1); /* its NUL */
    canvas_op *op = push_op(c, page, OP_TEXT, color);
    op->face = (uint16_t)face;
    op->x = (float)x;
    op->y = (float)y;
    op->size = (float)size;
    op->char_space = (float)char_space;
    op->bold = bold;
    op->line_width = (float)(size * 0.03);
    op->text = (uint32_t)start;
}

double canvas_text(canvas *c, size_t page, font_role role, double x, double y, double size,
                   double char_space, cmyk color, bool bold, const char *utf8)
{
    int run_face = -1;
    size_t run_start = c->text.length;
    double run_x = x, pen = x;
    uint32_t cp;
    while ((cp = utf8_next(&utf8)) != 0) {
        int face = fontset_face_for(c->fonts, role, cp);
        if (face < 0 || face > UINT16_MAX) {
            warn_missing_glyph(c, cp);
            continue;
        }
        if (face != run_face) {
            flush_run(c, page, run_face, run_x, y, size, char_space, color, bold, run_start);
            run_face = face;
            run_start = c->text.length;
            run_x = pen;
        }
        char bytes[4];
        buffer_append(&c->text, bytes, utf8_put(bytes, cp));
        fontset_use(c->fonts, face, cp);
        pen += fontset_advance(c->fonts, face, cp) * size / 1000.0 + char_space;
    }
    flush_run(c, page, run_face, run_x, y, size, char_space, color, bold, run_start);
    if (c->text.length > UINT32_MAX)
        die_oom(); /* past what an operation can point at: 4 GB of text */
    return pen - x;
}

void canvas_line(canvas *c, size_t page, double x1, double y1, double x2, double y2,
                 double width, cmyk color)
{
    canvas_op *op = push_op(c, page, OP_LINE, color);
    op->x = (float)x1;
    op->y = (float)y1;
    op->x2 = (float)x2;
    op->y2 = (float)y2;
    op->line_width = (float)width;
}

void canvas_rect(canvas *c, size_t page, double x, double y, double width, double height,
                 cmyk color, bool filled, double line_width)
{
    canvas_op *op = push_op(c, page, OP_RECT, color);
    op->x = (float)x;
    op->y = (float)y;
    op->x2 = (float)width;
    op->y2 = (float)height;
    op->filled = filled;
    op->line_width = (float)line_width;
}

void canvas_bookmark_add(canvas *c, const char *title, size_t page, double y)
{
    canvas_bookmark *mark = vec_push(&c->bookmarks);
    mark->title = arena_strdup(c->memory, title);
    mark->page = page;
    mark->y = y;
}

/* ---- pass 2: libharu ---- */

typedef struct pdf_errors {
    HPDF_STATUS first;
    HPDF_STATUS detail;
} pdf_errors;

/* libharu's errors: its allocation failures end the run as every other's do (status 71,
 * nothing written); any other is kept and fails the rendering. */
static void on_pdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
    if (error == HPDF_FAILD_TO_ALLOC_MEM)
        die_oom();
    if (error == HPDF_FILE_OPEN_ERROR && (detail == EMFILE || detail == ENFILE))
        die_exhausted((int)detail);
    pdf_errors *errors = user_data;
    if (!errors->first) {
        errors->first = error;
        errors->detail = detail;
    }
}

/* libharu allocates through these: a failure ends the run (die_oom), never a NULL that
 * libharu would pass on. */
static void *pdf_alloc(HPDF_UINT size)
{
    return die_malloc(size);
}

static void pdf_free(void *pointer)
{
    free(pointer);
}

static void draw_text(canvas *c, HPDF_Page page, const canvas_op *op)
{
    const cmyk *color = vec_at(&c->colors, op->color);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, fontset_pdf_font(c->fonts, op->face), op->size);
    HPDF_Page_SetCMYKFill(page, (HPDF_REAL)color->c, (HPDF_REAL)color->m, (HPDF_REAL)color->y,
                          (HPDF_REAL)color->k);
    if (op->bold) {
        HPDF_Page_SetTextRenderingMode(page, HPDF_FILL_THEN_STROKE);
        HPDF_Page_SetCMYKStroke(page, (HPDF_REAL)color->c, (HPDF_REAL)color->m,
                                (HPDF_REAL)color->y, (HPDF_REAL)color->k);
        HPDF_Page_SetLineWidth(page, op->line_width);
    } else {
        HPDF_Page_SetTextRenderingMode(page, HPDF_FILL);
    }
    HPDF_Page_SetCharSpace(page, op->char_space);
    HPDF_Page_TextOut(page, op->x, op->y, canvas_op_text(c, op));
    HPDF_Page_EndText(page);
}

static void draw_shape(const canvas *c, HPDF_Page page, const canvas_op *op)
{
    const cmyk *color = vec_at(&c->colors, op->color);
    HPDF_REAL cyan = (HPDF_REAL)color->c, magenta = (HPDF_REAL)color->m;
    HPDF_REAL yellow = (HPDF_REAL)color->y, black = (HPDF_REAL)color->k;
    if (op->kind == OP_RECT && op->filled) {
        HPDF_Page_SetCMYKFill(page, cyan, magenta, yellow, black);
        HPDF_Page_Rectangle(page, op->x, op->y, op->x2, op->y2);
        HPDF_Page_Fill(page);
        return;
    }
    HPDF_Page_SetCMYKStroke(page, cyan, magenta, yellow, black);
    HPDF_Page_SetLineWidth(page, op->line_width);
    if (op->kind == OP_RECT) {
        HPDF_Page_Rectangle(page, op->x, op->y, op->x2, op->y2);
    } else {
        HPDF_Page_MoveTo(page, op->x, op->y);
        HPDF_Page_LineTo(page, op->x2, op->y2);
    }
    HPDF_Page_Stroke(page);
}

static void set_info(HPDF_Doc pdf, const canvas_info *info)
{
    if (info->title)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info->title);
    if (info->author)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info->author);
    if (info->subject)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info->subject);
    if (info->keywords)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, info->keywords);
    if (info->creator)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, info->creator);
    if (info->year) {
        HPDF_Date date = {info->year, info->month, info->day, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    }
}

static void add_outline(canvas *c, HPDF_Doc pdf, HPDF_Page *pages)
{
    HPDF_Encoder encoder = HPDF_GetEncoder(pdf, "UTF-8");
    for (size_t i = 0; i < c->bookmarks.count; i++) {
        const canvas_bookmark *mark = vec_at(&c->bookmarks, i);
        HPDF_Outline outline = HPDF_CreateOutline(pdf, NULL, mark->title, encoder);
        HPDF_Destination destination = HPDF_Page_CreateDestination(pages[mark->page]);
        HPDF_Destination_SetFitH(destination, (HPDF_REAL)mark->y);
        HPDF_Outline_SetDestination(outline, destination);
    }
}

static void copy_out(HPDF_Doc pdf, buffer *out)
{
    HPDF_ResetStream(pdf);
    for (;;) {
        HPDF_BYTE chunk[65536];
        HPDF_UINT32 size = sizeof chunk;
        HPDF_STATUS status = HPDF_ReadFromStream(pdf, chunk, &size);
        buffer_append(out, chunk, size);
        if (status == HPDF_STREAM_EOF || status != HPDF_OK || size == 0)
            break;
    }
}

int canvas_render(canvas *c, const canvas_info *info, buffer *out)
{
    if (c->pages.count > CANVAS_PAGE_LIMIT) {
        diag_addf(c->diags, DIAG_ERROR, "", 0, NULL, NULL,
                  "文档共 %zu 页，超过 PDF 库 libharu 每个文件 %d 页的上限，未生成", c->pages.count,
                  CANVAS_PAGE_LIMIT);
        return CANVAS_TOO_LONG;
    }
    pdf_errors errors = {0, 0};
    HPDF_Doc pdf = HPDF_NewEx(on_pdf_error, pdf_alloc, pdf_free, 0, &errors);
    if (!pdf)
        die_oom();
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    set_info(pdf, info);
    HPDF_SetPageMode(pdf, c->bookmarks.count ? HPDF_PAGE_MODE_USE_OUTLINE : HPDF_PAGE_MODE_USE_NONE);
    int status = fontset_embed(c->fonts, pdf, c->diags);
    HPDF_Page *pages = arena_alloc(c->memory, (c->pages.count + 1) * sizeof *pages);
    for (size_t i = 0; status == 0 && i < c->pages.count; i++) {
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i] || errors.first) {
            status = -1; /* said below, by libharu's error */
            break;
        }
        HPDF_Page_SetWidth(pages[i], (HPDF_REAL)c->page_width);
        HPDF_Page_SetHeight(pages[i], (HPDF_REAL)c->page_height);
        const canvas_page *page = canvas_page_at(c, i);
        for (size_t j = 0; j < page->ops.count; j++) {
            const canvas_op *op = vec_at(&page->ops, j);
            if (op->kind == OP_TEXT)
                draw_text(c, pages[i], op);
            else
                draw_shape(c, pages[i], op);
        }
        if (hpdf_page_deflate_now(pages[i]) != 0 && !errors.first)
            status = -1;
    }
    if (status == 0) {
        add_outline(c, pdf, pages);
        status = fontset_prepare_save(c->fonts, pdf);
    }
    if (status == 0 && HPDF_SaveToStream(pdf) == HPDF_OK && !errors.first)
        copy_out(pdf, out);
    if (errors.first) {
        diag_addf(c->diags, DIAG_ERROR, "", 0, NULL, NULL, "PDF生成失败：libharu错误 0x%04X（细节 %u）",
                  (unsigned)errors.first, (unsigned)errors.detail);
        status = CANVAS_PDF_ERROR;
    }
    HPDF_Free(pdf);
    if (status == CANVAS_PDF_ERROR)
        return status;
    return status == 0 && out->length > 0 ? 0 : -1;
}
