/*
 * NAME
 *	cms_attrs - signed attributes of a SignerInfo
 * SYNOPSIS
 *	#include "smime/cms_attrs.h"
 *
 *	int cms_attrs_der(CMS_SignerInfo *si, unsigned char **out, size_t *len);
 *	const void *cms_attrs_get1(CMS_SignerInfo *si, int nid, int asn1_type);
 *	int cms_attrs_signing_time(CMS_SignerInfo *si, time_t *t);
 * DESCRIPTION
 *	libcrypto verifies classical signatures over signed attributes itself,
 *	but OpenSSL 3.0 cannot verify EdDSA (RFC 8419) or ML-DSA (RFC 9882)
 *	SignerInfos, and has no public getter for the encoding they sign.
 *	cms_attrs_der() rebuilds it exactly as libcrypto does for its own
 *	checks: every attribute re-encoded in DER, the encodings sorted
 *	(shorter first on a common prefix, X.690 11.6), wrapped in a SET OF
 *	with the 0x31 tag -- not the [0] IMPLICIT tag (0xA0) seen on the
 *	wire, which is the classic mistake (RFC 5652 5.4).
 * OWNERSHIP
 *	cms_attrs_der() returns a malloc()ed buffer; cms_attrs_get1() returns
 *	a pointer into si, valid while si lives.
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_PARSE, SMX_ERR_NOTFOUND.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

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
