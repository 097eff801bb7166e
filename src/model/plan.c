/*
 * plan.c: lookups over a loaded plan (see plan.h): names and aliases, targets by year.
 * The plan file itself is read by src/ingest/planfile.c.
 */
#include "model/plan.h"

#include "model/text.h"

#include <string.h>

/* The first entry of kind (and owner, unless owner < 0) whose key is key. */
static const plan_name *find_key(const plan_name *names, size_t count, plan_name_kind kind,
                                 int owner, const char *key)
{
    for (size_t i = 0; i < count; i++) {
        const plan_name *name = &names[i];
        if (name->kind == kind && (owner < 0 || name->index == owner) &&
            strcmp(name->key, key) == 0)
            return name;
    }
    return NULL;
}

/* The entry of kind (and owner, unless owner < 0) whose key is text squeezed.  A key
 * squeezes to itself, so text written exactly as a key (as callers that squeezed it
 * already pass it) is found without squeezing it again. */
const plan_name *plan_names_find(const plan_name *names, size_t count, plan_name_kind kind,
                                  int owner, const char *text)
{
    if (!text)
        return NULL;
    const plan_name *found = find_key(names, count, kind, owner, text);
    if (found)
        return found;
    char key[PLAN_KEY_CAPACITY];
    text_squeeze(text, key, sizeof key);
    return find_key(names, count, kind, owner, key);
}
/* ---- Lookups ---- */

int plan_find_industry(const plan *p, const char *name)
{
    const plan_name *found = plan_names_find(p->names, p->name_count, PLAN_NAME_INDUSTRY, -1, name);
    return found ? found->index : -1;
}

int plan_find_unit(const plan *p, const char *name)
{
    const plan_name *found = plan_names_find(p->names, p->name_count, PLAN_NAME_UNIT, -1, name);
    return found ? found->index : -1;
}

int plan_find_office(const plan *p, const char *name)
{
    const plan_name *found = plan_names_find(p->names, p->name_count, PLAN_NAME_OFFICE, -1, name);
    return found ? found->index : -1;
}

int plan_find_subsector(const plan *p, const char *name, int *industry)
{
    const plan_name *found = plan_names_find(p->names, p->name_count, PLAN_NAME_SUBSECTOR, -1, name);
    if (!found)
        return -1;
    if (industry)
        *industry = found->index;
    return found->subindex;
}

int plan_find_subsector_in(const plan *p, int industry, const char *name)
{
    if (industry < 0 || (size_t)industry >= p->industry_count)
        return -1;
    const plan_name *found =
        plan_names_find(p->names, p->name_count, PLAN_NAME_SUBSECTOR, industry, name);
    return found ? found->subindex : -1;
}

bool plan_target_for(const plan_industry *industry, int year, money *out)
{
    for (size_t i = 0; i < industry->target_count; i++) {
        if (industry->targets[i].year == year) {
            *out = industry->targets[i].output;
            return true;
        }
    }
    return false;
}
