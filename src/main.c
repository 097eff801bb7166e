/*
 * main.c: the bulletin command.  Picks the subcommand and hands it the arguments; each
 * subcommand (src/cmd/) returns the exit status that outputs.md §1 lists.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

static void print_usage(FILE *to)
{
    fputs("用法：\n"
          "  bulletin run     [--period YYYY-MM] [--input DIR] [--plan FILE] [--output DIR]\n"
          "                   [--template FILE] [--now YYYY-MM-DD] [-v]\n"
          "  bulletin --help | --version\n",
          to);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        print_usage(stdout);
        return 0;
    }
    if (strcmp(command, "--version") == 0) {
        printf("bulletin %s\n", BULLETIN_VERSION);
        return 0;
    }
    if (strcmp(command, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(command, "check") == 0) return cmd_check(argc - 1, argv + 1);
    fprintf(stderr, "bulletin: 未知的子命令“%s”\n", command);
    print_usage(stderr);
    return EXIT_USAGE;
}
