/*
 * fuzz_values.c: libFuzzer harness for the cell parsers: every parser of ingest/value.h,
 * period_parse, date_parse and money_parse on the input as one NUL-terminated text.
 * The first byte picks the column unit (元, 万元 or 亿元).
 */
#include "ingest/value.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int64_t units[] = {1, 10000, 100000000};

static void parse_all(const char *text, int64_t unit)
{
    money amount;
    int64_t number;
    int count;
    bool yes;
    date day;
    period when;
    project_status state;
    leading_grade grade;
    char name[64];
    const char *start;
    size_t length;

    value_unit(text, &number);
    value_amount(text, unit, &amount);
    value_percent(text, &number);
    value_count(text, &count);
    value_yes_no(text, &yes);
    value_date(text, &day);
    value_period(text, &when);
    value_project_status(text, &state);
    value_leading_grade(text, &grade);
    value_name(text, name, sizeof name);
    value_name(text, name, 1);
    value_text(text, &start, &length);
    period_parse(text, &when);
    date_parse(text, &day);
    money_parse(text, unit, &amount);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int64_t unit = units[data[0] % (sizeof units / sizeof units[0])];
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    parse_all(text, unit);
    free(text);
    return 0;
}
