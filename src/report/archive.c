/*
 * archive.c: putting a quarter's archive together and writing it as a new folder in one
 * rename (see archive.h).  The checking side (manifest reader, verify) is in
 * archive_verify.c.  SHA-256 is digest.c's.
 */
#include "report/archive.h"

#include "model/digest.h"
#include "report/json.h"
#include "report/manifest_read.h"

#include <string.h>
#include <sys/stat.h>

void archive_init(archive *a, arena *memory)
{
    outset_begin(&a->files, memory, NULL, NULL);
    vec_init(&a->sources, sizeof(archive_source));
    a->memory = memory;
}

void archive_free(archive *a)
{
    outset_end(&a->files);
    vec_free(&a->sources);
}

buffer *archive_add(archive *a, const char *path)
{
    return outset_add(&a->files, path);
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
    for (size_t i = 0; i < a->files.files.count; i++) {
        const outset_file *entry = *(outset_file **)vec_at(&a->files.files, i);
        if (strcmp(entry->name, "manifest.json") == 0)
            continue;
        unsigned char digest[DIGEST_BYTES];
        char hex[DIGEST_HEX_BYTES];
        digest_bytes(entry->bytes.data, entry->bytes.length, digest);
        digest_hex(digest, hex);
        json_begin_object(w);
        json_key(w, "path");
        json_string(w, entry->name);
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

bool archive_manifest_matches(const char *path, const char *fingerprint, arena *memory)
{
    manifest_listing listing;
    bool same = manifest_read(path, "files", memory, &listing) == 0 &&
                strcmp(listing.inputs_sha256, fingerprint) == 0;
    manifest_listing_free(&listing);
    return same;
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

int archive_commit(archive *a, const char *parent, const char *name,
                   outfile_checkpoint checkpoint, void *checkpoint_context, int *error,
                   const char **failed_path)
{
    outset_place(&a->files, parent, name);
    a->files.checkpoint = checkpoint;
    a->files.checkpoint_context = checkpoint_context;
    int status = outset_commit(&a->files, OUTSET_NEW);
    *error = a->files.error;
    *failed_path = a->files.failed_path;
    return status;
}
