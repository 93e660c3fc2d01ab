/*
 * NAME
 *	smx_err - names of the library error codes
 * SYNOPSIS
 *	#include "smime/smx_err.h"
 *
 *	const char *smx_strerror(int code);
 * DESCRIPTION
 *	Returns a constant English text for an SMX_ERR_* code; unknown codes
 *	give "unknown error".  The text is static and never freed.
 */
#include "smime/smx_err.h"

const char *
smx_strerror(int code)
{
	static const struct {
		int code;
		const char *text;
	} tab[] = {
		{ SMX_OK, "success" },
		{ SMX_ERR_NOMEM, "out of memory" },
		{ SMX_ERR_INVAL, "invalid argument" },
		{ SMX_ERR_STATE, "call out of sequence" },
		{ SMX_ERR_IO, "input/output error" },
		{ SMX_ERR_CRYPTO, "cryptographic library error" },
		{ SMX_ERR_CONFIG, "configuration error" },
		{ SMX_ERR_PARSE, "malformed input" },
		{ SMX_ERR_LIMIT, "limit reached" },
		{ SMX_ERR_NOTFOUND, "not found" },
	};

	for (unsigned i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (tab[i].code == code)
			return tab[i].text;
	return "unknown error";
}
