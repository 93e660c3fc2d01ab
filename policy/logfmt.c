/*
 * NAME
 *	logfmt - write and parse the per-message log line
 * SYNOPSIS
 *	#include "policy/logfmt.h"
 *
 *	int logfmt_from_verdict(struct logrec *r, const char *queue_id,
 *	    const struct verdict *v, long ms);
 *	char *logfmt_line(const struct logrec *r);
 *	int logfmt_parse(const char *line, struct logrec *r);
 * DESCRIPTION
 *	One line per message, queue id first, like Postfix's own lines, so
 *	that grep on a queue id finds ours next to the MTA's.  The writer and
 *	the parser share the key table and the quoting rule, and the round
 *	trip is a unit test: a report built from the logs sees exactly what
 *	the milter decided.  The parser accepts a syslog prefix before the
 *	queue id ("... smimilter[123]: QUEUEID: ...").
 * OWNERSHIP
 *	A logrec owns its strings (logfmt_clear()).
 * DIAGNOSTICS
 *	SMX_ERR_NOMEM, SMX_ERR_PARSE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/logfmt.h"
#include "smime/sanitize.h"
#include "smime/smx_err.h"

const char *const logfmt_keys[LK_COUNT] = {
	[LK_SMIME] = "smime", [LK_REASON] = "reason", [LK_FROM] = "from",
	[LK_SIGNERS] = "signers", [LK_IDENTITY] = "identity",
	[LK_FROM_MATCH] = "from_match", [LK_ISSUER] = "issuer",
	[LK_SERIAL] = "serial", [LK_KEY_ALG] = "key_alg", [LK_SIG_ALG] = "sig_alg",
	[LK_DIGEST_ALG] = "digest_alg", [LK_BR] = "br", [LK_BR_TYPE] = "br_type",
	[LK_BR_GEN] = "br_gen", [LK_FINDINGS] = "findings", [LK_ACTION] = "action",
	[LK_SIZE] = "size", [LK_LAYERS] = "layers", [LK_MS] = "ms",
};

/* Keys whose value is an address, written in angle brackets. */
static int
is_addr_key(int k)
{
	return k == LK_FROM || k == LK_IDENTITY;
}

static int
bare_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("._,:@+/-", c) != NULL);
}

void
logfmt_clear(struct logrec *r)
{
	free(r->queue_id);
	for (int k = 0; k < LK_COUNT; k++)
		free(r->val[k]);
	memset(r, 0, sizeof(*r));
}

/* --- from a verdict ------------------------------------------------------- */

static int
set(struct logrec *r, int k, const char *s, enum san_class cls)
{
	if (s == NULL)
		return 0;
	free(r->val[k]);
	return (r->val[k] = sanitize(s, cls, SAN_MAX_DEFAULT)) == NULL ? SMX_ERR_NOMEM : 0;
}

static int
setf(struct logrec *r, int k, long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	return set(r, k, buf, SAN_TOKEN);
}

/* The signer whose result is the message's, else the first; NULL if none. */
static const struct smx_signer *
deciding(const struct smx_report *rep)
{
	const struct smx_signer *first = NULL;

	for (size_t i = 0; i < rep->nlayers; i++)
		for (size_t j = 0; j < rep->layers[i].nsigners; j++) {
			const struct smx_signer *s = &rep->layers[i].signers[j];

			if (s->result == rep->result)
				return s;
			if (first == NULL)
				first = s;
		}
	return first;
}

/* Comma-joined finding codes, each once. */
static int
findings(struct logrec *r, const struct br_verdict *b)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < b->nfindings; i++)
		len += strlen(b->findings[i].rule->code) + 1;
	if ((out = malloc(len)) == NULL)
		return SMX_ERR_NOMEM;
	out[0] = '\0';
	for (size_t i = 0; i < b->nfindings; i++) {
		const char *code = b->findings[i].rule->code;
		int dup = 0;

		for (size_t j = 0; j < i && !dup; j++)
			dup = b->findings[j].rule == b->findings[i].rule;
		if (dup)
			continue;
		if (out[0] != '\0')
			strcat(out, ",");
		strcat(out, code);
	}
	if (out[0] != '\0')
		r->val[LK_FINDINGS] = out;
	else
		free(out);
	return 0;
}

int
logfmt_from_verdict(struct logrec *r, const char *queue_id, const struct verdict *v,
    long ms)
{
	const struct smx_report *rep = v->rep;
	const struct smx_signer *s;
	size_t n = 0;
	int e = 0;

	memset(r, 0, sizeof(*r));
	if ((r->queue_id = sanitize(queue_id ? queue_id : "NOQUEUE", SAN_TOKEN, 64)) == NULL)
		return SMX_ERR_NOMEM;
	for (size_t i = 0; i < rep->nlayers; i++)
		n += rep->layers[i].nsigners;
	e |= set(r, LK_SMIME, smx_result_name(rep->result), SAN_TOKEN);
	if (rep->result != SMX_PASS)
		e |= set(r, LK_REASON, rep->reason, SAN_TOKEN);
	e |= set(r, LK_FROM, rep->from, SAN_ADDR);
	e |= setf(r, LK_SIGNERS, (long)n);
	if ((s = deciding(rep)) != NULL) {
		e |= set(r, LK_IDENTITY, s->identity, SAN_ADDR);
		e |= set(r, LK_FROM_MATCH, s->from_match ? "yes" : "no", SAN_TOKEN);
		e |= set(r, LK_ISSUER, s->issuer, SAN_UTF8);
		e |= set(r, LK_SERIAL, s->serial, SAN_HEX);
		e |= set(r, LK_KEY_ALG, s->key_alg, SAN_TOKEN);
		e |= set(r, LK_SIG_ALG, s->sig_alg, SAN_TOKEN);
		e |= set(r, LK_DIGEST_ALG, s->digest_alg, SAN_TOKEN);
	}
	e |= set(r, LK_BR, br_result_name(v->br_result), SAN_TOKEN);
	if (v->br_worst != NULL && v->br_worst->reason == NULL) {
		e |= set(r, LK_BR_TYPE, br_type_name(v->br_worst->prof.type), SAN_TOKEN);
		e |= set(r, LK_BR_GEN, br_gen_name(v->br_worst->prof.gen), SAN_TOKEN);
		e |= findings(r, v->br_worst);
	}
	e |= set(r, LK_ACTION, decide_action_name(v->action), SAN_TOKEN);
	e |= setf(r, LK_SIZE, (long)rep->bytes);
	e |= setf(r, LK_LAYERS, (long)rep->nlayers);
	e |= setf(r, LK_MS, ms);
	if (e != 0) {
		logfmt_clear(r);
		return SMX_ERR_NOMEM;
	}
	return 0;
}

/* --- writing ---------------------------------------------------------------- */

char *
logfmt_line(const struct logrec *r)
{
	char *buf;
	size_t len = strlen(r->queue_id) + 2, pos;

	for (int k = 0; k < LK_COUNT; k++)
		if (r->val[k] != NULL)
			len += strlen(logfmt_keys[k]) + 4 + 2 * strlen(r->val[k]) + 2;
	if ((buf = malloc(len + 1)) == NULL)
		return NULL;
	pos = (size_t)sprintf(buf, "%s:", r->queue_id);
	for (int k = 0; k < LK_COUNT; k++) {
		const char *v = r->val[k];
		int bare = 1;

		if (v == NULL)
			continue;
		for (const char *p = v; *p && bare; p++)
			bare = bare_char((unsigned char)*p);
		pos += (size_t)sprintf(buf + pos, " %s=", logfmt_keys[k]);
		if (is_addr_key(k) && bare) {
			pos += (size_t)sprintf(buf + pos, "<%s>", v);
			continue;
		}
		if (bare && *v != '\0') {
			pos += (size_t)sprintf(buf + pos, "%s", v);
			continue;
		}
		buf[pos++] = '"';
		for (const char *p = v; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf[pos++] = '\\';
			buf[pos++] = *p;
		}
		buf[pos++] = '"';
	}
	buf[pos] = '\0';
	return buf;
}

/* --- parsing ---------------------------------------------------------------- */

static int
key_index(const char *k, size_t n)
{
	for (int i = 0; i < LK_COUNT; i++)
		if (strlen(logfmt_keys[i]) == n && memcmp(logfmt_keys[i], k, n) == 0)
			return i;
	return -1;
}

/* One value at *pp into a new string; advances *pp. */
static char *
parse_value(const char **pp, int *err)
{
	const char *p = *pp;
	char *out, *o;

	if ((out = malloc(strlen(p) + 1)) == NULL) {
		*err = SMX_ERR_NOMEM;
		return NULL;
	}
	o = out;
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			*o++ = *p;
		}
		if (*p != '"') {
			free(out);
			*err = SMX_ERR_PARSE;
			return NULL;
		}
		p++;
	} else if (*p == '<') {
		for (p++; *p && *p != '>'; p++)
			*o++ = *p;
		if (*p != '>') {
			free(out);
			*err = SMX_ERR_PARSE;
			return NULL;
		}
		p++;
	} else {
		while (*p && *p != ' ')
			*o++ = *p++;
	}
	*o = '\0';
	*pp = p;
	return out;
}

/* Where the queue id starts: after a "prog[pid]: " syslog prefix if any. */
static const char *
after_prefix(const char *line)
{
	const char *p = strstr(line, "]: ");

	return p != NULL && strstr(line, " smime=") > p ? p + 3 : line;
}

int
logfmt_parse(const char *line, struct logrec *r)
{
	const char *p = after_prefix(line), *colon;
	int err = 0, seen = 0;

	memset(r, 0, sizeof(*r));
	if ((colon = strstr(p, ": ")) == NULL || colon == p)
		return SMX_ERR_PARSE;
	/* A queue id is a token, as the writer makes it (SAN_TOKEN). */
	for (const char *q = p; q < colon; q++)
		if (!bare_char((unsigned char)*q) || *q == ':' || *q == ',' || *q == '@' || *q == '/')
			return SMX_ERR_PARSE;
	if ((r->queue_id = strndup(p, (size_t)(colon - p))) == NULL)
		return SMX_ERR_NOMEM;
	for (p = colon + 1; *p == ' '; ) {
		const char *k = ++p, *eq = strchr(p, '=');
		char *v;
		int idx;

		if (eq == NULL || memchr(k, ' ', (size_t)(eq - k)) != NULL) {
			err = SMX_ERR_PARSE;
			break;
		}
		idx = key_index(k, (size_t)(eq - k));
		p = eq + 1;
		if ((v = parse_value(&p, &err)) == NULL)
			break;
		if (idx < 0 || r->val[idx] != NULL) {
			free(v);	/* unknown (newer) key, or a repeat: the first counts */
			continue;
		}
		r->val[idx] = v;
		seen |= idx == LK_SMIME;
	}
	if (err == 0 && (*p != '\0' || !seen))
		err = SMX_ERR_PARSE;
	if (err != 0)
		logfmt_clear(r);
	return err;
}
