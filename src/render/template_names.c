/*
 * template_names.c: the walk over a whole template that checks its names (see
 * template_names.h), one table saying which attribute of which element holds what.
 */
#include "render/template_names.h"

#include <stdio.h>
#include <string.h>

typedef enum {
    HOLDS_TEXT,        /* text with {names}, bound outside the element's rows */
    HOLDS_ROW_TEXT,    /* text with {names}, bound in each of the rows */
    HOLDS_BEYOND_TEXT, /* as HOLDS_TEXT, with {listed} and {beyond} */
    HOLDS_NUMBER,      /* a chart's number, outside the rows */
    HOLDS_ROW_NUMBER,  /* a chart's number, in each row */
    HOLDS_TEST,        /* a condition */
    HOLDS_LIST,        /* the list whose rows the element goes over */
} holds;

static const struct {
    const char *element, *attribute;
    holds what;
} attributes[] = {
    {"info", "title", HOLDS_TEXT},        {"info", "author", HOLDS_TEXT},
    {"info", "subject", HOLDS_TEXT},      {"info", "keywords", HOLDS_TEXT},
    {"masthead", "title", HOLDS_TEXT},    {"masthead", "issue", HOLDS_TEXT},
    {"masthead", "office", HOLDS_TEXT},   {"masthead", "date", HOLDS_TEXT},
    {"section", "title", HOLDS_TEXT},     {"line", "left", HOLDS_TEXT},
    {"line", "right", HOLDS_TEXT},        {"if", "test", HOLDS_TEST},
    {"table", "source", HOLDS_LIST},      {"table", "caption", HOLDS_TEXT},
    {"table", "empty", HOLDS_TEXT},       {"table", "beyond", HOLDS_BEYOND_TEXT},
    {"column", "title", HOLDS_TEXT},      {"column", "value", HOLDS_ROW_TEXT},
    {"chart", "source", HOLDS_LIST},      {"chart", "label", HOLDS_ROW_TEXT},
    {"chart", "value-text", HOLDS_ROW_TEXT}, {"chart", "value", HOLDS_ROW_NUMBER},
    {"chart", "title", HOLDS_TEXT},       {"chart", "unit", HOLDS_TEXT},
    {"chart", "legend", HOLDS_TEXT},      {"chart", "reference-legend", HOLDS_TEXT},
    {"chart", "reference", HOLDS_NUMBER}, {"for", "each", HOLDS_LIST},
    {"for", "empty", HOLDS_TEXT},
};

typedef struct checker {
    const char *path;
    bind_report report;
    diag_list *diags;
    int failed;
} checker;

static const char *report_name(bind_report report)
{
    return report == REPORT_MONTHLY ? "月度通报" : report == REPORT_QUARTERLY ? "季度报告" : "年度报告";
}

/* Records the first problem with its line; later ones follow from it. */
static void refuse(checker *c, long line, bind_check why, const char *what)
{
    if (c->failed++)
        return;
    char reason[512];
    if (why == BIND_UNKNOWN)
        snprintf(reason, sizeof reason, "模板无效：未知的%s", what);
    else if (why == BIND_NOT_HERE)
        snprintf(reason, sizeof reason,
                 "模板无效：%s是数据列表中每一行的值，只能用在列出这种行的 <table> 或 <for> 之中",
                 what);
    else
        snprintf(reason, sizeof reason, "模板无效：%s不能用于%s", what, report_name(c->report));
    diag_add(c->diags, DIAG_ERROR, c->path, line, NULL, NULL, reason);
}

/* The line of the first {key} in text, which starts on line first. */
static long line_of_key(const char *text, const char *key, long first)
{
    char braced[72];
    snprintf(braced, sizeof braced, "{%s", key);
    const char *at = strstr(text, braced);
    for (const char *p = text; at && p < at; p++)
        first += *p == '\n';
    return first;
}

static void check_text(checker *c, const char *text, long line, bind_row_kind row,
                       bool beyond)
{
    static const char *const counts[] = {"listed", "beyond", NULL};
    char bad[64], what[96];
    bind_check why = bind_check_text(text, row, c->report, beyond ? counts : NULL, bad);
    if (why != BIND_KNOWN) {
        snprintf(what, sizeof what, "占位符{%s}", bad);
        refuse(c, line_of_key(text, bad, line), why, what);
    }
}

static void check_name(checker *c, const char *name, long line, bind_name_kind kind,
                       bind_row_kind row, bind_row_kind *yields)
{
    static const char *const kinds[] = {[BIND_VALUE] = "占位符", [BIND_TEST] = "条件",
                                        [BIND_NUMBER] = "图表数值", [BIND_LIST] = "数据列表"};
    bind_check why = bind_check_name(name, kind, row, c->report, yields);
    if (why != BIND_KNOWN) {
        char what[96];
        snprintf(what, sizeof what, "%s“%.60s”", kinds[kind], name);
        refuse(c, line, why, what);
    }
}

static bool is(xmlNodePtr node, const char *name)
{
    return strcmp((const char *)node->name, name) == 0;
}

/* Checks the element's attributes; returns the kind of the rows it goes over (its list's,
 * or row when it has none).  row: the rows around the element; outer: those around its
 * parent (a column's title is said outside its table's rows). */
static bind_row_kind check_attributes(checker *c, xmlNodePtr node, bind_row_kind row,
                                      bind_row_kind outer)
{
    long line = xmlGetLineNo(node);
    bind_row_kind rows = row, around = is(node, "column") ? outer : row;
    for (size_t i = 0; i < sizeof attributes / sizeof *attributes; i++) {
        if (!is(node, attributes[i].element))
            continue;
        xmlChar *value = xmlGetProp(node, (const xmlChar *)attributes[i].attribute);
        const char *text = (const char *)value;
        if (!text && is(node, "chart") && strcmp(attributes[i].attribute, "label") == 0)
            text = "{name}"; /* the label when none is given */
        if (text) {
            switch (attributes[i].what) {
            case HOLDS_TEXT: check_text(c, text, line, around, false); break;
            case HOLDS_BEYOND_TEXT: check_text(c, text, line, around, true); break;
            case HOLDS_ROW_TEXT: check_text(c, text, line, rows, false); break;
            case HOLDS_NUMBER: check_name(c, text, line, BIND_NUMBER, around, NULL); break;
            case HOLDS_ROW_NUMBER: check_name(c, text, line, BIND_NUMBER, rows, NULL); break;
            case HOLDS_TEST: check_name(c, text, line, BIND_TEST, around, NULL); break;
            case HOLDS_LIST: check_name(c, text, line, BIND_LIST, ROW_NONE, &rows); break;
            }
        }
        xmlFree(value);
    }
    return rows;
}

/* row: the rows the nodes are in; outer: the rows around their parent. */
static void walk(checker *c, xmlNodePtr node, bind_row_kind row, bind_row_kind outer)
{
    for (; node && !c->failed; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
            check_text(c, (const char *)node->content, xmlGetLineNo(node), row, false);
        else if (node->type == XML_ELEMENT_NODE)
            walk(c, node->children, check_attributes(c, node, row, outer), row);
    }
}

int template_check_names(xmlDocPtr doc, const char *path, bind_report report,
                         diag_list *diags)
{
    checker c = {.path = path, .report = report, .diags = diags};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root)
        walk(&c, root->children, ROW_NONE, ROW_NONE);
    return c.failed ? -1 : 0;
}
