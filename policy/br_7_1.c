/*
 * NAME
 *	br_7_1 - certificate basics (BR 1.2.1, 7.1, 7.1.1, 6.3.2, 7.1.4.1,
 *	7.1.2.4)
 * DESCRIPTION
 *	Version, serial number, validity period and its encoding, the issuer
 *	name (present, and byte-for-byte the issuing CA's subject; a Root
 *	CA's own), no unique identifiers, and the RFC 5280 rules on the
 *	extension list (no extension twice, no critical extension the
 *	verifier cannot process).  Validity is counted as BR 6.3.2 counts it:
 *	from notBefore to notAfter inclusive, so one second more than their
 *	difference, and any part of a day is a whole day.  Serial entropy
 *	cannot be proven from one certificate; fewer than 64 bits of
 *	magnitude is a notice (BR 7.1 asks for 64 bits of CSPRNG output).
 *
 *	Dates: the BR (v1.0.0) took effect on 2023-09-01 (1.2.1).  Every rule
 *	of every group applies to certificates with a notBefore from that day
 *	on (or from the later day a rule names), RFC rules too, as the BR
 *	makes them its own in 7.1.2.4: a CA certificate from before it is an
 *	Extant S/MIME CA, which Appendix B lets stand without the 7.1.2.2
 *	profile, and a subscriber certificate from before it was not issued
 *	under the BR.  Such certificates get n_issued_before_br instead, and
 *	the rules that reach back on purpose say so (Appendix B's on the
 *	issuer of a newer subscriber certificate, 7.1.3.1.1's on SHA-1
 *	Subordinate CAs).
 * SEE ALSO
 *	S/MIME BR 1.2.1, 6.3.2, 7.1, 7.1.1, 7.1.2.4, 7.1.4.1; RFC 5280
 *	4.1.2.2, 4.1.2.4, 4.1.2.5, 4.1.2.8, 4.2.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER
#define DAY 86400L

static int
version(const struct br_cert *c, char *d, size_t dl)
{
	long v = X509_get_version(c->x);

	return v == X509_VERSION_3 ? 0 : br_detail(d, dl, "version %ld", v + 1);
}

static int
serial_not_positive(const struct br_cert *c, char *d, size_t dl)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(c->x);
	const unsigned char *p = ASN1_STRING_get0_data(s);
	int n = ASN1_STRING_length(s);

	(void)d;
	(void)dl;
	if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
		return 1;
	for (int i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

/* Content octets of the DER INTEGER: magnitude plus a sign octet if needed. */
static int
serial_octets(const struct br_cert *c)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(c->x);
	int n = ASN1_STRING_length(s);

	return n + (n > 0 && (ASN1_STRING_get0_data(s)[0] & 0x80) ? 1 : 0);
}

static int
serial_too_long(const struct br_cert *c, char *d, size_t dl)
{
	int n = serial_octets(c);

	return n > 20 ? br_detail(d, dl, "%d octets", n) : 0;
}

static int
serial_low_entropy(const struct br_cert *c, char *d, size_t dl)
{
	int n = ASN1_STRING_length(X509_get0_serialNumber(c->x));

	return n < 8 ? br_detail(d, dl, "%d bits of magnitude at most", n * 8) : 0;
}

/* Validity in BR days (6.3.2), or -1 when the times do not decode. */
static long
validity_days(const struct br_cert *c)
{
	int days, secs;
	long total;

	if (ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(c->x),
	    X509_get0_notAfter(c->x)) != 1)
		return -1;
	total = (long)days * DAY + secs + 1;
	if (total <= 0)
		return 0;
	return (total + DAY - 1) / DAY;
}

static int
validity_over(const struct br_cert *c, char *d, size_t dl, long max)
{
	long days = validity_days(c);

	if (days < 0)
		return br_detail(d, dl, "validity does not decode");
	return days > max ? br_detail(d, dl, "%ld days", days) : 0;
}

static int
validity_825(const struct br_cert *c, char *d, size_t dl)
{
	return validity_over(c, d, dl, 825);
}

static int
validity_1185(const struct br_cert *c, char *d, size_t dl)
{
	return validity_over(c, d, dl, 1185);
}

static int
validity_inverted(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return ASN1_TIME_compare(X509_get0_notBefore(c->x), X509_get0_notAfter(c->x)) > 0;
}

/*
 * RFC 5280 4.1.2.5: UTCTime "YYMMDDHHMMSSZ" for the years to 2049,
 * GeneralizedTime "YYYYMMDDHHMMSSZ" from 2050; NULL or what is wrong.
 */
static const char *
time_form(const ASN1_TIME *t)
{
	const unsigned char *p = ASN1_STRING_get0_data(t);
	int n = ASN1_STRING_length(t), gen = ASN1_STRING_type(t) == V_ASN1_GENERALIZEDTIME;
	int digits = gen ? 14 : 12, year;
	struct tm tm;

	if (!gen && ASN1_STRING_type(t) != V_ASN1_UTCTIME)
		return "neither UTCTime nor GeneralizedTime";
	if (n != digits + 1 || p[digits] != 'Z')
		return gen ? "GeneralizedTime not YYYYMMDDHHMMSSZ" : "UTCTime not YYMMDDHHMMSSZ";
	for (int i = 0; i < digits; i++)
		if (p[i] < '0' || p[i] > '9')
			return "a time with a non-digit";
	if (ASN1_TIME_to_tm(t, &tm) != 1)
		return "a time that is no date";
	year = tm.tm_year + 1900;
	if (gen && year < 2050)
		return "GeneralizedTime before 2050";
	return NULL;
}

static int
validity_encoding(const struct br_cert *c, char *d, size_t dl)
{
	const char *why;

	if ((why = time_form(X509_get0_notBefore(c->x))) != NULL)
		return br_detail(d, dl, "notBefore: %s", why);
	if ((why = time_form(X509_get0_notAfter(c->x))) != NULL)
		return br_detail(d, dl, "notAfter: %s", why);
	return 0;
}

static int
unique_id(const struct br_cert *c, char *d, size_t dl)
{
	const ASN1_BIT_STRING *iuid = NULL, *suid = NULL;

	X509_get0_uids(c->x, &iuid, &suid);
	if (iuid != NULL)
		return br_detail(d, dl, "issuerUniqueID present");
	return suid != NULL ? br_detail(d, dl, "subjectUniqueID present") : 0;
}

static int
issuer_empty(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return X509_NAME_entry_count(X509_get_issuer_name(c->x)) == 0;
}

static int
before_br(const struct br_cert *c, char *d, size_t dl)
{
	return br_detail(d, dl, "notBefore %08d: the BR rules are not applied", c->nb_ymd);
}

static int
issuer_known(const struct br_cert *c)
{
	return c->issuer != NULL;
}

static int
issuer_dn_mismatch(const struct br_cert *c, char *d, size_t dl)
{
	const unsigned char *a, *b;
	size_t al, bl;

	(void)d;
	(void)dl;
	if (!X509_NAME_get0_der(X509_get_issuer_name(c->x), &a, &al) ||
	    !X509_NAME_get0_der(X509_get_subject_name(c->issuer), &b, &bl))
		return 1;
	return al != bl || memcmp(a, b, al) != 0;
}

static int
ext_duplicate(const struct br_cert *c, char *d, size_t dl)
{
	int n = X509_get_ext_count(c->x);

	for (int i = 0; i < n; i++) {
		const ASN1_OBJECT *oi = X509_EXTENSION_get_object(X509_get_ext(c->x, i));

		for (int j = i + 1; j < n; j++)
			if (OBJ_cmp(oi, X509_EXTENSION_get_object(X509_get_ext(c->x, j))) == 0) {
				char txt[80];

				OBJ_obj2txt(txt, sizeof(txt), oi, 1);
				return br_detail(d, dl, "%s", txt);
			}
	}
	return 0;
}

/*
 * An extension RFC 5280 4.2 expects relying parties to recognize: the
 * ones libcrypto's verifier processes (every MUST of 4.2 among them),
 * and the key identifiers, which conforming applications SHOULD
 * recognize (4.2); a critical one of those is e_aki_critical's or
 * e_ski_critical's matter, not an extension a relying party cannot
 * process.
 */
static int
recognized(X509_EXTENSION *e)
{
	int nid = OBJ_obj2nid(X509_EXTENSION_get_object(e));

	return X509_supported_extension(e) || nid == NID_authority_key_identifier ||
	    nid == NID_subject_key_identifier;
}

static int
ext_unknown_critical(const struct br_cert *c, char *d, size_t dl)
{
	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		X509_EXTENSION *e = X509_get_ext(c->x, i);

		if (X509_EXTENSION_get_critical(e) && !recognized(e)) {
			char txt[80];

			OBJ_obj2txt(txt, sizeof(txt), X509_EXTENSION_get_object(e), 1);
			return br_detail(d, dl, "%s", txt);
		}
	}
	return 0;
}

static const struct br_rule rules[] = {
	{ "e_version_not_3", BR_SEV_ERROR, "7.1.1",
	  "certificates SHALL be X.509 v3", V100, 0, BR_ROLE_ALL, 0, 0, NULL, version },
	{ "e_serial_not_positive", BR_SEV_ERROR, "7.1",
	  "serialNumber SHALL be greater than zero", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, serial_not_positive },
	{ "e_serial_too_long", BR_SEV_ERROR, "RFC 5280 4.1.2.2",
	  "serialNumber SHALL NOT be longer than 20 octets", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, serial_too_long },
	{ "n_serial_low_entropy", BR_SEV_NOTICE, "7.1",
	  "serialNumber carries fewer than 64 bits, the CSPRNG output 7.1 requires",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, serial_low_entropy },
	{ "e_validity_inverted", BR_SEV_ERROR, "RFC 5280 4.1.2.5",
	  "notAfter SHALL NOT be before notBefore", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, validity_inverted },
	{ "e_validity_time_encoding", BR_SEV_ERROR, "RFC 5280 4.1.2.5",
	  "validity SHALL be UTCTime YYMMDDHHMMSSZ through 2049, GeneralizedTime YYYYMMDDHHMMSSZ from 2050",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, validity_encoding },
	{ "e_validity_over_825_days", BR_SEV_ERROR, "6.3.2",
	  "Strict and Multipurpose certificates SHALL NOT be valid for more than 825 days",
	  V100, 0, SUB, BR_GEN(BR_STRICT) | BR_GEN(BR_MULTIPURPOSE), 0, NULL, validity_825 },
	{ "e_validity_over_1185_days", BR_SEV_ERROR, "6.3.2",
	  "Legacy certificates SHALL NOT be valid for more than 1185 days",
	  V100, 0, SUB, BR_GEN(BR_LEGACY), 0, NULL, validity_1185 },
	{ "e_issuer_dn_mismatch", BR_SEV_ERROR, "7.1.4.1",
	  "the issuer name SHALL be byte-for-byte the issuing CA's subject name",
	  V100, 0, BR_ROLE_ALL, 0, 0, issuer_known, issuer_dn_mismatch },
	{ "e_issuer_dn_empty", BR_SEV_ERROR, "RFC 5280 4.1.2.4",
	  "the issuer field SHALL contain a non-empty distinguished name", V100, 0, BR_ROLE_ALL,
	  0, 0, NULL, issuer_empty },
	{ "e_unique_id_present", BR_SEV_ERROR, "RFC 5280 4.1.2.8",
	  "certificates SHALL NOT contain issuerUniqueID or subjectUniqueID", V100, 0,
	  BR_ROLE_ALL, 0, 0, NULL, unique_id },
	{ "e_ext_duplicate", BR_SEV_ERROR, "RFC 5280 4.2",
	  "a certificate SHALL NOT include more than one instance of an extension",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, ext_duplicate },
	{ "w_ext_unknown_critical", BR_SEV_WARN, "7.1.2.4",
	  "no critical extension that relying parties cannot process (RFC 5280 4.2)",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, ext_unknown_critical },
	{ "n_issued_before_br", BR_SEV_NOTICE, "1.2.1",
	  "issued before the BR took effect (2023-09-01): an Extant CA or a pre-BR certificate",
	  0, V100, BR_ROLE_SUBSCRIBER | BR_ROLE_SUBCA, 0, 0, NULL, before_br },
};

const struct br_rule_group br_group_7_1 = { rules, sizeof(rules) / sizeof(rules[0]) };
