/*
 * text.h: UTF-8 helpers shared by every parser: decoding, folding of full-width forms
 * and trimming.  All functions work on NUL-terminated UTF-8 and never read past the NUL.
 */
#ifndef BULLETIN_TEXT_H
#define BULLETIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at *s and advances *s past it.  Returns 0xFFFD for an invalid
 * sequence (advancing one byte) and 0 at the terminating NUL (not advancing). */
uint32_t utf8_next(const char **s);
/* Appends the UTF-8 form of cp to out (at least 4 bytes of room); returns bytes written. */
size_t utf8_put(char *out, uint32_t cp);
/* True when the length bytes at s are well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t length, size_t *bad_offset);

/* Maps full-width ASCII forms (U+FF01..U+FF5E) to ASCII and the ideographic space
 * U+3000 to a space; other code points are returned unchanged. */
uint32_t fold_width(uint32_t cp);
/* True for ASCII white space, U+3000, U+00A0 and U+FEFF. */
bool is_space(uint32_t cp);

/* The length of text when it is well-formed UTF-8 with no white space and no character
 * that fold_width changes (so that squeezing, trimming and folding leave it as it is),
 * else SIZE_MAX. */
size_t text_plain_length(const char *text);
/* Writes into out (capacity bytes, NUL-terminated, truncated on a code point boundary)
 * the text with full-width forms folded and every white space removed.  Returns out. */
char *text_squeeze(const char *text, char *out, size_t capacity);
/* Writes into out the text with leading and trailing white space (also U+3000) removed
 * and full-width forms folded.  Returns out. */
char *text_trim_fold(const char *text, char *out, size_t capacity);
/* True when text starts with prefix (bytes). */
bool text_starts_with(const char *text, const char *prefix);
/* True when text ends with suffix (bytes). */
bool text_ends_with(const char *text, const char *suffix);

/* Writes text into out (capacity bytes, cut on a character boundary) with every control
 * character (C0, DEL, C1) and every byte that is not UTF-8 written as \xNN, so that a
 * message can neither drive a terminal nor forge a line.  Returns out. */
char *text_escape_controls(const char *text, char *out, size_t capacity);

#endif
