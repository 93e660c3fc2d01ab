/*
 * NAME
 *	check_chain_cache - unit tests of smime/chain_cache
 * SYNOPSIS
 *	srcdir=TOP ./check_chain_cache
 * DESCRIPTION
 *	With the test PKI (alice-rsa2048 under rsa-ca under root-ca, the
 *	root the only anchor): a chain that X509_verify_cert() built is given
 *	back for the same inputs while every certificate on it is valid, as
 *	new references; and not for another time (before alice's notBefore,
 *	at her notAfter, where libcrypto says expired), another trust store
 *	(even with the same anchor), another bag or bag order, another depth
 *	limit, or another leaf.  A new store's entry drops the old store's
 *	entries; the table never holds more than CHAIN_CACHE_SIZE entries
 *	and keeps the most recently used.  Everything is freed at the end, so
 *	ASan or valgrind would report a leak of chain_cache.c.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "smime/chain_cache.h"
#include "smime/trust.h"

#define NOW	((time_t)1796083200)	/* 2026-12-01T00:00:00Z */
#define ALICE_NB ((time_t)1780272000)	/* 2026-06-01T00:00:00Z, alice's notBefore */
#define ALICE_NA ((time_t)1848700800)	/* 2028-08-01T00:00:00Z, alice's notAfter */
#define DEPTH 8

static X509 *alice, *bob, *rsa_ca, *ec_ca;
static X509_STORE *store, *store2;

static X509 *
cert(const char *name)
{
	const char *top = getenv("srcdir");
	char path[1024];
	FILE *fp;
	X509 *x;

	snprintf(path, sizeof(path), "%s/tests/data/pki/certs/%s.pem",
	    top != NULL && *top != '\0' ? top : ".", name);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	x = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(x);
	return x;
}

static X509_STORE *
anchors(void)
{
	const char *top = getenv("srcdir");
	X509_STORE *s = NULL;
	char path[1024], err[256];
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem",
	    top != NULL && *top != '\0' ? top : ".");
	ck_assert_int_eq(trust_load(path, &s, &n, err, sizeof(err)), 0);
	return s;
}

static STACK_OF(X509) *
bag_of(X509 *a, X509 *b)
{
	STACK_OF(X509) *sk = sk_X509_new_null();

	ck_assert_ptr_nonnull(sk);
	if (a != NULL)
		sk_X509_push(sk, a);
	if (b != NULL)
		sk_X509_push(sk, b);
	return sk;
}

/* The chain libcrypto builds for leaf with bag against s at NOW; must pass. */
static STACK_OF(X509) *
verified(X509_STORE *s, X509 *leaf, STACK_OF(X509) *bag)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509) *chain;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(X509_STORE_CTX_init(ctx, s, leaf, bag), 1);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), NOW);
	ck_assert_int_eq(X509_verify_cert(ctx), 1);
	chain = X509_STORE_CTX_get1_chain(ctx);
	X509_STORE_CTX_free(ctx);
	ck_assert_int_eq(sk_X509_num(chain), 3);
	return chain;
}

/* What libcrypto itself says at t: 1 the chain verifies. */
static int
verifies_at(X509_STORE *s, X509 *leaf, STACK_OF(X509) *bag, time_t t)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int r;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(X509_STORE_CTX_init(ctx, s, leaf, bag), 1);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), t);
	r = X509_verify_cert(ctx) == 1;
	X509_STORE_CTX_free(ctx);
	return r;
}

static int
hit(X509_STORE *s, X509 *leaf, STACK_OF(X509) *bag, size_t depth, time_t now)
{
	STACK_OF(X509) *got = NULL;
	int r = chain_cache_get(s, leaf, bag, depth, now, &got);

	if (r) {
		ck_assert_ptr_nonnull(got);
		ck_assert_int_eq(sk_X509_num(got), 3);
		ck_assert_int_eq(X509_cmp(sk_X509_value(got, 0), leaf), 0);
		sk_X509_pop_free(got, X509_free);
	} else {
		ck_assert_ptr_null(got);
	}
	return r;
}

static void
setup(void)
{
	alice = cert("alice-rsa2048");
	bob = cert("bob-ec-p256");
	rsa_ca = cert("rsa-ca");
	ec_ca = cert("ec-ca");
	store = anchors();
	store2 = anchors();
}

static void
teardown(void)
{
	chain_cache_clear();
	X509_free(alice);
	X509_free(bob);
	X509_free(rsa_ca);
	X509_free(ec_ca);
	X509_STORE_free(store);
	X509_STORE_free(store2);
}

START_TEST(kept_and_given_back)
{
	STACK_OF(X509) *bag = bag_of(alice, rsa_ca), *chain = verified(store, alice, bag);
	X509 *copy;
	const unsigned char *p;
	unsigned char *der = NULL;
	int n;

	ck_assert(!hit(store, alice, bag, DEPTH, NOW));
	chain_cache_put(store, alice, bag, DEPTH, chain);
	ck_assert(hit(store, alice, bag, DEPTH, NOW));
	/* the same certificate parsed again, as the next message brings it */
	n = i2d_X509(alice, &der);
	p = der;
	ck_assert_ptr_nonnull(copy = d2i_X509(NULL, &p, n));
	OPENSSL_free(der);
	ck_assert(hit(store, copy, bag, DEPTH, NOW));
	X509_free(copy);
	/* the caller's chain stays the caller's */
	sk_X509_pop_free(chain, X509_free);
	ck_assert(hit(store, alice, bag, DEPTH, NOW));
	sk_X509_free(bag);
}
END_TEST

START_TEST(time_window)
{
	STACK_OF(X509) *bag = bag_of(alice, rsa_ca), *chain = verified(store, alice, bag);

	/* a hit exactly where libcrypto would pass, at both edges */
	static const time_t at[] = { ALICE_NB - 1, ALICE_NB, ALICE_NA - 1, ALICE_NA, NOW };

	chain_cache_put(store, alice, bag, DEPTH, chain);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		ck_assert_msg(hit(store, alice, bag, DEPTH, at[i]) == verifies_at(store, alice, bag,
		    at[i]), "at %lld", (long long)at[i]);
	ck_assert(!hit(store, alice, bag, DEPTH, ALICE_NB - 1));
	ck_assert(hit(store, alice, bag, DEPTH, ALICE_NB));
	ck_assert(hit(store, alice, bag, DEPTH, ALICE_NA - 1));
	ck_assert(!hit(store, alice, bag, DEPTH, ALICE_NA));
	sk_X509_pop_free(chain, X509_free);
	sk_X509_free(bag);
}
END_TEST

START_TEST(other_inputs_miss)
{
	STACK_OF(X509) *bag = bag_of(alice, rsa_ca), *chain = verified(store, alice, bag);
	STACK_OF(X509) *reordered = bag_of(rsa_ca, alice), *more = bag_of(alice, rsa_ca);
	STACK_OF(X509) *bobs = bag_of(bob, ec_ca);

	sk_X509_push(more, ec_ca);
	chain_cache_put(store, alice, bag, DEPTH, chain);
	ck_assert(!hit(store2, alice, bag, DEPTH, NOW));	/* same anchor, another store */
	ck_assert(!hit(NULL, alice, bag, DEPTH, NOW));
	ck_assert(!hit(store, alice, reordered, DEPTH, NOW));
	ck_assert(!hit(store, alice, more, DEPTH, NOW));
	ck_assert(!hit(store, alice, NULL, DEPTH, NOW));
	ck_assert(!hit(store, alice, bag, DEPTH - 1, NOW));
	ck_assert(!hit(store, bob, bobs, DEPTH, NOW));
	ck_assert(hit(store, alice, bag, DEPTH, NOW));
	chain_cache_put(NULL, alice, bag, DEPTH, chain);	/* no store: nothing kept */
	ck_assert(!hit(NULL, alice, bag, DEPTH, NOW));
	sk_X509_pop_free(chain, X509_free);
	sk_X509_free(bag);
	sk_X509_free(reordered);
	sk_X509_free(more);
	sk_X509_free(bobs);
}
END_TEST

START_TEST(a_new_store_drops_the_old)
{
	STACK_OF(X509) *bag = bag_of(alice, rsa_ca), *chain = verified(store, alice, bag);
	STACK_OF(X509) *bobs = bag_of(bob, ec_ca), *chain2 = verified(store2, bob, bobs);

	chain_cache_put(store, alice, bag, DEPTH, chain);
	ck_assert(hit(store, alice, bag, DEPTH, NOW));
	chain_cache_put(store2, bob, bobs, DEPTH, chain2);
	ck_assert(hit(store2, bob, bobs, DEPTH, NOW));
	ck_assert(!hit(store, alice, bag, DEPTH, NOW));
	sk_X509_pop_free(chain, X509_free);
	sk_X509_pop_free(chain2, X509_free);
	sk_X509_free(bag);
	sk_X509_free(bobs);
}
END_TEST

/* More inputs than slots: the table stays bounded and keeps the recent ones. */
START_TEST(bounded_lru)
{
	STACK_OF(X509) *bag = bag_of(alice, rsa_ca), *chain = verified(store, alice, bag);
	size_t n = CHAIN_CACHE_SIZE + 10;

	/* the depth limit makes each put other inputs */
	for (size_t d = 0; d < n; d++) {
		chain_cache_put(store, alice, bag, 100 + d, chain);
		if (d == CHAIN_CACHE_SIZE / 2)
			ck_assert(hit(store, alice, bag, 100, NOW));	/* used: stays */
	}
	ck_assert(hit(store, alice, bag, 100, NOW));
	ck_assert(!hit(store, alice, bag, 101, NOW));		/* least recently used: gone */
	ck_assert(hit(store, alice, bag, 100 + n - 1, NOW));
	sk_X509_pop_free(chain, X509_free);
	sk_X509_free(bag);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("chain_cache");
	TCase *tc = tcase_create("cache");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, kept_and_given_back);
	tcase_add_test(tc, time_window);
	tcase_add_test(tc, other_inputs_miss);
	tcase_add_test(tc, a_new_store_drops_the_old);
	tcase_add_test(tc, bounded_lru);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
