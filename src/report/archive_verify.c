/*
 * archive_verify.c: `bulletin verify`'s work (see archive.h): a small strict JSON reader
 * that takes the "files" list out of an archive's manifest.json, then the re-hashing of
 * every listed file and a walk of the folder for files the manifest does not list.
 */
#include "report/archive.h"

#include "model/digest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MANIFEST_LIMIT (16 << 20)
#define DEPTH_LIMIT 16

typedef struct listed_file {
    const char *path;
    const char *sha256; /* as the manifest writes it */
} listed_file;

typedef struct reader {
    const char *at, *end;
    int depth;
    arena *memory;
} reader;

static void skip_space(reader *r)
{
    while (r->at < r->end && strchr(" \t\r\n", *r->at) && *r->at)
        r->at++;
}

static bool take(reader *r, char c)
{
    skip_space(r);
    if (r->at < r->end && *r->at == c) {
        r->at++;
        return true;
    }
    return false;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends code point cp (below 0x10000: the manifest writes only \u00XX) as UTF-8. */
static void put_code_point(buffer *out, unsigned cp)
{
    char bytes[3];
    if (cp < 0x80) {
        bytes[0] = (char)cp;
        buffer_append(out, bytes, 1);
    } else if (cp < 0x800) {
        bytes[0] = (char)(0xC0 | cp >> 6);
        bytes[1] = (char)(0x80 | (cp & 0x3F));
        buffer_append(out, bytes, 2);
    } else {
        bytes[0] = (char)(0xE0 | cp >> 12);
        bytes[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        bytes[2] = (char)(0x80 | (cp & 0x3F));
        buffer_append(out, bytes, 3);
    }
}

static bool read_escape(reader *r, buffer *out)
{
    if (r->at >= r->end)
        return false;
    char c = *r->at++;
    const char *plain = strchr("\"\\/", c);
    if (plain && c) {
        buffer_append(out, &c, 1);
        return true;
    }
    static const char letters[] = "bfnrt", values[] = "\b\f\n\r\t";
    const char *letter = strchr(letters, c);
    if (letter && c) {
        buffer_append(out, &values[letter - letters], 1);
        return true;
    }
    if (c != 'u' || r->end - r->at < 4)
        return false;
    unsigned cp = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_digit(*r->at++);
        if (digit < 0)
            return false;
        cp = cp << 4 | (unsigned)digit;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    put_code_point(out, cp);
    return true;
}

/* Reads a string into the arena (*text, NUL-terminated; NULL text: skipped). */
static bool read_string(reader *r, const char **text)
{
    if (!take(r, '"'))
        return false;
    buffer out;
    buffer_init(&out);
    bool ok = false;
    while (r->at < r->end) {
        char c = *r->at++;
        if (c == '"') {
            ok = true;
            break;
        }
        if ((unsigned char)c < 0x20 || (c == '\\' && !read_escape(r, &out)))
            break;
        if (c != '\\')
            buffer_append(&out, &c, 1);
    }
    if (ok && text)
        *text = arena_strndup(r->memory, out.data ? out.data : "", out.length);
    buffer_free(&out);
    return ok;
}

static bool skip_value(reader *r);

static bool skip_members(reader *r, char close, bool keyed)
{
    if (take(r, close))
        return true;
    do {
        if (keyed && (!read_string(r, NULL) || !take(r, ':')))
            return false;
        if (!skip_value(r))
            return false;
    } while (take(r, ','));
    return take(r, close);
}

static bool skip_value(reader *r)
{
    skip_space(r);
    if (r->at >= r->end || r->depth >= DEPTH_LIMIT)
        return false;
    if (*r->at == '"')
        return read_string(r, NULL);
    if (*r->at == '{' || *r->at == '[') {
        bool object = *r->at++ == '{';
        r->depth++;
        bool ok = skip_members(r, object ? '}' : ']', object);
        r->depth--;
        return ok;
    }
    const char *start = r->at;
    while (r->at < r->end && strchr("-+.0123456789eEtrufalsn", *r->at) && *r->at)
        r->at++;
    return r->at > start;
}

/* One {"path": …, "bytes": …, "sha256": …} of the files list. */
static bool read_listed(reader *r, vec *listed)
{
    if (!take(r, '{'))
        return false;
    listed_file file = {0};
    if (!take(r, '}')) {
        do {
            const char *key = NULL;
            if (!read_string(r, &key) || !take(r, ':'))
                return false;
            bool ok = strcmp(key, "path") == 0     ? read_string(r, &file.path)
                      : strcmp(key, "sha256") == 0 ? read_string(r, &file.sha256)
                                                   : skip_value(r);
            if (!ok)
                return false;
        } while (take(r, ','));
        if (!take(r, '}'))
            return false;
    }
    if (!file.path || !file.sha256)
        return false;
    *(listed_file *)vec_push(listed) = file;
    return true;
}

static bool read_files(reader *r, vec *listed)
{
    if (!take(r, '['))
        return false;
    if (take(r, ']'))
        return true;
    do {
        if (!read_listed(r, listed))
            return false;
    } while (take(r, ','));
    return take(r, ']');
}

static bool read_manifest(reader *r, vec *listed)
{
    bool has_files = false;
    if (!take(r, '{'))
        return false;
    do {
        const char *key = NULL;
        if (!read_string(r, &key) || !take(r, ':'))
            return false;
        if (strcmp(key, "files") == 0 && !has_files) {
            if (!read_files(r, listed))
                return false;
            has_files = true;
        } else if (!skip_value(r)) {
            return false;
        }
    } while (take(r, ','));
    if (!take(r, '}'))
        return false;
    skip_space(r);
    return has_files && r->at == r->end;
}

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

/* 0 with the listed files in listed; -1 when manifest.json cannot be read, 1 when it is
 * not a manifest (one error added either way). */
static int load_listed(const char *folder, arena *memory, diag_list *problems, vec *listed)
{
    const char *path = arena_printf(memory, "%s/manifest.json", folder);
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_addf(problems, DIAG_ERROR, path, 0, NULL, NULL, "无法读取归档清单：%s",
                  strerror(errno));
        return -1;
    }
    char *text = malloc(MANIFEST_LIMIT + 1);
    if (!text)
        die_oom();
    size_t length = fread(text, 1, MANIFEST_LIMIT + 1, f);
    fclose(f);
    reader r = {.at = text, .end = text + length, .memory = memory};
    bool ok = length <= MANIFEST_LIMIT && read_manifest(&r, listed);
    free(text);
    for (size_t i = 0; ok && i < listed->count; i++) {
        const listed_file *file = vec_at(listed, i);
        ok = path_is_safe(file->path) && strcmp(file->path, "manifest.json") != 0;
    }
    if (!ok) {
        diag_add(problems, DIAG_ERROR, path, 0, NULL, NULL,
                 "归档清单无法识别（不是本程序写的 manifest.json，或已被改动）");
        return 1;
    }
    return 0;
}

static bool check_listed(const char *folder, listed_file *file, arena *memory,
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
        listed_file *file = vec_at(listed, i);
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
    vec listed;
    vec_init(&listed, sizeof(listed_file));
    *checked = 0;
    int loaded = load_listed(folder, memory, problems, &listed);
    if (loaded != 0) {
        vec_free(&listed);
        return loaded;
    }
    int bad = 0;
    for (size_t i = 0; i < listed.count; i++)
        if (!check_listed(folder, vec_at(&listed, i), memory, problems))
            bad++;
    bad += find_unlisted(folder, NULL, 8, &listed, memory, problems);
    *checked = listed.count;
    vec_free(&listed);
    return bad ? 1 : 0;
}
