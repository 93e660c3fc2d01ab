/*
 * NAME
 *	verdict - BR-lint every signer of a report and decide the action
 * SYNOPSIS
 *	#include "policy/verdict.h"
#include "smime/address.h"
 *
 *	int verdict_build(const struct smx_report *r,
 *	    const struct decide_rules *rules, const struct verdict_env *env,
 *	    struct verdict *v);
 *	void verdict_clear(struct verdict *v);
 * DESCRIPTION
 *	Every signer with a certificate is linted with the chain its
 *	verification built, the certificate bag of its layer and the
 *	encryption certificate its SMIMEEncryptionKeyPreference names
 *	(br_lint_signer()).  A signer without a certificate gets BR result
 *	none.  The message's BR result is the most severe over its signers
 *	(fail > warn > pass > none).  Pure: the report holds all inputs.
 * OWNERSHIP
 *	The verdict borrows the report and owns the per-signer verdicts.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/verdict.h"
#include "smime/address.h"
#include "smime/smx_err.h"

int
verdict_build(const struct smx_report *r, const struct decide_rules *rules,
    const struct verdict_env *env, struct verdict *v)
{
	struct decide_input in;
	size_t n = 0, k = 0;
	int err = 0;

	memset(v, 0, sizeof(*v));
	v->rep = r;
	for (size_t i = 0; i < r->nlayers; i++)
		n += r->layers[i].nsigners;
	if (n > 0 && (v->br = calloc(n, sizeof(*v->br))) == NULL)
		return SMX_ERR_NOMEM;
	v->nsigners = n;
	for (size_t i = 0; i < r->nlayers && err == 0; i++) {
		const struct smx_layer *l = &r->layers[i];

		for (size_t j = 0; j < l->nsigners && err == 0; j++, k++) {
			const struct smx_signer *s = &l->signers[j];

			if (s->cert == NULL) {
				v->br[k].reason = "no_certificate";
				br_verdict_finish(&v->br[k]);
				continue;
			}
			err = br_lint_signer(s->cert, s->enc_cert, s->chain_certs, l->certs,
			    &v->br[k]);
			if (err == 0 && (v->br_worst == NULL || v->br[k].result > v->br_result)) {
				v->br_result = v->br[k].result;
				v->br_worst = &v->br[k];
			}
		}
	}
	if (err < 0) {
		verdict_clear(v);
		return err;
	}
	memset(&in, 0, sizeof(in));
	in.smime = r->result;
	in.smime_reason = r->reason;
	in.br = (int)v->br_result;
	in.signed_msg = n > 0;
	in.from_domain = address_domain(r->from);
	if (env != NULL) {
		in.rcpt_domains = env->rcpt_domains;
		in.nrcpts = env->nrcpts;
		in.exempt = env->exempt;
	}
	v->decision = decide(rules, &in);
	v->action = v->decision.action;
	return 0;
}

void
verdict_clear(struct verdict *v)
{
	for (size_t i = 0; i < v->nsigners; i++)
		br_verdict_clear(&v->br[i]);
	free(v->br);
	memset(v, 0, sizeof(*v));
}

const struct br_verdict *
verdict_signer_br(const struct verdict *v, size_t layer, size_t j)
{
	size_t k = 0;

	for (size_t i = 0; i < layer && i < v->rep->nlayers; i++)
		k += v->rep->layers[i].nsigners;
	k += j;
	return k < v->nsigners ? &v->br[k] : NULL;
}
