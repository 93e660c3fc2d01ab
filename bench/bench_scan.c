/*
 * NAME
 *	bench_scan - where the time of one message goes, inside the process
 * SYNOPSIS
 *	bench_scan [-n REPS] [-t TRUST] [-a EPOCH] FILE
 * DESCRIPTION
 *	Reads FILE into memory once (timed: "read"), then times each stage
 *	REPS times (default 5) and prints the best, in seconds and MB/s of
 *	the file size (MB = 10^6 bytes):
 *
 *	sha256	one SHA-256 over the whole file (digest_once(), the libcrypto
 *		digest the scanner uses): the floor for any verifier
 *	parse	mime_stream over the file in 64 KiB chunks with a raw()
 *		callback that only counts: MIME parsing alone
 *	scan	scan_write() in 64 KiB chunks and scan_finish(): the whole
 *		S/MIME pipeline (parse, digest, CMS and chain verification)
 *		without file I/O, policy and output
 *
 *	so scan - parse - sha256 is roughly the scanner's own bookkeeping
 *	plus the CMS verification.  The scan line also gives the result of
 *	the message, which should be "pass" for a benchmark input.  -t loads
 *	trust anchors (a PEM file or a directory, smime/trust.h) and -a sets
 *	the verification time in seconds since the epoch (default: 2026-12-01
 *	00:00:00 UTC, the time of the test data).  Run by bench/run.
 * OWNERSHIP
 *	Everything is freed before exit; the file buffer lives for the run.
 * EXIT STATUS
 *	0 the stages ran (whatever the result of the message); 2 usage, I/O
 *	or library error.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "smime/digest.h"
#include "smime/limits.h"
#include "smime/mime_stream.h"
#include "smime/report.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"

#define CHUNK 65536
#define DEFAULT_AT 1796083200	/* 2026-12-01T00:00:00Z */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file, malloc()ed; NULL on error (errno set). */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *p = NULL, *np;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((np = realloc(p, cap)) == NULL)
				goto bad;
			p = np;
		}
		if ((got = fread(p + n, 1, cap - n, fp)) == 0)
			break;
		n += got;
	}
	if (ferror(fp))
		goto bad;
	fclose(fp);
	*len = n;
	return p;
bad:
	free(p);
	fclose(fp);
	return NULL;
}

static int
count_raw(void *arg, size_t depth, const unsigned char *p, size_t n)
{
	(void)depth;
	(void)p;
	*(size_t *)arg += n;
	return 0;
}

static int
stage_sha256(const unsigned char *buf, size_t len)
{
	unsigned char md[DG_MAX_LEN];
	size_t mdlen;

	return digest_once(DG_SHA256, buf, len, md, &mdlen);
}

static int
stage_parse(const unsigned char *buf, size_t len, const struct smx_limits *lim)
{
	struct mime_callbacks cb;
	struct mime_stream *ms;
	size_t raw = 0, off, n;
	int r = 0;

	memset(&cb, 0, sizeof(cb));
	cb.arg = &raw;
	cb.raw = count_raw;
	if ((ms = mime_stream_new(lim, &cb, NULL)) == NULL)
		return SMX_ERR_NOMEM;
	for (off = 0; r == 0 && off < len; off += n) {
		n = len - off < CHUNK ? len - off : CHUNK;
		r = mime_stream_write(ms, buf + off, n);
	}
	if (r == 0)
		r = mime_stream_finish(ms);
	mime_stream_free(ms);
	return r;
}

static int
stage_scan(const unsigned char *buf, size_t len, const struct cms_verify_opts *o,
    enum smx_result *result, const char **reason)
{
	struct smx_report rep;
	struct scan *sc;
	size_t off, n;
	int r = 0;

	memset(&rep, 0, sizeof(rep));
	if ((sc = scan_new(o)) == NULL)
		return SMX_ERR_NOMEM;
	for (off = 0; r == 0 && off < len; off += n) {
		n = len - off < CHUNK ? len - off : CHUNK;
		r = scan_write(sc, buf + off, n);
	}
	if (r == 0)
		r = scan_finish(sc, &rep);
	scan_free(sc);
	*result = rep.result;
	*reason = rep.reason;	/* a static token */
	smx_report_clear(&rep);
	return r;
}

static void
report(const char *name, double s, size_t len)
{
	printf("%-8s %10.4f s %10.1f MB/s\n", name, s, s > 0 ? (double)len / 1e6 / s : 0.0);
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: bench_scan [-n REPS] [-t TRUST] [-a EPOCH] FILE\n");
}

int
main(int argc, char **argv)
{
	const char *trust = NULL, *path;
	struct cms_verify_opts o;
	struct smx_limits lim;
	X509_STORE *store = NULL;
	enum smx_result result = SMX_NONE;
	const char *reason = NULL;
	unsigned char *buf = NULL;
	char err[512];
	double t, best;
	size_t len = 0;
	long reps = 5;
	int c, r = 0, status = 2;

	memset(&o, 0, sizeof(o));
	o.now = DEFAULT_AT;
	while ((c = getopt(argc, argv, "n:t:a:h")) != -1) {
		switch (c) {
		case 'n': reps = strtol(optarg, NULL, 10); break;
		case 't': trust = optarg; break;
		case 'a': o.now = (time_t)strtoll(optarg, NULL, 10); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || reps < 1) {
		usage(stderr);
		return 2;
	}
	path = argv[optind];
	limits_default(&lim);
	o.lim = &lim;
	o.skew = 300;
	if (trust != NULL && trust_load(trust, &store, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "bench_scan: trust anchors: %s\n", err);
		goto out;
	}
	o.trust = store;

	t = now_s();
	if ((buf = slurp(path, &len)) == NULL) {
		fprintf(stderr, "bench_scan: %s: %s\n", path, strerror(errno));
		goto out;
	}
	printf("file     %s, %zu bytes\n", path, len);
	report("read", now_s() - t, len);

	best = -1;
	for (long i = 0; r == 0 && i < reps; i++) {
		t = now_s();
		r = stage_sha256(buf, len);
		t = now_s() - t;
		best = best < 0 || t < best ? t : best;
	}
	if (r < 0)
		goto fail;
	report("sha256", best, len);

	best = -1;
	for (long i = 0; r == 0 && i < reps; i++) {
		t = now_s();
		r = stage_parse(buf, len, &lim);
		t = now_s() - t;
		best = best < 0 || t < best ? t : best;
	}
	if (r < 0)
		goto fail;
	report("parse", best, len);

	best = -1;
	for (long i = 0; r == 0 && i < reps; i++) {
		t = now_s();
		r = stage_scan(buf, len, &o, &result, &reason);
		t = now_s() - t;
		best = best < 0 || t < best ? t : best;
	}
	if (r < 0)
		goto fail;
	report("scan", best, len);
	/* scan_finish() leaves reason "unsigned" on a pass: not printed,
	 * as smimecheck does not print it. */
	if (result == SMX_PASS)
		reason = NULL;
	printf("result   %s%s%s\n", smx_result_name(result),
	    reason != NULL ? " " : "", reason != NULL ? reason : "");
	status = 0;
	goto out;
fail:
	fprintf(stderr, "bench_scan: %s\n", smx_strerror(r));
out:
	free(buf);
	X509_STORE_free(store);
	return status;
}
