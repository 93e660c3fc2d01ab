/*
 * NAME
 *	br_rules - the BR rules table and the runner
 * SYNOPSIS
 *	#include "policy/br_rules.h"
 *
 *	int br_lint_signer(X509 *leaf, X509 *enc, STACK_OF(X509) *chain,
 *	    STACK_OF(X509) *bag, struct br_verdict *v);
 *	int br_lint_cert(const struct br_cert *c, struct br_verdict *v);
 *	X509 *br_cert_d2i(const unsigned char **pp, long len);
 * DESCRIPTION
 *	The table is the concatenation of the group tables, one per BR
 *	section group; a rule runs when the certificate's role, generation,
 *	type and notBefore are in its range and its applies() agrees.  Each
 *	rule gives at most one finding per certificate, so a code names one
 *	requirement and reports stay comparable across releases.
 *
 *	br_lint_signer() lints the subscriber certificate and every CA
 *	certificate above it that came with the message (the anchors of the
 *	local trust store are the site's, not the sender's, and are left
 *	alone).  The chain is the one verification built; when it stops
 *	short (an untrusted chain), issuers are looked up in the certificate
 *	bag instead, so a message from an unknown CA is still linted.
 *	Delegated OCSP responder certificates in the bag (id-kp-OCSPSigning,
 *	no CA, no S/MIME policy) issued by a CA of that chain are linted too,
 *	in the role BR_ROLE_OCSP (BR 4.9.9).  So are the sender's encryption
 *	certificates, as subscriber certificates labelled "encryption": the
 *	one an SMIMEEncryptionKeyPreference attribute named (enc), and any
 *	encryption-only certificate of the bag (an ML-KEM key, or a keyUsage
 *	without digitalSignature and nonRepudiation) for a mailbox of the
 *	signer's: the certificate correspondents will encrypt to is the one
 *	whose compliance matters most to them.  Every br_cert carries the
 *	chain and the bag, for the rules that look at the other certificates.
 *
 *	No rule needs the EVP_PKEY of a certificate: keys are judged from
 *	their DER, issuers found by names and key identifiers.  So
 *	br_cert_d2i() can parse in a library context whose only provider is
 *	"null": x509_pubkey_ex_d2i_ex() then finds no decoder and leaves the
 *	key undecoded, quietly, while the certificate's own library context
 *	(for its SHA-1 fingerprint) stays the default one.  A certificate
 *	lints the same either way; the unit tests check it.
 * OWNERSHIP
 *	Findings point to static rules and labels; the verdict owns its
 *	array (br_verdict_clear()).
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM; a rule's own error ends the run with that code.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/address.h"
#include "smime/certinfo.h"
#include "smime/smx_err.h"

extern const struct br_rule_group br_group_7_1;
extern const struct br_rule_group br_group_7_1_2_3;
extern const struct br_rule_group br_group_7_1_2_3_ku;
extern const struct br_rule_group br_group_7_1_2_3_ext;
extern const struct br_rule_group br_group_7_1_2_ca;
extern const struct br_rule_group br_group_7_1_3;
extern const struct br_rule_group br_group_7_1_3_rsa;
extern const struct br_rule_group br_group_7_1_4;
extern const struct br_rule_group br_group_7_1_4_subject;
extern const struct br_rule_group br_group_7_1_4_orgid;
extern const struct br_rule_group br_group_7_1_6;
extern const struct br_rule_group br_group_bag;

static const struct br_rule_group *const groups[] = {
	&br_group_7_1, &br_group_7_1_2_3, &br_group_7_1_2_3_ku, &br_group_7_1_2_3_ext,
	&br_group_7_1_2_ca, &br_group_7_1_3, &br_group_7_1_3_rsa,
	&br_group_7_1_4, &br_group_7_1_4_subject, &br_group_7_1_4_orgid, &br_group_7_1_6,
	&br_group_bag,
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

/* Static labels, so that findings can point to them. */
static const char *const ca_labels[] = {
	"intermediate 1", "intermediate 2", "intermediate 3", "intermediate 4",
	"intermediate 5", "intermediate 6", "intermediate 7", "intermediate 8",
	"intermediate 9",
};
#define NLABELS (sizeof(ca_labels) / sizeof(ca_labels[0]))

size_t
br_rules_count(void)
{
	size_t n = 0;

	for (size_t g = 0; g < NGROUPS; g++)
		n += groups[g]->count;
	return n;
}

const struct br_rule *
br_rules_get(size_t i)
{
	for (size_t g = 0; g < NGROUPS; g++) {
		if (i < groups[g]->count)
			return &groups[g]->rules[i];
		i -= groups[g]->count;
	}
	return NULL;
}

const char *
br_sev_name(enum br_sev s)
{
	return s == BR_SEV_ERROR ? "error" : s == BR_SEV_WARN ? "warning" : "notice";
}

const char *
br_result_name(enum br_result r)
{
	static const char *const names[] = { "none", "pass", "warn", "fail" };

	return (unsigned)r <= BR_FAIL ? names[r] : "fail";
}

void
br_cert_init(struct br_cert *c, X509 *x, X509 *issuer, unsigned role,
    const char *label)
{
	memset(c, 0, sizeof(*c));
	c->x = x;
	c->issuer = issuer;
	c->role = role;
	c->label = label;
	br_profile_detect(x, &c->prof);
	c->nb_ymd = br_ymd(X509_get0_notBefore(x));
}

static int
rule_applies(const struct br_rule *r, const struct br_cert *c)
{
	if (!(r->roles & c->role))
		return 0;
	if (r->gens != 0 && !(r->gens & BR_GEN(c->prof.gen)))
		return 0;
	if (r->types != 0 && !(r->types & BR_TYPE(c->prof.type)))
		return 0;
	if (r->from != 0 && c->nb_ymd < r->from)
		return 0;
	if (r->until != 0 && c->nb_ymd >= r->until)
		return 0;
	return r->applies == NULL || r->applies(c);
}

static int
add_finding(struct br_verdict *v, const struct br_rule *r, const char *label,
    const char *detail)
{
	struct br_finding *f;

	if (v->nfindings == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;

		if ((f = realloc(v->findings, cap * sizeof(*f))) == NULL)
			return SMX_ERR_NOMEM;
		v->findings = f;
		v->cap = cap;
	}
	f = &v->findings[v->nfindings++];
	f->rule = r;
	f->cert = label;
	snprintf(f->detail, sizeof(f->detail), "%s", detail);
	return 0;
}

int
br_lint_cert(const struct br_cert *cert, struct br_verdict *v)
{
	char detail[BR_DETAIL_MAX];
	struct br_memo memo;
	struct br_cert cc = *cert, *c = &cc;
	int r = 0;

	memset(&memo, 0, sizeof(memo));
	cc.memo = &memo;
	for (size_t g = 0; r == 0 && g < NGROUPS; g++) {
		for (size_t i = 0; r == 0 && i < groups[g]->count; i++) {
			const struct br_rule *rule = &groups[g]->rules[i];

			if (!rule_applies(rule, c))
				continue;
			detail[0] = '\0';
			if ((r = rule->check(c, detail, sizeof(detail))) > 0)
				r = add_finding(v, rule, c->label, detail);
		}
	}
	br_memo_clear(&memo);
	if (r == 0 && memo.failed)
		r = SMX_ERR_NOMEM;
	return r < 0 ? r : 0;
}

void
br_verdict_finish(struct br_verdict *v)
{
	if (v->reason != NULL) {
		v->result = BR_NONE;
		return;
	}
	v->result = BR_PASS;
	for (size_t i = 0; i < v->nfindings; i++) {
		enum br_sev s = v->findings[i].rule->sev;

		if (s == BR_SEV_ERROR)
			v->result = BR_FAIL;
		else if (s == BR_SEV_WARN && v->result == BR_PASS)
			v->result = BR_WARN;
	}
}

void
br_verdict_clear(struct br_verdict *v)
{
	free(v->findings);
	memset(v, 0, sizeof(*v));
}

static int
in_bag(X509 *x, STACK_OF(X509) *bag)
{
	for (int i = 0; i < sk_X509_num(bag); i++)
		if (X509_cmp(x, sk_X509_value(bag, i)) == 0)
			return 1;
	return 0;
}

/*
 * The issuer of x among bag: one whose name and key identifiers match
 * (certinfo_names_issuer(): no public key needed, see br_cert_d2i()),
 * else one whose subject merely names x's issuer (a key identifier that
 * does not match is a finding for the rules, not a reason to lose the
 * issuer).
 */
static X509 *
issuer_in_bag(X509 *x, STACK_OF(X509) *bag)
{
	X509 *by_name = NULL;

	for (int i = 0; i < sk_X509_num(bag); i++) {
		X509 *ca = sk_X509_value(bag, i);

		if (X509_cmp(x, ca) == 0)
			continue;
		if (certinfo_names_issuer(x, ca))
			return ca;
		if (by_name == NULL &&
		    X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(ca)) == 0)
			by_name = ca;
	}
	return by_name;
}

/* A delegated OCSP responder (4.9.9): id-kp-OCSPSigning, no CA, no S/MIME policy. */
static int
ocsp_responder(X509 *x)
{
	struct br_profile p;

	if (X509_check_ca(x) != 0 || !(X509_get_extension_flags(x) & EXFLAG_XKUSAGE) ||
	    !(X509_get_extended_key_usage(x) & XKU_OCSP_SIGN))
		return 0;
	br_profile_detect(x, &p);
	return p.reserved == 0;
}

/* An ML-KEM key (RFC 9935), by the SPKI algorithm OID: 3.0 cannot load it.
 * Compared as DER content octets, 2.16.840.1.101.3.4.4.1 to .3. */
static int
mlkem_key(X509 *x)
{
	static const unsigned char arc[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04 };
	ASN1_OBJECT *o = NULL;
	const unsigned char *d;

	if (!X509_PUBKEY_get0_param(&o, NULL, NULL, NULL, X509_get_X509_PUBKEY(x)) ||
	    OBJ_length(o) != sizeof(arc) + 1 || (d = OBJ_get0_data(o)) == NULL)
		return 0;
	return memcmp(d, arc, sizeof(arc)) == 0 && d[sizeof(arc)] >= 1 && d[sizeof(arc)] <= 3;
}

/* Not a CA, and its key cannot sign: an ML-KEM key, or a keyUsage without
 * digitalSignature and nonRepudiation. */
static int
encryption_only(X509 *x)
{
	uint32_t ku;

	if (X509_check_ca(x) != 0)
		return 0;
	if (mlkem_key(x))
		return 1;
	ku = X509_get_key_usage(x);	/* UINT32_MAX without the extension */
	return (X509_get_extension_flags(x) & EXFLAG_KUSAGE) &&
	    !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) &&
	    (ku & (KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT | KU_DATA_ENCIPHERMENT));
}

/* x and y name a common mailbox (SAN, else subject emailAddress); <0 on error. */
static int
share_mailbox(X509 *x, X509 *y)
{
	char **a = NULL, **b = NULL;
	int na, nb, hit = 0;

	if ((na = certinfo_mailboxes(x, &a)) < 0)
		return na;
	if ((nb = certinfo_mailboxes(y, &b)) < 0) {
		certinfo_free_list(a);
		return nb;
	}
	for (int i = 0; i < na && !hit; i++)
		for (int j = 0; j < nb && !hit; j++)
			hit = address_match(a[i], b[j]);
	certinfo_free_list(a);
	certinfo_free_list(b);
	return hit;
}

/* Lint x as the sender's encryption certificate. */
static int
lint_encryption(X509 *x, STACK_OF(X509) *chain, STACK_OF(X509) *bag, struct br_verdict *v)
{
	struct br_cert c;

	br_cert_init(&c, x, issuer_in_bag(x, bag), BR_ROLE_SUBSCRIBER | BR_ROLE_ENCRYPTION,
	    "encryption");
	if (c.issuer == NULL && chain != NULL && sk_X509_num(chain) > 1 &&
	    X509_NAME_cmp(X509_get_issuer_name(x),
	    X509_get_subject_name(sk_X509_value(chain, 1))) == 0)
		c.issuer = sk_X509_value(chain, 1);
	c.chain = chain;
	c.bag = bag;
	return c.prof.reserved == 0 ? 0 : br_lint_cert(&c, v);
}

/* The encryption certificates that came with leaf (see the top). */
static int
lint_encryption_certs(X509 *leaf, X509 *enc, STACK_OF(X509) *chain, STACK_OF(X509) *bag,
    struct br_verdict *v)
{
	int r;

	if (enc != NULL && X509_cmp(enc, leaf) != 0 && (r = lint_encryption(enc, chain, bag, v)) < 0)
		return r;
	for (int i = 0; i < sk_X509_num(bag); i++) {
		X509 *x = sk_X509_value(bag, i);

		if (X509_cmp(x, leaf) == 0 || (enc != NULL && X509_cmp(x, enc) == 0) ||
		    !encryption_only(x))
			continue;
		if ((r = share_mailbox(leaf, x)) < 0 ||
		    (r > 0 && (r = lint_encryption(x, chain, bag, v)) < 0))
			return r;
	}
	return 0;
}

/* A subscriber certificate in role (signer or encryption), and all above. */
static int
lint_leaf(X509 *leaf, unsigned role, X509 *enc, STACK_OF(X509) *chain, STACK_OF(X509) *bag,
    struct br_verdict *v)
{
	struct br_cert c;
	X509 *cur = leaf, *up, *path[NLABELS + 2];
	size_t npath = 0;
	int r;

	memset(v, 0, sizeof(*v));
	br_cert_init(&c, leaf, NULL, role,
	    (role & BR_ROLE_ENCRYPTION) ? "encryption" : "signer");
	v->prof = c.prof;
	if (c.prof.reserved == 0) {
		v->reason = "no_reserved_policy";
		br_verdict_finish(v);
		return 0;
	}
	c.chain = chain;
	c.bag = bag;
	/* Walk up: the verified chain first, the bag where it ends. */
	for (size_t depth = 0; cur != NULL && depth <= NLABELS; depth++) {
		path[npath++] = cur;
		int self = br_self_issued(cur);

		up = NULL;
		if (chain != NULL && (int)depth + 1 < sk_X509_num(chain))
			up = sk_X509_value(chain, (int)depth + 1);
		else if (!self)
			up = issuer_in_bag(cur, bag);
		if (depth == 0) {
			c.issuer = up;
		} else if (in_bag(cur, bag)) {
			br_cert_init(&c, cur, self ? cur : up, self ? BR_ROLE_ROOT : BR_ROLE_SUBCA,
			    self ? "root" : ca_labels[depth - 1]);
			c.chain = chain;
			c.bag = bag;
		} else {
			c.x = NULL;
		}
		if (c.x != NULL && (r = br_lint_cert(&c, v)) < 0)
			return r;
		if (self)
			break;
		cur = up;
	}
	/* Delegated OCSP responders that came along, for a CA of this chain (4.9.9). */
	for (int i = 0; i < sk_X509_num(bag); i++) {
		X509 *o = sk_X509_value(bag, i);

		if (o == leaf || !ocsp_responder(o))
			continue;
		for (size_t k = 1; k < npath; k++)
			if (X509_NAME_cmp(X509_get_issuer_name(o), X509_get_subject_name(path[k])) == 0) {
				br_cert_init(&c, o, path[k], BR_ROLE_OCSP, "ocsp responder");
				c.chain = chain;
				c.bag = bag;
				if ((r = br_lint_cert(&c, v)) < 0)
					return r;
				break;
			}
	}
	if (!(role & BR_ROLE_ENCRYPTION) &&
	    (r = lint_encryption_certs(leaf, enc, chain, bag, v)) < 0)
		return r;
	br_verdict_finish(v);
	return 0;
}

int
br_lint_signer(X509 *leaf, X509 *enc, STACK_OF(X509) *chain, STACK_OF(X509) *bag,
    struct br_verdict *v)
{
	return lint_leaf(leaf, BR_ROLE_SUBSCRIBER, enc, chain, bag, v);
}

/* One certificate alone, in the role given (br_lint_any()). */
static int
lint_one(X509 *x, X509 *issuer, unsigned role, const char *label, STACK_OF(X509) *others,
    struct br_verdict *v)
{
	struct br_cert c;
	int r;

	memset(v, 0, sizeof(*v));
	br_cert_init(&c, x, issuer, role, label);
	c.bag = others;
	v->prof = c.prof;
	if ((r = br_lint_cert(&c, v)) < 0)
		return r;
	br_verdict_finish(v);
	return 0;
}

int
br_lint_any(X509 *x, STACK_OF(X509) *others, struct br_verdict *v)
{
	if (ocsp_responder(x))
		return lint_one(x, issuer_in_bag(x, others), BR_ROLE_OCSP, "ocsp responder",
		    others, v);
	/* keyCertSign counts too: a CA with a broken basicConstraints is still a
	 * CA (X509_get_key_usage() says "all" when there is no keyUsage). */
	if (X509_check_ca(x) == 0 && !((X509_get_extension_flags(x) & EXFLAG_KUSAGE) &&
	    (X509_get_key_usage(x) & KU_KEY_CERT_SIGN)))
		return lint_leaf(x, encryption_only(x) ? BR_ROLE_SUBSCRIBER | BR_ROLE_ENCRYPTION :
		    BR_ROLE_SUBSCRIBER, NULL, NULL, others, v);
	if (br_self_issued(x))
		return lint_one(x, x, BR_ROLE_ROOT, "root", others, v);
	return lint_one(x, issuer_in_bag(x, others), BR_ROLE_SUBCA, "certificate", others, v);
}

static CRYPTO_ONCE keyless_once = CRYPTO_ONCE_STATIC_INIT;
static OSSL_LIB_CTX *keyless;

/* Lives as long as the process (a library context cannot be shared and
 * freed safely while other threads may parse). */
static void
keyless_init(void)
{
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();

	if (lc != NULL && OSSL_PROVIDER_load(lc, "null") == NULL) {
		OSSL_LIB_CTX_free(lc);
		lc = NULL;
	}
	keyless = lc;
}

X509 *
br_cert_d2i(const unsigned char **pp, long len)
{
	if (!CRYPTO_THREAD_run_once(&keyless_once, keyless_init) || keyless == NULL)
		return d2i_X509(NULL, pp, len);	/* slower, same findings */
	return (X509 *)ASN1_item_d2i_ex(NULL, pp, len, ASN1_ITEM_rptr(X509), keyless, NULL);
}
