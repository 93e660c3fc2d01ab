/*
 * mime_stream.h: one-pass, bounded, push-style MIME parser.
 *
 * The caller pushes a message (headers, blank line, body) in chunks of any
 * size with mime_stream_write() and ends it with mime_stream_finish().  The
 * parser calls back as it goes:
 *
 *   begin(ent)            the header block of an entity is complete;
 *                         return MIME_WANT_BODY to receive its decoded body
 *                         (leaves only), 0 otherwise, <0 to abort the parse
 *   raw(depth, p, n)      canonical bytes of the message: every line as it
 *                         arrived, with its line end made CRLF.  The bytes
 *                         belong to the entities at depth 0..depth of the
 *                         current stack.  So the bytes given with depth >= d
 *                         while entity E (at depth d) is open are exactly E
 *                         as RFC 8551 signs it: its header lines, the blank
 *                         line and its body, without the CRLF that precedes
 *                         the delimiter closing it (that CRLF belongs to the
 *                         delimiter, RFC 2046 5.1.1, and is given at depth d-1)
 *   body(ent, p, n)       decoded body bytes (base64 / quoted-printable
 *                         undone; 7bit, 8bit, binary and unknown encodings
 *                         passed as canonical CRLF text) of a leaf that asked
 *   end(ent)              the entity is over (closing delimiter, an outer
 *                         delimiter, or end of input)
 *
 * Every entity gets exactly one begin() and one end(), in document order,
 * properly nested, even when the input is truncated or a limit is reached
 * (then the open entities are ended at once and the rest of the input is
 * ignored).  A callback returning < 0 stops the parse; write/finish return
 * that code.
 *
 * Order of the calls, in detail:
 * - An entity's header lines reach raw() (at its depth) before its
 *   begin(), which needs them complete.  So the bytes of entity E at depth d
 *   are the raw bytes at depth >= d from the first one after the delimiter
 *   that opened E (for a root: from the start; for the child of a
 *   message/rfc822: from the first byte at depth d) up to end(E).
 * - A delimiter ends the entities it closes first: their end() comes before
 *   the raw() of the delimiter's CRLF and line.
 * - A multipart stays open through its epilogue, which is part of it (and
 *   of the part that holds it), up to an outer delimiter or the end.
 * - raw() and body() are batched (up to 64 KiB); raw() is never behind:
 *   when body() gets decoded bytes, the raw bytes they came from were given.
 *   Everything of an entity is given before its end().
 * - When a callback fails (or memory runs out), every entity whose begin()
 *   was called still gets its end(), with MIME_DEF_ABORTED, whose return
 *   value is then ignored; later calls return the same code.
 * - mime_stream_free() makes no callbacks: a stream dropped before
 *   mime_stream_finish() gives no end() for the entities still open.
 *
 * Limits (struct smx_limits): an entity that would be deeper than max_depth
 * or beyond max_parts is not created; a header block over max_header_bytes,
 * a kept field (Content-Type, Content-Transfer-Encoding,
 * Content-Disposition, From) over max_line, a boundary over max_boundary
 * stop the parse where they are reached.  If the root itself is over a
 * limit (origin->depth > max_depth, *parts_used >= max_parts), the stream
 * makes no callbacks at all.  Other header fields are only counted.
 *
 * Delimiters: a line is a delimiter if it reads "--" boundary ["--"]
 * followed only by SP / HT, for an open multipart (innermost first), and is
 * at most max_boundary + 132 bytes long (longer lines stream through as
 * body without being buffered).
 *
 * LF-only input and CRLF input give the same events and bytes.  A CR
 * directly before LF is part of the line end; any other CR is data.
 *
 * Entity ids: the message itself is "0"; the n-th child (from 1) of the
 * message is "n", of any other entity E it is "E.n".  A message/rfc822 (or
 * message/global) entity has one child: the enclosed message.  A stream
 * with an origin has origin->id as its root's id (so its root's children
 * are "<id>.n" unless that id is "0") and origin->depth as its root's depth.
 *
 * OWNERSHIP: struct mime_entity and every string it points to belong to the
 * parser and live until end(ent) returns; ent->user is the caller's.
 */
#ifndef SMX_MIME_STREAM_H
#define SMX_MIME_STREAM_H

#include <stddef.h>

#include "smime/limits.h"

struct mime_stream;

enum mime_kind {
	MIME_LEAF,		/* anything that is not a container */
	MIME_MULTIPART,		/* multipart/x with a boundary */
	MIME_MESSAGE		/* message/rfc822 or message/global: one child (a
				 * message/global in base64 / quoted-printable, which
				 * RFC 6532 allows, is a leaf: parse its body with a
				 * second stream) */
};

enum mime_cte {
	MIME_CTE_7BIT, MIME_CTE_8BIT, MIME_CTE_BINARY,
	MIME_CTE_BASE64, MIME_CTE_QP, MIME_CTE_UNKNOWN
};

/* Defects of one entity (a bit set in mime_entity.defects). */
enum {
	MIME_DEF_NO_BOUNDARY = 1 << 0,	/* multipart/x without a usable boundary (then a leaf) */
	MIME_DEF_NO_CLOSE = 1 << 1,	/* multipart ended without its close delimiter */
	MIME_DEF_NO_PARTS = 1 << 2,	/* multipart without a single delimiter line */
	MIME_DEF_BAD_BASE64 = 1 << 3,	/* base64 body with bytes outside the alphabet or bad padding
					 * (looked for only in bodies asked for with MIME_WANT_BODY) */
	MIME_DEF_BAD_QP = 1 << 4,	/* quoted-printable with an invalid escape (likewise) */
	MIME_DEF_BAD_CTE = 1 << 5,	/* unknown Content-Transfer-Encoding value, or base64 /
					 * quoted-printable on a multipart or message/rfc822
					 * (which then stays a MIME_LEAF) */
	MIME_DEF_HDR_EOF = 1 << 6,	/* input (or a delimiter) ended the header block early */
	MIME_DEF_BAD_HEADER = 1 << 7,	/* header line without a colon, or a bad Content-Type,
					 * or a Content-Type / -Transfer-Encoding /
					 * -Disposition field repeated (the first counts) */
	MIME_DEF_ABORTED = 1 << 8,	/* ended early because a limit was reached */
	MIME_DEF_MULTI_FROM = 1 << 9	/* a message with more than one From field
					 * (from is the first) */
};

struct mime_param {
	const char *name;	/* lower case */
	const char *value;	/* unquoted; RFC 2231 continuations joined and %-decoded */
};

struct mime_entity {
	const char *id;		/* "0", "2", "2.1", ... */
	size_t depth;		/* 0 for the message itself (plus mime_origin.depth) */
	const struct mime_entity *parent;	/* NULL for the root */
	size_t index;		/* 1-based position among siblings; 0 for a root */
	enum mime_kind kind;
	const char *type;	/* lower case "type/subtype"; "text/plain" by default,
				 * "message/rfc822" by default inside multipart/digest */
	const struct mime_param *params;	/* Content-Type parameters (none when the
						 * Content-Type could not be parsed) */
	size_t nparams;
	enum mime_cte cte;
	const char *filename;	/* Content-Disposition filename, else Content-Type
				 * name (RFC 2231 decoded), or NULL */
	const char *from;	/* unfolded From value of a message (the root or the
				 * child of a MIME_MESSAGE), else NULL */
	unsigned defects;	/* MIME_DEF_*; final when end() is called */
	void *user;		/* free for the caller */
};

enum { MIME_WANT_BODY = 1 };

struct mime_callbacks {
	void *arg;
	int (*begin)(void *arg, struct mime_entity *ent);
	int (*raw)(void *arg, size_t depth, const unsigned char *p, size_t n);
	int (*body)(void *arg, struct mime_entity *ent, const unsigned char *p, size_t n);
	int (*end)(void *arg, struct mime_entity *ent);
};

/* Where a stream sits: the root of a message, or the content of an opaque
 * S/MIME layer parsed by a second stream. */
struct mime_origin {
	size_t depth;		/* depth of this stream's root entity */
	const char *id;		/* id of this stream's root entity ("0" for a message) */
	size_t *parts_used;	/* entity counter shared by nested streams, or NULL */
};

/* lim, cb and origin->id are copied; lim may be NULL (the defaults of
 * limits_table[]), any callback may be NULL, origin may be NULL (a message:
 * depth 0, id "0", its own parts counter).  NULL only when memory runs out. */
struct mime_stream *mime_stream_new(const struct smx_limits *lim,
    const struct mime_callbacks *cb, const struct mime_origin *origin);
struct mime_stream *mime_stream_free(struct mime_stream *ms);

/* 0, or the negative code a callback returned, or SMX_ERR_NOMEM / SMX_ERR_STATE
 * (after finish) / SMX_ERR_INVAL (NULL stream).  Reaching a limit is not an
 * error: it returns 0, see mime_stream_limit(). */
int mime_stream_write(struct mime_stream *ms, const void *buf, size_t len);
int mime_stream_finish(struct mime_stream *ms);

/* The limit that stopped the parse (an entry of limits_table[]), or NULL. */
const struct smx_limit_def *mime_stream_limit(const struct mime_stream *ms);

/* Value of Content-Type parameter name (lower case) of ent, or NULL. */
const char *mime_param(const struct mime_entity *ent, const char *name);

#endif
