/*
 * xlsx.c: the .xlsx reader (see xlsx.h).  The file is read into memory once (its hash
 * and the zip come from the same bytes); every part is checked against the limits
 * before a byte of it is inflated, and inflated no further than it declared.  Parts
 * are parsed by xmlsafe (no DTD, no entities, no network) and walked by local name, so
 * both transitional and strict namespaces read.
 */
#include "ingest/xlsx.h"

#include "model/buffer.h"
#include "model/digest.h"
#include "model/xmlsafe.h"

#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_PART "工作簿部件无效"
#define RESAVE "，请在Excel或WPS中打开后另存为.xlsx再报送"
#define BOMB "，疑为压缩炸弹，拒绝读取"

/* One open workbook. */
typedef struct reader {
    const char *path;       /* as shown in messages */
    zip_t *zip;
    workbook *w;
    diag_list *diags;
    unsigned long long total; /* uncompressed bytes read so far */
    vec strings;            /* const char *: the shared strings */
    vec formats;            /* number_format by cell style index */
} reader;

static bool fail(reader *r, const char *reason)
{
    diag_add(r->diags, DIAG_ERROR, r->path, 0, NULL, NULL, reason);
    return false;
}

/* ---- the zip ---- */

/* Checks every entry against the limits before anything is inflated. */
static bool check_entries(reader *r)
{
    zip_int64_t count = zip_get_num_entries(r->zip, 0);
    char reason[512];
    if (count > XLSX_MAX_PARTS) {
        snprintf(reason, sizeof reason, "工作簿含%lld个部件，超过上限%d个" BOMB, (long long)count,
                 XLSX_MAX_PARTS);
        return fail(r, reason);
    }
    unsigned long long total = 0;
    for (zip_int64_t i = 0; i < count; i++) {
        zip_stat_t st;
        if (zip_stat_index(r->zip, (zip_uint64_t)i, 0, &st) != 0)
            return fail(r, "工作簿的目录损坏" RESAVE);
        const char *name = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return fail(r, "工作簿的部件已加密（设有密码），无法读取：请去掉密码后另存为.xlsx再报送");
        if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_PART) {
            snprintf(reason, sizeof reason, "工作簿部件“%s”解压后%llu字节，超过单个部件上限%ld字节" BOMB,
                     name, (unsigned long long)st.size, XLSX_MAX_PART);
            return fail(r, reason);
        }
        total += st.size;
    }
    if (total > XLSX_MAX_TOTAL) {
        snprintf(reason, sizeof reason, "工作簿解压后超过%ld字节的总上限" BOMB, XLSX_MAX_TOTAL);
        return fail(r, reason);
    }
    for (zip_int64_t i = 0; i < count; i++) {
        zip_stat_t st;
        if (zip_stat_index(r->zip, (zip_uint64_t)i, 0, &st) != 0)
            return fail(r, "工作簿的目录损坏" RESAVE);
        const char *name = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
        unsigned long long packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        if (st.size > XLSX_RATIO_FLOOR && st.size > packed * XLSX_MAX_RATIO) {
            snprintf(reason, sizeof reason, "工作簿部件“%s”的压缩比超过%d:1（%llu字节解压为%llu字节）" BOMB,
                     name, XLSX_MAX_RATIO, packed, (unsigned long long)st.size);
            return fail(r, reason);
        }
    }
    return true;
}

/* A part that cannot be read: the sheet's error when there is a sheet, else the file's. */
static void part_error(reader *r, const char *reason, const char **sheet_error)
{
    if (sheet_error)
        *sheet_error = reason;
    else
        fail(r, reason);
}

/* Inflates the named part into memory (NUL-terminated, for the caller to free), no
 * further than it declared, nor past the total of all parts read so far (a part that
 * several sheets name is read for each).  Returns NULL with *missing set when there is no such part, or NULL after
 * an error (the sheet's, when sheet_error is given). */
static char *read_part(reader *r, const char *name, size_t *length, bool *missing,
                       const char **sheet_error)
{
    *missing = false;
    zip_int64_t index = zip_name_locate(r->zip, name, 0);
    if (index < 0) {
        *missing = true;
        return NULL;
    }
    zip_stat_t st;
    zip_file_t *file = NULL;
    if (zip_stat_index(r->zip, (zip_uint64_t)index, 0, &st) != 0 ||
        !(file = zip_fopen_index(r->zip, (zip_uint64_t)index, 0))) {
        part_error(r, arena_printf(r->w->memory, "无法解压工作簿部件“%s”" RESAVE, name), sheet_error);
        return NULL;
    }
    if (r->total + st.size > XLSX_MAX_TOTAL) {
        zip_fclose(file);
        part_error(r, arena_printf(r->w->memory, "工作簿解压后超过%ld字节的总上限" BOMB, XLSX_MAX_TOTAL),
                   sheet_error);
        return NULL;
    }
    char *bytes = die_malloc((size_t)st.size + 1);
    zip_int64_t got = zip_fread(file, bytes, st.size);
    char extra;
    bool longer = got == (zip_int64_t)st.size && zip_fread(file, &extra, 1) > 0;
    zip_fclose(file);
    if (got != (zip_int64_t)st.size || longer) {
        free(bytes);
        part_error(r, arena_printf(r->w->memory, "工作簿部件“%s”损坏（解压后的长度与声明不符）" RESAVE,
                                   name), sheet_error);
        return NULL;
    }
    bytes[st.size] = '\0';
    *length = (size_t)st.size;
    r->total += st.size;
    return bytes;
}

/* How many elements and attributes the part may hold at most: its start tags and its
 * equals signs (the tree libxml2 builds costs some 200 bytes for each). */
static size_t markup_count(const char *bytes, size_t length)
{
    size_t n = 0;
    for (const char *p = bytes, *end = bytes + length; p < end; p++)
        n += (*p == '<' && p + 1 < end && p[1] != '/') || *p == '=';
    return n;
}

/* A part parsed as XML, or NULL (missing: *missing; broken or too big for its tree to be
 * held: an error is added, or when sheet_error is given, the error's reason is put there
 * instead). */
static xmlDocPtr parse_part(reader *r, const char *name, bool *missing, const char **sheet_error)
{
    size_t length;
    char *bytes = read_part(r, name, &length, missing, sheet_error);
    if (!bytes)
        return NULL;
    size_t markup = markup_count(bytes, length);
    if (markup > XLSX_MAX_MARKUP) {
        const char *reason = arena_printf(r->w->memory,
            "工作簿部件“%s”含%zu个XML元素和属性，超过上限%ld个，拒绝读取",
            name, markup, XLSX_MAX_MARKUP);
        part_error(r, reason, sheet_error);
        free(bytes);
        return NULL;
    }
    diag_list found;
    diag_init(&found, r->w->memory);
    const char *shown = arena_printf(r->w->memory, "%s:%s", r->path, name);
    xmlDocPtr doc = xmlsafe_parse(bytes, length, shown, LABEL_PART, &found);
    free(bytes);
    if (!doc) {
        const diagnostic *d = diag_at(&found, 0);
        const char *reason = arena_printf(r->w->memory, "工作簿部件“%s”第%ld行无效：%s", name,
                                          d->line, d->reason);
        part_error(r, reason, sheet_error);
    }
    diag_free(&found);
    return doc;
}

/* ---- XML helpers: local names, namespace ignored ---- */

static bool named(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* The attribute's value in the workbook's memory, or NULL. */
static const char *attribute(reader *r, xmlNodePtr node, const char *name)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
        const char *copy = arena_strdup(r->w->memory, value ? (const char *)value : "");
        xmlFree(value);
        return copy;
    }
    return NULL;
}

static const char *content(reader *r, xmlNodePtr node)
{
    xmlChar *text = xmlNodeGetContent(node);
    const char *copy = arena_strdup(r->w->memory, text ? (const char *)text : "");
    xmlFree(text);
    return copy;
}

/* The text of a string item: its <t> elements, without phonetic runs (<rPh>). */
static void item_text(xmlNodePtr node, buffer *out)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (named(c, "rPh"))
            continue;
        if (named(c, "t")) {
            xmlChar *text = xmlNodeGetContent(c);
            if (text)
                buffer_puts(out, (const char *)text);
            xmlFree(text);
        } else if (c->type == XML_ELEMENT_NODE) {
            item_text(c, out);
        }
    }
}

static const char *string_item(reader *r, xmlNodePtr node)
{
    buffer text;
    buffer_init(&text);
    item_text(node, &text);
    const char *copy = arena_strndup(r->w->memory, text.data ? text.data : "", text.length);
    buffer_free(&text);
    return copy;
}

/* ---- workbook parts ---- */

static bool read_shared_strings(reader *r)
{
    bool missing;
    xmlDocPtr doc = parse_part(r, "xl/sharedStrings.xml", &missing, NULL);
    if (!doc)
        return missing; /* a workbook without strings has no such part */
    for (xmlNodePtr si = xmlDocGetRootElement(doc)->children; si; si = si->next)
        if (named(si, "si"))
            *(const char **)vec_push(&r->strings) = string_item(r, si);
    xmlFreeDoc(doc);
    return true;
}

static bool read_styles(reader *r)
{
    bool missing;
    xmlDocPtr doc = parse_part(r, "xl/styles.xml", &missing, NULL);
    if (!doc)
        return missing;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr custom = child(root, "numFmts");
    xmlNodePtr xfs = child(root, "cellXfs");
    for (xmlNodePtr xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
        if (!named(xf, "xf"))
            continue;
        const char *id_text = attribute(r, xf, "numFmtId");
        int id = id_text ? atoi(id_text) : 0;
        number_format format = workbook_format_builtin(id);
        for (xmlNodePtr f = custom ? custom->children : NULL; f; f = f->next) {
            const char *fid = named(f, "numFmt") ? attribute(r, f, "numFmtId") : NULL;
            const char *code = fid && atoi(fid) == id ? attribute(r, f, "formatCode") : NULL;
            if (code)
                format = workbook_format_of_code(code);
        }
        *(number_format *)vec_push(&r->formats) = format;
    }
    xmlFreeDoc(doc);
    return true;
}

static number_format format_of_style(const reader *r, const char *style)
{
    long index = style ? atol(style) : 0;
    if (index >= 0 && (size_t)index < r->formats.count)
        return *(const number_format *)vec_at(&r->formats, (size_t)index);
    return workbook_format_builtin(0);
}

/* ---- a sheet ---- */

/* A number as a spreadsheet saves one: decimal digits, a point, an exponent; not the
 * hexadecimal, infinities, NaNs or blanks that strtod also takes. */
static bool decimal_number(const char *text)
{
    const char *p = text + (*text == '-' || *text == '+');
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        size_t decimals = strspn(p + 1, "0123456789");
        digits += decimals;
        p += 1 + decimals;
    }
    if (digits > 0 && (*p == 'E' || *p == 'e')) {
        p += 1 + (p[1] == '-' || p[1] == '+');
        size_t exponent = strspn(p, "0123456789");
        p += exponent;
        digits = exponent ? digits : 0;
    }
    return digits > 0 && *p == '\0';
}

static void read_cell(reader *r, workbook_sheet *ws, xmlNodePtr c, long row, int column)
{
    const char *type = attribute(r, c, "t");
    xmlNodePtr v = child(c, "v"), f = child(c, "f"), is = child(c, "is");
    workbook *w = r->w;
    if (type && strcmp(type, "inlineStr") == 0) {
        workbook_put(w, ws, row, column, SHEET_CELL_TEXT, is ? string_item(r, is) : "");
    } else if (!v && f) {
        workbook_put(w, ws, row, column, SHEET_CELL_ERROR,
                     arena_printf(w->memory, "=%s", content(r, f)));
    } else if (!v) {
        return; /* an empty cell with a style */
    } else if (type && strcmp(type, "s") == 0) {
        long index = atol(content(r, v));
        if (index >= 0 && (size_t)index < r->strings.count)
            workbook_put(w, ws, row, column, SHEET_CELL_TEXT,
                         *(const char **)vec_at(&r->strings, (size_t)index));
        else
            workbook_put(w, ws, row, column, SHEET_CELL_ERROR, "#REF!"); /* no such string */
    } else if (type && strcmp(type, "b") == 0) {
        workbook_put(w, ws, row, column, SHEET_CELL_TEXT,
                     strcmp(content(r, v), "1") == 0 ? "TRUE" : "FALSE");
    } else if (type && strcmp(type, "e") == 0) {
        workbook_put(w, ws, row, column, SHEET_CELL_ERROR, content(r, v));
    } else if (type && strcmp(type, "d") == 0) {
        const char *iso = content(r, v);
        workbook_put(w, ws, row, column, SHEET_CELL_DATE, arena_strndup(w->memory, iso, 10));
    } else if (type && (strcmp(type, "str") == 0 || strcmp(type, "n") != 0)) {
        workbook_put(w, ws, row, column, SHEET_CELL_TEXT, content(r, v));
    } else {
        const char *text = content(r, v);
        char *end;
        double value = strtod(text, &end);
        if (end == text || *end || !decimal_number(text)) {
            workbook_put(w, ws, row, column, SHEET_CELL_TEXT, text);
            return;
        }
        number_format format = format_of_style(r, attribute(r, c, "s"));
        workbook_put_number(w, ws, row, column, value, &format);
    }
}

static bool too_many(reader *r, workbook_sheet *ws, const char *what, long limit)
{
    ws->error = arena_printf(r->w->memory, "工作表的%s超过上限%ld，拒绝读取", what, limit);
    return false;
}

static bool read_rows(reader *r, workbook_sheet *ws, xmlNodePtr data)
{
    long row = 0;
    for (xmlNodePtr rn = data ? data->children : NULL; rn; rn = rn->next) {
        if (!named(rn, "row"))
            continue;
        const char *number = attribute(r, rn, "r");
        row = number ? atol(number) : row + 1;
        if (row <= 0 || row > WORKBOOK_MAX_ROWS)
            return too_many(r, ws, "行号", WORKBOOK_MAX_ROWS);
        int column = -1;
        for (xmlNodePtr c = rn->children; c; c = c->next) {
            if (!named(c, "c"))
                continue;
            const char *ref = attribute(r, c, "r");
            long ignored;
            if (!ref || !workbook_parse_reference(ref, &column, &ignored))
                column++;
            if ((long)ws->entries.count >= WORKBOOK_MAX_CELLS)
                return too_many(r, ws, "单元格数", WORKBOOK_MAX_CELLS);
            read_cell(r, ws, c, row, column);
        }
    }
    return true;
}

static void read_merges(reader *r, workbook_sheet *ws, xmlNodePtr merges)
{
    for (xmlNodePtr m = merges ? merges->children : NULL; m; m = m->next) {
        const char *ref = named(m, "mergeCell") ? attribute(r, m, "ref") : NULL;
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (!colon)
            continue;
        workbook_merge area;
        char first[32];
        size_t n = (size_t)(colon - ref);
        if (n >= sizeof first)
            continue;
        memcpy(first, ref, n);
        first[n] = '\0';
        if (!workbook_parse_reference(first, &area.left, &area.top) ||
            !workbook_parse_reference(colon + 1, &area.right, &area.bottom) ||
            area.bottom < area.top || area.right < area.left)
            continue;
        if (ws->merges.count >= WORKBOOK_MAX_MERGES) {
            too_many(r, ws, "合并单元格数", WORKBOOK_MAX_MERGES);
            return;
        }
        *(workbook_merge *)vec_push(&ws->merges) = area;
    }
}

static void read_sheet(reader *r, workbook_sheet *ws, const char *part)
{
    bool missing;
    xmlDocPtr doc = parse_part(r, part, &missing, &ws->error);
    if (missing)
        ws->error = arena_printf(r->w->memory, "工作簿缺少工作表部件“%s”" RESAVE, part);
    if (!doc)
        return;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (named(root, "worksheet") && read_rows(r, ws, child(root, "sheetData")))
        read_merges(r, ws, child(root, "mergeCells"));
    xmlFreeDoc(doc);
}

/* The part a relationship of xl/workbook.xml points at, as a zip entry name. */
static const char *sheet_part(reader *r, xmlDocPtr rels, const char *id)
{
    xmlNodePtr root = rels ? xmlDocGetRootElement(rels) : NULL;
    for (xmlNodePtr rel = root ? root->children : NULL; rel; rel = rel->next) {
        const char *rid = named(rel, "Relationship") ? attribute(r, rel, "Id") : NULL;
        if (!rid || strcmp(rid, id) != 0)
            continue;
        const char *target = attribute(r, rel, "Target");
        if (!target)
            return NULL;
        return target[0] == '/' ? target + 1 : arena_printf(r->w->memory, "xl/%s", target);
    }
    return NULL;
}

static bool read_sheets(reader *r, xmlDocPtr book, xmlDocPtr rels)
{
    xmlNodePtr root = xmlDocGetRootElement(book);
    xmlNodePtr properties = child(root, "workbookPr");
    const char *system = properties ? attribute(r, properties, "date1904") : NULL;
    r->w->date1904 = system && (strcmp(system, "1") == 0 || strcmp(system, "true") == 0);
    xmlNodePtr sheets = child(root, "sheets");
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s; s = s->next) {
        if (!named(s, "sheet"))
            continue;
        if (r->w->sheets.count >= WORKBOOK_MAX_SHEETS)
            return fail(r, "工作簿中的工作表超过256个，拒绝读取");
        const char *name = attribute(r, s, "name");
        const char *state = attribute(r, s, "state");
        const char *id = attribute(r, s, "id");
        workbook_sheet *ws = workbook_add_sheet(r->w, name ? name : "?",
                                                state && strcmp(state, "visible") != 0);
        const char *part = id ? sheet_part(r, rels, id) : NULL;
        if (!part)
            ws->error = "工作簿中找不到这张工作表的内容" RESAVE;
        else if (!ws->hidden)
            read_sheet(r, ws, part);
    }
    return true;
}

/* ---- the file ---- */

/* Reads the whole file (at most XLSX_MAX_FILE bytes) and hashes it. */
static char *read_file(reader *r, int fd, size_t *length)
{
    char *bytes;
    if (xmlsafe_read_fd(fd, r->path, XLSX_MAX_FILE, r->w->memory, &bytes, length, r->diags) != 0)
        return NULL;
    digest_bytes(bytes, *length, r->w->sha256);
    return bytes;
}

/* An OLE compound file: what Excel and WPS make of an .xlsx with an opening password. */
static bool is_compound_file(const char *bytes, size_t length)
{
    return length >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

static bool open_zip(reader *r, const char *bytes, size_t length)
{
    if (is_compound_file(bytes, length))
        return fail(r, "工作簿设有打开密码（已加密），无法读取：请在Excel或WPS中取消密码"
                       "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为.xlsx再报送");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes, length, 0, &error);
    r->zip = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : NULL;
    if (!r->zip) {
        if (source)
            zip_source_free(source);
        char reason[512];
        snprintf(reason, sizeof reason, "不是有效的.xlsx工作簿（%s）" RESAVE, zip_error_strerror(&error));
        zip_error_fini(&error);
        return fail(r, reason);
    }
    zip_error_fini(&error);
    return true;
}

bool xlsx_read(int fd, const char *display_path, workbook *w, diag_list *diags)
{
    xmlsafe_init();
    reader r = {.path = display_path, .w = w, .diags = diags};
    vec_init(&r.strings, sizeof(const char *));
    vec_init(&r.formats, sizeof(number_format));
    size_t length;
    const char *bytes = read_file(&r, fd, &length);
    bool ok = bytes && open_zip(&r, bytes, length) && check_entries(&r) &&
              read_shared_strings(&r) && read_styles(&r);
    xmlDocPtr book = NULL, rels = NULL;
    bool missing;
    if (ok) {
        book = parse_part(&r, "xl/workbook.xml", &missing, NULL);
        if (!book && missing)
            fail(&r, "缺少部件“xl/workbook.xml”，不是有效的.xlsx工作簿" RESAVE);
        ok = book != NULL;
    }
    if (ok) {
        rels = parse_part(&r, "xl/_rels/workbook.xml.rels", &missing, NULL);
        ok = (rels || missing) && read_sheets(&r, book, rels);
    }
    xmlFreeDoc(book);
    xmlFreeDoc(rels);
    if (r.zip)
        zip_discard(r.zip);
    vec_free(&r.strings);
    vec_free(&r.formats);
    return ok;
}
