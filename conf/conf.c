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
 *	The values each key type takes (boolean, integer, size, string, path,
 *	enum, list, group list) and how they are stored are described in
 *	conf_types.c; the syntax checks of strings (Socket, InternalHosts,
 *	Domain, ...) in conf_check.c.
 *
 *	Key names are matched without regard to ASCII case, as opendkim.conf
 *	does; the same key given twice (in any spelling) is an error, and so
 *	is a member given twice in one group of a group list.  Groups and
 *	lists are errors unless the key is of a type that takes one.
 *	libconfig's @include works as libconfig defines it (a relative name
 *	is relative to the working directory, so prefer absolute names).
 *
 *	libconfig keeps no source text, only values and line numbers.  Two
 *	things need the text and are read again from the file: integer
 *	literals (libconfig 1.5 wraps 4294967596 to 300 and reads 027 as
 *	decimal; see conf_types.c) and the name in libconfig's "duplicate
 *	setting name" error, which is looked for in the innermost group being
 *	parsed, so a member given twice in a group list is named as
 *	"SenderPolicies[1].OnFail".
 *
 *	A snapshot is never modified after conf_load() returns, so threads may
 *	read it without locks.  The reference count is a C11 atomic kept in a
 *	private header in front of struct conf; conf_ref() adds a reference,
 *	conf_unref() drops one and frees the snapshot with the last.  A reload
 *	(SIGUSR1) loads a new snapshot and swaps the caller's pointer; holders
 *	of the old one keep it until they unref it.
 * OWNERSHIP
 *	The snapshot owns every string, list and array in it and frees
 *	them with the last conf_unref().  Strings are valid as long
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
 *	  FILE:LINE: KEY: WHAT (expected TYPE, one of A|B|C)	enum
 *	  FILE:LINE: KEY: WHAT (expected TYPE, form FORM)	checked string
 *	  FILE:LINE: KEY[I]: ...		element I (from 0) of a list
 *	  FILE:LINE: KEY[I].MEMBER: ...	a member of a group of a group list
 *	  FILE: out of memory
 *	It never prints, logs or exits; the caller decides.  conf_load() may
 *	run in any thread (e.g. a reload thread); conf_ref(), conf_unref()
 *	and conf_key_describe() are thread-safe.
 * SEE ALSO
 *	conf_keys.c (the keys), conf_types.c (the types), conf_check.c (the
 *	string checks), smime/limits.c (the limits), smimilter.conf(5).
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
#include "conf/conf_types.h"
#include "smime/limits.h"
#include "smime/smx_err.h"

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

const char *
conf_setting_file(const struct load *ld, const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);

	return f != NULL ? f : ld->path;
}

/* "FILE:LINE: KEY: " then the formatted rest. */
void
conf_say_at(struct load *ld, const config_setting_t *s, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ld->err == NULL || ld->errlen == 0)
		goto out;
	n = snprintf(ld->err, ld->errlen, "%s:%u: %s: ", conf_setting_file(ld, s),
	    (unsigned)config_setting_source_line(s), key);
	if (n < 0 || (size_t)n >= ld->errlen)
		goto out;
	va_start(ap, fmt);
	vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
	va_end(ap);
out:
	return;
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
 * length, or NULL.  When depth is not NULL, it is moved by the brackets
 * {, ( and [ and their ends that are passed on the way.
 */
static const char *
next_name(const char *p, const char *end, int one_line, size_t *len, int *depth)
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
			if (depth != NULL && (*p == '{' || *p == '(' || *p == '['))
				(*depth)++;
			else if (depth != NULL && (*p == '}' || *p == ')' || *p == ']'))
				(*depth)--;
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
 * the caller keeps libconfig's value; we never guess).  The first name
 * on or after that line is taken: a setting's line is that of its name.
 */
int
conf_source_integer(const char *file, unsigned line, const char *name,
    char *lit, size_t litlen, long long *val)
{
	char buf[SRC_MAX];
	size_t n = source_text(file, line, buf, sizeof(buf));
	const char *p = buf, *end = buf + n, *w, *q;
	size_t wlen = 0, nlen = strlen(name);
	int rc = 0, base = 10;

	while ((w = next_name(p, end, 0, &wlen, NULL)) != NULL &&
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

#define SRC_WHOLE_MAX	(1024 * 1024)	/* bytes of a file read whole */

/* The whole of file, NUL-terminated, malloc'd; NULL if unreadable. */
static char *
source_whole(const char *file, size_t *len)
{
	FILE *fp = file != NULL ? fopen(file, "r") : NULL;
	char *buf = NULL;

	if (fp == NULL || (buf = malloc(SRC_WHOLE_MAX + 1)) == NULL)
		goto out;
	*len = fread(buf, 1, SRC_WHOLE_MAX, fp);
	buf[*len] = '\0';
out:
	if (fp != NULL)
		fclose(fp);
	return buf;
}

/*
 * The name of the duplicate, and how deep in brackets it stands: the text
 * before `line` is scanned for brackets; on that line, the names before
 * the duplicate are those of the settings already parsed there (`skip` of
 * them), so the duplicate is the next one.  0, or -1 when the text does
 * not say.
 */
static int
duplicate_name(const char *file, unsigned line, unsigned skip, char *name,
    size_t namelen, int *depth)
{
	size_t n = 0, wlen = 0;
	char *buf = source_whole(file, &n);
	const char *p = buf, *q, *end, *w;
	unsigned cur = 1;
	int rc = -1;

	*depth = 0;
	if (buf == NULL)
		goto out;
	end = buf + n;
	for (; cur < line && p < end; p++)
		if (*p == '\n')
			cur++;
	if (cur < line)
		goto out;
	/* the text before the line, in one piece: comments may span lines */
	for (q = buf; (w = next_name(q, p, 0, &wlen, depth)) != NULL; q = w + wlen)
		;
	while ((w = next_name(p, end, 1, &wlen, depth)) != NULL && skip > 0) {
		skip--;
		p = w + wlen;
	}
	if (w == NULL || wlen >= namelen || *depth < 0)
		goto out;
	memcpy(name, w, wlen);
	name[wlen] = '\0';
	rc = 0;
out:
	free(buf);
	return rc;
}

/*
 * libconfig stops at the second of two settings with the same name and
 * reports only "duplicate setting name" and a line.  The settings parsed
 * so far are still in the tree, and the group being parsed is at the end
 * of it: its depth in brackets says how far down the chain of last
 * elements it is (a group list's group is two deep: "( {").  Returns the
 * earlier setting of that name and its name for the error line into path
 * ("AllowSHA1", "SenderPolicies[1].OnFail"), or NULL when the text does
 * not say (then the caller reports libconfig's own message).
 */
static const config_setting_t *
duplicate_of(config_t *cfg, const char *file, unsigned line, char *path, size_t pathlen)
{
	char name[128];
	const config_setting_t *cur = config_root_setting(cfg), *first = NULL, *last;
	struct conf_key top, *tk = NULL;
	size_t i, o = 0;
	int depth = 0, len;

	path[0] = '\0';
	if (duplicate_name(file, line, count_at_line(cur, file, line), name,
	    sizeof(name), &depth) != 0)
		goto out;
	for (; depth > 0; depth--) {
		if (!config_setting_is_aggregate(cur) || (len = config_setting_length(cur)) == 0)
			goto out;
		last = config_setting_get_elem(cur, (unsigned)len - 1);
		if (config_setting_type(cur) != CONFIG_TYPE_GROUP)
			o += (size_t)snprintf(path + o, pathlen - o, "[%d]", len - 1);
		else if (tk == NULL && (i = conf_keys_find(config_setting_name(last))) <
		    conf_keys_count() && conf_keys_get(i, &top) == 0)
			o += (size_t)snprintf(path + o, pathlen - o, "%s", (tk = &top)->name);
		else
			o += (size_t)snprintf(path + o, pathlen - o, "%s%s", o > 0 ? "." : "",
			    config_setting_name(last));
		if (o >= pathlen)
			goto out;
		cur = last;
	}
	if (config_setting_type(cur) != CONFIG_TYPE_GROUP ||
	    (first = config_setting_get_member(cur, name)) == NULL)
		goto out;
	/* the key's or the member's own spelling */
	if (o == 0 && (i = conf_keys_find(name)) < conf_keys_count() && conf_keys_get(i, &top) == 0)
		snprintf(path, pathlen, "%s", top.name);
	else {
		const char *m = name;

		for (i = 0; tk != NULL && i < tk->nmembers; i++)
			if (conf_keys_namecmp(tk->members[i].name, name) == 0)
				m = tk->members[i].name;
		snprintf(path + o, pathlen - o, "%s%s", o > 0 ? "." : "", m);
	}
out:
	return first;
}

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
		if (conf_keys_get(i, &k) == 0 && conf_type_ops[k.type].release != NULL)
			conf_type_ops[k.type].release(&k, &snap->conf);
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
		if ((rc = conf_type_ops[k.type].set_default(&k, c)) != 0)
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
	char name[256];

	if (config_error_type(cfg) == CONFIG_ERR_FILE_IO) {
		/* the file vanished between check_readable() and now */
		say(ld, "%s: %s", ld->path, text);
	} else if (strcmp(text, "duplicate setting name") == 0 &&
	    (first = duplicate_of(cfg, file, line, name, sizeof(name))) != NULL) {
		if (strcmp(conf_setting_file(ld, first), file) == 0)
			say(ld, "%s:%u: %s: given twice (first at line %u)", file, line,
			    name, (unsigned)config_setting_source_line(first));
		else
			say(ld, "%s:%u: %s: given twice (first at %s:%u)", file, line, name,
			    conf_setting_file(ld, first), (unsigned)config_setting_source_line(first));
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
			conf_say_at(ld, s, config_setting_name(s), "unknown key");
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		/* libconfig catches exact duplicates; this catches AllowSHA1 + allowsha1 */
		if ((f = seen[idx]) != NULL) {
			if (strcmp(conf_setting_file(ld, f), conf_setting_file(ld, s)) == 0)
				conf_say_at(ld, s, k.name, "given twice (first at line %u)",
				    (unsigned)config_setting_source_line(f));
			else
				conf_say_at(ld, s, k.name, "given twice (first at %s:%u)",
				    conf_setting_file(ld, f), (unsigned)config_setting_source_line(f));
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		seen[idx] = s;
		if ((rc = conf_type_ops[k.type].parse(ld, &k, s, c)) != 0)
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
		if ((snap->conf.file = conf_strdup(path)) == NULL) {
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
	char buf[CONF_DEFAULT_MAX];	/* a number, a list */
	const char *def;	/* buf, or static text (true, a string default) */
	char range[CONF_RANGE_MAX];
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
			key_text[i].def = conf_type_ops[k.type].show_default(&k, key_text[i].buf,
			    sizeof(key_text[i].buf));
			conf_range_text(&k, key_text[i].range, sizeof(key_text[i].range));
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
	out->type = conf_type_ops[k.type].name;
	out->def = key_text[i].def;
	out->range = key_text[i].range;
	out->doc = k.doc;
out:
	return;
}
