/*
 * json.h: a small streaming JSON writer into a buffer, indented two spaces, keys in the
 * order written.  Numbers are passed as exact decimal text (money, fractions), never as
 * doubles, so no binary-float noise can reach a file.
 */
#ifndef BULLETIN_JSON_H
#define BULLETIN_JSON_H

#include "model/buffer.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct json_writer {
    buffer *out;
    int depth;
    bool first[32]; /* per depth: no member written yet */
    bool after_key;
} json_writer;

void json_init(json_writer *w, buffer *out);
void json_begin_object(json_writer *w);
void json_end_object(json_writer *w);
void json_begin_array(json_writer *w);
void json_end_array(json_writer *w);
/* Writes a key of the current object; the next call writes its value. */
void json_key(json_writer *w, const char *key);
void json_string(json_writer *w, const char *text);
void json_int(json_writer *w, int64_t value);
void json_bool(json_writer *w, bool value);
void json_null(json_writer *w);
/* Writes number text as is ("72.66", "3124512.5"); the caller guarantees its syntax. */
void json_number_text(json_writer *w, const char *number);
/* Ends the document with a newline. */
void json_finish(json_writer *w);

#endif
