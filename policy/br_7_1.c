/*
 * NAME
 *	br_7_1 - certificate basics (BR 7.1, 7.1.1, 6.3.2, 7.1.4.1, 7.1.2.4)
 * DESCRIPTION
 *	Version, serial number, validity period, the issuer name against the
 *	issuing CA's subject, and the RFC 5280 rules on the extension list
 *	(no extension twice, no critical extension the verifier cannot
 *	process).  Validity is counted as BR 6.3.2 counts it: from notBefore
 *	to notAfter inclusive, so one second more than their difference, and
 *	any part of a day is a whole day.  Serial entropy cannot be proven
 *	from one certificate; fewer than 64 bits of magnitude is a notice
 *	(BR 7.1 asks for 64 bits of CSPRNG output).
 * SEE ALSO
 *	S/MIME BR 6.3.2, 7.1, 7.1.1, 7.1.2.4, 7.1.4.1; RFC 5280 4.1.2.2, 4.2.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

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

static int
ext_unknown_critical(const struct br_cert *c, char *d, size_t dl)
{
	for (int i = 0; i < X509_get_ext_count(c->x); i++) {
		X509_EXTENSION *e = X509_get_ext(c->x, i);

		if (X509_EXTENSION_get_critical(e) && !X509_supported_extension(e)) {
			char txt[80];

			OBJ_obj2txt(txt, sizeof(txt), X509_EXTENSION_get_object(e), 1);
			return br_detail(d, dl, "%s", txt);
		}
	}
	return 0;
}

static const struct br_rule rules[] = {
	{ "e_version_not_3", BR_SEV_ERROR, "7.1.1",
	  "certificates SHALL be X.509 v3", 0, 0, BR_ROLE_ALL, 0, 0, NULL, version },
	{ "e_serial_not_positive", BR_SEV_ERROR, "7.1",
	  "serialNumber SHALL be greater than zero", 0, 0, BR_ROLE_ALL, 0, 0,
	  NULL, serial_not_positive },
	{ "e_serial_too_long", BR_SEV_ERROR, "RFC 5280 4.1.2.2",
	  "serialNumber SHALL NOT be longer than 20 octets", 0, 0, BR_ROLE_ALL, 0, 0,
	  NULL, serial_too_long },
	{ "n_serial_low_entropy", BR_SEV_NOTICE, "7.1",
	  "serialNumber carries fewer than 64 bits, the CSPRNG output 7.1 requires",
	  0, 0, BR_ROLE_ALL, 0, 0, NULL, serial_low_entropy },
	{ "e_validity_inverted", BR_SEV_ERROR, "RFC 5280 4.1.2.5",
	  "notAfter SHALL NOT be before notBefore", 0, 0, BR_ROLE_ALL, 0, 0,
	  NULL, validity_inverted },
	{ "e_validity_over_825_days", BR_SEV_ERROR, "6.3.2",
	  "Strict and Multipurpose certificates SHALL NOT be valid for more than 825 days",
	  0, 0, SUB, BR_GEN(BR_STRICT) | BR_GEN(BR_MULTIPURPOSE), 0, NULL, validity_825 },
	{ "e_validity_over_1185_days", BR_SEV_ERROR, "6.3.2",
	  "Legacy certificates SHALL NOT be valid for more than 1185 days",
	  0, 0, SUB, BR_GEN(BR_LEGACY), 0, NULL, validity_1185 },
	{ "e_issuer_dn_mismatch", BR_SEV_ERROR, "7.1.4.1",
	  "the issuer name SHALL be byte-for-byte the issuing CA's subject name",
	  0, 0, BR_ROLE_SUBSCRIBER | BR_ROLE_SUBCA, 0, 0, issuer_known, issuer_dn_mismatch },
	{ "e_ext_duplicate", BR_SEV_ERROR, "RFC 5280 4.2",
	  "a certificate SHALL NOT include more than one instance of an extension",
	  0, 0, BR_ROLE_ALL, 0, 0, NULL, ext_duplicate },
	{ "w_ext_unknown_critical", BR_SEV_WARN, "7.1.2.4",
	  "no critical extension that relying parties cannot process (RFC 5280 4.2)",
	  0, 0, BR_ROLE_ALL, 0, 0, NULL, ext_unknown_critical },
};

const struct br_rule_group br_group_7_1 = { rules, sizeof(rules) / sizeof(rules[0]) };
