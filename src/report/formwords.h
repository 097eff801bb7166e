/*
 * formwords.h: the wording of the forms (`bulletin forms`) from templates/forms.xml: for
 * each kind, the notes under the table and the lines of the 填报说明 sheet, with
 * placeholders the forms fill in ({office}, {period}, {month}, {months}, {title}, {due},
 * {contact}, {last}).  Policy, like the bulletin's templates: the layout that the reader
 * of submissions must recognise (title, headings) stays with the form's columns.
 */
#ifndef BULLETIN_FORMWORDS_H
#define BULLETIN_FORMWORDS_H

#include "model/arena.h"
#include "model/diag.h"
#include "model/record.h"

#include <stddef.h>

typedef struct forms_lines {
    const char **notes; /* under the 合计 row, as written */
    size_t note_count;
    const char **guide; /* the 填报说明 sheet, numbered 1. 2. … by the form */
    size_t guide_count;
} forms_lines;

typedef struct forms_wording {
    forms_lines kinds[KIND_QUARTERLY + 1]; /* by record_kind */
} forms_wording;

/* Reads the wording at path, validated by the XSD at schema_path, its strings in a.
 * Returns 0, or -1 after adding an error to diags (file and line): unreadable, invalid,
 * a kind missing, or an unknown placeholder. */
int forms_wording_load(forms_wording *out, const char *path, const char *schema_path, arena *a,
                       diag_list *diags);

#endif
