/*
 * sheet.h: a CSV or tab-separated submission read as a sheet, in either form of
 * inputs.md §2.3: plain (the header is the first row) or a 样表 export (preamble rows with
 * the title, 填报单位, 填报日期, 报告期 and 单位; a header of one or two rows with group
 * labels over merged cells; 合计/小计 rows; notes after the data).  The header names the
 * kind (unless the title did) and maps each cell position to a column of the kind's
 * table with its unit; the data rows go to the record builder.
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

#endif
