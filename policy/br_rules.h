/*
 * br_rules.h: the S/MIME BR rules as data, and the runner.
 *
 * One struct br_rule per requirement, with a stable code whose prefix is
 * its severity (e_ error: SHALL / SHALL NOT; w_ warning: SHOULD / SHOULD
 * NOT; n_ notice: an observation), the BR (or RFC) section, the dates
 * between which it applies (compared with the certificate's notBefore, as
 * the BR speaks of issuance), the roles, generations and types it applies
 * to, an optional applies() for anything finer, and check().  Rules live
 * in one file per BR section group (br_6_1.c, br_7_1_2_3.c, ...), each
 * exporting a table that br_rules.c lists; codes are unique over all.
 */
#ifndef SMX_BR_RULES_H
#define SMX_BR_RULES_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "policy/br_profile.h"

enum br_sev { BR_SEV_ERROR, BR_SEV_WARN, BR_SEV_NOTICE };

/* Result per certificate and per message (DESIGN.md): ordered by severity. */
enum br_result { BR_NONE, BR_PASS, BR_WARN, BR_FAIL };

enum br_role {
	BR_ROLE_SUBSCRIBER = 1 << 0,	/* end-entity S/MIME certificate */
	BR_ROLE_SUBCA = 1 << 1,		/* subordinate (intermediate) CA */
	BR_ROLE_ROOT = 1 << 2,		/* self-signed CA */
	BR_ROLE_OCSP = 1 << 3,		/* delegated OCSP responder: id-kp-OCSPSigning, no CA */
	/* a subscriber certificate met as the sender's encryption certificate;
	 * always with BR_ROLE_SUBSCRIBER, whose rules apply to it too */
	BR_ROLE_ENCRYPTION = 1 << 4
};
#define BR_ROLE_CA (BR_ROLE_SUBCA | BR_ROLE_ROOT)
#define BR_ROLE_ALL (BR_ROLE_SUBSCRIBER | BR_ROLE_CA | BR_ROLE_OCSP)

/* Masks for br_rule.gens and br_rule.types: 0 means all. */
#define BR_GEN(g) (1u << (g))
#define BR_TYPE(t) (1u << (t))

/*
 * Values several rules derive from the same certificate (a decoded
 * extension, the subject read into attributes), made on first use and
 * kept for one br_lint_cert() run, which sets the memo up and frees it:
 * br_memo_get() / br_memo_put() in br_util.h.  Keys: an extension's NID,
 * or a BR_MEMO_* below.  Twice the slots the rules use; should they ever
 * run out, the lint ends with SMX_ERR_NOMEM rather than a wrong finding.
 */
#define BR_MEMO_MAX 32
#define BR_MEMO_SUBJECT (-1)
#define BR_MEMO_KEYALG (-2)	/* br_7_1_3.c's entry for the key's AlgorithmIdentifier */
#define BR_MEMO_SIGALG (-3)	/* and for the outer signatureAlgorithm */
#define BR_MEMO_D2I(nid) (-1000 - (nid))	/* br_ext_d2i() */
struct br_memo {
	int n;
	int failed;		/* a value could not be kept (full, or no memory) */
	struct br_memo_slot {
		int key;
		void *val;			/* may be NULL: "absent", remembered too */
		const ASN1_ITEM *it;		/* freed with ASN1_item_free() when set, */
		void (*release)(void *);	/* else with this (when set) */
	} slot[BR_MEMO_MAX];
};

/* A certificate under examination and what is known around it. */
struct br_cert {
	X509 *x;
	X509 *issuer;		/* the issuing CA's certificate, or NULL */
	unsigned role;		/* BR_ROLE_* bits */
	const char *label;	/* "signer", "intermediate 1", "root", "certificate" */
	struct br_profile prof;	/* of x; for a CA, of the subscriber it issued (when known) */
	int nb_ymd;		/* notBefore as yyyymmdd (UTC) */
	STACK_OF(X509) *chain;	/* the verified chain, leaf first, or NULL (not owned) */
	STACK_OF(X509) *bag;	/* the other certificates at hand, or NULL (not owned) */
	struct br_memo *memo;	/* br_lint_cert()'s, for the rules' checks */
};

#define BR_DETAIL_MAX 160

struct br_rule {
	const char *code;	/* "e_ku_missing" */
	enum br_sev sev;
	const char *section;	/* "7.1.2.3e" or "RFC 5280 4.2.1.3" */
	const char *doc;	/* one line: what is required */
	int from;		/* yyyymmdd: applies to notBefore >= from; 0 = always */
	int until;		/* yyyymmdd: applies to notBefore < until; 0 = open */
	unsigned roles;		/* BR_ROLE_* mask */
	unsigned gens;		/* BR_GEN() mask, 0 = every generation */
	unsigned types;		/* BR_TYPE() mask, 0 = every type */
	int (*applies)(const struct br_cert *c);	/* NULL = always */
	/* 0 holds, 1 violated (detail may say how: sanitized later), <0 SMX_ERR_* */
	int (*check)(const struct br_cert *c, char *detail, size_t dlen);
};

struct br_finding {
	const struct br_rule *rule;
	const char *cert;	/* the br_cert's label */
	char detail[BR_DETAIL_MAX];
};

/* The verdict over a set of certificates (a signer and its CAs). */
struct br_verdict {
	enum br_result result;
	struct br_profile prof;	/* of the subscriber certificate */
	const char *reason;	/* why result is none ("no_reserved_policy", ...), else NULL */
	struct br_finding *findings;
	size_t nfindings, cap;
};

/* Every rule, in table order. */
size_t br_rules_count(void);
const struct br_rule *br_rules_get(size_t i);
const char *br_sev_name(enum br_sev s);		/* "error", "warning", "notice" */
const char *br_result_name(enum br_result r);	/* "none", "pass", "warn", "fail" */

/* Fill a br_cert for x (issuer may be NULL). */
void br_cert_init(struct br_cert *c, X509 *x, X509 *issuer, unsigned role,
    const char *label);

/*
 * Run every rule that applies to c and add its findings to v (v->result
 * is not touched; br_verdict_finish() sets it).  The rules run on a copy
 * of c that carries this run's memo (c->memo is ignored).  0 or
 * SMX_ERR_NOMEM.
 */
int br_lint_cert(const struct br_cert *c, struct br_verdict *v);
/* Result from the findings: fail on any error, warn on any warning. */
void br_verdict_finish(struct br_verdict *v);
void br_verdict_clear(struct br_verdict *v);

/*
 * Lint a subscriber certificate and the CA certificates above it (chain:
 * leaf first, as built by verification, may be NULL; bag: the other
 * certificates that came with it, used for the issuer when chain lacks
 * it), and the sender's encryption certificates: enc (named by an
 * SMIMEEncryptionKeyPreference attribute, may be NULL) and every
 * encryption-only certificate of bag for a mailbox of leaf.  A subscriber
 * without a reserved policy OID gets result none and reason
 * "no_reserved_policy", and is not linted further.
 */
int br_lint_signer(X509 *leaf, X509 *enc, STACK_OF(X509) *chain, STACK_OF(X509) *bag,
    struct br_verdict *v);

/*
 * Lint a certificate on its own, in the role it has (subscriber, the
 * encryption role for an encryption-only one, delegated OCSP responder,
 * or subordinate / root CA when basicConstraints says CA); others are
 * certificates that may include its issuers.  For smimecheck --cert.
 */
int br_lint_any(X509 *x, STACK_OF(X509) *others, struct br_verdict *v);

/*
 * A certificate parsed to be linted, not verified: like d2i_X509(), but
 * its public key is not decoded into an EVP_PKEY (X509_get0_pubkey() is
 * NULL).  OpenSSL 3.0 builds a provider decoder chain anew for every key
 * it parses, some 100 us, five times the rest of the parse; the rules
 * read keys from their DER and never need it.  Thread-safe; NULL when the
 * DER is not a certificate.  For smimecheck --cert and the benchmark.
 */
X509 *br_cert_d2i(const unsigned char **pp, long len);

/* The group tables (one per section-group file). */
struct br_rule_group {
	const struct br_rule *rules;
	size_t count;
};

#endif
