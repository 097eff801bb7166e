/*
 * formwords.c: templates/forms.xml read through the safe XML reader and checked against
 * templates/forms.xsd (see formwords.h); every placeholder is checked once here, so that
 * the forms only fill them in.
 */
#include "report/formwords.h"

#include "model/xmlsafe.h"

#include <string.h>

#define LABEL "报表文字无效"

static const char *const placeholders[] = {"office", "period", "month", "months", "title",
                                           "due", "contact", "last", NULL};

/* The first {name} of text that is not a placeholder, copied into out; false when none. */
static bool unknown_placeholder(const char *text, char *out, size_t size)
{
    for (const char *open = strchr(text, '{'); open; open = strchr(open + 1, '{')) {
        const char *close = strchr(open, '}');
        size_t length = close ? (size_t)(close - open - 1) : 0;
        bool known = false;
        for (const char *const *p = placeholders; *p && close; p++)
            known |= strlen(*p) == length && strncmp(*p, open + 1, length) == 0;
        if (!known) {
            size_t shown = close ? length + 2 : strlen(open);
            snprintf(out, size, "%.*s", (int)(shown < size ? shown : size - 1), open);
            return true;
        }
    }
    return false;
}

static int add_line(const char ***lines, size_t *count, xmlNodePtr node, const char *path,
                    arena *a, diag_list *diags)
{
    xmlChar *content = xmlNodeGetContent(node);
    const char *text = arena_strdup(a, content ? (const char *)content : "");
    xmlFree(content);
    char unknown[64];
    if (unknown_placeholder(text, unknown, sizeof unknown)) {
        diag_addf(diags, DIAG_ERROR, path, xmlGetLineNo(node), NULL, NULL,
                  LABEL "：未知的占位符“%s”（可用：{office} {period} {month} {months} {title} "
                  "{due} {contact} {last}）", unknown);
        return -1;
    }
    const char **grown = arena_alloc(a, (*count + 1) * sizeof *grown);
    if (*count)
        memcpy(grown, *lines, *count * sizeof *grown);
    grown[(*count)++] = text;
    *lines = grown;
    return 0;
}

static record_kind kind_of(xmlNodePtr form)
{
    xmlChar *name = xmlGetProp(form, (const xmlChar *)"kind");
    record_kind kind = KIND_UNKNOWN;
    for (record_kind k = KIND_PROJECTS; k <= KIND_QUARTERLY && name; k++)
        if (strcmp(record_kind_name(k), (const char *)name) == 0)
            kind = k;
    xmlFree(name);
    return kind;
}

static int read_forms(forms_wording *out, xmlDocPtr doc, const char *path, arena *a,
                      diag_list *diags)
{
    for (xmlNodePtr form = xmlDocGetRootElement(doc)->children; form; form = form->next) {
        if (form->type != XML_ELEMENT_NODE)
            continue;
        forms_lines *lines = &out->kinds[kind_of(form)];
        for (xmlNodePtr line = form->children; line; line = line->next) {
            if (line->type != XML_ELEMENT_NODE)
                continue;
            bool note = strcmp((const char *)line->name, "note") == 0;
            if (add_line(note ? &lines->notes : &lines->guide,
                         note ? &lines->note_count : &lines->guide_count, line, path, a,
                         diags) != 0)
                return -1;
        }
    }
    return 0;
}

int forms_wording_load(forms_wording *out, const char *path, const char *schema_path, arena *a,
                       diag_list *diags)
{
    memset(out, 0, sizeof *out);
    char *bytes;
    size_t length;
    if (xmlsafe_read_file(path, 1 << 20, a, &bytes, &length, diags) != 0)
        return -1;
    xmlsafe_schema *schema = xmlsafe_schema_load(schema_path, a, diags);
    if (!schema)
        return -1;
    xmlDocPtr doc = xmlsafe_parse(bytes, length, path, LABEL, diags);
    int status = doc && xmlsafe_validate(doc, schema, path, LABEL, diags) == 0 ? 0 : -1;
    if (status == 0)
        status = read_forms(out, doc, path, a, diags);
    xmlFreeDoc(doc);
    xmlsafe_schema_free(schema);
    return status;
}
