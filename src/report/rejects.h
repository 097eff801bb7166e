/*
 * rejects.h: rejects.csv (outputs.md §2): one row per rejected or warned row, UTF-8 with
 * a BOM so that Excel on Chinese Windows opens it, formula injection neutralised.
 */
#ifndef BULLETIN_REJECTS_H
#define BULLETIN_REJECTS_H

#include "model/buffer.h"
#include "model/diag.h"

/* Appends rejects.csv for every error and warning of diags, in their order. */
void rejects_write(buffer *out, const diag_list *diags);

/* Appends one CSV cell: quoted when it holds a comma, quote or line break; a cell that
 * begins with = + - or @ gets a leading '. */
void rejects_put_cell(buffer *out, const char *text);

#endif
