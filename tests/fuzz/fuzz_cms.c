/*
 * NAME
 *	fuzz_cms - libFuzzer harness for CMS verification (smime/cms_verify.h)
 * SYNOPSIS
 *	fuzz_cms [libFuzzer options] [CORPUS...]
 * DESCRIPTION
 *	The input is the DER of a CMS object.  It is verified three times
 *	against the test trust anchor (tests/data/trust/root.pem, loaded
 *	once) at 2026-12-01T00:00:00Z, with alice@example.com as the From
 *	address: as opaque SignedData (detached = NULL), as the detached
 *	signature of a fixed text (a digest_set over every algorithm,
 *	computed once; the corpus/cms/text-* seeds sign exactly that text,
 *	so they pass), and opaque again with the smallest limits (one
 *	certificate, one signer, chains of two).  The BR linter then runs over every signer found, as
 *	verdict_build() does.
 *	Checks (abort() on violation): cms_verify() returns 0; the layer is
 *	well formed (fuzz_common.c: vocabulary, severity order, sanitizable
 *	strings); signers, certificates and chains within the limits; the
 *	encapsulated content is no longer than the input and absent for a
 *	detached or enveloped object.
 * OWNERSHIP
 *	Trust store and digests live for the process; layers are freed per
 *	input (through smx_report_clear, which owns the layer array).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "policy/br_rules.h"
#include "smime/cms_verify.h"
#include "smime/digest.h"
#include "smime/limits.h"
#include "smime/smx_err.h"
#include "smime/trust.h"
#include "tests/fuzz/fuzz_common.h"

#ifndef FUZZ_TOP_SRCDIR
#define FUZZ_TOP_SRCDIR "."
#endif

/* The detached content; corpus/cms/ holds signatures over exactly this. */
static const char text[] =
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "fuzz_cms: the fixed detached content.\r\n";

static X509_STORE *anchors;
static struct digest_set *ds;
static struct smx_limits lim_default, lim_small;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = getenv("srcdir");
	char path[4096], err[256];
	unsigned all = 0;

	(void)argc;
	(void)argv;
	if (top == NULL || *top == '\0')
		top = FUZZ_TOP_SRCDIR;
	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top);
	if (trust_load(path, &anchors, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_cms: %s: %s (set srcdir)\n", path, err);
		exit(2);
	}
	for (int a = 0; a < DG_COUNT; a++)
		all |= DG_BIT(a);
	if ((ds = digest_set_new(all)) == NULL ||
	    digest_set_update(ds, text, sizeof(text) - 1) != 0 || digest_set_final(ds) != 0) {
		fprintf(stderr, "fuzz_cms: cannot digest the fixed text\n");
		exit(2);
	}
	limits_default(&lim_default);
	limits_default(&lim_small);
	lim_small.max_certs = 1;
	lim_small.max_signers = 1;
	lim_small.max_chain = 2;
	lim_small.max_cms_bytes = 4096;
	return 0;
}

static void
lint_signers(const struct smx_layer *l)
{
	for (size_t j = 0; j < l->nsigners; j++) {
		struct br_verdict v;

		if (l->signers[j].cert == NULL)
			continue;
		memset(&v, 0, sizeof(v));
		if (br_lint_signer(l->signers[j].cert, l->signers[j].enc_cert,
		    l->signers[j].chain_certs, l->certs, &v) == 0)
			br_verdict_clear(&v);
	}
}

static void
one(const struct smx_limits *lim, const uint8_t *data, size_t size,
    const struct digest_set *detached)
{
	struct cms_verify_opts o;
	struct smx_report holder;
	struct smx_layer *l;
	unsigned char *content = NULL;
	size_t clen = 0;
	int r;

	memset(&o, 0, sizeof(o));
	o.trust = anchors;
	o.now = 1796083200;
	o.skew = 300;
	o.lim = lim;
	memset(&holder, 0, sizeof(holder));
	FZ_CHECK((holder.layers = l = calloc(1, sizeof(*l))) != NULL, "oom");
	holder.nlayers = 1;
	l->kind = detached != NULL ? SMX_LAYER_DETACHED : SMX_LAYER_OPAQUE;
	FZ_CHECK((l->part = strdup("1")) != NULL && (l->from = strdup("alice@example.com")) != NULL,
	    "oom");
	r = cms_verify(&o, data, size, detached, l->from, l, &content, &clen);
	FZ_CHECK(r == 0, "cms_verify: %d (%s)", r, smx_strerror(r));
	fz_check_layer(l, 0);
	FZ_CHECK(l->nsigners <= lim->max_signers, "%zu signers over %zu", l->nsigners,
	    lim->max_signers);
	/* an oversized bag is kept (it is decoded already) but not used */
	if (l->certs != NULL && (size_t)sk_X509_num(l->certs) > lim->max_certs)
		FZ_CHECK(l->result == SMX_PERMERROR && l->reason != NULL &&
		    strncmp(l->reason, "limit_", 6) == 0 && l->nsigners == 0,
		    "%d certificates over %zu, yet %s %s with %zu signers",
		    sk_X509_num(l->certs), lim->max_certs, smx_result_name(l->result),
		    l->reason ? l->reason : "-", l->nsigners);
	for (size_t j = 0; j < l->nsigners; j++)
		FZ_CHECK(l->signers[j].chain_certs == NULL ||
		    (size_t)sk_X509_num(l->signers[j].chain_certs) <= lim->max_chain,
		    "chain of %d over %zu", sk_X509_num(l->signers[j].chain_certs), lim->max_chain);
	if (content != NULL) {
		FZ_CHECK(detached == NULL, "content returned for a detached signature");
		FZ_CHECK(l->kind == SMX_LAYER_OPAQUE, "content returned for kind %d", (int)l->kind);
		FZ_CHECK(clen <= size, "content of %zu bytes from %zu bytes of DER", clen, size);
		OPENSSL_free(content);
	}
	lint_signers(l);
	smx_report_clear(&holder);
	ERR_clear_error();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(&lim_default, data, size, NULL);
	one(&lim_default, data, size, ds);
	one(&lim_small, data, size, NULL);
	return 0;
}
