/*
 * NAME
 *	decide - the site decision (accept, tag, quarantine, reject, tempfail)
 * SYNOPSIS
 *	#include "policy/decide.h"
 *
 *	void decide_default(struct decide_policy *p);
 *	enum decide_action decide(const struct decide_policy *p,
 *	    const struct smx_report *r);
 * DESCRIPTION
 *	A table from the message's result to an action; the front-ends turn
 *	the action into an SMFIS_* code or an exit status.  The message's
 *	result is already the most severe over its layers (smime/scan.c), so
 *	one look-up decides.  Pure: no I/O, no clock.
 */
#include <string.h>

#include "policy/decide.h"
#include "smime/smx_err.h"

static const char *const action_names[ACT_COUNT] = {
	[ACT_ACCEPT] = "accept",
	[ACT_TAG] = "tag",
	[ACT_QUARANTINE] = "quarantine",
	[ACT_REJECT] = "reject",
	[ACT_TEMPFAIL] = "tempfail",
};

void
decide_default(struct decide_policy *p)
{
	for (size_t i = 0; i <= SMX_FAIL; i++)
		p->on[i] = ACT_TAG;
	p->on[SMX_TEMPERROR] = ACT_TEMPFAIL;
}

enum decide_action
decide(const struct decide_policy *p, const struct smx_report *r)
{
	if ((unsigned)r->result > SMX_FAIL)
		return ACT_TEMPFAIL;
	return p->on[r->result];
}

const char *
decide_action_name(enum decide_action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "tempfail";
}

int
decide_action_parse(const char *s, enum decide_action *a)
{
	for (unsigned i = 0; i < ACT_COUNT; i++)
		if (strcmp(s, action_names[i]) == 0) {
			*a = (enum decide_action)i;
			return 0;
		}
	return SMX_ERR_INVAL;
}
