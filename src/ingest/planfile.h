/*
 * planfile.h: the plan files of the input folder.  A plan file is an XML document whose
 * root is <plan> in the namespace urn:yq165:plan:1; each serves the year its root names.
 * input/plan-YYYY.xml serve side by side; a single input/plan.xml serves its own year.
 */
#ifndef BULLETIN_PLANFILE_H
#define BULLETIN_PLANFILE_H

#include "model/plan.h"

#include <stdbool.h>

/* Loads and validates the plan at path against the XSD at schema_path.  On success
 * returns 0 and fills *out with strings owned by a; on failure returns -1 and adds to
 * diags an error naming the file, line and reason (the command exits 65). */
int plan_load(const char *path, const char *schema_path, arena *a, plan *out, diag_list *diags);

/* True when the file at path is an XML document whose root element is a plan (by its
 * namespace), whatever its name: such a file is never a submission.  Reads only up to
 * the root's start tag, with no entity, DTD or network access. */
bool planfile_is_plan(const char *path);

/* The year the plan file at path states on its root (year="2016"), or 0 when the file
 * is not a readable plan. */
int planfile_year(const char *path);

/* The plan file that serves year among input_dir's: input_dir/plan-YEAR.xml, else
 * input_dir/plan.xml when its root states that year.  Returns the path (owned by a),
 * or NULL after adding one error to diags that names the file to add (exit 65). */
const char *planfile_for_year(const char *input_dir, int year, arena *a, diag_list *diags);

/* The plan file to check submissions of any year with: input_dir/plan.xml when it
 * exists, else the plan-YYYY.xml of the latest year; NULL (one error added) when none. */
const char *planfile_latest(const char *input_dir, arena *a, diag_list *diags);

#endif
