/*
 * csvfile.h: the rows of a CSV or tab-separated file, streamed with libcsv.  A file is
 * read from one open descriptor in two passes: csvfile_probe decides its encoding (see
 * encoding.h), csvfile_read decodes it, hands over its rows and hashes the bytes it
 * parsed; both passes hash, so that a file changed between them is told.  Each row carries the
 * physical line where it starts (blank lines and newlines inside quoted cells counted).
 * Memory grows with one row, never with the file; a cell is at most CSVFILE_MAX_CELL
 * bytes and a row at most CSVFILE_MAX_ROW bytes and CSVFILE_MAX_CELLS cells.
 */
#ifndef BULLETIN_CSVFILE_H
#define BULLETIN_CSVFILE_H

#include "ingest/encoding.h"
#include "model/diag.h"

#include <stddef.h>

#define CSVFILE_CHUNK (64 * 1024)
#define CSVFILE_MAX_CELL (64 * 1024)
#define CSVFILE_MAX_ROW (1024 * 1024)
#define CSVFILE_MAX_CELLS 512

typedef struct csvfile_row {
    long line;                /* physical line (1-based) where the row starts */
    size_t count;             /* cells; libcsv reports at least one */
    const char *const *cells; /* NUL-terminated UTF-8, owned by the reader; valid only
                                 during the callback */
} csvfile_row;

/* Called once per row, in file order; returns 0 to go on, non-zero to stop reading. */
typedef int (*csvfile_row_fn)(void *context, const csvfile_row *row);

typedef enum {
    CSVFILE_OK,
    CSVFILE_IO,       /* the file could not be opened or read */
    CSVFILE_ENCODING, /* bytes not valid in a supported encoding, or NUL bytes */
    CSVFILE_SYNTAX,   /* a quoting error, a cell or row over the limits */
    CSVFILE_STOPPED   /* the callback asked to stop */
} csvfile_status;

typedef struct csvfile_probe_info {
    unsigned char sha256[32];  /* of every raw byte the probe read */
    encoding_verdict verdict;
} csvfile_probe_info;

typedef struct csvfile_info {
    char delimiter;            /* ',' or '\t' */
    long lines;                /* physical lines read */
    size_t peak_buffer;        /* the most bytes the reader held at once: its chunk
                                  buffers, the row being collected and libcsv's cell */
    unsigned char sha256[32];  /* of every raw byte read from the descriptor: those parsed,
                                  and after an error the rest, read on to the end */
} csvfile_info;

/* The delimiter that a file's name implies: '\t' for .txt and .tsv, else 0 (sniff). */
char csvfile_delimiter_for(const char *path);

/* Reads the file open at fd from its start: its SHA-256 and the encoding to read it with.
 * Returns CSVFILE_OK, or CSVFILE_IO / CSVFILE_ENCODING after adding an error to diags
 * naming display_path, the line and the byte offset.  Always fills *info (the hash
 * covers the bytes read). */
csvfile_status csvfile_probe(int fd, const char *display_path, csvfile_probe_info *info,
                             diag_list *diags);

/* Reads the file open at fd from its start in the given encoding (bom: it begins with that encoding's
 * byte order mark) and calls row_fn for every row.  delimiter is ',' or '\t', or 0 to
 * sniff it: the first line with a comma or tab outside quotes decides (more tabs than
 * commas: tab); a file without any is comma-separated, or tab-separated when UTF-16
 * (Excel's 'Unicode text').  Every problem is added to diags as an error naming
 * display_path, the line and, for a quoting error, the cell and character; rows
 * already passed to row_fn before an error remain the caller's to discard.  Always
 * fills *info. */
csvfile_status csvfile_read(int fd, const char *display_path, encoding_id encoding,
                            bool bom, char delimiter, csvfile_row_fn row_fn, void *context,
                            csvfile_info *info, diag_list *diags);

#endif
