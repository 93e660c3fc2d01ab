/*
 * conf_check.h: the syntax checks of string values (internal to conf/ and
 * its tests).
 *
 * Each function takes a value from the config file and returns NULL when
 * it is good, or a static phrase saying what is wrong, written to follow
 * the quoted value in an error line: "\"inet:0\" has no port in 1..65535".
 * They only look at the text: no name service, no file system.
 */
#ifndef SMX_CONF_CHECK_H
#define SMX_CONF_CHECK_H

/* Socket: unix:/PATH, local:/PATH, /PATH, inet:PORT[@HOST], inet6:PORT@HOST */
const char *conf_check_socket(const char *v);

/* UserID: "user" or "user:group" */
const char *conf_check_user(const char *v);

/* AuthservID: an RFC 2045 token of at most 255 bytes */
const char *conf_check_token(const char *v);

/* BRHeaderName: an RFC 5322 field name of at most 64 bytes that is not a
 * standard field (incoming copies of the BR header are removed) */
const char *conf_check_field_name(const char *v);

/* InternalHosts: an IPv4 or IPv6 address, with an optional /PREFIX */
const char *conf_check_cidr(const char *v);

/* Domain of a per-domain policy: "example.com" or ".example.com" */
const char *conf_check_domain(const char *v);

#endif
