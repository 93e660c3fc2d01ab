/*
 * sanitize.h: the one sanitizer.  Every string that came from a message or a
 * certificate passes through here before it reaches a header, a log line, a
 * terminal or JSON output.
 *
 * The output is always NUL-terminated, never longer than max bytes (plus the
 * NUL), and made only of the bytes the class allows; a cut is marked with
 * "...".  Bytes that are not allowed are written as \xHH (TEXT, UTF8) or
 * dropped / replaced (the narrow classes), so the result can neither break a
 * header or log line (no CR, LF, NUL or other control) nor end a quoted
 * string early.
 */
#ifndef SMX_SANITIZE_H
#define SMX_SANITIZE_H

#include <stddef.h>

enum san_class {
	SAN_TEXT,	/* printable ASCII and space; '\\' -> "\\\\", others -> \xHH */
	SAN_UTF8,	/* as SAN_TEXT, but well-formed printable UTF-8 is kept */
	SAN_ADDR,	/* addr-spec: atext, '.', '@' kept; other bytes -> \xHH */
	SAN_HEX,	/* 0-9 A-F (a-f upper-cased); other bytes dropped */
	SAN_TOKEN	/* A-Z a-z 0-9 . _ - + kept; other bytes -> '_' */
};

/* Default cut for a value in a header or log line. */
#define SAN_MAX_DEFAULT 256

/*
 * Sanitize len bytes of s into dst (dstsize bytes, at least 4).  Returns the
 * length written (without the NUL).
 */
size_t sanitize_buf(char *dst, size_t dstsize, const char *s, size_t len,
    enum san_class cls);

/* As sanitize_buf into a new string of at most max bytes; NULL only when
 * memory runs out.  s may be NULL (gives ""). */
char *sanitize(const char *s, enum san_class cls, size_t max);

#endif
