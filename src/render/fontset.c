/*
 * fontset.c: the font set of the renderer: reads fonts/fonts.conf into fallback chains,
 * opens each font file once with HarfBuzz, answers glyph coverage and metrics for the
 * layout (pass 1), collects the characters drawn with each face, and at pass 2 embeds
 * one subset per used face (fontsubset.c) and repairs libharu's output (pdffont_repair.c).
 */
#include "render/fontset_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf_doc.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct font_face {
    const char *path;    /* canonical path */
    const char *written; /* as written in the conf, for messages */
    unsigned index;      /* face index in a collection */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    char ps_name[FONT_PS_NAME_MAX + 1]; /* unique in the set */
    hb_set_t *used;                     /* code points drawn with the face */
    hb_set_t *embedded;                 /* code points of the loaded subset */
    HPDF_Font pdf_font;
    struct face_advance *advances;      /* ADVANCE_MEMO answers of fontset_advance */
} font_face;

/* One remembered answer of fontset_face_for. */
typedef struct face_choice {
    uint32_t key; /* the code point + 1; 0 while empty */
    int face;
} face_choice;

enum { CHOICE_MEMO = 1024 }; /* answers kept per role, by the code point's low bits */

/* One remembered answer of fontset_advance: the layout measures each character many
 * times (to break lines, to align, to draw), and HarfBuzz's lookup is the dearer part. */
typedef struct face_advance {
    uint32_t key; /* the code point + 1; 0 while empty */
    int advance;
} face_advance;

enum { ADVANCE_MEMO = 1024 }; /* per face, by the code point's low bits */

struct fontset {
    arena strings;
    vec faces;              /* of font_face */
    vec chains[ROLE_COUNT]; /* of int, first choice first */
    HPDF_Doc pdf;           /* of the last fontset_embed */
    face_choice memo[ROLE_COUNT][CHOICE_MEMO]; /* chains and faces never change after
                                                  fontset_open: answers stay true */
};

static const char *const ROLE_NAMES[ROLE_COUNT] = {
    "masthead", "title", "body", "heading1", "heading2", "table",
};

const char *font_role_name(font_role role)
{
    return (unsigned)role < ROLE_COUNT ? ROLE_NAMES[role] : "";
}

bool font_role_parse(const char *name, font_role *out)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        if (strcmp(name, ROLE_NAMES[role]) == 0) {
            *out = (font_role)role;
            return true;
        }
    }
    return false;
}

static font_face *face_at(const fontset *set, int face)
{
    if (face < 0 || (size_t)face >= set->faces.count)
        return NULL;
    return vec_at(&set->faces, (size_t)face);
}

/* ---- opening faces ---------------------------------------------------------------- */

typedef struct conf_place {
    const char *conf_path;
    long line;
    diag_list *diags;
} conf_place;

static void warn_skip(const conf_place *at, const char *written, const char *reason)
{
    diag_addf(at->diags, DIAG_WARNING, at->conf_path, at->line, NULL, written,
              "%s，已跳过", reason);
}

static uint16_t table_uint16(hb_face_t *face, hb_tag_t tag, unsigned offset, bool *present)
{
    hb_blob_t *table = hb_face_reference_table(face, tag);
    unsigned length = 0;
    const unsigned char *data = (const unsigned char *)hb_blob_get_data(table, &length);
    uint16_t value = 0;
    *present = data && length >= offset + 2;
    if (*present)
        value = (uint16_t)(data[offset] << 8 | data[offset + 1]);
    hb_blob_destroy(table);
    return value;
}

/* Why libharu 2.3.0 could not embed this face after subsetting, or NULL if it can. */
static const char *unusable_reason(hb_face_t *face)
{
    bool present;
    if (hb_face_get_glyph_count(face) == 0)
        return "不是可用的字体（没有字形）";
    table_uint16(face, HB_TAG('g', 'l', 'y', 'f'), 0, &present);
    if (!present)
        return "不是 TrueType 轮廓（glyf）字体，libharu 无法嵌入";
    uint16_t fs_type = table_uint16(face, HB_TAG('O', 'S', '/', '2'), 8, &present);
    if (!present)
        return "缺少 OS/2 表，libharu 无法嵌入";
    if (fs_type & (0x0002 | 0x0100 | 0x0200))
        return "字体许可（OS/2 fsType）不允许嵌入子集";
    return NULL;
}

/* Letters a PDF name and a PostScript font name can both carry. */
static bool name_char_ok(char c)
{
    return c > 0x20 && c < 0x7F && !strchr("()<>[]{}/%#+", c);
}

static bool ps_name_taken(const fontset *set, const char *name)
{
    for (size_t i = 0; i < set->faces.count; i++)
        if (strcmp(((const font_face *)vec_at(&set->faces, i))->ps_name, name) == 0)
            return true;
    return false;
}

/* The face's PostScript name, reduced to safe letters and made unique in the set: two
 * faces of one name would be taken by libharu for one font. */
static void choose_ps_name(const fontset *set, hb_face_t *face, char *out)
{
    char raw[FONT_PS_NAME_MAX + 1] = "";
    unsigned length = sizeof raw;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, raw);
    size_t kept = 0;
    for (size_t i = 0; raw[i] && kept < FONT_PS_NAME_MAX - 8; i++)
        if (name_char_ok(raw[i]))
            out[kept++] = raw[i];
    out[kept] = '\0';
    if (kept == 0)
        strcpy(out, "Font");
    size_t base_length = strlen(out);
    for (unsigned n = 2; ps_name_taken(set, out); n++)
        snprintf(out + base_length, FONT_PS_NAME_MAX + 1 - base_length, "-%u", n % 100000u);
}

static int find_face(const fontset *set, const char *path, unsigned index)
{
    for (size_t i = 0; i < set->faces.count; i++) {
        const font_face *f = vec_at(&set->faces, i);
        if (f->index == index && strcmp(f->path, path) == 0)
            return (int)i;
    }
    return -1;
}

static hb_blob_t *open_blob(const fontset *set, const char *path)
{
    for (size_t i = 0; i < set->faces.count; i++) {
        const font_face *f = vec_at(&set->faces, i);
        if (strcmp(f->path, path) == 0)
            return hb_blob_reference(f->blob);
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL; /* a FIFO or a device would block or never end */
    errno = 0;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob && (errno == ENOMEM || errno == EMFILE || errno == ENFILE))
        die_exhausted(errno); /* the environment, not the font: no silent swap */
    return blob;
}

/* The face for file (already resolved against the conf's folder), opened once; -1 with
 * a warning when it cannot be used. */
static int add_face(fontset *set, const char *file, unsigned index, const char *written,
                    const conf_place *at)
{
    char canonical[PATH_MAX];
    if (!realpath(file, canonical)) {
        warn_skip(at, written, "字体文件不存在或不可读");
        return -1;
    }
    int existing = find_face(set, canonical, index);
    if (existing >= 0)
        return existing;
    hb_blob_t *blob = open_blob(set, canonical);
    if (!blob) {
        warn_skip(at, written, "字体文件不存在或不可读");
        return -1;
    }
    errno = 0;
    unsigned faces = hb_face_count(blob);
    if (errno == ENOMEM)
        die_oom();
    if (index >= faces) {
        hb_blob_destroy(blob);
        warn_skip(at, written, faces == 0 ? "不是字体文件" : "字体文件里没有这个序号的字体");
        return -1;
    }
    hb_face_t *face = hb_face_create(blob, index);
    const char *reason = unusable_reason(face);
    if (errno == ENOMEM)
        die_oom(); /* not "no such font": no silent swap to the next of the chain */
    if (reason) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        warn_skip(at, written, reason);
        return -1;
    }
    font_face entry = {
        .path = arena_strdup(&set->strings, canonical),
        .written = arena_strdup(&set->strings, written),
        .index = index,
        .blob = blob,
        .face = face,
        .font = hb_font_create(face),
        .upem = hb_face_get_upem(face),
        .used = hb_set_create(),
        .embedded = hb_set_create(),
        .advances = calloc(ADVANCE_MEMO, sizeof(face_advance)),
    };
    if (!entry.advances || entry.font == hb_font_get_empty() ||
        !hb_set_allocation_successful(entry.used) ||
        !hb_set_allocation_successful(entry.embedded))
        die_oom(); /* HarfBuzz's empty objects stand for its allocation failures */
    choose_ps_name(set, face, entry.ps_name);
    *(font_face *)vec_push(&set->faces) = entry;
    return (int)set->faces.count - 1;
}

/* ---- reading the conf ------------------------------------------------------------- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && strchr(" \t\r\n", end[-1]))
        end--;
    *end = '\0';
    return s;
}

/* Splits "file:3" into file and face index 3; no or a non-numeric suffix means face 0.
 * False when the index is out of range. */
static bool split_face_index(char *item, unsigned *index)
{
    *index = 0;
    char *colon = strrchr(item, ':');
    if (!colon || colon[1] == '\0' || strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return true;
    if (strlen(colon + 1) > 4)
        return false;
    *index = (unsigned)atoi(colon + 1);
    *colon = '\0';
    return true;
}

static const char *resolve(fontset *set, const char *conf_dir, const char *file)
{
    if (file[0] == '/')
        return file;
    return arena_printf(&set->strings, "%s/%s", conf_dir, file);
}

static bool parse_item(fontset *set, font_role role, char *item, const char *conf_dir,
                       const conf_place *at)
{
    char *written = trim(item);
    char *file = arena_strdup(&set->strings, written);
    unsigned index;
    if (file[0] == '\0' || !split_face_index(file, &index) || file[0] == '\0') {
        diag_add(at->diags, DIAG_ERROR, at->conf_path, at->line, NULL, written,
                 "不是有效的字体文件写法（应为“文件[:序号]”）");
        return false;
    }
    int face = add_face(set, resolve(set, conf_dir, file), index, written, at);
    if (face >= 0)
        *(int *)vec_push(&set->chains[role]) = face;
    return true;
}

/* Parses one line; false after an error diagnostic. */
static bool parse_line(fontset *set, char *line, const char *conf_dir, long role_lines[],
                       const conf_place *at)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    line = trim(line);
    if (line[0] == '\0')
        return true;
    char *equals = strchr(line, '=');
    if (!equals) {
        diag_add(at->diags, DIAG_ERROR, at->conf_path, at->line, NULL, line,
                 "应为“角色 = 字体文件, …”");
        return false;
    }
    *equals = '\0';
    char *name = trim(line);
    font_role role;
    if (!font_role_parse(name, &role)) {
        diag_add(at->diags, DIAG_ERROR, at->conf_path, at->line, NULL, name,
                 "不是已知的字体角色（masthead、title、body、heading1、heading2、table）");
        return false;
    }
    if (role_lines[role]) {
        diag_addf(at->diags, DIAG_ERROR, at->conf_path, at->line, NULL, name,
                  "字体角色重复（第 %ld 行已写过）", role_lines[role]);
        return false;
    }
    role_lines[role] = at->line;
    bool ok = true;
    for (char *item = equals + 1, *comma; ok && item; item = comma ? comma + 1 : NULL) {
        comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        ok = parse_item(set, role, item, conf_dir, at);
    }
    return ok;
}

static bool parse_conf(fontset *set, FILE *file, const char *conf_path, diag_list *diags)
{
    char *conf_dir = arena_strdup(&set->strings, conf_path);
    char *slash = strrchr(conf_dir, '/');
    if (slash)
        *(slash == conf_dir ? slash + 1 : slash) = '\0';
    else
        conf_dir = ".";

    long role_lines[ROLE_COUNT] = {0};
    conf_place at = {conf_path, 0, diags};
    char *line = NULL;
    size_t capacity = 0;
    bool ok = true;
    while (getline(&line, &capacity, file) >= 0) {
        at.line++;
        ok = parse_line(set, line, conf_dir, role_lines, &at) && ok;
    }
    free(line);
    for (int role = 0; ok && role < ROLE_COUNT; role++) {
        if (set->chains[role].count == 0) {
            diag_addf(diags, DIAG_ERROR, conf_path, role_lines[role], NULL, NULL,
                      "字体角色“%s”没有可用的字体", ROLE_NAMES[role]);
            ok = false;
        }
    }
    return ok;
}

fontset *fontset_open(const char *conf_path, diag_list *diags)
{
    /* Non-blocking open and a regular file only: a FIFO named here must not hang. */
    int fd = open(conf_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    FILE *file = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "r") : NULL;
    if (!file) {
        if (fd >= 0)
            close(fd);
        diag_add(diags, DIAG_ERROR, conf_path, 0, NULL, NULL, "无法读取字体配置文件");
        return NULL;
    }
    fontset *set = calloc(1, sizeof *set);
    if (!set)
        die_oom();
    vec_init(&set->faces, sizeof(font_face));
    for (int role = 0; role < ROLE_COUNT; role++)
        vec_init(&set->chains[role], sizeof(int));
    bool ok = parse_conf(set, file, conf_path, diags);
    fclose(file);
    if (!ok) {
        fontset_close(set);
        return NULL;
    }
    return set;
}

void fontset_close(fontset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->faces.count; i++) {
        font_face *f = vec_at(&set->faces, i);
        hb_set_destroy(f->used);
        hb_set_destroy(f->embedded);
        free(f->advances);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
    }
    vec_free(&set->faces);
    for (int role = 0; role < ROLE_COUNT; role++)
        vec_free(&set->chains[role]);
    arena_free(&set->strings);
    free(set);
}

/* ---- pass 1: coverage, metrics, use ----------------------------------------------- */

static bool in_bmp(uint32_t cp)
{
    return cp <= 0xFFFF;
}

/* Characters drawn with an empty glyph by nature: spaces, controls, invisible marks. */
static bool blank_by_nature(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF;
}

/* True when the face maps cp to a glyph that draws something (WQY MicroHei maps ǘǚǜ to
 * empty glyphs: those fall through to the next face). */
static bool face_draws(const font_face *f, uint32_t cp)
{
    hb_codepoint_t glyph;
    if (!hb_font_get_nominal_glyph(f->font, cp, &glyph))
        return false;
    if (blank_by_nature(cp))
        return true;
    hb_glyph_extents_t extents;
    return hb_font_get_glyph_extents(f->font, glyph, &extents) && extents.width != 0 &&
           extents.height != 0;
}

/* The first face of role's chain that draws cp, or -1. */
static int first_face_drawing(const fontset *set, font_role role, uint32_t cp)
{
    const vec *chain = &set->chains[role];
    for (size_t i = 0; i < chain->count; i++) {
        int face = *(const int *)vec_at(chain, i);
        if (face_draws(face_at(set, face), cp))
            return face;
    }
    return -1;
}

int fontset_face_for(fontset *set, font_role role, uint32_t cp)
{
    if ((unsigned)role >= ROLE_COUNT || !in_bmp(cp))
        return -1;
    face_choice *memo = &set->memo[role][cp % CHOICE_MEMO];
    if (memo->key != cp + 1) {
        errno = 0;
        int face = first_face_drawing(set, role, cp);
        if (errno == ENOMEM)
            die_oom(); /* HarfBuzz reads a table lazily and says "no glyph" when it cannot */
        memo->key = cp + 1;
        memo->face = face;
    }
    return memo->face;
}

/* value font units in 1/1000 em, rounded half away from zero. */
static int thousandths(const font_face *f, long value)
{
    long scaled = value * 1000;
    long half = (long)f->upem / 2;
    return (int)((scaled >= 0 ? scaled + half : scaled - half) / (long)f->upem);
}

int fontset_advance(const fontset *set, int face, uint32_t cp)
{
    const font_face *f = face_at(set, face);
    if (!f)
        return 0;
    face_advance *memo = &f->advances[cp % ADVANCE_MEMO];
    if (in_bmp(cp) && memo->key == cp + 1)
        return memo->advance;
    hb_codepoint_t glyph = 0;
    errno = 0;
    if (!hb_font_get_nominal_glyph(f->font, cp, &glyph))
        glyph = 0;
    int advance = thousandths(f, hb_font_get_glyph_h_advance(f->font, glyph));
    if (errno == ENOMEM)
        die_oom();
    if (in_bmp(cp)) {
        memo->key = cp + 1;
        memo->advance = advance;
    }
    return advance;
}

int fontset_ascender(const fontset *set, int face)
{
    const font_face *f = face_at(set, face);
    hb_font_extents_t extents;
    if (!f || !hb_font_get_h_extents(f->font, &extents))
        return 0;
    return thousandths(f, extents.ascender);
}

int fontset_descender(const fontset *set, int face)
{
    const font_face *f = face_at(set, face);
    hb_font_extents_t extents;
    if (!f || !hb_font_get_h_extents(f->font, &extents))
        return 0;
    return thousandths(f, extents.descender);
}

void fontset_use(fontset *set, int face, uint32_t cp)
{
    font_face *f = face_at(set, face);
    if (f && in_bmp(cp)) {
        hb_set_add(f->used, cp);
        if (!hb_set_allocation_successful(f->used))
            die_oom(); /* a character left out of the subset would be drawn blank */
    }
}

/* ---- pass 2: embedding and repairs ------------------------------------------------ */

static int embed_face(font_face *f, HPDF_Doc pdf, diag_list *diags)
{
    if (HPDF_Doc_FindFontDef(pdf, f->ps_name)) {
        /* libharu would silently hand back the first font of that name. */
        diag_addf(diags, DIAG_ERROR, f->written, 0, NULL, f->ps_name,
                  "文档里已有同名字体（每个文档只能嵌入一次字体集）");
        return -1;
    }
    errno = 0;
    hb_blob_t *subset = font_subset(f->face, f->used, f->ps_name);
    if (!subset && errno == ENOMEM)
        die_oom();
    if (!subset) {
        diag_add(diags, DIAG_ERROR, f->written, 0, NULL, NULL, "HarfBuzz 无法为该字体生成子集");
        return -1;
    }
    hb_face_t *subset_face = hb_face_create(subset, 0);
    hb_face_collect_unicodes(subset_face, f->embedded);
    hb_face_destroy(subset_face);

    char reason[256] = "";
    f->pdf_font = font_load_into_pdf(pdf, subset, reason, sizeof reason);
    hb_blob_destroy(subset);
    if (!f->pdf_font) {
        diag_addf(diags, DIAG_ERROR, f->written, 0, NULL, NULL, "无法载入字体子集：%s", reason);
        return -1;
    }
    return 0;
}

int fontset_embed(fontset *set, HPDF_Doc pdf, diag_list *diags)
{
    if (!HPDF_Doc_FindEncoder(pdf, "UTF-8") && HPDF_UseUTFEncodings(pdf) != HPDF_OK) {
        diag_add(diags, DIAG_ERROR, "", 0, NULL, NULL, "libharu 无法启用 UTF-8 编码");
        return -1;
    }
    if (HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK) {
        diag_add(diags, DIAG_ERROR, "", 0, NULL, NULL, "libharu 无法启用压缩");
        return -1;
    }
    set->pdf = pdf;
    for (size_t i = 0; i < set->faces.count; i++) {
        font_face *f = vec_at(&set->faces, i);
        f->pdf_font = NULL;
        hb_set_clear(f->embedded);
        int status = hb_set_is_empty(f->used) ? 0 : embed_face(f, pdf, diags);
        if (status != 0)
            return status;
    }
    return 0;
}

HPDF_Font fontset_pdf_font(const fontset *set, int face)
{
    const font_face *f = face_at(set, face);
    return f ? f->pdf_font : NULL;
}

int fontset_prepare_save(fontset *set, HPDF_Doc pdf)
{
    if (pdf != set->pdf)
        return -1;
    int status = 0;
    for (size_t i = 0; i < set->faces.count; i++) {
        font_face *f = vec_at(&set->faces, i);
        if (!f->pdf_font)
            continue;
        pdffont_mark_all_glyphs(f->pdf_font);
        if (pdffont_rewrite_tounicode(f->pdf_font, f->embedded) != 0)
            status = -1;
    }
    return status;
}
