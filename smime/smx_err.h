/*
 * smx_err.h: error codes of the libraries (smime/, policy/, conf/).
 *
 * Every library function that can fail returns 0 or one of these negative
 * codes; smx_strerror() names it.  A code is an internal condition (memory,
 * a broken invariant, an I/O failure), never a verdict about a message: a
 * malformed message is a result in the report, not an error.  Only milter/
 * decides what an error means for mail (by default: tempfail).
 */
#ifndef SMX_ERR_H
#define SMX_ERR_H

enum {
	SMX_OK = 0,
	SMX_ERR_NOMEM = -1,	/* an allocation failed */
	SMX_ERR_INVAL = -2,	/* a caller broke the interface contract */
	SMX_ERR_STATE = -3,	/* call out of sequence (e.g. write after finish) */
	SMX_ERR_IO = -4,	/* reading a file failed; errno is kept */
	SMX_ERR_CRYPTO = -5,	/* libcrypto failed where it must not */
	SMX_ERR_CONFIG = -6,	/* a configuration could not be loaded */
	SMX_ERR_PARSE = -7,	/* an input that the caller vouched for is malformed */
	SMX_ERR_LIMIT = -8,	/* a named limit was reached */
	SMX_ERR_NOTFOUND = -9	/* no such item */
};

const char *smx_strerror(int code);

#endif
