/*
 * NAME
 *	conf - load smimilter.conf into an immutable, reference-counted snapshot
 * SYNOPSIS
 *	#include "conf/conf.h"
 *
 *	struct conf *conf_load(const char *path, char *err, size_t errlen);
 *	struct conf *conf_ref(struct conf *c);
 *	void conf_unref(struct conf *c);
 *	size_t conf_key_count(void);
 *	void conf_key_describe(size_t i, struct conf_key_info *out);
 * DESCRIPTION
 *	conf_load() reads a libconfig file (`Key = value;`, libconfig 1.5 or
 *	later), checks every top-level setting against the key table of
 *	conf_keys.c and returns a snapshot that starts from the built-in
 *	defaults and carries the values the file gives.  conf_load(NULL, ...)
 *	returns the defaults alone (file = NULL).
 *
 *	Values, by key type:
 *	boolean	libconfig true or false (any case).  An integer or a string
 *		("yes") is an error, not a guess.
 *	integer	a libconfig integer (5, 0x1F, 5L), within the key's range.
 *	size	an integer as above, or a string of decimal digits with an
 *		optional suffix k, M or G (any case; powers of 1024):
 *		"64k" is 65536, "32M" is 33554432.
 *	string	a libconfig string.
 *	path	a non-empty string; a relative path is taken relative to the
 *		directory of the config file (so a reload after the daemon
 *		changed directory finds the same file).
 *	Key names are matched without regard to ASCII case, as opendkim.conf
 *	does; the same key given twice (in any spelling) is an error.  Groups
 *	and lists at top level are errors unless a key of that type is
 *	declared.  libconfig's @include works as libconfig defines it (a
 *	relative name is relative to the working directory, so prefer
 *	absolute names).
 *
 *	libconfig 1.5 stores an integer literal without the L suffix in an int
 *	through atoi()/strtoul(), so 4294967596 silently becomes 300.  For
 *	every integer setting we therefore re-read its literal from the file
 *	and, when it does not fit an int, use the literal: an out-of-range
 *	value is reported as the admin wrote it instead of being accepted as
 *	whatever it wrapped to.
 *
 *	A snapshot is never modified after conf_load() returns, so threads may
 *	read it without locks.  The reference count is a C11 atomic kept in a
 *	private header in front of struct conf; conf_ref() adds a reference,
 *	conf_unref() drops one and frees the snapshot with the last.  A reload
 *	(SIGUSR1) loads a new snapshot and swaps the caller's pointer; holders
 *	of the old one keep it until they unref it.
 * OWNERSHIP
 *	The snapshot owns every string in it (file, string and path values)
 *	and frees them with the last conf_unref().  Strings are valid as long
 *	as the caller holds a reference.  conf_key_describe() fills *out with
 *	pointers to static, read-only text that lives for the whole program.
 * DIAGNOSTICS
 *	conf_load() returns NULL and writes one line, without a newline, to
 *	err (truncated to errlen; err may be NULL):
 *	  FILE: STRERROR			the file cannot be read
 *	  FILE:LINE: LIBCONFIG-TEXT		libconfig syntax error
 *	  FILE:LINE: KEY: unknown key
 *	  FILE:LINE: KEY: given twice (first at line N)
 *	  FILE:LINE: KEY: WHAT (expected TYPE[, allowed range MIN..MAX])
 *	  FILE: out of memory
 *	It never prints, logs or exits; the caller decides.  conf_load() may
 *	run in any thread (e.g. a reload thread); conf_ref(), conf_unref()
 *	and conf_key_describe() are thread-safe.
 * SEE ALSO
 *	conf_keys.c (the keys), smime/limits.c (the limits), smimilter.conf(5).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "conf/conf.h"
#include "conf/conf_keys.h"
#include "smime/limits.h"
#include "smime/smx_err.h"

#if defined(__GNUC__)
#define CONF_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#else
#define CONF_PRINTF(f, a)
#endif

/*
 * The reference count lives in front of the public struct, where it can
 * be a real atomic_uint: conf.h's `int refs` cannot be used with C11
 * atomics (converting an int * to an _Atomic int * is not portable), and
 * keeping stdatomic.h out of conf.h keeps that header plain.  The public
 * `refs` field stays 0 and unused.
 */
struct conf_snapshot {
	atomic_uint refs;
	struct conf conf;
};

static struct conf_snapshot *
snapshot_of(struct conf *c)
{
	return (struct conf_snapshot *)((char *)c - offsetof(struct conf_snapshot, conf));
}

/* What the loader needs while it walks one file. */
struct load {
	const char *path;	/* the file as the caller named it */
	char *dir;		/* its directory with the '/', NULL if none */
	char *err;		/* the caller's buffer, may be NULL */
	size_t errlen;
};

/* ---------------------------------------------------------------------
 * Error text
 */

static void say(struct load *ld, const char *fmt, ...) CONF_PRINTF(2, 3);

static void
say(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->err == NULL || ld->errlen == 0)
		goto out;
	va_start(ap, fmt);
	vsnprintf(ld->err, ld->errlen, fmt, ap);
	va_end(ap);
out:
	return;
}

static const char *
setting_file(const struct load *ld, const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);

	return f != NULL ? f : ld->path;
}

/* "FILE:LINE: KEY: " then the formatted rest. */
static void say_at(struct load *ld, const config_setting_t *s, const char *key,
    const char *fmt, ...) CONF_PRINTF(4, 5);

static void
say_at(struct load *ld, const config_setting_t *s, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ld->err == NULL || ld->errlen == 0)
		goto out;
	n = snprintf(ld->err, ld->errlen, "%s:%u: %s: ", setting_file(ld, s),
	    (unsigned)config_setting_source_line(s), key);
	if (n < 0 || (size_t)n >= ld->errlen)
		goto out;
	va_start(ap, fmt);
	vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
	va_end(ap);
out:
	return;
}

/*
 * A value from the file, quoted for an error line: at most 40 characters,
 * anything that is not printable ASCII shown as '?', so a stray control
 * character in the config cannot garble a log line.
 */
static const char *
quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	buf[o++] = '"';
	for (; *s != '\0' && o + 5 < len && o < 41; s++)
		buf[o++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	if (*s != '\0') {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

static const char *
lc_type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "integer";
	case CONFIG_TYPE_FLOAT:
		return "float";
	case CONFIG_TYPE_STRING:
		return "string";
	case CONFIG_TYPE_BOOL:
		return "boolean";
	case CONFIG_TYPE_GROUP:
		return "group";
	case CONFIG_TYPE_ARRAY:
		return "array";
	case CONFIG_TYPE_LIST:
		return "list";
	default:
		return "no value";
	}
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

/* ---------------------------------------------------------------------
 * Reading the source text.  libconfig keeps no text, only values and
 * line numbers; two errors need the text: integer literals that libconfig
 * 1.5 wrapped, and the name in its "duplicate setting name" error.
 */

#define SRC_MAX	1024	/* bytes read from the line on; a setting is shorter */

/* Text of file from line `line` on, NUL-terminated; 0 if unreadable. */
static size_t
source_text(const char *file, unsigned line, char *buf, size_t len)
{
	FILE *fp;
	unsigned cur = 1;
	size_t n = 0;
	int ch;

	buf[0] = '\0';
	if (file == NULL || line == 0 || (fp = fopen(file, "r")) == NULL)
		goto out;
	while (cur < line && (ch = getc(fp)) != EOF)
		if (ch == '\n')
			cur++;
	if (cur == line)
		n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	fclose(fp);
out:
	return n;
}

static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* libconfig setting names: [A-Za-z*][-A-Za-z0-9_*]* */
static int
is_name_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '*';
}

/* The len bytes at p are word (lower case), in any case. */
static int
is_word(const char *p, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len && (p[i] | 0x20) == word[i]; i++)
		;
	return i == len;
}

/*
 * The next setting name in [p, end): a bare word outside strings, comments
 * and numbers that is not true/false (libconfig has no other bare words).
 * With one_line, stop at the first newline.  Returns the word and its
 * length, or NULL.
 */
static const char *
next_name(const char *p, const char *end, int one_line, size_t *len)
{
	const char *w = NULL;

	while (p < end) {
		if (*p == '\n' && one_line)
			goto out;
		if (*p == '"') {
			for (p++; p < end && *p != '"' && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			if (p < end && *p == '"')
				p++;
		} else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/')) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			for (p += 2; p + 1 < end && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p == '\n' && one_line)
					goto out;
			p = p + 2 <= end ? p + 2 : end;
		} else if (*p == '@' || is_digit(*p) || *p == '.') {
			/* a directive (@include) or a number (1.5e+3, 0x1F, 5L) */
			for (p++; p < end && (is_name_char(*p) || *p == '.' ||
			    ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E'))); p++)
				;
		} else if (is_alpha(*p) || *p == '*') {
			const char *q = p;

			while (q < end && is_name_char(*q))
				q++;
			if (!is_word(p, (size_t)(q - p), "true") &&
			    !is_word(p, (size_t)(q - p), "false")) {
				w = p;
				*len = (size_t)(q - p);
				goto out;
			}
			p = q;
		} else {
			p++;
		}
	}
out:
	return w;
}

/* Past white space and comments (#, //, slash-star) from p. */
static const char *
skip_blank(const char *p, const char *end)
{
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/')) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			for (p += 2; p + 1 < end && !(p[0] == '*' && p[1] == '/'); p++)
				;
			p = p + 2 <= end ? p + 2 : end;
		} else {
			break;
		}
	}
	return p;
}

/*
 * The integer literal assigned to `name` at `line` of file, as written:
 * its text into lit and its value into *val.  Returns 1 when found and it
 * fits a long long, -1 when found and it does not, 0 when not found (then
 * the caller keeps libconfig's value; we never guess).
 */
static int
source_integer(const char *file, unsigned line, const char *name,
    char *lit, size_t litlen, long long *val)
{
	char buf[SRC_MAX];
	size_t n = source_text(file, line, buf, sizeof(buf));
	const char *p = buf, *end = buf + n, *w, *q;
	size_t wlen = 0, nlen = strlen(name);
	int rc = 0, base = 10;

	while ((w = next_name(p, end, 0, &wlen)) != NULL &&
	    !(wlen == nlen && memcmp(w, name, nlen) == 0))
		p = w + wlen;
	if (w == NULL)
		goto out;
	p = skip_blank(w + wlen, end);
	if (p == end || (*p != '=' && *p != ':'))
		goto out;
	p = skip_blank(p + 1, end);
	q = p;
	if (q < end && (*q == '-' || *q == '+'))
		q++;
	if (q + 1 < end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		base = 16;
		for (q += 2; q < end && (is_digit(*q) || ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'f')); q++)
			;
	} else {
		while (q < end && is_digit(*q))
			q++;
	}
	/* a float (1.5, 1e3) or no digits at all: not an integer literal */
	if (q == p || *q == '.' || *q == 'e' || *q == 'E' || (size_t)(q - p) >= litlen)
		goto out;
	memcpy(lit, p, (size_t)(q - p));
	lit[q - p] = '\0';
	errno = 0;
	*val = strtoll(lit, NULL, base);
	rc = errno == ERANGE ? -1 : 1;
out:
	return rc;
}

static unsigned
count_at_line(const config_setting_t *s, const char *file, unsigned line)
{
	unsigned n = 0;
	const char *f = config_setting_source_file(s);

	if (config_setting_name(s) != NULL && config_setting_source_line(s) == line &&
	    f != NULL && strcmp(f, file) == 0)
		n++;
	if (config_setting_is_aggregate(s))
		for (int i = 0; i < config_setting_length(s); i++)
			n += count_at_line(config_setting_get_elem(s, (unsigned)i), file, line);
	return n;
}

/*
 * libconfig stops at the second of two settings with the same name and
 * reports only "duplicate setting name" and a line.  The settings parsed
 * so far are still in the tree; those on that line come before the
 * duplicate, so the duplicate is the next name on the line after them.
 * Returns the earlier top-level setting of that name, or NULL when the
 * text does not say (then the caller reports libconfig's own message).
 */
static const config_setting_t *
duplicate_of(config_t *cfg, const char *file, unsigned line)
{
	char buf[SRC_MAX], name[128];
	size_t n = source_text(file, line, buf, sizeof(buf)), wlen = 0;
	unsigned skip = count_at_line(config_root_setting(cfg), file, line);
	const char *p = buf, *w = NULL;
	const config_setting_t *first = NULL;

	while ((w = next_name(p, buf + n, 1, &wlen)) != NULL && skip > 0) {
		skip--;
		p = w + wlen;
	}
	if (w == NULL || wlen >= sizeof(name))
		goto out;
	memcpy(name, w, wlen);
	name[wlen] = '\0';
	first = config_setting_get_member(config_root_setting(cfg), name);
out:
	return first;
}

/* ---------------------------------------------------------------------
 * Types.  One entry per enum conf_type; adding a type means adding an
 * entry here and nothing else in this file.
 */

struct conf_type_ops {
	const char *name;	/* the type as conf_key_describe() names it */
	const char *expect;	/* what the error messages say is expected */
	/* value of s into field; 0, or SMX_ERR_CONFIG (err written), or _NOMEM */
	int (*parse)(struct load *, const struct conf_key *,
	    const config_setting_t *, void *field);
	int (*set_default)(const struct conf_key *, void *field);
	void (*release)(void *field);	/* NULL: nothing to free */
	const char *(*show_default)(const struct conf_key *, char *, size_t);
	const char *(*show_range)(const struct conf_key *, char *, size_t);
};

static const struct conf_type_ops type_ops[CONF_NTYPES];

static const char *
range_text(const struct conf_key *k, char *buf, size_t len)
{
	buf[0] = '\0';
	if (type_ops[k->type].show_range != NULL)
		return type_ops[k->type].show_range(k, buf, len);
	return buf;
}

/* "FILE:LINE: KEY: WHAT (expected TYPE, allowed range R)" */
static int bad_value(struct load *ld, const struct conf_key *k,
    const config_setting_t *s, const char *fmt, ...) CONF_PRINTF(4, 5);

static int
bad_value(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    const char *fmt, ...)
{
	char what[256], rbuf[64];
	const char *range = range_text(k, rbuf, sizeof(rbuf));
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	say_at(ld, s, k->name, "%s (expected %s%s%s)", what, type_ops[k->type].expect,
	    range[0] != '\0' ? ", allowed range " : "", range);
	return SMX_ERR_CONFIG;
}

static int
wrong_type(struct load *ld, const struct conf_key *k, const config_setting_t *s)
{
	return bad_value(ld, k, s, "wrong type: %s",
	    lc_type_name(config_setting_type(s)));
}

/*
 * A libconfig integer setting as a long long, with the literal re-read
 * when libconfig 1.5 may have wrapped it (see DESCRIPTION).
 */
static int
get_integer(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    long long *v)
{
	char lit[64];
	long long litval = 0;
	int rc = 0, type = config_setting_type(s), found;

	if (type == CONFIG_TYPE_INT)
		*v = config_setting_get_int(s);
	else if (type == CONFIG_TYPE_INT64)
		*v = config_setting_get_int64(s);
	else {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	found = source_integer(setting_file(ld, s), (unsigned)config_setting_source_line(s),
	    config_setting_name(s), lit, sizeof(lit), &litval);
	if (found < 0)
		rc = bad_value(ld, k, s, "%s is out of range", lit);
	else if (found > 0 && type == CONFIG_TYPE_INT && (litval < INT_MIN || litval > INT_MAX))
		*v = litval;
out:
	return rc;
}

/* boolean */

static int
bool_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *field)
{
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	*(int *)field = config_setting_get_bool(s) ? 1 : 0;
out:
	return rc;
}

static int
bool_default(const struct conf_key *k, void *field)
{
	*(int *)field = k->def.b ? 1 : 0;
	return 0;
}

static const char *
bool_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return k->def.b ? "true" : "false";
}

/* integer */

static int
int_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *field)
{
	long long v = 0;
	int rc = get_integer(ld, k, s, &v);

	if (rc != 0)
		goto out;
	if (v < k->min.l || v > k->max.l) {
		rc = bad_value(ld, k, s, "%lld is out of range", v);
		goto out;
	}
	*(long *)field = (long)v;
out:
	return rc;
}

static int
int_default(const struct conf_key *k, void *field)
{
	*(long *)field = k->def.l;
	return 0;
}

static const char *
int_show(const struct conf_key *k, char *buf, size_t len)
{
	snprintf(buf, len, "%ld", k->def.l);
	return buf;
}

static const char *
int_range(const struct conf_key *k, char *buf, size_t len)
{
	snprintf(buf, len, "%ld..%ld", k->min.l, k->max.l);
	return buf;
}

/* size */

/*
 * "123", "64k", "32M", "1G" (suffix in any case, powers of 1024).  No
 * sign, no spaces, no other base: an admin who writes "0x10" or " 5"
 * gets an error rather than a surprise.  0 ok, -1 not a size, -2 too big.
 */
static int
size_text(const char *t, unsigned long long *out)
{
	unsigned long long v = 0, mul = 1;
	const char *p = t;
	int rc = -1;

	if (!is_digit(*p))
		goto out;
	for (; is_digit(*p); p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (ULLONG_MAX - d) / 10) {
			rc = -2;
			goto out;
		}
		v = v * 10 + d;
	}
	switch (*p) {
	case 'k': case 'K': mul = 1024ULL; p++; break;
	case 'm': case 'M': mul = 1024ULL * 1024; p++; break;
	case 'g': case 'G': mul = 1024ULL * 1024 * 1024; p++; break;
	default: break;
	}
	if (*p != '\0')
		goto out;
	if (v > ULLONG_MAX / mul) {
		rc = -2;
		goto out;
	}
	*out = v * mul;
	rc = 0;
out:
	return rc;
}

static int
size_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *field)
{
	char q[64];
	unsigned long long v = 0;
	long long iv = 0;
	int rc = 0, r;

	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		const char *t = config_setting_get_string(s);

		r = size_text(t, &v);
		if (r == -1) {
			rc = bad_value(ld, k, s, "%s is not a size", quote(t, q, sizeof(q)));
			goto out;
		}
		if (r == -2 || v < k->min.z || v > k->max.z) {
			rc = bad_value(ld, k, s, "%s is out of range", quote(t, q, sizeof(q)));
			goto out;
		}
	} else {
		if ((rc = get_integer(ld, k, s, &iv)) != 0)
			goto out;
		if (iv < 0 || (unsigned long long)iv < k->min.z ||
		    (unsigned long long)iv > k->max.z) {
			rc = bad_value(ld, k, s, "%lld is out of range", iv);
			goto out;
		}
		v = (unsigned long long)iv;
	}
	*(size_t *)field = (size_t)v;
out:
	return rc;
}

static int
size_default(const struct conf_key *k, void *field)
{
	*(size_t *)field = k->def.z;
	return 0;
}

static const char *
size_show(const struct conf_key *k, char *buf, size_t len)
{
	snprintf(buf, len, "%zu", k->def.z);
	return buf;
}

static const char *
size_range(const struct conf_key *k, char *buf, size_t len)
{
	snprintf(buf, len, "%zu..%zu", k->min.z, k->max.z);
	return buf;
}

/* string, path */

static int
set_string(void *field, char *v)
{
	char **dst = field;

	free(*dst);
	*dst = v;
	return 0;
}

static int
str_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *field)
{
	char *v;
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	if ((v = xstrdup(config_setting_get_string(s))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	set_string(field, v);
out:
	return rc;
}

/*
 * Relative paths are joined to the config file's directory here, once,
 * so that what the snapshot holds means the same after a chdir().
 */
static int
path_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *field)
{
	const char *t;
	char *v;
	size_t dl, tl;
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	t = config_setting_get_string(s);
	if (t[0] == '\0') {
		rc = bad_value(ld, k, s, "empty path");
		goto out;
	}
	dl = (t[0] != '/' && ld->dir != NULL) ? strlen(ld->dir) : 0;
	tl = strlen(t);
	if ((v = malloc(dl + tl + 1)) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	memcpy(v, ld->dir, dl);
	memcpy(v + dl, t, tl + 1);
	set_string(field, v);
out:
	return rc;
}

static int
str_default(const struct conf_key *k, void *field)
{
	char *v = NULL;
	int rc = 0;

	if (k->def.s != NULL && (v = xstrdup(k->def.s)) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	set_string(field, v);
out:
	return rc;
}

static void
str_release(void *field)
{
	free(*(char **)field);
	*(char **)field = NULL;
}

static const char *
str_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return k->def.s != NULL ? k->def.s : "";
}

static const struct conf_type_ops type_ops[CONF_NTYPES] = {
	[CONF_BOOLEAN] = { "boolean", "boolean: true or false",
		bool_parse, bool_default, NULL, bool_show, NULL },
	[CONF_INTEGER] = { "integer", "integer",
		int_parse, int_default, NULL, int_show, int_range },
	[CONF_SIZE] = { "size", "size: a number, or a string with suffix k, M or G",
		size_parse, size_default, NULL, size_show, size_range },
	[CONF_STRING] = { "string", "string",
		str_parse, str_default, str_release, str_show, NULL },
	[CONF_PATH] = { "path", "path: a non-empty string",
		path_parse, str_default, str_release, str_show, NULL },
	/* CONF_LIMITS never reaches here: conf_keys_get() expands it. */
};

/* ---------------------------------------------------------------------
 * Snapshots
 */

static void
snapshot_free(struct conf_snapshot *snap)
{
	size_t n = conf_keys_count();
	struct conf_key k;

	if (snap == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (conf_keys_get(i, &k) == 0 && type_ops[k.type].release != NULL)
			type_ops[k.type].release((char *)&snap->conf + k.offset);
	}
	free(snap->conf.file);
	free(snap);
out:
	return;
}

static int
set_defaults(struct conf *c)
{
	size_t n = conf_keys_count();
	struct conf_key k;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (conf_keys_get(i, &k) != 0)
			continue;
		if ((rc = type_ops[k.type].set_default(&k, (char *)c + k.offset)) != 0)
			goto out;
	}
out:
	return rc;
}

/*
 * fopen() alone does not tell: on Linux a directory opens fine and then
 * reads as an empty file, which libconfig would take for "all defaults".
 */
static int
check_readable(struct load *ld)
{
	FILE *fp = fopen(ld->path, "r");
	int rc = 0;

	if (fp == NULL) {
		/* glibc's strerror() is thread-safe for known codes (2.32+) */
		say(ld, "%s: %s", ld->path, strerror(errno));
		rc = SMX_ERR_CONFIG;
		goto out;
	}
	errno = 0;
	if (getc(fp) == EOF && ferror(fp)) {
		say(ld, "%s: %s", ld->path, strerror(errno != 0 ? errno : EIO));
		rc = SMX_ERR_CONFIG;
	}
	fclose(fp);
out:
	return rc;
}

/* The directory part of path with its trailing '/', NULL when none. */
static int
dir_of(const char *path, char **dir)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	int rc = 0;

	*dir = NULL;
	if (slash == NULL)
		goto out;
	n = (size_t)(slash - path) + 1;
	if ((*dir = malloc(n + 1)) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	memcpy(*dir, path, n);
	(*dir)[n] = '\0';
out:
	return rc;
}

static int
read_error(struct load *ld, config_t *cfg)
{
	const char *file = config_error_file(cfg) != NULL ? config_error_file(cfg) : ld->path;
	unsigned line = (unsigned)config_error_line(cfg);
	const char *text = config_error_text(cfg) != NULL ? config_error_text(cfg) : "error";
	const config_setting_t *first;
	size_t i;
	struct conf_key k;

	if (config_error_type(cfg) == CONFIG_ERR_FILE_IO) {
		/* the file vanished between check_readable() and now */
		say(ld, "%s: %s", ld->path, text);
	} else if (strcmp(text, "duplicate setting name") == 0 &&
	    (first = duplicate_of(cfg, file, line)) != NULL) {
		const char *name = config_setting_name(first);

		if ((i = conf_keys_find(name)) < conf_keys_count() && conf_keys_get(i, &k) == 0)
			name = k.name;
		if (strcmp(setting_file(ld, first), file) == 0)
			say(ld, "%s:%u: %s: given twice (first at line %u)", file, line,
			    name, (unsigned)config_setting_source_line(first));
		else
			say(ld, "%s:%u: %s: given twice (first at %s:%u)", file, line, name,
			    setting_file(ld, first), (unsigned)config_setting_source_line(first));
	} else {
		say(ld, "%s:%u: %s", file, line, text);
	}
	return SMX_ERR_CONFIG;
}

/* Check and store every top-level setting; the first error stops. */
static int
apply(struct load *ld, const config_setting_t *root, struct conf *c)
{
	size_t n = conf_keys_count(), idx;
	const config_setting_t **seen = calloc(n, sizeof(*seen));
	const config_setting_t *s, *f;
	struct conf_key k;
	int rc = 0;

	if (seen == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	for (int i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		idx = conf_keys_find(config_setting_name(s));
		if (idx >= n || conf_keys_get(idx, &k) != 0) {
			say_at(ld, s, config_setting_name(s), "unknown key");
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		/* libconfig catches exact duplicates; this catches AllowSHA1 + allowsha1 */
		if ((f = seen[idx]) != NULL) {
			if (strcmp(setting_file(ld, f), setting_file(ld, s)) == 0)
				say_at(ld, s, k.name, "given twice (first at line %u)",
				    (unsigned)config_setting_source_line(f));
			else
				say_at(ld, s, k.name, "given twice (first at %s:%u)",
				    setting_file(ld, f), (unsigned)config_setting_source_line(f));
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		seen[idx] = s;
		if ((rc = type_ops[k.type].parse(ld, &k, s, (char *)c + k.offset)) != 0)
			goto out;
	}
out:
	free(seen);
	return rc;
}

struct conf *
conf_load(const char *path, char *err, size_t errlen)
{
	struct load ld = { .path = path, .dir = NULL, .err = err, .errlen = errlen };
	struct conf_snapshot *snap = NULL;
	struct conf *res = NULL;
	config_t cfg;
	int have_cfg = 0, rc;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if ((snap = calloc(1, sizeof(*snap))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	atomic_init(&snap->refs, 1);
	if ((rc = set_defaults(&snap->conf)) != 0)
		goto out;
	if (path != NULL) {
		if ((snap->conf.file = xstrdup(path)) == NULL) {
			rc = SMX_ERR_NOMEM;
			goto out;
		}
		if ((rc = check_readable(&ld)) != 0 || (rc = dir_of(path, &ld.dir)) != 0)
			goto out;
		config_init(&cfg);
		have_cfg = 1;
		if (!config_read_file(&cfg, path)) {
			rc = read_error(&ld, &cfg);
			goto out;
		}
		if ((rc = apply(&ld, config_root_setting(&cfg), &snap->conf)) != 0)
			goto out;
	}
	res = &snap->conf;
	snap = NULL;
out:
	if (res == NULL && rc == SMX_ERR_NOMEM)
		say(&ld, "%s: %s", path != NULL ? path : "built-in defaults", smx_strerror(rc));
	if (have_cfg)
		config_destroy(&cfg);
	free(ld.dir);
	snapshot_free(snap);
	return res;
}

struct conf *
conf_ref(struct conf *c)
{
	/* relaxed: taking a reference publishes nothing (Boost/Rust Arc) */
	if (c != NULL)
		atomic_fetch_add_explicit(&snapshot_of(c)->refs, 1, memory_order_relaxed);
	return c;
}

void
conf_unref(struct conf *c)
{
	struct conf_snapshot *snap;

	if (c == NULL)
		goto out;
	snap = snapshot_of(c);
	/*
	 * release on every drop, acquire before the free: the thread that
	 * frees must see everything the other holders did with the snapshot.
	 */
	if (atomic_fetch_sub_explicit(&snap->refs, 1, memory_order_acq_rel) == 1)
		snapshot_free(snap);
out:
	return;
}

/* ---------------------------------------------------------------------
 * Describing the keys.  The default and range texts are built once into
 * static storage, so the pointers handed out stay valid and the same.
 */

static struct {
	char buf[32];		/* room for a number */
	const char *def;	/* buf, or static text (true, a string default) */
	char range[64];
} key_text[CONF_KEYS_MAX];

/*
 * Built once, under a spin lock made of C11 atomics: the work is a few
 * microseconds, and this keeps <threads.h> (call_once), which not every
 * libc has, out of the library.
 */
static atomic_bool key_text_ready;
static atomic_flag key_text_busy = ATOMIC_FLAG_INIT;

static void
key_text_init(void)
{
	size_t n = conf_keys_count();
	struct conf_key k;

	if (atomic_load_explicit(&key_text_ready, memory_order_acquire))
		goto out;
	while (atomic_flag_test_and_set_explicit(&key_text_busy, memory_order_acquire))
		;
	if (!atomic_load_explicit(&key_text_ready, memory_order_relaxed)) {
		for (size_t i = 0; i < n && i < CONF_KEYS_MAX; i++) {
			if (conf_keys_get(i, &k) != 0)
				continue;
			key_text[i].def = type_ops[k.type].show_default(&k, key_text[i].buf,
			    sizeof(key_text[i].buf));
			range_text(&k, key_text[i].range, sizeof(key_text[i].range));
		}
		atomic_store_explicit(&key_text_ready, 1, memory_order_release);
	}
	atomic_flag_clear_explicit(&key_text_busy, memory_order_release);
out:
	return;
}

size_t
conf_key_count(void)
{
	return conf_keys_count();
}

void
conf_key_describe(size_t i, struct conf_key_info *out)
{
	struct conf_key k;

	key_text_init();
	*out = (struct conf_key_info){ "", "", "", "", "" };
	/* beyond CONF_KEYS_MAX there is no text; check_conf keeps us below */
	if (i >= CONF_KEYS_MAX || conf_keys_get(i, &k) != 0)
		goto out;
	out->name = k.name;
	out->type = type_ops[k.type].name;
	out->def = key_text[i].def;
	out->range = key_text[i].range;
	out->doc = k.doc;
out:
	return;
}
