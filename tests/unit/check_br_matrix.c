/*
 * NAME
 *	check_br_matrix - the BR linter against certificates made in C
 * SYNOPSIS
 *	srcdir=TOP ./check_br_matrix
 * DESCRIPTION
 *	Every certificate here is made by tests/certgen.c on libcrypto's
 *	API (no openssl command), signed by a CA of the test PKI
 *	(tests/data/pki: rsa-ca unless a row says otherwise) or by one made
 *	here, and linted by br_lint_any() with its issuer and the Root CA at
 *	hand, as smimecheck --cert does with a chain.  Each test compares the
 *	exact set of error and warning codes (notices are not compared) and
 *	the BR result.
 *
 *	compliance: the 12 profiles (type x generation) crossed with
 *	RSA-2048, RSA-3072, RSA-4096, P-256, P-384 and Ed25519, and P-521 and
 *	Ed448 besides: every cell lints clean.  BR 6.1.5 and 7.1.3.1 allow
 *	each of these keys in every profile (no type or generation narrows
 *	the key types), so there is no cell where a key is refused; what the
 *	key type narrows is keyUsage (7.1.2.3e), and the cells rotate through
 *	the signing, key management and dual use shapes it has.
 *
 *	ku_shapes: for every key type, every keyUsage shape 7.1.2.3e permits
 *	(optional bits included) lints clean, in Strict where Strict permits
 *	it, else in Multipurpose; and the shapes it does not permit (EdDSA
 *	key management or dual use, RSA dataEncipherment in Strict, ...)
 *	give exactly their finding.
 *
 *	mistakes: realistic CA mistakes, each a delta on the compliant
 *	profile, each with exactly the errors and warnings it must give; a
 *	few rows without a mistake (limits, allowed options) guard against
 *	findings where the BR has none.
 *
 *	ca_made_here: a Root CA (P-384) and Subordinate CAs (P-256, Ed25519)
 *	made by certgen lint clean, and so does a certificate of each profile
 *	each Subordinate CA issues.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "policy/br_rules.h"
#include "tests/certgen.h"
#include "tests/certgen_spec.h"
#include "tests/lintexpect.h"

/* --- keys and CAs ---------------------------------------------------------- */

enum family { F_RSA, F_EC, F_EDDSA };

enum keyid {
	K_RSA2048, K_RSA3072, K_RSA4096, K_P256, K_P384, K_ED25519, K_P521, K_ED448,
	K_RSA1024, K_BRAINPOOL, NKEYS
};
#define NCOMPLIANT (K_ED448 + 1)	/* the keys of the compliance matrix */

static const struct {
	const char *name;	/* certgen_key()'s name */
	const char *file;	/* under tests/data/pki/keys; NULL: made here */
	enum family fam;
} keydefs[NKEYS] = {
	[K_RSA2048] = { "RSA-2048", "alice-rsa2048.key", F_RSA },
	[K_RSA3072] = { "RSA-3072", "carol-rsa3072.key", F_RSA },
	[K_RSA4096] = { "RSA-4096", "dave-rsa4096.key", F_RSA },
	[K_P256] = { "P-256", "bob-ec-p256.key", F_EC },
	[K_P384] = { "P-384", "erin-ec-p384.key", F_EC },
	[K_ED25519] = { "Ed25519", "grace-ed25519.key", F_EDDSA },
	[K_P521] = { "P-521", "frank-ec-p521.key", F_EC },
	[K_ED448] = { "Ed448", "heidi-ed448.key", F_EDDSA },
	[K_RSA1024] = { "RSA-1024", NULL, F_RSA },
	[K_BRAINPOOL] = { "brainpoolP256r1", NULL, F_EC },
};

enum issuer { I_RSA_CA, I_ROOT, I_EC_CA, I_SUB2048, NISSUERS };

static EVP_PKEY *keys[NKEYS];
static struct certgen_ca *cas[NISSUERS];
static STACK_OF(X509) *at_hand[NISSUERS];	/* the issuer and the Root CA */

/* Keys, CAs, and what is at hand for each issuer; 0, or -1 with a message. */
static int
setup(void)
{
	char path[1200];
	EVP_PKEY *subkey;

	for (int k = 0; k < NKEYS; k++) {
		keys[k] = keydefs[k].file != NULL ?
		    certgen_key_load(lintexpect_pki(path, sizeof(path), "keys", keydefs[k].file)) :
		    certgen_key(keydefs[k].name);
		if (keys[k] == NULL)
			return -1;
	}
	if ((cas[I_RSA_CA] = lintexpect_ca("rsa-ca")) == NULL ||
	    (cas[I_ROOT] = lintexpect_ca("root-ca")) == NULL || (cas[I_EC_CA] = lintexpect_ca("ec-ca")) == NULL)
		return -1;
	/* a compliant Subordinate CA whose RSA key has 2048 bits (6.1.5, 2027-09-15) */
	lintexpect_pki(path, sizeof(path), "keys", "stranger-rsa2048.key");
	if ((subkey = certgen_key_load(path)) == NULL)
		return -1;
	cas[I_SUB2048] = certgen_ca_new(subkey, cas[I_ROOT], "certgen RSA-2048 S/MIME CA");
	EVP_PKEY_free(subkey);
	if (cas[I_SUB2048] == NULL)
		return -1;
	for (int i = 0; i < NISSUERS; i++) {
		if ((at_hand[i] = sk_X509_new_null()) == NULL)
			return -1;
		sk_X509_push(at_hand[i], certgen_ca_cert(cas[i]));
		if (i != I_ROOT)
			sk_X509_push(at_hand[i], certgen_ca_cert(cas[I_ROOT]));
	}
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

/* Make s (with key k) under issuer, and check its codes. */
static void
check_spec(struct certgen_spec *s, enum keyid k, enum issuer i, const char *want,
    const char *what)
{
	X509 *x;

	s->key = keys[k];
	x = certgen_make(s, cas[i]);
	lintexpect_codes(x, at_hand[i], want, NULL, NULL, what);
	X509_free(x);
}

/* --- keyUsage shapes (7.1.2.3e) ------------------------------------------------ */

struct shape {
	const char *name;
	unsigned ku;
	int strict;		/* Strict permits it too */
};

/* The first three of RSA and EC are the three uses: signing, key management, dual. */
static const struct shape rsa_shapes[] = {
	{ "signing", CG_DS, 1 }, { "key management", CG_KE, 1 },
	{ "dual use", CG_DS | CG_KE, 1 },
	{ "signing + nonRepudiation", CG_DS | CG_NR, 1 },
	{ "dual use + nonRepudiation", CG_DS | CG_NR | CG_KE, 1 },
	{ "key management + dataEncipherment", CG_KE | CG_DE, 0 },
	{ "dual use + dataEncipherment", CG_DS | CG_KE | CG_DE, 0 },
	{ "dual use + nonRepudiation + dataEncipherment", CG_DS | CG_NR | CG_KE | CG_DE, 0 },
}, ec_shapes[] = {
	{ "signing", CG_DS, 1 }, { "key management", CG_KA, 1 },
	{ "dual use", CG_DS | CG_KA, 1 },
	{ "signing + nonRepudiation", CG_DS | CG_NR, 1 },
	{ "key management + encipherOnly", CG_KA | CG_EO, 1 },
	{ "key management + decipherOnly", CG_KA | CG_DO, 1 },
	{ "dual use + nonRepudiation", CG_DS | CG_NR | CG_KA, 1 },
	{ "dual use + encipherOnly", CG_DS | CG_KA | CG_EO, 1 },
	{ "dual use + nonRepudiation + decipherOnly", CG_DS | CG_NR | CG_KA | CG_DO, 1 },
}, eddsa_shapes[] = {	/* 7.1.2.3e: Ed25519 and Ed448 sign only */
	{ "signing", CG_DS, 1 }, { "signing + nonRepudiation", CG_DS | CG_NR, 1 },
};

static const struct {
	const struct shape *s;
	size_t n, uses;		/* uses: how many of the first are the plain uses */
} shapes[] = {
	[F_RSA] = { rsa_shapes, sizeof(rsa_shapes) / sizeof(rsa_shapes[0]), 3 },
	[F_EC] = { ec_shapes, sizeof(ec_shapes) / sizeof(ec_shapes[0]), 3 },
	[F_EDDSA] = { eddsa_shapes, sizeof(eddsa_shapes) / sizeof(eddsa_shapes[0]), 2 },
};

/* Shapes 7.1.2.3e does not permit, and the one finding each gives. */
static const struct {
	enum family fam;
	int gen;
	unsigned ku;
	const char *name, *want;
} refused[] = {
	{ F_RSA, 3, CG_KE | CG_DE, "dataEncipherment in Strict (Multipurpose and Legacy only)",
	  "e_ku_bits_rsa_strict" },
	{ F_RSA, 3, CG_DS | CG_KE | CG_DE, "dual use + dataEncipherment in Strict",
	  "e_ku_bits_rsa_strict" },
	{ F_RSA, 2, CG_KA, "keyAgreement on an RSA key", "e_ku_bits_rsa_mp_legacy" },
	{ F_RSA, 1, CG_NR, "nonRepudiation without digitalSignature", "e_ku_bits_rsa_mp_legacy" },
	{ F_RSA, 2, CG_DE, "dataEncipherment without keyEncipherment", "e_ku_bits_rsa_mp_legacy" },
	{ F_EC, 3, CG_DS | CG_KE, "keyEncipherment on an EC key", "e_ku_bits_ec" },
	{ F_EC, 2, CG_KA | CG_EO | CG_DO, "both encipherOnly and decipherOnly", "e_ku_bits_ec" },
	{ F_EC, 1, CG_DS | CG_EO, "encipherOnly without keyAgreement", "e_ku_bits_ec" },
	{ F_EDDSA, 3, CG_KA, "key management on an EdDSA key (no such use)", "e_ku_bits_eddsa" },
	{ F_EDDSA, 2, CG_DS | CG_KA, "dual use on an EdDSA key (no such use)", "e_ku_bits_eddsa" },
	{ F_EDDSA, 1, CG_DS | CG_KE, "keyEncipherment on an EdDSA key", "e_ku_bits_eddsa" },
};

static void
describe(char *buf, size_t len, int type, int gen, enum keyid k, const char *shape)
{
	snprintf(buf, len, "%s %s, %s, %s", br_type_name((enum br_type)type),
	    br_gen_name((enum br_gen)gen), keydefs[k].name, shape);
}

/* --- compliance ---------------------------------------------------------------- */

/* One loop iteration per profile and key. */
START_TEST(compliance)
{
	int p = _i / NCOMPLIANT, type = p / 3 + 1, gen = p % 3 + 1;
	enum keyid k = (enum keyid)(_i % NCOMPLIANT);
	const struct shape *sh = &shapes[keydefs[k].fam].s[(size_t)(type + gen + (int)k) %
	    shapes[keydefs[k].fam].uses];
	struct certgen_spec s = { .type = type, .gen = gen, .ku = sh->ku };
	char what[160];

	describe(what, sizeof(what), type, gen, k, sh->name);
	check_spec(&s, k, I_RSA_CA, "", what);
}
END_TEST

/* One loop iteration per key: every shape, permitted and not. */
START_TEST(ku_shapes)
{
	enum keyid k = (enum keyid)_i;
	enum family fam = keydefs[k].fam;
	char what[200];

	for (size_t j = 0; j < shapes[fam].n; j++) {
		const struct shape *sh = &shapes[fam].s[j];
		int type = (int)(k + j) % 4 + 1, gen = sh->strict ? 3 : 2;
		struct certgen_spec s = { .type = type, .gen = gen, .ku = sh->ku };

		describe(what, sizeof(what), type, gen, k, sh->name);
		check_spec(&s, k, I_RSA_CA, "", what);
	}
	for (size_t j = 0; j < sizeof(refused) / sizeof(refused[0]); j++) {
		int type = (int)(k + j) % 4 + 1;
		struct certgen_spec s = { .type = type, .gen = refused[j].gen,
			.ku = refused[j].ku };

		if (refused[j].fam != fam)
			continue;
		describe(what, sizeof(what), type, refused[j].gen, k, refused[j].name);
		check_spec(&s, k, I_RSA_CA, refused[j].want, what);
	}
}
END_TEST

/* --- mistakes ---------------------------------------------------------------------- */

/* Shorthands and shared values: tests/certgen_spec.h. */
#define OV_ORGID A("organizationIdentifier", "VATDE-123456789")

/*
 * Extension values in DER (hex), each with what it holds.  cRLDistributionPoints:
 * one DistributionPoint whose fullName holds the URIs.
 */
/* https://crl.example.com/ca.crl */
#define CRLDP_HTTPS "30263024a022a020861e" \
	"68747470733a2f2f63726c2e6578616d706c652e636f6d2f63612e63726c"
/* the ldap URI of LDAP_CRL, then http://crl.example.com/ca.crl */
#define CRLDP_LDAP_HTTP "305e305ca05aa0588637" LDAP_CRL "861d" \
	"687474703a2f2f63726c2e6578616d706c652e636f6d2f63612e63726c"
/* http://crl2.example.com/ca.crl */
#define CRLDP_SECOND "30263024a022a020861e" \
	"687474703a2f2f63726c322e6578616d706c652e636f6d2f63612e63726c"

/* subjectAltName: the rfc822Name alice@example.com, then a dNSName example.com */
#define SAN_ALICE "8111616c696365406578616d706c652e636f6d"
#define SAN_DNS "3020" SAN_ALICE "820b6578616d706c652e636f6d"
/* ... then a URI https://example.com/alice */
#define SAN_URI "302e" SAN_ALICE "8619" \
	"68747470733a2f2f6578616d706c652e636f6d2f616c696365"
/* ... then a Microsoft UPN otherName alice@example.com */
#define SAN_UPN "3036" SAN_ALICE "a021060a2b060104018237140203a0130c11" \
	"616c696365406578616d706c652e636f6d"
/* ... then a directoryName C=DE, CN=alice@example.com */
#define SAN_DIRNAME "3040" SAN_ALICE "a42b3029310b3009060355040613024445311a3018" \
	"06035504030c11616c696365406578616d706c652e636f6d"
/* a SmtpUTF8Mailbox otherName only, MAILBOX_CYR */
#define SAN_SMTPUTF8 "3026a02406082b06010505070809a0180c16" \
	"d0b0d0bbd0b8d181d0b0406578616d706c652e636f6d"
/* a SmtpUTF8Mailbox otherName only, alice@example.com */
#define SAN_SMTPUTF8_ASCII "3021a01f06082b06010505070809a0130c11" \
	"616c696365406578616d706c652e636f6d"

/* certificatePolicies 2.23.140.1.5.1.3, its id-qt-unotice with noticeRef and explicitText */
#define CP_NOTICE_REF "303b3039060767810c01050103302e302c06082b06010505070202" \
	"302030110c0a4578616d706c6520434130030201010c0b5465726d73206170706c79"
/* ... with explicitText only, an IA5String */
#define CP_NOTICE_IA5 "30283026060767810c01050103301b301906082b06010505070202" \
	"300d160b5465726d73206170706c79"

/* authorityInformationAccess: id-ad-ocsp http://ocsp.example.com, nothing else */
#define AIA_OCSP_ONLY "3025302306082b060105050730018617687474703a2f2f6f6373702e65" \
	"78616d706c652e636f6d"

/* the LEI of LEI_OK as text, and with wrong check digits (...13) */
#define LEI_CODE "5493001KJTIIGC8Y1R12"
#define LEI_BAD "1314353439333030314b4a5449494743385931523133"
/* smimeCapabilities: aes256-CBC */
#define SMIME_CAPS "300d300b060960864801650304012a"
/* qcStatements: id-etsi-qcs-QcCompliance */
#define QC_STATEMENTS "300a3008060604008e460101"

/* A row: what, the errors and warnings it gives ("" none), [key, issuer,] the spec. */
#define ROW_BY(what, want, key, issuer, ...) { (what), (want), (key), (issuer), { __VA_ARGS__ } }
#define ROW_KEY(what, want, key, ...) ROW_BY((what), (want), (key), I_RSA_CA, __VA_ARGS__)
#define ROW(what, want, ...) ROW_BY((what), (want), K_RSA2048, I_RSA_CA, __VA_ARGS__)

static const struct mistake {
	const char *what;
	const char *want;	/* blank-separated codes */
	enum keyid key;
	enum issuer issuer;
	struct certgen_spec spec;
} mistakes[] = {
	/* extKeyUsage (7.1.2.3f) */
	ROW("serverAuth beside emailProtection", "e_eku_forbidden", MV_M,
	    .eku = { "emailProtection", "serverAuth" }),
	ROW("clientAuth in a Strict certificate", "e_eku_strict_other", MV_S,
	    .eku = { "emailProtection", "clientAuth" }),
	ROW("clientAuth in a Multipurpose certificate (allowed)", "", MV_M,
	    .eku = { "emailProtection", "clientAuth" }),
	ROW("clientAuth instead of emailProtection", "e_eku_no_email_protection", IV_M,
	    .eku = { "clientAuth" }),
	ROW("documentSigning beside emailProtection in Legacy (allowed)", "", MV_L,
	    .eku = { "emailProtection", "1.3.6.1.5.5.7.3.36" }),
	ROW_KEY("no extKeyUsage", "e_eku_missing", K_P256, MV_S,
	    .ext = { DEL("extendedKeyUsage") }),

	/* subjectAltName and the mailboxes (7.1.2.3h, 7.1.4.2.1) */
	/* two: the SAN is missing, and so the subject's mailbox is in no SAN either */
	ROW("no subjectAltName", "e_san_missing e_san_mailbox_not_mirrored", MV_S,
	    .ext = { DEL("subjectAltName") }),
	ROW("the mailbox only in the subject emailAddress", "e_san_mailbox_not_mirrored", MV_S,
	    .subject = { A("emailAddress", "alice@example.com") },
	    .mail = { "a.smith@example.com" }),
	ROW_KEY("commonName not from the SAN", "e_san_mailbox_not_mirrored", K_P384,
	    MV_S, .subject = { A("CN", "bob@example.com") }),
	ROW("a Personal Name as commonName, Mailbox-validated", "e_subject_cn_content", MV_S,
	    .subject = { A("CN", "Alice Smith") }),
	ROW("critical subjectAltName beside a subject", "w_san_critical", MV_S,
	    .ext = { CRIT("subjectAltName") }),
	ROW_KEY("empty subject, subjectAltName not critical",
	    "e_san_not_critical_empty_subject", K_ED25519,
	    MV_S, .empty_subject = 1, .ext = { NONCRIT("subjectAltName") }),
	ROW_KEY("empty subject, subjectAltName critical (allowed)", "", K_ED25519, MV_S,
	    .empty_subject = 1),
	ROW("a dNSName in the SAN", "e_san_name_type_forbidden", MV_M,
	    .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_DNS) }),
	ROW("a URI in the SAN", "e_san_name_type_forbidden", MV_S,
	    .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_URI) }),
	ROW("a UPN otherName in a Strict SAN", "e_san_other_name_strict", MV_S,
	    .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_UPN) }),
	ROW("a UPN otherName in a Multipurpose SAN (allowed)", "", MV_M,
	    .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_UPN) }),
	/* two: the rfc822Name is no Mailbox Address, so the subject's mailbox is not in the SAN */
	ROW("a display name in the rfc822Name", "e_mailbox_syntax e_san_mailbox_not_mirrored",
	    MV_S, .subject = { A("CN", "alice@example.com") },
	    .mail = { "Alice <alice@example.com>" }),
	ROW("two subject emailAddress attributes", "e_subject_email_not_single", MV_S,
	    .subject = { A("emailAddress", "alice@example.com"),
	    A("emailAddress", "a.smith@example.com") },
	    .mail = { "alice@example.com", "a.smith@example.com" }),
	ROW("the domain in upper case in commonName (allowed)", "", MV_S,
	    .subject = { A("CN", "alice@EXAMPLE.COM") }),
	ROW("the local part in another case in commonName", "e_san_mailbox_not_mirrored", MV_S,
	    .subject = { A("CN", "Alice@example.com") }),
	ROW_KEY("a SmtpUTF8Mailbox for a non-ASCII local part (allowed)", "", K_P256,
	    MV_S, .subject = { A("CN", MAILBOX_CYR) },
	    .ext = { SET("subjectAltName", SAN_SMTPUTF8) }),
	ROW_KEY("a SmtpUTF8Mailbox for an ASCII local part", "e_smtputf8_ascii_local_part", K_P256,
	    MV_S, .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_SMTPUTF8_ASCII) }),
	ROW("a SAN directoryName with countryName, Mailbox-validated",
	    "e_san_dirname_attr_forbidden", MV_S, .subject = { A("CN", "alice@example.com") },
	    .ext = { SET("subjectAltName", SAN_DIRNAME) }),

	/* certificatePolicies (7.1.2.3a, 7.1.6.1) */
	ROW("CPS qualifier with an ldap URL", "e_policies_cps_not_http", MV_S,
	    .cps = "ldap://ldap.example.com/cn=cps"),
	ROW("CPS qualifier with an https URL (allowed)", "", MV_S,
	    .cps = "https://pki.example.com/cps"),
	ROW("two reserved policy OIDs", "e_policies_reserved_not_one", MV_S,
	    .policy = { "2.23.140.1.5.1.2" }),
	ROW("a CA policy OID beside the reserved one (allowed)", "", OV_S,
	    .policy = { "1.3.6.1.4.1.99999.1.1" }),
	ROW("Legacy OID issued after 2025-07-15", "e_policies_legacy_after_2025_07_15", MV_L,
	    .not_before = "20260601000000Z"),
	ROW("Legacy OID issued on 2025-07-15", "e_policies_legacy_after_2025_07_15", SV_L,
	    .not_before = "20250715000000Z"),
	ROW("Legacy OID issued the second before 2025-07-15 (allowed)", "", SV_L,
	    .not_before = "20250714235959Z"),
	ROW("certificatePolicies critical", "w_policies_critical", MV_S,
	    .ext = { CRIT("certificatePolicies") }),
	ROW("userNotice with a noticeRef", "e_policies_unotice_form", MV_S,
	    .ext = { SET("certificatePolicies", CP_NOTICE_REF) }),
	ROW("userNotice explicitText as IA5String", "e_policies_explicit_text_ia5", MV_S,
	    .ext = { SET("certificatePolicies", CP_NOTICE_IA5) }),

	/* validity (6.3.2) */
	ROW("826 days in Strict", "e_validity_over_825_days", MV_S, .days = 826),
	ROW("825 days in Multipurpose (the limit)", "", OV_M, .days = 825),
	ROW("1186 days in Legacy", "e_validity_over_1185_days", MV_L, .days = 1186),
	ROW("1185 days in Legacy (the limit)", "", IV_L, .days = 1185),

	/* keys (6.1.5, 7.1.3.1) and keyUsage (7.1.2.3e) */
	ROW_KEY("RSA-1024 key", "e_rsa_modulus_too_small", K_RSA1024, MV_S),
	/* a curve outside 6.1.5 (P-521 is inside it: it is in the compliance matrix) */
	ROW_KEY("brainpoolP256r1 key", "e_spki_alg_not_allowed", K_BRAINPOOL, MV_S),
	ROW_KEY("keyEncipherment on an EC key", "e_ku_bits_ec", K_P256, MV_S,
	    .ku = CG_KE),
	ROW_KEY("keyAgreement on an RSA key", "e_ku_bits_rsa_strict", K_RSA3072, MV_S,
	    .ku = CG_DS | CG_KA),
	ROW("decipherOnly on an RSA key", "e_ku_bits_rsa_mp_legacy", MV_M, .ku = CG_KE | CG_DO),
	ROW("keyUsage not critical", "w_ku_not_critical", MV_S, .ext = { NONCRIT("keyUsage") }),
	ROW("no keyUsage", "e_ku_missing", MV_S, .ext = { DEL("keyUsage") }),

	/* basicConstraints (7.1.2.3d) */
	/* keyUsage without keyCertSign keeps it a subscriber certificate for br_lint_any() */
	ROW("basicConstraints cA TRUE on a leaf", "e_bc_ca_true", MV_S,
	    .ext = { ADD("basicConstraints", "30030101ff") }),
	ROW("pathLenConstraint on a leaf", "e_bc_pathlen", MV_S,
	    .ext = { ADD("basicConstraints", "3003020100") }),
	ROW("basicConstraints cA FALSE, critical (allowed)", "", MV_S, .bc = 1,
	    .ext = { CRIT("basicConstraints") }),

	/* key identifiers (7.1.2.3g, n) */
	ROW("authorityKeyIdentifier with issuer and serial", "e_aki_issuer_serial", MV_S,
	    .aki_issuer_serial = 1),
	ROW("no authorityKeyIdentifier", "e_aki_missing", MV_S,
	    .ext = { DEL("authorityKeyIdentifier") }),
	ROW("authorityKeyIdentifier critical", "e_aki_critical", MV_S,
	    .ext = { CRIT("authorityKeyIdentifier") }),
	ROW("no subjectKeyIdentifier", "w_ski_missing", MV_S,
	    .ext = { DEL("subjectKeyIdentifier") }),
	ROW("subjectKeyIdentifier critical", "e_ski_critical", MV_S,
	    .ext = { CRIT("subjectKeyIdentifier") }),

	/* cRLDistributionPoints and authorityInformationAccess (7.1.2.3b, c) */
	ROW("no cRLDistributionPoints", "e_crldp_missing", MV_S,
	    .ext = { DEL("crlDistributionPoints") }),
	ROW("CRL over https in Strict", "e_crldp_not_http_only", MV_S,
	    .ext = { SET("crlDistributionPoints", CRLDP_HTTPS) }),
	ROW("CRL over ldap only in Legacy", "e_crldp_legacy_no_http", MV_L,
	    .ext = { SET("crlDistributionPoints", CRLDP_LDAP) }),
	ROW("CRL over ldap and http in Legacy (allowed)", "", MV_L,
	    .ext = { SET("crlDistributionPoints", CRLDP_LDAP_HTTP) }),
	ROW("CRL over ldap and http in Multipurpose", "e_crldp_not_http_only", MV_M,
	    .ext = { SET("crlDistributionPoints", CRLDP_LDAP_HTTP) }),
	ROW("cRLDistributionPoints critical", "w_crldp_critical", MV_S,
	    .ext = { CRIT("crlDistributionPoints") }),
	ROW("OCSP URI over https in Strict", "e_aia_ocsp_not_http_only", MV_S,
	    .ocsp = "https://ocsp.example.com"),
	ROW("OCSP URI over http (allowed)", "", SV_S, .ocsp = "http://ocsp.example.com"),
	ROW("caIssuers over ldap only in Strict", "e_aia_ca_issuers_not_http_only", MV_S,
	    .ext = { SET("authorityInfoAccess", AIA_LDAP) }),
	/*
	 * two: 7.1.2.3c forbids the flag, and RFC 5280 4.2 does not ask relying
	 * parties to recognize AIA, so one that does not (libcrypto's verifier)
	 * rejects the certificate; so for smimeCapabilities and qcStatements below
	 */
	ROW("authorityInformationAccess critical", "e_aia_critical w_ext_unknown_critical", MV_S,
	    .ext = { CRIT("authorityInfoAccess") }),
	ROW("no authorityInformationAccess", "w_aia_missing", MV_S,
	    .ext = { DEL("authorityInfoAccess") }),
	ROW("OCSP but no caIssuers", "w_aia_no_ca_issuers", MV_S,
	    .ext = { SET("authorityInfoAccess", AIA_OCSP_ONLY) }),

	/* RFC 5280 as 7.1.2.4 asks for it */
	ROW("keyUsage DER truncated", "e_ext_undecodable", MV_S,
	    .ext = { SET("keyUsage", "030207") }),
	ROW("extKeyUsage DER with bytes after it", "e_ext_undecodable", MV_S,
	    .ext = { SET("extendedKeyUsage", "300a06082b060105050703040000") }),
	ROW("cRLDistributionPoints twice", "e_ext_duplicate", MV_S,
	    .ext = { ADD("crlDistributionPoints", CRLDP_SECOND) }),
	ROW("serial of 21 octets", "e_serial_too_long", MV_S, .serial_len = 21),
	ROW("serial of 7 octets (a notice only)", "", MV_S, .serial_len = 7),
	ROW("a private extension", "w_ext_not_specified", MV_S,
	    .ext = { ADD(OID_PRIVATE, PRIVATE_VALUE) }),
	/* two: not specified by 7.1.2.3 (7.1.2.4), and critical though unknown (RFC 5280 4.2) */
	ROW("a private extension marked critical", "w_ext_not_specified w_ext_unknown_critical",
	    MV_S, .ext = { ADDCRIT(OID_PRIVATE, PRIVATE_VALUE) }),

	/* the optional extensions (7.1.2.3i-m) */
	ROW("smimeCapabilities critical", "e_smime_caps_critical w_ext_unknown_critical", MV_S,
	    .ext = { ADDCRIT("SMIME-CAPS", SMIME_CAPS) }),
	ROW("smimeCapabilities (allowed)", "", MV_S, .ext = { ADD("SMIME-CAPS", SMIME_CAPS) }),
	ROW("qcStatements critical", "e_qc_statements_critical w_ext_unknown_critical", IV_S,
	    .ext = { ADDCRIT("qcStatements", QC_STATEMENTS) }),
	ROW("subjectDirectoryAttributes in Strict", "e_sda_prohibited", IV_S,
	    .ext = { ADD("subjectDirectoryAttributes", SDA_VALUE) }),
	ROW("an LEI in a Mailbox-validated certificate", "e_lei_prohibited", MV_S,
	    .ext = { ADD(OID_LEI, LEI_OK) }),
	ROW("an LEI in an Organization-validated certificate (allowed)", "", OV_S,
	    .ext = { ADD(OID_LEI, LEI_OK) }),
	ROW("an LEI with wrong check digits", "e_lei_value_invalid", OV_S,
	    .ext = { ADD(OID_LEI, LEI_BAD) }),
	ROW("an LEI role in an Organization-validated certificate", "e_lei_role_prohibited", OV_S,
	    .ext = { ADD(OID_LEI_ROLE, LEI_ROLE) }),
	ROW("an LEI role in a Sponsor-validated certificate (allowed)", "", SV_S,
	    .ext = { ADD(OID_LEI_ROLE, LEI_ROLE) }),
	ROW("subjectDirectoryAttributes in Legacy (allowed)", "", MV_L,
	    .ext = { ADD("subjectDirectoryAttributes", SDA_VALUE) }),
	ROW("the Adobe Time-stamp extension in Strict", "e_adobe_prohibited", MV_S,
	    .ext = { ADD(OID_ADOBE_TS, ADOBE_TS) }),

	/* the subject (7.1.4.2) */
	ROW("organizationIdentifier without scheme", "e_orgid_syntax", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "DE123456789"),
	    A("CN", "Example GmbH") }),
	ROW("no organizationIdentifier", "e_subject_attr_missing", OV_S,
	    .subject = { OV_C_DE, OV_O, A("CN", "Example GmbH") }),
	ROW("an LEI registration without the country XG", "e_orgid_xg_required", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "LEIDE-" LEI_CODE) }),
	ROW("an LEI registration with XG (allowed)", "", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "LEIXG-" LEI_CODE) }),
	ROW("a German trade register number that is no EUID", "w_orgid_ntr_de_not_euid", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "NTRDE-HRB12345") }),
	ROW("a German trade register number as an EUID (allowed)", "", OV_S,
	    .subject = { OV_C_DE, OV_O, A("organizationIdentifier", "NTRDE-DER3306.HRB12345") }),
	ROW("a Greek VAT number with the prefix EL (allowed)", "", OV_S,
	    .subject = { A("C", "GR"), OV_O, A("organizationIdentifier", "VATEL-123456789") }),
	/* two: UK is no ISO 3166-1 code, and it is not the GB the registration names (Note 1) */
	ROW("country code UK", "e_subject_country_code e_orgid_country_mismatch", OV_S,
	    .subject = { A("C", "UK"), A("O", "Example Ltd"),
	    A("organizationIdentifier", "NTRGB-12345678"), A("CN", "Example Ltd") }),
	ROW("country code UK without an organizationIdentifier", "e_subject_country_code", IV_S,
	    .subject = { A("C", "UK"), A("GN", "Alice"), A("SN", "Smith") }),
	ROW("countryName in a Mailbox-validated subject", "e_subject_attr_forbidden", MV_S,
	    .subject = { A("C", "DE"), A("CN", "alice@example.com") }),
	ROW("streetAddress in Strict", "e_subject_attr_forbidden", OV_S,
	    .subject = { OV_C_DE, A("L", "Berlin"), A("street", "Unter den Linden 1"), OV_O,
	    OV_ORGID }),
	ROW("streetAddress without localityName", "e_subject_street_without_locality", OV_M,
	    .subject = { OV_C_DE, A("street", "Unter den Linden 1"), OV_O, OV_ORGID }),
	ROW("localityName without countryName", "e_subject_address_without_country", IV_M,
	    .subject = { A("L", "Berlin"), A("GN", "Alice"), A("SN", "Smith") }),
	ROW("organizationName but not in commonName", "e_subject_cn_content", OV_S,
	    .subject = { OV_C_DE, OV_O, OV_ORGID, A("CN", "Example Sales") }),
	ROW("organizationalUnitName '-'", "e_subject_placeholder", OV_S,
	    .subject = { OV_C_DE, OV_O, OV_ORGID, A("OU", "-") }),
	ROW("Sponsor-validated without a name of the Individual", "e_subject_person_name_missing",
	    SV_S, .subject = { OV_C_DE, OV_O, OV_ORGID, A("CN", "alice@example.com") }),
	ROW("pseudonym beside givenName and surname", "e_subject_pseudonym_with_name", IV_S,
	    .subject = { A("GN", "Alice"), A("SN", "Smith"), A("pseudonym", "Agent 7"),
	    A("CN", "alice@example.com") }),
	ROW("a pseudonym and no name (allowed)", "", IV_S,
	    .subject = { A("pseudonym", "Agent 7"), A("CN", "Agent 7") }),
	ROW("only a Personal Name in commonName, Legacy (allowed)", "", IV_L,
	    .subject = { A("CN", "Alice Smith") }),
	ROW("givenName without surname (a notice only)", "", IV_S,
	    .subject = { A("GN", "Alice"), A("CN", "Alice") }),
	ROW_KEY("only emailAddress in a Mailbox-validated subject (allowed)", "", K_ED25519,
	    MV_S, .subject = { A("emailAddress", "alice@example.com") }),
	ROW("businessCategory in a Legacy subject (allowed)", "", OV_L,
	    .subject = { OV_C_DE, OV_O, OV_ORGID, A("businessCategory", "Private Organization") }),
	ROW("businessCategory in a Multipurpose subject", "e_subject_attr_forbidden", OV_M,
	    .subject = { OV_C_DE, OV_O, OV_ORGID, A("businessCategory", "Private Organization") }),
	ROW("postal address in Multipurpose (allowed)", "", OV_M,
	    .subject = { OV_C_DE, A("L", "Berlin"), A("postalCode", "10117"),
	    A("street", "Unter den Linden 1"), OV_O, OV_ORGID }),
	ROW("countryName as a UTF8String", "e_subject_attr_encoding", IV_S,
	    .subject = { { "C", "DE", V_ASN1_UTF8STRING }, A("GN", "Alice"), A("SN", "Smith") }),
	ROW("organizationName of 66 characters", "e_subject_attr_length", OV_S,
	    .subject = { OV_C_DE, { "O", "Example Research and Development Laboratories "
	    "for Secure Messaging", V_ASN1_UTF8STRING }, OV_ORGID }),

	/* the signature and the issuer (7.1.3.2, 6.1.5, 6.1.7) */
	ROW("SHA-1 signature", "e_sig_sha1", MV_S, .md = "SHA1"),
	ROW("RSA signature with SHA-512 (allowed)", "", MV_S, .md = "SHA512"),
	ROW("RSASSA-PSS with SHA-256 (allowed)", "", MV_S, .pss = 1),
	ROW_KEY("RSASSA-PSS with SHA-384 (allowed)", "", K_P384, OV_M, .pss = 1,
	    .md = "SHA384"),
	ROW("RSASSA-PSS with a salt of 20 octets", "e_sig_alg_not_allowed", MV_S, .pss = 1,
	    .pss_salt = 20),
	ROW_BY("P-384 CA signing with SHA-256", "e_sig_alg_issuer_mismatch", K_P256, I_EC_CA,
	    MV_S, .md = "SHA256"),
	ROW_BY("P-384 CA signing with SHA-384 (allowed)", "", K_ED25519, I_EC_CA, IV_S),
	ROW_BY("issued by the Root CA", "e_subscriber_issued_by_root", K_RSA2048, I_ROOT, MV_S),
	ROW_BY("issued from 2027-09-15 by a CA with an RSA-2048 key",
	    "e_issuer_rsa_under_3072_from_2027_09_15", K_P256, I_SUB2048,
	    MV_S, .not_before = "20271001000000Z"),
	ROW_BY("issued before 2027-09-15 by a CA with an RSA-2048 key (allowed)", "", K_P256,
	    I_SUB2048, MV_S, .not_before = "20270901000000Z"),
};

/* One loop iteration per row. */
START_TEST(mistake)
{
	const struct mistake *m = &mistakes[_i];
	struct certgen_spec s = m->spec;

	check_spec(&s, m->key, m->issuer, m->want, m->what);
}
END_TEST

/* --- a CA made here ------------------------------------------------------------------- */

START_TEST(ca_made_here)
{
	static const char *const subkeys[] = { "P-256", "Ed25519" };
	EVP_PKEY *rk = certgen_key("P-384");
	struct certgen_ca *root = certgen_ca_new(rk, NULL, "certgen Root CA");
	char what[160];

	ck_assert_msg(root != NULL, "certgen: %s", certgen_error());
	for (size_t c = 0; c < sizeof(subkeys) / sizeof(subkeys[0]); c++) {
		EVP_PKEY *ik = certgen_key(subkeys[c]);
		struct certgen_ca *sub = certgen_ca_new(ik, root, "certgen S/MIME CA");
		STACK_OF(X509) *hand = sk_X509_new_null();

		ck_assert_msg(sub != NULL, "certgen: %s", certgen_error());
		sk_X509_push(hand, certgen_ca_cert(sub));
		sk_X509_push(hand, certgen_ca_cert(root));
		lintexpect_codes(certgen_ca_cert(root), hand, "", NULL, NULL,
		    "the Root CA made here");
		lintexpect_codes(certgen_ca_cert(sub), hand, "", NULL, NULL, subkeys[c]);
		for (int p = 0; p < 12; p++) {
			enum keyid k = (enum keyid)((p + (int)c) % NCOMPLIANT);
			struct certgen_spec s = { .type = p / 3 + 1, .gen = p % 3 + 1,
				.key = keys[k] };
			X509 *x = certgen_make(&s, sub);

			describe(what, sizeof(what), s.type, s.gen, k, subkeys[c]);
			lintexpect_codes(x, hand, "", NULL, NULL, what);
			X509_free(x);
		}
		sk_X509_free(hand);
		certgen_ca_free(sub);
		EVP_PKEY_free(ik);
	}
	certgen_ca_free(root);
	EVP_PKEY_free(rk);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("br_matrix");
	TCase *tc = tcase_create("matrix");
	SRunner *sr;
	int failed;

	if (setup() < 0) {
		fprintf(stderr, "check_br_matrix: %s\n", certgen_error());
		teardown();
		return 1;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, compliance, 0, 12 * NCOMPLIANT);
	tcase_add_loop_test(tc, ku_shapes, 0, NCOMPLIANT);
	tcase_add_loop_test(tc, mistake, 0, (int)(sizeof(mistakes) / sizeof(mistakes[0])));
	tcase_add_test(tc, ca_made_here);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	teardown();
	return failed == 0 ? 0 : 1;
}
