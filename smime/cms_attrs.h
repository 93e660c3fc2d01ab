/*
 * cms_attrs.h: signed attributes of a SignerInfo (RFC 5652 5.3, 11).
 */
#ifndef SMX_CMS_ATTRS_H
#define SMX_CMS_ATTRS_H

#include <stddef.h>
#include <time.h>

#include <openssl/cms.h>

/*
 * DER of the signed attributes as a SET OF (tag 0x31), the bytes a
 * signature with signed attributes covers (RFC 5652 5.4): each attribute
 * re-encoded, sorted as DER requires, minimal length.  *out is malloc()ed.
 * 0, SMX_ERR_NOTFOUND (no signed attributes), SMX_ERR_NOMEM, SMX_ERR_PARSE.
 */
int cms_attrs_der(CMS_SignerInfo *si, unsigned char **out, size_t *len);

/* The single value of a single-valued signed attribute of type nid and ASN.1
 * type, or NULL when absent, repeated, multi-valued or of another type. */
const void *cms_attrs_get1(CMS_SignerInfo *si, int nid, int asn1_type);

/* 1 when an attribute of type nid is present at least once. */
int cms_attrs_has(CMS_SignerInfo *si, int nid);

/* signingTime: 1 and *t when present and well-formed, 0 when absent,
 * SMX_ERR_PARSE when repeated or malformed. */
int cms_attrs_signing_time(CMS_SignerInfo *si, time_t *t);

/*
 * CMSAlgorithmProtection (RFC 6211), when present: its digestAlgorithm must
 * name the SignerInfo's digest algorithm (OIDs compared: SHA-2 parameters
 * may be absent or NULL, RFC 5754 2) and its signatureAlgorithm ([1]) be
 * the SignerInfo's signatureAlgorithm (OID and parameters); a macAlgorithm
 * ([2]) has no place in SignedData.  1: absent or matching; 0: present and
 * not matching (RFC 6211 3: the signature is then invalid); SMX_ERR_PARSE:
 * repeated, multi-valued or malformed; SMX_ERR_NOMEM.
 */
int cms_attrs_algprot_check(CMS_SignerInfo *si);

/*
 * The certificate of bag that the SMIMEEncryptionKeyPreference attribute
 * (RFC 8551 2.5.3) names, by issuerAndSerialNumber or subject key
 * identifier; NULL when there is no such attribute, it is malformed or
 * repeated, or names no certificate of bag.  Borrowed from bag.
 */
X509 *cms_attrs_enc_pref(CMS_SignerInfo *si, STACK_OF(X509) *bag);

#endif
