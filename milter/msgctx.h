/*
 * msgctx.h: one message through the whole pipeline, without libmilter.
 *
 * The milter callbacks translate libmilter events into these calls and
 * apply the result (struct msg_result) through the mtx_* seam; smimecheck
 * runs the very same code over files.  Nothing here talks to the MTA.
 */
#ifndef SMX_MSGCTX_H
#define SMX_MSGCTX_H

#include <stddef.h>

#include "policy/decide.h"
#include "policy/verdict.h"
#include "smime/cms_verify.h"

/* What a message is judged with: borrowed from a configuration snapshot
 * that outlives the message. */
struct msgctx_cfg {
	const struct cms_verify_opts *vo;
	const struct decide_rules *rules;
	const char *authserv_id;
	const char *br_header;		/* name of the BR compliance header */
	size_t max_size;		/* 0: no limit */
	const char *software;		/* value of a software header, or NULL for none */
	int no_quarantine;		/* the MTA cannot hold mail: quarantine tags */
};

/* The status the milter returns at end of message. */
enum msg_status { MSG_CONTINUE, MSG_REJECT, MSG_TEMPFAIL };

struct msg_hdr {
	char *name;
	char *value;			/* folded with "\n\t"; no leading space */
	int index;			/* deletions: 1-based among same-named headers */
};

struct msg_result {
	enum msg_status status;
	const char *rcode, *xcode, *text;	/* reply for reject / tempfail */
	const char *quarantine;		/* reason, when held */
	int quarantine_lost;		/* policy said quarantine, no_quarantine tagged */
	struct msg_hdr *del;		/* forged headers, highest index first */
	size_t ndel;
	struct msg_hdr *ins;		/* to insert at the top, in this order */
	size_t nins;
	char *log;			/* the log line (policy/logfmt) */
	int success;			/* smime=pass and br pass or none: for SyslogSuccess */
	struct smx_report rep;		/* the record and verdict, for callers that show them */
	struct verdict v;
};

struct msgctx;

struct msgctx *msgctx_new(const struct msgctx_cfg *cfg);	/* NULL: no memory */
struct msgctx *msgctx_free(struct msgctx *m);

/* Envelope facts. */
int msgctx_rcpt(struct msgctx *m, const char *addr);	/* "<a@b>" or "a@b" */
void msgctx_set_exempt(struct msgctx *m, int exempt);

/*
 * The message as the MTA gives it: header fields (value as received; with
 * leadspc the MTA kept the leading white space), the end of the header,
 * body chunks.  Or raw bytes (a file), through msgctx_raw().  0 or an
 * SMX_ERR_*; an error is remembered and makes the message temperror.
 */
int msgctx_header(struct msgctx *m, const char *name, const char *value, int leadspc);
int msgctx_eoh(struct msgctx *m);
int msgctx_body(struct msgctx *m, const void *p, size_t n);
int msgctx_raw(struct msgctx *m, const void *p, size_t n);

/*
 * End of message: judge, decide, and say what to do.  queue_id may be
 * NULL.  0, or SMX_ERR_NOMEM when not even the result could be built (the
 * caller then applies OnInternalError).  Free r with msgctx_result_clear().
 */
int msgctx_eom(struct msgctx *m, const char *queue_id, long ms, struct msg_result *r);
void msgctx_result_clear(struct msg_result *r);

#endif
