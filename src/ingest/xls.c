/*
 * xls.c: the .xls reader (see xls.h).  The bytes are read once, hashed and checked for
 * the compound file's signature; the Workbook stream is taken out of the compound file
 * (ole.h) and read record by record (biff.h).
 */
#include "ingest/xls.h"

#include "ingest/biff.h"
#include "ingest/ole.h"
#include "model/digest.h"
#include "model/xmlsafe.h"

#include <string.h>

#define NOT_COMPOUND "不是有效的.xls工作簿（文件开头不是Excel 97–2003的格式）" BIFF_RESAVE
#define BROKEN_CONTAINER "不是有效的.xls工作簿或文件已损坏（复合文件结构无效）" BIFF_RESAVE
#define NO_WORKBOOK "不是有效的.xls工作簿（文件中没有工作簿数据）" BIFF_RESAVE
#define BROKEN_STREAM "不是有效的.xls工作簿或文件已损坏（工作簿数据不完整）" BIFF_RESAVE

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
        return fail(diags, path, NOT_COMPOUND);
    return true;
}

/* Why a compound file holds no Workbook stream: an Excel 95 one (Book), an encrypted
 * .xlsx (EncryptedPackage), or something else altogether. */
static const char *no_workbook(const ole_file *f)
{
    if (ole_find(f, "Book") >= 0)
        return BIFF_OLD_REASON;
    if (ole_find(f, "EncryptedPackage") >= 0)
        return BIFF_ENCRYPTED_REASON;
    return NO_WORKBOOK;
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
    ole_file f;
    if (!ole_open(&f, (const unsigned char *)bytes, length, w->memory))
        return fail(diags, display_path, BROKEN_CONTAINER);
    long entry = ole_find(&f, "Workbook");
    if (entry < 0)
        return fail(diags, display_path, no_workbook(&f));
    unsigned char *stream;
    size_t size;
    if (!ole_read(&f, entry, &stream, &size))
        return fail(diags, display_path, BROKEN_STREAM);
    const char *reason = biff_read(stream, size, w);
    return reason ? fail(diags, display_path, reason) : true;
}
