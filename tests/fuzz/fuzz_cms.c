/*
 * fuzz_cms - libFuzzer harness for CMS verification (smime/cms_verify.c)
 *
 * The input is taken as the DER of a CMS object and verified twice: as
 * opaque SignedData (its content is parsed no further here) and as the
 * signature of a detached text whose digests are computed once.  The BR
 * linter then runs over every signer found, as the verdict does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/br_rules.h"
#include "smime/cms_verify.h"
#include "smime/digest.h"
#include "smime/limits.h"

static const char text[] = "Content-Type: text/plain\r\n\r\nHello\r\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
lint_signers(const struct smx_layer *l)
{
	for (size_t j = 0; j < l->nsigners; j++) {
		struct br_verdict v;

		if (l->signers[j].cert == NULL)
			continue;
		if (br_lint_signer(l->signers[j].cert, l->signers[j].chain_certs, l->certs, &v) == 0)
			br_verdict_clear(&v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct digest_set *ds;
	static struct smx_limits lim;
	struct cms_verify_opts o;
	struct smx_layer layer;
	unsigned char *content;
	size_t clen;

	if (ds == NULL) {
		limits_default(&lim);
		if ((ds = digest_set_new(DG_FALLBACK | DG_BIT(DG_MD5) | DG_BIT(DG_SHAKE256))) == NULL)
			return 0;
		digest_set_update(ds, text, sizeof(text) - 1);
		digest_set_final(ds);
	}
	memset(&o, 0, sizeof(o));
	o.now = 1796083200;
	o.skew = 300;
	o.lim = &lim;
	for (int detached = 0; detached < 2; detached++) {
		struct smx_report r;

		memset(&layer, 0, sizeof(layer));
		cms_verify(&o, data, size, detached ? ds : NULL, "alice@example.com", &layer,
		    &content, &clen);
		lint_signers(&layer);
		free(content);
		/* smx_report_clear frees a layer array: give it ours. */
		memset(&r, 0, sizeof(r));
		r.layers = malloc(sizeof(layer));
		if (r.layers == NULL)
			abort();
		memcpy(r.layers, &layer, sizeof(layer));
		r.nlayers = 1;
		smx_report_clear(&r);
	}
	return 0;
}
