/*
 * address.h: the From address of a message and the signer-identity match.
 */
#ifndef SMX_ADDRESS_H
#define SMX_ADDRESS_H

#include <stddef.h>

/*
 * The addr-spec of the first mailbox in an RFC 5322 address-list header
 * value (display names, comments, groups and routes removed), as a new
 * string the caller frees; NULL when there is none or memory ran out.
 */
char *address_parse(const char *value);

/* How many mailboxes the address-list holds (groups opened up). */
size_t address_count(const char *value);

/*
 * 1 when a and b name the same mailbox: local parts equal byte for byte,
 * domains equal ignoring ASCII case (RFC 5280 7.5); 0 otherwise or when
 * either is NULL.
 */
int address_match(const char *a, const char *b);

/* The domain part of addr (after the last '@'), or NULL. */
const char *address_domain(const char *addr);

#endif
