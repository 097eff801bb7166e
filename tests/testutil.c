/*
 * testutil.c: command running and file reading for the tests (see testutil.h).
 */
#define _GNU_SOURCE
#include "testutil.h"

#include "ingest/planfile.h"
#include "model/plan.h"
#include "model/store.h"
#include "model/xmlsafe.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

char *read_whole_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity + 1);
    size_t n;
    while (data && (n = fread(data + used, 1, capacity - used, f)) > 0) {
        used += n;
        if (used == capacity) {
            capacity *= 2;
            data = realloc(data, capacity + 1);
        }
    }
    fclose(f);
    if (!data)
        return NULL;
    data[used] = '\0';
    if (length)
        *length = used;
    return data;
}

command_result run_command(const char *format, ...)
{
    command_result r = {0};
    char *command = NULL;
    va_list args;
    va_start(args, format);
    if (vasprintf(&command, format, args) < 0)
        abort();
    va_end(args);
    char *folder = make_scratch_folder();
    char *full = NULL;
    if (asprintf(&full, "( %s ) >%s/out 2>%s/err", command, folder, folder) < 0)
        abort();
    int status = system(full);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    char *path = NULL;
    if (asprintf(&path, "%s/out", folder) < 0)
        abort();
    r.out = read_whole_file(path, &r.out_length);
    free(path);
    if (asprintf(&path, "%s/err", folder) < 0)
        abort();
    r.err = read_whole_file(path, NULL);
    free(path);
    char *cleanup = NULL;
    if (asprintf(&cleanup, "rm -rf %s", folder) < 0 || system(cleanup) != 0)
        abort();
    free(cleanup);
    free(full);
    free(command);
    free(folder);
    return r;
}

void remove_scratch_folder(char *folder)
{
    command_result removed = run_command("rm -rf '%s'", folder);
    command_result_free(&removed);
    free(folder);
}

void command_result_free(command_result *r)
{
    free(r->out);
    free(r->err);
}

char *make_scratch_folder(void)
{
    const char *tmp = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/bulletin-test.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
        abort();
    if (!mkdtemp(path))
        abort();
    return path;
}

const char *bulletin_binary(void)
{
    const char *bin = getenv("BULLETIN_BIN");
    return bin && *bin ? bin : "build/bulletin";
}

int run_suite(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

const char *store_messages(const store *s, arena *a)
{
    const char *all = "";
    for (size_t i = 0; i < s->diags.items.count; i++)
        all = arena_printf(a, "%s%s\n", all, diag_format(diag_at(&s->diags, i), a));
    return all;
}

const submission_file *store_file_at(const store *s, const char *path)
{
    for (size_t i = 0; i < s->files.count; i++)
        if (strcmp(store_file(s, (int)i)->path, path) == 0)
            return store_file(s, (int)i);
    ck_abort_msg("no file %s", path);
    return NULL;
}

void load_sample_plan(arena *memory, plan *out)
{
    diag_list diags;
    diag_init(&diags, memory);
    xmlsafe_init();
    int status = plan_load("input/plan.xml", "schemas/plan.xsd", memory, out, &diags);
    ck_assert_msg(status == 0, "input/plan.xml does not load: %s",
                  diags.items.count ? diag_at(&diags, 0)->reason : "");
    diag_free(&diags);
}

bool same_file_bytes(const char *a, const char *b)
{
    size_t length_a = 0, length_b = 0;
    char *bytes_a = read_whole_file(a, &length_a), *bytes_b = read_whole_file(b, &length_b);
    bool same = bytes_a && bytes_b && length_a == length_b && !memcmp(bytes_a, bytes_b, length_a);
    free(bytes_a);
    free(bytes_b);
    return same;
}
