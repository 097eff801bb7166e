/*
 * archive_verify.c: `bulletin verify`'s work (see archive.h): the "files" list of an
 * archive's manifest.json (read with jansson, manifest_read.c), the re-hashing of every
 * listed file and a walk of the folder for files the manifest does not list.
 */
#include "report/archive.h"

#include "model/digest.h"
#include "model/syserror.h"
#include "report/manifest_read.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A listed path must stay inside the archive: relative, no empty, "." or ".." part. */
static bool path_is_safe(const char *path)
{
    if (!*path || *path == '/')
        return false;
    for (const char *part = path; part;) {
        const char *slash = strchr(part, '/');
        size_t length = slash ? (size_t)(slash - part) : strlen(part);
        if (length == 0 || (length == 1 && part[0] == '.') ||
            (length == 2 && part[0] == '.' && part[1] == '.'))
            return false;
        part = slash ? slash + 1 : NULL;
    }
    return true;
}

/* 0 with the listed files in listing; -1 when manifest.json cannot be read, 1 when it
 * is not a manifest (one error added either way). */
static int load_listed(const char *folder, arena *memory, diag_list *problems,
                       manifest_listing *listing)
{
    const char *path = arena_printf(memory, "%s/manifest.json", folder);
    int status = manifest_read(path, "files", memory, listing);
    if (status < 0) {
        diag_addf(problems, DIAG_ERROR, path, 0, NULL, NULL, "无法读取归档清单：%s",
                  system_error_text(errno));
        return -1;
    }
    for (size_t i = 0; status == 0 && i < listing->files.count; i++) {
        const manifest_entry *file = vec_at(&listing->files, i);
        if (!path_is_safe(file->path) || strcmp(file->path, "manifest.json") == 0)
            status = 1;
    }
    if (status != 0)
        diag_add(problems, DIAG_ERROR, path, 0, NULL, NULL,
                 "归档清单无法识别（不是本程序写的 manifest.json，或已被改动）");
    return status;
}

static bool check_listed(const char *folder, const manifest_entry *file, arena *memory,
                         diag_list *problems)
{
    const char *path = arena_printf(memory, "%s/%s", folder, file->path);
    unsigned char digest[32];
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || digest_file(path, digest) != 0) {
        diag_add(problems, DIAG_ERROR, path, 0, NULL, NULL, "文件缺失（清单中有，归档中没有）");
        return false;
    }
    char actual[65];
    digest_hex(digest, actual);
    if (strcmp(actual, file->sha256) != 0) {
        diag_addf(problems, DIAG_ERROR, path, 0, NULL, NULL,
                  "内容与清单不符（SHA-256 清单为 %.64s，实际为 %s）", file->sha256, actual);
        return false;
    }
    return true;
}

static bool is_listed(vec *listed, const char *relative)
{
    for (size_t i = 0; i < listed->count; i++) {
        const manifest_entry *file = vec_at(listed, i);
        if (strcmp(file->path, relative) == 0)
            return true;
    }
    return false;
}

/* Reports every file under folder/relative that the manifest does not list. */
static int find_unlisted(const char *folder, const char *relative, int depth, vec *listed,
                         arena *memory, diag_list *problems)
{
    const char *here = relative ? arena_printf(memory, "%s/%s", folder, relative) : folder;
    DIR *dir = opendir(here);
    if (!dir)
        return 0;
    int unlisted = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        const char *name = relative ? arena_printf(memory, "%s/%s", relative, entry->d_name)
                                    : arena_strdup(memory, entry->d_name);
        struct stat st;
        const char *path = arena_printf(memory, "%s/%s", folder, name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth > 0) {
            unlisted += find_unlisted(folder, name, depth - 1, listed, memory, problems);
        } else if ((relative || strcmp(name, "manifest.json") != 0) && !is_listed(listed, name)) {
            diag_add(problems, DIAG_ERROR, path, 0, NULL, NULL, "清单中没有这个文件（归档后被加入）");
            unlisted++;
        }
    }
    closedir(dir);
    return unlisted;
}

int archive_verify(const char *folder, arena *memory, diag_list *problems, size_t *checked)
{
    manifest_listing listing;
    *checked = 0;
    int loaded = load_listed(folder, memory, problems, &listing);
    if (loaded != 0) {
        manifest_listing_free(&listing);
        return loaded;
    }
    int bad = 0;
    for (size_t i = 0; i < listing.files.count; i++)
        if (!check_listed(folder, vec_at(&listing.files, i), memory, problems))
            bad++;
    bad += find_unlisted(folder, NULL, 8, &listing.files, memory, problems);
    *checked = listing.files.count;
    manifest_listing_free(&listing);
    return bad ? 1 : 0;
}
