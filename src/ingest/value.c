/*
 * value.c: the cell value parsers (see value.h).  Every parser first folds full-width
 * forms and trims white space, then reads the text with exact arithmetic only: amounts
 * go through money_parse, percents are amounts in units of 10^-4 percent.
 */
#include "ingest/value.h"

#include "model/text.h"

#include <string.h>

/* Trimmed, width-folded text without Excel's leading text mark '.  Returns false when
 * the text is too long to be a value. */
static bool clean(const char *text, char *out, size_t capacity)
{
    if (strlen(text) >= VALUE_MAX_TEXT)
        return false;
    text_trim_fold(text, out, capacity);
    if (out[0] == '\'') {
        char rest[VALUE_MAX_TEXT];
        text_trim_fold(out + 1, rest, sizeof rest);
        memcpy(out, rest, strlen(rest) + 1);
    }
    return true;
}

/* clean() for the parsers where an empty cell means "not given": false with *status
 * VALUE_SYNTAX (too long) or VALUE_EMPTY, true when there is text to parse. */
static bool clean_given(const char *text, char *out, size_t capacity, value_status *status)
{
    if (!clean(text, out, capacity)) {
        *status = VALUE_SYNTAX;
        return false;
    }
    if (out[0] == '\0') {
        *status = VALUE_EMPTY;
        return false;
    }
    return true;
}

static bool equals_any(const char *text, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(text, *words) == 0)
            return true;
    return false;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_none_mark(const char *text)
{
    static const char *const marks[] = {"", "-", "--", "—", "——", "–", "/", "无", NULL};
    return !is_digit(text[0]) && equals_any(text, marks); /* no mark starts with a digit */
}

bool value_unit(const char *text, int64_t *yuan_per_unit)
{
    char name[64];
    text_squeeze(text, name, sizeof name);
    if (strcmp(name, "元") == 0)
        *yuan_per_unit = YUAN_PER_YUAN;
    else if (strcmp(name, "万元") == 0 || strcmp(name, "万") == 0)
        *yuan_per_unit = YUAN_PER_WAN;
    else if (strcmp(name, "亿元") == 0 || strcmp(name, "亿") == 0)
        *yuan_per_unit = YUAN_PER_YI;
    else
        return false;
    return true;
}

/* Removes a trailing unit from text (in place) and stores it; returns false if none. */
static bool strip_unit(char *text, int64_t *yuan_per_unit)
{
    static const char *const suffixes[] = {"亿元", "万元", "元", "亿", "万", NULL};
    size_t length = strlen(text);
    if (length == 0 || (unsigned char)text[length - 1] < 0x80)
        return false; /* every unit ends in a Chinese character, none in ASCII */
    for (const char *const *suffix = suffixes; *suffix; suffix++) {
        if (!text_ends_with(text, *suffix))
            continue;
        size_t keep = strlen(text) - strlen(*suffix);
        value_unit(text + keep, yuan_per_unit);
        text[keep] = '\0';
        while (keep > 0 && text[keep - 1] == ' ')
            text[--keep] = '\0';
        return true;
    }
    return false;
}

/* Copies text to out without thousands separators, which must stand between groups of
 * three digits in the integer part.  Returns false on a misplaced separator. */
static bool remove_grouping(const char *text, char *out)
{
    const char *p = text;
    if (*p == '+' || *p == '-')
        *out++ = *p++;
    if (!strchr(p, ','))
        goto rest;
    int group = 0;
    bool first_group = true;
    for (; is_digit(*p) || *p == ','; p++) {
        if (*p == ',') {
            if (group == 0 || group > 3 || (!first_group && group != 3))
                return false;
            group = 0;
            first_group = false;
            continue;
        }
        *out++ = *p;
        group++;
    }
    if (group != 3)
        return false;
rest:
    if (strchr(p, ','))
        return false;
    strcpy(out, p);
    return true;
}

static value_status from_money_status(money_status status)
{
    switch (status) {
    case MONEY_OK: return VALUE_OK;
    case MONEY_FRACTION: return VALUE_PRECISION;
    case MONEY_RANGE: return VALUE_RANGE;
    default: return VALUE_SYNTAX;
    }
}

value_status value_amount(const char *text, int64_t column_unit, money *out)
{
    char buf[VALUE_MAX_TEXT], digits[VALUE_MAX_TEXT];
    if (!clean(text, buf, sizeof buf))
        return VALUE_SYNTAX;
    if (is_none_mark(buf))
        return VALUE_EMPTY;
    int64_t unit = column_unit;
    strip_unit(buf, &unit);
    if (!remove_grouping(buf, digits))
        return VALUE_SYNTAX;
    value_status status = from_money_status(money_parse(digits, unit, out));
    if (status == VALUE_OK && *out < 0)
        return VALUE_NEGATIVE;
    return status;
}

value_status value_percent(const char *text, int64_t *out_e4)
{
    char buf[VALUE_MAX_TEXT];
    value_status status;
    if (!clean_given(text, buf, sizeof buf, &status))
        return status;
    size_t n = strlen(buf);
    if (buf[n - 1] == '%') {
        buf[--n] = '\0';
        while (n > 0 && buf[n - 1] == ' ')
            buf[--n] = '\0';
    }
    status = from_money_status(money_parse(buf, 10000, out_e4));
    if (status != VALUE_OK)
        return status;
    if (*out_e4 < 0 || *out_e4 > 100 * 10000)
        return VALUE_RANGE;
    return VALUE_OK;
}

value_status value_count(const char *text, int *out)
{
    char buf[VALUE_MAX_TEXT];
    value_status status;
    if (!clean_given(text, buf, sizeof buf, &status))
        return status;
    const char *p = buf;
    bool negative = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (!is_digit(*p))
        return VALUE_SYNTAX;
    long value = 0;
    for (; is_digit(*p); p++) {
        value = value * 10 + (*p - '0');
        if (value > 1000000)
            return negative ? VALUE_NEGATIVE : VALUE_RANGE;
    }
    if (*p)
        return VALUE_SYNTAX;
    if (negative && value > 0)
        return VALUE_NEGATIVE;
    *out = (int)value;
    return VALUE_OK;
}

static void ascii_lower(char *text)
{
    for (; *text; text++)
        if (*text >= 'A' && *text <= 'Z')
            *text = (char)(*text - 'A' + 'a');
}

value_status value_yes_no(const char *text, bool *out)
{
    static const char *const yes[] = {"是", "y", "yes", "true", "1", "√", "✓", "✔", NULL};
    static const char *const no[] = {"否", "n", "no", "false", "0", "×", "✗", "✘", NULL};
    char buf[VALUE_MAX_TEXT];
    *out = false;
    value_status status;
    if (!clean_given(text, buf, sizeof buf, &status))
        return status;
    ascii_lower(buf);
    if (equals_any(buf, yes)) {
        *out = true;
        return VALUE_OK;
    }
    return equals_any(buf, no) ? VALUE_OK : VALUE_SYNTAX;
}

value_status value_date(const char *text, date *out)
{
    char buf[VALUE_MAX_TEXT];
    value_status status;
    if (!clean_given(text, buf, sizeof buf, &status))
        return status;
    return date_parse(buf, out) ? VALUE_OK : VALUE_SYNTAX;
}

value_status value_period(const char *text, period *out)
{
    char buf[VALUE_MAX_TEXT];
    value_status status;
    if (!clean_given(text, buf, sizeof buf, &status))
        return status;
    return period_parse(buf, out) ? VALUE_OK : VALUE_SYNTAX;
}

value_status value_project_status(const char *text, project_status *out)
{
    char buf[VALUE_MAX_TEXT];
    if (strlen(text) >= VALUE_MAX_TEXT)
        return VALUE_SYNTAX;
    text_squeeze(text, buf, sizeof buf);
    if (buf[0] == '\0')
        return VALUE_EMPTY;
    const char *name = text_starts_with(buf, "已") ? buf + strlen("已") : buf;
    for (int status = STATUS_PRELIMINARY; status < STATUS_COUNT; status++) {
        if (strcmp(name, project_status_name((project_status)status)) == 0) {
            *out = (project_status)status;
            return VALUE_OK;
        }
    }
    return VALUE_SYNTAX;
}

value_status value_leading_grade(const char *text, leading_grade *out)
{
    static const char *const good[] = {"良好", "好", "优秀", NULL};
    static const char *const fair[] = {"一般", NULL};
    static const char *const poor[] = {"较差", "差", NULL};
    char buf[VALUE_MAX_TEXT];
    if (strlen(text) >= VALUE_MAX_TEXT)
        return VALUE_SYNTAX;
    text_squeeze(text, buf, sizeof buf);
    if (buf[0] == '\0')
        return VALUE_EMPTY;
    if (equals_any(buf, good))
        *out = LEADING_GOOD;
    else if (equals_any(buf, fair))
        *out = LEADING_FAIR;
    else if (equals_any(buf, poor))
        *out = LEADING_POOR;
    else
        return VALUE_SYNTAX;
    return VALUE_OK;
}

value_status value_name(const char *text, char *out, size_t capacity)
{
    if (strlen(text) >= capacity)
        return VALUE_SYNTAX;
    text_squeeze(text, out, capacity);
    return out[0] ? VALUE_OK : VALUE_EMPTY;
}

value_status value_text(const char *text, const char **start, size_t *length)
{
    size_t plain = text_plain_length(text);
    if (plain != SIZE_MAX) {
        *start = text;
        *length = plain;
        return plain ? VALUE_OK : VALUE_EMPTY;
    }
    const char *p = text, *first = NULL, *end = text;
    uint32_t cp;
    for (const char *at = p; (cp = utf8_next(&p)) != 0; at = p) {
        if (is_space(cp))
            continue;
        if (!first)
            first = at;
        end = p;
    }
    if (!first)
        return VALUE_EMPTY;
    *start = first;
    *length = (size_t)(end - first);
    return VALUE_OK;
}
