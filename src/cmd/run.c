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
#include "render/canvas.h"
#include "report/databook.h"
#include "report/manifest.h"
#include "report/rejects.h"
#include "report/summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void month_outputs_init(month_outputs *out, session *s, period p)
{
    char name[16];
    period_format(p, name);
    outset_begin(&out->files, &s->memory, s->options.output, name);
    out->pdf = outset_add(&out->files, arena_printf(&s->memory, "bulletin-%s.pdf", name));
    out->summary = outset_add(&out->files, "summary.json");
    out->rejects = outset_add(&out->files, "rejects.csv");
    out->data = outset_add(&out->files, arena_printf(&s->memory, "data-%s.xlsx", name));
    out->manifest = outset_add(&out->files, "manifest.json");
    out->reports_late_or_missing = 0;
}

void month_outputs_free(month_outputs *out)
{
    outset_end(&out->files);
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
        const char *file = d->file[0] || d->level != DIAG_ERROR ? d->file : s->options.output;
        diag_add(d->level == DIAG_ERROR ? &s->setup_diags : &s->store.diags, d->level, file,
                 d->line, d->column, d->value, d->reason); /* the document's own: its folder */
    }
    diag_free(&render_diags);
    if (status == CANVAS_TOO_LONG || status == CANVAS_PDF_ERROR)
        return EXIT_CANTCREAT; /* the data and template are valid; the PDF cannot be made */
    return status == 0 ? EXIT_OK : EXIT_DATAERR;
}

/* manifest.json over the set's other files, named as they are in the folder.  A file
 * written by its maker into the staging folder is read back to be hashed. */
static int write_manifest(session *s, period p, month_outputs *out)
{
    char name[16];
    period_format(p, name);
    manifest_header header = {.version = BULLETIN_VERSION, .subject = name,
                              .plan_path = s->plan_path};
    digest_file(s->plan_path, header.plan_sha256);
    const vec *files = &out->files.files;
    manifest_output *outputs = arena_alloc(&s->memory, files->count * sizeof *outputs);
    size_t count = 0;
    for (size_t i = 0; i < files->count; i++) {
        outset_file *file = *(outset_file **)vec_at(files, i);
        if (&file->bytes == out->manifest)
            continue;
        if (file->on_disk && outfile_read_whole(arena_printf(&s->memory, "%s/%s",
                                                             out->files.staging, file->name),
                                                OUTFILE_READ_LIMIT, &file->bytes) != 0)
            return session_cannot_write(s, file->name, errno);
        outputs[count++] = (manifest_output){file->name, file->bytes.data, file->bytes.length};
    }
    manifest_write(out->manifest, &header, &s->store, outputs, count);
    return EXIT_OK;
}

int run_check_beyond(session *s, bool beyond)
{
    if (!beyond)
        return EXIT_OK;
    diag_add(&s->setup_diags, DIAG_ERROR, s->options.input, 0, NULL, NULL,
             "汇总或得分超出可精确表示的范围，未生成任何输出（请核对报送文件中的金额）");
    return EXIT_DATAERR;
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
    if (run_check_beyond(s, f.beyond || scores.beyond) != EXIT_OK)
        return EXIT_DATAERR;
    out->reports_late_or_missing = reports.late + reports.missing;
    bind_scope scope = {.figures = &f, .scores = &scores, .timeliness = &reports,
                        .plan = &s->plan, .store = &s->store, .today = s->today};
    int status = run_render_pdf(s, t, &scope, out->pdf);
    timing_mark("render", NULL);
    if (status != EXIT_OK)
        return status;
    summary_write(out->summary, &f, &scores, &reports, &s->plan, &s->store);
    rejects_write(out->rejects, &s->store.diags);
    const char *temp = getenv("TMPDIR");
    errno = 0;
    if (databook_write(out->data, &f, &scores, &reports, &s->plan, &s->store,
                       temp && temp[0] ? temp : "/tmp") != 0) {
        bool full = errno == ENOSPC || errno == EFBIG || errno == EDQUOT;
        diag_add(&s->setup_diags, DIAG_ERROR, temp && temp[0] ? temp : "/tmp", 0, NULL, NULL,
                 full ? "磁盘已满或超出文件大小限制，无法写入临时文件，未生成数据工作簿；原有输出文件未改动"
                      : "无法写入临时文件，未生成数据工作簿；原有输出文件未改动");
        return EXIT_CANTCREAT;
    }
    return write_manifest(s, p, out);
}

/* The month's set takes the place of <output>/YYYY-MM/ in one step. */
static int write_outputs(session *s, month_outputs *out)
{
    out->files.checkpoint = session_checkpoint;
    out->files.checkpoint_context = s;
    if (outset_commit(&out->files, OUTSET_REPLACE) != 0)
        return session_write_failed(s, &out->files);
    return EXIT_OK;
}

static int run_month(session *s, period p, long *reports_late_or_missing)
{
    month_outputs out;
    month_outputs_init(&out, s, p);
    session_progress(s, 2, 4, "汇总与排版");
    int status = run_render_month(s, s->template, p, &out);
    timing_mark("report", NULL);
    session_progress(s, 3, 4, "写入输出");
    *reports_late_or_missing = out.reports_late_or_missing;
    if (status == EXIT_OK)
        status = write_outputs(s, &out);
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
