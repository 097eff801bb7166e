/*
 * digest.h: SHA-256 (nettle) and its hex form: the one place where the program hashes,
 * for the manifest's inputs and outputs, the archives and their fingerprints.  A digest
 * is 32 bytes; its hex form 64 lower-case digits and a NUL.
 */
#ifndef BULLETIN_DIGEST_H
#define BULLETIN_DIGEST_H

#include <nettle/sha2.h>
#include <stddef.h>

#define DIGEST_BYTES 32
#define DIGEST_HEX_BYTES 65

/* A hash being computed over bytes fed in order. */
typedef struct digest_state {
    struct sha256_ctx sha;
} digest_state;

void digest_begin(digest_state *d);
void digest_update(digest_state *d, const void *bytes, size_t length);
/* The SHA-256 of every byte fed since digest_begin. */
void digest_end(digest_state *d, unsigned char out[DIGEST_BYTES]);

/* The SHA-256 of length bytes. */
void digest_bytes(const void *bytes, size_t length, unsigned char out[DIGEST_BYTES]);

/* The SHA-256 of the file at path, read in chunks.  Returns 0, or -1 with errno set
 * when it cannot be opened or read (out is then all zero). */
int digest_file(const char *path, unsigned char out[DIGEST_BYTES]);

/* Writes the digest as 64 lower-case hex digits and a NUL into hex; returns hex. */
char *digest_hex(const unsigned char digest[DIGEST_BYTES], char hex[DIGEST_HEX_BYTES]);

#endif
