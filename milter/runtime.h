/*
 * runtime.h: everything a message is checked with, built from one
 * configuration snapshot: the conf itself, the trust store, the policy
 * tables, the InternalHosts set, the names.  Reference counted: a
 * connection keeps the runtime it started with across a reload.
 */
#ifndef SMX_RUNTIME_H
#define SMX_RUNTIME_H

#include <stddef.h>

#include "conf/conf.h"
#include "milter/cidr.h"
#include "milter/msgctx.h"
#include "policy/decide.h"
#include "smime/cms_verify.h"

struct runtime {
	struct conf *cf;
	X509_STORE *trust;
	size_t ntrust;
	struct cms_verify_opts vo;	/* now is set per message */
	struct decide_domain *senders, *rcpts;
	struct decide_rules rules;
	struct cidr_set *internal;
	char authserv_id[256];
	char software[320];
	struct msgctx_cfg mc;		/* vo is replaced per message */
	int refs;			/* under the runtime lock */
};

/* Build a runtime from the file at path (NULL: built-in defaults).  On
 * error returns NULL with "FILE:LINE: KEY: ..." or another message in err. */
struct runtime *runtime_load(const char *path, char *err, size_t errlen);

/* The current runtime, with a reference for the caller (never NULL once
 * runtime_install() ran). */
struct runtime *runtime_get(void);
void runtime_put(struct runtime *rt);	/* drop a reference; NULL is fine */
/* Make rt current (taking over the caller's reference); the old one goes
 * when its last connection ends. */
void runtime_install(struct runtime *rt);

#endif
