/*
 * outfile.h: the file-system steps of atomic output (see outset.h for a set of files
 * committed together): folders made with the umask honoured, a new file written and
 * fsync'd, a folder fsync'd, leftovers of killed runs removed.
 */
#ifndef BULLETIN_OUTFILE_H
#define BULLETIN_OUTFILE_H

#include "model/buffer.h"

#include <stddef.h>

/* The largest file read back whole (a monthly bulletin into the archive). */
#define OUTFILE_READ_LIMIT ((size_t)256 << 20)

/* A test hook, called at each named point of a write: "staged" (a file is written and
 * fsync'd under its temporary name), "renaming" and "renamed" (around the rename),
 * "synced" (the folder is fsync'd).  path is the file or folder concerned. */
typedef void (*outfile_checkpoint)(void *context, const char *stage, const char *path);

/* Creates a folder and its missing parents (mode 0777 & ~umask).  0 or -1 (errno). */
int outfile_make_folder(const char *path);

/* Writes bytes to a new file at path (it must not exist), mode 0644, and fsyncs it.
 * 0, or -1 with errno set (a partly written file is removed). */
int outfile_write_new(const char *path, const void *bytes, size_t length);
/* Removes from folder every ".<name>.XXXXXX" (a temporary file, or a temporary folder
 * with what it holds) that a killed run left.  Only under the output folder's lock. */
void outfile_remove_leftovers(const char *folder, const char *name);
/* Appends the whole regular file at path to out.  0, or -1 with errno set (EFBIG past
 * limit bytes, EINVAL for what is not a regular file) and out as it was. */
int outfile_read_whole(const char *path, size_t limit, buffer *out);
/* Flushes a folder's entries to disk.  0 or -1 (errno). */
int outfile_sync_folder(const char *path);

#endif
