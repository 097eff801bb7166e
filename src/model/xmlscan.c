/*
 * xmlscan.c: the attribute bound of xmlscan.h.  Every attribute of a start tag has its
 * '=' between the tag's '<' and the next '<' (a '<' may not stand in an attribute value),
 * so counting '=' between two '<' bounds the attributes from above; text, comments or
 * CDATA with more than 1000 '=' and no '<' are refused too, which no report has.  In
 * UTF-8, GB18030 and the other encodings read, the bytes '<', '=' and newline never occur
 * inside a multi-byte character; UTF-16 (told by its BOM or by '<' next to a zero byte, as
 * XML's own detection does) is read a code unit at a time.
 */
#include "model/xmlscan.h"

#include <string.h>

void xmlscan_begin(xmlscan *scan)
{
    memset(scan, 0, sizeof *scan);
    scan->line = 1;
}

static void choose_unit(xmlscan *scan, const unsigned char *first)
{
    scan->unit = 1;
    if ((first[0] == 0xFF && first[1] == 0xFE) || (first[0] == '<' && first[1] == 0)) {
        scan->unit = 2;
    } else if ((first[0] == 0xFE && first[1] == 0xFF) || (first[0] == 0 && first[1] == '<')) {
        scan->unit = 2;
        scan->big_endian = true;
    }
}

static void count_equal(xmlscan *scan)
{
    if (++scan->equals > XMLSCAN_MAX_EQUALS)
        scan->crowded = true;
}

/* One UTF-16 code unit. */
static void step_unit(xmlscan *scan, const unsigned char *p)
{
    unsigned high = scan->big_endian ? p[0] : p[1], low = scan->big_endian ? p[1] : p[0];
    if (high != 0)
        return;
    if (low == '<')
        scan->equals = 0;
    else if (low == '=')
        count_equal(scan);
    else if (low == '\n')
        scan->line++;
}

/* Single bytes from p to end: each '=' found by memchr, checked against the next '<'. */
static void scan_bytes(xmlscan *scan, const unsigned char *p, const unsigned char *end)
{
    const unsigned char *start = p;
    const unsigned char *open = memchr(p, '<', (size_t)(end - p));
    while (p < end && !scan->crowded) {
        const unsigned char *equal = memchr(p, '=', (size_t)(end - p));
        while (open && (!equal || open < equal)) {
            scan->equals = 0;
            open = memchr(open + 1, '<', (size_t)(end - open - 1));
        }
        if (!equal)
            break;
        count_equal(scan);
        p = equal + 1;
    }
    const unsigned char *until = scan->crowded ? p : end;
    for (const unsigned char *n = start; (n = memchr(n, '\n', (size_t)(until - n))) != NULL; n++)
        scan->line++;
}

bool xmlscan_feed(xmlscan *scan, const char *bytes, size_t length)
{
    const unsigned char *p = (const unsigned char *)bytes, *end = p + length;
    while (!scan->crowded && p < end && (scan->unit != 1 || scan->pending_length > 0)) {
        scan->pending[scan->pending_length++] = *p++;
        if (scan->pending_length < 2)
            continue;
        if (!scan->unit)
            choose_unit(scan, scan->pending);
        if (scan->unit == 1)
            scan_bytes(scan, scan->pending, scan->pending + 2);
        else
            step_unit(scan, scan->pending);
        scan->pending_length = 0;
    }
    if (scan->unit == 1 && !scan->crowded)
        scan_bytes(scan, p, end);
    return !scan->crowded;
}
