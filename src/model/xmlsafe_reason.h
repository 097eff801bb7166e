/*
 * xmlsafe_reason.h: libxml2's schema-validation errors said in Chinese, for xmlsafe.c
 * (whose parser errors are said there): the element and attribute by name, the value,
 * and what the schema wanted, so that no English reaches the person who runs the program.
 */
#ifndef BULLETIN_XMLSAFE_REASON_H
#define BULLETIN_XMLSAFE_REASON_H

#include <libxml/xmlerror.h>
#include <stddef.h>

/* The reason of a schema-validation error (domain XML_FROM_SCHEMASV), or of a schema
 * that cannot be read (XML_FROM_SCHEMASP), into out. */
void xmlsafe_schema_reason(const xmlError *e, char *out, size_t capacity);

#endif
