/*
 * mime_header.h: the MIME header fields the stream parser needs, parsed.
 *
 * Content-Type and Content-Disposition values become a lower-case token
 * ("type/subtype", or the disposition type) and a list of parameters, with
 * RFC 2045 / RFC 822 lexical rules (tokens, quoted strings with backslash
 * escapes, comments in parentheses, folding white space) and RFC 2231
 * (continuations name*0, name*1*, ...; charset'language'%XX with name*=).
 * Content-Transfer-Encoding becomes an enum mime_cte.
 *
 * The parsers take (pointer, length), never read past the length, accept
 * any bytes (NUL included) and never fail on bad input: they do what a
 * lenient mail reader does and set ->malformed.  Leniency is deliberate and
 * limited: an unquoted parameter value runs to the next ';', white space,
 * '(' or '"' (real boundaries such as ----=_Part_1 carry tspecials), and a
 * missing ';' between parameters is tolerated.  Everything else follows the
 * RFCs.
 */
#ifndef SMX_MIME_HEADER_H
#define SMX_MIME_HEADER_H

#include <stddef.h>

#include "smime/mime_stream.h"

/* The header fields the stream parser keeps. */
enum mime_header_field {
	MIME_HEADER_OTHER = -1,
	MIME_HEADER_CONTENT_TYPE = 0,
	MIME_HEADER_CTE,		/* Content-Transfer-Encoding */
	MIME_HEADER_DISPOSITION,	/* Content-Disposition */
	MIME_HEADER_FROM,
	MIME_HEADER_NFIELDS
};

/*
 * A parsed Content-Type or Content-Disposition value.  One allocation holds
 * the struct, the parameter array and every string; free it with
 * mime_header_value_free().
 */
struct mime_header_value {
	const char *token;	/* lower case "type/subtype" or disposition type;
				 * NULL when the value does not start with one */
	const struct mime_param *params;	/* names lower case, values decoded */
	size_t nparams;
	int malformed;		/* the value broke the syntax somewhere */
};

/*
 * Which kept field a header field name (the bytes before the colon; white
 * space before the colon is ignored) is, matched without regard to case.
 */
enum mime_header_field mime_header_field(const char *name, size_t len);

/*
 * Parse the value of a Content-Type field (len bytes at s, unfolded or
 * not).  On success *out is a new value and the result is 0; otherwise
 * *out is NULL and the result is SMX_ERR_NOMEM.  Parameters appear once
 * each, in the order of their first appearance: when a name occurs more
 * than once in the same form the first wins; the RFC 2231 form (name*= or
 * name*0...) wins over a plain name=; sections are joined from *0 up to
 * the first gap.  Each of these irregularities sets ->malformed.  A
 * decoded %00 is kept as the three characters "%00" so that no value holds
 * a NUL.  When the value does not start with type/subtype, ->token is
 * NULL, ->malformed is set and no parameters are read (RFC 2045 5.2: such
 * a field is treated as absent).
 */
int mime_header_content_type(const char *s, size_t len,
    struct mime_header_value **out);

/* As mime_header_content_type(), for a Content-Disposition value; ->token
 * is the disposition type ("inline", "attachment", ...), and without one no
 * parameters are read either. */
int mime_header_disposition(const char *s, size_t len,
    struct mime_header_value **out);

/* Free v (NULL is fine); returns NULL. */
struct mime_header_value *mime_header_value_free(struct mime_header_value *v);

/*
 * The encoding named by a Content-Transfer-Encoding value: 7bit, 8bit,
 * binary, base64, quoted-printable (any case, comments and white space
 * around allowed); anything else, an empty value included, is
 * MIME_CTE_UNKNOWN.
 */
enum mime_cte mime_header_cte(const char *s, size_t len);

/* The value of parameter name (lower case) among n params, or NULL. */
const char *mime_header_param(const struct mime_param *params, size_t n,
    const char *name);

#endif
