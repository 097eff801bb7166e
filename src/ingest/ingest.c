/*
 * ingest.c: the walk over the input folder (see ingest.h).  Paths are collected first and
 * sorted in byte order, so that the outcome never depends on readdir's order; each file
 * gets a scratch arena for its working memory, freed when the file is done.
 */
#include "ingest/ingest.h"

#include "ingest/builder.h"
#include "ingest/sheet.h"
#include "ingest/xmlfile.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_DEPTH 16

int ingest_open(ingest_context *ctx, const char *data_dir, const plan *p, store *s)
{
    ctx->plan = p;
    ctx->store = s;
    sums_init(&ctx->sums);
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
           has_extension(path, "tsv") || has_extension(path, "xml");
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

static void read_submission(ingest_context *ctx, const char *path)
{
    arena scratch = {0};
    int index = store_add_file(ctx->store, path);
    builder b;
    builder_begin(&b, ctx->plan, ctx->store, &scratch, index, path);
    b.sums = &ctx->sums;
    folder_period(path, &b.stated);
    bool readable = has_extension(path, "xml") ? xmlfile_read(&b, path, ctx->schema)
                                               : sheet_read(&b, path);
    builder_end(&b, readable);
    arena_free(&scratch);
}

int ingest_file(ingest_context *ctx, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(&ctx->store->diags, DIAG_ERROR, path, 0, NULL, NULL, "不是可读取的文件");
        return -1;
    }
    read_submission(ctx, path);
    return 0;
}

/* The walk: paths found so far, and the plan file to leave out. */
typedef struct walk {
    ingest_context *ctx;
    vec paths; /* char * (heap) */
    bool has_plan;
    struct stat plan;
} walk;

static bool is_plan(const walk *w, const struct stat *st)
{
    return w->has_plan && st->st_dev == w->plan.st_dev && st->st_ino == w->plan.st_ino;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    char *path = malloc(n + strlen(name) + 2);
    if (!path)
        die_oom();
    strcpy(path, dir);
    if (!slash)
        strcat(path, "/");
    strcat(path, name);
    return path;
}

/* An entry not read: one error (a line of rejects.csv) saying why, and the count. */
static void skip(walk *w, const char *path, const char *reason)
{
    diag_add(&w->ctx->store->diags, DIAG_ERROR, path, 0, NULL, NULL, reason);
    w->ctx->store->skipped++;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int collect(walk *w, const char *dir, int depth);

/* Decides about one entry of a folder; keeps path (heap) or frees it. */
static void consider(walk *w, char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        skip(w, path, "无法读取，未读入");
    } else if (S_ISDIR(st.st_mode)) {
        if (depth >= MAX_DEPTH)
            skip(w, path, "文件夹层次过深，未读入");
        else
            collect(w, path, depth + 1);
    } else if (!S_ISREG(st.st_mode)) {
        skip(w, path, "不是普通文件（设备、管道或套接字），未读入");
    } else if (is_plan(w, &st)) {
        /* the plan, read as the plan */
    } else if (!is_submission(path)) {
        skip(w, path, "不是报送文件（应为.csv、.txt、.tsv或.xml），未读入");
    } else {
        *(char **)vec_push(&w->paths) = path;
        return;
    }
    free(path);
}

static int collect(walk *w, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_add(&w->ctx->store->diags, DIAG_ERROR, dir, 0, NULL, NULL, "无法读取文件夹");
        return -1;
    }
    vec names; /* char * (heap), sorted so that messages come in byte order */
    vec_init(&names, sizeof(char *));
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            *(char **)vec_push(&names) = join(dir, entry->d_name);
    closedir(d);
    if (names.count > 0)
        qsort(names.items, names.count, sizeof(char *), compare_paths);
    for (size_t i = 0; i < names.count; i++) {
        char *path = *(char **)vec_at(&names, i);
        if (path[strlen(dir) + (dir[0] && dir[strlen(dir) - 1] != '/')] == '.') {
            skip(w, path, "是隐藏的文件或文件夹（名称以“.”开头），未读入");
            free(path);
        } else {
            consider(w, path, depth);
        }
    }
    vec_free(&names);
    return 0;
}

int ingest_folder(ingest_context *ctx, const char *input_dir, const char *plan_path)
{
    walk w = {.ctx = ctx};
    vec_init(&w.paths, sizeof(char *));
    w.has_plan = plan_path && stat(plan_path, &w.plan) == 0;
    int status = collect(&w, input_dir, 0);
    if (w.paths.count > 0)
        qsort(w.paths.items, w.paths.count, sizeof(char *), compare_paths);
    for (size_t i = 0; i < w.paths.count; i++) {
        char *path = *(char **)vec_at(&w.paths, i);
        read_submission(ctx, path);
        free(path);
    }
    vec_free(&w.paths);
    store_supersede(ctx->store);
    return status;
}
