/*
 * xmlfile.c: XML submissions → the record builder (see xmlfile.h).  Parsing and schema
 * validation are xmlsafe's; here the root's kind, period, office, sent and amount_unit
 * become the file's metadata and every record element's attributes (and, for text,
 * child elements or content) become a row of named cells at libxml2's line.
 */
#include "ingest/xmlfile.h"

#include "ingest/value.h"
#include "model/store.h"
#include "model/text.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define LABEL_PARSE "XML文件无效"
#define LABEL_SCHEMA "XML文件不符合模式"

xmlsafe_schema *xmlfile_load_schema(const char *data_dir, arena *a, diag_list *diags)
{
    const char *path = arena_printf(a, "%s/schemas/submission.xsd", data_dir);
    return xmlsafe_schema_load(path, a, diags);
}

/* A copy in the scratch arena of an attribute's value or an element's text. */
static const char *copy_text(builder *b, xmlChar *text)
{
    if (!text)
        return NULL;
    const char *copy = arena_strdup(b->scratch, (const char *)text);
    xmlFree(text);
    return copy;
}

static const char *root_attribute(builder *b, xmlNodePtr root, const char *name)
{
    return copy_text(b, xmlGetNoNsProp(root, (const xmlChar *)name));
}

static void reject_root_value(builder *b, long line, const char *name, const char *value,
                              const char *what)
{
    char reason[512];
    snprintf(reason, sizeof reason, "根元素的%s属性“%s”不是有效%s", name, value, what);
    builder_reject_file(b, line, reason);
}

/* The root's kind, amount_unit, period, office and sent (the schema checked the first
 * two's spelling). */
static void read_root(builder *b, xmlNodePtr root)
{
    long line = xmlsafe_line(root);
    const char *kind = root_attribute(b, root, "kind");
    const char *unit_text = root_attribute(b, root, "amount_unit");
    int64_t unit = YUAN_PER_WAN;
    if (unit_text)
        value_unit(unit_text, &unit);
    builder_set_kind(b, kind ? table_kind_named(kind) : KIND_UNKNOWN, unit);
    const char *text = root_attribute(b, root, "period");
    if (text) {
        value_status status = value_period(text, &b->stated.period);
        if (status == VALUE_OK)
            b->stated.has_period = true;
        else if (status != VALUE_EMPTY)
            reject_root_value(b, line, "period", text, "报告期");
    }
    b->stated.office = root_attribute(b, root, "office");
    text = root_attribute(b, root, "sent");
    if (text && value_date(text, &b->stated.sent) == VALUE_SYNTAX)
        reject_root_value(b, line, "sent", text, "日期");
}

static void set_cell(builder *b, builder_row *row, int column, const char *value)
{
    if (column < 0)
        return;
    if (row->cells[column] && !row->reader_error) {
        row->reader_error = arena_printf(b->scratch, "同时以属性和子元素%s给出",
                                         b->table->columns[column].xml);
        row->reader_error_column = column;
    }
    row->cells[column] = value;
}

/* The text of a node list that is one text node: the document's own (the row's cells
 * need live only while the builder takes the row), else NULL. */
static const char *single_text(xmlNodePtr list)
{
    if (list && list->type == XML_TEXT_NODE && !list->next && list->content)
        return (const char *)list->content;
    return NULL;
}

static void read_record(builder *b, xmlNodePtr node)
{
    builder_row row = {.line = xmlsafe_line(node), .reader_error_column = -1};
    for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
        int column = table_match_xml(b->table, (const char *)attr->name);
        const char *text = single_text(attr->children);
        set_cell(b, &row, column,
                 text ? text : copy_text(b, xmlNodeListGetString(node->doc, attr->children, 1)));
    }
    if (b->kind == KIND_QUARTERLY) {
        set_cell(b, &row, table_match_xml(b->table, "content"), copy_text(b, xmlNodeGetContent(node)));
    } else {
        for (xmlNodePtr child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE)
                continue;
            const char *text = single_text(child->children);
            set_cell(b, &row, table_match_xml(b->table, (const char *)child->name),
                     text ? text : copy_text(b, xmlNodeGetContent(child)));
        }
    }
    builder_add_row(b, &row);
}

static void read_records(builder *b, xmlNodePtr root)
{
    for (xmlNodePtr node = root->children; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (b->rejected_reason || !b->table) {
            builder_count_row(b);
            continue;
        }
        if (strcmp((const char *)node->name, b->table->element) != 0) {
            char reason[256];
            snprintf(reason, sizeof reason, "元素<%s>与根元素的kind属性“%s”不符", (const char *)node->name,
                     record_kind_name(b->kind));
            builder_reject_file(b, xmlsafe_line(node), reason);
            builder_count_row(b);
            continue;
        }
        read_record(b, node);
    }
}

/* What the parts of one file share. */
typedef struct reading {
    builder *b;
    builder_metadata stated; /* as the caller set it */
    bool first, invalid;
    long elements;           /* record elements of the parts before */
} reading;

/* A file that breaks the schema is rejected whole, as if nothing had been read; its
 * record elements still count. */
static void reject_invalid(reading *r, const diagnostic *d)
{
    builder *b = r->b;
    builder_restart(b, &r->stated);
    char *reason = arena_strdup(b->scratch, d->reason);
    size_t n = strlen(reason);
    if (n > 0 && reason[n - 1] == '.') /* libxml2 ends its sentences with a full stop */
        reason[n - 1] = '\0';
    builder_reject_file(b, d->line, reason);
    for (long i = 0; i < r->elements; i++)
        builder_count_row(b);
}

static void read_part(void *context, xmlNodePtr root, const diagnostic *schema_error)
{
    reading *r = context;
    if (schema_error && !r->invalid) {
        r->invalid = true;
        reject_invalid(r, schema_error);
    }
    if (r->first && !r->invalid)
        read_root(r->b, root);
    r->first = false;
    read_records(r->b, root);
    for (xmlNodePtr node = root->children; node; node = node->next)
        r->elements += node->type == XML_ELEMENT_NODE;
}

/* The encoding named in the XML declaration at the start of bytes, into out (64
 * bytes); "" when there is none. */
static void declared_encoding(const char *bytes, size_t length, char *out)
{
    out[0] = '\0';
    size_t limit = length < 256 ? length : 256;
    char head[257];
    memcpy(head, bytes, limit);
    head[limit] = '\0';
    const char *p = head;
    if (text_starts_with(p, "\xEF\xBB\xBF"))
        p += 3;
    const char *end = strstr(p, "?>");
    if (!text_starts_with(p, "<?xml") || !end)
        return;
    const char *at = strstr(p, "encoding");
    if (!at || at > end)
        return;
    at += strlen("encoding");
    while (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n' || *at == '=')
        at++;
    char quote = *at;
    if (quote != '"' && quote != '\'')
        return;
    const char *close = strchr(at + 1, quote);
    if (!close || close > end || close - at - 1 >= 64)
        return;
    memcpy(out, at + 1, (size_t)(close - at - 1));
    out[close - at - 1] = '\0';
}

static char *ascii_upper(char *text)
{
    for (char *p = text; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return text;
}

/* GB2312 and GBK are subsets of GB18030 that offices' tools write GB18030 text under:
 * such a file is read as GB18030 (NULL: as declared). */
static const char *encoding_override(const char *declared)
{
    static const char *const names[] = {"GB2312", "GBK", "GB_2312-80", "CP936", "EUC-CN",
                                        "X-GBK", "WINDOWS-936", "CSGB2312", NULL};
    for (const char *const *name = names; *name; name++)
        if (strcasecmp(declared, *name) == 0)
            return "GB18030";
    return NULL;
}

/* The file's encoding, and the one to read it in (NULL: as declared), from its head. */
static const char *head_encoding(void *context, const char *head, size_t length)
{
    reading *r = context;
    submission_file *f = store_file(r->b->store, r->b->file);
    char declared[64];
    declared_encoding(head, length, declared);
    const char *encoding = encoding_override(declared);
    if (encoding)
        f->encoding = encoding;
    else if (declared[0])
        f->encoding = arena_strdup(r->b->store->memory, ascii_upper(declared));
    else if (length >= 2 && (unsigned char)head[0] == 0xFF && (unsigned char)head[1] == 0xFE)
        f->encoding = "UTF-16LE";
    else if (length >= 2 && (unsigned char)head[0] == 0xFE && (unsigned char)head[1] == 0xFF)
        f->encoding = "UTF-16BE";
    return encoding;
}

bool xmlfile_read(builder *b, int fd, const xmlsafe_schema *schema)
{
    submission_file *f = store_file(b->store, b->file);
    f->encoding = "UTF-8";
    reading r = {.b = b, .stated = b->stated, .first = true};
    xmlsafe_stream s = {
        .path = b->path,
        .max_bytes = XMLFILE_MAX_BYTES,
        .part_max_bytes = XMLFILE_WHOLE_BYTES,
        .schema = schema,
        .parse_label = LABEL_PARSE,
        .schema_label = LABEL_SCHEMA,
        .context = &r,
        .encoding = head_encoding,
        .part = read_part,
    };
    diag_list found;
    diag_init(&found, b->scratch);
    int status = xmlsafe_stream_read(fd, &s, &found);
    if (s.hashed)
        memcpy(f->sha256, s.sha256, sizeof f->sha256);
    if (status != 0 && !r.first)
        builder_restart(b, &r.stated); /* the parts read do not count */
    for (size_t i = 0; i < found.items.count; i++) {
        const diagnostic *d = diag_at(&found, i);
        builder_file_error(b, d->line, NULL, NULL, d->reason);
    }
    diag_free(&found);
    return status == 0;
}
