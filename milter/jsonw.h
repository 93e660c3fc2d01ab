/*
 * jsonw.h: a small streaming JSON writer for smimecheck's JSON Lines.
 */
#ifndef SMX_JSONW_H
#define SMX_JSONW_H

#include <stdio.h>

#define JSONW_DEPTH 16

struct jsonw {
	FILE *fp;
	int depth;
	int first[JSONW_DEPTH];	/* no member written yet at this level */
};

void jw_init(struct jsonw *w, FILE *fp);
void jw_open(struct jsonw *w, const char *key, int array);	/* key NULL in arrays */
void jw_close(struct jsonw *w, int array);
/* A string from a message or a certificate: sanitized (SAN_UTF8), then escaped. */
void jw_str(struct jsonw *w, const char *key, const char *s);
/* A string of ours (tokens, names): escaped only. NULL writes null. */
void jw_tok(struct jsonw *w, const char *key, const char *s);
void jw_bool(struct jsonw *w, const char *key, int b);
void jw_num(struct jsonw *w, const char *key, long long n);
void jw_null(struct jsonw *w, const char *key);

#endif
