/*
 * biff.h: the workbook stream of an .xls file (BIFF8, as Excel 97–2003, WPS and
 * LibreOffice save it) read record by record into a workbook (workbook.h): the sheets
 * with their hidden state, strings, numbers through their cell's number format (dates,
 * percents, fixed decimals, in either date system), booleans, a formula's cached result
 * and merged cells; the same cells as the .xlsx reader hands over.
 */
#ifndef BULLETIN_BIFF_H
#define BULLETIN_BIFF_H

#include "ingest/workbook.h"

#include <stddef.h>

#define BIFF_RESAVE "，请在Excel或WPS中打开后另存为.xlsx再报送"
#define BIFF_ENCRYPTED_REASON                                                            \
    "工作簿设有打开密码（已加密），无法读取：请在Excel或WPS中取消密码"                   \
    "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再报送"
#define BIFF_OLD_REASON "是Excel 95或更早的工作簿（BIFF5及以前），无法读取" BIFF_RESAVE

/* Reads the stream into w.  Returns NULL when the workbook could be read (a sheet that
 * could not be read has its error), else why not and what to do (encrypted, older than
 * BIFF8, broken). */
const char *biff_read(const unsigned char *stream, size_t size, workbook *w);

#endif
