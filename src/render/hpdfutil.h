/*
 * hpdfutil.h: what hpdfutil.c offers besides its stand-ins for libharu 2.3.0's byte
 * loops: a page's content stream deflated as soon as the page is drawn.
 */
#ifndef BULLETIN_HPDFUTIL_H
#define BULLETIN_HPDFUTIL_H

#include <hpdf.h>

/* Deflates the content stream of a finished page now, with libharu's own deflate, and
 * keeps only the compressed bytes, which libharu then writes as they are when the
 * document is saved: the same bytes as deflating them then, without holding the
 * uncompressed stream of every page until the end.  A page that is not finished (a text
 * or path object open, a saved graphics state), empty, or not compressed is left as it
 * is.  0, or -1 after libharu reported an error (through the document's error handler). */
int hpdf_page_deflate_now(HPDF_Page page);

#endif
