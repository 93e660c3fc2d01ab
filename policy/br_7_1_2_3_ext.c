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
 *	critical.  Their values, as ISO 17442-2 defines them (pkilint reads
 *	it the same way): the LEI a PrintableString of the 20 characters of
 *	ISO 17442-1 (18 alphanumerics, 2 check digits, ISO 7064 MOD 97-10),
 *	the role a PrintableString of 1 to 100 characters.  The Adobe
 *	Time-stamp and ArchiveRevInfo extensions (1.2.840.113583.1.1.9.1,
 *	.2): prohibited in Strict, not critical elsewhere.
 *
 *	Any extension 7.1.2.3 does not list is a warning (7.1.2.4): the CA
 *	may include one when it "is aware of a reason", which a certificate
 *	cannot show.  An LEI's GLEIF status (7.1.2.3l) cannot be seen in a
 *	certificate.
 * SEE ALSO
 *	S/MIME BR 7.1.2.3i-m, 7.1.2.4; RFC 3739; RFC 4262; ISO 17442-1, -2.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

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

/*
 * The PrintableString that is the whole value of the first extension with
 * the OID der: 1 and *s, *n; 0 when it is something else; -1 when absent.
 */
static int
printable_value(const struct br_cert *c, const unsigned char *der, size_t len,
    const unsigned char **s, size_t *n)
{
	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		X509_EXTENSION *e = X509_get_ext(c->x, i);
		const ASN1_OCTET_STRING *os;
		const unsigned char *p;
		int l;

		if (!oid_is(X509_EXTENSION_get_object(e), der, len))
			continue;
		os = X509_EXTENSION_get_data(e);
		p = ASN1_STRING_get0_data(os);
		l = ASN1_STRING_length(os);
		/* tag 0x13, a short or one-octet long length, the content, nothing more */
		if (l < 2 || p[0] != 0x13)
			return 0;
		if (p[1] < 0x80 && p[1] == l - 2) {
			*s = p + 2;
			*n = p[1];
		} else if (p[1] == 0x81 && l >= 3 && p[2] >= 0x80 && p[2] == l - 3) {
			*s = p + 3;
			*n = p[2];
		} else {
			return 0;
		}
		for (size_t k = 0; k < *n; k++) {
			unsigned char ch = (*s)[k];

			if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') &&
			    !(ch >= '0' && ch <= '9') && (ch == 0 || strchr(" '()+,-./:=?", ch) == NULL))
				return 0;	/* outside the PrintableString repertoire */
		}
		return 1;
	}
	return -1;
}

/* ISO 17442-1: [0-9A-Z]{18}[0-9]{2}, ISO 7064 MOD 97-10 over letters as 10..35. */
static int
lei_ok(const unsigned char *s, size_t n)
{
	unsigned mod = 0;

	if (n != 20 || s[18] < '0' || s[18] > '9' || s[19] < '0' || s[19] > '9')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			mod = (mod * 10 + (s[i] - '0')) % 97;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			mod = (mod * 100 + (s[i] - 'A' + 10)) % 97;
		else
			return 0;
	}
	return mod == 1;
}

static int
lei_value(const struct br_cert *c, char *d, size_t dl)
{
	const unsigned char *s;
	size_t n;
	int r = printable_value(c, oid_lei, sizeof(oid_lei), &s, &n);

	if (r < 0)
		return 0;
	if (r == 0)
		return br_detail(d, dl, "the LEI extension is not a PrintableString");
	return lei_ok(s, n) ? 0 :
	    br_detail(d, dl, "'%.*s' is no ISO 17442 LEI", (int)(n > 24 ? 24 : n), (const char *)s);
}

static int
lei_role_value(const struct br_cert *c, char *d, size_t dl)
{
	const unsigned char *s;
	size_t n;
	int r = printable_value(c, oid_lei_role, sizeof(oid_lei_role), &s, &n);

	if (r < 0)
		return 0;
	if (r == 0)
		return br_detail(d, dl, "the role is not a PrintableString");
	return n >= 1 && n <= 100 ? 0 : br_detail(d, dl, "role of %zu characters", n);
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
	  "smimeCapabilities SHALL NOT be critical", V100, 0, SUB, 0, 0, NULL, smime_caps_critical },
	{ "e_sda_prohibited", BR_SEV_ERROR, "7.1.2.3j",
	  "Strict and Multipurpose: subjectDirectoryAttributes is prohibited", V100, 0, SUB,
	  STRICT | BR_GEN(BR_MULTIPURPOSE), 0, NULL, sda_present },
	{ "e_sda_critical", BR_SEV_ERROR, "7.1.2.3j",
	  "Legacy: subjectDirectoryAttributes SHALL NOT be critical", V100, 0, SUB,
	  BR_GEN(BR_LEGACY), 0, NULL, sda_critical },
	{ "e_qc_statements_critical", BR_SEV_ERROR, "7.1.2.3k",
	  "qcStatements SHALL NOT be critical", V100, 0, SUB, 0, 0, NULL, qc_statements_critical },
	{ "e_lei_prohibited", BR_SEV_ERROR, "7.1.2.3l",
	  "Mailbox- and Individual-validated: the LEI extension is prohibited", V100, 0, SUB, 0,
	  T(BR_MAILBOX) | T(BR_INDIVIDUAL), NULL, lei_present },
	{ "e_lei_critical", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI extension SHALL NOT be critical", V100, 0, SUB, 0,
	  T(BR_ORGANIZATION) | T(BR_SPONSOR), NULL, lei_critical },
	{ "e_lei_role_prohibited", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI role extension SHALL NOT be present outside Sponsor-validated", V100, 0, SUB, 0,
	  T(BR_MAILBOX) | T(BR_ORGANIZATION) | T(BR_INDIVIDUAL), NULL, lei_role_present },
	{ "e_lei_role_critical", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI role extension SHALL NOT be critical", V100, 0, SUB, 0, T(BR_SPONSOR),
	  NULL, lei_role_critical },
	{ "e_lei_value_invalid", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI extension SHALL hold an ISO 17442 LEI: a PrintableString of 20 characters with valid check digits",
	  V100, 0, SUB, 0, T(BR_ORGANIZATION) | T(BR_SPONSOR), NULL, lei_value },
	{ "e_lei_role_value_invalid", BR_SEV_ERROR, "7.1.2.3l",
	  "the LEI role extension SHALL be a PrintableString of 1 to 100 characters (ISO 17442-2)",
	  V100, 0, SUB, 0, T(BR_SPONSOR), NULL, lei_role_value },
	{ "e_adobe_prohibited", BR_SEV_ERROR, "7.1.2.3m",
	  "Strict: the Adobe extensions are prohibited", V100, 0, SUB, STRICT, 0,
	  NULL, adobe_present },
	{ "e_adobe_critical", BR_SEV_ERROR, "7.1.2.3m",
	  "the Adobe extensions SHALL NOT be critical", V100, 0, SUB, MP_LEG, 0,
	  NULL, adobe_critical },
	{ "w_ext_not_specified", BR_SEV_WARN, "7.1.2.4",
	  "no extension that 7.1.2.3 does not specify, unless the CA has a reason for it",
	  V100, 0, SUB, 0, 0, NULL, ext_not_specified },
};

const struct br_rule_group br_group_7_1_2_3_ext = { rules, sizeof(rules) / sizeof(rules[0]) };
