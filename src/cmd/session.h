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
#include "report/outfile.h"

typedef struct session {
    options options;
    date today;
    arena memory;
    const char *plan_path;
    plan plan;
    store store;
    bulletin_template *template;
    fontset *fonts;
    int lock_fd;
    diag_list setup_diags; /* problems of the plan, template, fonts and folders */
} session;

/* Parses the options, fixes today and takes the output folder's lock.  Returns EXIT_OK,
 * EXIT_USAGE, EXIT_CANTCREAT or EXIT_TEMPFAIL (the lock is held). */
int session_open(session *s, int argc, char **argv, const char *period_flag);
/* Loads the plan, the template and the fonts, and ingests the input folder.  Returns
 * EXIT_OK, EXIT_DATAERR (plan, template or fonts invalid) or EXIT_NOINPUT. */
int session_load(session *s);
/* Creates an output folder; on failure reports it and returns -1. */
int session_make_folder(session *s, const char *path);
/* Reports a failed output batch; returns EXIT_CANTCREAT. */
int session_write_failed(session *s, const outfile_batch *batch);
/* EXIT_PROBLEMS (with the summary line on standard error) when rows were rejected or
 * warned about or reports are late or missing, else EXIT_OK. */
int session_outcome(session *s, period p, long reports_late_or_missing);
/* Prints what must be printed, releases everything, returns status. */
int session_close(session *s, int status);

#endif
