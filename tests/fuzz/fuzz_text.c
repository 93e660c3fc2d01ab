/*
 * fuzz_text - libFuzzer harness for the small text parsers: From address
 * lists (smime/address.c), the sanitizer (smime/sanitize.c) in every
 * class, and the log line parser (policy/logfmt.c), whose parse of a
 * written line must give back what was written.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/logfmt.h"
#include "smime/address.h"
#include "smime/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *a, *line;
	struct logrec r, back;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((a = address_parse(s)) != NULL) {
		if (strchr(a, '@') == NULL || !address_match(a, a))
			abort();
		free(a);
	}
	(void)address_count(s);
	for (int cls = SAN_TEXT; cls <= SAN_TOKEN; cls++) {
		char *t = sanitize(s, (enum san_class)cls, 64);

		if (t != NULL && (strlen(t) > 64 || strpbrk(t, "\r\n") != NULL))
			abort();
		free(t);
	}
	if (logfmt_parse(s, &r) == 0) {
		/* What parses must survive a write and a parse unchanged. */
		if ((line = logfmt_line(&r)) != NULL) {
			if (logfmt_parse(line, &back) != 0 || strcmp(back.queue_id, r.queue_id) != 0)
				abort();
			for (int k = 0; k < LK_COUNT; k++)
				if ((r.val[k] == NULL) != (back.val[k] == NULL) ||
				    (r.val[k] != NULL && strcmp(r.val[k], back.val[k]) != 0))
					abort();
			logfmt_clear(&back);
			free(line);
		}
		logfmt_clear(&r);
	}
	free(s);
	return 0;
}
