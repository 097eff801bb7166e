/*
 * check_hostile.c: what offices send cannot break the figures or pass in silence (issue
 * 9): sums and targets beyond what a money holds are refused, every file refused whole
 * and every entry skipped reaches the exit status and the summary line.  Runs from the
 * repository root; the end-to-end cases work on a clean copy of the sample.
 */
#include "testutil.h"
#include "ingest/csvfile.h"
#include "ingest/ingest.h"
#include "ingest/walk.h"
#include "model/digest.h"
#include "model/xmlscan.h"
#include "report/json.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static arena memory;
static store s;
static plan p;
static ingest_context ctx;
static char *scratch;

static void setup(void)
{
    memset(&memory, 0, sizeof memory);
    store_init(&s, &memory);
    ck_assert_int_eq(plan_load("input/plan.xml", "schemas/plan.xsd", &memory, &p, &s.diags), 0);
    ck_assert_int_eq(ingest_open(&ctx, ".", &p, &s), 0);
    scratch = make_scratch_folder();
}

static void teardown(void)
{
    ingest_close(&ctx);
    store_free(&s);
    arena_free(&memory);
    command_result r = run_command("rm -rf %s", scratch);
    command_result_free(&r);
    free(scratch);
}

/* Writes text to scratch/name (folders made as needed); returns the path (arena). */
static const char *write_file(const char *name, const char *text)
{
    const char *path = arena_printf(&memory, "%s/%s", scratch, name);
    command_result r = run_command("mkdir -p \"$(dirname '%s')\"", path);
    command_result_free(&r);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Every message of the store, one per line, with the scratch folder's path cut. */
static const char *messages(void)
{
    const char *all = "";
    size_t cut = strlen(scratch) + 1;
    for (size_t i = 0; i < s.diags.items.count; i++) {
        const char *line = diag_format(diag_at(&s.diags, i), &memory);
        if (strncmp(line, scratch, cut - 1) == 0)
            line += cut;
        all = arena_printf(&memory, "%s%s\n", all, line);
    }
    return all;
}

/* The repository root (the working folder of the tests) and the program, absolute. */
static const char *root(void)
{
    static char buf[4096];
    ck_assert_ptr_nonnull(getcwd(buf, sizeof buf));
    return buf;
}

static const char *program(void)
{
    const char *bin = bulletin_binary();
    return bin[0] == '/' ? bin : arena_printf(&memory, "%s/%s", root(), bin);
}

#define PROJECTS_HEADER "报送单位,报告期,项目编号,项目名称,所属产业,建设地点,总投资,年度计划投资,累计完成投资\n"
#define OFFICE "信息经济产业专项行动工作组"

/* Two amounts of 9×10¹⁴ 万元 each fit; their sum does not: the second row is refused. */
START_TEST(sums_beyond_a_money_refuse_the_row)
{
    const char *path = write_file("2015-09/p.csv",
        PROJECTS_HEADER
        OFFICE ",2015-09,A,甲,信息经济产业,柳市镇,900000000000000,1,1\n"
        OFFICE ",2015-09,B,乙,信息经济产业,柳市镇,900000000000000,1,1\n"
        OFFICE ",2015-09,C,丙,信息经济产业,柳市镇,1,1,1\n");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(),
        "2015-09/p.csv:3: 列“总投资”：“900000000000000”与同一报告期已接受的数据累加后超出可表示的范围"
        "（约9.2×10¹⁴万元），未计入\n");
    const submission_file *f = store_file(&s, 0);
    ck_assert_int_eq(f->rows.read, 3);
    ck_assert_int_eq(f->rows.accepted, 2);
    ck_assert_int_eq(f->rows.rejected, 1);
    /* another period has its own sums */
    path = write_file("2015-08/p.csv",
        PROJECTS_HEADER OFFICE ",2015-08,A,甲,信息经济产业,柳市镇,900000000000000,1,1\n");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_int_eq(store_file(&s, 1)->rows.accepted, 1);
}
END_TEST

/* Free text as long as a spreadsheet cell holds (32,767 characters) is read; one more
 * is refused: the data workbook's libxlsxwriter left a longer 项目名称 out of its cell
 * (a CSV cell may hold 65,536 bytes). */
START_TEST(free_text_longer_than_a_cell_holds_is_refused)
{
    char *name = malloc(32768 + 1);
    ck_assert_ptr_nonnull(name);
    memset(name, 'x', 32768);
    name[32767] = '\0';
    const char *fits = arena_strdup(&memory, name);
    name[32767] = 'x';
    name[32768] = '\0';
    const char *path = write_file("2015-09/p.csv", arena_printf(&memory,
        PROJECTS_HEADER OFFICE ",2015-09,A,%s,信息经济产业,柳市镇,1,1,1\n"
        OFFICE ",2015-09,B,%s,信息经济产业,柳市镇,1,1,1\n", fits, name));
    free(name);
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    const submission_file *f = store_file(&s, 0);
    ck_assert_int_eq(f->rows.accepted, 1);
    ck_assert_int_eq(f->rows.rejected, 1);
    ck_assert_str_eq(((const project_record *)vec_at(&s.projects, 0))->name, fits);
    ck_assert_str_eq(messages(), arena_printf(&memory, "2015-09/p.csv:3: 列“项目名称”：“%.120s…”"
                                              "过长（超过32767个字符，表格的单元格放不下）\n", fits));
}
END_TEST

/* A plan whose targets of one year add up beyond a money is a plan error. */
START_TEST(plan_targets_beyond_a_money_are_a_plan_error)
{
    const char *path = arena_printf(&memory, "%s/plan.xml", scratch);
    command_result r = run_command(
        "sed 's|<target year=\"2015\">430</target>|<target year=\"2015\">92233720368</target>|' "
        "input/plan.xml > %s", path);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    plan big;
    diag_list diags;
    diag_init(&diags, &memory);
    ck_assert_int_eq(plan_load(path, "schemas/plan.xsd", &memory, &big, &diags), -1);
    ck_assert_str_eq(diag_at(&diags, 0)->reason,
                     "计划文件无效：2015 年各产业产值目标之和超出可表示的范围");
    diag_free(&diags);
}
END_TEST

/* A clean month plus a file refused whole, a hidden file and a FIFO: status 3, one line
 * that counts them, and a rejects.csv line for each. */
START_TEST(refused_files_and_skipped_entries_give_3)
{
    command_result r = run_command(
        "set -e; cd %s; cc -std=c11 -O1 -o gensample %s/tools/gensample.c; ./gensample --plain input; "
        "cp %s/input/plan.xml input/; "
        "sed -i 's/2015-10-03/2015-09-30/' input/2015-09/时尚旅游-项目.csv; "
        "for office in 市发改局 市科技局; do "
        "sed \"s/市经信局/$office/g\" input/2015-Q3/季度-市经信局.csv > input/2015-Q3/季度-$office.csv; done; "
        "printf '项目编号,\"未闭合\\n' > input/2015-09/坏.csv; echo x > input/2015-09/.隐藏.csv; "
        "mkfifo input/2015-09/管道.csv",
        scratch, root(), root());
    ck_assert_msg(r.status == 0, "%s", r.err);
    command_result_free(&r);
    r = run_command("cd %s && BULLETIN_DATADIR=%s %s run --now 2015-10-02 --input input "
                    "--output out; echo \"status $?\"; cat out/2015-09/rejects.csv",
                    scratch, root(), program());
    ck_assert_str_eq(r.err, "bulletin: 2015-09 已生成；拒收文件 1 个，拒收 0 行，跳过 2 项，警告 0 条，"
                            "迟报或缺报 0 份，详见 out/2015-09/\n");
    ck_assert_msg(strstr(r.out, "status 3\n"), "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/.隐藏.csv,,,,错误,是隐藏的文件或文件夹（名称以“.”开头），未读入\r\n"),
                  "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/管道.csv,,,,错误,不是普通文件（设备、管道或套接字），未读入\r\n"),
                  "%s", r.out);
    ck_assert_msg(strstr(r.out, "input/2015-09/坏.csv,1,,,错误,"), "%s", r.out);
    command_result_free(&r);
}
END_TEST

/* Links: loops and repeats are entered once, links out of the input folder and dangling
 * ones are not followed, a file reached twice is read once; each with its reason. */
START_TEST(the_walk_follows_no_link_out_and_no_loop)
{
    write_file("outside.csv", PROJECTS_HEADER OFFICE ",2015-09,X,外,信息经济产业,柳市镇,1,1,1\n");
    write_file("input/2015-09/p.csv", PROJECTS_HEADER OFFICE ",2015-09,A,甲,信息经济产业,柳市镇,1,1,1\n");
    command_result r = run_command(
        "set -e; cd %s/input; ln -s . 2015-09/loop1; ln -s .. 2015-09/loop2; ln -s / root; "
        "ln -s ../outside.csv out.csv; ln -s 2015-09/p.csv same.csv; ln -s nowhere dangling.csv; "
        "ln -s 2015-09 sub", scratch);
    ck_assert_int_eq(r.status, 0);
    command_result_free(&r);
    const char *input = arena_printf(&memory, "%s/input", scratch);
    ck_assert_int_eq(ingest_folder(&ctx, input, NULL), 0);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "input/2015-09/loop1: 是已读过的文件夹（链接造成的循环或重复），未读入\n"
        "input/2015-09/loop2: 是已读过的文件夹（链接造成的循环或重复），未读入\n"
        "input/dangling.csv: 是目标不存在或无法解析的链接，未读入\n"
        "input/out.csv: 是指向输入文件夹之外的链接，未读入\n"
        "input/root: 是指向输入文件夹之外的链接，未读入\n"
        "input/same.csv: 与“%s/input/2015-09/p.csv”是同一个文件（链接），未重复读入\n"
        "input/sub: 是已读过的文件夹（链接造成的循环或重复），未读入\n", scratch));
    ck_assert_int_eq(s.skipped, 7);
    ck_assert_uint_eq(s.files.count, 1);
    ck_assert_int_eq(store_file(&s, 0)->rows.accepted, 1);
}
END_TEST

/* A file swapped for a FIFO after the walk saw it is not opened for reading nor waited on. */
START_TEST(a_file_swapped_after_the_walk_is_not_read)
{
    const char *path = write_file("x.csv", "a\n");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    walk_file f = {(char *)path, (char *)path, st.st_dev, st.st_ino};
    const char *reason = NULL;
    int fd = walk_open(&f, &reason);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    ck_assert_int_eq(walk_open(&f, &reason), -1);
    ck_assert_str_eq(reason, "在读取前被替换为其他文件，未读入");
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(walk_open(&f, &reason), -1);
    ck_assert_str_eq(reason, "在读取前已被删除，未读入");
}
END_TEST

/* Appends to the file (context: its path) while its first row is being read. */
static int grow_file(void *context, const csvfile_row *row)
{
    (void)row;
    FILE *more = fopen(context, "ab");
    fputs("c,d\n", more);
    fclose(more);
    return 0;
}

/* One pass: the hash is of the bytes parsed, and a file written to while it is read is
 * refused (its size and times at the end are not those of its start). */
START_TEST(the_hash_is_of_the_bytes_parsed)
{
    const char *path = write_file("g.csv", "a,b\n");
    int fd = open(path, O_RDONLY);
    csvfile_info info;
    ck_assert_int_eq(csvfile_read_any(fd, path, ',', grow_file, NULL, (void *)path, &info, &s.diags),
                     CSVFILE_IO);
    close(fd);
    unsigned char parsed[32];
    digest_bytes("a,b\n", 4, parsed);
    ck_assert_mem_eq(info.sha256, parsed, 32);
    ck_assert_str_eq(messages(), "g.csv: 文件在读取过程中被改动（读完时的大小或修改时间与开始时不同），文件未读入（不计行数）\n");
    command_result sum = run_command("sha256sum %s | cut -c1-64 | tr -d '\\n'", path);
    char hex[65];
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", info.sha256[i]);
    ck_assert_str_ne(hex, sum.out);
    command_result_free(&sum);
}
END_TEST

#define DATED_HEADER "报送单位,报告期,填报日期,项目编号,项目名称,所属产业,建设地点,总投资,年度计划投资,累计完成投资\n"

/* Who may send what: an office of the plan, a kind it sends, the industry it leads, a
 * date that can be; and only its own rows to replace. */
START_TEST(offices_send_only_what_is_theirs)
{
    write_file("input/2015-09/a.csv", DATED_HEADER
        OFFICE ",2015-09,2015-09-30,X1,甲,信息经济产业,柳市镇,10,10,5\n"
        OFFICE ",2015-09,2015-09-30,X2,乙,信息经济产业,柳市镇,10,10,5\n");
    /* another group, later: its row for 信息经济产业 is not its industry; its X1 in its own
     * industry cannot replace the first group's */
    write_file("input/2015-09/b.csv", DATED_HEADER
        "新材料产业专项行动工作组,2015-09,2015-10-01,X2,冒,信息经济产业,柳市镇,99,99,99\n"
        "新材料产业专项行动工作组,2015-09,2015-10-01,X1,冒,新材料产业,柳市镇,99,99,99\n"
        "新材料产业专项行动工作组,2015-09,2015-10-01,N1,新,新材料产业,柳市镇,1,1,1\n");
    write_file("input/2015-09/c.csv", DATED_HEADER
        "火星办公室,2015-09,2015-09-30,Y1,丙,信息经济产业,柳市镇,1,1,1\n");
    write_file("input/2015-09/d.csv", DATED_HEADER
        "市发改局,2015-09,2015-09-30,Y2,丁,信息经济产业,柳市镇,1,1,1\n");
    write_file("input/2015-09/e.csv", DATED_HEADER
        OFFICE ",2015-09,2099-01-01,X1,未来,信息经济产业,柳市镇,1,1,1\n");
    const char *input = arena_printf(&memory, "%s/input", scratch);
    ctx.today = 20151002;
    ck_assert_int_eq(ingest_folder(&ctx, input, NULL), 0);
    ck_assert_str_eq(messages(), arena_printf(&memory,
        "input/2015-09/b.csv:2: 列“所属产业”：属于产业“信息经济产业”，不是报送单位“新材料产业专项行动工作组”牵头的“新材料产业”\n"
        "input/2015-09/c.csv: 报送单位“火星办公室”不是计划中的报送单位，本文件1行数据均未计入\n"
        "input/2015-09/d.csv: 按计划，“市发改局”不报送projects报表，本文件1行数据均未计入\n"
        "input/2015-09/e.csv: 填报日期2099-01-01晚于今天（2015-10-02），不可能，本文件1行数据均未计入\n"
        "input/2015-09/b.csv:3: 列“项目编号”：“X1”与“" OFFICE "”报送的同一记录"
        "（%s/input/2015-09/a.csv第2行）重复；报送单位只能替代本单位的记录，未计入\n", scratch));
    const submission_file *b = store_file(&s, 1);
    ck_assert_int_eq(b->rows.read, 3);
    ck_assert_int_eq(b->rows.accepted, 1);
    ck_assert_int_eq(b->rows.rejected, 2);
    ck_assert_int_eq(store_file(&s, 0)->rows.accepted, 2);
    row_counts total = store_totals(&s);
    ck_assert_int_eq(total.read, total.accepted + total.rejected + total.superseded);
    ck_assert_int_eq(store_refused_files(&s), 3);
}
END_TEST

/* Data rows above the header are rows read and refused, each with its reason. */
START_TEST(rows_above_the_header_are_refused)
{
    const char *path = write_file("2015-09/above.csv",
        "附件2\n"
        OFFICE ",2015-09,A,甲,信息经济产业,柳市镇,1,1,1\n"
        "\n"
        OFFICE ",2015-09,B,乙,信息经济产业,柳市镇,1,1,1\n"
        PROJECTS_HEADER
        OFFICE ",2015-09,C,丙,信息经济产业,柳市镇,1,1,1\n"
        OFFICE ",2015-09,D,丁,信息经济产业,柳市镇,1,1,1\n");
    ck_assert_int_eq(ingest_file(&ctx, path), 0);
    ck_assert_str_eq(messages(),
        "2015-09/above.csv:2: “" OFFICE "”在表头（第5行）之上，既不是标题也不是“键：值”说明，未作为数据读入\n"
        "2015-09/above.csv:4: “" OFFICE "”在表头（第5行）之上，既不是标题也不是“键：值”说明，未作为数据读入\n");
    const submission_file *f = store_file(&s, 0);
    ck_assert_int_eq(f->rows.read, 4);
    ck_assert_int_eq(f->rows.accepted, 2);
    ck_assert_int_eq(f->rows.rejected, 2);
}
END_TEST

/* A name or a cell cannot clear the screen or forge a line of the messages. */
START_TEST(messages_escape_control_characters)
{
    diag_list diags;
    diag_init(&diags, &memory);
    diag_add(&diags, DIAG_ERROR, "a\x1b[2Jb.csv", 3, "项目编号", "x\ny\xc2\x85", "不是\x7f有效\xff值");
    ck_assert_str_eq(diag_format(diag_at(&diags, 0), &memory),
                     "a\\x1B[2Jb.csv:3: 列“项目编号”：“x\\x0Ay\\u0085”不是\\x7F有效\\xFF值");
    diag_free(&diags);
}
END_TEST

/* Names that are not UTF-8: GBK names decoded, others escaped and said so; both read. */
START_TEST(file_names_reach_json_as_utf8)
{
    const char *row = PROJECTS_HEADER OFFICE ",2015-09,A,甲,信息经济产业,柳市镇,1,1,1\n";
    write_file("input/2015-09/\xd0\xc5\xcf\xa2.csv", row); /* 信息 in GBK */
    write_file("input/2015-09/b\xff.csv", row);
    const char *input = arena_printf(&memory, "%s/input", scratch);
    ck_assert_int_eq(ingest_folder(&ctx, input, NULL), 0);
    ck_assert_uint_eq(s.files.count, 2);
    ck_assert_str_eq(store_file(&s, 1)->path + strlen(scratch) + 1, "input/2015-09/信息.csv");
    ck_assert_str_eq(store_file(&s, 0)->path + strlen(scratch) + 1, "input/2015-09/b\\xFF.csv");
    ck_assert_int_eq(store_file(&s, 0)->rows.superseded, 1); /* same key: the later path stands */
    ck_assert_int_eq(store_file(&s, 1)->rows.accepted, 1);
    ck_assert_str_eq(messages(),
        "input/2015-09/b\\xFF.csv: 警告：文件名既不是UTF-8也不是GB18030编码，无法识别的字节以\\xNN表示\n");
    /* the JSON writer keeps its output UTF-8 whatever it is given */
    buffer out;
    buffer_init(&out);
    json_writer w;
    json_init(&w, &out);
    json_begin_array(&w);
    json_string(&w, "a\xff信\x1b");
    json_end_array(&w);
    ck_assert_ptr_nonnull(strstr(out.data, "\"a\\\\xFF信\\u001b\""));
    buffer_free(&out);
}
END_TEST

/* An XML submission of count attributes on one element, on its line 3. */
static const char *crowded_submission(int count)
{
    const char *text = "<?xml version=\"1.0\"?>\n<submission xmlns=\"urn:yq165:submission:1\" "
                       "kind=\"progress\" period=\"2015-09\" office=\"" OFFICE "\">\n<progress";
    for (int i = 0; i < count; i++)
        text = arena_printf(&memory, "%s a%d=\"1\"", text, i);
    return arena_printf(&memory, "%s/>\n</submission>\n", text);
}

/* libxml2 compares a start tag's attributes pair by pair before any callback: an element
 * of more than 1000 is refused from the bytes, before the parser sees it (200,000 took 23 s). */
START_TEST(an_element_of_too_many_attributes_is_refused_unparsed)
{
    ingest_file(&ctx, write_file("2015-09/多属性-进度.xml", crowded_submission(1001)));
    ck_assert_str_eq(messages(), "2015-09/多属性-进度.xml:3: XML文件无效：" XMLSCAN_REASON "\n");
    store_free(&s);
    store_init(&s, &memory);
    ingest_file(&ctx, write_file("2015-09/千属性-进度.xml", crowded_submission(1000)));
    ck_assert_ptr_null(strstr(messages(), XMLSCAN_REASON)); /* the schema's to refuse */
    ck_assert_ptr_nonnull(strstr(messages(), "千属性-进度.xml:3: XML文件不符合模式"));
}
END_TEST

/* The bound holds however the bytes arrive: one at a time, and in UTF-16 either way. */
START_TEST(the_attribute_bound_reads_chunks_and_utf16)
{
    const char *text = crowded_submission(1001);
    xmlscan scan;
    xmlscan_begin(&scan);
    size_t i = 0;
    while (text[i] && xmlscan_feed(&scan, text + i, 1))
        i++;
    ck_assert(scan.crowded);
    ck_assert_int_eq(scan.line, 3);
    for (int big_endian = 0; big_endian <= 1; big_endian++) {
        size_t n = strlen(text);
        char *wide = arena_alloc(&memory, 2 * n);
        for (size_t j = 0; j < n; j++) {
            wide[2 * j + big_endian] = text[j];
            wide[2 * j + !big_endian] = 0;
        }
        xmlscan_begin(&scan);
        ck_assert(!xmlscan_feed(&scan, wide, 2 * n));
        ck_assert_int_eq(scan.line, 3);
    }
    xmlscan_begin(&scan);
    ck_assert(xmlscan_feed(&scan, crowded_submission(1000), strlen(crowded_submission(1000))));
}
END_TEST

/* Every XML in the input folder is asked whether it is a plan: that reading has the bound
 * too.  A <plan> root of 20,000 attributes (200,000 held the old reader over a minute) is
 * refused as a submission, named, at once. */
START_TEST(a_crowded_root_in_the_input_folder_is_refused_at_once)
{
    size_t capacity = 32 * 20000 + 256, length = 0;
    char *text = arena_alloc(&memory, capacity);
    length += (size_t)snprintf(text, capacity, "<?xml version=\"1.0\"?>\n<plan xmlns=\"urn:yq165:plan:1\"");
    for (int i = 0; i < 20000; i++)
        length += (size_t)snprintf(text + length, capacity - length, " a%d=\"1\"", i);
    snprintf(text + length, capacity - length, "/>\n");
    write_file("input/2015-09/计划.xml", text);
    ingest_folder(&ctx, arena_printf(&memory, "%s/input", scratch), "input/plan.xml");
    ck_assert_str_eq(messages(), "input/2015-09/计划.xml:2: XML文件无效：" XMLSCAN_REASON "\n");
}
END_TEST

/* A file its rows' own metadata refuses whole (an office not in the plan) is not checked
 * row by row: its rows would be refused with it, and their codes and messages held to the
 * end (200,000 such rows took 211 MiB). */
START_TEST(rows_of_a_file_refused_whole_are_only_counted)
{
    const char *text = PROJECTS_HEADER;
    for (int i = 0; i < 100; i++)
        text = arena_printf(&memory, "%s无名单位,2015-09,ZZ2015-%03d,,,,,,\n", text, i);
    size_t names_before = s.name_count;
    ingest_file(&ctx, write_file("2015-09/无名-项目.csv", text));
    ck_assert_uint_lt(s.name_count - names_before, 10); /* no code of its rows kept */
    ck_assert_str_eq(messages(), "2015-09/无名-项目.csv: 报送单位“无名单位”不是计划中的报送单位，"
                                 "本文件100行数据均未计入\n");
}
END_TEST

/* A file's messages share their path and their repeated columns and reasons. */
START_TEST(messages_share_repeated_texts)
{
    const char *text = PROJECTS_HEADER;
    for (int i = 0; i < 3; i++)
        text = arena_printf(&memory, "%s" OFFICE ",2015-09,XX2015-%03d,,,,,,\n", text, i);
    ingest_file(&ctx, write_file("2015-09/空值-项目.csv", text));
    ck_assert_uint_ge(s.diags.items.count, 6);
    const diagnostic *first = diag_at(&s.diags, 0), *later = diag_at(&s.diags, 5);
    ck_assert_ptr_eq(first->file, later->file);
    ck_assert_str_eq(first->reason, "缺少必填值");
    ck_assert_ptr_eq(first->reason, later->reason);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("hostile");
    TCase *tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sums_beyond_a_money_refuse_the_row);
    tcase_add_test(tc, free_text_longer_than_a_cell_holds_is_refused);
    tcase_add_test(tc, plan_targets_beyond_a_money_are_a_plan_error);
    tcase_add_test(tc, refused_files_and_skipped_entries_give_3);
    tcase_add_test(tc, the_walk_follows_no_link_out_and_no_loop);
    tcase_add_test(tc, a_file_swapped_after_the_walk_is_not_read);
    tcase_add_test(tc, the_hash_is_of_the_bytes_parsed);
    tcase_add_test(tc, offices_send_only_what_is_theirs);
    tcase_add_test(tc, rows_above_the_header_are_refused);
    tcase_add_test(tc, messages_escape_control_characters);
    tcase_add_test(tc, file_names_reach_json_as_utf8);
    tcase_add_test(tc, an_element_of_too_many_attributes_is_refused_unparsed);
    tcase_add_test(tc, the_attribute_bound_reads_chunks_and_utf16);
    tcase_add_test(tc, a_crowded_root_in_the_input_folder_is_refused_at_once);
    tcase_add_test(tc, rows_of_a_file_refused_whole_are_only_counted);
    tcase_add_test(tc, messages_share_repeated_texts);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
