/*
 * planfile.c: reads a plan file (input/plan.xml, input/plan-YYYY.xml) into a plan (see
 * model/plan.h): read and parsed by xmlsafe, validated against schemas/plan.xsd, then
 * copied into the run's arena with the checks a schema cannot make (names equal once white
 * space is gone, targets above zero); and finds the plan of a year among the input's.
 */
#include "ingest/planfile.h"

#include "model/text.h"
#include "model/xmlsafe.h"
#include "model/xmlscan.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PLAN_NAMESPACE "urn:yq165:plan:1"
#define PLAN_INVALID "计划文件无效"
#define PLAN_MAX_BYTES (4 * 1024 * 1024)
#define DECIMAL_MAX_DIGITS 30

typedef struct plan_reader {
    const char *path;
    arena *a;
    diag_list *diags;
    vec names; /* of plan_name */
} plan_reader;

/* ---- Errors and nodes ---- */

static int fail(plan_reader *r, xmlNodePtr node, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(plan_reader *r, xmlNodePtr node, const char *format, ...)
{
    char reason[768];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    long line = node ? xmlGetLineNo(node) : 0;
    diag_addf(r->diags, DIAG_ERROR, r->path, line > 0 ? line : 0, NULL, NULL, "%s：%s",
              PLAN_INVALID, reason);
    return -1;
}

static bool is_element(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns &&
           xmlStrEqual(node->ns->href, BAD_CAST PLAN_NAMESPACE) &&
           xmlStrEqual(node->name, BAD_CAST name);
}

static xmlNodePtr next_named(xmlNodePtr node, const char *name)
{
    for (; node; node = node->next)
        if (is_element(node, name))
            return node;
    return NULL;
}

static xmlNodePtr first_named(xmlNodePtr parent, const char *name)
{
    return next_named(parent->children, name);
}

static size_t count_named(xmlNodePtr parent, const char *name)
{
    size_t count = 0;
    for (xmlNodePtr n = first_named(parent, name); n; n = next_named(n->next, name))
        count++;
    return count;
}

static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A copy in the arena without the XML white space around it. */
static const char *copy_trimmed(plan_reader *r, const xmlChar *text)
{
    const char *start = (const char *)text;
    while (is_xml_space(*start))
        start++;
    size_t length = strlen(start);
    while (length > 0 && is_xml_space(start[length - 1]))
        length--;
    return arena_strndup(r->a, start, length);
}

/* The attribute's trimmed value in the arena, or NULL when it is absent. */
static const char *attribute(plan_reader *r, xmlNodePtr node, const char *name)
{
    xmlChar *value = xmlGetNoNsProp(node, BAD_CAST name);
    if (!value)
        return NULL;
    const char *copy = copy_trimmed(r, value);
    xmlFree(value);
    return copy;
}

static int required_attribute(plan_reader *r, xmlNodePtr node, const char *name,
                              const char **out)
{
    *out = attribute(r, node, name);
    if (!*out || !**out)
        return fail(r, node, "元素“%s”缺少属性“%s”", (const char *)node->name, name);
    return 0;
}

static const char *content(plan_reader *r, xmlNodePtr node)
{
    xmlChar *value = xmlNodeGetContent(node);
    if (!value)
        die_oom();
    const char *copy = copy_trimmed(r, value);
    xmlFree(value);
    return copy;
}

static xmlNodePtr required_child(plan_reader *r, xmlNodePtr parent, const char *name)
{
    xmlNodePtr child = first_named(parent, name);
    if (!child)
        fail(r, parent, "元素“%s”缺少子元素“%s”", (const char *)parent->name, name);
    return child;
}

/* The trimmed, non-empty text of the child element called name. */
static int child_text(plan_reader *r, xmlNodePtr parent, const char *name, const char **out)
{
    xmlNodePtr child = required_child(r, parent, name);
    if (!child)
        return -1;
    *out = content(r, child);
    if (!**out)
        return fail(r, child, "元素“%s”不能为空", name);
    return 0;
}

/* ---- Numbers ---- */

/* Exact value of a plain decimal "12", "0.05", "1.5" (no sign, no exponent). */
static int decimal_to_fraction(const char *text, fraction *out)
{
    __int128 numerator = 0, denominator = 1;
    int digits = 0;
    bool point = false;
    const char *p = text;
    for (; *p; p++) {
        if (*p == '.' && !point && digits > 0) {
            point = true;
            continue;
        }
        if (*p < '0' || *p > '9' || ++digits > DECIMAL_MAX_DIGITS)
            return -1;
        numerator = numerator * 10 + (*p - '0');
        if (point)
            denominator *= 10;
    }
    if (digits == 0 || p[-1] == '.')
        return -1;
    *out = fraction_make(numerator, denominator);
    return 0;
}

static int read_fraction(plan_reader *r, xmlNodePtr node, const char *name, fraction *out)
{
    const char *text;
    if (required_attribute(r, node, name, &text) != 0)
        return -1;
    if (decimal_to_fraction(text, out) != 0)
        return fail(r, node, "属性“%s”的值“%s”不是有效的数", name, text);
    return 0;
}

static int parse_int(const char *text, long min, long max, int *out)
{
    const char *p = text + (*text == '+');
    long value = 0;
    if (!*p)
        return -1;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || value > max)
            return -1;
        value = value * 10 + (*p - '0');
    }
    if (value < min || value > max)
        return -1;
    *out = (int)value;
    return 0;
}

static int read_int(plan_reader *r, xmlNodePtr node, const char *name, long min, long max,
                    int *out)
{
    const char *text;
    if (required_attribute(r, node, name, &text) != 0)
        return -1;
    if (parse_int(text, min, max, out) != 0)
        return fail(r, node, "属性“%s”的值“%s”应为 %ld 到 %ld 的整数", name, text, min, max);
    return 0;
}

static int read_flag(plan_reader *r, xmlNodePtr node, const char *name, bool fallback,
                     bool *out)
{
    const char *text = attribute(r, node, name);
    *out = fallback;
    if (!text)
        return 0;
    if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
        *out = strcmp(text, "true") == 0;
        return 0;
    }
    return fail(r, node, "属性“%s”的值“%s”应为 true 或 false", name, text);
}

/* An amount written in a unit of yuan_per_unit 元, exact and above zero; what names it
 * in a message. */
static int parse_positive_amount(plan_reader *r, xmlNodePtr node, const char *what,
                                 const char *text, int64_t yuan_per_unit, money *out)
{
    if (money_parse(text, yuan_per_unit, out) != MONEY_OK)
        return fail(r, node, "%s“%s”不是精确到元的金额", what, text);
    if (*out <= 0)
        return fail(r, node, "%s“%s”必须大于 0", what, text);
    return 0;
}

/* ---- Names ---- */

static const char *name_kind_label(plan_name_kind kind)
{
    switch (kind) {
    case PLAN_NAME_INDUSTRY:
        return "产业";
    case PLAN_NAME_SUBSECTOR:
        return "细分领域";
    case PLAN_NAME_UNIT:
        return "单位";
    case PLAN_NAME_OFFICE:
        return "报送单位";
    }
    return "";
}

static int add_name(plan_reader *r, xmlNodePtr node, const char *text, plan_name_kind kind,
                    int index, int subindex)
{
    char key[PLAN_KEY_CAPACITY];
    text_squeeze(text, key, sizeof key);
    if (!*key)
        return fail(r, node, "%s名称“%s”去掉空白后为空", name_kind_label(kind), text);
    if (strlen(key) + 8 > sizeof key)
        return fail(r, node, "%s名称“%s”过长", name_kind_label(kind), text);
    plan_name *name = vec_push(&r->names);
    name->key = arena_strdup(r->a, key);
    name->kind = kind;
    name->index = index;
    name->subindex = subindex;
    name->line = xmlGetLineNo(node);
    return 0;
}


static int read_aliases(plan_reader *r, xmlNodePtr parent, plan_name_kind kind, int index,
                        const char ***aliases, size_t *count)
{
    *count = count_named(parent, "alias");
    *aliases = arena_alloc(r->a, (*count + 1) * sizeof **aliases);
    size_t i = 0;
    for (xmlNodePtr n = first_named(parent, "alias"); n; n = next_named(n->next, "alias")) {
        const char *alias = content(r, n);
        if (add_name(r, n, alias, kind, index, -1) != 0)
            return -1;
        (*aliases)[i++] = alias;
    }
    return 0;
}

/* ---- Header, goals, deadlines ---- */

static int read_contact(plan_reader *r, xmlNodePtr root, plan_contact *contact)
{
    xmlNodePtr node = required_child(r, root, "contact");
    if (!node || child_text(r, node, "unit", &contact->unit) != 0 ||
        child_text(r, node, "name", &contact->name) != 0 ||
        child_text(r, node, "phone", &contact->phone) != 0)
        return -1;
    xmlNodePtr fax = first_named(node, "fax");
    contact->fax = fax ? content(r, fax) : NULL;
    return 0;
}

static int read_header(plan_reader *r, xmlNodePtr root, plan *out)
{
    if (read_int(r, root, "year", 2000, 2100, &out->year) != 0 ||
        child_text(r, root, "issuer", &out->issuer) != 0 ||
        child_text(r, root, "title", &out->title) != 0)
        return -1;
    return read_contact(r, root, &out->contact);
}

static int read_goals(plan_reader *r, xmlNodePtr root, plan *out)
{
    xmlNodePtr goals = required_child(r, root, "goals");
    if (!goals || read_fraction(r, goals, "va_growth_pct", &out->goal_va_growth_pct) != 0 ||
        read_int(r, goals, "major_projects", 0, 1000, &out->goal_major_projects) != 0)
        return -1;
    xmlNodePtr major = required_child(r, root, "major_project");
    const char *threshold, *strategic;
    if (!major || required_attribute(r, major, "threshold", &threshold) != 0 ||
        required_attribute(r, major, "strategic_threshold", &strategic) != 0 ||
        parse_positive_amount(r, major, "重大产业项目总投资标准", threshold, YUAN_PER_WAN,
                              &out->major_threshold) != 0 ||
        parse_positive_amount(r, major, "战略性新兴产业重大项目总投资标准", strategic,
                              YUAN_PER_WAN, &out->major_threshold_strategic) != 0)
        return -1;
    xmlNodePtr deadlines = required_child(r, root, "deadlines");
    if (!deadlines || read_int(r, deadlines, "month_day", 1, 28, &out->month_due_day) != 0 ||
        read_int(r, deadlines, "quarter_days", 1, 90, &out->quarter_due_days) != 0)
        return -1;
    return 0;
}

/* ---- Industries ---- */

static int read_subsectors(plan_reader *r, xmlNodePtr node, int index, plan_industry *industry)
{
    industry->subsector_count = count_named(node, "subsector");
    industry->subsectors =
        arena_alloc(r->a, (industry->subsector_count + 1) * sizeof *industry->subsectors);
    int i = 0;
    for (xmlNodePtr n = first_named(node, "subsector"); n; n = next_named(n->next, "subsector")) {
        plan_subsector *subsector = &industry->subsectors[i];
        if (required_attribute(r, n, "name", &subsector->name) != 0 ||
            read_flag(r, n, "assessed", true, &subsector->assessed) != 0 ||
            add_name(r, n, subsector->name, PLAN_NAME_SUBSECTOR, index, i) != 0)
            return -1;
        i++;
    }
    return 0;
}

static int read_target(plan_reader *r, xmlNodePtr node, const plan_industry *industry,
                       size_t filled, plan_target *target)
{
    if (read_int(r, node, "year", 2000, 2100, &target->year) != 0)
        return -1;
    char what[256];
    snprintf(what, sizeof what, "产业“%s”%d 年的产值目标", industry->name, target->year);
    if (parse_positive_amount(r, node, what, content(r, node), YUAN_PER_YI, &target->output) != 0)
        return -1;
    for (size_t i = 0; i < filled; i++)
        if (industry->targets[i].year == target->year)
            return fail(r, node, "产业“%s”的 %d 年目标重复", industry->name, target->year);
    return 0;
}

static int read_targets(plan_reader *r, xmlNodePtr node, plan_industry *industry)
{
    xmlNodePtr targets = required_child(r, node, "targets");
    if (!targets)
        return -1;
    const char *unit;
    if (required_attribute(r, targets, "unit", &unit) != 0)
        return -1;
    if (strcmp(unit, "亿元") != 0)
        return fail(r, targets, "目标的单位应为“亿元”，而不是“%s”", unit);
    industry->target_count = count_named(targets, "target");
    if (industry->target_count == 0)
        return fail(r, targets, "产业“%s”没有产值目标", industry->name);
    industry->targets = arena_alloc(r->a, industry->target_count * sizeof *industry->targets);
    size_t i = 0;
    for (xmlNodePtr n = first_named(targets, "target"); n; n = next_named(n->next, "target")) {
        if (read_target(r, n, industry, i, &industry->targets[i]) != 0)
            return -1;
        i++;
    }
    return 0;
}

static int read_liaison(plan_reader *r, xmlNodePtr node, plan_liaison *liaison)
{
    xmlNodePtr n = required_child(r, node, "liaison");
    if (!n || read_flag(r, n, "example", false, &liaison->example) != 0 ||
        child_text(r, n, "leader", &liaison->leader) != 0 ||
        child_text(r, n, "lead_unit", &liaison->lead_unit) != 0 ||
        child_text(r, n, "contact_name", &liaison->contact_name) != 0 ||
        child_text(r, n, "contact_phone", &liaison->contact_phone) != 0)
        return -1;
    return 0;
}

static int read_industry(plan_reader *r, xmlNodePtr node, int index, void *item)
{
    plan_industry *industry = item;
    if (required_attribute(r, node, "name", &industry->name) != 0 ||
        add_name(r, node, industry->name, PLAN_NAME_INDUSTRY, index, -1) != 0 ||
        read_aliases(r, node, PLAN_NAME_INDUSTRY, index, &industry->aliases,
                     &industry->alias_count) != 0 ||
        read_subsectors(r, node, index, industry) != 0 || read_targets(r, node, industry) != 0)
        return -1;
    return read_liaison(r, node, &industry->liaison);
}

/* ---- Units and offices ---- */

static int read_unit(plan_reader *r, xmlNodePtr node, int index, void *item)
{
    plan_unit *unit = item;
    const char *type;
    if (required_attribute(r, node, "name", &unit->name) != 0 ||
        required_attribute(r, node, "type", &type) != 0)
        return -1;
    if (strcmp(type, "镇") != 0 && strcmp(type, "街道") != 0)
        return fail(r, node, "单位类型“%s”应为“镇”或“街道”", type);
    unit->is_town = strcmp(type, "镇") == 0;
    if (add_name(r, node, unit->name, PLAN_NAME_UNIT, index, -1) != 0)
        return -1;
    return read_aliases(r, node, PLAN_NAME_UNIT, index, &unit->aliases, &unit->alias_count);
}

static unsigned kind_bit(const char *word, size_t length)
{
    static const struct {
        const char *name;
        unsigned bit;
    } kinds[] = {{"projects", KIND_BIT_PROJECTS},
                 {"progress", KIND_BIT_PROGRESS},
                 {"assessment", KIND_BIT_ASSESSMENT},
                 {"quarterly", KIND_BIT_QUARTERLY}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].name) == length && memcmp(kinds[i].name, word, length) == 0)
            return kinds[i].bit;
    return 0;
}

/* "projects progress" → KIND_BIT_PROJECTS | KIND_BIT_PROGRESS; 0 when a word is unknown. */
static unsigned parse_kinds(const char *text)
{
    unsigned kinds = 0;
    const char *p = text;
    while (*p) {
        while (is_xml_space(*p))
            p++;
        size_t length = 0;
        while (p[length] && !is_xml_space(p[length]))
            length++;
        if (length == 0)
            break;
        unsigned bit = kind_bit(p, length);
        if (!bit)
            return 0;
        kinds |= bit;
        p += length;
    }
    return kinds;
}

static int read_office_industry(plan_reader *r, xmlNodePtr node, plan_office *office)
{
    const char *industry = attribute(r, node, "industry");
    office->industry = -1;
    if (!industry)
        return 0;
    const plan_name *found =
        plan_names_find(r->names.items, r->names.count, PLAN_NAME_INDUSTRY, -1, industry);
    if (!found)
        return fail(r, node, "报送单位“%s”的产业“%s”不在计划的产业中", office->name, industry);
    office->industry = found->index;
    return 0;
}

static int read_office(plan_reader *r, xmlNodePtr node, int index, void *item)
{
    plan_office *office = item;
    const char *sends;
    if (required_attribute(r, node, "name", &office->name) != 0 ||
        required_attribute(r, node, "sends", &sends) != 0)
        return -1;
    office->kinds = parse_kinds(sends);
    if (!office->kinds)
        return fail(r, node, "报送单位“%s”的报表种类“%s”无效", office->name, sends);
    if (add_name(r, node, office->name, PLAN_NAME_OFFICE, index, -1) != 0 ||
        read_aliases(r, node, PLAN_NAME_OFFICE, index, &office->aliases,
                     &office->alias_count) != 0)
        return -1;
    return read_office_industry(r, node, office);
}

/* ---- Lists ---- */

typedef int (*item_reader)(plan_reader *r, xmlNodePtr node, int index, void *item);

/* Reads the children called item_name of the child list_name of root into a new array
 * of item_size items, in the file's order; an empty list is an error. */
static int read_list(plan_reader *r, xmlNodePtr root, const char *list_name,
                     const char *item_name, size_t item_size, item_reader read_item,
                     void **items, size_t *count)
{
    xmlNodePtr list = required_child(r, root, list_name);
    if (!list)
        return -1;
    *count = count_named(list, item_name);
    if (*count == 0)
        return fail(r, list, "元素“%s”中没有“%s”", list_name, item_name);
    unsigned char *array = arena_alloc(r->a, *count * item_size);
    *items = array;
    int i = 0;
    for (xmlNodePtr n = first_named(list, item_name); n; n = next_named(n->next, item_name)) {
        if (read_item(r, n, i, array + (size_t)i * item_size) != 0)
            return -1;
        i++;
    }
    return 0;
}

static int read_lists(plan_reader *r, xmlNodePtr root, plan *out)
{
    void *industries, *units, *offices;
    /* offices name their industry, so they come after the industries */
    if (read_list(r, root, "industries", "industry", sizeof *out->industries, read_industry,
                  &industries, &out->industry_count) != 0 ||
        read_list(r, root, "units", "unit", sizeof *out->units, read_unit, &units,
                  &out->unit_count) != 0 ||
        read_list(r, root, "offices", "office", sizeof *out->offices, read_office, &offices,
                  &out->office_count) != 0)
        return -1;
    out->industries = industries;
    out->units = units;
    out->offices = offices;
    return 0;
}

/* ---- Scoring ---- */

/* Reads the attributes of one scoring element into fractions, all or nothing. */
static int read_fractions(plan_reader *r, xmlNodePtr scoring, const char *element,
                          const char *const names[], fraction *const outs[], size_t count)
{
    xmlNodePtr node = required_child(r, scoring, element);
    if (!node)
        return -1;
    for (size_t i = 0; i < count; i++)
        if (read_fraction(r, node, names[i], outs[i]) != 0)
            return -1;
    return 0;
}

#define READ_FRACTIONS(r, scoring, element, names, outs)                                     \
    read_fractions(r, scoring, element, names, outs, sizeof(names) / sizeof(names)[0])

static int read_growth(plan_reader *r, xmlNodePtr scoring, plan_scoring *s)
{
    static const char *const names[] = {"base",         "reference_pct",   "reference_share",
                                        "step_share",   "bonus_cap_share", "deduction_cap_share"};
    fraction *const outs[] = {&s->growth_base,          &s->growth_reference,
                              &s->growth_reference_share, &s->growth_step_share,
                              &s->growth_bonus_cap_share, &s->growth_deduction_cap_share};
    return READ_FRACTIONS(r, scoring, "growth", names, outs);
}

static int read_rankings(plan_reader *r, xmlNodePtr scoring, plan_scoring *s)
{
    static const char *const rule[] = {"base", "step"};
    static const char *const projects[] = {"base", "step", "count_weight", "completion_weight"};
    fraction *const scale_outs[] = {&s->scale.base, &s->scale.step};
    fraction *const project_outs[] = {&s->projects.base, &s->projects.step,
                                      &s->composite_count_weight,
                                      &s->composite_completion_weight};
    fraction *const land_outs[] = {&s->land.base, &s->land.step};
    if (READ_FRACTIONS(r, scoring, "scale", rule, scale_outs) != 0 ||
        READ_FRACTIONS(r, scoring, "projects", projects, project_outs) != 0)
        return -1;
    return READ_FRACTIONS(r, scoring, "land", rule, land_outs);
}

static int read_bonuses(plan_reader *r, xmlNodePtr scoring, plan_scoring *s)
{
    static const char *const major[] = {"each", "cap"};
    static const char *const platforms[] = {"new", "national", "provincial"};
    static const char *const award[] = {"points"};
    static const char *const extra[] = {"national_fund", "provincial_fund", "national_honor",
                                        "provincial_honor", "cap"};
    fraction *const major_outs[] = {&s->major_bonus_each, &s->major_bonus_cap};
    fraction *const platform_outs[] = {&s->platform_new, &s->platform_national,
                                       &s->platform_provincial};
    fraction *const leading_outs[] = {&s->leading_enterprises};
    fraction *const plan_outs[] = {&s->annual_plan};
    fraction *const extra_outs[] = {&s->extra_national_fund, &s->extra_provincial_fund,
                                    &s->extra_national_honor, &s->extra_provincial_honor,
                                    &s->extra_cap};
    if (READ_FRACTIONS(r, scoring, "major_bonus", major, major_outs) != 0 ||
        READ_FRACTIONS(r, scoring, "platforms", platforms, platform_outs) != 0 ||
        READ_FRACTIONS(r, scoring, "leading_enterprises", award, leading_outs) != 0 ||
        READ_FRACTIONS(r, scoring, "annual_plan", award, plan_outs) != 0)
        return -1;
    return READ_FRACTIONS(r, scoring, "extra", extra, extra_outs);
}

static int read_scoring(plan_reader *r, xmlNodePtr root, plan_scoring *s)
{
    xmlNodePtr scoring = required_child(r, root, "scoring");
    if (!scoring || read_growth(r, scoring, s) != 0 || read_rankings(r, scoring, s) != 0)
        return -1;
    return read_bonuses(r, scoring, s);
}

/* ---- Name collisions ---- */

/* Industries and sub-sectors share one namespace (a sub-sector alone names its
 * industry); units and offices have one each. */
static int name_group(plan_name_kind kind)
{
    return kind == PLAN_NAME_UNIT ? 1 : kind == PLAN_NAME_OFFICE ? 2 : 0;
}

static int compare_keys(const plan_name *a, const plan_name *b)
{
    if (name_group(a->kind) != name_group(b->kind))
        return name_group(a->kind) - name_group(b->kind);
    return strcmp(a->key, b->key);
}

/* By group and key, then by line, so that the first of equal keys is the earliest. */
static int compare_names(const void *left, const void *right)
{
    const plan_name *a = left, *b = right;
    int order = compare_keys(a, b);
    if (order)
        return order;
    return (a->line > b->line) - (a->line < b->line);
}

/* Two entries with one key clash unless they name the same thing (an industry and its
 * own sub-sector may share a name). */
static bool names_clash(const plan_name *a, const plan_name *b)
{
    return a->index != b->index || (a->kind == b->kind && a->subindex != b->subindex);
}

static const char *owner_name(const plan *p, const plan_name *name)
{
    switch (name->kind) {
    case PLAN_NAME_INDUSTRY:
        return p->industries[name->index].name;
    case PLAN_NAME_SUBSECTOR:
        return p->industries[name->index].subsectors[name->subindex].name;
    case PLAN_NAME_UNIT:
        return p->units[name->index].name;
    case PLAN_NAME_OFFICE:
        return p->offices[name->index].name;
    }
    return "";
}

static int check_names(plan_reader *r, const plan *p, plan_name *sorted, size_t count)
{
    qsort(sorted, count, sizeof *sorted, compare_names);
    size_t first = 0;
    for (size_t i = 1; i < count; i++) {
        if (compare_keys(&sorted[first], &sorted[i]) != 0) {
            first = i;
            continue;
        }
        if (!names_clash(&sorted[first], &sorted[i]))
            continue;
        diag_addf(r->diags, DIAG_ERROR, r->path, sorted[i].line, NULL, NULL,
                  "%s：名称“%s”已在第 %ld 行用于%s“%s”", PLAN_INVALID, sorted[i].key,
                  sorted[first].line, name_kind_label(sorted[first].kind),
                  owner_name(p, &sorted[first]));
        return -1;
    }
    return 0;
}

/* ---- Loading ---- */

/* Every year's targets must add up to a sum that fits: the bulletin shows it as 合计. */
static int check_target_sums(plan_reader *r, xmlNodePtr root, const plan *p)
{
    for (size_t i = 0; i < p->industry_count; i++) {
        for (size_t t = 0; t < p->industries[i].target_count; t++) {
            int year = p->industries[i].targets[t].year;
            money sum = 0, target;
            for (size_t j = 0; j < p->industry_count; j++)
                if (plan_target_for(&p->industries[j], year, &target) && money_add(&sum, target) != 0)
                    return fail(r, root, "%d 年各产业产值目标之和超出可表示的范围", year);
        }
    }
    return 0;
}

static int read_plan(plan_reader *r, xmlNodePtr root, plan *out)
{
    if (!root || !is_element(root, "plan"))
        return fail(r, root, "根元素应为命名空间 %s 中的 plan", PLAN_NAMESPACE);
    if (read_header(r, root, out) != 0 || read_goals(r, root, out) != 0 ||
        read_lists(r, root, out) != 0 || check_target_sums(r, root, out) != 0 ||
        read_scoring(r, root, &out->scoring) != 0)
        return -1;
    out->name_count = r->names.count;
    out->names = arena_alloc(r->a, (out->name_count + 1) * sizeof *out->names);
    memcpy(out->names, r->names.items, out->name_count * sizeof *out->names);
    /* the check sorts the reader's copy; the plan keeps the file's order */
    return check_names(r, out, r->names.items, r->names.count);
}

int plan_load(const char *path, const char *schema_path, arena *a, plan *out, diag_list *diags)
{
    memset(out, 0, sizeof *out);
    char *bytes;
    size_t length;
    if (xmlsafe_read_file(path, PLAN_MAX_BYTES, a, &bytes, &length, diags) != 0)
        return -1;
    xmlDocPtr doc = xmlsafe_parse(bytes, length, path, PLAN_INVALID, diags);
    if (!doc)
        return -1;
    int status = -1;
    xmlsafe_schema *schema = xmlsafe_schema_load(schema_path, a, diags);
    if (schema && xmlsafe_validate(doc, schema, path, PLAN_INVALID, diags) == 0) {
        plan_reader reader = {.path = path, .a = a, .diags = diags};
        vec_init(&reader.names, sizeof(plan_name));
        status = read_plan(&reader, xmlDocGetRootElement(doc), out);
        vec_free(&reader.names);
    }
    xmlsafe_schema_free(schema);
    xmlFreeDoc(doc);
    if (status != 0)
        memset(out, 0, sizeof *out);
    return status;
}

/* ---- Which file is a plan, and for which year ---- */

/* The file the reader reads, through the bound on attributes (xmlscan.h). */
typedef struct root_source {
    int fd;
    xmlscan scan;
} root_source;

static int read_source(void *context, char *buffer, int length)
{
    root_source *source = context;
    ssize_t n;
    do
        n = read(source->fd, buffer, (size_t)length);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return n < 0 ? -1 : 0;
    return xmlscan_feed(&source->scan, buffer, (size_t)n) ? (int)n : -1;
}

static int close_source(void *context)
{
    root_source *source = context;
    close(source->fd);
    free(source);
    return 0;
}

/* Reads path up to its root's start tag; true when the root is <plan> in the plan's
 * namespace, with *year from its year attribute (0 when absent or not a number). */
static bool read_root(const char *path, int *year)
{
    xmlsafe_init();
    *year = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE))
        die_exhausted(errno); /* the machine's limit, not a missing plan */
    if (fd < 0)
        return false;
    root_source *source = die_malloc(sizeof *source);
    source->fd = fd;
    xmlscan_begin(&source->scan);
    xmlTextReaderPtr reader = xmlReaderForIO(read_source, close_source, source, path, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!reader)
        return false; /* libxml2 has closed the source */
    bool is_plan = false;
    while (xmlTextReaderRead(reader) == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            break; /* plans have none; nothing a DOCTYPE declares is read */
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(reader);
        const xmlChar *name = xmlTextReaderConstLocalName(reader);
        is_plan = ns && name && xmlStrEqual(ns, BAD_CAST PLAN_NAMESPACE) &&
                  xmlStrEqual(name, BAD_CAST "plan");
        xmlChar *value = is_plan ? xmlTextReaderGetAttribute(reader, BAD_CAST "year") : NULL;
        if (value && parse_int((const char *)value, 2000, 2100, year) != 0)
            *year = 0;
        xmlFree(value);
        break;
    }
    xmlFreeTextReader(reader);
    return is_plan;
}

bool planfile_is_plan(const char *path)
{
    int year;
    return read_root(path, &year);
}

int planfile_year(const char *path)
{
    int year;
    return read_root(path, &year) ? year : 0;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *planfile_for_year(const char *input_dir, int year, arena *a, diag_list *diags)
{
    const char *dated = arena_printf(a, "%s/plan-%d.xml", input_dir, year);
    if (file_exists(dated))
        return dated;
    const char *single = arena_printf(a, "%s/plan.xml", input_dir);
    int single_year = file_exists(single) ? planfile_year(single) : 0;
    if (single_year == year)
        return single;
    if (single_year)
        diag_addf(diags, DIAG_ERROR, input_dir, 0, NULL, NULL,
                  "没有 %d 年的计划：%s 是 %d 年的；请添加 %s（可复制 %s，改 year 和目标）",
                  year, single, single_year, dated, single);
    else
        diag_addf(diags, DIAG_ERROR, input_dir, 0, NULL, NULL, "没有 %d 年的计划：请添加 %s",
                  year, dated);
    return NULL;
}

const char *planfile_latest(const char *input_dir, arena *a, diag_list *diags)
{
    const char *single = arena_printf(a, "%s/plan.xml", input_dir);
    if (file_exists(single))
        return single;
    const char *latest = NULL;
    DIR *d = opendir(input_dir);
    struct dirent *entry;
    int latest_year = 0;
    while (d && (entry = readdir(d)) != NULL) {
        int year = 0;
        char tail[8];
        if (sscanf(entry->d_name, "plan-%4d%7s", &year, tail) == 2 && strcmp(tail, ".xml") == 0 &&
            year > latest_year) {
            latest_year = year;
            latest = arena_printf(a, "%s/%s", input_dir, entry->d_name);
        }
    }
    if (d)
        closedir(d);
    if (!latest)
        diag_addf(diags, DIAG_ERROR, input_dir, 0, NULL, NULL,
                  "没有计划文件：请添加 %s 或 %s/plan-YYYY.xml", single, input_dir);
    return latest;
}
