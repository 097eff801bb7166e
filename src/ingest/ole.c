/*
 * ole.c: the compound file reader (see ole.h).  A chain is walked through its table
 * (the FAT, or for a short stream the mini FAT) and may take no more links than the
 * table has entries: one more would visit a sector twice, so the file is refused.
 */
#include "ingest/ole.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SIGNATURE "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define END_OF_CHAIN 0xFFFFFFFEu
#define HEADER_FAT_ENTRIES 109
#define ENTRY_BYTES 128
#define ENTRY_STREAM 2
#define ENTRY_ROOT 5
#define MINI_SHIFT 6

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned u16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Where units of a chain are found: sectors of the file (after its header), or mini
 * sectors of the mini stream. */
typedef struct source {
    const unsigned char *bytes;
    size_t length;
    unsigned shift;
    size_t skip; /* units before unit 0: the header */
} source;

/* Copies size bytes of the chain from start into out; false when the chain leaves the
 * table or the file, ends too soon or comes back to a unit it has been through. */
static bool copy_chain(const source *s, const uint32_t *table, size_t count, uint32_t start,
                       size_t size, unsigned char *out)
{
    size_t unit = (size_t)1 << s->shift, done = 0;
    unsigned char *seen = calloc(count / 8 + 1, 1);
    if (!seen)
        die_oom();
    bool whole = true;
    uint32_t at = start;
    while (whole && done < size) {
        size_t from = ((size_t)at + s->skip) << s->shift;
        size_t want = size - done < unit ? size - done : unit;
        whole = at < count && !(seen[at / 8] & 1u << at % 8) && from <= s->length &&
                s->length - from >= want;
        if (whole) {
            seen[at / 8] |= (unsigned char)(1u << at % 8);
            memcpy(out + done, s->bytes + from, want);
            done += want;
            at = table[at]; /* only a link inside the table is followed */
        }
    }
    free(seen);
    return whole;
}

/* The number of links of the chain from start, false when it loops or leaves the table. */
static bool chain_length(const uint32_t *table, size_t count, uint32_t start, size_t *links)
{
    size_t n = 0;
    for (uint32_t at = start; at != END_OF_CHAIN; at = table[at]) {
        if (at >= count || n >= count)
            return false;
        n++;
    }
    *links = n;
    return true;
}

static source file_sectors(const ole_file *f)
{
    return (source){f->bytes, f->length, f->shift, 1};
}

/* A whole chain of file sectors (the directory, the mini FAT), into *out. */
static bool read_whole_chain(const ole_file *f, uint32_t start, unsigned char **out, size_t *size)
{
    size_t links;
    if (!chain_length(f->fat, f->fat_count, start, &links))
        return false;
    *size = links << f->shift;
    *out = arena_alloc(f->memory, *size + 1);
    source s = file_sectors(f);
    return copy_chain(&s, f->fat, f->fat_count, start, *size, *out);
}

/* Sector n of the file, or NULL when the file does not hold all of it. */
static const unsigned char *whole_sector(const ole_file *f, uint32_t n)
{
    size_t unit = (size_t)1 << f->shift;
    size_t from = ((size_t)n + 1) << f->shift;
    if (n >= f->sectors || f->length - from < unit)
        return NULL;
    return f->bytes + from;
}

/* The sector table: its sectors are listed in the header, then in a chain of list
 * sectors whose last entry names the next. */
static bool read_fat(ole_file *f)
{
    const unsigned char *h = f->bytes;
    uint32_t fat_sectors = u32(h + 44);
    if (fat_sectors == 0 || fat_sectors > f->sectors)
        return false;
    size_t per_sector = ((size_t)1 << f->shift) / 4;
    f->fat_count = fat_sectors * per_sector;
    f->fat = arena_alloc(f->memory, f->fat_count * sizeof *f->fat);
    const unsigned char *list = h + 76;
    size_t in_list = HEADER_FAT_ENTRIES;
    uint32_t next_list = u32(h + 68);
    for (size_t i = 0; i < fat_sectors; i++) {
        if (in_list == 0) {
            list = whole_sector(f, next_list);
            if (!list)
                return false;
            in_list = per_sector - 1;
            next_list = u32(list + in_list * 4);
        }
        const unsigned char *table = whole_sector(f, u32(list));
        if (!table)
            return false;
        list += 4;
        in_list--;
        for (size_t j = 0; j < per_sector; j++)
            f->fat[i * per_sector + j] = u32(table + j * 4);
    }
    return true;
}

bool ole_open(ole_file *f, const unsigned char *bytes, size_t length, arena *memory)
{
    memset(f, 0, sizeof *f);
    f->bytes = bytes;
    f->length = length;
    f->memory = memory;
    if (length < 512 || memcmp(bytes, SIGNATURE, 8) != 0 || u16(bytes + 28) != 0xFFFE)
        return false;
    unsigned shift = u16(bytes + 30);
    if ((shift != 9 && shift != 12) || u16(bytes + 32) != MINI_SHIFT)
        return false;
    size_t unit = (size_t)1 << shift;
    if (length <= unit || (length - 1) >> shift > 0xFFFFFFF0u)
        return false;
    f->shift = shift;
    f->sectors = (uint32_t)((length - 1) >> shift); /* all but the header's */
    f->mini_cutoff = u32(bytes + 56);
    if (!read_fat(f))
        return false;
    unsigned char *directory;
    size_t size;
    if (!read_whole_chain(f, u32(bytes + 48), &directory, &size))
        return false;
    f->directory = directory;
    f->entries = size / ENTRY_BYTES;
    return f->entries > 0 && f->directory[66] == ENTRY_ROOT;
}

long ole_find(const ole_file *f, const char *name)
{
    size_t wanted = strlen(name);
    for (size_t i = 0; i < f->entries; i++) {
        const unsigned char *e = f->directory + i * ENTRY_BYTES;
        unsigned bytes = u16(e + 64);
        if (e[66] != ENTRY_STREAM || bytes != (wanted + 1) * 2)
            continue;
        size_t k = 0;
        while (k < wanted && u16(e + 2 * k) < 128 &&
               tolower(u16(e + 2 * k)) == tolower((unsigned char)name[k]))
            k++;
        if (k == wanted)
            return (long)i;
    }
    return -1;
}

/* The mini stream (the root entry's chain) and its table, for a short stream. */
static bool read_short(const ole_file *f, uint32_t start, size_t size, unsigned char *out)
{
    const unsigned char *root = f->directory;
    size_t mini_size = u32(root + 120);
    if (mini_size > f->length)
        return false;
    unsigned char *mini = arena_alloc(f->memory, mini_size + 1);
    source file = file_sectors(f);
    if (!copy_chain(&file, f->fat, f->fat_count, u32(root + 116), mini_size, mini))
        return false;
    unsigned char *table_bytes;
    size_t table_size;
    if (!read_whole_chain(f, u32(f->bytes + 60), &table_bytes, &table_size))
        return false;
    size_t count = table_size / 4;
    uint32_t *table = arena_alloc(f->memory, count * sizeof *table + 1);
    for (size_t i = 0; i < count; i++)
        table[i] = u32(table_bytes + i * 4);
    source s = {mini, mini_size, MINI_SHIFT, 0};
    return copy_chain(&s, table, count, start, size, out);
}

bool ole_read(const ole_file *f, long entry, unsigned char **data, size_t *size)
{
    if (entry < 0 || (size_t)entry >= f->entries)
        return false;
    const unsigned char *e = f->directory + (size_t)entry * ENTRY_BYTES;
    size_t length = u32(e + 120);
    if ((f->shift == 12 && u32(e + 124) != 0) || length > f->length)
        return false;
    *size = length;
    *data = arena_alloc(f->memory, length + 1);
    if (length < f->mini_cutoff)
        return read_short(f, u32(e + 116), length, *data);
    source s = file_sectors(f);
    return copy_chain(&s, f->fat, f->fat_count, u32(e + 116), length, *data);
}
