/*
 * buffer.h: a growable byte buffer, the common currency of the writers (JSON, CSV, PDF
 * bytes) before they go to disk in one atomic write.
 */
#ifndef BULLETIN_BUFFER_H
#define BULLETIN_BUFFER_H

#include <stddef.h>

typedef struct buffer {
    char *data; /* NUL-terminated when length > 0 */
    size_t length, capacity;
} buffer;

void buffer_init(buffer *b);
void buffer_free(buffer *b);
void buffer_append(buffer *b, const void *bytes, size_t length);
void buffer_puts(buffer *b, const char *text);
void buffer_printf(buffer *b, const char *format, ...) __attribute__((format(printf, 2, 3)));

#endif
