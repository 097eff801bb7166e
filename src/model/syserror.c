/*
 * syserror.c: Chinese words for the error numbers a run can meet on files, folders, the
 * disk and the process's limits (see syserror.h).
 */
#include "model/syserror.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const struct {
    int error;
    const char *text;
} known_errors[] = {
    {ENOENT, "文件或文件夹不存在"},
    {EACCES, "没有权限"},
    {EPERM, "操作不被允许"},
    {ENOTDIR, "路径中有一项不是文件夹"},
    {EISDIR, "是文件夹而不是文件"},
    {EEXIST, "已存在同名的文件或文件夹"},
    {ENOTEMPTY, "文件夹不是空的"},
    {ENOSPC, "磁盘已满"},
    {EDQUOT, "超出磁盘配额"},
    {EFBIG, "文件超出大小限制"},
    {EROFS, "文件系统只读"},
    {EIO, "磁盘读写出错"},
    {ENAMETOOLONG, "文件名过长"},
    {ELOOP, "符号链接层数过多"},
    {EXDEV, "不能跨文件系统改名"},
    {EBUSY, "文件或文件夹正被占用"},
    {ETXTBSY, "文件正被占用"},
    {EMFILE, "可同时打开的文件数已达上限"},
    {ENFILE, "系统可同时打开的文件数已达上限"},
    {ENOMEM, "内存不足"},
    {EINVAL, "参数无效"},
};

const char *system_error_text(int error)
{
    static _Thread_local char other[160];
    for (size_t i = 0; i < sizeof known_errors / sizeof known_errors[0]; i++)
        if (known_errors[i].error == error)
            return known_errors[i].text;
    snprintf(other, sizeof other, "系统错误 %d（%s）", error, strerror(error));
    return other;
}
