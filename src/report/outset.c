/*
 * outset.c: a set of output files committed as one folder in one renameat2 (see
 * outset.h).
 */
#define _GNU_SOURCE
#include "report/outset.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void outset_begin(outset *set, arena *memory, const char *parent, const char *name)
{
    memset(set, 0, sizeof *set);
    set->memory = memory;
    vec_init(&set->files, sizeof(outset_file *));
    if (parent && name)
        outset_place(set, parent, name);
}

void outset_place(outset *set, const char *parent, const char *name)
{
    set->parent = arena_strdup(set->memory, parent);
    set->name = arena_strdup(set->memory, name);
}

static outset_file *add(outset *set, const char *name, bool on_disk)
{
    outset_file *file = arena_alloc(set->memory, sizeof *file);
    file->name = arena_strdup(set->memory, name);
    file->on_disk = on_disk;
    buffer_init(&file->bytes);
    *(outset_file **)vec_push(&set->files) = file;
    return file;
}

buffer *outset_add(outset *set, const char *name)
{
    return &add(set, name, false)->bytes;
}

outset_file *outset_find(const outset *set, const char *name)
{
    for (size_t i = 0; i < set->files.count; i++) {
        outset_file *file = *(outset_file **)vec_at(&set->files, i);
        if (strcmp(file->name, name) == 0)
            return file;
    }
    return NULL;
}

static int fail(outset *set, const char *path)
{
    if (!set->error) {
        set->error = errno ? errno : EIO;
        set->failed_path = path;
    }
    return -1;
}

static void reach(const outset *set, const char *stage, const char *path)
{
    if (set->checkpoint)
        set->checkpoint(set->checkpoint_context, stage, path);
}

/* The set whose staging folder exists, for die_exhausted's cleanup (one at a time). */
static const outset *in_flight;

static void remove_in_flight(void)
{
    if (in_flight)
        outfile_remove_leftovers(in_flight->parent, in_flight->name);
}

/* Makes parent/.name.XXXXXX, mode 0777 less the umask as mkdir would give, after
 * removing the leftovers of killed runs. */
static int make_staging(outset *set)
{
    if (set->staging)
        return 0;
    if (outfile_make_folder(set->parent) != 0)
        return fail(set, set->parent);
    outfile_remove_leftovers(set->parent, set->name);
    char *staging = arena_printf(set->memory, "%s/.%s.XXXXXX", set->parent, set->name);
    if (!mkdtemp(staging))
        return fail(set, arena_printf(set->memory, "%s/%s", set->parent, set->name));
    set->staging = staging;
    in_flight = set;
    die_set_cleanup(remove_in_flight);
    mode_t mask = umask(0);
    umask(mask);
    if (chmod(staging, 0777 & ~mask) != 0)
        return fail(set, staging);
    return 0;
}

/* Creates the sub-folders of a relative name inside the staging folder. */
static int make_parents(outset *set, const char *name)
{
    for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
        const char *folder = arena_printf(set->memory, "%s/%.*s", set->staging,
                                          (int)(slash - name), name);
        if (mkdir(folder, 0777) != 0 && errno != EEXIST)
            return fail(set, folder);
    }
    return 0;
}

const char *outset_add_file(outset *set, const char *name)
{
    if (set->error || make_staging(set) != 0 || make_parents(set, name) != 0)
        return NULL;
    add(set, name, true);
    return arena_printf(set->memory, "%s/%s", set->staging, name);
}

static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int status = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return status;
}

/* Every file written (or, written by the caller, flushed), then every folder. */
static int stage_files(outset *set)
{
    for (size_t i = 0; i < set->files.count; i++) {
        const outset_file *file = *(outset_file **)vec_at(&set->files, i);
        const char *path = arena_printf(set->memory, "%s/%s", set->staging, file->name);
        if (file->on_disk ? sync_file(path) != 0
                          : make_parents(set, file->name) != 0 ||
                                outfile_write_new(path, file->bytes.data ? file->bytes.data : "",
                                                  file->bytes.length) != 0)
            return fail(set, arena_printf(set->memory, "%s/%s/%s", set->parent, set->name,
                                          file->name)); /* as the operator knows it */
        reach(set, "staged", path);
    }
    const char *synced = NULL;
    for (size_t i = 0; i < set->files.count; i++) {
        const outset_file *file = *(outset_file **)vec_at(&set->files, i);
        const char *slash = strrchr(file->name, '/');
        if (!slash)
            continue;
        const char *folder = arena_printf(set->memory, "%s/%.*s", set->staging,
                                          (int)(slash - file->name), file->name);
        if (synced && strcmp(synced, folder) == 0)
            continue;
        synced = folder;
        if (outfile_sync_folder(folder) != 0)
            return fail(set, folder);
    }
    if (outfile_sync_folder(set->staging) != 0)
        return fail(set, set->staging);
    return 0;
}

/* The one step: the staging folder becomes parent/name. */
static int put_in_place(outset *set, outset_mode mode)
{
    const char *final = arena_printf(set->memory, "%s/%s", set->parent, set->name);
    struct stat st;
    bool exists = lstat(final, &st) == 0;
    if (exists && (mode == OUTSET_NEW || !S_ISDIR(st.st_mode))) {
        errno = mode == OUTSET_NEW ? EEXIST : ENOTDIR;
        return fail(set, final);
    }
    reach(set, "renaming", final);
    if (renameat2(AT_FDCWD, set->staging, AT_FDCWD, final,
                  exists ? RENAME_EXCHANGE : RENAME_NOREPLACE) != 0)
        return fail(set, final);
    set->placed = true;
    die_set_outputs_note("新的输出文件已就位");
    reach(set, "renamed", final);
    if (outfile_sync_folder(set->parent) != 0)
        return fail(set, set->parent);
    reach(set, "synced", set->parent);
    return 0;
}

int outset_commit(outset *set, outset_mode mode)
{
    if (set->error || make_staging(set) != 0 || stage_files(set) != 0 ||
        put_in_place(set, mode) != 0)
        return -1;
    return 0;
}

void outset_end(outset *set)
{
    if (set->staging)
        outfile_remove_leftovers(set->parent, set->name); /* the old set, or a failed new one */
    set->staging = NULL;
    if (in_flight == set) {
        in_flight = NULL;
        die_set_cleanup(NULL);
    }
    for (size_t i = 0; i < set->files.count; i++)
        buffer_free(&(*(outset_file **)vec_at(&set->files, i))->bytes);
    vec_free(&set->files);
}
