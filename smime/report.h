/*
 * report.h: the verification record smime/ hands to policy/ and the
 * front-ends: every S/MIME layer of one message, outermost first, and every
 * signer of every signed layer.
 *
 * Strings in a report are raw (as found in the message or the certificate,
 * possibly hostile): sanitize them (smime/sanitize.h) before they reach a
 * header, a log line or a terminal.  Reason tokens are static strings from
 * the vocabulary below.
 */
#ifndef SMX_REPORT_H
#define SMX_REPORT_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

/* RFC 7281 results, ordered from least to most severe for aggregation:
 * a message's result is the most severe over its layers, a layer's the most
 * severe over its signers.  neutral ranks below pass so that a signature this
 * build cannot judge does not hide one it verified. */
enum smx_result {
	SMX_NONE = 0,
	SMX_NEUTRAL,
	SMX_PASS,
	SMX_TEMPERROR,
	SMX_POLICY,
	SMX_PERMERROR,
	SMX_FAIL
};

const char *smx_result_name(enum smx_result r);	/* "none", "pass", ... */
int smx_result_parse(const char *s, enum smx_result *r);	/* 0 or SMX_ERR_INVAL */

enum smx_layer_kind {
	SMX_LAYER_DETACHED,	/* multipart/signed */
	SMX_LAYER_OPAQUE,	/* application/pkcs7-mime signed-data */
	SMX_LAYER_ENCRYPTED	/* enveloped-data / authEnveloped-data: not opened */
};

const char *smx_layer_kind_name(enum smx_layer_kind k);

struct smx_signer {
	enum smx_result result;	/* overall result of this signer */
	const char *reason;	/* token, NULL when result is pass */
	enum smx_result signature;	/* the signature and digest alone: pass, fail, neutral, permerror */
	const char *chain;	/* "pass", or a chain reason token ("untrusted", "expired", ...) */
	char *identity;		/* signer mailbox: SAN rfc822Name / SmtpUTF8Mailbox, else subject
				 * emailAddress; NULL when the certificate has none */
	int from_match;		/* identity equals the From address (domain case-insensitive) */
	char *subject;		/* RFC 2253 one-line forms */
	char *issuer;
	char *serial;		/* upper-case hex, no separators */
	const char *key_alg;	/* "rsa-2048", "ec-p256", "ed25519", ... or "unknown" */
	const char *sig_alg;	/* "rsa-pkcs1", "rsa-pss", "ecdsa", "ed25519", ... */
	const char *digest_alg;	/* "sha-256", "sha-1", ... (RFC 8551 micalg names) */
	int has_signing_time;
	time_t signing_time;
	X509 *cert;		/* signer certificate (owned), NULL when not found */
	STACK_OF(X509) *chain_certs;	/* verified chain, leaf first, anchor last (owned) or NULL */
	X509 *enc_cert;		/* named by SMIMEEncryptionKeyPreference, from the bag (owned) or NULL */
};

struct smx_layer {
	enum smx_layer_kind kind;
	char *part;		/* MIME entity id of the signed or encrypted entity */
	size_t depth;		/* nesting among layers: 0 outermost */
	enum smx_result result;	/* most severe over signers, or the layer's own error */
	const char *reason;	/* token or NULL */
	char *from;		/* address of the From header governing this layer, or NULL */
	struct smx_signer *signers;
	size_t nsigners;
	STACK_OF(X509) *certs;	/* the SignedData certificate bag (owned) or NULL */
};

struct smx_report {
	enum smx_result result;	/* most severe over layers; none if unsigned */
	const char *reason;	/* token from the layer that set the result, or "unsigned" */
	char *from;		/* addr-spec of the message's From header, or NULL */
	struct smx_layer *layers;
	size_t nlayers;
	size_t bytes;		/* message size as fed */
};

void smx_report_clear(struct smx_report *r);

/* Severity order used everywhere results are combined. */
int smx_result_worse(enum smx_result a, enum smx_result b);	/* a more severe than b */

#endif
