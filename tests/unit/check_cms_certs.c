/*
 * NAME
 *	check_cms_certs - unit tests of smime/cms_certs (the certificates
 *	field taken out of a SignedData and parsed once per process)
 * SYNOPSIS
 *	srcdir=TOP ./check_cms_certs
 * DESCRIPTION
 *	A SignedData made here with libcrypto (alice-rsa2048 signing, rsa-ca
 *	and root-ca in the certificates field): the split gives the same
 *	certificates in the same order as d2i_CMS + CMS_get1_certs, and DER
 *	that d2i_CMS parses into an object with no certificates and the same
 *	SignerInfos, whose signature still verifies with the signer's
 *	certificate; a second split gives the same X509 objects (the cache).
 *	Not split, so that d2i_CMS decides as before: more certificates than
 *	the limit, none, an indefinite length, an OID other than signedData, a
 *	certificate that does not parse, a CertificateChoices other than a
 *	Certificate, an object over CMS_CERTS_SPLIT_MAX, and every prefix of
 *	the object.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "smime/cms_certs.h"

static unsigned char *der;
static size_t len;

static const char *
path_of(const char *dir, const char *name, const char *ext)
{
	static char buf[1024];
	const char *top = getenv("srcdir");

	snprintf(buf, sizeof(buf), "%s/tests/data/pki/%s/%s.%s",
	    top != NULL && *top != '\0' ? top : ".", dir, name, ext);
	return buf;
}

static X509 *
cert(const char *name)
{
	FILE *fp = fopen(path_of("certs", name, "pem"), "r");
	X509 *x;

	ck_assert_ptr_nonnull(fp);
	x = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(x);
	return x;
}

/* A detached SignedData by alice with extra in the certificates field. */
static unsigned char *
signed_data(unsigned int flags, size_t *n)
{
	FILE *fp = fopen(path_of("keys", "alice-rsa2048", "key"), "r");
	X509 *alice = cert("alice-rsa2048");
	STACK_OF(X509) *extra = sk_X509_new_null();
	BIO *in = BIO_new_mem_buf("Content-Type: text/plain\r\n\r\nhello\r\n", -1);
	EVP_PKEY *key;
	CMS_ContentInfo *cms;
	unsigned char *out = NULL;
	int k;

	ck_assert_ptr_nonnull(fp);
	key = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(key);
	sk_X509_push(extra, cert("rsa-ca"));
	sk_X509_push(extra, cert("root-ca"));
	cms = CMS_sign(alice, key, extra, in, CMS_DETACHED | CMS_BINARY | flags);
	ck_assert_ptr_nonnull(cms);
	ck_assert_int_gt(k = i2d_CMS_ContentInfo(cms, &out), 0);
	*n = (size_t)k;
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	EVP_PKEY_free(key);
	X509_free(alice);
	sk_X509_pop_free(extra, X509_free);
	return out;
}

static void
setup(void)
{
	der = signed_data(0, &len);
}

static void
teardown(void)
{
	OPENSSL_free(der);
	cms_certs_clear();
}

/* Not split: 0, nothing given. */
static void
not_split(const unsigned char *p, size_t n, size_t max, const char *why)
{
	unsigned char *out = (unsigned char *)1;
	size_t outlen = 0;
	STACK_OF(X509) *certs = (STACK_OF(X509) *)1;

	ck_assert_msg(cms_certs_split(p, n, max, &out, &outlen, &certs) == 0, "%s", why);
	ck_assert_ptr_null(out);
	ck_assert_ptr_null(certs);
}

START_TEST(split_matches_d2i_cms)
{
	const unsigned char *p = der;
	CMS_ContentInfo *whole = d2i_CMS_ContentInfo(NULL, &p, (long)len), *rest;
	STACK_OF(X509) *want = CMS_get1_certs(whole), *got = NULL, *again = NULL, *none;
	unsigned char *out = NULL, *out2 = NULL;
	size_t outlen = 0, outlen2 = 0;
	CMS_SignerInfo *si;

	ck_assert_int_eq(sk_X509_num(want), 3);
	ck_assert_int_eq(cms_certs_split(der, len, 10, &out, &outlen, &got), 1);
	ck_assert_int_eq(sk_X509_num(got), 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(X509_cmp(sk_X509_value(got, i), sk_X509_value(want, i)), 0);
	p = out;
	ck_assert_ptr_nonnull(rest = d2i_CMS_ContentInfo(NULL, &p, (long)outlen));
	ck_assert_ptr_eq(p, out + outlen);
	none = CMS_get1_certs(rest);
	ck_assert(none == NULL || sk_X509_num(none) == 0);
	sk_X509_pop_free(none, X509_free);
	ck_assert_int_eq(sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(rest)), 1);
	/* the signature over the signed attributes does not cover the field */
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(rest), 0);
	ck_assert_int_eq(CMS_SignerInfo_cert_cmp(si, sk_X509_value(got, 0)), 0);
	CMS_SignerInfo_set1_signer_cert(si, sk_X509_value(got, 0));
	ck_assert_int_eq(CMS_SignerInfo_verify(si), 1);
	/* the second time from the cache: the same objects */
	ck_assert_int_eq(cms_certs_split(der, len, 10, &out2, &outlen2, &again), 1);
	ck_assert_uint_eq(outlen2, outlen);
	ck_assert_int_eq(memcmp(out2, out, outlen), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_ptr_eq(sk_X509_value(again, i), sk_X509_value(got, i));
	free(out);
	free(out2);
	sk_X509_pop_free(got, X509_free);
	sk_X509_pop_free(again, X509_free);
	sk_X509_pop_free(want, X509_free);
	CMS_ContentInfo_free(whole);
	CMS_ContentInfo_free(rest);
}
END_TEST

/* The offset of the first byte of the certificates field's first certificate. */
static size_t
first_cert(void)
{
	/* the field is the first [0] constructed after the encapContentInfo */
	for (size_t i = 20; i + 4 < len; i++)
		if (der[i] == 0xa0 && der[i + 1] == 0x82 && der[i + 4] == 0x30)
			return i + 4;
	ck_abort_msg("no certificates field");
	return 0;
}

START_TEST(left_to_d2i_cms)
{
	unsigned char *copy = malloc(len), *nocerts;
	size_t n, at = first_cert();

	ck_assert_ptr_nonnull(copy);
	not_split(der, len, 2, "three certificates, limit two");
	nocerts = signed_data(CMS_NOCERTS, &n);
	/* CMS_NOCERTS leaves the signer out; the extra ones stay: a field of two */
	{
		unsigned char *out = NULL;
		size_t outlen;
		STACK_OF(X509) *certs = NULL;

		ck_assert_int_eq(cms_certs_split(nocerts, n, 10, &out, &outlen, &certs), 1);
		ck_assert_int_eq(sk_X509_num(certs), 2);
		free(out);
		sk_X509_pop_free(certs, X509_free);
	}
	OPENSSL_free(nocerts);
	/* an indefinite outer length */
	memcpy(copy, der, len);
	copy[1] = 0x80;
	not_split(copy, len, 10, "indefinite length");
	/* enveloped-data's OID (1.2.840.113549.1.7.3) */
	memcpy(copy, der, len);
	ck_assert_int_eq(copy[4 + 1 + 1 + 8], 0x02);
	copy[4 + 1 + 1 + 8] = 0x03;
	not_split(copy, len, 10, "not signedData");
	/* the first certificate's tbsCertificate tag broken */
	memcpy(copy, der, len);
	ck_assert_int_eq(copy[at + 4], 0x30);
	copy[at + 4] = 0x31;
	not_split(copy, len, 10, "a certificate that does not parse");
	/* an attribute certificate's choice ([2]) instead of a Certificate */
	memcpy(copy, der, len);
	copy[at] = 0xa2;
	not_split(copy, len, 10, "another CertificateChoices");
	/* every prefix, and nothing at all */
	for (size_t k = 0; k < len; k++)
		not_split(der, k, 10, "a prefix");
	not_split(NULL, 0, 10, "no object");
	free(copy);
}
END_TEST

START_TEST(large_objects_left_alone)
{
	unsigned char *big = calloc(1, CMS_CERTS_SPLIT_MAX + 1);

	ck_assert_ptr_nonnull(big);
	memcpy(big, der, len);
	not_split(big, CMS_CERTS_SPLIT_MAX + 1, 10, "over CMS_CERTS_SPLIT_MAX");
	free(big);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cms_certs");
	TCase *tc = tcase_create("split");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, split_matches_d2i_cms);
	tcase_add_test(tc, left_to_d2i_cms);
	tcase_add_test(tc, large_objects_left_alone);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
