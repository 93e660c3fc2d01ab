/*
 * NAME
 *	smimecheck - run the milter's S/MIME pipeline over files
 * SYNOPSIS
 *	smimecheck [--json] [--trust FILE|DIR] [--at RFC3339] [-c CONFIG] [FILE...]
 *	smimecheck [--json] --cert FILE [FILE...]
 *	smimecheck [--json] --list-rules
 *	smimecheck --list-reasons | --list-limits | --list-keys
 * DESCRIPTION
 *	Each FILE (stdin when none, or "-") is fed in 64 KiB chunks through
 *	scan_write(), exactly as the milter feeds what the MTA sends, and the
 *	record, BR-linted and decided (policy/verdict.c), is printed (see
 *	smimecheck(1)).  The configuration and the trust anchors are loaded
 *	once for all files.  With --cert, each file is a certificate (PEM or
 *	DER; in a PEM file the first certificate is linted and the others
 *	stand in for its issuers) judged against the BR alone.
 * EXIT STATUS
 *	0 every input passed (smime=pass; with --cert: br pass or warn); 1 some
 *	input did not; 2 usage, configuration or input error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "conf/conf.h"
#include "milter/check_out.h"
#include "milter/hdr_ar.h"
#include "milter/msgctx.h"
#include "milter/runtime.h"
#include "smime/chain_cache.h"
#include "smime/cms_certs.h"
#include "smime/mldsa.h"
#include "milter/rfc3339.h"
#include "policy/br_rules.h"
#include "policy/decide.h"
#include "policy/verdict.h"
#include "smime/reasons.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"

#define CHUNK 65536

enum { OPT_LIST_REASONS = 256, OPT_LIST_LIMITS, OPT_LIST_KEYS, OPT_LIST_RULES };

static const struct option longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "trust", required_argument, NULL, 't' },
	{ "at", required_argument, NULL, 'a' },
	{ "config", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "list-reasons", no_argument, NULL, OPT_LIST_REASONS },
	{ "list-limits", no_argument, NULL, OPT_LIST_LIMITS },
	{ "list-keys", no_argument, NULL, OPT_LIST_KEYS },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "cert", required_argument, NULL, 'C' },
	{ "authserv-id", required_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smimecheck [--json] [--trust FILE|DIR] [--at RFC3339] [-c CONFIG]\n"
	    "                  [--authserv-id ID] [FILE...]\n"
	    "       smimecheck [--json] --cert FILE [FILE...]\n"
	    "       smimecheck [--json] --list-rules\n"
	    "       smimecheck --list-reasons | --list-limits | --list-keys\n");
}

static void
list_reasons(void)
{
	for (size_t i = 0; i < reasons_count; i++)
		printf("%-24s %-10s %s\n", reasons_table[i].token,
		    smx_result_name(reasons_table[i].result), reasons_table[i].doc);
}

static void
list_limits(void)
{
	for (size_t i = 0; i < limits_count; i++)
		printf("%-20s %-12zu limit_%-12s %s\n", limits_table[i].key,
		    limits_table[i].def, limits_table[i].token, limits_table[i].doc);
}

static void
list_keys(void)
{
	struct conf_key_info k;

	for (size_t i = 0; i < conf_key_count(); i++) {
		conf_key_describe(i, &k);
		printf("%-20s %-8s default %-10s %s\n", k.name, k.type,
		    *k.def ? k.def : "(none)", k.doc);
	}
}

struct run {
	const char *authserv_id;	/* --authserv-id */
	struct cms_verify_opts vo;	/* the runtime's, with --at */
	struct msgctx_cfg mc;
	int json;
};

/* Check one input; returns the exit status it deserves. */
static int
check_one(const struct run *rn, const char *name, FILE *fp)
{
	static unsigned char buf[CHUNK];
	struct msg_result mr;
	struct msgctx *m;
	size_t n;
	int r = 0, status;

	if ((m = msgctx_new(&rn->mc)) == NULL) {
		fprintf(stderr, "smimecheck: %s: out of memory\n", name);
		return 2;
	}
	while (r == 0 && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		r = msgctx_raw(m, buf, n);
	if (ferror(fp)) {
		fprintf(stderr, "smimecheck: %s: %s\n", name, strerror(errno));
		msgctx_free(m);
		return 2;
	}
	if (r < 0)
		fprintf(stderr, "smimecheck: %s: %s\n", name, smx_strerror(r));
	r = msgctx_eom(m, NULL, 0, &mr);
	msgctx_free(m);
	if (r < 0) {
		fprintf(stderr, "smimecheck: %s: %s\n", name, smx_strerror(r));
		return 2;
	}
	if (rn->json)
		check_out_json(stdout, name, &mr.v);
	else
		check_out_text(stdout, name, &mr);
	status = mr.rep.result == SMX_PASS ? 0 : mr.rep.result == SMX_TEMPERROR ? 2 : 1;
	msgctx_result_clear(&mr);
	return status;
}

/* Push the certificate DER p..p+n holds (parsed for linting, keys left
 * undecoded: br_cert_d2i()); 0 when it is not one. */
static int
push_cert(STACK_OF(X509) *sk, const unsigned char *p, long n)
{
	X509 *x = br_cert_d2i(&p, n);

	if (x == NULL || !sk_X509_push(sk, x)) {
		X509_free(x);
		return 0;
	}
	return 1;
}

/* Certificates of a PEM file (up to the first that does not parse), or
 * the one of a DER file; NULL on error. */
static STACK_OF(X509) *
read_certs(const char *path)
{
	STACK_OF(X509) *sk = sk_X509_new_null();
	BIO *in = BIO_new_file(path, "rb"), *mem = BIO_new(BIO_s_mem()), *pem = NULL;
	unsigned char *der = NULL, buf[16384];
	char *all = NULL;
	long n, total;
	int r;

	if (sk == NULL || in == NULL || mem == NULL)
		goto bad;
	while ((r = BIO_read(in, buf, sizeof(buf))) > 0)
		if (BIO_write(mem, buf, r) != r)
			goto bad;
	/* PEM_bytes_read_bio() consumes what it reads: a reader of its own */
	if ((total = BIO_get_mem_data(mem, &all)) <= 0 ||
	    (pem = BIO_new_mem_buf(all, (int)total)) == NULL)
		goto bad;
	while (PEM_bytes_read_bio(&der, &n, NULL, PEM_STRING_X509, pem, NULL, NULL) == 1) {
		r = push_cert(sk, der, n);
		OPENSSL_free(der);
		der = NULL;
		if (!r)
			break;
	}
	if (sk_X509_num(sk) == 0 && !push_cert(sk, (const unsigned char *)all, total))
		goto bad;
	BIO_free(pem);
	BIO_free(in);
	BIO_free(mem);
	ERR_clear_error();
	return sk;
bad:
	BIO_free(pem);
	BIO_free(in);
	BIO_free(mem);
	sk_X509_pop_free(sk, X509_free);
	ERR_clear_error();
	return NULL;
}

/* --cert: lint one certificate (the others in its file are its issuers). */
static int
check_cert(const struct run *rn, const char *path)
{
	STACK_OF(X509) *sk = read_certs(path);
	struct br_verdict b;
	int r, st;

	if (sk == NULL) {
		fprintf(stderr, "smimecheck: %s: not a PEM or DER certificate\n", path);
		return 2;
	}
	r = br_lint_any(sk_X509_value(sk, 0), sk, &b);
	if (r < 0) {
		fprintf(stderr, "smimecheck: %s: %s\n", path, smx_strerror(r));
		st = 2;
	} else {
		if (rn->json)
			check_out_cert_json(stdout, path, &b);
		else
			check_out_cert_text(stdout, path, &b);
		st = b.result == BR_PASS || b.result == BR_WARN ? 0 : 1;
	}
	br_verdict_clear(&b);
	sk_X509_pop_free(sk, X509_free);
	return st;
}

static int
check_path(const struct run *rn, const char *path)
{
	FILE *fp;
	int st;

	if (strcmp(path, "-") == 0)
		return check_one(rn, "-", stdin);
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "smimecheck: %s: %s\n", path, strerror(errno));
		return 2;
	}
	st = check_one(rn, path, fp);
	fclose(fp);
	return st;
}

int
main(int argc, char **argv)
{
	const char *trust = NULL, *at = NULL, *cfile = NULL, *cert = NULL;
	char err[1024];
	struct runtime *rt;
	X509_STORE *store = NULL;
	struct run rn;
	int c, status = 0, st, list_rules = 0, explicit_id;

	memset(&rn, 0, sizeof(rn));
	while ((c = getopt_long(argc, argv, "jt:a:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': rn.json = 1; break;
		case 't': trust = optarg; break;
		case 'a': at = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V':
			printf("smimecheck %s (%s, ML-DSA by %s)\n", PACKAGE_VERSION,
			    OpenSSL_version(OPENSSL_VERSION), mldsa_backend());
			return 0;
		case OPT_LIST_REASONS: list_reasons(); return 0;
		case OPT_LIST_LIMITS: list_limits(); return 0;
		case OPT_LIST_KEYS: list_keys(); return 0;
		case OPT_LIST_RULES: list_rules = 1; break;
		case 'C': cert = optarg; break;
		case 'A': rn.authserv_id = optarg; break;
		default: usage(stderr); return 2;
		}
	}
	explicit_id = rn.authserv_id != NULL;
	if (list_rules) {
		check_out_rules(stdout, rn.json);
		return 0;
	}
	if (cert != NULL) {
		status = check_cert(&rn, cert);
		for (int i = optind; i < argc; i++)
			if ((st = check_cert(&rn, argv[i])) > status)
				status = st;
		return status;
	}
	if (at != NULL && rfc3339_parse(at, &rn.vo.now) != 0) {
		fprintf(stderr, "smimecheck: --at %s: not an RFC 3339 date-time\n", at);
		return 2;
	}
	if (at == NULL)
		rn.vo.now = time(NULL);
	/* The milter's own runtime: policy, header names, limits, anchors. */
	if ((rt = runtime_load(cfile, err, sizeof(err))) == NULL) {
		fprintf(stderr, "smimecheck: %s\n", err);
		return 2;
	}
	if (trust != NULL) {
		if (trust_load(trust, &store, NULL, err, sizeof(err)) < 0) {
			fprintf(stderr, "smimecheck: trust anchors: %s\n", err);
			runtime_put(rt);
			return 2;
		}
		X509_STORE_free(rt->trust);
		rt->trust = rt->vo.trust = store;
	}
	if (explicit_id)
		snprintf(rt->authserv_id, sizeof(rt->authserv_id), "%s", rn.authserv_id);
	time_t now = rn.vo.now;

	rn.vo = rt->vo;
	rn.vo.now = now;
	rn.mc = rt->mc;
	rn.mc.vo = &rn.vo;

	if (optind == argc)
		status = check_path(&rn, "-");
	for (int i = optind; i < argc; i++)
		if ((st = check_path(&rn, argv[i])) > status)
			status = st;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "smimecheck: stdout: %s\n", strerror(errno));
		status = 2;
	}
	runtime_put(rt);
	chain_cache_clear();	/* its references to the store and chains */
	cms_certs_clear();
	return status;
}
