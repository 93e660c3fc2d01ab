/*
 * NAME
 *	report - results and the verification record
 * SYNOPSIS
 *	#include "smime/report.h"
 *
 *	const char *smx_result_name(enum smx_result r);
 *	int smx_result_parse(const char *s, enum smx_result *r);
 *	int smx_result_worse(enum smx_result a, enum smx_result b);
 *	const char *smx_layer_kind_name(enum smx_layer_kind k);
 *	void smx_report_clear(struct smx_report *r);
 * DESCRIPTION
 *	The names are the RFC 7281 result keywords.  smx_result_worse() is
 *	the one severity order (see report.h).  smx_report_clear() frees
 *	everything a report owns and leaves it empty (result none).
 */
#include <stdlib.h>
#include <string.h>

#include "smime/report.h"
#include "smime/smx_err.h"

static const char *const result_names[] = {
	[SMX_NONE] = "none",
	[SMX_NEUTRAL] = "neutral",
	[SMX_PASS] = "pass",
	[SMX_TEMPERROR] = "temperror",
	[SMX_POLICY] = "policy",
	[SMX_PERMERROR] = "permerror",
	[SMX_FAIL] = "fail",
};

const char *
smx_result_name(enum smx_result r)
{
	if ((unsigned)r < sizeof(result_names) / sizeof(result_names[0]))
		return result_names[r];
	return "permerror";
}

int
smx_result_parse(const char *s, enum smx_result *r)
{
	for (unsigned i = 0; i < sizeof(result_names) / sizeof(result_names[0]); i++) {
		if (strcmp(s, result_names[i]) == 0) {
			*r = (enum smx_result)i;
			return 0;
		}
	}
	return SMX_ERR_INVAL;
}

int
smx_result_worse(enum smx_result a, enum smx_result b)
{
	return a > b;
}

const char *
smx_layer_kind_name(enum smx_layer_kind k)
{
	switch (k) {
	case SMX_LAYER_DETACHED:
		return "detached";
	case SMX_LAYER_OPAQUE:
		return "opaque";
	case SMX_LAYER_ENCRYPTED:
		return "encrypted";
	}
	return "unknown";
}

static void
signer_clear(struct smx_signer *s)
{
	free(s->identity);
	free(s->subject);
	free(s->issuer);
	free(s->serial);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain_certs, X509_free);
	X509_free(s->enc_cert);
	memset(s, 0, sizeof(*s));
}

void
smx_report_clear(struct smx_report *r)
{
	for (size_t i = 0; i < r->nlayers; i++) {
		struct smx_layer *l = &r->layers[i];

		for (size_t j = 0; j < l->nsigners; j++)
			signer_clear(&l->signers[j]);
		free(l->signers);
		free(l->part);
		free(l->from);
		sk_X509_pop_free(l->certs, X509_free);
	}
	free(r->layers);
	free(r->from);
	memset(r, 0, sizeof(*r));
}
