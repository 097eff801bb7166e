/*
 * bind.h: the figures as the template sees them.  A template names values ({completion_pct})
 * and conditions (<if test="ahead">); this module formats each value the way the bulletin
 * prints it (亿元 with 2 decimals, percent with 1, 百分点 differences) and decides each
 * condition, exactly, from the figures.  The wording itself stays in the template.
 */
#ifndef BULLETIN_BIND_H
#define BULLETIN_BIND_H

#include "aggregate/figures.h"
#include "model/buffer.h"

/* One quarterly item (政策完善整合, 品牌建设 …) as the quarterly report lists it. */
typedef struct bind_item {
    const char *office;  /* the office that sent it */
    const char *unit;    /* 单位 as written (the office when the file gives none) */
    const char *topic;   /* 事项 */
    const char *content; /* 内容 */
} bind_item;

typedef struct bind_scope {
    const figures *figures;
    const plan *plan;
    date today;
    const output_totals *output;   /* the industry (or total) being repeated, or NULL */
    const project_record *project; /* the project being repeated, or NULL */
    /* The quarterly report only (all zero for the monthly bulletin): the quarter, the
     * figures at the end of the previous quarter (NULL in the first quarter, whose
     * baseline is the start of the year: zero), the quarter's items in the order they
     * are listed, and the item being repeated. */
    period quarter;
    const figures *previous;
    const bind_item *items;
    size_t item_count;
    const bind_item *item;
} bind_scope;

/* Appends the value named key to out; false when the name is unknown in this scope.
 * `total.x` names x of the total from any scope. */
bool bind_value(const bind_scope *scope, const char *key, buffer *out);
/* Decides the condition named name (`!name` negates); false when it is unknown. */
bool bind_test(const bind_scope *scope, const char *name, bool *result);
/* Appends text with every {key} replaced by its value; false (and the unknown key in
 * *unknown, an arena-free pointer into a static buffer of 64 bytes) on an unknown key. */
bool bind_expand(const bind_scope *scope, const char *text, buffer *out, char *unknown);

#endif
