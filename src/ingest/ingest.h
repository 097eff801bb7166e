/*
 * ingest.h: the input folder → the store.  Walks the folder, reads every submission
 * file (CSV, tab-separated text or XML) through the record builder, and settles which
 * records later submissions supersede.  Nothing here prints: every problem is a
 * diagnostic in the store.
 */
#ifndef BULLETIN_INGEST_H
#define BULLETIN_INGEST_H

#include "ingest/planfile.h"
#include "ingest/sums.h"
#include "model/plan.h"
#include "model/store.h"
#include "model/xmlsafe.h"

/* What every file of a run is read with: the plan, the store that receives the records,
 * and the submission schema, loaded once. */
typedef struct ingest_context {
    const plan *plan;
    store *store;
    xmlsafe_schema *schema;
    ingest_sums sums; /* of the records accepted so far, against overflow */
    date today;       /* a 填报日期 after today is refused; 0 (ingest_open's): not checked */
    period through; /* year 0: every file; else a file whose period lies in another year
                       or after this month is left out of the store, with a note (a plan
                       serves its own year; a month is made from what was due by then) */
    long left_out;  /* how many files were left out so */
} ingest_context;

/* Prepares a run: loads <data_dir>/schemas/submission.xsd (data_dir is the folder that
 * holds schemas/, "." when the program runs from the project root).  Returns 0, or -1
 * after adding an error to the store's diagnostics (the schema is missing or invalid).
 * The plan and the store must outlive the context. */
int ingest_open(ingest_context *ctx, const char *data_dir, const plan *p, store *s);
void ingest_close(ingest_context *ctx);

/* Reads every submission under input_dir, recursively and safely (walk.h), in byte order
 * of their paths (input_dir joined with the names found, e.g. input/2015-09/x.csv, which
 * is also how messages name them), then calls supersede (supersede.h).  The plan file
 * (plan_path, compared by device and inode) and every other plan file (planfile_is_plan)
 * are left out silently; so are, with a note, the files outside ctx->through (see
 * ingest_context); every other entry not
 * read (hidden, not .csv/.txt/.tsv/.xml/.xlsx, not a regular file, a link out of input_dir or
 * in a loop, a file swapped after the walk) is an error counted in the store's skipped.
 * Returns 0, or -1 when input_dir itself cannot be read (an error is added). */
int ingest_folder(ingest_context *ctx, const char *input_dir, const char *plan_path);

/* Reads one submission file into the store (for `bulletin check`), without superseding;
 * a link named is followed, a FIFO never waited on.  The period may come from its
 * folder's name as in ingest_folder.  Returns 0, or -1 when the path is not a regular
 * file (an error is added). */
int ingest_file(ingest_context *ctx, const char *path);

#endif
