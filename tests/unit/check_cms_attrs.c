/*
 * NAME
 *	check_cms_attrs - SMIMEEncryptionKeyPreference and DER headers
 * SYNOPSIS
 *	srcdir=TOP ./check_cms_attrs
 * DESCRIPTION
 *	cms_attrs_enc_pref() takes apart an attribute libcrypto 3.0 has no
 *	parser for, from bytes a sender chose.  Each of its three CHOICEs is
 *	written here into a SignerInfo (alice signs, the attribute names
 *	keyenc-rsa2048), the CMS encoded and parsed again (so the value comes
 *	back as libcrypto's ANY of a context tag), and must name keyenc among
 *	a bag that holds other certificates too; a wrong serial, a truncated
 *	value, trailing bytes and a repeated attribute name nothing.
 *	certinfo_der_header() is checked on short and long forms and on
 *	lengths that run past the buffer.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "smime/certinfo.h"
#include "smime/cms_attrs.h"

static X509 *alice, *keyenc, *ca;
static EVP_PKEY *alice_key;

static FILE *
open_data(const char *rel)
{
	char path[1024];
	const char *top = getenv("srcdir");
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/pki/%s", top && *top ? top : ".", rel);
	ck_assert_msg((fp = fopen(path, "r")) != NULL, "cannot open %s", path);
	return fp;
}

static X509 *
read_cert(const char *name)
{
	char rel[256];
	FILE *fp;
	X509 *x;

	snprintf(rel, sizeof(rel), "certs/%s.pem", name);
	fp = open_data(rel);
	x = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(x);
	return x;
}

static void
setup(void)
{
	FILE *fp;

	alice = read_cert("alice-rsa2048");
	keyenc = read_cert("keyenc-rsa2048");
	ca = read_cert("rsa-ca");
	fp = open_data("keys/alice-rsa2048.key");
	alice_key = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(alice_key);
}

static void
teardown(void)
{
	X509_free(alice);
	X509_free(keyenc);
	X509_free(ca);
	EVP_PKEY_free(alice_key);
}

/* Append tag, short-or-long length and n bytes to buf at *off. */
static void
put_tlv(unsigned char *buf, size_t *off, unsigned char tag, const unsigned char *p, size_t n)
{
	buf[(*off)++] = tag;
	if (n < 0x80) {
		buf[(*off)++] = (unsigned char)n;
	} else {
		buf[(*off)++] = 0x82;
		buf[(*off)++] = (unsigned char)(n >> 8);
		buf[(*off)++] = (unsigned char)n;
	}
	memcpy(buf + *off, p, n);
	*off += n;
}

/*
 * A SignerInfo by alice with the attribute value val/len (count times),
 * through a DER round trip; the SignerInfo stays valid while *cms lives.
 */
static CMS_SignerInfo *
signed_with(const unsigned char *val, size_t len, int count, CMS_ContentInfo **cms)
{
	BIO *data = BIO_new_mem_buf("hello\r\n", 7), *mem = BIO_new(BIO_s_mem());
	unsigned int flags = CMS_PARTIAL | CMS_BINARY | CMS_DETACHED | CMS_NOCERTS;
	CMS_ContentInfo *c = CMS_sign(alice, alice_key, NULL, data, flags);
	CMS_SignerInfo *si;

	ck_assert_ptr_nonnull(c);
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(c), 0);
	ck_assert_ptr_nonnull(si);
	/* SEQUENCE: written as is.  OpenSSL 3 refuses a second attribute of
	 * one type, so a repeat is a second value in the attribute's SET. */
	ck_assert_int_eq(CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_encrypKeyPref,
	    V_ASN1_SEQUENCE, val, (int)len), 1);
	for (int i = 1; i < count; i++) {
		int idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_encrypKeyPref, -1);

		ck_assert_int_eq(X509_ATTRIBUTE_set1_data(CMS_signed_get_attr(si, idx),
		    V_ASN1_SEQUENCE, val, (int)len), 1);
	}
	ck_assert_int_eq(CMS_final(c, data, NULL, flags), 1);
	ck_assert_int_eq(i2d_CMS_bio(mem, c), 1);
	CMS_ContentInfo_free(c);
	ck_assert_ptr_nonnull(*cms = d2i_CMS_bio(mem, NULL));
	BIO_free(data);
	BIO_free(mem);
	return sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(*cms), 0);
}

static STACK_OF(X509) *
the_bag(void)
{
	STACK_OF(X509) *bag = sk_X509_new_null();

	sk_X509_push(bag, alice);
	sk_X509_push(bag, ca);
	sk_X509_push(bag, keyenc);
	return bag;
}

/* What the attribute value val/len names in the bag (NULL: nothing). */
static X509 *
named(const unsigned char *val, size_t len, int count)
{
	CMS_ContentInfo *cms = NULL;
	CMS_SignerInfo *si = signed_with(val, len, count, &cms);
	STACK_OF(X509) *bag = the_bag();
	X509 *x = cms_attrs_enc_pref(si, bag);

	sk_X509_free(bag);
	CMS_ContentInfo_free(cms);
	return x;
}

/* [0] IMPLICIT IssuerAndSerialNumber of x, serial plus delta. */
static size_t
by_issuer_serial(X509 *x, long delta, unsigned char *out)
{
	unsigned char body[1024], *p = NULL;
	size_t off = 0, n = 0;
	ASN1_INTEGER *sn = ASN1_INTEGER_dup(X509_get0_serialNumber(x));
	BIGNUM *bn = ASN1_INTEGER_to_BN(sn, NULL);
	int l;

	BN_add_word(bn, (BN_ULONG)delta);
	BN_to_ASN1_INTEGER(bn, sn);
	l = i2d_X509_NAME(X509_get_issuer_name(x), &p);
	memcpy(body, p, (size_t)l);
	OPENSSL_free(p);
	n = (size_t)l;
	p = NULL;
	l = i2d_ASN1_INTEGER(sn, &p);
	memcpy(body + n, p, (size_t)l);
	OPENSSL_free(p);
	n += (size_t)l;
	put_tlv(out, &off, 0xa0, body, n);
	ASN1_INTEGER_free(sn);
	BN_free(bn);
	return off;
}

START_TEST(issuer_and_serial)
{
	unsigned char v[1100];
	size_t n = by_issuer_serial(keyenc, 0, v);

	ck_assert_ptr_eq(named(v, n, 1), keyenc);
	n = by_issuer_serial(keyenc, 1, v);	/* no such certificate */
	ck_assert_ptr_null(named(v, n, 1));
}
END_TEST

START_TEST(key_identifiers)
{
	const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(keyenc);
	unsigned char v[128], inner[96];
	size_t n = 0, m = 0;

	ck_assert_ptr_nonnull(ski);
	/* [1] IMPLICIT RecipientKeyIdentifier { subjectKeyIdentifier } */
	put_tlv(inner, &m, 0x04, ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski));
	put_tlv(v, &n, 0xa1, inner, m);
	ck_assert_ptr_eq(named(v, n, 1), keyenc);
	/* [2] IMPLICIT SubjectKeyIdentifier */
	n = 0;
	put_tlv(v, &n, 0x82, ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski));
	ck_assert_ptr_eq(named(v, n, 1), keyenc);
	v[n - 1] ^= 1;				/* another key */
	ck_assert_ptr_null(named(v, n, 1));
}
END_TEST

/*
 * A value that is not DER cannot reach us: d2i_CMS refuses the whole
 * message first (and OpenSSL 3 will not even build one).  What can reach
 * us is well-formed DER that names nothing, or names twice.
 */
START_TEST(malformed_names_nothing)
{
	static const unsigned char null_inside[] = { 0xa0, 0x02, 0x05, 0x00 };
	static const unsigned char int_inside[] = { 0xa1, 0x03, 0x02, 0x01, 0x07 };
	static const unsigned char empty_ski[] = { 0x82, 0x00 };
	unsigned char v[1100];
	size_t n = by_issuer_serial(keyenc, 0, v);

	ck_assert_ptr_eq(named(v, n, 1), keyenc);
	ck_assert_ptr_null(named(v, n, 2));	/* two values: not ours to pick one */
	v[0] = 0xa3;				/* no such CHOICE */
	ck_assert_ptr_null(named(v, n, 1));
	ck_assert_ptr_null(named(null_inside, sizeof(null_inside), 1));
	ck_assert_ptr_null(named(int_inside, sizeof(int_inside), 1));
	ck_assert_ptr_null(named(empty_ski, sizeof(empty_ski), 1));
}
END_TEST

START_TEST(der_header)
{
	static const unsigned char shortf[] = { 0x30, 0x03, 1, 2, 3 };
	static const unsigned char longf[] = { 0x04, 0x81, 0x02, 9, 9 };
	static const unsigned char past[] = { 0x04, 0x82, 0x01, 0x00, 9 };
	static const unsigned char toolong[] = { 0x04, 0x85, 1, 0, 0, 0, 0 };
	static const unsigned char indef[] = { 0x30, 0x80, 0, 0 };
	size_t hl, cl;

	ck_assert_int_eq(certinfo_der_header(shortf, sizeof(shortf), &hl, &cl), 0);
	ck_assert_uint_eq(hl, 2);
	ck_assert_uint_eq(cl, 3);
	ck_assert_int_eq(certinfo_der_header(longf, sizeof(longf), &hl, &cl), 0);
	ck_assert_uint_eq(hl, 3);
	ck_assert_uint_eq(cl, 2);
	ck_assert_int_eq(certinfo_der_header(past, sizeof(past), &hl, &cl), -1);
	ck_assert_int_eq(certinfo_der_header(toolong, sizeof(toolong), &hl, &cl), -1);
	ck_assert_int_eq(certinfo_der_header(indef, sizeof(indef), &hl, &cl), -1);
	ck_assert_int_eq(certinfo_der_header(shortf, 1, &hl, &cl), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cms_attrs");
	TCase *tc = tcase_create("enc_pref");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, issuer_and_serial);
	tcase_add_test(tc, key_identifiers);
	tcase_add_test(tc, malformed_names_nothing);
	tcase_add_test(tc, der_header);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
