/*
 * workbook.c: what both workbook readers share (see workbook.h): cells shown as Excel
 * shows them, and the walk that reads each sheet as a submission through sheet.h,
 * row by row, with merged cells filled in.
 */
#include "ingest/workbook.h"

#include "model/store.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HIDDEN_NOTE "隐藏的工作表，已跳过（要读入它，请在表格软件中取消隐藏后重新报送）"
#define EMPTY_NOTE "空工作表，已跳过"
#define NO_SHEET_REASON "工作簿中没有可读的工作表（都是空表或隐藏的表）"
#define REPEATED_NAME_REASON "工作簿中有两张工作表都名为“%s”（Excel不允许同名），无法区分，拒绝读取：" \
                             "请给其中一张改名后重新报送"

void workbook_init(workbook *w, arena *memory)
{
    memset(w, 0, sizeof *w);
    w->memory = memory;
    w->encoding = "UTF-8";
    vec_init(&w->sheets, sizeof(workbook_sheet));
}

void workbook_free(workbook *w)
{
    for (size_t i = 0; i < w->sheets.count; i++) {
        workbook_sheet *s = vec_at(&w->sheets, i);
        vec_free(&s->entries);
        vec_free(&s->merges);
    }
    vec_free(&w->sheets);
}

workbook_sheet *workbook_add_sheet(workbook *w, const char *name, bool hidden)
{
    workbook_sheet *s = vec_push(&w->sheets);
    memset(s, 0, sizeof *s);
    s->name = arena_strdup(w->memory, name);
    s->hidden = hidden;
    vec_init(&s->entries, sizeof(workbook_entry));
    vec_init(&s->merges, sizeof(workbook_merge));
    return s;
}

void workbook_put(workbook *w, workbook_sheet *s, long row, int column, sheet_cell_kind kind,
                  const char *text)
{
    if (!text[0])
        return;
    if (column >= WORKBOOK_MAX_COLUMNS) {
        s->beyond_columns = true;
        return;
    }
    workbook_entry *e = vec_push(&s->entries);
    e->row = row;
    e->column = column;
    e->cell = (sheet_cell){arena_strdup(w->memory, text), kind, NULL};
}

/* ---- numbers and dates ---- */

void workbook_general(double value, char *out)
{
    if (value == 0) { /* also -0 */
        strcpy(out, "0");
        return;
    }
    snprintf(out, 32, "%.15G", value);
}

/* Days from 1970-01-01 to y-m-d and back (the proleptic Gregorian calendar). */
static void civil_from_days(long days, int *year, int *month, int *day)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

bool workbook_serial_date(double serial, bool date1904, int *year, int *month, int *day)
{
    if (!(serial >= 0) || serial >= 2958466)
        return false;
    long whole = (long)floor(serial);
    if (date1904) {
        civil_from_days(whole - 24107, year, month, day); /* 1904-01-01 is day -24107 */
        return true;
    }
    if (whole == 60) { /* Lotus's 1900-02-29, which Excel keeps */
        *year = 1900, *month = 2, *day = 29;
        return true;
    }
    if (whole == 0) { /* Excel shows 1900-01-00 */
        *year = 1900, *month = 1, *day = 0;
        return true;
    }
    civil_from_days(whole - 25569 + (whole < 60), year, month, day); /* 1899-12-30 + n */
    return true;
}

/* Pads a General rendering to the decimals and integer digits a fixed format shows. */
static void pad_fixed(char *text, size_t capacity, const number_format *f)
{
    if (strchr(text, 'E'))
        return;
    char *dot = strchr(text, '.');
    size_t shown = dot ? strlen(dot + 1) : 0;
    size_t length = strlen(text);
    if (f->decimals > 0 && shown < (size_t)f->decimals && length + f->decimals + 2 < capacity) {
        if (!dot)
            text[length++] = '.';
        while (shown++ < (size_t)f->decimals)
            text[length++] = '0';
        text[length] = '\0';
    }
    bool negative = text[0] == '-';
    char *digits = text + negative;
    size_t integer = strcspn(digits, ".");
    if (f->digits > (int)integer && length + (size_t)f->digits < capacity) {
        size_t pad = (size_t)f->digits - integer;
        memmove(digits + pad, digits, strlen(digits) + 1);
        memset(digits, '0', pad);
    }
}

void workbook_put_number(workbook *w, workbook_sheet *s, long row, int column, double value,
                         const number_format *format)
{
    char text[96];
    int y, m, d;
    if (format->kind == FORMAT_DATE && workbook_serial_date(value, w->date1904, &y, &m, &d)) {
        if (format->shows_day)
            snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        else
            snprintf(text, sizeof text, "%04d-%02d", y, m);
        workbook_put(w, s, row, column, SHEET_CELL_DATE, text);
        return;
    }
    if (format->kind == FORMAT_PERCENT) {
        workbook_general(value * 100, text);
        strcat(text, "%");
        workbook_put(w, s, row, column, SHEET_CELL_PERCENT, text);
        return;
    }
    workbook_general(value, text);
    if (format->kind == FORMAT_FIXED)
        pad_fixed(text, sizeof text, format);
    workbook_put(w, s, row, column, SHEET_CELL_TEXT, text);
}

number_format workbook_format_of_code(const char *code)
{
    number_format f = {FORMAT_GENERAL, 0, 0, false};
    char plain[256];
    size_t n = 0;
    bool brackets_time = false;
    for (const char *p = code; *p && *p != ';' && n + 1 < sizeof plain; p++) {
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close)
                break;
            p = close;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!*++p)
                break;
        } else if (*p == '[') {
            const char *close = strchr(p, ']');
            if (!close)
                break;
            brackets_time |= strchr("hHmMsS", p[1]) != NULL && p[1] != '\0';
            p = close;
        } else {
            plain[n++] = (char)tolower((unsigned char)*p);
        }
    }
    plain[n] = '\0';
    if (strcmp(plain, "general") == 0 || n == 0)
        return f;
    if (strcmp(plain, "@") == 0) {
        f.kind = FORMAT_TEXT;
        return f;
    }
    bool day = strchr(plain, 'd') != NULL;
    if (day || strchr(plain, 'y') || strchr(plain, 'm') || strchr(plain, 'h') ||
        strchr(plain, 's') || brackets_time || strchr(plain, 'e') == plain) {
        f.kind = FORMAT_DATE;
        f.shows_day = day || !strchr(plain, 'y') || !strchr(plain, 'm');
        return f;
    }
    if (strchr(plain, '%')) {
        f.kind = FORMAT_PERCENT;
        return f;
    }
    f.kind = FORMAT_FIXED;
    const char *dot = strchr(plain, '.');
    if (dot)
        for (const char *p = dot + 1; *p == '0' || *p == '#'; p++)
            f.decimals += *p == '0';
    size_t zeros = strspn(plain, "0");
    if (plain[zeros] == '\0' || plain[zeros] == '.')
        f.digits = (int)zeros;
    return f;
}

number_format workbook_format_builtin(int id)
{
    static const char *const codes[] = {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
        [9] = "0%", [10] = "0.00%", [11] = "0.00E+00", [14] = "yyyy-m-d", [15] = "d-mmm-yy",
        [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "yyyy-m-d h:mm", [27] = "yyyy\"年\"m\"月\"",
        [28] = "m\"月\"d\"日\"", [29] = "m\"月\"d\"日\"", [30] = "m-d-yy",
        [31] = "yyyy\"年\"m\"月\"d\"日\"", [32] = "h\"时\"mm\"分\"", [33] = "h\"时\"mm\"分\"ss\"秒\"",
        [34] = "上午/下午h\"时\"mm\"分\"", [35] = "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        [36] = "yyyy\"年\"m\"月\"", [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)",
        [39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;[Red](#,##0.00)", [45] = "mm:ss",
        [46] = "[h]:mm:ss", [47] = "mm:ss.0", [48] = "##0.0E+0", [49] = "@",
        [50] = "yyyy\"年\"m\"月\"", [51] = "m\"月\"d\"日\"", [52] = "yyyy\"年\"m\"月\"",
        [53] = "m\"月\"d\"日\"", [54] = "m\"月\"d\"日\"", [55] = "上午/下午h\"时\"mm\"分\"",
        [56] = "上午/下午h\"时\"mm\"分\"ss\"秒\"", [57] = "yyyy\"年\"m\"月\"", [58] = "m\"月\"d\"日\"",
    };
    if (id < 0 || (size_t)id >= sizeof codes / sizeof codes[0] || !codes[id])
        return workbook_format_of_code("General");
    return workbook_format_of_code(codes[id]);
}

bool workbook_parse_reference(const char *text, int *column, long *row)
{
    const char *p = text;
    long c = 0;
    if (*p == '$')
        p++;
    while (*p >= 'A' && *p <= 'Z' && c <= 16384)
        c = c * 26 + (*p++ - 'A' + 1);
    if (c == 0 || c > 16384)
        return false;
    *column = (int)(c - 1);
    if (!row)
        return *p == '\0';
    if (*p == '$')
        p++;
    long r = 0;
    if (*p < '1' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9' && r <= WORKBOOK_MAX_ROWS * 16)
        r = r * 10 + (*p++ - '0');
    *row = r;
    return *p == '\0' && r <= 1048576;
}

/* ---- sheets to submissions ---- */

static int compare_entries(const void *x, const void *y)
{
    const workbook_entry *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->column > b->column) - (a->column < b->column);
}

static int compare_merges(const void *x, const void *y)
{
    const workbook_merge *a = x, *b = y;
    if (a->top != b->top)
        return a->top < b->top ? -1 : 1;
    return (a->left > b->left) - (a->left < b->left);
}

/* A merge being walked: where it stands and the cell that fills it. */
typedef struct open_merge {
    workbook_merge area;
    const sheet_cell *first;
} open_merge;

/* The open merges own the columns they cover (below WORKBOOK_MAX_COLUMNS), so no two
 * overlap and at most WORKBOOK_MAX_COLUMNS are open: a row costs no more than its width,
 * however many merges the sheet lists over it. */
typedef struct merge_walk {
    workbook_merge *merges; /* sorted by top, then left */
    size_t count, next;
    open_merge *open;
    size_t open_count;
    bool owned[WORKBOOK_MAX_COLUMNS];
} merge_walk;

static int last_column(const workbook_merge *area)
{
    return area->right < WORKBOOK_MAX_COLUMNS ? area->right : WORKBOOK_MAX_COLUMNS - 1;
}

static void own_columns(merge_walk *m, const workbook_merge *area, bool owned)
{
    for (int c = area->left; c <= last_column(area); c++)
        m->owned[c] = owned;
}

/* Opens the merges that start at or before row, closes those that ended above it; a
 * merge over columns an open one covers (Excel saves none) or past the last column
 * read is left out. */
static void merges_to_row(merge_walk *m, long row)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->open_count; i++) {
        if (m->open[i].area.bottom >= row)
            m->open[kept++] = m->open[i];
        else
            own_columns(m, &m->open[i].area, false);
    }
    m->open_count = kept;
    while (m->next < m->count && m->merges[m->next].top <= row) {
        workbook_merge *area = &m->merges[m->next++];
        bool free_columns = area->bottom >= row && area->left < WORKBOOK_MAX_COLUMNS;
        for (int c = area->left; free_columns && c <= last_column(area); c++)
            free_columns = !m->owned[c];
        if (free_columns) {
            own_columns(m, area, true);
            m->open[m->open_count++] = (open_merge){*area, NULL};
        }
    }
}

/* Blanks the cells that the open merges cover in this row (all but a merge's first
 * cell) and points the ones under that first cell at it; *count grows to reach them. */
static void apply_merges(const merge_walk *m, long row, sheet_cell *cells, size_t *count)
{
    for (size_t i = 0; i < m->open_count; i++) {
        const open_merge *o = &m->open[i];
        for (int c = o->area.left; c <= o->area.right && c < WORKBOOK_MAX_COLUMNS; c++) {
            if (row == o->area.top && c == o->area.left)
                continue;
            if ((size_t)c >= *count) {
                if (c != o->area.left || !o->first)
                    continue;
                for (size_t k = *count; k <= (size_t)c; k++)
                    cells[k] = (sheet_cell){"", SHEET_CELL_TEXT, NULL};
                *count = (size_t)c + 1;
            }
            cells[c] = (sheet_cell){"", SHEET_CELL_TEXT, c == o->area.left ? o->first : NULL};
        }
    }
}

static void feed_rows(const workbook_sheet *ws, arena *scratch, sheet *sh)
{
    size_t n = ws->entries.count;
    workbook_entry *entries = malloc(n * sizeof *entries);
    size_t merge_count = ws->merges.count;
    merge_walk m = {malloc((merge_count + 1) * sizeof *m.merges), merge_count, 0,
                    malloc((merge_count + 1) * sizeof *m.open), 0, {false}};
    if (!entries || !m.merges || !m.open)
        die_oom();
    memcpy(entries, ws->entries.items, n * sizeof *entries);
    qsort(entries, n, sizeof *entries, compare_entries);
    if (merge_count)
        memcpy(m.merges, ws->merges.items, merge_count * sizeof *m.merges);
    qsort(m.merges, merge_count, sizeof *m.merges, compare_merges);
    sheet_cell *cells = arena_alloc(scratch, WORKBOOK_MAX_COLUMNS * sizeof *cells);
    for (size_t i = 0; i < n;) {
        long row = entries[i].row;
        size_t count = 0;
        for (; i < n && entries[i].row == row; i++) {
            int c = entries[i].column;
            for (size_t k = count; k < (size_t)c; k++)
                cells[k] = (sheet_cell){"", SHEET_CELL_TEXT, NULL};
            if ((size_t)c >= count) {
                cells[c] = entries[i].cell;
                count = (size_t)c + 1;
            }
        }
        merges_to_row(&m, row);
        for (size_t k = 0; k < m.open_count; k++) /* a merge's first cell, kept past its row */
            if (m.open[k].area.top == row && m.open[k].area.left < (int)count &&
                cells[m.open[k].area.left].text[0]) {
                sheet_cell *kept = arena_alloc(scratch, sizeof *kept);
                *kept = cells[m.open[k].area.left];
                m.open[k].first = kept;
            }
        apply_merges(&m, row, cells, &count);
        sheet_put_row(sh, row, count, cells);
    }
    free(entries);
    free(m.merges);
    free(m.open);
}

static void sheet_note(store *s, const char *path, const workbook_sheet *ws, const char *reason)
{
    diag_addf(&s->diags, DIAG_NOTE, path, 0, NULL, NULL, "工作表“%s”：%s", ws->name, reason);
}

static void begin_file(builder *b, const char *path, const workbook_context *c, arena *scratch,
                       const unsigned char *sha256, const char *encoding)
{
    int index = store_add_file(c->store, path);
    submission_file *f = store_file(c->store, index);
    memcpy(f->sha256, sha256, sizeof f->sha256);
    f->encoding = encoding;
    builder_begin(b, c->plan, c->store, scratch, index, path);
    b->stated = c->stated;
    b->sums = c->sums;
    b->today = c->today;
}

static void ingest_sheet(const workbook *w, const workbook_sheet *ws, const char *path,
                         const workbook_context *c)
{
    arena scratch = {0};
    builder b;
    const char *name = arena_printf(&scratch, "%s:%s", path, ws->name);
    begin_file(&b, name, c, &scratch, w->sha256, w->encoding);
    if (ws->error) {
        builder_file_error(&b, 0, NULL, NULL, ws->error);
        builder_end(&b, false);
        arena_free(&scratch);
        return;
    }
    if (ws->beyond_columns)
        builder_file_note(&b, 0, NULL, NULL, "第512列以后的单元格未读入");
    sheet *sh = sheet_begin(&b);
    feed_rows(ws, &scratch, sh);
    sheet_end(sh);
    builder_end(&b, true);
    arena_free(&scratch);
}

/* The name of a sheet that another sheet before it also has (Excel allows no two, but
 * a file may), or NULL: each sheet is a submission named by it, so names must differ. */
static const char *repeated_sheet_name(const workbook *w)
{
    for (size_t i = 1; i < w->sheets.count; i++)
        for (size_t k = 0; k < i; k++) {
            const workbook_sheet *a = vec_at(&w->sheets, i), *b = vec_at(&w->sheets, k);
            if (strcasecmp(a->name, b->name) == 0)
                return a->name;
        }
    return NULL;
}

static void refuse_whole(const workbook *w, const char *path, const workbook_context *c,
                         const char *reason)
{
    diag_list diags;
    arena scratch = {0};
    diag_init(&diags, &scratch);
    diag_add(&diags, DIAG_ERROR, path, 0, NULL, NULL, reason);
    workbook_refuse(path, c, w->sha256, &diags);
    diag_free(&diags);
    arena_free(&scratch);
}

int workbook_ingest(const workbook *w, const char *path, const workbook_context *c)
{
    const char *twice = repeated_sheet_name(w);
    if (twice) {
        arena scratch = {0};
        refuse_whole(w, path, c, arena_printf(&scratch, REPEATED_NAME_REASON, twice));
        arena_free(&scratch);
        return 0;
    }
    int made = 0;
    for (size_t i = 0; i < w->sheets.count; i++) {
        const workbook_sheet *ws = vec_at(&w->sheets, i);
        if (ws->hidden) {
            sheet_note(c->store, path, ws, HIDDEN_NOTE);
        } else if (ws->entries.count == 0 && !ws->error) {
            sheet_note(c->store, path, ws, EMPTY_NOTE);
        } else {
            ingest_sheet(w, ws, path, c);
            made++;
        }
    }
    if (made == 0)
        refuse_whole(w, path, c, NO_SHEET_REASON);
    return made;
}

void workbook_refuse(const char *path, const workbook_context *c, const unsigned char *sha256,
                     const diag_list *diags)
{
    arena scratch = {0};
    builder b;
    begin_file(&b, path, c, &scratch, sha256, "unknown");
    for (size_t i = 0; i < diags->items.count; i++) {
        const diagnostic *d = diag_at(diags, i);
        diag_add(&b.file_diags, d->level, path, d->line, d->column, d->value, d->reason);
    }
    builder_end(&b, false);
    arena_free(&scratch);
}
