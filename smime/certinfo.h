/*
 * certinfo.h: what the reports say about a certificate (identity, names,
 * serial, algorithm names).  Results are raw strings from the certificate:
 * sanitize before output.
 */
#ifndef SMX_CERTINFO_H
#define SMX_CERTINFO_H

#include <openssl/x509.h>

/*
 * Mailboxes of cert, in order: SAN rfc822Name and SmtpUTF8Mailbox entries,
 * then subject emailAddress attributes when the SAN has none.  Returns the
 * count (possibly 0) and a new NULL-terminated array in *out (free with
 * certinfo_free_list), or SMX_ERR_NOMEM.
 */
int certinfo_mailboxes(X509 *cert, char ***out);
void certinfo_free_list(char **list);

/* One-line RFC 2253 form of a name (UTF-8 kept), new string; NULL on no memory. */
char *certinfo_name(const X509_NAME *name);
/* Serial number as upper-case hex without separators ("-" prefix if negative). */
char *certinfo_serial(X509 *cert);

/* "rsa-2048", "ec-p256", "ed25519", "ml-dsa-65", "ml-kem-768", ... "unknown". Static. */
const char *certinfo_key_alg(X509 *cert);
/* Signature algorithm family of an AlgorithmIdentifier OID:
 * "rsa-pkcs1", "rsa-pss", "ecdsa", "ed25519", "ed448", "ml-dsa-44", ... "unknown". */
const char *certinfo_sig_alg(const ASN1_OBJECT *oid);

/* 1 when the OID of an ML-DSA parameter set (pure ML-DSA, RFC 9881 2);
 * sets *level (if not NULL) to 44, 65, 87. */
int certinfo_is_mldsa(const ASN1_OBJECT *oid, int *level);
/* 1 when a HashML-DSA OID (id-hash-ml-dsa-NN-with-sha512); sets *level. */
int certinfo_is_hash_mldsa(const ASN1_OBJECT *oid, int *level);

/*
 * The raw ML-DSA public key of cert, read from its SubjectPublicKeyInfo
 * without libcrypto decoding it.  1: an ML-DSA key, *level, *pk (pointing
 * into cert, valid while it lives) and *pklen set (the length is not
 * checked here: a wrong one fails verification); 0: not an ML-DSA key;
 * SMX_ERR_PARSE: an ML-DSA OID with parameters present (RFC 9881 2 wants
 * them absent) or a bit string with unused bits (*level set).
 */
int certinfo_mldsa_key(X509 *cert, int *level, const unsigned char **pk, size_t *pklen);

/*
 * 1 when ca may have issued x by names and key identifiers: x's issuer
 * name is ca's subject (X509_NAME_cmp), and where both carry them, x's AKI
 * keyIdentifier is ca's SKI and an AKI serial is ca's serial.  No key is
 * looked at (X509_check_issued() wants it, and OpenSSL 3.0 cannot load an
 * ML-DSA one).  Self-issued: certinfo_names_issuer(x, x), or EXFLAG_SI.
 */
int certinfo_names_issuer(X509 *x, X509 *ca);

/*
 * The header of the DER TLV at p (n bytes): 0 with *hl the header length
 * and *cl the content length (definite form, at most 4 length octets,
 * content within n), or -1.  hl and cl must not be the same variable.
 */
int certinfo_der_header(const unsigned char *p, size_t n, size_t *hl, size_t *cl);

#endif
