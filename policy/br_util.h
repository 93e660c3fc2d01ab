/*
 * br_util.h: small certificate accessors the rule files share, and the
 * memo of one lint run that spares them decoding the same thing twice.
 * Nothing here judges.
 */
#ifndef SMX_BR_UTIL_H
#define SMX_BR_UTIL_H

#include <stddef.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"

/* Occurrences of the extension nid in x; *crit gets the first one's
 * critical flag (0 when absent).  Returns the count (0, 1, or more). */
int br_ext_count(X509 *x, int nid, int *crit);
/* Same for an extension named by dotted OID text ("1.3.6.1.4.1.52266.1"). */
int br_ext_count_oid(X509 *x, const char *oid, int *crit);

/* 1 when os (an extension's value) holds exactly one DER element with a
 * one-octet tag and nothing after it: libcrypto's decoders ignore bytes
 * over, RFC 5280 4.1 (extnValue is the DER of the value) does not. */
int br_one_element(const ASN1_OCTET_STRING *os);

/* e's value decoded as its type (free with ASN1_item_free() and the
 * method's item), or NULL when it does not decode or leaves bytes over. */
void *br_ext_value(X509_EXTENSION *e);

/*
 * The first occurrence of extension nid in c->x decoded (br_ext_value()),
 * or NULL when absent or undecodable.  Decoded once per br_lint_cert()
 * run and kept in c->memo, which owns it: the caller must not free it.
 * Several rules read the same extensions (the AIA rules, the SAN rules):
 * decoding each once saves most of their cost.
 */
void *br_ext_decoded(const struct br_cert *c, int nid);
/* X509_get_ext_d2i(c->x, nid, NULL, NULL), kept the same way: NULL also
 * when the extension occurs twice, bytes after the value ignored. */
void *br_ext_d2i(const struct br_cert *c, int nid);
/*
 * c's memo slot for key, or NULL when nothing is kept for it yet.  Put:
 * keep val (freed with ASN1_item_free(val, it) when it is set, else with
 * release(val) when that is set) and return its slot; NULL when c has no
 * memo or it is full, and then val is freed at once (so the caller must
 * hold on to a copy it made first, or not put at all).
 */
struct br_memo_slot *br_memo_get(const struct br_cert *c, int key);
struct br_memo_slot *br_memo_put(const struct br_cert *c, int key, void *val,
    const ASN1_ITEM *it, void (*release)(void *));
/* Free what a memo holds (br_lint_cert() does, at the end of a run). */
void br_memo_clear(struct br_memo *m);

/* ASN1_TIME as yyyymmdd in UTC, or 0 when it does not decode. */
int br_ymd(const ASN1_TIME *t);

/*
 * x is self-issued: its subject names its issuer, and its
 * authorityKeyIdentifier, if any, names its own key and serial
 * (certinfo_names_issuer()).  Not X509_check_issued(), which needs the
 * public key decoded: the linter judges certificates parsed without keys
 * (br_cert_d2i()) and ML-DSA keys OpenSSL 3.0 cannot decode, and must
 * judge both as it judges the rest.
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
