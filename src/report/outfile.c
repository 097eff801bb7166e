/*
 * outfile.c: the file-system steps of atomic output (see outfile.h).
 */
#include "report/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int outfile_sync_folder(const char *folder)
{
    int fd = open(folder, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int status = fsync(fd);
    close(fd);
    return status;
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

int outfile_read_whole(const char *path, size_t limit, buffer *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    size_t start = out->length;
    struct stat st;
    int error = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL
                                          : (uintmax_t)st.st_size > limit ? EFBIG : 0;
    char block[65536];
    while (!error) {
        ssize_t n = read(fd, block, sizeof block);
        if (n == 0)
            break;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            error = errno;
        else if (out->length - start + (size_t)n > limit)
            error = EFBIG;
        else
            buffer_append(out, block, (size_t)n);
    }
    close(fd);
    if (error) {
        out->length = start;
        errno = error;
        return -1;
    }
    return 0;
}
