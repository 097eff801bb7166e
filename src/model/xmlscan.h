/*
 * xmlscan.h: a bound on the attributes of one XML element, checked on the bytes before
 * libxml2 sees them.  libxml2 2.9.14 checks a start tag's attributes against each other
 * pair by pair as it reads the tag, before any callback of ours runs: 40,000 attributes
 * (430 KB) took 17 s of CPU and 200,000 (2.2 MB) 23 s, so a few MB could hold a run for
 * hours.  Every XML the program parses goes through this scan first.
 */
#ifndef BULLETIN_XMLSCAN_H
#define BULLETIN_XMLSCAN_H

#include <stdbool.h>
#include <stddef.h>

/* The most '=' between two '<' (our schemas' elements have a few dozen attributes). */
#define XMLSCAN_MAX_EQUALS 1000
#define XMLSCAN_REASON "一个元素的属性超过上限1000个（两个“<”之间的“=”多于1000个），拒绝读取"

typedef struct xmlscan {
    int unit;        /* bytes a code unit: 0 until the first two bytes tell, then 1 or 2 */
    bool big_endian; /* UTF-16BE */
    unsigned char pending[2];
    size_t pending_length;
    long equals;     /* '=' since the last '<' */
    long line;       /* 1-based line the scan has reached */
    bool crowded;    /* more than XMLSCAN_MAX_EQUALS '=' between two '<' */
} xmlscan;

void xmlscan_begin(xmlscan *scan);

/* Scans the next bytes of the document; false once it is crowded (scan->line is then
 * the line the bound was passed on). */
bool xmlscan_feed(xmlscan *scan, const char *bytes, size_t length);

#endif
