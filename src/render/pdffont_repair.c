/*
 * pdffont_repair.c: the two repairs of libharu 2.3.0's TrueType fonts, made right before
 * the document is saved: every glyph of the (already subset) font is marked used, since
 * libharu drops components of composite glyphs; and the ToUnicode stream, which libharu
 * fills with an encoding CMap (begincidrange), is rewritten as a real ToUnicode CMap.
 * Also, before libharu builds a font, its parsed cmap is put in a faster, equal form, which
 * a stand-in for libharu's glyph lookup reads directly while libharu builds that font.
 */
#include "render/fontset_internal.h"
#include "render/hpdfutil.h"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* This file writes into libharu's private structures (HPDF_FontAttr, HPDF_TTFontDefAttr,
 * the ToUnicode stream) as 2.3.0 lays them out; another version may lay them out
 * otherwise.  Check the repairs against it (tests/check_fontset.c proves the embedded
 * glyphs and ToUnicode) before allowing it here. */
#if !defined(HPDF_VERSION_ID) || HPDF_VERSION_ID != 20300
#error "pdffont_repair.c is written for libharu 2.3.0 (HPDF_VERSION_ID 20300) only"
#endif

void pdffont_mark_all_glyphs(HPDF_Font font)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    if (!attr || !attr->fontdef || attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
        return;
    HPDF_TTFontDefAttr tt = (HPDF_TTFontDefAttr)attr->fontdef->attr;
    if (tt && tt->glyph_tbl.flgs)
        memset(tt->glyph_tbl.flgs, 1, tt->num_glyphs);
}

enum { CODE_COUNT = 0x10000 };

/* The glyph libharu's format 4 lookup gives code in segment (the first whose end is at or
 * after code), for a cmap whose segments all map by delta. */
static HPDF_UINT16 delta_glyph(const HPDF_TTF_CmapRange *cmap, unsigned segment, unsigned code)
{
    if (cmap->start_count[segment] > code)
        return 0;
    return (HPDF_UINT16)(code + (unsigned)cmap->id_delta[segment]);
}

/* True when the segments are in order, every one maps by delta and the last ends at
 * 0xFFFF, as in the subsets HarfBuzz writes: the form pdffont_flatten_cmap rewrites. */
static bool cmap_flattenable(const HPDF_TTF_CmapRange *cmap)
{
    unsigned segments = cmap->seg_count_x2 / 2u;
    if (cmap->format != 4 || segments == 0 || cmap->end_count[segments - 1] != 0xFFFF)
        return false;
    for (unsigned i = 0; i < segments; i++) {
        if (cmap->id_range_offset[i] != 0)
            return false;
        if (i > 0 && cmap->end_count[i] <= cmap->end_count[i - 1])
            return false;
    }
    return true;
}

/* The font definition whose cmap was flattened last and its table of glyphs, until
 * pdffont_forget_flat_cmap: only while libharu builds the font, so that neither can be a
 * pointer freed with an earlier document. */
static HPDF_FontDef flat_fontdef;
static const HPDF_UINT16 *flat_glyphs;

void pdffont_flatten_cmap(HPDF_Doc pdf, const char *font_name)
{
    HPDF_FontDef fontdef = HPDF_Doc_FindFontDef(pdf, font_name);
    if (!fontdef || fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || !fontdef->attr)
        return;
    HPDF_TTF_CmapRange *cmap = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
    if (!cmap_flattenable(cmap))
        return;
    HPDF_UINT16 *glyphs = HPDF_GetMem(fontdef->mmgr, CODE_COUNT * sizeof *glyphs);
    if (!glyphs) {
        HPDF_ResetError(pdf); /* the cmap stays as it was: slower, as right */
        return;
    }
    unsigned segment = 0;
    for (unsigned code = 0; code < CODE_COUNT; code++) {
        while (code > cmap->end_count[segment])
            segment++;
        glyphs[code] = delta_glyph(cmap, segment, code);
    }
    /* One segment 0..0xFFFF whose idRangeOffset points libharu at glyphs[code]. */
    if (cmap->glyph_id_array)
        HPDF_FreeMem(fontdef->mmgr, cmap->glyph_id_array);
    cmap->glyph_id_array = glyphs;
    cmap->glyph_id_array_count = CODE_COUNT;
    cmap->seg_count_x2 = 2;
    cmap->start_count[0] = 0;
    cmap->end_count[0] = 0xFFFF;
    cmap->id_delta[0] = 0;
    cmap->id_range_offset[0] = 2;
    flat_fontdef = fontdef;
    flat_glyphs = glyphs;
}

void pdffont_forget_flat_cmap(void)
{
    flat_fontdef = NULL;
    flat_glyphs = NULL;
}

typedef HPDF_UINT16 (*glyph_lookup)(HPDF_FontDef, HPDF_UINT16);

/* Replaces libharu's for every call (libharu calls it through the PLT, as it does the
 * utilities of hpdfutil.c).  HPDF_GetFont looks up every one of the 65536 codes; for the
 * cmap just flattened, libharu's segment walk ends in glyph_id_array[code] plus a delta
 * of 0, which is returned here at once.  Every other lookup is libharu's. */
HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    if (fontdef == flat_fontdef && flat_glyphs &&
        ((HPDF_TTFontDefAttr)fontdef->attr)->cmap.glyph_id_array == flat_glyphs)
        return flat_glyphs[unicode];
    static glyph_lookup libharu;
    if (!libharu)
        libharu = (glyph_lookup)hpdf_libharu_own("HPDF_TTFontDef_GetGlyphid");
    return libharu(fontdef, unicode);
}

/* The CMap's entries: a run of consecutive codes within one 256-code row is a bfrange,
 * a lone code a bfchar.  Codes map to themselves (libharu's code is the code point). */
typedef struct cmap_run {
    unsigned first, last;
} cmap_run;

enum { CMAP_BLOCK = 100 }; /* at most 100 entries between begin… and end… */

static HPDF_STATUS write_block(HPDF_Stream stream, const cmap_run *runs, size_t count,
                               bool ranges)
{
    char line[64];
    HPDF_STATUS status = HPDF_OK;
    snprintf(line, sizeof line, "%zu %s\n", count, ranges ? "beginbfrange" : "beginbfchar");
    status |= HPDF_Stream_WriteStr(stream, line);
    for (size_t i = 0; i < count; i++) {
        if (ranges)
            snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", runs[i].first, runs[i].last,
                     runs[i].first);
        else
            snprintf(line, sizeof line, "<%04X> <%04X>\n", runs[i].first, runs[i].first);
        status |= HPDF_Stream_WriteStr(stream, line);
    }
    status |= HPDF_Stream_WriteStr(stream, ranges ? "endbfrange\n" : "endbfchar\n");
    return status;
}

/* Writes the runs that are ranges (or the lone codes) in blocks of CMAP_BLOCK. */
static HPDF_STATUS write_entries(HPDF_Stream stream, const cmap_run *runs, size_t count,
                                 bool ranges)
{
    cmap_run block[CMAP_BLOCK];
    size_t filled = 0;
    HPDF_STATUS status = HPDF_OK;
    for (size_t i = 0; i < count; i++) {
        if ((runs[i].last > runs[i].first) != ranges)
            continue;
        block[filled++] = runs[i];
        if (filled == CMAP_BLOCK) {
            status |= write_block(stream, block, filled, ranges);
            filled = 0;
        }
    }
    if (filled > 0)
        status |= write_block(stream, block, filled, ranges);
    return status;
}

/* Splits the BMP code points of unicodes into runs; returns their count (runs has room
 * for one run per code point). */
static size_t collect_runs(const hb_set_t *unicodes, cmap_run *runs)
{
    size_t count = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(unicodes, &cp) && cp <= 0xFFFF) {
        cmap_run *last = count > 0 ? &runs[count - 1] : NULL;
        if (last && cp == last->last + 1 && (cp >> 8) == (last->first >> 8))
            last->last = cp;
        else
            runs[count++] = (cmap_run){cp, cp};
    }
    return count;
}

static const char CMAP_HEAD[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char CMAP_TAIL[] =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

/* Looks the key up without HPDF_Dict_GetItem, which records an error in the document
 * when the class does not match. */
static bool dict_has(HPDF_Dict dict, const char *key)
{
    for (HPDF_UINT i = 0; i < dict->list->count; i++) {
        HPDF_DictElement element = HPDF_List_ItemAt(dict->list, i);
        if (strcmp(element->key, key) == 0)
            return true;
    }
    return false;
}

int pdffont_rewrite_tounicode(HPDF_Font font, const hb_set_t *unicodes)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
        return -1;
    HPDF_Dict cmap = attr->cmap_stream;
    /* The keys of an encoding CMap do not belong to a ToUnicode stream. */
    static const char *const encoding_keys[] = {"CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof encoding_keys / sizeof encoding_keys[0]; i++)
        if (dict_has(cmap, encoding_keys[i]))
            HPDF_Dict_RemoveElement(cmap, encoding_keys[i]);

    size_t population = hb_set_get_population(unicodes);
    cmap_run *runs = calloc(population ? population : 1, sizeof *runs);
    if (!runs)
        die_oom();
    size_t count = collect_runs(unicodes, runs);

    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_STATUS status = HPDF_Stream_WriteStr(cmap->stream, CMAP_HEAD);
    status |= write_entries(cmap->stream, runs, count, false);
    status |= write_entries(cmap->stream, runs, count, true);
    status |= HPDF_Stream_WriteStr(cmap->stream, CMAP_TAIL);
    free(runs);
    return status == HPDF_OK ? 0 : -1;
}
