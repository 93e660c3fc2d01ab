/*
 * limits.h: every bound the S/MIME pipeline enforces, in one table.
 *
 * Each limit has a name (also its configuration key), a default, a range and
 * a result token.  Reaching a limit is a reported result (smime=permerror,
 * reason "limit_<token>"), never a crash and never an unbounded allocation.
 * conf/ builds its configuration keys from limits_table[], so a limit is
 * declared exactly once.
 */
#ifndef SMX_LIMITS_H
#define SMX_LIMITS_H

#include <stddef.h>

struct smx_limits {
	size_t max_depth;	/* MIME nesting depth (multipart, message/rfc822, opaque layers) */
	size_t max_parts;	/* MIME entities in one message, all levels */
	size_t max_header_bytes;/* bytes of one entity's header block */
	size_t max_line;	/* bytes of one (unfolded) header field that must be kept */
	size_t max_boundary;	/* bytes of a multipart boundary string */
	size_t max_cms_bytes;	/* decoded bytes of one CMS object (signature or opaque) */
	size_t max_certs;	/* certificates in one SignedData */
	size_t max_signers;	/* SignerInfos in one SignedData */
	size_t max_layers;	/* S/MIME layers (signed or encrypted) in one message */
	size_t max_chain;	/* certificates in one verified chain, anchor included */
};

struct smx_limit_def {
	const char *key;	/* configuration key, e.g. "MaxNestingDepth" */
	const char *token;	/* reason suffix, e.g. "depth" -> "limit_depth" */
	size_t offset;		/* offsetof(struct smx_limits, field) */
	size_t def, min, max;
	const char *doc;
};

extern const struct smx_limit_def limits_table[];
extern const size_t limits_count;

/* Fill *l with the defaults of limits_table[]. */
void limits_default(struct smx_limits *l);

/* The field of *l that def describes. */
size_t *limits_field(struct smx_limits *l, const struct smx_limit_def *def);
size_t limits_get(const struct smx_limits *l, const struct smx_limit_def *def);

#endif
