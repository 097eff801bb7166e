/*
 * diag.c: the list of diagnostics and the one place that formats a message for people
 * (see diag.h).
 */
#include "model/diag.h"

#include "model/text.h"

#include <stdarg.h>
#include <stddef.h>
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

/* How many of the latest messages a new one looks back at for texts it can share. */
#define SHARED_LOOKBACK 8

/* The text of s held by one of the list's latest messages in the same field (at offset),
 * or a copy in the list's arena; NULL for NULL.  A file's messages repeat its path, its
 * columns and their reasons: 1.2 million messages of one file took 740 MiB copied. */
static const char *shared_copy(diag_list *list, const char *s, size_t offset)
{
    if (!s)
        return NULL;
    size_t count = list->items.count - 1; /* the new message is pushed already */
    size_t first = count > SHARED_LOOKBACK ? count - SHARED_LOOKBACK : 0;
    for (size_t i = count; i-- > first;) {
        const char *held = *(const char *const *)((const char *)diag_at(list, i) + offset);
        if (held && strcmp(held, s) == 0)
            return held;
    }
    return arena_strdup(list->strings, s);
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
    *d = (diagnostic){.level = level, .line = line};
    d->cell = cell ? arena_strdup(list->strings, cell) : NULL;
    d->file = shared_copy(list, file ? file : "", offsetof(diagnostic, file));
    d->column = shared_copy(list, column, offsetof(diagnostic, column));
    d->value = value ? arena_strdup(list->strings, value) : NULL;
    d->reason = shared_copy(list, reason, offsetof(diagnostic, reason));
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

/* Lines are formatted in an arena of their own, emptied every PRINT_BATCH lines. */
#define PRINT_BATCH 256

void diag_print_all(const diag_list *list, FILE *to)
{
    arena lines = {0};
    for (size_t i = 0; i < list->items.count; i++) {
        fprintf(to, "%s\n", diag_format(diag_at(list, i), &lines));
        if (i % PRINT_BATCH == PRINT_BATCH - 1)
            arena_free(&lines);
    }
    arena_free(&lines);
}
