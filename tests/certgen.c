/*
 * NAME
 *	certgen - test certificates from a spec, on libcrypto's API
 * SYNOPSIS
 *	#include "tests/certgen.h"
 *
 *	struct certgen_spec s = { .type = 1, .gen = 3, .key = k };
 *	X509 *x = certgen_make(&s, ca);
 * DESCRIPTION
 *	certgen_make() builds the subscriber certificate a struct
 *	certgen_spec describes: the profile BR 7.1.2.3 gives the reserved
 *	policy OID 2.23.140.1.5.<type>.<gen> (the subject each type needs,
 *	7.1.4.2.3-6), then the spec's overrides, which add, replace, remove
 *	or flag extensions with raw DER, so that any encoding can be made,
 *	a malformed one or a second instance included.  It signs with the
 *	CA given and returns the certificate as it parses back from its DER,
 *	which is what a relying party sees.  Every extension is built from
 *	libcrypto's own types and i2d (no configuration strings, no openssl
 *	command), so a test depends on DER alone.
 *
 *	certgen_ca_new() makes a Root CA (7.1.2.1) or a Subordinate CA
 *	(7.1.2.2) certificate for a key; certgen_ca_load() takes one from
 *	PEM files (the test PKI of tests/data/pki).  certgen_key() makes a
 *	key by name.
 * OWNERSHIP
 *	A spec points to its caller's strings and key.  The certificate
 *	returned is the caller's; a CA holds a reference to its key and owns
 *	its certificate until certgen_ca_free().
 * DIAGNOSTICS
 *	NULL on failure, with a reason that certgen_error() returns until the
 *	next failure (libcrypto's error queue is cleared into it).  Not
 *	thread-safe: the reason is one static buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "tests/certgen.h"

struct certgen_ca {
	EVP_PKEY *key;
	X509 *cert;
};

/* The fixed parts of the profile: URIs under example.com, the start dates. */
#define LEAF_CRL "http://crl.example.com/ca.crl"
#define LEAF_CA_ISSUERS "http://pki.example.com/ca.crt"
#define CA_CRL "http://crl.example.com/root.crl"
#define CA_CA_ISSUERS "http://pki.example.com/root.crt"
#define MAILBOX "alice@example.com"
#define NOT_BEFORE "20260601000000Z"
#define NOT_BEFORE_LEGACY "20250101000000Z"	/* before 2025-07-15 (7.1.6.1) */
#define NOT_BEFORE_CA "20240101000000Z"
#define DAYS 792

static char errbuf[256];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Record why, with libcrypto's last reason; returns -1. */
static int
fail(const char *fmt, ...)
{
	unsigned long e = ERR_peek_last_error();
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	n = strlen(errbuf);
	if (e != 0 && ERR_reason_error_string(e) != NULL)
		snprintf(errbuf + n, sizeof(errbuf) - n, ": %s", ERR_reason_error_string(e));
	ERR_clear_error();
	return -1;
}

const char *
certgen_error(void)
{
	return errbuf;
}

/* --- keys ---------------------------------------------------------------- */

static const struct {
	const char *name, *alg, *group;
	int bits;
} keytypes[] = {
	{ "RSA-1024", "RSA", NULL, 1024 }, { "RSA-2048", "RSA", NULL, 2048 },
	{ "RSA-3072", "RSA", NULL, 3072 }, { "RSA-4096", "RSA", NULL, 4096 },
	{ "P-256", "EC", "P-256", 0 }, { "P-384", "EC", "P-384", 0 },
	{ "P-521", "EC", "P-521", 0 }, { "Ed25519", "ED25519", NULL, 0 },
	{ "Ed448", "ED448", NULL, 0 },
};

EVP_PKEY *
certgen_key(const char *name)
{
	const char *alg = "EC", *group = name;	/* any other name: a curve */
	EVP_PKEY_CTX *c;
	EVP_PKEY *k = NULL;
	int bits = 0;

	for (size_t i = 0; i < sizeof(keytypes) / sizeof(keytypes[0]); i++)
		if (strcmp(name, keytypes[i].name) == 0) {
			alg = keytypes[i].alg;
			group = keytypes[i].group;
			bits = keytypes[i].bits;
		}
	c = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
	if (c == NULL || EVP_PKEY_keygen_init(c) <= 0 ||
	    (bits != 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(c, bits) <= 0) ||
	    (group != NULL && EVP_PKEY_CTX_set_group_name(c, group) <= 0) ||
	    EVP_PKEY_keygen(c, &k) <= 0) {
		fail("key %s", name);
		k = NULL;
	}
	EVP_PKEY_CTX_free(c);
	return k;
}

EVP_PKEY *
certgen_key_load(const char *pem)
{
	FILE *fp = fopen(pem, "r");
	EVP_PKEY *k = fp != NULL ? PEM_read_PrivateKey(fp, NULL, NULL, NULL) : NULL;

	if (fp != NULL)
		fclose(fp);
	if (k == NULL)
		fail("no key in %s", pem);
	return k;
}

/* --- values ------------------------------------------------------------- */

/* hex (blanks and colons ignored) as an OCTET STRING, or NULL. */
static ASN1_OCTET_STRING *
from_hex(const char *hex)
{
	size_t n = hex != NULL ? strlen(hex) : 0, k = 0;
	unsigned char *buf = malloc(n / 2 + 1);
	ASN1_OCTET_STRING *os = NULL;
	int hi = -1;

	if (buf == NULL || hex == NULL) {
		fail("no hex value");
		goto out;
	}
	for (const char *p = hex; *p != '\0'; p++) {
		const char *digits = "0123456789abcdef", *d;
		char c = *p >= 'A' && *p <= 'F' ? (char)(*p - 'A' + 'a') : *p;

		if (c == ' ' || c == ':' || c == '\n' || c == '\t')
			continue;
		if ((d = strchr(digits, c)) == NULL) {
			fail("not hex: %.20s", p);
			goto out;
		}
		if (hi < 0) {
			hi = (int)(d - digits);
		} else {
			buf[k++] = (unsigned char)(hi << 4 | (int)(d - digits));
			hi = -1;
		}
	}
	if (hi >= 0) {
		fail("odd number of hex digits");
		goto out;
	}
	if ((os = ASN1_OCTET_STRING_new()) == NULL || !ASN1_OCTET_STRING_set(os, buf, (int)k)) {
		ASN1_OCTET_STRING_free(os);
		os = NULL;
		fail("no memory");
	}
out:
	free(buf);
	return os;
}

/* A GeneralName of an IA5String type (rfc822Name, URI), or NULL. */
static GENERAL_NAME *
gn_ia5(int type, const char *s)
{
	GENERAL_NAME *gn = GENERAL_NAME_new();
	ASN1_IA5STRING *v = ASN1_IA5STRING_new();

	if (gn == NULL || v == NULL || !ASN1_STRING_set(v, s, -1)) {
		GENERAL_NAME_free(gn);
		ASN1_IA5STRING_free(v);
		return NULL;
	}
	GENERAL_NAME_set0_value(gn, type, v);
	return gn;
}

/* Add field=value to nm, in a new RDN, or in the last one when field starts with '+'. */
static int
name_add(X509_NAME *nm, const char *field, const char *value, int type)
{
	ASN1_OBJECT *o = OBJ_txt2obj(field + (field[0] == '+'), 0);
	int ok = o != NULL && X509_NAME_add_entry_by_OBJ(nm, o, type != 0 ? type : MBSTRING_UTF8,
	    (const unsigned char *)value, -1, -1, field[0] == '+' ? -1 : 0);

	ASN1_OBJECT_free(o);
	return ok ? 0 : fail("subject attribute %s=%s", field, value);
}

static int
serial(X509 *x, int len)
{
	unsigned char sn[64];
	BIGNUM *bn;
	int ok;

	if (len <= 0)
		len = 16;
	if (len > (int)sizeof(sn) || RAND_bytes(sn, len) != 1)
		return fail("serial of %d octets", len);
	sn[0] = (unsigned char)((sn[0] & 0x7f) | 0x01);	/* positive, no leading zero octet */
	bn = BN_bin2bn(sn, len, NULL);
	ok = bn != NULL && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL;
	BN_free(bn);
	return ok ? 0 : fail("serial");
}

/* notBefore nb, and notAfter so that the validity is days BR days (6.3.2). */
static int
validity(X509 *x, const char *nb, long days)
{
	ASN1_TIME *t = ASN1_TIME_new();
	struct tm tm;
	time_t start;
	int r = -1;

	if (t == NULL || !ASN1_TIME_set_string_X509(t, nb) || !ASN1_TIME_to_tm(t, &tm)) {
		fail("notBefore %s", nb);
		goto out;
	}
	start = timegm(&tm);
	if (!X509_set1_notBefore(x, t) ||
	    X509_time_adj_ex(X509_getm_notAfter(x), (int)days, -1, &start) == NULL) {
		fail("validity");
		goto out;
	}
	r = 0;
out:
	ASN1_TIME_free(t);
	return r;
}

/* --- extensions of the profile ---------------------------------------------- */

static int
add_i2d(X509 *x, int nid, void *value, int crit)
{
	if (value != NULL && X509_add1_ext_i2d(x, nid, value, crit, X509V3_ADD_APPEND) == 1)
		return 0;
	return fail("%s", OBJ_nid2sn(nid));
}

static int
ext_bc(X509 *x, int ca, int pathlen, int crit)
{
	BASIC_CONSTRAINTS *bc = BASIC_CONSTRAINTS_new();
	int r = -1;

	if (bc == NULL)
		return fail("no memory");
	bc->ca = ca ? 0xff : 0;
	if (pathlen < 0 || ((bc->pathlen = ASN1_INTEGER_new()) != NULL &&
	    ASN1_INTEGER_set(bc->pathlen, pathlen)))
		r = add_i2d(x, NID_basic_constraints, bc, crit);
	BASIC_CONSTRAINTS_free(bc);
	return r;
}

static int
ext_ku(X509 *x, unsigned bits)
{
	ASN1_BIT_STRING *bs = ASN1_BIT_STRING_new();
	int r = bs == NULL ? -1 : 0;

	for (int b = 0; r == 0 && b < 9; b++)
		if ((bits & (1u << b)) && !ASN1_BIT_STRING_set_bit(bs, b, 1))
			r = -1;
	if (r == 0)
		r = add_i2d(x, NID_key_usage, bs, 1);
	ASN1_BIT_STRING_free(bs);
	return r;
}

/* The KeyPurposeIds of names (NULL-terminated, at most CERTGEN_MAX). */
static int
ext_eku(X509 *x, const char *const *names)
{
	EXTENDED_KEY_USAGE *eku = sk_ASN1_OBJECT_new_null();
	int r = eku == NULL ? -1 : 0;

	for (int i = 0; r == 0 && i < CERTGEN_MAX && names[i] != NULL; i++) {
		ASN1_OBJECT *o = OBJ_txt2obj(names[i], 0);

		if (o == NULL || !sk_ASN1_OBJECT_push(eku, o)) {
			ASN1_OBJECT_free(o);
			r = fail("extKeyUsage %s", names[i]);
		}
	}
	if (r == 0)
		r = add_i2d(x, NID_ext_key_usage, eku, 0);
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	return r;
}

static int
ext_san(X509 *x, const char *const *mail, int crit)
{
	GENERAL_NAMES *gns = sk_GENERAL_NAME_new_null();
	int r = gns == NULL ? -1 : 0;

	for (int i = 0; r == 0 && i < CERTGEN_MAX && mail[i] != NULL; i++) {
		GENERAL_NAME *gn = gn_ia5(GEN_EMAIL, mail[i]);

		if (gn == NULL || !sk_GENERAL_NAME_push(gns, gn)) {
			GENERAL_NAME_free(gn);
			r = fail("rfc822Name %s", mail[i]);
		}
	}
	if (r == 0)
		r = add_i2d(x, NID_subject_alt_name, gns, crit);
	GENERAL_NAMES_free(gns);
	return r;
}

/* One PolicyInformation, with an id-qt-cps qualifier when cps is set. */
static POLICYINFO *
policy(const char *oid, const char *cps)
{
	POLICYINFO *pi = POLICYINFO_new();
	POLICYQUALINFO *q = NULL;

	if (pi == NULL || (pi->policyid = OBJ_txt2obj(oid, 1)) == NULL)
		goto bad;
	if (cps == NULL)
		return pi;
	if ((pi->qualifiers = sk_POLICYQUALINFO_new_null()) == NULL ||
	    (q = POLICYQUALINFO_new()) == NULL || (q->d.cpsuri = ASN1_IA5STRING_new()) == NULL)
		goto bad;
	q->pqualid = OBJ_nid2obj(NID_id_qt_cps);
	if (!ASN1_STRING_set(q->d.cpsuri, cps, -1) || !sk_POLICYQUALINFO_push(pi->qualifiers, q))
		goto bad;
	return pi;
bad:
	POLICYQUALINFO_free(q);
	POLICYINFO_free(pi);
	fail("policy %s", oid);
	return NULL;
}

/* certificatePolicies of oids (NULL-terminated), the first with cps; none: absent. */
static int
ext_policies(X509 *x, const char *const *oids, const char *cps)
{
	CERTIFICATEPOLICIES *cp;
	int r = 0;

	if (oids[0] == NULL)
		return 0;
	if ((cp = sk_POLICYINFO_new_null()) == NULL)
		return fail("no memory");
	for (int i = 0; r == 0 && oids[i] != NULL; i++) {
		POLICYINFO *pi = policy(oids[i], i == 0 ? cps : NULL);

		if (pi == NULL || !sk_POLICYINFO_push(cp, pi)) {
			POLICYINFO_free(pi);
			r = -1;
		}
	}
	if (r == 0)
		r = add_i2d(x, NID_certificate_policies, cp, 0);
	CERTIFICATEPOLICIES_free(cp);
	return r;
}

static int
ext_crldp(X509 *x, const char *uri)
{
	CRL_DIST_POINTS *dps = sk_DIST_POINT_new_null();
	DIST_POINT *dp = DIST_POINT_new();
	GENERAL_NAME *gn = gn_ia5(GEN_URI, uri);
	int r = -1;

	if (dps == NULL || dp == NULL || gn == NULL ||
	    (dp->distpoint = DIST_POINT_NAME_new()) == NULL)
		goto out;
	dp->distpoint->type = 0;	/* fullName */
	if ((dp->distpoint->name.fullname = sk_GENERAL_NAME_new_null()) == NULL ||
	    !sk_GENERAL_NAME_push(dp->distpoint->name.fullname, gn))
		goto out;
	gn = NULL;
	if (!sk_DIST_POINT_push(dps, dp))
		goto out;
	dp = NULL;
	r = add_i2d(x, NID_crl_distribution_points, dps, 0);
out:
	GENERAL_NAME_free(gn);
	DIST_POINT_free(dp);
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return r == 0 ? 0 : fail("cRLDistributionPoints");
}

static int
aia_push(AUTHORITY_INFO_ACCESS *aia, int method, const char *uri)
{
	ACCESS_DESCRIPTION *ad = ACCESS_DESCRIPTION_new();
	GENERAL_NAME *gn = gn_ia5(GEN_URI, uri);

	if (ad == NULL || gn == NULL) {
		ACCESS_DESCRIPTION_free(ad);
		GENERAL_NAME_free(gn);
		return -1;
	}
	ASN1_OBJECT_free(ad->method);
	ad->method = OBJ_nid2obj(method);
	GENERAL_NAME_free(ad->location);
	ad->location = gn;
	if (!sk_ACCESS_DESCRIPTION_push(aia, ad)) {
		ACCESS_DESCRIPTION_free(ad);
		return -1;
	}
	return 0;
}

/* id-ad-ocsp (when ocsp is set), then id-ad-caIssuers. */
static int
ext_aia(X509 *x, const char *ocsp, const char *ca_issuers)
{
	AUTHORITY_INFO_ACCESS *aia = sk_ACCESS_DESCRIPTION_new_null();
	int r = -1;

	if (aia != NULL && (ocsp == NULL || aia_push(aia, NID_ad_OCSP, ocsp) == 0) &&
	    aia_push(aia, NID_ad_ca_issuers, ca_issuers) == 0)
		r = add_i2d(x, NID_info_access, aia, 0);
	AUTHORITY_INFO_ACCESS_free(aia);
	return r == 0 ? 0 : fail("authorityInformationAccess");
}

/* The key identifier of x's key: SHA-1 of the subjectPublicKey (RFC 5280 4.2.1.2 (1)). */
static ASN1_OCTET_STRING *
key_id(const X509 *x)
{
	const ASN1_OCTET_STRING *have = X509_get0_subject_key_id((X509 *)x);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n;
	ASN1_OCTET_STRING *os;

	if (have != NULL)
		return ASN1_OCTET_STRING_dup(have);
	if (!X509_pubkey_digest(x, EVP_sha1(), md, &n) || (os = ASN1_OCTET_STRING_new()) == NULL)
		return NULL;
	if (!ASN1_OCTET_STRING_set(os, md, (int)n)) {
		ASN1_OCTET_STRING_free(os);
		return NULL;
	}
	return os;
}

static int
ext_ski(X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n;
	ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
	int r = -1;

	if (os != NULL && X509_pubkey_digest(x, EVP_sha1(), md, &n) &&
	    ASN1_OCTET_STRING_set(os, md, (int)n))
		r = add_i2d(x, NID_subject_key_identifier, os, 0);
	ASN1_OCTET_STRING_free(os);
	return r == 0 ? 0 : fail("subjectKeyIdentifier");
}

/*
 * authorityKeyIdentifier with the keyIdentifier of issuer (7.1.2.3g), and
 * when full is set its issuer's name and its serial number too, as
 * "authorityKeyIdentifier = keyid, issuer:always" makes them.
 */
static int
ext_aki(X509 *x, const X509 *issuer, int full)
{
	AUTHORITY_KEYID *aki = AUTHORITY_KEYID_new();
	GENERAL_NAME *gn = NULL;
	X509_NAME *nm = NULL;
	int r = -1;

	if (aki == NULL || (aki->keyid = key_id(issuer)) == NULL)
		goto out;
	if (full) {
		if ((aki->issuer = sk_GENERAL_NAME_new_null()) == NULL ||
		    (gn = GENERAL_NAME_new()) == NULL ||
		    (nm = X509_NAME_dup(X509_get_issuer_name(issuer))) == NULL ||
		    (aki->serial = ASN1_INTEGER_dup(X509_get0_serialNumber(issuer))) == NULL)
			goto out;
		GENERAL_NAME_set0_value(gn, GEN_DIRNAME, nm);
		nm = NULL;
		if (!sk_GENERAL_NAME_push(aki->issuer, gn))
			goto out;
		gn = NULL;
	}
	r = add_i2d(x, NID_authority_key_identifier, aki, 0);
out:
	X509_NAME_free(nm);
	GENERAL_NAME_free(gn);
	AUTHORITY_KEYID_free(aki);
	return r == 0 ? 0 : fail("authorityKeyIdentifier");
}

/* --- overrides ------------------------------------------------------------- */

static int
apply(X509 *x, const struct certgen_ext *o)
{
	ASN1_OBJECT *obj = OBJ_txt2obj(o->oid, 0);
	ASN1_OCTET_STRING *os = NULL;
	X509_EXTENSION *e = NULL;
	int i, r = -1;

	if (obj == NULL)
		return fail("extension %s", o->oid);
	if ((o->op == CG_ADD || o->op == CG_REPLACE) && (os = from_hex(o->hex)) == NULL)
		goto out;
	i = X509_get_ext_by_OBJ(x, obj, -1);
	switch (o->op) {
	case CG_ADD:
		if ((e = X509_EXTENSION_create_by_OBJ(NULL, obj, o->critical, os)) != NULL &&
		    X509_add_ext(x, e, -1))
			r = 0;
		break;
	case CG_REPLACE:
		if (i >= 0 && X509_EXTENSION_set_data(X509_get_ext(x, i), os))
			r = 0;
		break;
	case CG_REMOVE:
		while ((i = X509_get_ext_by_OBJ(x, obj, -1)) >= 0)
			X509_EXTENSION_free(X509_delete_ext(x, i));
		r = 0;
		break;
	case CG_CRITICAL:
	case CG_NONCRITICAL:
		if (i >= 0 && X509_EXTENSION_set_critical(X509_get_ext(x, i), o->op == CG_CRITICAL))
			r = 0;
		break;
	}
	if (r < 0)
		fail("override %d of %s", (int)o->op, o->oid);
out:
	X509_EXTENSION_free(e);
	ASN1_OCTET_STRING_free(os);
	ASN1_OBJECT_free(obj);
	return r;
}

/* --- signing ----------------------------------------------------------------- */

/* The digest 7.1.3.2 pairs with each CA key (EdDSA: none), by key type and size. */
static const struct {
	int id, bits;		/* bits 0: any size */
	const char *md;
} sigs[] = {
	{ EVP_PKEY_RSA, 0, "SHA256" }, { EVP_PKEY_EC, 256, "SHA256" },
	{ EVP_PKEY_EC, 384, "SHA384" }, { EVP_PKEY_EC, 521, "SHA512" },
	{ EVP_PKEY_ED25519, 0, NULL }, { EVP_PKEY_ED448, 0, NULL },
};

/* The digest named, or the one of sigs[] for key (NULL for EdDSA); -1 when none fits. */
static int
digest(EVP_PKEY *key, const char *mdname, const EVP_MD **md)
{
	size_t i;

	*md = NULL;
	if (mdname == NULL) {
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (EVP_PKEY_get_base_id(key) == sigs[i].id &&
			    (sigs[i].bits == 0 || sigs[i].bits == EVP_PKEY_get_bits(key)))
				break;
		if (i == sizeof(sigs) / sizeof(sigs[0]))
			return fail("no signature algorithm for the CA key");
		mdname = sigs[i].md;
	}
	if (mdname != NULL && (*md = EVP_get_digestbyname(mdname)) == NULL)
		return fail("digest %s", mdname);
	return 0;
}

/* A signing context for key: pss_salt < 0: PKCS#1 v1.5 (or the key's own scheme). */
static EVP_MD_CTX *
sign_ctx(EVP_PKEY *key, const EVP_MD *md, int pss_salt)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;

	if (mctx == NULL || EVP_DigestSignInit(mctx, &pctx, md, NULL, key) != 1 ||
	    (pss_salt >= 0 && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, pss_salt == 0 ? RSA_PSS_SALTLEN_DIGEST :
	    pss_salt) <= 0))) {
		EVP_MD_CTX_free(mctx);
		fail("signing context");
		return NULL;
	}
	return mctx;
}

/* Sign x with key: mdname NULL takes the digest of sigs[]; pss_salt < 0: PKCS#1 v1.5. */
static int
sign(X509 *x, EVP_PKEY *key, const char *mdname, int pss_salt)
{
	const EVP_MD *md;
	EVP_MD_CTX *mctx;
	int ok;

	if (digest(key, mdname, &md) < 0)
		return -1;
	if (pss_salt < 0)
		return X509_sign(x, key, md) > 0 ? 0 : fail("X509_sign");
	if ((mctx = sign_ctx(key, md, pss_salt)) == NULL)
		return -1;
	ok = X509_sign_ctx(x, mctx) > 0;
	EVP_MD_CTX_free(mctx);
	return ok ? 0 : fail("X509_sign_ctx (RSASSA-PSS)");
}

/* --- DER edits of the TBSCertificate ----------------------------------------- */

/* The length of the TLV at p (at most n octets; one-octet tags), or 0. */
static size_t
tlv_len(const unsigned char *p, size_t n)
{
	size_t len = 0, hdr = 2;

	if (n < 2)
		return 0;
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		hdr += p[1] & 0x7f;
		if (hdr > 6 || hdr > n)
			return 0;
		for (size_t i = 2; i < hdr; i++)
			len = len << 8 | p[i];
	}
	return hdr + len <= n ? hdr + len : 0;
}

/* Append a DER header (tag, len) to buf at *o. */
static void
put_hdr(unsigned char *buf, size_t *o, int tag, size_t len)
{
	buf[(*o)++] = (unsigned char)tag;
	if (len < 0x80) {
		buf[(*o)++] = (unsigned char)len;
		return;
	}
	buf[(*o)++] = len < 0x100 ? 0x81 : len < 0x10000 ? 0x82 : 0x83;
	if (len >= 0x10000)
		buf[(*o)++] = (unsigned char)(len >> 16);
	if (len >= 0x100)
		buf[(*o)++] = (unsigned char)(len >> 8);
	buf[(*o)++] = (unsigned char)len;
}

/* Append n octets of p, or the octets of hex when p is NULL. */
static int
put(unsigned char *buf, size_t *o, const unsigned char *p, size_t n, const char *hex)
{
	ASN1_OCTET_STRING *os;

	if (p != NULL) {
		memcpy(buf + *o, p, n);
		*o += n;
		return 0;
	}
	if ((os = from_hex(hex)) == NULL)
		return -1;
	memcpy(buf + *o, ASN1_STRING_get0_data(os), (size_t)ASN1_STRING_length(os));
	*o += (size_t)ASN1_STRING_length(os);
	ASN1_OCTET_STRING_free(os);
	return 0;
}

/* tbs (n octets) with the edits e applied, into *out (*outlen octets); 0 or -1. */
static int
edit_tbs(const unsigned char *tbs, size_t n, const struct certgen_tbs *e,
    unsigned char **out, size_t *outlen)
{
	size_t hdr, o = 0, b = 0, extra = 0, field[16], flen[16], nf = 0;
	unsigned char *body = NULL, *buf = NULL;
	int r = -1;

	if (tlv_len(tbs, n) != n)
		return fail("TBSCertificate does not parse");
	hdr = tbs[1] < 0x80 ? 2 : 2 + (size_t)(tbs[1] & 0x7f);
	for (size_t p = hdr; p < n && nf < 16; nf++) {
		if ((flen[nf] = tlv_len(tbs + p, n - p)) == 0)
			return fail("TBSCertificate does not parse");
		field[nf] = p;
		p += flen[nf];
	}
	for (int i = 0; i < 4 && e[i].op != 0; i++)
		extra += e[i].hex != NULL ? strlen(e[i].hex) / 2 + 1 : 0;
	body = malloc(n + extra);
	buf = malloc(n + extra + 8);
	if (body == NULL || buf == NULL) {
		fail("no memory");
		goto out;
	}
	for (size_t f = 0; f <= nf; f++) {
		int keep = f < nf;

		for (int i = 0; i < 4 && e[i].op != 0; i++) {
			if (!(e[i].field == (int)f || (f == nf && e[i].field > (int)nf)))
				continue;
			if (e[i].op == CG_REMOVE || e[i].op == CG_REPLACE)
				keep = 0;
			if ((e[i].op == CG_ADD || e[i].op == CG_REPLACE) &&
			    put(body, &b, NULL, 0, e[i].hex) < 0)
				goto out;
		}
		if (keep)
			put(body, &b, tbs + field[f], flen[f], NULL);
	}
	put_hdr(buf, &o, 0x30, b);
	put(buf, &o, body, b, NULL);
	*out = buf;
	*outlen = o;
	buf = NULL;
	r = 0;
out:
	free(body);
	free(buf);
	return r;
}

/*
 * x, signed by key as sign() did, with its TBSCertificate edited by e and
 * signed again (the outer signatureAlgorithm kept), parsed; or NULL.
 */
static X509 *
resign(X509 *x, const struct certgen_tbs *e, EVP_PKEY *key, const char *mdname, int pss_salt)
{
	unsigned char *tbs = NULL, *alg = NULL, *edited = NULL, *sig = NULL, *der = NULL;
	const unsigned char *p;
	const X509_ALGOR *sa;
	const EVP_MD *md;
	EVP_MD_CTX *mctx = NULL;
	size_t en = 0, sn = 0, o = 0, body;
	int tn, an;
	X509 *y = NULL;

	X509_get0_signature(NULL, &sa, x);
	if ((tn = i2d_re_X509_tbs(x, &tbs)) <= 0 || (an = i2d_X509_ALGOR(sa, &alg)) <= 0 ||
	    edit_tbs(tbs, (size_t)tn, e, &edited, &en) < 0 || digest(key, mdname, &md) < 0 ||
	    (mctx = sign_ctx(key, md, pss_salt)) == NULL ||
	    EVP_DigestSign(mctx, NULL, &sn, edited, en) != 1 || (sig = malloc(sn)) == NULL ||
	    EVP_DigestSign(mctx, sig, &sn, edited, en) != 1) {
		fail("signing the edited TBSCertificate");
		goto out;
	}
	body = en + (size_t)an + 6 + sn + 1;
	if ((der = malloc(body + 6)) == NULL)
		goto out;
	put_hdr(der, &o, 0x30, en + (size_t)an + (sn + 1 < 0x80 ? 2 : sn + 1 < 0x100 ? 3 : 4) +
	    sn + 1);
	put(der, &o, edited, en, NULL);
	put(der, &o, alg, (size_t)an, NULL);
	put_hdr(der, &o, 0x03, sn + 1);
	der[o++] = 0;		/* no unused bits */
	put(der, &o, sig, sn, NULL);
	p = der;
	if ((y = d2i_X509(NULL, &p, (long)o)) == NULL)
		fail("the edited certificate does not parse");
out:
	EVP_MD_CTX_free(mctx);
	OPENSSL_free(tbs);
	OPENSSL_free(alg);
	free(edited);
	free(sig);
	free(der);
	return y;
}

/* x encoded and parsed again, or NULL. */
static X509 *
reparse(X509 *x)
{
	unsigned char *der = NULL;
	const unsigned char *p;
	int n = i2d_X509(x, &der);
	X509 *y = NULL;

	if (n > 0) {
		p = der;
		y = d2i_X509(NULL, &p, n);
	}
	if (y == NULL)
		fail("the certificate does not parse back");
	OPENSSL_free(der);
	return y;
}

/* x with the overrides and DER edits of s, signed by key, as it parses back; or NULL. */
static X509 *
finish(X509 *x, const struct certgen_spec *s, EVP_PKEY *key)
{
	int salt = s->pss ? s->pss_salt : -1;

	for (int i = 0; i < CERTGEN_MAX && s->ext[i].oid != NULL; i++)
		if (apply(x, &s->ext[i]) < 0)
			return NULL;
	if (sign(x, key, s->md, salt) < 0)
		return NULL;
	return s->tbs[0].op != 0 ? resign(x, s->tbs, key, s->md, salt) : reparse(x);
}

/* --- subscriber certificates ------------------------------------------------- */

/* The subject each type gets by default (7.1.4.2.3-6); value NULL: the first mailbox. */
static const struct {
	int type;
	struct certgen_attr a;
} subjects[] = {
	{ 1, { "CN", NULL, 0 } }, { 1, { "emailAddress", NULL, 0 } },
	{ 2, { "C", "DE", 0 } }, { 2, { "O", "Example GmbH", 0 } },
	{ 2, { "organizationIdentifier", "VATDE-123456789", 0 } },
	{ 2, { "CN", "Example GmbH", 0 } },
	{ 3, { "C", "DE", 0 } }, { 3, { "O", "Example GmbH", 0 } },
	{ 3, { "organizationIdentifier", "VATDE-123456789", 0 } },
	{ 3, { "GN", "Alice", 0 } }, { 3, { "SN", "Smith", 0 } },
	{ 3, { "CN", "Alice Smith", 0 } },
	{ 4, { "GN", "Alice", 0 } }, { 4, { "SN", "Smith", 0 } },
	{ 4, { "CN", "Alice Smith", 0 } },
	{ 4, { "emailAddress", NULL, 0 } },
};

static int
subject(X509 *x, const struct certgen_spec *s, const char *mail)
{
	const struct certgen_attr *attrs[CERTGEN_MAX];
	int type = s->type >= 1 && s->type <= 4 ? s->type : 1, r = 0;
	size_t n = 0;
	X509_NAME *nm;

	if (s->subject[0].name != NULL) {
		while (n < CERTGEN_MAX && s->subject[n].name != NULL) {
			attrs[n] = &s->subject[n];
			n++;
		}
	} else {
		for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++)
			if (subjects[i].type == type)
				attrs[n++] = &subjects[i].a;
	}
	if (s->empty_subject)
		n = 0;		/* an empty SEQUENCE */
	if ((nm = X509_NAME_new()) == NULL)
		return fail("no memory");
	for (size_t i = 0; r == 0 && i < n; i++)
		r = name_add(nm, attrs[i]->name, attrs[i]->value != NULL ? attrs[i]->value : mail,
		    attrs[i]->type);
	if (r == 0 && !X509_set_subject_name(x, nm))
		r = fail("subject");
	X509_NAME_free(nm);
	return r;
}

static int
extensions(X509 *x, const struct certgen_spec *s, const char *const *mail, const X509 *issuer)
{
	static const char *const email[] = { "emailProtection", NULL };
	const char *oids[5] = { NULL };
	char reserved[32];
	int n = 0;

	if (s->type != 0 || s->gen != 0) {
		snprintf(reserved, sizeof(reserved), "2.23.140.1.5.%d.%d", s->type, s->gen);
		oids[n++] = reserved;
	}
	for (int i = 0; i < 3 && s->policy[i] != NULL; i++)
		oids[n++] = s->policy[i];
	if ((s->bc && ext_bc(x, 0, -1, 0) < 0) || ext_ku(x, s->ku != 0 ? s->ku : CG_DS) < 0 ||
	    ext_eku(x, s->eku[0] != NULL ? s->eku : email) < 0 ||
	    ext_san(x, mail, s->empty_subject) < 0 ||	/* RFC 5280 4.2.1.6 */
	    ext_policies(x, oids, s->cps) < 0 || ext_crldp(x, LEAF_CRL) < 0 ||
	    ext_aia(x, s->ocsp, LEAF_CA_ISSUERS) < 0 || ext_ski(x) < 0 ||
	    ext_aki(x, issuer, s->aki_issuer_serial) < 0)
		return -1;
	return 0;
}

X509 *
certgen_make(const struct certgen_spec *s, const struct certgen_ca *ca)
{
	static const char *const alice[] = { MAILBOX, NULL };
	const char *const *mail = s->mail[0] != NULL ? s->mail : alice;
	X509 *x = NULL, *out = NULL;

	errbuf[0] = '\0';
	if (s->key == NULL || ca == NULL) {
		fail("no key or no CA");
		return NULL;
	}
	if ((x = X509_new()) == NULL || !X509_set_version(x, X509_VERSION_3) ||
	    serial(x, s->serial_len) < 0 ||
	    !X509_set_issuer_name(x, X509_get_subject_name(ca->cert)) ||
	    subject(x, s, mail[0]) < 0 ||
	    validity(x, s->not_before != NULL ? s->not_before : s->gen == 1 ? NOT_BEFORE_LEGACY :
	    NOT_BEFORE, s->days != 0 ? s->days : DAYS) < 0 ||
	    !X509_set_pubkey(x, s->key) || extensions(x, s, mail, ca->cert) < 0) {
		if (errbuf[0] == '\0')
			fail("building the certificate");
		goto out;
	}
	out = finish(x, s, ca->key);
out:
	X509_free(x);
	return out;
}

/* --- CAs ---------------------------------------------------------------------- */

/* The extensions of 7.1.2.1 (issuer NULL: a Root CA) or 7.1.2.2. */
static int
ca_extensions(X509 *x, const X509 *issuer)
{
	static const char *const email[] = { "emailProtection", NULL };
	char reserved[12][32];
	const char *oids[13] = { NULL };

	if (ext_bc(x, 1, issuer != NULL ? 0 : -1, 1) < 0 || ext_ku(x, CG_KCS | CG_CRL) < 0)
		return -1;
	if (issuer == NULL)
		return ext_ski(x);
	for (int i = 0; i < 12; i++) {	/* every type and generation it may issue */
		snprintf(reserved[i], sizeof(reserved[i]), "2.23.140.1.5.%d.%d", i / 3 + 1,
		    i % 3 + 1);
		oids[i] = reserved[i];
	}
	if (ext_eku(x, email) < 0 || ext_policies(x, oids, NULL) < 0 ||
	    ext_crldp(x, CA_CRL) < 0 || ext_aia(x, NULL, CA_CA_ISSUERS) < 0 ||
	    ext_ski(x) < 0 || ext_aki(x, issuer, 0) < 0)
		return -1;
	return 0;
}

struct certgen_ca *
certgen_ca_make(const struct certgen_spec *s, const struct certgen_ca *parent, const char *cn)
{
	static const struct certgen_attr dflt[] = {
		{ "C", "US", 0 }, { "O", "certgen", 0 }, { "CN", NULL, 0 }, { NULL, NULL, 0 }
	};
	const struct certgen_attr *attrs = s->subject[0].name != NULL ? s->subject : dflt;
	struct certgen_ca *ca = calloc(1, sizeof(*ca));
	X509_NAME *nm = X509_NAME_new();
	X509 *x = X509_new();
	int ok = 0;

	errbuf[0] = '\0';
	if (ca == NULL || nm == NULL || x == NULL || s->key == NULL || !EVP_PKEY_up_ref(s->key)) {
		fail("no memory or no key");
		goto out;
	}
	ca->key = s->key;
	for (int i = 0; i < CERTGEN_MAX && attrs[i].name != NULL; i++)
		if (name_add(nm, attrs[i].name, attrs[i].value != NULL ? attrs[i].value : cn,
		    attrs[i].type) < 0)
			goto out;
	if (!X509_set_version(x, X509_VERSION_3) || serial(x, s->serial_len) < 0 ||
	    !X509_set_subject_name(x, nm) ||
	    !X509_set_issuer_name(x, parent != NULL ? X509_get_subject_name(parent->cert) : nm) ||
	    validity(x, s->not_before != NULL ? s->not_before : NOT_BEFORE_CA,
	    s->days != 0 ? s->days : parent != NULL ? 3653 : 5479) < 0 ||
	    !X509_set_pubkey(x, s->key) ||
	    ca_extensions(x, parent != NULL ? parent->cert : NULL) < 0 ||
	    (ca->cert = finish(x, s, parent != NULL ? parent->key : s->key)) == NULL)
		goto out;
	ok = 1;
out:
	X509_NAME_free(nm);
	X509_free(x);
	if (!ok) {
		if (errbuf[0] == '\0')
			fail("building the CA certificate");
		certgen_ca_free(ca);
		return NULL;
	}
	return ca;
}

struct certgen_ca *
certgen_ca_new(EVP_PKEY *key, const struct certgen_ca *parent, const char *cn)
{
	struct certgen_spec s = { .key = key };

	return certgen_ca_make(&s, parent, cn);
}

struct certgen_ca *
certgen_ca_load(const char *key_pem, const char *cert_pem)
{
	struct certgen_ca *ca = calloc(1, sizeof(*ca));
	FILE *fp;

	if (ca == NULL || (ca->key = certgen_key_load(key_pem)) == NULL)
		goto bad;
	if ((fp = fopen(cert_pem, "r")) != NULL) {
		ca->cert = PEM_read_X509(fp, NULL, NULL, NULL);
		fclose(fp);
	}
	if (ca->cert != NULL)
		return ca;
	fail("no certificate in %s", cert_pem);
bad:
	certgen_ca_free(ca);
	return NULL;
}

void
certgen_ca_free(struct certgen_ca *ca)
{
	if (ca == NULL)
		return;
	EVP_PKEY_free(ca->key);
	X509_free(ca->cert);
	free(ca);
}

X509 *
certgen_ca_cert(const struct certgen_ca *ca)
{
	return ca->cert;
}
