/*
 * logfmt.h: the one log line per message, written and parsed here.
 *
 *	QUEUEID: key=value key=value ...
 *
 * Keys come in a fixed order (logfmt_keys[]); a value is written bare when
 * it is made only of [A-Za-z0-9._,:@+/-] characters, with angle brackets
 * for addresses (from=<a@b>), and otherwise in double quotes with \" and
 * \\ escaped.  Values that came from a message or a certificate are
 * sanitized before they get here, so a line never holds a control
 * character.  smimilter(8) documents the keys; the report tool parses the
 * line with logfmt_parse(), and logfmt_parse(logfmt_line(r)) == r.
 */
#ifndef SMX_LOGFMT_H
#define SMX_LOGFMT_H

#include <stddef.h>

#include "policy/verdict.h"

/* Keys, in the order they are written. */
enum logfmt_key {
	LK_SMIME, LK_REASON, LK_FROM, LK_SIGNERS, LK_IDENTITY, LK_FROM_MATCH,
	LK_ISSUER, LK_SERIAL, LK_KEY_ALG, LK_SIG_ALG, LK_DIGEST_ALG,
	LK_BR, LK_BR_TYPE, LK_BR_GEN, LK_FINDINGS, LK_ACTION, LK_SIZE, LK_LAYERS,
	LK_MS, LK_COUNT
};

extern const char *const logfmt_keys[LK_COUNT];

/* One line's content: the queue id and a value per key (NULL = absent). */
struct logrec {
	char *queue_id;
	char *val[LK_COUNT];
};

/*
 * Fill r from a verdict: the message's results and those of its deciding
 * signer (the one whose result is the message's, else the first).
 * queue_id may be NULL ("NOQUEUE"); ms is the processing time.  Values are
 * sanitized copies.  0 or SMX_ERR_NOMEM.
 */
int logfmt_from_verdict(struct logrec *r, const char *queue_id,
    const struct verdict *v, long ms);

/* The line for r, a new string without a newline; NULL on no memory. */
char *logfmt_line(const struct logrec *r);

/* Parse a line (or the part of a syslog line after "smimilter[pid]: ").
 * 0, SMX_ERR_PARSE (not one of ours), SMX_ERR_NOMEM.  Unknown keys are
 * skipped, so older parsers read newer lines. */
int logfmt_parse(const char *line, struct logrec *r);

void logfmt_clear(struct logrec *r);

#endif
