/*
 * NAME
 *	br_7_1_2_ca - CA certificates that came with a message (BR 7.1.2.1,
 *	7.1.2.2, 7.1.4.3)
 * DESCRIPTION
 *	The extensions of Root CA and Subordinate CA certificates (basic
 *	constraints, key usage, extended key usage, CRL distribution points,
 *	authority information access, name constraints, key identifiers) and
 *	the attributes a CA subject must hold.  Policies are in br_7_1_6.c,
 *	keys and signature algorithms in br_7_1_3.c.
 *
 *	A Cross Certificate may omit extKeyUsage (7.1.2.2g); a certificate
 *	alone cannot show that it is one, so a missing EKU in a Subordinate
 *	CA is an error unless its subject and key equal those of the CA
 *	certificate that issued it (the shape of a cross certificate as far
 *	as this set of certificates shows).  Whether the CA signs OCSP
 *	responses (which asks for digitalSignature) cannot be seen either,
 *	so digitalSignature is allowed, and other bits are warnings.
 *
 *	The key identifier chain (7.1.2.1e, 7.1.2.2i: the CA's
 *	subjectKeyIdentifier is the keyIdentifier of what it issues) is
 *	checked on the issued certificate, when its issuer is at hand.
 * SEE ALSO
 *	S/MIME BR 7.1.2.1, 7.1.2.2, 7.1.4.3.1; RFC 5280 4.2.1.
 */
#include <string.h>
#include <strings.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

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
cross_shaped(const struct br_cert *c)
{
	return c->issuer != NULL && c->issuer != c->x &&
	    X509_NAME_cmp(X509_get_subject_name(c->x), X509_get_subject_name(c->issuer)) == 0 &&
	    EVP_PKEY_eq(X509_get0_pubkey(c->x), X509_get0_pubkey(c->issuer)) == 1;
}

static int
eku_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return ext_missing(c, NID_ext_key_usage) && !cross_shaped(c);
}

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

/* --- the table ------------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_ca_bc_missing", BR_SEV_ERROR, "7.1.2.2d",
	  "CA certificates SHALL contain basicConstraints", 0, 0, CA, 0, 0, NULL, bc_missing },
	{ "e_ca_bc_not_critical", BR_SEV_ERROR, "7.1.2.2d",
	  "basicConstraints SHALL be critical in CA certificates", 0, 0, CA, 0, 0,
	  NULL, bc_not_critical },
	{ "e_ca_bc_ca_false", BR_SEV_ERROR, "7.1.2.2d",
	  "basicConstraints cA SHALL be true in CA certificates", 0, 0, CA, 0, 0,
	  NULL, bc_not_ca },
	{ "w_root_bc_pathlen", BR_SEV_WARN, "7.1.2.1a",
	  "a Root CA certificate SHOULD NOT contain pathLenConstraint", 0, 0, ROOT, 0, 0,
	  NULL, root_pathlen },
	{ "e_ca_ku_missing", BR_SEV_ERROR, "7.1.2.2e",
	  "CA certificates SHALL contain keyUsage", 0, 0, CA, 0, 0, NULL, ku_missing },
	{ "e_ca_ku_not_critical", BR_SEV_ERROR, "7.1.2.2e",
	  "keyUsage SHALL be critical in CA certificates", 0, 0, CA, 0, 0, NULL, ku_not_critical },
	{ "e_ca_ku_no_certsign_crlsign", BR_SEV_ERROR, "7.1.2.2e",
	  "keyCertSign and cRLSign SHALL be set in CA certificates", 0, 0, CA, 0, 0,
	  NULL, ku_no_certsign },
	{ "w_ca_ku_other_bits", BR_SEV_WARN, "7.1.2.4",
	  "CA keyUsage beyond keyCertSign, cRLSign and digitalSignature (OCSP) is not specified",
	  0, 0, CA, 0, 0, NULL, ku_other_bits },
	{ "e_subca_eku_missing", BR_SEV_ERROR, "7.1.2.2g",
	  "Subordinate CA certificates other than Cross Certificates SHALL contain extKeyUsage",
	  0, 0, SUBCA, 0, 0, NULL, eku_missing },
	{ "w_subca_eku_critical", BR_SEV_WARN, "7.1.2.2g",
	  "extKeyUsage SHOULD NOT be critical in Subordinate CA certificates", 0, 0, SUBCA, 0, 0,
	  NULL, eku_critical },
	{ "e_subca_eku_no_email_protection", BR_SEV_ERROR, "7.1.2.2g",
	  "an S/MIME issuing CA's extKeyUsage SHALL contain id-kp-emailProtection", 0, 0, SUBCA,
	  0, 0, NULL, eku_no_email },
	{ "e_subca_eku_forbidden", BR_SEV_ERROR, "7.1.2.2g",
	  "serverAuth, codeSigning, timeStamping and anyExtendedKeyUsage SHALL NOT be present",
	  0, 0, SUBCA, 0, 0, NULL, eku_banned },
	{ "e_root_eku_present", BR_SEV_ERROR, "7.1.2.1d",
	  "a Root CA certificate SHALL NOT contain extKeyUsage", 0, 0, ROOT, 0, 0,
	  NULL, root_eku_present },
	{ "e_subca_crldp_missing", BR_SEV_ERROR, "7.1.2.2b",
	  "Subordinate CA certificates SHALL contain cRLDistributionPoints", 0, 0, SUBCA, 0, 0,
	  NULL, crldp_missing },
	{ "e_subca_crldp_critical", BR_SEV_ERROR, "7.1.2.2b",
	  "cRLDistributionPoints SHALL NOT be critical", 0, 0, SUBCA, 0, 0, NULL, crldp_critical },
	{ "e_subca_crldp_no_http", BR_SEV_ERROR, "7.1.2.2b",
	  "cRLDistributionPoints SHALL contain the HTTP URL of the CA's CRL", 0, 0, SUBCA, 0, 0,
	  NULL, crldp_no_http },
	{ "w_subca_aia_missing", BR_SEV_WARN, "7.1.2.2c",
	  "authorityInformationAccess SHOULD be present", 0, 0, SUBCA, 0, 0, NULL, aia_missing },
	{ "e_subca_aia_critical", BR_SEV_ERROR, "7.1.2.2c",
	  "authorityInformationAccess SHALL NOT be critical", 0, 0, SUBCA, 0, 0,
	  NULL, aia_critical },
	{ "w_subca_aia_no_http_ca_issuers", BR_SEV_WARN, "7.1.2.2c",
	  "authorityInformationAccess SHOULD contain the HTTP URL of the issuing CA certificate",
	  0, 0, SUBCA, 0, 0, NULL, aia_no_http_ca_issuers },
	{ "w_subca_nc_not_critical", BR_SEV_WARN, "7.1.2.2f",
	  "nameConstraints SHOULD be critical", 0, 0, SUBCA, 0, 0, NULL, nc_not_critical },
	{ "e_subca_aki_missing", BR_SEV_ERROR, "7.1.2.2h",
	  "Subordinate CA certificates SHALL contain authorityKeyIdentifier", 0, 0, SUBCA, 0, 0,
	  NULL, aki_missing },
	{ "e_subca_aki_critical", BR_SEV_ERROR, "7.1.2.2h",
	  "authorityKeyIdentifier SHALL NOT be critical", 0, 0, SUBCA, 0, 0, NULL, aki_critical },
	{ "e_subca_aki_form", BR_SEV_ERROR, "7.1.2.2h",
	  "authorityKeyIdentifier SHALL hold keyIdentifier and neither authorityCertIssuer nor "
	  "authorityCertSerialNumber", 0, 0, SUBCA, 0, 0, NULL, aki_form },
	{ "e_ca_ski_missing", BR_SEV_ERROR, "7.1.2.2i",
	  "CA certificates SHALL contain subjectKeyIdentifier", 0, 0, CA, 0, 0, NULL, ski_missing },
	{ "e_ca_ski_critical", BR_SEV_ERROR, "7.1.2.2i",
	  "subjectKeyIdentifier SHALL NOT be critical", 0, 0, CA, 0, 0, NULL, ski_critical },
	{ "e_aki_not_issuer_ski", BR_SEV_ERROR, "7.1.2.2i",
	  "the keyIdentifier SHALL be the issuing CA's subjectKeyIdentifier", 0, 0,
	  BR_ROLE_SUBSCRIBER | SUBCA, 0, 0, issued_by_known_ca, aki_not_issuer_ski },
	{ "e_ca_subject_incomplete", BR_SEV_ERROR, "7.1.4.3.1",
	  "a CA subject SHALL contain commonName, organizationName and countryName", 0, 0, CA,
	  0, 0, NULL, ca_subject_incomplete },
};

const struct br_rule_group br_group_7_1_2_ca = { rules, sizeof(rules) / sizeof(rules[0]) };
