/*
 * monthcheck.h: whether a month's bulletin in <output>/YYYY-MM/ may go into the quarter's
 * archive as it is.  It must be whole (its bytes hash to what that folder's manifest.json
 * says) and current (made from the plan and the monthly input files, up to that month,
 * that the store holds now: a corrected report since makes it stale).
 */
#ifndef BULLETIN_MONTHCHECK_H
#define BULLETIN_MONTHCHECK_H

#include "model/buffer.h"
#include "model/store.h"

typedef enum month_state {
    MONTH_KEPT,    /* whole and current: bytes holds the bulletin */
    MONTH_ABSENT,  /* no bulletin in the folder */
    MONTH_DAMAGED, /* unreadable, no readable manifest, or bytes that differ from it */
    MONTH_STALE    /* whole, but made from another plan or other input files */
} month_state;

/* Checks folder/file (the bulletin of month) against folder/manifest.json, and the
 * manifest's plan and inputs against plan_sha256 and the store's files. */
month_state month_check(const char *folder, const char *file, period month, const store *s,
                        const unsigned char plan_sha256[32], arena *memory, buffer *bytes);

#endif
