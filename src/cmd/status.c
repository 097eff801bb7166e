/*
 * status.c: `bulletin status`: the clerk's reminder before the 1st.  For a period (by
 * default the month of today) it lists every report the plan expects, who sent it and who
 * has not yet, with the due date, the days left and the 牵头单位 contact of 附件5, as a
 * plain table on standard output or as CSV (--format csv) for mail merges.  Writes no
 * file and takes no lock; exit 0 when everything is in, 3 when something is outstanding.
 */
#include "cmd/cmd.h"
#include "cmd/session.h"

#include "aggregate/timeliness.h"
#include "model/text.h"
#include "report/rejects.h"

#include <stdio.h>
#include <string.h>

enum { COLUMN_COUNT = 8 };

/* One line of the table, every cell as text. */
typedef struct status_line {
    const char *cells[COLUMN_COUNT];
    bool outstanding;
} status_line;

static const char *const headings[COLUMN_COUNT] = {
    "报送单位", "报表", "截止日期", "剩余天数", "报送情况", "牵头单位", "联系人", "联系电话"};

static const char *form_name(record_kind kind)
{
    switch (kind) {
    case KIND_PROJECTS: return "重点项目（附件2）";
    case KIND_PROGRESS: return "实施进度（附件4）";
    case KIND_ASSESSMENT: return "考核数据（附件1）";
    case KIND_QUARTERLY: return "季度工作情况";
    default: return "";
    }
}

static const char *sent_text(session *s, const submission_check *c)
{
    char day[16];
    switch (c->status) {
    case SUBMISSION_ON_TIME:
        return arena_printf(&s->memory, "已报送 %s", date_format(c->sent, day));
    case SUBMISSION_LATE:
        return arena_printf(&s->memory, "逾期报送 %s", date_format(c->sent, day));
    case SUBMISSION_UNKNOWN_DATE:
        return "已报送（日期不明）";
    default:
        return "未报送";
    }
}

/* Days left for a report not yet in: "3", "0" on the due day, "已逾期 2 天" after it. */
static const char *days_left_text(session *s, const submission_check *c)
{
    if (c->status != SUBMISSION_MISSING)
        return "";
    long left = date_days_between(s->today, c->due);
    return left >= 0 ? arena_printf(&s->memory, "%ld", left)
                     : arena_printf(&s->memory, "已逾期 %ld 天", -left);
}

/* The 牵头单位 and contact of the office's industry (附件5); for an office of no
 * industry, the plan's contact (市发改局产业科). */
static void contact_cells(const plan *pl, const submission_check *c, status_line *line)
{
    int industry = pl->offices[c->office].industry;
    if (industry >= 0) {
        const plan_liaison *liaison = &pl->industries[industry].liaison;
        line->cells[5] = liaison->lead_unit;
        line->cells[6] = liaison->contact_name;
        line->cells[7] = liaison->contact_phone;
    } else {
        line->cells[5] = pl->contact.unit;
        line->cells[6] = pl->contact.name;
        line->cells[7] = pl->contact.phone;
    }
}

static status_line make_line(session *s, const submission_check *c)
{
    status_line line = {.outstanding = c->status == SUBMISSION_MISSING};
    char due[16];
    line.cells[0] = c->office_name;
    line.cells[1] = form_name(c->kind);
    line.cells[2] = arena_strdup(&s->memory, date_format(c->due, due));
    line.cells[3] = days_left_text(s, c);
    line.cells[4] = sent_text(s, c);
    contact_cells(&s->plan, c, &line);
    return line;
}

/* Columns a character takes on a terminal: two for CJK and full-width forms. */
static size_t display_width(const char *text)
{
    size_t width = 0;
    for (const char *p = text; *p;) {
        uint32_t cp = utf8_next(&p);
        width += cp >= 0x1100 && (cp <= 0x115F || cp >= 0x2E80) ? 2 : 1;
    }
    return width;
}

static void print_table(session *s, period p, const status_line *lines, size_t count,
                        long outstanding)
{
    size_t widths[COLUMN_COUNT];
    for (int k = 0; k < COLUMN_COUNT; k++) {
        widths[k] = display_width(headings[k]);
        for (size_t i = 0; i < count; i++)
            if (display_width(lines[i].cells[k]) > widths[k])
                widths[k] = display_width(lines[i].cells[k]);
    }
    char name[16], today[16];
    printf("%s 报送情况（%s）：应报 %zu 份，已报 %zu 份，未报 %ld 份\n", period_format(p, name),
           date_format(s->today, today), count, count - (size_t)outstanding, outstanding);
    for (size_t i = 0; i <= count; i++) {
        const char *const *cells = i == 0 ? headings : lines[i - 1].cells;
        for (int k = 0; k < COLUMN_COUNT; k++) {
            bool last = k == COLUMN_COUNT - 1;
            printf("%s%*s", cells[k], last ? 0 : (int)(widths[k] - display_width(cells[k]) + 2),
                   "");
        }
        printf("\n");
    }
}

static void print_csv(period p, const status_line *lines, size_t count)
{
    buffer out;
    buffer_init(&out);
    buffer_puts(&out, "\xEF\xBB\xBF" "报告期");
    for (int k = 0; k < COLUMN_COUNT; k++) {
        buffer_puts(&out, ",");
        buffer_puts(&out, headings[k]);
    }
    buffer_puts(&out, "\r\n");
    char name[16];
    period_format(p, name);
    for (size_t i = 0; i < count; i++) {
        buffer_puts(&out, name);
        for (int k = 0; k < COLUMN_COUNT; k++) {
            buffer_puts(&out, ",");
            rejects_put_cell(&out, lines[i].cells[k]);
        }
        buffer_puts(&out, "\r\n");
    }
    fwrite(out.data, 1, out.length, stdout);
    buffer_free(&out);
}

static int report_status(session *s, period p)
{
    timeliness reports;
    timeliness_compute(&reports, &s->plan, &s->store, p, &s->memory);
    status_line *lines = arena_alloc(&s->memory, (reports.count + 1) * sizeof *lines);
    long outstanding = 0;
    for (size_t i = 0; i < reports.count; i++) {
        lines[i] = make_line(s, &reports.checks[i]);
        outstanding += lines[i].outstanding;
    }
    if (s->options.format)
        print_csv(p, lines, reports.count);
    else
        print_table(s, p, lines, reports.count, outstanding);
    fflush(stdout);
    return outstanding ? EXIT_PROBLEMS : EXIT_OK;
}

int cmd_status(int argc, char **argv)
{
    session s;
    int status = session_open_reader(&s, argc, argv, "--period");
    if (status == EXIT_OK && s.options.format && strcmp(s.options.format, "csv") != 0) {
        fprintf(stderr, "bulletin: 未知的格式“%s”（应为 csv）（bulletin --help 查看用法）\n",
                s.options.format);
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK)
        return session_close(&s, status);
    period p = session_period_or_this_month(&s);
    status = session_load(&s, p);
    if (status == EXIT_OK)
        status = report_status(&s, p);
    return session_close(&s, status);
}
