/*
 * timing.c: the stage times of BULLETIN_TIMING=1 (see timing.h).  Lines look like
 *   timing: ingest wall 0.0123 s cpu 0.0119 s rows=2741
 *   timing: total wall 0.0811 s cpu 0.0702 s peak-rss 24456 KiB
 * so that tools/bench.sh can read them with awk.
 */
#include "cmd/timing.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct instant {
    double wall, cpu; /* seconds */
} instant;

static struct {
    bool checked, on, ended;
    instant first, last;
} state;

static instant now(void)
{
    struct timespec wall;
    clock_gettime(CLOCK_MONOTONIC, &wall);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double cpu = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
                 (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
    return (instant){(double)wall.tv_sec + (double)wall.tv_nsec / 1e9, cpu};
}

/* True when timing is on; the clock starts at the first call. */
static bool timing_on(void)
{
    if (!state.checked) {
        const char *value = getenv("BULLETIN_TIMING");
        state.checked = true;
        state.on = value && value[0] && strcmp(value, "0") != 0;
        state.first = state.last = now();
    }
    return state.on;
}

void timing_start(void)
{
    if (timing_on())
        state.first = state.last = now();
}

void timing_mark(const char *stage, const char *detail)
{
    if (!timing_on() || state.ended)
        return;
    instant at = now();
    fprintf(stderr, "timing: %s wall %.4f s cpu %.4f s%s%s\n", stage, at.wall - state.last.wall,
            at.cpu - state.last.cpu, detail ? " " : "", detail ? detail : "");
    state.last = at;
}

void timing_end(void)
{
    if (!timing_on() || state.ended)
        return;
    state.ended = true;
    instant at = now();
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    fprintf(stderr, "timing: total wall %.4f s cpu %.4f s peak-rss %ld KiB\n",
            at.wall - state.first.wall, at.cpu - state.first.cpu, usage.ru_maxrss);
}
