/*
 * xmlsafe_reason.c: schema errors in Chinese (see xmlsafe_reason.h).  The
 * common ones by code, from the error's fields (str1 the value, str2 the facet's bound
 * or list) and its node; the attribute's name and the expected elements are read from
 * libxml2's message, which is the only place that holds them.  The rest by number.
 */
#include "model/xmlsafe_reason.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *or_empty(const xmlChar *text)
{
    return text ? (const char *)text : "";
}

/* Copies the text between the first `after` and the next `until` of message into out
 * ("" when absent). */
static void between(const char *message, const char *after, char until, char *out, size_t capacity)
{
    const char *start = message ? strstr(message, after) : NULL;
    out[0] = '\0';
    if (!start)
        return;
    start += strlen(after);
    const char *end = strchr(start, until);
    size_t length = end ? (size_t)(end - start) : strlen(start);
    if (length >= capacity)
        length = capacity - 1;
    memcpy(out, start, length);
    out[length] = '\0';
}

/* A list as libxml2 writes it ("'a', 'b'", "( {ns}a, {ns}b )", "['a']") as "a、b":
 * namespaces, quotes, brackets and parentheses dropped. */
static void tidy_list(const char *list, char *out, size_t capacity)
{
    size_t used = 0;
    bool in_namespace = false;
    for (const char *c = list; *c && used + 4 < capacity; c++) {
        if (*c == '{')
            in_namespace = true;
        else if (*c == '}')
            in_namespace = false;
        else if (in_namespace || strchr("'[]() ", *c))
            continue;
        else if (*c == ',' || *c == '|') {
            memcpy(out + used, "、", strlen("、"));
            used += strlen("、");
        } else
            out[used++] = *c;
    }
    out[used] = '\0';
}

/* What a built-in type is called; "" for the schema's own types. */
static const char *type_name(const char *message)
{
    static const struct {
        const char *type, *name;
    } types[] = {
        {"'xs:decimal'", "数"},          {"'xs:double'", "数"},
        {"'xs:integer'", "整数"},        {"'xs:int'", "整数"},
        {"'xs:positiveInteger'", "正整数"}, {"'xs:nonNegativeInteger'", "非负整数"},
        {"'xs:date'", "日期（YYYY-MM-DD）"}, {"'xs:boolean'", "是非值（true 或 false）"},
    };
    for (size_t i = 0; message && i < sizeof types / sizeof *types; i++)
        if (strstr(message, types[i].type))
            return types[i].name;
    return "";
}

void xmlsafe_schema_reason(const xmlError *e, char *out, size_t capacity)
{
    if (e->domain == XML_FROM_SCHEMASP) { /* the schema itself: the installation's */
        if (e->code == XML_SCHEMAP_NOT_SCHEMA)
            snprintf(out, capacity, "不是 XML 模式文件（XSD）");
        else
            snprintf(out, capacity, "模式文件本身有误（libxml2 错误码 %d）", e->code);
        return;
    }
    const xmlNode *node = e->node;
    const char *element = node && node->name ? (const char *)node->name : "";
    const char *value = or_empty((const xmlChar *)e->str1);
    char attribute[128], subject[256], list[256], found[256];
    between(e->message, "attribute '", '\'', attribute, sizeof attribute);
    if (attribute[0])
        snprintf(subject, sizeof subject, "元素<%s>的属性“%s”", element, attribute);
    else
        snprintf(subject, sizeof subject, "元素<%s>", element);
    switch (e->code) {
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
        tidy_list(or_empty((const xmlChar *)e->str2), list, sizeof list);
        snprintf(out, capacity, "%s的值“%s”不是允许的取值（可取：%s）", subject, value, list);
        break;
    case XML_SCHEMAV_CVC_PATTERN_VALID:
        snprintf(out, capacity, "%s的值“%s”格式不对（应符合 %s）", subject, value,
                 or_empty((const xmlChar *)e->str2));
        break;
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
        if (type_name(e->message)[0]) {
            snprintf(out, capacity, "%s的值“%s”不是有效的%s", subject, value, type_name(e->message));
        } else {
            between(e->message, "atomic type '", '\'', found, sizeof found);
            tidy_list(found, list, sizeof list);
            snprintf(out, capacity, "%s的值“%s”不符合类型 %s 的要求", subject, value, list);
        }
        break;
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
        snprintf(out, capacity, "%s的值“%s”小于允许的最小值（%s）", subject, value,
                 or_empty((const xmlChar *)e->str2));
        break;
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
        snprintf(out, capacity, "%s的值“%s”大于允许的最大值（%s）", subject, value,
                 or_empty((const xmlChar *)e->str2));
        break;
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
        snprintf(out, capacity, "%s的值“%s”长度不符合要求（%s 个字符）", subject, value,
                 or_empty((const xmlChar *)e->str2));
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        snprintf(out, capacity, "元素<%s>不能有属性“%s”", element, attribute);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
        snprintf(out, capacity, "元素<%s>缺少必需的属性“%s”", element, value);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        snprintf(out, capacity, "元素<%s>应为空元素，不能有内容", element);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        snprintf(out, capacity, "元素<%s>中不能直接写文字", element);
        break;
    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
        between(e->message, "Expected is ", '.', found, sizeof found);
        tidy_list(found, list, sizeof list);
        if (e->message && strstr(e->message, "Missing child"))
            snprintf(out, capacity, "元素<%s>缺少子元素%s%s%s", element, list[0] ? "（应有：" : "",
                     list, list[0] ? "）" : "");
        else if (e->message && strstr(e->message, "Character content"))
            snprintf(out, capacity, "元素<%s>中不能直接写文字", element);
        else
            snprintf(out, capacity, "此处不应出现元素<%s>%s%s%s", element, list[0] ? "（此处应为：" : "",
                     list, list[0] ? "）" : "");
        break;
    case XML_SCHEMAV_CVC_ELT_1:
        snprintf(out, capacity, "根元素<%s>（命名空间“%s”）不是本文件应有的元素", element,
                 node && node->ns ? or_empty(node->ns->href) : "");
        break;
    case XML_SCHEMAV_CVC_IDC:
        tidy_list(value, list, sizeof list);
        if (e->message && strstr(e->message, "Duplicate"))
            snprintf(out, capacity, "%s的“%s”与前面的重复（须各不相同）", subject, list);
        else if (e->message && strstr(e->message, "No match found"))
            snprintf(out, capacity, "%s引用的“%s”不存在", subject, list);
        else
            snprintf(out, capacity, "%s的值无效", subject);
        break;
    default:
        snprintf(out, capacity, "%s不符合模式（libxml2 错误码 %d）", subject, e->code);
    }
}
