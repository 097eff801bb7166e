/*
 * template_bounds.h: the sizes of a template checked when it is loaded.  template.xsd
 * says that a size is a number; this says that it is a sane one (a page between 50 mm
 * and 1 m, a text area inside the page, type between 4 and 100 points …), so that no
 * template that loads can make libharu fail or the layout loop.
 */
#ifndef BULLETIN_TEMPLATE_BOUNDS_H
#define BULLETIN_TEMPLATE_BOUNDS_H

#include "model/diag.h"

#include <libxml/tree.h>

#define MM (72.0 / 25.4)

/* A length or number as the template writes it ("156mm" or "16"), in points.  False when
 * it is not one. */
bool template_number(const char *text, double *points);

/* Checks every size of the template against its bounds and the page's text area against
 * the page.  0, or -1 with one error in diags naming the line ("模板无效：…"). */
int template_check_bounds(xmlDocPtr doc, const char *path, diag_list *diags);

#endif
