/*
 * summary.h: summary.json (outputs.md §3), every figure the bulletin shows, in the
 * spec's keys: amounts in 万元 as exact decimals, percentages rounded to 2 decimals
 * half away from zero, null where a value cannot be computed.
 */
#ifndef BULLETIN_SUMMARY_H
#define BULLETIN_SUMMARY_H

#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "model/buffer.h"

/* Appends the whole summary.json document to out: the figures f, the unit scores and
 * the submission checks of the same period, and the row counts of the store s. */
void summary_write(buffer *out, const figures *f, const unit_scores *scores,
                   const timeliness *submissions, const plan *pl, const store *s);

#endif
