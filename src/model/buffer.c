/*
 * buffer.c: growable byte buffer (see buffer.h); aborts on out-of-memory.
 */
#include "model/buffer.h"

#include "model/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buffer_init(buffer *b)
{
    b->data = NULL;
    b->length = b->capacity = 0;
}

void buffer_free(buffer *b)
{
    free(b->data);
    buffer_init(b);
}

static void reserve(buffer *b, size_t extra)
{
    if (b->length + extra + 1 <= b->capacity)
        return;
    size_t capacity = b->capacity ? b->capacity : 256;
    while (capacity < b->length + extra + 1) {
        if (capacity > ((size_t)-1) / 2)
            die_oom();
        capacity *= 2;
    }
    char *data = realloc(b->data, capacity);
    if (!data)
        die_oom();
    b->data = data;
    b->capacity = capacity;
}

void buffer_append(buffer *b, const void *bytes, size_t length)
{
    reserve(b, length);
    memcpy(b->data + b->length, bytes, length);
    b->length += length;
    b->data[b->length] = '\0';
}

void buffer_puts(buffer *b, const char *text)
{
    buffer_append(b, text, strlen(text));
}

void buffer_printf(buffer *b, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        return;
    reserve(b, (size_t)length);
    va_start(args, format);
    vsnprintf(b->data + b->length, (size_t)length + 1, format, args);
    va_end(args);
    b->length += (size_t)length;
}
