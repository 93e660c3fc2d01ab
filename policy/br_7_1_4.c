/*
 * NAME
 *	br_7_1_4 - the mailboxes of subscriber certificates (BR 7.1.4.2.1,
 *	7.1.4.2.2h, 1.6.1; RFC 9598)
 * DESCRIPTION
 *	What the Mailbox Addresses of a subscriber certificate look like,
 *	wherever they are: every one in the subject (commonName,
 *	emailAddress, or any attribute whose value is a mailbox) or in a
 *	subjectAltName directoryName is repeated as an rfc822Name or
 *	SmtpUTF8Mailbox; each is a bare RFC 5321 Mailbox (BR 1.6.1: no
 *	display name, angle brackets or whitespace); the subject has one
 *	emailAddress at most; a SmtpUTF8Mailbox is a UTF8String without a
 *	byte-order mark, is used only for a non-ASCII local part, and keeps
 *	its domain in A-labels and lower case (RFC 9598 section 3).
 *
 *	Mailboxes compare with the local part exact and the domain case-
 *	folded, U-labels as A-labels.  Which GeneralName types the
 *	subjectAltName may hold, its presence and its criticality are the
 *	7.1.2.3 group's; the subject attributes are br_7_1_4_subject's.
 * SEE ALSO
 *	S/MIME BR 1.6.1 (Mailbox Address), 7.1.4.2.1, 7.1.4.2.2a, h;
 *	RFC 5321 4.1.2; RFC 6532 3.2; RFC 9598 3.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "policy/br_7_1_4.h"
#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/smx_err.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define SUB BR_ROLE_SUBSCRIBER

/* --- helpers ------------------------------------------------------------ */

/* The value of a SmtpUTF8Mailbox otherName as a string, or NULL. */
static const ASN1_STRING *
smtputf8(const GENERAL_NAME *g)
{
	const ASN1_TYPE *v;

	if (g->type != GEN_OTHERNAME ||
	    OBJ_obj2nid(g->d.otherName->type_id) != NID_id_on_SmtpUTF8Mailbox)
		return NULL;
	v = g->d.otherName->value;
	if (v == NULL || v->type == V_ASN1_BOOLEAN || v->type == V_ASN1_NULL ||
	    v->type == V_ASN1_OBJECT)
		return NULL;
	return v->value.asn1_string;
}

/* Call fn on every GeneralName of the subjectAltName until it returns 1. */
static int
each_san(const struct br_cert *c, char *d, size_t dl, const void *arg,
    int (*fn)(const GENERAL_NAME *g, const void *arg, char *d, size_t dl))
{
	GENERAL_NAMES *gns = br_ext_d2i(c, NID_subject_alt_name);
	int r = 0;

	for (int i = 0; r == 0 && i < sk_GENERAL_NAME_num(gns); i++)
		r = fn(sk_GENERAL_NAME_value(gns, i), arg, d, dl);
	return r;
}

/*
 * A mailbox stated by an attribute: commonName and emailAddress when
 * they parse as one; any other attribute when its whole value is a
 * mailbox with a dotted domain (a pseudonym such as "agent@work" is no
 * address).
 */
static int
states_mailbox(const struct br714_attr *a)
{
	size_t at;

	if (a->txt == NULL || br714_mailbox_syntax(a->txt, a->len, 1, &at) != NULL)
		return 0;
	return a->kind == K_CN || a->kind == K_EMAIL ||
	    memchr(a->txt + at, '.', a->len - at) != NULL;
}

/* First attribute of nm stating a mailbox that boxes lacks, or NULL. */
static const struct br714_attr *
unmirrored(const struct br714_name *nm, const struct br714_boxes *boxes)
{
	for (int i = 0; i < nm->n; i++)
		if (states_mailbox(&nm->a[i]) && !br714_boxes_has(boxes, nm->a[i].txt, nm->a[i].len))
			return &nm->a[i];
	return NULL;
}

/* --- checks ----------------------------------------------------------- */

static int
dirname_unmirrored(const GENERAL_NAME *g, const void *arg, char *d, size_t dl)
{
	struct br714_name nm;
	const struct br714_attr *a;
	char buf[80];
	int r = 0;

	if (g->type != GEN_DIRNAME)
		return 0;
	br714_name_load(g->d.directoryName, &nm);
	if ((a = unmirrored(&nm, arg)) != NULL)
		r = br_detail(d, dl, "directoryName %s is not an rfc822Name or SmtpUTF8Mailbox",
		    br714_attr_name(a, buf, sizeof(buf)));
	br714_name_free(&nm);
	return r;
}

static int
mailbox_not_mirrored(const struct br_cert *c, char *d, size_t dl)
{
	struct br714_boxes boxes;
	const struct br714_name *nm = br714_subject(c);
	const struct br714_attr *a;
	char buf[80];
	int r = 0;

	if (nm == NULL)
		return SMX_ERR_NOMEM;
	br714_san_boxes(c, &boxes);
	if ((a = unmirrored(nm, &boxes)) != NULL)
		r = br_detail(d, dl, "subject %s is not an rfc822Name or SmtpUTF8Mailbox",
		    br714_attr_name(a, buf, sizeof(buf)));
	return r ? r : each_san(c, d, dl, &boxes, dirname_unmirrored);
}

static int
syntax_of(const char *what, const ASN1_STRING *v, int utf8, char *d, size_t dl)
{
	const char *why = br714_mailbox_syntax(ASN1_STRING_get0_data(v),
	    (size_t)ASN1_STRING_length(v), utf8, NULL);

	return why == NULL ? 0 : br_detail(d, dl, "%s: %s", what, why);
}

static int
san_syntax(const GENERAL_NAME *g, const void *arg, char *d, size_t dl)
{
	const ASN1_STRING *v;
	struct br714_name nm;
	int r = 0;

	(void)arg;
	if (g->type == GEN_EMAIL)
		return syntax_of("rfc822Name", g->d.rfc822Name, 0, d, dl);
	if ((v = smtputf8(g)) != NULL)
		return syntax_of("SmtpUTF8Mailbox", v, 1, d, dl);
	if (g->type != GEN_DIRNAME)
		return 0;
	br714_name_load(g->d.directoryName, &nm);
	for (int i = 0; i < nm.n && r == 0; i++)
		if (nm.a[i].kind == K_EMAIL)
			r = nm.a[i].txt == NULL ? br_detail(d, dl, "directoryName emailAddress: "
			    "does not decode") : syntax_of("directoryName emailAddress",
			    X509_NAME_ENTRY_get_data(X509_NAME_get_entry(g->d.directoryName, i)), 0, d, dl);
	br714_name_free(&nm);
	return r;
}

static int
mailbox_syntax(const struct br_cert *c, char *d, size_t dl)
{
	const X509_NAME *s = X509_get_subject_name(c->x);
	int r = 0;

	for (int i = 0; i < X509_NAME_entry_count(s) && r == 0; i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(s, i);

		if (OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) == NID_pkcs9_emailAddress)
			r = syntax_of("subject emailAddress", X509_NAME_ENTRY_get_data(e), 0, d, dl);
	}
	return r ? r : each_san(c, d, dl, NULL, san_syntax);
}

static int
email_not_single(const struct br_cert *c, char *d, size_t dl)
{
	const struct br714_name *nm = br714_subject(c);
	int n;

	if (nm == NULL)
		return SMX_ERR_NOMEM;
	n = br714_count(nm, K_EMAIL, NULL);
	return n > 1 ? br_detail(d, dl, "%d emailAddress attributes", n) : 0;
}

static int
utf8_encoding(const GENERAL_NAME *g, const void *arg, char *d, size_t dl)
{
	const ASN1_STRING *v = smtputf8(g);
	const unsigned char *p;
	int n;

	(void)arg;
	if (v == NULL && g->type == GEN_OTHERNAME &&
	    OBJ_obj2nid(g->d.otherName->type_id) == NID_id_on_SmtpUTF8Mailbox)
		return br_detail(d, dl, "SmtpUTF8Mailbox value is not a string");
	if (v == NULL)
		return 0;
	if (g->d.otherName->value->type != V_ASN1_UTF8STRING)
		return br_detail(d, dl, "SmtpUTF8Mailbox is a %s",
		    ASN1_tag2str(g->d.otherName->value->type));
	p = ASN1_STRING_get0_data(v);
	n = ASN1_STRING_length(v);
	if (n == 0 || !br714_utf8_ok(p, (size_t)n, NULL))
		return br_detail(d, dl, "SmtpUTF8Mailbox is not well-formed UTF-8");
	for (int i = 0; i + 2 < n; i++)
		if (p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
			return br_detail(d, dl, "SmtpUTF8Mailbox holds a byte-order mark");
	return 0;
}

static int
smtputf8_encoding(const struct br_cert *c, char *d, size_t dl)
{
	return each_san(c, d, dl, NULL, utf8_encoding);
}

static int
ascii_local(const GENERAL_NAME *g, const void *arg, char *d, size_t dl)
{
	const ASN1_STRING *v = smtputf8(g);
	const unsigned char *p;
	size_t at;

	(void)arg;
	if (v == NULL)
		return 0;
	p = ASN1_STRING_get0_data(v);
	if (br714_mailbox_syntax(p, (size_t)ASN1_STRING_length(v), 1, &at) != NULL)
		return 0;	/* e_mailbox_syntax */
	for (size_t i = 0; i < at; i++)
		if (p[i] >= 0x80)
			return 0;
	return br_detail(d, dl, "SmtpUTF8Mailbox with an ASCII local part");
}

static int
smtputf8_ascii_local(const struct br_cert *c, char *d, size_t dl)
{
	return each_san(c, d, dl, NULL, ascii_local);
}

static int
domain_form(const GENERAL_NAME *g, const void *arg, char *d, size_t dl)
{
	const ASN1_STRING *v = smtputf8(g);
	const unsigned char *p;
	size_t at, n;

	(void)arg;
	if (v == NULL)
		return 0;
	p = ASN1_STRING_get0_data(v);
	n = (size_t)ASN1_STRING_length(v);
	if (br714_mailbox_syntax(p, n, 1, &at) != NULL || p[at + 1] == '[')
		return 0;
	for (size_t i = at + 1; i < n; i++) {
		if (p[i] >= 0x80)
			return br_detail(d, dl, "SmtpUTF8Mailbox domain holds a U-label");
		if (p[i] >= 'A' && p[i] <= 'Z')
			return br_detail(d, dl, "SmtpUTF8Mailbox domain holds upper case");
	}
	return 0;
}

static int
smtputf8_domain_form(const struct br_cert *c, char *d, size_t dl)
{
	return each_san(c, d, dl, NULL, domain_form);
}

/* --- the table --------------------------------------------------------- */

static const struct br_rule rules[] = {
	{ "e_san_mailbox_not_mirrored", BR_SEV_ERROR, "7.1.4.2.1",
	  "every Mailbox Address in the subject or a SAN directoryName SHALL be an rfc822Name or SmtpUTF8Mailbox",
	  V100, 0, SUB, 0, 0, NULL, mailbox_not_mirrored },
	{ "e_mailbox_syntax", BR_SEV_ERROR, "1.6.1",
	  "a Mailbox Address SHALL be an RFC 5321 Mailbox (RFC 6532 UTF-8) with no padding or structure",
	  V100, 0, SUB, 0, 0, NULL, mailbox_syntax },
	{ "e_subject_email_not_single", BR_SEV_ERROR, "7.1.4.2.2h",
	  "subject:emailAddress SHALL contain a single Mailbox Address", V100, 0, SUB, 0, 0,
	  NULL, email_not_single },
	{ "e_smtputf8_encoding", BR_SEV_ERROR, "7.1.4.2.1",
	  "SmtpUTF8Mailbox SHALL be a UTF8String without a byte-order mark (RFC 9598 3)",
	  V100, 0, SUB, 0, 0, NULL, smtputf8_encoding },
	{ "e_smtputf8_ascii_local_part", BR_SEV_ERROR, "7.1.4.2.1",
	  "a mailbox with an ASCII local part SHALL be an rfc822Name, not a SmtpUTF8Mailbox (RFC 9598 3)",
	  V100, 0, SUB, 0, 0, NULL, smtputf8_ascii_local },
	{ "e_smtputf8_domain_form", BR_SEV_ERROR, "7.1.4.2.1",
	  "the SmtpUTF8Mailbox domain SHALL be in A-labels and lower case (RFC 9598 3)",
	  V100, 0, SUB, 0, 0, NULL, smtputf8_domain_form },
};

const struct br_rule_group br_group_7_1_4 = { rules, sizeof(rules) / sizeof(rules[0]) };
