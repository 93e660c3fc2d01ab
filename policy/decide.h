/*
 * decide.h: the site decision for one message: what the MTA should do with
 * it, from its results, its sender and recipient domains, and the policy.
 *
 * A message falls into outcome classes: one for its S/MIME result
 * (unsigned, fail, policy, permerror, temperror, neutral; pass has none)
 * and, when it is signed, one for its BR result (br fail, br warn, br none;
 * br pass has none).  Each class maps to an action; the message gets the
 * most severe action of its classes, tag when it has none.
 */
#ifndef SMX_DECIDE_H
#define SMX_DECIDE_H

#include <stddef.h>

#include "smime/report.h"

/* In order of severity: the most severe wins when classes disagree. */
enum decide_action {
	ACT_ACCEPT,		/* deliver, add nothing */
	ACT_TAG,		/* deliver with our headers */
	ACT_QUARANTINE,		/* hold in the MTA's quarantine, with headers */
	ACT_TEMPFAIL,		/* 4xx: the MTA retries */
	ACT_REJECT,		/* 5xx */
	ACT_COUNT
};
#define ACT_UNSET (-1)		/* in a per-domain policy: as the global one */

enum decide_class {
	DC_UNSIGNED, DC_FAIL, DC_POLICY, DC_PERMERROR, DC_TEMPERROR, DC_NEUTRAL,
	DC_BR_FAIL, DC_BR_WARN, DC_BR_NONE,
	DC_COUNT,
	DC_NONE = -1		/* a message with no class: tag */
};

/* Action per class; ACT_UNSET only in per-domain policies. */
struct decide_policy {
	int on[DC_COUNT];
};

/* A per-domain policy: "example.com" (that domain) or ".example.com" (it
 * and its subdomains). */
struct decide_domain {
	const char *domain;
	struct decide_policy p;
};

struct decide_rules {
	struct decide_policy global;
	const struct decide_domain *senders;	/* matched on the From domain */
	size_t nsenders;
	const struct decide_domain *rcpts;	/* matched on each recipient's domain */
	size_t nrcpts;
};

/* What decide() needs to know about the message besides its results. */
struct decide_input {
	enum smx_result smime;
	const char *smime_reason;
	int br;			/* enum br_result of policy/br_rules.h: 0 none .. 3 fail */
	int signed_msg;		/* at least one signer: the BR classes apply */
	const char *from_domain;	/* NULL when the From has none */
	const char *const *rcpt_domains;
	size_t nrcpts;
	int exempt;		/* internal host or authenticated submission */
};

struct decision {
	enum decide_action action;
	int cls;		/* the class that set it (enum decide_class), or DC_NONE */
	int exempted;		/* a harsher action was turned into tag */
};

/* The defaults: tag everything, except temperror (an internal error while
 * checking), which tempfails so that no mail passes unchecked or is lost. */
void decide_default(struct decide_rules *r);

struct decision decide(const struct decide_rules *r, const struct decide_input *in);

const char *decide_action_name(enum decide_action a);	/* "accept", "tag", ... */
int decide_action_parse(const char *s, enum decide_action *a);	/* 0 or SMX_ERR_INVAL */
const char *decide_class_name(int cls);	/* "unsigned", "fail", ..., "br_none", "none" */

/* 1 when domain falls under pattern ("example.com" or ".example.com"),
 * ASCII case-insensitive. */
int decide_domain_match(const char *pattern, const char *domain);

#endif
