/*
 * fuzz_xml.c: libFuzzer harness: any bytes as an XML submission of 2015-09, read by
 * ingest_file with the real plan and the submission schema.
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest_bytes(data, size, ".xml");
    return 0;
}
