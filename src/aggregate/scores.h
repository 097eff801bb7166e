/*
 * scores.h: the 附件1 scores of the assessed units (scoring.md §3) for one period,
 * computed exactly (fractions) from the period's figures, progress and assessment
 * records, with every parameter taken from the plan.  Rounding happens only in output.
 */
#ifndef BULLETIN_SCORES_H
#define BULLETIN_SCORES_H

#include "aggregate/figures.h"

/* What a unit lacks (scoring.md §3, Totals); the bits are listed in this order. */
enum {
    SCORE_MISSING_PROGRESS = 1 << 0,          /* no progress record in the period */
    SCORE_MISSING_PRIOR_VALUE_ADDED = 1 << 1, /* it has progress, but prior assessed VA 0 */
    SCORE_MISSING_PROJECTS = 1 << 2,          /* no key project located in the unit */
    SCORE_MISSING_ASSESSMENT = 1 << 3         /* no assessment record for the year */
};
#define SCORE_MISSING_BITS 4

/* "progress", "prior_value_added", "projects", "assessment" for one SCORE_MISSING_* bit,
 * or "" for anything else. */
const char *scores_missing_name(unsigned bit);

typedef struct unit_score {
    int unit;         /* index into the plan's units */
    const char *name; /* the plan's name of the unit */
    int rank;         /* by total: 1 = highest, ties share and the next rank skips */
    unsigned missing; /* SCORE_MISSING_* bits */

    /* what the scores are computed from */
    money value_added, prior_value_added; /* Σ of the assessed sub-sectors, 元 */
    long project_count;                   /* key projects located in the unit */
    money annual_plan, ytd_investment;    /* Σ over those projects, 元 */
    long major_attracted;                 /* major projects attracted this year */
    const assessment_record *assessment;  /* the record used, or NULL */

    /* 1 产业发展 */
    ratio growth_pct;   /* assessed value-added growth in percent; unknown: prior VA 0 */
    fraction growth;    /* 1.1 (held at 0 or more should the plan's caps allow less) */
    int scale_rank;     /* 0: not ranked (value added missing or 0) */
    fraction scale;     /* 1.2 */
    fraction industry_development;

    /* 2 项目带动 */
    fraction composite; /* count weight × n / n_max + completion weight × min(1, c), where
                           c = Σ 累计完成投资 / Σ 年度计划投资, taken as 0 where Σ plan is 0;
                           0 for a unit with no key project */
    int projects_rank;  /* 0: not ranked (composite 0) */
    fraction projects;  /* 2.1 */
    int land_rank;      /* 0: not ranked (no land share, or 0) */
    fraction land;      /* 2.2 */
    fraction major_bonus; /* 2.3 */
    fraction project_drive;

    /* 3 创新驱动 */
    fraction platforms;           /* 3.1 */
    fraction leading_enterprises; /* 3.2 */
    fraction plan;                /* 3.3 */
    fraction extra;               /* 3.4, capped */
    fraction innovation;

    fraction total;
} unit_score;

typedef struct unit_scores {
    unit_score *units; /* every unit of the plan, in rank order (ties in plan order) */
    size_t count;
    bool beyond; /* a sum or a score could not be represented exactly: not to publish */
} unit_scores;

/* Scores every assessed unit of the plan for the period of f (a month), from the
 * figures f (key projects per unit, major projects) and the accepted, not superseded
 * progress and assessment records of s.  f must have been computed from the same plan
 * and store.  The rows are owned by arena a; they point into the plan and the store. */
void scores_compute(unit_scores *out, const plan *pl, const store *s, const figures *f,
                    arena *a);

/* The assessment record a unit's scores use for period p: among the accepted, not
 * superseded assessment records of the unit in p's year whose period is not after p,
 * the one with the latest period (equal periods: the later in the store).  NULL if none. */
const assessment_record *scores_assessment_for(const store *s, int unit, period p);

#endif
