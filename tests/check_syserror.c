/*
 * check_syserror.c: the Chinese words for system error numbers, and that a number
 * without words of its own still shows its number and the C library's text.
 */
#include "testutil.h"
#include "model/syserror.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

START_TEST(names_the_errors_a_run_meets)
{
    ck_assert_str_eq(system_error_text(ENOSPC), "磁盘已满");
    ck_assert_str_eq(system_error_text(EACCES), "没有权限");
    ck_assert_str_eq(system_error_text(ENOTDIR), "路径中有一项不是文件夹");
    ck_assert_str_eq(system_error_text(EROFS), "文件系统只读");
    ck_assert_str_eq(system_error_text(EFBIG), "文件超出大小限制");
    ck_assert_str_eq(system_error_text(EMFILE), "可同时打开的文件数已达上限");
}
END_TEST

START_TEST(shows_an_unnamed_number_with_the_library_text)
{
    char expected[160];
    snprintf(expected, sizeof expected, "系统错误 %d（%s）", EPIPE, strerror(EPIPE));
    ck_assert_str_eq(system_error_text(EPIPE), expected);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("system errors");
    TCase *tc = tcase_create("system errors");
    tcase_add_test(tc, names_the_errors_a_run_meets);
    tcase_add_test(tc, shows_an_unnamed_number_with_the_library_text);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
