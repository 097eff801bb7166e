/*
 * options.h: the options shared by the subcommands (outputs.md §1), "today" from
 * --now or SOURCE_DATE_EPOCH, and where the program's data (schemas, templates, fonts)
 * lives.
 */
#ifndef BULLETIN_OPTIONS_H
#define BULLETIN_OPTIONS_H

#include "model/period.h"

#include <stdbool.h>

typedef struct options {
    bool has_period;
    period period;
    const char *input;     /* default "input" */
    const char *plan;      /* default <input>/plan.xml */
    const char *output;    /* default "output" */
    const char *template;  /* default <datadir>/templates/monthly.xml */
    const char *now;       /* --now YYYY-MM-DD, or NULL */
    const char *format;    /* --format (status: "csv"), or NULL */
    bool verbose;
    char **operands;       /* what follows the options */
    int operand_count;
} options;

/* Parses argv[1..argc) (argv[0] is the subcommand).  Returns 0, or -1 after printing
 * the problem on standard error (exit 64).  `period_flag` is "--period", "--quarter" or
 * "--year" (a year YYYY, kept as a period whose month and quarter are 0). */
int options_parse(int argc, char **argv, const char *period_flag, options *out);

/* Today: --now, else SOURCE_DATE_EPOCH (seconds, UTC), else the clock (local time).
 * Returns 0 on success, -1 when --now or SOURCE_DATE_EPOCH is malformed. */
int options_today(const options *o, date *today);

/* The latest 填报日期 a report can bear: today, or the clock's date when that is later
 * (--now and SOURCE_DATE_EPOCH date the outputs, and a month rebuilt later is dated in
 * the past while its reports came in after that date; docs/decisions.md). */
date options_latest_sent(date today);

/* The folder of the program's data: $BULLETIN_DATADIR, else the build's DATADIR. */
const char *options_datadir(void);

/* The test hook $BULLETIN_TEST_KILL_AT ("STAGE" or "STAGE:N"), or NULL when unset.
 * See session_checkpoint. */
const char *options_test_kill_at(void);

#endif
