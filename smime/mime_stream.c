/*
 * NAME
 *	mime_stream - one-pass, bounded, push-style MIME parser
 * SYNOPSIS
 *	#include "smime/mime_stream.h"
 *
 *	struct mime_stream *mime_stream_new(const struct smx_limits *lim,
 *	    const struct mime_callbacks *cb, const struct mime_origin *origin);
 *	struct mime_stream *mime_stream_free(struct mime_stream *ms);
 *	int mime_stream_write(struct mime_stream *ms, const void *buf, size_t len);
 *	int mime_stream_finish(struct mime_stream *ms);
 *	const struct smx_limit_def *mime_stream_limit(const struct mime_stream *ms);
 *	const char *mime_param(const struct mime_entity *ent, const char *name);
 * DESCRIPTION
 *	The message is cut into lines as it arrives (LF ends a line; a CR
 *	right before it belongs to the line end; any other CR is data).  Each
 *	line goes to the innermost open entity, a stack of frames:
 *
 *	F_HEADER	a header block; only the fields mime_header.h names are
 *			kept (From only for a message root), all bytes count
 *			toward max_header_bytes; a blank line completes it
 *	F_BODY		the body of a leaf; decoded for body() when asked
 *	F_PREAMBLE	a multipart before its first delimiter
 *	F_PARTS		a multipart with a part open (never the top frame)
 *	F_EPILOGUE	a multipart after its close delimiter
 *	F_MESSAGE	message/rfc822 or message/global with its one child
 *			open (never the top frame)
 *
 *	Delimiters (RFC 2046 5.1.1).  A line that starts with "--" while some
 *	multipart is open is held back (at most max_boundary + 4 + DELIM_PAD
 *	bytes) until it is known whether it reads "--" boundary ["--"]
 *	followed only by SP / HT, checked against the open multiparts from
 *	the innermost out.  A longer line is body, so body lines of any length
 *	stream through; the cost is that a delimiter padded with more than
 *	DELIM_PAD bytes of white space is not recognised.
 *
 *	The line end that precedes a delimiter belongs to the delimiter.  So
 *	the CRLF of every line is held (ms->nl) until the next line shows what
 *	it is: an ordinary line gives the CRLF to the entity of the line that
 *	it ended (nl_depth), a delimiter gives it to its multipart.  This one
 *	rule yields RFC 8551's canonical parts: a part's raw bytes stop before
 *	that CRLF, its decoded body too, and a message/rfc822 header's blank
 *	line stays with the message/rfc822 entity rather than its child.
 *
 *	Output is batched: raw bytes collect in a 64 KiB buffer that is
 *	flushed when the depth changes, when it fills, before begin(), end()
 *	and body(), and at the end; decoded bytes collect likewise.  So raw()
 *	always runs ahead of the body() bytes decoded from it.
 * LIMITS
 *	All from struct smx_limits: max_depth (an entity deeper than it is
 *	not created), max_parts (entities counted in *origin->parts_used,
 *	shared with nested streams), max_header_bytes (one header block,
 *	counted with CRLF line ends, the blank line excluded), max_line (one
 *	kept field: name, colon and unfolded value), max_boundary.  Reaching
 *	one records it for mime_stream_limit(), ends every open entity with
 *	MIME_DEF_ABORTED and ignores the rest of the input.  Memory is then
 *	bounded by about 3 x 64 KiB of buffers, 4 x max_line of kept fields
 *	and, per open entity (at most max_depth + 1 of them), its parsed
 *	Content-Type, Content-Disposition, From and id.
 * OWNERSHIP
 *	The stream owns every frame; struct mime_entity and its strings live
 *	until end() returns.  Input buffers are only borrowed during write().
 *	mime_stream_free() makes no callbacks: a caller that drops a stream
 *	before finish() gets no end() for the entities still open.
 * DIAGNOSTICS
 *	write() and finish() return 0, SMX_ERR_NOMEM, SMX_ERR_STATE (after
 *	finish), SMX_ERR_INVAL (NULL stream) or the negative value a callback
 *	returned.  After an error, every entity whose begin() was called gets
 *	its end() (MIME_DEF_ABORTED, return value ignored) before the error is
 *	returned, and later calls return the same error.  A limit is not an
 *	error.  Malformed MIME is reported as MIME_DEF_* bits, never an error.
 * SEE ALSO
 *	RFC 2045, RFC 2046 5.1, RFC 2231, RFC 6532 3.5, RFC 8551 3.1.1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/limits.h"
#include "smime/mime_decode.h"
#include "smime/mime_header.h"
#include "smime/mime_stream.h"
#include "smime/smx_err.h"

#define OUTBUF		65536	/* raw and body batches */
#define DELIM_PAD	128	/* transport padding recognised after a delimiter */
#define NAME_KEEP	32	/* longest field name worth comparing */
#define BOUNDARY_CAP	(1u << 20)	/* sanity cap on lim->max_boundary */
#define STOP		1	/* internal: parse stopped (limit or error) */

enum fstate { F_HEADER, F_BODY, F_PREAMBLE, F_PARTS, F_EPILOGUE, F_MESSAGE };
enum lstate { L_START, L_PEEK, L_PASS };
enum hstate { H_START, H_NAME, H_VALUE, H_SKIP };

struct frame {
	struct mime_entity ent;
	enum fstate st;
	char *id;
	struct mime_header_value *ctype, *disp;
	char *from;
	const char *boundary;	/* in ctype */
	size_t blen;
	size_t nchild;
	int begun, seen_delim, closed, digest, want_body;
	struct mime_decode *dec;
};

struct kept {
	char *p;
	size_t len, cap;
	int have;
	int cut;	/* MaxHeaderLine cut it: its value is not what was sent */
};

struct mime_stream {
	struct smx_limits lim;
	struct mime_callbacks cb;
	char *root_id;		/* origin->id, copied */
	size_t root_depth;
	size_t parts_local, *parts;

	struct frame **stack;
	size_t nstack, capstack;
	size_t nactive;		/* multiparts in F_PREAMBLE or F_PARTS */

	/* the current line */
	enum lstate lst;
	int cr_pending;		/* the chunk ended in CR */
	size_t linelen;
	unsigned char *peek;
	size_t peeklen, peekmax;

	/* the CRLF that ended the previous line, not given yet */
	int nl, nl_body;
	size_t nl_depth;

	/* the header block being read (always the top frame's) */
	enum hstate hst;
	int field;		/* kept field a continuation extends, or -1 */
	int any_field;
	char name[NAME_KEEP];
	size_t namelen;
	int name_long;
	size_t hdr_bytes;
	struct kept kept[MIME_HEADER_NFIELDS];

	unsigned char *raw;
	size_t rawlen, rawdepth;
	unsigned char *body;
	size_t bodylen;
	struct frame *bodyf;

	const struct smx_limit_def *limit;
	int err, stopped, finished;
};

static int end_all(struct mime_stream *, unsigned);
static int push_frame(struct mime_stream *, struct frame *);

static struct frame *
top(const struct mime_stream *ms)
{
	return ms->stack[ms->nstack - 1];
}

static struct frame *
frame_free(struct frame *f)
{
	if (f == NULL)
		return NULL;
	free(f->id);
	mime_header_value_free(f->ctype);
	mime_header_value_free(f->disp);
	free(f->from);
	mime_decode_free(f->dec);
	free(f);
	return NULL;
}

/*
 * A callback failed or memory ran out: end every begun entity (return
 * values ignored: the parse is over anyway) so the caller can release
 * ent->user, and stop.
 */
static int
fail(struct mime_stream *ms, int rc)
{
	ms->err = rc;
	ms->stopped = 1;
	while (ms->nstack > 0) {
		struct frame *f = ms->stack[--ms->nstack];

		if (f->begun && ms->cb.end != NULL) {
			f->ent.defects |= MIME_DEF_ABORTED;
			(void)ms->cb.end(ms->cb.arg, &f->ent);
		}
		frame_free(f);
	}
	ms->nactive = 0;
	ms->bodyf = NULL;
	return STOP;
}

static int
hit_limit(struct mime_stream *ms, size_t offset)
{
	for (size_t i = 0; i < limits_count; i++)
		if (limits_table[i].offset == offset)
			ms->limit = &limits_table[i];
	ms->stopped = 1;	/* before end_all(): no second limit */
	(void)end_all(ms, MIME_DEF_ABORTED);
	return STOP;
}

#define LIMIT(ms, field) hit_limit((ms), offsetof(struct smx_limits, field))

static int
flush_raw(struct mime_stream *ms)
{
	size_t n = ms->rawlen;
	int rc;

	if (n == 0)
		return 0;
	ms->rawlen = 0;
	if ((rc = ms->cb.raw(ms->cb.arg, ms->rawdepth, ms->raw, n)) < 0)
		return fail(ms, rc);
	return 0;
}

static int
put_raw(struct mime_stream *ms, size_t depth, const void *p, size_t n)
{
	int rc;

	if (ms->cb.raw == NULL || n == 0)
		return 0;
	if (ms->rawlen > 0 && (depth != ms->rawdepth || n > OUTBUF - ms->rawlen ||
	    n >= OUTBUF / 2) && (rc = flush_raw(ms)) != 0)
		return rc;
	if (n >= OUTBUF / 2) {
		/* Long runs (a huge line) go straight through. */
		if ((rc = ms->cb.raw(ms->cb.arg, depth, p, n)) < 0)
			return fail(ms, rc);
		return 0;
	}
	memcpy(ms->raw + ms->rawlen, p, n);
	ms->rawlen += n;
	ms->rawdepth = depth;
	return 0;
}

static unsigned
dec_defects(const struct frame *f)
{
	unsigned d = mime_decode_defects(f->dec), r = 0;

	if (d & MIME_DECODE_DEF_BASE64_MASK)
		r |= MIME_DEF_BAD_BASE64;
	if (d & MIME_DECODE_DEF_QP_MASK)
		r |= MIME_DEF_BAD_QP;
	return r;
}

/* Flush raw first: body() never gets ahead of the raw bytes. */
static int
flush_body(struct mime_stream *ms)
{
	struct frame *f = ms->bodyf;
	size_t n = ms->bodylen;
	int rc;

	if ((rc = flush_raw(ms)) != 0 || n == 0)
		return rc;
	ms->bodylen = 0;
	f->ent.defects |= dec_defects(f);
	if ((rc = ms->cb.body(ms->cb.arg, &f->ent, ms->body, n)) < 0)
		return fail(ms, rc);
	return 0;
}

static int
put_body(struct mime_stream *ms, struct frame *f, const unsigned char *p, size_t n)
{
	int rc;

	if (!f->want_body)
		return 0;
	ms->bodyf = f;
	while (n > 0) {
		size_t take = n < OUTBUF / 2 ? n : OUTBUF / 2;

		if (OUTBUF - ms->bodylen < take + MIME_DECODE_SLACK &&
		    (rc = flush_body(ms)) != 0)
			return rc;
		if (f->dec != NULL)
			ms->bodylen += mime_decode_update(f->dec, p, take,
			    ms->body + ms->bodylen);
		else {
			memcpy(ms->body + ms->bodylen, p, take);
			ms->bodylen += take;
		}
		p += take;
		n -= take;
	}
	return 0;
}

/* Give the held CRLF to the entity of the line it ended. */
static int
resolve_nl(struct mime_stream *ms)
{
	int rc;

	if (!ms->nl)
		return 0;
	ms->nl = 0;
	if ((rc = put_raw(ms, ms->nl_depth, "\r\n", 2)) != 0)
		return rc;
	if (ms->nl_body)
		return put_body(ms, top(ms), (const unsigned char *)"\r\n", 2);
	return 0;
}

static int
frame_is_message(const struct frame *f)
{
	return f->ent.parent == NULL || f->ent.parent->kind == MIME_MESSAGE;
}

static char *
dup_trimmed(const char *p, size_t n)
{
	char *s;

	while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    p[n - 1] == '\r' || p[n - 1] == '\n'))
		n--;
	if ((s = malloc(n + 1)) != NULL) {
		if (n > 0)
			memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* The value of a kept field; never NULL, even when it is empty. */
static const char *
kept_value(const struct kept *k)
{
	return k->p != NULL ? k->p : "";
}

/*
 * The header block of f is complete (truncated: cut by a delimiter, the end
 * of input or a limit).  Parse the kept fields, call begin(), and unless
 * truncated move f into its body state.
 */
static int
hdr_complete(struct mime_stream *ms, struct frame *f, int truncated)
{
	/* A field cut by MaxHeaderLine is not used: half a From or
	 * Content-Type is not what the sender wrote. */
	struct kept *k = ms->kept;
	struct mime_entity *e = &f->ent;
	const char *fn = NULL;
	int rc;

	if (k[MIME_HEADER_CONTENT_TYPE].have && !k[MIME_HEADER_CONTENT_TYPE].cut) {
		if (mime_header_content_type(kept_value(&k[MIME_HEADER_CONTENT_TYPE]),
		    k[MIME_HEADER_CONTENT_TYPE].len, &f->ctype) != 0)
			return fail(ms, SMX_ERR_NOMEM);
		if (f->ctype->token == NULL || f->ctype->malformed)
			e->defects |= MIME_DEF_BAD_HEADER;
		if (f->ctype->token != NULL) {
			e->type = f->ctype->token;
			e->params = f->ctype->params;
			e->nparams = f->ctype->nparams;
			fn = mime_param(e, "name");
		}
	}
	if (k[MIME_HEADER_CTE].have && !k[MIME_HEADER_CTE].cut) {
		e->cte = mime_header_cte(kept_value(&k[MIME_HEADER_CTE]),
		    k[MIME_HEADER_CTE].len);
		if (e->cte == MIME_CTE_UNKNOWN)
			e->defects |= MIME_DEF_BAD_CTE;
	}
	if (k[MIME_HEADER_DISPOSITION].have && !k[MIME_HEADER_DISPOSITION].cut) {
		if (mime_header_disposition(kept_value(&k[MIME_HEADER_DISPOSITION]),
		    k[MIME_HEADER_DISPOSITION].len, &f->disp) != 0)
			return fail(ms, SMX_ERR_NOMEM);
		const char *dfn = mime_header_param(f->disp->params,
		    f->disp->nparams, "filename");

		if (dfn != NULL)
			fn = dfn;
	}
	e->filename = fn;
	if (k[MIME_HEADER_FROM].have && !k[MIME_HEADER_FROM].cut) {
		if ((f->from = dup_trimmed(kept_value(&k[MIME_HEADER_FROM]),
		    k[MIME_HEADER_FROM].len)) == NULL)
			return fail(ms, SMX_ERR_NOMEM);
		e->from = f->from;
	}

	/* A container in base64 or quoted-printable cannot be read in
	 * place: it stays a leaf, flagged unless RFC 6532 allows it. */
	int encoded = e->cte == MIME_CTE_BASE64 || e->cte == MIME_CTE_QP;

	if (strncmp(e->type, "multipart/", 10) == 0) {
		const char *b = mime_param(e, "boundary");

		if (encoded)
			e->defects |= MIME_DEF_BAD_CTE;
		else if (b == NULL || *b == '\0')
			e->defects |= MIME_DEF_NO_BOUNDARY;
		else {
			e->kind = MIME_MULTIPART;
			f->boundary = b;
			f->blen = strlen(b);
			f->digest = strcmp(e->type, "multipart/digest") == 0;
		}
	} else if (strcmp(e->type, "message/rfc822") == 0 ||
	    strcmp(e->type, "message/global") == 0) {
		if (!encoded)
			e->kind = MIME_MESSAGE;
		else if (strcmp(e->type, "message/rfc822") == 0)
			e->defects |= MIME_DEF_BAD_CTE;
	}

	if ((rc = flush_body(ms)) != 0)
		return rc;
	f->begun = 1;
	if (ms->cb.begin != NULL && (rc = ms->cb.begin(ms->cb.arg, e)) < 0)
		return fail(ms, rc);
	if (e->kind == MIME_LEAF && rc > 0 && (rc & MIME_WANT_BODY) &&
	    ms->cb.body != NULL && !truncated) {
		f->want_body = 1;
		if (encoded && (f->dec = mime_decode_new(e->cte == MIME_CTE_BASE64 ?
		    MIME_DECODE_BASE64 : MIME_DECODE_QP)) == NULL)
			return fail(ms, SMX_ERR_NOMEM);
	}
	if (e->kind == MIME_MULTIPART && f->blen > ms->lim.max_boundary &&
	    !ms->stopped)
		return LIMIT(ms, max_boundary);
	if (truncated)
		return 0;
	switch (e->kind) {
	case MIME_LEAF:
		f->st = F_BODY;
		return 0;
	case MIME_MULTIPART:
		f->st = F_PREAMBLE;
		ms->nactive++;
		return 0;
	case MIME_MESSAGE:
		f->st = F_MESSAGE;
		return push_frame(ms, f);
	}
	return 0;
}

/* End the top frame; extra is MIME_DEF_ABORTED or 0. */
static int
end_frame(struct mime_stream *ms, unsigned extra)
{
	struct frame *f = top(ms);
	int rc;

	if (!f->begun) {
		if (!(extra & MIME_DEF_ABORTED))
			f->ent.defects |= MIME_DEF_HDR_EOF;
		if ((rc = hdr_complete(ms, f, 1)) != 0)
			return rc;
	}
	if (f->ent.kind == MIME_MULTIPART && !f->closed && !(extra & MIME_DEF_ABORTED))
		f->ent.defects |= MIME_DEF_NO_CLOSE |
		    (f->seen_delim ? 0 : MIME_DEF_NO_PARTS);
	if (f->dec != NULL) {
		ms->bodyf = f;
		if (OUTBUF - ms->bodylen < MIME_DECODE_SLACK &&
		    (rc = flush_body(ms)) != 0)
			return rc;
		ms->bodylen += mime_decode_final(f->dec, ms->body + ms->bodylen);
		f->ent.defects |= dec_defects(f);
	}
	if ((rc = flush_body(ms)) != 0)
		return rc;
	if (f->st == F_PREAMBLE || f->st == F_PARTS)
		ms->nactive--;
	ms->nstack--;
	ms->bodyf = NULL;
	f->ent.defects |= extra;
	rc = ms->cb.end != NULL ? ms->cb.end(ms->cb.arg, &f->ent) : 0;
	frame_free(f);
	return rc < 0 ? fail(ms, rc) : 0;
}

static int
end_all(struct mime_stream *ms, unsigned extra)
{
	int rc;

	if (ms->nstack > 0 && (rc = resolve_nl(ms)) != 0)
		return rc;
	while (ms->nstack > 0)
		if ((rc = end_frame(ms, extra)) != 0)
			return rc;
	return 0;
}

/* Open a child of parent (NULL: the root) in F_HEADER. */
static int
push_frame(struct mime_stream *ms, struct frame *parent)
{
	size_t depth = parent ? parent->ent.depth + 1 : ms->root_depth;
	struct frame *f;

	if (depth > ms->lim.max_depth)
		return LIMIT(ms, max_depth);
	if (*ms->parts >= ms->lim.max_parts)
		return LIMIT(ms, max_parts);
	if (ms->nstack == ms->capstack) {
		size_t nc = ms->capstack ? ms->capstack * 2 : 8;
		struct frame **ns = realloc(ms->stack, nc * sizeof(*ns));

		if (ns == NULL)
			return fail(ms, SMX_ERR_NOMEM);
		ms->stack = ns;
		ms->capstack = nc;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return fail(ms, SMX_ERR_NOMEM);
	if (parent != NULL) {
		const char *pid = parent->ent.id;
		size_t idx = ++parent->nchild, n = strlen(pid) + 24;

		if ((f->id = malloc(n)) != NULL) {
			if (strcmp(pid, "0") == 0)
				snprintf(f->id, n, "%zu", idx);
			else
				snprintf(f->id, n, "%s.%zu", pid, idx);
		}
		f->ent.parent = &parent->ent;
		f->ent.index = idx;
	} else if ((f->id = malloc(strlen(ms->root_id) + 1)) != NULL)
		strcpy(f->id, ms->root_id);
	if (f->id == NULL) {
		frame_free(f);
		return fail(ms, SMX_ERR_NOMEM);
	}
	(*ms->parts)++;
	f->ent.id = f->id;
	f->ent.depth = depth;
	f->ent.kind = MIME_LEAF;
	f->ent.cte = MIME_CTE_7BIT;
	f->ent.type = parent && parent->digest ? "message/rfc822" : "text/plain";
	f->st = F_HEADER;
	ms->stack[ms->nstack++] = f;

	ms->hst = H_START;
	ms->field = -1;
	ms->any_field = 0;
	ms->hdr_bytes = 0;
	for (int i = 0; i < MIME_HEADER_NFIELDS; i++)
		ms->kept[i].len = ms->kept[i].have = ms->kept[i].cut = 0;
	return 0;
}

/* Append value bytes to the kept field; the limit cuts at its exact byte,
 * so the raw bytes given before it do not depend on the chunking. */
static int
kept_add(struct mime_stream *ms, size_t depth, const unsigned char *p, size_t n)
{
	struct kept *k = &ms->kept[ms->field];
	size_t used = ms->namelen + 1 + k->len;	/* name, colon, value */
	size_t room = used < ms->lim.max_line ? ms->lim.max_line - used : 0;
	int rc;

	if (n > room) {
		if ((rc = kept_add(ms, depth, p, room)) != 0)
			return rc;
		k->cut = 1;
		return LIMIT(ms, max_line);
	}
	if (n == 0)
		return 0;
	if ((rc = put_raw(ms, depth, p, n)) != 0)
		return rc;
	if (k->cap - k->len < n) {
		size_t cap = k->cap ? k->cap : 256;
		char *np;

		while (cap - k->len < n)
			cap *= 2;
		if ((np = realloc(k->p, cap)) == NULL)
			return fail(ms, SMX_ERR_NOMEM);
		k->p = np;
		k->cap = cap;
	}
	memcpy(k->p + k->len, p, n);
	k->len += n;
	return 0;
}

/* Bytes of a header line (no line end). */
static int
hdr_content(struct mime_stream *ms, struct frame *f, const unsigned char *p, size_t n)
{
	size_t d = f->ent.depth;
	int rc;

	if (n > ms->lim.max_header_bytes - ms->hdr_bytes) {
		size_t room = ms->lim.max_header_bytes - ms->hdr_bytes;

		if (room > 0 && (rc = hdr_content(ms, f, p, room)) != 0)
			return rc;
		return LIMIT(ms, max_header_bytes);
	}
	ms->hdr_bytes += n;
	while (n > 0) {
		switch (ms->hst) {
		case H_START:
			if (*p == ' ' || *p == '\t') {
				/* A continuation: unfolding keeps its white
				 * space and drops the line end before it. */
				if (!ms->any_field)
					f->ent.defects |= MIME_DEF_BAD_HEADER;
				ms->hst = ms->field >= 0 ? H_VALUE : H_SKIP;
			} else {
				ms->hst = H_NAME;
				ms->namelen = 0;
				ms->name_long = 0;
				ms->field = -1;
			}
			break;
		case H_NAME: {
			const unsigned char *c = memchr(p, ':', n);
			size_t k = c ? (size_t)(c - p) : n;
			size_t room = sizeof(ms->name) - ms->namelen;

			if (k > room)
				ms->name_long = 1;
			memcpy(ms->name + ms->namelen, p, k < room ? k : room);
			ms->namelen += k < room ? k : room;
			if ((rc = put_raw(ms, d, p, c ? k + 1 : k)) != 0 || c == NULL)
				return rc;
			p += k + 1;
			n -= k + 1;
			ms->any_field = 1;
			ms->hst = H_SKIP;
			if (ms->namelen == 0) {
				f->ent.defects |= MIME_DEF_BAD_HEADER;
				break;
			}
			int fld = ms->name_long ? MIME_HEADER_OTHER :
			    (int)mime_header_field(ms->name, ms->namelen);

			/* A second Content-* field: readers disagree on
			 * which one counts (here: the first), so flag it. */
			if (fld != MIME_HEADER_OTHER && fld != MIME_HEADER_FROM &&
			    ms->kept[fld].have)
				f->ent.defects |= MIME_DEF_BAD_HEADER;
			/* Two From fields: which one a reader shows is anyone's
			 * guess, so no signer may be said to match it. */
			if (fld == MIME_HEADER_FROM && ms->kept[fld].have && frame_is_message(f))
				f->ent.defects |= MIME_DEF_MULTI_FROM;
			if (fld != MIME_HEADER_OTHER && !ms->kept[fld].have &&
			    (fld != MIME_HEADER_FROM || frame_is_message(f))) {
				ms->kept[fld].have = 1;
				ms->field = fld;
				ms->hst = H_VALUE;
			}
			break;
		}
		case H_VALUE:
			return kept_add(ms, d, p, n);
		case H_SKIP:
			return put_raw(ms, d, p, n);
		}
	}
	return 0;
}

/* Content bytes of an ordinary line. */
static int
content(struct mime_stream *ms, const unsigned char *p, size_t n)
{
	struct frame *f = top(ms);
	int rc;

	if (f->st == F_HEADER)
		return hdr_content(ms, f, p, n);
	if ((rc = put_raw(ms, f->ent.depth, p, n)) != 0)
		return rc;
	if (f->st == F_BODY)
		return put_body(ms, f, p, n);
	return 0;
}

/* The current line is not a delimiter. */
static int
commit(struct mime_stream *ms)
{
	ms->lst = L_PASS;
	return resolve_nl(ms);
}

/* Index of the open multipart line delimits (innermost first), or -1. */
static long
find_delim(const struct mime_stream *ms, const unsigned char *line, size_t len,
    int *close)
{
	if (len < 2 || line[0] != '-' || line[1] != '-' || len > ms->peekmax)
		return -1;
	for (size_t i = ms->nstack; i-- > 0;) {
		const struct frame *f = ms->stack[i];

		if (f->st != F_PREAMBLE && f->st != F_PARTS)
			continue;
		if (len < 2 + f->blen || memcmp(line + 2, f->boundary, f->blen) != 0)
			continue;
		size_t j = 2 + f->blen;

		*close = len - j >= 2 && line[j] == '-' && line[j + 1] == '-';
		if (*close)
			j += 2;
		while (j < len && (line[j] == ' ' || line[j] == '\t'))
			j++;
		if (j == len)
			return (long)i;
	}
	return -1;
}

static int
delimiter(struct mime_stream *ms, size_t k, int close, const unsigned char *line,
    size_t len, int eol)
{
	struct frame *m = ms->stack[k];
	size_t d = m->ent.depth;
	int rc;

	/* An outer delimiter ends the inner entities first. */
	while (ms->nstack - 1 > k)
		if ((rc = end_frame(ms, 0)) != 0)
			return rc;
	if (ms->nl) {
		ms->nl = 0;
		if ((rc = put_raw(ms, d, "\r\n", 2)) != 0)
			return rc;
	}
	if ((rc = put_raw(ms, d, line, len)) != 0)
		return rc;
	m->seen_delim = 1;
	if (close) {
		ms->nactive--;
		m->closed = 1;
		m->st = F_EPILOGUE;
		/* The epilogue's CRLF, unless an outer delimiter claims it. */
		ms->nl = eol;
		ms->nl_depth = d;
		ms->nl_body = 0;
		return 0;
	}
	m->st = F_PARTS;
	if (eol && (rc = put_raw(ms, d, "\r\n", 2)) != 0)
		return rc;
	return push_frame(ms, m);
}

static int
line_bytes(struct mime_stream *ms, const unsigned char *p, size_t n)
{
	int rc;

	ms->linelen += n;
	while (n > 0) {
		switch (ms->lst) {
		case L_START:
			if (ms->nactive > 0 && *p == '-') {
				ms->lst = L_PEEK;
				ms->peeklen = 0;
			} else if ((rc = commit(ms)) != 0)
				return rc;
			break;
		case L_PEEK: {
			size_t room = ms->peekmax - ms->peeklen;
			size_t take = n < room ? n : room;

			memcpy(ms->peek + ms->peeklen, p, take);
			ms->peeklen += take;
			p += take;
			n -= take;
			/* Not "--", or too long for a delimiter. */
			if ((ms->peeklen >= 2 && ms->peek[1] != '-') || n > 0) {
				if ((rc = commit(ms)) != 0 ||
				    (rc = content(ms, ms->peek, ms->peeklen)) != 0)
					return rc;
			}
			break;
		}
		case L_PASS:
			return content(ms, p, n);
		}
	}
	return 0;
}

/* The current line ended (eol: with a line end; 0: at end of input). */
static int
line_end(struct mime_stream *ms, int eol)
{
	struct frame *f;
	int rc, close;

	if (ms->lst == L_PEEK) {
		long k = find_delim(ms, ms->peek, ms->peeklen, &close);

		ms->lst = L_START;
		if (k >= 0) {
			ms->linelen = 0;
			return delimiter(ms, (size_t)k, close, ms->peek, ms->peeklen, eol);
		}
		if ((rc = commit(ms)) != 0 ||
		    (rc = content(ms, ms->peek, ms->peeklen)) != 0)
			return rc;
	} else if (ms->lst == L_START && (rc = commit(ms)) != 0)
		return rc;
	f = top(ms);
	ms->lst = L_START;
	if (f->st == F_HEADER) {
		if (ms->linelen == 0) {
			ms->nl = eol;
			ms->nl_depth = f->ent.depth;
			ms->nl_body = 0;
			return hdr_complete(ms, f, 0);
		}
		ms->linelen = 0;
		if (eol && ms->lim.max_header_bytes - ms->hdr_bytes < 2)
			return LIMIT(ms, max_header_bytes);
		ms->hdr_bytes += 2 * (eol != 0);
		if (ms->hst == H_NAME)
			f->ent.defects |= MIME_DEF_BAD_HEADER;	/* no colon: skipped */
		ms->hst = H_START;
	}
	ms->linelen = 0;
	ms->nl = eol;
	ms->nl_depth = f->ent.depth;
	ms->nl_body = f->st == F_BODY && f->want_body;
	return 0;
}

struct mime_stream *
mime_stream_new(const struct smx_limits *lim, const struct mime_callbacks *cb,
    const struct mime_origin *origin)
{
	struct mime_stream *ms;
	const char *id = origin && origin->id ? origin->id : "0";
	size_t idlen = strlen(id);

	if ((ms = calloc(1, sizeof(*ms))) == NULL)
		goto out;
	if (lim != NULL)
		ms->lim = *lim;
	else
		limits_default(&ms->lim);
	if (cb != NULL)
		ms->cb = *cb;
	ms->parts = origin && origin->parts_used ? origin->parts_used : &ms->parts_local;
	if (ms->lim.max_boundary > BOUNDARY_CAP)
		ms->lim.max_boundary = BOUNDARY_CAP;
	ms->peekmax = ms->lim.max_boundary + 4 + DELIM_PAD;
	ms->root_depth = origin ? origin->depth : 0;
	ms->raw = malloc(OUTBUF);
	ms->body = malloc(OUTBUF);
	ms->peek = malloc(ms->peekmax);
	if ((ms->root_id = malloc(idlen + 1)) != NULL)
		memcpy(ms->root_id, id, idlen + 1);
	if (ms->raw == NULL || ms->body == NULL || ms->peek == NULL ||
	    ms->root_id == NULL) {
		ms = mime_stream_free(ms);
		goto out;
	}
	/* A limit here (origin too deep, parts used up) leaves a stream
	 * that makes no callbacks; mime_stream_limit() says why. */
	if (push_frame(ms, NULL) != 0 && ms->err != 0)
		ms = mime_stream_free(ms);
out:
	return ms;
}

struct mime_stream *
mime_stream_free(struct mime_stream *ms)
{
	if (ms == NULL)
		return NULL;
	while (ms->nstack > 0)
		frame_free(ms->stack[--ms->nstack]);
	free(ms->stack);
	for (int i = 0; i < MIME_HEADER_NFIELDS; i++)
		free(ms->kept[i].p);
	free(ms->raw);
	free(ms->body);
	free(ms->peek);
	free(ms->root_id);
	free(ms);
	return NULL;
}

int
mime_stream_write(struct mime_stream *ms, const void *buf, size_t len)
{
	const unsigned char *p = buf, *e;

	if (ms == NULL || (buf == NULL && len > 0))
		return SMX_ERR_INVAL;
	if (ms->finished)
		return SMX_ERR_STATE;
	if (ms->stopped || len == 0)
		return ms->err;
	e = p + len;
	if (ms->cr_pending) {
		ms->cr_pending = 0;
		if (*p == '\n') {
			p++;
			if (line_end(ms, 1) != 0)
				goto out;
		} else if (line_bytes(ms, (const unsigned char *)"\r", 1) != 0)
			goto out;
	}
	while (p < e) {
		const unsigned char *lf = memchr(p, '\n', (size_t)(e - p));
		size_t n;

		if (lf == NULL) {
			/* A CR at the end may be half of a CRLF. */
			n = (size_t)(e - p);
			if (p[n - 1] == '\r') {
				ms->cr_pending = 1;
				n--;
			}
			if (n > 0)
				(void)line_bytes(ms, p, n);
			break;
		}
		n = (size_t)(lf - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if ((n > 0 && line_bytes(ms, p, n) != 0) || line_end(ms, 1) != 0)
			break;
		p = lf + 1;
	}
out:
	return ms->err;
}

int
mime_stream_finish(struct mime_stream *ms)
{
	if (ms == NULL)
		return SMX_ERR_INVAL;
	if (ms->finished)
		return SMX_ERR_STATE;
	ms->finished = 1;
	if (ms->stopped)
		goto out;
	if (ms->cr_pending) {
		ms->cr_pending = 0;
		if (line_bytes(ms, (const unsigned char *)"\r", 1) != 0)
			goto out;
	}
	if (ms->lst != L_START && line_end(ms, 0) != 0)
		goto out;
	(void)end_all(ms, 0);
	ms->stopped = 1;
out:
	return ms->err;
}

const struct smx_limit_def *
mime_stream_limit(const struct mime_stream *ms)
{
	return ms == NULL ? NULL : ms->limit;
}

const char *
mime_param(const struct mime_entity *ent, const char *name)
{
	if (ent == NULL || name == NULL)
		return NULL;
	return mime_header_param(ent->params, ent->nparams, name);
}
