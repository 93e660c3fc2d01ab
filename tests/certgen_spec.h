/*
 * certgen_spec.h: shorthands for certgen specs, and the DER values (hex)
 * that more than one suite puts into them (check_br_matrix, check_br_gen).
 */
#ifndef SMX_TESTS_CERTGEN_SPEC_H
#define SMX_TESTS_CERTGEN_SPEC_H

#include "tests/certgen.h"

/* The reserved policy OID of a row: type (1 mailbox ... 4 individual), generation. */
#define MV_S .type = 1, .gen = 3
#define MV_M .type = 1, .gen = 2
#define MV_L .type = 1, .gen = 1
#define OV_S .type = 2, .gen = 3
#define OV_M .type = 2, .gen = 2
#define OV_L .type = 2, .gen = 1
#define SV_S .type = 3, .gen = 3
#define SV_M .type = 3, .gen = 2
#define SV_L .type = 3, .gen = 1
#define IV_S .type = 4, .gen = 3
#define IV_M .type = 4, .gen = 2
#define IV_L .type = 4, .gen = 1

/* A subject attribute; the extension overrides. */
#define A(n, v) { (n), (v), 0 }
#define DEL(o) { .oid = (o), .op = CG_REMOVE }
#define CRIT(o) { .oid = (o), .op = CG_CRITICAL }
#define NONCRIT(o) { .oid = (o), .op = CG_NONCRITICAL }
#define SET(o, h) { .oid = (o), .op = CG_REPLACE, .hex = (h) }
#define ADD(o, h) { .oid = (o), .op = CG_ADD, .hex = (h) }
#define ADDCRIT(o, h) { .oid = (o), .op = CG_ADD, .hex = (h), .critical = 1 }

/* The Organization-validated subject of certgen, spelled out to change one attribute. */
#define OV_C_DE A("C", "DE")
#define OV_O A("O", "Example GmbH")

/* ldap://ldap.example.com/cn=ca?certificateRevocationList */
#define LDAP_CRL "6c6461703a2f2f6c6461702e6578616d706c652e636f6d2f636e3d63613f" \
	"63657274696669636174655265766f636174696f6e4c697374"
/* cRLDistributionPoints: that ldap URI only */
#define CRLDP_LDAP "303f303da03ba0398637" LDAP_CRL
/* authorityInformationAccess: id-ad-caIssuers ldap://ldap.example.com/cn=ca?cACertificate */
#define AIA_LDAP "3039303706082b06010505073002862b6c6461703a2f2f6c6461702e65" \
	"78616d706c652e636f6d2f636e3d63613f63414365727469666963617465"
/* a mailbox with a Cyrillic local part (U+0430 ...) */
#define MAILBOX_CYR "\xd0\xb0\xd0\xbb\xd0\xb8\xd1\x81\xd0\xb0@example.com"

/* the LEI extension (7.1.2.3l): PrintableString 5493001KJTIIGC8Y1R12 */
#define OID_LEI "1.3.6.1.4.1.52266.1"
#define LEI_OK "1314353439333030314b4a5449494743385931523132"
/* its role extension: PrintableString "Director" */
#define OID_LEI_ROLE "1.3.6.1.4.1.52266.2"
#define LEI_ROLE "13084469726563746f72"
/* subjectDirectoryAttributes: countryOfCitizenship DE */
#define SDA_VALUE "3012301006082b06010505070904310413024445"
/* the Adobe Time-stamp extension: version 1, http://tsa.example.com/ */
#define OID_ADOBE_TS "1.2.840.113583.1.1.9.1"
#define ADOBE_TS "301c0201018617687474703a2f2f7473612e6578616d706c652e636f6d2f"
/* an extension of a private arc: UTF8String "employee 4711" */
#define OID_PRIVATE "1.3.6.1.4.1.99999.1"
#define PRIVATE_VALUE "0c0d656d706c6f7965652034373131"

#endif
