/*
 * NAME
 *	br_7_1_2_3_ext - optional and unlisted subscriber extensions
 *	(BR 7.1.2.3 i-m, 7.1.2.4)
 * DESCRIPTION
 *	smimeCapabilities and qcStatements: not critical.
 *	subjectDirectoryAttributes: prohibited in Strict and Multipurpose,
 *	not critical in Legacy.  The Legal Entity Identifier extension
 *	(1.3.6.1.4.1.52266.1): Organization- and Sponsor-validated only, not
 *	critical; its role extension (.2): Sponsor-validated only, not
 *	critical.  The Adobe Time-stamp and ArchiveRevInfo extensions
 *	(1.2.840.113583.1.1.9.1, .2): prohibited in Strict, not critical
 *	elsewhere.
 *
 *	Any extension 7.1.2.3 does not list is a warning (7.1.2.4): the CA
 *	may include one when it "is aware of a reason", which a certificate
 *	cannot show.  The contents of these extensions (an LEI's check
 *	digits, its GLEIF status) are not judged.
 * SEE ALSO
 *	S/MIME BR 7.1.2.3i-m, 7.1.2.4; RFC 3739; RFC 4262.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

#define SUB BR_ROLE_SUBSCRIBER
#define NODETAIL (void)d; (void)dl

/* DER contents of the OIDs OpenSSL has no NID for. */
static const unsigned char oid_lei[] = { 0x2b, 6, 1, 4, 1, 0x83, 0x98, 0x2a, 1 };
static const unsigned char oid_lei_role[] = { 0x2b, 6, 1, 4, 1, 0x83, 0x98, 0x2a, 2 };
static const unsigned char oid_adobe_ts[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x2f, 1, 1, 9, 1 };
static const unsigned char oid_adobe_arc[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x2f, 1, 1, 9, 2 };

static int
oid_is(const ASN1_OBJECT *o, const unsigned char *der, size_t len)
{
	return (size_t)OBJ_length(o) == len && memcmp(OBJ_get0_data(o), der, len) == 0;
}

/*
 * Occurrences of the extension with the OID der; *crit gets whether any
 * of them is critical.
 */
static int
ext_by_der(const struct br_cert *c, const unsigned char *der, size_t len, int *crit)
{
	int n = 0;

	*crit = 0;
	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		X509_EXTENSION *e = X509_get_ext(c->x, i);

		if (oid_is(X509_EXTENSION_get_object(e), der, len)) {
			n++;
			*crit |= X509_EXTENSION_get_critical(e);
		}
	}
	return n;
}

#define EXT_BY_DER(c, oid, crit) ext_by_der((c), (oid), sizeof(oid), (crit))

static int
nid_critical(const struct br_cert *c, int nid)
{
	int crit;

	return br_ext_count(c->x, nid, &crit) > 0 && crit;
}

/* --- i. smimeCapabilities, j. subjectDirectoryAttributes, k. qcStatements - */

static int
smime_caps_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return nid_critical(c, NID_SMIMECapabilities);
}

static int
sda_present(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return br_ext_count(c->x, NID_subject_directory_attributes, NULL) > 0;
}

static int
sda_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return nid_critical(c, NID_subject_directory_attributes);
}

static int
qc_statements_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return nid_critical(c, NID_qcStatements);
}

/* --- l. Legal Entity Identifier -------------------------------------------- */

static int
lei_present(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	NODETAIL;
	return EXT_BY_DER(c, oid_lei, &crit) > 0;
}

static int
lei_critical(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	NODETAIL;
	return EXT_BY_DER(c, oid_lei, &crit) > 0 && crit;
}

static int
lei_role_present(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	NODETAIL;
	return EXT_BY_DER(c, oid_lei_role, &crit) > 0;
}

static int
lei_role_critical(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	NODETAIL;
	return EXT_BY_DER(c, oid_lei_role, &crit) > 0 && crit;
}

/* --- m. Adobe extensions ----------------------------------------------------- */

static int
adobe_present(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	if (EXT_BY_DER(c, oid_adobe_ts, &crit) > 0)
		return br_detail(d, dl, "Adobe Time-stamp (1.2.840.113583.1.1.9.1)");
	if (EXT_BY_DER(c, oid_adobe_arc, &crit) > 0)
		return br_detail(d, dl, "Adobe ArchiveRevInfo (1.2.840.113583.1.1.9.2)");
	return 0;
}

static int
adobe_critical(const struct br_cert *c, char *d, size_t dl)
{
	int crit1, crit2;

	NODETAIL;
	return (EXT_BY_DER(c, oid_adobe_ts, &crit1) > 0 && crit1) ||
	    (EXT_BY_DER(c, oid_adobe_arc, &crit2) > 0 && crit2);
}

/* --- 7.1.2.4: extensions 7.1.2.3 does not list ------------------------------ */

static int
listed(const ASN1_OBJECT *o)
{
	static const int nids[] = {
		NID_certificate_policies, NID_crl_distribution_points, NID_info_access,
		NID_basic_constraints, NID_key_usage, NID_ext_key_usage,
		NID_authority_key_identifier, NID_subject_alt_name, NID_SMIMECapabilities,
		NID_subject_directory_attributes, NID_qcStatements, NID_subject_key_identifier,
	};
	int nid = OBJ_obj2nid(o);

	for (size_t i = 0; nid != NID_undef && i < sizeof(nids) / sizeof(nids[0]); i++)
		if (nid == nids[i])
			return 1;
	return oid_is(o, oid_lei, sizeof(oid_lei)) ||
	    oid_is(o, oid_lei_role, sizeof(oid_lei_role)) ||
	    oid_is(o, oid_adobe_ts, sizeof(oid_adobe_ts)) ||
	    oid_is(o, oid_adobe_arc, sizeof(oid_adobe_arc));
}

static int
ext_not_specified(const struct br_cert *c, char *d, size_t dl)
{
	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		const ASN1_OBJECT *o = X509_EXTENSION_get_object(X509_get_ext(c->x, i));
		char txt[80];

		if (listed(o))
			continue;
		OBJ_obj2txt(txt, sizeof(txt), o, 1);
		return br_detail(d, dl, "%s", txt);
	}
	return 0;
}

/* --- the table --------------------------------------------------------------- */

#define STRICT BR_GEN(BR_STRICT)
#define MP_LEG (BR_GEN(BR_MULTIPURPOSE) | BR_GEN(BR_LEGACY))
#define T(t) BR_TYPE(t)

static const struct br_rule rules[] = {
	{ "e_smime_caps_critical", BR_SEV_ERROR, "7.1.2.3i",
	  "smimeCapabilities SHALL NOT be critical", 0, 0, SUB, 0, 0, NULL, smime_caps_critical },
	{ "e_sda_prohibited", BR_SEV_ERROR, "7.1.2.3j",
	  "Strict and Multipurpose: subjectDirectoryAttributes is prohibited", 0, 0, SUB,
	  STRICT | BR_GEN(BR_MULTIPURPOSE), 0, NULL, sda_present },
	{ "e_sda_critical", BR_SEV_ERROR, "7.1.2.3j",
	  "Legacy: subjectDirectoryAttributes SHALL NOT be critical", 0, 0, SUB,
	  BR_GEN(BR_LEGACY), 0, NULL, sda_critical },
	{ "e_qc_statements_critical", BR_SEV_ERROR, "7.1.2.3k",
	  "qcStatements SHALL NOT be critical", 0, 0, SUB, 0, 0, NULL, qc_statements_critical },
	{ "e_lei_prohibited", BR_SEV_ERROR, "7.1.2.3l",
	  "Mailbox- and Individual-validated: the LEI extension is prohibited", 0, 0, SUB, 0,
	  T(BR_MAILBOX) | T(BR_INDIVIDUAL), NULL, lei_present },
	{ "e_lei_critical", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI extension SHALL NOT be critical", 0, 0, SUB, 0,
	  T(BR_ORGANIZATION) | T(BR_SPONSOR), NULL, lei_critical },
	{ "e_lei_role_prohibited", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI role extension SHALL NOT be present outside Sponsor-validated", 0, 0, SUB, 0,
	  T(BR_MAILBOX) | T(BR_ORGANIZATION) | T(BR_INDIVIDUAL), NULL, lei_role_present },
	{ "e_lei_role_critical", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI role extension SHALL NOT be critical", 0, 0, SUB, 0, T(BR_SPONSOR),
	  NULL, lei_role_critical },
	{ "e_adobe_prohibited", BR_SEV_ERROR, "7.1.2.3m",
	  "Strict: the Adobe extensions are prohibited", 0, 0, SUB, STRICT, 0,
	  NULL, adobe_present },
	{ "e_adobe_critical", BR_SEV_ERROR, "7.1.2.3m",
	  "the Adobe extensions SHALL NOT be critical", 0, 0, SUB, MP_LEG, 0,
	  NULL, adobe_critical },
	{ "w_ext_not_specified", BR_SEV_WARN, "7.1.2.4",
	  "no extension that 7.1.2.3 does not specify, unless the CA has a reason for it",
	  0, 0, SUB, 0, 0, NULL, ext_not_specified },
};

const struct br_rule_group br_group_7_1_2_3_ext = { rules, sizeof(rules) / sizeof(rules[0]) };
