/*
 * NAME
 *	chain_cache - chains that verified, kept for the next message
 * SYNOPSIS
 *	#include "smime/chain_cache.h"
 * DESCRIPTION
 *	Building and checking a signer's chain (X509_verify_cert, or
 *	pqc_chain.c) is the same work for every message of that signer: two
 *	or three signature verifications, a seventh of the milter's CPU per
 *	message and a third of smimecheck's on many small messages.  Only its
 *	time checks depend on the moment.  So a chain that passed is kept,
 *	and given again when the same inputs come back while every
 *	certificate on it is still valid.
 *
 *	The same inputs: the SHA-256 of the DER of the leaf and of every
 *	certificate the message offered (in order; SHA-256, not the SHA-1
 *	fingerprint libcrypto keeps, so that a chosen-prefix collision cannot
 *	borrow another certificate's verdict), the depth limit, and the very
 *	trust store: an entry holds a reference to it, so its address cannot
 *	be reused for another store while the entry lives.  A reload makes a
 *	new store, and the next entry kept frees the entries of the others.
 *
 *	Still valid: notBefore <= now < notAfter for every certificate of the
 *	chain, the anchor included, which is the test libcrypto's check_time()
 *	makes; nothing else X509_verify_cert() checks here depends on the
 *	time (no CRLs, no OCSP).  Only chains that passed are kept: a failure
 *	is verified again each time, so that its reason is always the one the
 *	verifier gives.  Where several chains would verify (a cross-signed
 *	intermediate), the one kept is the one given while it stays valid,
 *	though the verifier might prefer another at another time: both pass,
 *	and the linter judges the one given.
 * OWNERSHIP
 *	Entries own references to their certificates and store.  A chain
 *	given out is a new stack with new references.
 * CONCURRENCY
 *	One mutex around the table; the certificates themselves are shared
 *	read-only (libcrypto locks its lazily filled caches in them).
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "smime/chain_cache.h"

struct entry {
	unsigned char key[32];
	X509_STORE *trust;		/* NULL: a free slot */
	STACK_OF(X509) *chain;
	uint64_t used;
};

static struct entry table[CHAIN_CACHE_SIZE];
static uint64_t clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int
add_cert(EVP_MD_CTX *md, X509 *x)
{
	unsigned char *der = NULL;
	int n = i2d_X509(x, &der), ok;
	unsigned char len[4];

	if (n <= 0)
		return 0;
	len[0] = (unsigned char)(n >> 24);
	len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8);
	len[3] = (unsigned char)n;
	ok = EVP_DigestUpdate(md, len, 4) && EVP_DigestUpdate(md, der, (size_t)n);
	OPENSSL_free(der);
	return ok;
}

/* The key of these inputs into key[32]; 0 on error. */
static int
key_of(X509 *leaf, STACK_OF(X509) *bag, size_t max_chain, unsigned char key[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char depth[8];
	unsigned int kl = 0;
	int ok;

	for (int i = 0; i < 8; i++)
		depth[i] = (unsigned char)((uint64_t)max_chain >> (8 * i));
	ok = md != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, depth, sizeof(depth)) && add_cert(md, leaf);
	for (int i = 0; ok && i < sk_X509_num(bag); i++)
		ok = add_cert(md, sk_X509_value(bag, i));
	ok = ok && EVP_DigestFinal_ex(md, key, &kl) && kl == 32;
	EVP_MD_CTX_free(md);
	return ok;
}

/* Every certificate of chain valid at now, as check_time() judges it. */
static int
valid_at(STACK_OF(X509) *chain, time_t now)
{
	for (int i = 0; i < sk_X509_num(chain); i++) {
		X509 *x = sk_X509_value(chain, i);

		if (X509_cmp_time(X509_get0_notBefore(x), &now) > 0 ||
		    X509_cmp_time(X509_get0_notAfter(x), &now) <= 0)
			return 0;
	}
	return sk_X509_num(chain) > 0;
}

static void
drop(struct entry *e)
{
	X509_STORE_free(e->trust);
	sk_X509_pop_free(e->chain, X509_free);
	memset(e, 0, sizeof(*e));
}

int
chain_cache_get(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, size_t max_chain,
    time_t now, STACK_OF(X509) **chain)
{
	unsigned char key[32];
	int hit = 0;

	*chain = NULL;
	if (trust == NULL || !key_of(leaf, bag, max_chain, key))
		return 0;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CHAIN_CACHE_SIZE && !hit; i++) {
		struct entry *e = &table[i];

		if (e->trust != trust || memcmp(e->key, key, sizeof(key)) != 0 ||
		    !valid_at(e->chain, now))
			continue;
		if ((*chain = X509_chain_up_ref(e->chain)) != NULL) {
			e->used = ++clock_;
			hit = 1;
		}
		break;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void
chain_cache_put(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, size_t max_chain,
    STACK_OF(X509) *chain)
{
	unsigned char key[32];
	STACK_OF(X509) *copy;
	struct entry *slot = NULL;

	if (trust == NULL || chain == NULL || !key_of(leaf, bag, max_chain, key))
		return;
	if ((copy = X509_chain_up_ref(chain)) == NULL)
		return;
	if (!X509_STORE_up_ref(trust)) {
		sk_X509_pop_free(copy, X509_free);
		return;
	}
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CHAIN_CACHE_SIZE; i++) {
		struct entry *e = &table[i];

		/* another store's (from before a reload: never hit again), or
		 * these inputs kept already (by another thread, or with a chain
		 * now out of its time) */
		if (e->trust != NULL && (e->trust != trust || memcmp(e->key, key, sizeof(key)) == 0))
			drop(e);
		/* the first free slot, else the least recently used */
		if (slot == NULL || (slot->trust != NULL && (e->trust == NULL || e->used < slot->used)))
			slot = e;
	}
	drop(slot);
	memcpy(slot->key, key, sizeof(key));
	slot->trust = trust;
	slot->chain = copy;
	slot->used = ++clock_;
	pthread_mutex_unlock(&lock);
}

void
chain_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CHAIN_CACHE_SIZE; i++)
		drop(&table[i]);
	pthread_mutex_unlock(&lock);
}
