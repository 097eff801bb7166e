/*
 * diag.c: the list of diagnostics and the one place that formats a message for people
 * (see diag.h).
 */
#include "model/diag.h"

#include "model/text.h"

#include <stdarg.h>
#include <string.h>

void diag_init(diag_list *list, arena *strings)
{
    vec_init(&list->items, sizeof(diagnostic));
    list->strings = strings;
}

void diag_free(diag_list *list)
{
    vec_free(&list->items);
}

static const char *copy_or_null(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

void diag_add(diag_list *list, diag_level level, const char *file, long line,
              const char *column, const char *value, const char *reason)
{
    diag_add_cell(list, level, file, line, NULL, column, value, reason);
}

void diag_add_cell(diag_list *list, diag_level level, const char *file, long line,
                   const char *cell, const char *column, const char *value, const char *reason)
{
    diagnostic *d = vec_push(&list->items);
    d->cell = copy_or_null(list->strings, cell);
    d->level = level;
    d->file = arena_strdup(list->strings, file ? file : "");
    d->line = line;
    d->column = copy_or_null(list->strings, column);
    d->value = copy_or_null(list->strings, value);
    d->reason = arena_strdup(list->strings, reason);
}

void diag_addf(diag_list *list, diag_level level, const char *file, long line,
               const char *column, const char *value, const char *format, ...)
{
    char reason[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    diag_add(list, level, file, line, column, value, reason);
}

size_t diag_count(const diag_list *list, diag_level level)
{
    size_t count = 0;
    for (size_t i = 0; i < list->items.count; i++)
        if (diag_at(list, i)->level == level)
            count++;
    return count;
}

const diagnostic *diag_at(const diag_list *list, size_t index)
{
    return vec_at(&list->items, index);
}

char *diag_format(const diagnostic *d, arena *a)
{
    char location[64] = "";
    if (d->cell)
        snprintf(location, sizeof location, "!%s", d->cell);
    else if (d->line > 0)
        snprintf(location, sizeof location, ":%ld", d->line);
    const char *level = d->level == DIAG_WARNING ? "警告：" : d->level == DIAG_NOTE ? "注：" : "";
    const char *column = d->column ? arena_printf(a, "列“%s”：", d->column) : "";
    const char *value = d->value ? arena_printf(a, "“%s”", d->value) : "";
    const char *line = arena_printf(a, "%s%s: %s%s%s%s", d->file, location, level, column, value,
                                    d->reason);
    size_t capacity = 4 * strlen(line) + 1;
    return text_escape_controls(line, arena_alloc(a, capacity), capacity);
}
