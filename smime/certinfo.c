/*
 * NAME
 *	certinfo - names and identities of certificates for reports
 * SYNOPSIS
 *	#include "smime/certinfo.h"
 *
 *	int certinfo_mailboxes(X509 *cert, char ***out);
 *	char *certinfo_name(const X509_NAME *name);
 *	char *certinfo_serial(X509 *cert);
 *	const char *certinfo_key_alg(X509 *cert);
 *	const char *certinfo_sig_alg(const ASN1_OBJECT *oid);
 *	int certinfo_is_mldsa(const ASN1_OBJECT *oid, int *level);
 *	int certinfo_is_hash_mldsa(const ASN1_OBJECT *oid, int *level);
 *	int certinfo_mldsa_key(X509 *cert, int *level, const unsigned char **pk,
 *	    size_t *pklen);
 *	int certinfo_names_issuer(X509 *x, X509 *ca);
 *	int certinfo_der_header(const unsigned char *p, size_t n, size_t *hl,
 *	    size_t *cl);
 * DESCRIPTION
 *	The signer identity is the certificate's e-mail address: rfc822Name
 *	or SmtpUTF8Mailbox (RFC 8398) in subjectAltName, and only when the SAN
 *	names none, emailAddress in the subject (RFC 8550 3.1).
 *
 *	Algorithm names are the ones of the JSON contract (DESIGN.md).  Key
 *	algorithms are judged from the SubjectPublicKeyInfo OID first, so that
 *	post-quantum keys are named even where this libcrypto cannot decode
 *	them (OpenSSL before 3.5).  HashML-DSA OIDs (FIPS 204 5.4) are named
 *	"hash-ml-dsa-NN" as signature algorithms; they are neither keys nor
 *	allowed in certificates or CMS (RFC 9881 1, RFC 9882 3.1).
 *
 *	certinfo_mldsa_key() reads the raw FIPS 204 public key straight from
 *	the SubjectPublicKeyInfo bit string (RFC 9881 4: no OCTET STRING
 *	wrapper), which works where libcrypto cannot decode the key.
 *	certinfo_names_issuer() is X509_check_issued() without the key part
 *	(which fails on OpenSSL 3.0 for ML-DSA issuers): names and key
 *	identifiers only.  certinfo_der_header() reads one DER header, for
 *	the modules that take apart what libcrypto 3.0 has no parser for
 *	(CMSAlgorithmProtection, SMIMEEncryptionKeyPreference, the TBS).
 * OWNERSHIP
 *	Returned strings and lists are malloc()ed for the caller; the
 *	algorithm names are static.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "smime/certinfo.h"
#include "smime/smx_err.h"

/* OIDs OpenSSL 3.0 has no NID for. */
static const struct {
	const char *oid;
	const char *key_name;	/* as SPKI algorithm */
	const char *sig_name;	/* as signature algorithm */
	int level;
	int prehash;		/* HashML-DSA (FIPS 204 5.4): never a key, never in CMS */
} pq_oids[] = {
	{ "2.16.840.1.101.3.4.3.17", "ml-dsa-44", "ml-dsa-44", 44, 0 },
	{ "2.16.840.1.101.3.4.3.18", "ml-dsa-65", "ml-dsa-65", 65, 0 },
	{ "2.16.840.1.101.3.4.3.19", "ml-dsa-87", "ml-dsa-87", 87, 0 },
	{ "2.16.840.1.101.3.4.3.32", NULL, "hash-ml-dsa-44", 44, 1 },
	{ "2.16.840.1.101.3.4.3.33", NULL, "hash-ml-dsa-65", 65, 1 },
	{ "2.16.840.1.101.3.4.3.34", NULL, "hash-ml-dsa-87", 87, 1 },
	{ "2.16.840.1.101.3.4.4.1", "ml-kem-512", NULL, 512, 0 },
	{ "2.16.840.1.101.3.4.4.2", "ml-kem-768", NULL, 768, 0 },
	{ "2.16.840.1.101.3.4.4.3", "ml-kem-1024", NULL, 1024, 0 },
};

#define OID_SMTPUTF8MAILBOX "1.3.6.1.5.5.7.8.9"

static int
oid_is(const ASN1_OBJECT *obj, const char *dotted)
{
	char buf[80];

	if (OBJ_obj2txt(buf, sizeof(buf), obj, 1) <= 0)
		return 0;
	return strcmp(buf, dotted) == 0;
}

static int
pq_index(const ASN1_OBJECT *oid)
{
	for (size_t i = 0; i < sizeof(pq_oids) / sizeof(pq_oids[0]); i++)
		if (oid_is(oid, pq_oids[i].oid))
			return (int)i;
	return -1;
}

int
certinfo_is_mldsa(const ASN1_OBJECT *oid, int *level)
{
	int i = pq_index(oid);

	if (i < 0 || pq_oids[i].sig_name == NULL || pq_oids[i].prehash)
		return 0;
	if (level != NULL)
		*level = pq_oids[i].level;
	return 1;
}

int
certinfo_is_hash_mldsa(const ASN1_OBJECT *oid, int *level)
{
	int i = pq_index(oid);

	if (i < 0 || !pq_oids[i].prehash)
		return 0;
	if (level != NULL)
		*level = pq_oids[i].level;
	return 1;
}

int
certinfo_mldsa_key(X509 *cert, int *level, const unsigned char **pk, size_t *pklen)
{
	X509_PUBKEY *xpk = X509_get_X509_PUBKEY(cert);
	const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(cert);
	ASN1_OBJECT *oid = NULL;
	X509_ALGOR *alg = NULL;
	const unsigned char *key = NULL;
	int len = 0, ptype, lvl;

	if (xpk == NULL || bits == NULL ||
	    !X509_PUBKEY_get0_param(&oid, &key, &len, &alg, xpk) ||
	    !certinfo_is_mldsa(oid, &lvl))
		return 0;
	*level = lvl;
	X509_ALGOR_get0(NULL, &ptype, NULL, alg);
	/* RFC 9881 2: parameters absent, not NULL; the key fills whole octets. */
	if (ptype != V_ASN1_UNDEF || len < 0 ||
	    ((bits->flags & ASN1_STRING_FLAG_BITS_LEFT) && (bits->flags & 0x07) != 0))
		return SMX_ERR_PARSE;
	*pk = key;
	*pklen = (size_t)len;
	return 1;
}

static int
list_add(char ***list, size_t *n, const unsigned char *s, int len)
{
	char **nl, *copy;

	if (len < 0)
		return 0;
	if ((copy = malloc((size_t)len + 1)) == NULL)
		return SMX_ERR_NOMEM;
	memcpy(copy, s, (size_t)len);
	copy[len] = '\0';
	if ((nl = realloc(*list, (*n + 2) * sizeof(*nl))) == NULL) {
		free(copy);
		return SMX_ERR_NOMEM;
	}
	nl[(*n)++] = copy;
	nl[*n] = NULL;
	*list = nl;
	return 0;
}

void
certinfo_free_list(char **list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

int
certinfo_mailboxes(X509 *cert, char ***out)
{
	GENERAL_NAMES *san;
	char **list = NULL;
	size_t n = 0;
	int r = 0;

	san = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	for (int i = 0; san != NULL && i < sk_GENERAL_NAME_num(san) && r == 0; i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(san, i);

		if (gn->type == GEN_EMAIL) {
			r = list_add(&list, &n, ASN1_STRING_get0_data(gn->d.rfc822Name),
			    ASN1_STRING_length(gn->d.rfc822Name));
		} else if (gn->type == GEN_OTHERNAME &&
		    oid_is(gn->d.otherName->type_id, OID_SMTPUTF8MAILBOX) &&
		    gn->d.otherName->value->type == V_ASN1_UTF8STRING) {
			const ASN1_UTF8STRING *u = gn->d.otherName->value->value.utf8string;

			r = list_add(&list, &n, ASN1_STRING_get0_data(u), ASN1_STRING_length(u));
		}
	}
	GENERAL_NAMES_free(san);
	if (r == 0 && n == 0) {
		const X509_NAME *subj = X509_get_subject_name(cert);

		for (int i = -1; r == 0 &&
		    (i = X509_NAME_get_index_by_NID(subj, NID_pkcs9_emailAddress, i)) >= 0;) {
			const ASN1_STRING *v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, i));

			r = list_add(&list, &n, ASN1_STRING_get0_data(v), ASN1_STRING_length(v));
		}
	}
	ERR_clear_error();
	if (r < 0) {
		certinfo_free_list(list);
		return r;
	}
	*out = list;
	return (int)n;
}

char *
certinfo_name(const X509_NAME *name)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *out = NULL, *data;
	long len;

	if (b == NULL)
		return NULL;
	/* RFC 2253 order and escaping, but UTF-8 kept (the sanitizer handles it). */
	if (X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
		goto out;
	len = BIO_get_mem_data(b, &data);
	if ((out = malloc((size_t)len + 1)) == NULL)
		goto out;
	memcpy(out, data, (size_t)len);
	out[len] = '\0';
out:
	BIO_free(b);
	return out;
}

char *
certinfo_serial(X509 *cert)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
	char *hex, *out = NULL;

	if (bn == NULL)
		return NULL;
	if ((hex = BN_bn2hex(bn)) != NULL) {
		out = strdup(hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	return out;
}

const char *
certinfo_key_alg(X509 *cert)
{
	static const struct {
		int nid;
		const char *name;
	} curves[] = {
		{ NID_X9_62_prime256v1, "ec-p256" },
		{ NID_secp384r1, "ec-p384" },
		{ NID_secp521r1, "ec-p521" },
	};
	static const char *const rsa_names[] = { "rsa-1024", "rsa-2048", "rsa-3072", "rsa-4096" };
	ASN1_OBJECT *oid = NULL;
	X509_PUBKEY *xpk = X509_get_X509_PUBKEY(cert);
	EVP_PKEY *pk;
	int i, bits;
	char group[64];

	if (xpk == NULL || !X509_PUBKEY_get0_param(&oid, NULL, NULL, NULL, xpk))
		return "unknown";
	if ((i = pq_index(oid)) >= 0)
		return pq_oids[i].key_name != NULL ? pq_oids[i].key_name : "unknown";
	if ((pk = X509_get0_pubkey(cert)) == NULL) {
		ERR_clear_error();
		return "unknown";
	}
	switch (EVP_PKEY_get_base_id(pk)) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		bits = EVP_PKEY_get_bits(pk);
		for (i = 0; i < 4; i++)
			if (bits == 1024 * (i + 1))
				return rsa_names[i];
		return bits < 2048 ? "rsa-weak" : "rsa-other";
	case EVP_PKEY_EC:
		if (!EVP_PKEY_get_utf8_string_param(pk, "group", group, sizeof(group), NULL))
			return "ec-unknown";
		for (i = 0; i < 3; i++)
			if (OBJ_sn2nid(group) == curves[i].nid || OBJ_txt2nid(group) == curves[i].nid)
				return curves[i].name;
		return "ec-other";
	case EVP_PKEY_ED25519:
		return "ed25519";
	case EVP_PKEY_ED448:
		return "ed448";
	}
	return "unknown";
}

const char *
certinfo_sig_alg(const ASN1_OBJECT *oid)
{
	int nid = OBJ_obj2nid(oid), i;

	switch (nid) {
	case NID_rsaEncryption:
	case NID_md5WithRSAEncryption:
	case NID_sha1WithRSAEncryption:
	case NID_sha224WithRSAEncryption:
	case NID_sha256WithRSAEncryption:
	case NID_sha384WithRSAEncryption:
	case NID_sha512WithRSAEncryption:
		return "rsa-pkcs1";
	case NID_rsassaPss:
		return "rsa-pss";
	case NID_X9_62_id_ecPublicKey:
	case NID_ecdsa_with_SHA1:
	case NID_ecdsa_with_SHA224:
	case NID_ecdsa_with_SHA256:
	case NID_ecdsa_with_SHA384:
	case NID_ecdsa_with_SHA512:
		return "ecdsa";
	case NID_ED25519:
		return "ed25519";
	case NID_ED448:
		return "ed448";
	}
	if ((i = pq_index(oid)) >= 0 && pq_oids[i].sig_name != NULL)
		return pq_oids[i].sig_name;
	return "unknown";
}

int
certinfo_names_issuer(X509 *x, X509 *ca)
{
	const ASN1_OCTET_STRING *akid, *skid;
	const ASN1_INTEGER *aserial;

	if (X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(ca)) != 0)
		return 0;
	akid = X509_get0_authority_key_id(x);
	skid = X509_get0_subject_key_id(ca);
	if (akid != NULL && skid != NULL && ASN1_OCTET_STRING_cmp(akid, skid) != 0)
		return 0;
	aserial = X509_get0_authority_serial(x);
	if (aserial != NULL && ASN1_INTEGER_cmp(aserial, X509_get0_serialNumber(ca)) != 0)
		return 0;
	return 1;
}

int
certinfo_der_header(const unsigned char *p, size_t n, size_t *hl, size_t *cl)
{
	size_t len = 0, k;

	if (n < 2)
		return -1;
	if (p[1] < 0x80) {
		*hl = 2;
		*cl = p[1];
	} else {
		k = p[1] & 0x7f;
		if (k == 0 || k > 4 || n < 2 + k)
			return -1;
		for (size_t i = 0; i < k; i++)
			len = (len << 8) | p[2 + i];
		*hl = 2 + k;
		*cl = len;
	}
	return *cl <= n - *hl ? 0 : -1;
}
