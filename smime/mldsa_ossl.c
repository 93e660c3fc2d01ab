/*
 * NAME
 *	mldsa_ossl - ML-DSA verification by libcrypto itself (OpenSSL 3.5 and
 *	later), found at run time
 * SYNOPSIS
 *	#include "smime/mldsa_int.h"
 *
 *	int mldsa_ossl_available(const struct mldsa_params *p);
 *	int mldsa_ossl_verify(const struct mldsa_params *p, int input,
 *	    const unsigned char *pk, const unsigned char *msg, size_t msglen,
 *	    const unsigned char *ctx, size_t ctxlen, const unsigned char *sig);
 * DESCRIPTION
 *	mldsa_ossl_available fetches the signature algorithm ("ML-DSA-44",
 *	"ML-DSA-65", "ML-DSA-87") from the default library context, once per
 *	process (pthread_once), and says whether it was there.  This is a
 *	feature test, not a version test: libcrypto.so.3 keeps its soname
 *	across 3.x, so a binary built against OpenSSL 3.0 headers (Debian 12)
 *	uses libcrypto's ML-DSA as soon as the library it runs with has one.
 *	Everything here compiles against 3.0 headers: the algorithm names and
 *	the parameter keys are strings ("context-string", "message-encoding",
 *	"mu", EVP_SIGNATURE-ML-DSA(7) of OpenSSL 3.5).
 *
 *	mldsa_ossl_verify makes an EVP_PKEY from the raw public key
 *	(EVP_PKEY_new_raw_public_key_ex), then EVP_DigestVerifyInit_ex with no
 *	digest and EVP_DigestVerify (one shot).  input is an enum mldsa_input:
 *	MLDSA_INPUT_PURE sets the context string when it is not empty;
 *	MLDSA_INPUT_MPRIME sets message-encoding = 0 (msg is M');
 *	MLDSA_INPUT_MU sets mu = 1 (msg is mu).  The caller has checked the
 *	lengths of pk, sig and ctx, so libcrypto sees only inputs of the right
 *	size and the two backends cannot differ on those.
 *
 *	Errors that libcrypto leaves on its queue (a failed fetch, a rejected
 *	signature) are removed (ERR_set_mark / ERR_pop_to_mark), so callers do
 *	not misread them later; errors that were there before stay.
 * OWNERSHIP
 *	Reads its arguments only during the call; the EVP_PKEY and
 *	EVP_MD_CTX live for the call.
 * DIAGNOSTICS
 *	mldsa_ossl_verify: 1 valid, 0 invalid, SMX_ERR_NOMEM, SMX_ERR_CRYPTO
 *	(libcrypto could not take the key or set up the verification).
 */
#include <pthread.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "smime/mldsa.h"
#include "smime/mldsa_int.h"
#include "smime/smx_err.h"

/* OpenSSL 3.5 names; 3.0's headers do not have all of them. */
#ifdef OSSL_SIGNATURE_PARAM_CONTEXT_STRING
#define OSSL_CONTEXT_STRING OSSL_SIGNATURE_PARAM_CONTEXT_STRING
#else
#define OSSL_CONTEXT_STRING "context-string"
#endif
#ifdef OSSL_SIGNATURE_PARAM_MESSAGE_ENCODING
#define OSSL_MESSAGE_ENCODING OSSL_SIGNATURE_PARAM_MESSAGE_ENCODING
#else
#define OSSL_MESSAGE_ENCODING "message-encoding"
#endif
#ifdef OSSL_SIGNATURE_PARAM_MU
#define OSSL_MU OSSL_SIGNATURE_PARAM_MU
#else
#define OSSL_MU "mu"
#endif

static const char *const ossl_names[3] = { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" };
static int ossl_have[3];
static pthread_once_t ossl_once = PTHREAD_ONCE_INIT;

static void
ossl_probe(void)
{
	ERR_set_mark();
	for (int i = 0; i < 3; i++) {
		EVP_SIGNATURE *s = EVP_SIGNATURE_fetch(NULL, ossl_names[i], NULL);

		ossl_have[i] = s != NULL;
		EVP_SIGNATURE_free(s);
	}
	ERR_pop_to_mark();
}

static int
ossl_index(int level)
{
	return level == 44 ? 0 : level == 65 ? 1 : level == 87 ? 2 : -1;
}

int
mldsa_ossl_available(const struct mldsa_params *p)
{
	int i = ossl_index(p->level);

	if (i < 0 || pthread_once(&ossl_once, ossl_probe) != 0)
		return 0;
	return ossl_have[i];
}

int
mldsa_ossl_verify(const struct mldsa_params *p, int input,
    const unsigned char *pk, const unsigned char *msg, size_t msglen,
    const unsigned char *ctx, size_t ctxlen, const unsigned char *sig)
{
	static const unsigned char empty[1];
	OSSL_PARAM params[2];
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *mctx = NULL;
	int zero = 0, one = 1, n = 0, r, rc;

	ERR_set_mark();
	pkey = EVP_PKEY_new_raw_public_key_ex(NULL, p->name, NULL, pk, p->pkbytes);
	if (pkey == NULL) {
		rc = SMX_ERR_CRYPTO;
		goto out;
	}
	switch (input) {
	case MLDSA_INPUT_PURE:
		if (ctxlen > 0)
			params[n++] = OSSL_PARAM_construct_octet_string(
			    OSSL_CONTEXT_STRING, (void *)ctx, ctxlen);
		break;
	case MLDSA_INPUT_MPRIME:
		params[n++] = OSSL_PARAM_construct_int(OSSL_MESSAGE_ENCODING, &zero);
		break;
	case MLDSA_INPUT_MU:
		params[n++] = OSSL_PARAM_construct_int(OSSL_MU, &one);
		break;
	default:
		rc = SMX_ERR_INVAL;
		goto out;
	}
	params[n] = OSSL_PARAM_construct_end();
	if ((mctx = EVP_MD_CTX_new()) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	if (EVP_DigestVerifyInit_ex(mctx, NULL, NULL, NULL, NULL, pkey, params) != 1) {
		rc = SMX_ERR_CRYPTO;
		goto out;
	}
	r = EVP_DigestVerify(mctx, sig, p->sigbytes, msg != NULL ? msg : empty, msglen);
	rc = r == 1 ? 1 : r == 0 ? 0 : SMX_ERR_CRYPTO;
out:
	EVP_MD_CTX_free(mctx);
	EVP_PKEY_free(pkey);
	ERR_pop_to_mark();
	return rc;
}
