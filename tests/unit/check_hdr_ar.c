/*
 * NAME
 *	check_hdr_ar - Authentication-Results and BR header values
 * DESCRIPTION
 *	Builds verdicts by hand (one signer with hostile certificate strings,
 *	none, a layer error) and checks the exact values, the folding, that
 *	no CR, LF or unbalanced quote can come through, and the forged-header
 *	recognition of hdr_ar_is_ours().
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "milter/hdr_ar.h"

static struct smx_signer signer;
static struct smx_layer layer;
static struct smx_report rep;
static struct verdict v;
static struct br_verdict brv;

static void
setup(void)
{
	memset(&signer, 0, sizeof(signer));
	memset(&layer, 0, sizeof(layer));
	memset(&rep, 0, sizeof(rep));
	memset(&v, 0, sizeof(v));
	memset(&brv, 0, sizeof(brv));
	signer.result = SMX_PASS;
	signer.identity = "alice@example.com";
	signer.serial = "0A1B2C";
	signer.issuer = "CN=Example S/MIME CA,O=Example";
	layer.kind = SMX_LAYER_DETACHED;
	layer.part = "0";
	layer.from = "alice@example.com";
	layer.result = SMX_PASS;
	layer.signers = &signer;
	layer.nsigners = 1;
	rep.result = SMX_PASS;
	rep.from = "alice@example.com";
	rep.layers = &layer;
	rep.nlayers = 1;
	v.rep = &rep;
	v.br = &brv;
	v.nsigners = 1;
	brv.result = BR_PASS;
	brv.prof.type = BR_MAILBOX;
	brv.prof.gen = BR_STRICT;
	v.br_result = BR_PASS;
	v.br_worst = &brv;
}

/* No CR, no LF except before a tab, quotes balanced outside escapes. */
static void
assert_clean(const char *s)
{
	int inq = 0;

	for (const char *p = s; *p; p++) {
		ck_assert_msg(*p != '\r', "CR in %s", s);
		if (*p == '\n')
			ck_assert_msg(p[1] == '\t', "bare LF in %s", s);
		if (inq && *p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == '"')
			inq = !inq;
	}
	ck_assert_msg(!inq, "unbalanced quotes: %s", s);
}

static int
top_level_semicolons(const char *s)
{
	int inq = 0, n = 0;

	for (const char *p = s; *p; p++) {
		if (inq && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			inq = !inq;
		else if (!inq && *p == ';')
			n++;
	}
	return n;
}

START_TEST(pass_exact)
{
	char *s = hdr_ar_value(&v, "mx.example.org", strlen(HDR_AR_NAME));

	/* "Authentication-Results: " takes 24 columns of the first line */
	ck_assert_str_eq(s, "mx.example.org; smime=pass\n"
	    "\theader.from=alice@example.com body.smime-identifier=alice@example.com\n"
	    "\tbody.smime-part=0 body.smime-serial=0A1B2C\n"
	    "\tbody.smime-issuer=\"CN=Example S/MIME CA,O=Example\"");
	free(s);
}
END_TEST

START_TEST(hostile_strings)
{
	const char *p;
	char *s;

	signer.identity = "eve@example.com\r\nX-Evil: 1";
	signer.issuer = "CN=\"Bad\"; smime=pass (x)\\\nFoo: bar";
	signer.serial = "0A;1B\r\n";
	layer.part = "1; smime=pass";
	signer.result = SMX_FAIL;
	signer.reason = "digest_mismatch";
	s = hdr_ar_value(&v, "mx.example.org\r\nX-Injected: yes", strlen(HDR_AR_NAME));
	assert_clean(s);
	ck_assert_ptr_null(strstr(s, "X-Evil: 1\n"));
	ck_assert_ptr_null(strstr(s, "\nX-"));
	ck_assert_ptr_null(strstr(s, "\nFoo"));
	ck_assert_ptr_nonnull(strstr(s, "smime=fail"));
	ck_assert_ptr_nonnull(strstr(s, "reason=digest_mismatch"));
	ck_assert_ptr_nonnull(p = strstr(s, "body.smime-serial=0A1B"));
	ck_assert(p[22] == ' ' || p[22] == '\n');
	/* the only resinfo separator is ours: one signer, one ';' outside quotes */
	ck_assert_int_eq(top_level_semicolons(s), 1);
	free(s);
}
END_TEST

START_TEST(serial_and_issuer_together)
{
	char *s;

	signer.issuer = NULL;
	s = hdr_ar_value(&v, "mx", 22);
	ck_assert_ptr_null(strstr(s, "smime-serial"));
	ck_assert_ptr_null(strstr(s, "smime-issuer"));
	free(s);
}
END_TEST

START_TEST(unsigned_message)
{
	char *s;

	rep.nlayers = 0;
	rep.result = SMX_NONE;
	rep.reason = "unsigned";
	v.nsigners = 0;
	v.br_worst = NULL;
	v.br_result = BR_NONE;
	s = hdr_ar_value(&v, "mx.example.org", 22);
	ck_assert_str_eq(s, "mx.example.org; smime=none reason=unsigned\n\theader.from=alice@example.com");
	free(s);
	s = hdr_br_value(&v, 19);
	ck_assert_str_eq(s, "none; reason=unsigned");
	free(s);
}
END_TEST

START_TEST(layer_error_without_signers)
{
	char *s;

	layer.nsigners = 0;
	layer.result = SMX_PERMERROR;
	layer.reason = "malformed_mime";
	s = hdr_ar_value(&v, "mx", 22);
	ck_assert_str_eq(s, "mx; smime=permerror reason=malformed_mime\n"
	    "\theader.from=alice@example.com body.smime-part=0");
	free(s);
	/* signed but unreadable: the BR header says why, not "unsigned" */
	rep.result = SMX_PERMERROR;
	rep.reason = "malformed_mime";
	v.nsigners = 0;
	v.br_worst = NULL;
	v.br_result = BR_NONE;
	s = hdr_br_value(&v, 19);
	ck_assert_str_eq(s, "none; reason=malformed_mime");
	free(s);
}
END_TEST

static const struct br_rule r1 = { "e_ku_missing", BR_SEV_ERROR, "7.1.2.3e", "d", 0, 0, 1, 0, 0, NULL, NULL };
static const struct br_rule r2 = { "w_ski_missing", BR_SEV_WARN, "7.1.2.3n", "d", 0, 0, 1, 0, 0, NULL, NULL };

START_TEST(br_header)
{
	struct br_finding f[3] = { { &r1, "signer", "" }, { &r2, "signer", "" }, { &r1, "intermediate 1", "" } };
	char *s;

	s = hdr_br_value(&v, 19);
	ck_assert_str_eq(s, "pass; type=mailbox; generation=strict");
	free(s);
	brv.findings = f;
	brv.nfindings = 3;
	brv.result = BR_FAIL;
	v.br_result = BR_FAIL;
	s = hdr_br_value(&v, 19);
	ck_assert_str_eq(s, "fail; type=mailbox; generation=strict;\n\tfindings=e_ku_missing,w_ski_missing");
	free(s);
}
END_TEST

START_TEST(forged_recognised)
{
	ck_assert(hdr_ar_is_ours("mx.example.org; smime=pass", "mx.example.org"));
	ck_assert(hdr_ar_is_ours(" MX.Example.ORG;smime=pass", "mx.example.org"));
	ck_assert(hdr_ar_is_ours("(comment) mx.example.org 1; none", "mx.example.org"));
	ck_assert(hdr_ar_is_ours("\"mx.example.org\"; none", "mx.example.org"));
	ck_assert(!hdr_ar_is_ours("mx.example.org.evil; none", "mx.example.org"));
	ck_assert(!hdr_ar_is_ours("other.example; smime=pass", "mx.example.org"));
	ck_assert(!hdr_ar_is_ours("", "mx.example.org"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hdr_ar");
	TCase *tc = tcase_create("hdr_ar");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, pass_exact);
	tcase_add_test(tc, hostile_strings);
	tcase_add_test(tc, serial_and_issuer_together);
	tcase_add_test(tc, unsigned_message);
	tcase_add_test(tc, layer_error_without_signers);
	tcase_add_test(tc, br_header);
	tcase_add_test(tc, forged_recognised);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
