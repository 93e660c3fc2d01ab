/*
 * scan.h: the S/MIME scanner.  Feed a whole message (header and body, as
 * the MTA or a file gives it) in chunks of any size; at the end, get the
 * verification record of every S/MIME layer (smime/report.h).  This is the
 * one pipeline both the milter and smimecheck run.
 */
#ifndef SMX_SCAN_H
#define SMX_SCAN_H

#include <stddef.h>

#include "smime/cms_verify.h"
#include "smime/report.h"

struct scan;

/* o (and what it points to: trust store, limits) must outlive the scan.
 * NULL only when memory runs out. */
struct scan *scan_new(const struct cms_verify_opts *o);
struct scan *scan_free(struct scan *sc);

/* 0, or SMX_ERR_NOMEM / SMX_ERR_CRYPTO (checking itself failed: the caller
 * should tempfail), SMX_ERR_STATE after scan_finish(). */
int scan_write(struct scan *sc, const void *p, size_t n);

/*
 * End the message and move its record into *out (cleared first; the caller
 * clears it with smx_report_clear()).  Returns 0 or an error as above; on
 * error *out holds temperror internal_error.
 */
int scan_finish(struct scan *sc, struct smx_report *out);

/*
 * The From address as soon as the top-level header has been read, or NULL
 * (not yet, none, or not exactly one mailbox).  For a caller that stops
 * feeding a message (too large) and still has to judge it by its sender.
 */
const char *scan_from(const struct scan *sc);

#endif
