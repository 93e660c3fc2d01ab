/*
 * NAME
 *	br_util - shared certificate accessors for the BR rule files
 * DESCRIPTION
 *	Kept apart so that each rule file holds only rules.  Extension
 *	counts walk the raw extension list (X509_get_ext_d2i() refuses a
 *	duplicated extension, which is itself a finding).
 * OWNERSHIP
 *	The DER buffers returned are malloc()ed for the caller.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "policy/br_util.h"
#include "smime/certinfo.h"
#include "smime/smx_err.h"

static int
count_obj(X509 *x, const ASN1_OBJECT *obj, int *crit)
{
	int n = 0;

	if (crit != NULL)
		*crit = 0;
	for (int i = 0; i < X509_get_ext_count(x); i++) {
		X509_EXTENSION *e = X509_get_ext(x, i);

		if (OBJ_cmp(X509_EXTENSION_get_object(e), obj) != 0)
			continue;
		if (n++ == 0 && crit != NULL)
			*crit = X509_EXTENSION_get_critical(e);
	}
	return n;
}

int
br_ext_count(X509 *x, int nid, int *crit)
{
	const ASN1_OBJECT *obj = OBJ_nid2obj(nid);

	return obj != NULL ? count_obj(x, obj, crit) : 0;
}

int
br_ext_count_oid(X509 *x, const char *oid, int *crit)
{
	ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
	int n;

	if (obj == NULL) {
		if (crit != NULL)
			*crit = 0;
		return 0;
	}
	n = count_obj(x, obj, crit);
	ASN1_OBJECT_free(obj);
	return n;
}

int
br_ymd(const ASN1_TIME *t)
{
	struct tm tm;

	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int
br_der_equals(const unsigned char *der, size_t len, const char *hex)
{
	static const char digits[] = "0123456789abcdef";

	/* called for every table entry of every certificate: no strtoul() */
	for (size_t i = 0; i < len; i++, hex += 2)
		if (hex[0] != digits[der[i] >> 4] || hex[1] != digits[der[i] & 15])
			return 0;	/* also at hex's end: '\0' is no digit */
	return *hex == '\0';
}

static int
algor_der(const X509_ALGOR *a, unsigned char **der, size_t *len)
{
	int n;

	*der = NULL;
	if ((n = i2d_X509_ALGOR(a, der)) <= 0)
		return SMX_ERR_CRYPTO;
	*len = (size_t)n;
	return 0;
}

int
br_spki_alg_der(X509 *x, unsigned char **der, size_t *len)
{
	X509_ALGOR *a = NULL;
	X509_PUBKEY *pk = X509_get_X509_PUBKEY(x);

	if (pk == NULL || X509_PUBKEY_get0_param(NULL, NULL, NULL, &a, pk) != 1 || a == NULL)
		return SMX_ERR_CRYPTO;
	return algor_der(a, der, len);
}

int
br_sig_alg_der(X509 *x, unsigned char **der, size_t *len)
{
	const X509_ALGOR *a = NULL;

	X509_get0_signature(NULL, &a, x);
	if (a == NULL)
		return SMX_ERR_CRYPTO;
	return algor_der(a, der, len);
}

int
br_detail(char *detail, size_t dlen, const char *fmt, ...)
{
	va_list ap;

	if (detail != NULL && dlen > 0) {
		va_start(ap, fmt);
		vsnprintf(detail, dlen, fmt, ap);
		va_end(ap);
	}
	return 1;
}

int
br_self_issued(X509 *x)
{
	return certinfo_names_issuer(x, x);
}

int
br_one_element(const ASN1_OCTET_STRING *os)
{
	const unsigned char *p = ASN1_STRING_get0_data(os);
	size_t n = (size_t)ASN1_STRING_length(os), hl = 2, len;

	if (n < 2 || (p[0] & 0x1f) == 0x1f)
		return 0;
	if ((len = p[1]) & 0x80) {
		size_t k = len & 0x7f;

		if (k == 0 || k > 4 || n < 2 + k)
			return 0;
		for (len = 0, hl = 2 + k; k > 0; k--)
			len = len << 8 | p[hl - k];
	}
	return hl + len == n;
}

void *
br_ext_value(X509_EXTENSION *e)
{
	const X509V3_EXT_METHOD *m = X509V3_EXT_get(e);
	const ASN1_OCTET_STRING *os = X509_EXTENSION_get_data(e);
	const unsigned char *p = ASN1_STRING_get0_data(os), *end;
	ASN1_VALUE *v;

	if (m == NULL || m->it == NULL)
		return NULL;
	end = p + ASN1_STRING_length(os);
	if ((v = ASN1_item_d2i(NULL, &p, end - p, ASN1_ITEM_ptr(m->it))) != NULL && p != end) {
		ASN1_item_free(v, ASN1_ITEM_ptr(m->it));
		v = NULL;
	}
	return v;
}

struct br_memo_slot *
br_memo_get(const struct br_cert *c, int key)
{
	struct br_memo *m = c->memo;

	for (int k = 0; m != NULL && k < m->n; k++)
		if (m->slot[k].key == key)
			return &m->slot[k];
	return NULL;
}

struct br_memo_slot *
br_memo_put(const struct br_cert *c, int key, void *val, const ASN1_ITEM *it,
    void (*release)(void *))
{
	struct br_memo *m = c->memo;
	struct br_memo_slot *s;

	if (m == NULL || m->n == BR_MEMO_MAX) {
		if (m != NULL)
			m->failed = 1;
		if (it != NULL)
			ASN1_item_free(val, it);
		else if (release != NULL)
			release(val);
		return NULL;
	}
	s = &m->slot[m->n++];
	s->key = key;
	s->val = val;
	s->it = it;
	s->release = release;
	return s;
}

void *
br_ext_decoded(const struct br_cert *c, int nid)
{
	const X509V3_EXT_METHOD *meth = X509V3_EXT_get_nid(nid);
	struct br_memo_slot *s = br_memo_get(c, nid);
	int i;

	if (s != NULL)
		return s->val;
	if (meth == NULL || meth->it == NULL)
		return NULL;
	i = X509_get_ext_by_NID(c->x, nid, -1);
	s = br_memo_put(c, nid, i < 0 ? NULL : br_ext_value(X509_get_ext(c->x, i)),
	    ASN1_ITEM_ptr(meth->it), NULL);
	return s != NULL ? s->val : NULL;
}

void *
br_ext_d2i(const struct br_cert *c, int nid)
{
	const X509V3_EXT_METHOD *meth = X509V3_EXT_get_nid(nid);
	struct br_memo_slot *s = br_memo_get(c, BR_MEMO_D2I(nid));

	if (s != NULL)
		return s->val;
	if (meth == NULL || meth->it == NULL)
		return NULL;
	s = br_memo_put(c, BR_MEMO_D2I(nid), X509_get_ext_d2i(c->x, nid, NULL, NULL),
	    ASN1_ITEM_ptr(meth->it), NULL);
	ERR_clear_error();
	return s != NULL ? s->val : NULL;
}

void
br_memo_clear(struct br_memo *m)
{
	for (int k = 0; k < m->n; k++) {
		if (m->slot[k].it != NULL)
			ASN1_item_free(m->slot[k].val, m->slot[k].it);
		else if (m->slot[k].release != NULL)
			m->slot[k].release(m->slot[k].val);
	}
	m->n = 0;
}
