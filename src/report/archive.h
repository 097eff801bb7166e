/*
 * archive.h: the quarter's archive (outputs.md §5).  Its files are put together in
 * memory, listed with their SHA-256 in manifest.json, and written as a new folder in one
 * step (an outset committed as new: see outset.h).  An archive that exists is never
 * changed; verification re-hashes what the manifest lists.
 */
#ifndef BULLETIN_ARCHIVE_H
#define BULLETIN_ARCHIVE_H

#include "model/buffer.h"
#include "model/diag.h"
#include "report/outset.h"

#include <stdbool.h>

/* What the archive was made from: the plan, the templates, the submission files. */
typedef struct archive_source {
    const char *path;
    unsigned char sha256[32];
} archive_source;

typedef struct archive {
    outset files; /* in the order added; names relative to the archive folder */
    vec sources; /* archive_source */
    arena *memory;
} archive;

void archive_init(archive *a, arena *memory);
void archive_free(archive *a);
/* Adds a file (path copied) and returns its empty buffer, valid until archive_free. */
buffer *archive_add(archive *a, const char *path);
/* Records a source with its hash. */
void archive_add_source(archive *a, const char *path, const unsigned char sha256[32]);

/* The fingerprint of what the archive is made from: SHA-256 (hex) over the program's
 * name, the quarter and every source's path and hash.  Equal fingerprints mean that
 * the archive would hold the same data. */
void archive_fingerprint(const archive *a, const char *program, const char *quarter,
                         char hex[65]);
/* Appends manifest.json: quarter, program, date made, the fingerprint, the sources
 * and every entry with its size and SHA-256 (the manifest itself excepted). */
void archive_write_manifest(const archive *a, const char *program, const char *quarter,
                            const char *made, buffer *out);
/* True when the manifest at path exists and carries the given fingerprint. */
bool archive_manifest_matches(const char *path, const char *fingerprint, arena *memory);

/* The versions of an archive are parent/name, parent/name.2, parent/name.3 …, made in
 * that order.  Sets *latest to the newest that exists (NULL when none) and *next to the
 * first free one; both are folder names without parent, owned by memory. */
void archive_versions(const char *parent, const char *name, arena *memory, const char **latest,
                      const char **next);

/* Writes every file into the new folder parent/name: first into a temporary folder
 * parent/.name.XXXXXX (leftovers of killed runs of that name are removed first), each
 * file and folder fsync'd, then one rename and an fsync of parent.  checkpoint, if not
 * NULL, is called as for outset ("staged" per file, "renaming", "renamed", "synced").
 * 0, or -1 with *error (errno) and *failed_path set; on a failure before the rename
 * nothing of the new folder remains and parent/name does not exist. */
int archive_commit(archive *a, const char *parent, const char *name,
                   outfile_checkpoint checkpoint, void *checkpoint_context, int *error,
                   const char **failed_path);

/* Re-checks the archive folder against its manifest.json: adds one error to problems
 * for every listed file that is missing or whose SHA-256 differs, for every file in the
 * folder that the manifest does not list, and for a manifest that is not one.  Returns
 * 0 when the archive is whole, 1 when it is not, -1 when manifest.json cannot be read
 * (one error added).  *checked gets the number of files listed. */
int archive_verify(const char *folder, arena *memory, diag_list *problems, size_t *checked);

#endif
