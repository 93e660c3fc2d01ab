/*
 * NAME
 *	sanitize - the one sanitizer for message- and certificate-derived text
 * SYNOPSIS
 *	#include "smime/sanitize.h"
 *
 *	size_t sanitize_buf(char *dst, size_t dstsize, const char *s, size_t len,
 *	    enum san_class cls);
 *	char *sanitize(const char *s, enum san_class cls, size_t max);
 * DESCRIPTION
 *	Certificate subjects, SAN entries, issuer names, serials, From
 *	addresses and MIME parameters are attacker-controlled.  They may carry
 *	CR, LF, NUL, quotes, semicolons, bidirectional overrides or invalid
 *	UTF-8, any of which could forge a header, split a log line or spoof a
 *	terminal.  Every such string is passed through here, with the class
 *	that fits where it is going (see sanitize.h), before it is written
 *	anywhere.  The escapes (\xHH, and \\ for a backslash in the text
 *	classes) keep the output unambiguous, so a log reader can tell the
 *	original bytes.
 *
 *	In SAN_UTF8, C1 controls, U+2028/U+2029, the bidirectional marks
 *	(LRM, RLM, ALM) and the embedding, override and isolate controls
 *	are escaped like invalid
 *	bytes: they are printable in no useful sense and are used to disguise
 *	text.
 * OWNERSHIP
 *	sanitize() returns a string the caller frees with free().
 * DIAGNOSTICS
 *	sanitize() returns NULL only when memory runs out.
 */
#include <stdlib.h>
#include <string.h>

#include "smime/sanitize.h"

static const char hexdig[] = "0123456789ABCDEF";

static int
is_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~.@", c) != NULL;
}

/*
 * Length of a well-formed, harmless UTF-8 sequence at p (at most n bytes),
 * or 0 when the byte at p must be escaped.
 */
static size_t
utf8_ok(const unsigned char *p, size_t n)
{
	unsigned long cp;
	size_t len;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (n < len)
		return 0;
	cp = p[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	/* C1 controls, line/paragraph separators, bidi controls */
	if (cp <= 0x9f || cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0xfeff)
		return 0;
	return len;
}

/*
 * The representation of the input at p for class cls: writes up to 4
 * bytes into piece, returns their count, and sets *used to the input
 * bytes consumed (at least 1).
 */
static size_t
one_piece(const unsigned char *p, size_t n, enum san_class cls, char *piece,
    size_t *used)
{
	unsigned char c = p[0];
	size_t u;

	*used = 1;
	switch (cls) {
	case SAN_HEX:
		if (c >= '0' && c <= '9') {
			piece[0] = (char)c;
			return 1;
		}
		if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			piece[0] = (char)(c & ~0x20);
			return 1;
		}
		return 0;
	case SAN_TOKEN:
		piece[0] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
		    c == '+') ? (char)c : '_';
		return 1;
	case SAN_ADDR:
		if (is_atext(c)) {
			piece[0] = (char)c;
			return 1;
		}
		break;
	case SAN_UTF8:
		if (c >= 0x80 && (u = utf8_ok(p, n)) > 0) {
			memcpy(piece, p, u);
			*used = u;
			return u;
		}
		/* FALLTHROUGH */
	case SAN_TEXT:
		if (c == '\\') {
			piece[0] = piece[1] = '\\';
			return 2;
		}
		if (c >= 0x20 && c < 0x7f) {
			piece[0] = (char)c;
			return 1;
		}
		break;
	}
	piece[0] = '\\';
	piece[1] = 'x';
	piece[2] = hexdig[c >> 4];
	piece[3] = hexdig[c & 0xf];
	return 4;
}

size_t
sanitize_buf(char *dst, size_t dstsize, const char *s, size_t len,
    enum san_class cls)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t limit, pos = 0, cut = 0, i = 0;
	char piece[4];

	if (dstsize == 0)
		return 0;
	limit = dstsize - 1;
	while (i < len) {
		size_t used, k = one_piece(p + i, len - i, cls, piece, &used);

		if (pos + k > limit) {
			/* Cut at a piece boundary that leaves room for "...". */
			if (limit >= 3) {
				memcpy(dst + cut, "...", 3);
				pos = cut + 3;
			} else {
				pos = cut;
			}
			break;
		}
		memcpy(dst + pos, piece, k);
		pos += k;
		if (limit >= 3 && pos <= limit - 3)
			cut = pos;
		i += used;
	}
	dst[pos] = '\0';
	return pos;
}

char *
sanitize(const char *s, enum san_class cls, size_t max)
{
	char *out;

	if ((out = malloc(max + 1)) == NULL)
		return NULL;
	if (s == NULL) {
		out[0] = '\0';
		return out;
	}
	sanitize_buf(out, max + 1, s, strlen(s), cls);
	return out;
}
