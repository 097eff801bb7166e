/*
 * sheet.h: a CSV or tab-separated submission read as a sheet, in either form of
 * inputs.md §2.3: plain (the header is the first row) or a 样表 export (preamble rows with
 * the title, 填报单位, 填报日期, 报告期 and 单位; a header of one or two rows with group
 * labels over merged cells; 合计/小计 rows; notes after the data).  The header names the
 * kind (unless the title did) and maps each cell position to a column of the kind's
 * table with its unit; the data rows go to the record builder.  A workbook's sheet
 * comes in as rows of typed cells (sheet_begin, sheet_put_row, sheet_end) and goes
 * through the same rules.
 */
#ifndef BULLETIN_SHEET_H
#define BULLETIN_SHEET_H

#include "ingest/builder.h"

#include <stdbool.h>

/* Reads the file open at fd (shown as the builder's path, whose extension tells the
 * delimiter) into b, whose metadata the caller has set (the folder's period).  Fills the
 * store file's encoding and the SHA-256 of the bytes parsed.
 * Returns true when the file could be read to its end, false when it could not be
 * opened, decoded or parsed (the error is in b); pass the result to builder_end. */
bool sheet_read(builder *b, int fd);

/* What a workbook cell held, for the rules that depend on it. */
typedef enum {
    SHEET_CELL_TEXT,    /* a string, or a number shown as Excel shows it */
    SHEET_CELL_DATE,    /* a date serial under a date format, shown as 2015-09-30 or 2015-09 */
    SHEET_CELL_PERCENT, /* a number under a percent format, shown as 71.7% */
    SHEET_CELL_ERROR    /* no value to read: a formula without its cached value (text:
                           =SUM(J7:J9)) or an error value (text: #DIV/0!) */
} sheet_cell_kind;

typedef struct sheet_cell {
    const char *text;        /* as shown, UTF-8; "" for an empty cell */
    sheet_cell_kind kind;
    /* a cell covered by a merge whose first cell stands above it in the same column:
     * that cell (its text fills the data rows it covers; headers see the cell empty,
     * as a CSV export shows it), else NULL */
    const struct sheet_cell *merged_from;
} sheet_cell;

typedef struct sheet sheet;

/* Starts reading a workbook's sheet into b (metadata set as for sheet_read); messages
 * about a cell name it (b's path, then !H14) through the builder's cell letters. */
sheet *sheet_begin(builder *b);
/* One row of the sheet (line: its row number), count cells from column A on. */
void sheet_put_row(sheet *s, long line, size_t count, const sheet_cell *cells);
/* Ends the sheet (the header rules at its end) and frees s; pass true to builder_end. */
void sheet_end(sheet *s);

#endif
