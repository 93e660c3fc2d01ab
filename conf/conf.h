/*
 * conf.h: the configuration, loaded from a libconfig file (`Key = value;`)
 * into an immutable, reference-counted snapshot.
 *
 * Every key is declared once in conf_keys.c with its type, default, range
 * and one line of documentation; the limits of smime/limits.h are keys too.
 * Unknown keys, wrong types and values out of range are errors that name
 * the file, the line and the key.  A snapshot never changes after
 * conf_load() returns; a reload builds a new one and swaps it, and whoever
 * holds a reference to the old one keeps using it until conf_unref().
 */
#ifndef SMX_CONF_H
#define SMX_CONF_H

#include <stddef.h>
#include <stdio.h>

#include "smime/limits.h"

struct conf {
	/* identity of the snapshot */
	char *file;		/* the file it came from, NULL for built-in defaults */

	/* verification (smime/) */
	char *trust_anchors;	/* TrustAnchors: PEM file or directory, NULL = none */
	long signing_time_skew;	/* SigningTimeSkew: seconds a signingTime may lie ahead */
	int allow_sha1;		/* AllowSHA1: SHA-1 signatures pass instead of policy */
	int allow_md5;		/* AllowMD5 */
	int require_from_match;	/* RequireFromMatch: signer must be the From address */
	struct smx_limits limits;	/* MaxNestingDepth, MaxParts, ... */

	/* private */
	int refs;
};

/*
 * Load path (NULL: the built-in defaults).  On error returns NULL and writes
 * "FILE:LINE: KEY: what is wrong" (or "FILE: ..." when no line applies) to
 * err.  The result has one reference.
 */
struct conf *conf_load(const char *path, char *err, size_t errlen);

struct conf *conf_ref(struct conf *c);
void conf_unref(struct conf *c);	/* NULL is fine */

/* Describe every key: name, type, default, range, doc; for --list-keys and
 * for checking that the sample file and the man page name every key. */
struct conf_key_info {
	const char *name;
	const char *type;	/* "boolean", "integer", "string", "path", ... */
	const char *def;	/* default as text, "" when none */
	const char *range;	/* "1..1000", "accept|tag|...", or "" */
	const char *doc;
};
size_t conf_key_count(void);
void conf_key_describe(size_t i, struct conf_key_info *out);

#endif
