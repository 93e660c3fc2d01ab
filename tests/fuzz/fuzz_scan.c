/*
 * fuzz_scan - libFuzzer harness for the whole S/MIME extraction (smime/scan.c)
 *
 * The input is a message, fed in chunks whose size the first byte picks;
 * verification runs against the test trust anchors (loaded once, from
 * $srcdir/tests/data/trust/root.pem when present) at a fixed time.  Every
 * result and reason must come from the vocabulary, and every string of
 * the report must go through the sanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/limits.h"
#include "smime/reasons.h"
#include "smime/sanitize.h"
#include "smime/scan.h"
#include "smime/trust.h"

static struct smx_limits lim;
static struct cms_verify_opts opts;

static void
init(void)
{
	char path[1024], err[256];
	const char *top = getenv("srcdir");

	limits_default(&lim);
	opts.now = 1796083200;	/* 2026-12-01T00:00:00Z */
	opts.skew = 300;
	opts.lim = &lim;
	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top ? top : ".");
	if (trust_load(path, &opts.trust, NULL, err, sizeof(err)) < 0)
		opts.trust = NULL;
}

static void
known_reason(const char *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < reasons_count; i++)
		if (strcmp(reasons_table[i].token, r) == 0)
			return;
	abort();
}

static void
clean(const char *s)
{
	char *t = sanitize(s, SAN_UTF8, SAN_MAX_DEFAULT);

	if (t != NULL && (strchr(t, '\r') != NULL || strchr(t, '\n') != NULL))
		abort();
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct smx_report rep;
	struct scan *sc;
	size_t chunk;

	if (!ready) {
		init();
		ready = 1;
	}
	if (size < 1)
		return 0;
	chunk = (size_t)data[0] * 16 + 1;
	data++;
	size--;
	memset(&rep, 0, sizeof(rep));
	if ((sc = scan_new(&opts)) == NULL)
		return 0;
	for (size_t off = 0; off < size; off += chunk)
		if (scan_write(sc, data + off, size - off < chunk ? size - off : chunk) < 0)
			break;
	scan_finish(sc, &rep);
	scan_free(sc);
	known_reason(rep.reason);
	clean(rep.from);
	for (size_t i = 0; i < rep.nlayers; i++) {
		known_reason(rep.layers[i].reason);
		clean(rep.layers[i].part);
		for (size_t j = 0; j < rep.layers[i].nsigners; j++) {
			const struct smx_signer *s = &rep.layers[i].signers[j];

			known_reason(s->reason);
			clean(s->identity);
			clean(s->subject);
			clean(s->issuer);
			clean(s->serial);
		}
	}
	smx_report_clear(&rep);
	return 0;
}
