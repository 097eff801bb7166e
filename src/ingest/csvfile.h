/*
 * csvfile.h: the rows of a CSV or tab-separated file, streamed with libcsv.  A file is
 * read once, from one open descriptor: its first chunk decides the encoding (see
 * encoding.h), every byte is hashed as it is parsed, and its size and times before and
 * after tell a file that changed while read.  Only a file whose first chunk passes as
 * UTF-8 but whose later bytes do not is read again, as GB18030, from its start.  Each
 * row carries the physical line where it starts (blank lines and newlines inside quoted
 * cells counted).  Memory grows with one row, never with the file; a cell is at most
 * CSVFILE_MAX_CELL bytes and a row at most CSVFILE_MAX_ROW bytes and CSVFILE_MAX_CELLS
 * cells.
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
    CSVFILE_IO,       /* the file could not be read, or it changed while read */
    CSVFILE_ENCODING, /* bytes not valid in a supported encoding, or NUL bytes */
    CSVFILE_SYNTAX,   /* a quoting error, a cell or row over the limits */
    CSVFILE_STOPPED   /* the callback asked to stop */
} csvfile_status;

/* Called before the file is read again from its start in another encoding: every row
 * passed so far is void. */
typedef void (*csvfile_restart_fn)(void *context);

typedef struct csvfile_info {
    encoding_id encoding;      /* the encoding the rows were read in */
    bool bom;                  /* the file begins with its byte order mark */
    bool encoding_known;       /* false when no encoding the rule allows fits the file */
    bool unread;               /* refused before its rows could count: a read error, a NUL
                                  byte or bytes of no allowed encoding (rows already passed
                                  are void, and so is anything their caller said of them) */
    char delimiter;            /* ',' or '\t' */
    long lines;                /* physical lines read */
    size_t peak_buffer;        /* the most bytes the reader held at once: its chunk
                                  buffers, the row being collected and libcsv's cell */
    unsigned char sha256[32];  /* of every raw byte read from the descriptor: those parsed,
                                  and after an error the rest, read on to the end */
} csvfile_info;

/* The delimiter that a file's name implies: '\t' for .txt and .tsv, else 0 (sniff). */
char csvfile_delimiter_for(const char *path);

/* Reads the file open at fd from its start and calls row_fn for every row, choosing the
 * encoding by the rule of encoding.h as it goes: a BOM; else UTF-8 when the first chunk
 * is UTF-8, else GB18030; a NUL byte anywhere refuses a file without BOM.  When UTF-8
 * fails past the first chunk, restart_fn is called and the file read again as GB18030.
 * delimiter is ',' or '\t', or 0 to sniff it: the first line with a comma or tab
 * outside quotes decides (more tabs than commas: tab); a file without any is
 * comma-separated, or tab-separated when UTF-16 (Excel's 'Unicode text').  One problem
 * at most is added to diags, at the end, as an error naming display_path, the line and
 * the byte offset, or for a quoting error the cell and character; bytes of no allowed
 * encoding are told before a quoting error.  Rows already passed to row_fn before an
 * error remain the caller's to discard.  Always fills *info. */
csvfile_status csvfile_read_any(int fd, const char *display_path, char delimiter,
                                csvfile_row_fn row_fn, csvfile_restart_fn restart_fn,
                                void *context, csvfile_info *info, diag_list *diags);

/* The same in the given encoding (bom: the file begins with that encoding's byte order
 * mark): bytes not valid in it are an error, a NUL byte among them. */
csvfile_status csvfile_read(int fd, const char *display_path, encoding_id encoding,
                            bool bom, char delimiter, csvfile_row_fn row_fn, void *context,
                            csvfile_info *info, diag_list *diags);

#endif
