/*
 * json.c: the JSON writer (see json.h).  Strings are escaped per RFC 8259; UTF-8 passes
 * through unchanged, control characters become \u00XX.
 */
#include "report/json.h"

#include "model/text.h"

#include <stdio.h>
#include <string.h>

void json_init(json_writer *w, buffer *out)
{
    w->out = out;
    w->depth = 0;
    w->first[0] = true;
    w->after_key = false;
}

static void newline_indent(json_writer *w)
{
    buffer_puts(w->out, "\n");
    for (int i = 0; i < w->depth; i++)
        buffer_puts(w->out, "  ");
}

/* Writes what must precede a value or key at the current depth. */
static void before_item(json_writer *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0)
        return;
    if (!w->first[w->depth])
        buffer_puts(w->out, ",");
    w->first[w->depth] = false;
    newline_indent(w);
}

static void open_bracket(json_writer *w, const char *bracket)
{
    before_item(w);
    buffer_puts(w->out, bracket);
    if (w->depth < 31)
        w->depth++;
    w->first[w->depth] = true;
}

static void close_bracket(json_writer *w, const char *bracket)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty)
        newline_indent(w);
    buffer_puts(w->out, bracket);
}

void json_begin_object(json_writer *w) { open_bracket(w, "{"); }
void json_end_object(json_writer *w) { close_bracket(w, "}"); }
void json_begin_array(json_writer *w) { open_bracket(w, "["); }
void json_end_array(json_writer *w) { close_bracket(w, "]"); }

/* A JSON string; a byte that is not UTF-8 is written as the text \xNN, so that the
 * document stays valid UTF-8 whatever a file name holds. */
static void write_escaped(buffer *out, const char *text)
{
    buffer_puts(out, "\"");
    for (const char *p = text; *p;) {
        const unsigned char c = (unsigned char)*p;
        const char *next = p;
        uint32_t cp = utf8_next(&next);
        bool bad = cp == 0xFFFD && strncmp(p, "\xEF\xBF\xBD", 3) != 0;
        if (c == '"' || c == '\\') {
            char escaped[2] = {'\\', (char)c};
            buffer_append(out, escaped, 2);
        } else if (c < 0x20) {
            buffer_printf(out, "\\u%04x", c);
        } else if (bad) {
            buffer_printf(out, "\\\\x%02X", c);
        } else {
            buffer_append(out, p, (size_t)(next - p));
        }
        p = bad ? p + 1 : next;
    }
    buffer_puts(out, "\"");
}

void json_key(json_writer *w, const char *key)
{
    before_item(w);
    write_escaped(w->out, key);
    buffer_puts(w->out, ": ");
    w->after_key = true;
}

void json_string(json_writer *w, const char *text)
{
    before_item(w);
    write_escaped(w->out, text);
}

void json_int(json_writer *w, int64_t value)
{
    before_item(w);
    buffer_printf(w->out, "%lld", (long long)value);
}

void json_bool(json_writer *w, bool value)
{
    before_item(w);
    buffer_puts(w->out, value ? "true" : "false");
}

void json_null(json_writer *w)
{
    before_item(w);
    buffer_puts(w->out, "null");
}

void json_number_text(json_writer *w, const char *number)
{
    before_item(w);
    buffer_puts(w->out, number);
}

void json_finish(json_writer *w)
{
    buffer_puts(w->out, "\n");
}
