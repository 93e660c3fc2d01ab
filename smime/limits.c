/*
 * NAME
 *	limits - the named bounds of the S/MIME pipeline
 * SYNOPSIS
 *	#include "smime/limits.h"
 *
 *	void limits_default(struct smx_limits *l);
 *	size_t *limits_field(struct smx_limits *l, const struct smx_limit_def *def);
 * DESCRIPTION
 *	limits_table[] is the one place where a bound of the pipeline is
 *	declared: its configuration key, default, range, the token used in the
 *	permerror reason when it is reached, and one line of documentation.
 *	The defaults follow Postfix where Postfix has the same bound
 *	(mime_nesting_limit 100, header_size_limit 102400) and otherwise leave
 *	room for real mail: a 32 MiB opaque signed message, 64 certificates.
 */
#include <stddef.h>

#include "smime/limits.h"

#define L(field) offsetof(struct smx_limits, field)

const struct smx_limit_def limits_table[] = {
	{ "MaxNestingDepth", "depth", L(max_depth), 64, 2, 1000,
	  "deepest MIME nesting (multipart, message/rfc822, opaque S/MIME layers)" },
	{ "MaxParts", "parts", L(max_parts), 5000, 1, 1000000,
	  "most MIME entities in one message, counted over all levels" },
	{ "MaxHeaderBytes", "header_bytes", L(max_header_bytes), 1048576, 1024, 1073741824,
	  "most bytes in the header block of one MIME entity" },
	{ "MaxHeaderLine", "header_line", L(max_line), 65536, 998, 16777216,
	  "most bytes in one unfolded MIME header field that the parser must keep" },
	{ "MaxBoundaryLength", "boundary", L(max_boundary), 256, 70, 4096,
	  "longest multipart boundary string (RFC 2046 allows 70)" },
	{ "MaxCMSBytes", "cms_bytes", L(max_cms_bytes), 33554432, 4096, 1073741824,
	  "most decoded bytes of one CMS object (detached signature or opaque signed data)" },
	{ "MaxCertificates", "certs", L(max_certs), 64, 1, 10000,
	  "most certificates in the certificate bag of one SignedData" },
	{ "MaxSigners", "signers", L(max_signers), 16, 1, 1000,
	  "most SignerInfos in one SignedData" },
	{ "MaxLayers", "layers", L(max_layers), 16, 1, 1000,
	  "most S/MIME layers (signed or encrypted parts) in one message" },
	{ "MaxChainLength", "chain", L(max_chain), 10, 2, 100,
	  "longest certificate chain, trust anchor included" },
};

const size_t limits_count = sizeof(limits_table) / sizeof(limits_table[0]);

size_t *
limits_field(struct smx_limits *l, const struct smx_limit_def *def)
{
	return (size_t *)((char *)l + def->offset);
}

size_t
limits_get(const struct smx_limits *l, const struct smx_limit_def *def)
{
	return *(const size_t *)((const char *)l + def->offset);
}

void
limits_default(struct smx_limits *l)
{
	for (size_t i = 0; i < limits_count; i++)
		*limits_field(l, &limits_table[i]) = limits_table[i].def;
}
