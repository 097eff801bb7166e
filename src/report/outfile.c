/*
 * outfile.c: staged, atomic writing of a run's outputs (see outfile.h): temporary file in
 * the same folder, write, fsync, then rename and fsync of the folder.
 */
#include "report/outfile.h"

#include <errno.h>
#include <fcntl.h>
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

int outfile_stage(outfile_batch *batch, const char *path, const void *bytes, size_t length)
{
    if (batch->error)
        return -1;
    char *temporary = arena_printf(batch->memory, "%s/.%s.XXXXXX", folder_of(batch->memory, path),
                                   strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
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
    return 0;
}

static int sync_folder(const char *folder)
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
        if (rename(staged->temporary, staged->final) != 0) {
            fail(batch, staged->final);
            outfile_abort(batch);
            return -1;
        }
        staged->temporary = NULL;
    }
    for (size_t i = 0; i < batch->staged.count; i++) {
        staged_file *staged = vec_at(&batch->staged, i);
        const char *folder = folder_of(batch->memory, staged->final);
        if (sync_folder(folder) != 0)
            return fail(batch, folder);
    }
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
