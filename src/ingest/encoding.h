/*
 * encoding.h: raw bytes of a submission file → UTF-8, chunk by chunk.  This is the one
 * place that knows about encodings: the CSV reader only ever sees validated UTF-8 without
 * a byte order mark or NUL.  The rule that picks the encoding (inputs.md §2.3, no guessing
 * library): a UTF-8 BOM → UTF-8; a UTF-16 LE/BE BOM → UTF-16; NUL bytes without a BOM →
 * refused; strictly valid UTF-8 → UTF-8; else GB18030 (through iconv); else refused,
 * with the byte offset and line of the first bad byte.  csvfile.c applies the rule as
 * it reads; this module decodes.
 */
#ifndef BULLETIN_ENCODING_H
#define BULLETIN_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    ENCODING_UTF8,
    ENCODING_UTF16LE,
    ENCODING_UTF16BE,
    ENCODING_GB18030
} encoding_id;

/* "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" (static strings). */
const char *encoding_name(encoding_id id);

typedef enum {
    ENCODING_OK,
    ENCODING_INVALID /* bytes not valid in the encoding (bad_offset, bad_line say where) */
} encoding_status;

typedef struct encoding_decoder {
    encoding_id id;
    size_t bom_left;         /* bytes of a byte order mark still to skip */
    unsigned char held[8];   /* an unfinished sequence carried to the next chunk */
    size_t held_length;
    uint64_t offset;         /* raw bytes of the file before held[] */
    long line;               /* the line (1-based) the next decoded character is on */
    bool last_was_cr;
    uint64_t bad_offset;     /* for ENCODING_INVALID: the first bad byte */
    long bad_line;           /* and its line */
    unsigned char *work;     /* held bytes + the chunk, back to back (heap) */
    size_t work_capacity;
    void *iconv;             /* GB18030's iconv_t, or NULL */
    bool iconv_failed;       /* iconv could not be opened: every byte is invalid */
} encoding_decoder;

/* Starts a decoder for a file in the given encoding; bom: the file begins with that
 * encoding's byte order mark, which is skipped. */
void encoding_init(encoding_decoder *d, encoding_id id, bool bom);
/* Releases the decoder's heap memory and iconv descriptor. */
void encoding_close(encoding_decoder *d);

/* The line ends in p[0..n): each CR, and each LF not after a CR (last_was_cr: the byte
 * before p was a CR; updated to p's last byte). */
long encoding_line_ends(const unsigned char *p, size_t n, bool *last_was_cr);

/* The room decoding `length` raw bytes may need in out (UTF-16 and GB18030 grow by at
 * most half; a held sequence adds a few bytes). */
#define ENCODING_OUT_ROOM(length) ((length) * 2 + 32)

/* Decodes the next `length` raw bytes (final: no more follow) into out, which has room
 * for ENCODING_OUT_ROOM(length) bytes, and stores the count written in *out_length.
 * The output is well-formed UTF-8 without NUL bytes or a leading BOM; an unfinished
 * sequence at the end of a chunk is held back for the next call.  On ENCODING_INVALID
 * *out_length bytes before the bad byte were decoded, and the decoder must not be
 * used again. */
encoding_status encoding_decode(encoding_decoder *d, const unsigned char *in, size_t length,
                                bool final, unsigned char *out, size_t *out_length);

/* The same, but the decoded bytes may be left where they are: *text points into out, or
 * (UTF-8, which needs no decoding) into in or the decoder's own buffer, valid until the
 * next call or until in changes. */
encoding_status encoding_decode_span(encoding_decoder *d, const unsigned char *in,
                                     size_t length, bool final, unsigned char *out,
                                     const unsigned char **text, size_t *out_length);

#endif
