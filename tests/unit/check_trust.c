/*
 * NAME
 *	check_trust - unit tests of smime/trust (loading trust anchors)
 * SYNOPSIS
 *	srcdir=TOP ./check_trust
 * DESCRIPTION
 *	Loads $srcdir/tests/data/trust/root.pem and the directory
 *	$srcdir/tests/data/trust/dir/ (srcdir defaults to "."), and checks
 *	that what was loaded really anchors a chain: the test PKI's rsa-ca
 *	verifies against the store, the unrelated other-ca does not.  Then
 *	the errors, on files made under a mkdtemp() directory: a missing path
 *	(SMX_ERR_IO, errno and the message kept), a file with no certificate,
 *	an empty file, a key, a broken second certificate, an empty
 *	directory and a directory with a broken *.pem (SMX_ERR_PARSE naming
 *	the file); and what a directory load skips (dot files,
 *	subdirectories).  Every store is freed, so ASan or valgrind report a
 *	leak in trust.c.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#define _POSIX_C_SOURCE 200809L	/* mkdtemp() */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "smime/smx_err.h"
#include "smime/trust.h"

#define ERRLEN	512
#define NOW	((time_t)1796083200)	/* 2026-12-01T00:00:00Z */

static char pathbuf[4][1024];

/* $srcdir/tests/data/NAME in one of four rotating buffers */
static const char *
data(const char *name)
{
	static unsigned next;
	const char *top = getenv("srcdir");
	char *p = pathbuf[next++ % 4];

	snprintf(p, sizeof(pathbuf[0]), "%s/tests/data/%s",
	    top != NULL && *top != '\0' ? top : ".", name);
	return p;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *p;
	long n;

	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(fp), 0);
	rewind(fp);
	ck_assert_ptr_nonnull(p = malloc((size_t)n + 1));
	ck_assert_uint_eq(fread(p, 1, (size_t)n, fp), (size_t)n);
	p[n] = '\0';
	fclose(fp);
	return p;
}

static X509 *
cert(const char *name)
{
	FILE *fp = fopen(data(name), "r");
	X509 *x;

	ck_assert_msg(fp != NULL, "%s: %s", name, strerror(errno));
	ck_assert_ptr_nonnull(x = PEM_read_X509(fp, NULL, NULL, NULL));
	fclose(fp);
	return x;
}

/* X509_verify_cert() of pki/certs/NAME against st at NOW: the error code. */
static int
verify_with(X509_STORE *st, const char *name)
{
	X509 *x = cert(name);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ok, err;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(X509_STORE_CTX_init(ctx, st, x, NULL), 1);
	X509_STORE_CTX_set_time(ctx, 0, NOW);
	ok = X509_verify_cert(ctx);
	err = X509_STORE_CTX_get_error(ctx);
	X509_STORE_CTX_free(ctx);
	X509_free(x);
	ck_assert_int_eq(ok == 1, err == X509_V_OK);
	return err;
}

static int
nobjects(X509_STORE *st)
{
	return sk_X509_OBJECT_num(X509_STORE_get0_objects(st));
}

/* --- a scratch directory ---------------------------------------------- */

static char tmpdir[512];

static void
setup_tmp(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/check_trust.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
}

static void
rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat sb;
	char p[1024];

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			rm_tree(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static void
teardown_tmp(void)
{
	if (tmpdir[0] != '\0')
		rm_tree(tmpdir);
	tmpdir[0] = '\0';
}

/* tmpdir/NAME in one of four rotating buffers */
static const char *
tmp(const char *name)
{
	static char p[4][1024];
	static unsigned next;
	char *q = p[next++ % 4];

	snprintf(q, sizeof(p[0]), "%s/%s", tmpdir, name);
	return q;
}

static const char *
put(const char *name, const char *content)
{
	const char *path = tmp(name);
	FILE *fp = fopen(path, "w");

	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_ge(fputs(content, fp), 0);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
}

/* Copy tests/data/FROM to tmpdir/NAME. */
static const char *
put_copy(const char *name, const char *from)
{
	char *s = slurp(data(from));
	const char *path = put(name, s);

	free(s);
	return path;
}

/* trust_load(path) must fail with code; err must be "path: " + tail. */
static void
assert_load_fails(const char *path, int code, const char *name, const char *tail)
{
	static int poison;
	char err[ERRLEN] = "", want[2048];
	X509_STORE *st = (X509_STORE *)(void *)&poison;	/* must be set to NULL */
	size_t count = 99;

	ck_assert_int_eq(trust_load(path, &st, &count, err, sizeof(err)), code);
	ck_assert_ptr_null(st);
	snprintf(want, sizeof(want), "%s: %s", name, tail);
	ck_assert_str_eq(err, want);
}

/* ------------------------------------------------------------------ */

START_TEST(test_file)
{
	X509_STORE *st = NULL;
	size_t count = 0;
	char err[ERRLEN] = "";

	ck_assert_int_eq(trust_load(data("trust/root.pem"), &st, &count, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(nobjects(st), 1);
	/* the anchor anchors: an issuing CA under it verifies, another does not */
	ck_assert_int_eq(verify_with(st, "pki/certs/rsa-ca.pem"), X509_V_OK);
	ck_assert_int_eq(verify_with(st, "pki/certs/ec-ca.pem"), X509_V_OK);
	ck_assert_int_eq(verify_with(st, "pki/certs/other-ca.pem"),
	    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
	X509_STORE_free(st);

	/* count is optional */
	st = NULL;
	ck_assert_int_eq(trust_load(data("trust/root.pem"), &st, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(st);
	X509_STORE_free(st);
}
END_TEST

START_TEST(test_dir)
{
	X509_STORE *st = NULL;
	size_t count = 0;
	char err[ERRLEN] = "";

	/* root-ca.pem and its rehash link 6951c368.0: one anchor */
	ck_assert_int_eq(trust_load(data("trust/dir"), &st, &count, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_ge(count, 1);
	ck_assert_int_eq(nobjects(st), 1);
	ck_assert_int_eq(verify_with(st, "pki/certs/rsa-ca.pem"), X509_V_OK);
	ck_assert_int_eq(verify_with(st, "pki/certs/other-ca.pem"),
	    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
	X509_STORE_free(st);

	/* a trailing slash is the same directory */
	st = NULL;
	ck_assert_int_eq(trust_load(data("trust/dir/"), &st, &count, err, sizeof(err)), 0);
	ck_assert_int_eq(nobjects(st), 1);
	X509_STORE_free(st);
}
END_TEST

/* Several certificates in one file: each is an anchor. */
START_TEST(test_bundle)
{
	char *a = slurp(data("pki/certs/root-ca.pem"));
	char *b = slurp(data("pki/certs/other-root-ca.pem"));
	char *both = malloc(strlen(a) + strlen(b) + 1);
	X509_STORE *st = NULL;
	size_t count = 0;
	char err[ERRLEN] = "";

	ck_assert_ptr_nonnull(both);
	strcpy(both, a);
	strcat(both, b);
	put("bundle.pem", both);
	ck_assert_int_eq(trust_load(tmp("bundle.pem"), &st, &count, err, sizeof(err)), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(nobjects(st), 2);
	ck_assert_int_eq(verify_with(st, "pki/certs/rsa-ca.pem"), X509_V_OK);
	ck_assert_int_eq(verify_with(st, "pki/certs/other-ca.pem"), X509_V_OK);
	X509_STORE_free(st);

	/* text around the PEM blocks (as in ca-certificates bundles) is fine */
	strcpy(both, "# Test Root\n");
	strcat(both, a);
	put("commented.pem", both);
	st = NULL;
	ck_assert_int_eq(trust_load(tmp("commented.pem"), &st, &count, err, sizeof(err)), 0);
	ck_assert_uint_eq(count, 1);
	X509_STORE_free(st);
	free(both);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_missing)
{
	static int poison;
	char tail[256];
	const char *path = tmp("no-such-file.pem");
	X509_STORE *st = (X509_STORE *)(void *)&poison;
	char err[ERRLEN] = "";

	snprintf(tail, sizeof(tail), "%s", strerror(ENOENT));
	assert_load_fails(path, SMX_ERR_IO, path, tail);
	/* errno kept */
	errno = 0;
	ck_assert_int_eq(trust_load(path, &st, NULL, err, sizeof(err)), SMX_ERR_IO);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(st);
	path = tmp("no-such-dir/root.pem");
	assert_load_fails(path, SMX_ERR_IO, path, tail);
	/* a component that is a file */
	put("file", "x");
	path = tmp("file/root.pem");
	snprintf(tail, sizeof(tail), "%s", strerror(ENOTDIR));
	assert_load_fails(path, SMX_ERR_IO, path, tail);
}
END_TEST

START_TEST(test_no_certificate)
{
	const char *path;

	path = put("text.pem", "This is not a certificate.\n");
	assert_load_fails(path, SMX_ERR_PARSE, path, "no PEM certificate in file");
	path = put("empty.pem", "");
	assert_load_fails(path, SMX_ERR_PARSE, path, "no PEM certificate in file");
	/* a private key is no certificate */
	path = put_copy("key.pem", "pki/keys/alice-rsa2048.key");
	assert_load_fails(path, SMX_ERR_PARSE, path, "no PEM certificate in file");
	/* a PEM block with a broken body */
	path = put("garbage.pem", "-----BEGIN CERTIFICATE-----\nAAAA!!!!\n"
	    "-----END CERTIFICATE-----\n");
	assert_load_fails(path, SMX_ERR_PARSE, path, "no PEM certificate in file");
}
END_TEST

/* A good certificate, then a broken one: the file is refused as a whole. */
START_TEST(test_broken_second)
{
	char *a = slurp(data("pki/certs/root-ca.pem"));
	char *b = slurp(data("pki/certs/other-root-ca.pem"));
	char *s = malloc(strlen(a) + strlen(b) + 1);
	const char *path;
	size_t keep;

	ck_assert_ptr_nonnull(s);
	strcpy(s, a);
	/* the second certificate cut in the middle of its base64 */
	keep = strlen(a) + strlen(b) / 2;
	strcat(s, b);
	s[keep] = '\0';
	path = put("broken.pem", s);
	assert_load_fails(path, SMX_ERR_PARSE, path, "broken PEM certificate");
	free(s);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_dir_errors)
{
	char err[ERRLEN] = "", want[1200];
	X509_STORE *st = NULL;
	const char *path;

	/* an empty directory holds no anchor */
	assert_load_fails(tmpdir, SMX_ERR_PARSE, tmpdir, "no certificate found");

	/* a broken *.pem next to a good one: the load fails, naming it */
	put_copy("root-ca.pem", "pki/certs/root-ca.pem");
	path = put("zz-broken.pem", "not PEM\n");
	snprintf(want, sizeof(want), "%s: no PEM certificate in file", path);
	ck_assert_int_eq(trust_load(tmpdir, &st, NULL, err, sizeof(err)), SMX_ERR_PARSE);
	ck_assert_ptr_null(st);
	ck_assert_str_eq(err, want);
}
END_TEST

/* What a directory load skips: dot files and subdirectories. */
START_TEST(test_dir_skips)
{
	X509_STORE *st = NULL;
	size_t count = 0;
	char err[ERRLEN] = "";

	put_copy("root-ca.pem", "pki/certs/root-ca.pem");
	put(".hidden.pem", "not PEM\n");
	ck_assert_int_eq(mkdir(tmp("sub"), 0700), 0);
	put("sub/bad.pem", "not PEM\n");
	put_copy("sub/other-root-ca.pem", "pki/certs/other-root-ca.pem");
	ck_assert_int_eq(trust_load(tmpdir, &st, &count, err, sizeof(err)), 0);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(nobjects(st), 1);
	ck_assert_int_eq(verify_with(st, "pki/certs/other-ca.pem"),
	    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
	X509_STORE_free(st);

	/* *.crt and hashed names are read */
	put_copy("other.crt", "pki/certs/other-root-ca.pem");
	put_copy("6951c368.0", "pki/certs/root-ca.pem");
	st = NULL;
	ck_assert_int_eq(trust_load(tmpdir, &st, &count, err, sizeof(err)), 0);
	ck_assert_uint_ge(count, 2);
	ck_assert_int_eq(nobjects(st), 2);
	ck_assert_int_eq(verify_with(st, "pki/certs/other-ca.pem"), X509_V_OK);
	X509_STORE_free(st);
}
END_TEST

/*
 * trust.h: "a directory whose *.pem, *.crt and hashed (c_rehash) files are
 * read".  trust.c reads every regular file, so a README, a key or a CRL
 * beside the anchors makes the whole load fail with SMX_ERR_PARSE.
 */
START_TEST(test_dir_other_files)
{
	X509_STORE *st = NULL;
	size_t count = 0;
	char err[ERRLEN] = "";

	put_copy("root-ca.pem", "pki/certs/root-ca.pem");
	put("README", "These are our trust anchors.\n");
	put_copy("alice.key", "pki/keys/alice-rsa2048.key");
	ck_assert_msg(trust_load(tmpdir, &st, &count, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(count, 1);
	X509_STORE_free(st);
}
END_TEST

START_TEST(test_unreadable)
{
	const char *path;
	char tail[256];

	if (geteuid() == 0)
		return;		/* root reads anything */
	path = put_copy("root-ca.pem", "pki/certs/root-ca.pem");
	ck_assert_int_eq(chmod(path, 0), 0);
	snprintf(tail, sizeof(tail), "%s", strerror(EACCES));
	assert_load_fails(path, SMX_ERR_IO, path, tail);
}
END_TEST

START_TEST(test_err_buffer)
{
	char err[8];
	X509_STORE *st = NULL;
	const char *path = put("text.pem", "nothing\n");

	memset(err, 'x', sizeof(err));
	ck_assert_int_eq(trust_load(path, &st, NULL, err, sizeof(err)), SMX_ERR_PARSE);
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
	ck_assert_int_eq(strncmp(err, path, sizeof(err) - 1), 0);
	/* no buffer at all */
	ck_assert_int_eq(trust_load(path, &st, NULL, NULL, 0), SMX_ERR_PARSE);
	ck_assert_int_eq(trust_load(tmp("missing"), &st, NULL, NULL, 0), SMX_ERR_IO);
	ck_assert_ptr_null(st);
}
END_TEST

static Suite *
trust_suite(void)
{
	Suite *s = suite_create("trust");
	TCase *tc;

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup_tmp, teardown_tmp);
	tcase_add_test(tc, test_file);
	tcase_add_test(tc, test_dir);
	tcase_add_test(tc, test_bundle);
	tcase_add_test(tc, test_dir_skips);
	tcase_add_test(tc, test_dir_other_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup_tmp, teardown_tmp);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_no_certificate);
	tcase_add_test(tc, test_broken_second);
	tcase_add_test(tc, test_dir_errors);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_err_buffer);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(trust_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
