/*
 * digest.h: message digests of signed content, computed while it streams.
 */
#ifndef SMX_DIGEST_H
#define SMX_DIGEST_H

#include <stddef.h>

enum digest_alg {
	DG_MD5, DG_SHA1, DG_SHA224, DG_SHA256, DG_SHA384, DG_SHA512,
	DG_SHA3_256, DG_SHA3_384, DG_SHA3_512, DG_SHAKE128, DG_SHAKE256,
	DG_COUNT
};

#define DG_BIT(a) (1u << (a))
/* What is computed when micalg is absent or names nothing we know. */
#define DG_FALLBACK (DG_BIT(DG_SHA1) | DG_BIT(DG_SHA256) | DG_BIT(DG_SHA384) | DG_BIT(DG_SHA512))
/* Computed whatever micalg says: the digest almost every signer uses, so a
 * micalg that names another one by mistake does not hide it (digest.c). */
#define DG_ALWAYS DG_BIT(DG_SHA256)
#define DG_MAX_LEN 64

struct digest_set;

/* RFC 8551 micalg name ("sha-256"), or "unknown". */
const char *digest_name(int alg);
/* The algorithm of an OpenSSL NID (digestAlgorithm OID), or -1. */
int digest_from_nid(int nid);
/* Output length in bytes (SHAKE128: 32, SHAKE256: 64 as RFC 8702 fixes). */
size_t digest_len(int alg);
/* 1 for MD5 and SHA-1. */
int digest_is_weak(int alg);

/* The set of algorithms a micalg parameter names (comma-separated, case and
 * "sha256" / "sha-256" spellings tolerated); DG_FALLBACK when none known. */
unsigned digest_mask_from_micalg(const char *micalg);

struct digest_set *digest_set_new(unsigned mask);	/* NULL: no memory */
struct digest_set *digest_set_free(struct digest_set *ds);
int digest_set_update(struct digest_set *ds, const void *p, size_t n);
int digest_set_final(struct digest_set *ds);
unsigned digest_set_mask(const struct digest_set *ds);
/* 0 and the digest, or SMX_ERR_NOTFOUND when alg was not computed. */
int digest_set_get(const struct digest_set *ds, int alg,
    const unsigned char **md, size_t *len);

/* One-shot digest of a buffer into out (DG_MAX_LEN bytes). */
int digest_once(int alg, const void *p, size_t n, unsigned char *out, size_t *len);

#endif
