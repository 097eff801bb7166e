/*
 * template_names.h: every name a template uses, checked when it is loaded: each {name}
 * of its text and attributes, each test=, source=, each= and chart value=, against the
 * table of names (bind.h), inside the rows of the list around it and for the report it
 * is loaded for.  A name in a branch that no month reaches is refused all the same.
 */
#ifndef BULLETIN_TEMPLATE_NAMES_H
#define BULLETIN_TEMPLATE_NAMES_H

#include "model/diag.h"
#include "render/bind.h"

#include <libxml/tree.h>

/* 0, or -1 with one error in diags naming the line ("模板无效：未知的占位符{…}"). */
int template_check_names(xmlDocPtr doc, const char *path, bind_report report,
                         diag_list *diags);

#endif
