/*
 * NAME
 *	br_profile - detect the BR profile a certificate asserts
 * SYNOPSIS
 *	#include "policy/br_profile.h"
 *
 *	void br_profile_detect(X509 *x, struct br_profile *p);
 * DESCRIPTION
 *	BR 7.1.6.1 reserves 2.23.140.1.5.<type>.<generation> with type 1
 *	mailbox, 2 organization, 3 sponsor, 4 individual and generation 1
 *	legacy, 2 multipurpose, 3 strict.  A subscriber certificate carries
 *	exactly one (7.1.2.3a); the count is kept so that the rules can
 *	report zero or several, and the profile is never guessed from other
 *	fields: without a reserved OID the type stays BR_TYPE_NONE (a private
 *	CA, or not an S/MIME BR certificate at all).  The OIDs are compared
 *	on their DER content octets, so no OID text is parsed.
 * SEE ALSO
 *	S/MIME BR 7.1.6.1, 7.1.2.3a.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_profile.h"

/* DER content of 2.23.140.1.5 (67 81 0c 01 05), then <t> <g>. */
static const unsigned char smime_arc[] = { 0x67, 0x81, 0x0c, 0x01, 0x05 };

static const char *const type_names[] = {
	[BR_TYPE_NONE] = "none", [BR_MAILBOX] = "mailbox",
	[BR_ORGANIZATION] = "organization", [BR_SPONSOR] = "sponsor",
	[BR_INDIVIDUAL] = "individual",
};

static const char *const gen_names[] = {
	[BR_GEN_NONE] = "none", [BR_LEGACY] = "legacy",
	[BR_MULTIPURPOSE] = "multipurpose", [BR_STRICT] = "strict",
};

const char *
br_type_name(enum br_type t)
{
	return (unsigned)t <= BR_INDIVIDUAL ? type_names[t] : "none";
}

const char *
br_gen_name(enum br_gen g)
{
	return (unsigned)g <= BR_STRICT ? gen_names[g] : "none";
}

static void
classify(const ASN1_OBJECT *oid, struct br_profile *p)
{
	const unsigned char *d = OBJ_get0_data(oid);
	size_t n = OBJ_length(oid);

	if (OBJ_obj2nid(oid) == NID_any_policy) {
		p->any_policy = 1;
		return;
	}
	if (n < sizeof(smime_arc) || memcmp(d, smime_arc, sizeof(smime_arc)) != 0)
		return;
	if (n == sizeof(smime_arc) + 2 && d[5] >= 1 && d[5] <= 4 && d[6] >= 1 && d[6] <= 3) {
		if (p->reserved++ == 0) {
			p->type = (enum br_type)d[5];
			p->gen = (enum br_gen)d[6];
		}
		return;
	}
	p->malformed++;
}

void
br_profile_detect(X509 *x, struct br_profile *p)
{
	CERTIFICATEPOLICIES *cp;
	int crit = 0;

	memset(p, 0, sizeof(*p));
	cp = X509_get_ext_d2i(x, NID_certificate_policies, &crit, NULL);
	if (cp == NULL)
		return;
	p->has_policies = 1;
	for (int i = 0; i < sk_POLICYINFO_num(cp); i++)
		classify(sk_POLICYINFO_value(cp, i)->policyid, p);
	CERTIFICATEPOLICIES_free(cp);
}
