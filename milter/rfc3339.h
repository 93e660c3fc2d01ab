/*
 * rfc3339.h: RFC 3339 date-times for --at and for output.
 */
#ifndef SMX_RFC3339_H
#define SMX_RFC3339_H

#include <stddef.h>
#include <time.h>

/* "2026-12-01T00:00:00Z", "...T01:00:00+01:00", fractions ignored, a
 * lower-case t / z or a space separator accepted.  0, or -1 when s is not
 * such a time. */
int rfc3339_parse(const char *s, time_t *out);
/* UTC form "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void rfc3339_format(time_t t, char *buf, size_t len);

#endif
