/*
 * rejects.c: writes rejects.csv from the diagnostics (see rejects.h).
 */
#include "report/rejects.h"

#include <string.h>

void rejects_put_cell(buffer *out, const char *text)
{
    if (!text)
        text = "";
    bool formula = strchr("=+-@", text[0]) != NULL && text[0] != '\0';
    bool quote = formula || strpbrk(text, ",\"\r\n") != NULL;
    if (quote)
        buffer_puts(out, "\"");
    if (formula)
        buffer_puts(out, "'");
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            buffer_puts(out, "\"");
        buffer_append(out, p, 1);
    }
    if (quote)
        buffer_puts(out, "\"");
}

void rejects_write(buffer *out, const diag_list *diags)
{
    buffer_puts(out, "\xEF\xBB\xBF" "文件,行,列,值,级别,原因\r\n");
    for (size_t i = 0; i < diags->items.count; i++) {
        const diagnostic *d = diag_at(diags, i);
        if (d->level == DIAG_NOTE)
            continue;
        rejects_put_cell(out, d->file);
        buffer_puts(out, ",");
        if (d->line > 0)
            buffer_printf(out, "%ld", d->line);
        buffer_puts(out, ",");
        rejects_put_cell(out, d->column);
        buffer_puts(out, ",");
        rejects_put_cell(out, d->value);
        buffer_puts(out, ",");
        buffer_puts(out, d->level == DIAG_ERROR ? "错误" : "警告");
        buffer_puts(out, ",");
        rejects_put_cell(out, d->reason);
        buffer_puts(out, "\r\n");
    }
}
