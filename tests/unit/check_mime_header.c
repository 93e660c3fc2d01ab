/*
 * check_mime_header: unit tests of the Content-Type / Content-Disposition /
 * Content-Transfer-Encoding parsers (RFC 2045 lexical rules, RFC 2231).
 *
 * Every value is parsed from an exact-length heap copy without a NUL, so the
 * sanitizers catch a read past the end.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/mime_header.h"
#include "smime/smx_err.h"

static struct mime_header_value *
parse_n(const char *s, size_t n, int disposition)
{
	char *copy = malloc(n ? n : 1);
	struct mime_header_value *v = NULL;
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, s, n);
	rc = disposition ? mime_header_disposition(copy, n, &v) :
	    mime_header_content_type(copy, n, &v);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(v);
	free(copy);
	return v;
}

static struct mime_header_value *
ctype(const char *s)
{
	return parse_n(s, strlen(s), 0);
}

static const char *
param(const struct mime_header_value *v, const char *name)
{
	return mime_header_param(v->params, v->nparams, name);
}

/* Assert token, malformed flag and "name=value;..." of a Content-Type. */
static void
check_ct(const char *in, const char *token, int malformed, const char *params)
{
	struct mime_header_value *v = ctype(in);
	char buf[4096] = "";

	for (size_t i = 0; i < v->nparams; i++) {
		strcat(buf, v->params[i].name);
		strcat(buf, "=");
		strcat(buf, v->params[i].value);
		strcat(buf, ";");
	}
	if (token == NULL)
		ck_assert_msg(v->token == NULL, "%s: token %s", in, v->token);
	else
		ck_assert_msg(v->token && strcmp(v->token, token) == 0, "%s: token %s", in,
		    v->token ? v->token : "(null)");
	ck_assert_msg(v->malformed == malformed, "%s: malformed %d", in, v->malformed);
	ck_assert_msg(strcmp(buf, params) == 0, "%s: params \"%s\", expected \"%s\"", in, buf, params);
	mime_header_value_free(v);
}

START_TEST(test_type_and_parameter_names_are_lower_cased)
{
	check_ct("Text/PLAIN; CharSet=UTF-8", "text/plain", 0, "charset=UTF-8;");
	check_ct("  multipart/Signed ;protocol=\"application/pkcs7-signature\";micalg=SHA-256",
	    "multipart/signed", 0, "protocol=application/pkcs7-signature;micalg=SHA-256;");
	check_ct("text/plain;", "text/plain", 0, "");
	check_ct("text / html", "text/html", 0, "");
}
END_TEST

START_TEST(test_quoted_strings_undo_backslash_escapes_and_folds)
{
	check_ct("multipart/mixed; boundary=\"a\\\"b\\\\c;d\"", "multipart/mixed", 0,
	    "boundary=a\"b\\c;d;");
	check_ct("multipart/mixed;\r\n boundary=\"ab\r\n cd\"", "multipart/mixed", 0,
	    "boundary=ab cd;");
	check_ct("text/plain; a=\"\"", "text/plain", 0, "a=;");
}
END_TEST

START_TEST(test_comments_may_stand_between_any_items)
{
	check_ct("text/plain (c1) ; (c2) charset (c3) = (c4) \"x\" (c5)", "text/plain", 0,
	    "charset=x;");
	check_ct("(lead)text(mid)/(mid)plain (a (nested) \\) paren); x=1", "text/plain", 0, "x=1;");
	check_ct("text/plain; x=1 (unterminated", "text/plain", 1, "x=1;");
}
END_TEST

START_TEST(test_unquoted_values_are_read_leniently)
{
	/* Real boundaries carry tspecials without quotes. */
	check_ct("multipart/mixed; boundary=----=_Part_1_2.3/4?", "multipart/mixed", 0,
	    "boundary=----=_Part_1_2.3/4?;");
	check_ct("multipart/mixed; boundary=abc(comment)", "multipart/mixed", 0, "boundary=abc;");
	/* A missing ';' is tolerated but flagged. */
	check_ct("text/plain charset=x name=y", "text/plain", 1, "charset=x;name=y;");
	check_ct("text/plain; x=", "text/plain", 1, "x=;");
}
END_TEST

START_TEST(test_broken_values)
{
	check_ct("text", NULL, 1, "");
	check_ct("text/", NULL, 1, "");
	check_ct("/plain", NULL, 1, "");
	check_ct("", NULL, 1, "");
	check_ct("   ", NULL, 1, "");
	check_ct("t\xc3\xa9xt/plain", NULL, 1, "");
	check_ct("text/plain; =x; y=1", "text/plain", 1, "y=1;");
	check_ct("text/plain; novalue; y=1", "text/plain", 1, "y=1;");
	check_ct("text/plain; a=\"unterminated", "text/plain", 1, "a=unterminated;");
	check_ct("text/plain; a=\"x\\", "text/plain", 1, "a=x;");
	check_ct("text/plain; @@@; y=2", "text/plain", 1, "y=2;");
}
END_TEST

START_TEST(test_rfc2231_single_extended_value)
{
	check_ct("application/pdf; name*=utf-8'en'%E2%82%AC%20rates.pdf", "application/pdf", 0,
	    "name=\xe2\x82\xac rates.pdf;");
	check_ct("application/pdf; name*=''plain", "application/pdf", 0, "name=plain;");
	/* Without charset'language' the value is still %-decoded. */
	check_ct("application/pdf; name*=%41", "application/pdf", 1, "name=A;");
	/* %00 would cut the C string: kept literally. A bad % too. */
	check_ct("application/pdf; name*=utf-8''a%00b%zzc%4", "application/pdf", 1,
	    "name=a%00b%zzc%4;");
}
END_TEST

START_TEST(test_rfc2231_continuations_are_joined_in_order)
{
	check_ct("application/pdf; name*0*=us-ascii''a%20b; name*1=\"c d\"; name*2*=%41",
	    "application/pdf", 0, "name=a bc dA;");
	check_ct("application/pdf; name*2=c; name*0=a; name*1=b", "application/pdf", 0,
	    "name=abc;");
	/* Only section 0 carries charset'language'. */
	check_ct("x/y; n*0=a'b; n*1*=c'd'%41", "x/y", 0, "n=a'bc'd'A;");
	/* A gap ends the value; a repeated section counts once. */
	check_ct("x/y; n*0=a; n*2=c", "x/y", 1, "n=a;");
	check_ct("x/y; n*0=a; n*0=z; n*1=b", "x/y", 1, "n=ab;");
	/* No section 0: fall back to a plain value if there is one. */
	check_ct("x/y; n*1=b; n=plain", "x/y", 1, "n=plain;");
	check_ct("x/y; n*1=b", "x/y", 1, "n=;");
	/* Odd names are plain names. */
	check_ct("x/y; a*b=1; c*1x=2", "x/y", 0, "a*b=1;c*1x=2;");
	check_ct("x/y; *=1; *0=2; z=3", "x/y", 1, "z=3;");
}
END_TEST

START_TEST(test_parameters_keep_first_appearance_order_and_first_value)
{
	check_ct("x/y; b=1; a=2; b*=utf-8''3; c=4", "x/y", 0, "b=3;a=2;c=4;");
	/* The extended form wins over the plain one, silently (RFC 2231 /
	 * RFC 6266 fallbacks are common). */
	check_ct("x/y; filename=\"fallback.txt\"; filename*=utf-8''real.txt", "x/y", 0,
	    "filename=real.txt;");
	/* Duplicates of one form: the first wins, flagged. */
	check_ct("multipart/mixed; boundary=one; boundary=two", "multipart/mixed", 1,
	    "boundary=one;");
	check_ct("x/y; a*=''1; a*=''2", "x/y", 1, "a=1;");
	check_ct("x/y; a*=''1; a*0=2", "x/y", 1, "a=1;");
}
END_TEST

START_TEST(test_values_with_nul_bytes_stay_within_bounds)
{
	struct mime_header_value *v;

	v = parse_n("x/y; a=\"b\0c\"; d=e\0f", 20, 0);
	ck_assert_str_eq(v->token, "x/y");
	ck_assert_str_eq(param(v, "a"), "bc");
	ck_assert_str_eq(param(v, "d"), "e");
	ck_assert_int_eq(v->malformed, 1);
	mime_header_value_free(v);
	v = parse_n("x/", 2, 0);
	ck_assert_ptr_null(v->token);
	mime_header_value_free(v);
	v = parse_n("", 0, 0);
	ck_assert_ptr_null(v->token);
	ck_assert_uint_eq(v->nparams, 0);
	mime_header_value_free(v);
}
END_TEST

START_TEST(test_many_parameters_parse_quickly)
{
	size_t n = 200000;
	char *s = malloc(n + 16);
	struct mime_header_value *v;
	size_t k = 0;

	ck_assert_ptr_nonnull(s);
	k += (size_t)sprintf(s, "x/y");
	while (k + 6 < n)
		k += (size_t)sprintf(s + k, ";a*%d=1", (int)(k % 97));
	v = parse_n(s, k, 0);
	ck_assert_uint_eq(v->nparams, 1);
	ck_assert_int_eq(v->malformed, 1);
	mime_header_value_free(v);
	free(s);
}
END_TEST

START_TEST(test_disposition_type_and_filename)
{
	struct mime_header_value *v;

	v = parse_n("Attachment; FileName=\"report 1.pdf\"; size=10", 44, 1);
	ck_assert_str_eq(v->token, "attachment");
	ck_assert_str_eq(param(v, "filename"), "report 1.pdf");
	ck_assert_str_eq(param(v, "size"), "10");
	ck_assert_ptr_null(param(v, "name"));
	ck_assert_int_eq(v->malformed, 0);
	mime_header_value_free(v);
	v = parse_n("inline;\n filename*0*=UTF-8''%C3%A9; filename*1=t.txt", 52, 1);
	ck_assert_str_eq(v->token, "inline");
	ck_assert_str_eq(param(v, "filename"), "\xc3\xa9t.txt");
	mime_header_value_free(v);
	v = parse_n("; filename=x", 12, 1);
	ck_assert_ptr_null(v->token);
	ck_assert_int_eq(v->malformed, 1);
	mime_header_value_free(v);
}
END_TEST

static enum mime_cte
cte(const char *s)
{
	return mime_header_cte(s, strlen(s));
}

START_TEST(test_transfer_encodings)
{
	ck_assert_int_eq(cte("7bit"), MIME_CTE_7BIT);
	ck_assert_int_eq(cte("8BIT"), MIME_CTE_8BIT);
	ck_assert_int_eq(cte("Binary"), MIME_CTE_BINARY);
	ck_assert_int_eq(cte(" base64 (comment) "), MIME_CTE_BASE64);
	ck_assert_int_eq(cte("\r\n\tQuoted-Printable"), MIME_CTE_QP);
	ck_assert_int_eq(cte("x-uuencode"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte(""), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte("base64 x"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte("base 64"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte("base64;"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte("base6"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(cte("base644"), MIME_CTE_UNKNOWN);
	ck_assert_int_eq(mime_header_cte("base64", 4), MIME_CTE_UNKNOWN);
}
END_TEST

static enum mime_header_field
field(const char *s)
{
	return mime_header_field(s, strlen(s));
}

START_TEST(test_kept_field_names)
{
	ck_assert_int_eq(field("Content-Type"), MIME_HEADER_CONTENT_TYPE);
	ck_assert_int_eq(field("content-type \t"), MIME_HEADER_CONTENT_TYPE);
	ck_assert_int_eq(field("CONTENT-TRANSFER-ENCODING"), MIME_HEADER_CTE);
	ck_assert_int_eq(field("Content-Disposition"), MIME_HEADER_DISPOSITION);
	ck_assert_int_eq(field("From"), MIME_HEADER_FROM);
	ck_assert_int_eq(field("Content-Typ"), MIME_HEADER_OTHER);
	ck_assert_int_eq(field("Content-Types"), MIME_HEADER_OTHER);
	ck_assert_int_eq(field("X-From"), MIME_HEADER_OTHER);
	ck_assert_int_eq(field(" From"), MIME_HEADER_OTHER);
	ck_assert_int_eq(field(""), MIME_HEADER_OTHER);
}
END_TEST

START_TEST(test_free_and_lookup_accept_empty_input)
{
	ck_assert_ptr_null(mime_header_value_free(NULL));
	ck_assert_ptr_null(mime_header_param(NULL, 0, "x"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mime_header");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_type_and_parameter_names_are_lower_cased);
	tcase_add_test(tc, test_quoted_strings_undo_backslash_escapes_and_folds);
	tcase_add_test(tc, test_comments_may_stand_between_any_items);
	tcase_add_test(tc, test_unquoted_values_are_read_leniently);
	tcase_add_test(tc, test_broken_values);
	tcase_add_test(tc, test_rfc2231_single_extended_value);
	tcase_add_test(tc, test_rfc2231_continuations_are_joined_in_order);
	tcase_add_test(tc, test_parameters_keep_first_appearance_order_and_first_value);
	tcase_add_test(tc, test_values_with_nul_bytes_stay_within_bounds);
	tcase_add_test(tc, test_many_parameters_parse_quickly);
	tcase_add_test(tc, test_disposition_type_and_filename);
	tcase_add_test(tc, test_transfer_encodings);
	tcase_add_test(tc, test_kept_field_names);
	tcase_add_test(tc, test_free_and_lookup_accept_empty_input);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? 0 : 1;
}
