/*
 * NAME
 *	check_conf - unit tests of conf/ (loading, validation, snapshots)
 * SYNOPSIS
 *	srcdir=TOP ./check_conf
 * DESCRIPTION
 *	Loads the files in $srcdir/tests/data/conf/ (srcdir defaults to ".")
 *	and conf/smimilter.conf.sample, and checks values, the exact error
 *	lines ("FILE:LINE: KEY: what (expected ...)"), the key descriptions,
 *	the string checks of conf_check.c and the reference counting.  Error lines are compared whole because
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
#include "conf/conf_check.h"
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
	case CONF_ENUM:
		return *(const int *)f == k->def.l;
	case CONF_LIST: {
		const struct conf_list *l = (const struct conf_list *)f;
		size_t i = 0;

		for (; k->def.v != NULL && k->def.v[i] != NULL; i++)
			if (i >= l->n || strcmp(l->v[i], k->def.v[i]) != 0)
				return 0;
		return i == l->n && l->v != NULL && l->v[l->n] == NULL;
	}
	case CONF_GROUP_LIST:
		return *(void *const *)f == NULL &&
		    *(const size_t *)((const char *)c + k->count_offset) == 0;
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
#define EXP_ACTION	" (expected string, one of accept|tag|quarantine|tempfail|reject)"
#define EXP_HOSTS	" (expected array or list of strings, each ADDRESS|ADDRESS/PREFIX)"
#define EXP_UMASK	" (expected integer, allowed range 0..0777)"
#define EXP_SOCKET	" (expected string, form unix:/PATH|local:/PATH|/PATH|inet:PORT|" \
			"inet:PORT@HOST|inet6:PORT@HOST)"
#define EXP_FIELD	" (expected string, form header field name)"
#define EXP_DOMAIN	" (expected string, form DOMAIN|.DOMAIN)"
#define EXP_GROUPS	" (expected list of groups, members Domain, OnUnsigned, OnFail, " \
			"OnPolicy, OnPermerror, OnTemperror, OnNeutral, OnBRFail, OnBRWarn, OnBRNone)"

/* indexes into conf_action_words[], as enum decide_action */
enum { A_ACCEPT, A_TAG, A_QUARANTINE, A_TEMPFAIL, A_REJECT };

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
	ck_assert_str_eq(c->socket, "unix:/run/smimilter/smimilter.sock");
	ck_assert_ptr_null(c->user_id);
	ck_assert_int_eq(c->umask, 007);
	ck_assert_ptr_null(c->pid_file);
	ck_assert_int_eq(c->syslog, 1);
	ck_assert_int_eq(c->syslog_facility, 0);	/* mail */
	ck_assert_int_eq(c->syslog_success, 0);
	ck_assert_int_eq(c->log_why, 0);
	ck_assert_ptr_null(c->authserv_id);
	ck_assert_uint_eq(c->internal_hosts.n, 2);
	ck_assert_str_eq(c->internal_hosts.v[0], "127.0.0.1");
	ck_assert_str_eq(c->internal_hosts.v[1], "::1");
	ck_assert_ptr_null(c->internal_hosts.v[2]);
	ck_assert_int_eq(c->exempt_internal, 1);
	ck_assert_int_eq(c->exempt_authenticated, 1);
	ck_assert_uint_eq(c->max_message_size, 64u * 1024 * 1024);
	ck_assert_int_eq(c->software_header, 0);
	ck_assert_str_eq(c->br_header_name, "SMIME-BR-Compliance");
	ck_assert_int_eq(c->on_internal_error, A_TEMPFAIL);
	for (int i = 0; i < CONF_NCLASSES; i++)	/* temperror is class 4 */
		ck_assert_int_eq(c->on[i], i == 4 ? A_TEMPFAIL : A_TAG);
	ck_assert_ptr_null(c->sender_policies);
	ck_assert_uint_eq(c->nsender_policies, 0);
	ck_assert_ptr_null(c->recipient_policies);
	ck_assert_uint_eq(c->nrecipient_policies, 0);
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


START_TEST(test_good_daemon)
{
	static const int on[CONF_NCLASSES] = { A_ACCEPT, A_REJECT, A_QUARANTINE,
		A_TEMPFAIL, A_TAG, A_REJECT, A_QUARANTINE, A_ACCEPT, A_TEMPFAIL };
	struct conf *c = load_ok(data("good-daemon.conf"));

	ck_assert_str_eq(c->socket, "inet:8891@localhost");
	ck_assert_str_eq(c->user_id, "smimilter:postfix");
	ck_assert_int_eq(c->umask, 027);		/* octal, not 27 */
	ck_assert_str_eq(c->pid_file, "/run/smimilter/smimilter.pid");
	ck_assert_int_eq(c->syslog, 0);
	ck_assert_int_eq(c->syslog_facility, 6);	/* "LOCAL3" */
	ck_assert_str_eq(conf_facility_words[c->syslog_facility], "local3");
	ck_assert_int_eq(c->syslog_success, 1);
	ck_assert_int_eq(c->log_why, 1);
	ck_assert_str_eq(c->authserv_id, "mx.example.com");
	ck_assert_int_eq(c->software_header, 1);
	ck_assert_str_eq(c->br_header_name, "X-SMIME-BR");
	ck_assert_uint_eq(c->max_message_size, 0);
	ck_assert_uint_eq(c->internal_hosts.n, 3);
	ck_assert_str_eq(c->internal_hosts.v[0], "10.0.0.0/8");
	ck_assert_str_eq(c->internal_hosts.v[1], "2001:db8::/32");
	ck_assert_str_eq(c->internal_hosts.v[2], "192.0.2.1");
	ck_assert_ptr_null(c->internal_hosts.v[3]);
	ck_assert_int_eq(c->exempt_internal, 0);
	ck_assert_int_eq(c->exempt_authenticated, 0);
	ck_assert_int_eq(c->on_internal_error, A_ACCEPT);
	for (int i = 0; i < CONF_NCLASSES; i++)
		ck_assert_msg(c->on[i] == on[i], "class %d: %d", i, c->on[i]);
	conf_unref(c);
}
END_TEST

START_TEST(test_good_policies)
{
	struct conf *c = load_ok(data("good-policies.conf"));
	const struct conf_domain_policy *p;

	ck_assert_uint_eq(c->nsender_policies, 2);
	p = &c->sender_policies[0];
	ck_assert_str_eq(p->domain, "example.com");
	for (int i = 0; i < CONF_NCLASSES; i++)	/* unsigned, fail, br_fail */
		ck_assert_int_eq(p->on[i], i == 0 || i == 1 || i == 6 ? A_REJECT : CONF_ACTION_UNSET);
	p = &c->sender_policies[1];
	ck_assert_str_eq(p->domain, ".example.net");	/* "domain", any case */
	for (int i = 0; i < CONF_NCLASSES; i++)
		ck_assert_int_eq(p->on[i], i == 8 ? A_QUARANTINE : CONF_ACTION_UNSET);
	ck_assert_uint_eq(c->nrecipient_policies, 1);
	p = &c->recipient_policies[0];
	ck_assert_str_eq(p->domain, "finance.example.org");
	for (int i = 0; i < CONF_NCLASSES; i++)
		ck_assert_int_eq(p->on[i], i == 6 ? A_QUARANTINE : CONF_ACTION_UNSET);
	/* the global actions are untouched */
	ck_assert_int_eq(c->on[0], A_TAG);
	conf_unref(c);
}
END_TEST

START_TEST(test_good_empty_lists)
{
	struct conf *c = load_ok(data("good-empty-lists.conf"));

	ck_assert_uint_eq(c->internal_hosts.n, 0);
	ck_assert_ptr_nonnull(c->internal_hosts.v);	/* NULL-terminated, empty */
	ck_assert_ptr_null(c->internal_hosts.v[0]);
	ck_assert_uint_eq(c->nsender_policies, 0);
	ck_assert_uint_eq(c->nrecipient_policies, 0);
	conf_unref(c);
}
END_TEST

START_TEST(test_good_other_forms)
{
	struct conf *c = load_ok(data("good-umask.conf"));

	ck_assert_int_eq(c->umask, 0x1F);			/* hex */
	ck_assert_str_eq(c->socket, "/var/run/smimilter.sock");
	ck_assert_uint_eq(c->max_message_size, 2048u * 1024 * 1024);	/* the maximum */
	conf_unref(c);

	c = load_ok(data("good-sockets-inet6.conf"));
	ck_assert_str_eq(c->socket, "inet6:8891@[::1]");
	ck_assert_uint_eq(c->internal_hosts.n, 3);
	ck_assert_str_eq(c->internal_hosts.v[2], "::/0");
	conf_unref(c);
}
END_TEST

/* The words are an interface: policy/ and milter/ index them. */
START_TEST(test_words)
{
	static const char *const act[] = { "accept", "tag", "quarantine", "tempfail", "reject" };
	static const char *const fac[] = { "mail", "daemon", "user", "local0", "local1",
		"local2", "local3", "local4", "local5", "local6", "local7" };

	for (size_t i = 0; i < sizeof(act) / sizeof(act[0]); i++)
		ck_assert_str_eq(conf_action_words[i], act[i]);
	ck_assert_ptr_null(conf_action_words[sizeof(act) / sizeof(act[0])]);
	for (size_t i = 0; i < sizeof(fac) / sizeof(fac[0]); i++)
		ck_assert_str_eq(conf_facility_words[i], fac[i]);
	ck_assert_ptr_null(conf_facility_words[sizeof(fac) / sizeof(fac[0])]);
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

static const struct bad bad_enum[] = {
	{ "bad-enum-word.conf", ":2: OnFail: \"rejct\" is not allowed" EXP_ACTION },
	{ "bad-enum-int.conf", ":1: OnFail: wrong type: integer" EXP_ACTION },
	{ "bad-enum-excluded.conf", ":2: OnInternalError: \"quarantine\" is not allowed"
	  " (expected string, one of accept|tag|tempfail|reject)" },
	{ "bad-facility.conf", ":1: SyslogFacility: \"local8\" is not allowed (expected "
	  "string, one of mail|daemon|user|local0|local1|local2|local3|local4|local5|"
	  "local6|local7)" },
};

START_TEST(test_bad_enum)
{
	assert_fails(bad_enum[_i].file, bad_enum[_i].tail);
}
END_TEST

static const struct bad bad_list[] = {
	{ "bad-list-number.conf", ":1: InternalHosts[1]: wrong type: integer" EXP_HOSTS },
	{ "bad-list-string.conf", ":1: InternalHosts: wrong type: string" EXP_HOSTS },
	/* the line of the element, not of the key */
	{ "bad-cidr-prefix.conf",
	  ":3: InternalHosts[2]: \"10.0.0.0/33\" has a prefix length out of 0..32" EXP_HOSTS },
	{ "bad-cidr-v6prefix.conf",
	  ":1: InternalHosts[0]: \"::1/129\" has a prefix length out of 0..128" EXP_HOSTS },
	{ "bad-cidr-addr.conf",
	  ":1: InternalHosts[0]: \"10.0.0.256\" is not an IP address or CIDR prefix" EXP_HOSTS },
	{ "bad-cidr-name.conf",
	  ":1: InternalHosts[0]: \"localhost\" is not an IP address or CIDR prefix" EXP_HOSTS },
};

START_TEST(test_bad_list)
{
	assert_fails(bad_list[_i].file, bad_list[_i].tail);
}
END_TEST

static const struct bad bad_umask[] = {
	{ "bad-umask-high.conf", ":2: UMask: 01000 is out of range" EXP_UMASK },
	{ "bad-umask-octal.conf", ":1: UMask: 008 is not an octal number" EXP_UMASK },
	{ "bad-umask-decimal.conf", ":1: UMask: 1000 is out of range" EXP_UMASK },
	{ "bad-umask-negative.conf", ":1: UMask: -1 is out of range" EXP_UMASK },
	{ "bad-umask-string.conf", ":1: UMask: wrong type: string" EXP_UMASK },
};

START_TEST(test_bad_umask)
{
	assert_fails(bad_umask[_i].file, bad_umask[_i].tail);
}
END_TEST

static const struct bad bad_strings[] = {
	{ "bad-socket-type.conf", ":1: Socket: \"tcp:25\" is not a socket address" EXP_SOCKET },
	{ "bad-socket-relative.conf",
	  ":1: Socket: \"unix:run/smimilter.sock\" needs an absolute path" EXP_SOCKET },
	{ "bad-socket-port0.conf",
	  ":1: Socket: \"inet:0@localhost\" has no port in 1..65535" EXP_SOCKET },
	{ "bad-socket-port-high.conf",
	  ":1: Socket: \"inet:65536\" has no port in 1..65535" EXP_SOCKET },
	{ "bad-socket-inet6-nohost.conf", ":1: Socket: \"inet6:8891\" needs PORT@HOST" EXP_SOCKET },
	{ "bad-socket-host.conf",
	  ":1: Socket: \"inet:8891@bad_host\" has a bad host name" EXP_SOCKET },
	{ "bad-socket-int.conf", ":1: Socket: wrong type: integer" EXP_SOCKET },
	{ "bad-brheader-colon.conf",
	  ":1: BRHeaderName: \"X-BR:\" is not a header field name" EXP_FIELD },
	{ "bad-brheader-space.conf",
	  ":1: BRHeaderName: \"X BR\" is not a header field name" EXP_FIELD },
	{ "bad-brheader-std.conf",
	  ":1: BRHeaderName: \"subject\" is a standard header field" EXP_FIELD },
	{ "bad-brheader-empty.conf", ":1: BRHeaderName: \"\" is empty" EXP_FIELD },
	{ "bad-authserv.conf", ":1: AuthservID: \"mx example\" is not an RFC 2045 token"
	  " (expected string, form RFC 2045 token)" },
	{ "bad-userid.conf", ":1: UserID: \"smimilter:\" is not a user name or user:group"
	  " (expected string, form USER|USER:GROUP)" },
};

START_TEST(test_bad_strings)
{
	assert_fails(bad_strings[_i].file, bad_strings[_i].tail);
}
END_TEST

static const struct bad bad_groups[] = {
	{ "bad-group-unknown-member.conf", ":3: SenderPolicies[0].OnFial: unknown key" },
	/* the line of the group that lacks it */
	{ "bad-group-missing-domain.conf", ":3: SenderPolicies[1].Domain: missing" EXP_DOMAIN },
	{ "bad-group-enum.conf", ":4: RecipientPolicies[1].OnFail: \"rejct\" is not allowed"
	  EXP_ACTION },
	{ "bad-group-domain.conf",
	  ":1: SenderPolicies[0].Domain: \"exa mple.com\" is not a domain name" EXP_DOMAIN },
	{ "bad-group-domain-type.conf",
	  ":1: SenderPolicies[0].Domain: wrong type: integer" EXP_DOMAIN },
	{ "bad-group-dup-domain.conf",
	  ":5: SenderPolicies[2].Domain: \"EXAMPLE.com\" given twice (first at line 3)" },
	/* found by libconfig, named by us */
	{ "bad-group-dup-member.conf", ":4: SenderPolicies[1].OnFail: given twice (first at line 3)" },
	{ "bad-group-dup-comment.conf",
	  ":4: SenderPolicies[1].OnFail: given twice (first at line 4)" },
	{ "bad-group-dup-decoy.conf", ":4: OnFail: given twice (first at line 2)" },
	/* found by us: names match without case */
	{ "bad-group-dup-member-case.conf",
	  ":3: SenderPolicies[0].OnFail: given twice (first at line 2)" },
	{ "bad-group-dup-key.conf", ":2: SenderPolicies: given twice (first at line 1)" },
	{ "bad-group-not-group.conf", ":1: SenderPolicies[0]: wrong type: string" EXP_GROUPS },
	{ "bad-group-single.conf", ":1: SenderPolicies: wrong type: group" EXP_GROUPS },
};

START_TEST(test_bad_groups)
{
	assert_fails(bad_groups[_i].file, bad_groups[_i].tail);
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

/* ------------------------------------------------------------------ */

struct check_case {
	const char *(*fn)(const char *);
	const char *v;
	const char *why;	/* NULL: good */
};

#define LONG_PATH "/run/" \
	"0123456789012345678901234567890123456789012345678901234567890123456789" \
	"01234567890123456789012345678901"	/* 107 bytes */

static const struct check_case checks[] = {
	{ conf_check_socket, "unix:/run/smimilter/smimilter.sock", NULL },
	{ conf_check_socket, "local:/run/s.sock", NULL },
	{ conf_check_socket, "/run/s.sock", NULL },
	{ conf_check_socket, "UNIX:/run/s.sock", NULL },
	{ conf_check_socket, "inet:8891", NULL },
	{ conf_check_socket, "inet:1@127.0.0.1", NULL },
	{ conf_check_socket, "inet:65535@mx.example.com", NULL },
	{ conf_check_socket, "inet:8891@[192.0.2.1]", NULL },
	{ conf_check_socket, "inet6:8891@::1", NULL },
	{ conf_check_socket, "inet6:8891@[2001:db8::1]", NULL },
	{ conf_check_socket, "inet6:8891@localhost", NULL },
	{ conf_check_socket, LONG_PATH, NULL },
	{ conf_check_socket, LONG_PATH "x", "has a path longer than 107 bytes" },
	{ conf_check_socket, "", "is not a socket address" },
	{ conf_check_socket, "tcp:25", "is not a socket address" },
	{ conf_check_socket, "run/s.sock", "is not a socket address" },
	{ conf_check_socket, "unix:", "needs an absolute path" },
	{ conf_check_socket, "unix:/", "needs an absolute path" },
	{ conf_check_socket, "local:s.sock", "needs an absolute path" },
	{ conf_check_socket, "inet:", "has no port in 1..65535" },
	{ conf_check_socket, "inet:0", "has no port in 1..65535" },
	{ conf_check_socket, "inet:65536", "has no port in 1..65535" },
	{ conf_check_socket, "inet:99999999999999999999", "has no port in 1..65535" },
	{ conf_check_socket, "inet:-25", "has no port in 1..65535" },
	{ conf_check_socket, "inet:smtp@localhost", "has no port in 1..65535" },
	{ conf_check_socket, "inet:25x", "has no port in 1..65535" },
	{ conf_check_socket, "inet:8891@", "has an empty host" },
	{ conf_check_socket, "inet:8891@::1", "has an IPv6 address (use inet6:)" },
	{ conf_check_socket, "inet:8891@256.1.1.1", "has a bad IPv4 address" },
	{ conf_check_socket, "inet:8891@[::1]", "has a bad IPv4 address" },
	{ conf_check_socket, "inet:8891@[]", "has a bad IPv4 address" },
	{ conf_check_socket, "inet:8891@-bad.example", "has a bad host name" },
	{ conf_check_socket, "inet:8891@a b", "has a bad host name" },
	{ conf_check_socket, "inet6:8891", "needs PORT@HOST" },
	{ conf_check_socket, "inet6:8891@1::2::3", "has a bad IPv6 address" },
	{ conf_check_socket, "inet6:8891@[127.0.0.1]", "has a bad IPv6 address" },

	{ conf_check_user, "smimilter", NULL },
	{ conf_check_user, "smimilter:postfix", NULL },
	{ conf_check_user, "_smimilter.d-1:123", NULL },
	{ conf_check_user, "", "is not a user name or user:group" },
	{ conf_check_user, ":postfix", "is not a user name or user:group" },
	{ conf_check_user, "a:b:c", "is not a user name or user:group" },
	{ conf_check_user, "-x", "is not a user name or user:group" },
	{ conf_check_user, "a b", "is not a user name or user:group" },
	{ conf_check_user, "abcdefghijklmnopqrstuvwxyz0123456", "is not a user name or user:group" },

	{ conf_check_token, "mx.example.com", NULL },
	{ conf_check_token, "mx-1_a!#$%&'*+^`{|}~", NULL },
	{ conf_check_token, "", "is empty" },
	{ conf_check_token, "mx;x", "is not an RFC 2045 token" },
	{ conf_check_token, "m\xc3\xa9", "is not an RFC 2045 token" },
	{ conf_check_token, "mx\tx", "is not an RFC 2045 token" },
	{ conf_check_token, "a\"b", "is not an RFC 2045 token" },

	{ conf_check_field_name, "SMIME-BR-Compliance", NULL },
	{ conf_check_field_name, "X-BR_1!", NULL },
	{ conf_check_field_name, "Contents", NULL },
	{ conf_check_field_name, "X:", "is not a header field name" },
	{ conf_check_field_name, "X\x7f", "is not a header field name" },
	{ conf_check_field_name, "authentication-results", "is a standard header field" },
	{ conf_check_field_name, "FROM", "is a standard header field" },
	{ conf_check_field_name, "Content-Type", "is a standard header field" },
	{ conf_check_field_name, "Resent-From", "is a standard header field" },
	{ conf_check_field_name, "DKIM-Signature", "is a standard header field" },
	{ conf_check_field_name,
	  "X-0123456789012345678901234567890123456789012345678901234567890123",
	  "is longer than 64 bytes" },

	{ conf_check_cidr, "127.0.0.1", NULL },
	{ conf_check_cidr, "10.0.0.0/8", NULL },
	{ conf_check_cidr, "0.0.0.0/0", NULL },
	{ conf_check_cidr, "192.0.2.1/32", NULL },
	{ conf_check_cidr, "::1", NULL },
	{ conf_check_cidr, "2001:db8::/32", NULL },
	{ conf_check_cidr, "::ffff:192.0.2.0/120", NULL },
	{ conf_check_cidr, "::/128", NULL },
	{ conf_check_cidr, "", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "10.0.0", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "010.0.0.1", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "localhost", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "/8", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "fe80::1%eth0", "is not an IP address or CIDR prefix" },
	{ conf_check_cidr, "10.0.0.0/", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "10.0.0.0/33", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "10.0.0.0/+8", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "10.0.0.0/ 8", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "10.0.0.0/0008", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "10.0.0.0/8/8", "has a prefix length out of 0..32" },
	{ conf_check_cidr, "::/129", "has a prefix length out of 0..128" },

	{ conf_check_domain, "example.com", NULL },
	{ conf_check_domain, ".example.com", NULL },
	{ conf_check_domain, "localhost", NULL },
	{ conf_check_domain, "xn--bcher-kva.example", NULL },
	{ conf_check_domain, "a-1.b2.EXAMPLE", NULL },
	{ conf_check_domain, "", "is not a domain name" },
	{ conf_check_domain, ".", "is not a domain name" },
	{ conf_check_domain, "..example.com", "is not a domain name" },
	{ conf_check_domain, "example.com.", "is not a domain name" },
	{ conf_check_domain, "example..com", "is not a domain name" },
	{ conf_check_domain, "-example.com", "is not a domain name" },
	{ conf_check_domain, "example-.com", "is not a domain name" },
	{ conf_check_domain, "ex ample.com", "is not a domain name" },
	{ conf_check_domain, "*.example.com", "is not a domain name" },
	{ conf_check_domain, "user@example.com", "is not a domain name" },
	{ conf_check_domain, "b\xc3\xbc" "cher.example", "is not a domain name" },
	{ conf_check_domain,
	  "a123456789012345678901234567890123456789012345678901234567890123.example",
	  "is not a domain name" },	/* a label of 64 */
};

START_TEST(test_checks)
{
	const struct check_case *t = &checks[_i];
	const char *why = t->fn(t->v);

	if (t->why == NULL)
		ck_assert_msg(why == NULL, "\"%s\": %s", t->v, why);
	else
		ck_assert_msg(why != NULL && strcmp(why, t->why) == 0, "\"%s\": %s, not %s",
		    t->v, why != NULL ? why : "good", t->why);
}
END_TEST

/* A 253-byte domain passes, 254 does not. */
START_TEST(test_check_domain_length)
{
	char d[300];
	size_t o = 0;

	while (o + 64 <= 253) {	/* labels of 63 and dots: 63.63.63.63 = 255 */
		memset(d + o, 'a', 63);
		o += 63;
		d[o++] = '.';
	}
	/* 4 * 64 = 256 > 253: three labels and a dot so far (192 bytes) */
	memset(d + o, 'b', 253 - o);
	d[253] = '\0';
	ck_assert_ptr_null(conf_check_domain(d));
	d[253] = 'b';
	d[254] = '\0';
	ck_assert_str_eq(conf_check_domain(d), "is not a domain name");
}
END_TEST

/* Every default passes its key's own check. */
START_TEST(test_defaults_pass_checks)
{
	struct conf_key k;
	size_t nchecked = 0;

	for (size_t i = 0; i < conf_keys_count(); i++) {
		ck_assert_int_eq(conf_keys_get(i, &k), 0);
		if (k.check == NULL)
			continue;
		if (k.type == CONF_STRING && k.def.s != NULL) {
			ck_assert_msg(k.check(k.def.s) == NULL, "%s", k.name);
			nchecked++;
		}
		for (size_t j = 0; k.type == CONF_LIST && k.def.v != NULL && k.def.v[j] != NULL; j++) {
			ck_assert_msg(k.check(k.def.v[j]) == NULL, "%s[%zu]", k.name, j);
			nchecked++;
		}
	}
	ck_assert_uint_eq(nchecked, 4);	/* Socket, BRHeaderName, InternalHosts x 2 */
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

	ck_assert_uint_eq(n, 33 + limits_count);
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
	ck_assert_str_eq(k.range, "");

	conf_key_describe(conf_keys_find("Socket"), &k);
	ck_assert_str_eq(k.type, "string");
	ck_assert_str_eq(k.def, "unix:/run/smimilter/smimilter.sock");
	ck_assert_str_eq(k.range,
	    "unix:/PATH|local:/PATH|/PATH|inet:PORT|inet:PORT@HOST|inet6:PORT@HOST");
	conf_key_describe(conf_keys_find("UserID"), &k);
	ck_assert_str_eq(k.def, "");
	ck_assert_str_eq(k.range, "USER|USER:GROUP");
	conf_key_describe(conf_keys_find("UMask"), &k);
	ck_assert_str_eq(k.type, "integer");
	ck_assert_str_eq(k.def, "007");
	ck_assert_str_eq(k.range, "0..0777");
	conf_key_describe(conf_keys_find("SyslogFacility"), &k);
	ck_assert_str_eq(k.type, "enum");
	ck_assert_str_eq(k.def, "mail");
	ck_assert_str_eq(k.range, "mail|daemon|user|local0|local1|local2|local3|local4|"
	    "local5|local6|local7");
	conf_key_describe(conf_keys_find("OnInternalError"), &k);
	ck_assert_str_eq(k.type, "enum");
	ck_assert_str_eq(k.def, "tempfail");
	ck_assert_str_eq(k.range, "accept|tag|tempfail|reject");
	conf_key_describe(conf_keys_find("OnFail"), &k);
	ck_assert_str_eq(k.def, "tag");
	ck_assert_str_eq(k.range, "accept|tag|quarantine|tempfail|reject");
	conf_key_describe(conf_keys_find("OnTemperror"), &k);
	ck_assert_str_eq(k.def, "tempfail");
	conf_key_describe(conf_keys_find("InternalHosts"), &k);
	ck_assert_str_eq(k.type, "list");
	ck_assert_str_eq(k.def, "[\"127.0.0.1\", \"::1\"]");
	ck_assert_str_eq(k.range, "ADDRESS|ADDRESS/PREFIX");
	conf_key_describe(conf_keys_find("MaximumMessageSize"), &k);
	ck_assert_str_eq(k.type, "size");
	ck_assert_str_eq(k.def, "67108864");
	ck_assert_str_eq(k.range, "0..2147483648");
	conf_key_describe(conf_keys_find("BRHeaderName"), &k);
	ck_assert_str_eq(k.def, "SMIME-BR-Compliance");
	ck_assert_str_eq(k.range, "header field name");
	conf_key_describe(conf_keys_find("AuthservID"), &k);
	ck_assert_str_eq(k.def, "");
	ck_assert_str_eq(k.range, "RFC 2045 token");
	conf_key_describe(conf_keys_find("Syslog"), &k);
	ck_assert_str_eq(k.def, "true");
	conf_key_describe(conf_keys_find("senderpolicies"), &k);
	ck_assert_str_eq(k.name, "SenderPolicies");
	ck_assert_str_eq(k.type, "groups");
	ck_assert_str_eq(k.def, "");
	ck_assert_str_eq(k.range, "Domain, OnUnsigned, OnFail, OnPolicy, OnPermerror, "
	    "OnTemperror, OnNeutral, OnBRFail, OnBRWarn, OnBRNone");
	conf_key_describe(conf_keys_find("RecipientPolicies"), &k);
	ck_assert_str_eq(k.type, "groups");

	/* the On* keys sit at on[class], in the order of enum decide_class */
	{
		static const char *const on[CONF_NCLASSES] = { "OnUnsigned", "OnFail",
			"OnPolicy", "OnPermerror", "OnTemperror", "OnNeutral", "OnBRFail",
			"OnBRWarn", "OnBRNone" };

		for (size_t c = 0; c < CONF_NCLASSES; c++) {
			ck_assert_int_eq(conf_keys_get(conf_keys_find(on[c]), &ck), 0);
			ck_assert_int_eq(ck.type, CONF_ENUM);
			ck_assert_uint_eq(ck.offset, offsetof(struct conf, on) + c * sizeof(int));
			ck_assert_int_eq(conf_keys_get(conf_keys_find("SenderPolicies"), &ck), 0);
			ck_assert_str_eq(ck.members[c + 1].name, on[c]);
			ck_assert_uint_eq(ck.members[c + 1].offset,
			    offsetof(struct conf_domain_policy, on) + c * sizeof(int));
			ck_assert_int_eq(ck.members[c + 1].def.l, CONF_ACTION_UNSET);
		}
	}

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
	tcase_add_test(tc, test_good_daemon);
	tcase_add_test(tc, test_good_policies);
	tcase_add_test(tc, test_good_empty_lists);
	tcase_add_test(tc, test_good_other_forms);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad_boolean, 0, (int)(sizeof(bad_bool) / sizeof(bad_bool[0])));
	tcase_add_loop_test(tc, test_bad_integer, 0, (int)(sizeof(bad_int) / sizeof(bad_int[0])));
	tcase_add_loop_test(tc, test_bad_size, 0, (int)(sizeof(bad_size) / sizeof(bad_size[0])));
	tcase_add_loop_test(tc, test_bad_path, 0, (int)(sizeof(bad_string) / sizeof(bad_string[0])));
	tcase_add_loop_test(tc, test_bad_enum, 0, (int)(sizeof(bad_enum) / sizeof(bad_enum[0])));
	tcase_add_loop_test(tc, test_bad_list, 0, (int)(sizeof(bad_list) / sizeof(bad_list[0])));
	tcase_add_loop_test(tc, test_bad_umask, 0, (int)(sizeof(bad_umask) / sizeof(bad_umask[0])));
	tcase_add_loop_test(tc, test_bad_strings, 0,
	    (int)(sizeof(bad_strings) / sizeof(bad_strings[0])));
	tcase_add_loop_test(tc, test_bad_groups, 0, (int)(sizeof(bad_groups) / sizeof(bad_groups[0])));
	tcase_add_loop_test(tc, test_bad_keys, 0, (int)(sizeof(bad_keys) / sizeof(bad_keys[0])));
	tcase_add_loop_test(tc, test_bad_syntax, 0, (int)(sizeof(bad_syntax) / sizeof(bad_syntax[0])));
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_error_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("checks");
	tcase_add_loop_test(tc, test_checks, 0, (int)(sizeof(checks) / sizeof(checks[0])));
	tcase_add_test(tc, test_check_domain_length);
	tcase_add_test(tc, test_defaults_pass_checks);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, test_words);
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
