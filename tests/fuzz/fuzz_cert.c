/*
 * fuzz_cert - libFuzzer harness for the BR linter over one certificate
 * (policy/br_rules.c and every rule): the input is DER; whatever decodes
 * is linted alone and as its own issuer, parsed both ways the linter
 * meets certificates: by br_cert_d2i() with the key left undecoded (as
 * smimecheck --cert does) and by d2i_X509() with it decoded (as d2i_CMS
 * gives a message's certificates).
 */
#include <stdint.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "policy/br_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
lint(X509 *x)
{
	STACK_OF(X509) *sk;
	struct br_verdict v;

	if ((sk = sk_X509_new_null()) != NULL) {
		if (br_lint_any(x, sk, &v) == 0)
			br_verdict_clear(&v);
		if (sk_X509_push(sk, x) && br_lint_any(x, sk, &v) == 0)
			br_verdict_clear(&v);
		sk_X509_free(sk);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *p = data;
	X509 *x;

	if ((x = br_cert_d2i(&p, (long)size)) != NULL) {
		lint(x);
		X509_free(x);
	}
	p = data;
	if ((x = d2i_X509(NULL, &p, (long)size)) != NULL) {
		lint(x);
		X509_free(x);
	}
	ERR_clear_error();
	return 0;
}
