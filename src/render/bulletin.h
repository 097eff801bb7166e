/*
 * bulletin.h: the monthly bulletin: reads the template (templates/monthly.xml), binds
 * it to the period's figures, lays it out (masthead, sections, tables, page numbers) and
 * renders the PDF.  All wording, order of sections, sizes and fonts come from the
 * template and the font set; this module only knows how to set them.
 */
#ifndef BULLETIN_BULLETIN_H
#define BULLETIN_BULLETIN_H

#include "render/bind.h"
#include "render/fontset.h"

typedef struct bulletin_template bulletin_template;

/* Loads and checks the template at path for the report (REPORT_MONTHLY …): its schema,
 * its sizes (template_bounds.h) and every name it uses (template_names.h).  NULL with an
 * error in diags when it is not valid (the command exits 65). */
bulletin_template *bulletin_template_load(const char *path, const char *schema_path,
                                          bind_report report, arena *a, diag_list *diags);
void bulletin_template_free(bulletin_template *t);

/* Lays out and renders the bulletin into out (PDF bytes).  0 on success; -1 with an
 * error in diags (an unknown placeholder, a font failure);
 * CANVAS_TOO_LONG (with an error) past libharu's page limit; CANVAS_PDF_ERROR (with its
 * code) when libharu reports an error. */
int bulletin_render(const bulletin_template *t, fontset *fonts, const bind_scope *scope,
                    arena *memory, diag_list *diags, buffer *out);

#endif
