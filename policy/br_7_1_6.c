/*
 * NAME
 *	br_7_1_6 - certificate policies (BR 7.1.2.3a, 7.1.2.2a, 7.1.6)
 * DESCRIPTION
 *	The certificatePolicies extension: presence and criticality, the
 *	reserved S/MIME policy identifiers (exactly one for a subscriber;
 *	none of the Legacy ones after 2025-07-15), the qualifiers (an
 *	id-qt-cps value is an HTTP or HTTPS URL; an id-qt-unotice has
 *	explicitText and no noticeRef), and for CA certificates the
 *	reserved-OID / anyPolicy rules of 7.1.6.3, which 7.1.6.2 applies to
 *	a Root CA certificate that has the extension.  Whether a Subordinate
 *	CA is an Affiliate of its issuer cannot be seen in a certificate, so
 *	anyPolicy in one is a notice, not an error; anyPolicy beside reserved
 *	identifiers is an error either way (a non-Affiliate SHALL NOT use
 *	anyPolicy, an Affiliate SHALL use one of the two options).
 *
 *	The RFC 5280 rules on the extension (7.1.2.4): no policy twice, no
 *	qualifier but id-qt-cps and id-qt-unotice, explicitText of at most
 *	200 characters, never an IA5String (RFC 6818 3, which 7.1.2 applies),
 *	and preferably a UTF8String without control characters.
 * SEE ALSO
 *	S/MIME BR 7.1.2.2a, 7.1.2.3a, 7.1.2.4, 7.1.6.1-7.1.6.4; RFC 5280
 *	4.2.1.4; RFC 6818 3.
 */
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER

/* --- helpers ---------------------------------------------------------- */

static int
has_policies(const struct br_cert *c)
{
	return br_ext_count(c->x, NID_certificate_policies, NULL) > 0;
}

/* Walk every qualifier; fn returns 1 on a finding (and stops the walk). */
static int
each_qualifier(const struct br_cert *c, char *d, size_t dl,
    int (*fn)(const POLICYQUALINFO *q, char *d, size_t dl))
{
	CERTIFICATEPOLICIES *cp = br_ext_d2i(c, NID_certificate_policies);
	int found = 0;

	for (int i = 0; cp != NULL && !found && i < sk_POLICYINFO_num(cp); i++) {
		POLICYINFO *pi = sk_POLICYINFO_value(cp, i);

		for (int j = 0; !found && j < sk_POLICYQUALINFO_num(pi->qualifiers); j++)
			found = fn(sk_POLICYQUALINFO_value(pi->qualifiers, j), d, dl);
	}
	return found;
}

/* --- checks ------------------------------------------------------------ */

static int
missing(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return !has_policies(c);
}

static int
has_policies_check(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return has_policies(c);
}

static int
critical(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	(void)d;
	(void)dl;
	return br_ext_count(c->x, NID_certificate_policies, &crit) > 0 && crit;
}

/* Does not decode, or leaves bytes over (which libcrypto's decoder, and so
 * profile detection, passes by: the reserved OID is still read, and the
 * other rules still run). */
static int
undecodable(const struct br_cert *c, char *d, size_t dl)
{
	int i = X509_get_ext_by_NID(c->x, NID_certificate_policies, -1);

	if (i < 0)
		return 0;
	if (!c->prof.has_policies)
		return br_detail(d, dl, "the value does not decode");
	if (!br_one_element(X509_EXTENSION_get_data(X509_get_ext(c->x, i))))
		return br_detail(d, dl, "bytes after the value");
	return 0;
}

static int
reserved_not_one(const struct br_cert *c, char *d, size_t dl)
{
	if (c->prof.reserved == 1)
		return 0;
	return br_detail(d, dl, "%d reserved S/MIME policy identifiers", c->prof.reserved);
}

static int
reserved_malformed(const struct br_cert *c, char *d, size_t dl)
{
	if (c->prof.malformed == 0)
		return 0;
	return br_detail(d, dl, "%d identifiers under 2.23.140.1.5 that 7.1.6.1 does not define",
	    c->prof.malformed);
}

static int
legacy_after_sunset(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return c->prof.gen == BR_LEGACY;
}

static int
cps_bad(const POLICYQUALINFO *q, char *d, size_t dl)
{
	const char *s;
	int n;

	if (OBJ_obj2nid(q->pqualid) != NID_id_qt_cps)
		return 0;
	if (q->d.cpsuri == NULL || ASN1_STRING_type(q->d.cpsuri) != V_ASN1_IA5STRING)
		return br_detail(d, dl, "id-qt-cps value is not an IA5String");
	s = (const char *)ASN1_STRING_get0_data(q->d.cpsuri);
	n = ASN1_STRING_length(q->d.cpsuri);
	if ((n > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (n > 8 && strncasecmp(s, "https://", 8) == 0))
		return memchr(s, '\0', (size_t)n) != NULL ?
		    br_detail(d, dl, "id-qt-cps URL holds a NUL") : 0;
	return br_detail(d, dl, "id-qt-cps value is not an HTTP or HTTPS URL");
}

static int
cps_not_http(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, cps_bad);
}

static int
unotice_bad(const POLICYQUALINFO *q, char *d, size_t dl)
{
	if (OBJ_obj2nid(q->pqualid) != NID_id_qt_unotice)
		return 0;
	if (q->d.usernotice == NULL)
		return br_detail(d, dl, "id-qt-unotice does not decode");
	if (q->d.usernotice->noticeref != NULL)
		return br_detail(d, dl, "id-qt-unotice holds noticeRef");
	if (q->d.usernotice->exptext == NULL)
		return br_detail(d, dl, "id-qt-unotice without explicitText");
	return 0;
}

static int
unotice_bad_form(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, unotice_bad);
}

static int
duplicate_oid(const struct br_cert *c, char *d, size_t dl)
{
	CERTIFICATEPOLICIES *cp = br_ext_d2i(c, NID_certificate_policies);
	int n = sk_POLICYINFO_num(cp), found = 0;
	char txt[80];

	for (int i = 0; !found && i < n; i++)
		for (int j = i + 1; !found && j < n; j++)
			if (OBJ_cmp(sk_POLICYINFO_value(cp, i)->policyid,
			    sk_POLICYINFO_value(cp, j)->policyid) == 0) {
				OBJ_obj2txt(txt, sizeof(txt), sk_POLICYINFO_value(cp, i)->policyid, 1);
				found = br_detail(d, dl, "%s twice", txt);
			}
	return found;
}

static int
qualifier_unknown_fn(const POLICYQUALINFO *q, char *d, size_t dl)
{
	int nid = OBJ_obj2nid(q->pqualid);
	char txt[80];

	if (nid == NID_id_qt_cps || nid == NID_id_qt_unotice)
		return 0;
	OBJ_obj2txt(txt, sizeof(txt), q->pqualid, 1);
	return br_detail(d, dl, "policyQualifierId %s", txt);
}

static int
qualifier_unknown(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, qualifier_unknown_fn);
}

/* The explicitText of an id-qt-unotice qualifier, or NULL. */
static const ASN1_STRING *
explicit_text(const POLICYQUALINFO *q)
{
	if (OBJ_obj2nid(q->pqualid) != NID_id_qt_unotice || q->d.usernotice == NULL)
		return NULL;
	return q->d.usernotice->exptext;
}

static int
text_ia5_fn(const POLICYQUALINFO *q, char *d, size_t dl)
{
	const ASN1_STRING *t = explicit_text(q);

	return t != NULL && ASN1_STRING_type(t) == V_ASN1_IA5STRING ?
	    br_detail(d, dl, "explicitText is an IA5String") : 0;
}

static int
text_ia5(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, text_ia5_fn);
}

/* t as UTF-8 into *utf8 (*len bytes); its characters, or -1 when it does not convert. */
static long
text_chars(const ASN1_STRING *t, unsigned char **utf8, int *len)
{
	long k = 0;

	if ((*len = ASN1_STRING_to_UTF8(utf8, t)) < 0) {
		ERR_clear_error();
		return -1;
	}
	for (int i = 0; i < *len; i++)
		k += ((*utf8)[i] & 0xC0) != 0x80;
	return k;
}

static int
text_long_fn(const POLICYQUALINFO *q, char *d, size_t dl)
{
	const ASN1_STRING *t = explicit_text(q);
	unsigned char *u = NULL;
	long k;
	int n;

	if (t == NULL)
		return 0;
	k = text_chars(t, &u, &n);
	OPENSSL_free(u);
	return k > 200 ? br_detail(d, dl, "explicitText of %ld characters", k) : 0;
}

static int
text_too_long(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, text_long_fn);
}

/* RFC 5280 4.2.1.4: no control characters, U+0000-U+001F and U+007F-U+009F. */
static int
text_form_fn(const POLICYQUALINFO *q, char *d, size_t dl)
{
	const ASN1_STRING *t = explicit_text(q);
	unsigned char *u = NULL;
	int r = 0, type, n;

	if (t == NULL || (type = ASN1_STRING_type(t)) == V_ASN1_IA5STRING)
		return 0;	/* e_policies_explicit_text_ia5 */
	if (type != V_ASN1_UTF8STRING)
		return br_detail(d, dl, "explicitText is a %s", ASN1_tag2str(type));
	if (text_chars(t, &u, &n) < 0)
		return br_detail(d, dl, "explicitText does not decode");
	for (int i = 0; r == 0 && i < n; i++)
		if (u[i] < 0x20 || u[i] == 0x7F ||
		    (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F))
			r = br_detail(d, dl, "explicitText holds a control character");
	OPENSSL_free(u);
	return r;
}

static int
text_form(const struct br_cert *c, char *d, size_t dl)
{
	return each_qualifier(c, d, dl, text_form_fn);
}

static int
ca_no_reserved(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	/* what does not decode is e_policies_undecodable's alone */
	return c->prof.has_policies && c->prof.reserved == 0 && !c->prof.any_policy;
}

static int
ca_any_policy(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return c->prof.any_policy;
}

static int
ca_any_and_reserved(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return c->prof.any_policy && c->prof.reserved > 0;
}

/* --- the table --------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_policies_missing", BR_SEV_ERROR, "7.1.2.3a",
	  "certificatePolicies SHALL be present", V100, 0, SUB | BR_ROLE_SUBCA, 0, 0,
	  NULL, missing },
	{ "w_policies_critical", BR_SEV_WARN, "7.1.2.3a",
	  "certificatePolicies SHOULD NOT be critical", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, critical },
	{ "e_policies_undecodable", BR_SEV_ERROR, "RFC 5280 4.2.1.4",
	  "certificatePolicies SHALL decode as RFC 5280 defines it, nothing after it",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, undecodable },
	{ "e_policies_reserved_not_one", BR_SEV_ERROR, "7.1.2.3a",
	  "exactly one reserved S/MIME policy identifier (7.1.6.1)", V100, 0, SUB, 0, 0,
	  NULL, reserved_not_one },
	{ "e_policies_reserved_unknown", BR_SEV_ERROR, "7.1.6.1",
	  "no policy identifier under 2.23.140.1.5 other than those 7.1.6.1 reserves",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, reserved_malformed },
	{ "e_policies_legacy_after_2025_07_15", BR_SEV_ERROR, "7.1.6.1",
	  "no Legacy generation policy identifier in certificates issued from 2025-07-15",
	  20250715, 0, SUB, BR_GEN(BR_LEGACY), 0, NULL, legacy_after_sunset },
	{ "e_policies_cps_not_http", BR_SEV_ERROR, "7.1.2.3a",
	  "an id-qt-cps qualifier SHALL be an HTTP or HTTPS URL", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, cps_not_http },
	{ "e_policies_unotice_form", BR_SEV_ERROR, "7.1.2.3a",
	  "an id-qt-unotice qualifier SHALL contain explicitText and SHALL NOT contain noticeRef",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, unotice_bad_form },
	{ "e_policies_duplicate_oid", BR_SEV_ERROR, "RFC 5280 4.2.1.4",
	  "a policy identifier SHALL NOT appear more than once", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, duplicate_oid },
	{ "e_policies_qualifier_unknown", BR_SEV_ERROR, "RFC 5280 4.2.1.4",
	  "a policy qualifier SHALL be id-qt-cps or id-qt-unotice", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, qualifier_unknown },
	{ "e_policies_explicit_text_ia5", BR_SEV_ERROR, "RFC 6818 3",
	  "explicitText SHALL NOT be encoded as IA5String", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, text_ia5 },
	{ "e_policies_explicit_text_too_long", BR_SEV_ERROR, "RFC 5280 4.2.1.4",
	  "explicitText SHALL NOT be longer than 200 characters", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, text_too_long },
	{ "w_policies_explicit_text_form", BR_SEV_WARN, "RFC 6818 3",
	  "explicitText SHOULD be a UTF8String and SHOULD NOT include control characters",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, text_form },
	{ "e_ca_policies_no_reserved", BR_SEV_ERROR, "7.1.6.3",
	  "a CA's policies SHALL include a reserved S/MIME policy identifier (or anyPolicy if an Affiliate)",
	  V100, 0, BR_ROLE_CA, 0, 0, NULL, ca_no_reserved },
	{ "n_ca_policies_any_policy", BR_SEV_NOTICE, "7.1.6.3",
	  "anyPolicy is allowed only in a Subordinate CA that is an Affiliate of its issuer",
	  V100, 0, BR_ROLE_CA, 0, 0, NULL, ca_any_policy },
	{ "e_ca_policies_any_and_reserved", BR_SEV_ERROR, "7.1.6.3",
	  "reserved identifiers and anyPolicy are two alternative options and SHALL NOT be mixed",
	  V100, 0, BR_ROLE_CA, 0, 0, NULL, ca_any_and_reserved },
	{ "w_root_policies_present", BR_SEV_WARN, "7.1.6.2",
	  "a Root CA certificate SHOULD NOT contain certificatePolicies", V100, 0,
	  BR_ROLE_ROOT, 0, 0, NULL, has_policies_check },
};

const struct br_rule_group br_group_7_1_6 = { rules, sizeof(rules) / sizeof(rules[0]) };
