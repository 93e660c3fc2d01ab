/*
 * NAME
 *	conf_keys - the table of every configuration key
 * SYNOPSIS
 *	#include "conf/conf_keys.h"
 *
 *	size_t conf_keys_count(void);
 *	int conf_keys_get(size_t i, struct conf_key *out);
 *	size_t conf_keys_find(const char *name);
 *	int conf_keys_namecmp(const char *a, const char *b);
 * DESCRIPTION
 *	conf_table[] is where a key of smimilter.conf is declared, once: name,
 *	type, the field of struct conf that holds it, default, range and one
 *	line of documentation.  The loader (conf.c), `smimilter --list-keys`,
 *	the sample file test and the man page all read this table, so a key
 *	added here is parsed, validated, listed and checked for documentation
 *	without another edit.
 *
 *	The bounds of the S/MIME pipeline are declared in smime/limits.c, next
 *	to the code that enforces them.  One CONF_LIMITS row stands for the
 *	whole of limits_table[]; conf_keys_get() expands it in place, so the
 *	limits appear as CONF_SIZE keys at that position and nobody repeats a
 *	default or a range.
 *
 *	Key names follow OpenDKIM: CamelCase, matched without regard to ASCII
 *	case (opendkim.conf(5) does the same), so "allowsha1" is AllowSHA1.
 * OWNERSHIP
 *	Everything here is static and read-only; conf_keys_get() copies a row
 *	into the caller's struct, and the strings in it are static.
 * DIAGNOSTICS
 *	conf_keys_get() returns -1 for an index out of range;
 *	conf_keys_find() returns conf_keys_count() for an unknown name.
 *	All functions are thread-safe (no state).
 */
#include <stddef.h>

#include "conf/conf.h"
#include "conf/conf_keys.h"
#include "smime/limits.h"

#define F(field)	offsetof(struct conf, field)

/* The order here is the order of --list-keys, the sample and the man page. */
static const struct conf_key conf_table[] = {
	{ .name = "TrustAnchors", .type = CONF_PATH, .offset = F(trust_anchors),
	  .def.s = NULL,
	  .doc = "PEM file, or directory of hashed PEM files (c_rehash), of trusted "
		 "root certificates; relative to the config file; none: no chain is trusted" },
	{ .name = "SigningTimeSkew", .type = CONF_INTEGER, .offset = F(signing_time_skew),
	  .def.l = 300, .min.l = 0, .max.l = 86400,
	  .doc = "seconds a signingTime attribute may lie ahead of the verification "
		 "time before the signature gets smime=policy" },
	{ .name = "AllowSHA1", .type = CONF_BOOLEAN, .offset = F(allow_sha1),
	  .def.b = 0,
	  .doc = "let signatures made with SHA-1 pass instead of getting smime=policy" },
	{ .name = "AllowMD5", .type = CONF_BOOLEAN, .offset = F(allow_md5),
	  .def.b = 0,
	  .doc = "let signatures made with MD5 pass instead of getting smime=policy" },
	{ .name = "RequireFromMatch", .type = CONF_BOOLEAN, .offset = F(require_from_match),
	  .def.b = 0,
	  .doc = "a signer certificate that does not name the From address gets "
		 "smime=policy instead of pass" },
	/* MaxNestingDepth, MaxParts, ...: see smime/limits.c */
	{ .name = NULL, .type = CONF_LIMITS, .offset = F(limits),
	  .doc = "the bounds of smime/limits.c" },
};

#define NROWS	(sizeof(conf_table) / sizeof(conf_table[0]))

static size_t
row_width(const struct conf_key *row)
{
	return row->type == CONF_LIMITS ? limits_count : 1;
}

size_t
conf_keys_count(void)
{
	size_t n = 0;

	for (size_t r = 0; r < NROWS; r++)
		n += row_width(&conf_table[r]);
	return n;
}

/*
 * A limit as a key: its field is inside struct conf at the offset of the
 * CONF_LIMITS row plus the limit's own offset in struct smx_limits.
 */
static void
limit_key(const struct conf_key *row, const struct smx_limit_def *lim,
    struct conf_key *out)
{
	*out = (struct conf_key){
		.name = lim->key,
		.type = CONF_SIZE,
		.offset = row->offset + lim->offset,
		.def.z = lim->def,
		.min.z = lim->min,
		.max.z = lim->max,
		.doc = lim->doc,
	};
}

int
conf_keys_get(size_t i, struct conf_key *out)
{
	int rc = -1;

	for (size_t r = 0; r < NROWS; r++) {
		const struct conf_key *row = &conf_table[r];
		size_t w = row_width(row);

		if (i >= w) {
			i -= w;
			continue;
		}
		if (row->type == CONF_LIMITS)
			limit_key(row, &limits_table[i], out);
		else
			*out = *row;
		rc = 0;
		goto out;
	}
out:
	return rc;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Not strcasecmp(): that is POSIX, and it follows the locale. */
int
conf_keys_namecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p != '\0' && lower(*p) == lower(*q)) {
		p++;
		q++;
	}
	return lower(*p) - lower(*q);
}

size_t
conf_keys_find(const char *name)
{
	size_t n = conf_keys_count();
	size_t i;
	struct conf_key k;

	for (i = 0; i < n; i++) {
		if (conf_keys_get(i, &k) == 0 && conf_keys_namecmp(k.name, name) == 0)
			break;
	}
	return i;
}
