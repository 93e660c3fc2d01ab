/*
 * NAME
 *	cidr - match client addresses against InternalHosts
 * DESCRIPTION
 *	Entries are kept as 16-byte addresses (IPv4 as IPv4-mapped IPv6) with
 *	a prefix length, so one comparison serves both families and a client
 *	that Postfix reports as ::ffff:192.0.2.1 matches 192.0.2.0/24.
 * OWNERSHIP
 *	The set is immutable after cidr_set_new(); share it between threads.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "milter/cidr.h"

struct cidr {
	unsigned char a[16];
	unsigned bits;
};

struct cidr_set {
	struct cidr *v;
	size_t n;
};

static void
map4(const unsigned char *in4, unsigned char *out)
{
	memset(out, 0, 10);
	out[10] = out[11] = 0xff;
	memcpy(out + 12, in4, 4);
}

static int
parse_one(const char *s, struct cidr *c)
{
	char buf[64], *slash, *end;
	unsigned char a4[4];
	unsigned long bits;
	int v4;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, a4) == 1) {
		map4(a4, c->a);
		v4 = 1;
	} else if (inet_pton(AF_INET6, buf, c->a) == 1) {
		v4 = 0;
	} else
		return -1;
	bits = v4 ? 32 : 128;
	if (slash != NULL) {
		if (*slash == '\0')
			return -1;
		bits = strtoul(slash, &end, 10);
		if (*end != '\0' || bits > (v4 ? 32u : 128u))
			return -1;
	}
	c->bits = (unsigned)bits + (v4 ? 96 : 0);
	return 0;
}

struct cidr_set *
cidr_set_new(const char *const *entries, size_t n, long *bad)
{
	struct cidr_set *s = calloc(1, sizeof(*s));

	*bad = -1;
	if (s == NULL || (n > 0 && (s->v = calloc(n, sizeof(*s->v))) == NULL)) {
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (parse_one(entries[i], &s->v[i]) < 0) {
			*bad = (long)i;
			return cidr_set_free(s);
		}
	s->n = n;
	return s;
}

struct cidr_set *
cidr_set_free(struct cidr_set *s)
{
	if (s != NULL) {
		free(s->v);
		free(s);
	}
	return NULL;
}

static int
prefix_eq(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return 0;
	return rest == 0 || ((a[full] ^ b[full]) & (0xff << (8 - rest))) == 0;
}

int
cidr_set_match(const struct cidr_set *s, const struct sockaddr *sa)
{
	unsigned char a[16];

	if (s == NULL || sa == NULL)
		return 0;
	if (sa->sa_family == AF_INET)
		map4((const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr, a);
	else if (sa->sa_family == AF_INET6)
		memcpy(a, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
	else
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (prefix_eq(a, s->v[i].a, s->v[i].bits))
			return 1;
	return 0;
}
