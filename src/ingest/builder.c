/*
 * builder.c: the record builder's file (see builder.h): its start, its own messages, the
 * settling of its office, period and date sent, the checks of each row against them and
 * against other rows and files, the commit of its records, and its end.  The checks of
 * each row on its own are in builder_row.c.
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
    b->start = store_mark_now(s);
    b->path = arena_strdup(scratch, path);
    diag_init(&b->file_diags, scratch);
    vec_init(&b->pending, sizeof(pending_row));
    vec_init(&b->row_metadata, sizeof(row_metadata));
    vec_init(&b->totals, sizeof(total_cell));
    b->state = arena_alloc(scratch, sizeof *b->state);
    for (size_t i = 0; i < TABLE_MAX_COLUMNS; i++)
        b->column_positions[i] = -1;
    keyset_init(&b->state->records);
    keyset_init(&b->state->breakdowns);
    for (size_t i = 0; i < PHASE_COUNT; i++)
        diag_init(&b->state->row_diags[i], scratch);
    b->state->rows_say.office_index = -1;
}

static void release(builder *b)
{
    vec_free(&b->pending);
    vec_free(&b->row_metadata);
    vec_free(&b->totals);
    keyset_free(&b->state->records);
    keyset_free(&b->state->breakdowns);
    diag_free(&b->file_diags);
    for (size_t i = 0; i < PHASE_COUNT; i++)
        diag_free(&b->state->row_diags[i]);
}

/* The file's records leave the store (it is read again, or not accepted row by row). */
static void drop_records(builder *b)
{
    store_forget_records_since(b->store, &b->start);
}

void builder_restart(builder *b, const builder_metadata *stated)
{
    drop_records(b);
    builder was = *b;
    release(b);
    builder_begin(b, was.plan, was.store, was.scratch, was.file, was.path);
    b->stated = *stated;
    b->sums = was.sums;
    b->today = was.today;
    b->cell_references = was.cell_references;
    b->xml_rows = was.xml_rows;
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

/* ---- the file's metadata ---- */

void builder_row_message(builder *b, row_phase phase, diag_level level, long line,
                         const char *column, const char *value, const char *reason)
{
    diag_add(&b->state->row_diags[phase], level, b->path, line, column, value, reason);
}

/* What the rows say of the file, completed by what the file states outside them. */
static void settle(builder *b, settled *s)
{
    *s = b->state->rows_say;
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
 * than today.  Returns why the file is rejected, or NULL. */
static const char *sender_problem(builder *b, const settled *s)
{
    char reason[512], text[16];
    if (s->office_index < 0) {
        snprintf(reason, sizeof reason, "报送单位“%s”不是计划中的报送单位", s->office);
        return arena_strdup(b->scratch, reason);
    }
    const plan_office *office = &b->plan->offices[s->office_index];
    unsigned bit = b->kind == KIND_PROJECTS   ? KIND_BIT_PROJECTS
                 : b->kind == KIND_PROGRESS   ? KIND_BIT_PROGRESS
                 : b->kind == KIND_ASSESSMENT ? KIND_BIT_ASSESSMENT
                                              : KIND_BIT_QUARTERLY;
    if (!(office->kinds & bit)) {
        snprintf(reason, sizeof reason, "按计划，“%s”不报送%s报表", office->name,
                 record_kind_name(b->kind));
        return arena_strdup(b->scratch, reason);
    }
    if (b->today && s->sent > b->today) {
        snprintf(reason, sizeof reason, "填报日期%s晚于今天", date_format(s->sent, text));
        return arena_printf(b->scratch, "%s（%s），不可能", reason, date_format(b->today, text));
    }
    return NULL;
}

/* Why the file's metadata rejects it whole, or NULL. */
static const char *metadata_problem(builder *b, const settled *s)
{
    if (!b->table)
        return "无法判断文件类型";
    if (!s->office && !s->has_period)
        return "未说明报送单位和报告期";
    if (!s->office)
        return "未说明报送单位（没有“报送单位”列，也没有XML根属性office）";
    if (!s->has_period)
        return "未说明报告期（没有“报告期”列、XML根属性period，"
               "也不在形如2015-09或2015-Q3的文件夹中）";
    if (s->period.quarter && b->kind != KIND_QUARTERLY) {
        char text[16];
        return arena_printf(b->scratch, "报告期%s是季度，本类报表应按月填报",
                            period_format(s->period, text));
    }
    return sender_problem(b, s);
}

static void finish_row(builder *b, const settled *s, long line, const row_metadata *m,
                       bool warned, const any_record *record);

/* The rows that waited for the file's metadata, checked against it in their order. */
static void finish_pending(builder *b, const settled *s)
{
    for (size_t i = 0; i < b->pending.count; i++) {
        const pending_row *r = vec_at(&b->pending, i);
        finish_row(b, s, r->line, vec_at(&b->row_metadata, r->metadata), r->warned, &r->record);
    }
    b->pending.count = 0;
}

/* Whether the rows can settle the file's metadata before its end: not for progress,
 * whose breakdown check needs every row of the file. */
static bool settles_early(const builder *b)
{
    return b->kind != KIND_PROGRESS;
}

/* Whether no row can state the metadata of a column type: the file has no such column. */
static bool never_stated(const builder *b, column_type type)
{
    int column = builder_column_of_type(b->table, type);
    if (column < 0)
        return true;
    if (b->xml_rows)
        return !b->table->columns[column].xml;
    return b->columns_known && b->column_positions[column] < 0;
}

void builder_learn_metadata(builder *b, const row_metadata *m)
{
    builder_state *state = b->state;
    settled *s = &state->rows_say;
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
    /* each is the first row's that states it, or, when no row can, the file's own */
    if (state->settled || !settles_early(b) ||
        !(s->has_period || never_stated(b, COLUMN_PERIOD)) ||
        !(s->office || never_stated(b, COLUMN_OFFICE)) || !(s->sent || never_stated(b, COLUMN_DATE)))
        return;
    state->settled = true;
    settle(b, &state->file_says);
    state->doomed = metadata_problem(b, &state->file_says) != NULL;
    if (state->doomed)
        b->pending.count = 0; /* the end rejects the file, whatever its rows */
    else
        finish_pending(b, &state->file_says);
}

bool builder_doomed(const builder *b)
{
    return b->state->doomed;
}

/* ---- the checks of a row against the file and the other rows ---- */

/* A row being finished: where it is and what became of it. */
typedef struct finishing {
    builder *b;
    const settled *s;
    long line;
    bool rejected, warned;
} finishing;

static void reject_row(finishing *f, row_phase phase, diag_level level, const char *column,
                       const char *value, const char *reason)
{
    builder_row_message(f->b, phase, level, f->line, column, value, reason);
    if (level == DIAG_WARNING)
        f->warned = true;
    else
        f->rejected = true;
}

static bool same_office(const row_metadata *m, const settled *s)
{
    if (m->office_index >= 0 || s->office_index >= 0)
        return m->office_index == s->office_index;
    return strcmp(m->office, s->office) == 0;
}

/* A row whose own 报告期 or 报送单位 disagrees with the file's is rejected; a 填报日期
 * that disagrees is a warning. */
static void check_row_metadata(finishing *f, const row_metadata *m)
{
    builder *b = f->b;
    const settled *s = f->s;
    char text[16], reason[512];
    if (m->has_period && !period_equal(m->period, s->period)) {
        snprintf(reason, sizeof reason, "与本文件的报告期%s不一致", period_format(s->period, text));
        reject_row(f, PHASE_METADATA, DIAG_ERROR, "报告期", m->period_text, reason);
    }
    if (m->office && !same_office(m, s)) {
        const char *name = s->office_index >= 0 ? b->plan->offices[s->office_index].name : s->office;
        snprintf(reason, sizeof reason, "与本文件的报送单位“%s”不一致", name);
        reject_row(f, PHASE_METADATA, DIAG_ERROR, "报送单位", m->office_text, reason);
    }
    if (m->sent && b->today && m->sent > b->today) {
        snprintf(reason, sizeof reason, "晚于今天（%s），不可能", date_format(b->today, text));
        reject_row(f, PHASE_METADATA, DIAG_ERROR, "填报日期", m->sent_text, reason);
    }
    if (m->sent && m->sent != s->sent && !f->rejected) {
        snprintf(reason, sizeof reason, "与本文件的填报日期%s不一致", date_format(s->sent, text));
        reject_row(f, PHASE_METADATA, DIAG_WARNING, "填报日期", m->sent_text, reason);
    }
}

/* The industry a project or progress row is for, or -1 (other kinds: none). */
static int industry_of(const builder *b, const any_record *record)
{
    return b->kind == KIND_PROJECTS ? record->project.industry
         : b->kind == KIND_PROGRESS ? record->progress.industry
                                    : -1;
}

/* A working group sends the rows of the industry it leads: a row for another industry
 * is rejected (it would enter that industry's figures behind its group's back). */
static void check_lead_industry(finishing *f, const any_record *record)
{
    builder *b = f->b;
    const plan_office *office = &b->plan->offices[f->s->office_index];
    int industry = industry_of(b, record);
    if (f->rejected || industry < 0 || industry == office->industry)
        return;
    char reason[512];
    if (office->industry < 0)
        snprintf(reason, sizeof reason, "属于产业“%s”，而报送单位“%s”不牵头任何产业",
                 b->plan->industries[industry].name, office->name);
    else
        snprintf(reason, sizeof reason, "属于产业“%s”，不是报送单位“%s”牵头的“%s”",
                 b->plan->industries[industry].name, office->name,
                 b->plan->industries[office->industry].name);
    reject_row(f, PHASE_LEAD_INDUSTRY, DIAG_ERROR,
               builder_column_name(b, table_column_named(b->table, "所属产业")), NULL, reason);
}

/* A progress row for a unit × industry as a whole is rejected where the file also
 * breaks that unit × industry down by sub-sector: it would be counted twice. */
static void check_breakdown(finishing *f, const any_record *record)
{
    const progress_record *g = &record->progress;
    if (f->b->kind != KIND_PROGRESS || f->rejected || g->subsector >= 0)
        return;
    char key[64], reason[256];
    snprintf(key, sizeof key, "%d|%d", g->unit, g->industry);
    long line = keyset_find(&f->b->state->breakdowns, key);
    if (!line)
        return;
    snprintf(reason, sizeof reason,
             "为空（产业整体），而本文件第%ld行已按细分领域填报同一单位和产业，整体行不计入", line);
    reject_row(f, PHASE_BREAKDOWN, DIAG_ERROR, "细分领域", NULL, reason);
}

/* Adds a row's amounts to the sums the 合计 rows are checked against. */
static void add_to_column_sums(builder *b, const any_record *record)
{
    builder_state *state = b->state;
    state->summed_rows++;
    for (size_t i = 0; i < b->table->count; i++) {
        const table_column *spec = &b->table->columns[i];
        if (spec->type != COLUMN_AMOUNT || spec->field == TABLE_NO_FIELD)
            continue;
        any_record *fields = (any_record *)record;
        if (spec->given == TABLE_NO_FIELD || *(bool *)builder_field(fields, spec->given))
            state->column_sums[i] += *(money *)builder_field(fields, spec->field);
    }
}

/* Whether the row's amounts still fit in the sums of its kind and period over every row
 * accepted so far in the run; a row that would overflow one is rejected here. */
static bool sums_fit(finishing *f, const any_record *record)
{
    builder *b = f->b;
    if (!b->sums)
        return true;
    int column = sums_add_row(b->sums, b->table, f->s->period, b->state->file_sums, record);
    if (column == SUMS_FIT)
        return true;
    char amount[32];
    money_format_wan(*(money *)builder_field((any_record *)record, b->table->columns[column].field),
                     amount);
    reject_row(f, PHASE_SUMS, DIAG_ERROR, builder_column_name(b, column), amount,
               "与同一报告期已接受的数据累加后超出可表示的范围（约9.2×10¹⁴万元），未计入");
    return false;
}

/* ---- the commit of a record ---- */

static vec *builder_records(const builder *b)
{
    switch (b->kind) {
    case KIND_PROJECTS: return &b->store->projects;
    case KIND_PROGRESS: return &b->store->progress;
    case KIND_ASSESSMENT: return &b->store->assessments;
    default: return &b->store->quarterly;
    }
}

/* The key of a record as a store that keeps keys only keeps it (record_key). */
static const char *key_of(builder *b, const any_record *record)
{
    char text[64];
    if (b->kind == KIND_PROJECTS)
        return record->project.code;
    if (b->kind == KIND_PROGRESS)
        snprintf(text, sizeof text, "%d|%d|%d", record->progress.unit, record->progress.industry,
                 record->progress.subsector);
    else if (b->kind == KIND_ASSESSMENT)
        snprintf(text, sizeof text, "%d", record->assessment.unit);
    else
        return NULL;
    return store_intern(b->store, text, strlen(text));
}

/* Every record type begins with origin, fate, warned and period (a common initial
 * sequence of the union's members), so they are set through one member. */
static void commit_record(builder *b, const settled *s, long line, bool warned,
                          const any_record *record)
{
    if (b->store->keys_only) {
        *(record_key *)vec_push(&b->store->keys) =
            (record_key){key_of(b, record), line, FATE_ACCEPTED, warned};
        return;
    }
    vec *records = builder_records(b);
    any_record *kept = vec_push(records);
    memcpy(kept, record, records->item_size);
    project_record *head = &kept->project;
    head->origin = (provenance){b->file, line};
    head->fate = FATE_ACCEPTED;
    head->warned = warned;
    head->period = b->kind == KIND_QUARTERLY ? period_quarter_of(s->period) : s->period;
    if (b->kind == KIND_QUARTERLY && !kept->quarterly.unit) /* the office is of the plan */
        kept->quarterly.unit = b->plan->offices[s->office_index].name;
}

/* Checks a row that passed its own checks against the file's metadata and the other
 * rows, and commits its record when it passes. */
static void finish_row(builder *b, const settled *s, long line, const row_metadata *m,
                       bool warned, const any_record *record)
{
    finishing f = {b, s, line, false, warned};
    check_row_metadata(&f, m);
    check_lead_industry(&f, record);
    check_breakdown(&f, record);
    if (f.rejected)
        return;
    add_to_column_sums(b, record);
    if (!sums_fit(&f, record))
        return;
    commit_record(b, s, line, f.warned, record);
    b->state->accepted++;
    b->state->warned += f.warned;
}

void builder_take_row(builder *b, long line, size_t metadata, bool warned,
                      const any_record *record)
{
    builder_state *state = b->state;
    if (state->doomed)
        return;
    if (state->settled) {
        finish_row(b, &state->file_says, line, vec_at(&b->row_metadata, metadata), warned, record);
        return;
    }
    pending_row *r = vec_push(&b->pending);
    r->line = line;
    r->metadata = metadata;
    r->warned = warned;
    memcpy(&r->record, record, sizeof r->record);
}

/* ---- the end of the file ---- */

/* Each amount of a 合计/总计 row against the sum of the accepted rows. */
static void check_totals(builder *b)
{
    for (size_t i = 0; i < b->totals.count; i++) {
        const total_cell *t = vec_at(&b->totals, i);
        long rows = b->state->summed_rows;
        __int128 sum = b->state->column_sums[t->column];
        __int128 difference = t->amount - sum;
        if (difference <= TOTAL_TOLERANCE && difference >= -TOTAL_TOLERANCE)
            continue;
        if (sum > INT64_MAX || sum < INT64_MIN || difference > INT64_MAX || difference < -INT64_MAX)
            continue; /* sums beyond 9.2e18 元 were refused row by row already */
        char sum_text[32], difference_text[32], reason[512];
        money_format_wan((money)sum, sum_text);
        money_format_wan((money)(difference < 0 ? -difference : difference), difference_text);
        snprintf(reason, sizeof reason, "与本文件已接受的%ld行数据之和%s万元相差%s万元，以数据行为准",
                 rows, sum_text, difference_text);
        builder_row_message(b, PHASE_TOTAL, DIAG_WARNING, t->line,
                            builder_column_name(b, t->column), t->shown, reason);
    }
}

/* Row messages in line order, then phase, then as added, after the file's own. */
typedef struct ordered_diag {
    const diagnostic *d;
    int phase;
    size_t index;
} ordered_diag;

static int compare_ordered(const void *x, const void *y)
{
    const ordered_diag *a = x, *b = y;
    if (a->d->line != b->d->line)
        return a->d->line < b->d->line ? -1 : 1;
    if (a->phase != b->phase)
        return a->phase < b->phase ? -1 : 1;
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
    size_t n = 0;
    for (int phase = 0; phase < PHASE_COUNT && with_rows; phase++)
        n += b->state->row_diags[phase].items.count;
    if (n == 0)
        return;
    ordered_diag *order = malloc(n * sizeof *order);
    if (!order)
        die_oom();
    size_t k = 0;
    for (int phase = 0; phase < PHASE_COUNT; phase++)
        for (size_t i = 0; i < b->state->row_diags[phase].items.count; i++)
            order[k++] = (ordered_diag){diag_at(&b->state->row_diags[phase], i), phase, i};
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
        drop_records(b);
        f->kind = b->kind;
        f->rejected_whole = !readable;
        f->rows = (row_counts){0};
        commit_diags(b, false);
        release(b);
        return;
    }
    settled s;
    settle(b, &s);
    const char *problem = b->rejected_reason ? NULL : metadata_problem(b, &s);
    if (problem)
        builder_reject_file(b, 0, problem);
    fill_file(b, &s);
    if (b->rejected_reason) {
        drop_records(b);
        finish_rejected_file(b, f);
        commit_diags(b, false);
        release(b);
        return;
    }
    finish_pending(b, &s);
    check_totals(b);
    if (b->sums)
        sums_add_file(b->sums, b->table, s.period, b->state->file_sums);
    long accepted = b->state->accepted;
    f->rows = (row_counts){.read = b->read, .accepted = accepted, .warned = b->state->warned,
                           .rejected = b->read - accepted};
    f->first_key = b->start.keys;
    f->key_count = b->store->keys.count - b->start.keys;
    commit_diags(b, true);
    release(b);
}
