/*
 * encoding.c: raw bytes → UTF-8 for the CSV reader (see encoding.h).  The start of the
 * file decides the encoding (a BOM, else UTF-8); every later chunk is validated, with an
 * unfinished multi-byte sequence carried over to the next chunk.
 */
#include "ingest/encoding.h"

#include "model/text.h"

#include <string.h>

void encoding_init(encoding_decoder *d)
{
    memset(d, 0, sizeof *d);
}

/* The length of the prefix of p[0..n) that does not end inside a UTF-8 sequence. */
static size_t complete_prefix(const unsigned char *p, size_t n)
{
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = p[n - back];
        if ((c & 0xC0) == 0x80)
            continue; /* a continuation byte: look further back for its lead */
        if (c < 0xC0)
            return n;
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return need > back ? n - back : n;
    }
    return n;
}

/* Looks at the first bytes: sets the name and returns how many BOM bytes to skip. */
static encoding_status detect(encoding_decoder *d, const unsigned char *p, size_t n,
                              size_t *skip)
{
    *skip = 0;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        d->name = "UTF-16LE";
        return ENCODING_UNSUPPORTED;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        d->name = "UTF-16BE";
        return ENCODING_UNSUPPORTED;
    }
    d->name = "UTF-8";
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        d->bom = true;
        *skip = 3;
    }
    return ENCODING_OK;
}

/* Validates p[0..n) as UTF-8 without NUL bytes; on failure stores the bad offset. */
static bool valid_text(const unsigned char *p, size_t n, size_t *bad)
{
    const unsigned char *nul = memchr(p, 0, n);
    size_t limit = nul ? (size_t)(nul - p) : n;
    if (!utf8_valid((const char *)p, limit, bad))
        return false;
    if (nul) {
        *bad = limit;
        return false;
    }
    return true;
}

encoding_status encoding_decode(encoding_decoder *d, const unsigned char *in, size_t length,
                                bool final, unsigned char *out, size_t *out_length)
{
    size_t total = d->held_length + length;
    memcpy(out, d->held, d->held_length);
    memcpy(out + d->held_length, in, length);
    uint64_t start_offset = d->offset;
    d->held_length = 0;
    *out_length = 0;
    size_t begin = 0;
    if (!d->name) {
        if (total < 4 && !final) {
            memcpy(d->held, out, total);
            d->held_length = total;
            return ENCODING_OK;
        }
        encoding_status status = detect(d, out, total, &begin);
        if (status != ENCODING_OK)
            return status;
    }
    size_t end = final ? total : begin + complete_prefix(out + begin, total - begin);
    size_t bad;
    if (!valid_text(out + begin, end - begin, &bad)) {
        d->bad_offset = start_offset + begin + bad;
        return ENCODING_INVALID;
    }
    d->held_length = total - end;
    memcpy(d->held, out + end, d->held_length);
    d->offset = start_offset + end;
    memmove(out, out + begin, end - begin);
    *out_length = end - begin;
    return ENCODING_OK;
}
