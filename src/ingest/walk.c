/*
 * walk.c: the input folder's entries, looked at without trusting them (see walk.h).
 * Each folder's names are sorted before they are visited, so that the messages come in
 * the same order every time; the files found are sorted by path at the end.
 */
#include "ingest/walk.h"

#include "model/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)

typedef struct file_id {
    dev_t dev;
    ino_t ino;
    const char *path; /* where it was first found */
} file_id;

typedef struct walker {
    walk_filter filter;
    void *context;
    vec *files;
    diag_list *diags;
    long *skipped;
    char *root;   /* the input folder's real path */
    vec folders;  /* file_id of every folder entered */
    vec kept;     /* file_id of every file kept */
} walker;

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    char *path = malloc(n + strlen(name) + 2);
    if (!path)
        die_oom();
    sprintf(path, slash ? "%s%s" : "%s/%s", dir, name);
    return path;
}

static char *copy(const char *text)
{
    char *out = strdup(text);
    if (!out)
        die_oom();
    return out;
}

/* A name as messages and JSON show it: itself when UTF-8, else decoded from GB18030 (as
 * unzipping a Windows archive leaves names), else with its bytes outside UTF-8 written
 * \xNN; *escaped tells the last case.  Heap string. */
static char *shown_name(const char *name, bool *escaped)
{
    size_t length = strlen(name), bad;
    *escaped = false;
    if (utf8_valid(name, length, &bad))
        return copy(name);
    size_t room = 4 * length + 1;
    char *out = malloc(room);
    if (!out)
        die_oom();
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd != (iconv_t)-1) {
        char *in = (char *)name, *to = out;
        size_t left = length, space = room - 1;
        size_t done = iconv(cd, &in, &left, &to, &space);
        iconv_close(cd);
        if (done != (size_t)-1 && left == 0) {
            *to = '\0';
            return out;
        }
    }
    *escaped = true;
    return text_escape_controls(name, out, room);
}

static void skip(walker *w, const char *path, const char *reason)
{
    diag_add(w->diags, DIAG_ERROR, path, 0, NULL, NULL, reason);
    (*w->skipped)++;
}

static const file_id *find_id(const vec *ids, const struct stat *st)
{
    for (size_t i = 0; i < ids->count; i++) {
        const file_id *id = vec_at(ids, i);
        if (id->dev == st->st_dev && id->ino == st->st_ino)
            return id;
    }
    return NULL;
}

static void add_id(vec *ids, const struct stat *st, const char *path)
{
    *(file_id *)vec_push(ids) = (file_id){st->st_dev, st->st_ino, path};
}

/* Out of descriptors or memory is the machine's fault, not the entry's: the run ends with
 * status 71 (die_exhausted) instead of skipping the entry. */
static void end_if_exhausted(int error)
{
    if (error == EMFILE || error == ENFILE || error == ENOMEM)
        die_exhausted(error);
}

static const char *open_failure(int error)
{
    end_if_exhausted(error);
    switch (error) {
    case ENOENT: return "在读取前已被删除，未读入";
    case ELOOP: return "在读取前被换成了链接，未读入";
    case EACCES: return "没有读取权限，未读入";
    default: return "无法打开，未读入";
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(walker *w, int fd, const char *path, const char *shown, int depth);

/* Enters a folder (fd, owned) once: a second way in is a link's loop or repeat.  path
 * is its path as found (the bytes), shown its path in messages. */
static void enter_dir(walker *w, int fd, const struct stat *st, const char *path,
                      const char *shown, int depth)
{
    if (depth >= WALK_MAX_DEPTH) {
        skip(w, shown, "文件夹层次过深（超过16层），未读入");
        close(fd);
    } else if (find_id(&w->folders, st)) {
        skip(w, shown, "是已读过的文件夹（链接造成的循环或重复），未读入");
        close(fd);
    } else {
        add_id(&w->folders, st, copy(shown));
        walk_dir(w, fd, path, shown, depth + 1);
    }
}

/* Keeps a regular file, unless the filter leaves it out or it was kept already. */
static void keep_file(walker *w, const char *path, const char *open_path, const struct stat *st)
{
    const char *reason = w->filter(w->context, path, st);
    if (reason) {
        if (reason[0])
            skip(w, path, reason);
        return;
    }
    const file_id *first = find_id(&w->kept, st);
    if (first) {
        char text[PATH_MAX + 128];
        snprintf(text, sizeof text, "与“%s”是同一个文件（链接），未重复读入", first->path);
        skip(w, path, text);
        return;
    }
    walk_file *f = vec_push(w->files);
    *f = (walk_file){copy(path), copy(open_path), st->st_dev, st->st_ino};
    add_id(&w->kept, st, f->path);
}

/* A folder or regular file opened (fd, owned) and checked to be what was looked at;
 * open_path is where it is opened from (its path or a link's target). */
static void take_opened(walker *w, int fd, const struct stat *seen, const char *shown,
                        const char *open_path, int depth)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_dev != seen->st_dev || st.st_ino != seen->st_ino ||
        (st.st_mode & S_IFMT) != (seen->st_mode & S_IFMT)) {
        skip(w, shown, "在查看时被替换，未读入");
        close(fd);
    } else if (S_ISDIR(st.st_mode)) {
        enter_dir(w, fd, &st, open_path, shown, depth);
    } else {
        close(fd);
        keep_file(w, shown, open_path, &st);
    }
}

static bool inside(const char *root, const char *real)
{
    size_t n = strlen(root);
    return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0' ||
                                           (n > 0 && root[n - 1] == '/'));
}

/* A link is followed only to a folder or regular file inside the input folder. */
static void follow_link(walker *w, const char *path, const char *shown, int depth)
{
    char *real = realpath(path, NULL);
    struct stat st;
    if (!real) {
        skip(w, shown, "是目标不存在或无法解析的链接，未读入");
    } else if (!inside(w->root, real)) {
        skip(w, shown, "是指向输入文件夹之外的链接，未读入");
    } else if (stat(real, &st) != 0 || (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))) {
        skip(w, shown, "是指向非普通文件（设备、管道或套接字）的链接，未读入");
    } else {
        int fd = open(real, OPEN_FLAGS);
        if (fd < 0)
            skip(w, shown, open_failure(errno));
        else
            take_opened(w, fd, &st, shown, real, depth);
    }
    free(real);
}

static void visit(walker *w, int dir_fd, const char *name, const char *path,
                  const char *shown, int depth)
{
    struct stat st;
    if (name[0] == '.') {
        skip(w, shown, "是隐藏的文件或文件夹（名称以“.”开头），未读入");
    } else if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        end_if_exhausted(errno);
        skip(w, shown, "无法查看，未读入");
    } else if (S_ISLNK(st.st_mode)) {
        follow_link(w, path, shown, depth);
    } else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        skip(w, shown, "不是普通文件（设备、管道或套接字），未读入");
    } else {
        int fd = openat(dir_fd, name, OPEN_FLAGS);
        if (fd < 0)
            skip(w, shown, open_failure(errno));
        else
            take_opened(w, fd, &st, shown, path, depth);
    }
}

/* Visits one entry of a folder: its path as found and as shown (a name that is not
 * UTF-8 is said so). */
static void visit_named(walker *w, int dir_fd, const char *name, const char *path,
                        const char *shown_dir, int depth)
{
    bool escaped;
    char *name_shown = shown_name(name, &escaped);
    char *child = join(path, name), *child_shown = join(shown_dir, name_shown);
    if (escaped)
        diag_add(w->diags, DIAG_WARNING, child_shown, 0, NULL, NULL,
                 "文件名既不是UTF-8也不是GB18030编码，无法识别的字节以\\xNN表示");
    visit(w, dir_fd, name, child, child_shown, depth);
    free(child);
    free(child_shown);
    free(name_shown);
}

static void walk_dir(walker *w, int fd, const char *path, const char *shown, int depth)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        end_if_exhausted(errno);
        skip(w, shown, "无法读取文件夹，未读入");
        close(fd);
        return;
    }
    vec names; /* char * (heap) */
    vec_init(&names, sizeof(char *));
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            *(char **)vec_push(&names) = copy(entry->d_name);
    if (names.count > 0)
        qsort(names.items, names.count, sizeof(char *), compare_names);
    for (size_t i = 0; i < names.count; i++) {
        char *name = *(char **)vec_at(&names, i);
        visit_named(w, dirfd(d), name, path, shown, depth);
        free(name);
    }
    vec_free(&names);
    closedir(d);
}

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const walk_file *)a)->path, ((const walk_file *)b)->path);
}

int walk_folder(const char *input_dir, walk_filter filter, void *context, vec *files,
                diag_list *diags, long *skipped)
{
    walker w = {.filter = filter, .context = context, .files = files, .diags = diags,
                .skipped = skipped};
    int fd = open(input_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        end_if_exhausted(errno);
    struct stat st;
    w.root = realpath(input_dir, NULL);
    if (fd < 0 || !w.root || fstat(fd, &st) != 0) {
        diag_add(diags, DIAG_ERROR, input_dir, 0, NULL, NULL, "无法读取文件夹");
        if (fd >= 0)
            close(fd);
        free(w.root);
        return -1;
    }
    vec_init(&w.folders, sizeof(file_id));
    vec_init(&w.kept, sizeof(file_id));
    add_id(&w.folders, &st, copy(input_dir));
    walk_dir(&w, fd, input_dir, input_dir, 0);
    for (size_t i = 0; i < w.folders.count; i++)
        free((char *)((file_id *)vec_at(&w.folders, i))->path);
    vec_free(&w.folders);
    vec_free(&w.kept);
    free(w.root);
    if (files->count > 0)
        qsort(files->items, files->count, sizeof(walk_file), compare_files);
    return 0;
}

void walk_files_free(vec *files)
{
    for (size_t i = 0; i < files->count; i++) {
        walk_file *f = vec_at(files, i);
        free(f->path);
        free(f->open_path);
    }
    vec_free(files);
}

/* Makes an opened descriptor blocking again (reads of a regular file never wait). */
static int blocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

int walk_open(const walk_file *file, const char **reason)
{
    int fd = open(file->open_path, OPEN_FLAGS);
    if (fd < 0) {
        *reason = open_failure(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_dev != file->dev ||
        st.st_ino != file->ino) {
        close(fd);
        *reason = "在读取前被替换为其他文件，未读入";
        return -1;
    }
    return blocking(fd);
}

int walk_open_named(const char *path, const char **reason)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *reason = open_failure(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *reason = "不是可读取的文件";
        return -1;
    }
    return blocking(fd);
}
