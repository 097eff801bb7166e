/*
 * check_operation.c: the program as cron runs it, on the sample input.  Every exit
 * status provoked for real (64, 65, 66, 73 with a file where a folder must be and under
 * `ulimit -f`, 75 with the lock held by this process), kills at every named stage of a
 * write (the BULLETIN_TEST_KILL_AT hook) leaving whole files, the quarter's archive made
 * once and never changed, and `verify` naming a tampered file.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include "report/archive.h"
#include "report/outset.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* 2015-10-02 and 2015-10-03, 00:00 UTC. */
#define EPOCH_OCT_2 "1443744000"
#define EPOCH_OCT_3 "1443830400"

static char *path_join(const char *folder, const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", folder, name) < 0)
        abort();
    return path;
}

/* The sample input with nothing wrong (made once, in main): the plain tree of
 * tools/gensample.c (no faulty rows), the late projects report dated in time, and the two
 * offices' missing quarterly items added, so that a run of 2015-09 exits 0.  The
 * sample itself keeps its faults. */
static char *clean_input;

static void make_clean_input(void)
{
    char *scratch = make_scratch_folder();
    clean_input = path_join(scratch, "input");
    command_result r = run_command(
        "set -e; cc -std=c11 -O1 -o %s/gensample tools/gensample.c; %s/gensample --plain %s; "
        "cp input/plan.xml %s/; cd %s; "
        "sed -i 's/2015-10-03/2015-09-30/' 2015-09/时尚旅游-项目.csv; "
        "for office in 市发改局 市科技局; do "
        "sed \"s/市经信局/$office/g\" 2015-Q3/季度-市经信局.csv > 2015-Q3/季度-$office.csv; done",
        scratch, scratch, clean_input, clean_input, clean_input);
    if (r.status != 0) {
        fprintf(stderr, "cannot make the clean input: %s\n", r.err);
        abort();
    }
    command_result_free(&r);
    free(scratch);
}

/* `bulletin run` for 2015-09 from the clean sample input into output, "today" given as epoch. */
/* With a kill hook the command is followed by "; exit $?", so that the shell that
 * waits for the killed program is the captured one and says "Killed" there. */
static command_result run_month(const char *output, const char *epoch, const char *hook)
{
    return run_command("%s%s SOURCE_DATE_EPOCH=%s %s run --period 2015-09 --input %s "
                       "--output %s; exit $?",
                       hook ? "BULLETIN_TEST_KILL_AT=" : "", hook ? hook : "", epoch,
                       bulletin_binary(), clean_input, output);
}

static command_result run_quarter(const char *output, const char *input, const char *hook)
{
    return run_command("%s%s %s quarter --quarter 2015-Q3 --now 2015-10-11 --input %s "
                       "--plan input/plan.xml --output %s; exit $?",
                       hook ? "BULLETIN_TEST_KILL_AT=" : "", hook ? hook : "", bulletin_binary(),
                       input, output);
}

static char *listing(const char *folder)
{
    command_result r = run_command("cd %s && find . | LC_ALL=C sort", folder);
    ck_assert_int_eq(r.status, 0);
    free(r.err);
    return r.out;
}

/* The folder holds nothing. */
static void assert_empty(const char *folder)
{
    char *files = listing(folder);
    ck_assert_str_eq(files, ".\n");
    free(files);
}

/* scratch/out is empty (the run wrote nothing into it); removes scratch. */
static void assert_nothing_written(char *scratch)
{
    char *output = path_join(scratch, "out");
    assert_empty(output);
    free(output);
    remove_scratch_folder(scratch);
}

static void assert_same_bytes(const char *a, const char *b)
{
    ck_assert_msg(same_file_bytes(a, b), "%s and %s differ", a, b);
}

static const char *const month_files[] = {"bulletin-2015-09.pdf", "summary.json", "rejects.csv",
                                          "manifest.json"};

/* folder/2015-09/<the i-th file of a month>, malloc'd. */
static char *month_file(const char *folder, size_t i)
{
    char *path = NULL;
    if (asprintf(&path, "%s/2015-09/%s", folder, month_files[i]) < 0)
        abort();
    return path;
}

/* Each file of the month in folder has the bytes of the same file in one of the others. */
static void assert_month_is(const char *folder, const char *one, const char *other,
                            const char *when)
{
    for (size_t i = 0; i < sizeof month_files / sizeof *month_files; i++) {
        char *path = month_file(folder, i), *a = month_file(one, i), *b = month_file(other, i);
        ck_assert_msg(same_file_bytes(path, a) || same_file_bytes(path, b), "%s: %s is not whole",
                      when, path);
        free(path);
        free(a);
        free(b);
    }
}

/* ---- the command line ---- */

START_TEST(success_is_silent_and_today_picks_the_period)
{
    char *output = make_scratch_folder();
    command_result r = run_command("SOURCE_DATE_EPOCH=" EPOCH_OCT_2 " %s run --input %s --output %s",
                                   bulletin_binary(), clean_input, output);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, ""); /* not a terminal: no progress bar */
    command_result_free(&r);
    char *month = path_join(output, "2015-09/bulletin-2015-09.pdf");
    ck_assert_int_eq(access(month, R_OK), 0);
    free(month);
    r = run_command("%s run --now 2015-08-02 --input %s --output %s", bulletin_binary(),
                    clean_input, output);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    char *july = path_join(output, "2015-07/summary.json");
    ck_assert_int_eq(access(july, R_OK), 0);
    free(july);
    remove_scratch_folder(output);
}
END_TEST

START_TEST(help_and_version)
{
    command_result r = run_command("%s --version", bulletin_binary());
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "bulletin 0.1.0\n");
    command_result_free(&r);
    r = run_command("%s quarter --help", bulletin_binary());
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "bulletin quarter [--quarter YYYY-Qn]"));
    ck_assert_ptr_nonnull(strstr(r.out, "bulletin verify  [-v] ARCHIVE_DIR"));
    /* Every status of bulletin(1)'s EXIT STATUS, in the order it lists them. */
    ck_assert_ptr_nonnull(strstr(r.out,
        "退出状态：0 完成；3 完成但有拒收、警告或缺报；64 用法错误；65 计划或模板无效\n"
        "（verify：归档与清单不符）；66 没有输入；71 内存或可打开文件数不足；73 无法写入输出；\n"
        "75 另一个运行持有锁。\n"));
    ck_assert_str_eq(r.err, "");
    command_result_free(&r);
}
END_TEST

START_TEST(a_progress_bar_only_on_a_terminal)
{
    char *output = make_scratch_folder();
    /* script(1) gives the program a terminal; what it draws comes back in the typescript. */
    command_result r = run_command("script -qec '%s run --now 2015-10-02 --input %s --output %s' /dev/null",
                                   bulletin_binary(), clean_input, output);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "[######------------------] 1/4 读取计划与报送文件"));
    ck_assert_ptr_nonnull(strstr(r.out, "\r\033[K"));
    command_result_free(&r);
    remove_scratch_folder(output);
}
END_TEST

START_TEST(a_bad_option_gives_64_and_touches_nothing)
{
    char *scratch = make_scratch_folder();
    char *output = path_join(scratch, "out");
    command_result r = run_command("%s run --perod 2015-09 --output %s", bulletin_binary(), output);
    ck_assert_int_eq(r.status, 64);
    ck_assert_str_eq(r.err, "bulletin: 未知的选项或缺少取值：“--perod”（bulletin --help 查看用法）\n");
    command_result_free(&r);
    r = run_command("%s quarter --quarter 2015-09 --output %s", bulletin_binary(), output);
    ck_assert_int_eq(r.status, 64);
    ck_assert_str_eq(r.err, "bulletin: “2015-09”不是季度（应为 YYYY-Qn）（bulletin --help 查看用法）\n");
    command_result_free(&r);
    r = run_command("%s verify", bulletin_binary());
    ck_assert_int_eq(r.status, 64);
    command_result_free(&r);
    ck_assert_int_eq(access(output, F_OK), -1);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

START_TEST(an_invalid_plan_gives_65_and_no_archive)
{
    char *output = make_scratch_folder();
    command_result r = run_command("%s quarter --quarter 2015-Q3 --plan tests/data/plan/malformed.xml "
                                   "--output %s",
                                   bulletin_binary(), output);
    ck_assert_int_eq(r.status, 65);
    ck_assert_ptr_nonnull(strstr(r.err, "tests/data/plan/malformed.xml:4: 计划文件无效"));
    command_result_free(&r);
    assert_empty(output);
    remove_scratch_folder(output);
}
END_TEST

/* A name in a branch the sample's figures never take (every month has key projects) is
 * refused when the template is loaded: 65, the template's line, nothing written. */
START_TEST(an_unknown_name_in_an_unreached_branch_gives_65)
{
    char *scratch = make_scratch_folder();
    command_result r = run_command(
        "sed 's/本期未收到重点项目报表。/本期未收到{projcts.count}份重点项目报表。/' "
        "templates/monthly.xml >%s/t.xml && grep -n '{projcts.count}' %s/t.xml | cut -d: -f1 && "
        "%s run --period 2015-09 --input %s --template %s/t.xml --output %s/out",
        scratch, scratch, bulletin_binary(), clean_input, scratch, scratch);
    ck_assert_int_eq(r.status, 65);
    char *expected = NULL;
    if (asprintf(&expected, "%s/t.xml:%d: 模板无效：未知的占位符{projcts.count}\n", scratch,
                 atoi(r.out)) < 0)
        abort();
    ck_assert_int_gt(atoi(r.out), 0);
    ck_assert_str_eq(r.err, expected);
    free(expected);
    command_result_free(&r);
    assert_nothing_written(scratch);
}
END_TEST

START_TEST(no_input_gives_66)
{
    char *scratch = make_scratch_folder();
    char *empty = path_join(scratch, "empty"), *output = path_join(scratch, "out");
    ck_assert_int_eq(mkdir(empty, 0777), 0);
    command_result r = run_command("%s run --period 2015-09 --input %s --plan input/plan.xml "
                                   "--output %s",
                                   bulletin_binary(), empty, output);
    ck_assert_int_eq(r.status, 66);
    char *expected = NULL;
    if (asprintf(&expected, "%s: 输入文件夹中没有任何报送文件\n", empty) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    command_result_free(&r);
    r = run_command("%s quarter --input %s/missing --plan input/plan.xml --output %s",
                    bulletin_binary(), scratch, output);
    ck_assert_int_eq(r.status, 66);
    command_result_free(&r);
    free(expected);
    free(empty);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

START_TEST(an_unwritable_output_gives_73)
{
    char *scratch = make_scratch_folder();
    char *file = path_join(scratch, "file");
    command_result r = run_command("echo keep >%s && %s run --now 2015-10-02 --output %s/out",
                                   file, bulletin_binary(), file);
    ck_assert_int_eq(r.status, 73);
    ck_assert_ptr_nonnull(strstr(r.err, "无法创建输出文件夹：路径中有一项不是文件夹"));
    command_result_free(&r);
    /* A file where the month's folder must be: nothing else is written, the file stays. */
    char *output = path_join(scratch, "out");
    r = run_command("mkdir %s && echo keep >%s/2015-09 && %s run --now 2015-10-02 --output %s",
                    output, output, bulletin_binary(), output);
    ck_assert_int_eq(r.status, 73);
    char *expected = NULL;
    if (asprintf(&expected, "%s/2015-09: 无法写入输出文件，原有文件未改动：路径中有一项不是文件夹\n",
                 output) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    free(expected);
    command_result_free(&r);
    char *files = listing(output);
    ck_assert_str_eq(files, ".\n./2015-09\n");
    char *month = path_join(output, "2015-09");
    char *kept = read_whole_file(month, NULL);
    ck_assert_str_eq(kept, "keep\n");
    free(kept);
    free(month);
    free(files);
    free(output);
    free(file);
    remove_scratch_folder(scratch);
}
END_TEST

/* A full device, as a file size limit: 73, and every previous file byte for byte. */
START_TEST(a_full_device_gives_73_and_keeps_the_previous_files)
{
    char *before = make_scratch_folder(), *output = make_scratch_folder();
    command_result r = run_month(before, EPOCH_OCT_2, NULL);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    r = run_command("cp -a %s/. %s", before, output);
    command_result_free(&r);
    r = run_quarter(output, "input", NULL);
    ck_assert_int_eq(r.status, 3);
    command_result_free(&r);
    char *files = listing(output);
    r = run_command("ulimit -f 1; SOURCE_DATE_EPOCH=" EPOCH_OCT_3 " %s run --period 2015-09 "
                    "--output %s",
                    bulletin_binary(), output);
    ck_assert_int_eq(r.status, 73);
    ck_assert_ptr_nonnull(strstr(r.err, "磁盘已满或超出文件大小限制"));
    command_result_free(&r);
    r = run_command("ulimit -f 1; %s quarter --now 2015-10-12 --output %s", bulletin_binary(),
                    output);
    ck_assert_int_eq(r.status, 73);
    command_result_free(&r);
    assert_month_is(output, before, before, "ulimit -f 1");
    char *after = listing(output);
    ck_assert_str_eq(after, files); /* no temporary file left, no new archive */
    free(after);
    r = run_command("%s verify %s/archive/2015-Q3", bulletin_binary(), output);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    free(files);
    remove_scratch_folder(before);
    remove_scratch_folder(output);
}
END_TEST

/* The staging paths themselves, below a file size limit, in a child process. */
static int write_under_limit(const char *folder)
{
    struct rlimit limit = {4096, 4096};
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
        return 10;
    static char big[65536];
    memset(big, 'x', sizeof big);
    arena memory = {0};
    outset set;
    outset_begin(&set, &memory, folder, "month");
    buffer_puts(outset_add(&set, "small"), "new\n");
    buffer_append(outset_add(&set, "large"), big, sizeof big);
    if (outset_commit(&set, OUTSET_REPLACE) != -1 || set.placed)
        return 11;
    if (set.error != EFBIG || !strstr(set.failed_path, "/large"))
        return 12;
    outset_end(&set);
    archive a;
    archive_init(&a, &memory);
    buffer_append(archive_add(&a, "data/x.csv"), big, sizeof big);
    int error = 0;
    const char *failed = NULL;
    if (archive_commit(&a, folder, "2015-Q3", NULL, NULL, &error, &failed) != -1 ||
        error != EFBIG)
        return 13;
    archive_free(&a);
    arena_free(&memory);
    return 0;
}

START_TEST(a_failed_write_leaves_the_destination_whole)
{
    char *folder = make_scratch_folder();
    char *month = path_join(folder, "month"), *small = path_join(month, "small");
    mkdir(month, 0777);
    FILE *f = fopen(small, "w");
    fputs("old\n", f);
    fclose(f);
    pid_t child = fork();
    if (child == 0)
        _exit(write_under_limit(folder));
    int status = 0;
    waitpid(child, &status, 0);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    char *kept = read_whole_file(small, NULL);
    ck_assert_str_eq(kept, "old\n");
    char *files = listing(folder);
    ck_assert_str_eq(files, ".\n./month\n./month/small\n"); /* no staging or archive folder */
    free(files);
    free(kept);
    free(small);
    free(month);
    remove_scratch_folder(folder);
}
END_TEST

START_TEST(a_held_lock_gives_75)
{
    char *output = make_scratch_folder();
    int fd = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* the folder's own lock */
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
    command_result r = run_month(output, EPOCH_OCT_2, NULL);
    ck_assert_int_eq(r.status, 75);
    char *expected = NULL;
    if (asprintf(&expected, "%s: 另一个 bulletin 正在运行（输出文件夹已加锁），本次未做任何改动\n", output) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    command_result_free(&r);
    r = run_quarter(output, "input", NULL);
    ck_assert_int_eq(r.status, 75);
    command_result_free(&r);
    assert_empty(output);
    close(fd); /* released: the next run goes ahead */
    r = run_month(output, EPOCH_OCT_2, NULL);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    free(expected);
    remove_scratch_folder(output);
}
END_TEST

START_TEST(rejected_rows_give_3_and_one_line)
{
    char *scratch = make_scratch_folder();
    char *output = path_join(scratch, "out");
    command_result r = run_command(
        "cp -r %s %s/input && sed -i 's/,428.6,/,42a8.6,/' '%s/input/2015-09/信息经济-项目.csv' && "
        "%s run --now 2015-10-02 --input %s/input --output %s",
        clean_input, scratch, scratch, bulletin_binary(), scratch, output);
    ck_assert_int_eq(r.status, 3);
    char *expected = NULL;
    if (asprintf(&expected, "bulletin: 2015-09 已生成；拒收文件 0 个，拒收 1 行，跳过 0 项，警告 0 条，迟报或缺报 0 份，详见 %s/2015-09/\n",
                 output) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    ck_assert_str_eq(r.out, "");
    command_result_free(&r);
    free(expected);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

/* Out of descriptors is the machine's problem, not the plan's: 71, one line, nothing
 * written. */
START_TEST(out_of_descriptors_gives_71_and_touches_nothing)
{
    char *output = make_scratch_folder();
    command_result r = run_command("ulimit -n 5; SOURCE_DATE_EPOCH=" EPOCH_OCT_2 " %s run "
                                   "--period 2015-09 --input %s --output %s",
                                   bulletin_binary(), clean_input, output);
    ck_assert_msg(r.status == 71, "status %d: %s", r.status, r.err);
    ck_assert_str_eq(r.err, "bulletin: 可同时打开的文件数已达上限，运行中止；原有输出文件未改动\n");
    command_result_free(&r);
    assert_empty(output);
    remove_scratch_folder(output);
}
END_TEST

/* Out of descriptors while walking the input folder ends the run with 71 too, instead of
 * skipping the folder it could not open (a chain of 14 nested folders needs more than the
 * 12 descriptors that the rest of the run does with). */
START_TEST(out_of_descriptors_in_the_walk_gives_71)
{
    char *scratch = make_scratch_folder();
    command_result r = run_command(
        "cp -r %s %s/input && mkdir -p %s/input/a/b/c/d/e/f/g/h/i/j/k/l/m/n && "
        "ulimit -n 12; SOURCE_DATE_EPOCH=" EPOCH_OCT_2 " %s run --period 2015-09 --input "
        "%s/input --output %s/out",
        clean_input, scratch, scratch, bulletin_binary(), scratch, scratch);
    ck_assert_msg(r.status == 71, "status %d: %s", r.status, r.err);
    ck_assert_str_eq(r.err, "bulletin: 可同时打开的文件数已达上限，运行中止；原有输出文件未改动\n");
    command_result_free(&r);
    assert_nothing_written(scratch);
}
END_TEST

/* Folders are made as mkdir makes them: 0777 less the umask, archives included. */
START_TEST(folders_honour_the_umask)
{
    char *output = make_scratch_folder();
    command_result r = run_command("umask 027; SOURCE_DATE_EPOCH=" EPOCH_OCT_2 " %s run --period "
                                   "2015-09 --input %s --output %s/out && %s quarter --quarter "
                                   "2015-Q3 --now 2015-10-11 --input %s --output %s/out; "
                                   "cd %s/out && stat -c '%%a %%n' 2015-09 archive archive/2015-Q3 "
                                   "archive/2015-Q3/data archive/2015-Q3/manifest.json",
                                   bulletin_binary(), clean_input, output, bulletin_binary(),
                                   clean_input, output, output);
    ck_assert_str_eq(r.out, "750 2015-09\n750 archive\n750 archive/2015-Q3\n"
                            "750 archive/2015-Q3/data\n644 archive/2015-Q3/manifest.json\n");
    command_result_free(&r);
    remove_scratch_folder(output);
}
END_TEST

/* ---- kills ---- */

static const char *const stages[] = {"staged", "renaming", "renamed", "synced"};

/* Kills `bulletin run` at every checkpoint of every stage.  Before each kill the folder
 * holds the bulletin of 2 October; after it every file is whole (that one or the new
 * one of 3 October), and the next run gives the bytes of a clean run. */
START_TEST(a_killed_run_leaves_whole_files)
{
    char *clean = make_scratch_folder(), *output = make_scratch_folder();
    command_result r = run_month(clean, EPOCH_OCT_3, NULL);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    char *old_folder = make_scratch_folder();
    r = run_month(old_folder, EPOCH_OCT_2, NULL);
    command_result_free(&r);
    int kills = 0;
    for (size_t s = 0; s < sizeof stages / sizeof *stages; s++) {
        for (int n = 1;; n++) {
            r = run_month(output, EPOCH_OCT_2, NULL);
            ck_assert_int_eq(r.status, 0);
            command_result_free(&r);
            char hook[32];
            snprintf(hook, sizeof hook, "%s:%d", stages[s], n);
            r = run_month(output, EPOCH_OCT_3, hook);
            int status = r.status;
            command_result_free(&r);
            if (status == 0)
                break;
            ck_assert_msg(status == 128 + SIGKILL, "%s: status %d", hook, status);
            kills++;
            assert_month_is(output, old_folder, clean, hook);
            r = run_month(output, EPOCH_OCT_3, NULL);
            ck_assert_int_eq(r.status, 0);
            command_result_free(&r);
            char *files = listing(output), *expected = listing(clean);
            ck_assert_str_eq(files, expected); /* no temporary file left */
            free(files);
            free(expected);
            assert_month_is(output, clean, clean, hook);
        }
    }
    ck_assert_int_eq(kills, 5 + 1 + 1 + 1); /* five files staged, one exchange, one sync */
    remove_scratch_folder(clean);
    remove_scratch_folder(old_folder);
    remove_scratch_folder(output);
}
END_TEST

/* Kills `bulletin quarter` at every checkpoint: the archive is absent or whole, and the
 * next run leaves exactly the archive of a clean run. */
START_TEST(a_killed_quarter_leaves_no_half_archive)
{
    char *clean = make_scratch_folder(), *output = make_scratch_folder();
    command_result r = run_quarter(clean, "input", NULL);
    ck_assert_int_eq(r.status, 3);
    command_result_free(&r);
    char *clean_manifest = path_join(clean, "archive/2015-Q3/manifest.json");
    char *manifest = path_join(output, "archive/2015-Q3/manifest.json");
    char *archived = path_join(output, "archive/2015-Q3");
    int kills = 0;
    for (size_t s = 0; s < sizeof stages / sizeof *stages; s++) {
        for (int n = 1;; n++) {
            r = run_command("rm -rf %s/archive", output);
            command_result_free(&r);
            char hook[32];
            snprintf(hook, sizeof hook, "%s:%d", stages[s], n);
            r = run_quarter(output, "input", hook);
            int status = r.status;
            command_result_free(&r);
            if (status == 3)
                break;
            ck_assert_msg(status == 128 + SIGKILL, "%s: status %d", hook, status);
            kills++;
            if (access(archived, F_OK) == 0) {
                r = run_command("%s verify %s", bulletin_binary(), archived);
                ck_assert_msg(r.status == 0, "%s: half an archive: %s", hook, r.err);
                command_result_free(&r);
            }
            r = run_quarter(output, "input", NULL);
            ck_assert_int_eq(r.status, 3);
            command_result_free(&r);
            char *files = listing(output), *expected = listing(clean);
            ck_assert_str_eq(files, expected);
            free(files);
            free(expected);
            assert_same_bytes(manifest, clean_manifest);
        }
    }
    ck_assert_int_eq(kills, 12 + 1 + 1 + 1 + 1); /* twelve files and the manifest staged */
    free(archived);
    free(manifest);
    free(clean_manifest);
    remove_scratch_folder(clean);
    remove_scratch_folder(output);
}
END_TEST

/* ---- the quarter ---- */

/* The quarter's one line counts what `run`'s does: a file refused whole and an entry
 * skipped make the clean quarter's status 3, with both counted. */
START_TEST(the_quarter_counts_refused_files_and_skipped_entries)
{
    char *scratch = make_scratch_folder();
    command_result r = run_command(
        "cp -r %s %s/input && printf '\"unterminated,a\\n1,2\\n' >%s/input/2015-09/bad.csv && "
        "touch %s/input/2015-08/.hidden.csv",
        clean_input, scratch, scratch, scratch);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    char *input = path_join(scratch, "input"), *output = path_join(scratch, "out");
    r = run_quarter(output, input, NULL);
    ck_assert_int_eq(r.status, 3);
    char *expected = NULL;
    if (asprintf(&expected,
                 "bulletin: 2015-Q3 已归档于 %s/archive/2015-Q3；拒收文件 1 个，拒收 0 行，跳过 1 项，"
                 "警告 0 条（详见 %s/archive/2015-Q3/rejects.csv）\n",
                 output, output) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    free(expected);
    command_result_free(&r);
    free(input);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

START_TEST(the_quarter_archive_holds_report_bulletins_and_data)
{
    char *output = make_scratch_folder(), *monthly = make_scratch_folder();
    command_result r = run_quarter(output, "input", NULL);
    ck_assert_int_eq(r.status, 3);
    char *expected = NULL;
    if (asprintf(&expected,
                 "bulletin: 2015-Q3 已归档于 %s/archive/2015-Q3；拒收文件 0 个，拒收 5 行，跳过 0 项，警告 1 条；"
                 "季度事项未报送：市发改局、市科技局（详见 %s/archive/2015-Q3/rejects.csv）\n",
                 output, output) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    ck_assert_str_eq(r.out, "");
    command_result_free(&r);
    char *files = listing(output);
    ck_assert_str_eq(files, ".\n./archive\n./archive/2015-Q3\n"
                            "./archive/2015-Q3/bulletin-2015-07.pdf\n"
                            "./archive/2015-Q3/bulletin-2015-08.pdf\n"
                            "./archive/2015-Q3/bulletin-2015-09.pdf\n"
                            "./archive/2015-Q3/data\n"
                            "./archive/2015-Q3/data-2015-07.xlsx\n"
                            "./archive/2015-Q3/data-2015-08.xlsx\n"
                            "./archive/2015-Q3/data-2015-09.xlsx\n"
                            "./archive/2015-Q3/data/assessment.csv\n"
                            "./archive/2015-Q3/data/progress.csv\n"
                            "./archive/2015-Q3/data/projects.csv\n"
                            "./archive/2015-Q3/data/quarterly.csv\n"
                            "./archive/2015-Q3/manifest.json\n"
                            "./archive/2015-Q3/rejects.csv\n"
                            "./archive/2015-Q3/report-2015-Q3.pdf\n");
    /* a bulletin made again is the one `run` makes on the same day */
    r = run_command("%s run --period 2015-08 --now 2015-10-11 --output %s", bulletin_binary(),
                    monthly);
    ck_assert_int_eq(r.status, 0); /* a run reads its year's reports up to its month only */
    command_result_free(&r);
    char *made = path_join(output, "archive/2015-Q3/bulletin-2015-08.pdf");
    char *ran = path_join(monthly, "2015-08/bulletin-2015-08.pdf");
    assert_same_bytes(made, ran);
    /* the report: the figures at September, the change since June, the items */
    r = run_command("pdftotext -enc UTF-8 %s/archive/2015-Q3/report-2015-Q3.pdf - | tr -d ' \\n'",
                    output);
    ck_assert_int_eq(r.status, 0);
    const char *phrases[] = {
        "2015年第三季度", "累计完成产值817.59亿元",
        /* 8175939.5 − 5429012.x 万元 (2015-06 in tools/sample-figures.txt) */
        "第三季度完成产值274.70亿元", "比6月末（50.0%）增加25.3个百分点",
        "七、政策完善整合", "市经信局：起草《乐清市新兴产业发展专项资金管理办法（试行）》",
        "八、品牌建设", "柳市镇：推进“中国电器之都”区域品牌建设"};
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        ck_assert_msg(strstr(r.out, phrases[i]), "the report lacks “%s”", phrases[i]);
    command_result_free(&r);
    /* data/: every accepted project row of July to September (the plain tree's rows: the
     * sample's extra faulty rows are rejected), normalised */
    r = run_command("cat %s/2015-0[789]/*项目.csv | grep -vc '^项目编号'; "
                    "cat %s/2015-0[789]/*项目.xml | grep -c '<project '; "
                    "tail -n +2 %s/archive/2015-Q3/data/projects.csv | wc -l",
                    clean_input, clean_input, output);
    int csv_rows = 0, xml_rows = 0, archived = 0;
    ck_assert_int_eq(sscanf(r.out, "%d %d %d", &csv_rows, &xml_rows, &archived), 3);
    ck_assert_int_eq(archived, csv_rows + xml_rows);
    command_result_free(&r);
    char *quarterly = path_join(output, "archive/2015-Q3/data/quarterly.csv");
    char *text = read_whole_file(quarterly, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\xEF\xBB\xBF来源文件,行,报告期,报送单位,单位,事项,内容,有警告\r\n"
                                       "input/2015-Q3/季度-市市场监管局.csv,2,2015-Q3,市市场监管局,"
                                       "市市场监管局,品牌建设,新增浙江省著名商标6件、温州市知名商标11件，"
                                       "其中新兴产业企业8件。,否\r\n"));
    free(text);
    free(quarterly);
    free(made);
    free(ran);
    free(files);
    free(expected);
    remove_scratch_folder(monthly);
    remove_scratch_folder(output);
}
END_TEST

START_TEST(a_quarter_archived_twice_writes_nothing_the_second_time)
{
    char *scratch = make_scratch_folder();
    char *output = path_join(scratch, "out"), *input = path_join(scratch, "input");
    command_result r = run_command("cp -r input %s", input);
    command_result_free(&r);
    r = run_quarter(output, input, NULL);
    ck_assert_int_eq(r.status, 3);
    command_result_free(&r);
    char *before = NULL;
    r = run_command("cd %s && find . -printf '%%p %%s %%T@ %%i\\n' | LC_ALL=C sort", output);
    before = r.out;
    free(r.err);
    r = run_command("%s quarter --quarter 2015-Q3 --now 2015-11-20 --input %s "
                    "--plan input/plan.xml --output %s",
                    bulletin_binary(), input, output);
    ck_assert_int_eq(r.status, 3);
    ck_assert_ptr_nonnull(strstr(r.err, "/archive/2015-Q3 输入未变，本次未写入；"));
    command_result_free(&r);
    r = run_command("cd %s && find . -printf '%%p %%s %%T@ %%i\\n' | LC_ALL=C sort", output);
    ck_assert_str_eq(r.out, before); /* not a byte, not a time, not an inode changed */
    command_result_free(&r);
    /* a late item: a new version beside the old one, said on standard error */
    r = run_command("echo '市科技局,政策完善整合,出台科技新政十条。,市科技局,2015-Q3,2015-10-09' "
                    ">'%s/2015-Q3/季度-市科技局.csv.tmp' && "
                    "(echo 单位,事项,内容,报送单位,报告期,填报日期; cat '%s/2015-Q3/季度-市科技局.csv.tmp') "
                    ">'%s/2015-Q3/季度-市科技局.csv' && rm '%s/2015-Q3/季度-市科技局.csv.tmp' && "
                    "%s quarter --quarter 2015-Q3 --now 2015-10-11 --input %s "
                    "--plan input/plan.xml --output %s",
                    input, input, input, input, bulletin_binary(), input, output);
    ck_assert_int_eq(r.status, 3);
    char *said = NULL;
    if (asprintf(&said, "bulletin: %s/archive/2015-Q3 已存在且输入有变化，原归档未改动，"
                        "新的归档写入 %s/archive/2015-Q3.2\n",
                 output, output) < 0)
        abort();
    ck_assert_ptr_nonnull(strstr(r.err, said));
    ck_assert_ptr_nonnull(strstr(r.err, "季度事项未报送：市发改局（"));
    command_result_free(&r);
    r = run_command("(cd %s && find ./archive/2015-Q3 -printf '%%p %%s %%T@ %%i\\n' | LC_ALL=C sort); "
                    "%s verify %s/archive/2015-Q3 && %s verify %s/archive/2015-Q3.2",
                    output, bulletin_binary(), output, bulletin_binary(), output);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(before, r.out)); /* the first version untouched */
    command_result_free(&r);
    free(said);
    free(before);
    free(input);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

/* The sample's quarter archived into output; the archive's folder, malloc'd. */
static char *archive_sample_quarter(const char *output)
{
    command_result r = run_quarter(output, "input", NULL);
    ck_assert_int_eq(r.status, 3);
    command_result_free(&r);
    return path_join(output, "archive/2015-Q3");
}

START_TEST(a_tampered_archive_fails_verify_naming_the_file)
{
    char *output = make_scratch_folder(), *archived = archive_sample_quarter(output);
    command_result r;
    r = run_command("%s verify %s", bulletin_binary(), archived);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    command_result_free(&r);
    r = run_command("%s verify -v %s", bulletin_binary(), archived);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "：清单所列 12 个文件全部完好\n"));
    command_result_free(&r);
    r = run_command("cd %s && sed -i 's/6件/7件/' data/quarterly.csv && rm bulletin-2015-08.pdf && "
                    "echo x >notes.txt",
                    archived);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    r = run_command("%s verify %s", bulletin_binary(), archived);
    ck_assert_int_eq(r.status, 65);
    char *expected = NULL;
    if (asprintf(&expected,
                 "%s/bulletin-2015-08.pdf: 文件缺失（清单中有，归档中没有）\n"
                 "%s/data/quarterly.csv: 内容与清单不符（SHA-256 清单为 ",
                 archived, archived) < 0)
        abort();
    ck_assert_msg(strncmp(r.err, expected, strlen(expected)) == 0, "verify said:\n%s", r.err);
    char *extra = NULL;
    if (asprintf(&extra, "%s/notes.txt: 清单中没有这个文件（归档后被加入）\n", archived) < 0)
        abort();
    ck_assert_ptr_nonnull(strstr(r.err, extra));
    command_result_free(&r);
    r = run_command("echo '{\"files\": [' >%s/manifest.json && %s verify %s", archived,
                    bulletin_binary(), archived);
    ck_assert_int_eq(r.status, 65);
    ck_assert_ptr_nonnull(strstr(r.err, "manifest.json: 归档清单无法识别"));
    command_result_free(&r);
    r = run_command("rm %s/manifest.json && %s verify %s", archived, bulletin_binary(), archived);
    ck_assert_int_eq(r.status, 66);
    command_result_free(&r);
    free(extra);
    free(expected);
    free(archived);
    remove_scratch_folder(output);
}
END_TEST

/* The quarter archives a month's bulletin only when it is whole and current by that
 * month's manifest.json; else it makes it again from the input, or refuses (65). */
START_TEST(the_quarter_remakes_a_damaged_or_stale_month)
{
    char *scratch = make_scratch_folder(), *output = path_join(scratch, "out");
    char *month = path_join(output, "2015-09/bulletin-2015-09.pdf");
    char *archived = path_join(output, "archive/2015-Q3/bulletin-2015-09.pdf");
    command_result r = run_month(output, EPOCH_OCT_2, NULL);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    static const char remade[] = "；月度通报已损坏或过期、按现有输入重新生成后归档：2015-09";
    r = run_quarter(output, clean_input, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_null(strstr(r.err, remade));
    command_result_free(&r);
    assert_same_bytes(archived, month); /* whole and current: archived as it is */
    r = run_command("cp -r %s %s/stale && sed -i 's/,428.6,/,428.7,/' '%s/stale/2015-09/信息经济-项目.csv'"
                    " && rm -r %s/archive",
                    clean_input, scratch, scratch, output);
    command_result_free(&r);
    char *stale = path_join(scratch, "stale");
    r = run_quarter(output, stale, NULL);
    ck_assert_int_eq(r.status, 3);
    ck_assert_msg(strstr(r.err, remade) != NULL, "%s", r.err);
    command_result_free(&r);
    ck_assert(!same_file_bytes(archived, month));
    r = run_command("truncate -s 1000 %s && rm -r %s/archive", month, output);
    command_result_free(&r);
    r = run_quarter(output, clean_input, NULL);
    ck_assert_int_eq(r.status, 3);
    ck_assert_msg(strstr(r.err, remade) != NULL, "%s", r.err);
    command_result_free(&r);
    r = run_command("%s verify %s/archive/2015-Q3 && cmp -s %s %s", bulletin_binary(), output,
                    archived, month);
    ck_assert_int_eq(r.status, 1); /* whole, and not the truncated file */
    command_result_free(&r);
    r = run_command("cp -r %s %s/gone && rm -r %s/gone/2015-09 %s/archive", clean_input, scratch,
                    scratch, output);
    command_result_free(&r);
    char *gone = path_join(scratch, "gone");
    r = run_quarter(output, gone, NULL);
    ck_assert_int_eq(r.status, 65);
    char *expected = NULL;
    if (asprintf(&expected, "%s: 月度通报已损坏或与其 manifest.json 不符，且没有输入可重新生成；未归档\n",
                 month) < 0)
        abort();
    ck_assert_str_eq(r.err, expected);
    command_result_free(&r);
    ck_assert_int_ne(access(archived, F_OK), 0);
    free(expected);
    free(gone);
    free(stale);
    free(archived);
    free(month);
    free(output);
    remove_scratch_folder(scratch);
}
END_TEST

/* verify reads the manifest as JSON (jansson): escapes are text like any other, and a
 * path that leaves the archive, a duplicate key or a short hash is no manifest. */
START_TEST(verify_reads_escapes_and_refuses_paths_outside)
{
    char *output = make_scratch_folder(), *archived = archive_sample_quarter(output);
    command_result r;
    /* sed's s|from|to| in the shell's single quotes: \\ is one backslash in the file */
    static const struct {
        const char *from, *to;
        int status;
    } cases[] = {
        {"\"path\": \"rejects.csv\"", "\"path\": \"rej\\\\u0065cts.csv\"", 0},
        {"\"path\": \"data/projects.csv\"", "\"path\": \"data\\\\/projects.csv\"", 0},
        {"\"path\": \"rejects.csv\"", "\"path\": \"../2015-Q3/rejects.csv\"", 65},
        {"\"path\": \"rejects.csv\"", "\"path\": \"data\\\\/..\\\\/rejects.csv\"", 65},
        {"\"path\": \"rejects.csv\"", "\"path\": \"/etc/passwd\"", 65},
        {"\"path\": \"rejects.csv\"", "\"path\": \"x\", \"path\": \"rejects.csv\"", 65},
        {"\"sha256\": \"", "\"sha256\": \"0", 65},
    };
    char *manifest = path_join(archived, "manifest.json"), *kept = path_join(output, "kept");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r = run_command("cp %s %s && sed -i 's|%s|%s|' %s && ! cmp -s %s %s; changed=$?; "
                        "%s verify %s >/dev/null 2>&1; echo $changed $?; mv %s %s",
                        manifest, kept, cases[i].from, cases[i].to, manifest, manifest, kept,
                        bulletin_binary(), archived, kept, manifest);
        char expected[16];
        snprintf(expected, sizeof expected, "0 %d\n", cases[i].status);
        ck_assert_msg(strcmp(r.out, expected) == 0, "case %zu: %s", i, r.out);
        command_result_free(&r);
    }
    free(manifest);
    free(kept);
    free(archived);
    remove_scratch_folder(output);
}
END_TEST

int main(void)
{
    make_clean_input();
    Suite *suite = suite_create("operation");
    TCase *statuses = tcase_create("exit statuses");
    tcase_set_timeout(statuses, 120);
    tcase_add_test(statuses, success_is_silent_and_today_picks_the_period);
    tcase_add_test(statuses, help_and_version);
    tcase_add_test(statuses, a_progress_bar_only_on_a_terminal);
    tcase_add_test(statuses, a_bad_option_gives_64_and_touches_nothing);
    tcase_add_test(statuses, an_invalid_plan_gives_65_and_no_archive);
    tcase_add_test(statuses, an_unknown_name_in_an_unreached_branch_gives_65);
    tcase_add_test(statuses, no_input_gives_66);
    tcase_add_test(statuses, an_unwritable_output_gives_73);
    tcase_add_test(statuses, a_full_device_gives_73_and_keeps_the_previous_files);
    tcase_add_test(statuses, a_failed_write_leaves_the_destination_whole);
    tcase_add_test(statuses, a_held_lock_gives_75);
    tcase_add_test(statuses, folders_honour_the_umask);
    tcase_add_test(statuses, out_of_descriptors_gives_71_and_touches_nothing);
    tcase_add_test(statuses, out_of_descriptors_in_the_walk_gives_71);
    tcase_add_test(statuses, rejected_rows_give_3_and_one_line);
    suite_add_tcase(suite, statuses);
    TCase *kills = tcase_create("kills");
    tcase_set_timeout(kills, 600);
    tcase_add_test(kills, a_killed_run_leaves_whole_files);
    tcase_add_test(kills, a_killed_quarter_leaves_no_half_archive);
    suite_add_tcase(suite, kills);
    TCase *quarter = tcase_create("quarter");
    tcase_set_timeout(quarter, 120);
    tcase_add_test(quarter, the_quarter_archive_holds_report_bulletins_and_data);
    tcase_add_test(quarter, the_quarter_counts_refused_files_and_skipped_entries);
    tcase_add_test(quarter, a_quarter_archived_twice_writes_nothing_the_second_time);
    tcase_add_test(quarter, a_tampered_archive_fails_verify_naming_the_file);
    tcase_add_test(quarter, verify_reads_escapes_and_refuses_paths_outside);
    tcase_add_test(quarter, the_quarter_remakes_a_damaged_or_stale_month);
    suite_add_tcase(suite, quarter);
    return run_suite(suite);
}
