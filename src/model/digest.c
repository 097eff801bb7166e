/*
 * digest.c: SHA-256 over bytes and files, and the hex form (see digest.h).
 */
#include "model/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

void digest_begin(digest_state *d)
{
    sha256_init(&d->sha);
}

void digest_update(digest_state *d, const void *bytes, size_t length)
{
    if (length > 0)
        sha256_update(&d->sha, length, bytes);
}

void digest_end(digest_state *d, unsigned char out[DIGEST_BYTES])
{
    sha256_digest(&d->sha, DIGEST_BYTES, out);
}

void digest_bytes(const void *bytes, size_t length, unsigned char out[DIGEST_BYTES])
{
    digest_state d;
    digest_begin(&d);
    digest_update(&d, bytes, length);
    digest_end(&d, out);
}

int digest_file(const char *path, unsigned char out[DIGEST_BYTES])
{
    memset(out, 0, DIGEST_BYTES);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    digest_state d;
    digest_begin(&d);
    unsigned char block[65536];
    ssize_t n;
    while ((n = read(fd, block, sizeof block)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        digest_update(&d, block, (size_t)n);
    }
    close(fd);
    digest_end(&d, out);
    return 0;
}

char *digest_hex(const unsigned char digest[DIGEST_BYTES], char hex[DIGEST_HEX_BYTES])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < DIGEST_BYTES; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[2 * DIGEST_BYTES] = '\0';
    return hex;
}
