/*
 * builder.c: the record builder's file (see builder.h): its start, its own messages, and
 * its end, when the file's office and period are settled, the checks across rows and
 * files are made and the records are committed.  The checks of each row are in
 * builder_row.c.
 */
#include "ingest/builder_parts.h"

#include "ingest/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void builder_begin(builder *b, const plan *p, store *s, arena *scratch, int file,
                   const char *path)
{
    memset(b, 0, sizeof *b);
    b->plan = p;
    b->store = s;
    b->scratch = scratch;
    b->file = file;
    b->pass = store_begin_pass(s);
    b->path = arena_strdup(scratch, path);
    diag_init(&b->file_diags, scratch);
    diag_init(&b->row_diags, scratch);
    vec_init(&b->rows, sizeof(pending_row));
    vec_init(&b->row_metadata, sizeof(row_metadata));
    vec_init(&b->totals, sizeof(total_cell));
    b->keys = arena_alloc(scratch, sizeof *b->keys);
    for (size_t i = 0; i < TABLE_MAX_COLUMNS; i++)
        b->column_positions[i] = -1;
    keyset_init(&b->keys->records);
    keyset_init(&b->keys->breakdowns);
}

static void release(builder *b)
{
    vec_free(&b->rows);
    vec_free(&b->row_metadata);
    vec_free(&b->totals);
    keyset_free(&b->keys->records);
    keyset_free(&b->keys->breakdowns);
    diag_free(&b->file_diags);
    diag_free(&b->row_diags);
}

static void drop_pending(builder *b);

void builder_restart(builder *b, const builder_metadata *stated)
{
    drop_pending(b);
    builder was = *b;
    release(b);
    builder_begin(b, was.plan, was.store, was.scratch, was.file, was.path);
    b->stated = *stated;
    b->sums = was.sums;
    b->today = was.today;
    b->cell_references = was.cell_references;
    memcpy(b->column_positions, was.column_positions, sizeof b->column_positions);
}

void builder_set_kind(builder *b, record_kind kind, int64_t default_unit)
{
    b->kind = kind;
    b->table = table_for(kind);
    for (size_t i = 0; i < TABLE_MAX_COLUMNS; i++)
        b->units[i] = default_unit;
}

void builder_set_unit(builder *b, int column, int64_t yuan_per_unit)
{
    if (column >= 0 && column < TABLE_MAX_COLUMNS)
        b->units[column] = yuan_per_unit;
}

void builder_file_error(builder *b, long line, const char *column, const char *value,
                        const char *reason)
{
    diag_add(&b->file_diags, DIAG_ERROR, b->path, line, column, value, reason);
}

void builder_file_note(builder *b, long line, const char *column, const char *value,
                       const char *reason)
{
    diag_add(&b->file_diags, DIAG_NOTE, b->path, line, column, value, reason);
}

void builder_reject_file(builder *b, long line, const char *reason)
{
    if (b->rejected_reason)
        return;
    b->rejected_reason = arena_strdup(b->scratch, reason);
    b->rejected_line = line; /* the message is added by builder_end, with the row count */
}

/* ---- the end of the file ---- */

/* The file's office, period and date sent: the first row that states one, else what the
 * file states outside its rows (XML root, folder name). */
typedef struct settled {
    bool has_period;
    period period;
    const char *office; /* squeezed */
    int office_index;
    date sent;
} settled;

static void settle(builder *b, settled *s)
{
    memset(s, 0, sizeof *s);
    s->office_index = -1;
    for (size_t i = 0; i < b->row_metadata.count; i++) {
        const row_metadata *m = vec_at(&b->row_metadata, i);
        if (!s->has_period && m->has_period) {
            s->has_period = true;
            s->period = m->period;
        }
        if (!s->office && m->office) {
            s->office = m->office;
            s->office_index = m->office_index;
        }
        if (!s->sent && m->sent)
            s->sent = m->sent;
    }
    if (!s->has_period && b->stated.has_period) {
        s->has_period = true;
        s->period = b->stated.period;
    }
    char buf[NAME_MAX_BYTES];
    if (!s->office && b->stated.office && value_name(b->stated.office, buf, sizeof buf) == VALUE_OK) {
        s->office = arena_strdup(b->scratch, buf);
        s->office_index = plan_find_office(b->plan, buf);
    }
    if (!s->sent)
        s->sent = b->stated.sent;
}

/* Who may send what: an office of the plan, a kind the plan has it send, dated no later
 * than today. */
static void check_sender(builder *b, const settled *s)
{
    char reason[512], text[16];
    if (s->office_index < 0) {
        snprintf(reason, sizeof reason, "报送单位“%s”不是计划中的报送单位", s->office);
        builder_reject_file(b, 0, reason);
        return;
    }
    const plan_office *office = &b->plan->offices[s->office_index];
    unsigned bit = b->kind == KIND_PROJECTS   ? KIND_BIT_PROJECTS
                 : b->kind == KIND_PROGRESS   ? KIND_BIT_PROGRESS
                 : b->kind == KIND_ASSESSMENT ? KIND_BIT_ASSESSMENT
                                              : KIND_BIT_QUARTERLY;
    if (!(office->kinds & bit)) {
        snprintf(reason, sizeof reason, "按计划，“%s”不报送%s报表", office->name,
                 record_kind_name(b->kind));
        builder_reject_file(b, 0, reason);
    } else if (b->today && s->sent > b->today) {
        snprintf(reason, sizeof reason, "填报日期%s晚于今天", date_format(s->sent, text));
        builder_reject_file(b, 0, arena_printf(b->scratch, "%s（%s），不可能", reason,
                                               date_format(b->today, text)));
    }
}

static void check_file_metadata(builder *b, const settled *s)
{
    if (b->rejected_reason)
        return;
    if (!b->table)
        builder_reject_file(b, 0, "无法判断文件类型");
    else if (!s->office && !s->has_period)
        builder_reject_file(b, 0, "未说明报送单位和报告期");
    else if (!s->office)
        builder_reject_file(b, 0, "未说明报送单位（没有“报送单位”列，也没有XML根属性office）");
    else if (!s->has_period)
        builder_reject_file(b, 0, "未说明报告期（没有“报告期”列、XML根属性period，"
                                  "也不在形如2015-09或2015-Q3的文件夹中）");
    else if (s->period.quarter && b->kind != KIND_QUARTERLY) {
        char text[16], reason[128];
        snprintf(reason, sizeof reason, "报告期%s是季度，本类报表应按月填报",
                 period_format(s->period, text));
        builder_reject_file(b, 0, reason);
    } else {
        check_sender(b, s);
    }
}

static void reject_pending(builder *b, pending_row *r, diag_level level, const char *column,
                           const char *value, const char *reason)
{
    diag_add(&b->row_diags, level, b->path, r->line, column, value, reason);
    if (level == DIAG_WARNING)
        r->warned = true;
    else
        r->rejected = true;
}

static bool same_office(const row_metadata *m, const settled *s)
{
    if (m->office_index >= 0 || s->office_index >= 0)
        return m->office_index == s->office_index;
    return strcmp(m->office, s->office) == 0;
}

/* The industry a project or progress row is for, or -1 (other kinds: none). */
static int industry_of(const builder *b, const pending_row *r)
{
    return b->kind == KIND_PROJECTS ? builder_pending_record(b, r)->project.industry
         : b->kind == KIND_PROGRESS ? builder_pending_record(b, r)->progress.industry
                                    : -1;
}

/* A working group sends the rows of the industry it leads: a row for another industry
 * is rejected (it would enter that industry's figures behind its group's back). */
static void check_lead_industry(builder *b, const settled *s)
{
    const plan_office *office = &b->plan->offices[s->office_index];
    int column = table_column_named(b->table, "所属产业");
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        int industry = industry_of(b, r);
        if (r->rejected || industry < 0 || industry == office->industry)
            continue;
        char reason[512];
        if (office->industry < 0)
            snprintf(reason, sizeof reason, "属于产业“%s”，而报送单位“%s”不牵头任何产业",
                     b->plan->industries[industry].name, office->name);
        else
            snprintf(reason, sizeof reason, "属于产业“%s”，不是报送单位“%s”牵头的“%s”",
                     b->plan->industries[industry].name, office->name,
                     b->plan->industries[office->industry].name);
        reject_pending(b, r, DIAG_ERROR, builder_column_name(b, column), NULL, reason);
    }
}

/* Rows whose own 报告期 or 报送单位 disagree with the file's are rejected; a 填报日期
 * that disagrees is a warning. */
static void check_row_metadata(builder *b, const settled *s)
{
    char text[16], reason[512];
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        const row_metadata *m = vec_at(&b->row_metadata, r->metadata);
        if (m->has_period && !period_equal(m->period, s->period)) {
            snprintf(reason, sizeof reason, "与本文件的报告期%s不一致", period_format(s->period, text));
            reject_pending(b, r, DIAG_ERROR, "报告期", m->period_text, reason);
        }
        if (m->office && !same_office(m, s)) {
            const char *name = s->office_index >= 0 ? b->plan->offices[s->office_index].name : s->office;
            snprintf(reason, sizeof reason, "与本文件的报送单位“%s”不一致", name);
            reject_pending(b, r, DIAG_ERROR, "报送单位", m->office_text, reason);
        }
        if (m->sent && b->today && m->sent > b->today) {
            snprintf(reason, sizeof reason, "晚于今天（%s），不可能", date_format(b->today, text));
            reject_pending(b, r, DIAG_ERROR, "填报日期", m->sent_text, reason);
        }
        if (m->sent && m->sent != s->sent && !r->rejected) {
            snprintf(reason, sizeof reason, "与本文件的填报日期%s不一致", date_format(s->sent, text));
            reject_pending(b, r, DIAG_WARNING, "填报日期", m->sent_text, reason);
        }
    }
}

/* A progress row for a unit × industry as a whole is rejected where the file also
 * breaks that unit × industry down by sub-sector: it would be counted twice. */
static void check_breakdowns(builder *b)
{
    if (b->kind != KIND_PROGRESS)
        return;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        const progress_record *g = &builder_pending_record(b, r)->progress;
        if (r->rejected || g->subsector >= 0)
            continue;
        char key[64], reason[256];
        snprintf(key, sizeof key, "%d|%d", g->unit, g->industry);
        long line = keyset_find(&b->keys->breakdowns, key);
        if (!line)
            continue;
        snprintf(reason, sizeof reason,
                 "为空（产业整体），而本文件第%ld行已按细分领域填报同一单位和产业，整体行不计入", line);
        reject_pending(b, r, DIAG_ERROR, "细分领域", NULL, reason);
    }
}

/* The sum of an amount column over the rows still accepted, and how many there are. */
static __int128 column_sum(builder *b, int column, long *rows)
{
    const table_column *spec = &b->table->columns[column];
    __int128 sum = 0;
    *rows = 0;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        if (r->rejected)
            continue;
        (*rows)++;
        any_record *record = builder_pending_record(b, r);
        if (spec->given == TABLE_NO_FIELD || *(bool *)builder_field(record, spec->given))
            sum += *(money *)builder_field(record, spec->field);
    }
    return sum;
}

/* Each amount of a 合计/总计 row against the sum of the accepted rows. */
static void check_totals(builder *b)
{
    for (size_t i = 0; i < b->totals.count; i++) {
        const total_cell *t = vec_at(&b->totals, i);
        long rows;
        __int128 sum = column_sum(b, t->column, &rows);
        __int128 difference = t->amount - sum;
        if (difference <= TOTAL_TOLERANCE && difference >= -TOTAL_TOLERANCE)
            continue;
        if (sum > INT64_MAX || sum < INT64_MIN || difference > INT64_MAX || difference < -INT64_MAX)
            continue; /* sums beyond 9.2e18 元 were refused row by row already */
        char sum_text[32], difference_text[32];
        money_format_wan((money)sum, sum_text);
        money_format_wan((money)(difference < 0 ? -difference : difference), difference_text);
        diag_addf(&b->row_diags, DIAG_WARNING, b->path, t->line, builder_column_name(b, t->column),
                  t->shown, "与本文件已接受的%ld行数据之和%s万元相差%s万元，以数据行为准", rows,
                  sum_text, difference_text);
    }
}

/* Whether the row's amounts still fit in the sums of its kind and period over every row
 * accepted so far in the run; a row that would overflow one is rejected here. */
static bool sums_fit(builder *b, pending_row *r, const settled *s)
{
    if (!b->sums)
        return true;
    any_record *record = builder_pending_record(b, r);
    int column = sums_add(b->sums, b->table, s->period, record);
    if (column == SUMS_FIT)
        return true;
    char amount[32];
    money_format_wan(*(money *)builder_field(record, b->table->columns[column].field), amount);
    reject_pending(b, r, DIAG_ERROR, builder_column_name(b, column), amount,
                   "与同一报告期已接受的数据累加后超出可表示的范围（约9.2×10¹⁴万元），未计入");
    return false;
}

vec *builder_records(const builder *b)
{
    switch (b->kind) {
    case KIND_PROJECTS: return &b->store->projects;
    case KIND_PROGRESS: return &b->store->progress;
    case KIND_ASSESSMENT: return &b->store->assessments;
    default: return &b->store->quarterly;
    }
}

any_record *builder_pending_record(const builder *b, const pending_row *r)
{
    size_t index = (size_t)(r - (const pending_row *)b->rows.items);
    return vec_at(builder_records(b), b->first_record + index);
}

/* Every record type begins with origin, fate, warned and period (a common initial
 * sequence of the union's members), so they are set through one member.  The record
 * moves down to at, over the records of rows that were not accepted. */
static void commit_record(builder *b, pending_row *r, const settled *s, size_t at)
{
    any_record *record = builder_pending_record(b, r);
    project_record *head = &record->project;
    head->origin = (provenance){b->file, r->line};
    head->fate = FATE_ACCEPTED;
    head->warned = r->warned;
    head->period = b->kind == KIND_QUARTERLY ? period_quarter_of(s->period) : s->period;
    if (b->kind == KIND_QUARTERLY && !record->quarterly.unit)
        record->quarterly.unit = store_file(b->store, b->file)->office;
    vec *records = builder_records(b);
    void *slot = vec_at(records, at);
    if (slot != (void *)record)
        memcpy(slot, record, records->item_size);
}

/* The records of the pending rows leave the store (the file is not accepted row by row). */
static void drop_pending(builder *b)
{
    if (b->rows.count > 0)
        builder_records(b)->count = b->first_record;
}

/* Row messages in line order (stable), after the file's own messages. */
typedef struct ordered_diag {
    const diagnostic *d;
    size_t index;
} ordered_diag;

static int compare_ordered(const void *x, const void *y)
{
    const ordered_diag *a = x, *b = y;
    if (a->d->line != b->d->line)
        return a->d->line < b->d->line ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* A sheet's cell as Excel names it: H14 for a column's cell, 14:14 for a row. */
static const char *cell_reference(const builder *b, const diagnostic *d)
{
    if (!b->cell_references || d->line <= 0)
        return NULL;
    int column = d->column && b->table ? table_column_named(b->table, d->column) : -1;
    int position = column >= 0 ? b->column_positions[column] : -1;
    if (position < 0)
        return arena_printf(b->scratch, "%ld:%ld", d->line, d->line);
    char letters[8];
    size_t n = 0;
    for (unsigned long p = (unsigned long)position + 1; p > 0 && n < sizeof letters; p = (p - 1) / 26)
        letters[n++] = (char)('A' + (p - 1) % 26);
    char *text = arena_printf(b->scratch, "%.*s%ld", (int)n, letters, d->line);
    for (size_t i = 0; i < n / 2; i++) {
        char t = text[i];
        text[i] = text[n - 1 - i];
        text[n - 1 - i] = t;
    }
    return text;
}

static void copy_diag(const builder *b, diag_list *to, const diagnostic *d)
{
    diag_add_cell(to, d->level, d->file, d->line, cell_reference(b, d), d->column, d->value,
                  d->reason);
}

static void commit_diags(builder *b, bool with_rows)
{
    diag_list *to = &b->store->diags;
    for (size_t i = 0; i < b->file_diags.items.count; i++)
        copy_diag(b, to, diag_at(&b->file_diags, i));
    size_t n = with_rows ? b->row_diags.items.count : 0;
    if (n == 0)
        return;
    ordered_diag *order = malloc(n * sizeof *order);
    if (!order)
        die_oom();
    for (size_t i = 0; i < n; i++)
        order[i] = (ordered_diag){diag_at(&b->row_diags, i), i};
    qsort(order, n, sizeof *order, compare_ordered);
    for (size_t i = 0; i < n; i++)
        copy_diag(b, to, order[i].d);
    free(order);
}

static void fill_file(builder *b, const settled *s)
{
    submission_file *f = store_file(b->store, b->file);
    f->kind = b->kind;
    f->has_period = s->has_period;
    f->period = s->period;
    f->sent = s->sent;
    f->office_index = s->office_index;
    if (s->office_index >= 0)
        f->office = b->plan->offices[s->office_index].name;
    else if (s->office)
        f->office = arena_strdup(b->store->memory, s->office);
}


/* Emits the whole-file rejection with the count of rows it takes along. */
static void finish_rejected_file(builder *b, submission_file *f)
{
    f->rejected_whole = true;
    f->rows = (row_counts){.read = b->read, .rejected = b->read};
    if (b->read > 0)
        diag_addf(&b->file_diags, DIAG_ERROR, b->path, b->rejected_line, NULL, NULL,
                  "%s，本文件%ld行数据均未计入", b->rejected_reason, b->read);
    else
        builder_file_error(b, b->rejected_line, NULL, NULL, b->rejected_reason);
}

void builder_skip_file(builder *b)
{
    b->skipped = true;
}

void builder_end(builder *b, bool readable)
{
    submission_file *f = store_file(b->store, b->file);
    if (!readable || b->skipped) {
        drop_pending(b);
        f->kind = b->kind;
        f->rejected_whole = !readable;
        f->rows = (row_counts){0};
        commit_diags(b, false);
        release(b);
        return;
    }
    settled s;
    settle(b, &s);
    check_file_metadata(b, &s);
    fill_file(b, &s);
    if (b->rejected_reason) {
        drop_pending(b);
        finish_rejected_file(b, f);
        commit_diags(b, false);
        release(b);
        return;
    }
    check_row_metadata(b, &s);
    check_lead_industry(b, &s);
    check_breakdowns(b);
    check_totals(b);
    long accepted = 0, warned = 0;
    for (size_t i = 0; i < b->rows.count; i++) {
        pending_row *r = vec_at(&b->rows, i);
        if (r->rejected || !sums_fit(b, r, &s))
            continue;
        commit_record(b, r, &s, b->first_record + (size_t)accepted);
        accepted++;
        warned += r->warned;
    }
    if (b->rows.count > 0)
        builder_records(b)->count = b->first_record + (size_t)accepted;
    f->rows = (row_counts){.read = b->read, .accepted = accepted, .warned = warned,
                           .rejected = b->read - accepted};
    commit_diags(b, true);
    release(b);
}
