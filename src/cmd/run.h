/*
 * run.h: a month's outputs made in memory, without writing: `bulletin run` writes them
 * into <output>/YYYY-MM/, `bulletin quarter` puts the bulletins of missing months into
 * the archive.
 */
#ifndef BULLETIN_RUN_H
#define BULLETIN_RUN_H

#include "cmd/session.h"

/* The month's set of files (<output>/YYYY-MM/ once committed), with its five files at
 * hand.  More may be added to files before run_render_month, which lists every file of
 * the set in manifest.json. */
typedef struct month_outputs {
    outset files;
    buffer *pdf, *summary, *rejects, *data, *manifest; /* data: data-YYYY-MM.xlsx */
    long reports_late_or_missing; /* of the month's expected reports */
} month_outputs;

/* An empty set for month p, to be committed under s's output folder. */
void month_outputs_init(month_outputs *out, session *s, period p);
void month_outputs_free(month_outputs *out);

/* Renders a PDF with template t in scope into pdf.  Errors join the session's printed
 * diagnostics; warnings (a character no font has) join the store's, and so rejects.csv.
 * EXIT_OK, EXIT_DATAERR, or EXIT_CANTCREAT when a temporary file could not be written
 * (full disk, file size limit). */
int run_render_pdf(session *s, const bulletin_template *t, const bind_scope *scope, buffer *pdf);
/* EXIT_OK, or (when beyond: a sum or score of the figures could not be represented
 * exactly) EXIT_DATAERR with the problem among the session's printed diagnostics: such
 * figures are never published. */
int run_check_beyond(session *s, bool beyond);

/* Computes the figures of month p from the session's store and renders the bulletin
 * with template t, summary.json, rejects.csv, data-YYYY-MM.xlsx and manifest.json into
 * out.  Returns EXIT_OK, or the
 * status of run_render_pdf with the problem among the session's printed diagnostics. */
int run_render_month(session *s, const bulletin_template *t, period p, month_outputs *out);

#endif
