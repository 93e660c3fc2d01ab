/*
 * NAME
 *	fuzz_mime - libFuzzer harness for the streaming MIME parser
 * SYNOPSIS
 *	fuzz_mime [libFuzzer options] [CORPUS...]
 * DESCRIPTION
 *	Input: 4 control bytes, then the message.
 *	  byte 0  bit 0: small limits (depth 2..5, parts 1..16, the minimum
 *		  header / line / boundary bounds); bit 1: a stream with an
 *		  origin (depth 2, id "3.1", a shared parts counter already
 *		  at 1); bit 2: one callback (number byte 1) fails; bit 3:
 *		  every leaf asks for its body (else every other one); bit 4:
 *		  also feed the message with every bare LF made CRLF; bits
 *		  5-7: how the message is cut into writes (see chunk_next)
 *	  byte 1  the failing callback / the small limits
 *	  byte 2-3  seed of the chunk sizes; byte 2 bit 7: also feed half
 *		  the message and drop the stream unfinished
 *	The message is fed whole, in chunks, and (whole) CRLF-converted, and
 *	the runs must give the same events: a hash of every begin() (id, depth,
 *	index, kind, type, parameters, encoding, filename, From), every end()
 *	(defects, decoded body, raw bytes given so far) and of the raw byte
 *	stream with its depths.  Every run checks the contract of
 *	smime/mime_stream.h and abort()s on a violation: one begin() and one
 *	end() per entity, properly nested, ids "0" / "n" / "E.n" matching
 *	parent and index, depth = parent + 1 and within MaxNestingDepth,
 *	entity count within MaxParts, body() only for the innermost leaf that
 *	asked, raw() lines CRLF and at a depth of the open stack (or its next
 *	child), batches of at most 64 KiB, mime_stream_limit() an entry of
 *	limits_table[], nothing after a stopping limit or a failed callback
 *	but the end() (with MIME_DEF_ABORTED) of what was open, the failing
 *	code returned by write / finish, SMX_ERR_STATE after finish.
 * OWNERSHIP
 *	Everything is freed per input; ASan reports leaks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smime/limits.h"
#include "smime/mime_stream.h"
#include "smime/smx_err.h"
#include "tests/fuzz/fuzz_common.h"

#define FAIL_CODE	(-1000)
#define RAW_BATCH_MAX	(64 * 1024)

struct open_ent {
	const struct mime_entity *ptr;
	char *id;
	size_t depth;
	enum mime_kind kind;
	size_t nchildren;
	int want;
	uint64_t bodyh;
	size_t bodylen;
};

struct run {
	/* configuration */
	const struct smx_limits *lim;
	size_t origin_depth;
	const char *origin_id;
	size_t parts_before;
	int want_all;
	long fail_at;		/* callback number that fails, or -1 */

	/* state */
	struct open_ent *stk;
	size_t nstk, capstk;
	size_t nbegins, nroots, leaves;
	long ncalls;
	int failed;		/* the injected failure happened */
	int stopped;		/* a stopping limit was seen */
	int finished;
	unsigned char last_raw;	/* last raw byte, for the CRLF check */
	size_t raw_total;
	size_t raw_depth;	/* depth of the current raw run */
	int raw_any;
	uint64_t h_ev, h_raw;
};

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
fnv_s(uint64_t h, const char *s)
{
	if (s == NULL)
		return fnv(h, "\xff\xfe", 2);
	return fnv(h, s, strlen(s) + 1);
}

static uint64_t
fnv_z(uint64_t h, size_t v)
{
	return fnv(h, &v, sizeof(v));
}

static int
next_call(struct run *r)
{
	long n = r->ncalls++;

	if (r->fail_at >= 0 && !r->failed && n == r->fail_at) {
		r->failed = 1;
		return 1;
	}
	return 0;
}

static int
is_lower(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			return 0;
	return 1;
}

static int
cb_begin(void *arg, struct mime_entity *e)
{
	struct run *r = arg;
	struct open_ent *top = r->nstk ? &r->stk[r->nstk - 1] : NULL, *o;
	char want_id[512];
	int ret;

	FZ_CHECK(!r->finished && !r->failed && !r->stopped,
	    "begin() after finish / failure / stopping limit");
	FZ_CHECK(e != NULL && e->id != NULL && e->type != NULL, "begin() with NULLs");
	FZ_CHECK(fz_id_ok(e->id), "entity id \"%s\"", e->id);
	if (top == NULL) {
		FZ_CHECK(r->nroots == 0, "second root \"%s\"", e->id);
		FZ_CHECK(e->parent == NULL && e->index == 0, "root with parent or index");
		FZ_CHECK(e->depth == r->origin_depth, "root depth %zu", e->depth);
		FZ_CHECK(strcmp(e->id, r->origin_id) == 0, "root id %s, origin %s", e->id,
		    r->origin_id);
		r->nroots++;
	} else {
		FZ_CHECK(top->kind != MIME_LEAF, "child of a leaf");
		FZ_CHECK(e->parent == top->ptr, "parent is not the open entity");
		FZ_CHECK(e->depth == top->depth + 1, "depth %zu under %zu", e->depth, top->depth);
		top->nchildren++;
		FZ_CHECK(top->kind != MIME_MESSAGE || top->nchildren == 1,
		    "message/rfc822 with %zu children", top->nchildren);
		FZ_CHECK(e->index == top->nchildren, "index %zu, expected %zu", e->index,
		    top->nchildren);
		if (strcmp(top->id, "0") == 0)
			snprintf(want_id, sizeof(want_id), "%zu", e->index);
		else
			snprintf(want_id, sizeof(want_id), "%s.%zu", top->id, e->index);
		FZ_CHECK(strcmp(e->id, want_id) == 0, "id %s, expected %s", e->id, want_id);
	}
	FZ_CHECK(e->depth <= r->lim->max_depth, "depth %zu over MaxNestingDepth %zu",
	    e->depth, r->lim->max_depth);
	r->nbegins++;
	FZ_CHECK(r->nbegins + r->parts_before <= r->lim->max_parts,
	    "%zu entities over MaxParts %zu", r->nbegins + r->parts_before, r->lim->max_parts);
	FZ_CHECK(strchr(e->type, '/') != NULL && is_lower(e->type), "type \"%s\"", e->type);
	switch (e->kind) {
	case MIME_LEAF:
		break;
	case MIME_MULTIPART:
		FZ_CHECK(strncmp(e->type, "multipart/", 10) == 0, "multipart of type %s", e->type);
		FZ_CHECK(mime_param(e, "boundary") != NULL, "multipart without boundary");
		break;
	case MIME_MESSAGE:
		FZ_CHECK(strcmp(e->type, "message/rfc822") == 0 ||
		    strcmp(e->type, "message/global") == 0, "message of type %s", e->type);
		break;
	default:
		FZ_CHECK(0, "kind %d", (int)e->kind);
	}
	FZ_CHECK((unsigned)e->cte <= MIME_CTE_UNKNOWN, "cte %d", (int)e->cte);
	FZ_CHECK(e->nparams == 0 || e->params != NULL, "params NULL");
	for (size_t i = 0; i < e->nparams; i++) {
		FZ_CHECK(e->params[i].name != NULL && e->params[i].value != NULL, "param NULL");
		FZ_CHECK(is_lower(e->params[i].name), "param name \"%s\"", e->params[i].name);
		FZ_CHECK(mime_param(e, e->params[i].name) != NULL, "mime_param(%s) NULL",
		    e->params[i].name);
	}
	if (e->from != NULL)
		FZ_CHECK(top == NULL || top->kind == MIME_MESSAGE,
		    "From on entity %s that is not a message", e->id);

	r->h_ev = fnv(r->h_ev, "B", 1);
	r->h_ev = fnv_s(r->h_ev, e->id);
	r->h_ev = fnv_z(r->h_ev, e->depth);
	r->h_ev = fnv_z(r->h_ev, e->index);
	r->h_ev = fnv_z(r->h_ev, e->kind);
	r->h_ev = fnv_s(r->h_ev, e->type);
	r->h_ev = fnv_z(r->h_ev, e->cte);
	r->h_ev = fnv_s(r->h_ev, e->filename);
	r->h_ev = fnv_s(r->h_ev, e->from);
	for (size_t i = 0; i < e->nparams; i++) {
		r->h_ev = fnv_s(r->h_ev, e->params[i].name);
		r->h_ev = fnv_s(r->h_ev, e->params[i].value);
	}

	if (r->nstk == r->capstk) {
		size_t cap = r->capstk ? 2 * r->capstk : 8;

		FZ_CHECK((r->stk = realloc(r->stk, cap * sizeof(*r->stk))) != NULL, "oom");
		r->capstk = cap;
	}
	o = &r->stk[r->nstk++];
	memset(o, 0, sizeof(*o));
	o->ptr = e;
	FZ_CHECK((o->id = strdup(e->id)) != NULL, "oom");
	o->depth = e->depth;
	o->kind = e->kind;
	o->bodyh = 14695981039346656037ULL;
	if (e->kind == MIME_LEAF)
		o->want = r->want_all || (r->leaves++ % 2 == 0);
	ret = o->want ? MIME_WANT_BODY : 0;
	if (next_call(r))
		return FAIL_CODE;
	return ret;
}

static int
cb_raw(void *arg, size_t depth, const unsigned char *p, size_t n)
{
	struct run *r = arg;
	size_t maxd = r->nstk ? r->stk[r->nstk - 1].depth + 1 : r->origin_depth;

	FZ_CHECK(!r->finished && !r->failed && !r->stopped,
	    "raw() after finish / failure / stopping limit");
	FZ_CHECK(n == 0 || p != NULL, "raw() NULL");
	FZ_CHECK(n <= RAW_BATCH_MAX, "raw() batch of %zu bytes", n);
	FZ_CHECK(depth >= r->origin_depth && depth <= maxd,
	    "raw() at depth %zu, open stack allows %zu..%zu", depth, r->origin_depth, maxd);
	if (n == 0)
		return next_call(r) ? FAIL_CODE : 0;
	if (!r->raw_any || depth != r->raw_depth) {
		r->h_raw = fnv(r->h_raw, "D", 1);
		r->h_raw = fnv_z(r->h_raw, depth);
		r->raw_depth = depth;
		r->raw_any = 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			FZ_CHECK(r->last_raw == '\r', "raw() LF without CR at byte %zu",
			    r->raw_total + i);
		r->last_raw = p[i];
	}
	r->h_raw = fnv(r->h_raw, p, n);
	r->raw_total += n;
	return next_call(r) ? FAIL_CODE : 0;
}

static int
cb_body(void *arg, struct mime_entity *e, const unsigned char *p, size_t n)
{
	struct run *r = arg;
	struct open_ent *top = r->nstk ? &r->stk[r->nstk - 1] : NULL;

	FZ_CHECK(!r->finished && !r->failed && !r->stopped,
	    "body() after finish / failure / stopping limit");
	FZ_CHECK(top != NULL && e == top->ptr, "body() for an entity that is not innermost");
	FZ_CHECK(top->kind == MIME_LEAF && top->want, "body() for %s, which did not ask",
	    top->id);
	FZ_CHECK(n == 0 || p != NULL, "body() NULL");
	top->bodyh = fnv(top->bodyh, p, n);
	top->bodylen += n;
	return next_call(r) ? FAIL_CODE : 0;
}

static int
cb_end(void *arg, struct mime_entity *e)
{
	struct run *r = arg;
	struct open_ent *top = r->nstk ? &r->stk[r->nstk - 1] : NULL;
	int fail = 0;

	FZ_CHECK(!r->finished, "end() after finish");
	FZ_CHECK(top != NULL, "end() with nothing open");
	FZ_CHECK(e == top->ptr, "end() of %s while %s is innermost",
	    e != NULL && e->id != NULL ? e->id : "?", top->id);
	FZ_CHECK(e->id != NULL && strcmp(e->id, top->id) == 0, "id changed from %s", top->id);
	FZ_CHECK(!r->stopped, "end() after a stopping limit");
	if (r->failed)
		FZ_CHECK(e->defects & MIME_DEF_ABORTED,
		    "end() of %s after a failed callback without MIME_DEF_ABORTED", top->id);
	else
		fail = next_call(r);
	r->h_ev = fnv(r->h_ev, "E", 1);
	r->h_ev = fnv_s(r->h_ev, top->id);
	r->h_ev = fnv_z(r->h_ev, e->defects);
	r->h_ev = fnv_z(r->h_ev, top->bodylen);
	r->h_ev = fnv(r->h_ev, &top->bodyh, sizeof(top->bodyh));
	r->h_ev = fnv_z(r->h_ev, r->raw_total);
	free(top->id);
	r->nstk--;
	return fail ? FAIL_CODE : 0;
}

static const char *const stopping[] = { "header_bytes", "header_line", "boundary" };

/* After every write / finish: the return code and the limit. */
static void
after_call(struct run *r, struct mime_stream *ms, int ret, const char *what)
{
	const struct smx_limit_def *l = mime_stream_limit(ms);

	if (r->failed) {
		FZ_CHECK(ret == FAIL_CODE, "%s returned %d after a failed callback", what, ret);
		FZ_CHECK(r->nstk == 0, "%s: %zu entities left open after a failure", what, r->nstk);
	} else {
		FZ_CHECK(ret == 0, "%s returned %d (%s)", what, ret, smx_strerror(ret));
	}
	if (l != NULL) {
		FZ_CHECK(l >= limits_table && l < limits_table + limits_count,
		    "mime_stream_limit() not in limits_table");
		for (size_t i = 0; i < sizeof(stopping) / sizeof(stopping[0]); i++)
			if (strcmp(l->token, stopping[i]) == 0 && !r->failed) {
				FZ_CHECK(r->nstk == 0, "limit %s: %zu entities still open",
				    l->token, r->nstk);
				r->stopped = 1;
			}
	}
}

/* xorshift32 */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static size_t
chunk_next(unsigned mode, uint32_t *seed, size_t left, size_t len, unsigned b2, unsigned b3)
{
	size_t n;

	switch (mode) {
	case 0:
		n = 1;
		break;
	case 1:
		n = 1 + rnd(seed) % 8;
		break;
	case 2:
		n = 1 + rnd(seed) % 97;
		break;
	case 3:
		n = 1 + rnd(seed) % 4096;
		break;
	case 4:
		n = 1 + b2;
		break;
	case 5: {	/* two cuts, at b2 / 256 of the message and b3 / 256 of the rest */
		size_t off = len - left, c1 = (size_t)b2 * len / 256;
		size_t c2 = c1 + (size_t)b3 * (len - c1) / 256;

		n = off < c1 ? c1 - off : off < c2 ? c2 - off : left;
		break;
	}
	case 6:
		n = rnd(seed) % 3 == 0 ? 1 + rnd(seed) % 3 : 1 + rnd(seed) % 300;
		break;
	default:
		n = rnd(seed) % 5 == 0 ? 0 : 1 + rnd(seed) % 70000;
		break;
	}
	return n > left ? left : n;
}

struct result {
	uint64_t h_ev, h_raw;
	const struct smx_limit_def *limit;
	size_t nbegins;
};

/*
 * One run.  chunked: cut by mode / seed; else one write.  fail_at >= 0:
 * that callback fails.
 */
static void
one_run(const struct smx_limits *lim, int origin, int want_all, long fail_at,
    const unsigned char *msg, size_t len, int chunked, unsigned mode, unsigned b2,
    unsigned b3, struct result *res)
{
	struct run r;
	struct mime_callbacks cb = { NULL, cb_begin, cb_raw, cb_body, cb_end };
	size_t parts_used = origin ? 1 : 0;
	struct mime_origin org = { 2, "3.1", &parts_used };
	struct mime_stream *ms;
	uint32_t seed = (b2 << 8 | b3) * 2654435761u + 1;
	size_t off = 0;
	int ret;

	memset(&r, 0, sizeof(r));
	r.lim = lim;
	r.origin_depth = origin ? org.depth : 0;
	r.origin_id = origin ? org.id : "0";
	r.parts_before = parts_used;
	r.want_all = want_all;
	r.fail_at = fail_at;
	r.h_ev = r.h_raw = 14695981039346656037ULL;
	cb.arg = &r;
	FZ_CHECK((ms = mime_stream_new(lim, &cb, origin ? &org : NULL)) != NULL, "oom");
	do {
		size_t n = chunked ? chunk_next(mode, &seed, len - off, len, b2, b3) : len;

		ret = mime_stream_write(ms, msg + off, n);
		after_call(&r, ms, ret, "mime_stream_write()");
		off += n;
	} while (off < len);
	ret = mime_stream_finish(ms);
	after_call(&r, ms, ret, "mime_stream_finish()");
	FZ_CHECK(r.nstk == 0, "%zu entities open after finish", r.nstk);
	if (r.origin_depth > lim->max_depth || r.parts_before >= lim->max_parts)
		/* the root itself is over a limit: no callbacks at all */
		FZ_CHECK(r.nroots == 0 && r.raw_total == 0 && r.ncalls == 0,
		    "callbacks from a stream whose root is over a limit");
	else if (!r.failed && !r.stopped)
		FZ_CHECK(r.nroots == 1, "%zu roots", r.nroots);
	if (origin)
		FZ_CHECK(parts_used >= 1 + r.nbegins, "shared parts counter %zu after %zu entities",
		    parts_used, r.nbegins);
	r.finished = 1;
	ret = mime_stream_write(ms, "x\r\n", 3);
	if (!r.failed) {
		FZ_CHECK(ret == SMX_ERR_STATE, "write after finish returned %d", ret);
		FZ_CHECK(mime_stream_finish(ms) == SMX_ERR_STATE, "finish after finish");
	}
	res->h_ev = r.h_ev;
	res->h_raw = r.h_raw;
	res->limit = mime_stream_limit(ms);
	res->nbegins = r.nbegins;
	mime_stream_free(ms);
	free(r.stk);
}

static void
same(const struct result *a, const struct result *b, const char *what)
{
	FZ_CHECK(a->nbegins == b->nbegins, "%s: %zu entities, whole %zu", what,
	    b->nbegins, a->nbegins);
	FZ_CHECK(a->limit == b->limit, "%s: limit %s, whole %s", what,
	    b->limit ? b->limit->token : "-", a->limit ? a->limit->token : "-");
	FZ_CHECK(a->h_ev == b->h_ev, "%s: begin/end events differ from the whole feed", what);
	FZ_CHECK(a->h_raw == b->h_raw, "%s: raw() bytes differ from the whole feed", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smx_limits lim;
	struct result whole, chunk, crlf;
	unsigned flags, b1, b2, b3, mode;
	const unsigned char *msg;
	size_t len;

	if (size < 4)
		return 0;
	flags = data[0];
	b1 = data[1];
	b2 = data[2];
	b3 = data[3];
	msg = data + 4;
	len = size - 4;
	mode = flags >> 5;

	limits_default(&lim);
	if (flags & 1) {
		lim.max_depth = 2 + (b1 & 3);
		lim.max_parts = 1 + ((b1 >> 2) & 15);
		lim.max_header_bytes = 1024;
		lim.max_line = 998;
		lim.max_boundary = 70;
	}

	one_run(&lim, flags & 2, flags & 8, -1, msg, len, 0, 0, b2, b3, &whole);
	one_run(&lim, flags & 2, flags & 8, -1, msg, len, 1, mode, b2, b3, &chunk);
	same(&whole, &chunk, "chunked feed");

	if ((flags & 0x10) && !(flags & 1)) {
		/* every bare LF made CRLF: same events and bytes */
		unsigned char *t = malloc(2 * len + 1);
		size_t n = 0;

		FZ_CHECK(t != NULL, "oom");
		for (size_t i = 0; i < len; i++) {
			if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r'))
				t[n++] = '\r';
			t[n++] = msg[i];
		}
		one_run(&lim, flags & 2, flags & 8, -1, t, n, 0, 0, b2, b3, &crlf);
		free(t);
		same(&whole, &crlf, "CRLF-converted feed");
	}
	if (b2 & 0x80) {
		/* dropped half-way: mime_stream_free() makes no callbacks and
		 * frees what is open (ASan would see a leak) */
		struct mime_callbacks cb = { NULL, cb_begin, cb_raw, cb_body, cb_end };
		struct mime_stream *ms;
		struct run r;

		memset(&r, 0, sizeof(r));
		r.lim = &lim;
		r.origin_id = "0";
		r.want_all = 1;
		r.fail_at = -1;
		cb.arg = &r;
		FZ_CHECK((ms = mime_stream_new(&lim, &cb, NULL)) != NULL, "oom");
		FZ_CHECK(mime_stream_write(ms, msg, len / 2) == 0, "write");
		r.finished = 1;	/* any callback from here on aborts */
		mime_stream_free(ms);
		for (size_t i = 0; i < r.nstk; i++)
			free(r.stk[i].id);
		free(r.stk);
	}
	if (flags & 4) {
		/* a callback fails: everything open still ends, with ABORTED */
		long at = (long)b1 * 3 + (b2 & 7);

		one_run(&lim, flags & 2, flags & 8, at, msg, len, 1, mode, b2, b3, &chunk);
	}
	return 0;
}
