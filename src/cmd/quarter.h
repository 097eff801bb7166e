/*
 * quarter.h: what `bulletin year` shares with `bulletin quarter` (quarter.c): making a
 * quarter's archive, and the pieces of a sealed archive over a span, a quarter or a year
 * (a period {year, 0, 0}): its files, the monthly bulletins copied or made again, the
 * normalised data, rejects.csv, the sources, the one-step writing, the status line's
 * counts.
 */
#ifndef BULLETIN_QUARTER_H
#define BULLETIN_QUARTER_H

#include "cmd/session.h"
#include "report/archive.h"

/* What the operator is told about a span when the status is 3. */
typedef struct quarter_notes {
    buffer missing_offices;  /* offices that sent no quarterly items */
    buffer late_offices;     /* offices that sent them after the due day */
    buffer missing_months;   /* months with neither a bulletin nor input */
    buffer remade_months;    /* months whose bulletin was damaged or stale, made again */
    row_counts rows;         /* of the span's files */
    long refused_files;      /* the span's files refused whole (as `run` counts them) */
    long skipped;            /* entries of the input folder not read */
    long warnings;           /* of rejects.csv: warned rows, 合计 rows that disagree … */
} quarter_notes;

void quarter_notes_init(quarter_notes *notes);
/* Appends the counts of the status line, as `run` says them: "；拒收文件 0 个，拒收 5 行，
 * 跳过 0 项，警告 1 条". */
void quarter_say_counts(buffer *line, const quarter_notes *notes);
void quarter_notes_free(quarter_notes *notes);

/* Makes the quarter's report and archive and writes it (or finds it unchanged); the
 * session's store must hold the reports through the quarter's last month.  Returns the
 * exit status, with the status line said when it is EXIT_PROBLEMS. */
int quarter_make(session *s, period q);

/* A file whose records or diagnostics an archive of the span holds: its period lies in
 * the span, or it has none (rejected whole before its period was known). */
bool quarter_file_in(const submission_file *f, period span);
/* The quarter's accepted items, by sending office in the plan's order, then as sent. */
bind_item *quarter_items(session *s, period q, size_t *count);
/* The figures of months 1…last of year ([m − 1]; NULL where a month has no record). */
const figures **quarter_month_figures(session *s, int year, int last, bool *beyond);
/* Adds bulletin-YYYY-MM.pdf: copied from <output>/YYYY-MM/, else made again from the
 * input up to that month (as `run` makes it), else (no input for the month) named in
 * notes->missing_months. */
int quarter_add_month_bulletin(session *s, period month, archive *a, quarter_notes *notes);
/* Adds data/projects.csv, progress.csv, assessment.csv, quarterly.csv of the span. */
void quarter_add_data(session *s, period span, archive *a);
/* Adds rejects.csv of the span: the problems of its files, and those of no file. */
void quarter_add_rejects(session *s, period span, archive *a);
/* Records a file the archive is made from (its SHA-256); EXIT_NOINPUT when unreadable. */
int quarter_add_source_file(session *s, archive *a, const char *name, const char *path);
/* Writes the archive as <output>/archive/<name> (or name.2 …) unless its newest version
 * has the same inputs; *where gets the folder that holds it, *written whether it was
 * written now. */
int quarter_write_archive(session *s, const char *name, archive *a, const char **where,
                          bool *written);
/* Counts the span's refused files, rejected and warned rows, the skipped entries and the
 * warnings of its rejects.csv. */
void quarter_count_rows(const session *s, period span, quarter_notes *notes);

#endif
