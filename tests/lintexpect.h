/*
 * lintexpect.h: what the generated-certificate suites (check_br_matrix,
 * check_br_gen) share: the test PKI's files, and the one assertion they
 * make of every certificate.  Check assertions: for test cases only.
 */
#ifndef SMX_TESTS_LINTEXPECT_H
#define SMX_TESTS_LINTEXPECT_H

#include <stddef.h>

#include <openssl/x509.h>

#include "tests/certgen.h"

/* $srcdir/tests/data/pki/DIR/FILE into buf (srcdir defaults to "."). */
const char *lintexpect_pki(char *buf, size_t len, const char *dir, const char *file);
/* The test PKI's CA NAME (keys/NAME.key, certs/NAME.pem), or NULL. */
struct certgen_ca *lintexpect_ca(const char *name);

/*
 * Lint x with hand (br_lint_any()) and require exactly the errors and
 * warnings of want (blank-separated codes, "" for none), the notices too
 * when want names one ("n_none": no notice at all), and the result they
 * imply; that the keyless parse lints the same (lintcmp_keyless()); and,
 * when label is set, that every finding but those of also is on the
 * certificate so labelled.  what names the case in a failure.
 */
void lintexpect_codes(X509 *x, STACK_OF(X509) *hand, const char *want, const char *label,
    const char *also, const char *what);

#endif
