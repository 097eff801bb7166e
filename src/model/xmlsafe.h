/*
 * xmlsafe.h: the one way this program reads XML (the plan and XML submissions): bytes
 * read by us with a size bound, parsed by libxml2 without entities, DTDs, network or
 * DOCTYPE, errors caught per context and turned into one Chinese diagnostic, documents
 * validated against an XSD that is loaded once.
 */
#ifndef BULLETIN_XMLSAFE_H
#define BULLETIN_XMLSAFE_H

#include "model/arena.h"
#include "model/diag.h"

#include <libxml/tree.h>

#include <stddef.h>

/* Sets libxml2 up so that no document can make it load anything: an external entity
 * loader that refuses every URL, no entity substitution, no external DTD, and libxml2's
 * own error printing silenced (every context of this module has its own handler).
 * Call once at start-up; calling it again is harmless.  The functions below call it
 * themselves when they find it was not called. */
void xmlsafe_init(void);

/* Reads the regular file at path whole into memory owned by a, NUL-terminated, and sets
 * *bytes and *length.  Returns 0, or -1 after adding an error to diags when the file
 * cannot be opened or read, is not a regular file, or is larger than max_bytes. */
/* As xmlsafe_read_file, from a descriptor open for reading (path names it in
 * messages); the descriptor stays open.  A file that grows while it is read is refused. */
int xmlsafe_read_fd(int fd, const char *path, size_t max_bytes, arena *a, char **bytes,
                    size_t *length, diag_list *diags);
int xmlsafe_read_file(const char *path, size_t max_bytes, arena *a, char **bytes,
                      size_t *length, diag_list *diags);

/* Parses length bytes as an XML document (any encoding libxml2 detects; options
 * XML_PARSE_NONET | XML_PARSE_BIG_LINES only).  A DOCTYPE stops the parse where it
 * stands, before anything it declares is read.  Returns the document, which the caller
 * frees with xmlFreeDoc, or NULL after adding one error `path:line: <label>：<reason>`
 * (the reason is libxml2's first error message, or ours for a DOCTYPE).  label names
 * what is invalid, e.g. "计划文件无效". */
xmlDocPtr xmlsafe_parse(const char *bytes, size_t length, const char *path, const char *label,
                        diag_list *diags);

/* As xmlsafe_parse, but reads the bytes in the named encoding (an iconv name such as
 * "GB18030") whatever the document declares; NULL: as declared or detected. */
xmlDocPtr xmlsafe_parse_encoded(const char *bytes, size_t length, const char *encoding,
                                const char *path, const char *label, diag_list *diags);

/* A compiled XSD with the document it was compiled from. */
typedef struct xmlsafe_schema xmlsafe_schema;

/* Reads (through xmlsafe_read_file, with a of the bytes), parses and compiles the XSD
 * at path; it may not include or import other files.  Returns the schema, which the
 * caller frees with xmlsafe_schema_free, or NULL after adding one error. */
xmlsafe_schema *xmlsafe_schema_load(const char *path, arena *a, diag_list *diags);
void xmlsafe_schema_free(xmlsafe_schema *schema);

/* Validates doc against schema.  Returns 0 when it is valid, else -1 after adding one
 * error `path:line: <label>：<libxml2's first message>` with the line of the offending
 * element. */
int xmlsafe_validate(xmlDocPtr doc, const xmlsafe_schema *schema, const char *path,
                     const char *label, diag_list *diags);

/* The line of node: libxml2's (xmlGetLineNo), or the one a stream fixed for it while
 * the nodes that libxml2 would have looked at for it were still there. */
long xmlsafe_line(const xmlNode *node);

/* A document read from a descriptor by parts, so that memory does not grow with the
 * file: libxml2 parses it as xmlsafe_parse does (the same options, limits and messages)
 * while it is read in chunks and hashed; every 128 children of the root, the
 * root element (with its attributes) holding just those children is validated against
 * the schema and handed over, then the children are freed.  Lines are those of the whole
 * document.  Validating parts is validating the document for a schema whose root has
 * repeated choices and no identity constraints (submission.xsd). */
typedef struct xmlsafe_stream {
    /* set by the caller */
    const char *path;
    size_t max_bytes;
    /* in a file larger than this, a part that spans more bytes refuses it (0: none) */
    size_t part_max_bytes;
    const xmlsafe_schema *schema;
    const char *parse_label, *schema_label;
    void *context;
    /* The encoding to read the document in (an iconv name, or NULL: as declared or
     * detected), from its first bytes (at least 256 of them, or the whole file). */
    const char *(*encoding)(void *context, const char *head, size_t length);
    /* Takes the root holding the next part of its children in document order.
     * schema_error: the document's first schema error, in a part it was found in or
     * one before (then the part was not validated), or NULL. */
    void (*part)(void *context, xmlNodePtr root, const diagnostic *schema_error);
    /* set by xmlsafe_stream_read */
    bool hashed;                  /* the file was read whole: sha256 holds its hash */
    unsigned char sha256[32];
} xmlsafe_stream;

/* Reads the file open at fd (it stays open) as s says.  Returns 0 when it is a
 * well-formed document (every part handed over, the last with what follows the root),
 * else -1 after adding one error to diags, as xmlsafe_read_fd and xmlsafe_parse do:
 * the parts handed over before do not count then. */
int xmlsafe_stream_read(int fd, xmlsafe_stream *s, diag_list *diags);

#endif
