/*
 * encoding.h: raw bytes of a submission file → UTF-8, chunk by chunk.  This is the one
 * place that knows about encodings: the CSV reader only ever sees validated UTF-8 without
 * a byte order mark.  This round reads UTF-8 (with or without BOM); UTF-16 (recognised by
 * its BOM) and GB18030 are refused with a reason and come next.
 */
#ifndef BULLETIN_ENCODING_H
#define BULLETIN_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    ENCODING_OK,
    ENCODING_INVALID,    /* bytes that are not valid in the encoding (bad_offset says where) */
    ENCODING_UNSUPPORTED /* an encoding recognised but not read yet (name says which) */
} encoding_status;

typedef struct encoding_decoder {
    const char *name;        /* "UTF-8", "UTF-16LE", …; NULL until the start is seen */
    bool bom;                /* the file began with a byte order mark */
    unsigned char held[8];   /* bytes held back: an unfinished sequence, or a short start */
    size_t held_length;
    uint64_t offset;         /* raw bytes of the file before held[] */
    uint64_t bad_offset;     /* for ENCODING_INVALID: offset of the first bad byte */
} encoding_decoder;

void encoding_init(encoding_decoder *d);

/* The room decoding `length` bytes may need in out. */
#define ENCODING_OUT_ROOM(length) ((length) + 8)

/* Decodes the next `length` raw bytes (final: no more follow) into out, which has room
 * for ENCODING_OUT_ROOM(length) bytes, and stores the count written in *out_length.
 * The output is well-formed UTF-8 without NUL bytes or a BOM; an incomplete sequence at
 * the end of a chunk is held back for the next call.  After a status other than
 * ENCODING_OK the decoder must not be used again. */
encoding_status encoding_decode(encoding_decoder *d, const unsigned char *in, size_t length,
                                bool final, unsigned char *out, size_t *out_length);

#endif
