/*
 * store.h: everything ingest learned from the input folder: the submission files with
 * their metadata and row counts, the records of each kind with their fates, and the
 * diagnostics.  Reports and the bulletin are views of the store; nothing is deleted.
 */
#ifndef BULLETIN_STORE_H
#define BULLETIN_STORE_H

#include "model/arena.h"
#include "model/diag.h"
#include "model/record.h"

#include <stdint.h>

typedef struct row_counts {
    long read, accepted, warned, rejected, superseded;
} row_counts;

typedef struct submission_file {
    const char *path;     /* as found under the input folder, e.g. input/2015-09/x.csv */
    record_kind kind;
    const char *office;   /* the office as the plan names it, or as written when unknown */
    int office_index;     /* into the plan's offices, or -1 */
    bool has_period;
    period period;
    date sent;            /* 0 = date unknown */
    const char *encoding; /* "UTF-8", "GB18030", "UTF-16LE", … */
    bool rejected_whole;
    row_counts rows;
    size_t first_key, key_count; /* its records' keys in the store's keys (keys_only) */
    unsigned char sha256[32];
} submission_file;

/* A slot of the store's intern table (store.c). */
typedef struct store_name {
    uint32_t hash;    /* the low bits of the text's hash */
    unsigned pass;    /* the last reading that marked the text (store_mark), or 0 */
    const char *text; /* NULL: free */
    long line;        /* where that reading first marked it */
} store_name;

typedef struct store {
    arena *memory;
    store_name *names;    /* every text interned, one copy each (open addressing) */
    size_t name_capacity, name_count;
    unsigned passes;      /* readings of files begun (store_begin_pass) */
    vec files;      /* submission_file */
    vec projects;   /* project_record */
    vec progress;   /* progress_record */
    vec assessments;/* assessment_record */
    vec quarterly;  /* quarterly_record */
    bool keys_only; /* keep of each accepted record only its key (`check`): keys, not
                       the four vectors above, which stay empty */
    vec keys;       /* record_key */
    diag_list diags;
    long skipped;   /* entries of the input folder not read (each with an error in diags) */
} store;

void store_init(store *s, arena *memory);
void store_free(store *s);

/* The store's one copy of the length bytes at text (a NUL is added): equal texts, one
 * pointer.  Records keep their names, codes and free text this way. */
const char *store_intern(store *s, const char *text, size_t length);

/* Begins a reading of a file (or of the same file again): marks of earlier readings no
 * longer count.  Returns the reading's number for store_seen. */
unsigned store_begin_pass(store *s);
/* Marks an interned text (store_intern's pointer) as seen by reading pass at line, and
 * returns 0; or, when that reading marked it before, the line it was first marked at:
 * the duplicate check of a file's keys, done where the key is kept anyway. */
long store_seen(store *s, unsigned pass, const char *interned, long line);

/* Adds a file and returns its index; the path is copied. */
int store_add_file(store *s, const char *path);
submission_file *store_file(const store *s, int index);

/* How much the store holds, to leave out again what is added after it. */
typedef struct store_mark {
    size_t files, projects, progress, assessments, quarterly, keys, diags;
} store_mark;

store_mark store_mark_now(const store *s);
/* Forgets every record and key added since mark (a file's, when it is read again or
 * refused whole); files and diagnostics stay. */
void store_forget_records_since(store *s, const store_mark *mark);
/* Forgets every file, record and diagnostic added since mark, as if never read: for a
 * file that turns out not to belong to the run (a plan serves one year). */
void store_forget_since(store *s, const store_mark *mark);

/* The sum of every file's counts. */
row_counts store_totals(const store *s);

/* The files refused whole: not decoded, not parsed, or rejected with all their rows. */
long store_refused_files(const store *s);

#endif
