/*
 * NAME
 *	conf_check - syntax checks of string values of smimilter.conf
 * SYNOPSIS
 *	#include "conf/conf_check.h"
 *
 *	const char *conf_check_socket(const char *v);
 *	const char *conf_check_user(const char *v);
 *	const char *conf_check_token(const char *v);
 *	const char *conf_check_field_name(const char *v);
 *	const char *conf_check_cidr(const char *v);
 *	const char *conf_check_domain(const char *v);
 * DESCRIPTION
 *	The .check functions of the string and list keys of conf_keys.c.
 *	Each returns NULL when v is good, or a phrase that completes an
 *	error line after the quoted value ("has no port in 1..65535").  A
 *	value that passes here is one the milter can use as it stands, so
 *	a bad value stops `smimilter -n` instead of the daemon at run time.
 *
 *	socket	unix:/PATH and local:/PATH and /PATH (absolute, at most 107
 *		bytes: sun_path), inet:PORT, inet:PORT@HOST, inet6:PORT@HOST;
 *		PORT is decimal 1..65535; HOST a host name, an address of the
 *		family (inet: IPv4, inet6: IPv6), or such an address in [ ].
 *	user	NAME or NAME:GROUP, each 1..32 of [A-Za-z0-9._-], not
 *		starting with '-' (POSIX portable names; numeric ids pass).
 *	token	RFC 2045 token: 1..255 of US-ASCII 0x21..0x7e but no
 *		tspecials ()<>@,;:\"/[]?= (an authserv-id that needs no quotes).
 *	field	RFC 5322 field name: 1..64 of 0x21..0x7e but ':', and not a
 *		field that mail needs (the milter removes incoming copies of
 *		its BR header, so naming Subject would strip every Subject).
 *	cidr	an address that inet_pton(3) takes, IPv4 or IPv6, with an
 *		optional /N, N decimal 0..32 or 0..128.
 *	domain	[.]LABEL(.LABEL)*, labels 1..63 of [A-Za-z0-9-] not starting
 *		or ending with '-', 253 bytes at most, no trailing dot; IDNs
 *		in their A-label (xn--) form.
 * OWNERSHIP
 *	The returned phrases are static.  Nothing is allocated.
 * DIAGNOSTICS
 *	None beyond the returned phrase.  Thread-safe; locale-independent.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "conf/conf_check.h"

#define UNIX_PATH_MAX	107	/* sizeof(sockaddr_un.sun_path) - 1 on Linux */

static int
is_alnum(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* s begins with prefix, ignoring ASCII case; returns what follows or NULL */
static const char *
after(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (lower((unsigned char)*s) != *prefix)
			return NULL;
	return s;
}

/* A host or domain name: labels of [A-Za-z0-9-], 1..63, no '-' at an end. */
static int
dns_name(const char *v, size_t len)
{
	size_t label = 0;

	if (len == 0 || len > 253)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '.') {
			if (label == 0 || v[i - 1] == '-')
				return 0;
			label = 0;
		} else if (is_alnum(c) || c == '-') {
			if ((label == 0 && c == '-') || ++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 && v[len - 1] != '-';
}

/* ------------------------------------------------------------------ */

static const char *
unix_path(const char *p)
{
	if (p[0] != '/' || p[1] == '\0')
		return "needs an absolute path";
	if (strlen(p) > UNIX_PATH_MAX)
		return "has a path longer than 107 bytes";
	return NULL;
}

static const char *
inet_host(const char *h, int six)
{
	unsigned char a[16];
	char buf[64];
	size_t n = strlen(h);
	int af = six ? AF_INET6 : AF_INET;

	if (n == 0)
		return "has an empty host";
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']' || n - 2 >= sizeof(buf))
			return six ? "has a bad IPv6 address" : "has a bad IPv4 address";
		memcpy(buf, h + 1, n - 2);
		buf[n - 2] = '\0';
		if (inet_pton(af, buf, a) != 1)
			return six ? "has a bad IPv6 address" : "has a bad IPv4 address";
		return NULL;
	}
	if (inet_pton(af, h, a) == 1)
		return NULL;
	if (strchr(h, ':') != NULL)
		return six ? "has a bad IPv6 address" : "has an IPv6 address (use inet6:)";
	if (strspn(h, "0123456789.") == n)
		return "has a bad IPv4 address";
	if (!dns_name(h, n))
		return "has a bad host name";
	return NULL;
}

static const char *
inet_spec(const char *p, int six)
{
	unsigned long port = 0;
	const char *q = p;

	for (; *q >= '0' && *q <= '9' && port <= 65535; q++)
		port = port * 10 + (unsigned long)(*q - '0');
	if (q == p || port < 1 || port > 65535 || (*q != '\0' && *q != '@'))
		return "has no port in 1..65535";
	if (*q == '\0')
		return six ? "needs PORT@HOST" : NULL;
	return inet_host(q + 1, six);
}

const char *
conf_check_socket(const char *v)
{
	const char *p;

	if ((p = after(v, "unix:")) != NULL || (p = after(v, "local:")) != NULL)
		return unix_path(p);
	if (v[0] == '/')
		return unix_path(v);
	if ((p = after(v, "inet:")) != NULL)
		return inet_spec(p, 0);
	if ((p = after(v, "inet6:")) != NULL)
		return inet_spec(p, 1);
	return "is not a socket address";
}

/* ------------------------------------------------------------------ */

static int
portable_name(const char *v, size_t len)
{
	if (len == 0 || len > 32 || v[0] == '-')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!is_alnum((unsigned char)v[i]) && v[i] != '.' && v[i] != '_' && v[i] != '-')
			return 0;
	return 1;
}

const char *
conf_check_user(const char *v)
{
	const char *colon = strchr(v, ':');

	if (colon == NULL ? !portable_name(v, strlen(v)) :
	    !portable_name(v, (size_t)(colon - v)) ||
	    !portable_name(colon + 1, strlen(colon + 1)))
		return "is not a user name or user:group";
	return NULL;
}

/* ------------------------------------------------------------------ */

const char *
conf_check_token(const char *v)
{
	size_t n = strlen(v);

	if (n == 0)
		return "is empty";
	if (n > 255)
		return "is longer than 255 bytes";
	for (const unsigned char *p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("()<>@,;:\\\"/[]?=", *p) != NULL)
			return "is not an RFC 2045 token";
	return NULL;
}

/* ------------------------------------------------------------------ */

/* Fields a message needs, or that other filters own; any case. */
static const char *const reserved_fields[] = {
	"Authentication-Results", "ARC-Authentication-Results", "ARC-Seal",
	"ARC-Message-Signature", "DKIM-Signature", "Received", "Return-Path",
	"From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date",
	"Message-ID", "In-Reply-To", "References", "MIME-Version",
	NULL
};

static const char *const reserved_prefixes[] = { "content-", "resent-", NULL };

static int
same_name(const char *a, const char *b)
{
	for (; *a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b); a++, b++)
		;
	return *a == '\0' && *b == '\0';
}

const char *
conf_check_field_name(const char *v)
{
	size_t n = strlen(v);

	if (n == 0)
		return "is empty";
	if (n > 64)
		return "is longer than 64 bytes";
	for (const unsigned char *p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == ':')
			return "is not a header field name";
	for (size_t i = 0; reserved_fields[i] != NULL; i++)
		if (same_name(v, reserved_fields[i]))
			return "is a standard header field";
	for (size_t i = 0; reserved_prefixes[i] != NULL; i++)
		if (after(v, reserved_prefixes[i]) != NULL)
			return "is a standard header field";
	return NULL;
}

/* ------------------------------------------------------------------ */

const char *
conf_check_cidr(const char *v)
{
	unsigned char a[16];
	char buf[64];
	const char *slash = strchr(v, '/');
	size_t n = slash != NULL ? (size_t)(slash - v) : strlen(v);
	unsigned bits = 0, max;
	int six;

	if (n >= sizeof(buf))
		return "is not an IP address or CIDR prefix";
	memcpy(buf, v, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, a) == 1)
		six = 0;
	else if (inet_pton(AF_INET6, buf, a) == 1)
		six = 1;
	else
		return "is not an IP address or CIDR prefix";
	max = six ? 128 : 32;
	if (slash == NULL)
		return NULL;
	n = strlen(slash + 1);
	if (n == 0 || n > 3 || strspn(slash + 1, "0123456789") != n)
		return six ? "has a prefix length out of 0..128" : "has a prefix length out of 0..32";
	for (const char *p = slash + 1; *p != '\0'; p++)
		bits = bits * 10 + (unsigned)(*p - '0');
	if (bits > max)
		return six ? "has a prefix length out of 0..128" : "has a prefix length out of 0..32";
	return NULL;
}

/* ------------------------------------------------------------------ */

const char *
conf_check_domain(const char *v)
{
	const char *d = v[0] == '.' ? v + 1 : v;

	if (!dns_name(d, strlen(d)))
		return "is not a domain name";
	return NULL;
}
