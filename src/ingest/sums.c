/*
 * sums.c: per kind and period, the sum of each amount column (see sums.h).  Periods
 * number in the tens: a linear search finds a period's sums.
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

static period_sums *sums_of(ingest_sums *s, record_kind kind, period p)
{
    for (size_t i = 0; i < s->periods.count; i++) {
        period_sums *found = vec_at(&s->periods, i);
        if (found->kind == kind && period_equal(found->period, p))
            return found;
    }
    period_sums *added = vec_push(&s->periods);
    memset(added, 0, sizeof *added);
    added->kind = kind;
    added->period = p;
    return added;
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

int sums_add(ingest_sums *s, const table *t, period p, const void *record)
{
    period_sums *sums = sums_of(s, t->kind, p);
    money next[TABLE_MAX_COLUMNS];
    for (size_t i = 0; i < t->count; i++) {
        next[i] = sums->sums[i];
        if (money_add(&next[i], amount_of(&t->columns[i], record)) != 0)
            return (int)i;
    }
    memcpy(sums->sums, next, t->count * sizeof next[0]);
    return SUMS_FIT;
}
