/*
 * fuzz_ingest.h: the part the file harnesses (CSV, XML, .xls, .xlsx) share: the real
 * plan and the submission schema loaded once, and one submission file read per input through
 * ingest_file into a fresh store, from a scratch folder named 2015-09/.
 */
#ifndef BULLETIN_FUZZ_INGEST_H
#define BULLETIN_FUZZ_INGEST_H

#include <stddef.h>
#include <stdint.h>

/* Writes data into <scratch>/2015-09/submission<suffix> and reads it with ingest_file
 * into a store of its own, released before returning.  The first call loads
 * input/plan.xml and schemas/ from the working folder (the repository root), and
 * aborts when they do not load. */
void fuzz_ingest_bytes(const uint8_t *data, size_t size, const char *suffix);

/* The two halves of fuzz_ingest_bytes, for a harness that writes the file itself: the
 * scratch path of a submission with the suffix (the plan loaded first), and the reading
 * of the file at that path. */
const char *fuzz_ingest_path(const char *suffix);
void fuzz_ingest_file(const char *path);

#endif
