/*
 * mldsa.h: ML-DSA (FIPS 204) signature verification, pure ML-DSA with a
 * context string, for ML-DSA-44, ML-DSA-65 and ML-DSA-87.
 *
 * Two backends give the same answers: libcrypto's own ML-DSA when the
 * running libcrypto has it (OpenSSL 3.5 and later, found by fetching the
 * algorithm), else the project's verifier (smime/mldsa_core.c).  See
 * smime/mldsa.c for the whole contract.
 *
 * Every verify function returns 1 when the signature is valid, 0 when it is
 * not (including every malformed input: a public key or signature of the
 * wrong length, a bad hint encoding, z out of range, a context longer than
 * 255 bytes), and a negative SMX_ERR_* only for internal failures
 * (SMX_ERR_NOMEM, SMX_ERR_CRYPTO) or a broken call contract (SMX_ERR_INVAL:
 * unknown level, NULL pointer with a non-zero length; SMX_ERR_NOTFOUND:
 * MLDSA_BACKEND_LIBCRYPTO asked for but not there).
 */
#ifndef SMX_MLDSA_H
#define SMX_MLDSA_H

#include <stddef.h>

/* Which verifier runs. */
enum mldsa_backend_sel {
	MLDSA_BACKEND_AUTO,		/* libcrypto when it has the level, else ours */
	MLDSA_BACKEND_OURS,		/* always ours */
	MLDSA_BACKEND_LIBCRYPTO		/* always libcrypto (SMX_ERR_NOTFOUND if absent) */
};

/* What the message argument of mldsa_verify_ex() is. */
enum mldsa_input {
	MLDSA_INPUT_PURE,	/* M, with ctx: ML-DSA.Verify (FIPS 204 Alg. 3) */
	MLDSA_INPUT_MPRIME,	/* M' already formatted: ML-DSA.Verify_internal (Alg. 8); ctx unused */
	MLDSA_INPUT_MU		/* the 64-byte mu (external mu, FIPS 204 appendix D); ctx unused */
};

/* Pure ML-DSA verification with a context string (0..255 bytes; the empty
 * context, ctx = NULL and ctxlen = 0, is what X.509 and CMS use). */
int mldsa_verify(int level, const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen);

/* The same, always with the project's own verifier. */
int mldsa_verify_ours(int level, const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen);

/* The general form: a backend (enum mldsa_backend_sel) and an input kind
 * (enum mldsa_input).  For MLDSA_INPUT_MU, msglen must be 64. */
int mldsa_verify_ex(int backend, int input, int level,
    const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen);

/* 1 when the running libcrypto verifies this level itself, else 0. */
int mldsa_libcrypto_available(int level);

/* "libcrypto" when the running libcrypto has all three levels, else
 * "smimilter" (our verifier).  A static string. */
const char *mldsa_backend(void);

/* Sizes of the raw FIPS 204 encodings; 0 for an unknown level. */
size_t mldsa_pk_len(int level);
size_t mldsa_sig_len(int level);

#endif
