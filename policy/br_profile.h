/*
 * br_profile.h: which S/MIME BR profile a certificate claims: validation
 * type x generation, from the reserved policy OIDs 2.23.140.1.5.<t>.<g>
 * (BR 7.1.6.1).
 */
#ifndef SMX_BR_PROFILE_H
#define SMX_BR_PROFILE_H

#include <openssl/x509.h>

enum br_type { BR_TYPE_NONE, BR_MAILBOX, BR_ORGANIZATION, BR_SPONSOR, BR_INDIVIDUAL };
enum br_gen { BR_GEN_NONE, BR_LEGACY, BR_MULTIPURPOSE, BR_STRICT };

struct br_profile {
	enum br_type type;	/* from the first reserved OID; NONE when there is none */
	enum br_gen gen;
	int reserved;		/* reserved S/MIME policy OIDs found (valid t.g only) */
	int malformed;		/* 2.23.140.1.5.x.y OIDs with x or y out of range */
	int any_policy;		/* anyPolicy (2.5.29.32.0) present */
	int has_policies;	/* the certificatePolicies extension is present and decodes */
};

/* Fill *p from x's certificatePolicies.  Never fails: an undecodable
 * extension gives has_policies 0. */
void br_profile_detect(X509 *x, struct br_profile *p);

const char *br_type_name(enum br_type t);	/* "mailbox", ... "none" */
const char *br_gen_name(enum br_gen g);		/* "legacy", ... "none" */

#endif
