/*
 * forms.h: the forms an office fills in for a period (`bulletin forms`), as .xlsx made
 * with libxlsxwriter in the 样表 layout that the reader of submissions understands
 * (inputs.md §2.3): 附件 number, title, 填报单位, 填报日期, 报告期, 单位：万元, a header of
 * one or two rows, 序号, a 合计 row of SUM formulas, the notes; pre-filled with what the
 * office reported last, drop-down lists and number checks on the cells to fill, every
 * other cell locked; a second sheet, 填报说明, says how to fill the form in and send it
 * (the notes and those lines are templates/forms.xml's).
 * The same request gives the same bytes.
 */
#ifndef BULLETIN_FORMS_H
#define BULLETIN_FORMS_H

#include "model/arena.h"
#include "model/buffer.h"
#include "model/plan.h"
#include "model/record.h"
#include "report/formwords.h"

#include <stddef.h>

typedef struct form_request {
    const plan *plan;
    int office;       /* index into the plan's offices */
    record_kind kind; /* projects (附件2), progress (附件4), assessment or quarterly */
    period period;    /* the month the form is for (a quarter for quarterly items) */
    date due;         /* when it is due */
    const forms_wording *wording; /* the notes and 填报说明 lines (templates/forms.xml) */
    /* what the office sent last, for a month before this one: its accepted records of
     * the kind (project_record for projects, progress_record for progress; none for the
     * other kinds) in the order sent, and that month (year 0: nothing) */
    const void *const *rows;
    size_t row_count;
    period last;
} form_request;

/* The form's file name: "<office>-附件2-2015-10.xlsx" (附件4, 考核数据, 季度工作情况),
 * in a. */
const char *forms_file_name(const form_request *r, arena *a);

/* Writes the form into out.  temp_dir: where libxlsxwriter's scratch files go.  Returns
 * 0, or -1 when the scratch file could not be written (out is then empty). */
int forms_write(buffer *out, const form_request *r, const char *temp_dir);

#endif
