/*
 * quarter.c: `bulletin quarter`: the quarterly report and the quarter's archive
 * (outputs.md §5).  Everything is made in memory first: report-YYYY-Qn.pdf, the three
 * monthly bulletins (copied from <output>/YYYY-MM/ when whole and current by its
 * manifest.json, made again where missing, damaged or stale), data/,
 * rejects.csv and manifest.json; then written as a new folder <output>/archive/YYYY-Qn
 * (or .2, .3 … when an archive with other inputs exists) in one rename.
 */
#include "cmd/quarter.h"

#include "cmd/cmd.h"
#include "cmd/run.h"

#include "aggregate/figures.h"
#include "aggregate/span.h"
#include "model/digest.h"
#include "model/syserror.h"
#include "report/archive.h"
#include "report/datacsv.h"
#include "report/monthcheck.h"
#include "report/rejects.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM "bulletin " BULLETIN_VERSION

static period previous_quarter(date today)
{
    int year = today / 10000, month = today / 100 % 100;
    int first_month = (month - 1) / 3 * 3 + 1;
    return period_quarter_of(period_previous_month((period){year, first_month, 0}));
}

bool quarter_file_in(const submission_file *f, period span)
{
    return !f->has_period || datacsv_in_quarter(f->period, span);
}

static void append_name(buffer *list, const char *name)
{
    if (list->length)
        buffer_puts(list, "、");
    buffer_puts(list, name);
}

/* ---- the report ---- */

static int office_rank(const session *s, const quarterly_record *r)
{
    int office = store_file(&s->store, r->origin.file)->office_index;
    return office >= 0 ? office : (int)s->plan.office_count;
}

bind_item *quarter_items(session *s, period q, size_t *count)
{
    const vec *all = &s->store.quarterly;
    bind_item *items = arena_alloc(&s->memory, (all->count + 1) * sizeof *items);
    *count = 0;
    for (int rank = 0; rank <= (int)s->plan.office_count; rank++) {
        for (size_t i = 0; i < all->count; i++) {
            const quarterly_record *r = vec_at(all, i);
            if (r->fate != FATE_ACCEPTED || !period_equal(r->period, q) ||
                office_rank(s, r) != rank)
                continue;
            bind_item *item = &items[(*count)++];
            item->quarter = q;
            item->office = store_file(&s->store, r->origin.file)->office;
            item->unit = r->unit ? r->unit : item->office;
            item->topic = r->topic ? r->topic : "";
            item->content = r->content ? r->content : "";
        }
    }
    return items;
}

const figures **quarter_month_figures(session *s, int year, int last, bool *beyond)
{
    const figures **months = arena_alloc(&s->memory, 12 * sizeof *months);
    for (int m = 1; m <= last && m <= 12; m++) {
        figures *f = arena_alloc(&s->memory, sizeof *f);
        figures_compute(f, &s->plan, &s->store, (period){year, m, 0}, &s->memory);
        months[m - 1] = f->total.records > 0 || f->projects.count > 0 ? f : NULL;
        *beyond |= f->beyond;
    }
    return months;
}

/* The report: the figures at the quarter's end and at the previous quarter's (the units'
 * ranks too), each month's output, the projects' status changes, 报送情况 by month, and
 * the items. */
static int render_report(session *s, period q, buffer *pdf)
{
    figures now, before;
    unit_scores scores, previous_scores;
    status_changes changes;
    submission_series series;
    int last = q.quarter * 3;
    figures_compute(&now, &s->plan, &s->store, period_last_month(q), &s->memory);
    scores_compute(&scores, &s->plan, &s->store, &now, &s->memory);
    bind_scope scope = {.figures = &now, .scores = &scores, .plan = &s->plan, .store = &s->store,
                        .today = s->today, .quarter = q};
    if (q.quarter > 1) {
        figures_compute(&before, &s->plan, &s->store, (period){q.year, last - 3, 0}, &s->memory);
        scores_compute(&previous_scores, &s->plan, &s->store, &before, &s->memory);
        scope.previous = &before;
        scope.previous_scores = &previous_scores;
    }
    span_status_changes(&changes, &s->store, q.year, last - 2, last, &s->memory);
    span_submissions(&series, &s->plan, &s->store, q.year, last - 2, last, &s->memory);
    bool beyond = now.beyond || scores.beyond ||
                  (q.quarter > 1 && (before.beyond || previous_scores.beyond));
    scope.months = quarter_month_figures(s, q.year, last, &beyond);
    scope.changes = &changes;
    scope.series = &series;
    scope.items = quarter_items(s, q, &scope.item_count);
    if (run_check_beyond(s, beyond) != EXIT_OK)
        return EXIT_DATAERR;
    return run_render_pdf(s, s->template, &scope, pdf);
}

/* ---- the monthly bulletins ---- */

static bool month_has_input(const session *s, period month)
{
    for (size_t i = 0; i < s->store.files.count; i++) {
        const submission_file *f = store_file(&s->store, (int)i);
        if (f->has_period && period_equal(f->period, month))
            return true;
    }
    return false;
}

/* The month's bulletin and data workbook go into the archive as `bulletin run` wrote
 * them when whole and current by the month's manifest.json (checked against the month's
 * own input and plan); else they are made again from that input (named in the status-3
 * line), or, with no input, the quarter stops (65). */
int quarter_add_month_bulletin(session *s, period month, archive *a, quarter_notes *notes)
{
    char name[16];
    period_format(month, name);
    const char *folder = arena_printf(&s->memory, "%s/%s", s->options.output, name);
    const char *files[2] = {arena_printf(&s->memory, "bulletin-%s.pdf", name),
                            arena_printf(&s->memory, "data-%s.xlsx", name)};
    bool input = month_has_input(s, month);
    session month_session; /* the month's own input, as `run` reads it */
    session_open_child(&month_session, s, REPORT_MONTHLY);
    int status = input ? session_load(&month_session, month) : EXIT_OK;
    if (status != EXIT_OK)
        return session_close(&month_session, status);
    const session *basis = input ? &month_session : s;
    unsigned char plan_sha256[32];
    digest_file(basis->plan_path, plan_sha256);
    buffer kept[2];
    month_state states[2];
    bool broken = false;
    for (int i = 0; i < 2; i++) {
        buffer_init(&kept[i]);
        states[i] = month_check(folder, files[i], month, &basis->store, plan_sha256, &s->memory,
                                &kept[i]);
        broken = broken || states[i] == MONTH_DAMAGED || states[i] == MONTH_STALE;
    }
    if (broken && !input) {
        int bad = states[0] == MONTH_DAMAGED || states[0] == MONTH_STALE ? 0 : 1;
        diag_addf(&s->setup_diags, DIAG_ERROR, arena_printf(&s->memory, "%s/%s", folder, files[bad]),
                  0, NULL, NULL, "月度%s%s，且没有输入可重新生成；未归档",
                  bad == 0 ? "通报" : "数据工作簿",
                  states[bad] == MONTH_STALE ? "与现有计划或输入不符" : "已损坏或与其 manifest.json 不符");
        status = EXIT_DATAERR;
    } else if (!input || (states[0] == MONTH_KEPT && states[1] == MONTH_KEPT)) {
        if (states[0] != MONTH_KEPT)
            append_name(&notes->missing_months, name);
        for (int i = 0; i < 2; i++)
            if (states[i] == MONTH_KEPT) {
                *archive_add(a, files[i]) = kept[i]; /* the archive owns the bytes now */
                buffer_init(&kept[i]);
            }
    } else {
        if (broken)
            append_name(&notes->remade_months, name);
        month_outputs made;
        month_outputs_init(&made, &month_session, month);
        status = run_render_month(&month_session, month_session.template, month, &made);
        const buffer *fresh[2] = {made.pdf, made.data};
        for (int i = 0; i < 2 && status == EXIT_OK; i++)
            buffer_append(archive_add(a, files[i]), states[i] == MONTH_KEPT ? kept[i].data
                                                                            : fresh[i]->data,
                          states[i] == MONTH_KEPT ? kept[i].length : fresh[i]->length);
        month_outputs_free(&made);
    }
    buffer_free(&kept[0]);
    buffer_free(&kept[1]);
    return session_close(&month_session, status);
}

/* ---- data, rejects, sources ---- */

void quarter_add_data(session *s, period q, archive *a)
{
    datacsv_write_projects(archive_add(a, "data/projects.csv"), &s->store, &s->plan, q);
    datacsv_write_progress(archive_add(a, "data/progress.csv"), &s->store, &s->plan, q);
    datacsv_write_assessments(archive_add(a, "data/assessment.csv"), &s->store, &s->plan, q);
    datacsv_write_quarterly(archive_add(a, "data/quarterly.csv"), &s->store, q);
}

static const submission_file *file_named(const session *s, const char *path)
{
    for (size_t i = 0; i < s->store.files.count; i++) {
        const submission_file *f = store_file(&s->store, (int)i);
        if (strcmp(f->path, path) == 0)
            return f;
    }
    return NULL;
}

void quarter_add_rejects(session *s, period q, archive *a)
{
    diag_list kept;
    diag_init(&kept, &s->memory);
    for (size_t i = 0; i < s->store.diags.items.count; i++) {
        const diagnostic *d = diag_at(&s->store.diags, i);
        const submission_file *f = file_named(s, d->file);
        if (!f || quarter_file_in(f, q))
            diag_add(&kept, d->level, d->file, d->line, d->column, d->value, d->reason);
    }
    rejects_write(archive_add(a, "rejects.csv"), &kept);
    diag_free(&kept);
}

int quarter_add_source_file(session *s, archive *a, const char *name, const char *path)
{
    unsigned char digest[32];
    if (digest_file(path, digest) != 0) {
        diag_addf(&s->setup_diags, DIAG_ERROR, path, 0, NULL, NULL, "无法读取：%s",
                  system_error_text(errno));
        return EXIT_NOINPUT;
    }
    archive_add_source(a, name, digest);
    return EXIT_OK;
}

/* What the archive is made from: the plan, the two templates, the quarter's files and
 * those of the month its change is measured from. */
static int add_sources(session *s, period q, archive *a)
{
    const char *datadir = options_datadir();
    const char *quarterly = s->options.template
                                ? s->options.template
                                : arena_printf(&s->memory, "%s/templates/quarterly.xml", datadir);
    if (quarter_add_source_file(s, a, s->plan_path, s->plan_path) != EXIT_OK ||
        quarter_add_source_file(s, a, "templates/quarterly.xml", quarterly) != EXIT_OK ||
        quarter_add_source_file(s, a, "templates/monthly.xml",
                        arena_printf(&s->memory, "%s/templates/monthly.xml", datadir)) != EXIT_OK)
        return EXIT_NOINPUT;
    period base = {q.year, q.quarter * 3 - 3, 0};
    for (size_t i = 0; i < s->store.files.count; i++) {
        const submission_file *f = store_file(&s->store, (int)i);
        if (quarter_file_in(f, q) || (f->has_period && period_equal(f->period, base)))
            archive_add_source(a, f->path, f->sha256);
    }
    return EXIT_OK;
}

static int build_archive(session *s, period q, archive *a, quarter_notes *notes)
{
    char name[16];
    period_format(q, name);
    int status = add_sources(s, q, a);
    if (status == EXIT_OK)
        status = render_report(s, q, archive_add(a, arena_printf(&s->memory, "report-%s.pdf", name)));
    for (int m = 0; m < 3 && status == EXIT_OK; m++) {
        session_progress(s, 3 + m, 7, "重新生成或收入月度通报");
        status = quarter_add_month_bulletin(s, (period){q.year, q.quarter * 3 - 2 + m, 0}, a,
                                    notes);
    }
    if (status != EXIT_OK)
        return status;
    quarter_add_data(s, q, a);
    quarter_add_rejects(s, q, a);
    char made[16];
    buffer manifest;
    buffer_init(&manifest);
    archive_write_manifest(a, PROGRAM, name, date_format(s->today, made), &manifest);
    buffer_append(archive_add(a, "manifest.json"), manifest.data, manifest.length);
    buffer_free(&manifest);
    return EXIT_OK;
}

/* ---- writing ---- */

int quarter_write_archive(session *s, const char *name, archive *a, const char **where,
                          bool *written)
{
    const char *parent = arena_printf(&s->memory, "%s/archive", s->options.output);
    if (session_make_folder(s, parent) != 0)
        return EXIT_CANTCREAT;
    const char *latest, *next;
    archive_versions(parent, name, &s->memory, &latest, &next);
    char fingerprint[65];
    archive_fingerprint(a, PROGRAM, name, fingerprint);
    if (latest && archive_manifest_matches(
                      arena_printf(&s->memory, "%s/%s/manifest.json", parent, latest), fingerprint,
                      &s->memory)) {
        *where = arena_printf(&s->memory, "%s/%s", parent, latest);
        if (s->options.verbose)
            printf("%s：输入未变，未写入任何文件\n", *where);
        return EXIT_OK;
    }
    int error = 0;
    const char *failed = NULL;
    if (archive_commit(a, parent, next, session_checkpoint, s, &error, &failed) != 0)
        return session_write_failed(s, &a->files); /* says whether the archive is in place */
    *where = arena_printf(&s->memory, "%s/%s", parent, next);
    *written = true;
    if (latest)
        session_say(s, "%s/%s 已存在且输入有变化，原归档未改动，新的归档写入 %s", parent, latest,
                    *where);
    return EXIT_OK;
}

/* ---- the outcome ---- */

static void check_submissions(const session *s, period q, quarter_notes *notes)
{
    date due = date_add_days(period_end_next_day(q), s->plan.quarter_due_days - 1);
    for (size_t o = 0; o < s->plan.office_count; o++) {
        const plan_office *office = &s->plan.offices[o];
        if (!(office->kinds & KIND_BIT_QUARTERLY))
            continue;
        bool sent = false, late = false;
        for (size_t i = 0; i < s->store.files.count; i++) {
            const submission_file *f = store_file(&s->store, (int)i);
            if (f->kind != KIND_QUARTERLY || f->office_index != (int)o || f->rejected_whole ||
                !f->has_period || !period_equal(f->period, q))
                continue;
            sent = true;
            late = late || f->sent > due;
        }
        if (!sent)
            append_name(&notes->missing_offices, office->name);
        else if (late)
            append_name(&notes->late_offices, office->name);
    }
}

void quarter_count_rows(const session *s, period q, quarter_notes *notes)
{
    for (size_t i = 0; i < s->store.files.count; i++) {
        const submission_file *f = store_file(&s->store, (int)i);
        if (!quarter_file_in(f, q))
            continue;
        notes->rows.rejected += f->rows.rejected;
        notes->rows.warned += f->rows.warned;
        notes->refused_files += f->rejected_whole;
    }
    notes->skipped = s->store.skipped;
    for (size_t i = 0; i < s->store.diags.items.count; i++) {
        const diagnostic *d = diag_at(&s->store.diags, i);
        const submission_file *f = file_named(s, d->file);
        if (d->level == DIAG_WARNING && (!f || quarter_file_in(f, q)))
            notes->warnings++;
    }
}

static int quarter_outcome(session *s, period q, const char *where, bool written,
                           quarter_notes *notes)
{
    check_submissions(s, q, notes);
    quarter_count_rows(s, q, notes);
    if (!notes->rows.rejected && !notes->refused_files && !notes->skipped && !notes->warnings &&
        !notes->missing_offices.length &&
        !notes->late_offices.length && !notes->missing_months.length &&
        !notes->remade_months.length)
        return EXIT_OK;
    char name[16];
    buffer line;
    buffer_init(&line);
    buffer_printf(&line, written ? "%s 已归档于 %s" : "%s 的归档 %s 输入未变，本次未写入",
                  period_format(q, name), where);
    quarter_say_counts(&line, notes);
    if (notes->missing_offices.length)
        buffer_printf(&line, "；季度事项未报送：%s", notes->missing_offices.data);
    if (notes->late_offices.length)
        buffer_printf(&line, "；季度事项逾期报送：%s", notes->late_offices.data);
    if (notes->missing_months.length)
        buffer_printf(&line, "；无输入、未收入通报的月份：%s", notes->missing_months.data);
    if (notes->remade_months.length)
        buffer_printf(&line, "；月度通报已损坏或过期、按现有输入重新生成后归档：%s",
                      notes->remade_months.data);
    buffer_printf(&line, "（详见 %s/rejects.csv）", where);
    session_say(s, "%s", line.data);
    buffer_free(&line);
    return EXIT_PROBLEMS;
}

void quarter_say_counts(buffer *line, const quarter_notes *notes)
{
    buffer_printf(line, "；拒收文件 %ld 个，拒收 %ld 行，跳过 %ld 项，警告 %ld 条",
                  notes->refused_files, notes->rows.rejected, notes->skipped, notes->warnings);
}

void quarter_notes_init(quarter_notes *notes)
{
    memset(notes, 0, sizeof *notes);
    buffer_init(&notes->missing_offices);
    buffer_init(&notes->late_offices);
    buffer_init(&notes->missing_months);
    buffer_init(&notes->remade_months);
}

void quarter_notes_free(quarter_notes *notes)
{
    buffer_free(&notes->missing_offices);
    buffer_free(&notes->late_offices);
    buffer_free(&notes->missing_months);
    buffer_free(&notes->remade_months);
}

int quarter_make(session *s, period q)
{
    quarter_notes notes;
    quarter_notes_init(&notes);
    char name[16];
    archive a;
    archive_init(&a, &s->memory);
    session_progress(s, 2, 7, "汇总与排版季度报告");
    int status = build_archive(s, q, &a, &notes);
    const char *where = NULL;
    bool written = false;
    session_progress(s, 6, 7, "写入归档");
    if (status == EXIT_OK)
        status = quarter_write_archive(s, period_format(q, name), &a, &where, &written);
    if (status == EXIT_OK)
        status = quarter_outcome(s, q, where, written, &notes);
    archive_free(&a);
    quarter_notes_free(&notes);
    return status;
}

int cmd_quarter(int argc, char **argv)
{
    session s;
    int status = session_open(&s, argc, argv, "--quarter");
    if (status != EXIT_OK)
        return session_close(&s, status);
    s.report = REPORT_QUARTERLY;
    period q = s.options.has_period ? s.options.period : previous_quarter(s.today);
    session_progress(&s, 1, 7, "读取计划与报送文件");
    status = session_load(&s, period_last_month(q));
    if (status == EXIT_OK)
        status = quarter_make(&s, q);
    session_progress(&s, 7, 7, "完成");
    return session_close(&s, status);
}
