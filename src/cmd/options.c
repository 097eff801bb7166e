/*
 * options.c: command-line options and "today" (see options.h).  The only place that
 * reads the clock or the environment.
 */
#include "cmd/options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BULLETIN_DATADIR
#define BULLETIN_DATADIR "."
#endif

__attribute__((format(printf, 1, 2))) static int usage_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("bulletin: ", stderr);
    vfprintf(stderr, format, args);
    va_end(args);
    fputs("（bulletin --help 查看用法）\n", stderr);
    return -1;
}

/* The value of an option given as "--name value" or "--name=value". */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0' || *i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int parse_year_option(const char *value, options *out)
{
    char *end;
    long year = strtol(value, &end, 10);
    if (end == value || *end || year < 2000 || year > 2100)
        return usage_error("“%s”不是年份（应为 YYYY）", value);
    out->period = (period){(int)year, 0, 0};
    out->has_period = true;
    return 0;
}

static int parse_period_option(const char *value, const char *flag, options *out)
{
    if (strcmp(flag, "--year") == 0)
        return parse_year_option(value, out);
    if (!period_parse(value, &out->period))
        return usage_error("无法识别的报告期“%s”", value);
    bool quarterly = strcmp(flag, "--quarter") == 0;
    if (quarterly != (out->period.quarter != 0))
        return quarterly ? usage_error("“%s”不是季度（应为 YYYY-Qn）", value)
                         : usage_error("“%s”不是月份（应为 YYYY-MM）", value);
    out->has_period = true;
    return 0;
}

int options_parse(int argc, char **argv, const char *period_flag, options *out)
{
    memset(out, 0, sizeof *out);
    out->input = "input";
    out->output = "output";
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (arg[0] != '-' || arg[1] == '\0')
            break;
        if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0)
            out->verbose = true;
        else if (period_flag && (value = option_value(argc, argv, &i, period_flag)) != NULL) {
            if (parse_period_option(value, period_flag, out) != 0)
                return -1;
        } else if ((value = option_value(argc, argv, &i, "--input")) != NULL)
            out->input = value;
        else if ((value = option_value(argc, argv, &i, "--plan")) != NULL)
            out->plan = value;
        else if ((value = option_value(argc, argv, &i, "--output")) != NULL)
            out->output = value;
        else if ((value = option_value(argc, argv, &i, "--template")) != NULL)
            out->template = value;
        else if ((value = option_value(argc, argv, &i, "--now")) != NULL)
            out->now = value;
        else if ((value = option_value(argc, argv, &i, "--format")) != NULL)
            out->format = value;
        else
            return usage_error("未知的选项或缺少取值：“%s”", arg);
        if (value && !*value)
            return usage_error("选项“%s”的取值为空", arg);
    }
    out->operands = argv + i;
    out->operand_count = argc - i;
    return 0;
}

static int date_from_epoch(const char *text, date *today)
{
    errno = 0;
    char *end;
    long long seconds = strtoll(text, &end, 10);
    if (errno || end == text || *end || seconds < 0 || seconds > 32503680000LL)
        return -1;
    time_t t = (time_t)seconds;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return -1;
    *today = date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

int options_today(const options *o, date *today)
{
    if (o->now)
        return date_parse(o->now, today) ? 0 : -1;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch)
        return date_from_epoch(epoch, today);
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return -1;
    *today = date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

date options_latest_sent(date today)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return today;
    date clock = date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return clock > today ? clock : today;
}

const char *options_datadir(void)
{
    const char *dir = getenv("BULLETIN_DATADIR");
    return dir && *dir ? dir : BULLETIN_DATADIR;
}

const char *options_test_kill_at(void)
{
    const char *value = getenv("BULLETIN_TEST_KILL_AT");
    return value && *value ? value : NULL;
}
