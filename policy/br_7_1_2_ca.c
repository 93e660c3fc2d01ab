/*
 * NAME
 *	br_7_1_2_ca - CA certificates that came with a message, and the CA
 *	behind a subscriber certificate (BR 6.1.7, 7.1.2.1, 7.1.2.2,
 *	7.1.4.3, 7.1.5, Appendix B)
 * DESCRIPTION
 *	The extensions of Root CA and Subordinate CA certificates (basic
 *	constraints, key usage, extended key usage, CRL distribution points,
 *	authority information access, name constraints, key identifiers),
 *	the extensions 7.1.2.1 and 7.1.2.2 do not list (a warning, 7.1.2.4),
 *	and the attributes a CA subject must hold.  Policies are in
 *	br_7_1_6.c, keys and signature algorithms in br_7_1_3.c, the rules
 *	that need the other certificates at hand (a Cross Certificate's
 *	extKeyUsage, CA names across certificates) in br_bag.c.
 *
 *	Whether the CA signs OCSP responses (which asks for digitalSignature)
 *	cannot be seen, so digitalSignature is allowed, and other bits are
 *	warnings.  A Root CA's authorityKeyIdentifier is tolerated though
 *	7.1.2.1 does not list it: RFC 5280 4.2.1.1 allows it in self-signed
 *	certificates for path building.
 *
 *	Technically Constrained (7.1.5): a permitted rfc822Name is a domain
 *	(or "." and a domain), never a mailbox; nameConstraints without both
 *	rfc822Name and directoryName in permittedSubtrees make the CA no
 *	Technically Constrained one, which is a notice: the CA may simply be
 *	an audited one.
 *
 *	The key identifier chain (7.1.2.1e, 7.1.2.2i: the CA's
 *	subjectKeyIdentifier is the keyIdentifier of what it issues) is
 *	checked on the issued certificate, when its issuer is at hand; so are
 *	the rules on who may issue a subscriber certificate: not a Root CA
 *	(6.1.7), and from 2024-09-15 only a Subordinate CA that meets the
 *	extKeyUsage and policy rules of 7.1.2.2 and 7.1.6.3 (Appendix B: an
 *	Extant S/MIME CA no longer may), whatever the CA certificate's own
 *	date.
 * SEE ALSO
 *	S/MIME BR 6.1.7, 7.1.2.1, 7.1.2.2, 7.1.2.4, 7.1.4.3.1, 7.1.5,
 *	7.1.6.3, Appendix B; RFC 5280 4.2.1.
 */
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "policy/br_7_1_4.h"
#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUBCA BR_ROLE_SUBCA
#define ROOT BR_ROLE_ROOT
#define CA BR_ROLE_CA

/* Shorthands for checks that need no detail. */
#define NODETAIL (void)d; (void)dl

static int
ext_missing(const struct br_cert *c, int nid)
{
	return br_ext_count(c->x, nid, NULL) == 0;
}

static int
ext_critical(const struct br_cert *c, int nid)
{
	int crit;

	return br_ext_count(c->x, nid, &crit) > 0 && crit;
}

/* --- basicConstraints ----------------------------------------------------- */

static int
bc_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_basic_constraints);
}

static int
bc_not_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !ext_missing(c, NID_basic_constraints) && !ext_critical(c, NID_basic_constraints);
}

static int
bc_not_ca(const struct br_cert *c, char *d, size_t dl)
{
	BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(c->x, NID_basic_constraints, NULL, NULL);
	int bad = bc != NULL && !bc->ca;

	NODETAIL;
	BASIC_CONSTRAINTS_free(bc);
	return bad;
}

static int
root_pathlen(const struct br_cert *c, char *d, size_t dl)
{
	BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(c->x, NID_basic_constraints, NULL, NULL);
	int bad = bc != NULL && bc->pathlen != NULL;

	NODETAIL;
	BASIC_CONSTRAINTS_free(bc);
	return bad;
}

/* --- keyUsage ------------------------------------------------------------- */

static int
ku_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_key_usage);
}

static int
ku_not_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !ext_missing(c, NID_key_usage) && !ext_critical(c, NID_key_usage);
}

static int
ku_no_certsign(const struct br_cert *c, char *d, size_t dl)
{
	uint32_t ku = X509_get_key_usage(c->x);

	if (ext_missing(c, NID_key_usage))
		return 0;
	if ((ku & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN))
		return 0;
	return br_detail(d, dl, "keyCertSign %s, cRLSign %s",
	    ku & KU_KEY_CERT_SIGN ? "set" : "missing", ku & KU_CRL_SIGN ? "set" : "missing");
}

static int
ku_other_bits(const struct br_cert *c, char *d, size_t dl)
{
	uint32_t ku = X509_get_key_usage(c->x);
	uint32_t other = ku & ~(uint32_t)(KU_KEY_CERT_SIGN | KU_CRL_SIGN | KU_DIGITAL_SIGNATURE);

	if (ext_missing(c, NID_key_usage) || other == 0)
		return 0;
	return br_detail(d, dl, "keyUsage bits 0x%04x besides keyCertSign, cRLSign, digitalSignature",
	    (unsigned)other);
}

/* --- extKeyUsage ---------------------------------------------------------- */

static int
eku_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_critical(c, NID_ext_key_usage);
}

static int
eku_no_email(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !ext_missing(c, NID_ext_key_usage) && !(X509_get_extended_key_usage(c->x) & XKU_SMIME);
}

static const struct {
	uint32_t bit;
	const char *name;
} banned_eku[] = {
	{ XKU_SSL_SERVER, "serverAuth" },
	{ XKU_CODE_SIGN, "codeSigning" },
	{ XKU_TIMESTAMP, "timeStamping" },
	{ XKU_ANYEKU, "anyExtendedKeyUsage" },
};

static int
eku_banned(const struct br_cert *c, char *d, size_t dl)
{
	uint32_t xku;

	if (ext_missing(c, NID_ext_key_usage))
		return 0;
	xku = X509_get_extended_key_usage(c->x);
	for (size_t i = 0; i < sizeof(banned_eku) / sizeof(banned_eku[0]); i++)
		if (xku & banned_eku[i].bit)
			return br_detail(d, dl, "%s", banned_eku[i].name);
	return 0;
}

static int
root_eku_present(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !ext_missing(c, NID_ext_key_usage);
}

/* --- CRL distribution points and AIA -------------------------------------- */

static int
is_http(const GENERAL_NAME *gn)
{
	const char *s;

	if (gn->type != GEN_URI)
		return 0;
	s = (const char *)ASN1_STRING_get0_data(gn->d.uniformResourceIdentifier);
	return ASN1_STRING_length(gn->d.uniformResourceIdentifier) > 7 &&
	    strncasecmp(s, "http://", 7) == 0;
}

static int
crldp_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_crl_distribution_points);
}

static int
crldp_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_critical(c, NID_crl_distribution_points);
}

static int
crldp_no_http(const struct br_cert *c, char *d, size_t dl)
{
	STACK_OF(DIST_POINT) *dps;
	int found = 0;

	NODETAIL;
	if (ext_missing(c, NID_crl_distribution_points))
		return 0;
	dps = X509_get_ext_d2i(c->x, NID_crl_distribution_points, NULL, NULL);
	for (int i = 0; dps != NULL && !found && i < sk_DIST_POINT_num(dps); i++) {
		DIST_POINT_NAME *dpn = sk_DIST_POINT_value(dps, i)->distpoint;

		for (int j = 0; dpn != NULL && dpn->type == 0 && !found &&
		    j < sk_GENERAL_NAME_num(dpn->name.fullname); j++)
			found = is_http(sk_GENERAL_NAME_value(dpn->name.fullname, j));
	}
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return !found;
}

static int
aia_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_info_access);
}

static int
aia_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_critical(c, NID_info_access);
}

static int
aia_no_http_ca_issuers(const struct br_cert *c, char *d, size_t dl)
{
	AUTHORITY_INFO_ACCESS *aia;
	int found = 0;

	NODETAIL;
	if (ext_missing(c, NID_info_access))
		return 0;
	aia = X509_get_ext_d2i(c->x, NID_info_access, NULL, NULL);
	for (int i = 0; aia != NULL && !found && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);

		found = OBJ_obj2nid(ad->method) == NID_ad_ca_issuers && is_http(ad->location);
	}
	AUTHORITY_INFO_ACCESS_free(aia);
	return !found;
}

static int
nc_not_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !ext_missing(c, NID_name_constraints) && !ext_critical(c, NID_name_constraints);
}

/* --- key identifiers ------------------------------------------------------ */

static int
aki_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_authority_key_identifier);
}

static int
aki_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_critical(c, NID_authority_key_identifier);
}

static int
aki_form(const struct br_cert *c, char *d, size_t dl)
{
	AUTHORITY_KEYID *aki;
	int bad = 0;

	if (ext_missing(c, NID_authority_key_identifier))
		return 0;
	if ((aki = X509_get_ext_d2i(c->x, NID_authority_key_identifier, NULL, NULL)) == NULL)
		return br_detail(d, dl, "authorityKeyIdentifier does not decode");
	if (aki->keyid == NULL)
		bad = br_detail(d, dl, "no keyIdentifier");
	else if (aki->issuer != NULL || aki->serial != NULL)
		bad = br_detail(d, dl, "authorityCertIssuer or authorityCertSerialNumber present");
	AUTHORITY_KEYID_free(aki);
	return bad;
}

static int
ski_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_subject_key_identifier);
}

static int
ski_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_critical(c, NID_subject_key_identifier);
}

static int
issued_by_known_ca(const struct br_cert *c)
{
	return c->issuer != NULL && c->issuer != c->x &&
	    X509_get0_authority_key_id(c->x) != NULL &&
	    X509_get0_subject_key_id(c->issuer) != NULL;
}

static int
aki_not_issuer_ski(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(c->x),
	    X509_get0_subject_key_id(c->issuer)) != 0;
}

/* --- subject --------------------------------------------------------------- */

static int
ca_subject_incomplete(const struct br_cert *c, char *d, size_t dl)
{
	static const struct { int nid; const char *name; } need[] = {
		{ NID_commonName, "commonName" },
		{ NID_organizationName, "organizationName" },
		{ NID_countryName, "countryName" },
	};
	const X509_NAME *n = X509_get_subject_name(c->x);

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (X509_NAME_get_index_by_NID(n, need[i].nid, -1) < 0)
			return br_detail(d, dl, "no %s", need[i].name);
	return 0;
}

/* --- name constraints (7.1.5) ----------------------------------------------- */

/* 1 when s[0..n) is a domain name: labels of letters, digits and inner hyphens. */
static int
is_fqdn(const unsigned char *s, size_t n)
{
	size_t lab = 0;

	if (n == 0 || n > 253)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		unsigned ch = i < n ? s[i] : '.';

		if (ch == '.') {
			if (lab == 0 || lab > 63 || s[i - 1] == '-')
				return 0;
			lab = 0;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch == '-' && lab > 0)) {
			lab++;
		} else {
			return 0;
		}
	}
	return 1;
}

static int
nc_rfc822_not_domain(const struct br_cert *c, char *d, size_t dl)
{
	NAME_CONSTRAINTS *nc = X509_get_ext_d2i(c->x, NID_name_constraints, NULL, NULL);
	int bad = 0;

	for (int i = 0; nc != NULL && !bad && i < sk_GENERAL_SUBTREE_num(nc->permittedSubtrees); i++) {
		const GENERAL_NAME *g = sk_GENERAL_SUBTREE_value(nc->permittedSubtrees, i)->base;
		const unsigned char *p;
		int n;

		if (g->type != GEN_EMAIL)
			continue;
		p = ASN1_STRING_get0_data(g->d.rfc822Name);
		n = ASN1_STRING_length(g->d.rfc822Name);
		if (n > 0 && p[0] == '.') {
			p++;
			n--;
		}
		if (!is_fqdn(p, (size_t)n))
			bad = br_detail(d, dl, "permitted rfc822Name '%.*s'",
			    ASN1_STRING_length(g->d.rfc822Name) > 60 ? 60 : ASN1_STRING_length(g->d.rfc822Name),
			    (const char *)ASN1_STRING_get0_data(g->d.rfc822Name));
	}
	NAME_CONSTRAINTS_free(nc);
	return bad;
}

static int
nc_present_email_ca(const struct br_cert *c)
{
	return !ext_missing(c, NID_name_constraints) &&
	    (X509_get_extension_flags(c->x) & EXFLAG_XKUSAGE) &&
	    (X509_get_extended_key_usage(c->x) & XKU_SMIME);
}

static int
nc_incomplete(const struct br_cert *c, char *d, size_t dl)
{
	NAME_CONSTRAINTS *nc = X509_get_ext_d2i(c->x, NID_name_constraints, NULL, NULL);
	int email = 0, dir = 0;

	if (nc == NULL)
		return 0;	/* e_ext_undecodable */
	for (int i = 0; i < sk_GENERAL_SUBTREE_num(nc->permittedSubtrees); i++) {
		int t = sk_GENERAL_SUBTREE_value(nc->permittedSubtrees, i)->base->type;

		email |= t == GEN_EMAIL;
		dir |= t == GEN_DIRNAME;
	}
	NAME_CONSTRAINTS_free(nc);
	if (email && dir)
		return 0;
	return br_detail(d, dl, "no permitted %s", !email && !dir ? "rfc822Name and directoryName" :
	    !email ? "rfc822Name" : "directoryName");
}

/* --- extensions 7.1.2.1 and 7.1.2.2 do not list (7.1.2.4) ------------------ */

static int
ca_ext_not_specified(const struct br_cert *c, char *d, size_t dl)
{
	static const int subca[] = {
		NID_certificate_policies, NID_crl_distribution_points, NID_info_access,
		NID_basic_constraints, NID_key_usage, NID_name_constraints, NID_ext_key_usage,
		NID_authority_key_identifier, NID_subject_key_identifier,
	};
	/* extKeyUsage has its own rule in a Root CA; AKI: RFC 5280 4.2.1.1 */
	static const int root[] = {
		NID_basic_constraints, NID_key_usage, NID_certificate_policies, NID_ext_key_usage,
		NID_subject_key_identifier, NID_authority_key_identifier,
	};
	const int *ok = c->role == ROOT ? root : subca;
	size_t nok = c->role == ROOT ? sizeof(root) / sizeof(root[0]) : sizeof(subca) / sizeof(subca[0]);

	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		const ASN1_OBJECT *o = X509_EXTENSION_get_object(X509_get_ext(c->x, i));
		int nid = OBJ_obj2nid(o), listed = 0;
		char txt[80];

		for (size_t k = 0; nid != NID_undef && k < nok; k++)
			listed |= nid == ok[k];
		if (listed)
			continue;
		OBJ_obj2txt(txt, sizeof(txt), o, 0);
		return br_detail(d, dl, "%s", txt);
	}
	return 0;
}

/* --- who issued a subscriber certificate (6.1.7, Appendix B) ---------------- */


static int
issuer_is_root(const struct br_cert *c)
{
	return c->issuer != NULL && c->issuer != c->x && br_self_issued(c->issuer);
}

static int
issued_by_root(const struct br_cert *c, char *d, size_t dl)
{
	const X509_NAME *n = X509_get_subject_name(c->issuer);
	int i = X509_NAME_get_index_by_NID(n, NID_commonName, -1);
	const ASN1_STRING *cn = i < 0 ? NULL : X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i));

	if (cn == NULL || ASN1_STRING_type(cn) == V_ASN1_BMPSTRING)
		return br_detail(d, dl, "issued by a self-signed CA certificate");
	return br_detail(d, dl, "issued by the Root CA '%.*s'",
	    ASN1_STRING_length(cn) > 60 ? 60 : ASN1_STRING_length(cn),
	    (const char *)ASN1_STRING_get0_data(cn));
}

static int
issuer_is_subca(const struct br_cert *c)
{
	return c->issuer != NULL && c->issuer != c->x && !br_self_issued(c->issuer);
}

/*
 * The issuing CA against the extKeyUsage rules of 7.1.2.2g and the policy
 * rules of 7.1.6.3 (anyPolicy alone passes: an Affiliate may use it).
 */
static int
issuer_not_compliant(const struct br_cert *c, char *d, size_t dl)
{
	struct br_cert ic;
	uint32_t xku;

	br_cert_init(&ic, c->issuer, NULL, SUBCA, "issuer");
	if (ext_missing(&ic, NID_ext_key_usage))
		return br_detail(d, dl, "the issuing CA has no extKeyUsage");
	xku = X509_get_extended_key_usage(ic.x);
	for (size_t i = 0; i < sizeof(banned_eku) / sizeof(banned_eku[0]); i++)
		if (xku & banned_eku[i].bit)
			return br_detail(d, dl, "the issuing CA's extKeyUsage holds %s", banned_eku[i].name);
	if (!(xku & XKU_SMIME))
		return br_detail(d, dl, "the issuing CA's extKeyUsage lacks id-kp-emailProtection");
	if (!ic.prof.has_policies)
		return br_detail(d, dl, "the issuing CA has no certificatePolicies");
	if (ic.prof.reserved == 0 && !ic.prof.any_policy)
		return br_detail(d, dl, "the issuing CA asserts no reserved S/MIME policy");
	return 0;
}

/* --- CA subject country (7.1.4.3.1c) ----------------------------------------- */

static int
ca_country_code(const struct br_cert *c, char *d, size_t dl)
{
	const X509_NAME *n = X509_get_subject_name(c->x);

	for (int i = -1; (i = X509_NAME_get_index_by_NID(n, NID_countryName, i)) >= 0;) {
		const ASN1_STRING *v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i));
		char cc[3] = "";

		if (ASN1_STRING_length(v) == 2) {
			memcpy(cc, ASN1_STRING_get0_data(v), 2);
			if (br714_iso3166(cc))
				continue;
		}
		return br_detail(d, dl, "countryName is not an ISO 3166-1 alpha-2 code");
	}
	return 0;
}

/* --- the table ------------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_ca_bc_missing", BR_SEV_ERROR, "7.1.2.2d",
	  "CA certificates SHALL contain basicConstraints", V100, 0, CA, 0, 0, NULL, bc_missing },
	{ "e_ca_bc_not_critical", BR_SEV_ERROR, "7.1.2.2d",
	  "basicConstraints SHALL be critical in CA certificates", V100, 0, CA, 0, 0,
	  NULL, bc_not_critical },
	{ "e_ca_bc_ca_false", BR_SEV_ERROR, "7.1.2.2d",
	  "basicConstraints cA SHALL be true in CA certificates", V100, 0, CA, 0, 0,
	  NULL, bc_not_ca },
	{ "w_root_bc_pathlen", BR_SEV_WARN, "7.1.2.1a",
	  "a Root CA certificate SHOULD NOT contain pathLenConstraint", V100, 0, ROOT, 0, 0,
	  NULL, root_pathlen },
	{ "e_ca_ku_missing", BR_SEV_ERROR, "7.1.2.2e",
	  "CA certificates SHALL contain keyUsage", V100, 0, CA, 0, 0, NULL, ku_missing },
	{ "e_ca_ku_not_critical", BR_SEV_ERROR, "7.1.2.2e",
	  "keyUsage SHALL be critical in CA certificates", V100, 0, CA, 0, 0, NULL, ku_not_critical },
	{ "e_ca_ku_no_certsign_crlsign", BR_SEV_ERROR, "7.1.2.2e",
	  "keyCertSign and cRLSign SHALL be set in CA certificates", V100, 0, CA, 0, 0,
	  NULL, ku_no_certsign },
	{ "w_ca_ku_other_bits", BR_SEV_WARN, "7.1.2.4",
	  "CA keyUsage beyond keyCertSign, cRLSign and digitalSignature (OCSP) is not specified",
	  V100, 0, CA, 0, 0, NULL, ku_other_bits },
	{ "w_subca_eku_critical", BR_SEV_WARN, "7.1.2.2g",
	  "extKeyUsage SHOULD NOT be critical in Subordinate CA certificates", V100, 0, SUBCA, 0, 0,
	  NULL, eku_critical },
	{ "e_subca_eku_no_email_protection", BR_SEV_ERROR, "7.1.2.2g",
	  "an S/MIME issuing CA's extKeyUsage SHALL contain id-kp-emailProtection", V100, 0, SUBCA,
	  0, 0, NULL, eku_no_email },
	{ "e_subca_eku_forbidden", BR_SEV_ERROR, "7.1.2.2g",
	  "serverAuth, codeSigning, timeStamping and anyExtendedKeyUsage SHALL NOT be present",
	  V100, 0, SUBCA, 0, 0, NULL, eku_banned },
	{ "e_root_eku_present", BR_SEV_ERROR, "7.1.2.1d",
	  "a Root CA certificate SHALL NOT contain extKeyUsage", V100, 0, ROOT, 0, 0,
	  NULL, root_eku_present },
	{ "e_subca_crldp_missing", BR_SEV_ERROR, "7.1.2.2b",
	  "Subordinate CA certificates SHALL contain cRLDistributionPoints", V100, 0, SUBCA, 0, 0,
	  NULL, crldp_missing },
	{ "e_subca_crldp_critical", BR_SEV_ERROR, "7.1.2.2b",
	  "cRLDistributionPoints SHALL NOT be critical", V100, 0, SUBCA, 0, 0, NULL, crldp_critical },
	{ "e_subca_crldp_no_http", BR_SEV_ERROR, "7.1.2.2b",
	  "cRLDistributionPoints SHALL contain the HTTP URL of the CA's CRL", V100, 0, SUBCA, 0, 0,
	  NULL, crldp_no_http },
	{ "w_subca_aia_missing", BR_SEV_WARN, "7.1.2.2c",
	  "authorityInformationAccess SHOULD be present", V100, 0, SUBCA, 0, 0, NULL, aia_missing },
	{ "e_subca_aia_critical", BR_SEV_ERROR, "7.1.2.2c",
	  "authorityInformationAccess SHALL NOT be critical", V100, 0, SUBCA, 0, 0,
	  NULL, aia_critical },
	{ "w_subca_aia_no_http_ca_issuers", BR_SEV_WARN, "7.1.2.2c",
	  "authorityInformationAccess SHOULD contain the HTTP URL of the issuing CA certificate",
	  V100, 0, SUBCA, 0, 0, NULL, aia_no_http_ca_issuers },
	{ "w_subca_nc_not_critical", BR_SEV_WARN, "7.1.2.2f",
	  "nameConstraints SHOULD be critical", V100, 0, SUBCA, 0, 0, NULL, nc_not_critical },
	{ "e_subca_aki_missing", BR_SEV_ERROR, "7.1.2.2h",
	  "Subordinate CA certificates SHALL contain authorityKeyIdentifier", V100, 0, SUBCA, 0, 0,
	  NULL, aki_missing },
	{ "e_subca_aki_critical", BR_SEV_ERROR, "7.1.2.2h",
	  "authorityKeyIdentifier SHALL NOT be critical", V100, 0, SUBCA, 0, 0, NULL, aki_critical },
	{ "e_subca_aki_form", BR_SEV_ERROR, "7.1.2.2h",
	  "authorityKeyIdentifier SHALL hold keyIdentifier and neither authorityCertIssuer nor "
	  "authorityCertSerialNumber", V100, 0, SUBCA, 0, 0, NULL, aki_form },
	{ "e_ca_ski_missing", BR_SEV_ERROR, "7.1.2.2i",
	  "CA certificates SHALL contain subjectKeyIdentifier", V100, 0, CA, 0, 0, NULL, ski_missing },
	{ "e_ca_ski_critical", BR_SEV_ERROR, "7.1.2.2i",
	  "subjectKeyIdentifier SHALL NOT be critical", V100, 0, CA, 0, 0, NULL, ski_critical },
	{ "e_aki_not_issuer_ski", BR_SEV_ERROR, "7.1.2.2i",
	  "the keyIdentifier SHALL be the issuing CA's subjectKeyIdentifier", V100, 0,
	  BR_ROLE_ALL, 0, 0, issued_by_known_ca, aki_not_issuer_ski },
	{ "e_ca_subject_incomplete", BR_SEV_ERROR, "7.1.4.3.1",
	  "a CA subject SHALL contain commonName, organizationName and countryName", V100, 0, CA,
	  0, 0, NULL, ca_subject_incomplete },
	{ "e_ca_subject_country_code", BR_SEV_ERROR, "7.1.4.3.1c",
	  "a CA subject's countryName SHALL be an ISO 3166-1 alpha-2 code", V100, 0, CA, 0, 0,
	  NULL, ca_country_code },
	{ "e_subca_nc_rfc822_not_domain", BR_SEV_ERROR, "7.1.5",
	  "a permitted rfc822Name SHALL be a domain or '.' and a domain, not a Mailbox Address",
	  V100, 0, SUBCA, 0, 0, NULL, nc_rfc822_not_domain },
	{ "n_subca_nc_incomplete", BR_SEV_NOTICE, "7.1.5",
	  "nameConstraints without permitted rfc822Name and directoryName: not Technically Constrained",
	  V100, 0, SUBCA, 0, 0, nc_present_email_ca, nc_incomplete },
	{ "w_ca_ext_not_specified", BR_SEV_WARN, "7.1.2.4",
	  "no extension that 7.1.2.1 (Root) or 7.1.2.2 (Subordinate CA) does not specify, unless the CA has a reason",
	  V100, 0, CA, 0, 0, NULL, ca_ext_not_specified },
	{ "e_subscriber_issued_by_root", BR_SEV_ERROR, "6.1.7",
	  "a Root CA key SHALL NOT sign subscriber certificates", V100, 0, BR_ROLE_SUBSCRIBER,
	  0, 0, issuer_is_root, issued_by_root },
	{ "e_issuer_not_compliant_from_2024_09_15", BR_SEV_ERROR, "Appendix B",
	  "from 2024-09-15 the issuing CA SHALL meet 7.1.2.2 (extKeyUsage) and 7.1.6.3 (policies)",
	  20240915, 0, BR_ROLE_SUBSCRIBER, 0, 0, issuer_is_subca, issuer_not_compliant },
};

const struct br_rule_group br_group_7_1_2_ca = { rules, sizeof(rules) / sizeof(rules[0]) };
