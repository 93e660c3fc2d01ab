/*
 * NAME
 *	mkcms - write a CMS SignedData for the smimilter test data, by hand
 * SYNOPSIS
 *	mkcms -k KEY -c CERT [-a CERT]... -i CONTENT -o OUT
 *	      [-e] [-n] [-d DIGEST] [-t TIME] [-p CERT] [-P] [-x DEFECT]
 * DESCRIPTION
 *	Signs CONTENT with one signer and writes a ContentInfo holding a
 *	SignedData (RFC 5652), assembled octet by octet in DER so that every
 *	field is ours to choose.  Two reasons for doing it by hand:
 *
 *	- OpenSSL 3.0's CMS code cannot sign with Ed25519 or Ed448
 *	  (CMS_add1_signer: "no default digest"), so RFC 8419 SignerInfos
 *	  have to be built here;
 *	- the tests need SignerInfos that no API will write: a contentType
 *	  attribute that lies, no messageDigest, a digest OID nobody knows,
 *	  NULL parameters where they must be absent, a signature made over
 *	  the [0]-tagged attributes instead of the SET OF.
 *
 *	What is written (RFC 5652 5.1-5.4):
 *	  ContentInfo { id-signedData, [0] SignedData {
 *	    version 1, digestAlgorithms { D },
 *	    encapContentInfo { id-data, [0] OCTET STRING CONTENT (with -e only) },
 *	    [0] certificates (CERT and every -a CERT, DER-sorted; none with -n),
 *	    signerInfos { SignerInfo {
 *	      version 1, issuerAndSerialNumber of CERT, digestAlgorithm D,
 *	      [0] signedAttrs { contentType id-data, signingTime TIME,
 *	                        messageDigest D(CONTENT) },
 *	      signatureAlgorithm S, signature } } } }
 *	The signature covers the signed attributes DER-encoded as a SET OF
 *	(tag 0x31, elements sorted), not the [0] IMPLICIT form that is on
 *	the wire (RFC 5652 5.4).
 *
 *	Key types and their algorithms:
 *	  Ed25519  D = id-sha512 (absent params), S = id-Ed25519 (absent),
 *	           one-shot EVP_DigestSign with NULL md (PureEdDSA, RFC 8419)
 *	  Ed448    D = id-shake256-len with INTEGER 512 (RFC 8419 3.1: SHAKE256,
 *	           512-bit output), S = id-Ed448 (absent); -d sha512 gives the
 *	           SHA-512 variant that signers without SHAKE256 write
 *	  RSA      D = -d (default sha256), S = rsaEncryption with NULL,
 *	           PKCS#1 v1.5 over the attributes with D
 *	  EC       D = -d (default sha256), S = ecdsa-with-SHAn (absent)
 *
 * OPTIONS
 *	-k KEY	signer private key (PEM)
 *	-c CERT	signer certificate (PEM), also put in the certificate bag
 *	-a CERT	one more certificate for the bag (an intermediate); repeatable
 *	-i FILE	the content: the exact bytes that are digested
 *	-o FILE	output
 *	-e	encapsulate the content (opaque signed-data); default detached
 *	-n	no certificates at all in the SignedData
 *	-d ALG	digest: sha1, sha256, sha384, sha512, shake256
 *	-t TIME	signingTime, YYYYMMDDhhmmssZ (default 20261101120000Z);
 *		written as UTCTime (years 1950-2049, RFC 5652 11.3)
 *	-p CERT	add an SMIMEEncryptionKeyPreference attribute (RFC 8551
 *		2.5.3) naming CERT by issuerAndSerialNumber (put CERT in the
 *		bag with -a)
 *	-P	write PEM ("CMS") instead of DER
 *	-x DEFECT  build a deliberately broken SignedData:
 *		ct-mismatch	contentType attribute says id-signedData while
 *				eContentType is id-data (signature valid)
 *		no-message-digest  no messageDigest attribute (signature valid)
 *		unknown-digest	digestAlgorithm is 1.3.6.1.4.1.32473.99.1, an OID
 *				under the RFC 5612 documentation arc; the
 *				messageDigest and (RSA/EC) signature use SHA-256
 *		sigalg-null	signatureAlgorithm carries NULL parameters
 *				(for EdDSA and ECDSA, where they MUST be absent)
 *		signed-implicit-tag  the signature covers the attributes with
 *				the [0] tag 0xA0 instead of the SET OF tag 0x31
 *		bad-signature	last octet of the signature value flipped
 * EXIT STATUS
 *	0 on success, 1 on any error (with the OpenSSL error queue printed),
 *	2 on a usage error.
 * BUILD
 *	cc -Wall -Wextra -o mkcms mkcms.c $(pkg-config --cflags --libs libcrypto)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#define MAXCERTS 8

/* ---- a growing octet buffer and DER TLV writing ---- */

struct der {
	unsigned char *p;
	size_t len, cap;
};

static _Noreturn void
die(const char *what)
{
	fprintf(stderr, "mkcms: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

static void
der_put(struct der *d, const void *src, size_t n)
{
	if (d->len + n > d->cap) {
		size_t cap = d->cap ? d->cap : 256;
		while (cap < d->len + n)
			cap *= 2;
		if ((d->p = realloc(d->p, cap)) == NULL)
			die("out of memory");
		d->cap = cap;
	}
	if (n)
		memcpy(d->p + d->len, src, n);
	d->len += n;
}

static void
der_byte(struct der *d, unsigned char c)
{
	der_put(d, &c, 1);
}

/* Append tag, minimal definite length, and n content octets. */
static void
der_tlv(struct der *d, unsigned char tag, const unsigned char *v, size_t n)
{
	unsigned char l[9];
	size_t k = 0;

	der_byte(d, tag);
	if (n < 0x80) {
		der_byte(d, (unsigned char)n);
	} else {
		for (size_t m = n; m; m >>= 8)
			k++;
		l[0] = (unsigned char)(0x80 | k);
		for (size_t i = 0; i < k; i++)
			l[1 + i] = (unsigned char)(n >> (8 * (k - 1 - i)));
		der_put(d, l, k + 1);
	}
	der_put(d, v, n);
}

/* Append TLV(tag, content) and release content. */
static void
der_wrap(struct der *d, unsigned char tag, struct der *content)
{
	der_tlv(d, tag, content->p, content->len);
	free(content->p);
	memset(content, 0, sizeof(*content));
}

/* Append the DER of an OBJECT IDENTIFIER given in dotted form. */
static void
der_oid(struct der *d, const char *dotted)
{
	ASN1_OBJECT *o = OBJ_txt2obj(dotted, 1);
	unsigned char *buf = NULL;
	int n;

	if (o == NULL || (n = i2d_ASN1_OBJECT(o, &buf)) <= 0)
		die("bad OID");
	der_put(d, buf, (size_t)n);
	OPENSSL_free(buf);
	ASN1_OBJECT_free(o);
}

/* Append the DER that an i2d function made, e.g. a Name or a certificate. */
#define DER_I2D(d, fn, obj) do {					\
	unsigned char *b_ = NULL;					\
	int n_ = fn(obj, &b_);						\
	if (n_ <= 0)							\
		die("encoding " #fn);					\
	der_put((d), b_, (size_t)n_);					\
	OPENSSL_free(b_);						\
} while (0)

enum params { P_ABSENT, P_NULL, P_INT512 };

/* Append AlgorithmIdentifier { oid, parameters }. */
static void
der_algid(struct der *d, const char *oid, enum params params)
{
	static const unsigned char null[] = { 0x05, 0x00 };
	static const unsigned char int512[] = { 0x02, 0x02, 0x02, 0x00 };
	struct der c = { 0 };

	der_oid(&c, oid);
	if (params == P_NULL)
		der_put(&c, null, sizeof(null));
	else if (params == P_INT512)
		der_put(&c, int512, sizeof(int512));
	der_wrap(d, 0x30, &c);
}

/* DER SET OF order: octet-wise, a proper prefix sorts first (X.690 11.6). */
static int
der_cmp(const void *a, const void *b)
{
	const struct der *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);

	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* Append SET (or [0] IMPLICIT SET) OF the n encodings, sorted; keeps them. */
static void
der_set(struct der *d, unsigned char tag, struct der *elems, size_t n)
{
	struct der c = { 0 };

	qsort(elems, n, sizeof(*elems), der_cmp);
	for (size_t i = 0; i < n; i++)
		der_put(&c, elems[i].p, elems[i].len);
	der_wrap(d, tag, &c);
}

/* ---- algorithms ---- */

struct digest {
	const char *name;	/* -d name */
	const char *oid;	/* digestAlgorithm */
	enum params params;
	const char *md;		/* EVP name for hashing */
	size_t xof_len;		/* output length for an XOF, else 0 */
};

static const struct digest digests[] = {
	{ "sha1", "1.3.14.3.2.26", P_ABSENT, "SHA1", 0 },
	{ "sha256", "2.16.840.1.101.3.4.2.1", P_ABSENT, "SHA256", 0 },
	{ "sha384", "2.16.840.1.101.3.4.2.2", P_ABSENT, "SHA384", 0 },
	{ "sha512", "2.16.840.1.101.3.4.2.3", P_ABSENT, "SHA512", 0 },
	/* RFC 8419 2.3/3.1: id-shake256-len, parameter ShakeOutputLen 512 */
	{ "shake256", "2.16.840.1.101.3.4.2.18", P_INT512, "SHAKE256", 64 },
};

static const struct digest unknown_digest =
	{ "unknown", "1.3.6.1.4.1.32473.99.1", P_ABSENT, "SHA256", 0 };

static const struct digest *
digest_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(digests) / sizeof(digests[0]); i++)
		if (strcmp(digests[i].name, name) == 0)
			return &digests[i];
	return NULL;
}

/* Digest of the whole file content with d (XOF: d->xof_len octets). */
static size_t
hash(const struct digest *d, const unsigned char *p, size_t n,
    unsigned char out[EVP_MAX_MD_SIZE])
{
	EVP_MD *md = EVP_MD_fetch(NULL, d->md, NULL);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;
	int ok;

	if (md == NULL || ctx == NULL || !EVP_DigestInit_ex(ctx, md, NULL) ||
	    !EVP_DigestUpdate(ctx, p, n))
		die("digest");
	if (d->xof_len)
		ok = EVP_DigestFinalXOF(ctx, out, d->xof_len);
	else
		ok = EVP_DigestFinal_ex(ctx, out, &len);
	if (!ok)
		die("digest final");
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(md);
	return d->xof_len ? d->xof_len : len;
}

/* ---- input ---- */

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct der d = { 0 };
	unsigned char buf[8192];
	size_t n;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		der_put(&d, buf, n);
	fclose(f);
	*len = d.len;
	return d.p;
}

static X509 *
read_cert(const char *path)
{
	FILE *f = fopen(path, "r");
	X509 *x;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	if ((x = PEM_read_X509(f, NULL, NULL, NULL)) == NULL)
		die(path);
	fclose(f);
	return x;
}

/* signingTime value: UTCTime for 1950-2049 (RFC 5652 11.3), else GeneralizedTime. */
static void
der_time(struct der *d, const char *t)
{
	int year;

	if (strlen(t) != 15 || t[14] != 'Z' || sscanf(t, "%4d", &year) != 1) {
		fprintf(stderr, "mkcms: -t wants YYYYMMDDhhmmssZ\n");
		exit(2);
	}
	if (year >= 1950 && year <= 2049)
		der_tlv(d, 0x17, (const unsigned char *)t + 2, 13);
	else
		der_tlv(d, 0x18, (const unsigned char *)t, 15);
}

static void
usage(void)
{
	fprintf(stderr, "usage: mkcms -k KEY -c CERT [-a CERT]... -i CONTENT -o OUT\n"
	    "             [-e] [-n] [-d DIGEST] [-t YYYYMMDDhhmmssZ] [-P] [-x DEFECT]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *keyfile = NULL, *infile = NULL, *outfile = NULL;
	const char *stime = "20261101120000Z", *dname = NULL, *defect = "", *preffile = NULL;
	const char *certfiles[MAXCERTS];
	size_t ncerts = 0;
	int encap = 0, nocerts = 0, pem = 0, c;

	while ((c = getopt(argc, argv, "k:c:a:i:o:end:t:p:Px:")) != -1) {
		switch (c) {
		case 'k': keyfile = optarg; break;
		case 'c':	/* the signer goes first */
			if (ncerts == MAXCERTS)
				usage();
			memmove(certfiles + 1, certfiles, ncerts * sizeof(*certfiles));
			certfiles[0] = optarg;
			ncerts++;
			break;
		case 'a':
			if (ncerts == MAXCERTS)
				usage();
			certfiles[ncerts++] = optarg;
			break;
		case 'i': infile = optarg; break;
		case 'o': outfile = optarg; break;
		case 'e': encap = 1; break;
		case 'n': nocerts = 1; break;
		case 'd': dname = optarg; break;
		case 't': stime = optarg; break;
		case 'p': preffile = optarg; break;
		case 'P': pem = 1; break;
		case 'x': defect = optarg; break;
		default: usage();
		}
	}
	if (!keyfile || !ncerts || !infile || !outfile || optind != argc)
		usage();
	if (*defect && strcmp(defect, "ct-mismatch") &&
	    strcmp(defect, "no-message-digest") &&
	    strcmp(defect, "unknown-digest") && strcmp(defect, "sigalg-null") &&
	    strcmp(defect, "signed-implicit-tag") && strcmp(defect, "bad-signature")) {
		fprintf(stderr, "mkcms: unknown defect %s\n", defect);
		exit(2);
	}

	/* Inputs. */
	FILE *kf = fopen(keyfile, "r");
	if (kf == NULL) {
		perror(keyfile);
		exit(1);
	}
	EVP_PKEY *key = PEM_read_PrivateKey(kf, NULL, NULL, NULL);
	fclose(kf);
	if (key == NULL)
		die(keyfile);
	X509 *certs[MAXCERTS];
	for (size_t i = 0; i < ncerts; i++)
		certs[i] = read_cert(certfiles[i]);
	X509 *signer = certs[0];
	if (X509_check_private_key(signer, key) != 1)
		die("key does not match the signer certificate");
	size_t clen;
	unsigned char *content = slurp(infile, &clen);

	/* Algorithms by key type; see DESCRIPTION. */
	const struct digest *dg;
	const char *sigoid;
	enum params sigparams = P_ABSENT;
	int eddsa = 0;
	switch (EVP_PKEY_get_base_id(key)) {
	case EVP_PKEY_ED25519:
		eddsa = 1;
		sigoid = "1.3.101.112";
		dg = digest_by_name(dname ? dname : "sha512");
		break;
	case EVP_PKEY_ED448:
		eddsa = 1;
		sigoid = "1.3.101.113";
		dg = digest_by_name(dname ? dname : "shake256");
		break;
	case EVP_PKEY_RSA:
		sigoid = "1.2.840.113549.1.1.1";	/* rsaEncryption, as OpenSSL writes it */
		sigparams = P_NULL;
		dg = digest_by_name(dname ? dname : "sha256");
		break;
	case EVP_PKEY_EC:
		dg = digest_by_name(dname ? dname : "sha256");
		if (dg == NULL || dg->xof_len)
			die("no ECDSA algorithm for that digest");
		sigoid = strcmp(dg->name, "sha1") == 0 ? "1.2.840.10045.4.1" :
		    strcmp(dg->name, "sha256") == 0 ? "1.2.840.10045.4.3.2" :
		    strcmp(dg->name, "sha384") == 0 ? "1.2.840.10045.4.3.3" :
		    "1.2.840.10045.4.3.4";
		break;
	default:
		die("unsupported key type");
	}
	if (dg == NULL)
		die("unknown digest");
	if (!eddsa && dg->xof_len)
		die("SHAKE256 only with Ed448 here");
	if (strcmp(defect, "unknown-digest") == 0)
		dg = &unknown_digest;
	if (strcmp(defect, "sigalg-null") == 0)
		sigparams = P_NULL;

	/* Signed attributes, each an Attribute SEQUENCE { type, SET { value } }. */
	struct der attrs[4] = { { 0 } }, v = { 0 }, a = { 0 };
	size_t nattrs = 0;
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t mdlen = hash(dg, content, clen, md);

	der_oid(&a, "1.2.840.113549.1.9.3");			/* contentType */
	der_oid(&v, strcmp(defect, "ct-mismatch") == 0 ?
	    "1.2.840.113549.1.7.2" : "1.2.840.113549.1.7.1");
	der_wrap(&a, 0x31, &v);
	der_wrap(&attrs[nattrs++], 0x30, &a);

	der_oid(&a, "1.2.840.113549.1.9.5");			/* signingTime */
	der_time(&v, stime);
	der_wrap(&a, 0x31, &v);
	der_wrap(&attrs[nattrs++], 0x30, &a);

	if (strcmp(defect, "no-message-digest") != 0) {
		der_oid(&a, "1.2.840.113549.1.9.4");		/* messageDigest */
		der_tlv(&v, 0x04, md, mdlen);
		der_wrap(&a, 0x31, &v);
		der_wrap(&attrs[nattrs++], 0x30, &a);
	}

	if (preffile != NULL) {		/* [0] IMPLICIT IssuerAndSerialNumber */
		X509 *pc = read_cert(preffile);
		unsigned char *nm = NULL, *sn = NULL;
		int nl = i2d_X509_NAME(X509_get_issuer_name(pc), &nm);
		int sl = i2d_ASN1_INTEGER((ASN1_INTEGER *)X509_get0_serialNumber(pc), &sn);
		struct der ias = { 0 };

		if (nl <= 0 || sl <= 0)
			die("SMIMEEncryptionKeyPreference");
		der_put(&ias, nm, (size_t)nl);
		der_put(&ias, sn, (size_t)sl);
		OPENSSL_free(nm);
		OPENSSL_free(sn);
		X509_free(pc);
		der_oid(&a, "1.2.840.113549.1.9.16.2.11");
		der_wrap(&v, 0xA0, &ias);
		der_wrap(&a, 0x31, &v);
		der_wrap(&attrs[nattrs++], 0x30, &a);
	}

	/* What is signed: the SET OF (0x31) encoding; on the wire the same
	 * content goes under [0] IMPLICIT (0xA0). */
	struct der tbs = { 0 }, wire = { 0 };
	der_set(&tbs, strcmp(defect, "signed-implicit-tag") == 0 ? 0xA0 : 0x31,
	    attrs, nattrs);
	der_set(&wire, 0xA0, attrs, nattrs);

	/* Signature: one-shot; NULL md for PureEdDSA. */
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	size_t siglen = 0;
	if (mctx == NULL || EVP_DigestSignInit_ex(mctx, NULL,
	    eddsa ? NULL : dg->md, NULL, NULL, key, NULL) != 1 ||
	    EVP_DigestSign(mctx, NULL, &siglen, tbs.p, tbs.len) != 1)
		die("signature init");
	unsigned char *sig = OPENSSL_malloc(siglen);
	if (sig == NULL || EVP_DigestSign(mctx, sig, &siglen, tbs.p, tbs.len) != 1)
		die("signing");
	EVP_MD_CTX_free(mctx);
	if (strcmp(defect, "bad-signature") == 0)
		sig[siglen - 1] ^= 0x01;

	/* SignerInfo. */
	struct der si = { 0 }, t = { 0 };
	der_tlv(&si, 0x02, (const unsigned char *)"\x01", 1);	/* version 1 */
	DER_I2D(&t, i2d_X509_NAME, X509_get_issuer_name(signer));
	DER_I2D(&t, i2d_ASN1_INTEGER, X509_get0_serialNumber(signer));
	der_wrap(&si, 0x30, &t);				/* issuerAndSerialNumber */
	der_algid(&si, dg->oid, dg->params);			/* digestAlgorithm */
	der_put(&si, wire.p, wire.len);				/* [0] signedAttrs */
	der_algid(&si, sigoid, sigparams);			/* signatureAlgorithm */
	der_tlv(&si, 0x04, sig, siglen);			/* signature */

	/* SignedData. */
	struct der sd = { 0 }, one = { 0 };
	der_tlv(&sd, 0x02, (const unsigned char *)"\x01", 1);	/* version 1 */
	der_algid(&one, dg->oid, dg->params);
	der_wrap(&sd, 0x31, &one);				/* digestAlgorithms */
	der_oid(&t, "1.2.840.113549.1.7.1");			/* eContentType id-data */
	if (encap) {
		struct der oct = { 0 };
		der_tlv(&oct, 0x04, content, clen);
		der_wrap(&t, 0xA0, &oct);			/* [0] EXPLICIT eContent */
	}
	der_wrap(&sd, 0x30, &t);				/* encapContentInfo */
	if (!nocerts) {
		struct der cd[MAXCERTS] = { { 0 } };
		for (size_t i = 0; i < ncerts; i++)
			DER_I2D(&cd[i], i2d_X509, certs[i]);
		der_set(&sd, 0xA0, cd, ncerts);			/* [0] IMPLICIT certificates */
		for (size_t i = 0; i < ncerts; i++)
			free(cd[i].p);
	}
	der_wrap(&one, 0x30, &si);
	der_wrap(&sd, 0x31, &one);				/* signerInfos */

	/* ContentInfo. */
	struct der ci = { 0 }, body = { 0 };
	der_oid(&body, "1.2.840.113549.1.7.2");			/* id-signedData */
	der_wrap(&t, 0x30, &sd);
	der_wrap(&body, 0xA0, &t);				/* [0] EXPLICIT content */
	der_wrap(&ci, 0x30, &body);

	FILE *out = fopen(outfile, "wb");
	if (out == NULL) {
		perror(outfile);
		exit(1);
	}
	if (pem ? PEM_write(out, "CMS", "", ci.p, (long)ci.len) <= 0 :
	    fwrite(ci.p, 1, ci.len, out) != ci.len)
		die("writing output");
	if (fclose(out) != 0)
		die("closing output");

	for (size_t i = 0; i < nattrs; i++)
		free(attrs[i].p);
	free(tbs.p);
	free(wire.p);
	free(ci.p);
	free(content);
	OPENSSL_free(sig);
	for (size_t i = 0; i < ncerts; i++)
		X509_free(certs[i]);
	EVP_PKEY_free(key);
	return 0;
}
