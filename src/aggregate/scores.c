/*
 * scores.c: the 附件1 unit scores (scoring.md §3, see scores.h).  Gathers each unit's
 * metrics from the figures and the store, ranks them by the ranking rule, adds the
 * fixed-point items and ranks the totals.  Everything is an exact fraction.
 */
#include "aggregate/scores.h"

#include <stdlib.h>
#include <string.h>

const char *scores_missing_name(unsigned bit)
{
    switch (bit) {
    case SCORE_MISSING_PROGRESS: return "progress";
    case SCORE_MISSING_PRIOR_VALUE_ADDED: return "prior_value_added";
    case SCORE_MISSING_PROJECTS: return "projects";
    case SCORE_MISSING_ASSESSMENT: return "assessment";
    default: return "";
    }
}

static const fraction zero = {0, 1};

static bool in_period(period record, period p)
{
    return record.quarter == 0 && record.year == p.year && record.month == p.month;
}

/* Records of the industry as a whole (subsector -1) count as assessed. */
static bool is_assessed(const plan *pl, const progress_record *r)
{
    if (r->subsector < 0)
        return true;
    if (r->industry < 0 || (size_t)r->industry >= pl->industry_count)
        return false;
    const plan_industry *industry = &pl->industries[r->industry];
    return (size_t)r->subsector < industry->subsector_count &&
           industry->subsectors[r->subsector].assessed;
}

static void gather_progress(unit_scores *out, unit_score *rows, const plan *pl, const store *s,
                            period p)
{
    for (size_t i = 0; i < s->progress.count; i++) {
        const progress_record *r = vec_at(&s->progress, i);
        if (r->fate != FATE_ACCEPTED || !in_period(r->period, p) || r->unit < 0 ||
            (size_t)r->unit >= pl->unit_count)
            continue;
        unit_score *row = &rows[r->unit];
        row->missing &= ~(unsigned)SCORE_MISSING_PROGRESS;
        if (!is_assessed(pl, r))
            continue;
        if (money_add(&row->value_added, r->ytd_value_added) != 0 ||
            money_add(&row->prior_value_added, r->prior_ytd_value_added) != 0)
            out->beyond = true;
    }
}

static void gather_projects(unit_score *rows, const plan *pl, const figures *f)
{
    for (size_t u = 0; u < pl->unit_count && u < f->unit_count; u++) {
        const project_totals *t = &f->projects_by_unit[u];
        rows[u].project_count = t->count;
        rows[u].annual_plan = t->annual_plan;
        rows[u].ytd_investment = t->ytd_investment;
    }
    for (size_t i = 0; i < f->major_count; i++) {
        const project_record *r = f->major[i];
        if (r->attracted && r->unit >= 0 && (size_t)r->unit < pl->unit_count)
            rows[r->unit].major_attracted++;
    }
}

/* A record's period as a month: a quarter counts as its last month. */
static int month_index(period p)
{
    period last = period_last_month(p);
    return last.year * 12 + last.month;
}

const assessment_record *scores_assessment_for(const store *s, int unit, period p)
{
    const assessment_record *best = NULL;
    for (size_t i = 0; i < s->assessments.count; i++) {
        const assessment_record *r = vec_at(&s->assessments, i);
        if (r->fate != FATE_ACCEPTED || r->unit != unit || r->period.year != p.year ||
            month_index(r->period) > month_index(p))
            continue;
        if (!best || month_index(r->period) >= month_index(best->period))
            best = r;
    }
    return best;
}

/* 1.1: base × reference share, ± base × step share per point from the reference,
 * the change capped at base × bonus cap share and base × deduction cap share. */
static fraction score_growth(const plan_scoring *sc, ratio growth_pct)
{
    if (!growth_pct.known)
        return zero;
    fraction at_reference = fraction_mul(sc->growth_base, sc->growth_reference_share);
    fraction per_point = fraction_mul(sc->growth_base, sc->growth_step_share);
    fraction change = fraction_mul(per_point, fraction_sub(growth_pct.value, sc->growth_reference));
    fraction bonus_cap = fraction_mul(sc->growth_base, sc->growth_bonus_cap_share);
    fraction deduction_cap = fraction_mul(sc->growth_base, sc->growth_deduction_cap_share);
    change = fraction_min(change, bonus_cap);
    change = fraction_max(change, fraction_sub(zero, deduction_cap));
    return fraction_max(fraction_add(at_reference, change), zero);
}

/* The ranking rule: a metric > 0 ranks 1 + the number of higher metrics (ties share,
 * the next rank skips); a metric of 0 (or missing, given as 0) takes no rank (0). */
static void rank_metrics(const fraction *metric, size_t count, bool zero_ranks, int *rank)
{
    for (size_t i = 0; i < count; i++) {
        rank[i] = 0;
        if (!zero_ranks && fraction_compare(metric[i], zero) <= 0)
            continue;
        rank[i] = 1;
        for (size_t j = 0; j < count; j++)
            if (fraction_compare(metric[j], metric[i]) > 0)
                rank[i]++;
    }
}

/* base − step × (rank − 1), never below 0; 0 for no rank. */
static fraction rank_score(plan_rank_rule rule, int rank)
{
    if (rank <= 0)
        return zero;
    fraction score = fraction_sub(rule.base, fraction_mul(rule.step, fraction_from_int(rank - 1)));
    return fraction_max(score, zero);
}

/* Applies the ranking rule to one metric per unit; returns each rank and score. */
static void rank_units(const fraction *metric, size_t count, plan_rank_rule rule, int *rank,
                       fraction *score)
{
    rank_metrics(metric, count, false, rank);
    for (size_t i = 0; i < count; i++)
        score[i] = rank_score(rule, rank[i]);
}

/* (value added − prior) / prior × 100; unknown where the prior is 0. */
static ratio growth_pct_of(const unit_score *row)
{
    if (row->prior_value_added == 0)
        return (ratio){false, zero};
    __int128 change = (__int128)row->value_added - row->prior_value_added;
    return (ratio){true, fraction_make(change * 100, row->prior_value_added)};
}

static void score_industry_development(unit_score *rows, size_t count, const plan_scoring *sc,
                                       arena *a)
{
    fraction *metric = arena_alloc(a, (count + 1) * sizeof *metric);
    int *rank = arena_alloc(a, (count + 1) * sizeof *rank);
    fraction *score = arena_alloc(a, (count + 1) * sizeof *score);
    for (size_t i = 0; i < count; i++) {
        unit_score *row = &rows[i];
        row->growth_pct = growth_pct_of(row);
        if (!row->growth_pct.known && !(row->missing & SCORE_MISSING_PROGRESS))
            row->missing |= SCORE_MISSING_PRIOR_VALUE_ADDED;
        row->growth = score_growth(sc, row->growth_pct);
        metric[i] = fraction_from_int(row->value_added);
    }
    rank_units(metric, count, sc->scale, rank, score);
    for (size_t i = 0; i < count; i++) {
        rows[i].scale_rank = rank[i];
        rows[i].scale = score[i];
        rows[i].industry_development = fraction_add(rows[i].growth, rows[i].scale);
    }
}

/* min(1, Σ 累计完成投资 / Σ 年度计划投资); 0 where the plan sums to 0. */
static fraction capped_completion(const unit_score *row)
{
    if (row->annual_plan <= 0)
        return zero;
    return fraction_min(fraction_make(row->ytd_investment, row->annual_plan), fraction_from_int(1));
}

static void score_composites(unit_score *rows, size_t count, const plan_scoring *sc)
{
    long most_projects = 0;
    for (size_t i = 0; i < count; i++)
        if (rows[i].project_count > most_projects)
            most_projects = rows[i].project_count;
    for (size_t i = 0; i < count; i++) {
        unit_score *row = &rows[i];
        if (row->project_count == 0) {
            row->missing |= SCORE_MISSING_PROJECTS;
            row->composite = zero;
            continue;
        }
        fraction share = fraction_make(row->project_count, most_projects);
        row->composite = fraction_add(fraction_mul(sc->composite_count_weight, share),
                                      fraction_mul(sc->composite_completion_weight,
                                                   capped_completion(row)));
    }
}

static fraction land_share(const assessment_record *r)
{
    if (!r || !r->has_land_pct)
        return zero;
    return fraction_make(r->land_pct_e4, 10000);
}

static void score_project_drive(unit_score *rows, size_t count, const plan_scoring *sc, arena *a)
{
    fraction *metric = arena_alloc(a, (count + 1) * sizeof *metric);
    int *rank = arena_alloc(a, (count + 1) * sizeof *rank);
    fraction *score = arena_alloc(a, (count + 1) * sizeof *score);
    score_composites(rows, count, sc);
    for (size_t i = 0; i < count; i++)
        metric[i] = rows[i].composite;
    rank_units(metric, count, sc->projects, rank, score);
    for (size_t i = 0; i < count; i++) {
        rows[i].projects_rank = rank[i];
        rows[i].projects = score[i];
        metric[i] = land_share(rows[i].assessment);
    }
    rank_units(metric, count, sc->land, rank, score);
    for (size_t i = 0; i < count; i++) {
        unit_score *row = &rows[i];
        row->land_rank = rank[i];
        row->land = score[i];
        row->major_bonus = fraction_min(fraction_mul(sc->major_bonus_each,
                                                     fraction_from_int(row->major_attracted)),
                                        sc->major_bonus_cap);
        row->project_drive = fraction_add(fraction_add(row->projects, row->land), row->major_bonus);
    }
}

static fraction times(fraction points, int count)
{
    return fraction_mul(points, fraction_from_int(count));
}

static void score_innovation(unit_score *row, const plan_scoring *sc)
{
    const assessment_record *r = row->assessment;
    if (!r) {
        row->missing |= SCORE_MISSING_ASSESSMENT;
        return;
    }
    row->platforms = fraction_add(r->new_platforms >= 1 ? sc->platform_new : zero,
                                  fraction_add(times(sc->platform_national, r->national_platforms),
                                               times(sc->platform_provincial,
                                                     r->provincial_platforms)));
    row->leading_enterprises =
        r->leading_enterprises == LEADING_GOOD ? sc->leading_enterprises : zero;
    row->plan = r->annual_plan_done ? sc->annual_plan : zero;
    fraction extra = fraction_add(times(sc->extra_national_fund, r->national_funds),
                                  times(sc->extra_provincial_fund, r->provincial_funds));
    extra = fraction_add(extra, times(sc->extra_national_honor, r->national_honors));
    extra = fraction_add(extra, times(sc->extra_provincial_honor, r->provincial_honors));
    row->extra = fraction_min(extra, sc->extra_cap);
    row->innovation = fraction_add(fraction_add(row->platforms, row->leading_enterprises),
                                   fraction_add(row->plan, row->extra));
}

/* Highest total first; equal totals in the plan's unit order. */
static int compare_rows(const void *a, const void *b)
{
    const unit_score *x = a, *y = b;
    int by_total = fraction_compare(y->total, x->total);
    if (by_total)
        return by_total;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

static void rank_totals(unit_score *rows, size_t count, arena *a)
{
    fraction *metric = arena_alloc(a, (count + 1) * sizeof *metric);
    int *rank = arena_alloc(a, (count + 1) * sizeof *rank);
    for (size_t i = 0; i < count; i++) {
        unit_score *row = &rows[i];
        row->total = fraction_add(fraction_add(row->industry_development, row->project_drive),
                                  row->innovation);
        metric[i] = row->total;
    }
    rank_metrics(metric, count, true, rank);
    for (size_t i = 0; i < count; i++)
        rows[i].rank = rank[i];
    qsort(rows, count, sizeof *rows, compare_rows);
}

void scores_compute(unit_scores *out, const plan *pl, const store *s, const figures *f,
                    arena *a)
{
    size_t count = pl->unit_count;
    unit_score *rows = arena_alloc(a, (count + 1) * sizeof *rows);
    for (size_t i = 0; i < count; i++) {
        unit_score *row = &rows[i];
        row->unit = (int)i;
        row->name = pl->units[i].name;
        row->missing = SCORE_MISSING_PROGRESS;
        row->growth_pct = (ratio){false, zero};
        row->assessment = scores_assessment_for(s, (int)i, f->period);
        row->growth = row->scale = row->industry_development = zero;
        row->composite = row->projects = row->land = row->major_bonus = zero;
        row->platforms = row->leading_enterprises = row->plan = row->extra = zero;
        row->innovation = row->project_drive = row->total = zero;
    }
    out->beyond = f->beyond;
    gather_progress(out, rows, pl, s, f->period);
    gather_projects(rows, pl, f);
    score_industry_development(rows, count, &pl->scoring, a);
    score_project_drive(rows, count, &pl->scoring, a);
    for (size_t i = 0; i < count; i++)
        score_innovation(&rows[i], &pl->scoring);
    rank_totals(rows, count, a);
    for (size_t i = 0; i < count; i++)
        out->beyond |= fraction_is_beyond(rows[i].total) || fraction_is_beyond(rows[i].composite) ||
                       (rows[i].growth_pct.known && fraction_is_beyond(rows[i].growth_pct.value));
    out->units = rows;
    out->count = count;
}
