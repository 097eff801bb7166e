/*
 * bulletin.c: walks the template's XML and sets each element with the layout (see
 * bulletin.h).  Elements: page, style, info, masthead, section (with p, h2, for, table,
 * chart), colophon; <for each="items"> lists the quarterly report's items.  Text nodes
 * carry {placeholders}; <if test="…"> keeps its content or not.
 */
#include "render/bulletin.h"

#include "model/xmlsafe.h"
#include "render/chart.h"
#include "render/layout.h"
#include "render/rowcap.h"
#include "render/template_bounds.h"
#include "render/template_names.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bulletin_template {
    xmlDocPtr doc;
    const char *path;
};

typedef struct named_style {
    char name[32];
    layout_style style;
} named_style;

/* Everything the walk needs. */
typedef struct walk {
    const bulletin_template *template;
    layout layout;
    canvas canvas;
    vec styles; /* named_style */
    canvas_info info;
    arena *memory;
    diag_list *diags;
    int failed;
} walk;

bulletin_template *bulletin_template_load(const char *path, const char *schema_path,
                                          bind_report report, arena *a, diag_list *diags)
{
    char *bytes;
    size_t length;
    if (xmlsafe_read_file(path, 4 << 20, a, &bytes, &length, diags) != 0)
        return NULL;
    xmlsafe_schema *schema = xmlsafe_schema_load(schema_path, a, diags);
    if (!schema)
        return NULL;
    xmlDocPtr doc = xmlsafe_parse(bytes, length, path, "模板无效", diags);
    if (doc && (xmlsafe_validate(doc, schema, path, "模板无效", diags) != 0 ||
                template_check_bounds(doc, path, diags) != 0 ||
                template_check_names(doc, path, report, diags) != 0)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlsafe_schema_free(schema);
    if (!doc)
        return NULL;
    bulletin_template *t = calloc(1, sizeof *t);
    if (!t)
        die_oom();
    t->doc = doc;
    t->path = path;
    return t;
}

void bulletin_template_free(bulletin_template *t)
{
    if (!t)
        return;
    xmlFreeDoc(t->doc);
    free(t);
}

static bool is_element(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* The attribute's value copied into the arena, or fallback. */
static const char *attribute(walk *w, xmlNodePtr node, const char *name, const char *fallback)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value)
        return fallback;
    const char *copy = arena_strdup(w->memory, (const char *)value);
    xmlFree(value);
    return copy;
}

static double number_attribute(walk *w, xmlNodePtr node, const char *name, double fallback)
{
    const char *text = attribute(w, node, name, NULL);
    double value;
    return text && template_number(text, &value) ? value : fallback;
}

/* Records the first problem of the template (with its line); later ones follow from it. */
__attribute__((format(printf, 3, 4))) static void fail(walk *w, xmlNodePtr node,
                                                       const char *format, ...)
{
    if (w->failed++)
        return;
    char reason[256];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    diag_add(w->diags, DIAG_ERROR, w->template->path, xmlGetLineNo(node), NULL, NULL, reason);
}

/* {placeholders} of text expanded in scope, into the arena. */
static const char *expand(walk *w, xmlNodePtr node, const bind_scope *scope, const char *text)
{
    buffer out;
    buffer_init(&out);
    char unknown[64];
    if (!bind_expand(scope, text, &out, unknown))
        fail(w, node, "模板无效：未知的占位符{%s}", unknown);
    const char *result = arena_strndup(w->memory, out.data ? out.data : "", out.length);
    buffer_free(&out);
    return result;
}

static const layout_style *style_named(walk *w, xmlNodePtr node, const char *name)
{
    for (size_t i = 0; i < w->styles.count; i++) {
        named_style *s = vec_at(&w->styles, i);
        if (strcmp(s->name, name) == 0)
            return &s->style;
    }
    fail(w, node, "模板无效：未定义的样式“%s”", name);
    static const layout_style fallback = {.role = ROLE_BODY, .size = 16, .leading = 28,
                                          .color = {0, 0, 0, 1}};
    return &fallback;
}

static cmyk parse_color(const char *text)
{
    cmyk color = {0, 0, 0, 1};
    if (text)
        sscanf(text, "%lf %lf %lf %lf", &color.c, &color.m, &color.y, &color.k);
    return color;
}

static void read_style(walk *w, xmlNodePtr node)
{
    named_style *s = vec_push(&w->styles);
    snprintf(s->name, sizeof s->name, "%s", attribute(w, node, "name", ""));
    if (!font_role_parse(attribute(w, node, "role", "body"), &s->style.role))
        fail(w, node, "模板无效：未知的字体角色“%s”", attribute(w, node, "role", ""));
    s->style.size = number_attribute(w, node, "size", 16);
    s->style.leading = number_attribute(w, node, "leading", s->style.size * 1.5);
    s->style.tracking = number_attribute(w, node, "tracking", 0);
    s->style.color = parse_color(attribute(w, node, "color", NULL));
    s->style.bold = strcmp(attribute(w, node, "bold", "no"), "yes") == 0;
}

static void read_geometry(walk *w, xmlNodePtr node, layout_geometry *g)
{
    g->page_width = number_attribute(w, node, "width", 210 * MM);
    g->page_height = number_attribute(w, node, "height", 297 * MM);
    g->top = number_attribute(w, node, "top", 37 * MM);
    g->left = number_attribute(w, node, "left", 28 * MM);
    g->width = number_attribute(w, node, "text-width", 156 * MM);
    g->height = number_attribute(w, node, "text-height", 225 * MM);
    g->folio_gap = number_attribute(w, node, "folio-gap", 7 * MM);
}

/* ---- paragraphs ---- */

/* Appends a text node's content: whitespace runs that contain a line break are layout
 * of the template file, not text, and are dropped. */
static void append_text(buffer *out, const char *text)
{
    while (*text) {
        size_t run = strspn(text, " \t\r\n");
        if (run > 0) {
            if (!memchr(text, '\n', run))
                buffer_append(out, text, run);
            text += run;
            continue;
        }
        size_t word = strcspn(text, " \t\r\n");
        buffer_append(out, text, word);
        text += word;
    }
}

static void collect_text(walk *w, xmlNodePtr node, const bind_scope *scope, buffer *out);

static void collect_if(walk *w, xmlNodePtr node, const bind_scope *scope, buffer *out)
{
    const char *test = attribute(w, node, "test", "");
    bool result = false;
    if (!bind_test(scope, test, &result))
        fail(w, node, "模板无效：未知的条件“%s”", test);
    if (result)
        collect_text(w, node, scope, out);
}

static void collect_text(walk *w, xmlNodePtr node, const bind_scope *scope, buffer *out)
{
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            buffer raw;
            buffer_init(&raw);
            append_text(&raw, (const char *)child->content);
            if (raw.length)
                buffer_puts(out, expand(w, child, scope, raw.data));
            buffer_free(&raw);
        } else if (is_element(child, "if")) {
            collect_if(w, child, scope, out);
        }
    }
}

static const char *paragraph_text(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    buffer out;
    buffer_init(&out);
    collect_text(w, node, scope, &out);
    const char *text = arena_strndup(w->memory, out.data ? out.data : "", out.length);
    buffer_free(&out);
    return text;
}

static void set_paragraph(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    const layout_style *style = style_named(w, node, attribute(w, node, "style", "body"));
    const char *text = paragraph_text(w, node, scope);
    if (!text[0])
        return;
    double indent = number_attribute(w, node, "indent", 2) * (style->size + style->tracking);
    layout_paragraph(&w->layout, style, text, indent, true);
}

static void set_heading(walk *w, xmlNodePtr node, const bind_scope *scope, const char *style_name)
{
    const layout_style *style = style_named(w, node, attribute(w, node, "style", style_name));
    const char *text = paragraph_text(w, node, scope);
    double indent = number_attribute(w, node, "indent", 2) * (style->size + style->tracking);
    layout_heading(&w->layout, style, text, indent, NULL);
}

/* ---- lists, tables and charts ---- */

/* The rows of <table source="…"> or <for each="…">, or NULL (and a failure) if unknown. */
static bind_scope *rows_of(walk *w, xmlNodePtr node, const char *source, const bind_scope *scope,
                           size_t *count)
{
    bind_scope *rows;
    bool with_total = strcmp(attribute(w, node, "total", "no"), "yes") == 0;
    if (!bind_rows(scope, source, with_total, w->memory, &rows, count)) {
        fail(w, node, "模板无效：未知的数据列表“%s”", source);
        return NULL;
    }
    return rows;
}

static layout_align parse_align(const char *text)
{
    if (strcmp(text, "left") == 0)
        return ALIGN_LEFT;
    if (strcmp(text, "center") == 0)
        return ALIGN_CENTER;
    return ALIGN_RIGHT;
}

/* The text of <table beyond="…">, said under a table cut at its limit: {listed} and
 * {beyond} are the rows printed and left out; the other placeholders are the scope's. */
static const char *beyond_text(walk *w, xmlNodePtr node, const bind_scope *scope, size_t listed,
                               size_t beyond)
{
    buffer counted;
    buffer_init(&counted);
    for (const char *at = attribute(w, node, "beyond", ""); *at;) {
        if (strncmp(at, "{listed}", 8) == 0)
            buffer_printf(&counted, "%zu", listed);
        else if (strncmp(at, "{beyond}", 8) == 0)
            buffer_printf(&counted, "%zu", beyond);
        else
            buffer_append(&counted, at, 1);
        at += strncmp(at, "{listed}", 8) == 0 || strncmp(at, "{beyond}", 8) == 0 ? 8 : 1;
    }
    const char *text = expand(w, node, scope, counted.length ? counted.data : "");
    buffer_free(&counted);
    return text;
}

/* <table limit="N">: at most N rows (rowcap.h), ROWCAP_DEFAULT when not given. */
static size_t row_limit(walk *w, xmlNodePtr node)
{
    const char *text = attribute(w, node, "limit", NULL);
    unsigned long limit = text ? strtoul(text, NULL, 10) : ROWCAP_DEFAULT;
    return limit > 0 ? (size_t)limit : ROWCAP_DEFAULT;
}

static void set_table(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    size_t all_rows;
    bind_scope *rows = rows_of(w, node, attribute(w, node, "source", ""), scope, &all_rows);
    if (!rows)
        return;
    size_t row_count = rowcap_apply(rows, all_rows, row_limit(w, node));
    if (row_count == 0) {
        const char *empty = attribute(w, node, "empty", NULL);
        if (empty)
            layout_paragraph(&w->layout, style_named(w, node, "body"), expand(w, node, scope, empty),
                             2 * style_named(w, node, "body")->size, true);
        return;
    }
    vec columns, values;
    vec_init(&columns, sizeof(layout_column));
    vec_init(&values, sizeof(const char *));
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (!is_element(child, "column"))
            continue;
        layout_column *column = vec_push(&columns);
        column->title = expand(w, child, scope, attribute(w, child, "title", ""));
        column->weight = number_attribute(w, child, "width", 1);
        column->align = parse_align(attribute(w, child, "align", "right"));
        *(const char **)vec_push(&values) = attribute(w, child, "value", "");
    }
    const char **cells = arena_alloc(w->memory, (row_count * columns.count + 1) * sizeof *cells);
    for (size_t r = 0; r < row_count; r++)
        for (size_t c = 0; c < columns.count; c++)
            cells[r * columns.count + c] = expand(w, node, &rows[r], *(const char **)vec_at(&values, c));
    layout_table table = {
        .unit_line = attribute(w, node, "unit", NULL),
        .continued_label = attribute(w, node, "continued", "续表"),
        .columns = columns.items,
        .column_count = columns.count,
        .cells = cells,
        .row_count = row_count,
        .header = *style_named(w, node, attribute(w, node, "header-style", "table-header")),
        .body = *style_named(w, node, attribute(w, node, "style", "table")),
        .padding = number_attribute(w, node, "padding", 3),
    };
    const char *caption = attribute(w, node, "caption", NULL);
    if (caption)
        layout_line(&w->layout, style_named(w, node, "caption"), expand(w, node, scope, caption),
                    ALIGN_CENTER);
    layout_table_draw(&w->layout, &table);
    layout_space(&w->layout, table.body.leading / 2);
    if (row_count < all_rows && attribute(w, node, "beyond", NULL))
        layout_paragraph(&w->layout, style_named(w, node, "body"),
                         beyond_text(w, node, scope, row_count, all_rows - row_count),
                         2 * style_named(w, node, "body")->size, true);
    vec_free(&columns);
    vec_free(&values);
}

/* The series of a chart: one point per row, its label and value by the template's names. */
static bool chart_series_of(walk *w, xmlNodePtr node, const bind_scope *rows, size_t count,
                            chart_series *series)
{
    const char *label = attribute(w, node, "label", "{name}");
    const char *value = attribute(w, node, "value", "");
    const char *value_text = attribute(w, node, "value-text", NULL);
    series->count = count;
    series->labels = arena_alloc(w->memory, (count + 1) * sizeof *series->labels);
    series->values_text = arena_alloc(w->memory, (count + 1) * sizeof *series->values_text);
    series->values = arena_alloc(w->memory, (count + 1) * sizeof *series->values);
    series->present = arena_alloc(w->memory, (count + 1) * sizeof *series->present);
    for (size_t i = 0; i < count; i++) {
        series->labels[i] = expand(w, node, &rows[i], label);
        if (!bind_number(&rows[i], value, &series->values[i], &series->present[i])) {
            fail(w, node, "模板无效：图表不能使用数值“%s”", value);
            return false;
        }
        if (value_text && series->present[i])
            series->values_text[i] = expand(w, node, &rows[i], value_text);
    }
    return true;
}

static void set_chart(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    size_t count;
    bind_scope *rows = rows_of(w, node, attribute(w, node, "source", ""), scope, &count);
    chart_series series;
    if (!rows || !chart_series_of(w, node, rows, count, &series))
        return;
    chart_spec spec = {
        .title = expand(w, node, scope, attribute(w, node, "title", "")),
        .unit = expand(w, node, scope, attribute(w, node, "unit", "")),
        .series_label = expand(w, node, scope, attribute(w, node, "legend", "")),
        .height = number_attribute(w, node, "height", 160),
        .text = *style_named(w, node, "chart"),
        .title_style = *style_named(w, node, "caption"),
        .series_color = parse_color(attribute(w, node, "color", "0.8 0.3 0 0")),
        .reference_color = parse_color(attribute(w, node, "reference-color", "0 0.8 0.8 0")),
    };
    const char *reference = attribute(w, node, "reference", NULL);
    if (reference) {
        bool known = false;
        if (!bind_number(scope, reference, &spec.reference, &known) || !known)
            fail(w, node, "模板无效：图表参考线不能使用数值“%s”", reference);
        spec.reference_label = expand(w, node, scope, attribute(w, node, "reference-legend", ""));
    }
    if (strcmp(attribute(w, node, "type", "bars"), "line") == 0)
        chart_line(&w->layout, &spec, &series);
    else
        chart_bars(&w->layout, &spec, &series);
    layout_space(&w->layout, spec.text.leading);
}

/* ---- sections ---- */

static void set_block(walk *w, xmlNodePtr node, const bind_scope *scope);

/* <for each="…" topic="…" empty="…">: the children once for each row (of the items, only
 * those of the topic when one is given), or the empty text as a paragraph when there is
 * none. */
static void set_for_each(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    const char *topic = attribute(w, node, "topic", NULL);
    size_t count, listed = 0;
    bind_scope *rows = rows_of(w, node, attribute(w, node, "each", ""), scope, &count);
    for (size_t i = 0; rows && i < count; i++) {
        if (topic && rows[i].row_kind == ROW_ITEM &&
            strcmp(((const bind_item *)rows[i].row)->topic, topic) != 0)
            continue;
        for (xmlNodePtr child = node->children; child; child = child->next)
            set_block(w, child, &rows[i]);
        listed++;
    }
    const char *empty = attribute(w, node, "empty", NULL);
    if (rows && listed == 0 && empty) {
        const layout_style *style = style_named(w, node, "body");
        layout_paragraph(&w->layout, style, expand(w, node, scope, empty), 2 * style->size, true);
    }
}

static void set_block(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    if (is_element(node, "p"))
        set_paragraph(w, node, scope);
    else if (is_element(node, "h2"))
        set_heading(w, node, scope, "heading2");
    else if (is_element(node, "table"))
        set_table(w, node, scope);
    else if (is_element(node, "chart"))
        set_chart(w, node, scope);
    else if (is_element(node, "for"))
        set_for_each(w, node, scope);
    else if (is_element(node, "if")) {
        bool result = false;
        const char *test = attribute(w, node, "test", "");
        if (!bind_test(scope, test, &result))
            fail(w, node, "模板无效：未知的条件“%s”", test);
        for (xmlNodePtr child = node->children; result && child; child = child->next)
            set_block(w, child, scope);
    }
}

static void set_section(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    const layout_style *style = style_named(w, node, "heading1");
    const char *title = expand(w, node, scope, attribute(w, node, "title", ""));
    layout_heading(&w->layout, style, title, 2 * (style->size + style->tracking), title);
    for (xmlNodePtr child = node->children; child; child = child->next)
        set_block(w, child, scope);
}

static void set_masthead(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    layout *l = &w->layout;
    const layout_style *title = style_named(w, node, "masthead");
    const layout_style *issue = style_named(w, node, "masthead-issue");
    const layout_style *line = style_named(w, node, "masthead-line");
    layout_new_page(l);
    layout_line(l, title, expand(w, node, scope, attribute(w, node, "title", "")), ALIGN_CENTER);
    layout_line(l, issue, expand(w, node, scope, attribute(w, node, "issue", "")), ALIGN_CENTER);
    const char *office = expand(w, node, scope, attribute(w, node, "office", ""));
    const char *dated = expand(w, node, scope, attribute(w, node, "date", ""));
    double needed = canvas_text_width(&w->canvas, line->role, office, line->size) +
                    canvas_text_width(&w->canvas, line->role, dated, line->size) + line->size;
    double top = l->y;
    layout_line(l, line, office, ALIGN_LEFT);
    if (needed <= l->geometry.width)
        l->y = top; /* the date shares the office's line, at its right end */
    layout_line(l, line, dated, ALIGN_RIGHT);
    layout_rule(l, number_attribute(w, node, "rule", 1), title->color, line->leading / 2);
}

/* The 版记 of GB/T 9704 §8: its lines between rules, at the foot of the last page. */
static void set_colophon(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    layout *l = &w->layout;
    const layout_style *style = style_named(w, node, "colophon");
    static const cmyk black = {0, 0, 0, 1};
    size_t lines = 0;
    for (xmlNodePtr child = node->children; child; child = child->next)
        if (is_element(child, "line"))
            lines += layout_paragraph_lines(
                l, style, expand(w, child, scope, attribute(w, child, "left", "")), style->size);
    double height = (double)lines * style->leading + 2;
    layout_ensure(l, height);
    l->y = l->geometry.page_height - l->geometry.top - l->geometry.height + height;
    size_t drawn = 0;
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (!is_element(child, "line"))
            continue;
        canvas_line(l->canvas, l->page, l->geometry.left, l->y, l->geometry.left + l->geometry.width,
                    l->y, drawn == 0 ? 1.0 : 0.7, black);
        double top = l->y;
        const char *right = attribute(w, child, "right", NULL);
        layout_paragraph(l, style, expand(w, child, scope, attribute(w, child, "left", "")),
                         style->size, false);
        if (right) {
            l->y = top;
            layout_line(l, style, expand(w, child, scope, right), ALIGN_RIGHT);
        }
        drawn++;
    }
    canvas_line(l->canvas, l->page, l->geometry.left, l->y, l->geometry.left + l->geometry.width, l->y,
                1.0, black);
}

static void read_info(walk *w, xmlNodePtr node, const bind_scope *scope)
{
    w->info.title = expand(w, node, scope, attribute(w, node, "title", ""));
    w->info.author = expand(w, node, scope, attribute(w, node, "author", "{issuer}"));
    w->info.subject = expand(w, node, scope, attribute(w, node, "subject", ""));
    w->info.keywords = expand(w, node, scope, attribute(w, node, "keywords", ""));
    w->info.creator = "bulletin";
}

static void walk_document(walk *w, xmlNodePtr root, const bind_scope *scope)
{
    for (xmlNodePtr node = root->children; node; node = node->next) {
        if (is_element(node, "masthead"))
            set_masthead(w, node, scope);
        else if (is_element(node, "section"))
            set_section(w, node, scope);
        else if (is_element(node, "info"))
            read_info(w, node, scope);
        else if (is_element(node, "colophon"))
            set_colophon(w, node, scope);
    }
}

static void read_setup(walk *w, xmlNodePtr root, layout_geometry *geometry)
{
    for (xmlNodePtr node = root->children; node; node = node->next) {
        if (is_element(node, "style"))
            read_style(w, node);
        else if (is_element(node, "page"))
            read_geometry(w, node, geometry);
    }
}

int bulletin_render(const bulletin_template *t, fontset *fonts, const bind_scope *scope,
                    arena *memory, diag_list *diags, buffer *out)
{
    walk w = {.template = t, .memory = memory, .diags = diags};
    vec_init(&w.styles, sizeof(named_style));
    xmlNodePtr root = xmlDocGetRootElement(t->doc);
    layout_geometry geometry;
    memset(&geometry, 0, sizeof geometry);
    read_geometry(&w, root, &geometry);
    read_setup(&w, root, &geometry);
    canvas_init(&w.canvas, fonts, geometry.page_width, geometry.page_height, memory, diags);
    layout_init(&w.layout, &w.canvas, &geometry);
    w.info.year = scope->today / 10000;
    w.info.month = scope->today / 100 % 100;
    w.info.day = scope->today % 100;
    walk_document(&w, root, scope);
    if (!w.layout.started)
        layout_new_page(&w.layout);
    layout_page_numbers(&w.layout, style_named(&w, root, "folio"));
    int status = w.failed ? -1 : canvas_render(&w.canvas, &w.info, out);
    canvas_free(&w.canvas);
    vec_free(&w.styles);
    return status;
}
