/*
 * fontsubset.c: pass 2 of the font layer: one HarfBuzz subset per used face, renamed so
 * that libharu cannot confuse two subsets, and loaded from memory (hpdfutil.h), embedded,
 * with the UTF-8 encoder.
 */
#include "render/fontset_internal.h"
#include "render/hpdfutil.h"

#include <hb-subset.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a minimal name table --------------------------------------------------------- */

enum { NAME_FAMILY = 1, NAME_SUBFAMILY = 2, NAME_FULL = 4, NAME_POSTSCRIPT = 6 };

typedef struct name_writer {
    unsigned char *data;
    size_t record_at, string_at, strings_start;
} name_writer;

static void put16(unsigned char *at, unsigned value)
{
    at[0] = (unsigned char)(value >> 8);
    at[1] = (unsigned char)value;
}

/* Appends one record and its string: ASCII bytes for Macintosh, UTF-16BE for Windows. */
static void add_name(name_writer *w, unsigned platform, unsigned name_id, const char *text)
{
    size_t length = strlen(text);
    size_t bytes = platform == 3 ? 2 * length : length;
    unsigned char *record = w->data + w->record_at;
    put16(record, platform);
    put16(record + 2, platform == 3 ? 1 : 0);      /* Unicode BMP / Roman */
    put16(record + 4, platform == 3 ? 0x409 : 0);  /* en-US / English */
    put16(record + 6, name_id);
    put16(record + 8, (unsigned)bytes);
    put16(record + 10, (unsigned)(w->string_at - w->strings_start));
    w->record_at += 12;
    for (size_t i = 0; i < length; i++) {
        if (platform == 3) {
            put16(w->data + w->string_at, (unsigned char)text[i]);
            w->string_at += 2;
        } else {
            w->data[w->string_at++] = (unsigned char)text[i];
        }
    }
}

/* A name table (format 0) naming the font ps_name (ASCII) for Macintosh and Windows. */
static hb_blob_t *name_table(const char *ps_name)
{
    static const unsigned ids[] = {NAME_FAMILY, NAME_SUBFAMILY, NAME_FULL, NAME_POSTSCRIPT};
    static const unsigned platforms[] = {1, 3};
    const unsigned count = 8;
    size_t header = 6 + 12 * count;
    size_t size = header + 3 * 4 * (strlen(ps_name) + strlen("Regular"));
    name_writer w = {calloc(1, size), 6, header, header};
    if (!w.data)
        die_oom();
    put16(w.data, 0);
    put16(w.data + 2, count);
    put16(w.data + 4, (unsigned)header);
    for (size_t p = 0; p < 2; p++)
        for (size_t i = 0; i < 4; i++)
            add_name(&w, platforms[p], ids[i], ids[i] == NAME_SUBFAMILY ? "Regular" : ps_name);
    return hb_blob_create((const char *)w.data, (unsigned)w.string_at, HB_MEMORY_MODE_WRITABLE,
                          w.data, free);
}

/* ---- subsetting ------------------------------------------------------------------- */

/* The font file of face with every table kept except name, which is replaced. */
static hb_blob_t *with_name_table(hb_face_t *face, hb_blob_t *name)
{
    hb_face_t *builder = hb_face_builder_create();
    hb_tag_t tags[32];
    unsigned start = 0, count;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(face, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            if (tags[i] == HB_TAG('n', 'a', 'm', 'e'))
                continue;
            hb_blob_t *table = hb_face_reference_table(face, tags[i]);
            hb_face_builder_add_table(builder, tags[i], table);
            hb_blob_destroy(table);
        }
        start += count;
    } while (count > 0);
    hb_face_builder_add_table(builder, HB_TAG('n', 'a', 'm', 'e'), name);
    hb_blob_t *file = hb_face_reference_blob(builder);
    hb_face_destroy(builder);
    return file;
}

hb_blob_t *font_subset(hb_face_t *face, const hb_set_t *unicodes, const char *ps_name)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(input), unicodes);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *subset = hb_subset_or_fail(face, input);
    hb_subset_input_destroy(input);
    if (!subset)
        return NULL;

    /* A builder face lists no tables: read the subset back as a file to enumerate them. */
    hb_blob_t *subset_file = hb_face_reference_blob(subset);
    hb_face_destroy(subset);
    hb_face_t *parsed = hb_face_create(subset_file, 0);
    hb_blob_t *name = name_table(ps_name);
    hb_blob_t *file = with_name_table(parsed, name);
    hb_blob_destroy(name);
    hb_face_destroy(parsed);
    hb_blob_destroy(subset_file);
    if (hb_blob_get_length(file) == 0) {
        hb_blob_destroy(file);
        return NULL;
    }
    return file;
}

/* ---- loading into libharu --------------------------------------------------------- */

HPDF_Font font_load_into_pdf(HPDF_Doc pdf, hb_blob_t *ttf, char *reason, size_t reason_size)
{
    unsigned length = 0;
    const char *data = hb_blob_get_data(ttf, &length);
    errno = 0;
    const char *name = hpdf_load_ttf_from_memory(pdf, data, length);
    if (!name) {
        if (errno == ENOSYS)
            snprintf(reason, reason_size, "this libharu calls its own file reader, which "
                                          "bulletin replaces to load fonts from memory "
                                          "(libharu linked with -Bsymbolic-functions?)");
        else
            snprintf(reason, reason_size, "HPDF_LoadTTFontFromFile error 0x%04lX, detail %lu",
                     (unsigned long)HPDF_GetError(pdf), (unsigned long)HPDF_GetErrorDetail(pdf));
        HPDF_ResetError(pdf);
        return NULL;
    }
    pdffont_flatten_cmap(pdf, name);
    HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
    pdffont_forget_flat_cmap();
    if (!font) {
        snprintf(reason, reason_size, "HPDF_GetFont(%s, UTF-8) error 0x%04lX", name,
                 (unsigned long)HPDF_GetError(pdf));
        HPDF_ResetError(pdf);
    }
    return font;
}
