/*
 * template_bounds.c: the sane bounds of a template's sizes (see template_bounds.h), one
 * table of element, attribute and range.
 */
#include "render/template_bounds.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bound {
    const char *element, *attribute;
    double min, max; /* in points, or plain numbers for indent and width */
    bool in_mm;      /* the range is said in millimetres */
} bound;

static const bound bounds[] = {
    {"page", "width", 50 * MM, 1000 * MM, true},
    {"page", "height", 50 * MM, 1000 * MM, true},
    {"page", "top", 0, 500 * MM, true},
    {"page", "left", 0, 500 * MM, true},
    {"page", "text-width", 30 * MM, 1000 * MM, true},
    {"page", "text-height", 30 * MM, 1000 * MM, true},
    {"page", "folio-gap", 0, 50 * MM, true},
    {"style", "size", 4, 100, false},
    {"style", "leading", 4, 200, false},
    {"style", "tracking", -10, 20, false},
    {"masthead", "rule", 0, 10, false},
    {"p", "indent", 0, 10, false},
    {"h2", "indent", 0, 10, false},
    {"table", "padding", 0, 20, false},
    {"column", "width", 0.1, 100, false},
    {"chart", "height", 20, 1000, false},
};

bool template_number(const char *text, double *points)
{
    char *end;
    double value = strtod(text, &end);
    if (end == text || !isfinite(value))
        return false;
    if (strcmp(end, "mm") == 0)
        value *= MM;
    else if (*end)
        return false;
    *points = value;
    return true;
}

typedef struct checker {
    const char *path;
    diag_list *diags;
    int failed;
} checker;

/* Records the first problem with its line; later ones follow from it. */
static void refuse(checker *c, xmlNodePtr node, const char *reason)
{
    if (!c->failed++)
        diag_add(c->diags, DIAG_ERROR, c->path, xmlGetLineNo(node), NULL, NULL, reason);
}

/* The attribute as a number (points); fallback when absent or not a number. */
static double number_of(xmlNodePtr node, const char *name, double fallback)
{
    xmlChar *text = xmlGetProp(node, (const xmlChar *)name);
    double value = fallback;
    if (text && !template_number((const char *)text, &value))
        value = fallback;
    xmlFree(text);
    return value;
}

static void check_attributes(checker *c, xmlNodePtr node)
{
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        const bound *b = &bounds[i];
        if (strcmp((const char *)node->name, b->element) != 0)
            continue;
        xmlChar *text = xmlGetProp(node, (const xmlChar *)b->attribute);
        double value = 0;
        if (text && (!template_number((const char *)text, &value) || value < b->min ||
                     value > b->max)) {
            double scale = b->in_mm ? MM : 1;
            char reason[256];
            snprintf(reason, sizeof reason, "模板无效：<%s> 的 %s=“%.32s”超出合理范围（%g–%g %s）",
                     b->element, b->attribute, (const char *)text, b->min / scale,
                     b->max / scale, b->in_mm ? "毫米" : "磅");
            refuse(c, node, reason);
        }
        xmlFree(text);
    }
}

/* The text area and the page numbers' line lie inside the page; a style's three lines
 * (a heading and the two it keeps) fit the text area; so does a chart. */
static void check_page(checker *c, xmlNodePtr root)
{
    double width = 0, height = 0, text_height = 0;
    for (xmlNodePtr node = root->children; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, "page") != 0)
            continue;
        width = number_of(node, "width", 0);
        height = number_of(node, "height", 0);
        text_height = number_of(node, "text-height", 0);
        if (number_of(node, "left", 0) + number_of(node, "text-width", 0) > width + 1e-6)
            refuse(c, node, "模板无效：left 加 text-width 超出了页面宽度");
        if (number_of(node, "top", 0) + text_height + number_of(node, "folio-gap", 0) >
            height + 1e-6)
            refuse(c, node, "模板无效：top、text-height 与 folio-gap 之和超出了页面高度");
    }
    for (xmlNodePtr node = root->children; node && text_height > 0; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, "style") != 0)
            continue;
        double size = number_of(node, "size", 16);
        if (3 * number_of(node, "leading", size * 1.5) > text_height)
            refuse(c, node, "模板无效：行距的三倍超出了版心高度（text-height）");
    }
}

static void walk(checker *c, xmlNodePtr node, double text_height)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        check_attributes(c, node);
        if (strcmp((const char *)node->name, "chart") == 0 && text_height > 0 &&
            number_of(node, "height", 0) > text_height)
            refuse(c, node, "模板无效：图表高度超出了版心高度（text-height）");
        walk(c, node->children, text_height);
    }
}

int template_check_bounds(xmlDocPtr doc, const char *path, diag_list *diags)
{
    checker c = {.path = path, .diags = diags};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root)
        return 0;
    double text_height = 0;
    for (xmlNodePtr node = root->children; node; node = node->next)
        if (node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, "page") == 0)
            text_height = number_of(node, "text-height", 0);
    walk(&c, root, text_height);
    if (!c.failed)
        check_page(&c, root);
    return c.failed ? -1 : 0;
}
