/*
 * testutil.h: helpers for the end-to-end tests: run a command and capture its output and
 * exit status, read a whole file, make a scratch folder.
 */
#ifndef BULLETIN_TESTUTIL_H
#define BULLETIN_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct command_result {
    int status;   /* exit status, or 128 + signal */
    char *out;    /* standard output, NUL-terminated, malloc'd */
    char *err;    /* standard error, NUL-terminated, malloc'd */
    size_t out_length;
} command_result;

/* Runs `sh -c command` and captures both outputs. */
command_result run_command(const char *format, ...) __attribute__((format(printf, 1, 2)));
void command_result_free(command_result *r);

/* The bytes of a file, malloc'd and NUL-terminated, or NULL; *length gets the size. */
char *read_whole_file(const char *path, size_t *length);

/* True when both files can be read and hold the same bytes. */
bool same_file_bytes(const char *a, const char *b);

/* A new empty folder under $TMPDIR (or /tmp), malloc'd path. */
char *make_scratch_folder(void);

/* Removes a folder of make_scratch_folder with all it holds, and frees its path. */
void remove_scratch_folder(char *folder);

/* Runs every test of the suite (forking as CK_FORK says) and returns the exit status of
 * the test program: EXIT_SUCCESS when all passed. */
typedef struct Suite Suite;
int run_suite(Suite *suite);

/* Loads input/plan.xml (validated by schemas/plan.xsd) into *out, its strings in memory;
 * fails the running test when it does not load. */
typedef struct arena arena;
typedef struct plan plan;
void load_sample_plan(arena *memory, plan *out);

/* Every message of a store, one per line, as diag_format writes them (in a). */
typedef struct store store;
typedef struct submission_file submission_file;
const char *store_messages(const store *s, arena *a);
/* The store's file with this path; fails the running test when there is none. */
const submission_file *store_file_at(const store *s, const char *path);

/* The program under test: $BULLETIN_BIN, else build/bulletin. */
const char *bulletin_binary(void);

#endif
