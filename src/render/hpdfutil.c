/*
 * hpdfutil.c: faster stand-ins for three of libharu 2.3.0's utility functions, page
 * content streams deflated as soon as each page is drawn, and TrueType fonts loaded from
 * memory (hpdfutil.h).  libharu
 * clears a 512-byte buffer with its own byte-at-a-time HPDF_MemSet before every operator
 * it writes (a colour, a move, a line: 2,000 instructions each) and copies every stream
 * with a byte loop; on the sample month these are 13 % of all instructions.  libharu
 * calls them through the PLT, so the definitions here, linked into the program (the
 * Makefile names HPDF_MemSet undefined so that this member is taken from the archive),
 * replace its own for every call.  Each does exactly what libharu's does, returns what it
 * returns, and so the PDF bytes do not change.
 */
#include "render/hpdfutil.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <hpdf_conf.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "hpdfutil.c replaces libharu 2.3.0's utilities; check them against this version"
#endif

/* Fills n bytes of s with c; returns the end of the filled bytes. */
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* Copies n bytes (never overlapping in libharu's calls); returns the end of the copy.
 * Most of libharu's copies are of 2 or 4 bytes (a glyph number, a TrueType word read
 * back for a checksum): those are moved in place, without a call. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    switch (n) {
    case 2:
        memcpy(out, in, 2);
        break;
    case 4:
        memcpy(out, in, 4);
        break;
    default:
        memcpy(out, in, n);
    }
    return out + n;
}

/* The length of s, at most maxlen when maxlen is not negative; 0 for NULL. */
HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
    if (!s)
        return 0;
    return (HPDF_UINT)(maxlen < 0 ? strlen(s) : strnlen(s, (size_t)maxlen));
}

/* ---- page content streams deflated early ----------------------------------------- */

/* libharu 2.3.0's own, exported but not declared in its headers. */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst,
                                                 HPDF_Encrypt e);
void HPDF_MemStream_FreeFunc(HPDF_Stream stream);

void *hpdf_libharu_own(const char *name)
{
    void *function = dlsym(RTLD_NEXT, name);
    if (!function)
        abort(); /* linked against libharu, which defines it: cannot happen */
    return function;
}

typedef HPDF_STATUS (*deflate_writer)(HPDF_Stream, HPDF_Stream, HPDF_Encrypt);

static deflate_writer libharu_deflate(void)
{
    static deflate_writer writer;
    if (!writer)
        writer = (deflate_writer)hpdf_libharu_own("HPDF_Stream_WriteToStreamWithDeflate");
    return writer;
}

/* The mark of a stream that holds its bytes deflated already: its free function, which
 * does what libharu's does.  The mark goes with the stream, so no list of streams is
 * kept. */
static void free_deflated(HPDF_Stream stream)
{
    HPDF_MemStream_FreeFunc(stream);
}

/* Replaces libharu's for every call (libharu calls it through the PLT, from
 * HPDF_Stream_WriteToStream, when it writes a stream with FlateDecode): a stream that
 * hpdf_page_deflate_now deflated is copied as it is; any other goes to libharu's. */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst,
                                                 HPDF_Encrypt e)
{
    if (src->free_fn == free_deflated)
        return HPDF_Stream_WriteToStream(src, dst, HPDF_STREAM_FILTER_NONE, e);
    return libharu_deflate()(src, dst, e);
}

/* True when libharu's calls reach the stand-in above.  They would not in a libharu that
 * binds its own calls to itself (linked with -Bsymbolic-functions, as some distributions
 * do): then a stream deflated early would be deflated a second time when saved, so none
 * is.  Tried once, on a marked stream of one byte, which the stand-in copies as it is. */
static bool deflate_stand_in_reached(HPDF_MMgr mmgr)
{
    static int reached = -1;
    if (reached < 0) {
        HPDF_Stream probe = HPDF_MemStream_New(mmgr, 16), copy = HPDF_MemStream_New(mmgr, 64);
        reached = 0;
        if (probe && copy && HPDF_Stream_Write(probe, (const HPDF_BYTE *)"x", 1) == HPDF_OK) {
            probe->free_fn = free_deflated;
            reached = HPDF_Stream_WriteToStream(probe, copy, HPDF_STREAM_FILTER_FLATE_DECODE,
                                                NULL) == HPDF_OK &&
                      HPDF_Stream_Size(copy) == 1;
        }
        HPDF_Stream_Free(probe);
        HPDF_Stream_Free(copy);
    }
    return reached == 1;
}

int hpdf_page_deflate_now(HPDF_Page page)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Dict contents = attr ? attr->contents : NULL;
    HPDF_Stream stream = contents ? contents->stream : NULL;
    if (!stream || stream->type != HPDF_STREAM_MEMORY || stream->free_fn == free_deflated ||
        contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || HPDF_Stream_Size(stream) == 0 ||
        attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || (attr->gstate && attr->gstate->prev) ||
        !deflate_stand_in_reached(stream->mmgr))
        return 0; /* deflated when saved, as libharu does */
    HPDF_Stream deflated = HPDF_MemStream_New(stream->mmgr, HPDF_STREAM_BUF_SIZ);
    if (!deflated)
        return -1;
    HPDF_STATUS status = libharu_deflate()(stream, deflated, NULL);
    if (status == HPDF_OK) {
        HPDF_MemStream_FreeData(stream);
        status = HPDF_Stream_WriteToStream(deflated, stream, HPDF_STREAM_FILTER_NONE, NULL);
        stream->free_fn = free_deflated;
    }
    HPDF_Stream_Free(deflated);
    return status == HPDF_OK ? 0 : -1;
}

/* ---- TrueType fonts from memory ------------------------------------------------- */

/* The font HPDF_LoadTTFontFromFile is loading from memory, named by this name's address. */
static const char MEMORY_FONT[] = "(a font in memory)";
static const void *memory_font;
static size_t memory_font_length;
static bool memory_font_reached; /* the stand-in below was called for it */

typedef HPDF_Stream (*file_reader)(HPDF_MMgr, const char *);

/* Replaces libharu's for every call (libharu calls it through the PLT, from
 * HPDF_LoadTTFontFromFile): the font hpdf_load_ttf_from_memory is loading becomes a
 * memory stream of one block holding its bytes; any other name is opened by libharu's. */
HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char *fname)
{
    if (fname == MEMORY_FONT && memory_font) {
        memory_font_reached = true;
        /* One block a byte longer than the font: a seek to its very end stays in it. */
        HPDF_Stream stream = HPDF_MemStream_New(mmgr, (HPDF_UINT)memory_font_length + 1);
        if (stream && HPDF_Stream_Write(stream, memory_font, (HPDF_UINT)memory_font_length) !=
                          HPDF_OK) {
            HPDF_Stream_Free(stream);
            stream = NULL;
        }
        return stream;
    }
    static file_reader libharu;
    if (!libharu)
        libharu = (file_reader)hpdf_libharu_own("HPDF_FileReader_New");
    return libharu(mmgr, fname);
}

const char *hpdf_load_ttf_from_memory(HPDF_Doc pdf, const void *bytes, size_t length)
{
    if (length == 0 || length >= UINT32_MAX)
        return NULL;
    memory_font = bytes;
    memory_font_length = length;
    memory_font_reached = false;
    const char *name = HPDF_LoadTTFontFromFile(pdf, MEMORY_FONT, HPDF_TRUE);
    memory_font = NULL;
    if (!memory_font_reached) {
        errno = ENOSYS; /* libharu opened the name as a file: it binds its own calls */
        return NULL;
    }
    return name;
}
