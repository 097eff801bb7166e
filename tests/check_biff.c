/*
 * check_biff.c: .xls files built here byte by byte (BIFF8 records in an OLE compound
 * file) → the workbook the .xls reader hands over: every cell type, a formula's cached
 * result, merges, hidden sheets, percent formats, the date system; encrypted workbooks
 * (also one that LibreOffice saved with a password) and old ones refused by name; and
 * broken files (looping sector chains, records past their end, lying counts, every
 * truncation and many corruptions of LibreOffice's files) refused or read in part, never
 * a crash.  Runs from the repository root.
 */
#include "testutil.h"
#include "ingest/ingest.h"
#include "ingest/workbook.h"
#include "ingest/xls.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE "tests/data/workbooks/2015-09/信息经济.xls"
#define END_OF_CHAIN 0xFFFFFFFEu
#define FAT_SECTOR 0xFFFFFFFDu
#define NO_SECTOR 0xFFFFFFFFu

enum {
    FORMULA = 0x0006, END = 0x000A, DATEMODE = 0x0022, FILEPASS = 0x002F, CONTINUE = 0x003C,
    BOUNDSHEET = 0x0085, MULRK = 0x00BD, XF = 0x00E0, MERGEDCELLS = 0x00E5, SST = 0x00FC,
    LABELSST = 0x00FD, NUMBER = 0x0203, LABEL = 0x0204, BOOLERR = 0x0205, STRING = 0x0207,
    RK = 0x027E, FORMAT = 0x041E, BOF = 0x0809
};

static arena memory;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
}

static void teardown(void)
{
    arena_free(&memory);
}

/* ---- bytes ---- */

typedef struct bytes {
    unsigned char *data;
    size_t length, capacity;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    if (b->length + n > b->capacity) {
        b->capacity = (b->length + n) * 2 + 64;
        b->data = realloc(b->data, b->capacity);
        ck_assert_ptr_nonnull(b->data);
    }
    memcpy(b->data + b->length, p, n);
    b->length += n;
}

static void put8(bytes *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static void put16(bytes *b, unsigned v)
{
    put8(b, v & 0xFF);
    put8(b, v >> 8 & 0xFF);
}

static void put32(bytes *b, uint32_t v)
{
    put16(b, v & 0xFFFF);
    put16(b, v >> 16);
}

static void put_double(bytes *b, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    put32(b, (uint32_t)bits);
    put32(b, (uint32_t)(bits >> 32));
}

static void set32(bytes *b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b->data[at + i] = (unsigned char)(v >> 8 * i);
}

/* The characters of a string (BMP UTF-8) as BIFF8 stores them: one byte each when all
 * are below U+0100 (flags 0), else UTF-16LE (flags 1).  Returns the count. */
static size_t put_chars(bytes *b, const char *text, bool with_flags)
{
    unsigned units[256];
    size_t n = 0;
    bool wide = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; n++) {
        if (*p < 0x80) {
            units[n] = *p++;
        } else if (*p < 0xE0) {
            units[n] = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
            p += 2;
        } else {
            units[n] = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
            p += 3;
        }
        wide |= units[n] > 0xFF;
    }
    if (with_flags)
        put8(b, wide);
    for (size_t i = 0; i < n; i++)
        wide ? put16(b, units[i]) : put8(b, units[i]);
    return n;
}

static size_t char_count(const char *text)
{
    bytes scratch_bytes = {0};
    size_t n = put_chars(&scratch_bytes, text, false);
    free(scratch_bytes.data);
    return n;
}

/* An XLUnicodeString: 16-bit count, flags, characters. */
static void put_string(bytes *b, const char *text)
{
    put16(b, (unsigned)char_count(text));
    put_chars(b, text, true);
}

static void record(bytes *stream, unsigned type, const bytes *body)
{
    put16(stream, type);
    put16(stream, (unsigned)body->length);
    put(stream, body->data, body->length);
}

/* A record whose body is the given bytes. */
static void raw(bytes *stream, unsigned type, const void *body, size_t length)
{
    bytes b = {(unsigned char *)body, length, length};
    record(stream, type, &b);
}

static void bof(bytes *stream, unsigned version, unsigned kind)
{
    unsigned char body[16] = {version & 0xFF, version >> 8, kind & 0xFF, kind >> 8};
    raw(stream, BOF, body, sizeof body);
}

/* A cell record: row, column, XF, then tail (size bytes). */
static void cell(bytes *stream, unsigned type, unsigned row, unsigned column, unsigned xf,
                 const bytes *tail)
{
    bytes b = {0};
    put16(&b, row);
    put16(&b, column);
    put16(&b, xf);
    put(&b, tail->data, tail->length);
    record(stream, type, &b);
    free(b.data);
}

static void number(bytes *stream, unsigned row, unsigned column, unsigned xf, double value)
{
    bytes t = {0};
    put_double(&t, value);
    cell(stream, NUMBER, row, column, xf, &t);
    free(t.data);
}

/* A FORMULA record whose cached result is the 8 bytes given (a number, or a tag). */
static void formula(bytes *stream, unsigned row, unsigned column, unsigned xf, const bytes *result)
{
    bytes t = {0};
    put(&t, result->data, 8);
    put16(&t, 0);          /* flags */
    put32(&t, 0);          /* chn */
    put16(&t, 3);          /* the formula's tokens: 3 bytes */
    put8(&t, 0x1E);        /* tInt 1 */
    put16(&t, 1);
    cell(stream, FORMULA, row, column, xf, &t);
    free(t.data);
}

static void formula_tagged(bytes *stream, unsigned row, unsigned column, unsigned tag, unsigned value)
{
    bytes r = {0};
    put8(&r, tag);
    put8(&r, 0);
    put8(&r, value);
    put8(&r, 0);
    put16(&r, 0);
    put16(&r, 0xFFFF);
    formula(stream, row, column, 0, &r);
    free(r.data);
}

/* ---- a workbook ---- */

typedef struct sheet_spec {
    const char *name;
    unsigned state; /* 0 visible, 1 hidden, 2 very hidden */
    unsigned type;  /* 0 worksheet, 2 chart */
    bytes cells;    /* the records between the sheet's BOF and EOF */
} sheet_spec;

/* The globals: BOF, the date system, a FORMAT 0.0% (164), XFs 0 General, 1 0.0%,
 * 2 built-in 14 (a date), 3 0.00; the shared strings (an SST record of the strings given,
 * or none), the sheets; then each sheet.  Returns the stream. */
static bytes workbook_stream(bool date1904, const char *const *strings, sheet_spec *sheets,
                             size_t count)
{
    bytes s = {0}, b = {0};
    bof(&s, 0x0600, 0x0005);
    unsigned char mode[2] = {date1904, 0};
    raw(&s, DATEMODE, mode, 2);
    put16(&b, 164);
    put_string(&b, "0.0%");
    record(&s, FORMAT, &b);
    b.length = 0;
    const unsigned formats[] = {0, 164, 14, 2};
    for (size_t i = 0; i < 4; i++) {
        unsigned char xf[20] = {0, 0, formats[i] & 0xFF, formats[i] >> 8};
        raw(&s, XF, xf, sizeof xf);
    }
    if (strings) {
        size_t n = 0;
        while (strings[n])
            n++;
        put32(&b, (uint32_t)n);
        put32(&b, (uint32_t)n);
        for (size_t i = 0; i < n; i++)
            put_string(&b, strings[i]);
        record(&s, SST, &b);
        b.length = 0;
    }
    size_t *offset_at = calloc(count + 1, sizeof *offset_at);
    for (size_t i = 0; i < count; i++) {
        put32(&b, 0);
        put8(&b, sheets[i].state);
        put8(&b, sheets[i].type);
        put8(&b, (unsigned)char_count(sheets[i].name));
        put_chars(&b, sheets[i].name, true);
        offset_at[i] = s.length + 4;
        record(&s, BOUNDSHEET, &b);
        b.length = 0;
    }
    raw(&s, END, NULL, 0);
    for (size_t i = 0; i < count; i++) {
        set32(&s, offset_at[i], (uint32_t)s.length);
        bof(&s, 0x0600, 0x0010);
        put(&s, sheets[i].cells.data, sheets[i].cells.length);
        raw(&s, END, NULL, 0);
        free(sheets[i].cells.data);
    }
    free(offset_at);
    free(b.data);
    return s;
}

/* An OLE compound file (512-byte sectors) holding the stream under name: sector 0 the
 * FAT, sector 1 the directory, then the stream (padded to 4096 bytes, so that it is no
 * short stream). */
static bytes compound_file(const bytes *stream, const char *name)
{
    size_t size = stream->length < 4096 ? 4096 : stream->length;
    size_t stream_sectors = (size + 511) / 512;
    ck_assert_uint_le(stream_sectors + 2, 128);
    bytes f = {0};
    put(&f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    for (int i = 0; i < 16; i++)
        put8(&f, 0);
    put16(&f, 0x3E);
    put16(&f, 3);
    put16(&f, 0xFFFE);
    put16(&f, 9);
    put16(&f, 6);
    for (int i = 0; i < 10; i++)
        put8(&f, 0);
    put32(&f, 1);            /* FAT sectors */
    put32(&f, 1);            /* the directory's first sector */
    put32(&f, 0);
    put32(&f, 4096);         /* mini stream cutoff */
    put32(&f, END_OF_CHAIN); /* mini FAT */
    put32(&f, 0);
    put32(&f, END_OF_CHAIN); /* DIFAT */
    put32(&f, 0);
    put32(&f, 0);            /* the FAT is sector 0 */
    for (int i = 1; i < 109; i++)
        put32(&f, NO_SECTOR);
    /* sector 0: the FAT */
    put32(&f, FAT_SECTOR);
    put32(&f, END_OF_CHAIN);
    for (size_t i = 0; i < stream_sectors; i++)
        put32(&f, i + 1 == stream_sectors ? END_OF_CHAIN : (uint32_t)(i + 3));
    for (size_t i = stream_sectors + 2; i < 128; i++)
        put32(&f, NO_SECTOR);
    /* sector 1: the directory */
    const char *names[4] = {"Root Entry", name, "", ""};
    for (int e = 0; e < 4; e++) {
        size_t n = strlen(names[e]);
        for (size_t i = 0; i < 32; i++)
            put16(&f, i < n ? (unsigned char)names[e][i] : 0);
        put16(&f, n ? (unsigned)(n + 1) * 2 : 0);
        put8(&f, e == 0 ? 5 : e == 1 ? 2 : 0);
        put8(&f, 1);
        put32(&f, NO_SECTOR);
        put32(&f, NO_SECTOR);
        put32(&f, e == 0 ? 1 : NO_SECTOR);
        for (int i = 0; i < 36; i++)
            put8(&f, 0);
        put32(&f, e == 0 ? END_OF_CHAIN : e == 1 ? 2 : 0);
        put32(&f, e == 1 ? (uint32_t)size : 0);
        put32(&f, 0);
    }
    put(&f, stream->data, stream->length);
    for (size_t i = stream->length; i < stream_sectors * 512; i++)
        put8(&f, 0);
    return f;
}

/* Reads the bytes as t.xls (a temporary file): true when xls_read could; *why its one
 * message. */
static bool read_xls(const bytes *file, workbook *w, const char **why)
{
    FILE *out = tmpfile();
    ck_assert_ptr_nonnull(out);
    if (file->length > 0)
        ck_assert_uint_eq(fwrite(file->data, 1, file->length, out), file->length);
    rewind(out);
    diag_list diags;
    diag_init(&diags, &memory);
    workbook_init(w, &memory);
    bool ok = xls_read(fileno(out), "t.xls", w, &diags);
    fclose(out);
    ck_assert_uint_eq(diags.items.count, ok ? 0 : 1);
    *why = ok ? "" : diag_at(&diags, 0)->reason;
    diag_free(&diags);
    return ok;
}

#define RESAVE "，请在Excel或WPS中打开后另存为.xlsx再报送"
#define BROKEN_CONTAINER "不是有效的.xls工作簿或文件已损坏（复合文件结构无效）" RESAVE
#define BROKEN_STREAM "不是有效的.xls工作簿或文件已损坏（工作簿数据不完整）" RESAVE
#define ENCRYPTED "工作簿设有打开密码（已加密），无法读取：请在Excel或WPS中取消密码" \
                  "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再报送"
#define OLD "是Excel 95或更早的工作簿（BIFF5及以前），无法读取" RESAVE

/* Where the first record of the type stands in the stream. */
static size_t find_record(const bytes *stream, unsigned type)
{
    for (size_t at = 0; at + 4 <= stream->length;) {
        if ((stream->data[at] | stream->data[at + 1] << 8) == (int)type)
            return at;
        at += 4 + (stream->data[at + 2] | (size_t)stream->data[at + 3] << 8);
    }
    ck_abort_msg("no record %04x", type);
    return 0;
}

static void expect_refused(const bytes *file, const char *reason)
{
    workbook w;
    const char *why;
    ck_assert(!read_xls(file, &w, &why));
    ck_assert_str_eq(why, reason);
    workbook_free(&w);
}

static bool read_stream(const bytes *stream, workbook *w, const char **why)
{
    bytes file = compound_file(stream, "Workbook");
    bool ok = read_xls(&file, w, why);
    free(file.data);
    return ok;
}

/* The cell at row (1-based) and column (A = 0), or NULL. */
static const sheet_cell *at(const workbook_sheet *ws, long row, int column)
{
    for (size_t i = 0; i < ws->entries.count; i++) {
        const workbook_entry *e = vec_at(&ws->entries, i);
        if (e->row == row && e->column == column)
            return &e->cell;
    }
    return NULL;
}

static void expect_cell(const workbook_sheet *ws, long row, int column, sheet_cell_kind kind,
                        const char *text)
{
    const sheet_cell *c = at(ws, row, column);
    ck_assert_msg(c != NULL, "no cell at row %ld column %d", row, column);
    ck_assert_str_eq(c->text, text);
    ck_assert_int_eq(c->kind, kind);
}

static const workbook_sheet *sheet_of(const workbook *w, size_t index)
{
    ck_assert_uint_gt(w->sheets.count, index);
    return vec_at(&w->sheets, index);
}

/* ---- cells ---- */

START_TEST(every_cell_type_formulas_merges_and_hidden_sheets)
{
    sheet_spec sheets[3] = {{"附件2", 0, 0, {0}}, {"旧表", 1, 0, {0}}, {"图表", 0, 2, {0}}};
    bytes *c = &sheets[0].cells, t = {0};
    put32(&t, 0);
    cell(c, LABELSST, 0, 0, 0, &t);              /* A1 项目名称 */
    t.length = 0;
    put_string(&t, "智能电表");
    cell(c, LABEL, 0, 1, 0, &t);                 /* B1 */
    number(c, 1, 0, 1, 0.717);                   /* A2 under 0.0% */
    t.length = 0;
    put32(&t, 1230 << 2 | 0x03);                 /* 1230 / 100 */
    cell(c, RK, 1, 1, 0, &t);                    /* B2 12.3 */
    bytes m = {0};
    put16(&m, 1);
    put16(&m, 2);                                /* from C2 */
    put16(&m, 3);
    put32(&m, (uint32_t)(-5) << 2 | 0x02);       /* -5 under 0.00 */
    put16(&m, 0);
    put32(&m, 0x3FF00000u);                      /* 1.0 as the top of a double */
    put16(&m, 3);
    record(c, MULRK, &m);
    bytes r = {0};
    put_double(&r, 12.299999999999999);
    formula(c, 2, 0, 0, &r);                     /* A3 =… 12.3 */
    formula_tagged(c, 2, 1, 0, 0);               /* B3 a string: the STRING record */
    raw(c, 0x04BC, "\0\0\0\0\0\0\0\0", 8);       /* a shared formula between them */
    t.length = 0;
    put16(&t, 4);
    put8(&t, 0);
    put(&t, "ab", 2);                            /* "ab" then, in a CONTINUE, wide "结果" */
    record(c, STRING, &t);
    t.length = 0;
    put8(&t, 1);
    put16(&t, 0x7ED3);
    put16(&t, 0x679C);
    record(c, CONTINUE, &t);
    formula_tagged(c, 2, 2, 1, 1);               /* C3 TRUE */
    formula_tagged(c, 2, 3, 2, 0x07);            /* D3 #DIV/0! */
    formula_tagged(c, 2, 4, 3, 0);               /* E3 an empty string */
    raw(c, BOOLERR, "\x02\0\x05\0\0\0\0\0", 8);  /* F3 FALSE */
    raw(c, BOOLERR, "\x02\0\x06\0\0\0\x2A\x01", 8); /* G3 #N/A */
    t.length = 0;
    put32(&t, 7);
    cell(c, LABELSST, 2, 7, 0, &t);              /* H3: no string 7 */
    number(c, 3, 0, 2, 42277);                   /* A4 2015-09-30 */
    number(c, 3, 600, 0, 1);                     /* past the last column read */
    raw(c, MERGEDCELLS, "\x02\0" "\x04\0\x05\0\0\0\x02\0" "\x09\0\x07\0\0\0\0\0", 18);
    number(&sheets[1].cells, 0, 0, 0, 1);
    bytes stream = workbook_stream(false, (const char *[]){"项目名称", NULL}, sheets, 3);
    workbook w;
    const char *why;
    ck_assert(read_stream(&stream, &w, &why));
    ck_assert(!w.date1904);
    ck_assert_uint_eq(w.sheets.count, 3);
    const workbook_sheet *ws = sheet_of(&w, 0);
    ck_assert_str_eq(ws->name, "附件2");
    ck_assert(!ws->hidden && !ws->error);
    expect_cell(ws, 1, 0, SHEET_CELL_TEXT, "项目名称");
    expect_cell(ws, 1, 1, SHEET_CELL_TEXT, "智能电表");
    expect_cell(ws, 2, 0, SHEET_CELL_PERCENT, "71.7%");
    expect_cell(ws, 2, 1, SHEET_CELL_TEXT, "12.3");
    expect_cell(ws, 2, 2, SHEET_CELL_TEXT, "-5.00");
    expect_cell(ws, 2, 3, SHEET_CELL_TEXT, "1");
    expect_cell(ws, 3, 0, SHEET_CELL_TEXT, "12.3");
    expect_cell(ws, 3, 1, SHEET_CELL_TEXT, "ab结果");
    expect_cell(ws, 3, 2, SHEET_CELL_TEXT, "TRUE");
    expect_cell(ws, 3, 3, SHEET_CELL_ERROR, "#DIV/0!");
    ck_assert_ptr_null(at(ws, 3, 4));
    expect_cell(ws, 3, 5, SHEET_CELL_TEXT, "FALSE");
    expect_cell(ws, 3, 6, SHEET_CELL_ERROR, "#N/A");
    expect_cell(ws, 3, 7, SHEET_CELL_ERROR, "#REF!");
    expect_cell(ws, 4, 0, SHEET_CELL_DATE, "2015-09-30");
    ck_assert(ws->beyond_columns);
    ck_assert_uint_eq(ws->entries.count, 14);
    ck_assert_uint_eq(ws->merges.count, 1); /* the second is upside down */
    const workbook_merge *merge = vec_at(&ws->merges, 0);
    ck_assert(merge->top == 5 && merge->bottom == 6 && merge->left == 0 && merge->right == 2);
    ck_assert(sheet_of(&w, 1)->hidden);
    ck_assert_uint_eq(sheet_of(&w, 1)->entries.count, 0);
    ck_assert_str_eq(sheet_of(&w, 2)->name, "图表");
    ck_assert_uint_eq(sheet_of(&w, 2)->entries.count, 0);
    workbook_free(&w);
    free(stream.data);
    free(t.data);
    free(m.data);
    free(r.data);
}
END_TEST

START_TEST(the_1904_date_system_and_a_format_by_its_code)
{
    sheet_spec sheets[1] = {{"考核", 0, 0, {0}}};
    number(&sheets[0].cells, 0, 0, 2, 40815);
    bytes stream = workbook_stream(true, NULL, sheets, 1);
    workbook w;
    const char *why;
    ck_assert(read_stream(&stream, &w, &why));
    ck_assert(w.date1904);
    expect_cell(sheet_of(&w, 0), 1, 0, SHEET_CELL_DATE, "2015-09-30");
    workbook_free(&w);
    free(stream.data);
}
END_TEST

/* Shared strings that go on in CONTINUE records: a string cut in its characters (the
 * next record starts with a flags byte, here switching to two bytes a character), one
 * whose rich-text runs and extra data are cut, and one that starts a record. */
START_TEST(shared_strings_over_continue_records)
{
    bytes s = {0}, b = {0};
    bof(&s, 0x0600, 0x0005);
    put32(&b, 4);
    put32(&b, 4);
    put16(&b, 4);
    put8(&b, 0);
    put(&b, "ab", 2);
    record(&s, SST, &b);
    b.length = 0;
    put8(&b, 1);
    put16(&b, 0x4E50);
    put16(&b, 0x6E05);      /* 乐清 */
    put16(&b, 2);
    put8(&b, 0x0C);         /* rich text and extra data */
    put16(&b, 1);           /* one run */
    put32(&b, 3);           /* three bytes of extra data */
    put(&b, "xy", 2);
    put(&b, "\0\0", 2);     /* half of the run */
    record(&s, CONTINUE, &b);
    b.length = 0;
    put(&b, "\0\0", 2);
    put(&b, "EXT", 3);
    put16(&b, 1);
    put8(&b, 0);
    put(&b, "z", 1);
    record(&s, CONTINUE, &b);
    b.length = 0;
    put16(&b, 2);           /* a pair of surrogates: U+20BB7 */
    put8(&b, 1);
    put16(&b, 0xD842);
    record(&s, CONTINUE, &b);
    b.length = 0;
    put8(&b, 1);
    put16(&b, 0xDFB7);
    record(&s, CONTINUE, &b);
    b.length = 0;
    put32(&b, 0);
    put8(&b, 0);
    put8(&b, 0);
    put8(&b, 1);
    put_chars(&b, "S", true);
    size_t offset_at = s.length + 4;
    record(&s, BOUNDSHEET, &b);
    raw(&s, END, NULL, 0);
    set32(&s, offset_at, (uint32_t)s.length);
    bof(&s, 0x0600, 0x0010);
    for (unsigned i = 0; i < 5; i++) {
        b.length = 0;
        put32(&b, i);
        cell(&s, LABELSST, i, 0, 0, &b);
    }
    raw(&s, END, NULL, 0);
    workbook w;
    const char *why;
    ck_assert(read_stream(&s, &w, &why));
    const workbook_sheet *ws = sheet_of(&w, 0);
    expect_cell(ws, 1, 0, SHEET_CELL_TEXT, "ab乐清");
    expect_cell(ws, 2, 0, SHEET_CELL_TEXT, "xy");
    expect_cell(ws, 3, 0, SHEET_CELL_TEXT, "z");
    expect_cell(ws, 4, 0, SHEET_CELL_TEXT, "\xF0\xA0\xAE\xB7");
    expect_cell(ws, 5, 0, SHEET_CELL_ERROR, "#REF!");
    workbook_free(&w);
    free(s.data);
    free(b.data);
}
END_TEST

/* ---- refusals ---- */

START_TEST(encrypted_old_and_foreign_files_are_refused_by_name)
{
    sheet_spec none[1] = {{"S", 0, 0, {0}}};
    bytes stream = workbook_stream(false, NULL, none, 1);
    /* FILEPASS right after the BOF: the rest is encrypted */
    bytes locked = {0};
    put(&locked, stream.data, 20);
    raw(&locked, FILEPASS, "\x01\0\x01\0\x01\0", 6);
    put(&locked, stream.data + 20, stream.length - 20);
    struct { const bytes *stream; const char *name, *reason; } cases[] = {
        {&locked, "Workbook", ENCRYPTED},
        {&stream, "EncryptedPackage", ENCRYPTED},  /* an .xlsx with a password, named .xls */
        {&stream, "Book", OLD},                    /* Excel 95 */
        {&stream, "WordDocument", "不是有效的.xls工作簿（文件中没有工作簿数据）" RESAVE},
        {&stream, "Workbook", OLD},                /* a BIFF5 BOF (set below) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (i == 4)
            stream.data[4] = 0x00, stream.data[5] = 0x05;
        bytes file = compound_file(cases[i].stream, cases[i].name);
        expect_refused(&file, cases[i].reason);
        free(file.data);
    }
    free(stream.data);
    free(locked.data);
}
END_TEST

/* A workbook that LibreOffice saved with an opening password (locked/make.py). */
START_TEST(a_password_saved_by_libreoffice_is_refused_by_name)
{
    size_t length;
    char *locked = read_whole_file("tests/data/workbooks/locked/加密.xls", &length);
    ck_assert_ptr_nonnull(locked);
    bytes file = {(unsigned char *)locked, length, length};
    expect_refused(&file, ENCRYPTED);
    free(locked);
}
END_TEST

START_TEST(a_formula_error_is_refused_with_its_cell)
{
    const char *header[] = {"项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "总投资",
                            "年度计划投资", "本月完成投资", "累计完成投资", "项目状态",
                            "报送单位", "报告期", "填报日期", NULL};
    const char *row[] = {"WB2015-009", "某项目", "信息经济产业", "物联网", "柳市镇", NULL,
                         "100", "10", "80", "在建", "信息经济产业专项行动工作组", "2015-09",
                         "2015-09-30", NULL};
    sheet_spec sheets[1] = {{"附件2", 0, 0, {0}}};
    bytes t = {0};
    for (unsigned c = 0; header[c]; c++) {
        t.length = 0;
        put_string(&t, header[c]);
        cell(&sheets[0].cells, LABEL, 0, c, 0, &t);
    }
    for (unsigned c = 0; c < 13; c++) {
        t.length = 0;
        put_string(&t, row[c] ? row[c] : "");
        if (row[c])
            cell(&sheets[0].cells, LABEL, 1, c, 0, &t);
    }
    formula_tagged(&sheets[0].cells, 1, 5, 2, 0x07); /* F2 #DIV/0! */
    bytes stream = workbook_stream(false, NULL, sheets, 1);
    bytes file = compound_file(&stream, "Workbook");
    char *scratch = make_scratch_folder();
    const char *dir = arena_printf(&memory, "%s/2015-09", scratch);
    const char *path = arena_printf(&memory, "%s/信息经济.xls", dir);
    command_result made = run_command("mkdir -p '%s'", dir);
    command_result_free(&made);
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(fwrite(file.data, 1, file.length, out), file.length);
    ck_assert_int_eq(fclose(out), 0);
    store s;
    plan p;
    ingest_context ctx;
    store_init(&s, &memory);
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, &p, &s.diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", &p, &s), 0);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const submission_file *f = store_file_at(&s, arena_printf(&memory, "%s:附件2", path));
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->rows.read, 1);
    ck_assert_int_eq(f->rows.rejected, 1);
    ck_assert_str_eq(store_messages(&s, &memory), arena_printf(&memory,
        "%s:附件2!F2: 列“总投资”：“#DIV/0!”是错误值，没有可读的数值\n", path));
    ingest_close(&ctx);
    store_free(&s);
    remove_scratch_folder(scratch);
    free(t.data);
    free(stream.data);
    free(file.data);
}
END_TEST

/* ---- broken files ---- */

START_TEST(looping_and_stray_sector_chains_are_refused)
{
    sheet_spec none[1] = {{"S", 0, 0, {0}}};
    bytes stream = workbook_stream(false, NULL, none, 1);
    bytes good = compound_file(&stream, "Workbook");
    bytes f = {0};
    const size_t fat = 512, directory = 1024;
    struct { size_t at; uint32_t value; const char *reason; } cases[] = {
        {fat + 4 * 5, 2, BROKEN_STREAM},                 /* the stream's chain loops */
        {fat + 4 * 5, 200, BROKEN_STREAM},               /* …leaves the table */
        {fat + 4 * 5, 0x7FFFFFF0, BROKEN_STREAM},        /* …far (found by fuzz_xls) */
        {fat + 4 * 5, END_OF_CHAIN, BROKEN_STREAM},      /* …ends early */
        {fat + 4 * 1, 1, BROKEN_CONTAINER},              /* the directory's chain loops */
        {48, 9999, BROKEN_CONTAINER},                    /* the directory is past the end */
        {44, 0x7FFFFFFF, BROKEN_CONTAINER},              /* more FAT sectors than the file has */
        {44, 0, BROKEN_CONTAINER},
        {76, 200, BROKEN_CONTAINER},                     /* the FAT's sector is past the end */
        {directory + 128 + 120, 0x7FFFFFFF, BROKEN_STREAM}, /* the stream longer than the file */
        {directory + 128 + 116, 4000, BROKEN_STREAM},
        {28, 0xFFFF, BROKEN_CONTAINER},                  /* byte order */
        {30, 7, BROKEN_CONTAINER},                       /* sector shift */
        {directory + 66, 2, BROKEN_CONTAINER},           /* no root entry */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f.length = 0;
        put(&f, good.data, good.length);
        if (cases[i].at == 28 || cases[i].at == 30 || cases[i].at == directory + 66)
            f.data[cases[i].at] = (unsigned char)cases[i].value;
        else
            set32(&f, cases[i].at, cases[i].value);
        expect_refused(&f, cases[i].reason);
    }
    /* more FAT sectors than the header lists: the list goes on past the end */
    bytes big = {0};
    put(&big, stream.data, stream.length);
    while (big.length < 120 * 512)
        put8(&big, 0);
    bytes large = compound_file(&big, "Workbook");
    workbook w;
    const char *why;
    ck_assert(read_xls(&large, &w, &why));
    workbook_free(&w);
    set32(&large, 44, 110);
    for (size_t k = 1; k < 109; k++)
        set32(&large, 76 + 4 * k, 0);
    set32(&large, 68, 500);
    set32(&large, 72, 1);
    expect_refused(&large, BROKEN_CONTAINER);
    free(big.data);
    free(large.data);
    /* a short stream whose mini FAT chain loops */
    f.length = 0;
    put(&f, good.data, good.length);
    set32(&f, directory + 128 + 120, 100);              /* now under the cutoff */
    set32(&f, directory + 128 + 116, 0);                /* from mini sector 0 */
    set32(&f, directory + 116, 2);                      /* the mini stream: sector 2… */
    set32(&f, directory + 120, 512);
    set32(&f, fat + 4 * 2, END_OF_CHAIN);
    set32(&f, 60, 3);                                   /* the mini FAT: sector 3 */
    set32(&f, fat + 4 * 3, END_OF_CHAIN);
    set32(&f, 512 * 4, 0);                              /* mini sector 0 → 0 */
    expect_refused(&f, BROKEN_STREAM);
    set32(&f, 512 * 4, 0x7FFFFFF0);                     /* mini sector 0 → far away */
    expect_refused(&f, BROKEN_STREAM);
    /* the file cut in its header */
    f.length = 300;
    expect_refused(&f, BROKEN_CONTAINER);
    free(f.data);
    free(good.data);
    free(stream.data);
}
END_TEST

START_TEST(records_past_their_end_and_lying_counts)
{
    sheet_spec sheets[1] = {{"S", 0, 0, {0}}};
    bytes *c = &sheets[0].cells, t = {0};
    number(c, 0, 0, 0, 1);
    put32(&t, 3);
    cell(c, LABELSST, 1, 0, 0, &t);              /* an SST that claims more than it holds */
    t.length = 0;
    put16(&t, 60000);                            /* 60000 characters, two given */
    put8(&t, 0);
    put(&t, "ab", 2);
    cell(c, LABEL, 2, 0, 0, &t);
    raw(c, MERGEDCELLS, "\xFF\xFF\x00\x00", 4);  /* 65535 merges, none given */
    raw(c, MULRK, "\x03\0\x01\0", 4);            /* no values */
    raw(c, NUMBER, "\x03\0", 2);                 /* cut short */
    number(c, 4, 99, 200, 2.5);                  /* an XF that does not exist */
    bytes stream = workbook_stream(false, NULL, sheets, 1);
    /* an SST of 1000 strings holding one */
    bytes with_sst = {0};
    size_t globals_end = find_record(&stream, END);
    put(&with_sst, stream.data, globals_end);
    t.length = 0;
    put32(&t, 1000);
    put32(&t, 1000);
    put_string(&t, "一");
    record(&with_sst, SST, &t);
    size_t shift = with_sst.length - globals_end;
    put(&with_sst, stream.data + globals_end, stream.length - globals_end);
    size_t sheet_at = find_record(&with_sst, BOUNDSHEET) + 4; /* move the sheet's offset on */
    const unsigned char *o = with_sst.data + sheet_at;
    set32(&with_sst, sheet_at, (o[0] | (uint32_t)o[1] << 8 | (uint32_t)o[2] << 16) + (uint32_t)shift);
    workbook w;
    const char *why;
    ck_assert(read_stream(&with_sst, &w, &why));
    const workbook_sheet *ws = sheet_of(&w, 0);
    ck_assert_ptr_null(ws->error);
    expect_cell(ws, 1, 0, SHEET_CELL_TEXT, "1");
    expect_cell(ws, 2, 0, SHEET_CELL_ERROR, "#REF!");
    ck_assert_ptr_null(at(ws, 3, 0));
    expect_cell(ws, 5, 99, SHEET_CELL_TEXT, "2.5");
    ck_assert_uint_eq(ws->entries.count, 3);
    ck_assert_uint_eq(ws->merges.count, 0);
    workbook_free(&w);
    /* the sheet cut before its EOF: read as far as it goes, then refused */
    bytes cut = {0};
    put(&cut, with_sst.data, with_sst.length - 4);
    ck_assert(read_stream(&cut, &w, &why));
    ck_assert_str_eq(sheet_of(&w, 0)->error, "这张工作表的记录不完整（文件可能已损坏），请在Excel或WPS中"
                                           "打开后另存为.xlsx再报送");
    workbook_free(&w);
    /* the sheet's offset past the stream */
    cut.length = 0;
    put(&cut, stream.data, stream.length);
    set32(&cut, find_record(&cut, BOUNDSHEET) + 4, 0x00FFFFFF);
    ck_assert(read_stream(&cut, &w, &why));
    ck_assert_str_eq(sheet_of(&w, 0)->error, "工作簿中找不到这张工作表的内容，请在Excel或WPS中"
                                           "打开后另存为.xlsx再报送");
    workbook_free(&w);
    /* the globals cut before their EOF */
    cut.length = globals_end;
    ck_assert(!read_stream(&cut, &w, &why));
    ck_assert_str_eq(why, "不是有效的.xls工作簿或文件已损坏（工作簿记录不完整），请在Excel或WPS中"
                          "打开后另存为.xlsx再报送");
    workbook_free(&w);
    free(cut.data);
    free(with_sst.data);
    free(stream.data);
    free(t.data);
}
END_TEST

/* Sheets that point at the same records may walk them no more often than the stream
 * holds records: 200 sheets over a sheet of 3000 records are not read 200 times. */
START_TEST(sheets_over_the_same_records_are_walked_once)
{
    sheet_spec sheets[3] = {{"A", 0, 0, {0}}, {"B", 0, 0, {0}}, {"C", 0, 0, {0}}};
    number(&sheets[0].cells, 0, 0, 0, 7);
    for (int i = 0; i < 3000; i++)
        raw(&sheets[0].cells, 0x0001, NULL, 0);
    bytes stream = workbook_stream(false, NULL, sheets, 3);
    size_t first = find_record(&stream, BOUNDSHEET);
    uint32_t offset = stream.data[first + 4] | (uint32_t)stream.data[first + 5] << 8;
    for (size_t at = first; stream.data[at] == (BOUNDSHEET & 0xFF); at += 4 + stream.data[at + 2])
        set32(&stream, at + 4, offset); /* B and C: A's records */
    workbook w;
    const char *why;
    ck_assert(read_stream(&stream, &w, &why));
    ck_assert_ptr_null(sheet_of(&w, 0)->error);
    expect_cell(sheet_of(&w, 0), 1, 0, SHEET_CELL_TEXT, "7");
    for (size_t i = 1; i < 3; i++)
        ck_assert_str_eq(sheet_of(&w, i)->error, "这张工作表与其他工作表的记录重叠（文件已损坏）" RESAVE);
    workbook_free(&w);
    free(stream.data);
}
END_TEST

/* LibreOffice's files (one whose workbook stream is in whole sectors, one whose is in
 * the mini stream) cut at every 16th byte and with one byte in every 7 set to 0xFF,
 * then 0x00 (in the header, the FAT, the directory and every record): each is read or
 * refused with one message, never a crash (the ASan run of make check watches). */
START_TEST(every_truncation_and_corruption_of_a_real_xls)
{
    const char *fixtures[] = {FIXTURE, "tests/data/workbooks/2015-09/考核1904.xls"};
    for (size_t i = 0; i < 2; i++) {
        size_t length;
        char *original = read_whole_file(fixtures[i], &length);
        ck_assert_ptr_nonnull(original);
        bytes f = {0};
        workbook w;
        const char *why;
        int read = 0, refused = 0;
        for (size_t cut = 0; cut < length; cut += 16) {
            f.length = 0;
            put(&f, original, cut);
            read_xls(&f, &w, &why) ? read++ : refused++;
            workbook_free(&w);
        }
        for (size_t at = 0; at < length; at += 7)
            for (int value = 0; value < 2; value++) {
                f.length = 0;
                put(&f, original, length);
                f.data[at] = value ? 0xFF : 0x00;
                read_xls(&f, &w, &why) ? read++ : refused++;
                workbook_free(&w);
            }
        ck_assert_int_gt(read, 0);
        ck_assert_int_gt(refused, 0);
        free(f.data);
        free(original);
    }
}
END_TEST

static Suite *biff_suite(void)
{
    Suite *suite = suite_create("biff");
    TCase *t = tcase_create("xls");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, every_cell_type_formulas_merges_and_hidden_sheets);
    tcase_add_test(t, the_1904_date_system_and_a_format_by_its_code);
    tcase_add_test(t, shared_strings_over_continue_records);
    tcase_add_test(t, encrypted_old_and_foreign_files_are_refused_by_name);
    tcase_add_test(t, a_password_saved_by_libreoffice_is_refused_by_name);
    tcase_add_test(t, a_formula_error_is_refused_with_its_cell);
    tcase_add_test(t, looping_and_stray_sector_chains_are_refused);
    tcase_add_test(t, records_past_their_end_and_lying_counts);
    tcase_add_test(t, sheets_over_the_same_records_are_walked_once);
    tcase_add_test(t, every_truncation_and_corruption_of_a_real_xls);
    suite_add_tcase(suite, t);
    return suite;
}

int main(void)
{
    return run_suite(biff_suite());
}
