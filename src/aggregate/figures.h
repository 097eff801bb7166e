/*
 * figures.h: what the aggregation computes for one period from the store: output and
 * value added against the plan's targets (scoring.md §1) and the key projects (§2).
 * Sums are exact 元; ratios are exact fractions, `known` false where they cannot be
 * computed (a zero denominator).  The figures point into the plan and the store.
 */
#ifndef BULLETIN_FIGURES_H
#define BULLETIN_FIGURES_H

#include "model/fraction.h"
#include "model/plan.h"
#include "model/store.h"

typedef struct ratio {
    bool known;
    fraction value;
} ratio;

typedef struct output_totals {
    const char *name;
    bool has_target;
    money target;
    money ytd_output, prior_ytd_output, ytd_value_added, prior_ytd_value_added;
    long records;
} output_totals;

typedef struct project_totals {
    const char *name;
    long count;
    money total_investment, annual_plan, ytd_investment;
} project_totals;

typedef struct figures {
    period period;
    fraction time_progress_pct;   /* M / 12 × 100 */
    output_totals *industries;    /* plan order, industry_count items */
    size_t industry_count;
    output_totals total;
    /* total ytd output per month of the year, where that month's records exist */
    bool has_monthly_output[12];
    money monthly_output[12];
    /* key projects */
    project_totals projects;
    long projects_by_status[STATUS_COUNT];
    project_totals *projects_by_industry; /* plan order */
    project_totals *projects_by_unit;     /* plan order, unit_count items */
    size_t unit_count;
    const project_record **period_projects; /* every key project of the period, input order */
    size_t period_project_count;
    const project_record **major;         /* in input order */
    size_t major_count;
    long major_attracted;
    const project_record **with_issues;   /* projects that report a problem */
    size_t with_issues_count;
    bool beyond; /* a sum did not fit in a money: the figures must not be published */
} figures;

/* Computes the figures of period p (a month) from the accepted, not superseded records
 * of the store.  Everything returned is owned by arena a. */
void figures_compute(figures *f, const plan *pl, const store *s, period p, arena *a);

/* ytd_output / target × 100. */
ratio figures_completion_pct(const output_totals *t);
/* (ytd − prior) / prior × 100 of output, and of value added. */
ratio figures_yoy_pct(const output_totals *t);
ratio figures_va_growth_pct(const output_totals *t);
/* Σ 累计完成投资 / Σ 年度计划投资 × 100. */
ratio figures_investment_pct(const project_totals *t);
/* True when the total's value-added growth reaches the plan's goal. */
bool figures_va_goal_met(const figures *f, const plan *pl);

/* True when the project is major by the plan's thresholds (scoring.md §2). */
bool figures_is_major(const project_record *r, const plan *pl);

#endif
