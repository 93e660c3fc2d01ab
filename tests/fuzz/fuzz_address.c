/*
 * NAME
 *	fuzz_address - libFuzzer harness for From addresses and the sanitizer
 * SYNOPSIS
 *	fuzz_address [libFuzzer options] [CORPUS...]
 * DESCRIPTION
 *	The input is split at its first NUL into two header values a and b
 *	(b is empty without a NUL).  Each goes through address_parse() and
 *	address_count() (smime/address.h), and the parsed addresses through
 *	address_match() and address_domain(); the whole input, NULs
 *	included, goes through sanitize_buf() and sanitize() in every class
 *	(smime/sanitize.h).
 *	Checks (abort() on violation): a parsed address holds an '@', is no
 *	longer than its header value, matches itself and its copy with the
 *	domain case changed, and its header value counts at least one
 *	mailbox; address_match() is symmetric; address_domain() is what
 *	follows the last '@'; the sanitizer output checks of fuzz_common.c
 *	(fits, only the class's bytes, cut = prefix + "...", escapes give
 *	the input back).
 * OWNERSHIP
 *	Everything is freed per input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smime/address.h"
#include "smime/sanitize.h"
#include "tests/fuzz/fuzz_common.h"

static void
check_domain(const char *s)
{
	const char *at = strrchr(s, '@'), *d = address_domain(s);

	if (at == NULL)
		FZ_CHECK(d == NULL, "address_domain(\"%s\") without '@' gave \"%s\"", s, d);
	else
		FZ_CHECK(d == at + 1, "address_domain(\"%s\") is not after the last '@'", s);
}

static char *
parse_one(const char *v)
{
	char *p = address_parse(v);
	char *q;

	check_domain(v);
	if (p == NULL)
		return NULL;
	FZ_CHECK(strchr(p, '@') != NULL, "address_parse gave \"%s\" without '@'", p);
	FZ_CHECK(strlen(p) <= strlen(v), "address_parse made \"%s\" longer", p);
	FZ_CHECK(address_count(v) >= 1, "address_count 0 for a parsed address \"%s\"", p);
	check_domain(p);
	FZ_CHECK(address_match(p, p) == 1, "\"%s\" does not match itself", p);
	FZ_CHECK((q = strdup(p)) != NULL, "oom");
	for (char *c = strrchr(q, '@') + 1; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
		else if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	FZ_CHECK(address_match(p, q) == 1 && address_match(q, p) == 1,
	    "\"%s\" does not match \"%s\" (domain case)", p, q);
	free(q);
	fz_check_sanitizable(p);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t alen = nul != NULL ? (size_t)(nul - data) : size;
	size_t blen = nul != NULL ? size - alen - 1 : 0;
	char *a = malloc(alen + 1), *b = malloc(blen + 1), *pa, *pb;

	FZ_CHECK(a != NULL && b != NULL, "oom");
	memcpy(a, data, alen);
	a[alen] = '\0';
	if (blen > 0)
		memcpy(b, nul + 1, blen);
	b[blen] = '\0';

	pa = parse_one(a);
	pb = parse_one(b);
	FZ_CHECK(address_match(a, b) == address_match(b, a), "address_match not symmetric");
	FZ_CHECK(address_match(pa, pb) == address_match(pb, pa),
	    "address_match not symmetric on parsed addresses");
	FZ_CHECK(address_match(pa, NULL) == 0 && address_match(NULL, pa) == 0,
	    "address_match with NULL");
	free(pa);
	free(pb);

	fz_check_sanitize_bytes((const char *)data, size);
	fz_check_sanitizable(a);
	free(a);
	free(b);
	return 0;
}
