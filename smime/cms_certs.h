/*
 * cms_certs.h: the certificates of a SignedData, parsed once per process
 * rather than once per message.  See cms_certs.c.
 */
#ifndef SMX_CMS_CERTS_H
#define SMX_CMS_CERTS_H

#include <stddef.h>

#include <openssl/x509.h>

/* Certificates kept: least recently used goes first. */
#define CMS_CERTS_CACHE_SIZE 256
/* ContentInfos larger than this are parsed as they are (see cms_certs.c). */
#define CMS_CERTS_SPLIT_MAX (256 * 1024)

/*
 * der/len, a ContentInfo holding SignedData with definite lengths and a
 * certificates field of 1 to max_certs Certificates: the same DER without
 * that field in *out, *outlen bytes (malloc()ed), and those certificates in
 * *certs (in their order, parsed or taken from the cache; the caller
 * frees the stack with sk_X509_pop_free(..., X509_free)).  1 when split;
 * 0 when not (anything else, or a certificate that does not parse): the
 * caller parses der as it is, which then gives the answer it always gave;
 * SMX_ERR_NOMEM.
 */
int cms_certs_split(const unsigned char *der, size_t len, size_t max_certs,
    unsigned char **out, size_t *outlen, STACK_OF(X509) **certs);

/* Forget the cached certificates (tests; exit). */
void cms_certs_clear(void);

#endif
