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
 *	one RSA-2048 CA key, all made by tests/certgen.c (which the unit
 *	tests use too).  Then, on one thread, BATCHES batches (default 7) of
 *	four passes over the whole corpus:
 *
 *	    parse+lint   br_cert_d2i, br_lint_any (as smimecheck --cert does,
 *	                 without other certificates), free
 *	    lint         br_lint_any on certificates parsed beforehand: what
 *	                 a message pays, its certificates being parsed by
 *	                 d2i_CMS already
 *	    parse        br_cert_d2i (the whole certificate, the key left as
 *	                 DER), X509_check_ca (the extension cache every lint
 *	                 fills), free
 *	    parse-key    the same with d2i_X509, which decodes the key into
 *	                 an EVP_PKEY too (what verification needs, and what
 *	                 d2i_CMS does to every certificate of a message)
 *	    spki-decode  d2i_X509_PUBKEY of each SubjectPublicKeyInfo alone
 *
 *	and prints the median and the best batch of each, per certificate:
 *
 *	    parse+lint us_per_cert=152.1 certs_per_s=6575 min_us=149.0
 *
 *	after a line that describes the corpus (how many certificates, CA and
 *	subscriber, and their BR results), so a reader can see it is varied.
 *	Before timing, every certificate is linted both ways (key decoded and
 *	not, tests/lintcmp.c) and must give the same findings: a figure for a
 *	parse that lints differently would mean nothing;
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
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "tests/certgen.h"
#include "tests/lintcmp.h"

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

/* The variations, picked by the certificate's index in different strides. */
static const unsigned ku_rsa[] = { CG_DS, CG_DS | CG_KE, CG_KE, CG_DS | CG_NR };
static const unsigned ku_ec[] = { CG_DS, CG_KA, CG_DS | CG_KA };
static const char *const eku[][2] = {
	{ "emailProtection" }, { "emailProtection" }, { "emailProtection", "clientAuth" },
	{ "emailProtection", "serverAuth" },
};
static const int days[] = { 365, 730, 825, 398, 1185 };

static void
make(size_t i, EVP_PKEY *const *keys, size_t nkeys, const struct certgen_ca *ca)
{
	EVP_PKEY *k = keys[i % nkeys];
	int type = (int)(i % 4) + 1, gen = (int)(i / 4 % 3) + 1, nsan = (int)(i / 7 % 3) + 1;
	int id = EVP_PKEY_get_base_id(k), e = gen == 3 ? 0 : (int)(i / 5 % 4), a = 0;
	char mail[64];
	struct certgen_spec s = {
		.type = type, .gen = gen, .key = k, .bc = 1, .serial_len = (int)(8 + i % 9),
		.ku = id == EVP_PKEY_ED25519 ? CG_DS : id != EVP_PKEY_RSA ? ku_ec[i / 2 % 3] :
		    ku_rsa[i / 2 % 4],
		.eku = { eku[e][0], eku[e][1] },
		.mail = { mail, "alias@example.com", "third@example.org" },
		.not_before = "20260101000000Z", .days = days[i / 3 % 5],
	};
	X509 *x;

	snprintf(mail, sizeof(mail), "user%zu@example.com", i);
	s.mail[nsan] = NULL;
	s.subject[a++] = (struct certgen_attr){ "CN", NULL, 0 };	/* the mailbox */
	if (type == 2 || type == 3) {	/* organization, sponsor */
		s.subject[a++] = (struct certgen_attr){ "O", "Example", 0 };
		s.subject[a++] = (struct certgen_attr){ "organizationIdentifier", "VATDE-123456789",
		    0 };
		s.subject[a++] = (struct certgen_attr){ "C", "DE", 0 };
	}
	if (type >= 3) {
		s.subject[a++] = (struct certgen_attr){ "GN", "Ada", 0 };
		s.subject[a++] = (struct certgen_attr){ "SN", "Lovelace", 0 };
	}
	if (i % 5 == 0)
		s.subject[a++] = (struct certgen_attr){ "emailAddress", NULL, 0 };
	if (i % 6 == 0)
		s.ext[0] = (struct certgen_ext){ "basicConstraints", CG_CRITICAL, NULL, 0 };
	if ((x = certgen_make(&s, ca)) == NULL)
		die(certgen_error());
	add(x);
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
	double tpl[MAXBATCH], tl[MAXBATCH], tp[MAXBATCH], tk[MAXBATCH], ts[MAXBATCH];
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
		static const char *const kinds[] = {
			"RSA-2048", "RSA-3072", "P-256", "P-384", "Ed25519",
		};
		EVP_PKEY *keys[5];
		struct certgen_ca *ca;

		for (int k = 0; k < 5; k++)
			if ((keys[k] = certgen_key(kinds[k])) == NULL)
				die(certgen_error());
		if ((ca = certgen_ca_new(keys[0], NULL, "Bench S/MIME CA")) == NULL)
			die(certgen_error());
		for (size_t i = 0; ncorpus < want; i++)
			make(i, keys, 5, ca);
		certgen_ca_free(ca);
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
		char why[600];

		if ((parsed[i] = d2i_X509(NULL, &p, corpus[i].n)) == NULL)
			die("d2i_X509 of the corpus");
		spki[i].p = NULL;
		spki[i].n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(parsed[i]), &spki[i].p);
		nca += X509_check_ca(parsed[i]) != 0;
		if (br_lint_any(parsed[i], NULL, &v) < 0)
			die("br_lint_any");
		if (lintcmp_keyless(parsed[i], NULL, why, sizeof(why)) != 0) {
			fprintf(stderr, "bench-lint: certificate %zu: %s\n", i, why);
			die("a certificate lints differently with its key left undecoded");
		}
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
			X509 *x = br_cert_d2i(&p, corpus[i].n);
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
			X509 *x = br_cert_d2i(&p, corpus[i].n);

			if (x != NULL)
				X509_check_ca(x);
			X509_free(x);
		}
		tp[b] = (now_us() - t0) / (double)ncorpus;
		t0 = now_us();
		for (size_t i = 0; i < ncorpus; i++) {
			const unsigned char *p = corpus[i].p;
			X509 *x = d2i_X509(NULL, &p, corpus[i].n);

			if (x != NULL)
				X509_check_ca(x);
			X509_free(x);
		}
		tk[b] = (now_us() - t0) / (double)ncorpus;
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
	report("parse-key", tk, nb);
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
