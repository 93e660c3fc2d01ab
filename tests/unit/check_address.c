/*
 * NAME
 *	check_address - unit tests of smime/address (From address, identity match)
 * SYNOPSIS
 *	./check_address
 * DESCRIPTION
 *	address_parse() on the RFC 5322 3.4 forms a From header takes: bare
 *	addr-specs, display names (plain, quoted, with specials inside the
 *	quotes), comments (nested, with quoted pairs, inside the address),
 *	groups, quoted local parts, obsolete routes, folding whitespace,
 *	address lists (the first mailbox wins), and values that hold no
 *	address at all.  address_match(): local part byte for byte, domain
 *	without ASCII case; address_domain().
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "smime/address.h"

struct pcase {
	const char *in;
	const char *want;	/* NULL: no address */
};

static void
assert_parse(const struct pcase *c)
{
	char *got = address_parse(c->in);

	if (c->want == NULL) {
		ck_assert_msg(got == NULL, "[%s] gave [%s], want none", c->in, got);
	} else {
		ck_assert_msg(got != NULL, "[%s] gave none, want [%s]", c->in, c->want);
		ck_assert_msg(strcmp(got, c->want) == 0, "[%s] gave [%s], want [%s]",
		    c->in, got, c->want);
	}
	free(got);
}

static const struct pcase plain[] = {
	{ "alice@example.com", "alice@example.com" },
	{ "  alice@example.com  ", "alice@example.com" },
	{ "<alice@example.com>", "alice@example.com" },
	{ " < alice @ example.com > ", "alice@example.com" },
	{ "Alice.Smith+tag@Example.COM", "Alice.Smith+tag@Example.COM" },	/* kept as is */
	{ "alice@[192.0.2.1]", "alice@[192.0.2.1]" },
};

static const struct pcase display[] = {
	{ "Alice <alice@example.com>", "alice@example.com" },
	{ "Alice Q. Example <alice@example.com>", "alice@example.com" },
	{ "\"Example, Alice\" <alice@example.com>", "alice@example.com" },
	{ "\"Alice; Bob: Carol\" <alice@example.com>", "alice@example.com" },
	/* an address-looking display name is not the address */
	{ "\"bob@evil.example\" <alice@example.com>", "alice@example.com" },
	{ "bob@evil.example <alice@example.com>", "alice@example.com" },
	{ "\"Bob <bob@evil.example>\" <alice@example.com>", "alice@example.com" },
	{ "\"a \\\" quote\" <alice@example.com>", "alice@example.com" },
	{ "=?utf-8?q?J=C3=B6rg?= <joerg@example.com>", "joerg@example.com" },
	/* folded */
	{ "Alice Example\r\n <alice@example.com>", "alice@example.com" },
	{ "\"Alice\"\r\n\t<alice@example.com>", "alice@example.com" },
};

static const struct pcase comments[] = {
	{ "alice@example.com (Alice)", "alice@example.com" },
	{ "(Alice) alice@example.com", "alice@example.com" },
	{ "alice@example.com (Alice, <bob@evil.example>; x)", "alice@example.com" },
	{ "alice@example.com (outer (inner, x) y)", "alice@example.com" },
	{ "alice@example.com (a \\) b, c)", "alice@example.com" },
	{ "alice(c)@(d)example.com", "alice@example.com" },
	{ "Alice (the boss) <alice@example.com> (x)", "alice@example.com" },
	{ "(bob@evil.example) <alice@example.com>", "alice@example.com" },
	{ "<alice (c) @ example.com>", "alice@example.com" },
};

static const struct pcase groups[] = {
	{ "Team: alice@example.com, bob@example.com;", "alice@example.com" },
	{ "Team: Alice <alice@example.com>, Bob <bob@example.com>;", "alice@example.com" },
	{ "\"Team: A\": alice@example.com;", "alice@example.com" },
	{ "Team (the team): (first) alice@example.com;", "alice@example.com" },
};

static const struct pcase quoted[] = {
	{ "\"john doe\"@example.com", "\"john doe\"@example.com" },
	{ "\"a@b\"@example.com", "\"a@b\"@example.com" },
	{ "\"a,b;c\"@example.com, bob@example.com", "\"a,b;c\"@example.com" },
	{ "\"x\\\"y\"@example.com", "\"x\\\"y\"@example.com" },
	{ "Name <\"john doe\"@example.com>", "\"john doe\"@example.com" },
	{ "\"(not a comment)\"@example.com", "\"(not a comment)\"@example.com" },
};

static const struct pcase routes[] = {
	{ "<@relay.example:alice@example.com>", "alice@example.com" },
	{ "<@r1.example,@r2.example:alice@example.com>", "alice@example.com" },
	{ "Alice <@r1.example, @r2.example : alice@example.com>", "alice@example.com" },
};

static const struct pcase lists[] = {
	{ "alice@example.com, bob@example.com", "alice@example.com" },
	{ "Alice <alice@example.com>, Bob <bob@example.com>", "alice@example.com" },
	{ "alice@example.com; bob@example.com", "alice@example.com" },
};

static const struct pcase none[] = {
	{ "", NULL },
	{ "   ", NULL },
	{ "Alice", NULL },
	{ "Alice <>", NULL },
	{ "<>", NULL },
	{ "undisclosed-recipients:;", NULL },
	{ "Team: ;", NULL },
	{ "@example.com", NULL },
	{ "alice@", NULL },
	{ "<alice@>", NULL },
	{ "(alice@example.com)", NULL },
	{ "<@relay.example:>", NULL },
};

START_TEST(test_plain) { assert_parse(&plain[_i]); } END_TEST
START_TEST(test_display) { assert_parse(&display[_i]); } END_TEST
START_TEST(test_comments) { assert_parse(&comments[_i]); } END_TEST
START_TEST(test_groups) { assert_parse(&groups[_i]); } END_TEST
START_TEST(test_quoted) { assert_parse(&quoted[_i]); } END_TEST
START_TEST(test_routes) { assert_parse(&routes[_i]); } END_TEST
START_TEST(test_lists) { assert_parse(&lists[_i]); } END_TEST
START_TEST(test_none) { assert_parse(&none[_i]); } END_TEST

START_TEST(test_parse_null)
{
	ck_assert_ptr_null(address_parse(NULL));
}
END_TEST

/*
 * An empty group holds no mailbox, so the first mailbox of the list comes
 * after it (RFC 5322 3.4, RFC 6854); address_parse() stops at the group's
 * ';' and finds none.
 */
START_TEST(test_empty_group_then_mailbox)
{
	static const struct pcase c[] = {
		{ "undisclosed-recipients:;, alice@example.com", "alice@example.com" },
		{ "Empty: ;, Alice <alice@example.com>", "alice@example.com" },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_parse(&c[i]);
}
END_TEST

/* ------------------------------------------------------------------ */

struct mcase {
	const char *a, *b;
	int want;
};

static const struct mcase matches[] = {
	{ "alice@example.com", "alice@example.com", 1 },
	{ "alice@example.com", "alice@EXAMPLE.com", 1 },
	{ "alice@ExAmPlE.CoM", "alice@example.com", 1 },
	/* local parts: exact */
	{ "Alice@example.com", "alice@example.com", 0 },
	{ "alice@example.com", "ALICE@EXAMPLE.COM", 0 },
	{ "alice@example.com", "alice2@example.com", 0 },
	{ "alice@example.com", "alic@example.com", 0 },
	{ "alice+x@example.com", "alice@example.com", 0 },
	{ "\"alice\"@example.com", "alice@example.com", 0 },
	/* domains: whole, not suffix or prefix */
	{ "alice@example.com", "alice@example.org", 0 },
	{ "alice@sub.example.com", "alice@example.com", 0 },
	{ "alice@example.com", "alice@example.com.evil", 0 },
	{ "alice@example.co", "alice@example.com", 0 },
	/* the last '@' splits */
	{ "\"a@b\"@example.com", "\"a@b\"@EXAMPLE.COM", 1 },
	{ "\"a@b\"@example.com", "\"a@c\"@example.com", 0 },
	/* no '@', empty, NULL */
	{ "alice", "alice", 0 },
	{ "", "", 0 },
};

START_TEST(test_match)
{
	const struct mcase *m = &matches[_i];

	ck_assert_msg(address_match(m->a, m->b) == m->want, "match(%s, %s) != %d",
	    m->a, m->b, m->want);
	ck_assert_msg(address_match(m->b, m->a) == m->want, "match(%s, %s) != %d",
	    m->b, m->a, m->want);
}
END_TEST

START_TEST(test_match_null)
{
	ck_assert_int_eq(address_match(NULL, "alice@example.com"), 0);
	ck_assert_int_eq(address_match("alice@example.com", NULL), 0);
	ck_assert_int_eq(address_match(NULL, NULL), 0);
}
END_TEST

START_TEST(test_domain)
{
	const char *a = "alice@example.com", *q = "\"a@b\"@Example.org";

	ck_assert_ptr_eq(address_domain(a), a + 6);
	ck_assert_str_eq(address_domain(q), "Example.org");
	ck_assert_str_eq(address_domain("alice@"), "");
	ck_assert_ptr_null(address_domain("alice"));
	ck_assert_ptr_null(address_domain(""));
	ck_assert_ptr_null(address_domain(NULL));
}
END_TEST

/* What address_parse() finds, address_match() compares (the scan's path). */
START_TEST(test_parse_then_match)
{
	char *from = address_parse("\"Alice\" <alice@EXAMPLE.com> (work)");

	ck_assert_ptr_nonnull(from);
	ck_assert_int_eq(address_match(from, "alice@example.com"), 1);
	ck_assert_int_eq(address_match(from, "Alice@example.com"), 0);
	free(from);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
address_suite(void)
{
	Suite *s = suite_create("address");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_plain, 0, N(plain));
	tcase_add_loop_test(tc, test_display, 0, N(display));
	tcase_add_loop_test(tc, test_comments, 0, N(comments));
	tcase_add_loop_test(tc, test_groups, 0, N(groups));
	tcase_add_loop_test(tc, test_quoted, 0, N(quoted));
	tcase_add_loop_test(tc, test_routes, 0, N(routes));
	tcase_add_loop_test(tc, test_lists, 0, N(lists));
	tcase_add_loop_test(tc, test_none, 0, N(none));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_empty_group_then_mailbox);
	suite_add_tcase(s, tc);

	tc = tcase_create("match");
	tcase_add_loop_test(tc, test_match, 0, N(matches));
	tcase_add_test(tc, test_match_null);
	tcase_add_test(tc, test_domain);
	tcase_add_test(tc, test_parse_then_match);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(address_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
