/*
 * sheet.h: a CSV or tab-separated submission read as a sheet: the header row, the kind
 * it names, the mapping of its cells to the kind's columns (with their units), then the
 * data rows, handed to the record builder.  This round reads the plain form (the header
 * is the first non-empty row); the 样表 form with preamble and two-row headers is next.
 */
#ifndef BULLETIN_SHEET_H
#define BULLETIN_SHEET_H

#include "ingest/builder.h"

#include <stdbool.h>

/* Reads the file at path (shown as the builder's path) into b, whose metadata the
 * caller has set (the folder's period).  Fills the store file's encoding and SHA-256.
 * Returns true when the file could be read to its end, false when it could not be
 * opened, decoded or parsed (the error is in b); pass the result to builder_end. */
bool sheet_read(builder *b, const char *path);

#endif
