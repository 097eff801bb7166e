/*
 * encoding.c: raw bytes → UTF-8 for the CSV reader (see encoding.h).  UTF-8 is validated
 * where it lies (no copy), UTF-16 is decoded here, GB18030 goes through iconv.  Which
 * encoding a file is in is csvfile.c's to decide, from its first chunk.
 */
#include "ingest/encoding.h"

#include "model/arena.h"
#include "model/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

const char *encoding_name(encoding_id id)
{
    switch (id) {
    case ENCODING_UTF16LE: return "UTF-16LE";
    case ENCODING_UTF16BE: return "UTF-16BE";
    case ENCODING_GB18030: return "GB18030";
    default: return "UTF-8";
    }
}

static void learn_pairs(void);

static size_t bom_length(encoding_id id)
{
    return id == ENCODING_UTF8 ? 3 : id == ENCODING_GB18030 ? 0 : 2;
}

void encoding_init(encoding_decoder *d, encoding_id id, bool bom)
{
    memset(d, 0, sizeof *d);
    d->id = id;
    d->bom_left = bom ? bom_length(id) : 0;
    d->line = 1;
    if (id != ENCODING_GB18030)
        return;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1 && errno == ENOMEM)
        die_oom(); /* not a file in no encoding */
    if (cd == (iconv_t)-1) {
        d->iconv_failed = true;
        return;
    }
    d->iconv = cd;
    learn_pairs();
}

void encoding_close(encoding_decoder *d)
{
    if (d->iconv)
        iconv_close((iconv_t)d->iconv);
    free(d->work);
    d->iconv = NULL;
    d->work = NULL;
    d->work_capacity = 0;
}

/* ---- the three decoders: p[0..n) → out; *used: bytes taken (the rest is held);
 * on failure *bad is the offset of the bad byte in p and *out_length what came before */

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

/* UTF-8 is checked where it lies: *good bytes of p are valid (all of them, or those
 * before the bad byte). */
static encoding_status decode_utf8(const unsigned char *p, size_t n, bool final, size_t *good,
                                   size_t *used, size_t *bad)
{
    size_t end = final ? n : complete_prefix(p, n);
    const unsigned char *nul = memchr(p, 0, end);
    size_t limit = nul ? (size_t)(nul - p) : end;
    bool ok = utf8_valid((const char *)p, limit, bad);
    if (ok && nul) {
        ok = false;
        *bad = limit;
    }
    *good = ok ? end : *bad;
    *used = end;
    return ok ? ENCODING_OK : ENCODING_INVALID;
}

static unsigned unit_at(const unsigned char *p, encoding_id id)
{
    return id == ENCODING_UTF16LE ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static encoding_status decode_utf16(encoding_id id, const unsigned char *p, size_t n,
                                    bool final, unsigned char *out, size_t *out_length,
                                    size_t *used, size_t *bad)
{
    size_t i = 0, written = 0;
    encoding_status status = ENCODING_OK;
    while (i + 2 <= n) {
        uint32_t cp = unit_at(p + i, id);
        size_t step = 2;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 4 > n)
                break; /* the low half is in the next chunk */
            unsigned low = unit_at(p + i + 2, id);
            if (low < 0xDC00 || low > 0xDFFF) {
                status = ENCODING_INVALID;
                break;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            step = 4;
        } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
            status = ENCODING_INVALID;
            break;
        }
        written += utf8_put((char *)out + written, cp);
        i += step;
    }
    if (status == ENCODING_OK && final && i < n)
        status = ENCODING_INVALID; /* an odd byte or half a pair at the end */
    *out_length = written;
    *used = i;
    *bad = i;
    return status;
}

/* GB18030 through iconv, for what the pairs do not decode. */
static encoding_status decode_gb18030_iconv(encoding_decoder *d, const unsigned char *p, size_t n,
                                            bool final, unsigned char *out, size_t *out_length,
                                            size_t *used, size_t *bad)
{
    *out_length = 0;
    *used = 0;
    *bad = 0;
    char *in = (char *)p, *to = (char *)out;
    size_t in_left = n, out_left = ENCODING_OUT_ROOM(n);
    size_t result = iconv((iconv_t)d->iconv, &in, &in_left, &to, &out_left);
    int error = errno;
    size_t taken = (size_t)(in - (char *)p);
    *out_length = (size_t)(to - (char *)out);
    *used = taken;
    *bad = taken;
    const unsigned char *nul = memchr(out, 0, *out_length);
    if (nul) { /* NUL decodes from a NUL byte: find it in the input */
        const unsigned char *nul_in = memchr(p, 0, n);
        *out_length = (size_t)(nul - out);
        *bad = nul_in ? (size_t)(nul_in - p) : taken;
        return ENCODING_INVALID;
    }
    if (result != (size_t)-1)
        return ENCODING_OK;
    if (error == EINVAL && !final)
        return ENCODING_OK; /* an unfinished sequence: held */
    return ENCODING_INVALID;
}

/* GB18030's two-byte characters (lead 0x81..0xFE, trail 0x40..0xFE but 0x7F) as iconv
 * decodes them, asked of iconv once per process: their UTF-8 (length 0: not a character,
 * left to iconv).  The rest (four-byte sequences, bad bytes, NUL) goes through iconv. */
typedef struct gb_pair {
    unsigned char length, utf8[3];
} gb_pair;

#define GB_LEADS 126
#define GB_TRAILS 191
static gb_pair *gb_pairs;

static void learn_pairs(void)
{
    if (gb_pairs)
        return;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1 && errno == ENOMEM)
        die_oom();
    if (cd == (iconv_t)-1)
        return; /* iconv alone, as it comes */
    gb_pair *pairs = calloc(GB_LEADS * GB_TRAILS, sizeof *pairs);
    if (!pairs)
        die_oom();
    for (unsigned lead = 0; lead < GB_LEADS; lead++) {
        for (unsigned trail = 0; trail < GB_TRAILS; trail++) {
            char in[2] = {(char)(0x81 + lead), (char)(0x40 + trail)}, utf8[8];
            char *from = in, *to = utf8;
            size_t in_left = 2, out_left = sizeof utf8;
            gb_pair *pair = &pairs[lead * GB_TRAILS + trail];
            if (in[1] == 0x7F || iconv(cd, &from, &in_left, &to, &out_left) == (size_t)-1 ||
                in_left != 0 || (size_t)(to - utf8) > sizeof pair->utf8)
                continue;
            pair->length = (unsigned char)(to - utf8);
            memcpy(pair->utf8, utf8, pair->length);
        }
    }
    iconv_close(cd);
    gb_pairs = pairs;
}

/* The longest prefix of p[0..n) of ASCII (not NUL) and known pairs, decoded into out;
 * returns its length and stores the bytes written in *written. */
static size_t decode_gb_pairs(const unsigned char *p, size_t n, unsigned char *out, size_t *written)
{
    size_t i = 0, w = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80 && c != 0) {
            out[w++] = c;
            i++;
            continue;
        }
        if (c < 0x81 || c == 0xFF || i + 1 >= n || p[i + 1] < 0x40 || p[i + 1] == 0xFF)
            break;
        const gb_pair *pair = &gb_pairs[(c - 0x81) * GB_TRAILS + (p[i + 1] - 0x40)];
        if (pair->length == 0)
            break;
        memcpy(out + w, pair->utf8, 3);
        w += pair->length;
        i += 2;
    }
    *written = w;
    return i;
}

static encoding_status decode_gb18030(encoding_decoder *d, const unsigned char *p, size_t n,
                                      bool final, unsigned char *out, size_t *out_length,
                                      size_t *used, size_t *bad)
{
    *out_length = 0;
    *used = 0;
    *bad = 0;
    if (d->iconv_failed)
        return n > 0 ? ENCODING_INVALID : ENCODING_OK;
    if (gb_pairs) {
        size_t written, skip = decode_gb_pairs(p, n, out, &written);
        encoding_status status = decode_gb18030_iconv(d, p + skip, n - skip, final, out + written,
                                                      out_length, used, bad);
        *out_length += written;
        *used += skip;
        *bad += skip;
        return status;
    }
    return decode_gb18030_iconv(d, p, n, final, out, out_length, used, bad);
}

long encoding_line_ends(const unsigned char *p, size_t n, bool *last_was_cr)
{
    if (n == 0)
        return 0;
    long ends = 0;
    const unsigned char *end = p + n;
    for (const unsigned char *q = p; (q = memchr(q, '\r', (size_t)(end - q))) != NULL; q++)
        ends++;
    for (const unsigned char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
        if (!(q > p ? q[-1] == '\r' : *last_was_cr))
            ends++;
    *last_was_cr = end[-1] == '\r';
    return ends;
}

static void grow_work(encoding_decoder *d, size_t total)
{
    if (total <= d->work_capacity)
        return;
    size_t capacity = d->work_capacity ? d->work_capacity : 1024;
    while (capacity < total)
        capacity *= 2;
    unsigned char *work = realloc(d->work, capacity);
    if (!work)
        die_oom();
    d->work = work;
    d->work_capacity = capacity;
}

encoding_status encoding_decode_span(encoding_decoder *d, const unsigned char *in,
                                     size_t length, bool final, unsigned char *out,
                                     const unsigned char **text, size_t *out_length)
{
    size_t total = d->held_length + length;
    const unsigned char *base = in;
    if (d->held_length > 0 || !in) {
        grow_work(d, total > 0 ? total : 1); /* never a NULL buffer, even for no bytes */
        if (d->held_length > 0)
            memcpy(d->work, d->held, d->held_length);
        if (length > 0)
            memcpy(d->work + d->held_length, in, length);
        base = d->work;
    }
    size_t begin = d->bom_left < total ? d->bom_left : total;
    d->bom_left -= begin;
    const unsigned char *p = base + begin;
    size_t n = total - begin, used = 0, bad = 0;
    encoding_status status;
    *text = out;
    if (d->id == ENCODING_UTF8) {
        status = decode_utf8(p, n, final, out_length, &used, &bad);
        *text = p;
    } else if (d->id == ENCODING_GB18030) {
        status = decode_gb18030(d, p, n, final, out, out_length, &used, &bad);
    } else {
        status = decode_utf16(d->id, p, n, final, out, out_length, &used, &bad);
    }
    d->line += encoding_line_ends(*text, *out_length, &d->last_was_cr);
    if (status != ENCODING_OK) {
        d->bad_offset = d->offset + begin + bad;
        d->bad_line = d->line;
        return status;
    }
    d->held_length = n - used;
    if (d->held_length > sizeof d->held)
        die_oom(); /* cannot happen: no decoder holds more than 3 bytes */
    memcpy(d->held, p + used, d->held_length);
    d->offset += begin + used;
    return ENCODING_OK;
}

encoding_status encoding_decode(encoding_decoder *d, const unsigned char *in, size_t length,
                                bool final, unsigned char *out, size_t *out_length)
{
    const unsigned char *text;
    encoding_status status = encoding_decode_span(d, in, length, final, out, &text, out_length);
    if (text != out && *out_length > 0)
        memmove(out, text, *out_length);
    return status;
}
