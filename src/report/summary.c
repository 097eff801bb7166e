/*
 * summary.c: writes summary.json from the figures (see summary.h).  The order of keys
 * follows outputs.md §3, so that two runs on the same inputs give the same bytes.
 */
#include "report/summary.h"

#include "report/json.h"

static void write_wan(json_writer *w, const char *key, money amount)
{
    char text[32];
    json_key(w, key);
    json_number_text(w, money_format_wan(amount, text));
}

static void write_ratio(json_writer *w, const char *key, ratio r)
{
    char text[48];
    json_key(w, key);
    if (r.known)
        json_number_text(w, fraction_format_short(r.value, 2, text));
    else
        json_null(w);
}

static void write_output(json_writer *w, const output_totals *t, bool with_name)
{
    json_begin_object(w);
    if (with_name) {
        json_key(w, "name");
        json_string(w, t->name);
    }
    json_key(w, "target_wan");
    if (t->has_target) {
        char text[32];
        json_number_text(w, money_format_wan(t->target, text));
    } else {
        json_null(w);
    }
    write_wan(w, "ytd_output_wan", t->ytd_output);
    write_wan(w, "prior_ytd_output_wan", t->prior_ytd_output);
    write_ratio(w, "completion_pct", figures_completion_pct(t));
    write_ratio(w, "yoy_pct", figures_yoy_pct(t));
    write_wan(w, "ytd_value_added_wan", t->ytd_value_added);
    write_wan(w, "prior_ytd_value_added_wan", t->prior_ytd_value_added);
    write_ratio(w, "va_growth_pct", figures_va_growth_pct(t));
    json_end_object(w);
}

static void write_goals(json_writer *w, const figures *f, const plan *pl)
{
    char text[48];
    json_key(w, "goals");
    json_begin_object(w);
    json_key(w, "va_growth_pct");
    json_number_text(w, fraction_format_short(pl->goal_va_growth_pct, 2, text));
    json_key(w, "va_growth_met");
    json_bool(w, figures_va_goal_met(f, pl));
    json_key(w, "major_projects");
    json_int(w, pl->goal_major_projects);
    json_key(w, "major_attracted");
    json_int(w, f->major_attracted);
    json_end_object(w);
}

static void write_project_totals(json_writer *w, const project_totals *t)
{
    json_begin_object(w);
    json_key(w, "name");
    json_string(w, t->name);
    json_key(w, "count");
    json_int(w, t->count);
    write_wan(w, "annual_plan_wan", t->annual_plan);
    write_wan(w, "ytd_investment_wan", t->ytd_investment);
    write_ratio(w, "completion_pct", figures_investment_pct(t));
    json_end_object(w);
}

static void write_major(json_writer *w, const project_record *r, const plan *pl)
{
    json_begin_object(w);
    json_key(w, "code");
    json_string(w, r->code);
    json_key(w, "name");
    json_string(w, r->name);
    json_key(w, "unit");
    json_string(w, r->unit >= 0 ? pl->units[r->unit].name : "");
    json_key(w, "industry");
    json_string(w, r->industry >= 0 ? pl->industries[r->industry].name : "");
    write_wan(w, "total_investment_wan", r->total_investment);
    json_key(w, "strategic");
    json_bool(w, r->strategic);
    json_key(w, "attracted");
    json_bool(w, r->attracted);
    json_end_object(w);
}

static void write_projects(json_writer *w, const figures *f, const plan *pl)
{
    json_key(w, "projects");
    json_begin_object(w);
    json_key(w, "count");
    json_int(w, f->projects.count);
    json_key(w, "by_status");
    json_begin_object(w);
    for (int status = STATUS_PRELIMINARY; status < STATUS_COUNT; status++) {
        json_key(w, project_status_name((project_status)status));
        json_int(w, f->projects_by_status[status]);
    }
    if (f->projects_by_status[STATUS_NONE]) {
        json_key(w, "未填");
        json_int(w, f->projects_by_status[STATUS_NONE]);
    }
    json_end_object(w);
    write_wan(w, "total_investment_wan", f->projects.total_investment);
    write_wan(w, "annual_plan_wan", f->projects.annual_plan);
    write_wan(w, "ytd_investment_wan", f->projects.ytd_investment);
    write_ratio(w, "completion_pct", figures_investment_pct(&f->projects));
    json_key(w, "by_industry");
    json_begin_array(w);
    for (size_t i = 0; i < f->industry_count; i++)
        write_project_totals(w, &f->projects_by_industry[i]);
    json_end_array(w);
    json_key(w, "by_unit");
    json_begin_array(w);
    for (size_t i = 0; i < f->unit_count; i++)
        write_project_totals(w, &f->projects_by_unit[i]);
    json_end_array(w);
    json_key(w, "major");
    json_begin_array(w);
    for (size_t i = 0; i < f->major_count; i++)
        write_major(w, f->major[i], pl);
    json_end_array(w);
    json_end_object(w);
}

static void write_points(json_writer *w, const char *key, fraction value)
{
    char text[48];
    json_key(w, key);
    json_number_text(w, fraction_format_short(value, 2, text));
}

static void write_missing(json_writer *w, unsigned missing)
{
    json_key(w, "missing");
    json_begin_array(w);
    for (int i = 0; i < SCORE_MISSING_BITS; i++)
        if (missing & (1u << i))
            json_string(w, scores_missing_name(1u << i));
    json_end_array(w);
}

typedef struct points_item {
    const char *key;
    fraction value;
} points_item;

/* One group of a unit's scores: {"growth_pct": …,} then each item as 2 decimals. */
static void write_group(json_writer *w, const char *key, const ratio *growth_pct,
                        const points_item *items, size_t count)
{
    json_key(w, key);
    json_begin_object(w);
    if (growth_pct)
        write_ratio(w, "growth_pct", *growth_pct);
    for (size_t i = 0; i < count; i++)
        write_points(w, items[i].key, items[i].value);
    json_end_object(w);
}

static void write_unit_score(json_writer *w, const unit_score *u)
{
    const points_item industry[] = {
        {"growth", u->growth}, {"scale", u->scale}, {"subtotal", u->industry_development}};
    const points_item projects[] = {{"composite", u->composite}, {"projects", u->projects},
                                    {"land", u->land},           {"major_bonus", u->major_bonus},
                                    {"subtotal", u->project_drive}};
    const points_item innovation[] = {{"platforms", u->platforms},
                                      {"leading_enterprises", u->leading_enterprises},
                                      {"plan", u->plan},
                                      {"extra", u->extra},
                                      {"subtotal", u->innovation}};
    json_begin_object(w);
    json_key(w, "name");
    json_string(w, u->name);
    json_key(w, "rank");
    json_int(w, u->rank);
    write_points(w, "total", u->total);
    write_group(w, "industry_development", &u->growth_pct, industry, 3);
    write_group(w, "project_drive", NULL, projects, 5);
    write_group(w, "innovation", NULL, innovation, 5);
    write_missing(w, u->missing);
    json_end_object(w);
}

static void write_units(json_writer *w, const unit_scores *scores)
{
    json_key(w, "units");
    json_begin_array(w);
    for (size_t i = 0; i < scores->count; i++)
        write_unit_score(w, &scores->units[i]);
    json_end_array(w);
}

static void write_date(json_writer *w, const char *key, date d)
{
    char text[16];
    json_key(w, key);
    if (d)
        json_string(w, date_format(d, text));
    else
        json_null(w);
}

static void write_submission(json_writer *w, const submission_check *c, const store *s)
{
    char text[16];
    json_begin_object(w);
    json_key(w, "office");
    json_string(w, c->office_name);
    json_key(w, "kind");
    json_string(w, record_kind_name(c->kind));
    json_key(w, "status");
    json_string(w, timeliness_status_name(c->status));
    write_date(w, "sent", c->sent);
    json_key(w, "files");
    json_begin_array(w);
    for (size_t i = 0; i < c->file_count; i++)
        json_string(w, store_file(s, c->files[i])->path);
    json_end_array(w);
    json_key(w, "period");
    json_string(w, period_format(c->period, text));
    write_date(w, "due", c->due);
    json_end_object(w);
}

static void write_submissions(json_writer *w, const timeliness *t, const store *s)
{
    json_key(w, "submissions");
    json_begin_array(w);
    for (size_t i = 0; i < t->count; i++)
        write_submission(w, &t->checks[i], s);
    json_end_array(w);
}

static void write_rows(json_writer *w, const store *s)
{
    row_counts c = store_totals(s);
    json_key(w, "rows");
    json_begin_object(w);
    json_key(w, "read");
    json_int(w, c.read);
    json_key(w, "accepted");
    json_int(w, c.accepted);
    json_key(w, "warned");
    json_int(w, c.warned);
    json_key(w, "rejected");
    json_int(w, c.rejected);
    json_key(w, "superseded");
    json_int(w, c.superseded);
    json_end_object(w);
}

void summary_write(buffer *out, const figures *f, const unit_scores *scores,
                   const timeliness *submissions, const plan *pl, const store *s)
{
    json_writer w;
    char text[48];
    json_init(&w, out);
    json_begin_object(&w);
    json_key(&w, "period");
    json_string(&w, period_format(f->period, text));
    json_key(&w, "year");
    json_int(&w, f->period.year);
    json_key(&w, "month");
    json_int(&w, f->period.month);
    json_key(&w, "time_progress_pct");
    json_number_text(&w, fraction_format_short(f->time_progress_pct, 2, text));
    json_key(&w, "industries");
    json_begin_array(&w);
    for (size_t i = 0; i < f->industry_count; i++)
        write_output(&w, &f->industries[i], true);
    json_end_array(&w);
    json_key(&w, "total");
    write_output(&w, &f->total, false);
    write_goals(&w, f, pl);
    write_projects(&w, f, pl);
    write_units(&w, scores);
    write_submissions(&w, submissions, s);
    write_rows(&w, s);
    json_end_object(&w);
    json_finish(&w);
}
