/*
 * NAME
 *	address - From addresses and signer identities
 * SYNOPSIS
 *	#include "smime/address.h"
 *
 *	char *address_parse(const char *value);
 *	int address_match(const char *a, const char *b);
 *	const char *address_domain(const char *addr);
 * DESCRIPTION
 *	address_parse() extracts the addr-spec of the first mailbox of a From
 *	header value.  It is a tolerant reader of RFC 5322 3.4: it skips
 *	comments (nested), honours quoted strings and quoted pairs, takes the
 *	angle-addr when there is one (dropping an obsolete route), and steps
 *	over a group's display name.  Whitespace outside quoted strings is
 *	removed.  It never fails on odd input: it returns what it found, or
 *	NULL when no '@' is present.
 *
 *	address_match() follows RFC 5280 7.5 and RFC 8550 3: the local part
 *	is compared exactly, the domain without regard to ASCII case.
 * OWNERSHIP
 *	address_parse() returns a malloc()ed string for the caller to free.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smime/address.h"

/* Index just past the comment that starts at s[i] == '(' (nesting, quoted pairs). */
static size_t
skip_comment(const char *s, size_t i)
{
	int depth = 0;

	for (; s[i] != '\0'; i++) {
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return i;
}

/* Index just past the quoted string that starts at s[i] == '"'. */
static size_t
skip_quoted(const char *s, size_t i)
{
	for (i++; s[i] != '\0'; i++) {
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return i;
}

/*
 * Copy s[from, to) into a new string without comments and without
 * whitespace outside quoted strings.
 */
static char *
clean_copy(const char *s, size_t from, size_t to)
{
	char *out = malloc(to - from + 1);
	size_t n = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = from; i < to;) {
		if (s[i] == '(') {
			i = skip_comment(s, i);
		} else if (s[i] == '"') {
			size_t e = skip_quoted(s, i);

			if (e > to)
				e = to;
			memcpy(out + n, s + i, e - i);
			n += e - i;
			i = e;
		} else if (isspace((unsigned char)s[i])) {
			i++;
		} else {
			out[n++] = s[i++];
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * The mailbox that starts at value[*pos] (up to ',' or ';' outside
 * quotes, comments and angle brackets), as a clean addr-spec, or NULL
 * when it is empty or not an address; *pos moves past it.
 */
static char *
mailbox_at(const char *value, size_t *pos)
{
	size_t i = *pos, start = *pos, lt = 0, end;
	int have_lt = 0;
	char *addr, *colon;

	for (;;) {
		char c = value[i];

		if (c == '\0' || ((c == ',' || c == ';') && !have_lt))
			break;
		if (c == '(') {
			i = skip_comment(value, i);
		} else if (c == '"') {
			i = skip_quoted(value, i);
		} else if (c == ':' && !have_lt) {
			/* "group-name:" - the mailbox list starts after it */
			start = ++i;
		} else if (c == '<' && !have_lt) {
			have_lt = 1;
			lt = ++i;
		} else if (c == '>' && have_lt) {
			break;
		} else {
			i++;
		}
	}
	end = i;
	/* past this mailbox: up to and over the next separator */
	while (value[i] != '\0' && value[i] != ',' && value[i] != ';')
		i++;
	*pos = value[i] != '\0' ? i + 1 : i;
	if ((addr = clean_copy(value, have_lt ? lt : start, end)) == NULL)
		return NULL;
	/* obsolete route "@a,@b:user@domain" inside the angle brackets */
	if (have_lt && addr[0] == '@' && (colon = strchr(addr, ':')) != NULL)
		memmove(addr, colon + 1, strlen(colon + 1) + 1);
	if (strchr(addr, '@') == NULL || addr[0] == '@' ||
	    addr[strlen(addr) - 1] == '@') {
		free(addr);
		return NULL;
	}
	return addr;
}

char *
address_parse(const char *value)
{
	size_t pos = 0;
	char *addr;

	if (value == NULL)
		return NULL;
	while (value[pos] != '\0')
		if ((addr = mailbox_at(value, &pos)) != NULL)
			return addr;
	return NULL;
}

size_t
address_count(const char *value)
{
	size_t pos = 0, n = 0;
	char *addr;

	if (value == NULL)
		return 0;
	while (value[pos] != '\0')
		if ((addr = mailbox_at(value, &pos)) != NULL) {
			n++;
			free(addr);
		}
	return n;
}

const char *
address_domain(const char *addr)
{
	const char *at;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return NULL;
	return at + 1;
}

int
address_match(const char *a, const char *b)
{
	const char *da = address_domain(a), *db = address_domain(b);

	if (da == NULL || db == NULL)
		return 0;
	if (da - a != db - b || memcmp(a, b, (size_t)(da - a)) != 0)
		return 0;
	return strcasecmp(da, db) == 0;
}
