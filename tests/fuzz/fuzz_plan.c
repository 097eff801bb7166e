/*
 * fuzz_plan.c: libFuzzer harness: any bytes as the plan file, loaded by plan_load with
 * schemas/plan.xsd; the arena and diagnostics are released after each input.
 */
#include "ingest/planfile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena memory = {0};
    diag_list diags;
    plan p;
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/bulletin-fuzz-plan-%ld.xml", (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    diag_init(&diags, &memory);
    plan_load(path, "schemas/plan.xsd", &memory, &p, &diags);
    diag_free(&diags);
    arena_free(&memory);
    return 0;
}
