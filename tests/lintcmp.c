/*
 * NAME
 *	lintcmp - a certificate lints the same with and without its key decoded
 * DESCRIPTION
 *	See lintcmp.h.  The test suites that lint certificates
 *	(check_br_rules, check_br_matrix, check_br_gen) call it on every one,
 *	so the keyless parse of smimecheck --cert and the benchmark is held to
 *	the whole corpus, not to a sample.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "policy/br_rules.h"
#include "tests/lintcmp.h"

/* x parsed again from its DER, key left undecoded; NULL on error. */
static X509 *
keyless(X509 *x)
{
	unsigned char *der = NULL;
	const unsigned char *p;
	int n = i2d_X509(x, &der);
	X509 *y;

	if (n <= 0)
		return NULL;
	p = der;
	y = br_cert_d2i(&p, n);
	OPENSSL_free(der);
	return y;
}

static int
same(const struct br_verdict *a, const struct br_verdict *b, char *why, size_t n)
{
	if (a->result != b->result) {
		snprintf(why, n, "result %s, keyless %s", br_result_name(a->result),
		    br_result_name(b->result));
		return 0;
	}
	if ((a->reason == NULL) != (b->reason == NULL) ||
	    (a->reason != NULL && strcmp(a->reason, b->reason) != 0)) {
		snprintf(why, n, "reason %s, keyless %s", a->reason ? a->reason : "-",
		    b->reason ? b->reason : "-");
		return 0;
	}
	for (size_t i = 0; i < a->nfindings || i < b->nfindings; i++) {
		const struct br_finding *f = i < a->nfindings ? &a->findings[i] : NULL;
		const struct br_finding *g = i < b->nfindings ? &b->findings[i] : NULL;

		if (f == NULL || g == NULL || f->rule != g->rule || strcmp(f->cert, g->cert) != 0 ||
		    strcmp(f->detail, g->detail) != 0) {
			snprintf(why, n, "finding %zu: %s[%s: %s], keyless %s[%s: %s]", i,
			    f ? f->rule->code : "-", f ? f->cert : "", f ? f->detail : "",
			    g ? g->rule->code : "-", g ? g->cert : "", g ? g->detail : "");
			return 0;
		}
	}
	return 1;
}

int
lintcmp_keyless(X509 *x, STACK_OF(X509) *others, char *why, size_t n)
{
	STACK_OF(X509) *o2 = others != NULL ? sk_X509_new_null() : NULL;
	struct br_verdict a, b;
	X509 *x2 = NULL;
	int r = -1;

	if (n > 0)
		why[0] = '\0';
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (others != NULL && o2 == NULL)
		goto out;
	for (int i = 0; i < sk_X509_num(others); i++) {
		X509 *y = keyless(sk_X509_value(others, i));

		if (y == NULL || !sk_X509_push(o2, y)) {
			X509_free(y);
			goto out;
		}
		if (sk_X509_value(others, i) == x && x2 == NULL && X509_up_ref(y))
			x2 = y;
	}
	if (x2 == NULL && (x2 = keyless(x)) == NULL)
		goto out;
	if (X509_get0_pubkey(x2) != NULL) {
		snprintf(why, n, "the keyless parse decoded the key");
		r = 1;
		goto out;
	}
	ERR_clear_error();	/* X509_get0_pubkey()'s "decode error" */
	if (br_lint_any(x, others, &a) < 0 || br_lint_any(x2, o2, &b) < 0)
		goto out;
	r = same(&a, &b, why, n) ? 0 : 1;
out:
	br_verdict_clear(&a);
	br_verdict_clear(&b);
	X509_free(x2);
	sk_X509_pop_free(o2, X509_free);
	return r;
}
