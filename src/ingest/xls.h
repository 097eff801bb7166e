/*
 * xls.h: an Excel 97–2003 workbook (.xls, BIFF8, as Excel, WPS and LibreOffice save it)
 * read into a workbook (workbook.h) with the same cells as an .xlsx: strings, numbers
 * through their formats, booleans, a formula's cached result, merges, hidden sheets.
 */
#ifndef BULLETIN_XLS_H
#define BULLETIN_XLS_H

#include "ingest/workbook.h"
#include "model/diag.h"

#include <stdbool.h>

#define XLS_MAX_FILE (64L * 1024 * 1024)

/* Reads the file open at fd (display_path in messages; fd stays open) into w, whose
 * SHA-256 it fills.  Returns true when the workbook could be opened; false after adding
 * one error to diags that says why not and what to do (encrypted, older than BIFF8, an
 * .xlsx under the wrong name, broken). */
bool xls_read(int fd, const char *display_path, workbook *w, diag_list *diags);

#endif
