/*
 * NAME
 *	br_bag - rules that look past the certificate and its issuer: Cross
 *	Certificates, CA names across certificates, delegated OCSP
 *	responders (BR 7.1.2.2g, 7.1.4.1, 4.9.9)
 * DESCRIPTION
 *	These rules read the other certificates at hand (struct br_cert's
 *	chain and bag: the verified chain and the certificates that came
 *	with the message, or smimecheck's others), so what they can see is
 *	what the sender sent; a certificate that is not there gives no
 *	finding.
 *
 *	Cross Certificates (7.1.2.2g): a Subordinate CA certificate without
 *	extKeyUsage is an error unless it is a Cross Certificate, which this
 *	set shows as a self-signed certificate (the Root CA certificate)
 *	with the same subject name and the same public key.  Any other EKU
 *	rule applies to Cross Certificates as to other Subordinate CAs.
 *
 *	CA names (7.1.4.1, second rule): a CA certificate's subject is
 *	byte-for-byte the subject of every other certificate here whose
 *	subject compares equal to it under RFC 5280 7.1 (X509_NAME_cmp(),
 *	which compares the canonical form): a CA re-issued with its name in
 *	another string type, say, or a Cross Certificate that spells the
 *	Root CA's name differently.  (The first rule, issuer against the
 *	issuing CA's subject, is br_7_1.c's e_issuer_dn_mismatch.)
 *
 *	Delegated OCSP responders (4.9.9): a certificate with
 *	id-kp-OCSPSigning that is no CA and asserts no S/MIME policy, which
 *	the runner lints in the role BR_ROLE_OCSP (with the rules for every
 *	certificate: keys, algorithms, encodings), contains
 *	id-pkix-ocsp-nocheck, whose value is NULL and which SHOULD NOT be
 *	critical (RFC 6960 4.2.2.2.1).
 * SEE ALSO
 *	S/MIME BR 1.6.1 (Cross Certificate), 4.9.9, 7.1.2.2g, 7.1.4.1;
 *	RFC 5280 7.1; RFC 6960 4.2.2.2.1.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define NODETAIL (void)d; (void)dl

/* Call fn on every certificate at hand but c->x itself until it returns 1. */
static int
each_other(const struct br_cert *c, int (*fn)(const struct br_cert *c, X509 *y, char *d,
    size_t dl), char *d, size_t dl)
{
	STACK_OF(X509) *sets[2] = { c->chain, c->bag };
	int r = 0;

	for (int s = 0; s < 2 && r == 0; s++)
		for (int i = 0; i < sk_X509_num(sets[s]) && r == 0; i++) {
			X509 *y = sk_X509_value(sets[s], i);

			if (y != c->x && X509_cmp(y, c->x) != 0)
				r = fn(c, y, d, dl);
		}
	return r;
}

/* --- Cross Certificates (7.1.2.2g) ----------------------------------------- */


/* The same SubjectPublicKeyInfo, compared as bytes (any key type). */
static int
same_key(X509 *x, X509 *y)
{
	unsigned char *a = NULL, *b = NULL;
	int al = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &a);
	int bl = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(y), &b);
	int eq = al > 0 && al == bl && memcmp(a, b, (size_t)al) == 0;

	OPENSSL_free(a);
	OPENSSL_free(b);
	return eq;
}

/* y is the Root CA certificate c->x is a Cross Certificate for. */
static int
root_of_cross(const struct br_cert *c, X509 *y, char *d, size_t dl)
{
	NODETAIL;
	return br_self_issued(y) &&
	    X509_NAME_cmp(X509_get_subject_name(y), X509_get_subject_name(c->x)) == 0 &&
	    same_key(y, c->x);
}

static int
eku_missing(const struct br_cert *c, char *d, size_t dl)
{
	if (X509_get_ext_by_NID(c->x, NID_ext_key_usage, -1) >= 0)
		return 0;
	return !each_other(c, root_of_cross, d, dl);
}

/* --- CA names across certificates (7.1.4.1) --------------------------------- */

/* x's serial number in hex (the first 20 octets), into buf. */
static const char *
serial_hex(X509 *x, char *buf, size_t len)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(x);
	const unsigned char *p = ASN1_STRING_get0_data(s);
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < ASN1_STRING_length(s) && i < 20 && o + 3 <= len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%02X", p[i]);
	return buf;
}

static int
subject_differs(const struct br_cert *c, X509 *y, char *d, size_t dl)
{
	const unsigned char *a, *b;
	char hex[48];
	size_t al, bl;
	const X509_NAME *xn = X509_get_subject_name(c->x), *yn = X509_get_subject_name(y);

	if (X509_NAME_cmp(xn, yn) != 0 || !X509_NAME_get0_der(xn, &a, &al) ||
	    !X509_NAME_get0_der(yn, &b, &bl))
		return 0;
	if (al == bl && memcmp(a, b, al) == 0)
		return 0;
	return br_detail(d, dl, "encoded otherwise in the certificate with serial %s",
	    serial_hex(y, hex, sizeof(hex)));
}

static int
subject_not_identical(const struct br_cert *c, char *d, size_t dl)
{
	return each_other(c, subject_differs, d, dl);
}

/* --- delegated OCSP responders (4.9.9) --------------------------------------- */

/* The first id-pkix-ocsp-nocheck extension of x, or NULL. */
static X509_EXTENSION *
nocheck(X509 *x)
{
	int i = X509_get_ext_by_NID(x, NID_id_pkix_OCSP_noCheck, -1);

	return i < 0 ? NULL : X509_get_ext(x, i);
}

static int
nocheck_missing(const struct br_cert *c, char *d, size_t dl)
{
	NODETAIL;
	return nocheck(c->x) == NULL;
}

static int
nocheck_not_null(const struct br_cert *c, char *d, size_t dl)
{
	X509_EXTENSION *e = nocheck(c->x);
	const ASN1_OCTET_STRING *v;

	NODETAIL;
	if (e == NULL)
		return 0;
	v = X509_EXTENSION_get_data(e);
	return ASN1_STRING_length(v) != 2 || memcmp(ASN1_STRING_get0_data(v), "\x05\x00", 2) != 0;
}

static int
nocheck_critical(const struct br_cert *c, char *d, size_t dl)
{
	X509_EXTENSION *e = nocheck(c->x);

	NODETAIL;
	return e != NULL && X509_EXTENSION_get_critical(e);
}

/* --- the table ------------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_subca_eku_missing", BR_SEV_ERROR, "7.1.2.2g",
	  "Subordinate CA certificates other than Cross Certificates SHALL contain extKeyUsage",
	  V100, 0, BR_ROLE_SUBCA, 0, 0, NULL, eku_missing },
	{ "e_ca_subject_not_byte_identical", BR_SEV_ERROR, "7.1.4.1",
	  "a CA's subject SHALL be byte-for-byte the same in every certificate whose subject compares equal",
	  V100, 0, BR_ROLE_CA, 0, 0, NULL, subject_not_identical },
	{ "e_ocsp_nocheck_missing", BR_SEV_ERROR, "4.9.9",
	  "a delegated OCSP responder certificate SHALL contain id-pkix-ocsp-nocheck", V100, 0,
	  BR_ROLE_OCSP, 0, 0, NULL, nocheck_missing },
	{ "e_ocsp_nocheck_not_null", BR_SEV_ERROR, "RFC 6960 4.2.2.2.1",
	  "the value of id-pkix-ocsp-nocheck SHALL be NULL", V100, 0, BR_ROLE_OCSP, 0, 0,
	  NULL, nocheck_not_null },
	{ "w_ocsp_nocheck_critical", BR_SEV_WARN, "RFC 6960 4.2.2.2.1",
	  "id-pkix-ocsp-nocheck SHOULD be a non-critical extension", V100, 0, BR_ROLE_OCSP, 0, 0,
	  NULL, nocheck_critical },
};

const struct br_rule_group br_group_bag = { rules, sizeof(rules) / sizeof(rules[0]) };
