/*
 * NAME
 *	mldsa - ML-DSA (FIPS 204) signature verification: the interface, and
 *	the choice between libcrypto's ML-DSA and the project's own
 * SYNOPSIS
 *	#include "smime/mldsa.h"
 *
 *	int mldsa_verify(int level, const unsigned char *pk, size_t pklen,
 *	    const unsigned char *msg, size_t msglen,
 *	    const unsigned char *ctx, size_t ctxlen,
 *	    const unsigned char *sig, size_t siglen);
 *	int mldsa_verify_ours(...same...);
 *	int mldsa_verify_ex(int backend, int input, int level, ...same...);
 *	int mldsa_libcrypto_available(int level);
 *	const char *mldsa_backend(void);
 *	size_t mldsa_pk_len(int level);
 *	size_t mldsa_sig_len(int level);
 * DESCRIPTION
 *	Pure ML-DSA verification (FIPS 204 Alg. 3, ML-DSA.Verify) of sig over
 *	msg with the context string ctx (0 to 255 bytes; X.509 and CMS use the
 *	empty one) under the raw public key pk (pkEncode, 1312 / 1952 / 2592
 *	bytes for level 44 / 65 / 87; not the SubjectPublicKeyInfo).  M' =
 *	0x00 || len(ctx) || ctx || msg is never copied: it is hashed in
 *	pieces.  HashML-DSA is not offered (RFC 9881 and RFC 9882 forbid it);
 *	mldsa_verify_ex's MLDSA_INPUT_MPRIME (msg is M', Alg. 8) and
 *	MLDSA_INPUT_MU (msg is the 64-byte mu, FIPS 204 appendix D) exist
 *	for tests and for callers that form M' or mu themselves.
 *
 *	mldsa_verify uses libcrypto's ML-DSA for a level when the running
 *	libcrypto has it (smime/mldsa_ossl.c: found by fetching the
 *	algorithm, once per process), else the project's verifier
 *	(smime/mldsa_core.c, SHAKE from libcrypto).  mldsa_verify_ours always
 *	uses ours, so both can be compared where both exist.  Lengths are
 *	checked here, before either backend runs, so the backends see the
 *	same inputs: a public key or signature whose length is not exactly
 *	the FIPS 204 size, or a context longer than 255 bytes, is an invalid
 *	signature (0), not an error.
 *
 *	mldsa_backend() names the verifier used on this process for every
 *	level: "libcrypto" when libcrypto has all three, else "smimilter"
 *	(for -V / --version).  Thread-safe: the only state is fetched once
 *	(pthread_once) and never changes.
 * OWNERSHIP
 *	Arguments are read during the call only.  Each verification by our
 *	backend allocates one workspace of about 24 KiB and one EVP_MD_CTX,
 *	both freed before it returns; the stack stays under 4 KiB.
 * DIAGNOSTICS
 *	1 valid, 0 invalid (any malformed input included); SMX_ERR_INVAL for
 *	an unknown level, backend or input kind, a NULL pointer with a
 *	non-zero length, or an MLDSA_INPUT_MU message that is not 64 bytes;
 *	SMX_ERR_NOTFOUND when MLDSA_BACKEND_LIBCRYPTO is asked for and
 *	libcrypto has no such level; SMX_ERR_NOMEM; SMX_ERR_CRYPTO when
 *	libcrypto fails (no SHAKE, a failed call).
 */
#include <stddef.h>

#include "smime/mldsa.h"
#include "smime/mldsa_int.h"
#include "smime/smx_err.h"

static const struct mldsa_params mldsa_tab[3] = {
	{
		.level = 44, .name = "ML-DSA-44", .k = 4, .l = 4, .tau = 39,
		.ctbytes = 32, .gamma1_bits = 17, .gamma1 = 1 << 17,
		.gamma2 = (MLDSA_Q - 1) / 88, .beta = 78, .omega = 80,
		.z_polybytes = 576, .w1_polybytes = 192,
		.pkbytes = 1312, .sigbytes = 2420,
	},
	{
		.level = 65, .name = "ML-DSA-65", .k = 6, .l = 5, .tau = 49,
		.ctbytes = 48, .gamma1_bits = 19, .gamma1 = 1 << 19,
		.gamma2 = (MLDSA_Q - 1) / 32, .beta = 196, .omega = 55,
		.z_polybytes = 640, .w1_polybytes = 128,
		.pkbytes = 1952, .sigbytes = 3309,
	},
	{
		.level = 87, .name = "ML-DSA-87", .k = 8, .l = 7, .tau = 60,
		.ctbytes = 64, .gamma1_bits = 19, .gamma1 = 1 << 19,
		.gamma2 = (MLDSA_Q - 1) / 32, .beta = 120, .omega = 75,
		.z_polybytes = 640, .w1_polybytes = 128,
		.pkbytes = 2592, .sigbytes = 4627,
	},
};

/* The sizes are what FIPS 204 says they are. */
_Static_assert(1312 == 32 + 4 * 320 && 2420 == 32 + 4 * 576 + 80 + 4, "ML-DSA-44 sizes");
_Static_assert(1952 == 32 + 6 * 320 && 3309 == 48 + 5 * 640 + 55 + 6, "ML-DSA-65 sizes");
_Static_assert(2592 == 32 + 8 * 320 && 4627 == 64 + 7 * 640 + 75 + 8, "ML-DSA-87 sizes");

const struct mldsa_params *
mldsa_params_get(int level)
{
	switch (level) {
	case 44: return &mldsa_tab[0];
	case 65: return &mldsa_tab[1];
	case 87: return &mldsa_tab[2];
	default: return NULL;
	}
}

size_t
mldsa_pk_len(int level)
{
	const struct mldsa_params *p = mldsa_params_get(level);

	return p != NULL ? p->pkbytes : 0;
}

size_t
mldsa_sig_len(int level)
{
	const struct mldsa_params *p = mldsa_params_get(level);

	return p != NULL ? p->sigbytes : 0;
}

int
mldsa_libcrypto_available(int level)
{
	const struct mldsa_params *p = mldsa_params_get(level);

	return p != NULL && mldsa_ossl_available(p);
}

const char *
mldsa_backend(void)
{
	for (unsigned i = 0; i < 3; i++)
		if (!mldsa_ossl_available(&mldsa_tab[i]))
			return "smimilter";
	return "libcrypto";
}

int
mldsa_verify_ex(int backend, int input, int level,
    const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen)
{
	const struct mldsa_params *p = mldsa_params_get(level);
	unsigned char pre[2];
	struct mldsa_iov mp[3];
	int ossl;

	if (p == NULL)
		return SMX_ERR_INVAL;
	if ((pk == NULL && pklen > 0) || (msg == NULL && msglen > 0) ||
	    (ctx == NULL && ctxlen > 0) || (sig == NULL && siglen > 0))
		return SMX_ERR_INVAL;
	if (input != MLDSA_INPUT_PURE && input != MLDSA_INPUT_MPRIME &&
	    input != MLDSA_INPUT_MU)
		return SMX_ERR_INVAL;
	if (input == MLDSA_INPUT_MU && msglen != MLDSA_MUBYTES)
		return SMX_ERR_INVAL;
	switch (backend) {
	case MLDSA_BACKEND_AUTO:
		ossl = mldsa_ossl_available(p);
		break;
	case MLDSA_BACKEND_OURS:
		ossl = 0;
		break;
	case MLDSA_BACKEND_LIBCRYPTO:
		if (!mldsa_ossl_available(p))
			return SMX_ERR_NOTFOUND;
		ossl = 1;
		break;
	default:
		return SMX_ERR_INVAL;
	}

	/* Alg. 3 line 1, Alg. 27 and 23 sizes: malformed is invalid */
	if (pklen != p->pkbytes || siglen != p->sigbytes)
		return 0;
	if (input == MLDSA_INPUT_PURE && ctxlen > 255)
		return 0;

	if (ossl)
		return mldsa_ossl_verify(p, input, pk, msg, msglen, ctx, ctxlen, sig);
	switch (input) {
	case MLDSA_INPUT_PURE:
		/* M' = 0 || IntegerToBytes(|ctx|, 1) || ctx || M */
		pre[0] = 0;
		pre[1] = (unsigned char)ctxlen;
		mp[0].p = pre;
		mp[0].n = 2;
		mp[1].p = ctx;
		mp[1].n = ctxlen;
		mp[2].p = msg;
		mp[2].n = msglen;
		return mldsa_core_verify(p, pk, mp, 3, NULL, sig);
	case MLDSA_INPUT_MPRIME:
		mp[0].p = msg;
		mp[0].n = msglen;
		return mldsa_core_verify(p, pk, mp, 1, NULL, sig);
	default:
		return mldsa_core_verify(p, pk, NULL, 0, msg, sig);
	}
}

int
mldsa_verify(int level, const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen)
{
	return mldsa_verify_ex(MLDSA_BACKEND_AUTO, MLDSA_INPUT_PURE, level,
	    pk, pklen, msg, msglen, ctx, ctxlen, sig, siglen);
}

int
mldsa_verify_ours(int level, const unsigned char *pk, size_t pklen,
    const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen,
    const unsigned char *sig, size_t siglen)
{
	return mldsa_verify_ex(MLDSA_BACKEND_OURS, MLDSA_INPUT_PURE, level,
	    pk, pklen, msg, msglen, ctx, ctxlen, sig, siglen);
}
