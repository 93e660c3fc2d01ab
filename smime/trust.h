/*
 * trust.h: the trust anchors, loaded once and shared read-only.
 */
#ifndef SMX_TRUST_H
#define SMX_TRUST_H

#include <stddef.h>

#include <openssl/x509_vfy.h>

/*
 * Load the trust anchors at path: a PEM file of certificates, or a
 * directory whose *.pem, *.crt and hashed (c_rehash) files are read.
 * Every certificate found is a trust anchor.  Returns 0 and a new store in
 * *out (X509_STORE_free it), or SMX_ERR_IO (cannot read, errno kept),
 * SMX_ERR_PARSE (a file holds no certificate or a broken one; err names
 * it), SMX_ERR_NOMEM.  err (errlen bytes) receives a message on error.
 */
int trust_load(const char *path, X509_STORE **out, size_t *count,
    char *err, size_t errlen);

#endif
