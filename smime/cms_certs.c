/*
 * NAME
 *	cms_certs - the certificates of a SignedData, parsed once per process
 * SYNOPSIS
 *	#include "smime/cms_certs.h"
 * DESCRIPTION
 *	OpenSSL 3.0 builds a provider decoder chain anew for every public key
 *	it parses (some 100 us; 3.2 and later cache them), and d2i_CMS parses
 *	every certificate of a message: the same few certificates, message
 *	after message.  So before d2i_CMS, cms_certs_split() takes the
 *	certificates field out of the SignedData (the signatures do not cover
 *	it, RFC 5652 5.4) and gives its certificates from a cache keyed by the
 *	SHA-256 of their DER, parsing only the ones it has not seen; d2i_CMS
 *	then parses the rest.
 *
 *	Only the plain case is split: a ContentInfo with the signedData OID
 *	and definite lengths down to the fields of the SignedData, whose
 *	certificates field holds 1 to max_certs plain Certificates (no other
 *	CertificateChoices), each of which parses.  Anything else is left to
 *	d2i_CMS as it is, so that every malformed or unusual object gets
 *	exactly the answer it got before; so are objects over
 *	CMS_CERTS_SPLIT_MAX bytes, where a certificate's parse is nothing next
 *	to the content and a copy of the object would cost memory.
 *
 *	The cached certificates are shared, read-only, between messages and
 *	threads (libcrypto locks the caches it fills in an X509 lazily).
 * OWNERSHIP
 *	*out is the caller's; the stack holds new references.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "smime/certinfo.h"
#include "smime/cms_certs.h"
#include "smime/smx_err.h"

/* --- the cache --------------------------------------------------------- */

static struct {
	unsigned char key[32];
	X509 *x;		/* NULL: free */
	uint64_t used;
} table[CMS_CERTS_CACHE_SIZE];
static uint64_t clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static EVP_MD *sha256;

static void
md_init(void)
{
	sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* The certificate whose DER is p/n, a new reference; NULL when it does not parse. */
static X509 *
cert_of(const unsigned char *p, size_t n)
{
	unsigned char key[32];
	unsigned int kl = 0;
	const unsigned char *q = p;
	X509 *x = NULL;
	size_t slot = 0;

	if (pthread_once(&md_once, md_init) != 0 || sha256 == NULL ||
	    EVP_Digest(p, n, key, &kl, sha256, NULL) != 1 || kl != sizeof(key))
		return NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CMS_CERTS_CACHE_SIZE && x == NULL; i++)
		if (table[i].x != NULL && memcmp(table[i].key, key, sizeof(key)) == 0 &&
		    X509_up_ref(table[i].x)) {
			x = table[i].x;
			table[i].used = ++clock_;
		}
	pthread_mutex_unlock(&lock);
	if (x != NULL)
		return x;
	/* what d2i_CMS does to each element of the field */
	if ((x = d2i_X509(NULL, &q, (long)n)) == NULL || q != p + n) {
		X509_free(x);
		return NULL;
	}
	pthread_mutex_lock(&lock);
	for (size_t i = 1; i < CMS_CERTS_CACHE_SIZE; i++)
		if (table[slot].x != NULL &&
		    (table[i].x == NULL || table[i].used < table[slot].used))
			slot = i;
	if (X509_up_ref(x)) {
		X509_free(table[slot].x);
		memcpy(table[slot].key, key, sizeof(key));
		table[slot].x = x;
		table[slot].used = ++clock_;
	}
	pthread_mutex_unlock(&lock);
	return x;
}

void
cms_certs_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CMS_CERTS_CACHE_SIZE; i++) {
		X509_free(table[i].x);
		table[i].x = NULL;
	}
	pthread_mutex_unlock(&lock);
}

/* --- the split ----------------------------------------------------------- */

struct el {
	const unsigned char *p;	/* the tag */
	size_t hl, cl;		/* header and content lengths */
};

#define CONTENT(e) ((e).p + (e).hl)
#define NEXT(e) ((e).p + (e).hl + (e).cl)

/* The element with this tag at p, definite length, within end. */
static int
el_at(const unsigned char *p, const unsigned char *end, unsigned char tag, struct el *e)
{
	if (p >= end || *p != tag || certinfo_der_header(p, (size_t)(end - p), &e->hl, &e->cl) < 0)
		return 0;
	e->p = p;
	return 1;
}

static size_t
len_size(size_t n)
{
	size_t k = 1;

	for (size_t m = n; n >= 0x80 && m > 0; m >>= 8)
		k++;
	return k;
}

static unsigned char *
put_header(unsigned char *p, unsigned char tag, size_t n)
{
	size_t k = len_size(n) - 1;

	*p++ = tag;
	if (k == 0) {
		*p++ = (unsigned char)n;
		return p;
	}
	*p++ = (unsigned char)(0x80 | k);
	while (k-- > 0)
		*p++ = (unsigned char)(n >> (8 * k));
	return p;
}

int
cms_certs_split(const unsigned char *der, size_t len, size_t max_certs,
    unsigned char **out, size_t *outlen, STACK_OF(X509) **certs)
{
	static const unsigned char signed_data[] = {
		0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02
	};
	struct el ci, oid, ex, sd, ver, dig, enc, field, c;
	STACK_OF(X509) *sk = NULL;
	size_t head, rest, sd_cl, ex_cl, ci_cl;
	unsigned char *w;

	*out = NULL;
	*certs = NULL;
	/* an empty object may come as NULL, 0: no pointer arithmetic on it */
	if (der == NULL || len < 2 || len > CMS_CERTS_SPLIT_MAX ||
	    !el_at(der, der + len, 0x30, &ci) ||
	    !el_at(CONTENT(ci), NEXT(ci), 0x06, &oid) || oid.cl != sizeof(signed_data) ||
	    memcmp(CONTENT(oid), signed_data, sizeof(signed_data)) != 0 ||
	    !el_at(NEXT(oid), NEXT(ci), 0xa0, &ex) || NEXT(ex) != NEXT(ci) ||
	    !el_at(CONTENT(ex), NEXT(ex), 0x30, &sd) || NEXT(sd) != NEXT(ex) ||
	    !el_at(CONTENT(sd), NEXT(sd), 0x02, &ver) || !el_at(NEXT(ver), NEXT(sd), 0x31, &dig) ||
	    !el_at(NEXT(dig), NEXT(sd), 0x30, &enc) || !el_at(NEXT(enc), NEXT(sd), 0xa0, &field))
		return 0;
	if ((sk = sk_X509_new_null()) == NULL)
		return SMX_ERR_NOMEM;
	for (const unsigned char *p = CONTENT(field); p < NEXT(field); p = NEXT(c)) {
		X509 *x;

		if ((size_t)sk_X509_num(sk) >= max_certs || !el_at(p, NEXT(field), 0x30, &c) ||
		    (x = cert_of(c.p, c.hl + c.cl)) == NULL)
			goto no;
		if (!sk_X509_push(sk, x)) {
			X509_free(x);
			sk_X509_pop_free(sk, X509_free);
			return SMX_ERR_NOMEM;
		}
	}
	if (sk_X509_num(sk) == 0)
		goto no;
	/* ContentInfo { oid, [0] { SignedData { version .. encap, rest } } } */
	head = (size_t)(field.p - CONTENT(sd));
	rest = (size_t)(NEXT(sd) - NEXT(field));
	sd_cl = head + rest;
	ex_cl = 1 + len_size(sd_cl) + sd_cl;
	ci_cl = oid.hl + oid.cl + 1 + len_size(ex_cl) + ex_cl;
	*outlen = 1 + len_size(ci_cl) + ci_cl;
	if ((*out = w = malloc(*outlen)) == NULL) {
		sk_X509_pop_free(sk, X509_free);
		return SMX_ERR_NOMEM;
	}
	w = put_header(w, 0x30, ci_cl);
	memcpy(w, oid.p, oid.hl + oid.cl);
	w += oid.hl + oid.cl;
	w = put_header(w, 0xa0, ex_cl);
	w = put_header(w, 0x30, sd_cl);
	memcpy(w, CONTENT(sd), head);
	memcpy(w + head, NEXT(field), rest);
	*certs = sk;
	return 1;
no:
	sk_X509_pop_free(sk, X509_free);
	ERR_clear_error();
	return 0;
}
