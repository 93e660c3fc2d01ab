/*
 * NAME
 *	jsonw - write JSON objects one member at a time
 * DESCRIPTION
 *	Keeps only the comma state per nesting level, so output goes straight
 *	to the FILE without building a tree.  Strings that came from a message
 *	or a certificate go through the one sanitizer (SAN_UTF8) before JSON
 *	escaping, so a reader sees exactly what a header or log line would
 *	show.  The writer never fails on its own; write errors are the FILE's
 *	(the caller checks ferror()).
 */
#include <stdlib.h>

#include "milter/jsonw.h"
#include "smime/sanitize.h"

void
jw_init(struct jsonw *w, FILE *fp)
{
	w->fp = fp;
	w->depth = 0;
	w->first[0] = 1;
}

static void
escape(FILE *fp, const char *s)
{
	putc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\u%04x", *p);
		else
			putc(*p, fp);
	}
	putc('"', fp);
}

static void
member(struct jsonw *w, const char *key)
{
	if (!w->first[w->depth])
		putc(',', w->fp);
	w->first[w->depth] = 0;
	if (key != NULL) {
		escape(w->fp, key);
		putc(':', w->fp);
	}
}

void
jw_open(struct jsonw *w, const char *key, int array)
{
	if (w->depth > 0)
		member(w, key);
	putc(array ? '[' : '{', w->fp);
	if (w->depth < JSONW_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = 1;
}

void
jw_close(struct jsonw *w, int array)
{
	putc(array ? ']' : '}', w->fp);
	if (w->depth > 0)
		w->depth--;
}

void
jw_str(struct jsonw *w, const char *key, const char *s)
{
	char *clean;

	if (s == NULL) {
		jw_null(w, key);
		return;
	}
	clean = sanitize(s, SAN_UTF8, 4096);
	member(w, key);
	escape(w->fp, clean != NULL ? clean : "");
	free(clean);
}

void
jw_tok(struct jsonw *w, const char *key, const char *s)
{
	if (s == NULL) {
		jw_null(w, key);
		return;
	}
	member(w, key);
	escape(w->fp, s);
}

void
jw_bool(struct jsonw *w, const char *key, int b)
{
	member(w, key);
	fputs(b ? "true" : "false", w->fp);
}

void
jw_num(struct jsonw *w, const char *key, long long n)
{
	member(w, key);
	fprintf(w->fp, "%lld", n);
}

void
jw_null(struct jsonw *w, const char *key)
{
	member(w, key);
	fputs("null", w->fp);
}
