/*
 * NAME
 *	check_sanitize - unit tests of smime/sanitize (the one sanitizer)
 * SYNOPSIS
 *	./check_sanitize
 * DESCRIPTION
 *	Every class (TEXT, UTF8, ADDR, HEX, TOKEN) on the bytes that matter:
 *	CR, LF, NUL, quotes, backslash, other controls, DEL, 8-bit bytes;
 *	in SAN_UTF8 the well-formed printable sequences that are kept and the
 *	C1 controls, line separators, bidirectional controls, overlong forms,
 *	surrogates, out-of-range and truncated sequences that are escaped.
 *	Then the cut: "..." at a piece boundary (an escape or a UTF-8
 *	sequence is never split), exact fits, the max bound, tiny buffers,
 *	NULL input; and a seeded random sweep checking, for every class and
 *	many sizes, the bound and the bytes each class may emit.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "smime/sanitize.h"

/* sanitize_buf() over len bytes (NULs included) into a static buffer. */
static const char *
san_n(const char *s, size_t len, enum san_class cls)
{
	static char out[1024];
	size_t n = sanitize_buf(out, sizeof(out), s, len, cls);

	ck_assert_uint_eq(n, strlen(out));
	return out;
}

/* sanitize() with the default cut; the result is compared then freed. */
static void
assert_san(const char *in, enum san_class cls, const char *want)
{
	char *got = sanitize(in, cls, SAN_MAX_DEFAULT);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

/* ------------------------------------------------------------------ */

START_TEST(test_text)
{
	assert_san("Hello, World! ~ 0-9 <a@b> [x]; k=v", SAN_TEXT,
	    "Hello, World! ~ 0-9 <a@b> [x]; k=v");
	assert_san("", SAN_TEXT, "");
	/* line breaks and controls: escaped, so nothing can split a line */
	assert_san("a\r\nb", SAN_TEXT, "a\\x0D\\x0Ab");
	assert_san("a\tb\x1b[31mc\x7f", SAN_TEXT, "a\\x09b\\x1B[31mc\\x7F");
	ck_assert_str_eq(san_n("a\0b", 3, SAN_TEXT), "a\\x00b");
	/* a backslash doubles, so the escapes stay unambiguous */
	assert_san("C:\\x41", SAN_TEXT, "C:\\\\x41");
	assert_san("\\", SAN_TEXT, "\\\\");
	/* quotes are printable ASCII: kept (writers quote them, see hdr_ar) */
	assert_san("say \"hi\" 'x'", SAN_TEXT, "say \"hi\" 'x'");
	/* 8-bit bytes: never passed through in TEXT */
	assert_san("caf\xc3\xa9", SAN_TEXT, "caf\\xC3\\xA9");
	assert_san("\x80\xff", SAN_TEXT, "\\x80\\xFF");
}
END_TEST

START_TEST(test_utf8_kept)
{
	/* 2-, 3- and 4-byte sequences of printable characters */
	assert_san("caf\xc3\xa9", SAN_UTF8, "caf\xc3\xa9");
	assert_san("\xc2\xa0nbsp", SAN_UTF8, "\xc2\xa0nbsp");	/* U+00A0: first after C1 */
	assert_san("\xe6\x97\xa5\xe6\x9c\xac", SAN_UTF8, "\xe6\x97\xa5\xe6\x9c\xac");
	assert_san("\xf0\x9f\x98\x80!", SAN_UTF8, "\xf0\x9f\x98\x80!");
	assert_san("\xc4\x80\xcf\x80", SAN_UTF8, "\xc4\x80\xcf\x80");	/* U+0100, U+03C0 */
	assert_san("\xef\xbf\xbd", SAN_UTF8, "\xef\xbf\xbd");		/* U+FFFD */
	/* ASCII rules as in TEXT */
	assert_san("a\r\n\\\"", SAN_UTF8, "a\\x0D\\x0A\\\\\"");
	ck_assert_str_eq(san_n("\xc3\xa9\0", 3, SAN_UTF8), "\xc3\xa9\\x00");
}
END_TEST

struct esc {
	const char *in;
	const char *want;
};

/* Harmful or invalid UTF-8: every byte of it as \xHH. */
static const struct esc utf8_esc[] = {
	/* C1 controls U+0080..U+009F (NEL, CSI) */
	{ "\xc2\x80", "\\xC2\\x80" },
	{ "a\xc2\x85" "b", "a\\xC2\\x85b" },
	{ "\xc2\x9b" "31m", "\\xC2\\x9B31m" },
	{ "\xc2\x9f", "\\xC2\\x9F" },
	/* line and paragraph separators */
	{ "\xe2\x80\xa8", "\\xE2\\x80\\xA8" },
	{ "\xe2\x80\xa9", "\\xE2\\x80\\xA9" },
	/* bidi: LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI; BOM */
	{ "\xe2\x80\x8e", "\\xE2\\x80\\x8E" },
	{ "\xe2\x80\x8f", "\\xE2\\x80\\x8F" },
	{ "\xe2\x80\xaa", "\\xE2\\x80\\xAA" },
	{ "\xe2\x80\xab", "\\xE2\\x80\\xAB" },
	{ "\xe2\x80\xac", "\\xE2\\x80\\xAC" },
	{ "\xe2\x80\xad", "\\xE2\\x80\\xAD" },
	{ "evil\xe2\x80\xaegpj.exe", "evil\\xE2\\x80\\xAEgpj.exe" },
	{ "\xe2\x81\xa6", "\\xE2\\x81\\xA6" },
	{ "\xe2\x81\xa7", "\\xE2\\x81\\xA7" },
	{ "\xe2\x81\xa8", "\\xE2\\x81\\xA8" },
	{ "\xe2\x81\xa9", "\\xE2\\x81\\xA9" },
	{ "\xef\xbb\xbf", "\\xEF\\xBB\\xBF" },
	/* invalid: lone continuation, truncated, bad continuation */
	{ "\x80", "\\x80" },
	{ "ab\xc3", "ab\\xC3" },
	{ "\xe2\x82", "\\xE2\\x82" },
	{ "\xf0\x9f\x98", "\\xF0\\x9F\\x98" },
	{ "\xe2\x28\xa1", "\\xE2(\\xA1" },
	{ "\xc3" "A", "\\xC3A" },
	/* overlong forms (of '/', NUL and U+0800 - 1) */
	{ "\xc0\xaf", "\\xC0\\xAF" },
	{ "\xc1\xbf", "\\xC1\\xBF" },
	{ "\xe0\x80\xaf", "\\xE0\\x80\\xAF" },
	{ "\xe0\x9f\xbf", "\\xE0\\x9F\\xBF" },
	{ "\xf0\x8f\xbf\xbf", "\\xF0\\x8F\\xBF\\xBF" },
	/* UTF-16 surrogates, beyond U+10FFFF, bytes never in UTF-8 */
	{ "\xed\xa0\x80", "\\xED\\xA0\\x80" },
	{ "\xed\xbf\xbf", "\\xED\\xBF\\xBF" },
	{ "\xf4\x90\x80\x80", "\\xF4\\x90\\x80\\x80" },
	{ "\xf5\x80\x80\x80", "\\xF5\\x80\\x80\\x80" },
	{ "\xfe\xff", "\\xFE\\xFF" },
};

START_TEST(test_utf8_escaped)
{
	assert_san(utf8_esc[_i].in, SAN_UTF8, utf8_esc[_i].want);
}
END_TEST

/*
 * U+061C ARABIC LETTER MARK is a bidi control (Unicode Bidi_Control, and
 * one of the Trojan Source characters) like LRM and RLM, which are
 * escaped; it is not.
 */
START_TEST(test_utf8_alm)
{
	assert_san("a\xd8\x9c" "b", SAN_UTF8, "a\\xD8\\x9Cb");
}
END_TEST

START_TEST(test_addr)
{
	assert_san("alice@example.com", SAN_ADDR, "alice@example.com");
	assert_san("a.b+tag!#$%&'*/=?^_`{|}~-@ex-ample.com", SAN_ADDR,
	    "a.b+tag!#$%&'*/=?^_`{|}~-@ex-ample.com");
	/* everything that could break out of an address: \xHH */
	assert_san("a b@x", SAN_ADDR, "a\\x20b@x");
	assert_san("\"a\"@x", SAN_ADDR, "\\x22a\\x22@x");
	assert_san("a\\b@x", SAN_ADDR, "a\\x5Cb@x");
	assert_san("a@x>\r\nBcc: y", SAN_ADDR, "a@x\\x3E\\x0D\\x0ABcc\\x3A\\x20y");
	assert_san("<a@x>;(c),[1]", SAN_ADDR, "\\x3Ca@x\\x3E\\x3B\\x28c\\x29\\x2C\\x5B1\\x5D");
	assert_san("j\xc3\xb6rg@x", SAN_ADDR, "j\\xC3\\xB6rg@x");
	ck_assert_str_eq(san_n("a\0@x", 4, SAN_ADDR), "a\\x00@x");
}
END_TEST

START_TEST(test_hex)
{
	assert_san("0123456789ABCDEF", SAN_HEX, "0123456789ABCDEF");
	assert_san("0a:bc:DE:f9", SAN_HEX, "0ABCDEF9");
	assert_san("12 34\r\n\"56\"\\g7z", SAN_HEX, "1234567");
	assert_san("xyz", SAN_HEX, "");
	ck_assert_str_eq(san_n("a\0b", 3, SAN_HEX), "AB");
}
END_TEST

START_TEST(test_token)
{
	assert_san("Abc.def_1-2+3", SAN_TOKEN, "Abc.def_1-2+3");
	assert_san("a b;c\"d\\e=f/g@h", SAN_TOKEN, "a_b_c_d_e_f_g_h");
	assert_san("x\r\ny", SAN_TOKEN, "x__y");
	assert_san("caf\xc3\xa9", SAN_TOKEN, "caf__");
	ck_assert_str_eq(san_n("a\0b", 3, SAN_TOKEN), "a_b");
}
END_TEST

START_TEST(test_null_input)
{
	for (int cls = SAN_TEXT; cls <= SAN_TOKEN; cls++) {
		char *s = sanitize(NULL, (enum san_class)cls, 16);

		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s, "");
		free(s);
	}
	/* len 0 with any pointer: empty */
	ck_assert_str_eq(san_n("abc", 0, SAN_TEXT), "");
}
END_TEST

/* ------------------------------------------------------------------ */

/* sanitize() with max m: result must equal want and fit. */
static void
assert_cut(const char *in, enum san_class cls, size_t m, const char *want)
{
	char *got = sanitize(in, cls, m);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	ck_assert_uint_le(strlen(got), m);
	free(got);
}

START_TEST(test_cut)
{
	/* fits exactly: no cut */
	assert_cut("abcdefgh", SAN_TEXT, 8, "abcdefgh");
	/* one over: the last three that fit give way to "..." */
	assert_cut("abcdefghi", SAN_TEXT, 8, "abcde...");
	assert_cut("abcdefghijklmnopqrstuvwxyz", SAN_TEXT, 10, "abcdefg...");
	/* an escape is never split, nor left without room for "..." */
	assert_cut("ab\r\ncdef", SAN_TEXT, 8, "ab...");
	assert_cut("abcd\x01", SAN_TEXT, 8, "abcd\\x01");
	assert_cut("abcd\x01x", SAN_TEXT, 8, "abcd...");
	assert_cut("abcdef\\x", SAN_TEXT, 8, "abcde...");
	assert_cut("abcd\\", SAN_TEXT, 6, "abcd\\\\");
	assert_cut("abcde\\", SAN_TEXT, 6, "abc...");
	/* a UTF-8 sequence is never split */
	assert_cut("ab\xf0\x9f\x98\x80" "cdef", SAN_UTF8, 8, "ab...");
	assert_cut("abc\xf0\x9f\x98\x80", SAN_UTF8, 7, "abc\xf0\x9f\x98\x80");
	assert_cut("abcd\xf0\x9f\x98\x80", SAN_UTF8, 7, "abcd...");
	assert_cut("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", SAN_UTF8, 6, "\xc3\xa9...");
	/* narrow classes cut the same way */
	assert_cut("alice@example.com", SAN_ADDR, 10, "alice@e...");
	assert_cut("0123456789abcdef", SAN_HEX, 8, "01234...");
	assert_cut("01:23:45:67", SAN_HEX, 8, "01234567");	/* dropped bytes cost nothing */
	assert_cut("a b c d e f", SAN_TOKEN, 8, "a_b_c...");
	/* three bytes: all dots; below that, no room for dots */
	assert_cut("abcdef", SAN_TEXT, 3, "...");
	assert_cut("abc", SAN_TEXT, 3, "abc");
	assert_cut("abcdef", SAN_TEXT, 0, "");
	for (size_t m = 0; m < 3; m++) {		/* no room for dots: a prefix */
		char *got = sanitize("abcdef", SAN_TEXT, m);

		ck_assert_ptr_nonnull(got);
		ck_assert_uint_le(strlen(got), m);
		ck_assert_int_eq(strncmp(got, "abcdef", strlen(got)), 0);
		free(got);
	}
}
END_TEST

START_TEST(test_default_max)
{
	char in[1000], *got;

	memset(in, 'x', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	got = sanitize(in, SAN_UTF8, SAN_MAX_DEFAULT);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(strlen(got), SAN_MAX_DEFAULT);
	ck_assert_str_eq(got + SAN_MAX_DEFAULT - 3, "...");
	free(got);

	/* all escapes: 4 output bytes per input byte, still bounded */
	memset(in, '\n', sizeof(in) - 1);
	got = sanitize(in, SAN_TEXT, SAN_MAX_DEFAULT);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_le(strlen(got), SAN_MAX_DEFAULT);
	ck_assert_uint_eq(strlen(got), 4 * ((SAN_MAX_DEFAULT - 3) / 4) + 3);
	free(got);
}
END_TEST

START_TEST(test_buf)
{
	char out[16];

	/* smallest allowed buffer */
	memset(out, 'Z', sizeof(out));
	ck_assert_uint_eq(sanitize_buf(out, 4, "abc", 3, SAN_TEXT), 3);
	ck_assert_str_eq(out, "abc");
	ck_assert_uint_eq(sanitize_buf(out, 4, "abcd", 4, SAN_TEXT), 3);
	ck_assert_str_eq(out, "...");
	ck_assert_int_eq(out[4], 'Z');		/* nothing written past dstsize */
	/* the NUL always fits */
	memset(out, 'Z', sizeof(out));
	ck_assert_uint_eq(sanitize_buf(out, 8, "\r\r\r\r", 4, SAN_TEXT), 7);
	ck_assert_str_eq(out, "\\x0D...");
	ck_assert_uint_eq(sanitize_buf(out, 9, "\r\r", 2, SAN_TEXT), 8);
	ck_assert_str_eq(out, "\\x0D\\x0D");
	ck_assert_int_eq(out[9], 'Z');
	/* stops at len, not at the NUL */
	ck_assert_uint_eq(sanitize_buf(out, sizeof(out), "abcdef", 2, SAN_TEXT), 2);
	ck_assert_str_eq(out, "ab");
}
END_TEST

/* ------------------------------------------------------------------ */

static int
allowed(enum san_class cls, unsigned char c)
{
	switch (cls) {
	case SAN_TEXT:
		return c >= 0x20 && c < 0x7f;
	case SAN_UTF8:
		return c >= 0x20 && c != 0x7f;
	case SAN_ADDR:
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~.@\\", c) != NULL;
	case SAN_HEX:
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '.';
	case SAN_TOKEN:
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("._-+", c) != NULL;
	}
	return 0;
}

/* xorshift32: a fixed sequence, so a failure reproduces */
static unsigned
rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Random bytes (biased towards the interesting ones) through every class
 * and many bounds: the output fits, is NUL-terminated at its length, holds
 * only what the class may emit (in SAN_UTF8, 8-bit bytes only as parts of
 * well-formed sequences; a backslash only as "\\" or "\xHH"), and it is
 * the uncut result when that fits, else a prefix of it followed by "...".
 */
START_TEST(test_random_sweep)
{
	static const unsigned char spice[] = {
		'\r', '\n', '\0', '"', '\\', '\t', 0x7f, 0x80, 0x9b, 0xc2, 0xc3,
		0xe2, 0x80, 0xae, 0xf0, 0x9f, 0xff, '@', ' ', 'x', '.', 'a'
	};
	unsigned seed = 0x5eed1234u;
	unsigned char in[200];
	char out[300], full[1024];
	size_t full_n;

	for (int round = 0; round < 4000; round++) {
		size_t len = rnd(&seed) % sizeof(in);
		size_t dstsize = 4 + rnd(&seed) % 250;
		enum san_class cls = (enum san_class)(rnd(&seed) % 5);
		size_t n;

		for (size_t i = 0; i < len; i++)
			in[i] = rnd(&seed) % 2 ? spice[rnd(&seed) % sizeof(spice)] :
			    (unsigned char)rnd(&seed);
		memset(out, 'Z', sizeof(out));
		n = sanitize_buf(out, dstsize, (const char *)in, len, cls);
		ck_assert_uint_lt(n, dstsize);
		ck_assert_int_eq(out[n], '\0');
		ck_assert_uint_eq(strlen(out), n);
		ck_assert_int_eq(out[dstsize], 'Z');
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)out[i];

			ck_assert_msg(allowed(cls, c), "class %d emitted 0x%02x (round %d)",
			    (int)cls, c, round);
			if ((cls == SAN_TEXT || cls == SAN_UTF8) && c == '\\') {
				ck_assert_msg(out[i + 1] == '\\' || out[i + 1] == 'x',
				    "bare backslash (round %d)", round);
				i++;
			}
		}
		if (cls == SAN_UTF8) {
			/* what survives is valid UTF-8 (no stray 8-bit bytes) */
			for (size_t i = 0; i < n;) {
				unsigned char c = (unsigned char)out[i];
				size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

				ck_assert_msg(c < 0x80 || (c >= 0xc2 && c <= 0xf4),
				    "bad lead 0x%02x (round %d)", c, round);
				for (size_t j = 1; j < k; j++)
					ck_assert_msg(i + j < n &&
					    ((unsigned char)out[i + j] & 0xc0) == 0x80,
					    "broken sequence (round %d)", round);
				i += k;
			}
		}
		/* the cut: whole when it fits, else a prefix of it and "..." */
		full_n = sanitize_buf(full, sizeof(full), (const char *)in, len, cls);
		ck_assert_uint_lt(full_n, sizeof(full) - 1);
		if (full_n < dstsize) {
			ck_assert_str_eq(out, full);
		} else {
			ck_assert_uint_ge(n, 3);
			ck_assert_str_eq(out + n - 3, "...");
			ck_assert_int_eq(memcmp(out, full, n - 3), 0);
			ck_assert_uint_gt(n + 4, dstsize - 1);	/* no room wasted */
		}
	}
}
END_TEST

static Suite *
sanitize_suite(void)
{
	Suite *s = suite_create("sanitize");
	TCase *tc;

	tc = tcase_create("classes");
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_utf8_kept);
	tcase_add_loop_test(tc, test_utf8_escaped, 0,
	    (int)(sizeof(utf8_esc) / sizeof(utf8_esc[0])));
	tcase_add_test(tc, test_utf8_alm);
	tcase_add_test(tc, test_addr);
	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_token);
	tcase_add_test(tc, test_null_input);
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_default_max);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_random_sweep);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sanitize_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
