/*
 * fontset.h: the font layer of the PDF renderer.  Roles (masthead, title, body, …) name
 * fallback chains of font files (fonts/fonts.conf); HarfBuzz answers which face has a
 * glyph and how wide it is; at embedding time each used face is subset once with
 * HarfBuzz, loaded into libharu 2.3.0, and libharu's two defects (lost composite
 * components, an invalid ToUnicode CMap) are repaired before saving.
 *
 * Use: fontset_open → (layout) fontset_face_for / fontset_advance / fontset_use →
 * fontset_embed(pdf) → draw with fontset_pdf_font → fontset_prepare_save → HPDF_Save… →
 * HPDF_Free → fontset_close.
 */
#ifndef BULLETIN_FONTSET_H
#define BULLETIN_FONTSET_H

#include "model/diag.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum {
    ROLE_MASTHEAD,
    ROLE_TITLE,
    ROLE_BODY,
    ROLE_HEADING1,
    ROLE_HEADING2,
    ROLE_TABLE,
    ROLE_COUNT
} font_role;

typedef struct fontset fontset;

/* The role's name as written in fonts.conf ("masthead", "title", "body", "heading1",
 * "heading2", "table"); a static string, "" for a value out of range. */
const char *font_role_name(font_role role);
/* Sets *out and returns true when name is exactly one of the role names. */
bool font_role_parse(const char *name, font_role *out);

/* Reads the conf (`role = file[:faceindex], …`, paths relative to the conf's folder) and
 * opens every listed font file ONCE (a file named by several roles, or by two spellings
 * of its path, is one face) with HarfBuzz.  A missing, unreadable or unusable font file
 * is skipped with a warning; a role left with no usable font, an unknown role or a
 * malformed line is an error.  Returns NULL on error (messages in diags); the caller
 * owns the result and releases it with fontset_close. */
fontset *fontset_open(const char *conf_path, diag_list *diags);
/* Releases the set and its faces; NULL is allowed.  Call after HPDF_Free of every
 * document the set was embedded into. */
void fontset_close(fontset *set);

/* The face (index, stable for the set's life) of role's chain that has a glyph for cp,
 * first choice first; -1 if no face of the chain has it, and for every code point
 * outside the BMP (libharu 2.3.0's UTF-8 encoder writes 2-byte codes only).  A glyph
 * with an empty outline counts only for spaces and other invisible characters.
 * Does not mark anything used; remembers recent answers in set. */
int fontset_face_for(fontset *set, font_role role, uint32_t cp);
/* Advance width of cp in face, in 1/1000 em (rounded), from hmtx via HarfBuzz; the
 * .notdef width when face has no glyph for cp; 0 for an invalid face. */
int fontset_advance(const fontset *set, int face, uint32_t cp);
/* Ascender / descender of the face in 1/1000 em (descender negative); 0 for an invalid
 * face. */
int fontset_ascender(const fontset *set, int face);
int fontset_descender(const fontset *set, int face);
/* Records that cp will be drawn with face (pass 1 of rendering).  Ignored for an
 * invalid face or a code point outside the BMP. */
void fontset_use(fontset *set, int face, uint32_t cp);

/* Pass 2 start: turns on the UTF-8 encodings and full compression of pdf, subsets every
 * face that has used characters ONCE (exactly those characters) and loads each subset
 * into pdf from memory under a name unique in the set.  Returns 0, or -1 with an error in
 * diags. */
int fontset_embed(fontset *set, HPDF_Doc pdf, diag_list *diags);
/* The libharu font (UTF-8 encoder) of an embedded face, owned by the pdf of the last
 * fontset_embed; NULL when the face has nothing used or was not embedded. */
HPDF_Font fontset_pdf_font(const fontset *set, int face);
/* Call right before HPDF_SaveToFile / HPDF_SaveToStream: marks every glyph of each
 * subset used (so libharu keeps composite components) and rewrites each ToUnicode
 * stream as a bfchar/bfrange CMap.  Returns 0, or -1 when pdf is not the document of
 * the last fontset_embed. */
int fontset_prepare_save(fontset *set, HPDF_Doc pdf);

#endif
