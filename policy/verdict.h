/*
 * verdict.h: the one result record the front-ends consume (headers, log
 * line, smimecheck output): the verification record of smime/, the BR
 * verdict of every signer, the message's BR result and the action.
 */
#ifndef SMX_VERDICT_H
#define SMX_VERDICT_H

#include "policy/br_rules.h"
#include "policy/decide.h"
#include "smime/report.h"

struct verdict {
	const struct smx_report *rep;	/* borrowed; outlives the verdict */
	struct br_verdict *br;		/* one per signer, report order (layer by layer) */
	size_t nsigners;
	enum br_result br_result;	/* most severe over signers; none without BR signers */
	const struct br_verdict *br_worst;	/* the signer verdict that set br_result, or NULL */
	enum decide_action action;
	struct decision decision;	/* action, the class that set it, exemption */
};

/* The envelope facts decide() needs that the message itself does not hold. */
struct verdict_env {
	const char *const *rcpt_domains;
	size_t nrcpts;
	int exempt;		/* internal host or authenticated submission */
};

/* 0, or SMX_ERR_NOMEM (then v holds nothing and the caller tempfails). */
/* env may be NULL (no recipients, not exempt). */
int verdict_build(const struct smx_report *r, const struct decide_rules *rules,
    const struct verdict_env *env, struct verdict *v);
void verdict_clear(struct verdict *v);

/* The BR verdict of signer j of layer i. */
const struct br_verdict *verdict_signer_br(const struct verdict *v, size_t layer, size_t j);

#endif
