/*
 * ole.h: the streams of an OLE compound file (the container of an .xls workbook, and of
 * an encrypted .xlsx), read from the file's bytes.  Every sector number, chain and size
 * is checked against the file: a chain that loops, leaves the file or ends before its
 * stream does makes the file broken, never a crash or an endless walk.
 */
#ifndef BULLETIN_OLE_H
#define BULLETIN_OLE_H

#include "model/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ole_file {
    const unsigned char *bytes;
    size_t length;
    unsigned shift;         /* a sector is 1 << shift bytes: 512 or 4096 */
    uint32_t sectors;       /* whole or partial sectors after the header */
    uint32_t *fat;          /* next sector of each sector */
    size_t fat_count;
    uint32_t mini_cutoff;   /* streams shorter than this live in the mini stream */
    const unsigned char *directory; /* 128 bytes an entry */
    size_t entries;
    arena *memory;
} ole_file;

/* Opens the compound file in bytes (which must outlive f): the header, the sector table
 * and the directory.  Returns false when it is no compound file or a broken one. */
bool ole_open(ole_file *f, const unsigned char *bytes, size_t length, arena *memory);

/* The directory entry of the stream named name (ASCII, case ignored), or -1. */
long ole_find(const ole_file *f, const char *name);

/* Copies the stream of entry (from ole_find) into memory: *data, *size.  Returns false
 * when its chain is broken. */
bool ole_read(const ole_file *f, long entry, unsigned char **data, size_t *size);

#endif
