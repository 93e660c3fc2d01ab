/*
 * cidr.h: a set of IPv4 / IPv6 addresses and prefixes (InternalHosts).
 */
#ifndef SMX_CIDR_H
#define SMX_CIDR_H

#include <stddef.h>
#include <sys/socket.h>

struct cidr_set;

/* Parse "192.0.2.0/24", "2001:db8::/32", "127.0.0.1", "::1".  NULL with
 * *bad set to the index of the first bad entry, or NULL on no memory
 * (then *bad is -1). */
struct cidr_set *cidr_set_new(const char *const *entries, size_t n, long *bad);
struct cidr_set *cidr_set_free(struct cidr_set *s);

/* 1 when sa (AF_INET or AF_INET6; IPv4-mapped IPv6 counts as IPv4) is in s. */
int cidr_set_match(const struct cidr_set *s, const struct sockaddr *sa);

#endif
