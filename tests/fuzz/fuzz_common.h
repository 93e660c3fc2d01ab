/*
 * fuzz_common.h: checks shared by the libFuzzer harnesses.
 *
 * FZ_CHECK(cond, ...) prints the failed condition and a message to stderr
 * and abort()s, so libFuzzer records the input as a crash.  The other
 * functions check what the S/MIME pipeline promises about its output: the
 * sanitizer's classes, the result / reason vocabulary, and the shape of a
 * verification record.  None of them keeps state between calls.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>

#include "smime/report.h"
#include "smime/sanitize.h"

void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

#define FZ_CHECK(cond, ...) \
	do { if (!(cond)) fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); } while (0)

/* s (len bytes, cut at max) through class cls, checked both ways. */
void fz_check_sanitize_bytes(const char *s, size_t len);
/* A NUL-terminated string from a report through every class. */
void fz_check_sanitizable(const char *s);

/* 1 when id reads "0" or "N(.N)*" with N >= 1 and no leading zeros. */
int fz_id_ok(const char *id);

/* reason is a token of reasons_table[] (limit_* included).  When result is
 * not negative, the token must be documented with that result. */
int fz_reason_known(const char *reason);
void fz_check_reason(const char *what, const char *reason, enum smx_result result);

/* The shape of one layer / a whole record (see fuzz_common.c). */
void fz_check_layer(const struct smx_layer *l, size_t nlayers);
void fz_check_report(const struct smx_report *r, size_t bytes_fed);

/* 0 when a and b are the same record (every field the front-ends read),
 * else a description of the first difference written to why. */
int fz_report_diff(const struct smx_report *a, const struct smx_report *b,
    char *why, size_t whylen);

#endif
