/*
 * NAME
 *	msgctx - one message through scan, verdict, decision, headers and log
 * SYNOPSIS
 *	#include "milter/msgctx.h"
 *
 *	struct msgctx *msgctx_new(const struct msgctx_cfg *cfg);
 *	int msgctx_header(struct msgctx *m, const char *name,
 *	    const char *value, int leadspc);
 *	int msgctx_eoh(struct msgctx *m);
 *	int msgctx_body(struct msgctx *m, const void *p, size_t n);
 *	int msgctx_eom(struct msgctx *m, const char *queue_id, long ms,
 *	    struct msg_result *r);
 * DESCRIPTION
 *	Header fields are given back to the S/MIME stream as "Name:value"
 *	lines (the MTA has taken them apart), so the stream sees the message
 *	as it was sent.  While they pass, incoming copies of our own headers
 *	are counted by name: every Authentication-Results whose authserv-id is
 *	ours and every BR compliance header is a forgery (RFC 8601 5), to be
 *	deleted highest index first (deleting in ascending order shifts the
 *	indexes, the OpenDKIM bug).
 *
 *	A message over max_size is no longer fed to the stream (memory and
 *	time stay bounded); it is reported as permerror too_large.  An error
 *	of the pipeline makes the message temperror internal_error, which
 *	the policy (OnTemperror) turns into a tempfail by default.
 *
 *	At the end, the verdict gives the action: accept (forgeries removed,
 *	nothing added), tag (our two headers added at the top, A-R first),
 *	quarantine (tagged and held), tempfail or reject (with a fixed reply
 *	per class, RFC 3463 codes).
 * OWNERSHIP
 *	A msg_result holds the report and the verdict that points into it:
 *	do not copy it; free it with msgctx_result_clear().
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_STATE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "milter/hdr_ar.h"
#include "milter/msgctx.h"
#include "policy/logfmt.h"
#include "smime/address.h"
#include "smime/reasons.h"
#include "smime/scan.h"
#include "smime/smx_err.h"

struct msgctx {
	const struct msgctx_cfg *cfg;
	struct scan *sc;
	size_t size;
	int too_large;
	int err;
	int exempt;
	char **rcpt_domains;
	size_t nrcpts, rcap;
	int ar_seen, br_seen;		/* headers of each name so far */
	int *forged_ar, *forged_br;	/* their indexes */
	size_t nfar, nfbr;
};

struct msgctx *
msgctx_new(const struct msgctx_cfg *cfg)
{
	struct msgctx *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->cfg = cfg;
	if ((m->sc = scan_new(cfg->vo)) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

struct msgctx *
msgctx_free(struct msgctx *m)
{
	if (m == NULL)
		return NULL;
	scan_free(m->sc);
	for (size_t i = 0; i < m->nrcpts; i++)
		free(m->rcpt_domains[i]);
	free(m->rcpt_domains);
	free(m->forged_ar);
	free(m->forged_br);
	free(m);
	return NULL;
}

void
msgctx_set_exempt(struct msgctx *m, int exempt)
{
	m->exempt = exempt;
}

int
msgctx_rcpt(struct msgctx *m, const char *addr)
{
	char *a, *d, **nr;
	size_t n;

	if (addr == NULL)
		return 0;
	n = strlen(addr);
	if (n >= 2 && addr[0] == '<' && addr[n - 1] == '>')
		a = strndup(addr + 1, n - 2);
	else
		a = strdup(addr);
	if (a == NULL)
		return m->err = SMX_ERR_NOMEM;
	d = (char *)address_domain(a);
	if (d == NULL) {
		free(a);
		return 0;
	}
	memmove(a, d, strlen(d) + 1);
	if (m->nrcpts == m->rcap) {
		size_t cap = m->rcap ? m->rcap * 2 : 4;

		if ((nr = realloc(m->rcpt_domains, cap * sizeof(*nr))) == NULL) {
			free(a);
			return m->err = SMX_ERR_NOMEM;
		}
		m->rcpt_domains = nr;
		m->rcap = cap;
	}
	m->rcpt_domains[m->nrcpts++] = a;
	return 0;
}

/* Feed the stream, unless the message grew too large or failed. */
static int
feed(struct msgctx *m, const void *p, size_t n)
{
	int r;

	m->size += n;	/* counted to the end: the log says the real size */
	if (m->err != 0 || m->too_large)
		return m->err;
	if (m->cfg->max_size != 0 && m->size > m->cfg->max_size) {
		m->too_large = 1;
		return 0;
	}
	if ((r = scan_write(m->sc, p, n)) < 0)
		m->err = r;
	return m->err;
}

static int
remember(int **list, size_t *n, int idx)
{
	int *nl = realloc(*list, (*n + 1) * sizeof(**list));

	if (nl == NULL)
		return SMX_ERR_NOMEM;
	nl[(*n)++] = idx;
	*list = nl;
	return 0;
}

int
msgctx_header(struct msgctx *m, const char *name, const char *value, int leadspc)
{
	int r = 0;

	if (strcasecmp(name, HDR_AR_NAME) == 0) {
		m->ar_seen++;
		if (hdr_ar_is_ours(value, m->cfg->authserv_id))
			r = remember(&m->forged_ar, &m->nfar, m->ar_seen);
	} else if (strcasecmp(name, m->cfg->br_header) == 0) {
		m->br_seen++;
		r = remember(&m->forged_br, &m->nfbr, m->br_seen);
	}
	if (r < 0)
		return m->err = r;
	if ((r = feed(m, name, strlen(name))) < 0 || (r = feed(m, leadspc ? ":" : ": ",
	    leadspc ? 1 : 2)) < 0 || (r = feed(m, value, strlen(value))) < 0)
		return r;
	return feed(m, "\r\n", 2);
}

int
msgctx_eoh(struct msgctx *m)
{
	return feed(m, "\r\n", 2);
}

int
msgctx_body(struct msgctx *m, const void *p, size_t n)
{
	return feed(m, p, n);
}

int
msgctx_raw(struct msgctx *m, const void *p, size_t n)
{
	return feed(m, p, n);
}

/* --- end of message ----------------------------------------------------- */

/* Fixed replies per class: short, stable, groupable by log summarizers. */
static const char *const reject_text[DC_COUNT] = {
	[DC_UNSIGNED] = "S/MIME policy: message must be signed",
	[DC_FAIL] = "S/MIME policy: signature does not verify",
	[DC_POLICY] = "S/MIME policy: signature not acceptable",
	[DC_PERMERROR] = "S/MIME policy: malformed S/MIME",
	[DC_TEMPERROR] = "S/MIME policy: signature could not be checked",
	[DC_NEUTRAL] = "S/MIME policy: signature cannot be judged",
	[DC_BR_FAIL] = "S/MIME policy: certificate not BR compliant",
	[DC_BR_WARN] = "S/MIME policy: certificate not fully BR compliant",
	[DC_BR_NONE] = "S/MIME policy: certificate not issued under the S/MIME BR",
};

static int
add_hdr(struct msg_hdr **list, size_t *n, const char *name, char *value, int idx)
{
	struct msg_hdr *nl = realloc(*list, (*n + 1) * sizeof(**list));

	if (nl == NULL || (value == NULL && idx == 0)) {
		if (nl != NULL)
			*list = nl;
		free(value);
		return SMX_ERR_NOMEM;
	}
	*list = nl;
	nl[*n].name = strdup(name);
	nl[*n].value = value;
	nl[*n].index = idx;
	(*n)++;
	return nl[*n - 1].name == NULL ? SMX_ERR_NOMEM : 0;
}

/*
 * The report of a message that was not (fully) checked.  It keeps the From
 * address when the header got that far: SenderPolicies must still apply,
 * or padding a message past MaximumMessageSize would escape "must be
 * signed".  0 or SMX_ERR_NOMEM.
 */
static int
report_without_scan(struct smx_report *rep, const struct scan *sc, enum smx_result res,
    const char *reason, size_t size)
{
	/* scan_finish() may have failed after moving the From into rep */
	char *from = rep->from;

	rep->from = NULL;
	if (from == NULL && scan_from(sc) != NULL && (from = strdup(scan_from(sc))) == NULL)
		return SMX_ERR_NOMEM;
	smx_report_clear(rep);
	rep->result = res;
	rep->reason = reason;
	rep->bytes = size;
	rep->from = from;
	return 0;
}

static int
build_headers(struct msgctx *m, struct msg_result *r)
{
	int e = 0;

	/* Forgeries first, highest index first within each name. */
	for (size_t i = m->nfar; i-- > 0 && e == 0; )
		e = add_hdr(&r->del, &r->ndel, HDR_AR_NAME, NULL, m->forged_ar[i]);
	for (size_t i = m->nfbr; i-- > 0 && e == 0; )
		e = add_hdr(&r->del, &r->ndel, m->cfg->br_header, NULL, m->forged_br[i]);
	if (e < 0 || r->v.action == ACT_ACCEPT || r->status != MSG_CONTINUE)
		return e;
	/* Each insertion goes to the top: the last one inserted ends up first. */
	if (m->cfg->software != NULL)
		e = add_hdr(&r->ins, &r->nins, "SMIMilter", strdup(m->cfg->software), 0);
	if (e == 0)
		e = add_hdr(&r->ins, &r->nins, m->cfg->br_header,
		    hdr_br_value(&r->v, strlen(m->cfg->br_header)), 0);
	if (e == 0)
		e = add_hdr(&r->ins, &r->nins, HDR_AR_NAME,
		    hdr_ar_value(&r->v, m->cfg->authserv_id, strlen(HDR_AR_NAME)), 0);
	return e;
}

int
msgctx_eom(struct msgctx *m, const char *queue_id, long ms, struct msg_result *r)
{
	struct verdict_env env = { (const char *const *)m->rcpt_domains, m->nrcpts, m->exempt };
	struct logrec lr;
	int e;

	memset(r, 0, sizeof(*r));
	if (m->err == 0 && !m->too_large && (e = scan_finish(m->sc, &r->rep)) < 0)
		m->err = e;
	e = 0;
	if (m->err != 0)
		e = report_without_scan(&r->rep, m->sc, SMX_TEMPERROR, R_INTERNAL, m->size);
	else if (m->too_large)
		e = report_without_scan(&r->rep, m->sc, SMX_PERMERROR, R_TOO_LARGE, m->size);
	if (e < 0 || (e = verdict_build(&r->rep, m->cfg->rules, &env, &r->v)) < 0) {
		smx_report_clear(&r->rep);
		return e;
	}
	switch (r->v.action) {
	case ACT_REJECT:
		r->status = MSG_REJECT;
		r->rcode = "550";
		r->xcode = "5.7.1";
		r->text = reject_text[r->v.decision.cls >= 0 ? r->v.decision.cls : DC_FAIL];
		break;
	case ACT_TEMPFAIL:
		r->status = MSG_TEMPFAIL;
		r->rcode = "451";
		r->xcode = r->v.decision.cls == DC_TEMPERROR ? "4.7.0" : "4.7.1";
		r->text = r->v.decision.cls == DC_TEMPERROR ?
		    "S/MIME check failed temporarily, try again later" :
		    reject_text[r->v.decision.cls >= 0 ? r->v.decision.cls : DC_FAIL];
		break;
	case ACT_QUARANTINE:
		/* Holding nothing beats tempfailing forever: deliver it tagged. */
		if (m->cfg->no_quarantine) {
			r->v.action = ACT_TAG;
			r->quarantine_lost = 1;
		} else
			r->quarantine = reject_text[r->v.decision.cls >= 0 ? r->v.decision.cls : DC_FAIL];
		/* FALLTHROUGH */
	default:
		r->status = MSG_CONTINUE;
	}
	r->success = r->rep.result == SMX_PASS &&
	    (r->v.br_result == BR_PASS || r->v.br_result == BR_NONE);
	if ((e = build_headers(m, r)) == 0 &&
	    (e = logfmt_from_verdict(&lr, queue_id, &r->v, ms)) == 0) {
		r->log = logfmt_line(&lr);
		logfmt_clear(&lr);
		if (r->log == NULL)
			e = SMX_ERR_NOMEM;
	}
	if (e < 0)
		msgctx_result_clear(r);
	return e;
}

void
msgctx_result_clear(struct msg_result *r)
{
	for (size_t i = 0; i < r->ndel; i++)
		free(r->del[i].name);
	for (size_t i = 0; i < r->nins; i++) {
		free(r->ins[i].name);
		free(r->ins[i].value);
	}
	free(r->del);
	free(r->ins);
	free(r->log);
	verdict_clear(&r->v);
	smx_report_clear(&r->rep);
	memset(r, 0, sizeof(*r));
}
