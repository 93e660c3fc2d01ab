/*
 * NAME
 *	digest - digests of signed content, computed while it streams
 * SYNOPSIS
 *	#include "smime/digest.h"
 *
 *	unsigned digest_mask_from_micalg(const char *micalg);
 *	struct digest_set *digest_set_new(unsigned mask);
 *	int digest_set_update(struct digest_set *ds, const void *p, size_t n);
 *	int digest_set_final(struct digest_set *ds);
 *	int digest_set_get(const struct digest_set *ds, int alg,
 *	    const unsigned char **md, size_t *len);
 * DESCRIPTION
 *	The content of a multipart/signed message comes before its signature,
 *	so the digest algorithm the signer used is not known while the content
 *	streams past.  Keeping the content until the signature arrives would
 *	make memory grow with the message, which a mail gateway cannot allow.
 *	So the decision is: digest the content while it streams, with every
 *	algorithm the micalg parameter names (RFC 8551 3.5.3.2), and with
 *	SHA-1, SHA-256, SHA-384 and SHA-512 when micalg is missing or names
 *	nothing we know; and with SHA-256 always (DG_ALWAYS, added by the
 *	caller), because it is what nearly every signer uses and so what a
 *	wrong micalg most often hides (seen in the wild and in the PQC
 *	fixtures: micalg=sha-512 over a SHA-256 SignerInfo).  micalg only
 *	chooses what is computed: verification always uses the SignerInfo's
 *	own digestAlgorithm, and a signer whose algorithm was not computed is
 *	reported (permerror micalg_mismatch, RFC 8551 requires micalg to name
 *	it) instead of trusted.  Computing a fixed superset instead would cost
 *	3x the time of one SHA-256 on machines with SHA extensions, for every
 *	message; the extra SHA-256 costs nothing when micalg names it, and
 *	about 45 % more than SHA-512 alone (SHA extensions) when it does not.
 *
 *	The EVP_MD objects are fetched once per process (pthread_once) and
 *	shared; each set holds one EVP_MD_CTX per algorithm.
 * OWNERSHIP
 *	digest_set_new() returns a set freed with digest_set_free(); pointers
 *	from digest_set_get() live as long as the set.
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_CRYPTO, SMX_ERR_STATE, SMX_ERR_NOTFOUND.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/objects.h>

#include "smime/digest.h"
#include "smime/smx_err.h"

static const struct {
	const char *micalg;	/* RFC 8551 / RFC 5843 / RFC 8702 name */
	const char *evp;	/* OpenSSL fetch name */
	int nid;
	size_t len;
	int weak;
} dg_tab[DG_COUNT] = {
	[DG_MD5] = { "md5", "MD5", NID_md5, 16, 1 },
	[DG_SHA1] = { "sha-1", "SHA1", NID_sha1, 20, 1 },
	[DG_SHA224] = { "sha-224", "SHA2-224", NID_sha224, 28, 0 },
	[DG_SHA256] = { "sha-256", "SHA2-256", NID_sha256, 32, 0 },
	[DG_SHA384] = { "sha-384", "SHA2-384", NID_sha384, 48, 0 },
	[DG_SHA512] = { "sha-512", "SHA2-512", NID_sha512, 64, 0 },
	[DG_SHA3_256] = { "sha3-256", "SHA3-256", NID_sha3_256, 32, 0 },
	[DG_SHA3_384] = { "sha3-384", "SHA3-384", NID_sha3_384, 48, 0 },
	[DG_SHA3_512] = { "sha3-512", "SHA3-512", NID_sha3_512, 64, 0 },
	[DG_SHAKE128] = { "shake128", "SHAKE128", NID_shake128, 32, 0 },
	[DG_SHAKE256] = { "shake256", "SHAKE256", NID_shake256, 64, 0 },
};

static EVP_MD *dg_md[DG_COUNT];
static pthread_once_t dg_once = PTHREAD_ONCE_INIT;

static void
dg_fetch_all(void)
{
	/* A missing algorithm (e.g. MD5 under a FIPS provider) stays NULL. */
	for (int i = 0; i < DG_COUNT; i++)
		dg_md[i] = EVP_MD_fetch(NULL, dg_tab[i].evp, NULL);
}

static const EVP_MD *
dg_get(int alg)
{
	pthread_once(&dg_once, dg_fetch_all);
	return alg >= 0 && alg < DG_COUNT ? dg_md[alg] : NULL;
}

struct digest_set {
	unsigned mask;
	int final;
	EVP_MD_CTX *ctx[DG_COUNT];
	unsigned char out[DG_COUNT][DG_MAX_LEN];
};

const char *
digest_name(int alg)
{
	return alg >= 0 && alg < DG_COUNT ? dg_tab[alg].micalg : "unknown";
}

int
digest_from_nid(int nid)
{
	for (int i = 0; i < DG_COUNT; i++)
		if (dg_tab[i].nid == nid)
			return i;
	return -1;
}

size_t
digest_len(int alg)
{
	return alg >= 0 && alg < DG_COUNT ? dg_tab[alg].len : 0;
}

int
digest_is_weak(int alg)
{
	return alg >= 0 && alg < DG_COUNT && dg_tab[alg].weak;
}

/* Compare a micalg item with a table name, ignoring case and the '-' after "sha". */
static int
micalg_is(const char *item, size_t n, const char *name)
{
	char a[16], b[16];
	size_t la = 0, lb = 0;

	for (size_t i = 0; i < n && la < sizeof(a) - 1; i++)
		if (item[i] != '-')
			a[la++] = (char)tolower((unsigned char)item[i]);
	for (size_t i = 0; name[i] != '\0' && lb < sizeof(b) - 1; i++)
		if (name[i] != '-')
			b[lb++] = name[i];
	return la == lb && memcmp(a, b, la) == 0;
}

unsigned
digest_mask_from_micalg(const char *micalg)
{
	unsigned mask = 0;
	const char *p = micalg;

	while (p != NULL && *p != '\0') {
		size_t n;

		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		n = strcspn(p, ", \t");
		for (int i = 0; n > 0 && i < DG_COUNT; i++)
			if (micalg_is(p, n, dg_tab[i].micalg))
				mask |= DG_BIT(i);
		p += n;
	}
	return mask != 0 ? mask : DG_FALLBACK;
}

struct digest_set *
digest_set_free(struct digest_set *ds)
{
	if (ds != NULL) {
		for (int i = 0; i < DG_COUNT; i++)
			EVP_MD_CTX_free(ds->ctx[i]);
		free(ds);
	}
	return NULL;
}

struct digest_set *
digest_set_new(unsigned mask)
{
	struct digest_set *ds = calloc(1, sizeof(*ds));

	if (ds == NULL)
		return NULL;
	for (int i = 0; i < DG_COUNT; i++) {
		const EVP_MD *md;

		if (!(mask & DG_BIT(i)) || (md = dg_get(i)) == NULL)
			continue;
		if ((ds->ctx[i] = EVP_MD_CTX_new()) == NULL ||
		    !EVP_DigestInit_ex(ds->ctx[i], md, NULL))
			return digest_set_free(ds);
		ds->mask |= DG_BIT(i);
	}
	return ds;
}

int
digest_set_update(struct digest_set *ds, const void *p, size_t n)
{
	if (ds->final)
		return SMX_ERR_STATE;
	for (int i = 0; i < DG_COUNT; i++)
		if (ds->ctx[i] != NULL && !EVP_DigestUpdate(ds->ctx[i], p, n))
			return SMX_ERR_CRYPTO;
	return 0;
}

int
digest_set_final(struct digest_set *ds)
{
	if (ds->final)
		return SMX_ERR_STATE;
	ds->final = 1;
	for (int i = 0; i < DG_COUNT; i++) {
		int ok;

		if (ds->ctx[i] == NULL)
			continue;
		if (EVP_MD_get_flags(EVP_MD_CTX_get0_md(ds->ctx[i])) & EVP_MD_FLAG_XOF)
			ok = EVP_DigestFinalXOF(ds->ctx[i], ds->out[i], dg_tab[i].len);
		else
			ok = EVP_DigestFinal_ex(ds->ctx[i], ds->out[i], NULL);
		if (!ok)
			return SMX_ERR_CRYPTO;
	}
	return 0;
}

unsigned
digest_set_mask(const struct digest_set *ds)
{
	return ds->mask;
}

int
digest_set_get(const struct digest_set *ds, int alg, const unsigned char **md,
    size_t *len)
{
	if (!ds->final || alg < 0 || alg >= DG_COUNT || !(ds->mask & DG_BIT(alg)))
		return SMX_ERR_NOTFOUND;
	*md = ds->out[alg];
	*len = dg_tab[alg].len;
	return 0;
}

int
digest_once(int alg, const void *p, size_t n, unsigned char *out, size_t *len)
{
	struct digest_set *ds;
	const unsigned char *md;
	int r;

	if (alg < 0 || alg >= DG_COUNT)
		return SMX_ERR_NOTFOUND;	/* as digest_set_get() for an alg it lacks */
	if ((ds = digest_set_new(DG_BIT(alg))) == NULL)
		return SMX_ERR_NOMEM;
	if ((r = digest_set_update(ds, p, n)) < 0 || (r = digest_set_final(ds)) < 0)
		goto out;
	if ((r = digest_set_get(ds, alg, &md, len)) < 0)
		goto out;
	memcpy(out, md, *len);
out:
	digest_set_free(ds);
	return r;
}
