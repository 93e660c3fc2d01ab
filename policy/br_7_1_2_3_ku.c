/*
 * NAME
 *	br_7_1_2_3_ku - subscriber keyUsage per key type and generation
 *	(BR 7.1.2.3e)
 * DESCRIPTION
 *	keyUsage is present and SHOULD be critical; its bits take one of the
 *	shapes the table of 7.1.2.3e allows for the key in the certificate
 *	(the SubjectPublicKeyInfo algorithm OID), and no other bit is set:
 *
 *	  rsaEncryption    signing: digitalSignature [+ nonRepudiation];
 *	                   key management: keyEncipherment [+ dataEncipherment];
 *	                   dual use: both [+ either]; dataEncipherment only in
 *	                   Multipurpose and Legacy
 *	  id-ecPublicKey   signing as above; key management: keyAgreement
 *	                   [+ encipherOnly or decipherOnly]; dual use: both
 *	                   [+ nonRepudiation] [+ encipherOnly or decipherOnly]
 *	  Ed25519, Ed448,  digitalSignature [+ nonRepudiation]
 *	  ML-DSA
 *	  ML-KEM           keyEncipherment and nothing else
 *
 *	nonRepudiation is allowed only beside digitalSignature, as every row
 *	that allows it says "SHALL be set for digitalSignature and MAY be
 *	set for nonRepudiation".  Other key types are br_7_1_3.c's matter and
 *	get no finding here.  A keyUsage that does not decode is reported by
 *	br_7_1_2_3.c (e_ext_undecodable) and judged no further.
 * SEE ALSO
 *	S/MIME BR 7.1.2.3e; RFC 5280 4.2.1.3; RFC 8813; RFC 9881 5; RFC 9935 5.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER
#define STRICT BR_GEN(BR_STRICT)
#define MP_LEG (BR_GEN(BR_MULTIPURPOSE) | BR_GEN(BR_LEGACY))

/* keyUsage bits by their position in the BIT STRING (RFC 5280 4.2.1.3). */
enum {
	DS = 1 << 0, NR = 1 << 1, KE = 1 << 2, DE = 1 << 3, KA = 1 << 4,
	KCS = 1 << 5, CRL = 1 << 6, EO = 1 << 7, DO = 1 << 8,
	UNDEF = 1 << 9		/* any position past decipherOnly */
};

static const char *const bit_names[] = {
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
	"an undefined bit",
};

enum keytype { KT_OTHER, KT_RSA, KT_EC, KT_EDDSA, KT_MLDSA, KT_MLKEM };

static enum keytype
key_type(const struct br_cert *c)
{
	static const struct {
		const char *oid;
		enum keytype kt;
	} pq[] = {
		{ "2.16.840.1.101.3.4.3.17", KT_MLDSA }, { "2.16.840.1.101.3.4.3.18", KT_MLDSA },
		{ "2.16.840.1.101.3.4.3.19", KT_MLDSA }, { "2.16.840.1.101.3.4.4.1", KT_MLKEM },
		{ "2.16.840.1.101.3.4.4.2", KT_MLKEM }, { "2.16.840.1.101.3.4.4.3", KT_MLKEM },
	};
	ASN1_OBJECT *o = NULL;
	char txt[40];

	if (X509_PUBKEY_get0_param(&o, NULL, NULL, NULL, X509_get_X509_PUBKEY(c->x)) != 1 ||
	    o == NULL)
		return KT_OTHER;
	switch (OBJ_obj2nid(o)) {
	case NID_rsaEncryption:
		return KT_RSA;
	case NID_X9_62_id_ecPublicKey:
		return KT_EC;
	case NID_ED25519:
	case NID_ED448:
		return KT_EDDSA;
	default:
		break;
	}
	if (OBJ_obj2txt(txt, sizeof(txt), o, 1) <= 0)
		return KT_OTHER;
	for (size_t i = 0; i < sizeof(pq) / sizeof(pq[0]); i++)
		if (strcmp(txt, pq[i].oid) == 0)
			return pq[i].kt;
	return KT_OTHER;
}

/*
 * The keyUsage bits of the first keyUsage extension, or -1 when it is
 * absent or does not decode (as a whole: trailing bytes too).
 */
static int
ku_bits(const struct br_cert *c)
{
	int i = X509_get_ext_by_NID(c->x, NID_key_usage, -1), bits = 0;
	const ASN1_OCTET_STRING *os;
	const unsigned char *p, *end;
	ASN1_BIT_STRING *bs;

	if (i < 0)
		return -1;
	os = X509_EXTENSION_get_data(X509_get_ext(c->x, i));
	p = ASN1_STRING_get0_data(os);
	end = p + ASN1_STRING_length(os);
	if ((bs = d2i_ASN1_BIT_STRING(NULL, &p, end - p)) == NULL)
		return -1;
	if (p != end) {
		ASN1_BIT_STRING_free(bs);
		return -1;
	}
	for (int b = 0; b < 8 * ASN1_STRING_length(bs); b++)
		if (ASN1_BIT_STRING_get_bit(bs, b))
			bits |= b <= 8 ? 1 << b : UNDEF;
	ASN1_BIT_STRING_free(bs);
	return bits;
}

/* Detail for the first bit of extra, as "NAME set"; returns 1. */
static int
extra_bit(int extra, char *d, size_t dl)
{
	for (size_t b = 0; b < sizeof(bit_names) / sizeof(bit_names[0]); b++)
		if (extra & (1 << b))
			return br_detail(d, dl, "%s set", bit_names[b]);
	return br_detail(d, dl, "bits 0x%x set", (unsigned)extra);
}

/* --- the shapes ------------------------------------------------------------ */

static int
rsa_shape(int ku, int strict, char *d, size_t dl)
{
	int allowed = DS | NR | KE | (strict ? 0 : DE);

	if (ku & ~allowed)
		return strict && (ku & DE) ?
		    br_detail(d, dl, "dataEncipherment set (Multipurpose and Legacy only)") :
		    extra_bit(ku & ~allowed, d, dl);
	if (!(ku & (DS | KE)))
		return br_detail(d, dl, "neither digitalSignature nor keyEncipherment");
	if ((ku & NR) && !(ku & DS))
		return br_detail(d, dl, "nonRepudiation without digitalSignature");
	if ((ku & DE) && !(ku & KE))
		return br_detail(d, dl, "dataEncipherment without keyEncipherment");
	return 0;
}

static int
ec_shape(int ku, char *d, size_t dl)
{
	int allowed = DS | NR | KA | EO | DO;

	if (ku & ~allowed)
		return extra_bit(ku & ~allowed, d, dl);
	if (!(ku & (DS | KA)))
		return br_detail(d, dl, "neither digitalSignature nor keyAgreement");
	if ((ku & NR) && !(ku & DS))
		return br_detail(d, dl, "nonRepudiation without digitalSignature");
	if ((ku & (EO | DO)) && !(ku & KA))
		return br_detail(d, dl, "encipherOnly or decipherOnly without keyAgreement");
	if ((ku & EO) && (ku & DO))
		return br_detail(d, dl, "both encipherOnly and decipherOnly");
	return 0;
}

static int
sign_only_shape(int ku, char *d, size_t dl)
{
	if (ku & ~(DS | NR))
		return extra_bit(ku & ~(DS | NR), d, dl);
	if (!(ku & DS))
		return br_detail(d, dl, "no digitalSignature");
	return 0;
}

/* --- checks ---------------------------------------------------------------- */

static int
ku_missing(const struct br_cert *c, char *d, size_t dl)
{
	(void)d;
	(void)dl;
	return br_ext_count(c->x, NID_key_usage, NULL) == 0;
}

static int
ku_not_critical(const struct br_cert *c, char *d, size_t dl)
{
	int crit;

	(void)d;
	(void)dl;
	return br_ext_count(c->x, NID_key_usage, &crit) > 0 && !crit;
}

static int
is_rsa(const struct br_cert *c)
{
	return key_type(c) == KT_RSA;
}

static int
is_ec(const struct br_cert *c)
{
	return key_type(c) == KT_EC;
}

static int
is_eddsa(const struct br_cert *c)
{
	return key_type(c) == KT_EDDSA;
}

static int
is_mldsa(const struct br_cert *c)
{
	return key_type(c) == KT_MLDSA;
}

static int
is_mlkem(const struct br_cert *c)
{
	return key_type(c) == KT_MLKEM;
}

static int
ku_rsa_strict(const struct br_cert *c, char *d, size_t dl)
{
	int ku = ku_bits(c);

	return ku >= 0 && rsa_shape(ku, 1, d, dl);
}

static int
ku_rsa_mp_legacy(const struct br_cert *c, char *d, size_t dl)
{
	int ku = ku_bits(c);

	return ku >= 0 && rsa_shape(ku, 0, d, dl);
}

static int
ku_ec(const struct br_cert *c, char *d, size_t dl)
{
	int ku = ku_bits(c);

	return ku >= 0 && ec_shape(ku, d, dl);
}

static int
ku_sign_only(const struct br_cert *c, char *d, size_t dl)
{
	int ku = ku_bits(c);

	return ku >= 0 && sign_only_shape(ku, d, dl);
}

static int
ku_mlkem(const struct br_cert *c, char *d, size_t dl)
{
	int ku = ku_bits(c);

	if (ku < 0 || ku == KE)
		return 0;
	return ku & ~KE ? extra_bit(ku & ~KE, d, dl) : br_detail(d, dl, "no keyEncipherment");
}

/* --- the table ------------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_ku_missing", BR_SEV_ERROR, "7.1.2.3e",
	  "keyUsage SHALL be present", V100, 0, SUB, 0, 0, NULL, ku_missing },
	{ "w_ku_not_critical", BR_SEV_WARN, "7.1.2.3e",
	  "keyUsage SHOULD be critical", V100, 0, SUB, 0, 0, NULL, ku_not_critical },
	{ "e_ku_bits_rsa_strict", BR_SEV_ERROR, "7.1.2.3e",
	  "Strict RSA: digitalSignature [+nonRepudiation], keyEncipherment, or both; nothing else",
	  V100, 0, SUB, STRICT, 0, is_rsa, ku_rsa_strict },
	{ "e_ku_bits_rsa_mp_legacy", BR_SEV_ERROR, "7.1.2.3e",
	  "Multipurpose and Legacy RSA: as Strict, plus dataEncipherment beside keyEncipherment",
	  V100, 0, SUB, MP_LEG, 0, is_rsa, ku_rsa_mp_legacy },
	{ "e_ku_bits_ec", BR_SEV_ERROR, "7.1.2.3e",
	  "EC: digitalSignature [+nonRepudiation], keyAgreement [+encipherOnly or decipherOnly], "
	  "or both; nothing else", V100, 0, SUB, 0, 0, is_ec, ku_ec },
	{ "e_ku_bits_eddsa", BR_SEV_ERROR, "7.1.2.3e",
	  "Ed25519 and Ed448: digitalSignature [+nonRepudiation]; nothing else", V100, 0, SUB, 0, 0,
	  is_eddsa, ku_sign_only },
	{ "e_ku_bits_mldsa", BR_SEV_ERROR, "7.1.2.3e",
	  "ML-DSA: digitalSignature [+nonRepudiation]; nothing else", V100, 0, SUB, 0, 0,
	  is_mldsa, ku_sign_only },
	{ "e_ku_bits_mlkem", BR_SEV_ERROR, "7.1.2.3e",
	  "ML-KEM: keyEncipherment SHALL be the only key usage set", V100, 0, SUB, 0, 0,
	  is_mlkem, ku_mlkem },
};

const struct br_rule_group br_group_7_1_2_3_ku = { rules, sizeof(rules) / sizeof(rules[0]) };
