/*
 * log.h: the milter's logging: syslog, and stderr in the foreground.
 */
#ifndef SMX_LOG_H
#define SMX_LOG_H

#include <syslog.h>

/* facility is a LOG_* facility; to_syslog / to_stderr choose the sinks. */
void log_open(const char *ident, int facility, int to_syslog, int to_stderr);
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* log_msg with the calling function's name first, for internal errors. */
#define log_f(prio, ...) log_msg_f(__func__, prio, __VA_ARGS__)
void log_msg_f(const char *func, int prio, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* LOG_MAIL, ... for a SyslogFacility index of conf_facility_words[]. */
int log_facility(int index);

#endif
