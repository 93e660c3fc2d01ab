/*
 * NAME
 *	mime_decode - streaming base64 and quoted-printable decoders
 * SYNOPSIS
 *	#include "smime/mime_decode.h"
 *
 *	struct mime_decode *mime_decode_new(enum mime_decode_kind kind);
 *	struct mime_decode *mime_decode_free(struct mime_decode *d);
 *	size_t mime_decode_update(struct mime_decode *d, const void *in,
 *	    size_t len, unsigned char *out);
 *	size_t mime_decode_final(struct mime_decode *d, unsigned char *out);
 *	unsigned mime_decode_defects(const struct mime_decode *d);
 * DESCRIPTION
 *	Undo a Content-Transfer-Encoding as the body streams past, without
 *	ever seeing the body whole.  All state between two chunks fits in the
 *	decoder struct, so a body fed one byte at a time decodes exactly as
 *	the same body fed at once (the unit tests check this).
 *
 *	base64 (RFC 2045 6.8): white space (SP, HT, CR, LF) is skipped
 *	silently; any other byte outside the alphabet is skipped and flagged.
 *	A group ends with "xx==" or "xxx="; whatever follows complete padding
 *	is flagged and ignored, as OpenSSL's decoder refuses it too (two
 *	decoders that disagree on what a signature blob contains are worse
 *	than one that gives up).  At the end, a cut group of 2 or 3
 *	characters still yields its 1 or 2 bytes but is flagged; a single
 *	character is dropped and flagged.
 *
 *	quoted-printable (RFC 2045 6.7): "=XX" (hex digits of either case)
 *	gives one byte; "=" before a line end (white space may come between)
 *	is a soft line break and vanishes; white space at the end of a line is
 *	deleted (rule 3: transport added it).  Any other "=" sequence is passed
 *	through literally and flagged.  Line ends are kept as they came.
 * LIMITS
 *	Memory is fixed per decoder (sizeof(struct mime_decode)).  QP holds at
 *	most MIME_DECODE_WS_MAX bytes of a white-space run; a longer run is
 *	passed on in part (its first bytes), so only its last bytes are deleted
 *	if a line end follows.  Output per call is bounded by the input length
 *	plus MIME_DECODE_SLACK.
 * OWNERSHIP
 *	The caller owns the decoder and all buffers; the decoder keeps no
 *	pointer to them between calls.
 * DIAGNOSTICS
 *	mime_decode_new() returns NULL when memory runs out.  Bad input is
 *	never an error: it sets MIME_DECODE_DEF_* bits.
 * SEE ALSO
 *	RFC 2045 sections 6.7 and 6.8.
 */
#include <stdlib.h>
#include <string.h>

#include "smime/mime_decode.h"

enum qp_state {
	QP_TEXT,	/* ordinary text */
	QP_EQ,		/* after "=" */
	QP_EQ1,		/* after "=" and one hex digit (in hex1) */
	QP_SOFT		/* after "=" and white space (held in ws[]) or a CR */
};

enum b64_state {
	B64_DATA,	/* collecting groups */
	B64_PAD1,	/* "xx=" seen, one more "=" expected */
	B64_DONE	/* padding complete: nothing may follow */
};

struct mime_decode {
	enum mime_decode_kind kind;
	unsigned defects;
	int finished;
	/* base64 */
	enum b64_state bstate;
	unsigned acc;		/* sextets of the current group */
	unsigned count;		/* how many (0..3) */
	/* quoted-printable */
	enum qp_state qstate;
	unsigned char hex1;	/* first digit of a pending escape */
	int cr;			/* a CR is held: line end if LF follows */
	size_t wslen;		/* held white space */
	unsigned char ws[MIME_DECODE_WS_MAX];
};

/* base64 alphabet value, or one of these markers (all >= 64). */
enum { B64_WS = 64, B64_EQ = 65, B64_BAD = 66 };

/* base64 value of each byte: 0..63, B64_WS, B64_EQ or B64_BAD. */
static const unsigned char b64_tab[256] = {
	66, 66, 66, 66, 66, 66, 66, 66, 66, 64, 64, 66, 66, 64, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	64, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 62, 66, 66, 66, 63,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 66, 66, 66, 65, 66, 66,
	66,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 66, 66, 66, 66, 66,
	66, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
	66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
};

struct mime_decode *
mime_decode_new(enum mime_decode_kind kind)
{
	struct mime_decode *d = NULL;

	if (kind != MIME_DECODE_BASE64 && kind != MIME_DECODE_QP)
		goto out;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		goto out;
	d->kind = kind;
out:
	return d;
}

struct mime_decode *
mime_decode_free(struct mime_decode *d)
{
	free(d);
	return NULL;
}

unsigned
mime_decode_defects(const struct mime_decode *d)
{
	return d == NULL ? 0 : d->defects;
}

static size_t
b64_update(struct mime_decode *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	unsigned char *o = out;
	size_t i = 0;

	while (i < len) {
		/* Fast path: whole groups of four alphabet characters, which
		 * is nearly all of a 76-column body. */
		if (d->count == 0 && d->bstate == B64_DATA) {
			while (len - i >= 4) {
				unsigned a = b64_tab[in[i]], b = b64_tab[in[i + 1]],
				    c = b64_tab[in[i + 2]], e = b64_tab[in[i + 3]];

				if ((a | b | c | e) >= 64)
					break;
				*o++ = (unsigned char)(a << 2 | b >> 4);
				*o++ = (unsigned char)((b & 0xf) << 4 | c >> 2);
				*o++ = (unsigned char)((c & 0x3) << 6 | e);
				i += 4;
			}
			if (i == len)
				break;
		}

		unsigned v = b64_tab[in[i++]];

		if (v == B64_WS)
			continue;
		if (v == B64_BAD) {
			d->defects |= MIME_DECODE_DEF_ALPHABET;
			continue;
		}
		if (d->bstate == B64_DONE) {
			d->defects |= MIME_DECODE_DEF_AFTER_PAD;
			continue;
		}
		if (d->bstate == B64_PAD1) {
			if (v == B64_EQ)
				d->bstate = B64_DONE;
			else {
				/* "xx=y": the group was cut; what follows
				 * is after padding and ignored. */
				d->defects |= MIME_DECODE_DEF_AFTER_PAD;
				d->bstate = B64_DONE;
			}
			continue;
		}
		if (v == B64_EQ) {
			if (d->count == 2) {
				*o++ = (unsigned char)(d->acc >> 4);
				d->bstate = B64_PAD1;
			} else if (d->count == 3) {
				*o++ = (unsigned char)(d->acc >> 10);
				*o++ = (unsigned char)(d->acc >> 2);
				d->bstate = B64_DONE;
			} else {
				d->defects |= MIME_DECODE_DEF_PAD;
				continue;
			}
			d->count = 0;
			d->acc = 0;
			continue;
		}
		d->acc = d->acc << 6 | v;
		if (++d->count == 4) {
			*o++ = (unsigned char)(d->acc >> 16);
			*o++ = (unsigned char)(d->acc >> 8);
			*o++ = (unsigned char)d->acc;
			d->count = 0;
			d->acc = 0;
		}
	}
	return (size_t)(o - out);
}

static size_t
b64_final(struct mime_decode *d, unsigned char *out)
{
	size_t n = 0;

	if (d->bstate == B64_PAD1)
		d->defects |= MIME_DECODE_DEF_LENGTH;
	if (d->bstate != B64_DATA || d->count == 0)
		return 0;
	d->defects |= MIME_DECODE_DEF_LENGTH;
	if (d->count == 2)
		out[n++] = (unsigned char)(d->acc >> 4);
	else if (d->count == 3) {
		out[n++] = (unsigned char)(d->acc >> 10);
		out[n++] = (unsigned char)(d->acc >> 2);
	}
	return n;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Give up an escape that turned out invalid: "=", what followed it that is
 * held, literally; the caller then reprocesses the current byte as text. */
static unsigned char *
qp_literal(struct mime_decode *d, unsigned char *o)
{
	*o++ = '=';
	if (d->qstate == QP_EQ1)
		*o++ = d->hex1;
	memcpy(o, d->ws, d->wslen);
	o += d->wslen;
	d->wslen = 0;
	if (d->cr)
		*o++ = '\r';
	d->cr = 0;
	d->qstate = QP_TEXT;
	d->defects |= MIME_DECODE_DEF_ESCAPE;
	return o;
}

static size_t
qp_update(struct mime_decode *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	unsigned char *o = out;
	size_t i = 0;

	while (i < len) {
		unsigned char c = in[i];

		switch (d->qstate) {
		case QP_TEXT:
			if (d->cr && c != '\n') {
				/* A held CR not followed by LF is data, and
				 * so the white space before it was not at
				 * the end of a line. */
				memcpy(o, d->ws, d->wslen);
				o += d->wslen;
				d->wslen = 0;
				*o++ = '\r';
				d->cr = 0;
			}
			if (c == ' ' || c == '\t') {
				if (d->wslen == sizeof(d->ws)) {
					memcpy(o, d->ws, d->wslen);
					o += d->wslen;
					d->wslen = 0;
				}
				d->ws[d->wslen++] = c;
			} else if (c == '\r') {
				d->cr = 1;
			} else if (c == '\n') {
				d->wslen = 0;	/* trailing: deleted */
				if (d->cr)
					*o++ = '\r';
				*o++ = '\n';
				d->cr = 0;
			} else {
				memcpy(o, d->ws, d->wslen);
				o += d->wslen;
				d->wslen = 0;
				if (c == '=')
					d->qstate = QP_EQ;
				else {
					/* Copy the run of plain bytes at once. */
					size_t j = i + 1;

					*o++ = c;
					while (j < len && in[j] != '=' && in[j] != ' ' &&
					    in[j] != '\t' && in[j] != '\r' && in[j] != '\n')
						*o++ = in[j++];
					i = j;
					continue;
				}
			}
			i++;
			break;
		case QP_EQ:
			if (hexval(c) >= 0) {
				d->hex1 = c;
				d->qstate = QP_EQ1;
			} else if (c == ' ' || c == '\t') {
				d->ws[d->wslen++] = c;
				d->qstate = QP_SOFT;
			} else if (c == '\r') {
				d->cr = 1;
				d->qstate = QP_SOFT;
			} else if (c == '\n') {
				d->qstate = QP_TEXT;	/* soft line break */
			} else {
				o = qp_literal(d, o);
				continue;	/* c again, as text */
			}
			i++;
			break;
		case QP_EQ1:
			if (hexval(c) < 0) {
				o = qp_literal(d, o);
				continue;
			}
			*o++ = (unsigned char)(hexval(d->hex1) << 4 | hexval(c));
			d->qstate = QP_TEXT;
			i++;
			break;
		case QP_SOFT:
			if (c == '\n') {
				d->wslen = 0;
				d->cr = 0;
				d->qstate = QP_TEXT;	/* soft line break */
			} else if ((c == ' ' || c == '\t') && !d->cr &&
			    d->wslen < sizeof(d->ws)) {
				d->ws[d->wslen++] = c;
			} else if (c == '\r' && !d->cr) {
				d->cr = 1;
			} else {
				o = qp_literal(d, o);
				continue;
			}
			i++;
			break;
		}
	}
	return (size_t)(o - out);
}

static size_t
qp_final(struct mime_decode *d, unsigned char *out)
{
	unsigned char *o = out;

	switch (d->qstate) {
	case QP_TEXT:
		d->wslen = 0;	/* white space at the end of the last line */
		if (d->cr)
			*o++ = '\r';
		d->cr = 0;
		break;
	case QP_EQ:
		break;		/* "=" at the very end: a soft line break */
	case QP_SOFT:
		if (!d->cr) {
			d->wslen = 0;	/* "=" and trailing white space */
			break;
		}
		o = qp_literal(d, o);
		break;
	case QP_EQ1:
		o = qp_literal(d, o);
		break;
	}
	d->qstate = QP_TEXT;
	return (size_t)(o - out);
}

size_t
mime_decode_update(struct mime_decode *d, const void *in, size_t len,
    unsigned char *out)
{
	if (d == NULL || d->finished || len == 0)
		return 0;
	if (d->kind == MIME_DECODE_BASE64)
		return b64_update(d, in, len, out);
	return qp_update(d, in, len, out);
}

size_t
mime_decode_final(struct mime_decode *d, unsigned char *out)
{
	size_t n;

	if (d == NULL || d->finished)
		return 0;
	d->finished = 1;
	if (d->kind == MIME_DECODE_BASE64)
		n = b64_final(d, out);
	else
		n = qp_final(d, out);
	return n;
}
