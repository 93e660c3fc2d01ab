/*
 * NAME
 *	check_out - render a verdict for smimecheck
 * DESCRIPTION
 *	JSON Lines: one object per input with input, smime, reason, br (the
 *	message's BR result), action, from, bytes, signers[] (every signer of
 *	every layer, outermost layer first, each with its own br object:
 *	result, type, generation, reason, findings) and layers[].  Text: the verdict line, then
 *	one line per layer and two or three per signer.  Every string that
 *	came from the message or a certificate is sanitized (jw_str, san()).
 */
#include <stdlib.h>

#include "milter/check_br.h"
#include "milter/check_out.h"
#include "milter/jsonw.h"
#include "milter/rfc3339.h"
#include "smime/sanitize.h"

static void
json_signer(struct jsonw *w, const struct smx_signer *s, size_t layer,
    const struct br_verdict *b)
{
	char when[32];

	jw_open(w, NULL, 0);
	jw_num(w, "layer", (long long)layer);
	jw_str(w, "identity", s->identity);
	jw_bool(w, "from_match", s->from_match);
	jw_str(w, "subject", s->subject);
	jw_str(w, "issuer", s->issuer);
	jw_str(w, "serial", s->serial);
	jw_tok(w, "key_alg", s->key_alg);
	jw_tok(w, "sig_alg", s->sig_alg);
	jw_tok(w, "digest_alg", s->digest_alg);
	jw_tok(w, "signature", smx_result_name(s->signature));
	jw_tok(w, "chain", s->chain);
	jw_tok(w, "smime", smx_result_name(s->result));
	jw_tok(w, "reason", s->reason);
	if (s->has_signing_time) {
		rfc3339_format(s->signing_time, when, sizeof(when));
		jw_tok(w, "signing_time", when);
	} else
		jw_null(w, "signing_time");
	jw_open(w, "br", 0);
	jw_tok(w, "result", br_result_name(b->result));
	check_br_members(w, b);
	jw_close(w, 0);
	jw_close(w, 0);
}

void
check_out_json(FILE *fp, const char *input, const struct verdict *v)
{
	const struct smx_report *r = v->rep;
	struct jsonw w;

	jw_init(&w, fp);
	jw_open(&w, NULL, 0);
	jw_str(&w, "input", input);
	jw_tok(&w, "smime", smx_result_name(r->result));
	jw_tok(&w, "reason", r->result == SMX_PASS ? NULL : r->reason);
	jw_tok(&w, "br", br_result_name(v->br_result));
	jw_tok(&w, "action", decide_action_name(v->action));
	jw_str(&w, "from", r->from);
	jw_num(&w, "bytes", (long long)r->bytes);
	jw_open(&w, "signers", 1);
	for (size_t i = 0; i < r->nlayers; i++)
		for (size_t j = 0; j < r->layers[i].nsigners; j++)
			json_signer(&w, &r->layers[i].signers[j], i,
			    verdict_signer_br(v, i, j));
	jw_close(&w, 1);
	jw_open(&w, "layers", 1);
	for (size_t i = 0; i < r->nlayers; i++) {
		const struct smx_layer *l = &r->layers[i];

		jw_open(&w, NULL, 0);
		jw_tok(&w, "kind", smx_layer_kind_name(l->kind));
		jw_str(&w, "part", l->part);
		jw_num(&w, "depth", (long long)l->depth);
		jw_tok(&w, "smime", smx_result_name(l->result));
		jw_tok(&w, "reason", l->reason);
		jw_str(&w, "from", l->from);
		jw_num(&w, "signers", (long long)l->nsigners);
		jw_close(&w, 0);
	}
	jw_close(&w, 1);
	jw_close(&w, 0);
	putc('\n', fp);
}

/* A sanitized copy for a terminal; "-" when absent. */
static char *
san(const char *s)
{
	return sanitize(s != NULL ? s : "-", SAN_UTF8, SAN_MAX_DEFAULT);
}

static void
text_signer(FILE *fp, const struct smx_signer *s, const struct br_verdict *b)
{
	char *id = san(s->identity), *subj = san(s->subject), *iss = san(s->issuer),
	    *ser = san(s->serial);

	fprintf(fp, "    signer %s%s: %s%s%s\n", id ? id : "",
	    s->identity != NULL ? (s->from_match ? " (matches From)" : " (not From)") : "",
	    smx_result_name(s->result), s->reason ? " " : "", s->reason ? s->reason : "");
	fprintf(fp, "      %s %s %s, signature=%s chain=%s\n", s->key_alg,
	    s->sig_alg, s->digest_alg, smx_result_name(s->signature), s->chain);
	fprintf(fp, "      subject: %s\n      issuer: %s serial %s\n",
	    subj ? subj : "", iss ? iss : "", ser ? ser : "");
	check_br_text(fp, "      ", b);
	free(id);
	free(subj);
	free(iss);
	free(ser);
}

/* A header as the milter would add it, its folds indented for reading. */
static void
text_header(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, "  + %s: ", name);
	for (const char *p = value; *p; p++) {
		putc(*p, fp);
		if (*p == '\n')
			fputs("    ", fp);
	}
	putc('\n', fp);
}

/* What the milter would do: deletions, insertions (top first), the reply. */
static void
text_actions(FILE *fp, const struct msg_result *mr)
{
	for (size_t i = 0; i < mr->ndel; i++)
		fprintf(fp, "  - %s #%d (forged)\n", mr->del[i].name, mr->del[i].index);
	for (size_t i = mr->nins; i-- > 0; )
		text_header(fp, mr->ins[i].name, mr->ins[i].value);
	if (mr->status != MSG_CONTINUE)
		fprintf(fp, "  reply: %s %s %s\n", mr->rcode, mr->xcode, mr->text);
	if (mr->quarantine != NULL)
		fprintf(fp, "  quarantine: %s\n", mr->quarantine);
}

void
check_out_text(FILE *fp, const char *input, const struct msg_result *mr)
{
	const struct verdict *v = &mr->v;
	const struct smx_report *r = v->rep;
	char *in = san(input);

	fprintf(fp, "%s: smime=%s", in ? in : "", smx_result_name(r->result));
	if (r->result != SMX_PASS && r->reason != NULL)
		fprintf(fp, " (%s)", r->reason);
	fprintf(fp, " br=%s action=%s\n", br_result_name(v->br_result),
	    decide_action_name(v->action));
	free(in);
	for (size_t i = 0; i < r->nlayers; i++) {
		const struct smx_layer *l = &r->layers[i];
		char *part = san(l->part);

		fprintf(fp, "  layer %zu: %s, part %s: %s%s%s\n", i + 1,
		    smx_layer_kind_name(l->kind), part ? part : "",
		    smx_result_name(l->result), l->reason ? " " : "",
		    l->reason ? l->reason : "");
		free(part);
		for (size_t j = 0; j < l->nsigners; j++)
			text_signer(fp, &l->signers[j], verdict_signer_br(v, i, j));
	}
	text_actions(fp, mr);
}
