/*
 * NAME
 *	trust - load trust anchors into an X509_STORE
 * SYNOPSIS
 *	#include "smime/trust.h"
 *
 *	int trust_load(const char *path, X509_STORE **out, size_t *count,
 *	    char *err, size_t errlen);
 * DESCRIPTION
 *	Reads every certificate of a PEM file, or of the files of a
 *	directory named *.pem, *.crt, *.cer or as c_rehash names them
 *	(not recursive; a README or a key beside them is left alone), and
 *	adds each to a new store.  The directory is read eagerly rather than through
 *	X509_LOOKUP_hash_dir so that a broken file is an error at start-up
 *	(named in err), not a silent "untrusted" at the first message, and so
 *	that a process checking many messages loads the anchors exactly once.
 *	The store is only read afterwards; X509_STORE is safe to share between
 *	threads for verification.
 * OWNERSHIP
 *	*out belongs to the caller.
 * DIAGNOSTICS
 *	SMX_ERR_IO (errno kept), SMX_ERR_PARSE, SMX_ERR_NOMEM.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "smime/smx_err.h"
#include "smime/trust.h"

/* Add every certificate of one PEM file; 0 or an error. */
static int
load_file(X509_STORE *st, const char *file, size_t *count, char *err, size_t errlen)
{
	FILE *fp;
	X509 *x;
	size_t n = 0;
	int r = 0;
	unsigned long e;

	if ((fp = fopen(file, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return SMX_ERR_IO;
	}
	while ((x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL) {
		if (X509_STORE_add_cert(st, x) != 1) {
			/* A duplicate anchor is harmless. */
			e = ERR_peek_last_error();
			if (ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
				X509_free(x);
				snprintf(err, errlen, "%s: cannot add certificate %zu", file, n + 1);
				r = SMX_ERR_CRYPTO;
				goto out;
			}
		}
		X509_free(x);
		n++;
	}
	e = ERR_peek_last_error();
	if (n == 0 || (e != 0 && ERR_GET_REASON(e) != PEM_R_NO_START_LINE)) {
		snprintf(err, errlen, "%s: %s", file, n == 0 ?
		    "no PEM certificate in file" : "broken PEM certificate");
		r = SMX_ERR_PARSE;
		goto out;
	}
	*count += n;
out:
	ERR_clear_error();
	fclose(fp);
	return r;
}

/* *.pem, *.crt, *.cer, or a c_rehash name (8 hex digits, '.', digits). */
static int
anchor_name(const char *n)
{
	size_t len = strlen(n), i;

	if (len > 4 && (strcmp(n + len - 4, ".pem") == 0 || strcmp(n + len - 4, ".crt") == 0 ||
	    strcmp(n + len - 4, ".cer") == 0))
		return 1;
	for (i = 0; i < 8; i++)
		if (!isxdigit((unsigned char)n[i]))
			return 0;
	if (n[8] != '.' || n[9] == '\0')
		return 0;
	for (i = 9; n[i] != '\0'; i++)
		if (!isdigit((unsigned char)n[i]))
			return 0;
	return 1;
}

static int
load_dir(X509_STORE *st, const char *dir, size_t *count, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *de;
	struct stat sb;
	char path[4096];
	int r = 0;

	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return SMX_ERR_IO;
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !anchor_name(de->d_name))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= sizeof(path))
			continue;
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		r = load_file(st, path, count, err, errlen);
	}
	closedir(d);
	return r;
}

int
trust_load(const char *path, X509_STORE **out, size_t *count, char *err, size_t errlen)
{
	X509_STORE *st;
	struct stat sb;
	size_t n = 0;
	int r;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return SMX_ERR_IO;
	}
	if ((st = X509_STORE_new()) == NULL)
		return SMX_ERR_NOMEM;
	r = S_ISDIR(sb.st_mode) ? load_dir(st, path, &n, err, errlen) :
	    load_file(st, path, &n, err, errlen);
	if (r == 0 && n == 0) {
		snprintf(err, errlen, "%s: no certificate found", path);
		r = SMX_ERR_PARSE;
	}
	if (r < 0) {
		X509_STORE_free(st);
		return r;
	}
	if (count != NULL)
		*count = n;
	*out = st;
	return 0;
}
