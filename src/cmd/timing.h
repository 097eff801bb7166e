/*
 * timing.h: stage times for `make bench` and anyone profiling a run.  With
 * BULLETIN_TIMING=1 in the environment, each timing_mark prints one line on standard
 * error with the wall-clock and CPU time (user + system) since the previous mark;
 * timing_end prints the whole run's and its peak resident memory.  Without it nothing is
 * printed and a mark costs one getenv at the first call.
 */
#ifndef BULLETIN_TIMING_H
#define BULLETIN_TIMING_H

/* Ends the stage named stage (e.g. "ingest"); detail, when not NULL, is printed after
 * the times (e.g. "rows=2741").  The first stage starts at the first call of any of
 * these functions or at timing_start. */
void timing_mark(const char *stage, const char *detail);
/* Starts the clock now (the beginning of the first stage). */
void timing_start(void);
/* Prints the total and the peak resident set size (getrusage), once. */
void timing_end(void);

#endif
