/*
 * NAME
 *	mldsa_core - the project's ML-DSA verifier: ML-DSA.Verify_internal
 *	(FIPS 204 Alg. 8) for ML-DSA-44, -65 and -87
 * SYNOPSIS
 *	#include "smime/mldsa_int.h"
 *
 *	int mldsa_core_verify(const struct mldsa_params *p,
 *	    const unsigned char *pk, const struct mldsa_iov *mp, size_t nmp,
 *	    const unsigned char *mu, const unsigned char *sig);
 * DESCRIPTION
 *	Verifies sig (p->sigbytes) under the raw public key pk (p->pkbytes)
 *	for the message M' given as nmp <= 4 pieces mp, or, when mu is not
 *	NULL, for that 64-byte mu directly (then mp is not used).  The caller
 *	(smime/mldsa.c) has checked both lengths and built M' (Alg. 3).
 *
 *	The order of work, cheap rejections first: HintBitUnpack's checks
 *	(Alg. 21), z's BitUnpack and the bound ||z||_inf < gamma1 - beta,
 *	then tr = H(pk, 64), mu = H(tr || M', 64), c = SampleInBall(c~) and
 *	NTT(z), then one row of the matrix at a time:
 *	w'_i = NTT^-1(sum_s A[i][s] * NTT(z_s)) - c * t1_i * 2^d, the same
 *	as Alg. 8's NTT^-1(A * NTT(z) - NTT(c) * NTT(t1 * 2^d)) by linearity
 *	(smime/mldsa_poly.c says why it is cheaper), with
 *	A[i][s] = RejNTTPoly(rho || s || i) sampled when it is used (each
 *	entry once; the matrix is never stored), then UseHint and w1Encode of
 *	the row.  Last, c~' = H(mu || w1Encode(w'_1), lambda/4) is compared with
 *	all lambda/4 bytes of c~ (memcmp: every input here is public, no
 *	constant-time comparison is needed).
 *
 *	Memory: one heap workspace of about 24 KiB per call (struct core_ws),
 *	freed before returning, and one EVP_MD_CTX; the stack holds less than
 *	4 KiB (mldsa_poly_ct1 keeps 2 KiB there).  No recursion, no VLAs.
 * OWNERSHIP
 *	Reads its arguments only during the call.
 * DIAGNOSTICS
 *	1 valid, 0 invalid (malformed hint, z out of range, c~ mismatch, a
 *	sampler cap reached), SMX_ERR_NOMEM, SMX_ERR_CRYPTO, SMX_ERR_INVAL
 *	(nmp > 4).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "smime/mldsa_int.h"
#include "smime/smx_err.h"

#define CORE_MAX_MP 4

struct core_ws {
	int32_t zhat[MLDSA_LMAX][MLDSA_N];	/* NTT(z) */
	int32_t c[MLDSA_N];			/* SampleInBall(c~) */
	int32_t a[MLDSA_N];			/* A[i][s], then w'_i */
	int32_t t[MLDSA_N];			/* c * t1_i */
	int64_t acc[MLDSA_N];			/* row sum, unreduced */
	unsigned char w1[MLDSA_W1_MAXBYTES];	/* w1Encode(w'_1) */
	unsigned char tr[MLDSA_TRBYTES];
	unsigned char mu[MLDSA_MUBYTES];
	unsigned char ct2[MLDSA_CTMAX];		/* c~' */
	unsigned char xof[MLDSA_XOFBUF_MAX];	/* sampler output */
};

int
mldsa_core_verify(const struct mldsa_params *p, const unsigned char *pk,
    const struct mldsa_iov *mp, size_t nmp, const unsigned char *mu,
    const unsigned char *sig)
{
	const unsigned char *ct = sig;
	const unsigned char *zb = sig + p->ctbytes;
	const unsigned char *hb = zb + (size_t)p->l * p->z_polybytes;
	const unsigned char *rho = pk, *t1b = pk + MLDSA_SEEDBYTES;
	struct mldsa_iov in[1 + CORE_MAX_MP];
	struct core_ws *ws = NULL;
	EVP_MD_CTX *c = NULL;
	unsigned start = 0;
	int rc;

	if (mu == NULL && nmp > CORE_MAX_MP)
		return SMX_ERR_INVAL;
	if ((rc = mldsa_xof_init()) < 0)
		return rc;
	/* sigDecode: h = bottom when the hint encoding is malformed */
	if (!mldsa_hint_check(hb, p))
		return 0;
	if ((ws = malloc(sizeof *ws)) == NULL)
		return SMX_ERR_NOMEM;
	for (unsigned s = 0; s < p->l; s++) {
		if (!mldsa_z_unpack_check(ws->zhat[s], zb + (size_t)s * p->z_polybytes, p)) {
			rc = 0;
			goto out;
		}
	}
	if ((c = EVP_MD_CTX_new()) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}

	/* tr = H(pk, 64); mu = H(tr || M', 64) */
	if (mu != NULL) {
		memcpy(ws->mu, mu, MLDSA_MUBYTES);
	} else {
		in[0].p = pk;
		in[0].n = p->pkbytes;
		if ((rc = mldsa_shake(c, 256, in, 1, ws->tr, MLDSA_TRBYTES)) < 0)
			goto out;
		in[0].p = ws->tr;
		in[0].n = MLDSA_TRBYTES;
		for (size_t i = 0; i < nmp; i++)
			in[1 + i] = mp[i];
		if ((rc = mldsa_shake(c, 256, in, 1 + nmp, ws->mu, MLDSA_MUBYTES)) < 0)
			goto out;
	}

	rc = mldsa_sample_in_ball(c, ct, p->ctbytes, p->tau, ws->c, ws->xof,
	    MLDSA_BALL_FIRST, MLDSA_BALL_MAX);
	if (rc <= 0)
		goto out;
	for (unsigned s = 0; s < p->l; s++)
		mldsa_ntt(ws->zhat[s]);

	for (unsigned i = 0; i < p->k; i++) {
		unsigned end = hb[p->omega + i];

		memset(ws->acc, 0, sizeof ws->acc);
		for (unsigned s = 0; s < p->l; s++) {
			rc = mldsa_rej_ntt_poly(c, rho, s, i, ws->a, ws->xof,
			    MLDSA_REJ_FIRST, MLDSA_REJ_MAX);
			if (rc <= 0)
				goto out;
			mldsa_poly_acc_mul(ws->acc, ws->a, ws->zhat[s]);
		}
		mldsa_poly_from_acc(ws->a, ws->acc);
		mldsa_invntt(ws->a);
		mldsa_poly_ct1(ws->t, ws->c, t1b + (size_t)i * MLDSA_T1_POLYBYTES);
		mldsa_poly_sub_ct1_modq(ws->a, ws->t);
		mldsa_use_hint_pack(ws->w1 + (size_t)i * p->w1_polybytes, ws->a,
		    hb + start, end - start, p);
		start = end;
	}

	/* c~' = H(mu || w1Encode(w'_1), lambda/4) */
	in[0].p = ws->mu;
	in[0].n = MLDSA_MUBYTES;
	in[1].p = ws->w1;
	in[1].n = (size_t)p->k * p->w1_polybytes;
	if ((rc = mldsa_shake(c, 256, in, 2, ws->ct2, p->ctbytes)) < 0)
		goto out;
	rc = memcmp(ws->ct2, ct, p->ctbytes) == 0;
out:
	EVP_MD_CTX_free(c);
	free(ws);
	return rc;
}
