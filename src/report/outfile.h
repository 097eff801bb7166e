/*
 * outfile.h: atomic output.  Every output of a run is first staged: written to a
 * temporary name in its destination folder and fsync'd.  Only when every file is staged
 * are they renamed into place and the folder fsync'd, so a failure or a kill at any
 * point leaves the previous files whole.
 */
#ifndef BULLETIN_OUTFILE_H
#define BULLETIN_OUTFILE_H

#include "model/arena.h"

#include <stddef.h>

typedef struct outfile_batch {
    vec staged; /* of staged files: temporary and final paths */
    int error;  /* errno of the first failure, or 0 */
    const char *failed_path;
    arena *memory;
} outfile_batch;

void outfile_begin(outfile_batch *batch, arena *memory);
/* Writes bytes to a temporary file beside path and fsyncs it.  Returns 0, or -1 with
 * batch->error and batch->failed_path set (later calls then do nothing). */
int outfile_stage(outfile_batch *batch, const char *path, const void *bytes, size_t length);
/* Renames every staged file into place and fsyncs their folders.  Returns 0 or -1. */
int outfile_commit(outfile_batch *batch);
/* Removes every staged temporary file; the destination files are untouched. */
void outfile_abort(outfile_batch *batch);

/* Creates a folder and its missing parents (mode 0777 & ~umask).  0 or -1 (errno). */
int outfile_make_folder(const char *path);

#endif
