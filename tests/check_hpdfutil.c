/*
 * check_hpdfutil.c: src/render/hpdfutil.c against libharu itself: a page whose content
 * stream is deflated as soon as it is drawn keeps only the compressed bytes, and the
 * document saved is byte for byte the one libharu makes when it deflates at the end.
 */
#include "render/hpdfutil.h"

#include <check.h>
#include <hpdf_pages.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct saved {
    unsigned char *bytes;
    size_t length;
} saved;

/* Draws what a table page draws (rules and numbers, many times over) on the page. */
static void draw(HPDF_Doc pdf, HPDF_Page page, int seed)
{
    HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", NULL);
    for (int row = 0; row < 40; row++) {
        float y = 800.0f - 19.5f * (float)row;
        HPDF_Page_SetCMYKStroke(page, 0, 0, 0, 1);
        HPDF_Page_SetLineWidth(page, 0.5f);
        HPDF_Page_MoveTo(page, 72.25f, y);
        HPDF_Page_LineTo(page, 523.75f, y);
        HPDF_Page_Stroke(page);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 10.5f);
        char text[32];
        snprintf(text, sizeof text, "%d.%02d", seed * 1000 + row * 37, row);
        HPDF_Page_TextOut(page, 80.125f + (float)(row % 3), y - 14.0f, text);
        HPDF_Page_EndText(page);
    }
}

/* A three-page document, each page deflated as drawn when early; its bytes. */
static saved make(bool early, HPDF_UINT32 *first_page_stream)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    ck_assert_ptr_nonnull(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, (HPDF_Date){2015, 10, 2, 0, 0, 0, 'Z', 0, 0});
    for (int p = 0; p < 3; p++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        draw(pdf, page, p);
        HPDF_Stream stream = ((HPDF_PageAttr)page->attr)->contents->stream;
        HPDF_UINT32 before = HPDF_Stream_Size(stream);
        if (early) {
            ck_assert_int_eq(hpdf_page_deflate_now(page), 0);
            ck_assert_uint_lt(HPDF_Stream_Size(stream), before / 3); /* compressed now */
            ck_assert_int_eq(hpdf_page_deflate_now(page), 0);        /* and only once */
        }
        if (p == 0)
            *first_page_stream = HPDF_Stream_Size(stream);
    }
    ck_assert_int_eq(HPDF_SaveToStream(pdf), HPDF_OK);
    saved out = {NULL, 0};
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    out.bytes = malloc(size);
    ck_assert_ptr_nonnull(out.bytes);
    out.length = size;
    HPDF_UINT32 read = size;
    HPDF_ResetStream(pdf);
    HPDF_ReadFromStream(pdf, out.bytes, &read);
    ck_assert_uint_eq(read, size);
    HPDF_Free(pdf);
    return out;
}

START_TEST(a_page_deflated_as_drawn_saves_the_same_bytes)
{
    HPDF_UINT32 late_stream = 0, early_stream = 0;
    saved late = make(false, &late_stream);
    saved early = make(true, &early_stream);
    ck_assert_uint_gt(late_stream, 3000);      /* held uncompressed to the end */
    ck_assert_uint_lt(early_stream, late_stream / 3);
    ck_assert_uint_eq(early.length, late.length);
    ck_assert_int_eq(memcmp(early.bytes, late.bytes, late.length), 0);
    free(early.bytes);
    free(late.bytes);
}
END_TEST

/* A page left inside a text object is written by libharu when saved (it ends the object):
 * it is not deflated early, and the document is still libharu's. */
START_TEST(an_unfinished_page_is_left_to_libharu)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    draw(pdf, page, 1);
    HPDF_Page_BeginText(page);
    HPDF_Stream stream = ((HPDF_PageAttr)page->attr)->contents->stream;
    HPDF_UINT32 before = HPDF_Stream_Size(stream);
    ck_assert_int_eq(hpdf_page_deflate_now(page), 0);
    ck_assert_uint_eq(HPDF_Stream_Size(stream), before);
    HPDF_Free(pdf);
}
END_TEST

/* An empty page is written with an empty stream, as libharu writes it. */
START_TEST(an_empty_page_stays_empty)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    ck_assert_int_eq(hpdf_page_deflate_now(page), 0);
    ck_assert_uint_eq(HPDF_Stream_Size(((HPDF_PageAttr)page->attr)->contents->stream), 0);
    HPDF_Free(pdf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hpdfutil");
    TCase *tc = tcase_create("hpdfutil");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_page_deflated_as_drawn_saves_the_same_bytes);
    tcase_add_test(tc, an_unfinished_page_is_left_to_libharu);
    tcase_add_test(tc, an_empty_page_stays_empty);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
