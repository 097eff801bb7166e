/*
 * verify.c: `bulletin verify ARCHIVE_DIR`: re-checks an archived quarter against its
 * manifest.json and names every file that differs, is missing or was added.  Exit 0
 * when the archive is whole, 65 when it is not, 66 when the folder or its manifest
 * cannot be read; it takes no lock and writes nothing.
 */
#include "cmd/cmd.h"
#include "cmd/options.h"

#include "report/archive.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int verify_folder(const char *folder, bool verbose)
{
    arena memory = {0};
    diag_list problems;
    diag_init(&problems, &memory);
    size_t checked = 0;
    int result = archive_verify(folder, &memory, &problems, &checked);
    diag_print_all(&problems, stderr);
    if (result == 0 && verbose)
        printf("%s：清单所列 %zu 个文件全部完好\n", folder, checked);
    else if (result > 0)
        fprintf(stderr, "bulletin: %s 与其 manifest.json 不符（见上），归档已不完整\n", folder);
    diag_free(&problems);
    arena_free(&memory);
    return result == 0 ? EXIT_OK : result > 0 ? EXIT_DATAERR : EXIT_NOINPUT;
}

int cmd_verify(int argc, char **argv)
{
    options o;
    if (options_parse(argc, argv, NULL, &o) != 0)
        return EXIT_USAGE;
    if (o.operand_count != 1) {
        fputs("bulletin: verify 需要一个归档文件夹，例如 bulletin verify output/archive/2015-Q3\n",
              stderr);
        return EXIT_USAGE;
    }
    const char *folder = o.operands[0];
    struct stat st;
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: 归档文件夹不存在或不是文件夹\n", folder);
        return EXIT_NOINPUT;
    }
    return verify_folder(folder, o.verbose);
}
