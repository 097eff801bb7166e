/*
 * fontset_internal.h: what fontset.c shares with fontsubset.c (HarfBuzz subsetting and
 * loading into libharu) and pdffont_repair.c (the repairs of libharu 2.3.0's output).
 * Not for use outside src/render/fontset*.c and pdffont_repair.c.
 */
#ifndef BULLETIN_FONTSET_INTERNAL_H
#define BULLETIN_FONTSET_INTERNAL_H

#include "render/fontset.h"

#include <hb-ot.h>
#include <hb.h>
#include <hpdf.h>

/* Longest PostScript name given to a subset; libharu adds a 7-byte tag and refuses
 * names past 127 bytes. */
#define FONT_PS_NAME_MAX 63

/* Subsets face to exactly the code points of unicodes (renumbered glyphs, components of
 * composite glyphs included) and replaces its name table by a minimal one naming the
 * font ps_name.  Returns a plain TrueType file as a blob the caller destroys, or NULL. */
hb_blob_t *font_subset(hb_face_t *face, const hb_set_t *unicodes, const char *ps_name);

/* Loads the TrueType file ttf into pdf (embedded, UTF-8 encoder) from memory.  Returns
 * the font, or NULL with the reason (English, for a diagnostic) in reason. */
HPDF_Font font_load_into_pdf(HPDF_Doc pdf, hb_blob_t *ttf, char *reason, size_t reason_size);

/* libharu finds a code point's glyph by walking its cmap's segments, and on HPDF_GetFont
 * does so for all 65536 codes: slow for a subset's many scattered segments.  Rewrites the
 * cmap libharu parsed for font_name (not the font file, which is embedded unchanged) as
 * one segment over a table of the 65536 glyphs, giving each code the same glyph.  Leaves
 * a cmap of another form as it is.  Call between loading the font and HPDF_GetFont. */
void pdffont_flatten_cmap(HPDF_Doc pdf, const char *font_name);
/* Ends the quick lookup of the cmap flattened last: call once HPDF_GetFont has built it. */
void pdffont_forget_flat_cmap(void);
/* Marks every glyph of font's TrueType definition used, so that libharu writes each
 * glyph of the subset (and so every component of a composite glyph). */
void pdffont_mark_all_glyphs(HPDF_Font font);
/* Empties font's ToUnicode stream and writes into it a ToUnicode CMap (bfchar/bfrange)
 * mapping each code of unicodes (libharu's codes are the code points) to itself.
 * Returns 0, or -1 when the font has no ToUnicode stream. */
int pdffont_rewrite_tounicode(HPDF_Font font, const hb_set_t *unicodes);

#endif
