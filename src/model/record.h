/*
 * record.h: the records of the four kinds of submission, each with its provenance (the
 * file and physical line it came from) and its fate.  Amounts are exact 元 (money.h).
 * Indexes (industry, unit, …) point into the plan; -1 means "none".
 */
#ifndef BULLETIN_RECORD_H
#define BULLETIN_RECORD_H

#include "model/money.h"
#include "model/period.h"

#include <stdbool.h>

typedef enum {
    KIND_UNKNOWN = 0,
    KIND_PROJECTS,
    KIND_PROGRESS,
    KIND_ASSESSMENT,
    KIND_QUARTERLY
} record_kind;

/* "projects", "progress", "assessment", "quarterly" (or "unknown"). */
const char *record_kind_name(record_kind kind);

/* Rejected: refused after its file was read, for a key another office sent (supersede.h). */
typedef enum { FATE_ACCEPTED = 0, FATE_SUPERSEDED, FATE_REJECTED } record_fate;

typedef struct provenance {
    int file;  /* index into the store's files */
    long line; /* physical line (CSV) or libxml2's line (XML) */
} provenance;

typedef enum {
    STATUS_NONE = 0, /* not given */
    STATUS_PRELIMINARY, /* 前期 */
    STATUS_BUILDING,    /* 在建 */
    STATUS_COMPLETED,   /* 竣工 */
    STATUS_PRODUCING,   /* 投产 */
    STATUS_COUNT
} project_status;

/* "前期", "在建", "竣工", "投产", or "" for STATUS_NONE. */
const char *project_status_name(project_status status);

typedef struct project_record {
    provenance origin;
    record_fate fate;
    bool warned;
    period period;
    const char *code, *name, *owner, *issues;
    int industry, subsector, unit;
    bool strategic, attracted;
    money total_investment, annual_plan, ytd_investment;
    money month_investment;
    bool has_month_investment;
    project_status status;
} project_record;

typedef struct progress_record {
    provenance origin;
    record_fate fate;
    bool warned;
    period period;
    int unit, industry, subsector; /* subsector -1: the industry as a whole */
    money month_output;
    bool has_month_output;
    money ytd_output, prior_ytd_output, ytd_value_added, prior_ytd_value_added;
} progress_record;

typedef enum { LEADING_NONE = 0, LEADING_GOOD, LEADING_FAIR, LEADING_POOR } leading_grade;

typedef struct assessment_record {
    provenance origin;
    record_fate fate;
    bool warned;
    period period; /* the month of the submission; the record is year to date */
    int unit;
    bool has_land_pct;
    int64_t land_pct_e4; /* percent × 10^4 (35.2 % → 352000) */
    int new_platforms, national_platforms, provincial_platforms;
    leading_grade leading_enterprises;
    bool annual_plan_done;
    int national_funds, provincial_funds, national_honors, provincial_honors;
} assessment_record;

typedef struct quarterly_record {
    provenance origin;
    record_fate fate;
    bool warned;
    period period; /* a quarter */
    const char *unit; /* any office, as written */
    const char *topic, *content;
} quarterly_record;

/* What a store that keeps keys only (store.h, `check`) keeps of an accepted record: the
 * key superseding compares, with its line and fate.  Its file's index, kind and period
 * are the file's: the keys of a file are a range of the store's keys. */
typedef struct record_key {
    const char *key;  /* interned: a project's 项目编号, a progress row's unit|industry|
                         subsector and an assessment's unit as plan indexes ("3|1|-1",
                         "3"); NULL for a quarterly item, whose key is its file's office */
    long line;
    record_fate fate;
    bool warned;
} record_key;

#endif
