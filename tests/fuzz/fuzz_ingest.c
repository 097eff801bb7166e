/*
 * fuzz_ingest.c: shared by fuzz_csv and fuzz_xml: the plan and schema are loaded once
 * (as a run does), each input becomes one file under a scratch 2015-09/ folder, and
 * ingest_file reads it into a store that is freed afterwards, so leaks show up.
 */
#include "fuzz_ingest.h"
#include "ingest/planfile.h"
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static arena plan_memory;
static store plan_store;
static plan the_plan;
static ingest_context context;
static char folder[256];

static void load_once(void)
{
    char scratch[] = "/tmp/bulletin-fuzz-XXXXXX";
    if (folder[0])
        return;
    store_init(&plan_store, &plan_memory);
    if (plan_load("input/plan.xml", "schemas/plan.xsd", &plan_memory, &the_plan,
                  &plan_store.diags) != 0
        || ingest_open(&context, ".", &the_plan, &plan_store) != 0) {
        fprintf(stderr, "fuzz: run from the repository root (input/plan.xml, schemas/)\n");
        abort();
    }
    if (!mkdtemp(scratch))
        abort();
    snprintf(folder, sizeof folder, "%s/2015-09", scratch);
    if (mkdir(folder, 0700) != 0)
        abort();
}

const char *fuzz_ingest_path(const char *suffix)
{
    static char path[300];
    load_once();
    snprintf(path, sizeof path, "%s/submission%s", folder, suffix);
    return path;
}

void fuzz_ingest_file(const char *path)
{
    arena memory = {0};
    store s;
    store_init(&s, &memory);
    context.store = &s;
    ingest_file(&context, path);
    context.store = &plan_store;
    store_free(&s);
    arena_free(&memory);
}

void fuzz_ingest_bytes(const uint8_t *data, size_t size, const char *suffix)
{
    const char *path = fuzz_ingest_path(suffix);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    fuzz_ingest_file(path);
}
