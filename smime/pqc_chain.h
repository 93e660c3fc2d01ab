/*
 * pqc_chain.h: certificate path validation for chains that hold ML-DSA
 * certificates, which libcrypto before 3.5 can neither build nor check.
 * The checks and the reason tokens are those of the classical path
 * (X509_verify_cert for the S/MIME signing purpose), so a chain gets the
 * same verdict whichever code judged it.
 */
#ifndef SMX_PQC_CHAIN_H
#define SMX_PQC_CHAIN_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/*
 * Build the path of leaf through bag (may be NULL) to the trust anchors of
 * trust (may be NULL: nothing is trusted).  When no certificate on it has
 * an ML-DSA key, return 0 and leave the judgement to libcrypto (*reason
 * and *chain untouched).  Otherwise validate the path at now with at most
 * max_chain certificates (anchor included) and return 1: *reason is "pass"
 * or the most fundamental chain token found (pqc_chain_rank order), and
 * *chain a new stack (leaf first, anchor last when one was reached, each
 * certificate up-referenced; sk_X509_pop_free(.., X509_free) it).
 * SMX_ERR_NOMEM / SMX_ERR_CRYPTO when checking itself failed.
 */
int pqc_chain_check(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
    time_t now, size_t max_chain, const char **reason, STACK_OF(X509) **chain);

/* The same validation for any path, ML-DSA or not (0 and *reason, *chain
 * as above, or an error): for tests that compare it with libcrypto. */
int pqc_chain_verify(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
    time_t now, size_t max_chain, const char **reason, STACK_OF(X509) **chain);

/*
 * Does issuer's key verify x's signature?  ML-DSA issuers through
 * mldsa_verify() over the original tbsCertificate bytes (both signature
 * AlgorithmIdentifiers equal, parameters absent, the parameter set of the
 * key), other issuers through X509_verify().  1 valid, 0 not, or
 * SMX_ERR_NOMEM / SMX_ERR_CRYPTO.
 */
int pqc_chain_signed_by(X509 *x, X509 *issuer);

/* Rank of a chain reason token, 0 for the most fundamental ("limit_chain",
 * then untrusted, bad_ca, chain_invalid, expired, not_yet_valid,
 * bad_purpose, bad_key_usage); unknown tokens rank last. */
int pqc_chain_rank(const char *reason);

#endif
