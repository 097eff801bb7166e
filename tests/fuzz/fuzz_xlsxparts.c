/*
 * fuzz_xlsxparts.c: libFuzzer harness for what lies inside an .xlsx: the input is cut at
 * each "#~#\n" into up to six parts, stored (not deflated) by libzip as xl/workbook.xml,
 * its relationships, the shared strings, the styles and two sheets, and the workbook is
 * read by ingest_file as a submission of 2015-09.  The bytes reach the XML parts whole,
 * where fuzz_xlsx's mostly break the zip.  Only crashes, leaks and UB are findings.
 */
#define _GNU_SOURCE /* memmem */
#include "fuzz_ingest.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MARKER "#~#\n"

static const char *const parts[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_ingest_path(".xlsx");
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z)
        abort();
    const uint8_t *start = data, *end = data + size;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && start <= end; i++) {
        const uint8_t *cut = memmem(start, (size_t)(end - start), MARKER, strlen(MARKER));
        const uint8_t *stop = cut ? cut : end;
        zip_source_t *source = zip_source_buffer(z, start, (zip_uint64_t)(stop - start), 0);
        zip_int64_t index = source ? zip_file_add(z, parts[i], source, 0) : -1;
        if (index < 0 || zip_set_file_compression(z, (zip_uint64_t)index, ZIP_CM_STORE, 0) != 0)
            abort();
        if (!cut)
            break;
        start = cut + strlen(MARKER);
    }
    if (zip_close(z) != 0)
        abort();
    fuzz_ingest_file(path);
    return 0;
}
