/*
 * NAME
 *	callbacks - the libmilter callbacks: translate, never decide
 * SYNOPSIS
 *	#include "milter/callbacks.h"
 *
 *	extern struct smfiDesc callbacks_desc;
 * DESCRIPTION
 *	Each MTA connection gets a struct conn holding the runtime it started
 *	with and, per message, a msgctx (milter/msgctx.c) that does all the
 *	work.  These callbacks only copy what libmilter lends (macros,
 *	addresses, header fields, body chunks) into it, and at end of message
 *	apply its result through libmilter: forged headers deleted (highest
 *	index first), ours inserted at the top, quarantine, reply, status.
 *
 *	Negotiation asks for the actions we use (add, change headers,
 *	quarantine when offered: without it a quarantine verdict is delivered
 *	tagged, with a warning), skips the steps we do not need (HELO, unknown),
 *	and takes SMFIP_HDR_LEADSPC when offered, so header values come as
 *	sent (and the ones we add carry their own leading space).
 *
 *	On a UNIX socket it also asks not to reply to MAIL, RCPT, each header,
 *	end of header and each body chunk (SMFIP_NR_*): we decide only at end
 *	of message, and a round trip per header field was most of the milter's
 *	system time.  A failure in those steps is then kept and answered at end
 *	of message (OnInternalError), as libmilter would drop any reply.  Not
 *	over inet: the MTA's own unanswered writes would meet Nagle's algorithm
 *	and our delayed ACKs (about 40 ms per message; we cannot set
 *	TCP_NODELAY on the MTA's end).  libmilter answers for us if the MTA
 *	cannot do without replies.  The queue
 *	id ({i}) is read at end of header and again at end of message,
 *	because Postfix assigns it only after the first valid RCPT.
 *
 *	Anything that fails here (memory, a libmilter call) is an internal
 *	error: OnInternalError decides (tempfail by default), so no message
 *	is lost and none passes unchecked unless the admin said so.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "milter/callbacks.h"
#include "milter/log.h"
#include "milter/msgctx.h"
#include "milter/runtime.h"
#include "smime/sanitize.h"

static int noreply_ok;		/* callbacks_set_noreply() */

struct conn {
	struct runtime *rt;
	int internal;		/* client in InternalHosts */
	int noreply;		/* SMFIP_NR_* negotiated for the steps below EOM */
	const char *failed;	/* what failed in a step without a reply */
	int leadspc;		/* SMFIP_HDR_LEADSPC negotiated */
	int no_quarantine;	/* SMFIF_QUARANTINE not offered */
	/* the message in progress */
	struct msgctx *m;
	struct cms_verify_opts vo;	/* the runtime's, with this message's now */
	struct msgctx_cfg mc;
	char qid[64];
	struct timespec t0;
};

/* The connection's context, made (with the current runtime) on first use. */
static struct conn *
conn_of(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		return c;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->rt = runtime_get();
	if (smfi_setpriv(ctx, c) != MI_SUCCESS) {
		runtime_put(c->rt);
		free(c);
		return NULL;
	}
	return c;
}

static void
message_end(struct conn *c)
{
	c->m = msgctx_free(c->m);
	c->qid[0] = '\0';
	c->failed = NULL;
}

void
callbacks_set_noreply(int on)
{
	noreply_ok = on;
}

static void
read_qid(SMFICTX *ctx, struct conn *c)
{
	const char *q = smfi_getsymval(ctx, "i");

	if (q != NULL && c->qid[0] == '\0')
		sanitize_buf(c->qid, sizeof(c->qid), q, strlen(q), SAN_TOKEN);
}

/* OnInternalError, for failures outside the message pipeline. */
static sfsistat
internal_error(SMFICTX *ctx, struct conn *c, const char *what)
{
	int act = c != NULL && c->rt != NULL ? c->rt->cf->on_internal_error : ACT_TEMPFAIL;

	log_msg(LOG_ERR, "%s: internal error: %s; action=%s",
	    c != NULL && c->qid[0] ? c->qid : "NOQUEUE", what, decide_action_name(act));
	if (c != NULL)
		message_end(c);
	switch (act) {
	case ACT_ACCEPT:
	case ACT_TAG:
		return SMFIS_ACCEPT;
	case ACT_REJECT:
		smfi_setreply(ctx, "550", "5.7.0", "S/MIME check failed");
		return SMFIS_REJECT;
	default:
		smfi_setreply(ctx, "451", "4.7.0", "S/MIME check failed temporarily, try again later");
		return SMFIS_TEMPFAIL;
	}
}

/* A step that went well: nothing to say when no reply was negotiated. */
static sfsistat
go_on(const struct conn *c)
{
	return c->noreply ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

/* A step that failed: now, or at end of message when it cannot reply. */
static sfsistat
step_failed(SMFICTX *ctx, struct conn *c, const char *what)
{
	if (c == NULL || !c->noreply)
		return internal_error(ctx, c, what);
	if (c->failed == NULL)
		c->failed = what;
	return SMFIS_NOREPLY;
}

static sfsistat
cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1, unsigned long f2,
    unsigned long f3, unsigned long *pf0, unsigned long *pf1, unsigned long *pf2,
    unsigned long *pf3)
{
	unsigned long need = SMFIF_ADDHDRS | SMFIF_CHGHDRS;
	unsigned long want = SMFIF_QUARANTINE | SMFIF_SETSYMLIST;
	/* Not SMFIP_NODATA: Postfix then sends the DATA macros alone, without
	 * a reply to wait for, and over TCP Nagle holds them ~40 ms a message. */
	unsigned long skip = SMFIP_NOHELO | SMFIP_NOUNKNOWN;
	unsigned long nr = SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH |
	    SMFIP_NR_BODY;
	struct conn *c;

	(void)f2;
	(void)f3;
	if ((f0 & need) != need) {
		log_msg(LOG_ERR, "the MTA does not offer adding and changing headers; filter disabled");
		return SMFIS_REJECT;
	}
	*pf0 = need | (want & f0);
	*pf1 = (skip | SMFIP_HDR_LEADSPC | SMFIP_SKIP | (noreply_ok ? nr : 0)) & f1;
	*pf2 = *pf3 = 0;
	/* The connection's context is born here, to remember the protocol. */
	if ((c = conn_of(ctx)) == NULL)
		return internal_error(ctx, NULL, "no memory for a connection");
	c->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	c->noreply = noreply_ok && (f1 & nr) == nr;	/* libmilter offers them all */
	c->no_quarantine = (f0 & SMFIF_QUARANTINE) == 0;
	if (f0 & SMFIF_SETSYMLIST) {
		smfi_setsymlist(ctx, SMFIM_ENVFROM, "i {auth_authen}");
		smfi_setsymlist(ctx, SMFIM_EOH, "i");
		smfi_setsymlist(ctx, SMFIM_EOM, "i");
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_connect(SMFICTX *ctx, char *host, struct sockaddr *addr)
{
	struct conn *c = conn_of(ctx);

	(void)host;
	if (c == NULL)
		return internal_error(ctx, NULL, "no memory for a connection");
	c->internal = cidr_set_match(c->rt->internal, addr);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = conn_of(ctx);
	const char *auth;
	int exempt;

	(void)argv;
	if (c == NULL)
		return internal_error(ctx, NULL, "no connection context");
	message_end(c);		/* no step failed yet */
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	c->vo = c->rt->vo;
	c->vo.now = time(NULL);
	c->mc = c->rt->mc;
	c->mc.vo = &c->vo;
	c->mc.no_quarantine = c->no_quarantine;
	if ((c->m = msgctx_new(&c->mc)) == NULL)
		return step_failed(ctx, c, "no memory for a message");
	auth = smfi_getsymval(ctx, "{auth_authen}");
	exempt = (c->internal && c->rt->cf->exempt_internal) ||
	    (auth != NULL && *auth != '\0' && c->rt->cf->exempt_authenticated);
	msgctx_set_exempt(c->m, exempt);
	return go_on(c);
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->m == NULL)
		return step_failed(ctx, c, "recipient outside a message");
	msgctx_rcpt(c->m, argv[0]);	/* an error is kept: temperror at the end */
	return go_on(c);
}

static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->m == NULL)
		return step_failed(ctx, c, "header outside a message");
	msgctx_header(c->m, name, value, c->leadspc);
	return go_on(c);
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->m == NULL)
		return step_failed(ctx, c, "end of header outside a message");
	read_qid(ctx, c);
	msgctx_eoh(c->m);
	return go_on(c);
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *p, size_t n)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->m == NULL)
		return step_failed(ctx, c, "body outside a message");
	msgctx_body(c->m, p, n);
	return go_on(c);
}

/* Apply a result through libmilter; 0 or -1 when a call failed. */
static int
apply(SMFICTX *ctx, struct conn *c, const struct msg_result *r)
{
	for (size_t i = 0; i < r->ndel; i++)
		if (smfi_chgheader(ctx, r->del[i].name, r->del[i].index, NULL) != MI_SUCCESS)
			return -1;
	for (size_t i = 0; i < r->nins; i++) {
		char *v = r->ins[i].value, *lead = NULL;

		if (c->leadspc) {
			if ((lead = malloc(strlen(v) + 2)) == NULL)
				return -1;
			lead[0] = ' ';
			strcpy(lead + 1, v);
			v = lead;
		}
		if (smfi_insheader(ctx, 0, r->ins[i].name, v) != MI_SUCCESS) {
			free(lead);
			return -1;
		}
		free(lead);
	}
	if (r->quarantine != NULL && smfi_quarantine(ctx, (char *)r->quarantine) != MI_SUCCESS)
		return -1;
	if (r->status != MSG_CONTINUE &&
	    smfi_setreply(ctx, (char *)r->rcode, (char *)r->xcode, (char *)r->text) != MI_SUCCESS)
		return -1;
	return 0;
}

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	struct msg_result r;
	sfsistat st;

	if (c != NULL && c->failed != NULL)
		return internal_error(ctx, c, c->failed);
	if (c == NULL || c->m == NULL)
		return internal_error(ctx, c, "end of message outside a message");
	read_qid(ctx, c);
	if (msgctx_eom(c->m, c->qid[0] ? c->qid : NULL, elapsed_ms(&c->t0), &r) < 0)
		return internal_error(ctx, c, "no memory for the verdict");
	if (apply(ctx, c, &r) < 0) {
		msgctx_result_clear(&r);
		return internal_error(ctx, c, "the MTA refused a header or reply change");
	}
	if (r.quarantine_lost)
		log_msg(LOG_WARNING, "%s: policy says quarantine, but the MTA does not offer it "
		    "(Postfix: milter_protocol below 6?): delivered tagged instead",
		    c->qid[0] ? c->qid : "NOQUEUE");
	if (!r.success || c->rt->cf->syslog_success)
		log_msg(r.status == MSG_CONTINUE ? LOG_INFO : LOG_NOTICE, "%s", r.log);
	if (c->rt->cf->log_why)
		log_msg(LOG_INFO, "%s: why: class=%s exempt=%s exempted=%s",
		    c->qid[0] ? c->qid : "NOQUEUE", decide_class_name(r.v.decision.cls),
		    c->internal ? "internal" : "no", r.v.decision.exempted ? "yes" : "no");
	st = r.status == MSG_REJECT ? SMFIS_REJECT :
	    r.status == MSG_TEMPFAIL ? SMFIS_TEMPFAIL : SMFIS_CONTINUE;
	msgctx_result_clear(&r);
	message_end(c);
	return st;
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		message_end(c);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_close(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL) {
		message_end(c);
		runtime_put(c->rt);
		free(c);
		smfi_setpriv(ctx, NULL);
	}
	return SMFIS_CONTINUE;
}

struct smfiDesc callbacks_desc = {
	.xxfi_name = (char *)"smimilter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE,
	.xxfi_connect = cb_connect,
	.xxfi_helo = NULL,
	.xxfi_envfrom = cb_envfrom,
	.xxfi_envrcpt = cb_envrcpt,
	.xxfi_header = cb_header,
	.xxfi_eoh = cb_eoh,
	.xxfi_body = cb_body,
	.xxfi_eom = cb_eom,
	.xxfi_abort = cb_abort,
	.xxfi_close = cb_close,
	.xxfi_unknown = NULL,
	.xxfi_data = NULL,
	.xxfi_negotiate = cb_negotiate,
};
