/*
 * NAME
 *	br_7_1_4_util - what the subscriber-name rules share (BR 7.1.4.2)
 * DESCRIPTION
 *	br714_name_load() reads a Name into a flat list of attributes, each
 *	with its kind in the tables of BR 7.1.4.2.3-6, its RDN, its ASN.1
 *	type and its value as UTF-8 (the bytes themselves for the string
 *	types that are UTF-8 already, a conversion otherwise; none when the
 *	value does not decode).  br714_presence() is those tables as data.
 *
 *	br714_mailbox_syntax() checks a Mailbox Address as BR 1.6.1 defines
 *	it: RFC 5321 4.1.2 "Mailbox" (a Dot-string or Quoted-string local
 *	part, "@", a domain or an address literal) as amended by RFC 6532
 *	(UTF-8 allowed), with nothing around it: no display name, no angle
 *	brackets, no whitespace.  br714_mailbox_norm() gives the form two
 *	mailboxes are compared in (local part exact, domain case-folded,
 *	U-labels as A-labels by RFC 3492 Punycode).
 *
 *	br714_iso3166() looks a code up in the ISO 3166-1 alpha-2 table
 *	(the 249 officially assigned codes, as in the iso-codes 4.15 data).
 * OWNERSHIP
 *	A loaded name points into the X509_NAME, which must outlive it;
 *	br714_name_free() frees the conversions it made.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "policy/br_7_1_4.h"
#include "policy/br_util.h"

/* --- the attributes of a Name ----------------------------------------- */

static const struct {
	int nid;
	enum br714_kind kind;
} kinds[] = {
	{ NID_commonName, K_CN }, { NID_organizationName, K_O },
	{ NID_organizationalUnitName, K_OU }, { NID_organizationIdentifier, K_ORGID },
	{ NID_givenName, K_GN }, { NID_surname, K_SN }, { NID_pseudonym, K_PSEUDO },
	{ NID_serialNumber, K_SERIAL }, { NID_pkcs9_emailAddress, K_EMAIL },
	{ NID_title, K_TITLE }, { NID_streetAddress, K_STREET }, { NID_localityName, K_L },
	{ NID_stateOrProvinceName, K_ST }, { NID_postalCode, K_POSTAL },
	{ NID_countryName, K_C },
};

static enum br714_kind
kind_of(int nid)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].nid == nid)
			return kinds[i].kind;
	return K_OTHER;
}

void
br714_name_load(const X509_NAME *nm, struct br714_name *out)
{
	int total = nm != NULL ? X509_NAME_entry_count(nm) : 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < total; i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(nm, i);
		const ASN1_STRING *v = X509_NAME_ENTRY_get_data(e);
		struct br714_attr *a;

		if (out->n == BR714_MAXATTR) {
			out->more++;
			continue;
		}
		a = &out->a[out->n++];
		a->obj = X509_NAME_ENTRY_get_object(e);
		a->nid = OBJ_obj2nid(a->obj);
		a->kind = kind_of(a->nid);
		a->set = X509_NAME_ENTRY_set(e);
		a->type = ASN1_STRING_type(v);
		switch (a->type) {
		case V_ASN1_UTF8STRING: case V_ASN1_PRINTABLESTRING: case V_ASN1_IA5STRING:
		case V_ASN1_VISIBLESTRING: case V_ASN1_NUMERICSTRING:
			a->txt = ASN1_STRING_get0_data(v);
			a->len = (size_t)ASN1_STRING_length(v);
			if (!br714_utf8_ok(a->txt, a->len, NULL))
				a->txt = NULL;
			break;
		case V_ASN1_BMPSTRING: case V_ASN1_UNIVERSALSTRING: case V_ASN1_T61STRING: {
			int n = ASN1_STRING_to_UTF8(&a->own, v);

			if (n >= 0) {
				a->txt = a->own;
				a->len = (size_t)n;
			}
			break;
		}
		default:
			break;
		}
	}
}

void
br714_name_free(struct br714_name *n)
{
	for (int i = 0; n != NULL && i < n->n; i++) {
		OPENSSL_free(n->a[i].own);
		n->a[i].own = NULL;
	}
}

static void
name_release(void *p)
{
	br714_name_free(p);
	free(p);
}

const struct br714_name *
br714_subject(const struct br_cert *c)
{
	struct br_memo_slot *s = br_memo_get(c, BR_MEMO_SUBJECT);
	struct br714_name *nm;

	if (s != NULL)
		return s->val;
	if ((nm = malloc(sizeof(*nm))) == NULL)
		return NULL;
	br714_name_load(X509_get_subject_name(c->x), nm);
	s = br_memo_put(c, BR_MEMO_SUBJECT, nm, NULL, name_release);
	return s != NULL ? s->val : NULL;
}

int
br714_count(const struct br714_name *n, enum br714_kind k, const struct br714_attr **first)
{
	int c = 0;

	if (first != NULL)
		*first = NULL;
	for (int i = 0; i < n->n; i++)
		if (n->a[i].kind == k && c++ == 0 && first != NULL)
			*first = &n->a[i];
	return c;
}

const char *
br714_attr_name(const struct br714_attr *a, char *buf, size_t len)
{
	if (a->nid != NID_undef && OBJ_nid2sn(a->nid) != NULL)
		return OBJ_nid2sn(a->nid);
	OBJ_obj2txt(buf, (int)len, a->obj, 1);
	return buf;
}

/* --- BR 7.1.4.2.3-6 as data -------------------------------------------- */

/* Per kind: MV, OV, SV, IV, each Legacy / Multipurpose / Strict. */
static const char *const presence[K_NKINDS] = {
	[K_CN] = "MMM" "MMM" "MMM" "MMM",
	[K_O] = "NNN" "SSS" "SSS" "NNN",
	[K_OU] = "NNN" "MMM" "MMM" "NNN",
	[K_ORGID] = "NNN" "SSS" "SSS" "NNN",
	[K_GN] = "NNN" "NNN" "MMM" "MMM",
	[K_SN] = "NNN" "NNN" "MMM" "MMM",
	[K_PSEUDO] = "NNN" "NNN" "MMM" "MMM",
	[K_SERIAL] = "MMM" "MMM" "MMM" "MMM",
	[K_EMAIL] = "MMM" "MMM" "MMM" "MMM",
	[K_TITLE] = "NNN" "NNN" "MMM" "MMM",
	[K_STREET] = "NNN" "MMN" "MMN" "MMN",
	[K_L] = "NNN" "MMM" "MMM" "MMM",
	[K_ST] = "NNN" "MMM" "MMM" "MMM",
	[K_POSTAL] = "NNN" "MMN" "MMN" "MMN",
	[K_C] = "NNN" "MMM" "MMM" "MMM",
	[K_OTHER] = "NNN" "MNN" "MNN" "MNN",
};

char
br714_presence(enum br714_kind k, enum br_type t, enum br_gen g)
{
	if (t < BR_MAILBOX || t > BR_INDIVIDUAL || g < BR_LEGACY || g > BR_STRICT)
		return 'M';
	return presence[k][(t - BR_MAILBOX) * 3 + (g - BR_LEGACY)];
}

const struct br714_attr *
br714_first_forbidden(const struct br714_name *n, enum br_type t, enum br_gen g)
{
	for (int i = 0; i < n->n; i++)
		if (br714_presence(n->a[i].kind, t, g) == 'N')
			return &n->a[i];
	return NULL;
}

/* --- UTF-8 ------------------------------------------------------------- */

/* Decode one code point at s[*i]; -1 when malformed. */
static long
utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	size_t k;
	long cp, min;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		k = 1, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 2, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 3, cp = c & 0x07, min = 0x10000;
	else
		return -1;
	for (size_t j = 1; j <= k; j++) {
		if (*i + j >= n || (s[*i + j] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + j] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += k + 1;
	return cp;
}

int
br714_utf8_ok(const unsigned char *s, size_t n, size_t *ncp)
{
	size_t i = 0, c = 0;

	while (i < n) {
		if (utf8_next(s, n, &i) < 0)
			return 0;
		c++;
	}
	if (ncp != NULL)
		*ncp = c;
	return 1;
}

/* --- Mailbox Address (BR 1.6.1) ---------------------------------------- */

static int
is_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
is_atext(unsigned c)
{
	return is_alnum(c) || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", (int)c) != NULL);
}

static const char *
bad_char(unsigned c)
{
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return "whitespace";
	if (c == '<' || c == '>')
		return "angle bracket";
	if (c < 0x20 || c == 0x7F)
		return "control character";
	return NULL;
}

static const char *
local_part(const unsigned char *s, size_t n, int utf8, size_t *i)
{
	const char *why;

	if (s[0] == '"') {
		for (*i = 1; *i < n && s[*i] != '"'; (*i)++) {
			if (s[*i] == '\\') {
				if (*i + 1 >= n || s[*i + 1] < 0x20 || s[*i + 1] > 0x7E)
					return "bad quoted-pair";
				(*i)++;
			} else if (s[*i] >= 0x80) {
				if (!utf8)
					return "non-ASCII character";
			} else if (s[*i] < 0x20 || s[*i] == 0x7F) {
				return "control character";
			}
		}
		if (*i >= n)
			return "unterminated quoted string";
		(*i)++;
		return NULL;
	}
	for (int dot = 1; *i < n && s[*i] != '@'; (*i)++) {
		unsigned c = s[*i];

		if (c == '.') {
			if (dot)
				return "empty atom in local part";
			dot = 1;
			continue;
		}
		dot = 0;
		if (c >= 0x80) {
			if (!utf8)
				return "non-ASCII character";
		} else if (!is_atext(c)) {
			return (why = bad_char(c)) != NULL ? why : "character not allowed in local part";
		}
	}
	if (*i == 0)
		return "empty local part";
	if (s[*i - 1] == '.')
		return "local part ends with a dot";
	return NULL;
}

static const char *
domain_part(const unsigned char *s, size_t n, int utf8)
{
	const char *why;
	size_t lab = 0;

	if (n == 0)
		return "empty domain";
	if (s[0] == '[') {
		if (n < 3 || s[n - 1] != ']')
			return "bad address literal";
		for (size_t i = 1; i + 1 < n; i++)
			if (s[i] < 33 || s[i] > 126 || s[i] == '[' || s[i] == '\\' || s[i] == ']')
				return "bad address literal";
		return NULL;
	}
	for (size_t i = 0; i <= n; i++) {
		unsigned c = i < n ? s[i] : '.';

		if (c == '.') {
			if (lab == 0)
				return "empty domain label";
			if (s[i - 1] == '-')
				return "domain label ends with a hyphen";
			lab = 0;
			continue;
		}
		if (c >= 0x80) {
			if (!utf8)
				return "non-ASCII character";
		} else if (c == '-') {
			if (lab == 0)
				return "domain label starts with a hyphen";
		} else if (!is_alnum(c)) {
			return (why = bad_char(c)) != NULL ? why : "character not allowed in domain";
		}
		lab++;
	}
	return NULL;
}

const char *
br714_mailbox_syntax(const unsigned char *s, size_t n, int utf8, size_t *at)
{
	const char *why;
	size_t i = 0;

	if (n == 0)
		return "empty";
	if (!br714_utf8_ok(s, n, NULL))
		return "not UTF-8";
	if ((why = local_part(s, n, utf8, &i)) != NULL)
		return why;
	if (i >= n || s[i] != '@')
		return i < n && (why = bad_char(s[i])) != NULL ? why : "no '@' after the local part";
	if (at != NULL)
		*at = i;
	return domain_part(s + i + 1, n - i - 1, utf8);
}

/* RFC 3492 Punycode of one label's code points, after "xn--"; length or -1. */
static int
punycode(const uint32_t *in, size_t n, char *out, size_t olen)
{
	uint32_t m, q, delta = 0, bias = 72, cp = 128, h, b = 0;
	size_t o = 0;

#define PUT(ch) do { if (o + 1 >= olen) return -1; out[o++] = (char)(ch); } while (0)
	for (const char *p = "xn--"; *p; p++)
		PUT(*p);
	for (size_t j = 0; j < n; j++)
		if (in[j] < 0x80) {
			PUT(in[j]);
			b++;
		}
	if (b > 0)
		PUT('-');
	for (h = b; h < n; cp++, delta++) {
		m = UINT32_MAX;
		for (size_t j = 0; j < n; j++)
			if (in[j] >= cp && in[j] < m)
				m = in[j];
		if ((m - cp) > (UINT32_MAX - delta) / (h + 1))
			return -1;
		delta += (m - cp) * (h + 1);
		cp = m;
		for (size_t j = 0; j < n; j++) {
			if (in[j] < cp)
				delta++;
			if (in[j] != cp)
				continue;
			q = delta;
			for (uint32_t k = 36;; k += 36) {
				uint32_t t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias, d;

				if (q < t)
					break;
				d = t + (q - t) % (36 - t);
				PUT(d < 26 ? 'a' + d : '0' + d - 26);
				q = (q - t) / (36 - t);
			}
			PUT(q < 26 ? 'a' + q : '0' + q - 26);
			/* adapt the bias (RFC 3492 6.1) */
			delta = h == b ? delta / 700 : delta / 2;
			delta += delta / (h + 1);
			for (bias = 0; delta > 455; bias += 36)
				delta /= 35;
			bias += 36 * delta / (delta + 38);
			delta = 0;
			h++;
		}
	}
	out[o] = '\0';
	return (int)o;
#undef PUT
}

int
br714_mailbox_norm(const unsigned char *s, size_t n, char *out, size_t olen)
{
	size_t at, o, i;

	if (br714_mailbox_syntax(s, n, 1, &at) != NULL || at + 2 > olen)
		return -1;
	memcpy(out, s, at + 1);
	o = at + 1;
	for (i = at + 1; i < n;) {
		uint32_t cps[256];
		size_t ncp = 0, start = i;
		int ascii = 1, k = -1;

		while (i < n && s[i] != '.') {
			long cp = utf8_next(s, n, &i);

			if (cp < 0)
				return -1;
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			ascii &= cp < 0x80;
			if (ncp < 256)
				cps[ncp] = (uint32_t)cp;
			ncp++;
		}
		if (!ascii && ncp <= 256)
			k = punycode(cps, ncp, out + o, olen - o);
		if (k >= 0) {
			o += (size_t)k;
		} else {
			/* ASCII (case-folded), or a label Punycode cannot take: as it is */
			if (o + (i - start) + 2 > olen)
				return -1;
			for (size_t j = start; j < i; j++)
				out[o++] = (char)(ascii && s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 'a' - 'A' : s[j]);
		}
		if (o + 2 > olen)
			return -1;
		if (i < n) {
			out[o++] = '.';
			i++;
		}
	}
	out[o] = '\0';
	return 0;
}

/* --- the mailboxes of the subjectAltName -------------------------------- */

/* ASN1_TYPE types whose value is an ASN1_STRING. */
static int
is_string(int type)
{
	return type != V_ASN1_BOOLEAN && type != V_ASN1_NULL && type != V_ASN1_OBJECT;
}

void
br714_san_boxes(const struct br_cert *c, struct br714_boxes *b)
{
	GENERAL_NAMES *gns = br_ext_d2i(c, NID_subject_alt_name);

	b->n = 0;
	for (int i = 0; i < sk_GENERAL_NAME_num(gns) && i < BR714_MAXBOX; i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, i);
		const ASN1_STRING *v = NULL;

		if (g->type == GEN_EMAIL)
			v = g->d.rfc822Name;
		else if (g->type == GEN_OTHERNAME &&
		    OBJ_obj2nid(g->d.otherName->type_id) == NID_id_on_SmtpUTF8Mailbox &&
		    g->d.otherName->value != NULL && is_string(g->d.otherName->value->type))
			v = g->d.otherName->value->value.asn1_string;
		if (v != NULL && br714_mailbox_norm(ASN1_STRING_get0_data(v),
		    (size_t)ASN1_STRING_length(v), b->box[b->n], BR714_BOXLEN) == 0)
			b->n++;
	}
	b->more = sk_GENERAL_NAME_num(gns) > BR714_MAXBOX;
}

int
br714_boxes_has(const struct br714_boxes *b, const unsigned char *s, size_t n)
{
	char norm[BR714_BOXLEN];

	if (br714_mailbox_norm(s, n, norm, sizeof(norm)) != 0)
		return 0;
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->box[i], norm) == 0)
			return 1;
	return b->more;	/* names past BR714_MAXBOX were not read: no finding on a guess */
}

/* --- ISO 3166-1 alpha-2 ------------------------------------------------- */

static const char iso3166[][3] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW",
	"AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN",
	"BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG",
	"CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
	"DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI",
	"FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
	"GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR",
	"HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
	"JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
	"LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
	"MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU",
	"MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
	"NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR",
	"PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD",
	"SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
	"SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
	"TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
	"VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

static int
cc_cmp(const void *a, const void *b)
{
	return strncmp(a, b, 2);
}

int
br714_iso3166(const char *cc)
{
	return bsearch(cc, iso3166, sizeof(iso3166) / sizeof(iso3166[0]), sizeof(iso3166[0]),
	    cc_cmp) != NULL;
}

int
br714_eq(const unsigned char *s, size_t n, const char *z)
{
	return strlen(z) == n && memcmp(s, z, n) == 0;
}
