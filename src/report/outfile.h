/*
 * outfile.h: atomic output.  Every output of a run is first staged: written to a
 * temporary name in its destination folder and fsync'd.  Only when every file is staged
 * are they renamed into place and the folder fsync'd, so a failure or a kill at any
 * point leaves the previous files whole.  The caller holds the output folder's lock, so
 * a temporary file of the same name pattern found there is a leftover of a killed run and
 * is removed when the same file is staged again.
 */
#ifndef BULLETIN_OUTFILE_H
#define BULLETIN_OUTFILE_H

#include "model/arena.h"

#include <stddef.h>

/* A test hook, called at each named point of a write: "staged" (a file is written and
 * fsync'd under its temporary name), "renaming" and "renamed" (around each rename),
 * "synced" (the folders are fsync'd).  path is the file or folder concerned. */
typedef void (*outfile_checkpoint)(void *context, const char *stage, const char *path);

typedef struct outfile_batch {
    vec staged; /* of staged files: temporary and final paths */
    int error;  /* errno of the first failure, or 0 */
    const char *failed_path;
    arena *memory;
    outfile_checkpoint checkpoint; /* NULL unless the caller sets it */
    void *checkpoint_context;
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

/* Writes bytes to a new file at path (it must not exist), mode 0644, and fsyncs it.
 * 0, or -1 with errno set (a partly written file is removed). */
int outfile_write_new(const char *path, const void *bytes, size_t length);
/* Removes from folder every ".<name>.XXXXXX" (a temporary file, or a temporary folder
 * with what it holds) that a killed run left.  Only under the output folder's lock. */
void outfile_remove_leftovers(const char *folder, const char *name);
/* Flushes a folder's entries to disk.  0 or -1 (errno). */
int outfile_sync_folder(const char *path);

#endif
