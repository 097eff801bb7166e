/*
 * bind.c: the monthly bulletin's values, conditions, numbers and lists, one function per
 * kind of row (see bind_parts.h; bind_names.c says which name is which).  Every number is
 * formatted from exact sums and fractions; rounding happens here, for print only.
 */
#include "render/bind_parts.h"

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

static bool change_value(const bind_scope *scope, const output_totals *t, int what, buffer *out)
{
    if (!scope->quarter.quarter)
        return false;
    const output_totals *before = previous_of(scope, t);
    switch (what) {
    case OUT_PREVIOUS_YTD_OUTPUT_YI:
        before ? put_yi(out, before->ytd_output) : buffer_puts(out, "—");
        break;
    case OUT_PREVIOUS_COMPLETION_PCT:
        put_ratio(out, previous_completion(before), false);
        break;
    case OUT_QUARTER_OUTPUT_YI:
        put_money_change(out, t->ytd_output, before, before ? before->ytd_output : 0);
        break;
    case OUT_QUARTER_VALUE_ADDED_YI:
        put_money_change(out, t->ytd_value_added, before, before ? before->ytd_value_added : 0);
        break;
    default: { /* OUT_COMPLETION_CHANGE */
        ratio now = figures_completion_pct(t), then = previous_completion(before);
        bool known = now.known && then.known;
        put_ratio(out, (ratio){known, known ? fraction_sub(now.value, then.value) : now.value},
                  false);
    }
    }
    return true;
}

/* ---- an industry or the total ---- */

/* A value of an industry or the total as a ratio, for text and charts alike. */
bool bind_output_number(const bind_scope *scope, const void *row, int what, ratio *r)
{
    const output_totals *t = row;
    switch (what) {
    case OUT_COMPLETION_PCT: *r = figures_completion_pct(t); break;
    case OUT_COMPLETION_GAP: *r = completion_gap(scope, t); break;
    case OUT_YOY_PCT:
    case OUT_YOY_ABS: *r = figures_yoy_pct(t); break;
    case OUT_VA_GROWTH_PCT:
    case OUT_VA_GROWTH_ABS: *r = figures_va_growth_pct(t); break;
    case OUT_YTD_OUTPUT_YI: *r = (ratio){true, fraction_make(t->ytd_output, YUAN_PER_YI)}; break;
    default: return false;
    }
    return true;
}

bool bind_output_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)n;
    const output_totals *t = row;
    ratio r;
    switch (what) {
    case OUT_NAME: buffer_puts(out, t->name); break;
    case OUT_TARGET_YI: t->has_target ? put_yi_short(out, t->target) : buffer_puts(out, "—"); break;
    case OUT_YTD_OUTPUT_YI: put_yi(out, t->ytd_output); break;
    case OUT_PRIOR_YTD_OUTPUT_YI: put_yi(out, t->prior_ytd_output); break;
    case OUT_YTD_VALUE_ADDED_YI: put_yi(out, t->ytd_value_added); break;
    case OUT_COMPLETION_PCT:
    case OUT_YOY_PCT:
    case OUT_VA_GROWTH_PCT:
        bind_output_number(scope, t, what, &r);
        put_ratio(out, r, false);
        break;
    case OUT_COMPLETION_GAP:
    case OUT_YOY_ABS:
    case OUT_VA_GROWTH_ABS:
        bind_output_number(scope, t, what, &r);
        put_ratio(out, r, true);
        break;
    default: return change_value(scope, t, what, out);
    }
    return true;
}

static bool sign_test(ratio r)
{
    return r.known && r.value.num >= 0;
}

bool bind_output_test(const bind_scope *scope, const void *row, int what, bool *result)
{
    const output_totals *t = row;
    ratio growth;
    switch (what) {
    case OUT_AHEAD: *result = sign_test(completion_gap(scope, t)); break;
    case OUT_YOY_UP: *result = sign_test(figures_yoy_pct(t)); break;
    case OUT_VA_UP: *result = sign_test(figures_va_growth_pct(t)); break;
    case OUT_HAS_YOY: *result = figures_yoy_pct(t).known; break;
    case OUT_VA_GOAL_MET:
        growth = figures_va_growth_pct(t);
        *result = growth.known &&
                  fraction_compare(growth.value, scope->plan->goal_va_growth_pct) >= 0;
        break;
    default: *result = t->records > 0; /* OUT_HAS_DATA */
    }
    return true;
}

/* ---- projects ---- */

bool bind_totals_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)scope, (void)n;
    const project_totals *t = row;
    switch (what) {
    case TOT_NAME: buffer_puts(out, t->name); break;
    case TOT_COUNT: buffer_printf(out, "%ld", t->count); break;
    case TOT_TOTAL_INVESTMENT_YI: put_yi(out, t->total_investment); break;
    case TOT_ANNUAL_PLAN_YI: put_yi(out, t->annual_plan); break;
    case TOT_YTD_INVESTMENT_YI: put_yi(out, t->ytd_investment); break;
    case TOT_ANNUAL_PLAN_WAN: put_wan(out, t->annual_plan); break;
    case TOT_YTD_INVESTMENT_WAN: put_wan(out, t->ytd_investment); break;
    default: put_ratio(out, figures_investment_pct(t), false); /* TOT_COMPLETION_PCT */
    }
    return true;
}

static const char *yes_no(bool value)
{
    return value ? "是" : "否";
}

bool bind_project_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)n;
    const plan *pl = scope->plan;
    const project_record *r = row;
    project_totals one = {.annual_plan = r->annual_plan, .ytd_investment = r->ytd_investment};
    switch (what) {
    case PRJ_CODE: buffer_puts(out, r->code); break;
    case PRJ_NAME: buffer_puts(out, r->name); break;
    case PRJ_UNIT: buffer_puts(out, r->unit >= 0 ? pl->units[r->unit].name : ""); break;
    case PRJ_INDUSTRY:
        buffer_puts(out, r->industry >= 0 ? pl->industries[r->industry].name : "");
        break;
    case PRJ_OWNER: buffer_puts(out, r->owner ? r->owner : ""); break;
    case PRJ_STATUS: buffer_puts(out, project_status_name(r->status)); break;
    case PRJ_ISSUES: buffer_puts(out, r->issues ? r->issues : ""); break;
    case PRJ_STRATEGIC: buffer_puts(out, yes_no(r->strategic)); break;
    case PRJ_ATTRACTED: buffer_puts(out, yes_no(r->attracted)); break;
    case PRJ_TOTAL_INVESTMENT_WAN: put_wan(out, r->total_investment); break;
    case PRJ_TOTAL_INVESTMENT_YI: put_yi(out, r->total_investment); break;
    case PRJ_ANNUAL_PLAN_WAN: put_wan(out, r->annual_plan); break;
    case PRJ_YTD_INVESTMENT_WAN: put_wan(out, r->ytd_investment); break;
    default: put_ratio(out, figures_investment_pct(&one), false); /* PRJ_COMPLETION_PCT */
    }
    return true;
}

/* ---- the months of the year (chart) ---- */

bool bind_month_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)row, (void)n;
    if (what == MON_LABEL)
        buffer_printf(out, "%d月", scope->month);
    else
        put_yi(out, scope->figures->monthly_output[scope->month - 1]);
    return true;
}

bool bind_month_number(const bind_scope *scope, const void *row, int what, ratio *r)
{
    (void)row, (void)what;
    int m = scope->month - 1;
    *r = (ratio){scope->figures->has_monthly_output[m],
                 fraction_make(scope->figures->monthly_output[m], YUAN_PER_YI)};
    return true;
}

/* ---- units ---- */

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

bool bind_unit_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)scope, (void)n;
    static const size_t scores[UNIT_SCORES] = {
        [UNIT_TOTAL] = offsetof(unit_score, total),
        [UNIT_GROWTH] = offsetof(unit_score, growth),
        [UNIT_SCALE] = offsetof(unit_score, scale),
        [UNIT_INDUSTRY_DEVELOPMENT] = offsetof(unit_score, industry_development),
        [UNIT_COMPOSITE] = offsetof(unit_score, composite),
        [UNIT_PROJECTS] = offsetof(unit_score, projects),
        [UNIT_LAND] = offsetof(unit_score, land),
        [UNIT_MAJOR_BONUS] = offsetof(unit_score, major_bonus),
        [UNIT_PROJECT_DRIVE] = offsetof(unit_score, project_drive),
        [UNIT_PLATFORMS] = offsetof(unit_score, platforms),
        [UNIT_LEADING_ENTERPRISES] = offsetof(unit_score, leading_enterprises),
        [UNIT_PLAN] = offsetof(unit_score, plan),
        [UNIT_EXTRA] = offsetof(unit_score, extra),
        [UNIT_INNOVATION] = offsetof(unit_score, innovation),
    };
    const unit_score *u = row;
    if (what < UNIT_SCORES) {
        put_fraction(out, *(const fraction *)((const char *)u + scores[what]), 2);
        return true;
    }
    switch (what) {
    case UNIT_NAME: buffer_puts(out, u->name); break;
    case UNIT_RANK: buffer_printf(out, "%d", u->rank); break;
    case UNIT_GROWTH_PCT: put_ratio(out, u->growth_pct, false); break;
    default: put_missing(out, u->missing); /* UNIT_MISSING */
    }
    return true;
}

/* ---- 报送情况 ---- */

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
static void put_contact(const plan *pl, const submission_check *c, int what, buffer *out)
{
    int industry = pl->offices[c->office].industry;
    const plan_liaison *liaison = industry >= 0 ? &pl->industries[industry].liaison : NULL;
    if (what == SUB_LEAD_UNIT)
        buffer_puts(out, liaison ? liaison->lead_unit : pl->contact.unit ? pl->contact.unit : "—");
    else if (what == SUB_LEADER)
        buffer_puts(out, liaison ? liaison->leader : "—");
    else if (liaison)
        buffer_printf(out, "%s %s", liaison->contact_name, liaison->contact_phone);
    else
        buffer_printf(out, "%s %s", pl->contact.name ? pl->contact.name : "",
                      pl->contact.phone ? pl->contact.phone : "");
}

bool bind_submission_value(const bind_scope *scope, const void *row, int what, int n,
                           buffer *out)
{
    (void)n;
    const submission_check *c = row;
    switch (what) {
    case SUB_OFFICE: buffer_puts(out, c->office_name); break;
    case SUB_KIND: buffer_puts(out, bind_kind_label(c->kind)); break;
    case SUB_STATUS: buffer_puts(out, status_label(c->status)); break;
    case SUB_SENT: put_date(out, c->sent); break;
    case SUB_DUE: put_date(out, c->due); break;
    default: put_contact(scope->plan, c, what, out);
    }
    return true;
}

/* ---- the quarterly items ---- */

static const char *const quarter_numerals[] = {"", "一", "二", "三", "四"};

bool bind_item_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)scope, (void)n;
    const bind_item *item = row;
    switch (what) {
    case ITEM_OFFICE: buffer_puts(out, item->office); break;
    case ITEM_UNIT: buffer_puts(out, item->unit); break;
    case ITEM_TOPIC: buffer_puts(out, item->topic); break;
    case ITEM_CONTENT: buffer_puts(out, item->content); break;
    default: buffer_puts(out, quarter_numerals[item->quarter.quarter % 5]); /* ITEM_QUARTER_CN */
    }
    return true;
}

/* ---- outside rows ---- */

static void put_period_span(buffer *out, period p)
{
    if (p.month == 1)
        buffer_printf(out, "1月");
    else
        buffer_printf(out, "1-%d月", p.month);
}

static bool rows_value(const bind_scope *scope, int what, buffer *out)
{
    if (!scope->store)
        return false;
    row_counts rows = store_totals(scope->store);
    long value = what == GLOB_ROWS_READ       ? rows.read
                 : what == GLOB_ROWS_ACCEPTED ? rows.accepted
                 : what == GLOB_ROWS_WARNED   ? rows.warned
                 : what == GLOB_ROWS_REJECTED ? rows.rejected
                 : what == GLOB_ROWS_SUPERSEDED ? rows.superseded
                                                : (long)scope->store->files.count;
    buffer_printf(out, "%ld", value);
    return true;
}

static bool reports_value(const timeliness *reports, int what, buffer *out)
{
    if (!reports)
        return false;
    long value = what == GLOB_REPORTS_ON_TIME ? reports->on_time
                 : what == GLOB_REPORTS_LATE  ? reports->late
                 : what == GLOB_REPORTS_MISSING ? reports->missing
                                                : (long)reports->count;
    buffer_printf(out, "%ld", value);
    return true;
}

static bool quarter_value(const bind_scope *scope, int what, buffer *out)
{
    int quarter = scope->quarter.quarter;
    if (!quarter)
        return false;
    if (what == GLOB_QUARTER)
        buffer_printf(out, "%d", quarter);
    else if (what == GLOB_QUARTER_CN)
        buffer_puts(out, quarter_numerals[quarter >= 1 && quarter <= 4 ? quarter : 0]);
    else if (scope->previous)
        buffer_printf(out, "%d月末", scope->previous->period.month);
    else
        buffer_puts(out, "年初");
    return true;
}

bool bind_global_value(const bind_scope *scope, const void *row, int what, int n, buffer *out)
{
    (void)row;
    const figures *f = scope->figures;
    char text[48];
    switch (what) {
    case GLOB_YEAR: buffer_printf(out, "%d", f->period.year); break;
    case GLOB_MONTH: buffer_printf(out, "%d", f->period.month); break;
    case GLOB_PERIOD:
        buffer_printf(out, "%04d-%02d", f->period.year % 10000, f->period.month % 100);
        break;
    case GLOB_ORDINAL: buffer_printf(out, "%zu", scope->ordinal); break;
    case GLOB_PERIOD_SPAN: put_period_span(out, f->period); break;
    case GLOB_ISSUER: buffer_puts(out, scope->plan->issuer); break;
    case GLOB_TODAY:
        buffer_printf(out, "%d年%d月%d日", scope->today / 10000, scope->today / 100 % 100,
                      scope->today % 100);
        break;
    case GLOB_TIME_PROGRESS_PCT: put_fraction(out, f->time_progress_pct, 1); break;
    case GLOB_GOAL_VA_GROWTH_PCT:
        buffer_puts(out, fraction_format_short(scope->plan->goal_va_growth_pct, 2, text));
        break;
    case GLOB_GOAL_MAJOR_PROJECTS: buffer_printf(out, "%d", scope->plan->goal_major_projects); break;
    case GLOB_MAJOR_COUNT: buffer_printf(out, "%zu", f->major_count); break;
    case GLOB_MAJOR_ATTRACTED: buffer_printf(out, "%ld", f->major_attracted); break;
    case GLOB_ISSUES_COUNT: buffer_printf(out, "%zu", f->with_issues_count); break;
    case GLOB_STATUS: buffer_printf(out, "%ld", f->projects_by_status[n]); break;
    case GLOB_REPORTS_ON_TIME:
    case GLOB_REPORTS_LATE:
    case GLOB_REPORTS_MISSING:
    case GLOB_REPORTS_EXPECTED: return reports_value(scope->timeliness, what, out);
    case GLOB_QUARTER:
    case GLOB_QUARTER_CN:
    case GLOB_PREVIOUS_LABEL: return quarter_value(scope, what, out);
    default: return rows_value(scope, what, out);
    }
    return true;
}

bool bind_global_number(const bind_scope *scope, const void *row, int what, ratio *r)
{
    (void)row, (void)what; /* GLOB_TIME_PROGRESS_PCT */
    *r = (ratio){true, scope->figures->time_progress_pct};
    return true;
}

bool bind_global_test(const bind_scope *scope, const void *row, int what, bool *result)
{
    (void)row;
    const figures *f = scope->figures;
    row_counts rows = scope->store ? store_totals(scope->store) : (row_counts){0};
    switch (what) {
    case GT_MAJOR_GOAL_MET: *result = f->major_attracted >= scope->plan->goal_major_projects; break;
    case GT_HAS_MAJOR: *result = f->major_count > 0; break;
    case GT_HAS_ISSUES: *result = f->with_issues_count > 0; break;
    case GT_HAS_PROJECTS: *result = f->projects.count > 0; break;
    case GT_HAS_REJECTED: *result = rows.rejected > 0; break;
    case GT_HAS_WARNED: *result = rows.warned > 0; break;
    case GT_REPORTS_ALL_ON_TIME:
        if (!scope->timeliness)
            return false;
        *result = scope->timeliness->on_time == (long)scope->timeliness->count;
        break;
    default: *result = f->period.month > 1 && f->has_monthly_output[0]; /* GT_HAS_MONTHS */
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

static void totals_rows(const bind_scope *scope, const project_totals *list, size_t count,
                        bool with_total, vec *rows)
{
    for (size_t i = 0; i < count; i++)
        bind_push_row(scope, rows, ROW_PROJECT_TOTALS, &list[i]);
    if (with_total)
        bind_push_row(scope, rows, ROW_PROJECT_TOTALS, &scope->figures->projects);
}

static void submission_rows(const bind_scope *scope, bool problems_only, vec *rows)
{
    for (size_t i = 0; scope->timeliness && i < scope->timeliness->count; i++) {
        const submission_check *c = &scope->timeliness->checks[i];
        if (!problems_only || c->status != SUBMISSION_ON_TIME)
            bind_push_row(scope, rows, ROW_SUBMISSION, c);
    }
}

bool bind_list(const bind_scope *scope, int what, bool with_total, vec *rows)
{
    const figures *f = scope->figures;
    switch (what) {
    case LIST_INDUSTRIES:
        for (size_t i = 0; i < f->industry_count; i++)
            bind_push_row(scope, rows, ROW_OUTPUT, &f->industries[i]);
        if (with_total)
            bind_push_row(scope, rows, ROW_OUTPUT, &f->total);
        break;
    case LIST_MONTHS:
        for (int m = 1; m <= f->period.month; m++)
            bind_push_row(scope, rows, ROW_MONTH, NULL)->month = m;
        break;
    case LIST_PROJECTS: project_rows(scope, f->period_projects, f->period_project_count, rows); break;
    case LIST_MAJOR: project_rows(scope, f->major, f->major_count, rows); break;
    case LIST_WITH_ISSUES: project_rows(scope, f->with_issues, f->with_issues_count, rows); break;
    case LIST_BY_INDUSTRY:
        totals_rows(scope, f->projects_by_industry, f->industry_count, with_total, rows);
        break;
    case LIST_BY_UNIT: totals_rows(scope, f->projects_by_unit, f->unit_count, with_total, rows); break;
    case LIST_UNITS:
        for (size_t i = 0; scope->scores && i < scope->scores->count; i++)
            bind_push_row(scope, rows, ROW_UNIT, &scope->scores->units[i]);
        break;
    case LIST_SUBMISSIONS:
    case LIST_PROBLEMS: submission_rows(scope, what == LIST_PROBLEMS, rows); break;
    default: /* LIST_ITEMS */
        if (!scope->quarter.quarter)
            return false;
        for (size_t i = 0; i < scope->item_count; i++)
            bind_push_row(scope, rows, ROW_ITEM, &scope->items[i]);
    }
    return true;
}
