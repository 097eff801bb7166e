/*
 * run.c: `bulletin run`: ingest the input folder, aggregate the period, lay out and
 * render the bulletin, and write it with summary.json and rejects.csv into
 * <output>/YYYY-MM/, all or nothing, under the output folder's lock.
 */
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "cmd/session.h"

#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "ingest/ingest.h"
#include "render/bulletin.h"
#include "report/rejects.h"
#include "report/summary.h"

#include <stdio.h>

/* The outputs of one month, rendered in memory before anything touches the disk. */
typedef struct month_outputs {
    buffer pdf, summary, rejects;
} month_outputs;

/* Everything computed for one month. */
typedef struct month_figures {
    figures figures;
    unit_scores scores;
    timeliness timeliness;
} month_figures;

static void compute_month(session *s, period p, month_figures *m)
{
    figures_compute(&m->figures, &s->plan, &s->store, p, &s->memory);
    scores_compute(&m->scores, &s->plan, &s->store, &m->figures, &s->memory);
    timeliness_compute(&m->timeliness, &s->plan, &s->store, p, &s->memory);
}

static int render_outputs(session *s, const month_figures *m, date today, month_outputs *out)
{
    bind_scope scope = {.figures = &m->figures, .scores = &m->scores,
                        .timeliness = &m->timeliness, .plan = &s->plan, .store = &s->store,
                        .today = today};
    if (bulletin_render(s->template, s->fonts, &scope, &s->memory, &s->store.diags, &out->pdf) != 0)
        return EXIT_DATAERR;
    summary_write(&out->summary, &m->figures, &m->scores, &m->timeliness, &s->plan, &s->store);
    rejects_write(&out->rejects, &s->store.diags);
    return EXIT_OK;
}

static int write_outputs(session *s, period p, month_outputs *out)
{
    char name[16];
    period_format(p, name);
    const char *folder = arena_printf(&s->memory, "%s/%s", s->options.output, name);
    if (session_make_folder(s, folder) != 0)
        return EXIT_CANTCREAT;
    outfile_batch batch;
    outfile_begin(&batch, &s->memory);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/bulletin-%s.pdf", folder, name),
                  out->pdf.data, out->pdf.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/summary.json", folder), out->summary.data,
                  out->summary.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/rejects.csv", folder), out->rejects.data,
                  out->rejects.length);
    if (outfile_commit(&batch) != 0)
        return session_write_failed(s, &batch);
    return EXIT_OK;
}

static int run_month(session *s, period p, date today, month_figures *m)
{
    compute_month(s, p, m);
    month_outputs out;
    buffer_init(&out.pdf);
    buffer_init(&out.summary);
    buffer_init(&out.rejects);
    int status = render_outputs(s, m, today, &out);
    if (status == EXIT_OK)
        status = write_outputs(s, p, &out);
    buffer_free(&out.pdf);
    buffer_free(&out.summary);
    buffer_free(&out.rejects);
    return status;
}

int cmd_run(int argc, char **argv)
{
    session s;
    int status = session_open(&s, argc, argv, "--period");
    if (status != EXIT_OK)
        return session_close(&s, status);
    period p = s.options.has_period ? s.options.period
                                    : period_previous_month((period){s.today / 10000, s.today / 100 % 100, 0});
    status = session_load(&s);
    month_figures m;
    if (status == EXIT_OK)
        status = run_month(&s, p, s.today, &m);
    if (status == EXIT_OK)
        status = session_outcome(&s, p, m.timeliness.late + m.timeliness.missing);
    return session_close(&s, status);
}
