/*
 * hpdfutil.h: what hpdfutil.c offers besides its stand-ins for libharu 2.3.0's byte
 * loops: a page's content stream deflated as soon as the page is drawn, and a TrueType
 * font loaded from memory (libharu 2.3.0 loads one only from a file).
 */
#ifndef BULLETIN_HPDFUTIL_H
#define BULLETIN_HPDFUTIL_H

#include <hpdf.h>
#include <stddef.h>

/* libharu's own definition of the function name, which the program replaces by one of the
 * same name (libharu calls it through the PLT): for a stand-in to hand on what it does not
 * do itself. */
void *hpdf_libharu_own(const char *name);

/* Deflates the content stream of a finished page now, with libharu's own deflate, and
 * keeps only the compressed bytes, which libharu then writes as they are when the
 * document is saved: the same bytes as deflating them then, without holding the
 * uncompressed stream of every page until the end.  A page that is not finished (a text
 * or path object open, a saved graphics state), empty, or not compressed is left as it
 * is.  0, or -1 after libharu reported an error (through the document's error handler). */
int hpdf_page_deflate_now(HPDF_Page page);

/* Loads the TrueType font file of length bytes at bytes into pdf, embedded, as
 * HPDF_LoadTTFontFromFile would load it from a file: its name in pdf, or NULL with
 * libharu's error set, or with errno ENOSYS when libharu did not call the stand-in for
 * its file reader (a libharu that binds its own calls).  libharu copies the bytes; they
 * need not outlive the call. */
const char *hpdf_load_ttf_from_memory(HPDF_Doc pdf, const void *bytes, size_t length);

#endif
