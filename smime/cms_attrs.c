/*
 * NAME
 *	cms_attrs - signed attributes of a SignerInfo
 * SYNOPSIS
 *	#include "smime/certinfo.h"
#include "smime/cms_attrs.h"
 *
 *	int cms_attrs_der(CMS_SignerInfo *si, unsigned char **out, size_t *len);
 *	const void *cms_attrs_get1(CMS_SignerInfo *si, int nid, int asn1_type);
 *	int cms_attrs_signing_time(CMS_SignerInfo *si, time_t *t);
 *	int cms_attrs_algprot_check(CMS_SignerInfo *si);
 *	X509 *cms_attrs_enc_pref(CMS_SignerInfo *si, STACK_OF(X509) *bag);
 * DESCRIPTION
 *	libcrypto verifies classical signatures over signed attributes itself,
 *	but OpenSSL 3.0 cannot verify EdDSA (RFC 8419) or ML-DSA (RFC 9882)
 *	SignerInfos, and has no public getter for the encoding they sign.
 *	cms_attrs_der() rebuilds it exactly as libcrypto does for its own
 *	checks: every attribute re-encoded in DER, the encodings sorted
 *	(shorter first on a common prefix, X.690 11.6), wrapped in a SET OF
 *	with the 0x31 tag -- not the [0] IMPLICIT tag (0xA0) seen on the
 *	wire, which is the classic mistake (RFC 5652 5.4).
 *
 *	cms_attrs_algprot_check() compares the CMSAlgorithmProtection
 *	attribute (RFC 6211), which OpenSSL 3.0 neither writes nor reads,
 *	with the algorithms of the SignerInfo, so that a signature cannot be
 *	replayed under another algorithm.  The attribute has no NID in 3.0:
 *	it is found by OID and taken apart by hand.
 *
 *	cms_attrs_enc_pref() finds the certificate an
 *	SMIMEEncryptionKeyPreference attribute (RFC 8551 2.5.3) names among
 *	the certificates of the SignedData, for the BR linter: the sender's
 *	encryption certificate is linted too.  All three CHOICEs (IMPLICIT
 *	tags, as the S/MIME module has them) are understood; a malformed or
 *	repeated attribute names nothing (it is not ours to judge).
 * OWNERSHIP
 *	cms_attrs_der() returns a malloc()ed buffer; cms_attrs_get1() returns
 *	a pointer into si, valid while si lives; cms_attrs_enc_pref() one of
 *	bag's certificates (no reference taken).
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_PARSE, SMX_ERR_NOTFOUND.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "smime/certinfo.h"
#include "smime/cms_attrs.h"
#include "smime/smx_err.h"

struct enc {
	unsigned char *p;
	size_t n;
};

static int
enc_cmp(const void *a, const void *b)
{
	const struct enc *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->p, y->p, n);

	if (c != 0)
		return c;
	return (x->n > y->n) - (x->n < y->n);
}

/* DER length octets of n into buf (at most 9 bytes); returns their count. */
static size_t
der_len(unsigned char *buf, size_t n)
{
	size_t k = 0;

	if (n < 0x80) {
		buf[0] = (unsigned char)n;
		return 1;
	}
	for (size_t v = n; v > 0; v >>= 8)
		k++;
	buf[0] = (unsigned char)(0x80 | k);
	for (size_t i = 0; i < k; i++)
		buf[1 + i] = (unsigned char)(n >> (8 * (k - 1 - i)));
	return 1 + k;
}

int
cms_attrs_der(CMS_SignerInfo *si, unsigned char **out, size_t *len)
{
	int count = CMS_signed_get_attr_count(si), r = 0;
	struct enc *encs = NULL;
	size_t total = 0, pos, hl;
	unsigned char hdr[10], *buf = NULL;

	if (count <= 0)
		return SMX_ERR_NOTFOUND;
	if ((encs = calloc((size_t)count, sizeof(*encs))) == NULL)
		return SMX_ERR_NOMEM;
	for (int i = 0; i < count; i++) {
		unsigned char *p = NULL;
		int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &p);

		if (n <= 0) {
			r = SMX_ERR_PARSE;
			goto out;
		}
		encs[i].p = p;
		encs[i].n = (size_t)n;
		total += (size_t)n;
	}
	qsort(encs, (size_t)count, sizeof(*encs), enc_cmp);
	hdr[0] = 0x31;
	hl = 1 + der_len(hdr + 1, total);
	if ((buf = malloc(hl + total)) == NULL) {
		r = SMX_ERR_NOMEM;
		goto out;
	}
	memcpy(buf, hdr, hl);
	pos = hl;
	for (int i = 0; i < count; i++) {
		memcpy(buf + pos, encs[i].p, encs[i].n);
		pos += encs[i].n;
	}
	*out = buf;
	*len = pos;
out:
	for (int i = 0; i < count; i++)
		OPENSSL_free(encs[i].p);
	free(encs);
	return r;
}

int
cms_attrs_has(CMS_SignerInfo *si, int nid)
{
	return CMS_signed_get_attr_by_NID(si, nid, -1) >= 0;
}

const void *
cms_attrs_get1(CMS_SignerInfo *si, int nid, int asn1_type)
{
	int idx = CMS_signed_get_attr_by_NID(si, nid, -1);
	X509_ATTRIBUTE *a;

	if (idx < 0 || CMS_signed_get_attr_by_NID(si, nid, idx) >= 0)
		return NULL;	/* absent, or the type appears twice */
	a = CMS_signed_get_attr(si, idx);
	if (X509_ATTRIBUTE_count(a) != 1)
		return NULL;
	return X509_ATTRIBUTE_get0_data(a, 0, asn1_type, NULL);
}

int
cms_attrs_signing_time(CMS_SignerInfo *si, time_t *t)
{
	int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *a;
	ASN1_TYPE *v;
	struct tm tm;

	if (idx < 0)
		return 0;
	if (CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, idx) >= 0)
		return SMX_ERR_PARSE;
	a = CMS_signed_get_attr(si, idx);
	if (X509_ATTRIBUTE_count(a) != 1 || (v = X509_ATTRIBUTE_get0_type(a, 0)) == NULL)
		return SMX_ERR_PARSE;
	if (v->type != V_ASN1_UTCTIME && v->type != V_ASN1_GENERALIZEDTIME)
		return SMX_ERR_PARSE;
	if (!ASN1_TIME_check(v->value.asn1_string) ||
	    !ASN1_TIME_to_tm(v->value.asn1_string, &tm))
		return SMX_ERR_PARSE;
	*t = timegm(&tm);
	return 1;
}

#define OID_CMS_ALG_PROTECTION "1.2.840.113549.1.9.52"

/* An AlgorithmIdentifier whose outer tag is replaced by SEQUENCE. */
static X509_ALGOR *
algor_retagged(const unsigned char *p, size_t n)
{
	unsigned char *copy;
	const unsigned char *q;
	X509_ALGOR *a;

	if (n > 65536 || (copy = malloc(n)) == NULL)
		return NULL;
	memcpy(copy, p, n);
	copy[0] = 0x30;
	q = copy;
	a = d2i_X509_ALGOR(NULL, &q, (long)n);
	if (a != NULL && q != copy + n) {
		X509_ALGOR_free(a);
		a = NULL;
	}
	free(copy);
	return a;
}

int
cms_attrs_algprot_check(CMS_SignerInfo *si)
{
	ASN1_OBJECT *oid = OBJ_txt2obj(OID_CMS_ALG_PROTECTION, 1);
	X509_ALGOR *dig = NULL, *sig = NULL, *si_dig, *si_sig;
	const ASN1_OBJECT *d1, *d2;
	const unsigned char *p;
	size_t n, hl, cl, pos;
	ASN1_TYPE *v;
	int idx, r = SMX_ERR_PARSE;

	if (oid == NULL)
		return SMX_ERR_NOMEM;
	idx = CMS_signed_get_attr_by_OBJ(si, oid, -1);
	if (idx < 0) {
		r = 1;
		goto out;
	}
	if (CMS_signed_get_attr_by_OBJ(si, oid, idx) >= 0 ||
	    X509_ATTRIBUTE_count(CMS_signed_get_attr(si, idx)) != 1 ||
	    (v = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0)) == NULL ||
	    v->type != V_ASN1_SEQUENCE)
		goto out;
	/* SEQUENCE { digestAlgorithm, [1] signatureAlgorithm | [2] macAlgorithm } */
	p = ASN1_STRING_get0_data(v->value.sequence);
	n = (size_t)ASN1_STRING_length(v->value.sequence);
	if (certinfo_der_header(p, n, &hl, &cl) < 0 || p[0] != 0x30 || hl + cl != n)
		goto out;
	pos = hl;
	if (certinfo_der_header(p + pos, n - pos, &hl, &cl) < 0 || p[pos] != 0x30 ||
	    (dig = algor_retagged(p + pos, hl + cl)) == NULL)
		goto out;
	pos += hl + cl;
	if (certinfo_der_header(p + pos, n - pos, &hl, &cl) < 0 || pos + hl + cl != n)
		goto out;
	if (p[pos] != 0xa1) {
		r = p[pos] == 0xa2 ? 0 : SMX_ERR_PARSE;
		goto out;
	}
	if ((sig = algor_retagged(p + pos, hl + cl)) == NULL)
		goto out;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &si_dig, &si_sig);
	X509_ALGOR_get0(&d1, NULL, NULL, dig);
	X509_ALGOR_get0(&d2, NULL, NULL, si_dig);
	r = OBJ_cmp(d1, d2) == 0 && X509_ALGOR_cmp(sig, si_sig) == 0;
out:
	X509_ALGOR_free(dig);
	X509_ALGOR_free(sig);
	ASN1_OBJECT_free(oid);
	return r;
}

/* The content octets of the DER TLV at *p (n bytes) with tag tag, or NULL. */
static const unsigned char *
tlv_take(const unsigned char **p, size_t *n, unsigned char tag, size_t *cl)
{
	const unsigned char *c;
	size_t hl;

	if (*n < 2 || (*p)[0] != tag || certinfo_der_header(*p, *n, &hl, cl) < 0)
		return NULL;
	c = *p + hl;
	*p += hl + *cl;
	*n -= hl + *cl;
	return c;
}

/* x is the certificate named by an IssuerAndSerialNumber's contents. */
static int
names_by_issuer_serial(X509 *x, const unsigned char *p, size_t n)
{
	const unsigned char *q = p, *name = p;
	size_t cl;
	X509_NAME *nm = NULL;
	ASN1_INTEGER *sn = NULL;
	int r = 0;

	if (tlv_take(&p, &n, 0x30, &cl) == NULL ||
	    (nm = d2i_X509_NAME(NULL, &q, (long)(p - name))) == NULL || q != p)
		goto out;
	if ((sn = d2i_ASN1_INTEGER(NULL, &q, (long)n)) == NULL || q != p + n)
		goto out;
	r = X509_NAME_cmp(nm, X509_get_issuer_name(x)) == 0 &&
	    ASN1_INTEGER_cmp(sn, X509_get0_serialNumber(x)) == 0;
out:
	X509_NAME_free(nm);
	ASN1_INTEGER_free(sn);
	return r;
}

static int
names_by_ski(X509 *x, const unsigned char *p, size_t n)
{
	const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(x);

	return ski != NULL && (size_t)ASN1_STRING_length(ski) == n &&
	    memcmp(ASN1_STRING_get0_data(ski), p, n) == 0;
}

X509 *
cms_attrs_enc_pref(CMS_SignerInfo *si, STACK_OF(X509) *bag)
{
	int idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_encrypKeyPref, -1);
	const unsigned char *p, *c;
	size_t n, cl, m0;
	ASN1_TYPE *v;

	if (idx < 0 || CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_encrypKeyPref, idx) >= 0 ||
	    X509_ATTRIBUTE_count(CMS_signed_get_attr(si, idx)) != 1 ||
	    (v = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0)) == NULL ||
	    (v->type != V_ASN1_OTHER && v->type != V_ASN1_SEQUENCE))
		return NULL;	/* parsed: OTHER (a context tag); built here: SEQUENCE */
	p = ASN1_STRING_get0_data(v->value.asn1_string);
	n = (size_t)ASN1_STRING_length(v->value.asn1_string);
	if (n < 2 || certinfo_der_header(p, n, &m0, &cl) < 0 || m0 + cl != n)
		return NULL;
	for (int i = 0; i < sk_X509_num(bag); i++) {
		X509 *x = sk_X509_value(bag, i);
		const unsigned char *q = p;
		size_t m = n;

		switch (p[0]) {
		case 0xa0:	/* issuerAndSerialNumber [0] IMPLICIT */
			if ((c = tlv_take(&q, &m, 0xa0, &cl)) != NULL && m == 0 &&
			    names_by_issuer_serial(x, c, cl))
				return x;
			break;
		case 0xa1:	/* receipentKeyId [1] IMPLICIT: SEQUENCE { OCTET STRING, ... } */
			if ((c = tlv_take(&q, &m, 0xa1, &cl)) != NULL && m == 0) {
				const unsigned char *in = c;

				if ((c = tlv_take(&in, &cl, 0x04, &m)) != NULL && names_by_ski(x, c, m))
					return x;
			}
			break;
		case 0x82:	/* subjectAltKeyIdentifier [2] IMPLICIT OCTET STRING */
			if ((c = tlv_take(&q, &m, 0x82, &cl)) != NULL && m == 0 &&
			    names_by_ski(x, c, cl))
				return x;
			break;
		}
	}
	return NULL;
}
