/*
 * monthcheck.c: a month's bulletin checked against its manifest before it is archived
 * (see monthcheck.h).
 */
#include "report/monthcheck.h"

#include "model/digest.h"
#include "report/manifest_read.h"
#include "report/outfile.h"

#include <errno.h>
#include <string.h>

/* True for a monthly period at or before month. */
static bool counts_for(period p, period month)
{
    return p.quarter == 0 && (p.year < month.year || (p.year == month.year && p.month <= month.month));
}

static const manifest_entry *entry_named(const vec *entries, const char *path)
{
    for (size_t i = 0; i < entries->count; i++) {
        const manifest_entry *entry = vec_at(entries, i);
        if (strcmp(entry->path, path) == 0)
            return entry;
    }
    return NULL;
}

/* The manifest's monthly inputs up to month are exactly the store's, hash for hash. */
static bool same_inputs(const manifest_listing *listing, period month, const store *s)
{
    size_t listed = 0, held = 0;
    for (size_t i = 0; i < listing->inputs.count; i++) {
        const manifest_entry *entry = vec_at(&listing->inputs, i);
        period p;
        listed += entry->period && period_parse(entry->period, &p) && counts_for(p, month);
    }
    for (size_t i = 0; i < s->files.count; i++) {
        const submission_file *f = store_file(s, (int)i);
        if (!f->has_period || !counts_for(f->period, month))
            continue;
        held++;
        const manifest_entry *entry = entry_named(&listing->inputs, f->path);
        char hex[65];
        digest_hex(f->sha256, hex);
        if (!entry || strcmp(entry->sha256, hex) != 0)
            return false;
    }
    return listed == held;
}

month_state month_check(const char *folder, const char *file, period month, const store *s,
                        const unsigned char plan_sha256[32], arena *memory, buffer *bytes)
{
    const char *path = arena_printf(memory, "%s/%s", folder, file);
    if (outfile_read_whole(path, OUTFILE_READ_LIMIT, bytes) != 0)
        return errno == ENOENT || errno == ENOTDIR ? MONTH_ABSENT : MONTH_DAMAGED;
    manifest_listing listing;
    month_state state = MONTH_DAMAGED;
    if (manifest_read(arena_printf(memory, "%s/manifest.json", folder), "outputs", memory,
                      &listing) == 0) {
        const manifest_entry *entry = entry_named(&listing.files, file);
        unsigned char digest[32];
        char hex[65], plan_hex[65];
        digest_bytes(bytes->data ? bytes->data : "", bytes->length, digest);
        digest_hex(digest, hex);
        digest_hex(plan_sha256, plan_hex);
        if (entry && strcmp(entry->sha256, hex) == 0)
            state = strcmp(listing.plan_sha256, plan_hex) == 0 && same_inputs(&listing, month, s)
                        ? MONTH_KEPT
                        : MONTH_STALE;
    }
    manifest_listing_free(&listing);
    if (state != MONTH_KEPT)
        bytes->length = 0;
    return state;
}
