/*
 * NAME
 *	check_br_gen - the rest of the BR rules against certificates made in C
 * SYNOPSIS
 *	srcdir=TOP ./check_br_gen
 * DESCRIPTION
 *	check_br_matrix's companion: certificates made by tests/certgen.c on
 *	libcrypto's API for the rules it does not reach, each row with the
 *	exact set of error and warning codes it must give (and of notices too
 *	when the row names one) and the BR result they imply.
 *
 *	leaf: subscriber certificates, a delta on the compliant profile, as
 *	check_br_matrix makes them: the extension and subject rules it leaves
 *	out, the TBSCertificate itself (version, serial, validity encoding,
 *	unique identifiers, the inner signature field, the issuer name) made
 *	with certgen's DER edits, and keys that libcrypto would not make
 *	(RSA numbers that break 6.1.5 and 6.1.6, points off the curve) or
 *	that OpenSSL 3.0 cannot make (ML-DSA and ML-KEM, written as DER).
 *
 *	ca: Root CA and Subordinate CA certificates made by certgen_ca_make(),
 *	a delta on the 7.1.2.1 or 7.1.2.2 profile, linted on their own in
 *	the CA role br_lint_any() gives them (basicConstraints cA or
 *	keyCertSign); and each Subordinate CA once more through the chain
 *	walk: a compliant subscriber certificate it issues, linted with it
 *	and the Root CA at hand, gives the CA's codes (found on
 *	"intermediate 1") and those the row adds for the subscriber.
 *
 *	ocsp: delegated OCSP responders (4.9.9) and id-pkix-ocsp-nocheck.
 *
 *	bag: the rules that compare certificates at hand: a CA name encoded
 *	two ways (7.1.4.1), a Cross Certificate without extKeyUsage and one
 *	that only looks like one (7.1.2.2g).
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "policy/br_rules.h"
#include "tests/certgen.h"
#include "tests/certgen_spec.h"
#include "tests/lintexpect.h"

/* --- keys and CAs ---------------------------------------------------------- */

enum keyid {
	K_RSA2048, K_RSA3072, K_P256, K_P384, K_ED25519,
	/* RSA keys libcrypto would not make (6.1.5, 6.1.6) */
	K_RSA_2052, K_RSA_E3, K_RSA_E_EVEN, K_RSA_N_EVEN, K_RSA_N_3, K_RSA_N_SQUARE,
	NKEYS
};

static const char *const keyfiles[] = {
	[K_RSA2048] = "alice-rsa2048.key", [K_RSA3072] = "carol-rsa3072.key",
	[K_P256] = "bob-ec-p256.key", [K_P384] = "erin-ec-p384.key",
	[K_ED25519] = "grace-ed25519.key",
};

enum issuer { I_RSA_CA, I_ROOT, NISSUERS };

static EVP_PKEY *keys[NKEYS];
static struct certgen_ca *cas[NISSUERS];
static STACK_OF(X509) *at_hand[NISSUERS];	/* the issuer and the Root CA */

/* certificatePolicies with a userNotice explicitText of 200 and 201 'a's */
static char cp_text_200[512], cp_text_201[512];

/*
 * SubjectPublicKeyInfos of ML-DSA-44 and ML-KEM-768 (OpenSSL 3.0 makes
 * neither), with as many key octets as each says, made in setup(): the
 * rules read the algorithm and the length, not the lattice.
 */
enum { PQ_MLDSA44, PQ_MLDSA44_SHORT, PQ_MLKEM768, PQ_MLKEM768_AS_512, NPQ };
static const struct {
	const char *oid;	/* hex of the OBJECT IDENTIFIER's content */
	size_t len;		/* key octets */
} pq_defs[NPQ] = {
	[PQ_MLDSA44] = { "608648016503040311", 1312 },
	[PQ_MLDSA44_SHORT] = { "608648016503040311", 1311 },
	[PQ_MLKEM768] = { "608648016503040402", 1184 },
	[PQ_MLKEM768_AS_512] = { "608648016503040402", 800 },
};
static char pq_spki[NPQ][2 * 1400];

/* The SubjectPublicKeyInfo of pq_defs[i] as hex, into pq_spki[i]. */
static void
pq_make(int i)
{
	size_t bits = pq_defs[i].len + 1, all = 13 + 4 + bits;
	char *o = pq_spki[i];

	o += sprintf(o, "3082%04zx300b0609%s0382%04zx00", all, pq_defs[i].oid, bits);
	for (size_t k = 0; k < pq_defs[i].len; k++)
		o += sprintf(o, "%02x", (unsigned)((k * 7 + 1) & 0xff));
}

/* An RSA public key of n and e, whatever they are; NULL on failure. */
static EVP_PKEY *
rsa_of(const BIGNUM *n, const BIGNUM *e)
{
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	OSSL_PARAM *p = NULL;
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *k = NULL;

	if (b != NULL && c != NULL && OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, n) &&
	    OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, e) &&
	    (p = OSSL_PARAM_BLD_to_param(b)) != NULL && EVP_PKEY_fromdata_init(c) > 0 &&
	    EVP_PKEY_fromdata(c, &k, EVP_PKEY_PUBLIC_KEY, p) <= 0)
		k = NULL;
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(b);
	EVP_PKEY_CTX_free(c);
	return k;
}

/* A real RSA key of bits bits with exponent e. */
static EVP_PKEY *
rsa_gen(int bits, unsigned long e)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	BIGNUM *be = BN_new();
	EVP_PKEY *k = NULL;

	if (c == NULL || be == NULL || !BN_set_word(be, e) || EVP_PKEY_keygen_init(c) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(c, bits) <= 0 ||
	    EVP_PKEY_CTX_set1_rsa_keygen_pubexp(c, be) <= 0 || EVP_PKEY_keygen(c, &k) <= 0)
		k = NULL;
	BN_free(be);
	EVP_PKEY_CTX_free(c);
	return k;
}

/*
 * The RSA keys of 6.1.5 and 6.1.6 that a CA must refuse: a 2052-bit
 * modulus, the exponent 3, an even exponent (alice's modulus), an even
 * modulus (alice's plus one), a 2048-bit modulus divisible by 3, and the
 * square of a 1024-bit prime.  0 or -1.
 */
static int
odd_rsa_keys(void)
{
	BIGNUM *n = NULL, *e = BN_new(), *m = BN_new(), *p = BN_new();
	BN_CTX *bc = BN_CTX_new();
	int r = -1;

	if (e == NULL || m == NULL || p == NULL || bc == NULL ||
	    !EVP_PKEY_get_bn_param(keys[K_RSA2048], OSSL_PKEY_PARAM_RSA_N, &n))
		goto out;
	keys[K_RSA_2052] = rsa_gen(2052, 65537);
	keys[K_RSA_E3] = rsa_gen(2048, 3);
	if (!BN_set_word(e, 65536) || (keys[K_RSA_E_EVEN] = rsa_of(n, e)) == NULL ||
	    !BN_set_word(e, 65537) || !BN_add_word(n, 1) ||
	    (keys[K_RSA_N_EVEN] = rsa_of(n, e)) == NULL)
		goto out;
	/* an odd 2048-bit number that 3 divides: 3 (mod 6) */
	if (!BN_rand(m, 2048, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD) ||
	    !BN_sub_word(m, BN_mod_word(m, 6)) || !BN_add_word(m, 3) ||
	    (keys[K_RSA_N_3] = rsa_of(m, e)) == NULL)
		goto out;
	/* p^2 with the top two bits of p set: 2048 bits */
	if (!BN_generate_prime_ex(p, 1024, 0, NULL, NULL, NULL) || !BN_sqr(m, p, bc) ||
	    BN_num_bits(m) != 2048 || (keys[K_RSA_N_SQUARE] = rsa_of(m, e)) == NULL)
		goto out;
	r = keys[K_RSA_2052] != NULL && keys[K_RSA_E3] != NULL ? 0 : -1;
out:
	BN_free(n);
	BN_free(e);
	BN_free(m);
	BN_free(p);
	BN_CTX_free(bc);
	return r;
}

static int
setup(void)
{
	char path[1200];
	int o;

	for (int k = 0; k <= K_ED25519; k++)
		if ((keys[k] = certgen_key_load(lintexpect_pki(path, sizeof(path), "keys",
		    keyfiles[k]))) == NULL)
			return -1;
	if (odd_rsa_keys() < 0) {
		fprintf(stderr, "check_br_gen: could not make the RSA keys\n");
		return -1;
	}
	if ((cas[I_RSA_CA] = lintexpect_ca("rsa-ca")) == NULL || (cas[I_ROOT] = lintexpect_ca("root-ca")) == NULL)
		return -1;
	for (int i = 0; i < NISSUERS; i++) {
		if ((at_hand[i] = sk_X509_new_null()) == NULL)
			return -1;
		sk_X509_push(at_hand[i], certgen_ca_cert(cas[i]));
		if (i != I_ROOT)
			sk_X509_push(at_hand[i], certgen_ca_cert(cas[I_ROOT]));
	}
	/* 2.23.140.1.5.1.3 with an id-qt-unotice of explicitText UTF8String 'a' x N */
	o = snprintf(cp_text_200, sizeof(cp_text_200), "%s", "3081ea3081e7060767810c01050103"
	    "3081db3081d806082b060105050702023081cb0c81c8");
	for (int i = 0; i < 200; i++)
		o += snprintf(cp_text_200 + o, sizeof(cp_text_200) - (size_t)o, "61");
	for (int i = 0; i < NPQ; i++)
		pq_make(i);
	o = snprintf(cp_text_201, sizeof(cp_text_201), "%s", "3081eb3081e8060767810c01050103"
	    "3081dc3081d906082b060105050702023081cc0c81c9");
	for (int i = 0; i < 201; i++)
		o += snprintf(cp_text_201 + o, sizeof(cp_text_201) - (size_t)o, "61");
	return 0;
}

static void
teardown(void)
{
	for (int i = 0; i < NISSUERS; i++) {
		sk_X509_free(at_hand[i]);
		certgen_ca_free(cas[i]);
	}
	for (int k = 0; k < NKEYS; k++)
		EVP_PKEY_free(keys[k]);
}

/* --- DER values (hex), each with what it holds ------------------------------------- */

/* Shorthands and the values check_br_matrix uses too: tests/certgen_spec.h. */
#define TBS_SET(f, h) { (f), CG_REPLACE, (h) }
#define TBS_ADD(f, h) { (f), CG_ADD, (h) }
#define TBS_DEL(f) { (f), CG_REMOVE, NULL }

#define OV_CN A("CN", "Example GmbH")
#define IV_NAME A("GN", "Alice"), A("SN", "Smith")

/* cRLDistributionPoints: a fullName with a directoryName C=US, CN=CA CRL and no URI */
#define CRLDP_DIRNAME "30283026a024a022a420301e310b3009060355040613025553310f300d060355" \
	"04030c0643412043524c"
/* authorityInformationAccess: id-ad-ocsp ldap://ldap.example.com/cn=ocsp, then
 * id-ad-caIssuers http://pki.example.com/ca.crt */
#define AIA_OCSP_LDAP "3058302b06082b06010505073001861f6c6461703a2f2f6c6461702e6578616d" \
	"706c652e636f6d2f636e3d6f637370302906082b06010505073002861d687474" \
	"703a2f2f706b692e6578616d706c652e636f6d2f63612e637274"
/* authorityInformationAccess: id-ad-caIssuers http://pki.example.com/ca.crt, then
 * id-ad-caRepository http://pki.example.com/repo/ */
#define AIA_CA_REPOSITORY "3055302906082b06010505073002861d687474703a2f2f706b692e6578616d70" \
	"6c652e636f6d2f63612e637274302806082b06010505073005861c687474703a" \
	"2f2f706b692e6578616d706c652e636f6d2f7265706f2f"
/* authorityKeyIdentifier: an empty SEQUENCE (no keyIdentifier) */
#define AKI_EMPTY "3000"
/* authorityKeyIdentifier: keyIdentifier 01 02 ... 14, no CA's */
#define AKI_OTHER "301680140102030405060708090a0b0c0d0e0f1011121314"
/* subjectKeyIdentifier: 20 octets that are no hash of the key */
#define SKI_OTHER "04140102030405060708090a0b0c0d0e0f1011121314"

/* subjectAltName: a Microsoft UPN otherName alice@example.com, nothing else */
#define SAN_UPN_ONLY "3023a021060a2b060104018237140203a0130c11616c696365406578616d706c" \
	"652e636f6d"
/* a SmtpUTF8Mailbox otherName only: a byte-order mark, then the Cyrillic mailbox */
#define SAN_SMTPUTF8_BOM "3029a02706082b06010505070809a01b0c19efbbbfd0b0d0bbd0b8d181d0b040" \
	"6578616d706c652e636f6d"
/* a SmtpUTF8Mailbox otherName only: the Cyrillic local part @Example.com */
#define SAN_SMTPUTF8_UPPER "3026a02406082b06010505070809a0180c16d0b0d0bbd0b8d181d0b040457861" \
	"6d706c652e636f6d"
/* subjectAltName: alice@example.com, then a directoryName CN=Alice Smith */
#define SAN_DIRNAME_CN "302d8111616c696365406578616d706c652e636f6da418301631143012060355" \
	"04030c0b416c69636520536d697468"

/* certificatePolicies 2.23.140.1.5.1.3 with a qualifier 1.3.6.1.5.5.7.2.3 (not 4.2.1.4's) */
#define CP_QUALIFIER_UNKNOWN "301c301a060767810c01050103300f300d06082b06010505070203160178"
/* ... with an id-qt-unotice whose explicitText is a BMPString "Terms apply" */
#define CP_TEXT_BMP "30333031060767810c010501033026302406082b0601050507020230181e1600" \
	"5400650072006d00730020006100700070006c0079"
/* one PolicyInformation whose policyIdentifier is the INTEGER 1 */
#define CP_NOT_OID "30053003020101"
/* one CA policy OID 1.3.6.1.4.1.99999.1.1 */
#define CP_CA_OID "300e300c060a2b06010401868d1f0101"
/* anyPolicy */
#define CP_ANY "300830060604551d2000"
/* anyPolicy and 2.23.140.1.5.1.3 */
#define CP_ANY_AND_RESERVED "301330060604551d20003009060767810c01050103"
/* 2.23.140.1.5.1.3 */
#define CP_RESERVED "300b3009060767810c01050103"

/* nameConstraints permitting rfc822Name example.com and directoryName C=DE, O=Example GmbH */
#define NC_FULL "303ba039300d810b6578616d706c652e636f6d3028a4263024310b3009060355" \
	"04061302444531153013060355040a0c0c4578616d706c6520476d6248"
/* ... the rfc822Name a mailbox, alice@example.com */
#define NC_MAILBOX "3041a03f30138111616c696365406578616d706c652e636f6d3028a426302431" \
	"0b300906035504061302444531153013060355040a0c0c4578616d706c652047" \
	"6d6248"
/* nameConstraints permitting rfc822Name .example.com only */
#define NC_RFC822_ONLY "3012a010300e810c2e6578616d706c652e636f6d"

/* extKeyUsage: clientAuth; emailProtection and serverAuth; emailProtection */
#define EKU_CLIENT "300a06082b06010505070302"
#define EKU_EMAIL_SERVER "301406082b0601050507030406082b06010505070301"
#define EKU_EMAIL "300a06082b06010505070304"
/* keyUsage: keyCertSign only; nonRepudiation, keyCertSign, cRLSign */
#define KU_CERTSIGN "03020204"
#define KU_NR_CERTSIGN_CRLSIGN "03020146"
/* basicConstraints: cA TRUE, pathLenConstraint 0; cA FALSE (an empty SEQUENCE) */
#define BC_CA_PATHLEN "30060101ff020100"
#define BC_NOT_CA "3000"

/* the LEI role extension (7.1.2.3l) as a UTF8String */
#define LEI_ROLE_UTF8 "0c084469726563746f72"
/* id-pkix-ocsp-nocheck */
#define OID_NOCHECK "1.3.6.1.5.5.7.48.1.5"

/* TBSCertificate fields: version v2; serial 0 and -1 */
#define VERSION_2 "a003020101"
#define SERIAL_ZERO "020100"
#define SERIAL_MINUS_ONE "0201ff"
/* validity 2026-06-01 to 2028-07-31 23:59:59 as GeneralizedTime (RFC 5280: UTCTime) */
#define VALIDITY_GENERALIZED "3022180f32303236303630313030303030305a180f3230323830373331323335" \
	"3935395a"
/* issuerUniqueID and subjectUniqueID: BIT STRING 0102 */
#define ISSUER_UID "8103000102"
#define SUBJECT_UID "8203000102"
/* sha384WithRSAEncryption (the outer signatureAlgorithm stays sha256WithRSAEncryption) */
#define ALG_SHA384_RSA "300d06092a864886f70d01010c0500"
/* the subject of rsa-ca, every attribute a PrintableString (rsa-ca: O and CN UTF8String) */
#define ISSUER_RSA_CA_PRINTABLE "3055310b3009060355040613025553311b3019060355040a1312736d696d696c" \
	"746572205465737420504b493129302706035504031320736d696d696c746572" \
	"205465737420534d494d45205253412043412032303236"
/* an empty Name */
#define NAME_EMPTY "3000"
/* rsaEncryption whose RSAPublicKey has the modulus 0 */
#define SPKI_RSA_ZERO "301c300d06092a864886f70d0101010500030b0030080201000203010001"
/* Ed25519 with y = 2, for which no x exists (RFC 8032 5.1.3) */
#define SPKI_ED25519_OFF_CURVE "302a300506032b65700321000200000000000000000000000000000000000000" \
	"000000000000000000000000"
/* id-ecPublicKey P-256 with the point (1, 1), which is not on the curve */
#define SPKI_P256_OFF_CURVE "3059301306072a8648ce3d020106082a8648ce3d030107034200040000000000" \
	"0000000000000000000000000000000000000000000000000000010000000000" \
	"000000000000000000000000000000000000000000000000000001"

/* --- subscriber certificates ---------------------------------------------------------- */

/* A row: what, the codes it gives ("" none), [key, issuer,] the spec. */
#define ROW_BY(what, want, key, issuer, ...) { (what), (want), (key), (issuer), { __VA_ARGS__ } }
#define ROW_KEY(what, want, key, ...) ROW_BY((what), (want), (key), I_RSA_CA, __VA_ARGS__)
#define ROW(what, want, ...) ROW_BY((what), (want), K_RSA2048, I_RSA_CA, __VA_ARGS__)

static const struct leaf_row {
	const char *what;
	const char *want;	/* blank-separated codes; notices compared when one is named */
	enum keyid key;
	enum issuer issuer;
	struct certgen_spec spec;
} leaf_rows[] = {
	/* cRLDistributionPoints and authorityInformationAccess (7.1.2.3b, c, 7.1.2.4) */
	ROW("a CRL distribution point with a directoryName and no URI", "e_crldp_no_uri", MV_S,
	    .ext = { SET("crlDistributionPoints", CRLDP_DIRNAME) }),
	ROW("OCSP over ldap only in Legacy", "e_aia_ocsp_legacy_no_http", MV_L,
	    .ext = { SET("authorityInfoAccess", AIA_OCSP_LDAP) }),
	ROW("caIssuers over ldap only in Legacy", "e_aia_ca_issuers_legacy_no_http", MV_L,
	    .ext = { SET("authorityInfoAccess", AIA_LDAP) }),
	ROW("id-ad-caRepository in the AIA", "w_aia_method_not_specified", MV_S,
	    .ext = { SET("authorityInfoAccess", AIA_CA_REPOSITORY) }),

	/* key identifiers (7.1.2.3g, n) */
	ROW("authorityKeyIdentifier without keyIdentifier", "e_aki_no_key_id", MV_S,
	    .ext = { SET("authorityKeyIdentifier", AKI_EMPTY) }),
	ROW("authorityKeyIdentifier not the CA's subjectKeyIdentifier", "e_aki_not_issuer_ski",
	    MV_S, .ext = { SET("authorityKeyIdentifier", AKI_OTHER) }),
	ROW("subjectKeyIdentifier not derived from the key", "n_ski_not_derived", MV_S,
	    .ext = { SET("subjectKeyIdentifier", SKI_OTHER) }),

	/* subjectAltName and the mailboxes (7.1.2.3h, 7.1.4.2.1) */
	ROW("a UPN otherName and no mailbox in the SAN", "e_san_no_mailbox", IV_M,
	    .subject = { IV_NAME, A("CN", "Alice Smith") },
	    .ext = { SET("subjectAltName", SAN_UPN_ONLY) }),
	/* two: with the mark, it is not the mailbox of commonName either */
	ROW_KEY("a SmtpUTF8Mailbox with a byte-order mark",
	    "e_smtputf8_encoding e_san_mailbox_not_mirrored", K_P256, MV_S,
	    .subject = { A("CN", MAILBOX_CYR) }, .ext = { SET("subjectAltName", SAN_SMTPUTF8_BOM) }),
	ROW_KEY("a SmtpUTF8Mailbox with an upper-case domain", "e_smtputf8_domain_form", K_P256,
	    MV_S, .subject = { A("CN", MAILBOX_CYR) },
	    .ext = { SET("subjectAltName", SAN_SMTPUTF8_UPPER) }),
	ROW("a SAN directoryName with a Personal Name only", "e_san_dirname_content", IV_S,
	    .ext = { SET("subjectAltName", SAN_DIRNAME_CN) }),

	/* the optional extensions (7.1.2.3j, l, m) */
	/* two: 7.1.2.3j, and libcrypto's verifier does not know the extension (RFC 5280 4.2) */
	ROW("subjectDirectoryAttributes critical in Legacy", "e_sda_critical w_ext_unknown_critical",
	    MV_L, .ext = { ADDCRIT("subjectDirectoryAttributes", SDA_VALUE) }),
	ROW("an LEI critical", "e_lei_critical w_ext_unknown_critical", OV_S,
	    .ext = { ADDCRIT(OID_LEI, LEI_OK) }),
	ROW("an LEI role critical", "e_lei_role_critical w_ext_unknown_critical", SV_S,
	    .ext = { ADDCRIT(OID_LEI_ROLE, LEI_ROLE) }),
	ROW("an LEI role as a UTF8String", "e_lei_role_value_invalid", SV_S,
	    .ext = { ADD(OID_LEI_ROLE, LEI_ROLE_UTF8) }),
	ROW("the Adobe Time-stamp extension critical in Multipurpose",
	    "e_adobe_critical w_ext_unknown_critical", MV_M,
	    .ext = { ADDCRIT(OID_ADOBE_TS, ADOBE_TS) }),
	ROW("the Adobe Time-stamp extension in Multipurpose (allowed)", "", MV_M,
	    .ext = { ADD(OID_ADOBE_TS, ADOBE_TS) }),

	/* certificatePolicies (7.1.2.3a, 7.1.6.1, RFC 5280 4.2.1.4) */
	ROW("a policy OID under 2.23.140.1.5 that 7.1.6.1 does not reserve",
	    "e_policies_reserved_unknown", MV_S, .policy = { "2.23.140.1.5.1.4" }),
	ROW("a CA policy OID twice", "e_policies_duplicate_oid", OV_S,
	    .policy = { "1.3.6.1.4.1.99999.1.1", "1.3.6.1.4.1.99999.1.1" }),
	ROW("a policy qualifier that is neither CPS nor user notice",
	    "e_policies_qualifier_unknown", MV_S,
	    .ext = { SET("certificatePolicies", CP_QUALIFIER_UNKNOWN) }),
	ROW("explicitText of 201 characters", "e_policies_explicit_text_too_long", MV_S,
	    .ext = { SET("certificatePolicies", cp_text_201) }),
	ROW("explicitText of 200 characters (the limit)", "", MV_S,
	    .ext = { SET("certificatePolicies", cp_text_200) }),
	ROW("explicitText as a BMPString", "w_policies_explicit_text_form", MV_S,
	    .ext = { SET("certificatePolicies", CP_TEXT_BMP) }),
	/* libcrypto's decoder passes the byte by; RFC 5280 4.1 does not */
	ROW("certificatePolicies with a byte after the value", "e_policies_undecodable", MV_S,
	    .ext = { SET("certificatePolicies", CP_RESERVED "00") }),

	/* the subject (7.1.4.2) */
	ROW("postalCode of 41 characters (X.520: 40)", "w_subject_attr_length_x520", OV_M,
	    .subject = { OV_C_DE, A("L", "Berlin"), A("postalCode",
	    "10117-0000-0000-0000-0000-0000-0000-0000-"), OV_O,
	    A("organizationIdentifier", "VATDE-123456789"), OV_CN }),
	ROW("givenName and surname in one RDN (allowed)", "", IV_S,
	    .subject = { A("GN", "Alice"), A("+SN", "Smith"), A("CN", "Alice Smith") }),
	ROW("two commonNames in one RDN", "e_subject_rdn_repeated_type", IV_S,
	    .subject = { IV_NAME, A("CN", "Alice Smith"), A("+CN", "alice@example.com") }),
	ROW("two organizationNames", "n_subject_attr_repeated", OV_S,
	    .subject = { OV_C_DE, OV_O, A("O", "Example Holding GmbH"),
	    A("organizationIdentifier", "VATDE-123456789"), OV_CN }),
	ROW("givenName without surname", "n_subject_given_name_only", IV_S,
	    .subject = { A("GN", "Alice"), A("CN", "Alice") }),
	ROW("a Personal Name in commonName that is not the subject's", "n_subject_cn_name_unmatched",
	    IV_S, .subject = { IV_NAME, A("CN", "Bob Jones") }),
	ROW("a pseudonym and another commonName", "e_subject_cn_not_pseudonym", IV_S,
	    .subject = { A("pseudonym", "Agent 7"), A("CN", "Bob") }),
	ROW("a pseudonym with the draft's 'Pseudo: ' prefix", "n_subject_cn_pseudonym_prefix", IV_S,
	    .subject = { A("pseudonym", "Agent 7"), A("CN", "Pseudo: Agent 7") }),
	ROW("a mailbox as the pseudonym", "n_subject_pseudonym_mailbox", IV_S,
	    .subject = { A("pseudonym", "alice@example.com"), A("CN", "alice@example.com") }),
	ROW("a passport number in serialNumber (allowed)", "n_none", IV_S,
	    .subject = { IV_NAME, A("CN", "Alice Smith"), A("serialNumber", "PASDE-C01X00T47") }),
	ROW("a natural-person identifier of no Appendix A.2 scheme", "n_subject_serial_npi", IV_S,
	    .subject = { IV_NAME, A("CN", "Alice Smith"), A("serialNumber", "XYZDE-12345") }),
	ROW("no notice on the compliant profile", "n_none", MV_S),

	/* organizationIdentifier (7.1.4.2.2d, Appendix A.1) */
	ROW("a registration scheme that is none of Appendix A.1", "e_orgid_scheme_unknown", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "ABCDE-123456789"), OV_CN }),
	/* two: QQ is no country, and not the DE of countryName (Note 1) */
	ROW("a scheme country that is no ISO 3166-1 code",
	    "e_orgid_country_invalid e_orgid_country_mismatch", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "VATQQ-123456789"), OV_CN }),
	ROW("an LEI reference with wrong check digits", "e_orgid_lei_invalid", OV_S,
	    .subject = { OV_C_DE, OV_O,
	    A("organizationIdentifier", "LEIXG-5493001KJTIIGC8Y1R13"), OV_CN }),
	ROW("a PSD reference without the NCA identifier", "e_orgid_psd_form", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "PSDDE-123456789"), OV_CN }),
	ROW("an EUID of another country than NTR's", "e_orgid_euid_country_mismatch", OV_S,
	    .subject = { A("C", "AT"), OV_O,
	    A("organizationIdentifier", "NTRAT-DER3306.HRB12345"), OV_CN }),

	/* the TBSCertificate (7.1, 7.1.1, RFC 5280 4.1), made with certgen's DER edits */
	ROW("a v2 certificate", "e_version_not_3", MV_S, .tbs = { TBS_SET(CG_TBS_VERSION, VERSION_2) }),
	ROW("serial number 0", "e_serial_not_positive n_serial_low_entropy", MV_S,
	    .tbs = { TBS_SET(CG_TBS_SERIAL, SERIAL_ZERO) }),
	ROW("serial number -1", "e_serial_not_positive", MV_S,
	    .tbs = { TBS_SET(CG_TBS_SERIAL, SERIAL_MINUS_ONE) }),
	ROW("a serial of 7 octets", "n_serial_low_entropy", MV_S, .serial_len = 7),
	ROW("notAfter before notBefore", "e_validity_inverted", MV_S, .days = -1),
	ROW("validity as GeneralizedTime before 2050", "e_validity_time_encoding", MV_S,
	    .tbs = { TBS_SET(CG_TBS_VALIDITY, VALIDITY_GENERALIZED) }),
	ROW("an issuerUniqueID", "e_unique_id_present", MV_S,
	    .tbs = { TBS_ADD(CG_TBS_EXTENSIONS, ISSUER_UID) }),
	ROW("a subjectUniqueID", "e_unique_id_present", MV_S,
	    .tbs = { TBS_ADD(CG_TBS_EXTENSIONS, SUBJECT_UID) }),
	ROW("the inner signature field unlike the outer one", "e_sig_alg_tbs_mismatch", MV_S,
	    .tbs = { TBS_SET(CG_TBS_SIGNATURE, ALG_SHA384_RSA) }),
	ROW("the issuer name in other string types than the CA's subject", "e_issuer_dn_mismatch",
	    MV_S, .tbs = { TBS_SET(CG_TBS_ISSUER, ISSUER_RSA_CA_PRINTABLE) }),
	ROW("an empty issuer name", "e_issuer_dn_empty", MV_S,
	    .tbs = { TBS_SET(CG_TBS_ISSUER, NAME_EMPTY) }),
	ROW("issued before the BR took effect (not judged)", "n_issued_before_br", MV_S,
	    .not_before = "20230801000000Z", .days = 1500),

	/* keys (6.1.5, 6.1.6) */
	ROW("an RSA key whose modulus is 0", "e_rsa_key_invalid", MV_S,
	    .tbs = { TBS_SET(CG_TBS_SPKI, SPKI_RSA_ZERO) }),
	ROW_KEY("an RSA modulus of 2052 bits", "e_rsa_modulus_not_multiple_of_8", K_RSA_2052, MV_S),
	ROW_KEY("the RSA exponent 3", "w_rsa_exponent_range", K_RSA_E3, MV_S),
	ROW_KEY("an even RSA exponent", "e_rsa_exponent_invalid", K_RSA_E_EVEN, MV_S),
	ROW_KEY("an even RSA modulus", "w_rsa_modulus_even", K_RSA_N_EVEN, MV_S),
	ROW_KEY("an RSA modulus that 3 divides", "w_rsa_modulus_small_factor", K_RSA_N_3, MV_S),
	ROW_KEY("an RSA modulus that is the square of a prime", "w_rsa_modulus_prime_power",
	    K_RSA_N_SQUARE, MV_S),
	ROW_KEY("a P-256 point off the curve", "e_ec_point_invalid", K_P256, MV_S,
	    .tbs = { TBS_SET(CG_TBS_SPKI, SPKI_P256_OFF_CURVE) }),
	ROW_KEY("an Ed25519 key that is no point of the curve", "e_eddsa_point_invalid", K_ED25519,
	    MV_S, .tbs = { TBS_SET(CG_TBS_SPKI, SPKI_ED25519_OFF_CURVE) }),

	/* ML-DSA and ML-KEM keys (6.1.5, 7.1.2.3e, RFC 9881, RFC 9935) */
	ROW_KEY("an ML-DSA-44 key (allowed)", "", K_P256, MV_S,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLDSA44]) }),
	ROW_KEY("an ML-DSA-44 key of 1311 octets", "e_mldsa_key_length", K_P256, MV_S,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLDSA44_SHORT]) }),
	ROW_KEY("keyEncipherment on an ML-DSA key", "e_ku_bits_mldsa", K_P256, MV_S, .ku = CG_KE,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLDSA44]) }),
	ROW_KEY("an ML-DSA key issued before 2025-08-22", "e_pqc_before_2025_08_22", K_P256, MV_S,
	    .not_before = "20250801000000Z", .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLDSA44]) }),
	ROW_KEY("an ML-KEM-768 key (allowed)", "", K_P256, MV_S, .ku = CG_KE,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLKEM768]) }),
	ROW_KEY("an ML-KEM-768 key of 800 octets", "e_mlkem_key_length", K_P256, MV_S, .ku = CG_KE,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLKEM768_AS_512]) }),
	ROW_KEY("digitalSignature on an ML-KEM key", "e_ku_bits_mlkem", K_P256, MV_S,
	    .tbs = { TBS_SET(CG_TBS_SPKI, pq_spki[PQ_MLKEM768]) }),
};

/* One loop iteration per row. */
START_TEST(leaf)
{
	const struct leaf_row *r = &leaf_rows[_i];
	struct certgen_spec s = r->spec;
	X509 *x;

	s.key = keys[r->key];
	x = certgen_make(&s, cas[r->issuer]);
	lintexpect_codes(x, at_hand[r->issuer], r->want, NULL, NULL, r->what);
	X509_free(x);
}
END_TEST

/* --- CA certificates ------------------------------------------------------------------ */

/*
 * A row: what, the codes the CA certificate gives, the codes a compliant
 * subscriber certificate it issues adds (a Subordinate CA only), the key,
 * a Root CA or not, the spec.
 */
#define SUBCA(what, want, leaf, key, ...) { (what), (want), (leaf), (key), 0, { __VA_ARGS__ } }
#define ROOT(what, want, key, ...) { (what), (want), NULL, (key), 1, { __VA_ARGS__ } }

static const struct ca_row {
	const char *what;
	const char *want;
	const char *leaf;	/* NULL: no subscriber certificate is issued */
	enum keyid key;
	int root;
	struct certgen_spec spec;
} ca_rows[] = {
	SUBCA("the Subordinate CA profile", "", "", K_P256),
	ROOT("the Root CA profile", "", K_P384),

	/* basicConstraints (7.1.2.1a, 7.1.2.2d) */
	SUBCA("no basicConstraints (keyCertSign makes it a CA)", "e_ca_bc_missing", "", K_P256,
	    .ext = { DEL("basicConstraints") }),
	SUBCA("basicConstraints not critical", "e_ca_bc_not_critical", "", K_P256,
	    .ext = { NONCRIT("basicConstraints") }),
	SUBCA("basicConstraints cA FALSE", "e_ca_bc_ca_false", "", K_P256,
	    .ext = { SET("basicConstraints", BC_NOT_CA) }),
	ROOT("a pathLenConstraint in a Root CA", "w_root_bc_pathlen", K_P384,
	    .ext = { SET("basicConstraints", BC_CA_PATHLEN) }),

	/* keyUsage (7.1.2.2e, 7.1.2.4) */
	SUBCA("no keyUsage", "e_ca_ku_missing", "", K_P256, .ext = { DEL("keyUsage") }),
	SUBCA("keyUsage not critical", "e_ca_ku_not_critical", "", K_P256,
	    .ext = { NONCRIT("keyUsage") }),
	SUBCA("keyCertSign without cRLSign", "e_ca_ku_no_certsign_crlsign", "", K_P256,
	    .ext = { SET("keyUsage", KU_CERTSIGN) }),
	ROOT("nonRepudiation in a Root CA", "w_ca_ku_other_bits", K_P384,
	    .ext = { SET("keyUsage", KU_NR_CERTSIGN_CRLSIGN) }),

	/* extKeyUsage (7.1.2.1d, 7.1.2.2g, Appendix B) */
	SUBCA("extKeyUsage critical", "w_subca_eku_critical", "", K_P256,
	    .ext = { CRIT("extendedKeyUsage") }),
	SUBCA("clientAuth instead of emailProtection", "e_subca_eku_no_email_protection",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { SET("extendedKeyUsage", EKU_CLIENT) }),
	SUBCA("serverAuth beside emailProtection", "e_subca_eku_forbidden",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { SET("extendedKeyUsage", EKU_EMAIL_SERVER) }),
	SUBCA("no extKeyUsage and no Root CA of the same name and key", "e_subca_eku_missing",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { DEL("extendedKeyUsage") }),
	ROOT("extKeyUsage in a Root CA", "e_root_eku_present", K_P384,
	    .ext = { ADD("extendedKeyUsage", EKU_EMAIL) }),

	/* cRLDistributionPoints and authorityInformationAccess (7.1.2.2b, c) */
	SUBCA("no cRLDistributionPoints", "e_subca_crldp_missing", "", K_P256,
	    .ext = { DEL("crlDistributionPoints") }),
	SUBCA("cRLDistributionPoints critical", "e_subca_crldp_critical", "", K_P256,
	    .ext = { CRIT("crlDistributionPoints") }),
	SUBCA("a CRL over ldap only", "e_subca_crldp_no_http", "", K_P256,
	    .ext = { SET("crlDistributionPoints", CRLDP_LDAP) }),
	SUBCA("no authorityInformationAccess", "w_subca_aia_missing", "", K_P256,
	    .ext = { DEL("authorityInfoAccess") }),
	SUBCA("authorityInformationAccess critical", "e_subca_aia_critical w_ext_unknown_critical",
	    "", K_P256, .ext = { CRIT("authorityInfoAccess") }),
	SUBCA("caIssuers over ldap only", "w_subca_aia_no_http_ca_issuers", "", K_P256,
	    .ext = { SET("authorityInfoAccess", AIA_LDAP) }),
	SUBCA("id-ad-caRepository in the AIA", "w_aia_method_not_specified", "", K_P256,
	    .ext = { SET("authorityInfoAccess", AIA_CA_REPOSITORY) }),

	/* nameConstraints (7.1.2.2f, 7.1.5) */
	SUBCA("Technically Constrained (allowed)", "", "", K_P256,
	    .ext = { ADDCRIT("nameConstraints", NC_FULL) }),
	SUBCA("nameConstraints not critical", "w_subca_nc_not_critical", "", K_P256,
	    .ext = { ADD("nameConstraints", NC_FULL) }),
	SUBCA("a mailbox as a permitted rfc822Name", "e_subca_nc_rfc822_not_domain", "", K_P256,
	    .ext = { ADDCRIT("nameConstraints", NC_MAILBOX) }),
	SUBCA("nameConstraints without a directoryName", "n_subca_nc_incomplete", "n_none",
	    K_P256, .ext = { ADDCRIT("nameConstraints", NC_RFC822_ONLY) }),

	/* key identifiers (7.1.2.2h, i) */
	SUBCA("no authorityKeyIdentifier", "e_subca_aki_missing", "", K_P256,
	    .ext = { DEL("authorityKeyIdentifier") }),
	SUBCA("authorityKeyIdentifier critical", "e_subca_aki_critical", "", K_P256,
	    .ext = { CRIT("authorityKeyIdentifier") }),
	SUBCA("authorityKeyIdentifier without keyIdentifier", "e_subca_aki_form", "", K_P256,
	    .ext = { SET("authorityKeyIdentifier", AKI_EMPTY) }),
	SUBCA("authorityKeyIdentifier not the Root CA's key", "e_aki_not_issuer_ski", "", K_P256,
	    .ext = { SET("authorityKeyIdentifier", AKI_OTHER) }),
	SUBCA("no subjectKeyIdentifier", "e_ca_ski_missing", "", K_P256,
	    .ext = { DEL("subjectKeyIdentifier") }),
	SUBCA("subjectKeyIdentifier critical", "e_ca_ski_critical", "", K_P256,
	    .ext = { CRIT("subjectKeyIdentifier") }),

	/* other extensions (7.1.2.4) */
	SUBCA("a private extension", "w_ca_ext_not_specified", "", K_P256,
	    .ext = { ADD(OID_PRIVATE, PRIVATE_VALUE) }),

	/* the subject (7.1.4.3.1) */
	SUBCA("no organizationName", "e_ca_subject_incomplete", "", K_P256,
	    .subject = { A("C", "US"), A("CN", "certgen S/MIME CA") }),
	ROOT("country code UK", "e_ca_subject_country_code", K_P384,
	    .subject = { A("C", "UK"), A("O", "certgen"), A("CN", "certgen Root CA") }),

	/* certificatePolicies (7.1.6.2, 7.1.6.3, Appendix B) */
	SUBCA("a CA policy OID only", "e_ca_policies_no_reserved",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { SET("certificatePolicies", CP_CA_OID) }),
	SUBCA("anyPolicy (an Affiliate only)", "n_ca_policies_any_policy", "n_none", K_P256,
	    .ext = { SET("certificatePolicies", CP_ANY) }),
	SUBCA("anyPolicy and a reserved policy OID", "e_ca_policies_any_and_reserved", "", K_P256,
	    .ext = { SET("certificatePolicies", CP_ANY_AND_RESERVED) }),
	SUBCA("no certificatePolicies", "e_policies_missing",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { DEL("certificatePolicies") }),
	/* one defect, one code: not also e_ca_policies_no_reserved */
	SUBCA("a policy identifier that is an INTEGER", "e_policies_undecodable",
	    "e_issuer_not_compliant_from_2024_09_15", K_P256,
	    .ext = { SET("certificatePolicies", CP_NOT_OID) }),
	SUBCA("certificatePolicies with a byte after the value", "e_policies_undecodable", "", K_P256,
	    .ext = { SET("certificatePolicies", CP_RESERVED "00") }),
	ROOT("valid into 2051, as GeneralizedTime (allowed)", "", K_P384, .days = 10000),
	ROOT("certificatePolicies in a Root CA", "w_root_policies_present", K_P384,
	    .ext = { ADD("certificatePolicies", CP_RESERVED) }),

	/* keys and signatures (6.1.5, 7.1.3.1.1) */
	SUBCA("an RSA-3072 CA key signed from 2026-09-15", "e_ca_rsa_under_4096_from_2026_09_15",
	    "", K_RSA3072, .not_before = "20261001000000Z"),
	SUBCA("an RSA-3072 CA key signed before 2026-09-15 (allowed)", "", "", K_RSA3072,
	    .not_before = "20260914000000Z"),
	SUBCA("SHA-1, from 2022, valid past 2026-09-15", "e_subca_sha1_unexpired_2026_09_15",
	    NULL, K_P256, .not_before = "20220101000000Z", .md = "SHA1"),
	SUBCA("SHA-1, from 2022, expired by 2026-09-15 (not judged)", "n_issued_before_br", NULL,
	    K_P256, .not_before = "20220101000000Z", .days = 1717, .md = "SHA1"),
};

/* One loop iteration per row. */
START_TEST(ca)
{
	const struct ca_row *r = &ca_rows[_i];
	struct certgen_spec s = r->spec;
	struct certgen_ca *c;
	STACK_OF(X509) *hand = sk_X509_new_null();
	char want[512], what[200];

	s.key = keys[r->key];
	c = certgen_ca_make(&s, r->root ? NULL : cas[I_ROOT],
	    r->root ? "certgen Root CA" : "certgen S/MIME CA");
	ck_assert_msg(c != NULL, "%s: certgen: %s", r->what, certgen_error());
	sk_X509_push(hand, certgen_ca_cert(c));
	if (!r->root)
		sk_X509_push(hand, certgen_ca_cert(cas[I_ROOT]));
	lintexpect_codes(certgen_ca_cert(c), hand, r->want, r->root ? "root" : "certificate", "",
	    r->what);
	if (r->leaf != NULL) {
		struct certgen_spec ls = { MV_S, .key = keys[K_ED25519] };
		X509 *x = certgen_make(&ls, c);

		snprintf(want, sizeof(want), "%s%s%s", r->want, *r->want && *r->leaf ? " " : "",
		    r->leaf);
		snprintf(what, sizeof(what), "%s, through a subscriber certificate", r->what);
		lintexpect_codes(x, hand, want, "intermediate 1", r->leaf, what);
		X509_free(x);
	}
	sk_X509_free(hand);
	certgen_ca_free(c);
}
END_TEST

/* --- delegated OCSP responders (4.9.9) --------------------------------------------------- */

#define OCSP_ROW(what, want, ...) { (what), (want), K_P256, I_RSA_CA, { .eku = { "OCSPSigning" }, \
	.subject = { A("CN", "certgen OCSP responder") }, __VA_ARGS__ } }

static const struct leaf_row ocsp_rows[] = {
	OCSP_ROW("id-pkix-ocsp-nocheck (allowed)", "", .ext = { ADD(OID_NOCHECK, "0500") }),
	OCSP_ROW("no id-pkix-ocsp-nocheck", "e_ocsp_nocheck_missing"),
	OCSP_ROW("id-pkix-ocsp-nocheck not NULL", "e_ocsp_nocheck_not_null",
	    .ext = { ADD(OID_NOCHECK, "0101ff") }),
	OCSP_ROW("id-pkix-ocsp-nocheck critical", "w_ocsp_nocheck_critical",
	    .ext = { ADDCRIT(OID_NOCHECK, "0500") }),
};

START_TEST(ocsp)
{
	const struct leaf_row *r = &ocsp_rows[_i];
	struct certgen_spec s = r->spec;
	X509 *x;

	s.key = keys[r->key];
	x = certgen_make(&s, cas[r->issuer]);
	lintexpect_codes(x, at_hand[r->issuer], r->want, "ocsp responder", "", r->what);
	X509_free(x);
}
END_TEST

/* --- certificates compared (7.1.4.1, 7.1.2.2g) --------------------------------------------- */

START_TEST(bag)
{
	/* the same CA name, once with a PrintableString commonName */
	struct certgen_spec utf8 = { .key = keys[K_P256] }, printable = {
		.key = keys[K_P256], .subject = { A("C", "US"), A("O", "certgen"),
		{ "CN", "certgen S/MIME CA", V_ASN1_PRINTABLESTRING } } };
	/* a Cross Certificate for a Root CA made here: its name and key, no extKeyUsage */
	struct certgen_spec root = { .key = keys[K_P384] }, cross = { .key = keys[K_P384],
		.ext = { DEL("extendedKeyUsage") } };
	struct certgen_ca *a = certgen_ca_make(&utf8, cas[I_ROOT], "certgen S/MIME CA");
	struct certgen_ca *b = certgen_ca_make(&printable, cas[I_ROOT], "certgen S/MIME CA");
	struct certgen_ca *r = certgen_ca_make(&root, NULL, "certgen Root CA");
	struct certgen_ca *x = certgen_ca_make(&cross, cas[I_ROOT], "certgen Root CA");
	STACK_OF(X509) *hand = sk_X509_new_null();

	ck_assert_msg(a != NULL && b != NULL && r != NULL && x != NULL, "certgen: %s",
	    certgen_error());
	sk_X509_push(hand, certgen_ca_cert(a));
	sk_X509_push(hand, certgen_ca_cert(cas[I_ROOT]));
	lintexpect_codes(certgen_ca_cert(a), hand, "", "certificate", "", "a CA name alone");
	sk_X509_push(hand, certgen_ca_cert(b));
	lintexpect_codes(certgen_ca_cert(a), hand, "e_ca_subject_not_byte_identical", "certificate", "",
	    "a CA name encoded otherwise in another certificate at hand");
	sk_X509_free(hand);

	hand = sk_X509_new_null();
	sk_X509_push(hand, certgen_ca_cert(x));
	sk_X509_push(hand, certgen_ca_cert(cas[I_ROOT]));
	lintexpect_codes(certgen_ca_cert(x), hand, "e_subca_eku_missing", "certificate", "",
	    "a Cross Certificate without extKeyUsage, its Root CA not at hand");
	sk_X509_push(hand, certgen_ca_cert(r));
	lintexpect_codes(certgen_ca_cert(x), hand, "", "certificate", "",
	    "a Cross Certificate without extKeyUsage, its Root CA at hand");
	sk_X509_free(hand);
	certgen_ca_free(a);
	certgen_ca_free(b);
	certgen_ca_free(r);
	certgen_ca_free(x);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("br_gen");
	TCase *tc = tcase_create("gen");
	SRunner *sr;
	int failed;

	if (setup() < 0) {
		fprintf(stderr, "check_br_gen: %s\n", certgen_error());
		teardown();
		return 1;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, leaf, 0, (int)(sizeof(leaf_rows) / sizeof(leaf_rows[0])));
	tcase_add_loop_test(tc, ca, 0, (int)(sizeof(ca_rows) / sizeof(ca_rows[0])));
	tcase_add_loop_test(tc, ocsp, 0, (int)(sizeof(ocsp_rows) / sizeof(ocsp_rows[0])));
	tcase_add_test(tc, bag);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	teardown();
	return failed == 0 ? 0 : 1;
}
