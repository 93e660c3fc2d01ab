/*
 * NAME
 *	br_7_1_3 - key and signature algorithms (BR 6.1.5, 7.1.3)
 * DESCRIPTION
 *	For every role (subscriber, Subordinate CA, Root CA):
 *
 *	The SubjectPublicKeyInfo algorithm and the certificate signature
 *	algorithm are judged on their DER against the tables below (the
 *	exact strings of 7.1.3.1 and 7.1.3.2: "no other encodings are
 *	permitted"), never by OID alone: absent versus NULL parameters,
 *	explicit curves, brainpool, RSA-PSS or DSA keys, HashML-DSA, and
 *	RSASSA-PSS with other parameters all fall outside them.  The
 *	signature algorithm must also be the one the issuer's key makes
 *	(RSA: an RSA algorithm; P-256 / P-384 / P-521: ECDSA with SHA-256 /
 *	384 / 512 only; Ed25519; Ed448; ML-DSA of the same parameter set)
 *	when the issuer is at hand, and the outer signatureAlgorithm must
 *	equal tbsCertificate.signature (RFC 5280 4.1.1.2).
 *
 *	Keys other than RSA (br_7_1_3_rsa.c): EC points are decoded from the
 *	key's bytes with EC_POINT_oct2point() on the named curve, which
 *	refuses coordinates not below p and points off the curve, and must
 *	not be the point at infinity (SP 800-56A partial validation; P-256/
 *	384/521 have cofactor 1, so partial validation is full validation;
 *	no EVP_PKEY needed, see br_cert_d2i()); EdDSA keys
 *	are decoded as RFC 8032 5.1.3 / 5.2.3 do (length, y below p, x^2 a
 *	square, x = 0 only with a clear sign bit); ML-DSA and ML-KEM keys
 *	have the lengths of RFC 9881 and RFC 9935.  OpenSSL 3.0 has no NIDs
 *	for those two: the tables hold their DER, and the raw key comes
 *	from X509_PUBKEY_get0_param().  ML-DSA / ML-KEM keys and ML-DSA
 *	signatures are allowed from v1.0.11 (SMC013, 2025-08-22) only.
 *
 *	SHA-1: no SHA-1 algorithm has ever been in the 7.1.3.2 list, which
 *	binds every certificate under the BR since v1.0.0, so a SHA-1
 *	signature is an error whatever the notBefore (e_sig_sha1).  SMC016
 *	(v1.0.14, 7.1.3.1.1) restates the ban for signatures from
 *	2026-09-15 and asks CAs to revoke unexpired SHA-1-signed
 *	Subordinate CA certificates before that day; the detail says so for
 *	such a certificate.  That revocation reaches back before the BR
 *	(Appendix B exempts no Extant S/MIME CA from it), so a SHA-1-signed
 *	Subordinate CA certificate from before 2023-09-01, which no other
 *	rule judges, still gets e_subca_sha1_unexpired_2026_09_15 when it
 *	is valid past 2026-09-15.  SHA-1 algorithms (sha1WithRSAEncryption,
 *	ecdsa-with-SHA1, DSA with SHA-1, RSASSA-PSS with SHA-1 as hash or
 *	MGF-1 hash, defaults included) give e_sig_sha1 only, not also
 *	e_sig_alg_not_allowed: one defect, one code.  Likewise the curve and
 *	EdDSA rules look only at keys whose algorithm is allowed, and the
 *	issuer match only at allowed signature algorithms.
 *
 *	The DER compared is OpenSSL's re-encoding of the parsed
 *	AlgorithmIdentifier, as br_util gives it: a non-DER length form
 *	that d2i accepts is not seen.
 * SEE ALSO
 *	S/MIME BR 6.1.5, 7.1.3.1, 7.1.3.2; RFC 5280 4.1.1.2; RFC 8032;
 *	RFC 9881 4; RFC 9935 4; br_7_1_3_rsa.c.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/smx_err.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define ALL BR_ROLE_ALL

/* --- the allowed encodings ------------------------------------------------ */

enum kc { K_RSA = 1, K_P256, K_P384, K_P521, K_ED25519, K_ED448,
	K_MLDSA44, K_MLDSA65, K_MLDSA87, K_MLKEM512, K_MLKEM768, K_MLKEM1024 };

#define IS_MLDSA(k) ((k) >= K_MLDSA44 && (k) <= K_MLDSA87)
#define IS_MLKEM(k) ((k) >= K_MLKEM512)

/* SubjectPublicKeyInfo.algorithm (7.1.3.1); keylen: raw PQC key bytes. */
static const struct keyalg {
	const char *hex;
	enum kc kc;
	const char *name;
	int keylen;
} keyalgs[] = {
	{ "300d06092a864886f70d0101010500", K_RSA, "RSA", 0 },
	{ "301306072a8648ce3d020106082a8648ce3d030107", K_P256, "P-256", 0 },
	{ "301006072a8648ce3d020106052b81040022", K_P384, "P-384", 0 },
	{ "301006072a8648ce3d020106052b81040023", K_P521, "P-521", 0 },
	{ "300506032b6570", K_ED25519, "Ed25519", 0 },
	{ "300506032b6571", K_ED448, "Ed448", 0 },
	{ "300b0609608648016503040311", K_MLDSA44, "ML-DSA-44", 1312 },
	{ "300b0609608648016503040312", K_MLDSA65, "ML-DSA-65", 1952 },
	{ "300b0609608648016503040313", K_MLDSA87, "ML-DSA-87", 2592 },
	{ "300b0609608648016503040401", K_MLKEM512, "ML-KEM-512", 800 },
	{ "300b0609608648016503040402", K_MLKEM768, "ML-KEM-768", 1184 },
	{ "300b0609608648016503040403", K_MLKEM1024, "ML-KEM-1024", 1568 },
};

/* Signature AlgorithmIdentifier (7.1.3.2) and the key that makes it. */
static const struct sigalg {
	const char *hex;
	const char *name;
	enum kc signer;
} sigalgs[] = {
	{ "300d06092a864886f70d01010b0500", "sha256WithRSAEncryption", K_RSA },
	{ "300d06092a864886f70d01010c0500", "sha384WithRSAEncryption", K_RSA },
	{ "300d06092a864886f70d01010d0500", "sha512WithRSAEncryption", K_RSA },
	{ "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a"
	  "864886f70d010108300d06096086480165030402010500a203020120", "RSASSA-PSS SHA-256", K_RSA },
	{ "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a"
	  "864886f70d010108300d06096086480165030402020500a203020130", "RSASSA-PSS SHA-384", K_RSA },
	{ "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a"
	  "864886f70d010108300d06096086480165030402030500a203020140", "RSASSA-PSS SHA-512", K_RSA },
	{ "300a06082a8648ce3d040302", "ecdsa-with-SHA256", K_P256 },
	{ "300a06082a8648ce3d040303", "ecdsa-with-SHA384", K_P384 },
	{ "300a06082a8648ce3d040304", "ecdsa-with-SHA512", K_P521 },
	{ "300506032b6570", "Ed25519", K_ED25519 },
	{ "300506032b6571", "Ed448", K_ED448 },
	{ "300b0609608648016503040311", "ML-DSA-44", K_MLDSA44 },
	{ "300b0609608648016503040312", "ML-DSA-65", K_MLDSA65 },
	{ "300b0609608648016503040313", "ML-DSA-87", K_MLDSA87 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The allowed key algorithm of x, or NULL. */
static const struct keyalg *
key_alg(X509 *x)
{
	const struct keyalg *k = NULL;
	unsigned char *der;
	size_t len;

	if (x == NULL || br_spki_alg_der(x, &der, &len) < 0)
		return NULL;
	for (size_t i = 0; k == NULL && i < NELEM(keyalgs); i++)
		if (br_der_equals(der, len, keyalgs[i].hex))
			k = &keyalgs[i];
	OPENSSL_free(der);
	return k;
}

/* key_alg(c->x), looked up once per lint (most rules of this file ask in
 * their applies()); cert_sig() does the same for the signature. */
static const struct keyalg *
cert_key(const struct br_cert *c)
{
	struct br_memo_slot *s = br_memo_get(c, BR_MEMO_KEYALG);
	const struct keyalg *k;

	if (s != NULL)
		return s->val;
	k = key_alg(c->x);
	br_memo_put(c, BR_MEMO_KEYALG, (void *)k, NULL, NULL);
	return k;
}

/* 1 when x's key algorithm is allowed and between lo and hi. */
static int
key_in(const struct br_cert *c, enum kc lo, enum kc hi)
{
	const struct keyalg *k = cert_key(c);

	return k != NULL && k->kc >= lo && k->kc <= hi;
}

/* The allowed signature algorithm whose DER a has, or NULL. */
static const struct sigalg *
sig_alg(const X509_ALGOR *a)
{
	const struct sigalg *s = NULL;
	unsigned char *der = NULL;
	int n = i2d_X509_ALGOR(a, &der);

	for (size_t i = 0; n > 0 && s == NULL && i < NELEM(sigalgs); i++)
		if (br_der_equals(der, (size_t)n, sigalgs[i].hex))
			s = &sigalgs[i];
	OPENSSL_free(der);
	return s;
}

static const X509_ALGOR *
outer_alg(const struct br_cert *c)
{
	const X509_ALGOR *a = NULL;

	X509_get0_signature(NULL, &a, c->x);
	return a;
}

/* sig_alg(outer_alg(c)), once per lint. */
static const struct sigalg *
cert_sig(const struct br_cert *c)
{
	struct br_memo_slot *s = br_memo_get(c, BR_MEMO_SIGALG);
	const struct sigalg *g;

	if (s != NULL)
		return s->val;
	g = sig_alg(outer_alg(c));
	br_memo_put(c, BR_MEMO_SIGALG, (void *)g, NULL, NULL);
	return g;
}

/* "rsaEncryption, no parameters", "id-ecPublicKey, brainpoolP256r1", ... */
static void
describe(const X509_ALGOR *a, char *buf, size_t len)
{
	const ASN1_OBJECT *obj;
	const void *pval;
	int ptype;
	char oid[80], par[80];

	X509_ALGOR_get0(&obj, &ptype, &pval, a);
	OBJ_obj2txt(oid, sizeof(oid), obj, 0);
	if (ptype == V_ASN1_UNDEF)
		snprintf(par, sizeof(par), "no parameters");
	else if (ptype == V_ASN1_NULL)
		snprintf(par, sizeof(par), "NULL parameters");
	else if (ptype == V_ASN1_OBJECT)
		OBJ_obj2txt(par, sizeof(par), pval, 0);
	else if (ptype == V_ASN1_SEQUENCE)
		snprintf(par, sizeof(par), "%d-byte parameter SEQUENCE",
		    ASN1_STRING_length(pval));
	else
		snprintf(par, sizeof(par), "parameters of type %d", ptype);
	snprintf(buf, len, "%s, %s", oid, par);
}

/* --- SubjectPublicKeyInfo ------------------------------------------------- */

static int
spki_not_allowed(const struct br_cert *c, char *d, size_t dl)
{
	X509_PUBKEY *pk = X509_get_X509_PUBKEY(c->x);
	X509_ALGOR *a = NULL;
	char what[170];

	if (cert_key(c) != NULL)
		return 0;
	if (pk == NULL || !X509_PUBKEY_get0_param(NULL, NULL, NULL, &a, pk) || a == NULL)
		return br_detail(d, dl, "no SubjectPublicKeyInfo algorithm");
	describe(a, what, sizeof(what));
	return br_detail(d, dl, "%s", what);
}

/* The raw subjectPublicKey bytes. */
static int
raw_key(X509 *x, const unsigned char **p, int *len)
{
	X509_PUBKEY *pk = X509_get_X509_PUBKEY(x);

	return pk != NULL && X509_PUBKEY_get0_param(NULL, p, len, NULL, pk) == 1;
}

static int
is_ec(const struct br_cert *c)
{
	return key_in(c, K_P256, K_P521);
}

static int
is_ed(const struct br_cert *c)
{
	return key_in(c, K_ED25519, K_ED448);
}

static int
is_mldsa(const struct br_cert *c)
{
	return key_in(c, K_MLDSA44, K_MLDSA87);
}

static int
is_mlkem(const struct br_cert *c)
{
	return key_in(c, K_MLKEM512, K_MLKEM1024);
}

/* An ML-KEM certificate met as a signer (not as an encryption certificate). */
static int
mlkem_as_signer(const struct br_cert *c)
{
	return !(c->role & BR_ROLE_ENCRYPTION) && is_mlkem(c);
}

static int
mlkem_signer(const struct br_cert *c, char *d, size_t dl)
{
	return br_detail(d, dl, "%s key named as a signer", cert_key(c)->name);
}

static int
pqc_key_length(const struct br_cert *c, char *d, size_t dl)
{
	const struct keyalg *k = cert_key(c);
	const unsigned char *p;
	int len;

	if (k == NULL || !raw_key(c->x, &p, &len))
		return 0;
	return len == k->keylen ? 0 :
	    br_detail(d, dl, "%d-byte %s key, %d expected", len, k->name, k->keylen);
}

/* The three curves, made once and only read after (EC_GROUP is then safe
 * to share between threads); they live as long as the process. */
static CRYPTO_ONCE curves_once = CRYPTO_ONCE_STATIC_INIT;
static EC_GROUP *curves[3];

static void
curves_init(void)
{
	static const int nids[3] = { NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1 };

	for (size_t i = 0; i < 3; i++)
		curves[i] = EC_GROUP_new_by_curve_name(nids[i]);
}

static int
ec_point_invalid(const struct br_cert *c, char *d, size_t dl)
{
	const struct keyalg *k = cert_key(c);
	const unsigned char *p;
	const EC_GROUP *g;
	EC_POINT *pt;
	int len, ok;

	if (k == NULL || !raw_key(c->x, &p, &len))
		return 0;
	if (!CRYPTO_THREAD_run_once(&curves_once, curves_init) ||
	    (g = curves[k->kc - K_P256]) == NULL || (pt = EC_POINT_new(g)) == NULL)
		return SMX_ERR_NOMEM;
	if (EC_POINT_oct2point(g, pt, p, (size_t)len, NULL) != 1) {
		EC_POINT_free(pt);
		ERR_clear_error();
		return br_detail(d, dl, "the key does not decode as a point of the curve");
	}
	ok = !EC_POINT_is_at_infinity(g, pt) && EC_POINT_is_on_curve(g, pt, NULL) == 1;
	EC_POINT_free(pt);
	ERR_clear_error();
	return ok ? 0 : br_detail(d, dl, "public key validation fails");
}

/* d of edwards25519, -121665/121666 mod p (RFC 8032 5.1). */
static const char ed25519_d[] =
    "52036CEE2B6FFE738CC740797779E89800700A4D4141D8AB75EB4DCA135978A3";

/*
 * RFC 8032 5.1.3 / 5.2.3 decoding, as far as it can fail: the length,
 * y below p, and x^2 = (y^2 - 1) / (d y^2 + 1) (Ed25519) or
 * (y^2 - 1) / (d y^2 - 1) with d = -39081 (Ed448) a square mod p,
 * with x = 0 only when the sign bit is clear.
 */
static int
ed_point_invalid(const struct br_cert *c, char *d, size_t dl)
{
	const struct keyalg *k = cert_key(c);
	int ed448 = k != NULL && k->kc == K_ED448, want = ed448 ? 57 : 32;
	const unsigned char *p;
	unsigned char buf[57];
	BN_CTX *ctx;
	BIGNUM *q, *y, *u, *v, *dd;
	int len, sign, r = SMX_ERR_NOMEM, sq;

	if (k == NULL || !raw_key(c->x, &p, &len))
		return 0;
	if (len != want)
		return br_detail(d, dl, "%d-byte %s key, %d expected", len, k->name, want);
	memcpy(buf, p, (size_t)len);
	sign = buf[len - 1] >> 7;
	buf[len - 1] &= 0x7f;
	if ((ctx = BN_CTX_new()) == NULL)
		return SMX_ERR_NOMEM;
	BN_CTX_start(ctx);
	q = BN_CTX_get(ctx);
	y = BN_CTX_get(ctx);
	u = BN_CTX_get(ctx);
	v = BN_CTX_get(ctx);
	dd = BN_CTX_get(ctx);
	if (dd == NULL || BN_lebin2bn(buf, len, y) == NULL)
		goto out;
	BN_zero(q);
	if (ed448) {	/* p = 2^448 - 2^224 - 1, d = p - 39081 */
		if (!BN_set_bit(q, 448) || !BN_set_word(u, 0) || !BN_set_bit(u, 224) ||
		    !BN_sub(q, q, u) || !BN_sub_word(q, 1) || !BN_copy(dd, q) ||
		    !BN_sub_word(dd, 39081))
			goto out;
	} else if (!BN_set_bit(q, 255) || !BN_sub_word(q, 19) ||
	    !BN_hex2bn(&dd, ed25519_d)) {
		goto out;
	}
	if (BN_cmp(y, q) >= 0) {
		r = br_detail(d, dl, "y is not below p");
		goto out;
	}
	/* u = y^2 - 1, v = d y^2 +/- 1 */
	if (!BN_mod_sqr(u, y, q, ctx) || !BN_mod_mul(v, dd, u, q, ctx) ||
	    !(ed448 ? BN_sub_word(v, 1) : BN_add_word(v, 1)) || !BN_nnmod(v, v, q, ctx) ||
	    !BN_sub_word(u, 1) || !BN_nnmod(u, u, q, ctx))
		goto out;
	if (BN_is_zero(u)) {
		r = sign ? br_detail(d, dl, "x = 0 with the sign bit set") : 0;
		goto out;
	}
	if (BN_is_zero(v) || !BN_mod_mul(u, u, v, q, ctx) ||
	    (sq = BN_kronecker(u, q, ctx)) == -2)
		goto out;
	r = sq == 1 ? 0 : br_detail(d, dl, "not a point of the curve");
out:
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
	return r;
}

/* --- PQC dates ----------------------------------------------------------- */

static int
pqc_early(const struct br_cert *c, char *d, size_t dl)
{
	const struct keyalg *k = cert_key(c);
	const struct sigalg *s = cert_sig(c);

	if (k != NULL && (IS_MLDSA(k->kc) || IS_MLKEM(k->kc)))
		return br_detail(d, dl, "%s key", k->name);
	if (s != NULL && IS_MLDSA(s->signer))
		return br_detail(d, dl, "%s signature", s->name);
	return 0;
}

/* --- signature algorithms ------------------------------------------------ */

static int
md_is_sha1(const X509_ALGOR *md)
{
	return md == NULL || OBJ_obj2nid(md->algorithm) == NID_sha1;	/* absent: SHA-1 */
}

/* 1 when a is a SHA-1 based signature algorithm (RSASSA-PSS: hash or MGF-1 hash). */
static int
sha1_based(const X509_ALGOR *a)
{
	const ASN1_OBJECT *obj;
	const void *pval;
	RSA_PSS_PARAMS *pss;
	X509_ALGOR *mgf_md = NULL;
	int ptype, md, pk, r;

	X509_ALGOR_get0(&obj, &ptype, &pval, a);
	if (OBJ_obj2nid(obj) != NID_rsassaPss)
		return OBJ_find_sigid_algs(OBJ_obj2nid(obj), &md, &pk) && md == NID_sha1;
	if (ptype == V_ASN1_UNDEF)
		return 1;	/* all defaults: SHA-1 */
	if (ptype != V_ASN1_SEQUENCE ||
	    (pss = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_PSS_PARAMS), a->parameter)) == NULL) {
		ERR_clear_error();
		return 0;
	}
	if (pss->maskGenAlgorithm != NULL && pss->maskGenAlgorithm->parameter != NULL)
		mgf_md = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR),
		    pss->maskGenAlgorithm->parameter);
	r = md_is_sha1(pss->hashAlgorithm) ||
	    (pss->maskGenAlgorithm == NULL || (mgf_md != NULL && md_is_sha1(mgf_md)));
	X509_ALGOR_free(mgf_md);
	RSA_PSS_PARAMS_free(pss);
	ERR_clear_error();
	return r;
}

/* The outer algorithm, and tbsCertificate.signature when it differs. */
static int
sig_algs(const struct br_cert *c, const X509_ALGOR *a[2])
{
	a[0] = outer_alg(c);
	a[1] = X509_get0_tbs_sigalg(c->x);
	return X509_ALGOR_cmp(a[0], a[1]) == 0 ? 1 : 2;
}

static int
sig_not_allowed(const struct br_cert *c, char *d, size_t dl)
{
	const X509_ALGOR *a[2];
	char what[170];

	for (int i = 0, n = sig_algs(c, a); i < n; i++) {
		if (a[i] == NULL || sig_alg(a[i]) != NULL || sha1_based(a[i]))
			continue;
		describe(a[i], what, sizeof(what));
		return br_detail(d, dl, "%s%s", i ? "tbsCertificate.signature: " : "", what);
	}
	return 0;
}

static int
sig_sha1(const struct br_cert *c, char *d, size_t dl)
{
	const X509_ALGOR *a[2];
	char what[100];

	for (int i = 0, n = sig_algs(c, a); i < n; i++) {
		if (a[i] == NULL || !sha1_based(a[i]))
			continue;
		describe(a[i], what, sizeof(what));
		return br_detail(d, dl, "%s%s", what,
		    c->role == BR_ROLE_SUBCA && br_ymd(X509_get0_notAfter(c->x)) >= 20260915 ?
		    "; unexpired on 2026-09-15, so due for revocation before then" : "");
	}
	return 0;
}

static int
subca_sha1_unexpired(const struct br_cert *c, char *d, size_t dl)
{
	const X509_ALGOR *a[2];
	int n = sig_algs(c, a), hit = 0;

	for (int i = 0; i < n; i++)
		hit |= a[i] != NULL && sha1_based(a[i]);
	if (!hit || br_ymd(X509_get0_notAfter(c->x)) < 20260915)
		return 0;
	return br_detail(d, dl, "SHA-1 signature, notAfter %08d", br_ymd(X509_get0_notAfter(c->x)));
}

static int
sig_tbs_mismatch(const struct br_cert *c, char *d, size_t dl)
{
	const X509_ALGOR *a[2];
	unsigned char *o = NULL, *t = NULL;
	char os[80], ts[80];
	int on, tn, differ;

	sig_algs(c, a);
	on = i2d_X509_ALGOR(a[0], &o);
	tn = i2d_X509_ALGOR(a[1], &t);
	differ = on != tn || on <= 0 || memcmp(o, t, (size_t)on) != 0;
	OPENSSL_free(o);
	OPENSSL_free(t);
	if (!differ)
		return 0;
	describe(a[0], os, sizeof(os));
	describe(a[1], ts, sizeof(ts));
	return br_detail(d, dl, "%s; tbsCertificate: %s", os, ts);
}

static int
issuer_known(const struct br_cert *c)
{
	return c->issuer != NULL;
}

static int
sig_issuer_mismatch(const struct br_cert *c, char *d, size_t dl)
{
	const struct sigalg *s = cert_sig(c);
	const struct keyalg *k = key_alg(c->issuer);

	if (s == NULL || k == NULL || s->signer == k->kc)
		return 0;
	return br_detail(d, dl, "%s signature, %s issuer key", s->name, k->name);
}

/* --- the table ------------------------------------------------------------ */

static const struct br_rule rules[] = {
	{ "e_spki_alg_not_allowed", BR_SEV_ERROR, "7.1.3.1",
	  "SubjectPublicKeyInfo.algorithm SHALL be byte-identical to an encoding of 7.1.3.1",
	  V100, 0, ALL, 0, 0, NULL, spki_not_allowed },
	{ "e_ec_point_invalid", BR_SEV_ERROR, "6.1.5",
	  "an ECDSA key SHALL be a valid point of P-256, P-384 or P-521", V100, 0, ALL, 0, 0,
	  is_ec, ec_point_invalid },
	{ "e_eddsa_point_invalid", BR_SEV_ERROR, "6.1.5",
	  "an EdDSA key SHALL be a valid point of Curve25519 or Curve448", V100, 0, ALL, 0, 0,
	  is_ed, ed_point_invalid },
	{ "e_mldsa_key_length", BR_SEV_ERROR, "RFC 9881 4",
	  "an ML-DSA key SHALL be the 1312, 1952 or 2592 bytes of its parameter set",
	  V100, 0, ALL, 0, 0, is_mldsa, pqc_key_length },
	{ "e_mlkem_key_length", BR_SEV_ERROR, "RFC 9935 4",
	  "an ML-KEM key SHALL be the 800, 1184 or 1568 bytes of its parameter set",
	  V100, 0, ALL, 0, 0, is_mlkem, pqc_key_length },
	{ "e_mlkem_signer", BR_SEV_ERROR, "7.1.2.3e",
	  "an ML-KEM certificate (keyEncipherment only) SHALL NOT be used to sign",
	  V100, 0, BR_ROLE_SUBSCRIBER, 0, 0, mlkem_as_signer, mlkem_signer },
	{ "e_pqc_before_2025_08_22", BR_SEV_ERROR, "6.1.5",
	  "ML-DSA and ML-KEM keys and ML-DSA signatures are allowed from v1.0.11 (2025-08-22)",
	  V100, 20250822, ALL, 0, 0, NULL, pqc_early },
	{ "e_sig_alg_not_allowed", BR_SEV_ERROR, "7.1.3.2",
	  "the signature AlgorithmIdentifier SHALL be byte-identical to an encoding of 7.1.3.2",
	  V100, 0, ALL, 0, 0, NULL, sig_not_allowed },
	{ "e_sig_sha1", BR_SEV_ERROR, "7.1.3.2",
	  "certificates SHALL NOT be signed with a SHA-1 based algorithm (7.1.3.1.1: from 2026-09-15)",
	  V100, 0, ALL, 0, 0, NULL, sig_sha1 },
	{ "e_subca_sha1_unexpired_2026_09_15", BR_SEV_ERROR, "7.1.3.1.1",
	  "a SHA-1-signed Subordinate CA certificate valid past 2026-09-15 SHALL be revoked before then",
	  0, V100, BR_ROLE_SUBCA, 0, 0, NULL, subca_sha1_unexpired },
	{ "e_sig_alg_tbs_mismatch", BR_SEV_ERROR, "RFC 5280 4.1.1.2",
	  "signatureAlgorithm SHALL be the same AlgorithmIdentifier as tbsCertificate.signature",
	  V100, 0, ALL, 0, 0, NULL, sig_tbs_mismatch },
	{ "e_sig_alg_issuer_mismatch", BR_SEV_ERROR, "7.1.3.2",
	  "the signature algorithm SHALL be the one of 7.1.3.2 for the issuer's key and curve",
	  V100, 0, ALL, 0, 0, issuer_known, sig_issuer_mismatch },};

const struct br_rule_group br_group_7_1_3 = { rules, NELEM(rules) };
