/*
 * manifest.h: manifest.json (outputs.md §2): what a run read and what it wrote.  Each
 * input file with its SHA-256, kind, office, period, date sent, encoding and row counts;
 * each output file with its SHA-256; the program's version; the plan's SHA-256.  Nothing
 * in it depends on the clock, so the same inputs give the same bytes.
 */
#ifndef BULLETIN_MANIFEST_H
#define BULLETIN_MANIFEST_H

#include "model/buffer.h"
#include "model/store.h"

#include <stddef.h>

/* An output file as it will be written: its name in the output folder and its bytes. */
typedef struct manifest_output {
    const char *name;
    const void *bytes;
    size_t length;
} manifest_output;

/* What the manifest says besides the store's files. */
typedef struct manifest_header {
    const char *version;       /* the program's version */
    const char *subject;       /* the period or quarter made, e.g. "2015-09"; NULL: none */
    const char *plan_path;     /* as given */
    unsigned char plan_sha256[32];
} manifest_header;

/* Appends the whole manifest.json document: the header, every file of the store in the
 * order read, then the outputs in the order given. */
void manifest_write(buffer *out, const manifest_header *header, const store *s,
                    const manifest_output *outputs, size_t output_count);

#endif
