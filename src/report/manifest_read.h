/*
 * manifest_read.h: reading back a manifest.json that this program wrote, a month's
 * (outputs.md §2) or an archive's (§5), with jansson: the files it lists with their
 * SHA-256, the inputs it was made from, the plan's hash and the archive's fingerprint.
 */
#ifndef BULLETIN_MANIFEST_READ_H
#define BULLETIN_MANIFEST_READ_H

#include "model/arena.h"

typedef struct manifest_entry {
    const char *path;
    char sha256[65];    /* 64 lowercase hex digits */
    const char *period; /* an input's period ("2015-09"), or NULL */
} manifest_entry;

typedef struct manifest_listing {
    vec files;               /* manifest_entry: "outputs" (a month) or "files" (an archive) */
    vec inputs;              /* manifest_entry: a month's "inputs"; an archive's "inputs" */
    char plan_sha256[65];    /* a month's plan.sha256, else "" */
    char inputs_sha256[65];  /* an archive's fingerprint, else "" */
} manifest_listing;

/* Reads the manifest at path; files_key names its list of files ("outputs" or "files").
 * 0; -1 when it cannot be read (errno set); 1 when it is not such a manifest (malformed
 * JSON, a member missing or of the wrong type, a hash that is not 64 hex digits, a
 * duplicate key).  Strings are owned by memory; free the listing's vecs with
 * manifest_listing_free. */
int manifest_read(const char *path, const char *files_key, arena *memory, manifest_listing *out);
void manifest_listing_free(manifest_listing *listing);

#endif
