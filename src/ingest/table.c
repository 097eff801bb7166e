/*
 * table.c: the mapping of header cells as written to the columns of the kinds' tables
 * (model/columns.h), and kind detection.
 */
#include "ingest/table.h"

#include "ingest/value.h"
#include "model/text.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static bool skip_token(const char **p, const char *token)
{
    size_t n = strlen(token);
    if (strncmp(*p, token, n) != 0)
        return false;
    *p += n;
    return true;
}

static int skip_digits(const char **p, int max)
{
    int count = 0;
    while (count < max && (*p)[0] >= '0' && (*p)[0] <= '9') {
        (*p)++;
        count++;
    }
    return count;
}

static bool skip_range_mark(const char **p)
{
    static const char *const marks[] = {"-", "—", "–", "~", "至", "到", NULL};
    for (const char *const *mark = marks; *mark; mark++)
        if (skip_token(p, *mark))
            return true;
    return false;
}

/* 2015年, 本年, 9月, 1-9月 (and the range marks of skip_range_mark), in that order. */
static const char *after_leading_period(const char *key)
{
    const char *p = key, *q = key;
    if (skip_digits(&q, 4) == 4 && skip_token(&q, "年"))
        p = q;
    else if (skip_token(&q, "本年"))
        p = q;
    q = p;
    if (skip_digits(&q, 2) > 0) {
        if (skip_range_mark(&q) && skip_digits(&q, 2) == 0)
            return *p ? p : key;
        if (skip_token(&q, "月"))
            p = q;
    }
    return *p ? p : key;
}

void table_header_key(const char *header, char *out, size_t capacity, int64_t *unit,
                      bool *has_unit)
{
    char squeezed[512];
    text_squeeze(header, squeezed, sizeof squeezed);
    *has_unit = false;
    size_t n = strlen(squeezed);
    char *open = strrchr(squeezed, '(');
    if (n > 0 && squeezed[n - 1] == ')' && open && open != squeezed) {
        squeezed[n - 1] = '\0';
        *has_unit = value_unit(open + 1, unit);
        *open = '\0';
    }
    const char *key = after_leading_period(squeezed);
    size_t length = strlen(key);
    if (length >= capacity)
        length = capacity - 1;
    memcpy(out, key, length);
    out[length] = '\0';
}

static bool in_alias_list(const char *aliases, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = aliases; *p;) {
        const char *bar = strchr(p, '|');
        size_t length = bar ? (size_t)(bar - p) : strlen(p);
        if (length == n && memcmp(p, key, n) == 0)
            return true;
        p += length + (bar ? 1 : 0);
    }
    return false;
}

static bool column_matches(const table_column *c, const char *key)
{
    return strcmp(c->canonical, key) == 0 || in_alias_list(c->aliases, key) ||
           (c->xml && strcasecmp(c->xml, key) == 0);
}

int table_match(const table *t, const char *key)
{
    if (!key[0])
        return -1;
    for (size_t i = 0; i < t->count; i++)
        if (column_matches(&t->columns[i], key))
            return (int)i;
    return -1;
}

bool table_lookup_any(const char *key, column_type *type)
{
    for (record_kind kind = KIND_PROJECTS; kind <= KIND_QUARTERLY; kind++) {
        const table *t = table_for(kind);
        int column = table_match(t, key);
        if (column >= 0) {
            *type = t->columns[column].type;
            return true;
        }
    }
    return false;
}

record_kind table_kind_of_title(const char *title)
{
    static const struct {
        const char *word;
        record_kind kind;
    } words[] = {{"重点项目实施情况", KIND_PROJECTS}, {"实施进度情况", KIND_PROGRESS},
                 {"考核", KIND_ASSESSMENT}, {"季度", KIND_QUARTERLY}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(title, words[i].word))
            return words[i].kind;
    return KIND_UNKNOWN;
}

int table_match_xml(const table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->columns[i].xml && strcmp(t->columns[i].xml, name) == 0)
            return (int)i;
    return -1;
}

static bool names_column(const char *const *keys, size_t count, record_kind kind,
                         const char *canonical)
{
    const table *t = table_for(kind);
    int wanted = table_column_named(t, canonical);
    if (wanted < 0)
        return false;
    /* a key matching the wanted column still names another one listed before it */
    for (size_t i = 0; i < count; i++)
        if (keys[i][0] && column_matches(&t->columns[wanted], keys[i]) &&
            table_match(t, keys[i]) == wanted)
            return true;
    return false;
}

record_kind table_detect_kind(const char *const *keys, size_t count)
{
    bool projects = names_column(keys, count, KIND_PROJECTS, "项目编号");
    bool progress = names_column(keys, count, KIND_PROGRESS, "上年同期累计产值");
    bool assessment = names_column(keys, count, KIND_ASSESSMENT, "新兴产业用地占比");
    bool quarterly = names_column(keys, count, KIND_QUARTERLY, "事项") &&
                     names_column(keys, count, KIND_QUARTERLY, "内容");
    if (projects + progress + assessment + quarterly != 1)
        return KIND_UNKNOWN;
    return projects ? KIND_PROJECTS : progress ? KIND_PROGRESS
         : assessment ? KIND_ASSESSMENT : KIND_QUARTERLY;
}

record_kind table_kind_named(const char *name)
{
    for (record_kind kind = KIND_PROJECTS; kind <= KIND_QUARTERLY; kind++)
        if (strcmp(record_kind_name(kind), name) == 0)
            return kind;
    return KIND_UNKNOWN;
}
