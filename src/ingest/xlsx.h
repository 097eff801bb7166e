/*
 * xlsx.h: an Office Open XML workbook (.xlsx, as Excel 2007+, WPS and LibreOffice save
 * it) read into a workbook (workbook.h): the zip through libzip within limits against
 * zip bombs, each part through the safe XML reader.
 */
#ifndef BULLETIN_XLSX_H
#define BULLETIN_XLSX_H

#include "ingest/workbook.h"
#include "model/diag.h"

#include <stdbool.h>

#define XLSX_MAX_FILE (64L * 1024 * 1024)        /* the .xlsx file itself */
#define XLSX_MAX_PARTS 1000                      /* entries of the zip */
#define XLSX_MAX_PART (64L * 1024 * 1024)        /* one part, uncompressed */
#define XLSX_MAX_TOTAL (256L * 1024 * 1024)      /* every part, uncompressed */
#define XLSX_MAX_RATIO 100                       /* uncompressed : compressed, for a part */
#define XLSX_RATIO_FLOOR (1024L * 1024)          /* parts smaller than this may be denser */
#define XLSX_MAX_MARKUP 1000000L                 /* elements and attributes of one part: its
                                                    tree in memory (~200 bytes each) */

/* Reads the file open at fd (display_path in messages; fd stays open) into w, whose
 * SHA-256 it fills.
 * Returns true when the workbook could be opened; false after adding one error to diags
 * that says why not (not a zip, an encrypted workbook, over a limit, a part missing or
 * broken).  A single sheet that cannot be read has its error in its workbook_sheet. */
bool xlsx_read(int fd, const char *display_path, workbook *w, diag_list *diags);

#endif
