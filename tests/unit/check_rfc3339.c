/*
 * NAME
 *	check_rfc3339 - unit tests of milter/rfc3339 (smimecheck --at)
 * SYNOPSIS
 *	./check_rfc3339
 * DESCRIPTION
 *	rfc3339_parse() on valid date-times: Z and z, T, t and space
 *	separators, numeric offsets east and west (and +00:00 / -00:00),
 *	fractions of a second (ignored), leap days, the leap second, the
 *	epoch; and on invalid ones, each of which must give -1: a missing
 *	zone, fields out of range (month 13, day 32, April 31, hour 24, ...),
 *	short or long fields, wrong separators, malformed offsets, trailing
 *	junk.  rfc3339_format(): the UTC form, and parse(format(t)) == t.
 *	milter/rfc3339.c is linked into this test directly.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "milter/rfc3339.h"

#define AT	((time_t)1796083200)	/* 2026-12-01T00:00:00Z */

struct good {
	const char *s;
	time_t t;
};

static const struct good goods[] = {
	{ "2026-12-01T00:00:00Z", AT },
	{ "2026-12-01t00:00:00z", AT },
	{ "2026-12-01 00:00:00Z", AT },
	{ "2026-12-01T00:00:00+00:00", AT },
	{ "2026-12-01T00:00:00-00:00", AT },
	{ "2026-12-01T01:00:00+01:00", AT },
	{ "2026-12-01T05:30:00+05:30", AT },
	{ "2026-11-30T19:00:00-05:00", AT },		/* the day before, west */
	{ "2026-12-01T13:45:00+13:45", AT },
	{ "2026-11-30T12:00:00-12:00", AT },
	{ "2026-12-01T23:59:00+23:59", AT },
	/* fractions are ignored, whatever their length */
	{ "2026-12-01T00:00:00.0Z", AT },
	{ "2026-12-01T00:00:00.5Z", AT },
	{ "2026-12-01T00:00:00.999999999Z", AT },
	{ "2026-12-01T01:00:00.123+01:00", AT },
	/* other instants */
	{ "1970-01-01T00:00:00Z", 0 },
	{ "2026-12-01T00:00:01Z", AT + 1 },
	{ "2026-12-01T23:59:59Z", AT + 86399 },
	{ "2026-11-01T12:00:00Z", 1793534400 },
	{ "2024-02-29T00:00:00Z", 1709164800 },		/* leap day */
	{ "2000-02-29T12:00:00Z", 951825600 },		/* leap day of a century */
	{ "2016-12-31T23:59:60Z", 1483228800 },		/* leap second: the next second */
	{ "2038-01-19T03:14:08Z", (time_t)2147483648LL },	/* past 32-bit time_t */
	{ "9999-12-31T23:59:59Z", (time_t)253402300799LL },
};

START_TEST(test_good)
{
	const struct good *g = &goods[_i];
	time_t t = (time_t)-42;

	ck_assert_msg(rfc3339_parse(g->s, &t) == 0, "\"%s\" refused", g->s);
	ck_assert_msg(t == g->t, "\"%s\": %lld, want %lld", g->s, (long long)t,
	    (long long)g->t);
}
END_TEST

static const char *const bads[] = {
	/* no zone */
	"2026-12-01T00:00:00",
	"2026-12-01T00:00:00.5",
	"2026-12-01",
	"2026-12-01T00:00",
	/* out of range */
	"2026-13-01T00:00:00Z",
	"2026-00-01T00:00:00Z",
	"2026-12-32T00:00:00Z",
	"2026-12-00T00:00:00Z",
	"2026-04-31T00:00:00Z",
	"2026-06-31T00:00:00Z",
	"2026-02-30T00:00:00Z",
	"2026-12-01T24:00:00Z",
	"2026-12-01T00:60:00Z",
	"2026-12-01T00:00:61Z",
	"2026-12-01T00:00:00+24:00",
	"2026-12-01T00:00:00+01:60",
	/* field widths and separators */
	"26-12-01T00:00:00Z",
	"02026-12-01T00:00:00Z",
	"2026-1-01T00:00:00Z",
	"2026-12-1T00:00:00Z",
	"2026-12-01T0:00:00Z",
	"2026-12-01T00:0:00Z",
	"2026-12-01T00:00:0Z",
	"2026/12/01T00:00:00Z",
	"2026-12-01X00:00:00Z",
	"2026-12-01_00:00:00Z",
	"2026-12-01T00.00.00Z",
	"20261201T000000Z",
	/* offsets */
	"2026-12-01T00:00:00+0100",
	"2026-12-01T00:00:00+01",
	"2026-12-01T00:00:00+1:00",
	"2026-12-01T00:00:00 +01:00",
	"2026-12-01T00:00:00UTC",
	"2026-12-01T00:00:00GMT",
	"2026-12-01T00:00:00Z+01:00",
	/* junk */
	"2026-12-01T00:00:00Zx",
	"2026-12-01T00:00:00Z ",
	" 2026-12-01T00:00:00Z",
	"2026-12-01T00:00:00+01:00:00",
	"2026-12-01T00:00:00ZZ",
	"2026-12-01T00:00:00\nZ",
	"2026-12-01T00:00:00Z\n",
	"x026-12-01T00:00:00Z",
	"2026-12-01T00:00:00,5Z",
	"",
	"now",
	"1796083200",
	"+2026-12-01T00:00:00Z",
	"-2026-12-01T00:00:00Z",
};

START_TEST(test_bad)
{
	time_t t = (time_t)-42;

	ck_assert_msg(rfc3339_parse(bads[_i], &t) == -1, "\"%s\" accepted (%lld)",
	    bads[_i], (long long)t);
}
END_TEST

/*
 * rfc3339.c promises to be "strict on the shape (every field ... in
 * range)" so that a mistyped --at is an error, not a silently wrong
 * verification time.  It accepts February 29 of any year (mdays[1] is
 * 29; timegm() then makes 2026-02-29 into 2026-03-01), and a fraction
 * point without digits (RFC 3339: time-secfrac = "." 1*DIGIT).
 */
static const char *const bads_known[] = {
	"2026-02-29T00:00:00Z",
	"2100-02-29T00:00:00Z",
	"2026-12-01T00:00:00.Z",
	"2026-12-01T00:00:00.+01:00",
};

START_TEST(test_bad_known)
{
	time_t t = (time_t)-42;

	ck_assert_msg(rfc3339_parse(bads_known[_i], &t) == -1, "\"%s\" accepted (%lld)",
	    bads_known[_i], (long long)t);
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(test_format)
{
	char buf[21];

	rfc3339_format(AT, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2026-12-01T00:00:00Z");
	rfc3339_format(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
	rfc3339_format(951825600, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2000-02-29T12:00:00Z");
	rfc3339_format((time_t)253402300799LL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "9999-12-31T23:59:59Z");
	rfc3339_format(-1, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1969-12-31T23:59:59Z");
}
END_TEST

START_TEST(test_round_trip)
{
	time_t t = 0, back;
	char buf[32];

	/* a spread of instants, including every month end of a leap year */
	for (int i = 0; i < 2000; i++) {
		t = (time_t)(i * 1234567LL + (i % 7) * 86399LL);
		rfc3339_format(t, buf, sizeof(buf));
		ck_assert_msg(rfc3339_parse(buf, &back) == 0, "\"%s\" refused", buf);
		ck_assert_msg(back == t, "%lld -> %s -> %lld", (long long)t, buf,
		    (long long)back);
	}
	for (time_t d = 1704067200; d < 1735689600; d += 86400) {	/* all of 2024 */
		rfc3339_format(d - 1, buf, sizeof(buf));
		ck_assert_int_eq(rfc3339_parse(buf, &back), 0);
		ck_assert_int_eq((long long)back, (long long)(d - 1));
	}
}
END_TEST

START_TEST(test_format_short_buffer)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	rfc3339_format(AT, buf, sizeof(buf));
	ck_assert_ptr_nonnull(memchr(buf, '\0', sizeof(buf)));	/* terminated */
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
rfc3339_suite(void)
{
	Suite *s = suite_create("rfc3339");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, N(goods));
	tcase_add_loop_test(tc, test_bad, 0, N(bads));
	tcase_add_loop_test(tc, test_bad_known, 0, N(bads_known));
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_format_short_buffer);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rfc3339_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
