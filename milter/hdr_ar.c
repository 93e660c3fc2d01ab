/*
 * NAME
 *	hdr_ar - build Authentication-Results and the BR compliance header
 * SYNOPSIS
 *	#include "milter/hdr_ar.h"
 *
 *	char *hdr_ar_value(const struct verdict *v, const char *authserv_id,
 *	    size_t name_len);
 *	char *hdr_br_value(const struct verdict *v, size_t name_len);
 *	int hdr_ar_is_ours(const char *value, const char *authserv_id);
 * DESCRIPTION
 *	Every value that came from a message or a certificate goes through
 *	the sanitizer with the narrowest class its property allows (an
 *	addr-spec, hex, a part id) and is then written as an RFC 8601 pvalue:
 *	bare when it is a token or an addr-spec, else a quoted-string with
 *	'"' and '\\' escaped.  So a subject or SAN holding CR, LF, ';', '"' or
 *	'(' cannot end the value, start a new resinfo or forge a header.
 *	RFC 7281 wants body.smime-serial and body.smime-issuer together: both
 *	or neither.  Folding happens only between our own items, with "\n\t"
 *	(libmilter values never carry CR).
 * OWNERSHIP
 *	The strings returned are malloc()ed for the caller.
 * SEE ALSO
 *	RFC 8601 2.2, RFC 7281 3, MILTER-CONVENTIONS.md 2.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "milter/hdr_ar.h"
#include "smime/sanitize.h"

#define FOLD_AT 78
#define VALUE_MAX 256

/* An output buffer that folds between items. */
struct fold {
	char *buf;
	size_t len, cap;
	size_t col;		/* column of the current line */
	int nomem;
};

static void
put(struct fold *f, const char *s, size_t n)
{
	if (f->nomem)
		return;
	if (f->len + n + 1 > f->cap) {
		size_t cap = f->cap ? f->cap : 256;
		char *nb;

		while (cap < f->len + n + 1)
			cap *= 2;
		if ((nb = realloc(f->buf, cap)) == NULL) {
			f->nomem = 1;
			return;
		}
		f->buf = nb;
		f->cap = cap;
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	f->buf[f->len] = '\0';
	for (size_t i = 0; i < n; i++)
		f->col = s[i] == '\n' ? 0 : f->col + 1;
}

/* One item, preceded by a space or by a fold when the line would be long. */
static void
item(struct fold *f, const char *s, int first)
{
	size_t n = strlen(s);

	if (!first) {
		if (f->col + 1 + n > FOLD_AT)
			put(f, "\n\t", 2);
		else
			put(f, " ", 1);
	}
	put(f, s, n);
}

static char *
fold_done(struct fold *f)
{
	if (f->nomem || f->buf == NULL) {
		free(f->buf);
		return NULL;
	}
	return f->buf;
}

/* A token in the RFC 2045 sense: no tspecials, no space, no controls. */
static int
is_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    strchr("()<>@,;:\\\"/[]?=", *s) != NULL)
			return 0;
	return 1;
}

/* An addr-spec made of atext and dots around one '@'. */
static int
is_plain_addr(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return 0;
	for (; *s; s++)
		if (*s != '@' && *s != '.' && !isalnum((unsigned char)*s) &&
		    strchr("!#$%&'*+-/=?^_`{|}~", *s) == NULL)
			return 0;
	return 1;
}

/* "name=value" with value sanitized by cls and quoted when it must be. */
static void
prop(struct fold *f, const char *name, const char *raw, enum san_class cls)
{
	char *v = sanitize(raw, cls, VALUE_MAX), *out;
	size_t n, o;

	if (v == NULL) {
		f->nomem = 1;
		return;
	}
	n = strlen(name) + 2 * strlen(v) + 4;
	if ((out = malloc(n)) == NULL) {
		free(v);
		f->nomem = 1;
		return;
	}
	o = (size_t)sprintf(out, "%s=", name);
	if (is_token(v) || (cls == SAN_ADDR && is_plain_addr(v))) {
		strcpy(out + o, v);
	} else {
		out[o++] = '"';
		for (const char *p = v; *p; p++) {
			if (*p == '"' || *p == '\\')
				out[o++] = '\\';
			out[o++] = *p;
		}
		out[o++] = '"';
		out[o] = '\0';
	}
	item(f, out, 0);
	free(out);
	free(v);
}

static void
resinfo(struct fold *f, enum smx_result r, const char *reason)
{
	char m[64];

	put(f, ";", 1);
	snprintf(m, sizeof(m), "smime=%s", smx_result_name(r));
	item(f, m, 0);
	if (reason != NULL)
		prop(f, "reason", reason, SAN_TOKEN);
}

char *
hdr_ar_value(const struct verdict *v, const char *authserv_id, size_t name_len)
{
	const struct smx_report *rep = v->rep;
	struct fold f = { NULL, 0, 0, name_len + 2, 0 };
	char *id = sanitize(authserv_id, SAN_TOKEN, VALUE_MAX);
	size_t signers = 0;

	if (id == NULL)
		return NULL;
	item(&f, id, 1);
	free(id);
	for (size_t i = 0; i < rep->nlayers; i++) {
		const struct smx_layer *l = &rep->layers[i];

		if (l->kind == SMX_LAYER_ENCRYPTED)
			continue;
		if (l->nsigners == 0) {
			/* A layer that failed before any signer: still report it. */
			resinfo(&f, l->result, l->reason);
			prop(&f, "header.from", l->from, SAN_ADDR);
			prop(&f, "body.smime-part", l->part, SAN_TOKEN);
			signers++;
		}
		for (size_t j = 0; j < l->nsigners; j++, signers++) {
			const struct smx_signer *s = &l->signers[j];

			resinfo(&f, s->result, s->result == SMX_PASS ? NULL : s->reason);
			if (l->from != NULL)
				prop(&f, "header.from", l->from, SAN_ADDR);
			if (s->identity != NULL)
				prop(&f, "body.smime-identifier", s->identity, SAN_ADDR);
			prop(&f, "body.smime-part", l->part, SAN_TOKEN);
			if (s->serial != NULL && s->issuer != NULL) {
				prop(&f, "body.smime-serial", s->serial, SAN_HEX);
				prop(&f, "body.smime-issuer", s->issuer, SAN_TEXT);
			}
		}
	}
	if (signers == 0) {
		resinfo(&f, rep->result, rep->reason);
		if (rep->from != NULL)
			prop(&f, "header.from", rep->from, SAN_ADDR);
	}
	return fold_done(&f);
}

/*
 * Why no certificate was judged: the judged signer's reason (a private
 * CA), a signer without a certificate, or the message's own reason when no
 * signer was read at all (unsigned, encrypted, malformed, too large).
 */
static const char *
br_none_reason(const struct verdict *v)
{
	if (v->br_worst != NULL)
		return v->br_worst->reason;
	if (v->nsigners > 0 && v->br[0].reason != NULL)
		return v->br[0].reason;
	if (v->rep != NULL && v->rep->reason != NULL)
		return v->rep->reason;
	return "unsigned";
}

char *
hdr_br_value(const struct verdict *v, size_t name_len)
{
	struct fold f = { NULL, 0, 0, name_len + 2, 0 };
	const struct br_verdict *b = v->br_worst;
	char buf[96];

	snprintf(buf, sizeof(buf), "%s", br_result_name(v->br_result));
	item(&f, buf, 1);
	if (b == NULL || b->reason != NULL) {
		put(&f, ";", 1);
		prop(&f, "reason", br_none_reason(v), SAN_TOKEN);
		return fold_done(&f);
	}
	put(&f, ";", 1);
	snprintf(buf, sizeof(buf), "type=%s;", br_type_name(b->prof.type));
	item(&f, buf, 0);
	snprintf(buf, sizeof(buf), "generation=%s", br_gen_name(b->prof.gen));
	item(&f, buf, 0);
	if (b->nfindings > 0) {
		/* One item: a comma list is not folded inside. */
		struct fold list = { NULL, 0, 0, 0, 0 };

		put(&list, "findings=", 9);
		for (size_t i = 0; i < b->nfindings; i++) {
			int dup = 0;

			for (size_t k = 0; k < i && !dup; k++)
				dup = b->findings[k].rule == b->findings[i].rule;
			if (dup)
				continue;
			if (list.len > 9)
				put(&list, ",", 1);
			put(&list, b->findings[i].rule->code, strlen(b->findings[i].rule->code));
		}
		put(&f, ";", 1);
		if (list.nomem)
			f.nomem = 1;
		else
			item(&f, list.buf, 0);
		free(list.buf);
	}
	return fold_done(&f);
}

/* Skip CFWS: whitespace and (nested) comments. */
static const char *
skip_cfws(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (*p == '\\' && depth > 0 && p[1] != '\0')
			p++;
		else if (depth == 0 && !isspace((unsigned char)*p))
			break;
	}
	return p;
}

int
hdr_ar_is_ours(const char *value, const char *authserv_id)
{
	const char *p = skip_cfws(value), *start;
	size_t n = strlen(authserv_id);

	if (*p == '"') {
		start = ++p;
		while (*p && *p != '"')
			p++;
	} else {
		start = p;
		while (*p && !isspace((unsigned char)*p) && *p != ';' && *p != '(')
			p++;
	}
	return (size_t)(p - start) == n && strncasecmp(start, authserv_id, n) == 0;
}
