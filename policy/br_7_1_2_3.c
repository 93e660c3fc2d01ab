/*
 * NAME
 *	br_7_1_2_3 - subscriber certificate extensions (BR 7.1.2.3 b-d, f-h, n)
 * DESCRIPTION
 *	cRLDistributionPoints and authorityInformationAccess (presence,
 *	criticality, the URI schemes each generation allows), basicConstraints,
 *	extKeyUsage, the key identifiers, and the subjectAltName as an
 *	extension: presence, criticality and the GeneralName types each
 *	generation allows.  What the names say (mailboxes, mirroring, subject
 *	attributes) is in br_7_1_4*.c, keyUsage in br_7_1_2_3_ku.c, the
 *	optional extensions and the unlisted ones in br_7_1_2_3_ext.c.
 *
 *	Where the BR asks for the URI scheme HTTP, only "http:" counts: the
 *	text names HTTPS beside HTTP where it allows it (7.1.2.3a), and does
 *	not here.  An extension is judged by its first occurrence (a second
 *	one is br_7_1.c's finding); one that does not decode, or leaves bytes
 *	over, gives e_ext_undecodable and no other finding on its contents
 *	(that rule looks at CA certificates too, and at nameConstraints).
 *	An accessMethod other than the two 7.1.2.2c and 7.1.2.3c name is
 *	data 7.1.2.4 does not specify: a warning, for Subordinate CAs too.
 *	Whether a subjectKeyIdentifier is derived from the key cannot be
 *	proven; one that matches none of the methods of RFC 5280 4.2.1.2 and
 *	RFC 7093 is a notice.
 * SEE ALSO
 *	S/MIME BR 7.1.2.3, 7.1.2.4, 7.1.4.2.1; RFC 5280 4.2.1; RFC 7093.
 */
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER
#define SM (BR_GEN(BR_STRICT) | BR_GEN(BR_MULTIPURPOSE))
#define LEG BR_GEN(BR_LEGACY)
#define NODETAIL (void)d; (void)dl

/* --- helpers ------------------------------------------------------------- */

static int
present(const struct br_cert *c, int nid)
{
	return X509_get_ext_by_NID(c->x, nid, -1) >= 0;
}

static int
critical(const struct br_cert *c, int nid)
{
	int crit;

	return br_ext_count(c->x, nid, &crit) > 0 && crit;
}

static int
is_http(const GENERAL_NAME *gn)
{
	const ASN1_IA5STRING *s;

	if (gn->type != GEN_URI)
		return 0;
	s = gn->d.uniformResourceIdentifier;
	return ASN1_STRING_length(s) > 7 &&
	    strncasecmp((const char *)ASN1_STRING_get0_data(s), "http://", 7) == 0;
}

/* URIs (or locations) seen, how many are http, and the first other one. */
struct uris {
	int n, http;
	char bad[72];
};

static void
uris_add(struct uris *u, const GENERAL_NAME *gn)
{
	u->n++;
	if (is_http(gn)) {
		u->http++;
	} else if (u->bad[0] == '\0') {
		if (gn->type == GEN_URI) {
			const ASN1_IA5STRING *s = gn->d.uniformResourceIdentifier;
			int n = ASN1_STRING_length(s);

			snprintf(u->bad, sizeof(u->bad), "%.*s", n > 60 ? 60 : n,
			    (const char *)ASN1_STRING_get0_data(s));
		} else {
			snprintf(u->bad, sizeof(u->bad), "a GeneralName that is not a URI");
		}
	}
}

/* The URIs of every distributionPoint fullName; -1 when absent or undecodable. */
static int
crldp_uris(const struct br_cert *c, struct uris *u)
{
	STACK_OF(DIST_POINT) *dps = br_ext_decoded(c, NID_crl_distribution_points);

	memset(u, 0, sizeof(*u));
	if (dps == NULL)
		return -1;
	for (int i = 0; i < sk_DIST_POINT_num(dps); i++) {
		DIST_POINT_NAME *dpn = sk_DIST_POINT_value(dps, i)->distpoint;

		for (int j = 0; dpn != NULL && dpn->type == 0 &&
		    j < sk_GENERAL_NAME_num(dpn->name.fullname); j++) {
			GENERAL_NAME *gn = sk_GENERAL_NAME_value(dpn->name.fullname, j);

			if (gn->type == GEN_URI)
				uris_add(u, gn);
		}
	}
	return 0;
}

/* The accessLocations of every AccessDescription with method nid; -1 as above. */
static int
aia_locations(const struct br_cert *c, int method, struct uris *u)
{
	AUTHORITY_INFO_ACCESS *aia = br_ext_decoded(c, NID_info_access);

	memset(u, 0, sizeof(*u));
	if (aia == NULL)
		return -1;
	for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);

		if (OBJ_obj2nid(ad->method) == method)
			uris_add(u, ad->location);
	}
	return 0;
}

/*
 * Judge what crldp_uris() or aia_locations() returned (r) and found (u):
 * every one http (Strict, Multipurpose), or at least one (Legacy).
 */
static int
uris_judge(int r, const struct uris *u, int every, char *d, size_t dl)
{
	if (r < 0 || u->n == 0 || (every ? u->http == u->n : u->http > 0))
		return 0;
	return br_detail(d, dl, "%s", u->bad);
}

/* Short name of an OID: OpenSSL's short name, else dotted. */
static const char *
oid_name(const ASN1_OBJECT *o, char *buf, size_t len)
{
	int nid = OBJ_obj2nid(o);

	if (nid != NID_undef)
		return OBJ_nid2sn(nid);
	OBJ_obj2txt(buf, (int)len, o, 1);
	return buf;
}

/* --- 7.1.2.4: the extensions of 7.1.2 decode ------------------------------ */

/*
 * Every extension below decodes as its type, with no bytes over.  The
 * X509's own extension cache (libcrypto decodes all of them but
 * authorityInformationAccess when it first looks at a certificate, and
 * flags EXFLAG_INVALID when one fails) spares the decoding: without that
 * flag, only the bytes after the outer element are left to look for.
 * What it decodes stays in the memo, for the rules that read it next.
 */
static int
ext_undecodable(const struct br_cert *c, char *d, size_t dl)
{
	static const int nids[] = {
		NID_crl_distribution_points, NID_info_access, NID_basic_constraints,
		NID_key_usage, NID_ext_key_usage, NID_authority_key_identifier,
		NID_subject_alt_name, NID_subject_key_identifier, NID_name_constraints,
	};
	int cached = !(X509_get_extension_flags(c->x) & EXFLAG_INVALID);

	for (size_t k = 0; k < sizeof(nids) / sizeof(nids[0]); k++) {
		int i = X509_get_ext_by_NID(c->x, nids[k], -1);

		if (i < 0)
			continue;
		if (cached && nids[k] != NID_info_access) {
			if (br_one_element(X509_EXTENSION_get_data(X509_get_ext(c->x, i))))
				continue;
			return br_detail(d, dl, "%s does not decode", OBJ_nid2sn(nids[k]));
		}
		if (br_ext_decoded(c, nids[k]) == NULL)	/* the first occurrence, i */
			return br_detail(d, dl, "%s does not decode", OBJ_nid2sn(nids[k]));
	}
	return 0;
}

/* --- b. cRLDistributionPoints --------------------------------------------- */

static int
crldp_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_crl_distribution_points);
}

static int
crldp_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return critical(c, NID_crl_distribution_points);
}

static int
crldp_no_uri(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	NODETAIL;
	return crldp_uris(c, &u) == 0 && u.n == 0;
}

static int
crldp_not_http_only(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(crldp_uris(c, &u), &u, 1, d, dl);
}

static int
crldp_legacy_no_http(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(crldp_uris(c, &u), &u, 0, d, dl);
}

/* --- c. authorityInformationAccess ---------------------------------------- */

static int
aia_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_info_access);
}

static int
aia_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return critical(c, NID_info_access);
}

static int
aia_ocsp_not_http_only(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(aia_locations(c, NID_ad_OCSP, &u), &u, 1, d, dl);
}

static int
aia_ocsp_legacy_no_http(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(aia_locations(c, NID_ad_OCSP, &u), &u, 0, d, dl);
}

static int
aia_ca_issuers_not_http_only(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(aia_locations(c, NID_ad_ca_issuers, &u), &u, 1, d, dl);
}

static int
aia_ca_issuers_legacy_no_http(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	return uris_judge(aia_locations(c, NID_ad_ca_issuers, &u), &u, 0, d, dl);
}

/* An accessMethod other than id-ad-ocsp and id-ad-caIssuers (7.1.2.4). */
static int
aia_other_method(const struct br_cert *c, char *d, size_t dl)
{
	AUTHORITY_INFO_ACCESS *aia = br_ext_decoded(c, NID_info_access);
	int bad = 0;
	char buf[80];

	for (int i = 0; aia != NULL && !bad && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		const ASN1_OBJECT *m = sk_ACCESS_DESCRIPTION_value(aia, i)->method;
		int nid = OBJ_obj2nid(m);

		if (nid != NID_ad_OCSP && nid != NID_ad_ca_issuers)
			bad = br_detail(d, dl, "accessMethod %s", oid_name(m, buf, sizeof(buf)));
	}
	return bad;
}

static int
aia_no_ca_issuers(const struct br_cert *c, char *d, size_t dl)
{
	struct uris u;

	NODETAIL;
	return aia_locations(c, NID_ad_ca_issuers, &u) == 0 && u.n == 0;
}

/* --- d. basicConstraints --------------------------------------------------- */

static int
bc_ca_true(const struct br_cert *c, char *d, size_t dl)
{
	BASIC_CONSTRAINTS *bc = br_ext_decoded(c, NID_basic_constraints);
	int bad = bc != NULL && bc->ca;

	NODETAIL;
	return bad;
}

static int
bc_pathlen(const struct br_cert *c, char *d, size_t dl)
{
	BASIC_CONSTRAINTS *bc = br_ext_decoded(c, NID_basic_constraints);
	int bad = bc != NULL && bc->pathlen != NULL;

	NODETAIL;
	return bad;
}

/* --- f. extKeyUsage -------------------------------------------------------- */

static const int banned_eku[] = {
	NID_server_auth, NID_code_sign, NID_time_stamp, NID_anyExtendedKeyUsage,
};

static int
eku_banned(int nid)
{
	for (size_t i = 0; i < sizeof(banned_eku) / sizeof(banned_eku[0]); i++)
		if (nid == banned_eku[i])
			return 1;
	return 0;
}

static int
eku_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_ext_key_usage);
}

/*
 * The first KeyPurposeId that pick() selects, named into d; 1 when there
 * is one.  pick == NULL: whether emailProtection is missing.
 */
static int
eku_find(const struct br_cert *c, int (*pick)(int nid), char *d, size_t dl)
{
	EXTENDED_KEY_USAGE *eku = br_ext_decoded(c, NID_ext_key_usage);
	int found = 0, email = 0;
	char buf[80];

	if (eku == NULL)
		return 0;
	for (int i = 0; !found && i < sk_ASN1_OBJECT_num(eku); i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);
		int nid = OBJ_obj2nid(o);

		email |= nid == NID_email_protect;
		if (pick != NULL && pick(nid))
			found = br_detail(d, dl, "%s", oid_name(o, buf, sizeof(buf)));
	}
	return pick != NULL ? found : !email;
}

static int
eku_no_email_protection(const struct br_cert *c, char *d, size_t dl)
{
	return eku_find(c, NULL, d, dl);
}

static int
pick_strict_other(int nid)
{
	return nid != NID_email_protect && !eku_banned(nid);
}

static int
eku_forbidden(const struct br_cert *c, char *d, size_t dl)
{
	return eku_find(c, eku_banned, d, dl);
}

static int
eku_strict_other(const struct br_cert *c, char *d, size_t dl)
{
	return eku_find(c, pick_strict_other, d, dl);
}

/* --- g. authorityKeyIdentifier -------------------------------------------- */

static int
aki_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_authority_key_identifier);
}

static int
aki_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return critical(c, NID_authority_key_identifier);
}

static int
aki_no_key_id(const struct br_cert *c, char *d, size_t dl)
{
	AUTHORITY_KEYID *aki = br_ext_decoded(c, NID_authority_key_identifier);
	int bad = aki != NULL && aki->keyid == NULL;

	NODETAIL;
	return bad;
}

static int
aki_issuer_serial(const struct br_cert *c, char *d, size_t dl)
{
	AUTHORITY_KEYID *aki = br_ext_decoded(c, NID_authority_key_identifier);
	int bad = 0;

	if (aki != NULL && aki->issuer != NULL)
		bad = br_detail(d, dl, "authorityCertIssuer present");
	else if (aki != NULL && aki->serial != NULL)
		bad = br_detail(d, dl, "authorityCertSerialNumber present");
	return bad;
}

/* --- n. subjectKeyIdentifier ----------------------------------------------- */

static int
ski_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_subject_key_identifier);
}

static int
ski_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return critical(c, NID_subject_key_identifier);
}

/*
 * RFC 5280 4.2.1.2 (1) SHA-1 of the subjectPublicKey bits, (2) 0100 and
 * its last 60 bits; RFC 7093 (1-3) the leftmost 160 bits of SHA-256/384/
 * 512 of them, (4) a hash of the whole SubjectPublicKeyInfo (taken here
 * with the same four functions, whole or leftmost 160 bits).
 */
static CRYPTO_ONCE mds_once = CRYPTO_ONCE_STATIC_INIT;
static EVP_MD *mds[4];

/* Fetched once: EVP_sha1() and the like would be fetched again on every
 * EVP_Digest() call (OpenSSL 3), locks and all; they live as long as the
 * process. */
static void
mds_init(void)
{
	static const char *const names[4] = { "SHA1", "SHA256", "SHA384", "SHA512" };

	for (size_t i = 0; i < 4; i++)
		mds[i] = EVP_MD_fetch(NULL, names[i], NULL);
}

static int
ski_matches(const unsigned char *in, size_t inlen, const unsigned char *ski, int n)
{
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int hl;

	if (!CRYPTO_THREAD_run_once(&mds_once, mds_init))
		return 0;
	for (size_t i = 0; i < sizeof(mds) / sizeof(mds[0]); i++) {
		if (mds[i] == NULL || EVP_Digest(in, inlen, h, &hl, mds[i], NULL) != 1)
			continue;
		if ((n == 20 || n == (int)hl) && memcmp(h, ski, (size_t)n) == 0)
			return 1;
		if (i == 0 && n == 8 && ski[0] == (0x40 | (h[12] & 0x0f)) &&
		    memcmp(ski + 1, h + 13, 7) == 0)
			return 1;
	}
	return 0;
}

static int
ski_not_derived(const struct br_cert *c, char *d, size_t dl)
{
	ASN1_OCTET_STRING *ski = br_ext_decoded(c, NID_subject_key_identifier);
	const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(c->x);
	unsigned char *spki = NULL;
	int n, len, ok = 0;

	NODETAIL;
	if (ski == NULL)
		return 0;
	n = ASN1_STRING_length(ski);
	if (bits != NULL)
		ok = ski_matches(ASN1_STRING_get0_data(bits), (size_t)ASN1_STRING_length(bits),
		    ASN1_STRING_get0_data(ski), n);
	if (!ok && (len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(c->x), &spki)) > 0)
		ok = ski_matches(spki, (size_t)len, ASN1_STRING_get0_data(ski), n);
	OPENSSL_free(spki);
	return !ok;
}

/* --- h. subjectAltName ----------------------------------------------------- */

static int
subject_empty(const struct br_cert *c)
{
	return X509_NAME_entry_count(X509_get_subject_name(c->x)) == 0;
}

static int
san_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !present(c, NID_subject_alt_name);
}

static int
san_critical(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return !subject_empty(c) && critical(c, NID_subject_alt_name);
}

static int
san_not_critical_empty_subject(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return subject_empty(c) && present(c, NID_subject_alt_name) &&
	    !critical(c, NID_subject_alt_name);
}

static int
is_smtputf8(const GENERAL_NAME *gn)
{
	return gn->type == GEN_OTHERNAME &&
	    OBJ_obj2nid(gn->d.otherName->type_id) == NID_id_on_SmtpUTF8Mailbox;
}

static const char *const gn_names[] = {
	[GEN_OTHERNAME] = "otherName", [GEN_EMAIL] = "rfc822Name", [GEN_DNS] = "dNSName",
	[GEN_X400] = "x400Address", [GEN_DIRNAME] = "directoryName",
	[GEN_EDIPARTY] = "ediPartyName", [GEN_URI] = "uniformResourceIdentifier",
	[GEN_IPADD] = "iPAddress", [GEN_RID] = "registeredID",
};

/* The first SAN entry that pick() selects, named into d: 1; none 0; -1 no SAN. */
static int
san_find(const struct br_cert *c, int (*pick)(const GENERAL_NAME *gn), char *d, size_t dl)
{
	GENERAL_NAMES *gns = br_ext_decoded(c, NID_subject_alt_name);
	int found = 0;
	char buf[80];

	if (gns == NULL)
		return -1;
	for (int i = 0; !found && i < sk_GENERAL_NAME_num(gns); i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(gns, i);

		if (!pick(gn))
			continue;
		if (gn->type == GEN_OTHERNAME)
			found = br_detail(d, dl, "otherName %s",
			    oid_name(gn->d.otherName->type_id, buf, sizeof(buf)));
		else
			found = br_detail(d, dl, "%s", gn->type >= 0 && gn->type <= GEN_RID ?
			    gn_names[gn->type] : "GeneralName");
	}
	return found;
}

static int
pick_mailbox(const GENERAL_NAME *gn)
{
	return gn->type == GEN_EMAIL || is_smtputf8(gn);
}

static int
pick_forbidden_type(const GENERAL_NAME *gn)
{
	return gn->type != GEN_EMAIL && gn->type != GEN_OTHERNAME && gn->type != GEN_DIRNAME;
}

static int
pick_strict_other_name(const GENERAL_NAME *gn)
{
	return gn->type == GEN_OTHERNAME && !is_smtputf8(gn);
}

static int
san_no_mailbox(const struct br_cert *c, char *d, size_t dl)
{
	char buf[BR_DETAIL_MAX];

	NODETAIL;
	return san_find(c, pick_mailbox, buf, sizeof(buf)) == 0;
}

static int
san_name_type_forbidden(const struct br_cert *c, char *d, size_t dl)
{
	return san_find(c, pick_forbidden_type, d, dl) > 0;
}

static int
san_other_name_strict(const struct br_cert *c, char *d, size_t dl)
{
	return san_find(c, pick_strict_other_name, d, dl) > 0;
}

/* --- the table ------------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_ext_undecodable", BR_SEV_ERROR, "7.1.2.4",
	  "the extensions of 7.1.2 SHALL decode as RFC 5280 defines them", V100, 0, BR_ROLE_ALL,
	  0, 0, NULL, ext_undecodable },
	{ "e_crldp_missing", BR_SEV_ERROR, "7.1.2.3b",
	  "cRLDistributionPoints SHALL be present", V100, 0, SUB, 0, 0, NULL, crldp_missing },
	{ "w_crldp_critical", BR_SEV_WARN, "7.1.2.3b",
	  "cRLDistributionPoints SHOULD NOT be critical", V100, 0, SUB, 0, 0, NULL, crldp_critical },
	{ "e_crldp_no_uri", BR_SEV_ERROR, "7.1.2.3b",
	  "a distributionPoint fullName SHALL hold a uniformResourceIdentifier for the CRL",
	  V100, 0, SUB, 0, 0, NULL, crldp_no_uri },
	{ "e_crldp_not_http_only", BR_SEV_ERROR, "7.1.2.3b",
	  "Strict and Multipurpose: every CRL URI SHALL have the scheme HTTP", V100, 0, SUB, SM, 0,
	  NULL, crldp_not_http_only },
	{ "e_crldp_legacy_no_http", BR_SEV_ERROR, "7.1.2.3b",
	  "Legacy: at least one CRL URI SHALL have the scheme HTTP", V100, 0, SUB, LEG, 0,
	  NULL, crldp_legacy_no_http },
	{ "w_aia_missing", BR_SEV_WARN, "7.1.2.3c",
	  "authorityInformationAccess SHOULD be present", V100, 0, SUB, 0, 0, NULL, aia_missing },
	{ "e_aia_critical", BR_SEV_ERROR, "7.1.2.3c",
	  "authorityInformationAccess SHALL NOT be critical", V100, 0, SUB, 0, 0, NULL, aia_critical },
	{ "e_aia_ocsp_not_http_only", BR_SEV_ERROR, "7.1.2.3c",
	  "Strict and Multipurpose: every id-ad-ocsp location SHALL be an HTTP URI", V100, 0, SUB, SM,
	  0, NULL, aia_ocsp_not_http_only },
	{ "e_aia_ocsp_legacy_no_http", BR_SEV_ERROR, "7.1.2.3c",
	  "Legacy: when id-ad-ocsp is present, at least one location SHALL be an HTTP URI",
	  V100, 0, SUB, LEG, 0, NULL, aia_ocsp_legacy_no_http },
	{ "w_aia_no_ca_issuers", BR_SEV_WARN, "7.1.2.3c",
	  "authorityInformationAccess SHOULD contain an id-ad-caIssuers URI", V100, 0, SUB, 0, 0,
	  NULL, aia_no_ca_issuers },
	{ "w_aia_method_not_specified", BR_SEV_WARN, "7.1.2.4",
	  "authorityInformationAccess SHOULD hold only id-ad-ocsp and id-ad-caIssuers (not specified otherwise)",
	  V100, 0, SUB | BR_ROLE_SUBCA, 0, 0, NULL, aia_other_method },
	{ "e_aia_ca_issuers_not_http_only", BR_SEV_ERROR, "7.1.2.3c",
	  "Strict and Multipurpose: every id-ad-caIssuers location SHALL be an HTTP URI",
	  V100, 0, SUB, SM, 0, NULL, aia_ca_issuers_not_http_only },
	{ "e_aia_ca_issuers_legacy_no_http", BR_SEV_ERROR, "7.1.2.3c",
	  "Legacy: when id-ad-caIssuers is present, at least one location SHALL be an HTTP URI",
	  V100, 0, SUB, LEG, 0, NULL, aia_ca_issuers_legacy_no_http },
	{ "e_bc_ca_true", BR_SEV_ERROR, "7.1.2.3d",
	  "basicConstraints cA SHALL NOT be true", V100, 0, SUB, 0, 0, NULL, bc_ca_true },
	{ "e_bc_pathlen", BR_SEV_ERROR, "7.1.2.3d",
	  "basicConstraints pathLenConstraint SHALL NOT be present", V100, 0, SUB, 0, 0,
	  NULL, bc_pathlen },
	{ "e_eku_missing", BR_SEV_ERROR, "7.1.2.3f",
	  "extKeyUsage SHALL be present", V100, 0, SUB, 0, 0, NULL, eku_missing },
	{ "e_eku_no_email_protection", BR_SEV_ERROR, "7.1.2.3f",
	  "extKeyUsage SHALL contain id-kp-emailProtection", V100, 0, SUB, 0, 0,
	  NULL, eku_no_email_protection },
	{ "e_eku_strict_other", BR_SEV_ERROR, "7.1.2.3f",
	  "Strict: extKeyUsage SHALL NOT contain values other than id-kp-emailProtection",
	  V100, 0, SUB, BR_GEN(BR_STRICT), 0, NULL, eku_strict_other },
	{ "e_eku_forbidden", BR_SEV_ERROR, "7.1.2.3f",
	  "serverAuth, codeSigning, timeStamping and anyExtendedKeyUsage SHALL NOT be present",
	  V100, 0, SUB, 0, 0, NULL, eku_forbidden },
	{ "e_aki_missing", BR_SEV_ERROR, "7.1.2.3g",
	  "authorityKeyIdentifier SHALL be present", V100, 0, SUB, 0, 0, NULL, aki_missing },
	{ "e_aki_critical", BR_SEV_ERROR, "7.1.2.3g",
	  "authorityKeyIdentifier SHALL NOT be critical", V100, 0, SUB, 0, 0, NULL, aki_critical },
	{ "e_aki_no_key_id", BR_SEV_ERROR, "7.1.2.3g",
	  "authorityKeyIdentifier SHALL contain keyIdentifier", V100, 0, SUB, 0, 0,
	  NULL, aki_no_key_id },
	{ "e_aki_issuer_serial", BR_SEV_ERROR, "7.1.2.3g",
	  "authorityKeyIdentifier SHALL NOT contain authorityCertIssuer or authorityCertSerialNumber",
	  V100, 0, SUB, 0, 0, NULL, aki_issuer_serial },
	{ "e_san_missing", BR_SEV_ERROR, "7.1.2.3h",
	  "subjectAltName SHALL be present", V100, 0, SUB, 0, 0, NULL, san_missing },
	{ "w_san_critical", BR_SEV_WARN, "7.1.2.3h",
	  "subjectAltName SHOULD NOT be critical unless the subject is empty", V100, 0, SUB, 0, 0,
	  NULL, san_critical },
	{ "e_san_not_critical_empty_subject", BR_SEV_ERROR, "RFC 5280 4.2.1.6",
	  "subjectAltName SHALL be critical when the subject is an empty sequence", V100, 0, SUB,
	  0, 0, NULL, san_not_critical_empty_subject },
	{ "e_san_no_mailbox", BR_SEV_ERROR, "7.1.4.2.1",
	  "subjectAltName SHALL contain an rfc822Name or an id-on-SmtpUTF8Mailbox otherName",
	  V100, 0, SUB, 0, 0, NULL, san_no_mailbox },
	{ "e_san_name_type_forbidden", BR_SEV_ERROR, "7.1.4.2.1",
	  "subjectAltName SHALL hold only rfc822Name, otherName and directoryName entries",
	  V100, 0, SUB, 0, 0, NULL, san_name_type_forbidden },
	{ "e_san_other_name_strict", BR_SEV_ERROR, "7.1.4.2.1",
	  "Strict: the only otherName type allowed in subjectAltName is id-on-SmtpUTF8Mailbox",
	  V100, 0, SUB, BR_GEN(BR_STRICT), 0, NULL, san_other_name_strict },
	{ "w_ski_missing", BR_SEV_WARN, "7.1.2.3n",
	  "subjectKeyIdentifier SHOULD be present", V100, 0, SUB, 0, 0, NULL, ski_missing },
	{ "e_ski_critical", BR_SEV_ERROR, "7.1.2.3n",
	  "subjectKeyIdentifier SHALL NOT be critical", V100, 0, SUB, 0, 0, NULL, ski_critical },
	{ "n_ski_not_derived", BR_SEV_NOTICE, "7.1.2.3n",
	  "subjectKeyIdentifier SHOULD be derived from the public key (RFC 5280, RFC 7093)",
	  V100, 0, SUB, 0, 0, NULL, ski_not_derived },
};

const struct br_rule_group br_group_7_1_2_3 = { rules, sizeof(rules) / sizeof(rules[0]) };
