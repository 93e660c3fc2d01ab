/*
 * NAME
 *	cmscheck - check every SignerInfo of a CMS SignedData by hand
 * SYNOPSIS
 *	cmscheck -i CMS.der [-c CONTENT]
 * DESCRIPTION
 *	An independent check of what mkcms (and the openssl CLI) wrote, along
 *	the route our verifier takes for algorithms OpenSSL 3.0's CMS code
 *	cannot handle (Ed25519, Ed448): walk the DER ourselves, take the
 *	signed attributes exactly as they are on the wire, swap their [0]
 *	IMPLICIT tag (0xA0) for the SET OF tag (0x31) and verify the signature
 *	over those octets with a one-shot EVP_DigestVerify (NULL md for
 *	EdDSA).  For each SignerInfo it prints one line:
 *
 *	  signer N: sig=ALG(params) digest=ALG sig(SET OF)=ok|BAD
 *	            sig([0])=ok|bad messageDigest=ok|BAD|missing
 *	            contentType=ok|BAD signingTime=T
 *
 *	"sig([0])" is the wrong way round (signature over the 0xA0 form) and
 *	must say "bad" for a correct SignerInfo.  The content is the
 *	eContent, or CONTENT for a detached signature.  RSASSA-PSS is
 *	reported as "skipped" (openssl cms -verify checks those).
 * EXIT STATUS
 *	0 when every signer has sig(SET OF)=ok, messageDigest=ok,
 *	contentType=ok and signatureAlgorithm parameters as RFC 8419 / RFC 5758
 *	want them; 1 otherwise; 2 on usage or parse errors.
 * BUILD
 *	cc -Wall -Wextra -o cmscheck cmscheck.c $(pkg-config --cflags --libs libcrypto)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

struct tlv {
	unsigned char tag;
	const unsigned char *start;	/* first octet of the tag */
	const unsigned char *val;	/* first content octet */
	size_t len;			/* content length */
	size_t total;			/* tag + length + content */
};

static _Noreturn void
fail(const char *what)
{
	fprintf(stderr, "cmscheck: %s\n", what);
	exit(2);
}

/* Read one DER TLV (definite length, single-octet tag) at *p, advance *p. */
static int
tlv_next(const unsigned char **p, const unsigned char *end, struct tlv *t)
{
	const unsigned char *q = *p;
	size_t len = 0;

	if (end - q < 2)
		return 0;
	t->start = q;
	t->tag = *q++;
	if (*q < 0x80) {
		len = *q++;
	} else {
		int k = *q++ & 0x7f;
		if (k == 0 || k > 4 || end - q < k)
			return 0;	/* indefinite or absurd: not DER */
		while (k--)
			len = (len << 8) | *q++;
	}
	if ((size_t)(end - q) < len)
		return 0;
	t->val = q;
	t->len = len;
	t->total = (size_t)(q - t->start) + len;
	*p = q + len;
	return 1;
}

/* The next TLV, which must carry tag. */
static struct tlv
expect(const unsigned char **p, const unsigned char *end, unsigned char tag,
    const char *what)
{
	struct tlv t;

	if (!tlv_next(p, end, &t) || t.tag != tag)
		fail(what);
	return t;
}

/* Dotted text of the OID TLV t. */
static void
oid_text(const struct tlv *t, char *buf, size_t n)
{
	const unsigned char *q = t->start;
	ASN1_OBJECT *o = d2i_ASN1_OBJECT(NULL, &q, (long)t->total);

	if (o == NULL)
		fail("bad OID");
	OBJ_obj2txt(buf, (int)n, o, 1);
	ASN1_OBJECT_free(o);
}

/* An AlgorithmIdentifier: its OID and a word for its parameters. */
struct algid {
	char oid[80];
	const char *params;	/* "absent", "NULL", "INTEGER 512", "other" */
};

static struct algid
algid(const struct tlv *seq)
{
	const unsigned char *p = seq->val, *end = seq->val + seq->len;
	struct tlv o = expect(&p, end, 0x06, "AlgorithmIdentifier"), prm;
	struct algid a;

	oid_text(&o, a.oid, sizeof(a.oid));
	if (p == end)
		a.params = "absent";
	else if (!tlv_next(&p, end, &prm))
		fail("AlgorithmIdentifier parameters");
	else if (prm.tag == 0x05 && prm.len == 0)
		a.params = "NULL";
	else if (prm.tag == 0x02 && prm.len == 2 && prm.val[0] == 2 && prm.val[1] == 0)
		a.params = "INTEGER 512";
	else
		a.params = "other";
	return a;
}

/* Digest algorithm OID -> EVP name and XOF output length (0 if not an XOF). */
static const char *
digest_name(const struct algid *a, size_t *xof)
{
	static const struct { const char *oid, *md; size_t xof; } t[] = {
		{ "1.2.840.113549.2.5", "MD5", 0 },
		{ "1.3.14.3.2.26", "SHA1", 0 },
		{ "2.16.840.1.101.3.4.2.1", "SHA256", 0 },
		{ "2.16.840.1.101.3.4.2.2", "SHA384", 0 },
		{ "2.16.840.1.101.3.4.2.3", "SHA512", 0 },
		{ "2.16.840.1.101.3.4.2.18", "SHAKE256", 64 },	/* with INTEGER 512 */
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(a->oid, t[i].oid) == 0) {
			if (t[i].xof && strcmp(a->params, "INTEGER 512") != 0)
				return NULL;
			*xof = t[i].xof;
			return t[i].md;
		}
	return NULL;
}

static size_t
hash(const char *name, size_t xof, const unsigned char *p, size_t n,
    unsigned char out[EVP_MAX_MD_SIZE])
{
	EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;

	if (md == NULL || ctx == NULL || !EVP_DigestInit_ex(ctx, md, NULL) ||
	    !EVP_DigestUpdate(ctx, p, n) ||
	    !(xof ? EVP_DigestFinalXOF(ctx, out, xof) : EVP_DigestFinal_ex(ctx, out, &len)))
		fail("digest");
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(md);
	return xof ? xof : len;
}

/* One-shot verify of sig over tbs with the certificate's key. */
static int
verify(X509 *cert, const char *md, const unsigned char *tbs, size_t tbslen,
    const unsigned char *sig, size_t siglen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestVerifyInit_ex(ctx, NULL, md, NULL, NULL,
	    X509_get0_pubkey(cert), NULL) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, tbs, tbslen) == 1;

	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (n == cap && (buf = realloc(buf, cap = cap ? 2 * cap : 65536)) == NULL)
			fail("out of memory");
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

int
main(int argc, char **argv)
{
	const char *in = NULL, *detached = NULL;
	int c;

	while ((c = getopt(argc, argv, "i:c:")) != -1) {
		if (c == 'i')
			in = optarg;
		else if (c == 'c')
			detached = optarg;
		else
			fail("usage: cmscheck -i CMS.der [-c CONTENT]");
	}
	if (in == NULL)
		fail("usage: cmscheck -i CMS.der [-c CONTENT]");

	size_t derlen;
	unsigned char *der = slurp(in, &derlen);
	const unsigned char *p = der, *end = der + derlen;
	char oid[80];

	/* ContentInfo { contentType, [0] EXPLICIT SignedData } */
	struct tlv ci = expect(&p, end, 0x30, "ContentInfo");
	p = ci.val, end = ci.val + ci.len;
	struct tlv t = expect(&p, end, 0x06, "contentType");
	oid_text(&t, oid, sizeof(oid));
	if (strcmp(oid, "1.2.840.113549.1.7.2") != 0) {
		printf("not SignedData: contentType %s\n", oid);
		return 1;
	}
	t = expect(&p, end, 0xA0, "[0] content");
	p = t.val, end = t.val + t.len;
	struct tlv sd = expect(&p, end, 0x30, "SignedData");
	p = sd.val, end = sd.val + sd.len;
	expect(&p, end, 0x02, "version");
	expect(&p, end, 0x31, "digestAlgorithms");

	/* encapContentInfo { eContentType, [0] EXPLICIT OCTET STRING OPTIONAL } */
	struct tlv eci = expect(&p, end, 0x30, "encapContentInfo");
	const unsigned char *q = eci.val, *qend = eci.val + eci.len;
	char ectype[80];
	t = expect(&q, qend, 0x06, "eContentType");
	oid_text(&t, ectype, sizeof(ectype));
	const unsigned char *content = NULL;
	size_t contentlen = 0;
	unsigned char *dbuf = NULL;
	if (q < qend) {
		t = expect(&q, qend, 0xA0, "[0] eContent");
		q = t.val;
		t = expect(&q, t.val + t.len, 0x04, "eContent OCTET STRING");
		content = t.val, contentlen = t.len;
	}
	if (detached) {
		if (content)
			fail("-c given but the content is encapsulated");
		dbuf = slurp(detached, &contentlen);
		content = dbuf;
	}
	if (content == NULL)
		fail("detached signature: give the content with -c");

	/* certificates [0], crls [1], signerInfos SET */
	STACK_OF(X509) *certs = sk_X509_new_null();
	struct tlv s;
	if (!tlv_next(&p, end, &s))
		fail("SignedData truncated");
	if (s.tag == 0xA0) {
		q = s.val, qend = s.val + s.len;
		while (q < qend) {
			const unsigned char *cp = q;
			struct tlv ct = expect(&q, qend, 0x30, "certificate");
			X509 *x = d2i_X509(NULL, &cp, (long)ct.total);
			if (x == NULL)
				fail("certificate does not decode");
			sk_X509_push(certs, x);
		}
		if (!tlv_next(&p, end, &s))
			fail("SignedData truncated");
	}
	if (s.tag == 0xA1 && !tlv_next(&p, end, &s))
		fail("SignedData truncated");
	if (s.tag != 0x31)
		fail("signerInfos");

	int allok = 1, n = 0;
	const unsigned char *sp = s.val, *send = s.val + s.len;
	while (sp < send) {
		struct tlv si = expect(&sp, send, 0x30, "SignerInfo");
		q = si.val, qend = si.val + si.len;
		n++;
		expect(&q, qend, 0x02, "SignerInfo version");

		/* sid: issuerAndSerialNumber -> the certificate */
		struct tlv sid = expect(&q, qend, 0x30, "issuerAndSerialNumber");
		const unsigned char *ip = sid.val;
		X509_NAME *iname = d2i_X509_NAME(NULL, &ip, (long)sid.len);
		ASN1_INTEGER *serial = d2i_ASN1_INTEGER(NULL, &ip,
		    (long)(sid.val + sid.len - ip));
		X509 *cert = NULL;
		for (int i = 0; iname && serial && i < sk_X509_num(certs); i++) {
			X509 *x = sk_X509_value(certs, i);
			if (X509_NAME_cmp(X509_get_issuer_name(x), iname) == 0 &&
			    ASN1_INTEGER_cmp(X509_get0_serialNumber(x), serial) == 0)
				cert = x;
		}
		X509_NAME_free(iname);
		ASN1_INTEGER_free(serial);

		t = expect(&q, qend, 0x30, "digestAlgorithm");
		struct algid dalg = algid(&t);
		struct tlv attrs = expect(&q, qend, 0xA0, "signedAttrs");
		t = expect(&q, qend, 0x30, "signatureAlgorithm");
		struct algid salg = algid(&t);
		struct tlv sig = expect(&q, qend, 0x04, "signature");

		/* signed attributes */
		const char *mdres = "missing", *ctres = "missing";
		char stime[32] = "missing";
		size_t xof = 0;
		const char *dname = digest_name(&dalg, &xof);
		const unsigned char *ap = attrs.val, *aend = attrs.val + attrs.len;
		while (ap < aend) {
			struct tlv at = expect(&ap, aend, 0x30, "Attribute");
			const unsigned char *vp = at.val, *vend = at.val + at.len;
			struct tlv type = expect(&vp, vend, 0x06, "attrType");
			struct tlv set = expect(&vp, vend, 0x31, "attrValues");
			const unsigned char *xp = set.val;
			struct tlv val;
			if (!tlv_next(&xp, set.val + set.len, &val))
				fail("attribute value");
			oid_text(&type, oid, sizeof(oid));
			if (strcmp(oid, "1.2.840.113549.1.9.4") == 0) {
				unsigned char md[EVP_MAX_MD_SIZE];
				size_t mdlen;
				if (dname == NULL) {
					mdres = "unknown-digest";
					continue;
				}
				mdlen = hash(dname, xof, content, contentlen, md);
				mdres = val.tag == 0x04 && val.len == mdlen &&
				    memcmp(val.val, md, mdlen) == 0 ? "ok" : "BAD";
			} else if (strcmp(oid, "1.2.840.113549.1.9.3") == 0) {
				oid_text(&val, oid, sizeof(oid));
				ctres = strcmp(oid, ectype) == 0 ? "ok" : "BAD";
			} else if (strcmp(oid, "1.2.840.113549.1.9.5") == 0 &&
			    val.len < sizeof(stime)) {
				memcpy(stime, val.val, val.len);
				stime[val.len] = '\0';
			}
		}

		/* the signature, over the SET OF form and (wrongly) over [0] */
		const char *alg = OBJ_nid2sn(OBJ_txt2nid(salg.oid));
		const char *vmd = NULL, *want = "absent";
		int eddsa = 0, skip = 0;
		if (strcmp(salg.oid, "1.3.101.112") == 0 || strcmp(salg.oid, "1.3.101.113") == 0)
			eddsa = 1;				/* PureEdDSA: NULL md */
		else if (strncmp(salg.oid, "1.2.840.10045.4.", 16) == 0)
			vmd = dname;				/* ECDSA: params absent */
		else if (strcmp(salg.oid, "1.2.840.113549.1.1.1") == 0)
			vmd = dname, want = "NULL";		/* rsaEncryption */
		else
			skip = 1;				/* RSASSA-PSS and the rest */
		const char *sres = "skipped", *ires = "skipped";
		if (cert == NULL) {
			sres = ires = "no-cert";
		} else if (!skip && !eddsa && dname == NULL) {
			sres = ires = "unknown-digest";
		} else if (!skip) {
			unsigned char *tbs = malloc(attrs.total);
			if (tbs == NULL)
				fail("out of memory");
			memcpy(tbs, attrs.start, attrs.total);	/* as on the wire: 0xA0 */
			ires = verify(cert, vmd, tbs, attrs.total, sig.val, sig.len) ? "ok" : "bad";
			tbs[0] = 0x31;				/* RFC 5652 5.4: SET OF */
			sres = verify(cert, vmd, tbs, attrs.total, sig.val, sig.len) ? "ok" : "BAD";
			free(tbs);
		}
		int paramsok = skip || strcmp(salg.params, want) == 0;
		printf("signer %d: sig=%s(%s) digest=%s(%s) sig(SET OF)=%s sig([0])=%s "
		    "messageDigest=%s contentType=%s signingTime=%s%s\n", n, alg,
		    salg.params, dname ? dname : dalg.oid, dalg.params, sres, ires,
		    mdres, ctres, stime, paramsok ? "" : " PARAMS-WRONG");
		if ((strcmp(sres, "ok") != 0 && !skip) || strcmp(mdres, "ok") != 0 ||
		    strcmp(ctres, "ok") != 0 || !paramsok)
			allok = 0;
	}
	if (n == 0) {
		printf("no SignerInfo\n");
		allok = 0;
	}
	sk_X509_pop_free(certs, X509_free);
	free(der);
	free(dbuf);
	return allok ? 0 : 1;
}
