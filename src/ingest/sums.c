/*
 * sums.c: per kind and period, the sum of each amount column (see sums.h), and a
 * file's sums waiting for its end.  Periods number in the tens: a linear search finds a
 * period's sums.
 */
#include "ingest/sums.h"

#include <string.h>

typedef struct period_sums {
    record_kind kind;
    period period;
    money sums[TABLE_MAX_COLUMNS];
} period_sums;

void sums_init(ingest_sums *s)
{
    vec_init(&s->periods, sizeof(period_sums));
}

void sums_free(ingest_sums *s)
{
    vec_free(&s->periods);
}

/* The sums of kind and period, or NULL when nothing of them was added yet. */
static period_sums *sums_of(const ingest_sums *s, record_kind kind, period p)
{
    for (size_t i = 0; i < s->periods.count; i++) {
        period_sums *found = vec_at(&s->periods, i);
        if (found->kind == kind && period_equal(found->period, p))
            return found;
    }
    return NULL;
}

/* The amount of column i in record, or 0 when the column is not an amount or not given. */
static money amount_of(const table_column *column, const void *record)
{
    if (column->type != COLUMN_AMOUNT || column->field == TABLE_NO_FIELD)
        return 0;
    if (column->given != TABLE_NO_FIELD && !*(const bool *)((const char *)record + column->given))
        return 0;
    money amount;
    memcpy(&amount, (const char *)record + column->field, sizeof amount);
    return amount;
}

int sums_add_row(const ingest_sums *s, const table *t, period p, money *file, const void *record)
{
    const period_sums *run = sums_of(s, t->kind, p);
    money next[TABLE_MAX_COLUMNS];
    for (size_t i = 0; i < t->count; i++) {
        next[i] = file[i];
        money amount = amount_of(&t->columns[i], record);
        if (amount == 0)
            continue;
        /* run + file fits (every row added so far was checked so), and amounts are not
         * negative: file + amount fits when run + file + amount does */
        money total = (run ? run->sums[i] : 0) + file[i];
        if (money_add(&total, amount) != 0)
            return (int)i;
        next[i] += amount;
    }
    memcpy(file, next, t->count * sizeof next[0]);
    return SUMS_FIT;
}

void sums_add_file(ingest_sums *s, const table *t, period p, const money *file)
{
    period_sums *run = sums_of(s, t->kind, p);
    if (!run) {
        run = vec_push(&s->periods);
        memset(run, 0, sizeof *run);
        run->kind = t->kind;
        run->period = p;
    }
    for (size_t i = 0; i < t->count; i++)
        money_add(&run->sums[i], file[i]); /* fits: sums_add_row saw run + file fit */
}
