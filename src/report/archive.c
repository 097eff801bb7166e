/*
 * archive.c: putting a quarter's archive together and writing it as a new folder in one
 * rename (see archive.h).  The checking side (manifest reader, verify) is in
 * archive_verify.c.  SHA-256 is digest.c's.
 */
#include "report/archive.h"

#include "model/digest.h"
#include "report/json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_LIMIT (16 << 20)

void archive_init(archive *a, arena *memory)
{
    vec_init(&a->entries, sizeof(archive_entry));
    vec_init(&a->sources, sizeof(archive_source));
    a->memory = memory;
}

void archive_free(archive *a)
{
    for (size_t i = 0; i < a->entries.count; i++)
        buffer_free(&((archive_entry *)vec_at(&a->entries, i))->bytes);
    vec_free(&a->entries);
    vec_free(&a->sources);
}

buffer *archive_add(archive *a, const char *path)
{
    archive_entry *entry = vec_push(&a->entries);
    entry->path = arena_strdup(a->memory, path);
    buffer_init(&entry->bytes);
    return &entry->bytes;
}

void archive_add_source(archive *a, const char *path, const unsigned char sha256[32])
{
    archive_source *source = vec_push(&a->sources);
    source->path = arena_strdup(a->memory, path);
    memcpy(source->sha256, sha256, sizeof source->sha256);
}

void archive_fingerprint(const archive *a, const char *program, const char *quarter,
                         char hex[65])
{
    buffer text;
    buffer_init(&text);
    buffer_printf(&text, "%s\n%s\n", program, quarter);
    for (size_t i = 0; i < a->sources.count; i++) {
        const archive_source *source = vec_at(&a->sources, i);
        char digest[65];
        digest_hex(source->sha256, digest);
        buffer_printf(&text, "%s %s\n", digest, source->path);
    }
    unsigned char digest[DIGEST_BYTES];
    digest_bytes(text.data, text.length, digest);
    digest_hex(digest, hex);
    buffer_free(&text);
}

static void write_sources(json_writer *w, const archive *a)
{
    json_key(w, "inputs");
    json_begin_array(w);
    for (size_t i = 0; i < a->sources.count; i++) {
        const archive_source *source = vec_at(&a->sources, i);
        char hex[65];
        digest_hex(source->sha256, hex);
        json_begin_object(w);
        json_key(w, "path");
        json_string(w, source->path);
        json_key(w, "sha256");
        json_string(w, hex);
        json_end_object(w);
    }
    json_end_array(w);
}

static void write_entries(json_writer *w, const archive *a)
{
    json_key(w, "files");
    json_begin_array(w);
    for (size_t i = 0; i < a->entries.count; i++) {
        const archive_entry *entry = vec_at(&a->entries, i);
        if (strcmp(entry->path, "manifest.json") == 0)
            continue;
        unsigned char digest[DIGEST_BYTES];
        char hex[DIGEST_HEX_BYTES];
        digest_bytes(entry->bytes.data, entry->bytes.length, digest);
        digest_hex(digest, hex);
        json_begin_object(w);
        json_key(w, "path");
        json_string(w, entry->path);
        json_key(w, "bytes");
        json_int(w, (int64_t)entry->bytes.length);
        json_key(w, "sha256");
        json_string(w, hex);
        json_end_object(w);
    }
    json_end_array(w);
}

void archive_write_manifest(const archive *a, const char *program, const char *quarter,
                            const char *made, buffer *out)
{
    char fingerprint[65];
    archive_fingerprint(a, program, quarter, fingerprint);
    json_writer w;
    json_init(&w, out);
    json_begin_object(&w);
    json_key(&w, "quarter");
    json_string(&w, quarter);
    json_key(&w, "program");
    json_string(&w, program);
    json_key(&w, "made");
    json_string(&w, made);
    json_key(&w, "inputs_sha256");
    json_string(&w, fingerprint);
    write_sources(&w, a);
    write_entries(&w, a);
    json_end_object(&w);
    json_finish(&w);
}

bool archive_manifest_matches(const char *path, const char *fingerprint)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *text = malloc(MANIFEST_LIMIT + 1);
    if (!text)
        die_oom();
    size_t length = fread(text, 1, MANIFEST_LIMIT, f);
    fclose(f);
    text[length] = '\0';
    char wanted[128];
    snprintf(wanted, sizeof wanted, "\"inputs_sha256\": \"%s\"", fingerprint);
    bool found = strstr(text, wanted) != NULL;
    free(text);
    return found;
}

void archive_versions(const char *parent, const char *name, arena *memory, const char **latest,
                      const char **next)
{
    *latest = NULL;
    for (int version = 1; version < 100000; version++) {
        const char *candidate = version == 1 ? arena_strdup(memory, name)
                                             : arena_printf(memory, "%s.%d", name, version);
        struct stat st;
        if (lstat(arena_printf(memory, "%s/%s", parent, candidate), &st) != 0) {
            *next = candidate;
            return;
        }
        *latest = candidate;
    }
    *next = arena_printf(memory, "%s.%d", name, 100000);
}

/* ---- writing ---- */

typedef struct commit_state {
    const archive *archive;
    const char *temporary;
    arena *memory;
    outfile_checkpoint checkpoint;
    void *checkpoint_context;
    int error;
    const char *failed_path;
} commit_state;

static int failed(commit_state *c, const char *path)
{
    c->error = errno ? errno : EIO;
    c->failed_path = path;
    return -1;
}

static void reach(const commit_state *c, const char *stage, const char *path)
{
    if (c->checkpoint)
        c->checkpoint(c->checkpoint_context, stage, path);
}

/* Creates the sub-folders of a relative path inside the temporary folder. */
static int make_parents(commit_state *c, const char *relative)
{
    for (const char *slash = strchr(relative, '/'); slash; slash = strchr(slash + 1, '/')) {
        const char *folder = arena_printf(c->memory, "%s/%.*s", c->temporary,
                                          (int)(slash - relative), relative);
        if (mkdir(folder, 0777) != 0 && errno != EEXIST)
            return failed(c, folder);
    }
    return 0;
}

static int write_entries_to_disk(commit_state *c)
{
    for (size_t i = 0; i < c->archive->entries.count; i++) {
        const archive_entry *entry = vec_at(&c->archive->entries, i);
        const char *path = arena_printf(c->memory, "%s/%s", c->temporary, entry->path);
        if (make_parents(c, entry->path) != 0)
            return -1;
        if (outfile_write_new(path, entry->bytes.data ? entry->bytes.data : "",
                              entry->bytes.length) != 0)
            return failed(c, path);
        reach(c, "staged", path);
    }
    for (size_t i = 0; i < c->archive->entries.count; i++) {
        const archive_entry *entry = vec_at(&c->archive->entries, i);
        const char *slash = strrchr(entry->path, '/');
        if (!slash)
            continue;
        const char *folder = arena_printf(c->memory, "%s/%.*s", c->temporary,
                                          (int)(slash - entry->path), entry->path);
        if (outfile_sync_folder(folder) != 0)
            return failed(c, folder);
    }
    if (outfile_sync_folder(c->temporary) != 0)
        return failed(c, c->temporary);
    return 0;
}

static int move_into_place(commit_state *c, const char *parent, const char *final)
{
    struct stat st;
    if (lstat(final, &st) == 0) {
        errno = EEXIST;
        return failed(c, final);
    }
    reach(c, "renaming", final);
    if (rename(c->temporary, final) != 0)
        return failed(c, final);
    reach(c, "renamed", final);
    if (outfile_sync_folder(parent) != 0)
        return failed(c, parent);
    reach(c, "synced", parent);
    return 0;
}

int archive_commit(const archive *a, const char *parent, const char *name,
                   outfile_checkpoint checkpoint, void *checkpoint_context, int *error,
                   const char **failed_path)
{
    commit_state c = {.archive = a, .memory = a->memory, .checkpoint = checkpoint,
                      .checkpoint_context = checkpoint_context};
    outfile_remove_leftovers(parent, name);
    char *temporary = arena_printf(a->memory, "%s/.%s.XXXXXX", parent, name);
    int status = -1;
    if (!mkdtemp(temporary)) {
        failed(&c, arena_printf(a->memory, "%s/%s", parent, name));
    } else {
        c.temporary = temporary;
        const char *final = arena_printf(a->memory, "%s/%s", parent, name);
        status = write_entries_to_disk(&c);
        if (status == 0)
            status = move_into_place(&c, parent, final);
    }
    if (status != 0 && c.temporary)
        outfile_remove_leftovers(parent, name);
    *error = c.error;
    *failed_path = c.failed_path;
    return status;
}
