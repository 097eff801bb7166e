/*
 * diag.h: diagnostics as data.  Parsers and checks append {file, line, column, value,
 * level, reason} here and return a status; only the command layer prints them or turns
 * them into an exit status.  Strings are copied into the list's arena.
 */
#ifndef BULLETIN_DIAG_H
#define BULLETIN_DIAG_H

#include "model/arena.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diagnostic {
    diag_level level;
    const char *file;   /* path as given on the command line, or "" */
    long line;          /* physical line (CSV) or libxml2's line (XML); 0 = whole file */
    const char *column; /* column's canonical name, or NULL */
    const char *value;  /* the value as written, or NULL */
    const char *reason; /* Chinese, without file/line/column */
    const char *cell;   /* a workbook's cell or row for the line (H14, 14:14), or NULL */
} diagnostic;

typedef struct diag_list {
    vec items; /* of diagnostic */
    arena *strings;
} diag_list;

void diag_init(diag_list *list, arena *strings);
void diag_free(diag_list *list);

/* Appends a diagnostic; every string argument is copied (NULL stays NULL). */
void diag_add(diag_list *list, diag_level level, const char *file, long line,
              const char *column, const char *value, const char *reason);
/* As diag_add, for a workbook's sheet: cell names the place (H14 or 14:14), which
 * messages show after the file as file!H14 in place of file:line. */
void diag_add_cell(diag_list *list, diag_level level, const char *file, long line,
                   const char *cell, const char *column, const char *value, const char *reason);
/* As diag_add with a printf-formatted reason. */
void diag_addf(diag_list *list, diag_level level, const char *file, long line,
               const char *column, const char *value, const char *format, ...)
    __attribute__((format(printf, 7, 8)));

size_t diag_count(const diag_list *list, diag_level level);
const diagnostic *diag_at(const diag_list *list, size_t index);

/* Formats one diagnostic as the spec's message line, e.g.
 * `input/x.csv:14: 列“累计完成投资”：“12,3a”不是有效金额` (errors) or with 警告： for a
 * warning.  Control characters and bytes that are not UTF-8 are written as \xNN (text.h),
 * so that a name or a cell cannot drive the terminal.  The text is owned by the arena. */
char *diag_format(const diagnostic *d, arena *a);

/* Writes every message of the list, one diag_format line each, to the stream; memory
 * stays bounded however many there are. */
void diag_print_all(const diag_list *list, FILE *to);

#endif
