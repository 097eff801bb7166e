/*
 * outfile.c: staged, atomic writing of a run's outputs (see outfile.h): temporary file in
 * the same folder, write, fsync, then rename and fsync of the folder.
 */
#include "report/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct staged_file {
    const char *temporary;
    const char *final;
} staged_file;

void outfile_begin(outfile_batch *batch, arena *memory)
{
    vec_init(&batch->staged, sizeof(staged_file));
    batch->error = 0;
    batch->failed_path = NULL;
    batch->memory = memory;
    batch->checkpoint = NULL;
    batch->checkpoint_context = NULL;
}

static void checkpoint(const outfile_batch *batch, const char *stage, const char *path)
{
    if (batch->checkpoint)
        batch->checkpoint(batch->checkpoint_context, stage, path);
}

static int fail(outfile_batch *batch, const char *path)
{
    if (!batch->error) {
        batch->error = errno ? errno : EIO;
        batch->failed_path = path;
    }
    return -1;
}

static int write_all(int fd, const void *bytes, size_t length)
{
    const char *p = bytes;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return -1;
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static char *folder_of(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? arena_strndup(a, path, (size_t)(slash - path) + (slash == path)) : ".";
}

/* True when entry is ".<name>.XXXXXX", a temporary name of name (mkstemp, mkdtemp). */
static bool is_temporary_of(const char *entry, const char *name)
{
    size_t length = strlen(name);
    return entry[0] == '.' && strncmp(entry + 1, name, length) == 0 &&
           entry[1 + length] == '.' && strlen(entry + 2 + length) == 6;
}

/* Removes a folder and what it holds, to a bounded depth, never following a link. */
static void remove_tree(int parent_fd, const char *name, int depth)
{
    int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 && depth > 0 ? fdopendir(fd) : NULL;
    if (!dir && fd >= 0)
        close(fd);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        struct stat st;
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0 ||
            fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            remove_tree(fd, entry->d_name, depth - 1);
        else
            unlinkat(fd, entry->d_name, 0);
    }
    if (dir)
        closedir(dir);
    unlinkat(parent_fd, name, AT_REMOVEDIR);
}

void outfile_remove_leftovers(const char *folder, const char *name)
{
    DIR *dir = opendir(folder);
    if (!dir)
        return;
    int fd = dirfd(dir);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        struct stat st;
        if (!is_temporary_of(entry->d_name, name) ||
            fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            remove_tree(fd, entry->d_name, 8);
        else
            unlinkat(fd, entry->d_name, 0);
    }
    closedir(dir);
}

int outfile_stage(outfile_batch *batch, const char *path, const void *bytes, size_t length)
{
    if (batch->error)
        return -1;
    const char *folder = folder_of(batch->memory, path);
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    outfile_remove_leftovers(folder, name);
    char *temporary = arena_printf(batch->memory, "%s/.%s.XXXXXX", folder, name);
    int fd = mkstemp(temporary);
    if (fd < 0)
        return fail(batch, path);
    staged_file *staged = vec_push(&batch->staged);
    staged->temporary = temporary;
    staged->final = arena_strdup(batch->memory, path);
    if (fchmod(fd, 0644) != 0 || write_all(fd, bytes, length) != 0 || fsync(fd) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return fail(batch, path);
    }
    if (close(fd) != 0)
        return fail(batch, path);
    checkpoint(batch, "staged", path);
    return 0;
}

int outfile_sync_folder(const char *folder)
{
    int fd = open(folder, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int status = fsync(fd);
    close(fd);
    return status;
}

int outfile_commit(outfile_batch *batch)
{
    if (batch->error) {
        outfile_abort(batch);
        return -1;
    }
    for (size_t i = 0; i < batch->staged.count; i++) {
        staged_file *staged = vec_at(&batch->staged, i);
        checkpoint(batch, "renaming", staged->final);
        if (rename(staged->temporary, staged->final) != 0) {
            fail(batch, staged->final);
            outfile_abort(batch);
            return -1;
        }
        staged->temporary = NULL;
        checkpoint(batch, "renamed", staged->final);
    }
    const char *folder = NULL;
    for (size_t i = 0; i < batch->staged.count; i++) {
        staged_file *staged = vec_at(&batch->staged, i);
        const char *next = folder_of(batch->memory, staged->final);
        if (folder && strcmp(folder, next) == 0)
            continue; /* the batch's files usually share one folder: sync it once */
        folder = next;
        if (outfile_sync_folder(folder) != 0) {
            vec_free(&batch->staged);
            return fail(batch, folder);
        }
    }
    if (folder)
        checkpoint(batch, "synced", folder);
    vec_free(&batch->staged);
    return 0;
}

void outfile_abort(outfile_batch *batch)
{
    for (size_t i = 0; i < batch->staged.count; i++) {
        staged_file *staged = vec_at(&batch->staged, i);
        if (staged->temporary)
            unlink(staged->temporary);
    }
    vec_free(&batch->staged);
}

int outfile_make_folder(const char *path)
{
    char partial[4096];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof partial) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(partial, path, length + 1);
    for (char *p = partial + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(partial, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(partial, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int outfile_write_new(const char *path, const void *bytes, size_t length)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (fchmod(fd, 0644) != 0 || write_all(fd, bytes, length) != 0 || fsync(fd) != 0) {
        int saved = errno;
        close(fd);
        unlink(path);
        errno = saved;
        return -1;
    }
    if (close(fd) != 0) {
        int saved = errno;
        unlink(path);
        errno = saved;
        return -1;
    }
    return 0;
}
