/*
 * NAME
 *	fuzz_scan - libFuzzer harness for the whole S/MIME pipeline of a message
 * SYNOPSIS
 *	fuzz_scan [libFuzzer options] [CORPUS...]
 * DESCRIPTION
 *	Input: 2 control bytes, then the message.
 *	  byte 0  bit 0: trust anchors (tests/data/trust/root.pem, loaded
 *		  once) instead of none; bit 1: small limits; bit 2:
 *		  AllowSHA1; bit 3: AllowMD5; bit 4: RequireFromMatch; bit 5:
 *		  feed the message a second time whole and compare the two
 *		  records; bits 6-7: chunking (whole, 1 + byte 1 bytes, random
 *		  1..64, 1..4096 from the seed byte 1)
 *	  byte 1  chunk size / seed; when fed whole, bit 0: also feed the
 *		  message with every bare LF made CRLF (default limits) and
 *		  compare; bit 1: also feed half of it and drop the scan
 *	The message goes through scan_new / scan_write / scan_finish
 *	(smime/scan.h) at 2026-12-01T00:00:00Z with a skew of 300 s, as the
 *	milter and smimecheck run it, then through the rest of the pipeline:
 *	verdict_build() with the default rules and the log line
 *	(policy/logfmt.h), which must parse back to what was written.
 *	Checks (abort() on violation): scan_write / scan_finish return 0 and
 *	SMX_ERR_STATE after finish; the record is well formed (see
 *	fuzz_common.c: results and reasons from the vocabulary with the
 *	result the table gives them, no layer worse than the message, every
 *	string sanitizable); layers, signers, certificates and chains within
 *	the limits; neither chunking nor line ends change the record; the
 *	log line is one line and round-trips.
 *	The trust anchors are found through $srcdir, else the source tree the
 *	harness was built from.
 * OWNERSHIP
 *	The trust store and the limits live for the whole process; all else is
 *	freed per input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "policy/decide.h"
#include "policy/logfmt.h"
#include "policy/verdict.h"
#include "smime/limits.h"
#include "smime/reasons.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"
#include "tests/fuzz/fuzz_common.h"

#ifndef FUZZ_TOP_SRCDIR
#define FUZZ_TOP_SRCDIR "."
#endif

#define NOW ((time_t)1796083200)	/* 2026-12-01T00:00:00Z */

static X509_STORE *anchors;
static struct smx_limits lim_default, lim_small;
static struct decide_rules rules;

static void
init(void)
{
	const char *top = getenv("srcdir");
	char path[4096], err[256];

	if (top == NULL || *top == '\0')
		top = FUZZ_TOP_SRCDIR;
	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top);
	if (trust_load(path, &anchors, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_scan: %s: %s (set srcdir)\n", path, err);
		exit(2);
	}
	limits_default(&lim_default);
	limits_default(&lim_small);
	lim_small.max_depth = 4;
	lim_small.max_parts = 16;
	lim_small.max_header_bytes = 1024;
	lim_small.max_line = 998;
	lim_small.max_boundary = 70;
	lim_small.max_cms_bytes = 4096;
	lim_small.max_certs = 2;
	lim_small.max_signers = 1;
	lim_small.max_layers = 2;
	lim_small.max_chain = 2;
	decide_default(&rules);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	init();
	return 0;
}

static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
run_scan(const struct cms_verify_opts *o, const unsigned char *msg, size_t len,
    unsigned mode, unsigned b1, struct smx_report *rep)
{
	struct scan *sc;
	uint32_t seed = b1 * 2654435761u + 7;
	size_t off = 0;
	int r;

	FZ_CHECK((sc = scan_new(o)) != NULL, "scan_new: out of memory");
	while (off < len) {
		size_t n;

		switch (mode) {
		case 0:
			n = len;
			break;
		case 1:
			n = 1 + b1;
			break;
		case 2:
			n = 1 + rnd(&seed) % 64;
			break;
		default:
			n = 1 + rnd(&seed) % 4096;
			break;
		}
		if (n > len - off)
			n = len - off;
		r = scan_write(sc, msg + off, n);
		FZ_CHECK(r == 0, "scan_write: %d (%s)", r, smx_strerror(r));
		off += n;
	}
	r = scan_finish(sc, rep);
	FZ_CHECK(r == 0, "scan_finish: %d (%s)", r, smx_strerror(r));
	FZ_CHECK(scan_write(sc, "x", 1) == SMX_ERR_STATE, "scan_write after finish");
	scan_free(sc);
}

static void
check_limits(const struct smx_report *rep, const struct smx_limits *lim)
{
	FZ_CHECK(rep->nlayers <= lim->max_layers, "%zu layers over MaxLayers %zu",
	    rep->nlayers, lim->max_layers);
	for (size_t i = 0; i < rep->nlayers; i++) {
		const struct smx_layer *l = &rep->layers[i];

		FZ_CHECK(l->nsigners <= lim->max_signers, "layer %zu: %zu signers over %zu",
		    i, l->nsigners, lim->max_signers);
		/* an oversized bag is kept (it is decoded already) but not used */
		if (l->certs != NULL && (size_t)sk_X509_num(l->certs) > lim->max_certs)
			FZ_CHECK(l->result == SMX_PERMERROR && l->nsigners == 0,
			    "layer %zu: %d certificates over %zu, yet %s with %zu signers", i,
			    sk_X509_num(l->certs), lim->max_certs, smx_result_name(l->result),
			    l->nsigners);
		for (size_t j = 0; j < l->nsigners; j++) {
			const struct smx_signer *s = &l->signers[j];

			FZ_CHECK(s->chain_certs == NULL ||
			    (size_t)sk_X509_num(s->chain_certs) <= lim->max_chain,
			    "layer %zu signer %zu: chain of %d over %zu", i, j,
			    sk_X509_num(s->chain_certs), lim->max_chain);
		}
	}
}

/* The rest of the milter's pipeline: verdict, log line, parse back. */
static void
pipeline(const struct smx_report *rep)
{
	struct verdict v;
	struct logrec lr, back;
	char *line;
	int r;

	memset(&v, 0, sizeof(v));
	r = verdict_build(rep, &rules, NULL, &v);
	FZ_CHECK(r == 0, "verdict_build: %d", r);
	FZ_CHECK((unsigned)v.action <= 4, "action %d", (int)v.action);
	memset(&lr, 0, sizeof(lr));
	r = logfmt_from_verdict(&lr, "4Fz9Q1xYzAB", &v, 12);
	FZ_CHECK(r == 0, "logfmt_from_verdict: %d", r);
	FZ_CHECK((line = logfmt_line(&lr)) != NULL, "logfmt_line: NULL");
	for (const char *p = line; *p != '\0'; p++)
		FZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f,
		    "log line holds control byte 0x%02X: %s", (unsigned char)*p, line);
	memset(&back, 0, sizeof(back));
	r = logfmt_parse(line, &back);
	FZ_CHECK(r == 0, "logfmt_parse of our own line failed (%d): %s", r, line);
	FZ_CHECK(back.queue_id != NULL && strcmp(back.queue_id, lr.queue_id) == 0,
	    "queue id does not round-trip: %s", line);
	for (int k = 0; k < LK_COUNT; k++)
		FZ_CHECK((lr.val[k] == NULL) == (back.val[k] == NULL) &&
		    (lr.val[k] == NULL || strcmp(lr.val[k], back.val[k]) == 0),
		    "key %s does not round-trip: \"%s\" -> \"%s\" in %s", logfmt_keys[k],
		    lr.val[k] ? lr.val[k] : "(absent)", back.val[k] ? back.val[k] : "(absent)",
		    line);
	logfmt_clear(&back);
	logfmt_clear(&lr);
	free(line);
	verdict_clear(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cms_verify_opts o;
	struct smx_report rep, rep2;
	unsigned flags, b1;
	const unsigned char *msg;
	size_t len;
	char why[256];

	if (anchors == NULL)
		init();
	if (size < 2)
		return 0;
	flags = data[0];
	b1 = data[1];
	msg = data + 2;
	len = size - 2;

	memset(&o, 0, sizeof(o));
	o.trust = (flags & 1) ? anchors : NULL;
	o.now = NOW;
	o.skew = 300;
	o.allow_sha1 = !!(flags & 4);
	o.allow_md5 = !!(flags & 8);
	o.require_from_match = !!(flags & 16);
	o.lim = (flags & 2) ? &lim_small : &lim_default;

	memset(&rep, 0, sizeof(rep));
	run_scan(&o, msg, len, flags >> 6, b1, &rep);
	fz_check_report(&rep, len);
	check_limits(&rep, o.lim);
	pipeline(&rep);
	if ((flags & 32) && (flags >> 6) != 0) {
		memset(&rep2, 0, sizeof(rep2));
		run_scan(&o, msg, len, 0, b1, &rep2);
		FZ_CHECK(fz_report_diff(&rep2, &rep, why, sizeof(why)) == 0,
		    "chunked feed gives another record than the whole message: %s", why);
		smx_report_clear(&rep2);
	}
	if ((flags >> 6) == 0 && (b1 & 1) && !(flags & 2)) {
		/* every bare LF made CRLF: the same record (but for the size) */
		unsigned char *t = malloc(2 * len + 1);
		size_t n = 0;

		FZ_CHECK(t != NULL, "oom");
		for (size_t i = 0; i < len; i++) {
			if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r'))
				t[n++] = '\r';
			t[n++] = msg[i];
		}
		memset(&rep2, 0, sizeof(rep2));
		run_scan(&o, t, n, 0, b1, &rep2);
		free(t);
		rep2.bytes = rep.bytes;
		FZ_CHECK(fz_report_diff(&rep, &rep2, why, sizeof(why)) == 0,
		    "the CRLF form gives another record than the LF form: %s", why);
		smx_report_clear(&rep2);
	}
	if ((flags >> 6) == 0 && (b1 & 2)) {
		/* dropped half-way: scan_free() of an unfinished scan frees all */
		struct scan *sc = scan_new(&o);

		FZ_CHECK(sc != NULL, "oom");
		FZ_CHECK(scan_write(sc, msg, len / 2) == 0, "scan_write");
		scan_free(sc);
	}
	smx_report_clear(&rep);
	ERR_clear_error();
	return 0;
}
