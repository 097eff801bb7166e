/*
 * table.c: the column tables of the four kinds (see table.h) and the mapping of header
 * cells to columns.  Adding an alias or a column is a line in a table below; the record
 * builder reads the tables and never names a column in code except for cross-column
 * checks.
 */
#include "ingest/table.h"

#include "ingest/value.h"
#include "model/text.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

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

static bool skip_token(const char **p, const char *token)
{
    size_t n = strlen(token);
    if (strncmp(*p, token, n) != 0)
        return false;
    *p += n;
    return true;
}

static int skip_digits(const char **p, int max)
{
    int count = 0;
    while (count < max && (*p)[0] >= '0' && (*p)[0] <= '9') {
        (*p)++;
        count++;
    }
    return count;
}

static bool skip_range_mark(const char **p)
{
    static const char *const marks[] = {"-", "—", "–", "~", "至", "到", NULL};
    for (const char *const *mark = marks; *mark; mark++)
        if (skip_token(p, *mark))
            return true;
    return false;
}

/* 2015年, 本年, 9月, 1-9月 (and the range marks of skip_range_mark), in that order. */
static const char *after_leading_period(const char *key)
{
    const char *p = key, *q = key;
    if (skip_digits(&q, 4) == 4 && skip_token(&q, "年"))
        p = q;
    else if (skip_token(&q, "本年"))
        p = q;
    q = p;
    if (skip_digits(&q, 2) > 0) {
        if (skip_range_mark(&q) && skip_digits(&q, 2) == 0)
            return *p ? p : key;
        if (skip_token(&q, "月"))
            p = q;
    }
    return *p ? p : key;
}

void table_header_key(const char *header, char *out, size_t capacity, int64_t *unit,
                      bool *has_unit)
{
    char squeezed[512];
    text_squeeze(header, squeezed, sizeof squeezed);
    *has_unit = false;
    size_t n = strlen(squeezed);
    char *open = strrchr(squeezed, '(');
    if (n > 0 && squeezed[n - 1] == ')' && open && open != squeezed) {
        squeezed[n - 1] = '\0';
        *has_unit = value_unit(open + 1, unit);
        *open = '\0';
    }
    const char *key = after_leading_period(squeezed);
    size_t length = strlen(key);
    if (length >= capacity)
        length = capacity - 1;
    memcpy(out, key, length);
    out[length] = '\0';
}

static bool in_alias_list(const char *aliases, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = aliases; *p;) {
        const char *bar = strchr(p, '|');
        size_t length = bar ? (size_t)(bar - p) : strlen(p);
        if (length == n && memcmp(p, key, n) == 0)
            return true;
        p += length + (bar ? 1 : 0);
    }
    return false;
}

static bool column_matches(const table_column *c, const char *key)
{
    return strcmp(c->canonical, key) == 0 || in_alias_list(c->aliases, key) ||
           (c->xml && strcasecmp(c->xml, key) == 0);
}

int table_match(const table *t, const char *key)
{
    if (!key[0])
        return -1;
    for (size_t i = 0; i < t->count; i++)
        if (column_matches(&t->columns[i], key))
            return (int)i;
    return -1;
}

bool table_lookup_any(const char *key, column_type *type)
{
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        int column = table_match(&tables[i], key);
        if (column >= 0) {
            *type = tables[i].columns[column].type;
            return true;
        }
    }
    return false;
}

bool table_type_is_metadata(column_type type)
{
    return type == COLUMN_PERIOD || type == COLUMN_OFFICE || type == COLUMN_DATE ||
           type == COLUMN_IGNORED;
}

record_kind table_kind_of_title(const char *title)
{
    static const struct {
        const char *word;
        record_kind kind;
    } words[] = {{"重点项目实施情况", KIND_PROJECTS}, {"实施进度情况", KIND_PROGRESS},
                 {"考核", KIND_ASSESSMENT}, {"季度", KIND_QUARTERLY}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(title, words[i].word))
            return words[i].kind;
    return KIND_UNKNOWN;
}

int table_match_xml(const table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->columns[i].xml && strcmp(t->columns[i].xml, name) == 0)
            return (int)i;
    return -1;
}

static bool names_column(const char *const *keys, size_t count, record_kind kind,
                         const char *canonical)
{
    const table *t = table_for(kind);
    int wanted = table_column_named(t, canonical);
    if (wanted < 0)
        return false;
    /* a key matching the wanted column still names another one listed before it */
    for (size_t i = 0; i < count; i++)
        if (keys[i][0] && column_matches(&t->columns[wanted], keys[i]) &&
            table_match(t, keys[i]) == wanted)
            return true;
    return false;
}

record_kind table_detect_kind(const char *const *keys, size_t count)
{
    bool projects = names_column(keys, count, KIND_PROJECTS, "项目编号");
    bool progress = names_column(keys, count, KIND_PROGRESS, "上年同期累计产值");
    bool assessment = names_column(keys, count, KIND_ASSESSMENT, "新兴产业用地占比");
    bool quarterly = names_column(keys, count, KIND_QUARTERLY, "事项") &&
                     names_column(keys, count, KIND_QUARTERLY, "内容");
    if (projects + progress + assessment + quarterly != 1)
        return KIND_UNKNOWN;
    return projects ? KIND_PROJECTS : progress ? KIND_PROGRESS
         : assessment ? KIND_ASSESSMENT : KIND_QUARTERLY;
}

record_kind table_kind_named(const char *name)
{
    for (record_kind kind = KIND_PROJECTS; kind <= KIND_QUARTERLY; kind++)
        if (strcmp(record_kind_name(kind), name) == 0)
            return kind;
    return KIND_UNKNOWN;
}
