/*
 * bind.c: values and conditions for the template (see bind.h).  Every number is
 * formatted from exact sums and fractions; rounding happens here, for print only.
 */
#include "render/bind.h"

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

static bool output_value(const bind_scope *scope, const output_totals *t, const char *key,
                         buffer *out)
{
    if (scope->quarter.quarter && change_value(scope, t, key, out))
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
    else if (strcmp(key, "completion_pct") == 0)
        put_ratio(out, figures_completion_pct(t), false);
    else if (strcmp(key, "completion_gap") == 0)
        put_ratio(out, completion_gap(scope, t), true);
    else if (strcmp(key, "yoy_pct") == 0)
        put_ratio(out, figures_yoy_pct(t), false);
    else if (strcmp(key, "yoy_abs") == 0)
        put_ratio(out, figures_yoy_pct(t), true);
    else if (strcmp(key, "va_growth_pct") == 0)
        put_ratio(out, figures_va_growth_pct(t), false);
    else if (strcmp(key, "va_growth_abs") == 0)
        put_ratio(out, figures_va_growth_pct(t), true);
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

static bool project_totals_value(const project_totals *t, const char *key, buffer *out)
{
    if (strcmp(key, "count") == 0)
        buffer_printf(out, "%ld", t->count);
    else if (strcmp(key, "total_investment_yi") == 0)
        put_yi(out, t->total_investment);
    else if (strcmp(key, "annual_plan_yi") == 0)
        put_yi(out, t->annual_plan);
    else if (strcmp(key, "ytd_investment_yi") == 0)
        put_yi(out, t->ytd_investment);
    else if (strcmp(key, "completion_pct") == 0)
        put_ratio(out, figures_investment_pct(t), false);
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
    const figures *f = scope->figures;
    char text[48];
    if (strcmp(key, "year") == 0)
        buffer_printf(out, "%d", f->period.year);
    else if (strcmp(key, "month") == 0)
        buffer_printf(out, "%d", f->period.month);
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
    else if (strncmp(key, "projects.", 9) == 0)
        return project_totals_value(&f->projects, key + 9, out);
    else
        return false;
    return true;
}

bool bind_value(const bind_scope *scope, const char *key, buffer *out)
{
    if (strncmp(key, "total.", 6) == 0)
        return output_value(scope, &scope->figures->total, key + 6, out);
    if (scope->output && output_value(scope, scope->output, key, out))
        return true;
    return global_value(scope, key, out);
}

static bool output_test(const bind_scope *scope, const output_totals *t, const char *name,
                        bool *result)
{
    ratio value;
    if (strcmp(name, "ahead") == 0) {
        value = completion_gap(scope, t);
        *result = value.known && value.value.num >= 0;
    } else if (strcmp(name, "yoy_up") == 0) {
        value = figures_yoy_pct(t);
        *result = value.known && value.value.num >= 0;
    } else if (strcmp(name, "va_up") == 0) {
        value = figures_va_growth_pct(t);
        *result = value.known && value.value.num >= 0;
    } else if (strcmp(name, "va_goal_met") == 0) {
        value = figures_va_growth_pct(t);
        *result = value.known && fraction_compare(value.value, scope->plan->goal_va_growth_pct) >= 0;
    } else if (strcmp(name, "has_data") == 0) {
        *result = t->records > 0;
    } else {
        return false;
    }
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
    else if (scope->output && output_test(scope, scope->output, name, result))
        found = true;
    else if (strcmp(name, "major_goal_met") == 0) {
        *result = scope->figures->major_attracted >= scope->plan->goal_major_projects;
        found = true;
    } else
        found = false;
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
