/*
 * databook.h: data-YYYY-MM.xlsx, the month's tables for the clerk to sort and filter:
 * industries, units with every score component and rank, projects, submissions
 * (报送情况), and the rejected and warned rows.  Numbers are real numbers under number
 * formats (万元 to 元, percents to 0.01), each sheet with its header row frozen and a
 * filter; the same figures as summary.json.  The same inputs give the same bytes: the
 * document's dates and every zip entry's time are the period's.
 */
#ifndef BULLETIN_DATABOOK_H
#define BULLETIN_DATABOOK_H

#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "model/buffer.h"
#include "model/plan.h"
#include "model/store.h"

/* Writes the workbook into out.  temp_dir: where libxlsxwriter may write its scratch
 * files (it writes to a file; the bytes are read back and the file removed).  Returns
 * 0, or -1 when the scratch file could not be written (out is then empty). */
int databook_write(buffer *out, const figures *f, const unit_scores *scores,
                   const timeliness *submissions, const plan *pl, const store *s,
                   const char *temp_dir);

#endif
