/*
 * NAME
 *	smimilter - the S/MIME and BR compliance milter daemon
 * SYNOPSIS
 *	smimilter [-c FILE] [-p SOCKET] [-u USER[:GROUP]] [-P PIDFILE] [-f] [-n] [-V]
 * DESCRIPTION
 *	Loads the configuration (built-in defaults without -c: tag only,
 *	never reject), checks it and exits with -n, else detaches (unless
 *	-f), writes the PidFile, drops to UserID, applies UMask, opens the
 *	socket and serves.  Command-line options win over the file.
 *
 *	Signals: libmilter runs in a thread of its own, so that the main
 *	thread, which Linux prefers for process-directed signals, receives
 *	them in sigwait(): SIGHUP and SIGUSR1 build a new runtime from the
 *	same file and install it if it loads (connections in flight finish
 *	on the snapshot they started with; a bad file is logged and the
 *	running configuration kept); SIGTERM and SIGINT stop libmilter and
 *	end cleanly, removing the PidFile.  Without this, libmilter's own
 *	signal thread would end the milter on SIGHUP.
 *
 *	On inet sockets every accepted connection gets TCP_NODELAY (set on
 *	the listening socket, which Linux copies to accepted ones): libmilter
 *	sends each header change as a packet of its own, and Nagle's
 *	algorithm meeting the MTA's delayed ACKs would cost some 40 ms per
 *	message.  On a UNIX socket the milter asks the MTA not to wait for
 *	replies before end of message (milter/callbacks.c).
 * EXIT STATUS
 *	0 on a clean stop or a good configuration (-n); 78 (EX_CONFIG) for a
 *	bad configuration; 71 (EX_OSERR) when the socket, privileges or
 *	libmilter fail; 64 (EX_USAGE) for bad options.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "milter/callbacks.h"
#include "milter/log.h"
#include "milter/runtime.h"
#include "smime/chain_cache.h"
#include "smime/cms_certs.h"
#include "smime/mldsa.h"

struct opts {
	const char *config, *socket, *user, *pidfile;
	int foreground, check;
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: smimilter [-c FILE] [-p SOCKET] [-u USER[:GROUP]] [-P PIDFILE] "
	    "[-f] [-n] [-V]\n");
}

static void
version(void)
{
	unsigned int maj = 0, min = 0, pl = 0;

	smfi_version(&maj, &min, &pl);
	printf("%s %s (%s, libmilter %u.%u.%u, ML-DSA by %s)\n", PACKAGE_NAME,
	    PACKAGE_VERSION, OpenSSL_version(OPENSSL_VERSION), maj, min, pl, mldsa_backend());
}

/* Drop to "user" or "user:group"; 0 or -1 with a message logged. */
static int
drop_privileges(const char *spec)
{
	char user[256], *colon;
	struct passwd *pw;
	struct group *gr;
	gid_t gid;

	snprintf(user, sizeof(user), "%s", spec);
	if ((colon = strchr(user, ':')) != NULL)
		*colon++ = '\0';
	if ((pw = getpwnam(user)) == NULL) {
		log_msg(LOG_ERR, "UserID %s: no such user", user);
		return -1;
	}
	gid = pw->pw_gid;
	if (colon != NULL) {
		if ((gr = getgrnam(colon)) == NULL) {
			log_msg(LOG_ERR, "UserID %s: no such group %s", spec, colon);
			return -1;
		}
		gid = gr->gr_gid;
	}
	if (getuid() == pw->pw_uid)
		return 0;
	if (initgroups(pw->pw_name, gid) != 0 || setgid(gid) != 0 || setuid(pw->pw_uid) != 0) {
		log_msg(LOG_ERR, "UserID %s: cannot become that user: %s", spec, strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_pidfile(const char *path)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL) {
		log_msg(LOG_ERR, "PidFile %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(fp, "%ld\n", (long)getpid());
	return fclose(fp) == 0 ? 0 : -1;
}

/*
 * TCP_NODELAY on our listening inet sockets (libmilter does not expose
 * them); on a UNIX socket, no replies before end of message (callbacks.c).
 */
static void
tune_listeners(void)
{
	int one = 1;

	for (int fd = 3; fd < 1024; fd++) {
		int acc = 0, dom = 0;
		socklen_t l1 = sizeof(acc), l2 = sizeof(dom);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &l1) != 0 || !acc)
			continue;
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &l2) != 0)
			continue;
		if (dom == AF_UNIX)
			callbacks_set_noreply(1);
		if (dom != AF_INET && dom != AF_INET6)
			continue;
		if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0)
			log_msg(LOG_WARNING, "TCP_NODELAY on the listening socket: %s",
			    strerror(errno));
	}
}

static void *
milter_thread(void *arg)
{
	int *rc = arg;

	*rc = smfi_main();
	return NULL;
}

/* Reload on SIGHUP / SIGUSR1; return on SIGTERM / SIGINT. */
static void
serve_signals(const char *config)
{
	sigset_t set;
	char err[1024];
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGTERM || sig == SIGINT) {
			log_msg(LOG_INFO, "stopping on signal %d", sig);
			return;
		}
		struct runtime *rt = runtime_load(config, err, sizeof(err));

		if (rt == NULL) {
			log_msg(LOG_ERR, "reload failed, keeping the running configuration: %s", err);
			continue;
		}
		runtime_install(rt);
		log_msg(LOG_INFO, "configuration reloaded from %s", config ? config : "(defaults)");
	}
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt(argc, argv, "c:p:u:P:fnVh")) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'p': o->socket = optarg; break;
		case 'u': o->user = optarg; break;
		case 'P': o->pidfile = optarg; break;
		case 'f': o->foreground = 1; break;
		case 'n': o->check = 1; break;
		case 'V': version(); exit(0);
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct runtime *rt;
	struct conf *cf;
	char err[1024];
	const char *sock, *user, *pidfile;
	sigset_t set;
	pthread_t th;
	int rc = MI_FAILURE;

	if (parse_opts(argc, argv, &o) < 0)
		return EX_USAGE;
	if ((rt = runtime_load(o.config, err, sizeof(err))) == NULL) {
		fprintf(stderr, "smimilter: %s\n", err);
		return EX_CONFIG;
	}
	if (o.check) {
		printf("smimilter: %s: configuration OK (%zu trust anchors)\n",
		    o.config ? o.config : "built-in defaults", rt->ntrust);
		runtime_put(rt);
		return 0;
	}
	cf = rt->cf;
	sock = o.socket ? o.socket : cf->socket;
	user = o.user ? o.user : cf->user_id;
	pidfile = o.pidfile ? o.pidfile : cf->pid_file;
	log_open("smimilter", log_facility(cf->syslog_facility), cf->syslog, o.foreground);
	if (!o.foreground && daemon(0, 0) != 0) {
		fprintf(stderr, "smimilter: cannot detach: %s\n", strerror(errno));
		return EX_OSERR;
	}
	if (pidfile != NULL && write_pidfile(pidfile) < 0)
		return EX_OSERR;
	if (user != NULL && drop_privileges(user) < 0)
		return EX_OSERR;
	umask((mode_t)cf->umask);
	runtime_install(rt);

	if (smfi_setconn((char *)sock) != MI_SUCCESS || smfi_register(callbacks_desc) != MI_SUCCESS ||
	    smfi_opensocket(1) != MI_SUCCESS) {
		log_msg(LOG_ERR, "cannot open the milter socket %s", sock);
		return EX_OSERR;
	}
	tune_listeners();
	/* Signals for the main thread only: libmilter's threads inherit the block. */
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	signal(SIGPIPE, SIG_IGN);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&th, NULL, milter_thread, &rc) != 0) {
		log_msg(LOG_ERR, "cannot start the milter thread");
		return EX_OSERR;
	}
	log_msg(LOG_INFO, "%s %s listening on %s", PACKAGE_NAME, PACKAGE_VERSION, sock);
	serve_signals(o.config);
	smfi_stop();
	pthread_join(th, NULL);
	if (pidfile != NULL)
		unlink(pidfile);
	runtime_install(NULL);
	chain_cache_clear();	/* its references to the last store and chains */
	cms_certs_clear();
	log_msg(LOG_INFO, "stopped");
	return rc == MI_SUCCESS ? 0 : EX_OSERR;
}
