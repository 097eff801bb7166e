/*
 * cmd.h: the subcommands, one file each, and the exit statuses of outputs.md §1.
 * Only this layer prints, exits or reads the clock.
 */
#ifndef BULLETIN_CMD_H
#define BULLETIN_CMD_H

#define BULLETIN_VERSION "0.1.0"

enum {
    EXIT_OK = 0,
    EXIT_PROBLEMS = 3,   /* outputs written; rows rejected/warned or reports missing/late */
    EXIT_USAGE = 64,
    EXIT_DATAERR = 65,   /* the plan or a template is invalid; verify: the archive differs */
    EXIT_NOINPUT = 66,
    EXIT_OSERR = 71,     /* out of memory or of file descriptors (die_exhausted) */
    EXIT_CANTCREAT = 73, /* an output could not be written */
    EXIT_TEMPFAIL = 75   /* another run holds the lock */
};

/* argv[0] is the subcommand's name. */
int cmd_run(int argc, char **argv);
int cmd_quarter(int argc, char **argv);
/* Exit 0 when the archive is whole, EXIT_DATAERR when a file differs, is missing or was
 * added, EXIT_NOINPUT when the folder or its manifest cannot be read. */
int cmd_verify(int argc, char **argv);
int cmd_check(int argc, char **argv);
/* The annual report and the year's sealed archive (year.c). */
int cmd_year(int argc, char **argv);
/* Exit 0 when every report of the period is in, EXIT_PROBLEMS when one is outstanding. */
int cmd_status(int argc, char **argv);
/* The forms each office owes for a period, pre-filled, under <output>/forms/ (forms.c). */
int cmd_forms(int argc, char **argv);

#endif
