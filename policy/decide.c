/*
 * NAME
 *	decide - the site decision (accept, tag, quarantine, tempfail, reject)
 * SYNOPSIS
 *	#include "policy/decide.h"
 *
 *	void decide_default(struct decide_rules *r);
 *	struct decision decide(const struct decide_rules *r,
 *	    const struct decide_input *in);
 * DESCRIPTION
 *	For each class the message falls into, the action is the sender
 *	domain's (the first SenderPolicies entry matching the From domain)
 *	when it sets one, else the global one; then every recipient domain
 *	policy that matches and sets one can make it harsher (a message has
 *	one fate for all its recipients, so the strictest wins).  The
 *	message's action is the most severe over its classes.  Exempt mail
 *	(internal hosts, authenticated submissions) is never quarantined,
 *	tempfailed or rejected by policy: it is tagged; but a temperror (the
 *	check did not finish) keeps its action, exempt or not.  Pure: no
 *	I/O, no clock.
 * SEE ALSO
 *	smimilter.conf(5): On*, SenderPolicies, RecipientPolicies.
 */
#include <string.h>
#include <strings.h>

#include "policy/decide.h"
#include "smime/smx_err.h"

static const char *const action_names[ACT_COUNT] = {
	[ACT_ACCEPT] = "accept",
	[ACT_TAG] = "tag",
	[ACT_QUARANTINE] = "quarantine",
	[ACT_TEMPFAIL] = "tempfail",
	[ACT_REJECT] = "reject",
};

static const char *const class_names[DC_COUNT] = {
	[DC_UNSIGNED] = "unsigned", [DC_FAIL] = "fail", [DC_POLICY] = "policy",
	[DC_PERMERROR] = "permerror", [DC_TEMPERROR] = "temperror",
	[DC_NEUTRAL] = "neutral", [DC_BR_FAIL] = "br_fail", [DC_BR_WARN] = "br_warn",
	[DC_BR_NONE] = "br_none",
};

void
decide_default(struct decide_rules *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < DC_COUNT; i++)
		r->global.on[i] = ACT_TAG;
	r->global.on[DC_TEMPERROR] = ACT_TEMPFAIL;
}

int
decide_domain_match(const char *pattern, const char *domain)
{
	size_t pl, dl;

	if (pattern == NULL || domain == NULL)
		return 0;
	if (pattern[0] != '.')
		return strcasecmp(pattern, domain) == 0;
	/* ".example.com": example.com itself and anything below it */
	if (strcasecmp(pattern + 1, domain) == 0)
		return 1;
	pl = strlen(pattern);
	dl = strlen(domain);
	return dl > pl && strcasecmp(domain + dl - pl, pattern) == 0;
}

/* The S/MIME class of a result, or DC_NONE for pass. */
static int
smime_class(enum smx_result r)
{
	switch (r) {
	case SMX_NONE: return DC_UNSIGNED;
	case SMX_FAIL: return DC_FAIL;
	case SMX_POLICY: return DC_POLICY;
	case SMX_PERMERROR: return DC_PERMERROR;
	case SMX_TEMPERROR: return DC_TEMPERROR;
	case SMX_NEUTRAL: return DC_NEUTRAL;
	case SMX_PASS: break;
	}
	return DC_NONE;
}

/* BR result (0 none, 1 pass, 2 warn, 3 fail) to a class. */
static int
br_class(int br)
{
	return br == 3 ? DC_BR_FAIL : br == 2 ? DC_BR_WARN : br == 0 ? DC_BR_NONE : DC_NONE;
}

static int
action_for(const struct decide_rules *r, const struct decide_input *in, int cls)
{
	int a = r->global.on[cls];

	for (size_t i = 0; i < r->nsenders; i++)
		if (decide_domain_match(r->senders[i].domain, in->from_domain)) {
			if (r->senders[i].p.on[cls] != ACT_UNSET)
				a = r->senders[i].p.on[cls];
			break;
		}
	for (size_t k = 0; k < in->nrcpts; k++)
		for (size_t i = 0; i < r->nrcpts; i++)
			if (decide_domain_match(r->rcpts[i].domain, in->rcpt_domains[k])) {
				if (r->rcpts[i].p.on[cls] > a)
					a = r->rcpts[i].p.on[cls];
				break;
			}
	return a;
}

struct decision
decide(const struct decide_rules *r, const struct decide_input *in)
{
	struct decision d = { ACT_TAG, DC_NONE, 0 };
	int classes[2], n = 0;

	if ((classes[n] = smime_class(in->smime)) != DC_NONE)
		n++;
	if (in->signed_msg && (classes[n] = br_class(in->br)) != DC_NONE)
		n++;
	for (int i = 0; i < n; i++) {
		int a = action_for(r, in, classes[i]);

		/* An exemption trusts the sender, not a check that did not
		 * finish: temperror keeps its action, the others are tagged. */
		if (in->exempt && classes[i] != DC_TEMPERROR && a >= ACT_QUARANTINE) {
			a = ACT_TAG;
			d.exempted = 1;
		}
		if (d.cls == DC_NONE || a > (int)d.action) {
			d.action = (enum decide_action)a;
			d.cls = classes[i];
		}
	}
	return d;
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

const char *
decide_class_name(int cls)
{
	return cls >= 0 && cls < DC_COUNT ? class_names[cls] : "none";
}
