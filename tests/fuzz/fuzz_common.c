/*
 * NAME
 *	fuzz_common - invariants shared by the libFuzzer harnesses
 * SYNOPSIS
 *	#include "tests/fuzz/fuzz_common.h"
 * DESCRIPTION
 *	fz_check_sanitize_bytes() runs bytes through every class of the one
 *	sanitizer (smime/sanitize.h), uncut and cut at several sizes, and
 *	checks, with code of its own rather than the sanitizer's: the output
 *	is NUL-terminated at the returned length and fits; it holds only what
 *	the class may emit (well-formed, harmless UTF-8 in SAN_UTF8; a
 *	backslash only in "\\" or "\xHH"); a cut result is a prefix of the
 *	uncut one followed by "..."; and the escaping classes (TEXT, UTF8,
 *	ADDR) are reversible, so a log reader can tell the original bytes.
 *
 *	fz_check_report() checks a verification record (smime/report.h):
 *	results are of the enum, reasons are tokens of reasons_table[] with
 *	the result the table gives them, no layer is more severe than the
 *	message and no signer more severe than its layer, part ids are well
 *	formed, every string is sanitizable, serials are hex.
 *	fz_report_diff() compares two records field by field.
 * OWNERSHIP
 *	Nothing is kept; every buffer is freed before return.
 * DIAGNOSTICS
 *	A broken invariant prints the condition and aborts (FZ_CHECK).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/limits.h"
#include "smime/reasons.h"
#include "smime/report.h"
#include "smime/sanitize.h"
#include "tests/fuzz/fuzz_common.h"

void
fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n==FUZZ INVARIANT== %s:%d: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

/* --- the sanitizer ------------------------------------------------------ */

static const char *const class_names[] = { "text", "utf8", "addr", "hex", "token" };

static int
hexup(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

static int
hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'A' + 10;
}

static int
atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~.@", c) != NULL);
}

/* Length of an acceptable UTF-8 sequence at p, or 0 (written apart from
 * smime/sanitize.c on purpose). */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	unsigned long cp, min;

	if (p[0] >= 0xc0 && p[0] < 0xe0) {
		len = 2;
		cp = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] < 0xf0) {
		len = 3;
		cp = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] < 0xf8) {
		len = 4;
		cp = p[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp <= 0x9f || cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || cp == 0xfeff ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return len;
}

/*
 * Check that o (n bytes) is output of class cls; when cut, the last three
 * bytes are the "..." mark.  When dec is not NULL (uncut, escaping
 * classes) the unescaped bytes are written there and their count returned.
 */
static size_t
check_class(const char *o, size_t n, enum san_class cls, int cut,
    unsigned char *dec)
{
	const unsigned char *u = (const unsigned char *)o;
	size_t end = cut ? n - 3 : n, i = 0, d = 0;

	if (cut)
		FZ_CHECK(n >= 3 && memcmp(o + n - 3, "...", 3) == 0,
		    "class %s: cut output without the \"...\" mark", class_names[cls]);
	while (i < end) {
		unsigned char c = u[i];

		switch (cls) {
		case SAN_HEX:
			FZ_CHECK(hexup((char)c), "class hex: byte 0x%02X at %zu", c, i);
			i++;
			continue;
		case SAN_TOKEN:
			FZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '+',
			    "class token: byte 0x%02X at %zu", c, i);
			i++;
			continue;
		default:
			break;
		}
		if (c == '\\') {
			if (cls != SAN_ADDR && i + 1 < end && u[i + 1] == '\\') {
				if (dec != NULL)
					dec[d++] = '\\';
				i += 2;
				continue;
			}
			FZ_CHECK(i + 4 <= end && u[i + 1] == 'x' && hexup(o[i + 2]) && hexup(o[i + 3]),
			    "class %s: bad escape at %zu", class_names[cls], i);
			if (dec != NULL)
				dec[d++] = (unsigned char)(hexval(o[i + 2]) << 4 | hexval(o[i + 3]));
			i += 4;
			continue;
		}
		if (cls == SAN_ADDR) {
			FZ_CHECK(atext(c), "class addr: byte 0x%02X at %zu", c, i);
		} else if (c >= 0x80) {
			size_t k = cls == SAN_UTF8 ? utf8_len(u + i, end - i) : 0;

			FZ_CHECK(k > 0, "class %s: byte 0x%02X at %zu not allowed",
			    class_names[cls], c, i);
			if (dec != NULL)
				memcpy(dec + d, u + i, k);
			d += k;
			i += k;
			continue;
		} else {
			FZ_CHECK(c >= 0x20 && c < 0x7f, "class %s: control byte 0x%02X at %zu",
			    class_names[cls], c, i);
		}
		if (dec != NULL)
			dec[d++] = c;
		i++;
	}
	return d;
}

void
fz_check_sanitize_bytes(const char *s, size_t len)
{
	static const size_t cuts[] = { 4, 5, 6, 7, 8, 13, 32, 100, 257 };
	size_t fullsz = 4 * len + 4;
	char *full = malloc(fullsz), *out = malloc(257 + 8);
	unsigned char *dec = malloc(len + 1);

	FZ_CHECK(full != NULL && out != NULL && dec != NULL, "out of memory");
	for (int c = SAN_TEXT; c <= SAN_TOKEN; c++) {
		enum san_class cls = (enum san_class)c;
		size_t n = sanitize_buf(full, fullsz, s, len, cls), dn;

		FZ_CHECK(n < fullsz && strlen(full) == n,
		    "class %s: length %zu, strlen %zu, room %zu", class_names[c], n,
		    strlen(full), fullsz);
		if (cls == SAN_TEXT || cls == SAN_UTF8 || cls == SAN_ADDR) {
			dn = check_class(full, n, cls, 0, dec);
			FZ_CHECK(dn == len && memcmp(dec, s, len) == 0,
			    "class %s: escapes do not give the input back", class_names[c]);
		} else {
			check_class(full, n, cls, 0, NULL);
			if (cls == SAN_TOKEN)
				FZ_CHECK(n == len, "class token: %zu bytes from %zu", n, len);
		}
		for (size_t k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
			size_t dst = cuts[k], m;

			memset(out, 'Z', dst + 8);
			m = sanitize_buf(out, dst, s, len, cls);
			FZ_CHECK(m < dst && out[m] == '\0' && strlen(out) == m,
			    "class %s: cut to %zu gave length %zu", class_names[c], dst, m);
			FZ_CHECK(out[dst] == 'Z', "class %s: wrote past %zu bytes", class_names[c], dst);
			if (n < dst) {
				FZ_CHECK(m == n && memcmp(out, full, n) == 0,
				    "class %s: output that fits differs when cut to %zu",
				    class_names[c], dst);
			} else {
				check_class(out, m, cls, 1, NULL);
				FZ_CHECK(memcmp(out, full, m - 3) == 0,
				    "class %s: cut output is not a prefix", class_names[c]);
			}
		}
	}
	free(full);
	free(out);
	free(dec);
}

void
fz_check_sanitizable(const char *s)
{
	size_t len;

	if (s == NULL)
		return;
	len = strlen(s);
	fz_check_sanitize_bytes(s, len);
	for (int c = SAN_TEXT; c <= SAN_TOKEN; c++) {
		char *o = sanitize(s, (enum san_class)c, SAN_MAX_DEFAULT);
		char buf[SAN_MAX_DEFAULT + 1];

		FZ_CHECK(o != NULL, "sanitize() returned NULL");
		FZ_CHECK(strlen(o) <= SAN_MAX_DEFAULT, "sanitize() too long");
		sanitize_buf(buf, sizeof(buf), s, len, (enum san_class)c);
		FZ_CHECK(strcmp(o, buf) == 0, "sanitize() and sanitize_buf() disagree");
		free(o);
	}
}

/* --- the record ---------------------------------------------------------- */

int
fz_id_ok(const char *id)
{
	const char *p = id;

	if (id == NULL || *id == '\0')
		return 0;
	if (strcmp(id, "0") == 0)
		return 1;
	for (;;) {
		if (*p < '1' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '\0')
			return 1;
		if (*p++ != '.')
			return 0;
	}
}

static const struct smx_reason_def *
reason_def(const char *reason)
{
	for (size_t i = 0; i < reasons_count; i++)
		if (strcmp(reasons_table[i].token, reason) == 0)
			return &reasons_table[i];
	return NULL;
}

int
fz_reason_known(const char *reason)
{
	return reason != NULL && reason_def(reason) != NULL;
}

void
fz_check_reason(const char *what, const char *reason, enum smx_result result)
{
	const struct smx_reason_def *d;

	FZ_CHECK((unsigned)result <= SMX_FAIL, "%s: result %d out of the enum", what, (int)result);
	if (reason == NULL) {
		FZ_CHECK(result == SMX_PASS, "%s: result %s without a reason", what,
		    smx_result_name(result));
		return;
	}
	FZ_CHECK((d = reason_def(reason)) != NULL, "%s: reason \"%s\" not in the vocabulary",
	    what, reason);
	if (strncmp(reason, R_LIMIT_PREFIX, strlen(R_LIMIT_PREFIX)) == 0) {
		int found = 0;

		for (size_t i = 0; i < limits_count; i++)
			if (strcmp(reason + strlen(R_LIMIT_PREFIX), limits_table[i].token) == 0)
				found = 1;
		FZ_CHECK(found, "%s: reason %s names no limit", what, reason);
	}
	FZ_CHECK(d->result == result, "%s: reason %s goes with %s, given with %s", what,
	    reason, smx_result_name(d->result), smx_result_name(result));
}

static void
check_serial(const char *s)
{
	if (s == NULL)
		return;
	for (const char *p = s; *p != '\0'; p++)
		FZ_CHECK(hexup(*p) || (p == s && *p == '-'), "serial \"%s\" is not upper-case hex", s);
}

static void
check_signer(const struct smx_signer *s, const struct smx_layer *l)
{
	fz_check_reason("signer", s->reason, s->result);
	FZ_CHECK(!smx_result_worse(s->result, l->result),
	    "signer %s is worse than its layer %s", smx_result_name(s->result),
	    smx_result_name(l->result));
	FZ_CHECK(s->signature == SMX_PASS || s->signature == SMX_FAIL ||
	    s->signature == SMX_NEUTRAL || s->signature == SMX_PERMERROR,
	    "signer signature result %d", (int)s->signature);
	if (s->chain != NULL)
		FZ_CHECK(strcmp(s->chain, "pass") == 0 || fz_reason_known(s->chain),
		    "chain \"%s\" not in the vocabulary", s->chain);
	FZ_CHECK(s->from_match == 0 || s->from_match == 1, "from_match %d", s->from_match);
	if (s->from_match)
		FZ_CHECK(s->identity != NULL && l->from != NULL, "from_match without addresses");
	fz_check_sanitizable(s->identity);
	fz_check_sanitizable(s->subject);
	fz_check_sanitizable(s->issuer);
	fz_check_sanitizable(s->serial);
	check_serial(s->serial);
	fz_check_sanitizable(s->key_alg);
	fz_check_sanitizable(s->sig_alg);
	fz_check_sanitizable(s->digest_alg);
	if (s->chain_certs != NULL)
		FZ_CHECK(sk_X509_num(s->chain_certs) >= 1, "empty chain stack");
}

void
fz_check_layer(const struct smx_layer *l, size_t nlayers)
{
	FZ_CHECK(l->kind == SMX_LAYER_DETACHED || l->kind == SMX_LAYER_OPAQUE ||
	    l->kind == SMX_LAYER_ENCRYPTED, "layer kind %d", (int)l->kind);
	FZ_CHECK(nlayers == 0 || l->depth < nlayers, "layer depth %zu of %zu layers",
	    l->depth, nlayers);
	fz_check_reason("layer", l->reason, l->result);
	if (l->part != NULL) {
		FZ_CHECK(fz_id_ok(l->part), "layer part id \"%s\"", l->part);
		fz_check_sanitizable(l->part);
	}
	fz_check_sanitizable(l->from);
	FZ_CHECK(l->nsigners == 0 || l->signers != NULL, "signers NULL");
	if (l->kind == SMX_LAYER_ENCRYPTED)
		FZ_CHECK(l->nsigners == 0, "encrypted layer with signers");
	for (size_t i = 0; i < l->nsigners; i++)
		check_signer(&l->signers[i], l);
}

void
fz_check_report(const struct smx_report *r, size_t bytes_fed)
{
	fz_check_reason("message", r->reason, r->result);
	FZ_CHECK(r->bytes == bytes_fed, "report bytes %zu, fed %zu", r->bytes, bytes_fed);
	fz_check_sanitizable(r->from);
	FZ_CHECK(r->nlayers == 0 || r->layers != NULL, "layers NULL");
	if (r->nlayers == 0)
		FZ_CHECK(r->result == SMX_NONE || r->result == SMX_PERMERROR ||
		    r->result == SMX_TEMPERROR, "no layers but result %s",
		    smx_result_name(r->result));
	for (size_t i = 0; i < r->nlayers; i++) {
		const struct smx_layer *l = &r->layers[i];

		fz_check_layer(l, r->nlayers);
		FZ_CHECK(l->part != NULL, "layer %zu without a part id", i);
		FZ_CHECK(!smx_result_worse(l->result, r->result),
		    "layer %zu %s is worse than the message %s", i,
		    smx_result_name(l->result), smx_result_name(r->result));
	}
}

/* --- comparing two records ------------------------------------------------ */

static int
str_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

#define DIFF(cond, ...) \
	do { if (!(cond)) { snprintf(why, whylen, __VA_ARGS__); return 1; } } while (0)
#define S(x) ((x) != NULL ? (x) : "(null)")

int
fz_report_diff(const struct smx_report *a, const struct smx_report *b,
    char *why, size_t whylen)
{
	DIFF(a->result == b->result, "result %s / %s", smx_result_name(a->result),
	    smx_result_name(b->result));
	DIFF(str_same(a->reason, b->reason), "reason %s / %s", S(a->reason), S(b->reason));
	DIFF(str_same(a->from, b->from), "from %s / %s", S(a->from), S(b->from));
	DIFF(a->bytes == b->bytes, "bytes %zu / %zu", a->bytes, b->bytes);
	DIFF(a->nlayers == b->nlayers, "layers %zu / %zu", a->nlayers, b->nlayers);
	for (size_t i = 0; i < a->nlayers; i++) {
		const struct smx_layer *x = &a->layers[i], *y = &b->layers[i];

		DIFF(x->kind == y->kind && x->depth == y->depth && x->result == y->result,
		    "layer %zu kind/depth/result", i);
		DIFF(str_same(x->part, y->part), "layer %zu part %s / %s", i, S(x->part), S(y->part));
		DIFF(str_same(x->reason, y->reason), "layer %zu reason %s / %s", i,
		    S(x->reason), S(y->reason));
		DIFF(str_same(x->from, y->from), "layer %zu from", i);
		DIFF(x->nsigners == y->nsigners, "layer %zu signers %zu / %zu", i,
		    x->nsigners, y->nsigners);
		DIFF((x->certs == NULL ? 0 : sk_X509_num(x->certs)) ==
		    (y->certs == NULL ? 0 : sk_X509_num(y->certs)), "layer %zu certs", i);
		for (size_t j = 0; j < x->nsigners; j++) {
			const struct smx_signer *s = &x->signers[j], *t = &y->signers[j];

			DIFF(s->result == t->result && s->signature == t->signature &&
			    s->from_match == t->from_match &&
			    s->has_signing_time == t->has_signing_time &&
			    (!s->has_signing_time || s->signing_time == t->signing_time) &&
			    (s->cert == NULL) == (t->cert == NULL),
			    "layer %zu signer %zu flags", i, j);
			DIFF(str_same(s->reason, t->reason) && str_same(s->chain, t->chain) &&
			    str_same(s->identity, t->identity) && str_same(s->subject, t->subject) &&
			    str_same(s->issuer, t->issuer) && str_same(s->serial, t->serial) &&
			    str_same(s->key_alg, t->key_alg) && str_same(s->sig_alg, t->sig_alg) &&
			    str_same(s->digest_alg, t->digest_alg),
			    "layer %zu signer %zu strings", i, j);
		}
	}
	return 0;
}
