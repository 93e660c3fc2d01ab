/*
 * NAME
 *	check_msgctx - the mail path without libmilter: msgctx and cidr
 * DESCRIPTION
 *	Feeds messages as an MTA gives them (header fields one by one, then
 *	body chunks) and checks what the milter would do: the verdict equals
 *	the raw-file one, forged headers are deleted highest index first,
 *	our headers are inserted A-R on top, replies per policy, exemptions,
 *	MaximumMessageSize; and InternalHosts matching (cidr).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "milter/cidr.h"
#include "milter/hdr_ar.h"
#include "milter/msgctx.h"
#include "smime/limits.h"
#include "smime/trust.h"

static X509_STORE *store;
static struct smx_limits lim;
static struct cms_verify_opts vo;
static struct decide_rules rules;
static struct msgctx_cfg mc;

static void
setup(void)
{
	char path[1024], err[256];
	const char *top = getenv("srcdir");

	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top && *top ? top : ".");
	ck_assert_int_eq(trust_load(path, &store, NULL, err, sizeof(err)), 0);
	limits_default(&lim);
	memset(&vo, 0, sizeof(vo));
	vo.trust = store;
	vo.now = 1796083200;	/* 2026-12-01T00:00:00Z */
	vo.skew = 300;
	vo.lim = &lim;
	decide_default(&rules);
	memset(&mc, 0, sizeof(mc));
	mc.vo = &vo;
	mc.rules = &rules;
	mc.authserv_id = "mx.example.org";
	mc.br_header = HDR_BR_NAME_DEFAULT;
}

static void
teardown(void)
{
	X509_STORE_free(store);
}

/* Read tests/data/msg/NAME into a malloc()ed buffer. */
static char *
slurp(const char *name, size_t *len)
{
	char path[1024];
	const char *top = getenv("srcdir");
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/data/msg/%s", top && *top ? top : ".", name);
	ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/*
 * Feed msg as libmilter would: fields (name, value without the leading
 * space, folds kept), end of header, then the body in 1000-byte chunks.
 * extra: header lines put in front.
 */
static void
feed_as_mta(struct msgctx *m, const char *extra, const char *msg, size_t len)
{
	char *all = malloc(strlen(extra) + len + 1), *p, *end, *body;

	sprintf(all, "%s", extra);
	memcpy(all + strlen(extra), msg, len);
	all[strlen(extra) + len] = '\0';
	body = strstr(all, "\r\n\r\n");
	ck_assert_ptr_nonnull(body);
	*body = '\0';
	body += 4;
	for (p = all; p != NULL && *p; p = end) {
		char *colon = strchr(p, ':'), *v;

		/* a field ends at a CRLF not followed by white space */
		for (end = strstr(p, "\r\n"); end != NULL && (end[2] == ' ' || end[2] == '\t');
		    end = strstr(end + 2, "\r\n"))
			;
		if (end != NULL)
			*end = '\0', end += 2;
		ck_assert_ptr_nonnull(colon);
		*colon = '\0';
		for (v = colon + 1; *v == ' '; v++)
			;
		ck_assert_int_eq(msgctx_header(m, p, v, 0), 0);
	}
	ck_assert_int_eq(msgctx_eoh(m), 0);
	for (size_t off = 0, n = strlen(body); off < n; off += 1000)
		ck_assert_int_eq(msgctx_body(m, body + off, n - off < 1000 ? n - off : 1000), 0);
	free(all);
}

static void
run(const char *name, const char *extra, struct msg_result *r)
{
	size_t len;
	char *msg = slurp(name, &len);
	struct msgctx *m = msgctx_new(&mc);

	ck_assert_ptr_nonnull(m);
	msgctx_rcpt(m, "<bob@example.org>");
	feed_as_mta(m, extra, msg, len);
	ck_assert_int_eq(msgctx_eom(m, "4FxQ2", 1, r), 0);
	msgctx_free(m);
	free(msg);
}

START_TEST(same_verdict_as_raw)
{
	static const char *const names[] = {
		"rsa2048-detached.eml", "tampered-detached.eml", "nested-triple.eml",
		"ed25519-opaque.eml", "unsigned-plain.eml", "qp-canonical.eml",
	};
	size_t len;
	char *msg = slurp(names[_i], &len);
	struct msgctx *m = msgctx_new(&mc);
	struct msg_result a, b;

	ck_assert_int_eq(msgctx_raw(m, msg, len), 0);
	ck_assert_int_eq(msgctx_eom(m, NULL, 0, &a), 0);
	msgctx_free(m);
	free(msg);
	run(names[_i], "", &b);
	ck_assert_int_eq(a.rep.result, b.rep.result);
	ck_assert_uint_eq(a.rep.nlayers, b.rep.nlayers);
	ck_assert_int_eq(a.v.br_result, b.v.br_result);
	msgctx_result_clear(&a);
	msgctx_result_clear(&b);
}
END_TEST

START_TEST(tag_headers_and_forgeries)
{
	struct msg_result r;

	run("rsa2048-detached.eml",
	    "Authentication-Results: mx.example.org; smime=pass\r\n"
	    "Authentication-Results: other.example; dkim=pass\r\n"
	    "SMIME-BR-Compliance: pass\r\n"
	    "Authentication-Results: MX.EXAMPLE.ORG; smime=fail\r\n", &r);
	ck_assert_int_eq(r.status, MSG_CONTINUE);
	ck_assert_uint_eq(r.ndel, 3);
	ck_assert_str_eq(r.del[0].name, "Authentication-Results");
	ck_assert_int_eq(r.del[0].index, 3);	/* highest first */
	ck_assert_int_eq(r.del[1].index, 1);
	ck_assert_str_eq(r.del[2].name, "SMIME-BR-Compliance");
	ck_assert_int_eq(r.del[2].index, 1);
	ck_assert_uint_eq(r.nins, 2);
	ck_assert_str_eq(r.ins[1].name, "Authentication-Results");	/* inserted last: on top */
	ck_assert(strncmp(r.ins[1].value, "mx.example.org; smime=pass", 26) == 0);
	ck_assert_str_eq(r.ins[0].name, "SMIME-BR-Compliance");
	ck_assert_ptr_nonnull(strstr(r.log, "4FxQ2: smime=pass"));
	ck_assert(r.success);
	msgctx_result_clear(&r);
}
END_TEST

START_TEST(reject_and_tempfail)
{
	struct msg_result r;

	rules.global.on[DC_FAIL] = ACT_REJECT;
	run("tampered-detached.eml", "", &r);
	ck_assert_int_eq(r.status, MSG_REJECT);
	ck_assert_str_eq(r.rcode, "550");
	ck_assert_str_eq(r.xcode, "5.7.1");
	ck_assert_uint_eq(r.nins, 0);
	ck_assert_ptr_nonnull(strstr(r.log, "action=reject"));
	msgctx_result_clear(&r);
	rules.global.on[DC_FAIL] = ACT_TEMPFAIL;
	run("tampered-detached.eml", "", &r);
	ck_assert_int_eq(r.status, MSG_TEMPFAIL);
	ck_assert_str_eq(r.rcode, "451");
	ck_assert_str_eq(r.xcode, "4.7.1");
	msgctx_result_clear(&r);
	rules.global.on[DC_FAIL] = ACT_QUARANTINE;
	run("tampered-detached.eml", "", &r);
	ck_assert_int_eq(r.status, MSG_CONTINUE);
	ck_assert_ptr_nonnull(r.quarantine);
	ck_assert_uint_eq(r.nins, 2);
	msgctx_result_clear(&r);
}
END_TEST

START_TEST(recipient_and_sender_policies)
{
	struct decide_domain rc = { ".finance.example.org", { { 0 } } };
	struct decide_domain sd = { "example.com", { { 0 } } };
	struct msg_result r;
	size_t len;
	char *msg;
	struct msgctx *m;

	for (int i = 0; i < DC_COUNT; i++)
		rc.p.on[i] = sd.p.on[i] = ACT_UNSET;
	rc.p.on[DC_FAIL] = ACT_QUARANTINE;
	sd.p.on[DC_UNSIGNED] = ACT_REJECT;
	rules.rcpts = &rc;
	rules.nrcpts = 1;
	rules.senders = &sd;
	rules.nsenders = 1;
	msg = slurp("tampered-detached.eml", &len);
	m = msgctx_new(&mc);
	msgctx_rcpt(m, "<a@other.example>");
	msgctx_rcpt(m, "<b@ap.finance.example.org>");
	ck_assert_int_eq(msgctx_raw(m, msg, len), 0);
	ck_assert_int_eq(msgctx_eom(m, NULL, 0, &r), 0);
	ck_assert_ptr_nonnull(r.quarantine);	/* one recipient's policy is enough */
	msgctx_result_clear(&r);
	msgctx_free(m);
	free(msg);
	run("unsigned-plain.eml", "", &r);	/* From: alice@example.com */
	ck_assert_int_eq(r.status, MSG_REJECT);
	ck_assert_str_eq(r.text, "S/MIME policy: message must be signed");
	msgctx_result_clear(&r);
}
END_TEST

START_TEST(exempt_is_tagged)
{
	size_t len;
	char *msg = slurp("tampered-detached.eml", &len);
	struct msgctx *m = msgctx_new(&mc);
	struct msg_result r;

	rules.global.on[DC_FAIL] = ACT_REJECT;
	msgctx_set_exempt(m, 1);
	ck_assert_int_eq(msgctx_raw(m, msg, len), 0);
	ck_assert_int_eq(msgctx_eom(m, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, MSG_CONTINUE);
	ck_assert(r.v.decision.exempted);
	ck_assert_uint_eq(r.nins, 2);
	msgctx_result_clear(&r);
	msgctx_free(m);
	free(msg);
}
END_TEST

START_TEST(too_large)
{
	struct msg_result r;

	mc.max_size = 1000;
	run("rsa2048-detached.eml", "", &r);
	ck_assert_int_eq(r.rep.result, SMX_PERMERROR);
	ck_assert_str_eq(r.rep.reason, "too_large");
	ck_assert_uint_eq(r.rep.nlayers, 0);
	ck_assert_ptr_nonnull(strstr(r.ins[1].value, "reason=too_large"));
	/* the From was read before the size ran over: sender policies apply */
	ck_assert_ptr_nonnull(r.rep.from);
	ck_assert_str_eq(r.rep.from, "alice@example.com");
	msgctx_result_clear(&r);
}
END_TEST

/* An MTA that cannot quarantine gets the message tagged, flagged. */
START_TEST(quarantine_unoffered)
{
	struct msg_result r;

	rules.global.on[DC_FAIL] = ACT_QUARANTINE;
	mc.no_quarantine = 1;
	run("tampered-detached.eml", "", &r);
	ck_assert_int_eq(r.status, MSG_CONTINUE);
	ck_assert_ptr_null(r.quarantine);
	ck_assert(r.quarantine_lost);
	ck_assert_uint_eq(r.nins, 2);
	ck_assert_ptr_nonnull(strstr(r.log, "action=tag"));
	msgctx_result_clear(&r);
}
END_TEST

/* Two From fields, or two mailboxes in one: no signer matches the From. */
START_TEST(ambiguous_from)
{
	static const char *const extra[] = {
		"From: ceo@example.com\r\n",	/* a second From field, on top */
		"",				/* the original alone: a match */
	};
	size_t len;
	char *msg = slurp("rsa2048-detached.eml", &len), *all;
	struct msgctx *m;
	struct msg_result r;

	vo.require_from_match = 1;
	all = malloc(strlen(extra[_i]) + len + 1);
	strcpy(all, extra[_i]);
	memcpy(all + strlen(extra[_i]), msg, len);
	m = msgctx_new(&mc);
	ck_assert_int_eq(msgctx_raw(m, all, strlen(extra[_i]) + len), 0);
	ck_assert_int_eq(msgctx_eom(m, NULL, 0, &r), 0);
	if (_i == 0) {
		ck_assert_int_eq(r.rep.result, SMX_POLICY);
		ck_assert_str_eq(r.rep.reason, "from_mismatch");
		ck_assert_ptr_null(r.rep.from);
		ck_assert(!r.rep.layers[0].signers[0].from_match);
	} else {
		ck_assert_int_eq(r.rep.result, SMX_PASS);
		ck_assert(r.rep.layers[0].signers[0].from_match);
	}
	msgctx_result_clear(&r);
	msgctx_free(m);
	free(all);
	free(msg);
}
END_TEST

START_TEST(two_mailboxes_in_from)
{
	size_t len;
	char *msg = slurp("rsa2048-detached.eml", &len), *p;
	struct msgctx *m;
	struct msg_result r;
	const char *old = "From: Alice Example <alice@example.com>\r\n";
	const char *neu = "From: Alice Example <alice@example.com>, ceo@example.com\r\n";
	char *all = malloc(len + strlen(neu) + 1);

	vo.require_from_match = 1;
	ck_assert_ptr_nonnull(p = strstr(msg, old));
	memcpy(all, msg, (size_t)(p - msg));
	strcpy(all + (p - msg), neu);
	strcat(all, p + strlen(old));
	m = msgctx_new(&mc);
	ck_assert_int_eq(msgctx_raw(m, all, strlen(all)), 0);
	ck_assert_int_eq(msgctx_eom(m, NULL, 0, &r), 0);
	ck_assert_int_eq(r.rep.result, SMX_POLICY);
	ck_assert_str_eq(r.rep.reason, "from_mismatch");
	msgctx_result_clear(&r);
	msgctx_free(m);
	free(all);
	free(msg);
}
END_TEST

static struct sockaddr_storage
addr(const char *s)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof(ss));
	if (strchr(s, ':') != NULL) {
		ss.ss_family = AF_INET6;
		inet_pton(AF_INET6, s, &((struct sockaddr_in6 *)&ss)->sin6_addr);
	} else {
		ss.ss_family = AF_INET;
		inet_pton(AF_INET, s, &((struct sockaddr_in *)&ss)->sin_addr);
	}
	return ss;
}

START_TEST(cidr_match)
{
	static const char *const entries[] = { "127.0.0.1", "192.0.2.0/24", "2001:db8::/32", "10.1.2.3/31" };
	static const char *const bad[] = { "127.0.0.1", "300.1.1.1" };
	struct cidr_set *s;
	struct sockaddr_storage a;
	long badidx;

	ck_assert_ptr_nonnull(s = cidr_set_new(entries, 4, &badidx));
	a = addr("127.0.0.1");
	ck_assert(cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("192.0.2.200");
	ck_assert(cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("192.0.3.1");
	ck_assert(!cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("::ffff:192.0.2.7");
	ck_assert(cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("2001:db8:1::5");
	ck_assert(cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("2001:db9::1");
	ck_assert(!cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("10.1.2.2");
	ck_assert(cidr_set_match(s, (struct sockaddr *)&a));
	a = addr("10.1.2.4");
	ck_assert(!cidr_set_match(s, (struct sockaddr *)&a));
	ck_assert(!cidr_set_match(s, NULL));
	cidr_set_free(s);
	ck_assert_ptr_null(cidr_set_new(bad, 2, &badidx));
	ck_assert_int_eq(badidx, 1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("msgctx");
	TCase *tc = tcase_create("msgctx");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, same_verdict_as_raw, 0, 6);
	tcase_add_test(tc, tag_headers_and_forgeries);
	tcase_add_test(tc, reject_and_tempfail);
	tcase_add_test(tc, recipient_and_sender_policies);
	tcase_add_test(tc, exempt_is_tagged);
	tcase_add_test(tc, too_large);
	tcase_add_test(tc, quarantine_unoffered);
	tcase_add_loop_test(tc, ambiguous_from, 0, 2);
	tcase_add_test(tc, two_mailboxes_in_from);
	tcase_add_test(tc, cidr_match);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
