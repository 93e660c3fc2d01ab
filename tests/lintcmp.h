/*
 * lintcmp.h: does a certificate lint the same when its key is left
 * undecoded (br_cert_d2i(), as smimecheck --cert parses) as when libcrypto
 * decoded it (as d2i_CMS gives the certificates of a message)?
 */
#ifndef SMX_TESTS_LINTCMP_H
#define SMX_TESTS_LINTCMP_H

#include <stddef.h>

#include <openssl/x509.h>

/*
 * Lint x with others (br_lint_any()), then the same certificates parsed
 * again by br_cert_d2i() from their DER (x may be one of others).  0 when
 * both give the same result, reason and findings (code, certificate
 * label, detail, in order); else 1 with the first difference in why.
 * <0 on an error (memory, a certificate that does not encode).
 */
int lintcmp_keyless(X509 *x, STACK_OF(X509) *others, char *why, size_t n);

#endif
