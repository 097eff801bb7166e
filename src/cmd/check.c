/*
 * check.c: `bulletin check FILE|DIR…`: reads the submissions named (folders walked as a
 * run walks the input folder) with the plan, prints every problem on standard output in
 * the message format of inputs.md and one line of row counts on standard error, and
 * writes nothing: no lock, no output folder.
 */
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "cmd/timing.h"

#include "ingest/ingest.h"
#include "ingest/supersede.h"
#include "ingest/planfile.h"
#include "model/syserror.h"
#include "model/xmlsafe.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Every operand must exist before anything is read: 66 names the first that does not. */
static int check_operands(const options *o)
{
    int status = EXIT_OK;
    for (int i = 0; i < o->operand_count; i++) {
        struct stat st;
        if (stat(o->operands[i], &st) != 0) {
            if (errno == ENOENT)
                fprintf(stderr, "%s: 路径不存在\n", o->operands[i]);
            else
                fprintf(stderr, "%s: 无法读取：%s\n", o->operands[i], system_error_text(errno));
            status = EXIT_NOINPUT;
        }
    }
    return status;
}

static void read_operand(ingest_context *ctx, const char *path, const char *plan_path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        ingest_folder(ctx, path, plan_path);
    else
        ingest_file(ctx, path);
}

/* 3 when any row or file was rejected or warned about or an entry skipped, else 0. */
static int report(const store *s)
{
    diag_print_all(&s->diags, stdout);
    row_counts rows = store_totals(s);
    long refused = store_refused_files(s);
    fprintf(stderr,
            "bulletin check: %zu 个文件（拒收 %ld 个，跳过 %ld 项），读入 %ld 行：接受 %ld 行"
            "（其中警告 %ld 行），拒收 %ld 行，被替代 %ld 行\n",
            s->files.count, refused, s->skipped, rows.read, rows.accepted, rows.warned,
            rows.rejected, rows.superseded);
    bool problems = diag_count(&s->diags, DIAG_ERROR) + diag_count(&s->diags, DIAG_WARNING) > 0 ||
                    refused > 0 || s->skipped > 0;
    return problems ? EXIT_PROBLEMS : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    options o;
    if (options_parse(argc, argv, NULL, &o) != 0)
        return EXIT_USAGE;
    if (o.operand_count == 0) {
        fputs("用法：bulletin check [--plan FILE] [--input DIR] FILE|DIR...\n", stderr);
        return EXIT_USAGE;
    }
    int status = check_operands(&o);
    if (status != EXIT_OK)
        return status;
    date today;
    if (options_today(&o, &today) != 0) {
        fputs("bulletin: --now 或 SOURCE_DATE_EPOCH 的日期无效\n", stderr);
        return EXIT_USAGE;
    }
    xmlsafe_init();
    arena memory = {0};
    store s;
    store_init(&s, &memory);
    s.keys_only = true; /* nothing is aggregated: superseding needs only the keys */
    const char *plan_path = o.plan ? o.plan : planfile_latest(o.input, &memory, &s.diags);
    const char *plan_schema = arena_printf(&memory, "%s/schemas/plan.xsd", options_datadir());
    plan p;
    ingest_context ctx = {0};
    if (!plan_path || plan_load(plan_path, plan_schema, &memory, &p, &s.diags) != 0 ||
        ingest_open(&ctx, options_datadir(), &p, &s) != 0) {
        diag_print_all(&s.diags, stderr);
        status = EXIT_DATAERR;
    } else {
        ctx.today = options_latest_sent(today);
        for (int i = 0; i < o.operand_count; i++)
            read_operand(&ctx, o.operands[i], plan_path);
        supersede(&s); /* once more over every operand's files together */
        timing_mark("ingest", arena_printf(&memory, "rows=%ld", store_totals(&s).read));
        status = report(&s);
    }
    ingest_close(&ctx);
    store_free(&s);
    arena_free(&memory);
    timing_end();
    return status;
}
