/*
 * NAME
 *	check_br_rules - the BR rules table against its test certificates
 * SYNOPSIS
 *	srcdir=TOP ./check_br_rules
 * DESCRIPTION
 *	The table: codes unique, their prefix (e_, w_, n_) matching the
 *	severity, every rule with a section, a doc line, a role, a check and
 *	a sane date range, and no rule for certificates from before the BR
 *	took effect (2023-09-01) unless it is one of those that say so (its
 *	range ends by that day).
 *
 *	The certificates: every file tests/data/br/GROUP/NAME.pem holds a
 *	certificate followed by its issuers.  NAME is CODE or CODE--VARIANT:
 *	linting the certificate (br_lint_any, as smimecheck --cert does) must
 *	give a finding with that code, and the BR result that its severity
 *	implies at least.  NAME good--VARIANT must give no error and no
 *	warning.  Every code of the table needs at least one certificate,
 *	unless a tests/data/br/GROUP/UNTESTED file names it with the reason
 *	("CODE  why it cannot be made").
 *
 *	The test PKI: every .pem file of tests/data/pki/certs, linted with all of
 *	them at hand, gives exactly the errors and warnings that
 *	tests/data/br/PKI-FINDINGS lists for it ("FILE CODE..."), and none
 *	when it is not listed; so a new rule cannot quietly fail the
 *	certificates the other test suites rely on.  And a delegated OCSP
 *	responder that comes with a signer is linted as one.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "policy/br_rules.h"
#include "tests/lintcmp.h"

#define MAXFILES 2048

static char top[1024];
static char *files[MAXFILES];	/* GROUP/NAME.pem */
static size_t nfiles;

static void
load_list(void)
{
	const char *s = getenv("srcdir");
	char dir[1300], sub[1600];
	DIR *d, *g;
	struct dirent *de, *ge;

	snprintf(top, sizeof(top), "%s", s != NULL && *s != '\0' ? s : ".");
	snprintf(dir, sizeof(dir), "%s/tests/data/br", top);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
		if ((g = opendir(sub)) == NULL)
			continue;
		while ((ge = readdir(g)) != NULL && nfiles < MAXFILES) {
			size_t n = strlen(ge->d_name);
			char *f;

			if (n < 5 || strcmp(ge->d_name + n - 4, ".pem") != 0)
				continue;
			if ((f = malloc(strlen(de->d_name) + n + 2)) == NULL)
				continue;
			sprintf(f, "%s/%s", de->d_name, ge->d_name);
			files[nfiles++] = f;
		}
		closedir(g);
	}
	closedir(d);
}

/* The code a file name stands for ("good" for good--x), into buf. */
static void
code_of(const char *file, char *buf, size_t len)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *end = strstr(base, "--");

	if (end == NULL)
		end = base + strlen(base) - 4;
	snprintf(buf, len, "%.*s", (int)(end - base), base);
}

/* 1 when some tests/data/br/GROUP/UNTESTED names code, with a reason. */
static int
untested(const char *code)
{
	char dir[1300], path[1600], line[512];
	size_t n = strlen(code);
	struct dirent *de;
	int found = 0;
	DIR *d;
	FILE *fp;

	snprintf(dir, sizeof(dir), "%s/tests/data/br", top);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/UNTESTED", dir, de->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		while (!found && fgets(line, sizeof(line), fp) != NULL)
			found = strncmp(line, code, n) == 0 &&
			    (line[n] == ' ' || line[n] == '\t') &&
			    strlen(line) > n + 4;	/* a reason follows */
		fclose(fp);
	}
	closedir(d);
	return found;
}

static STACK_OF(X509) *
read_pem(const char *file)
{
	char path[1400];
	STACK_OF(X509) *sk = sk_X509_new_null();
	FILE *fp;
	X509 *x;

	snprintf(path, sizeof(path), "%s/tests/data/br/%s", top, file);
	if ((fp = fopen(path, "r")) == NULL) {
		sk_X509_free(sk);
		return NULL;
	}
	while ((x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL)
		sk_X509_push(sk, x);
	ERR_clear_error();
	fclose(fp);
	return sk;
}

START_TEST(table_is_sane)
{
	size_t n = br_rules_count();

	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		const struct br_rule *r = br_rules_get(i);
		const char pfx = r->sev == BR_SEV_ERROR ? 'e' : r->sev == BR_SEV_WARN ? 'w' : 'n';

		ck_assert_msg(r->code[0] == pfx && r->code[1] == '_', "%s: prefix vs severity", r->code);
		for (const char *p = r->code; *p; p++)
			ck_assert_msg((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_',
			    "%s: code is [a-z0-9_]", r->code);
		ck_assert_msg(r->section != NULL && *r->section, "%s: section", r->code);
		ck_assert_msg(r->doc != NULL && *r->doc, "%s: doc", r->code);
		ck_assert_msg(r->roles != 0 && (r->roles & ~BR_ROLE_ALL) == 0, "%s: roles", r->code);
		ck_assert_msg(r->check != NULL, "%s: check", r->code);
		ck_assert_msg(r->from == 0 || r->until == 0 || r->from < r->until, "%s: dates", r->code);
		ck_assert_msg(r->from >= 20230901 || (r->until != 0 && r->until <= 20230901),
		    "%s: applies before the BR took effect (from %d)", r->code, r->from);
		for (size_t j = i + 1; j < n; j++)
			ck_assert_msg(strcmp(r->code, br_rules_get(j)->code) != 0,
			    "%s: code twice", r->code);
	}
	ck_assert_ptr_null(br_rules_get(n));
}
END_TEST

START_TEST(every_rule_has_a_certificate)
{
	char code[128];

	for (size_t i = 0; i < br_rules_count(); i++) {
		const char *want = br_rules_get(i)->code;
		int found = untested(want);

		for (size_t f = 0; f < nfiles && !found; f++) {
			code_of(files[f], code, sizeof(code));
			found = strcmp(code, want) == 0;
		}
		ck_assert_msg(found, "%s: no certificate in tests/data/br/ and in no UNTESTED", want);
	}
}
END_TEST

/* One loop iteration per certificate file. */
START_TEST(certificate_gets_its_finding)
{
	const char *file = files[_i];
	STACK_OF(X509) *sk = read_pem(file);
	struct br_verdict v;
	char code[128], why[600];
	int hit = 0;

	ck_assert_msg(sk != NULL && sk_X509_num(sk) > 0, "%s: no certificate", file);
	code_of(file, code, sizeof(code));
	ck_assert_int_eq(br_lint_any(sk_X509_value(sk, 0), sk, &v), 0);
	ck_assert_msg(lintcmp_keyless(sk_X509_value(sk, 0), sk, why, sizeof(why)) == 0,
	    "%s: keyless parse: %s", file, why);
	for (size_t i = 0; i < v.nfindings; i++) {
		const struct br_rule *r = v.findings[i].rule;

		if (strcmp(r->code, code) == 0)
			hit = 1;
		if (strcmp(code, "good") == 0)
			ck_assert_msg(r->sev == BR_SEV_NOTICE, "%s: unexpected %s (%s)",
			    file, r->code, v.findings[i].detail);
	}
	if (strcmp(code, "good") == 0) {
		ck_assert_msg(v.result == BR_PASS, "%s: result %s", file, br_result_name(v.result));
	} else {
		ck_assert_msg(hit, "%s: no finding %s", file, code);
		if (code[0] == 'e')
			ck_assert_int_eq(v.result, BR_FAIL);
		else if (code[0] == 'w')
			ck_assert_int_ge(v.result, BR_WARN);
	}
	br_verdict_clear(&v);
	sk_X509_pop_free(sk, X509_free);
}
END_TEST

START_TEST(subscriber_without_reserved_oid_is_none)
{
	STACK_OF(X509) *sk;
	struct br_verdict v;
	char path[1400];
	FILE *fp;
	X509 *x;

	snprintf(path, sizeof(path), "%s/tests/data/pki/certs/private-rsa2048.pem", top);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	x = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(x);
	sk = sk_X509_new_null();
	ck_assert_int_eq(br_lint_any(x, sk, &v), 0);
	ck_assert_int_eq(v.result, BR_NONE);
	ck_assert_str_eq(v.reason, "no_reserved_policy");
	ck_assert_uint_eq(v.nfindings, 0);
	br_verdict_clear(&v);
	sk_X509_free(sk);
	X509_free(x);
}
END_TEST

/* Every e_ and w_ code of v, sorted and space-separated, into buf. */
static void
codes_of(const struct br_verdict *v, char *buf, size_t len)
{
	const char *c[64];
	size_t n = 0, o = 0;

	for (size_t i = 0; i < v->nfindings && n < 64; i++) {
		const char *code = v->findings[i].rule->code;
		int dup = 0;

		if (v->findings[i].rule->sev == BR_SEV_NOTICE)
			continue;
		for (size_t j = 0; j < n; j++)
			dup |= strcmp(c[j], code) == 0;
		if (!dup)
			c[n++] = code;
	}
	for (size_t i = 1; i < n; i++)	/* insertion sort */
		for (size_t j = i; j > 0 && strcmp(c[j - 1], c[j]) > 0; j--) {
			const char *t = c[j];

			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s", i ? " " : "", c[i]);
}

/* The codes PKI-FINDINGS lists for name (sorted as written), or "". */
static void
expected_of(const char *name, char *buf, size_t len)
{
	char path[1400], line[1024];
	size_t n = strlen(name);
	FILE *fp;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/tests/data/br/PKI-FINDINGS", top);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, name, n) == 0 && line[n] == ' ')
			snprintf(buf, len, "%s", line + n + 1);
	}
	fclose(fp);
}

START_TEST(test_pki_findings)
{
	char pat[1300], got[1024], want[1024];
	STACK_OF(X509) *all = sk_X509_new_null();
	struct dirent *de;
	DIR *d;

	snprintf(pat, sizeof(pat), "%s/tests/data/pki/certs", top);
	ck_assert_ptr_nonnull(d = opendir(pat));
	while ((de = readdir(d)) != NULL) {
		char path[1600];
		size_t n = strlen(de->d_name);
		FILE *fp;
		X509 *x;

		if (n < 5 || strcmp(de->d_name + n - 4, ".pem") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", pat, de->d_name);
		ck_assert_ptr_nonnull(fp = fopen(path, "r"));
		x = PEM_read_X509(fp, NULL, NULL, NULL);
		fclose(fp);
		ERR_clear_error();
		if (x == NULL)
			continue;
		X509_set_ex_data(x, 0, strdup(de->d_name));
		sk_X509_push(all, x);
	}
	closedir(d);
	ck_assert_int_gt(sk_X509_num(all), 10);
	for (int i = 0; i < sk_X509_num(all); i++) {
		X509 *x = sk_X509_value(all, i);
		const char *name = X509_get_ex_data(x, 0);
		struct br_verdict v;

		ck_assert_int_eq(br_lint_any(x, all, &v), 0);
		ck_assert_msg(lintcmp_keyless(x, all, got, sizeof(got)) == 0,
		    "pki/certs/%s: keyless parse: %s", name, got);
		codes_of(&v, got, sizeof(got));
		expected_of(name, want, sizeof(want));
		ck_assert_msg(strcmp(got, want) == 0, "pki/certs/%s: findings '%s', PKI-FINDINGS says '%s'",
		    name, got, want);
		br_verdict_clear(&v);
	}
	for (int i = 0; i < sk_X509_num(all); i++)
		free(X509_get_ex_data(sk_X509_value(all, i), 0));
	sk_X509_pop_free(all, X509_free);
}
END_TEST

/* A delegated OCSP responder in a signer's certificate bag is linted as one (4.9.9). */
START_TEST(signer_bag_ocsp_responder)
{
	STACK_OF(X509) *sk = read_pem("bag/e_ocsp_nocheck_missing.pem"), *bag;
	char path[1400];
	struct br_verdict v;
	FILE *fp;
	X509 *leaf;
	int hit = 0;

	ck_assert_ptr_nonnull(sk);
	snprintf(path, sizeof(path), "%s/tests/data/pki/certs/alice-rsa2048.pem", top);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	leaf = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	ck_assert_ptr_nonnull(leaf);
	bag = sk_X509_dup(sk);		/* the responder and rsa-ca */
	sk_X509_push(bag, leaf);
	ck_assert_int_eq(br_lint_signer(leaf, NULL, NULL, bag, &v), 0);
	for (size_t i = 0; i < v.nfindings; i++)
		if (strcmp(v.findings[i].rule->code, "e_ocsp_nocheck_missing") == 0 &&
		    strstr(v.findings[i].cert, "ocsp") != NULL)
			hit = 1;
	ck_assert_msg(hit, "no e_ocsp_nocheck_missing on the responder in the bag");
	ck_assert_int_eq(v.result, BR_FAIL);
	br_verdict_clear(&v);
	sk_X509_free(bag);
	X509_free(leaf);
	sk_X509_pop_free(sk, X509_free);
}
END_TEST

/* Whether v holds a finding with code on a certificate labelled cert. */
static int
has_finding(const struct br_verdict *v, const char *code, const char *cert)
{
	for (size_t i = 0; i < v->nfindings; i++)
		if (strcmp(v->findings[i].rule->code, code) == 0 &&
		    strcmp(v->findings[i].cert, cert) == 0)
			return 1;
	return 0;
}

/* An ML-KEM certificate cannot sign: named as a signer, it is a finding. */
START_TEST(signer_mlkem)
{
	STACK_OF(X509) *sk = read_pem("../pqc/certs/ee-mlkem768.pem");
	struct br_verdict v;

	ck_assert_ptr_nonnull(sk);
	ck_assert_int_eq(br_lint_signer(sk_X509_value(sk, 0), NULL, NULL, NULL, &v), 0);
	ck_assert_msg(has_finding(&v, "e_mlkem_signer", "signer"), "no e_mlkem_signer");
	br_verdict_clear(&v);
	/* on its own it is an encryption certificate, and a clean one */
	ck_assert_int_eq(br_lint_any(sk_X509_value(sk, 0), NULL, &v), 0);
	ck_assert(!has_finding(&v, "e_mlkem_signer", "encryption"));
	ck_assert_int_eq(v.result, BR_PASS);
	br_verdict_clear(&v);
	sk_X509_pop_free(sk, X509_free);
}
END_TEST

/*
 * The sender's encryption certificates are linted with the signer: an
 * encryption-only one for the signer's mailbox found in the bag, and the
 * one an SMIMEEncryptionKeyPreference names (enc), whatever it is.
 */
START_TEST(signer_bag_encryption)
{
	STACK_OF(X509) *leaf = read_pem("../pki/certs/alice-rsa2048.pem");
	STACK_OF(X509) *kem = read_pem("7_1_2_3/e_ku_bits_mlkem--key-agreement.pem");
	STACK_OF(X509) *other = read_pem("7_1_2_3/e_eku_missing.pem");
	STACK_OF(X509) *bag = sk_X509_new_null();
	struct br_verdict v;

	ck_assert_ptr_nonnull(leaf);
	ck_assert_ptr_nonnull(kem);
	ck_assert_ptr_nonnull(other);
	sk_X509_push(bag, sk_X509_value(leaf, 0));
	sk_X509_push(bag, sk_X509_value(kem, 0));	/* alice@example.com, ML-KEM */
	sk_X509_push(bag, sk_X509_value(other, 0));	/* signing, not named: ignored */
	ck_assert_int_eq(br_lint_signer(sk_X509_value(leaf, 0), NULL, NULL, bag, &v), 0);
	ck_assert_msg(has_finding(&v, "e_ku_bits_mlkem", "encryption"),
	    "the ML-KEM certificate in the bag was not linted as encryption");
	ck_assert(!has_finding(&v, "e_eku_missing", "encryption"));
	ck_assert_int_eq(v.result, BR_FAIL);
	br_verdict_clear(&v);
	ck_assert_int_eq(br_lint_signer(sk_X509_value(leaf, 0), sk_X509_value(other, 0), NULL,
	    bag, &v), 0);
	ck_assert_msg(has_finding(&v, "e_eku_missing", "encryption"),
	    "the certificate SMIMEEncryptionKeyPreference names was not linted");
	br_verdict_clear(&v);
	sk_X509_free(bag);
	sk_X509_pop_free(leaf, X509_free);
	sk_X509_pop_free(kem, X509_free);
	sk_X509_pop_free(other, X509_free);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("br_rules");
	TCase *tc = tcase_create("table");
	SRunner *sr;
	int failed;

	load_list();
	tcase_add_test(tc, table_is_sane);
	tcase_add_test(tc, every_rule_has_a_certificate);
	tcase_add_test(tc, subscriber_without_reserved_oid_is_none);
	tcase_add_test(tc, test_pki_findings);
	tcase_add_test(tc, signer_bag_ocsp_responder);
	tcase_add_test(tc, signer_mlkem);
	tcase_add_test(tc, signer_bag_encryption);
	if (nfiles > 0)
		tcase_add_loop_test(tc, certificate_gets_its_finding, 0, (int)nfiles);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	return failed == 0 ? 0 : 1;
}
