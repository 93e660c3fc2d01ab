/*
 * br_util.h: small certificate accessors the rule files share.  Pure
 * reads of an X509; nothing here judges.
 */
#ifndef SMX_BR_UTIL_H
#define SMX_BR_UTIL_H

#include <stddef.h>

#include <openssl/x509.h>

/* Occurrences of the extension nid in x; *crit gets the first one's
 * critical flag (0 when absent).  Returns the count (0, 1, or more). */
int br_ext_count(X509 *x, int nid, int *crit);
/* Same for an extension named by dotted OID text ("1.3.6.1.4.1.52266.1"). */
int br_ext_count_oid(X509 *x, const char *oid, int *crit);

/* 1 when os (an extension's value) holds exactly one DER element with a
 * one-octet tag and nothing after it: libcrypto's decoders ignore bytes
 * over, RFC 5280 4.1 (extnValue is the DER of the value) does not. */
int br_one_element(const ASN1_OCTET_STRING *os);

/* ASN1_TIME as yyyymmdd in UTC, or 0 when it does not decode. */
int br_ymd(const ASN1_TIME *t);

/*
 * x is self-issued: X509_check_issued() says so, or, for a key libcrypto
 * cannot decode (ML-DSA on OpenSSL 3.0, where X509_check_issued() fails),
 * its subject names its issuer and its authorityKeyIdentifier, if any, is
 * its own subjectKeyIdentifier.
 */
int br_self_issued(X509 *x);

/* 1 when the DER of a with (its own) length equals hex (lower-case hex text). */
int br_der_equals(const unsigned char *der, size_t len, const char *hex);

/* DER of x's SubjectPublicKeyInfo.algorithm into a new buffer; 0 or <0. */
int br_spki_alg_der(X509 *x, unsigned char **der, size_t *len);
/* DER of x's outer signatureAlgorithm; 0 or <0. */
int br_sig_alg_der(X509 *x, unsigned char **der, size_t *len);

/* Write printf-style into a rule's detail buffer; returns 1 (a finding). */
int br_detail(char *detail, size_t dlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
