/*
 * datacsv.h: the data/ folder of a quarter's archive (outputs.md §5): the quarter's
 * accepted records, one CSV file per kind, normalised: UTF-8 with a BOM and CRLF as
 * rejects.csv, canonical column names, names as the plan spells them, amounts in 万元 as
 * exact decimals, and the source file and line of every record.
 */
#ifndef BULLETIN_DATACSV_H
#define BULLETIN_DATACSV_H

#include "model/buffer.h"
#include "model/plan.h"
#include "model/store.h"

/* True when period p (a month or a quarter) lies within the quarter, or within the year
 * when quarter is a year (a period {year, 0, 0}: the annual archive's data). */
bool datacsv_in_quarter(period p, period quarter);

/* Append the whole CSV file of one kind: the accepted (not superseded) records of the
 * store whose period lies within the quarter, in input order. */
void datacsv_write_projects(buffer *out, const store *s, const plan *pl, period quarter);
void datacsv_write_progress(buffer *out, const store *s, const plan *pl, period quarter);
void datacsv_write_assessments(buffer *out, const store *s, const plan *pl, period quarter);
void datacsv_write_quarterly(buffer *out, const store *s, period quarter);

#endif
