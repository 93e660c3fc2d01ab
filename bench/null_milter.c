/*
 * NAME
 *	null_milter - the floor under any milter, for bench/run-postfix
 * SYNOPSIS
 *	null_milter -p unix:/path|inet:PORT@HOST
 * DESCRIPTION
 *	A libmilter milter that checks nothing: it negotiates as smimilter
 *	does (milter/callbacks.c: header changes, no HELO and unknown
 *	events, SMFIP_HDR_LEADSPC, no replies before end of message on a
 *	UNIX socket), inserts two header fields at end of message, as
 *	smimilter inserts its two, and prints "null-milter: QID: seen" per
 *	message on stderr, so that the benchmark can count them.
 *
 *	What Postfix and libmilter cost per message with it is the least any
 *	milter costs on the machine at hand: the throughput it reaches is
 *	the ceiling for smimilter's.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

static int unix_socket;

static sfsistat
negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1, unsigned long f2,
    unsigned long f3, unsigned long *pf0, unsigned long *pf1, unsigned long *pf2,
    unsigned long *pf3)
{
	unsigned long nr = SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH |
	    SMFIP_NR_BODY;

	(void)ctx;
	(void)f2;
	(void)f3;
	*pf0 = (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_SETSYMLIST) & f0;
	*pf1 = (SMFIP_NOHELO | SMFIP_NOUNKNOWN | SMFIP_HDR_LEADSPC | SMFIP_SKIP |
	    (unix_socket ? nr : 0)) & f1;
	*pf2 = *pf3 = 0;
	if (f0 & SMFIF_SETSYMLIST)
		smfi_setsymlist(ctx, SMFIM_EOM, (char *)"i");
	return SMFIS_CONTINUE;
}

static sfsistat
step(void)
{
	return unix_socket ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat
connect_(SMFICTX *ctx, char *host, struct sockaddr *addr)
{
	(void)ctx;
	(void)host;
	(void)addr;
	return SMFIS_CONTINUE;
}

static sfsistat
envelope(SMFICTX *ctx, char **argv)
{
	(void)ctx;
	(void)argv;
	return step();
}

static sfsistat
header(SMFICTX *ctx, char *name, char *value)
{
	(void)ctx;
	(void)name;
	(void)value;
	return step();
}

static sfsistat
eoh(SMFICTX *ctx)
{
	(void)ctx;
	return step();
}

static sfsistat
body(SMFICTX *ctx, unsigned char *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return step();
}

static sfsistat
eom(SMFICTX *ctx)
{
	const char *qid = smfi_getsymval(ctx, (char *)"i");

	if (smfi_insheader(ctx, 0, (char *)"X-Null-Milter-Compliance", (char *)" none") != MI_SUCCESS ||
	    smfi_insheader(ctx, 0, (char *)"X-Null-Milter-Results",
	    (char *)" bench.test; smime=none reason=unsigned") != MI_SUCCESS)
		return SMFIS_TEMPFAIL;
	fprintf(stderr, "null-milter: %s: seen\n", qid != NULL ? qid : "NOQUEUE");
	return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
	.xxfi_name = (char *)"null-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS,
	.xxfi_connect = connect_,
	.xxfi_envfrom = envelope,
	.xxfi_envrcpt = envelope,
	.xxfi_header = header,
	.xxfi_eoh = eoh,
	.xxfi_body = body,
	.xxfi_eom = eom,
	.xxfi_negotiate = negotiate,
};

int
main(int argc, char **argv)
{
	const char *sock = NULL;
	int ch;

	while ((ch = getopt(argc, argv, "p:")) != -1) {
		if (ch != 'p') {
			fprintf(stderr, "usage: null_milter -p SOCKET\n");
			return 64;
		}
		sock = optarg;
	}
	if (sock == NULL) {
		fprintf(stderr, "usage: null_milter -p SOCKET\n");
		return 64;
	}
	unix_socket = strncmp(sock, "unix:", 5) == 0 || strncmp(sock, "local:", 6) == 0 ||
	    sock[0] == '/';
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (smfi_setconn((char *)sock) != MI_SUCCESS || smfi_register(desc) != MI_SUCCESS) {
		fprintf(stderr, "null_milter: cannot use %s\n", sock);
		return 71;
	}
	return smfi_main() == MI_SUCCESS ? 0 : 71;
}
