/*
 * NAME
 *	pqc_chain - path validation for chains with ML-DSA certificates
 * SYNOPSIS
 *	#include "smime/pqc_chain.h"
 *
 *	int pqc_chain_check(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
 *	    time_t now, size_t max_chain, const char **reason,
 *	    STACK_OF(X509) **chain);
 *	int pqc_chain_verify(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
 *	    time_t now, size_t max_chain, const char **reason,
 *	    STACK_OF(X509) **chain);
 *	int pqc_chain_signed_by(X509 *x, X509 *issuer);
 *	int pqc_chain_rank(const char *reason);
 * DESCRIPTION
 *	OpenSSL before 3.5 cannot decode an ML-DSA public key, so
 *	X509_verify_cert() can neither check a signature made by an ML-DSA CA
 *	nor see that an ML-DSA root is self-signed.  For paths that hold an
 *	ML-DSA certificate this module does the work itself, mirroring what
 *	libcrypto does for the classical ones (x509_vfy.c, RFC 5280 6.1), so
 *	that both paths give the same tokens for the same faults.
 *
 *	Building.  From the leaf, each issuer is looked up by name (its
 *	subject equals the certificate's issuer, X509_NAME_cmp) and key
 *	identifier (the AKI keyIdentifier equals its SKI, an AKI serial its
 *	serial, where both sides carry them): first among the trust anchors,
 *	then in the certificate bag, never a certificate already on the path;
 *	among several candidates one valid at the verification time wins.  The
 *	path ends at a self-issued certificate, which must be a trust anchor
 *	itself (matched exactly, not by name); a path that ends anywhere else
 *	is untrusted (no partial chains, as libcrypto's default).  More than
 *	max_chain certificates (anchor included) is limit_chain, and so is an
 *	untrusted path of max_chain (libcrypto's count: an anchor would come
 *	on top).
 *
 *	Checking, every certificate, every problem noted, the most
 *	fundamental reported (pqc_chain_rank): validity at now, compared as
 *	libcrypto does (X509_cmp_time); no unhandled critical extension and no
 *	broken extension (chain_invalid); every issuer a CA (basicConstraints
 *	cA, X509_check_ca), with keyCertSign when it has keyUsage, within the
 *	pathLen of the CAs above it (bad_ca); the name constraints of the CAs;
 *	the S/MIME signing purpose on every certificate (X509_check_purpose:
 *	emailProtection or no EKU, on the leaf keyUsage digitalSignature or
 *	nonRepudiation; bad_purpose, which the caller narrows to
 *	bad_key_usage); every signature on the path with its issuer's key
 *	(chain_invalid).  The anchor's own signature is not checked, as
 *	libcrypto does not by default.
 *
 *	pqc_chain_check() does this only for a path with an ML-DSA key on
 *	it (classical paths stay libcrypto's); pqc_chain_verify() for any
 *	path, which lets the tests compare the two on classical chains.
 *
 *	pqc_chain_signed_by() checks one certificate signature: ML-DSA
 *	issuers with mldsa_verify() over the original tbsCertificate bytes and
 *	the empty context (RFC 9881 3), after checking that both signature
 *	AlgorithmIdentifiers are the same OID of the key's parameter set with
 *	parameters absent; classical issuers (also of ML-DSA subjects) with
 *	X509_verify().
 * OWNERSHIP
 *	*chain is new and owns a reference to each certificate; the store and
 *	the bag are only read (the store under its lock).
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_CRYPTO.
 */
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "smime/certinfo.h"
#include "smime/mldsa.h"
#include "smime/pqc_chain.h"
#include "smime/reasons.h"
#include "smime/smx_err.h"

#define R_LIMIT_CHAIN "limit_chain"

/* Chain reasons from the most to the least fundamental. */
static const char *const chain_rank[] = {
	R_LIMIT_CHAIN, R_UNTRUSTED, R_BAD_CA, R_CHAIN_INVALID, R_EXPIRED,
	R_NOT_YET_VALID, R_BAD_PURPOSE, R_BAD_KEY_USAGE,
};
#define NRANK (sizeof(chain_rank) / sizeof(chain_rank[0]))

int
pqc_chain_rank(const char *reason)
{
	for (size_t i = 0; i < NRANK; i++)
		if (strcmp(reason, chain_rank[i]) == 0)
			return (int)i;
	return (int)NRANK;
}

static void
note(const char **worst, const char *r)
{
	if (*worst == NULL || pqc_chain_rank(r) < pqc_chain_rank(*worst))
		*worst = r;
}

/* --- one signature ---------------------------------------------------- */

/*
 * The tbsCertificate bytes as they came (libcrypto keeps the original
 * encoding of the TBS and i2d_X509 reuses it; i2d_re_X509_tbs would
 * re-encode).  *der is to be OPENSSL_free()d; *tbs points into it.
 */
static int
tbs_of(X509 *x, unsigned char **der, const unsigned char **tbs, size_t *tbslen)
{
	int n = i2d_X509(x, der);
	size_t hl, cl, thl, tcl;

	if (n <= 0)
		return SMX_ERR_NOMEM;
	if (certinfo_der_header(*der, (size_t)n, &hl, &cl) < 0 ||
	    certinfo_der_header(*der + hl, cl, &thl, &tcl) < 0)
		return SMX_ERR_CRYPTO;	/* cannot be: libcrypto wrote it */
	*tbs = *der + hl;
	*tbslen = thl + tcl;
	return 0;
}

int
pqc_chain_signed_by(X509 *x, X509 *issuer)
{
	const ASN1_BIT_STRING *sig;
	const X509_ALGOR *alg, *tbsalg;
	const ASN1_OBJECT *oid;
	const unsigned char *pk, *tbs;
	unsigned char *der = NULL;
	size_t pklen, tbslen;
	EVP_PKEY *key;
	int level, slevel, ptype, r;

	if ((r = certinfo_mldsa_key(issuer, &level, &pk, &pklen)) == 0) {
		/* A classical issuer: libcrypto needs only the issuer's key. */
		if ((key = X509_get0_pubkey(issuer)) == NULL)
			r = 0;
		else
			r = X509_verify(x, key) == 1;
		ERR_clear_error();
		return r;
	}
	if (r < 0)
		return 0;	/* an ML-DSA key with parameters is no key */
	X509_get0_signature(&sig, &alg, x);
	tbsalg = X509_get0_tbs_sigalg(x);
	X509_ALGOR_get0(&oid, &ptype, NULL, alg);
	/* RFC 9881 3: the OID of the issuer's parameter set, no parameters, the
	 * same AlgorithmIdentifier inside and outside the TBS. */
	if (!certinfo_is_mldsa(oid, &slevel) || slevel != level ||
	    ptype != V_ASN1_UNDEF || X509_ALGOR_cmp(alg, tbsalg) != 0)
		return 0;
	if ((sig->flags & ASN1_STRING_FLAG_BITS_LEFT) && (sig->flags & 0x07) != 0)
		return 0;
	if ((r = tbs_of(x, &der, &tbs, &tbslen)) == 0)
		r = mldsa_verify(level, pk, pklen, tbs, tbslen, NULL, 0,
		    ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig));
	OPENSSL_free(der);
	ERR_clear_error();
	return r;
}

/* --- building --------------------------------------------------------- */

static int
valid_at(X509 *x, time_t now)
{
	return X509_cmp_time(X509_get0_notBefore(x), &now) < 0 &&
	    X509_cmp_time(X509_get0_notAfter(x), &now) > 0;
}

static int
on_path(X509 *x, STACK_OF(X509) *path)
{
	for (int i = 0; i < sk_X509_num(path); i++)
		if (X509_cmp(x, sk_X509_value(path, i)) == 0)
			return 1;
	return 0;
}

/* Keep the better of *best and ca as x's issuer: valid now beats not. */
static void
consider(X509 *x, X509 *ca, STACK_OF(X509) *path, time_t now, X509 **best, int *best_valid)
{
	int v;

	if (*best_valid || !certinfo_names_issuer(x, ca) || on_path(ca, path))
		return;
	v = valid_at(ca, now);
	if (*best == NULL || v) {
		*best = ca;
		*best_valid = v;
	}
}

/* x's issuer among the anchors, else in the bag; NULL when none. */
static X509 *
find_issuer(X509_STORE *trust, X509 *x, STACK_OF(X509) *bag, STACK_OF(X509) *path, time_t now)
{
	X509 *best = NULL;
	int best_valid = 0;

	if (trust != NULL) {
		STACK_OF(X509_OBJECT) *objs;

		X509_STORE_lock(trust);
		objs = X509_STORE_get0_objects(trust);
		for (int i = 0; i < sk_X509_OBJECT_num(objs); i++) {
			X509 *a = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));

			if (a != NULL)
				consider(x, a, path, now, &best, &best_valid);
		}
		X509_STORE_unlock(trust);
		if (best != NULL)
			return best;
	}
	for (int i = 0; i < sk_X509_num(bag); i++)
		consider(x, sk_X509_value(bag, i), path, now, &best, &best_valid);
	return best;
}

static int
is_anchor(X509_STORE *trust, X509 *x)
{
	STACK_OF(X509_OBJECT) *objs;
	int found = 0;

	if (trust == NULL)
		return 0;
	X509_STORE_lock(trust);
	objs = X509_STORE_get0_objects(trust);
	for (int i = 0; i < sk_X509_OBJECT_num(objs) && !found; i++) {
		X509 *a = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));

		found = a != NULL && X509_cmp(a, x) == 0;
	}
	X509_STORE_unlock(trust);
	return found;
}

static int
push_ref(STACK_OF(X509) *path, X509 *x)
{
	if (X509_up_ref(x) != 1)
		return SMX_ERR_CRYPTO;
	if (!sk_X509_push(path, x)) {
		X509_free(x);
		return SMX_ERR_NOMEM;
	}
	return 0;
}

/*
 * An untrusted path: libcrypto counts it too long already when it has
 * max_chain certificates, as an anchor would make it longer still.
 */
static void
untrusted(STACK_OF(X509) *path, size_t max_chain, const char **worst)
{
	note(worst, R_UNTRUSTED);
	if ((size_t)sk_X509_num(path) >= max_chain)
		note(worst, R_LIMIT_CHAIN);
}

/* The path of leaf into path; untrusted or limit_chain noted in *worst. */
static int
build(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, time_t now,
    size_t max_chain, STACK_OF(X509) *path, const char **worst)
{
	X509 *cur = leaf, *up;
	int r;

	if ((r = push_ref(path, leaf)) < 0)
		return r;
	for (;;) {
		if (X509_get_extension_flags(cur) & EXFLAG_SI) {
			if (!is_anchor(trust, cur))
				untrusted(path, max_chain, worst);
			return 0;
		}
		if ((up = find_issuer(trust, cur, bag, path, now)) == NULL) {
			untrusted(path, max_chain, worst);
			return 0;
		}
		if ((size_t)sk_X509_num(path) >= max_chain) {
			note(worst, R_LIMIT_CHAIN);
			return 0;
		}
		if ((r = push_ref(path, up)) < 0)
			return r;
		cur = up;
	}
}

/* --- checking ---------------------------------------------------------- */

static void
check_time(X509 *x, time_t now, const char **worst)
{
	int nb = X509_cmp_time(X509_get0_notBefore(x), &now);
	int na = X509_cmp_time(X509_get0_notAfter(x), &now);

	if (nb == 0 || na == 0)
		note(worst, R_CHAIN_INVALID);	/* a malformed time field */
	if (nb > 0)
		note(worst, R_NOT_YET_VALID);
	if (na < 0)
		note(worst, R_EXPIRED);
}

/* The name constraints of the CA at index i over the certificates below it. */
static void
check_names(STACK_OF(X509) *path, int i, const char **worst)
{
	NAME_CONSTRAINTS *nc;
	int crit;

	nc = X509_get_ext_d2i(sk_X509_value(path, i), NID_name_constraints, &crit, NULL);
	if (nc == NULL)
		return;
	for (int j = 0; j < i; j++) {
		X509 *x = sk_X509_value(path, j);

		/* Self-issued intermediates are exempt (RFC 5280 4.2.1.10). */
		if (j > 0 && (X509_get_extension_flags(x) & EXFLAG_SI))
			continue;
		if (NAME_CONSTRAINTS_check(x, nc) != X509_V_OK)
			note(worst, R_CHAIN_INVALID);
	}
	NAME_CONSTRAINTS_free(nc);
}

static int
check_path(STACK_OF(X509) *path, time_t now, const char **worst)
{
	int n = sk_X509_num(path), plen = 0, r;

	for (int i = 0; i < n; i++) {
		X509 *x = sk_X509_value(path, i);
		uint32_t fl = X509_get_extension_flags(x);
		long pathlen = X509_get_pathlen(x);
		int ca = X509_check_ca(x);

		check_time(x, now, worst);
		if (fl & (EXFLAG_CRITICAL | EXFLAG_INVALID))
			note(worst, R_CHAIN_INVALID);
		if (i > 0) {
			/* An issuer: a CA (strictly so below the top), allowed to
			 * sign certificates, within its pathLen. */
			if (ca == 0 || (i + 1 < n && ca != 1))
				note(worst, R_BAD_CA);
			if ((fl & EXFLAG_KUSAGE) && !(X509_get_key_usage(x) & KU_KEY_CERT_SIGN))
				note(worst, R_BAD_CA);
			if (i > 1 && pathlen >= 0 && plen > pathlen)
				note(worst, R_BAD_CA);
			if (!(fl & EXFLAG_SI))
				plen++;
			check_names(path, i, worst);
		}
		if (X509_check_purpose(x, X509_PURPOSE_SMIME_SIGN, i > 0) == 0)
			note(worst, R_BAD_PURPOSE);
		if (i + 1 < n) {
			if ((r = pqc_chain_signed_by(x, sk_X509_value(path, i + 1))) < 0)
				return r;
			if (r == 0)
				note(worst, R_CHAIN_INVALID);
		}
	}
	ERR_clear_error();
	return 0;
}

static int
has_mldsa(STACK_OF(X509) *path)
{
	const unsigned char *pk;
	size_t pklen;
	int level;

	for (int i = 0; i < sk_X509_num(path); i++)
		if (certinfo_mldsa_key(sk_X509_value(path, i), &level, &pk, &pklen) != 0)
			return 1;
	return 0;
}

/* Build and check; with only_mldsa, stop (0) when no certificate is ML-DSA. */
static int
validate(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, time_t now,
    size_t max_chain, int only_mldsa, const char **reason, STACK_OF(X509) **chain)
{
	STACK_OF(X509) *path;
	const char *worst = NULL;
	int r;

	if ((path = sk_X509_new_null()) == NULL)
		return SMX_ERR_NOMEM;
	if ((r = build(trust, leaf, bag, now, max_chain, path, &worst)) < 0)
		goto out;
	if (only_mldsa && !has_mldsa(path)) {
		r = 0;
		goto out;
	}
	if ((r = check_path(path, now, &worst)) < 0)
		goto out;
	*reason = worst != NULL ? worst : "pass";
	*chain = path;
	path = NULL;
	r = 1;
out:
	sk_X509_pop_free(path, X509_free);
	ERR_clear_error();
	return r;
}

int
pqc_chain_check(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
    time_t now, size_t max_chain, const char **reason, STACK_OF(X509) **chain)
{
	return validate(trust, leaf, bag, now, max_chain, 1, reason, chain);
}

int
pqc_chain_verify(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag,
    time_t now, size_t max_chain, const char **reason, STACK_OF(X509) **chain)
{
	int r = validate(trust, leaf, bag, now, max_chain, 0, reason, chain);

	return r < 0 ? r : 0;
}
