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

/* 1 when the OID of an ML-DSA parameter set; sets *level to 44, 65, 87. */
int certinfo_is_mldsa(const ASN1_OBJECT *oid, int *level);

#endif
