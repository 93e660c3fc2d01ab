/*
 * mime_decode.h: streaming base64 and quoted-printable decoders.
 *
 * A decoder is fed its encoded input in chunks of any size (one byte is
 * fine) and keeps whatever it needs between chunks: an incomplete base64
 * group, a pending "=X" escape, a held CR, trailing white space that may yet
 * turn out to end a line.  It never fails on bad input: what it cannot decode
 * it skips (base64) or passes through literally (quoted-printable) and
 * records a defect bit, readable at any time with mime_decode_defects().
 *
 * Output goes into a buffer the caller provides; one call never writes more
 * than len + MIME_DECODE_SLACK bytes (held bytes may come out later than the
 * input that carried them), and mime_decode_final() never more than
 * MIME_DECODE_SLACK.
 */
#ifndef SMX_MIME_DECODE_H
#define SMX_MIME_DECODE_H

#include <stddef.h>

enum mime_decode_kind {
	MIME_DECODE_BASE64,	/* RFC 2045 6.8 */
	MIME_DECODE_QP		/* RFC 2045 6.7 */
};

/* Defects (bits of mime_decode_defects()). */
enum {
	MIME_DECODE_DEF_ALPHABET = 1 << 0,	/* base64: a byte outside the alphabet that is not
						 * white space (SP, HT, CR, LF); skipped */
	MIME_DECODE_DEF_PAD = 1 << 1,		/* base64: '=' where no padding may stand; skipped */
	MIME_DECODE_DEF_AFTER_PAD = 1 << 2,	/* base64: data or another '=' after complete
						 * padding; everything after the padding is skipped */
	MIME_DECODE_DEF_LENGTH = 1 << 3,	/* base64: the input did not end on a complete
						 * 4-character group (2 or 3 characters still decode) */
	MIME_DECODE_DEF_ESCAPE = 1 << 4		/* quoted-printable: '=' followed by neither two hex
						 * digits nor (white space and) a line end; the
						 * bytes are passed through literally */
};

/* Defects that concern base64 and quoted-printable respectively. */
#define MIME_DECODE_DEF_BASE64_MASK \
	(MIME_DECODE_DEF_ALPHABET | MIME_DECODE_DEF_PAD | MIME_DECODE_DEF_AFTER_PAD | \
	 MIME_DECODE_DEF_LENGTH)
#define MIME_DECODE_DEF_QP_MASK MIME_DECODE_DEF_ESCAPE

/*
 * Quoted-printable deletes white space at the end of a line (RFC 2045 6.7
 * rule 3), so it must hold a run of SP / HT until it sees what follows.  It
 * holds at most MIME_DECODE_WS_MAX bytes: of a longer run the first bytes
 * are passed on (a run that long is content, not transport padding).
 */
#define MIME_DECODE_WS_MAX 256
#define MIME_DECODE_SLACK (MIME_DECODE_WS_MAX + 8)

/* A new decoder, or NULL when memory runs out. */
struct mime_decode *mime_decode_new(enum mime_decode_kind kind);

/* Free d (NULL is fine); returns NULL. */
struct mime_decode *mime_decode_free(struct mime_decode *d);

/*
 * Decode len bytes of in into out, which must have room for
 * len + MIME_DECODE_SLACK bytes.  Returns the number of bytes written.
 *
 * Line ends of quoted-printable text are kept as they came: CR LF stays
 * CR LF, a bare LF stays LF; a CR not followed by LF is data.  Soft line
 * breaks ("=" before a line end, white space allowed in between) vanish.
 * Hex digits of an escape may be lower case.
 */
size_t mime_decode_update(struct mime_decode *d, const void *in, size_t len,
    unsigned char *out);

/*
 * End of input: write the held bytes that still decode (at most
 * MIME_DECODE_SLACK) and record the defects only the end reveals (a base64
 * group cut short, an "=X" escape at the very end).  Returns the number of
 * bytes written.  After this, mime_decode_update() decodes nothing.
 */
size_t mime_decode_final(struct mime_decode *d, unsigned char *out);

/* The MIME_DECODE_DEF_* bits seen so far. */
unsigned mime_decode_defects(const struct mime_decode *d);

#endif
