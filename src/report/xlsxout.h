/*
 * xlsxout.h: a workbook made with libxlsxwriter, as bytes in memory that are the same on
 * every run: libxlsxwriter writes to a file, so the workbook is made in a scratch file,
 * read back and the file removed; its document dates and every zip entry's time are a
 * date the caller gives (the period's), not the clock's.  The data workbook and the forms
 * are made through it.
 */
#ifndef BULLETIN_XLSXOUT_H
#define BULLETIN_XLSXOUT_H

#include "model/buffer.h"
#include "model/period.h"

#include <xlsxwriter.h>

/* Adds the sheets of a workbook; context is the caller's. */
typedef void (*xlsxout_fill)(lxw_workbook *wb, void *context);

/* Makes a workbook (title, subject and author "bulletin" in its properties, created on
 * when) with fill and writes its bytes into out.  temp_dir: where the scratch file and
 * libxlsxwriter's own go.  Returns 0, or -1 when the scratch file could not be written
 * (out is then empty). */
int xlsxout_write(buffer *out, const char *temp_dir, date when, const char *title,
                  const char *subject, xlsxout_fill fill, void *context);

#endif
