/*
 * chain_cache.h: chains that verified, kept for the next message of the
 * same signer.  See chain_cache.c.
 */
#ifndef SMX_CHAIN_CACHE_H
#define SMX_CHAIN_CACHE_H

#include <time.h>

#include <openssl/x509.h>

/* Entries kept: least recently used goes first. */
#define CHAIN_CACHE_SIZE 128

/*
 * The chain that verified for leaf with the untrusted certificates bag
 * (in this order), depth limit max_chain, against trust, when every
 * certificate on it is valid at now: 1 and a new stack in *chain (the
 * caller frees it with sk_X509_pop_free(..., X509_free)); 0 when not kept
 * (or out of memory: the caller then verifies, which is never wrong).
 */
int chain_cache_get(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, size_t max_chain,
    time_t now, STACK_OF(X509) **chain);

/*
 * Keep chain (leaf first, anchor last), which verified for those inputs;
 * only call it for a chain that passed.  Quietly does nothing when out of
 * memory or when trust is NULL.
 */
void chain_cache_put(X509_STORE *trust, X509 *leaf, STACK_OF(X509) *bag, size_t max_chain,
    STACK_OF(X509) *chain);

/* Forget everything (tests; process exit need not call it). */
void chain_cache_clear(void);

#endif
