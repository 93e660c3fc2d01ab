/*
 * decide.h: the site decision for one message, from its verification
 * record: what the MTA should do with it.
 */
#ifndef SMX_DECIDE_H
#define SMX_DECIDE_H

#include "smime/report.h"

enum decide_action {
	ACT_ACCEPT,		/* deliver, add nothing */
	ACT_TAG,		/* deliver with our headers */
	ACT_QUARANTINE,		/* hold in the MTA's quarantine, with headers */
	ACT_REJECT,		/* 5xx */
	ACT_TEMPFAIL,		/* 4xx: the MTA retries */
	ACT_COUNT
};

/* Which action each message result gets. */
struct decide_policy {
	enum decide_action on[SMX_FAIL + 1];	/* indexed by enum smx_result */
};

/* The defaults: tag everything; an internal error (temperror) tempfails,
 * so that no mail is lost and none passes unchecked. */
void decide_default(struct decide_policy *p);

enum decide_action decide(const struct decide_policy *p, const struct smx_report *r);

const char *decide_action_name(enum decide_action a);	/* "accept", "tag", ... */
int decide_action_parse(const char *s, enum decide_action *a);	/* 0 or SMX_ERR_INVAL */

#endif
