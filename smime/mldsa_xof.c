/*
 * NAME
 *	mldsa_xof - SHAKE128/SHAKE256 through libcrypto, and the two
 *	rejection samplers of the ML-DSA verifier (FIPS 204 Alg. 29, 30)
 * SYNOPSIS
 *	#include "smime/mldsa_int.h"
 *
 *	int mldsa_xof_init(void);
 *	int mldsa_shake(EVP_MD_CTX *c, int bits, const struct mldsa_iov *in,
 *	    size_t nin, unsigned char *out, size_t outlen);
 *	int mldsa_rej_ntt_poly(EVP_MD_CTX *c, const unsigned char rho[32],
 *	    unsigned s, unsigned r, int32_t out[256], unsigned char *buf,
 *	    size_t first, size_t max);
 *	int mldsa_sample_in_ball(EVP_MD_CTX *c, const unsigned char *ct,
 *	    size_t ctlen, unsigned tau, int32_t out[256], unsigned char *buf,
 *	    size_t first, size_t max);
 * DESCRIPTION
 *	mldsa_xof_init fetches SHAKE128 and SHAKE256 once per process
 *	(pthread_once); the EVP_MD objects are shared and never freed.
 *	mldsa_shake hashes the concatenation of the nin pieces and writes
 *	outlen bytes of SHAKE output (bits 128 or 256), reusing the caller's
 *	EVP_MD_CTX.
 *
 *	OpenSSL before 3.3 has no incremental squeeze (EVP_DigestSqueeze):
 *	EVP_DigestFinalXOF can be called once per absorbed state.  The
 *	samplers need an amount of output known only while they consume it,
 *	so they ask for `first' bytes in one EVP_DigestFinalXOF call and,
 *	in the rare case that was not enough, absorb the same seed again and
 *	ask for twice as much (at most `max'), carrying on at the byte where
 *	they stopped: SHAKE output of length n is a prefix of the output of
 *	any longer length, so the bytes already consumed are the same.  No
 *	byte beyond what libcrypto produced is read.  The defaults
 *	(MLDSA_REJ_FIRST = 5 SHAKE128 blocks, MLDSA_BALL_FIRST = 1 SHAKE256
 *	block) and the caps are explained in smime/mldsa_int.h; the caps sit
 *	so far above the need that reaching one has a probability below
 *	2^-1000 for any seed an attacker can find, and FIPS 204 appendix C
 *	allows a bound on these loops.
 *
 *	mldsa_rej_ntt_poly is RejNTTPoly (Alg. 30) on the seed
 *	rho || s || r (ExpandA, Alg. 32: column index s first, then row r),
 *	with CoeffFromThreeBytes (Alg. 14).  mldsa_sample_in_ball is
 *	SampleInBall (Alg. 29) seeded with all ctlen bytes of c~.
 * OWNERSHIP
 *	buf is the caller's, at least max bytes; out is the caller's.
 * DIAGNOSTICS
 *	mldsa_xof_init and mldsa_shake: 0 or SMX_ERR_CRYPTO.  The samplers:
 *	1 done, 0 the cap was reached (the caller treats the signature as
 *	invalid), SMX_ERR_CRYPTO.
 */
#include <pthread.h>
#include <string.h>

#include <openssl/evp.h>

#include "smime/mldsa_int.h"
#include "smime/smx_err.h"

static EVP_MD *xof_shake128, *xof_shake256;
static pthread_once_t xof_once = PTHREAD_ONCE_INIT;

static void
xof_fetch(void)
{
	xof_shake128 = EVP_MD_fetch(NULL, "SHAKE128", NULL);
	xof_shake256 = EVP_MD_fetch(NULL, "SHAKE256", NULL);
}

int
mldsa_xof_init(void)
{
	if (pthread_once(&xof_once, xof_fetch) != 0)
		return SMX_ERR_CRYPTO;
	return xof_shake128 != NULL && xof_shake256 != NULL ? 0 : SMX_ERR_CRYPTO;
}

int
mldsa_shake(EVP_MD_CTX *c, int bits, const struct mldsa_iov *in, size_t nin,
    unsigned char *out, size_t outlen)
{
	const EVP_MD *md = bits == 128 ? xof_shake128 : xof_shake256;

	if (md == NULL || EVP_DigestInit_ex(c, md, NULL) != 1)
		return SMX_ERR_CRYPTO;
	for (size_t i = 0; i < nin; i++)
		if (in[i].n > 0 && EVP_DigestUpdate(c, in[i].p, in[i].n) != 1)
			return SMX_ERR_CRYPTO;
	if (EVP_DigestFinalXOF(c, out, outlen) != 1)
		return SMX_ERR_CRYPTO;
	return 0;
}

/* The next output length: twice n, at most max. */
static size_t
xof_more(size_t n, size_t max)
{
	return n > max / 2 ? max : 2 * n;
}

int
mldsa_rej_ntt_poly(EVP_MD_CTX *c, const unsigned char rho[MLDSA_SEEDBYTES],
    unsigned s, unsigned r, int32_t out[MLDSA_N], unsigned char *buf,
    size_t first, size_t max)
{
	unsigned char idx[2] = { (unsigned char)s, (unsigned char)r };
	const struct mldsa_iov seed[2] = { { rho, MLDSA_SEEDBYTES }, { idx, 2 } };
	size_t n = first < max ? first : max, pos = 0;
	unsigned j = 0;
	int rc;

	if ((rc = mldsa_shake(c, 128, seed, 2, buf, n)) < 0)
		return rc;
	for (;;) {
		/* m candidates cannot fill more than m places: no bound check
		 * on j inside, and a store whether or not v is kept */
		size_t m;

		while (j < MLDSA_N && (m = (n - pos) / 3) > 0) {
			if (m > MLDSA_N - j)
				m = MLDSA_N - j;
			for (const unsigned char *b = buf + pos, *e = b + 3 * m; b < e; b += 3) {
				uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
				    ((uint32_t)b[2] & 0x7f) << 16;

				out[j] = (int32_t)v;
				j += v < MLDSA_Q;
			}
			pos += 3 * m;
		}
		if (j == MLDSA_N)
			return 1;
		if (n >= max)
			return 0;
		/* the first n bytes come out the same: carry on at pos */
		n = xof_more(n, max);
		if ((rc = mldsa_shake(c, 128, seed, 2, buf, n)) < 0)
			return rc;
	}
}

int
mldsa_sample_in_ball(EVP_MD_CTX *c, const unsigned char *ct, size_t ctlen,
    unsigned tau, int32_t out[MLDSA_N], unsigned char *buf, size_t first,
    size_t max)
{
	const struct mldsa_iov seed = { ct, ctlen };
	size_t n, pos = 8;
	uint64_t signs = 0;
	int rc;

	if (max < 8)
		return SMX_ERR_INVAL;
	n = first < 8 ? 8 : first < max ? first : max;
	if ((rc = mldsa_shake(c, 256, &seed, 1, buf, n)) < 0)
		return rc;
	for (unsigned i = 0; i < 8; i++)
		signs |= (uint64_t)buf[i] << (8 * i);
	memset(out, 0, MLDSA_N * sizeof *out);
	for (unsigned i = MLDSA_N - tau; i < MLDSA_N; i++) {
		unsigned j;

		for (;;) {
			if (pos == n) {
				if (n >= max)
					return 0;
				n = xof_more(n, max);
				if ((rc = mldsa_shake(c, 256, &seed, 1, buf, n)) < 0)
					return rc;
			}
			j = buf[pos++];
			if (j <= i)
				break;
		}
		out[i] = out[j];
		out[j] = 1 - 2 * (int32_t)(signs & 1);
		signs >>= 1;
	}
	return 1;
}
