/*
 * rowcap.h: the cap on a table's rows (<table limit="N">, 500 when the template says
 * nothing): which rows of a long list the bulletin prints.  A county has a few hundred
 * key projects; a list past the cap is cut, and the template says how many more there
 * are and where the full list is.
 */
#ifndef BULLETIN_ROWCAP_H
#define BULLETIN_ROWCAP_H

#include "render/bind.h"

enum { ROWCAP_DEFAULT = 500 };

/* Keeps at most limit of the count rows, in place, and returns how many it kept.  Rows
 * of key projects are chosen major projects first (by the plan's thresholds), then by
 * 年度计划投资 from the highest, ties in list order; rows of any other list are the first
 * limit.  The kept rows stay in their list order, numbered 1, 2, … (序号). */
size_t rowcap_apply(bind_scope *rows, size_t count, size_t limit);

#endif
