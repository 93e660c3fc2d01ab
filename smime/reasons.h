/*
 * reasons.h: the reason vocabulary.  Every reason a result can carry is one
 * of these tokens; other tools (log parsers, reports) depend on them, so a
 * token is never renamed.  reasons_table[] documents each one and names the
 * result it goes with; `smimecheck --list-reasons` prints it.
 */
#ifndef SMX_REASONS_H
#define SMX_REASONS_H

#include <stddef.h>

#include "smime/report.h"

/* none */
#define R_UNSIGNED		"unsigned"		/* no S/MIME layer at all */
#define R_ENCRYPTED		"encrypted"		/* enveloped-data, not opened */
/* fail */
#define R_BAD_SIGNATURE		"bad_signature"		/* the signature value does not verify */
#define R_DIGEST_MISMATCH	"digest_mismatch"	/* messageDigest differs from the content's digest */
#define R_CONTENT_TYPE_MISMATCH	"content_type_mismatch"	/* contentType attribute differs from eContentType */
/* policy */
#define R_WEAK_DIGEST		"weak_digest"		/* SHA-1 or MD5 while not allowed */
#define R_UNTRUSTED		"untrusted"		/* no path to a configured trust anchor */
#define R_EXPIRED		"expired"		/* a chain certificate expired at verification time */
#define R_NOT_YET_VALID		"not_yet_valid"		/* a chain certificate not yet valid */
#define R_BAD_PURPOSE		"bad_purpose"		/* emailProtection / S/MIME purpose missing in the chain */
#define R_BAD_KEY_USAGE		"bad_key_usage"		/* signer keyUsage forbids signing */
#define R_BAD_CA		"bad_ca"		/* basicConstraints / pathLen / keyCertSign broken in the chain */
#define R_CHAIN_INVALID		"chain_invalid"		/* other chain error (bad certificate signature, ...) */
#define R_SIGNING_TIME_FUTURE	"signing_time_future"	/* signingTime later than now + skew */
#define R_FROM_MISMATCH		"from_mismatch"		/* signer is not the From address (when required) */
/* neutral */
#define R_UNSUPPORTED_ALG	"unsupported_algorithm"	/* a digest or signature algorithm this build cannot check */
#define R_NO_SIGNER_CERT	"signer_cert_missing"	/* the signer certificate is not in the message */
/* permerror */
#define R_MALFORMED_MIME	"malformed_mime"	/* MIME structure broken (no close delimiter, ...) */
#define R_MALFORMED_CMS		"malformed_cms"		/* the CMS object does not decode */
#define R_BAD_ENCODING		"bad_encoding"		/* broken base64 / quoted-printable around a CMS object */
#define R_NOT_SIGNED_DATA	"not_signed_data"	/* a CMS object that is neither SignedData nor enveloped */
#define R_MISSING_SIGNATURE	"missing_signature"	/* multipart/signed without its signature part */
#define R_NO_SIGNERS		"no_signers"		/* SignedData with no SignerInfo */
#define R_NO_CONTENT		"no_content"		/* opaque SignedData without eContent */
#define R_MICALG_MISMATCH	"micalg_mismatch"	/* signer digest not among those micalg announced */
#define R_BAD_ATTRIBUTES	"bad_attributes"	/* signed attributes missing or malformed */
#define R_BAD_ALGORITHM_PARAMS	"bad_algorithm_params"	/* AlgorithmIdentifier parameters not as required */
#define R_TOO_LARGE		"too_large"		/* larger than MaximumMessageSize: not checked */
/* limit_<token> for every entry of limits_table[] is a permerror too */
#define R_LIMIT_PREFIX		"limit_"
/* temperror */
#define R_INTERNAL		"internal_error"	/* resources ran out while checking */

struct smx_reason_def {
	const char *token;
	enum smx_result result;
	const char *doc;
};

extern const struct smx_reason_def reasons_table[];
extern const size_t reasons_count;

/* The static token "limit_<tok>" for a limit token, or R_MALFORMED_MIME. */
const char *reasons_limit(const char *limit_token);

#endif
