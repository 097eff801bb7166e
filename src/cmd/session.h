/*
 * session.h: what every subcommand that reads the input shares: options, today, the
 * output folder's lock, the plan, the template, the font set and the store, and the
 * one place where diagnostics are printed and turned into an exit status.
 */
#ifndef BULLETIN_SESSION_H
#define BULLETIN_SESSION_H

#include "cmd/options.h"
#include "model/plan.h"
#include "model/store.h"
#include "render/bulletin.h"
#include "report/outset.h"

typedef struct session {
    options options;
    date today;
    arena memory;
    const char *plan_path;
    plan plan;
    store store;
    bulletin_template *template;
    fontset *fonts;
    bool fonts_used;           /* a document was rendered with fonts */
    int lock_fd;
    diag_list setup_diags; /* problems of the plan, template, fonts and folders */
    bind_report report;        /* the report made: its template, under the data folder */
    bool progress_shown;       /* a progress bar is on the terminal */
    bool reader_only;          /* session_open_reader's: no template, no fonts, no
                                  reports needed (no lock unless session_lock) */
    char kill_stage[32];       /* the test hook (session_checkpoint), "" when off */
    long kill_at, kill_seen;
} session;

/* Parses the options, fixes today and takes the output folder's lock.  Returns EXIT_OK,
 * EXIT_USAGE, EXIT_CANTCREAT or EXIT_TEMPFAIL (the lock is held). */
int session_open(session *s, int argc, char **argv, const char *period_flag);
/* As session_open, for a subcommand that writes nothing (status): no lock is taken and
 * session_load loads no template and no fonts. */
int session_open_reader(session *s, int argc, char **argv, const char *period_flag);
/* Takes the output folder's lock for a session of session_open_reader that writes files
 * but no bulletin (forms), once its options are checked.  Returns EXIT_OK, EXIT_CANTCREAT
 * or EXIT_TEMPFAIL. */
int session_lock(session *s);
/* A session for one month or quarter inside another (the parent holds the lock): the
 * parent's options (without --template and -v) and today, the data folder's template
 * for report; session_load reads the input again up to its own month, so that what
 * it makes is what `run` or `quarter` makes for that period.  Closed with session_close,
 * which prints its problems. */
void session_open_child(session *child, const session *parent, bind_report report);
/* The --period given, else the month of today. */
period session_period_or_this_month(const session *s);
/* Loads the plan of through's year (--plan, else planfile_for_year of the input folder;
 * either must state that year), the template (--template, else the data folder's for
 * s->report, by default templates/monthly.xml) and the fonts, and ingests the input folder's reports of
 * that year up to the month through (later ones and other years' are left out, so that a
 * month made again gives what it gave).  Returns EXIT_OK, EXIT_DATAERR (no plan for the
 * year; plan, template or fonts invalid) or EXIT_NOINPUT. */
int session_load(session *s, period through);
/* The font set for a new document: the loaded one the first time, a freshly opened one
 * after (a set remembers the characters every document used, and each PDF should embed
 * only its own).  NULL, with the problem reported, when the fonts cannot be opened. */
fontset *session_fonts_for_document(session *s);
/* Shows step of steps, with a label, as a bar on standard error when that is a terminal;
 * does nothing otherwise (cron).  The bar is cleared by session_close. */
void session_progress(session *s, int step, int steps, const char *label);
/* The test hook, an outfile_checkpoint whose context is the session: when the
 * environment has BULLETIN_TEST_KILL_AT=STAGE[:N], the process kills itself with
 * SIGKILL at the Nth (default first) checkpoint named STAGE ("any" names them all).
 * Used by tests/check_operation.c to prove that a kill leaves the outputs whole. */
void session_checkpoint(void *context, const char *stage, const char *path);
/* Creates an output folder; on failure reports it and returns -1. */
int session_make_folder(session *s, const char *path);
/* Reports a failed commit of an output set, saying whether the old set or the new one is
 * in place; returns EXIT_CANTCREAT (or EXIT_OSERR, as session_cannot_write). */
int session_write_failed(session *s, const outset *set);
/* Reports that path (NULL: the output folder) could not be written (errno error);
 * returns EXIT_CANTCREAT, or EXIT_OSERR when memory or descriptors ran out. */
int session_cannot_write(session *s, const char *path, int error);
/* Prints one line for the operator on standard error: "bulletin: " and the message. */
void session_say(session *s, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* EXIT_PROBLEMS (with the summary line on standard error, which counts refused files,
 * refused rows, skipped entries, warnings and late or missing reports) when any of
 * these is not zero or ingest reported any error, else EXIT_OK. */
int session_outcome(session *s, period p, long reports_late_or_missing);
/* Prints what must be printed, releases everything, returns status. */
int session_close(session *s, int status);

#endif
