/*
 * xls.c: the .xls reader (see xls.h).  The bytes are read once from the descriptor for
 * the hash and the signature; FreeXL, which takes a path, opens the same open file
 * through /proc/self/fd.  Every sheet is read cell by cell within the workbook limits.
 */
#include "ingest/xls.h"

#include "model/digest.h"
#include "model/xmlsafe.h"

#include <freexl.h>

#include <stdio.h>
#include <string.h>

#define RESAVE "，请在Excel或WPS中打开后另存为.xlsx再报送"

static bool fail(diag_list *diags, const char *path, const char *reason)
{
    diag_add(diags, DIAG_ERROR, path, 0, NULL, NULL, reason);
    return false;
}

/* Checks the signature: a compound file, not a zip under the wrong name. */
static bool check_signature(const char *bytes, size_t length, const char *path, diag_list *diags)
{
    if (length >= 4 && memcmp(bytes, "PK\3\4", 4) == 0)
        return fail(diags, path, "文件实为.xlsx工作簿，扩展名却是.xls：请把扩展名改为.xlsx后再报送");
    if (length < 8 || memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) != 0)
        return fail(diags, path, "不是有效的.xls工作簿（文件开头不是Excel 97–2003的格式）" RESAVE);
    return true;
}

static bool check_workbook(const void *handle, const char *path, workbook *w, diag_list *diags)
{
    unsigned int version = 0, password = 0, mode = 0;
    freexl_get_info(handle, FREEXL_BIFF_VERSION, &version);
    freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password);
    freexl_get_info(handle, FREEXL_BIFF_DATEMODE, &mode);
    if (password == FREEXL_BIFF_OBFUSCATED)
        return fail(diags, path, "工作簿设有打开密码（已加密），无法读取：请在Excel或WPS中取消密码"
                                 "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再报送");
    if (version != FREEXL_BIFF_VER_8) {
        char reason[256];
        snprintf(reason, sizeof reason, "是Excel 95或更早的工作簿（BIFF%u），无法读取" RESAVE, version);
        return fail(diags, path, reason);
    }
    w->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
    return true;
}

static void put_value(workbook *w, workbook_sheet *s, long row, int column,
                      const FreeXL_CellValue *v)
{
    char text[32];
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(text, sizeof text, "%d", v->value.int_value);
        workbook_put(w, s, row, column, SHEET_CELL_BARE, text);
        break;
    case FREEXL_CELL_DOUBLE:
        workbook_general(v->value.double_value, text);
        workbook_put(w, s, row, column, SHEET_CELL_BARE, text);
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        workbook_put(w, s, row, column, SHEET_CELL_TEXT, v->value.text_value);
        break;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        snprintf(text, sizeof text, "%.10s", v->value.text_value);
        workbook_put(w, s, row, column, SHEET_CELL_DATE, text);
        break;
    default:
        break;
    }
}

static void read_sheet(const void *handle, unsigned short index, workbook *w)
{
    const char *name = NULL;
    freexl_get_worksheet_name(handle, index, &name);
    workbook_sheet *s = workbook_add_sheet(w, name ? name : "?", false);
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(handle, index) != FREEXL_OK ||
        freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK) {
        s->error = "无法读取这张工作表" RESAVE;
        return;
    }
    if ((long)rows * columns > WORKBOOK_MAX_CELLS) {
        s->error = "工作表的单元格数超过上限，拒绝读取";
        return;
    }
    for (unsigned int r = 0; r < rows; r++)
        for (unsigned short c = 0; c < columns; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(handle, r, c, &v) == FREEXL_OK)
                put_value(w, s, (long)r + 1, c, &v);
        }
}

bool xls_read(int fd, const char *display_path, workbook *w, diag_list *diags)
{
    char *bytes;
    size_t length;
    w->encoding = "BIFF8";
    if (xmlsafe_read_fd(fd, display_path, XLS_MAX_FILE, w->memory, &bytes, &length, diags) != 0)
        return false;
    digest_bytes(bytes, length, w->sha256);
    if (!check_signature(bytes, length, display_path, diags))
        return false;
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    const void *handle = NULL;
    int status = freexl_open(self, &handle);
    bool ok = status == FREEXL_OK;
    if (!ok) {
        char reason[256];
        snprintf(reason, sizeof reason, "不是有效的.xls工作簿或文件已损坏（FreeXL错误%d）" RESAVE, status);
        fail(diags, display_path, reason);
    }
    unsigned int sheets = 0;
    ok = ok && check_workbook(handle, display_path, w, diags) &&
         freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheets) == FREEXL_OK;
    if (ok && sheets > WORKBOOK_MAX_SHEETS)
        ok = fail(diags, display_path, "工作簿中的工作表超过256个，拒绝读取");
    for (unsigned int i = 0; ok && i < sheets; i++)
        read_sheet(handle, (unsigned short)i, w);
    if (handle)
        freexl_close(handle);
    return ok;
}
