/*
 * manifest_read.c: manifest.json read back with jansson (see manifest_read.h).
 */
#include "report/manifest_read.h"

#include "report/outfile.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MANIFEST_LIMIT ((size_t)16 << 20)

static bool is_hex64(const char *text)
{
    if (strlen(text) != 64)
        return false;
    for (const char *c = text; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return false;
    return true;
}

/* Copies a 64-digit hex string member of object into hex; false when absent or not one. */
static bool read_hash(json_t *object, const char *key, char hex[65])
{
    const char *text = json_string_value(json_object_get(object, key));
    if (!text || !is_hex64(text))
        return false;
    memcpy(hex, text, 65);
    return true;
}

/* Each {"path": …, "sha256": …} of array into entries. */
static bool read_entries(json_t *array, arena *memory, vec *entries)
{
    if (!json_is_array(array))
        return false;
    size_t index;
    json_t *item;
    json_array_foreach(array, index, item) {
        const char *path = json_string_value(json_object_get(item, "path"));
        manifest_entry *entry = vec_push(entries);
        if (!path || !read_hash(item, "sha256", entry->sha256))
            return false;
        entry->path = arena_strdup(memory, path);
        const char *period = json_string_value(json_object_get(item, "period"));
        entry->period = period ? arena_strdup(memory, period) : NULL;
    }
    return true;
}

static bool read_listing(json_t *root, const char *files_key, arena *memory,
                         manifest_listing *out)
{
    if (!json_is_object(root) || !read_entries(json_object_get(root, files_key), memory, &out->files))
        return false;
    json_t *inputs = json_object_get(root, "inputs");
    if (inputs && !read_entries(inputs, memory, &out->inputs))
        return false;
    json_t *plan = json_object_get(root, "plan");
    if (plan && !read_hash(plan, "sha256", out->plan_sha256))
        return false;
    return !json_object_get(root, "inputs_sha256") ||
           read_hash(root, "inputs_sha256", out->inputs_sha256);
}

int manifest_read(const char *path, const char *files_key, arena *memory, manifest_listing *out)
{
    memset(out, 0, sizeof *out);
    vec_init(&out->files, sizeof(manifest_entry));
    vec_init(&out->inputs, sizeof(manifest_entry));
    buffer text;
    buffer_init(&text);
    if (outfile_read_whole(path, MANIFEST_LIMIT, &text) != 0) {
        int error = errno;
        buffer_free(&text);
        errno = error;
        return error == EFBIG ? 1 : -1;
    }
    json_set_alloc_funcs(die_malloc, free); /* an allocation failure is 71, not "no manifest" */
    json_error_t error;
    json_t *root = json_loadb(text.data ? text.data : "", text.length, JSON_REJECT_DUPLICATES,
                              &error);
    buffer_free(&text);
    bool ok = root && read_listing(root, files_key, memory, out);
    json_decref(root);
    return ok ? 0 : 1;
}

void manifest_listing_free(manifest_listing *listing)
{
    vec_free(&listing->files);
    vec_free(&listing->inputs);
}
