/*
 * main.c: the bulletin command.  Picks the subcommand and hands it the arguments; each
 * subcommand (src/cmd/) returns the exit status that outputs.md §1 lists.
 */
#include "cmd/cmd.h"
#include "cmd/timing.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void print_usage(FILE *to)
{
    fputs("用法：\n"
          "  bulletin run     [--period YYYY-MM]  [--input DIR] [--plan FILE] [--output DIR]\n"
          "                   [--template FILE] [--now YYYY-MM-DD] [-v]\n"
          "  bulletin quarter [--quarter YYYY-Qn] [--input DIR] [--plan FILE] [--output DIR]\n"
          "                   [--template FILE] [--now YYYY-MM-DD] [-v]\n"
          "  bulletin year    [--year YYYY] [--input DIR] [--plan FILE] [--output DIR]\n"
          "                   [--template FILE] [--now YYYY-MM-DD] [-v]\n"
          "  bulletin status  [--period YYYY-MM] [--format csv] [--input DIR] [--plan FILE]\n"
          "                   [--now YYYY-MM-DD]\n"
          "  bulletin forms   [--period YYYY-MM] [--input DIR] [--plan FILE] [--output DIR]\n"
          "                   [--now YYYY-MM-DD]\n"
          "  bulletin check   FILE|DIR...\n"
          "  bulletin verify  [-v] ARCHIVE_DIR\n"
          "  bulletin --help | --version\n"
          "退出状态：0 完成；3 完成但有拒收、警告或缺报；64 用法错误；65 计划或模板无效\n"
          "（verify：归档与清单不符）；66 没有输入；71 内存或可打开文件数不足；73 无法写入输出；\n"
          "75 另一个运行持有锁。\n"
          "详见 man bulletin。\n",
          to);
}

/* True when the arguments ask for help (before a "--"). */
static bool asks_for_help(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

int main(int argc, char **argv)
{
    /* Over a file size limit (ulimit -f), write() must fail with EFBIG and the run exit
     * 73 with the previous files whole, not be killed by SIGXFSZ half-way. */
    signal(SIGXFSZ, SIG_IGN);
    timing_start();
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (asks_for_help(argc, argv)) {
        print_usage(stdout);
        return 0;
    }
    if (strcmp(command, "--version") == 0) {
        printf("bulletin %s\n", BULLETIN_VERSION);
        return 0;
    }
    if (strcmp(command, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(command, "quarter") == 0)
        return cmd_quarter(argc - 1, argv + 1);
    if (strcmp(command, "verify") == 0)
        return cmd_verify(argc - 1, argv + 1);
    if (strcmp(command, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(command, "year") == 0)
        return cmd_year(argc - 1, argv + 1);
    if (strcmp(command, "status") == 0)
        return cmd_status(argc - 1, argv + 1);
    if (strcmp(command, "forms") == 0)
        return cmd_forms(argc - 1, argv + 1);
    fprintf(stderr, "bulletin: 未知的子命令“%s”\n", command);
    print_usage(stderr);
    return EXIT_USAGE;
}
