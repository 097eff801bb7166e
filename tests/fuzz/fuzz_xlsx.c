/*
 * fuzz_xlsx.c: libFuzzer harness: any bytes as an .xlsx workbook of 2015-09, read by
 * ingest_file with the real plan.  Only crashes, leaks and UB count as findings.
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest_bytes(data, size, ".xlsx");
    return 0;
}
