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
 *	OpenDKIM's names are kept where the meaning is the same (Socket,
 *	UserID, UMask, PidFile, Syslog, SyslogFacility, SyslogSuccess,
 *	LogWhy, AuthservID, InternalHosts, MaximumMessageSize,
 *	SoftwareHeader); in place of its On-* keys, whose outcomes are
 *	DKIM's, there is one On key per outcome class of ours (OnUnsigned
 *	... OnBRNone) and OnInternalError.
 *
 *	The enum words are exported: conf_action_words[] in the order of
 *	enum decide_action of policy/decide.h (accept tag quarantine
 *	tempfail reject), so an action stored here is a decide_action, and
 *	conf_facility_words[] in the order milter/log.c maps to LOG_*.
 *	SenderPolicies and RecipientPolicies share one member table,
 *	policy_members[]: Domain and the nine On* class keys, which default
 *	there to CONF_ACTION_UNSET (as the global key).
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
#include "conf/conf_check.h"
#include "conf/conf_keys.h"
#include "smime/limits.h"

#define F(field)	offsetof(struct conf, field)
#define M(field)	offsetof(struct conf_domain_policy, field)

/* In the order of enum decide_action (policy/decide.h): severity. */
const char *const conf_action_words[] = {
	"accept", "tag", "quarantine", "tempfail", "reject", NULL
};

/* milter/log.c maps these, in this order, to LOG_MAIL ... LOG_LOCAL7. */
const char *const conf_facility_words[] = {
	"mail", "daemon", "user", "local0", "local1", "local2", "local3",
	"local4", "local5", "local6", "local7", NULL
};

#define ACT_TAG		1
#define ACT_QUARANTINE	2
#define ACT_TEMPFAIL	3

static const char *const internal_hosts_default[] = { "127.0.0.1", "::1", NULL };

/* One line per outcome class, in the order of enum decide_class. */
#define DOC_UNSIGNED	"action for a message that is not signed"
#define DOC_FAIL	"action for smime=fail: a signature or digest that does not verify"
#define DOC_POLICY	"action for smime=policy: verifies, but local policy refuses it " \
			"(weak digest, untrusted or expired chain, ...)"
#define DOC_PERMERROR	"action for smime=permerror: malformed S/MIME, or a limit reached"
#define DOC_TEMPERROR	"action for smime=temperror: a passing error while checking"
#define DOC_NEUTRAL	"action for smime=neutral: a signature this build cannot judge"
#define DOC_BR_FAIL	"action for a signed message whose certificates break a SHALL " \
			"of the S/MIME Baseline Requirements"
#define DOC_BR_WARN	"action for a signed message with only SHOULD-level BR findings"
#define DOC_BR_NONE	"action for a signed message whose certificates are not BR " \
			"S/MIME certificates (e.g. a private CA)"

/* OnUnsigned ... OnBRNone at their place in int on[CONF_NCLASSES] */
#define ON_KEY(nm, cls, off, dflt, dc) \
	{ .name = (nm), .type = CONF_ENUM, .offset = (off) + (cls) * sizeof(int), \
	  .def.l = (dflt), .words = conf_action_words, .doc = (dc) }

/* The members of one group of SenderPolicies / RecipientPolicies. */
static const struct conf_key policy_members[] = {
	{ .name = "Domain", .type = CONF_STRING, .offset = M(domain), .def.s = NULL,
	  .check = conf_check_domain, .form = "DOMAIN|.DOMAIN", .required = 1, .unique = 1,
	  .doc = "the domain: \"example.com\" alone, or \".example.com\" with its subdomains" },
	ON_KEY("OnUnsigned", 0, M(on), CONF_ACTION_UNSET, DOC_UNSIGNED),
	ON_KEY("OnFail", 1, M(on), CONF_ACTION_UNSET, DOC_FAIL),
	ON_KEY("OnPolicy", 2, M(on), CONF_ACTION_UNSET, DOC_POLICY),
	ON_KEY("OnPermerror", 3, M(on), CONF_ACTION_UNSET, DOC_PERMERROR),
	ON_KEY("OnTemperror", 4, M(on), CONF_ACTION_UNSET, DOC_TEMPERROR),
	ON_KEY("OnNeutral", 5, M(on), CONF_ACTION_UNSET, DOC_NEUTRAL),
	ON_KEY("OnBRFail", 6, M(on), CONF_ACTION_UNSET, DOC_BR_FAIL),
	ON_KEY("OnBRWarn", 7, M(on), CONF_ACTION_UNSET, DOC_BR_WARN),
	ON_KEY("OnBRNone", 8, M(on), CONF_ACTION_UNSET, DOC_BR_NONE),
};

#define NMEMBERS	(sizeof(policy_members) / sizeof(policy_members[0]))

/* The order here is the order of --list-keys, the sample and the man page. */
static const struct conf_key conf_table[] = {
	/* the daemon */
	{ .name = "Socket", .type = CONF_STRING, .offset = F(socket),
	  .def.s = "unix:/run/smimilter/smimilter.sock", .check = conf_check_socket,
	  .form = "unix:/PATH|local:/PATH|/PATH|inet:PORT|inet:PORT@HOST|inet6:PORT@HOST",
	  .doc = "the socket the MTA connects to (smimilter -p overrides it)" },
	{ .name = "UserID", .type = CONF_STRING, .offset = F(user_id),
	  .def.s = NULL, .check = conf_check_user, .form = "USER|USER:GROUP",
	  .doc = "user (and group) to run as after start-up (-u overrides it); "
		 "none: stay who started it" },
	{ .name = "UMask", .type = CONF_INTEGER, .offset = F(umask),
	  .def.l = 007, .min.l = 0, .max.l = 0777, .octal = 1,
	  .doc = "umask(2) for the UNIX socket and the files the milter creates; "
		 "a leading 0 means octal" },
	{ .name = "PidFile", .type = CONF_PATH, .offset = F(pid_file),
	  .def.s = NULL,
	  .doc = "file to write the process id to, removed at exit (-P overrides it); "
		 "none: no file" },
	/* logging */
	{ .name = "Syslog", .type = CONF_BOOLEAN, .offset = F(syslog),
	  .def.b = 1,
	  .doc = "log to syslog" },
	{ .name = "SyslogFacility", .type = CONF_ENUM, .offset = F(syslog_facility),
	  .def.l = 0, .words = conf_facility_words,
	  .doc = "the syslog facility" },
	{ .name = "SyslogSuccess", .type = CONF_BOOLEAN, .offset = F(syslog_success),
	  .def.b = 0,
	  .doc = "log a line for messages that passed too, not only for the others" },
	{ .name = "LogWhy", .type = CONF_BOOLEAN, .offset = F(log_why),
	  .def.b = 0,
	  .doc = "log why each message got its action (classes, exemptions, "
		 "per-domain policies)" },
	/* headers */
	{ .name = "AuthservID", .type = CONF_STRING, .offset = F(authserv_id),
	  .def.s = NULL, .check = conf_check_token, .form = "RFC 2045 token",
	  .doc = "the authserv-id of our Authentication-Results headers; "
		 "none: the host name" },
	{ .name = "SoftwareHeader", .type = CONF_BOOLEAN, .offset = F(software_header),
	  .def.b = 0,
	  .doc = "add an SMIMilter header field naming this program, its version and the host" },
	{ .name = "BRHeaderName", .type = CONF_STRING, .offset = F(br_header_name),
	  .def.s = "SMIME-BR-Compliance", .check = conf_check_field_name,
	  .form = "header field name",
	  .doc = "name of the BR compliance header; incoming headers of that "
		 "name are removed" },
	/* verification */
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
	{ .name = "AllowWeakMLDSADigest", .type = CONF_BOOLEAN,
	  .offset = F(allow_weak_mldsa_digest), .def.b = 0,
	  .doc = "let ML-DSA signatures whose digest is weaker than RFC 9882 "
		 "section 3.3 asks for the parameter set pass instead of getting "
		 "smime=policy" },
	{ .name = "RequireFromMatch", .type = CONF_BOOLEAN, .offset = F(require_from_match),
	  .def.b = 0,
	  .doc = "a signer certificate that does not name the From address gets "
		 "smime=policy instead of pass" },
	/* MaxNestingDepth, MaxParts, ...: see smime/limits.c */
	{ .name = NULL, .type = CONF_LIMITS, .offset = F(limits),
	  .doc = "the bounds of smime/limits.c" },
	/* the mail path */
	{ .name = "MaximumMessageSize", .type = CONF_SIZE, .offset = F(max_message_size),
	  .def.z = 64 * 1024 * 1024, .min.z = 0, .max.z = 2048UL * 1024 * 1024,
	  .doc = "larger messages are not checked and get smime=permerror "
		 "(reason too_large); 0: no limit" },
	{ .name = "InternalHosts", .type = CONF_LIST, .offset = F(internal_hosts),
	  .def.v = internal_hosts_default, .check = conf_check_cidr,
	  .form = "ADDRESS|ADDRESS/PREFIX",
	  .doc = "client addresses and CIDR prefixes (IPv4, IPv6) that count as internal" },
	{ .name = "ExemptInternal", .type = CONF_BOOLEAN, .offset = F(exempt_internal),
	  .def.b = 1,
	  .doc = "mail from InternalHosts is only tagged, never quarantined, "
		 "rejected or tempfailed by policy" },
	{ .name = "ExemptAuthenticated", .type = CONF_BOOLEAN, .offset = F(exempt_authenticated),
	  .def.b = 1,
	  .doc = "authenticated submissions ({auth_authen}) are only tagged, never "
		 "quarantined, rejected or tempfailed by policy" },
	/* the policy */
	{ .name = "OnInternalError", .type = CONF_ENUM, .offset = F(on_internal_error),
	  .def.l = ACT_TEMPFAIL, .words = conf_action_words, .except = 1u << ACT_QUARANTINE,
	  .doc = "action when the milter itself fails (out of memory, ...); "
		 "tempfail: the MTA retries" },
	ON_KEY("OnUnsigned", 0, F(on), ACT_TAG, DOC_UNSIGNED),
	ON_KEY("OnFail", 1, F(on), ACT_TAG, DOC_FAIL),
	ON_KEY("OnPolicy", 2, F(on), ACT_TAG, DOC_POLICY),
	ON_KEY("OnPermerror", 3, F(on), ACT_TAG, DOC_PERMERROR),
	ON_KEY("OnTemperror", 4, F(on), ACT_TEMPFAIL, DOC_TEMPERROR),
	ON_KEY("OnNeutral", 5, F(on), ACT_TAG, DOC_NEUTRAL),
	ON_KEY("OnBRFail", 6, F(on), ACT_TAG, DOC_BR_FAIL),
	ON_KEY("OnBRWarn", 7, F(on), ACT_TAG, DOC_BR_WARN),
	ON_KEY("OnBRNone", 8, F(on), ACT_TAG, DOC_BR_NONE),
	{ .name = "SenderPolicies", .type = CONF_GROUP_LIST, .offset = F(sender_policies),
	  .members = policy_members, .nmembers = NMEMBERS,
	  .elem_size = sizeof(struct conf_domain_policy),
	  .count_offset = F(nsender_policies),
	  .doc = "per sender domain (From header) actions: Domain and any On... "
		 "keys; the first matching Domain applies" },
	{ .name = "RecipientPolicies", .type = CONF_GROUP_LIST, .offset = F(recipient_policies),
	  .members = policy_members, .nmembers = NMEMBERS,
	  .elem_size = sizeof(struct conf_domain_policy),
	  .count_offset = F(nrecipient_policies),
	  .doc = "per recipient domain actions, as SenderPolicies; they can only "
		 "make an action more severe, and the most severe recipient wins" },
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
