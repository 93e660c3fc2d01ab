/*
 * NAME
 *	check_report - unit tests of smime/report, smime/reasons, smime/limits
 * SYNOPSIS
 *	./check_report
 * DESCRIPTION
 *	The vocabulary other tools depend on.  Results: every name round
 *	trips through smx_result_parse(), the names are the RFC 7281
 *	keywords, and smx_result_worse() is the documented strict order none
 *	< neutral < pass < temperror < policy < permerror < fail.  Layer kind
 *	names.  smx_report_clear() on an empty and on a filled report (ASan /
 *	valgrind see any leak).  Reasons: every token of reasons_table[] is
 *	unique, lower-case [a-z_], documented, and goes with the result its
 *	group in reasons.h names; every R_* macro is in the table;
 *	reasons_limit() gives the table's own static "limit_<token>" for
 *	every limits_table[] token and malformed_mime for anything else.
 *	Limits: keys and tokens unique, defaults within their ranges, the
 *	offsets cover struct smx_limits exactly once, limits_default(),
 *	limits_field() and limits_get() agree.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/x509.h>

#include "smime/limits.h"
#include "smime/reasons.h"
#include "smime/report.h"
#include "smime/smx_err.h"

#define NRESULTS 7

/* In the order of severity, least first. */
static const struct {
	enum smx_result r;
	const char *name;
} results[NRESULTS] = {
	{ SMX_NONE, "none" },
	{ SMX_NEUTRAL, "neutral" },
	{ SMX_PASS, "pass" },
	{ SMX_TEMPERROR, "temperror" },
	{ SMX_POLICY, "policy" },
	{ SMX_PERMERROR, "permerror" },
	{ SMX_FAIL, "fail" },
};

START_TEST(test_result_names)
{
	for (int i = 0; i < NRESULTS; i++) {
		enum smx_result back = SMX_FAIL;

		ck_assert_str_eq(smx_result_name(results[i].r), results[i].name);
		ck_assert_int_eq(smx_result_parse(results[i].name, &back), 0);
		ck_assert_int_eq(back, results[i].r);
	}
}
END_TEST

START_TEST(test_result_parse_bad)
{
	static const char *const bad[] = {
		"", "unknown", "passed", "pas", "pass ", " pass", "hardfail", "softfail",
		"error", "perm-error", "-",
	};
	enum smx_result r = SMX_POLICY;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(smx_result_parse(bad[i], &r), SMX_ERR_INVAL);
		ck_assert_int_eq(r, SMX_POLICY);	/* untouched */
	}
}
END_TEST

START_TEST(test_result_order)
{
	/* strict: irreflexive, and exactly the order of the list */
	for (int i = 0; i < NRESULTS; i++)
		for (int j = 0; j < NRESULTS; j++)
			ck_assert_msg(smx_result_worse(results[i].r, results[j].r) == (i > j),
			    "worse(%s, %s) should be %d", results[i].name, results[j].name, i > j);
	/* the documented points: neutral does not hide a pass, fail tops all */
	ck_assert(smx_result_worse(SMX_PASS, SMX_NEUTRAL));
	ck_assert(!smx_result_worse(SMX_NEUTRAL, SMX_PASS));
	ck_assert(smx_result_worse(SMX_NEUTRAL, SMX_NONE));
	ck_assert(smx_result_worse(SMX_FAIL, SMX_PERMERROR));
	ck_assert(smx_result_worse(SMX_POLICY, SMX_TEMPERROR));
}
END_TEST

START_TEST(test_layer_kinds)
{
	ck_assert_str_eq(smx_layer_kind_name(SMX_LAYER_DETACHED), "detached");
	ck_assert_str_eq(smx_layer_kind_name(SMX_LAYER_OPAQUE), "opaque");
	ck_assert_str_eq(smx_layer_kind_name(SMX_LAYER_ENCRYPTED), "encrypted");
}
END_TEST

static X509 *
dummy_cert(void)
{
	X509 *x = X509_new();

	ck_assert_ptr_nonnull(x);
	return x;
}

START_TEST(test_report_clear)
{
	struct smx_report r;
	struct smx_layer *l;
	struct smx_signer *s;

	memset(&r, 0, sizeof(r));
	smx_report_clear(&r);
	ck_assert_uint_eq(r.nlayers, 0);
	ck_assert_ptr_null(r.layers);

	/* a filled report: everything owned must go */
	r.result = SMX_FAIL;
	r.reason = R_BAD_SIGNATURE;
	r.from = strdup("alice@example.com");
	r.bytes = 1234;
	r.nlayers = 2;
	ck_assert_ptr_nonnull(r.layers = calloc(2, sizeof(*r.layers)));
	l = &r.layers[0];
	l->part = strdup("0");
	l->from = strdup("alice@example.com");
	l->certs = sk_X509_new_null();
	sk_X509_push(l->certs, dummy_cert());
	l->nsigners = 2;
	ck_assert_ptr_nonnull(l->signers = calloc(2, sizeof(*l->signers)));
	s = &l->signers[0];
	s->identity = strdup("alice@example.com");
	s->subject = strdup("CN=alice");
	s->issuer = strdup("CN=ca");
	s->serial = strdup("01");
	s->cert = dummy_cert();
	s->chain_certs = sk_X509_new_null();
	sk_X509_push(s->chain_certs, dummy_cert());
	sk_X509_push(s->chain_certs, dummy_cert());
	r.layers[1].part = strdup("1.1");	/* a layer with nothing else */
	smx_report_clear(&r);
	ck_assert_int_eq(r.result, SMX_NONE);
	ck_assert_ptr_null(r.reason);
	ck_assert_ptr_null(r.from);
	ck_assert_ptr_null(r.layers);
	ck_assert_uint_eq(r.nlayers, 0);
	ck_assert_uint_eq(r.bytes, 0);
	smx_report_clear(&r);		/* twice is fine */
}
END_TEST

/* ------------------------------------------------------------------ */

static const struct smx_reason_def *
reason_find(const char *tok)
{
	for (size_t i = 0; i < reasons_count; i++)
		if (strcmp(reasons_table[i].token, tok) == 0)
			return &reasons_table[i];
	return NULL;
}

START_TEST(test_reason_tokens)
{
	ck_assert_uint_gt(reasons_count, 0);
	for (size_t i = 0; i < reasons_count; i++) {
		const struct smx_reason_def *d = &reasons_table[i];

		ck_assert_ptr_nonnull(d->token);
		ck_assert_msg(d->token[0] != '\0', "entry %zu: empty token", i);
		ck_assert_msg(strspn(d->token, "abcdefghijklmnopqrstuvwxyz_") == strlen(d->token),
		    "\"%s\" is not lower-case [a-z_]", d->token);
		ck_assert_msg(d->token[0] != '_' && d->token[strlen(d->token) - 1] != '_',
		    "\"%s\": leading or trailing '_'", d->token);
		ck_assert_msg(d->doc != NULL && d->doc[0] != '\0', "\"%s\" undocumented", d->token);
		ck_assert_msg(d->result >= SMX_NONE && d->result <= SMX_FAIL,
		    "\"%s\": result %d", d->token, (int)d->result);
		ck_assert_msg(d->result != SMX_PASS, "\"%s\" goes with pass", d->token);
		for (size_t j = i + 1; j < reasons_count; j++)
			ck_assert_msg(strcmp(d->token, reasons_table[j].token) != 0,
			    "\"%s\" listed twice", d->token);
	}
}
END_TEST

/* Every R_* of reasons.h, with the result its group there names. */
static const struct {
	const char *token;
	enum smx_result r;
} macros[] = {
	{ R_UNSIGNED, SMX_NONE }, { R_ENCRYPTED, SMX_NONE },
	{ R_BAD_SIGNATURE, SMX_FAIL }, { R_DIGEST_MISMATCH, SMX_FAIL },
	{ R_CONTENT_TYPE_MISMATCH, SMX_FAIL },
	{ R_WEAK_DIGEST, SMX_POLICY }, { R_UNTRUSTED, SMX_POLICY },
	{ R_EXPIRED, SMX_POLICY }, { R_NOT_YET_VALID, SMX_POLICY },
	{ R_BAD_PURPOSE, SMX_POLICY }, { R_BAD_KEY_USAGE, SMX_POLICY },
	{ R_BAD_CA, SMX_POLICY }, { R_CHAIN_INVALID, SMX_POLICY },
	{ R_SIGNING_TIME_FUTURE, SMX_POLICY }, { R_FROM_MISMATCH, SMX_POLICY },
	{ R_UNSUPPORTED_ALG, SMX_NEUTRAL }, { R_NO_SIGNER_CERT, SMX_NEUTRAL },
	{ R_MALFORMED_MIME, SMX_PERMERROR }, { R_MALFORMED_CMS, SMX_PERMERROR },
	{ R_BAD_ENCODING, SMX_PERMERROR }, { R_NOT_SIGNED_DATA, SMX_PERMERROR },
	{ R_MISSING_SIGNATURE, SMX_PERMERROR }, { R_NO_SIGNERS, SMX_PERMERROR },
	{ R_NO_CONTENT, SMX_PERMERROR }, { R_MICALG_MISMATCH, SMX_PERMERROR },
	{ R_BAD_ATTRIBUTES, SMX_PERMERROR }, { R_BAD_ALGORITHM_PARAMS, SMX_PERMERROR },
	{ R_TOO_LARGE, SMX_PERMERROR },
	{ R_INTERNAL, SMX_TEMPERROR },
};

START_TEST(test_reason_macros)
{
	const struct smx_reason_def *d = reason_find(macros[_i].token);

	ck_assert_msg(d != NULL, "\"%s\" not in reasons_table", macros[_i].token);
	ck_assert_msg(d->result == macros[_i].r, "\"%s\" goes with %s, reasons.h says %s",
	    d->token, smx_result_name(d->result), smx_result_name(macros[_i].r));
}
END_TEST

/* The table holds the macros, one limit_ entry per limit, and nothing else. */
START_TEST(test_reason_table_complete)
{
	size_t nmacros = sizeof(macros) / sizeof(macros[0]), nlimit = 0;

	for (size_t i = 0; i < reasons_count; i++)
		if (strncmp(reasons_table[i].token, R_LIMIT_PREFIX, strlen(R_LIMIT_PREFIX)) == 0)
			nlimit++;
	ck_assert_uint_eq(nlimit, limits_count);
	ck_assert_uint_eq(reasons_count, nmacros + limits_count);
}
END_TEST

START_TEST(test_reasons_limit)
{
	const struct smx_limit_def *l = &limits_table[_i];
	const struct smx_reason_def *d;
	const char *got = reasons_limit(l->token);
	char want[64];

	snprintf(want, sizeof(want), "%s%s", R_LIMIT_PREFIX, l->token);
	ck_assert_str_eq(got, want);
	ck_assert_ptr_nonnull(d = reason_find(want));
	ck_assert_ptr_eq(got, d->token);	/* the table's static string */
	ck_assert_int_eq(d->result, SMX_PERMERROR);
	ck_assert_ptr_nonnull(strstr(d->doc, l->key));	/* "MaxParts reached" */
}
END_TEST

START_TEST(test_reasons_limit_unknown)
{
	static const char *const bad[] = {
		"", "nope", "limit_depth", "Depth", "dept", "depths", "cms", "bytes",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_str_eq(reasons_limit(bad[i]), R_MALFORMED_MIME);
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(test_limits_table)
{
	size_t seen = 0;

	ck_assert_uint_eq(limits_count * sizeof(size_t), sizeof(struct smx_limits));
	for (size_t i = 0; i < limits_count; i++) {
		const struct smx_limit_def *l = &limits_table[i];

		ck_assert_msg(l->key != NULL && l->key[0] != '\0', "limit %zu: no key", i);
		ck_assert_msg(l->token != NULL &&
		    strspn(l->token, "abcdefghijklmnopqrstuvwxyz_") == strlen(l->token) &&
		    l->token[0] != '\0', "limit %s: bad token", l->key);
		ck_assert_msg(l->doc != NULL && l->doc[0] != '\0', "limit %s: no doc", l->key);
		ck_assert_msg(l->min <= l->def && l->def <= l->max,
		    "limit %s: default %zu outside %zu..%zu", l->key, l->def, l->min, l->max);
		ck_assert_msg(l->min >= 1, "limit %s: a bound of 0 bounds nothing", l->key);
		ck_assert_uint_eq(l->offset % sizeof(size_t), 0);
		ck_assert_uint_lt(l->offset, sizeof(struct smx_limits));
		ck_assert_msg(!(seen & (1u << (l->offset / sizeof(size_t)))),
		    "limit %s: field used twice", l->key);
		seen |= 1u << (l->offset / sizeof(size_t));
		for (size_t j = i + 1; j < limits_count; j++) {
			ck_assert_str_ne(l->key, limits_table[j].key);
			ck_assert_str_ne(l->token, limits_table[j].token);
		}
	}
	ck_assert_uint_eq(seen, (1u << limits_count) - 1);
}
END_TEST

static size_t
key_index(const char *key)
{
	for (size_t i = 0; i < limits_count; i++)
		if (strcmp(limits_table[i].key, key) == 0)
			return i;
	ck_abort_msg("no limit %s", key);
	return 0;
}

START_TEST(test_limits_default)
{
	struct smx_limits l;

	memset(&l, 0xa5, sizeof(l));
	limits_default(&l);
	for (size_t i = 0; i < limits_count; i++) {
		ck_assert_uint_eq(limits_get(&l, &limits_table[i]), limits_table[i].def);
		ck_assert_uint_eq(*limits_field(&l, &limits_table[i]), limits_table[i].def);
	}
	/* each key describes the field of that name (distinct values) */
	for (size_t i = 0; i < limits_count; i++)
		*limits_field(&l, &limits_table[i]) = 100 + i;
	ck_assert_uint_eq(l.max_depth, 100 + key_index("MaxNestingDepth"));
	ck_assert_uint_eq(l.max_parts, 100 + key_index("MaxParts"));
	ck_assert_uint_eq(l.max_header_bytes, 100 + key_index("MaxHeaderBytes"));
	ck_assert_uint_eq(l.max_line, 100 + key_index("MaxHeaderLine"));
	ck_assert_uint_eq(l.max_boundary, 100 + key_index("MaxBoundaryLength"));
	ck_assert_uint_eq(l.max_cms_bytes, 100 + key_index("MaxCMSBytes"));
	ck_assert_uint_eq(l.max_certs, 100 + key_index("MaxCertificates"));
	ck_assert_uint_eq(l.max_signers, 100 + key_index("MaxSigners"));
	ck_assert_uint_eq(l.max_layers, 100 + key_index("MaxLayers"));
	ck_assert_uint_eq(l.max_chain, 100 + key_index("MaxChainLength"));
	/* and the tokens the reasons use */
	ck_assert_str_eq(limits_table[key_index("MaxNestingDepth")].token, "depth");
	ck_assert_str_eq(limits_table[key_index("MaxCMSBytes")].token, "cms_bytes");
	ck_assert_str_eq(limits_table[key_index("MaxLayers")].token, "layers");
}
END_TEST

/* limits_field() writes the field limits_get() reads, and no other. */
START_TEST(test_limits_field)
{
	struct smx_limits l;

	limits_default(&l);
	for (size_t i = 0; i < limits_count; i++) {
		*limits_field(&l, &limits_table[i]) = 1000 + i;
		for (size_t j = 0; j < limits_count; j++)
			ck_assert_uint_eq(limits_get(&l, &limits_table[j]),
			    j <= i ? 1000 + j : limits_table[j].def);
	}
	ck_assert_ptr_eq(limits_field(&l, &limits_table[0]),
	    (size_t *)((char *)&l + limits_table[0].offset));
}
END_TEST

START_TEST(test_strerror)
{
	static const int codes[] = {
		SMX_OK, SMX_ERR_NOMEM, SMX_ERR_INVAL, SMX_ERR_STATE, SMX_ERR_IO,
		SMX_ERR_CRYPTO, SMX_ERR_CONFIG, SMX_ERR_PARSE, SMX_ERR_LIMIT,
		SMX_ERR_NOTFOUND,
	};
	size_t n = sizeof(codes) / sizeof(codes[0]);

	for (size_t i = 0; i < n; i++) {
		ck_assert_str_ne(smx_strerror(codes[i]), "unknown error");
		for (size_t j = i + 1; j < n; j++)
			ck_assert_str_ne(smx_strerror(codes[i]), smx_strerror(codes[j]));
	}
	ck_assert_str_eq(smx_strerror(-1000), "unknown error");
	ck_assert_str_eq(smx_strerror(1), "unknown error");
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc;

	tc = tcase_create("results");
	tcase_add_test(tc, test_result_names);
	tcase_add_test(tc, test_result_parse_bad);
	tcase_add_test(tc, test_result_order);
	tcase_add_test(tc, test_layer_kinds);
	tcase_add_test(tc, test_report_clear);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);

	tc = tcase_create("reasons");
	tcase_add_test(tc, test_reason_tokens);
	tcase_add_loop_test(tc, test_reason_macros, 0, N(macros));
	tcase_add_test(tc, test_reason_table_complete);
	tcase_add_loop_test(tc, test_reasons_limit, 0, (int)limits_count);
	tcase_add_test(tc, test_reasons_limit_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_limits_table);
	tcase_add_test(tc, test_limits_default);
	tcase_add_test(tc, test_limits_field);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
