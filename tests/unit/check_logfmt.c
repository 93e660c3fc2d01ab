/*
 * NAME
 *	check_logfmt - the log line: writing, parsing, and the round trip
 * SYNOPSIS
 *	srcdir=TOP ./check_logfmt
 * DESCRIPTION
 *	logfmt_parse(logfmt_line(r)) must give r back for values with every
 *	kind of awkward byte the sanitizer lets through (spaces, quotes,
 *	backslashes, '=', '<', UTF-8); a syslog prefix is skipped; lines that
 *	are not ours are refused; a verdict built from a real message gives
 *	the keys a report needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "policy/logfmt.h"
#include "policy/verdict.h"
#include "smime/limits.h"
#include "smime/scan.h"
#include "smime/trust.h"

static void
fill(struct logrec *r, const char *qid, const char *const vals[LK_COUNT])
{
	memset(r, 0, sizeof(*r));
	r->queue_id = strdup(qid);
	for (int k = 0; k < LK_COUNT; k++)
		r->val[k] = vals[k] != NULL ? strdup(vals[k]) : NULL;
}

static void
assert_same(const struct logrec *a, const struct logrec *b)
{
	ck_assert_str_eq(a->queue_id, b->queue_id);
	for (int k = 0; k < LK_COUNT; k++) {
		if (a->val[k] == NULL)
			ck_assert_msg(b->val[k] == NULL, "%s: %s", logfmt_keys[k], b->val[k]);
		else
			ck_assert_msg(b->val[k] != NULL && strcmp(a->val[k], b->val[k]) == 0,
			    "%s: [%s] != [%s]", logfmt_keys[k], a->val[k], b->val[k] ? b->val[k] : "(null)");
	}
}

static const char *const awkward[] = {
	"plain", "two words", "say \"hi\"", "back\\\\slash", "a=b", "<x@y>", "",
	"CN=J\xc3\xbcrgen M\xc3\xbcller,O=Example \\x0A Inc", "trailing\\", "\"", " ",
};

START_TEST(round_trip)
{
	const char *vals[LK_COUNT] = { 0 };
	struct logrec a, b;
	char *line;

	for (int k = 0; k < LK_COUNT; k++)
		vals[k] = awkward[(k + _i) % (sizeof(awkward) / sizeof(awkward[0]))];
	vals[(_i * 3) % LK_COUNT] = NULL;	/* an absent key too */
	vals[LK_SMIME] = "pass";
	fill(&a, "4FxQ2z1abc", vals);
	line = logfmt_line(&a);
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_null(strchr(line, '\n'));
	ck_assert_int_eq(logfmt_parse(line, &b), 0);
	assert_same(&a, &b);
	free(line);
	logfmt_clear(&a);
	logfmt_clear(&b);
}
END_TEST

START_TEST(addresses_in_brackets)
{
	const char *vals[LK_COUNT] = { 0 };
	struct logrec a;
	char *line;

	vals[LK_SMIME] = "fail";
	vals[LK_FROM] = "alice@example.com";
	vals[LK_REASON] = "digest_mismatch";
	fill(&a, "ABC123", vals);
	line = logfmt_line(&a);
	ck_assert_str_eq(line, "ABC123: smime=fail reason=digest_mismatch from=<alice@example.com>");
	free(line);
	logfmt_clear(&a);
}
END_TEST

START_TEST(syslog_prefix_and_unknown_keys)
{
	struct logrec r;

	ck_assert_int_eq(logfmt_parse("Nov 28 12:00:01 mx smimilter[4242]: 4FxQ2: smime=pass "
	    "newkey=\"x y\" from=<a@b.example> br=fail", &r), 0);
	ck_assert_str_eq(r.queue_id, "4FxQ2");
	ck_assert_str_eq(r.val[LK_SMIME], "pass");
	ck_assert_str_eq(r.val[LK_FROM], "a@b.example");
	ck_assert_str_eq(r.val[LK_BR], "fail");
	logfmt_clear(&r);
}
END_TEST

START_TEST(not_ours)
{
	static const char *const bad[] = {
		"", "no colon here", "QID: from=<a@b>", "QID: smime=\"open", "QID: smime=pass junk",
		"QID: smime=pass from=<open", "two words: smime=pass",
	};
	struct logrec r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(logfmt_parse(bad[i], &r) < 0, "accepted: %s", bad[i]);
}
END_TEST

START_TEST(from_a_real_message)
{
	char path[1024], *line;
	const char *top = getenv("srcdir");
	struct cms_verify_opts o;
	struct smx_limits lim;
	struct decide_rules pol;
	struct smx_report rep;
	struct verdict v;
	struct logrec r, back;
	struct scan *sc;
	X509_STORE *st;
	FILE *fp;
	char buf[4096];
	size_t n;

	top = top != NULL && *top ? top : ".";
	snprintf(path, sizeof(path), "%s/tests/data/trust/root.pem", top);
	ck_assert_int_eq(trust_load(path, &st, NULL, buf, sizeof(buf)), 0);
	limits_default(&lim);
	memset(&o, 0, sizeof(o));
	o.trust = st;
	o.now = 1796083200;	/* 2026-12-01T00:00:00Z */
	o.skew = 300;
	o.lim = &lim;
	decide_default(&pol);
	snprintf(path, sizeof(path), "%s/tests/data/msg/rsa2048-detached.eml", top);
	ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
	sc = scan_new(&o);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		ck_assert_int_eq(scan_write(sc, buf, n), 0);
	fclose(fp);
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(scan_finish(sc, &rep), 0);
	scan_free(sc);
	ck_assert_int_eq(verdict_build(&rep, &pol, NULL, &v), 0);
	ck_assert_int_eq(logfmt_from_verdict(&r, "4FxQ2", &v, 3), 0);
	line = logfmt_line(&r);
	ck_assert_msg(strncmp(line, "4FxQ2: smime=pass from=<alice@example.com> signers=1 "
	    "identity=<alice@example.com> from_match=yes issuer=\"CN=smimilter Test SMIME RSA CA 2026,"
	    "O=smimilter Test PKI,C=US\" serial=", 143) == 0, "%s", line);
	ck_assert_ptr_nonnull(strstr(line, " key_alg=rsa-2048 sig_alg=rsa-pkcs1 digest_alg=sha-256 "
	    "br=pass br_type=mailbox br_gen=strict action=tag size="));
	ck_assert_int_eq(logfmt_parse(line, &back), 0);
	assert_same(&r, &back);
	free(line);
	logfmt_clear(&r);
	logfmt_clear(&back);
	verdict_clear(&v);
	smx_report_clear(&rep);
	X509_STORE_free(st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("logfmt");
	TCase *tc = tcase_create("logfmt");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, round_trip, 0, 40);
	tcase_add_test(tc, addresses_in_brackets);
	tcase_add_test(tc, syslog_prefix_and_unknown_keys);
	tcase_add_test(tc, not_ours);
	tcase_add_test(tc, from_a_real_message);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
