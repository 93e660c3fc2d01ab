# tests/milter/harness.sh: a private Postfix on loopback, smtp-sink behind
# it, and smimilter in its smtpd_milters.  Sourced by the end-to-end
# tests and by scripts/demo; needs root (Postfix's master runs as root).
#
# Everything lives under $H (a fresh temporary directory): Postfix config,
# queue and data directories, the log, the sink's dumps, the milter's
# socket, config and log.  Nothing listens beyond 127.0.0.1; the system
# Postfix is never touched.  Every wait is bounded.  See
# ../shared/docs/POSTFIX-HARNESS.md for the recipe this follows.
#
# Functions: h_init, h_free_port, h_start_sink, h_start_milter CONF [SOCKET],
# h_stop_milter, h_start_postfix MILTER, h_send FILE RCPT [FROM], h_sink_find
# TAG, h_make_br_fail DATA, h_stop_all.  Variables after h_init: H, SMTP_PORT, SINK_PORT,
# MILTER_INET (inet:PORT@127.0.0.1), MILTER_UNIX (unix:$H/milter.sock).

: "${SMIMILTER:?set SMIMILTER to the smimilter binary}"

h_log() { printf '%s\n' "$*" >&2; }

# A free TCP port on 127.0.0.1 at or above $1.
h_free_port() {
	p=$1
	while [ "$p" -lt 65000 ]; do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
		p=$((p + 1))
	done
	return 1
}

h_wait_port() {	# h_wait_port PORT: up to 10 s
	i=0
	while [ $i -lt 200 ]; do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	h_log "port $1 never opened"
	return 1
}

h_init() {
	H=$(mktemp -d /tmp/smimilter-e2e.XXXXXX)
	chmod 755 "$H"
	mkdir -p "$H/pf/etc" "$H/pf/spool" "$H/pf/data" "$H/sink" "$H/logs" "$H/run"
	chown postfix:postfix "$H/pf/data" "$H/sink"
	base=$((20000 + ($$ % 2000) * 10))
	SMTP_PORT=$(h_free_port "$base")
	SINK_PORT=$(h_free_port $((SMTP_PORT + 1)))
	MPORT=$(h_free_port $((SINK_PORT + 1)))
	MILTER_INET="inet:$MPORT@127.0.0.1"
	MILTER_UNIX="unix:$H/run/milter.sock"
	C=$H/pf/etc
	cat > "$C/main.cf" <<EOF
compatibility_level = 3.6
config_directory = $C
queue_directory = $H/pf/spool
data_directory = $H/pf/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $H/logs/maillog
maillog_file_prefixes = $H
myhostname = harness.localdomain
mydomain = localdomain
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
local_recipient_maps =
relay_domains =
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:$SINK_PORT
default_transport = smtp
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
biff = no
smtpd_milters =
non_smtpd_milters =
milter_default_action = tempfail
milter_protocol = 6
milter_connect_timeout = 10s
milter_command_timeout = 10s
milter_content_timeout = 30s
message_size_limit = 104857600
default_process_limit = 100
smtp_destination_concurrency_limit = 20
default_destination_concurrency_limit = 20
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
EOF
	cat > "$C/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
	postfix -c "$C" check >/dev/null 2>&1 || postfix -c "$C" check
}

h_start_sink() {
	smtp-sink -4 -u postfix -h sink.localdomain -d "$H/sink/msg-" \
		"127.0.0.1:$SINK_PORT" 1000 >"$H/logs/sink.out" 2>&1 </dev/null &
	echo $! >"$H/sink.pid"
	h_wait_port "$SINK_PORT"
}

# h_start_milter CONF [SOCKET]: foreground, log to $H/logs/milter.log
h_start_milter() {
	sock=${2:-$MILTER_UNIX}
	"$SMIMILTER" -f -c "$1" -p "$sock" -P "$H/run/smimilter.pid" \
		>>"$H/logs/milter.log" 2>&1 </dev/null &
	echo $! >"$H/milter.pid"
	case $sock in
	inet:*) h_wait_port "$MPORT" ;;
	*)	i=0
		while [ ! -S "${sock#unix:}" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
		[ -S "${sock#unix:}" ] || { h_log "milter socket never appeared"; return 1; }
		chmod 666 "${sock#unix:}" ;;
	esac
}

h_stop_pidfile() {	# h_stop_pidfile FILE: TERM, then wait up to 10 s
	[ -s "$1" ] || return 0
	pid=$(cat "$1")
	kill "$pid" 2>/dev/null || true
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	# Gone by now, normally: then kill fails, which must not end a caller
	# running under set -e (scripts/demo).
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$1"
}

h_stop_milter() { h_stop_pidfile "$H/milter.pid"; }

# h_start_postfix MILTER: (re)start Postfix with smtpd_milters = MILTER
h_start_postfix() {
	postconf -c "$C" -e "smtpd_milters = $1"
	if [ -s "$H/pf/spool/pid/master.pid" ] && postfix -c "$C" status >/dev/null 2>&1; then
		postfix -c "$C" reload >/dev/null 2>&1
		sleep 1
	else
		postfix -c "$C" start >/dev/null 2>&1
	fi
	h_wait_port "$SMTP_PORT"
}

# h_send FILE RCPT [FROM]: send a message file; prints swaks' last reply line.
h_send() {
	out=$H/logs/swaks.$$.$RANDOM
	swaks --server "127.0.0.1:$SMTP_PORT" --helo client.localdomain \
		--from "${3:-alice@example.com}" --to "$2" --data "@$1" --timeout 30 \
		>"$out" 2>&1
	# the reply to the end of DATA, or the first error if DATA never ended
	awk '/^ -> \.$/ { dot = 1; next }
	     /^<(-|\*\*) +[0-9][0-9][0-9] / {
		if (dot) { print; found = 1; exit }
		if (err == "" && $2 ~ /^[45]/) err = $0
	     }
	     END { if (!found) print err }' "$out" | sed 's/^<[-*]* *//'
}

# h_make_br_fail DATA: $H/brfail.eml, signed now with alice's key under a
# certificate that breaks the BR (validity over 825 days): smime=pass,
# br=fail.
h_make_br_fail() {
	printf 'From: Alice Example <alice@example.com>\r\nTo: bob@example.org\r\nSubject: signed, certificate not BR compliant\r\nMIME-Version: 1.0\r\n' > "$H/brfail.hdr"
	printf 'Content-Type: text/plain\r\n\r\nsigned by a non-compliant certificate\r\n' > "$H/brfail.body"
	openssl x509 -in "$1/br/7_1/e_validity_over_825_days.pem" -out "$H/brfail.crt" 2>/dev/null
	openssl cms -sign -in "$H/brfail.body" -signer "$H/brfail.crt" \
		-inkey "$1/pki/keys/alice-rsa2048.key" -md sha256 -crlfeol \
		-certfile "$1/pki/certs/rsa-ca.pem" -out "$H/brfail.smime" 2>/dev/null || return 1
	sed 's/$/\r/' "$H/brfail.smime" | sed 's/\r\r$/\r/' > "$H/brfail.tmp"
	cat "$H/brfail.hdr" "$H/brfail.tmp" > "$H/brfail.eml"
}

# h_sink_find TAG: the sink file holding TAG, waiting up to 15 s.
h_sink_find() {
	i=0
	while [ $i -lt 300 ]; do
		f=$(grep -l -F -- "$1" "$H"/sink/msg-* 2>/dev/null | head -1)
		[ -n "$f" ] && { echo "$f"; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

h_stop_all() {
	postfix -c "$C" stop >/dev/null 2>&1 || true
	h_stop_milter
	h_stop_pidfile "$H/sink.pid"
}

# --- added for bench/run-postfix (new functions only) -----------------------

# h_start_sink_nodump: the sink without -d (a benchmark must not pay for
# writing every message to a file); pid in $H/sink.pid as h_start_sink.
h_start_sink_nodump() {
	smtp-sink -4 -u postfix -h sink.localdomain \
		"127.0.0.1:$SINK_PORT" 1000 >"$H/logs/sink.out" 2>&1 </dev/null &
	echo $! >"$H/sink.pid"
	h_wait_port "$SINK_PORT"
}

# h_queue_count: messages in Postfix's queue (maildrop, incoming, active,
# deferred, hold).
h_queue_count() {
	find "$H/pf/spool/maildrop" "$H/pf/spool/incoming" "$H/pf/spool/active" \
		"$H/pf/spool/deferred" "$H/pf/spool/hold" -type f 2>/dev/null | wc -l
}

# h_wait_queue_empty [SECONDS]: poll every 50 ms until the queue is empty
# (default: up to 600 s); 1 when time ran out or when only deferred mail
# is left (it would wait for a retry).
h_wait_queue_empty() {
	limit=$(( ${1:-600} * 20 ))
	i=0
	while [ $i -lt "$limit" ]; do
		[ "$(h_queue_count)" -eq 0 ] && return 0
		if [ $((i % 20)) = 19 ] && [ -z "$(find "$H/pf/spool/maildrop" "$H/pf/spool/incoming" \
		    "$H/pf/spool/active" -type f 2>/dev/null | head -1)" ]; then
			h_log "queue: only deferred or held mail left ($(h_queue_count))"
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	h_log "queue not empty after ${1:-600} s ($(h_queue_count) left)"
	return 1
}

# h_restart_postfix MILTER: stop Postfix, then start it with smtpd_milters
# = MILTER (a reload leaves busy smtpd processes on the old setting).
h_restart_postfix() {
	if [ -s "$H/pf/spool/pid/master.pid" ]; then
		mpid=$(tr -d ' ' <"$H/pf/spool/pid/master.pid")
		postfix -c "$C" stop >/dev/null 2>&1
		i=0
		while kill -0 "$mpid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	fi
	h_start_postfix "$1"
}

# h_rss PID: the process's resident set size in kB (VmRSS), or "-".
h_rss() {
	[ -r "/proc/$1/status" ] || { echo -; return; }
	awk '/^VmRSS:/ { print $2; found = 1 } END { if (!found) print "-" }' "/proc/$1/status"
}
