/*
 * NAME
 *	log - syslog and stderr for the milter
 * DESCRIPTION
 *	The only place that calls syslog(3).  Messages are formatted once
 *	and go to syslog and, in the foreground (-f), to stderr with a time
 *	stamp.  Every message-derived string in a message is sanitized by
 *	the caller (policy/logfmt builds the per-message line from sanitized
 *	values); this module adds nothing from outside.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "milter/log.h"

static int use_syslog, use_stderr;
static pthread_mutex_t err_lock = PTHREAD_MUTEX_INITIALIZER;

static const int facilities[] = {
	LOG_MAIL, LOG_DAEMON, LOG_USER, LOG_LOCAL0, LOG_LOCAL1, LOG_LOCAL2,
	LOG_LOCAL3, LOG_LOCAL4, LOG_LOCAL5, LOG_LOCAL6, LOG_LOCAL7,
};

int
log_facility(int index)
{
	if (index < 0 || (size_t)index >= sizeof(facilities) / sizeof(facilities[0]))
		return LOG_MAIL;
	return facilities[index];
}

void
log_open(const char *ident, int facility, int to_syslog, int to_stderr)
{
	use_syslog = to_syslog;
	use_stderr = to_stderr;
	if (use_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, facility);
}

static void vlog(int prio, const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void
vlog(int prio, const char *prefix, const char *fmt, va_list ap)
{
	char buf[4096];
	size_t n = 0;

	if (prefix != NULL)
		n = (size_t)snprintf(buf, sizeof(buf), "%s: ", prefix);
	if (n < sizeof(buf))
		vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (use_syslog)
		syslog(prio, "%s", buf);
	if (use_stderr) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", localtime_r(&now, &tm));
		pthread_mutex_lock(&err_lock);
		fprintf(stderr, "%s smimilter: %s\n", ts, buf);
		pthread_mutex_unlock(&err_lock);
	}
}

void
log_msg(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(prio, NULL, fmt, ap);
	va_end(ap);
}

void
log_msg_f(const char *func, int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(prio, func, fmt, ap);
	va_end(ap);
}
