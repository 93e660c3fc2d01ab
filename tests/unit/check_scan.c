/*
 * NAME
 *	check_scan - unit tests of smime/scan (the message scanner)
 * SYNOPSIS
 *	srcdir=TOP ./check_scan
 * DESCRIPTION
 *	Runs the scanner over every message of $srcdir/tests/data/msg/
 *	listed in tests/data/MANIFEST.tsv (srcdir defaults to "."), with the
 *	trust anchor tests/data/trust/root.pem, verification time
 *	2026-12-01T00:00:00Z, skew 300 s and the default limits, and checks:
 *
 *	- the manifest's verdict of each: result, reason (none for a pass),
 *	  layers, signers;
 *	- chunking does not matter: the whole report (every layer and signer
 *	  field) is the same when the message is fed whole and in chunks of
 *	  1, 7 and 4096 bytes;
 *	- line ends do not matter: each *-lf.eml gives the report of its
 *	  CRLF original;
 *	- exact details of a few (layer ids, kinds, depths, identities,
 *	  From addresses, from_match, algorithms);
 *	- the options: allow_sha1 / allow_md5, require_from_match, and tiny
 *	  limits (MaxCMSBytes, MaxLayers, MaxNestingDepth) giving permerror
 *	  limit_<token>;
 *	- the state rules: scan_write() or scan_finish() after scan_finish()
 *	  is SMX_ERR_STATE; scan_free(NULL); freeing an unfinished scan.
 * OWNERSHIP
 *	Every report is cleared and every scan freed, so valgrind
 *	(CK_FORK=no) or ASan report any leak in smime/.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "smime/cms_verify.h"
#include "smime/limits.h"
#include "smime/reasons.h"
#include "smime/report.h"
#include "smime/scan.h"
#include "smime/smx_err.h"
#include "smime/trust.h"

#define NOW	((time_t)1796083200)	/* 2026-12-01T00:00:00Z */

static X509_STORE *anchors;

static const char *
top(void)
{
	const char *t = getenv("srcdir");

	return t != NULL && *t != '\0' ? t : ".";
}

/* --- growing strings -------------------------------------------------- */

struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p != NULL ? b->p + b->len : NULL,
		    b->p != NULL ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(n, 0);
		if (b->p != NULL && (size_t)n < b->cap - b->len)
			break;
		b->cap = b->cap * 2 + (size_t)n + 256;
		ck_assert_ptr_nonnull(b->p = realloc(b->p, b->cap));
	}
	b->len += (size_t)n;
}

/* --- files ------------------------------------------------------------- */

static unsigned char *
slurp(const char *name, size_t *len)
{
	char path[1024];
	FILE *fp;
	unsigned char *p;
	long n;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top(), name);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(fp), 0);
	rewind(fp);
	ck_assert_ptr_nonnull(p = malloc((size_t)n + 1));
	ck_assert_uint_eq(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return p;
}

/* One row of MANIFEST.tsv. */
struct row {
	char file[128];
	char smime[16];
	char reason[64];
	size_t layers, signers;
};

static struct row rows[256];
static int nrows;

/* Read the manifest (in main, before the suite is built). */
static int
manifest_load(void)
{
	char path[1024], line[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/MANIFEST.tsv", top());
	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		struct row *r = &rows[nrows];
		char *f[6], *save = NULL, *p = line;
		int i;

		if (strncmp(line, "file\t", 5) == 0 || line[0] == '\n')
			continue;
		for (i = 0; i < 6 && (f[i] = strtok_r(p, "\t\n", &save)) != NULL; i++)
			p = NULL;
		if (i < 5 || nrows == (int)(sizeof(rows) / sizeof(rows[0]))) {
			fprintf(stderr, "%s: bad line: %s", path, line);
			fclose(fp);
			return -1;
		}
		snprintf(r->file, sizeof(r->file), "%s", f[0]);
		snprintf(r->smime, sizeof(r->smime), "%s", f[1]);
		snprintf(r->reason, sizeof(r->reason), "%s", f[2]);
		r->layers = strtoul(f[3], NULL, 10);
		r->signers = strtoul(f[4], NULL, 10);
		nrows++;
	}
	fclose(fp);
	return nrows > 0 ? 0 : -1;
}

/* --- scanning ---------------------------------------------------------- */

static struct smx_limits lim;

static struct cms_verify_opts
opts(void)
{
	struct cms_verify_opts o;

	limits_default(&lim);
	memset(&o, 0, sizeof(o));
	o.trust = anchors;
	o.now = NOW;
	o.skew = 300;
	o.lim = &lim;
	return o;
}

/* Scan len bytes in chunks of chunk bytes (0: whole); the scan_finish() code. */
static int
scan_buf(const struct cms_verify_opts *o, const unsigned char *msg, size_t len,
    size_t chunk, struct smx_report *rep)
{
	struct scan *sc;
	int r;

	ck_assert_ptr_nonnull(sc = scan_new(o));
	if (chunk == 0)
		chunk = len;
	for (size_t off = 0; off < len; off += chunk)
		ck_assert_int_eq(scan_write(sc, msg + off, len - off < chunk ? len - off : chunk), 0);
	memset(rep, 0, sizeof(*rep));
	r = scan_finish(sc, rep);
	ck_assert_uint_eq(rep->bytes, len);
	ck_assert_ptr_null(scan_free(sc));
	return r;
}

/* Scan msg/NAME in chunks of chunk bytes (0: whole); the scan_finish() code. */
static int
scan_msg(const struct cms_verify_opts *o, const char *name, size_t chunk,
    struct smx_report *rep)
{
	char rel[256];
	size_t len;
	unsigned char *msg;
	int r;

	snprintf(rel, sizeof(rel), "msg/%s", name);
	msg = slurp(rel, &len);
	r = scan_buf(o, msg, len, chunk, rep);
	free(msg);
	return r;
}

/*
 * A multipart/mixed message whose two parts are message/rfc822 copies of
 * msg/A and msg/B: two S/MIME layers side by side.
 */
static unsigned char *
mixed_of(const char *a, const char *b, size_t *len)
{
	struct sbuf sb = { NULL, 0, 0 };
	const char *names[2] = { a, b };

	sb_printf(&sb, "From: alice@example.com\r\nTo: bob@example.com\r\n"
	    "Subject: two forwarded messages\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"=-outer-=\"\r\n\r\n");
	for (int i = 0; i < 2; i++) {
		char rel[256];
		size_t n;
		unsigned char *m;

		snprintf(rel, sizeof(rel), "msg/%s", names[i]);
		m = slurp(rel, &n);
		sb_printf(&sb, "--=-outer-=\r\nContent-Type: message/rfc822\r\n\r\n%.*s\r\n",
		    (int)n, (const char *)m);
		free(m);
	}
	sb_printf(&sb, "--=-outer-=--\r\n");
	*len = sb.len;
	return (unsigned char *)sb.p;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "(null)";
}

/* Every field of a report but its byte count, one line per item. */
static char *
describe(const struct smx_report *r)
{
	struct sbuf b = { NULL, 0, 0 };

	sb_printf(&b, "message %s %s from=%s layers=%zu\n", smx_result_name(r->result),
	    nz(r->reason), nz(r->from), r->nlayers);
	for (size_t i = 0; i < r->nlayers; i++) {
		const struct smx_layer *l = &r->layers[i];

		sb_printf(&b, " layer %zu: %s part=%s depth=%zu %s %s from=%s certs=%d signers=%zu\n",
		    i, smx_layer_kind_name(l->kind), nz(l->part), l->depth,
		    smx_result_name(l->result), nz(l->reason), nz(l->from),
		    l->certs != NULL ? sk_X509_num(l->certs) : -1, l->nsigners);
		for (size_t j = 0; j < l->nsigners; j++) {
			const struct smx_signer *s = &l->signers[j];

			sb_printf(&b, "  signer %zu: %s %s sig=%s chain=%s id=%s match=%d\n"
			    "   subject=%s issuer=%s serial=%s\n"
			    "   %s %s %s time=%d:%lld cert=%d chain_certs=%d\n",
			    j, smx_result_name(s->result), nz(s->reason),
			    smx_result_name(s->signature), nz(s->chain), nz(s->identity),
			    s->from_match, nz(s->subject), nz(s->issuer), nz(s->serial),
			    nz(s->key_alg), nz(s->sig_alg), nz(s->digest_alg),
			    s->has_signing_time, (long long)s->signing_time, s->cert != NULL,
			    s->chain_certs != NULL ? sk_X509_num(s->chain_certs) : -1);
		}
	}
	return b.p;
}

static char *
describe_msg(const struct cms_verify_opts *o, const char *name, size_t chunk)
{
	struct smx_report rep;
	char *d;

	ck_assert_int_eq(scan_msg(o, name, chunk, &rep), 0);
	d = describe(&rep);
	smx_report_clear(&rep);
	return d;
}

static size_t
total_signers(const struct smx_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nlayers; i++)
		n += r->layers[i].nsigners;
	return n;
}

/* ------------------------------------------------------------------ */

/* The manifest's verdict, message by message. */
START_TEST(test_manifest)
{
	const struct row *w = &rows[_i];
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	ck_assert_int_eq(scan_msg(&o, w->file, 0, &rep), 0);
	ck_assert_msg(strcmp(smx_result_name(rep.result), w->smime) == 0,
	    "%s: smime=%s (%s), want %s (%s)", w->file, smx_result_name(rep.result),
	    nz(rep.reason), w->smime, w->reason);
	if (strcmp(w->reason, "-") != 0)
		ck_assert_msg(rep.reason != NULL && strcmp(rep.reason, w->reason) == 0,
		    "%s: reason %s, want %s", w->file, nz(rep.reason), w->reason);
	else	/* a pass has no reason (report.h) */
		ck_assert_msg(rep.reason == NULL, "%s: reason %s, want none", w->file,
		    rep.reason);
	ck_assert_msg(rep.nlayers == w->layers, "%s: %zu layers, want %zu", w->file,
	    rep.nlayers, w->layers);
	ck_assert_msg(total_signers(&rep) == w->signers, "%s: %zu signers, want %zu",
	    w->file, total_signers(&rep), w->signers);
	/* every token is from the vocabulary */
	if (rep.reason != NULL) {
		int found = 0;

		for (size_t i = 0; i < reasons_count; i++)
			found |= strcmp(reasons_table[i].token, rep.reason) == 0;
		ck_assert_msg(found, "%s: reason \"%s\" not in reasons_table", w->file, rep.reason);
	}
	smx_report_clear(&rep);
}
END_TEST


/* Whole, and in chunks of 1, 7 and 4096 bytes: the same report. */
START_TEST(test_chunks)
{
	static const size_t sizes[] = { 1, 7, 4096 };
	const struct row *w = &rows[_i];
	struct cms_verify_opts o = opts();
	char *whole = describe_msg(&o, w->file, 0);

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *part = describe_msg(&o, w->file, sizes[i]);

		ck_assert_msg(strcmp(whole, part) == 0, "%s in chunks of %zu:\n%s\nwhole:\n%s",
		    w->file, sizes[i], part, whole);
		free(part);
	}
	free(whole);
}
END_TEST

/* Each LF-only copy: the report of its CRLF original. */
START_TEST(test_lf_copies)
{
	struct cms_verify_opts o = opts();
	int n = 0;

	for (int i = 0; i < nrows; i++) {
		char orig[128], *lf, *crlf;
		size_t k = strlen(rows[i].file);

		if (k < 7 || strcmp(rows[i].file + k - 7, "-lf.eml") != 0)
			continue;
		snprintf(orig, sizeof(orig), "%.*s.eml", (int)(k - 7), rows[i].file);
		lf = describe_msg(&o, rows[i].file, 0);
		crlf = describe_msg(&o, orig, 0);
		ck_assert_msg(strcmp(lf, crlf) == 0, "%s:\n%s\n%s:\n%s", rows[i].file, lf,
		    orig, crlf);
		free(lf);
		free(crlf);
		lf = describe_msg(&o, rows[i].file, 7);
		crlf = describe_msg(&o, orig, 7);
		ck_assert_str_eq(lf, crlf);
		free(lf);
		free(crlf);
		n++;
	}
	ck_assert_int_ge(n, 7);
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(test_rsa2048_detached)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;
	const struct smx_layer *l;
	const struct smx_signer *s;

	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_str_eq(nz(rep.from), "alice@example.com");
	ck_assert_uint_eq(rep.nlayers, 1);
	l = &rep.layers[0];
	ck_assert_int_eq(l->kind, SMX_LAYER_DETACHED);
	ck_assert_str_eq(l->part, "0");
	ck_assert_uint_eq(l->depth, 0);
	ck_assert_int_eq(l->result, SMX_PASS);
	ck_assert_ptr_null(l->reason);
	ck_assert_str_eq(nz(l->from), "alice@example.com");
	ck_assert_ptr_nonnull(l->certs);
	ck_assert_uint_eq(l->nsigners, 1);
	s = &l->signers[0];
	ck_assert_int_eq(s->result, SMX_PASS);
	ck_assert_ptr_null(s->reason);
	ck_assert_int_eq(s->signature, SMX_PASS);
	ck_assert_str_eq(nz(s->chain), "pass");
	ck_assert_str_eq(nz(s->identity), "alice@example.com");
	ck_assert_int_eq(s->from_match, 1);
	ck_assert_str_eq(nz(s->key_alg), "rsa-2048");
	ck_assert_str_eq(nz(s->sig_alg), "rsa-pkcs1");
	ck_assert_str_eq(nz(s->digest_alg), "sha-256");
	ck_assert_int_eq(s->has_signing_time, 1);
	ck_assert_int_eq((long long)s->signing_time, 1793534400LL);	/* 2026-11-01T12:00:00Z */
	ck_assert_ptr_nonnull(s->cert);
	ck_assert_ptr_nonnull(s->subject);
	ck_assert_ptr_nonnull(strstr(s->subject, "alice@example.com"));
	ck_assert_ptr_nonnull(s->issuer);
	ck_assert_ptr_nonnull(s->serial);
	ck_assert_uint_eq(strspn(s->serial, "0123456789ABCDEF"), strlen(s->serial));
	/* leaf, issuing CA, anchor */
	ck_assert_ptr_nonnull(s->chain_certs);
	ck_assert_int_eq(sk_X509_num(s->chain_certs), 3);
	ck_assert_int_eq(X509_cmp(sk_X509_value(s->chain_certs, 0), s->cert), 0);
	smx_report_clear(&rep);
}
END_TEST

/* SMIMEEncryptionKeyPreference names a certificate of the bag: kept for the linter. */
START_TEST(test_encryption_key_preference)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;
	const struct smx_signer *s;

	ck_assert_int_eq(scan_msg(&o, "encryption-key-preference.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_uint_eq(rep.nlayers, 1);
	ck_assert_uint_eq(rep.layers[0].nsigners, 1);
	s = &rep.layers[0].signers[0];
	ck_assert_ptr_nonnull(s->enc_cert);
	ck_assert_int_ne(X509_cmp(s->enc_cert, s->cert), 0);
	ck_assert_ptr_nonnull(X509_get0_subject_key_id(s->enc_cert));
	smx_report_clear(&rep);
	/* without the attribute: none named */
	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_ptr_null(rep.layers[0].signers[0].enc_cert);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_tampered)
{
	static const char *const files[] = {
		"tampered-detached.eml", "tampered-opaque.eml", "tampered-detached-lf.eml"
	};
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		ck_assert_int_eq(scan_msg(&o, files[i], 0, &rep), 0);
		ck_assert_int_eq(rep.result, SMX_FAIL);
		ck_assert_str_eq(nz(rep.reason), R_DIGEST_MISMATCH);
		ck_assert_uint_eq(rep.nlayers, 1);
		ck_assert_int_eq(rep.layers[0].result, SMX_FAIL);
		ck_assert_str_eq(nz(rep.layers[0].reason), R_DIGEST_MISMATCH);
		ck_assert_uint_eq(rep.layers[0].nsigners, 1);
		ck_assert_int_eq(rep.layers[0].signers[0].signature, SMX_FAIL);
		ck_assert_str_eq(nz(rep.layers[0].signers[0].reason), R_DIGEST_MISMATCH);
		smx_report_clear(&rep);
	}
}
END_TEST

START_TEST(test_nested_triple)
{
	static const struct {
		enum smx_layer_kind kind;
		const char *part;
		const char *digest;
	} want[] = {
		{ SMX_LAYER_DETACHED, "0", "sha-512" },
		{ SMX_LAYER_OPAQUE, "1", "sha-384" },
		{ SMX_LAYER_DETACHED, "1.1", "sha-256" },
	};
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	ck_assert_int_eq(scan_msg(&o, "nested-triple.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_uint_eq(rep.nlayers, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct smx_layer *l = &rep.layers[i];

		ck_assert_int_eq(l->kind, want[i].kind);
		ck_assert_str_eq(l->part, want[i].part);
		ck_assert_uint_eq(l->depth, i);
		ck_assert_int_eq(l->result, SMX_PASS);
		ck_assert_uint_eq(l->nsigners, 1);
		ck_assert_str_eq(nz(l->signers[0].identity), "alice@example.com");
		ck_assert_str_eq(nz(l->signers[0].digest_alg), want[i].digest);
		ck_assert_int_eq(l->signers[0].from_match, 1);
	}
	smx_report_clear(&rep);
}
END_TEST

/* The forwarded message's signer matches the forwarded From, not the outer one. */
START_TEST(test_nested_forwarded)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	ck_assert_int_eq(scan_msg(&o, "nested-forwarded-signed.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_str_eq(nz(rep.from), "alice@example.com");
	ck_assert_uint_eq(rep.nlayers, 2);
	ck_assert_str_eq(nz(rep.layers[0].from), "alice@example.com");
	ck_assert_str_eq(nz(rep.layers[0].signers[0].identity), "alice@example.com");
	ck_assert_int_eq(rep.layers[0].signers[0].from_match, 1);
	ck_assert_uint_eq(rep.layers[1].depth, 1);
	ck_assert_str_eq(nz(rep.layers[1].from), "bob@example.com");
	ck_assert_str_eq(nz(rep.layers[1].signers[0].identity), "bob@example.com");
	ck_assert_int_eq(rep.layers[1].signers[0].from_match, 1);
	ck_assert_str_eq(nz(rep.layers[1].signers[0].key_alg), "ec-p256");
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_encrypted_in_signed)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	ck_assert_int_eq(scan_msg(&o, "encrypted-in-signed.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_uint_eq(rep.nlayers, 2);
	ck_assert_int_eq(rep.layers[0].kind, SMX_LAYER_DETACHED);
	ck_assert_int_eq(rep.layers[1].kind, SMX_LAYER_ENCRYPTED);
	ck_assert_str_eq(rep.layers[1].part, "1");
	ck_assert_uint_eq(rep.layers[1].depth, 1);
	ck_assert_int_eq(rep.layers[1].result, SMX_NONE);
	ck_assert_str_eq(nz(rep.layers[1].reason), R_ENCRYPTED);
	ck_assert_uint_eq(rep.layers[1].nsigners, 0);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_unsigned)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	ck_assert_int_eq(scan_msg(&o, "unsigned-plain.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_NONE);
	ck_assert_str_eq(nz(rep.reason), R_UNSIGNED);
	ck_assert_uint_eq(rep.nlayers, 0);
	ck_assert_ptr_nonnull(rep.from);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_two_signers)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;
	const struct smx_layer *l;

	ck_assert_int_eq(scan_msg(&o, "two-signers.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_uint_eq(rep.nlayers, 1);
	l = &rep.layers[0];
	ck_assert_uint_eq(l->nsigners, 2);
	/* in SignerInfo order, whichever that is */
	for (size_t i = 0; i < 2; i++) {
		const struct smx_signer *s = &l->signers[i];
		int alice = s->identity != NULL && strcmp(s->identity, "alice@example.com") == 0;

		ck_assert_int_eq(s->result, SMX_PASS);
		ck_assert_str_eq(nz(s->identity), alice ? "alice@example.com" : "bob@example.com");
		ck_assert_str_eq(nz(s->key_alg), alice ? "rsa-2048" : "ec-p256");
		ck_assert_int_eq(s->from_match, alice);
	}
	ck_assert_str_ne(nz(l->signers[0].identity), nz(l->signers[1].identity));
	smx_report_clear(&rep);
}
END_TEST

/* --- options ----------------------------------------------------------- */

START_TEST(test_allow_weak)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	/* off: policy weak_digest (the manifest test covers it too) */
	ck_assert_int_eq(scan_msg(&o, "sha1-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_WEAK_DIGEST);
	smx_report_clear(&rep);

	o.allow_sha1 = 1;
	ck_assert_int_eq(scan_msg(&o, "sha1-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_str_eq(nz(rep.layers[0].signers[0].digest_alg), "sha-1");
	smx_report_clear(&rep);
	ck_assert_int_eq(scan_msg(&o, "sha1-opaque.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
	/* SHA-1 allowed does not allow MD5 */
	ck_assert_int_eq(scan_msg(&o, "md5-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_WEAK_DIGEST);
	smx_report_clear(&rep);

	o.allow_sha1 = 0;
	o.allow_md5 = 1;
	ck_assert_int_eq(scan_msg(&o, "md5-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
	ck_assert_int_eq(scan_msg(&o, "sha1-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_require_from_match)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	/* off: pass, but from_match 0 */
	ck_assert_int_eq(scan_msg(&o, "from-mismatch.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	ck_assert_str_eq(nz(rep.from), "mallory@example.com");
	ck_assert_str_eq(nz(rep.layers[0].signers[0].identity), "alice@example.com");
	ck_assert_int_eq(rep.layers[0].signers[0].from_match, 0);
	smx_report_clear(&rep);

	o.require_from_match = 1;
	ck_assert_int_eq(scan_msg(&o, "from-mismatch.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_FROM_MISMATCH);
	ck_assert_int_eq(rep.layers[0].signers[0].result, SMX_POLICY);
	ck_assert_int_eq(rep.layers[0].signers[0].signature, SMX_PASS);
	smx_report_clear(&rep);
	/* two signers, bob is not the From */
	ck_assert_int_eq(scan_msg(&o, "two-signers.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_FROM_MISMATCH);
	smx_report_clear(&rep);
	/* matching signers still pass */
	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
	ck_assert_int_eq(scan_msg(&o, "nested-forwarded-signed.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_no_trust)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	o.trust = NULL;		/* every chain untrusted */
	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_UNTRUSTED);
	ck_assert_int_eq(rep.layers[0].signers[0].signature, SMX_PASS);
	smx_report_clear(&rep);
}
END_TEST

/* Verification time moves: the same message expires. */
START_TEST(test_time)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	o.now = 1893456000;	/* 2030-01-01: subscribers expired 2028-08-01 */
	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_POLICY);
	ck_assert_str_eq(nz(rep.reason), R_EXPIRED);
	smx_report_clear(&rep);
	/* within the skew of the future signing time: no complaint */
	o = opts();
	o.skew = 86400 * 200;
	ck_assert_int_eq(scan_msg(&o, "future-signing-time.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
}
END_TEST

/* --- limits ------------------------------------------------------------ */

static void
assert_limit(const struct cms_verify_opts *o, const char *file, const char *reason)
{
	struct smx_report rep;
	size_t chunks[] = { 0, 1, 4096 };

	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		ck_assert_int_eq(scan_msg(o, file, chunks[i], &rep), 0);
		ck_assert_msg(rep.result == SMX_PERMERROR && rep.reason != NULL &&
		    strcmp(rep.reason, reason) == 0, "%s (chunks %zu): %s %s, want permerror %s",
		    file, chunks[i], smx_result_name(rep.result), nz(rep.reason), reason);
		smx_report_clear(&rep);
	}
}

START_TEST(test_limit_cms_bytes)
{
	struct cms_verify_opts o = opts();

	lim.max_cms_bytes = 100;
	assert_limit(&o, "rsa2048-detached.eml", "limit_cms_bytes");
	assert_limit(&o, "rsa2048-opaque.eml", "limit_cms_bytes");
	assert_limit(&o, "ed25519-detached.eml", "limit_cms_bytes");
}
END_TEST

START_TEST(test_limit_layers)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;

	lim.max_layers = 1;
	assert_limit(&o, "nested-triple.eml", "limit_layers");
	/* the one layer it has room for is still there and judged */
	ck_assert_int_eq(scan_msg(&o, "nested-triple.eml", 0, &rep), 0);
	ck_assert_uint_eq(rep.nlayers, 1);
	ck_assert_str_eq(rep.layers[0].part, "0");
	smx_report_clear(&rep);
	/* a message with one layer is not affected */
	ck_assert_int_eq(scan_msg(&o, "rsa2048-detached.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
	lim.max_layers = 2;
	assert_limit(&o, "nested-triple.eml", "limit_layers");
	lim.max_layers = 3;
	ck_assert_int_eq(scan_msg(&o, "nested-triple.eml", 0, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_PASS);
	smx_report_clear(&rep);
}
END_TEST

START_TEST(test_limit_depth)
{
	struct cms_verify_opts o = opts();

	lim.max_depth = 1;
	assert_limit(&o, "nested-signed-in-mixed.eml", "limit_depth");
	assert_limit(&o, "nested-triple.eml", "limit_depth");
	assert_limit(&o, "nested-forwarded-signed.eml", "limit_depth");
}
END_TEST

/* A failed layer is not hidden by a limit reached elsewhere; a pass is. */
START_TEST(test_limit_fail_wins)
{
	struct cms_verify_opts o = opts();
	struct smx_report rep;
	size_t len;
	unsigned char *msg;

	/* no limit: both layers, the fail decides */
	msg = mixed_of("tampered-detached.eml", "rsa2048-detached.eml", &len);
	ck_assert_int_eq(scan_buf(&o, msg, len, 0, &rep), 0);
	ck_assert_uint_eq(rep.nlayers, 2);
	ck_assert_int_eq(rep.result, SMX_FAIL);
	ck_assert_str_eq(nz(rep.reason), R_DIGEST_MISMATCH);
	smx_report_clear(&rep);
	/* room for the failing layer only: still fail */
	lim.max_layers = 1;
	ck_assert_int_eq(scan_buf(&o, msg, len, 0, &rep), 0);
	ck_assert_uint_eq(rep.nlayers, 1);
	ck_assert_int_eq(rep.result, SMX_FAIL);
	ck_assert_str_eq(nz(rep.reason), R_DIGEST_MISMATCH);
	smx_report_clear(&rep);
	free(msg);

	/* room for the passing layer only: the limit decides */
	msg = mixed_of("rsa2048-detached.eml", "tampered-detached.eml", &len);
	ck_assert_int_eq(scan_buf(&o, msg, len, 0, &rep), 0);
	ck_assert_uint_eq(rep.nlayers, 1);
	ck_assert_int_eq(rep.layers[0].result, SMX_PASS);
	ck_assert_int_eq(rep.result, SMX_PERMERROR);
	ck_assert_str_eq(nz(rep.reason), "limit_layers");
	smx_report_clear(&rep);
	lim.max_layers = 16;
	ck_assert_int_eq(scan_buf(&o, msg, len, 0, &rep), 0);
	ck_assert_uint_eq(rep.nlayers, 2);
	ck_assert_int_eq(rep.result, SMX_FAIL);
	smx_report_clear(&rep);
	free(msg);
}
END_TEST

/* --- state ------------------------------------------------------------- */

START_TEST(test_state)
{
	struct cms_verify_opts o = opts();
	struct scan *sc;
	struct smx_report rep;

	ck_assert_ptr_null(scan_free(NULL));

	ck_assert_ptr_nonnull(sc = scan_new(&o));
	ck_assert_int_eq(scan_write(sc, "From: a@b\r\n\r\nhi\r\n", 18), 0);
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(scan_finish(sc, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_NONE);
	ck_assert_str_eq(nz(rep.from), "a@b");
	ck_assert_uint_eq(rep.bytes, 18);
	smx_report_clear(&rep);
	ck_assert_int_eq(scan_write(sc, "more", 4), SMX_ERR_STATE);
	ck_assert_int_eq(scan_finish(sc, &rep), SMX_ERR_STATE);
	ck_assert_uint_eq(rep.nlayers, 0);
	smx_report_clear(&rep);
	ck_assert_ptr_null(scan_free(sc));

	/* an empty message */
	ck_assert_ptr_nonnull(sc = scan_new(&o));
	ck_assert_int_eq(scan_finish(sc, &rep), 0);
	ck_assert_int_eq(rep.result, SMX_NONE);
	ck_assert_uint_eq(rep.bytes, 0);
	smx_report_clear(&rep);
	scan_free(sc);

	/* zero-length writes are no-ops */
	ck_assert_ptr_nonnull(sc = scan_new(&o));
	ck_assert_int_eq(scan_write(sc, "", 0), 0);
	ck_assert_int_eq(scan_write(sc, "From: a@b\r\n\r\n", 13), 0);
	ck_assert_int_eq(scan_write(sc, "", 0), 0);
	ck_assert_int_eq(scan_finish(sc, &rep), 0);
	ck_assert_str_eq(nz(rep.from), "a@b");
	smx_report_clear(&rep);
	scan_free(sc);
}
END_TEST

/* scan_free() of a scan stopped anywhere in a message frees everything. */
START_TEST(test_free_unfinished)
{
	static const char *const files[] = {
		"rsa2048-detached.eml", "rsa2048-opaque.eml", "nested-triple.eml",
		"encrypted-in-signed.eml",
	};
	struct cms_verify_opts o = opts();

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char rel[128];
		size_t len;
		unsigned char *msg;

		snprintf(rel, sizeof(rel), "msg/%s", files[f]);
		msg = slurp(rel, &len);
		for (size_t stop = 0; stop < len; stop += len / 9 + 1) {
			struct scan *sc = scan_new(&o);

			ck_assert_ptr_nonnull(sc);
			ck_assert_int_eq(scan_write(sc, msg, stop), 0);
			scan_free(sc);
		}
		free(msg);
	}
}
END_TEST

/* A message cut anywhere is a verdict, never a crash or an error code. */
START_TEST(test_truncated_anywhere)
{
	struct cms_verify_opts o = opts();
	size_t len, last;
	unsigned char *msg = slurp("msg/nested-triple.eml", &len);

	/* the start of the outer close delimiter line */
	for (last = len - 3; last > 0 && memcmp(msg + last, "\n--", 3) != 0; last--)
		;
	ck_assert_uint_gt(last, len / 2);
	for (size_t stop = 0; stop < len; stop += 97) {
		struct scan *sc = scan_new(&o);
		struct smx_report rep;

		ck_assert_ptr_nonnull(sc);
		ck_assert_int_eq(scan_write(sc, msg, stop), 0);
		memset(&rep, 0, sizeof(rep));
		ck_assert_int_eq(scan_finish(sc, &rep), 0);
		ck_assert_msg(rep.result != SMX_PASS || stop > last,
		    "cut at %zu of %zu passes", stop, len);
		ck_assert_int_ne(rep.result, SMX_TEMPERROR);
		smx_report_clear(&rep);
		scan_free(sc);
	}
	free(msg);
}
END_TEST

static Suite *
scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc;

	tc = tcase_create("manifest");
	tcase_add_loop_test(tc, test_manifest, 0, nrows);
	suite_add_tcase(s, tc);

	tc = tcase_create("stream");
	tcase_add_loop_test(tc, test_chunks, 0, nrows);
	tcase_add_test(tc, test_lf_copies);
	tcase_set_timeout(tc, 300);	/* byte by byte, under valgrind */
	suite_add_tcase(s, tc);

	tc = tcase_create("details");
	tcase_add_test(tc, test_rsa2048_detached);
	tcase_add_test(tc, test_encryption_key_preference);
	tcase_add_test(tc, test_tampered);
	tcase_add_test(tc, test_nested_triple);
	tcase_add_test(tc, test_nested_forwarded);
	tcase_add_test(tc, test_encrypted_in_signed);
	tcase_add_test(tc, test_unsigned);
	tcase_add_test(tc, test_two_signers);
	suite_add_tcase(s, tc);

	tc = tcase_create("options");
	tcase_add_test(tc, test_allow_weak);
	tcase_add_test(tc, test_require_from_match);
	tcase_add_test(tc, test_no_trust);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_limit_cms_bytes);
	tcase_add_test(tc, test_limit_layers);
	tcase_add_test(tc, test_limit_depth);
	tcase_add_test(tc, test_limit_fail_wins);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("state");
	tcase_add_test(tc, test_state);
	tcase_add_test(tc, test_free_unfinished);
	tcase_add_test(tc, test_truncated_anywhere);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	char path[1024], err[512];
	SRunner *sr;
	int failed;

	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top());
	if (trust_load(path, &anchors, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "check_scan: %s\n", err);
		return EXIT_FAILURE;
	}
	if (manifest_load() != 0)
		return EXIT_FAILURE;
	sr = srunner_create(scan_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	X509_STORE_free(anchors);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
