/*
 * fuzz_cert - libFuzzer harness for the BR linter over one certificate
 * (policy/br_rules.c and every rule): the input is DER; whatever decodes
 * is linted as smimecheck --cert does, alone and as its own issuer.
 */
#include <stdint.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "policy/br_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *p = data;
	STACK_OF(X509) *sk;
	struct br_verdict v;
	X509 *x;

	if ((x = d2i_X509(NULL, &p, (long)size)) == NULL) {
		ERR_clear_error();
		return 0;
	}
	if ((sk = sk_X509_new_null()) != NULL) {
		if (br_lint_any(x, sk, &v) == 0)
			br_verdict_clear(&v);
		if (sk_X509_push(sk, x) && br_lint_any(x, sk, &v) == 0)
			br_verdict_clear(&v);
		sk_X509_free(sk);
	}
	X509_free(x);
	ERR_clear_error();
	return 0;
}
