/*
 * conf_types.h: the value types of smimilter.conf (internal to conf/).
 *
 * conf.c walks the file and the key table; conf_types.c knows, for each
 * enum conf_type, how a libconfig setting becomes a value of struct conf,
 * what the default is, how to free it and how to describe it.  The two
 * share the loader state and the error helpers declared here.
 */
#ifndef SMX_CONF_TYPES_H
#define SMX_CONF_TYPES_H

#include <stddef.h>

#include <libconfig.h>

#include "conf/conf_keys.h"

#if defined(__GNUC__)
#define CONF_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#else
#define CONF_PRINTF(f, a)
#endif

/* Room for the text of a default or a range (conf_key_describe()). */
#define CONF_DEFAULT_MAX	128
#define CONF_RANGE_MAX		256

/* What the loader needs while it walks one file. */
struct load {
	const char *path;	/* the file as the caller named it */
	char *dir;		/* its directory with the '/', NULL if none */
	char *err;		/* the caller's buffer, may be NULL */
	size_t errlen;
};

/*
 * One entry per enum conf_type.  base is the struct the key's .offset is
 * into: struct conf for a top-level key, one element of the array for a
 * member of a group list.
 */
struct conf_type_ops {
	const char *name;	/* the type as conf_key_describe() names it */
	const char *expect;	/* what the error messages say is expected */
	const char *intro;	/* what leads the range in an error: ", allowed range " */
	/* value of s into base; 0, or SMX_ERR_CONFIG (err written), or _NOMEM */
	int (*parse)(struct load *, const struct conf_key *,
	    const config_setting_t *, void *base);
	int (*set_default)(const struct conf_key *, void *base);	/* 0 or _NOMEM */
	void (*release)(const struct conf_key *, void *base);	/* NULL: nothing to free */
	const char *(*show_default)(const struct conf_key *, char *, size_t);
	/* the range into buf (and returned); NULL: none */
	const char *(*show_range)(const struct conf_key *, char *, size_t);
};

extern const struct conf_type_ops conf_type_ops[CONF_NTYPES];

/* strdup(), which C11 does not have */
char *conf_strdup(const char *s);

/* The range of k as conf_key_describe() gives it ("" when none). */
const char *conf_range_text(const struct conf_key *k, char *buf, size_t len);

/* The file s came from (an @include'd one, or ld->path). */
const char *conf_setting_file(const struct load *ld, const config_setting_t *s);

/* "FILE:LINE: KEY: " and the formatted rest into ld->err. */
void conf_say_at(struct load *ld, const config_setting_t *s, const char *key,
    const char *fmt, ...) CONF_PRINTF(4, 5);

/*
 * The integer literal assigned to `name` at `line` of file, as written:
 * text into lit, value into *val (base 10, or 16 after 0x).  Returns 1
 * found, -1 found but beyond a long long, 0 not found.
 */
int conf_source_integer(const char *file, unsigned line, const char *name,
    char *lit, size_t litlen, long long *val);

#endif
