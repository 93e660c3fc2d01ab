/*
 * NAME
 *	bench-lint - how many certificates the BR linter judges per second
 * SYNOPSIS
 *	bench-lint [-b BATCHES] [-d DIR] [-n MIN] [-v]
 * DESCRIPTION
 *	Builds a corpus in memory, untimed: every certificate of every .pem
 *	file under DIR (default $srcdir/tests/data: the BR test certificates,
 *	the test PKI, the PQC fixtures), each DER once, then certificates made
 *	here until there are at least MIN (default 1,200): each of the 12
 *	reserved policy OIDs (type x generation) crossed with the key types
 *	(RSA-2048 and -3072, P-256, P-384, Ed25519), key usage shapes, one to
 *	three rfc822Names, subject attributes and validity periods, signed by
 *	one RSA-2048 CA key.  Then, on one thread, BATCHES batches (default 7)
 *	of four passes over the whole corpus:
 *
 *	    parse+lint   d2i_X509, br_lint_any (as smimecheck --cert does,
 *	                 without other certificates), free
 *	    lint         br_lint_any on certificates parsed beforehand: what
 *	                 a message pays, its certificates being parsed by
 *	                 d2i_CMS already
 *	    parse        d2i_X509, X509_check_ca (the extension cache every
 *	                 lint fills), free
 *	    spki-decode  d2i_X509_PUBKEY of each SubjectPublicKeyInfo alone
 *
 *	and prints the median and the best batch of each, per certificate:
 *
 *	    parse+lint us_per_cert=152.1 certs_per_s=6575 min_us=149.0
 *
 *	after a line that describes the corpus (how many certificates, CA and
 *	subscriber, and their BR results), so a reader can see it is varied;
 *	-v also lists, on stderr, the finding codes of the made certificates.
 *	bench/README.md holds the figures.
 * EXIT STATUS
 *	0 figures printed; 1 the corpus could not be built; 2 usage.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"

#ifndef BENCH_TOP_SRCDIR
#define BENCH_TOP_SRCDIR "."
#endif
#define MAXBATCH 51

struct der {
	unsigned char *p;
	int n;
};

static struct der *corpus;
static size_t ncorpus, capcorpus;

static void
die(const char *what)
{
	fprintf(stderr, "bench-lint: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

/* Add x's DER to the corpus unless it is there already. */
static void
add(X509 *x)
{
	unsigned char *p = NULL;
	int n = i2d_X509(x, &p);

	if (n <= 0)
		die("i2d_X509");
	for (size_t i = 0; i < ncorpus; i++)
		if (corpus[i].n == n && memcmp(corpus[i].p, p, (size_t)n) == 0) {
			OPENSSL_free(p);
			return;
		}
	if (ncorpus == capcorpus) {
		capcorpus = capcorpus ? 2 * capcorpus : 1024;
		if ((corpus = realloc(corpus, capcorpus * sizeof(*corpus))) == NULL)
			die("no memory");
	}
	corpus[ncorpus].p = p;
	corpus[ncorpus++].n = n;
}

static void
load_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];
	struct stat st;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			load_dir(path);
		} else if (l > 4 && strcmp(de->d_name + l - 4, ".pem") == 0) {
			BIO *b = BIO_new_file(path, "r");
			X509 *x;

			while (b != NULL && (x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL) {
				add(x);
				X509_free(x);
			}
			BIO_free(b);
			ERR_clear_error();	/* keys, and the end of each file */
		}
	}
	closedir(d);
}

static EVP_PKEY *
keygen(const char *alg, const char *param, int bits)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
	EVP_PKEY *k = NULL;

	if (c == NULL || EVP_PKEY_keygen_init(c) <= 0)
		die("keygen");
	if (bits && EVP_PKEY_CTX_set_rsa_keygen_bits(c, bits) <= 0)
		die("rsa bits");
	if (param && EVP_PKEY_CTX_set_group_name(c, param) <= 0)
		die("group");
	if (EVP_PKEY_keygen(c, &k) <= 0)
		die("keygen");
	EVP_PKEY_CTX_free(c);
	return k;
}

static void
ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, NULL, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL || !X509_add_ext(x, e, -1))
		die(value);
	X509_EXTENSION_free(e);
}

/* The variations, picked by the certificate's index in different strides. */
static const char *const ku_rsa[] = {
	"critical,digitalSignature", "critical,digitalSignature,keyEncipherment",
	"critical,keyEncipherment", "critical,digitalSignature,nonRepudiation",
};
static const char *const ku_ec[] = {
	"critical,digitalSignature", "critical,keyAgreement", "critical,digitalSignature,keyAgreement",
};
static const char *const eku[] = {
	"emailProtection", "emailProtection", "emailProtection,clientAuth", "emailProtection,serverAuth",
};
static const int days[] = { 365, 730, 825, 398, 1185 };

static void
make(size_t i, EVP_PKEY *const *keys, size_t nkeys, EVP_PKEY *ca, X509 *cacert)
{
	X509 *x = X509_new();
	X509_NAME *subj = X509_NAME_new(), *iss = X509_NAME_new();
	EVP_PKEY *k = keys[i % nkeys];
	int type = (int)(i % 4) + 1, gen = (int)(i / 4 % 3) + 1, nsan = (int)(i / 7 % 3) + 1;
	char buf[512], mail[64];
	unsigned char sn[16];
	int id = EVP_PKEY_get_base_id(k), ec = id != EVP_PKEY_RSA;

	snprintf(mail, sizeof(mail), "user%zu@example.com", i);
	X509_set_version(x, 2);
	RAND_bytes(sn, sizeof(sn));
	sn[0] = (unsigned char)((sn[0] & 0x7f) | 0x01);	/* positive, no leading zero */
	{
		BIGNUM *bn = BN_bin2bn(sn, (int)(8 + i % 9), NULL);

		BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
		BN_free(bn);
	}
	X509_NAME_add_entry_by_txt(iss, "C", MBSTRING_ASC, (const unsigned char *)"US", -1, -1, 0);
	X509_NAME_add_entry_by_txt(iss, "O", MBSTRING_ASC, (const unsigned char *)"Bench CA", -1, -1, 0);
	X509_NAME_add_entry_by_txt(iss, "CN", MBSTRING_ASC, (const unsigned char *)"Bench S/MIME CA", -1, -1, 0);
	X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_ASC, (const unsigned char *)mail, -1, -1, 0);
	if (type == 2 || type == 3) {	/* organization, sponsor */
		X509_NAME_add_entry_by_txt(subj, "O", MBSTRING_ASC, (const unsigned char *)"Example", -1, -1, 0);
		X509_NAME_add_entry_by_txt(subj, "organizationIdentifier", MBSTRING_ASC,
		    (const unsigned char *)"VATDE-123456789", -1, -1, 0);
		X509_NAME_add_entry_by_txt(subj, "C", MBSTRING_ASC, (const unsigned char *)"DE", -1, -1, 0);
	}
	if (type >= 3) {
		X509_NAME_add_entry_by_txt(subj, "GN", MBSTRING_ASC, (const unsigned char *)"Ada", -1, -1, 0);
		X509_NAME_add_entry_by_txt(subj, "SN", MBSTRING_ASC, (const unsigned char *)"Lovelace", -1, -1, 0);
	}
	if (i % 5 == 0)
		X509_NAME_add_entry_by_txt(subj, "emailAddress", MBSTRING_ASC,
		    (const unsigned char *)mail, -1, -1, 0);
	X509_set_issuer_name(x, iss);
	X509_set_subject_name(x, subj);
	ASN1_TIME_set(X509_getm_notBefore(x), 1767225600);	/* 2026-01-01 */
	ASN1_TIME_set(X509_getm_notAfter(x), 1767225600 + 86400L * days[i / 3 % 5] - 1);
	X509_set_pubkey(x, k);
	ext(x, NID_basic_constraints, i % 6 == 0 ? "critical,CA:FALSE" : "CA:FALSE");
	ext(x, NID_key_usage, id == EVP_PKEY_ED25519 ? "critical,digitalSignature" :
	    ec ? ku_ec[i / 2 % 3] : ku_rsa[i / 2 % 4]);
	ext(x, NID_ext_key_usage, gen == 3 ? "emailProtection" : eku[i / 5 % 4]);
	snprintf(buf, sizeof(buf), "2.23.140.1.5.%d.%d", type, gen);
	{	/* r2i extensions want a config database: build this one directly */
		CERTIFICATEPOLICIES *cp = sk_POLICYINFO_new_null();
		POLICYINFO *pi = POLICYINFO_new();

		if (cp == NULL || pi == NULL || (pi->policyid = OBJ_txt2obj(buf, 1)) == NULL ||
		    !sk_POLICYINFO_push(cp, pi) ||
		    X509_add1_ext_i2d(x, NID_certificate_policies, cp, 0, X509V3_ADD_DEFAULT) != 1)
			die("certificatePolicies");
		CERTIFICATEPOLICIES_free(cp);
	}
	snprintf(buf, sizeof(buf), "email:%s%s%s", mail, nsan > 1 ? ",email:alias@example.com" : "",
	    nsan > 2 ? ",email:third@example.org" : "");
	ext(x, NID_subject_alt_name, buf);
	ext(x, NID_subject_key_identifier, "hash");
	{
		X509V3_CTX ctx;
		X509_EXTENSION *e;

		X509V3_set_ctx(&ctx, cacert, x, NULL, NULL, 0);
		if ((e = X509V3_EXT_conf_nid(NULL, &ctx, NID_authority_key_identifier,
		    "keyid:always")) == NULL || !X509_add_ext(x, e, -1))
			die("authorityKeyIdentifier");
		X509_EXTENSION_free(e);
	}
	ext(x, NID_crl_distribution_points, "URI:http://crl.example.com/ca.crl");
	ext(x, NID_info_access, "caIssuers;URI:http://ca.example.com/ca.cer");
	if (X509_sign(x, ca, EVP_sha256()) <= 0)
		die("X509_sign");
	add(x);
	X509_NAME_free(subj);
	X509_NAME_free(iss);
	X509_free(x);
}

static double
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, double *t, int nb)
{
	qsort(t, (size_t)nb, sizeof(*t), cmp_double);
	printf("%-11s us_per_cert=%.1f certs_per_s=%.0f min_us=%.1f\n", what, t[nb / 2],
	    1e6 / t[nb / 2], t[0]);
}

int
main(int argc, char **argv)
{
	char dir[4096];
	const char *top = getenv("srcdir");
	int nb = 7, c, verbose = 0;
	size_t want = 1200, nfile;
	double tpl[MAXBATCH], tl[MAXBATCH], tp[MAXBATCH], ts[MAXBATCH];
	size_t count[4] = { 0 }, nca = 0;
	X509 **parsed;
	struct der *spki;

	snprintf(dir, sizeof(dir), "%s/tests/data", top && *top ? top : BENCH_TOP_SRCDIR);
	while ((c = getopt(argc, argv, "b:d:n:v")) != -1) {
		switch (c) {
		case 'b': nb = atoi(optarg); break;
		case 'd': snprintf(dir, sizeof(dir), "%s", optarg); break;
		case 'n': want = (size_t)atol(optarg); break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: bench-lint [-b BATCHES] [-d DIR] [-n MIN]\n");
			return 2;
		}
	}
	if (nb < 1 || nb > MAXBATCH || optind != argc) {
		fprintf(stderr, "usage: bench-lint [-b BATCHES 1..%d] [-d DIR] [-n MIN]\n", MAXBATCH);
		return 2;
	}
	load_dir(dir);
	nfile = ncorpus;
	if (ncorpus < want) {
		EVP_PKEY *keys[5], *ca;

		keys[0] = keygen("RSA", NULL, 2048);
		keys[1] = keygen("RSA", NULL, 3072);
		keys[2] = keygen("EC", "P-256", 0);
		keys[3] = keygen("EC", "P-384", 0);
		keys[4] = keygen("ED25519", NULL, 0);
		X509 *cacert = X509_new();
		X509_NAME *n = X509_get_subject_name(cacert);

		ca = keys[0];
		X509_set_version(cacert, 2);
		X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
		    (const unsigned char *)"Bench S/MIME CA", -1, -1, 0);
		X509_set_pubkey(cacert, ca);
		ext(cacert, NID_subject_key_identifier, "hash");
		for (size_t i = 0; ncorpus < want; i++)
			make(i, keys, 5, ca, cacert);
		X509_free(cacert);
		for (int k = 0; k < 5; k++)
			EVP_PKEY_free(keys[k]);
	}
	if (ncorpus == 0)
		die("no certificates");

	/* Parsed copies and SPKIs, and what the corpus holds. */
	if ((parsed = calloc(ncorpus, sizeof(*parsed))) == NULL ||
	    (spki = calloc(ncorpus, sizeof(*spki))) == NULL)
		die("no memory");
	for (size_t i = 0; i < ncorpus; i++) {
		const unsigned char *p = corpus[i].p;
		struct br_verdict v;

		if ((parsed[i] = d2i_X509(NULL, &p, corpus[i].n)) == NULL)
			die("d2i_X509 of the corpus");
		spki[i].p = NULL;
		spki[i].n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(parsed[i]), &spki[i].p);
		nca += X509_check_ca(parsed[i]) != 0;
		if (br_lint_any(parsed[i], NULL, &v) < 0)
			die("br_lint_any");
		count[v.result]++;
		if (verbose && i >= nfile)
			for (size_t f = 0; f < v.nfindings; f++)
				fprintf(stderr, "%s %s\n", v.findings[f].rule->code, v.findings[f].detail);
		br_verdict_clear(&v);
	}
	ERR_clear_error();
	printf("corpus: %zu certificates (%zu from %s, %zu made here), %zu CA, %zu subscriber; "
	    "br pass %zu, warn %zu, fail %zu, none %zu\n", ncorpus, nfile, dir, ncorpus - nfile,
	    nca, ncorpus - nca, count[BR_PASS], count[BR_WARN], count[BR_FAIL], count[BR_NONE]);

	for (int b = 0; b < nb; b++) {
		double t0 = now_us();

		for (size_t i = 0; i < ncorpus; i++) {
			const unsigned char *p = corpus[i].p;
			X509 *x = d2i_X509(NULL, &p, corpus[i].n);
			struct br_verdict v;

			if (x != NULL && br_lint_any(x, NULL, &v) == 0)
				br_verdict_clear(&v);
			X509_free(x);
		}
		tpl[b] = (now_us() - t0) / (double)ncorpus;
		t0 = now_us();
		for (size_t i = 0; i < ncorpus; i++) {
			struct br_verdict v;

			if (br_lint_any(parsed[i], NULL, &v) == 0)
				br_verdict_clear(&v);
		}
		tl[b] = (now_us() - t0) / (double)ncorpus;
		t0 = now_us();
		for (size_t i = 0; i < ncorpus; i++) {
			const unsigned char *p = corpus[i].p;
			X509 *x = d2i_X509(NULL, &p, corpus[i].n);

			if (x != NULL)
				X509_check_ca(x);
			X509_free(x);
		}
		tp[b] = (now_us() - t0) / (double)ncorpus;
		t0 = now_us();
		for (size_t i = 0; i < ncorpus; i++) {
			const unsigned char *p = spki[i].p;

			X509_PUBKEY_free(d2i_X509_PUBKEY(NULL, &p, spki[i].n));
		}
		ts[b] = (now_us() - t0) / (double)ncorpus;
		ERR_clear_error();	/* keys libcrypto 3.0 cannot decode (ML-DSA, ML-KEM) */
	}
	report("parse+lint", tpl, nb);
	report("lint", tl, nb);
	report("parse", tp, nb);
	report("spki-decode", ts, nb);

	for (size_t i = 0; i < ncorpus; i++) {
		X509_free(parsed[i]);
		OPENSSL_free(corpus[i].p);
		OPENSSL_free(spki[i].p);
	}
	free(parsed);
	free(spki);
	free(corpus);
	return 0;
}
