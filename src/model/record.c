/*
 * record.c: the names of record kinds and project states (see record.h).
 */
#include "model/record.h"

const char *record_kind_name(record_kind kind)
{
    switch (kind) {
    case KIND_PROJECTS: return "projects";
    case KIND_PROGRESS: return "progress";
    case KIND_ASSESSMENT: return "assessment";
    case KIND_QUARTERLY: return "quarterly";
    default: return "unknown";
    }
}

const char *project_status_name(project_status status)
{
    static const char *const names[STATUS_COUNT] = {"", "前期", "在建", "竣工", "投产"};
    return status < STATUS_COUNT ? names[status] : "";
}
