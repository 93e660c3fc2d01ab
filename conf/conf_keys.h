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
 * table of a group), and one entry in the type table of conf_types.c
 * (parse, default, free, describe).  Nothing else walks the keys by type.
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
	CONF_ENUM,	/* int: index of one of .words */
	CONF_LIST,	/* struct conf_list: a libconfig array or list of strings */
	CONF_GROUP_LIST,	/* a libconfig list of groups, each parsed with .members */
	CONF_NTYPES
};

union conf_value {
	int b;			/* boolean */
	long l;			/* integer */
	size_t z;		/* size */
	const char *s;		/* string, path: NULL = none */
	const char *const *v;	/* list: NULL-terminated; NULL = the empty list */
};

struct conf_key {
	const char *name;	/* OpenDKIM-style CamelCase; matched without case */
	enum conf_type type;
	size_t offset;		/* offsetof(struct conf, field) */
	union conf_value def;	/* the default */
	union conf_value min;	/* integer, size: smallest allowed value */
	union conf_value max;	/* integer, size: largest allowed value */
	const char *doc;	/* one line, for --list-keys and the man page */

	/* integer */
	int octal;		/* a literal with a leading 0 is octal; shown in octal */
	/* enum: the value is the index of the word; def.l is the default */
	const char *const *words;	/* NULL-terminated */
	unsigned except;	/* bit i set: words[i] is not allowed for this key */
	/* string, and each element of a list */
	const char *(*check)(const char *v);	/* NULL, or why v is wrong */
	const char *form;	/* what check() allows, e.g. "user[:group]" */
	/* a member of a group list's groups */
	int required;		/* the member must be given */
	int unique;		/* no two groups give it the same string (any case) */
	/* group list: .offset is that of the array pointer */
	const struct conf_key *members;	/* offsets into one element */
	size_t nmembers;
	size_t elem_size;	/* sizeof one element */
	size_t count_offset;	/* offsetof(struct conf, its size_t count) */
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
