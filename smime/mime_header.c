/*
 * NAME
 *	mime_header - Content-Type, Content-Transfer-Encoding and
 *	Content-Disposition values, parsed
 * SYNOPSIS
 *	#include "smime/mime_header.h"
 *
 *	enum mime_header_field mime_header_field(const char *name, size_t len);
 *	int mime_header_content_type(const char *s, size_t len,
 *	    struct mime_header_value **out);
 *	int mime_header_disposition(const char *s, size_t len,
 *	    struct mime_header_value **out);
 *	struct mime_header_value *mime_header_value_free(
 *	    struct mime_header_value *v);
 *	enum mime_cte mime_header_cte(const char *s, size_t len);
 *	const char *mime_header_param(const struct mime_param *params,
 *	    size_t n, const char *name);
 * DESCRIPTION
 *	The stream parser keeps four header fields of an entity and hands
 *	their values here once the header block is complete.
 *
 *	A structured value is read in two passes.  The first splits it into
 *	raw parameters (name lower-cased, value unquoted) following RFC 2045
 *	section 5.1 and the RFC 822 lexical rules: comments and folding white
 *	space may stand between any two items, a quoted string undoes
 *	backslash escapes and drops the CR and LF of a fold.  The second
 *	applies RFC 2231: it sorts the raw parameters by base name, form and
 *	section number, so that duplicates, sections and the plain / extended
 *	choice are decided per group in O(n log n) however hostile the value,
 *	then puts the groups back in order of first appearance.
 *
 *	The charset of an RFC 2231 value is not converted: the value is the
 *	decoded bytes (usually UTF-8); the language tag is dropped.
 * LIMITS
 *	Work memory is linear in the value length; the caller bounds that
 *	(the stream parser by max_line).
 * OWNERSHIP
 *	A struct mime_header_value is one allocation (struct, parameter array,
 *	strings) owned by the caller until mime_header_value_free().  Input is
 *	only borrowed during the call.
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM when memory runs out; malformed input is never an error
 *	(it sets ->malformed).
 * SEE ALSO
 *	RFC 2045 5.1 and 6.1, RFC 2183, RFC 2231, RFC 5322 3.2.2.
 */
#include <stdlib.h>
#include <string.h>

#include "smime/mime_header.h"
#include "smime/smx_err.h"

/* A growing byte buffer; err latches the first allocation failure. */
struct buf {
	char *p;
	size_t len, cap;
	int err;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->err || n == 0)
		return;
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 64;
		char *np;

		while (cap - b->len < n)
			cap *= 2;
		if ((np = realloc(b->p, cap)) == NULL) {
			b->err = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
buf_addc(struct buf *b, int c)
{
	unsigned char ch = (unsigned char)c;

	buf_add(b, &ch, 1);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* RFC 2045 token character: printable US-ASCII but no tspecial. */
static int
is_token(unsigned char c)
{
	return c > 32 && c < 127 && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The lexical state of one value being read. */
struct lex {
	const unsigned char *s;
	size_t len, i;
	int malformed;
};

/* Skip white space and (nested) comments. */
static void
skip_cfws(struct lex *x)
{
	while (x->i < x->len) {
		if (is_ws(x->s[x->i])) {
			x->i++;
			continue;
		}
		if (x->s[x->i] != '(')
			return;
		size_t depth = 0;

		while (x->i < x->len) {
			unsigned char c = x->s[x->i++];

			if (c == '\\' && x->i < x->len)
				x->i++;
			else if (c == '(')
				depth++;
			else if (c == ')' && --depth == 0)
				break;
		}
		if (depth != 0)
			x->malformed = 1;	/* unterminated comment */
	}
}

/* Skip to the next ';' outside a quoted string (after a syntax error). */
static void
skip_to_semicolon(struct lex *x)
{
	int quoted = 0;

	for (; x->i < x->len; x->i++) {
		unsigned char c = x->s[x->i];

		if (quoted && c == '\\')
			x->i++;
		else if (c == '"')
			quoted = !quoted;
		else if (c == ';' && !quoted)
			return;
	}
}

static size_t
take_token(struct lex *x)
{
	size_t start = x->i;

	while (x->i < x->len && is_token(x->s[x->i]))
		x->i++;
	return x->i - start;
}

/* Append a quoted string (x->i on the opening quote), unescaped. */
static void
take_quoted(struct lex *x, struct buf *b)
{
	x->i++;
	while (x->i < x->len) {
		unsigned char c = x->s[x->i++];

		if (c == '"')
			return;
		if (c == '\\') {
			if (x->i == x->len)
				break;
			c = x->s[x->i++];
		} else if (c == '\r' || c == '\n') {
			continue;	/* the line break of a fold */
		}
		if (c == '\0') {
			x->malformed = 1;	/* keep C strings whole */
			continue;
		}
		buf_addc(b, c);
	}
	x->malformed = 1;	/* unterminated */
}

/* An unquoted value, leniently: see mime_header.h. */
static void
take_bare(struct lex *x, struct buf *b)
{
	size_t start = x->i;

	while (x->i < x->len) {
		unsigned char c = x->s[x->i];

		if (c == ';' || c == '"' || c == '(' || c < 32 || c == 127 || c == ' ')
			break;
		x->i++;
	}
	if (x->i == start)
		x->malformed = 1;	/* "name=" with nothing */
	buf_add(b, x->s + start, x->i - start);
}

/* Forms of an RFC 2231 parameter name. */
enum { P_PLAIN, P_EXT, P_SECT };

struct rawp {
	size_t name, namelen;	/* offsets into the work buffer */
	size_t val, vallen;
	const char *namep;	/* set once the work buffer stops moving */
	size_t baselen;		/* name without the RFC 2231 suffix */
	int form;
	int enc;		/* section with '*': %-encoded */
	unsigned long sect;
	size_t seq;
};

/* Classify a lower-case name: "n", "n*", "n*<digits>", "n*<digits>*". */
static void
classify(struct rawp *r, const char *name)
{
	const char *star = memchr(name, '*', r->namelen);
	size_t i;

	r->form = P_PLAIN;
	r->baselen = r->namelen;
	r->enc = 0;
	r->sect = 0;
	if (star == NULL)
		return;
	i = (size_t)(star - name) + 1;
	if (i == r->namelen) {
		r->form = P_EXT;
		r->baselen = i - 1;
		return;
	}
	size_t d0 = i;
	unsigned long n = 0;

	while (i < r->namelen && name[i] >= '0' && name[i] <= '9' && i - d0 < 9)
		n = n * 10 + (unsigned long)(name[i++] - '0');
	if (i == d0)
		return;		/* "a*b": a plain (odd) name */
	if (i < r->namelen && name[i] == '*') {
		r->enc = 1;
		i++;
	}
	if (i != r->namelen) {
		r->enc = 0;
		return;
	}
	r->form = P_SECT;
	r->sect = n;
	r->baselen = (size_t)(star - name);
}

static int
rawp_cmp(const void *a, const void *b)
{
	const struct rawp *x = a, *y = b;
	size_t n = x->baselen < y->baselen ? x->baselen : y->baselen;
	int c = memcmp(x->namep, y->namep, n);

	if (c != 0)
		return c;
	if (x->baselen != y->baselen)
		return x->baselen < y->baselen ? -1 : 1;
	if (x->form != y->form)
		return x->form < y->form ? -1 : 1;
	if (x->sect != y->sect)
		return x->sect < y->sect ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Append %-decoded p; with charset, skip the leading charset'lang'. */
static void
add_decoded(struct buf *b, const char *p, size_t n, int charset, int *malformed)
{
	if (charset) {
		const char *q1 = memchr(p, '\'', n), *q2 = NULL;

		if (q1 != NULL)
			q2 = memchr(q1 + 1, '\'', n - (size_t)(q1 + 1 - p));
		if (q2 == NULL)
			*malformed = 1;
		else {
			n -= (size_t)(q2 + 1 - p);
			p = q2 + 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '%') {
			int h = i + 2 < n ? hexval(p[i + 1]) : -1;
			int l = i + 2 < n ? hexval(p[i + 2]) : -1;

			/* %00 stays literal: no value may hold a NUL. */
			if (h >= 0 && l >= 0 && (h | l) != 0) {
				buf_addc(b, h << 4 | l);
				i += 2;
				continue;
			}
			*malformed = 1;
		}
		buf_add(b, p + i, 1);
	}
}

/* One output parameter: offsets into the output buffer. */
struct outp {
	size_t name, val, seq;
};

static int
outp_cmp(const void *a, const void *b)
{
	const struct outp *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Resolve the group raw[0..n) (same base name, sorted) into one parameter
 * appended to ob.  Returns its output record.
 */
static struct outp
resolve(const char *work, const struct rawp *raw, size_t n, struct buf *ob,
    int *malformed)
{
	const struct rawp *plain = NULL, *ext = NULL;
	size_t s0 = n, nsect = 0;
	struct outp o;

	o.seq = raw[0].seq;
	for (size_t i = 0; i < n; i++) {
		if (raw[i].seq < o.seq)
			o.seq = raw[i].seq;
		if (raw[i].form == P_PLAIN) {
			if (plain != NULL)
				*malformed = 1;
			else
				plain = &raw[i];
		} else if (raw[i].form == P_EXT) {
			if (ext != NULL)
				*malformed = 1;
			else
				ext = &raw[i];
		} else {
			if (s0 == n)
				s0 = i;
			nsect++;
		}
	}
	o.name = ob->len;
	buf_add(ob, raw[0].namep, raw[0].baselen);
	buf_addc(ob, 0);
	o.val = ob->len;
	if (ext != NULL) {
		if (nsect)
			*malformed = 1;
		add_decoded(ob, work + ext->val, ext->vallen, 1, malformed);
	} else if (nsect) {
		unsigned long want = 0;

		for (size_t i = s0; i < s0 + nsect; i++) {
			const struct rawp *r = &raw[i];

			if (r->sect < want) {
				*malformed = 1;	/* same section again */
				continue;
			}
			if (r->sect != want) {
				*malformed = 1;	/* a gap: stop there */
				break;
			}
			if (r->enc)
				add_decoded(ob, work + r->val, r->vallen, want == 0, malformed);
			else
				buf_add(ob, work + r->val, r->vallen);
			want++;
		}
		if (want == 0 && plain != NULL)
			buf_add(ob, work + plain->val, plain->vallen);
	} else {
		buf_add(ob, work + plain->val, plain->vallen);
	}
	buf_addc(ob, 0);
	return o;
}

/* Append the lower-case token ("type/subtype" with slash) to ob, NUL
 * terminated; 0 when the value does not start with one. */
static int
read_token(struct lex *x, int slash, struct buf *ob)
{
	size_t t0, tl, s0 = 0, sl = 0;

	skip_cfws(x);
	t0 = x->i;
	if ((tl = take_token(x)) == 0)
		return 0;
	if (slash) {
		skip_cfws(x);
		if (x->i >= x->len || x->s[x->i] != '/')
			return 0;
		x->i++;
		skip_cfws(x);
		s0 = x->i;
		if ((sl = take_token(x)) == 0)
			return 0;
	}
	for (size_t i = 0; i < tl; i++)
		buf_addc(ob, lower(x->s[t0 + i]));
	if (slash) {
		buf_addc(ob, '/');
		for (size_t i = 0; i < sl; i++)
			buf_addc(ob, lower(x->s[s0 + i]));
	}
	buf_addc(ob, 0);
	return 1;
}

/*
 * Read "*(; name=value)" from x; append each resolved parameter (name NUL
 * value NUL) to ob and its record to *opp (a new array of *nout, in order
 * of first appearance).  Returns 0 or SMX_ERR_NOMEM.
 */
static int
read_params(struct lex *x, struct buf *ob, struct outp **opp, size_t *nout)
{
	struct buf work = { 0 };
	struct rawp *raw = NULL;
	struct outp *op = NULL;
	size_t nraw = 0, craw = 0, n = 0;
	int rc = SMX_ERR_NOMEM, sep = 0;

	/* Pass 1: raw parameters, names lower-cased, values unquoted. */
	for (;;) {
		skip_cfws(x);
		if (x->i >= x->len)
			break;
		if (x->s[x->i] == ';') {
			x->i++;
			sep = 1;
			continue;
		}
		if (!sep)
			x->malformed = 1;	/* missing ';': read on */
		sep = 0;
		size_t n0 = x->i, nl = take_token(x);

		if (nl == 0) {
			x->malformed = 1;
			x->i++;		/* always make progress */
			skip_to_semicolon(x);
			continue;
		}
		skip_cfws(x);
		if (x->i >= x->len || x->s[x->i] != '=') {
			x->malformed = 1;
			skip_to_semicolon(x);
			continue;
		}
		x->i++;
		skip_cfws(x);
		if (nraw == craw) {
			size_t nc = craw ? craw * 2 : 8;
			struct rawp *nr = realloc(raw, nc * sizeof(*raw));

			if (nr == NULL)
				goto out;
			raw = nr;
			craw = nc;
		}
		struct rawp *r = &raw[nraw];

		r->seq = nraw;
		r->name = work.len;
		r->namelen = nl;
		for (size_t i = 0; i < nl; i++)
			buf_addc(&work, lower(x->s[n0 + i]));
		r->val = work.len;
		if (x->i < x->len && x->s[x->i] == '"')
			take_quoted(x, &work);
		else
			take_bare(x, &work);
		r->vallen = work.len - r->val;
		nraw++;
	}
	if (work.err)
		goto out;

	/* Pass 2: RFC 2231 groups, decided per base name after sorting. */
	for (size_t i = 0; i < nraw; i++) {
		raw[i].namep = work.p + raw[i].name;
		classify(&raw[i], raw[i].namep);
		if (raw[i].baselen == 0)
			x->malformed = 1;
	}
	if (nraw > 0) {
		qsort(raw, nraw, sizeof(*raw), rawp_cmp);
		if ((op = malloc(nraw * sizeof(*op))) == NULL)
			goto out;
	}
	for (size_t i = 0; i < nraw;) {
		size_t j = i + 1;

		while (j < nraw && raw[j].baselen == raw[i].baselen &&
		    memcmp(raw[j].namep, raw[i].namep, raw[i].baselen) == 0)
			j++;
		if (raw[i].baselen > 0)
			op[n++] = resolve(work.p, &raw[i], j - i, ob, &x->malformed);
		i = j;
	}
	if (n > 1)
		qsort(op, n, sizeof(*op), outp_cmp);
	*opp = op;
	*nout = n;
	op = NULL;
	rc = 0;
out:
	free(work.p);
	free(raw);
	free(op);
	return rc;
}

/* Parse "token [/ token] *(; param)"; slash: the token is type/subtype. */
static int
parse_value(const char *s, size_t len, int slash, struct mime_header_value **out)
{
	struct lex x = { (const unsigned char *)(s ? s : ""), s ? len : 0, 0, 0 };
	struct buf ob = { 0 };
	struct outp *op = NULL;
	struct mime_header_value *v = NULL;
	size_t nout = 0;
	int rc = SMX_ERR_NOMEM, tok;

	*out = NULL;
	/* The token goes first in the output buffer.  Without one, RFC 2045
	 * 5.2 falls back to the default: parameters are not worth reading. */
	if (!(tok = read_token(&x, slash, &ob)))
		x.malformed = 1;
	else if (read_params(&x, &ob, &op, &nout) != 0)
		goto out;
	if (ob.err)
		goto out;

	/* One allocation: struct, parameter array, strings. */
	size_t head = sizeof(*v) + nout * sizeof(struct mime_param);

	if ((v = malloc(head + ob.len)) == NULL)
		goto out;
	struct mime_param *params = (struct mime_param *)(v + 1);
	char *str = (char *)v + head;

	if (ob.len)
		memcpy(str, ob.p, ob.len);
	for (size_t i = 0; i < nout; i++) {
		params[i].name = str + op[i].name;
		params[i].value = str + op[i].val;
	}
	v->token = tok ? str : NULL;
	v->params = nout ? params : NULL;
	v->nparams = nout;
	v->malformed = x.malformed;
	*out = v;
	rc = 0;
out:
	free(ob.p);
	free(op);
	return rc;
}

int
mime_header_content_type(const char *s, size_t len, struct mime_header_value **out)
{
	return parse_value(s, len, 1, out);
}

int
mime_header_disposition(const char *s, size_t len, struct mime_header_value **out)
{
	return parse_value(s, len, 0, out);
}

struct mime_header_value *
mime_header_value_free(struct mime_header_value *v)
{
	free(v);
	return NULL;
}

/* s[0..len) equals the lower-case word w, ignoring case. */
static int
word_is(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len && w[i] != '\0'; i++)
		if (lower((unsigned char)s[i]) != w[i])
			return 0;
	return i == len && w[i] == '\0';
}

enum mime_cte
mime_header_cte(const char *s, size_t len)
{
	static const struct {
		const char *name;
		enum mime_cte cte;
	} tab[] = {
		{ "7bit", MIME_CTE_7BIT }, { "8bit", MIME_CTE_8BIT },
		{ "binary", MIME_CTE_BINARY }, { "base64", MIME_CTE_BASE64 },
		{ "quoted-printable", MIME_CTE_QP },
	};
	struct lex x = { (const unsigned char *)s, s ? len : 0, 0, 0 };
	size_t t0, tl;

	skip_cfws(&x);
	t0 = x.i;
	tl = take_token(&x);
	skip_cfws(&x);
	if (tl == 0 || x.i != x.len)
		return MIME_CTE_UNKNOWN;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (word_is(s + t0, tl, tab[i].name))
			return tab[i].cte;
	return MIME_CTE_UNKNOWN;
}

enum mime_header_field
mime_header_field(const char *name, size_t len)
{
	static const char *const names[MIME_HEADER_NFIELDS] = {
		"content-type", "content-transfer-encoding",
		"content-disposition", "from",
	};

	if (name == NULL)
		return MIME_HEADER_OTHER;
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	for (int i = 0; i < MIME_HEADER_NFIELDS; i++)
		if (word_is(name, len, names[i]))
			return (enum mime_header_field)i;
	return MIME_HEADER_OTHER;
}

const char *
mime_header_param(const struct mime_param *params, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(params[i].name, name) == 0)
			return params[i].value;
	return NULL;
}
