/*
 * NAME
 *	br_7_1_4_subject - subject attributes of subscriber certificates
 *	(BR 7.1.4, 7.1.4.2, 7.1.4.2.2-6)
 * DESCRIPTION
 *	Which attributes each certificate type and generation requires,
 *	allows and forbids (the tables of 7.1.4.2.3-6, "Other" row included,
 *	in br_7_1_4_util.c), also inside a subjectAltName directoryName; the
 *	name of an Individual in Sponsor- and Individual-validated
 *	Multipurpose and Strict certificates; pseudonym against givenName
 *	and surname; what commonName may hold per type; the address
 *	attributes that need another one; countryName an ISO 3166-1 code or
 *	XX; no placeholder values; the encodings and upper bounds of RFC 5280
 *	(and X.520 where RFC 5280 sets none: a warning), which 7.1.4 asks of
 *	every certificate's subject, CA certificates' too.
 *
 *	A Personal Name in commonName cannot be told from a Pseudonym or any
 *	other text, so the checks take commonName as: a Mailbox Address when
 *	it parses as one; else the Pseudonym when a pseudonym attribute is
 *	present; else the Personal Name.  A Personal Name that shares no
 *	word with givenName or surname is a notice only (BR 3.1.4.1 allows
 *	transliteration, and the CA may choose the presentation).
 *
 *	The pseudonym draft (srdavidson/smime "Pseudo" e335fe4, cabforum/smime
 *	#278; not adopted, no effective date) gives two notices only: a
 *	commonName with its "Pseudo: " or "PN: " prefix (accepted as the
 *	Pseudonym it marks: it contains the pseudonym attribute), and a
 *	Mailbox Address inside subject:pseudonym, which the draft would ban.
 * SEE ALSO
 *	S/MIME BR 3.1.3, 7.1.4, 7.1.4.2, 7.1.4.2.1, 7.1.4.2.2-6; RFC 5280
 *	4.1.2.4 and Appendix A; X.501 9.3; X.520.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/x509v3.h>

#include "policy/br_7_1_4.h"
#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/smx_err.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER
#define SV_IV (BR_TYPE(BR_SPONSOR) | BR_TYPE(BR_INDIVIDUAL))
#define MP_STRICT (BR_GEN(BR_MULTIPURPOSE) | BR_GEN(BR_STRICT))

/*
 * Every check reads the subject the same way (read once per lint,
 * br714_subject()); dirname_content() points them at a subjectAltName
 * directoryName instead, for as long as it runs them (7.1.4.2.1: a
 * directoryName follows the subject rules).
 */
static _Thread_local const struct br714_name *dirname_under_check;

#define SUBJECT(c, nm) const struct br714_name *nm = dirname_under_check != NULL ? \
	dirname_under_check : br714_subject(c); \
	if (nm == NULL) \
		return SMX_ERR_NOMEM

static int
is_mailbox(const struct br714_attr *a)
{
	return a != NULL && a->txt != NULL && br714_mailbox_syntax(a->txt, a->len, 1, NULL) == NULL;
}

static int
same_text(const struct br714_attr *a, const struct br714_attr *b)
{
	return a->txt != NULL && b->txt != NULL && a->len == b->len &&
	    memcmp(a->txt, b->txt, a->len) == 0;
}

/* 1 when b's value occurs in a's (as bytes). */
static int
contains(const struct br714_attr *a, const struct br714_attr *b)
{
	if (a->txt == NULL || b->txt == NULL || b->len == 0 || b->len > a->len)
		return 0;
	for (size_t i = 0; i + b->len <= a->len; i++)
		if (memcmp(a->txt + i, b->txt, b->len) == 0)
			return 1;
	return 0;
}

/* --- presence (7.1.4.2.3-6) -------------------------------------------- */

static int
attr_forbidden(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	const struct br714_attr *a = br714_first_forbidden(nm, c->prof.type, c->prof.gen);
	char buf[80];
	int r = 0;

	if (a != NULL)
		r = br_detail(d, dl, "%s not allowed in a %s %s certificate", br714_attr_name(a, buf,
		    sizeof(buf)), br_type_name(c->prof.type), br_gen_name(c->prof.gen));
	return r;
}

static int
attr_missing(const struct br_cert *c, char *d, size_t dl)
{
	static const char *const names[K_NKINDS] = { [K_O] = "O", [K_ORGID] = "organizationIdentifier" };
	SUBJECT(c, nm);
	int r = 0;

	for (int k = 0; k < K_NKINDS && r == 0; k++)
		if (br714_presence(k, c->prof.type, c->prof.gen) == 'S' && br714_count(nm, k, NULL) == 0)
			r = br_detail(d, dl, "no %s", names[k] ? names[k] : "required attribute");
	return r;
}

static int
dirname_forbidden(const struct br_cert *c, char *d, size_t dl)
{
	GENERAL_NAMES *gns = br_ext_d2i(c, NID_subject_alt_name);
	int r = 0;

	for (int i = 0; r == 0 && i < sk_GENERAL_NAME_num(gns); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, i);
		struct br714_name nm;
		const struct br714_attr *a;
		char buf[80];

		if (g->type != GEN_DIRNAME)
			continue;
		br714_name_load(g->d.directoryName, &nm);
		if ((a = br714_first_forbidden(&nm, c->prof.type, c->prof.gen)) != NULL)
			r = br_detail(d, dl, "directoryName holds %s", br714_attr_name(a, buf, sizeof(buf)));
		br714_name_free(&nm);
	}
	return r;
}

/* --- names of Individuals (7.1.4.2.2 a, e, f; 7.1.4.2.5-6 notes) ------- */

static int
person_name_missing(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);

	(void)d;
	(void)dl;
	return br714_count(nm, K_GN, NULL) + br714_count(nm, K_SN, NULL) +
	    br714_count(nm, K_PSEUDO, NULL) == 0;
}

static int
pseudonym_with_name(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);

	(void)d;
	(void)dl;
	return br714_count(nm, K_PSEUDO, NULL) > 0 &&
	    br714_count(nm, K_GN, NULL) + br714_count(nm, K_SN, NULL) > 0;
}

/* A Subject with a single legal name has it in surname (7.1.4.2.2e). */
static int
given_name_only(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);

	(void)d;
	(void)dl;
	return br714_count(nm, K_GN, NULL) > 0 && br714_count(nm, K_SN, NULL) == 0;
}

/* With a pseudonym, a commonName that is no mailbox is the Pseudonym and contains it. */
static int
cn_not_pseudonym(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	const struct br714_attr *p;
	int r = 0;

	if (br714_count(nm, K_PSEUDO, &p) == 0)
		return 0;
	for (int i = 0; i < nm->n && r == 0; i++)
		if (nm->a[i].kind == K_CN && !is_mailbox(&nm->a[i]) && !contains(&nm->a[i], p))
			r = br_detail(d, dl, "commonName neither a mailbox nor the pseudonym");
	return r;
}

/* commonName per type (7.1.4.2.2a); a mailbox that is not in the SAN is e_san_mailbox_not_mirrored. */
static int
cn_content(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct br714_attr *cn = &nm->a[i];
		int ok = 0;

		if (cn->kind != K_CN || is_mailbox(cn))
			continue;
		if (c->prof.type == BR_ORGANIZATION) {
			for (int j = 0; j < nm->n && !ok; j++)
				ok = nm->a[j].kind == K_O && same_text(cn, &nm->a[j]);
		} else if (c->prof.type == BR_SPONSOR || c->prof.type == BR_INDIVIDUAL) {
			/* a Personal Name or Pseudonym, unless it tries to be a mailbox */
			ok = cn->txt == NULL || memchr(cn->txt, '@', cn->len) == NULL;
		}
		if (!ok)
			r = br_detail(d, dl, "commonName is not a %s", c->prof.type == BR_MAILBOX ?
			    "Mailbox Address" : c->prof.type == BR_ORGANIZATION ?
			    "Mailbox Address or the organizationName" :
			    "Mailbox Address, Personal Name or Pseudonym");
	}
	return r;
}

/* 1 when cn contains a word of a (2 bytes or more, split at spaces). */
static int
shares_word(const struct br714_attr *cn, const struct br714_attr *a)
{
	size_t i = 0;

	while (a->txt != NULL && i < a->len) {
		size_t j = i;

		while (j < a->len && a->txt[j] != ' ')
			j++;
		if (j - i >= 2) {
			struct br714_attr w = *a;

			w.txt = a->txt + i;
			w.len = j - i;
			if (contains(cn, &w))
				return 1;
		}
		i = j + 1;
	}
	return 0;
}

static int
cn_name_unmatched(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	if (br714_count(nm, K_PSEUDO, NULL) > 0)
		return 0;
	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct br714_attr *cn = &nm->a[i];
		int names = 0, hit = 0;

		if (cn->kind != K_CN || is_mailbox(cn))
			continue;
		for (int j = 0; j < nm->n; j++)
			if (nm->a[j].kind == K_GN || nm->a[j].kind == K_SN) {
				names++;
				hit |= shares_word(cn, &nm->a[j]);
			}
		if (names > 0 && !hit)
			r = br_detail(d, dl, "commonName shares no word with givenName or surname");
	}
	return r;
}

/* --- the pseudonym draft (not adopted: notices) --------------------------- */

static int
has_prefix(const struct br714_attr *a, const char *p)
{
	size_t n = strlen(p);

	return a->txt != NULL && a->len > n && memcmp(a->txt, p, n) == 0;
}

static int
cn_pseudonym_prefix(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	for (int i = 0; i < nm->n && r == 0; i++)
		if (nm->a[i].kind == K_CN && (has_prefix(&nm->a[i], "Pseudo: ") ||
		    has_prefix(&nm->a[i], "PN: ")))
			r = br_detail(d, dl, "commonName '%.*s'%s",
			    (int)(nm->a[i].len > 40 ? 40 : nm->a[i].len), (const char *)nm->a[i].txt,
			    br714_count(nm, K_GN, NULL) + br714_count(nm, K_SN, NULL) > 0 ?
			    " beside givenName or surname" : "");
	return r;
}

static int
pseudonym_mailbox(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct br714_attr *a = &nm->a[i];
		const unsigned char *at;

		if (a->kind != K_PSEUDO || a->txt == NULL ||
		    (at = memchr(a->txt, '@', a->len)) == NULL)
			continue;
		if (at > a->txt && at[-1] != ' ' && at + 1 < a->txt + a->len && at[1] != ' ')
			r = br_detail(d, dl, "pseudonym holds a Mailbox Address");
	}
	return r;
}

/* --- addresses and country (7.1.4.2.2 j-n) ------------------------------ */

static int
street_without_locality(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);

	(void)d;
	(void)dl;
	return br714_count(nm, K_STREET, NULL) > 0 &&
	    br714_count(nm, K_L, NULL) + br714_count(nm, K_ST, NULL) == 0;
}

static int
address_without_country(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	if (br714_count(nm, K_C, NULL) == 0) {
		if (br714_count(nm, K_L, NULL))
			r = br_detail(d, dl, "localityName without countryName");
		else if (br714_count(nm, K_ST, NULL))
			r = br_detail(d, dl, "stateOrProvinceName without countryName");
		else if (br714_count(nm, K_POSTAL, NULL))
			r = br_detail(d, dl, "postalCode without countryName");
	}
	return r;
}

static int
country_code(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;

	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct br714_attr *a = &nm->a[i];
		char cc[3] = "";

		if (a->kind != K_C)
			continue;
		if (a->txt != NULL && a->len == 2) {
			memcpy(cc, a->txt, 2);
			if (strcmp(cc, "XX") == 0 || br714_iso3166(cc))
				continue;
		}
		r = br_detail(d, dl, "countryName is not an ISO 3166-1 alpha-2 code or XX");
	}
	return r;
}

/* --- placeholders (7.1.4.2) ---------------------------------------------- */

static int
placeholder_value(const struct br714_attr *a)
{
	static const char *const words[] = {
		"n/a", "n.a.", "n.a", "not applicable", "not available", "none", "null",
		"unknown", "tbd",
	};
	size_t i = 0, j;

	if (a->txt == NULL)
		return 0;
	while (i < a->len && strchr(" .-_,;:/\\*?!#~'\"()", a->txt[i]) != NULL && a->txt[i])
		i++;
	if (i == a->len)
		return 1;	/* empty, or metadata characters only */
	/* words: not for names of persons ("Null" is a surname) nor country codes ("NA") */
	if (a->kind == K_GN || a->kind == K_SN || a->kind == K_PSEUDO || a->kind == K_C)
		return 0;
	for (i = 0; i < a->len && a->txt[i] == ' '; i++)
		;
	for (j = a->len; j > i && a->txt[j - 1] == ' '; j--)
		;
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (strlen(words[w]) == j - i && strncasecmp((const char *)a->txt + i, words[w], j - i) == 0)
			return 1;
	return 0;
}

static int
placeholder(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;
	char buf[80];

	for (int i = 0; i < nm->n && r == 0; i++)
		if (placeholder_value(&nm->a[i]))
			r = br_detail(d, dl, "%s holds only metadata", br714_attr_name(&nm->a[i], buf,
			    sizeof(buf)));
	return r;
}

/* --- encodings and bounds (7.1.4; RFC 5280 4.1.2.4, Appendix A; X.520) --- */

#define DS ((1u << V_ASN1_PRINTABLESTRING) | (1u << V_ASN1_UTF8STRING))
#define PS (1u << V_ASN1_PRINTABLESTRING)
#define IA5 (1u << V_ASN1_IA5STRING)

static const struct form {
	int nid;
	unsigned types;		/* allowed ASN.1 string types */
	int min, max;		/* RFC 5280 size, in characters (0: none) */
	int x520;		/* X.520 upper bound where RFC 5280 sets none (0: none) */
} forms[] = {
	{ NID_commonName, DS, 1, 64, 0 },
	{ NID_organizationName, DS, 1, 64, 0 },
	{ NID_organizationalUnitName, DS, 1, 64, 0 },
	{ NID_organizationIdentifier, DS, 1, 0, 0 },
	{ NID_givenName, DS, 1, 32768, 0 },
	{ NID_surname, DS, 1, 32768, 0 },
	{ NID_initials, DS, 1, 32768, 0 },
	{ NID_generationQualifier, DS, 1, 32768, 0 },
	{ NID_pseudonym, DS, 1, 128, 0 },
	{ NID_serialNumber, PS, 1, 64, 0 },
	{ NID_pkcs9_emailAddress, IA5, 1, 255, 0 },
	{ NID_title, DS, 1, 64, 0 },
	{ NID_streetAddress, DS, 1, 0, 128 },
	{ NID_localityName, DS, 1, 128, 0 },
	{ NID_stateOrProvinceName, DS, 1, 128, 0 },
	{ NID_postalCode, DS, 1, 0, 40 },
	{ NID_countryName, PS, 2, 2, 0 },
	{ NID_dnQualifier, PS, 1, 0, 0 },
	{ NID_domainComponent, IA5, 1, 0, 0 },
	{ NID_businessCategory, DS, 1, 0, 128 },
};

static const struct form *
form_of(int nid)
{
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (forms[i].nid == nid)
			return &forms[i];
	return NULL;
}

/* PrintableString repertoire (X.680 41.4). */
static int
printable(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr(" '()+,-./:=?", s[i]) != NULL) || s[i] == 0)
			return 0;
	return 1;
}

/* NULL when a's encoding is one f allows, else what is wrong (into buf). */
static const char *
bad_encoding(const struct br714_attr *a, const struct form *f, char *buf, size_t len)
{
	if (f == NULL)
		return NULL;
	if (a->type < 0 || a->type > 30 || !(f->types & (1u << a->type))) {
		snprintf(buf, len, "%s not allowed", ASN1_tag2str(a->type));
		return buf;
	}
	if (a->txt == NULL)
		return "value does not decode";
	if (a->type == V_ASN1_PRINTABLESTRING && !printable(a->txt, a->len))
		return "character outside PrintableString";
	for (size_t i = 0; a->type == V_ASN1_IA5STRING && i < a->len; i++)
		if (a->txt[i] > 0x7F)
			return "character outside IA5String";
	return NULL;
}

static int
attr_encoding(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;
	char buf[80], why[80];

	for (int i = 0; i < nm->n && r == 0; i++) {
		const char *w = bad_encoding(&nm->a[i], form_of(nm->a[i].nid), why, sizeof(why));

		if (w != NULL)
			r = br_detail(d, dl, "%s: %s", br714_attr_name(&nm->a[i], buf, sizeof(buf)), w);
	}
	return r;
}

/* Characters of a value (code points), or -1 when it does not decode. */
static long
chars(const struct br714_attr *a)
{
	size_t n;

	return a->txt != NULL && br714_utf8_ok(a->txt, a->len, &n) ? (long)n : -1;
}

static int
length_check(const struct br_cert *c, char *d, size_t dl, int x520)
{
	SUBJECT(c, nm);
	int r = 0;
	char buf[80];

	for (int i = 0; i < nm->n && r == 0; i++) {
		const struct form *f = form_of(nm->a[i].nid);
		long n = chars(&nm->a[i]);
		int max;

		if (f == NULL || n <= 0)
			continue;	/* empty: e_subject_placeholder */
		max = x520 ? f->x520 : f->max;
		if (max > 0 && n > max)
			r = br_detail(d, dl, "%s has %ld characters, upper bound %d",
			    br714_attr_name(&nm->a[i], buf, sizeof(buf)), n, max);
		else if (!x520 && n < f->min)
			r = br_detail(d, dl, "%s has %ld characters, at least %d",
			    br714_attr_name(&nm->a[i], buf, sizeof(buf)), n, f->min);
	}
	return r;
}

static int
attr_length(const struct br_cert *c, char *d, size_t dl)
{
	return length_check(c, d, dl, 0);
}

static int
attr_length_x520(const struct br_cert *c, char *d, size_t dl)
{
	return length_check(c, d, dl, 1);
}

/* --- repetition ----------------------------------------------------------- */

static int
rdn_repeated_type(const struct br_cert *c, char *d, size_t dl)
{
	SUBJECT(c, nm);
	int r = 0;
	char buf[80];

	for (int i = 0; i < nm->n && r == 0; i++)
		for (int j = i + 1; j < nm->n && r == 0; j++)
			if (nm->a[j].set == nm->a[i].set && OBJ_cmp(nm->a[i].obj, nm->a[j].obj) == 0)
				r = br_detail(d, dl, "%s twice in one RDN", br714_attr_name(&nm->a[i], buf,
				    sizeof(buf)));
	return r;
}

/* Attributes whose 7.1.4.2.2 text describes one value for the Subject. */
static int
attr_repeated(const struct br_cert *c, char *d, size_t dl)
{
	static const enum br714_kind single[] = { K_O, K_ORGID, K_PSEUDO, K_L, K_ST, K_POSTAL, K_C };
	static const char *const names[] = { "O", "organizationIdentifier", "pseudonym", "L", "ST",
		"postalCode", "C" };
	SUBJECT(c, nm);
	int r = 0;

	for (size_t k = 0; k < sizeof(single) / sizeof(single[0]) && r == 0; k++)
		if (br714_count(nm, single[k], NULL) > 1)
			r = br_detail(d, dl, "%s %d times", names[k], br714_count(nm, single[k], NULL));
	return r;
}

/* --- subjectAltName directoryName (7.1.4.2.1) ---------------------------- */

/*
 * The subject rules a directoryName must meet too, beside the forbidden
 * attributes (e_san_dirname_attr_forbidden): what the table requires, the
 * name of an Individual, commonName's content, addresses, country code,
 * placeholders, encodings and bounds.  The organizationIdentifier rules
 * (br_7_1_4_orgid.c) are not repeated here.
 */
static int
dirname_content(const struct br_cert *c, char *d, size_t dl)
{
	static const struct {
		int (*fn)(const struct br_cert *c, char *d, size_t dl);
		const char *what;
		int sv_iv_mp_strict;	/* only where the rule applies to the subject */
	} checks[] = {
		{ attr_missing, "a required attribute is missing", 0 },
		{ person_name_missing, "no givenName, surname or pseudonym", 1 },
		{ pseudonym_with_name, "pseudonym beside givenName or surname", 0 },
		{ cn_content, "commonName content", 0 },
		{ street_without_locality, "streetAddress without localityName or stateOrProvinceName", 0 },
		{ address_without_country, "address without countryName", 0 },
		{ country_code, "countryName", 0 },
		{ placeholder, "placeholder value", 0 },
		{ attr_encoding, "encoding", 0 },
		{ attr_length, "upper bound", 0 },
		{ rdn_repeated_type, "repeated type in an RDN", 0 },
	};
	GENERAL_NAMES *gns = br_ext_d2i(c, NID_subject_alt_name);
	int person = (c->prof.type == BR_SPONSOR || c->prof.type == BR_INDIVIDUAL) &&
	    (c->prof.gen == BR_MULTIPURPOSE || c->prof.gen == BR_STRICT);
	struct br714_name dn;
	char inner[BR_DETAIL_MAX];
	int r = 0;

	for (int i = 0; r == 0 && i < sk_GENERAL_NAME_num(gns); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, i);

		if (g->type != GEN_DIRNAME)
			continue;
		br714_name_load(g->d.directoryName, &dn);
		dirname_under_check = &dn;
		for (size_t k = 0; r == 0 && k < sizeof(checks) / sizeof(checks[0]); k++) {
			if (checks[k].sv_iv_mp_strict && !person)
				continue;
			inner[0] = '\0';
			if ((r = checks[k].fn(c, inner, sizeof(inner))) > 0)
				r = br_detail(d, dl, "directoryName: %s%s%s", checks[k].what,
				    inner[0] ? ": " : "", inner);
		}
		dirname_under_check = NULL;
		br714_name_free(&dn);
	}
	return r;
}

/* --- the table ------------------------------------------------------------ */

static const struct br_rule rules[] = {
	{ "e_subject_attr_forbidden", BR_SEV_ERROR, "7.1.4.2.3-7.1.4.2.6",
	  "no subject attribute the table of the certificate type and generation marks SHALL NOT",
	  V100, 0, SUB, 0, 0, NULL, attr_forbidden },
	{ "e_subject_attr_missing", BR_SEV_ERROR, "7.1.4.2.4-7.1.4.2.5",
	  "organizationName and organizationIdentifier SHALL be present (OV, SV)",
	  V100, 0, SUB, 0, BR_TYPE(BR_ORGANIZATION) | BR_TYPE(BR_SPONSOR), NULL, attr_missing },
	{ "e_san_dirname_attr_forbidden", BR_SEV_ERROR, "7.1.4.2.1",
	  "a subjectAltName directoryName SHALL follow the subject rules of the certificate type",
	  V100, 0, SUB, 0, 0, NULL, dirname_forbidden },
	{ "e_san_dirname_content", BR_SEV_ERROR, "7.1.4.2.1",
	  "a subjectAltName directoryName SHALL meet the subject rules of 7.1.4.2.2-7.1.4.2.6 (required attributes, content)",
	  V100, 0, SUB, 0, 0, NULL, dirname_content },
	{ "e_subject_person_name_missing", BR_SEV_ERROR, "7.1.4.2.5-7.1.4.2.6",
	  "Multipurpose and Strict SV/IV SHALL include givenName and/or surname, or pseudonym",
	  V100, 0, SUB, MP_STRICT, SV_IV, NULL, person_name_missing },
	{ "e_subject_pseudonym_with_name", BR_SEV_ERROR, "7.1.4.2.2e",
	  "pseudonym SHALL NOT be present with givenName or surname",
	  V100, 0, SUB, 0, 0, NULL, pseudonym_with_name },
	{ "n_subject_given_name_only", BR_SEV_NOTICE, "7.1.4.2.2e",
	  "givenName without surname: a single legal name SHALL be given in surname",
	  V100, 0, SUB, 0, SV_IV, NULL, given_name_only },
	{ "e_subject_cn_not_pseudonym", BR_SEV_ERROR, "7.1.4.2.2a",
	  "with a pseudonym attribute, commonName SHALL be the Pseudonym (containing it) or a mailbox",
	  V100, 0, SUB, 0, SV_IV, NULL, cn_not_pseudonym },
	{ "e_subject_cn_content", BR_SEV_ERROR, "7.1.4.2.2a",
	  "commonName SHALL hold a Mailbox Address (MV), organizationName (OV), Personal Name or Pseudonym (SV, IV)",
	  V100, 0, SUB, 0, 0, NULL, cn_content },
	{ "n_subject_cn_name_unmatched", BR_SEV_NOTICE, "7.1.4.2.2a",
	  "a Personal Name in commonName is expected to show givenName or surname",
	  V100, 0, SUB, 0, SV_IV, NULL, cn_name_unmatched },
	{ "n_subject_cn_pseudonym_prefix", BR_SEV_NOTICE, "7.1.4.2.2a (draft)",
	  "commonName carries the 'Pseudo: ' or 'PN: ' prefix of the pseudonym draft (not adopted)",
	  V100, 0, SUB, 0, SV_IV, NULL, cn_pseudonym_prefix },
	{ "n_subject_pseudonym_mailbox", BR_SEV_NOTICE, "7.1.4.2.2f (draft)",
	  "subject:pseudonym includes a Mailbox Address, which the pseudonym draft (not adopted) bans",
	  V100, 0, SUB, 0, SV_IV, NULL, pseudonym_mailbox },
	{ "e_subject_street_without_locality", BR_SEV_ERROR, "7.1.4.2.2j",
	  "streetAddress SHALL only be used with localityName or stateOrProvinceName",
	  V100, 0, SUB, 0, 0, NULL, street_without_locality },
	{ "e_subject_address_without_country", BR_SEV_ERROR, "7.1.4.2.2k-m",
	  "localityName, stateOrProvinceName and postalCode SHALL only be used with countryName",
	  V100, 0, SUB, 0, 0, NULL, address_without_country },
	{ "e_subject_country_code", BR_SEV_ERROR, "7.1.4.2.2n",
	  "countryName SHALL be an ISO 3166-1 alpha-2 code, or XX", V100, 0, SUB, 0, 0,
	  NULL, country_code },
	{ "e_subject_placeholder", BR_SEV_ERROR, "7.1.4.2",
	  "no subject attribute SHALL hold only metadata ('.', '-', ' ', \"n/a\" ...)",
	  V100, 0, SUB, 0, 0, NULL, placeholder },
	{ "e_subject_attr_encoding", BR_SEV_ERROR, "7.1.4",
	  "attributes SHALL be encoded as RFC 5280 says (DirectoryString: PrintableString or UTF8String)",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, attr_encoding },
	{ "e_subject_attr_length", BR_SEV_ERROR, "7.1.4",
	  "attributes SHALL stay within the RFC 5280 upper bounds (countryName: 2 characters)",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, attr_length },
	{ "w_subject_attr_length_x520", BR_SEV_WARN, "7.1.4",
	  "streetAddress, postalCode and businessCategory SHOULD stay within the X.520 upper bounds",
	  V100, 0, BR_ROLE_ALL, 0, 0, NULL, attr_length_x520 },
	{ "e_subject_rdn_repeated_type", BR_SEV_ERROR, "X.501 9.3",
	  "an attribute type SHALL NOT appear twice in one RDN", V100, 0, BR_ROLE_ALL, 0, 0,
	  NULL, rdn_repeated_type },
	{ "n_subject_attr_repeated", BR_SEV_NOTICE, "7.1.4.2.2",
	  "O, organizationIdentifier, pseudonym, L, ST, postalCode and C describe one value each",
	  V100, 0, SUB, 0, 0, NULL, attr_repeated },
};

const struct br_rule_group br_group_7_1_4_subject = { rules, sizeof(rules) / sizeof(rules[0]) };
