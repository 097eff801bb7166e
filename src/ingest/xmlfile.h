/*
 * xmlfile.h: an XML submission (inputs.md §2.4) read through the safe XML module and
 * validated against schemas/submission.xsd, then handed to the record builder: the root's
 * attributes are the file's metadata, each record element a row of named cells.
 */
#ifndef BULLETIN_XMLFILE_H
#define BULLETIN_XMLFILE_H

#include "ingest/builder.h"
#include "model/xmlsafe.h"

#include <stdbool.h>

/* The largest XML submission read, in bytes; one larger than XMLFILE_WHOLE_BYTES is read
 * only while no part of it (a record, or a run of them that cannot be cut) spans more. */
#define XMLFILE_MAX_BYTES (1024 * 1024 * 1024)
#define XMLFILE_WHOLE_BYTES (32 * 1024 * 1024)

/* Loads <data_dir>/schemas/submission.xsd; returns NULL after adding an error to diags.
 * The caller frees the schema with xmlsafe_schema_free; a holds the schema's bytes and
 * must live as long. */
xmlsafe_schema *xmlfile_load_schema(const char *data_dir, arena *a, diag_list *diags);

/* Reads the XML file open at fd (shown as b's path) whole into b.  Fills the store
 * file's encoding and the SHA-256 of the bytes parsed.
 * Returns false when the file could not be read or parsed (nothing counts), true
 * otherwise; a file that breaks the schema is rejected whole with its records counted.
 * Pass the result to builder_end. */
bool xmlfile_read(builder *b, int fd, const xmlsafe_schema *schema);

#endif
