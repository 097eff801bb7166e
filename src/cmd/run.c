/*
 * run.c: `bulletin run`: ingest the input folder, aggregate the period, write the
 * bulletin and the files beside it into <output>/YYYY-MM/.
 */
#include "cmd/cmd.h"

#include <stdio.h>

int cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("bulletin run: not yet\n", stderr);
    return EXIT_NOINPUT;
}
