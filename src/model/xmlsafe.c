/*
 * xmlsafe.c: safe XML reading for the plan loader and the XML submission reader (see
 * xmlsafe.h).  libxml2 never opens a file or a URL here: we read the bytes, it parses
 * them from memory with a loader that refuses everything, and its errors are caught by
 * a handler of each context and become one diagnostic.
 */
#include "model/xmlsafe.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCHEMA_MAX_BYTES (1024 * 1024)
#define REASON_CAPACITY 512

/* The first error a context reports; later ones are consequences of it. */
typedef struct error_sink {
    bool seen;
    long line;
    char reason[REASON_CAPACITY];
} error_sink;

/* Copies message into out as one line: control characters become spaces, trailing
 * white space is dropped, and a cut falls on a UTF-8 character boundary. */
static void copy_message(char *out, size_t capacity, const char *message)
{
    size_t length = strlen(message);
    if (length > capacity - 1) {
        length = capacity - 1;
        while (length > 0 && ((unsigned char)message[length] & 0xC0) == 0x80)
            length--;
    }
    for (size_t i = 0; i < length; i++)
        out[i] = (unsigned char)message[i] < 0x20 ? ' ' : message[i];
    while (length > 0 && out[length - 1] == ' ')
        length--;
    out[length] = '\0';
}

static void sink_note(error_sink *sink, long line, const char *reason)
{
    if (sink->seen)
        return;
    sink->seen = true;
    sink->line = line;
    copy_message(sink->reason, sizeof sink->reason, reason);
}

static void sink_error(error_sink *sink, const xmlError *error)
{
    if (error->level < XML_ERR_ERROR)
        return;
    long line = error->line;
    if (error->domain == XML_FROM_SCHEMASV && error->node) {
        long node_line = xmlGetLineNo(error->node);
        if (node_line > 0)
            line = node_line;
    }
    sink_note(sink, line, error->message ? error->message : "未知错误");
}

/* The parser passes its context (ctxt->userData) to the handler; our sink sits in
 * ctxt->_private. */
static void parser_error(void *user, xmlErrorPtr error)
{
    xmlParserCtxtPtr ctxt = user;
    sink_error(ctxt->_private, error);
}

static void schema_error(void *user, xmlErrorPtr error)
{
    sink_error(user, error);
}

static bool is_our_context(xmlParserCtxtPtr ctxt)
{
    return ctxt && ctxt->sax && ctxt->sax->serror == parser_error && ctxt->_private;
}

/* The SAX callback for <!DOCTYPE …>: called after its name and external identifiers,
 * before its internal subset, so stopping here reads no declaration at all. */
static void refuse_doctype(void *user, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    (void)name, (void)external_id, (void)system_id;
    xmlParserCtxtPtr ctxt = user;
    long line = ctxt->input ? ctxt->input->line : 0;
    sink_note(ctxt->_private, line, "不允许文档类型声明（<!DOCTYPE>），以免读取外部实体");
    xmlStopParser(ctxt);
}

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    if (is_our_context(ctxt)) {
        char reason[REASON_CAPACITY];
        snprintf(reason, sizeof reason, "不允许读取外部资源“%s”", url ? url : "");
        sink_note(ctxt->_private, ctxt->input ? ctxt->input->line : 0, reason);
    }
    return NULL;
}

static void drop_generic(void *user, const char *format, ...)
{
    (void)user, (void)format;
}

void xmlsafe_init(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_entity);
    xmlThrDefSubstituteEntitiesDefaultValue(0);
    xmlThrDefLoadExtDtdDefaultValue(0);
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;
    xmlThrDefSetGenericErrorFunc(NULL, drop_generic);
    xmlSetGenericErrorFunc(NULL, drop_generic);
}

static void ensure_init(void)
{
    if (xmlGetExternalEntityLoader() != refuse_entity)
        xmlsafe_init();
}

static const char *open_failure(int error)
{
    switch (error) {
    case ENOENT:
        return "文件不存在";
    case EACCES:
        return "没有读取权限";
    case EISDIR:
        return "是目录而不是文件";
    default:
        return strerror(error);
    }
}

int xmlsafe_read_fd(int fd, const char *path, size_t max_bytes, arena *a, char **bytes,
                    size_t *length, diag_list *diags)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, NULL, "无法读取文件：不是普通文件");
        return -1;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > max_bytes) {
        diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "文件过大（%lld 字节，上限 %zu 字节）",
                  (long long)st.st_size, max_bytes);
        return -1;
    }
    /* one byte more than the size: a file that grew since fstat is told, not cut */
    size_t size = (size_t)st.st_size, done = 0;
    char *buffer = arena_alloc(a, size + 2);
    while (done < size + 1) {
        ssize_t n = read(fd, buffer + done, size + 1 - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "读取文件失败：%s", strerror(errno));
            return -1;
        }
        if (n == 0)
            break; /* the file shrank while we read it: keep what there is */
        done += (size_t)n;
    }
    if (done > size) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, NULL, "文件在读取过程中被改动（变大了），未读入");
        return -1;
    }
    buffer[done] = '\0';
    *bytes = buffer;
    *length = done;
    return 0;
}

int xmlsafe_read_file(const char *path, size_t max_bytes, arena *a, char **bytes,
                      size_t *length, diag_list *diags)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "无法读取文件：%s", open_failure(errno));
        return -1;
    }
    int status = xmlsafe_read_fd(fd, path, max_bytes, a, bytes, length, diags);
    close(fd);
    return status;
}

xmlDocPtr xmlsafe_parse(const char *bytes, size_t length, const char *path, const char *label,
                        diag_list *diags)
{
    return xmlsafe_parse_encoded(bytes, length, NULL, path, label, diags);
}

xmlDocPtr xmlsafe_parse_encoded(const char *bytes, size_t length, const char *encoding,
                                const char *path, const char *label, diag_list *diags)
{
    ensure_init();
    if (length > INT_MAX) {
        diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "%s：文件过大", label);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        die_oom();
    error_sink sink = {0};
    ctxt->_private = &sink;
    ctxt->sax->serror = parser_error;
    ctxt->sax->internalSubset = refuse_doctype;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)length, path, encoding,
                                      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlFreeParserCtxt(ctxt);
    if (doc && (doc->intSubset || doc->extSubset))
        sink_note(&sink, 0, "不允许文档类型声明（<!DOCTYPE>），以免读取外部实体");
    if (!sink.seen && (!doc || !xmlDocGetRootElement(doc)))
        sink_note(&sink, 0, "不是格式正确的 XML 文档");
    if (sink.seen) {
        xmlFreeDoc(doc);
        diag_addf(diags, DIAG_ERROR, path, sink.line, NULL, NULL, "%s：%s", label, sink.reason);
        return NULL;
    }
    return doc;
}

struct xmlsafe_schema {
    xmlDocPtr doc; /* kept while the compiled schema lives */
    xmlSchemaPtr schema;
};

xmlsafe_schema *xmlsafe_schema_load(const char *path, arena *a, diag_list *diags)
{
    static const char label[] = "模式文件无效";
    char *bytes;
    size_t length;
    if (xmlsafe_read_file(path, SCHEMA_MAX_BYTES, a, &bytes, &length, diags) != 0)
        return NULL;
    xmlDocPtr doc = xmlsafe_parse(bytes, length, path, label, diags);
    if (!doc)
        return NULL;
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(doc);
    if (!parser)
        die_oom();
    error_sink sink = {0};
    xmlSchemaSetParserStructuredErrors(parser, schema_error, &sink);
    xmlSchemaPtr compiled = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!compiled || sink.seen) {
        if (!sink.seen)
            sink_note(&sink, 0, "无法编译");
        diag_addf(diags, DIAG_ERROR, path, sink.line, NULL, NULL, "%s：%s", label, sink.reason);
        xmlSchemaFree(compiled);
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlsafe_schema *schema = calloc(1, sizeof *schema);
    if (!schema)
        die_oom();
    schema->doc = doc;
    schema->schema = compiled;
    return schema;
}

void xmlsafe_schema_free(xmlsafe_schema *schema)
{
    if (!schema)
        return;
    xmlSchemaFree(schema->schema);
    xmlFreeDoc(schema->doc);
    free(schema);
}

int xmlsafe_validate(xmlDocPtr doc, const xmlsafe_schema *schema, const char *path,
                     const char *label, diag_list *diags)
{
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema->schema);
    if (!validator)
        die_oom();
    error_sink sink = {0};
    xmlSchemaSetValidStructuredErrors(validator, schema_error, &sink);
    int status = xmlSchemaValidateDoc(validator, doc);
    xmlSchemaFreeValidCtxt(validator);
    if (status == 0 && !sink.seen)
        return 0;
    if (!sink.seen)
        sink_note(&sink, 0, "不符合模式");
    diag_addf(diags, DIAG_ERROR, path, sink.line, NULL, NULL, "%s：%s", label, sink.reason);
    return -1;
}
