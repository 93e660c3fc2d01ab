/*
 * hdr_ar.h: the values of the two headers smimilter adds, built from a
 * verdict: Authentication-Results (RFC 8601, method smime of RFC 7281) and
 * the BR compliance header.  Only this module builds them; only the
 * header writer passes them to the MTA.
 */
#ifndef SMX_HDR_AR_H
#define SMX_HDR_AR_H

#include <stddef.h>

#include "policy/verdict.h"

#define HDR_AR_NAME "Authentication-Results"
#define HDR_BR_NAME_DEFAULT "SMIME-BR-Compliance"

/*
 * The Authentication-Results value (without the name and the colon, no
 * leading space): authserv-id, then one resinfo per signer
 * ("smime=RESULT [reason=...] header.from=... body.smime-identifier=...
 * body.smime-part=... body.smime-serial=... body.smime-issuer=..."), or
 * one without properties for a message with no signer.  Folded with
 * "\n\t" (never CR) so that no line passes 78 characters where it can be
 * helped; name_len is the length of the header name it goes under.  A new
 * string, or NULL when memory runs out.
 */
char *hdr_ar_value(const struct verdict *v, const char *authserv_id, size_t name_len);

/* "RESULT; type=T; generation=G; findings=c1,c2" (type, generation and
 * findings of the signer that set the message's BR result), or
 * "none; reason=R".  Folded likewise.  NULL when memory runs out. */
char *hdr_br_value(const struct verdict *v, size_t name_len);

/* 1 when an Authentication-Results value names authserv_id as its
 * authserv-id (ASCII case-insensitive, comments and whitespace skipped):
 * such a header in an incoming message is a forgery of ours. */
int hdr_ar_is_ours(const char *value, const char *authserv_id);

#endif
