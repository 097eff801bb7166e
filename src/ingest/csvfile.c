/*
 * csvfile.c: CSV and tab-separated rows with physical line numbers (see csvfile.h).
 * One pass hashes the raw bytes, decodes them in the encoding the first chunk chose and
 * feeds libcsv one physical line at a time, so that the reader always knows on which line
 * a row starts: libcsv skips blank lines silently and a quoted cell may span lines.  A
 * problem is kept until the end of the file, where the rule of encoding.h says which one
 * the file is refused for.
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
#include <sys/stat.h>
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
    long fail_line;           /* the problem, told at the end (status not OK) */
    char fail_reason[256];
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
    r->fail_line = line;
    snprintf(r->fail_reason, sizeof r->fail_reason, "%s", reason);
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

/* The index of the first CR or LF in p[i..n), or n. */
static size_t line_end(const unsigned char *p, size_t i, size_t n)
{
    const unsigned char *lf = memchr(p + i, '\n', n - i);
    size_t end = lf ? (size_t)(lf - p) : n;
    const unsigned char *cr = memchr(p + i, '\r', end - i);
    return cr ? (size_t)(cr - p) : end;
}

/* What libcsv drops around an unquoted cell: spaces, and tabs unless they delimit. */
static bool blank_around(const reader *r, unsigned char c)
{
    return (c == ' ' || c == '\t') && c != (unsigned char)r->delimiter;
}

/* A whole row on one line without a quote, p[0..n) with its line break last, cut into
 * cells as libcsv would cut it (blanks around each cell dropped; libcsv stays at a row's
 * start, where it was).  The line is shorter than the cell limit, so nothing can fail
 * in libcsv that does not fail here. */
static void split_plain_row(reader *r, const unsigned char *p, size_t n)
{
    size_t i = 0, last = n - 1;
    for (;;) {
        while (i < last && blank_around(r, p[i]))
            i++;
        size_t start = i;
        const unsigned char *delimiter = memchr(p + i, r->delimiter, last - i);
        i = delimiter ? (size_t)(delimiter - p) : last;
        size_t end = i;
        while (end > start && blank_around(r, p[end - 1]))
            end--;
        on_field((void *)(p + start), end - start, r);
        if (i == last)
            break;
        i++;
    }
    on_row(p[last], r);
}

/* Feeds UTF-8 text to libcsv, one physical line (or the part of it in this chunk) at a
 * time, so that a row's first byte and any parse error have a known line.  A row that
 * is one whole line without quotes is cut here, without libcsv's byte-by-byte states. */
static void feed(reader *r, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && r->status == CSVFILE_OK) {
        bool row_start = r->awaiting_row, quote = false;
        if (r->awaiting_row) {
            if (skipped_before_row(r, p[i])) {
                account(r, p + i, 1);
                i++;
                continue;
            }
            r->awaiting_row = false;
            r->row_line = r->line;
        }
        size_t end = line_end(p, i, n);
        quote = memchr(p + i, '"', end - i) != NULL;
        size_t stop = end < n ? end + 1 : n;
        if (row_start && !quote && end < n && stop - i <= CSVFILE_MAX_CELL) {
            split_plain_row(r, p + i, stop - i);
            account(r, p + i, stop - i);
            i = stop;
            continue;
        }
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

/* Parses decoded text, sniffing the delimiter from its first bytes when not given. */
static void take_text(reader *r, encoding_id id, const unsigned char *text, size_t length)
{
    if (length == 0 || r->status != CSVFILE_OK)
        return;
    if (!r->delimiter) {
        bool utf16 = id == ENCODING_UTF16LE || id == ENCODING_UTF16BE;
        r->delimiter = sniff_delimiter(text, length, utf16 ? '\t' : ',');
        csv_set_delim(&r->parser, (unsigned char)r->delimiter);
    }
    feed(r, text, length);
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

/* The parser is never reused: after a parse error only csv_free + csv_init would reset
 * it (csv_fini does not), so every pass has its own. */
static void reader_release(reader *r)
{
    csv_free(&r->parser);
    free(r->text);
    r->text = NULL;
    r->capacity = 0;
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

/* One read of a file: the raw chunks, their hash and, for a file without BOM whose
 * encoding is the rule's to find, the first NUL byte and the physical lines before it. */
typedef struct scan {
    reader *r;
    int fd;
    unsigned char *raw, *utf8;   /* a chunk and its decoded text (heap) */
    digest_state sha;
    bool io_error;
    uint64_t offset;             /* raw bytes before the current chunk */
    long raw_line;               /* the physical line at offset */
    bool raw_last_cr;
    bool automatic;              /* no BOM, no encoding given: UTF-8 or GB18030, no NUL */
    bool nul;
    uint64_t nul_offset;
    long nul_line;
    encoding_decoder decoder;    /* the encoding the rows are read in */
    bool bom, invalid;           /* invalid: the decoder met a byte it cannot take */
    bool utf8_failed;            /* automatic: UTF-8 failed before GB18030 was tried */
    uint64_t utf8_bad_offset;
    long utf8_bad_line;
} scan;


/* Without a BOM a NUL byte refuses the file wherever it is: the rest is only hashed. */
static void scan_nul(scan *s, const unsigned char *p, size_t n)
{
    if (!s->automatic || s->nul)
        return;
    const unsigned char *nul = memchr(p, 0, n);
    size_t before = nul ? (size_t)(nul - p) : n;
    s->raw_line += encoding_line_ends(p, before, &s->raw_last_cr);
    if (nul) {
        s->nul = true;
        s->nul_offset = s->offset + before;
        s->nul_line = s->raw_line;
    }
}

/* Decodes a chunk and parses it, unless the file is already refused. */
static void take_chunk(scan *s, const unsigned char *raw, size_t n, bool final)
{
    if (s->nul || s->invalid)
        return;
    const unsigned char *text;
    size_t length;
    if (encoding_decode_span(&s->decoder, raw, n, final, s->utf8, &text, &length) != ENCODING_OK) {
        s->invalid = true;
        return;
    }
    take_text(s->r, s->decoder.id, text, length);
}

/* The first chunk of a file whose encoding is the rule's: a BOM names it; else UTF-8
 * when the chunk is UTF-8, else GB18030. */
static void choose_encoding(scan *s, const unsigned char *raw, size_t n, bool final)
{
    if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) {
        s->automatic = false;
        s->bom = true;
        encoding_init(&s->decoder, ENCODING_UTF8, true);
    } else if (n >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF))) {
        s->automatic = false;
        s->bom = true;
        encoding_init(&s->decoder, raw[0] == 0xFF ? ENCODING_UTF16LE : ENCODING_UTF16BE, true);
    } else {
        scan_nul(s, raw, n);
        if (s->nul)
            return;
        encoding_init(&s->decoder, ENCODING_UTF8, false);
        const unsigned char *text;
        size_t length;
        if (encoding_decode_span(&s->decoder, raw, n, final, s->utf8, &text, &length) == ENCODING_OK) {
            take_text(s->r, ENCODING_UTF8, text, length);
            return;
        }
        s->utf8_failed = true;
        s->utf8_bad_offset = s->decoder.bad_offset;
        s->utf8_bad_line = s->decoder.bad_line;
        encoding_close(&s->decoder);
        encoding_init(&s->decoder, ENCODING_GB18030, false);
    }
    take_chunk(s, raw, n, final);
}

/* Reads the file from its start to its end, or (automatic UTF-8) until UTF-8 fails. */
static void run_pass(scan *s, bool choose)
{
    digest_begin(&s->sha);
    s->offset = 0;
    s->raw_line = 1;
    s->raw_last_cr = false;
    s->io_error = lseek(s->fd, 0, SEEK_SET) != 0;
    for (bool final = s->io_error, first = true; !final; first = false) {
        ssize_t n = read_chunk(s->fd, s->raw, CSVFILE_CHUNK);
        if (n < 0) {
            s->io_error = true;
            break;
        }
        final = n < CSVFILE_CHUNK;
        digest_update(&s->sha, s->raw, (size_t)n);
        if (first && choose) {
            choose_encoding(s, s->raw, (size_t)n, final);
        } else {
            scan_nul(s, s->raw, (size_t)n);
            take_chunk(s, s->raw, (size_t)n, final);
        }
        s->offset += (size_t)n;
        if (s->automatic && s->invalid && s->decoder.id == ENCODING_UTF8 && !s->nul)
            return; /* read again as GB18030 */
    }
}

static void add_error(scan *s, long line, const char *reason)
{
    diag_add(s->r->diags, DIAG_ERROR, s->r->display_path, line, NULL, NULL, reason);
}

/* The one problem the file is refused for, if any: a read error, a NUL byte, bytes of no
 * allowed encoding, then what the parser found. */
static csvfile_status verdict(scan *s, csvfile_info *info)
{
    char reason[256];
    info->unread = true;
    if (s->io_error) {
        add_error(s, 0, "读取文件时出错" NOT_READ);
        return CSVFILE_IO;
    }
    if (s->nul) {
        info->encoding_known = false;
        snprintf(reason, sizeof reason,
                 "字节偏移%llu处是NUL字节，而文件开头没有字节顺序标记"
                 "（可能是不带BOM的UTF-16文件，或不是文本文件）" NOT_READ,
                 (unsigned long long)s->nul_offset);
        add_error(s, s->nul_line, reason);
        return CSVFILE_ENCODING;
    }
    if (s->invalid) {
        info->encoding_known = false;
        uint64_t offset = s->decoder.bad_offset;
        long line = s->decoder.bad_line;
        const char *tried = encoding_name(s->decoder.id);
        if (s->automatic) { /* the decoder that got further names the likelier encoding */
            tried = "UTF-8或GB18030";
            if (!(offset > s->utf8_bad_offset)) {
                offset = s->utf8_bad_offset;
                line = s->utf8_bad_line;
            }
        }
        snprintf(reason, sizeof reason, "字节偏移%llu处的字节不是有效的%s编码" NOT_READ,
                 (unsigned long long)offset, tried);
        add_error(s, line, reason);
        return CSVFILE_ENCODING;
    }
    info->unread = false;
    finish(s->r);
    if (s->r->status != CSVFILE_OK && s->r->status != CSVFILE_STOPPED)
        add_error(s, s->r->fail_line, s->r->fail_reason);
    return s->r->status;
}

/* The size and times that change when the file is written to. */
static bool same_file_state(const struct stat *a, const struct stat *b)
{
    return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
           a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Reads the file (encoding NULL: by the rule) and fills *info. */
static csvfile_status read_file(int fd, const char *display_path, const encoding_id *encoding,
                                bool bom, char delimiter, csvfile_row_fn row_fn,
                                csvfile_restart_fn restart_fn, void *context,
                                csvfile_info *info, diag_list *diags)
{
    memset(info, 0, sizeof *info);
    scan *s = calloc(1, sizeof *s);
    reader *r = malloc(sizeof *r);
    unsigned char *raw = malloc(CSVFILE_CHUNK);
    unsigned char *utf8 = malloc(ENCODING_OUT_ROOM(CSVFILE_CHUNK));
    if (!s || !r || !raw || !utf8)
        die_oom();
    struct stat before, after;
    bool stated = fstat(fd, &before) == 0;
    *s = (scan){.r = r, .fd = fd, .raw = raw, .utf8 = utf8, .automatic = !encoding};
    reader_init(r, display_path, delimiter, row_fn, context, diags);
    if (encoding) {
        s->bom = bom;
        encoding_init(&s->decoder, *encoding, bom);
    }
    run_pass(s, !encoding);
    if (s->automatic && s->invalid && s->decoder.id == ENCODING_UTF8 && !s->nul) {
        /* UTF-8 failed past the first chunk: the whole file again, as GB18030 */
        s->utf8_failed = true;
        s->utf8_bad_offset = s->decoder.bad_offset;
        s->utf8_bad_line = s->decoder.bad_line;
        s->invalid = false;
        encoding_close(&s->decoder);
        encoding_init(&s->decoder, ENCODING_GB18030, false);
        reader_release(r);
        reader_init(r, display_path, delimiter, row_fn, context, diags);
        if (restart_fn)
            restart_fn(context);
        run_pass(s, false);
    }
    digest_end(&s->sha, info->sha256);
    info->encoding = s->decoder.id;
    info->bom = s->bom;
    info->encoding_known = true;
    csvfile_status status = verdict(s, info);
    if (status == CSVFILE_OK &&
        (!stated || fstat(fd, &after) != 0 || !same_file_state(&before, &after) ||
         (uint64_t)before.st_size != s->offset)) {
        add_error(s, 0, "文件在读取过程中被改动（读完时的大小或修改时间与开始时不同），"
                        "文件未读入（不计行数）");
        status = CSVFILE_IO;
    }
    info->delimiter = r->delimiter ? r->delimiter : ',';
    info->lines = r->seen_bytes ? r->line - (r->ended_with_break ? 1 : 0) : 0;
    /* neither the row text nor libcsv's cell buffer ever shrinks: their sizes now are
     * the most they held */
    info->peak_buffer = r->capacity + r->parser.entry_size + sizeof *r + sizeof *s +
                        CSVFILE_CHUNK + ENCODING_OUT_ROOM(CSVFILE_CHUNK) +
                        s->decoder.work_capacity;
    reader_release(r);
    encoding_close(&s->decoder);
    free(r);
    free(s);
    free(raw);
    free(utf8);
    return status;
}

csvfile_status csvfile_read_any(int fd, const char *display_path, char delimiter,
                                csvfile_row_fn row_fn, csvfile_restart_fn restart_fn,
                                void *context, csvfile_info *info, diag_list *diags)
{
    return read_file(fd, display_path, NULL, false, delimiter, row_fn, restart_fn, context,
                     info, diags);
}

csvfile_status csvfile_read(int fd, const char *display_path, encoding_id encoding,
                            bool bom, char delimiter, csvfile_row_fn row_fn, void *context,
                            csvfile_info *info, diag_list *diags)
{
    return read_file(fd, display_path, &encoding, bom, delimiter, row_fn, NULL, context, info,
                     diags);
}
