/*
 * NAME
 *	check_pqc - unit tests of ML-DSA certificates, chains and SignerInfos
 * SYNOPSIS
 *	srcdir=TOP ./check_pqc
 * DESCRIPTION
 *	Over the material of tests/data/pqc (srcdir defaults to "."):
 *
 *	- certinfo: raw ML-DSA keys from the SPKI (lengths, NULL parameters
 *	  refused, other algorithms not taken), HashML-DSA OIDs named but not
 *	  taken for ML-DSA;
 *	- pqc_chain_signed_by(): the self-signatures of the RFC 9881 example
 *	  certificates and the RFC 9935 ML-KEM examples under them, the fixture
 *	  PKI, the mixed chains of extra/ both ways (ML-DSA issuer of a
 *	  classical certificate, classical issuer of an ML-DSA one), and the
 *	  failures: a flipped signature bit, the wrong issuer, NULL signature
 *	  parameters over a mathematically valid signature;
 *	- pqc_chain_check(): ML-DSA paths are ours, classical ones are left
 *	  to libcrypto; no anchors, no bag, MaxChainLength; the chain is leaf
 *	  first with the anchor last; pqc_chain_rank();
 *	- our path validation against libcrypto's: every signer of every
 *	  classical message of tests/data/MANIFEST.tsv, judged by
 *	  pqc_chain_verify() and by the scanner (X509_verify_cert), at three
 *	  verification times, three MaxChainLength values, with the test root
 *	  and with no anchor at all, must get the same
 *	  chain token, and the same chain length when it passes;
 *	- the RFC 9882 example SignedData (mldsaNN-signed-attrs.pem) through
 *	  cms_verify() once its certificate is added: pass; without it
 *	  signer_cert_missing; with a flipped signature bit bad_signature, with
 *	  a changed eContent digest_mismatch;
 *	- the scanner on fixture messages: chain_certs filled (leaf, CA, root),
 *	  and allow_weak_mldsa_digest turning policy weak_digest into pass.
 * OWNERSHIP
 *	Everything is freed, so ASan / valgrind (CK_FORK=no) report leaks.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "smime/certinfo.h"
#include "smime/cms_verify.h"
#include "smime/limits.h"
#include "smime/mldsa.h"
#include "smime/pqc_chain.h"
#include "smime/reasons.h"
#include "smime/report.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"

#define PQC_NOW		((time_t)1780272000)	/* 2026-06-01T00:00:00Z */
#define CLASSIC_NOW	((time_t)1796083200)	/* 2026-12-01T00:00:00Z */

static struct smx_limits lim;

static const char *
top(void)
{
	const char *t = getenv("srcdir");

	return t != NULL && *t != '\0' ? t : ".";
}

static void
path_of(char *buf, size_t n, const char *rel)
{
	snprintf(buf, n, "%s/tests/data/%s", top(), rel);
}

static unsigned char *
slurp(const char *rel, size_t *len)
{
	char path[1024];
	FILE *fp;
	unsigned char *p;
	long n;

	path_of(path, sizeof(path), rel);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(fp), 0);
	rewind(fp);
	ck_assert_ptr_nonnull(p = malloc((size_t)n + 1));
	ck_assert_uint_eq(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return p;
}

static X509 *
cert(const char *rel)
{
	char path[1024];
	FILE *fp;
	X509 *x;

	path_of(path, sizeof(path), rel);
	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	x = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_msg(x != NULL, "%s: no certificate", path);
	return x;
}

static X509_STORE *
store(const char *rel)
{
	char path[1024], err[512];
	X509_STORE *st = NULL;

	path_of(path, sizeof(path), rel);
	ck_assert_msg(trust_load(path, &st, NULL, err, sizeof(err)) == 0, "%s", err);
	return st;
}

static STACK_OF(X509) *
bag(const char *a, const char *b)
{
	STACK_OF(X509) *sk = sk_X509_new_null();

	ck_assert_ptr_nonnull(sk);
	if (a != NULL)
		ck_assert_int_gt(sk_X509_push(sk, cert(a)), 0);
	if (b != NULL)
		ck_assert_int_gt(sk_X509_push(sk, cert(b)), 0);
	return sk;
}

/* A copy of x with one bit of its signature value flipped. */
static X509 *
corrupted(X509 *x)
{
	unsigned char *der = NULL;
	const unsigned char *p;
	int n = i2d_X509(x, &der);
	X509 *y;

	ck_assert_int_gt(n, 0);
	der[n - 5] ^= 0x01;
	p = der;
	y = d2i_X509(NULL, &p, n);
	OPENSSL_free(der);
	ck_assert_ptr_nonnull(y);
	return y;
}

/* --- certinfo ----------------------------------------------------------- */

START_TEST(test_certinfo_keys)
{
	static const struct {
		const char *file;
		int r, level;
		size_t pklen;
	} t[] = {
		{ "pqc/certs/ee-mldsa44.pem", 1, 44, 1312 },
		{ "pqc/certs/ee-mldsa65.pem", 1, 65, 1952 },
		{ "pqc/certs/ee-mldsa87.pem", 1, 87, 2592 },
		{ "pqc/certs/root-ca-mldsa87.pem", 1, 87, 2592 },
		{ "pqc/ietf-examples/ML-DSA-65.crt", 1, 65, 1952 },
		{ "pqc/certs/bad-ee-mldsa65-spki-null-params.pem", SMX_ERR_PARSE, 65, 0 },
		{ "pqc/certs/ee-mlkem768.pem", 0, 0, 0 },
		{ "pki/certs/alice-rsa2048.pem", 0, 0, 0 },
		{ "pki/certs/grace-ed25519.pem", 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		X509 *x = cert(t[i].file);
		const unsigned char *pk = NULL;
		size_t pklen = 0;
		int level = 0, r = certinfo_mldsa_key(x, &level, &pk, &pklen);

		ck_assert_msg(r == t[i].r, "%s: %d, want %d", t[i].file, r, t[i].r);
		if (r != 0)
			ck_assert_int_eq(level, t[i].level);
		if (r == 1) {
			ck_assert_uint_eq(pklen, t[i].pklen);
			ck_assert_uint_eq(pklen, mldsa_pk_len(level));
		}
		X509_free(x);
	}
	ERR_clear_error();
}
END_TEST

START_TEST(test_certinfo_oids)
{
	static const struct {
		const char *oid, *name;
		int mldsa, hash, level;
	} t[] = {
		{ "2.16.840.1.101.3.4.3.17", "ml-dsa-44", 1, 0, 44 },
		{ "2.16.840.1.101.3.4.3.19", "ml-dsa-87", 1, 0, 87 },
		{ "2.16.840.1.101.3.4.3.32", "hash-ml-dsa-44", 0, 1, 44 },
		{ "2.16.840.1.101.3.4.3.33", "hash-ml-dsa-65", 0, 1, 65 },
		{ "2.16.840.1.101.3.4.3.34", "hash-ml-dsa-87", 0, 1, 87 },
		{ "2.16.840.1.101.3.4.4.2", "unknown", 0, 0, 0 },
		{ "1.2.840.10045.4.3.2", "ecdsa", 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ASN1_OBJECT *o = OBJ_txt2obj(t[i].oid, 1);
		int level = 0;

		ck_assert_ptr_nonnull(o);
		ck_assert_str_eq(certinfo_sig_alg(o), t[i].name);
		ck_assert_int_eq(certinfo_is_mldsa(o, &level), t[i].mldsa);
		if (t[i].mldsa)
			ck_assert_int_eq(level, t[i].level);
		level = 0;
		ck_assert_int_eq(certinfo_is_hash_mldsa(o, &level), t[i].hash);
		if (t[i].hash)
			ck_assert_int_eq(level, t[i].level);
		ASN1_OBJECT_free(o);
	}
}
END_TEST

/* --- certificate signatures ----------------------------------------------- */

START_TEST(test_signed_by)
{
	static const struct {
		const char *x, *issuer;
		int want;
	} t[] = {
		/* RFC 9881 appendix C self-signed, RFC 9935 under them */
		{ "pqc/ietf-examples/ML-DSA-44.crt", "pqc/ietf-examples/ML-DSA-44.crt", 1 },
		{ "pqc/ietf-examples/ML-DSA-65.crt", "pqc/ietf-examples/ML-DSA-65.crt", 1 },
		{ "pqc/ietf-examples/ML-DSA-87.crt", "pqc/ietf-examples/ML-DSA-87.crt", 1 },
		{ "pqc/ietf-examples/ML-KEM-512.crt", "pqc/ietf-examples/ML-DSA-44.crt", 1 },
		{ "pqc/ietf-examples/ML-KEM-768.crt", "pqc/ietf-examples/ML-DSA-65.crt", 1 },
		{ "pqc/ietf-examples/ML-KEM-1024.crt", "pqc/ietf-examples/ML-DSA-87.crt", 1 },
		{ "pqc/ietf-examples/ML-KEM-512.crt", "pqc/ietf-examples/ML-DSA-65.crt", 0 },
		{ "pqc/ietf-examples/ML-DSA-44.crt", "pqc/ietf-examples/ML-DSA-87.crt", 0 },
		/* the fixture PKI */
		{ "pqc/certs/root-ca-mldsa87.pem", "pqc/certs/root-ca-mldsa87.pem", 1 },
		{ "pqc/certs/ca-mldsa65.pem", "pqc/certs/root-ca-mldsa87.pem", 1 },
		{ "pqc/certs/ee-mldsa44.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/ee-mldsa65.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/ee-mldsa87.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/ee-mlkem768.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/bad-ee-mldsa44-keyencipherment.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/bad-ee-mldsa65-spki-null-params.pem", "pqc/certs/ca-mldsa65.pem", 1 },
		{ "pqc/certs/bad-ee-mldsa65-corrupt-signature.pem", "pqc/certs/ca-mldsa65.pem", 0 },
		{ "pqc/certs/bad-ee-mldsa65-sigalg-null-params.pem", "pqc/certs/ca-mldsa65.pem", 0 },
		{ "pqc/certs/ee-mldsa65.pem", "pqc/certs/root-ca-mldsa87.pem", 0 },
		/* an ML-DSA key with NULL parameters signs nothing */
		{ "pqc/certs/ee-mldsa65.pem", "pqc/certs/bad-ee-mldsa65-spki-null-params.pem", 0 },
		/* mixed chains, both ways */
		{ "pqc/extra/certs/mixed-ca-mldsa65.pem", "pqc/extra/certs/mixed-root-p384.pem", 1 },
		{ "pqc/extra/certs/mixed-ca-mldsa65-corrupt.pem", "pqc/extra/certs/mixed-root-p384.pem", 0 },
		{ "pqc/extra/certs/mixed-ee-mldsa44.pem", "pqc/extra/certs/mixed-ca-mldsa65.pem", 1 },
		{ "pqc/extra/certs/mixed-ca-p384.pem", "pqc/certs/root-ca-mldsa87.pem", 1 },
		{ "pqc/extra/certs/mixed-ee-mldsa65.pem", "pqc/extra/certs/mixed-ca-p384.pem", 1 },
		{ "pqc/extra/certs/mixed-ee-p256.pem", "pqc/extra/certs/mixed-ca-p384.pem", 1 },
		{ "pqc/extra/certs/mixed-ee-p256.pem", "pqc/certs/root-ca-mldsa87.pem", 0 },
		/* classical issuers, as before */
		{ "pki/certs/alice-rsa2048.pem", "pki/certs/rsa-ca.pem", 1 },
		{ "pki/certs/alice-rsa2048-corrupt.pem", "pki/certs/rsa-ca.pem", 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		X509 *x = cert(t[i].x), *is = cert(t[i].issuer), *bad;

		ck_assert_msg(pqc_chain_signed_by(x, is) == t[i].want, "%s by %s: want %d",
		    t[i].x, t[i].issuer, t[i].want);
		if (t[i].want == 1) {
			bad = corrupted(x);
			ck_assert_msg(pqc_chain_signed_by(bad, is) == 0, "%s corrupted", t[i].x);
			X509_free(bad);
		}
		X509_free(x);
		X509_free(is);
	}
	ck_assert_int_eq(ERR_peek_error(), 0);
}
END_TEST

/* --- path validation -------------------------------------------------------- */

START_TEST(test_chain_check)
{
	X509_STORE *st = store("pqc/certs/root-ca-mldsa87.pem");
	X509 *ee = cert("pqc/certs/ee-mldsa65.pem"), *rsa = cert("pki/certs/alice-rsa2048.pem");
	STACK_OF(X509) *b = bag("pqc/certs/ca-mldsa65.pem", NULL), *rb = bag("pki/certs/rsa-ca.pem", NULL);
	STACK_OF(X509) *chain = NULL;
	const char *reason = NULL;

	/* An ML-DSA path is ours: leaf, CA, anchor. */
	ck_assert_int_eq(pqc_chain_check(st, ee, b, PQC_NOW, 10, &reason, &chain), 1);
	ck_assert_str_eq(reason, "pass");
	ck_assert_int_eq(sk_X509_num(chain), 3);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 0), ee), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 1), sk_X509_value(b, 0)), 0);
	ck_assert_int_eq(X509_NAME_cmp(X509_get_subject_name(sk_X509_value(chain, 2)),
	    X509_get_issuer_name(sk_X509_value(b, 0))), 0);
	sk_X509_pop_free(chain, X509_free);
	chain = NULL;

	/* A classical path is left to libcrypto. */
	ck_assert_int_eq(pqc_chain_check(st, rsa, rb, PQC_NOW, 10, &reason, &chain), 0);
	ck_assert_ptr_null(chain);

	/* Limits, no anchors, no bag, times. */
	ck_assert_int_eq(pqc_chain_check(st, ee, b, PQC_NOW, 2, &reason, &chain), 1);
	ck_assert_str_eq(reason, "limit_chain");
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(pqc_chain_check(st, ee, b, PQC_NOW, 3, &reason, &chain), 1);
	ck_assert_str_eq(reason, "pass");
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(pqc_chain_check(NULL, ee, b, PQC_NOW, 10, &reason, &chain), 1);
	ck_assert_str_eq(reason, R_UNTRUSTED);
	ck_assert_int_eq(sk_X509_num(chain), 2);
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(pqc_chain_check(st, ee, NULL, PQC_NOW, 10, &reason, &chain), 1);
	ck_assert_str_eq(reason, R_UNTRUSTED);
	ck_assert_int_eq(sk_X509_num(chain), 1);
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(pqc_chain_check(st, ee, b, (time_t)1843430400 /* 2028-06-01 */,
	    10, &reason, &chain), 1);
	ck_assert_str_eq(reason, R_EXPIRED);
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(pqc_chain_check(st, ee, b, (time_t)1764547200 /* 2025-12-01 */,
	    10, &reason, &chain), 1);
	ck_assert_str_eq(reason, R_NOT_YET_VALID);
	sk_X509_pop_free(chain, X509_free);

	ck_assert_int_eq(pqc_chain_rank("limit_chain"), 0);
	ck_assert_int_lt(pqc_chain_rank(R_UNTRUSTED), pqc_chain_rank(R_BAD_CA));
	ck_assert_int_lt(pqc_chain_rank(R_BAD_PURPOSE), pqc_chain_rank(R_BAD_KEY_USAGE));
	ck_assert_int_eq(pqc_chain_rank("nonsense"), 8);

	sk_X509_pop_free(b, X509_free);
	sk_X509_pop_free(rb, X509_free);
	X509_free(ee);
	X509_free(rsa);
	X509_STORE_free(st);
}
END_TEST

/* One row of tests/data/MANIFEST.tsv: only the file name is needed. */
static char files[256][128];
static int nfiles;

static int
manifest_load(void)
{
	char path[1024], line[4096];
	FILE *fp;

	path_of(path, sizeof(path), "MANIFEST.tsv");
	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL && nfiles < 256) {
		char *tab = strchr(line, '\t');

		if (strncmp(line, "file\t", 5) == 0 || tab == NULL)
			continue;
		*tab = '\0';
		if (strlen(line) >= sizeof(files[0]))
			continue;
		memcpy(files[nfiles++], line, strlen(line) + 1);
	}
	fclose(fp);
	return nfiles > 0 ? 0 : -1;
}

static int
scan_file(const struct cms_verify_opts *o, const char *rel, struct smx_report *rep)
{
	size_t len;
	unsigned char *msg = slurp(rel, &len);
	struct scan *sc;
	int r;

	ck_assert_ptr_nonnull(sc = scan_new(o));
	ck_assert_int_eq(scan_write(sc, msg, len), 0);
	memset(rep, 0, sizeof(*rep));
	r = scan_finish(sc, rep);
	scan_free(sc);
	free(msg);
	return r;
}

/* The chain token as cms_verify() reports it (keyUsage named). */
static const char *
with_ku(const char *reason, X509 *leaf)
{
	uint32_t ku = X509_get_key_usage(leaf);

	if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) &&
	    (strcmp(reason, "pass") == 0 || strcmp(reason, R_BAD_PURPOSE) == 0))
		return R_BAD_KEY_USAGE;
	return reason;
}

START_TEST(test_same_as_libcrypto)
{
	static const time_t times[] = {
		CLASSIC_NOW, (time_t)1590969600 /* 2020-06-01 */, (time_t)2240524800 /* 2040-12-31 */,
	};
	static const size_t maxes[] = { 10, 3, 2 };
	X509_STORE *st = store("trust/root.pem");
	struct cms_verify_opts o;
	struct smx_limits l;
	char rel[256];
	int compared = 0, passed = 0;

	limits_default(&l);
	for (int si = 0; si < 2; si++)
	for (size_t ti = 0; ti < sizeof(times) / sizeof(times[0]); ti++)
	for (size_t mi = 0; mi < sizeof(maxes) / sizeof(maxes[0]); mi++)
	for (int f = 0; f < nfiles; f++) {
		struct smx_report rep;

		memset(&o, 0, sizeof(o));
		l.max_chain = maxes[mi];
		o.trust = si == 0 ? st : NULL;
		o.now = times[ti];
		o.skew = 300;
		o.lim = &l;
		snprintf(rel, sizeof(rel), "msg/%s", files[f]);
		ck_assert_int_eq(scan_file(&o, rel, &rep), 0);
		for (size_t i = 0; i < rep.nlayers; i++)
		for (size_t j = 0; j < rep.layers[i].nsigners; j++) {
			const struct smx_signer *s = &rep.layers[i].signers[j];
			STACK_OF(X509) *chain = NULL;
			const char *reason = NULL;

			if (s->cert == NULL || s->chain == NULL)
				continue;
			ck_assert_int_eq(pqc_chain_verify(o.trust, s->cert, rep.layers[i].certs, o.now,
			    l.max_chain, &reason, &chain), 0);
			reason = with_ku(reason, s->cert);
			ck_assert_msg(strcmp(reason, s->chain) == 0,
			    "%s signer %zu at %lld, MaxChainLength %zu, %s: ours %s, libcrypto %s",
			    files[f], j, (long long)o.now, l.max_chain, si ? "no anchors" : "root.pem",
			    reason, s->chain);
			if (strcmp(reason, "pass") == 0) {
				ck_assert_int_eq(sk_X509_num(chain), sk_X509_num(s->chain_certs));
				passed++;
			}
			compared++;
			sk_X509_pop_free(chain, X509_free);
		}
		smx_report_clear(&rep);
	}
	/* Guards against a loop that silently compares nothing. */
	ck_assert_int_gt(compared, 1000);
	ck_assert_int_gt(passed, 50);
	X509_STORE_free(st);
}
END_TEST

/* --- the RFC 9882 examples through cms_verify() ------------------------------ */

static unsigned char *
example_der(int level, int add_cert, int flip, size_t *len)
{
	char rel[128], path[1024];
	CMS_ContentInfo *cms;
	unsigned char *der = NULL, *out;
	BIO *bio;
	int n;

	snprintf(rel, sizeof(rel), "pqc/ietf-examples/mldsa%d-signed-attrs.pem", level);
	path_of(path, sizeof(path), rel);
	{
		char *pname = NULL, *phdr = NULL;
		unsigned char *pder = NULL;
		const unsigned char *p;
		long plen = 0;

		ck_assert_ptr_nonnull(bio = BIO_new_file(path, "r"));
		ck_assert_int_eq(PEM_read_bio(bio, &pname, &phdr, &pder, &plen), 1);
		BIO_free(bio);
		p = pder;
		ck_assert_ptr_nonnull(cms = d2i_CMS_ContentInfo(NULL, &p, plen));
		OPENSSL_free(pname);
		OPENSSL_free(phdr);
		OPENSSL_free(pder);
	}
	if (add_cert) {
		X509 *x;

		snprintf(rel, sizeof(rel), "pqc/ietf-examples/ML-DSA-%d.crt", level);
		x = cert(rel);
		ck_assert_int_eq(CMS_add1_cert(cms, x), 1);
		X509_free(x);
	}
	ck_assert_int_gt(n = i2d_CMS_ContentInfo(cms, &der), 0);
	CMS_ContentInfo_free(cms);
	ck_assert_ptr_nonnull(out = malloc((size_t)n));
	memcpy(out, der, (size_t)n);
	OPENSSL_free(der);
	if (flip == 1)
		out[n - 40] ^= 0x01;	/* inside the signature value, the last field */
	if (flip == 2) {
		size_t k = 0;

		while (k + 19 <= (size_t)n && memcmp(out + k, "signed-data example", 19) != 0)
			k++;
		ck_assert_uint_le(k + 19, (size_t)n);
		out[k] ^= 0x20;	/* the eContent */
	}
	*len = (size_t)n;
	return out;
}

START_TEST(test_ietf_cms)
{
	static const int levels[] = { 44, 65, 87 };
	static const struct {
		int add_cert, flip;
		enum smx_result result;
		const char *reason;
	} t[] = {
		{ 1, 0, SMX_PASS, NULL },
		{ 0, 0, SMX_NEUTRAL, R_NO_SIGNER_CERT },
		{ 1, 1, SMX_FAIL, R_BAD_SIGNATURE },
		{ 1, 2, SMX_FAIL, R_DIGEST_MISMATCH },
	};

	for (size_t li = 0; li < 3; li++)
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char rel[128], name[16];
		struct cms_verify_opts o;
		struct smx_layer layer;
		unsigned char *der, *content = NULL;
		size_t len, clen = 0;
		X509_STORE *st;

		snprintf(rel, sizeof(rel), "pqc/ietf-examples/ML-DSA-%d.crt", levels[li]);
		st = store(rel);
		memset(&o, 0, sizeof(o));
		o.trust = st;
		o.now = PQC_NOW;
		o.skew = 300;
		o.lim = &lim;
		der = example_der(levels[li], t[i].add_cert, t[i].flip, &len);
		memset(&layer, 0, sizeof(layer));
		layer.kind = SMX_LAYER_OPAQUE;
		ck_assert_int_eq(cms_verify(&o, der, len, NULL, NULL, &layer, &content, &clen), 0);
		ck_assert_uint_eq(layer.nsigners, 1);
		ck_assert_msg(layer.result == t[i].result, "ML-DSA-%d case %zu: %s %s", levels[li], i,
		    smx_result_name(layer.result), layer.reason ? layer.reason : "-");
		if (t[i].reason == NULL)
			ck_assert_ptr_null(layer.reason);
		else
			ck_assert_str_eq(layer.reason, t[i].reason);
		snprintf(name, sizeof(name), "ml-dsa-%d", levels[li]);
		ck_assert_str_eq(layer.signers[0].sig_alg, name);
		if (t[i].add_cert) {
			ck_assert_str_eq(layer.signers[0].key_alg, name);
			ck_assert_str_eq(layer.signers[0].chain, "pass");
		}
		OPENSSL_free(content);
		free(der);
		/* smx_report_clear() owns the layer array: hand the layer over. */
		{
			struct smx_report r;

			memset(&r, 0, sizeof(r));
			ck_assert_ptr_nonnull(r.layers = malloc(sizeof(layer)));
			r.layers[0] = layer;
			r.nlayers = 1;
			smx_report_clear(&r);
		}
		X509_STORE_free(st);
	}
}
END_TEST

/* --- the scanner on fixture messages ---------------------------------------- */

START_TEST(test_scan_fixtures)
{
	X509_STORE *st = store("pqc/certs/root-ca-mldsa87.pem");
	struct cms_verify_opts o;
	struct smx_report rep;
	const struct smx_signer *s;

	memset(&o, 0, sizeof(o));
	o.trust = st;
	o.now = PQC_NOW;
	o.skew = 300;
	o.lim = &lim;

	ck_assert_int_eq(scan_file(&o, "pqc/messages/signed-mldsa65-detached.eml", &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	s = &rep.layers[0].signers[0];
	ck_assert_int_eq(sk_X509_num(s->chain_certs), 3);
	ck_assert_int_eq(X509_cmp(sk_X509_value(s->chain_certs, 0), s->cert), 0);
	ck_assert_str_eq(s->key_alg, "ml-dsa-65");
	ck_assert_str_eq(s->sig_alg, "ml-dsa-65");
	ck_assert_str_eq(s->digest_alg, "sha-512");
	smx_report_clear(&rep);

	/* RFC 9882 3.3 is a policy, and the knob lets it pass. */
	ck_assert_int_eq(scan_file(&o,
	    "pqc/extra/messages/policy-sha256-with-mldsa87-micalg-sha256-detached.eml", &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(rep.reason, R_WEAK_DIGEST);
	ck_assert_int_eq(rep.layers[0].signers[0].signature, SMX_PASS);
	smx_report_clear(&rep);
	o.allow_weak_mldsa_digest = 1;
	ck_assert_int_eq(scan_file(&o,
	    "pqc/extra/messages/policy-sha256-with-mldsa87-micalg-sha256-detached.eml", &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
	/* ... and leaves AllowSHA1's business alone. */
	o.allow_weak_mldsa_digest = 0;
	o.allow_sha1 = 1;
	ck_assert_int_eq(scan_file(&o,
	    "pqc/extra/messages/policy-sha256-with-mldsa87-micalg-sha256-detached.eml", &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	smx_report_clear(&rep);
	X509_STORE_free(st);
}
END_TEST

static Suite *
pqc_suite(void)
{
	Suite *s = suite_create("pqc");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_certinfo_keys);
	tcase_add_test(tc, test_certinfo_oids);
	tcase_add_test(tc, test_signed_by);
	tcase_add_test(tc, test_chain_check);
	tcase_add_test(tc, test_same_as_libcrypto);
	tcase_add_test(tc, test_ietf_cms);
	tcase_add_test(tc, test_scan_fixtures);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	limits_default(&lim);
	if (manifest_load() < 0)
		return 1;
	sr = srunner_create(pqc_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
