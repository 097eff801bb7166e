/*
 * ingest.c: the input folder → the store (see ingest.h).  walk.c finds the files, safely
 * and in byte order of their paths; each is opened once, checked to be the file the walk
 * saw, and read from that one descriptor; each gets a scratch arena for its working
 * memory, freed when the file is done.
 */
#include "ingest/ingest.h"

#include "ingest/builder.h"
#include "ingest/planfile.h"
#include "ingest/sheet.h"
#include "ingest/supersede.h"
#include "ingest/walk.h"
#include "ingest/xls.h"
#include "ingest/xlsx.h"
#include "ingest/xmlfile.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int ingest_open(ingest_context *ctx, const char *data_dir, const plan *p, store *s)
{
    ctx->plan = p;
    ctx->through = (period){0, 0, 0};
    ctx->left_out = 0;
    ctx->store = s;
    sums_init(&ctx->sums);
    ctx->today = 0;
    ctx->schema = xmlfile_load_schema(data_dir, s->memory, &s->diags);
    return ctx->schema ? 0 : -1;
}

void ingest_close(ingest_context *ctx)
{
    xmlsafe_schema_free(ctx->schema);
    ctx->schema = NULL;
    sums_free(&ctx->sums);
}

static bool has_extension(const char *path, const char *extension)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) && strcasecmp(dot + 1, extension) == 0;
}

static bool is_submission(const char *path)
{
    return has_extension(path, "csv") || has_extension(path, "txt") ||
           has_extension(path, "tsv") || has_extension(path, "xml") ||
           has_extension(path, "xlsx") || has_extension(path, "xls");
}

/* Why a file is not read as a submission, or NULL: workbooks of other programs are
 * refused by name, with what to do. */
static const char *refusal(const char *path)
{
    if (has_extension(path, "et"))
        return "是WPS表格文件（.et），无法读取：请在WPS中“另存为”Excel工作簿（.xlsx）后再报送";
    if (has_extension(path, "ods"))
        return "是OpenDocument表格（.ods），无法读取：请在LibreOffice或WPS中“另存为”Excel工作簿（.xlsx）后再报送";
    if (!is_submission(path))
        return "不是报送文件（应为.csv、.txt、.tsv、.xml、.xlsx或.xls），未读入";
    return NULL;
}

static bool is_digits(const char *text, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (text[i] < '0' || text[i] > '9')
            return false;
    return true;
}

/* The period named by the folder that holds path: YYYY-MM or YYYY-Qn exactly. */
static void folder_period(const char *path, builder_metadata *stated)
{
    const char *end = strrchr(path, '/');
    if (!end)
        return;
    const char *start = end;
    while (start > path && start[-1] != '/')
        start--;
    size_t length = (size_t)(end - start);
    bool month = length == 7 && is_digits(start, 4) && start[4] == '-' && is_digits(start + 5, 2);
    bool quarter = length == 7 && is_digits(start, 4) && start[4] == '-' && start[5] == 'Q' &&
                   start[6] >= '1' && start[6] <= '4';
    if (!month && !quarter)
        return;
    char name[8];
    memcpy(name, start, 7);
    name[7] = '\0';
    stated->has_period = period_parse(name, &stated->period);
}

/* A workbook open at fd: each sheet its own submission, or the file refused whole. */
static void read_workbook(ingest_context *ctx, const char *path, int fd)
{
    arena memory = {0};
    workbook_context c = {ctx->plan, ctx->store, &ctx->sums, ctx->today, {0}};
    folder_period(path, &c.stated);
    workbook w;
    workbook_init(&w, &memory);
    diag_list diags;
    diag_init(&diags, &memory);
    bool opened = has_extension(path, "xls") ? xls_read(fd, path, &w, &diags)
                                             : xlsx_read(fd, path, &w, &diags);
    if (opened)
        workbook_ingest(&w, path, &c);
    else
        workbook_refuse(path, &c, w.sha256, &diags);
    diag_free(&diags);
    workbook_free(&w);
    arena_free(&memory);
}

/* Whether the file's period lies outside the context's year or after its month (a quarter
 * counts at its last month); a file with no period is always in. */
static bool out_of_time(const ingest_context *ctx, const submission_file *f)
{
    period through = ctx->through, last = period_last_month(f->period);
    return through.year && f->has_period &&
           !(last.year == through.year && last.month <= through.month);
}

/* Forgets the file just read (a workbook: all its sheets, when every one is out of time)
 * when its period lies outside the context's year or after its month. */
static void keep_if_in_time(ingest_context *ctx, const store_mark *before)
{
    if (ctx->store->files.count == before->files)
        return;
    for (size_t i = before->files; i < ctx->store->files.count; i++)
        if (!out_of_time(ctx, store_file(ctx->store, (int)i)))
            return;
    const submission_file *f = store_file(ctx->store, (int)before->files);
    period through = ctx->through, last = period_last_month(f->period);
    const char *path = f->path;
    char name[16], run[16];
    period_format(f->period, name);
    period_format(through, run);
    store_forget_since(ctx->store, before);
    ctx->left_out++;
    if (last.year != through.year)
        diag_addf(&ctx->store->diags, DIAG_NOTE, path, 0, NULL, NULL,
                  "报告期 %s 不属于 %d 年，本次未读入（由 %d 年的计划处理）", name, through.year,
                  f->period.year);
    else
        diag_addf(&ctx->store->diags, DIAG_NOTE, path, 0, NULL, NULL,
                  "报告期 %s 在 %s 之后，本次未读入", name, run);
}

/* Reads the submission open at fd (closed here), named path in messages. */
static void read_submission(ingest_context *ctx, const char *path, int fd)
{
    store_mark before = store_mark_now(ctx->store);
    if (has_extension(path, "xlsx") || has_extension(path, "xls")) {
        read_workbook(ctx, path, fd);
        close(fd);
        keep_if_in_time(ctx, &before);
        return;
    }
    arena scratch = {0};
    int index = store_add_file(ctx->store, path);
    builder b;
    builder_begin(&b, ctx->plan, ctx->store, &scratch, index, path);
    b.sums = &ctx->sums;
    b.today = ctx->today;
    folder_period(path, &b.stated);
    b.xml_rows = has_extension(path, "xml");
    bool readable = b.xml_rows ? xmlfile_read(&b, fd, ctx->schema) : sheet_read(&b, fd);
    close(fd);
    builder_end(&b, readable);
    arena_free(&scratch);
    keep_if_in_time(ctx, &before);
}

int ingest_file(ingest_context *ctx, const char *path)
{
    const char *reason = has_extension(path, "et") || has_extension(path, "ods") ? refusal(path) : NULL;
    int fd = reason ? -1 : walk_open_named(path, &reason);
    if (fd < 0) {
        diag_add(&ctx->store->diags, DIAG_ERROR, path, 0, NULL, NULL, reason);
        return -1;
    }
    read_submission(ctx, path, fd);
    return 0;
}

/* What the walk leaves out: the plan file (compared by device and inode) and every other
 * plan (by its namespace) silently, and files that are no submission with a reason. */
typedef struct filter_context {
    bool has_plan;
    struct stat plan;
} filter_context;

static const char *filter(void *context, const char *path, const struct stat *st)
{
    const filter_context *c = context;
    if (c->has_plan && st->st_dev == c->plan.st_dev && st->st_ino == c->plan.st_ino)
        return "";
    if (has_extension(path, "xml") && planfile_is_plan(path))
        return "";
    return refusal(path);
}

int ingest_folder(ingest_context *ctx, const char *input_dir, const char *plan_path)
{
    filter_context c = {0};
    c.has_plan = plan_path && stat(plan_path, &c.plan) == 0;
    vec files;
    vec_init(&files, sizeof(walk_file));
    store *s = ctx->store;
    int status = walk_folder(input_dir, filter, &c, &files, &s->diags, &s->skipped);
    for (size_t i = 0; i < files.count; i++) {
        const walk_file *f = vec_at(&files, i);
        const char *reason;
        int fd = walk_open(f, &reason);
        if (fd < 0) {
            diag_add(&s->diags, DIAG_ERROR, f->path, 0, NULL, NULL, reason);
            s->skipped++;
            continue;
        }
        read_submission(ctx, f->path, fd);
    }
    walk_files_free(&files);
    supersede(s);
    return status;
}
