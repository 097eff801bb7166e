/*
 * supersede.h: which record stands when several files send the same one (inputs.md §3):
 * the later submission replaces the earlier, but only the same office's; a record of
 * another office for a key that an office already sent is refused, so that no office can
 * overwrite another's rows.  The key holds the period (for an assessment, its month), so
 * a record of a later period never replaces an earlier period's.
 */
#ifndef BULLETIN_SUPERSEDE_H
#define BULLETIN_SUPERSEDE_H

#include "model/store.h"

/* Settles every key of the store's accepted records: among one office's records the
 * latest submission stays (date sent, then path; no date counts as earliest), the rest
 * are superseded; the records of any other office for the same key are rejected with an
 * error that names the record that stands.  Updates each file's counts.  Idempotent:
 * running it again over more files settles them all together. */
void supersede(store *s);

#endif
