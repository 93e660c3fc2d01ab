/*
 * NAME
 *	smimecheck - run the milter's S/MIME pipeline over files
 * SYNOPSIS
 *	smimecheck [--json] [--trust FILE|DIR] [--at RFC3339] [-c CONFIG] [FILE...]
 *	smimecheck --list-reasons | --list-limits | --list-keys
 * DESCRIPTION
 *	Each FILE (stdin when none, or "-") is fed in 64 KiB chunks through
 *	scan_write(), exactly as the milter feeds what the MTA sends, and the
 *	record is printed (see smimecheck(1)).  The configuration and the
 *	trust anchors are loaded once for all files.
 * EXIT STATUS
 *	0 every input passed (smime=pass); 1 some input did not; 2 usage,
 *	configuration or input error (also when another input did not pass).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf/conf.h"
#include "milter/check_out.h"
#include "milter/rfc3339.h"
#include "policy/decide.h"
#include "smime/reasons.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"

#define CHUNK 65536

enum { OPT_LIST_REASONS = 256, OPT_LIST_LIMITS, OPT_LIST_KEYS };

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
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smimecheck [--json] [--trust FILE|DIR] [--at RFC3339] [-c CONFIG] [FILE...]\n"
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
	struct cms_verify_opts vo;
	struct decide_policy pol;
	int json;
};

/* Check one input; returns the exit status it deserves. */
static int
check_one(const struct run *rn, const char *name, FILE *fp)
{
	static unsigned char buf[CHUNK];
	struct smx_report rep;
	struct scan *sc;
	size_t n;
	int r = 0, status;

	memset(&rep, 0, sizeof(rep));
	if ((sc = scan_new(&rn->vo)) == NULL) {
		fprintf(stderr, "smimecheck: %s: out of memory\n", name);
		return 2;
	}
	while (r == 0 && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		r = scan_write(sc, buf, n);
	if (ferror(fp)) {
		fprintf(stderr, "smimecheck: %s: %s\n", name, strerror(errno));
		scan_free(sc);
		return 2;
	}
	r = scan_finish(sc, &rep);
	scan_free(sc);
	if (r < 0)
		fprintf(stderr, "smimecheck: %s: %s\n", name, smx_strerror(r));
	if (rn->json)
		check_out_json(stdout, name, &rep, decide(&rn->pol, &rep));
	else
		check_out_text(stdout, name, &rep, decide(&rn->pol, &rep));
	status = rep.result == SMX_PASS ? 0 : 1;
	smx_report_clear(&rep);
	return r < 0 ? 2 : status;
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
	const char *trust = NULL, *at = NULL, *cfile = NULL;
	char err[512];
	struct conf *cf = NULL;
	X509_STORE *store = NULL;
	struct run rn;
	int c, status = 0, st;

	memset(&rn, 0, sizeof(rn));
	while ((c = getopt_long(argc, argv, "jt:a:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': rn.json = 1; break;
		case 't': trust = optarg; break;
		case 'a': at = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("smimecheck %s\n", PACKAGE_VERSION); return 0;
		case OPT_LIST_REASONS: list_reasons(); return 0;
		case OPT_LIST_LIMITS: list_limits(); return 0;
		case OPT_LIST_KEYS: list_keys(); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (at != NULL && rfc3339_parse(at, &rn.vo.now) != 0) {
		fprintf(stderr, "smimecheck: --at %s: not an RFC 3339 date-time\n", at);
		return 2;
	}
	if (at == NULL)
		rn.vo.now = time(NULL);
	if ((cf = conf_load(cfile, err, sizeof(err))) == NULL) {
		fprintf(stderr, "smimecheck: %s\n", err);
		return 2;
	}
	if (trust == NULL)
		trust = cf->trust_anchors;
	if (trust != NULL && trust_load(trust, &store, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "smimecheck: trust anchors: %s\n", err);
		conf_unref(cf);
		return 2;
	}
	rn.vo.trust = store;
	rn.vo.skew = cf->signing_time_skew;
	rn.vo.allow_sha1 = cf->allow_sha1;
	rn.vo.allow_md5 = cf->allow_md5;
	rn.vo.require_from_match = cf->require_from_match;
	rn.vo.lim = &cf->limits;
	decide_default(&rn.pol);

	if (optind == argc)
		status = check_path(&rn, "-");
	for (int i = optind; i < argc; i++)
		if ((st = check_path(&rn, argv[i])) > status)
			status = st;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "smimecheck: stdout: %s\n", strerror(errno));
		status = 2;
	}
	X509_STORE_free(store);
	conf_unref(cf);
	return status;
}
