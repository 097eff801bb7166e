/*
 * check_fontset.c: the font layer: fonts.conf parsing and fallback, metrics, and a real
 * PDF drawn in every role, checked with poppler's pdffonts/pdftotext/pdftoppm and qpdf:
 * fonts embedded as subsets with a ToUnicode map, text extracted exactly, no warnings,
 * small, and byte-identical across runs.
 */
#include "model/text.h"
#include "render/fontset.h"

#include <check.h>
#include <hb-ot.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONF "tests/data/fonts/roles.conf" /* fixed: fonts/fonts.conf may be edited */
#define GBSN "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
#define GKAI "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define UKAI "/usr/share/fonts/truetype/arphic/ukai.ttc"
#define MICROHEI "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define ZENHEI "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/* 清新培育作案信息经济率 are composite glyphs in WQY MicroHei/ZenHei with components past
 * glyph 32767; ǖǘǚǜ are composites in AR PL UMing; 垟 is not in gbsn00lp.  The characters
 * are drawn without spaces between them: poppler takes evenly spaced characters closer
 * than 0.4 em (WQY's space is 0.3 em) for letter-spaced text and drops the spaces. */
static const char *const SAMPLES[] = {
    "乐清市新兴产业培育发展动态",
    "清新培育作案信息经济率",
    "翁垟街道",
    "ǖǘǚǜ",
    "0123456789",
    "1085",
    "全市 1085 亿元",
};
#define SAMPLE_COUNT (sizeof SAMPLES / sizeof SAMPLES[0])

/* ---- helpers ---------------------------------------------------------------------- */

static char temp_dir[256];

static void make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(temp_dir, sizeof temp_dir, "%s/check_fontset-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(temp_dir));
}

static void remove_temp_dir(void)
{
    char command[1024];
    snprintf(command, sizeof command, "rm -rf '%s'", temp_dir);
    ck_assert_int_eq(system(command), 0);
}

typedef struct path_buffer {
    char text[320];
} path_buffer;

/* The path of name in the test's temporary folder. */
static path_buffer temp_path(const char *name)
{
    path_buffer path;
    snprintf(path.text, sizeof path.text, "%s/%s", temp_dir, name);
    return path;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *data = NULL;
    size_t size = 0, used = 0;
    for (;;) {
        if (used + 4096 + 1 > size) {
            size = size * 2 + 8192;
            data = realloc(data, size);
            ck_assert_ptr_nonnull(data);
        }
        size_t got = fread(data + used, 1, 4096, f);
        used += got;
        if (got == 0)
            break;
    }
    fclose(f);
    data[used] = '\0';
    if (length)
        *length = used;
    return data;
}

/* Runs command with stderr to a file; returns stdout, *err gets stderr, *status the exit
 * status. */
static char *run(const char *command, char **err, int *status)
{
    char full[1024];
    path_buffer err_path = temp_path("stderr.txt");
    snprintf(full, sizeof full, "%s 2>'%s'", command, err_path.text);
    FILE *pipe = popen(full, "r");
    ck_assert_ptr_nonnull(pipe);
    char *out = NULL;
    size_t size = 0, used = 0, got;
    do {
        if (used + 4096 + 1 > size) {
            size = size * 2 + 8192;
            out = realloc(out, size);
            ck_assert_ptr_nonnull(out);
        }
        got = fread(out + used, 1, 4096, pipe);
        used += got;
    } while (got > 0);
    out[used] = '\0';
    int raw = pclose(pipe);
    *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    *err = read_file(err_path.text, NULL);
    return out;
}

/* The first needle in the length bytes at data (which may hold NULs), or NULL. */
static const char *find_bytes(const char *data, size_t length, const char *needle)
{
    size_t needle_length = strlen(needle);
    for (size_t i = 0; i + needle_length <= length; i++)
        if (memcmp(data + i, needle, needle_length) == 0)
            return data + i;
    return NULL;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* ---- roles and conf --------------------------------------------------------------- */

START_TEST(role_names_round_trip)
{
    const char *names[] = {"masthead", "title", "body", "heading1", "heading2", "table"};
    for (int role = 0; role < ROLE_COUNT; role++) {
        font_role parsed = ROLE_COUNT;
        ck_assert_str_eq(font_role_name((font_role)role), names[role]);
        ck_assert(font_role_parse(names[role], &parsed));
        ck_assert_int_eq(parsed, role);
    }
    font_role parsed;
    ck_assert(!font_role_parse("Body", &parsed));
    ck_assert(!font_role_parse("", &parsed));
    ck_assert_str_eq(font_role_name(ROLE_COUNT), "");
}
END_TEST

static fontset *open_conf(const char *conf, arena *strings, diag_list *diags)
{
    diag_init(diags, strings);
    return fontset_open(conf, diags);
}

START_TEST(fallback_and_missing_code_points)
{
    arena strings = {0};
    diag_list diags;
    fontset *set = open_conf(CONF, &strings, &diags);
    ck_assert_ptr_nonnull(set);
    ck_assert_int_eq(diags.items.count, 0);

    int weng = fontset_face_for(set, ROLE_BODY, 0x7FC1);   /* 翁: in gbsn00lp */
    int yang = fontset_face_for(set, ROLE_BODY, 0x579F);   /* 垟: not in gbsn00lp */
    ck_assert_int_ge(weng, 0);
    ck_assert_int_ge(yang, 0);
    ck_assert_int_ne(yang, weng);
    /* one file named by several roles is one face */
    ck_assert_int_eq(fontset_face_for(set, ROLE_TITLE, 0x7FC1), weng);
    ck_assert_int_eq(fontset_face_for(set, ROLE_TABLE, 0x7FC1), weng);
    ck_assert_int_ne(fontset_face_for(set, ROLE_HEADING1, 0x7FC1), weng);
    for (int role = 0; role < ROLE_COUNT; role++) {
        ck_assert_int_eq(fontset_face_for(set, (font_role)role, 0x10FFFD), -1);
        ck_assert_int_eq(fontset_face_for(set, (font_role)role, 0x1F600), -1);
    }
    ck_assert_ptr_null(fontset_pdf_font(set, weng));
    fontset_close(set);
    diag_free(&diags);
    arena_free(&strings);
}
END_TEST

START_TEST(metrics_in_thousandths)
{
    arena strings = {0};
    diag_list diags;
    fontset *set = open_conf(CONF, &strings, &diags);
    ck_assert_ptr_nonnull(set);
    int song = fontset_face_for(set, ROLE_BODY, 0x6E05); /* 清 */
    int hei = fontset_face_for(set, ROLE_HEADING1, 0x6E05);
    ck_assert_int_eq(fontset_advance(set, song, 0x6E05), 1000);
    ck_assert_int_eq(fontset_advance(set, song, '1'), 500);
    ck_assert_int_eq(fontset_advance(set, hei, 0x6E05), 1000);
    ck_assert_int_eq(fontset_advance(set, hei, ' '), 300);
    ck_assert_int_eq(fontset_ascender(set, song), 879);
    ck_assert_int_eq(fontset_descender(set, song), -120);
    ck_assert_int_eq(fontset_ascender(set, hei), 963);
    ck_assert_int_eq(fontset_descender(set, hei), -297);
    ck_assert_int_eq(fontset_advance(set, -1, 0x6E05), 0);
    ck_assert_int_eq(fontset_advance(set, 999, 0x6E05), 0);
    fontset_close(set);
    diag_free(&diags);
    arena_free(&strings);
}
END_TEST

START_TEST(unusable_files_are_skipped_with_a_warning)
{
    make_temp_dir();
    /* gbsn00lp by a path relative to the conf's folder: the same face as by its full path */
    char relative[512] = "";
    for (const char *c = temp_dir; *c; c++)
        if (*c == '/')
            strcat(relative, "../");
    strcat(relative, GBSN + 1);
    path_buffer conf_path = temp_path("fonts.conf");
    const char *conf = conf_path.text;
    char text[2048];
    snprintf(text, sizeof text,
             "# test\n"
             "masthead = missing.ttf, fonts.conf, %s\n"
             "title = " GBSN "\n"
             "body = " GBSN "  # comment\n"
             "heading1 = " GBSN "\n"
             "heading2 = " GBSN "\n"
             "table = " GBSN ", " UMING ":7\n",
             relative);
    write_text(conf, text);
    arena strings = {0};
    diag_list diags;
    fontset *set = open_conf(conf, &strings, &diags);
    ck_assert_ptr_nonnull(set);
    ck_assert_int_eq(diags.items.count, 3);
    const char *expected[][2] = {
        {"missing.ttf", "字体文件不存在或不可读，已跳过"},
        {"fonts.conf", "不是字体文件，已跳过"},
        {UMING ":7", "字体文件里没有这个序号的字体，已跳过"},
    };
    long lines[] = {2, 2, 7};
    for (size_t i = 0; i < 3; i++) {
        const diagnostic *d = diag_at(&diags, i);
        ck_assert_int_eq(d->level, DIAG_WARNING);
        ck_assert_int_eq(d->line, lines[i]);
        ck_assert_str_eq(d->value, expected[i][0]);
        ck_assert_str_eq(d->reason, expected[i][1]);
    }
    ck_assert_int_eq(fontset_face_for(set, ROLE_MASTHEAD, 0x6E05), 0);
    ck_assert_int_eq(fontset_face_for(set, ROLE_TITLE, 0x6E05), 0);
    ck_assert_int_eq(fontset_face_for(set, ROLE_TABLE, 0x6E05), 0);
    ck_assert_int_eq(fontset_face_for(set, ROLE_TABLE, 0x579F), -1);
    fontset_close(set);
    diag_free(&diags);
    arena_free(&strings);
    remove_temp_dir();
}
END_TEST

/* The message of the conf's only error, or "" when it opened. */
static char *conf_error(const char *text, arena *strings)
{
    path_buffer conf_path = temp_path("bad.conf");
    const char *conf = conf_path.text;
    write_text(conf, text);
    diag_list diags;
    fontset *set = open_conf(conf, strings, &diags);
    char *message = "";
    if (set) {
        fontset_close(set);
    } else {
        ck_assert_uint_eq(diag_count(&diags, DIAG_ERROR), 1);
        for (size_t i = 0; i < diags.items.count; i++)
            if (diag_at(&diags, i)->level == DIAG_ERROR)
                message = diag_format(diag_at(&diags, i), strings);
        message += strlen(conf);
    }
    diag_free(&diags);
    return message;
}

START_TEST(conf_errors_name_line_and_value)
{
    make_temp_dir();
    arena strings = {0};
    const char *rest = "title = " GBSN "\nbody = " GBSN "\nheading1 = " GBSN "\n"
                       "heading2 = " GBSN "\ntable = " GBSN "\n";
    char text[2048];
    snprintf(text, sizeof text, "masthead = nothing.ttf, gone.ttc:1\n%s", rest);
    ck_assert_str_eq(conf_error(text, &strings), ":1: 字体角色“masthead”没有可用的字体");
    snprintf(text, sizeof text, "%s", rest);
    ck_assert_str_eq(conf_error(text, &strings), ": 字体角色“masthead”没有可用的字体");
    snprintf(text, sizeof text, "masthead = %s\nfooter = %s\n%s", GBSN, GBSN, rest);
    ck_assert_str_eq(conf_error(text, &strings),
                     ":2: “footer”不是已知的字体角色（masthead、title、body、heading1、heading2、"
                     "table）");
    snprintf(text, sizeof text, "masthead %s\n%s", GBSN, rest);
    ck_assert_str_eq(conf_error(text, &strings),
                     ":1: “masthead " GBSN "”应为“角色 = 字体文件, …”");
    snprintf(text, sizeof text, "masthead = %s\n%stitle = %s\n", GBSN, rest, GBSN);
    ck_assert_str_eq(conf_error(text, &strings), ":7: “title”字体角色重复（第 2 行已写过）");
    snprintf(text, sizeof text, "masthead = %s, \n%s", GBSN, rest);
    ck_assert_str_eq(conf_error(text, &strings),
                     ":1: “”不是有效的字体文件写法（应为“文件[:序号]”）");
    snprintf(text, sizeof text, "masthead = %s:3\n%s", GBSN, rest);
    ck_assert_str_eq(conf_error(text, &strings), ":1: 字体角色“masthead”没有可用的字体");
    arena_free(&strings);
    remove_temp_dir();
}
END_TEST

START_TEST(unreadable_conf_is_an_error)
{
    arena strings = {0};
    diag_list diags;
    ck_assert_ptr_null(open_conf("/nonexistent/fonts.conf", &strings, &diags));
    ck_assert_int_eq(diags.items.count, 1);
    ck_assert_str_eq(diag_format(diag_at(&diags, 0), &strings),
                     "/nonexistent/fonts.conf: 无法读取字体配置文件");
    diag_free(&diags);
    arena_free(&strings);
}
END_TEST

/* ---- the PDF ---------------------------------------------------------------------- */

#define FONT_SIZE 12.0f

static void use_text(fontset *set, font_role role, const char *text)
{
    const char *s = text;
    uint32_t cp;
    while ((cp = utf8_next(&s)) != 0) {
        int face = fontset_face_for(set, role, cp);
        ck_assert_msg(face >= 0, "no face for U+%04X in %s", cp, font_role_name(role));
        fontset_use(set, face, cp);
    }
}

static void show_run(HPDF_Page page, fontset *set, int face, const char *run, float x, float y)
{
    HPDF_Font font = fontset_pdf_font(set, face);
    ck_assert_ptr_nonnull(font);
    ck_assert_int_eq(HPDF_Page_SetFontAndSize(page, font, FONT_SIZE), HPDF_OK);
    ck_assert_int_eq(HPDF_Page_BeginText(page), HPDF_OK);
    ck_assert_int_eq(HPDF_Page_TextOut(page, x, y, run), HPDF_OK);
    ck_assert_int_eq(HPDF_Page_EndText(page), HPDF_OK);
}

/* Draws text at (x, y), one run per face, placed with the fontset's advances. */
static void draw_text(HPDF_Page page, fontset *set, font_role role, const char *text, float x,
                      float y)
{
    char run[256];
    size_t run_length = 0;
    int run_face = -1;
    float run_x = x;
    const char *s = text;
    for (;;) {
        const char *at = s;
        uint32_t cp = utf8_next(&s);
        int face = cp ? fontset_face_for(set, role, cp) : -1;
        if (run_length > 0 && face != run_face) {
            run[run_length] = '\0';
            show_run(page, set, run_face, run, run_x, y);
            run_length = 0;
            run_x = x;
        }
        if (cp == 0)
            break;
        memcpy(run + run_length, at, (size_t)(s - at));
        run_length += (size_t)(s - at);
        run_face = face;
        x += (float)fontset_advance(set, face, cp) * FONT_SIZE / 1000.0f;
    }
}

static void build_pdf(const char *conf, const char *path)
{
    arena strings = {0};
    diag_list diags;
    fontset *set = open_conf(conf, &strings, &diags);
    ck_assert_ptr_nonnull(set);
    for (int role = 0; role < ROLE_COUNT; role++)
        for (size_t i = 0; i < SAMPLE_COUNT; i++)
            use_text(set, (font_role)role, SAMPLES[i]);

    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    ck_assert_ptr_nonnull(pdf);
    ck_assert_int_eq(fontset_embed(set, pdf, &diags), 0);
    ck_assert_int_eq(diags.items.count, 0);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    float y = HPDF_Page_GetHeight(page) - 40;
    for (int role = 0; role < ROLE_COUNT; role++) {
        for (size_t i = 0; i < SAMPLE_COUNT; i++) {
            draw_text(page, set, (font_role)role, SAMPLES[i], 50, y);
            y -= 16;
        }
        y -= 6;
    }
    ck_assert_int_eq(fontset_prepare_save(set, pdf), 0);
    ck_assert_int_eq(HPDF_SaveToFile(pdf, path), HPDF_OK);
    const char *keep = getenv("CHECK_FONTSET_KEEP"); /* a folder for copies to look at */
    if (keep && *keep) {
        char copy[512];
        snprintf(copy, sizeof copy, "%s/%s", keep, strrchr(path, '/') + 1);
        ck_assert_int_eq(HPDF_SaveToFile(pdf, copy), HPDF_OK);
    }
    HPDF_Free(pdf);
    fontset_close(set);
    diag_free(&diags);
    arena_free(&strings);
}

/* ---- glyphs in the embedded fonts ------------------------------------------------- */

static void count_point(hb_draw_funcs_t *funcs, void *count, hb_draw_state_t *state, float x,
                        float y, void *user)
{
    (void)funcs, (void)state, (void)x, (void)y, (void)user;
    ++*(unsigned *)count;
}

static void count_curve(hb_draw_funcs_t *funcs, void *count, hb_draw_state_t *state, float x1,
                        float y1, float x2, float y2, float x3, float y3, void *user)
{
    (void)x2, (void)y2, (void)x3, (void)y3;
    count_point(funcs, count, state, x1, y1, user);
}

static void count_quadratic(hb_draw_funcs_t *funcs, void *count, hb_draw_state_t *state,
                            float x1, float y1, float x2, float y2, void *user)
{
    (void)x2, (void)y2;
    count_point(funcs, count, state, x1, y1, user);
}

/* How many drawing operations the outline of cp takes in font. */
static unsigned outline_size(hb_font_t *font, hb_codepoint_t cp)
{
    hb_draw_funcs_t *funcs = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(funcs, count_point, NULL, NULL);
    hb_draw_funcs_set_line_to_func(funcs, count_point, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(funcs, count_quadratic, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(funcs, count_curve, NULL, NULL);
    hb_codepoint_t glyph;
    unsigned count = 0;
    if (hb_font_get_nominal_glyph(font, cp, &glyph))
        hb_font_get_glyph_shape(font, glyph, funcs, &count);
    hb_draw_funcs_destroy(funcs);
    return count;
}

static hb_font_t *open_font(const char *path, unsigned index)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    ck_assert_msg(blob != NULL, "cannot read %s", path);
    hb_face_t *face = hb_face_create(blob, index);
    hb_font_t *font = hb_font_create(face);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return font;
}

/* The installed font whose PostScript name is name. */
static hb_font_t *original_font(const char *name)
{
    static const struct { const char *path; unsigned index; } files[] = {
        {GBSN, 0}, {GKAI, 0}, {UMING, 0}, {UKAI, 0}, {MICROHEI, 0}, {ZENHEI, 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        hb_font_t *font = open_font(files[i].path, files[i].index);
        char ps_name[128] = "";
        unsigned length = sizeof ps_name;
        hb_ot_name_get_utf8(hb_font_get_face(font), HB_OT_NAME_ID_POSTSCRIPT_NAME,
                            HB_LANGUAGE_INVALID, &length, ps_name);
        if (strcmp(ps_name, name) == 0)
            return font;
        hb_font_destroy(font);
    }
    ck_abort_msg("no installed font is named %s", name);
    return NULL;
}

/* Checks one embedded font file against the installed font: every character it maps is
 * drawn with exactly the outline of the original (a lost component shows as a shorter
 * outline).  Returns how many characters were compared. */
static unsigned compare_outlines(const char *font_path, const char *font_name)
{
    hb_font_t *embedded = open_font(font_path, 0);
    hb_font_t *original = original_font(font_name);
    hb_set_t *unicodes = hb_set_create();
    hb_face_collect_unicodes(hb_font_get_face(embedded), unicodes);
    unsigned compared = 0;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(unicodes, &cp);) {
        unsigned size = outline_size(embedded, cp);
        ck_assert_msg(size == outline_size(original, cp), "U+%04X of %s: %u drawing steps, not %u",
                      cp, font_name, size, outline_size(original, cp));
        ck_assert_msg(size > 0 || cp == ' ', "U+%04X of %s is blank", cp, font_name);
        compared++;
    }
    hb_set_destroy(unicodes);
    hb_font_destroy(original);
    hb_font_destroy(embedded);
    return compared;
}

/* Extracts each embedded font of pdf with qpdf and compares its outlines; returns the
 * number of fonts. */
static int check_embedded_outlines(const char *pdf)
{
    char command[1024], *out, *err;
    int status;
    path_buffer qdf_path = temp_path("fonts.qdf");
    const char *qdf = qdf_path.text;
    snprintf(command, sizeof command, "qpdf --qdf --object-streams=disable '%s' '%s'", pdf, qdf);
    free(run(command, &err, &status));
    ck_assert_int_eq(status, 0);
    free(err);
    size_t length;
    char *text = read_file(qdf, &length);
    int fonts = 0;
    /* In the QDF file each key is on its own line: /FontFile2 n 0 R, then /FontName. */
    for (const char *at = text; (at = find_bytes(at, (size_t)(text + length - at), "/FontFile2 "));
         at++) {
        char font_name[128];
        int object;
        ck_assert_int_eq(sscanf(at, "/FontFile2 %d 0 R\n  /FontName /%*6[A-Z]+%127[^ \n]", &object,
                                font_name), 2);
        path_buffer font_file = temp_path("font.ttf");
        const char *font_path = font_file.text;
        snprintf(command, sizeof command, "qpdf --show-object=%d --filtered-stream-data '%s' >'%s'",
                 object, qdf, font_path);
        out = run(command, &err, &status);
        ck_assert_int_eq(status, 0);
        ck_assert_str_eq(err, "");
        free(out);
        free(err);
        ck_assert_uint_gt(compare_outlines(font_path, font_name), 0);
        fonts++;
    }
    free(text);
    return fonts;
}

static size_t count_lines(const char *text, const char *line)
{
    size_t count = 0, length = strlen(line);
    for (const char *at = text; (at = strstr(at, line)) != NULL; at += length) {
        bool starts = at == text || at[-1] == '\n' || at[-1] == '\f';
        bool ends = at[length] == '\n' || at[length] == '\f' || at[length] == '\0';
        count += starts && ends;
    }
    return count;
}

/* Checks pdffonts' line of every font: embedded subset with a ToUnicode map, each name
 * tagged and distinct.  Returns the number of fonts. */
static int check_pdffonts(const char *pdf)
{
    char command[1024], *err;
    int status;
    snprintf(command, sizeof command, "pdffonts '%s'", pdf);
    char *out = run(command, &err, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(err, "");
    /* name (37) type (18) encoding (17) emb sub uni object ID */
    char *line = strtok(out, "\n");
    ck_assert_ptr_nonnull(line);
    ck_assert(strncmp(line, "name ", 5) == 0);
    ck_assert_ptr_nonnull(strtok(NULL, "\n")); /* ---- */
    char names[16][40];
    int fonts = 0;
    while ((line = strtok(NULL, "\n")) != NULL) {
        ck_assert_msg(strlen(line) > 83, "short line: %s", line);
        ck_assert_msg(strncmp(line + 37, "CID TrueType      Identity-H       yes yes yes", 46) == 0,
                      "pdffonts line: %s", line);
        ck_assert_msg(strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 6 && line[6] == '+',
                      "no subset tag: %s", line);
        ck_assert_int_lt(fonts, 16);
        snprintf(names[fonts], sizeof names[0], "%.36s", line);
        for (int i = 0; i < fonts; i++)
            ck_assert_str_ne(names[i], names[fonts]);
        fonts++;
    }
    free(out);
    free(err);
    return fonts;
}

/* Checks that pdftotext gives back each sample once per role, without a message. */
static void check_text(const char *pdf)
{
    char command[1024], *err;
    int status;
    snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' -", pdf);
    char *out = run(command, &err, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(err, "");
    for (size_t i = 0; i < SAMPLE_COUNT; i++)
        ck_assert_msg(count_lines(out, SAMPLES[i]) == ROLE_COUNT, "“%s” %zu times in:\n%s",
                      SAMPLES[i], count_lines(out, SAMPLES[i]), out);
    free(out);
    free(err);
}

START_TEST(pdf_fonts_are_embedded_subsets_with_unicode)
{
    make_temp_dir();
    path_buffer pdf_path = temp_path("fonts.pdf");
    const char *pdf = pdf_path.text;
    build_pdf(CONF, pdf);
    /* gbsn00lp, uming (垟), wqy-zenhei, gkai00mp, ukai (垟 in 楷体) */
    ck_assert_int_eq(check_pdffonts(pdf), 5);
    ck_assert_int_eq(check_embedded_outlines(pdf), 5);
    remove_temp_dir();
}
END_TEST

START_TEST(pdf_text_extracts_exactly)
{
    make_temp_dir();
    path_buffer pdf_path = temp_path("fonts.pdf");
    const char *pdf = pdf_path.text;
    build_pdf(CONF, pdf);
    check_text(pdf);
    remove_temp_dir();
}
END_TEST

/* The fallback fonts first: WQY's composites with components past glyph 32767, UMing's
 * ǖǘǚǜ built of components, and one face (MicroHei) shared by two roles. */
START_TEST(fallback_fonts_keep_composite_glyphs)
{
    make_temp_dir();
    path_buffer conf_path = temp_path("fallback.conf");
    const char *conf = conf_path.text;
    write_text(conf, "masthead = " UMING ":0\n"
                     "title = " MICROHEI ":0, " UMING ":0\n"
                     "body = " UKAI ":0\n"
                     "heading1 = " ZENHEI ":0\n"
                     "heading2 = " GKAI ", " UKAI ":0\n"
                     "table = " MICROHEI ", " UMING "\n");
    path_buffer pdf_path = temp_path("fallback.pdf");
    const char *pdf = pdf_path.text;
    arena strings = {0};
    diag_list diags;
    fontset *set = open_conf(conf, &strings, &diags);
    ck_assert_ptr_nonnull(set);
    /* MicroHei maps ǘ to an empty glyph: UMing draws it */
    ck_assert_int_ne(fontset_face_for(set, ROLE_TITLE, 0x1D8),
                     fontset_face_for(set, ROLE_TITLE, 0x1D6));
    ck_assert_int_eq(fontset_face_for(set, ROLE_TITLE, 0x1D8),
                     fontset_face_for(set, ROLE_MASTHEAD, 0x1D8));
    ck_assert_int_eq(fontset_face_for(set, ROLE_TABLE, ' '), fontset_face_for(set, ROLE_TITLE, ' '));
    fontset_close(set);
    diag_free(&diags);
    arena_free(&strings);
    build_pdf(conf, pdf);
    ck_assert_int_eq(check_pdffonts(pdf), 5);
    ck_assert_int_eq(check_embedded_outlines(pdf), 5);
    check_text(pdf);
    remove_temp_dir();
}
END_TEST

START_TEST(pdf_renders_and_checks_without_warnings)
{
    make_temp_dir();
    path_buffer pdf_path = temp_path("fonts.pdf");
    const char *pdf = pdf_path.text;
    build_pdf(CONF, pdf);
    char command[1024], *out, *err;
    int status;

    path_buffer page = temp_path("page");
    snprintf(command, sizeof command, "pdftoppm -r 50 -png '%s' '%s'", pdf, page.text);
    out = run(command, &err, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, "");
    free(out);
    free(err);

    snprintf(command, sizeof command, "qpdf --check '%s'", pdf);
    out = run(command, &err, &status);
    ck_assert_msg(status == 0, "qpdf --check exit %d: %s%s", status, out, err);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_null(strstr(out, "WARNING"));
    ck_assert_ptr_nonnull(strstr(out, "No syntax or stream encoding errors found"));
    free(out);
    free(err);
    remove_temp_dir();
}
END_TEST

START_TEST(pdf_is_small_and_reproducible)
{
    make_temp_dir();
    path_buffer first_path = temp_path("first.pdf"), second_path = temp_path("second.pdf");
    const char *first = first_path.text, *second = second_path.text;
    build_pdf(CONF, first);
    build_pdf(CONF, second);
    size_t first_length, second_length;
    char *a = read_file(first, &first_length), *b = read_file(second, &second_length);
    ck_assert_msg(first_length < 60 * 1024, "PDF is %zu bytes", first_length);
    ck_assert_uint_eq(first_length, second_length);
    ck_assert(memcmp(a, b, first_length) == 0);
    ck_assert(!find_bytes(a, first_length, "bulletin-font")); /* no temp names */
    free(a);
    free(b);
    remove_temp_dir();
}
END_TEST

static Suite *fontset_suite(void)
{
    Suite *suite = suite_create("fontset");
    TCase *conf = tcase_create("conf");
    tcase_add_test(conf, role_names_round_trip);
    tcase_add_test(conf, fallback_and_missing_code_points);
    tcase_add_test(conf, metrics_in_thousandths);
    tcase_add_test(conf, unusable_files_are_skipped_with_a_warning);
    tcase_add_test(conf, conf_errors_name_line_and_value);
    tcase_add_test(conf, unreadable_conf_is_an_error);
    suite_add_tcase(suite, conf);
    TCase *pdf = tcase_create("pdf");
    tcase_set_timeout(pdf, 60);
    tcase_add_test(pdf, pdf_fonts_are_embedded_subsets_with_unicode);
    tcase_add_test(pdf, pdf_text_extracts_exactly);
    tcase_add_test(pdf, fallback_fonts_keep_composite_glyphs);
    tcase_add_test(pdf, pdf_renders_and_checks_without_warnings);
    tcase_add_test(pdf, pdf_is_small_and_reproducible);
    suite_add_tcase(suite, pdf);
    return suite;
}

int main(void)
{
    SRunner *runner = srunner_create(fontset_suite());
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
