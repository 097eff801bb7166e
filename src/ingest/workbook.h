/*
 * workbook.h: a spreadsheet workbook (.xlsx or .xls) as its readers hand it over: the
 * sheets in order, each a list of typed cells and merges, with values already shown
 * as Excel shows them (numbers at 15 significant digits, dates from their serials in
 * either date system, percents as percents).  workbook_ingest then reads each visible
 * sheet that holds anything as its own submission, named file:sheet, through the same
 * form rules as a CSV file (sheet.h).
 */
#ifndef BULLETIN_WORKBOOK_H
#define BULLETIN_WORKBOOK_H

#include "ingest/builder.h"
#include "ingest/sheet.h"

#include <stdbool.h>

/* How far a sheet is read: cells past the last column are left out with a note. */
#define WORKBOOK_MAX_COLUMNS 512
#define WORKBOOK_MAX_ROWS (1024L * 1024L)
#define WORKBOOK_MAX_CELLS (4L * 1024L * 1024L)
#define WORKBOOK_MAX_MERGES 65536
#define WORKBOOK_MAX_SHEETS 256

typedef struct workbook_entry {
    long row;    /* 1-based */
    int column;  /* 0-based: A = 0 */
    sheet_cell cell;
} workbook_entry;

typedef struct workbook_merge {
    long top, bottom;
    int left, right;
} workbook_merge;

typedef struct workbook_sheet {
    const char *name;
    bool hidden;
    const char *error;   /* the sheet could not be read (the reason), or NULL */
    bool beyond_columns; /* cells past WORKBOOK_MAX_COLUMNS were left out */
    vec entries;         /* workbook_entry */
    vec merges;          /* workbook_merge */
} workbook_sheet;

/* How a number format shows a number. */
typedef enum {
    FORMAT_GENERAL, /* 15 significant digits */
    FORMAT_FIXED,   /* at least `decimals` decimals, at least `digits` integer digits */
    FORMAT_PERCENT, /* × 100 with a % sign */
    FORMAT_DATE,    /* a date: 2015-09-30, or 2015-09 when the format shows no day */
    FORMAT_TEXT     /* @ */
} format_class;

typedef struct number_format {
    format_class kind;
    int decimals;
    int digits;
    bool shows_day;
} number_format;

typedef struct workbook {
    arena *memory;        /* every string and cell of the workbook */
    bool date1904;        /* serials count from 1904-01-01 (old Mac Excel) */
    vec sheets;           /* workbook_sheet */
    unsigned char sha256[32];
    const char *encoding; /* what the store shows for the file */
} workbook;

void workbook_init(workbook *w, arena *memory);
void workbook_free(workbook *w);
workbook_sheet *workbook_add_sheet(workbook *w, const char *name, bool hidden);

/* Adds a cell (a copy of text) unless it is past the last column or empty. */
void workbook_put(workbook *w, workbook_sheet *s, long row, int column, sheet_cell_kind kind,
                  const char *text);
/* Adds a number cell shown through its format. */
void workbook_put_number(workbook *w, workbook_sheet *s, long row, int column, double value,
                         const number_format *format);

/* The format of an Excel format code (the first section, quoted text and [..] left out). */
number_format workbook_format_of_code(const char *code);
/* The format of a built-in format number (0–163), as Excel on a Chinese system shows it. */
number_format workbook_format_builtin(int id);

/* A number as Excel shows it in General: 15 significant digits, no trailing zeros,
 * 1.2E+15 beyond; into out (32 bytes). */
void workbook_general(double value, char *out);

/* A date serial (days from the epoch of the system, fractions of a day ignored) as
 * y/m/d; false when it is no date (negative, past 9999-12-31). */
bool workbook_serial_date(double serial, bool date1904, int *year, int *month, int *day);

/* Parses an A1 reference (B12, or B for a whole column when row is NULL).  Returns
 * false for anything else. */
bool workbook_parse_reference(const char *text, int *column, long *row);

/* What each sheet's builder is set up with (see builder.h): the plan, the store, the
 * run's sums and today, and the metadata of the folder (the period). */
typedef struct workbook_context {
    const plan *plan;
    store *store;
    ingest_sums *sums;
    date today;
    builder_metadata stated;
} workbook_context;

/* Reads each sheet of w as its own submission into the store: sheets that are hidden
 * or hold nothing get a note; a sheet that could not be read counts no row.  Returns
 * the number of submissions made. */
int workbook_ingest(const workbook *w, const char *path, const workbook_context *c);

/* Records that the file at path could not be read as a workbook at all: a submission
 * of its own, rejected with the messages of diags and no row counted. */
void workbook_refuse(const char *path, const workbook_context *c, const unsigned char *sha256,
                     const diag_list *diags);

#endif
