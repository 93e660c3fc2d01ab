/*
 * mldsa_int.h: internals of the ML-DSA verifier, shared by smime/mldsa*.c
 * and the unit test (tests/unit/check_mldsa.c).  Not for other modules:
 * they use smime/mldsa.h.
 */
#ifndef SMX_MLDSA_INT_H
#define SMX_MLDSA_INT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define MLDSA_N 256
#define MLDSA_Q 8380417		/* 2^23 - 2^13 + 1 */
#define MLDSA_D 13
#define MLDSA_KMAX 8
#define MLDSA_LMAX 7
#define MLDSA_SEEDBYTES 32	/* rho */
#define MLDSA_TRBYTES 64
#define MLDSA_MUBYTES 64
#define MLDSA_CTMAX 64		/* lambda/4 for ML-DSA-87 */
#define MLDSA_T1_POLYBYTES 320	/* 256 coefficients of 10 bits */
#define MLDSA_W1_MAXBYTES (MLDSA_KMAX * 128)	/* 4-bit w1 of ML-DSA-87 */

/* SHAKE rates (FIPS 202): output comes in blocks of this many bytes. */
#define MLDSA_SHAKE128_RATE 168
#define MLDSA_SHAKE256_RATE 136

/*
 * Output lengths for the rejection samplers (see smime/mldsa_xof.c).
 * RejNTTPoly needs 256 accepted 3-byte candidates (at least 768 bytes);
 * 5 SHAKE128 blocks (840 bytes, 280 candidates) are enough unless 25 or
 * more of 280 candidates fall in the 8191 rejected values of 2^23, which
 * has a probability below 2^-132.  The fallback squeezes again, doubling,
 * up to 64 blocks (3584 candidates).  SampleInBall: one SHAKE256 block
 * first, doubling up to 32 blocks.
 */
#define MLDSA_REJ_FIRST (5 * MLDSA_SHAKE128_RATE)
#define MLDSA_REJ_MAX (64 * MLDSA_SHAKE128_RATE)
#define MLDSA_BALL_FIRST MLDSA_SHAKE256_RATE
#define MLDSA_BALL_MAX (32 * MLDSA_SHAKE256_RATE)
#define MLDSA_XOFBUF_MAX MLDSA_REJ_MAX

/* One parameter set (FIPS 204 Tables 1 and 2). */
struct mldsa_params {
	int level;		/* 44, 65, 87 */
	const char *name;	/* "ML-DSA-65": libcrypto's name */
	unsigned k, l;
	unsigned tau;
	unsigned ctbytes;	/* lambda/4: length of c~ */
	unsigned gamma1_bits;	/* gamma1 = 2^gamma1_bits (17 or 19) */
	int32_t gamma1;
	int32_t gamma2;		/* (q-1)/88 or (q-1)/32 */
	int32_t beta;		/* tau * eta */
	unsigned omega;
	unsigned z_polybytes;	/* 576 (18-bit) or 640 (20-bit) */
	unsigned w1_polybytes;	/* 192 (6-bit) or 128 (4-bit) */
	size_t pkbytes, sigbytes;
};

/* The table entry of a level, or NULL. */
const struct mldsa_params *mldsa_params_get(int level);

/* A piece of hash input. */
struct mldsa_iov {
	const unsigned char *p;
	size_t n;
};

/* --- smime/mldsa_poly.c: arithmetic in Z_q[X]/(X^256 + 1), packing --- */

void mldsa_ntt(int32_t a[MLDSA_N]);
void mldsa_invntt(int32_t a[MLDSA_N]);
int32_t mldsa_mont_reduce(int64_t a);
void mldsa_poly_acc_mul(int64_t acc[MLDSA_N], const int32_t a[MLDSA_N],
    const int32_t b[MLDSA_N]);
void mldsa_poly_from_acc(int32_t r[MLDSA_N], const int64_t acc[MLDSA_N]);
void mldsa_poly_caddq(int32_t a[MLDSA_N]);
void mldsa_t1_unpack(int32_t r[MLDSA_N], const unsigned char *b);
void mldsa_poly_ct1(int32_t r[MLDSA_N], const int32_t c[MLDSA_N],
    const unsigned char *t1);
void mldsa_poly_sub_ct1_modq(int32_t w[MLDSA_N], const int32_t ct1[MLDSA_N]);
int mldsa_z_unpack_check(int32_t r[MLDSA_N], const unsigned char *b,
    const struct mldsa_params *p);
int mldsa_hint_check(const unsigned char *y, const struct mldsa_params *p);
void mldsa_use_hint_pack(unsigned char *out, const int32_t w[MLDSA_N],
    const unsigned char *hidx, unsigned nh, const struct mldsa_params *p);
int32_t mldsa_use_hint1(int32_t r, int h, int32_t gamma2);

/* --- smime/mldsa_xof.c: SHAKE from libcrypto, the two samplers --- */

int mldsa_xof_init(void);	/* 0 or SMX_ERR_CRYPTO */
int mldsa_shake(EVP_MD_CTX *c, int bits, const struct mldsa_iov *in,
    size_t nin, unsigned char *out, size_t outlen);
int mldsa_rej_ntt_poly(EVP_MD_CTX *c, const unsigned char rho[MLDSA_SEEDBYTES],
    unsigned s, unsigned r, int32_t out[MLDSA_N], unsigned char *buf,
    size_t first, size_t max);
int mldsa_sample_in_ball(EVP_MD_CTX *c, const unsigned char *ct, size_t ctlen,
    unsigned tau, int32_t out[MLDSA_N], unsigned char *buf, size_t first,
    size_t max);

/* --- smime/mldsa_core.c: our ML-DSA.Verify_internal (Alg. 8) --- */

/* Lengths already checked by the caller; M' given as pieces (mp, nmp)
 * unless mu is not NULL.  1 valid, 0 invalid, < 0 SMX_ERR_*. */
int mldsa_core_verify(const struct mldsa_params *p, const unsigned char *pk,
    const struct mldsa_iov *mp, size_t nmp, const unsigned char *mu,
    const unsigned char *sig);

/* --- smime/mldsa_ossl.c: libcrypto's ML-DSA (OpenSSL >= 3.5) --- */

int mldsa_ossl_available(const struct mldsa_params *p);
int mldsa_ossl_verify(const struct mldsa_params *p, int input,
    const unsigned char *pk, const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen, const unsigned char *sig);

#endif
