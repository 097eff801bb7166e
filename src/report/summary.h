/*
 * summary.h: summary.json (outputs.md §3), every figure the bulletin shows, in the
 * spec's keys: amounts in 万元 as exact decimals, percentages rounded to 2 decimals
 * half away from zero, null where a value cannot be computed.
 */
#ifndef BULLETIN_SUMMARY_H
#define BULLETIN_SUMMARY_H

#include "aggregate/figures.h"
#include "model/buffer.h"

/* Appends the whole summary.json document to out. */
void summary_write(buffer *out, const figures *f, const plan *pl, const store *s);

#endif
