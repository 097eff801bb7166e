/*
 * run.c: `bulletin run`: ingest the input folder, aggregate the period, lay out and
 * render the bulletin, and write it with summary.json, rejects.csv and manifest.json
 * into <output>/YYYY-MM/, all or nothing, under the output folder's lock.
 */
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "cmd/session.h"

#include "aggregate/figures.h"
#include "ingest/ingest.h"
#include "render/bulletin.h"
#include "report/manifest.h"
#include "report/rejects.h"
#include "report/summary.h"

#include <stdio.h>

/* The outputs of one month, rendered in memory before anything touches the disk. */
typedef struct month_outputs {
    buffer pdf, summary, rejects, manifest;
} month_outputs;

static int render_outputs(session *s, const figures *f, date today, month_outputs *out)
{
    bind_scope scope = {.figures = f, .plan = &s->plan, .today = today};
    if (bulletin_render(s->template, s->fonts, &scope, &s->memory, &s->store.diags, &out->pdf) != 0)
        return EXIT_DATAERR;
    summary_write(&out->summary, f, &s->plan, &s->store);
    rejects_write(&out->rejects, &s->store.diags);
    return EXIT_OK;
}

/* manifest.json over the other three outputs, named as they are in the folder. */
static void write_manifest(session *s, period p, month_outputs *out)
{
    char name[16];
    period_format(p, name);
    manifest_header header = {.version = BULLETIN_VERSION, .subject = name,
                              .plan_path = s->plan_path};
    manifest_sha256_file(s->plan_path, header.plan_sha256);
    const manifest_output outputs[] = {
        {arena_printf(&s->memory, "bulletin-%s.pdf", name), out->pdf.data, out->pdf.length},
        {"summary.json", out->summary.data, out->summary.length},
        {"rejects.csv", out->rejects.data, out->rejects.length},
    };
    manifest_write(&out->manifest, &header, &s->store, outputs, sizeof outputs / sizeof outputs[0]);
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
    outfile_stage(&batch, arena_printf(&s->memory, "%s/manifest.json", folder), out->manifest.data,
                  out->manifest.length);
    if (outfile_commit(&batch) != 0)
        return session_write_failed(s, &batch);
    return EXIT_OK;
}

static int run_month(session *s, period p, date today)
{
    figures f;
    figures_compute(&f, &s->plan, &s->store, p, &s->memory);
    month_outputs out;
    buffer_init(&out.pdf);
    buffer_init(&out.summary);
    buffer_init(&out.rejects);
    buffer_init(&out.manifest);
    int status = render_outputs(s, &f, today, &out);
    if (status == EXIT_OK) {
        write_manifest(s, p, &out);
        status = write_outputs(s, p, &out);
    }
    buffer_free(&out.pdf);
    buffer_free(&out.summary);
    buffer_free(&out.rejects);
    buffer_free(&out.manifest);
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
    if (status == EXIT_OK)
        status = run_month(&s, p, s.today);
    if (status == EXIT_OK)
        status = session_outcome(&s, p);
    return session_close(&s, status);
}
