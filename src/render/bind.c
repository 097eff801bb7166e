/*
 * bind.c: values, conditions and lists for the template (see bind.h).  Every number is
 * formatted from exact sums and fractions; rounding happens here, for print only.
 */
#include "render/bind.h"

#include "render/bind_span.h"

#include <stddef.h>
#include <string.h>

static void put_fraction(buffer *out, fraction f, int decimals)
{
    char text[48];
    buffer_puts(out, fraction_format(f, decimals, text));
}

static fraction absolute(fraction f)
{
    return f.num < 0 ? (fraction){-f.num, f.den} : f;
}

static void put_ratio(buffer *out, ratio r, bool magnitude)
{
    if (!r.known) {
        buffer_puts(out, "—");
        return;
    }
    put_fraction(out, magnitude ? absolute(r.value) : r.value, 1);
}

static void put_yi(buffer *out, money amount)
{
    char text[32];
    buffer_puts(out, money_format_yi(amount, 2, text));
}

static void put_wan(buffer *out, money amount)
{
    char text[32];
    buffer_puts(out, money_format_wan(amount, text));
}

/* 亿元 without trailing zeros: targets such as 430, 1085. */
static void put_yi_short(buffer *out, money amount)
{
    char text[48];
    buffer_puts(out, fraction_format_short(fraction_make(amount, YUAN_PER_YI), 2, text));
}

static ratio completion_gap(const bind_scope *scope, const output_totals *t)
{
    ratio completion = figures_completion_pct(t);
    if (completion.known)
        completion.value = fraction_sub(completion.value, scope->figures->time_progress_pct);
    return completion;
}

/* ---- the change over a quarter (quarterly report) ---- */

static const output_totals zero_baseline = {.name = ""};

/* The row of the previous quarter's figures that matches t, or NULL when it has no data
 * (in the first quarter: the zero baseline of the year's start). */
static const output_totals *previous_of(const bind_scope *scope, const output_totals *t)
{
    const figures *now = scope->figures, *before = scope->previous;
    if (!before)
        return &zero_baseline;
    const output_totals *match = NULL;
    if (t == &now->total)
        match = &before->total;
    for (size_t i = 0; !match && i < now->industry_count && i < before->industry_count; i++)
        if (t == &now->industries[i])
            match = &before->industries[i];
    return match && match->records > 0 ? match : NULL;
}

static void put_money_change(buffer *out, money now, const output_totals *before, money then)
{
    if (before)
        put_yi(out, now - then);
    else
        buffer_puts(out, "—");
}

static ratio previous_completion(const output_totals *before)
{
    if (before == &zero_baseline)
        return (ratio){true, {0, 1}};
    return before ? figures_completion_pct(before) : (ratio){false, {0, 1}};
}

static bool change_value(const bind_scope *scope, const output_totals *t, const char *key,
                         buffer *out)
{
    const output_totals *before = previous_of(scope, t);
    if (strcmp(key, "previous_ytd_output_yi") == 0) {
        before ? put_yi(out, before->ytd_output) : buffer_puts(out, "—");
    } else if (strcmp(key, "previous_completion_pct") == 0) {
        put_ratio(out, previous_completion(before), false);
    } else if (strcmp(key, "quarter_output_yi") == 0) {
        put_money_change(out, t->ytd_output, before, before ? before->ytd_output : 0);
    } else if (strcmp(key, "quarter_value_added_yi") == 0) {
        put_money_change(out, t->ytd_value_added, before, before ? before->ytd_value_added : 0);
    } else if (strcmp(key, "completion_change") == 0) {
        ratio now = figures_completion_pct(t), then = previous_completion(before);
        bool known = now.known && then.known;
        put_ratio(out, (ratio){known, known ? fraction_sub(now.value, then.value) : now.value},
                  false);
    } else {
        return false;
    }
    return true;
}

/* A value of an industry or the total: its ratio by name, for text and charts alike. */
static bool output_ratio(const bind_scope *scope, const output_totals *t, const char *key, ratio *r)
{
    if (strcmp(key, "completion_pct") == 0)
        *r = figures_completion_pct(t);
    else if (strcmp(key, "completion_gap") == 0)
        *r = completion_gap(scope, t);
    else if (strcmp(key, "yoy_pct") == 0 || strcmp(key, "yoy_abs") == 0)
        *r = figures_yoy_pct(t);
    else if (strcmp(key, "va_growth_pct") == 0 || strcmp(key, "va_growth_abs") == 0)
        *r = figures_va_growth_pct(t);
    else if (strcmp(key, "ytd_output_yi") == 0)
        *r = (ratio){true, fraction_make(t->ytd_output, YUAN_PER_YI)};
    else
        return false;
    return true;
}

static bool output_value(const bind_scope *scope, const output_totals *t, const char *key,
                         buffer *out)
{
    ratio r;
    if (scope->quarter.quarter && change_value(scope, t, key, out))
        return true;
    if (span_output_value(scope, t, key, out))
        return true;

    if (strcmp(key, "name") == 0)
        buffer_puts(out, t->name);
    else if (strcmp(key, "target_yi") == 0)
        t->has_target ? put_yi_short(out, t->target) : buffer_puts(out, "—");
    else if (strcmp(key, "ytd_output_yi") == 0)
        put_yi(out, t->ytd_output);
    else if (strcmp(key, "prior_ytd_output_yi") == 0)
        put_yi(out, t->prior_ytd_output);
    else if (strcmp(key, "ytd_value_added_yi") == 0)
        put_yi(out, t->ytd_value_added);
    else if (output_ratio(scope, t, key, &r))
        put_ratio(out, r, strstr(key, "_abs") != NULL || strcmp(key, "completion_gap") == 0);
    else
        return false;
    return true;
}

static bool project_totals_value(const project_totals *t, const char *key, buffer *out)
{
    if (strcmp(key, "name") == 0)
        buffer_puts(out, t->name);
    else if (strcmp(key, "count") == 0)
        buffer_printf(out, "%ld", t->count);
    else if (strcmp(key, "total_investment_yi") == 0)
        put_yi(out, t->total_investment);
    else if (strcmp(key, "annual_plan_yi") == 0)
        put_yi(out, t->annual_plan);
    else if (strcmp(key, "ytd_investment_yi") == 0)
        put_yi(out, t->ytd_investment);
    else if (strcmp(key, "annual_plan_wan") == 0)
        put_wan(out, t->annual_plan);
    else if (strcmp(key, "ytd_investment_wan") == 0)
        put_wan(out, t->ytd_investment);
    else if (strcmp(key, "completion_pct") == 0)
        put_ratio(out, figures_investment_pct(t), false);
    else
        return false;
    return true;
}

static const char *yes_no(bool value)
{
    return value ? "是" : "否";
}

static bool project_value(const bind_scope *scope, const project_record *r, const char *key,
                          buffer *out)
{
    const plan *pl = scope->plan;
    if (strcmp(key, "code") == 0)
        buffer_puts(out, r->code);
    else if (strcmp(key, "name") == 0)
        buffer_puts(out, r->name);
    else if (strcmp(key, "unit") == 0)
        buffer_puts(out, r->unit >= 0 ? pl->units[r->unit].name : "");
    else if (strcmp(key, "industry") == 0)
        buffer_puts(out, r->industry >= 0 ? pl->industries[r->industry].name : "");
    else if (strcmp(key, "owner") == 0)
        buffer_puts(out, r->owner ? r->owner : "");
    else if (strcmp(key, "status") == 0)
        buffer_puts(out, project_status_name(r->status));
    else if (strcmp(key, "issues") == 0)
        buffer_puts(out, r->issues ? r->issues : "");
    else if (strcmp(key, "strategic") == 0)
        buffer_puts(out, yes_no(r->strategic));
    else if (strcmp(key, "attracted") == 0)
        buffer_puts(out, yes_no(r->attracted));
    else if (strcmp(key, "total_investment_wan") == 0)
        put_wan(out, r->total_investment);
    else if (strcmp(key, "total_investment_yi") == 0)
        put_yi(out, r->total_investment);
    else if (strcmp(key, "annual_plan_wan") == 0)
        put_wan(out, r->annual_plan);
    else if (strcmp(key, "ytd_investment_wan") == 0)
        put_wan(out, r->ytd_investment);
    else if (strcmp(key, "completion_pct") == 0) {
        project_totals one = {.annual_plan = r->annual_plan, .ytd_investment = r->ytd_investment};
        put_ratio(out, figures_investment_pct(&one), false);
    } else
        return false;
    return true;
}

static bool month_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (strcmp(key, "month_label") == 0)
        buffer_printf(out, "%d月", scope->month);
    else if (strcmp(key, "ytd_output_yi") == 0)
        put_yi(out, scope->figures->monthly_output[scope->month - 1]);
    else
        return false;
    return true;
}

static void put_score(buffer *out, fraction score)
{
    put_fraction(out, score, 2);
}

static void put_missing(buffer *out, unsigned missing)
{
    static const char *const words[SCORE_MISSING_BITS] = {"进度数据", "上年同期增加值", "重点项目",
                                                          "考核数据"};
    bool first = true;
    for (int bit = 0; bit < SCORE_MISSING_BITS; bit++) {
        if (!(missing & (1u << bit)))
            continue;
        buffer_puts(out, first ? "缺" : "、");
        buffer_puts(out, words[bit]);
        first = false;
    }
}

static bool unit_value(const unit_score *u, const char *key, buffer *out)
{
    static const struct {
        const char *key;
        size_t offset;
    } scores[] = {
        {"total", offsetof(unit_score, total)},
        {"growth", offsetof(unit_score, growth)},
        {"scale", offsetof(unit_score, scale)},
        {"industry_development", offsetof(unit_score, industry_development)},
        {"composite", offsetof(unit_score, composite)},
        {"projects", offsetof(unit_score, projects)},
        {"land", offsetof(unit_score, land)},
        {"major_bonus", offsetof(unit_score, major_bonus)},
        {"project_drive", offsetof(unit_score, project_drive)},
        {"platforms", offsetof(unit_score, platforms)},
        {"leading_enterprises", offsetof(unit_score, leading_enterprises)},
        {"plan_score", offsetof(unit_score, plan)},
        {"extra", offsetof(unit_score, extra)},
        {"innovation", offsetof(unit_score, innovation)},
    };
    for (size_t i = 0; i < sizeof scores / sizeof *scores; i++)
        if (strcmp(key, scores[i].key) == 0) {
            put_score(out, *(const fraction *)((const char *)u + scores[i].offset));
            return true;
        }
    if (strcmp(key, "name") == 0)
        buffer_puts(out, u->name);
    else if (strcmp(key, "rank") == 0)
        buffer_printf(out, "%d", u->rank);
    else if (strcmp(key, "growth_pct") == 0)
        put_ratio(out, u->growth_pct, false);
    else if (strcmp(key, "missing") == 0)
        put_missing(out, u->missing);
    else
        return false;
    return true;
}

const char *bind_kind_label(record_kind kind)
{
    switch (kind) {
    case KIND_PROJECTS: return "重点项目表";
    case KIND_PROGRESS: return "实施进度表";
    case KIND_ASSESSMENT: return "考核数据";
    case KIND_QUARTERLY: return "季度工作情况";
    default: return "";
    }
}

static const char *status_label(submission_status status)
{
    switch (status) {
    case SUBMISSION_ON_TIME: return "按时报送";
    case SUBMISSION_LATE: return "迟报";
    case SUBMISSION_UNKNOWN_DATE: return "报送日期不明";
    default: return "未报送";
    }
}

static void put_date(buffer *out, date d)
{
    if (d)
        buffer_printf(out, "%d月%d日", d / 100 % 100, d % 100);
    else
        buffer_puts(out, "—");
}

/* The liaison of the office's industry (附件5), or the plan's contact. */
static void put_contact(const plan *pl, const submission_check *c, const char *key, buffer *out)
{
    int industry = pl->offices[c->office].industry;
    const plan_liaison *liaison = industry >= 0 ? &pl->industries[industry].liaison : NULL;
    if (strcmp(key, "lead_unit") == 0)
        buffer_puts(out, liaison ? liaison->lead_unit : pl->contact.unit ? pl->contact.unit : "—");
    else if (strcmp(key, "leader") == 0)
        buffer_puts(out, liaison ? liaison->leader : "—");
    else if (liaison)
        buffer_printf(out, "%s %s", liaison->contact_name, liaison->contact_phone);
    else
        buffer_printf(out, "%s %s", pl->contact.name ? pl->contact.name : "",
                      pl->contact.phone ? pl->contact.phone : "");
}

static bool submission_value(const bind_scope *scope, const submission_check *c, const char *key,
                             buffer *out)
{
    if (strcmp(key, "office") == 0)
        buffer_puts(out, c->office_name);
    else if (strcmp(key, "kind") == 0)
        buffer_puts(out, bind_kind_label(c->kind));
    else if (strcmp(key, "status") == 0)
        buffer_puts(out, status_label(c->status));
    else if (strcmp(key, "sent") == 0)
        put_date(out, c->sent);
    else if (strcmp(key, "due") == 0)
        put_date(out, c->due);
    else if (strcmp(key, "lead_unit") == 0 || strcmp(key, "leader") == 0 || strcmp(key, "contact") == 0)
        put_contact(scope->plan, c, key, out);
    else
        return false;
    return true;
}

static void put_period_span(buffer *out, period p)
{
    if (p.month == 1)
        buffer_printf(out, "1月");
    else
        buffer_printf(out, "1-%d月", p.month);
}

static bool status_count(const figures *f, const char *name, buffer *out)
{
    for (int status = STATUS_PRELIMINARY; status < STATUS_COUNT; status++)
        if (strcmp(project_status_name((project_status)status), name) == 0) {
            buffer_printf(out, "%ld", f->projects_by_status[status]);
            return true;
        }
    return false;
}

static bool rows_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (!scope->store)
        return false;
    row_counts rows = store_totals(scope->store);
    if (strcmp(key, "rows.read") == 0)
        buffer_printf(out, "%ld", rows.read);
    else if (strcmp(key, "rows.accepted") == 0)
        buffer_printf(out, "%ld", rows.accepted);
    else if (strcmp(key, "rows.warned") == 0)
        buffer_printf(out, "%ld", rows.warned);
    else if (strcmp(key, "rows.rejected") == 0)
        buffer_printf(out, "%ld", rows.rejected);
    else if (strcmp(key, "rows.superseded") == 0)
        buffer_printf(out, "%ld", rows.superseded);
    else if (strcmp(key, "files") == 0)
        buffer_printf(out, "%zu", scope->store->files.count);
    else
        return false;
    return true;
}

static bool quarter_value(const bind_scope *scope, const char *key, buffer *out)
{
    static const char *const numerals[] = {"", "一", "二", "三", "四"};
    int quarter = scope->quarter.quarter;
    const bind_item *item = scope->item;
    if (strcmp(key, "quarter") == 0)
        buffer_printf(out, "%d", quarter);
    else if (strcmp(key, "quarter_cn") == 0)
        buffer_puts(out, numerals[quarter >= 1 && quarter <= 4 ? quarter : 0]);
    else if (strcmp(key, "previous_label") == 0)
        scope->previous ? buffer_printf(out, "%d月末", scope->previous->period.month)
                        : buffer_puts(out, "年初");
    else if (item && strcmp(key, "office") == 0)
        buffer_puts(out, item->office);
    else if (item && strcmp(key, "unit") == 0)
        buffer_puts(out, item->unit);
    else if (item && strcmp(key, "topic") == 0)
        buffer_puts(out, item->topic);
    else if (item && strcmp(key, "content") == 0)
        buffer_puts(out, item->content);
    else
        return false;
    return true;
}

static bool global_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (scope->quarter.quarter && quarter_value(scope, key, out))
        return true;
    if (span_global_value(scope, key, out))
        return true;
    const figures *f = scope->figures;
    char text[48];
    if (strcmp(key, "year") == 0)
        buffer_printf(out, "%d", f->period.year);
    else if (strcmp(key, "month") == 0)
        buffer_printf(out, "%d", f->period.month);
    else if (strcmp(key, "period") == 0)
        buffer_printf(out, "%04d-%02d", f->period.year % 10000, f->period.month % 100);
    else if (strcmp(key, "ordinal") == 0)
        buffer_printf(out, "%zu", scope->ordinal);
    else if (strcmp(key, "period_span") == 0)
        put_period_span(out, f->period);
    else if (strcmp(key, "issuer") == 0)
        buffer_puts(out, scope->plan->issuer);
    else if (strcmp(key, "today") == 0)
        buffer_printf(out, "%d年%d月%d日", scope->today / 10000, scope->today / 100 % 100,
                      scope->today % 100);
    else if (strcmp(key, "time_progress_pct") == 0)
        put_fraction(out, f->time_progress_pct, 1);
    else if (strcmp(key, "goal_va_growth_pct") == 0)
        buffer_puts(out, fraction_format_short(scope->plan->goal_va_growth_pct, 2, text));
    else if (strcmp(key, "goal_major_projects") == 0)
        buffer_printf(out, "%d", scope->plan->goal_major_projects);
    else if (strcmp(key, "major_count") == 0)
        buffer_printf(out, "%zu", f->major_count);
    else if (strcmp(key, "major_attracted") == 0)
        buffer_printf(out, "%ld", f->major_attracted);
    else if (strcmp(key, "reports_on_time") == 0 && scope->timeliness)
        buffer_printf(out, "%ld", scope->timeliness->on_time);
    else if (strcmp(key, "reports_late") == 0 && scope->timeliness)
        buffer_printf(out, "%ld", scope->timeliness->late);
    else if (strcmp(key, "reports_missing") == 0 && scope->timeliness)
        buffer_printf(out, "%ld", scope->timeliness->missing);
    else if (strcmp(key, "reports_expected") == 0 && scope->timeliness)
        buffer_printf(out, "%zu", scope->timeliness->count);
    else if (strcmp(key, "issues_count") == 0)
        buffer_printf(out, "%zu", f->with_issues_count);
    else if (strncmp(key, "status.", 7) == 0)
        return status_count(f, key + 7, out);
    else if (strncmp(key, "projects.", 9) == 0)
        return project_totals_value(&f->projects, key + 9, out);
    else
        return rows_value(scope, key, out);
    return true;
}

bool bind_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (strncmp(key, "total.", 6) == 0)
        return output_value(scope, &scope->figures->total, key + 6, out);
    switch (scope->row_kind) {
    case ROW_OUTPUT:
        if (output_value(scope, scope->row, key, out))
            return true;
        break;
    case ROW_PROJECT:
        if (project_value(scope, scope->row, key, out))
            return true;
        break;
    case ROW_PROJECT_TOTALS:
        if (project_totals_value(scope->row, key, out))
            return true;
        break;
    case ROW_MONTH:
        if (month_value(scope, key, out))
            return true;
        break;
    case ROW_UNIT:
        if (unit_value(scope->row, key, out) || span_unit_value(scope, scope->row, key, out))
            return true;
        break;
    case ROW_CHANGE:
    case ROW_SUBMISSION_ROW:
        if (span_row_value(scope, key, out))
            return true;
        break;
    case ROW_SUBMISSION:
        if (submission_value(scope, scope->row, key, out))
            return true;
        break;
    case ROW_NONE:
        break;
    }
    return global_value(scope, key, out);
}

static double to_double(fraction f)
{
    return (double)f.num / (double)f.den;
}

bool bind_number(const bind_scope *scope, const char *key, double *value, bool *known)
{
    ratio r = {false, {0, 1}};
    *known = false;
    if (strcmp(key, "time_progress_pct") == 0)
        r = (ratio){true, scope->figures->time_progress_pct};
    else if (scope->row_kind == ROW_MONTH && strcmp(key, "ytd_output_yi") == 0)
        r = (ratio){scope->figures->has_monthly_output[scope->month - 1],
                    fraction_make(scope->figures->monthly_output[scope->month - 1], YUAN_PER_YI)};
    else if (scope->row_kind != ROW_OUTPUT || !output_ratio(scope, scope->row, key, &r))
        return false;
    *known = r.known;
    *value = r.known ? to_double(r.value) : 0;
    return true;
}

static bool sign_test(ratio r, bool *result)
{
    *result = r.known && r.value.num >= 0;
    return true;
}

static bool output_test(const bind_scope *scope, const output_totals *t, const char *name,
                        bool *result)
{
    if (strcmp(name, "ahead") == 0)
        return sign_test(completion_gap(scope, t), result);
    if (strcmp(name, "yoy_up") == 0)
        return sign_test(figures_yoy_pct(t), result);
    if (strcmp(name, "va_up") == 0)
        return sign_test(figures_va_growth_pct(t), result);
    if (strcmp(name, "has_yoy") == 0) {
        *result = figures_yoy_pct(t).known;
        return true;
    }
    if (strcmp(name, "va_goal_met") == 0) {
        ratio growth = figures_va_growth_pct(t);
        *result = growth.known && fraction_compare(growth.value, scope->plan->goal_va_growth_pct) >= 0;
        return true;
    }
    if (strcmp(name, "has_data") == 0) {
        *result = t->records > 0;
        return true;
    }
    return false;
}

static bool global_test(const bind_scope *scope, const char *name, bool *result)
{
    const figures *f = scope->figures;
    row_counts rows = scope->store ? store_totals(scope->store) : (row_counts){0};
    if (strcmp(name, "major_goal_met") == 0)
        *result = f->major_attracted >= scope->plan->goal_major_projects;
    else if (strcmp(name, "has_major") == 0)
        *result = f->major_count > 0;
    else if (strcmp(name, "has_issues") == 0)
        *result = f->with_issues_count > 0;
    else if (strcmp(name, "has_projects") == 0)
        *result = f->projects.count > 0;
    else if (strcmp(name, "has_rejected") == 0)
        *result = rows.rejected > 0;
    else if (strcmp(name, "has_warned") == 0)
        *result = rows.warned > 0;
    else if (strcmp(name, "reports_all_on_time") == 0 && scope->timeliness)
        *result = scope->timeliness->on_time == (long)scope->timeliness->count;
    else if (strcmp(name, "has_months") == 0)
        *result = f->period.month > 1 && f->has_monthly_output[0];
    else
        return false;
    return true;
}

bool bind_test(const bind_scope *scope, const char *name, bool *result)
{
    bool negate = name[0] == '!';
    if (negate)
        name++;
    bool found;
    if (strncmp(name, "total.", 6) == 0)
        found = output_test(scope, &scope->figures->total, name + 6, result);
    else if (scope->row_kind == ROW_OUTPUT && output_test(scope, scope->row, name, result))
        found = true;
    else
        found = global_test(scope, name, result) || span_test(scope, name, result);
    if (found && negate)
        *result = !*result;
    return found;
}

bool bind_expand(const bind_scope *scope, const char *text, buffer *out, char *unknown)
{
    while (*text) {
        const char *open = strchr(text, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            buffer_puts(out, text);
            return true;
        }
        buffer_append(out, text, (size_t)(open - text));
        char key[64];
        size_t length = (size_t)(close - open - 1);
        if (length >= sizeof key)
            length = sizeof key - 1;
        memcpy(key, open + 1, length);
        key[length] = '\0';
        if (!bind_value(scope, key, out)) {
            memcpy(unknown, key, length + 1);
            return false;
        }
        text = close + 1;
    }
    return true;
}

/* ---- lists ---- */

bind_scope *bind_push_row(const bind_scope *scope, vec *rows, bind_row_kind kind, const void *row)
{
    bind_scope *item = vec_push(rows);
    *item = *scope;
    item->row_kind = kind;
    item->row = row;
    item->ordinal = rows->count;
    return item;
}

static void project_rows(const bind_scope *scope, const project_record *const *list, size_t count,
                         vec *rows)
{
    for (size_t i = 0; i < count; i++)
        bind_push_row(scope, rows, ROW_PROJECT, list[i]);
}

static bool collect_rows(const bind_scope *scope, const char *source, bool with_total, vec *rows)
{
    const figures *f = scope->figures;
    if (strcmp(source, "industries") == 0) {
        for (size_t i = 0; i < f->industry_count; i++)
            bind_push_row(scope, rows, ROW_OUTPUT, &f->industries[i]);
        if (with_total)
            bind_push_row(scope, rows, ROW_OUTPUT, &f->total);
    } else if (strcmp(source, "months") == 0) {
        for (int m = 1; m <= f->period.month; m++)
            bind_push_row(scope, rows, ROW_MONTH, NULL)->month = m;
    } else if (strcmp(source, "projects") == 0) {
        project_rows(scope, f->period_projects, f->period_project_count, rows);
    } else if (strcmp(source, "projects.major") == 0) {
        project_rows(scope, f->major, f->major_count, rows);
    } else if (strcmp(source, "projects.with_issues") == 0) {
        project_rows(scope, f->with_issues, f->with_issues_count, rows);
    } else if (strcmp(source, "projects.by_industry") == 0 || strcmp(source, "projects.by_unit") == 0) {
        bool by_unit = strcmp(source, "projects.by_unit") == 0;
        size_t count = by_unit ? f->unit_count : f->industry_count;
        const project_totals *list = by_unit ? f->projects_by_unit : f->projects_by_industry;
        for (size_t i = 0; i < count; i++)
            bind_push_row(scope, rows, ROW_PROJECT_TOTALS, &list[i]);
        if (with_total)
            bind_push_row(scope, rows, ROW_PROJECT_TOTALS, &f->projects);
    } else if (strcmp(source, "units") == 0) {
        for (size_t i = 0; scope->scores && i < scope->scores->count; i++)
            bind_push_row(scope, rows, ROW_UNIT, &scope->scores->units[i]);
    } else if (strcmp(source, "submissions") == 0 || strcmp(source, "submissions.problems") == 0) {
        bool problems_only = strcmp(source, "submissions.problems") == 0;
        for (size_t i = 0; scope->timeliness && i < scope->timeliness->count; i++) {
            const submission_check *c = &scope->timeliness->checks[i];
            if (!problems_only || c->status != SUBMISSION_ON_TIME)
                bind_push_row(scope, rows, ROW_SUBMISSION, c);
        }
    } else {
        return span_rows(scope, source, rows);
    }
    return true;
}

bool bind_rows(const bind_scope *scope, const char *source, bool with_total, arena *a,
               bind_scope **rows, size_t *count)
{
    vec list;
    vec_init(&list, sizeof(bind_scope));
    bool known = collect_rows(scope, source, with_total, &list);
    *count = list.count;
    *rows = arena_alloc(a, (list.count + 1) * sizeof **rows);
    if (list.count)
        memcpy(*rows, list.items, list.count * sizeof **rows);
    vec_free(&list);
    return known;
}
