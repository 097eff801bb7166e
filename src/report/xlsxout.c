/*
 * xlsxout.c: libxlsxwriter into memory, the same bytes every run (see xlsxout.h).
 * libxlsxwriter dates every zip entry 1980-01-01; the entries are dated afterwards, in
 * the local and the central headers (the CRC covers only the data).
 */
#include "report/xlsxout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static unsigned read16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long read32(const unsigned char *p)
{
    return (unsigned long)read16(p) | (unsigned long)read16(p + 2) << 16;
}

static void write16(unsigned char *p, unsigned value)
{
    p[0] = (unsigned char)value;
    p[1] = (unsigned char)(value >> 8);
}

/* Dates every entry of the zip in bytes (local and central headers) at 00:00 of d. */
static void date_entries(unsigned char *bytes, size_t length, date d)
{
    if (length < 22 || memcmp(bytes + length - 22, "PK\5\6", 4) != 0)
        return; /* libxlsxwriter writes no zip comment */
    unsigned dos = (unsigned)((d / 10000 - 1980) << 9 | (d / 100 % 100) << 5 | d % 100);
    const unsigned char *end = bytes + length - 22;
    size_t at = read32(end + 16);
    for (unsigned n = read16(end + 10); n > 0 && at + 46 <= length; n--) {
        unsigned char *central = bytes + at;
        size_t local = read32(central + 42);
        if (memcmp(central, "PK\1\2", 4) != 0 || local + 30 > length ||
            memcmp(bytes + local, "PK\3\4", 4) != 0)
            return;
        write16(central + 12, 0);
        write16(central + 14, dos);
        write16(bytes + local + 10, 0);
        write16(bytes + local + 12, dos);
        at += 46 + read16(central + 28) + read16(central + 30) + read16(central + 32);
    }
}

static int read_back(const char *path, buffer *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buffer_append(out, chunk, n);
    int status = ferror(f) ? -1 : 0;
    fclose(f);
    return status;
}

int xlsxout_write(buffer *out, const char *temp_dir, date when, const char *title,
                  const char *subject, xlsxout_fill fill, void *context)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.xlsx-XXXXXX", temp_dir);
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    struct tm tm = {.tm_year = when / 10000 - 1900, .tm_mon = when / 100 % 100 - 1,
                    .tm_mday = when % 100};
    lxw_workbook_options options = {.tmpdir = (char *)temp_dir};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    lxw_doc_properties properties = {.title = (char *)title, .subject = (char *)subject,
                                     .author = "bulletin", .created = timegm(&tm)};
    int status = wb ? 0 : -1;
    if (wb) {
        workbook_set_properties(wb, &properties);
        fill(wb, context);
        status = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
    }
    if (status == 0)
        status = read_back(path, out);
    unlink(path);
    if (status == 0)
        date_entries((unsigned char *)out->data, out->length, when);
    else
        out->length = 0;
    return status;
}
