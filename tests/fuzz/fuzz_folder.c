/*
 * fuzz_folder.c: libFuzzer harness for a whole input folder: the input is cut at each
 * "#~#\n" into up to 8 files, the first byte of each choosing its folder (2015-08,
 * 2015-09, 2015-Q3 or none) and its kind of name (.csv, .txt, .xml, .tsv); the folder is
 * ingested (walk, readers, superseding across the files) and 2015-09 aggregated (figures,
 * scores, timeliness), with the sanitizers' overflow checks on.  Besides crashes, leaks
 * and UB, a file whose rows do not add up (read = accepted + rejected + superseded) is
 * a finding.
 */
#define _GNU_SOURCE /* memmem */
#include "aggregate/figures.h"
#include "aggregate/scores.h"
#include "aggregate/timeliness.h"
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILES 8
#define MARKER "#~#\n"

static arena plan_memory;
static store plan_store;
static plan the_plan;
static char root[64];

static void load_once(void)
{
    if (root[0])
        return;
    store_init(&plan_store, &plan_memory);
    if (plan_load("input/plan.xml", "schemas/plan.xsd", &plan_memory, &the_plan,
                  &plan_store.diags) != 0) {
        fprintf(stderr, "fuzz: run from the repository root (input/plan.xml, schemas/)\n");
        abort();
    }
    snprintf(root, sizeof root, "/tmp/bulletin-fuzz-folder-XXXXXX");
    if (!mkdtemp(root))
        abort();
}

static const char *const folders[] = {"2015-08/", "2015-09/", "2015-Q3/", ""};
static const char *const suffixes[] = {".csv", ".txt", ".xml", ".tsv"};

/* Writes one part as file number i of the input folder. */
static void write_part(const uint8_t *part, size_t size, int i, const char *input)
{
    char path[256];
    unsigned choice = size > 0 ? part[0] : 0;
    snprintf(path, sizeof path, "%s/%sf%d%s", input, folders[choice & 3], i,
             suffixes[(choice >> 2) & 3]);
    FILE *f = fopen(path, "wb");
    size_t body = size > 0 ? size - 1 : 0;
    if (!f || fwrite(part + (size > 0), 1, body, f) != body || fclose(f) != 0)
        abort();
}

static void make_folder(const char *input, const uint8_t *data, size_t size)
{
    char command[512];
    snprintf(command, sizeof command, "rm -rf '%s' && mkdir -p '%s/2015-08' '%s/2015-09' '%s/2015-Q3'",
             input, input, input, input);
    if (system(command) != 0)
        abort();
    const uint8_t *start = data, *end = data + size;
    for (int i = 0; i < MAX_FILES && start <= end; i++) {
        const uint8_t *cut = memmem(start, (size_t)(end - start), MARKER, strlen(MARKER));
        const uint8_t *stop = cut ? cut : end;
        write_part(start, (size_t)(stop - start), i, input);
        if (!cut)
            break;
        start = cut + strlen(MARKER);
    }
}

static void check_counts(const store *s)
{
    for (size_t i = 0; i < s->files.count; i++) {
        const row_counts *c = &store_file(s, (int)i)->rows;
        if (c->read != c->accepted + c->rejected + c->superseded || c->warned > c->accepted ||
            c->accepted < 0) {
            fprintf(stderr, "fuzz: rows of %s do not add up\n", store_file(s, (int)i)->path);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once();
    char input[128];
    snprintf(input, sizeof input, "%s/input", root);
    make_folder(input, data, size);
    arena memory = {0};
    store s;
    store_init(&s, &memory);
    ingest_context context;
    if (ingest_open(&context, ".", &the_plan, &s) != 0)
        abort();
    context.today = 20151002;
    ingest_folder(&context, input, NULL);
    ingest_close(&context);
    check_counts(&s);
    period p = {2015, 9, 0};
    figures f;
    unit_scores scores;
    timeliness reports;
    figures_compute(&f, &the_plan, &s, p, &memory);
    scores_compute(&scores, &the_plan, &s, &f, &memory);
    timeliness_compute(&reports, &the_plan, &s, p, &memory);
    if (f.beyond) { /* ingest refuses what would overflow a sum: the figures never are */
        fprintf(stderr, "fuzz: figures beyond a money after ingest\n");
        abort();
    }
    store_free(&s);
    arena_free(&memory);
    return 0;
}
