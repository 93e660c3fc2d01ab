/*
 * NAME
 *	conf_types - the value types of smimilter.conf: parse, default,
 *	free, describe
 * SYNOPSIS
 *	#include "conf/conf_types.h"
 *
 *	extern const struct conf_type_ops conf_type_ops[CONF_NTYPES];
 *	const char *conf_range_text(const struct conf_key *k, char *buf, size_t len);
 *	char *conf_strdup(const char *s);
 * DESCRIPTION
 *	One entry of conf_type_ops[] per enum conf_type of conf_keys.h.
 *	Values, by type:
 *	boolean	libconfig true or false (any case).  An integer or a string
 *		("yes") is an error, not a guess.
 *	integer	a libconfig integer (5, 0x1F, 5L), within the key's range.
 *		For an .octal key (UMask) a literal with a leading 0 is
 *		octal, as umask(1) and opendkim.conf read it: 027 is 23.
 *		libconfig 1.5 reads 027 as 27, so the literal is re-read
 *		from the file; a digit 8 or 9 in it is an error.
 *	size	an integer as above, or a string of decimal digits with an
 *		optional suffix k, M or G (any case; powers of 1024).
 *	string	a libconfig string; when the key has a .check, one that
 *		passes it (conf_check.c).
 *	path	a non-empty string; a relative path is joined to the
 *		directory of the config file.
 *	enum	a string that is one of the key's .words (any case) and not
 *		excluded by its .except mask; stored as the word's index.
 *	list	a libconfig array [ ] or list ( ) of strings, each passing
 *		the key's .check; stored as a struct conf_list whose v is
 *		NULL-terminated.  Empty is fine.
 *	group list
 *		a libconfig list of groups, ( { ... }, { ... } ) (or an
 *		empty [ ] or ( )), each parsed with the key's .members as
 *		a table of keys of its own: names matched without case,
 *		unknown members and members given twice are errors, a
 *		.required member must be given, a .unique one may not repeat
 *		(any case) across the groups; absent members keep their
 *		member default.  Stored as an array of .elem_size elements
 *		and a size_t count at .count_offset.
 *	Errors in a list name the element, counted from 0, and in a group
 *	list the member: "InternalHosts[1]", "SenderPolicies[0].OnFail",
 *	with the line of that element or member.
 * OWNERSHIP
 *	Strings, lists and arrays are malloc'd into the snapshot and freed
 *	by release().  A parse that fails leaves the field as it was and
 *	frees what it built.  show_default() and show_range() return buf
 *	or static text.
 * DIAGNOSTICS
 *	parse() returns 0, SMX_ERR_CONFIG after writing
 *	"FILE:LINE: KEY: WHAT (expected TYPE[, INTRO RANGE])" to ld->err, or
 *	SMX_ERR_NOMEM (nothing written; conf_load() says it).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "conf/conf_types.h"
#include "smime/smx_err.h"

/* ---------------------------------------------------------------------
 * Helpers
 */

char *
conf_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
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

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Append s to buf (of len, holding o bytes); keeps it terminated. */
static size_t
append(char *buf, size_t len, size_t o, const char *s)
{
	size_t n = strlen(s);

	if (o >= len)
		return o;
	if (n > len - 1 - o)
		n = len - 1 - o;
	memcpy(buf + o, s, n);
	buf[o + n] = '\0';
	return o + n;
}

const char *
conf_range_text(const struct conf_key *k, char *buf, size_t len)
{
	buf[0] = '\0';
	if (conf_type_ops[k->type].show_range != NULL)
		return conf_type_ops[k->type].show_range(k, buf, len);
	return buf;
}

/* "FILE:LINE: KEY: WHAT (expected TYPE, INTRO RANGE)" */
static int bad_value(struct load *ld, const struct conf_key *k,
    const config_setting_t *s, const char *fmt, ...) CONF_PRINTF(4, 5);

static int
bad_value(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    const char *fmt, ...)
{
	char what[256], rbuf[CONF_RANGE_MAX];
	const struct conf_type_ops *t = &conf_type_ops[k->type];
	const char *range = conf_range_text(k, rbuf, sizeof(rbuf));
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	conf_say_at(ld, s, k->name, "%s (expected %s%s%s)", what, t->expect,
	    range[0] != '\0' ? t->intro : "", range);
	return SMX_ERR_CONFIG;
}

static int
wrong_type(struct load *ld, const struct conf_key *k, const config_setting_t *s)
{
	return bad_value(ld, k, s, "wrong type: %s", lc_type_name(config_setting_type(s)));
}

/* k under another name ("InternalHosts[1]"), for an error about a part */
static const struct conf_key *
renamed(const struct conf_key *k, const char *name, struct conf_key *tmp)
{
	*tmp = *k;
	tmp->name = name;
	return tmp;
}

/*
 * The literal of integer setting s as written, when it can be found:
 * see conf_source_integer().  Elements of lists have no name to look for.
 */
static int
literal(struct load *ld, const config_setting_t *s, char *lit, size_t len,
    long long *val)
{
	const char *name = config_setting_name(s);

	if (name == NULL)
		return 0;
	return conf_source_integer(conf_setting_file(ld, s),
	    (unsigned)config_setting_source_line(s), name, lit, len, val);
}

/*
 * A libconfig integer setting as a long long.  libconfig 1.5 stores an
 * integer literal without the L suffix in an int through atoi()/strtoul(),
 * so 4294967596 silently becomes 300: when the literal does not fit an
 * int we use the literal, so that an out-of-range value is reported as
 * the admin wrote it.
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
	found = literal(ld, s, lit, sizeof(lit), &litval);
	if (found < 0)
		rc = bad_value(ld, k, s, "%s is out of range", lit);
	else if (found > 0 && type == CONFIG_TYPE_INT && (litval < INT_MIN || litval > INT_MAX))
		*v = litval;
out:
	return rc;
}

/* ---------------------------------------------------------------------
 * boolean
 */

static int
bool_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	*(int *)((char *)base + k->offset) = config_setting_get_bool(s) ? 1 : 0;
out:
	return rc;
}

static int
bool_default(const struct conf_key *k, void *base)
{
	*(int *)((char *)base + k->offset) = k->def.b ? 1 : 0;
	return 0;
}

static const char *
bool_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return k->def.b ? "true" : "false";
}

/* ---------------------------------------------------------------------
 * integer
 */

/* an .octal key's value as an admin writes it: 0, 007, 0777 */
static const char *
octal_text(long v, char *buf, size_t len)
{
	if (v == 0)
		snprintf(buf, len, "0");
	else if (v < 0)
		snprintf(buf, len, "%ld", v);
	else
		snprintf(buf, len, "0%02lo", (unsigned long)v);
	return buf;
}

/*
 * An .octal key: libconfig read the literal in decimal (1.5 knows no
 * octal), so read it again, and in base 8 when it starts with 0 and a
 * digit.  The literal, when found, is left in lit.  Returns 1 and sets *v
 * when it was octal, 0 when it was not or cannot be found,
 * SMX_ERR_CONFIG on an error.
 */
static int
octal_value(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    long long *v, char *lit, size_t len)
{
	long long dec = 0;
	const char *d;
	char *end;
	int rc = 0;

	if (literal(ld, s, lit, len, &dec) == 0)
		goto out;
	d = lit + (lit[0] == '-' || lit[0] == '+');
	if (d[0] != '0' || !is_digit(d[1]))
		goto out;
	errno = 0;
	*v = strtoll(lit, &end, 8);
	if (*end != '\0') {
		rc = bad_value(ld, k, s, "%s is not an octal number", lit);
		goto out;
	}
	if (errno == ERANGE) {
		rc = bad_value(ld, k, s, "%s is out of range", lit);
		goto out;
	}
	rc = 1;
out:
	return rc;
}

static int
int_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	char lit[64] = "";
	long long v = 0;
	int rc = get_integer(ld, k, s, &v);

	if (rc != 0)
		goto out;
	if (k->octal && (rc = octal_value(ld, k, s, &v, lit, sizeof(lit))) < 0)
		goto out;
	rc = 0;
	if (v < k->min.l || v > k->max.l) {
		/* an octal key's value reads best as it was written */
		if (k->octal && lit[0] != '\0')
			rc = bad_value(ld, k, s, "%s is out of range", lit);
		else
			rc = bad_value(ld, k, s, "%lld is out of range", v);
		goto out;
	}
	*(long *)((char *)base + k->offset) = (long)v;
out:
	return rc;
}

static int
int_default(const struct conf_key *k, void *base)
{
	*(long *)((char *)base + k->offset) = k->def.l;
	return 0;
}

static const char *
int_show(const struct conf_key *k, char *buf, size_t len)
{
	if (k->octal)
		return octal_text(k->def.l, buf, len);
	snprintf(buf, len, "%ld", k->def.l);
	return buf;
}

static const char *
int_range(const struct conf_key *k, char *buf, size_t len)
{
	char lo[32], hi[32];

	if (k->octal)
		snprintf(buf, len, "%s..%s", octal_text(k->min.l, lo, sizeof(lo)),
		    octal_text(k->max.l, hi, sizeof(hi)));
	else
		snprintf(buf, len, "%ld..%ld", k->min.l, k->max.l);
	return buf;
}

/* ---------------------------------------------------------------------
 * size
 */

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
    void *base)
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
	*(size_t *)((char *)base + k->offset) = (size_t)v;
out:
	return rc;
}

static int
size_default(const struct conf_key *k, void *base)
{
	*(size_t *)((char *)base + k->offset) = k->def.z;
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

/* ---------------------------------------------------------------------
 * string, path
 */

static void
set_string(const struct conf_key *k, void *base, char *v)
{
	char **dst = (char **)((char *)base + k->offset);

	free(*dst);
	*dst = v;
}

/* t against k->check; 0 or SMX_ERR_CONFIG */
static int
check_string(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    const char *t)
{
	char q[64];
	const char *why = k->check != NULL ? k->check(t) : NULL;

	return why == NULL ? 0 : bad_value(ld, k, s, "%s %s", quote(t, q, sizeof(q)), why);
}

static int
str_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	char *v;
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	if ((rc = check_string(ld, k, s, config_setting_get_string(s))) != 0)
		goto out;
	if ((v = conf_strdup(config_setting_get_string(s))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	set_string(k, base, v);
out:
	return rc;
}

/*
 * Relative paths are joined to the config file's directory here, once,
 * so that what the snapshot holds means the same after a chdir().
 */
static int
path_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
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
	set_string(k, base, v);
out:
	return rc;
}

static int
str_default(const struct conf_key *k, void *base)
{
	char *v = NULL;
	int rc = 0;

	if (k->def.s != NULL && (v = conf_strdup(k->def.s)) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	set_string(k, base, v);
out:
	return rc;
}

static void
str_release(const struct conf_key *k, void *base)
{
	set_string(k, base, NULL);
}

static const char *
str_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return k->def.s != NULL ? k->def.s : "";
}

static const char *
form_range(const struct conf_key *k, char *buf, size_t len)
{
	buf[0] = '\0';
	if (k->form != NULL)
		append(buf, len, 0, k->form);
	return buf;
}

/* ---------------------------------------------------------------------
 * enum
 */

static int
enum_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	char q[64];
	const char *t;
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	t = config_setting_get_string(s);
	for (unsigned i = 0; k->words[i] != NULL; i++) {
		if (i < CHAR_BIT * sizeof(k->except) && ((k->except >> i) & 1u))
			continue;
		if (conf_keys_namecmp(k->words[i], t) == 0) {
			*(int *)((char *)base + k->offset) = (int)i;
			goto out;
		}
	}
	rc = bad_value(ld, k, s, "%s is not allowed", quote(t, q, sizeof(q)));
out:
	return rc;
}

static int
enum_default(const struct conf_key *k, void *base)
{
	*(int *)((char *)base + k->offset) = (int)k->def.l;
	return 0;
}

static const char *
enum_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return k->def.l >= 0 ? k->words[k->def.l] : "";
}

/* The allowed words, "accept|tag|quarantine|tempfail|reject". */
static const char *
enum_range(const struct conf_key *k, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (unsigned i = 0; k->words[i] != NULL; i++) {
		if (i < CHAR_BIT * sizeof(k->except) && ((k->except >> i) & 1u))
			continue;
		if (o > 0)
			o = append(buf, len, o, "|");
		o = append(buf, len, o, k->words[i]);
	}
	return buf;
}

/* ---------------------------------------------------------------------
 * list of strings
 */

static void
list_free(struct conf_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
list_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	struct conf_list *dst = (struct conf_list *)((char *)base + k->offset);
	struct conf_list l = { NULL, 0 };
	struct conf_key tmp;
	char name[128];
	int rc = 0, type = config_setting_type(s);
	size_t n;

	if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	n = (size_t)config_setting_length(s);
	if ((l.v = calloc(n + 1, sizeof(*l.v))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	for (; l.n < n; l.n++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)l.n);
		const struct conf_key *ek;

		snprintf(name, sizeof(name), "%s[%zu]", k->name, l.n);
		ek = renamed(k, name, &tmp);
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			rc = wrong_type(ld, ek, e);
			goto out;
		}
		if ((rc = check_string(ld, ek, e, config_setting_get_string(e))) != 0)
			goto out;
		if ((l.v[l.n] = conf_strdup(config_setting_get_string(e))) == NULL) {
			rc = SMX_ERR_NOMEM;
			goto out;
		}
	}
	list_free(dst);
	*dst = l;
	l = (struct conf_list){ NULL, 0 };
out:
	list_free(&l);
	return rc;
}

static int
list_default(const struct conf_key *k, void *base)
{
	struct conf_list *dst = (struct conf_list *)((char *)base + k->offset);
	struct conf_list l = { NULL, 0 };
	size_t n = 0;
	int rc = 0;

	while (k->def.v != NULL && k->def.v[n] != NULL)
		n++;
	if ((l.v = calloc(n + 1, sizeof(*l.v))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	for (; l.n < n; l.n++)
		if ((l.v[l.n] = conf_strdup(k->def.v[l.n])) == NULL) {
			rc = SMX_ERR_NOMEM;
			goto out;
		}
	list_free(dst);
	*dst = l;
	l = (struct conf_list){ NULL, 0 };
out:
	list_free(&l);
	return rc;
}

static void
list_release(const struct conf_key *k, void *base)
{
	list_free((struct conf_list *)((char *)base + k->offset));
}

/* The default as it would be written: ["127.0.0.1", "::1"] */
static const char *
list_show(const struct conf_key *k, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	if (k->def.v == NULL)
		goto out;
	o = append(buf, len, o, "[");
	for (size_t i = 0; k->def.v[i] != NULL; i++) {
		o = append(buf, len, o, i > 0 ? ", \"" : "\"");
		o = append(buf, len, o, k->def.v[i]);
		o = append(buf, len, o, "\"");
	}
	append(buf, len, o, "]");
out:
	return buf;
}

/* ---------------------------------------------------------------------
 * list of groups
 */

static size_t *
count_of(const struct conf_key *k, void *base)
{
	return (size_t *)((char *)base + k->count_offset);
}

static void
groups_free(const struct conf_key *k, char *arr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t m = 0; m < k->nmembers; m++) {
			const struct conf_key *mk = &k->members[m];

			if (conf_type_ops[mk->type].release != NULL)
				conf_type_ops[mk->type].release(mk, arr + i * k->elem_size);
		}
	free(arr);
}

/* The member of group g called name (any case), or NULL. */
static const config_setting_t *
member_setting(const config_setting_t *g, const char *name)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);

		if (conf_keys_namecmp(config_setting_name(m), name) == 0)
			return m;
	}
	return NULL;
}

/* Member mk of element i must differ from that of every earlier element. */
static int
check_unique(struct load *ld, const struct conf_key *k, const struct conf_key *mk,
    const config_setting_t *s, char *arr, size_t i, const char *name)
{
	const char *v = *(char **)(arr + i * k->elem_size + mk->offset), *w;
	const config_setting_t *here, *first;
	char q[64];
	int rc = 0;

	for (size_t j = 0; v != NULL && j < i; j++) {
		w = *(char **)(arr + j * k->elem_size + mk->offset);
		if (w == NULL || conf_keys_namecmp(v, w) != 0)
			continue;
		here = member_setting(config_setting_get_elem(s, (unsigned)i), mk->name);
		first = member_setting(config_setting_get_elem(s, (unsigned)j), mk->name);
		if (here == NULL)	/* not given: a default; not so today */
			here = config_setting_get_elem(s, (unsigned)i);
		if (first == NULL)
			first = config_setting_get_elem(s, (unsigned)j);
		conf_say_at(ld, here, name, "%s given twice (first at line %u)",
		    quote(v, q, sizeof(q)), (unsigned)config_setting_source_line(first));
		rc = SMX_ERR_CONFIG;
		break;
	}
	return rc;
}

/* Group g (element i of key k) into elem; 0, SMX_ERR_CONFIG or _NOMEM. */
static int
group_parse(struct load *ld, const struct conf_key *k, const config_setting_t *g,
    size_t i, void *elem, const config_setting_t **seen)
{
	char name[160];
	struct conf_key tmp;
	size_t m;
	int rc = 0;

	for (int j = 0; j < config_setting_length(g); j++) {
		const config_setting_t *ms = config_setting_get_elem(g, (unsigned)j);
		const char *mname = config_setting_name(ms);

		for (m = 0; m < k->nmembers && conf_keys_namecmp(k->members[m].name, mname) != 0; m++)
			;
		if (m == k->nmembers) {
			snprintf(name, sizeof(name), "%s[%zu].%s", k->name, i, mname);
			conf_say_at(ld, ms, name, "unknown key");
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		snprintf(name, sizeof(name), "%s[%zu].%s", k->name, i, k->members[m].name);
		if (seen[m] != NULL) {
			conf_say_at(ld, ms, name, "given twice (first at line %u)",
			    (unsigned)config_setting_source_line(seen[m]));
			rc = SMX_ERR_CONFIG;
			goto out;
		}
		seen[m] = ms;
		rc = conf_type_ops[k->members[m].type].parse(ld,
		    renamed(&k->members[m], name, &tmp), ms, elem);
		if (rc != 0)
			goto out;
	}
	for (m = 0; m < k->nmembers; m++) {
		if (k->members[m].required && seen[m] == NULL) {
			snprintf(name, sizeof(name), "%s[%zu].%s", k->name, i, k->members[m].name);
			rc = bad_value(ld, renamed(&k->members[m], name, &tmp), g, "missing");
			goto out;
		}
	}
out:
	return rc;
}

static int
groups_parse(struct load *ld, const struct conf_key *k, const config_setting_t *s,
    void *base)
{
	const config_setting_t **seen = NULL;
	char *arr = NULL, name[160];
	struct conf_key tmp;
	size_t n = 0, done = 0;
	int rc = 0, type = config_setting_type(s);

	if (type != CONFIG_TYPE_LIST && !(type == CONFIG_TYPE_ARRAY && config_setting_length(s) == 0)) {
		rc = wrong_type(ld, k, s);
		goto out;
	}
	n = (size_t)config_setting_length(s);
	if ((arr = calloc(n > 0 ? n : 1, k->elem_size)) == NULL ||
	    (seen = calloc(k->nmembers > 0 ? k->nmembers : 1, sizeof(*seen))) == NULL) {
		rc = SMX_ERR_NOMEM;
		goto out;
	}
	for (; done < n; done++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)done);
		char *elem = arr + done * k->elem_size;

		snprintf(name, sizeof(name), "%s[%zu]", k->name, done);
		if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
			rc = wrong_type(ld, renamed(k, name, &tmp), g);
			goto out;
		}
		for (size_t m = 0; m < k->nmembers; m++) {
			seen[m] = NULL;
			if ((rc = conf_type_ops[k->members[m].type].set_default(&k->members[m], elem)) != 0) {
				done++;		/* free what the defaults allocated */
				goto out;
			}
		}
		if ((rc = group_parse(ld, k, g, done, elem, seen)) != 0) {
			done++;
			goto out;
		}
		for (size_t m = 0; m < k->nmembers; m++) {
			if (!k->members[m].unique)
				continue;
			snprintf(name, sizeof(name), "%s[%zu].%s", k->name, done, k->members[m].name);
			if ((rc = check_unique(ld, k, &k->members[m], s, arr, done, name)) != 0) {
				done++;
				goto out;
			}
		}
	}
	groups_free(k, *(char **)((char *)base + k->offset), *count_of(k, base));
	if (n == 0) {		/* as the default: no array at all */
		free(arr);
		arr = NULL;
	}
	*(char **)((char *)base + k->offset) = arr;
	*count_of(k, base) = n;
	arr = NULL;
out:
	if (arr != NULL)
		groups_free(k, arr, done);
	free(seen);
	return rc;
}

static int
groups_default(const struct conf_key *k, void *base)
{
	*(char **)((char *)base + k->offset) = NULL;
	*count_of(k, base) = 0;
	return 0;
}

static void
groups_release(const struct conf_key *k, void *base)
{
	groups_free(k, *(char **)((char *)base + k->offset), *count_of(k, base));
	groups_default(k, base);
}

static const char *
groups_show(const struct conf_key *k, char *buf, size_t len)
{
	(void)k;
	(void)len;
	buf[0] = '\0';
	return buf;
}

/* The member names: "Domain, OnUnsigned, ..." */
static const char *
groups_range(const struct conf_key *k, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t m = 0; m < k->nmembers; m++) {
		if (m > 0)
			o = append(buf, len, o, ", ");
		o = append(buf, len, o, k->members[m].name);
	}
	return buf;
}

/* ---------------------------------------------------------------------
 * The table
 */

const struct conf_type_ops conf_type_ops[CONF_NTYPES] = {
	[CONF_BOOLEAN] = { "boolean", "boolean: true or false", "",
		bool_parse, bool_default, NULL, bool_show, NULL },
	[CONF_INTEGER] = { "integer", "integer", ", allowed range ",
		int_parse, int_default, NULL, int_show, int_range },
	[CONF_SIZE] = { "size", "size: a number, or a string with suffix k, M or G",
		", allowed range ",
		size_parse, size_default, NULL, size_show, size_range },
	[CONF_STRING] = { "string", "string", ", form ",
		str_parse, str_default, str_release, str_show, form_range },
	[CONF_PATH] = { "path", "path: a non-empty string", "",
		path_parse, str_default, str_release, str_show, NULL },
	/* CONF_LIMITS never reaches here: conf_keys_get() expands it. */
	[CONF_ENUM] = { "enum", "string", ", one of ",
		enum_parse, enum_default, NULL, enum_show, enum_range },
	[CONF_LIST] = { "list", "array or list of strings", ", each ",
		list_parse, list_default, list_release, list_show, form_range },
	[CONF_GROUP_LIST] = { "groups", "list of groups", ", members ",
		groups_parse, groups_default, groups_release, groups_show, groups_range },
};
