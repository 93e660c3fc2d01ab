/*
 * check_mime_stream: unit tests of the streaming MIME parser.
 *
 * Every test runs the parser with recording callbacks that write one event
 * log: begin and end (with defects and the decoded body), and raw bytes
 * with their depth (adjacent runs at the same depth merged, so the log does
 * not depend on how the parser batches them).  The log also checks that
 * begin/end nest properly.  Most tests feed the same message LF-only and
 * CRLF, whole and in chunks of 1, 2, 3, 7 and 64 bytes, and require the same
 * log from all twelve runs.
 */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "smime/limits.h"
#include "smime/mime_stream.h"
#include "smime/smx_err.h"

/* --- recording callbacks ------------------------------------------------ */

struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap - b->len < n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		ck_assert_ptr_nonnull(b->p);
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void
sb_esc(struct sbuf *b, const unsigned char *p, size_t n)
{
	char tmp[8];

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\r')
			sb_str(b, "\\r");
		else if (p[i] == '\n')
			sb_str(b, "\\n");
		else if (p[i] == '\\')
			sb_str(b, "\\\\");
		else if (p[i] < 32 || p[i] > 126) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", p[i]);
			sb_str(b, tmp);
		} else
			sb_add(b, &p[i], 1);
	}
}

#define MAXREC 4096

struct rec {
	struct sbuf log;
	int raw_open;
	size_t raw_depth;
	int want;		/* what begin() returns */
	int quiet;		/* do not log raw bytes (huge inputs) */
	const char *fail_at;	/* "B:id", "E:id" or "R" / "Y" (first raw / body) */
	const struct mime_entity *stack[MAXREC];
	size_t nstack, nbegin, nend, nraw_calls, maxdepth;
	unsigned long long raw_total;
	int bad;		/* a nesting violation */
	struct sbuf rawd[4];	/* raw bytes per depth 0..3 */
	struct sbuf all;	/* every raw byte, in order (unless quiet) */
};

static void
close_raw(struct rec *r)
{
	if (r->raw_open)
		sb_str(&r->log, "\n");
	r->raw_open = 0;
}

static int
cb_begin(void *arg, struct mime_entity *e)
{
	struct rec *r = arg;
	char tmp[256];
	static const char *kinds[] = { "leaf", "multipart", "message" };

	close_raw(r);
	sb_str(&r->log, "B ");
	sb_str(&r->log, e->id);		/* ids of deep entities are long */
	snprintf(tmp, sizeof(tmp), " d=%zu i=%zu %s %s cte=%d", e->depth,
	    e->index, e->type, kinds[e->kind], (int)e->cte);
	sb_str(&r->log, tmp);
	if (e->parent != NULL) {
		sb_str(&r->log, " p=");
		sb_str(&r->log, e->parent->id);
	}
	if (e->filename != NULL) {
		sb_str(&r->log, " fn=");
		sb_esc(&r->log, (const unsigned char *)e->filename, strlen(e->filename));
	}
	if (e->from != NULL) {
		sb_str(&r->log, " from=");
		sb_esc(&r->log, (const unsigned char *)e->from, strlen(e->from));
	}
	for (size_t i = 0; i < e->nparams; i++) {
		sb_str(&r->log, i == 0 ? " {" : ";");
		sb_str(&r->log, e->params[i].name);
		sb_str(&r->log, "=");
		sb_esc(&r->log, (const unsigned char *)e->params[i].value,
		    strlen(e->params[i].value));
		ck_assert_str_eq(mime_param(e, e->params[i].name), e->params[i].value);
	}
	if (e->nparams > 0)
		sb_str(&r->log, "}");
	sb_str(&r->log, "\n");
	if (r->nstack > 0 && e->parent != r->stack[r->nstack - 1])
		r->bad = 1;
	if (r->nstack == MAXREC)
		r->bad = 1;
	else
		r->stack[r->nstack++] = e;
	if (r->nstack > r->maxdepth)
		r->maxdepth = r->nstack;
	r->nbegin++;
	e->user = calloc(1, sizeof(struct sbuf));
	if (r->fail_at && r->fail_at[0] == 'B' && strcmp(r->fail_at + 2, e->id) == 0)
		return -77;
	return r->want;
}

static int
cb_raw(void *arg, size_t depth, const unsigned char *p, size_t n)
{
	struct rec *r = arg;
	char tmp[32];

	r->nraw_calls++;
	r->raw_total += n;
	if (depth < 4 && !r->quiet)
		sb_add(&r->rawd[depth], p, n);
	if (!r->quiet) {
		sb_add(&r->all, p, n);
		if (!r->raw_open || depth != r->raw_depth) {
			close_raw(r);
			snprintf(tmp, sizeof(tmp), "R%zu:", depth);
			sb_str(&r->log, tmp);
			r->raw_open = 1;
			r->raw_depth = depth;
		}
		sb_esc(&r->log, p, n);
	}
	if (n == 0)
		r->bad = 1;
	if (r->fail_at && strcmp(r->fail_at, "R") == 0)
		return -78;
	return 0;
}

static int
cb_body(void *arg, struct mime_entity *e, const unsigned char *p, size_t n)
{
	struct rec *r = arg;

	if (r->nstack == 0 || r->stack[r->nstack - 1] != e || n == 0)
		r->bad = 1;
	sb_add(e->user, p, n);
	if (r->fail_at && strcmp(r->fail_at, "Y") == 0)
		return -79;
	return 0;
}

static int
cb_end(void *arg, struct mime_entity *e)
{
	struct rec *r = arg;
	struct sbuf *b = e->user;
	char tmp[256];

	close_raw(r);
	if (r->nstack == 0 || r->stack[r->nstack - 1] != e)
		r->bad = 1;
	else
		r->nstack--;
	r->nend++;
	sb_str(&r->log, "E ");
	sb_str(&r->log, e->id);
	snprintf(tmp, sizeof(tmp), " def=%#x", e->defects);
	sb_str(&r->log, tmp);
	if (b != NULL && b->len > 0) {
		sb_str(&r->log, " body=");
		sb_esc(&r->log, (const unsigned char *)b->p, b->len);
	}
	sb_str(&r->log, "\n");
	if (b != NULL)
		free(b->p);
	free(b);
	e->user = NULL;
	if (r->fail_at && r->fail_at[0] == 'E' && strcmp(r->fail_at + 2, e->id) == 0)
		return -80;
	return 0;
}

static void
rec_free(struct rec *r)
{
	free(r->log.p);
	free(r->all.p);
	for (int i = 0; i < 4; i++)
		free(r->rawd[i].p);
	memset(r, 0, sizeof(*r));
}

static struct mime_stream *
new_stream(struct rec *r, const struct smx_limits *lim, const struct mime_origin *o)
{
	struct mime_callbacks cb = { r, cb_begin, cb_raw, cb_body, cb_end };
	struct mime_stream *ms = mime_stream_new(lim, &cb, o);

	ck_assert_ptr_nonnull(ms);
	return ms;
}

/* Feed len bytes in chunks of chunk (0: at once), finish, log the limit. */
static int
feed(struct rec *r, struct mime_stream *ms, const char *msg, size_t len, size_t chunk)
{
	int rc = 0;

	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t off = 0; off < len && rc == 0; off += chunk)
		rc = mime_stream_write(ms, msg + off, len - off < chunk ? len - off : chunk);
	if (rc == 0)
		rc = mime_stream_finish(ms);
	close_raw(r);
	if (mime_stream_limit(ms) != NULL) {
		sb_str(&r->log, "L ");
		sb_str(&r->log, mime_stream_limit(ms)->token);
		sb_str(&r->log, "\n");
	}
	if (r->nstack != 0 || r->nbegin != r->nend)
		r->bad = 1;
	return rc;
}

/* msg with every line end made CRLF: what raw() must give, in total. */
static char *
canon(const char *msg, size_t len, size_t *outlen)
{
	char *d = malloc(2 * len + 1);
	size_t k = 0;

	ck_assert_ptr_nonnull(d);
	for (size_t i = 0; i < len; i++) {
		if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r'))
			d[k++] = '\r';
		d[k++] = msg[i];
	}
	*outlen = k;
	return d;
}

/* Parse msg; return its log (caller frees). */
static char *
run(const char *msg, size_t len, size_t chunk, const struct smx_limits *lim, int want)
{
	struct rec r = { 0 };
	struct mime_stream *ms;
	char *log, *c;
	size_t clen;

	r.want = want;
	ms = new_stream(&r, lim, NULL);
	ck_assert_int_eq(feed(&r, ms, msg, len, chunk), 0);
	ck_assert_msg(!r.bad, "events not properly nested:\n%.3000s", r.log.p);
	/* Every input byte reaches raw() exactly once, canonicalised. */
	if (mime_stream_limit(ms) == NULL) {
		c = canon(msg, len, &clen);
		ck_assert_uint_eq(r.all.len, clen);
		ck_assert_msg(clen == 0 || memcmp(r.all.p, c, clen) == 0, "raw bytes differ");
		free(c);
	}
	mime_stream_free(ms);
	log = r.log.p ? r.log.p : strdup("");
	r.log.p = NULL;
	rec_free(&r);
	return log;
}

/*
 * The log of msg (LF form), after checking that LF and CRLF input, whole
 * and in chunks of 1, 2, 3, 7 and 64 bytes, all give it.
 */
static char *
log_all(const char *msg, const struct smx_limits *lim, int want)
{
	static const size_t chunks[] = { 0, 1, 2, 3, 7, 64 };
	size_t crlen;
	char *crlf = canon(msg, strlen(msg), &crlen);
	char *ref = run(msg, strlen(msg), 0, lim, want);

	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		char *a = run(msg, strlen(msg), chunks[i], lim, want);
		char *b = run(crlf, crlen, chunks[i], lim, want);

		ck_assert_msg(strcmp(a, ref) == 0, "LF chunk %zu differs:\n%.3000s\n--- vs whole:\n%.3000s",
		    chunks[i], a, ref);
		ck_assert_msg(strcmp(b, ref) == 0, "CRLF chunk %zu differs:\n%.3000s\n--- vs LF whole:\n%.3000s",
		    chunks[i], b, ref);
		free(a);
		free(b);
	}
	free(crlf);
	return ref;
}

#define ASSERT_LOG(msg, want, expect) do { \
	char *log_ = log_all((msg), NULL, (want)); \
	ck_assert_msg(strcmp(log_, (expect)) == 0, "log:\n%.3000s\n--- expected:\n%.3000s", log_, (expect)); \
	free(log_); \
} while (0)

/* Does the log contain s? */
#define ASSERT_HAS(log, s) \
	ck_assert_msg(strstr((log), (s)) != NULL, "missing \"%s\" in:\n%.3000s", (s), (log))
#define ASSERT_LACKS(log, s) \
	ck_assert_msg(strstr((log), (s)) == NULL, "unexpected \"%s\" in:\n%.3000s", (s), (log))

enum { NONE = 0, BODY = MIME_WANT_BODY };

/* --- sample messages ------------------------------------------------------ */

static const char msg_signed[] =
    "From: Alice <alice@example.org>\n"
    "Subject: test\n"
    "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";\n"
    " micalg=sha-256; boundary=\"----B1\"\n"
    "\n"
    "preamble\n"
    "\n"
    "------B1\n"
    "Content-Type: text/plain\n"
    "\n"
    "Hello\n"
    "World\n"
    "\n"
    "------B1\n"
    "Content-Type: application/pkcs7-signature; name=smime.p7s\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "AAECAw==\n"
    "\n"
    "------B1--\n"
    "epilogue\n";

/* --- structure and raw bytes ---------------------------------------------- */

START_TEST(test_signed_message_gives_exact_events_and_raw_bytes)
{
	/* Part 1 as RFC 8551 signs it is "Content-Type: text/plain CRLF CRLF
	 * Hello CRLF World CRLF": the CRLF of the empty line before the
	 * delimiter belongs to the delimiter, at depth 0. */
	ASSERT_LOG(msg_signed, BODY,
	    "R0:From: Alice <alice@example.org>\\r\\nSubject: test\\r\\n"
	    "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";\\r\\n"
	    " micalg=sha-256; boundary=\"----B1\"\\r\\n\n"
	    "B 0 d=0 i=0 multipart/signed multipart cte=0 from=Alice <alice@example.org>"
	    " {protocol=application/pkcs7-signature;micalg=sha-256;boundary=----B1}\n"
	    "R0:\\r\\npreamble\\r\\n\\r\\n------B1\\r\\n\n"
	    "R1:Content-Type: text/plain\\r\\n\n"
	    "B 1 d=1 i=1 text/plain leaf cte=0 p=0\n"
	    "R1:\\r\\nHello\\r\\nWorld\\r\\n\n"
	    "E 1 def=0 body=Hello\\r\\nWorld\\r\\n\n"
	    "R0:\\r\\n------B1\\r\\n\n"
	    "R1:Content-Type: application/pkcs7-signature; name=smime.p7s\\r\\n"
	    "Content-Transfer-Encoding: base64\\r\\n\n"
	    "B 2 d=1 i=2 application/pkcs7-signature leaf cte=3 p=0 fn=smime.p7s {name=smime.p7s}\n"
	    "R1:\\r\\nAAECAw==\\r\\n\n"
	    "E 2 def=0 body=\\x00\\x01\\x02\\x03\n"
	    "R0:\\r\\n------B1--\\r\\nepilogue\\r\\n\n"
	    "E 0 def=0\n");
}
END_TEST

START_TEST(test_part_bytes_stop_before_the_delimiter_crlf)
{
	/* No blank line before the delimiter: the part ends without CRLF. */
	static const char msg[] =
	    "Content-Type: multipart/signed; boundary=b\n"
	    "\n"
	    "--b\n"
	    "Content-Type: text/plain\n"
	    "\n"
	    "signed text\n"
	    "--b\n"
	    "\n"
	    "sig\n"
	    "--b--";
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, NULL);

	ck_assert_int_eq(feed(&r, ms, msg, strlen(msg), 5), 0);
	ck_assert_str_eq(r.rawd[1].p, "Content-Type: text/plain\r\n\r\nsigned text\r\nsig");
	ck_assert_str_eq(r.rawd[0].p, "Content-Type: multipart/signed; boundary=b\r\n\r\n"
	    "--b\r\n\r\n--b\r\n\r\n--b--");
	ck_assert(!r.bad);
	mime_stream_free(ms);
	rec_free(&r);
}
END_TEST

START_TEST(test_nested_multipart_and_rfc822_ids)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=outer\n"
	    "\n"
	    "--outer\n"
	    "Content-Type: text/plain\n"
	    "From: not kept in a part\n"
	    "\n"
	    "one\n"
	    "--outer\n"
	    "Content-Type: multipart/alternative; boundary=alt\n"
	    "\n"
	    "--alt\n"
	    "\n"
	    "two\n"
	    "--alt\n"
	    "Content-Type: text/html\n"
	    "\n"
	    "<p>two</p>\n"
	    "--alt--\n"
	    "--outer\n"
	    "Content-Type: message/rfc822\n"
	    "\n"
	    "From: Bob\n"
	    " <bob@example.org>\n"
	    "Content-Type: multipart/mixed; boundary=in2\n"
	    "\n"
	    "--in2\n"
	    "\n"
	    "three\n"
	    "--in2--\n"
	    "--outer--\n";
	char *log = log_all(msg, NULL, NONE);

	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed multipart cte=0 {boundary=outer}\n");
	ASSERT_HAS(log, "B 1 d=1 i=1 text/plain leaf cte=0 p=0\n");
	ASSERT_HAS(log, "B 2 d=1 i=2 multipart/alternative multipart cte=0 p=0 {boundary=alt}\n");
	ASSERT_HAS(log, "B 2.1 d=2 i=1 text/plain leaf cte=0 p=2\n");
	ASSERT_HAS(log, "B 2.2 d=2 i=2 text/html leaf cte=0 p=2\n");
	ASSERT_HAS(log, "B 3 d=1 i=3 message/rfc822 message cte=0 p=0\n");
	ASSERT_HAS(log, "B 3.1 d=2 i=1 multipart/mixed multipart cte=0 p=3 "
	    "from=Bob <bob@example.org> {boundary=in2}\n");
	ASSERT_HAS(log, "B 3.1.1 d=3 i=1 text/plain leaf cte=0 p=3.1\n");
	ASSERT_LACKS(log, "def=0x");
	/* The enclosed message ends with its message/rfc822 entity, at the
	 * outer delimiter; its epilogue-free close left no CRLF behind. */
	ASSERT_HAS(log, "R2:\\r\\n--in2--\nE 3.1 def=0\nE 3 def=0\nR0:\\r\\n--outer--\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_rfc822_blank_line_stays_with_the_message_entity)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=b\n"
	    "\n"
	    "--b\n"
	    "Content-Type: message/rfc822\n"
	    "\n"
	    "Subject: inner\n"
	    "\n"
	    "text\n"
	    "--b--\n";
	char *log = log_all(msg, NULL, NONE);

	ASSERT_HAS(log, "R1:Content-Type: message/rfc822\\r\\n\n"
	    "B 1 d=1 i=1 message/rfc822 message cte=0 p=0\n"
	    "R1:\\r\\n\n"
	    "R2:Subject: inner\\r\\n\n"
	    "B 1.1 d=2 i=1 text/plain leaf cte=0 p=1\n"
	    "R2:\\r\\ntext\n"
	    "E 1.1 def=0\n"
	    "E 1 def=0\n"
	    "R0:\\r\\n--b--\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_origin_id_and_depth_prefix_children)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=x\n\n--x\n\na\n--x\n\nb\n--x--\n";
	size_t used = 7;
	struct mime_origin o = { 2, "2.1", &used };
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, &o);

	ck_assert_int_eq(feed(&r, ms, msg, strlen(msg), 3), 0);
	ASSERT_HAS(r.log.p, "B 2.1 d=2 i=0 multipart/mixed");
	ASSERT_HAS(r.log.p, "B 2.1.1 d=3 i=1 text/plain leaf cte=0 p=2.1\n");
	ASSERT_HAS(r.log.p, "B 2.1.2 d=3 i=2 text/plain leaf cte=0 p=2.1\n");
	ck_assert_uint_eq(used, 10);
	mime_stream_free(ms);
	rec_free(&r);
}
END_TEST

START_TEST(test_digest_children_default_to_message_rfc822)
{
	static const char msg[] =
	    "Content-Type: multipart/digest; boundary=d\n"
	    "\n"
	    "--d\n"
	    "\n"
	    "From: x@example.org\n"
	    "Subject: a\n"
	    "\n"
	    "body a\n"
	    "--d\n"
	    "Content-Type: text/plain\n"
	    "\n"
	    "not a message\n"
	    "--d--\n";
	char *log = log_all(msg, NULL, BODY);

	ASSERT_HAS(log, "B 1 d=1 i=1 message/rfc822 message cte=0 p=0\n");
	ASSERT_HAS(log, "B 1.1 d=2 i=1 text/plain leaf cte=0 p=1 from=x@example.org\n");
	ASSERT_HAS(log, "E 1.1 def=0 body=body a\n");
	ASSERT_HAS(log, "B 2 d=1 i=2 text/plain leaf cte=0 p=0\n");
	free(log);
}
END_TEST

START_TEST(test_rfc2231_parameters_and_filenames)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=\"b\"\n"
	    "\n"
	    "--b\n"
	    "Content-Type: application/octet-stream;\n"
	    " name*0*=utf-8''%E2%82%AC;\n"
	    " name*1=\"uro rates.pdf\"\n"
	    "Content-Disposition: attachment;\n"
	    " filename*=UTF-8'en'%C3%A9t%C3%A9.txt\n"
	    "\n"
	    "x\n"
	    "--b\n"
	    "Content-Type: text/plain; name*1=\"name.txt\"; name*0=\"long\"\n"
	    "\n"
	    "y\n"
	    "--b--\n";
	char *log = log_all(msg, NULL, NONE);

	ASSERT_HAS(log, "B 1 d=1 i=1 application/octet-stream leaf cte=0 p=0 "
	    "fn=\\xc3\\xa9t\\xc3\\xa9.txt {name=\\xe2\\x82\\xacuro rates.pdf}\n");
	ASSERT_HAS(log, "B 2 d=1 i=2 text/plain leaf cte=0 p=0 fn=longname.txt {name=longname.txt}\n");
	ASSERT_LACKS(log, "def=0x");
	free(log);
}
END_TEST

START_TEST(test_quoted_boundary_with_specials_and_comment)
{
	static const char msg[] =
	    "Content-Type: Multipart/Mixed (a comment); boundary=\"=_a b:\\\"c\\\"?\" (x)\n"
	    "\n"
	    "--=_a b:\"c\"?\n"
	    "\n"
	    "part\n"
	    "--=_a b:\"c\"?--\n";
	char *log = log_all(msg, NULL, BODY);

	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed multipart cte=0 {boundary==_a b:\"c\"?}\n");
	ASSERT_HAS(log, "E 1 def=0 body=part\n");
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
}
END_TEST

START_TEST(test_transport_padding_after_delimiter)
{
	char msg[1024];
	char pad[401];

	memset(pad, ' ', 400);
	pad[400] = '\0';
	snprintf(msg, sizeof(msg),
	    "Content-Type: multipart/mixed; boundary=b\n"
	    "\n"
	    "--b \t \n"
	    "\n"
	    "--bb\n"
	    "--b x\n"
	    "--b%s\n"
	    "--b-- \t\n", pad);
	char *log = log_all(msg, NULL, BODY);

	/* "--bb", "--b x" and a padding longer than the delimiter window are
	 * body lines. */
	ASSERT_HAS(log, "R0:\\r\\n--b \\x09 \\r\\n\n");
	ASSERT_HAS(log, "E 1 def=0 body=--bb\\r\\n--b x\\r\\n--b    ");
	ASSERT_HAS(log, "R0:\\r\\n--b-- \\x09\\r\\n\nE 0 def=0\n");
	free(log);
}
END_TEST

START_TEST(test_outer_delimiter_closes_inner_entities)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=outer\n"
	    "\n"
	    "--outer\n"
	    "Content-Type: multipart/mixed; boundary=inner\n"
	    "\n"
	    "--inner\n"
	    "\n"
	    "inner text\n"
	    "--outer\n"
	    "\n"
	    "after\n"
	    "--outer--\n";
	char *log = log_all(msg, NULL, BODY);

	ASSERT_HAS(log, "R2:\\r\\ninner text\n"
	    "E 1.1 def=0 body=inner text\n"
	    "E 1 def=0x2\n"
	    "R0:\\r\\n--outer\\r\\n\n");
	ASSERT_HAS(log, "E 2 def=0 body=after\n");
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
}
END_TEST

START_TEST(test_inner_epilogue_stays_with_inner_multipart)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=outer\n"
	    "\n"
	    "--outer\n"
	    "Content-Type: multipart/mixed; boundary=inner\n"
	    "\n"
	    "--inner--\n"
	    "inner epilogue\n"
	    "--inner\n"
	    "--outer--\n";
	char *log = log_all(msg, NULL, NONE);

	/* After its close delimiter, the inner multipart's own boundary is
	 * epilogue text; it ends with the outer delimiter, properly closed. */
	ASSERT_HAS(log, "R1:\\r\\n--inner--\\r\\ninner epilogue\\r\\n--inner\nE 1 def=0\n"
	    "R0:\\r\\n--outer--\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_missing_close_delimiter_and_missing_parts)
{
	char *log = log_all("Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext\n", NULL, BODY);

	ASSERT_HAS(log, "E 1 def=0 body=text\\r\\n\nE 0 def=0x2\n");
	free(log);
	log = log_all("Content-Type: multipart/mixed; boundary=b\n\nno parts\n--c\n", NULL, BODY);
	ASSERT_HAS(log, "R0:\\r\\nno parts\\r\\n--c\\r\\n\nE 0 def=0x6\n");
	free(log);
}
END_TEST

START_TEST(test_multipart_without_boundary_is_a_leaf)
{
	char *log = log_all("Content-Type: multipart/mixed\n\n--b\nx\n", NULL, BODY);

	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed leaf cte=0\n");
	ASSERT_HAS(log, "E 0 def=0x1 body=--b\\r\\nx\\r\\n\n");
	free(log);
	log = log_all("Content-Type: multipart/mixed; boundary=\"\"\n\n", NULL, BODY);
	ASSERT_HAS(log, "E 0 def=0x1\n");
	free(log);
}
END_TEST

START_TEST(test_input_ending_inside_headers)
{
	char *log = log_all("Subject: x\nContent-Type: text/html", NULL, BODY);

	ASSERT_LOG("Subject: x\nContent-Type: text/html", BODY,
	    "R0:Subject: x\\r\\nContent-Type: text/html\n"
	    "B 0 d=0 i=0 text/html leaf cte=0\n"
	    "E 0 def=0x40\n");
	free(log);
	log = log_all("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n",
	    NULL, BODY);
	ASSERT_HAS(log, "B 1 d=1 i=1 text/html leaf cte=0 p=0\nE 1 def=0x40\nE 0 def=0x2\n");
	free(log);
	/* A delimiter cuts a header block short. */
	log = log_all("Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/html\n--b\n\nx\n--b--\n", NULL, BODY);
	ASSERT_HAS(log, "B 1 d=1 i=1 text/html leaf cte=0 p=0\nE 1 def=0x40\n");
	ASSERT_HAS(log, "E 2 def=0 body=x\n");
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
	/* Empty input: a root with nothing. */
	ASSERT_LOG("", BODY, "B 0 d=0 i=0 text/plain leaf cte=0\nE 0 def=0x40\n");
}
END_TEST

START_TEST(test_header_line_without_colon_is_skipped)
{
	static const char msg[] =
	    "Subject: x\n"
	    "this line has no colon\n"
	    " and this continues it: skipped too\n"
	    "Content-Type : text/html\n"
	    "\n"
	    "body\n";
	char *log = log_all(msg, NULL, BODY);

	ASSERT_HAS(log, "B 0 d=0 i=0 text/html leaf cte=0\n");
	ASSERT_HAS(log, "E 0 def=0x80 body=body\\r\\n\n");
	free(log);
	log = log_all(" leading continuation\nContent-Type: text/html\n\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 text/html leaf");
	ASSERT_HAS(log, "E 0 def=0x80\n");
	free(log);
}
END_TEST

START_TEST(test_bad_content_type_falls_back_to_default)
{
	char *log = log_all("Content-Type: text\n\nx", NULL, NONE);

	ASSERT_HAS(log, "B 0 d=0 i=0 text/plain leaf cte=0\n");
	ASSERT_HAS(log, "E 0 def=0x80\n");
	free(log);
	/* A type with a broken parameter list keeps its type. */
	log = log_all("Content-Type: multipart/mixed; boundary=b; =x\n\n--b\n\n--b--\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed multipart");
	ASSERT_HAS(log, "E 0 def=0x80\n");
	free(log);
	/* A repeated Content-* field is flagged; the first counts. */
	log = log_all("Content-Type: text/html\ncontent-type: image/png\n\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 text/html leaf");
	ASSERT_HAS(log, "E 0 def=0x80\n");
	free(log);
	log = log_all("Content-Transfer-Encoding: base64\nContent-Transfer-Encoding: 7bit\n\n",
	    NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 text/plain leaf cte=3\n");
	ASSERT_HAS(log, "E 0 def=0x80\n");
	free(log);
	/* Two From fields: the first is kept, and the message is flagged,
	 * so that no signer can be said to match its From. */
	log = log_all("From: a\nFrom: b\n\n", NULL, NONE);
	ASSERT_HAS(log, "from=a\n");
	ASSERT_HAS(log, "E 0 def=0x200\n");
	free(log);
}
END_TEST

START_TEST(test_unknown_cte_passes_body_as_is)
{
	char *log = log_all("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n=x\n", NULL, BODY);

	ASSERT_HAS(log, "B 0 d=0 i=0 text/plain leaf cte=5\n");
	ASSERT_HAS(log, "E 0 def=0x20 body=begin 644 f\\r\\n=x\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_base64_body_and_defects)
{
	char *log = log_all("Content-Transfer-Encoding: BASE64\n\nQUJD\nREVG\n", NULL, BODY);

	ASSERT_HAS(log, "E 0 def=0 body=ABCDEF\n");
	free(log);
	log = log_all("Content-Transfer-Encoding: base64\n\nQU!JD\n", NULL, BODY);
	ASSERT_HAS(log, "E 0 def=0x8 body=ABC\n");
	free(log);
	log = log_all("Content-Transfer-Encoding: base64\n\nQQ==\nQQ==\n", NULL, BODY);
	ASSERT_HAS(log, "E 0 def=0x8 body=A\n");
	free(log);
	log = log_all("Content-Transfer-Encoding: base64\n\nQUJ\n", NULL, BODY);
	ASSERT_HAS(log, "E 0 def=0x8 body=AB\n");
	free(log);
	/* Defects are only looked for in bodies that were asked for. */
	log = log_all("Content-Transfer-Encoding: base64\n\n!!\n", NULL, NONE);
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
}
END_TEST

START_TEST(test_quoted_printable_body_and_defects)
{
	char *log = log_all("Content-Transfer-Encoding: quoted-printable\n\n"
	    "caf=C3=A9 =\nsoft  \nend=3d\n", NULL, BODY);

	ASSERT_HAS(log, "E 0 def=0 body=caf\\xc3\\xa9 soft\\r\\nend=\\r\\n\n");
	free(log);
	log = log_all("Content-Transfer-Encoding: quoted-printable\n\n=ZZbad =4\n", NULL, BODY);
	ASSERT_HAS(log, "E 0 def=0x10 body==ZZbad =4\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_identity_bodies_are_canonical_crlf_text)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=b\n"
	    "\n"
	    "--b\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "\n"
	    "l\xc3\xa4ne 1\n"
	    "line 2\n"
	    "--b\n"
	    "Content-Transfer-Encoding: binary\n"
	    "\n"
	    "\x01\x02\n"
	    "\n"
	    "--b--\n";
	char *log = log_all(msg, NULL, BODY);

	ASSERT_HAS(log, "E 1 def=0 body=l\\xc3\\xa4ne 1\\r\\nline 2\n");
	ASSERT_HAS(log, "E 2 def=0 body=\\x01\\x02\\r\\n\n");
	free(log);
}
END_TEST

START_TEST(test_lone_cr_is_data)
{
	char *log = log_all("Subject: a\rb\n\nx\ry\r", NULL, BODY);

	/* (The log writes any CR as \r.) */
	ASSERT_HAS(log, "R0:Subject: a\\rb\\r\\n\n");
	ASSERT_HAS(log, "E 0 def=0 body=x\\ry\\r\n");
	free(log);
}
END_TEST

START_TEST(test_delimiters_at_end_of_input_without_line_end)
{
	char *log = log_all("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--", NULL, BODY);

	ASSERT_HAS(log, "E 1 def=0 body=x\nR0:\\r\\n--b--\nE 0 def=0\n");
	free(log);
	log = log_all("Content-Type: multipart/mixed; boundary=b\n\n--b", NULL, BODY);
	ASSERT_HAS(log, "R0:\\r\\n--b\n"
	    "B 1 d=1 i=1 text/plain leaf cte=0 p=0\nE 1 def=0x40\nE 0 def=0x2\n");
	free(log);
}
END_TEST

START_TEST(test_empty_parts_between_delimiters)
{
	char *log = log_all("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\n--b--\n",
	    NULL, BODY);

	ASSERT_HAS(log, "B 1 d=1 i=1 text/plain leaf cte=0 p=0\nE 1 def=0x40\n");
	ASSERT_HAS(log, "B 2 d=1 i=2 text/plain leaf cte=0 p=0\nE 2 def=0\n");
	free(log);
}
END_TEST

START_TEST(test_encoded_containers_stay_leaves)
{
	char *log = log_all("Content-Type: multipart/mixed; boundary=b\n"
	    "Content-Transfer-Encoding: base64\n\nLS1i\n", NULL, BODY);

	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed leaf cte=3");
	ASSERT_HAS(log, "E 0 def=0x20 body=--b\n");
	free(log);
	log = log_all("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 message/rfc822 leaf cte=3");
	ASSERT_HAS(log, "E 0 def=0x20\n");
	free(log);
	/* RFC 6532 allows an encoded message/global: no defect. */
	log = log_all("Content-Type: message/global\nContent-Transfer-Encoding: base64\n\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 message/global leaf cte=3");
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
	log = log_all("Content-Type: message/global\nContent-Transfer-Encoding: 8bit\n\n"
	    "Subject: \xc3\xa4\n\nx\n", NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 message/global message cte=1");
	ASSERT_HAS(log, "B 1 d=1 i=1 text/plain leaf cte=0 p=0\n");
	free(log);
}
END_TEST

/* --- limits ------------------------------------------------------------------ */

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* levels nested multiparts around one text part, or message/rfc822 nests. */
static char *
deep_message(size_t levels, int rfc822)
{
	struct sbuf b = { 0 };
	char tmp[128];

	for (size_t i = 0; i < levels; i++) {
		if (rfc822)
			snprintf(tmp, sizeof(tmp), "Content-Type: message/rfc822\n\n");
		else
			snprintf(tmp, sizeof(tmp),
			    "Content-Type: multipart/mixed; boundary=b%zu\n\n--b%zu\n", i, i);
		sb_str(&b, tmp);
	}
	sb_str(&b, "\nleaf\n");
	return b.p;
}

START_TEST(test_depth_limit_stops_1000_deep_multiparts)
{
	char *msg = deep_message(1000, 0);
	char *log = log_all(msg, NULL, BODY);

	/* Depths 0..64 exist (default MaxNestingDepth 64); depth 65 is the
	 * limit; every open entity ends with MIME_DEF_ABORTED. */
	ck_assert(strncmp(log, "R0:", 3) == 0);
	ck_assert_uint_eq(count(log, "\nB "), 65);
	ck_assert_uint_eq(count(log, "E "), 65);
	ck_assert_uint_eq(count(log, "def=0x100\n"), 65);
	ASSERT_HAS(log, "B 1.1.1.1");
	ASSERT_HAS(log, " d=64 ");
	ASSERT_LACKS(log, " d=65 ");
	ASSERT_HAS(log, "L depth\n");
	free(log);
	free(msg);
}
END_TEST

START_TEST(test_depth_limit_stops_1000_deep_rfc822)
{
	char *msg = deep_message(1000, 1);
	char *log = log_all(msg, NULL, NONE);

	ck_assert_uint_eq(count(log, "E "), 65);
	ck_assert_uint_eq(count(log, "def=0x100\n"), 65);
	ASSERT_HAS(log, "L depth\n");
	free(log);
	free(msg);
}
END_TEST

START_TEST(test_depth_limit_allows_max_depth)
{
	struct smx_limits lim;
	char *msg = deep_message(1000, 0), *log;

	limits_default(&lim);
	lim.max_depth = 1000;
	/* 1000 multiparts (depths 0..999) and a leaf at depth 1000. */
	log = run(msg, strlen(msg), 0, &lim, BODY);
	ck_assert_uint_eq(count(log, "E "), 1001);
	ASSERT_HAS(log, " d=1000 i=1 text/plain leaf");
	ASSERT_HAS(log, "body=leaf\\r\\n\n");
	ASSERT_LACKS(log, "L depth");
	free(log);
	free(msg);
	/* One more level is too deep. */
	msg = deep_message(1001, 0);
	log = run(msg, strlen(msg), 7, &lim, BODY);
	ck_assert_uint_eq(count(log, "E "), 1001);
	ASSERT_HAS(log, "L depth\n");
	free(log);
	free(msg);
}
END_TEST

START_TEST(test_parts_limit_counts_entities)
{
	static const char msg[] =
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\n\n1\n--b\n\n2\n--b\n\n3\n--b\n\n4\n--b\n\n5\n--b\n\n6\n--b--\n";
	struct smx_limits lim;
	char *log;

	limits_default(&lim);
	lim.max_parts = 5;
	log = log_all(msg, &lim, BODY);
	ck_assert_uint_eq(count(log, "E "), 5);
	/* Root and parts 1-4 exist; part 5 would be the sixth entity. */
	ASSERT_HAS(log, "E 4 def=0 body=4\nR0:\\r\\n--b\\r\\n\nE 0 def=0x100\nL parts\n");
	free(log);
	lim.max_parts = 7;
	log = log_all(msg, &lim, BODY);
	ASSERT_LACKS(log, "L parts");
	free(log);
}
END_TEST

START_TEST(test_parts_counter_is_shared_between_streams)
{
	static const char msg[] = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n";
	struct smx_limits lim;
	size_t used = 0;
	struct mime_origin o1 = { 0, "0", &used }, o2 = { 2, "1.1", &used };
	struct rec r1 = { 0 }, r2 = { 0 };
	struct mime_stream *a, *b;

	limits_default(&lim);
	lim.max_parts = 3;
	a = new_stream(&r1, &lim, &o1);
	ck_assert_int_eq(feed(&r1, a, msg, strlen(msg), 0), 0);
	ck_assert_uint_eq(used, 2);
	ck_assert_ptr_null(mime_stream_limit(a));
	b = new_stream(&r2, &lim, &o2);
	ck_assert_int_eq(feed(&r2, b, msg, strlen(msg), 0), 0);
	ck_assert_uint_eq(used, 3);
	ck_assert_str_eq(mime_stream_limit(b)->token, "parts");
	ASSERT_HAS(r2.log.p, "B 1.1 d=2 i=0 multipart/mixed");
	ASSERT_HAS(r2.log.p, "E 1.1 def=0x100\n");
	ck_assert(!r2.bad);
	mime_stream_free(a);
	mime_stream_free(b);
	rec_free(&r1);
	rec_free(&r2);
}
END_TEST

START_TEST(test_origin_beyond_limits_makes_no_callbacks)
{
	struct mime_origin o = { 65, "1", NULL };
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, &o);

	ck_assert_str_eq(mime_stream_limit(ms)->token, "depth");
	ck_assert_int_eq(mime_stream_write(ms, "Subject: x\n\nbody\n", 17), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	ck_assert_uint_eq(r.nbegin + r.nend + r.nraw_calls, 0);
	mime_stream_free(ms);
	rec_free(&r);
}
END_TEST

/* 64 KiB of 64-byte header lines. */
static char *
filler_chunk(size_t *len)
{
	size_t n = 65536;
	char *c = malloc(n);

	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < n; i += 64) {
		memcpy(c + i, "X-Filler: ", 10);
		memset(c + i + 10, 'a', 52);
		memcpy(c + i + 62, "\r\n", 2);
	}
	*len = n;
	return c;
}

START_TEST(test_header_bytes_limit_on_100mb_of_header_lines)
{
	size_t len, total = 100u << 20;
	char *chunk = filler_chunk(&len);
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, NULL);

	r.quiet = 1;
	ck_assert_int_eq(mime_stream_write(ms, "Subject: big\r\n", 14), 0);
	for (size_t off = 0; off < total; off += len)
		ck_assert_int_eq(mime_stream_write(ms, chunk, len), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	ck_assert_str_eq(mime_stream_limit(ms)->token, "header_bytes");
	/* Exactly MaxHeaderBytes of header reached raw(), then nothing. */
	ck_assert_uint_eq(r.raw_total, 1048576);
	ck_assert_uint_eq(r.nbegin, 1);
	ck_assert_uint_eq(r.nend, 1);
	ck_assert(!r.bad);
	mime_stream_free(ms);
	rec_free(&r);
	free(chunk);
}
END_TEST

START_TEST(test_100mb_of_header_lines_run_in_bounded_memory)
{
	size_t len, total = 100u << 20;
	char *chunk = filler_chunk(&len);
	struct smx_limits lim;
	struct rec r = { 0 };
	struct mime_stream *ms;
	long before;

	limits_default(&lim);
	lim.max_header_bytes = 1073741824;
	ms = new_stream(&r, &lim, NULL);
	r.quiet = 1;
	r.want = BODY;
	before = maxrss_kb();
	ck_assert_int_eq(mime_stream_write(ms, "Content-Type: text/plain\r\n", 26), 0);
	for (size_t off = 0; off < total; off += len)
		ck_assert_int_eq(mime_stream_write(ms, chunk, len), 0);
	ck_assert_int_eq(mime_stream_write(ms, "\r\nbody", 6), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	ck_assert_ptr_null(mime_stream_limit(ms));
	ck_assert_uint_eq(r.raw_total, 26 + total + 6);
	ck_assert_msg(maxrss_kb() - before < 16384, "memory grew by %ld KiB", maxrss_kb() - before);
	ck_assert_uint_eq(r.nend, 1);
	mime_stream_free(ms);
	rec_free(&r);
	free(chunk);
}
END_TEST

START_TEST(test_50mb_single_line_body_streams)
{
	static const char head[] =
	    "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n";
	size_t n = 1u << 20, total = 50u << 20;
	char *chunk = malloc(n);
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, NULL);
	long before = maxrss_kb();

	ck_assert_ptr_nonnull(chunk);
	memset(chunk, 'x', n);
	r.quiet = 1;
	ck_assert_int_eq(mime_stream_write(ms, head, strlen(head)), 0);
	/* The line starts like a delimiter, so it is held back at first. */
	ck_assert_int_eq(mime_stream_write(ms, "--b", 3), 0);
	for (size_t off = 0; off < total; off += n)
		ck_assert_int_eq(mime_stream_write(ms, chunk, n), 0);
	ck_assert_int_eq(mime_stream_write(ms, "\r\n--b--\r\n", 9), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	ck_assert_uint_eq(r.raw_total, strlen(head) + 3 + total + 9);
	ck_assert_msg(maxrss_kb() - before < 16384, "memory grew by %ld KiB", maxrss_kb() - before);
	ck_assert_uint_lt(r.nraw_calls, 100);
	ck_assert_uint_eq(r.nend, 2);
	ck_assert(!r.bad);
	mime_stream_free(ms);
	rec_free(&r);
	free(chunk);
}
END_TEST

START_TEST(test_header_line_limit_applies_to_kept_fields_only)
{
	struct sbuf b = { 0 };
	char *log;

	sb_str(&b, "Content-Type: text/plain;\n");
	for (int i = 0; i < 1000; i++)
		sb_str(&b, " x-a=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\";\n");
	sb_str(&b, "\nbody\n");
	log = log_all(b.p, NULL, NONE);
	/* A field cut by the limit is not used (half a Content-Type is not
	 * what was sent): begin() sees the default type, no parameters. */
	ASSERT_HAS(log, "B 0 d=0 i=0 text/plain leaf cte=0\n");
	ASSERT_LACKS(log, "{x-a=");
	ASSERT_HAS(log, "E 0 def=0x100\nL header_line\n");
	free(log);
	/* The same length in a field nobody keeps is fine. */
	memcpy(b.p, "X-Other-Fld:", 12);
	log = log_all(b.p, NULL, NONE);
	ASSERT_LACKS(log, "L ");
	ASSERT_HAS(log, "E 0 def=0\n");
	free(log);
	free(b.p);
}
END_TEST

START_TEST(test_boundary_limit)
{
	struct sbuf b = { 0 };
	char *log;

	sb_str(&b, "Content-Type: multipart/mixed; boundary=");
	for (int i = 0; i < 257; i++)
		sb_str(&b, "b");
	sb_str(&b, "\n\nx\n");
	log = log_all(b.p, NULL, NONE);
	ASSERT_HAS(log, "B 0 d=0 i=0 multipart/mixed multipart");
	ASSERT_HAS(log, "E 0 def=0x100\nL boundary\n");
	free(log);
	/* 256 (MaxBoundaryLength) is fine. */
	b.p[strlen("Content-Type: multipart/mixed; boundary=") + 256] = '\n';
	log = log_all(b.p, NULL, NONE);
	ASSERT_LACKS(log, "L ");
	free(log);
	free(b.p);
}
END_TEST

/* --- callbacks and calling sequence -------------------------------------- */

static struct rec *
run_failing(const char *fail_at, int *rc, int *rc_after)
{
	static struct rec r;
	struct mime_stream *ms;

	memset(&r, 0, sizeof(r));
	r.want = BODY;
	r.fail_at = fail_at;
	ms = new_stream(&r, NULL, NULL);
	*rc = feed(&r, ms, msg_signed, strlen(msg_signed), 16);
	*rc_after = mime_stream_write(ms, "x", 1);
	mime_stream_free(ms);
	return &r;
}

START_TEST(test_callback_error_stops_and_ends_begun_entities)
{
	int rc, after;
	struct rec *r;

	r = run_failing("B:1", &rc, &after);
	ck_assert_int_eq(rc, -77);
	ck_assert_int_eq(after, -77);
	ASSERT_HAS(r->log.p, "B 1 d=1");
	ASSERT_HAS(r->log.p, "E 1 def=0x100\nE 0 def=0x100\n");
	ASSERT_LACKS(r->log.p, "B 2");
	ck_assert_uint_eq(r->nbegin, r->nend);
	ck_assert(!r->bad);
	rec_free(r);

	r = run_failing("R", &rc, &after);
	ck_assert_int_eq(rc, -78);
	ck_assert_uint_eq(r->nbegin + r->nend, 0);	/* failed before begin(0) */
	rec_free(r);

	r = run_failing("Y", &rc, &after);
	ck_assert_int_eq(rc, -79);
	ck_assert_uint_eq(r->nbegin, r->nend);
	rec_free(r);

	r = run_failing("E:1", &rc, &after);
	ck_assert_int_eq(rc, -80);
	ASSERT_HAS(r->log.p, "E 1 def=0 body=Hello\\r\\nWorld\\r\\n\nE 0 def=0x100\n");
	ck_assert_uint_eq(r->nbegin, r->nend);
	rec_free(r);
}
END_TEST

START_TEST(test_calls_out_of_sequence)
{
	struct rec r = { 0 };
	struct mime_stream *ms = new_stream(&r, NULL, NULL);

	ck_assert_int_eq(mime_stream_write(NULL, "x", 1), SMX_ERR_INVAL);
	ck_assert_int_eq(mime_stream_finish(NULL), SMX_ERR_INVAL);
	ck_assert_int_eq(mime_stream_write(ms, NULL, 1), SMX_ERR_INVAL);
	ck_assert_int_eq(mime_stream_write(ms, NULL, 0), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	ck_assert_int_eq(mime_stream_write(ms, "x", 1), SMX_ERR_STATE);
	ck_assert_int_eq(mime_stream_finish(ms), SMX_ERR_STATE);
	ck_assert_ptr_null(mime_stream_free(ms));
	ck_assert_ptr_null(mime_stream_free(NULL));
	ck_assert_ptr_null(mime_stream_limit(NULL));
	ck_assert_ptr_null(mime_param(NULL, "x"));
	rec_free(&r);
}
END_TEST

START_TEST(test_null_callbacks_and_limits_are_accepted)
{
	struct mime_stream *ms = mime_stream_new(NULL, NULL, NULL);

	ck_assert_ptr_nonnull(ms);
	ck_assert_int_eq(mime_stream_write(ms, msg_signed, strlen(msg_signed)), 0);
	ck_assert_int_eq(mime_stream_finish(ms), 0);
	mime_stream_free(ms);
}
END_TEST

START_TEST(test_raw_bytes_come_in_long_runs)
{
	struct sbuf b = { 0 };
	struct rec r = { 0 };
	struct mime_stream *ms;

	sb_str(&b, "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Transfer-Encoding: base64\n\n");
	for (int i = 0; i < 13800; i++)	/* about 1 MiB */
		sb_str(&b, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n");
	sb_str(&b, "--b--\n");
	r.want = BODY;
	ms = new_stream(&r, NULL, NULL);
	ck_assert_int_eq(feed(&r, ms, b.p, b.len, 0), 0);
	ck_assert_uint_lt(r.nraw_calls, 30);
	ck_assert(!r.bad);
	mime_stream_free(ms);
	rec_free(&r);
	free(b.p);
}
END_TEST

/* --- random structure ------------------------------------------------------ */

START_TEST(test_random_messages_parse_alike_in_any_chunking)
{
	static const char *frag[] = {
		"Content-Type: multipart/mixed; boundary=a\n",
		"Content-Type: multipart/alternative; boundary=\"b\"\n",
		"Content-Type: message/rfc822\n", "Content-Type: multipart/digest; boundary=a\n",
		"Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
		"Content-Disposition: attachment; filename*=utf-8''%41\n",
		"\n", "\n", "\n", "--a\n", "--b\n", "--a--\n", "--b--\n", "--a", "--b-- \n",
		"QUJD\n", "QQ=\n", "=41=\n", "x\n", "\r", "-", "From: x\n", " folded\n",
		"no colon\n", "--", "y", "=\n",
	};
	unsigned long long seed = 0x9e3779b97f4a7c15ULL;
	struct smx_limits tight;

	limits_default(&tight);
	tight.max_depth = 3;
	tight.max_parts = 6;
	for (int it = 0; it < 400; it++) {
		struct sbuf b = { 0 };
		int n;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		n = (int)(seed % 40);
		sb_str(&b, "");
		for (int i = 0; i < n; i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			sb_str(&b, frag[seed % (sizeof(frag) / sizeof(frag[0]))]);
		}
		free(log_all(b.p, it % 2 ? &tight : NULL, it % 3 ? BODY : NONE));
		free(b.p);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mime_stream");
	TCase *tc = tcase_create("structure");
	TCase *tl = tcase_create("limits");
	TCase *tk = tcase_create("calls");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_signed_message_gives_exact_events_and_raw_bytes);
	tcase_add_test(tc, test_part_bytes_stop_before_the_delimiter_crlf);
	tcase_add_test(tc, test_nested_multipart_and_rfc822_ids);
	tcase_add_test(tc, test_rfc822_blank_line_stays_with_the_message_entity);
	tcase_add_test(tc, test_origin_id_and_depth_prefix_children);
	tcase_add_test(tc, test_digest_children_default_to_message_rfc822);
	tcase_add_test(tc, test_rfc2231_parameters_and_filenames);
	tcase_add_test(tc, test_quoted_boundary_with_specials_and_comment);
	tcase_add_test(tc, test_transport_padding_after_delimiter);
	tcase_add_test(tc, test_outer_delimiter_closes_inner_entities);
	tcase_add_test(tc, test_inner_epilogue_stays_with_inner_multipart);
	tcase_add_test(tc, test_missing_close_delimiter_and_missing_parts);
	tcase_add_test(tc, test_multipart_without_boundary_is_a_leaf);
	tcase_add_test(tc, test_input_ending_inside_headers);
	tcase_add_test(tc, test_header_line_without_colon_is_skipped);
	tcase_add_test(tc, test_bad_content_type_falls_back_to_default);
	tcase_add_test(tc, test_unknown_cte_passes_body_as_is);
	tcase_add_test(tc, test_base64_body_and_defects);
	tcase_add_test(tc, test_quoted_printable_body_and_defects);
	tcase_add_test(tc, test_identity_bodies_are_canonical_crlf_text);
	tcase_add_test(tc, test_lone_cr_is_data);
	tcase_add_test(tc, test_delimiters_at_end_of_input_without_line_end);
	tcase_add_test(tc, test_empty_parts_between_delimiters);
	tcase_add_test(tc, test_encoded_containers_stay_leaves);
	tcase_add_test(tc, test_random_messages_parse_alike_in_any_chunking);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);

	tcase_add_test(tl, test_depth_limit_stops_1000_deep_multiparts);
	tcase_add_test(tl, test_depth_limit_stops_1000_deep_rfc822);
	tcase_add_test(tl, test_depth_limit_allows_max_depth);
	tcase_add_test(tl, test_parts_limit_counts_entities);
	tcase_add_test(tl, test_parts_counter_is_shared_between_streams);
	tcase_add_test(tl, test_origin_beyond_limits_makes_no_callbacks);
	tcase_add_test(tl, test_header_bytes_limit_on_100mb_of_header_lines);
	tcase_add_test(tl, test_100mb_of_header_lines_run_in_bounded_memory);
	tcase_add_test(tl, test_50mb_single_line_body_streams);
	tcase_add_test(tl, test_header_line_limit_applies_to_kept_fields_only);
	tcase_add_test(tl, test_boundary_limit);
	tcase_set_timeout(tl, 600);
	suite_add_tcase(s, tl);

	tcase_add_test(tk, test_callback_error_stops_and_ends_begun_entities);
	tcase_add_test(tk, test_calls_out_of_sequence);
	tcase_add_test(tk, test_null_callbacks_and_limits_are_accepted);
	tcase_add_test(tk, test_raw_bytes_come_in_long_runs);
	suite_add_tcase(s, tk);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? 0 : 1;
}
