/*
 * NAME
 *	scan - find and verify every S/MIME layer of a streamed message
 * SYNOPSIS
 *	#include "smime/scan.h"
 *
 *	struct scan *scan_new(const struct cms_verify_opts *o);
 *	int scan_write(struct scan *sc, const void *p, size_t n);
 *	int scan_finish(struct scan *sc, struct smx_report *out);
 *	struct scan *scan_free(struct scan *sc);
 * DESCRIPTION
 *	Drives a mime_stream over the message and turns its events into
 *	layers:
 *
 *	detached   a multipart/signed whose protocol is application/
 *		   (x-)pkcs7-signature.  Its first child is digested while it
 *		   streams (the canonical raw bytes at a depth below the
 *		   multipart, from the first byte after the opening delimiter
 *		   to the end of that child: exactly what RFC 8551 3.5 signs);
 *		   the decoded body of the second child, the signature, is
 *		   kept up to MaxCMSBytes.  Memory does not grow with the
 *		   signed content.
 *	opaque	   an application/(x-)pkcs7-mime leaf (any smime-type but
 *		   certs-only; enveloped-data and authEnveloped-data are
 *		   recorded as encrypted without reading them), or an
 *		   application/octet-stream named *.p7m.  Its decoded body is
 *		   kept up to MaxCMSBytes and verified at its end; the
 *		   encapsulated content is then parsed by a second stream
 *		   (one level down, ids under the part's own, the parts
 *		   counter shared), so layers inside it are found too.
 *
 *	Layers are recorded when their entity begins, so the report lists
 *	them outermost first, in document order.  A layer's From is that of
 *	the nearest enclosing message (the root, a message/rfc822 child, or
 *	the content of an opaque layer that has a From of its own).
 *
 *	MIME defects of a layer's own entities are judged before the CMS:
 *	broken structure (no closing delimiter, truncated header, no parts)
 *	is permerror malformed_mime, broken base64 / quoted-printable of a
 *	CMS object permerror bad_encoding; both override other permerrors
 *	(a truncated signature is malformed MIME first), never a fail.
 *	Hitting a limit anywhere makes the message permerror limit_<name>,
 *	unless a layer failed outright.
 * OWNERSHIP
 *	scan_finish() moves the record into the caller's struct smx_report.
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_CRYPTO (from cms_verify), SMX_ERR_STATE.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "smime/address.h"
#include "smime/digest.h"
#include "smime/mime_stream.h"
#include "smime/reasons.h"
#include "smime/scan.h"
#include "smime/smx_err.h"

/* What an entity's user pointer holds. */
enum role { ROLE_SIGNED = 1, ROLE_OPAQUE };

struct buf {
	unsigned char *p;
	size_t len, cap;
	int over;		/* the limit was reached; bytes dropped */
};

struct tag {
	enum role role;
};

/* A multipart/signed in progress. */
struct signed_part {
	struct tag tag;
	size_t layer;		/* index into the report's layers */
	size_t depth;		/* the multipart's depth */
	int level;		/* stream level it belongs to */
	struct digest_set *ds;
	int first_done;		/* the first child ended: digest final */
	int sig_seen;		/* a signature part was collected */
	unsigned sig_defects;
	struct buf sig;
	struct signed_part *next;	/* list of open multipart/signed */
};

/* An opaque (or encrypted) leaf in progress. */
struct opaque_part {
	struct tag tag;
	size_t layer;
	struct buf der;
};

/* One stream's context: the top-level message or an opaque layer's content. */
struct pass {
	struct scan *sc;
	int level;
	const char *from;	/* From of the enclosing stream, or NULL */
	struct mime_stream *ms;	/* the stream this pass drives */
};

struct scan {
	const struct cms_verify_opts *o;
	struct mime_stream *ms;
	struct pass top;
	size_t parts;		/* shared by every stream of the message */
	struct signed_part *open;	/* innermost first */
	struct opaque_part *pending;	/* the opaque leaf being read, if any */
	size_t open_layers;	/* layers enclosing the current position */
	const char *limit;	/* limit_<token> reached, or NULL */
	int err;		/* first internal error */
	int finished;
	struct smx_report rep;
	size_t layers_cap;
};

static int feed(struct pass *ps, const char *id, size_t depth,
    const unsigned char *p, size_t n);

/* --- small helpers ---------------------------------------------------- */

static int
buf_add(struct buf *b, const unsigned char *p, size_t n, size_t max)
{
	if (b->over || n > max - b->len) {
		b->over = 1;
		return 0;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *np;

		while (cap < b->len + n)
			cap = cap > max / 2 ? max : cap * 2;
		if ((np = realloc(b->p, cap)) == NULL)
			return SMX_ERR_NOMEM;
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static int
type_is(const struct mime_entity *e, const char *const *types)
{
	for (; *types != NULL; types++)
		if (strcmp(e->type, *types) == 0)
			return 1;
	return 0;
}

static const char *const signature_types[] = {
	"application/pkcs7-signature", "application/x-pkcs7-signature", NULL
};
static const char *const mime_types[] = {
	"application/pkcs7-mime", "application/x-pkcs7-mime", NULL
};

static int
name_ends(const char *name, const char *ext)
{
	size_t n, e = strlen(ext);

	if (name == NULL || (n = strlen(name)) < e)
		return 0;
	return strcasecmp(name + n - e, ext) == 0;
}

static int
is_detached(const struct mime_entity *e)
{
	const char *proto;

	if (e->kind != MIME_MULTIPART || strcmp(e->type, "multipart/signed") != 0)
		return 0;
	if ((proto = mime_param(e, "protocol")) == NULL)
		return 0;
	return strcasecmp(proto, signature_types[0]) == 0 ||
	    strcasecmp(proto, signature_types[1]) == 0;
}

/* 1: opaque layer to read, 2: encrypted layer, 0: not a layer. */
static int
opaque_kind(const struct mime_entity *e)
{
	const char *st;

	if (e->kind != MIME_LEAF)
		return 0;
	if (type_is(e, mime_types)) {
		st = mime_param(e, "smime-type");
		if (st == NULL)
			return 1;
		if (strcasecmp(st, "certs-only") == 0)
			return 0;
		if (strcasecmp(st, "enveloped-data") == 0 ||
		    strcasecmp(st, "authenveloped-data") == 0)
			return 2;
		return 1;
	}
	if (strcmp(e->type, "application/octet-stream") == 0 && name_ends(e->filename, ".p7m"))
		return 1;
	return 0;
}

/* The signature part of a multipart/signed: its second child. */
static int
is_sigpart(const struct mime_entity *e)
{
	if (e->kind != MIME_LEAF || e->index != 2)
		return 0;
	return type_is(e, signature_types) ||
	    (strcmp(e->type, "application/octet-stream") == 0 && name_ends(e->filename, ".p7s"));
}

/* The one mailbox of a From value, or NULL when it has none or several. */
static char *
one_mailbox(const struct mime_entity *msg)
{
	if ((msg->defects & MIME_DEF_MULTI_FROM) || address_count(msg->from) != 1)
		return NULL;
	return address_parse(msg->from);
}

/*
 * The From address governing e: that of the nearest enclosing message,
 * else the pass's.  A message with two From fields or several mailboxes
 * in one has no single From a signer could match (RFC 8550 3 asks the
 * signer to be the sender; with two candidates a reader may be shown the
 * other one), so it governs with none.
 */
static char *
from_of(const struct pass *ps, const struct mime_entity *e)
{
	for (; e != NULL; e = e->parent)
		if (e->from != NULL)
			return one_mailbox(e);
	return ps->from != NULL ? strdup(ps->from) : NULL;
}

static void
judge(enum smx_result *res, const char **reason, enum smx_result r, const char *why)
{
	if (*reason == NULL || smx_result_worse(r, *res)) {
		*res = r;
		*reason = why;
	}
}

/*
 * A MIME-level problem of a layer: overrides a result of the same
 * severity (it is the first thing judged), never a more severe one.
 */
static void
layer_defect(struct smx_layer *l, const char *why)
{
	if (l->reason == NULL || !smx_result_worse(l->result, SMX_PERMERROR)) {
		l->result = SMX_PERMERROR;
		l->reason = why;
	}
}

static int
internal(struct scan *sc, int err)
{
	if (sc->err == 0)
		sc->err = err;
	return err;
}

/* A new layer, or NULL when the layer limit is reached (then recorded). */
static struct smx_layer *
layer_new(struct scan *sc, enum smx_layer_kind kind, const struct pass *ps,
    const struct mime_entity *e, size_t *idx)
{
	struct smx_report *r = &sc->rep;
	struct smx_layer *l;

	if (r->nlayers >= sc->o->lim->max_layers) {
		if (sc->limit == NULL)
			sc->limit = reasons_limit("layers");
		return NULL;
	}
	if (r->nlayers == sc->layers_cap) {
		size_t cap = sc->layers_cap ? sc->layers_cap * 2 : 4;
		struct smx_layer *nl = realloc(r->layers, cap * sizeof(*nl));

		if (nl == NULL)
			return NULL;
		r->layers = nl;
		sc->layers_cap = cap;
	}
	l = &r->layers[r->nlayers];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->depth = sc->open_layers;
	if ((l->part = strdup(e->id)) == NULL)
		return NULL;
	l->from = from_of(ps, e);
	*idx = r->nlayers++;
	return l;
}

/* --- stream callbacks ------------------------------------------------- */

static int
begin_signed(struct pass *ps, struct mime_entity *e)
{
	struct scan *sc = ps->sc;
	struct signed_part *sp;
	struct smx_layer *l;
	size_t idx;

	if ((sp = calloc(1, sizeof(*sp))) == NULL)
		return internal(sc, SMX_ERR_NOMEM);
	if ((l = layer_new(sc, SMX_LAYER_DETACHED, ps, e, &idx)) == NULL) {
		free(sp);
		return sc->limit != NULL ? 0 : internal(sc, SMX_ERR_NOMEM);
	}
	sp->tag.role = ROLE_SIGNED;
	sp->layer = idx;
	sp->depth = e->depth;
	sp->level = ps->level;
	if ((sp->ds = digest_set_new(digest_mask_from_micalg(mime_param(e, "micalg")) |
	    DG_ALWAYS)) == NULL) {
		free(sp);
		return internal(sc, SMX_ERR_NOMEM);
	}
	sp->next = sc->open;
	sc->open = sp;
	sc->open_layers++;
	e->user = sp;
	return 0;
}

static int
begin_opaque(struct pass *ps, struct mime_entity *e, int kind)
{
	struct scan *sc = ps->sc;
	struct opaque_part *op;
	struct smx_layer *l;
	size_t idx;

	if ((l = layer_new(sc, kind == 2 ? SMX_LAYER_ENCRYPTED : SMX_LAYER_OPAQUE,
	    ps, e, &idx)) == NULL)
		return sc->limit != NULL ? 0 : internal(sc, SMX_ERR_NOMEM);
	if (kind == 2) {
		/* Not opened: no key here, and nothing to verify. */
		l->result = SMX_NONE;
		l->reason = R_ENCRYPTED;
		return 0;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL)
		return internal(sc, SMX_ERR_NOMEM);
	op->tag.role = ROLE_OPAQUE;
	op->layer = idx;
	e->user = op;
	sc->pending = op;
	return MIME_WANT_BODY;
}

static int
cb_begin(void *arg, struct mime_entity *e)
{
	struct pass *ps = arg;
	struct scan *sc = ps->sc;
	const struct mime_entity *p = e->parent;
	int kind;

	if (e->depth == 0 && ps->level == 0 && e->from != NULL && sc->rep.from == NULL)
		sc->rep.from = one_mailbox(e);
	if (p != NULL && p->user != NULL && ((struct tag *)p->user)->role == ROLE_SIGNED &&
	    is_sigpart(e)) {
		e->user = p->user;	/* body goes to the multipart's buffer */
		return MIME_WANT_BODY;
	}
	if (is_detached(e))
		return begin_signed(ps, e);
	if ((kind = opaque_kind(e)) != 0)
		return begin_opaque(ps, e, kind);
	return 0;
}

static int
cb_raw(void *arg, size_t depth, const unsigned char *p, size_t n)
{
	struct pass *ps = arg;

	for (struct signed_part *sp = ps->sc->open; sp != NULL; sp = sp->next) {
		if (sp->level != ps->level || sp->first_done || depth <= sp->depth)
			continue;
		if (digest_set_update(sp->ds, p, n) < 0)
			return internal(ps->sc, SMX_ERR_CRYPTO);
	}
	return 0;
}

static int
cb_body(void *arg, struct mime_entity *e, const unsigned char *p, size_t n)
{
	struct pass *ps = arg;
	struct tag *t = e->user;
	struct buf *b;

	if (t == NULL)
		return 0;
	b = t->role == ROLE_OPAQUE ? &((struct opaque_part *)t)->der :
	    &((struct signed_part *)t)->sig;
	if (buf_add(b, p, n, ps->sc->o->lim->max_cms_bytes) < 0)
		return internal(ps->sc, SMX_ERR_NOMEM);
	return 0;
}

/* Defects of a CMS-carrying leaf: reason token or NULL. */
static const char *
leaf_defect(unsigned defects)
{
	if (defects & MIME_DEF_HDR_EOF)
		return R_MALFORMED_MIME;
	if (defects & (MIME_DEF_BAD_BASE64 | MIME_DEF_BAD_QP | MIME_DEF_BAD_CTE))
		return R_BAD_ENCODING;
	return NULL;
}

static int
verify_into(struct pass *ps, struct smx_layer *l, const struct buf *b,
    const struct digest_set *ds, unsigned char **content, size_t *clen)
{
	struct scan *sc = ps->sc;
	int r;

	*content = NULL;
	*clen = 0;
	if (b->over) {
		judge(&l->result, &l->reason, SMX_PERMERROR, reasons_limit("cms_bytes"));
		return 0;
	}
	r = cms_verify(sc->o, b->p, b->len, ds, l->from, l, content, clen);
	return r < 0 ? internal(sc, r) : 0;
}

static int
end_signed(struct pass *ps, struct mime_entity *e, struct signed_part *sp)
{
	struct scan *sc = ps->sc;
	struct smx_layer *l = &sc->rep.layers[sp->layer];
	unsigned char *content;
	size_t clen;
	const char *why;
	int r = 0;

	for (struct signed_part **pp = &sc->open; *pp != NULL; pp = &(*pp)->next)
		if (*pp == sp) {
			*pp = sp->next;
			break;
		}
	sc->open_layers--;
	if (!sp->first_done && digest_set_final(sp->ds) < 0)
		r = internal(sc, SMX_ERR_CRYPTO);
	if (r == 0 && !sp->sig_seen) {
		judge(&l->result, &l->reason, SMX_PERMERROR, R_MISSING_SIGNATURE);
	} else if (r == 0) {
		r = verify_into(ps, l, &sp->sig, sp->ds, &content, &clen);
		OPENSSL_free(content);	/* detached: nothing encapsulated to parse */
		if ((why = leaf_defect(sp->sig_defects)) != NULL)
			layer_defect(l, why);
	}
	if (e->defects & MIME_DEF_ABORTED) {
		/* A limit stopped the parse inside the layer: say which. */
		const struct smx_limit_def *lim = ps->ms != NULL ? mime_stream_limit(ps->ms) : NULL;

		layer_defect(l, lim != NULL ? reasons_limit(lim->token) : R_MALFORMED_MIME);
	} else if (e->defects & (MIME_DEF_NO_CLOSE | MIME_DEF_NO_PARTS | MIME_DEF_HDR_EOF))
		layer_defect(l, R_MALFORMED_MIME);
	digest_set_free(sp->ds);
	free(sp->sig.p);
	free(sp);
	e->user = NULL;
	return r;
}

static int
end_opaque(struct pass *ps, struct mime_entity *e, struct opaque_part *op)
{
	struct scan *sc = ps->sc;
	size_t idx = op->layer;
	struct smx_layer *l = &sc->rep.layers[idx];
	unsigned char *content = NULL;
	size_t clen = 0;
	const char *why;
	char *id = NULL, *from = NULL;
	int r;

	e->user = NULL;
	sc->pending = NULL;
	r = verify_into(ps, l, &op->der, NULL, &content, &clen);
	free(op->der.p);
	free(op);
	if (e->defects & MIME_DEF_ABORTED) {
		const struct smx_limit_def *lim = ps->ms != NULL ? mime_stream_limit(ps->ms) : NULL;

		layer_defect(l, lim != NULL ? reasons_limit(lim->token) : R_MALFORMED_MIME);
	} else if ((why = leaf_defect(e->defects)) != NULL)
		layer_defect(l, why);
	if (r < 0 || content == NULL)
		goto out;
	/* The encapsulated content: one stream level down. */
	if (strcmp(e->id, "0") == 0)
		id = strdup("1");
	else if ((id = malloc(strlen(e->id) + 3)) != NULL)
		sprintf(id, "%s.1", e->id);
	if (l->from != NULL && (from = strdup(l->from)) == NULL)
		r = internal(sc, SMX_ERR_NOMEM);
	if (id == NULL)
		r = internal(sc, SMX_ERR_NOMEM);
	if (r == 0) {
		struct pass inner = { sc, ps->level + 1, from, NULL };

		sc->open_layers++;
		r = feed(&inner, id, e->depth + 1, content, clen);
		sc->open_layers--;
	}
out:
	free(id);
	free(from);
	OPENSSL_free(content);
	return r;
}

static int
cb_end(void *arg, struct mime_entity *e)
{
	struct pass *ps = arg;
	struct tag *t = e->user;
	const struct mime_entity *p = e->parent;

	/* The first child of an open multipart/signed: its digest is done. */
	if (p != NULL && e->index == 1 && p->user != NULL &&
	    ((struct tag *)p->user)->role == ROLE_SIGNED) {
		struct signed_part *sp = p->user;

		if (!sp->first_done) {
			sp->first_done = 1;
			if (digest_set_final(sp->ds) < 0)
				return internal(ps->sc, SMX_ERR_CRYPTO);
		}
	}
	if (t == NULL)
		return 0;
	if (t->role == ROLE_SIGNED && p != NULL && p->user == t) {
		/* The signature part of the multipart/signed. */
		struct signed_part *sp = (struct signed_part *)t;

		sp->sig_seen = 1;
		sp->sig_defects = e->defects;
		e->user = NULL;
		return 0;
	}
	if (t->role == ROLE_SIGNED)
		return end_signed(ps, e, (struct signed_part *)t);
	return end_opaque(ps, e, (struct opaque_part *)t);
}

/* --- driving ----------------------------------------------------------- */

static const struct smx_limit_def *
run(struct pass *ps, const char *id, size_t depth, const unsigned char *p,
    size_t n, int *rc)
{
	struct scan *sc = ps->sc;
	struct mime_callbacks cb = { ps, cb_begin, cb_raw, cb_body, cb_end };
	struct mime_origin origin = { depth, id, &sc->parts };
	const struct smx_limit_def *lim;
	struct mime_stream *ms;

	if ((ms = mime_stream_new(sc->o->lim, &cb, &origin)) == NULL) {
		*rc = internal(sc, SMX_ERR_NOMEM);
		return NULL;
	}
	ps->ms = ms;
	if ((*rc = mime_stream_write(ms, p, n)) == 0)
		*rc = mime_stream_finish(ms);
	lim = mime_stream_limit(ms);
	mime_stream_free(ms);
	return lim;
}

/* Parse an opaque layer's content with a stream of its own. */
static int
feed(struct pass *ps, const char *id, size_t depth, const unsigned char *p, size_t n)
{
	const struct smx_limit_def *lim;
	int rc = 0;

	lim = run(ps, id, depth, p, n, &rc);
	if (lim != NULL && ps->sc->limit == NULL)
		ps->sc->limit = reasons_limit(lim->token);
	return rc;
}

struct scan *
scan_new(const struct cms_verify_opts *o)
{
	struct scan *sc;
	struct mime_callbacks cb = { NULL, cb_begin, cb_raw, cb_body, cb_end };
	struct mime_origin origin = { 0, "0", NULL };

	if ((sc = calloc(1, sizeof(*sc))) == NULL)
		return NULL;
	sc->o = o;
	sc->top.sc = sc;
	cb.arg = &sc->top;
	origin.parts_used = &sc->parts;
	if ((sc->ms = mime_stream_new(o->lim, &cb, &origin)) == NULL) {
		free(sc);
		return NULL;
	}
	sc->top.ms = sc->ms;
	return sc;
}

int
scan_write(struct scan *sc, const void *p, size_t n)
{
	int r;

	if (sc->finished)
		return SMX_ERR_STATE;
	if (sc->err != 0)
		return sc->err;
	sc->rep.bytes += n;
	if ((r = mime_stream_write(sc->ms, p, n)) < 0)
		return internal(sc, r);
	return 0;
}

static void
open_free(struct scan *sc)
{
	struct signed_part *sp, *next;

	for (sp = sc->open; sp != NULL; sp = next) {
		next = sp->next;
		digest_set_free(sp->ds);
		free(sp->sig.p);
		free(sp);
	}
	sc->open = NULL;
	if (sc->pending != NULL) {
		free(sc->pending->der.p);
		free(sc->pending);
		sc->pending = NULL;
	}
}

/* The message's result: the most severe layer, then any limit reached. */
static void
aggregate(struct scan *sc)
{
	struct smx_report *r = &sc->rep;

	r->result = SMX_NONE;
	r->reason = NULL;
	for (size_t i = 0; i < r->nlayers; i++)
		if (i == 0 || smx_result_worse(r->layers[i].result, r->result)) {
			r->result = r->layers[i].result;
			r->reason = r->layers[i].reason;
		}
	if (sc->limit != NULL && !smx_result_worse(r->result, SMX_PERMERROR)) {
		r->result = SMX_PERMERROR;
		r->reason = sc->limit;
	}
	if (r->reason == NULL && r->result == SMX_NONE)
		r->reason = R_UNSIGNED;	/* no layer at all (a pass has no reason) */
}

int
scan_finish(struct scan *sc, struct smx_report *out)
{
	const struct smx_limit_def *lim;
	int r;

	smx_report_clear(out);
	if (sc->finished)
		return SMX_ERR_STATE;
	sc->finished = 1;
	if (sc->err == 0 && (r = mime_stream_finish(sc->ms)) < 0)
		internal(sc, r);
	if ((lim = mime_stream_limit(sc->ms)) != NULL && sc->limit == NULL)
		sc->limit = reasons_limit(lim->token);
	open_free(sc);
	aggregate(sc);
	if (sc->err != 0) {
		sc->rep.result = SMX_TEMPERROR;
		sc->rep.reason = R_INTERNAL;
	}
	*out = sc->rep;
	memset(&sc->rep, 0, sizeof(sc->rep));
	return sc->err;
}

const char *
scan_from(const struct scan *sc)
{
	return sc->rep.from;
}

struct scan *
scan_free(struct scan *sc)
{
	if (sc == NULL)
		return NULL;
	mime_stream_free(sc->ms);
	open_free(sc);
	smx_report_clear(&sc->rep);
	free(sc);
	return NULL;
}
