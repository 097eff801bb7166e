/*
 * inject.c: fault injection for tests/check_faults.c, as SQLite's test harness does it.
 * Preloaded (LD_PRELOAD) into a run of the plain build, it counts, from the start of
 * main, every allocation (malloc, calloc, realloc), write, fsync (and fdatasync) and
 * rename (rename, renameat, renameat2), and fails them in one of two ways:
 *
 *   BULLETIN_INJECT=KIND:N  the Nth call of KIND (alloc, write, fsync, rename) fails:
 *                           NULL and ENOMEM, ENOSPC for a write, EIO for the others.
 *   BULLETIN_INJECT=sweep   at every call of every kind the process forks; the child
 *                           fails that call and runs on to its end, the parent waits for
 *                           it, checks the output folder, and goes on as if nothing
 *                           failed.  So one run fails each point once, in its own child.
 *   BULLETIN_INJECT=sweep:K the same at every Kth allocation only (and every I/O call).
 *
 * With BULLETIN_INJECT_REPORT=FILE, a normal exit of the (parent) process writes to FILE
 * a line per kind with its count, "live K" (allocations not freed, libraries' caches
 * included, to compare with a clean run's) and, for a sweep, a line per outcome:
 * "exit S K" (K children exited with status S), then "crash …", "torn …" and "leftover …"
 * lines naming the point (kind:N) of any child that died of a signal, left a month set
 * that is neither whole old nor whole new, or left anything else in the output folder.
 * A sweep checks BULLETIN_INJECT_OUTPUT/2015-09 against the sets of the folders
 * BULLETIN_INJECT_OLD and BULLETIN_INJECT_NEW (same layout) after every child.
 *
 * Allocation goes to glibc's own allocator (__libc_malloc …), so memory from either side
 * may be freed by the other; it is interposed only when built with INJECT_ALLOC (the plain
 * build: under ASan the allocator is ASan's and "alloc" counts 0).  libc's own internal
 * writes do not pass here.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);

enum kind { ALLOC, WRITE, FSYNC, RENAME, KINDS };
static const char *const kind_names[KINDS] = {"alloc", "write", "fsync", "rename"};

static long seen[KINDS];
static long live;
static int armed;        /* main has started */
static int busy;         /* inside the harness itself: calls pass through uncounted */
static int sweeping;
static long stride = 1;  /* a sweep forks at every stride-th allocation */
static int is_child;     /* a sweep's child: nothing more fails, no report */
static int fail_kind = -1;
static long fail_at;

/* ---- the sweep's record ---- */

enum { STATUSES = 256, NOTES = 64 };
static long exits[STATUSES];
static char notes[NOTES][48];
static int note_count;

static void note(const char *what, enum kind kind, long n)
{
    if (note_count < NOTES)
        snprintf(notes[note_count++], sizeof notes[0], "%s %s:%ld", what, kind_names[kind], n);
}

static char file_a[4 << 20], file_b[4 << 20];

/* The whole file at path into buffer; its length, or -1. */
static long slurp(const char *path, char *buffer, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t length = 0;
    ssize_t n;
    while (length < size && (n = read(fd, buffer + length, size - length)) > 0)
        length += (size_t)n;
    close(fd);
    return (long)length;
}

static int same_file(const char *a, const char *b)
{
    long length_a = slurp(a, file_a, sizeof file_a), length_b = slurp(b, file_b, sizeof file_b);
    return length_a >= 0 && length_a == length_b && memcmp(file_a, file_b, (size_t)length_a) == 0;
}

/* Names in folder other than . and .., counted; *other gets 1 when one is not in the
 * reference folder. */
static int count_entries(const char *folder, const char *reference, int *other)
{
    DIR *dir = opendir(folder);
    if (!dir)
        return -1;
    int count = 0;
    struct dirent *entry;
    char path[4096];
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        count++;
        snprintf(path, sizeof path, "%s/%s", reference, entry->d_name);
        if (access(path, F_OK) != 0)
            *other = 1;
    }
    closedir(dir);
    return count;
}

/* 1 when every file of folder/2015-09 equals that of reference/2015-09. */
static int month_equals(const char *folder, const char *reference)
{
    char month[2048], wanted[2048], a[4096], b[4096];
    snprintf(month, sizeof month, "%s/2015-09", folder);
    snprintf(wanted, sizeof wanted, "%s/2015-09", reference);
    int other = 0;
    if (count_entries(month, wanted, &other) != count_entries(wanted, wanted, &other) || other)
        return 0;
    DIR *dir = opendir(wanted);
    if (!dir)
        return 0;
    int same = 1;
    struct dirent *entry;
    while (same && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        snprintf(a, sizeof a, "%s/%s", month, entry->d_name);
        snprintf(b, sizeof b, "%s/%s", wanted, entry->d_name);
        same = same_file(a, b);
    }
    closedir(dir);
    return same;
}

/* The output folder and its month as they stand: when a child leaves both as they were
 * (same inode, same change time), it changed nothing and the files need no reading. */
typedef struct snapshot {
    struct stat folder, month;
} snapshot;

static void take_snapshot(snapshot *s)
{
    const char *output = getenv("BULLETIN_INJECT_OUTPUT");
    char month[2048];
    memset(s, 0, sizeof *s);
    if (!output)
        return;
    snprintf(month, sizeof month, "%s/2015-09", output);
    stat(output, &s->folder);
    stat(month, &s->month);
}

static int same_stat(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
           a->st_ctim.tv_nsec == b->st_ctim.tv_nsec && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void check_outputs(enum kind kind, long n, const snapshot *before)
{
    const char *output = getenv("BULLETIN_INJECT_OUTPUT");
    const char *old = getenv("BULLETIN_INJECT_OLD"), *new = getenv("BULLETIN_INJECT_NEW");
    if (!output || !old || !new)
        return;
    snapshot after;
    take_snapshot(&after);
    if (same_stat(&before->folder, &after.folder) && same_stat(&before->month, &after.month))
        return;
    if (!month_equals(output, old) && !month_equals(output, new))
        note("torn", kind, n);
    int other = 0;
    if (count_entries(output, old, &other) != 1 || other)
        note("leftover", kind, n);
}

/* The sweep at one point: 1 in the child (which fails the call), 0 in the parent. */
static int fork_point(enum kind kind, long n)
{
    busy = 1;
    fflush(NULL);
    snapshot before;
    take_snapshot(&before);
    pid_t child = fork();
    if (child == 0) {
        is_child = 1;
        busy = 0;
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDERR_FILENO);
        dup2(null, STDOUT_FILENO);
        alarm(60);
        return 1;
    }
    int status = 0;
    if (child > 0 && waitpid(child, &status, 0) == child) {
        if (WIFEXITED(status))
            exits[WEXITSTATUS(status)]++;
        else
            note("crash", kind, n);
        check_outputs(kind, n, &before);
    }
    busy = 0;
    return 0;
}

/* True when this call of kind is the one to fail. */
static int fails(enum kind kind)
{
    if (!armed || busy || is_child)
        return 0;
    long n = ++seen[kind];
    if (sweeping)
        return (kind != ALLOC || n % stride == 0) && fork_point(kind, n);
    if (n != fail_at || (int)kind != fail_kind)
        return 0;
    const char *trace = getenv("BULLETIN_INJECT_TRACE");
    if (trace) { /* where the failed call came from, into that file */
        busy = 1;
        int fd = open(trace, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        void *frames[32];
        if (fd >= 0)
            backtrace_symbols_fd(frames, backtrace(frames, 32), fd);
        if (fd >= 0)
            close(fd);
        busy = 0;
    }
    return 1;
}

/* ---- the calls ---- */

#ifdef INJECT_ALLOC /* not under ASan, whose allocator is its own */
void *malloc(size_t size)
{
    if (fails(ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_malloc(size);
    if (p)
        live++;
    return p;
}

void *calloc(size_t count, size_t size)
{
    if (fails(ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_calloc(count, size);
    if (p)
        live++;
    return p;
}

void *realloc(void *pointer, size_t size)
{
    if (fails(ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_realloc(pointer, size);
    if (!pointer && p)
        live++;
    else if (pointer && size == 0)
        live--;
    return p;
}

void free(void *pointer)
{
    if (pointer)
        live--;
    __libc_free(pointer);
}
#endif

ssize_t write(int fd, const void *bytes, size_t length)
{
    if (fails(WRITE)) {
        errno = ENOSPC;
        return -1;
    }
    return syscall(SYS_write, fd, bytes, length);
}

static int io_error(void)
{
    errno = EIO;
    return -1;
}

int fsync(int fd)
{
    return fails(FSYNC) ? io_error() : (int)syscall(SYS_fsync, fd);
}

int fdatasync(int fd)
{
    return fails(FSYNC) ? io_error() : (int)syscall(SYS_fdatasync, fd);
}

int rename(const char *from, const char *to)
{
    return fails(RENAME) ? io_error()
                         : (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 0);
}

int renameat(int from_fd, const char *from, int to_fd, const char *to)
{
    return fails(RENAME) ? io_error() : (int)syscall(SYS_renameat2, from_fd, from, to_fd, to, 0);
}

int renameat2(int from_fd, const char *from, int to_fd, const char *to, unsigned flags)
{
    return fails(RENAME) ? io_error()
                         : (int)syscall(SYS_renameat2, from_fd, from, to_fd, to, flags);
}

/* ---- start and end ---- */

static void report(void)
{
    const char *path = getenv("BULLETIN_INJECT_REPORT");
    if (is_child || !path)
        return;
    busy = 1;
    FILE *out = fopen(path, "w");
    if (!out)
        return;
    for (int k = 0; k < KINDS; k++)
        fprintf(out, "%s %ld\n", kind_names[k], seen[k]);
    fprintf(out, "live %ld\n", live);
    for (int s = 0; s < STATUSES; s++)
        if (exits[s])
            fprintf(out, "exit %d %ld\n", s, exits[s]);
    for (int i = 0; i < note_count; i++)
        fprintf(out, "%s\n", notes[i]);
    fclose(out);
}

static int (*real_main)(int, char **, char **);

/* A crash prints its stack on standard error, so that the test names where it happened. */
static void on_crash(int signal_number)
{
    void *frames[64];
    int count = backtrace(frames, 64);
    backtrace_symbols_fd(frames, count, STDERR_FILENO);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/* Reads BULLETIN_INJECT and arms the counters: main is about to run. */
static int armed_main(int argc, char **argv, char **envp)
{
    const char *wanted = getenv("BULLETIN_INJECT");
    const char *colon = wanted ? strchr(wanted, ':') : NULL;
    sweeping = wanted && strncmp(wanted, "sweep", 5) == 0;
    if (sweeping && colon && strtol(colon + 1, NULL, 10) > 0)
        stride = strtol(colon + 1, NULL, 10);
    for (int k = 0; colon && !sweeping && k < KINDS; k++)
        if (strncmp(wanted, kind_names[k], (size_t)(colon - wanted)) == 0 &&
            kind_names[k][colon - wanted] == '\0') {
            fail_kind = k;
            fail_at = strtol(colon + 1, NULL, 10);
        }
    atexit(report);
    signal(SIGSEGV, on_crash);
    signal(SIGBUS, on_crash);
    signal(SIGABRT, on_crash);
    busy = 1;
    void *warm[1];
    backtrace(warm, 1); /* loads libgcc now, not in the handler */
    busy = 0;
    armed = 1;
    return real_main(argc, argv, envp);
}

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
                      void (*init)(void), void (*fini)(void), void (*rtld_fini)(void),
                      void *stack_end)
{
    int (*start)(int (*)(int, char **, char **), int, char **, void (*)(void), void (*)(void),
                 void (*)(void), void *) = dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return start(armed_main, argc, argv, init, fini, rtld_fini, stack_end);
}
