/*
 * certgen.h: test certificates made in C on libcrypto's API, from a spec
 * that describes one S/MIME subscriber certificate: by default the
 * correct profile of BR 7.1.2.3 for the reserved policy OID it names,
 * and from there any mistake a CA can make, down to extension values in
 * raw (and malformed) DER.  For the tests and the benchmark; never linked
 * into the milter.
 */
#ifndef SMX_CERTGEN_H
#define SMX_CERTGEN_H

#include <openssl/evp.h>
#include <openssl/x509.h>

#define CERTGEN_MAX 12		/* entries of each list in a spec */

/* keyUsage bits by their position in the BIT STRING (RFC 5280 4.2.1.3). */
enum {
	CG_DS = 1 << 0, CG_NR = 1 << 1, CG_KE = 1 << 2, CG_DE = 1 << 3, CG_KA = 1 << 4,
	CG_KCS = 1 << 5, CG_CRL = 1 << 6, CG_EO = 1 << 7, CG_DO = 1 << 8
};

/* What an override does to the extension it names. */
enum certgen_op {
	CG_ADD = 1,		/* append one with value hex (a second one if present) */
	CG_REPLACE,		/* set the value of the first one to hex (criticality kept) */
	CG_REMOVE,		/* delete every one */
	CG_CRITICAL,		/* mark the first one critical */
	CG_NONCRITICAL		/* mark the first one not critical */
};

struct certgen_ext {
	const char *oid;	/* dotted, or a name libcrypto knows ("subjectAltName") */
	enum certgen_op op;
	const char *hex;	/* CG_ADD, CG_REPLACE: the extnValue octets, hex (blanks ignored) */
	int critical;		/* CG_ADD */
};

/*
 * The fields of a TBSCertificate (RFC 5280 4.1) by their position in the
 * one certgen makes, for struct certgen_tbs.
 */
enum {
	CG_TBS_VERSION, CG_TBS_SERIAL, CG_TBS_SIGNATURE, CG_TBS_ISSUER, CG_TBS_VALIDITY,
	CG_TBS_SUBJECT, CG_TBS_SPKI, CG_TBS_EXTENSIONS
};

/*
 * A DER edit of the TBSCertificate, for what libcrypto's API cannot make
 * (unique identifiers, a signature field unlike the outer one, a key that
 * does not parse): CG_REPLACE swaps the whole field (tag, length, value)
 * for hex, CG_ADD puts hex before it (after the last field when field is
 * past it), CG_REMOVE drops it.  Positions are those of the TBSCertificate
 * as made, whatever the other edits do; the result is signed anew, with
 * the outer signatureAlgorithm kept.
 */
struct certgen_tbs {
	int field;		/* CG_TBS_* */
	enum certgen_op op;	/* 0 ends the list */
	const char *hex;
};

struct certgen_attr {
	const char *name;	/* "CN", "organizationIdentifier", "2.5.4.97"; "+CN": in
				 * the RDN of the attribute before (a multi-valued RDN) */
	const char *value;	/* NULL: the first rfc822Name */
	int type;		/* V_ASN1_UTF8STRING ...; 0: libcrypto's choice */
};

/*
 * One subscriber certificate.  Zero fields take the defaults, which make
 * the compliant certificate of the profile (tests/data/br/mk-7_1_2_3.sh's
 * reset(), pki/certs/alice-rsa2048.pem): keyUsage critical, extKeyUsage
 * emailProtection, subjectAltName with the rfc822Names, certificatePolicies
 * with the reserved OID, cRLDistributionPoints and AIA caIssuers over
 * http, subjectKeyIdentifier (SHA-1 of the key, RFC 5280 4.2.1.2) and
 * authorityKeyIdentifier (the CA's), in that order (basicConstraints
 * first when bc asks for it); 792 days from
 * 2026-06-01 (Legacy: from 2025-01-01, before its OIDs were retired);
 * a 16-octet random serial; the signature algorithm of 7.1.3.2 for the
 * CA's key.  The overrides in ext[] are applied last, in order.
 */
struct certgen_spec {
	int type, gen;		/* 2.23.140.1.5.<type>.<gen>; 0: no reserved OID */
	EVP_PKEY *key;		/* the subject's key (not owned) */
	struct certgen_attr subject[CERTGEN_MAX];	/* none: the type's default subject */
	int empty_subject;	/* an empty subject SEQUENCE instead */
	const char *mail[CERTGEN_MAX];	/* rfc822Names; none: "alice@example.com" */
	unsigned ku;		/* CG_* bits; 0: digitalSignature */
	const char *eku[CERTGEN_MAX];	/* KeyPurposeIds; none: emailProtection */
	const char *policy[3];	/* more policy OIDs after the reserved one */
	const char *cps;	/* an id-qt-cps qualifier on the reserved OID, or NULL */
	const char *ocsp;	/* an id-ad-ocsp location, or NULL */
	int bc;			/* 1: basicConstraints with cA FALSE (7.1.2.3d: optional) */
	int aki_issuer_serial;	/* authorityKeyIdentifier with the CA's issuer and serial */
	const char *not_before;	/* "YYYYMMDDHHMMSSZ"; NULL: see above */
	long days;		/* validity in BR 6.3.2 days (notAfter inclusive); 0: 792 */
	const char *md;		/* signature digest ("SHA1"); NULL: the CA key's */
	int pss;		/* an RSA CA signs with RSASSA-PSS (MGF1 with the same digest) */
	int pss_salt;		/* its salt length; 0: the digest's length (7.1.3.2) */
	int serial_len;		/* serial octets; 0: 16 */
	struct certgen_ext ext[CERTGEN_MAX];	/* overrides; oid NULL ends the list */
	struct certgen_tbs tbs[4];	/* DER edits after the overrides; op 0 ends the list */
};

/* A CA: its key and certificate. */
struct certgen_ca;

/*
 * A CA made here: a Root CA certificate (7.1.2.1) when parent is NULL,
 * else a Subordinate CA certificate (7.1.2.2: extKeyUsage emailProtection,
 * the twelve reserved policy OIDs, http CRL and caIssuers) signed by
 * parent; subject C=US, O=certgen, CN=cn.  The key is up-referenced.
 */
struct certgen_ca *certgen_ca_new(EVP_PKEY *key, const struct certgen_ca *parent,
    const char *cn);
/*
 * A CA certificate as s describes it, from the certificate certgen_ca_new()
 * makes (the Root CA profile when parent is NULL, signed by key itself):
 * of s only key, subject (none: C=US, O=certgen, CN=cn), not_before
 * (NULL: 2024-01-01), days (0: 3653, a Root CA 5479), md, pss, pss_salt,
 * serial_len, ext and tbs count; the mistakes of a CA certificate are made
 * with the overrides.  The CA can issue like any other.
 */
struct certgen_ca *certgen_ca_make(const struct certgen_spec *s,
    const struct certgen_ca *parent, const char *cn);
/* A CA from PEM files (key, certificate). */
struct certgen_ca *certgen_ca_load(const char *key_pem, const char *cert_pem);
void certgen_ca_free(struct certgen_ca *ca);
X509 *certgen_ca_cert(const struct certgen_ca *ca);	/* owned by ca */

/*
 * A new key by name: "RSA-1024" ... "RSA-4096", "P-256", "P-384",
 * "P-521", "Ed25519", "Ed448", or any other curve libcrypto knows
 * ("brainpoolP256r1"); NULL when it cannot be made.
 */
EVP_PKEY *certgen_key(const char *name);
/* A private key from a PEM file, or NULL. */
EVP_PKEY *certgen_key_load(const char *pem);

/*
 * The certificate s describes, signed by ca, as a relying party parses
 * it (encoded and decoded again); NULL on failure, certgen_error() says
 * why.  The caller frees it.
 */
X509 *certgen_make(const struct certgen_spec *s, const struct certgen_ca *ca);
const char *certgen_error(void);

#endif
