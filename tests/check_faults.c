/*
 * check_faults.c: fault injection, as SQLite's tests do it.  tests/inject/inject.c,
 * preloaded into `bulletin run` on the sample, fails one call: every write, every fsync
 * and every rename of the run (and of the quarter) in turn, and every Kth of the run's
 * tens of thousands of allocations (K = 997 in `make check`; BULLETIN_OOM_STRIDE=1 in
 * `make check-oom`: every one).  Each run must
 * end with its documented status (71 out of memory, 73 a write that failed, or 3 when the
 * failure was survived), never a crash, saying on standard error what it left, and leave the
 * month's set whole: the previous one, or, only when it says so, the new one; nothing
 * else in the output folder.  Under the sanitizers only the I/O failures are injected
 * (the allocator is ASan's), and LeakSanitizer checks that they leak nothing.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2015-10-02 and 2015-10-03, 00:00 UTC: the previous set and the new one differ. */
#define EPOCH_OLD "1443744000"
#define EPOCH_NEW "1443830400"

static char *scratch, *old_set, *new_set;
static const char *library;

static const char *const month_files[] = {"bulletin-2015-09.pdf", "summary.json", "rejects.csv",
                                          "manifest.json"};

static char *joined(const char *folder, const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", folder, name) < 0)
        abort();
    return path;
}

/* Every file of output/2015-09 is that of reference/2015-09. */
static bool month_is(const char *output, const char *reference)
{
    bool same = true;
    for (size_t i = 0; same && i < sizeof month_files / sizeof *month_files; i++) {
        char *name = joined("2015-09", month_files[i]);
        char *a = joined(output, name), *b = joined(reference, name);
        same = same_file_bytes(a, b);
        free(a);
        free(b);
        free(name);
    }
    return same;
}

#define RUN "run --period 2015-09"
#define QUARTER "quarter --quarter 2015-Q3 --now 2015-10-11"

/* `bulletin <command>` on the sample into output (which holds the old month's set), with
 * hook as the injection (KIND:N), the counts written to report when not NULL; a run
 * makes the new set. */
static command_result run_injected(const char *command, const char *output, const char *hook,
                                   const char *report)
{
    return run_command("rm -rf %s && cp -a %s %s && BULLETIN_INJECT=%s%s%s LD_PRELOAD=%s "
                       "ASAN_OPTIONS=verify_asan_link_order=0 SOURCE_DATE_EPOCH=" EPOCH_NEW
                       " %s %s --output %s; exit $?",
                       output, old_set, output, hook, report ? " BULLETIN_INJECT_REPORT=" : "",
                       report ? report : "", library, bulletin_binary(), command, output);
}

typedef struct counts {
    long alloc, write, fsync, rename, live;
} counts;

static counts count_points(const char *command)
{
    char *output = joined(scratch, "counted"), *report = joined(scratch, "report");
    command_result r = run_injected(command, output, "none:0", report);
    ck_assert_int_eq(r.status, 3); /* the sample has rejected rows */
    command_result_free(&r);
    counts c = {0};
    char *text = read_whole_file(report, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(sscanf(text, "alloc %ld write %ld fsync %ld rename %ld live %ld", &c.alloc,
                            &c.write, &c.fsync, &c.rename, &c.live), 5);
    ck_assert(month_is(output, strcmp(command, RUN) == 0 ? new_set : old_set));
    free(text);
    free(report);
    free(output);
    return c;
}

/* One injected failure: its documented status, a line saying which set is in place, that
 * set whole, nothing else in the output folder. */
static void check_point(const char *kind, long n)
{
    char hook[48];
    snprintf(hook, sizeof hook, "%s:%ld", kind, n);
    char *output = joined(scratch, "out");
    command_result r = run_injected(RUN, output, hook, NULL);
    bool placed = strstr(r.err, "新的输出文件已就位") != NULL;
    bool allowed = r.status == 3 || (strcmp(kind, "alloc") == 0 ? r.status == 71 : r.status == 73);
    ck_assert_msg(allowed, "%s: status %d: %s", hook, r.status, r.err);
    if (r.status != 3) {
        ck_assert_msg(placed || strstr(r.err, "未改动"), "%s: %s", hook, r.err);
        ck_assert_msg(month_is(output, placed ? new_set : old_set), "%s: set not whole: %s",
                      hook, r.err);
    } else {
        ck_assert_msg(month_is(output, new_set), "%s: survived, but the set is not the new one",
                      hook);
    }
    command_result_free(&r);
    r = run_command("ls -A %s", output);
    ck_assert_msg(strcmp(r.out, "2015-09\n") == 0, "%s: left in the output folder: %s", hook, r.out);
    command_result_free(&r);
    free(output);
}

/* One injected failure in the quarter: 71, 73 or 3; the archive absent, or whole when it
 * says it is in place; the month's set untouched; no staging folder left. */
static void check_quarter_point(const char *kind, long n)
{
    char hook[48];
    snprintf(hook, sizeof hook, "%s:%ld", kind, n);
    char *output = joined(scratch, "out");
    command_result r = run_injected(QUARTER, output, hook, NULL);
    bool placed = r.status == 3 || strstr(r.err, "新的输出文件已就位") != NULL;
    ck_assert_msg(r.status == 3 || r.status == 71 || r.status == 73, "quarter %s: status %d: %s",
                  hook, r.status, r.err);
    command_result_free(&r);
    ck_assert_msg(month_is(output, old_set), "quarter %s: the month's set changed", hook);
    r = run_command("ls -A %s/archive", output);
    ck_assert_msg(strcmp(r.out, placed ? "2015-Q3\n" : "") == 0, "quarter %s: archive holds %s",
                  hook, r.out);
    command_result_free(&r);
    if (placed) {
        r = run_command("%s verify %s/archive/2015-Q3", bulletin_binary(), output);
        ck_assert_msg(r.status == 0, "quarter %s: %s", hook, r.err);
        command_result_free(&r);
    }
    free(output);
}

START_TEST(every_write_fsync_and_rename_of_the_quarter_fails_cleanly)
{
    counts c = count_points(QUARTER);
    for (long n = 1; n <= c.write; n++)
        check_quarter_point("write", n);
    for (long n = 1; n <= c.fsync; n++)
        check_quarter_point("fsync", n);
    for (long n = 1; n <= c.rename; n++)
        check_quarter_point("rename", n);
    printf("fault injection: quarter: %ld write, %ld fsync and %ld rename points\n", c.write,
           c.fsync, c.rename);
}
END_TEST

START_TEST(every_write_fsync_and_rename_fails_cleanly)
{
    counts c = count_points(RUN);
    ck_assert_int_gt(c.write, 0);
    ck_assert_int_gt(c.fsync, 0);
    ck_assert_int_gt(c.rename, 0);
    for (long n = 1; n <= c.write; n++)
        check_point("write", n);
    for (long n = 1; n <= c.fsync; n++)
        check_point("fsync", n);
    for (long n = 1; n <= c.rename; n++)
        check_point("rename", n);
    printf("fault injection: %ld write, %ld fsync and %ld rename points\n", c.write, c.fsync,
           c.rename);
}
END_TEST

START_TEST(allocation_failures_end_with_71_and_the_old_set)
{
    counts c = count_points(RUN);
    if (c.alloc == 0) { /* the sanitizers' allocator: nothing to inject */
        printf("fault injection: no allocation points under the sanitizers\n");
        return;
    }
    const char *wanted = getenv("BULLETIN_OOM_STRIDE");
    long stride = wanted && atol(wanted) > 0 ? atol(wanted) : 997; /* make check-oom: 1 */
    long points = 0;
    for (long n = 1; n <= c.alloc; n += stride, points++)
        check_point("alloc", n);
    printf("fault injection: %ld of %ld allocation points (every %ld)\n", points, c.alloc, stride);
}
END_TEST

static void make_sets(void)
{
    scratch = make_scratch_folder();
    old_set = joined(scratch, "old");
    new_set = joined(scratch, "new");
    command_result r = run_command("SOURCE_DATE_EPOCH=" EPOCH_OLD " %s run --period 2015-09 "
                                   "--output %s >/dev/null 2>&1; SOURCE_DATE_EPOCH=" EPOCH_NEW
                                   " %s run --period 2015-09 --output %s >/dev/null 2>&1",
                                   bulletin_binary(), old_set, bulletin_binary(), new_set);
    command_result_free(&r);
}

int main(void)
{
    library = getenv("BULLETIN_INJECT_LIBRARY");
    if (!library)
        library = "build/inject.so";
    make_sets();
    Suite *suite = suite_create("faults");
    TCase *tc = tcase_create("injected");
    tcase_set_timeout(tc, 1800); /* a run per point, under ASan on a busy 2-core box */
    tcase_add_test(tc, every_write_fsync_and_rename_fails_cleanly);
    tcase_add_test(tc, every_write_fsync_and_rename_of_the_quarter_fails_cleanly);
    tcase_add_test(tc, allocation_failures_end_with_71_and_the_old_set);
    suite_add_tcase(suite, tc);
    int status = run_suite(suite);
    command_result r = run_command("rm -rf %s", scratch);
    command_result_free(&r);
    return status;
}
