/*
 * NAME
 *	runtime - configuration snapshot, trust store and policy, swapped
 *	atomically on reload
 * SYNOPSIS
 *	#include "milter/runtime.h"
 *
 *	struct runtime *runtime_load(const char *path, char *err, size_t errlen);
 *	struct runtime *runtime_get(void);
 *	void runtime_put(struct runtime *rt);
 *	void runtime_install(struct runtime *rt);
 * DESCRIPTION
 *	A reload builds a complete new runtime first (config, trust anchors,
 *	InternalHosts, policy tables) and installs it only if every part
 *	loaded, so a bad file or a broken anchor leaves the running one in
 *	place.  Connections take a reference at connect time and keep it to
 *	the end, so a message is judged by one snapshot from start to end.
 * OWNERSHIP
 *	The current runtime holds one reference of its own; runtime_get()
 *	adds one for its caller.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "milter/hdr_ar.h"
#include "milter/runtime.h"
#include "smime/trust.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct runtime *current;

static void
runtime_free(struct runtime *rt)
{
	if (rt == NULL)
		return;
	X509_STORE_free(rt->trust);
	cidr_set_free(rt->internal);
	free(rt->senders);
	free(rt->rcpts);
	conf_unref(rt->cf);
	free(rt);
}

/* conf's per-domain policies as decide's. */
static struct decide_domain *
domains(const struct conf_domain_policy *p, size_t n)
{
	struct decide_domain *d = calloc(n ? n : 1, sizeof(*d));

	for (size_t i = 0; d != NULL && i < n; i++) {
		d[i].domain = p[i].domain;
		for (int c = 0; c < DC_COUNT; c++)
			d[i].p.on[c] = p[i].on[c] == CONF_ACTION_UNSET ? ACT_UNSET : p[i].on[c];
	}
	return d;
}

struct runtime *
runtime_load(const char *path, char *err, size_t errlen)
{
	struct runtime *rt = calloc(1, sizeof(*rt));
	struct conf *cf;
	long bad;

	_Static_assert(CONF_NCLASSES == DC_COUNT, "conf/ and policy/ agree on the classes");
	if (rt == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((cf = rt->cf = conf_load(path, err, errlen)) == NULL)
		goto bad;
	if (cf->trust_anchors != NULL &&
	    trust_load(cf->trust_anchors, &rt->trust, &rt->ntrust, err, errlen) < 0)
		goto bad;
	rt->internal = cidr_set_new((const char *const *)cf->internal_hosts.v,
	    cf->internal_hosts.n, &bad);
	if (rt->internal == NULL) {
		snprintf(err, errlen, "%s: InternalHosts: bad entry %ld",
		    cf->file ? cf->file : "(defaults)", bad + 1);
		goto bad;
	}
	rt->senders = domains(cf->sender_policies, cf->nsender_policies);
	rt->rcpts = domains(cf->recipient_policies, cf->nrecipient_policies);
	if (rt->senders == NULL || rt->rcpts == NULL) {
		snprintf(err, errlen, "out of memory");
		goto bad;
	}
	for (int c = 0; c < DC_COUNT; c++)
		rt->rules.global.on[c] = cf->on[c];
	rt->rules.senders = rt->senders;
	rt->rules.nsenders = cf->nsender_policies;
	rt->rules.rcpts = rt->rcpts;
	rt->rules.nrcpts = cf->nrecipient_policies;

	rt->vo.trust = rt->trust;
	rt->vo.skew = cf->signing_time_skew;
	rt->vo.allow_sha1 = cf->allow_sha1;
	rt->vo.allow_md5 = cf->allow_md5;
	rt->vo.allow_weak_mldsa_digest = cf->allow_weak_mldsa_digest;
	rt->vo.require_from_match = cf->require_from_match;
	rt->vo.lim = &cf->limits;

	if (cf->authserv_id != NULL)
		snprintf(rt->authserv_id, sizeof(rt->authserv_id), "%s", cf->authserv_id);
	else if (gethostname(rt->authserv_id, sizeof(rt->authserv_id) - 1) != 0 ||
	    rt->authserv_id[0] == '\0')
		snprintf(rt->authserv_id, sizeof(rt->authserv_id), "localhost");
	snprintf(rt->software, sizeof(rt->software), "%s %s on %s", PACKAGE_NAME,
	    PACKAGE_VERSION, rt->authserv_id);
	rt->mc.vo = &rt->vo;
	rt->mc.rules = &rt->rules;
	rt->mc.authserv_id = rt->authserv_id;
	rt->mc.br_header = cf->br_header_name != NULL ? cf->br_header_name : HDR_BR_NAME_DEFAULT;
	rt->mc.max_size = cf->max_message_size;
	rt->mc.software = cf->software_header ? rt->software : NULL;
	rt->refs = 1;
	return rt;
bad:
	runtime_free(rt);
	return NULL;
}

struct runtime *
runtime_get(void)
{
	struct runtime *rt;

	pthread_mutex_lock(&lock);
	if ((rt = current) != NULL)
		rt->refs++;
	pthread_mutex_unlock(&lock);
	return rt;
}

void
runtime_put(struct runtime *rt)
{
	int last;

	if (rt == NULL)
		return;
	pthread_mutex_lock(&lock);
	last = --rt->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last)
		runtime_free(rt);
}

void
runtime_install(struct runtime *rt)
{
	struct runtime *old;

	pthread_mutex_lock(&lock);
	old = current;
	current = rt;
	pthread_mutex_unlock(&lock);
	runtime_put(old);
}
