/*
 * plan.h: the plan, i.e. one year's policy (input/plan-YYYY.xml or input/plan.xml):
 * industries with their targets and sub-sectors, the assessed units, the offices that
 * must report, the liaison table, due days and every scoring parameter.  Nothing of this
 * is written in C.  src/ingest/planfile.c reads it; it is read-only afterwards.
 */
#ifndef BULLETIN_PLAN_H
#define BULLETIN_PLAN_H

#include "model/arena.h"
#include "model/diag.h"
#include "model/fraction.h"
#include "model/money.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct plan_subsector {
    const char *name;
    bool assessed; /* false: left out of the 附件1 growth and scale (网络经济, 旅游休闲) */
} plan_subsector;

typedef struct plan_target {
    int year;
    money output; /* 元 (the plan writes 亿元) */
} plan_target;

typedef struct plan_liaison {
    const char *leader;       /* 挂钩联系领导 */
    const char *lead_unit;    /* 牵头单位 */
    const char *contact_name; /* 联系人 */
    const char *contact_phone;
    bool example;             /* true where the seed names nobody: a marked example value */
} plan_liaison;

typedef struct plan_industry {
    const char *name;
    const char **aliases;
    size_t alias_count;
    plan_subsector *subsectors;
    size_t subsector_count;
    plan_target *targets;
    size_t target_count;
    plan_liaison liaison;
} plan_industry;

typedef struct plan_unit {
    const char *name;
    const char **aliases;
    size_t alias_count;
    bool is_town; /* 镇 (true) or 街道 (false) */
} plan_unit;

/* Bits of the kinds an office must send. */
enum {
    KIND_BIT_PROJECTS = 1 << 0,
    KIND_BIT_PROGRESS = 1 << 1,
    KIND_BIT_ASSESSMENT = 1 << 2,
    KIND_BIT_QUARTERLY = 1 << 3
};

typedef struct plan_office {
    const char *name;
    const char **aliases;
    size_t alias_count;
    unsigned kinds; /* KIND_BIT_* */
    int industry;   /* the working group's industry, or -1 */
} plan_office;

/* The ranking rule's parameters: score = base − step × (rank − 1), never below 0. */
typedef struct plan_rank_rule {
    fraction base;
    fraction step;
} plan_rank_rule;

typedef struct plan_scoring {
    /* 1.1 growth */
    fraction growth_base;         /* 25 */
    fraction growth_reference;    /* 10 (percent) */
    fraction growth_reference_share; /* 0.9 of the base at the reference */
    fraction growth_step_share;   /* 0.05 of the base per percentage point */
    fraction growth_bonus_cap_share;     /* 0.10 of the base */
    fraction growth_deduction_cap_share; /* 0.20 of the base */
    plan_rank_rule scale;         /* 1.2: 15, 0.3 */
    plan_rank_rule projects;      /* 2.1: 15, 0.3 */
    fraction composite_count_weight;      /* 0.5 */
    fraction composite_completion_weight; /* 0.5 */
    plan_rank_rule land;          /* 2.2: 10, 0.2 */
    fraction major_bonus_each;    /* 2.3: 5 */
    fraction major_bonus_cap;     /* 10 */
    fraction platform_new;        /* 3.1: 10 when new platforms >= 1 */
    fraction platform_national;   /* 3 each */
    fraction platform_provincial; /* 1.5 each */
    fraction leading_enterprises; /* 3.2: 10 */
    fraction annual_plan;         /* 3.3: 4 */
    fraction extra_national_fund; /* 3.4: 3 */
    fraction extra_provincial_fund; /* 1.5 */
    fraction extra_national_honor;  /* 3 */
    fraction extra_provincial_honor; /* 1.5 */
    fraction extra_cap;           /* 6 */
} plan_scoring;

/* Where reports go (the seed: 市发改局产业科, 王墅野, 61882130, fax 61882133). */
typedef struct plan_contact {
    const char *unit;
    const char *name;
    const char *phone;
    const char *fax; /* NULL when the plan gives none */
} plan_contact;

/* The longest name key, squeezed, with its NUL. */
#define PLAN_KEY_CAPACITY 512

/* One entry of the lookup table that plan_load builds: a name or alias as squeezed by
 * text_squeeze, and what it names. */
typedef enum {
    PLAN_NAME_INDUSTRY,
    PLAN_NAME_SUBSECTOR,
    PLAN_NAME_UNIT,
    PLAN_NAME_OFFICE
} plan_name_kind;

typedef struct plan_name {
    const char *key;
    plan_name_kind kind;
    int index;    /* the industry, unit or office */
    int subindex; /* the sub-sector within the industry, or -1 */
    long line;    /* where the plan file writes it */
} plan_name;

typedef struct plan {
    int year;                    /* the plan's year (2015) */
    const char *issuer;          /* 编印单位 */
    const char *title;           /* the plan's title, for the bulletin */
    fraction goal_va_growth_pct; /* 10 */
    int goal_major_projects;     /* 1 per year */
    money major_threshold;       /* 总投资 ≥ 200000 万元 */
    money major_threshold_strategic; /* ≥ 100000 万元 when 战略性新兴产业 */
    int month_due_day;           /* a month's reports are due on this day of the next month (1) */
    int quarter_due_days;        /* quarterly items: this many days after the quarter (10) */
    plan_industry *industries;
    size_t industry_count;
    plan_unit *units;
    size_t unit_count;
    plan_office *offices;
    size_t office_count;
    plan_scoring scoring;
    plan_contact contact;
    plan_name *names;            /* every name and alias, for the lookups below */
    size_t name_count;
} plan;

/* The entry of names[0..count) of kind (and owner, unless owner < 0) whose key is text
 * squeezed by text_squeeze, or NULL. */
const plan_name *plan_names_find(const plan_name *names, size_t count, plan_name_kind kind,
                                 int owner, const char *text);

/* Name lookups: the text is trimmed, full-width spaces removed, and compared with the
 * names and aliases.  Each returns the index, or -1 when unknown. */
int plan_find_industry(const plan *p, const char *name);
int plan_find_unit(const plan *p, const char *name);
int plan_find_office(const plan *p, const char *name);
/* Finds a sub-sector by name anywhere in the plan: returns its index within its
 * industry and stores the industry's index in *industry, or returns -1. */
int plan_find_subsector(const plan *p, const char *name, int *industry);
/* Finds a sub-sector of one industry; returns its index or -1. */
int plan_find_subsector_in(const plan *p, int industry, const char *name);

/* The output target of an industry for a year, in 元; returns false when the plan has
 * none for that year. */
bool plan_target_for(const plan_industry *industry, int year, money *out);

#endif
