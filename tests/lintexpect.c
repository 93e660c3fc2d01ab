/*
 * NAME
 *	lintexpect - the assertion the generated-certificate suites share
 * DESCRIPTION
 *	See lintexpect.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "policy/br_rules.h"
#include "tests/lintcmp.h"
#include "tests/lintexpect.h"

const char *
lintexpect_pki(char *buf, size_t len, const char *dir, const char *file)
{
	const char *top = getenv("srcdir");

	snprintf(buf, len, "%s/tests/data/pki/%s/%s", top != NULL && *top != '\0' ? top : ".",
	    dir, file);
	return buf;
}

struct certgen_ca *
lintexpect_ca(const char *name)
{
	char key[1200], cert[1200], k[64], c[64];

	snprintf(k, sizeof(k), "%s.key", name);
	snprintf(c, sizeof(c), "%s.pem", name);
	return certgen_ca_load(lintexpect_pki(key, sizeof(key), "keys", k),
	    lintexpect_pki(cert, sizeof(cert), "certs", c));
}

/* 1 when code is one of the blank-separated words of list. */
static int
in_list(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* 1 when v has a finding with code (a word of a list: len bytes). */
static int
has_code(const struct br_verdict *v, const char *code, size_t len)
{
	for (size_t i = 0; i < v->nfindings; i++)
		if (strlen(v->findings[i].rule->code) == len &&
		    strncmp(v->findings[i].rule->code, code, len) == 0)
			return 1;
	return 0;
}

void
lintexpect_codes(X509 *x, STACK_OF(X509) *hand, const char *want, const char *label,
    const char *also, const char *what)
{
	enum br_result expect = BR_PASS;
	int notices = strstr(want, "n_") == want || strstr(want, " n_") != NULL, ok = 1;
	struct br_verdict v;
	char got[2048] = "", why[600];
	size_t o = 0;

	ck_assert_msg(x != NULL, "%s: certgen: %s", what, certgen_error());
	ck_assert_int_eq(br_lint_any(x, hand, &v), 0);
	ck_assert_msg(lintcmp_keyless(x, hand, why, sizeof(why)) == 0, "%s: keyless parse: %s",
	    what, why);
	for (size_t i = 0; i < v.nfindings; i++) {
		const struct br_finding *f = &v.findings[i];

		if (f->rule->sev == BR_SEV_NOTICE && !notices)
			continue;
		ok &= in_list(want, f->rule->code);
		if (label != NULL && !in_list(also != NULL ? also : "", f->rule->code))
			ok &= strcmp(f->cert, label) == 0;
		if (o < sizeof(got))
			o += (size_t)snprintf(got + o, sizeof(got) - o, " %s[%s: %s]",
			    f->rule->code, f->cert, f->detail);
	}
	for (const char *p = want; *p != '\0';) {
		size_t n = strcspn(p, " ");

		ok &= n == 0 || (n == 6 && strncmp(p, "n_none", 6) == 0) || has_code(&v, p, n);
		if (n > 0 && p[0] == 'e')
			expect = BR_FAIL;
		else if (n > 0 && p[0] == 'w' && expect == BR_PASS)
			expect = BR_WARN;
		p += n + (p[n] == ' ');
	}
	ck_assert_msg(ok && v.result == expect, "%s: want '%s' (%s)%s%s, got %s:%s", what, want,
	    br_result_name(expect), label != NULL ? " on " : "", label != NULL ? label : "",
	    br_result_name(v.result), got[0] ? got : " nothing");
	br_verdict_clear(&v);
}
