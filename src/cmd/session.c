/*
 * session.c: the shared set-up and tear-down of the subcommands (see session.h): the
 * lock, the loading of plan, template and fonts, the ingest, and the printing of
 * diagnostics, which happens here and nowhere below.
 */
#include "cmd/session.h"

#include "cmd/cmd.h"
#include "cmd/timing.h"
#include "ingest/ingest.h"
#include "ingest/planfile.h"
#include "model/syserror.h"
#include "model/text.h"
#include "model/xmlsafe.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *data_path(session *s, const char *relative)
{
    return arena_printf(&s->memory, "%s/%s", options_datadir(), relative);
}

__attribute__((format(printf, 3, 4))) static void setup_error(session *s, const char *file,
                                                              const char *format, ...)
{
    char reason[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    diag_add(&s->setup_diags, DIAG_ERROR, file, 0, NULL, NULL, reason);
}

/* Moves the errors of a failed set-up step from the store's list to the printed one. */
static void adopt_errors(session *s)
{
    for (size_t i = 0; i < s->store.diags.items.count; i++) {
        const diagnostic *d = diag_at(&s->store.diags, i);
        if (d->level == DIAG_ERROR)
            diag_add(&s->setup_diags, d->level, d->file, d->line, d->column, d->value, d->reason);
    }
}

static int take_lock(session *s)
{
    const char *output = s->options.output;
    if (outfile_make_folder(output) != 0) {
        setup_error(s, output, "无法创建输出文件夹：%s", system_error_text(errno));
        return EXIT_CANTCREAT;
    }
    /* The folder's own descriptor is locked: no file to delete from under a run. */
    s->lock_fd = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s->lock_fd < 0) {
        setup_error(s, output, "无法打开输出文件夹：%s", system_error_text(errno));
        return EXIT_CANTCREAT;
    }
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        setup_error(s, output, "%s", "另一个 bulletin 正在运行（输出文件夹已加锁），本次未做任何改动");
        return EXIT_TEMPFAIL;
    }
    return EXIT_OK;
}

/* Reads the test hook BULLETIN_TEST_KILL_AT=STAGE[:N]. */
static void read_kill_hook(session *s)
{
    const char *hook = options_test_kill_at();
    if (!hook)
        return;
    const char *colon = strchr(hook, ':');
    size_t length = colon ? (size_t)(colon - hook) : strlen(hook);
    if (length >= sizeof s->kill_stage)
        return;
    memcpy(s->kill_stage, hook, length);
    s->kill_stage[length] = '\0';
    s->kill_at = colon ? strtol(colon + 1, NULL, 10) : 1;
}

void session_checkpoint(void *context, const char *stage, const char *path)
{
    session *s = context;
    (void)path;
    if (!s->kill_stage[0])
        return;
    if (strcmp(s->kill_stage, "any") != 0 && strcmp(s->kill_stage, stage) != 0)
        return;
    if (++s->kill_seen == s->kill_at)
        raise(SIGKILL);
}

void session_progress(session *s, int step, int steps, const char *label)
{
    if (steps <= 0 || !isatty(STDERR_FILENO))
        return;
    enum { WIDTH = 24 };
    int done = step * WIDTH / steps;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < done ? '#' : '-';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r\033[K[%s] %d/%d %s", bar, step, steps, label);
    fflush(stderr);
    s->progress_shown = true;
}

/* Everything of session_open but the lock. */
static int begin(session *s, int argc, char **argv, const char *period_flag)
{
    memset(s, 0, sizeof *s);
    s->lock_fd = -1;
    s->report = REPORT_MONTHLY;
    read_kill_hook(s);
    diag_init(&s->setup_diags, &s->memory);
    store_init(&s->store, &s->memory);
    if (options_parse(argc, argv, period_flag, &s->options) != 0)
        return EXIT_USAGE;
    if (s->options.operand_count > 0) {
        fprintf(stderr, "bulletin: 多余的参数“%s”\n", s->options.operands[0]);
        return EXIT_USAGE;
    }
    if (options_today(&s->options, &s->today) != 0) {
        fputs("bulletin: --now 或 SOURCE_DATE_EPOCH 的日期无效\n", stderr);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int session_open(session *s, int argc, char **argv, const char *period_flag)
{
    int status = begin(s, argc, argv, period_flag);
    return status == EXIT_OK ? take_lock(s) : status;
}

int session_open_reader(session *s, int argc, char **argv, const char *period_flag)
{
    int status = begin(s, argc, argv, period_flag);
    s->reader_only = true;
    return status;
}

int session_lock(session *s)
{
    return take_lock(s);
}

void session_open_child(session *child, const session *parent, bind_report report)
{
    memset(child, 0, sizeof *child);
    child->lock_fd = -1;
    child->options = parent->options;
    child->options.template = NULL;
    child->options.verbose = false;
    child->today = parent->today;
    child->report = report;
    memcpy(child->kill_stage, parent->kill_stage, sizeof child->kill_stage);
    child->kill_at = parent->kill_at;
    diag_init(&child->setup_diags, &child->memory);
    store_init(&child->store, &child->memory);
}

period session_period_or_this_month(const session *s)
{
    return s->options.has_period ? s->options.period
                                 : (period){s->today / 10000, s->today / 100 % 100, 0};
}

/* The plan of the year: --plan, else the input folder's plan for that year; either must
 * state that year. */
static int load_plan(session *s, int year)
{
    s->plan_path = s->options.plan ? s->options.plan
                                   : planfile_for_year(s->options.input, year, &s->memory,
                                                       &s->setup_diags);
    if (!s->plan_path || plan_load(s->plan_path, data_path(s, "schemas/plan.xsd"), &s->memory,
                                   &s->plan, &s->setup_diags) != 0)
        return EXIT_DATAERR;
    if (s->plan.year != year) {
        setup_error(s, s->plan_path, "这是 %d 年的计划，而本次要做的是 %d 年的：请用 %d 年的计划",
                    s->plan.year, year, year);
        return EXIT_DATAERR;
    }
    return EXIT_OK;
}

static int load_policy(session *s, int year)
{
    if (load_plan(s, year) != EXIT_OK)
        return EXIT_DATAERR;
    if (s->reader_only)
        return EXIT_OK;
    const char *template_path = s->options.template
                                    ? s->options.template
                                    : data_path(s, s->report == REPORT_ANNUAL ? "templates/annual.xml"
                                                   : s->report == REPORT_QUARTERLY
                                                       ? "templates/quarterly.xml"
                                                       : "templates/monthly.xml");
    s->template = bulletin_template_load(template_path, data_path(s, "templates/template.xsd"),
                                         s->report, &s->memory, &s->setup_diags);
    if (!s->template)
        return EXIT_DATAERR;
    s->fonts = fontset_open(data_path(s, "fonts/fonts.conf"), &s->setup_diags);
    return s->fonts ? EXIT_OK : EXIT_DATAERR;
}

int session_load(session *s, period through)
{
    xmlsafe_init();
    struct stat st;
    if (stat(s->options.input, &st) != 0 || !S_ISDIR(st.st_mode)) {
        setup_error(s, s->options.input, "输入文件夹不存在或不可读：%s",
                    system_error_text(errno ? errno : ENOTDIR));
        return EXIT_NOINPUT;
    }
    int status = load_policy(s, through.year);
    if (status != EXIT_OK)
        return status;
    timing_mark("setup", NULL);
    ingest_context context;
    if (ingest_open(&context, options_datadir(), &s->plan, &s->store) != 0) {
        adopt_errors(s);
        return EXIT_DATAERR;
    }
    context.today = options_latest_sent(s->today);
    context.through = through;
    int walked = ingest_folder(&context, s->options.input, s->plan_path);
    ingest_close(&context);
    timing_mark("ingest", arena_printf(&s->memory, "rows=%ld", store_totals(&s->store).read));
    if (walked != 0 || (s->store.files.count == 0 && !s->reader_only)) {
        char name[16];
        if (s->store.files.count == 0 && context.left_out > 0)
            setup_error(s, s->options.input,
                        "输入文件夹中没有 %d 年截至 %s 的报送文件（其他 %ld 个文件不属于这段时间，未读入）",
                        through.year, period_format(through, name), context.left_out);
        else if (s->store.files.count == 0)
            setup_error(s, s->options.input, "%s", "输入文件夹中没有任何报送文件");
        return EXIT_NOINPUT;
    }
    return EXIT_OK;
}

fontset *session_fonts_for_document(session *s)
{
    if (s->fonts_used) {
        fontset_close(s->fonts);
        s->fonts = fontset_open(data_path(s, "fonts/fonts.conf"), &s->setup_diags);
    }
    s->fonts_used = true;
    return s->fonts;
}

int session_make_folder(session *s, const char *path)
{
    if (outfile_make_folder(path) == 0)
        return 0;
    setup_error(s, path, "无法创建输出文件夹：%s", system_error_text(errno));
    return -1;
}

int session_cannot_write(session *s, const char *path, int error)
{
    if (error == EMFILE || error == ENFILE || error == ENOMEM) {
        setup_error(s, path ? path : s->options.output, "%s，原有文件未改动",
                    error == ENOMEM ? "内存不足" : "可同时打开的文件数已达上限");
        return EXIT_OSERR;
    }
    setup_error(s, path ? path : s->options.output, "无法写入输出文件，原有文件未改动：%s",
                system_error_text(error));
    return EXIT_CANTCREAT;
}

int session_write_failed(session *s, const outset *set)
{
    if (!set->placed)
        return session_cannot_write(s, set->failed_path, set->error);
    if (set->error == EMFILE || set->error == ENFILE || set->error == ENOMEM) {
        setup_error(s, set->failed_path, "%s；新的输出文件已就位",
                    set->error == ENOMEM ? "内存不足" : "可同时打开的文件数已达上限");
        return EXIT_OSERR;
    }
    setup_error(s, set->failed_path, "新的输出文件已就位，但无法同步到磁盘：%s",
                system_error_text(set->error));
    return EXIT_CANTCREAT;
}

static void clear_progress(session *s)
{
    if (s->progress_shown)
        fputs("\r\033[K", stderr);
    s->progress_shown = false;
}

void session_say(session *s, const char *format, ...)
{
    clear_progress(s);
    char line[2048], shown[4 * sizeof line];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    fprintf(stderr, "bulletin: %s\n", text_escape_controls(line, shown, sizeof shown));
}

int session_outcome(session *s, period p, long reports_late_or_missing)
{
    row_counts rows = store_totals(&s->store);
    long files = store_refused_files(&s->store);
    size_t errors = diag_count(&s->store.diags, DIAG_ERROR);
    size_t warnings = diag_count(&s->store.diags, DIAG_WARNING); /* rows, 合计 rows, fonts */
    if (rows.rejected == 0 && files == 0 && s->store.skipped == 0 && errors == 0 &&
        warnings == 0 && reports_late_or_missing == 0)
        return EXIT_OK;
    char name[16];
    session_say(s, "%s 已生成；拒收文件 %ld 个，拒收 %ld 行，跳过 %ld 项，警告 %zu 条，"
                "迟报或缺报 %ld 份，详见 %s/%s/",
                period_format(p, name), files, rows.rejected, s->store.skipped, warnings,
                reports_late_or_missing, s->options.output, name);
    return EXIT_PROBLEMS;
}

int session_close(session *s, int status)
{
    clear_progress(s);
    timing_end();
    diag_print_all(&s->setup_diags, stderr);
    if (s->options.verbose)
        diag_print_all(&s->store.diags, stdout);
    bulletin_template_free(s->template);
    if (s->fonts)
        fontset_close(s->fonts);
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    store_free(&s->store);
    diag_free(&s->setup_diags);
    arena_free(&s->memory);
    return status;
}
