/*
 * figures.c: totals against the targets and key projects for one period (scoring.md §1,
 * §2).  One pass over each kind of record; sums are exact and checked: a sum that
 * does not fit marks the figures beyond (ingest refuses the rows that would make one, so
 * this is the last guard, never a wrapped number).
 */
#include "aggregate/figures.h"

#include <string.h>

static ratio ratio_of(money numerator, money denominator, int64_t scale)
{
    if (denominator == 0)
        return (ratio){false, {0, 1}};
    return (ratio){true, fraction_make((__int128)numerator * scale, denominator)};
}

static ratio growth_of(money current, money prior)
{
    if (prior == 0)
        return (ratio){false, {0, 1}};
    return (ratio){true, fraction_make((__int128)(current - prior) * 100, prior)};
}

ratio figures_completion_pct(const output_totals *t)
{
    if (!t->has_target)
        return (ratio){false, {0, 1}};
    return ratio_of(t->ytd_output, t->target, 100);
}

ratio figures_yoy_pct(const output_totals *t)
{
    return growth_of(t->ytd_output, t->prior_ytd_output);
}

ratio figures_va_growth_pct(const output_totals *t)
{
    return growth_of(t->ytd_value_added, t->prior_ytd_value_added);
}

ratio figures_investment_pct(const project_totals *t)
{
    return ratio_of(t->ytd_investment, t->annual_plan, 100);
}

bool figures_va_goal_met(const figures *f, const plan *pl)
{
    ratio growth = figures_va_growth_pct(&f->total);
    return growth.known && fraction_compare(growth.value, pl->goal_va_growth_pct) >= 0;
}

bool figures_is_major(const project_record *r, const plan *pl)
{
    if (r->total_investment >= pl->major_threshold)
        return true;
    return r->strategic && r->total_investment >= pl->major_threshold_strategic;
}

static bool counts(const progress_record *r, period p)
{
    return r->fate == FATE_ACCEPTED && r->period.quarter == 0 && r->period.year == p.year &&
           r->period.month == p.month;
}

/* Adds amount to *sum; a sum that does not fit marks the figures beyond. */
static void add_money(figures *f, money *sum, money amount)
{
    if (money_add(sum, amount) != 0)
        f->beyond = true;
}

static void add_output(figures *f, output_totals *t, const progress_record *r)
{
    add_money(f, &t->ytd_output, r->ytd_output);
    add_money(f, &t->prior_ytd_output, r->prior_ytd_output);
    add_money(f, &t->ytd_value_added, r->ytd_value_added);
    add_money(f, &t->prior_ytd_value_added, r->prior_ytd_value_added);
    t->records++;
}

static void compute_output(figures *f, const plan *pl, const store *s, arena *a)
{
    f->industry_count = pl->industry_count;
    f->industries = arena_alloc(a, (pl->industry_count + 1) * sizeof *f->industries);
    f->total.name = "合计";
    f->total.has_target = true;
    for (size_t i = 0; i < pl->industry_count; i++) {
        output_totals *t = &f->industries[i];
        t->name = pl->industries[i].name;
        t->has_target = plan_target_for(&pl->industries[i], f->period.year, &t->target);
        if (t->has_target)
            add_money(f, &f->total.target, t->target);
        else
            f->total.has_target = false;
    }
    for (size_t i = 0; i < s->progress.count; i++) {
        const progress_record *r = vec_at(&s->progress, i);
        if (r->fate != FATE_ACCEPTED || r->period.year != f->period.year || r->period.quarter)
            continue;
        if (r->period.month >= 1 && r->period.month <= f->period.month) {
            f->has_monthly_output[r->period.month - 1] = true;
            add_money(f, &f->monthly_output[r->period.month - 1], r->ytd_output);
        }
        if (!counts(r, f->period) || r->industry < 0 || (size_t)r->industry >= pl->industry_count)
            continue;
        add_output(f, &f->industries[r->industry], r);
        add_output(f, &f->total, r);
    }
}

static void add_project(figures *f, project_totals *t, const project_record *r)
{
    t->count++;
    add_money(f, &t->total_investment, r->total_investment);
    add_money(f, &t->annual_plan, r->annual_plan);
    add_money(f, &t->ytd_investment, r->ytd_investment);
}

static project_totals *named_totals(size_t count, const char *(*name_of)(const plan *, size_t),
                                    const plan *pl, arena *a)
{
    project_totals *totals = arena_alloc(a, (count + 1) * sizeof *totals);
    for (size_t i = 0; i < count; i++)
        totals[i].name = name_of(pl, i);
    return totals;
}

static const char *industry_name(const plan *pl, size_t i) { return pl->industries[i].name; }
static const char *unit_name(const plan *pl, size_t i) { return pl->units[i].name; }

static void compute_projects(figures *f, const plan *pl, const store *s, arena *a)
{
    f->projects.name = "合计";
    f->projects_by_industry = named_totals(pl->industry_count, industry_name, pl, a);
    f->unit_count = pl->unit_count;
    f->projects_by_unit = named_totals(pl->unit_count, unit_name, pl, a);
    f->period_projects = arena_alloc(a, (s->projects.count + 1) * sizeof *f->period_projects);
    f->major = arena_alloc(a, (s->projects.count + 1) * sizeof *f->major);
    f->with_issues = arena_alloc(a, (s->projects.count + 1) * sizeof *f->with_issues);
    for (size_t i = 0; i < s->projects.count; i++) {
        const project_record *r = vec_at(&s->projects, i);
        if (r->fate != FATE_ACCEPTED || r->period.quarter || r->period.year != f->period.year ||
            r->period.month != f->period.month)
            continue;
        add_project(f, &f->projects, r);
        f->period_projects[f->period_project_count++] = r;
        f->projects_by_status[r->status < STATUS_COUNT ? r->status : STATUS_NONE]++;
        if (r->industry >= 0 && (size_t)r->industry < pl->industry_count)
            add_project(f, &f->projects_by_industry[r->industry], r);
        if (r->unit >= 0 && (size_t)r->unit < pl->unit_count)
            add_project(f, &f->projects_by_unit[r->unit], r);
        if (figures_is_major(r, pl)) {
            f->major[f->major_count++] = r;
            if (r->attracted)
                f->major_attracted++;
        }
        if (r->issues && r->issues[0])
            f->with_issues[f->with_issues_count++] = r;
    }
}

void figures_compute(figures *f, const plan *pl, const store *s, period p, arena *a)
{
    memset(f, 0, sizeof *f);
    f->period = p;
    f->time_progress_pct = fraction_make((__int128)p.month * 100, 12);
    compute_output(f, pl, s, a);
    compute_projects(f, pl, s, a);
}
