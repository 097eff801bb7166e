/*
 * builder.h: the record builder.  Both readers (CSV sheets and XML) hand it rows of
 * named cell texts with a line number; it parses the values and checks every row
 * (inputs.md §3).  As soon as the rows have settled the file's office, period and date
 * sent, each row is checked against them and its record committed to the store as it
 * comes (the rows before wait); the end of the file settles what the rows left open,
 * rejects what only the whole file can tell, and commits the counts and the messages.
 * Every row ends accepted (maybe warned) or rejected; superseding across files is
 * supersede.h's.
 */
#ifndef BULLETIN_BUILDER_H
#define BULLETIN_BUILDER_H

#include "ingest/sums.h"
#include "ingest/table.h"
#include "model/arena.h"
#include "model/diag.h"
#include "model/plan.h"
#include "model/store.h"

#include <stdbool.h>

typedef struct builder_state builder_state;

/* One data row: the cell texts by column of the file's table (NULL: no such column). */
typedef struct builder_row {
    long line;
    const char *cells[TABLE_MAX_COLUMNS];
    /* the first non-empty cell under a column without a name, or NULL (CSV only) */
    const char *unnamed_value;
    size_t unnamed_position; /* its 1-based cell position */
    /* a problem the reader found in the row (it is rejected with this reason), or NULL */
    const char *reader_error;
    int reader_error_column; /* the column it concerns, or -1 */
} builder_row;

/* Metadata the file states outside its rows: XML root attributes or the 样表
 * preamble; or, for the period, the folder name. */
typedef struct builder_metadata {
    const char *office; /* as written, or NULL */
    bool has_period;
    period period;
    date sent;          /* 0 = not stated */
} builder_metadata;

typedef struct builder {
    const plan *plan;
    store *store;
    arena *scratch;  /* this file's working memory; the caller frees it after builder_end */
    int file;        /* index into the store's files */
    const char *path;
    record_kind kind;
    const table *table;
    int64_t units[TABLE_MAX_COLUMNS]; /* 元 per unit of each amount column */
    builder_metadata stated;
    const char *rejected_reason; /* set by builder_reject_file */
    bool skipped;                /* set by builder_skip_file */
    long rejected_line;
    diag_list file_diags;        /* about the file as a whole */
    store_mark start;            /* the store when the file began: its records follow */
    vec pending;                 /* pending_row (builder_parts.h): rows that wait for the
                                    file's metadata to be settled */
    unsigned pass;               /* this reading of the file, for the store's marks */
    vec row_metadata;            /* row_metadata (builder_parts.h) */
    vec totals;                  /* total_cell (builder_parts.h): amounts of 合计/总计 rows */
    builder_state *state;        /* key sets, settled metadata, sums (builder_parts.h) */
    ingest_sums *sums;           /* the run's amount sums, or NULL: not checked */
    date today;                  /* a 填报日期 after it is impossible; 0: not checked */
    /* a workbook's sheet: messages name the cell (path!H14, or path!14:14 for a row)
     * from each column's 0-based position in the sheet (-1: none) */
    bool cell_references;
    int column_positions[TABLE_MAX_COLUMNS];
    /* a sheet's header is read: a column without a position is not in the file, so no
     * row states its metadata (the file's own, stated, is final) */
    bool columns_known;
    /* the rows are XML elements: a column without an XML name (the metadata, which sits
     * on the root) is in no row */
    bool xml_rows;
    long read, rejected, warned;
} builder;

/* Starts a file already added to the store (index file, path as shown in messages). */
void builder_begin(builder *b, const plan *p, store *s, arena *scratch, int file,
                   const char *path);

/* Forgets every row, message and finding of the file so far, as if it had not been
 * read: its reader starts it again (in another encoding).  stated: the metadata as the
 * caller set it before the file was read. */
void builder_restart(builder *b, const builder_metadata *stated);

/* Sets the kind (and so the table); every amount column's unit becomes default_unit
 * (元 per unit) until builder_set_unit changes it. */
void builder_set_kind(builder *b, record_kind kind, int64_t default_unit);
void builder_set_unit(builder *b, int column, int64_t yuan_per_unit);

/* Adds an error about the whole file (line 0 = no line).  Strings are copied. */
void builder_file_error(builder *b, long line, const char *column, const char *value,
                        const char *reason);
/* Adds a note about the file (an ignored column, …). */
void builder_file_note(builder *b, long line, const char *column, const char *value,
                       const char *reason);

/* Rejects the file whole: its rows are still counted (read and rejected) but not
 * checked one by one.  builder_end adds the reason as an error, with the row count.
 * Only the first reason is kept. */
void builder_reject_file(builder *b, long line, const char *reason);

/* The file is not a submission (a workbook's 填报说明 sheet): builder_end keeps only its
 * notes, with no kind, no rows and no error; rows given after this are not counted. */
void builder_skip_file(builder *b);

/* Counts a data row of a file rejected whole, or of one whose kind is unknown. */
void builder_count_row(builder *b);

/* Counts a row read and rejected before it could be read as data (a row above the
 * header), with its reason; value is its first cell as written, or NULL. */
void builder_reject_row(builder *b, long line, const char *value, const char *reason);

/* Checks one data row and keeps it pending, or counts it rejected with its reasons. */
void builder_add_row(builder *b, const builder_row *row);

/* Takes a 合计/总计 row of a sheet (cells by column, as for a data row; not a data row,
 * not counted): each amount it states is checked at builder_end against the sum of that
 * column over the file's accepted rows, and a difference over 0.5 万元 is a warning on
 * the total row (the data rows win).  Cells that are not amounts are not checked. */
void builder_add_total(builder *b, const builder_row *row);

/* Ends the file.  readable false: the file could not be decoded or parsed, no row
 * counts and only the file's own messages are kept.  Otherwise settles the office and
 * the period, finishes the checks across rows, and commits records, counts and messages
 * (row messages sorted by line) to the store; a file rejected whole leaves no record.
 * Frees the builder's heap memory. */
void builder_end(builder *b, bool readable);

#endif
