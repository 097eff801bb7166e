/*
 * forms.c: `bulletin forms`: the forms every office owes for a period (by default the
 * month of today), as the plan says (timeliness.h): 附件2 and 附件4 for each working
 * group, the assessment and quarterly items in a quarter's last month, worded by
 * templates/forms.xml.  Each is pre-filled with what the office sent last for an
 * earlier month of the year, and the set is written into <output>/forms/YYYY-MM/, all
 * or nothing, under the output folder's lock.
 */
#include "cmd/cmd.h"
#include "cmd/session.h"

#include "aggregate/timeliness.h"
#include "report/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool month_before(period a, period b)
{
    return a.year < b.year || (a.year == b.year && a.month < b.month);
}

/* What the choice of rows needs of a record. */
typedef struct sent_row {
    record_fate fate;
    int file;
    period month;
} sent_row;

static sent_row project_sent(const vec *records, size_t i)
{
    const project_record *p = vec_at(records, i);
    return (sent_row){p->fate, p->origin.file, p->period};
}

static sent_row progress_sent(const vec *records, size_t i)
{
    const progress_record *g = vec_at(records, i);
    return (sent_row){g->fate, g->origin.file, g->period};
}

/* Whether a record may fill the office's form for month p: accepted, of a file of the
 * office, for a month before p. */
static bool earlier_of_office(const session *s, sent_row row, int office, period p)
{
    return row.fate == FATE_ACCEPTED && !row.month.quarter &&
           store_file(&s->store, row.file)->office_index == office && month_before(row.month, p);
}

/* The records the office sent for the latest month before the form's that it sent any
 * for, in store order, into r. */
static void last_sent(session *s, const vec *records, sent_row (*of)(const vec *, size_t),
                      form_request *r)
{
    for (size_t i = 0; i < records->count; i++) {
        sent_row row = of(records, i);
        if (earlier_of_office(s, row, r->office, r->period) && month_before(r->last, row.month))
            r->last = row.month;
    }
    const void **chosen = arena_alloc(&s->memory, (records->count + 1) * sizeof *chosen);
    for (size_t i = 0; i < records->count; i++) {
        sent_row row = of(records, i);
        if (earlier_of_office(s, row, r->office, r->period) && period_equal(row.month, r->last))
            chosen[r->row_count++] = vec_at(records, i);
    }
    r->rows = chosen;
}

static int write_forms(session *s, period p)
{
    forms_wording wording;
    const char *datadir = options_datadir();
    if (forms_wording_load(&wording, arena_printf(&s->memory, "%s/templates/forms.xml", datadir),
                           arena_printf(&s->memory, "%s/templates/forms.xsd", datadir),
                           &s->memory, &s->setup_diags) != 0)
        return EXIT_DATAERR;
    timeliness owed;
    timeliness_compute(&owed, &s->plan, &s->store, p, &s->memory);
    const char *parent = arena_printf(&s->memory, "%s/forms", s->options.output);
    if (session_make_folder(s, parent) != 0)
        return EXIT_CANTCREAT;
    char name[16];
    outset set;
    outset_begin(&set, &s->memory, parent, period_format(p, name));
    set.checkpoint = session_checkpoint;
    set.checkpoint_context = s;
    const char *temp = getenv("TMPDIR");
    temp = temp && temp[0] ? temp : "/tmp";
    int status = EXIT_OK;
    for (size_t i = 0; i < owed.count && status == EXIT_OK; i++) {
        const submission_check *c = &owed.checks[i];
        form_request r = {.plan = &s->plan, .office = c->office, .kind = c->kind,
                          .period = c->period, .due = c->due, .wording = &wording};
        if (c->kind == KIND_PROJECTS)
            last_sent(s, &s->store.projects, project_sent, &r);
        else if (c->kind == KIND_PROGRESS)
            last_sent(s, &s->store.progress, progress_sent, &r);
        buffer *bytes = outset_add(&set, forms_file_name(&r, &s->memory));
        if (forms_write(bytes, &r, temp) != 0) {
            diag_add(&s->setup_diags, DIAG_ERROR, temp, 0, NULL, NULL,
                     "无法写入临时文件，未生成报表；原有输出文件未改动");
            status = EXIT_CANTCREAT;
        }
    }
    if (status == EXIT_OK && outset_commit(&set, OUTSET_REPLACE) != 0)
        status = session_write_failed(s, &set);
    if (status == EXIT_OK)
        printf("%s 的报表 %zu 份已写入 %s/%s/\n", name, owed.count, parent, name);
    outset_end(&set);
    return status;
}

int cmd_forms(int argc, char **argv)
{
    session s;
    int status = session_open_reader(&s, argc, argv, "--period");
    if (status == EXIT_OK && (s.options.format || s.options.template)) {
        fprintf(stderr, "bulletin: forms 不接受 %s（bulletin --help 查看用法）\n",
                s.options.format ? "--format" : "--template");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK)
        status = session_lock(&s);
    if (status != EXIT_OK)
        return session_close(&s, status);
    period p = session_period_or_this_month(&s);
    status = session_load(&s, p);
    if (status == EXIT_OK)
        status = write_forms(&s, p);
    return session_close(&s, status);
}
