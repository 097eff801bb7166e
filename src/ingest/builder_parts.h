/*
 * builder_parts.h: what the two halves of the record builder share (builder_row.c checks
 * each row on its own as it comes, builder.c checks it against the file's metadata and
 * commits it once that is settled, and ends the file): what each row says about the
 * file, the rows pending, the 合计 cells, the key sets, and the helpers that show values
 * in messages.  Not for use outside the builder.
 */
#ifndef BULLETIN_BUILDER_PARTS_H
#define BULLETIN_BUILDER_PARTS_H

#include "ingest/builder.h"
#include "ingest/keyset.h"

#define NAME_MAX_BYTES 256
#define SHOWN_MAX_BYTES 120

typedef union any_record {
    project_record project;
    progress_record progress;
    assessment_record assessment;
    quarterly_record quarterly;
} any_record;

/* What a row says about the file: its own 报告期, 报送单位 and 填报日期. */
typedef struct row_metadata {
    bool has_period;
    period period;
    const char *period_text;
    const char *office;      /* squeezed, or NULL */
    const char *office_text; /* as written */
    int office_index;
    date sent;
    const char *sent_text;
} row_metadata;

/* A row that passed its own checks and waits for the file's office and period to be
 * settled (builder.c), with its record. */
typedef struct pending_row {
    long line;
    size_t metadata; /* index into the builder's row_metadata */
    bool warned;
    any_record record;
} pending_row;

/* The file's office, period and date sent: each the first row's that states one, else
 * what the file states outside its rows (XML root, 样表 preamble, folder name). */
typedef struct settled {
    bool has_period;
    period period;
    const char *office; /* squeezed */
    int office_index;
    date sent;
} settled;

/* Row messages come out sorted by line, then by phase, then in the order they were
 * added: a row's messages from its own checks first, then those of each check that
 * needs the file's metadata or other rows, in this order. */
typedef enum row_phase {
    PHASE_READ,
    PHASE_METADATA,
    PHASE_LEAD_INDUSTRY,
    PHASE_BREAKDOWN,
    PHASE_TOTAL,
    PHASE_SUMS,
    PHASE_COUNT
} row_phase;

/* One amount of a 合计/总计 row. */
typedef struct total_cell {
    long line;
    int column;
    money amount;
    const char *shown; /* as written */
} total_cell;

/* The largest difference between a 合计 and the sum of its rows that is not reported. */
#define TOTAL_TOLERANCE (YUAN_PER_WAN / 2)

/* Names looked up in the plan, by the text looked up: the same text, the same answer. */
#define MEMO_SLOTS 256
#define MEMO_TEXT_BYTES 64

typedef struct memo_slot {
    char text[MEMO_TEXT_BYTES]; /* "" when the slot is free */
    int kind, owner;
    const plan_name *found;
} memo_slot;

/* The metadata cells of the last row whose metadata was read without a problem, as
 * written, with the row_metadata they gave: a row that states the same shares it. */
typedef struct metadata_memo {
    bool valid;
    const char *cells[3]; /* 报告期, 报送单位, 填报日期 (NULL: no such cell) */
    size_t index;
} metadata_memo;

struct builder_state {
    keyset records;    /* the key of every row whose key could be read */
    keyset breakdowns; /* progress: unit|industry broken down by sub-sector */
    memo_slot names[MEMO_SLOTS];
    metadata_memo metadata;
    diag_list row_diags[PHASE_COUNT]; /* about single rows, by phase */
    settled rows_say; /* what the rows read so far state of the file */
    bool settled;     /* the file's metadata is known before its end (file_says): rows are
                         finished as they come instead of waiting */
    settled file_says;
    bool doomed;      /* that metadata rejects the file at its end: rows are only counted */
    /* the rows that passed every check but the run's sums, for the 合计 rows */
    __int128 column_sums[TABLE_MAX_COLUMNS];
    long summed_rows;
    money file_sums[TABLE_MAX_COLUMNS]; /* of the rows accepted, for the run's sums */
    long accepted, warned;
};


/* The value as written, trimmed and cut to a readable length (scratch); NULL when empty. */
const char *builder_shown(builder *b, const char *text);
/* The first column of a type in a table, or -1. */
int builder_column_of_type(const table *t, column_type type);
/* The canonical name of a column of the file's table. */
const char *builder_column_name(const builder *b, int column);
/* The field at offset in a record. */
void *builder_field(any_record *record, size_t offset);
/* Adds a message about a row (a data row's line, or a 合计 row's) in a phase. */
void builder_row_message(builder *b, row_phase phase, diag_level level, long line,
                         const char *column, const char *value, const char *reason);
/* Takes a row that passed its own checks: finished now when the file's metadata is
 * settled, else kept pending until it is. */
void builder_take_row(builder *b, long line, size_t metadata, bool warned,
                      const any_record *record);
/* Learns from a row's metadata (every data row's, read or not) what the file's is. */
void builder_learn_metadata(builder *b, const row_metadata *m);

/* Whether the metadata the rows settled rejects the file at its end: its rows are then
 * only counted, unchecked (their messages would be dropped with them). */
bool builder_doomed(const builder *b);

#endif
