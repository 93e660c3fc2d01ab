/*
 * NAME
 *	reasons - the reason vocabulary and its documentation
 * SYNOPSIS
 *	#include "smime/reasons.h"
 *
 *	extern const struct smx_reason_def reasons_table[];
 *	const char *reasons_limit(const char *limit_token);
 * DESCRIPTION
 *	reasons_table[] lists every reason token with the result it comes
 *	with and one line of documentation, in the order of reasons.h, then
 *	one limit_<token> entry per limit of limits_table[].
 *
 *	reasons_limit() maps a limit token ("depth") to its static reason
 *	("limit_depth"); callers keep only static strings in reports.
 */
#include <string.h>

#include "smime/limits.h"
#include "smime/reasons.h"

const struct smx_reason_def reasons_table[] = {
	{ R_UNSIGNED, SMX_NONE, "the message has no S/MIME layer" },
	{ R_ENCRYPTED, SMX_NONE, "an enveloped (encrypted) layer; not opened" },
	{ R_BAD_SIGNATURE, SMX_FAIL, "the signature value does not verify with the signer's key" },
	{ R_DIGEST_MISMATCH, SMX_FAIL, "the messageDigest attribute differs from the digest of the content" },
	{ R_CONTENT_TYPE_MISMATCH, SMX_FAIL, "the contentType attribute differs from the encapsulated content type" },
	{ R_WEAK_DIGEST, SMX_POLICY, "signed with SHA-1 or MD5 while the configuration does not allow it" },
	{ R_UNTRUSTED, SMX_POLICY, "no chain from the signer to a configured trust anchor" },
	{ R_EXPIRED, SMX_POLICY, "a certificate of the chain had expired at the verification time" },
	{ R_NOT_YET_VALID, SMX_POLICY, "a certificate of the chain was not yet valid at the verification time" },
	{ R_BAD_PURPOSE, SMX_POLICY, "the chain does not allow e-mail protection (extendedKeyUsage)" },
	{ R_BAD_KEY_USAGE, SMX_POLICY, "the signer's keyUsage does not allow digital signatures" },
	{ R_BAD_CA, SMX_POLICY, "an issuer is not a valid CA (basicConstraints, pathLen, keyCertSign)" },
	{ R_CHAIN_INVALID, SMX_POLICY, "the chain is invalid for another reason (e.g. a certificate signature)" },
	{ R_SIGNING_TIME_FUTURE, SMX_POLICY, "the signingTime attribute lies in the future beyond the allowed skew" },
	{ R_FROM_MISMATCH, SMX_POLICY, "the signer is not the From address and RequireFromMatch is set" },
	{ R_UNSUPPORTED_ALG, SMX_NEUTRAL, "a digest or signature algorithm this build cannot verify" },
	{ R_NO_SIGNER_CERT, SMX_NEUTRAL, "the signer's certificate is not in the message" },
	{ R_MALFORMED_MIME, SMX_PERMERROR, "the MIME structure around a signature is broken" },
	{ R_MALFORMED_CMS, SMX_PERMERROR, "the CMS object does not decode" },
	{ R_BAD_ENCODING, SMX_PERMERROR, "broken base64 or quoted-printable around a CMS object" },
	{ R_NOT_SIGNED_DATA, SMX_PERMERROR, "a CMS object that is neither SignedData nor enveloped data" },
	{ R_MISSING_SIGNATURE, SMX_PERMERROR, "multipart/signed without its signature part" },
	{ R_NO_SIGNERS, SMX_PERMERROR, "SignedData without any SignerInfo" },
	{ R_NO_CONTENT, SMX_PERMERROR, "opaque SignedData without encapsulated content" },
	{ R_MICALG_MISMATCH, SMX_PERMERROR, "the signer's digest algorithm is not one micalg announced" },
	{ R_BAD_ATTRIBUTES, SMX_PERMERROR, "signed attributes missing, repeated or malformed" },
	{ R_BAD_ALGORITHM_PARAMS, SMX_PERMERROR, "AlgorithmIdentifier parameters present where they must be absent" },
	{ R_TOO_LARGE, SMX_PERMERROR, "the message is larger than MaximumMessageSize and was not checked" },
	{ "limit_depth", SMX_PERMERROR, "MaxNestingDepth reached" },
	{ "limit_parts", SMX_PERMERROR, "MaxParts reached" },
	{ "limit_header_bytes", SMX_PERMERROR, "MaxHeaderBytes reached" },
	{ "limit_header_line", SMX_PERMERROR, "MaxHeaderLine reached" },
	{ "limit_boundary", SMX_PERMERROR, "MaxBoundaryLength reached" },
	{ "limit_cms_bytes", SMX_PERMERROR, "MaxCMSBytes reached" },
	{ "limit_certs", SMX_PERMERROR, "MaxCertificates reached" },
	{ "limit_signers", SMX_PERMERROR, "MaxSigners reached" },
	{ "limit_layers", SMX_PERMERROR, "MaxLayers reached" },
	{ "limit_chain", SMX_PERMERROR, "MaxChainLength reached" },
	{ R_INTERNAL, SMX_TEMPERROR, "resources ran out while checking; the MTA should retry" },
};

const size_t reasons_count = sizeof(reasons_table) / sizeof(reasons_table[0]);

const char *
reasons_limit(const char *limit_token)
{
	size_t plen = strlen(R_LIMIT_PREFIX);

	for (size_t i = 0; i < reasons_count; i++) {
		const char *t = reasons_table[i].token;

		if (strncmp(t, R_LIMIT_PREFIX, plen) == 0 &&
		    strcmp(t + plen, limit_token) == 0)
			return t;
	}
	return R_MALFORMED_MIME;
}
