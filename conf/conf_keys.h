/*
 * conf_keys.h: the one table of configuration keys (internal to conf/ and
 * its tests).
 *
 * conf_keys.c declares every key of struct conf exactly once: its name, its
 * type, where its value lives, its default, its range and one line of
 * documentation.  The limits of smime/limits.c are not repeated there: one
 * row of type CONF_LIMITS stands for all of limits_table[], and the
 * accessors below expand it, so every caller sees one flat list of keys in
 * which each limit is a key of type CONF_SIZE.
 *
 * Adding a type is a local change: a new enum value here, the fields it
 * needs in struct conf_key (e.g. the allowed words of an enum, or the member
 * table of a group), and one entry in the type table of conf.c (parse,
 * default, free, describe).  Nothing else walks the keys by type.
 */
#ifndef SMX_CONF_KEYS_H
#define SMX_CONF_KEYS_H

#include <stddef.h>

enum conf_type {
	CONF_BOOLEAN,	/* int 0/1; libconfig true/false only */
	CONF_INTEGER,	/* long, within [min.l, max.l] */
	CONF_SIZE,	/* size_t, within [min.z, max.z]; a number or "64k" */
	CONF_STRING,	/* char *, malloc'd; NULL = unset */
	CONF_PATH,	/* char *, like string; relative = to the config file */
	CONF_LIMITS,	/* table row only: expands to limits_table[] (CONF_SIZE) */
	/*
	 * Planned: CONF_ENUM (one of .words, stored as the index),
	 * CONF_LIST (array of strings), CONF_GROUP (a group, or a list of
	 * groups, parsed with a member table of its own).
	 */
	CONF_NTYPES
};

union conf_value {
	int b;			/* boolean */
	long l;			/* integer */
	size_t z;		/* size */
	const char *s;		/* string, path: NULL = none */
};

struct conf_key {
	const char *name;	/* OpenDKIM-style CamelCase; matched without case */
	enum conf_type type;
	size_t offset;		/* offsetof(struct conf, field) */
	union conf_value def;	/* the default */
	union conf_value min;	/* integer, size: smallest allowed value */
	union conf_value max;	/* integer, size: largest allowed value */
	const char *doc;	/* one line, for --list-keys and the man page */
};

/*
 * An upper bound on conf_keys_count(), so that texts built per key can live
 * in static storage; check_conf tests that the table stays below it.
 */
#define CONF_KEYS_MAX	128

/* Number of keys, limits expanded. */
size_t conf_keys_count(void);

/*
 * Key i (0 <= i < conf_keys_count()) into *out, limits expanded: a limit
 * comes out as a CONF_SIZE key whose offset is into struct conf.  Returns 0,
 * or -1 when i is out of range (then *out is untouched).
 */
int conf_keys_get(size_t i, struct conf_key *out);

/* Index of the key called name, ignoring ASCII case; conf_keys_count() if
 * there is none. */
size_t conf_keys_find(const char *name);

/* ASCII-only case-insensitive compare, independent of the locale. */
int conf_keys_namecmp(const char *a, const char *b);

#endif
