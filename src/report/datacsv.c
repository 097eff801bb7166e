/*
 * datacsv.c: writes the archive's data/<kind>.csv from the store (see datacsv.h).  Cells are
 * quoted and guarded against formulas as in rejects.csv; numbers are written as numbers.
 */
#include "report/datacsv.h"

#include "report/rejects.h"

#include <stdio.h>

#define BOM "\xEF\xBB\xBF"

bool datacsv_in_quarter(period p, period quarter)
{
    if (p.year != quarter.year)
        return false;
    if (!quarter.quarter && !quarter.month)
        return true; /* the whole year */
    if (p.quarter)
        return p.quarter == quarter.quarter;
    return (p.month - 1) / 3 + 1 == quarter.quarter;
}

/* The first three cells of every row: source file, line, period. */
static void put_origin(buffer *out, const store *s, provenance origin, period p)
{
    char name[16];
    rejects_put_cell(out, store_file(s, origin.file)->path);
    buffer_printf(out, ",%ld,%s", origin.line, period_format(p, name));
}

static void put_text(buffer *out, const char *text)
{
    buffer_puts(out, ",");
    rejects_put_cell(out, text);
}

static void put_wan(buffer *out, money amount)
{
    char text[32];
    buffer_printf(out, ",%s", money_format_wan(amount, text));
}

static void put_count(buffer *out, int count)
{
    buffer_printf(out, ",%d", count);
}

static const char *yes_no(bool value)
{
    return value ? "是" : "否";
}

static const char *industry_name(const plan *pl, int industry)
{
    return industry >= 0 ? pl->industries[industry].name : "";
}

static const char *subsector_name(const plan *pl, int industry, int subsector)
{
    return industry >= 0 && subsector >= 0 ? pl->industries[industry].subsectors[subsector].name
                                           : "";
}

static const char *unit_name(const plan *pl, int unit)
{
    return unit >= 0 ? pl->units[unit].name : "";
}

static bool wanted(record_fate fate, period p, period quarter)
{
    return fate == FATE_ACCEPTED && datacsv_in_quarter(p, quarter);
}

void datacsv_write_projects(buffer *out, const store *s, const plan *pl, period quarter)
{
    buffer_puts(out, BOM "来源文件,行,报告期,项目编号,项目名称,所属产业,细分领域,建设地点,建设单位,"
                         "是否战略性新兴产业,是否当年招引,总投资（万元）,年度计划投资（万元）,"
                         "本月完成投资（万元）,累计完成投资（万元）,项目状态,存在问题,有警告\r\n");
    for (size_t i = 0; i < s->projects.count; i++) {
        const project_record *r = vec_at(&s->projects, i);
        if (!wanted(r->fate, r->period, quarter))
            continue;
        put_origin(out, s, r->origin, r->period);
        put_text(out, r->code);
        put_text(out, r->name);
        put_text(out, industry_name(pl, r->industry));
        put_text(out, subsector_name(pl, r->industry, r->subsector));
        put_text(out, unit_name(pl, r->unit));
        put_text(out, r->owner);
        put_text(out, yes_no(r->strategic));
        put_text(out, yes_no(r->attracted));
        put_wan(out, r->total_investment);
        put_wan(out, r->annual_plan);
        if (r->has_month_investment)
            put_wan(out, r->month_investment);
        else
            buffer_puts(out, ",");
        put_wan(out, r->ytd_investment);
        put_text(out, project_status_name(r->status));
        put_text(out, r->issues);
        put_text(out, yes_no(r->warned));
        buffer_puts(out, "\r\n");
    }
}

void datacsv_write_progress(buffer *out, const store *s, const plan *pl, period quarter)
{
    buffer_puts(out, BOM "来源文件,行,报告期,单位,所属产业,细分领域,本月产值（万元）,累计产值（万元）,"
                         "上年同期累计产值（万元）,累计增加值（万元）,上年同期累计增加值（万元）,有警告\r\n");
    for (size_t i = 0; i < s->progress.count; i++) {
        const progress_record *r = vec_at(&s->progress, i);
        if (!wanted(r->fate, r->period, quarter))
            continue;
        put_origin(out, s, r->origin, r->period);
        put_text(out, unit_name(pl, r->unit));
        put_text(out, industry_name(pl, r->industry));
        put_text(out, subsector_name(pl, r->industry, r->subsector));
        if (r->has_month_output)
            put_wan(out, r->month_output);
        else
            buffer_puts(out, ",");
        put_wan(out, r->ytd_output);
        put_wan(out, r->prior_ytd_output);
        put_wan(out, r->ytd_value_added);
        put_wan(out, r->prior_ytd_value_added);
        put_text(out, yes_no(r->warned));
        buffer_puts(out, "\r\n");
    }
}

static const char *grade_name(leading_grade grade)
{
    switch (grade) {
    case LEADING_GOOD: return "良好";
    case LEADING_FAIR: return "一般";
    case LEADING_POOR: return "较差";
    default: return "";
    }
}

void datacsv_write_assessments(buffer *out, const store *s, const plan *pl, period quarter)
{
    buffer_puts(out, BOM "来源文件,行,报告期,单位,新兴产业用地占比（%）,新增平台数,国家级平台认定数,"
                         "省级平台认定数,龙头企业培育,年度实施计划,国家级专项资金项目数,"
                         "省级专项资金项目数,国家级表彰数,省级表彰数,有警告\r\n");
    for (size_t i = 0; i < s->assessments.count; i++) {
        const assessment_record *r = vec_at(&s->assessments, i);
        if (!wanted(r->fate, r->period, quarter))
            continue;
        put_origin(out, s, r->origin, r->period);
        put_text(out, unit_name(pl, r->unit));
        char land[48] = "";
        if (r->has_land_pct)
            fraction_format_short(fraction_make(r->land_pct_e4, 10000), 4, land);
        buffer_printf(out, ",%s", land);
        put_count(out, r->new_platforms);
        put_count(out, r->national_platforms);
        put_count(out, r->provincial_platforms);
        put_text(out, grade_name(r->leading_enterprises));
        put_text(out, yes_no(r->annual_plan_done));
        put_count(out, r->national_funds);
        put_count(out, r->provincial_funds);
        put_count(out, r->national_honors);
        put_count(out, r->provincial_honors);
        put_text(out, yes_no(r->warned));
        buffer_puts(out, "\r\n");
    }
}

void datacsv_write_quarterly(buffer *out, const store *s, period quarter)
{
    buffer_puts(out, BOM "来源文件,行,报告期,报送单位,单位,事项,内容,有警告\r\n");
    for (size_t i = 0; i < s->quarterly.count; i++) {
        const quarterly_record *r = vec_at(&s->quarterly, i);
        if (!wanted(r->fate, r->period, quarter))
            continue;
        put_origin(out, s, r->origin, r->period);
        put_text(out, store_file(s, r->origin.file)->office);
        put_text(out, r->unit);
        put_text(out, r->topic);
        put_text(out, r->content);
        put_text(out, yes_no(r->warned));
        buffer_puts(out, "\r\n");
    }
}
