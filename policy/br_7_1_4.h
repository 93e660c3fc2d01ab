/*
 * br_7_1_4.h: private helpers of the subscriber-name rule files
 * (br_7_1_4*.c, BR 7.1.4.2): the subject read into a flat list of
 * attributes, the attribute table of BR 7.1.4.2.3-6, Mailbox Address
 * syntax (BR 1.6.1), the mailboxes of the subjectAltName, and the ISO
 * 3166-1 table.  Nothing here judges a certificate; the rule files do.
 */
#ifndef SMX_BR_7_1_4_H
#define SMX_BR_7_1_4_H

#include <stddef.h>

#include <openssl/x509.h>

#include "policy/br_profile.h"
#include "policy/br_rules.h"

/* The attributes BR 7.1.4.2.3-6 name, in the order of their tables. */
enum br714_kind {
	K_CN, K_O, K_OU, K_ORGID, K_GN, K_SN, K_PSEUDO, K_SERIAL, K_EMAIL,
	K_TITLE, K_STREET, K_L, K_ST, K_POSTAL, K_C, K_OTHER, K_NKINDS
};

#define BR714_MAXATTR 64

/* One AttributeTypeAndValue of a Name. */
struct br714_attr {
	int nid;		/* NID_undef for an OID OpenSSL does not know */
	enum br714_kind kind;
	int set;		/* index of its RDN */
	int type;		/* V_ASN1_* of the value */
	const ASN1_OBJECT *obj;
	const unsigned char *txt;	/* value as UTF-8 (not NUL-terminated), NULL if it does not decode */
	size_t len;		/* bytes of txt */
	unsigned char *own;	/* txt when converted (BMPString etc.); freed with the name */
};

struct br714_name {
	int n;
	int more;		/* attributes past BR714_MAXATTR, not read */
	struct br714_attr a[BR714_MAXATTR];
};

/* Read nm (not owned) into *out; br714_name_free() releases conversions. */
void br714_name_load(const X509_NAME *nm, struct br714_name *out);
void br714_name_free(struct br714_name *n);
/* c's subject, read once per br_lint_cert() run (kept in its memo: not to
 * be freed); NULL when out of memory. */
const struct br714_name *br714_subject(const struct br_cert *c);
/* Occurrences of kind k; the first one in *first (may be NULL). */
int br714_count(const struct br714_name *n, enum br714_kind k, const struct br714_attr **first);
/* Short name of an attribute for a detail ("CN", "2.5.4.99"). */
const char *br714_attr_name(const struct br714_attr *a, char *buf, size_t len);

/* BR 7.1.4.2.3-6: 'S' SHALL, 'M' MAY, 'N' SHALL NOT, for kind x type x generation. */
char br714_presence(enum br714_kind k, enum br_type t, enum br_gen g);
/* First attribute of n the table forbids for (t, g), or NULL. */
const struct br714_attr *br714_first_forbidden(const struct br714_name *n, enum br_type t,
    enum br_gen g);

/* UTF-8: 1 when s[0..n) is well-formed; code points into *ncp (may be NULL). */
int br714_utf8_ok(const unsigned char *s, size_t n, size_t *ncp);

/*
 * Mailbox Address syntax (RFC 5321 4.1.2 Mailbox, with RFC 6532 UTF-8
 * when utf8 is set).  NULL when s[0..n) is one, else a short reason.
 * *at gets the offset of the '@' that splits local part and domain.
 */
const char *br714_mailbox_syntax(const unsigned char *s, size_t n, int utf8, size_t *at);
/*
 * A mailbox in the form used for comparison: local part as is, domain
 * in lower case with U-labels turned into A-labels.  0, or -1 when it
 * is not a Mailbox Address or does not fit.
 */
int br714_mailbox_norm(const unsigned char *s, size_t n, char *out, size_t olen);

/* The mailboxes of the subjectAltName (rfc822Name and SmtpUTF8Mailbox), normalized. */
#define BR714_MAXBOX 32
#define BR714_BOXLEN 400
struct br714_boxes {
	int n;
	int more;		/* the SAN has more than BR714_MAXBOX names: not all read */
	char box[BR714_MAXBOX][BR714_BOXLEN];
};
/* Fill *b from c's subjectAltName (empty when absent or undecodable). */
void br714_san_boxes(const struct br_cert *c, struct br714_boxes *b);
int br714_boxes_has(const struct br714_boxes *b, const unsigned char *s, size_t n);

/* 1 when the two letters are an ISO 3166-1 alpha-2 code (XX not included). */
int br714_iso3166(const char *cc);

/* 1 when [s, s+n) equals the NUL-terminated z exactly. */
int br714_eq(const unsigned char *s, size_t n, const char *z);

#endif
