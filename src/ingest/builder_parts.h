/*
 * builder_parts.h: what the two halves of the record builder share (builder.c settles a
 * file at its end, builder_row.c checks each row as it comes): the pending rows with
 * what each says about the file, the 合计 cells, the key sets, and the helpers that
 * show values in messages.  Not for use outside the builder.
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

/* A row that passed its own checks: its record waits in the store, at the builder's
 * first_record plus the row's index, until the end of the file settles it. */
typedef struct pending_row {
    long line;
    size_t metadata; /* index into the builder's row_metadata */
    bool rejected, warned;
} pending_row;

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

struct builder_keys {
    keyset records;    /* the key of every row whose key could be read */
    keyset breakdowns; /* progress: unit|industry broken down by sub-sector */
    memo_slot names[MEMO_SLOTS];
    metadata_memo metadata;
};


/* The value as written, trimmed and cut to a readable length (scratch); NULL when empty. */
const char *builder_shown(builder *b, const char *text);
/* The canonical name of a column of the file's table. */
const char *builder_column_name(const builder *b, int column);
/* The field at offset in a record. */
void *builder_field(any_record *record, size_t offset);
/* The store's records of the file's kind. */
vec *builder_records(const builder *b);
/* The record of a pending row (one of b->rows). */
any_record *builder_pending_record(const builder *b, const pending_row *r);

#endif
