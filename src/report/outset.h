/*
 * outset.h: a set of output files that changes together or not at all.  The set is a
 * folder, parent/name (a month's <output>/2015-09, a quarter's <output>/archive/2015-Q3).
 * Its files are named, filled in memory (or written by the caller into the set's
 * staging folder), and committed in one step: every file is written into a fresh
 * sibling folder parent/.name.XXXXXX and fsync'd, then that folder takes the place of
 * parent/name in one renameat2 (RENAME_EXCHANGE over an existing set, RENAME_NOREPLACE
 * for a new one), and parent is fsync'd.  A failure or a kill at any point leaves the
 * old set or the new one, never a mix; the old set, moved aside by the exchange, is then
 * removed.  Callers hold the output folder's lock: a staging folder of the same name
 * found in parent is a leftover of a killed run and is removed when the set is staged.
 */
#ifndef BULLETIN_OUTSET_H
#define BULLETIN_OUTSET_H

#include "model/arena.h"
#include "model/buffer.h"
#include "report/outfile.h"

#include <stdbool.h>

typedef enum outset_mode {
    OUTSET_REPLACE, /* parent/name may exist: it is exchanged for the new set */
    OUTSET_NEW      /* parent/name must not exist (EEXIST otherwise) */
} outset_mode;

typedef struct outset_file {
    const char *name;  /* relative to the set's folder, '/'-separated: "data/projects.csv" */
    buffer bytes;      /* the file's bytes, unless on_disk */
    bool on_disk;      /* written by the caller at outset_add_file's path */
} outset_file;

typedef struct outset {
    arena *memory;
    const char *parent, *name;
    const char *staging; /* parent/.name.XXXXXX once made, NULL before and after */
    vec files;           /* of outset_file *, in the order added */
    int error;           /* errno of the first failure, or 0 */
    const char *failed_path;
    bool placed;         /* the new set took its place (true even if the final fsync failed) */
    outfile_checkpoint checkpoint; /* NULL unless the caller sets it */
    void *checkpoint_context;
} outset;

/* Starts an empty set that will become parent/name.  Nothing is done on disk.  parent
 * and name may be NULL when they are known only later (outset_place), if every file is
 * added with outset_add. */
void outset_begin(outset *set, arena *memory, const char *parent, const char *name);
/* Sets (copies) where the set will be committed. */
void outset_place(outset *set, const char *parent, const char *name);
/* Adds a file held in memory and returns its empty buffer, valid until outset_end. */
buffer *outset_add(outset *set, const char *name);
/* Adds a file that the caller writes itself (a library that wants a file name) and
 * returns the path to write it at, inside the staging folder (made now, with the
 * sub-folders of name).  NULL, with set->error and set->failed_path, on failure. */
const char *outset_add_file(outset *set, const char *name);
/* The file of the set with that name, or NULL. */
outset_file *outset_find(const outset *set, const char *name);

/* Writes and fsyncs every file in the staging folder, then puts the set in place.
 * 0, or -1 with set->error and set->failed_path: parent/name then still holds the old set
 * (or nothing) unless set->placed, when only the final fsync of parent failed.
 * checkpoint, if set, is called at "staged" (each file written and fsync'd), "renaming"
 * and "renamed" (around the one rename) and "synced" (parent fsync'd). */
int outset_commit(outset *set, outset_mode mode);
/* Removes what is left of the staging folder and releases the buffers. */
void outset_end(outset *set);

#endif
