/*
 * xmlsafe.c: safe XML reading for the plan loader and the XML submission reader (see
 * xmlsafe.h).  libxml2 never opens a file or a URL here: we read the bytes, it parses
 * them from memory with a loader that refuses everything, and its errors are caught by
 * a handler of each context and become one diagnostic.
 */
#include "model/xmlsafe.h"
#include "model/xmlsafe_parts.h"

#include "model/syserror.h"
#include "model/xmlsafe_reason.h"
#include "model/xmlscan.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCHEMA_MAX_BYTES (1024 * 1024)

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

void xmlsafe_sink_note(error_sink *sink, long line, const char *reason)
{
    if (sink->seen)
        return;
    sink->seen = true;
    sink->line = line;
    copy_message(sink->reason, sizeof sink->reason, reason);
}

static const char *or_empty(const char *text)
{
    return text ? text : "";
}

/* A parser error in Chinese: the common ones by name, the rest by libxml2's number, so
 * that no English reaches the person who runs the program. */
static void parser_reason(const xmlError *e, char *out, size_t capacity)
{
    const char *s1 = or_empty(e->str1), *s2 = or_empty(e->str2);
    if (e->message && (strstr(e->message, "XML_PARSE_HUGE") || strstr(e->message, "Huge input lookup") ||
                       strstr(e->message, "huge text node"))) {
        snprintf(out, capacity, "文本、名称或嵌套超过了解析的上限");
        return;
    }
    switch (e->code) {
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
        snprintf(out, capacity, "找不到根元素（文档应以“<”开始的标签开头）");
        break;
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
        snprintf(out, capacity, "根元素结束之后还有多余的内容");
        break;
    case XML_ERR_TAG_NAME_MISMATCH:
        snprintf(out, capacity, "开始标签<%s>（第%d行）与结束标签</%s>不匹配", s1, e->int1, s2);
        break;
    case XML_ERR_TAG_NOT_FINISHED:
        snprintf(out, capacity, "标签<%s>到文件末尾仍未闭合", s1);
        break;
    case XML_ERR_GT_REQUIRED:
        snprintf(out, capacity, "标签缺少结尾的“>”");
        break;
    case XML_ERR_LTSLASH_REQUIRED:
        snprintf(out, capacity, "缺少结束标签");
        break;
    case XML_ERR_NAME_REQUIRED:
        snprintf(out, capacity, "元素名或属性名有误");
        break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
        snprintf(out, capacity, "属性“%s”重复出现", s1);
        break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        snprintf(out, capacity, "属性缺少用引号括起的值");
        break;
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_STRING_NOT_CLOSED:
    case XML_ERR_STRING_NOT_STARTED:
        snprintf(out, capacity, "属性值的引号没有闭合");
        break;
    case XML_ERR_EQUAL_REQUIRED:
        snprintf(out, capacity, "属性名之后缺少“=”");
        break;
    case XML_ERR_LT_IN_ATTRIBUTE:
        snprintf(out, capacity, "属性值中不能出现“<”");
        break;
    case XML_ERR_SPACE_REQUIRED:
        snprintf(out, capacity, "属性之间缺少空格");
        break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        snprintf(out, capacity, "引用了未声明的实体“%s”", s1);
        break;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        snprintf(out, capacity, "实体引用缺少结尾的“;”（“&”应写作“&amp;”）");
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
        snprintf(out, capacity, "含有 XML 不允许的字符");
        break;
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
        snprintf(out, capacity, "字节不符合声明的编码，或编码不受支持");
        break;
    case XML_ERR_COMMENT_NOT_FINISHED:
        snprintf(out, capacity, "注释没有结束（缺少“-->”）");
        break;
    case XML_ERR_NOT_WELL_BALANCED:
        snprintf(out, capacity, "标签没有正确嵌套或闭合");
        break;
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
        snprintf(out, capacity, "元素<%s>的命名空间前缀“%s”没有声明", s2, s1);
        break;
    default:
        snprintf(out, capacity, "XML 格式错误（libxml2 错误码 %d）", e->code);
    }
}

static void sink_error(error_sink *sink, const xmlError *error)
{
    /* libxml2 allocates through die_malloc: what it calls out of memory is a text node
     * past its limit, or what follows an error already seen */
    bool limit = error->message && strstr(error->message, "huge text node");
    if (error->code == XML_ERR_NO_MEMORY && !limit && !sink->seen)
        die_oom();
    if (error->level < XML_ERR_ERROR)
        return;
    if (error->domain == XML_FROM_PARSER || error->domain == XML_FROM_IO ||
        error->domain == XML_FROM_I18N || error->domain == XML_FROM_NAMESPACE) {
        char reason[REASON_CAPACITY];
        parser_reason(error, reason, sizeof reason);
        xmlsafe_sink_note(sink, error->line, reason);
        return;
    }
    long line = error->line;
    char reason[REASON_CAPACITY];
    if (error->domain == XML_FROM_SCHEMASV || error->domain == XML_FROM_SCHEMASP) {
        long node_line = error->node ? xmlsafe_line(error->node) : 0;
        if (node_line > 0)
            line = node_line;
        xmlsafe_schema_reason(error, reason, sizeof reason);
    } else {
        snprintf(reason, sizeof reason, "XML 处理错误（libxml2 错误域 %d，错误码 %d）",
                 error->domain, error->code);
    }
    xmlsafe_sink_note(sink, line, reason);
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
    xmlsafe_sink_note(ctxt->_private, line, "不允许文档类型声明（<!DOCTYPE>），以免读取外部实体");
    xmlStopParser(ctxt);
}

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    if (is_our_context(ctxt)) {
        char reason[REASON_CAPACITY];
        snprintf(reason, sizeof reason, "不允许读取外部资源“%s”", url ? url : "");
        xmlsafe_sink_note(ctxt->_private, ctxt->input ? ctxt->input->line : 0, reason);
    }
    return NULL;
}

void xmlsafe_watch_parser(xmlParserCtxtPtr ctxt, error_sink *sink)
{
    ctxt->_private = sink;
    ctxt->sax->serror = parser_error;
    ctxt->sax->internalSubset = refuse_doctype;
}

void xmlsafe_watch_validator(xmlSchemaValidCtxtPtr validator, error_sink *sink)
{
    xmlSchemaSetValidStructuredErrors(validator, schema_error, sink);
}

static void drop_generic(void *user, const char *format, ...)
{
    (void)user, (void)format;
}

void xmlsafe_init(void)
{
    xmlMemSetup(free, die_malloc, die_realloc, die_strdup); /* before libxml2 allocates */
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_entity);
    xmlThrDefSubstituteEntitiesDefaultValue(0);
    xmlThrDefLoadExtDtdDefaultValue(0);
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;
    xmlThrDefSetGenericErrorFunc(NULL, drop_generic);
    xmlSetGenericErrorFunc(NULL, drop_generic);
}

long xmlsafe_line(const xmlNode *node)
{
    return node->_private ? (long)(intptr_t)node->_private : xmlGetLineNo(node);
}

void xmlsafe_ensure_init(void)
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
        return system_error_text(error);
    }
}

int xmlsafe_file_size(int fd, const char *path, size_t max_bytes, size_t *size,
                      diag_list *diags)
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
    *size = (size_t)st.st_size;
    return 0;
}

void xmlsafe_read_failed(const char *path, int error, diag_list *diags)
{
    diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "读取文件失败：%s", system_error_text(error));
}

void xmlsafe_grew(const char *path, diag_list *diags)
{
    diag_add(diags, DIAG_ERROR, path, 0, NULL, NULL, "文件在读取过程中被改动（变大了），未读入");
}

int xmlsafe_read_fd(int fd, const char *path, size_t max_bytes, arena *a, char **bytes,
                    size_t *length, diag_list *diags)
{
    size_t size, done = 0;
    if (xmlsafe_file_size(fd, path, max_bytes, &size, diags) != 0)
        return -1;
    /* one byte more than the size: a file that grew since fstat is told, not cut */
    char *buffer = arena_alloc(a, size + 2);
    while (done < size + 1) {
        ssize_t n = read(fd, buffer + done, size + 1 - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            xmlsafe_read_failed(path, errno, diags);
            return -1;
        }
        if (n == 0)
            break; /* the file shrank while we read it: keep what there is */
        done += (size_t)n;
    }
    if (done > size) {
        xmlsafe_grew(path, diags);
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
    if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM))
        die_exhausted(errno); /* not the file's fault */
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
    xmlsafe_ensure_init();
    if (length > INT_MAX) {
        diag_addf(diags, DIAG_ERROR, path, 0, NULL, NULL, "%s：文件过大", label);
        return NULL;
    }
    xmlscan scan;
    xmlscan_begin(&scan);
    if (!xmlscan_feed(&scan, bytes, length)) {
        diag_addf(diags, DIAG_ERROR, path, scan.line, NULL, NULL, "%s：%s", label, XMLSCAN_REASON);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        die_oom();
    error_sink sink = {0};
    xmlsafe_watch_parser(ctxt, &sink);
    errno = 0;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)length, path, encoding,
                                      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlFreeParserCtxt(ctxt);
    if (errno == ENOMEM)
        die_oom(); /* libxml2 drops some values silently when an allocation fails */
    if (doc && (doc->intSubset || doc->extSubset))
        xmlsafe_sink_note(&sink, 0, "不允许文档类型声明（<!DOCTYPE>），以免读取外部实体");
    if (!sink.seen && (!doc || !xmlDocGetRootElement(doc)))
        xmlsafe_sink_note(&sink, 0, "不是格式正确的 XML 文档");
    if (sink.seen) {
        xmlFreeDoc(doc);
        diag_addf(diags, DIAG_ERROR, path, sink.line, NULL, NULL, "%s：%s", label, sink.reason);
        return NULL;
    }
    return doc;
}

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
    errno = 0;
    xmlSchemaPtr compiled = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (errno == ENOMEM)
        die_oom();
    if (!compiled || sink.seen) {
        if (!sink.seen)
            xmlsafe_sink_note(&sink, 0, "无法编译");
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
    xmlsafe_watch_validator(validator, &sink);
    errno = 0;
    int status = xmlSchemaValidateDoc(validator, doc);
    xmlSchemaFreeValidCtxt(validator);
    if (errno == ENOMEM)
        die_oom();
    if (status == 0 && !sink.seen)
        return 0;
    if (!sink.seen)
        xmlsafe_sink_note(&sink, 0, "不符合模式");
    diag_addf(diags, DIAG_ERROR, path, sink.line, NULL, NULL, "%s：%s", label, sink.reason);
    return -1;
}
