/*
 * run.c: `bulletin run`: ingest the input folder, aggregate the period, lay out and
 * render the bulletin, and write it with summary.json, rejects.csv, the clerk's
 * data-YYYY-MM.xlsx and manifest.json into <output>/YYYY-MM/, all or nothing, under the
 * output folder's lock.
 */
#include "cmd/run.h"

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "cmd/timing.h"

#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "model/digest.h"
#include "render/bulletin.h"
#include "report/databook.h"
#include "report/manifest.h"
#include "report/rejects.h"
#include "report/summary.h"

#include <stdio.h>
#include <stdlib.h>

void month_outputs_init(month_outputs *out)
{
    buffer_init(&out->pdf);
    buffer_init(&out->summary);
    buffer_init(&out->rejects);
    buffer_init(&out->manifest);
    buffer_init(&out->data);
    out->reports_late_or_missing = 0;
}

void month_outputs_free(month_outputs *out)
{
    buffer_free(&out->pdf);
    buffer_free(&out->summary);
    buffer_free(&out->rejects);
    buffer_free(&out->manifest);
    buffer_free(&out->data);
}

int run_render_pdf(session *s, const bulletin_template *t, const bind_scope *scope,
                           buffer *pdf)
{
    fontset *fonts = session_fonts_for_document(s);
    if (!fonts)
        return EXIT_DATAERR;
    diag_list render_diags;
    diag_init(&render_diags, &s->memory);
    int status = bulletin_render(t, fonts, scope, &s->memory, &render_diags, pdf);
    for (size_t i = 0; i < render_diags.items.count; i++) {
        const diagnostic *d = diag_at(&render_diags, i);
        diag_add(d->level == DIAG_ERROR ? &s->setup_diags : &s->store.diags, d->level, d->file,
                 d->line, d->column, d->value, d->reason);
    }
    bool space = status == FONTSET_NO_SPACE;
    if (space)
        diag_add(&s->setup_diags, DIAG_ERROR, s->options.output, 0, NULL, NULL,
                 "磁盘已满或超出文件大小限制，无法写入临时文件；原有输出文件未改动");
    diag_free(&render_diags);
    return status == 0 ? EXIT_OK : space ? EXIT_CANTCREAT : EXIT_DATAERR;
}

/* manifest.json over the other outputs, named as they are in the folder. */
static void write_manifest(session *s, period p, month_outputs *out)
{
    char name[16];
    period_format(p, name);
    manifest_header header = {.version = BULLETIN_VERSION, .subject = name,
                              .plan_path = s->plan_path};
    digest_file(s->plan_path, header.plan_sha256);
    const manifest_output outputs[] = {
        {arena_printf(&s->memory, "bulletin-%s.pdf", name), out->pdf.data, out->pdf.length},
        {"summary.json", out->summary.data, out->summary.length},
        {"rejects.csv", out->rejects.data, out->rejects.length},
        {arena_printf(&s->memory, "data-%s.xlsx", name), out->data.data, out->data.length},
    };
    manifest_write(&out->manifest, &header, &s->store, outputs, sizeof outputs / sizeof outputs[0]);
}

int run_render_month(session *s, const bulletin_template *t, period p, month_outputs *out)
{
    figures f;
    unit_scores scores;
    timeliness reports;
    figures_compute(&f, &s->plan, &s->store, p, &s->memory);
    scores_compute(&scores, &s->plan, &s->store, &f, &s->memory);
    timeliness_compute(&reports, &s->plan, &s->store, p, &s->memory);
    timing_mark("aggregate", NULL);
    if (f.beyond || scores.beyond) {
        diag_add(&s->setup_diags, DIAG_ERROR, s->options.input, 0, NULL, NULL,
                 "汇总或得分超出可精确表示的范围，未生成任何输出（请核对报送文件中的金额）");
        return EXIT_DATAERR;
    }
    out->reports_late_or_missing = reports.late + reports.missing;
    bind_scope scope = {.figures = &f, .scores = &scores, .timeliness = &reports,
                        .plan = &s->plan, .store = &s->store, .today = s->today};
    int status = run_render_pdf(s, t, &scope, &out->pdf);
    timing_mark("render", NULL);
    if (status != EXIT_OK)
        return status;
    summary_write(&out->summary, &f, &scores, &reports, &s->plan, &s->store);
    rejects_write(&out->rejects, &s->store.diags);
    const char *temp = getenv("TMPDIR");
    if (databook_write(&out->data, &f, &scores, &reports, &s->plan, &s->store,
                       temp && temp[0] ? temp : "/tmp") != 0) {
        diag_add(&s->setup_diags, DIAG_ERROR, temp && temp[0] ? temp : "/tmp", 0, NULL, NULL,
                 "无法写入临时文件，未生成数据工作簿；原有输出文件未改动");
        return EXIT_CANTCREAT;
    }
    write_manifest(s, p, out);
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
    batch.checkpoint = session_checkpoint;
    batch.checkpoint_context = s;
    outfile_stage(&batch, arena_printf(&s->memory, "%s/bulletin-%s.pdf", folder, name),
                  out->pdf.data, out->pdf.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/summary.json", folder), out->summary.data,
                  out->summary.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/rejects.csv", folder), out->rejects.data,
                  out->rejects.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/data-%s.xlsx", folder, name), out->data.data,
                  out->data.length);
    outfile_stage(&batch, arena_printf(&s->memory, "%s/manifest.json", folder), out->manifest.data,
                  out->manifest.length);
    if (outfile_commit(&batch) != 0)
        return session_write_failed(s, &batch);
    return EXIT_OK;
}

static int run_month(session *s, period p, long *reports_late_or_missing)
{
    month_outputs out;
    month_outputs_init(&out);
    session_progress(s, 2, 4, "汇总与排版");
    int status = run_render_month(s, s->template, p, &out);
    timing_mark("report", NULL);
    session_progress(s, 3, 4, "写入输出");
    *reports_late_or_missing = out.reports_late_or_missing;
    if (status == EXIT_OK)
        status = write_outputs(s, p, &out);
    timing_mark("write", NULL);
    month_outputs_free(&out);
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
    session_progress(&s, 1, 4, "读取计划与报送文件");
    status = session_load(&s, p);
    long reports_late_or_missing = 0;
    if (status == EXIT_OK)
        status = run_month(&s, p, &reports_late_or_missing);
    session_progress(&s, 4, 4, "完成");
    if (status == EXIT_OK)
        status = session_outcome(&s, p, reports_late_or_missing);
    return session_close(&s, status);
}
