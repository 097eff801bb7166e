/*
 * walk.h: the safe walk over the input folder.  Every entry is looked at relative to its
 * folder's descriptor (fstatat, then openat with O_NOFOLLOW | O_NONBLOCK and fstat of
 * the descriptor), so that no link is followed by accident and no FIFO or device is ever
 * read or waited on.  A link is followed only when its target stays inside the input
 * folder; folders are entered once each (device and inode), so links cannot loop; a file
 * reached twice (through a link) is read once.  Every entry not kept is one error in
 * diags that says why, counted in *skipped.
 */
#ifndef BULLETIN_WALK_H
#define BULLETIN_WALK_H

#include "model/arena.h"
#include "model/diag.h"

#include <stdbool.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 16

/* A regular file to read: the path messages name it by (the input folder joined with the
 * names found, e.g. input/2015-09/x.csv), the path to open (the same, or the link's
 * target), and the device and inode the walk saw, which the file must still have when
 * it is opened. */
typedef struct walk_file {
    char *path;
    char *open_path;
    dev_t dev;
    ino_t ino;
} walk_file;

/* Whether an entry (the name of a regular file, already known not to be hidden) is one
 * the walk keeps; the reason it does not, otherwise. */
typedef const char *(*walk_filter)(void *context, const char *path, const struct stat *st);

/* Walks input_dir; appends a walk_file (heap strings: walk_files_free) for every regular
 * file that filter keeps, sorted by path in byte order.  Returns 0, or -1 when input_dir
 * cannot be read (an error is added). */
int walk_folder(const char *input_dir, walk_filter filter, void *context, vec *files,
                diag_list *diags, long *skipped);
void walk_files_free(vec *files);

/* Opens a file the walk found, for reading: no link followed at the last step, never
 * blocking, and only when it is still the regular file the walk saw.  Returns the
 * descriptor (blocking again), or -1 with *reason saying why not. */
int walk_open(const walk_file *file, const char **reason);

/* Opens a regular file named by the user (links followed), never blocking on a FIFO.
 * Returns the descriptor, or -1 with *reason. */
int walk_open_named(const char *path, const char **reason);

#endif
