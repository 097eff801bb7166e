/*
 * deflate_stored.c: a measuring aid for `make bench`, never part of the program.  Loaded
 * with LD_PRELOAD, it makes every zlib deflate stream store its input (level 0) instead
 * of compressing it, so that a run costs what it would if compression were free.  The
 * PDF it makes is five times larger and is thrown away: the figure is a floor, showing
 * how much of a run zlib is (docs/performance.md, "Why 10× is out of reach").
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <zlib.h>

typedef int init_function(z_streamp, int, const char *, int);
typedef int init2_function(z_streamp, int, int, int, int, int, const char *, int);

int deflateInit_(z_streamp stream, int level, const char *version, int stream_size)
{
    (void)level;
    init_function *real = (init_function *)dlsym(RTLD_NEXT, "deflateInit_");
    return real(stream, Z_NO_COMPRESSION, version, stream_size);
}

int deflateInit2_(z_streamp stream, int level, int method, int window_bits, int memory_level,
                  int strategy, const char *version, int stream_size)
{
    (void)level;
    init2_function *real = (init2_function *)dlsym(RTLD_NEXT, "deflateInit2_");
    return real(stream, Z_NO_COMPRESSION, method, window_bits, memory_level, strategy, version,
                stream_size);
}
