/*
 * year.c: `bulletin year`: the annual report and the year's archive, sealed as a quarter's
 * (outputs.md §5, quarter.h): report-YYYY.pdf (templates/annual.xml: the year's totals
 * against its targets, each month's output, 年度考核结果, the major projects attracted,
 * 报送情况 month by month, the year's quarterly items), the December bulletin, data/ and
 * rejects.csv of the whole year, and manifest.json, whose sources name the four quarterly
 * archives by the SHA-256 of their manifests (a missing one is made first).  Written as
 * <output>/archive/YYYY (or .2, .3 … when an archive with other inputs exists) in one
 * rename; nothing is written when the newest has the same inputs.
 */
#include "cmd/cmd.h"
#include "cmd/quarter.h"
#include "cmd/run.h"

#include "aggregate/span.h"

#include <stdio.h>
#include <string.h>

#define PROGRAM "bulletin " BULLETIN_VERSION

static void append_name(buffer *list, const char *name)
{
    if (list->length)
        buffer_puts(list, "、");
    buffer_puts(list, name);
}

/* ---- the four quarters ---- */

/* Makes the quarter's archive as `bulletin quarter` would, reading the input up to the
 * quarter's last month. */
static int make_quarter_archive(session *s, period q)
{
    session quarter;
    session_open_child(&quarter, s, REPORT_QUARTERLY);
    int status = session_load(&quarter, period_last_month(q));
    if (status == EXIT_OK)
        status = quarter_make(&quarter, q);
    return session_close(&quarter, status);
}

/* Names each quarter's newest archive among the sources, by its manifest's SHA-256,
 * making the archive first when there is none; a quarter with no input at all is named
 * in missing. */
static int add_quarters(session *s, int year, archive *a, buffer *missing)
{
    const char *parent = arena_printf(&s->memory, "%s/archive", s->options.output);
    for (int n = 1; n <= 4; n++) {
        period q = {year, 0, n};
        char name[16];
        period_format(q, name);
        const char *latest, *next;
        archive_versions(parent, name, &s->memory, &latest, &next);
        if (!latest) {
            session_progress(s, n, 8, "归档季度");
            int status = make_quarter_archive(s, q);
            if (status != EXIT_OK && status != EXIT_PROBLEMS && status != EXIT_NOINPUT)
                return status;
            archive_versions(parent, name, &s->memory, &latest, &next);
        }
        if (!latest) {
            append_name(missing, name);
            continue;
        }
        const char *manifest = arena_printf(&s->memory, "%s/%s/manifest.json", parent, latest);
        if (quarter_add_source_file(s, a, arena_printf(&s->memory, "archive/%s/manifest.json", latest),
                                    manifest) != EXIT_OK)
            return EXIT_NOINPUT;
    }
    return EXIT_OK;
}

/* ---- the report ---- */

/* The year's items, quarter by quarter. */
static bind_item *year_items(session *s, int year, size_t *count)
{
    vec all;
    vec_init(&all, sizeof(bind_item));
    for (int n = 1; n <= 4; n++) {
        size_t quarter_count;
        bind_item *items = quarter_items(s, (period){year, 0, n}, &quarter_count);
        for (size_t i = 0; i < quarter_count; i++)
            *(bind_item *)vec_push(&all) = items[i];
    }
    bind_item *items = arena_alloc(&s->memory, (all.count + 1) * sizeof *items);
    if (all.count)
        memcpy(items, all.items, all.count * sizeof *items);
    *count = all.count;
    vec_free(&all);
    return items;
}

static int render_report(session *s, int year, buffer *pdf)
{
    figures december;
    unit_scores scores;
    status_changes changes;
    submission_series series;
    const project_record **attracted;
    figures_compute(&december, &s->plan, &s->store, (period){year, 12, 0}, &s->memory);
    scores_compute(&scores, &s->plan, &s->store, &december, &s->memory);
    span_status_changes(&changes, &s->store, year, 1, 12, &s->memory);
    span_submissions(&series, &s->plan, &s->store, year, 1, 12, &s->memory);
    bind_scope scope = {.figures = &december, .scores = &scores, .plan = &s->plan,
                        .store = &s->store, .today = s->today, .quarter = {year, 0, 4}};
    span_attracted_major(&s->plan, &s->store, year, 12, &attracted, &scope.attracted_count,
                         &s->memory);
    scope.attracted = attracted;
    bool beyond = december.beyond || scores.beyond;
    scope.months = quarter_month_figures(s, year, 12, &beyond);
    scope.changes = &changes;
    scope.series = &series;
    scope.items = year_items(s, year, &scope.item_count);
    if (run_check_beyond(s, beyond) != EXIT_OK)
        return EXIT_DATAERR;
    return run_render_pdf(s, s->template, &scope, pdf);
}

/* ---- the archive ---- */

/* What the archive is made from besides the quarters: the plan, the two templates and
 * every report file of the year. */
static int add_sources(session *s, int year, archive *a)
{
    const char *annual = s->options.template
                             ? s->options.template
                             : arena_printf(&s->memory, "%s/templates/annual.xml", options_datadir());
    if (quarter_add_source_file(s, a, s->plan_path, s->plan_path) != EXIT_OK ||
        quarter_add_source_file(s, a, "templates/annual.xml", annual) != EXIT_OK ||
        quarter_add_source_file(s, a, "templates/monthly.xml",
                                arena_printf(&s->memory, "%s/templates/monthly.xml",
                                             options_datadir())) != EXIT_OK)
        return EXIT_NOINPUT;
    for (size_t i = 0; i < s->store.files.count; i++) {
        const submission_file *f = store_file(&s->store, (int)i);
        if (quarter_file_in(f, (period){year, 0, 0}))
            archive_add_source(a, f->path, f->sha256);
    }
    return EXIT_OK;
}

static int build_archive(session *s, int year, archive *a, quarter_notes *notes,
                         buffer *missing_quarters)
{
    char name[16], made[16];
    snprintf(name, sizeof name, "%d", year);
    int status = add_quarters(s, year, a, missing_quarters);
    if (status == EXIT_OK)
        status = add_sources(s, year, a);
    session_progress(s, 5, 8, "汇总与排版年度报告");
    if (status == EXIT_OK)
        status = render_report(s, year, archive_add(a, arena_printf(&s->memory, "report-%s.pdf", name)));
    session_progress(s, 6, 8, "收入12月通报");
    if (status == EXIT_OK)
        status = quarter_add_month_bulletin(s, (period){year, 12, 0}, a, notes);
    if (status != EXIT_OK)
        return status;
    quarter_add_data(s, (period){year, 0, 0}, a);
    quarter_add_rejects(s, (period){year, 0, 0}, a);
    buffer manifest;
    buffer_init(&manifest);
    archive_write_manifest(a, PROGRAM, name, date_format(s->today, made), &manifest);
    buffer_append(archive_add(a, "manifest.json"), manifest.data, manifest.length);
    buffer_free(&manifest);
    return EXIT_OK;
}

static int year_outcome(session *s, int year, const char *where, bool written,
                        quarter_notes *notes, const buffer *missing_quarters)
{
    quarter_count_rows(s, (period){year, 0, 0}, notes);
    if (!notes->rows.rejected && !notes->refused_files && !notes->skipped && !notes->warnings &&
        !notes->missing_months.length &&
        !missing_quarters->length)
        return EXIT_OK;
    buffer line;
    buffer_init(&line);
    buffer_printf(&line, written ? "%d 年已归档于 %s" : "%d 年的归档 %s 输入未变，本次未写入", year,
                  where);
    quarter_say_counts(&line, notes);
    if (missing_quarters->length)
        buffer_printf(&line, "；没有输入、未能归档的季度：%s", missing_quarters->data);
    if (notes->missing_months.length)
        buffer_printf(&line, "；没有输入、未收入通报的月份：%s", notes->missing_months.data);
    buffer_printf(&line, "（详见 %s/rejects.csv）", where);
    session_say(s, "%s", line.data);
    buffer_free(&line);
    return EXIT_PROBLEMS;
}

static int make_year(session *s, int year)
{
    quarter_notes notes;
    quarter_notes_init(&notes);
    buffer missing_quarters;
    buffer_init(&missing_quarters);
    archive a;
    archive_init(&a, &s->memory);
    int status = build_archive(s, year, &a, &notes, &missing_quarters);
    const char *where = NULL;
    bool written = false;
    char name[16];
    snprintf(name, sizeof name, "%d", year);
    session_progress(s, 7, 8, "写入归档");
    if (status == EXIT_OK)
        status = quarter_write_archive(s, name, &a, &where, &written);
    if (status == EXIT_OK)
        status = year_outcome(s, year, where, written, &notes, &missing_quarters);
    archive_free(&a);
    buffer_free(&missing_quarters);
    quarter_notes_free(&notes);
    return status;
}

int cmd_year(int argc, char **argv)
{
    session s;
    int status = session_open(&s, argc, argv, "--year");
    if (status != EXIT_OK)
        return session_close(&s, status);
    s.report = REPORT_ANNUAL;
    int year = s.options.has_period ? s.options.period.year : s.today / 10000 - 1;
    session_progress(&s, 0, 8, "读取计划与报送文件");
    status = session_load(&s, (period){year, 12, 0});
    if (status == EXIT_OK)
        status = make_year(&s, year);
    session_progress(&s, 8, 8, "完成");
    return session_close(&s, status);
}
