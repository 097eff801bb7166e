/*
 * biff.c: the BIFF8 record reader (see biff.h).  A record is a type, a length and that
 * many bytes; a string may go on in the CONTINUE records after it.  Every read is
 * checked against its record and every record against the stream; every walk moves
 * forward, so no input makes it read out of bounds or go round in circles.
 */
#include "ingest/biff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    REC_FORMULA = 0x0006, REC_EOF = 0x000A, REC_DATEMODE = 0x0022, REC_FILEPASS = 0x002F,
    REC_CONTINUE = 0x003C, REC_BOUNDSHEET = 0x0085, REC_MULRK = 0x00BD, REC_RSTRING = 0x00D6,
    REC_XF = 0x00E0, REC_MERGEDCELLS = 0x00E5, REC_SST = 0x00FC, REC_LABELSST = 0x00FD,
    REC_NUMBER = 0x0203, REC_LABEL = 0x0204, REC_BOOLERR = 0x0205, REC_STRING = 0x0207,
    REC_RK = 0x027E, REC_FORMAT = 0x041E, REC_BOF = 0x0809
};

#define BIFF8 0x0600
#define SHEET_WORKSHEET 0
#define FORMAT_IDS 65536
#define BROKEN_GLOBALS "不是有效的.xls工作簿或文件已损坏（工作簿记录不完整）" BIFF_RESAVE
#define NO_SHEET_DATA "工作簿中找不到这张工作表的内容" BIFF_RESAVE
#define SHEET_CUT_SHORT "这张工作表的记录不完整（文件可能已损坏）" BIFF_RESAVE
#define SHEETS_OVERLAP "这张工作表与其他工作表的记录重叠（文件已损坏）" BIFF_RESAVE

static unsigned u16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static double f64(const unsigned char *p)
{
    uint64_t bits = (uint64_t)u32(p + 4) << 32 | u32(p);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* ---- records ---- */

typedef struct records {
    const unsigned char *stream;
    size_t size;
    size_t next; /* where the next record's header stands */
    unsigned type;
    const unsigned char *data; /* the current record's bytes */
    size_t length, at;
} records;

static bool next_record(records *r)
{
    if (r->next > r->size || r->size - r->next < 4)
        return false;
    const unsigned char *header = r->stream + r->next;
    size_t length = u16(header + 2);
    if (r->size - r->next - 4 < length)
        return false;
    r->type = u16(header);
    r->data = header + 4;
    r->length = length;
    r->at = 0;
    r->next += 4 + length;
    return true;
}

/* Moves into the CONTINUE record that follows, if one does. */
static bool into_continue(records *r)
{
    records peek = *r;
    if (!next_record(&peek) || peek.type != REC_CONTINUE)
        return false;
    *r = peek;
    return true;
}

/* Reads n bytes at the cursor into out (or skips them when out is NULL), going on into
 * CONTINUE records. */
static bool take(records *r, unsigned char *out, size_t n)
{
    while (n > 0) {
        if (r->at == r->length && !into_continue(r))
            return false;
        size_t k = r->length - r->at < n ? r->length - r->at : n;
        if (out) {
            memcpy(out, r->data + r->at, k);
            out += k;
        }
        r->at += k;
        n -= k;
    }
    return true;
}

/* ---- strings ---- */

typedef struct book {
    const unsigned char *stream;
    size_t size;
    workbook *w;
    vec strings;          /* const char *: the shared strings */
    vec xf_formats;       /* unsigned: the format number of each XF */
    vec formats;          /* number_format of each XF */
    const char **codes;   /* the FORMAT records' codes, by format number */
    vec sheets;           /* sheet_entry */
    char *text;           /* a string being decoded */
    size_t text_capacity;
    long cells;           /* cells put, all sheets together */
    size_t records_left;  /* records the sheets may still walk: no more than the stream
                             holds, however many sheets point at the same records */
} book;

typedef struct utf8_out {
    char *text;
    size_t used;
    unsigned high; /* a high surrogate waiting for its pair */
} utf8_out;

static void put_code(utf8_out *o, uint32_t c)
{
    char *p = o->text + o->used;
    if (c < 0x80) {
        p[0] = (char)c;
        o->used += 1;
    } else if (c < 0x800) {
        p[0] = (char)(0xC0 | c >> 6);
        p[1] = (char)(0x80 | (c & 0x3F));
        o->used += 2;
    } else if (c < 0x10000) {
        p[0] = (char)(0xE0 | c >> 12);
        p[1] = (char)(0x80 | (c >> 6 & 0x3F));
        p[2] = (char)(0x80 | (c & 0x3F));
        o->used += 3;
    } else {
        p[0] = (char)(0xF0 | c >> 18);
        p[1] = (char)(0x80 | (c >> 12 & 0x3F));
        p[2] = (char)(0x80 | (c >> 6 & 0x3F));
        p[3] = (char)(0x80 | (c & 0x3F));
        o->used += 4;
    }
}

/* One UTF-16 code unit: at most 3 bytes of UTF-8 a unit, whatever the units are. */
static void put_unit(utf8_out *o, unsigned unit)
{
    if (o->high) {
        unsigned high = o->high;
        o->high = 0;
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            put_code(o, 0x10000 + ((uint32_t)(high - 0xD800) << 10) + (unit - 0xDC00));
            return;
        }
        put_code(o, 0xFFFD);
    }
    if (unit >= 0xD800 && unit <= 0xDBFF)
        o->high = unit;
    else if (unit >= 0xDC00 && unit <= 0xDFFF)
        put_code(o, 0xFFFD);
    else if (unit != 0)
        put_code(o, unit);
}

/* A string of count characters whose flags byte is at the cursor: one or two bytes a
 * character, rich-text runs and extra data after them (skipped).  Characters that go on
 * in a CONTINUE record start it with a new flags byte.  Returns it in the workbook's
 * memory, or NULL when the records end before it does. */
static const char *read_string(book *b, records *r, size_t count)
{
    unsigned char flags, extra[4];
    size_t runs = 0, ext = 0;
    if (!take(r, &flags, 1))
        return NULL;
    if (flags & 0x08) {
        if (!take(r, extra, 2))
            return NULL;
        runs = u16(extra);
    }
    if (flags & 0x04) {
        if (!take(r, extra, 4))
            return NULL;
        ext = u32(extra);
    }
    if (b->text_capacity < count * 3 + 1) {
        b->text_capacity = count * 3 + 1;
        b->text = die_realloc(b->text, b->text_capacity);
    }
    utf8_out o = {b->text, 0, 0};
    bool wide = flags & 0x01;
    while (count > 0) {
        if (r->at == r->length) {
            if (!into_continue(r) || r->length == 0)
                return NULL;
            wide = r->data[0] & 0x01;
            r->at = 1;
        } else if (!wide) {
            put_unit(&o, r->data[r->at++]);
            count--;
        } else if (r->length - r->at >= 2) {
            put_unit(&o, u16(r->data + r->at));
            r->at += 2;
            count--;
        } else {
            return NULL;
        }
    }
    if (o.high)
        put_code(&o, 0xFFFD);
    if (!take(r, NULL, runs * 4 + ext))
        return NULL;
    return arena_strndup(b->w->memory, o.text, o.used);
}

/* ---- the workbook's globals ---- */

typedef struct sheet_entry {
    size_t offset; /* of the sheet's BOF record */
    unsigned type;
    bool hidden;
    const char *name;
} sheet_entry;

static void read_shared_strings(book *b, records r)
{
    r.at = 8; /* after the total and the unique count */
    uint32_t unique = r.length >= 8 ? u32(r.data + 4) : 0;
    for (uint32_t i = 0; i < unique; i++) {
        unsigned char count[2];
        const char *text = take(&r, count, 2) ? read_string(b, &r, u16(count)) : NULL;
        if (!text)
            return;
        *(const char **)vec_push(&b->strings) = text;
    }
}

static void read_format(book *b, records r)
{
    if (r.length < 5)
        return;
    r.at = 4;
    const char *code = read_string(b, &r, u16(r.data + 2));
    if (code)
        b->codes[u16(r.data)] = code;
}

static bool read_boundsheet(book *b, records r)
{
    if (r.length < 8)
        return true;
    if (b->sheets.count >= WORKBOOK_MAX_SHEETS)
        return false;
    sheet_entry *e = vec_push(&b->sheets);
    e->offset = u32(r.data);
    e->hidden = (r.data[4] & 0x03) != 0;
    e->type = r.data[5];
    r.at = 7;
    e->name = read_string(b, &r, r.data[6]);
    return true;
}

/* The number format of every XF, from its FORMAT record or as built in. */
static void resolve_formats(book *b)
{
    for (size_t i = 0; i < b->xf_formats.count; i++) {
        unsigned id = *(const unsigned *)vec_at(&b->xf_formats, i);
        *(number_format *)vec_push(&b->formats) =
            b->codes[id] ? workbook_format_of_code(b->codes[id]) : workbook_format_builtin((int)id);
    }
}

static const char *read_globals(book *b)
{
    records r = {b->stream, b->size, 0, 0, NULL, 0, 0};
    if (!next_record(&r) || r.type != REC_BOF || r.length < 4)
        return BROKEN_GLOBALS;
    if (u16(r.data) != BIFF8)
        return BIFF_OLD_REASON;
    while (next_record(&r)) {
        switch (r.type) {
        case REC_EOF:
            resolve_formats(b);
            return NULL;
        case REC_FILEPASS:
            return BIFF_ENCRYPTED_REASON;
        case REC_DATEMODE:
            b->w->date1904 = r.length >= 2 && u16(r.data) != 0;
            break;
        case REC_FORMAT:
            read_format(b, r);
            break;
        case REC_XF:
            if (r.length >= 4)
                *(unsigned *)vec_push(&b->xf_formats) = u16(r.data + 2);
            break;
        case REC_BOUNDSHEET:
            if (!read_boundsheet(b, r))
                return "工作簿中的工作表超过256个，拒绝读取";
            break;
        case REC_SST:
            read_shared_strings(b, r);
            break;
        default:
            break;
        }
    }
    return BROKEN_GLOBALS;
}

/* ---- a sheet's cells ---- */

typedef struct sheet_reader {
    book *b;
    workbook_sheet *ws;
    long string_row; /* the formula whose string result the next STRING record holds */
    int string_column;
} sheet_reader;

static void put_text(sheet_reader *s, unsigned row, unsigned column, sheet_cell_kind kind,
                     const char *text)
{
    s->b->cells++;
    workbook_put(s->b->w, s->ws, (long)row + 1, (int)column, kind, text);
}

static void put_number(sheet_reader *s, unsigned row, unsigned column, unsigned xf, double value)
{
    const vec *formats = &s->b->formats;
    number_format general = workbook_format_builtin(0);
    const number_format *format = xf < formats->count ? vec_at(formats, xf) : &general;
    s->b->cells++;
    workbook_put_number(s->b->w, s->ws, (long)row + 1, (int)column, value, format);
}

static double rk_value(uint32_t rk)
{
    double value;
    if (rk & 0x02) {
        value = (int32_t)(rk & 0xFFFFFFFCu) / 4; /* a 30-bit integer */
    } else {
        uint64_t bits = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
        memcpy(&value, &bits, sizeof value);
    }
    return rk & 0x01 ? value / 100 : value;
}

static const char *error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return "#VALUE!";
    }
}

static void put_boolean_or_error(sheet_reader *s, const unsigned char *d, unsigned value,
                                 bool error)
{
    if (error)
        put_text(s, u16(d), u16(d + 2), SHEET_CELL_ERROR, error_text(value));
    else
        put_text(s, u16(d), u16(d + 2), SHEET_CELL_TEXT, value ? "TRUE" : "FALSE");
}

/* A formula's cached result: a number under its format, a boolean, an error, an empty
 * string, or a string held by the STRING record that follows. */
static void read_formula(sheet_reader *s, const unsigned char *d)
{
    const unsigned char *result = d + 6;
    if (u16(result + 6) != 0xFFFF) {
        put_number(s, u16(d), u16(d + 2), u16(d + 4), f64(result));
    } else if (result[0] == 0) {
        s->string_row = u16(d);
        s->string_column = (int)u16(d + 2);
    } else if (result[0] == 1 || result[0] == 2) {
        put_boolean_or_error(s, d, result[2], result[0] == 2);
    }
}

static void read_merges(sheet_reader *s, const unsigned char *d, size_t length)
{
    size_t count = length >= 2 ? u16(d) : 0;
    for (size_t i = 0; i < count && 2 + (i + 1) * 8 <= length; i++) {
        const unsigned char *m = d + 2 + i * 8;
        workbook_merge area = {(long)u16(m) + 1, (long)u16(m + 2) + 1, (int)u16(m + 4), (int)u16(m + 6)};
        if (area.bottom < area.top || area.right < area.left)
            continue;
        if (s->ws->merges.count >= WORKBOOK_MAX_MERGES) {
            s->ws->error = arena_printf(s->b->w->memory, "工作表的合并单元格数超过上限%d，拒绝读取",
                                        WORKBOOK_MAX_MERGES);
            return;
        }
        *(workbook_merge *)vec_push(&s->ws->merges) = area;
    }
}

static void read_cell(sheet_reader *s, records *r)
{
    const unsigned char *d = r->data;
    size_t n = r->length;
    const vec *strings = &s->b->strings;
    if (r->type == REC_NUMBER && n >= 14) {
        put_number(s, u16(d), u16(d + 2), u16(d + 4), f64(d + 6));
    } else if (r->type == REC_RK && n >= 10) {
        put_number(s, u16(d), u16(d + 2), u16(d + 4), rk_value(u32(d + 6)));
    } else if (r->type == REC_MULRK && n >= 6) {
        unsigned column = u16(d + 2);
        for (size_t at = 4; at + 6 <= n - 2; at += 6)
            put_number(s, u16(d), column++, u16(d + at), rk_value(u32(d + at + 2)));
    } else if (r->type == REC_LABELSST && n >= 10) {
        uint32_t index = u32(d + 6);
        if (index < strings->count)
            put_text(s, u16(d), u16(d + 2), SHEET_CELL_TEXT, *(const char **)vec_at(strings, index));
        else
            put_text(s, u16(d), u16(d + 2), SHEET_CELL_ERROR, "#REF!"); /* no such string */
    } else if ((r->type == REC_LABEL || r->type == REC_RSTRING) && n >= 9) {
        r->at = 8;
        const char *text = read_string(s->b, r, u16(d + 6));
        if (text)
            put_text(s, u16(d), u16(d + 2), SHEET_CELL_TEXT, text);
    } else if (r->type == REC_BOOLERR && n >= 8) {
        put_boolean_or_error(s, d, d[6], d[7] != 0);
    } else if (r->type == REC_FORMULA && n >= 20) {
        read_formula(s, d);
    } else if (r->type == REC_STRING && n >= 3 && s->string_row >= 0) {
        r->at = 2;
        const char *text = read_string(s->b, r, u16(d));
        if (text)
            put_text(s, (unsigned)s->string_row, (unsigned)s->string_column, SHEET_CELL_TEXT, text);
        s->string_row = -1;
    } else if (r->type == REC_MERGEDCELLS) {
        read_merges(s, d, n);
    }
}

/* The records from the sheet's BOF to its EOF; those of a chart inside it (a BOF of
 * its own) are passed over. */
static void read_sheet(book *b, const sheet_entry *e, workbook_sheet *ws)
{
    records r = {b->stream, b->size, e->offset, 0, NULL, 0, 0};
    if (!next_record(&r) || r.type != REC_BOF) {
        ws->error = NO_SHEET_DATA;
        return;
    }
    sheet_reader s = {b, ws, -1, 0};
    size_t depth = 0;
    while (next_record(&r)) {
        if (b->records_left == 0) {
            ws->error = SHEETS_OVERLAP;
            return;
        }
        b->records_left--;
        if (r.type == REC_BOF) {
            depth++;
        } else if (r.type == REC_EOF) {
            if (depth == 0)
                return;
            depth--;
        } else if (depth == 0) {
            read_cell(&s, &r);
            if (ws->error)
                return;
            if (b->cells > WORKBOOK_MAX_CELLS) {
                ws->error = arena_printf(b->w->memory, "工作表的单元格数超过上限%ld，拒绝读取",
                                         WORKBOOK_MAX_CELLS);
                return;
            }
        }
    }
    ws->error = SHEET_CUT_SHORT;
}

const char *biff_read(const unsigned char *stream, size_t size, workbook *w)
{
    book b = {.stream = stream, .size = size, .w = w, .records_left = size / 4};
    vec_init(&b.strings, sizeof(const char *));
    vec_init(&b.xf_formats, sizeof(unsigned));
    vec_init(&b.formats, sizeof(number_format));
    vec_init(&b.sheets, sizeof(sheet_entry));
    b.codes = calloc(FORMAT_IDS, sizeof *b.codes);
    if (!b.codes)
        die_oom();
    const char *reason = read_globals(&b);
    for (size_t i = 0; !reason && i < b.sheets.count; i++) {
        const sheet_entry *e = vec_at(&b.sheets, i);
        workbook_sheet *ws = workbook_add_sheet(w, e->name ? e->name : "?", e->hidden);
        if (!e->hidden && e->type == SHEET_WORKSHEET)
            read_sheet(&b, e, ws);
    }
    vec_free(&b.strings);
    vec_free(&b.xf_formats);
    vec_free(&b.formats);
    vec_free(&b.sheets);
    free(b.codes);
    free(b.text);
    return reason;
}
