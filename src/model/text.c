/*
 * text.c: UTF-8 decoding and the width folding and trimming that every value and name
 * goes through before it is matched (see text.h).
 */
#include "model/text.h"

#include <stdio.h>
#include <string.h>

uint32_t utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    if (p[0] == 0)
        return 0;
    if (p[0] < 0x80) {
        *s += 1;
        return p[0];
    }
    int length;
    uint32_t cp, min;
    if ((p[0] & 0xE0) == 0xC0) {
        length = 2, cp = p[0] & 0x1F, min = 0x80;
    } else if ((p[0] & 0xF0) == 0xE0) {
        length = 3, cp = p[0] & 0x0F, min = 0x800;
    } else if ((p[0] & 0xF8) == 0xF0) {
        length = 4, cp = p[0] & 0x07, min = 0x10000;
    } else {
        *s += 1;
        return 0xFFFD;
    }
    for (int i = 1; i < length; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *s += 1;
        return 0xFFFD;
    }
    *s += length;
    return cp;
}

size_t utf8_put(char *out, uint32_t cp)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static size_t sequence_length(const unsigned char *p, size_t left)
{
    uint32_t cp, min;
    size_t length;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xE0) == 0xC0)
        length = 2, cp = p[0] & 0x1F, min = 0x80;
    else if ((p[0] & 0xF0) == 0xE0)
        length = 3, cp = p[0] & 0x0F, min = 0x800;
    else if ((p[0] & 0xF8) == 0xF0)
        length = 4, cp = p[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (length > left)
        return 0;
    for (size_t i = 1; i < length; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

/* A three-byte sequence whose lead is neither E0 (overlong forms) nor ED (surrogates):
 * valid whenever both continuation bytes are. */
static bool plain_three(const unsigned char *p)
{
    return p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && (p[1] & 0xC0) == 0x80 &&
           (p[2] & 0xC0) == 0x80;
}

bool utf8_valid(const char *s, size_t length, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < length) {
        if (i + 8 <= length) { /* the common runs: eight ASCII bytes, a Han character */
            uint64_t word;
            memcpy(&word, p + i, sizeof word);
            if ((word & 0x8080808080808080u) == 0) {
                i += 8;
                continue;
            }
            if (plain_three(p + i)) {
                i += 3;
                continue;
            }
        }
        size_t n = sequence_length(p + i, length - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

uint32_t fold_width(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    if (cp == 0x3000)
        return ' ';
    return cp;
}

bool is_space(uint32_t cp)
{
    if (cp <= ' ')
        return cp == ' ' || (cp >= '\t' && cp <= '\r'); /* \t \n \v \f \r */
    return cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF;
}

/* Appends cp to out if it fits with the terminator; returns false when full. */
static bool put_bounded(char *out, size_t capacity, size_t *used, uint32_t cp)
{
    char bytes[4];
    size_t n = utf8_put(bytes, cp);
    if (*used + n + 1 > capacity)
        return false;
    memcpy(out + *used, bytes, n);
    *used += n;
    return true;
}

/* The length of text when it is valid UTF-8 without white space (is_space) and without a
 * character that fold_width changes, else SIZE_MAX: such text squeezes, trims and folds
 * to itself. */
size_t text_plain_length(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    for (;;) {
        unsigned char c = p[i];
        if (c > ' ' && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0)
            return i;
        if (c < 0x80)
            return SIZE_MAX; /* white space */
        if (plain_three(p + i)) { /* stops at the terminator: it is no continuation byte */
            if ((c == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) ||
                (c == 0xEF && (p[i + 1] == 0xBB || p[i + 1] == 0xBC || p[i + 1] == 0xBD)))
                return SIZE_MAX; /* U+3000, U+FEFF, the full-width forms (and a few near them) */
            i += 3;
            continue;
        }
        size_t n = sequence_length(p + i, 4); /* stops at the terminator */
        if (n == 0 || (n == 2 && c == 0xC2 && p[i + 1] == 0xA0))
            return SIZE_MAX;
        if (n == 3 && ((c == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) ||
                       (c == 0xEF && (p[i + 1] == 0xBB || p[i + 1] == 0xBC || p[i + 1] == 0xBD))))
            return SIZE_MAX; /* U+3000, U+FEFF, the full-width forms (and a few near them) */
        i += n;
    }
}

char *text_squeeze(const char *text, char *out, size_t capacity)
{
    size_t plain = text_plain_length(text);
    if (plain < capacity) {
        memcpy(out, text, plain + 1);
        return out;
    }
    size_t used = 0;
    uint32_t cp;
    while ((cp = utf8_next(&text)) != 0) {
        if (is_space(cp))
            continue;
        if (!put_bounded(out, capacity, &used, fold_width(cp)))
            break;
    }
    out[used] = '\0';
    return out;
}

char *text_trim_fold(const char *text, char *out, size_t capacity)
{
    size_t plain = text_plain_length(text);
    if (plain < capacity) {
        memcpy(out, text, plain + 1);
        return out;
    }
    size_t used = 0, kept = 0;
    uint32_t cp;
    while ((cp = utf8_next(&text)) != 0) {
        if (is_space(cp) && used == 0)
            continue;
        if (!put_bounded(out, capacity, &used, fold_width(cp)))
            break;
        if (!is_space(cp))
            kept = used;
    }
    out[kept] = '\0';
    return out;
}

bool text_starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

bool text_ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);
    return n >= m && memcmp(text + n - m, suffix, m) == 0;
}

char *text_escape_controls(const char *text, char *out, size_t capacity)
{
    size_t used = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        const char *at = (const char *)p;
        uint32_t cp = utf8_next(&at);
        size_t length = (size_t)((const unsigned char *)at - p);
        bool bad = cp == 0xFFFD && !(length == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD);
        char piece[16];
        size_t n;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || bad) {
            length = bad ? 1 : length;
            n = (size_t)snprintf(piece, sizeof piece, cp >= 0x80 && !bad ? "\\u%04X" : "\\x%02X",
                                 bad ? p[0] : (unsigned)cp);
        } else {
            n = length;
            memcpy(piece, p, n);
        }
        if (used + n + 1 > capacity)
            break;
        memcpy(out + used, piece, n);
        used += n;
        p += length;
    }
    out[used] = '\0';
    return out;
}
