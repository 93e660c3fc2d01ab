/*
 * NAME
 *	check_decide - unit tests of policy/decide (the site decision)
 * SYNOPSIS
 *	./check_decide
 * DESCRIPTION
 *	decide_default(): tag everything, tempfail on temperror.  The outcome
 *	classes: one per S/MIME result (pass has none), one per BR result
 *	(br pass has none) for signed mail only; the most severe action over
 *	the classes wins and names its class.  Sender policies: the first
 *	entry matching the From domain replaces the global action of a class
 *	(relaxing it too), ACT_UNSET falls through to the global one, no From
 *	domain matches nothing.  Recipient policies: only harsher, the
 *	strictest over all recipients.  Exemptions: quarantine, tempfail and
 *	reject become tag (exempted set), temperror's tempfail stays.  Names
 *	of actions and classes, decide_action_parse(), and domain patterns
 *	("example.com", ".example.com", case).
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "policy/decide.h"
#include "smime/smx_err.h"

/* br values of struct decide_input (enum br_result of policy/br_rules.h) */
#define BRN 0	/* none */
#define BRP 1	/* pass */
#define BRW 2	/* warn */
#define BRF 3	/* fail */

static struct decide_input
input(enum smx_result r, int br, int signed_msg)
{
	struct decide_input in;

	memset(&in, 0, sizeof(in));
	in.smime = r;
	in.br = br;
	in.signed_msg = signed_msg;
	in.from_domain = "example.com";
	return in;
}

static void
unset_all(struct decide_policy *p)
{
	for (int i = 0; i < DC_COUNT; i++)
		p->on[i] = ACT_UNSET;
}

#define ASSERT_DECISION(d, act, c, ex) do { \
	struct decision d_ = (d); \
	ck_assert_msg(d_.action == (act) && d_.cls == (c) && d_.exempted == (ex), \
	    "decision %s/%s/%d, want %s/%s/%d", decide_action_name(d_.action), \
	    decide_class_name(d_.cls), d_.exempted, decide_action_name(act), \
	    decide_class_name(c), (ex)); \
} while (0)

/* ------------------------------------------------------------------ */

START_TEST(test_defaults)
{
	struct decide_rules r;

	memset(&r, 0x5a, sizeof(r));
	decide_default(&r);
	for (int c = 0; c < DC_COUNT; c++)
		ck_assert_int_eq(r.global.on[c], c == DC_TEMPERROR ? ACT_TEMPFAIL : ACT_TAG);
	ck_assert_ptr_null(r.senders);
	ck_assert_uint_eq(r.nsenders, 0);
	ck_assert_ptr_null(r.rcpts);
	ck_assert_uint_eq(r.nrcpts, 0);
}
END_TEST

/* The class of each S/MIME result, alone (BR pass). */
static const struct {
	enum smx_result r;
	int cls;
} smime_classes[] = {
	{ SMX_NONE, DC_UNSIGNED },
	{ SMX_FAIL, DC_FAIL },
	{ SMX_POLICY, DC_POLICY },
	{ SMX_PERMERROR, DC_PERMERROR },
	{ SMX_TEMPERROR, DC_TEMPERROR },
	{ SMX_NEUTRAL, DC_NEUTRAL },
	{ SMX_PASS, DC_NONE },
};

START_TEST(test_smime_class)
{
	struct decide_rules r;
	struct decide_input in = input(smime_classes[_i].r, BRP, 1);
	int cls = smime_classes[_i].cls;

	decide_default(&r);
	if (cls == DC_NONE) {
		ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NONE, 0);
		/* no class: tag even when every class would reject */
		for (int c = 0; c < DC_COUNT; c++)
			r.global.on[c] = ACT_REJECT;
		ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NONE, 0);
		return;
	}
	/* each class maps to its own action, and only its own */
	for (int a = ACT_ACCEPT; a < ACT_COUNT; a++) {
		decide_default(&r);
		r.global.on[cls] = a;
		ASSERT_DECISION(decide(&r, &in), (enum decide_action)a, cls, 0);
	}
	decide_default(&r);
	for (int c = 0; c < DC_COUNT; c++)
		if (c != cls)
			r.global.on[c] = ACT_REJECT;
	r.global.on[cls] = ACT_QUARANTINE;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, cls, 0);
}
END_TEST

START_TEST(test_br_class)
{
	struct decide_rules r;
	struct decide_input in;

	decide_default(&r);
	r.global.on[DC_BR_FAIL] = ACT_REJECT;
	r.global.on[DC_BR_WARN] = ACT_QUARANTINE;
	r.global.on[DC_BR_NONE] = ACT_ACCEPT;

	in = input(SMX_PASS, BRF, 1);
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_BR_FAIL, 0);
	in = input(SMX_PASS, BRW, 1);
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_BR_WARN, 0);
	in = input(SMX_PASS, BRN, 1);
	ASSERT_DECISION(decide(&r, &in), ACT_ACCEPT, DC_BR_NONE, 0);
	in = input(SMX_PASS, BRP, 1);
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NONE, 0);

	/* unsigned mail has no BR class, whatever br says */
	in = input(SMX_NONE, BRF, 0);
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_UNSIGNED, 0);
	in = input(SMX_NONE, BRN, 0);
	r.global.on[DC_UNSIGNED] = ACT_QUARANTINE;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_UNSIGNED, 0);
	/* a permerror without signers: no BR class either */
	in = input(SMX_PERMERROR, BRN, 0);
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_PERMERROR, 0);
}
END_TEST

/* Two classes: the more severe action wins, and names its class. */
START_TEST(test_most_severe)
{
	struct decide_rules r;
	struct decide_input in = input(SMX_POLICY, BRF, 1);

	decide_default(&r);
	r.global.on[DC_POLICY] = ACT_QUARANTINE;
	r.global.on[DC_BR_FAIL] = ACT_REJECT;
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_BR_FAIL, 0);
	r.global.on[DC_BR_FAIL] = ACT_ACCEPT;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_POLICY, 0);
	r.global.on[DC_POLICY] = ACT_ACCEPT;
	r.global.on[DC_BR_FAIL] = ACT_TEMPFAIL;
	ASSERT_DECISION(decide(&r, &in), ACT_TEMPFAIL, DC_BR_FAIL, 0);
	/* accept only when every class says accept */
	r.global.on[DC_BR_FAIL] = ACT_ACCEPT;
	{
		struct decision d = decide(&r, &in);

		ck_assert_int_eq(d.action, ACT_ACCEPT);
		ck_assert(d.cls == DC_POLICY || d.cls == DC_BR_FAIL);
	}
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(test_sender_policy)
{
	struct decide_domain senders[3];
	struct decide_rules r;
	struct decide_input in = input(SMX_FAIL, BRP, 1);

	decide_default(&r);
	r.global.on[DC_FAIL] = ACT_REJECT;
	unset_all(&senders[0].p);
	unset_all(&senders[1].p);
	unset_all(&senders[2].p);
	senders[0].domain = "partner.example";
	senders[0].p.on[DC_FAIL] = ACT_QUARANTINE;
	senders[1].domain = ".example.com";
	senders[1].p.on[DC_FAIL] = ACT_ACCEPT;	/* may relax */
	senders[2].domain = "sub.example.com";	/* shadowed by the entry before */
	senders[2].p.on[DC_FAIL] = ACT_REJECT;
	r.senders = senders;
	r.nsenders = 3;

	in.from_domain = "example.com";
	ASSERT_DECISION(decide(&r, &in), ACT_ACCEPT, DC_FAIL, 0);
	in.from_domain = "sub.example.com";	/* the first match wins */
	ASSERT_DECISION(decide(&r, &in), ACT_ACCEPT, DC_FAIL, 0);
	in.from_domain = "PARTNER.Example";
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_FAIL, 0);
	in.from_domain = "other.example";
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);
	in.from_domain = "notexample.com";
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);
	in.from_domain = NULL;			/* no From domain: the global policy */
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);

	/* a class the sender policy leaves unset: the global action */
	in = input(SMX_POLICY, BRP, 1);
	in.from_domain = "example.com";
	r.global.on[DC_POLICY] = ACT_QUARANTINE;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_POLICY, 0);
	/* ... and not the next matching entry's */
	in.from_domain = "sub.example.com";
	senders[2].p.on[DC_POLICY] = ACT_REJECT;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_POLICY, 0);
}
END_TEST

START_TEST(test_rcpt_policy)
{
	struct decide_domain rcpts[2];
	struct decide_rules r;
	struct decide_input in = input(SMX_FAIL, BRP, 1);
	const char *doms[3] = { "customer.example", "secure.example", "relaxed.example" };

	decide_default(&r);
	r.global.on[DC_FAIL] = ACT_QUARANTINE;
	unset_all(&rcpts[0].p);
	unset_all(&rcpts[1].p);
	rcpts[0].domain = "secure.example";
	rcpts[0].p.on[DC_FAIL] = ACT_REJECT;
	rcpts[1].domain = ".relaxed.example";
	rcpts[1].p.on[DC_FAIL] = ACT_ACCEPT;	/* cannot relax */
	rcpts[1].p.on[DC_NEUTRAL] = ACT_TEMPFAIL;
	r.rcpts = rcpts;
	r.nrcpts = 2;

	in.rcpt_domains = doms;
	in.nrcpts = 1;			/* customer.example: no policy */
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_FAIL, 0);
	in.rcpt_domains = doms + 2;	/* relaxed.example: accept is not harsher */
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_FAIL, 0);
	in.rcpt_domains = doms;
	in.nrcpts = 3;			/* one strict recipient decides for all */
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);
	in.nrcpts = 0;
	ASSERT_DECISION(decide(&r, &in), ACT_QUARANTINE, DC_FAIL, 0);

	/* harsher than a relaxing sender policy too */
	{
		struct decide_domain s;

		unset_all(&s.p);
		s.domain = "example.com";
		s.p.on[DC_FAIL] = ACT_ACCEPT;
		r.senders = &s;
		r.nsenders = 1;
		in.nrcpts = 1;
		in.rcpt_domains = doms;
		ASSERT_DECISION(decide(&r, &in), ACT_ACCEPT, DC_FAIL, 0);
		in.rcpt_domains = doms + 1;
		ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);
		r.senders = NULL;
		r.nsenders = 0;
	}

	/* another class of the same recipient policy */
	in = input(SMX_NEUTRAL, BRP, 1);
	in.rcpt_domains = doms + 2;
	in.nrcpts = 1;
	ASSERT_DECISION(decide(&r, &in), ACT_TEMPFAIL, DC_NEUTRAL, 0);
	doms[2] = "mx.relaxed.example";
	ASSERT_DECISION(decide(&r, &in), ACT_TEMPFAIL, DC_NEUTRAL, 0);
	doms[2] = "other.example";
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NEUTRAL, 0);
	doms[2] = NULL;			/* a recipient without a domain */
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NEUTRAL, 0);
}
END_TEST

START_TEST(test_exempt)
{
	struct decide_rules r;
	struct decide_input in;

	decide_default(&r);
	r.global.on[DC_FAIL] = ACT_REJECT;
	r.global.on[DC_POLICY] = ACT_QUARANTINE;
	r.global.on[DC_PERMERROR] = ACT_TEMPFAIL;
	r.global.on[DC_NEUTRAL] = ACT_ACCEPT;

	in = input(SMX_FAIL, BRP, 1);
	in.exempt = 1;
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_FAIL, 1);
	in.smime = SMX_POLICY;
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_POLICY, 1);
	in.smime = SMX_PERMERROR;
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_PERMERROR, 1);
	/* nothing to exempt from */
	in.smime = SMX_NEUTRAL;
	ASSERT_DECISION(decide(&r, &in), ACT_ACCEPT, DC_NEUTRAL, 0);
	in.smime = SMX_PASS;
	ASSERT_DECISION(decide(&r, &in), ACT_TAG, DC_NONE, 0);
	/* an internal error still tempfails: no mail passes unchecked */
	in.smime = SMX_TEMPERROR;
	ASSERT_DECISION(decide(&r, &in), ACT_TEMPFAIL, DC_TEMPERROR, 0);
	/* not exempt: as the policy says */
	in.exempt = 0;
	in.smime = SMX_FAIL;
	ASSERT_DECISION(decide(&r, &in), ACT_REJECT, DC_FAIL, 0);
}
END_TEST

/*
 * Exempt mail with an internal error must still tempfail (decide.c keeps
 * temperror's tempfail through the exemption).  But when a BR class of
 * the same message sets a harsher action, the exemption turns the whole
 * decision into tag and the temperror is lost: the outcome depends on
 * which class happened to be the most severe.
 */
START_TEST(test_exempt_temperror_br)
{
	struct decide_rules r;
	struct decide_input in = input(SMX_TEMPERROR, BRF, 1);

	decide_default(&r);
	r.global.on[DC_BR_FAIL] = ACT_REJECT;
	in.exempt = 1;
	{
		struct decision d = decide(&r, &in);

		ck_assert_msg(d.action == ACT_TEMPFAIL && d.cls == DC_TEMPERROR,
		    "decision %s/%s, want tempfail/temperror", decide_action_name(d.action),
		    decide_class_name(d.cls));
	}
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(test_action_names)
{
	static const char *const names[ACT_COUNT] = {
		"accept", "tag", "quarantine", "tempfail", "reject"
	};

	for (int a = 0; a < ACT_COUNT; a++) {
		enum decide_action back = ACT_COUNT;

		ck_assert_str_eq(decide_action_name((enum decide_action)a), names[a]);
		ck_assert_int_eq(decide_action_parse(names[a], &back), 0);
		ck_assert_int_eq(back, a);
	}
	/* severity order of the enum, which decide() relies on */
	ck_assert_int_lt(ACT_ACCEPT, ACT_TAG);
	ck_assert_int_lt(ACT_TAG, ACT_QUARANTINE);
	ck_assert_int_lt(ACT_QUARANTINE, ACT_TEMPFAIL);
	ck_assert_int_lt(ACT_TEMPFAIL, ACT_REJECT);
	ck_assert_int_lt(ACT_UNSET, ACT_ACCEPT);
}
END_TEST

START_TEST(test_action_parse_bad)
{
	static const char *const bad[] = {
		"", "none", "discard", "reject ", "rejected", "quarantined", "temp-fail", "unset",
	};
	enum decide_action a = ACT_QUARANTINE;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(decide_action_parse(bad[i], &a), SMX_ERR_INVAL);
		ck_assert_int_eq(a, ACT_QUARANTINE);
	}
}
END_TEST

START_TEST(test_class_names)
{
	static const char *const names[DC_COUNT] = {
		"unsigned", "fail", "policy", "permerror", "temperror", "neutral",
		"br_fail", "br_warn", "br_none",
	};

	for (int c = 0; c < DC_COUNT; c++) {
		ck_assert_str_eq(decide_class_name(c), names[c]);
		for (int d = c + 1; d < DC_COUNT; d++)
			ck_assert_str_ne(decide_class_name(c), decide_class_name(d));
	}
	ck_assert_str_eq(decide_class_name(DC_NONE), "none");
	ck_assert_str_eq(decide_class_name(DC_COUNT), "none");
}
END_TEST

struct dm {
	const char *pattern, *domain;
	int want;
};

static const struct dm domain_cases[] = {
	{ "example.com", "example.com", 1 },
	{ "example.com", "EXAMPLE.Com", 1 },
	{ "Example.COM", "example.com", 1 },
	{ "example.com", "sub.example.com", 0 },
	{ "example.com", "example.co", 0 },
	{ "example.com", "example.com.evil", 0 },
	{ ".example.com", "example.com", 1 },
	{ ".example.com", "sub.example.com", 1 },
	{ ".example.com", "a.b.EXAMPLE.COM", 1 },
	{ ".example.com", "notexample.com", 0 },
	{ ".example.com", "example.com.evil", 0 },
	{ ".example.com", "xexample.com", 0 },
	{ ".example.com", "com", 0 },
	{ "example.com", "", 0 },
	{ ".example.com", "", 0 },
};

START_TEST(test_domain_match)
{
	const struct dm *m = &domain_cases[_i];

	ck_assert_msg(decide_domain_match(m->pattern, m->domain) == m->want,
	    "match(%s, %s) != %d", m->pattern, m->domain, m->want);
}
END_TEST

START_TEST(test_domain_match_null)
{
	ck_assert_int_eq(decide_domain_match(NULL, "example.com"), 0);
	ck_assert_int_eq(decide_domain_match("example.com", NULL), 0);
	ck_assert_int_eq(decide_domain_match(NULL, NULL), 0);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
decide_suite(void)
{
	Suite *s = suite_create("decide");
	TCase *tc;

	tc = tcase_create("classes");
	tcase_add_test(tc, test_defaults);
	tcase_add_loop_test(tc, test_smime_class, 0, N(smime_classes));
	tcase_add_test(tc, test_br_class);
	tcase_add_test(tc, test_most_severe);
	suite_add_tcase(s, tc);

	tc = tcase_create("domains");
	tcase_add_test(tc, test_sender_policy);
	tcase_add_test(tc, test_rcpt_policy);
	tcase_add_test(tc, test_exempt);
	tcase_add_test(tc, test_exempt_temperror_br);
	tcase_add_loop_test(tc, test_domain_match, 0, N(domain_cases));
	tcase_add_test(tc, test_domain_match_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, test_action_names);
	tcase_add_test(tc, test_action_parse_bad);
	tcase_add_test(tc, test_class_names);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(decide_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
