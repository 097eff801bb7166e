/*
 * sums.h: the running sums of every amount column over the records accepted so far, per
 * kind and period.  Every figure the bulletin publishes sums a part of one period's
 * records of one kind, and amounts are never negative, so when these sums fit in a money
 * every published sum fits too: ingest refuses the row that would make one overflow.
 */
#ifndef BULLETIN_SUMS_H
#define BULLETIN_SUMS_H

#include "ingest/table.h"
#include "model/arena.h"
#include "model/period.h"

typedef struct ingest_sums {
    vec periods; /* period_sums (sums.c) */
} ingest_sums;

void sums_init(ingest_sums *s);
void sums_free(ingest_sums *s);

#define SUMS_FIT (-1)

/* A file's rows count in the sums only once the file is accepted: file holds, per column
 * of t, the sum of the file's rows added so far.  Adds the amounts of record (a record
 * of t's kind, of period p) to file when the sums of the run and the file still fit with
 * them; returns SUMS_FIT, or the column of the first amount that would not fit, adding
 * nothing. */
int sums_add_row(const ingest_sums *s, const table *t, period p, money *file, const void *record);

/* Adds a file's sums (filled by sums_add_row) to the run's. */
void sums_add_file(ingest_sums *s, const table *t, period p, const money *file);

#endif
