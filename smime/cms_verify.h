/*
 * cms_verify.h: verify one CMS object found in a message.
 */
#ifndef SMX_CMS_VERIFY_H
#define SMX_CMS_VERIFY_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509_vfy.h>

#include "smime/digest.h"
#include "smime/limits.h"
#include "smime/report.h"

struct cms_verify_opts {
	X509_STORE *trust;	/* trust anchors; NULL: every chain is untrusted */
	time_t now;		/* the verification time */
	long skew;		/* seconds a signingTime may lie ahead of now */
	int allow_sha1;
	int allow_md5;
	int require_from_match;
	const struct smx_limits *lim;
	int allow_weak_mldsa_digest;	/* ML-DSA with a digest weaker than RFC 9882
					 * 3.3 lists for the set passes (0: policy) */
};

/*
 * Verify the CMS object der/len.  detached holds the digests of the
 * detached content (multipart/signed), or is NULL for an opaque object
 * whose content is encapsulated.  from is the address of the governing From
 * header or NULL.
 *
 * Fills in layer: result, reason, signers, certs; a kind of
 * SMX_LAYER_ENCRYPTED when the object is enveloped data.  For an opaque
 * SignedData, *content / *content_len receive the encapsulated content
 * (NULL when there is none) for the caller to parse and to free with
 * OPENSSL_free(): it is libcrypto's buffer, taken over, not a copy.
 *
 * Returns 0 (whatever the verdict), or SMX_ERR_NOMEM / SMX_ERR_CRYPTO when
 * checking itself failed; then layer holds temperror internal_error.
 */
int cms_verify(const struct cms_verify_opts *o, const unsigned char *der,
    size_t len, const struct digest_set *detached, const char *from,
    struct smx_layer *layer, unsigned char **content, size_t *content_len);

#endif
