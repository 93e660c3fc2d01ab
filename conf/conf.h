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

/* A list of strings (CONF_LIST). */
struct conf_list {
	char **v;
	size_t n;
};

/*
 * The outcome classes of policy/decide.h, in the order of enum
 * decide_class: unsigned, fail, policy, permerror, temperror, neutral,
 * br_fail, br_warn, br_none.  conf/ sits below policy/ and keeps its own
 * count; policy/decide.c checks at build time that the two agree.
 */
#define CONF_NCLASSES 9
#define CONF_ACTION_UNSET (-1)

/* One entry of SenderPolicies / RecipientPolicies. */
struct conf_domain_policy {
	char *domain;		/* "example.com" or ".example.com" (and subdomains) */
	int on[CONF_NCLASSES];	/* action index, or CONF_ACTION_UNSET */
};

/* The words of the enum keys, in index order, NULL-terminated. */
extern const char *const conf_action_words[];	/* accept tag quarantine tempfail reject */
extern const char *const conf_facility_words[];	/* mail daemon user local0 ... local7 */

struct conf {
	/* identity of the snapshot */
	char *file;		/* the file it came from, NULL for built-in defaults */

	/* verification (smime/) */
	char *trust_anchors;	/* TrustAnchors: PEM file or directory, NULL = none */
	long signing_time_skew;	/* SigningTimeSkew: seconds a signingTime may lie ahead */
	int allow_sha1;		/* AllowSHA1: SHA-1 signatures pass instead of policy */
	int allow_md5;		/* AllowMD5 */
	int allow_weak_mldsa_digest;	/* AllowWeakMLDSADigest: RFC 9882 3.3 */
	int require_from_match;	/* RequireFromMatch: signer must be the From address */
	struct smx_limits limits;	/* MaxNestingDepth, MaxParts, ... */

	/* the daemon (milter/) */
	char *socket;		/* Socket: unix:/path, local:/path, /path, inet[6]:PORT[@HOST] */
	char *user_id;		/* UserID: "user" or "user:group", NULL = stay */
	long umask;		/* UMask */
	char *pid_file;		/* PidFile, NULL = none */
	int syslog;		/* Syslog */
	int syslog_facility;	/* SyslogFacility: index into conf_facility_words[] */
	int syslog_success;	/* SyslogSuccess: log messages that passed too */
	int log_why;		/* LogWhy: log the reasons of every decision */
	char *authserv_id;	/* AuthservID, NULL = the host name at run time */
	struct conf_list internal_hosts;	/* InternalHosts: addresses and CIDR prefixes */
	int exempt_internal;	/* ExemptInternal */
	int exempt_authenticated;	/* ExemptAuthenticated */
	size_t max_message_size;	/* MaximumMessageSize, 0 = no limit */
	int software_header;	/* SoftwareHeader */
	char *br_header_name;	/* BRHeaderName */

	/* the policy (policy/decide.h): actions as indexes into conf_action_words[] */
	int on_internal_error;	/* OnInternalError */
	int on[CONF_NCLASSES];	/* OnUnsigned ... OnBRNone, in enum decide_class order */
	struct conf_domain_policy *sender_policies;	/* SenderPolicies */
	size_t nsender_policies;
	struct conf_domain_policy *recipient_policies;	/* RecipientPolicies */
	size_t nrecipient_policies;

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
