/*
 * check_mime_decode: unit tests of the streaming base64 and quoted-printable
 * decoders.
 *
 * decode() feeds its input in chunks of a given size into output buffers of
 * exactly len + MIME_DECODE_SLACK bytes on the heap, so the sanitizers
 * catch any write beyond the documented bound.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/mime_decode.h"

struct result {
	unsigned char *p;
	size_t len;
	unsigned defects;
};

static struct result
decode(enum mime_decode_kind kind, const void *in, size_t len, size_t chunk)
{
	struct mime_decode *d = mime_decode_new(kind);
	struct result r = { NULL, 0, 0 };
	const unsigned char *p = in;

	ck_assert_ptr_nonnull(d);
	r.p = malloc(len + MIME_DECODE_SLACK + 1);
	ck_assert_ptr_nonnull(r.p);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		unsigned char *out = malloc(n + MIME_DECODE_SLACK);
		size_t k;

		ck_assert_ptr_nonnull(out);
		k = mime_decode_update(d, p + off, n, out);
		ck_assert_uint_le(k, n + MIME_DECODE_SLACK);
		memcpy(r.p + r.len, out, k);
		r.len += k;
		free(out);
	}
	unsigned char *fin = malloc(MIME_DECODE_SLACK);

	ck_assert_ptr_nonnull(fin);
	size_t k = mime_decode_final(d, fin);

	ck_assert_uint_le(k, MIME_DECODE_SLACK);
	memcpy(r.p + r.len, fin, k);
	r.len += k;
	r.p[r.len] = '\0';
	free(fin);
	r.defects = mime_decode_defects(d);
	mime_decode_free(d);
	return r;
}

/* Decode in every chunking; all must agree; check output and defects. */
static void
check(enum mime_decode_kind kind, const char *in, size_t inlen, const char *out,
    size_t outlen, unsigned defects)
{
	static const size_t chunks[] = { 0, 1, 2, 3, 7, 64 };

	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct result r = decode(kind, in, inlen, chunks[i]);

		ck_assert_msg(r.len == outlen && memcmp(r.p, out, outlen) == 0,
		    "\"%s\" chunk %zu: got \"%s\" (%zu bytes), want \"%s\"", in, chunks[i],
		    r.p, r.len, out);
		ck_assert_msg(r.defects == defects, "\"%s\" chunk %zu: defects %#x, want %#x",
		    in, chunks[i], r.defects, defects);
		free(r.p);
	}
}

#define B64(in, out, def) check(MIME_DECODE_BASE64, in, strlen(in), out, sizeof(out) - 1, def)
#define QP(in, out, def) check(MIME_DECODE_QP, in, strlen(in), out, sizeof(out) - 1, def)

static char *
b64_encode(const unsigned char *p, size_t n, size_t *outlen)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *o = malloc(n * 2 + 8);
	size_t k = 0, col = 0;

	ck_assert_ptr_nonnull(o);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);

		o[k++] = a[v >> 18 & 63];
		o[k++] = a[v >> 12 & 63];
		o[k++] = i + 1 < n ? a[v >> 6 & 63] : '=';
		o[k++] = i + 2 < n ? a[v & 63] : '=';
		if ((col += 4) == 76) {
			o[k++] = '\r';
			o[k++] = '\n';
			col = 0;
		}
	}
	*outlen = k;
	return o;
}

START_TEST(test_base64_round_trip_in_any_chunking)
{
	unsigned char all[1000];
	size_t elen;

	for (size_t i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)(i * 7 + i / 256);
	for (size_t n = 0; n <= 6; n++) {
		char *e = b64_encode(all, n, &elen);

		check(MIME_DECODE_BASE64, e, elen, (const char *)all, n, 0);
		free(e);
	}
	char *e = b64_encode(all, sizeof(all), &elen);

	check(MIME_DECODE_BASE64, e, elen, (const char *)all, sizeof(all), 0);
	free(e);
}
END_TEST

START_TEST(test_base64_skips_white_space)
{
	B64("QU JD\r\n\tRA==\r\n", "ABCD", 0);
	B64("  \r\n", "", 0);
	B64("", "", 0);
}
END_TEST

START_TEST(test_base64_flags_bytes_outside_the_alphabet)
{
	B64("QU*JD", "ABC", MIME_DECODE_DEF_ALPHABET);
	B64("QUJD-_\x80\x00", "ABC", MIME_DECODE_DEF_ALPHABET);
}
END_TEST

START_TEST(test_base64_flags_data_after_padding)
{
	B64("QQ==QUJD", "A", MIME_DECODE_DEF_AFTER_PAD);
	B64("QUI=QUJD", "AB", MIME_DECODE_DEF_AFTER_PAD);
	B64("QQ===", "A", MIME_DECODE_DEF_AFTER_PAD);
	B64("QQ=Q", "A", MIME_DECODE_DEF_AFTER_PAD);
	B64("QQ==\r\n \r\n", "A", 0);
}
END_TEST

START_TEST(test_base64_flags_misplaced_padding_and_bad_length)
{
	B64("=QUJD", "ABC", MIME_DECODE_DEF_PAD);
	B64("Q=", "", MIME_DECODE_DEF_PAD | MIME_DECODE_DEF_LENGTH);
	B64("QUJ", "AB", MIME_DECODE_DEF_LENGTH);
	B64("QQ", "A", MIME_DECODE_DEF_LENGTH);
	B64("QUJDQ", "ABC", MIME_DECODE_DEF_LENGTH);
	B64("QQ=", "A", MIME_DECODE_DEF_LENGTH);
}
END_TEST

START_TEST(test_qp_escapes_and_soft_line_breaks)
{
	QP("caf=C3=A9", "caf\xc3\xa9", 0);
	QP("a=3Db=3d", "a=b=", 0);
	QP("ab=\r\ncd", "abcd", 0);
	QP("ab= \t\r\ncd", "abcd", 0);
	QP("ab=\ncd", "abcd", 0);
	QP("ab=", "ab", 0);
	QP("ab= ", "ab", 0);
}
END_TEST

START_TEST(test_qp_deletes_trailing_white_space_only)
{
	QP("ab  \r\ncd \t", "ab\r\ncd", 0);
	QP("a  b\t c", "a  b\t c", 0);
	QP("a \n", "a\n", 0);
	QP("a =20\r\n", "a  \r\n", 0);
}
END_TEST

START_TEST(test_qp_keeps_line_ends_and_lone_cr)
{
	QP("a\nb\r\nc", "a\nb\r\nc", 0);
	QP("a\rb", "a\rb", 0);
	QP("a \rb", "a \rb", 0);
	QP("a\r\r\n", "a\r\r\n", 0);
	QP("a\r", "a\r", 0);
	QP("a\r ", "a\r", 0);
}
END_TEST

START_TEST(test_qp_passes_invalid_escapes_literally)
{
	QP("=G1x", "=G1x", MIME_DECODE_DEF_ESCAPE);
	QP("=4Gx", "=4Gx", MIME_DECODE_DEF_ESCAPE);
	QP("= x", "= x", MIME_DECODE_DEF_ESCAPE);
	QP("=\rx", "=\rx", MIME_DECODE_DEF_ESCAPE);
	QP("=\r\rx", "=\r\rx", MIME_DECODE_DEF_ESCAPE);
	QP("=4", "=4", MIME_DECODE_DEF_ESCAPE);
	QP("=\r", "=\r", MIME_DECODE_DEF_ESCAPE);
	QP("==41", "=A", MIME_DECODE_DEF_ESCAPE);
	QP("=4=41", "=4A", MIME_DECODE_DEF_ESCAPE);
}
END_TEST

START_TEST(test_qp_white_space_runs_are_held_in_bounded_memory)
{
	char in[1100], want[1100];

	/* A run longer than MIME_DECODE_WS_MAX before a line end: only the
	 * held tail (1000 % 256 bytes) is deleted. */
	memset(in, ' ', 1000);
	memcpy(in + 1000, "\r\n", 2);
	memset(want, ' ', 768);
	memcpy(want + 768, "\r\n", 2);
	check(MIME_DECODE_QP, in, 1002, want, 770, 0);
	/* Followed by text, the whole run is kept. */
	in[1000] = 'x';
	memcpy(want, in, 1001);
	check(MIME_DECODE_QP, in, 1001, want, 1001, 0);
	/* After "=", white space beyond the bound makes the escape invalid:
	 * "=" and 256 spaces go out literally, then 512 more, and the last
	 * 231 are deleted before the line end. */
	in[0] = '=';
	memcpy(in + 1000, "\r\n", 2);
	want[0] = '=';
	memset(want + 1, ' ', 768);
	memcpy(want + 769, "\r\n", 2);
	check(MIME_DECODE_QP, in, 1002, want, 771, MIME_DECODE_DEF_ESCAPE);
}
END_TEST

/* Random inputs over a small alphabet: every chunking agrees. */
static void
random_agree(enum mime_decode_kind kind, const char *alpha)
{
	unsigned long long seed = 88172645463325252ULL;
	size_t na = strlen(alpha);

	for (int it = 0; it < 2000; it++) {
		char in[64];
		size_t n;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		n = seed % sizeof(in);
		for (size_t i = 0; i < n; i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			in[i] = alpha[seed % na];
		}
		struct result whole = decode(kind, in, n, 0);

		for (size_t c = 1; c <= 4; c++) {
			struct result r = decode(kind, in, n, c);

			ck_assert_msg(r.len == whole.len && memcmp(r.p, whole.p, r.len) == 0 &&
			    r.defects == whole.defects, "chunking %zu of \"%.*s\" differs", c,
			    (int)n, in);
			free(r.p);
		}
		free(whole.p);
	}
}

START_TEST(test_random_input_decodes_alike_in_any_chunking)
{
	random_agree(MIME_DECODE_BASE64, "QUJD=  \r\n!A");
	random_agree(MIME_DECODE_QP, "==\r\n \tA3dG");
}
END_TEST

START_TEST(test_lifecycle)
{
	struct mime_decode *d = mime_decode_new(MIME_DECODE_BASE64);
	unsigned char out[MIME_DECODE_SLACK + 8];

	ck_assert_ptr_null(mime_decode_new((enum mime_decode_kind)7));
	ck_assert_ptr_null(mime_decode_free(NULL));
	ck_assert_uint_eq(mime_decode_defects(NULL), 0);
	ck_assert_uint_eq(mime_decode_update(d, "QUJD", 4, out), 3);
	ck_assert_uint_eq(mime_decode_final(d, out), 0);
	/* Nothing after final. */
	ck_assert_uint_eq(mime_decode_update(d, "QUJD", 4, out), 0);
	ck_assert_uint_eq(mime_decode_final(d, out), 0);
	ck_assert_ptr_null(mime_decode_free(d));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mime_decode");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_base64_round_trip_in_any_chunking);
	tcase_add_test(tc, test_base64_skips_white_space);
	tcase_add_test(tc, test_base64_flags_bytes_outside_the_alphabet);
	tcase_add_test(tc, test_base64_flags_data_after_padding);
	tcase_add_test(tc, test_base64_flags_misplaced_padding_and_bad_length);
	tcase_add_test(tc, test_qp_escapes_and_soft_line_breaks);
	tcase_add_test(tc, test_qp_deletes_trailing_white_space_only);
	tcase_add_test(tc, test_qp_keeps_line_ends_and_lone_cr);
	tcase_add_test(tc, test_qp_passes_invalid_escapes_literally);
	tcase_add_test(tc, test_qp_white_space_runs_are_held_in_bounded_memory);
	tcase_add_test(tc, test_random_input_decodes_alike_in_any_chunking);
	tcase_add_test(tc, test_lifecycle);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? 0 : 1;
}
