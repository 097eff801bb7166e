/*
 * xmlsafe_stream.c: an XML document read by parts (see xmlsafe.h).  libxml2 builds the
 * tree as it does for xmlsafe_parse, reading through us; when a child of the root is
 * about to begin and the root holds enough children, they are validated, handed over and
 * freed.  libxml2 keeps lines past 65535 on text nodes only and takes an element's from
 * its neighbours, so past that line a part ends after a text node, which stays behind
 * (as a copy) for the next part's first node to look back at.
 */
#include "model/xmlsafe.h"

#include "model/digest.h"
#include "model/xmlsafe_parts.h"
#include "model/xmlscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define HEAD_BYTES 4096
#define CHUNK_BYTES (64 * 1024)
#define PART_NODES 128         /* children of the root handed over at a time */
#define PART_NODES_MOST 8192    /* … even where no text node ends them (see decisions.md) */
#define LINE_KEPT 65535         /* libxml2 keeps lines below this in the node itself */

typedef struct stream_state {
    error_sink sink; /* first: the parser's handlers take ctxt->_private for a sink */
    xmlsafe_stream *s;
    int fd;
    size_t size, done; /* the size fstat gave; bytes read */
    int read_error;    /* errno of a failed read, or 0 */
    bool grew;
    digest_state digest;
    xmlscan scan;      /* the bytes given to libxml2, for elements of too many attributes */
    char head[HEAD_BYTES];
    size_t head_length, head_given;
    xmlParserCtxtPtr ctxt;
    startElementNsSAX2Func start_element;
    commentSAXFunc comment;
    processingInstructionSAXFunc instruction;
    cdataBlockSAXFunc cdata;
    xmlSchemaValidCtxtPtr validator;
    error_sink schema_sink;
    arena strings;
    diag_list schema_found;
    size_t part_start; /* bytes read when the part began */
    size_t nodes;     /* children the root holds */
    xmlNodePtr ghost; /* a copy of the last part's last text node, or NULL */
} stream_state;

/* Reads at most capacity bytes, and never more than one past the size fstat gave:
 * 0 at the end, after an error, or when the file grew. */
static size_t read_chunk(stream_state *st, char *buffer, size_t capacity)
{
    if (st->read_error || st->grew)
        return 0;
    size_t want = st->size + 1 - st->done;
    if (want > capacity)
        want = capacity;
    ssize_t n;
    do
        n = read(st->fd, buffer, want);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        st->read_error = errno;
        return 0;
    }
    st->done += (size_t)n;
    if (st->done > st->size) {
        st->grew = true;
        return 0;
    }
    digest_update(&st->digest, buffer, (size_t)n);
    return (size_t)n;
}

/* The n bytes about to be given to libxml2, or -1 (an I/O error to libxml2, after our
 * own error in the sink) when they hold an element of too many attributes. */
static int give(stream_state *st, const char *bytes, size_t n)
{
    if (xmlscan_feed(&st->scan, bytes, n))
        return (int)n;
    xmlsafe_sink_note(&st->sink, st->scan.line, XMLSCAN_REASON);
    return -1;
}

/* libxml2's read callback: the head first, then the file. */
static int io_read(void *context, char *buffer, int length)
{
    stream_state *st = context;
    if (length <= 0 || st->scan.crowded)
        return st->scan.crowded ? -1 : 0;
    if (st->head_given < st->head_length) {
        size_t n = st->head_length - st->head_given;
        if (n > (size_t)length)
            n = (size_t)length;
        memcpy(buffer, st->head + st->head_given, n);
        st->head_given += n;
        return give(st, buffer, n);
    }
    int saved = errno; /* a read's errno is not libxml2's ENOMEM */
    size_t n = read_chunk(st, buffer, (size_t)length);
    errno = saved;
    return give(st, buffer, n);
}

/* xml:id values stay taken after their elements are freed, as in a whole tree (libxml2
 * forgets an ID whose attribute is freed). */
static void keep_ids(xmlNodePtr first)
{
    for (xmlNodePtr top = first; top; top = top->next) {
        xmlNodePtr node = top;
        while (node) {
            if (node->type == XML_ELEMENT_NODE) {
                for (xmlAttrPtr attr = node->properties; attr; attr = attr->next)
                    if (attr->atype == XML_ATTRIBUTE_ID)
                        attr->atype = 0;
                if (node->children) {
                    node = node->children;
                    continue;
                }
            }
            while (node != top && !node->next)
                node = node->parent;
            node = node == top ? NULL : node->next;
        }
    }
}

/* Validates the document (its root holding this part) unless an error was found
 * before, and hands the root over. */
static void hand_over(stream_state *st, xmlDocPtr doc, xmlNodePtr root)
{
    xmlsafe_stream *s = st->s;
    if (st->ghost && root->children)
        root->children->prev = st->ghost;
    if (!st->schema_sink.seen) {
        errno = 0;
        int status = xmlSchemaValidateDoc(st->validator, doc);
        if (errno == ENOMEM)
            die_oom();
        if (status != 0 && !st->schema_sink.seen)
            xmlsafe_sink_note(&st->schema_sink, 0, "不符合模式");
        if (st->schema_sink.seen)
            diag_addf(&st->schema_found, DIAG_ERROR, s->path, st->schema_sink.line, NULL, NULL,
                      "%s：%s", s->schema_label, st->schema_sink.reason);
    }
    s->part(s->context, root, st->schema_sink.seen ? diag_at(&st->schema_found, 0) : NULL);
    if (root->children)
        root->children->prev = NULL;
}

/* A part that has grown past the bound of a big file refuses it. */
static void bound_part(stream_state *st)
{
    size_t most = st->s->part_max_bytes;
    if (!most || st->size <= most || st->done - st->part_start <= most || st->sink.seen)
        return;
    char reason[REASON_CAPACITY];
    snprintf(reason, sizeof reason, "有一段内容超过 %zu MiB 而无法分段读取（大于 %zu MiB 的文件须能逐条读取）",
             most >> 20, most >> 20);
    xmlsafe_sink_note(&st->sink, st->ctxt->input ? st->ctxt->input->line : 0, reason);
}

/* Called before each node is added: hands the root's children over when one of them
 * is about to begin, there are enough of them and the lines of the next ones will not
 * need them.  Returns false when the document is refused: the parser is stopped (its
 * input freed), and the node must not be added. */
static bool before_child(stream_state *st)
{
    xmlParserCtxtPtr ctxt = st->ctxt;
    bound_part(st);
    if (st->sink.seen) { /* nothing after the first error counts */
        xmlStopParser(ctxt);
        return false;
    }
    if (ctxt->nodeNr != 1 || !ctxt->myDoc)
        return true;
    xmlNodePtr root = ctxt->node, last = root ? root->last : NULL;
    st->nodes++;
    if (st->nodes <= PART_NODES || !last)
        return true;
    bool text_last = last->type == XML_TEXT_NODE;
    if (!text_last && ctxt->input->line >= LINE_KEPT && st->nodes <= PART_NODES_MOST)
        return true;
    int saved = errno;
    if (root->line == LINE_KEPT && !root->_private) /* its line is its first child's */
        root->_private = (void *)(intptr_t)xmlGetLineNo(root);
    hand_over(st, ctxt->myDoc, root);
    xmlNodePtr ghost = NULL;
    if (text_last || last->line < LINE_KEPT) {
        ghost = xmlNewText((const xmlChar *)"");
        ghost->line = last->line;
        ghost->psvi = text_last ? last->psvi : NULL;
    }
    xmlFreeNode(st->ghost);
    st->ghost = ghost;
    xmlNodePtr first = root->children;
    if (ctxt->myDoc->ids)
        keep_ids(first);
    root->children = root->last = NULL;
    xmlFreeNodeList(first);
    st->nodes = 1;
    st->part_start = st->done;
    errno = saved;
    return true;
}

static void start_element(void *user, const xmlChar *name, const xmlChar *prefix,
                          const xmlChar *uri, int namespaces_count, const xmlChar **namespaces,
                          int attributes_count, int defaulted_count, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = user;
    stream_state *st = ctxt->_private;
    if (before_child(st))
        st->start_element(user, name, prefix, uri, namespaces_count, namespaces,
                          attributes_count, defaulted_count, attributes);
}

static void comment(void *user, const xmlChar *value)
{
    xmlParserCtxtPtr ctxt = user;
    stream_state *st = ctxt->_private;
    if (before_child(st))
        st->comment(user, value);
}

static void instruction(void *user, const xmlChar *target, const xmlChar *data)
{
    xmlParserCtxtPtr ctxt = user;
    stream_state *st = ctxt->_private;
    if (before_child(st))
        st->instruction(user, target, data);
}

static void cdata(void *user, const xmlChar *value, int length)
{
    xmlParserCtxtPtr ctxt = user;
    stream_state *st = ctxt->_private;
    if (before_child(st))
        st->cdata(user, value, length);
}

/* Parses what the stream reads; returns the document, or NULL after a parse error. */
static xmlDocPtr parse(stream_state *st, const char *encoding)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        die_oom();
    st->ctxt = ctxt;
    xmlsafe_watch_parser(ctxt, &st->sink);
    xmlSAXHandlerPtr sax = ctxt->sax;
    st->start_element = sax->startElementNs;
    st->comment = sax->comment;
    st->instruction = sax->processingInstruction;
    st->cdata = sax->cdataBlock;
    sax->startElementNs = start_element;
    sax->comment = comment;
    sax->processingInstruction = instruction;
    sax->cdataBlock = cdata;
    errno = 0;
    /* libxml2 given the whole document converts it whole before it reads the declaration,
     * so the encoding the caller chose holds to the end; read by chunks, the declaration
     * would switch the rest to the one it names */
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | (encoding ? XML_PARSE_IGNORE_ENC : 0);
    xmlDocPtr doc = xmlCtxtReadIO(ctxt, io_read, NULL, st, st->s->path, encoding, options);
    xmlFreeParserCtxt(ctxt);
    if (errno == ENOMEM)
        die_oom(); /* libxml2 drops some values silently when an allocation fails */
    return doc;
}

int xmlsafe_stream_read(int fd, xmlsafe_stream *s, diag_list *diags)
{
    xmlsafe_ensure_init();
    s->hashed = false;
    stream_state *st = die_malloc(sizeof *st);
    memset(st, 0, sizeof *st);
    st->s = s;
    st->fd = fd;
    if (xmlsafe_file_size(fd, s->path, s->max_bytes, &st->size, diags) != 0) {
        free(st);
        return -1;
    }
    digest_begin(&st->digest);
    xmlscan_begin(&st->scan);
    size_t n;
    while (st->head_length < HEAD_BYTES &&
           (n = read_chunk(st, st->head + st->head_length, HEAD_BYTES - st->head_length)) > 0)
        st->head_length += n;
    xmlDocPtr doc = NULL;
    diag_init(&st->schema_found, &st->strings);
    st->validator = xmlSchemaNewValidCtxt(s->schema->schema);
    if (!st->validator)
        die_oom();
    xmlsafe_watch_validator(st->validator, &st->schema_sink);
    if (!st->read_error && !st->grew)
        doc = parse(st, s->encoding(s->context, st->head, st->head_length));
    char *rest = die_malloc(CHUNK_BYTES);
    while (read_chunk(st, rest, CHUNK_BYTES) > 0)
        continue;
    free(rest);
    int status = -1;
    if (st->read_error) {
        xmlsafe_read_failed(s->path, st->read_error, diags);
    } else if (st->grew) {
        xmlsafe_grew(s->path, diags);
    } else {
        digest_end(&st->digest, s->sha256);
        s->hashed = true;
        error_sink *sink = &st->sink;
        if (doc && (doc->intSubset || doc->extSubset))
            xmlsafe_sink_note(sink, 0, "不允许文档类型声明（<!DOCTYPE>），以免读取外部实体");
        if (!sink->seen && (!doc || !xmlDocGetRootElement(doc)))
            xmlsafe_sink_note(sink, 0, "不是格式正确的 XML 文档");
        if (sink->seen) {
            diag_addf(diags, DIAG_ERROR, s->path, sink->line, NULL, NULL, "%s：%s",
                      s->parse_label, sink->reason);
        } else {
            hand_over(st, doc, xmlDocGetRootElement(doc));
            status = 0;
        }
    }
    xmlFreeDoc(doc);
    xmlFreeNode(st->ghost);
    xmlSchemaFreeValidCtxt(st->validator);
    diag_free(&st->schema_found);
    arena_free(&st->strings);
    free(st);
    return status;
}
