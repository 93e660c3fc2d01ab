/*
 * NAME
 *	br_7_1_4_orgid - registration references in subscriber subjects
 *	(BR 7.1.4.2.2 d and g, Appendix A)
 * DESCRIPTION
 *	subject:organizationIdentifier: the structure of 7.1.4.2.2d (a
 *	3-letter Registration Scheme, a 2-letter ISO 3166-1 code, an optional
 *	"+" and ISO 3166-2 subdivision of up to 3 characters, a hyphen-minus,
 *	the Registration Reference; GOV and INT may stop after the country);
 *	the schemes NTR, VAT, PSD, LEI (Appendix A.1) and GOV, INT (Note 2);
 *	XG for LEI and INT and for them only; the Article 215 VAT prefixes
 *	EL (Greece) and XI (Northern Ireland) for VAT only; the country of
 *	the scheme equal to countryName except for LEI and INT (Note 1); an
 *	LEI that is one (ISO 17442: 18 alphanumerics and 2 check digits,
 *	ISO 7064 MOD 97-10); a PSD reference in the structure of ETSI TS
 *	119 495 5.2.1 ("NBB-1234.567.890"); the EUID of ballot SMC011 (Note 3, v1.0.9,
 *	2025-05-14): its country is the scheme's, and a German NTR reference
 *	SHOULD be one.
 *
 *	subject:serialNumber: a value shaped like an ETSI EN 319 412-1
 *	natural-person identifier ("PASDE-...") whose scheme is not one of
 *	Appendix A.2, or in a certificate type that has no Individual to
 *	identify (MV, OV), is a notice: 7.1.4.2.2g allows any CA-assigned
 *	identifier there, so the shape proves nothing.
 * SEE ALSO
 *	S/MIME BR 7.1.4.2.2 d and g, Appendix A; ISO 17442; ETSI EN 319
 *	412-1 5.1.3; Implementing Regulation (EU) 2021/1042 (EUID).
 */
#include <string.h>

#include "policy/br_7_1_4.h"
#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/smx_err.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER

struct orgid {
	char scheme[4], cc[3], sub[4];
	const unsigned char *ref;	/* Registration Reference, NULL when absent */
	size_t reflen;
};

static int
upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
xg_scheme(const struct orgid *o)
{
	return strcmp(o->scheme, "LEI") == 0 || strcmp(o->scheme, "INT") == 0;
}

/* Parse a's value; NULL, or what is wrong with its structure. */
static const char *
parse(const struct br714_attr *a, struct orgid *o)
{
	const unsigned char *s = a->txt;
	size_t n = a->len, i = 5, k;

	memset(o, 0, sizeof(*o));
	if (s == NULL)
		return "value does not decode";
	if (n < 5 || !upper(s[0]) || !upper(s[1]) || !upper(s[2]) || !upper(s[3]) || !upper(s[4]))
		return "no 3-letter scheme and 2-letter country code";
	memcpy(o->scheme, s, 3);
	memcpy(o->cc, s + 3, 2);
	if (i < n && s[i] == '+') {
		size_t k0 = ++i;

		while (i < n && (upper(s[i]) || digit(s[i])))
			i++;
		if ((k = i - k0) == 0 || k > 3)
			return "subdivision is not 1 to 3 letters or digits";
		memcpy(o->sub, s + k0, k);
		if (xg_scheme(o))
			return "LEI and INT take no subdivision";
	}
	if (i == n) {
		if (strcmp(o->scheme, "GOV") == 0 || strcmp(o->scheme, "INT") == 0)
			return NULL;
		return "no hyphen-minus and Registration Reference";
	}
	if (s[i] != '-')
		return "scheme and country not followed by a hyphen-minus";
	o->ref = s + i + 1;
	o->reflen = n - i - 1;
	if (o->reflen == 0)
		return "empty Registration Reference";
	for (k = 0; k < o->reflen; k++)
		if (o->ref[k] <= 0x20 || o->ref[k] >= 0x7F)
			return "Registration Reference holds a space, control or non-ASCII character";
	return NULL;
}

/* Call fn on each organizationIdentifier that parses until it returns 1. */
static int
each_orgid(const struct br_cert *c, char *d, size_t dl,
    int (*fn)(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl))
{
	const struct br714_name *nm = br714_subject(c);
	struct orgid o;
	int r = 0;

	if (nm == NULL)
		return SMX_ERR_NOMEM;
	for (int i = 0; i < nm->n && r == 0; i++)
		if (nm->a[i].kind == K_ORGID && parse(&nm->a[i], &o) == NULL)
			r = fn(c, nm, &o, d, dl);
	return r;
}

/* --- checks ------------------------------------------------------------ */

static int
syntax(const struct br_cert *c, char *d, size_t dl)
{
	const struct br714_name *nm = br714_subject(c);
	struct orgid o;
	const char *why;
	int r = 0;

	if (nm == NULL)
		return SMX_ERR_NOMEM;
	for (int i = 0; i < nm->n && r == 0; i++)
		if (nm->a[i].kind == K_ORGID && (why = parse(&nm->a[i], &o)) != NULL)
			r = br_detail(d, dl, "%s", why);
	return r;
}

static int
scheme_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	static const char *const schemes[] = { "NTR", "VAT", "PSD", "LEI", "GOV", "INT" };

	(void)c;
	(void)nm;
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strcmp(o->scheme, schemes[i]) == 0)
			return 0;
	return br_detail(d, dl, "scheme %s", o->scheme);
}

static int
scheme_unknown(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, scheme_fn);
}

/* Article 215 of Directive 2006/112/EC: the VAT prefixes that are not ISO codes. */
static const char *
vat_prefix_country(const char *cc)
{
	return strcmp(cc, "EL") == 0 ? "GR" : strcmp(cc, "XI") == 0 ? "GB" : NULL;
}

static int
country_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	(void)c;
	(void)nm;
	if (xg_scheme(o))
		return 0;	/* e_orgid_xg_required */
	if (strcmp(o->cc, "XG") == 0)
		return br_detail(d, dl, "XG is for LEI and INT only");
	if (vat_prefix_country(o->cc) != NULL)
		return strcmp(o->scheme, "VAT") == 0 ? 0 :
		    br_detail(d, dl, "%s is a VAT prefix, not an ISO 3166-1 code", o->cc);
	if (strcmp(o->cc, "XX") == 0 || br714_iso3166(o->cc))
		return 0;
	return br_detail(d, dl, "%s is not an ISO 3166-1 code", o->cc);
}

static int
country_invalid(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, country_fn);
}

static int
xg_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	(void)c;
	(void)nm;
	return xg_scheme(o) && strcmp(o->cc, "XG") != 0 ?
	    br_detail(d, dl, "%s with country %s", o->scheme, o->cc) : 0;
}

static int
xg_required(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, xg_fn);
}

static int
mismatch_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	const struct br714_attr *cn;
	const char *cc = o->cc;

	(void)c;
	if (xg_scheme(o) || br714_count(nm, K_C, &cn) == 0 || cn->txt == NULL)
		return 0;
	if (strcmp(o->scheme, "VAT") == 0 && vat_prefix_country(cc) != NULL)
		cc = vat_prefix_country(cc);
	if (br714_eq(cn->txt, cn->len, cc))
		return 0;
	return br_detail(d, dl, "organizationIdentifier country %s, countryName %.*s", o->cc,
	    (int)(cn->len > 8 ? 8 : cn->len), (const char *)cn->txt);
}

static int
country_mismatch(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, mismatch_fn);
}

/* ISO 17442: [A-Z0-9]{18}[0-9]{2}, ISO 7064 MOD 97-10 over letters as 10..35. */
static int
lei_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	unsigned mod = 0;

	(void)c;
	(void)nm;
	if (strcmp(o->scheme, "LEI") != 0)
		return 0;
	if (o->ref == NULL || o->reflen != 20 || !digit(o->ref[18]) || !digit(o->ref[19]))
		return br_detail(d, dl, "not 20 characters ending in 2 check digits");
	for (size_t i = 0; i < 20; i++) {
		unsigned ch = o->ref[i];

		if (digit(ch))
			mod = (mod * 10 + (ch - '0')) % 97;
		else if (upper(ch))
			mod = (mod * 100 + (ch - 'A' + 10)) % 97;
		else
			return br_detail(d, dl, "character outside A-Z and 0-9");
	}
	return mod == 1 ? 0 : br_detail(d, dl, "check digits do not verify");
}

static int
lei_invalid(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, lei_fn);
}

/* ETSI TS 119 495 5.2.1: the reference is NCA identifier (2-8 letters), '-', identifier. */
static int
psd_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	size_t i = 0;

	(void)c;
	(void)nm;
	if (strcmp(o->scheme, "PSD") != 0)
		return 0;
	while (o->ref != NULL && i < o->reflen && upper(o->ref[i]))
		i++;
	if (o->ref != NULL && i >= 2 && i <= 8 && i + 1 < o->reflen && o->ref[i] == '-')
		return 0;
	return br_detail(d, dl, "PSD reference is not NCA-identifier '-' authorization number");
}

static int
psd_form(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, psd_fn);
}

/* EU and EEA states, the ones the EUID exists for. */
static int
eu_eea(const char *cc)
{
	static const char states[] =
	    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO";

	for (const char *p = states; *p; p += p[2] ? 3 : 2)
		if (p[0] == cc[0] && p[1] == cc[1])
			return 1;
	return 0;
}

/* A reference in the EUID structure: 2 letters, a register identifier, '.', a reference. */
static int
euid_form(const struct orgid *o)
{
	size_t i = 2;

	if (o->ref == NULL || o->reflen < 5 || !upper(o->ref[0]) || !upper(o->ref[1]))
		return 0;
	while (i < o->reflen && (upper(o->ref[i]) || digit(o->ref[i]) ||
	    (o->ref[i] >= 'a' && o->ref[i] <= 'z')))
		i++;
	return i > 2 && i + 1 < o->reflen && o->ref[i] == '.';
}

static int
euid_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	char pfx[3];

	(void)c;
	(void)nm;
	if (strcmp(o->scheme, "NTR") != 0 || !euid_form(o))
		return 0;
	memcpy(pfx, o->ref, 2);
	pfx[2] = '\0';
	if (!eu_eea(pfx) || strcmp(pfx, o->cc) == 0)
		return 0;
	return br_detail(d, dl, "EUID of %s under NTR%s", pfx, o->cc);
}

static int
euid_country(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, euid_fn);
}

static int
de_fn(const struct br_cert *c, const struct br714_name *nm, const struct orgid *o,
    char *d, size_t dl)
{
	(void)c;
	(void)nm;
	if (strcmp(o->scheme, "NTR") != 0 || strcmp(o->cc, "DE") != 0)
		return 0;
	return euid_form(o) && o->ref[0] == 'D' && o->ref[1] == 'E' ? 0 :
	    br_detail(d, dl, "German trade-register reference not as EUID");
}

static int
ntr_de_not_euid(const struct br_cert *c, char *d, size_t dl)
{
	return each_orgid(c, d, dl, de_fn);
}

/* serialNumber shaped like an ETSI natural-person identifier: XXXCC-... */
static int
serial_npi(const struct br_cert *c, char *d, size_t dl)
{
	static const char *const schemes[] = { "PAS", "IDC", "PNO", "TAX", "TIN", "EID" };
	const struct br714_name *nm = br714_subject(c);
	int r = 0;

	if (nm == NULL)
		return SMX_ERR_NOMEM;
	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct br714_attr *a = &nm->a[i];
		char cc[3];
		int known = 0;

		if (a->kind != K_SERIAL || a->txt == NULL || a->len < 7 || a->txt[5] != '-' ||
		    !upper(a->txt[0]) || !upper(a->txt[1]) || !upper(a->txt[2]) ||
		    !upper(a->txt[3]) || !upper(a->txt[4]))
			continue;
		for (size_t s = 0; s < sizeof(schemes) / sizeof(schemes[0]); s++)
			known |= memcmp(a->txt, schemes[s], 3) == 0;
		memcpy(cc, a->txt + 3, 2);
		cc[2] = '\0';
		if (!known)
			r = br_detail(d, dl, "scheme %.3s is not in Appendix A.2", (const char *)a->txt);
		else if (!br714_iso3166(cc) && strcmp(cc, "XX") != 0)
			r = br_detail(d, dl, "country %s is not an ISO 3166-1 code", cc);
		else if (c->prof.type != BR_SPONSOR && c->prof.type != BR_INDIVIDUAL)
			r = br_detail(d, dl, "natural-person identifier in a %s certificate",
			    br_type_name(c->prof.type));
	}
	return r;
}

/* --- the table ----------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_orgid_syntax", BR_SEV_ERROR, "7.1.4.2.2d",
	  "organizationIdentifier SHALL be scheme, country, optional +subdivision, '-', reference",
	  V100, 0, SUB, 0, 0, NULL, syntax },
	{ "e_orgid_scheme_unknown", BR_SEV_ERROR, "7.1.4.2.2d",
	  "the Registration Scheme SHALL be NTR, VAT, PSD, LEI (Appendix A.1), GOV or INT",
	  V100, 0, SUB, 0, 0, NULL, scheme_unknown },
	{ "e_orgid_country_invalid", BR_SEV_ERROR, "7.1.4.2.2d",
	  "the scheme's country SHALL be ISO 3166-1 (VAT: or its Article 215 prefix)",
	  V100, 0, SUB, 0, 0, NULL, country_invalid },
	{ "e_orgid_xg_required", BR_SEV_ERROR, "7.1.4.2.2d",
	  "the LEI and INT schemes SHALL use the country code XG", V100, 0, SUB, 0, 0,
	  NULL, xg_required },
	{ "e_orgid_country_mismatch", BR_SEV_ERROR, "7.1.4.2.2d",
	  "the scheme's country SHALL match countryName (except LEI and INT; Note 1)",
	  V100, 0, SUB, 0, 0, NULL, country_mismatch },
	{ "e_orgid_lei_invalid", BR_SEV_ERROR, "Appendix A.1",
	  "an LEI reference SHALL be an ISO 17442 Legal Entity Identifier", V100, 0, SUB, 0, 0,
	  NULL, lei_invalid },
	{ "e_orgid_psd_form", BR_SEV_ERROR, "Appendix A.1",
	  "a PSD reference SHALL use the ETSI TS 119 495 5.2.1 structure (NCA identifier, '-', number)",
	  V100, 0, SUB, 0, 0, NULL, psd_form },
	{ "e_orgid_euid_country_mismatch", BR_SEV_ERROR, "7.1.4.2.2d",
	  "an EUID's country code SHALL match the country after NTR (Note 3)", V100, 0, SUB, 0, 0,
	  NULL, euid_country },
	{ "w_orgid_ntr_de_not_euid", BR_SEV_WARN, "7.1.4.2.2d",
	  "a German NTR Registration Reference SHOULD be an EUID (Note 3, SMC011)",
	  20250514, 0, SUB, 0, 0, NULL, ntr_de_not_euid },
	{ "n_subject_serial_npi", BR_SEV_NOTICE, "7.1.4.2.2g",
	  "a natural-person identifier in serialNumber uses an Appendix A.2 scheme, in SV or IV only",
	  V100, 0, SUB, 0, 0, NULL, serial_npi },
};

const struct br_rule_group br_group_7_1_4_orgid = { rules, sizeof(rules) / sizeof(rules[0]) };
