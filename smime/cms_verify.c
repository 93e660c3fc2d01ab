/*
 * NAME
 *	cms_verify - verify the CMS object of one S/MIME layer
 * SYNOPSIS
 *	#include "smime/cms_verify.h"
 *
 *	int cms_verify(const struct cms_verify_opts *o, const unsigned char *der,
 *	    size_t len, const struct digest_set *detached, const char *from,
 *	    struct smx_layer *layer, unsigned char **content, size_t *content_len);
 * DESCRIPTION
 *	Decodes a CMS ContentInfo, its certificates through cms_certs.c
 *	(parsed once per process) where the object allows, and keeps the
 *	chains that pass in chain_cache.c.  Enveloped data is reported as
 *	encrypted (result none), anything but SignedData as permerror.  Each
 *	SignerInfo is judged on its own (RFC 5652 5.6):
 *
 *	1. the digest of the content with the SignerInfo's digestAlgorithm:
 *	   taken from the streamed digests for detached content (see
 *	   digest.c for why micalg only chooses what is computed), computed
 *	   here for encapsulated content;
 *	2. with signed attributes: exactly one messageDigest (compared with
 *	   1.), exactly one contentType (compared with eContentType), at most
 *	   one well-formed signingTime; the signature covers the DER SET OF
 *	   the attributes.  RSA and ECDSA signatures are checked by libcrypto
 *	   (CMS_SignerInfo_verify); EdDSA (RFC 8419), which OpenSSL 3.0's CMS
 *	   code cannot check, by a one-shot EVP_DigestVerify over
 *	   cms_attrs_der(); ML-DSA (RFC 9882) by mldsa_verify() over the same
 *	   bytes with the empty context (see below);
 *	3. without signed attributes: the signature over the digest (RSA
 *	   PKCS#1, ECDSA) or over the content itself (EdDSA, ML-DSA; opaque
 *	   only: a stream does not keep detached content, so neutral);
 *	4. the chain from the signer through the certificates of the message
 *	   to the trust anchors, at the verification time, for the S/MIME
 *	   signing purpose (emailProtection, keyUsage, basicConstraints): by
 *	   libcrypto, or by pqc_chain.c when a certificate on the path has an
 *	   ML-DSA key (libcrypto before 3.5 cannot; used on 3.5 too, so the
 *	   answer does not depend on the library);
 *	5. policy: weak digests, a signingTime in the future, and the From
 *	   match when the configuration requires it.
 *
 *	ML-DSA SignerInfos (RFC 9882): the raw key comes from the signer
 *	certificate's SPKI bit string (libcrypto 3.0 cannot decode it).
 *	signatureAlgorithm or SPKI AlgorithmIdentifier parameters present
 *	(NULL included): permerror bad_algorithm_params.  A key of another
 *	algorithm or parameter set than the signature OID: fail bad_signature.
 *	A CMSAlgorithmProtection attribute (RFC 6211) naming other
 *	algorithms: fail bad_signature.  HashML-DSA OIDs, which RFC 9882 3.1
 *	leaves out of CMS and no verifier here implements: neutral
 *	unsupported_algorithm (never a pass, and a HashML-DSA signer next to
 *	a good one does not spoil the message).  With signed attributes, a
 *	digestAlgorithm weaker than RFC 9882 3.3 lists for the parameter set
 *	(SHA-256 with ML-DSA-65 or -87, SHA-384 with ML-DSA-87, SHA-224,
 *	SHA-1, MD5 with any) is policy weak_digest unless
 *	o->allow_weak_mldsa_digest; without them the field is ignored, as
 *	RFC 9882 3.3 asks.
 *
 *	The signer's result is the first that applies of: permerror (a
 *	malformed SignerInfo), fail (signature or digest), neutral (cannot be
 *	judged), policy (chain, weak digest, signing time, From), pass.  The
 *	layer's result is the most severe over its signers (report.h order).
 *
 *	Chain errors are collected by a verify callback that lets libcrypto
 *	go on, so the reason reported is the most fundamental one found
 *	(untrusted before bad CA before expiry) rather than the first met.
 * OWNERSHIP
 *	Everything put into layer is owned by it (smx_report_clear frees it).
 *	*content is malloc()ed for the caller.
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_CRYPTO: checking itself failed; the layer then
 *	holds temperror internal_error.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "smime/address.h"
#include "smime/certinfo.h"
#include "smime/chain_cache.h"
#include "smime/cms_attrs.h"
#include "smime/cms_certs.h"
#include "smime/cms_verify.h"
#include "smime/mldsa.h"
#include "smime/pqc_chain.h"
#include "smime/reasons.h"
#include "smime/smx_err.h"

/* id-shake256-len (RFC 8419 for Ed448); libcrypto 3.0 has no NID for it. */
#define OID_SHAKE256_LEN "2.16.840.1.101.3.4.2.18"

struct content {
	const struct digest_set *detached;	/* multipart/signed */
	const unsigned char *data;		/* encapsulated content */
	size_t len;
	const ASN1_OBJECT *ctype;		/* eContentType */
};

/* A signer's verdict: the first check that does not pass decides. */
static void
judge(struct smx_signer *s, enum smx_result r, const char *reason)
{
	s->result = r;
	s->reason = reason;
}

static int
digest_of_oid(const ASN1_OBJECT *oid)
{
	char buf[64];
	int nid = OBJ_obj2nid(oid);

	if (nid != NID_undef)
		return digest_from_nid(nid);
	if (OBJ_obj2txt(buf, sizeof(buf), oid, 1) > 0 && strcmp(buf, OID_SHAKE256_LEN) == 0)
		return DG_SHAKE256;
	return -1;
}

/* --- the chain ------------------------------------------------------- */

static const char *
chain_reason_of(int err)
{
	switch (err) {
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_CERT_UNTRUSTED:
	case X509_V_ERR_CERT_REJECTED:
		return R_UNTRUSTED;
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return R_EXPIRED;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return R_NOT_YET_VALID;
	case X509_V_ERR_INVALID_PURPOSE:
		return R_BAD_PURPOSE;
	case X509_V_ERR_INVALID_CA:
	case X509_V_ERR_PATH_LENGTH_EXCEEDED:
	case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
	case X509_V_ERR_INVALID_NON_CA:
		return R_BAD_CA;
	case X509_V_ERR_CERT_CHAIN_TOO_LONG:
		return "limit_chain";
	}
	return R_CHAIN_INVALID;
}

struct chain_errs {
	const char *worst;
};

static int chain_errs_idx = -1;

static int
chain_cb(int ok, X509_STORE_CTX *ctx)
{
	struct chain_errs *ce;
	const char *r;

	if (ok)
		return 1;
	ce = X509_STORE_CTX_get_ex_data(ctx, chain_errs_idx);
	r = chain_reason_of(X509_STORE_CTX_get_error(ctx));
	if (ce->worst == NULL || pqc_chain_rank(r) < pqc_chain_rank(ce->worst))
		ce->worst = r;
	/* Keep going, so that every problem of the chain is seen. */
	return 1;
}

/* cert's chain by libcrypto: *reason and the chain it built in *chain. */
static int
chain_check_classic(const struct cms_verify_opts *o, X509 *cert, STACK_OF(X509) *bag,
    const char **reason, STACK_OF(X509) **chain)
{
	X509_STORE *store = o->trust, *empty = NULL;
	X509_STORE_CTX *ctx = NULL;
	X509_VERIFY_PARAM *param;
	struct chain_errs ce = { NULL };
	int r = SMX_ERR_CRYPTO;

	if (chain_errs_idx < 0)
		return SMX_ERR_STATE;
	if (store == NULL && (store = empty = X509_STORE_new()) == NULL)
		return SMX_ERR_NOMEM;
	if ((ctx = X509_STORE_CTX_new()) == NULL)
		goto out;
	if (!X509_STORE_CTX_init(ctx, store, cert, bag))
		goto out;
	param = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_time(param, o->now);
	X509_VERIFY_PARAM_set_depth(param, (int)(o->lim->max_chain >= 2 ? o->lim->max_chain - 2 : 0));
	if (!X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN))
		goto out;
	X509_STORE_CTX_set_ex_data(ctx, chain_errs_idx, &ce);
	X509_STORE_CTX_set_verify_cb(ctx, chain_cb);
	if (X509_verify_cert(ctx) < 0 && ce.worst == NULL)
		ce.worst = R_CHAIN_INVALID;
	*reason = ce.worst != NULL ? ce.worst : "pass";
	*chain = X509_STORE_CTX_get1_chain(ctx);
	r = 0;
out:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(empty);
	ERR_clear_error();
	return r;
}

/*
 * Verify cert's chain at o->now.  Returns the reason token or "pass" in
 * *reason, and the chain that was built in *chain (leaf first).
 */
static int
chain_check(const struct cms_verify_opts *o, X509 *cert, STACK_OF(X509) *bag,
    const char **reason, STACK_OF(X509) **chain)
{
	uint32_t ku;
	int r;

	if (chain_cache_get(o->trust, cert, bag, o->lim->max_chain, o->now, chain)) {
		*reason = "pass";
	} else {
		/* A path with an ML-DSA certificate is ours; any other libcrypto's. */
		r = pqc_chain_check(o->trust, cert, bag, o->now, o->lim->max_chain, reason, chain);
		if (r == 0)
			r = chain_check_classic(o, cert, bag, reason, chain);
		if (r < 0)
			return r;
		if (strcmp(*reason, "pass") == 0)
			chain_cache_put(o->trust, cert, bag, o->lim->max_chain, *chain);
	}
	/* The purpose check folds keyUsage into "invalid purpose"; name it. */
	ku = X509_get_key_usage(cert);
	if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) &&
	    (strcmp(*reason, "pass") == 0 || strcmp(*reason, R_BAD_PURPOSE) == 0))
		*reason = R_BAD_KEY_USAGE;
	ERR_clear_error();
	return 0;
}

/* --- the signature ---------------------------------------------------- */

static int
is_eddsa(const EVP_PKEY *pk)
{
	int id = EVP_PKEY_get_base_id(pk);

	return id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448;
}

/* One-shot verify of sig over msg with pk (EdDSA: no digest). 1 good, 0 bad. */
static int
verify_oneshot(EVP_PKEY *pk, const unsigned char *sig, size_t siglen,
    const unsigned char *msg, size_t msglen)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	int ok = 0;

	if (mctx != NULL && EVP_DigestVerifyInit_ex(mctx, NULL, NULL, NULL, NULL, pk, NULL) == 1)
		ok = EVP_DigestVerify(mctx, sig, siglen, msg, msglen) == 1;
	EVP_MD_CTX_free(mctx);
	ERR_clear_error();
	return ok;
}

/* Verify sig over a precomputed digest (RSA PKCS#1 v1.5, ECDSA). 1 good, 0 bad. */
static int
verify_digest(EVP_PKEY *pk, int dalg, const unsigned char *sig, size_t siglen,
    const unsigned char *md, size_t mdlen)
{
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pk, NULL);
	EVP_MD *evp = EVP_MD_fetch(NULL, digest_name(dalg), NULL);
	int ok = 0;

	if (pctx != NULL && evp != NULL && EVP_PKEY_verify_init(pctx) == 1 &&
	    EVP_PKEY_CTX_set_signature_md(pctx, evp) == 1)
		ok = EVP_PKEY_verify(pctx, sig, siglen, md, mdlen) == 1;
	EVP_MD_free(evp);
	EVP_PKEY_CTX_free(pctx);
	ERR_clear_error();
	return ok;
}

/* A signer judged by the ML-DSA rules: its signature OID or its key says so. */
static int
is_mldsa_signer(X509 *cert, const ASN1_OBJECT *sig_oid)
{
	const unsigned char *pk;
	size_t pklen;
	int level;

	return certinfo_is_mldsa(sig_oid, NULL) || certinfo_is_hash_mldsa(sig_oid, NULL) ||
	    certinfo_mldsa_key(cert, &level, &pk, &pklen) != 0;
}

/* RFC 9882 3.3: the digests at least as strong as the parameter set. */
static int
mldsa_digest_ok(int level, int dalg)
{
	switch (dalg) {
	case DG_SHA512:
	case DG_SHA3_512:
	case DG_SHAKE256:
		return 1;
	case DG_SHA384:
	case DG_SHA3_384:
		return level <= 65;
	case DG_SHA256:
	case DG_SHA3_256:
	case DG_SHAKE128:
		return level == 44;
	}
	return 0;
}

/*
 * An ML-DSA SignerInfo (RFC 9882): pure ML-DSA with the empty context
 * over the DER SET OF the signed attributes, or over the content without
 * them.  The result, *reason; *err for temperror.
 */
static enum smx_result
check_mldsa(CMS_SignerInfo *si, X509 *cert, const struct content *c,
    const ASN1_OBJECT *sig_oid, int ptype, const char **reason, int *err)
{
	const ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	const unsigned char *pk, *msg;
	unsigned char *der = NULL;
	size_t pklen, msglen;
	int slevel = 0, klevel = 0, r;

	if (certinfo_is_hash_mldsa(sig_oid, NULL)) {
		*reason = R_UNSUPPORTED_ALG;
		return SMX_NEUTRAL;
	}
	/* RFC 9882 3.3 and RFC 9881 2: parameters absent, not NULL. */
	if (certinfo_is_mldsa(sig_oid, &slevel) && ptype != V_ASN1_UNDEF) {
		*reason = R_BAD_ALGORITHM_PARAMS;
		return SMX_PERMERROR;
	}
	if ((r = certinfo_mldsa_key(cert, &klevel, &pk, &pklen)) < 0) {
		*reason = R_BAD_ALGORITHM_PARAMS;
		return SMX_PERMERROR;
	}
	/* The key cannot have made a signature of another algorithm or set. */
	if (r == 0 || slevel != klevel) {
		*reason = R_BAD_SIGNATURE;
		return SMX_FAIL;
	}
	if ((r = cms_attrs_algprot_check(si)) != 1) {
		*reason = r == 0 ? R_BAD_SIGNATURE : R_BAD_ATTRIBUTES;
		if (r == SMX_ERR_NOMEM) {
			*err = r;
			return SMX_TEMPERROR;
		}
		return r == 0 ? SMX_FAIL : SMX_PERMERROR;
	}
	if ((r = cms_attrs_der(si, &der, &msglen)) == 0) {
		msg = der;
	} else if (r == SMX_ERR_NOTFOUND && c->data != NULL) {
		msg = c->data;
		msglen = c->len;
	} else if (r == SMX_ERR_NOTFOUND) {
		*reason = R_UNSUPPORTED_ALG;	/* detached content is not kept */
		return SMX_NEUTRAL;
	} else if (r == SMX_ERR_NOMEM) {
		*err = r;
		return SMX_TEMPERROR;
	} else {
		*reason = R_BAD_ATTRIBUTES;
		return SMX_PERMERROR;
	}
	r = mldsa_verify(slevel, pk, pklen, msg, msglen, NULL, 0,
	    ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig));
	free(der);
	if (r < 0) {
		*err = r;
		return SMX_TEMPERROR;
	}
	if (r == 0) {
		*reason = R_BAD_SIGNATURE;
		return SMX_FAIL;
	}
	return SMX_PASS;
}

/*
 * The signature of si by cert.  Returns the signature result and sets
 * *reason for anything but pass; temperror (checking itself failed) with
 * the error code in *err.
 */
static enum smx_result
check_signature(CMS_SignerInfo *si, X509 *cert, const struct content *c,
    int dalg, const unsigned char *md, size_t mdlen, const char **reason, int *err)
{
	X509_ALGOR *sigalg;
	const ASN1_OBJECT *sig_oid;
	const ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	const char *family;
	EVP_PKEY *pk;
	int ptype, ok;

	CMS_SignerInfo_get0_algs(si, NULL, NULL, NULL, &sigalg);
	X509_ALGOR_get0(&sig_oid, &ptype, NULL, sigalg);
	if (is_mldsa_signer(cert, sig_oid))
		return check_mldsa(si, cert, c, sig_oid, ptype, reason, err);
	family = certinfo_sig_alg(sig_oid);
	if ((pk = X509_get0_pubkey(cert)) == NULL || strcmp(family, "unknown") == 0) {
		ERR_clear_error();
		*reason = R_UNSUPPORTED_ALG;
		return SMX_NEUTRAL;
	}
	/* RFC 5758 3.2: ecdsa-with-SHA* parameters MUST be absent. */
	if (strcmp(family, "ecdsa") == 0 && ptype != V_ASN1_UNDEF) {
		*reason = R_BAD_ALGORITHM_PARAMS;
		return SMX_PERMERROR;
	}
	if (is_eddsa(pk)) {
		unsigned char *der = NULL;
		size_t derlen;
		int r;

		/* RFC 8419 3: parameters absent; the key must match the OID. */
		if (ptype != V_ASN1_UNDEF) {
			*reason = R_BAD_ALGORITHM_PARAMS;
			return SMX_PERMERROR;
		}
		if (strcmp(family, EVP_PKEY_get_base_id(pk) == EVP_PKEY_ED25519 ?
		    "ed25519" : "ed448") != 0) {
			*reason = R_BAD_SIGNATURE;
			return SMX_FAIL;
		}
		if ((r = cms_attrs_der(si, &der, &derlen)) == 0) {
			ok = verify_oneshot(pk, ASN1_STRING_get0_data(sig),
			    (size_t)ASN1_STRING_length(sig), der, derlen);
			free(der);
		} else if (r == SMX_ERR_NOTFOUND && c->data != NULL) {
			ok = verify_oneshot(pk, ASN1_STRING_get0_data(sig),
			    (size_t)ASN1_STRING_length(sig), c->data, c->len);
		} else if (r == SMX_ERR_NOTFOUND) {
			/* Pure EdDSA needs the content itself, which a stream does not keep. */
			*reason = R_UNSUPPORTED_ALG;
			return SMX_NEUTRAL;
		} else {
			*reason = R_BAD_ATTRIBUTES;
			return SMX_PERMERROR;
		}
	} else if (CMS_signed_get_attr_count(si) > 0) {
		CMS_SignerInfo_set1_signer_cert(si, cert);
		ok = CMS_SignerInfo_verify(si) == 1;
		ERR_clear_error();
	} else if (strcmp(family, "rsa-pss") == 0) {
		*reason = R_UNSUPPORTED_ALG;
		return SMX_NEUTRAL;
	} else {
		ok = verify_digest(pk, dalg, ASN1_STRING_get0_data(sig),
		    (size_t)ASN1_STRING_length(sig), md, mdlen);
	}
	if (!ok) {
		*reason = R_BAD_SIGNATURE;
		return SMX_FAIL;
	}
	return SMX_PASS;
}

/* --- one signer ------------------------------------------------------- */

static X509 *
find_signer(CMS_SignerInfo *si, STACK_OF(X509) *bag)
{
	for (int i = 0; i < sk_X509_num(bag); i++)
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(bag, i)) == 0)
			return sk_X509_value(bag, i);
	return NULL;
}

static int
describe_signer(struct smx_signer *s, X509 *cert, const char *from)
{
	char **boxes = NULL;
	int n;

	if ((n = certinfo_mailboxes(cert, &boxes)) < 0)
		return n;
	for (int i = 0; i < n && s->identity == NULL; i++)
		if (address_match(boxes[i], from)) {
			s->identity = strdup(boxes[i]);
			s->from_match = 1;
		}
	if (s->identity == NULL && n > 0)
		s->identity = strdup(boxes[0]);
	certinfo_free_list(boxes);
	s->subject = certinfo_name(X509_get_subject_name(cert));
	s->issuer = certinfo_name(X509_get_issuer_name(cert));
	s->serial = certinfo_serial(cert);
	s->key_alg = certinfo_key_alg(cert);
	if ((n > 0 && s->identity == NULL) || s->subject == NULL ||
	    s->issuer == NULL || s->serial == NULL)
		return SMX_ERR_NOMEM;
	if (X509_up_ref(cert) != 1)
		return SMX_ERR_CRYPTO;
	s->cert = cert;
	return 0;
}

/* The digest of the content with algorithm dalg, or a result for the signer. */
static enum smx_result
content_digest(const struct content *c, int dalg, unsigned char *buf,
    const unsigned char **md, size_t *mdlen, const char **reason)
{
	if (dalg < 0) {
		*reason = R_UNSUPPORTED_ALG;
		return SMX_NEUTRAL;
	}
	if (c->detached != NULL) {
		if (digest_set_get(c->detached, dalg, md, mdlen) < 0) {
			*reason = R_MICALG_MISMATCH;
			return SMX_PERMERROR;
		}
		return SMX_PASS;
	}
	if (digest_once(dalg, c->data, c->len, buf, mdlen) < 0) {
		*reason = R_UNSUPPORTED_ALG;	/* e.g. MD5 in a FIPS-only libcrypto */
		return SMX_NEUTRAL;
	}
	*md = buf;
	return SMX_PASS;
}

/*
 * The signed-attribute checks of RFC 5652 5.3 / 11: returns pass, or
 * permerror / fail with *reason.
 */
static enum smx_result
check_attributes(CMS_SignerInfo *si, const struct content *c,
    const unsigned char *md, size_t mdlen, struct smx_signer *s, const char **reason)
{
	const ASN1_OCTET_STRING *mdattr;
	const ASN1_OBJECT *ctattr;
	int st;

	if (CMS_signed_get_attr_count(si) <= 0) {
		/* RFC 5652 5.3: other content types need signed attributes. */
		if (OBJ_obj2nid(c->ctype) != NID_pkcs7_data) {
			*reason = R_BAD_ATTRIBUTES;
			return SMX_PERMERROR;
		}
		return SMX_PASS;
	}
	mdattr = cms_attrs_get1(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING);
	ctattr = cms_attrs_get1(si, NID_pkcs9_contentType, V_ASN1_OBJECT);
	st = cms_attrs_signing_time(si, &s->signing_time);
	ERR_clear_error();
	if (mdattr == NULL || ctattr == NULL || st < 0) {
		*reason = R_BAD_ATTRIBUTES;
		return SMX_PERMERROR;
	}
	s->has_signing_time = st == 1;
	if ((size_t)ASN1_STRING_length(mdattr) != mdlen ||
	    memcmp(ASN1_STRING_get0_data(mdattr), md, mdlen) != 0) {
		*reason = R_DIGEST_MISMATCH;
		return SMX_FAIL;
	}
	if (OBJ_cmp(ctattr, c->ctype) != 0) {
		*reason = R_CONTENT_TYPE_MISMATCH;
		return SMX_FAIL;
	}
	return SMX_PASS;
}

static int
verify_signer(const struct cms_verify_opts *o, CMS_SignerInfo *si,
    STACK_OF(X509) *bag, const struct content *c, const char *from,
    struct smx_signer *s)
{
	X509_ALGOR *digalg, *sigalg;
	const ASN1_OBJECT *dig_oid, *sig_oid;
	const unsigned char *md = NULL;
	unsigned char mdbuf[DG_MAX_LEN];
	size_t mdlen = 0;
	const char *why = NULL, *chain = NULL;
	enum smx_result r;
	X509 *cert;
	int dalg, err, level = 0, has_attrs = CMS_signed_get_attr_count(si) > 0;

	s->result = SMX_PASS;
	s->signature = SMX_PASS;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &digalg, &sigalg);
	X509_ALGOR_get0(&dig_oid, NULL, NULL, digalg);
	X509_ALGOR_get0(&sig_oid, NULL, NULL, sigalg);
	dalg = digest_of_oid(dig_oid);
	s->digest_alg = digest_name(dalg);
	s->sig_alg = certinfo_sig_alg(sig_oid);
	s->key_alg = "unknown";

	if ((cert = find_signer(si, bag)) == NULL) {
		s->signature = SMX_NEUTRAL;
		s->chain = R_NO_SIGNER_CERT;
		judge(s, SMX_NEUTRAL, R_NO_SIGNER_CERT);
		return 0;
	}
	if ((err = describe_signer(s, cert, from)) < 0)
		return err;
	if ((s->enc_cert = cms_attrs_enc_pref(si, bag)) == cert)
		s->enc_cert = NULL;
	if (s->enc_cert != NULL && X509_up_ref(s->enc_cert) != 1) {
		s->enc_cert = NULL;
		return SMX_ERR_CRYPTO;
	}
	if ((err = chain_check(o, cert, bag, &chain, &s->chain_certs)) < 0)
		return err;
	s->chain = chain;
	if (c->detached == NULL && c->data == NULL) {
		/* Opaque without eContent: nothing was signed that we can see. */
		s->signature = SMX_PERMERROR;
		judge(s, SMX_PERMERROR, R_NO_CONTENT);
		return 0;
	}

	/* The signature and the digest: permerror, fail, neutral. */
	if (is_mldsa_signer(cert, sig_oid) && !has_attrs)
		r = SMX_PASS;	/* RFC 9882 3.3: the digestAlgorithm is ignored */
	else
		r = content_digest(c, dalg, mdbuf, &md, &mdlen, &why);
	if (r == SMX_PASS)
		r = check_attributes(si, c, md, mdlen, s, &why);
	if (r == SMX_PASS || r == SMX_FAIL) {
		/* A bad signature is reported before a digest mismatch. */
		const char *sigwhy = NULL;
		enum smx_result sr = check_signature(si, cert, c, dalg, md, mdlen, &sigwhy, &err);

		if (sr == SMX_TEMPERROR)
			return err;
		if (sr != SMX_PASS) {
			r = sr;
			why = sigwhy;
		}
	}
	s->signature = r == SMX_PASS ? SMX_PASS : r;
	if (r != SMX_PASS) {
		judge(s, r, why);
		return 0;
	}

	/* Policy: the signature holds; does the site accept it? */
	if (strcmp(chain, "pass") != 0)
		judge(s, strncmp(chain, R_LIMIT_PREFIX, strlen(R_LIMIT_PREFIX)) == 0 ?
		    SMX_PERMERROR : SMX_POLICY, chain);
	else if ((dalg == DG_SHA1 && !o->allow_sha1) || (dalg == DG_MD5 && !o->allow_md5))
		judge(s, SMX_POLICY, R_WEAK_DIGEST);
	else if (certinfo_is_mldsa(sig_oid, &level) && has_attrs &&
	    !mldsa_digest_ok(level, dalg) && !o->allow_weak_mldsa_digest)
		judge(s, SMX_POLICY, R_WEAK_DIGEST);
	else if (s->has_signing_time && s->signing_time > o->now + o->skew)
		judge(s, SMX_POLICY, R_SIGNING_TIME_FUTURE);
	else if (o->require_from_match && !s->from_match)
		judge(s, SMX_POLICY, R_FROM_MISMATCH);
	return 0;
}

/* --- the layer -------------------------------------------------------- */

/* The layer's own verdict, before any signer is looked at. */
static void
layer_judge(struct smx_layer *l, enum smx_result r, const char *reason)
{
	l->result = r;
	l->reason = reason;
}

static void
chain_index_init(void)
{
	chain_errs_idx = X509_STORE_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

/*
 * The ContentInfo der/len parsed, its certificates in *certs: taken out
 * and parsed once per process when cms_certs_split() can (the common
 * case), else by d2i_CMS with the rest, which is also what decides when
 * the split object does not parse.  NULL when it does not parse; r gets
 * SMX_ERR_NOMEM.
 */
static CMS_ContentInfo *
parse(const struct cms_verify_opts *o, const unsigned char *der, size_t len,
    STACK_OF(X509) **certs, int *r)
{
	unsigned char *split = NULL;
	size_t splitlen = 0;
	const unsigned char *p;
	CMS_ContentInfo *cms = NULL;

	*certs = NULL;
	if (len > LONG_MAX)
		return NULL;
	if ((*r = cms_certs_split(der, len, o->lim->max_certs, &split, &splitlen, certs)) < 0)
		return NULL;
	if (*r == 1) {
		p = split;
		cms = d2i_CMS_ContentInfo(NULL, &p, (long)splitlen);
		free(split);
		if (cms != NULL)
			return cms;
		sk_X509_pop_free(*certs, X509_free);
		*certs = NULL;
	}
	*r = 0;
	p = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)len)) != NULL)
		*certs = CMS_get1_certs(cms);
	return cms;
}

int
cms_verify(const struct cms_verify_opts *o, const unsigned char *der,
    size_t len, const struct digest_set *detached, const char *from,
    struct smx_layer *layer, unsigned char **content, size_t *content_len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	STACK_OF(X509) *certs = NULL;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(CMS_SignerInfo) *sis;
	ASN1_OCTET_STRING **econt;
	struct content c = { detached, NULL, 0, NULL };
	ASN1_OCTET_STRING *os = NULL;
	int nid, n, r = 0;

	pthread_once(&once, chain_index_init);
	*content = NULL;
	*content_len = 0;
	layer->result = SMX_NONE;
	layer->reason = NULL;

	if ((cms = parse(o, der, len, &certs, &r)) == NULL) {
		if (r == 0)
			layer_judge(layer, SMX_PERMERROR, R_MALFORMED_CMS);
		goto out;
	}
	nid = OBJ_obj2nid(CMS_get0_type(cms));
	/* An encrypted object is a layer of its own only where it stands for
	 * content (opaque); as the signature of a multipart/signed it would
	 * hide the signature that is missing. */
	if (detached == NULL && (nid == NID_pkcs7_enveloped ||
	    nid == NID_id_smime_ct_authEnvelopedData || nid == NID_pkcs7_encrypted)) {
		layer->kind = SMX_LAYER_ENCRYPTED;
		layer_judge(layer, SMX_NONE, R_ENCRYPTED);
		goto out;
	}
	if (nid != NID_pkcs7_signed) {
		layer_judge(layer, SMX_PERMERROR, R_NOT_SIGNED_DATA);
		goto out;
	}
	sis = CMS_get0_SignerInfos(cms);
	layer->certs = certs;
	certs = NULL;
	c.ctype = CMS_get0_eContentType(cms);
	if ((n = sk_CMS_SignerInfo_num(sis)) <= 0) {
		layer_judge(layer, SMX_PERMERROR, R_NO_SIGNERS);
		goto out;
	}
	if ((size_t)n > o->lim->max_signers) {
		layer_judge(layer, SMX_PERMERROR, reasons_limit("signers"));
		goto out;
	}
	if (layer->certs != NULL && (size_t)sk_X509_num(layer->certs) > o->lim->max_certs) {
		layer_judge(layer, SMX_PERMERROR, reasons_limit("certs"));
		goto out;
	}
	if (detached == NULL) {
		econt = CMS_get0_content(cms);
		if (econt == NULL || *econt == NULL)
			goto signers;	/* each signer gets no_content */
		os = *econt;
		c.data = ASN1_STRING_get0_data(os);
		c.len = (size_t)ASN1_STRING_length(os);
	}
signers:
	if ((layer->signers = calloc((size_t)n, sizeof(*layer->signers))) == NULL) {
		r = SMX_ERR_NOMEM;
		goto out;
	}
	layer->nsigners = (size_t)n;
	for (int i = 0; i < n; i++) {
		struct smx_signer *s = &layer->signers[i];

		if ((r = verify_signer(o, sk_CMS_SignerInfo_value(sis, i),
		    layer->certs, &c, from, s)) < 0)
			goto out;
		/* The most severe signer sets the layer's result. */
		if (i == 0 || smx_result_worse(s->result, layer->result))
			layer_judge(layer, s->result, s->reason);
	}
	if (os != NULL) {
		/* Taken from the CMS, not copied: a third copy of a large opaque
		 * message (with ours and the caller's DER) is what it would cost.
		 * By the fields (public in asn1.h): ASN1_STRING_set0() would free
		 * the data it replaces. */
		*content = os->data;
		*content_len = c.len;
		os->data = NULL;
		os->length = 0;
		if (*content == NULL && (*content = OPENSSL_zalloc(1)) == NULL)
			r = SMX_ERR_NOMEM;	/* empty, but there: parsed as such */
	}
out:
	if (r < 0) {
		layer->result = SMX_TEMPERROR;
		layer->reason = R_INTERNAL;
	}
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return r;
}
