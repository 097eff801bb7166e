/*
 * csvfile.c: CSV and tab-separated rows with physical line numbers (see csvfile.h).
 * The probe pass hashes the raw bytes and lets encoding.c choose the encoding; the read
 * pass turns them into UTF-8 and feeds libcsv one physical line at a time, so that the
 * reader always knows on which line a row starts: libcsv skips blank lines silently and
 * a quoted cell may span lines.
 */
#include "ingest/csvfile.h"

#include "ingest/encoding.h"
#include "model/digest.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOT_READ "，文件未读入（不计行数）"

typedef struct reader {
    struct csv_parser parser;
    const char *display_path;
    diag_list *diags;
    csvfile_row_fn row_fn;
    void *context;
    char delimiter;
    csvfile_status status;
    /* the row being collected: cells back to back, each NUL-terminated */
    char *text;
    size_t used, capacity;
    size_t offsets[CSVFILE_MAX_CELLS];
    const char *cells[CSVFILE_MAX_CELLS];
    size_t cell_count;
    /* where the next byte is */
    long line;
    size_t line_chars; /* characters before it on its line */
    bool last_was_cr, seen_bytes, ended_with_break;
    bool awaiting_row; /* the next significant byte starts a row */
    long row_line;
} reader;

char csvfile_delimiter_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (strcmp(dot, ".txt") == 0 || strcmp(dot, ".tsv") == 0 ||
                strcmp(dot, ".TXT") == 0 || strcmp(dot, ".TSV") == 0))
        return '\t';
    return 0;
}

/* libcsv's only allocator hook: refusing to grow past the limit makes csv_parse fail
 * with CSV_ENOMEM, which the reader reports as a cell too large. */
static void *bounded_realloc(void *block, size_t size)
{
    if (size > CSVFILE_MAX_CELL + 256)
        return NULL;
    return realloc(block, size);
}

static void fail(reader *r, csvfile_status status, long line, const char *reason)
{
    if (r->status != CSVFILE_OK)
        return;
    r->status = status;
    diag_add(r->diags, DIAG_ERROR, r->display_path, line, NULL, NULL, reason);
}

static bool grow_text(reader *r, size_t need)
{
    if (need <= r->capacity)
        return true;
    size_t capacity = r->capacity ? r->capacity : 1024;
    while (capacity < need)
        capacity *= 2;
    char *text = realloc(r->text, capacity);
    if (!text)
        die_oom();
    r->text = text;
    r->capacity = capacity;
    return true;
}

static void on_field(void *field, size_t length, void *data)
{
    reader *r = data;
    if (r->status != CSVFILE_OK)
        return;
    if (r->cell_count == CSVFILE_MAX_CELLS) {
        fail(r, CSVFILE_SYNTAX, r->row_line, "一行超过512个单元格" NOT_READ);
        return;
    }
    if (r->used + length + 1 > CSVFILE_MAX_ROW) {
        fail(r, CSVFILE_SYNTAX, r->row_line, "一行超过1 MiB" NOT_READ);
        return;
    }
    grow_text(r, r->used + length + 1);
    memcpy(r->text + r->used, field, length);
    r->text[r->used + length] = '\0';
    r->offsets[r->cell_count++] = r->used;
    r->used += length + 1;
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    reader *r = data;
    r->awaiting_row = true;
    if (r->status == CSVFILE_OK) {
        for (size_t i = 0; i < r->cell_count; i++)
            r->cells[i] = r->text + r->offsets[i];
        csvfile_row row = {r->row_line, r->cell_count, r->cells};
        if (r->row_fn(r->context, &row) != 0)
            r->status = CSVFILE_STOPPED;
    }
    r->used = 0;
    r->cell_count = 0;
}

static size_t characters(const unsigned char *p, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* Advances the position over bytes already handed to libcsv (or skipped): part of one
 * physical line, so that only its last byte may be a line break.  The characters are
 * counted only when the line goes on (at the end of a chunk): a break starts a new one. */
static void account(reader *r, const unsigned char *p, size_t n)
{
    if (n == 0)
        return;
    r->seen_bytes = true;
    unsigned char last = p[n - 1];
    if (last != '\r' && last != '\n') {
        r->line_chars += characters(p, n);
        r->ended_with_break = r->last_was_cr = false;
        return;
    }
    bool after_cr = n == 1 && r->last_was_cr; /* the LF of a CRLF split from its CR */
    if (last == '\r' || !after_cr)
        r->line++;
    r->line_chars = 0;
    r->ended_with_break = true;
    r->last_was_cr = last == '\r';
}

/* Bytes libcsv ignores before a row: blank lines and leading blanks. */
static bool skipped_before_row(const reader *r, unsigned char c)
{
    return c == '\r' || c == '\n' || c == ' ' || (c == '\t' && r->delimiter != '\t');
}

static void report_parse_error(reader *r, const unsigned char *line_part, size_t fed)
{
    char reason[256];
    if (csv_error(&r->parser) == CSV_EPARSE) {
        snprintf(reason, sizeof reason, "第%zu列（第%zu个字符）引号使用有误" NOT_READ,
                 r->cell_count + 1, r->line_chars + characters(line_part, fed) + 1);
        fail(r, CSVFILE_SYNTAX, r->line, reason);
    } else { /* the cell outgrew the limit: name the row where it starts */
        snprintf(reason, sizeof reason, "第%zu列的单元格超过64 KiB" NOT_READ, r->cell_count + 1);
        fail(r, CSVFILE_SYNTAX, r->row_line, reason);
    }
}

/* Feeds UTF-8 text to libcsv, one physical line (or the part of it in this chunk) at a
 * time, so that a row's first byte and any parse error have a known line. */
static void feed(reader *r, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && r->status == CSVFILE_OK) {
        if (r->awaiting_row) {
            if (skipped_before_row(r, p[i])) {
                account(r, p + i, 1);
                i++;
                continue;
            }
            r->awaiting_row = false;
            r->row_line = r->line;
        }
        size_t end = i;
        while (end < n && p[end] != '\r' && p[end] != '\n')
            end++;
        size_t stop = end < n ? end + 1 : n;
        size_t fed = csv_parse(&r->parser, p + i, stop - i, on_field, on_row, r);
        if (fed != stop - i) {
            report_parse_error(r, p + i, fed);
            return;
        }
        account(r, p + i, stop - i);
        i = stop;
    }
}

/* Counts the commas and tabs outside quotes of the line at p[i..n); returns the index
 * after its line break (or n). */
static size_t count_delimiters(const unsigned char *p, size_t i, size_t n, size_t *commas,
                               size_t *tabs)
{
    bool quoted = false;
    *commas = *tabs = 0;
    for (; i < n; i++) {
        if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted && (p[i] == '\r' || p[i] == '\n'))
            return i + 1;
        else if (!quoted && p[i] == ',')
            (*commas)++;
        else if (!quoted && p[i] == '\t')
            (*tabs)++;
    }
    return n;
}

/* The delimiter of the first line of p[0..n) that has a comma or tab outside quotes:
 * tab when it has more tabs than commas, else comma; fallback when no line has one. */
static char sniff_delimiter(const unsigned char *p, size_t n, char fallback)
{
    for (size_t i = 0; i < n;) {
        size_t commas, tabs;
        i = count_delimiters(p, i, n, &commas, &tabs);
        if (commas + tabs > 0)
            return tabs > commas ? '\t' : ',';
    }
    return fallback;
}

static void report_encoding(reader *r, const encoding_decoder *d)
{
    char reason[256];
    snprintf(reason, sizeof reason, "字节偏移%llu处的字节不是有效的%s编码" NOT_READ,
             (unsigned long long)d->bad_offset, encoding_name(d->id));
    fail(r, CSVFILE_ENCODING, d->bad_line, reason);
}

/* Decodes and parses one chunk of raw bytes. */
static void take_chunk(reader *r, encoding_decoder *d, const unsigned char *raw, size_t n,
                       bool final, unsigned char *utf8)
{
    size_t length;
    if (encoding_decode(d, raw, n, final, utf8, &length) != ENCODING_OK) {
        report_encoding(r, d);
        return;
    }
    if (length == 0)
        return;
    if (!r->delimiter) {
        bool utf16 = d->id == ENCODING_UTF16LE || d->id == ENCODING_UTF16BE;
        r->delimiter = sniff_delimiter(utf8, length, utf16 ? '\t' : ',');
        csv_set_delim(&r->parser, (unsigned char)r->delimiter);
    }
    feed(r, utf8, length);
}

/* The read pass: the reader, its decoder and the decoder's output buffer. */
typedef struct decode_pass {
    reader *r;
    encoding_decoder *decoder;
    unsigned char *utf8;
} decode_pass;

/* Decodes and parses a chunk; after an error the rest is only hashed (by read_whole). */
static void decode_chunk(void *context, const unsigned char *raw, size_t n, bool final)
{
    decode_pass *pass = context;
    if (pass->r->status == CSVFILE_OK)
        take_chunk(pass->r, pass->decoder, raw, n, final, pass->utf8);
}

static void finish(reader *r)
{
    if (r->status != CSVFILE_OK)
        return;
    if (csv_fini(&r->parser, on_field, on_row, r) == 0)
        return;
    char reason[256];
    snprintf(reason, sizeof reason, "第%zu列的引号到文件末尾仍未闭合" NOT_READ,
             r->cell_count + 1);
    fail(r, CSVFILE_SYNTAX, r->row_line, reason);
}

static void reader_init(reader *r, const char *display_path, char delimiter,
                        csvfile_row_fn row_fn, void *context, diag_list *diags)
{
    memset(r, 0, sizeof *r);
    /* strict: a quote inside an unquoted cell and an unclosed quote at the end are
     * errors; every cell is NUL-terminated */
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        die_oom();
    csv_set_realloc_func(&r->parser, bounded_realloc);
    r->display_path = display_path;
    r->diags = diags;
    r->row_fn = row_fn;
    r->context = context;
    r->delimiter = delimiter;
    if (delimiter)
        csv_set_delim(&r->parser, (unsigned char)delimiter);
    r->line = 1;
    r->awaiting_row = true;
}

/* Reads up to n bytes (fewer only at the end of the file); -1 on a read error. */
static ssize_t read_chunk(int fd, unsigned char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(fd, buf + done, n - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += (size_t)got;
    }
    return (ssize_t)done;
}

/* What a pass does with each chunk of raw bytes (final: the last one). */
typedef void (*chunk_fn)(void *context, const unsigned char *raw, size_t n, bool final);

/* Reads the file at fd from its start to its end in chunks, hashing every byte into
 * sha256 and handing each chunk to take.  Returns false on a read error. */
static bool read_whole(int fd, chunk_fn take, void *context, unsigned char sha256[32])
{
    unsigned char *raw = malloc(CSVFILE_CHUNK);
    if (!raw)
        die_oom();
    digest_state sha;
    digest_begin(&sha);
    bool failed = lseek(fd, 0, SEEK_SET) != 0;
    for (bool final = failed; !final;) {
        ssize_t n = read_chunk(fd, raw, CSVFILE_CHUNK);
        failed = n < 0;
        final = n < CSVFILE_CHUNK;
        if (failed)
            break;
        digest_update(&sha, raw, (size_t)n);
        take(context, raw, (size_t)n, final);
    }
    digest_end(&sha, sha256);
    free(raw);
    return !failed;
}

static void probe_chunk(void *context, const unsigned char *raw, size_t n, bool final)
{
    encoding_probe_feed(context, raw, n, final);
}

static void report_verdict(const encoding_verdict *v, const char *display_path, diag_list *diags)
{
    char reason[256];
    if (v->kind == ENCODING_VERDICT_NUL)
        snprintf(reason, sizeof reason,
                 "字节偏移%llu处是NUL字节，而文件开头没有字节顺序标记"
                 "（可能是不带BOM的UTF-16文件，或不是文本文件）" NOT_READ,
                 (unsigned long long)v->bad_offset);
    else
        snprintf(reason, sizeof reason, "字节偏移%llu处的字节不是有效的%s编码" NOT_READ,
                 (unsigned long long)v->bad_offset, v->tried);
    diag_add(diags, DIAG_ERROR, display_path, v->bad_line, NULL, NULL, reason);
}

csvfile_status csvfile_probe(int fd, const char *display_path, csvfile_probe_info *info,
                             diag_list *diags)
{
    memset(info, 0, sizeof *info);
    encoding_probe probe;
    encoding_probe_init(&probe);
    bool read = read_whole(fd, probe_chunk, &probe, info->sha256);
    encoding_probe_finish(&probe, &info->verdict);
    if (!read) {
        diag_add(diags, DIAG_ERROR, display_path, 0, NULL, NULL, "读取文件时出错" NOT_READ);
        return CSVFILE_IO;
    }
    if (info->verdict.kind == ENCODING_VERDICT_OK)
        return CSVFILE_OK;
    report_verdict(&info->verdict, display_path, diags);
    return CSVFILE_ENCODING;
}

csvfile_status csvfile_read(int fd, const char *display_path, encoding_id encoding,
                            bool bom, char delimiter, csvfile_row_fn row_fn, void *context,
                            csvfile_info *info, diag_list *diags)
{
    memset(info, 0, sizeof *info);
    reader *r = malloc(sizeof *r);
    unsigned char *utf8 = malloc(ENCODING_OUT_ROOM(CSVFILE_CHUNK));
    if (!r || !utf8)
        die_oom();
    reader_init(r, display_path, delimiter, row_fn, context, diags);
    encoding_decoder decoder;
    encoding_init(&decoder, encoding, bom);
    decode_pass pass = {r, &decoder, utf8};
    if (!read_whole(fd, decode_chunk, &pass, info->sha256))
        fail(r, CSVFILE_IO, 0, "读取文件时出错" NOT_READ);
    finish(r);
    info->delimiter = r->delimiter ? r->delimiter : ',';
    info->lines = r->seen_bytes ? r->line - (r->ended_with_break ? 1 : 0) : 0;
    /* neither the row text nor libcsv's cell buffer ever shrinks: their sizes now are
     * the most they held */
    info->peak_buffer = r->capacity + r->parser.entry_size + sizeof *r + CSVFILE_CHUNK +
                        ENCODING_OUT_ROOM(CSVFILE_CHUNK) + decoder.work_capacity;
    csvfile_status status = r->status;
    /* the parser is never reused: after a parse error only csv_free + csv_init would
     * reset it (csv_fini does not), so every read has its own */
    csv_free(&r->parser);
    encoding_close(&decoder);
    free(r->text);
    free(r);
    free(utf8);
    return status;
}
