/*
 * columns.c: the column tables of the four kinds (see columns.h).  Adding an alias or a
 * column is a line in a table below; the record builder reads the tables and never names
 * a column in code except for cross-column checks, and the forms are headed from them.
 */
#include "model/columns.h"

#include <stddef.h>
#include <string.h>

#define NONE TABLE_NO_FIELD
#define P(member) offsetof(project_record, member)
#define G(member) offsetof(progress_record, member)
#define A(member) offsetof(assessment_record, member)
#define Q(member) offsetof(quarterly_record, member)

/* Row metadata (inputs.md §2.2) and the ignored 序号, common to every kind. */
#define METADATA_COLUMNS                                                                  \
    {"报告期", NULL, "报告期间|统计期|所属期|报告月份", COLUMN_PERIOD, false, NONE, NONE},  \
    {"报送单位", NULL, "填报单位|报送部门|填报部门", COLUMN_OFFICE, false, NONE, NONE},     \
    {"填报日期", NULL, "报送日期|填表日期", COLUMN_DATE, false, NONE, NONE},                \
    {"序号", NULL, "", COLUMN_IGNORED, false, NONE, NONE}

static const table_column project_columns[] = {
    {"项目编号", "code", "编号|项目代码", COLUMN_CODE, true, P(code), NONE},
    {"项目名称", "name", "", COLUMN_TEXT, true, P(name), NONE},
    {"所属产业", "industry", "产业|产业类别", COLUMN_INDUSTRY, false, P(industry), NONE},
    {"细分领域", "subsector", "领域", COLUMN_SUBSECTOR, false, P(subsector), NONE},
    {"建设地点", "unit", "所在镇街|镇街|属地", COLUMN_UNIT, true, P(unit), NONE},
    {"建设单位", "owner", "业主单位|项目业主", COLUMN_TEXT, false, P(owner), NONE},
    {"是否战略性新兴产业", "strategic", "战略性新兴产业", COLUMN_YES_NO, false, P(strategic), NONE},
    {"是否当年招引", "attracted", "当年招引|新招引", COLUMN_YES_NO, false, P(attracted), NONE},
    {"总投资", "total_investment", "计划总投资", COLUMN_AMOUNT, true, P(total_investment), NONE},
    {"年度计划投资", "annual_plan", "计划投资|年度投资计划", COLUMN_AMOUNT, true, P(annual_plan), NONE},
    {"本月完成投资", "month_investment", "当月完成投资", COLUMN_AMOUNT, false,
     P(month_investment), P(has_month_investment)},
    {"累计完成投资", "ytd_investment", "完成投资|累计完成", COLUMN_AMOUNT, true, P(ytd_investment), NONE},
    /* the forms' reference column: last month's figure, shown to help, never read */
    {"上月累计完成投资", NULL, "上期累计完成投资", COLUMN_IGNORED, false, NONE, NONE},
    {"项目状态", "status", "进展情况|形象进度", COLUMN_STATUS, false, P(status), NONE},
    {"存在问题", "issues", "存在的问题|问题", COLUMN_TEXT, false, P(issues), NONE},
    METADATA_COLUMNS,
};

static const table_column progress_columns[] = {
    {"单位", "unit", "镇街|地区|所在镇街", COLUMN_UNIT, true, G(unit), NONE},
    {"所属产业", "industry", "产业", COLUMN_INDUSTRY, false, G(industry), NONE},
    {"细分领域", "subsector", "领域", COLUMN_SUBSECTOR, false, G(subsector), NONE},
    {"本月产值", "month_output", "当月产值", COLUMN_AMOUNT, false, G(month_output), G(has_month_output)},
    {"累计产值", "ytd_output", "总产值|累计总产值", COLUMN_AMOUNT, true, G(ytd_output), NONE},
    {"上年同期累计产值", "prior_ytd_output", "上年同期产值|去年同期产值", COLUMN_AMOUNT, true,
     G(prior_ytd_output), NONE},
    {"累计增加值", "ytd_value_added", "累计实现增加值", COLUMN_AMOUNT, true, G(ytd_value_added), NONE},
    {"上年同期累计增加值", "prior_ytd_value_added", "上年同期增加值|去年同期增加值", COLUMN_AMOUNT, true,
     G(prior_ytd_value_added), NONE},
    METADATA_COLUMNS,
};

static const table_column assessment_columns[] = {
    {"单位", "unit", "镇街|地区|所在镇街", COLUMN_UNIT, true, A(unit), NONE},
    {"新兴产业用地占比", "land_pct", "用地占比", COLUMN_PERCENT, false, A(land_pct_e4), A(has_land_pct)},
    {"新增平台数", "new_platforms", "", COLUMN_COUNT, false, A(new_platforms), NONE},
    {"国家级平台认定数", "national_platforms", "", COLUMN_COUNT, false, A(national_platforms), NONE},
    {"省级平台认定数", "provincial_platforms", "", COLUMN_COUNT, false, A(provincial_platforms), NONE},
    {"龙头企业培育", "leading_enterprises", "", COLUMN_GRADE, false, A(leading_enterprises), NONE},
    {"年度实施计划", "annual_plan_done", "", COLUMN_YES_NO, false, A(annual_plan_done), NONE},
    {"国家级专项资金项目数", "national_funds", "", COLUMN_COUNT, false, A(national_funds), NONE},
    {"省级专项资金项目数", "provincial_funds", "", COLUMN_COUNT, false, A(provincial_funds), NONE},
    {"国家级表彰数", "national_honors", "", COLUMN_COUNT, false, A(national_honors), NONE},
    {"省级表彰数", "provincial_honors", "", COLUMN_COUNT, false, A(provincial_honors), NONE},
    METADATA_COLUMNS,
};

static const table_column quarterly_columns[] = {
    {"单位", "unit", "", COLUMN_TEXT, false, Q(unit), NONE},
    {"事项", "topic", "", COLUMN_TEXT, false, Q(topic), NONE},
    {"内容", "content", "", COLUMN_TEXT, true, Q(content), NONE},
    METADATA_COLUMNS,
};

#define TABLE(kind, element, columns) {kind, element, columns, sizeof columns / sizeof columns[0]}

static const table tables[] = {
    TABLE(KIND_PROJECTS, "project", project_columns),
    TABLE(KIND_PROGRESS, "progress", progress_columns),
    TABLE(KIND_ASSESSMENT, "assessment", assessment_columns),
    TABLE(KIND_QUARTERLY, "item", quarterly_columns),
};

_Static_assert(sizeof project_columns / sizeof project_columns[0] <= TABLE_MAX_COLUMNS,
               "projects has too many columns");

const table *table_for(record_kind kind)
{
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (tables[i].kind == kind)
            return &tables[i];
    return NULL;
}

int table_column_named(const table *t, const char *canonical)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->columns[i].canonical, canonical) == 0)
            return (int)i;
    return -1;
}

bool table_type_is_metadata(column_type type)
{
    return type == COLUMN_PERIOD || type == COLUMN_OFFICE || type == COLUMN_DATE ||
           type == COLUMN_IGNORED;
}
