/*
 * xmlsafe_parts.h: what xmlsafe.c shares with the stream reader (xmlsafe_stream.c), and
 * nothing else includes: the sink that keeps a context's first error, the handlers that
 * fill it, and the checks and messages of reading a file.
 */
#ifndef BULLETIN_XMLSAFE_PARTS_H
#define BULLETIN_XMLSAFE_PARTS_H

#include "model/diag.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <stdbool.h>
#include <stddef.h>

#define REASON_CAPACITY 512

/* The first error a context reports; later ones are consequences of it. */
typedef struct error_sink {
    bool seen;
    long line;
    char reason[REASON_CAPACITY];
} error_sink;

struct xmlsafe_schema {
    xmlDocPtr doc; /* kept while the compiled schema lives */
    xmlSchemaPtr schema;
};

void xmlsafe_sink_note(error_sink *sink, long line, const char *reason);

/* Calls xmlsafe_init unless it was called. */
void xmlsafe_ensure_init(void);

/* Catches the parser's errors into sink (ctxt->_private points to it: a structure that
 * begins with an error_sink may stand behind it) and refuses a DOCTYPE. */
void xmlsafe_watch_parser(xmlParserCtxtPtr ctxt, error_sink *sink);
void xmlsafe_watch_validator(xmlSchemaValidCtxtPtr validator, error_sink *sink);

/* The size of the regular file open at fd, at most max_bytes; -1 after an error. */
int xmlsafe_file_size(int fd, const char *path, size_t max_bytes, size_t *size,
                      diag_list *diags);
void xmlsafe_read_failed(const char *path, int error, diag_list *diags);
void xmlsafe_grew(const char *path, diag_list *diags);

#endif
