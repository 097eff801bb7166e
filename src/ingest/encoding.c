/*
 * encoding.c: raw bytes → UTF-8 for the CSV reader (see encoding.h).  UTF-8 is validated
 * as it passes, UTF-16 is decoded here, GB18030 goes through iconv.  The probe runs the
 * decoders that the rule allows over the whole file once, so that the reader never has
 * to take back a row it already passed on.
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
    if (cd == (iconv_t)-1)
        d->iconv_failed = true;
    else
        d->iconv = cd;
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

static encoding_status decode_utf8(const unsigned char *p, size_t n, bool final,
                                   unsigned char *out, size_t *out_length, size_t *used,
                                   size_t *bad)
{
    size_t end = final ? n : complete_prefix(p, n);
    const unsigned char *nul = memchr(p, 0, end);
    size_t limit = nul ? (size_t)(nul - p) : end;
    bool ok = utf8_valid((const char *)p, limit, bad);
    if (ok && nul) {
        ok = false;
        *bad = limit;
    }
    size_t good = ok ? end : *bad;
    memcpy(out, p, good);
    *out_length = good;
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

static encoding_status decode_gb18030(encoding_decoder *d, const unsigned char *p, size_t n,
                                      bool final, unsigned char *out, size_t *out_length,
                                      size_t *used, size_t *bad)
{
    *out_length = 0;
    *used = 0;
    *bad = 0;
    if (d->iconv_failed)
        return n > 0 ? ENCODING_INVALID : ENCODING_OK;
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

static void count_lines(encoding_decoder *d, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\r' || (p[i] == '\n' && !d->last_was_cr))
            d->line++;
        d->last_was_cr = p[i] == '\r';
    }
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

encoding_status encoding_decode(encoding_decoder *d, const unsigned char *in, size_t length,
                                bool final, unsigned char *out, size_t *out_length)
{
    size_t total = d->held_length + length;
    grow_work(d, total > 0 ? total : 1); /* never a NULL buffer, even for no bytes */
    if (d->held_length > 0)
        memcpy(d->work, d->held, d->held_length);
    if (length > 0)
        memcpy(d->work + d->held_length, in, length);
    size_t begin = d->bom_left < total ? d->bom_left : total;
    d->bom_left -= begin;
    const unsigned char *p = d->work + begin;
    size_t n = total - begin, used = 0, bad = 0;
    encoding_status status;
    if (d->id == ENCODING_UTF8)
        status = decode_utf8(p, n, final, out, out_length, &used, &bad);
    else if (d->id == ENCODING_GB18030)
        status = decode_gb18030(d, p, n, final, out, out_length, &used, &bad);
    else
        status = decode_utf16(d->id, p, n, final, out, out_length, &used, &bad);
    count_lines(d, out, *out_length);
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

/* ---- the probe ---- */

void encoding_probe_init(encoding_probe *p)
{
    memset(p, 0, sizeof *p);
    p->raw_line = 1;
}

static void ensure_out(encoding_probe *p, size_t length)
{
    size_t need = ENCODING_OUT_ROOM(length);
    if (need <= p->out_capacity)
        return;
    free(p->out);
    p->out = malloc(need);
    if (!p->out)
        die_oom();
    p->out_capacity = need;
}

/* Looks at the first bytes: a BOM picks the one decoder; else UTF-8 and GB18030 race. */
static void start(encoding_probe *p)
{
    const unsigned char *s = p->start;
    size_t n = p->start_length;
    p->started = true;
    p->first_alive = true;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        p->bom = true;
        encoding_init(&p->first, ENCODING_UTF8, true);
    } else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        p->bom = true;
        encoding_init(&p->first, s[0] == 0xFF ? ENCODING_UTF16LE : ENCODING_UTF16BE, true);
    } else {
        encoding_init(&p->first, ENCODING_UTF8, false);
        encoding_init(&p->second, ENCODING_GB18030, false);
        p->second_alive = true;
    }
}

/* Without a BOM, a NUL byte ends the probe; lines are counted in the raw bytes, which
 * UTF-8 and GB18030 share for CR and LF. */
static void scan_raw(encoding_probe *p, const unsigned char *bytes, size_t length)
{
    const unsigned char *nul = memchr(bytes, 0, length);
    size_t limit = nul ? (size_t)(nul - bytes) : length;
    for (size_t i = 0; i < limit; i++) {
        if (bytes[i] == '\r' || (bytes[i] == '\n' && !p->raw_last_cr))
            p->raw_line++;
        p->raw_last_cr = bytes[i] == '\r';
    }
    if (nul) {
        p->nul = true;
        p->nul_offset = p->raw_offset + limit;
        p->nul_line = p->raw_line;
        p->first_alive = p->second_alive = false;
    }
}

static void run(encoding_probe *p, const unsigned char *bytes, size_t length, bool final)
{
    if (!p->bom && !p->nul)
        scan_raw(p, bytes, length);
    p->raw_offset += length;
    ensure_out(p, length);
    size_t n;
    if (p->first_alive &&
        encoding_decode(&p->first, bytes, length, final, p->out, &n) != ENCODING_OK)
        p->first_alive = false;
    if (p->second_alive &&
        encoding_decode(&p->second, bytes, length, final, p->out, &n) != ENCODING_OK)
        p->second_alive = false;
}

void encoding_probe_feed(encoding_probe *p, const unsigned char *bytes, size_t length,
                         bool final)
{
    if (!p->started) {
        size_t take = sizeof p->start - p->start_length;
        if (take > length)
            take = length;
        memcpy(p->start + p->start_length, bytes, take);
        p->start_length += take;
        bytes += take;
        length -= take;
        if (p->start_length < sizeof p->start && !final)
            return;
        start(p);
        run(p, p->start, p->start_length, final && length == 0);
        if (length == 0)
            return;
    }
    run(p, bytes, length, final);
}

static void invalid(encoding_verdict *v, const encoding_decoder *d, const char *tried)
{
    v->kind = ENCODING_VERDICT_INVALID;
    v->bad_offset = d->bad_offset;
    v->bad_line = d->bad_line;
    v->tried = tried;
}

void encoding_probe_finish(encoding_probe *p, encoding_verdict *v)
{
    if (!p->started)
        encoding_probe_feed(p, NULL, 0, true);
    memset(v, 0, sizeof *v);
    v->kind = ENCODING_VERDICT_OK;
    v->id = p->first.id;
    v->bom = p->bom;
    if (p->nul) {
        v->kind = ENCODING_VERDICT_NUL;
        v->bad_offset = p->nul_offset;
        v->bad_line = p->nul_line;
    } else if (p->bom) {
        if (!p->first_alive)
            invalid(v, &p->first, encoding_name(p->first.id));
    } else if (p->first_alive) {
        v->gb18030_too = p->second_alive;
    } else if (p->second_alive) {
        v->id = ENCODING_GB18030;
    } else {
        /* the decoder that got further is the likelier encoding: name its bad byte */
        const encoding_decoder *d =
            p->second.bad_offset > p->first.bad_offset ? &p->second : &p->first;
        invalid(v, d, "UTF-8或GB18030");
    }
    encoding_close(&p->first);
    encoding_close(&p->second);
    free(p->out);
    p->out = NULL;
}
