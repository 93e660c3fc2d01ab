/*
 * NAME
 *	check_conf - unit tests of conf/ (loading, validation, snapshots)
 * SYNOPSIS
 *	srcdir=TOP ./check_conf
 * DESCRIPTION
 *	Loads the files in $srcdir/tests/data/conf/ (srcdir defaults to ".")
 *	and conf/smimilter.conf.sample, and checks values, the exact error
 *	lines ("FILE:LINE: KEY: what (expected ...)"), the key descriptions
 *	and the reference counting.  Error lines are compared whole because
 *	admins and scripts read them: a change of wording is a change of
 *	interface and should show up here.
 * OWNERSHIP
 *	Every snapshot a test loads it also unrefs, so a run under ASan or
 *	valgrind reports any leak in conf/.
 * DIAGNOSTICS
 *	Exit 0 when every test passes, 1 otherwise (Check's report on stdout).
 */
#define _POSIX_C_SOURCE 200809L	/* mkstemp(), fdopen(), pthreads */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "conf/conf.h"
#include "conf/conf_keys.h"
#include "smime/limits.h"

#define ERRLEN	512

static char pathbuf[4][1024];

/* $srcdir/tests/data/conf/NAME in one of four rotating buffers */
static const char *
data(const char *name)
{
	static unsigned next;
	const char *top = getenv("srcdir");
	char *p = pathbuf[next++ % 4];

	snprintf(p, sizeof(pathbuf[0]), "%s/tests/data/conf/%s",
	    top != NULL && *top != '\0' ? top : ".", name);
	return p;
}

static const char *
sample(void)
{
	static char p[1024];
	const char *top = getenv("srcdir");

	snprintf(p, sizeof(p), "%s/conf/smimilter.conf.sample",
	    top != NULL && *top != '\0' ? top : ".");
	return p;
}

static struct conf *
load_ok(const char *path)
{
	char err[ERRLEN] = "untouched";
	struct conf *c = conf_load(path, err, sizeof(err));

	ck_assert_msg(c != NULL, "%s: %s", path != NULL ? path : "(defaults)", err);
	ck_assert_str_eq(err, "");
	return c;
}

static size_t
limit(const struct conf *c, const char *key)
{
	for (size_t i = 0; i < limits_count; i++)
		if (strcmp(limits_table[i].key, key) == 0)
			return limits_get(&c->limits, &limits_table[i]);
	ck_abort_msg("no limit %s", key);
	return 0;
}

/*
 * Does key k of c hold its default?  Walks the key table, so a key added
 * later is covered without touching this test.
 */
static int
is_default(const struct conf *c, const struct conf_key *k)
{
	const char *f = (const char *)c + k->offset;

	switch (k->type) {
	case CONF_BOOLEAN:
		return *(const int *)f == k->def.b;
	case CONF_INTEGER:
		return *(const long *)f == k->def.l;
	case CONF_SIZE:
		return *(const size_t *)f == k->def.z;
	case CONF_STRING:
	case CONF_PATH: {
		const char *v = *(const char *const *)f;

		return k->def.s == NULL ? v == NULL : (v != NULL && strcmp(v, k->def.s) == 0);
	}
	default:
		ck_abort_msg("%s: type %d not known to this test", k->name, (int)k->type);
		return 0;
	}
}

static void
assert_defaults(const struct conf *c, int skip_nodefault)
{
	struct conf_key k;

	for (size_t i = 0; i < conf_keys_count(); i++) {
		ck_assert_int_eq(conf_keys_get(i, &k), 0);
		if (skip_nodefault && (k.type == CONF_STRING || k.type == CONF_PATH) &&
		    k.def.s == NULL)
			continue;
		ck_assert_msg(is_default(c, &k), "%s is not at its default", k.name);
	}
}

/* Load data file NAME, which must fail with "PATH" + tail. */
static void
assert_fails(const char *name, const char *tail)
{
	char err[ERRLEN], want[ERRLEN + 1024];
	const char *path = data(name);
	struct conf *c = conf_load(path, err, sizeof(err));

	ck_assert_msg(c == NULL, "%s loaded", name);
	snprintf(want, sizeof(want), "%s%s", path, tail);
	ck_assert_str_eq(err, want);
}

struct bad {
	const char *file;
	const char *tail;	/* the error after "PATH" */
};

#define EXP_BOOL	" (expected boolean: true or false)"
#define EXP_SKEW	" (expected integer, allowed range 0..86400)"
#define EXP_SIZE	" (expected size: a number, or a string with suffix k, M or G, allowed range "
#define EXP_PATH	" (expected path: a non-empty string)"

/* ------------------------------------------------------------------ */

START_TEST(test_defaults)
{
	struct conf *c = load_ok(NULL);
	struct smx_limits l;

	ck_assert_ptr_null(c->file);
	ck_assert_ptr_null(c->trust_anchors);
	ck_assert_int_eq(c->signing_time_skew, 300);
	ck_assert_int_eq(c->allow_sha1, 0);
	ck_assert_int_eq(c->allow_md5, 0);
	ck_assert_int_eq(c->require_from_match, 0);
	limits_default(&l);
	for (size_t i = 0; i < limits_count; i++)
		ck_assert_uint_eq(limits_get(&c->limits, &limits_table[i]),
		    limits_get(&l, &limits_table[i]));
	assert_defaults(c, 0);
	conf_unref(c);
}
END_TEST

START_TEST(test_empty_file)
{
	const char *path = data("empty.conf");
	struct conf *c = load_ok(path);

	ck_assert_str_eq(c->file, path);
	assert_defaults(c, 0);
	conf_unref(c);
}
END_TEST

START_TEST(test_good_all)
{
	struct conf *c = load_ok(data("good-all.conf"));

	ck_assert_str_eq(c->trust_anchors, "/etc/smimilter/anchors.pem");
	ck_assert_int_eq(c->signing_time_skew, 600);
	ck_assert_int_eq(c->allow_sha1, 1);
	ck_assert_int_eq(c->allow_md5, 1);
	ck_assert_int_eq(c->require_from_match, 1);
	ck_assert_uint_eq(limit(c, "MaxNestingDepth"), 10);
	ck_assert_uint_eq(limit(c, "MaxParts"), 100);		/* 100L */
	ck_assert_uint_eq(limit(c, "MaxChainLength"), 10);	/* 0x0A */
	ck_assert_uint_eq(limit(c, "MaxCertificates"), 20);	/* +20 */
	ck_assert_uint_eq(limit(c, "MaxSigners"), 16);		/* untouched */
	conf_unref(c);
}
END_TEST

START_TEST(test_good_bounds)
{
	struct conf *c = load_ok(data("good-bounds.conf"));

	ck_assert_int_eq(c->signing_time_skew, 0);
	ck_assert_uint_eq(limit(c, "MaxNestingDepth"), 2);
	ck_assert_uint_eq(limit(c, "MaxParts"), 1000000);
	conf_unref(c);
}
END_TEST

START_TEST(test_good_case)
{
	struct conf *c = load_ok(data("good-case.conf"));

	ck_assert_int_eq(c->allow_sha1, 1);
	ck_assert_uint_eq(limit(c, "MaxParts"), 7);
	ck_assert_int_eq(c->signing_time_skew, 5);	/* `key: value` works too */
	conf_unref(c);
}
END_TEST

START_TEST(test_good_multiline)
{
	struct conf *c = load_ok(data("good-multiline.conf"));

	ck_assert_int_eq(c->signing_time_skew, 120);
	ck_assert_int_eq(c->allow_sha1, 1);
	ck_assert_int_eq(c->allow_md5, 1);
	ck_assert_uint_eq(limit(c, "MaxParts"), 9);
	conf_unref(c);
}
END_TEST

START_TEST(test_size_suffixes)
{
	struct conf *c = load_ok(data("good-sizes.conf"));

	ck_assert_uint_eq(limit(c, "MaxCMSBytes"), 32u * 1024 * 1024);
	ck_assert_uint_eq(limit(c, "MaxHeaderBytes"), 64u * 1024);
	ck_assert_uint_eq(limit(c, "MaxHeaderLine"), 1024);		/* "1K" */
	ck_assert_uint_eq(limit(c, "MaxParts"), 5000);		/* "5000" */
	ck_assert_uint_eq(limit(c, "MaxBoundaryLength"), 1024);
	ck_assert_uint_eq(limit(c, "MaxCertificates"), 64);
	conf_unref(c);

	c = load_ok(data("good-size-g.conf"));
	ck_assert_uint_eq(limit(c, "MaxCMSBytes"), 1024u * 1024 * 1024);	/* "1g" */
	ck_assert_uint_eq(limit(c, "MaxHeaderBytes"), 2u * 1024 * 1024);	/* "2m" */
	conf_unref(c);
}
END_TEST

START_TEST(test_path_relative)
{
	const char *path = data("good-relpath.conf");
	char want[1100];
	struct conf *c = load_ok(path);

	/* relative to the config file's directory, not to the cwd */
	snprintf(want, sizeof(want), "%s", path);
	strcpy(strrchr(want, '/') + 1, "anchors/roots.pem");
	ck_assert_str_eq(c->trust_anchors, want);
	conf_unref(c);
}
END_TEST

static const struct bad bad_bool[] = {
	{ "bad-bool-int.conf", ":2: AllowSHA1: wrong type: integer" EXP_BOOL },
	{ "bad-bool-string.conf", ":3: AllowMD5: wrong type: string" EXP_BOOL },
};

START_TEST(test_bad_boolean)
{
	assert_fails(bad_bool[_i].file, bad_bool[_i].tail);
}
END_TEST

static const struct bad bad_int[] = {
	{ "bad-int-string.conf", ":1: SigningTimeSkew: wrong type: string" EXP_SKEW },
	{ "bad-int-float.conf", ":1: SigningTimeSkew: wrong type: float" EXP_SKEW },
	{ "bad-int-bool.conf", ":1: SigningTimeSkew: wrong type: boolean" EXP_SKEW },
	{ "bad-int-high.conf", ":2: SigningTimeSkew: 86401 is out of range" EXP_SKEW },
	{ "bad-int-low.conf", ":2: SigningTimeSkew: -1 is out of range" EXP_SKEW },
	{ "bad-int64-range.conf", ":1: SigningTimeSkew: 86401 is out of range" EXP_SKEW },
	/* libconfig 1.5 wraps these two to 300; we read the literal */
	{ "bad-int-wrap.conf", ":2: SigningTimeSkew: 4294967596 is out of range" EXP_SKEW },
	{ "bad-int-hexwrap.conf", ":1: SigningTimeSkew: 4294967596 is out of range" EXP_SKEW },
	{ "bad-int-wrap-comment.conf",
	  ":2: SigningTimeSkew: 4294967596 is out of range" EXP_SKEW },
	{ "bad-int-huge.conf",
	  ":1: SigningTimeSkew: 99999999999999999999 is out of range" EXP_SKEW },
};

START_TEST(test_bad_integer)
{
	assert_fails(bad_int[_i].file, bad_int[_i].tail);
}
END_TEST

static const struct bad bad_size[] = {
	{ "bad-size-low.conf", ":2: MaxNestingDepth: 1 is out of range" EXP_SIZE "2..1000)" },
	{ "bad-size-high.conf", ":1: MaxChainLength: 101 is out of range" EXP_SIZE "2..100)" },
	{ "bad-size-negative.conf", ":1: MaxParts: -5 is out of range" EXP_SIZE "1..1000000)" },
	{ "bad-size-float.conf", ":1: MaxParts: wrong type: float" EXP_SIZE "1..1000000)" },
	{ "bad-size-bool.conf", ":1: MaxParts: wrong type: boolean" EXP_SIZE "1..1000000)" },
	{ "bad-size-array.conf", ":1: MaxParts: wrong type: array" EXP_SIZE "1..1000000)" },
	{ "bad-size-suffix.conf",
	  ":2: MaxCMSBytes: \"32Q\" is not a size" EXP_SIZE "4096..1073741824)" },
	{ "bad-size-space.conf",
	  ":1: MaxCMSBytes: \" 32M\" is not a size" EXP_SIZE "4096..1073741824)" },
	{ "bad-size-empty.conf",
	  ":1: MaxCMSBytes: \"\" is not a size" EXP_SIZE "4096..1073741824)" },
	{ "bad-size-twosuffix.conf",
	  ":1: MaxCMSBytes: \"32MB\" is not a size" EXP_SIZE "4096..1073741824)" },
	{ "bad-size-strrange.conf",
	  ":2: MaxCMSBytes: \"2G\" is out of range" EXP_SIZE "4096..1073741824)" },
	{ "bad-size-overflow.conf",
	  ":1: MaxCMSBytes: \"99999999999999999999G\" is out of range" EXP_SIZE "4096..1073741824)" },
	/* libconfig 1.5 wraps this to 4096, which would pass */
	{ "bad-size-wrap.conf",
	  ":2: MaxCMSBytes: 4294971392 is out of range" EXP_SIZE "4096..1073741824)" },
};

START_TEST(test_bad_size)
{
	assert_fails(bad_size[_i].file, bad_size[_i].tail);
}
END_TEST

static const struct bad bad_string[] = {
	{ "bad-string-int.conf", ":1: TrustAnchors: wrong type: integer" EXP_PATH },
	{ "bad-path-empty.conf", ":1: TrustAnchors: empty path" EXP_PATH },
};

START_TEST(test_bad_path)
{
	assert_fails(bad_string[_i].file, bad_string[_i].tail);
}
END_TEST

static const struct bad bad_keys[] = {
	{ "bad-unknown.conf", ":3: AllowSHA256: unknown key" },
	{ "bad-unknown-group.conf", ":1: Policy: unknown key" },
	/* found by libconfig, which names no key: we find it in the text */
	{ "bad-dup.conf", ":4: AllowSHA1: given twice (first at line 2)" },
	{ "bad-dup-sameline.conf", ":2: AllowSHA1: given twice (first at line 2)" },
	{ "bad-dup-decoy.conf", ":3: AllowSHA1: given twice (first at line 2)" },
	/* found by us: names match without case */
	{ "bad-dup-case.conf", ":4: AllowSHA1: given twice (first at line 2)" },
};

START_TEST(test_bad_keys)
{
	assert_fails(bad_keys[_i].file, bad_keys[_i].tail);
}
END_TEST

static const struct bad bad_syntax[] = {
	{ "bad-syntax.conf", ":3: syntax error" },
	{ "bad-syntax-semicolon.conf", ":2: syntax error" },
	{ "bad-include.conf", ":2: cannot open include file" },
};

START_TEST(test_bad_syntax)
{
	assert_fails(bad_syntax[_i].file, bad_syntax[_i].tail);
}
END_TEST

START_TEST(test_unreadable)
{
	char tail[256];

	snprintf(tail, sizeof(tail), ": %s", strerror(ENOENT));
	assert_fails("no-such-file.conf", tail);
	/* data("") is the directory: it opens but does not read, and must
	 * not load as the defaults */
	snprintf(tail, sizeof(tail), ": %s", strerror(EISDIR));
	assert_fails("", tail);
}
END_TEST

START_TEST(test_error_buffer)
{
	char err[8];

	/* no buffer: still NULL, no crash */
	ck_assert_ptr_null(conf_load(data("bad-dup.conf"), NULL, 0));
	ck_assert_ptr_null(conf_load(data("bad-dup.conf"), err, 0));
	/* short buffer: truncated, terminated */
	memset(err, 'x', sizeof(err));
	ck_assert_ptr_null(conf_load(data("bad-dup.conf"), err, sizeof(err)));
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
	ck_assert_int_eq(strncmp(err, data("bad-dup.conf"), sizeof(err) - 1), 0);
}
END_TEST

START_TEST(test_sample_loads_to_defaults)
{
	struct conf *c = load_ok(sample());

	assert_defaults(c, 0);
	conf_unref(c);
}
END_TEST

/*
 * The sample's `#Key = value;` lines, uncommented, must give the defaults
 * too: the values it shows are the real ones.  Keys without a default
 * show an example value instead and are skipped.
 */
START_TEST(test_sample_values_are_defaults)
{
	char line[1024], tmp[256];
	const char *dir = getenv("TMPDIR");
	FILE *in, *out;
	int fd;
	struct conf *c;

	snprintf(tmp, sizeof(tmp), "%s/check_conf.XXXXXX", dir != NULL ? dir : "/tmp");
	ck_assert_int_ge(fd = mkstemp(tmp), 0);
	ck_assert_ptr_nonnull(out = fdopen(fd, "w"));
	ck_assert_ptr_nonnull(in = fopen(sample(), "r"));
	while (fgets(line, sizeof(line), in) != NULL) {
		size_t n = strspn(line + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-");

		fputs(line[0] == '#' && n > 0 && strncmp(line + 1 + n, " = ", 3) == 0 ?
		    line + 1 : line, out);
	}
	fclose(in);
	fclose(out);
	c = load_ok(tmp);
	unlink(tmp);
	assert_defaults(c, 1);
	ck_assert_ptr_nonnull(c->trust_anchors);	/* the example was read */
	conf_unref(c);
}
END_TEST

START_TEST(test_sample_names_every_key)
{
	char line[1024], want[256];
	FILE *in;
	struct conf_key_info k;
	int found;

	for (size_t i = 0; i < conf_key_count(); i++) {
		conf_key_describe(i, &k);
		snprintf(want, sizeof(want), "#%s = ", k.name);
		ck_assert_ptr_nonnull(in = fopen(sample(), "r"));
		found = 0;
		while (!found && fgets(line, sizeof(line), in) != NULL)
			found = strncmp(line, want, strlen(want)) == 0;
		fclose(in);
		ck_assert_msg(found, "the sample has no line \"%s...\"", want);
	}
}
END_TEST

START_TEST(test_describe)
{
	struct conf_key_info k, k2;
	struct conf_key ck;
	size_t n = conf_key_count(), nlim = 0;

	ck_assert_uint_eq(n, 5 + limits_count);
	ck_assert_uint_le(n, CONF_KEYS_MAX);
	for (size_t i = 0; i < n; i++) {
		conf_key_describe(i, &k);
		ck_assert_msg(k.name[0] != '\0' && k.type[0] != '\0' && k.doc[0] != '\0',
		    "key %zu incompletely described", i);
		ck_assert_uint_eq(conf_keys_find(k.name), i);
		for (size_t j = i + 1; j < n; j++) {
			conf_key_describe(j, &k2);
			ck_assert_msg(conf_keys_namecmp(k.name, k2.name) != 0,
			    "%s declared twice", k.name);
		}
	}
	/* every limit is a size key with its own default and range */
	for (size_t j = 0; j < limits_count; j++) {
		const struct smx_limit_def *l = &limits_table[j];
		size_t i = conf_keys_find(l->key);
		char def[32], range[64];

		ck_assert_uint_lt(i, n);
		conf_key_describe(i, &k);
		snprintf(def, sizeof(def), "%zu", l->def);
		snprintf(range, sizeof(range), "%zu..%zu", l->min, l->max);
		ck_assert_str_eq(k.type, "size");
		ck_assert_str_eq(k.def, def);
		ck_assert_str_eq(k.range, range);
		ck_assert_str_eq(k.doc, l->doc);
		ck_assert_int_eq(conf_keys_get(i, &ck), 0);
		ck_assert_uint_eq(ck.offset, offsetof(struct conf, limits) + l->offset);
		nlim++;
	}
	ck_assert_uint_eq(nlim, limits_count);

	conf_key_describe(conf_keys_find("SigningTimeSkew"), &k);
	ck_assert_str_eq(k.type, "integer");
	ck_assert_str_eq(k.def, "300");
	ck_assert_str_eq(k.range, "0..86400");
	conf_key_describe(conf_keys_find("allowsha1"), &k);
	ck_assert_str_eq(k.name, "AllowSHA1");
	ck_assert_str_eq(k.type, "boolean");
	ck_assert_str_eq(k.def, "false");
	ck_assert_str_eq(k.range, "");
	conf_key_describe(conf_keys_find("TrustAnchors"), &k);
	ck_assert_str_eq(k.type, "path");
	ck_assert_str_eq(k.def, "");

	/* past the end: empty strings, never garbage */
	conf_key_describe(n, &k);
	ck_assert_str_eq(k.name, "");
	ck_assert_str_eq(k.range, "");
	ck_assert_int_eq(conf_keys_get(n, &ck), -1);
	ck_assert_uint_eq(conf_keys_find("NoSuchKey"), n);
}
END_TEST

START_TEST(test_refcount)
{
	struct conf *c = load_ok(data("good-all.conf"));

	ck_assert_ptr_eq(conf_ref(c), c);
	ck_assert_ptr_eq(conf_ref(c), c);
	conf_unref(c);
	conf_unref(c);
	/* still alive with one reference: its strings are readable */
	ck_assert_str_eq(c->trust_anchors, "/etc/smimilter/anchors.pem");
	conf_unref(c);		/* the last: frees, ASan/valgrind check */
	conf_unref(NULL);
	ck_assert_ptr_null(conf_ref(NULL));
}
END_TEST

#define NTHREADS	8
#define NROUNDS		20000

/*
 * pthreads, not C11 thrd_create(): the milter's threads are libmilter's
 * pthreads, and ThreadSanitizer (GCC 12) cannot follow thrd_create().
 */
static void *
hammer(void *arg)
{
	struct conf *c = arg;
	void *res = NULL;
	struct conf_key_info k;

	for (int i = 0; i < NROUNDS; i++) {
		struct conf *mine = conf_ref(c);

		if (mine->signing_time_skew != 600)
			res = arg;
		conf_unref(mine);
	}
	conf_key_describe(0, &k);	/* the lazily built texts, from many threads */
	/* each thread was handed a reference of its own; drop it */
	conf_unref(c);
	return res;
}

START_TEST(test_refcount_threads)
{
	struct conf *c = load_ok(data("good-all.conf"));
	pthread_t t[NTHREADS];
	void *res;

	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, hammer, conf_ref(c)), 0);
	/* the loader's reference goes first: the last thread frees */
	conf_unref(c);
	for (int i = 0; i < NTHREADS; i++) {
		ck_assert_int_eq(pthread_join(t[i], &res), 0);
		ck_assert_ptr_null(res);
	}
}
END_TEST

static Suite *
conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc;

	tc = tcase_create("load");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_good_all);
	tcase_add_test(tc, test_good_bounds);
	tcase_add_test(tc, test_good_case);
	tcase_add_test(tc, test_good_multiline);
	tcase_add_test(tc, test_size_suffixes);
	tcase_add_test(tc, test_path_relative);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad_boolean, 0, (int)(sizeof(bad_bool) / sizeof(bad_bool[0])));
	tcase_add_loop_test(tc, test_bad_integer, 0, (int)(sizeof(bad_int) / sizeof(bad_int[0])));
	tcase_add_loop_test(tc, test_bad_size, 0, (int)(sizeof(bad_size) / sizeof(bad_size[0])));
	tcase_add_loop_test(tc, test_bad_path, 0, (int)(sizeof(bad_string) / sizeof(bad_string[0])));
	tcase_add_loop_test(tc, test_bad_keys, 0, (int)(sizeof(bad_keys) / sizeof(bad_keys[0])));
	tcase_add_loop_test(tc, test_bad_syntax, 0, (int)(sizeof(bad_syntax) / sizeof(bad_syntax[0])));
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_error_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_sample_loads_to_defaults);
	tcase_add_test(tc, test_sample_values_are_defaults);
	tcase_add_test(tc, test_sample_names_every_key);
	suite_add_tcase(s, tc);

	tc = tcase_create("refcount");
	tcase_add_test(tc, test_refcount);
	tcase_add_test(tc, test_refcount_threads);
	tcase_set_timeout(tc, 60);	/* valgrind serialises the threads */
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(conf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
