/*
 * NAME
 *	fuzz_conf - libFuzzer harness for the configuration loader (conf/conf.h)
 * SYNOPSIS
 *	fuzz_conf [libFuzzer options] [CORPUS...]
 * DESCRIPTION
 *	libconfig reads from a path, so each input is written to
 *	/tmp/fuzz_conf.PID.conf (made afresh, never through a link, and
 *	removed after the input) and loaded with conf_load(), twice: with a
 *	roomy error buffer and with one of 1..40 bytes.
 *	Checks (abort() on violation): both loads agree; an error is one
 *	non-empty line that names the file (or comes from an @include), and
 *	the short buffer holds a NUL-terminated prefix of it; a snapshot has
 *	its file name, every limit within the range of limits_table[], every
 *	action, facility and boolean within its words, every list and policy
 *	entry non-NULL; conf_ref / conf_unref balance.
 * OWNERSHIP
 *	Snapshots are released per input; ASan reports leaks (libconfig's own
 *	leaks on a broken file are suppressed by tests/fuzz/lsan.supp).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"
#include "smime/limits.h"
#include "tests/fuzz/fuzz_common.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/fuzz_conf.%ld.conf", (long)getpid());
	return 0;
}

/* The input as the file at path, made afresh (never through a link). */
static void
write_input(const uint8_t *data, size_t size)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	FZ_CHECK(fd >= 0, "cannot create %s", path);
	for (size_t off = 0; off < size;) {
		ssize_t n = write(fd, data + off, size - off);

		FZ_CHECK(n > 0, "cannot write %s", path);
		off += (size_t)n;
	}
	FZ_CHECK(close(fd) == 0, "cannot write %s", path);
}

static int
nwords(const char *const *w)
{
	int n = 0;

	while (w[n] != NULL)
		n++;
	return n;
}

static void
check_action(const char *what, int a, int unset_ok)
{
	FZ_CHECK((a >= 0 && a < nwords(conf_action_words)) || (unset_ok && a == CONF_ACTION_UNSET),
	    "%s: action %d", what, a);
}

static void
check_conf(const struct conf *c)
{
	FZ_CHECK(c->file != NULL && strcmp(c->file, path) == 0, "file \"%s\"",
	    c->file ? c->file : "(null)");
	for (size_t i = 0; i < limits_count; i++) {
		size_t v = limits_get(&c->limits, &limits_table[i]);

		FZ_CHECK(v >= limits_table[i].min && v <= limits_table[i].max,
		    "%s = %zu outside %zu..%zu", limits_table[i].key, v, limits_table[i].min,
		    limits_table[i].max);
	}
	FZ_CHECK((c->allow_sha1 | c->allow_md5 | c->require_from_match | c->syslog |
	    c->syslog_success | c->log_why | c->exempt_internal | c->exempt_authenticated |
	    c->software_header) <= 1, "a boolean is not 0 or 1");
	FZ_CHECK(c->syslog_facility >= 0 && c->syslog_facility < nwords(conf_facility_words),
	    "facility %d", c->syslog_facility);
	FZ_CHECK(c->signing_time_skew >= 0 && c->signing_time_skew <= 86400,
	    "SigningTimeSkew %ld", c->signing_time_skew);
	FZ_CHECK(c->umask >= 0 && c->umask <= 0777, "UMask %lo", c->umask);
	check_action("OnInternalError", c->on_internal_error, 0);
	for (int k = 0; k < CONF_NCLASSES; k++)
		check_action("On*", c->on[k], 1);
	FZ_CHECK(c->internal_hosts.n == 0 || c->internal_hosts.v != NULL, "InternalHosts NULL");
	for (size_t i = 0; i < c->internal_hosts.n; i++)
		FZ_CHECK(c->internal_hosts.v[i] != NULL, "InternalHosts[%zu] NULL", i);
	FZ_CHECK(c->br_header_name != NULL && c->br_header_name[0] != '\0', "BRHeaderName");
	for (size_t i = 0; i < c->nsender_policies; i++) {
		FZ_CHECK(c->sender_policies[i].domain != NULL &&
		    c->sender_policies[i].domain[0] != '\0', "SenderPolicies[%zu] domain", i);
		for (int k = 0; k < CONF_NCLASSES; k++)
			check_action("SenderPolicies", c->sender_policies[i].on[k], 1);
	}
	for (size_t i = 0; i < c->nrecipient_policies; i++) {
		FZ_CHECK(c->recipient_policies[i].domain != NULL &&
		    c->recipient_policies[i].domain[0] != '\0', "RecipientPolicies[%zu] domain", i);
		for (int k = 0; k < CONF_NCLASSES; k++)
			check_action("RecipientPolicies", c->recipient_policies[i].on[k], 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024], small[48];
	size_t smalllen = 1 + size % 40;
	struct conf *c, *c2;

	if (path[0] == '\0')
		LLVMFuzzerInitialize(NULL, NULL);
	write_input(data, size);

	memset(err, 'Z', sizeof(err));
	c = conf_load(path, err, sizeof(err));
	memset(small, 'Z', sizeof(small));
	c2 = conf_load(path, small, smalllen);
	FZ_CHECK((c == NULL) == (c2 == NULL), "two loads of one file disagree");
	if (c == NULL) {
		size_t n = strnlen(err, sizeof(err));

		FZ_CHECK(n < sizeof(err), "error message not NUL-terminated");
		FZ_CHECK(n > 0, "empty error message");
		FZ_CHECK(strchr(err, '\n') == NULL && strchr(err, '\r') == NULL,
		    "error message is not one line: %s", err);
		FZ_CHECK(strstr(err, path) != NULL || memmem(data, size, "@include", 8) != NULL,
		    "error does not name the file: %s", err);
		FZ_CHECK(small[smalllen - 1] == '\0' || strnlen(small, smalllen) < smalllen,
		    "short error buffer (%zu) not NUL-terminated", smalllen);
		FZ_CHECK(small[smalllen] == 'Z', "wrote past a %zu-byte error buffer", smalllen);
		FZ_CHECK(strncmp(small, err, strlen(small)) == 0,
		    "short error \"%s\" is not a prefix of \"%s\"", small, err);
	} else {
		check_conf(c);
		FZ_CHECK(conf_ref(c) == c, "conf_ref");
		conf_unref(c);
		conf_unref(c);
		conf_unref(c2);
	}
	conf_unref(NULL);
	unlink(path);
	return 0;
}
