/*
 * NAME
 *	check_br - print BR verdicts and the rules table for smimecheck
 * DESCRIPTION
 *	A finding is {code, severity, section, cert, detail}: the first four
 *	are ours (static tables), detail may quote the certificate and goes
 *	through the sanitizer (jw_str / sanitize()).  The rules table comes
 *	out as aligned text or as JSON Lines (one object per rule), like
 *	pkilint's validations list.
 */
#include <stdlib.h>

#include "milter/check_br.h"
#include "milter/check_out.h"
#include "smime/sanitize.h"

void
check_br_members(struct jsonw *w, const struct br_verdict *b)
{
	jw_tok(w, "type", br_type_name(b->prof.type));
	jw_tok(w, "generation", br_gen_name(b->prof.gen));
	jw_tok(w, "reason", b->reason);
	jw_open(w, "findings", 1);
	for (size_t i = 0; i < b->nfindings; i++) {
		const struct br_finding *f = &b->findings[i];

		jw_open(w, NULL, 0);
		jw_tok(w, "code", f->rule->code);
		jw_tok(w, "severity", br_sev_name(f->rule->sev));
		jw_tok(w, "section", f->rule->section);
		jw_tok(w, "cert", f->cert);
		jw_str(w, "detail", f->detail[0] ? f->detail : NULL);
		jw_close(w, 0);
	}
	jw_close(w, 1);
}

void
check_br_text(FILE *fp, const char *indent, const struct br_verdict *b)
{
	fprintf(fp, "%sbr=%s", indent, br_result_name(b->result));
	if (b->reason != NULL)
		fprintf(fp, " (%s)", b->reason);
	else
		fprintf(fp, " type=%s generation=%s", br_type_name(b->prof.type),
		    br_gen_name(b->prof.gen));
	fprintf(fp, "%s\n", b->nfindings ? ":" : "");
	for (size_t i = 0; i < b->nfindings; i++) {
		const struct br_finding *f = &b->findings[i];
		char *det = sanitize(f->detail, SAN_UTF8, SAN_MAX_DEFAULT);

		fprintf(fp, "%s  %s [%s, %s] %s%s%s\n", indent, f->rule->code,
		    f->rule->section, f->cert, f->rule->doc,
		    det != NULL && *det ? ": " : "", det != NULL ? det : "");
		free(det);
	}
}

void
check_out_cert_json(FILE *fp, const char *input, const struct br_verdict *b)
{
	struct jsonw w;

	jw_init(&w, fp);
	jw_open(&w, NULL, 0);
	jw_str(&w, "input", input);
	jw_tok(&w, "br", br_result_name(b->result));
	check_br_members(&w, b);
	jw_close(&w, 0);
	putc('\n', fp);
}

void
check_out_cert_text(FILE *fp, const char *input, const struct br_verdict *b)
{
	char *in = sanitize(input, SAN_UTF8, SAN_MAX_DEFAULT);

	fprintf(fp, "%s:\n", in != NULL ? in : "");
	free(in);
	check_br_text(fp, "  ", b);
}

static const char *
ymd(int d, char *buf, size_t len)
{
	if (d == 0)
		return NULL;
	snprintf(buf, len, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
	return buf;
}

void
check_out_rules(FILE *fp, int json)
{
	char from[16], until[16];
	struct jsonw w;

	for (size_t i = 0; i < br_rules_count(); i++) {
		const struct br_rule *r = br_rules_get(i);
		const char *f = ymd(r->from, from, sizeof(from)), *u = ymd(r->until, until, sizeof(until));

		if (!json) {
			fprintf(fp, "%-40s %-7s %-18s %s", r->code, br_sev_name(r->sev),
			    r->section, r->doc);
			if (f != NULL || u != NULL)
				fprintf(fp, " [%s%s%s%s%s]", f ? "from " : "", f ? f : "",
				    f && u ? ", " : "", u ? "until " : "", u ? u : "");
			putc('\n', fp);
			continue;
		}
		jw_init(&w, fp);
		jw_open(&w, NULL, 0);
		jw_tok(&w, "code", r->code);
		jw_tok(&w, "severity", br_sev_name(r->sev));
		jw_tok(&w, "section", r->section);
		jw_tok(&w, "doc", r->doc);
		jw_tok(&w, "effective_from", f);
		jw_tok(&w, "effective_until", u);
		jw_open(&w, "roles", 1);
		if (r->roles & BR_ROLE_SUBSCRIBER)
			jw_tok(&w, NULL, "subscriber");
		if (r->roles & BR_ROLE_SUBCA)
			jw_tok(&w, NULL, "subordinate_ca");
		if (r->roles & BR_ROLE_ROOT)
			jw_tok(&w, NULL, "root");
		if (r->roles & BR_ROLE_OCSP)
			jw_tok(&w, NULL, "ocsp_responder");
		jw_close(&w, 1);
		jw_close(&w, 0);
		putc('\n', fp);
	}
}
